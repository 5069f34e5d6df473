"""No internal text reaches a user: a crawl over every page each persona can open (and the demo county as the
office) fails on ASCII identifiers in the visible text — field and event names (``normative_docs.published``,
``status``), arrows between English words, "RULES.md", "§", "None", "True"/"False".

Visible text is what a reader sees: tags, scripts, styles and attribute values are stripped. Legitimate
ASCII (numbers, dates, document numbers, units, file types) is allowed by the small list below.
"""
import re
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest
from django.urls import reverse

from fazhi.core.tests.test_contract import ALL_URLS, SAMPLES

#: pages not crawled: leaving, downloads and Django's own admin (English by design, sysadmin only)
SKIP_NAMES = {"orgs:logout"}
SKIP_PREFIXES = ("/admin/", "/static/", "/media/")
MAX_FOUND_LINKS = 80  # links followed per persona beyond the URL table (one per distinct path)

#: ASCII words a page may show
ALLOWED = {
    "xlsx", "xls", "docx", "doc", "pdf", "csv", "zip", "txt", "jpg", "jpeg", "png", "mp3", "mp4", "wav", "ofd",
    "www.gov.cn", "gov.cn", "e.g", "i.e",
}
#: what a page may show on purpose, by page (a regular expression over the path); nothing today
PENDING: dict = {}
IDENTIFIER = re.compile(r"(?<![\w.\-/@])([a-z][a-z0-9]*(?:[._][a-z0-9]+)+)(?![\w\-/@])")
FIELD_WORD = re.compile(r"(?<![\w\-])(status|None|True|False|null|undefined|NaN)(?![\w\-])")
ARROW = re.compile(r"[A-Za-z_]{2,}\s*→\s*[A-Za-z_]{2,}")
MARKERS = ("RULES.md", "§", "SHA-256", "哈希链", "Traceback", "DoesNotExist")


class _Visible(HTMLParser):
    # <kbd> holds what a person types, such as a login name (``xf2019_0001``): not platform text
    HIDDEN = {"script", "style", "template", "noscript", "textarea", "kbd"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.parts, self.links, self._hidden = [], [], 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        if tag == "a":
            href = dict(attrs).get("href") or ""
            if href.startswith("/"):
                self.links.append(href)

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.parts.append(data.strip())


def visible(html):
    parser = _Visible()
    parser.feed(html)
    return " ".join(parser.parts), parser.links


def problems(text):
    found = []
    for m in IDENTIFIER.finditer(text):
        word = m.group(1)
        if word in ALLOWED or word.rsplit(".", 1)[-1] in ALLOWED:
            continue
        found.append(word)
    found += [m.group(1) for m in FIELD_WORD.finditer(text)]
    found += [m.group(0) for m in ARROW.finditer(text)]
    found += [marker for marker in MARKERS if marker in text]
    return found


def test_the_detector():
    text, _ = visible('<p title="normative_docs.published">规范性文件统一公布（2019-05-08）</p>'
                      '<script>var a_b = 1;</script><p>导出 Excel（.xlsx）郧西政规〔2019〕3号 PDF</p>')
    assert problems(text) == []
    text, _ = visible("<td>normative_docs.published</td><td>status：registered → published</td><p>None</p>"
                      "<p>RULES.md §16</p>")
    assert set(problems(text)) >= {"normative_docs.published", "status", "registered → published", "None",
                                   "RULES.md", "§"}


def _crawl(client, urls, *, follow=MAX_FOUND_LINKS):
    seen, findings, extra = set(), {}, 0
    queue = list(urls)
    while queue:
        url = queue.pop(0)
        path = urlsplit(url).path
        if url in seen or path.startswith(SKIP_PREFIXES) or "export=" in url:
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200 or "text/html" not in response.get("Content-Type", ""):
            continue
        text, links = visible(response.content.decode())
        bad = [word for word in problems(text)
               if not any(re.match(page, path) and allowed.match(word) for page, allowed in PENDING.items())]
        if bad:
            findings[url] = sorted(set(bad))[:8]
        for link in links:
            link_path = urlsplit(link).path
            if extra < follow and link_path not in {urlsplit(u).path for u in seen} and link not in queue:
                queue.append(link)
                extra += 1
    return findings


def _table_urls(county):
    urls = []
    for name, pattern in sorted(ALL_URLS.items()):
        if name in SKIP_NAMES:
            continue
        if pattern.pattern.regex.groups:
            if name not in SAMPLES:
                continue
            urls.append(reverse(name, kwargs=SAMPLES[name](county)))
        else:
            urls.append(reverse(name))
    return urls


def _report(findings):
    return "\n".join(f"{url}: {', '.join(words)}" for url, words in sorted(findings.items()))


@pytest.mark.django_db
@pytest.mark.timeout(900)
@pytest.mark.parametrize("persona", ["office", "liaison", "reviewer", "officer", "lawyer", "leader", "sysadmin"])
def test_no_internal_text_on_any_page(client, county, persona):
    """Every page of the URL table (with the contract's sample records) as each persona."""
    client.force_login(getattr(county, persona))
    findings = _crawl(client, _table_urls(county), follow=0)
    assert not findings, "internal text on pages:\n" + _report(findings)


@pytest.mark.django_db
@pytest.mark.timeout(900)
def test_no_internal_text_on_pages_linked_from_the_workbench_and_lists(client, county):
    """Beyond the URL table: the records the office reaches by following links (bounded)."""
    client.force_login(county.office)
    start = [reverse("console:workbench")] + [reverse(name) for name, p in sorted(ALL_URLS.items())
                                              if not p.pattern.regex.groups and name.endswith("_list")]
    findings = _crawl(client, start, follow=MAX_FOUND_LINKS)
    assert not findings, "internal text on pages:\n" + _report(findings)


@pytest.mark.django_db
@pytest.mark.timeout(1200)
def test_no_internal_text_in_the_demo_county(client, demo_county):
    from fazhi.orgs.models import User

    client.force_login(User.objects.get(username="fzb"))
    urls = [reverse(name) for name, p in sorted(ALL_URLS.items()) if not p.pattern.regex.groups
            and name not in SKIP_NAMES]
    findings = _crawl(client, urls, follow=MAX_FOUND_LINKS)
    assert not findings, "internal text on pages:\n" + _report(findings)


def test_an_audit_entry_reads_as_plain_chinese():
    from types import SimpleNamespace

    from fazhi.core.audit_text import describe

    entry = SimpleNamespace(object_type="normative_docs.NormativeDocument", event_name="normative_docs.published",
                            changes={"status": ["registered", "published"], "published_on": [None, "2019-05-08"],
                                     "published_in": [None, "县政府网站"], "internal_flag": [None, "x_y"],
                                     "reason": [None, "依法公布"]})
    described = describe(entry)
    assert described["label"] == "规范性文件统一公布（2019-05-08）"
    assert described["details"] == ["公布载体：县政府网站", "理由：依法公布"]
