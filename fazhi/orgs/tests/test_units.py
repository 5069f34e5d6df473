"""The organisation tree: create, edit, move, retire (history kept), import and export through Excel."""
import io

import openpyxl
import pytest
from django.urls import reverse

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.orgs import services
from fazhi.orgs.choices import UnitKind
from fazhi.orgs.models import OrgUnit


@pytest.mark.django_db
class TestTreeRules:
    def test_create_sets_the_tree_path(self, county):
        unit = services.unit_create(actor=county.office, code="P-T01-03", name="南坪村", kind=UnitKind.VILLAGE,
                                    parent=county.township)
        assert unit.path == f"{county.township.path}{unit.pk}/" and unit.depth == 2

    @pytest.mark.parametrize("kind,parent_attr,message", [
        (UnitKind.VILLAGE, "gov", "村（社区）不能设在"),
        (UnitKind.DEPARTMENT, None, "必须有上级单位"),
        (UnitKind.TOWNSHIP, "market", "不能设在"),
    ])
    def test_kinds_sit_where_the_county_puts_them(self, county, kind, parent_attr, message):
        parent = getattr(county, parent_attr) if parent_attr else None
        with pytest.raises(DomainError, match=message) as exc:
            services.unit_create(actor=county.office, code="X", name="某单位", kind=kind, parent=parent)
        assert exc.value.field == "parent"

    def test_codes_are_unique(self, county):
        with pytest.raises(DomainError, match="已被使用") as exc:
            services.unit_create(actor=county.office, code="P-SCJ", name="重复", kind=UnitKind.DEPARTMENT,
                                 parent=county.gov)
        assert exc.value.field == "code"

    def test_move_updates_the_whole_subtree_and_is_audited(self, county):
        village = county.village_east
        other = services.unit_create(actor=county.office, code="P-T02", name="土门镇", kind=UnitKind.TOWNSHIP,
                                     parent=county.gov)
        services.unit_move(actor=county.office, unit=village, new_parent=other)
        village.refresh_from_db()
        assert village.path.startswith(other.path)
        entry = AuditEntry.objects.filter(event_name="orgs.unit_moved").get()
        assert entry.changes == {"parent": ["城关镇", "土门镇"]}

    def test_a_unit_cannot_move_under_itself(self, county):
        with pytest.raises(DomainError, match="自己或它的下级"):
            services.unit_move(actor=county.office, unit=county.market, new_parent=county.market_station)

    def test_retire_keeps_the_unit_and_its_history(self, county):
        with pytest.raises(DomainError, match="下级单位"):
            services.unit_retire(actor=county.office, unit=county.township, reason="撤并")
        with pytest.raises(DomainError, match="用户账户"):
            services.unit_retire(actor=county.office, unit=county.water, reason="撤并")
        services.unit_retire(actor=county.office, unit=county.village_west, reason="村庄合并")
        west = OrgUnit.objects.get(pk=county.village_west.pk)
        assert not west.is_active and west.retired_reason == "村庄合并"
        assert AuditEntry.objects.filter(object_id=str(west.pk), object_type="orgs.OrgUnit").count() == 2
        with pytest.raises(DomainError, match="已撤销"):
            services.unit_create(actor=county.office, code="X", name="某组", kind=UnitKind.OTHER, parent=west)
        services.unit_reactivate(actor=county.office, unit=west)
        assert OrgUnit.objects.get(pk=west.pk).is_active

    def test_retire_needs_a_reason(self, county):
        with pytest.raises(DomainError, match="原因"):
            services.unit_retire(actor=county.office, unit=county.village_west, reason=" ")


