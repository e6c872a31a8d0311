#!/usr/bin/env bash
# `npm run bench`: raises the open-file limit (5,000 clients are 10,000 sockets across two
# processes), then runs the suite with --expose-gc so heap figures are measured after a full GC.
# BENCH_PROFILE=1 also writes V8 CPU profiles of the measured windows (scripts/bench/profile.ts).
set -euo pipefail
ulimit -n 65535 2>/dev/null || ulimit -n "$(ulimit -Hn)"
exec node --expose-gc --import tsx "$(dirname "$0")/bench.ts" "$@"
