"""Function permissions of the public legal services module, given to the built-in roles.

A lawyer holds ``log`` only: through it he or she files and corrects his or her own service logs and sees
nothing else of them (``policies.ServiceLogPolicy`` limits the lawyer to his or her own logs, the 仅本人
rule, even though the lawyer's grant names the villages served). Villages and townships hold ``view`` and
``confirm`` over their own units; the justice bureau (法治办) ``manage`` and ``aid``.
"""
from fazhi.orgs.builtin_roles import grant_permissions


class LegalPerm:
    VIEW = "legal_services.view"  # lawyers, assignments, logs and coverage within the data scope
    LOG = "legal_services.log"  # a lawyer files his or her own service logs
    CONFIRM = "legal_services.confirm"  # a village/township confirms or disputes the logs of its units (签字确认)
    MANAGE = "legal_services.manage"  # lawyers, assignments, agreements, contracts, subsidy sheets
    AID = "legal_services.aid"  # legal-aid applications (the legal-aid agency of the justice bureau)


P = LegalPerm
grant_permissions("office", P.VIEW, P.CONFIRM, P.MANAGE, P.AID)
grant_permissions("liaison", P.VIEW, P.CONFIRM)
grant_permissions("lawyer", P.LOG)
grant_permissions("leader", P.VIEW)
