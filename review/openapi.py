"""The OpenAPI 3.1 description of the JSON API."""
from __future__ import annotations

from typing import Any

from storage.review_queries import SORTS, STATUSES, TOPIC_FILTERS
from storage.schema import CONTENT_TYPES, LABELS

from review.filters import PER_PAGE


def _query(name: str, description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "description": description, "schema": schema}


DATE = {"type": "string", "format": "date"}
ERROR = {"description": "Error", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}}
PERIOD_PARAMETERS = [
    _query("from", "First day (YYYY-MM-DD), with `to`", DATE),
    _query("to", "Last day, inclusive (YYYY-MM-DD), with `from`", DATE),
    _query("year", "A calendar year instead of from/to", {"type": "integer", "minimum": 1900, "maximum": 2100}),
    _query("quarter", "A quarter, e.g. 2020Q1", {"type": "string", "pattern": "^\\d{4}-?[Qq][1-4]$"}),
    _query("month", "A month, e.g. 2020-03", {"type": "string", "pattern": "^\\d{4}-\\d{2}$"}),
]
OUTLET = _query("outlet", "Reporting outlet id (an outlet's successor takes over after it closed)",
               {"type": "string"})
LIST_PARAMETERS = [
    _query("from", "Published on or after this day", DATE),
    _query("to", "Published on or before this day", DATE),
    OUTLET,
    _query("topic", "A topic, any topic or none", {"type": "string", "enum": list(TOPIC_FILTERS)}),
    _query("content_type", "Content type after editors' decisions", {"type": "string", "enum": list(CONTENT_TYPES)}),
    _query("status", "Review status", {"type": "string", "enum": list(STATUSES)}),
    _query("counted", "1: counted in reports, 0: marked not counted", {"type": "string", "enum": ["0", "1"]}),
    _query("q", "Full-text search; tone marks optional", {"type": "string", "maxLength": 200}),
    _query("sort", "date (newest first) or uncertainty (score closest to 0.5 first)",
           {"type": "string", "enum": list(SORTS), "default": "date"}),
    _query("page", f"Page number ({PER_PAGE} items per page)", {"type": "integer", "minimum": 1, "default": 1}),
]
TOPIC_FLAGS = {"type": "object", "properties": {label: {"type": "integer", "enum": [0, 1]} for label in LABELS}}
SCORES = {"type": "object", "properties": {label: {"type": ["number", "null"]} for label in LABELS}}
STORED_COPY = {"type": "object", "properties": {
    "id": {"type": "integer"}, "outlet": {"type": "string"}, "url": {"type": "string"},
    "published_at": {"type": ["string", "null"]}}}
ARTICLE_SUMMARY = {
    "type": "object",
    "properties": {
        "id": {"type": "integer"}, "title": {"type": "string"}, "url": {"type": "string"},
        "published_at": {"type": ["string", "null"]}, "outlet": {"type": "string"},
        "outlet_name": {"type": "string"}, "reporting_outlet": {"type": "string"},
        "reporting_outlet_name": {"type": "string"},
        "content_type": {"type": ["string", "null"], "enum": [*CONTENT_TYPES, None]},
        "counted": {"type": "integer", "enum": [0, 1]},
        "status": {"type": "string", "enum": ["unreviewed", "confirmed", "corrected"]},
        "topics": TOPIC_FLAGS, "scores": SCORES,
        "reviewed_labels": {"type": "array", "items": {"type": "string", "enum": list(LABELS)}},
        "uncertainty": {"type": ["number", "null"]},
        "copies": {"type": "array", "items": STORED_COPY,
                   "description": "the other stored copies of the same text under the same reporting outlet "
                                  "(an archive site's and a new site's); a list shows one copy, as the counts take it"},
    },
    "required": ["id", "title", "outlet", "reporting_outlet", "content_type", "counted", "status", "topics"],
}
LABEL_STATE = {
    "type": "object",
    "properties": {
        "label": {"type": "string", "enum": list(LABELS)}, "is_on": {"type": "integer", "enum": [0, 1]},
        "source": {"type": "string", "enum": ["model", "reviewed", "none"]},
        "score": {"type": ["number", "null"]}, "predicted": {"type": ["integer", "null"]},
        "model_id": {"type": ["string", "null"]},
        "evidence": {"type": "array", "items": {"type": "string"}},
        "reviewer": {"type": ["string", "null"]}, "reviewed_at": {"type": ["string", "null"]},
    },
}
REVIEW = {
    "type": "object",
    "properties": {"id": {"type": "integer"}, "article_id": {"type": "integer"}, "field": {"type": "string"},
                   "value": {"type": "string"}, "reviewer": {"type": "string"},
                   "note": {"type": ["string", "null"]}, "created_at": {"type": "string"}},
}
COUNT_ROW = {
    "type": "object",
    "properties": {
        "outlet": {"type": "string", "description": "reporting outlet id, or 'tổng' for the grand total"},
        "outlet_name": {"type": "string"},
        "content_type": {"type": "string", "description": "a content type, or 'tổng' for the outlet total"},
        **{column: {"type": "integer"} for column in
           (*LABELS, "any_topic", "reviewed", "model_only")},
    },
}


