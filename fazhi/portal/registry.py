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
