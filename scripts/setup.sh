#!/usr/bin/env bash
# Installs what building and testing Relance needs on Debian 12 / Ubuntu 22.04+.
# Idempotent: a second run checks and returns in about a second without apt.
# Works as root, or through sudo for a normal user.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

say() { printf '\033[1m==> %s\033[0m\n' "$*"; }

as_root() {
  if [ "$(id -u)" -eq 0 ]; then
    "$@"
  elif command -v sudo >/dev/null 2>&1; then
    sudo "$@"
  else
    echo "setup: need root for: $*  (run as root or install sudo)" >&2
    exit 1
  fi
}

# --- system packages ---------------------------------------------------------
# Tauri/WebKitGTK build deps, Xvfb + WebKitWebDriver for the e2e tests,
# poppler-utils to read generated PDFs back, DejaVu for the PDF font,
# locales so the app can run in French (the UI language follows the locale).
apt_packages=(
  libwebkit2gtk-4.1-dev libgtk-3-dev libsoup-3.0-dev librsvg2-dev
  libayatana-appindicator3-dev build-essential pkg-config libssl-dev
  xvfb webkit2gtk-driver poppler-utils fonts-dejavu-core locales procps
)
missing=()
for pkg in "${apt_packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$pkg")
  fi
done
if [ "${#missing[@]}" -gt 0 ]; then
  say "apt-get install ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# --- locales -----------------------------------------------------------------
# WebKit takes navigator.language from the C library's locale, which falls
# back to "C" (English UI) when fr_FR.UTF-8 is not generated.
need_locales=()
for loc in fr_FR en_US; do
  if ! locale -a 2>/dev/null | grep -qi "^${loc}\.utf-\?8$"; then
    need_locales+=("$loc")
  fi
done
if [ "${#need_locales[@]}" -gt 0 ]; then
  say "generating locales ${need_locales[*]}"
  for loc in "${need_locales[@]}"; do
    as_root sed -i "s/^# *\(${loc}\.UTF-8 UTF-8\)/\1/" /etc/locale.gen
    grep -q "^${loc}\.UTF-8 UTF-8" /etc/locale.gen || echo "${loc}.UTF-8 UTF-8" | as_root tee -a /etc/locale.gen >/dev/null
  done
  as_root locale-gen >/dev/null
fi

# --- Rust --------------------------------------------------------------------
if ! command -v cargo >/dev/null 2>&1 && [ -x "$HOME/.cargo/bin/cargo" ]; then
  export PATH="$HOME/.cargo/bin:$PATH"
fi
if ! command -v cargo >/dev/null 2>&1; then
  cat >&2 <<'EOF'
setup: cargo not found. Install the Rust toolchain with rustup
  (https://rustup.rs: curl --proto '=https' --tlsv1.2 -sSf https://sh.rustup.rs | sh),
then open a new shell (or `source "$HOME/.cargo/env"`) and run this script again.
EOF
  exit 1
fi

# --- Node --------------------------------------------------------------------
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  say "apt-get install nodejs npm"
  export DEBIAN_FRONTEND=noninteractive
  as_root apt-get update -qq
  as_root apt-get install -y -qq nodejs npm
fi
node_major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$node_major" -lt 18 ]; then
  echo "setup: node $(node --version) is too old for Vite 6; install Node.js 18 or newer" >&2
  exit 1
fi

# --- UI dependencies ---------------------------------------------------------
# Reinstall when node_modules is missing or package-lock.json changed since the
# last install (npm keeps its own copy of the lock in node_modules).
lock=ui/package-lock.json
installed_lock=ui/node_modules/.package-lock.json
stamp=ui/node_modules/.relance-lock.sha256
want=$(sha256sum "$lock" | cut -d' ' -f1)
if [ ! -d ui/node_modules ] || [ ! -f "$installed_lock" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  say "npm ci (ui/)"
  (cd ui && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
fi

# --- tauri-driver ------------------------------------------------------------
if ! command -v tauri-driver >/dev/null 2>&1; then
  say "cargo install tauri-driver --locked"
  cargo install tauri-driver --locked
fi

say "setup ok: $(cargo --version), node $(node --version), tauri-driver at $(command -v tauri-driver)"
