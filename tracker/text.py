"""What text the record may hold: the characters that XML (the Atom feeds) and people's screens can carry."""

import re

# What XML 1.0 cannot carry: control characters other than tab and line breaks, lone surrogates, and the
# non-characters U+FFFE and U+FFFF.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
# What the forms refuse: the above, and DEL, which XML could carry but no one types on purpose.
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")
REFUSED = "Remove the invisible control character from this text."


def xml_text(text):
    """Drop the characters an XML document cannot hold (every input refuses them; this keeps old rows safe)."""
    return NOT_XML.sub("", text)


def unfit_text(value):
    """Return the path ('values.title') of the first text in value (nested dicts and lists) holding a refused
    character, or None when all of it may be stored."""
    if isinstance(value, str):
        return "" if CONTROL.search(value) else None
    items = value.items() if isinstance(value, dict) else enumerate(value) if isinstance(value, list | tuple) else ()
    for key, item in items:
        found = unfit_text(item)
        if found is not None:
            return f"{key}.{found}".rstrip(".")
    return None
