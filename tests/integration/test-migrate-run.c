/* test-migrate-run.c: the migration runner on real SQLite and the throwaway PostgreSQL (all or nothing, refusals, counts), matching a live database by name, and thousands of tables on default settings. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-deploy.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-infer.h"
#include "cardinal-migrate.h"
#include "cardinal-reflect.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"

/* SQLite helpers */

static char *
sqlite_fixture (const char *sql)
{
  g_autofree char *dir = g_dir_make_tmp ("cardinal-migrate-XXXXXX", NULL);
  char *path = g_build_filename (dir, "db.sqlite", NULL);
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  return path;
}

static void
sqlite_fixture_remove (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);

  g_unlink (path);
  g_rmdir (dir);
}

static GBytes *
file_bytes (const char *path)
{
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  return g_bytes_new_take (contents, length);
}

/* The catalogue and every row, as one text. */
static char *
sqlite_dump (const char *path)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                              sqlite3_column_text (stmt, 2));
      if (g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "table") == 0)
        g_ptr_array_add (tables, g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < tables->len; i++)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT * FROM \"%s\" ORDER BY 1", (const char *) g_ptr_array_index (tables, i));

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      cardinal_test_sqlite_append_rows (out, stmt);
      sqlite3_finalize (stmt);
    }
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static const char shop_sql[] =
  "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT);\n"
  "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer (id), total REAL);\n"
  "INSERT INTO customer VALUES (1, 'a@example.org'), (2, NULL), (3, NULL);\n"
  "INSERT INTO orders VALUES (10, 1, 5.0), (11, 2, 7.5);\n";

static CardinalMigrationStep *
add (CardinalMigration          *plan,
     CardinalMigrationStepKind   kind,
     const char                 *summary,
     const char                 *sql)
{
  return cardinal_migration_add_step (plan, kind, "customer", summary, sql);
}

/* A failing step half way: the new table, the new column and the updated
 * rows before it are all gone again. */
static void
test_sqlite_all_or_nothing (void)
{
  g_autofree char *path = sqlite_fixture (shop_sql);
  g_autofree char *before = sqlite_dump (path);
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GError) error = NULL;

  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Add column phone", "ALTER TABLE \"customer\" ADD COLUMN \"phone\" TEXT");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table note", "CREATE TABLE \"note\" (\"id\" INTEGER PRIMARY KEY)");
  add (plan, CARDINAL_MIGRATION_STEP_DATA, "Fill phone", "UPDATE \"customer\" SET \"phone\" = '123'");
  add (plan, CARDINAL_MIGRATION_STEP_DATA, "A duplicate key", "INSERT INTO \"customer\" (\"id\") VALUES (1)");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Never reached", "CREATE TABLE \"never\" (\"id\" INTEGER)");

  g_assert_false (cardinal_migration_run (plan, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "step 4 (A duplicate key)"));
  g_assert_nonnull (strstr (error->message, "UNIQUE constraint failed"));
  cardinal_test_assert_text (sqlite_dump (path), before);
  sqlite_fixture_remove (path);
}

/* A CHECK that finds rows refuses with its refusal and the count, and the
 * file keeps every byte. */
static void
test_sqlite_check_refusal (void)
{
  g_autofree char *path = sqlite_fixture (shop_sql);
  g_autoptr(GBytes) before = file_bytes (path);
  g_autoptr(GBytes) after = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GError) error = NULL;
  CardinalMigrationStep *check;

  add (plan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys off", "PRAGMA foreign_keys = OFF");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table note", "CREATE TABLE \"note\" (\"id\" INTEGER PRIMARY KEY)");
  check = add (plan, CARDINAL_MIGRATION_STEP_CHECK, "email becomes NOT NULL",
               "SELECT 1 FROM \"customer\" WHERE \"email\" IS NULL");
  check->count_sql = g_strdup ("SELECT count(*) FROM \"customer\" WHERE \"email\" IS NULL");
  check->refusal = g_strdup ("customer.email has NULLs and becomes NOT NULL");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Never reached", "DROP TABLE \"orders\"");
  add (plan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys on", "PRAGMA foreign_keys = ON");

  g_assert_false (cardinal_migration_run (plan, path, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "customer.email has NULLs and becomes NOT NULL (2 rows)"));
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));

  /* The same CHECK without count_sql counts the rows its query returns. */
  g_clear_error (&error);
  g_clear_pointer (&check->count_sql, g_free);
  g_assert_false (cardinal_migration_run (plan, path, TRUE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "(2 rows)"));
  g_clear_pointer (&after, g_bytes_unref);
  after = file_bytes (path);
  g_assert_true (g_bytes_equal (before, after));
  sqlite_fixture_remove (path);
}

/* Steps that lose data are refused before anything runs, each with its
 * rows; allowed, the same plan goes through. */
