"""Every list has a size bound that does not grow with the record: a place with many measures shows a few and
says how many more, its own page shows them a page at a time, and the map reads a compact layer."""

import json

import pytest

from tracker import records

from .conftest import counting_queries
from .test_public import text

STATUSES = ("campaign", "introduced", "in_committee", "scheduled", "passed")


@pytest.fixture
def crowded(app, db):
    """Durham with 120 more published measures (statuses in turn, dated a day apart), and one draft."""
    city_id = db.execute("SELECT id FROM city WHERE slug = 'durham-nc'").fetchone()[0]
    for i in range(120):
        status = STATUSES[i % len(STATUSES)]
        motion_id = records.create_motion(
            db, {"city_id": city_id, "kind": "resolution", "title": f"Measure {i:03}", "published": 1}
        )
        if status != "campaign":
            day = f"2021-{1 + i // 28:02}-{1 + i % 28:02}"
            records.add_action(db, motion_id, {"date": day, "classification": status, "description": status})
    records.create_motion(db, {"city_id": city_id, "kind": "resolution", "title": "A draft", "published": 0})
    return city_id


def test_the_home_list_shows_a_few_measures_per_place_and_how_many_more(client, crowded):
    page = text(client.get("/"))
    # The most advanced measure (a passed one, the latest of those) and the two latest: here two measures.
    assert "Measure 119" in page and "Measure 118" in page and "Measure 117" not in page
    assert "and 119 more measures in Durham" in page
    assert "A draft" not in page
    assert "24 scheduled for vote" in page and "25 passed" in page


def test_a_filtered_home_list_counts_only_the_matching_measures(client, crowded):
    page = text(client.get("/?status=scheduled"))
    assert "and 22 more measures in Durham" in page and "Measure 118" in page and "Measure 113" in page
    more = client.get("/?status=scheduled").get_data(as_text=True)
    assert 'href="/cities/durham-nc?status=scheduled"' in more


def test_a_place_page_lists_its_measures_50_at_a_time(client, crowded):
    first = text(client.get("/cities/durham-nc"))
    assert "121 measures, page 1 of 3" in first and "Measure 000" in first and "Measure 049" in first
    assert "Measure 050" not in first
    third = text(client.get("/cities/durham-nc/page/3"))
    assert "Measure 119" in third and "Statement by the Durham" in third and "Measure 049" not in third
    assert client.get("/cities/durham-nc/page/4").status_code == 404
    moved = client.get("/cities/durham-nc?page=2&status=passed")
    assert moved.status_code == 301 and moved.headers["Location"] == "/cities/durham-nc/page/2?status=passed"


def test_a_place_page_filters_like_the_home_page(client, crowded):
    passed = text(client.get("/cities/durham-nc?status=passed"))
    assert "25 measures" in passed and "Measure 004" in passed and "Measure 000" not in passed
    assert "not a status we record" in text(client.get("/cities/durham-nc?status=won"))


@pytest.mark.parametrize("path", ["/", "/cities/durham-nc", "/cities/durham-nc/page/2", "/map/places/durham-nc.json"])
def test_pages_keep_their_number_of_queries_as_a_place_grows(app, client, db, path):
    with counting_queries(app) as small:
        assert client.get(path, headers={"Cookie": "session=x"}).status_code in (200, 404)
    city_id = db.execute("SELECT id FROM city WHERE slug = 'durham-nc'").fetchone()[0]
    for i in range(60):
        records.create_motion(db, {"city_id": city_id, "kind": "motion", "title": f"Measure {i}", "published": 1})
    app.extensions["tracker.memo"]["values"].clear()
    with counting_queries(app) as large:
        assert client.get(path, headers={"Cookie": "session=x"}).status_code == 200
    assert len(large) <= len(small) + 1 and len(large) <= 12, large


def test_the_map_layer_is_a_short_row_per_place(client, crowded):
    layer = client.get("/map/places.json").get_json()
    assert layer["fields"] == ["slug", "name", "state", "kind", "lat", "lon", "category", "motions"]
    assert layer["places"] == [["durham-nc", "Durham", "NC", "city", 35.994, -78.8986, "restricted", 121]]
    assert layer["categories"]["restricted"]["symbol"] == "✓"
    row = json.dumps(layer["places"][0], separators=(",", ":"))
    assert len(row) < 80
    assert client.get("/map/places.json?status=vetoed").get_json()["places"] == []
    assert client.get("/map/places.json?status=scheduled").get_json()["places"][0][-1] == 24


def test_a_popup_gets_a_few_measures_and_how_many_more(client, crowded):
    popup = client.get("/map/places/durham-nc.json").get_json()
    assert popup["url"] == "/cities/durham-nc" and popup["more"] == 119 and len(popup["motions"]) == 2
    assert popup["status_counts"]["passed"] == 25
    assert client.get("/map/places/nowhere-nc.json").status_code == 404
