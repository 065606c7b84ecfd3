/*
 * test_morph.c: regular inflection, which the knowledge-base compiler uses to
 * link every form of a verb or noun to its lemma.
 */
#include <string.h>

#include "check.h"
#include "language/morph.h"

static int has(const MorphForms *f, const char *w)
{
    for (int i = 0; i < f->n; i++)
        if (strcmp(f->form[i], w) == 0)
            return 1;
    return 0;
}

int main(void)
{
    MorphForms f;
    morph_verb_forms("condemn", &f);
    CHECK(has(&f, "condemns") && has(&f, "condemned") && has(&f, "condemning"));
    morph_verb_forms("agree", &f);
    CHECK(has(&f, "agrees") && has(&f, "agreed") && has(&f, "agreeing"));
    morph_verb_forms("vote", &f);
    CHECK(has(&f, "votes") && has(&f, "voted") && has(&f, "voting"));
    morph_verb_forms("deny", &f);
    CHECK(has(&f, "denies") && has(&f, "denied") && has(&f, "denying"));
    morph_verb_forms("stop", &f);
    CHECK(has(&f, "stopped") && has(&f, "stopping") && has(&f, "stops"));
    morph_verb_forms("visit", &f);
    CHECK(has(&f, "visited") && has(&f, "visiting"));
    morph_verb_forms("reach", &f);
    CHECK(has(&f, "reaches") && has(&f, "reached"));
    morph_verb_forms("tie", &f);
    CHECK(has(&f, "tying") && has(&f, "tied"));
    morph_verb_forms("play", &f);
    CHECK(has(&f, "played") && has(&f, "plays") && !has(&f, "plaied"));
    morph_noun_forms("ally", &f);
    CHECK(has(&f, "allies"));
    morph_noun_forms("talk", &f);
    CHECK(has(&f, "talks"));
    morph_noun_forms("crash", &f);
    CHECK(has(&f, "crashes"));
    char out[64];
    morph_guess_lemma("denied", 6, 1, out, sizeof out);
    CHECK_STR(out, "deny");
    morph_guess_lemma("stopped", 7, 1, out, sizeof out);
    CHECK_STR(out, "stop");
    morph_guess_lemma("Talks", 5, 0, out, sizeof out);
    CHECK_STR(out, "talk");
    return check_summary();
}
