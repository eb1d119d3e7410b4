#!/usr/bin/env bash
# packaging/build.sh VERSION — builds deskcti's release artefacts into dist/:
#   deskcti_DEBVER_ARCH.deb               Debian/Ubuntu package (lintian-checked)
#   deskcti-VERSION-linux-ARCH.tar.xz     binary, desktop entry, icons, install.sh
#   deskcti-VERSION-windows-amd64.zip     deskcti.exe (GUI, icon, version info)
# and checks them. Run from the repository root (make package does).
set -euo pipefail

VERSION=${1:?usage: packaging/build.sh VERSION}
[ -f go.mod ] && [ -d packaging ] || { echo "build.sh: run from the repository root" >&2; exit 2; }

GO=${GO:-go}
ROOT=$(pwd)
DIST=$ROOT/dist
PKG=$ROOT/packaging
ARCH=$(dpkg --print-architecture)
COMMIT=$(git rev-parse --short HEAD)
DATE=$(git log -1 --format=%cI)
# Reproducible output: every mtime is the last commit's time.
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct)}
MAINTAINER=${DESKCTI_MAINTAINER:-$(git log -1 --format='%an <%ae>')}
YEAR=$(date -u -d "@$SOURCE_DATE_EPOCH" +%Y)
LDFLAGS="-X deskcti/app/version.Version=$VERSION -X deskcti/app/version.Commit=$COMMIT -X deskcti/app/version.Date=$DATE"
SIZES="16 32 48 64 128 256"

