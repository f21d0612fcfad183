/* cardinal-engineer.c: turns the logical model into tables, following the strategy table and the engineer's rules of DESIGN.md §1 and §4. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-types.h"

#include <string.h>

/* An identifying relationship's FK columns, kept per holder table so that the
 * key can be rebuilt in relationship order whatever order they arrive in. */
typedef struct
{
  guint order;   /* the relationship's index in the model */
  GStrv columns;
} KeyPart;

static void
key_part_free (KeyPart *part)
{
  g_strfreev (part->columns);
  g_free (part);
}

typedef struct
{
  const CardinalModel *model;
  CardinalSchema      *schema;
  GPtrArray           *link_tables;  /* appended after the entity tables */
  GHashTable          *entities;     /* name → CardinalEntity (first of a name wins) */
  GHashTable          *tables;       /* entity name → CardinalTable that stores it */
  GHashTable          *used_names;   /* "schema\x1fname" of relations, indexes and constraints, up to case */
  GHashTable          *claimable;    /* CardinalColumn made from an attribute: an FK column may be it */
  GHashTable          *appended;     /* CardinalColumn appended by a relationship → its index + 1 */
  GHashTable          *key_parts;    /* CardinalTable → GPtrArray of KeyPart */
  guint                current;      /* index of the relationship being engineered */
} Engineer;

/* PostgreSQL puts the tables, indexes and constraints of one schema in a
 * shared namespace, so names are kept per schema. */
static char *
namespaced (const char *schema,
            const char *name)
{
  return g_strconcat (schema != NULL ? schema : "", "\x1f", name, NULL);
}

static void
take_name (Engineer   *self,
           const char *schema,
           const char *name)
{
  if (name != NULL && name[0] != '\0')
    g_hash_table_add (self->used_names, namespaced (schema, name));
}

static gboolean
name_taken (Engineer   *self,
            const char *schema,
            const char *name)
{
  char stack_key[256];
  gsize schema_length = schema != NULL ? strlen (schema) : 0;
  gsize name_length = strlen (name);
  g_autofree char *heap_key = NULL;
  char *key = stack_key;

  /* Most names fit on the stack: no allocation per lookup. */
  if (schema_length + name_length + 2 > sizeof stack_key)
    key = heap_key = g_malloc (schema_length + name_length + 2);
  memcpy (key, schema != NULL ? schema : "", schema_length);
  key[schema_length] = '\x1f';
  memcpy (key + schema_length + 1, name, name_length + 1);
  return g_hash_table_contains (self->used_names, key);
}

/* A generated name that avoids every name taken in @schema. */
static char *
claim_name (Engineer   *self,
            const char *schema,
            const char *wanted)
{
  char *name = cardinal_identifier_fit (wanted);

  for (guint n = 2; name_taken (self, schema, name); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s_%u", wanted, n);

      g_free (name);
      name = cardinal_identifier_fit (numbered);
    }

  take_name (self, schema, name);
  return name;
}

/* <table>_<columns>_<suffix>; an expression key (an empty column) reads "expr". */
static char *
joined_name (const char          *table,
             const char * const  *columns,
             const char          *suffix)
{
  GString *name = g_string_new (table);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_string_append_c (name, '_');
      g_string_append (name, columns[i][0] != '\0' ? columns[i] : "expr");
    }
  g_string_append_c (name, '_');
  g_string_append (name, suffix);
  return g_string_free (name, FALSE);
}

static gboolean
strv_is_set (const char * const *strv)
{
  return strv != NULL && strv[0] != NULL;
}

/* Whether @indexes has an index over exactly @columns, in that order, on every row. */
static gboolean
has_plain_index_in (GPtrArray          *indexes,
                    const char * const *columns)
{
  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (indexes, i);

      if (index->where == NULL && index->columns != NULL &&
          g_strv_equal ((const char * const *) index->columns, columns))
        return TRUE;
    }
  return FALSE;
}

static void
add_index (Engineer           *self,
           CardinalTable      *table,
           const char * const *columns,
           gboolean            unique)
{
  g_autofree char *wanted = joined_name (table->name, columns, unique ? "key" : "idx");
  CardinalIndex *index = cardinal_index_new (NULL, columns, unique);

  index->name = claim_name (self, table->schema, wanted);
  g_ptr_array_add (table->indexes, index);
}

/* Adds an index unless the table already has one over exactly those columns. */
static void
add_index_once (Engineer           *self,
                CardinalTable      *table,
                const char * const *columns)
{
  if (!has_plain_index_in (table->indexes, columns))
    add_index (self, table, columns, FALSE);
}

/* A UNIQUE unless a UNIQUE, a non-partial unique index or the key already covers exactly @columns. */
static void
add_unique_once (CardinalTable      *table,
                 const char * const *columns)
{
  if (!cardinal_table_has_unique (table, columns))
    g_ptr_array_add (table->uniques, cardinal_unique_new (columns));
}

/* Copies an entity's (or a link's) indexes; an unnamed one gets <table>_<columns>_idx. */
static void
copy_indexes (Engineer      *self,
              CardinalTable *table,
              GPtrArray     *indexes)
{
  for (guint i = 0; indexes != NULL && i < indexes->len; i++)
    {
      CardinalIndex *index = cardinal_index_copy (g_ptr_array_index (indexes, i));

      if (index->columns == NULL)
        index->columns = g_new0 (char *, 1);
      if (index->name == NULL || index->name[0] == '\0')
        {
          g_autofree char *wanted = joined_name (table->name, (const char * const *) index->columns, "idx");

          g_free (index->name);
          index->name = claim_name (self, table->schema, wanted);
        }
      g_ptr_array_add (table->indexes, index);
    }
}

