from django.apps import AppConfig


class OrgsConfig(AppConfig):
    name = "fazhi.orgs"
    label = "orgs"
    verbose_name = "组织机构与用户"
