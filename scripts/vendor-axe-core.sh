#!/usr/bin/env bash
# Vendor axe-core, the accessibility engine the browser tests inject into every kind of
# page (tests/site/test_accessibility.py).  A test tool, not a site asset: it lives under
# tests/ and is never copied into the site.
# Run from anywhere; rewrites tests/site/vendor/axe-core/ (commit the result).
set -euo pipefail

VERSION=4.14.1
# sha256 of axe-core-4.14.1.tgz as published on the npm registry.
SHA256=e6b0ce02b84d892e2e33e403485e7f3d6c29e2be6df65daf44d89ba564139745

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/tests/site/vendor/axe-core"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "axe-core@$VERSION" >/dev/null)
tarball="$work/axe-core-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum --check --quiet
tar -xzf "$tarball" -C "$work"

mkdir -p "$dest"
install -m 644 "$work/package/axe.min.js" "$dest/axe.min.js"
install -m 644 "$work/package/LICENSE" "$dest/LICENSE"
install -m 644 "$work/package/LICENSE-3RD-PARTY.txt" "$dest/LICENSE-3RD-PARTY.txt"
printf 'axe-core %s (npm), file axe.min.js, MPL-2.0 licence (LICENSE, LICENSE-3RD-PARTY.txt).\nVendored by scripts/vendor-axe-core.sh.\n' \
    "$VERSION" >"$dest/VERSION"
echo "axe-core $VERSION vendored into ${dest#"$root"/}"
