# Shared by the bench scripts that commit with fwd: the checks they start with, a work directory,
# and network namespaces that are deleted on every exit path. Source it with `. "$(dirname "$0")/lib.sh"`.

# bench_require TOOL...: exits 4 unless run as root with GNU time and every TOOL on the PATH.
bench_require() {
    [ "$(id -u)" = 0 ] || { echo "$0: needs root (it creates network namespaces)" >&2; exit 4; }
    [ -x /usr/bin/time ] || { echo "$0: GNU time (/usr/bin/time) is missing" >&2; exit 4; }
    local tool
    for tool in ip "$@"; do
        command -v "$tool" >/dev/null || { echo "$0: $tool is missing" >&2; exit 4; }
    done
}

# bench_start NAME BUILD: makes $work (/tmp/fwd-NAME.XXXXXX), deletes it and every namespace made by
# new_namespace on exit, builds the release fwd when BUILD is 1, and sets $fwd to it.
bench_start() {
    work=$(mktemp -d "/tmp/fwd-$1.XXXXXX")
    namespaces=()
    namespace_counter=0
    trap bench_cleanup EXIT
    trap 'exit 130' INT TERM HUP
    if [ "$2" = 1 ]; then swift build -c release --product fwd >&2; fi
    fwd=$PWD/.build/release/fwd
    [ -x "$fwd" ] || { echo "$0: $fwd is missing (swift build -c release --product fwd)" >&2; exit 4; }
    unset SSH_CONNECTION SSH_CLIENT  # fwd's lockout guard has nothing to guard here
}

bench_cleanup() {
    local ns
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}

# new_namespace PREFIX: creates a namespace (its name in $ns) and remembers it for the cleanup.
new_namespace() {
    namespace_counter=$((namespace_counter + 1))
    ns="$1-$$-$namespace_counter"
    ip netns add "$ns"
    namespaces+=("$ns")
}

# drop_namespace SETTLE: deletes the namespace in $ns, forgets it, and waits SETTLE seconds (the
# kernel frees a namespace's rules asynchronously; let it finish before the next measurement).
drop_namespace() {
    ip netns del "$ns"
    local kept=() other
    for other in "${namespaces[@]}"; do [ "$other" = "$ns" ] || kept+=("$other"); done
    namespaces=("${kept[@]}")
    sleep "$1"
}