static void
test_sqlite_data_loss (void)
{
  g_autofree char *path = sqlite_fixture (shop_sql);
  g_autofree char *before = sqlite_dump (path);
  g_autofree char *after = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = NULL;
  CardinalMigrationStep *step;

  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table note", "CREATE TABLE \"note\" (\"id\" INTEGER PRIMARY KEY)");
  step = add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Drop table orders", "DROP TABLE \"orders\"");
  step->loses_data = TRUE;
  step->count_sql = g_strdup ("SELECT count(*) FROM \"orders\"");
  step = add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Drop column customer.email",
              "ALTER TABLE \"customer\" DROP COLUMN \"email\"");
  step->loses_data = TRUE;
  step->count_sql = g_strdup ("SELECT count(*) FROM \"customer\" WHERE \"email\" IS NOT NULL");

  counts = cardinal_migration_count_rows (plan, path, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, 3);
  g_assert_cmpint (g_array_index (counts, gint64, 0), ==, -1);
  g_assert_cmpint (g_array_index (counts, gint64, 1), ==, 2);
  g_assert_cmpint (g_array_index (counts, gint64, 2), ==, 1);

  g_assert_false (cardinal_migration_run (plan, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_DATA_LOSS);
  g_assert_nonnull (strstr (error->message, "2 steps would lose data"));
  g_assert_nonnull (strstr (error->message, "Drop table orders (2 rows)"));
  g_assert_nonnull (strstr (error->message, "Drop column customer.email (1 row)"));
  cardinal_test_assert_text (sqlite_dump (path), before);

  g_clear_error (&error);
  g_assert_true (cardinal_migration_run (plan, path, TRUE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = sqlite_dump (path);
  g_assert_null (strstr (after, "orders"));
  g_assert_null (strstr (after, "email"));
  g_assert_nonnull (strstr (after, "CREATE TABLE \"note\""));
  sqlite_fixture_remove (path);
}

/* PRAGMA steps run around the transaction: with foreign keys off a table is
 * rebuilt under its referencing table; foreign_key_check catches an orphan
 * before the commit; a PRAGMA in the middle is refused. */
static void
test_sqlite_pragma (void)
{
  g_autofree char *path = sqlite_fixture (shop_sql);
  g_autofree char *before = sqlite_dump (path);
  g_autofree char *after = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(CardinalMigration) orphan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(CardinalMigration) middle = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GError) error = NULL;

  add (orphan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys off", "PRAGMA foreign_keys = OFF");
  add (orphan, CARDINAL_MIGRATION_STEP_DATA, "An orphan", "INSERT INTO \"orders\" VALUES (12, 99, 1.0)");
  add (orphan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys on", "PRAGMA foreign_keys = ON");
  g_assert_false (cardinal_migration_run (orphan, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_INTEGRITY);
  g_assert_nonnull (strstr (error->message, "foreign_key_check"));
  cardinal_test_assert_text (sqlite_dump (path), before);

  g_clear_error (&error);
  add (middle, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table note", "CREATE TABLE \"note\" (\"id\" INTEGER PRIMARY KEY)");
  add (middle, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys off", "PRAGMA foreign_keys = OFF");
  add (middle, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table memo", "CREATE TABLE \"memo\" (\"id\" INTEGER PRIMARY KEY)");
  g_assert_false (cardinal_migration_run (middle, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_PLAN);

  /* The rebuild SQLite needs to change a column: new table, copy, drop, rename. */
  g_clear_error (&error);
  add (plan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys off", "PRAGMA foreign_keys = OFF");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Rebuild customer",
       "CREATE TABLE \"customer_new\" (\"id\" INTEGER PRIMARY KEY, \"email\" TEXT NOT NULL DEFAULT '')");
  add (plan, CARDINAL_MIGRATION_STEP_DATA, "Copy customer",
       "INSERT INTO \"customer_new\" SELECT \"id\", coalesce(\"email\", '') FROM \"customer\"");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Swap customer",
       "DROP TABLE \"customer\"; ALTER TABLE \"customer_new\" RENAME TO \"customer\"");
  add (plan, CARDINAL_MIGRATION_STEP_PRAGMA, "Foreign keys on", "PRAGMA foreign_keys = ON");
  g_assert_true (cardinal_migration_run (plan, path, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&after, g_free);
  after = sqlite_dump (path);
  g_assert_nonnull (strstr (after, "\"email\" TEXT NOT NULL DEFAULT ''"));
  g_assert_nonnull (strstr (after, "10|1|5.0|"));
  sqlite_fixture_remove (path);
}

static void
cancel_at_third (guint                        index,
                 guint                        n_steps,
                 const CardinalMigrationStep *step,
                 gpointer                     data)
{
  if (index == 2)
    g_cancellable_cancel (data);
}

static void
test_sqlite_cancel (void)
{
  g_autofree char *path = sqlite_fixture (shop_sql);
  g_autofree char *before = sqlite_dump (path);
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;

  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table note", "CREATE TABLE \"note\" (\"id\" INTEGER PRIMARY KEY)");
  add (plan, CARDINAL_MIGRATION_STEP_DATA, "Fill note", "INSERT INTO \"note\" VALUES (1)");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Create table memo", "CREATE TABLE \"memo\" (\"id\" INTEGER PRIMARY KEY)");
  g_assert_false (cardinal_migration_run (plan, path, FALSE, cancel_at_third, cancellable, cancellable, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_CANCELLED);
  cardinal_test_assert_text (sqlite_dump (path), before);

  /* A target that is not there is not created. */
  g_clear_error (&error);
  g_assert_false (cardinal_migration_run (plan, "/nonexistent/dir/db.sqlite", FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_OPEN);
  sqlite_fixture_remove (path);
}

/* PostgreSQL */

static char *
pg_text (PGconn     *conn,
         const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int r = 0; r < PQntuples (result); r++)
    {
      for (int c = 0; c < PQnfields (result); c++)
        g_string_append_printf (out, "%s|", PQgetisnull (result, r, c) ? "NULL" : PQgetvalue (result, r, c));
      g_string_append_c (out, '\n');
    }
  PQclear (result);
  return g_string_free (out, FALSE);
}

static char *
pg_catalogue_and_rows (PGconn *conn)
{
  g_autofree char *columns = pg_text (conn,
                                      "SELECT table_name, column_name, data_type, is_nullable FROM information_schema.columns"
                                      " WHERE table_schema = 'public' ORDER BY 1, 2");
  g_autofree char *constraints = pg_text (conn,
                                          "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                                          " WHERE connamespace = 'public'::regnamespace ORDER BY 1");
  g_autofree char *rows = pg_text (conn, "SELECT * FROM customer ORDER BY id");

  return g_strconcat (columns, constraints, rows, NULL);
}

static PGconn *
pg_shop (CardinalTestPg  *cluster,
         char           **conninfo)
{
  g_autofree char *dbname = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn = cardinal_test_pg_new_database (cluster, &dbname, &error);
  PGresult *result;

  g_assert_no_error (error);
  result = PQexec (conn,
                   "CREATE TABLE customer (id integer PRIMARY KEY, email text);"
                   "CREATE TABLE orders (id integer PRIMARY KEY, customer_id integer REFERENCES customer (id));"
                   "INSERT INTO customer VALUES (1, 'a@example.org'), (2, NULL), (3, NULL);"
                   "INSERT INTO orders VALUES (10, 1), (11, 2);");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  *conninfo = cardinal_test_pg_conninfo (cluster, dbname);
  return conn;
}

/* Counts on PostgreSQL come from one size query for tables with no pages
 * and a few statements for the rest: each must still count what its own
 * statement counts (a parent's children, a partitioned table's partitions,
 * odd names, another schema), and a failing count still names its step. */
static void
test_postgresql_counts (void)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  g_autofree char *conninfo = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(CardinalMigration) broken = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  static const struct { const char *count_sql; gint64 rows; } cases[] = {
    { "SELECT count(*) FROM \"customer\" WHERE \"email\" IS NULL", 2 },
    { "SELECT count(*) FROM \"empty\" WHERE \"v\" IS NOT NULL", 0 },
    { "SELECT count(*) FROM \"empty\"", 0 },
    { "SELECT count(*) FROM \"parent\" WHERE \"v\" IS NOT NULL", 3 },
    { "SELECT count(*) FROM \"parted\" AS \"cardinal_d\" WHERE \"v\" > 1", 1 },
    { "SELECT count(*) FROM \"we\"\"ird\"", 1 },
    { "SELECT count(*) FROM \"other\".\"t\" WHERE \"v\" IS NULL", 0 },
    { "SELECT count(*) FROM \"other\".\"full\"", 4 },
    { "SELECT count(*) FROM \"orders\" WHERE \"customer_id\" = 1", 1 },
    { "SELECT count(*) FROM \"orders\" WHERE false", 0 },
    { "SELECT count(*) FROM \"no_view\"", 2 },
  };
  PGconn *conn;
  PGresult *result;

  if (cluster == NULL)
    return;
  conn = pg_shop (cluster, &conninfo);
  result = PQexec (conn,
                   "CREATE TABLE empty (v integer);"
                   "CREATE TABLE parent (v integer);"
                   "CREATE TABLE child () INHERITS (parent);"
                   "INSERT INTO child SELECT g FROM generate_series(1, 3) g;"
                   "CREATE TABLE parted (v integer) PARTITION BY RANGE (v);"
                   "CREATE TABLE parted_1 PARTITION OF parted FOR VALUES FROM (0) TO (100);"
                   "INSERT INTO parted VALUES (1), (2);"
                   "CREATE TABLE \"we\"\"ird\" (v integer);"
                   "INSERT INTO \"we\"\"ird\" VALUES (1);"
                   "CREATE SCHEMA other;"
                   "CREATE TABLE other.t (v integer);"
                   "CREATE TABLE other.\"full\" (v integer);"
                   "INSERT INTO other.\"full\" SELECT g FROM generate_series(1, 4) g;"
                   "CREATE VIEW no_view AS SELECT 1 AS v UNION ALL SELECT 2;");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "No count", "SELECT 1");
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      CardinalMigrationStep *step = add (plan, CARDINAL_MIGRATION_STEP_CHECK, cases[i].count_sql, "SELECT 1");

      step->count_sql = g_strdup (cases[i].count_sql);
    }
  counts = cardinal_migration_count_rows (plan, conninfo, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (counts->len, ==, G_N_ELEMENTS (cases) + 1);
  g_assert_cmpint (g_array_index (counts, gint64, 0), ==, -1);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_test_message ("%s", cases[i].count_sql);
      g_assert_cmpint (g_array_index (counts, gint64, i + 1), ==, cases[i].rows);
    }

  /* A count that fails: the message names its step, as a count alone would. */
  add (broken, CARDINAL_MIGRATION_STEP_CHECK, "Fine", "SELECT 1")->count_sql =
    g_strdup ("SELECT count(*) FROM \"customer\"");
  add (broken, CARDINAL_MIGRATION_STEP_CHECK, "Missing table", "SELECT 1")->count_sql =
    g_strdup ("SELECT count(*) FROM \"missing\" WHERE \"v\" IS NULL");
  g_assert_null (cardinal_migration_count_rows (broken, conninfo, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "counting the rows of \"Missing table\""));
  g_assert_nonnull (strstr (error->message, "missing"));
  PQfinish (conn);
}

static void
test_postgresql_all_or_nothing (void)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  g_autofree char *conninfo = NULL;
  g_autofree char *before = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(CardinalMigration) killed = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(CardinalMigration) check = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(GError) error = NULL;
  CardinalMigrationStep *step;
  PGconn *conn;

  if (cluster == NULL)
    return;
  conn = pg_shop (cluster, &conninfo);
  before = pg_catalogue_and_rows (conn);

  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Add column phone", "ALTER TABLE \"customer\" ADD COLUMN \"phone\" text");
  add (plan, CARDINAL_MIGRATION_STEP_DATA, "Fill phone", "UPDATE \"customer\" SET \"phone\" = '123'");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Rename email", "ALTER TABLE \"customer\" RENAME COLUMN \"email\" TO \"mail\"");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "mail NOT NULL", "ALTER TABLE \"customer\" ALTER COLUMN \"mail\" SET NOT NULL");
  add (plan, CARDINAL_MIGRATION_STEP_SCHEMA, "Never reached", "CREATE TABLE \"never\" (\"id\" integer)");
  g_assert_false (cardinal_migration_run (plan, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "step 4 (mail NOT NULL)"));
  cardinal_test_assert_text (pg_catalogue_and_rows (conn), before);

  /* The connection killed half way: the server rolls back. */
  g_clear_error (&error);
  add (killed, CARDINAL_MIGRATION_STEP_SCHEMA, "Add column phone", "ALTER TABLE \"customer\" ADD COLUMN \"phone\" text");
  add (killed, CARDINAL_MIGRATION_STEP_DATA, "Connection dies", "SELECT pg_terminate_backend(pg_backend_pid())");
  g_assert_false (cardinal_migration_run (killed, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "connection was lost"));
  cardinal_test_assert_text (pg_catalogue_and_rows (conn), before);

  /* A CHECK refusal and a data-loss refusal, with their counts. */
  g_clear_error (&error);
  add (check, CARDINAL_MIGRATION_STEP_SCHEMA, "Add column phone", "ALTER TABLE \"customer\" ADD COLUMN \"phone\" text");
  step = add (check, CARDINAL_MIGRATION_STEP_CHECK, "email NOT NULL", "SELECT 1 FROM \"customer\" WHERE \"email\" IS NULL");
  step->count_sql = g_strdup ("SELECT count(*) FROM \"customer\" WHERE \"email\" IS NULL");
  step->refusal = g_strdup ("customer.email has NULLs");
  g_assert_false (cardinal_migration_run (check, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "customer.email has NULLs (2 rows)"));
  g_clear_error (&error);
  step = add (check, CARDINAL_MIGRATION_STEP_SCHEMA, "Drop table orders", "DROP TABLE \"orders\"");
  step->loses_data = TRUE;
  step->count_sql = g_strdup ("SELECT count(*) FROM \"orders\"");
  g_assert_false (cardinal_migration_run (check, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_DATA_LOSS);
  g_assert_nonnull (strstr (error->message, "Drop table orders (2 rows)"));
  cardinal_test_assert_text (pg_catalogue_and_rows (conn), before);

  /* Cancelled half way. */
  g_clear_error (&error);
  {
    g_autoptr(GCancellable) cancellable = g_cancellable_new ();

    g_assert_false (cardinal_migration_run (plan, conninfo, FALSE, cancel_at_third, cancellable, cancellable, &error));
    g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_CANCELLED);
    cardinal_test_assert_text (pg_catalogue_and_rows (conn), before);
  }

  /* And a plan that works is committed. */
  g_clear_error (&error);
  g_ptr_array_set_size (plan->steps, 3);
  g_assert_true (cardinal_migration_run (plan, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  cardinal_test_assert_text (pg_text (conn, "SELECT id, mail, phone FROM customer ORDER BY id"),
                             "1|a@example.org|123|\n2|NULL|123|\n3|NULL|123|\n");
  PQfinish (conn);
}

/* Matching by name */

static const char match_sql[] =
  "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL);\n"
  "CREATE TABLE product (id INTEGER PRIMARY KEY, title TEXT NOT NULL, price REAL NOT NULL);\n"
  "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER NOT NULL REFERENCES customer (id), placed TEXT NOT NULL);\n"
  "CREATE TABLE orders_product (orders_id INTEGER NOT NULL REFERENCES orders (id),"
  " product_id INTEGER NOT NULL REFERENCES product (id), quantity INTEGER NOT NULL, PRIMARY KEY (orders_id, product_id));\n";

static CardinalModel *
reflect_model (const char *path)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = cardinal_reflect_sqlite_file (path, NULL, &error);

  g_assert_no_error (error);
  return cardinal_infer (schema, "live", NULL);
}

