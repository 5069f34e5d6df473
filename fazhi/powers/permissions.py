"""Function permissions of the power lists, given to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class PowersPerm:
    VIEW = "powers.view"
    EDIT = "powers.edit"  # keep the own unit's list: draft and submit adjustments, import
    REVIEW = "powers.review"  # the office: approve or return adjustments
    PUBLISH = "powers.publish"  # the office: publish a version of the whole list
    MARK_LAW = "powers.mark_law"  # the office: mark laws amended or repealed
    MANAGE_APPROVALS = "powers.manage_approvals"  # the approval catalogue


grant_permissions("office", PowersPerm.VIEW, PowersPerm.EDIT, PowersPerm.REVIEW, PowersPerm.PUBLISH,
                  PowersPerm.MARK_LAW, PowersPerm.MANAGE_APPROVALS)
grant_permissions("liaison", PowersPerm.VIEW, PowersPerm.EDIT)
grant_permissions("reviewer", PowersPerm.VIEW)
grant_permissions("leader", PowersPerm.VIEW)