static void
copy_checks (CardinalTable *table,
             GPtrArray     *checks)
{
  for (guint i = 0; checks != NULL && i < checks->len; i++)
    g_ptr_array_add (table->checks, cardinal_check_copy (g_ptr_array_index (checks, i)));
}

static void
copy_uniques (CardinalTable *table,
              GPtrArray     *uniques)
{
  for (guint i = 0; uniques != NULL && i < uniques->len; i++)
    {
      CardinalUnique *unique = cardinal_unique_copy (g_ptr_array_index (uniques, i));

      if (unique->columns == NULL)
        unique->columns = g_new0 (char *, 1);
      g_ptr_array_add (table->uniques, unique);
    }
}

/* The table-level options an entity (or a relationship's link) gives its table. */
static void
apply_table_options (CardinalTable        *table,
                     const CardinalEntity *options)
{
  g_free (table->comment);
  table->comment = g_strdup (options->comment != NULL ? options->comment : "");
  g_free (table->schema);
  table->schema = g_strdup (options->schema);
  g_free (table->primary_key_name);
  table->primary_key_name = g_strdup (options->primary_key_name);
  table->without_rowid = options->without_rowid;
  table->strict = options->strict;
  table->unlogged = options->unlogged;
  g_free (table->partition_by);
  table->partition_by = g_strdup (options->partition_by);
}

/* @legacy_keys: an SQLite model, where a key column not declared NOT NULL
 * takes NULLs (SQLite's legacy rule) and its DDL must say just that. */
static CardinalColumn *
column_from_attribute (const CardinalAttribute *attribute,
                       gboolean                 legacy_keys)
{
  CardinalColumn *column = cardinal_column_new (attribute->name, attribute->type);

  column->nullable = attribute->nullable && (!attribute->primary_key || legacy_keys);
  /* PostgreSQL identities need not be keys; SQLite's DDL writes AUTOINCREMENT
   * only where the column aliases the rowid. */
  column->autoincrement = attribute->autoincrement;
  column->default_value = g_strdup (attribute->default_value);
  g_free (column->comment);
  column->comment = g_strdup (attribute->comment);
  column->attribute = g_strdup (attribute->name);
  column->identity = attribute->identity;
  column->sequence = attribute->sequence != NULL ? cardinal_sequence_copy (attribute->sequence) : NULL;
  column->sql_type = g_strdup (attribute->sql_type);
  column->collation = g_strdup (attribute->collation);
  column->generated = g_strdup (attribute->generated);
  column->generated_stored = attribute->generated_stored;
  return column;
}

/* Adds the column with the UNIQUE or index its attribute asks for; an index
 * that @declared (the entity's own indexes) already has is not added twice. */
static CardinalColumn *
add_attribute_column (Engineer                *self,
                      CardinalTable           *table,
                      const CardinalAttribute *attribute,
                      gboolean                 force_nullable,
                      const char              *relationship,
                      GPtrArray               *declared)
{
  gboolean legacy_keys = self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_SQLITE;
  CardinalColumn *column = column_from_attribute (attribute, legacy_keys);
  const char *columns[] = { attribute->name, NULL };

  if (force_nullable)
    column->nullable = TRUE;
  column->relationship = g_strdup (relationship);
  g_ptr_array_add (table->columns, column);
  g_hash_table_add (self->claimable, column);

  if (attribute->unique && !attribute->primary_key)
    g_ptr_array_add (table->uniques, cardinal_unique_new (columns));
  else if (attribute->index && !attribute->primary_key && !has_plain_index_in (declared, columns))
    add_index_once (self, table, columns);
  return column;
}

static CardinalTable *
table_from_entity (Engineer             *self,
                   const CardinalEntity *entity)
{
  CardinalTable *table = cardinal_table_new (cardinal_entity_table_name (entity));

  apply_table_options (table, entity);
  table->entity = g_strdup (entity->name);

  for (guint i = 0; i < entity->attributes->len; i++)
    add_attribute_column (self, table, g_ptr_array_index (entity->attributes, i), FALSE, NULL,
                          entity->indexes);

  copy_checks (table, entity->checks);
  copy_uniques (table, entity->uniques);
  copy_indexes (self, table, entity->indexes);

  g_strfreev (table->primary_key);
  table->primary_key = cardinal_entity_key_names (entity);
  return table;
}

typedef struct
{
  GStrv columns;       /* FK column names in the holder */
  GStrv ref_columns;   /* referenced columns: entityN-key or the primary key */
} KeyColumns;

static void
key_columns_clear (KeyColumns *key)
{
  g_clear_pointer (&key->columns, g_strfreev);
  g_clear_pointer (&key->ref_columns, g_strfreev);
}

/* The columns the FK that references entity @side points at (borrowed). */
static const char * const *
referenced_key (const CardinalRelationship *relationship,
                guint                       side,
                const CardinalTable        *referenced)
{
  GStrv key = side == 1 ? relationship->entity1_key : relationship->entity2_key;

  if (strv_is_set ((const char * const *) key))
    return (const char * const *) key;
  return (const char * const *) referenced->primary_key;
}

