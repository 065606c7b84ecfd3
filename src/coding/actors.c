/*
 * actors.c: find the actors of a sentence and give each its CAMEO code.
 *
 * First every knowledge-base phrase is found, longest match first, left to
 * right: a token belongs to at most one mention.  Then mentions and the words
 * that glue them into one noun phrase ("the", "his", adjectives, "'s" before a
 * role noun, "of" between a role and a country, unknown capitalised name words)
 * become actor phrases.  The head decides: "Iranian President" is an actor,
 * "Iranian oil" is not; "Turkey's readiness" contributes only "Turkey".
 *
 * Codes compose as the conventions say: a role word in the text wins over the
 * knowledge base's dated roles ("Iranian President Ebrahim Raisi" is IRNGOV
 * whatever the date); a person named alone takes their role on the document's
 * date, or their country plus ELI when out of office.  An agent written
 * "SEC~" goes before the country ("NGOARN").  Foreign dictionaries' options
 * (kb.h KB_O_*) bring PETRARCH's noun phrases and roles alone (petrarch.c).
 */
#include <stdio.h>
#include <string.h>

#include "../base/hash.h"
#include "../language/tagset.h"
#include "analysis.h"
#include "petrarch.h"

size_t tok_lower(const Sentence *s, int i, char *buf, size_t cap)
{
    size_t n = s->toks[i].end - s->toks[i].start;
    if (n + 1 > cap)
        return 0;
    const char *p = s->text + s->toks[i].start;
    for (size_t k = 0; k < n; k++)
        buf[k] = (p[k] >= 'A' && p[k] <= 'Z') ? (char)(p[k] + 32) : p[k];
    buf[n] = '\0';
    return n;
}

uint64_t tok_hash(const Sentence *s, int i)
{
    char buf[64];
    size_t n = tok_lower(s, i, buf, sizeof buf);
    return n ? hash_bytes(buf, n) : 0;
}


int phrase_words_at(const Sentence *s, int i, int max, uint32_t *ids)
{
    if (max > s->n_toks - i)
        max = s->n_toks - i;
    int k = 0;
    for (; k < max && s->toks[i + k].word; k++)
        ids[k] = s->toks[i + k].word;
    return k;
}

/* "Saudi-led", "British-owned", "Paris-based": one token whose part before
 * the last hyphen names a place and whose part after it is in the OWNED set
 * stands for that place.  "Iran-backed militias" are not Iran's: "backed" is
 * not in the set. */
static const KbPhrase *owned_by(const Kb *kb, const Sentence *s, int i)
{
    const char *t = s->text + s->toks[i].start;
    size_t n = s->toks[i].end - s->toks[i].start;
    const char *dash = NULL;
    for (size_t k = 1; k + 1 < n; k++)
        if (t[k] == '-')
            dash = t + k;
    if (!dash)
        return NULL;
    uint32_t suffix = kb_word_fold(kb, dash + 1, (size_t)(t + n - dash - 1));
    if (!suffix || !(kb->words[suffix].gram & KB_G_OWNED))
        return NULL;
    uint32_t place = kb_word_fold(kb, t, (size_t)(dash - t));
    const KbPhrase *p = place ? kb_phrase(kb, &place, 1) : NULL;
    if (p && (p->kind == KB_COUNTRY || p->kind == KB_ADJECTIVE || p->kind == KB_CAPITAL || p->kind == KB_CITY) &&
        (t[0] >= 'A' && t[0] <= 'Z'))
        return p;
    return NULL;
}

/* PETRARCH tries its agent phrases at every word of a noun phrase, so an agent
 * phrase inside a longer one codes too: "main opposition group" is MOP and
 * "opposition group" OPP, together MOPOPP; a code already there is not
 * repeated ("security officials", "officials": GOV once).  The first such
 * phrase inside [i, i + len), as 1 + its entity; 0 when none. */
static uint32_t sub_agent(const Kb *kb, const Sentence *s, int i, int len)
{
    uint32_t ids[KB_MAX_PHRASE];
    for (int j = i + 1; j < i + len; j++) {
        int k = phrase_words_at(s, j, i + len - j, ids);
        unsigned lens = k ? kb->words[ids[0]].phrase_lens : 0;
        for (int n = k; n >= 1; n--) {
            if (!((lens >> (n - 1)) & 1))
                continue;
            const KbPhrase *p = kb_phrase(kb, ids, (size_t)n);
            if (p && p->kind == KB_AGENT)
                return p->entity + 1;
        }
    }
    return 0;
}

