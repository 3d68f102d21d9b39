"""Full-text search: ranked, highlighted safely, kept in step with every write, never a 500."""

import pytest

from tracker import queries, records

from .test_public import text


def test_search_finds_durham_and_marks_the_match(client, durham_id):
    response = client.get("/search?q=durham")
    assert response.status_code == 200
    html = response.get_data(as_text=True)
    assert f'href="/motions/{durham_id}"' in html
    assert "<mark>Durham</mark>" in html
    assert "1 result for “durham”" in text(response)


@pytest.mark.parametrize(
    "query",
    ["unanimously", "training exchanges", "Durham, NC", "statement*", "police OR nothing", '"police exchanges"'],
)
def test_search_reads_titles_summaries_cities_and_actions(db, durham_id, query):
    assert [r["id"] for r in queries.search(db, query)] == [durham_id]


@pytest.mark.parametrize(
    "query",
    [
        '"',
        "*",
        "NEAR(",
        "a OR",
        "x" * 1000,
        "AND",
        "title:",
        "(((",
        "'; DROP TABLE motion;--",
        "anti-semitism",
        "\x00",
        "<script>alert(1)</script>",
    ],
)
def test_junk_queries_never_cause_an_error(client, query):
    response = client.get("/search", query_string={"q": query})
    assert response.status_code == 200
    assert "<script>alert" not in response.get_data(as_text=True)


def test_an_empty_query_shows_a_hint(client):
    page = text(client.get("/search?q=+"))
    assert "For example Durham" in page and "result" not in page


def test_marked_text_is_escaped_before_it_is_marked(client, db, durham_id):
    records.update_motion(db, durham_id, {"title": "Durham <b>bold</b> & more"})
    html = client.get("/search?q=bold").get_data(as_text=True)
    assert "Durham &lt;b&gt;<mark>bold</mark>&lt;/b&gt; &amp; more" in html


def test_the_index_follows_every_write(db, durham_id):
    records.add_action(
        db,
        durham_id,
        {"date": "2019-02-02", "classification": "vetoed", "description": "The mayor used a pocket veto."},
    )
    assert [r["id"] for r in queries.search(db, "pocket veto")] == [durham_id]
    records.update_motion(db, durham_id, {"summary": "All about quokkas."})
    assert queries.search(db, "quokkas")
    records.update_motion(db, durham_id, {"summary": "Nothing about zebras."})
    assert queries.search(db, "zebras")
    assert not queries.search(db, "quokkas")
    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    records.update_city(db, city_id, {"name": "Bull City"})
    assert queries.search(db, "bull city")
    action_id = db.execute("SELECT max(id) FROM action").fetchone()[0]
    records.delete(db, "action", action_id)
    assert not queries.search(db, "pocket veto")
    # Roll-call names, sources' headlines and publishers, and their notes are found too, and follow corrections.
    vote_id = records.add_vote(db, durham_id, {"date": "2019-03-01", "result": "fail"}, [("Zelda Quist", "no")])
    assert [r["id"] for r in queries.search(db, "Quist")] == [durham_id]
    records.update_vote(db, vote_id, {}, [("Yara Quill", "no")])
    assert not queries.search(db, "Quist") and queries.search(db, "Quill")
    records.cite_source(
        db,
        "vote",
        vote_id,
        {
            "url": None,
            "title": "Minutes of the meeting",
            "publisher": "Gazette of Xanadu",
            "published_on": None,
            "note": "Quoted the zigzag clause.",
        },
    )
    assert queries.search(db, "Xanadu") and queries.search(db, "zigzag")
    source_id = db.execute("SELECT id FROM source WHERE publisher = 'Gazette of Xanadu'").fetchone()[0]
    records.update(db, "source", source_id, {"publisher": "Herald of Yonder"})
    assert not queries.search(db, "Xanadu") and queries.search(db, "Yonder")
    citation_id = db.execute("SELECT id FROM citation WHERE source_id = ?", [source_id]).fetchone()[0]
    records.delete(db, "citation", citation_id)
    assert not queries.search(db, "zigzag")


def test_private_speaker_names_are_not_searchable(client, db, durham_id):
    hearing_id = db.execute("SELECT id FROM hearing WHERE motion_id = ?", [durham_id]).fetchone()[0]
    testimony_id = records.add_testimony(db, hearing_id, {"speaker_name": "Wanda Private", "position": "support"})
    assert not queries.search(db, "Wanda")
    records.update_part(db, "testimony", testimony_id, {"publish_name": 1})
    assert [r["id"] for r in queries.search(db, "Wanda")] == [durham_id]


def test_the_index_is_exactly_what_the_view_says_after_any_writes(db, durham_id):
    records.update_motion(db, durham_id, {"campaign": "New name"})
    indexed = db.execute("SELECT rowid, * FROM motion_fts ORDER BY rowid").fetchall()
    assert indexed == db.execute("SELECT * FROM motion_search ORDER BY rowid").fetchall()


def test_unpublished_motions_are_not_found(client, db, durham_id):
    db.execute("UPDATE motion SET published = 0 WHERE id = ?", [durham_id])
    assert "0 results" in text(client.get("/search?q=durham"))


def test_results_are_ranked_title_matches_first(db, durham_id):
    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    other = records.create_motion(
        db,
        {
            "city_id": city_id,
            "kind": "resolution",
            "published": 1,
            "title": "Budget resolution",
            "summary": "Mentions a statement once.",
        },
    )
    assert [r["id"] for r in queries.search(db, "statement")] == [durham_id, other]


def test_results_show_each_measures_aim_beside_its_status(client, db, durham_id):
    records.update_motion(db, durham_id, {"aim": "keep"})
    html = client.get("/search?q=Durham").get_data(as_text=True)
    assert 'class="aim aim-keep">Keep or endorse exchanges</span>' in html


def older_and_better(db, city_id):
    """Two published motions: an older one naming 'zephyr' once in an action, a newer one with it in its title."""
    older = records.create_motion(
        db, {"city_id": city_id, "kind": "resolution", "published": 1, "title": "Budget resolution for 2019"}
    )
    records.add_action(
        db,
        older,
        {"date": "2019-01-07", "classification": "introduced", "description": "Among many items, a zephyr was named."},
    )
    newer = records.create_motion(
        db,
        {
            "city_id": city_id,
            "kind": "resolution",
            "published": 1,
            "title": "Zephyr resolution",
            "summary": "The zephyr resolution asks about the zephyr.",
        },
    )
    return older, newer


def test_the_best_match_comes_first_even_when_it_is_the_newest(client, db, durham_id):
    city_id = db.execute("SELECT city_id FROM motion WHERE id = ?", [durham_id]).fetchone()[0]
    older, newer = older_and_better(db, city_id)
    assert older < newer
    assert [r["id"] for r in queries.search(db, "zephyr")] == [newer, older]
    html = client.get("/search?q=zephyr").get_data(as_text=True)
    assert html.index(f'href="/motions/{newer}"') < html.index(f'href="/motions/{older}"')
