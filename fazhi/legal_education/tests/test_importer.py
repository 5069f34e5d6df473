"""The messy-text importer on samples written in the formats exam papers circulate in (none copied)."""
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from fazhi.core.errors import DomainError
from fazhi.legal_education.models import Question
from fazhi.legal_education.services import importer
from fazhi.legal_education.services.importer import parse_text


def one(text):
    parsed = parse_text(text)
    assert len(parsed) == 1, parsed
    return parsed[0]


def test_answer_inside_the_stem_brackets():
    q = one("1. 行政机关实施行政处罚，应当遵循（B）的原则。\nA.从重 B.公正、公开 C.从快 D.保密")
    assert (q.kind, q.answer, q.ok) == ("single", "B", True)
    assert q.stem == "行政机关实施行政处罚，应当遵循（ ）的原则。"
    assert q.options == ["从重", "公正、公开", "从快", "保密"]


def test_options_run_together_without_separators():
    q = one("2、人民调解委员会调解民间纠纷，不收取（ ）。A.任何费用B.部分费用C.材料费D.登记费\n答案:A")
    assert q.options == ["任何费用", "部分费用", "材料费", "登记费"] and q.answer == "A" and q.ok


def test_answer_point_and_explanation_blocks():
    q = one("3．下列属于行政处罚种类的有（ ）\nA．警告 B．罚款 C．记过 D．没收违法所得\n"
            "【答案】ABD【考点】行政处罚的种类【解析】记过是处分，不是行政处罚。")
    assert (q.kind, q.answer) == ("multiple", "ABD")
    assert q.point == "行政处罚的种类" and q.explanation.startswith("记过是处分")


def test_answer_line_with_full_width_colon_and_spaces():
    q = one("4. 法律援助机构应当自收到申请之日起（ ）日内审查。\nA. 3\nB. 7\nC. 15\nD. 30\n答案： B")
    assert q.answer == "B" and q.options == ["3", "7", "15", "30"] and q.ok


def test_options_broken_across_lines():
    q = one("5. 重大行政决策的法定程序包括（ ）\nA.公众参与、专家\n论证 B.风险评估\nC.合法性\n审查 D.集体讨论决定\n答案：ABCD")
    assert q.options == ["公众参与、专家 论证", "风险评估", "合法性 审查", "集体讨论决定"]
    assert q.kind == "multiple"


def test_traditional_characters_are_converted():
    q = one("6. 國家機關實行誰執法誰普法的普法責任制。（√）")
    assert q.kind == "judge" and q.answer == "A"
    assert q.stem == "国家机关实行谁执法谁普法的普法责任制。（ ）" and q.converted


def test_true_false_with_answer_words():
    parsed = parse_text("三、判断题\n7. 行政复议期间行政行为一律停止执行。\n答案：错误\n8. 规范性文件应当统一登记、统一编号、统一公布。（对）")
    assert [(p.kind, p.answer) for p in parsed] == [("judge", "B"), ("judge", "A")]
    assert all(p.ok for p in parsed)


def test_multi_statement_options():
    q = one("9. 下列说法正确的是（C）\n①行政处罚由违法行为发生地的行政机关管辖\n②罚款可以由执法人员当场随意收缴\n"
            "③当事人有权陈述和申辩\nA.①② B.②③ C.①③ D.①②③")
    assert q.stem.count("\n") == 3 and "①行政处罚由违法行为发生地" in q.stem
    assert q.options == ["①②", "②③", "①③", "①②③"] and q.answer == "C"


def test_section_headings_set_the_kind_and_flag_contradictions():
    parsed = parse_text("二、多项选择题（每题2分）\n10. 普法对象包括（ ）A.国家工作人员B.青少年C.企业经营管理人员D.农民\n"
                        "答案：A\n一、单项选择题\n11. 宪法日是每年的（ ）A.12月4日B.3月15日C.10月1日D.7月1日 答案：AB")
    assert parsed[0].kind == "multiple" and "位于多选题部分，但答案只有一个选项" in parsed[0].doubts
    assert "位于单选题部分，但答案有多个选项" in parsed[1].doubts


def test_doubtful_questions_say_why():
    parsed = parse_text("12. 没有答案的题目（ ）A.甲 B.乙 C.丙 D.丁\n13. 答案超出范围（ ）A.甲 B.乙\n答案：D\n"
                        "14. 没有选项的单选题（ ）\n答案：A")
    assert parsed[0].doubts == ["没有识别出答案"]
    assert "答案中的字母超出了选项范围" in parsed[1].doubts
    assert "没有识别出至少两个选项" in parsed[2].doubts


def test_duplicates_in_the_text_are_flagged():
    parsed = parse_text("15. 行政机关应当依法行政。（√）\n16. 行政机关应当依法行政。（√）")
    assert parsed[1].doubts == ["与本次第15题重复"]


@pytest.mark.django_db
def test_duplicates_of_bank_questions_are_flagged_and_nothing_is_saved_before_confirmation(county):
    from . import factories

    bank = factories.bank(county)
    before = Question.objects.count()
    text = "17. 单选题0：依法行政的要求是（ B ） A.甲 B.乙 C.丙 D.丁\n18. 新题目：宪法宣誓制度适用于国家工作人员。（√）"
    parsed = parse_text(text, bank=bank)
    assert parsed[0].duplicate_of and "与题库中已有试题重复" in parsed[0].doubts
    assert parsed[1].ok and Question.objects.count() == before
    assert importer.confirm_import(actor=county.office, bank=bank, text=text, selected=[1]) == 1
    assert Question.objects.filter(bank=bank, stem__startswith="新题目").count() == 1
    with pytest.raises(DomainError):
        importer.confirm_import(actor=county.liaison, bank=bank, text=text, selected=[1])


def test_docx_and_gbk_text_uploads():
    import docx

    document = docx.Document()
    document.add_paragraph("19. 法律援助是国家建立的保障经济困难公民获得必要法律服务的制度。（√）")
    buf = io.BytesIO()
    document.save(buf)
    text = importer.read_upload(SimpleUploadedFile("卷.docx", buf.getvalue()))
    assert one(text).answer == "A"
    gbk = SimpleUploadedFile("卷.txt", "20. 人民调解协议具有法律约束力。（对）".encode("gb18030"))
    assert one(importer.read_upload(gbk)).kind == "judge"
    with pytest.raises(DomainError):
        importer.read_upload(SimpleUploadedFile("卷.pdf", b"%PDF-1.4"))
