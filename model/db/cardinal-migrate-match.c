/* cardinal-migrate-match.c: gives the objects reflected from a live database the ids of the document's objects of the same name, so that a migration keeps them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-migrate.h"

#include <string.h>

/* A schema-qualified table key; "public" is PostgreSQL's default schema, the same as none. */
static char *
table_key (const CardinalEntity *entity)
{
  const char *schema = entity->schema != NULL && strcmp (entity->schema, "public") != 0 ? entity->schema : "";

  return g_strdup_printf ("%s\x1f%s", schema, cardinal_entity_table_name (entity));
}

static void
ensure_id (char **id)
{
  if (*id == NULL)
    *id = g_uuid_string_random ();
}

static void
set_id (char       **id,
        const char  *from)
{
  g_free (*id);
  *id = g_strdup (from);
}

static void
ensure_document_ids (CardinalModel *document)
{
  for (guint i = 0; i < document->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (document->entities, i);

      ensure_id (&entity->id);
      for (guint j = 0; j < entity->attributes->len; j++)
        ensure_id (&((CardinalAttribute *) g_ptr_array_index (entity->attributes, j))->id);
    }
  for (guint i = 0; i < document->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (document->relationships, i);

      ensure_id (&relationship->id);
      for (guint j = 0; j < relationship->link_attributes->len; j++)
        ensure_id (&((CardinalAttribute *) g_ptr_array_index (relationship->link_attributes, j))->id);
    }
}

/* The reflected side's own ids are thrown away first; after matching, an
 * object nothing matched gets a fresh one, so it reads as dropped. */
static void
clear_ids (GPtrArray *attributes)
{
  for (guint j = 0; j < attributes->len; j++)
    g_clear_pointer (&((CardinalAttribute *) g_ptr_array_index (attributes, j))->id, g_free);
}

static void
fresh_ids (GPtrArray *attributes)
{
  for (guint j = 0; j < attributes->len; j++)
    ensure_id (&((CardinalAttribute *) g_ptr_array_index (attributes, j))->id);
}

static CardinalEntity *
find_table (GPtrArray  *entities,
            const char *name)
{
  for (guint i = 0; i < entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (entities, i);

      if (strcmp (cardinal_entity_table_name (entity), name) == 0 || strcmp (entity->name, name) == 0)
        return entity;
    }
  return NULL;
}

static CardinalAttribute *
find_column (GPtrArray  *attributes,
             const char *name)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (strcmp (attribute->name, name) == 0)
        return attribute;
    }
  return NULL;
}

/* Alike enough to be the same column renamed: the type, whether it may be
 * empty and whether it is in the key. */
static gboolean
same_type (const CardinalAttribute *a,
           const CardinalAttribute *b)
{
  return g_ascii_strcasecmp (a->type != NULL ? a->type : "", b->type != NULL ? b->type : "") == 0
         && a->nullable == b->nullable && a->primary_key == b->primary_key;
}

static gint
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return g_strcmp0 (*(const char * const *) a, *(const char * const *) b);
}

/* "name:type,…" sorted: two tables with the same columns whatever their order. */
static char *
column_signature (const CardinalEntity *entity)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);
      g_autofree char *type = g_ascii_strdown (attribute->type != NULL ? attribute->type : "", -1);

      g_ptr_array_add (parts, g_strdup_printf ("%s:%s", attribute->name, type));
    }
  g_ptr_array_sort (parts, compare_strings);
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (parts, i));
  return g_string_free (out, FALSE);
}

typedef struct
{
  char *table;    /* NULL for a table rename */
  char *old_name;
  char *new_name;
  gboolean used;
} Rename;

static void
rename_free (Rename *rename)
{
  g_free (rename->table);
  g_free (rename->old_name);
  g_free (rename->new_name);
  g_free (rename);
}

