/*
 * main.c: the dyad command, a thin front end over libdyad.  It only dispatches;
 * each subcommand lives in its own cmd_*.c file.
 */
#include <stdio.h>
#include <string.h>

#include "commands.h"

static void usage(FILE *f)
{
    fputs("usage: dyad COMMAND ...\n"
          "  code [options] FILE...      code news text into CAMEO events (JSON Lines)\n"
          "  explain SENTENCE [--date D] show every stage of the coder on a sentence\n"
          "  kb check|compile|stats|lookup   the knowledge base\n"
          "  tagger train|eval|tag       the part-of-speech tagger\n"
          "  validate FILE               run TABARI's or PETRARCH's validation suite\n"
          "Run 'dyad COMMAND --help' for a command's options.\n",
          f);
}

int main(int argc, char **argv)
{
    if (argc < 2 || strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0) {
        usage(argc < 2 ? stderr : stdout);
        return argc < 2 ? 2 : 0;
    }
    const char *cmd = argv[1];
    if (strcmp(cmd, "code") == 0)
        return cli_code(argc - 1, argv + 1);
    if (strcmp(cmd, "explain") == 0)
        return cli_explain(argc - 1, argv + 1);
    if (strcmp(cmd, "kb") == 0)
        return cli_kb(argc - 1, argv + 1);
    if (strcmp(cmd, "tagger") == 0)
        return cli_tagger(argc - 1, argv + 1);
    if (strcmp(cmd, "validate") == 0)
        return cli_validate(argc - 1, argv + 1);
    fprintf(stderr, "dyad: unknown command '%s'\n", cmd);
    usage(stderr);
    return 2;
}