@pytest.mark.django_db
class TestUnitPages:
    def test_office_creates_a_unit_through_the_form(self, client, county):
        client.force_login(county.office)
        response = client.post(reverse("orgs:unit_create"), {
            "code": "P-T01-03", "name": "南坪村", "kind": "village", "parent": county.township.pk, "sort_order": 3})
        unit = OrgUnit.objects.get(code="P-T01-03")
        assert response.status_code == 302 and response.url == reverse("orgs:unit_detail", args=[unit.pk])

    def test_refused_form_keeps_input_and_names_the_field(self, client, county):
        client.force_login(county.office)
        response = client.post(reverse("orgs:unit_create"), {
            "code": "P-X", "name": "错位的村", "kind": "village", "parent": county.gov.pk})
        html = response.content.decode()
        assert response.status_code == 200
        assert 'data-field="parent"' in html and "不能设在" in html
        assert 'value="错位的村"' in html
        assert not OrgUnit.objects.filter(code="P-X").exists()

    def test_liaison_may_not_create_units(self, client, county):
        client.force_login(county.liaison)
        assert client.get(reverse("orgs:unit_create")).status_code == 403

    def test_retire_asks_for_a_reason_and_confirmation(self, client, county):
        client.force_login(county.office)
        url = reverse("orgs:unit_retire", args=[county.village_west.pk])
        response = client.post(url, {"reason": "合并"})
        assert "请勾选确认" in response.content.decode()
        assert OrgUnit.objects.get(pk=county.village_west.pk).is_active
        client.post(url, {"reason": "合并", "confirm": "on"})
        assert not OrgUnit.objects.get(pk=county.village_west.pk).is_active

    def test_list_filters_and_scope(self, client, county):
        def listed(**params):
            return {u.name for u in client.get(reverse("orgs:unit_list"), params).context["page"].object_list}

        client.force_login(county.liaison)
        assert listed() == {"某县市场监督管理局", "城关市场监督管理所"}
        client.force_login(county.office)
        assert listed(kind="village") == {"东坪村", "西坪村"}
        assert listed(q="市场") == {"某县市场监督管理局", "城关市场监督管理所"}

    def test_export_gives_what_the_filtered_list_shows(self, client, county):
        client.force_login(county.office)
        response = client.get(reverse("orgs:unit_list"), {"kind": "village", "export": "xlsx"})
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        rows = [r for r in sheet.iter_rows(values_only=True)]
        assert rows[0][:4] == ("单位代码", "单位名称", "简称", "单位类型")
        assert sorted(r[1] for r in rows[1:]) == ["东坪村", "西坪村"]
        assert {r[3] for r in rows[1:]} == {"村（社区）"}


def _xlsx(rows, headers=("单位代码", "单位名称", "简称", "单位类型", "上级单位代码", "排序")):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(list(headers))
    for r in rows:
        ws.append(list(r))
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "units.xlsx"
    return buf


