/* cardinal-engineer.c: turns the logical model into tables, following the strategy table of DESIGN.md §2. */
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"

#include <string.h>

typedef struct
{
  const CardinalModel *model;
  CardinalSchema      *schema;
  GPtrArray           *link_tables;  /* appended after the entity tables */
  GHashTable          *entities;     /* name → CardinalEntity (first of a name wins) */
  GHashTable          *tables;       /* entity name → CardinalTable that stores it */
  GHashTable          *used_names;   /* relation/index/constraint names taken, compared up to case */
} Engineer;

/* PostgreSQL puts tables, indexes and constraints of a schema in shared
 * namespaces, so generated names are made unique across the whole schema. */
static char *
claim_name (Engineer   *self,
            const char *wanted)
{
  char *name = cardinal_identifier_fit (wanted);

  for (guint n = 2; g_hash_table_contains (self->used_names, name); n++)
    {
      g_autofree char *numbered = g_strdup_printf ("%s_%u", wanted, n);

      g_free (name);
      name = cardinal_identifier_fit (numbered);
    }

  g_hash_table_add (self->used_names, g_strdup (name));
  return name;
}

static char *
joined_name (const char          *table,
             const char * const  *columns,
             const char          *suffix)
{
  GString *name = g_string_new (table);

  for (guint i = 0; columns[i] != NULL; i++)
    {
      g_string_append_c (name, '_');
      g_string_append (name, columns[i]);
    }
  g_string_append_c (name, '_');
  g_string_append (name, suffix);
  return g_string_free (name, FALSE);
}

static void
add_index (Engineer           *self,
           CardinalTable      *table,
           const char * const *columns,
           gboolean            unique)
{
  g_autofree char *wanted = joined_name (table->name, columns, unique ? "key" : "idx");
  CardinalIndex *index = g_new0 (CardinalIndex, 1);

  index->name = claim_name (self, wanted);
  index->columns = g_strdupv ((GStrv) columns);
  index->unique = unique;
  g_ptr_array_add (table->indexes, index);
}

static CardinalColumn *
column_from_attribute (const CardinalAttribute *attribute)
{
  CardinalColumn *column = cardinal_column_new (attribute->name, attribute->type);

  column->nullable = attribute->nullable && !attribute->primary_key;
  column->autoincrement = attribute->autoincrement && attribute->primary_key;
  column->default_value = g_strdup (attribute->default_value);
  g_free (column->comment);
  column->comment = g_strdup (attribute->comment);
  column->attribute = g_strdup (attribute->name);
  return column;
}

/* Adds the column with the UNIQUE or index its attribute asks for. */
static void
add_attribute_column (Engineer                *self,
                      CardinalTable           *table,
                      const CardinalAttribute *attribute,
                      gboolean                 force_nullable,
                      const char              *relationship)
{
  CardinalColumn *column = column_from_attribute (attribute);
  const char *columns[] = { attribute->name, NULL };

  if (force_nullable)
    column->nullable = TRUE;
  column->relationship = g_strdup (relationship);
  g_ptr_array_add (table->columns, column);

  if (attribute->unique && !attribute->primary_key)
    g_ptr_array_add (table->uniques, cardinal_unique_new (columns));
  else if (attribute->index && !attribute->primary_key)
    add_index (self, table, columns, FALSE);
}

static CardinalTable *
table_from_entity (Engineer             *self,
                   const CardinalEntity *entity)
{
  CardinalTable *table = cardinal_table_new (entity->name);
  GPtrArray *key = g_ptr_array_new ();

  g_free (table->comment);
  table->comment = g_strdup (entity->comment);
  table->entity = g_strdup (entity->name);

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      add_attribute_column (self, table, attribute, FALSE, NULL);
      if (attribute->primary_key)
        g_ptr_array_add (key, g_strdup (attribute->name));
    }

  for (guint i = 0; i < entity->checks->len; i++)
    g_ptr_array_add (table->checks, cardinal_check_copy (g_ptr_array_index (entity->checks, i)));

  g_ptr_array_add (key, NULL);
  g_strfreev (table->primary_key);
  table->primary_key = (GStrv) g_ptr_array_free (key, FALSE);
  return table;
}

typedef struct
{
  GStrv columns;       /* FK column names in the holder */
  GStrv ref_columns;   /* referenced primary-key columns */
} KeyColumns;

static void
key_columns_clear (KeyColumns *key)
{
  g_clear_pointer (&key->columns, g_strfreev);
  g_clear_pointer (&key->ref_columns, g_strfreev);
}

/* Appends one column per primary-key column of @referenced, named
 * <role>_<pk column> and typed like it, to @holder. FALSE when @referenced has no key. */
