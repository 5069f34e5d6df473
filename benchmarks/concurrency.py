"""Concurrency benchmark, run on demand: 50 simultaneous writers against the real server; prints one JSON document.

    .venv/bin/python benchmarks/concurrency.py [--writers 50] [--databases sqlite,postgres] [--dataset demo|persona]

For each database: a fresh database (a temporary SQLite file; for PostgreSQL a throw-away database on the
server DATABASE_URL names, or, without DATABASE_URL and as root, a throw-away PostgreSQL 15 cluster as in
.ci/run), migrated and loaded with the demo county's units and users (``--dataset demo``; ``persona`` is the
small test county), one decision open for public comment and one draft decision per staff member. Then
gunicorn serves it exactly as ``bin/serve`` does (config/gunicorn.conf.py, DEBUG off; the persona data set
uses the test settings' fast password hasher) on a free loopback port, and ``--writers`` threads at a
time, released together by a barrier, send:

- sign-ins: the real login form (GET for the CSRF token, then POST), each a different staff member;
- public comments: the real comment form on the public site, each from a different address
  (X-Forwarded-For, with the server told it sits behind one proxy, so the per-address rate limit holds);
- workflow steps: each signed-in staff member opens its own draft decision for comment (DRAFT → CONSULTATION
  through the workflow, with its locks and audit entry);
- mixed: a third of each at the same moment.

Reported per wave: errors (5xx, dropped connections, "database is locked"), refusals (any other unexpected
answer), and the p50/p95/p99/max latency of the POSTs in milliseconds. Only loopback addresses are used.

The same functions serve the test ``benchmarks/test_concurrency.py``.
"""
import argparse
import http.client
import json
import os
import re
import secrets
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlencode, urlsplit, urlunsplit

ROOT = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
HOST = "127.0.0.1"
PASSWORD = "Fazhi@2019"  # the demo county's and the persona county's password


# The database --------------------------------------------------------------------------------------------

def free_port():
    with socket.socket() as s:
        s.bind((HOST, 0))
        return s.getsockname()[1]


def is_postgres(url):
    return bool(url) and url.split(":", 1)[0] in ("postgres", "postgresql", "pgsql")


@contextmanager
def throwaway_database(server_url=None, directory=None):
    """A fresh empty database: a temporary SQLite file (in ``directory``), or (``server_url`` naming a PostgreSQL
    server) a new database on that server, dropped afterwards. Yields its DATABASE_URL."""
    if not is_postgres(server_url):
        tmp = tempfile.mkdtemp(prefix="fazhi-concurrency-", dir=directory)
        try:
            yield f"sqlite:///{tmp}/fazhi.sqlite3"
        finally:
            shutil.rmtree(tmp, ignore_errors=True)
        return
    import psycopg

    name = f"fazhi_concurrency_{secrets.token_hex(4)}"
    admin = psycopg.connect(server_url, autocommit=True)
    try:
        admin.execute(f'CREATE DATABASE "{name}"')
        parts = urlsplit(server_url)
        yield urlunsplit((parts.scheme, parts.netloc, "/" + name, parts.query, parts.fragment))
    finally:
        try:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        finally:
            admin.close()


@contextmanager
def throwaway_postgres_cluster():
    """A PostgreSQL 15 cluster in a temporary directory on a free loopback port, as .ci/run starts one
    (needs root: the server runs as the ``postgres`` user). Yields its server DATABASE_URL."""
    pgbin = "/usr/lib/postgresql/15/bin"
    if not os.path.exists(f"{pgbin}/initdb") or os.geteuid() != 0:
        raise RuntimeError("需要 root 和 PostgreSQL 15（/usr/lib/postgresql/15/bin），或设置 DATABASE_URL 指向 PostgreSQL。")
    data = tempfile.mkdtemp(prefix="fazhi-pg-")
    shutil.chown(data, "postgres", "postgres")
    port = free_port()
    as_pg = ["runuser", "-u", "postgres", "--"]
    subprocess.run([*as_pg, f"{pgbin}/initdb", "-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, stdout=subprocess.DEVNULL)
    subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-l", f"{data}/server.log", "-w", "-t", "60", "-o",
                    f"-c listen_addresses={HOST} -p {port} -k {data} -c fsync=off -c full_page_writes=off "
                    f"-c synchronous_commit=off -c max_connections=100", "start"],
                   check=True, stdout=subprocess.DEVNULL)
    try:
        yield f"postgres://postgres@{HOST}:{port}/postgres"
    finally:
        subprocess.run([*as_pg, f"{pgbin}/pg_ctl", "-D", data, "-m", "fast", "-w", "stop"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        shutil.rmtree(data, ignore_errors=True)


def server_env(database_url, settings, extra=None):
    env = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "FAZHI_"))}
    env.update({
        "DATABASE_URL": database_url,
        "DJANGO_SETTINGS_MODULE": settings,
        "DJANGO_DEBUG": "false",
        "FAZHI_VAR_DIR": tempfile.gettempdir(),
        # the benchmark's clients come through "one proxy": X-Forwarded-For names each client's address
        "FAZHI_TRUSTED_PROXIES": "1",
        "FAZHI_ACCESS_LOG": "",
        "PYTHONPATH": str(ROOT),
    })
    env.update(extra or {})
    return env