/* The explicit FK column names for @side when they fit a key of @n columns, else NULL. */
static const char * const *
explicit_columns (const CardinalRelationship *relationship,
                  guint                       side,
                  guint                       n)
{
  GStrv columns = side == 1 ? relationship->entity1_columns : relationship->entity2_columns;

  if (strv_is_set ((const char * const *) columns) && g_strv_length (columns) == n)
    return (const char * const *) columns;
  return NULL;
}

/* A column of @holder made from an attribute and named @name, which an FK column may be. */
static CardinalColumn *
find_claimable (Engineer      *self,
                CardinalTable *holder,
                const char    *name)
{
  CardinalColumn *column = cardinal_table_find_column (holder, name);

  if (column != NULL && g_hash_table_contains (self->claimable, column))
    return column;
  return NULL;
}

/* The FK columns in @holder for the reference to entity @side (@referenced):
 * an attribute named like an FK column is that column (it keeps its place and
 * type; mandatory participation makes it NOT NULL), the others are appended,
 * typed like the column they reference. FALSE when there is nothing to reference. */
static gboolean
add_reference_columns (Engineer                   *self,
                       CardinalTable              *holder,
                       const CardinalTable        *referenced,
                       const CardinalRelationship *relationship,
                       guint                       side,
                       gboolean                    not_null,
                       KeyColumns                 *key)
{
  const char * const *ref = referenced_key (relationship, side, referenced);
  guint n = g_strv_length ((GStrv) ref);
  const char * const *names = explicit_columns (relationship, side, n);
  const char *role = side == 1 ? cardinal_relationship_entity1_role (relationship)
                               : cardinal_relationship_entity2_role (relationship);

  if (n == 0)
    return FALSE;

  key->columns = g_new0 (char *, n + 1);
  key->ref_columns = g_strdupv ((GStrv) ref);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = names != NULL ? g_strdup (names[i]) : g_strconcat (role, "_", ref[i], NULL);
      CardinalColumn *column = find_claimable (self, holder, name);

      if (column != NULL)
        {
          if (not_null)
            column->nullable = FALSE;
        }
      else
        {
          CardinalColumn *target = cardinal_table_find_column (referenced, ref[i]);

          column = cardinal_column_new (name, target != NULL ? target->type : "integer");
          column->sql_type = target != NULL ? g_strdup (target->sql_type) : NULL;
          column->nullable = !not_null;
          column->relationship = g_strdup (relationship->name);
          column->attribute = g_strdup (ref[i]);
          g_ptr_array_add (holder->columns, column);
          g_hash_table_insert (self->appended, column, GUINT_TO_POINTER (self->current + 1));
        }
      key->columns[i] = g_strdup (column->name);
    }

  return TRUE;
}

static void
add_foreign_key (Engineer                   *self,
                 CardinalTable              *holder,
                 const CardinalTable        *referenced,
                 const KeyColumns           *key,
                 const CardinalRelationship *relationship,
                 guint                       side)
{
  const char *explicit_name = side == 1 ? relationship->entity1_fk_name : relationship->entity2_fk_name;
  CardinalForeignKey *foreign_key = g_new0 (CardinalForeignKey, 1);

  /* "" is a foreign key without a name (SQLite keeps unnamed ones so). */
  if (explicit_name != NULL)
    foreign_key->name = g_strdup (explicit_name);
  else
    {
      g_autofree char *wanted = joined_name (holder->name, (const char * const *) key->columns, "fkey");

      foreign_key->name = claim_name (self, holder->schema, wanted);
    }
  foreign_key->columns = g_strdupv (key->columns);
  foreign_key->ref_table = g_strdup (referenced->name);
  foreign_key->ref_columns = g_strdupv (key->ref_columns);
  foreign_key->ref_schema = g_strdup (referenced->schema);
  foreign_key->on_delete = cardinal_relationship_on_delete_for (relationship, side);
  foreign_key->on_update = cardinal_relationship_on_update_for (relationship, side);
  foreign_key->deferrable = relationship->deferrable;
  foreign_key->initially_deferred = relationship->initially_deferred;
  foreign_key->match_full = relationship->match_full;
  foreign_key->relationship = g_strdup (relationship->name);
  g_ptr_array_add (holder->foreign_keys, foreign_key);
}

static gint
compare_key_parts (gconstpointer a,
                   gconstpointer b)
{
  const KeyPart *pa = *(const KeyPart * const *) a;
  const KeyPart *pb = *(const KeyPart * const *) b;

  return pa->order < pb->order ? -1 : pa->order > pb->order;
}

/* The key of an entity's table without primary-key-order: the FK columns of
 * its identifying relationships that are not primary-key attributes, in
 * relationship order, then the primary-key attributes. */
static void
rebuild_primary_key (Engineer      *self,
                     CardinalTable *table)
{
  const CardinalEntity *entity = table->entity != NULL ? g_hash_table_lookup (self->entities, table->entity) : NULL;
  GPtrArray *parts = g_hash_table_lookup (self->key_parts, table);
  g_auto(GStrv) attributes = NULL;
  GStrvBuilder *builder;
  GPtrArray *seen;

  if (entity == NULL || entity->primary_key_order != NULL || parts == NULL)
    return;

  attributes = cardinal_entity_key_names (entity);
  g_ptr_array_sort (parts, compare_key_parts);
  builder = g_strv_builder_new ();
  seen = g_ptr_array_new ();
  for (guint i = 0; i < parts->len; i++)
    {
      KeyPart *part = g_ptr_array_index (parts, i);

      for (guint j = 0; part->columns[j] != NULL; j++)
        if (!g_strv_contains ((const char * const *) attributes, part->columns[j]) &&
            !g_ptr_array_find_with_equal_func (seen, part->columns[j], g_str_equal, NULL))
          {
            g_ptr_array_add (seen, part->columns[j]);
            g_strv_builder_add (builder, part->columns[j]);
          }
    }
  g_strv_builder_addv (builder, (const char **) attributes);
  g_ptr_array_unref (seen);

  g_strfreev (table->primary_key);
  table->primary_key = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
}

