#!/usr/bin/env bash
# System packages some tests use, from Debian: Chromium (the HTML report's browser tests)
# and PostgreSQL (the history backend's server tests, started by the tests on 127.0.0.1).
# Needs root and apt-get; without them it says so, and those tests skip with a reason.
set -euo pipefail
want=()
command -v chromium >/dev/null 2>&1 || want+=(chromium chromium-driver)
compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null || want+=(postgresql)
if [ ${#want[@]} -eq 0 ]; then
    exit 0
fi
if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    echo "note: not installing ${want[*]} (needs root and apt-get): their tests will skip" >&2
    exit 0
fi
echo "installing ${want[*]} from Debian's packages" >&2
apt-get update -qq
DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${want[@]}" >/dev/null
