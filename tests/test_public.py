"""The public pages, as a visitor reads them."""

import html
import re

import pytest

from tracker import records
from tracker.db import connect

from .conftest import counting_queries

INLINE = r"</?(a|time|span|strong|em|cite|code|abbr)\b[^>]*>"


def text(response):
    """Return a page's visible text as a reader sees it: tags removed, entities decoded, spaces collapsed."""
    body = re.sub(INLINE, "", response.get_data(as_text=True))
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def test_home_lists_durham_as_passed(client, durham_id):
    response = client.get("/")
    assert response.status_code == 200
    page = text(response)
    assert "Durham, NC" in page
    assert "1 place ended or restricted exchanges." in page
    assert "Passed 1 measure" in page
    assert "Ended or restricted exchanges" in page  # the place's category, in words as well as a shape
    html = response.get_data(as_text=True)
    assert f'href="/motions/{durham_id}"' in html
    # The last dated entry on its timeline: the federal lawsuit of 2019, an event that left the status as it was.
    assert 'last action <time datetime="2019-03-19">March 19, 2019</time>' in html


def test_motion_page_shows_the_vote_hearing_petition_and_sources(client, durham_id):
    response = client.get(f"/motions/{durham_id}")
    assert response.status_code == 200
    page, html = text(response), response.get_data(as_text=True)
    assert "Passed Adopted by the council, board or official that decides." in page
    assert "Aim: The measure ends, suspends or limits the exchanges or training." in page
    assert "What it means: Ended or restricted exchanges." in page
    assert "Decided by City Council" in page
    assert "Vote of April 16, 2018: passed 6–0" in page
    assert "1 of 7 seats: vote not recorded." in page
    assert '<time datetime="2018-04-16">April 16, 2018</time>' in html
    assert "Duration 3 hours 30 minutes" in page
    assert "Speakers 50" in page
    assert "about 3.5 hours and 50 testimonies" in page
    assert "about two hours of public comment" in page
    assert "Petition signatures 1,394" in page
    assert "Demilitarize! Durham2Palestine" in page
    for url in (
        "https://www.policemag.com/361892/north-carolina-city-prohibits-police-training-exchanges-with-israel",
        "http://www.newsobserver.com/news/local/counties/durham-county/article207967584.html",
    ):
        assert f'href="{url}"' in html
    assert "Palestine Chronicle" in page
    # The statement's own words as the press quoted them, with their source.
    assert "In its own words" in page and "Black lives matter" in page
    # What no source gives is shown as not recorded, never guessed.
    assert "Introduced April 5, 2018" in page
    assert "Number not recorded" in page
    assert "Unsourced" not in page


def test_city_page_lists_its_motions(client, durham_id):
    response = client.get("/cities/durham-nc")
    assert response.status_code == 200
    assert "Durham, North Carolina" in text(response)
    assert f'href="/motions/{durham_id}"' in response.get_data(as_text=True)
    assert "Seats on the deciding body 7" in text(response)
    assert "Kind of place City" in text(response)
    assert "Sources for this place" in text(response)


def test_about_explains_the_statuses(client):
    page = text(client.get("/about"))
    assert "Veto overridden" in page and "no news since" in page
    # Aim and status apart, and what each map category means.
    for label in ("Keep or endorse exchanges", "End or restrict exchanges", "Kept or endorsed exchanges"):
        assert label in page


# One source from each side of the argument, and the advisory body between them.
BOTH_SIDES = {
    "campaign": "http://imemc.org/article/durham-unanimously-votes-for-nations-first-ban-on-police-exchanges-with-israel/",
    "critics": "https://ru.scribd.com/document/376536904/ADL-Letter",
    "police": "https://www.seattletimes.com/nation-world/city-panel-oks-policy-banning-exchanges-with-israeli-police/",
    "commission": "https://www.newsobserver.com/news/local/article224093610.html",
    "later caution": "https://wikimili.com/en/Deadly_Exchange",
}


def test_about_gives_both_sides_each_with_its_source(client):
    response = client.get("/about")
    html, page = response.get_data(as_text=True), text(response)
    for side, url in BOTH_SIDES.items():
        assert f'href="{url}"' in html, side
    for heading in ("The campaign’s case", "Its critics’ case", "Who runs this site", "How sources are chosen"):
        assert heading in page
    # Every outside link opens without telling the other site where the reader came from.
    links = re.findall(r'<a href="(https?://[^"]+)"([^>]*)>', html)
    assert len(links) >= 15
    assert all('rel="noopener noreferrer"' in attrs for _url, attrs in links)


def test_a_correction_address_is_shown_only_when_configured(tmp_path, app):
    assert "mailto:" not in app.test_client().get("/about").get_data(as_text=True)
    from .conftest import make_app

    configured = make_app(app.config["DATABASE"], CONTACT="corrections@example.org")
    html = configured.test_client().get("/about").get_data(as_text=True)
    assert 'href="mailto:corrections@example.org"' in html


