/*
 * abbrev.c: the abbreviation list of the text layer and its lookups (abbrev.h).
 *
 * Invariants: see abbrev.h (lower-case ASCII words of at most 7 bytes, each
 * once).  Lookups read only w[0..n) and keep no state, so the sentence splitter
 * and the tokenizer may call them from any thread.
 */
#include "abbrev.h"

#include <string.h>

typedef struct Abbrev {
    const char *word;   /* without the dot, lower case */
    unsigned char kind; /* AB_* */
} Abbrev;

static const Abbrev abbrevs[] = {
    {"mr", AB_TITLE},    {"mrs", AB_TITLE},   {"ms", AB_TITLE},    {"dr", AB_TITLE},
    {"prof", AB_TITLE},  {"lt", AB_TITLE},    {"gen", AB_TITLE},   {"col", AB_TITLE},
    {"maj", AB_TITLE},   {"sgt", AB_TITLE},   {"capt", AB_TITLE},  {"cmdr", AB_TITLE},
    {"cdr", AB_TITLE},   {"adm", AB_TITLE},   {"gov", AB_TITLE},   {"sen", AB_TITLE},
    {"rep", AB_TITLE},   {"rev", AB_TITLE},   {"st", AB_TITLE},    {"hon", AB_TITLE},
    {"pres", AB_TITLE},  {"brig", AB_TITLE},  {"cpl", AB_TITLE},   {"pvt", AB_TITLE},
    {"fr", AB_TITLE},    {"mt", AB_TITLE},    {"ft", AB_TITLE},    {"supt", AB_TITLE},
    {"insp", AB_TITLE},  {"amb", AB_TITLE},   {"messrs", AB_TITLE}, {"vs", AB_TITLE},
    {"v", AB_TITLE},     {"cf", AB_TITLE},    {"gens", AB_TITLE},  {"sens", AB_TITLE},
    {"reps", AB_TITLE},  {"sgts", AB_TITLE},  {"no", AB_NUMBER},   {"nos", AB_NUMBER},
    {"art", AB_NUMBER},  {"vol", AB_NUMBER},  {"fig", AB_NUMBER},  {"pp", AB_NUMBER},
    {"op", AB_NUMBER},   {"jan", AB_MONTH},   {"feb", AB_MONTH},   {"mar", AB_MONTH},
    {"apr", AB_MONTH},   {"jun", AB_MONTH},   {"jul", AB_MONTH},   {"aug", AB_MONTH},
    {"sep", AB_MONTH},   {"sept", AB_MONTH},  {"oct", AB_MONTH},   {"nov", AB_MONTH},
    {"dec", AB_MONTH},   {"inc", AB_SUFFIX},  {"corp", AB_SUFFIX}, {"ltd", AB_SUFFIX},
    {"co", AB_SUFFIX},   {"jr", AB_SUFFIX},   {"sr", AB_SUFFIX},   {"etc", AB_SUFFIX},
    {"bros", AB_SUFFIX}, {"plc", AB_SUFFIX},  {"llc", AB_SUFFIX},  {"dept", AB_SUFFIX},
    {"univ", AB_SUFFIX}, {"ave", AB_SUFFIX},  {"blvd", AB_SUFFIX}, {"rd", AB_SUFFIX},
    {"approx", AB_SUFFIX}, {"est", AB_SUFFIX}, {"govt", AB_SUFFIX}, {"intl", AB_SUFFIX},
};

/* An ASCII letter, either case: abbreviations are never anything else. */
static int is_letter(unsigned char c) { return (c | 0x20) >= 'a' && (c | 0x20) <= 'z'; }

int txt_abbrev_kind(const unsigned char *w, size_t n)
{
    char low[8];
    if (n == 0 || n >= sizeof low)
        return AB_NONE;
    for (size_t k = 0; k < n; k++) {
        if (!is_letter(w[k]))
            return AB_NONE;
        low[k] = (char)(w[k] | 0x20);
    }
    for (size_t k = 0; k < sizeof abbrevs / sizeof *abbrevs; k++)
        if (strlen(abbrevs[k].word) == n && memcmp(abbrevs[k].word, low, n) == 0)
            return abbrevs[k].kind;
    return AB_NONE;
}

int txt_is_dotted(const unsigned char *w, size_t n)
{
    size_t group = 0;
    int dots = 0;
    for (size_t k = 0; k < n; k++) {
        if (w[k] == '.') {
            if (group == 0)
                return 0;
            group = 0;
            dots++;
        } else if (is_letter(w[k]) && ++group <= 3) {
            continue;
        } else {
            return 0;
        }
    }
    return dots > 0 && group > 0;
}
