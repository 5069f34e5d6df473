"""Step dates typed long after the act need a reason (补录理由), and every date refusal is shown beside the date;
case numbers are stored one way, with the Chinese full-width brackets."""
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.oversight import services
from fazhi.oversight.models import LitigationCase
from fazhi.oversight.services.litigation import clean_case_number

from .factories_litigation import D, make_case, make_hearing, make_recon

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _today(lit_at):
    lit_at(D(2019, 12, 20))  # the office's default: 30 days back without a reason


def test_an_old_step_date_needs_a_reason_beside_the_date_field(client, county, lit_at):
    case = make_case(county, received_on=D(2019, 11, 1))
    with pytest.raises(DomainError, match="补录理由") as e:
        services.litigation_defend(actor=county.office, case=case, on=D(2019, 11, 4))
    assert e.value.field == "on"
    client.force_login(county.office)
    url = reverse("oversight:litigation_step", args=[case.pk, "defend"])
    page = client.get(url).content.decode()
    assert 'name="backdate_reason"' in page
    response = client.post(url, {"on": "2019-11-04"})
    form = response.context["form"]
    assert response.status_code == 200 and "补录理由" in " ".join(form.errors["on"]) and not form.non_field_errors()
    response = client.post(url, {"on": "2019-11-04", "backdate_reason": "根据纸质卷宗补录"})
    assert response.status_code == 302
    case.refresh_from_db()
    assert case.defended_on == D(2019, 11, 4)
    entry = AuditEntry.objects.filter(event_name="oversight.litigation_defended").get()
    assert entry.changes["backdate_reason"] == [None, "根据纸质卷宗补录"]
    # a future date is refused beside the date too
    response = client.post(reverse("oversight:litigation_step", args=[case.pk, "judge"]),
                           {"judgment_kind": "judgment", "outcome": "rejected", "on": "2019-12-21"})
    assert "不能晚于今天" in " ".join(response.context["form"].errors["on"])
    case = services.litigation_judge(actor=county.office, case=case, judgment_kind="judgment", outcome="rejected",
                                     on=D(2019, 12, 10))
    # closing before the appeal period ends is refused beside the date
    response = client.post(reverse("oversight:litigation_step", args=[case.pk, "close"]), {"on": "2019-12-15"})
    assert "上诉期限" in " ".join(response.context["form"].errors["on"])
    lit_at(D(2019, 12, 27))
    case = services.litigation_close(actor=county.office, case=case, on=D(2019, 12, 26))
    assert case.status == "closed"


def test_hearings_and_reconsideration_steps_take_the_reason_too(client, county):
    case = make_case(county, received_on=D(2019, 10, 8))
    hearing = make_hearing(county, case, hearing_on=D(2019, 11, 1))
    client.force_login(county.office)
    url = reverse("oversight:hearing_record", args=[hearing.pk])
    data = {"role": "head", "appeared_name": "王局长", "appeared_post": "局长", "identity_proof": "on",
            "statement": "同意协调化解。", "on": "2019-11-01"}
    response = client.post(url, data)
    assert response.status_code == 200 and "补录理由" in " ".join(response.context["form"].errors["on"])
    assert client.post(url, {**data, "backdate_reason": "庭后补录"}).status_code == 302
    recon = make_recon(county, applied_on=D(2019, 10, 8), received_on=D(2019, 10, 9))
    with pytest.raises(DomainError, match="补录理由"):
        services.recon_accept(actor=county.office, case=recon, on=D(2019, 10, 10))
    recon = services.recon_accept(actor=county.office, case=recon, on=D(2019, 10, 10), backdate_reason="补录")
    steps = reverse("oversight:recon_step", args=[recon.pk, "serve_copy"])
    response = client.post(steps, {"on": "2019-10-11"})
    assert "补录理由" in " ".join(response.context["form"].errors["on"])
    assert client.post(steps, {"on": "2019-10-11", "backdate_reason": "补录"}).status_code == 302
    recon = services.recon_answer(actor=county.office, case=recon, on=D(2019, 10, 20), backdate_reason="补录")
    recon = services.recon_extend(actor=county.office, case=recon, days=30, approver="县长", reason="案情复杂",
                                  on=D(2019, 12, 1), backdate_reason="")
    recon = services.recon_decide(actor=county.office, case=recon, outcome="upheld", on=D(2019, 12, 18))
    assert recon.status == "decided" and recon.answered_on == D(2019, 10, 20)
    other = make_recon(county, applied_on=D(2019, 12, 16), received_on=D(2019, 12, 16))
    response = client.post(reverse("oversight:recon_step", args=[other.pk, "not_accept"]),
                           {"reason": "不属于受理范围", "on": "2019-12-17", "backdate_reason": ""})
    assert response.status_code == 302
    other = make_recon(county, applied_on=D(2019, 12, 16), received_on=D(2019, 12, 16), doc_title="某规定")
    other = services.recon_accept(actor=county.office, case=other, on=D(2019, 12, 17))
    assert services.recon_doc_done(actor=county.office, case=other, on=D(2019, 12, 18)).doc_done_on


@pytest.mark.parametrize("typed", ["(2019)鄂0322行初1号", " （２０１９）鄂0322行初1号 ", "(2019) 鄂0322 行初1号",
                                   "（2019）鄂0322行初1号\u200b"])
def test_case_numbers_keep_the_chinese_full_width_brackets(typed):
    assert clean_case_number(typed) == "（2019）鄂0322行初1号"


def test_a_half_width_case_number_is_stored_full_width_and_is_the_same_case(county):
    case = services.litigation_register(
        actor=county.office, unit=county.market, instance="first", court="某县人民法院",
        case_number="(2019)鄂0322行初1号", plaintiff_name="张三", plaintiff_kind="person",
        received_on=D(2019, 12, 18), act_text="行政处罚决定")
    assert case.case_number == "（2019）鄂0322行初1号"
    with pytest.raises(DomainError, match="已经登记") as e:
        services.litigation_register(
            actor=county.office, unit=county.market, instance="first", court="某县人民法院",
            case_number="（２０１９）鄂0322行初1号", plaintiff_name="张三", plaintiff_kind="person",
            received_on=D(2019, 12, 18), act_text="行政处罚决定")
    assert e.value.field == "case_number" and LitigationCase.objects.count() == 1
    recon = make_recon(county, number="郧政复[2019]1号", applied_on=D(2019, 12, 16), received_on=D(2019, 12, 16))
    assert recon.number == "郧政复〔2019〕1号"
