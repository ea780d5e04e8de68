# Included into llama.cpp's build by the README's install commands
# (CMAKE_ARGS="-DCMAKE_PROJECT_INCLUDE=$PWD/llama.cmake"). llama.cpp compiles for the CPU it is built on
# (-march=native); on an Intel CPU with AMX (Sapphire Rapids and later) that brings in its AMX kernels,
# which take the weights and crash on the first decode (llama.cpp issue 20824, seen on this project's
# machines). Leaving AMX-INT8 out keeps every other instruction of the CPU and llama.cpp's repacked weights.
if(CMAKE_SYSTEM_PROCESSOR MATCHES "^(x86_64|AMD64|amd64)$" AND NOT MSVC)
  add_compile_options(-mno-amx-int8)
endif()
