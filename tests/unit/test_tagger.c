/*
 * test_tagger.c: the tag set, the Brown mapping, training a tiny model and
 * reading it back, refusing damaged model files, and (when data/model/tagger.bin
 * has been built) tagging a few news sentences with the real model.
 *
 * Tokens are built by hand here (split at spaces, quotes hugging their words)
 * so this test does not depend on the text layer.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "check.h"
#include "language/tagger.h"
#include "language/tagger_train.h"

#define MAX_TOKS 2048

/* Split s at spaces into toks; returns the count. */
static size_t split(const char *s, TxtToken *toks, size_t max)
{
    size_t n = 0, i = 0, len = strlen(s);
    while (i < len && n < max) {
        while (i < len && s[i] == ' ')
            i++;
        size_t start = i;
        while (i < len && s[i] != ' ')
            i++;
        if (i > start)
            toks[n++] = (TxtToken){(uint32_t)start, (uint32_t)i, 0};
    }
    return n;
}

/* Tag a space-separated sentence; writes "word/TAG ..." into out. */
static void tag_line(const Tagger *t, const char *s, char *out, size_t outlen)
{
    TxtToken toks[MAX_TOKS];
    uint8_t tags[MAX_TOKS];
    size_t n = split(s, toks, MAX_TOKS), pos = 0;
    tagger_tag(t, s, toks, n, tags);
    out[0] = 0;
    for (size_t i = 0; i < n && pos < outlen; i++)
        pos += (size_t)snprintf(out + pos, outlen - pos, "%s%.*s/%s", i ? " " : "",
                                (int)(toks[i].end - toks[i].start), s + toks[i].start,
                                tag_name(tags[i]));
}

/* The tag given to the k-th token of a tagged sentence. */
static uint8_t tag_at(const Tagger *t, const char *s, size_t k)
{
    TxtToken toks[MAX_TOKS];
    uint8_t tags[MAX_TOKS];
    size_t n = split(s, toks, MAX_TOKS);
    tagger_tag(t, s, toks, n, tags);
    return k < n ? tags[k] : TAG_NONE;
}

static void test_tagset(void)
{
    for (unsigned t = 0; t < TAG_COUNT; t++)
        CHECK_INT(tag_from_name(tag_name((uint8_t)t)), t);
    CHECK_STR(tag_name(TAG_PRPS), "PRP$");
    CHECK_STR(tag_name(TAG_LPAREN), "-LRB-");
    CHECK_STR(tag_name(TAG_COUNT), "NONE");
    CHECK_STR(tag_name(255), "NONE");
    CHECK_INT(tag_from_name("NNP"), TAG_NNP);
    CHECK_INT(tag_from_name("``"), TAG_LQUOTE);
    CHECK_INT(tag_from_name("nnp"), TAG_NONE);
    CHECK_INT(tag_from_name("XYZ"), TAG_NONE);
    CHECK_INT(tag_from_name(""), TAG_NONE);
    CHECK_INT(tag_from_name(NULL), TAG_NONE);
    CHECK(tag_is_noun(TAG_NNPS) && !tag_is_noun(TAG_PRP));
    CHECK(tag_is_verb(TAG_VBZ) && !tag_is_verb(TAG_MD));
}

/* Map one Brown word/tag; returns "w/TAG w/TAG" in a static-free buffer. */
static void map1(const char *word, const char *btag, char *out, size_t outlen)
{
    TaggerBrownTok t[3];
    size_t n = tagger_brown_map(word, strlen(word), btag, strlen(btag), t), pos = 0;
    out[0] = 0;
    for (size_t i = 0; i < n; i++)
        pos += (size_t)snprintf(out + pos, outlen - pos, "%s%.*s/%s", i ? " " : "",
                                (int)t[i].len, t[i].word, tag_name(t[i].tag));
}

