/*
 * tabari_options.h: TABARI's option lines, read into the coder's
 * DyadTabariOptions (include/dyad.h).
 *
 * A TABARI project's `.options` file and the OPTION records of its validation
 * suite switch coding conventions with lines such as
 *   COMMA: MIN = 4 MAX = 6 EMIN = 3 EMAX = 6 BMIN = 3 BMAX = 8     COMMA: OFF
 *   DEFAULT: SOURCE [DEFSRC] PRIOR TARGET [DEFTAR] AFTER            DEFAULT: OFF
 *   COMPLEX: VERBS[5] CONJ[4] NOACTPRIOR EXPLAIN
 *   SET: CODE BY SENTENCE    SET: CODE ALL    SET: CODE BY CLAUSE
 *   SET: CONVERT AGENT = TRUE    SET: MINIMUM WORDS = 4
 * tabari_option_line() applies one such line.
 */
#ifndef DYAD_TABARI_OPTIONS_H
#define DYAD_TABARI_OPTIONS_H

#include "dyad.h"

/* Apply one option line (case and blanks as TABARI allows).  Returns 1 when the
 * line is one of those above and was applied, 0 when it is not one of them (the
 * options are then unchanged). */
int tabari_option_line(DyadTabariOptions *o, const char *line);

#endif