static void
add_identifying_part (Engineer      *self,
                      CardinalTable *holder,
                      GStrv          columns)
{
  GPtrArray *parts = g_hash_table_lookup (self->key_parts, holder);
  KeyPart *part = g_new0 (KeyPart, 1);

  if (parts == NULL)
    {
      parts = g_ptr_array_new_with_free_func ((GDestroyNotify) key_part_free);
      g_hash_table_insert (self->key_parts, holder, parts);
    }
  part->order = self->current;
  part->columns = g_strdupv (columns);
  g_ptr_array_add (parts, part);
  rebuild_primary_key (self, holder);
}

/* fk (B1) and unique-fk (A3): the key lives in @holder and points at entity @side's @referenced. */
static void
engineer_foreign_key (Engineer                   *self,
                      const CardinalRelationship *relationship,
                      CardinalTable              *holder,
                      const CardinalTable        *referenced,
                      guint                       side,
                      gboolean                    not_null,
                      gboolean                    unique)
{
  KeyColumns key = { NULL, NULL };

  /* A key column is never NULL, whatever the participation says. */
  if (!add_reference_columns (self, holder, referenced, relationship, side,
                              not_null || relationship->identifying, &key))
    return;

  add_foreign_key (self, holder, referenced, &key, relationship, side);
  if (relationship->identifying)
    add_identifying_part (self, holder, key.columns);
  if (unique)
    add_unique_once (holder, (const char * const *) key.columns);
  else if (relationship->index)
    add_index_once (self, holder, (const char * const *) key.columns);
  key_columns_clear (&key);
}

/* shared-pk (A2): the dependent table's own key is also its FK to the other's key. */
static void
engineer_shared_pk (Engineer                   *self,
                    const CardinalRelationship *relationship,
                    CardinalTable              *dependent,
                    const CardinalTable        *principal)
{
  const char * const *ref = referenced_key (relationship, 1, principal);
  guint n = g_strv_length ((GStrv) ref);
  const char * const *names = explicit_columns (relationship, 1, n);
  KeyColumns key = { NULL, NULL };

  if (names == NULL)
    names = (const char * const *) dependent->primary_key;
  if (n == 0 || n != g_strv_length ((GStrv) names) || dependent == principal)
    return;

  for (guint i = 0; i < n; i++)
    {
      CardinalColumn *column = cardinal_table_find_column (dependent, names[i]);

      /* The value comes from the principal row, so the dependent must not generate it. */
      if (column != NULL)
        column->autoincrement = FALSE;
    }

  key.columns = (GStrv) names;
  key.ref_columns = (GStrv) ref;
  add_foreign_key (self, dependent, principal, &key, relationship, 1);
}

/* merged (A1): the dependent entity's attributes become columns of the principal's table. */
static void
engineer_merged (Engineer                   *self,
                 const CardinalRelationship *relationship,
                 CardinalTable              *host,
                 const CardinalEntity       *dependent)
{
  for (guint i = 0; i < dependent->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (dependent->attributes, i);
      CardinalColumn *column;

      if (attribute->primary_key)
        continue;
      /* An A without a B leaves the folded columns empty unless every A must have a B. */
      column = add_attribute_column (self, host, attribute, !relationship->entity1_needs_entity2,
                                     relationship->name, dependent->indexes);
      g_hash_table_insert (self->appended, column, GUINT_TO_POINTER (self->current + 1));
    }

  /* The folded columns keep their rules; a NULL left by an A without a B passes a CHECK. */
  copy_checks (host, dependent->checks);
  copy_uniques (host, dependent->uniques);
  copy_indexes (self, host, dependent->indexes);
}

static GStrv
concat_strv (GStrv a,
             GStrv b)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;

  g_strv_builder_addv (builder, (const char **) a);
  g_strv_builder_addv (builder, (const char **) b);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

/* link-table (B2, C1) and link-table-pk (C2). Columns: the generated id of
 * link-table-pk, the FK columns no link attribute claims, then the link
 * attributes (claimed FK columns among them, in their places). */
