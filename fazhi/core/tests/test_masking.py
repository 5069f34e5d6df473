"""Masking personal data for public pages (RULES.md §6.1)."""
import pytest

from fazhi.core.masking import find_leaks, mask_address, mask_id_number, mask_name, mask_phone, mask_text


@pytest.mark.parametrize("name,masked", [
    ("张三", "张某"), ("李建国", "李某"), ("欧阳娜娜", "欧阳某"), ("司马光", "司马某"),
    ("买买提·吐尔逊", "买某"), ("", ""), (" 王五 ", "王某"),
])
def test_names_keep_the_surname(name, masked):
    assert mask_name(name) == masked


def test_identifying_numbers_are_not_published():
    assert mask_id_number("42032219900101123X") == "××"
    assert mask_phone("13907191234") == "××"
    assert mask_address("郧西县城关镇东坪村3组12号") == "××"
    assert mask_id_number("") == ""


def test_free_text_is_cleaned():
    text = ("当事人张三（身份证号42032219900101123X，电话139-0719-1234，住城关镇）于2019年5月3日"
            "在郧西县城关镇经营，收款账户6222 0212 3456 7890 123，座机0719-6221234。罚款5000元。")
    masked = mask_text(text, names=["张三"])
    assert "张三" not in masked and "张某" in masked
    for secret in ["42032219900101123X", "139-0719-1234", "6222 0212 3456 7890 123", "0719-6221234"]:
        assert secret not in masked
    # dates, amounts and document numbers stay readable
    assert "2019年5月3日" in masked and "5000元" in masked
    assert find_leaks(masked, names=["张三"]) == []
    assert set(find_leaks(text, names=["张三"])) >= {"42032219900101123X", "张三"}


def test_document_numbers_and_short_numbers_are_left_alone():
    text = "依据郧西市监罚〔2019〕12号决定，罚款20000元，没收违法所得3150元。"
    assert mask_text(text) == text


def test_a_lone_given_name_after_the_full_name_is_masked_too():
    from fazhi.core.masking import Person, find_leaks, mask_public_text

    persons = [Person(name="张三丰"), Person(name="欧阳娜娜")]
    text = "张三丰在城关镇销售过期食品，三丰称不知情；欧阳娜娜系其雇员，娜娜于当日收款。三丰路口的摊位另案处理。"
    masked = mask_public_text(text, persons=persons)
    assert "三丰称" not in masked and "张某称不知情" in masked
    assert "娜娜于" not in masked and "欧阳某于当日收款" in masked
    assert "三丰路口" in masked  # a word that only contains the given name is left alone
    assert not [leak for leak in find_leaks(masked, names=["张三丰", "欧阳娜娜"]) if "三丰称" in str(leak)]
