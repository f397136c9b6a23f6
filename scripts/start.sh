#!/usr/bin/env bash
# Builds and starts the real app (release build, embedded UI).
# RELANCE_DATA_DIR, when set, chooses the data folder; otherwise the OS one
# (~/.local/share/relance on Linux). Extra arguments go to the app.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

bash scripts/setup.sh
if ! command -v cargo >/dev/null 2>&1; then export PATH="$HOME/.cargo/bin:$PATH"; fi

printf '\033[1m==> %s\033[0m\n' "building the UI (ui/dist)"
(cd ui && npm run build)

printf '\033[1m==> %s\033[0m\n' "building the app (release)"
cargo build --release -p relance-desktop

target_dir=${CARGO_TARGET_DIR:-$root/target}
printf '\033[1m==> %s\033[0m\n' "starting Relance${RELANCE_DATA_DIR:+ (data: $RELANCE_DATA_DIR)}"
exec "$target_dir/release/relance-desktop" "$@"
