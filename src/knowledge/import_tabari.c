/*
 * import_tabari.c: TABARI dictionaries into dyad's format (kb_import_tabari,
 * import.h).  Only TABARI's own shape is read here: the .verbs file (verb
 * blocks, patterns, <SYNSETS>, the discard phrases of <TIME>).  Actors, agents
 * and discards share their shapes with PETRARCH, and the .options files are only
 * counted: ImportOut (import_out.c) reads those and writes everything.
 *
 * Invariants: a line that cannot be read is warned with its file and line and
 * counted (bad_lines), and the import goes on; a section dyad has no
 * equivalent for is skipped with one warning.  No global mutable state.
 */
#include "import.h"

#include <stdlib.h>
#include <string.h>

#include "import_out.h"
#include "../base/xalloc.h"

/* Cut a ';' comment; returns the line without its newline. */
static void cut_comment(char *line, char mark)
{
    for (char *p = line; *p; p++)
        if (*p == mark || *p == '\n' || *p == '\r') {
            *p = '\0';
            break;
        }
}

/* "[CODE]" in s: copies the code, returns the position of '[' or NULL. */
static char *bracket_code(char *s, char *code, size_t cap)
{
    char *br = strchr(s, '[');
    char *end = br ? strchr(br, ']') : NULL;
    if (!br || !end)
        return NULL;
    snprintf(code, cap, "%.*s", (int)(end - br - 1), br + 1);
    import_trim(code);
    return br;
}

static void read_tabari_verbs(ImportOut *o, ImportStats *st, const char *path)
{
    FILE *f = iout_fopen(o, path);
    if (!f)
        return;
    char *line = NULL;
    size_t cap = 0;
    int lineno = 0;
    enum { NONE, SYNSETS, TIME, OTHER } section = NONE;
    ImportList members = {0};
    char set[80] = "";
    int set_line = 0;
    int have_head = 0;
    while (getline(&line, &cap, f) != -1) {
        lineno++;
        cut_comment(line, ';');
        char *c = line;
        while (*c == ' ' || *c == '\t')
            c++;
        size_t n = strlen(c);
        while (n && (c[n - 1] == ' ' || c[n - 1] == '\t'))
            c[--n] = '\0';
        if (!*c || *c == '#' || strncmp(c, "~~", 2) == 0)
            continue;
        if (*c == '<') {
            if (set[0])
                iout_set(o, set, members.v, (int)members.n, path, set_line);
            set[0] = '\0';
            import_list_free(&members);
            if (c[1] == '/')
                section = NONE;
            else if (strncasecmp(c, "<SYNSETS>", 9) == 0)
                section = SYNSETS;
            else if (strncasecmp(c, "<TIME>", 6) == 0) {
                /* time shifts have no equivalent; its discard phrases do */
                section = TIME;
                iout_warn(o, path, lineno, "section %s: only its discard phrases ([###], [+++]) "
                          "are used", c);
            } else {
                section = OTHER;
                iout_warn(o, path, lineno, "section %s has no equivalent in dyad; skipped", c);
            }
            continue;
        }
        if (section == OTHER)
            continue;
        if (section == TIME) {
            /* "WHEN_PEACE_COMES [+++]": a phrase that discards its sentence */
            char code[64];
            char *br = *c != '-' ? bracket_code(c, code, sizeof code) : NULL;
            if (br && import_code_is_null(code) >= 2) {
                *br = '\0';
                iout_discard_phrase(o, c);
            }
            continue;
        }
        if (*c == '&') {
            if (set[0])
                iout_set(o, set, members.v, (int)members.n, path, set_line);
            import_list_free(&members);
            snprintf(set, sizeof set, "%s", c);
            set_line = lineno;
            continue;
        }
        if (*c == '+' && set[0]) {
            import_list_push(&members, xstrdup(c + 1));
            continue;
        }
        if (set[0]) {
            iout_set(o, set, members.v, (int)members.n, path, set_line);
            set[0] = '\0';
            import_list_free(&members);
        }
        if (section == SYNSETS) {
            iout_warn(o, path, lineno, "cannot read this synset line");
            st->bad_lines++;
            continue;
        }
        char code[64];
        if (*c == '-') {
            char *br = bracket_code(c, code, sizeof code);
            if (!br || !have_head) {
                iout_warn(o, path, lineno, "pattern without [CODE] or verb; skipped");
                st->bad_lines++;
                continue;
            }
            *br = '\0';
            iout_pattern(o, c + 1, code, path, lineno);
            continue;
        }
        if (*c == '{') {
            /* irregular forms of the head above */
            if (have_head)
                iout_head_forms(o, c);
            continue;
        }
        char *br = bracket_code(c, code, sizeof code);
        if (!br) {
            iout_warn(o, path, lineno, "verb without [CODE]; skipped");
            st->bad_lines++;
            have_head = 0;
            continue;
        }
        *br = '\0';
        char *forms = strchr(c, '{');
        if (forms)
            *forms++ = '\0';
        /* "BAN=": a head without endings keeps its mark (split_phrase reads it);
         * anything after an '=' is dropped */
        char *eq = strchr(c, '=');
        if (eq && eq > c && eq[-1] != ' ' && eq[-1] != '\t')
            eq[1] = '\0';
        else if (eq)
            *eq = '\0';
        import_trim(c);
        iout_block(o, code, path, lineno);
        iout_head(o, c, forms, NULL, path, lineno);
        have_head = 1;
    }
    if (set[0])
        iout_set(o, set, members.v, (int)members.n, path, set_line);
    import_list_free(&members);
    free(line);
    fclose(f);
}

int kb_import_tabari(const ImportSources *src, const char *out_dir, FILE *errors, ImportStats *st)
{
    ImportOut *o = iout_open(src, out_dir, errors, st);
    iout_read_shared(o, src);
    for (int i = 0; i < src->n[IMPORT_OPTIONS]; i++)
        iout_options_file(o, src->files[IMPORT_OPTIONS][i]);
    for (int i = 0; i < src->n[IMPORT_VERBS]; i++)
        read_tabari_verbs(o, st, src->files[IMPORT_VERBS][i]);
    return iout_finish(o, src, errors, "TABARI");
}
