#!/usr/bin/env bash
# The README's test command: install everything the tests need, then run them.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh test
bash scripts/system-packages.sh
exec .venv/bin/python -m pytest -p no:cacheprovider "$@"
