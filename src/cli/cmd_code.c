/*
 * cmd_code.c: `dyad code`, documents in, events out.
 *
 * Events stream as they are found, one write per line, and stdout is flushed
 * after each document, so dyad works as a filter in a pipe.  A document that
 * cannot be coded is reported on stderr (file, line, byte, reason) and skipped;
 * the others are still coded and the exit status is 1 at the end.
 *
 * With --tabari or --petrarch the named foreign dictionaries are imported
 * (src/knowledge/import.h) into a cached image, which is used instead of
 * data/kb.img; events those dictionaries code as null ("---", "###", "+++")
 * are not written.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "dyad.h"

#include "../base/buf.h"
#include "../coding/coder.h"
#include "../knowledge/import.h"
#include "../output/format.h"
#include "commands.h"
#include "paths.h"

typedef struct CodeOut {
    Buf line;      /* reused output line */
    int tsv;       /* --format tsv */
    long events;   /* events written */
    int drop_null; /* imported dictionaries: skip their null codes */
} CodeOut;

static int write_event(const DyadEvent *ev, void *ctx)
{
    CodeOut *o = ctx;
    if (o->drop_null && import_code_is_null(ev->code))
        return 0;
    buf_clear(&o->line);
    if (o->tsv)
        format_tsv(&o->line, ev);
    else
        format_json(&o->line, ev);
    o->events++;
    return fwrite(o->line.data, 1, o->line.len, stdout) == o->line.len ? 0 : 1;
}

static void usage(FILE *f)
{
    fputs("usage: dyad code [options] [FILE...]   (no FILE, or '-': standard input)\n"
          "  --format json|tsv       output format (default json: JSON Lines)\n"
          "  --input auto|dated|jsonl|plain   input format (default auto)\n"
          "  --date YYYY-MM-DD       date for plain text\n"
          "  --id ID                 document id for plain text\n"
          "  --kb FILE               knowledge-base image (default data/kb.img)\n"
          "  --model FILE            tagger model (default data/model/tagger.bin)\n"
          "  --tabari PATH           code with TABARI dictionaries: a .project file, a folder,\n"
          "                          or .verbs/.actors/.agents/.options files (repeatable)\n"
          "  --petrarch PATH         code with PETRARCH dictionaries: PETR_config.ini, a folder,\n"
          "                          or the dictionary files (repeatable)\n"
          "  --cache DIR             where imported images are kept (default $XDG_CACHE_HOME/dyad)\n"
          "  --stats                 print counts and timing to stderr at the end\n",
          f);
}

