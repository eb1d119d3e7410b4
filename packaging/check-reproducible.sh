#!/usr/bin/env bash
# packaging/check-reproducible.sh — builds the packages of HEAD a second
# time, in a clone at another path with an empty Go build cache, and
# compares them byte for byte with dist/ (make package of the same commit).
# Differences mean an absolute path, a time or a random ID got into a
# build; diffoscope (if installed) shows where. Takes as long as a first
# build (several minutes): `make reproducible` runs it, make test does not.
set -euo pipefail
[ -f go.mod ] && [ -d packaging ] || { echo "check-reproducible.sh: run from the repository root" >&2; exit 2; }
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	echo "check-reproducible.sh: the work tree has changes; commit them, make package, then run this" >&2
	exit 2
fi
shopt -s nullglob
first=(dist/deskcti_*.deb dist/deskcti-*.tar.xz dist/deskcti-*.zip)
[ ${#first[@]} -eq 3 ] || { echo "check-reproducible.sh: run make package first (dist/ has ${#first[@]} of 3 packages)" >&2; exit 2; }

OTHER=$(mktemp -d /tmp/deskcti-repro-other-path.XXXXXX)
trap 'rm -rf "$OTHER"' EXIT
git clone -q . "$OTHER/src"
git -C "$OTHER/src" checkout -q "$(git rev-parse HEAD)"
# make's VERSION comes from git describe, which a clone of HEAD repeats.
(cd "$OTHER/src" && GOCACHE="$OTHER/gocache" make --no-print-directory package) >"$OTHER/build.log" 2>&1 ||
	{ tail -30 "$OTHER/build.log"; echo "check-reproducible.sh: the second build failed" >&2; exit 1; }

status=0
for f in "${first[@]}"; do
	g="$OTHER/src/$f"
	if cmp -s "$f" "$g"; then
		echo "same: $f $(sha256sum <"$f" | cut -c1-16)"
	else
		echo "DIFFERENT: $f"
		command -v diffoscope >/dev/null && diffoscope "$f" "$g" | head -40
		status=1
	fi
done
exit $status
