"""The hand-labelled answers in fixtures/gold/ (see fixtures/gold/GUIDE.md), as Pydantic models."""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from summarizer.errors import UsageError
from summarizer.models import Claim


def project_root() -> Path:
    """The folder holding fixtures/gold: the current one, or the checkout of an editable install."""
    for base in (Path.cwd(), Path(__file__).resolve().parents[2]):
        if (base / "fixtures" / "gold").is_dir():
            return base
    raise UsageError("no fixtures/gold here: run from the repository, or pass --gold DIR (and --thresholds, "
                     "--baseline) explicitly")


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
    article: str = Field(description="Path of the article, relative to the project root (the folder two "
                                     "levels above the gold file's folder).")
    sha256: str
    claims: list[GoldClaim]
    brief: GoldBrief


def load_gold(path: Path) -> GoldArticle:
    return GoldArticle.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))


# -- the pair of articles (a brief across them) ------------------------------------------------

class PairFigure(_Strict):
    article: str = Field(description="Path of the article, as in `articles`.")
    claim: str = Field(description="The gold claim (of that article's gold file) that carries the figure.")
    text: str = Field(description="The figure as written, qualifier included.")
    source: str
    date: str


class PairQuantity(_Strict):
    quantity: str
    figures: list[PairFigure] = Field(min_length=1)


class PairSources(_Strict):
    article: str
    sources: list[str]


class PairSide(_Strict):
    article: str
    claim: str
    position: str


class PairConflict(_Strict):
    topic: str
    sides: list[PairSide] = Field(min_length=2)


class PairGold(_Strict):
    articles: list[str] = Field(min_length=2)
    changed_figures: list[PairQuantity] = Field(description="Figures about the same quantity across the articles.")
    sources_differ: list[PairSources]
    conflicts: list[PairConflict] = Field(description="Opposing assertions across the articles.")


def gold_files(gold_dir: Path) -> list[Path]:
    """The single-article gold files of a folder (every *.json but the pairs)."""
    return sorted(p for p in Path(gold_dir).glob("*.json") if not p.name.startswith("pair_"))


def pair_files(gold_dir: Path) -> list[Path]:
    return sorted(Path(gold_dir).glob("pair_*.json"))


def load_pair(path: Path) -> PairGold:
    return PairGold.model_validate(json.loads(Path(path).read_text(encoding="utf-8")))
