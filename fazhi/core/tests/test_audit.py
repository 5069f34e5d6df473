"""The audit trail: every service write is recorded in its transaction, and tampering is found."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import audit
from fazhi.core.models import AuditChainHead, AuditEntry, AuditRoot
from fazhi.orgs import services
from fazhi.orgs.choices import UnitKind


@pytest.fixture
def chain(county):
    services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
    return list(AuditEntry.objects.order_by("seq"))


@pytest.mark.django_db
class TestRecording:
    def test_service_write_records_actor_unit_object_and_changed_fields(self, county):
        services.unit_update(actor=county.office, unit=county.water, name="某县水利局")
        entry = AuditEntry.objects.order_by("-seq").first()
        assert entry.event_name == "orgs.unit_updated"
        assert entry.actor == county.office
        assert entry.unit == county.justice  # the actor's unit
        assert entry.object_type == "orgs.OrgUnit" and entry.object_id == str(county.water.pk)
        assert entry.changes == {"name": ["某县水利和湖泊局", "某县水利局"]}

    def test_entry_is_rolled_back_with_a_failed_change(self, county):
        before = AuditEntry.objects.count()
        with pytest.raises(RuntimeError), transaction.atomic():
            services.unit_create(actor=county.office, code="X-1", name="临时单位", kind=UnitKind.DEPARTMENT,
                                 parent=county.gov)
            raise RuntimeError("boom")
        assert AuditEntry.objects.count() == before

    def test_entries_cannot_be_changed_or_deleted_through_the_model(self, chain):
        entry = chain[-1]
        entry.object_repr = "改过"
        with pytest.raises(RuntimeError):
            entry.save()
        with pytest.raises(RuntimeError):
            entry.delete()


@pytest.mark.django_db
class TestVerification:
    def test_intact_chain_verifies(self, chain):
        result = audit.verify()
        assert result.ok and result.checked == len(chain)
        call_command("verify_audit")

    def test_edited_row_is_reported_at_its_sequence_number(self, chain):
        victim = chain[5]
        AuditEntry.objects.filter(pk=victim.pk).update(object_repr="被篡改")
        result = audit.verify()
        assert not result.ok and result.broken_seq == victim.seq
        assert "被修改" in result.reason
        with pytest.raises(CommandError, match=f"第 {victim.seq} 条"):
            call_command("verify_audit")

    def test_edited_changes_json_is_reported(self, chain):
        victim = chain[-1]
        AuditEntry.objects.filter(pk=victim.pk).update(changes={"name": ["A", "B"]})
        assert audit.verify().broken_seq == victim.seq

    def test_row_edited_with_a_recomputed_hash_breaks_the_next_link(self, chain):
        victim = chain[3]
        victim.actor_name = "他人"
        new_hash = audit._hash_payload(audit._entry_fields(victim), victim.prev_hash)
        AuditEntry.objects.filter(pk=victim.pk).update(actor_name="他人", hash=new_hash)
        result = audit.verify()
        assert not result.ok and result.broken_seq == chain[4].seq

    def test_deleted_row_in_the_middle_is_reported(self, chain):
        victim = chain[7]
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.pk])
        result = audit.verify()
        assert not result.ok and result.broken_seq == victim.seq
        assert "删除" in result.reason

    def test_deleted_last_row_is_reported(self, chain):
        victim = chain[-1]
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE id = %s", [victim.pk])
        result = audit.verify()
        assert not result.ok and result.broken_seq == victim.seq


# One chain per county, a signed root ---------------------------------------------------------------------------

def _write(unit, times=1):
    for _ in range(times):
        with transaction.atomic():
            audit.record(actor=None, event="orgs.unit_updated", obj=unit, unit=unit)


@pytest.fixture
def two_counties(county):
    other = services.unit_create(actor=None, code="Q-GOV", name="另一县人民政府", kind=UnitKind.GOVERNMENT)
    other_dept = services.unit_create(actor=None, code="Q-SFJ", name="另一县司法局", kind=UnitKind.DEPARTMENT,
                                      parent=other)
    _write(county.justice, 3)
    _write(other_dept, 3)
    _write(county.gov, 2)
    return county.gov, other


@pytest.mark.django_db
class TestChains:
    def test_each_county_writes_its_own_chain(self, two_counties, county):
        gov, other = two_counties
        mine = list(AuditEntry.objects.filter(chain=f"u{gov.pk}").order_by("seq"))
        theirs = list(AuditEntry.objects.filter(chain=f"u{other.pk}").order_by("seq"))
        assert len(mine) == 5 and len(theirs) == 3
        assert mine[0].prev_seq == 0 and all(b.prev_seq == a.seq for a, b in zip(mine, mine[1:], strict=False))
        assert mine[0].prev_hash == audit.GENESIS and theirs[0].prev_hash == audit.GENESIS
        # the numbers people see stay unique and rising across the installation
        seqs = list(AuditEntry.objects.order_by("id").values_list("seq", flat=True))
        assert seqs == sorted(set(seqs))
        # writes without a unit stay on the installation's own chain
        assert AuditEntry.objects.filter(chain="", event_name="orgs.unit_created").exists()
        assert AuditChainHead.objects.get(key=f"u{other.pk}").label == "另一县人民政府"
        result = audit.verify()
        assert result.ok and result.checked == AuditEntry.objects.count()

    def test_the_first_broken_entry_of_each_chain_is_named(self, two_counties):
        gov, other = two_counties
        mine = AuditEntry.objects.filter(chain=f"u{gov.pk}").order_by("seq")[1]
        theirs = AuditEntry.objects.filter(chain=f"u{other.pk}").order_by("seq")[2]
        AuditEntry.objects.filter(pk__in=[mine.pk, theirs.pk]).update(object_repr="被篡改")
        result = audit.verify()
        assert not result.ok and {(p[0], p[1]) for p in result.problems} == {
            ("某县人民政府", mine.seq), ("另一县人民政府", theirs.seq)}
        with pytest.raises(CommandError) as raised:
            call_command("verify_audit")
        assert f"“某县人民政府”审计链在第 {mine.seq} 条" in str(raised.value)
        assert f"“另一县人民政府”审计链在第 {theirs.seq} 条" in str(raised.value)

    def test_deleting_a_whole_chain_is_found_by_the_signed_root(self, two_counties):
        gov, other = two_counties
        call_command("verify_audit")  # intact: signs a root over every chain's head
        root = AuditRoot.objects.latest("id")
        assert set(root.heads) == {"", f"u{gov.pk}", f"u{other.pk}"}
        last = AuditEntry.objects.filter(chain=f"u{other.pk}").order_by("-seq").first()
        with connection.cursor() as cur:
            cur.execute(f"DELETE FROM {AuditEntry._meta.db_table} WHERE chain = %s", [f"u{other.pk}"])
            cur.execute(f"DELETE FROM {AuditChainHead._meta.db_table} WHERE key = %s", [f"u{other.pk}"])
        result = audit.verify()
        assert not result.ok and result.chain == "另一县人民政府" and result.broken_seq == last.seq
        assert "整条审计链已被删除" in result.reason
        assert not audit.verify_incremental().ok
        with pytest.raises(CommandError, match="整条审计链已被删除"):
            call_command("verify_audit")

    def test_the_root_is_signed_again_only_when_a_chain_moved_and_its_forgery_is_found(self, two_counties, settings):
        gov, _other = two_counties
        assert audit.verify_incremental().ok
        first = AuditRoot.objects.get()
        assert audit.verify_incremental().ok and AuditRoot.objects.count() == 1  # nothing moved
        _write(gov)
        assert audit.verify_incremental().ok and AuditRoot.objects.count() == 2
        # a root rewritten without the installation's key (e.g. to drop a chain) is refused
        AuditRoot.objects.filter(pk=first.pk).update(heads={})
        AuditRoot.objects.exclude(pk=first.pk).delete()
        result = audit.verify()
        assert not result.ok and "签名根被修改" in result.reason
        assert result.message() == "审计链签名根与签名不符（签名根被修改）。"

    def test_a_chain_whose_head_is_gone_is_reported(self, two_counties):
        _gov, other = two_counties
        AuditChainHead.objects.filter(key=f"u{other.pk}").delete()
        result = audit.verify()
        assert not result.ok and "链头缺失" in result.reason

    def test_a_relinked_entry_is_reported(self, two_counties):
        gov, _other = two_counties
        victim = AuditEntry.objects.filter(chain=f"u{gov.pk}").order_by("seq")[2]
        AuditEntry.objects.filter(pk=victim.pk).update(prev_seq=0)
        result = audit.verify()
        assert not result.ok and result.broken_seq == victim.seq and "链接不符" in result.reason


@pytest.mark.django_db(transaction=True)
def test_writes_in_two_counties_do_not_wait_for_each_other(county):
    """PostgreSQL (where writers run concurrently): two transactions of county A hold — and queue on — A's chain;
    a write in county B completes meanwhile, well inside a lock timeout."""
    import threading

    if connection.vendor != "postgresql":
        pytest.skip("SQLite serialises every write transaction; the per-chain lock matters on PostgreSQL")
    other = services.unit_create(actor=None, code="Q-GOV", name="另一县人民政府", kind=UnitKind.GOVERNMENT)
    release, held, errors = threading.Event(), threading.Semaphore(0), []

    def hold_county_a():
        from django.db import connection as conn

        try:
            with transaction.atomic():
                audit.record(actor=None, event="orgs.unit_updated", obj=county.water, unit=county.water)
                held.release()
                release.wait(30)
        except Exception as exc:  # pragma: no cover - reported below
            errors.append(exc)
        finally:
            conn.close()

    first = threading.Thread(target=hold_county_a)
    first.start()
    assert held.acquire(timeout=30)  # A's first transaction holds A's chain head
    second = threading.Thread(target=hold_county_a)
    second.start()  # A's second transaction waits for the first
    try:
        with transaction.atomic():
            with connection.cursor() as cur:
                cur.execute("SET LOCAL lock_timeout = '3s'")  # waiting on A's lock would fail this write
            entry = audit.record(actor=None, event="orgs.unit_updated", obj=other, unit=other)
        assert entry.chain == f"u{other.pk}" and entry.prev_seq == 0
        assert second.is_alive() and not held.acquire(timeout=0.2)  # A's second writer is still queued
    finally:
        release.set()
        first.join(30)
        second.join(30)
    assert not errors
    assert AuditEntry.objects.filter(chain=f"u{county.gov.pk}").count() == 2
    assert audit.verify().ok
