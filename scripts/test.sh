#!/usr/bin/env bash
# Everything CI checks, in order; stops at the first failure.
# The end-to-end scenarios run for real (RELANCE_E2E=1) in a private Xvfb.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"

section() { printf '\n\033[1;34m==== %s ====\033[0m\n' "$*"; }
started=$SECONDS
step_started=$SECONDS
done_step() { printf '\033[2m(%ss)\033[0m\n' "$((SECONDS - step_started))"; step_started=$SECONDS; }

section "setup"
bash scripts/setup.sh
if ! command -v cargo >/dev/null 2>&1; then export PATH="$HOME/.cargo/bin:$PATH"; fi
done_step

section "ui: type-check and build (ui/dist, embedded into the app)"
(cd ui && npm run build)
done_step

section "ui: unit tests (vitest)"
(cd ui && npm test)
done_step

# Debug on purpose (faster to compile). `--workspace --all-targets` resolves
# dependency features exactly like `cargo test --workspace`, so the next step
# reuses every artifact, and the app binary the e2e harness drives
# (target/debug/relance-desktop) is built once, not twice: `-p relance-desktop`
# would compile the Tauri stack a second time with other features.
# The harness runs this same command, a no-op here.
section "rust: cargo build --workspace --all-targets (debug, includes the app)"
cargo build --workspace --all-targets
done_step

# DISPLAY is unset so the e2e harness always starts its own Xvfb: the same
# 1280x800 screen everywhere, and no windows popping up on a developer's desktop.
section "rust: cargo test --workspace (unit, integration, end to end)"
env -u DISPLAY RELANCE_E2E=1 cargo test --workspace
done_step

# Arbitrary bytes through the import's CSV reader for 60 s on the stable
# toolchain (cargo-fuzz with RUSTC_BOOTSTRAP=1); a panic or a broken invariant
# fails CI. First run: installs cargo-fuzz (~2 min) and builds (~6 min).
section "fuzz: the CSV reader for ${FUZZ_SECONDS:-60} s (scripts/fuzz.sh)"
bash scripts/fuzz.sh
done_step

section "all checks passed in $((SECONDS - started))s"
