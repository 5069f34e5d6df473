"""/ping: the trivial endpoint the exam benchmark measures the server's ceiling with — no query, no page."""
import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse


@pytest.mark.django_db
def test_ping_answers_without_touching_the_database(client):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("console:ping"))
    assert response.status_code == 200 and response.content == b"ok"
    assert len(queries) == 0
