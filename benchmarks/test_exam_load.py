"""The exam load benchmark at a tiny size, so that CI proves it works: Locust drives four examinees through the
real exam pages on gunicorn (sign-in, start, 50 autosaves, submission), and the database holds every acknowledged
answer, one attempt each, and scores equal to an independent recomputation. SQLite, or PostgreSQL when
DATABASE_URL names it (CI's second run). The figures themselves are docs/benchmarks.md's business."""
import importlib.util
import os
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))
import exam_load  # noqa: E402

# Locust runs in its own process: never import it here (it monkey-patches the whole interpreter with gevent)
pytestmark = [pytest.mark.server, pytest.mark.timeout(300),
              pytest.mark.skipif(importlib.util.find_spec("locust") is None,
                                 reason="the benchmark group (requirements/bench.txt) is not installed")]


def test_four_examinees_sit_the_exam_and_every_acknowledged_answer_is_stored(capsys, tmp_path):
    database = "postgres" if exam_load.cc.is_postgres(os.environ.get("DATABASE_URL")) else "sqlite"
    # the SQLite file on tmpfs when there is one (preparing is then I/O-free)
    shm = ["--sqlite-dir", "/dev/shm"] if os.access("/dev/shm", os.W_OK) else []
    result = exam_load.main(["--enrolled", "12", "--examinees", "4", "--users", "2", "--spawn-rate", "2",
                             "--databases", database, "--duration", "120", "--saturation-users", "3",
                             "--saturation-seconds", "3", "--markdown", str(tmp_path / "run.md"), *shm])[database]
    capsys.readouterr()
    assert result["enrolled"] == 12
    assert result["examinees_sat"] == 4
    assert result["unrecovered_errors"] == 0, result["error_examples"]
    assert result["stats"]["Aggregated"]["failures"] == 0, result["stats"]
    assert result["stats"]["save_answer"]["requests"] == 4 * result["questions_per_paper"]
    check = result["database_check"]
    assert check["submissions_acknowledged"] == check["attempts_stored"] == 4
    assert check["answers_acknowledged"] == check["answers_stored"] == 4 * result["questions_per_paper"]
    assert check["acknowledged_answers_lost"] == check["submissions_not_stored"] == 0
    assert check["examinees_with_more_than_one_attempt"] == check["score_mismatches"] == 0
    assert check["scores_recomputed"] == 4
    assert result["server_log_tracebacks"] == 0
    # the saturation phase: autosaves and the trivial endpoint back to back, and their ratio
    sat = result["saturation"]
    assert sat["save_answer"]["requests"] > 0 and sat["trivial"]["requests"] > 0
    assert sat["save_answer"]["unrecovered_errors"] == sat["trivial"]["unrecovered_errors"] == 0
    assert 0 < sat["save_to_trivial_ratio"] == round(sat["save_answer"]["rps"] / sat["trivial"]["rps"], 3)
    assert result["examinees_started"] == 4
    text = (tmp_path / "run.md").read_text(encoding="utf-8")
    assert "| save_answer | " in text and "acknowledged answers lost **0**" in text
    assert f"ratio **{sat['save_to_trivial_ratio']}**" in text


def test_examinees_signed_in_before_the_opening_wait_on_the_start_page_and_start_after_it(capsys, tmp_path):
    database = "postgres" if exam_load.cc.is_postgres(os.environ.get("DATABASE_URL")) else "sqlite"
    shm = ["--sqlite-dir", "/dev/shm"] if os.access("/dev/shm", os.W_OK) else []
    result = exam_load.main(["--enrolled", "6", "--examinees", "3", "--users", "3", "--spawn-rate", "3",
                             "--sign-in-lead", "12", "--start-spread", "3", "--databases", database, "--duration",
                             "120", "--saturation-seconds", "0", *shm])[database]
    capsys.readouterr()
    assert result["unrecovered_errors"] == 0, result["error_examples"]
    stats = result["stats"]
    # each opened the counting-down page before the opening, and not one start was refused as too early
    assert stats["exam_start (waiting page)"]["requests"] == 3 and "exam_start (intro)" not in stats
    assert stats["exam_start (the paper)"]["requests"] == 3 and stats["Aggregated"]["failures"] == 0
    check = result["database_check"]
    assert check["attempts_stored"] == check["submissions_acknowledged"] == 3
    assert check["acknowledged_answers_lost"] == check["score_mismatches"] == 0
