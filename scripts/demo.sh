#!/usr/bin/env bash
# `make demo`: load the example config (examples/host.yaml) into a throwaway network namespace
# with `fwd apply` (auto backend: nftables where the kernel has it), show what the kernel holds,
# send a few probes at it from a second namespace, and delete both namespaces and the runtime
# directory on every path. The host's own firewall and network are never touched.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ "$(id -u)" -ne 0 ]; then
  echo "make demo: run as root (it creates network namespaces)" >&2
  exit 1
fi

BIN="$(swift build --show-bin-path)"
FWD="${FWD:-$BIN/fwd}"
PROBE="${FWD_PROBE:-$BIN/fwd-probe}"
CONFIG="${FWD_CONFIG:-examples/host.yaml}"
SERVER="fwd-demo-$$"
CLIENT="fwd-demo-client-$$"
RUNTIME="$(mktemp -d /tmp/fwd-demo-XXXXXX)"
LISTENERS=()

cleanup() {
  for pid in "${LISTENERS[@]}"; do kill "$pid" 2>/dev/null || true; done
  ip netns delete "$CLIENT" 2>/dev/null || true
  ip netns delete "$SERVER" 2>/dev/null || true
  rm -rf "$RUNTIME"
}
trap cleanup EXIT INT TERM

section() { printf '\n== %s\n' "$*"; }

ip netns add "$SERVER"
ip netns add "$CLIENT"
ip -n "$SERVER" link set lo up
ip -n "$CLIENT" link set lo up

section "The example config as nft will list it: fwd show --config $CONFIG"
"$FWD" show --config "$CONFIG"

section "fwd check --config $CONFIG --netns $SERVER"
"$FWD" check --config "$CONFIG" --netns "$SERVER"

# --runtime-dir keeps the demo's lock and state files out of /run/fwd.
section "fwd apply --config $CONFIG --netns $SERVER"
"$FWD" apply --config "$CONFIG" --netns "$SERVER" --runtime-dir "$RUNTIME"

section "nft list ruleset inside $SERVER"
ip netns exec "$SERVER" nft list ruleset

section "Probes from $CLIENT (10.99.0.1, in the example's admin subnet) to $SERVER (10.99.0.2)"
ip -n "$CLIENT" link add veth0 type veth peer name veth1 netns "$SERVER"
ip -n "$CLIENT" addr add 10.99.0.1/24 dev veth0
ip -n "$SERVER" addr add 10.99.0.2/24 dev veth1
ip -n "$CLIENT" link set veth0 up
ip -n "$SERVER" link set veth1 up
for port in 22 80 8080; do
  ip netns exec "$SERVER" "$PROBE" tcp-listen "$port" --lifetime 30 >/dev/null &
  LISTENERS+=($!)
done
sleep 0.5
probe() {
  local port="$1" what="$2"
  printf '  tcp %-5s %-34s %s\n' "$port" "($what)" \
    "$(ip netns exec "$CLIENT" "$PROBE" tcp-connect 10.99.0.2 "$port" --timeout 1 | sed -n 's/^result=\([^ ]*\).*/\1/p')"
}
probe 22 "SSH from the admin subnet"
probe 80 "HTTP"
probe 8080 "not allowed: policy DROP"
probe 23 "telnet: REJECT with tcp-reset"
if ip netns exec "$CLIENT" ping -4 -n -q -c 1 -W 1 10.99.0.2 >/dev/null; then ping_result=replied; else ping_result=no-reply; fi
printf '  %-44s %s\n' "ping" "$ping_result"
section "Done: namespaces $SERVER and $CLIENT are deleted on exit"
