"""What the URL contract test (fazhi/core/tests/test_contract.py) needs to know about orgs' URLs."""

PUBLIC = {"orgs:login", "orgs:logout"}

SAMPLES = {
    "orgs:unit_detail": lambda c: {"pk": c.market.pk},
    "orgs:unit_edit": lambda c: {"pk": c.market.pk},
    "orgs:unit_move": lambda c: {"pk": c.market_station.pk},
    "orgs:unit_retire": lambda c: {"pk": c.market_station.pk},
    "orgs:unit_reactivate": lambda c: {"pk": c.market_station.pk},
    "orgs:user_detail": lambda c: {"pk": c.liaison.pk},
    "orgs:user_grant": lambda c: {"pk": c.liaison.pk},
    "orgs:user_unlock": lambda c: {"pk": c.liaison.pk},
    "orgs:grant_revoke": lambda c: {"pk": c.liaison.grants.first().pk},
}

SECRET_TEXT = {
    "orgs:unit_detail": "某县市场监督管理局",
    "orgs:user_detail": "市场监管局李联络员",
}
