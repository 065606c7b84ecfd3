/*
 * import_sources.c: the foreign files of one import (ImportSources, import.h):
 * files added by kind, TABARI projects and PETRARCH configurations read as
 * listings, folders classified by file name, and the fingerprint that keys the
 * import cache.
 *
 * Invariants: paths are owned copies; a verbs file named directly replaces the
 * verbs files found in folders; a folder's files are added in name order so the
 * import (and the hash) do not depend on readdir's order; the hash covers the
 * importer version (IMPORT_VERSION, defined here only), the dialect, every
 * file's kind, base name and bytes, the codebook, the grammar sets and the
 * knowledge-base format, so a change to any of them is a new cache entry.
 */
#include "import.h"

#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "import_out.h"
#include "../base/xalloc.h"
#include "kb.h"

#define IMPORT_VERSION "dyad-import-17"

void import_sources_init(ImportSources *s, int dialect)
{
    memset(s, 0, sizeof *s);
    s->dialect = dialect;
}

void import_sources_free(ImportSources *s)
{
    for (int k = 0; k < IMPORT_KINDS; k++)
        for (int i = 0; i < s->n[k]; i++)
            free(s->files[k][i]);
    free(s->codebook);
    free(s->grammar);
    memset(s, 0, sizeof *s);
}

static int add_file(ImportSources *s, int kind, const char *path, int from_dir)
{
    if (kind == IMPORT_VERBS) {
        if (from_dir && s->explicit_verbs)
            return 0;
        if (!from_dir && !s->explicit_verbs) {
            /* a verbs file named directly replaces those found in folders */
            for (int i = 0; i < s->n[IMPORT_VERBS]; i++)
                free(s->files[IMPORT_VERBS][i]);
            s->n[IMPORT_VERBS] = 0;
            s->explicit_verbs = 1;
        }
    }
    if (s->n[kind] == IMPORT_MAX_FILES)
        return -1;
    s->files[kind][s->n[kind]++] = xstrdup(path);
    return 0;
}

int import_sources_add_as(ImportSources *s, int kind, const char *path)
{
    if (kind < 0 || kind >= IMPORT_KINDS)
        return -1;
    return add_file(s, kind, path, 0);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n >= m && strcasecmp(s + n - m, suffix) == 0;
}

static int contains_ci(const char *s, const char *w) { return strcasestr(s, w) != NULL; }

/* Kind of a dictionary file from its name, -1 when not one: TABARI's by its
 * suffix; PETRARCH's, all .txt, by the first of these words its name holds. */
static int classify(const ImportSources *s, const char *name)
{
    typedef struct { const char *word; int kind; } NameKind;
    static const NameKind tabari[] = {{".verbs", IMPORT_VERBS}, {".actors", IMPORT_ACTORS},
                                      {".agents", IMPORT_AGENTS}, {".options", IMPORT_OPTIONS}};
    static const NameKind petrarch[] = {{"actors", IMPORT_ACTORS}, {"agents", IMPORT_AGENTS},
                                        {"discards", IMPORT_DISCARDS}, {"issue", IMPORT_ISSUES},
                                        {"readme", -1}, {"licen", -1},
                                        {"verbs", IMPORT_VERBS}, {"cameo", IMPORT_VERBS}};
    if (s->dialect == IMPORT_TABARI) {
        for (size_t i = 0; i < sizeof tabari / sizeof tabari[0]; i++)
            if (ends_with(name, tabari[i].word))
                return tabari[i].kind;
        return -1;
    }
    if (!ends_with(name, ".txt"))
        return -1;
    for (size_t i = 0; i < sizeof petrarch / sizeof petrarch[0]; i++)
        if (contains_ci(name, petrarch[i].word))
            return petrarch[i].kind;
    return -1;
}

static void dir_of(const char *path, char *out, size_t cap)
{
    const char *slash = strrchr(path, '/');
    if (!slash)
        snprintf(out, cap, ".");
    else
        snprintf(out, cap, "%.*s", (int)(slash - path), path);
}

/* Also used by import_petrarch.c (import.h). */
void import_trim(char *s)
{
    size_t n = strlen(s);
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t' || s[n - 1] == '\r' || s[n - 1] == '\n'))
        s[--n] = '\0';
    size_t k = 0;
    while (s[k] == ' ' || s[k] == '\t')
        k++;
    memmove(s, s + k, strlen(s + k) + 1);
}

static int add_relative(ImportSources *s, int kind, const char *dir, const char *name)
{
    char path[8300];
    if (name[0] == '/')
        snprintf(path, sizeof path, "%s", name);
    else
        snprintf(path, sizeof path, "%s/%s", dir, name);
    return add_file(s, kind, path, 0);
}

/* A file naming other files, one or more a line; names are relative to its
 * folder.  A line reader returns -1 when a named file could not be added. */
typedef int (*ListingLine)(ImportSources *s, char *line, const char *dir);

