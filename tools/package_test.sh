#!/usr/bin/env bash
# make package-test: install dist/rightsguide_<v>_amd64.deb with apt-get into a fresh, minimal
# Debian 12 (bookworm) chroot and run it there as a non-root user, with no system fonts:
#   check (the bundled content, and a 600-page tree that uses worker processes), render,
#   screenshots in zh-Hans, ar and ru (the self-test must find no character without a bundled
#   font), export --pdf, a kiosk screenshot with HOME and the XDG folders staying empty, the
#   end-to-end tests (tests/e2e, RIGHTSGUIDE_BIN) in a real X window under Xvfb;
# then purge the package and check that nothing of it is left.
# The debootstrap download is cached in build/debootstrap-bookworm-minbase.tgz for re-runs.
# Needs root (debootstrap, chroot, mount). Uses the mirror of this machine's apt sources.
set -euo pipefail
cd "$(dirname "$0")/.."
REPO=$PWD
start=$(date +%s)
VERSION=$(.venv/bin/python -c 'import rightsguide; print(rightsguide.__version__)')
DEB=dist/rightsguide_${VERSION}_amd64.deb
[ -f "$DEB" ] || { echo "package-test: $DEB is missing; run make package first" >&2; exit 1; }
[ "$(id -u)" = 0 ] || { echo "package-test: needs root (debootstrap, chroot)" >&2; exit 1; }
command -v debootstrap >/dev/null || {
  apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap
}
MIRROR=$( (cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null || true) |
  grep -v '^\s*#' | grep -oE 'https?://[^ ]+/debian/?( |$)' | head -1 | tr -d ' ' || true)
