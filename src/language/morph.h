/*
 * morph.h: English inflection, the lemma stage of the pipeline.
 *
 * dyad lemmatizes by generation: when the knowledge base is compiled, every verb
 * and noun it mentions is inflected here (regular rules, plus irregular forms from
 * the dictionary and from WordNet's exception lists), and each form is stored in
 * the image with a link to its lemma.  At run time a token's lemma is then one
 * hash probe (kb_word), and a word the knowledge base does not know needs no
 * lemma, because no pattern can name it.  Over-generation ("holded") is harmless:
 * such forms never occur in text.
 */
#ifndef DYAD_MORPH_H
#define DYAD_MORPH_H

#include <stddef.h>

#define MORPH_MAX_FORMS 8
#define MORPH_MAX_LEN 64

typedef struct MorphForms {
    int n;                                   /* forms filled */
    char form[MORPH_MAX_FORMS][MORPH_MAX_LEN]; /* the forms, lower case */
} MorphForms;

/* Regular verb forms of a lower-case lemma: -s/-es/-ies, -ed/-d/-ied with and
 * without a doubled final consonant, -ing with and without the final e. */
void morph_verb_forms(const char *lemma, MorphForms *out);
/* Regular plural forms of a lower-case noun. */
void morph_noun_forms(const char *lemma, MorphForms *out);
/* A best guess at the lemma of a word for display (`dyad explain`), by rule:
 * is_verb selects verb rules, else noun rules.  Writes into out (size outlen). */
void morph_guess_lemma(const char *word, size_t n, int is_verb, char *out, size_t outlen);

/* Read a WordNet exception list ("held hold" a line: inflected form, then its
 * base) and call fn for each pair.  Returns 0, or -1 when the file is missing
 * (WordNet is optional: regular rules still apply without it). */
int morph_read_exceptions(const char *path, void (*fn)(const char *form, const char *base, void *ctx),
                          void *ctx);

#endif