# A Debian version starts with a digit and has no '-' (that separates the
# Debian revision): v1.2.0-3-gabc-dirty becomes 1.2.0+3.gabc.dirty.
DEBVER=$(printf '%s' "$VERSION" | sed -e 's/^v//' -e 's/-/+/' -e 's/-/./g')
case $DEBVER in [0-9]*) ;; *) DEBVER="0~$DEBVER" ;; esac
# Windows FILEVERSION wants three numbers; anything else counts as 0.
IFS=. read -r V1 V2 V3 _ <<<"$(printf '%s' "${VERSION#v}" | sed 's/[^0-9.].*//').0.0.0"
V1=${V1:-0} V2=${V2:-0} V3=${V3:-0}

WORK=$(mktemp -d)
SYSO=$ROOT/cmd/deskcti/rsrc_windows_amd64.syso
cleanup() { rm -rf "$WORK"; rm -f "$SYSO"; }
trap cleanup EXIT

log() { printf '==> %s\n' "$*"; }
# stamp sets every mtime below $1 to SOURCE_DATE_EPOCH.
stamp() { find "$1" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +; }
# fill replaces the @KEY@ fields of a template.
fill() {
	sed -e "s|@VERSION@|$VERSION|g" -e "s|@DEBVER@|$DEBVER|g" -e "s|@ARCH@|$ARCH|g" \
		-e "s|@MAINTAINER@|$MAINTAINER|g" -e "s|@YEAR@|$YEAR|g" \
		-e "s|@V1@|$V1|g" -e "s|@V2@|$V2|g" -e "s|@V3@|$V3|g" "$1"
}

mkdir -p "$DIST"
rm -f "$DIST"/deskcti_*.deb "$DIST"/deskcti-*.tar.xz "$DIST"/deskcti-*.zip

log "icons"
ICONS=$WORK/icons
mkdir -p "$ICONS"
"$GO" run ./packaging/tools/rasterize -in assets/icons/deskcti.svg -out "$ICONS" $SIZES

log "linux binary"
BIN=$WORK/deskcti
"$GO" build -trimpath -buildmode=pie -ldflags "-s -w $LDFLAGS" -o "$BIN" ./cmd/deskcti

# Dependencies: the package of every shared library the binary needs.
# libc6 comes out with a versioned minimum from the symbol versions used.
depends() {
	local lib path pkg libs=""
	for lib in $(objdump -p "$BIN" | awk '/NEEDED/ {print $2}'); do
		path=$(ldconfig -p | awk -v l="$lib" '$1 == l && /x86-64|'"$ARCH"'/ {print $NF; exit}')
		[ -n "$path" ] || path=$(ldconfig -p | awk -v l="$lib" '$1 == l {print $NF; exit}')
		[ -n "$path" ] || { echo "build.sh: $lib not found" >&2; exit 1; }
		pkg=$(dpkg -S "$(readlink -f "$path")" 2>/dev/null | head -1 | cut -d: -f1) ||
			pkg=$(dpkg -S "$path" | head -1 | cut -d: -f1)
		[ -n "$pkg" ] || pkg=$(dpkg -S "$path" | head -1 | cut -d: -f1)
		libs="$libs $pkg"
	done
	local glibc
	glibc=$(objdump -T "$BIN" | grep -o 'GLIBC_[0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -1)
	# GLFW dlopen()s these X11 extension libraries, so objdump cannot see them.
	libs="$libs libxcursor1 libxrandr2 libxinerama1 libxi6 libxxf86vm1"
	# sensible-browser opens links when xdg-open is missing (platform/open).
	libs="$libs sensible-utils"
	printf '%s\n' $libs | sort -u | sed "s/^libc6\$/libc6 (>= $glibc)/" | paste -sd, | sed 's/,/, /g'
}
DEPENDS=$(depends)
log "depends: $DEPENDS"

# --- .deb ---------------------------------------------------------------
log "deb"
ST=$WORK/deb
install -D -m 0755 "$BIN" "$ST/usr/bin/deskcti"
install -D -m 0644 "$PKG/linux/deskcti.desktop" "$ST/usr/share/applications/deskcti.desktop"
for s in $SIZES; do
	install -D -m 0644 "$ICONS/$s.png" "$ST/usr/share/icons/hicolor/${s}x$s/apps/deskcti.png"
done
install -D -m 0644 assets/icons/deskcti.svg "$ST/usr/share/icons/hicolor/scalable/apps/deskcti.svg"
mkdir -p "$ST/usr/share/doc/deskcti" "$ST/usr/share/man/man1"
gzip -9n <"$PKG/linux/deskcti.1" >"$ST/usr/share/man/man1/deskcti.1.gz"
fill "$PKG/linux/copyright.in" >"$ST/usr/share/doc/deskcti/copyright"
{
	printf 'deskcti (%s) unstable; urgency=medium\n\n' "$DEBVER"
	printf '  * Release %s (commit %s).\n\n' "$VERSION" "$COMMIT"
	printf ' -- %s  %s\n' "$MAINTAINER" "$(date -u -R -d "@$SOURCE_DATE_EPOCH")"
} | gzip -9n >"$ST/usr/share/doc/deskcti/changelog.gz"
mkdir -p "$ST/DEBIAN"
install -m 0755 "$PKG/linux/postinst" "$PKG/linux/postrm" "$ST/DEBIAN/"
SIZE=$(du -sk --exclude=DEBIAN "$ST" | cut -f1)
fill "$PKG/linux/control.in" | sed -e "s|@SIZE@|$SIZE|" -e "s|@DEPENDS@|$DEPENDS|" >"$ST/DEBIAN/control"
chmod 0644 "$ST/DEBIAN/control" "$ST/usr/share/doc/deskcti/"*
find "$ST" -type d -exec chmod 0755 {} +
(cd "$ST" && find usr -type f -print0 | sort -z | xargs -0 md5sum >DEBIAN/md5sums && chmod 0644 DEBIAN/md5sums)
stamp "$ST"
DEB=$DIST/deskcti_${DEBVER}_$ARCH.deb
dpkg-deb --build --root-owner-group -Zxz "$ST" "$DEB" >/dev/null

# --- tarball -------------------------------------------------------------
log "tarball"
TNAME=deskcti-$VERSION-linux-$ARCH
T=$WORK/$TNAME
install -D -m 0755 "$BIN" "$T/deskcti"
install -m 0755 "$PKG/linux/install.sh" "$T/install.sh"
cp -a "$ST/usr/share" "$T/share"
rm -rf "$T/share/doc"
stamp "$T"
tar --sort=name --owner=0 --group=0 --numeric-owner --mtime="@$SOURCE_DATE_EPOCH" \
	-C "$WORK" -cf - "$TNAME" | xz -9 >"$DIST/$TNAME.tar.xz"

# --- Windows -------------------------------------------------------------
log "windows"
W=$WORK/win
WNAME=deskcti-$VERSION-windows-amd64
mkdir -p "$W/res" "$W/$WNAME"
"$GO" run ./packaging/tools/mkico -o "$W/res/deskcti.ico" $(for s in $SIZES; do echo "$ICONS/$s.png"; done)
fill "$PKG/windows/deskcti.rc.in" >"$W/res/deskcti.rc"
(cd "$W/res" && x86_64-w64-mingw32-windres -O coff -i deskcti.rc -o rsrc.syso)
# The .syso exists in cmd/deskcti only for this one build (trap removes it).
cp "$W/res/rsrc.syso" "$SYSO"
CGO_ENABLED=1 CC=x86_64-w64-mingw32-gcc GOOS=windows GOARCH=amd64 \
	"$GO" build -trimpath -ldflags "-H=windowsgui -s -w $LDFLAGS" -o "$W/$WNAME/deskcti.exe" ./cmd/deskcti
rm -f "$SYSO"
fill "$PKG/windows/README.txt" | sed 's/$/\r/' >"$W/$WNAME/README.txt"
stamp "$W/$WNAME"
(cd "$W" && TZ=UTC zip -X -q -r "$DIST/$WNAME.zip" "$WNAME")

# --- checks ----------------------------------------------------------------
log "checks"
fail() { echo "build.sh: check failed: $*" >&2; exit 1; }
dpkg-deb --info "$DEB"
CONTENTS=$(dpkg-deb --contents "$DEB")
for f in ./usr/bin/deskcti ./usr/share/applications/deskcti.desktop \
	./usr/share/icons/hicolor/scalable/apps/deskcti.svg ./usr/share/doc/deskcti/copyright; do
	grep -q " $f\$" <<<"$CONTENTS" || fail "$f missing from the .deb"
done
grep -q '^-rwxr-xr-x root/root .* ./usr/bin/deskcti$' <<<"$CONTENTS" || fail "/usr/bin/deskcti not 0755 root/root"
X=$WORK/xroot
dpkg -x "$DEB" "$X"
for s in $SIZES; do [ -s "$X/usr/share/icons/hicolor/${s}x$s/apps/deskcti.png" ] || fail "icon ${s}x$s missing"; done
"$X/usr/bin/deskcti" --version | grep -qF "$VERSION" || fail "deskcti --version does not say $VERSION"
if command -v desktop-file-validate >/dev/null; then desktop-file-validate "$X/usr/share/applications/deskcti.desktop"; fi
# Whole outputs into variables: grep -q on a pipe would SIGPIPE the lister
# and pipefail would call that a failure.
LIST=$(tar -tJf "$DIST/$TNAME.tar.xz")
grep -qx "$TNAME/install.sh" <<<"$LIST" || fail "install.sh missing from the tarball"
LIST=$(file "$W/$WNAME/deskcti.exe")
grep -q 'PE32+ executable (GUI) x86-64' <<<"$LIST" || fail "deskcti.exe is not a GUI PE32+: $LIST"
echo "$LIST"
LIST=$(unzip -l "$DIST/$WNAME.zip")
grep -q "$WNAME/deskcti.exe" <<<"$LIST" || fail "deskcti.exe missing from the zip"
[ ! -e "$SYSO" ] || fail "$SYSO left behind"
if [ "$(id -u)" = 0 ] && [ "${DESKCTI_SKIP_INSTALL_TEST:-}" = "" ]; then
	if dpkg-query -W -f='${Status}' deskcti 2>/dev/null | grep -q 'install ok installed'; then
		log "install test skipped: deskcti is already installed on this system"
	else
		log "install test (dpkg -i, then dpkg -r)"
		DEBIAN_FRONTEND=noninteractive dpkg -i "$DEB" >/dev/null
		command -v deskcti >/dev/null || fail "deskcti not on PATH after dpkg -i"
		deskcti --version
		dpkg -r deskcti >/dev/null
		[ ! -e /usr/bin/deskcti ] || fail "/usr/bin/deskcti still there after dpkg -r"
	fi
fi
if command -v lintian >/dev/null; then
	log "lintian"
	lintian --info --suppress-tags-from-file "$PKG/linux/lintian-suppress" "$DEB" || true
else
	log "lintian not installed (apt-get install lintian); skipped"
fi
log "done:"
ls -l "$DIST"