static gboolean
add_reference_columns (CardinalTable       *holder,
                       const CardinalTable *referenced,
                       const char          *role,
                       gboolean             not_null,
                       const char          *relationship,
                       KeyColumns          *key)
{
  guint n = g_strv_length (referenced->primary_key);

  if (n == 0)
    return FALSE;

  key->columns = g_new0 (char *, n + 1);
  key->ref_columns = g_strdupv (referenced->primary_key);

  for (guint i = 0; i < n; i++)
    {
      const char *pk_name = referenced->primary_key[i];
      CardinalColumn *pk = cardinal_table_find_column (referenced, pk_name);
      CardinalColumn *column = cardinal_column_new (NULL, pk ? pk->type : "integer");

      g_free (column->name);
      column->name = g_strconcat (role, "_", pk_name, NULL);
      column->nullable = !not_null;
      column->relationship = g_strdup (relationship);
      column->attribute = g_strdup (pk_name);
      g_ptr_array_add (holder->columns, column);
      key->columns[i] = g_strdup (column->name);
    }

  return TRUE;
}

static void
add_foreign_key (Engineer                   *self,
                 CardinalTable              *holder,
                 const CardinalTable        *referenced,
                 const KeyColumns           *key,
                 const CardinalRelationship *relationship)
{
  g_autofree char *wanted = joined_name (holder->name, (const char * const *) key->columns, "fkey");
  CardinalForeignKey *foreign_key = g_new0 (CardinalForeignKey, 1);

  foreign_key->name = claim_name (self, wanted);
  foreign_key->columns = g_strdupv (key->columns);
  foreign_key->ref_table = g_strdup (referenced->name);
  foreign_key->ref_columns = g_strdupv (key->ref_columns);
  foreign_key->on_delete = relationship->on_delete;
  foreign_key->relationship = g_strdup (relationship->name);
  g_ptr_array_add (holder->foreign_keys, foreign_key);
}

/* fk (B1) and unique-fk (A3): the key lives in @holder and points at @referenced. */
static void
engineer_foreign_key (Engineer                   *self,
                      const CardinalRelationship *relationship,
                      CardinalTable              *holder,
                      const CardinalTable        *referenced,
                      const char                 *role,
                      gboolean                    not_null,
                      gboolean                    unique)
{
  KeyColumns key = { NULL, NULL };

  if (!add_reference_columns (holder, referenced, role, not_null, relationship->name, &key))
    return;

  add_foreign_key (self, holder, referenced, &key, relationship);
  if (unique)
    g_ptr_array_add (holder->uniques, cardinal_unique_new ((const char * const *) key.columns));
  else
    add_index (self, holder, (const char * const *) key.columns, FALSE);
  key_columns_clear (&key);
}

/* shared-pk (A2): the dependent table's own key is also its FK to the other's key. */
static void
engineer_shared_pk (Engineer                   *self,
                    const CardinalRelationship *relationship,
                    CardinalTable              *dependent,
                    const CardinalTable        *principal)
{
  guint n = g_strv_length (dependent->primary_key);
  KeyColumns key = { NULL, NULL };

  if (n == 0 || n != g_strv_length (principal->primary_key) || dependent == principal)
    return;

  for (guint i = 0; i < n; i++)
    {
      CardinalColumn *column = cardinal_table_find_column (dependent, dependent->primary_key[i]);

      /* The value comes from the principal row, so the dependent must not generate it. */
      if (column != NULL)
        column->autoincrement = FALSE;
    }

  key.columns = dependent->primary_key;
  key.ref_columns = principal->primary_key;
  add_foreign_key (self, dependent, principal, &key, relationship);
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

      if (attribute->primary_key)
        continue;
      /* An A without a B leaves the folded columns empty unless every A must have a B. */
      add_attribute_column (self, host, attribute, !relationship->entity1_needs_entity2,
                            relationship->name);
    }

  /* The folded columns keep their rules; a NULL left by an A without a B passes a CHECK. */
  for (guint i = 0; i < dependent->checks->len; i++)
    g_ptr_array_add (host->checks, cardinal_check_copy (g_ptr_array_index (dependent->checks, i)));
}

