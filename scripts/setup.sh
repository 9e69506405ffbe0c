#!/usr/bin/env bash
# Set up crosscheck in ./.venv: everything it needs, from this repository's own files.
# Safe to run again: an existing .venv is reused and only what is missing is installed.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/setup-system.sh

PYTHON=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
    "$PYTHON" -m venv .venv
fi
# torch first and pinned: 2.13.0 is the CPU build; an unpinned request would pull a
# multi-gigabyte CUDA build that this tool never uses.
.venv/bin/python -m pip install --quiet --disable-pip-version-check "torch==2.13.0"
# Then the project with its test extra, and the dask and postgres extras so that their
# tests run too.
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test,dask,postgres]"
echo "crosscheck is set up in .venv ($(.venv/bin/crosscheck --version))" >&2
