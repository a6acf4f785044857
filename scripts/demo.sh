#!/usr/bin/env bash
# The README's main command: install, then inspect the sample world and write every report.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
exec .venv/bin/govinspect demo "$@"
