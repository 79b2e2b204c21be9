#!/usr/bin/env bash
# Measures loading + validating a config with a release build, as YAML and as JSON, for generated
# configs of 1k, 10k and 100k rules (bench/generate-config.py), and in the same run what the
# kernel's own tools take for the same rules: `nft -c -f` (check) and `nft -f` (commit) of the
# nft text fwd renders (NftTextRenderer), and `iptables-legacy-restore --test` plus
# `ip6tables-legacy-restore --test` of the scripts fwd renders (IptablesRenderer). Every kernel
# tool runs inside a throwaway network namespace (`unshare -n`), so the host is never touched.
#
# Usage: bench/config-load.sh [RULES...]      (default: 1000 10000 100000; RUNS=5 runs each)
#        MIX=commit bench/config-load.sh 100000  (generate-config.py's mix: config, the default,
#                                                 has 15% port lists; commit has none)
#
# Each line is one command, run RUNS times as a whole process under /usr/bin/time: the median
# wall time, the median CPU time (user + sys, steadier than wall on a loaded machine), the
# largest peak RSS, and the wall time as a fraction of `nft -f` for the same rules. For fwd, the
# "in-process" column is the loader's own median time for load + validate (no process start).
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
runs=${RUNS:-5}
mix=${MIX:-config}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

if [ "$(id -u)" != 0 ]; then echo "needs root (for unshare -n and the kernel tools)" >&2; exit 1; fi
for tool in nft iptables-legacy-restore ip6tables-legacy-restore unshare python3; do
    command -v "$tool" >/dev/null || { echo "missing $tool" >&2; exit 1; }
done
swift build -c release --product fwd-config-bench >/dev/null
bench=.build/release/fwd-config-bench

# measure LABEL COMMAND...: runs the command $runs times; prints "wall cpu rss" (s, s, MB).
measure() {
    local label=$1
    shift
    : >"$work/times"
    for _ in $(seq "$runs"); do
        /usr/bin/time -f '%e %U %S %M' -o "$work/time" "$@" >"$work/out" 2>&1 || {
            echo "$label failed:" >&2
            tail -5 "$work/out" >&2
            exit 1
        }
        cat "$work/time" >>"$work/times"
    done
    python3 - "$work/times" <<'PY'
import statistics, sys
rows = [list(map(float, line.split())) for line in open(sys.argv[1]) if line.strip()]
print("%.3f %.3f %.0f" % (statistics.median(r[0] for r in rows),
                          statistics.median(r[1] + r[2] for r in rows), max(r[3] for r in rows) / 1024))
PY
}

# The loader's own median load time over $runs loads in one process.
in_process() {
    "$bench" "$1" --repeat "$runs" | sed -n 's/.* in \([0-9]*\) ms .*/\1/p' | sort -n |
        awk '{ v[NR] = $1 } END { printf "%d ms", v[int((NR + 1) / 2)] }'
}

echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg) at start; RUNS=$runs MIX=$mix"
printf '%-7s %-34s %9s %9s %8s %10s %12s\n' rules command wall cpu peakRSS "vs nft -f" in-process
for rules in "${sizes[@]}"; do
    python3 bench/generate-config.py "$rules" --mix "$mix" >"$work/fwd.yaml"
    python3 bench/generate-config.py "$rules" --mix "$mix" --json >"$work/fwd.json"
    "$bench" "$work/fwd.json" --nft "$work/fwd.nft" --iptables "$work/fwd.ipt" >/dev/null
    read -r nft_wall nft_cpu nft_rss < <(measure "nft -f" unshare -n -- nft -f "$work/fwd.nft")
    row() { # label wall cpu rss [in-process]
        printf '%-7s %-34s %8ss %8ss %5s MB %9.2fx %12s\n' "$rules" "$1" "$2" "$3" "$4" \
            "$(python3 -c "print($2 / $nft_wall)")" "${5:-}"
    }
    read -r wall cpu rss < <(measure "fwd YAML" "$bench" "$work/fwd.yaml")
    row "fwd load+validate YAML ($(($(stat -c %s "$work/fwd.yaml") / 1024)) KB)" "$wall" "$cpu" "$rss" \
        "$(in_process "$work/fwd.yaml")"
    read -r wall cpu rss < <(measure "fwd JSON" "$bench" "$work/fwd.json")
    row "fwd load+validate JSON ($(($(stat -c %s "$work/fwd.json") / 1024)) KB)" "$wall" "$cpu" "$rss" \
        "$(in_process "$work/fwd.json")"
    read -r wall cpu rss < <(measure "nft -c -f" unshare -n -- nft -c -f "$work/fwd.nft")
    row "nft -c -f (check only)" "$wall" "$cpu" "$rss"
    row "nft -f (commit, fresh netns)" "$nft_wall" "$nft_cpu" "$nft_rss"
    read -r wall cpu rss < <(measure "iptables-restore --test" unshare -n -- sh -c \
        "iptables-legacy-restore --test <'$work/fwd.ipt' && ip6tables-legacy-restore --test <'$work/fwd.ipt.v6'")
    row "ip(6)tables-legacy-restore --test" "$wall" "$cpu" "$rss"
done
echo "load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
