"""fazhi backup / fazhi restore (issue 12 §7): the database and the evidence store together; restored into an
empty database and an empty store, every chain verifies and every table has its rows back. Runs on the suite's
database: SQLite by default, PostgreSQL when DATABASE_URL says so (CI)."""
import io
import json
import os
import zipfile
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.core.management import CommandError, call_command

from fazhi.cases import actions as A
from fazhi.citydesk import actions as C
from fazhi.core import blobs
from fazhi.core.backup import _models
from fazhi.core.integrity import audit, take_checkpoint
from fazhi.core.models import Event
from tests.citydesk.desk import HETANG_WGS84

VIDEO = os.urandom(200_000)
pytestmark = pytest.mark.django_db(transaction=True)


def _counts() -> dict[str, int]:
    return {m._meta.label_lower: m._base_manager.count() for m in _models()}


@pytest.fixture
def records(org, desk, settings, tmp_path):
    settings.FAZHI_BLOB_DIR = tmp_path / "blobs"
    h = org["hetang"]
    case = A.register(by=h.officers[0], on=date(2026, 3, 2), party_kind="org", party_name="株洲市某公司",
                      cause="擅自占道堆放物料", act_on=date(2026, 3, 1), discovered_on=date(2026, 3, 2))
    case = A.file_case(case, by=h.head, on=date(2026, 3, 3), officers=h.officers[:2])
    blob = blobs.keep(io.BytesIO(VIDEO))
    A.add_evidence(case, by=h.officers[0], on=date(2026, 3, 4), kind="audiovisual", title="执法记录仪视频",
                   blob=blob, filename="现场.mp4", content_type="video/mp4")
    at = datetime(2026, 3, 2, 9, 0, 0, 123456, tzinfo=ZoneInfo("Asia/Shanghai"))
    C.accept(C.report(channel="hotline", category=desk["category"], description="路边暴露垃圾",
                      lng=HETANG_WGS84[0], lat=HETANG_WGS84[1], at=at), by=desk["desk_operator"], at=at)
    take_checkpoint()
    return {"case": case, "blob": blob}


def test_backup_restore_into_an_empty_database_and_store_verifies_and_counts_match(records, settings, tmp_path):
    before = _counts()
    stamps = {(e.stream, e.seq): e.entered_at for e in Event.objects.all()}
    assert any(t.microsecond % 1000 for t in stamps.values())  # what dumpdata would have cut
    out = io.StringIO()
    call_command("backup", str(tmp_path / "fazhi.zip"), stdout=out)
    assert "1 个证据文件" in out.getvalue()

    call_command("flush", interactive=False, verbosity=0)  # an empty database …
    settings.FAZHI_BLOB_DIR = tmp_path / "new-store"     # … and an empty store
    assert Event.objects.count() == 0
    out = io.StringIO()
    call_command("restore", str(tmp_path / "fazhi.zip"), stdout=out)
    assert "校验通过" in out.getvalue() and "已与检查点" in out.getvalue()
    assert _counts() == before
    assert {(e.stream, e.seq): e.entered_at for e in Event.objects.all()} == stamps
    assert blobs.path_of(records["blob"].sha256).read_bytes() == VIDEO
    assert audit().ok
    # The restored database takes new rows where the old one stopped (sequences follow the restored ids).
    case = A.add_evidence(records["case"], by=records["case"].officers.first().staff, on=date(2026, 3, 5),
                          kind="documentary", title="书证")
    assert case.evidence.count() == 2 and audit().ok


def test_restore_refuses_a_non_empty_target_unless_told(records, tmp_path):
    call_command("backup", str(tmp_path / "fazhi.zip"), stdout=io.StringIO())
    with pytest.raises(CommandError, match="目标不是空库：.*行政处罚案件"):
        call_command("restore", str(tmp_path / "fazhi.zip"), stdout=io.StringIO())
    out = io.StringIO()
    call_command("restore", str(tmp_path / "fazhi.zip"), force=True, stdout=out)
    assert "校验通过" in out.getvalue()


def test_restore_refuses_a_changed_backup_before_writing_anything(records, settings, tmp_path):
    good, bad = tmp_path / "fazhi.zip", tmp_path / "bad.zip"
    call_command("backup", str(good), stdout=io.StringIO())
    with zipfile.ZipFile(good) as zin, zipfile.ZipFile(bad, "w") as zout:
        for info in zin.infolist():
            data = zin.read(info.filename)
            if info.filename == "db/cases.penaltycase.jsonl":
                data = data.replace("株洲市某公司".encode(), "株洲市另一公司".encode())
            zout.writestr(info.filename, data)
    call_command("flush", interactive=False, verbosity=0)
    settings.FAZHI_BLOB_DIR = tmp_path / "new-store"
    with pytest.raises(CommandError, match="数据表文件被修改：db/cases.penaltycase.jsonl"):
        call_command("restore", str(bad), stdout=io.StringIO())
    assert Event.objects.count() == 0
    manifest = json.loads(zipfile.ZipFile(good).read("manifest.json"))
    assert manifest["tables"]["core.event"]["rows"] == 5
