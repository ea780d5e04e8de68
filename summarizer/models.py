"""The public contract: Pydantic models for documents, claims, briefs and the full result.
`summarize schema export` writes their JSON Schema to schemas/; a test keeps those files current."""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, RootModel


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


# -- documents ---------------------------------------------------------------------------------

class Sentence(_Strict):
    id: str = Field(description="Sentence id, S1..Sn in reading order.")
    paragraph: int = Field(description="1-based index of the paragraph holding the sentence.")
    start: int = Field(description="Offset of the first character in the original text.")
    end: int = Field(description="Offset just past the last character: original[start:end] == text.")
    text: str


class Paragraph(_Strict):
    index: int
    start: int
    end: int
    sentence_ids: list[str]


class Dateline(_Strict):
    text: str = Field(description="The dateline as written, e.g. 'Kyiv [Ukraine], February 1 (ANI):'.")
    start: int
    end: int
    place: str | None = None
    outlet: str | None = Field(default=None, description="News agency or outlet named in the dateline.")
    date: str | None = Field(default=None, description="ISO date, when it can be told.")


class RemovedSpan(_Strict):
    start: int
    end: int
    kind: Literal["navigation", "related-links", "newsletter", "disclaimer", "byline", "teaser",
                  "headline", "metadata", "dateline", "sign-off", "credit"]
    text: str


class Document(_Strict):
    source: str = Field(description="Path the article was read from, or <stdin>.")
    sha256: str = Field(description="sha256 of the original text encoded as UTF-8.")
    text: str = Field(description="The original text; every offset in the result points into it. For an HTML "
                                  "page, the article text extracted from it.")
    encoding: Literal["utf-8", "utf-16", "cp1252", "html"] = Field(
        default="utf-8", description="How the file was read: UTF-8, UTF-16 (BOM), Windows-1252/Latin-1 (not "
                                     "UTF-8), or an HTML page whose article text was extracted.")
    title: str | None = None
    date: str | None = Field(default=None, description="Publication date (ISO) from metadata or dateline.")
    dateline: Dateline | None = None
    paragraphs: list[Paragraph]
    sentences: list[Sentence]
    removed: list[RemovedSpan] = Field(description="Boilerplate left out of the sentences, with its kind.")

    def sentence(self, sid: str) -> Sentence:
        return self.sentences[int(sid[1:]) - 1]


# -- claims ------------------------------------------------------------------------------------

ClaimKind = Literal["fact", "estimate", "assessment", "denial", "quote", "prediction", "opinion", "report",
                    "instruction"]  # instruction: text addressed to an AI system, reported and never followed
CertaintyLevel = Literal["asserted", "almost certain", "highly likely", "likely", "realistic possibility",
                         "unlikely", "highly unlikely", "remote chance"]


class Speaker(_Strict):
    name: str = Field(description="Who makes the claim, as named in the article; 'the article' when the "
                                  "reporter asserts it without attribution.")
    role: str | None = Field(default=None, description="Role or title, e.g. 'spokesperson'.")
    organisation: str | None = Field(default=None, description="Organisation the speaker belongs to.")
    is_article: bool = Field(default=False, description="True when the article itself asserts the claim.")


class Quantity(_Strict):
    value: float = Field(description="The number, e.g. 12000 for '12,000' and 1.23e9 for '1.23 billion'.")
    unit: str | None = Field(default=None, description="What is counted or measured, e.g. 'troops', 'USD'.")
    qualifier: str | None = Field(default=None, description="'about', 'more than', 'nearly', ... as written.")
    text: str = Field(description="The figure exactly as written in the statement.")


class Certainty(_Strict):
    hedged: bool
    hedge_words: list[str] = Field(default_factory=list, description="Hedges as written in the evidence.")
    level: CertaintyLevel = Field(description="Position on an analyst's probability yardstick "
                                              "(UK PHIA); 'asserted' when the speaker does not hedge.")


class Evidence(_Strict):
    sentence_id: str
    start: int
    end: int
    text: str = Field(description="Exactly original[start:end].")


