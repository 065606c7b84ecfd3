/*
 * morph.c: regular English inflection and lemma guessing; see morph.h.
 * Every output is NUL-terminated and shorter than MORPH_MAX_LEN; lemmas too long
 * to inflect give no forms rather than truncated ones.
 */
#include "morph.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int is_vowel(char c) { return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u'; }

static void add(MorphForms *out, const char *stem, size_t stem_len, const char *suffix)
{
    size_t sl = strlen(suffix);
    if (out->n >= MORPH_MAX_FORMS || stem_len + sl >= MORPH_MAX_LEN)
        return;
    memcpy(out->form[out->n], stem, stem_len);
    memcpy(out->form[out->n] + stem_len, suffix, sl + 1);
    out->n++;
}

static int ends_with(const char *s, size_t n, const char *suf)
{
    size_t k = strlen(suf);
    return n >= k && memcmp(s + n - k, suf, k) == 0;
}

/* Third person singular and plural share one rule. */
static void add_s(MorphForms *out, const char *w, size_t n)
{
    if (n >= 2 && w[n - 1] == 'y' && !is_vowel(w[n - 2]))
        add(out, w, n - 1, "ies");
    else if (ends_with(w, n, "s") || ends_with(w, n, "x") || ends_with(w, n, "z") ||
             ends_with(w, n, "ch") || ends_with(w, n, "sh") || ends_with(w, n, "o"))
        add(out, w, n, "es");
    else
        add(out, w, n, "s");
}

void morph_verb_forms(const char *w, MorphForms *out)
{
    size_t n = strlen(w);
    out->n = 0;
    if (n == 0 || n + 4 >= MORPH_MAX_LEN)
        return;
    add_s(out, w, n);
    char last = w[n - 1];
    if (last == 'e') {
        add(out, w, n, "d");
        if (n >= 2 && w[n - 2] == 'i')
            add(out, w, n - 2, "ying");
        else if (n >= 2 && w[n - 2] == 'e')
            add(out, w, n, "ing");
        else
            add(out, w, n - 1, "ing");
    } else if (last == 'y' && n >= 2 && !is_vowel(w[n - 2])) {
        add(out, w, n - 1, "ied");
        add(out, w, n, "ing");
    } else {
        add(out, w, n, "ed");
        add(out, w, n, "ing");
        /* Consonant-vowel-consonant: "stop" -> "stopped"; "visit" keeps both. */
        if (n >= 3 && !is_vowel(last) && last != 'w' && last != 'x' && last != 'y' &&
            is_vowel(w[n - 2]) && !is_vowel(w[n - 3])) {
            char stem[MORPH_MAX_LEN];
            memcpy(stem, w, n);
            stem[n] = last;
            add(out, stem, n + 1, "ed");
            add(out, stem, n + 1, "ing");
        }
    }
}

void morph_noun_forms(const char *w, MorphForms *out)
{
    size_t n = strlen(w);
    out->n = 0;
    if (n == 0 || n + 4 >= MORPH_MAX_LEN)
        return;
    add_s(out, w, n);
}

void morph_guess_lemma(const char *w, size_t n, int is_verb, char *out, size_t outlen)
{
    if (outlen == 0)
        return;
    size_t keep = n;
    const char *tail = "";
    if (is_verb && ends_with(w, n, "ied"))
        keep = n - 3, tail = "y";
    else if (is_verb && ends_with(w, n, "ing") && n > 5)
        keep = n - 3;
    else if (is_verb && ends_with(w, n, "ed") && n > 4)
        keep = ends_with(w, n, "eed") ? n - 1 : n - 2;
    else if (ends_with(w, n, "ies") && n > 4)
        keep = n - 3, tail = "y";
    else if ((ends_with(w, n, "ches") || ends_with(w, n, "shes") || ends_with(w, n, "sses")) && n > 5)
        keep = n - 2;
    else if (ends_with(w, n, "s") && !ends_with(w, n, "ss") && !ends_with(w, n, "us") && n > 3)
        keep = n - 1;
    /* Undo a doubled consonant: "stopped" -> "stop". */
    if (keep < n && keep >= 3 && w[keep - 1] == w[keep - 2] && !is_vowel(w[keep - 1]) &&
        w[keep - 1] != 'l' && w[keep - 1] != 's')
        keep--;
    size_t tl = strlen(tail);
    if (keep + tl >= outlen)
        keep = outlen - 1 - tl;
    for (size_t i = 0; i < keep; i++)
        out[i] = (w[i] >= 'A' && w[i] <= 'Z') ? (char)(w[i] + 32) : w[i];
    memcpy(out + keep, tail, tl + 1);
}

int morph_read_exceptions(const char *path, void (*fn)(const char *form, const char *base, void *ctx),
                          void *ctx)
{
    FILE *f = fopen(path, "r");
    if (!f)
        return -1;
    char *line = NULL;
    size_t cap = 0;
    while (getline(&line, &cap, f) != -1) {
        char *save = NULL;
        char *form = strtok_r(line, " \n", &save);
        char *base = strtok_r(NULL, " \n", &save);
        if (form && base)
            fn(form, base, ctx);
    }
    free(line);
    fclose(f);
    return 0;
}
