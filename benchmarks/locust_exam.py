"""Locust users for the exam load and the scale-out benchmarks (driven by benchmarks/exam_load.py; headless only).

Each ``Examinee`` sits the exam as the page does, one enrolled person after another until the target number has
sat: the sign-in form, the exam's start page and its 开始考试 form (answered with the paper: token, questions and options
read off it), one autosave per question (the JSON request exam.js sends, with the page's CSRF token) and the
交卷 form. A dropped connection (a worker killed mid-request) is retried as the page retries; every autosave the
server acknowledged is written to FAZHI_BENCH_ACKS so that the database can be checked against it afterwards.
When FAZHI_BENCH_OFFICE is set, that many ``OfficeClerk`` users run the mixed office workload beside them: list
pages and a public page, and registering a petition (which takes a number from fazhi/core/numbering.py).
Requests go round-robin over FAZHI_BENCH_HOSTS (two app servers in the scale-out run). Loopback only.

FAZHI_BENCH_MODE selects the saturation runs instead (no think time, a fixed measuring window of
FAZHI_BENCH_MEASURE seconds that opens once every user is ready): ``save`` — each ``Saver`` signs in as one
account, starts the exam and then sends autosaves back to back; ``ping`` — each ``Pinger`` requests the trivial
endpoint /ping back to back. The requests answered inside the window are counted (requests/s of each, and the
ratio, are exam_load.py's business).
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
MODE = os.environ.get("FAZHI_BENCH_MODE", "exam")
MEASURE = float(os.environ.get("FAZHI_BENCH_MEASURE", "20"))
SPAWNED = int(os.environ.get("FAZHI_BENCH_SPAWNED", "1"))  # the saturation runs: how many users Locust starts
OPENS_AT = float(os.environ.get("FAZHI_BENCH_OPENS_AT") or 0)  # the exam opens then: sign in and wait before it
START_SPREAD = float(os.environ.get("FAZHI_BENCH_START_SPREAD", "60"))

CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
TOKEN = re.compile(r'data-token="([0-9a-f]+)"')
OWN_URL = re.compile(r'data-url="/attempts/(\d+)/"')
OPTION = re.compile(r'name="q(\d+)" id="q\d+([A-Z])"')
MULTIPLE = re.compile(r'data-position="(\d+)" data-multiple="1"')

_next = itertools.count()
_hosts = itertools.cycle(HOSTS)
_petitions = itertools.count(1)
STATE = {"sat": 0, "started": 0, "dropped_retried": 0, "unrecovered": 0, "acks": [], "submitted": [], "numbers": [],
         "examples": [], "ready": 0, "window_start": None, "window_end": None, "in_window": 0}


def unrecovered(what):
    STATE["unrecovered"] += 1
    if len(STATE["examples"]) < 10:
        STATE["examples"].append(what)


def url(path):
    return next(_hosts) + path


class Flow:
    """Requests with the page's retry on a dropped connection; anything unexpected is a failure."""

    def call(self, method, path, name, expect, headers=None, json_ok=False, **kw):
        """``json_ok``: the answer must be the JSON ``{"ok": true, …}`` the page reads; an answer cut off (a worker
        killed while writing it) is retried like a dropped connection, as ``exam.js`` does."""
        for tries in range(8):
            with self.client.request(method, url(path), name=name, catch_response=True, allow_redirects=False,
                                     headers={"X-Forwarded-For": self.address, **(headers or {})}, **kw) as r:
                dropped = r.status_code in (0, 502, 503)  # dropped or refused connection: the page retries
                if not dropped and json_ok and r.status_code in expect:
                    try:
                        dropped = r.json().get("ok") is not True
                    except ValueError:
                        dropped = True
                if dropped:
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


    def start_page(self, name="exam_start (intro)"):
        """The exam's start page: its form's CSRF token, or None."""
        r = self.call("GET", f"/exams/{EXAM}/start/", name, (200,))
        token = r is not None and CSRF.search(r.text)
        return token.group(1) if token else None

    def start_attempt(self, token=None):
        """The exam's start page (unless already open in the browser: ``token``) and its 开始考试 form, answered
        with the paper: (attempt id, page token, CSRF token, options, multiple-choice positions) or None."""
        token = token or self.start_page()
        if not token:
            return None
        # the answer is the paper itself (a refusal would be a redirect to 我的考试)
        r = self.call("POST", f"/exams/{EXAM}/start/", "exam_start (the paper)", (200,),
                      data={"csrfmiddlewaretoken": token})
        attempt = r is not None and OWN_URL.search(r.text)
        if not attempt:
            unrecovered("exam_start: no paper in the answer")
            return None
        STATE["started"] += 1
        attempt = attempt.group(1)
        page_token, csrf = TOKEN.search(r.text), CSRF.search(r.text)
        if not (page_token and csrf):
            unrecovered("exam_start: no token on the paper")
            return None
        options = {}
        for pos, letter in OPTION.findall(r.text):
            options.setdefault(int(pos), []).append(letter)
        return attempt, page_token.group(1), csrf.group(1), options, {int(p) for p in MULTIPLE.findall(r.text)}

    def save(self, attempt, page_token, csrf, pos, chosen, seq):
        body = json.dumps({"token": page_token, "position": pos, "chosen": chosen, "seq": seq})
        r = self.call("POST", f"/attempts/{attempt}/answer/", "save_answer", (200,), data=body, json_ok=True,
                      headers={"Content-Type": "application/json", "X-CSRFToken": csrf})
        return r is not None


