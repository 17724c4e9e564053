#!/usr/bin/env bash
# SPDX-License-Identifier: MIT
# Run the libFuzzer harness for N seconds over a build/ copy of the corpus,
# printing a progress line every 10 s; on an oracle violation or a sanitizer
# report, print the finding and the reproducer, and fail.
#   run.sh <fuzzer binary> <seconds> <work dir> [fresh]
set -u
bin=$1 secs=$2 work=$3 fresh=${4:-}
here=$(cd "$(dirname "$0")" && pwd)
corpus=$work/corpus log=$work/fuzz.log

mkdir -p "$work"
if [ "$fresh" = fresh ]; then rm -rf "$corpus"; fi
mkdir -p "$corpus"
cp -n "$here"/corpus/*.bin "$corpus"/ 2>/dev/null || true
rm -f "$work"/crash-* "$work"/leak-* "$work"/timeout-*

echo "fuzz: $(ls "$corpus" | wc -l) inputs in $corpus, ${secs}s, seed 1"
"$bin" -seed=1 -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 \
    -print_final_stats=1 -artifact_prefix="$work"/ "$corpus" >"$log" 2>&1 &
pid=$!
t=0
while kill -0 "$pid" 2>/dev/null; do
    sleep 1; t=$((t + 1))
    if [ $((t % 10)) -eq 0 ]; then
        line=$(grep -E '^#[0-9]+' "$log" | tail -n1)
        echo "fuzz: ${t}s ${line:-starting}"
    fi
done
wait "$pid"; rc=$?

if [ "$rc" -ne 0 ] || ls "$work"/crash-* >/dev/null 2>&1; then
    echo "fuzz: FAILED (exit $rc)"
    grep -m1 -E 'ORACLE|ERROR: (Address|Undefined|libFuzzer)|runtime error' "$log" || true
    tail -n 40 "$log"
    for f in "$work"/crash-* "$work"/leak-* "$work"/timeout-*; do
        [ -e "$f" ] && echo "fuzz: reproduce with: $bin $f"
    done
    exit 1
fi
runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
echo "fuzz: PASS ${runs:-?} inputs executed in ${secs}s, corpus now $(ls "$corpus" | wc -l) inputs, no oracle violation"
