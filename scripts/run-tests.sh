#!/usr/bin/env bash
# Run ctest in each given build directory and print one closing line:
#   N passed, N failed, N skipped
# Exit status is non-zero when any test failed or a build dir has no tests.
set -uo pipefail

total_pass=0 total_fail=0 total_skip=0 status=0
for dir in "$@"; do
  junit="$dir/ctest-results.xml"
  rm -f "$junit"
  echo "== ctest in $dir"
  ctest --test-dir "$dir" --output-on-failure -j2 --output-junit "$(realpath "$dir")/ctest-results.xml" \
    | grep -v -E '^\s+Start|Test +#[0-9]+: .* Passed' || true
  if [ ! -s "$junit" ]; then
    echo "run-tests: no results from $dir" >&2
    status=1
    continue
  fi
  pass=$(grep -c 'status="run"' "$junit")
  fail=$(grep -c 'status="fail"' "$junit")
  skip=$(grep -c -E 'status="(notrun|disabled)"' "$junit")
  echo "   $dir: $pass passed, $fail failed, $skip skipped"
  total_pass=$((total_pass + pass)); total_fail=$((total_fail + fail)); total_skip=$((total_skip + skip))
done

[ "$total_fail" -eq 0 ] || status=1
[ "$total_pass" -gt 0 ] || status=1
echo "$total_pass passed, $total_fail failed, $total_skip skipped"
exit $status