/* The relationship that involves entity @name. */
static CardinalRelationship *
live_relationship (CardinalModel *model,
                   const char    *name)
{
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (g_strcmp0 (relationship->entity1, name) == 0 || g_strcmp0 (relationship->entity2, name) == 0)
        return relationship;
    }
  g_assert_not_reached ();
}

static void
test_adopt_ids (void)
{
  g_autofree char *path = sqlite_fixture (match_sql);
  g_autoptr(CardinalModel) live = reflect_model (path);
  g_autoptr(CardinalModel) document = cardinal_model_copy (live);
  g_autoptr(CardinalModel) live2 = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GError) error = NULL;
  const char *renames[] = { "product=article", "customer.email=mail", NULL };
  const char *bad_renames[] = { "nothing=article", NULL };
  CardinalEntity *customer;
  CardinalEntity *product;
  CardinalAttribute *email;

  /* The document: product renamed article (its link table keeps its
   * name), customer.email renamed mail. */
  g_assert_cmpuint (live->relationships->len, ==, 2);
  product = cardinal_model_find_entity (document, "product");
  g_free (product->name);
  product->name = g_strdup ("article");
  for (guint i = 0; i < document->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (document->relationships, i);

      if (cardinal_strategy_has_link_table (relationship->strategy) && relationship->link_table == NULL)
        relationship->link_table = cardinal_relationship_link_table_name (relationship);
      if (g_strcmp0 (relationship->entity1, "product") == 0)
        {
          g_free (relationship->entity1);
          relationship->entity1 = g_strdup ("article");
        }
      if (g_strcmp0 (relationship->entity2, "product") == 0)
        {
          g_free (relationship->entity2);
          relationship->entity2 = g_strdup ("article");
        }
    }
  customer = cardinal_model_find_entity (document, "customer");
  email = cardinal_entity_find_attribute (customer, "email");
  g_free (email->name);
  email->name = g_strdup ("mail");

  /* Without renames: the same names match, the others are guessed at. */
  g_assert_true (cardinal_migration_adopt_ids (live, document, NULL, notes, &error));
  g_assert_no_error (error);
  g_assert_nonnull (customer->id);
  g_assert_cmpstr (cardinal_model_find_entity (live, "customer")->id, ==, customer->id);
  g_assert_cmpstr (cardinal_entity_find_attribute (cardinal_model_find_entity (live, "customer"), "name")->id, ==,
                   cardinal_entity_find_attribute (customer, "name")->id);
  g_assert_cmpstr (cardinal_entity_find_attribute (cardinal_model_find_entity (live, "customer"), "email")->id, !=,
                   email->id);
  g_assert_cmpstr (cardinal_model_find_entity (live, "product")->id, !=, product->id);
  g_assert_cmpstr (live_relationship (live, "customer")->id, ==, live_relationship (document, "customer")->id);
  /* The link table's relationship joins a table nothing matched yet. */
  g_assert_cmpstr (live_relationship (live, "product")->id, !=, live_relationship (document, "article")->id);
  g_assert_true (cardinal_test_notes_have (notes, "possible rename product → article"));
  g_assert_true (cardinal_test_notes_have (notes, "possible rename customer.email → mail"));

  /* With them, the renamed objects keep the document's ids. */
  live2 = reflect_model (path);
  g_ptr_array_set_size (notes, 0);
  g_assert_true (cardinal_migration_adopt_ids (live2, document, renames, notes, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cardinal_model_find_entity (live2, "product")->id, ==, product->id);
  g_assert_cmpstr (cardinal_entity_find_attribute (cardinal_model_find_entity (live2, "product"), "title")->id, ==,
                   cardinal_entity_find_attribute (product, "title")->id);
  g_assert_cmpstr (cardinal_entity_find_attribute (cardinal_model_find_entity (live2, "customer"), "email")->id, ==,
                   email->id);
  g_assert_cmpuint (notes->len, ==, 0);
  g_assert_cmpstr (live_relationship (live2, "customer")->id, ==, live_relationship (document, "customer")->id);
  g_assert_cmpstr (live_relationship (live2, "product")->id, ==, live_relationship (document, "article")->id);
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (live_relationship (live2, "product")->link_attributes, 0))->id, ==,
                   ((CardinalAttribute *) g_ptr_array_index (live_relationship (document, "article")->link_attributes, 0))->id);

  g_assert_false (cardinal_migration_adopt_ids (live2, document, bad_renames, notes, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_RENAME);
  sqlite_fixture_remove (path);
}

