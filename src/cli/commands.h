/*
 * commands.h: the subcommands of the dyad command line.  main.c dispatches on the
 * first argument; each command parses its own flags and returns an exit status.
 */
#ifndef DYAD_COMMANDS_H
#define DYAD_COMMANDS_H

int cli_code(int argc, char **argv);    /* dyad code FILE...      */
int cli_explain(int argc, char **argv); /* dyad explain SENTENCE  */
int cli_kb(int argc, char **argv);      /* dyad kb check|compile|stats|lookup */
int cli_tagger(int argc, char **argv);  /* dyad tagger train|eval|tag */
int cli_validate(int argc, char **argv); /* dyad validate FILE: TABARI's or PETRARCH's suites */

#endif
