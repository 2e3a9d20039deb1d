"""The OpenAPI document tells the truth: every path answers, every answer has the documented
fields and types, every documented parameter limit is enforced."""

from __future__ import annotations

import re

import pytest

from gongkai.portal.openapi import document


def resolve(schema, doc):
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = doc["components"]["schemas"][name]
    return schema


TYPES = {
    "string": str,
    "integer": int,
    "number": (int, float),
    "boolean": bool,
    "object": dict,
    "array": list,
}


def check(value, schema, doc, where="$"):
    """A small validator for the subset of OpenAPI schema this document uses."""
    schema = resolve(schema, doc)
    if value is None:
        assert schema.get("nullable"), f"{where}: null but not nullable"
        return
    if "allOf" in schema:
        for part in schema["allOf"]:
            check(value, part, doc, where)
        return
    if "oneOf" in schema:
        errors = []
        for part in schema["oneOf"]:
            try:
                check(value, part, doc, where)
                return
            except AssertionError as e:
                errors.append(str(e))
        raise AssertionError(f"{where}: matches none of oneOf: {errors}")
    t = schema.get("type")
    if t:
        assert isinstance(value, TYPES[t]) and not (t == "integer" and isinstance(value, bool)), (
            f"{where}: {value!r} is not {t}"
        )
    if "enum" in schema:
        assert value in schema["enum"], f"{where}: {value!r} not in enum"
    if t == "object":
        for key in schema.get("required", []):
            assert key in value, f"{where}: missing documented field {key!r}"
        for key, sub in schema.get("properties", {}).items():
            if key in value:
                check(value[key], sub, doc, f"{where}.{key}")
        extra = schema.get("additionalProperties")
        if isinstance(extra, dict):
            for key, sub in value.items():
                if key not in schema.get("properties", {}):
                    check(sub, extra, doc, f"{where}.{key}")
    if t == "array":
        for i, sub in enumerate(value):
            check(sub, schema["items"], doc, f"{where}[{i}]")


def own_or_plain(path) -> bool:
    """The portal's own paths, and other areas' paths without path parameters; an area's
    detail paths need that area's data and are checked by its own tests (same ``check``)."""
    from gongkai.portal.openapi import PATHS

    return path in PATHS or "{" not in path


def example_url(path, site):
    values = {"id": site.new_policy.pk, "code": site.cz.code}
    return re.sub(r"\{(\w+)\}", lambda m: str(values[m.group(1)]), path)


def example_query(op):
    required = [p for p in op.get("parameters", []) if p["in"] == "query" and p["required"]]
    return "&".join(f"{p['name']}={p['example']}" for p in required)


def test_document_is_served_and_is_openapi_3(client, site):
    r = client.get("/api/v1/openapi.json")
    assert r.status_code == 200
    doc = r.json()
    assert doc["openapi"].startswith("3.")
    assert doc["paths"] and doc["components"]["schemas"]
    # every $ref points somewhere
    for ref in re.findall(r'"\$ref": "#/components/schemas/(\w+)"', r.content.decode()):
        assert ref in doc["components"]["schemas"]


def test_every_path_answers_with_its_documented_shape(client, indexed):
    site = indexed
    doc = document()
    assert len(doc["paths"]) >= 7
    for path, ops in doc["paths"].items():
        if not own_or_plain(path):
            continue
        op = ops["get"]
        url = example_url(path, site)
        query = example_query(op)
        r = client.get(url + ("?" + query if query else ""))
        assert r.status_code == 200, (path, r.content[:300])
        schema = op["responses"]["200"]["content"]["application/json"]["schema"]
        check(r.json(), schema, doc, path)


def test_detail_and_search_carry_nested_documented_fields(client, indexed):
    site = indexed
    doc = document()
    detail = client.get(f"/api/v1/items/{site.new_policy.pk}").json()
    check(detail, {"$ref": "#/components/schemas/ItemDetail"}, doc)
    assert detail["attachments"] and detail["interpretations"]
    old = client.get(f"/api/v1/items/{site.old_policy.pk}").json()
    check(old, {"$ref": "#/components/schemas/ItemDetail"}, doc)
    found = client.get("/api/v1/search?q=低保").json()
    assert found["results"] and found["facets"]
    check(found, {"$ref": "#/components/schemas/SearchResults"}, doc)
    catalog = client.get(f"/api/v1/organisations/{site.cz.code}/catalog").json()
    assert catalog["sections"][2]["columns"][0]["children"]
    check(catalog, {"$ref": "#/components/schemas/Catalog"}, doc)


def test_documented_errors_have_the_error_shape(client, site, monkeypatch):
    import gongkai.search.query as search_query

    doc = document()
    error = {"$ref": "#/components/schemas/Error"}
    for path, ops in doc["paths"].items():
        for status in ops["get"]["responses"]:
            if status == "200":
                continue
            if status in ("400", "410") and not own_or_plain(path):
                continue
            if status == "400":
                url = example_url(path, site) + "?page=0"
            elif status == "404":
                url = re.sub(r"\{\w+\}", "0", path)
            elif status == "410":
                url = re.sub(r"\{id\}", str(site.withdrawn.pk), path)
            elif status == "503":
                monkeypatch.setattr(search_query, "search", lambda request: 1 / 0)
                url = path + "?q=x"
            r = client.get(url)
            assert r.status_code == int(status), (path, status, r.content[:200])
            check(r.json(), error, doc, f"{path} {status}")


@pytest.mark.parametrize("path", ["/api/v1/items", "/api/v1/organisations"])
def test_documented_paging_limits_are_enforced(client, site, path):
    doc = document()
    params = {p["name"]: p["schema"] for p in doc["paths"][path]["get"]["parameters"]}
    top = params["per_page"]["maximum"]
    assert client.get(f"{path}?per_page={top}").status_code == 200
    assert client.get(f"{path}?per_page={top + 1}").status_code == 400
    last = params["page"]["maximum"]
    assert client.get(f"{path}?page={last}").status_code == 200
    assert client.get(f"{path}?page={last + 1}").status_code == 400


def test_documented_enums_match_what_the_api_accepts(client, site):
    doc = document()
    params = {p["name"]: p["schema"] for p in doc["paths"]["/api/v1/items"]["get"]["parameters"]}
    for name in ("validity", "kind", "sort"):
        for value in params[name]["enum"]:
            assert client.get(f"/api/v1/items?{name}={value}").status_code == 200
        assert client.get(f"/api/v1/items?{name}=not-a-value").status_code == 400
