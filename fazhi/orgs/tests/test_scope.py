"""Data scope: each persona sees exactly its share of units and users; the outsider sees no one else's."""
import pytest
from django.core.exceptions import ImproperlyConfigured
from django.test.utils import isolate_apps

from fazhi.orgs import scope, services
from fazhi.orgs.builtin_roles import Perm
from fazhi.orgs.checks import scope_errors
from fazhi.orgs.models import OrgUnit, User


def codes(user, perm=Perm.VIEW_UNITS, write=False):
    fn = scope.changeable if write else scope.visible
    return set(fn(user, OrgUnit.objects.all(), perm=perm).values_list("code", flat=True))


@pytest.mark.django_db
class TestVisibleUnits:
    def test_office_and_leader_see_every_unit(self, county):
        every = set(OrgUnit.objects.values_list("code", flat=True))
        assert codes(county.office) == every
        assert codes(county.leader) == every

    def test_liaison_sees_own_department_and_below(self, county):
        assert codes(county.liaison) == {"P-SCJ", "P-SCJ-CG"}

    def test_reviewer_sees_only_own_department(self, county):
        assert codes(county.reviewer) == {"P-SFJ"}

    def test_lawyer_sees_the_assigned_villages(self, county):
        assert codes(county.lawyer) == {"P-T01-01", "P-T01-02"}

    def test_officer_with_self_scope_sees_no_unit(self, county):
        assert codes(county.officer) == set()

    def test_outsider_sees_only_own_bureau(self, county):
        assert codes(county.outsider) == {"P-SLJ"}

    def test_anonymous_sees_nothing(self, county):
        from django.contrib.auth.models import AnonymousUser

        assert not scope.visible(AnonymousUser(), OrgUnit.objects.all()).exists()


@pytest.mark.django_db
class TestChangeable:
    def test_leader_reads_everything_and_changes_nothing(self, county):
        assert codes(county.leader, write=True) == set()
        assert scope.can_see(county.leader, county.market)
        assert not scope.can_change(county.leader, county.market)

    def test_office_may_change_every_unit(self, county):
        assert scope.can_change(county.office, county.water, perm=Perm.MANAGE_UNITS)

    def test_permission_narrows_the_grants_used(self, county):
        # A liaison's grant does not carry 'manage units', so nothing is changeable under it.
        assert codes(county.liaison, perm=Perm.MANAGE_UNITS, write=True) == set()


@pytest.mark.django_db
class TestSelfScopeAndPosts:
    def test_self_scope_sees_own_user_record_only(self, county):
        seen = scope.visible(county.officer, User.objects.all())
        assert list(seen) == [county.officer]

    def test_a_post_in_another_unit_adds_that_unit(self, county):
        services.role_grant(actor=county.sysadmin, user=county.reviewer, role_code="liaison",
                            unit=county.township, post="兼任城关镇法制员")
        assert codes(county.reviewer) == {"P-SFJ", "P-T01", "P-T01-01", "P-T01-02"}

    def test_custom_scope_needs_units(self, county):
        from fazhi.core.errors import DomainError

        with pytest.raises(DomainError, match="自定义"):
            services.role_grant(actor=county.sysadmin, user=county.outsider, role_code="lawyer", scope="custom")

    def test_moving_a_unit_moves_it_out_of_a_tree_scope(self, county):
        services.unit_move(actor=county.office, unit=county.market_station, new_parent=county.water)
        assert codes(county.liaison) == {"P-SCJ"}
        assert codes(county.outsider) == {"P-SLJ", "P-SCJ-CG"}


class TestFailClosed:
    @isolate_apps("fazhi.orgs")
    def test_a_model_without_a_scope_declaration_is_a_startup_error(self):
        from django.db import models

        class Undeclared(models.Model):
            class Meta:
                app_label = "orgs"
                managed = False

        class Declared(models.Model):
            unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE)
            scope_owner = "unit"

            class Meta:
                app_label = "orgs"
                managed = False

        class WrongOwner(models.Model):
            name = models.CharField(max_length=10)
            scope_owner = "name"

            class Meta:
                app_label = "orgs"
                managed = False

        errors = scope_errors([Undeclared, Declared, WrongOwner])
        assert [e.id for e in errors] == ["fazhi.E001", "fazhi.E002"]
        assert "未声明数据权限" in errors[0].msg
        with pytest.raises(ImproperlyConfigured):
            scope.visible(None, Undeclared.objects.all())

    def test_every_model_of_ours_is_declared(self):
        from django.core.management import call_command

        call_command("check")  # raises SystemCheckError on fazhi.E001/E002
