"""``main.py sync status|once``: a case recorded in the demo store reaches the demo platform."""

import os
import subprocess
import sys
from datetime import UTC, date, datetime
from pathlib import Path

from core.cases import Case, CaseType, Channel, machine
from core.cases.numbering import format_case_number
from core.identity import IdentitySource, Person
from core.paths import Paths
from core.storage import Store
from core.sync import record_case

ROOT = Path(__file__).resolve().parents[2]


def main_py(*args, home):
    env = dict(os.environ, HALLTERM_HOME=str(home))
    return subprocess.run([sys.executable, "main.py", *args], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


def record_demo_case(home: Path) -> str:
    paths = Paths.for_demo(environ={"HALLTERM_HOME": str(home)}).ensure_dirs()
    now = datetime.now(UTC)
    with Store.open(paths.database_file, paths.key_file) as store:
        number = format_case_number("430102", date.today(), "K01", store.cases.next_sequence(date.today()))
        case = machine.new_case(
            actor="kiosk:K01", at=now, case_id=Case.new_id(), case_number=number,
            item_code="430102WJ000101", item_name="公共场所卫生许可证核发（新办）", case_type=CaseType.PROMISED,
            channel=Channel.KIOSK, region_code="430102", terminal_id="K01", created_at=now,
            applicant=Person(name="张三", id_number="11010519491231002X", source=IdentitySource.CARD))
        record_case(store, machine.submit(case, actor="kiosk:K01", at=now), "kiosk:K01")
    return number


def test_a_recorded_case_syncs_to_the_demo_platform(tmp_path):
    record_demo_case(tmp_path)
    before = main_py("sync", "status", "--demo", home=tmp_path)
    assert before.returncode == 0, before.stderr
    assert "waiting       1 rows of 1 cases" in before.stdout or "pending 1" in before.stdout

    once = main_py("sync", "once", "--demo", home=tmp_path)
    assert once.returncode == 0, once.stderr + once.stdout
    assert "synced 0" not in once.stdout.splitlines()[0]

    after = main_py("sync", "status", "--demo", home=tmp_path)
    assert "waiting       0 rows of 0 cases" in after.stdout
    assert "11010519491231002X" not in after.stdout + once.stdout   # no personal data on a technician's screen


def test_sync_once_without_a_platform_says_so(tmp_path):
    result = main_py("sync", "once", home=tmp_path)
    assert result.returncode == 2
    assert "SYNC_NOT_CONFIGURED" in result.stderr and "Traceback" not in result.stderr