MIRROR=${MIRROR:-http://deb.debian.org/debian}
TARBALL=$REPO/build/debootstrap-bookworm-minbase.tgz
W=$REPO/build/package-test
ROOT=$W/root
T=/home/tester   # the test user's home, inside the chroot

mounted=()
cleanup() {
  local i
  for ((i = ${#mounted[@]} - 1; i >= 0; i--)); do umount -l "${mounted[i]}" 2>/dev/null || true; done
}
trap cleanup EXIT
bind() { # bind SRC DEST-INSIDE-ROOT
  mkdir -p "$ROOT$2"
  mount --bind "$1" "$ROOT$2"
  mounted+=("$ROOT$2")
}
step() { echo "== $* ($(($(date +%s) - start)) s)"; }
fail() { echo "package-test FAILED: $*" >&2; exit 1; }
as_user() { # as_user ENV... -- COMMAND...: a clean environment, as the non-root user
  local envs=()
  while [ "$1" != "--" ]; do envs+=("$1"); shift; done
  shift
  chroot --userspec=tester:tester "$ROOT" /usr/bin/env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \
    HOME=$T QT_QPA_PLATFORM=offscreen "${envs[@]}" "$@"
}

step "fresh Debian 12 chroot (mirror $MIRROR)"
if [ ! -f "$TARBALL" ]; then
  mkdir -p "$REPO/build"
  debootstrap --variant=minbase --make-tarball="$TARBALL" bookworm "$W/download" "$MIRROR"
  rm -rf "$W/download"
fi
[ -d "$ROOT" ] && { cleanup; rm -rf "$ROOT"; }
mkdir -p "$W"
debootstrap --variant=minbase --unpack-tarball="$TARBALL" bookworm "$ROOT" "$MIRROR" >"$W/debootstrap.log" 2>&1 ||
  { tail -20 "$W/debootstrap.log"; fail "debootstrap"; }
# the same sources as this machine (bookworm, -updates, -security), instead of debootstrap's one
rm -f "$ROOT/etc/apt/sources.list"
cp /etc/apt/sources.list.d/*.sources /etc/apt/sources.list.d/*.list "$ROOT/etc/apt/sources.list.d/" 2>/dev/null || true
if [ -f /etc/apt/sources.list ]; then cp /etc/apt/sources.list "$ROOT/etc/apt/sources.list"; fi
mount -t proc proc "$ROOT/proc" && mounted+=("$ROOT/proc")
bind /dev /dev
chroot "$ROOT" useradd -m -s /bin/sh tester
snapshot() { # every path outside the volatile folders (/var, /tmp, /proc, /dev, /run, /home)
  chroot "$ROOT" find / -xdev \( -path /proc -o -path /dev -o -path /var -o -path /tmp \
    -o -path /run -o -path /home -o -path /root -o -path /etc/ld.so.cache \) -prune -o -print | sort
}
snapshot >"$W/before.txt"

step "apt-get install ./$(basename "$DEB")"
cp "$DEB" "$ROOT/tmp/"
chroot "$ROOT" apt-get update -qq
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
  "/tmp/$(basename "$DEB")" >"$W/install.log" 2>&1 || { tail -20 "$W/install.log"; fail "apt-get install"; }
chroot "$ROOT" dpkg-query -W -f='${Status} ${Version}\n' rightsguide
chroot "$ROOT" test -x /usr/bin/rightsguide || fail "/usr/bin/rightsguide"
for f in kiosk.yaml clinic.yaml; do
  grep -qx "/etc/rightsguide/$f" "$ROOT/var/lib/dpkg/info/rightsguide.conffiles" || fail "$f is no conffile"
done

step "every library the bundle loads is found (Depends is complete)"
chroot "$ROOT" sh -c 'find /opt/rightsguide -name "*.so*" -type f | while read -r f; do
  LD_LIBRARY_PATH=/opt/rightsguide/_internal ldd "$f" 2>/dev/null | sed -n "s|^\s*\(.*not found\)|$f: \1|p"; done' \
  >"$W/ldd.txt"
[ -s "$W/ldd.txt" ] && { cat "$W/ldd.txt"; fail "libraries not found"; }

# A fontconfig configuration with no font folders: for the screenshots and the PDF the system
# fonts are out of sight, so everything drawn must come from the bundle. (Hiding the folder
# instead would make fontconfig write a new cache into HOME.)
NOFONTS=/etc/rightsguide-test-nofonts.conf
printf '%s\n' '<?xml version="1.0"?>' '<!DOCTYPE fontconfig SYSTEM "urn:fontconfig:fonts.dtd">' \
  '<fontconfig></fontconfig>' >"$ROOT$NOFONTS"

step "rightsguide --version, check"
as_user -- rightsguide --version | grep -qx "rightsguide $VERSION" || fail "--version"
as_user -- rightsguide check >"$W/check.out" 2>"$W/check.err" || { cat "$W/check.out" "$W/check.err"; fail "check"; }
grep -q "^0 errors" "$W/check.err" || fail "check: $(cat "$W/check.err")"

step "check on a 600-page tree (worker processes in the frozen program)"
rm -rf "$ROOT/tmp/synth"
.venv/bin/python tools/synth_corpus.py "$ROOT/tmp/synth" --locales 3 --pages 200 >/dev/null
chmod -R a+rX "$ROOT/tmp/synth"
set +e
as_user -- rightsguide check --content /tmp/synth >"$W/synth.out" 2>"$W/synth.err"
rc=$?
set -e
[ "$rc" -le 1 ] || fail "check on the synthetic tree exited $rc"
if grep -qE "usage:|Traceback|worker" "$W/synth.out" "$W/synth.err"; then
  head -20 "$W/synth.err"; fail "check on the synthetic tree printed usage or a traceback"
fi
tail -1 "$W/synth.err"

step "render (ar)"
as_user -- rightsguide render --locale ar --page start-here/what-is-atd >"$W/render.html"
grep -q 'dir="rtl"' "$W/render.html" || fail "render: no dir=rtl"
step "render in every registered language (Babel's date data for each is in the bundle)"
for code in $(sed -n 's/^ *- code: *\([A-Za-z-]*\).*/\1/p' "$ROOT/opt/rightsguide/_internal/data/content/locales.yaml"); do
  as_user -- rightsguide render --locale "$code" --page start-here/what-is-atd >"$W/render-$code.html" \
    2>"$W/render-$code.err" || { cat "$W/render-$code.err"; fail "render $code"; }
  printf ' %s' "$code"
done
echo

shot() { # shot NAME ARGS...: an offscreen screenshot and self-test report as the user
  local name=$1; shift
  as_user FONTCONFIG_FILE=$NOFONTS -- rightsguide "$@" --screenshot "$T/$name.png" --self-test "$T/$name.json" \
    2>"$W/$name.err" || { cat "$W/$name.err"; fail "$name"; }
  [ -s "$W/$name.err" ] && { cat "$W/$name.err"; fail "$name wrote to stderr"; }
  cp "$ROOT$T/$name.png" "$ROOT$T/$name.json" "$W/"
  .venv/bin/python - "$W/$name.json" <<'EOF' || fail "$name self-test"
import json, sys
report = json.load(open(sys.argv[1], encoding="utf-8"))
assert report["warnings"] == [], report["warnings"]
assert report["missing_glyphs"] == "", f"no bundled font draws {report['missing_glyphs']!r}"
print(f"  {sys.argv[1].rsplit('/', 1)[-1]}: {report['locale']} {report['layout_direction']}, "
      f"page {report['page_id']}, no empty boxes, peak {report['peak_rss_mb']} MB")
EOF
}
step "screenshots in zh-Hans, ar and ru, with no system fonts"
shot page-zh-Hans --locale zh-Hans --page device-care/charging
shot page-ar --locale ar --page device-care/charging
shot page-ru --locale ru --page device-care/charging
shot home-ar --locale ar

step "export --pdf"
as_user FONTCONFIG_FILE=$NOFONTS -- rightsguide export --locale zh-Hans --page device-care/charging --with-english \
  --pdf "$T/handout.pdf" 2>"$W/export.err" || { cat "$W/export.err"; fail "export"; }
head -c 5 "$ROOT$T/handout.pdf" | grep -q '%PDF-' || fail "export: not a PDF"
cp "$ROOT$T/handout.pdf" "$W/"

step "kiosk screenshot: HOME and the XDG folders stay empty"
K=/tmp/kiosk
chroot "$ROOT" sh -c "rm -rf $K && mkdir -p $K/home $K/config $K/cache $K/data $K/state $K/runtime $K/out &&
  chmod 700 $K/runtime && chown -R tester:tester $K"
# the shipped example is refused until the administrator gives the kiosk its own PIN
as_user -- rightsguide --kiosk --config /etc/rightsguide/kiosk.yaml --screenshot /tmp/no.png \
  2>"$W/example.err" && fail "the example PIN was accepted"
grep -q "example PIN" "$W/example.err" || { cat "$W/example.err"; fail "example PIN: no clear message"; }
chroot "$ROOT" sh -c "sed -e 's/^exit_pin: .*/exit_pin: \"804217\"/' \
  -e 's|^clinic: clinic.yaml|clinic: /etc/rightsguide/clinic.yaml|' /etc/rightsguide/kiosk.yaml >$K/kiosk.yaml &&
  chown tester:tester $K/kiosk.yaml"
as_user HOME=$K/home XDG_CONFIG_HOME=$K/config XDG_CACHE_HOME=$K/cache XDG_DATA_HOME=$K/data \
  XDG_STATE_HOME=$K/state XDG_RUNTIME_DIR=$K/runtime -- \
  rightsguide --kiosk --config $K/kiosk.yaml --screenshot $K/out/kiosk.png \
  2>"$W/kiosk.err" || { cat "$W/kiosk.err"; fail "kiosk"; }
[ -s "$W/kiosk.err" ] && { cat "$W/kiosk.err"; fail "kiosk wrote to stderr"; }
left=$(chroot "$ROOT" find $K/home $K/config $K/cache $K/data $K/state $K/runtime -mindepth 1)
[ -z "$left" ] || fail "the kiosk wrote: $left"
cp "$ROOT$K/out/kiosk.png" "$W/kiosk-language.png"

step "end-to-end tests against the installed program (RIGHTSGUIDE_BIN, Xvfb)"
# The tests run here; the program runs in the chroot as the user. The worktree is bound at the
# same path (fixtures, and pytest's folder for reports), and the X server's socket folder too.
E2E=$W/e2e
rm -rf "$E2E" && mkdir -p "$E2E" /tmp/.X11-unix
bind "$REPO" "$REPO"
bind /tmp/.X11-unix /tmp/.X11-unix
TESTER_UID=$(chroot "$ROOT" id -u tester)  # the host has no user named tester: use the number
cat >"$W/rightsguide-in-chroot" <<EOF
#!/bin/sh
# RIGHTSGUIDE_BIN for the e2e tests: run the packaged program in the chroot as the user.
chown -R "$TESTER_UID" "$E2E"
exec chroot --userspec=tester:tester "$ROOT" /usr/bin/env HOME="\$HOME" PATH=/usr/bin:/bin \\
  LANG=C.UTF-8 DISPLAY="\$DISPLAY" QT_QPA_PLATFORM="\$QT_QPA_PLATFORM" /usr/bin/rightsguide "\$@"
EOF
chmod +x "$W/rightsguide-in-chroot"
RIGHTSGUIDE_BIN=$W/rightsguide-in-chroot .venv/bin/python -m pytest -m e2e -q -p no:cacheprovider \
  --basetemp="$E2E" tests/e2e || fail "e2e tests against the package"

step "apt-get purge: nothing of the package is left"
cleanup
mounted=()
rmdir -p "$ROOT$REPO" 2>/dev/null || true  # the folders made for the bind mount above
mount -t proc proc "$ROOT/proc" && mounted+=("$ROOT/proc")
rm -f "$ROOT$NOFONTS"
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get purge -y -qq rightsguide >>"$W/install.log" 2>&1
chroot "$ROOT" env DEBIAN_FRONTEND=noninteractive apt-get autoremove --purge -y -qq >>"$W/install.log" 2>&1
snapshot >"$W/after.txt"
# dpkg removes /opt with the package when it is empty: no Debian package owns it, so dpkg counts
# it as ours (the same for every package under /opt). Everything else must be as before.
grep -vx /opt "$W/before.txt" >"$W/before-no-opt.txt" || true
grep -vx /opt "$W/after.txt" >"$W/after-no-opt.txt" || true
if ! diff -u "$W/before-no-opt.txt" "$W/after-no-opt.txt" >"$W/left.diff"; then
  cat "$W/left.diff"; fail "files left after purge"
fi
[ -e "$ROOT/var/lib/dpkg/info/rightsguide.list" ] && fail "dpkg still lists the package"
cleanup
mounted=()
echo "package-test passed in $(($(date +%s) - start)) s; screenshots and logs in $W"