class Claim(_Strict):
    id: str = Field(description="C1..Cn, stable within one result.")
    statement: str = Field(description="Neutral, self-contained restatement of what is claimed.")
    speaker: Speaker
    attribution: list[str] = Field(default_factory=list,
                                   description="Who relays the claim, innermost first: ['CNN'] for "
                                               "'told CNN', ['Yonhap'] for 'Yonhap reported'.")
    kind: ClaimKind
    quantities: list[Quantity] = Field(default_factory=list)
    certainty: Certainty
    time: str | None = Field(default=None, description="When the claim holds, as written ('last week').")
    evidence: list[Evidence] = Field(min_length=1)
    article: str | None = Field(default=None, description="In a brief over several articles: the id (A1, A2 ...) of "
                                                          "the article the claim comes from.")
    published: str | None = Field(default=None, description="Publication date (ISO) of the claim's article.")
    outlet: str | None = Field(default=None, description="Outlet or agency of the claim's article ('ANI', 'IANS').")
    origin: Literal["model", "rule"] = Field(default="model", description="'rule': not written by the model: text "
                                             "addressed to an AI system, or a sentence whose model claims failed "
                                             "the checks twice, kept in the article's own words.")


# -- brief -------------------------------------------------------------------------------------

class KeyPoint(_Strict):
    text: str
    claims: list[str] = Field(min_length=1, description="Ids of the claims that support the point.")
    origin: Literal["model", "rule"] = Field(default="model", description="'rule': a figure that changed between "
                                             "articles, stated from the timeline, not written by the model.")


class Side(_Strict):
    source: str = Field(description="Who holds this position.")
    position: str
    claims: list[str] = Field(min_length=1)


class Disagreement(_Strict):
    topic: str
    sides: list[Side] = Field(min_length=2)
    origin: Literal["model", "rule"] = Field(default="model", description="'rule': found by the deterministic "
                                             "check of figures and contrasts, not written by the model.")


class Brief(_Strict):
    title: str
    bottom_line: str = Field(description="Bottom line up front: the one or two sentences that matter.")
    bottom_line_claims: list[str] = Field(default_factory=list)
    key_points: list[KeyPoint]
    disagreements: list[Disagreement] = Field(default_factory=list)
    open_questions: list[str] = Field(default_factory=list)
    sources: list[str] = Field(default_factory=list, description="Who made the claims: people and organisations.")
    relays: list[str] = Field(default_factory=list, description="Who relayed the claims: outlets, agencies, "
                                                                "platforms.")


# -- several articles ----------------------------------------------------------------------------

class ArticleRef(_Strict):
    id: str = Field(description="A1, A2 ... in order of publication date (undated last), then of the command line.")
    source: str
    sha256: str
    title: str | None = None
    date: str | None = None
    outlet: str | None = None


class TimelineEntry(_Strict):
    claim: str = Field(description="Id of the claim that carries the figure.")
    article: str
    date: str | None = None
    outlet: str | None = None
    source: str = Field(description="Who gives the figure, with any relay ('Yonhap via ...').")
    text: str = Field(description="The figure as written, qualifier included ('about 12,000').")
    value: float
    qualifier: str | None = None


class TimelineGroup(_Strict):
    quantity: str = Field(description="What is counted, e.g. 'troops sent', 'casualties', 'killed'.")
    entries: list[TimelineEntry] = Field(description="In order of date, then article, then claim.")
    differs: bool = Field(description="True when sources give different figures for the quantity.")


class Change(_Strict):
    quantity: str
    kind: Literal["changed", "confirmed", "new", "not repeated"]
    text: str = Field(description="One line: the figures before and after, with source and date.")
    before: list[str] = Field(default_factory=list, description="Claim ids in the earlier article(s).")
    after: list[str] = Field(default_factory=list, description="Claim ids in the latest article.")


# -- the whole result --------------------------------------------------------------------------

class Warning_(_Strict):
    stage: str
    message: str


