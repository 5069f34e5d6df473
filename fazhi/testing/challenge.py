"""Tests that post a public form answer its question (``fazhi.core.challenge``) with this."""
import datetime

from fazhi.core import challenge, clock


def answered(field="challenge", seconds_ago=60):
    """POST data answering ``field`` correctly, as if the page had been opened ``seconds_ago`` seconds ago."""
    asked = clock.now() - datetime.timedelta(seconds=seconds_ago)
    return {field: "7", f"{field}_token": challenge.token_for(7, asked)}


def solve(page, field="challenge"):
    """In a browser test: read the question beside ``field``, type the answer and wait out the minimum time."""
    import re

    from fazhi.core.rules import get_setting

    label = page.locator(f"label[for=id_{field}]").inner_text()
    a, op, b = re.search(r"验证问题：(.+?)([加减])(.+?)等于几", label).groups()
    a, b = challenge.NUMERALS[a], challenge.NUMERALS[b]
    page.fill(f"#id_{field}", str(a + b if op == "加" else a - b))
    page.wait_for_timeout(int(get_setting("core.challenge_min_seconds") * 1000) + 300)
