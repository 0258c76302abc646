#!/bin/sh
# Pack "Open Model Wizard.app" (from packaging/build.py) in a disk image; sign and notarise
# it when the credentials are there, so a build without them still gives a working dmg.
#
#   packaging/macos/sign.sh dist/OpenModelWizard-<version>-macos-arm64.dmg [APP]
#
# The app itself was signed inside-out by PyInstaller while building: with the hardened
# runtime and entitlements.plist when MACOS_CODESIGN_IDENTITY names a "Developer ID
# Application" certificate in the keychain, ad hoc otherwise. Notarisation also needs
# APPLE_ID, APPLE_TEAM_ID and APPLE_APP_PASSWORD (an app-specific password).
set -eu
out=${1:?usage: sign.sh OUT.dmg [APP]}
app=${2:-"dist/Open Model Wizard.app"}
identity=${MACOS_CODESIGN_IDENTITY:-}

codesign --verify --deep --strict --verbose=1 "$app"
staging=$(mktemp -d)
trap 'rm -rf "$staging"' EXIT
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"  # drag the app onto it to install
rm -f "$out"
hdiutil create -volname "Open Model Wizard" -srcfolder "$staging" -ov -format UDZO "$out"

if [ -z "$identity" ]; then
  echo "No MACOS_CODESIGN_IDENTITY: $out holds an ad-hoc signed app (not notarised)."
  exit 0
fi
codesign --force --timestamp --sign "$identity" "$out"
if [ -n "${APPLE_ID:-}" ] && [ -n "${APPLE_TEAM_ID:-}" ] && [ -n "${APPLE_APP_PASSWORD:-}" ]; then
  xcrun notarytool submit "$out" --apple-id "$APPLE_ID" --team-id "$APPLE_TEAM_ID" \
    --password "$APPLE_APP_PASSWORD" --wait
  xcrun stapler staple "$out"
  echo "Signed, notarised and stapled: $out"
else
  echo "Signed, not notarised (APPLE_ID, APPLE_TEAM_ID, APPLE_APP_PASSWORD not set): $out"
fi
