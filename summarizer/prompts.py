"""Render the Jinja prompts in prompts/ with one sandboxed, StrictUndefined environment.
The article only ever enters as data (template variables), never as template source."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from pathlib import Path

from jinja2 import FileSystemLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

PROMPTS_DIR = Path(__file__).resolve().parent.parent / "prompts"
_VERSION = re.compile(r"\{#-?\s*version:\s*(\S+)\s*-?#\}")


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FileSystemLoader(PROMPTS_DIR), undefined=StrictUndefined,
                                autoescape=False, keep_trailing_newline=False, trim_blocks=False)


def version(name: str) -> str:
    """The version declared in the first line of prompts/<name>.system.j2 and .user.j2 (must agree)."""
    found = {_VERSION.match((PROMPTS_DIR / f"{name}.{part}.j2").read_text()).group(1) for part in ("system", "user")}
    if len(found) != 1:
        raise RuntimeError(f"prompts/{name}: system and user parts declare different versions {sorted(found)}")
    return found.pop()


def boundary_for(*texts: str) -> str:
    """A delimiter the article cannot forge: derived from the hash of the very text it encloses."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    return f"DATA-{digest}"


def render(name: str, **variables) -> list[dict[str, str]]:
    """Chat messages (system, user) for prompts/<name>.*.j2."""
    env = environment()
    return [{"role": role, "content": env.get_template(f"{name}.{role}.j2").render(**variables).strip() + "\n"}
            for role in ("system", "user")]
