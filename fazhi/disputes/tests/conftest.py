import datetime

import pytest


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def at(monkeypatch):
    """``at(date)`` moves the platform's clock to ``date`` (every act date is checked against it)."""
    from fazhi.core import clock

    def move(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        monkeypatch.setattr(clock, "now", lambda: datetime.datetime.combine(day, datetime.time(10),
                                                                            tzinfo=datetime.UTC))
        return day

    return move
