from django.db import models


class UnitKind(models.TextChoices):
    GOVERNMENT = "government", "县政府"
    DEPARTMENT = "department", "县直部门"
    TOWNSHIP = "township", "乡镇（场、区）"
    VILLAGE = "village", "村（社区）"
    INTERNAL = "internal", "内设机构"
    FIRM = "firm", "律师事务所"
    OTHER = "other", "其他"


# Kinds that are organs (行政机关) and may issue documents in their own name; an internal
# unit (内设机构) may not.
ORGAN_KINDS = {UnitKind.GOVERNMENT, UnitKind.DEPARTMENT, UnitKind.TOWNSHIP}

# Units kept among the county's departments (县直单位) that are not administrative organs (行政机关): judicial and
# procuratorial organs, enterprises (utilities) and people's organisations. They take part in the county's
# rule-of-law work but issue no administrative normative document and make no administrative decision.
NON_ADMINISTRATIVE_NAME_MARKS = ("人民法院", "人民检察院", "公司", "银行", "联合会")


class DataScope(models.TextChoices):
    SELF = "self", "仅本人"
    DEPARTMENT = "department", "本部门"
    DEPARTMENT_TREE = "department_tree", "本部门及以下"
    ALL = "all", "全部"
    CUSTOM = "custom", "自定义"


class LoginEvent(models.TextChoices):
    SUCCESS = "success", "登录成功"
    FAILURE = "failure", "密码错误"
    LOCKED = "locked", "锁定期间尝试登录"
    LOGOUT = "logout", "退出登录"
    UNLOCK = "unlock", "管理员解锁"
