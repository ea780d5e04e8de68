"""The Jinja prompts (`*.system.j2`, `*.user.j2` beside this file), shipped inside the wheel as
`summarizer.prompts` and read with importlib.resources, rendered by one sandboxed StrictUndefined
environment. The article only ever enters as data (template variables), never as template source."""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache
from importlib.resources import files

from jinja2 import FunctionLoader, StrictUndefined
from jinja2.sandbox import SandboxedEnvironment

_VERSION = re.compile(r"\{#-?\s*version:\s*(\S+)\s*-?#\}")
ROLES = ("system", "user")


def template_source(filename: str) -> str:
    """The text of one template file, wherever the package is installed."""
    return files(__name__).joinpath(filename).read_text(encoding="utf-8")


def names() -> list[str]:
    """Every prompt, by name ('extract', 'brief')."""
    return sorted({p.name.split(".")[0] for p in files(__name__).iterdir() if p.name.endswith(".system.j2")})


@lru_cache(maxsize=1)
def environment() -> SandboxedEnvironment:
    return SandboxedEnvironment(loader=FunctionLoader(template_source), undefined=StrictUndefined,
                                autoescape=False, keep_trailing_newline=False, trim_blocks=False)


def version(name: str) -> str:
    """The version declared in the first line of <name>.system.j2 and <name>.user.j2 (they must agree)."""
    found = {_VERSION.match(template_source(f"{name}.{role}.j2")).group(1) for role in ROLES}
    if len(found) != 1:
        raise RuntimeError(f"prompts/{name}: system and user parts declare different versions {sorted(found)}")
    return found.pop()


def boundary_for(*texts: str) -> str:
    """A delimiter the article cannot forge: derived from the hash of the very text it encloses."""
    digest = hashlib.sha256("\x00".join(texts).encode("utf-8")).hexdigest()[:16]
    return f"DATA-{digest}"


def render(name: str, **variables) -> list[dict[str, str]]:
    """Chat messages (system, user) for <name>.*.j2."""
    env = environment()
    return [{"role": role, "content": env.get_template(f"{name}.{role}.j2").render(**variables).strip() + "\n"}
            for role in ROLES]