static void
engineer_link_table (Engineer                   *self,
                     const CardinalRelationship *relationship,
                     const CardinalTable        *table1,
                     const CardinalTable        *table2)
{
  g_autofree char *name = cardinal_relationship_link_table_name (relationship);
  g_autoptr(CardinalTable) link = cardinal_table_new (name);
  const CardinalEntity *options = relationship->link;
  gboolean own_key = relationship->strategy == CARDINAL_STRATEGY_LINK_TABLE_PK;
  g_autoptr(GPtrArray) attribute_columns = g_ptr_array_new ();
  GStrvBuilder *own_builder = g_strv_builder_new ();
  g_auto(GStrv) own = NULL;
  KeyColumns key1 = { NULL, NULL };
  KeyColumns key2 = { NULL, NULL };
  GStrv both;

  if (g_strv_length ((GStrv) referenced_key (relationship, 1, table1)) == 0 ||
      g_strv_length ((GStrv) referenced_key (relationship, 2, table2)) == 0)
    {
      g_strv_builder_unref (own_builder);
      return;
    }

  link->relationship = g_strdup (relationship->name);
  if (options != NULL)
    apply_table_options (link, options);

  /* Link attributes first, so that FK columns can find the ones they are. */
  for (guint i = 0; i < relationship->link_attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);

      g_ptr_array_add (attribute_columns,
                       add_attribute_column (self, link, attribute, FALSE, relationship->name,
                                             options != NULL ? options->indexes : NULL));
      if (own_key && attribute->primary_key)
        g_strv_builder_add (own_builder, attribute->name);
    }
  own = g_strv_builder_end (own_builder);
  g_strv_builder_unref (own_builder);

  if (options != NULL)
    {
      copy_checks (link, options->checks);
      copy_uniques (link, options->uniques);
      copy_indexes (self, link, options->indexes);
    }

  add_reference_columns (self, link, table1, relationship, 1, TRUE, &key1);
  add_reference_columns (self, link, table2, relationship, 2, TRUE, &key2);

  /* The link attributes go after the FK columns nobody claimed. */
  for (guint i = 0; i < attribute_columns->len; i++)
    {
      gpointer column = g_ptr_array_index (attribute_columns, i);
      guint at;

      if (g_ptr_array_find (link->columns, column, &at))
        g_ptr_array_add (link->columns, g_ptr_array_steal_index (link->columns, at));
    }

  if (own_key && own[0] == NULL)
    {
      CardinalColumn *id = cardinal_column_new ("id", "integer");

      id->nullable = FALSE;
      id->autoincrement = TRUE;
      id->relationship = g_strdup (relationship->name);
      g_ptr_array_insert (link->columns, 0, id);
      g_strfreev (own);
      own = g_strdupv ((GStrv) (const char * const[]) { "id", NULL });
    }

  both = concat_strv (key1.columns, key2.columns);
  g_strfreev (link->primary_key);
  if (options != NULL && options->primary_key_order != NULL)
    link->primary_key = g_strdupv (options->primary_key_order);
  else if (own_key)
    link->primary_key = g_strdupv (own);
  else
    link->primary_key = g_strdupv (both);

  if (own_key)
    add_unique_once (link, (const char * const *) both);
  g_strfreev (both);

  /* In one-to-many each entity2 appears once; in many-to-one each entity1 does. */
  if (relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
    add_unique_once (link, (const char * const *) key2.columns);
  else if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    add_unique_once (link, (const char * const *) key1.columns);

  add_foreign_key (self, link, table1, &key1, relationship, 1);
  add_foreign_key (self, link, table2, &key2, relationship, 2);

  /* The key or UNIQUE leads with entity1's columns; lookups from entity2 need their own index. */
  if (relationship->kind != CARDINAL_KIND_ONE_TO_MANY && relationship->index)
    add_index_once (self, link, (const char * const *) key2.columns);

  key_columns_clear (&key1);
  key_columns_clear (&key2);
  g_ptr_array_add (self->link_tables, g_steal_pointer (&link));
}

static void
engineer_relationship (Engineer                   *self,
                       const CardinalRelationship *relationship)
{
  CardinalEntity *entity2 = g_hash_table_lookup (self->entities, relationship->entity2);
  CardinalTable *table1 = g_hash_table_lookup (self->tables, relationship->entity1);
  CardinalTable *table2 = g_hash_table_lookup (self->tables, relationship->entity2);

  if (table1 == NULL || table2 == NULL ||
      !cardinal_strategy_fits_kind (relationship->strategy, relationship->kind))
    return;

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
        engineer_foreign_key (self, relationship, table2, table1, 1,
                              relationship->entity2_needs_entity1, FALSE);
      else
        engineer_foreign_key (self, relationship, table1, table2, 2,
                              relationship->entity1_needs_entity2, FALSE);
      break;

    case CARDINAL_STRATEGY_UNIQUE_FK:
      engineer_foreign_key (self, relationship, table2, table1, 1,
                            relationship->entity2_needs_entity1, TRUE);
      break;

    case CARDINAL_STRATEGY_SHARED_PK:
      engineer_shared_pk (self, relationship, table2, table1);
      break;

    case CARDINAL_STRATEGY_MERGED:
      /* table2 is table1 once entity2 has been folded (see merged_entities). */
      if (table1 == table2 && g_strcmp0 (relationship->entity1, relationship->entity2) != 0)
        engineer_merged (self, relationship, table1, entity2);
      break;

    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      engineer_link_table (self, relationship, table1, table2);
      break;

    default:
      g_assert_not_reached ();
    }
}

static gboolean
engineerable (Engineer                   *self,
              const CardinalRelationship *relationship)
{
  return g_hash_table_contains (self->tables, relationship->entity1) &&
         g_hash_table_contains (self->tables, relationship->entity2) &&
         cardinal_strategy_fits_kind (relationship->strategy, relationship->kind);
}

/* The table whose key a relationship's FK columns may be part of, or NULL:
 * the holder of an identifying relationship, or of any FK when the holder's
 * primary-key-order is given (it may name FK columns). */
static CardinalTable *
key_holder (Engineer                   *self,
            const CardinalRelationship *relationship)
{
  CardinalTable *holder;
  const CardinalEntity *entity;

  if (!engineerable (self, relationship))
    return NULL;
  if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind != CARDINAL_KIND_ONE_TO_MANY)
    holder = g_hash_table_lookup (self->tables, relationship->entity1);
  else if (relationship->strategy == CARDINAL_STRATEGY_FK || relationship->strategy == CARDINAL_STRATEGY_UNIQUE_FK)
    holder = g_hash_table_lookup (self->tables, relationship->entity2);
  else
    return NULL;

  entity = holder->entity != NULL ? g_hash_table_lookup (self->entities, holder->entity) : NULL;
  if (relationship->identifying || (entity != NULL && entity->primary_key_order != NULL))
    return holder;
  return NULL;
}