int cli_code(int argc, char **argv)
{
    const char *files[4096];
    int n_files = 0;
    const char *date = NULL, *id = NULL;
    char kb_path[4096], model_path[4096];
    data_path("kb.img", kb_path, sizeof kb_path);
    data_path("model/tagger.bin", model_path, sizeof model_path);
    TxtFormat fmt = TXT_FORMAT_AUTO;
    CodeOut out = {{0}, 0, 0, 0};
    const char *foreign[64];
    int n_foreign = 0, dialect = 0;
    const char *cache = NULL;
    int stats = 0;
    int default_kb = 1; /* only the default image is checked against data/kb/ */
    for (int i = 1; i < argc; i++) {
        const char *a = argv[i];
        const char *val = i + 1 < argc ? argv[i + 1] : NULL;
        if (strcmp(a, "--help") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(a, "--stats") == 0) {
            stats = 1;
        } else if (a[0] == '-' && a[1] == '-' && !val) {
            fprintf(stderr, "dyad code: %s needs a value\n", a);
            return 2;
        } else if (strcmp(a, "--format") == 0) {
            out.tsv = strcmp(val, "tsv") == 0;
            if (!out.tsv && strcmp(val, "json") != 0) {
                fprintf(stderr, "dyad code: unknown format '%s' (json or tsv)\n", val);
                return 2;
            }
            i++;
        } else if (strcmp(a, "--input") == 0) {
            fmt = strcmp(val, "dated") == 0   ? TXT_FORMAT_DATED
                : strcmp(val, "jsonl") == 0   ? TXT_FORMAT_JSONL
                : strcmp(val, "plain") == 0   ? TXT_FORMAT_PLAIN
                                              : TXT_FORMAT_AUTO;
            i++;
        } else if (strcmp(a, "--date") == 0) {
            date = val;
            i++;
        } else if (strcmp(a, "--id") == 0) {
            id = val;
            i++;
        } else if (strcmp(a, "--kb") == 0) {
            snprintf(kb_path, sizeof kb_path, "%s", val);
            default_kb = 0;
            i++;
        } else if (strcmp(a, "--tabari") == 0 || strcmp(a, "--petrarch") == 0) {
            int d = a[2] == 't' ? IMPORT_TABARI : IMPORT_PETRARCH;
            if ((dialect && dialect != d) || n_foreign == 64) {
                fprintf(stderr, "dyad code: use either --tabari or --petrarch\n");
                return 2;
            }
            dialect = d;
            foreign[n_foreign++] = val;
            i++;
        } else if (strcmp(a, "--cache") == 0) {
            cache = val;
            i++;
        } else if (strcmp(a, "--model") == 0) {
            snprintf(model_path, sizeof model_path, "%s", val);
            i++;
        } else if (a[0] == '-' && a[1] == '-') {
            fprintf(stderr, "dyad code: unknown option '%s'\n", a);
            usage(stderr);
            return 2;
        } else if (n_files < 4096) {
            files[n_files++] = a;
        }
    }
    if (n_files == 0)
        files[n_files++] = "-";
    struct timespec t0, t1;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    double import_ms = -1;
    int import_cached = 0;
    if (n_foreign) {
        ImportSources src;
        import_sources_init(&src, dialect);
        char path[4096];
        data_path("cameo/codebook.tsv", path, sizeof path);
        src.codebook = strdup(path);
        data_path("kb/sets.txt", path, sizeof path);
        src.grammar = strdup(path);
        int bad = 0;
        for (int i = 0; i < n_foreign; i++)
            bad |= import_sources_add(&src, foreign[i], stderr);
        ImportStats ist;
        /* warnings of a fresh import are many; they go to the translation's folder */
        char *wtext = NULL;
        size_t wlen = 0;
        FILE *warn = open_memstream(&wtext, &wlen);
        if (!bad && kb_import_image(&src, cache, kb_path, sizeof kb_path, warn, &ist, &import_cached) != 0)
            bad = 1;
        fclose(warn);
        import_sources_free(&src);
        if (bad) {
            fputs(wtext ? wtext : "", stderr);
            fputs("dyad code: the dictionaries could not be imported\n", stderr);
            free(wtext);
            return 1;
        }
        if (!import_cached && wtext) {
            char wpath[4200];
            snprintf(wpath, sizeof wpath, "%.*s.d/warnings.log", (int)(strlen(kb_path) - 4), kb_path);
            FILE *wf = fopen(wpath, "w");
            if (wf) {
                fputs(wtext, wf);
                fclose(wf);
            }
            if (stats)
                fprintf(stderr, "dyad: imported %u actors, %u people, %u agents, %u verbs, %u patterns; "
                        "%u constructs skipped (see %.*s.d/warnings.log)\n", ist.actors, ist.people,
                        ist.agents, ist.verbs, ist.patterns, ist.skipped, (int)(strlen(kb_path) - 4), kb_path);
        }
        free(wtext);
        default_kb = 0;
        out.drop_null = 1;
        struct timespec ti;
        clock_gettime(CLOCK_MONOTONIC, &ti);
        import_ms = ((double)(ti.tv_sec - t0.tv_sec) + (double)(ti.tv_nsec - t0.tv_nsec) / 1e9) * 1e3;
    }
    char err[1024];
    DyadCoder *coder = dyad_open(kb_path, model_path, err, sizeof err);
    if (!coder) {
        fprintf(stderr, "dyad: %s\n", err);
        return 1;
    }
    struct timespec t_loaded, t_first = {0, 0};
    clock_gettime(CLOCK_MONOTONIC, &t_loaded);
    if (default_kb && data_kb_fresh(coder_kb(coder)) != 0) {
        dyad_close(coder);
        return 1;
    }
    DyadWorker *w = dyad_worker_new(coder);
    int failed = 0;
    long docs = 0, sentences = 0, bytes = 0;
    for (int f = 0; f < n_files; f++) {
        TxtError terr;
        TxtReader *r = txt_reader_open(files[f], fmt, date, id, &terr);
        if (!r) {
            fputs("dyad: ", stderr);
            txt_error_print(&terr, stderr);
            failed = 1;
            continue;
        }
        long docs_here = 0, skipped_here = 0;
        for (;;) {
            arena_reset(worker_arena(w));
            TxtDoc doc;
            int rc = txt_reader_next(r, worker_arena(w), &doc, &terr);
            if (rc == 0)
                break;
            if (rc < 0) {
                fputs("dyad: ", stderr);
                txt_error_print(&terr, stderr);
                failed = 1;
                skipped_here++;
                continue;
            }
            docs_here++;
            long n = coder_code_doc(w, &doc, write_event, &out, err, sizeof err);
            if (n < 0) {
                fprintf(stderr, "dyad: %s:%ld: document %s skipped: %s\n", doc.file, doc.line, doc.id, err);
                failed = 1;
                continue;
            }
            if (docs == 0 && docs_here == 1)
                clock_gettime(CLOCK_MONOTONIC, &t_first);
            sentences += n;
            bytes += (long)doc.raw_len;
            fflush(stdout);
        }
        if (docs_here == 0 && skipped_here == 0) {
            fprintf(stderr, "dyad: %s: no documents in the input\n", files[f]);
            failed = 1;
        }
        docs += docs_here;
        txt_reader_close(r);
    }
    clock_gettime(CLOCK_MONOTONIC, &t1);
    if (stats) {
        double secs = (double)(t1.tv_sec - t0.tv_sec) + (double)(t1.tv_nsec - t0.tv_nsec) / 1e9;
        double load_ms = ((double)(t_loaded.tv_sec - t0.tv_sec) + (double)(t_loaded.tv_nsec - t0.tv_nsec) / 1e9) * 1e3;
        double first_ms = t_first.tv_sec ? ((double)(t_first.tv_sec - t0.tv_sec) +
                                            (double)(t_first.tv_nsec - t0.tv_nsec) / 1e9) * 1e3 : 0.0;
        if (import_ms >= 0)
            fprintf(stderr, "dyad: import %.1f ms (%s)\n", import_ms,
                    import_cached ? "cached image" : "translated and compiled");
        fprintf(stderr, "dyad: load %.1f ms (knowledge base and tagger model), first document coded at %.1f ms\n",
                load_ms, first_ms);
        fprintf(stderr, "dyad: %ld documents dropped as sport, entertainment or markets\n", worker_discarded(w));
        fprintf(stderr, "dyad: %ld documents, %ld sentences, %ld events, %.1f MB in %.3f s: %.0f sentences/s, %.2f MB/s\n",
                docs, sentences, out.events, (double)bytes / 1e6, secs, secs > 0 ? (double)sentences / secs : 0.0,
                secs > 0 ? (double)bytes / 1e6 / secs : 0.0);
    }
    if (fflush(stdout) != 0)
        failed = 1;
    buf_free(&out.line);
    dyad_worker_free(w);
    dyad_close(coder);
    return failed ? 1 : 0;
}