static void test_brown_map(void)
{
    char b[256];
    map1("Atlanta's", "np$", b, sizeof b);
    CHECK_STR(b, "Atlanta/NNP 's/POS");
    map1("Roberts'", "np$", b, sizeof b);
    CHECK_STR(b, "Roberts/NNP '/POS");
    map1("can't", "md*", b, sizeof b);
    CHECK_STR(b, "ca/MD n't/RB");
    map1("cannot", "md*", b, sizeof b);
    CHECK_STR(b, "can/MD not/RB");
    map1("didn't", "dod*", b, sizeof b);
    CHECK_STR(b, "did/VBD n't/RB");
    map1("I'm", "ppss+bem", b, sizeof b);
    CHECK_STR(b, "I/PRP 'm/VBP");
    map1("he's", "pps+bez", b, sizeof b);
    CHECK_STR(b, "he/PRP 's/VBZ");
    map1("``", "``", b, sizeof b);
    CHECK_STR(b, "\"/``");
    map1("''", "''", b, sizeof b);
    CHECK_STR(b, "\"/''");
    map1("County", "nn-tl", b, sizeof b);
    CHECK_STR(b, "County/NNP");
    map1("States", "nns-tl", b, sizeof b);
    CHECK_STR(b, "States/NNPS");
    map1("jury", "nn-hl", b, sizeof b);
    CHECK_STR(b, "jury/NN");
    map1("Friday", "nr", b, sizeof b);
    CHECK_STR(b, "Friday/NNP");
    map1("home", "nr", b, sizeof b);
    CHECK_STR(b, "home/NN");
    map1("$5", "nns", b, sizeof b);
    CHECK_STR(b, "$/$ 5/CD");
    map1(";", ".", b, sizeof b);
    CHECK_STR(b, ";/:");
    map1("--", "--", b, sizeof b);
    CHECK_STR(b, "--/:");
    map1("(", "(-hl", b, sizeof b);
    CHECK_STR(b, "(/-LRB-");
    map1("more", "ap", b, sizeof b);
    CHECK_STR(b, "more/JJR");
    map1("most", "ql", b, sizeof b);
    CHECK_STR(b, "most/RBS");
    map1("his", "pp$", b, sizeof b);
    CHECK_STR(b, "his/PRP$");
    map1("mine", "pp$$", b, sizeof b);
    CHECK_STR(b, "mine/PRP");
    map1("whose", "wp$", b, sizeof b);
    CHECK_STR(b, "whose/WP$");
    map1("first", "od", b, sizeof b);
    CHECK_STR(b, "first/JJ");
    map1("not", "*", b, sizeof b);
    CHECK_STR(b, "not/RB");
    map1("corps", "fw-nn", b, sizeof b);
    CHECK_STR(b, "corps/NN");
    map1("oyabun", "fw-xx", b, sizeof b);
    CHECK_STR(b, "oyabun/FW");
    map1("gonna", "vbg+to", b, sizeof b);
    CHECK_STR(b, "gonna/VBG");
    map1("x", "nil", b, sizeof b);
    CHECK_STR(b, "");

    /* VB or VBP by context, and a sentence with an unknown tag is dropped. */
    TagCorpus *c = tag_corpus_new();
    const char *line = "They/ppss say/vb it/pps will/md go/vb ,/, and/cc did/dod you/ppss see/vb ?/.";
    CHECK_INT(tagger_brown_sentence(c, line, strlen(line)), 11);
    CHECK_INT(tagger_brown_sentence(c, "a/at b/nil", 10), 0);
    CHECK_INT(tagger_brown_sentence(c, "   ", 3), 0);
    line = "``/`` Iran's/np$ army/nn ''/'' ./.";
    CHECK_INT(tagger_brown_sentence(c, line, strlen(line)), 6);
    CHECK_INT(tag_corpus_sentences(c), 2);
    CHECK_INT(tag_corpus_tokens(c), 17);
    const char *text;
    const TxtToken *toks;
    const uint8_t *tags;
    size_t n = tag_corpus_sentence(c, 0, &text, &toks, &tags), pos = 0;
    for (size_t i = 0; i < n; i++)
        pos += (size_t)snprintf(b + pos, sizeof b - pos, "%s%.*s/%s", i ? " " : "",
                                (int)(toks[i].end - toks[i].start), text + toks[i].start,
                                tag_name(tags[i]));
    CHECK_STR(b, "They/PRP say/VBP it/PRP will/MD go/VB ,/, and/CC did/VBD you/PRP see/VB ?/.");
    /* The corpus text writes quotes against their words, as real text has them. */
    n = tag_corpus_sentence(c, 1, &text, &toks, &tags);
    CHECK_INT(n, 6);
    CHECK_INT(toks[1].start, toks[0].end);  /* "Iran */
    CHECK_INT(toks[4].start, toks[3].end);  /* army" */
    CHECK_INT(tags[0], TAG_LQUOTE);
    CHECK_INT(tags[4], TAG_RQUOTE);
    tag_corpus_free(c);
}

