"""Shared pieces of the JSON API that every app's router relies on."""

from __future__ import annotations

import json
from typing import Any, cast

from django.http import HttpRequest
from ninja.parser import Parser


def _holds_nul(value: Any) -> bool:
    if isinstance(value, str):
        return "\x00" in value
    if isinstance(value, dict):
        return any(_holds_nul(k) or _holds_nul(v) for k, v in value.items())
    if isinstance(value, list):
        return any(_holds_nul(v) for v in value)
    return False


class TextSafeParser(Parser):
    """The JSON parser, refusing NUL characters anywhere in the body.

    PostgreSQL text cannot store NUL; refusing it here turns what would be a server error
    into a 400 "Cannot parse request body" for the client."""

    def parse_body(self, request: HttpRequest) -> dict[str, Any]:
        data = json.loads(request.body)
        if _holds_nul(data):
            raise ValueError("NUL character in request body")
        return cast(dict[str, Any], data)
