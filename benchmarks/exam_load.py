"""Exam load benchmark, run on demand: the online law exam driven over HTTP by Locust against gunicorn.

    .venv/bin/python benchmarks/exam_load.py [--enrolled 2300] [--examinees 500] [--users 100] [--spawn-rate 20]
        [--think 0] [--databases sqlite,postgres] [--kill-worker-after 20] [--duration 900]
        [--sign-in-lead 0] [--start-spread 60] [--saturation-users 50] [--saturation-seconds 20] [--markdown FILE]

The realistic models (docs/benchmarks.md): ``--users 2300 --examinees 2300 --spawn-rate 40 --think 25
--duration 1080`` — every examinee signs in and starts within the first minute and thinks a mean of 25 s per
question (a 50-question paper in about 20 minutes); with ``--sign-in-lead 240 --spawn-rate 10`` the exam opens
240 s after the run begins, the examinees sign in and open its start page (which counts down) before that, as a
county's exam notice asks, and each clicks 开始考试 at a random moment of the ``--start-spread`` (60 s) after the
opening. The run ends at ``--duration`` whether or not all have submitted, and the check covers every answer and
submission the server acknowledged by then.

Needs the benchmark group (``pip install -r requirements/bench.txt``: Locust). For each database: a fresh database
(a temporary SQLite file; for PostgreSQL a throw-away database on the server DATABASE_URL names, or a throw-away
PostgreSQL 15 cluster when run as root), the demo county's units, the exam module's demo (question bank, the exam
open now) and ``--enrolled`` examinee accounts (bulk-created by the demo, given the benchmark's password). gunicorn
serves it as ``bin/serve`` does (config/gunicorn.conf.py: two processes per core × 2 threads, DEBUG off; the test settings'
fast password hasher, so that thousands of sign-ins measure the exam rather than PBKDF2). Locust (headless,
benchmarks/locust_exam.py) runs ``--users`` simultaneous examinees, started ``--spawn-rate`` per second, until
``--examinees`` have each signed in, opened the exam, autosaved an answer to each of its 50 questions and submitted.
With ``--kill-worker-after S`` one gunicorn worker is killed with SIGKILL S seconds into the run (the master starts
a new one; the examinees' dropped requests are retried as the page retries).

Then the database is checked against what the server acknowledged: every acknowledged answer is stored (same
choice, same save number), every submitted attempt is stored exactly once (no one has two attempts), and every
score equals an independent recomputation from the stored answers. Then the saturation phase on the same
server: ``--saturation-users`` Locust users with no think time, for ``--saturation-seconds`` once all are ready,
(a) sending autosaves (each its own signed-in examinee, accounts kept apart from the run's) and (b) requesting
the trivial endpoint /ping; the requests/s of each and their ratio. Prints one JSON document: per request type
the count, failures, requests/s and p50/p95/p99/max in ms (Locust's percentiles), the checks and the
saturation figures; ``--markdown FILE`` writes the same as docs/benchmarks.md's tables.
"""
import argparse
import csv
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from contextlib import contextmanager, nullcontext
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency as cc  # noqa: E402

ROOT = cc.ROOT
LOCUSTFILE = Path(__file__).with_name("locust_exam.py")
SETTINGS = "config.settings.test"


# Preparing and checking the database (in a child process with the server's settings) ------------------------