class Budget(_Strict):
    reasks_per_call: int = Field(description="Re-asks allowed after an answer fails validation (the brief's: "
                                             "brief_reasks).")
    brief_reasks: int = Field(default=0, description="Re-asks allowed for the brief's title and bottom line; "
                                                     "a bottom line that fails its checks is stated by rule.")
    http_retries_per_call: int = Field(description="Retries allowed for a failed request (time-out, 429, 5xx).")
    tokens: int | None = Field(default=None, description="Prompt + completion tokens the run may spend; "
                                                         "null: no limit.")


class Usage(_Strict):
    calls: int = Field(default=0, description="Model calls made (re-asks included; cache hits not).")
    cache_hits: int = 0
    cache_misses: int = 0
    reasks: int = 0
    http_retries: int = Field(default=0, description="Requests repeated after a time-out, 429 or 5xx.")
    failed_calls: int = Field(default=0, description="Questions left without a usable answer (see warnings).")
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cached_prompt_tokens: int = Field(default=0, description="Prompt tokens served from the KV prefix cache.")
    seconds: float = Field(default=0.0, description="Wall-clock seconds spent on model answers (tasks decoded "
                                                      "side by side count once).")
    budget: Budget | None = Field(default=None, description="The limits this run was given.")

    def add(self, other: Usage) -> None:
        """Add other's counters (every numeric field) to this one; the budget is a run's, never summed."""
        for name in type(self).model_fields:
            value = getattr(other, name)
            if isinstance(value, (int, float)):
                setattr(self, name, getattr(self, name) + value)


class Collection(_Strict):
    """One brief over several articles (`summarize a.txt b.txt --brief`)."""

    model_config = ConfigDict(extra="forbid", title="SummarizerCollection")

    version: Literal[1] = 1
    model: str
    prompt_versions: dict[str, str]
    articles: list[ArticleRef]
    documents: list[Document] = Field(description="Same order as articles.")
    claims: list[Claim] = Field(description="Claims of every article; ids are 'A1:C3' (article, claim).")
    brief: Brief | None = None
    timeline: list[TimelineGroup] = Field(default_factory=list, description="Figures about the same quantity "
                                          "across articles and sources, grouped by rule.")
    changes: list[Change] = Field(default_factory=list, description="What the latest article changes against "
                                  "the earlier ones, by rule from the timeline.")
    warnings: list[Warning_] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


class Result(_Strict):
    model_config = ConfigDict(extra="forbid", title="SummarizerResult")

    version: Literal[1] = 1
    model: str
    prompt_versions: dict[str, str]
    document: Document
    claims: list[Claim]
    brief: Brief | None = None
    warnings: list[Warning_] = Field(default_factory=list)
    usage: Usage = Field(default_factory=Usage)


# -- a batch of articles (`summarize batch`): one JSON line per article ----------------------------

class BatchOk(_Strict):
    """An article of a batch that was summarized."""

    model_config = ConfigDict(extra="forbid", title="SummarizerBatchOk")

    id: str = Field(description="The article's id in its JSONL input, else its path as given or expanded. A re-run "
                                "skips every id that already has an ok record.")
    source: str = Field(description="The JSONL line's source, else the file the article was read from (<stdin>).")
    sha256: str = Field(description="sha256 of the article text (document.sha256).")
    status: Literal["ok"]
    result: Result


class BatchError(_Strict):
    """An article of a batch that failed; a re-run of the same command tries it again."""

    model_config = ConfigDict(extra="forbid", title="SummarizerBatchError")

    id: str
    source: str
    sha256: str | None = Field(description="sha256 of the article text; null when it could not be read.")
    status: Literal["error"]
    error: str = Field(description="One line: why the article has no result.")


class BatchRecord(RootModel[Annotated[BatchOk | BatchError, Field(discriminator="status")]]):
    """One line of `summarize batch --output FILE.jsonl`."""

    model_config = ConfigDict(title="SummarizerBatchRecord")
