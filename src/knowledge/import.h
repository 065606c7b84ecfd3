/*
 * import.h: translate TABARI and PETRARCH dictionaries into dyad's own format.
 *
 * The importers read the foreign files as they are (never copying them into the
 * project) and write a directory of knowledge-base text files in our format
 * (docs/knowledge-base.md) plus a codebook, under a cache or temporary folder;
 * kb_compile() then turns that directory into the same image `dyad code` maps.
 * Invariants: whatever the input, the written directory compiles without errors
 * (a construct we cannot express is skipped with a counted "file:line: warning"),
 * and nothing is written inside the repository.
 *
 * Mapping, in short:
 *   options  `option target = first-actor` (options.txt): both coders take the
 *            first actor after the verb as the target, spell auxiliaries out
 *            in patterns (`option auxiliaries = pattern-words`), and code an
 *            infinitive with its governing verb (`option infinitive = governed`).  TABARI
 *            also matches a verb's words anywhere (`option anchor = any-word`);
 *            PETRARCH codes verb phrases only, a noun phrase by any actor word
 *            in it, a role alone as "---" + sector, and a passive as one only
 *            with its "by" phrase, and pattern words as written forms (`option
 *            noun-phrase = any-actor`, `option role-alone = null-country`,
 *            `option passive = by-agent`, `option words = exact`).
 *   actors   undated [CODE] -> country when the code has three letters (so role
 *            nouns combine with it: CAL + government = CALGOV), else org; dated
 *            roles -> person with roles (overlaps
 *            clipped, the undated default fills the gaps); [+++]/[###] -> discard;
 *            [---] -> skipped.  TABARI stems (a word without a trailing '_') are
 *            expanded against a lexicon (WordNet's lemmas and plurals plus the
 *            words of any text files named as lexicon); PETRARCH has no stems.
 *   agents   [~SEC] -> agent SEC, PETRARCH [SEC~] -> agent SEC~ (before the
 *            country; TABARI: SEC, warned); !X! substitutions expanded; plurals added.
 *            PETRARCH's [A/B] actor codes -> org A/B (several actors at once;
 *            TABARI keeps A).
 *   synsets  -> set records named t_NAME; nested &SETs expanded inline.  Of
 *            dyad's grammar sets only MODAL and INTENT are copied (they build
 *            verb groups): the foreign coders have no negation, irrealis or
 *            speaker step, their patterns spell those contexts out.
 *   verbs    each head -> `verb LEMMA[_PARTICLES] = forms` (a TABARI stem head,
 *            "RESTOR", -> the shortest WordNet verb it begins; a PETRARCH head
 *            in an inflected form, "LEFT", -> `verb leave @left`, a block of its
 *            own); the head's code ->
 *            `CODE *`; `{A | B}` alternatives -> one pattern each; `_` joins
 *            between literal words or beside a set -> adjacency (next to `*`,
 *            `+`, `$` the join is dropped); PETRARCH's `%` -> `%` before `*`
 *            (`+` after it) and `^` -> `^`; TABARI's `^ %` and `~ ( ) { }`
 *            dropped; every pattern is [nointent] (no intent conversion); `[a:b]` -> code a with [rev=b]
 *            (a == b -> [sym]; `[:b]` skipped); the special codes ---, ### and +++ become codes
 *            of their own that front ends drop (see import_code_is_null).
 *   discards -> discard records.
 *   issues   PETRARCH issue files -> issue records, one per issue code
 *            (import_issues.c).
 */
#ifndef DYAD_IMPORT_H
#define DYAD_IMPORT_H

#include <stddef.h>
#include <stdio.h>

enum { IMPORT_TABARI = 1, IMPORT_PETRARCH = 2 };

/* What a file is for. */
enum { IMPORT_VERBS, IMPORT_ACTORS, IMPORT_AGENTS, IMPORT_DISCARDS, IMPORT_OPTIONS,
       IMPORT_LEXICON, IMPORT_ISSUES, IMPORT_KINDS };

#define IMPORT_MAX_FILES 32

/* The foreign files of one import.  Paths are owned copies. */
typedef struct ImportSources {
    int dialect;                                  /* IMPORT_TABARI or IMPORT_PETRARCH */
    char *files[IMPORT_KINDS][IMPORT_MAX_FILES];  /* paths per kind, in order given */
    int n[IMPORT_KINDS];                          /* how many per kind */
    int explicit_verbs;                           /* a verbs file was named directly:
                                                   * verbs found in folders are ignored */
    char *codebook;     /* our codebook (data/cameo/codebook.tsv), copied and extended */
    char *grammar;      /* our sets file: its reserved grammar sets (NEGATION, MODAL...) are copied */
    int no_wordnet;     /* 1: stems expand against the lexicon files only (fuzzing) */
} ImportSources;

void import_sources_init(ImportSources *s, int dialect);
void import_sources_free(ImportSources *s);
/* Add one file of a known kind.  -1 when the list is full. */
int import_sources_add_as(ImportSources *s, int kind, const char *path);
/* Add a TABARI project file, a PETRARCH configuration (.ini), a folder (every
 * dictionary in it, classified by name), or one dictionary file (classified by
 * name: .verbs/.actors/.agents/.options; PETRARCH *actors*, *agents*, *discards*,
 * else verbs).  -1 with a message on errors when it cannot be read. */
