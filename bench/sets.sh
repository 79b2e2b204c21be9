#!/usr/bin/env bash
# Commit time of one named set of N IPv4 elements (default 100,000) with its one rule: fwd's
# netlink commit (fwd-sets-bench, release build) against `nft -f` of the same table as nft text
# (what NftTextRenderer prints, so both load the same set with the same flags), in the same run.
# Each commit gets a fresh network namespace (created and deleted around it), and the two
# alternate, ROUNDS times (default 5), for a set of hosts (a hash set) and for a set where every
# tenth element is a /30 (an interval set). Needs root, nft and iproute2. Touches only its
# own namespaces.
#
# Usage: bench/sets.sh [COUNT] [ROUNDS]
# Prints one line per commit, then per kind: the median of each and the ratio fwd / nft.
set -euo pipefail
cd "$(dirname "$0")/.."
count=${1:-100000}
rounds=${2:-5}
work=$(mktemp -d)
namespace="fwdbench-sets-$$"
cleanup() { ip netns delete "$namespace" 2>/dev/null || true; rm -rf "$work"; }
trap cleanup EXIT

swift build -c release --product fwd-sets-bench >/dev/null
bench=$(swift build -c release --show-bin-path)/fwd-sets-bench

median() { sort -n | awk '{ values[NR] = $1 } END { if (NR % 2) print values[(NR + 1) / 2]; else printf "%.3f\n", (values[NR / 2] + values[NR / 2 + 1]) / 2 }'; }
now() { date +%s.%N; }

for kind in hosts interval; do
    flag=""
    [ "$kind" = interval ] && flag="--interval"
    "$bench" text --count "$count" $flag >"$work/$kind.nft"
    : >"$work/$kind.fwd"
    : >"$work/$kind.nftf"
    for round in $(seq 1 "$rounds"); do
        ip netns add "$namespace"
        line=$(ip netns exec "$namespace" "$bench" commit --count "$count" $flag)
        ip netns delete "$namespace"
        commit=$(sed 's/.*commit=\([0-9.]*\).*/\1/' <<<"$line")
        total=$(awk '{ for (i = 1; i <= 3; i++) { split($i, kv, "="); sum += kv[2] } } END { printf "%.3f", sum }' <<<"$line")
        echo "$commit $total" >>"$work/$kind.fwd"
        echo "$kind round $round fwd: $line (total $total s)"

        ip netns add "$namespace"
        start=$(now)
        ip netns exec "$namespace" nft -f "$work/$kind.nft"
        end=$(now)
        ip netns delete "$namespace"
        seconds=$(echo "$end - $start" | bc -l)
        printf '%.3f\n' "$seconds" >>"$work/$kind.nftf"
        printf '%s round %s nft -f: %.3f s\n' "$kind" "$round" "$seconds"
    done
    fwd_commit=$(cut -d' ' -f1 "$work/$kind.fwd" | median)
    fwd_total=$(cut -d' ' -f2 "$work/$kind.fwd" | median)
    nft=$(median <"$work/$kind.nftf")
    printf '%s, %s elements: fwd commit %s s (with building and lowering the model %s s), nft -f %s s, ratio %.2f (%.2f)\n' \
        "$kind" "$count" "$fwd_commit" "$fwd_total" "$nft" "$(echo "$fwd_commit / $nft" | bc -l)" \
        "$(echo "$fwd_total / $nft" | bc -l)"
done
