#!/usr/bin/env bash
# Run each fuzz target for a while and print one table:
#   target  seconds  executions  exec/s  cov  ft  corpus  findings
# cov and ft are libFuzzer's own counts from its last stats line (edges and
# features covered); corpus is the inputs in the working corpus at the end;
# findings are the crash-/leak-/timeout-/oom- files the run left.
#
#   scripts/fuzz.sh BUILD_DIR SECONDS [TARGET...]
#
# Each target runs on a scratch copy of fuzz/corpus/<target> in
# BUILD_DIR/corpus-work/<target> (new inputs never go into the repository) and
# writes its log and findings to BUILD_DIR/fuzz-runs/<target>/. At most JOBS
# (default 1) targets run at once; the machine is shared.
set -uo pipefail

build=${1:?build dir}
seconds=${2:?seconds per target}
shift 2
root=$(cd "$(dirname "$0")/.." && pwd)
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(server_handshake client_handshake record x509_der pem_key chain_verify mongoose)
fi
jobs=${JOBS:-1}

run_one() {
  local t=$1
  local exe="$build/fuzz/${t}_fuzz"
  local work="$build/corpus-work/$t" out="$build/fuzz-runs/$t"
  if [ ! -x "$exe" ]; then
    echo "fuzz: $exe is missing (make fuzz builds it)" >&2
    return 1
  fi
  mkdir -p "$work" "$out"
  rm -f "$out"/crash-* "$out"/leak-* "$out"/timeout-* "$out"/oom-*
  cp -n "$root/fuzz/corpus/$t"/* "$work"/ 2>/dev/null || true
  local dict=()
  [ -f "$root/fuzz/$t.dict" ] && dict=(-dict="$root/fuzz/$t.dict")
  "$exe" "$work" "${dict[@]}" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$out/" >"$out/log" 2>&1
  echo "$?" >"$out/status"
}

# Run the targets, at most $jobs at a time.
running=0
for t in "${targets[@]}"; do
  run_one "$t" &
  running=$((running + 1))
  if [ "$running" -ge "$jobs" ]; then
    wait -n
    running=$((running - 1))
  fi
done
wait

status=0
printf '%-18s %8s %12s %8s %6s %7s %7s %s\n' target seconds executions exec/s cov ft corpus findings
for t in "${targets[@]}"; do
  out="$build/fuzz-runs/$t"
  log="$out/log"
  [ -f "$log" ] || { printf '%-18s (no run)\n' "$t"; status=1; continue; }
  execs=$(grep -oE '^stat::number_of_executed_units: [0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  secs=$(sed -nE 's/^Done [0-9]+ runs in ([0-9]+) second.*/\1/p' "$log" | tail -1)
  # The last status line with coverage ("#N  pulse/NEW/DONE  cov: C ft: F corp: N/...").
  last=$(grep -E '^#[0-9]+.*cov: [0-9]+' "$log" | tail -1)
  cov=$(sed -nE 's/.* cov: ([0-9]+).*/\1/p' <<<"$last")
  ft=$(sed -nE 's/.* ft: ([0-9]+).*/\1/p' <<<"$last")
  [ -n "$execs" ] || execs=$(sed -nE 's/^#([0-9]+).*/\1/p' <<<"$last")
  corpus=$(find "$build/corpus-work/$t" -type f | wc -l)
  findings=$(find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) | wc -l)
  rate=$(grep -oE '^stat::average_exec_per_sec: +[0-9]+' "$log" | grep -oE '[0-9]+$' || true)
  printf '%-18s %8s %12s %8s %6s %7s %7s %s\n' "$t" "${secs:--}" "${execs:--}" "${rate:--}" \
    "${cov:--}" "${ft:--}" "$corpus" "$findings"
  if [ "$findings" -gt 0 ]; then
    status=1
    find "$out" -maxdepth 1 -type f \( -name 'crash-*' -o -name 'leak-*' -o -name 'timeout-*' -o -name 'oom-*' \) \
      -printf '                   %p\n'
  fi
done
exit $status