/* A tiny corpus: the tagger must learn it. */
static const char *const tiny[] = {
    "the dog barks loudly .",
    "a cat sleeps on the mat .",
    "Iran condemned the attack .",
    "the army attacked the town .",
    "they attack the town .",
    "police arrested two men in Cairo .",
    "the minister met the president on Monday .",
    "\"We will fight,\" the minister said .",
    "the attack killed two soldiers .",
    "the men will meet in Cairo on Monday .",
};
static const char *const tiny_tags[] = {
    "DT NN VBZ RB .",
    "DT NN VBZ IN DT NN .",
    "NNP VBD DT NN .",
    "DT NN VBD DT NN .",
    "PRP VBP DT NN .",
    "NNS VBD CD NNS IN NNP .",
    "DT NN VBD DT NN IN NNP .",
    "`` PRP MD VB , '' DT NN VBD .",
    "DT NN VBD CD NNS .",
    "DT NNS MD VB IN NNP IN NNP .",
};

/* Words of a tiny sentence, with the quote and comma split off as tokens. */
static size_t tiny_words(const char *s, char words[][32], size_t max)
{
    size_t n = 0;
    for (const char *p = s; *p && n < max;) {
        if (*p == ' ') {
            p++;
            continue;
        }
        size_t k = 0;
        if (*p == '"' || *p == ',') {
            words[n][k++] = *p++;
        } else {
            while (*p && *p != ' ' && *p != '"' && *p != ',' && k < 31)
                words[n][k++] = *p++;
        }
        words[n++][k] = 0;
    }
    return n;
}

/* Tokens of a tiny sentence as written (quote against its word). */
static size_t tiny_toks(const char *s, TxtToken *toks, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; s[i] && n < max;) {
        if (s[i] == ' ') {
            i++;
            continue;
        }
        size_t start = i;
        if (s[i] == '"' || s[i] == ',')
            i++;
        else
            while (s[i] && s[i] != ' ' && s[i] != '"' && s[i] != ',')
                i++;
        toks[n++] = (TxtToken){(uint32_t)start, (uint32_t)i, 0};
    }
    return n;
}

static TagCorpus *tiny_corpus(void)
{
    TagCorpus *c = tag_corpus_new();
    for (int rep = 0; rep < 3; rep++)
        for (size_t s = 0; s < sizeof tiny / sizeof tiny[0]; s++) {
            char words[32][32], tagbuf[256];
            const char *wp[32];
            uint8_t tags[32];
            size_t n = tiny_words(tiny[s], words, 32), m = 0;
            snprintf(tagbuf, sizeof tagbuf, "%s", tiny_tags[s]);
            for (char *tok = strtok(tagbuf, " "); tok && m < 32; tok = strtok(NULL, " "))
                tags[m++] = tag_from_name(tok);
            CHECK_INT(m, n);
            for (size_t i = 0; i < n; i++)
                wp[i] = words[i];
            tag_corpus_add(c, wp, tags, n < m ? n : m);
        }
    return c;
}

static int read_file(const char *path, unsigned char **data, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return -1;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    *data = malloc(n > 0 ? (size_t)n : 1);
    *len = fread(*data, 1, (size_t)n, f);
    fclose(f);
    return *len == (size_t)n ? 0 : -1;
}

static void write_file(const char *path, const unsigned char *data, size_t len)
{
    FILE *f = fopen(path, "wb");
    if (f) {
        fwrite(data, 1, len, f);
        fclose(f);
    }
}

/* Loading a damaged copy of the model fails and names the file and the fault. */
static void check_refused(const char *path, const char *want)
{
    char err[512] = "";
    Tagger *t = tagger_load(path, err, sizeof err);
    CHECK(t == NULL);
    tagger_free(t);
    CHECK(strstr(err, path) != NULL);
    if (!strstr(err, want))
        fprintf(stderr, "message \"%s\" lacks \"%s\"\n", err, want);
    CHECK(strstr(err, want) != NULL);
}

