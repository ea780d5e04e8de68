"""The embedded default backend: llama.cpp (llama-cpp-python) with greedy decoding constrained
token by token to the answer's JSON schema by llguidance. Tokens the grammar forces (JSON keys,
punctuation) are fed to the model in one batch; prompts sharing a prefix reuse the KV cache."""

from __future__ import annotations

import json
import sys
import warnings
from pathlib import Path
from typing import Any

from summarizer.backends.base import Backend, Completion
from summarizer.backends.modelstore import KNOWN, ensure_model, file_sha256
from summarizer.errors import BackendError, ConfigError, ContextOverflow, ModelError

DECODER = "llguidance-greedy-v4"  # v4: control-token strings in messages are neutralized
# The layout of the worked examples in prompts/: compact JSON with ", " and ": ".
JSON_OPTIONS = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}


def create(rest: str, spec: str, settings) -> LocalBackend:
    if rest.endswith(".gguf") or "/" in rest:
        path = Path(rest).expanduser()
        if not path.is_file():
            raise ConfigError(f"--model {spec}: no GGUF file at {path}")
        return LocalBackend(spec, path=path, sha256=file_sha256(path, settings.cache_dir), threads=settings.threads,
                            max_context=settings.context)
    if rest not in KNOWN:
        from summarizer.errors import UsageError

        raise UsageError(f"unknown local model {rest!r}: known are {', '.join('local/' + k for k in KNOWN)}, "
                         "or local/PATH.gguf")
    return LocalBackend(spec, name=rest, cache_dir=settings.cache_dir, sha256=KNOWN[rest].sha256,
                        threads=settings.threads, max_context=settings.context)