static GPtrArray *
parse_renames (const char * const *renames,
               CardinalModel      *reflected,
               CardinalModel      *document,
               GError            **error)
{
  g_autoptr(GPtrArray) out = g_ptr_array_new_with_free_func ((GDestroyNotify) rename_free);

  for (guint i = 0; renames != NULL && renames[i] != NULL; i++)
    {
      const char *eq = strchr (renames[i], '=');
      g_autofree char *left = NULL;
      Rename *rename;
      const char *dot;

      if (eq == NULL || eq == renames[i] || eq[1] == '\0')
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME,
                       "rename \"%s\" is not OLD=NEW or TABLE.OLD=NEW", renames[i]);
          return NULL;
        }
      left = g_strndup (renames[i], (gsize) (eq - renames[i]));
      rename = g_new0 (Rename, 1);
      rename->new_name = g_strdup (eq + 1);
      dot = strrchr (left, '.');
      /* A table name may itself hold a dot ("schema.table"): a whole left side
       * that names a table is a table rename. */
      if (find_table (reflected->entities, left) != NULL || dot == NULL)
        rename->old_name = g_steal_pointer (&left);
      else
        {
          rename->table = g_strndup (left, (gsize) (dot - left));
          rename->old_name = g_strdup (dot + 1);
          if (find_table (reflected->entities, rename->table) == NULL
              && find_table (document->entities, rename->table) == NULL)
            {
              g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME,
                           "rename \"%s\": there is no table %s", renames[i], rename->table);
              rename_free (rename);
              return NULL;
            }
        }
      g_ptr_array_add (out, rename);
    }
  return g_steal_pointer (&out);
}

/* Matches the columns of one matched table. */
static gboolean
match_attributes (CardinalEntity        *live,
                  const char            *live_table,
                  const CardinalEntity  *designed,
                  GPtrArray             *renames,
                  GPtrArray             *notes,
                  GError               **error)
{
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);   /* designed attributes already matched */
  g_autoptr(GHashTable) matched = g_hash_table_new (NULL, NULL); /* live attributes */
  const char *designed_table = cardinal_entity_table_name (designed);

  clear_ids (live->attributes);

  for (guint i = 0; i < renames->len; i++)
    {
      Rename *rename = g_ptr_array_index (renames, i);
      CardinalAttribute *from;
      CardinalAttribute *to;

      if (rename->table == NULL
          || (strcmp (rename->table, live_table) != 0 && strcmp (rename->table, designed_table) != 0
              && strcmp (rename->table, live->name) != 0 && strcmp (rename->table, designed->name) != 0))
        continue;
      from = find_column (live->attributes, rename->old_name);
      to = find_column (designed->attributes, rename->new_name);
      if (from == NULL || to == NULL)
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME,
                       "rename %s.%s=%s: %s", rename->table, rename->old_name, rename->new_name,
                       from == NULL ? "the database's table has no such column" : "the document's table has no such attribute");
          return FALSE;
        }
      set_id (&from->id, to->id);
      g_hash_table_add (taken, to);
      g_hash_table_add (matched, from);
      rename->used = TRUE;
    }

  for (guint i = 0; i < live->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (live->attributes, i);
      CardinalAttribute *twin;

      if (g_hash_table_contains (matched, attribute))
        continue;
      twin = find_column (designed->attributes, attribute->name);
      if (twin != NULL && !g_hash_table_contains (taken, twin))
        {
          set_id (&attribute->id, twin->id);
          g_hash_table_add (taken, twin);
          g_hash_table_add (matched, attribute);
        }
    }

  /* A column that goes while one of the same type comes, the only such pair. */
  for (guint i = 0; i < live->attributes->len; i++)
    {
      CardinalAttribute *gone = g_ptr_array_index (live->attributes, i);
      const CardinalAttribute *candidate = NULL;
      guint n = 0;

      if (g_hash_table_contains (matched, gone))
        continue;
      for (guint j = 0; j < designed->attributes->len; j++)
        {
          const CardinalAttribute *come = g_ptr_array_index (designed->attributes, j);

          if (!g_hash_table_contains (taken, come) && same_type (gone, come))
            {
              candidate = come;
              n++;
            }
        }
      if (n == 1)
        g_ptr_array_add (notes, g_strdup_printf ("possible rename %s.%s → %s (same type and nullability; say --rename %s.%s=%s to keep its data)",
                                                 live_table, gone->name, candidate->name,
                                                 live_table, gone->name, candidate->name));
    }
  fresh_ids (live->attributes);
  return TRUE;
}