/* Thousands of tables on a server with default settings */

static char *
generated_ddl (guint n)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (n, 13, FALSE);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);

  return cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
}

static char *
pg_value (PGconn     *conn,
          const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  char *value;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

static void
test_postgresql_thousands (void)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  g_autofree char *ddl = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *owner = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  PGresult *result;

  if (cluster == NULL)
    return;
  ddl = generated_ddl (2000);
  conn = cardinal_test_pg_new_database (cluster, &dbname, &error);
  g_assert_no_error (error);
  conninfo = cardinal_test_pg_conninfo (cluster, dbname);
  cardinal_test_assert_text (pg_value (conn, "SHOW max_locks_per_transaction"), "64");
  owner = pg_value (conn, "SELECT nspowner::regrole::text || ' ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'public'");

  /* Into a schema that is not empty, the script can't be split: refused
   * before anything runs, the one table there untouched. */
  result = PQexec (conn, "CREATE TABLE keep (id integer)");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  g_assert_false (cardinal_deploy_apply (ddl, conninfo, NULL, &error));
  g_assert_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_TOO_LARGE);
  g_assert_nonnull (strstr (error->message, "max_locks_per_transaction"));
  cardinal_test_assert_text (pg_value (conn, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"),
                             "1");
  g_clear_error (&error);
  result = PQexec (conn, "DROP TABLE keep");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  /* Into the empty schema: in batches, then swapped in whole. */
  g_assert_true (cardinal_deploy_apply (ddl, conninfo, NULL, &error));
  g_assert_no_error (error);
  {
    g_autoptr(CardinalModel) model = cardinal_generate_model (2000, 13, FALSE);
    g_autoptr(CardinalSchema) schema = cardinal_engineer (model);

    expected = g_strdup_printf ("%u", schema->tables->len);
  }
  cardinal_test_assert_text (pg_value (conn, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'"),
                             expected);
  cardinal_test_assert_text (pg_value (conn, "SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'cardinal_stage_%'"),
                             "0");
  {
    g_autofree char *owner_after = pg_value (conn, "SELECT nspowner::regrole::text || ' ' || coalesce(nspacl::text, '') FROM pg_namespace WHERE nspname = 'public'");

    g_assert_cmpstr (owner_after, ==, owner);
  }
  PQfinish (conn);
}

/* The runner takes the same path: a plan that creates 2,000 tables into an
 * empty database, and one that fails at its last step leaves it empty. */
static void
test_postgresql_thousands_plan (void)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  g_autofree char *ddl = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *tables = NULL;
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_POSTGRESQL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) statements = NULL;
  guint n_tables = 0;
  PGconn *conn;

  if (cluster == NULL)
    return;
  ddl = generated_ddl (2000);
  /* The renderer ends each statement with ";\n"; a plan step per statement. */
  statements = g_strsplit (ddl, ";\n", -1);
  for (guint i = 0; statements[i] != NULL; i++)
    {
      g_autofree char *sql = g_strstrip (g_strdup (statements[i]));
      g_autofree char *upper = g_ascii_strup (sql, -1);
      const char *body = sql;

      while (g_str_has_prefix (body, "--"))
        body = strchr (body, '\n') != NULL ? strchr (body, '\n') + 1 : body + strlen (body);
      if (*body == '\0' || g_ascii_strcasecmp (body, "BEGIN") == 0 || g_ascii_strcasecmp (body, "COMMIT") == 0)
        continue;
      if (strstr (upper, "CREATE TABLE") != NULL)
        n_tables++;
      cardinal_migration_add_step (plan, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, "Create", body);
    }
  g_assert_cmpuint (n_tables, >=, 2000);
  cardinal_migration_add_step (plan, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, "Fails", "CREATE TABLE \"bad\" (\"id\" no_such_type)");

  conn = cardinal_test_pg_new_database (cluster, &dbname, &error);
  g_assert_no_error (error);
  conninfo = cardinal_test_pg_conninfo (cluster, dbname);
  g_assert_false (cardinal_migration_run (plan, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED);
  g_assert_nonnull (strstr (error->message, "no_such_type"));
  cardinal_test_assert_text (pg_value (conn, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                             " WHERE n.nspname NOT IN ('pg_catalog', 'information_schema', 'pg_toast')"),
                             "0");
  g_clear_error (&error);

  g_ptr_array_set_size (plan->steps, plan->steps->len - 1);
  g_assert_true (cardinal_migration_run (plan, conninfo, FALSE, NULL, NULL, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&tables, g_free);
  tables = pg_value (conn, "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace AND relkind = 'r'");
  g_assert_cmpuint (g_ascii_strtoull (tables, NULL, 10), ==, n_tables);
  PQfinish (conn);
}

/* cardinal-cli migrate */

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CARDINAL_CLI"));
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error));
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