int import_sources_add(ImportSources *s, const char *path, FILE *errors);
/* The sources' fingerprint (names, bytes, importer version): the cache key. */
unsigned long long import_sources_hash(const ImportSources *s);

typedef struct ImportStats {
    unsigned actors;     /* org records written */
    unsigned people;     /* person records (dated roles) written */
    unsigned roles;      /* roles written */
    unsigned agents;     /* agent records written */
    unsigned sets;       /* set records written */
    unsigned verbs;      /* verb heads written */
    unsigned patterns;   /* pattern lines written */
    unsigned discards;   /* discard phrases written */
    unsigned phrases;    /* actor and agent phrases written (after stem expansion) */
    unsigned stems;      /* stem words expanded against the lexicon */
    unsigned skipped;    /* constructs skipped or approximated, each warned file:line */
    unsigned bad_lines;  /* lines that could not be read at all */
    unsigned options;    /* option lines read; see import_options */
    unsigned issues;     /* issue records written (one per issue code) */
} ImportStats;

/* Translate into out_dir (created if needed): *.txt in our format, verbs/, and
 * codebook.tsv.  Warnings go to `errors` (may be NULL).  Returns 0, or -1 when
 * out_dir cannot be written or no verbs file could be read. */
int kb_import_tabari(const ImportSources *src, const char *out_dir, FILE *errors,
                     ImportStats *st);
int kb_import_petrarch(const ImportSources *src, const char *out_dir, FILE *errors,
                       ImportStats *st);

/* Translate and compile into <cache_dir>/<hash>.img (and <hash>.d/, the
 * translation, kept for inspection), unless that image already exists.
 * cache_dir NULL: $XDG_CACHE_HOME/dyad, else $HOME/.cache/dyad, else
 * $TMPDIR/dyad-cache.  On success img holds the image path and *cached says
 * whether it was reused.  -1 with messages on errors. */
int kb_import_image(const ImportSources *src, const char *cache_dir, char *img, size_t cap,
                    FILE *errors, ImportStats *st, int *cached);

/* Codes that mean "no event" in the foreign dictionaries: "---" (null: the
 * pattern matches and blocks weaker ones but codes nothing), "###" (complex
 * sentence) and "+++" (discard the sentence).  1, 2 or 3 for them, else 0. */
int import_code_is_null(const char *code);

/* ---- shared by the two translators (import_out.c implements them, and
 * import_sources.c import_trim) ---- */

/* Strip trailing blanks and line ends and leading blanks, in place. */
void import_trim(char *s);

typedef struct ImportOut ImportOut;

ImportOut *iout_open(const ImportSources *src, const char *out_dir, FILE *errors,
                     ImportStats *st);
/* Write everything collected and the codebook; frees o.  0 or -1. */
int iout_close(ImportOut *o);
/* Read src's actors, agents and discards files, in that order: the two dialects
 * share their shapes, so only the verbs (and TABARI's options) differ. */
void iout_read_shared(ImportOut *o, const ImportSources *src);
/* iout_close(o), and -1 also when src names no verbs file ("dyad: no DIALECT
 * verbs dictionary given" on errors, which may be NULL). */
int iout_finish(ImportOut *o, const ImportSources *src, FILE *errors, const char *dialect);
void iout_warn(ImportOut *o, const char *file, int line, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
/* Actors files (TABARI and Phoenix share the shape). */
void iout_actors_file(ImportOut *o, const char *path);
/* Agents files: `NAME [~SEC]`, `NAME {PLURALS} [SEC~]`, `!X! = A, B` substitutions. */
void iout_agents_file(ImportOut *o, const char *path);
/* Discard files: a phrase a line, '+' for story level, '#' comments. */
void iout_discards_file(ImportOut *o, const char *path);
/* PETRARCH issue files (src->files[IMPORT_ISSUES]) -> out_dir/issues.txt
 * (import_issues.c).  0, or -1 when the file cannot be written. */
int iout_issue_files(ImportOut *o, const ImportSources *src, const char *out_dir, ImportStats *st);
/* Option files: counted; nothing in them changes how dyad codes. */
void iout_options_file(ImportOut *o, const char *path);
/* A synonym set: name as written ("&CURRENCY", "PREPOSIT1_"), members as written. */
void iout_set(ImportOut *o, const char *name, char **members, int n, const char *file, int line);
/* Start a verb block; every head added until the next block shares its patterns. */
void iout_block(ImportOut *o, const char *code, const char *file, int line);
/* A head: words as written ("CALLED_ON", "BURN DOWN", "+BREAK_DOWN"), and its
 * irregular forms as written ("BROKE_ BROKEN_", may be NULL); code as written, or
 * NULL for the block's. */
void iout_head(ImportOut *o, const char *head, const char *forms, const char *code,
               const char *file, int line);
/* A pattern of the current block: the text between '-' and '[', the code inside
 * the brackets. */
void iout_pattern(ImportOut *o, const char *text, const char *code, const char *file, int line);

#endif
