"""The SQLite search index gets a ``tags`` column (public / source / unit as tokens, so filtered counts stay
cheap) and a trigger that drops an entry's index row when the entry is deleted (also by ``flush``)."""
import re

from django.db import migrations

_RUN = re.compile(r"[^\W_]+", re.UNICODE)


def _bigrams(text):
    out = []
    for run in _RUN.findall((text or "").lower()):
        out.extend([run] if len(run) == 1 else [run[i:i + 2] for i in range(len(run) - 1)])
    return " ".join(out)


def _tags(source, unit_id, public):
    tags = ["zs" + re.sub(r"[^0-9a-z]", "x", source.lower()), f"zu{unit_id or 0}"]
    if public:
        tags.append("zpublic")
    return " ".join(tags)


def rebuild(apps, schema_editor):
    if schema_editor.connection.vendor != "sqlite":
        return
    schema_editor.execute("DROP TRIGGER IF EXISTS core_searchentry_fts_ad")
    schema_editor.execute("DROP TABLE IF EXISTS core_searchentry_fts")
    schema_editor.execute(
        "CREATE VIRTUAL TABLE core_searchentry_fts USING fts5("
        "title, body, tags, tokenize='unicode61 remove_diacritics 0', detail='full')")
    schema_editor.execute(
        "CREATE TRIGGER core_searchentry_fts_ad AFTER DELETE ON core_searchentry "
        "BEGIN DELETE FROM core_searchentry_fts WHERE rowid = old.id; END")
    SearchEntry = apps.get_model("core", "SearchEntry")
    rows = [(e.pk, _bigrams(e.title), _bigrams(e.text), _tags(e.source, e.unit_id, e.public))
            for e in SearchEntry.objects.all().iterator()]
    if rows:
        with schema_editor.connection.cursor() as cur:
            cur.executemany("INSERT INTO core_searchentry_fts(rowid, title, body, tags) VALUES (%s, %s, %s, %s)",
                            rows)


def back(apps, schema_editor):
    if schema_editor.connection.vendor == "sqlite":
        schema_editor.execute("DROP TRIGGER IF EXISTS core_searchentry_fts_ad")


class Migration(migrations.Migration):

    dependencies = [
        ("core", "0004_searchentry"),
    ]

    operations = [migrations.RunPython(rebuild, back)]
