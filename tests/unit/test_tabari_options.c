/*
 * test_tabari_options.c: TABARI's option lines (src/knowledge/tabari_options.c)
 * into DyadTabariOptions: each kind of line, case and blanks as TABARI writes
 * them, and lines that are malformed or not options changing nothing.
 */
#include <string.h>

#include "check.h"
#include "dyad.h"
#include "knowledge/tabari_options.h"

static void test_defaults(void)
{
    DyadTabariOptions o;
    dyad_tabari_defaults(&o);
    CHECK_INT(o.comma_min, 2);
    CHECK_INT(o.comma_max, 10);
    CHECK_INT(o.comma_emax, 10);
    CHECK(o.comma_bmin > o.comma_bmax); /* a first clause is never left out */
    CHECK_INT(o.code_by, 0);
    CHECK_STR(o.default_source, "");
}

static void test_lines(void)
{
    DyadTabariOptions o;
    dyad_tabari_defaults(&o);
    CHECK_INT(tabari_option_line(&o, "COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8"), 1);
    CHECK_INT(o.comma_min, 4);
    CHECK_INT(o.comma_max, 6);
    CHECK_INT(o.comma_emin, 3);
    CHECK_INT(o.comma_bmax, 8);
    CHECK_INT(tabari_option_line(&o, "comma: off"), 1);
    CHECK(o.comma_min > o.comma_max && o.comma_emin > o.comma_emax);
    CHECK_INT(tabari_option_line(&o, "DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER"), 1);
    CHECK_STR(o.default_source, "DEFSRC");
    CHECK_STR(o.default_target, "DEFTAR");
    CHECK_INT(o.default_prior, 1);
    CHECK_INT(o.default_after, 1);
    CHECK_INT(tabari_option_line(&o, "DEFAULT: SOURCE [SRC]  TARGET [TGT]"), 1);
    CHECK_INT(o.default_prior, 0);
    CHECK_INT(o.default_after, 0);
    CHECK_INT(tabari_option_line(&o, "DEFAULT: OFF"), 1);
    CHECK_STR(o.default_source, "");
    CHECK_INT(tabari_option_line(&o, "COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN"), 1);
    CHECK_INT(o.complex_verbs, 5);
    CHECK_INT(o.complex_conj, 4);
    CHECK_INT(o.no_actor_prior, 1);
    CHECK_INT(tabari_option_line(&o, "COMPLEX: VERBS[6] EXPLAIN"), 1);
    CHECK_INT(o.complex_verbs, 6);
    CHECK_INT(o.complex_conj, 0);
    CHECK_INT(o.no_actor_prior, 0);
    CHECK_INT(tabari_option_line(&o, "SET: CODE BY SENTENCE"), 1);
    CHECK_INT(o.code_by, 1);
    CHECK_INT(tabari_option_line(&o, "SET: CODE ALL"), 1);
    CHECK_INT(o.code_by, 2);
    CHECK_INT(tabari_option_line(&o, "SET:   CODE BY CLAUSE"), 1);
    CHECK_INT(o.code_by, 0);
    CHECK_INT(tabari_option_line(&o, "SET: CONVERT AGENT = TRUE"), 1);
    CHECK_INT(o.convert_agent, 1);
    CHECK_INT(o.min_words, 5);
    CHECK_INT(tabari_option_line(&o, "SET: MINIMUM WORDS = 4"), 1);
    CHECK_INT(o.min_words, 4);
    CHECK_INT(tabari_option_line(&o, "SET: MINIMUM WORDS = many"), 0);
    CHECK_INT(o.min_words, 4);
}

static void test_not_options(void)
{
    DyadTabariOptions o, before;
    dyad_tabari_defaults(&o);
    before = o;
    CHECK_INT(tabari_option_line(&o, ""), 0);
    CHECK_INT(tabari_option_line(&o, "LABEL: 010=YIELD"), 0);
    CHECK_INT(tabari_option_line(&o, "SET: TIME SHIFT = FALSE"), 0);
    CHECK_INT(tabari_option_line(&o, "COMMA: MIN = x MAX = 6"), 0);     /* not a number */
    CHECK_INT(tabari_option_line(&o, "COMMA: WIDTH = 3"), 0);          /* unknown key */
    CHECK_INT(tabari_option_line(&o, "DEFAULT: SOURCE DEFSRC"), 0);    /* code not bracketed */
    CHECK_INT(tabari_option_line(&o, "COMPLEX: VERBS[5] SOMETIMES"), 0);
    CHECK(memcmp(&o, &before, sizeof o) == 0);
    /* a code longer than the field is cut, and terminated */
    CHECK_INT(tabari_option_line(&o, "DEFAULT: SOURCE [ABCDEFGHIJKLMNOPQR]"), 1);
    CHECK(strlen(o.default_source) < sizeof o.default_source);
}

int main(void)
{
    test_defaults();
    test_lines();
    test_not_options();
    return check_summary();
}