@pytest.mark.parametrize("path", ["/cities/nowhere-zz", "/motions/99999", "/motions/abc", "/nothing-here"])
def test_unknown_addresses_get_our_404_page(client, path):
    response = client.get(path)
    assert response.status_code == 404
    assert "There is nothing at this address." in text(response)


def test_unpublished_motions_are_not_shown(client, db, durham_id):
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    assert client.get(f"/motions/{durham_id}").status_code == 404
    assert "Statement by the Durham" not in text(client.get("/"))


@pytest.mark.parametrize(
    ("query", "notice"),
    [
        ("?status=bogus", "“bogus” is not a status we record"),
        ("?state=ZZ", "“ZZ” is not a US state code"),
        ("?status=%3Cscript%3E", "“<script>” is not a status we record"),
    ],
)
def test_filter_values_outside_the_vocabulary_show_a_notice_not_an_error(client, query, notice):
    response = client.get("/" + query)
    assert response.status_code == 200
    assert notice in text(response)
    assert "<script>" not in response.get_data(as_text=True)
    assert "Durham, NC" in text(response)


@pytest.mark.parametrize(
    ("query", "shown"),
    [
        ("?status=passed", True),
        ("?status=failed", False),
        ("?state=NC", True),
        ("?state=ca", False),
        ("?status=passed&state=NC", True),
    ],
)
def test_filters_narrow_the_list(client, query, shown):
    page = text(client.get("/" + query))
    assert ("Durham, NC" in page) is shown


def add_cities(app, count):
    """Add count more Texas towns, each with a published motion introduced in 2020."""
    db = connect(app.config["DATABASE"])
    first = db.execute("SELECT count(*) FROM city").fetchone()[0]
    for i in range(first, first + count):
        city_id = records.create_city(
            db,
            {
                "slug": f"town-{i}-tx",
                "name": f"Town {i}",
                "state": "TX",
                "lat": 30.0,
                "lon": -97.0,
                "council_seats": 9,
            },
        )
        motion_id = records.create_motion(
            db, {"city_id": city_id, "kind": "resolution", "title": f"Motion {i}", "published": 1}
        )
        records.add_action(
            db,
            motion_id,
            {"date": "2020-01-01", "classification": "introduced", "description": "Introduced."},
        )
    db.conn.close()


@pytest.mark.parametrize("path", ["/", "/?status=introduced", "/?state=TX", "/cities/town-0-tx"])
def test_pages_run_the_same_number_of_queries_for_1_and_200_cities(empty_app, path):
    client = empty_app.test_client()
    add_cities(empty_app, 1)
    with counting_queries(empty_app) as small:
        assert client.get(path).status_code == 200
    add_cities(empty_app, 199)
    with counting_queries(empty_app) as large:
        response = client.get(path)
    assert response.status_code == 200
    assert len(small) == len(large)
    if path == "/":
        assert "200 places, page 1 of 2" in text(response)


def test_motion_page_runs_a_fixed_number_of_queries(app, client, durham_id):
    with counting_queries(app) as statements:
        client.get(f"/motions/{durham_id}")
    assert 0 < len(statements) < 20


def test_stale_motions_say_no_news_since(empty_app):
    add_cities(empty_app, 1)
    page = text(empty_app.test_client().get("/"))
    assert "no news since January 1, 2020" in page


def test_testimony_names_appear_only_with_consent(app, client, db, durham_id):
    hearing_id = db.execute("SELECT id FROM hearing WHERE motion_id = ?", [durham_id]).fetchone()[0]
    records.add_testimony(
        db,
        hearing_id,
        {"speaker_name": "Private Person", "position": "support", "summary": "Spoke for the statement."},
    )
    records.add_testimony(db, hearing_id, {"speaker_name": "Public Figure", "publish_name": 1, "position": "oppose"})
    page = text(client.get(f"/motions/{durham_id}"))
    assert "Private Person" not in page
    assert "A resident · support Spoke for the statement." in page
    assert "Public Figure" in page


def test_healthz_reports_ok(client):
    response = client.get("/healthz")
    assert (response.status_code, response.json) == (200, {"status": "ok"})


def test_healthz_reports_a_broken_database(tmp_path):
    from .conftest import make_app

    (tmp_path / "dir.db").mkdir()
    response = make_app(tmp_path / "dir.db").test_client().get("/healthz")
    assert response.status_code == 503


def test_the_list_paginates_and_sorts(empty_app):
    add_cities(empty_app, 150)
    client = empty_app.test_client()
    first = text(client.get("/"))
    assert "150 places, page 1 of 2" in first and "Next page" in first
    second = text(client.get("/page/2"))
    assert "page 2 of 2" in second and "Previous page" in second and "Town 99," in second
    assert "There is no page 9" in text(client.get("/page/9"))
    # Pages are in the path now; an old address with ?page= lands on the same page, other choices kept.
    moved = client.get("/?page=2&sort=state")
    assert moved.status_code == 301 and moved.headers["Location"] == "/page/2?sort=state"
    assert client.get("/?page=abc").headers["Location"] == "/"
    assert client.get("/page/1").headers["Location"].endswith("/")
    assert client.get("/page/0").status_code == 404
    assert client.get("/page/" + "9" * 40).status_code == 404


