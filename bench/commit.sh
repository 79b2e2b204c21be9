#!/usr/bin/env bash
# The commit benchmark: how long fwd takes to put a ruleset into the kernel, against nft -f,
# iptables-nft-restore and iptables-legacy-restore given the same ruleset as text.
#
# Usage: bench/commit.sh [-n RUNS] [-s "SIZES"] [-o RESULTS.tsv] [-m SUMMARY.md] [--no-build] [--lists-only]
#   -n RUNS   measurements per tool, scenario and size; medians are reported (default 2: about
#             8 minutes on an idle 2-core machine, judging by the CPU times; -n 3 took 19 minutes
#             under a load average of 11-17, most of it the 100k size)
#   -s SIZES  rule counts (default "1000 10000 100000")
#   -o FILE   also keep the raw measurements (one line per run)
#   -m FILE   also write the summary (markdown) to FILE
#   --no-build  use .build/release/fwd as it is
#   --lists-only  only the last part: fwd's first load of the list-free and the 15% list mix
# Needs root, ip(8), nft, iptables-{nft,legacy}-restore, ip6tables-*, GNU time (/usr/bin/time).
#
# For each size it generates a config in the list-free commit mix (bench/generate-config.py
# --mix commit) and the same config with one rule changed (--change), then asks fwd for the text
# the other tools load (`fwd show --format nft|iptables|ip6tables`). What each tool is given:
#   fwd             `fwd apply --config FILE --backend nftables --netns NS --runtime-dir DIR`
#                   (config load, validation, lowering, the kernel-state read, the commit and the
#                   record of what was applied all included; a re-apply is fwd's incremental,
#                   windowless commit: only the rules that changed are deleted and inserted, in
#                   one batch, using the record of handles the first load left in DIR)
#   nft             `nft -f FILE` with the `fwd show --format nft` text; for a re-apply the file
#                   starts with `flush table inet fwd_filter` / `flush table inet fwd_nat` (one
#                   line per table fwd has) followed by that text: nft sends the whole file as one
#                   transaction, so base chains stay and the rules are flushed and refilled
#   iptables-nft    `iptables-nft-restore < v4; ip6tables-nft-restore < v6` (both, one measurement)
#   iptables-legacy the same with iptables-legacy-restore / ip6tables-legacy-restore
#                   (iptables-restore replaces each table it is given: that is its re-apply)
# Scenarios: first (load into an empty namespace), reapply (the same ruleset again), change (the
# ruleset with one rule changed). Every measurement runs in a namespace of its own, created for
# it (`ip netns add`) and deleted afterwards (on every exit path); for reapply and change the
# namespace is first loaded with the base ruleset by the same tool, unmeasured. Tools alternate:
# each run rotates the order in which the tools go, so drift in the machine's load hits all.
# A last part compares fwd on the "full 15% list mix" (--mix commit-lists, 15% of the rules carry
# a port list) against the list-free mix: first load, every size, every run (nft in run 1 only).
# /usr/bin/time gives wall, user and system CPU and peak RSS of the tool's process tree (for the
# iptables pair, the larger of the two).
set -euo pipefail
cd "$(dirname "$0")/.."

runs=2
sizes="1000 10000 100000"
results_copy=""
summary_copy=""
build=1
lists_only=0
while [ $# -gt 0 ]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        -s) sizes="$2"; shift 2 ;;
        -o) results_copy="$2"; shift 2 ;;
        -m) summary_copy="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        --lists-only) lists_only=1; shift ;;
        *) echo "usage: $0 [-n RUNS] [-s \"SIZES\"] [-o RESULTS.tsv] [-m SUMMARY.md] [--no-build] [--lists-only]" >&2; exit 2 ;;
    esac
done
read -r -a sizes <<<"$sizes"
. "$(dirname "$0")/lib.sh"
bench_require nft iptables-nft-restore ip6tables-nft-restore iptables-legacy-restore ip6tables-legacy-restore
bench_start commit-bench "$build"