def prepare(env, *, dataset, staff):
    """Migrate and load the data set in a child process (the same settings as the server); returns its plan."""
    out = subprocess.run([PYTHON, str(Path(__file__).resolve()), "_prepare", "--dataset", dataset,
                          "--staff", str(staff)], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"preparing the database failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _prepare_in_process(dataset, staff_count):
    """(Runs in the child.) The data set, one decision open for comment, two draft decisions per staff member."""
    import datetime

    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fazhi.core import clock
    from fazhi.decisions import services as decisions
    from fazhi.orgs import services as orgs
    from fazhi.orgs.choices import UnitKind
    from fazhi.orgs.models import OrgUnit, User

    if dataset == "demo":
        from fazhi.orgs import demo

        demo.load()
        gov = OrgUnit.objects.get(code=demo.GOV_CODE)
        office = User.objects.get(username="fzb")
    else:
        from fazhi.testing.personas import build_county

        county = build_county()
        gov, office = county.gov, county.office
    # Staff who may run a decision's procedure in their own unit (单位联络员); more are added if too few.
    staff = list(User.objects.filter(is_active=True, grants__role__code="liaison", unit__kind=UnitKind.DEPARTMENT,
                                     unit__is_active=True).select_related("unit").distinct().order_by("username"))
    seen_units = set()
    staff = [u for u in staff if not (u.unit_id in seen_units or seen_units.add(u.unit_id))][:staff_count]
    for i in range(len(staff), staff_count):
        unit = orgs.unit_create(actor=None, code=f"BENCH-{i:03d}", name=f"测试第{i:03d}局", kind=UnitKind.DEPARTMENT,
                                parent=gov)
        staff.append(orgs.user_create(actor=None, username=f"bench{i:03d}", full_name=f"测试联络员{i:03d}", unit=unit,
                                      password=PASSWORD, role_code="liaison"))
    today = clock.today()
    common = dict(category="other", organ=gov, proposer="县政府办公室", year=today.year,
                  draft_text="草案全文：为规范城区停车秩序，制定本办法。", explanation="起草说明：依据有关法律法规。")
    public = decisions.decision_create(actor=office, title="城区停车管理办法（征求意见稿）", lead_unit=office.unit,
                                       **common)
    decisions.comment_open(actor=office, decision=public, comment_start=today,
                           comment_end=today + datetime.timedelta(days=30))
    # the writers answer the comment form's question at once (a person takes a few seconds; the rule is the office's)
    from fazhi.core import rules

    rules.setting_set(actor=office, key="core.challenge_min_seconds", raw="0")
    workflow, extra = {}, {}
    for i, u in enumerate(staff):
        for plan, n in ((workflow, 1), (extra, 2)):
            if plan is extra and i >= mixed_workflow_writers(staff_count):
                continue
            d = decisions.decision_create(actor=u, title=f"{u.unit.name}重大行政决策事项{n}", lead_unit=u.unit, **common)
            plan[u.username] = d.pk
    print(json.dumps({"public_decision": public.pk, "staff": [u.username for u in staff], "workflow": workflow,
                      "workflow_extra": extra, "today": str(today)}))


# The server ----------------------------------------------------------------------------------------------

class Server:
    """gunicorn with config/gunicorn.conf.py on a free loopback port (a context manager)."""

    def __init__(self, env, *, workers=None, threads=None):
        self.port = free_port()
        self.env = dict(env, FAZHI_BIND=f"{HOST}:{self.port}")
        if workers:
            self.env["FAZHI_WORKERS"] = str(workers)
        if threads:
            self.env["FAZHI_THREADS"] = str(threads)
        self.log = tempfile.NamedTemporaryFile(prefix="fazhi-gunicorn-", suffix=".log", delete=False)
        self.proc = None

    def __enter__(self):
        self.proc = subprocess.Popen([PYTHON, "-m", "gunicorn", "-c", str(ROOT / "config" / "gunicorn.conf.py"),
                                      "config.wsgi:application"], env=self.env, cwd=ROOT, stdout=self.log,
                                     stderr=subprocess.STDOUT, start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(f"gunicorn exited ({self.proc.returncode}):\n{self.output()[-3000:]}")
            try:
                status, _h, _b = Browser(self.port).request("GET", "/login/")
                if status == 200:
                    return self
            except OSError:
                pass
            time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"gunicorn did not answer within 60 s:\n{self.output()[-3000:]}")

    def __exit__(self, *exc):
        if self.proc and self.proc.poll() is None:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait(timeout=5)
        self.log.close()

    def output(self):
        return Path(self.log.name).read_text(errors="replace")


class Browser:
    """A minimal browser: cookies, forms, no redirects followed. One connection per request."""

    CSRF = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')

    def __init__(self, port, forwarded_for=None):
        self.port = port
        self.cookies = {}
        self.forwarded_for = forwarded_for

    def request(self, method, path, form=None, timeout=120):
        headers = {"Host": f"{HOST}:{self.port}", "User-Agent": "fazhi-concurrency/1"}
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        if self.forwarded_for:
            headers["X-Forwarded-For"] = self.forwarded_for
        body = None
        if form is not None:
            body = urlencode(form).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        conn = http.client.HTTPConnection(HOST, self.port, timeout=timeout)
        try:
            conn.request(method, path, body=body, headers=headers)
            resp = conn.getresponse()
            data = resp.read().decode("utf-8", errors="replace")
            for raw in resp.headers.get_all("Set-Cookie") or []:
                name, _, rest = raw.partition("=")
                value = rest.split(";", 1)[0]
                if value in ("", '""') or "max-age=0" in raw.lower():
                    self.cookies.pop(name.strip(), None)
                else:
                    self.cookies[name.strip()] = value
            return resp.status, dict(resp.headers), data
        finally:
            conn.close()

    def csrf_token(self, path):
        status, _h, body = self.request("GET", path)
        match = self.CSRF.search(body)
        if status != 200 or not match:
            raise RuntimeError(f"GET {path}: {status}, no CSRF token")
        return match.group(1)


# The writers ---------------------------------------------------------------------------------------------

class Writer:
    """One simultaneous writer: ``ready()`` loads its form (not timed), ``go()`` posts it (timed)."""

    kind = ""
    expect_location = ""

    def __init__(self, port):
        self.browser = Browser(port)
        self.form = None
        self.path = ""

    def ready(self):
        """Each kind of writer (sign-in, comment, workflow step) loads its own form: see the subclasses."""
        raise TypeError(f"{type(self).__name__} must define ready()")

    def go(self):
        started = time.perf_counter()
        try:
            status, headers, body = self.browser.request("POST", self.path, self.form)
        except OSError as e:  # dropped or refused connection, timeout
            return {"kind": self.kind, "ms": (time.perf_counter() - started) * 1000, "status": None,
                    "error": f"{type(e).__name__}: {e}"}
        ms = (time.perf_counter() - started) * 1000
        result = {"kind": self.kind, "ms": ms, "status": status}
        if status >= 500 or "database is locked" in body:
            result["error"] = f"HTTP {status}" + (" database is locked" if "database is locked" in body else "")
        elif status != 302 or self.expect_location not in headers.get("Location", ""):
            errors = re.findall(r'class="[^"]*(?:alert-danger|invalid-feedback|errorlist)[^"]*"[^>]*>\s*([^<]{1,120})',
                                body)
            result["refused"] = f"HTTP {status} {headers.get('Location', '')} {'; '.join(errors)[:200]}".strip()
        return result


class SignIn(Writer):
    kind = "sign_in"
    expect_location = "/workbench/"

    def __init__(self, port, username):
        super().__init__(port)
        self.username = username

    def ready(self):
        self.path = "/login/"
        self.form = {"csrfmiddlewaretoken": self.browser.csrf_token("/login/"), "username": self.username,
                     "password": PASSWORD}


class Comment(Writer):
    kind = "comment"
    expect_location = "/public/decisions/view/"

    def __init__(self, port, decision, n):
        super().__init__(port)
        self.browser.forwarded_for = f"10.{n // 250 % 250}.{n % 250}.{7 + n % 200}"
        self.decision, self.n = decision, n

    QUESTION = re.compile(r"验证问题：(.+?)([加减])(.+?)等于几")
    CHALLENGE = re.compile(r'name="challenge_token" value="([^"]+)"')

    def ready(self):
        from fazhi.core.challenge import NUMERALS

        path = f"/public/decisions/view/?id={self.decision}"
        status, _h, body = self.browser.request("GET", path)
        csrf, question, challenge = self.browser.CSRF.search(body), self.QUESTION.search(body), self.CHALLENGE.search(body)
        if status != 200 or not (csrf and question and challenge):
            raise RuntimeError(f"GET {path}: {status}, no comment form")
        a, op, b = question.groups()
        answer = NUMERALS[a] + NUMERALS[b] if op == "加" else NUMERALS[a] - NUMERALS[b]
        self.path = "/public/decisions/comment/"
        # the form's offline question (fazhi.core.challenge) is answered as a person would, read off the page
        self.form = {"csrfmiddlewaretoken": csrf.group(1), "decision": self.decision, "name": f"市民{self.n}",
                     "contact": "", "challenge": str(answer), "challenge_token": challenge.group(1),
                     "body": f"第{self.n}号意见：建议在老城区增设夜间临时停车位，"
                             f"并公布收费标准（{secrets.token_hex(4)}）。"}


class WorkflowStep(Writer):
    """A signed-in staff member opens its own draft decision for public comment (a workflow transition)."""

    kind = "workflow"
    expect_location = "/decisions/"

    def __init__(self, port, session, decision, today):
        super().__init__(port)
        self.browser = session
        self.decision, self.today = decision, today

    def ready(self):
        import datetime

        start = datetime.date.fromisoformat(self.today)
        self.path = f"/decisions/{self.decision}/comment/open/"
        self.form = {"csrfmiddlewaretoken": self.browser.csrf_token(self.path), "comment_start": str(start),
                     "comment_end": str(start + datetime.timedelta(days=30)), "shortening_reason": ""}


def fire(writers, timeout=180):
    """Every writer loads its form, then all post at the same moment (a barrier). Returns the results."""
    barrier = threading.Barrier(len(writers))
    results = [None] * len(writers)

    def run(i, w):
        try:
            w.ready()
        except Exception as e:  # a failed GET is a failure of this writer too
            results[i] = {"kind": w.kind, "ms": 0.0, "status": None, "error": f"form: {type(e).__name__}: {e}"}
            barrier.abort()
            return
        try:
            barrier.wait(timeout=timeout)
        except threading.BrokenBarrierError:
            results[i] = results[i] or {"kind": w.kind, "ms": 0.0, "status": None, "error": "not started together"}
            return
        results[i] = w.go()

    threads = [threading.Thread(target=run, args=(i, w), daemon=True) for i, w in enumerate(writers)]
    for t in threads:
        t.start()
    deadline = time.monotonic() + timeout
    for t in threads:
        t.join(max(deadline - time.monotonic(), 0.1))
    return [r or {"kind": w.kind, "ms": 0.0, "status": None, "error": "no answer in time"}
            for r, w in zip(results, writers, strict=True)]


def summary(results, seconds=None):
    ms = sorted(r["ms"] for r in results if r.get("status"))

    def pct(p):
        if not ms:
            return None
        return round(ms[min(len(ms) - 1, max(0, round(p / 100 * len(ms) + 0.5) - 1))], 1)

    out = {
        "requests": len(results),
        "ok": sum(1 for r in results if "error" not in r and "refused" not in r),
        "errors": sum(1 for r in results if "error" in r),
        "refused": sum(1 for r in results if "refused" in r),
        "p50_ms": pct(50), "p95_ms": pct(95), "p99_ms": pct(99), "max_ms": round(ms[-1], 1) if ms else None,
        "mean_ms": round(statistics.fmean(ms), 1) if ms else None,
    }
    if seconds is not None:
        out["wall_s"] = round(seconds, 2)
    examples = sorted({r.get("error") or r.get("refused") for r in results if "error" in r or "refused" in r})
    if examples:
        out["examples"] = examples[:5]
    return out


def mixed_workflow_writers(writers):
    """In the mixed wave a third are sign-ins, a third comments, the rest workflow steps."""
    return writers - 2 * max(writers // 3, 1)


def run_waves(port, plan, writers=50):
    """The waves of the benchmark and the test: sign-ins, comments, workflow steps, then all three mixed."""
    staff = plan["staff"][:writers]
    report = {}

    def wave(name, ws):
        t = time.perf_counter()
        results = fire(ws)
        report[name] = summary(results, time.perf_counter() - t)
        return results, ws

    results, signed = wave("sign_in", [SignIn(port, u) for u in staff])
    sessions = {w.username: w.browser for w, r in zip(signed, results, strict=True) if "error" not in r
                and "refused" not in r}
    wave("comment", [Comment(port, plan["public_decision"], n) for n in range(writers)])
    wave("workflow", [WorkflowStep(port, sessions[u], plan["workflow"][u], plan["today"]) for u in staff
                      if u in sessions])
    third = max(writers // 3, 1)
    mixed = [SignIn(port, u) for u in staff[:third]]
    mixed += [Comment(port, plan["public_decision"], 1000 + n) for n in range(third)]
    extra = plan["workflow_extra"]  # the first staff members' second draft decisions
    mixed += [WorkflowStep(port, sessions[u], extra[u], plan["today"])
              for u in staff[:mixed_workflow_writers(writers)] if u in sessions and u in extra]
    wave("mixed", mixed)
    return report


def measure(database_url, *, dataset, writers, settings, workers=None, threads=None):
    env = server_env(database_url, settings)
    t = time.perf_counter()
    plan = prepare(env, dataset=dataset, staff=writers)
    prepared = time.perf_counter() - t
    with Server(env, workers=workers, threads=threads) as server:
        report = run_waves(server.port, plan, writers)
        log = server.output()
    report["prepare_s"] = round(prepared, 1)
    report["server_log_database_locked"] = log.count("database is locked")
    report["server_log_tracebacks"] = log.count("Traceback")
    return report


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--writers", type=int, default=50)
    parser.add_argument("--databases", default="sqlite,postgres")
    parser.add_argument("--dataset", choices=["demo", "persona"], default="demo")
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--threads", type=int, default=None)
    args = parser.parse_args()
    args.writers = max(3, min(args.writers, 200))  # bounded
    settings = "config.settings.base" if args.dataset == "demo" else "config.settings.test"
    if settings == "config.settings.base":
        # DEBUG off, as bin/serve: the static files must be collected for the manifest
        subprocess.run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=ROOT, check=True,
                       env=server_env("sqlite://:memory:", settings))
    result = {"writers": args.writers, "dataset": args.dataset, "settings": settings}
    server_url = os.environ.get("DATABASE_URL")
    for db in [d.strip() for d in args.databases.split(",") if d.strip()]:
        if db == "sqlite":
            with throwaway_database(None) as url:
                result["sqlite"] = measure(url, dataset=args.dataset, writers=args.writers, settings=settings,
                                           workers=args.workers, threads=args.threads)
        elif db == "postgres":
            cluster = None if is_postgres(server_url) else throwaway_postgres_cluster()
            with (cluster or _nullcontext(server_url)) as server, throwaway_database(server) as url:
                result["postgresql"] = measure(url, dataset=args.dataset, writers=args.writers, settings=settings,
                                               workers=args.workers, threads=args.threads)
        print(json.dumps(result, ensure_ascii=False), file=sys.stderr)  # progress
    print(json.dumps(result, ensure_ascii=False, indent=2))


@contextmanager
def _nullcontext(value):
    yield value


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        sys.path.insert(0, str(ROOT))
        p = argparse.ArgumentParser()
        p.add_argument("_prepare")
        p.add_argument("--dataset", default="persona")
        p.add_argument("--staff", type=int, default=50)
        a = p.parse_args()
        _prepare_in_process(a.dataset, a.staff)
    else:
        main()