static void test_train_tiny(void)
{
    char dir[] = "/tmp/dyad-test-tagger-XXXXXX";
    if (!mkdtemp(dir)) {
        SKIP("cannot make a temporary directory");
        return;
    }
    char path[256], path2[256], bad[256];
    snprintf(path, sizeof path, "%s/tiny.bin", dir);
    snprintf(path2, sizeof path2, "%s/tiny2.bin", dir);
    snprintf(bad, sizeof bad, "%s/bad.bin", dir);

    TagCorpus *c = tiny_corpus();
    TaggerTrainOptions opt = tagger_train_defaults();
    opt.iterations = 8;
    opt.dict_min_count = 5;  /* "the" and "." go in the dictionary, the rest is learned */
    TaggerTrainStats st;
    char err[512] = "";
    CHECK_INT(tagger_train(c, &opt, path, &st, err, sizeof err), 0);
    CHECK_INT(st.tokens, tag_corpus_tokens(c));
    CHECK(st.features > 0 && st.dict_words > 0 && st.file_bytes > 0);

    Tagger *t = tagger_load(path, err, sizeof err);
    CHECK(t != NULL);
    if (!t) {
        fprintf(stderr, "%s\n", err);
        tag_corpus_free(c);
        return;
    }
    /* It learned its training sentences, tagged through the public entry point. */
    TaggerEval ev;
    tagger_evaluate(t, c, 0.0, &ev);
    CHECK_INT(ev.tokens, tag_corpus_tokens(c));
    CHECK_INT(ev.correct, ev.tokens);
    for (size_t s = 0; s < sizeof tiny / sizeof tiny[0]; s++) {
        TxtToken toks[32];
        uint8_t tags[32];
        char got[256], *g = got;
        size_t n = tiny_toks(tiny[s], toks, 32);
        tagger_tag(t, tiny[s], toks, n, tags);
        got[0] = 0;
        for (size_t i = 0; i < n; i++)
            g += sprintf(g, "%s%s", i ? " " : "", tag_name(tags[i]));
        CHECK_STR(got, tiny_tags[s]);
    }
    /* Nothing, one word, and a sentence far longer than any scratch buffer. */
    uint8_t one = 0;
    tagger_tag(t, "", NULL, 0, &one);
    CHECK_INT(one, 0);
    TxtToken tok1 = {0, 3, 0};
    tagger_tag(t, "dog", &tok1, 1, &one);
    CHECK(one != TAG_NONE && one < TAG_COUNT);
    {
        static char longtext[MAX_TOKS * 8];
        size_t pos = 0;
        for (int i = 0; i < 1500; i++)
            pos += (size_t)sprintf(longtext + pos, "%s ", i % 3 == 0 ? "the" : i % 3 == 1 ? "dog" : "barks");
        CHECK_INT(tag_at(t, longtext, 1499), TAG_VBZ);
        CHECK_INT(tag_at(t, longtext, 0), TAG_DT);
    }
    tagger_free(t);

    /* The same corpus and options give the same bytes. */
    CHECK_INT(tagger_train(c, &opt, path2, NULL, err, sizeof err), 0);
    unsigned char *a = NULL, *b = NULL;
    size_t alen = 0, blen = 0;
    CHECK_INT(read_file(path, &a, &alen), 0);
    CHECK_INT(read_file(path2, &b, &blen), 0);
    CHECK(alen == blen && a && b && memcmp(a, b, alen) == 0);

    /* Damaged files are refused with a message naming the file. */
    check_refused("/nonexistent/dir/tagger.bin", "No such file");
    write_file(bad, a, 0);
    check_refused(bad, "empty");
    write_file(bad, a, 40);
    check_refused(bad, "truncated");
    write_file(bad, a, alen / 2);
    check_refused(bad, "truncated");
    {
        unsigned char *d = malloc(alen + 8);
        memcpy(d, a, alen);
        memset(d + alen, 0, 8);
        write_file(bad, d, alen + 8);
        check_refused(bad, "trailing");
        memcpy(d, a, alen);
        d[alen - 100] ^= 0x40;  /* a bit flip in the payload */
        write_file(bad, d, alen);
        check_refused(bad, "checksum");
        memcpy(d, a, alen);
        d[0] = 'X';
        write_file(bad, d, alen);
        check_refused(bad, "bad magic");
        memcpy(d, a, alen);
        TaggerHeader h;
        memcpy(&h, d, sizeof h);
        h.version = TAGGER_FORMAT_VERSION + 1;
        memcpy(d, &h, sizeof h);
        write_file(bad, d, alen);
        check_refused(bad, "version");
        free(d);
    }
    free(a);
    free(b);
    tag_corpus_free(c);
    unlink(path);
    unlink(path2);
    unlink(bad);
    rmdir(dir);
}

