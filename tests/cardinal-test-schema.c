/* cardinal-test-schema.c: physical schemas built by hand in tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-schema.h"

CardinalTable *
cardinal_test_add_table (CardinalSchema *schema,
                         const char     *name)
{
  CardinalTable *table = cardinal_table_new (name);

  g_ptr_array_add (schema->tables, table);
  return table;
}

CardinalColumn *
cardinal_test_add_column (CardinalTable *table,
                          const char    *name,
                          const char    *type,
                          gboolean       nullable)
{
  CardinalColumn *column = cardinal_column_new (name, type);

  column->nullable = nullable;
  g_ptr_array_add (table->columns, column);
  return column;
}

void
cardinal_test_set_primary_key (CardinalTable *table,
                               GStrv          columns)
{
  g_strfreev (table->primary_key);
  table->primary_key = columns;
}

CardinalForeignKey *
cardinal_test_add_foreign_key (CardinalTable    *table,
                               const char       *name,
                               GStrv             columns,
                               const char       *ref_table,
                               GStrv             ref_columns,
                               CardinalOnDelete  on_delete)
{
  CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);

  fk->name = g_strdup (name);
  fk->columns = columns;
  fk->ref_table = g_strdup (ref_table);
  fk->ref_columns = ref_columns;
  fk->on_delete = on_delete;
  g_ptr_array_add (table->foreign_keys, fk);
  return fk;
}

CardinalIndex *
cardinal_test_add_index (CardinalTable *table,
                         const char    *name,
                         GStrv          columns,
                         gboolean       unique)
{
  CardinalIndex *index = g_new0 (CardinalIndex, 1);

  index->name = g_strdup (name);
  index->columns = columns;
  index->unique = unique;
  g_ptr_array_add (table->indexes, index);
  return index;
}

const CardinalIndex *
cardinal_test_find_index (const CardinalTable *table,
                          const char          *name)
{
  for (guint i = 0; i < table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      if (g_strcmp0 (index->name, name) == 0)
        return index;
    }
  return NULL;
}