static void find_mentions(const Kb *kb, Sentence *s, Arena *a)
{
    s->mentions = arena_alloc(a, sizeof(Mention) * (size_t)(s->n_toks + 1));
    s->n_mentions = 0;
    uint32_t ids[KB_MAX_PHRASE];
    uint8_t *taken = NULL; /* tokens a phrase with a gap took (sparse coding) */
    for (int i = 0; i < s->n_toks;) {
        if (taken && taken[i]) {
            i++;
            continue;
        }
        uint32_t w = s->toks[i].word;
        int k = phrase_words_at(s, i, w ? kb->words[w].max_phrase : 0, ids);
        if (k < (w ? kb->words[w].max_phrase : 0) && k > 0 && i + k < s->n_toks && (kb->options & KB_O_SPARSE)) {
            /* TABARI: an unknown word with a plural ending may end the phrase */
            const Tok *t = &s->toks[i + k];
            uint32_t one = sparse_singular(kb, s->text + t->start, t->end - t->start);
            if (one)
                ids[k++] = one;
        }
        const KbPhrase *hit = NULL;
        unsigned lens = w ? kb->words[w].phrase_lens : 0;
        for (int len = k; len >= 1 && !hit; len--) {
            if (!((lens >> (len - 1)) & 1))
                continue; /* no phrase of that length starts here: no probe */
            hit = kb_phrase(kb, ids, (size_t)len);
            if (!hit && len > 1 && (kb->options & KB_O_SPARSE)) {
                /* TABARI: the phrase's last word with a plural ending ("Ithilen
                 * government radios") */
                const Tok *last = &s->toks[i + len - 1];
                uint32_t one = sparse_singular(kb, s->text + last->start, last->end - last->start);
                if (one && one != ids[len - 1]) {
                    uint32_t keep = ids[len - 1];
                    ids[len - 1] = one;
                    hit = kb_phrase(kb, ids, (size_t)len);
                    ids[len - 1] = keep;
                }
            }
            /* A one-word name must look like a name: "us" is not the U.S., and an
             * acronym matches only in capitals ("Is" is not the Islamic State). */
            /* (TABARI reads text in capitals: no such test under sparse coding) */
            if (hit && len == 1 && !(kb->options & KB_O_SPARSE) && (hit->kind == KB_COUNTRY || hit->kind == KB_PERSON ||
                                    hit->kind == KB_CAPITAL || hit->kind == KB_CITY ||
                                    hit->kind == KB_ORG) &&
                !(s->toks[i].flags & (TXT_TOK_CAP | TXT_TOK_ALLCAPS)))
                hit = NULL;
            if (hit && hit->caps && !(s->toks[i].flags & TXT_TOK_ALLCAPS))
                hit = NULL;
        }
        int head, rest, rest_len;
        const KbPhrase *gapped = sparse_gapped(kb, s, i, hit ? hit->len : 0, taken, &head, &rest, &rest_len);
        if (gapped) {
            /* the actor stands where its first words do; its later words are spent */
            if (!taken)
                taken = arena_calloc(a, (size_t)s->n_toks, 1);
            memset(taken + rest, 1, (size_t)rest_len);
            Mention *m = &s->mentions[s->n_mentions++];
            *m = (Mention){(uint16_t)i, (uint16_t)(i + head), gapped->kind, gapped->entity, 0, (uint16_t)rest,
                           (uint16_t)(rest + rest_len)};
            i += head;
            continue;
        }
        if (!hit)
            hit = owned_by(kb, s, i);
        if (!hit && (hit = sparse_hyphened(kb, s, i)) != NULL) {
            /* one token for the phrase's words */
            s->mentions[s->n_mentions++] = (Mention){(uint16_t)i, (uint16_t)(i + 1), hit->kind, hit->entity, 0, 0, 0};
            i++;
            continue;
        }
        if (!hit) {
            i++;
            continue;
        }
        if (hit->kind == KB_DISCARD) {
            if (!s->discarded)
                s->discard = (TxtSpan){s->toks[i].start, s->toks[i + hit->len - 1].end};
            s->discarded = 1;
            i += hit->len;
            continue;
        }
        Mention *m = &s->mentions[s->n_mentions++];
        m->start = (uint16_t)i;
        m->end = (uint16_t)(i + hit->len);
        m->kind = hit->kind;
        m->entity = hit->entity;
        m->sub = hit->kind == KB_AGENT && (kb->options & KB_O_NP_ANY_ACTOR) ? sub_agent(kb, s, i, hit->len) : 0;
        m->rest = m->rest_end = 0;
        i += hit->len;
    }
}

static int is_name_word(const Tok *t)
{
    return (t->tag == TAG_NNP || t->tag == TAG_NNPS) && (t->flags & TXT_TOK_CAP);
}

