"""Back the county's records up into one archive, and bring them back into an empty installation.

The archive (a .tar.gz) holds:

- ``manifest.json`` — the format marker, the platform version, when and from which database kind it was
  made, and for every other member its size and SHA-256;
- ``database.sqlite3`` (SQLite's online backup: a consistent copy while the platform keeps serving) or
  ``database.pgdump`` (``pg_dump --format=custom``);
- ``files/<name>`` — every uploaded file, read through the storage API (so an object store works too).

``restore`` checks the whole archive before it touches anything: a foreign file (no manifest, another
format), a damaged one (a size or checksum that does not match) or one made from the other database kind is
refused with a Chinese message; the target must be an empty installation (no account yet). Nothing is
half-restored: the database comes back in one step, then the files.
"""
import hashlib
import io
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.core.files.base import ContentFile
from django.db import connections

from . import clock
from .errors import DomainError

FORMAT = "fazhi-backup"
FORMAT_VERSION = 1
SKIP_PREFIXES = ("healthz/",)


def platform_version():
    try:
        import tomllib

        with open(Path(settings.BASE_DIR) / "pyproject.toml", "rb") as f:
            return tomllib.load(f)["project"]["version"]
    except (OSError, KeyError, ValueError):
        return "unknown"


def _vendor():
    return connections["default"].vendor


def _sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def _pg_tool(name):
    found = shutil.which(name)
    if found:
        return found
    for candidate in sorted(Path("/usr/lib/postgresql").glob(f"*/bin/{name}"), reverse=True):
        return str(candidate)
    raise DomainError(f"服务器上没有找到 PostgreSQL 的 {name} 工具，无法备份或恢复数据库。")


def _pg_url():
    s = connections["default"].settings_dict
    user = s.get("USER") or ""
    password = f":{s['PASSWORD']}" if s.get("PASSWORD") else ""
    at = f"{user}{password}@" if user else ""
    port = f":{s['PORT']}" if s.get("PORT") else ""
    return f"postgresql://{at}{s.get('HOST') or ''}{port}/{s['NAME']}"


def _storage_files(storage, directory=""):
    dirs, files = storage.listdir(directory)
    for name in files:
        path = f"{directory}/{name}" if directory else name
        if not path.startswith(SKIP_PREFIXES):
            yield path
    for d in dirs:
        yield from _storage_files(storage, f"{directory}/{d}" if directory else d)


def backup(output=None):
    """Write the archive; returns its path."""
    from django.core.files.storage import default_storage

    stamp = clock.now().strftime("%Y%m%d-%H%M%S")
    output = Path(output or Path(settings.VAR_DIR) / "backups" / f"fazhi-{stamp}.tar.gz")
    output.parent.mkdir(parents=True, exist_ok=True)
    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="fazhi-backup-") as tmp:
        entries = []
        if vendor == "sqlite":
            db_path = Path(tmp) / "database.sqlite3"
            connection = connections["default"]
            connection.ensure_connection()
            target = sqlite3.connect(db_path)
            try:
                connection.connection.backup(target)
            finally:
                target.close()
        elif vendor == "postgresql":
            db_path = Path(tmp) / "database.pgdump"
            out = subprocess.run([_pg_tool("pg_dump"), "--format=custom", "--no-owner", "--no-privileges",
                                  f"--file={db_path}", f"--dbname={_pg_url()}"], capture_output=True, text=True)
            if out.returncode != 0:
                raise DomainError(f"数据库导出失败：{out.stderr.strip()[-300:]}")
        else:
            raise DomainError(f"不支持备份 {vendor} 数据库。")
        entries.append({"name": db_path.name, "size": db_path.stat().st_size, "sha256": _sha256(db_path)})
        files_dir = Path(tmp) / "files"
        for name in _storage_files(default_storage):
            local = files_dir / name
            local.parent.mkdir(parents=True, exist_ok=True)
            with default_storage.open(name, "rb") as src, open(local, "wb") as dst:
                shutil.copyfileobj(src, dst)
            entries.append({"name": f"files/{name}", "size": local.stat().st_size, "sha256": _sha256(local)})
        manifest = {"format": FORMAT, "format_version": FORMAT_VERSION, "platform_version": platform_version(),
                    "created_at": clock.now().isoformat(), "database": vendor, "entries": entries}
        partial = output.with_suffix(output.suffix + ".part")
        with tarfile.open(partial, "w:gz") as tar:
            data = json.dumps(manifest, ensure_ascii=False, indent=2).encode()
            info = tarfile.TarInfo("manifest.json")
            info.size, info.mtime = len(data), int(clock.now().timestamp())
            tar.addfile(info, io.BytesIO(data))
            for entry in entries:
                tar.add(Path(tmp) / entry["name"], arcname=entry["name"], recursive=False)
        os.replace(partial, output)  # a crash never leaves a half-written archive under the final name
    return output


