"""Numbers in addresses: only ASCII digits within bounds are read; anything else is a clear answer, never a 500."""

import pytest

HUGE = "9" * 5000  # past Python's 4,300-digit limit for reading a number
ODD_DIGITS = ["%C2%B2", "%EF%BC%91", "%D9%A1", HUGE]  # superscript two, fullwidth one, Arabic-Indic one, huge


@pytest.mark.parametrize("raw", ODD_DIGITS)
@pytest.mark.parametrize("path", ["/motions/{}", "/motions/{}/history", "/page/{}", "/api/v1/motions/{}"])
def test_an_id_or_page_that_is_not_ascii_digits_is_not_found(client, durham_id, path, raw):
    response = client.get(path.format(raw))
    assert response.status_code == 404


def test_ascii_digits_still_find_the_record(client, durham_id):
    assert client.get(f"/motions/{durham_id}").status_code == 200
    assert client.get(f"/motions/0{durham_id}").status_code == 200


@pytest.mark.parametrize("raw", ODD_DIGITS)
def test_a_page_number_in_the_query_that_cannot_be_read_goes_to_the_first_page(client, raw):
    moved = client.get(f"/?page={raw}")
    assert moved.status_code == 301 and moved.headers["Location"] in ("/", "http://localhost/")
    assert client.get(f"/search?q=durham&page={raw}").status_code == 200
    assert client.get(f"/cities/durham-nc?page={raw}").status_code == 301


@pytest.mark.parametrize("raw", ODD_DIGITS)
@pytest.mark.parametrize("path", ["/editor/motions/new?city={}", "/editor/changes?row={}", "/editor/changes?before={}"])
def test_editor_pages_ignore_a_number_they_cannot_read(as_role, path, raw):
    response = as_role("editor").get(path.format(raw))
    assert response.status_code == 200


def test_a_readable_city_number_still_preselects_the_place(as_role, db):
    city_id = db.execute("SELECT id FROM city WHERE slug = 'durham-nc'").fetchone()[0]
    page = as_role("editor").get(f"/editor/motions/new?city={city_id}").get_data(as_text=True)
    assert f'<option selected value="{city_id}">' in page
