"""The published-file import as a service (``fazhi.powers.imports``): the held upload is always cleaned up."""
import datetime
import io
import os
import time

import pytest
from django.core.files.storage import default_storage
from django.urls import reverse
from openpyxl import Workbook

from fazhi.core import uploads
from fazhi.core.errors import DomainError
from fazhi.powers import imports
from fazhi.powers.models import ListAdjustment

pytestmark = pytest.mark.django_db


def published_list(name="对甲行为的处罚"):
    wb = Workbook()
    ws = wb.active
    ws.append(["某局权责清单"])
    ws.append(["序号", "事项\n名称", "子项名称", "权力\n类型", "实施依据"])
    ws.append([1.0, name, "", "行政 处罚", "《中华人民共和国甲法》第十条"])
    buf = io.BytesIO()
    wb.save(buf)
    upload = io.BytesIO(buf.getvalue())
    upload.name = "某局权责清单.xlsx"
    return upload


def held_files():
    try:
        return default_storage.listdir(f"tmp/{imports.HOLD_AREA}")[1]
    except FileNotFoundError:
        return []


def upload(client, county, file=None):
    return client.post(reverse("powers:real_import"), {"file": file or published_list(), "unit": county.market.pk})


def test_confirm_saves_a_draft_and_removes_the_held_file(client, county):
    client.force_login(county.liaison)
    before = set(held_files())
    assert "共 <strong>1</strong> 个事项" in upload(client, county).content.decode()
    token = client.session[imports.SESSION_KEY]["token"]
    assert set(held_files()) - before == {token}
    r = client.post(reverse("powers:real_import"), {"token": token, "confirm": "1"})
    adj = ListAdjustment.objects.get()
    assert r.url == reverse("powers:adjustment_detail", args=[adj.pk]) and adj.lines.count() == 1
    assert token not in held_files() and imports.SESSION_KEY not in client.session
    # the same token again: expired, nothing saved twice
    r = client.post(reverse("powers:real_import"), {"token": token, "confirm": "1"}, follow=True)
    assert "预览已过期" in r.content.decode() and ListAdjustment.objects.count() == 1


def test_cancel_and_a_new_upload_remove_the_held_file(client, county):
    client.force_login(county.liaison)
    upload(client, county)
    first = client.session[imports.SESSION_KEY]["token"]
    upload(client, county, published_list("对乙行为的处罚"))
    second = client.session[imports.SESSION_KEY]["token"]
    assert first not in held_files() and second in held_files()
    r = client.post(reverse("powers:real_import"), {"cancel": "1"})
    assert r.url == reverse("powers:item_list")
    assert second not in held_files() and imports.SESSION_KEY not in client.session
    assert not ListAdjustment.objects.exists()


def test_a_refused_confirmation_removes_the_held_file_and_saves_nothing(client, county):
    client.force_login(county.liaison)
    upload(client, county)
    token = client.session[imports.SESSION_KEY]["token"]
    county.liaison.grants.all().delete()  # no longer allowed to edit any list
    session = client.session
    with pytest.raises(DomainError):
        imports.confirm(actor=county.liaison, session=session, token=token, units=county.market.__class__.objects.none())
    assert token not in held_files() and not ListAdjustment.objects.exists()


def test_held_uploads_older_than_a_day_are_swept(client, county):
    client.force_login(county.liaison)
    upload(client, county)
    stale = client.session[imports.SESSION_KEY]["token"]
    path = default_storage.path(f"tmp/{imports.HOLD_AREA}/{stale}")
    old = time.time() - 25 * 3600
    os.utime(path, (old, old))
    imports.cancel(session={})  # nothing pending in another session
    uploads.hold(imports.HOLD_AREA, b"x")  # any new upload sweeps the area
    assert stale not in held_files()


def test_a_token_from_another_session_or_a_path_is_refused(county):
    session = {imports.SESSION_KEY: {"token": "0" * 32, "unit": county.market.pk, "filename": "a.xlsx",
                                     "effective_on": datetime.date(2026, 1, 1).isoformat()}}
    for token in ("1" * 32, "../../etc/passwd", ""):
        with pytest.raises(DomainError, match="预览已过期"):
            imports.confirm(actor=county.liaison, session=dict(session), token=token,
                            units=county.market.__class__.objects.all())


def test_a_bomb_is_a_form_error_not_a_500(client, county, settings):
    from fazhi.core.tests.test_spreadsheets import bomb_xlsx

    settings.FAZHI_IMPORT_MAX_UNPACKED_BYTES = 2 * 1024 * 1024
    client.force_login(county.liaison)
    bomb = io.BytesIO(bomb_xlsx(4 * 1024 * 1024))
    bomb.name = "清单.xlsx"
    r = upload(client, county, bomb)
    assert r.status_code == 200 and "解压后过大" in r.content.decode()
    assert imports.SESSION_KEY not in client.session
