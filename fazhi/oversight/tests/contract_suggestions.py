"""Contract samples of the suggestions part: a suggestion handled by the market bureau (市场监管局), replied,
closed and published, and an accountability record of the market bureau — the outsider (水利局) sees neither."""
PUBLIC = {"oversight:public_suggestions", "oversight:public_suggestion_detail"}

TITLE = "合同样本：关于规范农贸市场秩序的建议"
FACTS = "合同样本：未按期办结信访事项"
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def reply_file(name="答复函.pdf"):
    from django.core.files.uploadedfile import SimpleUploadedFile

    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


def suggestion_sample(county):
    from fazhi.core import clock
    from fazhi.oversight.models import Suggestion
    from fazhi.oversight.services import suggestions as services

    s = Suggestion.objects.filter(title=TITLE).first()
    if s is not None:
        return s
    [s] = services.suggestions_import(actor=county.office, rows=[{
        "kind": "npc", "number": "合同001", "title": TITLE, "proposer": "合同样本代表", "content": "规范农贸市场。",
        "received_on": clock.today()}])
    s = services.suggestion_assign(actor=county.office, suggestion=s, unit=county.market)
    s = services.suggestion_reply(actor=county.liaison, suggestion=s, text="已开展专项整治。", file=reply_file())
    s = services.suggestion_feedback(actor=county.office, suggestion=s, satisfaction="satisfied")
    return services.suggestion_publish(actor=county.office, suggestion=s)


def accountability_sample(county):
    from fazhi.core import clock
    from fazhi.oversight.models import AccountabilityRecord
    from fazhi.oversight.services import suggestions as services

    r = AccountabilityRecord.objects.filter(facts=FACTS).first()
    return r or services.accountability_record(
        actor=county.office, person_name="合同样本某", post="股长", unit=county.market, ground="petition",
        facts=FACTS, form="criticism", decided_on=clock.today())


JUDICIAL = "合同样本：建议规范行政处罚裁量"
INSPECTION = "合同样本：食品安全法执法检查"


def judicial_sample(county):
    from fazhi.core import clock
    from fazhi.oversight.models import JudicialSuggestion
    from fazhi.oversight.services import suggestions as services

    j = JudicialSuggestion.objects.filter(content=JUDICIAL).first()
    return j or services.judicial_record(actor=county.liaison, kind="procuratorial", issuer="某县人民检察院",
                                         number="合同检建1号", content=JUDICIAL, received_on=clock.today(),
                                         unit=county.market)


def inspection_sample(county):
    from fazhi.core import clock
    from fazhi.oversight.models import CongressInspection
    from fazhi.oversight.services import suggestions as services

    i = CongressInspection.objects.filter(title=INSPECTION).first()
    return i or services.inspection_record(actor=county.office, kind="enforcement", title=INSPECTION,
                                           held_on=clock.today(), findings="合同样本：抽检频次不足。")


def task_sample(county):
    import datetime

    from fazhi.core import clock
    from fazhi.oversight.services import suggestions as services

    j = judicial_sample(county)
    task = j.tasks.first()
    if task is None:
        task = services.task_add(actor=county.office, source=j, unit=county.market, content="合同样本：修订裁量基准",
                                 due_on=clock.today() + datetime.timedelta(days=30))
        task = services.task_report(actor=county.liaison, task=task, text="已修订。", evidence=reply_file("佐证.pdf"))
    return task


SAMPLES = {
    "oversight:inspection_detail": lambda c: {"pk": inspection_sample(c).pk},
    "oversight:judicial_detail": lambda c: {"pk": judicial_sample(c).pk},
    "oversight:judicial_reply": lambda c: {"pk": judicial_sample(c).pk},
    "oversight:judicial_reply_file": lambda c: {"pk": judicial_sample(c).pk},
    "oversight:suggestion_co_opinion": lambda c: {"pk": suggestion_sample(c).pk},
    "oversight:task_add": lambda c: {"source": "judicial", "pk": judicial_sample(c).pk},
    "oversight:task_detail": lambda c: {"pk": task_sample(c).pk},
    "oversight:task_evidence": lambda c: {"pk": task_sample(c).pk},
    "oversight:task_step": lambda c: {"pk": task_sample(c).pk, "action": "accept"},
    "oversight:suggestion_detail": lambda c: {"pk": suggestion_sample(c).pk},
    "oversight:suggestion_publish": lambda c: {"pk": suggestion_sample(c).pk},
    "oversight:suggestion_step": lambda c: {"pk": suggestion_sample(c).pk, "action": "reply"},
    "oversight:suggestion_reply_file": lambda c: {"pk": suggestion_sample(c).pk, "number": 1},
    "oversight:public_suggestion_detail": lambda c: {"pk": suggestion_sample(c).pk},
    "oversight:accountability_detail": lambda c: {"pk": accountability_sample(c).pk},
    "oversight:accountability_edit": lambda c: {"pk": accountability_sample(c).pk},
    "oversight:suggestion_reassign": lambda c: {"pk": suggestion_sample(c).pk},
}

SECRET_TEXT = {
    "oversight:judicial_detail": JUDICIAL,
    "oversight:task_detail": "合同样本：修订裁量基准",
    "oversight:suggestion_detail": TITLE,
    "oversight:accountability_detail": FACTS,
}