/* The real model, when `make` has built it: key tags of news sentences. */
static void test_real_model(void)
{
    const char *path = "data/model/tagger.bin";
    if (access(path, R_OK) != 0) {
        SKIP("data/model/tagger.bin not built");
        return;
    }
    char err[512];
    Tagger *t = tagger_load(path, err, sizeof err);
    CHECK(t != NULL);
    if (!t) {
        fprintf(stderr, "%s\n", err);
        return;
    }
    struct {
        const char *sentence;
        const char *want;  /* tags, "_" for a token not checked */
    } cases[] = {
        {"Iranian President Ebrahim Raisi condemned the attack on Wednesday .",
         "_ NNP NNP NNP VBD DT NN IN NNP ."},
        {"Protesters clashed with police in Kabul after the government banned the rally .",
         "NNS VBD IN NN IN NNP IN DT NN VBD DT NN ."},
        {"Russia 's foreign minister accused Washington of violating the treaty .",
         "NNP POS JJ NN VBD NNP IN VBG DT NN ."},
        {"The United Nations Security Council will meet on Friday to discuss the crisis .",
         "DT NNP _ NNP NNP MD VB IN NNP TO VB DT NN ."},
        {"China and Japan signed a trade agreement in Beijing .",
         "NNP CC NNP VBD DT NN NN IN NNP ."},
        {"The rebels have seized the town and they refuse to negotiate .",
         "DT NNS VBP VBN DT NN CC PRP VBP TO VB ."},
        {"Israel 's army said it had killed two militants in Gaza .",
         "NNP POS NN VBD PRP VBD VBN CD NNS IN NNP ."},
    };
    for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
        char got[1024], want[256];
        TxtToken toks[64];
        uint8_t tags[64];
        size_t n = split(cases[k].sentence, toks, 64);
        tagger_tag(t, cases[k].sentence, toks, n, tags);
        snprintf(want, sizeof want, "%s", cases[k].want);
        size_t i = 0, bad = 0;
        for (char *w = strtok(want, " "); w; w = strtok(NULL, " "), i++)
            if (i >= n || (strcmp(w, "_") != 0 && strcmp(w, tag_name(tags[i])) != 0))
                bad++;
        CHECK_INT(i, n);
        CHECK_INT(bad, 0);
        if (bad) {
            tag_line(t, cases[k].sentence, got, sizeof got);
            fprintf(stderr, "  got:  %s\n  want: %s\n", got, cases[k].want);
        }
    }
    /* Quotes as dyad gives them: ASCII '"', hugging the words they enclose. */
    const char *q = "\"We will not negotiate,\" the minister said.";
    TxtToken qt[] = {{0, 1, 0},   {1, 3, 0},   {4, 8, 0},   {9, 12, 0}, {13, 22, 0},
                     {22, 23, 0}, {23, 24, 0}, {25, 28, 0}, {29, 37, 0}, {38, 42, 0},
                     {42, 43, 0}};
    uint8_t qtags[11];
    tagger_tag(t, q, qt, 11, qtags);
    CHECK_STR(tag_name(qtags[0]), "``");
    CHECK_STR(tag_name(qtags[2]), "MD");
    CHECK_STR(tag_name(qtags[6]), "''");
    CHECK_STR(tag_name(qtags[9]), "VBD");
    tagger_free(t);
}

int main(void)
{
    test_tagset();
    test_brown_map();
    test_train_tiny();
    test_real_model();
    return check_summary();
}
