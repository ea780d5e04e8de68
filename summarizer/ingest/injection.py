"""Text in an article that addresses a language model rather than the reader: "ignore previous
instructions", role lines ("SYSTEM:", "Assistant:"), chat-control tokens, forged data delimiters,
answer-shaped JSON. Such sentences are never shown to the model as article text; each becomes a
claim of kind "instruction" attributed to the article (reported, not followed), and the brief and the
conflict checks leave them out. The patterns are deliberately broad: an article *about* prompt
injection loses nothing but the model's reading of the quoted attack, which is reported verbatim."""

from __future__ import annotations

import json
import re

from summarizer.models import Document

_PATTERNS: list[tuple[str, re.Pattern]] = [(why, re.compile(rx, re.IGNORECASE)) for why, rx in [
    ("override", r"\b(ignore|disregard|forget|override)\b.{0,40}\b(previous|prior|above|earlier|all|your|these)\b"
                 r".{0,40}\b(instructions?|prompts?|rules|directions|guidelines)\b"),
    ("override", r"\b(new|updated|real|actual) instructions\b|\bfrom now on\b|\byou are (now|no longer)\b"),
    ("override", r"\bend of (the )?(article|document|text|data|input)\b"),
    ("role", r"^\W{0,3}(system|assistant|user|developer|human|ai)\s*:"),
    ("control token", r"<\|[a-z_]{2,30}\|>|\[/?INST\]|<</?SYS>>|<</?DATA\b"),
    ("directive", r"\b(the|this|your) (brief|summary|analysis|output|answer|bottom line|title)\b.{0,40}"
                  r"\b(must|should|has to|needs to|to say|say that|will say)\b"),
    ("directive", r"\b(write|print|output|reply|respond|return|reveal|show)\b.{0,60}"
                  r"\b(api key|system prompt|settings|the word|bottom line|the title|only with)\b"),
    ("directive", r"\b(report|present|treat|state)\b.{0,20}\bas (a |an )?(fact|true)\b|\bextract no claims\b"),
    ("directive", r"\byou must (answer|reply|respond|output|write|extract)\b"),
]]


def _answer_shaped(text: str) -> bool:
    """A JSON object in the article, or something that starts like one of our answers."""
    body = text.strip()
    if not body.startswith("{"):
        return False
    if re.search(r'"(claims|bottom_line|key_points|evidence|statement|speaker)"\s*:', body):
        return True
    try:
        return isinstance(json.loads(body), dict)
    except ValueError:
        return False


def addressed_to_model(text: str) -> str | None:
    """Why a sentence reads as an instruction to an AI system, or None."""
    if _answer_shaped(text):
        return "answer-shaped JSON"
    for why, pattern in _PATTERNS:
        if pattern.search(text):
            return why
    return None


def suspect_sentences(doc: Document) -> dict[str, str]:
    """Sentence id -> reason, for every sentence that addresses a model."""
    found = {}
    for s in doc.sentences:
        why = addressed_to_model(s.text)
        if why:
            found[s.id] = why
    return found
