"""Function permissions of the leadership and assessment module, given to the built-in roles.

The justice bureau (法治办, the leading group's office) keeps the leading group, meetings, plans, pilots and the
annual assessment; units (联络员) report progress, self-assess and object within their data scope; leaders read.
"""
from fazhi.orgs.builtin_roles import grant_permissions


class AssessmentPerm:
    VIEW = "assessment.view"  # leading group, meetings, plans, tasks, pilots, score cards within the data scope
    MANAGE = "assessment.manage"  # the office: group, meetings, plans, indicator sets, scoring, publication
    REPORT = "assessment.report"  # a unit: progress reports, self-assessment with evidence, objections


P = AssessmentPerm
grant_permissions("office", P.VIEW, P.MANAGE, P.REPORT)
grant_permissions("liaison", P.VIEW, P.REPORT)
grant_permissions("leader", P.VIEW)
