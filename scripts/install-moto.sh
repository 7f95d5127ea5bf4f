#!/usr/bin/env bash
# Installs what the tests against a real IAM endpoint need into .venv-moto/ (a Python virtual
# environment beside the repository): moto in server mode (`moto_server`, IAM, STS and Organizations
# over their real wire protocols) and the AWS CLI v1 from PyPI (`aws`, which runs the scripts
# `synth --format aws-cli` writes). Idempotent: a second run that finds the pinned versions installed
# does nothing. Needs python3 with venv and PyPI; nothing else is downloaded.
set -euo pipefail
cd "$(dirname "$0")/.."
VENV=.venv-moto
REQUIREMENTS=scripts/moto-requirements.txt
STAMP="$VENV/.requirements"
if [[ -x "$VENV/bin/moto_server" && -x "$VENV/bin/aws" && -f "$STAMP" ]] && cmp -s "$REQUIREMENTS" "$STAMP"; then
    echo "moto and the AWS CLI are installed in $VENV"
    exit 0
fi
PYTHON="${PYTHON:-python3}"
rm -rf "$VENV"
"$PYTHON" -m venv "$VENV"
"$VENV/bin/python" -m pip install --quiet --disable-pip-version-check --no-input -r "$REQUIREMENTS"
cp "$REQUIREMENTS" "$STAMP"
echo "installed into $VENV: moto $("$VENV/bin/python" -m pip show moto 2>/dev/null | sed -n "s/^Version: //p"), $("$VENV/bin/aws" --version 2>&1)"
