#!/usr/bin/env bash
# Vendor axe-core (Deque's accessibility engine, MPL-2.0) for the real-browser accessibility checks
# (tests/e2e/test_accessibility.py). Downloads the pinned version from the npm registry with `npm pack`
# and copies axe.min.js and its licence into tests/e2e/vendor/. Run again after changing the version.
set -euo pipefail
AXE_VERSION="${AXE_VERSION:-4.10.3}"
cd "$(dirname "$0")/.."
target=tests/e2e/vendor
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "axe-core@${AXE_VERSION}" >/dev/null && tar -xzf "axe-core-${AXE_VERSION}.tgz")
mkdir -p "$target"
cp "$work/package/axe.min.js" "$target/axe.min.js"
cp "$work/package/LICENSE" "$target/axe-core-LICENSE.txt"
echo "axe-core ${AXE_VERSION} (npm: axe-core@${AXE_VERSION}), vendored by scripts/vendor_axe.sh" > "$target/AXE_VERSION"
echo "Vendored axe-core ${AXE_VERSION} into ${target}/"
