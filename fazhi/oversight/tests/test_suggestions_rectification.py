"""Congress inspections and case evaluations, judicial and procuratorial suggestions, and the rectification tasks
they raise, each tracked to done: refused and allowed paths, pages, deadlines, alerts, to-dos and figures."""
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError, NotFound
from fazhi.core.registry import figures
from fazhi.core.rules import setting_set
from fazhi.oversight.alerts.suggestions import judicial_replies, rectification_tasks
from fazhi.oversight.models import JudicialStatus, TaskStatus
from fazhi.oversight.services import suggestions as services
from fazhi.oversight.todos.suggestions import collect

from .contract_suggestions import reply_file
from .factories_suggestions import D

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("sug_media")]


@pytest.fixture
def judicial(county, sug_at):
    sug_at(D(2019, 4, 1))
    return services.judicial_record(actor=county.liaison, kind="procuratorial", issuer="某县人民检察院",
                                    number="检建〔2019〕1号", content="建议加强校园周边食品监管", received_on=D(2019, 4, 1),
                                    unit=county.market)


def test_judicial_suggestion_deadline_is_a_setting_and_reply_is_the_units(county, sug_at, judicial):
    assert judicial.reply_due == D(2019, 6, 3)  # two months: 1 June 2019 is a Saturday
    with pytest.raises(DomainError):
        services.judicial_record(actor=county.liaison, kind="judicial", issuer="某县人民法院", number="1",
                                 content="建议", received_on=D(2019, 4, 1), unit=county.water)
    setting_set(actor=county.office, key="oversight.judicial_reply_months", raw="1")
    court = services.judicial_record(actor=county.office, kind="judicial", issuer="某县人民法院", number="司建1号",
                                     content="建议规范出庭应诉", received_on=D(2019, 4, 1), unit=county.water)
    # one month: 1 May 2019 is the Labour Day holiday (1–4 May), rolling to Sunday 5 May, a make-up working day
    assert court.reply_due == D(2019, 5, 5)
    sug_at(D(2019, 5, 20))
    with pytest.raises(NotFound):
        services.judicial_reply(actor=county.outsider, judicial=judicial, text="回复", file=reply_file())
    with pytest.raises(DomainError):
        services.judicial_reply(actor=county.leader, judicial=judicial, text="回复", file=reply_file())
    with pytest.raises(DomainError, match="回复内容"):
        services.judicial_reply(actor=county.liaison, judicial=judicial, text="", file=reply_file())
    with pytest.raises(DomainError, match="回复函"):
        services.judicial_reply(actor=county.liaison, judicial=judicial, text="已开展专项检查。", file=None)
    judicial = services.judicial_reply(actor=county.liaison, judicial=judicial, text="已开展专项检查。",
                                       file=reply_file())
    assert judicial.reply_file.name.endswith(".pdf") or judicial.reply_file.name
    assert judicial.status == JudicialStatus.REPLIED and judicial.replied_on == D(2019, 5, 20)
    with pytest.raises(DomainError, match="已经回复"):
        services.judicial_reply(actor=county.liaison, judicial=judicial, text="再次", file=reply_file())


def test_rectification_task_tracked_to_done(county, sug_at, judicial):
    inspection = services.inspection_record(actor=county.office, kind="enforcement", title="食品安全法执法检查",
                                            held_on=D(2019, 4, 1), findings="抽检不足")
    with pytest.raises(DomainError):
        services.inspection_record(actor=county.liaison, kind="enforcement", title="x", held_on=D(2019, 4, 1),
                                   findings="y")
    with pytest.raises((DomainError, NotFound)):
        services.task_add(actor=county.liaison, source=inspection, unit=county.market, content="整改",
                          due_on=D(2019, 6, 1))
    with pytest.raises(DomainError, match="整改期限"):
        services.task_add(actor=county.office, source=inspection, unit=county.market, content="整改",
                          due_on=D(2019, 3, 1))
    with pytest.raises(DomainError, match="整改事项"):
        services.task_add(actor=county.office, source=inspection, unit=county.market, content=" ",
                          due_on=D(2019, 6, 1))
    task = services.task_add(actor=county.office, source=inspection, unit=county.market, content="增加抽检频次",
                             due_on=D(2019, 6, 1))
    own = services.task_add(actor=county.liaison, source=judicial, unit=county.market, content="清理无证经营",
                            due_on=D(2019, 7, 1))
    assert own.source == judicial and task.source == inspection
    sug_at(D(2019, 5, 10))
    with pytest.raises(NotFound):
        services.task_report(actor=county.outsider, task=task, text="完成", evidence=reply_file())
    with pytest.raises(DomainError, match="整改情况"):
        services.task_report(actor=county.liaison, task=task, text="", evidence=reply_file())
    with pytest.raises(DomainError):
        services.task_accept(actor=county.office, task=task)
    task = services.task_report(actor=county.liaison, task=task, text="已增加抽检。", evidence=reply_file())
    assert task.status == TaskStatus.REPORTED and task.reported_on == D(2019, 5, 10)
    for user in (county.liaison, county.leader):
        with pytest.raises(DomainError):
            services.task_accept(actor=user, task=task)
    with pytest.raises(DomainError, match="理由"):
        services.task_return(actor=county.office, task=task, reason="")
    task = services.task_return(actor=county.office, task=task, reason="佐证不足")
    assert task.status == TaskStatus.OPEN
    task = services.task_report(actor=county.liaison, task=task, text="补充佐证。", evidence=reply_file())
    task = services.task_accept(actor=county.office, task=task)
    assert task.status == TaskStatus.ACCEPTED and task.accepted_on == D(2019, 5, 10)
    assert figures()["oversight.rectification_accepted"].compute(year=2019).value == 1
    value = figures()["oversight.judicial_suggestions"].compute(year=2019)
    assert value.value == 1 and value.breakdown["检察建议"]["value"] == 1


