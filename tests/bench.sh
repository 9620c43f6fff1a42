#!/usr/bin/env bash
# Samråd's benchmark: the release server against PostgreSQL's and SQLite's own speed.
#
#   bash tests/bench.sh            # full run (about 20 minutes), report in tests/BENCHMARK.md
#   bash tests/bench.sh --smoke    # tiny data, one short round (CI); report in target/
#
# Needs the PostgreSQL server on 127.0.0.1:5432 (trust auth, user postgres) and pgbench;
# starts the server if it is not running. Everything stays on loopback.
set -euo pipefail
cd "$(dirname "$0")/.."

if ! pg_isready -q -h 127.0.0.1 -p 5432 2>/dev/null; then
  pg_ctlcluster --skip-systemctl-redirect "$(ls /etc/postgresql)" main start
  for _ in $(seq 1 50); do pg_isready -q -h 127.0.0.1 -p 5432 && break; sleep 0.2; done
fi
command -v pgbench >/dev/null || { echo "pgbench is missing (Debian: postgresql-contrib / postgresql-client)" >&2; exit 1; }

# Cargo's target directory: ./target unless CARGO_TARGET_DIR or a cargo config moves it.
target="$(cargo metadata --format-version 1 --no-deps |
  python3 -c 'import json, sys; print(json.load(sys.stdin)["target_directory"])')"

if [[ " $* " == *" --smoke "* ]]; then
  # The smoke measures nothing, so the debug build the test suite made will do.
  cargo build -q -p samrad --bin samrad -p samrad-tests --bin bench
  exec "$target/debug/bench" --server "$target/debug/samrad" --out "$target/BENCHMARK-smoke.md" "$@"
fi
cargo build --release -q -p samrad --bin samrad -p samrad-tests --bin bench
server=()
[[ " $* " == *" --server"* ]] || server=(--server "$target/release/samrad")
exec "$target/release/bench" "${server[@]}" "$@"
