#!/bin/sh
# What pcdocs needs from the operating system, installed on Debian/Ubuntu when missing and
# allowed (root); otherwise says what to install. Nothing else is needed.
# - Pango for WeasyPrint (the PDFs).
# - Debian's chromium for the browser tests (tests/test_browser.py: Playwright drives it and
#   never downloads a browser of its own), with the Liberation fonts that stand in for the
#   Arial/Helvetica of the site's system font stack.
# - Java and Node.js with npm for the public validators the tests run on the output: the
#   Nu Html Checker (npm vnu-jar, a Java program) and Lighthouse (scripts/lighthouse.py).
set -e
PACKAGES=""
if ! { ldconfig -p 2>/dev/null | grep -q 'libpango-1.0.so.0' \
       && ldconfig -p 2>/dev/null | grep -q 'libpangoft2-1.0.so.0'; }; then
  PACKAGES="libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0"
fi
BROWSER=""
if ! command -v chromium >/dev/null 2>&1 && ! command -v chromium-browser >/dev/null 2>&1; then
  BROWSER="chromium fonts-liberation"
fi
CHECKERS=""
if ! command -v java >/dev/null 2>&1; then
  CHECKERS="default-jre-headless"
fi
if ! command -v npm >/dev/null 2>&1; then
  CHECKERS="$CHECKERS nodejs npm"
fi
MISSING=$(echo $PACKAGES $BROWSER $CHECKERS)
if [ -z "$MISSING" ]; then
  exit 0
fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "pcdocs: ontbreekt; installeren: $MISSING"
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $MISSING
  exit 0
fi
if [ -n "$CHECKERS" ]; then
  echo "pcdocs: de tests hebben Java en npm nodig (HTML-validatie, Lighthouse). Installeer (Debian):" >&2
  echo "  sudo apt-get install $CHECKERS" >&2
fi
if [ -n "$BROWSER" ]; then
  # Only the browser tests need it: they fail with this advice; building the site does not.
  echo "pcdocs: de browsertests (tests/test_browser.py) hebben chromium nodig. Installeer (Debian):" >&2
  echo "  sudo apt-get install $BROWSER" >&2
fi
if [ -z "$PACKAGES" ]; then
  exit 0
fi
echo "pcdocs: de PDF's hebben Pango nodig. Installeer (Debian/Ubuntu):" >&2
echo "  sudo apt-get install $PACKAGES" >&2
echo "  (macOS: brew install pango)" >&2
exit 1
