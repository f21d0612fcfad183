/* cardinal-test-db-postgresql.c: the PostgreSQL backend of the test database interface (a database of its own on the test cluster). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-db-backend.h"

#include <json-glib/json-glib.h>
#include <libpq-fe.h>

typedef struct
{
  CardinalTestDb  parent;
  PGconn         *conn;
} PostgresqlDb;

static PGconn *
conn_of (CardinalTestDb *db)
{
  return ((PostgresqlDb *) db)->conn;
}

static void
postgresql_free (CardinalTestDb *db)
{
  g_clear_pointer (&((PostgresqlDb *) db)->conn, PQfinish);
  g_free (db);
}

static gboolean
result_ok (PGresult *result)
{
  ExecStatusType status = PQresultStatus (result);

  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;
}

/* The whole script in one go, as psql -f or an application would run it. */
static gboolean
postgresql_execute (CardinalTestDb  *db,
                    const char      *script,
                    GError         **error)
{
  PGresult *result = PQexec (conn_of (db), script);
  gboolean ok = result_ok (result);

  if (!ok)
    g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                 "%s", PQresultErrorMessage (result));
  PQclear (result);
  return ok;
}

/* A query that must succeed; the caller clears the result. */
static PGresult *
query (CardinalTestDb      *db,
       const char          *sql,
       const char * const  *params,
       guint                n_params,
       GError             **error)
{
  PGresult *result = PQexecParams (conn_of (db), sql, (int) n_params, NULL, params, NULL, NULL, 0);

  if (!result_ok (result))
    {
      g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                   "%s: %s", sql, PQresultErrorMessage (result));
      g_clear_pointer (&result, PQclear);
    }
  return result;
}

/* A catalogue query about the table @oid, as $1. */
static PGresult *
query_table (CardinalTestDb  *db,
             const char      *sql,
             const char      *oid,
             GError         **error)
{
  return query (db, sql, &oid, 1, error);
}

/* By SQLSTATE: 23502 not_null_violation, 23505 unique_violation, 23503
 * foreign_key_violation, 23001 restrict_violation. */
static CardinalTestDbOutcome
classify (const char *sqlstate)
{
  if (g_strcmp0 (sqlstate, "23502") == 0)
    return CARDINAL_TEST_DB_VIOLATES_NOT_NULL;
  if (g_strcmp0 (sqlstate, "23505") == 0)
    return CARDINAL_TEST_DB_VIOLATES_UNIQUE;
  if (g_strcmp0 (sqlstate, "23503") == 0 || g_strcmp0 (sqlstate, "23001") == 0)
    return CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY;
  return CARDINAL_TEST_DB_FAILED;
}

static CardinalTestDbOutcome
postgresql_run (CardinalTestDb      *db,
                const char          *sql,
                const char * const  *params,
                guint                n_params,
                char               **first_value)
{
  PGresult *result = PQexecParams (conn_of (db), sql, (int) n_params, NULL, params, NULL, NULL, 0);
  CardinalTestDbOutcome outcome = CARDINAL_TEST_DB_ACCEPTED;

  if (first_value != NULL)
    *first_value = NULL;

  if (!result_ok (result))
    {
      const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);
      g_autofree char *message = g_strstrip (g_strdup (PQresultErrorMessage (result)));

      db->last_error = g_strdup_printf ("%s (SQLSTATE %s)", message, sqlstate != NULL ? sqlstate : "none");
      outcome = classify (sqlstate);
    }
  else if (first_value != NULL && PQresultStatus (result) == PGRES_TUPLES_OK && PQntuples (result) > 0
           && !PQgetisnull (result, 0, 0))
    {
      *first_value = g_strdup (PQgetvalue (result, 0, 0));
    }

  PQclear (result);
  return outcome;
}

/* The DDL's spelling ("varchar(255)") comes back as "character
 * varying(255)": the expected types go through a temporary table of their own. */
static GStrv
postgresql_spell_types (CardinalTestDb       *db,
                        const CardinalTable  *table,
                        GError              **error)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TEMPORARY TABLE cardinal_expected_types (");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PGresult *result;

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *type = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_POSTGRESQL);

      g_string_append_printf (sql, "%sc%u %s", i > 0 ? ", " : "", i, type);
    }
  g_string_append_c (sql, ')');

  result = query (db, sql->str, NULL, 0, error);
  if (result == NULL)
    return NULL;
  PQclear (result);

  result = query (db, "SELECT format_type (atttypid, atttypmod) FROM pg_attribute "
                      "WHERE attrelid = 'cardinal_expected_types'::regclass AND attnum > 0 "
                      "ORDER BY attnum", NULL, 0, error);
  if (result != NULL)
    {
      for (int row = 0; row < PQntuples (result); row++)
        g_strv_builder_add (builder, PQgetvalue (result, row, 0));
      PQclear (result);
    }

  PQclear (PQexec (conn_of (db), "DROP TABLE IF EXISTS cardinal_expected_types"));
  return result != NULL ? g_strv_builder_end (builder) : NULL;
}

