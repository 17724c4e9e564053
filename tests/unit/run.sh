#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run cmocka test binaries; print one summary line "N passed, M failed".
set -u
passed=0 failed=0 broken=0
for t in "$@"; do
    out=$(CMOCKA_MESSAGE_OUTPUT=stdout "$t" 2>&1); rc=$?
    p=$(printf '%s\n' "$out" | sed -n 's/^\[  PASSED  \] \([0-9]*\) test.*/\1/p' | tail -n1)
    f=$(printf '%s\n' "$out" | sed -n 's/^\[  FAILED  \] \([0-9]*\) test.*/\1/p' | tail -n1)
    p=${p:-0}; f=${f:-0}
    if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then f=1; broken=1; fi
    passed=$((passed + p)); failed=$((failed + f))
    if [ "$rc" -ne 0 ]; then
        printf '%s\n' "$out" | grep -v '^\[ \(RUN\|      OK\) ' | tail -n 40
        echo "FAIL $(basename "$t") (rc=$rc)"
    else
        echo "ok   $(basename "$t"): $p tests"
    fi
done
echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ] && [ "$broken" -eq 0 ]