/* The tables whose keys a relationship reads (for shared-pk, the dependent's too). */
static guint
keys_read (Engineer                   *self,
           const CardinalRelationship *relationship,
           CardinalTable              *out[2])
{
  CardinalTable *table1 = g_hash_table_lookup (self->tables, relationship->entity1);
  CardinalTable *table2 = g_hash_table_lookup (self->tables, relationship->entity2);

  if (!engineerable (self, relationship))
    return 0;
  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      out[0] = relationship->kind == CARDINAL_KIND_ONE_TO_MANY ? table1 : table2;
      return 1;
    case CARDINAL_STRATEGY_UNIQUE_FK:
      out[0] = table1;
      return 1;
    case CARDINAL_STRATEGY_SHARED_PK:
    case CARDINAL_STRATEGY_LINK_TABLE:
    case CARDINAL_STRATEGY_LINK_TABLE_PK:
      out[0] = table1;
      out[1] = table2;
      return 2;
    case CARDINAL_STRATEGY_MERGED:
    default:
      return 0;
    }
}

/* Relationships in document order, except that a relationship whose
 * referenced key another relationship's FK columns are part of waits for it
 * (a reference to order_line needs order_line's whole key, typed). A cycle is
 * broken in document order. */
static GArray *
engineering_order (Engineer *self)
{
  GPtrArray *relationships = self->model->relationships;
  guint n = relationships->len;
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autofree gboolean *done = g_new0 (gboolean, n);
  g_autofree CardinalTable **holders = g_new0 (CardinalTable *, n);
  g_autofree CardinalTable **reads = g_new0 (CardinalTable *, 2 * n);
  g_autofree guint *n_reads = g_new0 (guint, n);
  g_autoptr(GHashTable) pending = g_hash_table_new (NULL, NULL);
  guint first = 0;   /* every relationship before it is done */

  for (guint i = 0; i < n; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (relationships, i);

      n_reads[i] = keys_read (self, relationship, &reads[2 * i]);
      holders[i] = key_holder (self, relationship);
      if (holders[i] != NULL)
        g_hash_table_insert (pending, holders[i],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pending, holders[i])) + 1));
    }

  /* Without waiting relationships the first one not done is always ready: linear. */
  while (order->len < n)
    {
      guint pick = G_MAXUINT;

      while (done[first])
        first++;
      for (guint i = first; i < n && pick == G_MAXUINT; i++)
        {
          gboolean ready = TRUE;

          if (done[i])
            continue;
          for (guint j = 0; j < n_reads[i] && ready; j++)
            {
              CardinalTable *read = reads[2 * i + j];
              guint waiting = GPOINTER_TO_UINT (g_hash_table_lookup (pending, read));

              if (holders[i] == read)
                waiting--;
              ready = waiting == 0;
            }
          if (ready)
            pick = i;
        }
      if (pick == G_MAXUINT)
        pick = first;

      done[pick] = TRUE;
      if (holders[pick] != NULL)
        g_hash_table_insert (pending, holders[pick],
                             GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (pending, holders[pick])) - 1));
      g_array_append_val (order, pick);
    }

  return order;
}

/* entity2 of the first fitting merged relationship that names it: folded away, no table. */
static GHashTable *
merged_entities (Engineer *self)
{
  GHashTable *merged = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < self->model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (self->model->relationships, i);

      if (relationship->strategy != CARDINAL_STRATEGY_MERGED ||
          relationship->kind != CARDINAL_KIND_ONE_TO_ONE ||
          g_str_equal (relationship->entity1, relationship->entity2) ||
          !g_hash_table_contains (self->entities, relationship->entity1) ||
          !g_hash_table_contains (self->entities, relationship->entity2) ||
          g_hash_table_contains (merged, relationship->entity2) ||
          g_hash_table_contains (merged, relationship->entity1))
        continue;

      g_hash_table_insert (merged, relationship->entity2, relationship->entity1);
    }

  return merged;
}

/* The names a table's options give explicitly (key, UNIQUEs, indexes, CHECKs). */
static void
take_option_names (Engineer             *self,
                   const CardinalEntity *options)
{
  take_name (self, options->schema, options->primary_key_name);
  for (guint i = 0; options->uniques != NULL && i < options->uniques->len; i++)
    take_name (self, options->schema, ((CardinalUnique *) g_ptr_array_index (options->uniques, i))->name);
  for (guint i = 0; options->indexes != NULL && i < options->indexes->len; i++)
    take_name (self, options->schema, ((CardinalIndex *) g_ptr_array_index (options->indexes, i))->name);
  for (guint i = 0; options->checks != NULL && i < options->checks->len; i++)
    take_name (self, options->schema, ((CardinalCheck *) g_ptr_array_index (options->checks, i))->name);
}

static const char *
entity_schema (Engineer   *self,
               const char *name)
{
  CardinalEntity *entity = g_hash_table_lookup (self->entities, name);

  return entity != NULL ? entity->schema : NULL;
}

/* Every name the model gives explicitly is taken before any is generated, so
 * that a generated name never takes one the user (or the database) chose. */
