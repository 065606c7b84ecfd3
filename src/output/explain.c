/*
 * explain.c: print what each stage of the coder made of a text.
 *
 * It runs the same stages as coding (coder_prepare, then actors, coreference,
 * clauses, patterns, coder_emit_events), with the matcher's trace switched on.
 * The text is one paragraph and there is no first pass over a whole document, so
 * a story-level discard and the story's country (for roles named without one)
 * do not apply here.
 */
#include "explain.h"

#include <string.h>

#include "../coding/coder.h"
#include "../language/morph.h"
#include "../language/tagset.h"

static void print_tokens(const Kb *kb, const Sentence *s, FILE *out)
{
    fputs("  tokens:", out);
    for (int i = 0; i < s->n_toks; i++) {
        const Tok *t = &s->toks[i];
        int n = (int)(t->end - t->start);
        fprintf(out, " %.*s/%s", n, s->text + t->start, tag_name(t->tag));
        if (t->lemma && t->lemma != t->word)
            fprintf(out, "[%s]", kb_str(kb, kb->words[t->lemma].text));
        else if (!t->word && (tag_is_verb(t->tag) || t->tag == TAG_NNS)) {
            char lemma[64];
            morph_guess_lemma(s->text + t->start, (size_t)n, tag_is_verb(t->tag), lemma, sizeof lemma);
            if ((size_t)n != strlen(lemma) || strncmp(lemma, s->text + t->start, (size_t)n) != 0)
                fprintf(out, "[%s]", lemma);
        }
    }
    fputc('\n', out);
}

static void print_span(const Sentence *s, int a, int b, FILE *out)
{
    if (a >= b)
        return;
    fprintf(out, "%.*s", (int)(s->toks[b - 1].end - s->toks[a].start), s->text + s->toks[a].start);
}

static void print_actor(const Kb *kb, const Sentence *s, int a, FILE *out)
{
    if (a < 0) {
        fputs("-", out);
        return;
    }
    const Actor *act = &s->actors[a];
    fputc('[', out);
    print_span(s, act->start, act->end, out);
    fprintf(out, "] %s", act->unknown ? "(unidentified)" : act->code);
    if (act->entity >= 0)
        fprintf(out, " <%s>", kb_str(kb, kb->entities[act->entity].id));
    if (act->pronoun)
        fputs(" (coreference)", out);
}

static void print_structure(const Kb *kb, const Sentence *s, FILE *out)
{
    fputs("  actors:\n", out);
    for (int a = 0; a < s->n_actors; a++) {
        fputs("    ", out);
        print_actor(kb, s, a, out);
        if (s->actors[a].next >= 0)
            fputs("  (compound with the next)", out);
        fputc('\n', out);
    }
    fputs("  verb groups:\n", out);
    for (int v = 0; v < s->n_vgs; v++) {
        const VGroup *g = &s->vgs[v];
        fputs("    [", out);
        print_span(s, g->start, g->end, out);
        fprintf(out, "] head=%.*s clause=%d subject=", (int)(s->toks[g->head].end - s->toks[g->head].start),
                s->text + s->toks[g->head].start, g->clause);
        print_actor(kb, s, g->subject, out);
        fprintf(out, " %s%s%s%s%s%s\n", g->tense == 'f' ? "future" : g->tense == 'p' ? "past" : "present",
                g->negated ? " negated" : "", g->modal ? " modal" : "",
                g->intent ? " intent" : "", g->passive ? " passive" : " active", g->say ? " reporting" : "");
    }
    fputs("  clauses:\n", out);
    for (int c = 0; c < s->n_clauses; c++) {
        fprintf(out, "    %d: ", c);
        print_span(s, s->clauses[c].start, s->clauses[c].end, out);
        if (s->clauses[c].speaker >= 0) {
            fputs("   (reported by ", out);
            print_actor(kb, s, s->clauses[c].speaker, out);
            fputc(')', out);
        }
        fputc('\n', out);
    }
}

typedef struct ExplainOut {
    FILE *out; /* where events go */
} ExplainOut;

static int print_event(const DyadEvent *ev, void *ctx)
{
    ExplainOut *eo = ctx;
    fprintf(eo->out, "    %s -> %s  %s %s (%sgoldstein %.1f)  by %s:%u\n",
            ev->source.present ? (ev->source.code[0] ? ev->source.code : "(unidentified)") : "-",
            ev->target.present ? (ev->target.code[0] ? ev->target.code : "(unidentified)") : "-",
            ev->code, ev->name, ev->negated ? "negated, " : "", ev->goldstein, ev->rule_file,
            ev->rule_line);
    return 0;
}

int explain_text(const DyadCoder *coder, DyadWorker *worker, const char *text, const char *date,
                 FILE *out)
{
    Arena *a = worker_arena(worker);
    arena_reset(a);
    const Kb *kb = coder_kb(coder);
    TxtNorm norm;
    TxtError err;
    if (txt_normalize(text, strlen(text), a, &norm, &err) != 0) {
        fprintf(out, "input: byte %ld: %s\n", err.byte, err.msg);
        return -1;
    }
    DocMemory mem;
    coder_memory_init(&mem, date);
    ExplainOut eo = {out};
    DocCtx d = {kb, &norm, text, "explain", date ? date : "", 0, print_event, &eo};
    size_t ns;
    TxtSpan *sents = txt_sentences(norm.text, (TxtSpan){0, (uint32_t)norm.len}, a, &ns);
    for (size_t k = 0; k < ns; k++) {
        Sentence s;
        coder_prepare(coder, &s, norm.text, sents[k], a);
        fprintf(out, "sentence %zu: %.*s\n", k, (int)(sents[k].end - sents[k].start), norm.text + sents[k].start);
        print_tokens(kb, &s, out);
        actors_find(kb, &s, &mem, a);
        coref_resolve(&s, &mem);
        clauses_find(&s, a);
        coref_remember(&s, &mem);
        print_structure(kb, &s, out);
        if (s.discarded || s.dropped)
            fprintf(out, s.discarded ? "  discarded: the sentence contains the discard phrase \"%.*s\"\n"
                                     : "  discarded: \"%.*s\" is coded as a discard on this date\n",
                    (int)(s.discard.end - s.discard.start), s.text + s.discard.start);
        fputs("  patterns:\n", out);
        match_patterns_traced(kb, &s, a, out);
        /* TABARI's complexity filter: a sentence explained is a record of its own */
        if (kb->options & KB_O_SPARSE)
            sparse_reject_complex(kb, &s, 1, out);
        fputs("  events:\n", out);
        d.sentence_index = (int)k;
        if (coder_emit_events(&d, &s) == 0)
            fputs("    (none)\n", out);
    }
    return 0;
}
