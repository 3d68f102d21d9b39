"""Public responses carry validators from the public record's version, answer 304 early and are reused."""

import random

import pytest

from tracker import records

from .conftest import counting_queries, log_in


@pytest.mark.parametrize("path", ["/", "/motions/1", "/cities/durham-nc", "/api/v1/motions/1", "/feed.atom"])
def test_a_conditional_request_is_answered_304_with_one_query(app, client, path):
    first = client.get(path)
    assert first.status_code == 200
    assert first.headers["Cache-Control"] == "public, max-age=60"
    assert "Cookie" in first.headers["Vary"]
    with counting_queries(app) as statements:
        again = client.get(path, headers={"If-None-Match": first.headers["ETag"]})
    assert again.status_code == 304 and again.get_data() == b""
    assert len(statements) == 1, statements  # the public version, nothing else


def test_the_same_page_is_served_again_without_being_built(app, client):
    client.get("/motions/1")  # the first request notes the address; the second's response is kept
    first = client.get("/motions/1")
    with counting_queries(app) as statements:
        again = client.get("/motions/1")
    assert again.headers.get("X-Cache") == "hit" and again.get_data() == first.get_data()
    assert len(statements) == 1, statements
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]


def test_a_public_change_shows_at_once(client, db, durham_id):
    assert "Changed summary" not in client.get(f"/motions/{durham_id}").get_data(as_text=True)
    etag = client.get(f"/motions/{durham_id}").headers["ETag"]
    records.update_motion(db, durham_id, {"summary": "Changed summary."})
    fresh = client.get(f"/motions/{durham_id}", headers={"If-None-Match": etag})
    assert fresh.status_code == 200 and "X-Cache" not in fresh.headers
    assert "Changed summary" in fresh.get_data(as_text=True)


def test_a_change_to_a_draft_keeps_the_validators(client, db):
    city_id = db.execute("SELECT id FROM city").fetchone()[0]
    etag = client.get("/").headers["ETag"]
    draft = records.create_motion(db, {"city_id": city_id, "kind": "resolution", "title": "A draft", "published": 0})
    records.add_action(db, draft, {"date": "2020-01-01", "classification": "introduced", "description": "Drafted."})
    assert client.get("/", headers={"If-None-Match": etag}).status_code == 304


def test_pages_for_people_logged_in_are_private_and_never_shared(app, accounts):
    editor = app.test_client()
    log_in(editor, "editor")
    own = editor.get("/")
    assert own.headers["Cache-Control"] == "no-store" and "ETag" not in own.headers
    assert "Log out" in own.get_data(as_text=True)
    app.test_client().get("/")
    anonymous = app.test_client().get("/")
    assert "Log out" not in anonymous.get_data(as_text=True)
    assert app.test_client().get("/").headers.get("X-Cache") == "hit"
    # ...and the page kept for visitors is not what someone logged in is given.
    assert "Log out" in editor.get("/").get_data(as_text=True)


def test_the_page_cache_keeps_to_its_size_dropping_the_least_recently_used():
    from tracker.caching import PageCache

    cache = PageCache(max_bytes=20_000, max_entry=50_000)
    # Bodies that do not compress much, so that 100 of them cannot fit.
    pages = {f"/motions/{i}": random.Random(i).randbytes(1500).hex().encode() for i in range(100)}
    for key, body in pages.items():
        for _ in range(2):  # kept from the second time on
            cache.put("v1", key, 200, [("Content-Type", "text/html")], body)
        assert cache.get("v1", "/motions/0") is not None  # used again and again: never the one dropped
    assert cache.size <= 20_000 and len(cache.entries) < 100
    assert cache.get("v1", "/motions/1") is None  # long unused: dropped
    assert cache.get("v1", "/motions/99") == (200, [("Content-Type", "text/html")], pages["/motions/99"], False)
    assert cache.get("v2", "/motions/99") is None  # another version of the record: nothing kept applies
    cache.put("v1", "/big", 200, [], b"x" * 60_000)
    cache.put("v1", "/big", 200, [], b"x" * 60_000)
    assert cache.get("v1", "/big") is None  # larger than one entry may be


def test_a_kept_page_and_its_304_are_answered_before_flask_runs(app, client):
    client.get("/about")
    first = client.get("/about")
    calls, door = [], app.wsgi_app
    flask_app = door.wsgi_app

    def counted(environ, start_response):
        """Flask's own WSGI app, counting the requests that reach it."""
        calls.append(1)
        return flask_app(environ, start_response)

    door.wsgi_app = counted
    again = client.get("/about")
    assert again.headers["X-Cache"] == "hit" and again.get_data() == first.get_data() and calls == []
    assert again.headers["Content-Security-Policy"] == first.headers["Content-Security-Policy"]
    unchanged = client.get("/about", headers={"If-None-Match": first.headers["ETag"]})
    assert unchanged.status_code == 304 and unchanged.get_data() == b"" and calls == []
    assert unchanged.headers["ETag"] == first.headers["ETag"] and "Content-Type" not in unchanged.headers
    stale = client.get("/about", headers={"If-None-Match": 'W/"0-2000-01-01-old"'})
    assert stale.status_code == 200 and calls == [1]


