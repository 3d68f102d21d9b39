"""The seeded public record: every place and measure the sources support, each fact cited, both aims shown right."""

import re
import sqlite3

import pytest

from tracker import places as tracker_places
from tracker import queries, seed_records
from tracker import status as status_rules

# What each seeded place's latest decision meant, as the map and the list show it.
PLACES = {
    "durham-nc": "restricted",
    "seattle-wa": "stopped",
    "cambridge-ma": "reviewed",
    "alameda-county-ca": "restricted",
    "berkeley-ca": "kept",
    "reno-nv": "restricted",
    "northampton-ma": "restricted",
    "boston-ma": "under_way",
    "montgomery-county-md": "under_way",
    "atlanta-ga": "under_way",
}
# The tables whose rows are facts a source must back, with the rows that are facts about the site itself
# (none today): every other seeded row needs at least one citation.
CITED_TABLES = ("city", "motion", "action", "vote", "hearing", "testimony")
SITE_FACTS = set()


def test_every_place_is_recorded_with_what_its_latest_decision_meant(record_db):
    places = {c["slug"]: c for c in tracker_places.each_place_with_motions(record_db)}
    assert len(places) >= 10
    assert {slug: places[slug]["category"] for slug in PLACES} == PLACES
    assert places["alameda-county-ca"]["kind"] == "county"
    assert places["montgomery-county-md"]["kind"] == "county"


@pytest.mark.parametrize("table", CITED_TABLES)
def test_every_seeded_row_cites_a_source(record_db, table):
    uncited = record_db.execute(
        f"SELECT id FROM [{table}] WHERE id NOT IN (SELECT row_id FROM citation WHERE table_name = ?)", [table]
    ).fetchall()
    assert {(table, row_id) for (row_id,) in uncited} <= SITE_FACTS


def test_every_seeded_source_is_cited_and_says_whether_its_title_is_a_headline(record_db):
    assert (
        record_db.execute("SELECT count(*) FROM source WHERE id NOT IN (SELECT source_id FROM citation)").fetchone()[0]
        == 0
    )
    described = record_db.execute("SELECT count(*) FROM source WHERE headline = 0").fetchone()[0]
    headlines = record_db.execute("SELECT count(*) FROM source WHERE headline = 1").fetchone()[0]
    assert described and headlines


def test_no_unverified_lead_is_entered(record_db):
    # The research leaves these open; the record must not answer them.
    assert record_db.execute("SELECT count(*) FROM city WHERE name = 'New Orleans'").fetchone()[0] == 0
    durham_votes = record_db.execute(
        "SELECT vote_member.member_name, vote_member.option FROM vote_member JOIN vote ON vote.id = vote_member.vote_id "
        "JOIN motion ON motion.id = vote.motion_id JOIN city ON city.id = motion.city_id WHERE city.slug = 'durham-nc'"
    ).fetchall()
    assert not [name for name, option in durham_votes if option in ("absent", "excused", "abstain")]


def test_seed_roll_calls_never_contradict_their_counts(record_db):
    for vote in record_db.execute("SELECT * FROM vote").fetchall():
        vote = dict(zip([d[0] for d in record_db.execute("SELECT * FROM vote").description], vote, strict=True))
        members = record_db.execute(
            "SELECT member_name, option FROM vote_member WHERE vote_id = ?", [vote["id"]]
        ).fetchall()
        assert status_rules.check_roll_call(vote, members).problems == ()


def durham(client):
    """Return the text of Durham's statement page."""
    return client.get("/motions/1").get_data(as_text=True)


def test_durham_shows_the_work_session_and_the_vote(record_app):
    page = record_app.test_client().get("/motions/1").get_data(as_text=True)
    assert '<time datetime="2018-04-05">April 5, 2018</time>' in page
    assert '<time datetime="2018-04-16">April 16, 2018</time>' in page
    assert "Introduced" in page and "Passed" in page