static gboolean
same_strv (GStrv a,
           GStrv b)
{
  if (a == NULL || b == NULL)
    return a == b;
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* The two entity names in a fixed order: a relationship either way round. */
static char *
entity_pair_key (const char *a,
                 const char *b)
{
  if (g_strcmp0 (a, b) > 0)
    return g_strdup_printf ("%s\x1f%s", b != NULL ? b : "", a != NULL ? a : "");
  return g_strdup_printf ("%s\x1f%s", a != NULL ? a : "", b != NULL ? b : "");
}

/* How alike two relationships between the same tables are; -1: not the same
 * kind of thing. A relationship whose storage changed (an FK column in the
 * database, a link table in the design, or the other way round) is the same
 * one only when its name says so: then the plan moves its rows. */
static int
relationship_score (const CardinalRelationship *live,
                    const CardinalRelationship *designed)
{
  gboolean live_link = cardinal_strategy_has_link_table (live->strategy);
  int score = 0;

  if (live_link != cardinal_strategy_has_link_table (designed->strategy))
    return g_strcmp0 (live->name, designed->name) == 0 ? 0 : -1;
  if (live_link)
    {
      g_autofree char *a = cardinal_relationship_link_table_name (live);
      g_autofree char *b = cardinal_relationship_link_table_name (designed);

      score += g_strcmp0 (a, b) == 0 ? 8 : 0;
    }
  score += live->strategy == designed->strategy ? 4 : 0;
  score += g_strcmp0 (cardinal_relationship_entity1_role (live), cardinal_relationship_entity1_role (designed)) == 0 ? 2 : 0;
  score += g_strcmp0 (cardinal_relationship_entity2_role (live), cardinal_relationship_entity2_role (designed)) == 0 ? 2 : 0;
  score += same_strv (live->entity1_columns, designed->entity1_columns) ? 1 : 0;
  score += same_strv (live->entity2_columns, designed->entity2_columns) ? 1 : 0;
  score += g_strcmp0 (live->name, designed->name) == 0 ? 1 : 0;
  return score;
}

gboolean
cardinal_migration_adopt_ids (CardinalModel       *reflected,
                              CardinalModel       *document,
                              const char * const  *renames,
                              GPtrArray           *notes,
                              GError             **error)
{
  g_autoptr(GPtrArray) rename_list = NULL;
  g_autoptr(GHashTable) by_key = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) pair = g_hash_table_new (g_str_hash, g_str_equal);  /* live entity name → designed entity */
  g_autoptr(GHashTable) taken = g_hash_table_new (NULL, NULL);              /* designed entities matched */
  g_autoptr(GHashTable) taken_relationships = g_hash_table_new (NULL, NULL);
  g_autoptr(GHashTable) by_signature = NULL;  /* unmatched designed entities by their columns, made when needed */
  g_autoptr(GHashTable) by_pair = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_ptr_array_unref);

  g_return_val_if_fail (reflected != NULL, FALSE);
  g_return_val_if_fail (document != NULL, FALSE);
  g_return_val_if_fail (notes != NULL, FALSE);

  rename_list = parse_renames (renames, reflected, document, error);
  if (rename_list == NULL)
    return FALSE;
  ensure_document_ids (document);

  for (guint i = 0; i < document->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (document->entities, i);

      g_hash_table_insert (by_key, table_key (entity), entity);
    }

  /* Tables: explicit renames first, then by name. */
  for (guint i = 0; i < rename_list->len; i++)
    {
      Rename *rename = g_ptr_array_index (rename_list, i);
      CardinalEntity *from;
      CardinalEntity *to;

      if (rename->table != NULL)
        continue;
      from = find_table (reflected->entities, rename->old_name);
      to = find_table (document->entities, rename->new_name);
      if (from == NULL || to == NULL || g_hash_table_contains (taken, to))
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME,
                       "rename %s=%s: %s", rename->old_name, rename->new_name,
                       from == NULL ? "the database has no such table"
                       : to == NULL ? "the document has no such table" : "that table is already matched");
          return FALSE;
        }
      g_hash_table_insert (pair, from->name, to);
      g_hash_table_add (taken, to);
      rename->used = TRUE;
    }
  for (guint i = 0; i < reflected->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (reflected->entities, i);
      g_autofree char *key = NULL;
      CardinalEntity *twin;

      if (g_hash_table_contains (pair, entity->name))
        continue;
      key = table_key (entity);
      twin = g_hash_table_lookup (by_key, key);
      if (twin != NULL && !g_hash_table_contains (taken, twin))
        {
          g_hash_table_insert (pair, entity->name, twin);
          g_hash_table_add (taken, twin);
        }
    }

  for (guint i = 0; i < reflected->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (reflected->entities, i);
      CardinalEntity *twin = g_hash_table_lookup (pair, entity->name);

      if (twin != NULL)
        {
          set_id (&entity->id, twin->id);
          if (!match_attributes (entity, cardinal_entity_table_name (entity), twin, rename_list, notes, error))
            return FALSE;
          continue;
        }
      set_id (&entity->id, NULL);
      entity->id = g_uuid_string_random ();
      clear_ids (entity->attributes);
      fresh_ids (entity->attributes);

      /* A table that goes while one with the same columns comes. */
      if (by_signature == NULL)
        {
          by_signature = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
          for (guint j = 0; j < document->entities->len; j++)
            {
              CardinalEntity *come = g_ptr_array_index (document->entities, j);

              if (!g_hash_table_contains (taken, come))
                g_hash_table_insert (by_signature, column_signature (come), come);
            }
        }
      {
        g_autofree char *signature = column_signature (entity);
        const CardinalEntity *come = g_hash_table_lookup (by_signature, signature);

        if (come != NULL)
          g_ptr_array_add (notes, g_strdup_printf ("possible rename %s → %s (same columns; say --rename %s=%s to keep its rows)",
                                                   cardinal_entity_table_name (entity), cardinal_entity_table_name (come),
                                                   cardinal_entity_table_name (entity), cardinal_entity_table_name (come)));
      }
    }

  for (guint i = 0; i < rename_list->len; i++)
    {
      Rename *rename = g_ptr_array_index (rename_list, i);

      if (!rename->used)
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME,
                       "rename %s.%s=%s: the database has no such table to keep", rename->table,
                       rename->old_name, rename->new_name);
          return FALSE;
        }
    }

  /* Relationships: between the matched tables, the most alike one. */
  for (guint i = 0; i < document->relationships->len; i++)
    {
      CardinalRelationship *designed = g_ptr_array_index (document->relationships, i);
      char *key = entity_pair_key (designed->entity1, designed->entity2);
      GPtrArray *list = g_hash_table_lookup (by_pair, key);

      if (list == NULL)
        {
          list = g_ptr_array_new ();
          g_hash_table_insert (by_pair, key, list);
        }
      else
        g_free (key);
      g_ptr_array_add (list, designed);
    }
  for (guint i = 0; i < reflected->relationships->len; i++)
    {
      CardinalRelationship *live = g_ptr_array_index (reflected->relationships, i);
      CardinalEntity *e1 = g_hash_table_lookup (pair, live->entity1);
      CardinalEntity *e2 = g_hash_table_lookup (pair, live->entity2);
      CardinalRelationship *best = NULL;
      g_autofree char *pair_key = NULL;
      GPtrArray *candidates = NULL;
      int best_score = -1;

      g_clear_pointer (&live->id, g_free);
      clear_ids (live->link_attributes);
      if (e1 != NULL && e2 != NULL)
        {
          pair_key = entity_pair_key (e1->name, e2->name);
          candidates = g_hash_table_lookup (by_pair, pair_key);
        }
      for (guint j = 0; candidates != NULL && j < candidates->len; j++)
        {
          CardinalRelationship *designed = g_ptr_array_index (candidates, j);
          int score;

          if (g_hash_table_contains (taken_relationships, designed))
            continue;
          score = relationship_score (live, designed);
          if (score > best_score)
            {
              best = designed;
              best_score = score;
            }
        }
      if (best != NULL)
        {
          g_hash_table_add (taken_relationships, best);
          set_id (&live->id, best->id);
          if (cardinal_strategy_has_link_table (live->strategy) != cardinal_strategy_has_link_table (best->strategy))
            g_ptr_array_add (notes, g_strdup_printf ("relationship %s: its pairs move from %s to %s",
                                                     best->name,
                                                     cardinal_strategy_has_link_table (live->strategy)
                                                     ? "a link table" : "an FK column",
                                                     cardinal_strategy_has_link_table (best->strategy)
                                                     ? "a link table" : "an FK column"));
          for (guint j = 0; j < live->link_attributes->len; j++)
            {
              CardinalAttribute *attribute = g_ptr_array_index (live->link_attributes, j);
              CardinalAttribute *twin = find_column (best->link_attributes, attribute->name);

              if (twin != NULL)
                set_id (&attribute->id, twin->id);
            }
        }
      ensure_id (&live->id);
      fresh_ids (live->link_attributes);
    }
  return TRUE;
}