/* Tokens that may stand before the naming words of an actor phrase. */
Actor *actor_blank(Sentence *s, int start, int end, int name_start)
{
    Actor *act = &s->actors[s->n_actors];
    memset(act, 0, sizeof *act);
    act->start = (uint16_t)start;
    act->end = (uint16_t)end;
    act->name_start = (uint16_t)name_start;
    act->entity = -1;
    act->next = -1;
    act->first = (int16_t)s->n_actors;
    return act;
}

static int is_left_glue(const Sentence *s, int i)
{
    /* participles that premodify a title: "outgoing Canadian Prime Minister" (a
     * participle that can take an object, "detained", would swallow the verb) */
    static const char *const premodifiers[] = {"outgoing", "incoming", "visiting", "ruling",
                                               "governing", "retiring", "acting", "embattled"};
    /* "former" just before an actor phrase, whatever its tag (opening a
     * sentence, "Former US President ...", the tagger may take it for a name):
     * it is what makes the actor ELI (compose) */
    if (tok_is(s, i, "former"))
        return 1;
    for (size_t k = 0; k < sizeof premodifiers / sizeof premodifiers[0]; k++)
        if (tok_is(s, i, premodifiers[k]))
            return 1;
    uint8_t t = s->toks[i].tag;
    if (t == TAG_DT || t == TAG_PRPS || t == TAG_JJ || t == TAG_JJS || t == TAG_CD)
        return !tok_is(s, i, "that") && !tok_is(s, i, "which");
    return 0;
}

/* A weapon or an attack named by a noun ("drone", "strikes"), not the verb
 * "struck" whose lemma is in the set too. */
static int weapon_noun(const Kb *kb, const Tok *t)
{
    return t->word && (kb->words[t->word].gram & KB_G_WEAPON) && tag_is_noun(t->tag) &&
           !(t->flags & TXT_TOK_CAP);
}

static void append_sector(char *code, const char *sector)
{
    size_t n = strlen(code), k = strlen(sector);
    /* no repeats: "foreign ministry spokesman" is GOV once */
    if (code_holds(code, sector))
        return;
    if (n + k < CODE_MAX)
        memcpy(code + n, sector, k + 1);
}

/* Has the phrase [from, to) the word "former" (or "ex")? */
static int has_former(const Sentence *s, int from, int to)
{
    for (int t = from; t < to; t++)
        if (tok_is(s, t, "former") || tok_is(s, t, "ex"))
            return 1;
    return 0;
}

/* Append the three-letter codes of sectors to code one by one, each unless
 * code, or also (NULL for none), holds it already at a three-letter boundary. */
static void append_sectors(char *code, size_t cap, const char *sectors, const char *also)
{
    for (size_t i = 0; sectors[i]; i += 3) {
        char one[4];
        snprintf(one, sizeof one, "%.3s", sectors + i);
        size_t n = strlen(code), k = strlen(one);
        if (!code_holds(code, one) && !(also && code_holds(also, one)) && n + k < cap)
            memcpy(code + n, one, k + 1);
        if (k < 3)
            break;
    }
}

/* TABARI's agents on an actor's code (a country's, a body's whole code; a
 * person's country, the roles the text gives replacing the person's own):
 * suffix sectors after it, prefix sectors ("NGM~") before it, each unless the
 * code holds it already at a three-letter boundary (envoys of a cabinet coded
 * OSTGOV are OSTGOV, an "education minister" of GBRGOV is GBRGOVEDU; a body
 * coded KONGMU takes NGM before it, as it holds NGM only across a boundary).
 * "former" makes the agents' code ELI: "former envoys of" an OSTLEG council
 * are OSTLEGELI. */
static void tabari_agents(char out[CODE_MAX], const char *base, const char *prefix,
                          const char *sectors, int former)
{
    char body[CODE_MAX];
    snprintf(body, sizeof body, "%s", base);
    append_sectors(body, sizeof body, former ? "ELI" : sectors, NULL);
    char front[CODE_MAX] = "";
    append_sectors(front, sizeof front, former ? "" : prefix, base);
    size_t pl = strlen(front), bl = strlen(body);
    if (pl + bl > CODE_MAX - 1)
        bl = CODE_MAX - 1 - pl;
    memcpy(out, front, pl);
    memcpy(out + pl, body, bl);
    out[pl + bl] = '\0';
}

/* An agent's code into the sectors written before the country (prefix) or
 * after it. */
static void add_agent(const char *code, char *prefix, char *sectors)
{
    if (strlen(code) > 1 && code[strlen(code) - 1] == '~') {
        /* written before the country: "MSF Arnor" is NGOARN */
        char sector[CODE_MAX];
        snprintf(sector, sizeof sector, "%.*s", (int)strlen(code) - 1, code);
        append_sector(prefix, sector);
    } else {
        append_sector(sectors, code[0] == '~' ? "GOV" : code);
    }
}

