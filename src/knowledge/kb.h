/*
 * kb.h: the knowledge base as the coder sees it, a read-only image in memory.
 *
 * `dyad kb compile` parses the text files under data/kb/ (docs/knowledge-base.md)
 * and the codebook into one flat, little-endian image: a header with a format
 * version and a checksum, then arrays that refer to each other by index.  The
 * coder maps the image with mmap and never writes to it, so one Kb is shared by
 * every thread.  All lookups are open-addressing hash probes or array indexing;
 * none allocates.
 *
 * Words are interned: every word that occurs in a phrase or a pattern, and every
 * generated inflection of a pattern's anchor, has a word id (1..n_words; 0 means
 * "not in the knowledge base").  A word knows its lemma, the longest phrase that
 * starts with it, the grammar sets it belongs to, and the patterns it anchors.
 */
#ifndef DYAD_KB_H
#define DYAD_KB_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#define KB_MAGIC "DYADKB\r\n"
#define KB_FORMAT_VERSION 17u
#define KB_MAX_PHRASE 12     /* words in the longest phrase */
_Static_assert(KB_MAX_PHRASE <= 16, "KbWord.phrase_lens has a bit for each length");
#define KB_MAX_ELEMS 16      /* elements in the longest pattern */

/* Entity kinds: what an actor phrase names. */
enum {
    KB_COUNTRY = 1,  /* a country's name: its code */
    KB_ADJECTIVE,    /* adjective or demonym: the country's code */
    KB_CAPITAL,      /* capital as metonym: the country's code */
    KB_SEAT,         /* seat of executive power: country + GOV */
    KB_CITY,         /* other place: the country's code */
    KB_PERSON,       /* a person with dated roles */
    KB_ORG,          /* an organisation */
    KB_AGENT,        /* a role noun: a sector */
    KB_HONORIFIC,    /* a title that is part of a name and adds nothing */
    KB_DISCARD,      /* a phrase that discards its sentence */
    KB_SET_MEMBER,   /* a phrase of a synonym set */
    KB_ISSUE,        /* a phrase that names an issue: the entity's code is its category */
    KB_ISSUE_NOT     /* a phrase that contains an issue phrase and does not name it */
};

/* TABARI's <NOUN> and <ADJECTIVE> lists, as sets the TABARI importer writes:
 * under sparse coding "and" between two members of one does not cut a clause. */
#define KB_SET_TABARI_NOUNS "TABARI_NOUNS"
#define KB_SET_TABARI_ADJECTIVES "TABARI_ADJECTIVES"

/* A dated role with this code discards the sentence that names its actor on
 * those days (TABARI's "BLACKMOOR [BKM <020101] [###]"); "###" itself would
 * read as a comment in our format. */
#define KB_DISCARD_ROLE "+++"

/* Grammar sets, as bits on a word (single-word members only). */
enum {
    KB_G_NEGATION = 1 << 0,
    KB_G_FAIL = 1 << 1,
    KB_G_MODAL = 1 << 2,
    KB_G_INTENT = 1 << 3,
    KB_G_SAY = 1 << 4,
    KB_G_UNKNOWN = 1 << 5,
    KB_G_WISH = 1 << 6,
    KB_G_MEMBERS = 1 << 7,
    KB_G_OWNED = 1 << 8,
    KB_G_WEAPON = 1 << 9,
    KB_G_NOEND = 1 << 10,    /* ends a phrase written "word=": under `coding = sparse` the
                                word takes no plural ending (TABARI's "MOUSE=") */
    KB_G_STEM = 1 << 11,     /* a verb form written "form~": under `coding = sparse` a word
                                the knowledge base lacks that it begins is that form
                                (a TABARI form-list word without its closing '_') */
    KB_G_BODY = 1 << 12      /* a role noun naming a body, not one person ("government",
                                "ministry"): it is "it", never "he" */
};

/* Pattern element types. */
enum {
    KB_E_ANCHOR = 1, /* '*': value is the anchor's lemma, or its one form under [form=] */
    KB_E_SOURCE,     /* '$' (and PETRARCH's '%' before '*', with KB_P_AMONG) */
    KB_E_TARGET,     /* '+' */
    KB_E_WORD,       /* a literal word: value is its word id */
    KB_E_SET,        /* '&NAME': value is the set index */
    KB_E_SKIP,       /* '^': an actor stands here, and is neither source nor target */
    KB_E_COMPOUND    /* '%' under `coding = sparse`: an actor stands here; the events are
                        among the members of the compound it heads (TABARI's "Iran and
                        Iraq agreed") */
};