def openapi_document() -> dict[str, Any]:
    """The document served at /api/openapi.json."""
    security = [{"sessionCookie": []}]
    return {
        "openapi": "3.1.0",
        "info": {"title": "Nội chính monitor review API", "version": "1.0.0",
                 "description": "Read-only counts and articles; an editor's decision always "
                                "overrides the model. Log in through /login first."},
        "paths": {
            "/api/counts": {"get": {
                "summary": "Counts per outlet, content type and topic for a period (of one outlet with `outlet`)",
                "parameters": [*PERIOD_PARAMETERS, OUTLET], "security": security,
                "responses": {"200": {"description": "The count table", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Counts"}}}},
                    "400": ERROR, "401": ERROR}}},
            "/api/articles": {"get": {
                "summary": "Filtered, sorted, paginated article list (a piece stored twice listed once)",
                "parameters": LIST_PARAMETERS, "security": security,
                "responses": {"200": {"description": "One page", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/ArticlePage"}}}},
                    "400": ERROR, "401": ERROR}}},
            "/api/articles/{id}": {"get": {
                "summary": "One article with its labels, evidence and decision history",
                "parameters": [{"name": "id", "in": "path", "required": True, "schema": {"type": "integer"}}],
                "security": security,
                "responses": {"200": {"description": "The article", "content": {"application/json": {
                    "schema": {"$ref": "#/components/schemas/Article"}}}},
                    "401": ERROR, "404": ERROR}}},
            "/api/openapi.json": {"get": {
                "summary": "This document", "security": [],
                "responses": {"200": {"description": "OpenAPI 3.1 document",
                                      "content": {"application/json": {"schema": {"type": "object"}}}}}}},
        },
        "components": {
            "securitySchemes": {"sessionCookie": {"type": "apiKey", "in": "cookie", "name": "session"}},
            "schemas": {
                "Error": {"type": "object", "properties": {"error": {"type": "string"}}, "required": ["error"]},
                "ArticleSummary": ARTICLE_SUMMARY,
                "Article": {"allOf": [{"$ref": "#/components/schemas/ArticleSummary"}, {"type": "object", "properties": {
                    "lead": {"type": ["string", "null"]}, "body": {"type": ["string", "null"]},
                    "labels": {"type": "array", "items": LABEL_STATE},
                    "evidence": {"type": "array", "items": {"type": "string"}},
                    "counted_copy": {"type": ["integer", "null"],
                                     "description": "when the text is stored more than once: the copy the counts "
                                                    "take (this id or one of copies); null: none is counted"},
                    "reviews": {"type": "array", "items": REVIEW}}}]},
                "ArticlePage": {"type": "object", "properties": {
                    "total": {"type": "integer"}, "page": {"type": "integer"}, "pages": {"type": "integer"},
                    "per_page": {"type": "integer"}, "next": {"type": ["string", "null"]},
                    "items": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}}}},
                "Counts": {"type": "object", "properties": {
                    "from": DATE, "to": DATE, "label": {"type": "string"},
                    "outlet": {"type": ["string", "null"], "description": "the outlet asked for; null: every outlet"},
                    "rows": {"type": "array", "items": COUNT_ROW}}},
            },
        },
    }
