"""/openapi.json is a valid OpenAPI 3.1 document (checked by openapi-spec-validator from PyPI)."""

import json
import os
import urllib.request

from openapi_spec_validator import validate


def test_openapi_document_is_valid():
    with urllib.request.urlopen(os.environ["GJ_ENDPOINT"] + "/openapi.json") as r:
        doc = json.load(r)
    validate(doc)
    assert doc["openapi"] == "3.1.0"
    assert "/v2/{project_id}/graphs/jobs" in doc["paths"]
    assert "/v1.0/{project_id}/graphs/jobs" in doc["paths"]
    assert doc["components"]["securitySchemes"]["token"]["name"] == "X-Auth-Token"
