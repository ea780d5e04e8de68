"""The llama.cpp build the local backend runs on: a build with AMX kernels (compiled natively on an Intel
CPU that has AMX, such as Sapphire Rapids) crashes on its first decode when they take the weights
(llama.cpp issue 20824, seen on this project's machines), so the backend loads the weights unrepacked there."""

from __future__ import annotations

from summarizer.backends.local import amx_build

# llama_print_system_info() of a build on Intel Sapphire Rapids (real), and the same without AMX kernels
NO_AMX = (b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | AVX512 = 1 | "
       b"AVX512_VBMI = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | LLAMAFILE = 1 | OPENMP = 1 | REPACK = 1 | ")
INTEL = (b"CPU : SSE3 = 1 | SSSE3 = 1 | AVX = 1 | AVX_VNNI = 1 | AVX2 = 1 | F16C = 1 | FMA = 1 | BMI2 = 1 | "
         b"AVX512 = 1 | AVX512_VBMI = 1 | AVX512_VNNI = 1 | AVX512_BF16 = 1 | AMX_INT8 = 1 | LLAMAFILE = 1 | "
         b"OPENMP = 1 | REPACK = 1 | ")


def test_only_a_build_with_amx_kernels_loads_weights_unrepacked():
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
