"""Locust users for benchmarks/serve_compare.py: one page read over and over, signed in as the rule-of-law office
(FAZHI_BENCH_PAGE; a public page needs no sign-in). Headless only, loopback only."""
import os
import re

from locust import FastHttpUser, constant, task

PAGE = os.environ["FAZHI_BENCH_PAGE"]
SIGN_IN = os.environ.get("FAZHI_BENCH_SIGN_IN", "")
PASSWORD = os.environ.get("FAZHI_BENCH_PASSWORD", "Fazhi@2019")
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Reader(FastHttpUser):
    wait_time = constant(0)

    def on_start(self):
        if SIGN_IN:
            token = CSRF.search(self.client.get("/login/", name="sign_in (form)").text).group(1)
            self.client.post("/login/", name="sign_in", allow_redirects=False,
                             data={"csrfmiddlewaretoken": token, "username": SIGN_IN, "password": PASSWORD})

    @task
    def read(self):
        with self.client.get(PAGE, name="page", catch_response=True, allow_redirects=False) as r:
            if r.status_code != 200:
                r.failure(f"HTTP {r.status_code}")
