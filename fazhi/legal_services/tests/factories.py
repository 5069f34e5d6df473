"""The persona county's lawyer (驻村律师周某 of 某某律师事务所) assigned to both villages of 城关镇, plus a village
account (东坪村) and a township account (城关镇) built through the real services."""
import datetime

from fazhi.legal_services import services
from fazhi.legal_services.models import Lawyer
from fazhi.orgs import services as org_services
from fazhi.orgs.choices import DataScope
from fazhi.orgs.models import User
from fazhi.testing.personas import PASSWORD

YEAR_START, YEAR_END = datetime.date(2019, 1, 1), datetime.date(2030, 12, 31)


def person(username, full_name, unit, role="liaison", **grant):
    user = User.objects.filter(username=username).first()
    if user is None:
        user = org_services.user_create(actor=None, username=username, full_name=full_name, unit=unit,
                                        password=PASSWORD)
        org_services.role_grant(actor=None, user=user, role_code=role, **grant)
    return user


def setup(county):
    lawyer = Lawyer.objects.filter(user=county.lawyer).first()
    if lawyer is None:
        lawyer = services.lawyer_create(actor=county.office, user=county.lawyer, firm=county.firm,
                                        licence_no="14203201900000001", phone="0719-6200001",
                                        office_hours="每周二上午")
        for village in (county.village_east, county.village_west):
            services.assignment_create(actor=county.office, lawyer=lawyer, unit=village, start=YEAR_START,
                                       end=YEAR_END, office_hours="每周二上午")
    county.lawyer_profile = lawyer
    county.village_account = person("dongping", "东坪村文书", county.village_east)
    county.township_account = person("chengguan", "城关镇综治办", county.township)
    return county


def second_lawyer(county):
    user = person("lawyer2", "驻村律师钱某", county.firm, role="lawyer", scope=DataScope.CUSTOM,
                  custom_units=[county.village_west])
    lawyer = Lawyer.objects.filter(user=user).first() or services.lawyer_create(
        actor=county.office, user=user, firm=county.firm, licence_no="14203201900000002", phone="0719-6200002")
    if not lawyer.assignments.exists():
        services.assignment_create(actor=county.office, lawyer=lawyer, unit=county.village_west, start=YEAR_START,
                                   end=YEAR_END)
    return lawyer


def log(county, *, actor=None, unit=None, served_on, duty="advice", people=5, hours=2, **extra):
    return services.log_create(actor=actor or county.lawyer, unit=unit or county.village_east, served_on=served_on,
                               duty=duty, people=people, hours=hours, summary=extra.pop("summary", "村民张某咨询土地承包纠纷"),
                               **extra)