static void
take_explicit_names (Engineer *self)
{
  for (guint i = 0; i < self->model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (self->model->entities, i);

      take_name (self, entity->schema, cardinal_entity_table_name (entity));
      take_option_names (self, entity);
    }

  for (guint i = 0; i < self->model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (self->model->relationships, i);
      const char *holder_schema;

      if (cardinal_strategy_has_link_table (relationship->strategy))
        {
          g_autofree char *name = cardinal_relationship_link_table_name (relationship);

          holder_schema = relationship->link != NULL ? relationship->link->schema : NULL;
          take_name (self, holder_schema, name);
          if (relationship->link != NULL)
            take_option_names (self, relationship->link);
        }
      else if (relationship->strategy == CARDINAL_STRATEGY_FK &&
               relationship->kind != CARDINAL_KIND_ONE_TO_MANY)
        holder_schema = entity_schema (self, relationship->entity1);
      else
        holder_schema = entity_schema (self, relationship->entity2);

      take_name (self, holder_schema, relationship->entity1_fk_name);
      take_name (self, holder_schema, relationship->entity2_fk_name);
    }
}

static gint
compare_appended (gconstpointer a,
                  gconstpointer b,
                  gpointer      user_data)
{
  GHashTable *appended = user_data;
  guint oa = GPOINTER_TO_UINT (g_hash_table_lookup (appended, *(gpointer const *) a));
  guint ob = GPOINTER_TO_UINT (g_hash_table_lookup (appended, *(gpointer const *) b));

  return oa < ob ? -1 : oa > ob;
}

/* Attribute columns first, then the columns relationships appended, in
 * relationship order, whatever order the relationships were engineered in;
 * and a key column is never NULL. */
static void
finish_table (Engineer      *self,
              CardinalTable *table)
{
  if (table->entity != NULL)
    {
      gboolean sorted = TRUE;

      /* Usually already in order (the relationships went in order): no sort then. */
      for (guint i = 1; sorted && i < table->columns->len; i++)
        sorted = compare_appended (&g_ptr_array_index (table->columns, i - 1),
                                   &g_ptr_array_index (table->columns, i), self->appended) <= 0;
      if (!sorted)
        g_ptr_array_sort_with_data (table->columns, compare_appended, self->appended);
    }

  /* An SQLite model keeps each key column's NOT NULL as declared (SQLite lets
   * NULL into a key column that does not say NOT NULL). */
  if (self->model->has_dialect && self->model->dialect == CARDINAL_DIALECT_SQLITE)
    return;
  for (guint i = 0; table->primary_key[i] != NULL; i++)
    {
      CardinalColumn *column = cardinal_table_find_column (table, table->primary_key[i]);

      if (column != NULL)
        column->nullable = FALSE;
    }
}

static void
replace_array (GPtrArray **array,
               GPtrArray  *copy)
{
  g_ptr_array_unref (*array);
  *array = copy;
}

CardinalSchema *
cardinal_engineer (const CardinalModel *model)
{
  Engineer self = { 0 };
  g_autoptr(GHashTable) merged = NULL;
  g_autoptr(GArray) order = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self.model = model;
  self.schema = cardinal_schema_new (model->name);
  self.link_tables = g_ptr_array_new ();
  self.entities = g_hash_table_new (g_str_hash, g_str_equal);
  self.tables = g_hash_table_new (g_str_hash, g_str_equal);
  self.used_names = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal,
                                           g_free, NULL);
  self.claimable = g_hash_table_new (NULL, NULL);
  self.appended = g_hash_table_new (NULL, NULL);
  self.key_parts = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_ptr_array_unref);

  self.schema->has_dialect = model->has_dialect;
  self.schema->dialect = model->dialect;
  replace_array (&self.schema->schemas, cardinal_string_array_copy (model->schemas));
  replace_array (&self.schema->extensions, cardinal_extension_array_copy (model->extensions));
  replace_array (&self.schema->types, cardinal_user_type_array_copy (model->types));
  replace_array (&self.schema->sequences, cardinal_sequence_array_copy (model->sequences));
  replace_array (&self.schema->objects, cardinal_sql_object_array_copy (model->objects));

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (!g_hash_table_contains (self.entities, entity->name))
        g_hash_table_insert (self.entities, entity->name, entity);
    }

  take_explicit_names (&self);
  merged = merged_entities (&self);

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalTable *table;

      if (g_hash_table_contains (merged, entity->name) ||
          g_hash_table_lookup (self.entities, entity->name) != entity)
        continue;

      table = table_from_entity (&self, entity);
      g_ptr_array_add (self.schema->tables, table);
      g_hash_table_insert (self.tables, entity->name, table);
    }

  /* A folded entity is stored in its host's table, so its other relationships still resolve. */
  {
    GHashTableIter iter;
    gpointer dependent, host;

    g_hash_table_iter_init (&iter, merged);
    while (g_hash_table_iter_next (&iter, &dependent, &host))
      g_hash_table_insert (self.tables, dependent, g_hash_table_lookup (self.tables, host));
  }

  order = engineering_order (&self);
  for (guint i = 0; i < order->len; i++)
    {
      self.current = g_array_index (order, guint, i);
      engineer_relationship (&self, g_ptr_array_index (model->relationships, self.current));
    }

  for (guint i = 0; i < self.link_tables->len; i++)
    g_ptr_array_add (self.schema->tables, g_ptr_array_index (self.link_tables, i));
  for (guint i = 0; i < self.schema->tables->len; i++)
    finish_table (&self, g_ptr_array_index (self.schema->tables, i));

  g_ptr_array_unref (self.link_tables);
  g_hash_table_unref (self.entities);
  g_hash_table_unref (self.tables);
  g_hash_table_unref (self.used_names);
  g_hash_table_unref (self.claimable);
  g_hash_table_unref (self.appended);
  g_hash_table_unref (self.key_parts);
  return self.schema;
}

