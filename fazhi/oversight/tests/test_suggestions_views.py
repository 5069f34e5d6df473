"""Pages of the suggestions part: register walks with junk filters for every persona, the record page with its
buttons from the policy, step pages, the Excel import page, accountability pages (office and leaders only)."""
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from fazhi.core import spreadsheets as sheets
from fazhi.oversight.models import Suggestion, SuggestionStatus
from fazhi.oversight.spreadsheets.suggestions import suggestion_sheet

from .contract_suggestions import accountability_sample, reply_file, suggestion_sample
from .factories_suggestions import D, assigned, imported

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]

PERSONAS = ["sysadmin", "office", "liaison", "reviewer", "officer", "lawyer", "leader", "outsider"]
BAD = "?unit=abc&year=-1&year=99999999999999999999&sort=zzz&status=zz&kind=x&ground=q&page=abc&size=7&overdue=maybe"


@pytest.mark.parametrize("name", ["oversight:suggestion_list", "oversight:accountability_list"])
def test_registers_take_junk_filters_for_every_persona(client, county, name):
    suggestion_sample(county)
    accountability_sample(county)
    for persona in PERSONAS:
        client.force_login(getattr(county, persona))
        for query in (BAD, "?on_time=on&feedback=on&published=on&overdue=on&satisfaction=satisfied",
                      "?export=xlsx&year=2019"):
            response = client.get(reverse(name) + query)
            assert response.status_code in (200, 403), (persona, query, response.status_code)
    client.force_login(county.liaison)
    assert client.get(reverse("oversight:accountability_list")).status_code == 403
    client.force_login(county.leader)
    page = client.get(reverse("oversight:accountability_list")).content.decode()
    assert "合同样本某" in page and "登记问责" not in page


def test_record_page_buttons_follow_the_policy(client, county, sug_at):
    s = assigned(county, sug_at)
    url = reverse("oversight:suggestion_detail", args=[s.pk])
    client.force_login(county.liaison)
    page = client.get(url).content.decode()
    assert "待主办单位答复" in page and reverse("oversight:suggestion_step", args=[s.pk, "reply"]) in page
    client.force_login(county.leader)
    page = client.get(url).content.decode()
    assert reverse("oversight:suggestion_step", args=[s.pk, "reply"]) not in page
    assert client.get(reverse("oversight:suggestion_step", args=[s.pk, "reply"])).status_code == 403
    client.force_login(county.outsider)
    assert client.get(url).status_code == 404
    client.force_login(county.office)
    assert "办理过程" in client.get(url).content.decode()
    assert client.get(reverse("oversight:suggestion_step", args=[s.pk, "nonsense"])).status_code == 404


def test_steps_through_the_pages(client, county, sug_at):
    s = imported(county, sug_at)
    sug_at(D(2019, 3, 12))
    client.force_login(county.office)
    step = lambda action: reverse("oversight:suggestion_step", args=[s.pk, action])  # noqa: E731
    assert client.get(step("assign")).status_code == 200
    r = client.post(step("assign"), {"unit": county.market.pk, "co_units": [county.water.pk], "on": "2019-03-12"})
    assert r.status_code == 302
    client.force_login(county.liaison)
    sug_at(D(2019, 5, 6))
    r = client.post(step("reply"), {"text": "已列入计划。", "file": reply_file(), "on": "2019-05-06"})
    assert r.status_code == 302
    s.refresh_from_db()
    assert s.status == SuggestionStatus.REPLIED
    r = client.get(reverse("oversight:suggestion_reply_file", args=[s.pk, 1]))
    assert r.status_code == 200
    assert client.get(reverse("oversight:suggestion_reply_file", args=[s.pk, 2])).status_code == 404
    client.force_login(county.office)
    sug_at(D(2019, 5, 20))
    assert "不满意" in client.get(step("rehandle")).content.decode()
    r = client.post(step("satisfied"), {"satisfaction": "unsatisfied", "on": "2019-05-20"})
    assert r.status_code == 200  # not one of this step's choices
    r = client.post(step("satisfied"), {"satisfaction": "satisfied", "on": "2019-05-20"})
    assert r.status_code == 302
    publish = reverse("oversight:suggestion_publish", args=[s.pk])
    assert client.get(publish).status_code == 200
    assert client.post(publish, {}).status_code == 302
    assert Suggestion.objects.get(pk=s.pk).published_on == D(2019, 5, 20)
    assert client.get(reverse("oversight:public_suggestion_detail", args=[s.pk + 1000])).status_code == 404
    client.force_login(county.liaison)
    assert client.get(publish).status_code == 403


def test_import_page_and_template(client, county, sug_at):
    sug_at(D(2019, 3, 5))
    client.force_login(county.office)
    assert client.get(reverse("oversight:suggestion_template")).status_code == 200
    assert client.get(reverse("oversight:suggestion_import")).status_code == 200
    wb = load_workbook(io.BytesIO(sheets.template_workbook(suggestion_sheet())))
    wb.active.append(["人大代表建议", "009", "关于道路的建议", "张代表", "修路", "2019-03-01"])
    data = io.BytesIO()
    wb.save(data)
    data.seek(0)
    data.name = "建议.xlsx"
    r = client.post(reverse("oversight:suggestion_import"), {"file": data})
    assert r.status_code == 302 and Suggestion.objects.filter(number="009").exists()
    client.force_login(county.liaison)
    assert client.get(reverse("oversight:suggestion_import")).status_code == 403


def test_accountability_pages(client, county, sug_at):
    sug_at(D(2024, 6, 1))
    client.force_login(county.office)
    url = reverse("oversight:accountability_create")
    assert client.get(url).status_code == 200
    r = client.post(url, {"person_name": "钱某", "post": "股长", "unit": county.market.pk, "ground": "inaction",
                          "facts": "推诿扯皮", "form": "admonish", "decided_on": "2024-05-30",
                          "correction": "已整改"})
    assert r.status_code == 302
    record = accountability_sample(county)
    detail = client.get(reverse("oversight:accountability_detail", args=[record.pk])).content.decode()
    assert "合同样本某" in detail and "信访条例" in detail
    for persona in ("liaison", "outsider"):
        client.force_login(getattr(county, persona))
        assert client.get(reverse("oversight:accountability_detail", args=[record.pk])).status_code in (403, 404)
        assert client.get(url).status_code == 403


def test_trigger_link_uses_the_records_page(county):
    from django.contrib.contenttypes.models import ContentType

    from fazhi.oversight.models import AccountabilityRecord
    from fazhi.oversight.selectors.suggestions import trigger_link
    from fazhi.oversight.services.suggestions import trigger_types

    suggestion = suggestion_sample(county)
    record = AccountabilityRecord(trigger_type=ContentType.objects.get_for_model(Suggestion), trigger_id=suggestion.pk)
    assert trigger_link(record) == (str(suggestion), suggestion.get_absolute_url())
    assert trigger_link(AccountabilityRecord()) is None
    assert {ct.model for ct in trigger_types()} >= {"case", "petition", "decision"}


def test_trigger_link_of_a_model_without_its_own_address(monkeypatch):
    from fazhi.oversight.models import AccountabilityRecord
    from fazhi.oversight.selectors.suggestions import trigger_link

    class Case:
        _meta = type("Meta", (), {"label_lower": "enforcement.case"})
        pk = 5

        def __str__(self):
            return "某执法案件"

    monkeypatch.setattr(AccountabilityRecord, "trigger", property(lambda self: Case()))
    assert trigger_link(AccountabilityRecord()) == ("某执法案件", reverse("enforcement:case_detail", args=[5]))
