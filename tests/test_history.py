"""The sentence each changeset gets: council terms, a vote with its roll call, a large change summed up."""

from tracker import records


def summary(db):
    """The newest changeset's sentence."""
    return db.execute("SELECT summary FROM changeset ORDER BY id DESC LIMIT 1").fetchone()[0]


def test_a_vote_with_its_roll_call_is_one_phrase(db, durham_id):
    records.add_vote(db, durham_id, {"date": "2019-05-01", "result": "fail"}, [("Ana", "no"), ("Bo", "yes")])
    assert summary(db) == (
        "Added the vote of May 1, 2019 (failed) on “Statement by the Durham City Council on International Police "
        "Exchanges” (Durham, NC) with its roll call."
    )


def test_a_large_change_is_summed_up_with_its_first_sources(db, durham_id):
    with records.changeset(db, None, "import"):
        for day in range(1, 10):
            action = records.add_action(
                db, durham_id, {"date": f"2019-06-0{day}", "classification": "event", "description": f"Step {day}."}
            )
            source = {"url": f"https://example.org/{day}", "title": f"Report {day}", "publisher": f"Paper {day}"}
            records.cite_source(db, "action", action, {**source, "published_on": None, "note": None})
    sentence = summary(db)
    assert sentence.count("added the action") + sentence.count("Added the action") == 6
    assert "; and 3 more changes; citing Paper 1, Paper 2, Paper 3 and 6 more." in sentence
