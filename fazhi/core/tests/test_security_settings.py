"""Secure headers, a CSP that allows only this host, and production settings that refuse unsafe starts."""
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(settings.BASE_DIR)


@pytest.mark.django_db
def test_pages_carry_the_security_headers(client):
    response = client.get("/login/")
    csp = response.headers["Content-Security-Policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert "http" not in csp  # no other host is allowed
    assert response.headers["X-Frame-Options"] == "DENY"
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Referrer-Policy"] == "same-origin"


@pytest.mark.django_db
def test_forms_are_protected_against_csrf(county):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    assert client.post("/login/", {"username": "office", "password": "x"}).status_code == 403


def test_templates_load_nothing_from_another_host_and_run_no_inline_script():
    for path in ROOT.glob("fazhi/**/templates/**/*.html"):
        text = path.read_text(encoding="utf-8")
        assert not re.search(r'(src|href)="(https?:)?//', text), path
        assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", text), f"inline script in {path}"
        assert " style=" not in text, f"inline style in {path} (the CSP blocks it)"


def _start_production(env):
    code = "import django; django.setup()"
    full_env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.production", **env}
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=full_env, capture_output=True, text=True)


def test_production_refuses_debug():
    result = _start_production({"DJANGO_DEBUG": "true", "DJANGO_SECRET_KEY": "x" * 50})
    assert result.returncode != 0 and "DEBUG" in result.stderr


def test_production_refuses_the_default_secret_key():
    result = _start_production({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": ""})
    assert result.returncode != 0 and "DJANGO_SECRET_KEY" in result.stderr


def test_production_starts_when_configured():
    result = _start_production({"DJANGO_DEBUG": "false", "DJANGO_SECRET_KEY": "k" * 50})
    assert result.returncode == 0, result.stderr