/* TABARI project: "<actorsfile> NAME" lines. */
static int project_line(ImportSources *s, char *line, const char *dir)
{
    static const struct { const char *tag; int kind; } tags[] = {
        {"<actorsfile>", IMPORT_ACTORS}, {"<verbsfile>", IMPORT_VERBS},
        {"<agentsfile>", IMPORT_AGENTS}, {"<optionsfile>", IMPORT_OPTIONS}};
    int rc = 0;
    for (size_t i = 0; i < sizeof tags / sizeof tags[0]; i++) {
        size_t n = strlen(tags[i].tag);
        if (strncasecmp(line, tags[i].tag, n) != 0)
            continue;
        char *name = line + n;
        import_trim(name);
        if (*name && add_relative(s, tags[i].kind, dir, name) != 0)
            rc = -1;
    }
    return rc;
}

/* PETRARCH configuration: "verbfile_name = X", "actorfile_list = a, b". */
static int config_line(ImportSources *s, char *line, const char *dir)
{
    static const struct { const char *key; int kind; } keys[] = {
        {"verbfile_name", IMPORT_VERBS}, {"actorfile_list", IMPORT_ACTORS},
        {"agentfile_name", IMPORT_AGENTS}, {"discardfile_name", IMPORT_DISCARDS},
        {"issuefile_name", IMPORT_ISSUES}};
    char *eq = strchr(line, '=');
    if (!eq || line[0] == '#' || line[0] == ';')
        return 0;
    *eq = '\0';
    import_trim(line);
    int rc = 0;
    for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
        if (strcmp(line, keys[i].key) != 0)
            continue;
        char *save = NULL;
        for (char *t = strtok_r(eq + 1, ",", &save); t; t = strtok_r(NULL, ",", &save)) {
            import_trim(t);
            if (*t && add_relative(s, keys[i].kind, dir, t) != 0)
                rc = -1;
        }
    }
    return rc;
}

/* Every line of a listing through read_line; -1 when the listing cannot be
 * opened or any named file could not be added (the others still are). */
static int read_listing(ImportSources *s, const char *path, FILE *errors, ListingLine read_line)
{
    FILE *f = import_open(path, errors);
    if (!f)
        return -1;
    char dir[4096];
    dir_of(path, dir, sizeof dir);
    char *line = NULL;
    size_t cap = 0;
    int rc = 0;
    while (getline(&line, &cap, f) != -1)
        if (read_line(s, line, dir) != 0)
            rc = -1;
    free(line);
    fclose(f);
    return rc;
}

int import_sources_add(ImportSources *s, const char *path, FILE *errors)
{
    struct stat st;
    if (stat(path, &st) != 0) {
        if (errors)
            fprintf(errors, "%s: cannot open: %s\n", path, strerror(errno));
        return -1;
    }
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        if (!d) {
            if (errors)
                fprintf(errors, "%s: cannot open directory: %s\n", path, strerror(errno));
            return -1;
        }
        ImportList names = {0};
        struct dirent *de;
        while ((de = readdir(d)))
            if (de->d_name[0] != '.')
                import_list_push(&names, xstrdup(de->d_name));
        closedir(d);
        qsort(names.v, names.n, sizeof *names.v, import_cmp_str);
        int rc = 0;
        for (size_t i = 0; i < names.n; i++) {
            int kind = classify(s, names.v[i]);
            if (kind < 0)
                continue;
            char full[4096];
            snprintf(full, sizeof full, "%s/%s", path, names.v[i]);
            if (add_file(s, kind, full, 1) != 0)
                rc = -1;
        }
        import_list_free(&names);
        return rc;
    }
    if (ends_with(path, ".project"))
        return read_listing(s, path, errors, project_line);
    if (ends_with(path, ".ini"))
        return read_listing(s, path, errors, config_line);
    int kind = classify(s, path);
    if (kind < 0)
        kind = IMPORT_VERBS;
    if (add_file(s, kind, path, 0) != 0) {
        if (errors)
            fprintf(errors, "%s: too many dictionary files\n", path);
        return -1;
    }
    return 0;
}

static uint64_t fnv(uint64_t h, const void *p, size_t n)
{
    const unsigned char *b = p;
    for (size_t i = 0; i < n; i++)
        h = (h ^ b[i]) * 0x100000001b3ull;
    return h;
}

static uint64_t fnv_file(uint64_t h, const char *path)
{
    if (!path)
        return fnv(h, "-", 1);
    FILE *f = fopen(path, "rb");
    if (!f)
        return fnv(h, "?", 1);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, f)) > 0)
        h = fnv(h, buf, n);
    fclose(f);
    return h;
}

unsigned long long import_sources_hash(const ImportSources *s)
{
    uint64_t h = 0xcbf29ce484222325ull;
    h = fnv(h, IMPORT_VERSION, sizeof IMPORT_VERSION);
    h = fnv(h, &s->dialect, sizeof s->dialect);
    for (int k = 0; k < IMPORT_KINDS; k++)
        for (int i = 0; i < s->n[k]; i++) {
            const char *base = strrchr(s->files[k][i], '/');
            base = base ? base + 1 : s->files[k][i];
            h = fnv(h, &k, sizeof k);
            h = fnv(h, base, strlen(base) + 1);
            h = fnv_file(h, s->files[k][i]);
        }
    h = fnv_file(h, s->codebook);
    h = fnv_file(h, s->grammar);
    h = fnv(h, &(unsigned){KB_FORMAT_VERSION}, sizeof(unsigned));
    return (unsigned long long)h;
}
