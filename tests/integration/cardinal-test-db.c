/* cardinal-test-db.c: the row statements of the test database interface, written once over a backend's run(). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-db-backend.h"

#include "cardinal-identifier.h"

G_DEFINE_QUARK (cardinal-test-db-error-quark, cardinal_test_db_error)

void
cardinal_test_db_free (CardinalTestDb *db)
{
  if (db == NULL)
    return;

  g_free (db->last_error);
  db->backend->free (db);
}

const char *
cardinal_test_db_get_name (CardinalTestDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->backend->name;
}

CardinalDialect
cardinal_test_db_get_dialect (CardinalTestDb *db)
{
  g_return_val_if_fail (db != NULL, CARDINAL_DIALECT_SQLITE);

  return db->backend->dialect;
}

const char *
cardinal_test_db_get_last_error (CardinalTestDb *db)
{
  g_return_val_if_fail (db != NULL, NULL);

  return db->last_error;
}

const char *
cardinal_test_db_outcome_to_string (CardinalTestDbOutcome outcome)
{
  switch (outcome)
    {
    case CARDINAL_TEST_DB_ACCEPTED:
      return "accepted";
    case CARDINAL_TEST_DB_VIOLATES_NOT_NULL:
      return "NOT NULL";
    case CARDINAL_TEST_DB_VIOLATES_UNIQUE:
      return "UNIQUE";
    case CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY:
      return "FOREIGN KEY";
    case CARDINAL_TEST_DB_FAILED:
    default:
      return "failed";
    }
}

gboolean
cardinal_test_db_execute (CardinalTestDb  *db,
                          const char      *script,
                          GError         **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (script != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return db->backend->execute (db, script, error);
}

/* Refusals are expected by most callers; the message still goes to the TAP
 * log, where it explains a refusal that was not. */
static CardinalTestDbOutcome
run (CardinalTestDb      *db,
     const char          *sql,
     const char * const  *params,
     guint                n_params,
     char               **first_value)
{
  CardinalTestDbOutcome outcome;

  g_clear_pointer (&db->last_error, g_free);
  outcome = db->backend->run (db, sql, params, n_params, first_value);
  if (outcome != CARDINAL_TEST_DB_ACCEPTED)
    g_test_message ("%s: %s", sql, db->last_error != NULL ? db->last_error : "failed");
  return outcome;
}

static void
append_placeholder (GString        *sql,
                    CardinalTestDb *db,
                    guint           number)
{
  g_string_append_printf (sql, "%c%u", db->backend->placeholder, number);
}

/* " FROM "table" WHERE "column" = <first parameter>" */
static void
append_from_where (GString        *sql,
                   CardinalTestDb *db,
                   const char     *table,
                   const char     *column)
{
  g_string_append (sql, " FROM ");
  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, column);
  g_string_append (sql, " = ");
  append_placeholder (sql, db, 1);
}

CardinalTestDbOutcome
cardinal_test_db_insert (CardinalTestDb      *db,
                         const char          *table,
                         const char * const  *columns,
                         const char * const  *values,
                         guint                n_columns,
                         const char          *key_column,
                         char               **key_out)
{
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");

  g_return_val_if_fail (db != NULL, CARDINAL_TEST_DB_FAILED);
  g_return_val_if_fail (table != NULL, CARDINAL_TEST_DB_FAILED);
  g_return_val_if_fail (n_columns == 0 || (columns != NULL && values != NULL), CARDINAL_TEST_DB_FAILED);
  g_return_val_if_fail (key_column == NULL || key_out != NULL, CARDINAL_TEST_DB_FAILED);

  cardinal_identifier_append_quoted (sql, table);
  if (n_columns == 0)
    g_string_append (sql, " DEFAULT VALUES");
  else
    {
      g_string_append (sql, " (");
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append (sql, ", ");
          cardinal_identifier_append_quoted (sql, columns[i]);
        }
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < n_columns; i++)
        {
          if (i > 0)
            g_string_append (sql, ", ");
          append_placeholder (sql, db, i + 1);
        }
      g_string_append_c (sql, ')');
    }
  if (key_column != NULL)
    {
      g_string_append (sql, " RETURNING ");
      cardinal_identifier_append_quoted (sql, key_column);
    }

  return run (db, sql->str, values, n_columns, key_out);
}

CardinalTestDbOutcome
cardinal_test_db_delete (CardinalTestDb *db,
                         const char     *table,
                         const char     *column,
                         const char     *value)
{
  g_autoptr(GString) sql = g_string_new ("DELETE");

  g_return_val_if_fail (db != NULL, CARDINAL_TEST_DB_FAILED);
  g_return_val_if_fail (table != NULL && column != NULL, CARDINAL_TEST_DB_FAILED);

  append_from_where (sql, db, table, column);
  return run (db, sql->str, &value, 1, NULL);
}

/* A query that must succeed: its failure is an error, not an outcome. */
static gboolean
query_value (CardinalTestDb  *db,
             const char      *sql,
             const char      *param,
             char           **value_out,
             GError         **error)
{
  if (run (db, sql, &param, 1, value_out) != CARDINAL_TEST_DB_ACCEPTED)
    {
      g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED, "%s: %s", sql,
                   db->last_error != NULL ? db->last_error : "failed");
      return FALSE;
    }
  return TRUE;
}

gboolean
cardinal_test_db_count (CardinalTestDb  *db,
                        const char      *table,
                        const char      *column,
                        const char      *value,
                        guint           *count,
                        GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*)");
  g_autofree char *text = NULL;

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table != NULL && column != NULL, FALSE);
  g_return_val_if_fail (count != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  append_from_where (sql, db, table, column);
  if (!query_value (db, sql->str, value, &text, error))
    return FALSE;
  *count = text != NULL ? (guint) g_ascii_strtoull (text, NULL, 10) : 0;
  return TRUE;
}

gboolean
cardinal_test_db_read_value (CardinalTestDb  *db,
                             const char      *table,
                             const char      *column,
                             const char      *key_column,
                             const char      *key,
                             char           **value_out,
                             GError         **error)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");

  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (table != NULL && column != NULL && key_column != NULL, FALSE);
  g_return_val_if_fail (value_out != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  *value_out = NULL;
  cardinal_identifier_append_quoted (sql, column);
  append_from_where (sql, db, table, key_column);
  return query_value (db, sql->str, key, value_out, error);
}

CardinalSchema *
cardinal_test_db_read_catalogue (CardinalTestDb  *db,
                                 GError         **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return db->backend->read_catalogue (db, error);
}

gboolean
cardinal_test_db_check_integrity (CardinalTestDb  *db,
                                  GError         **error)
{
  g_return_val_if_fail (db != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return db->backend->check_integrity (db, error);
}
