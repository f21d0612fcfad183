/* cardinal-relationship-words.c: the plain-language questions and explanations shared by the relate dialog and the inspector. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-relationship-words.h"

#include <string.h>

char *
cardinal_words_display_name (const char *name)
{
  GString *out;
  const char *p;

  g_return_val_if_fail (name != NULL, NULL);

  if (*name == '\0' || !g_utf8_validate (name, -1, NULL))
    return g_strdup (name);

  out = g_string_new (NULL);
  for (p = name; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (p == name)
        c = g_unichar_totitle (c);
      else if (c == '_' || c == '-')
        c = ' ';
      g_string_append_unichar (out, c);
    }
  return g_string_free (out, FALSE);
}

/* Words that start with a vowel letter but a consonant sound, and the reverse. */
static const char * const consonant_sound_prefixes[] = {
  "uni", "use", "usa", "usu", "uti", "ure", "uri", "url", "uro", "ura", "ubi",
  "uk", "eu", "ewe", "one", "once",
};
static const char * const vowel_sound_prefixes[] = {
  "hour", "honest", "honor", "honour", "heir",
};

const char *
cardinal_words_article (const char *word)
{
  g_autofree char *lower = NULL;

  g_return_val_if_fail (word != NULL, "a");

  lower = g_utf8_strdown (word, -1);
  for (guint i = 0; i < G_N_ELEMENTS (consonant_sound_prefixes); i++)
    if (g_str_has_prefix (lower, consonant_sound_prefixes[i]))
      return "a";
  for (guint i = 0; i < G_N_ELEMENTS (vowel_sound_prefixes); i++)
    if (g_str_has_prefix (lower, vowel_sound_prefixes[i]))
      return "an";
  return strchr ("aeiou", lower[0]) != NULL && lower[0] != '\0' ? "an" : "a";
}

static const struct
{
  const char *singular;
  const char *plural;
} irregular_plurals[] = {
  { "child", "children" },
  { "person", "people" },
  { "man", "men" },
  { "woman", "women" },
  { "mouse", "mice" },
  { "foot", "feet" },
  { "tooth", "teeth" },
  { "goose", "geese" },
};

static gboolean
is_ascii_vowel (char c)
{
  return strchr ("aeiou", g_ascii_tolower (c)) != NULL && c != '\0';
}

char *
cardinal_words_plural (const char *word)
{
  size_t len;
  const char *last_word;
  g_autofree char *lower = NULL;

  g_return_val_if_fail (word != NULL, NULL);

  len = strlen (word);
  if (len == 0)
    return g_strdup (word);

  /* Only the last word of "Blog post" takes the plural. */
  last_word = strrchr (word, ' ');
  last_word = last_word ? last_word + 1 : word;
  lower = g_ascii_strdown (last_word, -1);

  for (guint i = 0; i < G_N_ELEMENTS (irregular_plurals); i++)
    if (g_str_equal (lower, irregular_plurals[i].singular))
      {
        /* Keep the capital of "Child" in "Children". */
        g_autofree char *plural = g_strdup (irregular_plurals[i].plural);

        if (g_ascii_isupper (last_word[0]))
          plural[0] = g_ascii_toupper (plural[0]);
        return g_strdup_printf ("%.*s%s", (int) (last_word - word), word, plural);
      }

  if (g_str_has_suffix (lower, "s") || g_str_has_suffix (lower, "x") ||
      g_str_has_suffix (lower, "z") || g_str_has_suffix (lower, "ch") ||
      g_str_has_suffix (lower, "sh"))
    return g_strconcat (word, "es", NULL);
  if (len >= 2 && g_ascii_tolower (word[len - 1]) == 'y' && !is_ascii_vowel (word[len - 2]))
    return g_strdup_printf ("%.*sies", (int) (len - 1), word);
  return g_strconcat (word, "s", NULL);
}

static gboolean
is_self (const CardinalRelationship *relationship)
{
  return g_str_equal (relationship->entity1, relationship->entity2);
}

char *
cardinal_words_end_name (const CardinalRelationship *relationship,
                         gboolean                    second)
{
  const char *name;

  g_return_val_if_fail (relationship != NULL, NULL);

  name = second ? relationship->entity2 : relationship->entity1;
  /* Both ends of a self-relationship have the entity's name; only the roles tell them apart. */
  if (is_self (relationship))
    {
      const char *role = second
        ? cardinal_relationship_entity2_role (relationship)
        : cardinal_relationship_entity1_role (relationship);

      if (role != NULL && *role != '\0')
        name = role;
    }
  return cardinal_words_display_name (name);
}

