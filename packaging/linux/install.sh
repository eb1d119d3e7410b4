#!/bin/sh
# Installs deskcti from this tarball.
#   ./install.sh               per user: ~/.local/bin and ~/.local/share
#   ./install.sh --system      for everyone: /usr/local (uses sudo unless root)
#   ./install.sh --uninstall   removes it again (add --system for /usr/local)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
system=0 uninstall=0
for a in "$@"; do
	case $a in
	--system) system=1 ;;
	--uninstall) uninstall=1 ;;
	-h|--help) sed -n 2,5p "$0"; exit 0 ;;
	*) echo "install.sh: unknown option $a" >&2; exit 2 ;;
	esac
done
sudo=""
if [ $system = 1 ]; then
	bindir=/usr/local/bin share=/usr/local/share
	[ "$(id -u)" = 0 ] || sudo=sudo
else
	bindir="$HOME/.local/bin" share="${XDG_DATA_HOME:-$HOME/.local/share}"
fi
sizes="16x16 32x32 48x48 64x64 128x128 256x256"
if [ $uninstall = 1 ]; then
	$sudo rm -f "$bindir/deskcti" "$share/applications/deskcti.desktop" \
		"$share/icons/hicolor/scalable/apps/deskcti.svg"
	for s in $sizes; do $sudo rm -f "$share/icons/hicolor/$s/apps/deskcti.png"; done
else
	$sudo install -D -m 0755 "$here/deskcti" "$bindir/deskcti"
	# Per user the Exec line names the binary by path: ~/.local/bin is not
	# on every desktop session's PATH.
	if [ $system = 1 ]; then exec_line="deskcti %u"; else exec_line="$bindir/deskcti %u"; fi
	sed "s|^Exec=.*|Exec=$exec_line|" "$here/share/applications/deskcti.desktop" >"${TMPDIR:-/tmp}/deskcti.desktop.$$"
	$sudo install -D -m 0644 "${TMPDIR:-/tmp}/deskcti.desktop.$$" "$share/applications/deskcti.desktop"
	rm -f "${TMPDIR:-/tmp}/deskcti.desktop.$$"
	$sudo install -D -m 0644 "$here/share/icons/hicolor/scalable/apps/deskcti.svg" "$share/icons/hicolor/scalable/apps/deskcti.svg"
	for s in $sizes; do
		$sudo install -D -m 0644 "$here/share/icons/hicolor/$s/apps/deskcti.png" "$share/icons/hicolor/$s/apps/deskcti.png"
	done
fi
command -v update-desktop-database >/dev/null 2>&1 && $sudo update-desktop-database -q "$share/applications" || true
command -v gtk-update-icon-cache >/dev/null 2>&1 && $sudo gtk-update-icon-cache -q -t "$share/icons/hicolor" || true
if [ $uninstall = 1 ]; then echo "deskcti removed from $bindir"; else echo "deskcti installed to $bindir/deskcti"; fi
