"""The llama.cpp build the local backend runs on: a build with AMX kernels (compiled natively on an Intel
CPU that has AMX, such as Sapphire Rapids) crashes on its first decode when they take the weights
(llama.cpp issue 20824, seen on this project's machines) unless llama.cmake mended them, so the backend tries
the build once in a child process and loads the weights unrepacked where it crashed."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from summarizer.backends.local import amx_build

ROOT = Path(__file__).resolve().parent.parent

# llama_print_system_info() of a build on Intel Sapphire Rapids (real), and the same without AMX kernels
NO_AMX = (b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | AVX512 = 1 | "
       b"AVX512_VBMI = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | ")
INTEL = (b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX_VNNI = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | "
         b"AVX512 = 1 | AVX512_VBMI = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 | LLAMAFILE = 1 | "
         b"OPENMP = 1 | REPACK = 1 | ")


def test_only_a_build_with_amx_kernels_is_tried_before_its_weights_are_repacked():
    assert amx_build(INTEL)
    assert not amx_build(NO_AMX)
    assert not amx_build(INTEL.replace(b"AMX_INT8 = 1", b"AMX_INT8 = 0"))


def test_row_tile_follows_the_kernels_of_the_build():
    from summarizer.backends.local import row_tile

    assert row_tile(NO_AMX, repacked=True) == 16  # AVX-512 or AVX2: 16 rows at a time
    assert row_tile(NO_AMX.replace(b"AVX512 = 1", b"AVX512 = 0"), repacked=True) == 16
    assert row_tile(NO_AMX.replace(b"AVX2 = 1", b"AVX2 = 0"), repacked=True) == 1
    assert row_tile(NO_AMX, repacked=False) == 1  # the AMX guard's weights are not repacked
    assert row_tile(NO_AMX.replace(b"REPACK = 1", b"REPACK = 0"), repacked=True) == 1


def test_whether_filling_a_tile_pays_is_measured_once_and_remembered(tmp_path):
    from summarizer.backends import local
    from summarizer.backends.modelstore import KNOWN

    measured = []

    def costs(widths):  # a machine where 16 rows cost 1.2 times 8 (measured on an Intel Xeon: 289/238 ms)
        measured.append(widths)
        return [238.0, 289.0]

    def backend(threads: int, cache_dir, time_steps):
        b = local.LocalBackend("local/qwen2.5-coder-1.5b", name="qwen2.5-coder-1.5b", threads=threads,
                               sha256=KNOWN["qwen2.5-coder-1.5b"].sha256, cache_dir=cache_dir)
        b.engine.time_steps = time_steps
        return b

    assert backend(2, tmp_path, costs)._filling_pays(16, NO_AMX)
    assert backend(2, tmp_path, costs)._filling_pays(16, NO_AMX)  # read back: the same batches in every later run
    assert measured == [[8, 16]]

    halves = lambda widths: [187.0, 340.0]  # noqa: E731 - a CPU running 512-bit arithmetic as two halves
    assert not backend(1, tmp_path, halves)._filling_pays(16, NO_AMX)  # another thread count: measured anew
    assert not backend(2, None, costs)._filling_pays(16, NO_AMX)  # nowhere to remember it: no filling


def test_the_local_model_decodes_slots_sequences_unless_a_concurrency_is_given():
    from summarizer.backends.local import SLOTS, slots_for
    from summarizer.config import resolve_settings

    assert SLOTS == 12 and slots_for(resolve_settings({}, env={})) == SLOTS  # the setting's own default is 8
    assert slots_for(resolve_settings({}, env={"SUMMARIZER_CONCURRENCY": "4"})) == 4
    assert slots_for(resolve_settings({"concurrency": 2}, env={"SUMMARIZER_CONCURRENCY": "4"})) == 2


def test_a_load_begun_in_the_background_that_fails_is_raised_by_the_first_call_and_not_tried_again(monkeypatch):
    import pytest

    from summarizer.backends.local import LocalBackend
    from summarizer.errors import ModelError

    tries = []

    def broken(self):
        tries.append(1)
        raise ModelError("cannot load broken.gguf: not a model")

    monkeypatch.setattr(LocalBackend, "_load", broken)
    backend = LocalBackend("local/broken.gguf", sha256="0" * 64, threads=1)
    backend.prepare()  # the client's hook: loading starts on a thread of its own, its error kept for later
    backend._preparing.join(timeout=60)
    for _ in range(2):  # each task's call raises the same reason, and nothing loads again
        with pytest.raises(ModelError, match="cannot load"):
            backend.complete([{"role": "user", "content": "Hi"}], {"type": "object"}, max_tokens=8)
    assert tries == [1]


def test_a_backend_closed_before_its_background_load_runs_loads_nothing(monkeypatch):
    from summarizer.backends.local import LocalBackend

    tries = []
    monkeypatch.setattr(LocalBackend, "_load", lambda self: tries.append(1))
    backend = LocalBackend("local/x.gguf", sha256="0" * 64, threads=1)
    backend.close()
    backend.prepare()
    backend._preparing.join(timeout=60)
    assert tries == []


# ggml_tile_config_init() as llama.cpp 0.3.36 vendors it (ggml/src/ggml-cpu/amx/mmq.cpp): the configuration on the
# stack, whose stores GCC drops because _tile_loadconfig() is not modelled as reading memory
AMX_SOURCE = """inline void ggml_tile_config_init(void) {
    static thread_local bool done = false;

    if (done) {
        return;
    }

    alignas(64) tile_config_t tc = {};
    tc.palette_id = 1;
    _tile_loadconfig(&tc);
    done = true;
}
"""


def configure(tmp_path: Path, source: str | None) -> tuple[str, str | None]:
    """Configure a project laid out like llama-cpp-python's sdist with llama.cmake included, as the README's
    install does: (cmake's output, the AMX source afterwards)."""
    if shutil.which("cmake") is None:
        pytest.skip("cmake is not installed")
    tree = tmp_path / "sdist"
    amx = tree / "vendor/llama.cpp/ggml/src/ggml-cpu/amx/mmq.cpp"
    amx.parent.mkdir(parents=True)
    if source is not None:
        amx.write_text(source)
    (tree / "CMakeLists.txt").write_text(
        "cmake_minimum_required(VERSION 3.21)\nproject(llama_cpp NONE)\n"
        "project(inner NONE)\n"  # llama.cpp's and ggml's own project() calls include the file again
        "get_directory_property(options COMPILE_OPTIONS)\nmessage(STATUS \"options: ${options}\")\n")
    done = subprocess.run(["cmake", "-S", str(tree), "-B", str(tmp_path / "build"),
                           f"-DCMAKE_PROJECT_INCLUDE={ROOT / 'llama.cmake'}"], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    return done.stdout, (amx.read_text() if amx.exists() else None)


def test_llama_cmake_makes_the_amx_tile_configuration_static_so_its_stores_are_kept(tmp_path):
    import platform

    if platform.machine() not in ("x86_64", "AMD64", "amd64"):
        pytest.skip("llama.cmake changes nothing off x86-64")
    out, after = configure(tmp_path, AMX_SOURCE)
    assert "alignas(64) tile_config_t tc = {};" not in after
    assert "    alignas(64) static thread_local tile_config_t tc;" in after
    assert after.count("tile_config_t tc") == 1 and "tc.palette_id = 1;" in after  # the rest untouched
    assert "-mno-amx-int8" not in out  # the kernels stay, mended
    assert out.count("AMX tile configuration made static") == 1  # once, though project() ran twice


def test_llama_cmake_builds_without_amx_where_the_source_is_not_as_expected(tmp_path):
    import platform

    if platform.machine() not in ("x86_64", "AMD64", "amd64"):
        pytest.skip("llama.cmake changes nothing off x86-64")
    changed = AMX_SOURCE.replace("alignas(64) tile_config_t tc = {};", "alignas(64) tile_config_t config{};")
    out, after = configure(tmp_path, changed)
    assert after == changed  # an unknown llama.cpp is not edited ...
    assert "options: -mno-amx-int8" in out  # ... it is built without AMX-INT8, as before the cause was known
    out, after = configure(tmp_path / "none", None)
    assert after is None and "options: -mno-amx-int8" in out


def test_whether_the_amx_kernels_work_is_tried_once_per_build_and_remembered(tmp_path, monkeypatch):
    from summarizer.backends import local
    from summarizer.backends.modelstore import KNOWN

    tried = []

    def probe(path):
        tried.append(path)
        return verdict

    def backend(cache_dir):
        return local.LocalBackend("local/qwen2.5-coder-1.5b", name="qwen2.5-coder-1.5b", threads=2,
                                  sha256=KNOWN["qwen2.5-coder-1.5b"].sha256, cache_dir=cache_dir)

    monkeypatch.setattr(local, "amx_probe", probe)
    monkeypatch.setattr(local, "_build_digest", lambda: "mended")
    verdict = True
    assert backend(tmp_path)._amx_works(Path("m.gguf"), INTEL)
    verdict = False
    assert backend(tmp_path)._amx_works(Path("m.gguf"), INTEL)  # read back: not tried again
    assert tried == [Path("m.gguf")]
    monkeypatch.setattr(local, "_build_digest", lambda: "as released")  # another binary: tried anew
    assert not backend(tmp_path)._amx_works(Path("m.gguf"), INTEL)
    assert not backend(None)._amx_works(Path("m.gguf"), INTEL)  # nowhere to remember it: tried at each load
    assert len(tried) == 3
    monkeypatch.setattr(local, "_build_digest", lambda: "another")
    verdict = None  # the child failed for a reason that is not the kernels': no verdict, none remembered
    assert not backend(tmp_path)._amx_works(Path("m.gguf"), INTEL)  # unrepacked this time
    verdict = True
    assert backend(tmp_path)._amx_works(Path("m.gguf"), INTEL)  # tried again at the next load
    assert len(tried) == 5


def test_the_amx_probe_is_a_child_whose_crash_says_no(tmp_path, monkeypatch):
    from summarizer.backends import local

    def verdict(code: str, timeout: float = 60):
        monkeypatch.setattr(local, "_PROBE", code)
        return local.amx_probe(tmp_path / "m.gguf", timeout=timeout)

    # the kernels' fault kills the child, not this process
    assert verdict("import os, signal; os.kill(os.getpid(), signal.SIGSEGV)") is False
    assert verdict("import os, signal; os.kill(os.getpid(), signal.SIGILL)") is False
    assert verdict("import sys; sys.exit(4)") is False  # decoded, but logits unlike those of the weights as stored
    assert verdict("import sys; sys.exit(0 if sys.argv[1].endswith('m.gguf') else 3)") is True
    # a failure that is not the kernels' says nothing about them
    assert verdict("import os, signal; os.kill(os.getpid(), signal.SIGKILL)") is None  # the OOM killer
    assert verdict("import no_such_module") is None
    assert verdict("import time; time.sleep(30)", timeout=1) is None


@pytest.mark.model
def test_the_amx_probe_decodes_a_real_model(smollm_path, tmp_path):
    from summarizer.backends.local import amx_probe

    # this machine's build, whatever its kernels: the README's install decodes, repacked weights agreeing
    # with the weights as stored on every row's logits
    assert amx_probe(smollm_path) is True
    broken = tmp_path / "broken.gguf"
    broken.write_bytes(b"GGUF" + b"\0" * 64)
    assert amx_probe(broken) is None  # a file llama.cpp refuses says nothing about its kernels


def test_stored_system_prompt_states_are_kept_apart_by_build_and_repacking(tmp_path):
    from summarizer.backends.batching import HeadStore

    tokens = [1, 2, 3]
    paths = {HeadStore(tmp_path, "ab" * 32, build=build).path(tokens)
             for build in ("mended:repacked=True", "mended:repacked=False", "as released:repacked=False")}
    assert len(paths) == 3  # AMX kernels, unrepacked weights, another binary: each rounds its own way
    assert HeadStore(tmp_path, "ab" * 32, build="x").path(tokens) == HeadStore(tmp_path, "ab" * 32, build="x").path(tokens)
