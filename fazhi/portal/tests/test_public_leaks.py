"""The public site never shows personal data: a crawl of every public page and public download.

Starts from every public URL (the contract's allow-list), follows every link that stays on the public
site, opens every public download (.docx, .pdf, .xlsx), and looks in what a citizen receives for:

- ID numbers (18 digits, also written with spaces or in full-width digits),
- mobile numbers (11 digits from 13–19, also spaced or full-width),
- bank accounts and WeChat ids named as such,
- the full name of every natural person the records know who is not public by law (parties to
  enforcement cases, operators of self-employed businesses, people who commented on a draft).

Enforcement officers' names and certificate numbers, lawyers' professional contacts and organisations'
names are public by law and are not looked for.
"""
import io
import re
import zipfile
from urllib.parse import urljoin, urlparse

import pytest
from django.apps import apps
from django.urls import reverse

from fazhi.core.tests.test_contract import ALL_URLS, PUBLIC

_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}
_ID = re.compile(r"(?<![0-9])[1-9][0-9]{5}(?:19|20)[0-9]{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12][0-9]|3[01])[0-9]{3}[0-9Xx]")
_MOBILE = re.compile(r"(?<![0-9])1[3-9][0-9]{9}(?![0-9])")
_ACCOUNT = re.compile(r"(账号|账户|卡号|微信号?|微信ID)[:：\s]*[A-Za-z0-9_\-]{6,}")
_LINK = re.compile(r'href="([^"#]+)"')
_SKIP = ("/login", "/logout", "/static/", "/admin", "/media/")
MAX_PAGES = 600


def _normalise(text):
    """Digits as a detector reads them: full-width folded, spaces and hyphens between digits removed."""
    text = text.translate(_FULLWIDTH)
    return re.sub(r"(?<=[0-9])[\s\u3000\-]+(?=[0-9])", "", text)


def _text_of(response):
    kind = response.get("Content-Type", "")
    body = b"".join(response.streaming_content) if response.streaming else response.content
    if "html" in kind or "json" in kind or "text" in kind:
        return body.decode("utf-8", "replace")
    if body[:2] == b"PK":  # .docx / .xlsx: the text of every XML part
        with zipfile.ZipFile(io.BytesIO(body)) as z:
            return "\n".join(re.sub(r"<[^>]+>", "", z.read(n).decode("utf-8", "replace"))
                             for n in z.namelist() if n.endswith(".xml"))
    if body[:4] == b"%PDF":
        return body.decode("latin-1")  # compressed streams: checked through the .docx twin
    return ""


def private_names():
    """Full names of natural persons in the records whose names are never public."""
    names = set()
    wanted = {
        ("enforcement", "CaseParty"): ("name", "operator_name", "representative_name", "agent_name"),
        ("decisions", "PublicComment"): ("name",),
        ("normative_docs", "DocumentComment"): ("name",),
        ("legal_services", "AidApplication"): ("applicant",),
        ("oversight", "Suggestion"): ("proposer",),  # published replies show the proposer masked
        ("legal_education", "CasePerson"): ("name",),  # 以案释法 cases are published with names masked
    }
    for (app, model_name), fields in wanted.items():
        try:
            model = apps.get_model(app, model_name)
        except LookupError:
            continue
        present = [f for f in fields if any(x.name == f for x in model._meta.get_fields())]
        qs = model.objects.all()
        if model_name == "CaseParty" and any(x.name == "kind" for x in model._meta.get_fields()):
            person_fields = [f for f in present if f != "name"]
            for row in qs.values("kind", *present):
                if row["kind"] in ("person", "natural_person"):
                    names.add(row["name"])
                names.update(row[f] for f in person_fields)
            continue
        for row in qs.values(*present):
            names.update(row.values())
    return {n.strip() for n in names if n and len(n.strip()) >= 2 and "某" not in n}


def leaks_in(text, names):
    found = []
    flat = _normalise(text)
    found += [f"身份证号 {m}" for m in _ID.findall(flat)]
    found += [f"手机号 {m}" for m in _MOBILE.findall(flat)]
    found += [f"账号 {m.group(0)}" for m in _ACCOUNT.finditer(flat)]
    found += [f"姓名 {n}" for n in names if n in text]
    return found


def crawl(client):
    names = private_names()
    queue = [reverse(n) for n in sorted(PUBLIC) if not ALL_URLS[n].pattern.regex.groups]
    seen, leaks = set(), []
    while queue and len(seen) < MAX_PAGES:
        url = queue.pop(0)
        path = urlparse(url).path
        if url in seen or any(path.startswith(s) for s in _SKIP):
            continue
        seen.add(url)
        response = client.get(url)
        if response.status_code != 200:
            continue
        text = _text_of(response)
        leaks += [(url, leak) for leak in leaks_in(text, names)]
        if "html" in response.get("Content-Type", ""):
            for href in _LINK.findall(text):
                href = href.replace("&amp;", "&")
                target = urljoin(url, href)
                parsed = urlparse(target)
                if parsed.netloc and parsed.netloc != "testserver":
                    continue
                local = parsed.path + (f"?{parsed.query}" if parsed.query else "")
                if local not in seen and not re.search(r"[?&]page=([3-9]|\d\d)", local):
                    queue.append(local)
    return seen, leaks


def test_the_detector_finds_what_it_looks_for():
    text = "当事人张小明，身份证号 432326 19680315 1234，电话１３９１２３４５６７８，微信号：zxm_1968"
    found = leaks_in(text, {"张小明"})
    assert any(f.startswith("身份证号") for f in found)
    assert any(f.startswith("手机号") for f in found)
    assert any(f.startswith("账号") for f in found)
    assert "姓名 张小明" in found
    assert leaks_in("当事人张某，身份证号（已隐去），电话（已隐去）", {"张小明"}) == []


@pytest.mark.django_db
def test_no_public_page_of_the_persona_county_leaks(client, county):
    seen, leaks = crawl(client)
    assert len(seen) >= 10
    assert not leaks, leaks[:20]


@pytest.mark.django_db
def test_no_public_page_or_download_of_the_demo_county_leaks(client, demo_county):
    seen, leaks = crawl(client)
    assert len(seen) >= 50, len(seen)
    assert not leaks, leaks[:20]
