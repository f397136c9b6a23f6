#!/usr/bin/env bash
# Fuzzes the CSV reader of the import (fuzz/fuzz_targets/read_table.rs) for a
# bounded time on the STABLE toolchain; exits non-zero on a crash (the input
# is kept in fuzz/artifacts/read_table/).
#
#   bash scripts/fuzz.sh            # 60 s
#   FUZZ_SECONDS=600 bash scripts/fuzz.sh
#
# cargo-fuzz asks rustc for libFuzzer's coverage instrumentation; the flags it
# passes are nightly-only as far as rustc is concerned, so RUSTC_BOOTSTRAP=1
# lets the stable compiler accept them (CI has no nightly and cannot fetch
# one). `-s none`: no AddressSanitizer (our crates forbid `unsafe`; ASan would
# also rebuild every dependency with it): panics and failed assertions are
# what this target looks for. The build stays in fuzz/target (gitignored).
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root/fuzz"
seconds=${FUZZ_SECONDS:-60}

if ! command -v cargo >/dev/null 2>&1; then export PATH="$HOME/.cargo/bin:$PATH"; fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install cargo-fuzz --locked

# The stable toolchain even where a nightly is installed and is the default;
# the machine's one toolchain where rustup has no channel named "stable".
toolchain=()
if command -v rustup >/dev/null 2>&1 && rustup toolchain list | grep -q '^stable'; then toolchain=(+stable); fi

# The seed corpus is committed (corpus/read_table/seed-*); what the fuzzer adds
# goes to a scratch folder so the work tree stays clean.
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

export RUSTC_BOOTSTRAP=1 CARGO_INCREMENTAL=0
cargo "${toolchain[@]}" fuzz build -s none read_table
cargo "${toolchain[@]}" fuzz run -s none read_table "$scratch" corpus/read_table -- \
  -max_total_time="$seconds" -max_len=65536 -timeout=10 -rss_limit_mb=2048 -print_final_stats=1
