/*
 * foreign.h: readers for other coders' actor dictionaries.
 *
 * TABARI's `.actors` files and PETRARCH's `Phoenix.*.actors.txt` share one
 * shape: an entry line (NAME_WITH_UNDERSCORES, optionally `[CODE]` on the same
 * line), `+ALIAS` lines, and indented role lines `[CODE]`, `[CODE YYMMDD-YYMMDD]`,
 * `[CODE >YYMMDD]` (from), `[CODE <YYMMDD]` (until); comments start with `;` or
 * `#`; `<!-- ... -->` comments and `<NOUN>`-style sections (parser hints of
 * TABARI) are skipped; an entry line may carry several roles (`[A <900101] [B]`).
 * dyad reads them as they are, for `dyad kb crosscheck` now and for coding
 * with those dictionaries later; nothing of them is copied into the project.
 */
#ifndef DYAD_FOREIGN_H
#define DYAD_FOREIGN_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

typedef struct ForeignRole {
    char code[32];  /* actor code */
    int32_t from;   /* first day (days since 1970), INT32_MIN when open */
    int32_t to;     /* last day, INT32_MAX when open */
    int dated;      /* 0 for a bare [CODE] default */
    int line;       /* line in the file */
} ForeignRole;

typedef struct ForeignActor {
    char **names;        /* the entry name and its aliases, lower case, words joined by spaces */
    char **raw;          /* the same names as written (case, '_' joins and trailing '_'
                          * kept: a word without a trailing '_' is a TABARI stem) */
    int n_names;         /* count */
    ForeignRole *roles;  /* its roles, in file order */
    int n_roles;         /* count */
    int line;            /* line of the entry */
} ForeignActor;

typedef struct ForeignActors {
    const char *path;       /* file read */
    ForeignActor *actors;   /* entries */
    size_t n;               /* count */
    int32_t last_day;       /* how far the file reaches: 99.5% of its dates fall before */
    int bad_lines;          /* lines that could not be read (reported, skipped) */
    char **listed[2];       /* words of TABARI's <NOUN> [0] and <ADJECTIVE> [1] lists, as written */
    size_t n_listed[2];     /* how many */
} ForeignActors;

/* Read a TABARI or PETRARCH actors file.  Bad lines are reported on `errors` as
 * file:line and skipped; NULL only when the file cannot be opened. */
ForeignActors *foreign_actors_read(const char *path, FILE *errors);
void foreign_actors_free(ForeignActors *fa);

/* "YYMMDD" or "YYYYMMDD" to days since 1970; two-digit years below 30 are 20YY. */
int32_t foreign_parse_date(const char *s, size_t n);

/* Where the text of a dictionary line starts, past leading blanks, tracking
 * `<!-- ... -->` comments (which may span lines) in *in_comment (0 before the
 * first line).  NULL when the line belongs to a comment, or is a one-line
 * "<! ... >" declaration (a comment written "<! -- ... -->").  resume: 0, a line on
 * which a comment closes is dropped whole (TABARI and the actor, agent and
 * discard files); 1, the text after "-->" is returned (PETRARCH verbs). */
char *foreign_line_start(char *line, int *in_comment, int resume);

/* The words of a Penn Treebank parse ("(S (NP (NNP Veldra)) (VP ...")) as
 * plain text, as PETRARCH reads a sentence: a malloc'd string, NULL when the
 * parse has no words. */
char *foreign_parse_words(const char *parse, size_t len);

#endif
