# fwd — build, test and demo entry points. On a fresh Debian 12 machine, as root:
#   make demo    # build fwd and apply examples/host.yaml in a throwaway network namespace
#   make test    # build and run every test, kernel tests included
# Nothing here touches the host's own firewall or network: kernel work happens in namespaces.

SHELL := /bin/bash
SWIFT ?= swift
# Tests run one at a time: the kernel tests make real commits and send real packets, and timing
# margins (probe timeouts, floods) hold better without other suites competing for two cores.
# `make test SWIFT_TEST_FLAGS=` runs them in parallel.
SWIFT_TEST_FLAGS ?= --no-parallel

# Debian packages the build (C libraries) and the tests/demo (kernel tools) need.
DEB_PACKAGES := libmnl-dev libnftnl-dev libyaml-dev pkg-config nftables iptables iproute2 iputils-ping ipset systemd

.PHONY: deps build test demo install check-install clean

## deps: install the missing Debian packages (apt-get runs only when something is missing)
deps:
	@command -v $(SWIFT) >/dev/null || { echo "make deps: '$(SWIFT)' not found; install the Swift 6 toolchain first" >&2; exit 1; }
	@missing=""; \
	for package in $(DEB_PACKAGES); do \
	  dpkg-query -W -f='$${Status}\n' "$$package" 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$package"; \
	done; \
	if [ -z "$$missing" ]; then echo "deps: all installed"; exit 0; fi; \
	echo "deps: installing$$missing"; \
	if [ "$$(id -u)" -ne 0 ]; then echo "make deps: run as root to install:$$missing" >&2; exit 1; fi; \
	apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends $$missing

## build: debug build of every target (fwd, fwd-probe, libraries)
build: deps
	$(SWIFT) build

## test: build the tests and run them all (kernel tests need root: they skip loudly otherwise, fail under
## CI=true), then check `make install` (check-install, on the debug build)
test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test $(SWIFT_TEST_FLAGS)
	scripts/check-install.sh CONFIGURATION=debug

## demo: apply examples/host.yaml in a throwaway namespace, show it, probe it, delete the namespace
demo: build
	scripts/demo.sh

## install: release build, then the binary, the unit, the man page, the operations guide and an
## example config (an existing /etc/fwd/fwd.yaml is never overwritten). PREFIX and DESTDIR as
## usual; CONFIGURATION=debug installs the debug build (what `make test` checks, see below).
PREFIX ?= /usr/local
CONFIGURATION ?= release
install: deps
	$(SWIFT) build -c $(CONFIGURATION) --product fwd
	install -D -m 0755 "$$($(SWIFT) build -c $(CONFIGURATION) --show-bin-path)/fwd" "$(DESTDIR)$(PREFIX)/sbin/fwd"
	install -D -m 0644 systemd/fwd.service "$(DESTDIR)/etc/systemd/system/fwd.service"
	sed -i 's|/usr/local/|$(PREFIX)/|g' "$(DESTDIR)/etc/systemd/system/fwd.service"
	install -D -m 0644 docs/fwd.8 "$(DESTDIR)$(PREFIX)/share/man/man8/fwd.8"
	install -D -m 0644 docs/operations.md "$(DESTDIR)$(PREFIX)/share/doc/fwd/operations.md"
	install -d -m 0755 "$(DESTDIR)/etc/fwd"
	[ -e "$(DESTDIR)/etc/fwd/fwd.yaml" ] || install -m 0600 examples/host.yaml "$(DESTDIR)/etc/fwd/fwd.yaml"

## check-install: `make install` into a throwaway DESTDIR with PREFIX=/usr, every installed file
## checked, `systemd-analyze verify` of the installed unit, a second install keeping fwd.yaml.
## `make test` runs it on the debug build it already has.
check-install:
	scripts/check-install.sh

clean:
	$(SWIFT) package clean
