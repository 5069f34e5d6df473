"""The open API's URLs for the contract test: the schema and its two readers are public, the endpoints
answer 401 without a token (their unit scope is tested with tokens in test_api.py)."""
PUBLIC = {"api:schema", "api:swagger"}
TOKEN = {"api:normative_docs", "api:normative_doc", "api:power_versions", "api:power_entries", "api:decisions",
         "api:decision", "api:reports", "api:report", "api:bodies", "api:cases", "api:case", "api:case_steps",
         "api:case_records", "api:petitions", "api:petition"}


def _token(county):
    from fazhi.api import services
    from fazhi.api.models import ApiToken

    token = ApiToken.objects.filter(system="合同样本系统").first()
    if token is None:
        token, _raw = services.token_create(actor=county.sysadmin, system="合同样本系统", units=[county.market],
                                            scopes={"decisions": "read"})
    return token


SAMPLES = {
    "api:token_revoke": lambda c: {"pk": _token(c).pk},
    "api:normative_doc": lambda c: {"pk": 1},
    "api:power_entries": lambda c: {"version": "current"},
    "api:decision": lambda c: {"pk": 1},
    "api:report": lambda c: {"pk": 1},
    "api:case": lambda c: {"pk": 1},
    "api:case_steps": lambda c: {"pk": 1},
    "api:case_records": lambda c: {"pk": 1},
    "api:petition": lambda c: {"pk": 1},
}
