"""What the URL contract test needs to know about the disputes module's URLs.

Every sample belongs to the market bureau (市场监管局) or the village 东坪村, which the outsider (水利局) does not see.
"""
import datetime

PUBLIC = {"disputes:public_query"}

REQUEST = "合同样本：请求支付拖欠工程款"
CASE_TITLE = "合同样本：宅基地边界纠纷"


def _petition(county):
    from fazhi.disputes import services
    from fazhi.disputes.models import Petition

    p = Petition.objects.filter(request=REQUEST).first()
    if p is not None:
        return p
    p = services.petition_register(actor=county.office, office=county.justice, channel="visit",
                                   petitioner_name="合同样本信访人", phone="13900009999",
                                   event_on=datetime.date(2023, 1, 1), category="claim", request=REQUEST,
                                   facts="拖欠两年。", merge="new")
    return services.petition_route(actor=county.office, petition=p, unit=county.market)


def _org(county):
    from fazhi.disputes import services
    from fazhi.disputes.models import MediationOrg

    org = MediationOrg.objects.filter(name="合同样本东坪村人民调解委员会").first()
    return org or services.org_create(actor=county.office, unit=county.village_east, name="合同样本东坪村人民调解委员会",
                                      category="village", term_start=datetime.date(2024, 1, 1))


def _case(county):
    from fazhi.disputes import services
    from fazhi.disputes.models import MediationCase

    case = MediationCase.objects.filter(title=CASE_TITLE).first()
    return case or services.case_register(actor=county.office, org=_org(county), title=CASE_TITLE,
                                          dispute_type="neighbour", source="walk_in", parties=["张某", "李某"])


CLUSTER_NAME = "合同样本：某小区逾期交房专项"
HOUSEHOLD_REQUEST = "合同样本：请求支付逾期交房违约金"


def _cluster(county):
    from fazhi.disputes import cluster_services
    from fazhi.disputes.models import DisputeCluster

    cluster = DisputeCluster.objects.filter(name=CLUSTER_NAME).first()
    return cluster or cluster_services.cluster_save(
        actor=county.office, name=CLUSTER_NAME, kind="housing", unit=county.market, leading_group="合同样本领导小组",
        set_up_on=datetime.date(2024, 1, 2))


def _household(county):
    from fazhi.disputes import cluster_services

    cluster = _cluster(county)
    return cluster.households.first() or cluster_services.household_add(
        actor=county.office, cluster=cluster, name="合同样本户", request=HOUSEHOLD_REQUEST, handler=county.market)


SAMPLES = {
    "disputes:cluster_detail": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_edit": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_member_add": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_meeting_add": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_household_add": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_household_import": lambda c: {"pk": _cluster(c).pk},
    "disputes:cluster_household_update": lambda c: {"pk": _household(c).pk},
    "disputes:petition_detail": lambda c: {"pk": _petition(c).pk},
    "disputes:petition_step": lambda c: {"pk": _petition(c).pk, "action": "accept"},
    "disputes:petition_extend": lambda c: {"pk": _petition(c).pk},
    "disputes:petition_letter": lambda c: {"pk": _petition(c).pk},
    "disputes:case_detail": lambda c: {"pk": _case(c).pk},
    "disputes:case_action": lambda c: {"pk": _case(c).pk, "action": "session"},
    "disputes:case_take_over": lambda c: {"pk": _case(c).pk},
    "disputes:case_scan": lambda c: {"pk": _case(c).pk},
    "disputes:mediator_add": lambda c: {"pk": _org(c).pk},
    "disputes:training_add": lambda c: {"pk": _org(c).pk},
    "disputes:return_edit": lambda c: {"pk": _org(c).pk},
    "disputes:petition_charge": lambda c: {"pk": _petition(c).pk},
    "disputes:petition_note": lambda c: {"pk": _petition(c).pk},
    "disputes:petition_resolve": lambda c: {"pk": _petition(c).pk},
}

SECRET_TEXT = {
    "disputes:petition_detail": REQUEST,
    "disputes:case_detail": CASE_TITLE,
    "disputes:cluster_detail": HOUSEHOLD_REQUEST,
}
