#!/bin/sh
# WeasyPrint (the PDFs) needs Pango from the operating system. Installs it on Debian/Ubuntu
# when missing and allowed (root); otherwise says what to install. Nothing else is needed.
set -e
if ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
   && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; then
  exit 0
fi
PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pcdocs: Pango ontbreekt; installeren: $PACKAGES"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $PACKAGES
  exit 0
fi
echo "pcdocs: de PDF's hebben Pango nodig. Installeer (Debian/Ubuntu):" >&2
echo "  sudo apt-get install $PACKAGES" >&2
echo "  (macOS: brew install pango)" >&2
exit 1