/* Options of a whole knowledge base (`option NAME = VALUE` records), for
 * dictionaries written for other coders' conventions. */
enum {
    KB_O_TARGET_FIRST_ACTOR = 1 << 0, /* no '+': the target is the first actor after the verb */
    KB_O_ANCHOR_ANY = 1 << 1,         /* a verb pattern also fires on the word outside a verb group */
    KB_O_AUX_WORDS = 1 << 2,          /* words before '*' may be the verb's own auxiliaries ("did n't *") */
    KB_O_ROLE_NULL_COUNTRY = 1 << 3,  /* a role with no country in its phrase is "---" + sector */
    KB_O_NP_ANY_ACTOR = 1 << 4,       /* an actor word anywhere in a noun phrase codes it ("official news agency") */
    KB_O_PASSIVE_BY_AGENT = 1 << 5,   /* a passive verb without its "by" agent is read as active */
    KB_O_EXACT_WORDS = 1 << 6,        /* a pattern's words match that form only, not its lemma's others */
    KB_O_INFINITIVE_GOVERNED = 1 << 7, /* an infinitive after a verb that matched codes nothing itself */
    KB_O_SPARSE = 1 << 8,              /* TABARI's sparse coding: one verb a conjunct clause (sparse.c) */
    /* bits from 16 up are PETRARCH's, so that additions on both sides do not collide */
    KB_O_UNDERSCORE_SPACE = 1 << 16    /* an underscore in the text separates words ("Dol_Amroth") */
};

/* Pattern flags. */
enum {
    KB_P_SYM = 1 << 0,      /* code both directions */
    KB_P_NEG = 1 << 1,      /* only for a negated anchor; event marked negated */
    KB_P_NOINTENT = 1 << 2, /* keep the code under a modal or intent word */
    KB_P_NOUN = 1 << 3,     /* anchored on a noun, not a verb */
    KB_P_AMONG = 1 << 4,    /* '%': a compound source; with no target, its members act among themselves */
    KB_P_FORM = 1 << 5,     /* [form=WORD]: under `coding = sparse`, only that form of the
                               anchor (TABARI's LEFT_ is not LEAVE); its id is the anchor
                               element's value */
    KB_P_DOMINANT = 1 << 6, /* [dominant]: under `coding = sparse`, when it codes, the
                               sentence's only event (TABARI's "031!") */
    KB_P_WEAK = 1 << 7,     /* [weak]: under `coding = sparse`, only when no other verb of its
                               clause codes (TABARI's "023?" codes of "said") */
    KB_P_VERBAL = 1 << 8    /* [verbal]: a source that bears no arms attacks in words: 111 */
};

typedef struct KbWord {
    uint64_t hash;        /* hash_bytes of the lower-case text */
    uint32_t text;        /* string offset of the lower-case text */
    uint32_t lemma;       /* word id of the lemma (itself when it is one) */
    uint32_t first_pattern; /* index of its first pattern as an anchor lemma */
    uint16_t n_patterns;  /* patterns anchored on this lemma */
    uint16_t gram;        /* KB_G_* bits */
    uint16_t phrase_lens; /* bit n-1 set when some phrase of n words starts with it: the
                             lengths worth a probe of the phrase table */
    uint16_t issue_lens;  /* the same for issue phrases */
    uint8_t max_phrase;   /* words in the longest phrase starting with it, 0 if none */
    uint8_t max_issue;    /* words in the longest issue phrase starting with it, 0 if none */
    uint8_t max_gapped;   /* words in the longest phrase with a gap (KbPhrase.gaps) starting
                             with it, 0 if none: where sparse coding looks past a gap */
    char first;           /* first byte of text: most stem tests fail on it without a
                             look at the string */
} KbWord;

typedef struct KbPhrase {
    uint64_t hash;     /* hash of the word-id sequence */
    uint32_t words;    /* offset of its word ids in the id pool */
    uint32_t entity;   /* entity index, or set index for KB_SET_MEMBER */
    uint8_t len;       /* number of words */
    uint8_t kind;      /* KB_* entity kind */
    uint8_t caps;      /* written in capitals ("US", "IS", "WHO"): matches only capitals */
    uint8_t gaps;      /* bit k: sparse coding lets other words stand between words k and k+1 */
    uint8_t pad[4];    /* alignment */
} KbPhrase;

