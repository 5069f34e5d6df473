"""Locust users for the exam load and the scale-out benchmarks (driven by benchmarks/exam_load.py; headless only).

Each ``Examinee`` sits the exam as the page does, one enrolled person after another until the target number has
sat: the sign-in form, the exam's start page and its 开始考试 form, the attempt page (token, questions and options
read off the page), one autosave per question (the JSON request exam.js sends, with the page's CSRF token) and the
交卷 form. A dropped connection (a worker killed mid-request) is retried as the page retries; every autosave the
server acknowledged is written to FAZHI_BENCH_ACKS so that the database can be checked against it afterwards.
When FAZHI_BENCH_OFFICE is set, that many ``OfficeClerk`` users run the mixed office workload beside them: list
pages and a public page, and registering a petition (which takes a number from fazhi/core/numbering.py).
Requests go round-robin over FAZHI_BENCH_HOSTS (two app servers in the scale-out run). Loopback only.
"""
import itertools
import json
import os
import random
import re
import time

import gevent
from locust import FastHttpUser, constant, events, task

USERS = [u for u in open(os.environ["FAZHI_BENCH_USERS"], encoding="utf-8").read().split() if u]
TARGET = int(os.environ.get("FAZHI_BENCH_TARGET", len(USERS)))
EXAM = os.environ["FAZHI_BENCH_EXAM"]
HOSTS = os.environ["FAZHI_BENCH_HOSTS"].split(",")
THINK = float(os.environ.get("FAZHI_BENCH_THINK", "0"))
PASSWORD = os.environ.get("FAZHI_BENCH_PASSWORD", "Fazhi@2019")
OFFICE = int(os.environ.get("FAZHI_BENCH_OFFICE", "0"))
TODAY = os.environ.get("FAZHI_BENCH_TODAY", "")

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'data-token="([0-9a-f]+)"')
OPTION = re.compile(r'name="q(\d+)" id="q\d+([A-Z])"')
MULTIPLE = re.compile(r'data-position="(\d+)" data-multiple="1"')

_next = itertools.count()
_hosts = itertools.cycle(HOSTS)
_petitions = itertools.count(1)
STATE = {"sat": 0, "dropped_retried": 0, "unrecovered": 0, "acks": [], "submitted": [], "numbers": [], "examples": []}


def unrecovered(what):
    STATE["unrecovered"] += 1
    if len(STATE["examples"]) < 10:
        STATE["examples"].append(what)


def url(path):
    return next(_hosts) + path


class Flow:
    """Requests with the page's retry on a dropped connection; anything unexpected is a failure."""

    def call(self, method, path, name, expect, headers=None, **kw):
        for tries in range(8):
            with self.client.request(method, url(path), name=name, catch_response=True, allow_redirects=False,
                                     headers={"X-Forwarded-For": self.address, **(headers or {})}, **kw) as r:
                if r.status_code in (0, 502, 503):  # dropped or refused connection: the page retries
                    r.failure(f"dropped connection ({r.status_code}), retried")
                    STATE["dropped_retried"] += 1
                    gevent.sleep(0.5 * (tries + 1))
                    continue
                if r.status_code not in expect:
                    r.failure(f"HTTP {r.status_code}")
                    unrecovered(f"{name}: HTTP {r.status_code}")
                    return None
                return r
        unrecovered(f"{name}: no answer after 8 tries")
        return None

    def sign_in(self, username):
        self.client.cookiejar.clear()
        r = self.call("GET", "/login/", "sign_in (form)", (200,))
        token = r is not None and CSRF.search(r.text)
        if not token:
            return False
        r = self.call("POST", "/login/", "sign_in", (302,),
                      data={"csrfmiddlewaretoken": token.group(1), "username": username, "password": PASSWORD})
        return r is not None and "/login/" not in r.headers.get("Location", "")


