"""JSON Schema of the bank format, generated from the pydantic models."""

from __future__ import annotations

import json
from typing import Any

from interviewprep.banks.models import Bank, RoleProfile


def bank_schema() -> dict[str, Any]:
    schema = Bank.model_json_schema()
    schema["$schema"] = "https://json-schema.org/draft/2020-12/schema"
    schema["title"] = "interviewprep bank (format v1)"
    schema["$defs"]["RoleProfile"] = RoleProfile.model_json_schema()
    return schema


def bank_schema_json() -> str:
    return json.dumps(bank_schema(), indent=2, sort_keys=True)