static void
test_cli_usage (void)
{
  g_autofree char *path = sqlite_fixture (match_sql);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *document = g_build_filename (dir, "shop.cardinal", NULL);
  g_autofree char *missing = g_build_filename (dir, "missing.sqlite", NULL);
  g_autoptr(CardinalModel) live = reflect_model (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (g_getenv ("CARDINAL_CLI") == NULL)
    {
      g_test_skip ("CARDINAL_CLI is not set");
      return;
    }
  {
    g_autoptr(GFile) file = g_file_new_for_path (document);

    g_assert_true (cardinal_document_save_file (live, file, &error));
  }
  g_assert_no_error (error);

  {
    const char *args[] = { "migrate", document, NULL };

    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "missing --to TARGET"));
  }
  {
    const char *args[] = { "migrate", document, "--to", missing, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "no such SQLite file"));
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }
  {
    const char *args[] = { "migrate", document, "--to", path, "--rename", "customer.nothing=mail", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 2);
    g_assert_nonnull (strstr (err, "rename customer.nothing=mail"));
  }
  g_unlink (document);
  sqlite_fixture_remove (path);
}

/* The whole command on SQLite: a renamed column keeps its rows only when
 * --rename says so; without it the drop is refused (exit 3) with a note. */
static void
test_cli_rename (void)
{
  g_autofree char *path = sqlite_fixture ("CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL);\n"
                                          "INSERT INTO customer VALUES (1, 'a@example.org', 'Ann'), (2, 'b@example.org', 'Bob');\n");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *document = g_build_filename (dir, "shop.cardinal", NULL);
  g_autoptr(CardinalModel) model = reflect_model (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *before = sqlite_dump (path);
  g_autofree char *after = NULL;
  CardinalAttribute *email;
  CardinalAttribute *phone;

  if (g_getenv ("CARDINAL_CLI") == NULL)
    {
      g_test_skip ("CARDINAL_CLI is not set");
      return;
    }
  email = cardinal_entity_find_attribute (cardinal_model_find_entity (model, "customer"), "email");
  g_free (email->name);
  email->name = g_strdup ("mail");
  phone = cardinal_attribute_new ("phone", "text");
  phone->nullable = TRUE;
  cardinal_entity_add_attribute (cardinal_model_find_entity (model, "customer"), phone);
  {
    g_autoptr(GFile) file = g_file_new_for_path (document);

    g_assert_true (cardinal_document_save_file (model, file, &error));
    g_assert_no_error (error);
  }

  {
    const char *args[] = { "migrate", document, "--to", path, NULL };
    int status = run_cli (args, &out, &err);

    g_assert_cmpint (status, ==, 3);
    g_assert_nonnull (strstr (out, "possible rename customer.email → mail"));
    g_assert_nonnull (strstr (out, "[loses data: 2 rows]"));
    g_assert_nonnull (strstr (err, "would lose data"));
    cardinal_test_assert_text (sqlite_dump (path), before);
  }
  {
    const char *args[] = { "migrate", document, "--to", path, "--rename", "customer.email=mail", NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_clear_pointer (&after, g_free);
    after = sqlite_dump (path);
    g_assert_nonnull (strstr (after, "mail"));
    g_assert_nonnull (strstr (after, "phone"));
    g_assert_nonnull (strstr (after, "1|a@example.org|Ann|NULL|"));
  }
  {
    const char *args[] = { "migrate", document, "--to", path, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "nothing to do"));
  }
  g_unlink (document);
  sqlite_fixture_remove (path);
}

/* The pairs of the live database's one relationship, "customer|order" lines
 * in order: from the FK column, then from the link table. */
static const char pairs_sql[] = "SELECT \"customer_id\" || '|' || \"id\" FROM \"orders\" ORDER BY 1";
static const char linked_sql[] = "SELECT \"customer_id\" || '|' || \"orders_id\" FROM \"customer_orders\" ORDER BY 1";

static char *
sqlite_lines (const char *path,
              const char *sql)
{
  GString *out = g_string_new (NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s\n", sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
pg_lines (PGconn     *conn,
          const char *sql)
{
  GString *out = g_string_new (NULL);
  PGresult *result = PQexec (conn, sql);

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int i = 0; i < PQntuples (result); i++)
    g_string_append_printf (out, "%s\n", PQgetvalue (result, i, 0));
  PQclear (result);
  return g_string_free (out, FALSE);
}

/* Types as each engine spells them itself, so that import stores the FK
 * column as the relationship's and not as an attribute of its own. */
static const char storage_sql[] =
  "CREATE TABLE customer (id INTEGER PRIMARY KEY, email TEXT NOT NULL);"
  "CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER NOT NULL,"
  " customer_id INTEGER NOT NULL REFERENCES customer (id));"
  "INSERT INTO customer VALUES (1, 'a@example.org'), (2, 'b@example.org');"
  "INSERT INTO orders VALUES (10, 5, 1), (11, 7, 1), (12, 9, 2);";

/* Imports @target with the CLI into @document and returns the model. */
static CardinalModel *
cli_import (const char *target,
            const char *document)
{
  const char *args[] = { "import", target, "-o", document, NULL };
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (document);
  CardinalModel *model;

  g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
  model = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  return model;
}

static void
save_model (CardinalModel *model,
            const char    *document)
{
  g_autoptr(GFile) file = g_file_new_for_path (document);
  g_autoptr(GError) error = NULL;

  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);
}

/* A live database matched by name whose one-to-many relationship the design
 * makes many-to-many: the pairs move from the FK column into the link table.
 * Deleting the relationship instead loses them, so migrate refuses and
 * changes nothing. @conn NULL: SQLite file @target. */
static void
check_storage_change (const char *target,
                      PGconn     *conn,
                      const char *dir,
                      gboolean    fk_is_attribute)
{
  g_autofree char *document = g_build_filename (dir, "shop.cardinal", NULL);
  g_autofree char *before = conn != NULL ? pg_lines (conn, pairs_sql) : sqlite_lines (target, pairs_sql);
  g_autofree char *after = NULL;
  g_autoptr(CardinalModel) model = cli_import (target, document);
  CardinalRelationship *relationship;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  g_assert_cmpstr (before, ==, "1|10\n1|11\n2|12\n");
  g_assert_cmpuint (model->relationships->len, ==, 1);

  /* Deleted: the pairs would go. (An FK column that is also an attribute
   * stays as a plain column: nothing to refuse.) */
  if (!fk_is_attribute)
    {
      g_autoptr(CardinalModel) without = cardinal_model_copy (model);
      const char *args[] = { "migrate", document, "--to", target, NULL };

      g_ptr_array_set_size (without->relationships, 0);
      save_model (without, document);
      g_assert_cmpint (run_cli (args, &out, &err), ==, 3);
      g_assert_nonnull (strstr (out, "[loses data: 3 rows]"));
      after = conn != NULL ? pg_lines (conn, pairs_sql) : sqlite_lines (target, pairs_sql);
      g_assert_cmpstr (after, ==, before);
    }

  /* Many-to-many: the pairs move. */
  relationship = g_ptr_array_index (model->relationships, 0);
  relationship->kind = CARDINAL_KIND_MANY_TO_MANY;
  relationship->strategy = CARDINAL_STRATEGY_LINK_TABLE;
  save_model (model, document);
  {
    const char *args[] = { "migrate", document, "--to", target, NULL };

    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, &out, &err), ==, 0);
    g_assert_nonnull (strstr (out, "its pairs move from an FK column to a link table"));
    g_assert_nonnull (strstr (out, "0 lose data"));
  }
  g_clear_pointer (&after, g_free);
  after = conn != NULL ? pg_lines (conn, linked_sql) : sqlite_lines (target, linked_sql);
  g_assert_cmpstr (after, ==, before);
  g_unlink (document);
}

