"""The hand-labelled answers in fixtures/gold/ (see fixtures/gold/GUIDE.md), as Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from .models import Claim


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class GoldClaim(Claim):
    key: bool = Field(default=False, description="A claim the brief's reader must not miss.")
    speaker_aliases: list[str] = Field(default_factory=list,
                                       description="Other names the article gives the same speaker.")


class MustCarry(_Strict):
    fact: str
    claims: list[str] = Field(min_length=1, description="Gold claims that state the fact.")
    figures: list[str] = Field(description="Figures that may express it, as written in the article.")
    any_of: list[str] = Field(min_length=1, description="Brief text carries the fact if it contains one of these "
                                                         "(case-insensitive), and a figure when figures are listed.")


class GoldDisagreement(_Strict):
    topic: str
    claims: list[str] = Field(min_length=2, description="Gold claims on different sides.")


class GoldBrief(_Strict):
    must_carry: list[MustCarry]
    disagreements: list[GoldDisagreement]
    forbidden: list[str] = Field(description="Text that must never appear in a brief: boilerplate, loaded words.")


class GoldArticle(_Strict):
    article: str = Field(description="Path of the article, relative to the project root.")
    sha256: str
    claims: list[GoldClaim]
    brief: GoldBrief


def load_gold(path: Path) -> GoldArticle:
    return GoldArticle.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
