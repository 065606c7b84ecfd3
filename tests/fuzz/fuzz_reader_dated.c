/*
 * fuzz_reader_dated.c: libFuzzer target for the dated-text reader, followed by
 * the rest of the text layer on every document it returns.
 *
 * The input is read from memory as a dated file (and, on odd first bytes, with
 * AUTO detection).  Checked on every document: paragraph spans lie inside raw,
 * in order; raw normalizes; sentences and tokens lie inside their parents.
 * A reader that stops making progress also counts as a crash.
 *
 * The checks are in fuzz_text_checks.h, shared with the other reader targets.
 */
#include "fuzz_text_checks.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    read_all(data, size, "fuzz.txt", TXT_FORMAT_DATED);
    return 0;
}
