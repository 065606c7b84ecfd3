/*
 * cmd_explain.c: `dyad explain "SENTENCE" [--date YYYY-MM-DD]`.
 */
#include <stdio.h>
#include <string.h>

#include "dyad.h"

#include "../output/explain.h"
#include "commands.h"
#include "paths.h"
#include "../coding/coder.h"

int cli_explain(int argc, char **argv)
{
    const char *text = NULL, *date = NULL;
    int default_kb = 1; /* only the default image is checked against data/kb/ */
    char kb_path[4096], model_path[4096];
    data_path("kb.img", kb_path, sizeof kb_path);
    data_path("model/tagger.bin", model_path, sizeof model_path);
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--date") == 0 && i + 1 < argc)
            date = argv[++i];
        else if (strcmp(argv[i], "--kb") == 0 && i + 1 < argc) {
            snprintf(kb_path, sizeof kb_path, "%s", argv[++i]);
            default_kb = 0;
        }
        else if (strcmp(argv[i], "--model") == 0 && i + 1 < argc)
            snprintf(model_path, sizeof model_path, "%s", argv[++i]);
        else if (argv[i][0] == '-' && argv[i][1] == '-') {
            fprintf(stderr, "usage: dyad explain \"SENTENCE\" [--date YYYY-MM-DD] [--kb FILE] [--model FILE]\n");
            return strcmp(argv[i], "--help") == 0 ? 0 : 2;
        } else
            text = argv[i];
    }
    if (!text) {
        fprintf(stderr, "usage: dyad explain \"SENTENCE\" [--date YYYY-MM-DD]\n");
        return 2;
    }
    char err[1024];
    DyadCoder *coder = dyad_open(kb_path, model_path, err, sizeof err);
    if (!coder) {
        fprintf(stderr, "dyad: %s\n", err);
        return 1;
    }
    if (default_kb && data_kb_fresh(coder_kb(coder)) != 0) {
        dyad_close(coder);
        return 1;
    }
    DyadWorker *w = dyad_worker_new(coder);
    int rc = explain_text(coder, w, text, date, stdout);
    dyad_worker_free(w);
    dyad_close(coder);
    return rc == 0 ? 0 : 1;
}