/* Column names in key order, as a JSON array (so that any name survives),
 * from an attnum array column. */
#define KEY_COLUMNS(attnums, relid) \
  "coalesce ((SELECT json_agg (a.attname ORDER BY k.n) " \
  "FROM unnest (" attnums ") WITH ORDINALITY AS k (attnum, n) " \
  "JOIN pg_attribute a ON a.attrelid = " relid " AND a.attnum = k.attnum), '[]')"

static GStrv
strv_from_json (const char  *text,
                GError     **error)
{
  g_autoptr(JsonNode) node = json_from_string (text, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  JsonArray *array;

  if (node == NULL)
    return NULL;
  array = json_node_get_array (node);
  for (guint i = 0; array != NULL && i < json_array_get_length (array); i++)
    g_strv_builder_add (builder, json_array_get_string_element (array, i));
  return g_strv_builder_end (builder);
}

static gboolean
read_columns (CardinalTestDb  *db,
              CardinalTable   *table,
              const char      *oid,
              GError         **error)
{
  /* An identity column, or a serial's sequence, is autoincrement and keeps
   * no other default. */
  static const char sql[] =
    "SELECT a.attname, format_type (a.atttypid, a.atttypmod), a.attnotnull, "
    "a.attidentity <> '' OR coalesce (pg_get_expr (d.adbin, d.adrelid), '') LIKE 'nextval(%', "
    "pg_get_expr (d.adbin, d.adrelid), coalesce (col_description (a.attrelid, a.attnum), '') "
    "FROM pg_attribute a "
    "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
    "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
    "ORDER BY a.attnum";
  PGresult *result;

  result = query_table (db, sql, oid, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result); row++)
    {
      CardinalColumn *column = cardinal_column_new (PQgetvalue (result, row, 0), PQgetvalue (result, row, 1));

      column->nullable = g_str_equal (PQgetvalue (result, row, 2), "f");
      column->autoincrement = g_str_equal (PQgetvalue (result, row, 3), "t");
      if (!column->autoincrement && !PQgetisnull (result, row, 4))
        column->default_value = g_strdup (PQgetvalue (result, row, 4));
      g_free (column->comment);
      column->comment = g_strdup (PQgetvalue (result, row, 5));
      g_ptr_array_add (table->columns, column);
    }
  PQclear (result);
  return TRUE;
}

static gboolean
on_delete_from_code (const char       *code,
                     CardinalOnDelete *on_delete)
{
  switch (code[0])
    {
    case 'a':
      *on_delete = CARDINAL_ON_DELETE_NO_ACTION;
      return TRUE;
    case 'r':
      *on_delete = CARDINAL_ON_DELETE_RESTRICT;
      return TRUE;
    case 'c':
      *on_delete = CARDINAL_ON_DELETE_CASCADE;
      return TRUE;
    case 'n':
      *on_delete = CARDINAL_ON_DELETE_SET_NULL;
      return TRUE;
    default:
      return FALSE;
    }
}

/* Primary key, UNIQUE constraints and foreign keys from pg_constraint. */
static gboolean
read_constraints (CardinalTestDb  *db,
                  CardinalTable   *table,
                  const char      *oid,
                  GError         **error)
{
  static const char sql[] =
    "SELECT c.contype, c.conname, " KEY_COLUMNS ("c.conkey", "c.conrelid") ", "
    "coalesce (r.relname, ''), " KEY_COLUMNS ("c.confkey", "c.confrelid") ", c.confdeltype "
    "FROM pg_constraint c LEFT JOIN pg_class r ON r.oid = c.confrelid "
    "WHERE c.conrelid = $1::oid ORDER BY c.conname";
  gboolean ok = TRUE;
  PGresult *result;

  result = query_table (db, sql, oid, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result) && ok; row++)
    {
      const char *type = PQgetvalue (result, row, 0);
      g_auto(GStrv) columns = strv_from_json (PQgetvalue (result, row, 2), error);

      ok = columns != NULL;
      if (!ok)
        break;
      if (g_str_equal (type, "p"))
        {
          g_strfreev (table->primary_key);
          table->primary_key = g_steal_pointer (&columns);
        }
      else if (g_str_equal (type, "u"))
        g_ptr_array_add (table->uniques, cardinal_unique_new ((const char * const *) columns));
      else if (g_str_equal (type, "f"))
        {
          CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);

          g_ptr_array_add (table->foreign_keys, fk);
          fk->name = g_strdup (PQgetvalue (result, row, 1));
          fk->columns = g_steal_pointer (&columns);
          fk->ref_table = g_strdup (PQgetvalue (result, row, 3));
          fk->ref_columns = strv_from_json (PQgetvalue (result, row, 4), error);
          ok = fk->ref_columns != NULL;
          if (ok && !on_delete_from_code (PQgetvalue (result, row, 5), &fk->on_delete))
            {
              g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                           "foreign key \"%s\": ON DELETE code %s, which a model cannot say",
                           fk->name, PQgetvalue (result, row, 5));
              ok = FALSE;
            }
        }
    }
  PQclear (result);
  return ok;
}

