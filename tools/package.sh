#!/usr/bin/env bash
# make package: the one-folder PyInstaller bundle, then dist/rightsguide_<v>_amd64.deb (dpkg-deb)
# and dist/rightsguide-<v>-linux-x86_64.tar.gz. The version is rightsguide/__init__.py's.
# Reproducible inputs: pinned PyInstaller ([package] extra), SOURCE_DATE_EPOCH (the last commit)
# for file times in both archives, PYTHONHASHSEED=0, sorted tar members, gzip -n.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=.venv/bin/python
VERSION=$($PY -c 'import rightsguide; print(rightsguide.__version__)')
# the Debian libraries the bundle does not carry (PyInstaller leaves out libGL, libEGL, libxcb;
# the wayland client libraries are what Qt's wayland plugin loads under cage), and fontconfig: its configuration for the
# bundled libfontconfig, and a system font cache, so the kiosk writes none into HOME.
# make package-test installs the .deb on a bare Debian 12 and fails on any library not found.
DEPENDS="libc6 (>= 2.36), libgl1, libegl1, libxcb1, fontconfig, libwayland-client0, libwayland-cursor0, libwayland-egl1"
export SOURCE_DATE_EPOCH=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || date +%s)}
export PYTHONHASHSEED=0
B=build/package
STAGE=$B/stage
BUNDLE=$B/dist/rightsguide
start=$(date +%s)
rm -rf "$B" && mkdir -p "$STAGE/data" dist

# 1. the data folder: content, assets, locales with each .mo compiled from its .po and the
#    .po's SHA-256 beside it (core/i18n.py trusts the .mo by that hash, whatever the file times)
$PY tools/stage_data.py "$STAGE"

# 2. the one-folder bundle
RIGHTSGUIDE_STAGE=$PWD/$STAGE .venv/bin/pyinstaller --noconfirm --clean --log-level WARN \
  --distpath "$B/dist" --workpath "$B/work" packaging/linux/rightsguide.spec
"$BUNDLE/rightsguide" --version
built=$(date +%s)

# 3. the Debian package
ROOTFS=$B/deb
install -d "$ROOTFS/opt" "$ROOTFS/usr/bin" "$ROOTFS/DEBIAN" "$ROOTFS/etc/rightsguide" \
  "$ROOTFS/usr/share/applications" "$ROOTFS/usr/share/icons/hicolor/scalable/apps" \
  "$ROOTFS/usr/lib/systemd/user" "$ROOTFS/lib/systemd/system" "$ROOTFS/etc/pam.d" \
  "$ROOTFS/usr/share/doc/rightsguide"
cp -a "$BUNDLE" "$ROOTFS/opt/rightsguide"
ln -s /opt/rightsguide/rightsguide "$ROOTFS/usr/bin/rightsguide"
install -m644 packaging/linux/rightsguide.desktop "$ROOTFS/usr/share/applications/"
install -m644 assets/icons/app.svg "$ROOTFS/usr/share/icons/hicolor/scalable/apps/rightsguide.svg"
install -m644 examples/kiosk.yaml examples/clinic.yaml "$ROOTFS/etc/rightsguide/"
install -m644 packaging/linux/systemd/rightsguide-kiosk.service "$ROOTFS/usr/lib/systemd/user/"
install -m644 packaging/linux/systemd/rightsguide-kiosk-session@.service "$ROOTFS/lib/systemd/system/"
install -m644 packaging/linux/pam/rightsguide-kiosk "$ROOTFS/etc/pam.d/"
install -m644 packaging/linux/copyright "$ROOTFS/usr/share/doc/rightsguide/copyright"
printf '%s\n' /etc/rightsguide/kiosk.yaml /etc/rightsguide/clinic.yaml /etc/pam.d/rightsguide-kiosk \
  >"$ROOTFS/DEBIAN/conffiles"
sed -e "s/@VERSION@/$VERSION/" -e "s/@DEPENDS@/$DEPENDS/" -e "s/@SIZE@/$(du -sk --exclude=DEBIAN "$ROOTFS" | cut -f1)/" \
  packaging/linux/control.in >"$ROOTFS/DEBIAN/control"
find "$ROOTFS" -exec touch -h -d "@$SOURCE_DATE_EPOCH" {} +
chmod -R u+rwX,go+rX,go-w "$ROOTFS"
DEB=dist/rightsguide_${VERSION}_amd64.deb
dpkg-deb --root-owner-group -Zgzip -z6 --build "$ROOTFS" "$DEB" >/dev/null

# 4. the portable archive: the same bundle in rightsguide-<v>/, runnable from any folder
TARDIR=$B/tar/rightsguide-$VERSION
mkdir -p "$TARDIR/examples"
cp -a "$BUNDLE"/. "$TARDIR/"
cp examples/kiosk.yaml examples/clinic.yaml "$TARDIR/examples/"
cp packaging/linux/rightsguide.desktop packaging/linux/systemd/*.service "$TARDIR/examples/"
cp packaging/linux/README-tarball.txt "$TARDIR/README.txt"
TGZ=dist/rightsguide-$VERSION-linux-x86_64.tar.gz
tar --sort=name --mtime="@$SOURCE_DATE_EPOCH" --owner=0 --group=0 --numeric-owner \
  -C "$B/tar" -cf - "rightsguide-$VERSION" | gzip -n -6 >"$TGZ"
done_at=$(date +%s)

files=$(find "$BUNDLE" -type f | wc -l)
echo "bundle: $(du -sh "$BUNDLE" | cut -f1), $files files (PyInstaller $((built - start)) s)"
ls -l "$DEB" "$TGZ" | awk '{print $5, $9}'
echo "make package: $((done_at - start)) s"