/* Is a role of the government one official ("the minister"), not a body ("the
 * government", "the ministry": the BODY set)? */
static int one_official(const Sentence *s, const Actor *act, const char *sectors)
{
    return strcmp(sectors, "GOV") == 0 && !(s->toks[act->end - 1].gram & KB_G_BODY);
}

/* Compose the code of the mentions [m0, m1). */
static void compose(const Kb *kb, const Sentence *s, Actor *act, int m0, int m1,
                    const DocMemory *mem)
{
    const char *country = NULL, *org = NULL, *person_code = NULL;
    char sectors[CODE_MAX] = "";
    char prefix[CODE_MAX] = ""; /* sectors written before the country ("NGO~") */
    int person = -1, any_agent = 0;
    for (int m = m0; m < m1; m++) {
        const Mention *mn = &s->mentions[m];
        const KbEntity *e = &kb->entities[mn->entity];
        const char *code = kb_str(kb, e->code);
        switch (mn->kind) {
        case KB_COUNTRY:
        case KB_ADJECTIVE:
        case KB_CAPITAL:
        case KB_CITY:
            if (!country)
                country = code;
            if (act->entity < 0 || act->kind == KB_AGENT) {
                act->entity = (int32_t)mn->entity;
                act->kind = mn->kind;
            }
            break;
        case KB_SEAT:
            if (!country)
                country = code;
            append_sector(sectors, "GOV");
            any_agent = 1;
            break;
        case KB_ORG:
            if (!org) {
                org = code;
                /* an organisation whose standing changed on a date ("Taliban":
                 * AFGREB, AFGGOV from 2021); undated text keeps its usual code */
                const char *dated = e->n_roles && mem->day != INT32_MIN ? kb_person_code(kb, e, mem->day, NULL) : NULL;
                if (dated)
                    org = dated;
            }
            act->entity = (int32_t)mn->entity;
            act->kind = KB_ORG;
            break;
        case KB_PERSON:
            person = (int)mn->entity;
            act->entity = (int32_t)mn->entity;
            act->kind = KB_PERSON;
            act->person = 1;
            break;
        case KB_AGENT:
            any_agent = 1;
            add_agent(code, prefix, sectors);
            if (mn->sub)
                add_agent(kb_str(kb, kb->entities[mn->sub - 1].code), prefix, sectors);
            if (act->entity < 0) {
                act->entity = (int32_t)mn->entity;
                act->kind = KB_AGENT;
            }
            break;
        default:
            break;
        }
    }
    if (person >= 0) {
        /* The same person earlier in the document keeps the code the text gave them. */
        for (int i = 0; i < mem->n; i++)
            if (mem->entity[i] == person)
                person_code = mem->code[i];
        if (!person_code) {
            const char *nearest = NULL;
            person_code = kb_person_code(kb, &kb->entities[person], mem->day, &nearest);
            /* TABARI's dictionaries leave a person uncoded out of their dates */
            if (!person_code && nearest && !(kb->options & KB_O_SPARSE) &&
                strcmp(nearest, KB_DISCARD_ROLE) != 0) {
                code_join(act->code, nearest, "ELI");
                person_code = act->code;
            }
        }
    }
    /* a dated discard (TABARI's "[###]" on those days): the sentence is not coded */
    if ((person_code && strcmp(person_code, KB_DISCARD_ROLE) == 0) ||
        (org && strcmp(org, KB_DISCARD_ROLE) == 0)) {
        snprintf(act->code, sizeof act->code, "%s", KB_DISCARD_ROLE);
        return;
    }
    char out[CODE_MAX] = "";
    char person_country[4] = "";
    if (person_code)
        snprintf(person_country, sizeof person_country, "%.3s", person_code);
    const char *base = org ? org : country ? country : person_code ? person_country : NULL;
    if ((kb->options & KB_O_SPARSE) && any_agent && base) {
        tabari_agents(act->code, base, prefix, sectors, has_former(s, act->start, act->end));
        act->from_text = 1;
        act->person = act->person || (!person_code && one_official(s, act, sectors));
        return;
    }
    if (org) {
        snprintf(out, sizeof out, "%s", org);
    } else if (any_agent) {
        const char *c3 = country ? country : (person_code ? person_code : NULL);
        /* "Hemedti's forces" are the RSF's (SDNREB), not Sudan's army */
        int rebel_leader = !country && person_code && strlen(person_code) > 3 &&
                           (strncmp(person_code + 3, "REB", 3) == 0 || strncmp(person_code + 3, "INS", 3) == 0 ||
                            strncmp(person_code + 3, "SEP", 3) == 0 || strncmp(person_code, "IMG", 3) == 0);
        /* a role that repeats the actor's own code adds nothing: "human rights
         * activists Amnesty International" is NGM once, not NGMNGM */
        const char *rest = sectors;
        if (c3 && strlen(c3) >= 3 && strncmp(sectors, c3, 3) == 0)
            rest = sectors + 3;
        if (rebel_leader && strcmp(sectors, "MIL") == 0)
            snprintf(out, sizeof out, "%s", person_code);
        else if (c3)
            code_join(out, c3, rest);
        else if (kb->options & KB_O_ROLE_NULL_COUNTRY)
            code_join(out, "---", sectors); /* PETRARCH: "---GOV", nobody's government */
        else {
            /* a bare role, resolved by coreference; "the international community"
             * (IGO) and "aid groups" (NGO) are complete codes by themselves */
            snprintf(out, sizeof out, "%s", sectors);
            act->bare = strncmp(sectors, "IGO", 3) != 0 && strncmp(sectors, "NGO", 3) != 0;
        }
        act->from_text = 1;
        if (!person_code)
            act->person = act->person || one_official(s, act, sectors);
    } else if (person_code) {
        snprintf(out, sizeof out, "%s", person_code);
    } else if (country) {
        snprintf(out, sizeof out, "%s", country);
    }
    /* "Former Pakistani Prime Minister Imran Khan": out of office, whatever the
     * role and the knowledge base say (TABARI: "former" anywhere in the phrase,
     * "Arnor former security officials") */
    int former_to = (kb->options & KB_O_SPARSE) ? act->end : act->name_start + 1;
    if (!org && strlen(out) > 3 && out[0] != '-' && strcmp(out + 3, "ELI") != 0 &&
        has_former(s, act->start, former_to < act->end ? former_to : act->end))
        snprintf(out + 3, sizeof out - 3, "ELI");
    /* prefix sectors, then the rest ("---" dropped after a prefix: "NGO") */
    const char *rest = prefix[0] && strncmp(out, "---", 3) == 0 ? out + 3 : out;
    size_t pl = strlen(prefix), rl = strlen(rest);
    if (pl + rl > CODE_MAX - 1)
        rl = CODE_MAX - 1 - pl;
    memcpy(act->code, prefix, pl);
    memcpy(act->code + pl, rest, rl);
    act->code[pl + rl] = '\0';
}

