# deskcti — two commands do all set-up on a fresh Debian/Ubuntu machine:
#   make demo   build and start deskcti wired to the built-in phone emulator
#   make test   install missing system packages, then vet and all tests
# Run `make help` for the rest.

GO      ?= go
BIN     := bin
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)
COMMIT  ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo unknown)
DATE    ?= $(shell git log -1 --format=%cI 2>/dev/null || echo unknown)
LDFLAGS := -X deskcti/app/version.Version=$(VERSION) -X deskcti/app/version.Commit=$(COMMIT) -X deskcti/app/version.Date=$(DATE)

# Debian packages the build and the tests need: Fyne's C toolchain and GL/X11
# headers, a headless X server and the tools the UI tests drive it with, a
# DBus session for the tray, mingw-w64 for the Windows cross-build, and the
# LDAP and CardDAV servers the contact tests start on loopback.
SYSTEM_PACKAGES := gcc pkg-config libgl1-mesa-dev xorg-dev xvfb xdotool xclip \
	dbus dbus-x11 gcc-mingw-w64-x86-64 ca-certificates slapd ldap-utils radicale \
	nftables iptables iproute2 x11-utils xdg-utils desktop-file-utils lintian zip unzip xz-utils binutils

# Packages whose cgo needs nothing but the standard library and x/sys: vetted
# for macOS here, since a darwin cgo toolchain does not exist on Linux.
DARWIN_VET := ./phone/... ./app/... ./platform/... ./contacts/...

.PHONY: help test deps vet unit cross build demo bench clean package reproducible

help:
	@echo "make demo    build and start deskcti with the phone emulator"
	@echo "make test    install missing system packages, vet, test, cross-build"
	@echo "make build   build $(BIN)/deskcti"
	@echo "make bench   run the benchmarks and rewrite docs/performance.md"
	@echo "make package build the .deb, .tar.xz and Windows zip into dist/"
	@echo "make reproducible  rebuild the packages elsewhere and compare (after make package)"

# package last: the .deb, tarball and Windows zip must keep building (and,
# as root, the .deb must install and remove cleanly).
test: deps vet unit cross package

deps:
	@missing=""; \
	if ! command -v dpkg-query >/dev/null 2>&1; then \
		echo "make deps: not a Debian/Ubuntu system; install the equivalents of: $(SYSTEM_PACKAGES)"; exit 0; \
	fi; \
	for p in $(SYSTEM_PACKAGES); do \
		dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -z "$$missing" ]; then exit 0; fi; \
	echo "make deps: installing missing system packages:$$missing"; \
	if [ "$$(id -u)" = 0 ]; then SUDO=""; \
	elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then SUDO="sudo"; \
	else \
		echo "make deps: not root and no password-less sudo. Run this, then make test again:"; \
		echo "  sudo apt-get update && sudo apt-get install -y --no-install-recommends$$missing"; \
		exit 1; \
	fi; \
	export DEBIAN_FRONTEND=noninteractive; \
	$$SUDO apt-get update -q && $$SUDO apt-get install -y -q --no-install-recommends $$missing

vet:
	$(GO) vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go' 2>/dev/null || find . -name '*.go'))" || { echo "gofmt needed:"; gofmt -l .; exit 1; }

# DESKCTI_REQUIRE_TOOLS: deps has installed slapd, radicale, Xvfb and the
# rest, so a test that cannot find one fails instead of skipping.
# The second pass is ui's end-to-end test of the whole app, which fyne/test
# cannot run race-free (ui/desk_test.go says why).
unit:
	DESKCTI_REQUIRE_TOOLS=1 $(GO) test -race -count=1 ./...
	DESKCTI_REQUIRE_TOOLS=1 $(GO) test -count=1 -run '^(TestDesk|TestAddContact)' ./ui

# The Windows build is real cgo through mingw-w64, as a user's build would be;
# macOS gets go vet of everything that builds without cgo.
cross:
	CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
		$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/deskcti.exe ./cmd/deskcti
	GOOS=windows GOARCH=amd64 CGO_ENABLED=0 $(GO) vet ./contacts/... ./platform/...
	GOOS=darwin GOARCH=arm64 CGO_ENABLED=0 $(GO) vet $(DARWIN_VET)

build:
	$(GO) build -trimpath -ldflags "$(LDFLAGS)" -o $(BIN)/deskcti ./cmd/deskcti

demo: deps build
	$(BIN)/deskcti demo

# Linux .deb and .tar.xz, Windows zip (see packaging/README.md).
package: deps
	packaging/build.sh $(VERSION)

# Builds HEAD's packages again at another path with an empty build cache
# and compares them byte for byte with dist/ (after make package).
reproducible:
	packaging/check-reproducible.sh

# The figures of docs/performance.md: runs every benchmark several times,
# holds the medians to their targets and rewrites the generated section.
# A few minutes; needs Xvfb and DBus (deps), and is not part of make test.
bench: deps
	$(GO) run ./tools/perfreport -o docs/performance.md

clean:
	rm -rf $(BIN) dist
