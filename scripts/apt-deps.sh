#!/usr/bin/env bash
# Install the Debian packages LSCP Insight needs, only those missing.
#   scripts/apt-deps.sh run    -> what the app needs (PDF rendering, fonts, Node for assets)
#   scripts/apt-deps.sh test   -> also Chromium for browser tests, poppler for PDF checks,
#                                 and the PostgreSQL server for the second test run
set -euo pipefail
want=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz0b fonts-liberation fonts-dejavu-core shared-mime-info nodejs npm)
if [ "${1:-run}" = "test" ]; then
  want+=(chromium poppler-utils postgresql)
fi
missing=()
for pkg in "${want[@]}"; do
  if [ "$pkg" = nodejs ] || [ "$pkg" = npm ]; then
    command -v "${pkg/nodejs/node}" >/dev/null 2>&1 && continue
  fi
  dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing Debian packages: ${missing[*]}"
SUDO=""
[ "$(id -u)" -ne 0 ] && SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
