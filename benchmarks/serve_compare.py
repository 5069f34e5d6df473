"""Production vs development server, run on demand: requests/s and p99 of an office page and a public page.

    .venv/bin/python benchmarks/serve_compare.py [--users 16] [--seconds 20]

Needs the benchmark group (requirements/bench.txt: Locust). One fresh SQLite database with the whole demo county
(``load_demo``, as ``bin/serve`` loads it on first run) is served in turn by
- gunicorn exactly as ``bin/serve`` runs it (config/gunicorn.conf.py: two gthread processes per core × 2 threads, DEBUG off,
  static files collected), and
- ``manage.py runserver`` as ``bin/serve --dev`` runs it (DEBUG on; one process, a thread per request),
and Locust (headless, benchmarks/locust_pages.py) reads each page with ``--users`` simultaneous clients for
``--seconds``: the unit register as the rule-of-law office (signed in) and the public site's home page. Prints one
JSON document: per server and page the requests/s, p50/p95/p99 and failures, and the ratios gunicorn/runserver.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import concurrency as cc  # noqa: E402
import exam_load  # noqa: E402

SETTINGS = "config.settings.base"
PAGES = {"office_unit_register": ("/orgs/units/", "fzb"), "public_home": ("/", "")}


class DevServer(cc.Server):
    """``manage.py runserver`` (DEBUG on, no reloader) on a free loopback port, as ``bin/serve --dev``."""

    def __enter__(self):
        env = dict(self.env, DJANGO_DEBUG="true")
        self.proc = subprocess.Popen([cc.PYTHON, "manage.py", "runserver", f"{cc.HOST}:{self.port}", "--noreload"],
                                     env=env, cwd=cc.ROOT, stdout=self.log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                if cc.Browser(self.port).request("GET", "/login/")[0] == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__(None, None, None)
        raise RuntimeError(f"runserver did not answer within 60 s:\n{self.output()[-3000:]}")


QUICK_DATA = ["shell", "-c", "from fazhi.orgs import demo; demo.load()"]


def prepare(env, quick=False):
    for command in (["migrate", "--noinput"], QUICK_DATA if quick else ["load_demo", "--quiet-logins"]):
        out = subprocess.run([cc.PYTHON, "manage.py", *command], env=env, cwd=cc.ROOT, capture_output=True,
                             text=True, timeout=1800)
        if out.returncode != 0:
            raise RuntimeError(f"{command[0]} failed:\n{out.stdout[-2000:]}\n{out.stderr[-4000:]}")


def read_page(port, page, sign_in, *, users, seconds, workdir):
    prefix = str(Path(workdir) / f"pages-{port}")
    env = dict(os.environ, FAZHI_BENCH_PAGE=page, FAZHI_BENCH_SIGN_IN=sign_in, FAZHI_BENCH_PASSWORD=cc.PASSWORD)
    subprocess.run([cc.PYTHON, "-m", "locust", "-f", str(Path(__file__).with_name("locust_pages.py")), "--headless",
                    "--host", f"http://{cc.HOST}:{port}", "-u", str(users), "-r", str(users), "-t", f"{seconds}s",
                    "--csv", prefix, "--only-summary", "--loglevel", "WARNING"], env=env, cwd=cc.ROOT,
                   capture_output=True, timeout=seconds + 120)
    return exam_load.locust_stats(prefix)["page"]


def measure(server_class, env, args, workdir):
    with server_class(env) as server:
        return {name: read_page(server.port, page, sign_in, users=args.users, seconds=args.seconds, workdir=workdir)
                for name, (page, sign_in) in PAGES.items()}


def ratios(prod, dev):
    return {name: {"rps": round(prod[name]["rps"] / dev[name]["rps"], 2) if dev[name]["rps"] else None,
                   "p99_dev_over_prod": round(dev[name]["p99_ms"] / prod[name]["p99_ms"], 2)
                   if prod[name]["p99_ms"] else None} for name in PAGES}


def main(argv=None):
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--users", type=int, default=16)
    p.add_argument("--seconds", type=int, default=20)
    p.add_argument("--quick", action="store_true",
                   help="the demo county's units and staff only, and the test settings' static files (from the finders, "
                        "no collectstatic): minutes less to prepare on a busy machine")
    args = p.parse_args(argv)
    exam_load.stop_cleanly()
    result = {"started": time.strftime("%Y-%m-%d %H:%M:%S %z"), "cpus": os.cpu_count(),
              "load_average_before": os.getloadavg(), "users": args.users, "seconds": args.seconds,
              "quick": args.quick}
    settings = exam_load.SETTINGS if args.quick else SETTINGS
    if not args.quick:  # DEBUG off, as bin/serve: the static files must be collected for the manifest
        subprocess.run([cc.PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], cwd=cc.ROOT, check=True,
                       env=cc.server_env("sqlite://:memory:", SETTINGS))
    with cc.throwaway_database(None) as url, tempfile.TemporaryDirectory(prefix="fazhi-serve-") as work:
        env = cc.server_env(url, settings)
        t = time.perf_counter()
        prepare(env, args.quick)
        result["load_demo_s"] = round(time.perf_counter() - t, 1)
        result["gunicorn"] = measure(cc.Server, env, args, work)
        result["runserver"] = measure(DevServer, env, args, work)
    result["gunicorn_over_runserver"] = ratios(result["gunicorn"], result["runserver"])
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return result


if __name__ == "__main__":
    main()
