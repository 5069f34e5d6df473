"""The audit trail: every service write is recorded in its transaction, and tampering is found."""
import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, transaction

from fazhi.core import audit
from fazhi.core.models import AuditEntry
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