def test_alerts_and_todos(county, sug_at, judicial):
    task = services.task_add(actor=county.liaison, source=judicial, unit=county.market, content="清理无证经营",
                             due_on=D(2019, 5, 1))
    assert [a.severity for a in judicial_replies(county.liaison, D(2019, 5, 25))] == ["warning"]
    assert [a.severity for a in judicial_replies(county.office, D(2019, 6, 4))] == ["overdue"]
    assert judicial_replies(county.outsider, D(2019, 6, 4)) == [] and judicial_replies(None, D(2019, 6, 4)) == []
    assert [a.count for a in rectification_tasks(county.liaison, D(2019, 5, 2))] == [1]
    assert rectification_tasks(county.liaison, D(2019, 4, 2)) == [] and rectification_tasks(None, D(2019, 5, 2)) == []
    titles = [t.title for t in collect(county.liaison, D(2019, 5, 2))]
    assert any("待回复" in t for t in titles) and any("待整改" in t for t in titles)
    sug_at(D(2019, 4, 20))
    services.task_report(actor=county.liaison, task=task, text="已清理。", evidence=reply_file())
    assert any("待验收" in t.title for t in collect(county.office, D(2019, 5, 2)))


def test_pages(client, county, sug_at, judicial):
    sug_at(D(2019, 4, 2))
    client.force_login(county.office)
    assert client.post(reverse("oversight:inspection_create"), {
        "kind": "evaluation", "title": "行政处罚案卷评查", "organiser": "县人大常委会", "held_on": "2019-04-02",
        "findings": "证据目录不全"}).status_code == 302
    from fazhi.oversight.models import CongressInspection

    inspection = CongressInspection.objects.get(title="行政处罚案卷评查")
    assert "下达整改任务" in client.get(inspection.get_absolute_url()).content.decode()
    add = reverse("oversight:task_add", args=["inspection", inspection.pk])
    assert client.get(add).status_code == 200
    assert client.post(add, {"unit": county.market.pk, "content": "补正证据目录", "due_on": "2019-06-30"}).status_code == 302
    assert client.get(reverse("oversight:task_add", args=["nothing", inspection.pk])).status_code == 404
    task = inspection.tasks.get()
    for name in ("inspection_list", "judicial_list", "task_list", "inspection_create", "judicial_create"):
        assert client.get(reverse(f"oversight:{name}") + "?year=x&status=zz&overdue=on&unit=abc").status_code == 200
    client.force_login(county.liaison)
    assert client.get(reverse("oversight:inspection_create")).status_code == 403
    assert client.get(add).status_code in (403, 404)
    assert client.post(reverse("oversight:judicial_create"), {
        "kind": "judicial", "issuer": "某县人民法院", "number": "司建2号", "unit": county.market.pk,
        "content": "建议规范执法", "received_on": "2019-04-02"}).status_code == 302
    reply = reverse("oversight:judicial_reply", args=[judicial.pk])
    assert client.get(reply).status_code == 200
    response = client.post(reply, {"text": "已整改。", "on": "2019-04-02"})
    assert response.status_code == 200 and "回复函" in response.content.decode()  # the letter is required
    assert client.get(reverse("oversight:judicial_reply_file", args=[judicial.pk])).status_code == 404
    assert client.post(reply, {"text": "已整改。", "file": reply_file(), "on": "2019-04-02"}).status_code == 302
    assert "下载回复函" in client.get(judicial.get_absolute_url()).content.decode()
    assert client.get(reverse("oversight:judicial_reply_file", args=[judicial.pk])).status_code == 200
    page = client.get(task.get_absolute_url()).content.decode()
    assert "报告整改完成" in page and "待整改单位报告整改完成" in page
    step = reverse("oversight:task_step", args=[task.pk, "report"])
    assert client.post(step, {"text": "已补正。", "evidence": reply_file(), "on": "2019-04-02"}).status_code == 302
    assert client.get(reverse("oversight:task_evidence", args=[task.pk])).status_code == 200
    assert client.get(reverse("oversight:task_step", args=[task.pk, "accept"])).status_code == 403
    assert client.get(reverse("oversight:task_step", args=[task.pk, "zzz"])).status_code == 404
    client.force_login(county.office)
    assert client.post(reverse("oversight:task_step", args=[task.pk, "return_task"]),
                       {"reason": "佐证不全", "on": "2019-04-02"}).status_code == 302
    task.refresh_from_db()
    assert task.status == TaskStatus.OPEN
    other = services.task_add(actor=county.office, source=inspection, unit=county.market, content="另一项",
                              due_on=D(2019, 6, 30))
    assert client.get(reverse("oversight:task_evidence", args=[other.pk])).status_code == 404
    services.task_report(actor=county.liaison, task=other, text="完成", evidence=reply_file())
    assert client.post(reverse("oversight:task_step", args=[other.pk, "accept"]), {"on": "2019-04-02"}).status_code == 302
    client.force_login(county.outsider)
    assert client.get(task.get_absolute_url()).status_code == 404
    assert client.get(reverse("oversight:judicial_reply_file", args=[judicial.pk])).status_code == 404
