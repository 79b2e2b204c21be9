#!/usr/bin/env bash
# Checks `make install` for real: installs into a fresh DESTDIR with PREFIX=/usr, then checks the
# binary, the unit (and `systemd-analyze verify` of the installed copy), the man page, the
# example /etc/fwd/fwd.yaml, and that a second install leaves an existing fwd.yaml alone.
# `make test` runs it with CONFIGURATION=debug (reusing the test build); `make check-install`
# alone does the release build that `make install` does by default.
# Usage: scripts/check-install.sh [extra make variables...]
set -euo pipefail
cd "$(dirname "$0")/.."

destdir="$(mktemp -d /tmp/fwd-install-XXXXXX)"
trap 'rm -rf "$destdir"' EXIT
fail() { echo "check-install: FAIL: $*" >&2; exit 1; }
pass() { echo "check-install: ok: $*"; }

make --no-print-directory install DESTDIR="$destdir" PREFIX=/usr "$@" >"$destdir.log" 2>&1 \
  || { cat "$destdir.log" >&2; rm -f "$destdir.log"; fail "make install failed"; }
rm -f "$destdir.log"

binary="$destdir/usr/sbin/fwd"
[ -x "$binary" ] || fail "no executable $binary"
[ "$(stat -c %a "$binary")" = 755 ] || fail "$binary is not mode 0755"
"$binary" --help | grep -q "fwd apply\|apply" || fail "$binary --help does not list its commands"
pass "binary $binary runs"

unit="$destdir/etc/systemd/system/fwd.service"
[ -f "$unit" ] || fail "no unit $unit"
grep -qx "ExecStart=/usr/sbin/fwd daemon \$FWD_DAEMON_OPTIONS" "$unit" || fail "ExecStart not under PREFIX in $unit"
grep -qx "ExecReload=/usr/sbin/fwd reload" "$unit" || fail "ExecReload not under PREFIX in $unit"
! grep -q /usr/local "$unit" || fail "$unit still names /usr/local: $(grep /usr/local "$unit")"
pass "unit $unit names /usr/sbin/fwd"

man="$destdir/usr/share/man/man8/fwd.8"
cmp -s "$man" docs/fwd.8 || fail "man page $man missing or not docs/fwd.8"
[ -f "$destdir/usr/share/doc/fwd/operations.md" ] || fail "no operations guide under usr/share/doc/fwd"
pass "man page and operations guide installed"

if command -v systemd-analyze >/dev/null && command -v man >/dev/null; then
  # --root makes systemd-analyze find ExecStart's binary under DESTDIR; MANPATH the man page.
  output="$(MANPATH="$destdir/usr/share/man" systemd-analyze verify --root="$destdir" "$unit" 2>&1)" \
    || fail "systemd-analyze verify: $output"
  [ -z "$output" ] || fail "systemd-analyze verify warns: $output"
  pass "systemd-analyze verify of the installed unit"
elif [ "${CI:-}" = true ]; then
  fail "systemd-analyze or man missing (CI=true)"
else
  echo "check-install: SKIPPED systemd-analyze verify (systemd-analyze or man missing)" >&2
fi

config="$destdir/etc/fwd/fwd.yaml"
cmp -s "$config" examples/host.yaml || fail "$config missing or not examples/host.yaml"
[ "$(stat -c %a "$config")" = 600 ] || fail "$config is not mode 0600"
"$binary" check --config "$config" --offline >/dev/null || fail "the installed example config does not load"
echo "# edited by the administrator" >>"$config"
edited="$(sha256sum <"$config")"
make --no-print-directory install DESTDIR="$destdir" PREFIX=/usr "$@" >/dev/null 2>&1 || fail "second make install failed"
[ "$(sha256sum <"$config")" = "$edited" ] || fail "a second make install overwrote $config"
pass "example config installed once, an existing one kept"