typedef struct KbEntity {
    uint32_t id;          /* string offset of the stable id */
    uint32_t code;        /* string offset of the actor code ("" for honorifics) */
    uint32_t name;        /* string offset of the canonical name */
    uint32_t first_role;  /* index of the first role (people) */
    uint16_t n_roles;     /* roles (people) */
    uint8_t kind;         /* KB_* kind */
    uint8_t pad;          /* alignment */
} KbEntity;

typedef struct KbRole {
    int32_t from;   /* first day, days since 1970-01-01 */
    int32_t to;     /* last day, INT32_MAX when open */
    uint32_t code;  /* string offset of the actor code */
    uint32_t line;  /* source line, for kb lookup */
} KbRole;

typedef struct KbElem {
    uint8_t type;     /* KB_E_* */
    uint8_t adjacent; /* 1: must follow the previous element with no gap */
    uint8_t stem;     /* WORD written "word~": matches any word it begins (TABARI's stems) */
    char first;       /* WORD: first byte of its text, a test that needs no look at the word */
    uint32_t value;   /* word id for WORD, set index for SET */
} KbElem;

#define KB_PATTERN_KEYS 3 /* word keys kept per pattern (KbPattern.word_keys) */

typedef struct KbPattern {
    uint32_t code;       /* codebook index */
    uint32_t first_elem; /* index of its first element */
    uint32_t file;       /* string offset of the dictionary file name */
    uint32_t line;       /* line in that file */
    uint32_t text;       /* string offset of the pattern as written */
    uint32_t rev_code;   /* codebook index + 1 of the reverse event ([rev=CODE]), 0 if none */
    uint32_t form;       /* word id the anchor must be (`verb LEMMA @FORM`), 0 for any form */
    uint16_t flags;      /* KB_P_* */
    uint16_t word_keys[KB_PATTERN_KEYS]; /* kb_pair_key of up to three of its WORD elements:
                                            under sparse coding a sentence without one of
                                            them cannot match, and is not tried */
    uint8_t n_word_keys; /* word_keys used */
    uint8_t n_elems;     /* elements */
    uint8_t anchor_at;   /* index of the anchor element */
    uint8_t n_literals;  /* WORD and SET elements: how specific it is */
} KbPattern;

/* A word's first two bytes, lower-cased, as a number below KB_PAIR_KEYS; -1 for
 * a word of fewer than two bytes.  A word that begins another (a TABARI stem
 * and the words it matches) has the same key, so a sentence's set of keys says
 * which patterns' words it may hold: it is a filter, never a match. */
#define KB_PAIR_KEYS 1024
static inline int kb_pair_key(const char *s, size_t n)
{
    if (n < 2)
        return -1;
    unsigned a = (unsigned char)s[0], b = (unsigned char)s[1];
    a = a >= 'A' && a <= 'Z' ? a + 32 : a;
    b = b >= 'A' && b <= 'Z' ? b + 32 : b;
    return (int)(((a & 31u) << 5) | (b & 31u));
}

typedef struct KbSet {
    uint32_t name;         /* string offset of the name */
    uint32_t first_phrase; /* index into the set-phrase list */
    uint32_t n_phrases;    /* phrases in the set */
} KbSet;

typedef struct KbCode {
    char code[8];      /* "0211", NUL-padded */
    float goldstein;   /* Goldstein weight */
    uint32_t name;     /* string offset of the name */
    uint8_t root;      /* 1..20 */
    uint8_t quad;      /* 1..4 */
    uint8_t pad[2];    /* alignment */
} KbCode;

