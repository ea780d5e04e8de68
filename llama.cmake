# Included into llama.cpp's build by the README's install commands
# (CMAKE_ARGS="-DCMAKE_PROJECT_INCLUDE=$PWD/llama.cmake"), after each project() of llama-cpp-python's build.
#
# llama.cpp compiles for the CPU it is built on (-march=native); on an Intel CPU with AMX (Sapphire Rapids and
# later) that brings in its AMX kernels, which take the weights. As released they crash on the first decode
# (llama.cpp issue 20824): ggml_tile_config_init() fills a tile configuration on the stack and hands it to
# _tile_loadconfig(), which GCC does not model as reading memory, so the stores are dropped as dead and the
# CPU loads garbage (SIGILL or SIGSEGV at ldtilecfg; the fix proposed upstream is llama.cpp PR 26954). This
# file makes that configuration static: its stores are then kept. A llama.cpp whose source does not read as
# expected is built without AMX-INT8 instead (every other instruction of the CPU and the repacked weights
# stay), the safe choice this file made before the cause was known. Elsewhere it changes nothing.
if(NOT CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$" OR MSVC OR SUMMARIZER_LLAMA_CMAKE_DONE)
  return()
endif()
set(SUMMARIZER_LLAMA_CMAKE_DONE TRUE)  # once: the first project() of the build sees the whole source tree

set(_amx_source "")
foreach(_candidate vendor/llama.cpp/ggml/src/ggml-cpu/amx/mmq.cpp ggml/src/ggml-cpu/amx/mmq.cpp
                   src/ggml-cpu/amx/mmq.cpp)
  if(EXISTS "${CMAKE_CURRENT_SOURCE_DIR}/${_candidate}")
    set(_amx_source "${CMAKE_CURRENT_SOURCE_DIR}/${_candidate}")
    break()
  endif()
endforeach()

set(_on_stack "    alignas(64) tile_config_t tc = {};\n")
set(_static "    alignas(64) static thread_local tile_config_t tc;  // summarizer's llama.cmake: kept stores\n")
set(_amx_fixed FALSE)
if(_amx_source)
  file(READ "${_amx_source}" _text)
  string(FIND "${_text}" "${_static}" _at_fixed)
  string(FIND "${_text}" "${_on_stack}" _at_stack)
  if(_at_fixed GREATER -1)
    set(_amx_fixed TRUE)
  elseif(_at_stack GREATER -1)
    string(REPLACE "${_on_stack}" "${_static}" _text "${_text}")
    file(WRITE "${_amx_source}" "${_text}")
    set(_amx_fixed TRUE)
  endif()
endif()

if(_amx_fixed)
  message(STATUS "summarizer: AMX tile configuration made static in ${_amx_source}")
else()
  message(STATUS "summarizer: llama.cpp's AMX source not as expected: building without AMX-INT8")
  add_compile_options(-mno-amx-int8)
endif()
