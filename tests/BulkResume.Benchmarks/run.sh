#!/usr/bin/env bash
# The performance suite of issue 9: builds Release, runs the BenchmarkDotNet classes (absolute figures) and the
# `measure` harness (every target's ratio, in interleaved pairs), and writes artifacts/bench/summary.json (figures,
# their spreads, targets, pass/fail) beside the BenchmarkDotNet reports.
#   tests/BulkResume.Benchmarks/run.sh [--quick]
# --quick: short job, a 100,000-entry large DLQ for page cost, 10,000 entries per store for resume/s and for the
# async bulk resume against the sync one (full: 20,000), 4,000 steps delivered instead of 10,000, fewer pairs;
# docs/performance.md says how long it took.
# PostgreSQL: BULKRESUME_POSTGRES when set, else a throwaway cluster from .ci/postgres.sh, stopped at the end.
set -euo pipefail

quick=0
case "${1:-}" in
  --quick) quick=1 ;;
  "") ;;
  *) echo "usage: $0 [--quick]" >&2; exit 2 ;;
esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
out="$root/artifacts/bench"
cd "$root"

export BULKRESUME_BENCH_QUICK="$quick"
if [ -d /dev/shm ] && [ -w /dev/shm ]; then export BULKRESUME_BENCH_SQLITE_DIR=/dev/shm; fi

started_postgres=0
if [ -z "${BULKRESUME_POSTGRES:-}" ]; then
  # shellcheck source=/dev/null
  if source .ci/postgres.sh; then started_postgres=1; else echo "run.sh: no PostgreSQL server; the postgres figures are left out" >&2; fi
fi
cleanup() { if [ "$started_postgres" = 1 ]; then stop_postgres; fi; }
trap cleanup EXIT

rm -rf "$out"
mkdir -p "$out"
dotnet build tests/BulkResume.Benchmarks/BulkResume.Benchmarks.csproj -c Release --nologo -v quiet
bench=(dotnet tests/BulkResume.Benchmarks/bin/Release/net10.0/BulkResume.Benchmarks.dll)

"${bench[@]}" --filter '*' --artifacts "$out" 2>&1 | tee "$out/benchmarkdotnet.log" | grep -E '^\||^// \*\*\*|Global total time' || true
"${bench[@]}" measure --out "$out/measure.json"
"${bench[@]}" summarize "$out"
echo "run.sh: took $((SECONDS / 60)) min $((SECONDS % 60)) s"
