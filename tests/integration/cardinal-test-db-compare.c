/* cardinal-test-db-compare.c: an engineered schema against the catalogue a database reports, down to the first difference. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-db-backend.h"

#include <string.h>

#include "cardinal-test-schema.h"

/* Column lists in messages: "(a, b)". */
static char *
describe_columns (const char * const *columns)
{
  g_autofree char *joined = g_strjoinv (", ", (char **) columns);

  return g_strdup_printf ("(%s)", joined);
}

static const char *
describe_on_delete (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return "ON DELETE RESTRICT";
    case CARDINAL_ON_DELETE_CASCADE:
      return "ON DELETE CASCADE";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "ON DELETE SET NULL";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return "ON DELETE NO ACTION";
    }
}

/* "(a) -> "t" (id)"; a reference without a column list means the primary key. */
static char *
describe_reference (const CardinalForeignKey *fk)
{
  g_autofree char *columns = describe_columns ((const char * const *) fk->columns);
  g_autofree char *ref_columns = NULL;

  if (fk->ref_columns == NULL || fk->ref_columns[0] == NULL)
    return g_strdup_printf ("%s -> \"%s\" (its primary key)", columns, fk->ref_table);
  ref_columns = describe_columns ((const char * const *) fk->ref_columns);
  return g_strdup_printf ("%s -> \"%s\" %s", columns, fk->ref_table, ref_columns);
}

/* Column lists that the physical model leaves NULL count as empty. */
static gboolean
strv_equal (GStrv a,
            GStrv b)
{
  static char *empty[] = { NULL };

  return g_strv_equal ((const char * const *) (a != NULL ? a : empty),
                       (const char * const *) (b != NULL ? b : empty));
}

/* UNIQUE (a, b) and UNIQUE (b, a) hold the same rows. */
static gboolean
same_column_set (const char * const *a,
                 const char * const *b)
{
  guint n = g_strv_length ((GStrv) a);

  if (n != g_strv_length ((GStrv) b))
    return FALSE;
  for (guint i = 0; i < n; i++)
    if (!g_strv_contains (b, a[i]))
      return FALSE;
  return TRUE;
}

static char *
compare_columns (CardinalTestDb       *db,
                 const CardinalTable  *engineered,
                 const CardinalTable  *catalogue,
                 GError              **error)
{
  CardinalTestDbFeatures features = db->backend->features;
  g_auto(GStrv) types = NULL;

  for (guint i = 0; i < engineered->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (engineered->columns, i);

      if (cardinal_table_find_column (catalogue, column->name) == NULL)
        return g_strdup_printf ("table \"%s\": column \"%s\": missing from the database",
                                engineered->name, column->name);
    }
  for (guint i = 0; i < catalogue->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (catalogue->columns, i);

      if (cardinal_table_find_column (engineered, column->name) == NULL)
        return g_strdup_printf ("table \"%s\": column \"%s\": in the database, but not in the engineered schema",
                                engineered->name, column->name);
    }

  types = db->backend->spell_types (db, engineered, error);
  if (types == NULL)
    return NULL;
  if (g_strv_length (types) != engineered->columns->len)
    {
      g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                   "table \"%s\": %u column types spelled for %u columns",
                   engineered->name, g_strv_length (types), engineered->columns->len);
      return NULL;
    }

  for (guint i = 0; i < engineered->columns->len; i++)
    {
      const CardinalColumn *expected = g_ptr_array_index (engineered->columns, i);
      const CardinalColumn *actual = g_ptr_array_index (catalogue->columns, i);
      const char *table = engineered->name;
      const char *name = expected->name;
      gboolean expected_default;

      if (!g_str_equal (actual->name, name))
        {
          guint position = 0;

          while (!g_str_equal (((CardinalColumn *) g_ptr_array_index (catalogue->columns, position))->name, name))
            position++;
          return g_strdup_printf ("table \"%s\": column \"%s\": expected at position %u, database has it at %u",
                                  table, name, i + 1, position + 1);
        }

      /* Type names are case-insensitive in SQL. */
      if (g_ascii_strcasecmp (types[i], actual->type) != 0)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected type %s, database has %s",
                                table, name, types[i], actual->type);
      if (expected->nullable != actual->nullable)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected %s, database has %s", table, name,
                                expected->nullable ? "NULL" : "NOT NULL",
                                actual->nullable ? "NULL" : "NOT NULL");
      if (expected->autoincrement != actual->autoincrement)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected %s, database has %s", table, name,
                                expected->autoincrement ? "autoincrement" : "no autoincrement",
                                actual->autoincrement ? "autoincrement" : "none");

      /* Defaults by presence only: each database prints an expression its own way. */
      expected_default = expected->default_value != NULL
                         && !(expected->autoincrement && (features & CARDINAL_TEST_DB_IDENTITY_IS_DEFAULT));
      if (expected_default && actual->default_value == NULL)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected DEFAULT %s, database has none",
                                table, name, expected->default_value);
      if (!expected_default && actual->default_value != NULL)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected no default, database has DEFAULT %s",
                                table, name, actual->default_value);

      if ((features & CARDINAL_TEST_DB_READS_COMMENTS) && g_strcmp0 (expected->comment, actual->comment) != 0)
        return g_strdup_printf ("table \"%s\": column \"%s\": expected the comment \"%s\", database has \"%s\"",
                                table, name, expected->comment, actual->comment);
    }

  return NULL;
}

