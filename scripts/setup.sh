#!/usr/bin/env bash
# Install everything the edition needs on a fresh Debian machine; idempotent and quiet when done.
#  - Debian packages: Chromium (browser tests), fonts covering every character of the texts
#    (Junicode, Noto, Linux Libertine), poppler-utils (pdftotext/pdffonts in PDF tests).
#  - axe-core from npm (package-lock.json) for the accessibility audit in the browser tests.
#  - The Python package with its test extras, editable.
set -euo pipefail
cd "$(dirname "$0")/.."

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
for pkg in poppler-utils fonts-junicode fonts-noto-core fonts-linuxlibertine; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ${#need[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "setup: installing Debian packages: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

# axe-core (accessibility audit injected by the browser tests), pinned by package-lock.json.
if [ -f package-lock.json ] && [ ! -f node_modules/axe-core/axe.min.js ]; then
  if command -v npm >/dev/null 2>&1; then
    npm ci --no-audit --no-fund --silent
  else
    echo "setup: npm not found; the accessibility audit in the browser tests will be skipped" >&2
  fi
fi

PYTHON=${PYTHON:-python3}
$PYTHON -m pip install -q --disable-pip-version-check --root-user-action=ignore -e ".[test]"