static GStrv logical_fk_columns (const CardinalModel        *model,
                                 const CardinalRelationship *relationship,
                                 guint                       side,
                                 const char                 *role,
                                 guint                       depth);

/* What the engineer makes an entity's key, worked out on the logical model
 * (identifying relationships included), for callers that have no tables. */
static GStrv
logical_entity_key (const CardinalModel  *model,
                    const CardinalEntity *entity,
                    guint                 depth)
{
  g_auto(GStrv) attributes = cardinal_entity_key_names (entity);
  GStrvBuilder *builder;
  GStrv key;

  /* A chain of identifying relationships this deep is a cycle. */
  if (entity->primary_key_order != NULL || depth > 16)
    return g_steal_pointer (&attributes);

  builder = g_strv_builder_new ();
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      const char *holder;
      g_auto(GStrv) columns = NULL;

      if (!relationship->identifying || !cardinal_strategy_fits_kind (relationship->strategy, relationship->kind))
        continue;
      if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind != CARDINAL_KIND_ONE_TO_MANY)
        holder = relationship->entity1;
      else if (relationship->strategy == CARDINAL_STRATEGY_FK ||
               relationship->strategy == CARDINAL_STRATEGY_UNIQUE_FK)
        holder = relationship->entity2;
      else
        continue;
      if (!g_str_equal (holder, entity->name))
        continue;

      columns = holder == relationship->entity1
        ? logical_fk_columns (model, relationship, 2, cardinal_relationship_entity2_role (relationship), depth + 1)
        : logical_fk_columns (model, relationship, 1, cardinal_relationship_entity1_role (relationship), depth + 1);
      for (guint j = 0; columns != NULL && columns[j] != NULL; j++)
        if (!g_strv_contains ((const char * const *) attributes, columns[j]))
          g_strv_builder_add (builder, columns[j]);
    }
  g_strv_builder_addv (builder, (const char **) attributes);
  key = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);

  /* Two identifying relationships may share a column: the key names it once. */
  for (guint i = 0; key[i] != NULL; i++)
    for (guint j = i + 1; key[j] != NULL; j++)
      if (g_str_equal (key[i], key[j]))
        {
          g_free (key[j]);
          memmove (&key[j], &key[j + 1], (g_strv_length (&key[j + 1]) + 1) * sizeof (char *));
          j--;
        }
  return key;
}

/* The FK columns of the reference to entity @side: the explicit names when
 * they fit the referenced key, else <role>_<key column>. NULL when the
 * referenced entity is missing. */
static GStrv
logical_fk_columns (const CardinalModel        *model,
                    const CardinalRelationship *relationship,
                    guint                       side,
                    const char                 *role,
                    guint                       depth)
{
  CardinalEntity *entity = cardinal_model_find_entity (model, side == 1 ? relationship->entity1
                                                                          : relationship->entity2);
  GStrv explicit_key = side == 1 ? relationship->entity1_key : relationship->entity2_key;
  g_auto(GStrv) key = NULL;
  const char * const *names;
  guint n;

  if (entity == NULL)
    return NULL;

  key = strv_is_set ((const char * const *) explicit_key) ? g_strdupv (explicit_key)
                                                          : logical_entity_key (model, entity, depth);
  n = g_strv_length (key);
  names = explicit_columns (relationship, side, n);
  if (names != NULL)
    return g_strdupv ((GStrv) names);

  for (guint i = 0; i < n; i++)
    {
      char *name = g_strconcat (role, "_", key[i], NULL);

      g_free (key[i]);
      key[i] = name;
    }
  return g_steal_pointer (&key);
}

GStrv
cardinal_engineer_fk_column_names (const CardinalModel        *model,
                                   const CardinalRelationship *relationship,
                                   const char                 *referenced,
                                   const char                 *role)
{
  gboolean is1, is2;
  guint side;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (relationship != NULL, NULL);
  g_return_val_if_fail (referenced != NULL, NULL);
  g_return_val_if_fail (role != NULL, NULL);

  if (cardinal_model_find_entity (model, referenced) == NULL)
    return NULL;

  /* Which side is referenced; a relationship of an entity with itself tells by the role. */
  is1 = g_strcmp0 (relationship->entity1, referenced) == 0;
  is2 = g_strcmp0 (relationship->entity2, referenced) == 0;
  if (is1 && is2)
    side = g_str_equal (role, cardinal_relationship_entity2_role (relationship)) &&
           !g_str_equal (role, cardinal_relationship_entity1_role (relationship)) ? 2 : 1;
  else if (is2)
    side = 2;
  else if (is1)
    side = 1;
  else
    {
      /* Not an entity of this relationship: its key under @role, as before. */
      CardinalEntity *entity = cardinal_model_find_entity (model, referenced);
      GStrv key = logical_entity_key (model, entity, 0);

      for (guint i = 0; key[i] != NULL; i++)
        {
          char *name = g_strconcat (role, "_", key[i], NULL);

          g_free (key[i]);
          key[i] = name;
        }
      return key;
    }

  return logical_fk_columns (model, relationship, side, role, 0);
}