/* Are the mentions [m0, m1) all role nouns (no country, body or person)? */
static int roles_only(const Sentence *s, int m0, int m1)
{
    for (int m = m0; m < m1; m++)
        if (s->mentions[m].kind != KB_AGENT && s->mentions[m].kind != KB_HONORIFIC)
            return 0;
    return 1;
}

static int mention_at(const Sentence *s, int tok, int from)
{
    for (int m = from; m < s->n_mentions; m++)
        if (s->mentions[m].start == tok)
            return m;
    return -1;
}

/* Is actor i followed by another after only "and", "," or ", and": does it
 * open a list of actors? */
static int opens_list(const Sentence *s, int i)
{
    if (i + 1 >= s->n_actors)
        return 0;
    int gap = s->actors[i].end, next = s->actors[i + 1].start;
    if (next - gap == 1)
        return tok_is(s, gap, "and") || tok_is(s, gap, ",");
    return next - gap == 2 && tok_is(s, gap, ",") && tok_is(s, gap + 1, "and");
}

/* "Mr German said", "Mr Hague": a courtesy title and then a place's name or a
 * country's adjective alone, no other name after it, is someone's surname;
 * both mentions are dropped. */
static void drop_surnames(Sentence *s)
{
    int kept = 0;
    for (int m = 0; m < s->n_mentions; m++) {
        const Mention *h = &s->mentions[m];
        if (h->kind == KB_HONORIFIC && m + 1 < s->n_mentions) {
            const Mention *n = &s->mentions[m + 1];
            int after = n->end;
            int another_name = after < s->n_toks && (s->toks[after].tag == TAG_NNP || s->toks[after].tag == TAG_NNPS);
            if ((n->kind == KB_COUNTRY || n->kind == KB_ADJECTIVE || n->kind == KB_CITY || n->kind == KB_CAPITAL) &&
                n->start == h->end && n->end == n->start + 1 &&
                !another_name) {
                m++; /* both */
                continue;
            }
        }
        s->mentions[kept++] = s->mentions[m];
    }
    s->n_mentions = kept;
}

