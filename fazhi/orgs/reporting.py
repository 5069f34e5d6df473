"""The organisation figures the seed report states (77个县直单位, 18个乡镇（场、区）, 286个村（社区）)."""
from django.urls import reverse

from fazhi.core.registry import FigureValue, register_figure, register_sentence

from .choices import UnitKind
from .models import OrgUnit


def _count(kind):
    def compute(*, year, unit_ids=None):
        qs = OrgUnit.objects.filter(kind=kind, is_active=True)
        if unit_ids is not None:
            qs = qs.filter(pk__in=unit_ids)
        return FigureValue(value=qs.count(), link=f"{reverse('orgs:unit_list')}?kind={kind}")

    return compute


register_figure("orgs.departments", year_basis="统计当前在册的单位（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="县直单位", unit="个", chapter="一、强化组织领导",
                compute=_count(UnitKind.DEPARTMENT))
register_figure("orgs.townships", year_basis="统计当前在册的单位（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="乡镇（场、区）", unit="个", chapter="六、防范和化解社会矛盾",
                compute=_count(UnitKind.TOWNSHIP))
register_figure("orgs.villages", year_basis="统计当前在册的单位（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="村（社区）", unit="个", chapter="六、防范和化解社会矛盾",
                compute=_count(UnitKind.VILLAGE))
register_figure("orgs.law_firms", year_basis="统计当前在册的单位（不按年度）", imported="均为在本平台登记的记录（本项没有Excel导入）", label="律师事务所", unit="家", chapter="六、防范和化解社会矛盾",
                compute=_count(UnitKind.FIRM))

# The report's sentences (in the seed report's register; numbers come from the figures above).
register_sentence("orgs.departments", theme="theme_org", order=90,
                  template="法治政府建设工作覆盖全县{orgs.departments}个县直单位，各单位将法治政府建设纳入重要议事日程")
register_sentence("orgs.grassroots", theme="theme_disputes", order=90,
                  template="整合{orgs.law_firms}家律师事务所的力量，公共法律服务覆盖全县{orgs.townships}个乡镇（场、区）、"
                           "{orgs.villages}个村（社区）")