def prepare(env, *, enrolled, saturation=0):
    out = subprocess.run([cc.PYTHON, __file__, "_prepare", str(enrolled), str(saturation)], env=env, cwd=ROOT, capture_output=True,
                         text=True, timeout=900)
    if out.returncode != 0:
        raise RuntimeError(f"preparing the database failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _prepare_in_process(enrolled, saturation=0):
    import django

    django.setup()
    from django.contrib.auth.hashers import make_password
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from fazhi.core import clock
    from fazhi.legal_education import demo as exam_demo
    from fazhi.legal_education.models import Exam
    from fazhi.orgs import demo as org_demo
    from fazhi.orgs.models import User

    org_demo.load()
    exam_demo.load()
    # the demo enrols its examinees with bulk_create; they get the benchmark's password (one hash for all)
    password = make_password(cc.PASSWORD)
    users = list(User.objects.filter(username__startswith="xf2019_").order_by("username")
                 .values_list("username", flat=True)[:enrolled])
    User.objects.filter(username__in=users).update(password=password)
    exam = Exam.objects.get(bank__name=exam_demo.BANK_NAME, title__endswith="（演示）")
    # the saturation phase's examinees: accounts of their own in an eligible unit, never in the run's checks
    unit = exam.eligible_units.order_by("pk").first()
    User.objects.bulk_create([User(username=f"xfsat_{i:04d}", full_name=f"压测考生{i + 1}", unit=unit,
                                   password=password, is_active=True) for i in range(saturation)])
    print(json.dumps({"exam": exam.pk, "users": users, "questions": sum(r["count"] for r in exam.rules),
                      "saturation_users": [f"xfsat_{i:04d}" for i in range(saturation)],
                      "eligible_units": exam.eligible_units.count(), "today": str(clock.today())}))


def schedule(env, *, exam, opens_in):
    """Move the exam's opening ``opens_in`` seconds from now (the sign-in-lead model); returns it as a Unix time."""
    out = subprocess.run([cc.PYTHON, __file__, "_schedule", str(exam), str(opens_in)], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    if out.returncode != 0:
        raise RuntimeError(f"scheduling the exam failed:\n{out.stderr[-3000:]}")
    return float(out.stdout.strip().splitlines()[-1])


def _schedule_in_process(exam_pk, opens_in):
    import datetime

    import django

    django.setup()
    from fazhi.core import clock
    from fazhi.legal_education.models import Exam

    opens = clock.now() + datetime.timedelta(seconds=opens_in)
    Exam.objects.filter(pk=exam_pk).update(starts_at=opens)
    print(opens.timestamp())


def verify(env, *, exam, acks_path):
    out = subprocess.run([cc.PYTHON, __file__, "_verify", str(exam), acks_path], env=env, cwd=ROOT,
                         capture_output=True, text=True, timeout=600)
    if out.returncode != 0:
        raise RuntimeError(f"checking the database failed:\n{out.stdout[-3000:]}\n{out.stderr[-5000:]}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def _verify_in_process(exam_pk, acks_path):
    import django

    django.setup()
    from decimal import Decimal

    from django.db.models import Count

    from fazhi.legal_education.models import LETTERS, Answer, Attempt, Question

    state = json.loads(Path(acks_path).read_text(encoding="utf-8"))
    attempts = {a.pk: a for a in Attempt.objects.filter(exam_id=exam_pk).select_related("exam")}
    per_user = Attempt.objects.filter(exam_id=exam_pk).values("user").annotate(n=Count("pk")).filter(n__gt=1)
    answers = {(a.attempt_id, a.question_id): a for a in Answer.objects.filter(attempt__exam_id=exam_pk)}
    questions = {q.pk: q for q in Question.objects.filter(pk__in={q for _a, q in answers})}
    lost = []
    for ack in state["acks"]:
        attempt = attempts.get(ack["a"])
        entry = attempt.paper[ack["p"]] if attempt else None
        stored = answers.get((ack["a"], entry["q"])) if entry else None
        # the letters as shown map to the question's own letters through the attempt's option order
        own = "".join(sorted(LETTERS[entry["order"][LETTERS.index(c)]] for c in ack["c"])) if entry else None
        if stored is None or stored.seq != ack["s"] or stored.chosen != own:
            lost.append(ack)
    mismatched, unsubmitted = [], []
    for pk in set(state["submitted"]):
        attempt = attempts.get(pk)
        if attempt is None or attempt.status != "submitted":
            unsubmitted.append(pk)
            continue
        total = Decimal(0)
        for e in attempt.paper:  # recomputed here, not by the module's grading: all or nothing per question
            a = answers.get((pk, e["q"]))
            if a and a.chosen and a.chosen == questions[e["q"]].answer:
                total += Decimal(str(e["points"]))
        if total != attempt.score or (total >= attempt.exam.pass_mark) != attempt.passed:
            mismatched.append(pk)
    print(json.dumps({
        "attempts_stored": len(attempts),
        "examinees_with_more_than_one_attempt": per_user.count(),
        "submissions_acknowledged": len(set(state["submitted"])),
        "submissions_not_stored": len(unsubmitted),
        "answers_acknowledged": len(state["acks"]),
        "answers_stored": len(answers),
        "acknowledged_answers_lost": len(lost),
        "scores_recomputed": len(set(state["submitted"])) - len(unsubmitted),
        "score_mismatches": len(mismatched),
        "passed": sum(1 for pk in set(state["submitted"]) if attempts.get(pk) and attempts[pk].passed),
    }))


# Locust ------------------------------------------------------------------------------------------------

def locust_stats(prefix):
    """Locust's ``--csv`` statistics: per request name, and the aggregate."""
    out = {}
    with open(f"{prefix}_stats.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            out[row["Name"]] = {
                "requests": int(row["Request Count"]), "failures": int(row["Failure Count"]),
                "rps": round(float(row["Requests/s"]), 1), "p50_ms": _int(row["50%"]), "p95_ms": _int(row["95%"]),
                "p99_ms": _int(row["99%"]), "max_ms": round(float(row["Max Response Time"] or 0)),
            }
    return out


def _int(value):
    return int(float(value)) if value not in ("", "N/A") else None


def run_locust(*, hosts, plan, examinees, users, spawn_rate, think, time_limit, workdir, office=0, during=None,
               opens_at=None, start_spread=60):
    """Run Locust headless until ``examinees`` have sat (or ``time_limit`` seconds); returns its figures.
    ``opens_at`` (a Unix time): the examinees wait on the start page until then, and start within
    ``start_spread`` seconds of it."""
    users_file, acks = Path(workdir) / "users.txt", Path(workdir) / "acks.json"
    users_file.write_text("\n".join(plan["users"]), encoding="utf-8")
    env = dict(os.environ, FAZHI_BENCH_USERS=str(users_file), FAZHI_BENCH_TARGET=str(examinees),
               FAZHI_BENCH_EXAM=str(plan["exam"]), FAZHI_BENCH_HOSTS=",".join(hosts), FAZHI_BENCH_THINK=str(think),
               FAZHI_BENCH_ACKS=str(acks), FAZHI_BENCH_OFFICE=str(office), FAZHI_BENCH_TODAY=plan["today"],
               FAZHI_BENCH_PASSWORD=cc.PASSWORD, FAZHI_BENCH_OPENS_AT=str(opens_at or ""),
               FAZHI_BENCH_START_SPREAD=str(start_spread))
    prefix = str(Path(workdir) / "locust")
    cmd = [cc.PYTHON, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", hosts[0],
           "-u", str(users + office), "-r", str(spawn_rate), "-t", f"{time_limit}s", "--csv", prefix,
           "--only-summary", "--loglevel", "WARNING", "--stop-timeout", "30"]
    started = time.perf_counter()
    with open(Path(workdir) / "locust.log", "w") as log:
        proc = subprocess.Popen(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)
        events = during(proc) if during else None
        proc.wait(timeout=time_limit + 120)
    wall = time.perf_counter() - started
    if not acks.exists():
        raise RuntimeError("Locust wrote no results:\n" + (Path(workdir) / "locust.log").read_text()[-3000:])
    state = json.loads(acks.read_text(encoding="utf-8"))
    return {"wall_s": round(wall, 1), "stats": locust_stats(prefix), "examinees_sat": state["sat"],
            "examinees_started": state["started"],
            "dropped_connections_retried": state["dropped_retried"], "unrecovered_errors": state["unrecovered"],
            "error_examples": state["examples"],
            "petitions_registered": len(state["numbers"]), "events": events, "acks_path": str(acks)}


def run_saturation(*, host, plan, mode, users, seconds, workdir):
    """One saturation run (``mode`` save or ping): ``users`` Locust users with no think time; the requests
    answered in the ``seconds`` window that opens once all are ready."""
    work = Path(workdir) / mode
    work.mkdir()
    users_file, state_file = work / "users.txt", work / "state.json"
    users_file.write_text("\n".join(plan["saturation_users"][:users]), encoding="utf-8")
    env = dict(os.environ, FAZHI_BENCH_USERS=str(users_file), FAZHI_BENCH_EXAM=str(plan["exam"]),
               FAZHI_BENCH_HOSTS=host, FAZHI_BENCH_ACKS=str(state_file), FAZHI_BENCH_PASSWORD=cc.PASSWORD,
               FAZHI_BENCH_MODE=mode, FAZHI_BENCH_MEASURE=str(seconds), FAZHI_BENCH_SPAWNED=str(users))
    bound = int(seconds) + 60 + users  # setting up (signing in, starting) is outside the window
    cmd = [cc.PYTHON, "-m", "locust", "-f", str(LOCUSTFILE), "--headless", "--host", host, "-u", str(users),
           "-r", str(min(users, 50)), "-t", f"{bound}s", "--csv", str(work / "locust"), "--only-summary",
           "--loglevel", "WARNING", "--stop-timeout", "5"]
    with open(work / "locust.log", "w") as log:
        subprocess.run(cmd, env=env, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT, timeout=bound + 60)
    if not state_file.exists():
        raise RuntimeError("Locust wrote no results:\n" + (work / "locust.log").read_text()[-3000:])
    state = json.loads(state_file.read_text(encoding="utf-8"))
    window = (state["window_end"] or 0) - (state["window_start"] or 0)
    name = {"save": "save_answer", "ping": "ping (trivial)"}[mode]
    stats = locust_stats(str(work / "locust")).get(name, {})
    return {"users": users, "window_s": round(window, 1) if window > 0 else None, "requests": state["in_window"],
            "rps": round(state["in_window"] / window, 1) if window > 0 else None,
            "unrecovered_errors": state["unrecovered"], "p50_ms": stats.get("p50_ms"),
            "p99_ms": stats.get("p99_ms")}


def saturation(*, host, plan, users, seconds, workdir):
    save = run_saturation(host=host, plan=plan, mode="save", users=users, seconds=seconds, workdir=workdir)
    ping = run_saturation(host=host, plan=plan, mode="ping", users=users, seconds=seconds, workdir=workdir)
    ratio = round(save["rps"] / ping["rps"], 3) if save["rps"] and ping["rps"] else None
    return {"save_answer": save, "trivial": ping, "save_to_trivial_ratio": ratio}


# Killing a worker -----------------------------------------------------------------------------------------

def workers_of(master_pid):
    """The gunicorn workers: the master's child processes."""
    try:
        children = Path(f"/proc/{master_pid}/task/{master_pid}/children").read_text().split()
    except OSError:
        return []
    return [int(pid) for pid in children]


def killer(server, after):
    """A ``during`` hook: SIGKILL one worker ``after`` seconds into the run; reports the pids before and after."""
    def during(_proc):
        report = {}

        def kill():
            before = workers_of(server.proc.pid)
            report["workers_before"] = before
            if before:
                os.kill(before[0], signal.SIGKILL)
                report["killed"] = before[0]
                report["killed_at_s"] = after
            time.sleep(5)
            report["workers_5s_later"] = workers_of(server.proc.pid)

        threading.Timer(after, kill).start()
        return report

    return during


# One database ------------------------------------------------------------------------------------------------

@contextmanager
def database(kind, sqlite_dir=None):
    """A fresh empty database of ``kind`` (sqlite or postgres); yields its DATABASE_URL."""
    if kind == "sqlite":
        with cc.throwaway_database(None, directory=sqlite_dir) as url:
            yield url
        return
    server_url = os.environ.get("DATABASE_URL")
    cluster = nullcontext(server_url) if cc.is_postgres(server_url) else cc.throwaway_postgres_cluster()
    with cluster as server, cc.throwaway_database(server) as url:
        yield url


def measure(url, args):
    env = cc.server_env(url, SETTINGS)
    t = time.perf_counter()
    sat_users = args.saturation_users if args.saturation_seconds else 0
    plan = prepare(env, enrolled=args.enrolled, saturation=sat_users)
    result = {"enrolled": len(plan["users"]), "eligible_units": plan["eligible_units"],
              "questions_per_paper": plan["questions"], "prepare_s": round(time.perf_counter() - t, 1)}
    with cc.Server(env, workers=args.workers, threads=args.threads) as server, tempfile.TemporaryDirectory(prefix="fazhi-examload-") as work:
        during = killer(server, args.kill_worker_after) if args.kill_worker_after else None
        opens_at = schedule(env, exam=plan["exam"], opens_in=args.sign_in_lead) if args.sign_in_lead else None
        run = run_locust(hosts=[f"http://{cc.HOST}:{server.port}"], plan=plan, examinees=args.examinees,
                         users=args.users, spawn_rate=args.spawn_rate, think=args.think, time_limit=args.time_limit,
                         workdir=work, during=during, opens_at=opens_at, start_spread=args.start_spread)
        log = server.output()
        result.update({k: v for k, v in run.items() if k not in ("acks_path", "petitions_registered")})
        result["database_check"] = verify(env, exam=plan["exam"], acks_path=run["acks_path"])
        if sat_users:
            result["saturation"] = saturation(host=f"http://{cc.HOST}:{server.port}", plan=plan, users=sat_users,
                                              seconds=args.saturation_seconds, workdir=work)
            print(f"saturation: {json.dumps(result['saturation'], ensure_ascii=False)}", file=sys.stderr)
    result["server_log_tracebacks"] = log.count("Traceback")
    result["server_log_database_locked"] = log.count("database is locked")
    if "Traceback" in log:
        result["server_log_last_traceback"] = log[log.rindex("Traceback"):][:2000]
    return result


def parser():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--enrolled", type=int, default=2300)
    p.add_argument("--examinees", type=int, default=500, help="how many of the enrolled sit during the run")
    p.add_argument("--users", type=int, default=100, help="simultaneous examinees (Locust users)")
    p.add_argument("--spawn-rate", type=float, default=20)
    p.add_argument("--think", type=float, default=0, help="mean seconds between two answers (0: as fast as served)")
    p.add_argument("--databases", default="sqlite,postgres")
    p.add_argument("--kill-worker-after", type=float, default=0, help="SIGKILL one gunicorn worker after S seconds")
    p.add_argument("--duration", "--time-limit", dest="time_limit", type=int, default=900,
                   help="seconds the run lasts at most (examinees still sitting then are counted as far as they got)")
    p.add_argument("--sign-in-lead", type=float, default=0,
                   help="the exam opens S seconds into the run; examinees sign in and wait on its start page before "
                        "(0: it is open already and each starts right after signing in)")
    p.add_argument("--start-spread", type=float, default=60,
                   help="with --sign-in-lead: each examinee starts at a random moment of this many seconds after "
                        "the opening")
    p.add_argument("--saturation-users", type=int, default=50, help="Locust users of the saturation phase")
    p.add_argument("--saturation-seconds", type=float, default=20, help="its measuring window (0: no saturation)")
    p.add_argument("--markdown", default=None, help="also write the figures as markdown tables to this file")
    p.add_argument("--workers", type=int, default=None, help="gunicorn workers (default: config/gunicorn.conf.py's)")
    p.add_argument("--threads", type=int, default=None, help="threads per worker (default: config/gunicorn.conf.py's)")
    p.add_argument("--sqlite-dir", default=None, help="where the SQLite file goes (e.g. /dev/shm)")
    return p


def stop_cleanly():
    """A SIGTERM ends the run through the context managers: servers, databases and clusters are stopped."""
    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, lambda *_a: sys.exit("stopped (SIGTERM)"))


def main(argv=None):
    args = parser().parse_args(argv)
    stop_cleanly()
    args.users = max(1, min(args.users, 2300))  # bounded: loopback, one machine
    result = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cpus": os.cpu_count(),
              "load_average_before": os.getloadavg(), "settings": SETTINGS,
              "load": {"examinees": args.examinees, "users": args.users, "spawn_rate": args.spawn_rate,
                       "think_s": args.think, "kill_worker_after_s": args.kill_worker_after or None,
                       "sign_in_lead_s": args.sign_in_lead or None, "start_spread_s": args.start_spread}}
    for kind in [d.strip() for d in args.databases.split(",") if d.strip()]:
        with database(kind, args.sqlite_dir) as url:
            result[kind] = measure(url, args)
        print(json.dumps(result, ensure_ascii=False), file=sys.stderr)  # progress
    result["load_average_after"] = os.getloadavg()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    if args.markdown:
        Path(args.markdown).write_text(markdown(result, argv if argv is not None else sys.argv[1:]), encoding="utf-8")
    return result


TITLES = {"sqlite": "SQLite (embedded default)", "postgres": "PostgreSQL"}


def markdown(result, argv):
    """The run as docs/benchmarks.md shows it: the command, per database the table, the checks, saturation."""
    load = result["load"]
    avg = lambda v: ", ".join(f"{x:.1f}" for x in v)  # noqa: E731
    lines = [f"Run: {result['started']}, {result['cpus']} CPUs, load average before {avg(result['load_average_before'])},"
             f" after {avg(result['load_average_after'])}.", "", "```",
             " ".join([".venv/bin/python benchmarks/exam_load.py", *argv]), "```", "",
             f"Load: {load['users']} simultaneous examinees started {load['spawn_rate']}/s, think time "
             f"{load['think_s']} s per question (mean), {load['examinees']} to sit"
             + (f"; the exam opened {load['sign_in_lead_s']} s into the run, the examinees signed in and waited on "
                f"its start page before, and each started at a random moment of the {load['start_spread_s']} s "
                "after the opening." if load.get("sign_in_lead_s") else
                "; the exam open from the beginning, each examinee starting right after signing in.")]
    for kind, title in TITLES.items():
        r = result.get(kind)
        if not r:
            continue
        lines += ["", f"### {title}", "", "| request | count | failures | requests/s | p50 ms | p95 ms | p99 ms | max ms |",
                  "|---|---:|---:|---:|---:|---:|---:|---:|"]
        lines += [f"| {name} | {s['requests']} | {s['failures']} | {s['rps']} | {s['p50_ms']} | {s['p95_ms']} | "
                  f"{s['p99_ms']} | {s['max_ms']} |" for name, s in r["stats"].items()]
        c = r["database_check"]
        lines += ["", f"Wall time {r['wall_s']} s; examinees started {r['examinees_started']}, submitted "
                  f"{c['submissions_acknowledged']}; errors (unrecovered) {r['unrecovered_errors']}, dropped connections "
                  f"{r['dropped_connections_retried']}; server log: {r['server_log_tracebacks']} tracebacks, "
                  f"{r['server_log_database_locked']} \"database is locked\".",
                  f"Database check: attempts stored {c['attempts_stored']} (examinees with more than one: "
                  f"{c['examinees_with_more_than_one_attempt']}); submissions acknowledged {c['submissions_acknowledged']},"
                  f" not stored {c['submissions_not_stored']}; answers acknowledged {c['answers_acknowledged']}, stored "
                  f"{c['answers_stored']}, acknowledged answers lost **{c['acknowledged_answers_lost']}**; scores "
                  f"recomputed independently {c['scores_recomputed']}, mismatches **{c['score_mismatches']}**."]
        sat = r.get("saturation")
        if sat:
            s, p = sat["save_answer"], sat["trivial"]
            lines += ["", f"Saturation ({s['users']} users, no think time, {s['window_s']} s / {p['window_s']} s "
                      f"windows): save-answer **{s['rps']} requests/s** (p50 {s['p50_ms']} ms, p99 {s['p99_ms']} ms), "
                      f"the trivial endpoint /ping **{p['rps']} requests/s** (p50 {p['p50_ms']} ms, p99 {p['p99_ms']} ms)"
                      f": ratio **{sat['save_to_trivial_ratio']}**; unrecovered errors {s['unrecovered_errors']} / "
                      f"{p['unrecovered_errors']}."]
    return "\n".join(lines) + "\n"


if __name__ == "__main__":
    if len(sys.argv) > 1 and sys.argv[1] == "_prepare":
        sys.path.insert(0, str(ROOT))
        _prepare_in_process(int(sys.argv[2]), int(sys.argv[3]) if len(sys.argv) > 3 else 0)
    elif len(sys.argv) > 1 and sys.argv[1] == "_schedule":
        sys.path.insert(0, str(ROOT))
        _schedule_in_process(int(sys.argv[2]), float(sys.argv[3]))
    elif len(sys.argv) > 1 and sys.argv[1] == "_verify":
        sys.path.insert(0, str(ROOT))
        _verify_in_process(int(sys.argv[2]), sys.argv[3])
    else:
        main()
