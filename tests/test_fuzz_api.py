"""The API against its own OpenAPI document, fuzzed by schemathesis: every operation, every check, valid requests
and invalid ones. No 500, no answer the document does not describe, no invalid request accepted."""

import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis import GenerationMode
from schemathesis.checks import CHECKS

from tracker import openapi

# Examples per operation and mode: enough to reach every parameter's edges, few enough for `make test`.
EXAMPLES = 100
OPERATIONS = sorted(openapi.document()["paths"])


def with_parameters(path):
    """Whether an operation takes parameters of its own (without any, no request to it can be invalid)."""
    return any(p["in"] != "header" for p in openapi.document()["paths"][path]["get"].get("parameters", []))


@pytest.mark.parametrize(
    ("path", "mode"),
    [(path, GenerationMode.POSITIVE) for path in OPERATIONS]
    + [(path, GenerationMode.NEGATIVE) for path in OPERATIONS if with_parameters(path)],
)
def test_every_operation_keeps_to_the_document(record_app, path, mode):
    schema = schemathesis.openapi.from_wsgi("/api/v1/openapi.json", record_app)
    operation = schema[path]["GET"]

    @given(case=operation.as_strategy(generation_mode=mode))
    @settings(max_examples=EXAMPLES, deadline=None, database=None, suppress_health_check=list(HealthCheck))
    def fuzz(case):
        """Send one generated request and run every check schemathesis has on its answer."""
        case.call_and_validate(checks=list(CHECKS.get_all()))

    fuzz()
