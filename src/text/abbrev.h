/*
 * abbrev.h: the abbreviations the text layer knows, shared by the sentence
 * splitter (sentence.c) and the tokenizer (tokenize.c).  Internal to src/text.
 *
 * One list serves both so that a word the splitter treats as an abbreviation is
 * one the tokenizer keeps its dot on, and the other way round: adding a word in
 * one place and not the other would split "Gen. Smith" differently in the two
 * passes.  The two differ only on months, which each maps itself (AB_MONTH):
 * the splitter treats "Jan." like "No." (ends a sentence only before a common
 * sentence opener, never before a digit), the tokenizer like a title (the dot
 * stays on unless the sentence ends there).
 *
 * Invariants: words are ASCII letters, lower case, without the dot, at most 7
 * bytes, each listed once.
 */
#ifndef DYAD_TEXT_ABBREV_H
#define DYAD_TEXT_ABBREV_H

#include <stddef.h>

/* Kinds of abbreviation, by how they behave before a possible sentence start. */
enum {
    AB_NONE,   /* not an abbreviation */
    AB_TITLE,  /* Mr. Gen. St.: belongs to the next word */
    AB_NUMBER, /* No. Vol. Art.: usually before a number */
    AB_MONTH,  /* Jan. Sept.: see above */
    AB_SUFFIX  /* Inc. Jr. etc.: closes a name, may end a sentence */
};

/* The kind of the word w[0..n) (any case, without its dot); AB_NONE for a word
 * that is not listed or has a byte other than an ASCII letter. */
int txt_abbrev_kind(const unsigned char *w, size_t n);

/* "U.S", "a.m", "Ph.D": ASCII letters in groups of at most three, joined by
 * dots (the final dot not included). */
int txt_is_dotted(const unsigned char *w, size_t n);

#endif
