"""Place lookup from the packaged GeoNames gazetteer."""

import pytest

from tracker import geo


def test_durham_north_carolina_is_found_not_its_namesakes():
    lat, lon = geo.lookup("Durham", "NC")
    assert 35.9 < lat < 36.1 and -79.0 < lon < -78.8
    assert geo.lookup("Durham", "NH") != (lat, lon)


@pytest.mark.parametrize(("name", "state"), [("St. Louis", "MO"), ("Saint Louis", "mo"), ("  durham ", "NC")])
def test_spelling_variants_find_the_same_place(name, state):
    assert geo.lookup(name, state)


@pytest.mark.parametrize(
    ("name", "state", "message"),
    [
        ("Durham", "XX", "not a US state code"),
        ("Nowhereville", "NC", "no place called 'Nowhereville' in North Carolina"),
    ],
)
def test_unknown_places_raise_with_a_message_naming_them(name, state, message):
    with pytest.raises(geo.UnknownPlace, match=message):
        geo.lookup(name, state)


@pytest.mark.parametrize(
    ("name", "state", "ocd", "slug"),
    [
        ("Durham", "NC", "ocd-division/country:us/state:nc/place:durham", "durham-nc"),
        ("New York", "NY", "ocd-division/country:us/state:ny/place:new_york", "new-york-ny"),
        ("Cañon City", "CO", "ocd-division/country:us/state:co/place:canon_city", "canon-city-co"),
    ],
)
def test_ocd_ids_and_slugs(name, state, ocd, slug):
    assert (geo.ocd_id(name, state), geo.slug(name, state)) == (ocd, slug)


def test_the_us_index_is_cached_between_processes_and_a_bad_cache_is_ignored(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    fresh = dict(geo._us_places())
    geo._us_places.cache_clear()
    try:
        built = geo._us_places()  # no cache file yet: built from the gazetteer, then written
        [cached_file] = (tmp_path / "tracker").glob("us-places-*.json")
        geo._us_places.cache_clear()
        assert geo._us_places() == built == fresh  # read back from the file
        cached_file.write_text("{not json", encoding="utf-8")
        geo._us_places.cache_clear()
        assert geo.lookup("Durham", "NC") == (
            round(fresh[("durham", "NC")]["latitude"], 5),
            round(fresh[("durham", "NC")]["longitude"], 5),
        )
    finally:
        geo._us_places.cache_clear()
