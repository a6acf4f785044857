#!/usr/bin/env bash
# Create .venv and install govinspect (with test extras when asked). Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
  .venv/bin/python -m pip install -q --upgrade pip
fi
extras=""
[ "${1:-}" = "test" ] && extras="[test]"
.venv/bin/python -m pip install -q -e ".${extras}"
# Byte-compile the package once, as pip does for a non-editable install: every campaign process and the fork
# server then load it instead of compiling it (this matters where PYTHONDONTWRITEBYTECODE is set).
.venv/bin/python -m compileall -q src > /dev/null
