/* cardinal-relationship-words.h: the plain-language questions and explanations shared by the relate dialog and the inspector. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

typedef enum
{
  CARDINAL_QUESTION_Q1,                    /* can an entity2 belong to more than one entity1? */
  CARDINAL_QUESTION_Q2,                    /* can an entity1 have more than one entity2? */
  CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1, /* must every entity2 have an entity1? */
  CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2, /* must every entity1 have an entity2? */
  CARDINAL_QUESTION_ON_DELETE,             /* when an entity1 is deleted, what happens to … */
  CARDINAL_N_QUESTIONS,
} CardinalQuestion;

/* "user_account" → "User account" (newly allocated). */
char       *cardinal_words_display_name       (const char *name);
/* "a" or "an" for @word, by how it is usually said ("an Address", "a User"). */
const char *cardinal_words_article            (const char *word);
/* "Address" → "Addresses", "Category" → "Categories" (newly allocated). */
char       *cardinal_words_plural             (const char *word);

/* The display name of one end: the entity, or its role in a self-relationship. */
char       *cardinal_words_end_name           (const CardinalRelationship *relationship,
                                               gboolean                    second);

/* The question as asked of @relationship's entities, kind and strategy (newly allocated). */
char       *cardinal_words_question           (CardinalQuestion            question,
                                               const CardinalRelationship *relationship);

const char *cardinal_words_kind_title         (CardinalKind                kind);
/* "Each User has any number of Posts. Each Post belongs to exactly one User." */
char       *cardinal_words_kind_sentence      (const CardinalRelationship *relationship);

const char *cardinal_words_strategy_title     (CardinalStrategy            strategy);
/* One line, in the entities' names, on what the strategy stores (newly allocated). */
char       *cardinal_words_strategy_explanation (CardinalStrategy            strategy,
                                                 const CardinalRelationship *relationship);

const char *cardinal_words_on_delete_title    (CardinalOnDelete            on_delete);
char       *cardinal_words_on_delete_explanation (CardinalOnDelete            on_delete,
                                                  const CardinalRelationship *relationship);
/* Whether on-delete means anything for the strategy (a merged entity has no foreign key). */
gboolean    cardinal_words_on_delete_applies  (const CardinalRelationship *relationship);
/* Whether set-null cannot work for @relationship (the foreign key is NOT
 * NULL or part of a key), with why in @reason (newly allocated) if so. */
gboolean    cardinal_words_set_null_blocked   (const CardinalRelationship *relationship,
                                               char                      **reason);

G_END_DECLS
