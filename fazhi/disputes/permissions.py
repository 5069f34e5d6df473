"""Function permissions of the disputes module, given to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class DisputesPerm:
    VIEW = "disputes.view"  # mediation organisations, cases, statistics within the data scope
    MEDIATE = "disputes.mediate"  # register and run mediation cases
    MANAGE = "disputes.manage"  # keep the organisation and mediator registers, statistical returns, clusters
    PETITION_VIEW = "disputes.view_petitions"  # read petitions within the data scope (every opening is logged)
    PETITION_REGISTER = "disputes.petition_register"  # 信访工作机构: register, merge, classify, route
    PETITION_HANDLE = "disputes.petition_handle"  # the competent unit: accept, object, extend, answer, review
    HALL = "disputes.hall"  # the petition hall's duty-lawyer records


P = DisputesPerm
grant_permissions("office", P.VIEW, P.MEDIATE, P.MANAGE, P.PETITION_VIEW, P.PETITION_REGISTER, P.PETITION_HANDLE,
                  P.HALL)
grant_permissions("liaison", P.VIEW, P.MEDIATE, P.MANAGE, P.PETITION_VIEW, P.PETITION_HANDLE)
grant_permissions("leader", P.VIEW, P.PETITION_VIEW)
grant_permissions("lawyer", P.VIEW, P.HALL)
