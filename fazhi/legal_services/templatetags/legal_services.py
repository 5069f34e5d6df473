"""Read-only pieces of this module shown on other modules' pages.

``{% petition_lawyer_logs petition %}`` on the disputes module's petition page: the lawyers' service logs that
concern the petition, limited to the logs the reader may see here (``selectors.logs_about_petition``)."""
from django import template

from .. import selectors

register = template.Library()


@register.inclusion_tag("legal_services/_petition_logs.html", takes_context=True)
def petition_lawyer_logs(context, petition):
    request = context.get("request")
    user = getattr(request, "user", None)
    logs = selectors.logs_about_petition(user=user, petition=petition) if user is not None else []
    return {"logs": logs}
