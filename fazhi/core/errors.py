"""Errors a service raises when a rule refuses an action.

Every ``DomainError`` carries a Chinese message meant for the person who tried the action,
and optionally the form field it concerns, so a view can show it next to that field.
"""


class DomainError(Exception):
    def __init__(self, message, *, field=None, code=None):
        super().__init__(message)
        self.message = message
        self.field = field
        self.code = code

    def __str__(self):
        return self.message


class NotFound(DomainError):
    """The record does not exist or lies outside the user's data scope (shown as 404)."""

    def __init__(self, message="记录不存在或无权访问。"):
        super().__init__(message, code="not_found")


class PermissionDenied(DomainError):
    def __init__(self, message="您没有执行该操作的权限。"):
        super().__init__(message, code="permission_denied")


class CalendarMissing(DomainError):
    """The working-day calendar cannot compute a year at all (beyond the lunar library's range).

    A year merely not yet published by the State Council is not missing: it is provisional (workdays.py)."""

    def __init__(self, year):
        super().__init__(
            f"缺少{year}年的节假日与调休数据，无法计算工作日。请法治办在“节假日与调休”中录入{year}年的安排。",
            code="calendar_missing",
        )
        self.year = year