static char *
compare_primary_key (const CardinalTable *engineered,
                     const CardinalTable *catalogue)
{
  g_autofree char *expected = NULL;
  g_autofree char *actual = NULL;

  if (strv_equal (engineered->primary_key, catalogue->primary_key))
    return NULL;

  expected = g_strv_length (engineered->primary_key) > 0
             ? describe_columns ((const char * const *) engineered->primary_key) : NULL;
  actual = g_strv_length (catalogue->primary_key) > 0
           ? describe_columns ((const char * const *) catalogue->primary_key) : NULL;
  return g_strdup_printf ("table \"%s\": expected %s%s, database has %s%s", engineered->name,
                          expected != NULL ? "PRIMARY KEY " : "no primary key", expected != NULL ? expected : "",
                          actual != NULL ? "PRIMARY KEY " : "no primary key", actual != NULL ? actual : "");
}

/* The catalogue's foreign key that stands for @fk: same columns, and the same
 * referenced table if there is one; NULL when none is left. */
static const CardinalForeignKey *
match_foreign_key (const CardinalTable      *catalogue,
                   const CardinalForeignKey *fk,
                   gboolean                 *used)
{
  gint fallback = -1;

  for (guint i = 0; i < catalogue->foreign_keys->len; i++)
    {
      const CardinalForeignKey *candidate = g_ptr_array_index (catalogue->foreign_keys, i);

      if (used[i] || !strv_equal (candidate->columns, fk->columns))
        continue;
      if (g_strcmp0 (candidate->ref_table, fk->ref_table) == 0)
        {
          used[i] = TRUE;
          return candidate;
        }
      if (fallback < 0)
        fallback = (gint) i;
    }

  if (fallback < 0)
    return NULL;
  used[fallback] = TRUE;
  return g_ptr_array_index (catalogue->foreign_keys, fallback);
}

static char *
compare_foreign_keys (CardinalTestDb      *db,
                      const CardinalTable *engineered,
                      const CardinalTable *catalogue)
{
  g_autofree gboolean *used = g_new0 (gboolean, catalogue->foreign_keys->len + 1);
  gboolean names = (db->backend->features & CARDINAL_TEST_DB_READS_CONSTRAINT_NAMES) != 0;

  for (guint i = 0; i < engineered->foreign_keys->len; i++)
    {
      const CardinalForeignKey *expected = g_ptr_array_index (engineered->foreign_keys, i);
      const CardinalForeignKey *actual = match_foreign_key (catalogue, expected, used);
      g_autofree char *reference = describe_reference (expected);

      if (actual == NULL)
        return g_strdup_printf ("table \"%s\": foreign key %s: missing from the database",
                                engineered->name, reference);
      if (g_strcmp0 (actual->ref_table, expected->ref_table) != 0
          || !strv_equal (actual->ref_columns, expected->ref_columns))
        {
          g_autofree char *actual_reference = describe_reference (actual);

          return g_strdup_printf ("table \"%s\": foreign key %s: database has %s",
                                  engineered->name, reference, actual_reference);
        }
      if (actual->on_delete != expected->on_delete)
        return g_strdup_printf ("table \"%s\": foreign key %s: expected %s, database has %s",
                                engineered->name, reference, describe_on_delete (expected->on_delete),
                                describe_on_delete (actual->on_delete));
      if (names && g_strcmp0 (actual->name, expected->name) != 0)
        return g_strdup_printf ("table \"%s\": foreign key %s: expected the name \"%s\", database has \"%s\"",
                                engineered->name, reference, expected->name, actual->name);
    }

  for (guint i = 0; i < catalogue->foreign_keys->len; i++)
    {
      g_autofree char *reference = NULL;

      if (used[i])
        continue;
      reference = describe_reference (g_ptr_array_index (catalogue->foreign_keys, i));
      return g_strdup_printf ("table \"%s\": foreign key %s: in the database, but not in the engineered schema",
                              engineered->name, reference);
    }

  return NULL;
}

