"""Promises of the shared foundations that hold across every module.

- every list and page survives junk in its query string (no server error, ever);
- templates decide nothing: no template compares a status;
- ``core`` is domain-free: it imports neither ``fazhi.orgs`` nor any module.
"""
import ast
import re
from pathlib import Path

import pytest

from .test_contract import ALL_URLS, PUBLIC, _url

FAZHI = Path(__file__).resolve().parents[2]

# Every filter name a register uses, with values a careless link, an old bookmark or a crawler sends.
_NAMES = ["unit", "body", "year", "month", "sort", "status", "kind", "category", "catalogue", "decision", "doc",
          "document", "issuer", "prefix", "type", "level", "overdue", "expiring", "township", "village", "firm",
          "lawyer", "role", "scope", "event", "person", "user", "object", "date_from", "date_to", "due", "severity",
          "module", "source", "campaign", "result", "version", "item", "adjustment", "law", "legal", "channel",
          "officer", "case", "report", "adviser", "step", "disposition", "parent", "active", "hidden"]
JUNK = [
    # … and digits Python calls digits but int() refuses (superscripts), which win as the last value of a name
    "&".join(f"{n}=abc" for n in _NAMES) + "&page=abc&size=7&q=%27%22%3C%3E&version=8%C2%B3&unit=8%C2%B3&year=%C2%B2",
    "&".join(f"{n}=99999999999999999999" for n in _NAMES) + "&page=99999999999999999999&size=-1",
    "&".join(f"{n}=-1" for n in _NAMES) + "&page=0&q=" + "执法" * 3500 + "&export=xlsx",
]


def _get_pages():
    for name in sorted(ALL_URLS):
        if name in ("orgs:logout", "orgs:login"):
            continue
        yield name


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["office", "liaison", "outsider", None])
def test_no_page_answers_junk_filters_with_a_server_error(client, county, persona):
    client.raise_request_exception = False
    if persona:
        client.force_login(getattr(county, persona))
    failures = []
    for name in _get_pages():
        if persona is None and name not in PUBLIC:
            continue
        base = _url(name, county)
        for junk in JUNK:
            response = client.get(f"{base}?{junk}")
            if response.status_code >= 500:
                failures.append((name, junk[:40], response.status_code))
    assert not failures, failures


_STATUS_COMPARISON = re.compile(r"{%[^%]*\b\w*status\w*\s*(==|!=|\bin\b|\bnot in\b)[^%]*%}")


def test_no_template_compares_a_status():
    offenders = []
    for path in FAZHI.rglob("templates/**/*.html"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if _STATUS_COMPARISON.search(line):
                offenders.append(f"{path.relative_to(FAZHI)}:{number}: {line.strip()[:100]}")
    assert not offenders, "ask the record's policy (may.<action>) or use {% status_tag %}:\n" + "\n".join(offenders)


def _imports(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            yield from (a.name for a in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_is_domain_free():
    offenders = []
    for path in (FAZHI / "core").rglob("*.py"):
        if "tests" in path.parts or "migrations" in path.parts:
            continue
        for name in _imports(path):
            if name.startswith("fazhi.") and not name.startswith("fazhi.core"):
                offenders.append(f"{path.relative_to(FAZHI)} imports {name}")
    assert not offenders, "\n".join(offenders)
