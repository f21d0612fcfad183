/* test-migrate.c: migration plans run on real SQLite and PostgreSQL databases filled with rows: the catalogue ends equal to a fresh DDL of the new model, the rows are still there, refusals change nothing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-migration-plan.h"
#include "cardinal-test-catalogue.h"
#include "cardinal-test-migrate-scenarios.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"

typedef char *(*RowsFunc) (gpointer db, const char *sql);

/* For every table of @new_schema that @old_schema has under the same name,
 * the SELECT of the columns both have, in a canonical order: the rows the
 * new table can hold, read before and after the migration. */
static GPtrArray *
kept_rows_queries (const CardinalSchema *old_schema,
                   const CardinalSchema *new_schema)
{
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < new_schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (new_schema->tables, i);
      const CardinalTable *old = cardinal_schema_find_table (old_schema, table->name);
      g_autoptr(GString) columns = g_string_new (NULL);
      g_autoptr(GString) order = g_string_new (NULL);
      guint n = 0;

      if (old == NULL)
        continue;
      for (guint k = 0; k < table->columns->len; k++)
        {
          const CardinalColumn *column = g_ptr_array_index (table->columns, k);

          if (cardinal_table_find_column (old, column->name) == NULL)
            continue;
          g_string_append_printf (columns, "%s\"%s\"", n > 0 ? ", " : "", column->name);
          g_string_append_printf (order, "%s%u", n > 0 ? ", " : "", n + 1);
          n++;
        }
      if (n > 0)
        g_ptr_array_add (queries, g_strdup_printf ("SELECT %s FROM \"%s\" ORDER BY %s", columns->str,
                                                   table->name, order->str));
    }
  return queries;
}

static GPtrArray *
read_rows (GPtrArray *queries,
           gpointer   db,
           RowsFunc   rows)
{
  GPtrArray *result = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; i < queries->len; i++)
    g_ptr_array_add (result, rows (db, g_ptr_array_index (queries, i)));
  return result;
}

static void
assert_rows_kept (GPtrArray *queries,
                  GPtrArray *before,
                  GPtrArray *after)
{
  for (guint i = 0; i < queries->len; i++)
    if (g_strcmp0 (g_ptr_array_index (before, i), g_ptr_array_index (after, i)) != 0)
      g_error ("%s: %s before, %s after", (const char *) g_ptr_array_index (queries, i),
               (const char *) g_ptr_array_index (before, i), (const char *) g_ptr_array_index (after, i));
}

/* A tiny executor: PRAGMA steps outside the transaction, CHECK steps refuse. */

/* A count_sql counts at its step's place in the plan, so it is read there;
 * *@lost gets the first losing step's count (0: no step loses data). */
static gboolean
run_plan (const CardinalMigration          *migration,
          gpointer                          db,
          CardinalTestMigrateExecFunc       exec,
          CardinalTestMigrateCountFunc      count,
          gboolean                         *refused,
          gint64                           *lost)
{
  g_autoptr(GError) error = NULL;
  guint first = 0, last = migration->steps->len;

  *lost = 0;

  *refused = FALSE;
  while (first < last && ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, first))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    g_assert_true (exec (db, ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, first++))->sql, &error));
  while (last > first && ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, last - 1))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    last--;
  g_assert_true (exec (db, "BEGIN", &error));
  for (guint i = first; i < last; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (migration->steps, i);

      if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
        {
          gint64 n = -1;

          if (!count (db, step->count_sql, &n, &error))
            g_error ("%s: %s\n%s", step->summary, error->message, step->count_sql);
          if (n != 0)
            {
              g_test_message ("refused: %s (%" G_GINT64_FORMAT "): %s", step->summary, n, step->refusal);
              *refused = TRUE;
              g_assert_true (exec (db, "ROLLBACK", &error));
              break;
            }
          continue;
        }
      if (step->loses_data && *lost == 0)
        {
          g_assert_nonnull (step->count_sql);
          if (!count (db, step->count_sql, lost, &error))
            g_error ("%s: %s\n%s", step->summary, error->message, step->count_sql);
          g_assert_cmpint (*lost, >, 0);
        }
      if (!exec (db, step->sql, &error))
        g_error ("%s: %s\n%s", step->summary, error->message, step->sql);
    }
  if (!*refused)
    g_assert_true (exec (db, "COMMIT", &error));
  for (guint i = last; i < migration->steps->len; i++)
    g_assert_true (exec (db, ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, i))->sql, &error));
  return TRUE;
}