def test_sorting_by_latest_action_puts_recent_cities_first(app, client, db, durham_id):
    add_cities(app, 2)
    motion_id = db.execute("SELECT max(id) FROM motion").fetchone()[0]
    records.add_action(db, motion_id, {"date": "2024-05-05", "classification": "scheduled", "description": "x"})
    page = text(client.get("/?sort=latest"))
    assert page.index("Town 2, TX") < page.index("Town 1, TX") < page.index("Durham, NC")
    by_state = text(client.get("/?sort=state"))
    assert by_state.index("Durham, NC") < by_state.index("Town 1, TX")


@pytest.mark.parametrize(("query", "shown"), [("?kind=statement", True), ("?kind=ordinance", False)])
def test_the_kind_filter(client, query, shown):
    assert ("Durham, NC" in text(client.get("/" + query))) is shown


def test_a_kind_outside_the_vocabulary_shows_a_notice(client):
    assert "“decree” is not a kind of measure we record" in text(client.get("/?kind=decree"))
    assert "“win” is not an aim we record" in text(client.get("/?aim=win"))


@pytest.mark.parametrize(("query", "shown"), [("?aim=restrict", True), ("?aim=keep", False), ("?aim=review", False)])
def test_the_aim_filter(client, query, shown):
    assert ("Durham, NC" in text(client.get("/" + query))) is shown


def test_the_home_page_holds_the_map_without_other_hosts(client):
    html = client.get("/").get_data(as_text=True)
    assert 'id="map"' in html and 'data-points="/map/places.json"' in html
    assert 'src="/vendor/leaflet/leaflet.js?v=' in html
    assert "https://" not in html.split("<body")[0]
    for path in ("/vendor/leaflet/leaflet.js", "/vendor/leaflet/leaflet.css", "/static/map/us-states.geojson"):
        with client.get(path) as response:
            assert response.status_code == 200, path


def test_the_motion_page_runs_as_many_queries_with_20_votes_and_hearings_as_with_1(app, client, db, durham_id):
    # The seeded motion has one vote (with a roll call) and one hearing.
    with counting_queries(app) as one:
        assert client.get(f"/motions/{durham_id}").status_code == 200
    for i in range(2, 21):
        day = f"2018-05-{i:02}"
        action_id = records.add_action(db, durham_id, {"date": day, "classification": "event", "description": "x"})
        vote_id = records.add_vote(
            db,
            durham_id,
            {"date": day, "result": "pass", "yes": 4, "no": 1, "action_id": action_id},
            [(f"Member {i}", "yes"), (f"Other {i}", "no")],
        )
        hearing_id = records.add_hearing(db, durham_id, {"date": day, "body": "City Council", "speakers_total": 3})
        records.add_testimony(
            db, hearing_id, {"speaker_name": f"Speaker {i}", "publish_name": 1, "position": "support"}
        )
        for table, row_id in (("vote", vote_id), ("hearing", hearing_id)):
            source = {"url": f"https://example.org/{table}/{i}", "title": f"Minutes {i}", "note": "Says so."}
            records.cite_source(db, table, row_id, source)
    with counting_queries(app) as twenty:
        response = client.get(f"/motions/{durham_id}")
    assert response.status_code == 200
    page = text(response)
    assert page.count("Vote of ") == 20 and "Speaker 20" in page and "Minutes 20" in page
    assert len(twenty) == len(one), "the motion page's queries grow with its votes or hearings"


def test_a_motion_links_to_its_history_in_plain_words_without_emails(as_role, client, db, durham_id):
    organizer, editor = as_role("organizer"), as_role("editor")
    sent = organizer.post(
        f"/editor/motions/{durham_id}/actions/new",
        data={"date": "2019-05-01", "classification": "event", "description": "A report.", "source_title": "Minutes"},
    )
    editor.post(sent.headers["Location"], data={"decision": "approve"})
    assert f'href="/motions/{durham_id}/history"' in client.get(f"/motions/{durham_id}").get_data(as_text=True)
    page = text(client.get(f"/motions/{durham_id}/history"))
    assert "sent by an organizer, approved by an editor" in page
    assert "Added the action “Other event, May 1, 2019”" in page and "Minutes" in page
    assert "Entered from the published sources the project started from." in page
    assert "@example.org" not in page
    editor_page = text(editor.get(f"/editor/motions/{durham_id}"))
    assert "History" in editor_page and "Approval · editor@example.org" in editor_page


def test_an_unpublished_motion_has_no_public_history(client, db, durham_id):
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    assert client.get(f"/motions/{durham_id}/history").status_code == 404