/* The mapped image.  Every pointer points into the mapping. */
typedef struct Kb {
    void *map;                 /* the mapping */
    uint64_t sources;          /* fingerprint of the sources it was compiled from */
    uint32_t options;          /* KB_O_* */
    size_t map_len;            /* its length */
    const char *strings;       /* string pool */
    const KbWord *words;       /* words[0] is the unused "unknown" word */
    uint32_t n_words;          /* including words[0] */
    const uint32_t *word_slots;/* open addressing: slot -> word id, 0 empty */
    uint32_t word_mask;        /* slots - 1 */
    const KbPhrase *phrases;   /* phrase table */
    uint32_t n_phrases;        /* entries */
    const uint32_t *phrase_slots; /* slot -> phrase index + 1, 0 empty */
    uint32_t phrase_mask;      /* slots - 1 */
    const uint32_t *ids;       /* pool of word-id sequences */
    const KbEntity *entities;  /* entities */
    uint32_t n_entities;       /* count */
    const KbRole *roles;       /* roles of people */
    const KbPattern *patterns; /* patterns, grouped by anchor lemma */
    uint32_t n_patterns;       /* count */
    const KbElem *elems;       /* pattern elements */
    const KbSet *sets;         /* synonym sets */
    uint32_t n_sets;           /* count */
    const uint32_t *set_phrases; /* phrase indices of set members */
    const KbCode *codes;       /* codebook, sorted by code string */
    uint32_t n_codes;          /* count */
    uint32_t longest_stem;     /* bytes of the longest word marked KB_G_STEM (worked out at
                                  load, sparse coding only): no longer prefix need be tried */
} Kb;

/* Map and verify an image.  NULL with a message naming the file in err when it is
 * missing, truncated, of another format version, or fails its checksum. */
Kb *kb_load(const char *path, char *err, size_t errlen);
void kb_free(Kb *kb);

static inline const char *kb_str(const Kb *kb, uint32_t off) { return kb->strings + off; }

/* A hash of every source file of a knowledge-base directory (names and bytes,
 * in the order the compiler reads them) and of the codebook.  0 when the
 * directory cannot be read. */
uint64_t kb_sources_fingerprint(const char *kb_dir, const char *codebook_path);
/* 0 when the image was compiled from the sources as they are now; else -1 and a
 * message naming what to run. */
int kb_check_fresh(const Kb *kb, const char *kb_dir, const char *codebook_path, char *err,
                   size_t errlen);

/* Word id of a lower-case word, 0 when unknown. */
uint32_t kb_word(const Kb *kb, const char *s, size_t n);
/* Word id of a word in any case: lowers ASCII into a small buffer first. */
uint32_t kb_word_fold(const Kb *kb, const char *s, size_t n);
/* The phrase with exactly these word ids, or NULL. */
const KbPhrase *kb_phrase(const Kb *kb, const uint32_t *ids, size_t n);
/* The first such phrase whose words may stand apart after word `gap` (KbPhrase.gaps):
 * "al ... gore" though "al gore" came first. */
const KbPhrase *kb_phrase_gapped(const Kb *kb, const uint32_t *ids, size_t n, int gap);
/* The issue phrase (KB_ISSUE or KB_ISSUE_NOT) with exactly these word ids, or
 * NULL.  Issue phrases share the phrase table under another hash, so an issue
 * phrase never shadows an actor phrase of the same words. */
const KbPhrase *kb_issue_phrase(const Kb *kb, const uint32_t *ids, size_t n);
/* Code index for a code string, -1 when unknown. */
int kb_code_index(const Kb *kb, const char *code);
/* Role code of a person on a date (days since epoch); NULL when no role covers it.
 * *nearest receives the code of the closest role either side (for ELI).  With day
 * INT32_MIN (undated text), the code of the person's latest role. */
const char *kb_person_code(const Kb *kb, const KbEntity *e, int32_t day, const char **nearest);
/* Index of a set by name, -1 when absent. */
int kb_set_index(const Kb *kb, const char *name);

/* Days since 1970-01-01 for "YYYY-MM-DD"; INT32_MIN when malformed or not a real date. */
int32_t kb_parse_day(const char *s);
void kb_format_day(int32_t day, char out[11]);

/* Compile the files of a knowledge-base directory and a codebook into an image.
 * Errors go to `errors` as "file:line: message" lines; returns the number of
 * errors (the image is written only when there are none and out_path is set). */
typedef struct KbStats {
    uint32_t countries, people, roles, orgs, agents, agent_phrases, places, sets, patterns,
             verbs, nouns, discards, discard_phrases, issues, issue_phrases, words, phrases, codes,
             codes_covered; /* counts, for `dyad kb stats` */
} KbStats;
/* 1 when s can name an issue category: capitals, digits, '_' and '-'. */
int kb_valid_issue_category(const char *s);
int kb_compile(const char *kb_dir, const char *codebook_path, const char *out_path,
               FILE *errors, KbStats *stats);

#endif
