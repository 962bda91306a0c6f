#!/usr/bin/env bash
# Run a test program with valgrind's memcheck on Meerkat's own processes, and fail
# on any memory error or leak they had.
#
#   run-memcheck.sh LOG_DIR children PROGRAM [ARGS...]
#       PROGRAM (an interop test binary) runs natively; every program of this build
#       it starts (the meerkat CLI) runs under memcheck, through MEERKAT_TEST_WRAPPER
#       (tests/support/process.h).
#   run-memcheck.sh LOG_DIR self PROGRAM [ARGS...]
#       PROGRAM itself runs under memcheck (the Mongoose interop tests, where the
#       backend runs inside the test program).
#
# One log per process in LOG_DIR. The run fails when PROGRAM fails, when no process
# was checked, or when any log lacks "ERROR SUMMARY: 0 errors" (a process killed
# before valgrind could report counts as a failure too). Definite and indirect leaks
# count as errors; "still reachable" memory at exit does not.
set -uo pipefail

log_dir=$1 mode=$2
shift 2
here=$(cd "$(dirname "$0")" && pwd)

rm -rf "$log_dir"
mkdir -p "$log_dir"
valgrind_cmd="valgrind --tool=memcheck --leak-check=full --errors-for-leak-kinds=definite,indirect
  --error-exitcode=99 --track-origins=yes --num-callers=30 --child-silent-after-fork=yes
  --suppressions=$here/system.supp --log-file=$log_dir/memcheck-%p.log"
valgrind_cmd=$(echo $valgrind_cmd)  # one line, single spaces: the wrapper is split on spaces

status=0
case "$mode" in
  children) MEERKAT_TEST_WRAPPER="$valgrind_cmd" "$@" || status=$? ;;
  self) $valgrind_cmd "$@" || status=$? ;;
  *) echo "run-memcheck: mode must be children or self" >&2; exit 2 ;;
esac

logs=("$log_dir"/memcheck-*.log)
if [ ! -e "${logs[0]}" ]; then
  echo "run-memcheck: no process ran under memcheck" >&2
  exit 1
fi
bad=0
for log in "${logs[@]}"; do
  if ! grep -q "ERROR SUMMARY: 0 errors" "$log"; then
    echo "== memcheck found a problem (or did not finish): $log" >&2
    cat "$log" >&2
    bad=$((bad + 1))
  fi
done
echo "run-memcheck: ${#logs[@]} processes checked, $bad with errors or leaks"
[ "$status" -eq 0 ] || echo "run-memcheck: the test program failed (status $status)" >&2
[ "$bad" -eq 0 ] && [ "$status" -eq 0 ]
