"""Function permissions of the legal-education module. Sitting an exam needs none: any staff member the
exam names (by unit or by person) may sit it."""
from fazhi.orgs.builtin_roles import grant_permissions


class LegalEducationPerm:
    VIEW = "legal_education.view"  # see duty lists, activities, sites, exams and results in the data scope
    KEEP = "legal_education.keep"  # a unit keeps its duty list, activities, sites and study sessions
    MANAGE = "legal_education.manage"  # the office: question bank, exams, review of duty lists


P = LegalEducationPerm
grant_permissions("office", P.VIEW, P.KEEP, P.MANAGE)
grant_permissions("liaison", P.VIEW, P.KEEP)
grant_permissions("leader", P.VIEW)
