"""The normative-documents module's function permissions, granted to the built-in roles."""
from fazhi.orgs.builtin_roles import grant_permissions


class DocPerm:
    VIEW = "normative_docs.view"
    DRAFT = "normative_docs.draft"          # draft, submit, record comment/deliberation/signature, file
    REVIEW = "normative_docs.review"        # legality-review opinion
    MANAGE = "normative_docs.manage"        # register/number, publish, filing review, cleanup, import


grant_permissions("office", DocPerm.VIEW, DocPerm.DRAFT, DocPerm.REVIEW, DocPerm.MANAGE)
grant_permissions("liaison", DocPerm.VIEW, DocPerm.DRAFT)
grant_permissions("reviewer", DocPerm.VIEW, DocPerm.REVIEW)
grant_permissions("leader", DocPerm.VIEW)
