#!/usr/bin/env bash
# Install the Debian packages the dossier needs outside Python, when they are missing:
#   scripts/system-deps.sh        Pango/HarfBuzz for WeasyPrint (the PDF; its fonts are Python packages)
#   scripts/system-deps.sh test   and poppler-utils and chromium for the test suite
set -euo pipefail
need=()
ldconfig -p 2>/dev/null | grep 'libpango-1.0.so' >/dev/null || need+=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0)
if [ "${1:-}" = test ]; then
  command -v pdftotext >/dev/null || need+=(poppler-utils)
  [ -x /usr/bin/chromium ] || need+=(chromium)
fi
[ ${#need[@]} -eq 0 ] && exit 0
echo "installing Debian packages: ${need[*]}"
sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
$sudo apt-get update -qq
DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
