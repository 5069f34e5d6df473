"""Function permissions of the enforcement module, given to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class EnforcementPerm:
    VIEW = "enforcement.view"  # see bodies, officers, cases within the data scope
    HANDLE = "enforcement.handle"  # register cases and sign their steps (certified officers only)
    MANAGE = "enforcement.manage"  # keep the registers: bodies, officers, inspection lists, publicity
    CERTIFY = "enforcement.certify"  # certificates: campaign import, suspend, withdraw
    REVIEW = "enforcement.review"  # legal review of major decisions (qualified reviewers only)
    EVALUATE = "enforcement.evaluate"  # case-file evaluation


P = EnforcementPerm
grant_permissions("office", P.VIEW, P.MANAGE, P.CERTIFY, P.EVALUATE)
grant_permissions("liaison", P.VIEW, P.MANAGE)
grant_permissions("officer", P.VIEW, P.HANDLE)
grant_permissions("reviewer", P.VIEW, P.REVIEW, P.EVALUATE)
grant_permissions("leader", P.VIEW)
