"""What the public home page lists: each module adds its public pages here (in its navigation.py)."""
from dataclasses import dataclass

from django.urls import NoReverseMatch, reverse

_sections = []


@dataclass(frozen=True)
class PublicSection:
    title: str
    description: str
    url_name: str
    order: int = 100


def register_public(section: PublicSection):
    if all(s.url_name != section.url_name for s in _sections):
        _sections.append(section)


def public_sections():
    result = []
    for s in sorted(_sections, key=lambda s: s.order):
        try:
            result.append({"title": s.title, "description": s.description, "url": reverse(s.url_name)})
        except NoReverseMatch:
            continue
    return result


# Drafts open for public comment (listed on the home page with a link to their comment form) ---------------

@dataclass(frozen=True)
class OpenDraft:
    title: str
    kind: str          # 重大行政决策 / 行政规范性文件
    unit: str          # who drafts it
    ends_on: object    # the last day comments are taken (a date)
    url: str           # the public page with the comment form


_draft_providers = {}


def register_open_drafts(key, collect):
    """``collect(today)`` returns the module's drafts open for public comment today, as ``OpenDraft`` rows."""
    _draft_providers[key] = collect


def open_drafts(today):
    rows = []
    for key in sorted(_draft_providers):
        rows.extend(_draft_providers[key](today))
    return sorted(rows, key=lambda d: (d.ends_on, d.title))
