"""Whole numbers read from URLs (paths and query strings): ASCII digits only, within stated bounds."""

from werkzeug.routing import IntegerConverter, ValidationError

# SQLite's largest integer: no id can be larger.
LARGEST_ID = 2**63 - 1


def whole_number(raw, low=0, high=LARGEST_ID):
    """Return raw as an int from low to high, or None when it is anything else.

    Python's int() reads fullwidth and other Unicode digits, and refuses numbers of over 4,300 digits with an
    error; so only ASCII digits are read, and never more of them than high has.
    """
    if not raw or not raw.isascii() or not raw.isdigit() or len(raw.lstrip("0")) > len(str(high)):
        return None
    value = int(raw)
    return value if low <= value <= high else None


class WholeNumberConverter(IntegerConverter):
    """The <int:...> URL converter: ASCII digits only, bounded to what SQLite can store, else no match (404)."""

    regex = r"[0-9]+"

    def __init__(self, url_map, fixed_digits=0, min=None, max=LARGEST_ID, signed=False):
        """Default the upper bound to SQLite's largest integer."""
        super().__init__(url_map, fixed_digits=fixed_digits, min=min, max=max, signed=signed)

    def to_python(self, value):
        """Read the path segment with whole_number; anything it refuses is not a match."""
        number = whole_number(value, self.min if self.min is not None else 0, self.max)
        if number is None:
            raise ValidationError()
        return number
