/*
 * paths.c: locate the data folder; see paths.h.
 */
#include "paths.h"

#include "../knowledge/kb.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

void data_path(const char *name, char *out, size_t cap)
{
    const char *env = getenv("DYAD_DATA");
    if (env && *env) {
        snprintf(out, cap, "%s/%s", env, name);
        return;
    }
    char exe[4096];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char *slash = strrchr(exe, '/');
        if (slash) {
            *slash = '\0';
            /* build/san/dyad lives two levels below the checkout */
            size_t len = strlen(exe);
            if (len >= 10 && strcmp(exe + len - 10, "/build/san") == 0)
                exe[len - 10] = '\0';
            snprintf(out, cap, "%s/data/%s", exe, name);
            if (access(out, R_OK) == 0)
                return;
        }
    }
    snprintf(out, cap, "data/%s", name);
}

int data_kb_fresh(const Kb *kb)
{
    char dir[4096], codebook[4096], err[4600];
    data_path("kb", dir, sizeof dir);
    data_path("cameo/codebook.tsv", codebook, sizeof codebook);
    if (kb_check_fresh(kb, dir, codebook, err, sizeof err) == 0)
        return 0;
    fprintf(stderr, "dyad: %s\n", err);
    return -1;
}