/* The display name of @one or its plural when @many. */
static char *
counted (const char *name,
         gboolean    many)
{
  return many ? cardinal_words_plural (name) : g_strdup (name);
}

static char *
possessive (const char *name)
{
  return g_strconcat (name, "’s", NULL);
}

/* Which end holds the foreign key: FALSE for link tables, whose rows hold both. */
static gboolean
fk_holder_is_entity1 (const CardinalRelationship *relationship,
                      gboolean                   *entity1)
{
  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      *entity1 = relationship->kind == CARDINAL_KIND_MANY_TO_ONE;
      return TRUE;

    case CARDINAL_STRATEGY_MERGED:
    case CARDINAL_STRATEGY_SHARED_PK:
    case CARDINAL_STRATEGY_UNIQUE_FK:
      *entity1 = FALSE;
      return TRUE;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
    default:
      *entity1 = FALSE;
      return FALSE;
    }
}

typedef struct
{
  char     *a;            /* entity1's display name (or role) */
  char     *b;
  gboolean  q1;
  gboolean  q2;
  gboolean  has_holder;   /* FALSE: a link table holds the keys */
  char     *referenced;   /* the end whose deletion matters, and the end holding its key */
  char     *holder;
  gboolean  holder_many;  /* how many holder rows one referenced row can have */
} Ends;

static void
ends_init (Ends                       *ends,
           const CardinalRelationship *relationship)
{
  gboolean holder_is_entity1 = FALSE;

  ends->a = cardinal_words_end_name (relationship, FALSE);
  ends->b = cardinal_words_end_name (relationship, TRUE);
  cardinal_question_pair_from_kind (relationship->kind, &ends->q1, &ends->q2);
  ends->has_holder = fk_holder_is_entity1 (relationship, &holder_is_entity1);
  ends->referenced = holder_is_entity1 ? ends->b : ends->a;
  ends->holder = holder_is_entity1 ? ends->a : ends->b;
  ends->holder_many = holder_is_entity1 ? ends->q1 : ends->q2;
}

