"""Sign-in security: lockout after 5 failures for 15 minutes, the login log, password rules, sessions."""
import datetime

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from fazhi.core.errors import DomainError
from fazhi.core.models import AuditEntry
from fazhi.orgs import security, services
from fazhi.orgs.models import LoginLog
from fazhi.testing.personas import PASSWORD

LOGIN = "/login/"


def attempt(client, username, password, ip="10.1.2.3"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=ip)


@pytest.mark.django_db
class TestLockout:
    def test_five_failures_lock_the_account_and_say_so(self, client, county):
        for i in range(4):
            response = attempt(client, "office", "wrong")
            assert f"还可尝试{4 - i}次" in response.content.decode()
        response = attempt(client, "office", "wrong")
        assert "账户已锁定" in response.content.decode() and "15分钟" in response.content.decode()
        # even the right password is refused while locked
        response = attempt(client, "office", PASSWORD)
        assert response.status_code == 200 and "账户已锁定" in response.content.decode()
        assert "_auth_user_id" not in client.session

    def test_lock_ends_after_fifteen_minutes(self, client, county, monkeypatch):
        for _ in range(5):
            attempt(client, "office", "wrong")
        later = timezone.now() + datetime.timedelta(minutes=15, seconds=1)
        monkeypatch.setattr(timezone, "now", lambda: later)
        response = attempt(client, "office", PASSWORD)
        assert response.status_code == 302 and response.url == reverse("console:workbench")

    def test_still_locked_at_fourteen_minutes(self, county):
        for _ in range(5):
            LoginLog.objects.create(username="office", event="failure")
        state = security.lock_state("office", now=timezone.now() + datetime.timedelta(minutes=14))
        assert state.locked_until is not None

    def test_a_success_resets_the_count(self, client, county):
        for _ in range(4):
            attempt(client, "office", "wrong")
        assert attempt(client, "office", PASSWORD).status_code == 302
        client.post("/logout/")
        response = attempt(client, "office", "wrong")
        assert "还可尝试4次" in response.content.decode()

    def test_administrator_unlock(self, client, county):
        for _ in range(5):
            attempt(client, "office", "wrong")
        from django.db import transaction

        with transaction.atomic():
            services.user_unlock(actor=county.sysadmin, user=county.office)
        assert attempt(client, "office", PASSWORD).status_code == 302

    def test_unknown_names_behave_like_known_ones(self, client, county):
        response = attempt(client, "nobody", "wrong")
        assert "用户名或密码错误" in response.content.decode()

    def test_inactive_user_cannot_sign_in(self, client, county):
        county.office.is_active = False
        county.office.save()
        assert attempt(client, "office", PASSWORD).status_code == 200


@pytest.mark.django_db
class TestLoginLog:
    def test_login_and_logout_are_logged_with_ip_and_time(self, client, county):
        attempt(client, "office", "wrong", ip="10.9.9.9")
        attempt(client, "office", PASSWORD, ip="10.9.9.9")
        client.post("/logout/", REMOTE_ADDR="10.9.9.9")
        events = list(LoginLog.objects.filter(username="office").order_by("id").values_list("event", "ip"))
        assert events == [("failure", "10.9.9.9"), ("success", "10.9.9.9"), ("logout", "10.9.9.9")]
        audited = set(AuditEntry.objects.filter(ip="10.9.9.9").values_list("event_name", flat=True))
        assert audited == {"orgs.login_failed", "orgs.login", "orgs.logout"}

    def test_logout_needs_post(self, client, county):
        client.force_login(county.office)
        assert client.get("/logout/").status_code == 405