static void
test_sqlite_storage_change (void)
{
  g_autofree char *path = sqlite_fixture (storage_sql);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_getenv ("CARDINAL_CLI") == NULL)
    {
      g_test_skip ("CARDINAL_CLI is not set");
      return;
    }
  check_storage_change (path, NULL, dir, FALSE);
  sqlite_fixture_remove (path);
}

/* The same with the types spelled in lower case: import keeps the FK column
 * as an attribute (for its spelling) that the relationship uses, and the
 * pairs still move into the link table. */
static void
test_sqlite_storage_change_attribute (void)
{
  g_autofree char *sql = g_ascii_strdown (storage_sql, -1);
  g_autofree char *path = sqlite_fixture (sql);
  g_autofree char *dir = g_path_get_dirname (path);

  if (g_getenv ("CARDINAL_CLI") == NULL)
    {
      g_test_skip ("CARDINAL_CLI is not set");
      return;
    }
  check_storage_change (path, NULL, dir, TRUE);
  sqlite_fixture_remove (path);
}

static void
test_postgresql_storage_change (void)
{
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  g_autofree char *dir = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  PGresult *result;

  if (cluster == NULL)
    return;
  if (g_getenv ("CARDINAL_CLI") == NULL)
    {
      g_test_skip ("CARDINAL_CLI is not set");
      return;
    }
  conn = cardinal_test_pg_new_database (cluster, &dbname, &error);
  g_assert_no_error (error);
  result = PQexec (conn, storage_sql);
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  conninfo = cardinal_test_pg_conninfo (cluster, dbname);
  dir = g_dir_make_tmp ("cardinal-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  check_storage_change (conninfo, conn, dir, FALSE);
  PQfinish (conn);
  g_rmdir (dir);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/migrate/sqlite/all-or-nothing", test_sqlite_all_or_nothing);
  g_test_add_func ("/migrate/sqlite/check-refusal", test_sqlite_check_refusal);
  g_test_add_func ("/migrate/sqlite/data-loss", test_sqlite_data_loss);
  g_test_add_func ("/migrate/sqlite/pragma", test_sqlite_pragma);
  g_test_add_func ("/migrate/sqlite/cancel", test_sqlite_cancel);
  g_test_add_func ("/migrate/adopt-ids", test_adopt_ids);
  g_test_add_func ("/migrate/cli/usage", test_cli_usage);
  g_test_add_func ("/migrate/cli/rename", test_cli_rename);
  g_test_add_func ("/migrate/sqlite/storage-change", test_sqlite_storage_change);
  g_test_add_func ("/migrate/sqlite/storage-change-attribute", test_sqlite_storage_change_attribute);
  g_test_add_func ("/migrate/postgresql/storage-change", test_postgresql_storage_change);
  g_test_add_func ("/migrate/postgresql/all-or-nothing", test_postgresql_all_or_nothing);
  g_test_add_func ("/migrate/postgresql/counts", test_postgresql_counts);
  g_test_add_func ("/migrate/postgresql/thousands-apply", test_postgresql_thousands);
  g_test_add_func ("/migrate/postgresql/thousands-plan", test_postgresql_thousands_plan);

  status = g_test_run ();
  cardinal_test_pg_suite_stop ();
  return status;
}