static void
add_link_attributes (Engineer                   *self,
                     CardinalTable              *link,
                     const CardinalRelationship *relationship)
{
  for (guint i = 0; i < relationship->link_attributes->len; i++)
    add_attribute_column (self, link, g_ptr_array_index (relationship->link_attributes, i),
                          FALSE, relationship->name);
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

/* link-table (B2, C1) and link-table-pk (C2). */
static void
engineer_link_table (Engineer                   *self,
                     const CardinalRelationship *relationship,
                     const CardinalTable        *table1,
                     const CardinalTable        *table2)
{
  g_autofree char *name = cardinal_relationship_link_table_name (relationship);
  g_autoptr(CardinalTable) link = cardinal_table_new (name);
  gboolean own_key = relationship->strategy == CARDINAL_STRATEGY_LINK_TABLE_PK;
  KeyColumns key1 = { NULL, NULL };
  KeyColumns key2 = { NULL, NULL };
  GStrv both;

  if (g_strv_length (table1->primary_key) == 0 || g_strv_length (table2->primary_key) == 0)
    return;

  link->relationship = g_strdup (relationship->name);

  if (own_key)
    {
      CardinalColumn *id = cardinal_column_new ("id", "integer");
      const char *id_key[] = { "id", NULL };

      id->nullable = FALSE;
      id->autoincrement = TRUE;
      id->relationship = g_strdup (relationship->name);
      g_ptr_array_add (link->columns, id);
      g_strfreev (link->primary_key);
      link->primary_key = g_strdupv ((GStrv) id_key);
    }

  add_reference_columns (link, table1, cardinal_relationship_entity1_role (relationship),
                         TRUE, relationship->name, &key1);
  add_reference_columns (link, table2, cardinal_relationship_entity2_role (relationship),
                         TRUE, relationship->name, &key2);
  add_link_attributes (self, link, relationship);

  both = concat_strv (key1.columns, key2.columns);
  if (own_key)
    {
      g_ptr_array_add (link->uniques, cardinal_unique_new ((const char * const *) both));
      g_strfreev (both);
    }
  else
    {
      g_strfreev (link->primary_key);
      link->primary_key = both;
    }

  /* In one-to-many each entity2 appears once; in many-to-one each entity1 does. */
  if (relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
    g_ptr_array_add (link->uniques, cardinal_unique_new ((const char * const *) key2.columns));
  else if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    g_ptr_array_add (link->uniques, cardinal_unique_new ((const char * const *) key1.columns));

  add_foreign_key (self, link, table1, &key1, relationship);
  add_foreign_key (self, link, table2, &key2, relationship);

  /* The key or UNIQUE leads with entity1's columns; lookups from entity2 need their own index. */
  if (relationship->kind != CARDINAL_KIND_ONE_TO_MANY)
    add_index (self, link, (const char * const *) key2.columns, FALSE);

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
  const char *role1 = cardinal_relationship_entity1_role (relationship);
  const char *role2 = cardinal_relationship_entity2_role (relationship);

  if (table1 == NULL || table2 == NULL ||
      !cardinal_strategy_fits_kind (relationship->strategy, relationship->kind))
    return;

  switch (relationship->strategy)
    {
    case CARDINAL_STRATEGY_FK:
      if (relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
        engineer_foreign_key (self, relationship, table2, table1, role1,
                              relationship->entity2_needs_entity1, FALSE);
      else
        engineer_foreign_key (self, relationship, table1, table2, role2,
                              relationship->entity1_needs_entity2, FALSE);
      break;

    case CARDINAL_STRATEGY_UNIQUE_FK:
      engineer_foreign_key (self, relationship, table2, table1, role1,
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

CardinalSchema *
cardinal_engineer (const CardinalModel *model)
{
  Engineer self = { 0 };
  g_autoptr(GHashTable) merged = NULL;

  g_return_val_if_fail (model != NULL, NULL);

  self.model = model;
  self.schema = cardinal_schema_new (model->name);
  self.link_tables = g_ptr_array_new ();
  self.entities = g_hash_table_new (g_str_hash, g_str_equal);
  self.tables = g_hash_table_new (g_str_hash, g_str_equal);
  self.used_names = g_hash_table_new_full (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal,
                                           g_free, NULL);

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (!g_hash_table_contains (self.entities, entity->name))
        g_hash_table_insert (self.entities, entity->name, entity);
      g_hash_table_add (self.used_names, g_strdup (entity->name));
    }

  /* Link tables are named by the user, so they take precedence over generated index names. */
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (cardinal_strategy_has_link_table (relationship->strategy))
        {
          g_autofree char *name = cardinal_relationship_link_table_name (relationship);

          g_hash_table_add (self.used_names, g_steal_pointer (&name));
        }
    }

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

  for (guint i = 0; i < model->relationships->len; i++)
    engineer_relationship (&self, g_ptr_array_index (model->relationships, i));

  for (guint i = 0; i < self.link_tables->len; i++)
    g_ptr_array_add (self.schema->tables, g_ptr_array_index (self.link_tables, i));

  g_ptr_array_unref (self.link_tables);
  g_hash_table_unref (self.entities);
  g_hash_table_unref (self.tables);
  g_hash_table_unref (self.used_names);
  return self.schema;
}

GStrv
cardinal_engineer_fk_column_names (const CardinalModel        *model,
                                   const CardinalRelationship *relationship,
                                   const char                 *referenced,
                                   const char                 *role)
{
  CardinalEntity *entity;
  GStrvBuilder *builder;
  GStrv result;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (relationship != NULL, NULL);
  g_return_val_if_fail (referenced != NULL, NULL);
  g_return_val_if_fail (role != NULL, NULL);

  entity = cardinal_model_find_entity (model, referenced);
  if (entity == NULL)
    return NULL;

  builder = g_strv_builder_new ();
  for (guint i = 0; i < entity->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      if (attribute->primary_key)
        {
          g_autofree char *name = g_strconcat (role, "_", attribute->name, NULL);

          g_strv_builder_add (builder, name);
        }
    }

  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}
