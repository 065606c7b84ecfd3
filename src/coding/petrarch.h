/*
 * petrarch.h: conventions of dictionaries written for PETRARCH (and some for
 * TABARI), applied by actors.c and match.c when the knowledge base's options or
 * entries ask for them; dyad's own knowledge base never does.  See petrarch.c.
 */
#ifndef DYAD_PETRARCH_H
#define DYAD_PETRARCH_H

#include "analysis.h"

/* Where a noun phrase coded by an actor word ending at token `end` really ends,
 * under `option noun-phrase = any-actor`: over its head nouns and a possessed
 * noun, never into the next mention (token `limit`).  The possessed nouns may
 * be joined by "and" ("Eriador 's death and injury toll") unless new_actors:
 * then the noun after "and" is a phrase of its own, which may be a new actor
 * (petrarch_new_actors). */
int petrarch_np_end(const Sentence *s, int end, int limit, int new_actors);

/* "The ambassadors of Arnor, Osgiliath and Gondor": a role of the first country
 * of a list is each one's (ARNGOV, OSGGOV, GONGOV).
 * "Lawmakers and officials in Fornost and Gondor": roles with no country (coded
 * "---SEC", under `option role-alone = null-country`) followed by "in" or "from"
 * and countries take each of them: one actor coded "FORLEG/GONLEG/FORGOV/GONGOV"
 * over the whole phrase (split by petrarch_split_multi_codes); the actors it
 * absorbs are left without a code or tokens. */
void petrarch_distribute_roles(Sentence *s);

/* Is tokens [pos, role) "'s" and then adjectives, adverbs and "and" only, so a
 * role noun at `role` belongs to the possessor before pos ("Ithilen 's awful
 * and evil minister")? */
int petrarch_possessed_role(const Sentence *s, int pos, int role);

/* `option passive = by-agent`: a passive verb group with no "by" after it in
 * its clause is read as active ("X was criticized over its dispute with Y"). */
void petrarch_passive_by_agent(Sentence *s);

/* `option infinitive = governed`: a match on an infinitive ("to help") after a
 * verb of its clause that matched is suppressed: it is part of that verb's
 * phrase ("urged X to help win" codes the urging only). */
void petrarch_govern_infinitives(Sentence *s);

/* An actor whose code names several ("ELR/GAL": one dictionary entry that is
 * two actors at once) becomes a compound of them, in place: every index held
 * in s->toks and in the actors' compound links is remapped.  Allocates from a
 * only when there is such an actor. */
void petrarch_split_multi_codes(Sentence *s, Arena *a);

/* PETRARCH's new_actor_length (dyad_worker_set_new_actor_length): every noun
 * phrase with no actor in it ("Gryffindor 's head Minerva McGonagall", "the
 * Ministry of Magic": determiners, adjectives, numbers and nouns ending on a
 * noun, with one "of" phrase) of at most max_words words, "'s" not counted,
 * and not followed by a preposition and an actor ("the dispute with X" is X's),
 * is appended to s->actors coded by its words in capitals, spaces left out.
 * The caller puts the actors in text order afterwards. */
void petrarch_new_actors(Sentence *s, int max_words);

/* `option noun-phrase = any-actor`: a noun phrase that names nobody followed by
 * "of" and an actor, conjoined to an actor before it ("Ithilen 's sheep and
 * goats of Gondor"), is that actor's phrase: the actor starts at the phrase, so
 * that it joins the compound. */
void petrarch_of_phrases(Sentence *s);

/* `option noun-phrase = any-actor`: a role's phrase coded with the actor of
 * its "of" or "from" phrase ("the parliament of Gondor" is GONLEG) is two noun
 * phrases to a pattern, the role's and the actor's, as in PETRARCH's parse
 * "(NP (NP the parliament) (PP of (NP Gondor)))": a '^' passes over the role's
 * words alone, and a slot then reaches the actor.  For each such phrase an
 * actor for its "of" part (Actor.part) is appended to s->actors, with no token
 * pointing to it; the array is copied to a when there is one. */
void petrarch_role_of_parts(const Kb *kb, Sentence *s, Arena *a);

/* The part petrarch_role_of_parts appended for actor a, else -1. */
int petrarch_part_of(const Sentence *s, int a);

/* `option underscore = space`: the tokens of tt[0..*n) with every token that
 * holds an underscore cut at it ("Dol_Amroth" -> "Dol" "Amroth"; underscores
 * themselves are no tokens).  Returns tt itself when no token holds one, else
 * a new array from a with *n updated. */
TxtToken *petrarch_split_underscores(const char *text, TxtToken *tt, size_t *n, Arena *a);

#endif