static char *
compare_uniques (const CardinalTable *engineered,
                 const CardinalTable *catalogue)
{
  g_autofree gboolean *used = g_new0 (gboolean, catalogue->uniques->len + 1);

  for (guint i = 0; i < engineered->uniques->len; i++)
    {
      const char * const *expected = (const char * const *) ((const CardinalUnique *) g_ptr_array_index (engineered->uniques, i))->columns;
      gboolean found = FALSE;

      for (guint k = 0; k < catalogue->uniques->len && !found; k++)
        {
          found = !used[k] && same_column_set (expected, (const char * const *) ((const CardinalUnique *) g_ptr_array_index (catalogue->uniques, k))->columns);
          used[k] = used[k] || found;
        }
      if (!found)
        {
          g_autofree char *columns = describe_columns (expected);

          return g_strdup_printf ("table \"%s\": UNIQUE %s: missing from the database",
                                  engineered->name, columns);
        }
    }

  for (guint i = 0; i < catalogue->uniques->len; i++)
    {
      g_autofree char *columns = NULL;

      if (used[i])
        continue;
      columns = describe_columns ((const char * const *) ((const CardinalUnique *) g_ptr_array_index (catalogue->uniques, i))->columns);
      return g_strdup_printf ("table \"%s\": UNIQUE %s: in the database, but not in the engineered schema",
                              engineered->name, columns);
    }

  return NULL;
}

static char *
compare_indexes (const CardinalTable *engineered,
                 const CardinalTable *catalogue)
{
  for (guint i = 0; i < engineered->indexes->len; i++)
    {
      const CardinalIndex *expected = g_ptr_array_index (engineered->indexes, i);
      const CardinalIndex *actual = cardinal_test_find_index (catalogue, expected->name);

      if (actual == NULL)
        return g_strdup_printf ("table \"%s\": index \"%s\": missing from the database",
                                engineered->name, expected->name);
      /* An index's column order matters, unlike a UNIQUE constraint's. */
      if (!strv_equal (expected->columns, actual->columns))
        {
          g_autofree char *expected_columns = describe_columns ((const char * const *) expected->columns);
          g_autofree char *actual_columns = describe_columns ((const char * const *) actual->columns);

          return g_strdup_printf ("table \"%s\": index \"%s\": expected the columns %s, database has %s",
                                  engineered->name, expected->name, expected_columns, actual_columns);
        }
      if (expected->unique != actual->unique)
        return g_strdup_printf ("table \"%s\": index \"%s\": expected %s index, database has %s index",
                                engineered->name, expected->name,
                                expected->unique ? "a UNIQUE" : "a non-unique",
                                actual->unique ? "a UNIQUE" : "a non-unique");
    }

  for (guint i = 0; i < catalogue->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (catalogue->indexes, i);

      if (cardinal_test_find_index (engineered, index->name) == NULL)
        return g_strdup_printf ("table \"%s\": index \"%s\": in the database, but not in the engineered schema",
                                engineered->name, index->name);
    }

  return NULL;
}

static char *
compare_table (CardinalTestDb       *db,
               const CardinalTable  *engineered,
               const CardinalTable  *catalogue,
               GError              **error)
{
  char *difference;

  if ((db->backend->features & CARDINAL_TEST_DB_READS_COMMENTS)
      && g_strcmp0 (engineered->comment, catalogue->comment) != 0)
    return g_strdup_printf ("table \"%s\": expected the comment \"%s\", database has \"%s\"",
                            engineered->name, engineered->comment, catalogue->comment);

  /* Only the columns ask the database anything, for the spelling of types. */
  difference = compare_columns (db, engineered, catalogue, error);
  if (difference != NULL || *error != NULL)
    return difference;
  difference = compare_primary_key (engineered, catalogue);
  if (difference == NULL)
    difference = compare_foreign_keys (db, engineered, catalogue);
  if (difference == NULL)
    difference = compare_uniques (engineered, catalogue);
  if (difference == NULL)
    difference = compare_indexes (engineered, catalogue);
  return difference;
}

char *
cardinal_test_db_compare_catalogue (CardinalTestDb        *db,
                                    const CardinalSchema  *engineered,
                                    const CardinalSchema  *catalogue,
                                    GError               **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (engineered != NULL && catalogue != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  for (guint i = 0; i < engineered->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (engineered->tables, i);

      if (cardinal_schema_find_table (catalogue, table->name) == NULL)
        return g_strdup_printf ("table \"%s\": missing from the database", table->name);
    }
  for (guint i = 0; i < catalogue->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (catalogue->tables, i);

      if (cardinal_schema_find_table (engineered, table->name) == NULL)
        return g_strdup_printf ("table \"%s\": in the database, but not in the engineered schema", table->name);
    }

  for (guint i = 0; i < engineered->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (engineered->tables, i);
      GError *local_error = NULL;
      char *difference;

      difference = compare_table (db, table, cardinal_schema_find_table (catalogue, table->name), &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (difference != NULL)
        return difference;
    }

  return NULL;
}
