/* cardinal-physical.c: constructors, destructors and lookups for the physical model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-physical.h"

CardinalColumn *
cardinal_column_new (const char *name,
                     const char *type)
{
  CardinalColumn *column = g_new0 (CardinalColumn, 1);

  column->name = g_strdup (name ? name : "");
  column->type = g_strdup (type ? type : "");
  column->nullable = TRUE;
  column->comment = g_strdup ("");
  return column;
}

void
cardinal_column_free (CardinalColumn *column)
{
  if (column == NULL)
    return;

  g_free (column->name);
  g_free (column->type);
  g_free (column->default_value);
  g_free (column->comment);
  g_free (column->relationship);
  g_free (column->attribute);
  cardinal_sequence_free (column->sequence);
  g_free (column->sql_type);
  g_free (column->collation);
  g_free (column->generated);
  g_free (column);
}

void
cardinal_foreign_key_free (CardinalForeignKey *foreign_key)
{
  if (foreign_key == NULL)
    return;

  g_free (foreign_key->name);
  g_strfreev (foreign_key->columns);
  g_free (foreign_key->ref_table);
  g_strfreev (foreign_key->ref_columns);
  g_free (foreign_key->relationship);
  g_free (foreign_key->ref_schema);
  g_free (foreign_key);
}

CardinalTable *
cardinal_table_new (const char *name)
{
  CardinalTable *table = g_new0 (CardinalTable, 1);

  table->name = g_strdup (name ? name : "");
  table->comment = g_strdup ("");
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_column_free);
  table->primary_key = g_new0 (char *, 1);
  table->uniques = cardinal_unique_array_new ();
  table->checks = cardinal_check_array_new ();
  table->foreign_keys = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_foreign_key_free);
  table->indexes = cardinal_index_array_new ();
  return table;
}

void
cardinal_table_free (CardinalTable *table)
{
  if (table == NULL)
    return;

  g_free (table->name);
  g_free (table->comment);
  g_ptr_array_unref (table->columns);
  g_strfreev (table->primary_key);
  g_ptr_array_unref (table->uniques);
  g_ptr_array_unref (table->checks);
  g_ptr_array_unref (table->foreign_keys);
  g_ptr_array_unref (table->indexes);
  g_free (table->entity);
  g_free (table->relationship);
  g_free (table->schema);
  g_free (table->primary_key_name);
  g_free (table->partition_by);
  g_free (table);
}

CardinalColumn *
cardinal_table_find_column (const CardinalTable *table,
                            const char          *name)
{
  g_return_val_if_fail (table != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cardinal_find_named (table->columns, G_STRUCT_OFFSET (CardinalColumn, name), name);
}

/* Same set of names, order ignored: UNIQUE (a, b) covers the same rows as UNIQUE (b, a). */
static gboolean
same_column_set (const char * const *a,
                 const char * const *b)
{
  guint n = g_strv_length ((GStrv) a);

  if (n == 0 || n != g_strv_length ((GStrv) b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

gboolean
cardinal_table_has_unique (const CardinalTable *table,
                           const char * const  *columns)
{
  g_return_val_if_fail (table != NULL, FALSE);
  g_return_val_if_fail (columns != NULL, FALSE);

  if (same_column_set ((const char * const *) table->primary_key, columns))
    return TRUE;
  for (guint i = 0; i < table->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (table->uniques, i);

      if (same_column_set ((const char * const *) unique->columns, columns))
        return TRUE;
    }
  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      /* A partial unique index does not make the columns unique everywhere. */
      if (index->unique && index->where == NULL
          && same_column_set ((const char * const *) index->columns, columns))
        return TRUE;
    }
  return FALSE;
}

CardinalSchema *
cardinal_schema_new (const char *name)
{
  CardinalSchema *schema = g_new0 (CardinalSchema, 1);

  schema->name = g_strdup (name ? name : "");
  schema->tables = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_table_free);
  schema->schemas = g_ptr_array_new_with_free_func (g_free);
  schema->extensions = cardinal_extension_array_new ();
  schema->types = cardinal_user_type_array_new ();
  schema->sequences = cardinal_sequence_array_new ();
  schema->objects = cardinal_sql_object_array_new ();
  return schema;
}

void
cardinal_schema_free (CardinalSchema *schema)
{
  if (schema == NULL)
    return;

  g_free (schema->name);
  g_ptr_array_unref (schema->tables);
  g_ptr_array_unref (schema->schemas);
  g_ptr_array_unref (schema->extensions);
  g_ptr_array_unref (schema->types);
  g_ptr_array_unref (schema->sequences);
  g_ptr_array_unref (schema->objects);
  g_free (schema);
}

CardinalTable *
cardinal_schema_find_table (const CardinalSchema *schema,
                            const char           *name)
{
  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (name != NULL, NULL);

  return cardinal_find_named (schema->tables, G_STRUCT_OFFSET (CardinalTable, name), name);
}