/* The CREATE INDEX statements: the indexes behind a constraint were read as constraints. */
static gboolean
read_indexes (CardinalTestDb  *db,
              CardinalTable   *table,
              const char      *oid,
              GError         **error)
{
  static const char sql[] =
    "SELECT c.relname, i.indisunique, " KEY_COLUMNS ("i.indkey::int2[]", "i.indrelid") " "
    "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
    "WHERE i.indrelid = $1::oid AND NOT EXISTS (SELECT 1 FROM pg_constraint k "
    "WHERE k.conrelid = i.indrelid AND k.conindid = i.indexrelid "
    "AND k.contype IN ('p', 'u', 'x')) ORDER BY c.relname";
  gboolean ok = TRUE;
  PGresult *result;

  result = query_table (db, sql, oid, error);
  if (result == NULL)
    return FALSE;

  for (int row = 0; row < PQntuples (result) && ok; row++)
    {
      CardinalIndex *index = g_new0 (CardinalIndex, 1);

      g_ptr_array_add (table->indexes, index);
      index->name = g_strdup (PQgetvalue (result, row, 0));
      index->unique = g_str_equal (PQgetvalue (result, row, 1), "t");
      index->columns = strv_from_json (PQgetvalue (result, row, 2), error);
      ok = index->columns != NULL;
    }
  PQclear (result);
  return ok;
}

static CardinalSchema *
postgresql_read_catalogue (CardinalTestDb  *db,
                           GError         **error)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("public");
  gboolean ok = TRUE;
  PGresult *result;

  result = query (db, "SELECT oid, relname, coalesce (obj_description (oid, 'pg_class'), '') FROM pg_class "
                      "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p') "
                      "ORDER BY relname", NULL, 0, error);
  if (result == NULL)
    return NULL;

  for (int row = 0; row < PQntuples (result) && ok; row++)
    {
      const char *oid = PQgetvalue (result, row, 0);
      CardinalTable *table = cardinal_table_new (PQgetvalue (result, row, 1));

      g_ptr_array_add (schema->tables, table);
      g_free (table->comment);
      table->comment = g_strdup (PQgetvalue (result, row, 2));
      ok = read_columns (db, table, oid, error)
           && read_constraints (db, table, oid, error)
           && read_indexes (db, table, oid, error);
    }
  PQclear (result);

  return ok ? g_steal_pointer (&schema) : NULL;
}

/* PostgreSQL checks every row against a constraint when it is created,
 * unless it is NOT VALID: none may be left so. */
static gboolean
postgresql_check_integrity (CardinalTestDb  *db,
                            GError         **error)
{
  PGresult *result;
  gboolean ok;

  result = query (db, "SELECT c.conname, r.relname FROM pg_constraint c JOIN pg_class r ON r.oid = c.conrelid "
                      "WHERE r.relnamespace = 'public'::regnamespace AND NOT c.convalidated", NULL, 0, error);
  if (result == NULL)
    return FALSE;
  ok = PQntuples (result) == 0;
  if (!ok)
    g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                 "table \"%s\": constraint \"%s\" is not validated",
                 PQgetvalue (result, 0, 1), PQgetvalue (result, 0, 0));
  PQclear (result);
  return ok;
}

static const CardinalTestDbBackend postgresql_backend = {
  .name = "PostgreSQL",
  .dialect = CARDINAL_DIALECT_POSTGRESQL,
  .placeholder = '$',
  .features = CARDINAL_TEST_DB_READS_COMMENTS | CARDINAL_TEST_DB_READS_CONSTRAINT_NAMES
              | CARDINAL_TEST_DB_IDENTITY_IS_DEFAULT,
  .free = postgresql_free,
  .execute = postgresql_execute,
  .run = postgresql_run,
  .spell_types = postgresql_spell_types,
  .read_catalogue = postgresql_read_catalogue,
  .check_integrity = postgresql_check_integrity,
};

CardinalTestDb *
cardinal_test_db_postgresql_new (CardinalTestPg  *cluster,
                                 GError         **error)
{
  PostgresqlDb *self;
  PGconn *conn;

  g_return_val_if_fail (cluster != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  conn = cardinal_test_pg_new_database (cluster, NULL, error);
  if (conn == NULL)
    return NULL;

  self = g_new0 (PostgresqlDb, 1);
  self->parent.backend = &postgresql_backend;
  self->conn = conn;
  return (CardinalTestDb *) self;
}
