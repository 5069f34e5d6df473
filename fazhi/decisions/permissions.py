"""Function permissions of the decisions module, given to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class DecisionPerm:
    VIEW = "decisions.view"  # read decisions, catalogue, comments
    MANAGE = "decisions.manage"  # the lead unit (承办单位) runs the procedure
    REVIEW = "decisions.review"  # legality review (合法性审查) by the justice bureau
    DECIDE = "decisions.decide"  # record the collective discussion, publish, keep the catalogue
    VIEW_ADVISERS = "decisions.view_advisers"
    MANAGE_ADVISERS = "decisions.manage_advisers"
    LOG_SERVICE = "decisions.log_service"


P = DecisionPerm
grant_permissions("office", P.VIEW, P.MANAGE, P.REVIEW, P.DECIDE, P.VIEW_ADVISERS, P.MANAGE_ADVISERS,
                  P.LOG_SERVICE)
grant_permissions("liaison", P.VIEW, P.MANAGE, P.VIEW_ADVISERS, P.LOG_SERVICE)
grant_permissions("reviewer", P.VIEW, P.REVIEW, P.VIEW_ADVISERS, P.LOG_SERVICE)
grant_permissions("lawyer", P.VIEW_ADVISERS, P.LOG_SERVICE)
grant_permissions("leader", P.VIEW, P.VIEW_ADVISERS)
