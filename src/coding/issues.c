/*
 * issues.c: the issues a sentence names ("a drone strike", "refugees",
 * "the nuclear deal"), from the knowledge base's issue records.
 *
 * Issues say what an event is about, beside who did what to whom: an analyst
 * filters 17x events to those about elections, or counts events that mention
 * refugees.  A sentence is scanned left to right for the longest issue phrase at
 * each word, the way actor phrases are found but in their own key space, so
 * "refugees" can be both an agent (REF) and the issue REFUGEES.  An exclusion
 * phrase ("financial literacy" for LITERACY) is matched like any other and
 * names nothing, so the issue phrase inside it is never seen.
 *
 * Invariant: s->issues is never NULL after issues_find; it lists each category
 * once, in the order first named, comma-separated, in the document's arena.
 */
#include <string.h>

#include "analysis.h"

#define MAX_ISSUES 16

void issues_find(const Kb *kb, Sentence *s, Arena *a)
{
    uint32_t found[MAX_ISSUES];
    int n_found = 0;
    size_t text_len = 0;
    uint32_t ids[KB_MAX_PHRASE];
    for (int i = 0; i < s->n_toks;) {
        uint32_t w = s->toks[i].word;
        int k = phrase_words_at(s, i, w ? kb->words[w].max_issue : 0, ids);
        const KbPhrase *hit = NULL;
        unsigned lens = w ? kb->words[w].issue_lens : 0;
        for (int len = k; len >= 1 && !hit; len--)
            if ((lens >> (len - 1)) & 1) /* else no issue phrase of that length starts here */
                hit = kb_issue_phrase(kb, ids, (size_t)len);
        if (!hit) {
            i++;
            continue;
        }
        i += hit->len;
        if (hit->kind != KB_ISSUE)
            continue;
        uint32_t code = kb->entities[hit->entity].code;
        /* strings are interned: one category, one offset */
        int seen = 0;
        for (int f = 0; f < n_found; f++)
            seen |= found[f] == code;
        if (!seen && n_found < MAX_ISSUES) {
            found[n_found++] = code;
            text_len += strlen(kb_str(kb, code)) + 1;
        }
    }
    if (!n_found) {
        s->issues = "";
        return;
    }
    char *out = arena_alloc(a, text_len);
    size_t at = 0;
    for (int f = 0; f < n_found; f++) {
        const char *c = kb_str(kb, found[f]);
        size_t n = strlen(c);
        if (at)
            out[at++] = ',';
        memcpy(out + at, c, n);
        at += n;
    }
    out[at] = '\0';
    s->issues = out;
}
