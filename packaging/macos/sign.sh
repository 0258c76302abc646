#!/bin/sh
# Sign the .app inside-out with the hardened runtime, then build a disk image.
# Usage: IDENTITY="Developer ID Application: ..." packaging/macos/sign.sh
set -eu
app="dist/Open Model Wizard.app"
ent="packaging/macos/entitlements.plist"
find "$app/Contents" -type f \( -name "*.dylib" -o -name "*.so" \) -print0 |
  xargs -0 -n1 codesign --force --timestamp --options runtime --entitlements "$ent" --sign "$IDENTITY"
codesign --force --timestamp --options runtime --entitlements "$ent" --sign "$IDENTITY" "$app"
hdiutil create -volname "Open Model Wizard" -srcfolder "$app" -ov -format UDZO "dist/OpenModelWizard.dmg"
echo "Signed and packed: dist/OpenModelWizard.dmg (notarise with xcrun notarytool)"
