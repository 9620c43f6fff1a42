#!/usr/bin/env bash
# The whole test suite: the Rust workspace (SQLite by default; PostgreSQL when
# SAMRAD_TEST_DATABASE_URL is set), then the web UI's journeys in a real browser
# (Debian's Chromium, driven by playwright-core) against the real server binary.
set -euo pipefail
cd "$(dirname "$0")/.."

cargo test --workspace

if [ -n "${SAMRAD_SKIP_WEB:-}" ]; then
  exit 0
fi
# `cargo test` built the samrad binary (the CLI tests run it); the browser tests start it.
# It is in cargo's target directory, which CARGO_TARGET_DIR or a cargo config may move
# away from ./target: ask cargo where, and hand the path to web/tests/ as SAMRAD_BIN.
target_dir="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"
export SAMRAD_BIN="${SAMRAD_BIN:-$target_dir/debug/samrad}"
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" = 0 ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "The browser tests need Debian's chromium: sudo apt-get install chromium" >&2
    exit 1
  fi
fi
npm --prefix web ci --no-audit --no-fund
npm --prefix web run build
npm --prefix web test