# run_tool TOOL INPUT [TIMEFILE]: applies INPUT (a prefix $work/<size>-<variant>) with TOOL in
# namespace $ns; timed into TIMEFILE when given.
run_tool() {
    local tool=$1 input=$2 timefile=${3:-} timer=()
    if [ -n "$timefile" ]; then timer=(/usr/bin/time -f '%e %U %S %M' -o "$timefile"); fi
    case "$tool" in
        fwd) "${timer[@]}" "$fwd" apply --config "$input.yaml" --backend nftables --netns "$ns" \
                 --runtime-dir "$work/runtime-$ns" >/dev/null ;;
        nft) ip netns exec "$ns" "${timer[@]}" nft -f "$input.nft" ;;
        iptables-nft | iptables-legacy)
            local flavour=${tool#iptables-}
            ip netns exec "$ns" "${timer[@]}" sh -c \
                "iptables-$flavour-restore <'$input.v4' && ip6tables-$flavour-restore <'$input.v6'" ;;
    esac
}

# measure SIZE SCENARIO MIX TOOL RUN: one measurement in a fresh namespace, appended to the results.
measure() {
    local size=$1 scenario=$2 mix=$3 tool=$4 run=$5 base=$work/$size-$3 input
    new_namespace fwdbench
    mkdir -p "$work/runtime-$ns"
    case "$scenario" in
        first) input=$base ;;
        reapply) run_tool "$tool" "$base"; input=$base-reapply ;;
        change) run_tool "$tool" "$base"; input=$work/$size-$mix-changed-reapply ;;
    esac
    # iptables-restore and fwd replace what is there; only nft needs the flush lines.
    if [ "$tool" != nft ] && [ "$scenario" != first ]; then input=${input%-reapply}; fi
    run_tool "$tool" "$input" "$work/time"
    read -r wall user sys rss <"$work/time"
    printf '%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n' "$size" "$mix" "$scenario" "$tool" "$run" "$wall" "$user" "$sys" "$rss" \
        >>"$work/results.tsv"
    printf '%7s %-12s %-8s %-16s run %d: %6ss wall %6ss user %6ss sys %7s KB\n' \
        "$size" "$mix" "$scenario" "$tool" "$run" "$wall" "$user" "$sys" "$rss" >&2
    rm -rf "$work/runtime-$ns"
    drop_namespace "$settle"
}

# prepare SIZE MIX [--change]: the config and the texts the other tools load.
prepare() {
    local size=$1 mix=$2 name=$work/$1-$2${3:+-changed}
    python3 bench/generate-config.py "$size" --mix "$mix" ${3:+"$3"} >"$name.yaml"
    "$fwd" show --config "$name.yaml" --format nft --color never >"$name.nft"
    "$fwd" show --config "$name.yaml" --format iptables --color never >"$name.v4"
    "$fwd" show --config "$name.yaml" --format ip6tables --color never >"$name.v6"
    # The re-apply file for nft: flush every table fwd has, then refill, in one transaction.
    sed -n 's/^table \(.*\) {$/flush table \1/p' "$name.nft" >"$name-reapply.nft"
    cat "$name.nft" >>"$name-reapply.nft"
}

tools=(fwd nft iptables-nft iptables-legacy)
scenarios=(first reapply change)
printf 'size\tmix\tscenario\ttool\trun\twall\tuser\tsys\trss_kb\n' >"$work/results.tsv"
started=$SECONDS
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
for size in "${sizes[@]}"; do
    settle=$(awk -v n="$size" 'BEGIN { print (n >= 50000 ? 1 : 0.1) }')
    prepare "$size" commit
    prepare "$size" commit-lists
    if [ "$lists_only" = 1 ]; then
        for ((run = 1; run <= runs; run++)); do
            measure "$size" first commit fwd "$run"
            measure "$size" first commit-lists fwd "$run"
        done
        continue
    fi
    prepare "$size" commit --change
    for ((run = 1; run <= runs; run++)); do
        for scenario in "${scenarios[@]}"; do
            for ((i = 0; i < ${#tools[@]}; i++)); do
                tool=${tools[(i + run - 1) % ${#tools[@]}]}
                measure "$size" "$scenario" commit "$tool" "$run"
            done
        done
        # The list variant: first load of the 15% list mix by fwd; nft once, for reference (at
        # 100k it takes as long as all the rest of a run).
        measure "$size" first commit-lists fwd "$run"
        if [ "$run" = 1 ]; then measure "$size" first commit-lists nft "$run"; fi
    done
done
echo "measured in $((SECONDS - started)) s on $(nproc) cores (load average before the summary: $(cut -d' ' -f1-3 /proc/loadavg))" >&2

[ -z "$results_copy" ] || cp "$work/results.tsv" "$results_copy"
python3 bench/commit-summary.py "$work/results.tsv" | tee "$work/summary.md"
[ -z "$summary_copy" ] || cp "$work/summary.md" "$summary_copy"
