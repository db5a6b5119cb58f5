"""docs/deployment.md, walked: its `sh` blocks run in a temporary root.

What needs a real machine (apt-get, useradd, chown, systemctl, git, pip) is left out; the
rest runs as written, with /etc/mailbot, /var/lib/mailbot, /var/backups and /opt/mailbot
moved under a temporary folder and /opt/mailbot/venv being this virtualenv. So the guide's
files, modes, paths, config edits, init, backup, restore and upgrade stay true to the code.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
GUIDE = REPO / "docs" / "deployment.md"
NEEDS_A_MACHINE = ("apt-get ", "useradd ", "git ", "systemctl ", "python3 -m venv ",
                   "/opt/mailbot/venv/bin/pip ", "pg_dump ", "pg_restore ")


def guide_blocks(text: str) -> list[str]:
    return re.findall(r"^```sh\n(.*?)^```", text, flags=re.S | re.M)


def runnable(block: str, root: Path) -> list[str]:
    lines = block.replace("\\\n", " ").splitlines()
    out = []
    for line in lines:
        line = line.split("   #")[0].strip()
        if not line or line.startswith(NEEDS_A_MACHINE):
            continue
        line = line.replace("runuser -u mailbot -- ", "")
        line = re.sub(r" -o \S+ -g \S+", "", line)  # ownership needs the user; modes stay
        line = line.replace("/opt/mailbot/venv", sys.prefix).replace("/opt/mailbot/src", str(REPO))
        for folder in ("/etc/mailbot", "/var/lib/mailbot", "/var/backups", "/opt/mailbot"):
            line = line.replace(folder, f"{root}{folder}")
        out.append(line)
    return out


def test_the_guide_has_the_steps_it_promises() -> None:
    text = GUIDE.read_text(encoding="utf-8")
    for heading in ("## Install on one machine", "## Backup and restore", "## Upgrade",
                    "### Escrow: losing the keyring loses the data", "## systemd"):
        assert heading in text
    assert "useradd --system" in text and "ReadWritePaths=/var/lib/mailbot" in text
    assert not re.search(r"pip install mailbot(\s|$)", text)


def test_walking_the_guide(tmp_path: Path) -> None:
    root = tmp_path / "root"
    for folder in ("etc/mailbot", "var/lib/mailbot", "opt/mailbot"):
        (root / folder).mkdir(parents=True)
    script = ["set -euo pipefail"]
    for block in guide_blocks(GUIDE.read_text(encoding="utf-8")):
        script += runnable(block, root)
    env = {k: v for k, v in os.environ.items() if not k.startswith("MAILBOT_")}
    env["PATH"] = f"{sys.prefix}/bin:{env['PATH']}"
    done = subprocess.run(["bash", "-c", "\n".join(script)], capture_output=True, text=True,
                          env=env, cwd=tmp_path, timeout=300)
    assert done.returncode == 0, f"{done.stdout}\n{done.stderr}\n---\n" + "\n".join(script)
    keyring = root / "etc/mailbot/keyring"
    assert keyring.stat().st_mode & 0o777 == 0o640 and keyring.read_text().startswith("index:")
    config = (root / "etc/mailbot/config.toml").read_text()
    assert f'url = "{root}/var/lib/mailbot/mailbot.db"' in config
    assert f'key_file = "{root}/etc/mailbot/keyring"' in config
    assert (root / "var/lib/mailbot/mailbot.db").is_file()
    assert list((root / "var/backups/mailbot").glob("mailbot-*.db"))
    assert (root / "etc/mailbot/secrets.env").stat().st_mode & 0o777 == 0o600
    assert "Schema created" in done.stdout and "Schema is up to date" in done.stdout
    assert "mailbot " in done.stdout  # --version before the upgrade
