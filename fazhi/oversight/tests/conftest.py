import datetime

import pytest


# --- suggestions ---
@pytest.fixture
def sug_media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def sug_at(monkeypatch):
    """``sug_at(date)`` moves the platform's clock to ``date``."""
    from fazhi.core import clock

    def move(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        monkeypatch.setattr(clock, "now", lambda: datetime.datetime.combine(day, datetime.time(10),
                                                                            tzinfo=datetime.UTC))
        return day

    return move


# --- litigation ---
@pytest.fixture
def lit_at(monkeypatch):
    """``lit_at(date)`` moves the platform's clock to ``date`` (the litigation part's tests)."""
    from fazhi.core import clock

    def move(day):
        monkeypatch.setattr(clock, "today", lambda: day)
        monkeypatch.setattr(clock, "now", lambda: datetime.datetime.combine(day, datetime.time(10),
                                                                            tzinfo=datetime.UTC))
        return day

    return move
