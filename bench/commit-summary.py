#!/usr/bin/env python3
"""Summarises bench/commit.sh measurements as markdown: medians per size, scenario and tool,
as ratios to nft -f in the same scenario, the list-mix check and the issue's goals.

Usage: commit-summary.py RESULTS.tsv
"""
import csv
import statistics
import sys
from collections import defaultdict

TOOLS = ["fwd", "nft", "iptables-nft", "iptables-legacy"]
SCENARIOS = {"first": "first load", "reapply": "re-apply, same ruleset", "change": "re-apply, one rule changed"}

samples = defaultdict(list)
with open(sys.argv[1]) as results:
    for row in csv.DictReader(results, delimiter="\t"):
        key = (int(row["size"]), row["mix"], row["scenario"], row["tool"])
        samples[key].append({name: float(row[name]) for name in ("wall", "user", "sys", "rss_kb")})


def median(key):
    """Medians of each measure (taken separately) over the runs of key, or None."""
    runs = samples.get(key)
    if not runs:
        return None
    return {name: statistics.median(run[name] for run in runs) for name in runs[0]} | {"runs": len(runs)}


def ratio(value, reference):
    return "%.2f" % (value / reference) if reference else "-"


sizes = sorted({key[0] for key in samples})
print("Medians; ratios are to `nft -f` in the same scenario (below 1: less than nft). "
      "CPU = user + system.\n")
for size in sizes:
    print("#### %s rules\n" % format(size, ","))
    print("| scenario | tool | wall s | user s | sys s | peak RSS MB | wall ÷ nft | CPU ÷ nft | RSS ÷ nft |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    for scenario, title in SCENARIOS.items():
        reference = median((size, "commit", scenario, "nft"))
        for tool in TOOLS:
            value = median((size, "commit", scenario, tool))
            if value is None:
                continue
            cpu = value["user"] + value["sys"]
            reference_cpu = reference["user"] + reference["sys"] if reference else 0
            print("| %s | %s | %.2f | %.2f | %.2f | %.0f | %s | %s | %s |" % (
                title, tool, value["wall"], value["user"], value["sys"], value["rss_kb"] / 1024,
                ratio(value["wall"], reference and reference["wall"]), ratio(cpu, reference_cpu),
                ratio(value["rss_kb"], reference and reference["rss_kb"])))
    print()

print("#### The full 15% list mix against the list-free mix (first load)\n")
print("| rules | fwd list-free s | fwd 15% lists s | lists ÷ list-free | CPU s, list-free → lists "
      "| CPU lists ÷ list-free | fwd µs/rule (lists) | nft list-free s | nft 15% lists s |")
print("|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for size in sizes:
    plain, lists = median((size, "commit", "first", "fwd")), median((size, "commit-lists", "first", "fwd"))
    nft_plain, nft_lists = median((size, "commit", "first", "nft")), median((size, "commit-lists", "first", "nft"))
    if not plain or not lists:
        continue
    plain_cpu, lists_cpu = plain["user"] + plain["sys"], lists["user"] + lists["sys"]
    print("| %s | %.2f | %.2f | %s | %.2f → %.2f | %s | %.0f | %s | %s |" % (
        format(size, ","), plain["wall"], lists["wall"], ratio(lists["wall"], plain["wall"]),
        plain_cpu, lists_cpu, ratio(lists_cpu, plain_cpu), lists["wall"] / size * 1e6, "%.2f" % nft_plain["wall"] if nft_plain else "-",
        "%.2f" % nft_lists["wall"] if nft_lists else "-"))
print()

largest = sizes[-1] if sizes else 0
first, first_nft = median((largest, "commit", "first", "fwd")), median((largest, "commit", "first", "nft"))
again, again_nft = median((largest, "commit", "reapply", "fwd")), median((largest, "commit", "reapply", "nft"))
lists = median((largest, "commit-lists", "first", "fwd"))
if first and first_nft and again and again_nft and lists:
    print("#### Goals at %s rules (config load included)\n" % format(largest, ","))
    print("Wall times depend on what else the machine runs; CPU times (user + system) much less.\n")
    print("| goal | measured | met |")
    print("|---|---|---|")

    def cpu(value):
        return value["user"] + value["sys"]

    goals = [
        ("first load ≤ 0.6 × nft -f", first["wall"] / first_nft["wall"], cpu(first) / cpu(first_nft), 0.6),
        ("windowless re-apply ≤ 0.3 × nft's flush + refill", again["wall"] / again_nft["wall"],
         cpu(again) / cpu(again_nft), 0.3),
        ("15% list mix ≤ 1.5 × list-free (fwd, first load)", lists["wall"] / first["wall"], cpu(lists) / cpu(first), 1.5),
    ]
    for text, by_wall, by_cpu, limit in goals:
        met = "yes" if by_wall <= limit and by_cpu <= limit else "no" if by_wall > limit and by_cpu > limit else "partly"
        print("| %s | %.2f by wall time, %.2f by CPU time | %s |"
              % (text, by_wall, by_cpu, met if met == "yes" else "**%s**" % met))
    single = [
        ("fwd user CPU ≤ 0.25 × its system CPU, first load", first["user"] / first["sys"], 0.25),
        ("fwd user CPU ≤ 0.25 × its system CPU, re-apply", again["user"] / again["sys"], 0.25),
        ("fwd peak RSS ≤ 0.25 × nft's, first load", first["rss_kb"] / first_nft["rss_kb"], 0.25),
    ]
    for text, measured, limit in single:
        print("| %s | %.2f | %s |" % (text, measured, "yes" if measured <= limit else "**no**"))
    print()
