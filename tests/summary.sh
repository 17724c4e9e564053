#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Close `make test` with one line per step and the total, from the step logs
# under $1: every "N passed, M failed" line a step printed counts.
set -euo pipefail
dir=$1
total_p=0 total_f=0
for log in "$dir"/*.log; do
    step=$(basename "$log" .log)
    line=$(grep -E '^[0-9]+ passed, [0-9]+ failed' "$log" | tail -n1 || true)
    if [ -z "$line" ]; then
        # a step without a count (the fuzz smoke run): its verdict line
        printf 'test: %-12s %s\n' "$step" "$(grep -E 'PASS|FAIL' "$log" | tail -n1)"
        continue
    fi
    p=${line%% passed*}; f=${line#*passed, }; f=${f%% failed*}
    printf 'test: %-12s %s\n' "$step" "$line"
    total_p=$((total_p + p)); total_f=$((total_f + f))
done
echo "$total_p passed, $total_f failed"
[ "$total_f" -eq 0 ]
