#!/usr/bin/env bash
# What a named set costs the kernel against a rule: the measurement behind the cap on how many
# rules one list may be split into (ListSplit.maximumRules, docs/nftables.md "Lists").
#
# Usage: bench/lists.sh [-n RUNS] [-s "SIZES"] [-k "LENGTHS"] [--no-build]
#   -n RUNS     measurements per config (default 3; medians are reported)
#   -s SIZES    rules per config (default "1000 4000 16000")
#   -k LENGTHS  ports per list (default "2 4 8")
#   --no-build  use .build/release/fwd as it is
# Needs root, ip(8) and GNU time (/usr/bin/time).
#
# For each size N it loads, with `fwd apply --backend nftables --netns NS` into a fresh namespace
# (created for the measurement, deleted after it on every path):
#   single   N rules `{proto: udp, dport: P, limit: 1000/second, jump: ACCEPT}`: N rules, no set
#   list-K   the same N rules with K distinct ports each: a rule with a limit keeps its list whole
#            (one bucket), so these are N rules and N named sets of K ports
#   empty    an empty INPUT chain (fwd's own start-up, config load and commit of the chain)
# The limit forces the set form; both configs carry it, so the difference is the sets. Reported:
# median CPU (user + sys) and sys alone, and per set and per rule above `empty`; "rules per set"
# is how many such rules cost what one set (with its elements and its lookup) costs.
set -euo pipefail
cd "$(dirname "$0")/.."

runs=3
sizes="1000 4000 16000"
lengths="2 4 8"
build=1
while [ $# -gt 0 ]; do
    case "$1" in
        -n) runs="$2"; shift 2 ;;
        -s) sizes="$2"; shift 2 ;;
        -k) lengths="$2"; shift 2 ;;
        --no-build) build=0; shift ;;
        *) echo "usage: $0 [-n RUNS] [-s \"SIZES\"] [-k \"LENGTHS\"] [--no-build]" >&2; exit 2 ;;
    esac
done
. "$(dirname "$0")/lib.sh"
bench_require
bench_start lists-bench "$build"

# config N K > FILE: N rules with K ports each (K=0: an empty chain).
config() {
    python3 - "$1" "$2" <<'EOF'
import random, sys
rules, length = int(sys.argv[1]), int(sys.argv[2])
rng = random.Random(7)
print("tables:\n  filter:\n    INPUT:\n      policy: ACCEPT\n      rules:" + (" []" if length == 0 else ""))
for n in range(rules if length else 0):
    ports = rng.sample(range(1024, 65536), length)
    dport = ports[0] if length == 1 else "[%s]" % ", ".join(map(str, ports))
    print("        - {proto: udp, dport: %s, limit: 1000/second, jump: ACCEPT}" % dport)
EOF
}

# measure FILE: prints "wall cpu sys" of one first load of FILE in a fresh namespace.
measure() {
    new_namespace fwdlists
    /usr/bin/time -f '%e %U %S' -o "$work/time" "$fwd" apply --config "$1" --backend nftables --netns "$ns" \
        --runtime-dir "$(mktemp -d "$work/runtime.XXXXXX")" >/dev/null
    drop_namespace 0.2
    awk '{ printf "%s %.2f %s\n", $1, $2 + $3, $3 }' "$work/time"
}

# median FILE RUNS: the median of each column of RUNS measurements of FILE.
median() {
    local run
    for ((run = 0; run < $2; run++)); do measure "$1"; done |
        sort -n -k2 | awk -v n="$2" 'NR == int((n + 1) / 2) { print }'
}

echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
config 0 0 >"$work/empty.yaml"
read -r _ empty_cpu empty_sys < <(median "$work/empty.yaml" "$runs")
printf '| rules | ports per list | config | wall s | CPU s | sys s | CPU per rule or set (ms) | rules per set |\n'
printf '|---:|---:|---|---:|---:|---:|---:|---:|\n'
printf '| 0 | | empty | | %s | %s | | |\n' "$empty_cpu" "$empty_sys"
for size in $sizes; do
    config "$size" 1 >"$work/single.yaml"
    read -r wall cpu sys < <(median "$work/single.yaml" "$runs")
    rule_ms=$(awk -v c="$cpu" -v e="$empty_cpu" -v n="$size" 'BEGIN { printf "%.3f", (c - e) * 1000 / n }')
    printf '| %s | 1 | single | %s | %s | %s | %s per rule | |\n' "$size" "$wall" "$cpu" "$sys" "$rule_ms"
    for length in $lengths; do
        config "$size" "$length" >"$work/list.yaml"
        read -r lwall lcpu lsys < <(median "$work/list.yaml" "$runs")
        set_ms=$(awk -v c="$lcpu" -v s="$cpu" -v n="$size" 'BEGIN { printf "%.3f", (c - s) * 1000 / n }')
        ratio=$(awk -v a="$set_ms" -v r="$rule_ms" 'BEGIN { printf "%.1f", (r > 0 ? a / r : 0) }')
        printf '| %s | %s | list | %s | %s | %s | %s per set | %s |\n' "$size" "$length" "$lwall" "$lcpu" "$lsys" "$set_ms" "$ratio"
    done
done
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
