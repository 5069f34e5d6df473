"""A list version published with a future date is shown as 将于…生效, never as 现行 before that day."""
import datetime

import pytest
from django.urls import reverse

from fazhi.core import clock
from fazhi.powers import selectors, services

from .factories import approved_list

pytestmark = pytest.mark.django_db


def test_a_future_version_is_upcoming_until_its_day(client, county, monkeypatch):
    approved_list(county)
    today = clock.today()
    now = services.version_publish(actor=county.office, title="现行清单", published_on=today)
    future = services.version_publish(actor=county.office, title="下一版清单",
                                      published_on=today + datetime.timedelta(days=10))
    assert selectors.current_version() == now and selectors.upcoming_version() == future
    client.force_login(county.office)
    html = client.get(reverse("powers:version_list")).content.decode()
    row = html.split("下一版清单")[1].split("</tr>")[0]
    assert "将于" in row and "生效" in row and "现行" not in row
    public = client.get(reverse("powers:public_list")).content.decode()
    assert "现行清单" in public.split('data-testid="current-version"')[1].split("</p>")[0]
    assert "下一版清单" in public.split('data-testid="upcoming-version"')[1].split("</p>")[0]
    later = today + datetime.timedelta(days=10)
    monkeypatch.setattr(clock, "today", lambda: later)
    assert selectors.current_version() == future and selectors.upcoming_version() is None