def test_durham_names_the_seven_members_and_leaves_the_non_voter_unknown(record_app):
    page = record_app.test_client().get("/motions/1").get_data(as_text=True)
    roll_call = page[page.index('<table class="roll-call">') :]
    roll_call = roll_call[: roll_call.index("</table>")]
    names = re.findall(r'<th scope="row">([^<]+)</th>', roll_call)
    assert len(names) == 7
    assert "Javiera Caballero" in names
    assert roll_call.count("not recorded") == 6
    assert "partial" in roll_call
    assert "1 of 7 seats: vote not recorded." in page


def test_durham_shows_the_differing_petition_counts_side_by_side(record_app):
    page = record_app.test_client().get("/motions/1").get_data(as_text=True)
    table = page[page.index('id="petition-heading"') :]
    table = table[: table.index("</table>")]
    for count in ("1,200", "1,300", "1,394"):
        assert count in table
    assert len(re.findall("<tr>", table)) >= 5  # the header and at least four sources


def test_durham_shows_its_events_without_changing_its_status(record_db):
    motion = queries.get_motion(record_db, 1)
    events = [a for a in motion["actions"] if a["classification"] == "event"]
    assert events and max(a["date"] for a in events) > motion["decided_on"]
    assert motion["status"] == "passed"
    assert any("1:19-cv-00309" in a["description"] for a in events)


def test_a_measure_that_kept_exchanges_never_reads_as_a_win(record_app):
    client = record_app.test_client()
    home = client.get("/").get_data(as_text=True)
    summary = re.search(r'<p class="summary">(.*?)</p>', home, re.S).group(1)
    assert "ban" not in summary
    assert "ended or restricted exchanges" in summary
    assert "voted to keep exchanges" in summary
    berkeley = client.get("/cities/berkeley-ca").get_data(as_text=True)
    assert "Kept or endorsed exchanges" in berkeley
    assert "Ended or restricted" not in berkeley


def test_every_places_page_answers_and_shows_its_sources(record_app, record_db):
    client = record_app.test_client()
    for (slug,) in record_db.execute("SELECT slug FROM city"):
        page = client.get(f"/cities/{slug}").get_data(as_text=True)
        assert "Unsourced" not in page[page.index("Sources for this place") :][:2000]


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("Demilitarize", {"durham-nc"}),
        ("Caballero", {"durham-nc"}),
        ("Israel", {"durham-nc"}),
        ("Urban Shield", {"alameda-county-ca", "berkeley-ca"}),
        ("Sawant", {"seattle-wa"}),
    ],
)
def test_search_finds_what_people_type(record_db, query, expected):
    found = {r["city_slug"] for r in queries.search(record_db, query)}
    assert expected <= found
    if query != "Israel":
        assert found == expected


def test_the_seed_uses_only_its_own_sources():
    used = set()
    for place in seed_records.PLACES:
        rows = [place]
        for motion in place["motions"]:
            rows += [motion, *motion.get("actions", []), *motion.get("votes", []), *motion.get("hearings", [])]
        for row in rows:
            assert row["cited_by"], row
            used |= {cited[0] for cited in row["cited_by"]}
    assert used == set(seed_records.SOURCES)


def download(client, path):
    """Fetch /exports/tracker.db into a file; return the response and an open connection to the file."""
    response = client.get("/exports/tracker.db")
    path.write_bytes(response.get_data())
    response.close()
    return response, sqlite3.connect(path)


def test_the_public_database_download_opens_in_sqlite(record_app, record_db, tmp_path):
    response, db = download(record_app.test_client(), tmp_path / "download.db")
    assert response.status_code == 200
    assert response.headers["Content-Disposition"] == "attachment; filename=tracker.db"
    assert response.headers["Content-Type"] == "application/vnd.sqlite3"
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    for table in ("city", "motion", "action", "vote", "vote_member", "hearing", "source", "citation"):
        assert (
            db.execute(f"SELECT * FROM [{table}] ORDER BY id").fetchall()
            == record_db.execute(f"SELECT * FROM [{table}] ORDER BY id").fetchall()
        ), table
    # The search index travels with it.
    assert db.execute("SELECT count(*) FROM motion_fts WHERE motion_fts MATCH 'Caballero'").fetchone()[0] == 1


