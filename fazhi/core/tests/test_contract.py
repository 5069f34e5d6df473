"""Contract tests over every URL: public ones are on an explicit allow-list, every other one needs a
login, every page renders for every persona, and the outsider never sees another unit's records."""
import importlib

import pytest
from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils.module_loading import module_has_submodule

# Every app may contribute, in ``fazhi/<app>/tests/contract.py``:
#   PUBLIC      = {url names anyone may open without signing in}
#   SAMPLES     = {url name: lambda county: kwargs}  for every URL with parameters; each sample record
#                 belongs to a unit the outsider (水利局) has no business with
#   SECRET_TEXT = {url name: text the sample's page shows}  searched for in what the outsider gets
#   TOKEN       = {url names of the open API}: no session at all, 401 without a token (their scope is
#                 tested with tokens in fazhi/api/tests)
# A new URL with parameters must get a sample, or the test fails.
PUBLIC, SAMPLES, SECRET_TEXT, TOKEN = set(), {}, {}, set()
for _config in apps.get_app_configs():
    if _config.name.startswith("fazhi.") and module_has_submodule(_config.module, "tests"):
        try:
            _contract = importlib.import_module(f"{_config.name}.tests.contract")
        except ModuleNotFoundError:
            continue
        PUBLIC |= set(getattr(_contract, "PUBLIC", set()))
        SAMPLES.update(getattr(_contract, "SAMPLES", {}))
        SECRET_TEXT.update(getattr(_contract, "SECRET_TEXT", {}))
        TOKEN |= set(getattr(_contract, "TOKEN", set()))


def _walk(patterns, prefix=""):
    for p in patterns:
        if isinstance(p, URLResolver):
            ns = f"{p.namespace}:" if p.namespace else ""
            if p.namespace == "admin":
                continue  # Django's admin has its own gate, tested below
            yield from _walk(p.url_patterns, prefix + ns)
        elif isinstance(p, URLPattern) and p.name:
            yield prefix + p.name, p


ALL_URLS = dict(_walk(get_resolver().url_patterns))


def _url(name, county):
    pattern = ALL_URLS[name]
    if pattern.pattern.regex.groups:
        assert name in SAMPLES, f"{name} has parameters: add a sample record to SAMPLES in its app's tests/contract.py"
        return reverse(name, kwargs=SAMPLES[name](county))
    return reverse(name)


def test_every_url_is_known_to_this_test():
    parametrised = {n for n, p in ALL_URLS.items() if p.pattern.regex.groups}
    assert parametrised <= set(SAMPLES), f"add samples for: {sorted(parametrised - set(SAMPLES))}"


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(ALL_URLS))
def test_anonymous_access(client, county, name):
    url = _url(name, county)
    response = client.get(url)
    if name in PUBLIC:
        assert response.status_code in (200, 405), (name, response.status_code)
    elif name in TOKEN:
        assert response.status_code == 401 and client.post(url).status_code == 401, name
    else:
        assert response.status_code == 302 and response.url.startswith(reverse("orgs:login")), name
        post = client.post(url)
        assert post.status_code == 302 and post.url.startswith(reverse("orgs:login")), name


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader",
                                     "outsider"])
def test_every_page_renders_for_every_persona(client, county, persona):
    client.force_login(getattr(county, persona))
    for name in sorted(ALL_URLS):
        if name == "orgs:logout":
            continue
        response = client.get(_url(name, county))
        allowed = (200, 302, 403, 404, 405) + ((401,) if name in TOKEN else ())
        assert response.status_code in allowed, (persona, name, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("name", sorted(set(SAMPLES) - PUBLIC))
def test_outsider_sees_no_other_units_records(client, county, name):
    client.force_login(county.outsider)
    url = _url(name, county)
    for response in (client.get(url), client.post(url)):
        assert response.status_code in ((401,) if name in TOKEN else (403, 404)), (name, response.status_code)
        if name in SECRET_TEXT:
            assert SECRET_TEXT[name] not in response.content.decode()


@pytest.mark.django_db
def test_outsider_with_the_function_permission_gets_404_not_403(client, county):
    """Refusing a record never tells that it exists: out of scope is 'not found'."""
    client.force_login(county.outsider)
    assert client.get(reverse("orgs:unit_detail", args=[county.market.pk])).status_code == 404
    assert client.get(reverse("orgs:user_detail", args=[county.liaison.pk])).status_code == 404
    assert client.get(reverse("orgs:unit_detail", args=[county.water.pk])).status_code == 200


@pytest.mark.django_db
def test_admin_is_for_system_administrators_only(client, county):
    assert client.get("/admin/").status_code == 302
    client.force_login(county.office)
    response = client.get("/admin/")
    assert response.status_code == 302 and "/login/" in response.url
    client.force_login(county.sysadmin)
    assert client.get("/admin/").status_code == 200
    assert client.get("/admin/core/auditentry/").status_code == 200
