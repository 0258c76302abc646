"""Build the packaged app for this platform and smoke-test it.

    python packaging/build.py            # dist/OpenModelWizard (one folder) + smoke test
    python packaging/build.py --no-test

Needs the project installed with the packaging extra: pip install -e ".[packaging]".
Linux: also writes dist/open-model-wizard-<version>-linux-<arch>.tar.gz with a .desktop
file and an install script. Windows: packaging/windows/installer.iss (Inno Setup) wraps
the folder. macOS: the spec makes "Open Model Wizard.app"; sign it with
packaging/macos/sign.sh.
"""

from __future__ import annotations

import argparse
import platform
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DIST = ROOT / "dist"


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from wizard_app import __version__

    return __version__


def build() -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", "--clean",
         "--distpath", str(DIST), "--workpath", str(ROOT / "build"),
         str(ROOT / "packaging" / "model_wizard.spec")],
        check=True,
    )  # fmt: skip
    return DIST / "OpenModelWizard"


def linux_archive(folder: Path) -> Path:
    staging = DIST / "linux-staging" / "open-model-wizard"
    if staging.parent.exists():
        shutil.rmtree(staging.parent)
    shutil.copytree(folder, staging / "app")
    for name in ("open-model-wizard.desktop", "install.sh"):
        shutil.copy2(ROOT / "packaging" / "linux" / name, staging / name)
    icon = ROOT / "resources" / "icons" / "app.svg"
    if icon.exists():
        shutil.copy2(icon, staging / "open-model-wizard.svg")
    out = DIST / f"open-model-wizard-{version()}-linux-{platform.machine()}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(staging, arcname="open-model-wizard")
    return out


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--no-test", action="store_true")
    args = parser.parse_args()
    folder = build()
    print(f"built {folder}")
    if sys.platform.startswith("linux"):
        print(f"archive {linux_archive(folder)}")
    if not args.no_test:
        exe = folder / ("model-wizard.exe" if sys.platform == "win32" else "model-wizard")
        return subprocess.run(
            [sys.executable, str(ROOT / "packaging" / "smoke_test.py"), str(exe)], check=False
        ).returncode
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