void actors_find(const Kb *kb, Sentence *s, DocMemory *mem, Arena *a)
{
    find_mentions(kb, s, a);
    drop_surnames(s);
    s->actors = arena_alloc(a, sizeof(Actor) * (size_t)(s->n_mentions + s->n_toks + 1));
    s->n_actors = 0;
    for (int i = 0; i < s->n_toks; i++)
        s->toks[i].actor = -1;
    int m = 0;
    while (m < s->n_mentions) {
        int m0 = m;
        int start = s->mentions[m].start;
        int end = s->mentions[m].end;
        int last_kind = s->mentions[m].kind;
        m++;
        /* Extend right over glue and further mentions. */
        for (;;) {
            int j = end;
            /* possessive between a country and a role: "Iran 's foreign minister" */
            if (j + 1 < s->n_toks && s->toks[j].tag == TAG_POS && s->n_mentions > m &&
                mention_at(s, j + 1, m) == m && s->mentions[m].kind == KB_AGENT)
                j++;
            /* "of" or "from" between a role and a country: "the president of Iran",
             * "officials from the European Union"; TABARI reads "in" so too
             * ("rights activists in Iran"), for a role with no actor of its own yet
             * ("Iranian envoys in Qatar" are two actors) */
            else if (j + 1 < s->n_toks &&
                     (tok_is(s, j, "of") || tok_is(s, j, "from") ||
                      (tok_is(s, j, "in") && (kb->options & KB_O_SPARSE) && roles_only(s, m0, m))) &&
                     last_kind == KB_AGENT && s->n_mentions > m &&
                     (s->mentions[m].start == j + 1 ||
                      (s->mentions[m].start == j + 2 && tok_is(s, j + 1, "the"))) &&
                     (s->mentions[m].kind == KB_COUNTRY || s->mentions[m].kind == KB_ORG ||
                      s->mentions[m].kind == KB_CITY || s->mentions[m].kind == KB_CAPITAL))
                j = s->mentions[m].start;
            /* common nouns between a country and a role: "Cameroonian poultry
             * farmers", "Nigeria's cocoa traders" */
            if (last_kind == KB_COUNTRY || last_kind == KB_ADJECTIVE) {
                int q = end < s->n_toks && s->toks[end].tag == TAG_POS ? end + 1 : end, nouns = 0;
                while (q < s->n_toks && nouns < 2 && s->toks[q].tag == TAG_NN &&
                       !(s->toks[q].flags & TXT_TOK_CAP) && (m >= s->n_mentions || s->mentions[m].start > q))
                    q++, nouns++;
                if (nouns && m < s->n_mentions && s->mentions[m].start == q && s->mentions[m].kind == KB_AGENT) {
                    end = s->mentions[m].end;
                    last_kind = KB_AGENT;
                    m++;
                    continue;
                }
            }
            int k = j;
            while (k < s->n_toks && (s->toks[k].tag == TAG_JJ || is_name_word(&s->toks[k]) ||
                                     tok_is(s, k, "bin") || tok_is(s, k, "al") ||
                                     tok_is(s, k, "-")) &&
                   (m >= s->n_mentions || s->mentions[m].start > k) &&
                   /* TABARI's text in capitals: "GONDOR AND OSGILIATH" is two names */
                   !((kb->options & KB_O_SPARSE) && (tok_is(s, k, "and") || tok_is(s, k, "or"))))
                k++;
            /* "Ithilen 's awful and evil minister": PETRARCH's noun phrase */
            if ((kb->options & KB_O_NP_ANY_ACTOR) && m < s->n_mentions &&
                s->mentions[m].kind == KB_AGENT && petrarch_possessed_role(s, end, s->mentions[m].start))
                k = s->mentions[m].start;
            /* TABARI: another country after a country's roles is another actor,
             * and the roles go with it as a role before a country does ("Gondor
             * Defense Ministers Arnor" is Gondor, then Arnor's ministers); a name
             * of the same country names the holder ("Bree Prime Minister X"); one
             * after "of" is the role's ("the envoy of Y", j past "of") */
            if ((kb->options & KB_O_SPARSE) && last_kind == KB_AGENT && j == end && m < s->n_mentions &&
                s->mentions[m].start == k && s->mentions[m].kind == KB_COUNTRY) {
                int c = m - 1;
                while (c > m0 && s->mentions[c].kind == KB_AGENT)
                    c--;
                if (s->mentions[c].kind == KB_COUNTRY &&
                    strncmp(kb_str(kb, kb->entities[s->mentions[c].entity].code),
                            kb_str(kb, kb->entities[s->mentions[m].entity].code), 3) != 0) {
                    end = s->mentions[c].end;
                    last_kind = KB_COUNTRY;
                    m = c + 1;
                    break;
                }
            }
            if (m < s->n_mentions && s->mentions[m].start == k && k < s->n_toks &&
                /* TABARI: a country after a country is another actor ("Arnor awful Gondor") */
                !((kb->options & KB_O_SPARSE) && last_kind == KB_COUNTRY && s->mentions[m].kind == KB_COUNTRY)) {
                /* unknown name words before a mention join the phrase: "Recep Tayyip Erdogan" */
                end = s->mentions[m].end;
                last_kind = s->mentions[m].kind;
                m++;
                continue;
            }
            /* trailing unknown name words after a person or role: "Sheikh Tamim" */
            if (k > j && last_kind != KB_COUNTRY && last_kind != KB_CAPITAL && last_kind != KB_CITY) {
                int all_names = 1;
                for (int q = j; q < k; q++)
                    if (!is_name_word(&s->toks[q]) && !tok_is(s, q, "bin") && !tok_is(s, q, "al"))
                        all_names = 0;
                if (all_names)
                    end = k;
            }
            break;
        }
        /* "the G7 countries", "EU member states": the head adds nothing */
        if (last_kind == KB_COUNTRY || last_kind == KB_ADJECTIVE || last_kind == KB_ORG)
            while (end < s->n_toks && (s->toks[end].gram & KB_G_MEMBERS) && !(s->toks[end].flags & TXT_TOK_CAP))
                end++;
        /* "a Ukrainian drone struck": the weapon is the country's armed forces */
        int weapon = 0;
        if (last_kind == KB_ADJECTIVE && end < s->n_toks && weapon_noun(kb, &s->toks[end]))
            while (end < s->n_toks && weapon_noun(kb, &s->toks[end]))
                end++, weapon = 1;
        /* The head decides: followed by a common noun, the phrase is a modifier
         * ("Iranian oil", "Iran nuclear talks"): it may be the target of an act on
         * the thing ("seized a British tanker") but never acts itself.  A role noun
         * as modifier ("terrorist blasts") is nobody. */
        int modifier = end < s->n_toks && (s->toks[end].tag == TAG_NN || s->toks[end].tag == TAG_NNS) &&
                       !(s->toks[end].flags & TXT_TOK_CAP) && s->mentions[m - 1].kind != KB_PERSON &&
                       !(kb->options & (KB_O_NP_ANY_ACTOR | KB_O_SPARSE)); /* (TABARI has no heads) */
        /* PETRARCH codes a noun phrase by any actor word in it: the phrase runs on
         * over its head nouns ("the official news agency WFNA" is ---GOV) */
        if (kb->options & KB_O_NP_ANY_ACTOR)
            end = petrarch_np_end(s, end, m < s->n_mentions ? s->mentions[m].start : s->n_toks,
                                  mem->new_actor_length > 0);
        /* a role noun as modifier is nobody ("terrorist blasts"), but its country
         * still modifies ("a Chinese spy plane" is Chinese) */
        int country_only = 0;
        if (modifier && s->mentions[m - 1].kind == KB_AGENT) {
            int k = m0;
            while (k < m && s->mentions[k].kind != KB_COUNTRY && s->mentions[k].kind != KB_ADJECTIVE)
                k++;
            if (k == m)
                continue;
            country_only = 1;
        }
        int left = start;
        while (left > 0 && s->toks[left - 1].actor < 0 && is_left_glue(s, left - 1))
            left--;
        Actor *act = actor_blank(s, left, end, start);
        act->modifier = (uint8_t)modifier;
        for (int k = m0; k < m; k++)
            if (s->mentions[k].rest_end) {
                act->rest = s->mentions[k].rest;
                act->rest_end = s->mentions[k].rest_end;
            }
        compose(kb, s, act, m0, m, mem);
        int dated_discard = strcmp(act->code, KB_DISCARD_ROLE) == 0;
        if (weapon && strlen(act->code) == 3 && !dated_discard)
            append_sector(act->code, "MIL");
        if (country_only) {
            act->code[3] = '\0';
            act->person = 0;
            act->from_text = 0;
        }
        if (dated_discard) {
            /* an actor whose code on the document's date is a discard: TABARI
             * drops its record, not the story */
            if (!s->discarded && !s->dropped)
                s->discard = (TxtSpan){s->toks[start].start, s->toks[end - 1].end};
            s->dropped = 1;
            continue;
        }
        if (!act->code[0])
            continue;
        for (int t = left; t < end; t++)
            s->toks[t].actor = (int16_t)s->n_actors;
        s->n_actors++;
    }
    /* Unidentified actors: "gunmen", "unknown assailants". */
    for (int i = 0; i < s->n_toks; i++) {
        if (s->toks[i].actor >= 0 || !(s->toks[i].gram & KB_G_UNKNOWN) || !tag_is_noun(s->toks[i].tag))
            continue;
        int left = i;
        while (left > 0 && s->toks[left - 1].actor < 0 && is_left_glue(s, left - 1))
            left--;
        Actor *act = actor_blank(s, left, i + 1, i);
        act->unknown = 1;
        for (int t = left; t <= i; t++)
            s->toks[t].actor = (int16_t)s->n_actors;
        s->n_actors++;
    }
    /* PETRARCH's new_actor_length: short noun phrases no entry codes */
    if (mem->new_actor_length > 0 && (kb->options & KB_O_NP_ANY_ACTOR))
        petrarch_new_actors(s, mem->new_actor_length);
    /* Keep actors in text order (unknowns and new actors were appended last). */
    for (int i = 1; i < s->n_actors; i++) {
        Actor x = s->actors[i];
        int j = i - 1;
        while (j >= 0 && s->actors[j].start > x.start) {
            s->actors[j + 1] = s->actors[j];
            j--;
        }
        s->actors[j + 1] = x;
    }
    for (int i = 0; i < s->n_actors; i++) {
        s->actors[i].first = (int16_t)i;
        for (int t = s->actors[i].start; t < s->actors[i].end; t++)
            s->toks[t].actor = (int16_t)i;
    }
    /* PETRARCH: "goats of Gondor" is a phrase Gondor codes */
    if (kb->options & KB_O_NP_ANY_ACTOR)
        petrarch_of_phrases(s);
    /* Compounds: "Iran and Qatar", "Egypt, Qatar and the United States". */
    int closed = 0; /* the list before ended with its "and" */
    for (int i = 0; i + 1 < s->n_actors; i++) {
        int gap = s->actors[i].end;
        int next = s->actors[i + 1].start;
        /* TABARI: an actor right after a list's "and" member, or after its "'s",
         * goes on with it ("Calenardhon and the evil Arnor awful Gondor"), but
         * not one that opens a list of its own: "A and B C, D and E" is two lists,
         * A and B, then C, D and E */
        int ok = next > gap || (next == gap && closed && (kb->options & KB_O_SPARSE) && !opens_list(s, i + 1)),
            has_and = 0;
        for (int t = gap; t < next && ok; t++) {
            ok = tok_is(s, t, "and") || tok_is(s, t, ",") || tok_is(s, t, "both") ||
                 /* TABARI: "Gondor and Arnor's Elrond" goes on with the list */
                 (tok_is(s, t, "'s") && closed && (kb->options & KB_O_SPARSE)) ||
                 /* PETRARCH and TABARI code "neither A nor B boycotted" as both doing it */
                 (tok_is(s, t, "nor") && (kb->options & (KB_O_NP_ANY_ACTOR | KB_O_SPARSE)));
            has_and |= tok_is(s, t, "and");
        }
        /* "between A and B, and C and D": two lists, not one, for PETRARCH's
         * noun phrases (TABARI and dyad read one list) */
        if (ok && closed && has_and && tok_is(s, gap, ",") && (kb->options & KB_O_NP_ANY_ACTOR))
            ok = 0;
        /* "A, B and C": a comma joins only where the list goes on to an "and" */
        if (ok && next - gap == 1 && tok_is(s, gap, ",")) {
            int k = i + 1;
            while (k + 1 < s->n_actors && s->actors[k + 1].start - s->actors[k].end == 1 &&
                   tok_is(s, s->actors[k].end, ","))
                k++;
            int g2 = k + 1 < s->n_actors ? s->actors[k].end : -1;
            ok = g2 >= 0 && s->actors[k + 1].start > g2 && s->actors[k + 1].start - g2 <= 2 &&
                 (tok_is(s, g2, "and") || (tok_is(s, g2, ",") && tok_is(s, g2 + 1, "and")));
        }
        if (ok && next - gap <= 2) {
            s->actors[i].next = (int16_t)(i + 1);
            s->actors[i + 1].first = s->actors[i].first;
        }
        closed = ok && has_and;
    }
    /* "Iranian and Turkish officials": the role is both countries' */
    for (int i = s->n_actors - 2; i >= 0; i--) {
        Actor *x = &s->actors[i], *y = &s->actors[i + 1];
        if (x->next == i + 1 && x->kind == KB_ADJECTIVE && strlen(x->code) == 3 && x->end == x->name_start + 1 &&
            (y->kind == KB_ADJECTIVE || y->kind == KB_AGENT) && strlen(y->code) > 3)
            memcpy(x->code + 3, y->code + 3, strlen(y->code + 3) + 1);
    }
    /* "lawmakers in Fornost and Gondor": each role of each country */
    if (kb->options & KB_O_ROLE_NULL_COUNTRY)
        petrarch_distribute_roles(s);
    /* "LORIEN [ELR/GAL]": one entry, several actors acting together */
    petrarch_split_multi_codes(s, a);
}