/* SQLite ------------------------------------------------------------------ */

static char *
sqlite_rows (sqlite3    *db,
             const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      if (out->len > 0)
        g_string_append_c (out, ';');
      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);

          g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", text != NULL ? (const char *) text : "");
        }
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static void
test_sqlite (gconstpointer data)
{
  const CardinalTestMigrateScenario *scenario = data;
  g_autoptr(CardinalModel) old_model = cardinal_test_migrate_load_old (scenario);
  g_autoptr(CardinalModel) new_model = cardinal_model_copy (old_model);
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_ddl = cardinal_test_migrate_ddl (old_model, CARDINAL_DIALECT_SQLITE);
  g_autofree char *new_ddl = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *script = NULL;
  sqlite3 *db = NULL;
  sqlite3 *fresh = NULL;
  gboolean refused;
  gint64 lost;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) rows_before = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;

  scenario->edit (new_model);
  new_ddl = cardinal_test_migrate_ddl (new_model, CARDINAL_DIALECT_SQLITE);
  migration = cardinal_migration_plan (old_model, new_model, CARDINAL_DIALECT_SQLITE, &error);
  g_assert_no_error (error);
  script = cardinal_migration_to_sql (migration);
  g_test_message ("%s", script);

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_true (cardinal_test_migrate_sqlite_exec (db, old_ddl, &error));
  g_assert_true (cardinal_test_migrate_sqlite_exec (db, "PRAGMA foreign_keys = ON", &error));
  g_assert_true (cardinal_test_migrate_sqlite_exec (db, scenario->rows, &error));
  before = cardinal_test_catalogue_dump_sqlite (db, &error);
  g_assert_no_error (error);

  {
    g_autoptr(CardinalSchema) old_schema = cardinal_engineer (old_model);
    g_autoptr(CardinalSchema) new_schema = cardinal_engineer (new_model);

    queries = kept_rows_queries (old_schema, new_schema);
  }
  rows_before = read_rows (queries, db, (RowsFunc) sqlite_rows);
  run_plan (migration, db, cardinal_test_migrate_sqlite_exec, cardinal_test_migrate_sqlite_count, &refused, &lost);
  rows_after = read_rows (queries, db, (RowsFunc) sqlite_rows);
  if (refused || (!scenario->values_change && scenario->loses == 0))
    assert_rows_kept (queries, rows_before, rows_after);
  if (!refused)
    g_assert_cmpint (lost, ==, scenario->loses);
  g_assert_cmpint (refused, ==, scenario->refused);
  after = cardinal_test_catalogue_dump_sqlite (db, &error);
  g_assert_no_error (error);
  if (refused)
    g_assert_cmpstr (after, ==, before);
  else
    {
      g_autofree char *difference = NULL;
      g_autofree char *rows = NULL;

      g_assert_cmpint (sqlite3_open (":memory:", &fresh), ==, SQLITE_OK);
      g_assert_true (cardinal_test_migrate_sqlite_exec (fresh, new_ddl, &error));
      expected = cardinal_test_catalogue_dump_sqlite (fresh, &error);
      sqlite3_close (fresh);
      difference = cardinal_test_catalogue_diff (expected, after, 20);
      if (difference != NULL)
        g_error ("%s: the catalogue differs from a fresh DDL:\n%s", scenario->name, difference);
      rows = sqlite_rows (db, scenario->query);
      g_assert_cmpstr (rows, ==, scenario->expected);
    }
  {
    g_autofree char *integrity = sqlite_rows (db, "PRAGMA integrity_check");
    g_autofree char *foreign = sqlite_rows (db, "PRAGMA foreign_key_check");

    g_assert_cmpstr (integrity, ==, "ok");
    g_assert_cmpstr (foreign, ==, "");
  }
  sqlite3_close (db);
}

/* PostgreSQL -------------------------------------------------------------- */

static char *
pg_rows (PGconn     *db,
         const char *sql)
{
  GString *out = g_string_new (NULL);
  PGresult *result = PQexec (db, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (result); r++)
    {
      if (r > 0)
        g_string_append_c (out, ';');
      for (int c = 0; c < PQnfields (result); c++)
        g_string_append_printf (out, "%s%s", c > 0 ? "|" : "", PQgetvalue (result, r, c));
    }
  PQclear (result);
  return g_string_free (out, FALSE);
}