class Examinee(Flow, FastHttpUser):
    host = HOSTS[0]
    wait_time = constant(0)

    @task
    def sit(self):
        i = next(_next)
        if i >= min(TARGET, len(USERS)):
            self.stop_when_done()
            return
        self.address = f"10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}"
        try:
            self.sit_one(USERS[i])
        finally:
            STATE["sat"] += 1
            if STATE["sat"] >= min(TARGET, len(USERS)):
                gevent.spawn_later(0.5, self.environment.runner.quit)

    def stop_when_done(self):
        gevent.sleep(1)

    def sit_one(self, username):
        if not self.sign_in(username):
            return
        start = f"/exams/{EXAM}/start/"
        r = self.call("GET", start, "exam_start (intro)", (200,))
        token = r is not None and CSRF.search(r.text)
        if not token:
            return
        r = self.call("POST", start, "exam_start", (302,), data={"csrfmiddlewaretoken": token.group(1)})
        attempt = r is not None and re.search(r"/attempts/(\d+)/", r.headers.get("Location", ""))
        if not attempt:
            unrecovered(f"exam_start: redirected to {r is not None and r.headers.get('Location')}")
            return
        attempt = attempt.group(1)
        r = self.call("GET", f"/attempts/{attempt}/", "attempt_page", (200,))
        page_token, csrf = (r is not None and TOKEN.search(r.text)), (r is not None and CSRF.search(r.text))
        if not (page_token and csrf):
            unrecovered("attempt_page: no token on the page")
            return
        options = {}
        for pos, letter in OPTION.findall(r.text):
            options.setdefault(int(pos), []).append(letter)
        multiple = {int(p) for p in MULTIPLE.findall(r.text)}
        seq = int(time.time() * 1000)
        for pos in sorted(options):
            if THINK:
                gevent.sleep(random.uniform(0, 2 * THINK))
            letters = options[pos]
            chosen = "".join(sorted(random.sample(letters, 2 if pos in multiple and len(letters) > 2 else 1)))
            seq += 1
            body = json.dumps({"token": page_token.group(1), "position": pos, "chosen": chosen, "seq": seq})
            r = self.call("POST", f"/attempts/{attempt}/answer/", "save_answer", (200,), data=body,
                          headers={"Content-Type": "application/json", "X-CSRFToken": csrf.group(1)})
            if r is not None and r.json().get("ok"):
                STATE["acks"].append({"a": int(attempt), "p": pos, "c": chosen, "s": seq})
        r = self.call("POST", f"/attempts/{attempt}/submit/", "submit", (302,),
                      data={"csrfmiddlewaretoken": csrf.group(1)})
        if r is not None:
            STATE["submitted"].append(int(attempt))


if OFFICE:
    class OfficeClerk(Flow, FastHttpUser):
        """The mixed office workload: the rule-of-law office's list pages, a public page, a numbered registration."""

        host = HOSTS[0]
        fixed_count = OFFICE
        wait_time = constant(0.2)

        def on_start(self):
            self.address = f"10.251.0.{random.randint(1, 250)}"
            self.signed_in = self.sign_in("fzb")

        @task(3)
        def lists(self):
            for path, name in (("/workbench/", "office: workbench"), ("/orgs/units/", "office: unit list"),
                               ("/disputes/petitions/", "office: petition list")):
                self.call("GET", path, name, (200,))

        @task(1)
        def public(self):
            self.call("GET", "/", "public: home", (200,))

        @task(1)
        def register_petition(self):
            n = next(_petitions)
            r = self.call("GET", "/disputes/petitions/new/", "office: petition form", (200,))
            token = r is not None and CSRF.search(r.text)
            if not token:
                return
            data = {"csrfmiddlewaretoken": token.group(1), "channel": "visit", "received_on": TODAY,
                    "petitioner_name": f"压测来访人{n:05d}", "phone": f"139{n:08d}", "id_number": "", "address": "",
                    "persons": "1", "event_on": TODAY, "category": "suggestion", "level": "general",
                    "request": f"建议完善第{n}号小区的停车管理。", "facts": "小区停车位不足，夜间占道停车影响通行。",
                    "subject_user": "", "subject_name": "", "merge": ""}
            r = self.call("POST", "/disputes/petitions/new/", "office: register petition (numbered)", (302,), data=data)
            if r is not None:
                STATE["numbers"].append(f"压测来访人{n:05d}")


@events.quitting.add_listener
def write_acks(environment, **_kw):
    path = os.environ.get("FAZHI_BENCH_ACKS")
    if path:
        with open(path, "w", encoding="utf-8") as f:
            json.dump({k: v for k, v in STATE.items()}, f, ensure_ascii=False)
