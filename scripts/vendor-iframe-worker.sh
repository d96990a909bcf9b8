#!/usr/bin/env bash
# Vendor iframe-worker's shim: Material's offline plugin needs it for search from file://,
# and loads it from a CDN unless a local copy is listed in mkdocs.yml (extra.polyfills).
# Run from anywhere; rewrites overrides/assets/javascripts/iframe-worker/ (commit the result).
set -euo pipefail

VERSION=1.0.4
# sha256 of iframe-worker-1.0.4.tgz as published on the npm registry.
SHA256=e8c5d12d87829c503afba01d67772ea9f4aba5b7ae57a0c98e1917711030efbb

root=$(cd "$(dirname "$0")/.." && pwd)
dest="$root/overrides/assets/javascripts/iframe-worker"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

(cd "$work" && npm pack --silent "iframe-worker@$VERSION" >/dev/null)
tarball="$work/iframe-worker-$VERSION.tgz"
echo "$SHA256  $tarball" | sha256sum --check --quiet
tar -xzf "$tarball" -C "$work"

mkdir -p "$dest"
install -m 644 "$work/package/shim/index.js" "$dest/shim.js"
install -m 644 "$work/package/LICENSE" "$dest/LICENSE"
printf 'iframe-worker %s (npm), file shim/index.js, MIT licence (LICENSE).\nVendored by scripts/vendor-iframe-worker.sh.\n' \
    "$VERSION" >"$dest/VERSION"
echo "iframe-worker $VERSION vendored into ${dest#"$root"/}"