def test_the_public_database_holds_no_account_submission_or_unpublished_row(app, client, db, accounts, tmp_path):
    from tracker import records

    secret = records.create_motion(
        db,
        {
            "city_id": 1,
            "kind": "resolution",
            "title": "Draft resolution",
            "summary": "Quorkle zyxwv confidential",
            "aim": "restrict",
            "published": 0,
        },
    )
    records.add_action(db, secret, {"date": "2019-01-01", "classification": "introduced", "description": "Drafted."})
    records.cite_source(
        db,
        "motion",
        secret,
        {
            "url": "https://example.org/draft",
            "title": "Draft",
            "publisher": None,
            "published_on": None,
            "note": "Only in the draft.",
        },
    )
    hearing = db.execute("SELECT id FROM hearing").fetchone()[0]
    records.add_testimony(db, hearing, {"speaker_name": "Private Person", "publish_name": 0, "position": "support"})
    records.add_testimony(db, hearing, {"speaker_name": "Public Speaker", "publish_name": 1, "position": "oppose"})
    records.submit(db, accounts["organizer"], "action", "create", "motion", 1, {"values": {"date": "2018-01-01"}})

    _response, public = download(client, tmp_path / "public.db")
    tables = {row[0] for row in public.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    assert not tables & {"user", "user_session", "submission", "change_log", "changeset", "login_attempt"}
    assert public.execute("SELECT count(*) FROM motion WHERE published = 0").fetchone()[0] == 0
    assert public.execute("SELECT count(*) FROM action WHERE motion_id = ?", [secret]).fetchone()[0] == 0
    assert public.execute("SELECT count(*) FROM source WHERE url = 'https://example.org/draft'").fetchone()[0] == 0
    assert [r[0] for r in public.execute("SELECT speaker_name FROM testimony ORDER BY id")] == [None, "Public Speaker"]
    # Nothing deleted survives in the file's free pages either: it is vacuumed, with no free page left.
    assert public.execute("PRAGMA freelist_count").fetchone()[0] == 0
    raw = (tmp_path / "public.db").read_bytes()
    # Nor in the search index's blocks, which keep a deleted row's words until the index is rebuilt.
    for secret_text in (
        b"Draft resolution",
        b"Private Person",
        b"organizer@example.org",
        b"Only in the draft",
        b"zyxwv",
    ):
        assert secret_text not in raw
    # Every public row is there.
    assert public.execute("SELECT count(*) FROM motion").fetchone()[0] == 1
    assert (
        public.execute("SELECT count(*) FROM citation").fetchone()[0]
        == db.execute(
            "SELECT count(*) FROM citation WHERE NOT (table_name = 'motion' AND row_id = ?)", [secret]
        ).fetchone()[0]
    )


def test_the_public_database_is_rebuilt_only_when_the_data_changes(client, db, durham_id, tmp_path):
    first = client.get("/exports/tracker.db")
    etag = first.headers["ETag"]
    first.close()
    again = client.get("/exports/tracker.db", headers={"If-None-Match": etag})
    assert again.status_code == 304
    again.close()
    from tracker import records

    records.update_motion(db, durham_id, {"summary": "Changed."})
    response, public = download(client, tmp_path / "changed.db")
    assert response.headers["ETag"] != etag
    assert public.execute("SELECT summary FROM motion").fetchone()[0] == "Changed."


def test_the_public_database_downloads_when_the_database_path_is_relative(app, tmp_path, monkeypatch):
    from .conftest import make_app

    monkeypatch.chdir(tmp_path.parent)
    relative = make_app(f"{tmp_path.name}/tracker.db")
    response, public = download(relative.test_client(), tmp_path / "relative.db")
    assert response.status_code == 200
    assert public.execute("SELECT count(*) FROM motion").fetchone()[0] == 1
