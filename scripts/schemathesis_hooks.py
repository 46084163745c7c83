"""Schemathesis hooks for Parley (loaded by scripts/schemathesis).

POST /v1/reports/batch takes NDJSON (application/x-ndjson), which
Schemathesis has no serializer for: this one sends a generated string as it
is, and anything else as one JSON line, so that both well-formed and broken
batches reach the server.
"""

import json

import schemathesis


@schemathesis.serializer("application/x-ndjson")
def ndjson(ctx, value):
    if isinstance(value, bytes):
        return {"data": value}
    if not isinstance(value, str):
        value = json.dumps(value)
    return {"data": value.encode("utf-8")}
