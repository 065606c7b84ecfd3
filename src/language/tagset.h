/*
 * tagset.h: the Penn Treebank part-of-speech tags, as small integers.
 * The order is part of the tagger model format: append, never reorder.
 */
#ifndef DYAD_TAGSET_H
#define DYAD_TAGSET_H

#include <stdint.h>

#define TAGSET(X) \
    X(NONE, "NONE") X(CC, "CC") X(CD, "CD") X(DT, "DT") X(EX, "EX") X(FW, "FW") \
    X(IN, "IN") X(JJ, "JJ") X(JJR, "JJR") X(JJS, "JJS") X(LS, "LS") X(MD, "MD") \
    X(NN, "NN") X(NNS, "NNS") X(NNP, "NNP") X(NNPS, "NNPS") X(PDT, "PDT") \
    X(POS, "POS") X(PRP, "PRP") X(PRPS, "PRP$") X(RB, "RB") X(RBR, "RBR") \
    X(RBS, "RBS") X(RP, "RP") X(SYM, "SYM") X(TO, "TO") X(UH, "UH") X(VB, "VB") \
    X(VBD, "VBD") X(VBG, "VBG") X(VBN, "VBN") X(VBP, "VBP") X(VBZ, "VBZ") \
    X(WDT, "WDT") X(WP, "WP") X(WPS, "WP$") X(WRB, "WRB") X(PUNCT, ".") \
    X(COMMA, ",") X(COLON, ":") X(LQUOTE, "``") X(RQUOTE, "''") X(LPAREN, "-LRB-") \
    X(RPAREN, "-RRB-") X(HASH, "#") X(DOLLAR, "$")

enum {
#define X(id, name) TAG_##id,
    TAGSET(X)
#undef X
    TAG_COUNT
};

/* Penn name of a tag ("NNP"), "NONE" for out-of-range values. */
const char *tag_name(uint8_t tag);
/* Tag for a Penn name, TAG_NONE when unknown. */
uint8_t tag_from_name(const char *name);

static inline int tag_is_noun(uint8_t t) { return t >= TAG_NN && t <= TAG_NNPS; }
static inline int tag_is_verb(uint8_t t) { return t >= TAG_VB && t <= TAG_VBZ; }
static inline int tag_is_adj(uint8_t t) { return t >= TAG_JJ && t <= TAG_JJS; }

#endif
