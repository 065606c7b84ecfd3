/*
 * cmd_validate.c: `dyad validate FILE`, placeholder until the importers land.
 */
#include <stdio.h>

#include "commands.h"

int cli_validate(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    fputs("dyad validate: not built yet\n", stderr);
    return 2;
}
