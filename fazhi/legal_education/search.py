"""Search entries for staff (scoped by the owning unit): 普法 activities, culture sites and study sessions."""
from django.urls import reverse
from django.utils.http import urlencode

from fazhi.core.registry import register_search

from .models import Activity, CultureSite, StudySession


def activity_fields(a):
    return dict(title=a.title, text=" ".join(filter(None, [a.get_kind_display(), a.laws, a.place_detail, a.summary])),
                unit=a.unit, url=a.get_absolute_url(), public=False)


def site_fields(s):
    return dict(title=s.name, text=" ".join(filter(None, [s.get_level_display(), s.designation, s.place_detail])),
                unit=s.unit, url=s.get_absolute_url(), public=False)


def study_fields(s):
    return dict(title=f"{s.held_on:%Y-%m-%d} {s.topic}",
                text=" ".join(filter(None, [s.get_kind_display(), s.meeting, s.presenter])),
                unit=s.unit, url=f"{reverse('legal_education:study_list')}?{urlencode({'q': s.topic})}", public=False)


def _entries(model, fields):
    def entries():
        for obj in model.objects.select_related("unit").iterator():
            yield obj, fields(obj)

    return entries


register_search("legal_education.activity", label="普法活动", entries=_entries(Activity, activity_fields))
register_search("legal_education.site", label="法治文化阵地", entries=_entries(CultureSite, site_fields))
register_search("legal_education.study", label="学法活动", entries=_entries(StudySession, study_fields))
