#!/bin/sh
# Install the Debian packages Qt needs (design section 5), or print the exact command.
#   tools/sysdeps.sh offscreen   libraries for Qt without a screen (unit and UI tests)
#   tools/sysdeps.sh window      plus what a real X11 window needs (make run)
#   tools/sysdeps.sh test        plus Xvfb for the end-to-end test
#   tools/sysdeps.sh bench       offscreen plus kiwix-tools, the peer make bench measures against
set -eu
OFFSCREEN="libegl1 libgl1 libx11-6 libdbus-1-3 libfontconfig1 libfreetype6 libglib2.0-0 libxkbcommon0 fonts-dejavu-core"
WINDOW="libxcb-cursor0 libxcb-icccm4 libxcb-image0 libxcb-keysyms1 libxcb-render-util0 libxcb-render0 libxcb-shape0 libxcb-util1 libxcb-xkb1 libxkbcommon-x11-0"
TEST="xvfb xauth libpulse0 gettext"  # libpulse0: QtTextToSpeech (read aloud) loads it; gettext: msgfmt -c in the catalog tests
BENCH="kiwix-tools"  # make bench: kiwix-search, the peer for a search in a new process
case "${1:-window}" in
  offscreen) wanted="$OFFSCREEN" ;;
  window) wanted="$OFFSCREEN $WINDOW" ;;
  test) wanted="$OFFSCREEN $WINDOW $TEST" ;;
  bench) wanted="$OFFSCREEN $BENCH" ;;
  *) echo "usage: $0 offscreen|window|test|bench" >&2; exit 2 ;;
esac
command -v dpkg-query >/dev/null 2>&1 || exit 0   # not Debian/Ubuntu: nothing we can check
missing=""
for pkg in $wanted; do
  status=$(dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null || true)
  case "$status" in *"ok installed"*) ;; *) missing="$missing $pkg" ;; esac
done
[ -z "$missing" ] && exit 0
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing system libraries for Qt:$missing"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing
else
  echo "rightsguide needs these system packages. Run:" >&2
  echo "  sudo apt-get install -y$missing" >&2
  exit 1
fi