static void
test_postgresql (gconstpointer data)
{
  const CardinalTestMigrateScenario *scenario = data;
  CardinalTestPg *pg = cardinal_test_pg_suite ();
  g_autoptr(CardinalModel) old_model = NULL;
  g_autoptr(CardinalModel) new_model = NULL;
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *old_ddl = NULL;
  g_autofree char *new_ddl = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *script = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *fresh_name = NULL;
  PGconn *db;
  gboolean refused;
  gint64 lost;
  g_autoptr(GPtrArray) queries = NULL;
  g_autoptr(GPtrArray) rows_before = NULL;
  g_autoptr(GPtrArray) rows_after = NULL;

  if (pg == NULL)
    return;
  old_model = cardinal_test_migrate_load_old (scenario);
  new_model = cardinal_model_copy (old_model);
  scenario->edit (new_model);
  old_ddl = cardinal_test_migrate_ddl (old_model, CARDINAL_DIALECT_POSTGRESQL);
  new_ddl = cardinal_test_migrate_ddl (new_model, CARDINAL_DIALECT_POSTGRESQL);
  migration = cardinal_migration_plan (old_model, new_model, CARDINAL_DIALECT_POSTGRESQL, &error);
  g_assert_no_error (error);
  script = cardinal_migration_to_sql (migration);
  g_test_message ("%s", script);

  db = cardinal_test_pg_new_database (pg, &dbname, &error);
  g_assert_no_error (error);
  g_assert_true (cardinal_test_migrate_pg_exec (db, old_ddl, &error));
  g_assert_true (cardinal_test_migrate_pg_exec (db, scenario->rows, &error));
  if (scenario->pg_setup != NULL)
    g_assert_true (cardinal_test_migrate_pg_exec (db, scenario->pg_setup, &error));
  before = cardinal_test_catalogue_dump_postgresql (db, &error);
  g_assert_no_error (error);
  {
    g_autoptr(CardinalSchema) old_schema = cardinal_engineer (old_model);
    g_autoptr(CardinalSchema) new_schema = cardinal_engineer (new_model);

    queries = kept_rows_queries (old_schema, new_schema);
  }
  rows_before = read_rows (queries, db, (RowsFunc) pg_rows);
  run_plan (migration, db, cardinal_test_migrate_pg_exec, cardinal_test_migrate_pg_count, &refused, &lost);
  rows_after = read_rows (queries, db, (RowsFunc) pg_rows);
  if (refused || (!scenario->values_change && scenario->loses == 0))
    assert_rows_kept (queries, rows_before, rows_after);
  if (!refused)
    g_assert_cmpint (lost, ==, scenario->loses);
  g_assert_cmpint (refused, ==, scenario->refused);
  after = cardinal_test_catalogue_dump_postgresql (db, &error);
  g_assert_no_error (error);
  if (refused)
    g_assert_cmpstr (after, ==, before);
  else
    {
      PGconn *fresh = cardinal_test_pg_new_database (pg, &fresh_name, &error);
      g_autofree char *expected = NULL;
      g_autofree char *difference = NULL;
      g_autofree char *rows = NULL;

      g_assert_no_error (error);
      g_assert_true (cardinal_test_migrate_pg_exec (fresh, new_ddl, &error));
      expected = cardinal_test_catalogue_dump_postgresql (fresh, &error);
      PQfinish (fresh);
      difference = cardinal_test_catalogue_diff (expected, after, 20);
      if (difference != NULL)
        g_error ("%s: the catalogue differs from a fresh DDL:\n%s", scenario->name, difference);
      rows = pg_rows (db, scenario->query);
      g_assert_cmpstr (rows, ==, scenario->expected);
      if (scenario->pg_query != NULL)
        {
          g_autofree char *more = pg_rows (db, scenario->pg_query);

          g_assert_cmpstr (more, ==, scenario->pg_expected);
        }
    }
  PQfinish (db);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
    {
      g_autofree char *sqlite_path = g_strdup_printf ("/migrate/sqlite/%s", cardinal_test_migrate_scenarios[i].name);
      g_autofree char *pg_path = g_strdup_printf ("/migrate/postgresql/%s", cardinal_test_migrate_scenarios[i].name);

      g_test_add_data_func (sqlite_path, &cardinal_test_migrate_scenarios[i], test_sqlite);
      g_test_add_data_func (pg_path, &cardinal_test_migrate_scenarios[i], test_postgresql);
    }
  status = g_test_run ();
  cardinal_test_pg_suite_stop ();
  return status;
}