class LocalBackend(Backend):
    deterministic = True  # greedy decoding, fixed seed, fixed batch boundaries
    def __init__(self, spec: str, *, sha256: str, threads: int, path: Path | None = None, name: str | None = None,
                 cache_dir: Path | None = None, n_ctx: int | None = None, max_context: int | None = None):
        self.name = spec
        self.sha256 = sha256
        self.threads = threads
        self._path = path
        self._known = name
        self._cache_dir = cache_dir
        self._n_ctx_hint = n_ctx
        # a cap on the context window (memory grows with it); None: what the model was trained for
        self.max_context = max_context or (KNOWN[name].context if name in KNOWN else None)
        self.llm = None  # llama_cpp.Llama once loaded
        self.tokenizer = None  # llguidance tokenizer over the model's vocab
        self.eos: set[int] = set()  # end-of-turn tokens
        self._grammars: dict[str, str] = {}
        self.speculative = True
        self.stats: list = []  # DecodeStats of every call, for the benchmark

    def identity(self) -> dict[str, Any]:
        return {"backend": "local", "model": self.name, "sha256": self.sha256, "decoder": DECODER,
                "json": JSON_OPTIONS}

    # -- loading -----------------------------------------------------------------------------

    def model_path(self) -> Path:
        if self._path is None:
            self._path = ensure_model(self._known, self._cache_dir)
        return self._path

    def _load(self, n_ctx: int) -> None:
        try:
            import llama_cpp
            from llguidance.llamacpp import lltokenizer_from_vocab
        except ImportError as exc:
            raise ConfigError(f"the local backend needs llama-cpp-python and llguidance ({exc.name} missing): "
                              "pip install -e '.[local]'") from None
        path = self.model_path()
        sys.stderr.write(f"loading {self.name} ({path.stat().st_size / 1e9:.2f} GB, n_ctx={n_ctx}, "
                         f"{self.threads} threads)...\n")
        try:
            self.llm = llama_cpp.Llama(model_path=str(path), n_ctx=n_ctx, n_batch=512, n_threads=self.threads,
                                       n_threads_batch=self.threads, seed=0, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load {path}: {exc}") from None
        # the tokenizer points into this model's vocab, so it is rebuilt with every load
        vocab = llama_cpp.llama_model_get_vocab(self.llm.model)
        eos = sorted({t for t in (llama_cpp.llama_vocab_eos(vocab), llama_cpp.llama_vocab_eot(vocab)) if t >= 0})
        with warnings.catch_warnings():  # llguidance calls a deprecated llama.cpp helper once per token
            warnings.simplefilter("ignore", DeprecationWarning)
            self.tokenizer = lltokenizer_from_vocab(vocab, n_vocab=self.llm.n_vocab(), eos_token=eos)
        self.eos = set(eos)
        self._closers = self._closing_tokens()
        self._specials = self._special_texts(vocab)
        self._template = _chat_formatter(self.llm)

    def chat_text(self, messages: list[dict[str, str]]) -> str:
        """The prompt text of messages in the model's own chat template (the model must be loaded)."""
        return self._template(messages)

    def context_tokens(self) -> int | None:
        return self.max_context

    def _context_limit(self) -> int | None:
        """max_context, and once the model is loaded, no more than it was trained for."""
        if self.llm is None:
            return self.max_context
        return min(self.max_context or 10**9, self.llm._model.n_ctx_train())

    def _ensure_context(self, needed: int) -> None:
        """Load (or reload) the model with a context window for `needed` tokens (a first guess before the
        first load), clamped to the limit; the caller checks what fits."""
        if self.llm is not None and needed <= self.llm.n_ctx():
            return
        limit = self._context_limit()
        n_ctx = max(2048, -(-needed // 1024) * 1024)
        n_ctx = min(n_ctx, limit) if limit else n_ctx
        if self.llm is not None:
            if n_ctx <= self.llm.n_ctx():  # already at the limit
                return
            self.llm.close()
            self.llm = None
        self._load(n_ctx)

    def close(self) -> None:
        if self.llm is not None:
            self.llm.close()
            self.llm = None

    # -- decoding ----------------------------------------------------------------------------

    def prompt_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        if self.llm is None:
            self._ensure_context(self._n_ctx_hint or 4096)
        prompt = self.chat_text([{**m, "content": self.neutralize(m["content"])} for m in messages])
        return self.llm.tokenize(prompt.encode("utf-8"), add_bos=True, special=True)

    def grammar(self, schema: dict[str, Any]) -> str:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            from llguidance import LLMatcher

            self._grammars[key] = LLMatcher.grammar_from_json_schema(schema, defaults=JSON_OPTIONS)
        return self._grammars[key]

    def complete(self, messages, schema, *, max_tokens):
        from llguidance import LLMatcher

        if self.llm is None:  # size the context from the prompt (about 3 characters a token), then check
            chars = sum(len(m["content"]) for m in messages)
            self._ensure_context(chars // 3 + max_tokens + 256)
        tokens = self.prompt_tokens(messages)
        if len(tokens) + max_tokens + 16 > self.llm.n_ctx():
            self._ensure_context(len(tokens) + max_tokens + 16)  # same model, same tokens
            # at the cap (a re-ask carries the previous answer): answer in what is left; the decoder
            # closes the JSON before the budget runs out
            room = self.llm.n_ctx() - len(tokens) - 16
            if room < 128:
                raise ContextOverflow(f"the prompt needs {len(tokens)} tokens; {self.name} is limited to "
                                   f"{self.llm.n_ctx()} here (raise SUMMARIZER_CONTEXT or lower SUMMARIZER_PART_CHARS)")
            max_tokens = min(max_tokens, room)
        matcher = LLMatcher(self.tokenizer, self.grammar(schema), log_level=0)
        if matcher.is_error():
            raise BackendError(f"schema not supported by the constrained decoder: {matcher.get_error()}")
        decoder = self.decoder()
        cached, logits = decoder.prefill(tokens)
        out, finish, stats = decoder.run(tokens, logits, matcher, max_tokens)
        if matcher.is_error():
            raise BackendError(f"constrained decoder error: {matcher.get_error()}")
        self.stats.append(stats)
        text = self.llm.detokenize([t for t in out if t not in self.eos]).decode("utf-8", errors="replace")
        return Completion(text=text, prompt_tokens=len(tokens), completion_tokens=len(out), cached_tokens=cached,
                          finish_reason=finish)

    def decoder(self):
        """A constrained decoder over the loaded model (the benchmark uses its steps one by one)."""
        from summarizer.backends.decoding import ConstrainedDecoder

        return ConstrainedDecoder(self.llm, self.tokenizer, self.eos, self._closers, speculative=self.speculative)

    def neutralize(self, text: str) -> str:
        """Text with the model's control-token strings ("<|im_end|>", "<|im_start|>") broken by a word
        joiner: the prompt is tokenized with special tokens on (the chat template needs them), so an
        article must not be able to end its own message and open a system turn."""
        for special in self._specials:
            if special in text:
                text = text.replace(special, special[0] + "\u2060" + special[1:])
        return text

    def _special_texts(self, vocab) -> list[str]:
        import llama_cpp

        flags = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
        found = set()
        for t in range(self.llm.n_vocab()):
            if llama_cpp.llama_vocab_get_attr(vocab, t) & flags:
                piece = self.llm.detokenize([t], special=True).decode("utf-8", errors="ignore")
                if len(piece.strip()) >= 2:
                    found.add(piece.strip())
        return sorted(found, key=len, reverse=True)

    def _closing_tokens(self) -> list[int]:
        """Tokens that only close JSON strings, arrays and objects, or write null."""
        ids = []
        for t in range(self.llm.n_vocab()):
            piece = self.llm.detokenize([t])
            if piece and (set(piece) <= set(b'"]}') or piece == b"null"):
                ids.append(t)
        return ids


def _chat_formatter(llm):
    """messages -> prompt text with the chat template stored in the GGUF."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = llm.metadata.get("tokenizer.chat_template")
    if not template:
        raise ModelError("the GGUF has no chat template (tokenizer.chat_template)")
    vocab_eos = llm.detokenize([llm.token_eos()]).decode("utf-8", errors="replace")
    vocab_bos = llm.detokenize([llm.token_bos()]).decode("utf-8", errors="replace") if llm.token_bos() >= 0 else ""
    formatter = Jinja2ChatFormatter(template=template, eos_token=vocab_eos, bos_token=vocab_bos)
    return lambda messages: formatter(messages=messages).prompt