def test_pages_asked_for_once_do_not_push_out_the_pages_asked_for_often():
    from tracker.caching import PageCache

    cache = PageCache(max_bytes=50_000, max_entry=50_000, max_noted=1_000)
    for _ in range(2):
        cache.put("v1", "/", 200, [], b"home" * 1000)
    for i in range(5_000):  # a crawler reading every measure once
        cache.put("v1", f"/motions/{i}", 200, [], b"m" * 4000)
    assert cache.get("v1", "/") is not None and list(cache.entries) == ["/"]
    assert len(cache.noted) <= 1_000


@pytest.mark.parametrize("path", ["/api/v1/motions", "/api/v1/cities", "/api/v1/cities/durham-nc", "/feed.atom"])
def test_public_validators_move_only_with_public_data(client, db, durham_id, path):
    # Pretend the public record last changed long ago, so that Last-Modified is sent from the first request.
    db.execute("UPDATE public_version SET changed_at = '2020-01-01T00:00:00.000Z'")
    first = client.get(path)
    assert first.headers["Last-Modified"] == "Wed, 01 Jan 2020 00:00:00 GMT"
    city_id = db.execute("SELECT id FROM city WHERE slug = 'durham-nc'").fetchone()[0]
    # Every kind of record, changed only under a measure that is not published.
    draft = records.create_motion(db, {"city_id": city_id, "kind": "resolution", "title": "A draft", "published": 0})
    records.update_motion(db, draft, {"summary": "Still a draft."})
    action = records.add_action(db, draft, {"date": "2020-01-01", "classification": "introduced", "description": "In."})
    records.add_vote(db, draft, {"date": "2020-01-01", "action_id": action, "result": "pass", "yes": 5, "no": 0})
    hearing = records.add_hearing(db, draft, {"date": "2020-01-02", "body": "City Council"})
    records.add_testimony(db, hearing, {"speaker_name": "A Speaker", "position": "support"})
    source = {"url": "https://example.org/draft", "title": "Draft memo", "publisher": None, "published_on": None}
    records.cite_source(db, "motion", draft, {**source, "note": None})
    records.update(db, "source", db.execute("SELECT max(id) FROM source").fetchone()[0], {"title": "Draft memo v2"})
    again = client.get(path)
    assert again.headers["ETag"] == first.headers["ETag"]
    assert again.headers["Last-Modified"] == first.headers["Last-Modified"]
    # Publishing it is a public change: both move.
    records.update_motion(db, draft, {"published": 1})
    published = client.get(path)
    assert published.headers["ETag"] != first.headers["ETag"]
    assert (
        "Last-Modified" not in published.headers or published.headers["Last-Modified"] != first.headers["Last-Modified"]
    )


def test_a_source_cited_by_a_published_measure_moves_the_validators(client, db, durham_id):
    etag = client.get("/api/v1/motions").headers["ETag"]
    source = {"url": "https://example.org/later", "title": "Later report", "publisher": None, "published_on": None}
    records.cite_source(db, "motion", durham_id, {**source, "note": None})
    cited = client.get("/api/v1/motions").headers["ETag"]
    assert cited != etag
    records.update(db, "source", db.execute("SELECT max(id) FROM source").fetchone()[0], {"title": "Later report, v2"})
    assert client.get("/api/v1/motions").headers["ETag"] != cited


@pytest.mark.parametrize(
    ("path", "status"),
    [("/api/v1/motions?page=0", 400), ("/api/v1/motions?status=", 400), ("/api/v1/motions/999999", 404)],
)
@pytest.mark.parametrize("header", [("If-None-Match", "*"), ("If-Modified-Since", "Fri, 01 Jan 2100 00:00:00 GMT")])
def test_a_conditional_request_for_an_address_that_is_not_valid_gets_its_error_not_304(client, path, status, header):
    client.get("/api/v1/motions")  # a version and answered addresses exist
    assert client.get(path, headers=[header]).status_code == status
    assert client.get(path, headers=[header]).status_code == status


def test_a_conditional_request_answered_by_the_view_is_still_304(client):
    # The first request at a version goes through the view, and is compared after it.
    etag = client.get("/api/v1/motions?per_page=7").headers["ETag"]
    fresh = client.application.test_client()
    client.application.extensions["tracker.pages"].answered.clear()
    assert fresh.get("/api/v1/motions?per_page=7", headers={"If-None-Match": etag}).status_code == 304