@pytest.mark.django_db
class TestPasswordsAndSessions:
    @pytest.mark.parametrize("password", ["short1A", "alllowercase1", "ALLUPPER123", "abcdefgh!"])
    def test_weak_passwords_are_refused(self, county, password):
        with pytest.raises(DomainError) as exc:
            services.user_create(actor=county.sysadmin, username="new", full_name="新用户", unit=county.water,
                                 password=password)
        assert exc.value.field == "password"

    def test_strong_password_is_hashed(self, county):
        user = services.user_create(actor=county.sysadmin, username="new", full_name="新用户", unit=county.water,
                                    password="Strong#2024")
        assert user.password.split("$")[0] in {"pbkdf2_sha256", "md5"} and "Strong#2024" not in user.password

    def test_session_expires_after_thirty_idle_minutes(self, client, county, monkeypatch):
        assert settings.FAZHI_SESSION_IDLE_SECONDS == 30 * 60
        assert attempt(client, "office", PASSWORD).status_code == 302
        start = timezone.now()
        # 29 minutes idle: still signed in, and the request restarts the clock
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(minutes=29))
        assert client.get("/workbench/").status_code == 200
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(minutes=58))
        assert client.get("/workbench/").status_code == 200
        # then 31 minutes without a request: signed out
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(minutes=90))
        response = client.get("/workbench/")
        assert response.status_code == 302 and response.url.startswith("/login/")

    def test_requests_within_a_minute_do_not_write_the_session_again(self, client, county, monkeypatch):
        """An exam's autosaves don't each rewrite the session row; the expiry still moves once a minute."""
        from django.contrib.sessions.models import Session

        assert attempt(client, "office", PASSWORD).status_code == 302
        start = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=61))
        client.get("/orgs/units/")
        expiry = Session.objects.get().expire_date
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=90))
        client.get("/orgs/units/")
        assert Session.objects.get().expire_date == expiry  # 29 s later: not written
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=125))
        client.get("/orgs/units/")
        assert Session.objects.get().expire_date > expiry  # a minute later: moved forward

    def test_a_request_that_saves_the_session_anyway_counts_as_its_refresh(self, client, county, monkeypatch):
        """The workbench keeps its to-do counts in the session: that save moves the expiry, and the next
        refresh is a minute after it, not a minute after signing in."""
        from django.contrib.sessions.models import Session

        assert attempt(client, "office", PASSWORD).status_code == 302
        start = timezone.now()
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=30))
        client.get("/workbench/")
        expiry = Session.objects.get().expire_date
        assert expiry >= start + datetime.timedelta(seconds=30 + settings.FAZHI_SESSION_IDLE_SECONDS)
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=70))
        client.get("/orgs/units/")
        assert Session.objects.get().expire_date == expiry  # 40 s after the workbench's save: not written
        monkeypatch.setattr(timezone, "now", lambda: start + datetime.timedelta(seconds=95))
        client.get("/orgs/units/")
        assert Session.objects.get().expire_date > expiry

    def test_an_english_browser_still_gets_chinese_messages(self, client, county):
        """No language is negotiated: Django's own messages (a required field) are Chinese whatever the browser
        asks for."""
        response = client.post("/login/", {"username": "", "password": ""}, HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
        page = response.content.decode()
        assert response.status_code == 200 and "字段是必填项" in page and "This field is required" not in page
        assert response.headers.get("Content-Language") in (None, "zh-hans")

    def test_the_public_site_creates_no_session(self, client, county):
        from django.contrib.sessions.models import Session

        client.get("/")
        assert not Session.objects.exists()

    def test_password_change(self, client, county):
        client.force_login(county.office)
        response = client.post("/account/password/", {"old_password": PASSWORD, "new_password": "simple",
                                                      "new_password2": "simple"})
        assert "至少三类" in response.content.decode() or "太短" in response.content.decode()
        response = client.post("/account/password/", {"old_password": PASSWORD, "new_password": "Newer#2025x",
                                                      "new_password2": "Newer#2025x"})
        assert response.status_code == 302
        county.office.refresh_from_db()
        assert county.office.check_password("Newer#2025x")


class TestClientAddress:
    def test_behind_one_trusted_proxy_the_forwarded_address_counts(self, rf, settings):
        settings.FAZHI_TRUSTED_PROXIES = 1
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4, 172.16.0.9")
        assert security.client_ip(request) == "172.16.0.9"  # the hop nginx added; the left part is the client's word

    def test_without_proxies_the_header_is_ignored(self, rf, settings):
        settings.FAZHI_TRUSTED_PROXIES = 0
        request = rf.get("/", REMOTE_ADDR="10.0.0.1", HTTP_X_FORWARDED_FOR="1.2.3.4")
        assert security.client_ip(request) == "10.0.0.1"
