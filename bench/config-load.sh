#!/usr/bin/env bash
# Measures how long loading + validating a config takes, and the peak memory, for generated
# configs of 1k, 10k and 100k rules (bench/generate-config.py), with a release build.
#
# Usage: bench/config-load.sh [RULES...]     (default: 1000 10000 100000)
# Prints, per size: file size; the loader's own wall time, main-thread CPU time and all-threads
# CPU time (the fastest of 3 loads in one process, so that start-up is excluded; the main
# thread is the critical path when the cores are free); then wall time, user time and peak RSS
# of one whole run (/usr/bin/time -v). For comparison it also times libyaml's bare event parse of the same file
# (a C program compiled here), the floor for any loader built on libyaml.
set -euo pipefail
cd "$(dirname "$0")/.."
sizes=("${@:-1000 10000 100000}")
read -r -a sizes <<<"${sizes[*]}"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

swift build -c release --product fwd-config-bench >/dev/null
bench=.build/release/fwd-config-bench

cat >"$work/events.c" <<'C'
#include <yaml.h>
#include <stdio.h>
#include <stdlib.h>
int main(int argc, char **argv) {
    FILE *file = fopen(argv[1], "rb");
    if (!file) return 1;
    fseek(file, 0, SEEK_END); long size = ftell(file); fseek(file, 0, SEEK_SET);
    unsigned char *buffer = malloc(size);
    if (fread(buffer, 1, size, file) != (size_t)size) return 1;
    yaml_parser_t parser; yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, buffer, size);
    yaml_event_t event; long events = 0;
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) return 2;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event); events++;
        if (done) break;
    }
    printf("%ld events\n", events);
    return 0;
}
C
have_cc=0
if cc -O2 "$work/events.c" -o "$work/events" -lyaml 2>/dev/null; then have_cc=1; fi

printf '%-8s %9s %10s %10s %10s | %8s %8s %8s | %12s\n' rules bytes load main-cpu all-cpu wall user peakRSS libyaml-only
for rules in "${sizes[@]}"; do
    config="$work/fwd-$rules.yaml"
    python3 bench/generate-config.py "$rules" >"$config"
    # "loaded N rules ... in W ms (CPU: main thread M ms, all threads A ms)": the fastest of 3.
    best=$("$bench" "$config" --repeat 3 |
        sed -n 's/.* in \([0-9]*\) ms (CPU: main thread \([0-9]*\) ms, all threads \([0-9]*\) ms)/\1 \2 \3/p' |
        sort -n | head -1)
    read -r best_wall best_main best_all <<<"$best"
    /usr/bin/time -v "$bench" "$config" >/dev/null 2>"$work/time.txt"
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$work/time.txt")
    user=$(sed -n 's/.*User time (seconds): //p' "$work/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$work/time.txt")
    floor="-"
    if [ "$have_cc" = 1 ]; then
        /usr/bin/time -f '%e' "$work/events" "$config" >/dev/null 2>"$work/floor.txt"
        floor="$(tail -1 "$work/floor.txt") s"
    fi
    printf '%-8s %9s %7s ms %7s ms %7s ms | %8s %7ss %5s MB | %12s\n' "$rules" "$(stat -c %s "$config")" \
        "$best_wall" "$best_main" "$best_all" "$wall" "$user" "$((rss / 1024))" "$floor"
done
