/*
 * dyad.h: the public interface of libdyad, a political event coder.
 *
 * A DyadCoder holds what is read-only and shared: the knowledge-base image and
 * the tagger model, both mapped with mmap.  A DyadWorker holds one thread's
 * scratch memory (an arena reset per document).  Many workers may share one
 * coder; a worker must not be used by two threads at once.
 *
 * Coding a document calls back once per event.  Every string in a DyadEvent
 * points into the worker's memory or the coder's image and is valid only during
 * the callback; offsets are byte offsets into the document's original bytes.
 */
#ifndef DYAD_H
#define DYAD_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

typedef struct DyadCoder DyadCoder;
typedef struct DyadWorker DyadWorker;

/* One side of an event, or the speaker of a reported one. */
typedef struct DyadActor {
    int present;             /* 0 when the slot is empty */
    const char *code;        /* CAMEO actor code, "" for an unidentified actor */
    const char *text;        /* the words in the original document */
    size_t text_len;         /* their length */
    uint32_t start, end;     /* byte offsets into the original document */
    const char *entry_id;    /* knowledge-base id of the entry matched, "" if none */
    const char *entry_kind;  /* "country", "person", "org", "agent", ... */
} DyadActor;

typedef struct DyadEvent {
    const char *doc;          /* document id */
    int sentence;             /* sentence index in the document (0: headline when present) */
    const char *date;         /* event date, YYYY-MM-DD or "" */
    DyadActor source;         /* who acts */
    DyadActor target;         /* who is acted upon */
    const char *code;         /* CAMEO event code */
    int root;                 /* CAMEO root, 1..20 */
    int quad;                 /* quad class, 1..4 */
    double goldstein;         /* Goldstein weight */
    const char *name;         /* name of the code */
    const char *verb_text;    /* the anchor word(s) in the original document */
    size_t verb_len;          /* their length */
    uint32_t verb_start, verb_end; /* offsets of the anchor */
    const char *rule_file;    /* dictionary file of the pattern that fired */
    unsigned rule_line;       /* its line */
    const char *rule_text;    /* the pattern as written */
    int negated;              /* 1 when coded from a negated verb by a [neg] pattern */
    DyadActor speaker;        /* who said it, for reported events */
    const char *text;         /* the sentence, original bytes */
    size_t text_len;          /* its length */
    const char *issues;       /* issue categories the sentence names, "A,B", "" if none */
} DyadEvent;

/* Return non-zero to stop coding the document. */
typedef int (*DyadEmit)(const DyadEvent *event, void *ctx);

/* Open the knowledge-base image and the tagger model.  NULL and a message naming
 * the file in err when either cannot be used. */
DyadCoder *dyad_open(const char *kb_path, const char *model_path, char *err, size_t errlen);
void dyad_close(DyadCoder *coder);

DyadWorker *dyad_worker_new(const DyadCoder *coder);
void dyad_worker_free(DyadWorker *worker);

/* TABARI's coding options (its .options file, and the OPTION records of its
 * validation suite).  They apply only with a knowledge base imported from TABARI
 * dictionaries (sparse coding) and change nothing otherwise.  A new worker has
 * TABARI's defaults (dyad_tabari_defaults). */
typedef struct DyadTabariOptions {
    int comma_min, comma_max;   /* COMMA MIN, MAX: an inner clause between commas of this many
                                   words is left out of coding */
    int comma_emin, comma_emax; /* EMIN, EMAX: the same for a last clause, after the last comma */
    int comma_bmin, comma_bmax; /* BMIN, BMAX: the same for a first clause, before the first comma */
    int complex_verbs;          /* COMPLEX VERBS[n]: a sentence with n verbs or more is not
                                   coded; 0: no limit */
    int complex_conj;           /* COMPLEX CONJ[n]: the same for clause conjunctions */
    int no_actor_prior;         /* COMPLEX NOACTPRIOR: nor is one with no actor before its verb */
    char default_source[16];    /* DEFAULT SOURCE [code]: the source when none is found; "" none */
    int default_prior;          /* DEFAULT ... PRIOR: the source must stand before the verb */
    char default_target[16];    /* DEFAULT TARGET [code]: the target when none is found */
    int default_after;          /* DEFAULT ... AFTER: the target must stand after the verb */
    int code_by;                /* SET: CODE BY CLAUSE (0), CODE BY SENTENCE (1), CODE ALL (2) */
    int convert_agent;          /* SET: CONVERT AGENT: an agent with no actor of its own is coded
                                   "~" and its code, rather than not at all */
    int min_words;              /* SET: MINIMUM WORDS: a sentence of fewer words is not coded */
    int record_is_paragraph;    /* COMPLEX and MINIMUM WORDS count over a whole paragraph, as
                                   TABARI counts over a record of its validation suite; 0 (the
                                   default): over each sentence */
} DyadTabariOptions;

/* TABARI's defaults: comma clauses of 2 to 10 words (none first), no complexity
 * limits, no defaults, coding by clause, no agent conversion, sentences of five
 * words or more, each sentence counted on its own. */
void dyad_tabari_defaults(DyadTabariOptions *o);
/* Use these options for the documents the worker codes from now on. */
void dyad_worker_set_tabari(DyadWorker *worker, const DyadTabariOptions *o);

/* PETRARCH's new_actor_length: with a knowledge base imported from PETRARCH
 * dictionaries, a noun phrase that no entry codes and that has at most this
 * many words is an actor of its own, coded by its words in capitals without
 * spaces ("the Ministry of Magic": THEMINISTRYOFMAGIC, cut at 31 bytes); 0,
 * the default, turns it off.  Changes nothing with other knowledge bases. */
void dyad_worker_set_new_actor_length(DyadWorker *worker, int words);

/* Code one document of text: paragraphs separated by blank lines, the first one
 * a headline when has_headline.  date is YYYY-MM-DD or NULL.  Returns the number
 * of sentences coded, or -1 with a message in err (invalid UTF-8, NUL byte). */
long dyad_code_text(DyadWorker *worker, const char *doc_id, const char *date,
                    const char *text, size_t len, int has_headline, DyadEmit emit, void *ctx,
                    char *err, size_t errlen);

#ifdef __cplusplus
}
#endif

#endif
