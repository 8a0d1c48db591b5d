"""The freedesktop files in packaging/linux: valid (where the validators are installed),
consistent with each other, with the app and with the version, and installable."""

import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from fnnsim import __version__
from fnnsim.ui.app import DESKTOP_ID

ROOT = Path(__file__).resolve().parents[1]
LINUX = ROOT / "packaging" / "linux"
DESKTOP = LINUX / f"{DESKTOP_ID}.desktop"
METAINFO = LINUX / f"{DESKTOP_ID}.metainfo.xml"
MIME = LINUX / f"{DESKTOP_ID}.mime.xml"
SESSION_TYPE = "application/x-fnnsim-session"

sys.path.insert(0, str(LINUX))
import install_desktop  # noqa: E402


def desktop_entry(path: Path) -> dict[str, str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    assert lines[0] == "[Desktop Entry]"
    return dict(line.split("=", 1) for line in lines[1:] if "=" in line)


def needs(tool: str):
    return pytest.mark.skipif(shutil.which(tool) is None,
                              reason=f"{tool} is not installed (packaging/install-debian.sh "
                              "installs it)")


@needs("desktop-file-validate")
def test_desktop_file_is_valid():
    done = subprocess.run(["desktop-file-validate", str(DESKTOP)], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and not done.stdout.strip(), done.stdout + done.stderr


@needs("appstreamcli")
def test_metainfo_is_valid():
    done = subprocess.run(["appstreamcli", "validate", "--no-net", "--explain",
                           str(METAINFO)], capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stdout + done.stderr
    assert not re.search(r"^[WE]:", done.stdout, re.MULTILINE), done.stdout


def test_desktop_file_names_the_app_and_its_icon():
    entry = desktop_entry(DESKTOP)
    assert entry["Exec"] == "fnnsim open %f"  # the console script; a session, if given
    assert entry["MimeType"] == f"{SESSION_TYPE};"
    assert entry["Icon"] == DESKTOP_ID  # as install_desktop.py installs the icons
    assert entry["Name"] == "fnnsim"
    assert entry["StartupWMClass"] == "fnnsim"  # Qt's X11 WM_CLASS (xprop on the window)
    assert "Education" in entry["Categories"].split(";")


def test_the_session_file_type_names_the_suffix_the_app_writes():
    from fnnsim.ui.sessions import SUFFIX

    ns = {"m": "http://www.freedesktop.org/standards/shared-mime-info"}
    kind = ET.parse(MIME).getroot().find("m:mime-type", ns)
    assert kind.get("type") == SESSION_TYPE
    assert [g.get("pattern") for g in kind.findall("m:glob", ns)] == [f"*{SUFFIX}"]
    assert kind.find("m:generic-icon", ns).get("name") == DESKTOP_ID


@needs("update-mime-database")
def test_the_session_type_is_recognised_once_installed(tmp_path):
    assert install_desktop.main(["--prefix", str(tmp_path)]) == 0
    globs = (tmp_path / "mime" / "globs2").read_text()
    assert f"{SESSION_TYPE}:*.fnnsession" in globs


def test_metainfo_matches_the_desktop_file_the_version_and_the_screenshots():
    root = ET.parse(METAINFO).getroot()
    assert root.findtext("id") == DESKTOP_ID
    assert root.find("launchable").text == DESKTOP.name
    assert root.findtext("project_license") == "MIT"
    newest = root.find("releases/release")
    assert newest.get("version") == __version__
    for image in root.iter("image"):
        name = image.text.rsplit("/docs/screenshots/", 1)[1]
        assert (ROOT / "docs" / "screenshots" / name).is_file(), image.text


def test_install_desktop_installs_and_removes_the_menu_entry(tmp_path):
    program = tmp_path / "my apps" / "fnnsim"
    program.parent.mkdir()
    program.write_text("")
    prefix = tmp_path / "share"
    assert install_desktop.main(["--prefix", str(prefix), "--exec", str(program)]) == 0
    installed = prefix / "applications" / DESKTOP.name
    assert desktop_entry(installed)["Exec"] == f'"{program}" open %f'
    mime = prefix / "mime" / "packages" / f"{DESKTOP_ID}.xml"
    assert mime.read_bytes() == MIME.read_bytes()
    for size in (16, 256):
        icon = prefix / "icons" / "hicolor" / f"{size}x{size}" / "apps" / f"{DESKTOP_ID}.png"
        assert icon.read_bytes() == (ROOT / "resources" / "icons" /
                                     f"fnnsim-{size}.png").read_bytes()
    assert (prefix / "icons" / "hicolor" / "scalable" / "apps" / f"{DESKTOP_ID}.svg").is_file()
    assert (prefix / "metainfo" / METAINFO.name).is_file()
    if shutil.which("desktop-file-validate"):
        done = subprocess.run(["desktop-file-validate", str(installed)], capture_output=True,
                              text=True, check=False)
        assert done.returncode == 0, done.stdout
    assert install_desktop.main(["--prefix", str(prefix), "--uninstall"]) == 0
    assert not installed.exists()
    assert not list(prefix.rglob(f"{DESKTOP_ID}*"))


def test_install_desktop_refuses_a_missing_program(tmp_path, capsys):
    assert install_desktop.main(["--prefix", str(tmp_path), "--exec",
                                 str(tmp_path / "nope")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert not list(tmp_path.rglob("*.desktop"))


@pytest.mark.parametrize("command, value", [
    ("/opt/fnnsim/fnnsim", '"/opt/fnnsim/fnnsim"'),
    ('/a "b"/$c 100%', r'"/a \\"b\\"/\\$c 100%%"'),
])
def test_exec_value_quotes_as_the_desktop_entry_spec_says(command, value):
    assert install_desktop.exec_value(command) == value