@pytest.mark.django_db
class TestUnitImport:
    def test_import_creates_a_township_and_its_villages_in_any_order(self, client, county):
        client.force_login(county.office)
        f = _xlsx([
            ("P-T02-01", "黄龙村", "", "村（社区）", "P-T02", 1),
            ("P-T02", "土门镇", "", "乡镇（场、区）", "P-GOV", 2),
            ("P-SLJ", "某县水利局", "水利局", "县直部门", "P-GOV", 9),
        ])
        response = client.post(reverse("orgs:unit_import"), {"file": f})
        assert response.status_code == 302
        assert OrgUnit.objects.get(code="P-T02-01").parent.code == "P-T02"
        assert OrgUnit.objects.get(code="P-SLJ").name == "某县水利局"  # updated by code

    def test_one_bad_row_saves_nothing_and_every_error_is_listed(self, client, county):
        client.force_login(county.office)
        before = OrgUnit.objects.count()
        f = _xlsx([
            ("P-T02", "土门镇", "", "乡镇（场、区）", "P-GOV", 1),
            ("", "无代码", "", "县直部门", "P-GOV", 2),
            ("P-X2", "某单位", "", "部委", "P-GOV", 3),
            ("P-T02", "重复", "", "乡镇（场、区）", "P-GOV", 4),
        ])
        html = client.post(reverse("orgs:unit_import"), {"file": f}).content.decode()
        assert OrgUnit.objects.count() == before
        assert "未导入任何数据" in html
        assert "第 3 行" in html and "第 4 行" in html and "第 5 行" in html
        assert "单位类型" in html and "与第 2 行重复" in html

    def test_a_rule_refusal_during_saving_rolls_everything_back(self, client, county):
        client.force_login(county.office)
        before = OrgUnit.objects.count()
        f = _xlsx([
            ("P-T02", "土门镇", "", "乡镇（场、区）", "P-GOV", 1),
            ("P-T02-01", "错位村", "", "村（社区）", "P-SLJ", 1),
        ])
        html = client.post(reverse("orgs:unit_import"), {"file": f}).content.decode()
        assert OrgUnit.objects.count() == before
        assert "第 3 行" in html and "不能设在" in html

    def test_unknown_parent_code_is_named(self, client, county):
        client.force_login(county.office)
        html = client.post(reverse("orgs:unit_import"),
                           {"file": _xlsx([("P-T09", "某镇", "", "乡镇（场、区）", "NOPE", 1)])}).content.decode()
        assert "“NOPE”不存在" in html

    def test_not_a_spreadsheet_gets_a_clear_message(self, client, county):
        client.force_login(county.office)
        fake = io.BytesIO("单位代码,单位名称\n".encode())
        fake.name = "units.xlsx"
        html = client.post(reverse("orgs:unit_import"), {"file": fake}).content.decode()
        assert "不是有效的 Excel" in html

    def test_export_then_import_round_trips(self, client, county):
        client.force_login(county.office)
        exported = client.get(reverse("orgs:unit_list"), {"export": "xlsx", "status": "all"}).content
        before = list(OrgUnit.objects.order_by("code").values_list("code", "name", "kind", "parent_id"))
        f = io.BytesIO(exported)
        f.name = "units.xlsx"
        assert client.post(reverse("orgs:unit_import"), {"file": f}).status_code == 302
        assert list(OrgUnit.objects.order_by("code").values_list("code", "name", "kind", "parent_id")) == before

    def test_template_download(self, client, county):
        client.force_login(county.office)
        response = client.get(reverse("orgs:unit_template"))
        sheet = openpyxl.load_workbook(io.BytesIO(response.content)).active
        assert sheet.cell(1, 1).value.startswith("单位代码")
        assert sheet.data_validations.dataValidation  # the kind column offers a drop-down


@pytest.mark.django_db
class TestUserPages:
    def test_office_creates_a_user_with_a_role(self, client, county):
        from fazhi.orgs.models import User

        client.force_login(county.office)
        response = client.post(reverse("orgs:user_create"), {
            "username": "newliaison", "full_name": "新联络员", "unit": county.water.pk, "password": "Fazhi#2020",
            "role": "liaison"})
        person = User.objects.get(username="newliaison")
        assert response.status_code == 302 and list(person.grants.values_list("role__code", flat=True)) == ["liaison"]

    def test_a_weak_password_creates_nothing(self, client, county):
        from fazhi.orgs.models import User

        client.force_login(county.office)
        html = client.post(reverse("orgs:user_create"), {
            "username": "weak", "full_name": "弱密码", "unit": county.water.pk, "password": "abc", "role": "liaison",
        }).content.decode()
        assert 'data-field="password"' in html and not User.objects.filter(username="weak").exists()

    def test_grant_and_revoke_a_post_in_another_unit(self, client, county):
        client.force_login(county.office)
        client.post(reverse("orgs:user_grant", args=[county.reviewer.pk]), {
            "role": "liaison", "unit": county.township.pk, "scope": "department_tree", "post": "兼任法制员"})
        grant = county.reviewer.grants.get(unit=county.township)
        assert grant.post == "兼任法制员"
        client.post(reverse("orgs:grant_revoke", args=[grant.pk]))
        assert not county.reviewer.grants.filter(unit=county.township).exists()

    def test_liaison_sees_only_own_units_users(self, client, county):
        client.force_login(county.liaison)
        names = {u.username for u in client.get(reverse("orgs:user_list")).context["page"].object_list}
        assert names == {"liaison", "officer"}
