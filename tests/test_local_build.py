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

    assert row_tile(NO_AMX, repacked=True) == 16  # AVX-512: 16 rows at a time
    avx2 = NO_AMX.replace(b"AVX512 = 1", b"AVX512 = 0")
    assert row_tile(avx2, repacked=True) == 4
    assert row_tile(NO_AMX, repacked=False) == 1  # the AMX guard's weights are not repacked
    assert row_tile(NO_AMX.replace(b"REPACK = 1", b"REPACK = 0"), repacked=True) == 1
