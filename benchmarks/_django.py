"""The start every in-process benchmark shares: a throw-away database (a temporary SQLite file unless
``database_url`` names one), the test settings, Django set up and migrated. Returns the temporary directory,
which must stay referenced while the benchmark runs (it is removed when collected; a ``directory`` given is kept)."""
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))


def start(name, database_url=None, directory=None):
    tmp = tempfile.TemporaryDirectory(prefix=f"fazhi-bench-{name}-")
    where = directory or tmp.name  # ``directory``: keep the SQLite file there (created if missing)
    os.makedirs(where, exist_ok=True)
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{where}/bench.sqlite3"
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    os.environ.setdefault("FAZHI_VAR_DIR", where)

    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.test.utils import setup_test_environment

    setup_test_environment()
    settings.ALLOWED_HOSTS = ["*"]
    settings.MEDIA_ROOT = tmp.name
    call_command("migrate", verbosity=0)
    return tmp
