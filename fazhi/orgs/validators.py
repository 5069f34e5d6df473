import re

from django.core.exceptions import ValidationError

CLASSES = [
    (re.compile(r"[A-Z]"), "大写字母"),
    (re.compile(r"[a-z]"), "小写字母"),
    (re.compile(r"[0-9]"), "数字"),
    (re.compile(r"[^A-Za-z0-9]"), "特殊字符"),
]


class ComplexityValidator:
    """等保三级：口令须包含大写字母、小写字母、数字、特殊字符中的至少三类。"""

    required = 3

    def validate(self, password, user=None):
        present = sum(1 for pattern, _ in CLASSES if pattern.search(password or ""))
        if present < self.required:
            raise ValidationError(self.get_help_text(), code="password_too_simple")

    def get_help_text(self):
        return "密码须包含大写字母、小写字母、数字、特殊字符中的至少三类。"