static void
ends_clear (Ends *ends)
{
  g_clear_pointer (&ends->a, g_free);
  g_clear_pointer (&ends->b, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Ends, ends_clear)

static char *
both_ends (const Ends                 *ends,
           const CardinalRelationship *relationship)
{
  if (is_self (relationship) && g_str_equal (ends->a, ends->b))
    return g_strdup_printf ("%s %s", cardinal_words_article (ends->a), ends->a);
  return g_strdup_printf ("%s %s or %s %s",
                          cardinal_words_article (ends->a), ends->a,
                          cardinal_words_article (ends->b), ends->b);
}

char *
cardinal_words_question (CardinalQuestion            question,
                         const CardinalRelationship *relationship)
{
  g_auto(Ends) ends = { 0 };

  g_return_val_if_fail (relationship != NULL, NULL);

  ends_init (&ends, relationship);

  switch (question)
    {
    case CARDINAL_QUESTION_Q1:
      return g_strdup_printf ("Can %s %s belong to more than one %s?",
                              cardinal_words_article (ends.b), ends.b, ends.a);

    case CARDINAL_QUESTION_Q2:
      return g_strdup_printf ("Can %s %s have more than one %s?",
                              cardinal_words_article (ends.a), ends.a, ends.b);

    case CARDINAL_QUESTION_ENTITY2_NEEDS_ENTITY1:
      if (ends.q1)
        return g_strdup_printf ("Must every %s have at least one %s?", ends.b, ends.a);
      return g_strdup_printf ("Must every %s have %s %s?",
                              ends.b, cardinal_words_article (ends.a), ends.a);

    case CARDINAL_QUESTION_ENTITY1_NEEDS_ENTITY2:
      if (ends.q2)
        return g_strdup_printf ("Must every %s have at least one %s?", ends.a, ends.b);
      return g_strdup_printf ("Must every %s have %s %s?",
                              ends.a, cardinal_words_article (ends.b), ends.b);

    case CARDINAL_QUESTION_ON_DELETE:
      if (!ends.has_holder)
        {
          g_autofree char *either = both_ends (&ends, relationship);

          return g_strdup_printf ("When %s is deleted, what happens to their links?", either);
        }
      else
        {
          g_autofree char *holders = counted (ends.holder, ends.holder_many);

          return g_strdup_printf ("When %s %s is deleted, what happens to their %s?",
                                  cardinal_words_article (ends.referenced), ends.referenced, holders);
        }

    case CARDINAL_N_QUESTIONS:
    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cardinal_words_kind_title (CardinalKind kind)
{
  switch (kind)
    {
    case CARDINAL_KIND_ONE_TO_ONE:
      return "One-to-one";
    case CARDINAL_KIND_ONE_TO_MANY:
      return "One-to-many";
    case CARDINAL_KIND_MANY_TO_ONE:
      return "Many-to-one";
    case CARDINAL_KIND_MANY_TO_MANY:
      return "Many-to-many";
    default:
      g_return_val_if_reached ("");
    }
}

/* The crow's-foot end in words: how many of one end another may or must have. */
static const char *
count_words (gboolean many,
             gboolean mandatory)
{
  if (many)
    return mandatory ? "one or more" : "any number of";
  return mandatory ? "exactly one" : "at most one";
}

char *
cardinal_words_kind_sentence (const CardinalRelationship *relationship)
{
  g_auto(Ends) ends = { 0 };
  g_autofree char *bs = NULL;
  g_autofree char *as = NULL;

  g_return_val_if_fail (relationship != NULL, NULL);

  ends_init (&ends, relationship);
  bs = counted (ends.b, ends.q2);
  as = counted (ends.a, ends.q1);
  return g_strdup_printf ("Each %s has %s %s. Each %s belongs to %s %s.",
                          ends.a, count_words (ends.q2, relationship->entity1_needs_entity2), bs,
                          ends.b, count_words (ends.q1, relationship->entity2_needs_entity1), as);
}

const char *
cardinal_words_strategy_title (CardinalStrategy strategy)
{
  switch (strategy)
    {
    case CARDINAL_STRATEGY_MERGED:
      return "Single table";
    case CARDINAL_STRATEGY_SHARED_PK:
      return "Shared primary key";
    case CARDINAL_STRATEGY_UNIQUE_FK:
      return "Unique foreign key";
    case CARDINAL_STRATEGY_FK:
      return "Foreign key";
    case CARDINAL_STRATEGY_LINK_TABLE:
      return "Link table";
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      return "Link table with its own key";
    default:
      g_return_val_if_reached ("");
    }
}

char *
cardinal_words_strategy_explanation (CardinalStrategy            strategy,
                                     const CardinalRelationship *relationship)
{
  g_auto(Ends) ends = { 0 };

  g_return_val_if_fail (relationship != NULL, NULL);

  ends_init (&ends, relationship);

  switch (strategy)
    {
    case CARDINAL_STRATEGY_MERGED:
      return g_strdup_printf ("%s’s attributes become columns of the %s table; %s has no table of its own",
                              ends.b, ends.a, ends.b);

    case CARDINAL_STRATEGY_SHARED_PK:
      return g_strdup_printf ("%s’s primary key is also its reference to %s: the two rows share one key",
                              ends.b, ends.a);

    case CARDINAL_STRATEGY_UNIQUE_FK:
      return g_strdup_printf ("%s gets a column, unique, that refers to its %s", ends.b, ends.a);

    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        return g_strdup_printf ("%s gets a column that refers to its %s", ends.a, ends.b);
      return g_strdup_printf ("%s gets a column that refers to its %s", ends.b, ends.a);

    case CARDINAL_STRATEGY_LINK_TABLE:
      if (relationship->kind == CARDINAL_KIND_MANY_TO_MANY)
        return g_strdup_printf ("A separate table holds one row per %s–%s pair, keyed by both",
                                ends.a, ends.b);
      if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
        return g_strdup_printf ("A separate table pairs each %s with its %s; neither table changes",
                                ends.a, ends.b);
      return g_strdup_printf ("A separate table pairs each %s with its %s; neither table changes",
                              ends.b, ends.a);

    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      return g_strdup_printf ("A separate table of %s–%s pairs with an id of its own, so a link can be referred to",
                              ends.a, ends.b);

    default:
      g_return_val_if_reached (NULL);
    }
}

const char *
cardinal_words_on_delete_title (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_NO_ACTION:
      return "Nothing";
    case CARDINAL_ON_DELETE_RESTRICT:
      return "Restrict";
    case CARDINAL_ON_DELETE_CASCADE:
      return "Cascade";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "Set null";
    case CARDINAL_ON_DELETE_SET_DEFAULT:
      return "Set default";
    default:
      g_return_val_if_reached ("");
    }
}

gboolean
cardinal_words_on_delete_applies (const CardinalRelationship *relationship)
{
  g_return_val_if_fail (relationship != NULL, FALSE);

  return relationship->strategy != CARDINAL_STRATEGY_MERGED;
}

char *
cardinal_words_on_delete_explanation (CardinalOnDelete            on_delete,
                                      const CardinalRelationship *relationship)
{
  g_auto(Ends) ends = { 0 };
  g_autofree char *holders = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *some = NULL;

  g_return_val_if_fail (relationship != NULL, NULL);

  ends_init (&ends, relationship);

  if (!ends.has_holder)
    {
      g_autofree char *either = both_ends (&ends, relationship);

      switch (on_delete)
        {
        case CARDINAL_ON_DELETE_NO_ACTION:
          return g_strdup_printf ("Deleting %s that still has links fails (the database’s default)", either);
        case CARDINAL_ON_DELETE_RESTRICT:
          return g_strdup_printf ("Deleting %s that still has links is refused at once, even within a transaction",
                                  either);
        case CARDINAL_ON_DELETE_CASCADE:
          return g_strdup ("Its links are removed with it");
        case CARDINAL_ON_DELETE_SET_NULL:
          return g_strdup ("Not possible: a link needs both ends");
        case CARDINAL_ON_DELETE_SET_DEFAULT:
          return g_strdup ("Its links point at their columns’ defaults instead, which must exist");
        default:
          g_return_val_if_reached (NULL);
        }
    }

  holders = counted (ends.holder, ends.holder_many);
  owner = possessive (ends.referenced);
  /* "Posts", or "a Profile" when there is at most one. */
  some = ends.holder_many
    ? g_strdup (holders)
    : g_strdup_printf ("%s %s", cardinal_words_article (ends.holder), ends.holder);
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_NO_ACTION:
      return g_strdup_printf ("Deleting %s %s that still has %s fails (the database’s default)",
                              cardinal_words_article (ends.referenced), ends.referenced, some);
    case CARDINAL_ON_DELETE_RESTRICT:
      return g_strdup_printf ("Deleting %s %s that still has %s is refused at once, even within a transaction",
                              cardinal_words_article (ends.referenced), ends.referenced, some);
    case CARDINAL_ON_DELETE_CASCADE:
      return g_strdup_printf ("The %s %s %s deleted with it", owner, holders, ends.holder_many ? "are" : "is");
    case CARDINAL_ON_DELETE_SET_NULL:
      return g_strdup_printf ("The %s %s, with no %s", holders, ends.holder_many ? "stay" : "stays",
                              ends.referenced);
    case CARDINAL_ON_DELETE_SET_DEFAULT:
      return g_strdup_printf ("The %s %s to the %s their columns’ defaults name, which must exist",
                              holders, ends.holder_many ? "move" : "moves", ends.referenced);
    default:
      g_return_val_if_reached (NULL);
    }
}

gboolean
cardinal_words_set_null_blocked (const CardinalRelationship *relationship,
                                 char                      **reason)
{
  g_auto(Ends) ends = { 0 };
  gboolean mandatory;
  gboolean holder_is_entity1 = FALSE;

  g_return_val_if_fail (relationship != NULL, FALSE);

  ends_init (&ends, relationship);

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_MERGED:
      return FALSE;

    case CARDINAL_STRATEGY_SHARED_PK:
      if (reason)
        *reason = g_strdup_printf ("Not possible: the reference is %s’s primary key", ends.b);
      return TRUE;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      if (reason)
        *reason = g_strdup ("Not possible: a link needs both ends");
      return TRUE;

    case CARDINAL_STRATEGY_FK:
    case CARDINAL_STRATEGY_UNIQUE_FK:
    default:
      fk_holder_is_entity1 (relationship, &holder_is_entity1);
      mandatory = holder_is_entity1 ? relationship->entity1_needs_entity2 : relationship->entity2_needs_entity1;
      if (!mandatory)
        return FALSE;
      if (reason)
        *reason = g_strdup_printf ("Not possible: every %s must have %s %s",
                                   ends.holder, cardinal_words_article (ends.referenced), ends.referenced);
      return TRUE;
    }
}
