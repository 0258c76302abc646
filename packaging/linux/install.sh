#!/bin/sh
# Install Open Model Wizard for the current user (no root needed):
# the app under ~/.local/opt, a launcher in ~/.local/bin and a menu entry.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
prefix=${PREFIX:-$HOME/.local}
mkdir -p "$prefix/opt" "$prefix/bin" "$prefix/share/applications" "$prefix/share/icons/hicolor/scalable/apps"
rm -rf "$prefix/opt/open-model-wizard"
cp -R "$here/app" "$prefix/opt/open-model-wizard"
ln -sf "$prefix/opt/open-model-wizard/model-wizard" "$prefix/bin/open-model-wizard"
sed "s|^Exec=.*|Exec=$prefix/bin/open-model-wizard|" "$here/open-model-wizard.desktop" \
  > "$prefix/share/applications/open-model-wizard.desktop"
[ -f "$here/open-model-wizard.svg" ] && cp "$here/open-model-wizard.svg" "$prefix/share/icons/hicolor/scalable/apps/"
echo "Installed. Start it from the menu or run: open-model-wizard"