def _refuse(message):
    raise DomainError(f"不能恢复：{message}", code="restore_refused")


def read_archive(path, into):
    """Check the archive completely and unpack it into the folder ``into``; returns the manifest."""
    try:
        tar = tarfile.open(path, "r:gz")
    except (OSError, tarfile.TarError):
        _refuse("这不是本平台的备份文件（无法作为 .tar.gz 打开）。")
    with tar:
        try:
            member = tar.getmember("manifest.json")
            manifest = json.loads(tar.extractfile(member).read().decode("utf-8"))
        except (KeyError, ValueError, UnicodeDecodeError, AttributeError, tarfile.TarError, OSError, EOFError):
            _refuse("这不是本平台的备份文件（缺少或无法读取备份清单）。")
        if manifest.get("format") != FORMAT:
            _refuse("这不是本平台的备份文件（格式标记不符）。")
        if manifest.get("format_version") != FORMAT_VERSION:
            _refuse(f"备份格式版本 {manifest.get('format_version')} 与本平台（{FORMAT_VERSION}）不一致。")
        expected = {e["name"]: e for e in manifest.get("entries", [])}
        names = set()
        try:
            for info in tar:
                if info.name == "manifest.json":
                    continue
                clean = PurePosixPath(info.name)
                if info.name not in expected or clean.is_absolute() or ".." in clean.parts or not info.isfile():
                    _refuse(f"备份中有清单以外的内容（{info.name}）。")
                target = Path(into) / clean
                target.parent.mkdir(parents=True, exist_ok=True)
                with tar.extractfile(info) as src, open(target, "wb") as dst:
                    shutil.copyfileobj(src, dst)
                entry = expected[info.name]
                if target.stat().st_size != entry["size"] or _sha256(target) != entry["sha256"]:
                    _refuse(f"备份文件已损坏：{info.name} 的内容与清单记载的不一致。")
                names.add(info.name)
        except (tarfile.TarError, OSError, EOFError, zlib.error):
            _refuse("备份文件已损坏（压缩数据不完整）。")
        missing = set(expected) - names
        if missing:
            _refuse(f"备份文件不完整，缺少：{'、'.join(sorted(missing))[:200]}。")
    return manifest


def _installation_is_empty():
    from django.contrib.auth import get_user_model
    from django.db.utils import DatabaseError

    try:
        return not get_user_model().objects.exists()
    except DatabaseError:  # no tables yet: as empty as it gets
        connections["default"].close()
        return True


def restore(path):
    """Bring the archive back into this (empty) installation; returns the manifest."""
    from django.core.files.storage import default_storage

    vendor = _vendor()
    with tempfile.TemporaryDirectory(prefix="fazhi-restore-") as tmp:
        manifest = read_archive(path, tmp)
        if manifest["database"] != vendor:
            _refuse(f"备份来自 {manifest['database']} 数据库，本安装使用 {vendor}，请在相同类型的数据库上恢复。")
        if not _installation_is_empty():
            _refuse("本安装中已有用户和记录。恢复只能在新安装（空数据库）上进行，以免覆盖现有记录。")
        if vendor == "sqlite":
            name = connections["default"].settings_dict["NAME"]
            if str(name) in (":memory:", "") or "mode=memory" in str(name):
                _refuse("内存数据库不能恢复备份。")
            connections["default"].close()
            partial = f"{name}.restoring"
            shutil.copyfile(Path(tmp) / "database.sqlite3", partial)
            for suffix in ("-wal", "-shm"):
                Path(f"{name}{suffix}").unlink(missing_ok=True)
            os.replace(partial, name)
        else:
            connections["default"].close()
            out = subprocess.run([_pg_tool("pg_restore"), "--clean", "--if-exists", "--no-owner", "--no-privileges",
                                  "--single-transaction", f"--dbname={_pg_url()}", str(Path(tmp) / "database.pgdump")],
                                 capture_output=True, text=True)
            if out.returncode != 0:
                raise DomainError(f"数据库恢复失败：{out.stderr.strip()[-300:]}")
        for entry in manifest["entries"]:
            if entry["name"].startswith("files/"):
                name = entry["name"][len("files/"):]
                if default_storage.exists(name):
                    default_storage.delete(name)
                with open(Path(tmp) / entry["name"], "rb") as f:
                    saved = default_storage.save(name, ContentFile(f.read()))
                if saved != name:
                    raise DomainError(f"文件 {name} 无法按原名恢复（存储返回 {saved}）。")
    return manifest
