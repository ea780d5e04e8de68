"""Export the public Pydantic models as JSON Schema files (schemas/*.schema.json)."""

from __future__ import annotations

import json
from pathlib import Path

from summarizer.models import BatchRecord, Brief, Claim, Collection, Document, Result

PUBLIC = {"result": Result, "collection": Collection, "document": Document, "claim": Claim, "brief": Brief,
          "batch_record": BatchRecord}


def schema_texts() -> dict[str, str]:
    return {f"{name}.schema.json": json.dumps(model.model_json_schema(), indent=2, ensure_ascii=False) + "\n"
            for name, model in PUBLIC.items()}


def write_schemas(directory: Path) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = directory / name
        path.write_text(text, encoding="utf-8")
        written.append(path)
    return written
