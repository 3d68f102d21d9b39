"""Hypothesis against every editor form, every query parameter and the CSV importer: whatever comes in (random,
huge, unicode, NaN, negative, overflowing, characters XML cannot carry), the answer is never a 500, and what is
refused writes nothing."""

import hashlib
import io
import re

import pytest
from flask import url_for
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tracker import exports

from .test_editor import route_params  # noqa: F401  (a fixture: real rows for every route's parameters)

EXAMPLES = 40
RECORD_TABLES = [
    "city",
    "motion",
    "action",
    "vote",
    "vote_member",
    "hearing",
    "testimony",
    "source",
    "citation",
    "submission",
    "change_log",
    "changeset",
    "user",
]

# Values people and programs get wrong: every kind the issue names, and a few plain ones to pass some checks.
NASTY = st.one_of(
    st.text(max_size=40),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=20),
    st.sampled_from(["\ufffe", "\uffff", "x\x0bx", "\x00", "\ud7ff", "𝔘𝔫𝔦𝔠𝔬𝔡𝔢", "²", "１", "٣"]),
    st.just("x" * 70_000),
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["NaN", "nan", "inf", "-inf", "1e309", "-0", "0", "-1", "9" * 5000, "2018-02-30", "0000-00-00"]),
    st.sampled_from(["2018-04-16", "6", "pass", "passed", "motion", "restrict", "support", "yes", "https://e.org/"]),
)


def state(db):
    """A fingerprint of every record table's rows: equal before and after means nothing was written."""
    digest = hashlib.sha256()
    for table in RECORD_TABLES:
        for row in db.execute(f"SELECT * FROM [{table}] ORDER BY rowid"):
            digest.update(repr(row).encode())
    return digest.hexdigest()


def field_names(page):
    """The names of a page's form fields (its first form that posts), the CSRF token aside."""
    form = re.search(r'<form[^>]*method="post"[^>]*>(.*?)</form>', page, re.S | re.I)
    names = re.findall(r'name="([^"]+)"', form.group(1)) if form else []
    return sorted(set(names) - {"csrf_token"})


def post_routes(app, params):
    """Every editor URL that takes a POST, built with real rows."""
    urls = []
    with app.test_request_context():
        for rule in app.url_map.iter_rules():
            if "POST" in rule.methods and rule.endpoint.startswith("editor.") and rule.endpoint != "editor.import_csv":
                urls.append(url_for(rule.endpoint, **params.get(rule.endpoint, {})))
    return sorted(urls)


def test_every_editor_form_refuses_what_it_cannot_take_without_an_error_or_a_write(app, as_role, db, route_params):  # noqa: F811
    editor = as_role("admin")  # the role that may post to every form
    routes = post_routes(app, route_params)
    assert len(routes) >= 15, routes
    forms = {}
    for url in routes:
        page = editor.get(url)
        forms[url] = field_names(page.get_data(as_text=True)) if page.status_code == 200 else ["decision", "reason"]

    @given(url=st.sampled_from(routes), data=st.data())
    @settings(max_examples=EXAMPLES * 4, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(url, data):
        """Post generated values to one form: an error page is a failure, and a refusal must change nothing."""
        fields = forms[url] or ["x"]
        values = data.draw(st.dictionaries(st.sampled_from(fields), NASTY, max_size=len(fields)))
        before = state(db)
        response = editor.post(url, data=values)
        assert response.status_code < 500
        if response.status_code != 302:  # refused: the form is shown again with its messages, or an error page
            assert state(db) == before, (url, values, response.status_code)

    fuzz()


QUERY_NAMES = ["page", "status", "state", "kind", "aim", "sort", "q", "city", "row", "before", "table", "op", "user"]
QUERY_NAMES += ["place", "motion", "confirmed", "saved", "next"]


def test_every_query_parameter_takes_anything_without_an_error(app, as_role, route_params):  # noqa: F811
    # Email alerts on (no mail is sent: a page only queues it), so that their pages are fuzzed too.
    app.config.update(SMTP_URL="smtp://127.0.0.1:9", MAIL_FROM="alerts@tracker.test", SITE_URL="http://localhost")
    editor, visitor = as_role("editor"), app.test_client()
    with app.test_request_context():
        urls = sorted(
            url_for(rule.endpoint, **route_params.get(rule.endpoint, {}))
            for rule in app.url_map.iter_rules()
            if "GET" in rule.methods and rule.endpoint not in ("static", "leaflet", "exports.public_database")
        )

    @given(url=st.sampled_from(urls), query=st.dictionaries(st.sampled_from(QUERY_NAMES), NASTY, max_size=4))
    @settings(max_examples=EXAMPLES * 5, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(url, query):
        """Ask one page with generated query parameters, as a visitor and as an editor."""
        for client in (visitor, editor):
            response = client.get(url, query_string=query)
            response.close()
            assert response.status_code < 500, (url, query)

    fuzz()


CSV_COLUMNS = st.lists(st.sampled_from(exports.MOTION_COLUMNS), min_size=1, unique=True)


@st.composite
def csv_files(draw):
    """A CSV file in the import format, or near it: valid columns (mostly), cells of any kind."""
    header = draw(st.one_of(st.just(list(exports.MOTION_COLUMNS)), CSV_COLUMNS, st.lists(st.text(max_size=8))))
    rows = draw(st.lists(st.lists(NASTY.filter(lambda v: len(v) < 5000), max_size=len(header) + 1), max_size=6))
    out = io.StringIO()
    import csv

    writer = csv.writer(out)
    writer.writerow(header)
    writer.writerows(rows)
    text = out.getvalue()
    return text.encode("utf-8", "surrogatepass") if draw(st.booleans()) else text.encode("utf-8", "replace")


def test_the_importer_takes_any_file_without_an_error_and_all_or_nothing(as_role, db):
    editor = as_role("editor")

    @given(body=csv_files(), dry_run=st.booleans())
    @settings(max_examples=EXAMPLES * 3, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(body, dry_run):
        """Import one generated file through the editor's page."""
        before = state(db)
        data = {"file": (io.BytesIO(body), "motions.csv")}
        if dry_run:
            data["dry_run"] = "y"
        response = editor.post("/editor/import", data=data, content_type="multipart/form-data")
        page = response.get_data(as_text=True)
        assert response.status_code == 200
        if dry_run or "nothing was written" in page.lower() or "error" in page.lower():
            assert state(db) == before

    fuzz()


@pytest.mark.parametrize("body", [b"city,state,title,kind\r\n" + b"Durham,NC,A,motion\r\n" * 3, b"\xff\xfe\x00"])
def test_a_file_the_fuzzer_would_take_some_time_to_find(as_role, db, body):
    # Kept as plain cases: a file with duplicate rows, and one that is not UTF-8.
    response = as_role("editor").post(
        "/editor/import", data={"file": (io.BytesIO(body), "m.csv")}, content_type="multipart/form-data"
    )
    assert response.status_code == 200
