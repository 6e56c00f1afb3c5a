// libFuzzer's driver, for a binary that has a main of its own (placard-fuzz).
// Declared only: scripts/fuzz links libclang_rt.fuzzer_no_main from the toolchain.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
