"""Build the packaged app for this platform, say how big it is, and self-test it.

    python packaging/build.py                 # dist/OpenModelWizard + the platform's package
    python packaging/build.py --no-test       # skip --self-test and smoke_test.py
    python packaging/build.py --only-folder   # the one-folder app, nothing around it

Needs the project installed with the packaging extra: pip install -e ".[packaging]".
What comes out, in dist/:
- Linux: open-model-wizard-<version>-linux-<arch>.tar.gz (with install.sh) and
  OpenModelWizard.AppDir; with appimagetool on PATH (or APPIMAGETOOL=path) also
  OpenModelWizard-<version>-<arch>.AppImage.
- Windows: with Inno Setup's iscc on PATH, OpenModelWizard-<version>-setup.exe.
- macOS: "Open Model Wizard.app" and OpenModelWizard-<version>-macos-<arch>.dmg
  (packaging/macos/sign.sh: signed and notarised when the credentials are set).
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import subprocess
import sys
import tarfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
PACKAGING = ROOT / "packaging"
APP_ID = "org.openmodelwizard.OpenModelWizard"  # AppStream id; the .app: org.openmodelwizard.app
SIZE_LIMIT_MB = 250  # the Linux one-folder build


def version() -> str:
    sys.path.insert(0, str(ROOT))
    from wizard_app import __version__

    return __version__


def arch() -> str:
    machine = platform.machine().lower()
    return {"amd64": "x86_64", "arm64": "arm64", "aarch64": "aarch64"}.get(machine, machine)


def build(dist: Path, work: Path, clean: bool = True) -> Path:
    subprocess.run(
        [sys.executable, "-m", "PyInstaller", "--noconfirm", *(["--clean"] if clean else []),
         "--log-level", "WARN", "--distpath", str(dist), "--workpath", str(work),
         str(PACKAGING / "model_wizard.spec")],
        check=True,
    )  # fmt: skip
    return dist / "OpenModelWizard"


def strip_debug(folder: Path) -> int:
    """Drop the debug sections of the libraries that have them; the bytes saved.

    A Python built from source (pyenv, as on CI's runners) carries them: libpython and the
    standard extension modules are three to four times their size with them. Libraries
    that auditwheel vendored (``*.libs`` folders) are left alone: patchelf moved their
    segments, and stripped they no longer load (numpy's OpenBLAS: "ELF load command
    address/offset not page-aligned"). The executable itself carries the app's archive
    at its end and is not touched either.
    """
    strip, readelf = shutil.which("strip"), shutil.which("readelf")
    internal = folder / "_internal"
    if not strip or not readelf or not internal.is_dir():
        return 0
    before = tree_size(internal)
    for path in internal.rglob("*"):
        if path.is_symlink() or not path.is_file():
            continue
        if any(part.endswith(".libs") for part in path.relative_to(internal).parts):
            continue
        with path.open("rb") as f:
            if f.read(4) != b"\x7fELF":
                continue
        sections = subprocess.run(
            [readelf, "-S", "-W", str(path)], capture_output=True, text=True, check=False
        ).stdout
        if ".debug_info" in sections:
            subprocess.run([strip, "--strip-debug", str(path)], check=True)
    return before - tree_size(internal)


def tree_size(path: Path) -> int:
    if path.is_file() or path.is_symlink():
        return path.lstat().st_size
    return sum(p.lstat().st_size for p in path.rglob("*") if p.is_file() or p.is_symlink())


def size_report(folder: Path, top: int = 12) -> tuple[int, list[str]]:
    """The folder's size and its biggest parts, a level below the top where that helps."""
    internal = folder / "_internal" if (folder / "_internal").is_dir() else folder
    parts: list[tuple[int, str]] = []
    for child in internal.iterdir():
        if child.name == "PySide6" and child.is_dir():
            parts += [(tree_size(c), f"PySide6/{c.name}") for c in child.iterdir()]
            qt = child / "Qt"
            if qt.is_dir():
                parts = [(s, n) for s, n in parts if n != "PySide6/Qt"]
                parts += [(tree_size(c), f"PySide6/Qt/{c.name}") for c in qt.iterdir()]
        else:
            parts.append((tree_size(child), child.name))
    parts.sort(reverse=True)
    total = tree_size(folder)
    lines = [f"{size / 1e6:8.1f} MB  {name}" for size, name in parts[:top]]
    return total, lines


# ---- Linux ----------------------------------------------------------------------------------
def linux_archive(folder: Path, dist: Path) -> Path:
    staging = dist / "linux-staging" / "open-model-wizard"
    if staging.parent.exists():
        shutil.rmtree(staging.parent)
    shutil.copytree(folder, staging / "app", symlinks=True)
    for name in ("open-model-wizard.desktop", "install.sh"):
        shutil.copy2(PACKAGING / "linux" / name, staging / name)
    shutil.copy2(ROOT / "resources" / "icons" / "app.svg", staging / "open-model-wizard.svg")
    out = dist / f"open-model-wizard-{version()}-linux-{arch()}.tar.gz"
    with tarfile.open(out, "w:gz") as tar:
        tar.add(staging, arcname="open-model-wizard")
    shutil.rmtree(staging.parent)
    return out


def linux_appdir(folder: Path, dist: Path) -> Path:
    """The AppDir that appimagetool packs: the app under usr/lib, with its desktop entry,
    icon and AppStream metadata where the tools look for them."""
    appdir = dist / "OpenModelWizard.AppDir"
    if appdir.exists():
        shutil.rmtree(appdir)
    shutil.copytree(folder, appdir / "usr" / "lib" / "open-model-wizard", symlinks=True)
    (appdir / "usr" / "bin").mkdir(parents=True)
    (appdir / "usr" / "bin" / "model-wizard").symlink_to("../lib/open-model-wizard/model-wizard")
    desktop = (PACKAGING / "linux" / "open-model-wizard.desktop").read_text(encoding="utf-8")
    desktop = desktop.replace("Exec=open-model-wizard", "Exec=model-wizard")
    apps = appdir / "usr" / "share" / "applications"
    icons = appdir / "usr" / "share" / "icons" / "hicolor" / "scalable" / "apps"
    meta = appdir / "usr" / "share" / "metainfo"
    for d in (apps, icons, meta):
        d.mkdir(parents=True)
    (apps / "open-model-wizard.desktop").write_text(desktop, encoding="utf-8")
    (appdir / "open-model-wizard.desktop").write_text(desktop, encoding="utf-8")
    svg = ROOT / "resources" / "icons" / "app.svg"
    shutil.copy2(svg, icons / "open-model-wizard.svg")
    shutil.copy2(svg, appdir / "open-model-wizard.svg")
    (appdir / ".DirIcon").symlink_to("open-model-wizard.svg")
    shutil.copy2(PACKAGING / "linux" / f"{APP_ID}.metainfo.xml", meta / f"{APP_ID}.metainfo.xml")
    apprun = PACKAGING / "linux" / "AppRun"
    shutil.copy2(apprun, appdir / "AppRun")
    (appdir / "AppRun").chmod(0o755)
    return appdir


def linux_appimage(appdir: Path, dist: Path) -> Path | None:
    tool = os.environ.get("APPIMAGETOOL") or shutil.which("appimagetool")
    if not tool:
        print("appimagetool not found (set APPIMAGETOOL or put it on PATH): no AppImage")
        return None
    out = dist / f"OpenModelWizard-{version()}-{arch()}.AppImage"
    # CI runners have no FUSE: let the tool (an AppImage itself) unpack and run
    env = {**os.environ, "ARCH": arch(), "APPIMAGE_EXTRACT_AND_RUN": "1"}
    subprocess.run([tool, str(appdir), str(out)], check=True, env=env)
    return out


# ---- Windows and macOS ----------------------------------------------------------------------
def windows_installer(dist: Path) -> Path | None:
    iscc = shutil.which("iscc") or shutil.which(r"C:\Program Files (x86)\Inno Setup 6\ISCC.exe")
    if not iscc:
        print("Inno Setup (iscc) not found: no installer")
        return None
    env = {**os.environ, "MODEL_WIZARD_VERSION": version()}
    subprocess.run([iscc, str(PACKAGING / "windows" / "installer.iss")], check=True, env=env)
    return dist / f"OpenModelWizard-{version()}-setup.exe"


def macos_dmg(dist: Path) -> Path:
    out = dist / f"OpenModelWizard-{version()}-macos-{arch()}.dmg"
    app = dist / "Open Model Wizard.app"
    subprocess.run(["sh", str(PACKAGING / "macos" / "sign.sh"), str(out), str(app)], check=True)
    return out


def self_test(exe: Path) -> int:
    t = time.perf_counter()
    code = subprocess.run([str(exe), "--self-test"], check=False, timeout=600).returncode
    print(f"--self-test exit code {code} in {time.perf_counter() - t:.1f} s")
    return code


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--no-test", action="store_true", help="build only, no self-test")
    parser.add_argument("--only-folder", action="store_true", help="no archive or installer")
    parser.add_argument("--no-clean", action="store_true", help="reuse PyInstaller's cache")
    parser.add_argument("--dist", type=Path, default=ROOT / "dist")
    parser.add_argument("--work", type=Path, default=ROOT / "build")
    args = parser.parse_args(argv)
    dist = args.dist.resolve()
    t = time.perf_counter()
    folder = build(dist, args.work.resolve(), clean=not args.no_clean)
    print(f"built {folder} in {time.perf_counter() - t:.0f} s")
    if sys.platform.startswith("linux"):
        print(f"debug sections stripped: {strip_debug(folder) / 1e6:.1f} MB")
    total, lines = size_report(folder)
    print(f"size: {total / 1e6:.1f} MB; the biggest parts:")
    print("\n".join(lines))
    too_big = sys.platform.startswith("linux") and total > SIZE_LIMIT_MB * 1e6
    if too_big:
        print(f"FAILED: the one-folder build is over {SIZE_LIMIT_MB} MB")
    exe = folder / ("model-wizard.exe" if sys.platform == "win32" else "model-wizard")
    if sys.platform == "darwin":  # the .app's own executable runs the self-test there
        exe = dist / "Open Model Wizard.app" / "Contents" / "MacOS" / "model-wizard"
    code = 0
    if not args.no_test:
        code = (
            self_test(exe)
            or subprocess.run(
                [sys.executable, str(PACKAGING / "smoke_test.py"), str(exe)], check=False
            ).returncode
        )
    if not args.only_folder:
        if sys.platform.startswith("linux"):
            print(f"archive {linux_archive(folder, dist)}")
            appdir = linux_appdir(folder, dist)
            print(f"AppDir {appdir}")
            image = linux_appimage(appdir, dist)
            if image:
                print(f"AppImage {image}")
        elif sys.platform == "win32":
            print(f"installer {windows_installer(dist)}")
        elif sys.platform == "darwin":
            print(f"disk image {macos_dmg(dist)}")
    return 1 if too_big else code


if __name__ == "__main__":
    raise SystemExit(main())