ENVIRONMENT = []


@events.init.add_listener
def keep_environment(environment, **_kw):
    ENVIRONMENT.append(environment)


def ready():
    """One more saturation user is ready; the measuring window opens when all are, and ends the run."""
    STATE["ready"] += 1
    if STATE["ready"] == SPAWNED:
        STATE["window_start"] = time.time()
        gevent.spawn_later(MEASURE, close_window)


def close_window():
    STATE["window_end"] = time.time()
    ENVIRONMENT[0].runner.quit()


def answered():
    if STATE["window_start"] is not None and STATE["window_end"] is None:
        STATE["in_window"] += 1


class Saver(Flow, FastHttpUser):
    """Saturation: one signed-in examinee sending autosaves back to back (random question, random option)."""

    host = HOSTS[0]
    wait_time = constant(0)
    abstract = MODE != "save"

    def on_start(self):
        i = next(_next)
        self.address = f"10.252.{i // 250 % 250}.{i % 250 + 1}"
        self.attempt = self.sign_in(USERS[i]) and self.start_attempt()
        self.seq = int(time.time() * 1000)
        ready()

    @task
    def save_answer(self):
        if not self.attempt:
            gevent.sleep(1)
            return
        attempt, page_token, csrf, options, _multiple = self.attempt
        pos = random.choice(list(options))
        self.seq += 1
        if self.save(attempt, page_token, csrf, pos, random.choice(options[pos]), self.seq):
            answered()


class Pinger(Flow, FastHttpUser):
    """Saturation: the trivial endpoint back to back."""

    host = HOSTS[0]
    wait_time = constant(0)
    abstract = MODE != "ping"

    def on_start(self):
        self.address = "10.253.0.1"
        ready()

    @task
    def ping(self):
        if self.call("GET", "/ping", "ping (trivial)", (200,)) is not None:
            answered()


class Examinee(Flow, FastHttpUser):
    host = HOSTS[0]
    wait_time = constant(0)
    abstract = MODE != "exam"

    @task
    def sit(self):
        i = next(_next)
        if i >= min(TARGET, len(USERS)):
            self.stop_when_done()
            return
        self.address = f"10.{i // 62500 % 250}.{i // 250 % 250}.{i % 250 + 1}"
        try:
            self.sit_one(USERS[i])
        except Exception as e:  # counted, never an examinee silently left out of the figures
            unrecovered(f"examinee {USERS[i]}: {e!r}")
        finally:
            STATE["sat"] += 1
            if STATE["sat"] >= min(TARGET, len(USERS)):
                gevent.spawn_later(0.5, self.environment.runner.quit)

    def stop_when_done(self):
        gevent.sleep(1)

    def sit_one(self, username):
        if not self.sign_in(username):
            return
        token = None
        if OPENS_AT:  # signed in before the opening: the start page counts down, 开始考试 is clicked after it
            token = self.start_page("exam_start (waiting page)")
            if not token:
                return
            gevent.sleep(max(0.0, OPENS_AT + random.uniform(0, START_SPREAD) - time.time()))
        started = self.start_attempt(token)
        if not started:
            return
        attempt, page_token, csrf, options, multiple = started
        seq = int(time.time() * 1000)
        for pos in sorted(options):
            if THINK:  # reading and deciding: a mean of THINK seconds per question
                gevent.sleep(random.uniform(0, 2 * THINK))
            letters = options[pos]
            chosen = "".join(sorted(random.sample(letters, 2 if pos in multiple and len(letters) > 2 else 1)))
            seq += 1
            if self.save(attempt, page_token, csrf, pos, chosen, seq):
                STATE["acks"].append({"a": int(attempt), "p": pos, "c": chosen, "s": seq})
        r = self.call("POST", f"/attempts/{attempt}/submit/", "submit", (302,),
                      data={"csrfmiddlewaretoken": csrf})
        if r is not None:
            STATE["submitted"].append(int(attempt))


if OFFICE and MODE == "exam":
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
