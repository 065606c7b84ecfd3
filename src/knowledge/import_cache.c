/*
 * import_cache.c: translate and compile foreign dictionaries once
 * (kb_import_image, import.h).  The image is <cache>/<hash>.img, the hash
 * being import_sources_hash() (file names and bytes, importer version, format
 * version); the translation it was compiled from is kept beside it as
 * <hash>.d/ for inspection.
 *
 * Invariants: an existing image is reused and never rewritten; nothing is
 * written inside the repository (the cache is $XDG_CACHE_HOME/dyad, else
 * $HOME/.cache/dyad, else $TMPDIR/dyad-cache, unless a folder is given); a
 * translation that does not compile yields no image.
 */
#include "import.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "import_out.h"
#include "kb.h"

int kb_import_image(const ImportSources *src, const char *cache_dir, char *img, size_t cap,
                    FILE *errors, ImportStats *st, int *cached)
{
    char dir[4096];
    const char *xdg = getenv("XDG_CACHE_HOME"), *home = getenv("HOME"), *tmp = getenv("TMPDIR");
    if (cache_dir)
        snprintf(dir, sizeof dir, "%s", cache_dir);
    else if (xdg && *xdg)
        snprintf(dir, sizeof dir, "%s/dyad", xdg);
    else if (home && *home)
        snprintf(dir, sizeof dir, "%s/.cache/dyad", home);
    else
        snprintf(dir, sizeof dir, "%s/dyad-cache", tmp && *tmp ? tmp : "/tmp");
    if (import_mkdir_p(dir) != 0) {
        if (errors)
            fprintf(errors, "%s: cannot create: %s\n", dir, strerror(errno));
        return -1;
    }
    unsigned long long h = import_sources_hash(src);
    snprintf(img, cap, "%s/%016llx.img", dir, h);
    memset(st, 0, sizeof *st);
    *cached = 0;
    if (access(img, R_OK) == 0) {
        *cached = 1;
        return 0;
    }
    char out[4200];
    snprintf(out, sizeof out, "%s/%016llx.d", dir, h);
    int rc = src->dialect == IMPORT_PETRARCH ? kb_import_petrarch(src, out, errors, st)
                                             : kb_import_tabari(src, out, errors, st);
    if (rc != 0)
        return -1;
    char codebook[4300];
    snprintf(codebook, sizeof codebook, "%s/codebook.tsv", out);
    KbStats ks;
    int errs = kb_compile(out, codebook, img, errors ? errors : stderr, &ks);
    if (errs) {
        if (errors)
            fprintf(errors, "dyad: the translation in %s did not compile (%d errors)\n", out, errs);
        return -1;
    }
    return 0;
}
