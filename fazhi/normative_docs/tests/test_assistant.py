"""The legality-review assistant flags sentences that may exceed what a normative document may do (RULES.md §4.1)."""
import pytest

from fazhi.normative_docs.selectors import review_flags, review_segments


def keys(sentence):
    flags = review_flags(sentence)
    return {r.key for f in flags for r in f.rules}


@pytest.mark.parametrize("sentence, rule", [
    ("从事农家乐经营的，须经乡镇人民政府批准。", "licence"),
    ("本县对砂石开采实行准入许可制度。", "licence"),
    ("经营者应当取得县商务局核发的准营证后方可营业。", "licence"),
    ("违反本办法第五条规定的，由县城管局处500元以上2000元以下罚款。", "penalty"),
    ("对拒不整改的，吊销其营业执照。", "penalty"),
    ("对违规停放的车辆，由执法部门予以扣押。", "coercion"),
    ("逾期不拆除的，由乡镇组织强制拆除。", "coercion"),
    ("施工单位应当向住建局缴纳农民工工资保证金10万元。", "fee"),
    ("办理入学手续时，家长应当提供无犯罪记录证明和居住证明。", "certificate"),
    ("未缴清物业费的业主，禁止办理房屋过户登记。", "obligation"),
    ("全县中小学校服统一向指定企业购买。", "competition"),
    ("政府投资工程优先采购本地企业生产的建材。", "competition"),
    ("外地企业的产品不得进入本县农贸市场销售。", "competition"),
])
def test_flags_sentences_that_exceed_the_power_of_a_normative_document(sentence, rule):
    assert rule in keys(sentence), sentence


@pytest.mark.parametrize("sentence", [
    "为规范城区农贸市场经营秩序，保障消费者合法权益，制定本办法。",
    "违反本办法规定的，依照《中华人民共和国食品安全法》第一百二十二条的规定处理并处罚款。",
    "行政机关办理本办法规定的事项，不得收取任何费用。",
    "办理登记不得要求申请人提供其他证明材料。",
    "县市场监督管理局负责本办法的组织实施。",
    "本办法自2019年7月1日起施行，有效期5年。",
    "各乡镇应当加强宣传，引导群众依法办事。",
])
def test_does_not_flag_ordinary_or_law_restating_sentences(sentence):
    assert review_flags(sentence) == [], sentence


def test_each_flag_names_the_rule_and_its_source():
    flags = review_flags("为规范管理，制定本办法。违反规定的，处1000元罚款。本办法自公布之日起施行。")
    assert len(flags) == 1
    flag = flags[0]
    assert flag.sentence == "违反规定的，处1000元罚款。"
    assert flag.rules[0].name == "不得设定行政处罚" and "行政处罚法第16条" in flag.rules[0].source


def test_segments_cover_the_whole_text_in_order():
    text = "第一条 总则。\n第二条 违反的，处1000元罚款。\n第三条 施行。"
    segments = review_segments(text)
    assert "".join(piece for piece, _ in segments) == text
    assert [bool(f) for _, f in segments].count(True) == 1
