"""Function permissions of the oversight module, given to the built-in roles.

The justice bureau (法治办) takes in suggestions, proposals, court cases and reconsideration applications and keeps
the accountability records; units (联络员) reply and record their own cases within their data scope; leaders read.
Accountability records are seen by the office and leaders only.
"""
from fazhi.orgs.builtin_roles import grant_permissions


class OversightPerm:
    VIEW = "oversight.view"  # suggestions, proposals, inspections, court cases, reconsideration within the data scope
    MANAGE = "oversight.manage"  # the office: intake, assignment, statistics, publication
    HANDLE = "oversight.handle"  # a unit: replies, rectification, its own court cases and appearances
    VIEW_ACCOUNTABILITY = "oversight.view_accountability"  # read accountability records (office and leaders)
    ACCOUNTABILITY = "oversight.accountability"  # record accountability (office)


P = OversightPerm
grant_permissions("office", P.VIEW, P.MANAGE, P.HANDLE, P.VIEW_ACCOUNTABILITY, P.ACCOUNTABILITY)
grant_permissions("liaison", P.VIEW, P.HANDLE)
grant_permissions("leader", P.VIEW, P.VIEW_ACCOUNTABILITY)
