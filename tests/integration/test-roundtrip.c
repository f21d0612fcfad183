/* test-roundtrip.c: engineer → DDL → real SQLite and PostgreSQL → reflect → infer == model; deploy all-or-nothing; CHECKs end to end. */
/* SPDX-License-Identifier: GPL-3.0-or-later */

#include <string.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-deploy.h"
#include "cardinal-pg.h"
#include "cardinal-engineer.h"
#include "cardinal-infer.h"
#include "cardinal-test-canonical.h"
#include "cardinal-reflect.h"
#include "cardinal-test-generate.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"
#include "cardinal-validate.h"

/* At least 200 generated models per engine, as the issue asks. */
#define N_GENERATED 220

/* A fresh database on the program's cluster (callers checked there is one); its conninfo. */
static char *
new_pg_database (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  CardinalTestPg *cluster = cardinal_test_pg_suite ();
  PGconn *conn = cardinal_test_pg_new_database (cluster, &dbname, &error);

  g_assert_no_error (error);
  PQfinish (conn);
  return cardinal_test_pg_conninfo (cluster, dbname);
}

static char *
pg_query_text (const char *conninfo,
               const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  /* A leading newline, so that every row can be looked for as "\nrow\n". */
  GString *out = g_string_new ("\n");

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  for (int row = 0; row < PQntuples (result); row++)
    {
      for (int column = 0; column < PQnfields (result); column++)
        g_string_append_printf (out, "%s%s", column > 0 ? "|" : "",
                                PQgetisnull (result, row, column) ? "NULL" : PQgetvalue (result, row, column));
      g_string_append_c (out, '\n');
    }
  PQclear (result);
  PQfinish (conn);
  return g_string_free (out, FALSE);
}

/* Runs @sql; NULL when it worked, else the server's message. */
static char *
pg_try (const char *conninfo,
        const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;
  char *message = NULL;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    message = g_strdup (PQresultErrorMessage (result));
  PQclear (result);
  PQfinish (conn);
  return message;
}

/* Everything in schema public: relations of every kind and constraints. */
static char *
pg_snapshot (const char *conninfo)
{
  return pg_query_text (conninfo,
                        "SELECT c.relname::text, c.relkind::text FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace "
                        "WHERE n.nspname = 'public' "
                        "UNION ALL SELECT conname::text, contype::text FROM pg_constraint k "
                        "JOIN pg_namespace n ON n.oid = k.connamespace WHERE n.nspname = 'public' "
                        "ORDER BY 1, 2");
}

/* SQLite helpers */

static char *
sqlite_snapshot (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT type, name, sql FROM sqlite_schema ORDER BY type, name",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (out, "%s %s %s\n", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2) != NULL ? (const char *) sqlite3_column_text (stmt, 2) : "");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return g_string_free (out, FALSE);
}

static char *
sqlite_try (const char *path,
            const char *sql)
{
  sqlite3 *db = NULL;
  char *message = NULL;
  char *copy = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    copy = g_strdup (message);
  sqlite3_free (message);
  sqlite3_close (db);
  return copy;
}

static char *
model_script (const CardinalModel *model,
              const char          *target)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autofree char *ddl = cardinal_ddl_render (schema, cardinal_deploy_target_dialect (target));

  return cardinal_deploy_preview (ddl, target);
}

/* Deploy */

typedef char *(*SnapshotFunc) (const char *target);

/* Applying @script to @target fails (CARDINAL_DEPLOY_ERROR_FAILED) with a
 * message that holds each of @parts, and the snapshot stays @before. */
static void
assert_apply_fails_unchanged (const char         *script,
                              const char         *target,
                              SnapshotFunc        snapshot,
                              const char         *before,
                              const char * const *parts)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_assert_false (cardinal_deploy_apply (script, target, NULL, &error));
  g_assert_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED);
  g_test_message ("%s", error->message);
  for (guint i = 0; parts[i] != NULL; i++)
    g_assert_nonnull (strstr (error->message, parts[i]));
  after = snapshot (target);
  g_assert_cmpstr (after, ==, before);
}

/* @script applies to the empty @target and gives a snapshot that holds each
 * of @parts; applied again it fails with the engine's "already exists" and
 * the line, and changes nothing. */
static void
assert_apply_twice (const char         *script,
                    const char         *target,
                    SnapshotFunc        snapshot,
                    const char * const *parts)
{
  static const char * const again[] = { "already exists", ": line ", NULL };
  g_autoptr(GError) error = NULL;
  g_autofree char *first = NULL;

  g_assert_true (cardinal_deploy_apply (script, target, NULL, &error));
  g_assert_no_error (error);
  first = snapshot (target);
  for (guint i = 0; parts[i] != NULL; i++)
    g_assert_nonnull (strstr (first, parts[i]));
  assert_apply_fails_unchanged (script, target, snapshot, first, again);
}

static void
test_deploy_target (void)
{
  g_autofree char *uri = cardinal_deploy_target_display ("postgresql://ann:s3cret@db.example/shop?sslmode=require");
  g_autofree char *query = cardinal_deploy_target_display ("postgres://db/shop?password=s3cret&sslmode=disable");
  g_autofree char *conninfo = cardinal_deploy_target_display ("host=db dbname=shop password='se cret' user=ann");
  g_autofree char *encoded = cardinal_deploy_target_display ("postgres://db/shop?pass%77ord=s3cret");
  g_autofree char *unreadable = cardinal_deploy_target_display ("host='db password=s3cret");
  g_autofree char *file = cardinal_deploy_target_display ("shop.sqlite");
  g_autofree char *preview = cardinal_deploy_preview ("BEGIN;\nCOMMIT;\n", "host=db\npassword=x dbname=a");

  g_assert_cmpint (cardinal_deploy_target_dialect ("postgresql://localhost/shop"), ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpint (cardinal_deploy_target_dialect ("postgres://localhost/shop"), ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpint (cardinal_deploy_target_dialect ("host=localhost dbname=shop"), ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpint (cardinal_deploy_target_dialect ("shop.sqlite"), ==, CARDINAL_DIALECT_SQLITE);
  g_assert_cmpint (cardinal_deploy_target_dialect ("/tmp/a.db"), ==, CARDINAL_DIALECT_SQLITE);

  /* Parsed by libpq and written back, so every spelling of a password is hidden. */
  g_assert_cmpstr (uri, ==, "user=ann password=*** dbname=shop host=db.example sslmode=require");
  g_assert_cmpstr (query, ==, "password=*** dbname=shop host=db sslmode=disable");
  g_assert_cmpstr (conninfo, ==, "user=ann password=*** dbname=shop host=db");
  g_assert_cmpstr (encoded, ==, "password=*** dbname=shop host=db");
  g_assert_cmpstr (unreadable, ==, "(a connection string libpq can't read)");
  g_assert_cmpstr (file, ==, "shop.sqlite");
  g_assert_null (strstr (preview, "password=x"));
  g_assert_true (g_str_has_prefix (preview, "-- Deploy to: password=*** dbname=a host=db\n"));
}

/* What the dialogs remember: no password in any spelling; as typed when there is none. */
static void
test_conninfo_without_password (void)
{
  static const char *const cases[][2] = {
    { "postgresql://ann:s3cret@db.example/shop?sslmode=require",
      "user=ann dbname=shop host=db.example sslmode=require" },
    { "postgres://db/shop?password=s3cret&sslmode=disable", "dbname=shop host=db sslmode=disable" },
    { "postgres://db/shop?pass%77ord=s3cret", "dbname=shop host=db" },
    { "host=db dbname=shop password='se cret' user=ann", "user=ann dbname=shop host=db" },
    { "host=db dbname='my shop' password=x", "dbname='my shop' host=db" },
    { "postgresql://ann@db.example/shop", "postgresql://ann@db.example/shop" },
    { "host=db dbname=shop", "host=db dbname=shop" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *kept = cardinal_pg_conninfo_without_password (cases[i][0]);

      g_assert_cmpstr (kept, ==, cases[i][1]);
      g_assert_null (strstr (kept, "s3cret"));
    }
  g_assert_null (cardinal_pg_conninfo_without_password ("host='db password=s3cret"));
}

/* Applying twice fails the second time, with SQLite's message and the line, and changes nothing. */
static void
test_deploy_sqlite_twice (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "school.sqlite", NULL);
  g_autofree char *script = model_script (model, path);
  static const char * const tables[] = { "table student CREATE TABLE", "table enrollment CREATE TABLE", NULL };

  assert_apply_twice (script, path, sqlite_snapshot, tables);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* A statement that fails after others ran leaves none of them applied. */
static void
test_deploy_sqlite_middle (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "school.sqlite", NULL);
  g_autofree char *script = model_script (model, path);
  g_autofree char *before = NULL;
  g_autofree char *message = NULL;
  static const char * const taken[] = { "enrollment", NULL };
  static const char * const syntax[] = { "line 3: near \"TABEL\": syntax error", NULL };

  /* The link table comes last in the script; student and course run before it. */
  g_assert_cmpuint ((gsize) (strstr (script, "CREATE TABLE \"enrollment\"") - script), >,
                    (gsize) (strstr (script, "CREATE TABLE \"course\"") - script));
  message = sqlite_try (path, "CREATE TABLE \"enrollment\" (x integer);");
  g_assert_null (message);
  before = sqlite_snapshot (path);
  g_assert_null (strstr (before, "student"));

  assert_apply_fails_unchanged (script, path, sqlite_snapshot, before, taken);
  /* A statement that is not valid SQL at all, after valid ones. */
  assert_apply_fails_unchanged ("CREATE TABLE \"a\" (x integer);\nCREATE TABLE \"b\" (x integer);\n"
                                "CREATE TABEL \"c\" (x integer);\n", path, sqlite_snapshot, before, syntax);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_deploy_sqlite_not_a_database (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "notes.db", NULL);
  static const char junk[] = "These are notes, not a database. They are long enough to be read as a header.\n"
                             "More text, so that the first page is not all zeros either.\n";
  g_autofree char *contents = NULL;
  gsize length = 0;
  g_autoptr(GError) error = NULL;

  g_assert_true (g_file_set_contents (path, junk, -1, NULL));
  g_assert_false (cardinal_deploy_apply ("CREATE TABLE \"a\" (x integer);\n", path, NULL, &error));
  g_assert_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "not a database"));
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  g_assert_cmpstr (contents, ==, junk);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Cancelled before it starts: nothing is applied, not even the file's first table. */
static void
test_deploy_cancelled (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cancelled.db", NULL);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *after = NULL;

  g_cancellable_cancel (cancellable);
  g_assert_false (cardinal_deploy_apply ("CREATE TABLE \"a\" (x integer);\n", path, cancellable, &error));
  g_assert_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CANCELLED);
  after = sqlite_snapshot (path);
  g_assert_cmpstr (after, ==, "");

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_deploy_postgresql_twice (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  g_autofree char *conninfo = NULL;
  g_autofree char *script = NULL;
  static const char * const tables[] = { "\nuser|r\n", "\nmembership|r\n", NULL };

  if (cardinal_test_pg_suite () == NULL)
    return;

  conninfo = new_pg_database ();
  script = model_script (model, conninfo);
  assert_apply_twice (script, conninfo, pg_snapshot, tables);
}

static void
test_deploy_postgresql_middle (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
  g_autofree char *conninfo = NULL;
  g_autofree char *script = NULL;
  g_autofree char *before = NULL;
  g_autofree char *message = NULL;
  static const char * const taken[] = { "relation \"enrollment\" already exists", NULL };
  static const char * const late[] = { "line 5: ERROR:  type \"nosuchtype\" does not exist", NULL };

  if (cardinal_test_pg_suite () == NULL)
    return;

  conninfo = new_pg_database ();
  script = model_script (model, conninfo);
  message = pg_try (conninfo, "CREATE TABLE \"enrollment\" (x integer)");
  g_assert_null (message);
  before = pg_snapshot (conninfo);
  g_assert_null (strstr (before, "student"));

  assert_apply_fails_unchanged (script, conninfo, pg_snapshot, before, taken);
  /* A statement the server rejects later than its first, with the line it starts on. */
  assert_apply_fails_unchanged ("CREATE TABLE \"a\" (x integer);\n-- a comment\n"
                                "CREATE TABLE \"b\" (x integer);\n\n  CREATE TABLE \"c\" (x nosuchtype);\n",
                                conninfo, pg_snapshot, before, late);
}

static void
test_deploy_postgresql_unreachable (void)
{
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *conninfo = g_strdup_printf ("host='%s' port=1 dbname=shop password=s3cret connect_timeout=5", dir);
  g_autoptr(GError) error = NULL;

  g_assert_false (cardinal_deploy_apply ("CREATE TABLE \"a\" (x integer);\n", conninfo, NULL, &error));
  g_assert_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CONNECT);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, "connection to server"));
  g_assert_null (strstr (error->message, "s3cret"));
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
run_cli (const char * const *arguments,
         int                *status,
         char              **out,
         char              **err)
{
  const char *cli = g_getenv ("CARDINAL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (guint i = 0; arguments[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) arguments[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  *status = WEXITSTATUS (wait_status);
}

/* `cardinal-cli apply`: --dry-run prints the script and creates nothing; apply; again fails with exit 2. */
static void
test_deploy_cli (void)
{
  g_autofree char *example = cardinal_test_example_path ("cars");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "cars.db", NULL);
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("cars");
  g_autofree char *expected = model_script (model, path);
  g_autofree char *bad = g_build_filename (dir, "bad.cardinal", NULL);
  char *out = NULL;
  char *err = NULL;
  int status = -1;

  {
    const char *arguments[] = { "apply", example, "--to", path, "--dry-run", NULL };

    run_cli (arguments, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpstr (out, ==, expected);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *arguments[] = { "apply", example, "--to", path, NULL };

    run_cli (arguments, &status, &out, &err);
    g_assert_cmpint (status, ==, 0);
    g_assert_nonnull (strstr (out, "3 tables created (sqlite)"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);

    run_cli (arguments, &status, &out, &err);
    g_assert_cmpint (status, ==, 2);
    g_assert_true (g_str_has_prefix (err, "cardinal-cli: "));
    g_assert_nonnull (strstr (err, "already exists; nothing was applied"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    const char *arguments[] = { "apply", example, NULL };

    run_cli (arguments, &status, &out, &err);
    g_assert_cmpint (status, ==, 2);
    g_assert_nonnull (strstr (err, "--to"));
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }
  {
    /* A model with errors is not applied: exit 1 and the diagnostics. */
    const char *arguments[] = { "apply", bad, "--to", path, NULL };
    g_autofree char *before = sqlite_snapshot (path);
    g_autofree char *after = NULL;

    g_assert_true (g_file_set_contents (bad, "{ \"format\": 1, \"name\": \"bad\", \"entities\": "
                                        "[ { \"name\": \"badtype\", \"attributes\": [ { \"name\": \"a\", \"type\": \"varchar(x)\" } ] } ] }",
                                        -1, NULL));
    run_cli (arguments, &status, &out, &err);
    g_assert_cmpint (status, ==, 1);
    g_assert_nonnull (strstr (out, "CARD018"));
    after = sqlite_snapshot (path);
    g_assert_cmpstr (after, ==, before);
    g_clear_pointer (&out, g_free);
    g_clear_pointer (&err, g_free);
  }

  g_assert_cmpint (g_unlink (bad), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* CHECK constraints end to end: document → engineer → DDL → the database refuses a violating row. */

static const char checks_model[] =
  "{ \"format\": 1, \"name\": \"shop\", \"entities\": [ { \"name\": \"item\", \"attributes\": [\n"
  "  { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true },\n"
  "  { \"name\": \"price\", \"type\": \"numeric(8,2)\", \"nullable\": false },\n"
  "  { \"name\": \"qty\", \"type\": \"integer\", \"nullable\": false } ],\n"
  "  \"checks\": [ \"\\\"price\\\" >= 0\", \"\\\"qty\\\" BETWEEN 1 AND 99\" ] } ] }";

static void
test_checks_sqlite (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (checks_model);
  g_autofree char *dir = g_dir_make_tmp ("cardinal-deploy-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "shop.sqlite", NULL);
  g_autofree char *script = model_script (model, path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) reflected = NULL;
  CardinalTable *item;
  char *message;

  g_assert_true (cardinal_deploy_apply (script, path, NULL, &error));
  message = sqlite_try (path, "INSERT INTO item (price, qty) VALUES (2.5, 3)");
  g_assert_null (message);
  message = sqlite_try (path, "INSERT INTO item (price, qty) VALUES (-1, 3)");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "CHECK constraint failed"));
  g_free (message);
  message = sqlite_try (path, "INSERT INTO item (price, qty) VALUES (1, 100)");
  g_assert_nonnull (message);
  g_free (message);

  /* And they come back as the entity's CHECKs. */
  reflected = cardinal_reflect_sqlite_file (path, NULL, &error);
  g_assert_no_error (error);
  item = cardinal_schema_find_table (reflected, "item");
  g_assert_nonnull (item);
  g_assert_cmpuint (item->checks->len, ==, 2);
  {
    g_autoptr(CardinalModel) inferred = cardinal_infer (reflected, "shop", NULL);
    g_autoptr(CardinalModel) expected = cardinal_infer_canonical (model);
    g_autofree char *difference = cardinal_infer_difference (expected, inferred);

    g_assert_cmpstr (difference, ==, NULL);
  }

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_checks_postgresql (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (checks_model);
  g_autofree char *conninfo = NULL;
  g_autofree char *script = NULL;
  g_autoptr(GError) error = NULL;
  char *message;

  if (cardinal_test_pg_suite () == NULL)
    return;

  conninfo = new_pg_database ();
  script = model_script (model, conninfo);
  g_assert_true (cardinal_deploy_apply (script, conninfo, NULL, &error));
  g_assert_no_error (error);
  message = pg_try (conninfo, "INSERT INTO item (price, qty) VALUES (2.5, 3)");
  g_assert_null (message);
  message = pg_try (conninfo, "INSERT INTO item (price, qty) VALUES (-1, 3)");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "violates check constraint"));
  g_free (message);
  message = pg_try (conninfo, "INSERT INTO item (price, qty) VALUES (1, 100)");
  g_assert_nonnull (message);
  g_free (message);
}

/* The round trip */

/* SQLite's AUTOINCREMENT works only on a column spelled exactly INTEGER, so
 * a bigint or smallint autoincrement key comes back as integer there. */
static void
sqlite_autoincrement_types (CardinalModel *model)
{
  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      g_autoptr(GPtrArray) key = cardinal_entity_primary_key (entity);

      if (key->len == 1)
        {
          CardinalAttribute *attribute = g_ptr_array_index (key, 0);

          if (attribute->autoincrement && cardinal_type_is_integer (attribute->type))
            {
              g_free (attribute->type);
              attribute->type = g_strdup ("integer");
            }
        }
    }
}

static gboolean
round_trip_agrees (const CardinalModel  *model,
                   const CardinalSchema *reflected,
                   const char           *label,
                   const char           *engine)
{
  g_autoptr(CardinalModel) expected = cardinal_infer_canonical (model);
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) inferred = cardinal_infer (reflected, model->name, &diagnostics);
  g_autofree char *difference = NULL;

  if (g_str_equal (engine, "sqlite"))
    sqlite_autoincrement_types (expected);
  difference = cardinal_infer_difference (expected, inferred);
  if (difference == NULL)
    return TRUE;

  {
    g_autofree char *json = cardinal_document_to_data (model, NULL);

    g_test_message ("model:\n%s", json);
    for (guint i = 0; i < diagnostics->len; i++)
      {
        g_autofree char *text = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL);

        g_test_message ("%s", text);
      }
  }
  g_test_fail_printf ("%s, %s: %s", engine, label, difference);
  return FALSE;
}

static gboolean
sqlite_round_trip (const CardinalModel *model,
                   const char          *label)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_autoptr(CardinalSchema) reflected = NULL;
  g_autoptr(GError) error = NULL;
  char *message = NULL;
  sqlite3 *db = NULL;
  gboolean ok;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, ddl, NULL, NULL, &message) != SQLITE_OK)
    {
      g_test_message ("%s", ddl);
      g_error ("sqlite, %s: the DDL fails: %s", label, message);
    }

  reflected = cardinal_reflect_sqlite (db, NULL, &error);
  g_assert_no_error (error);
  ok = round_trip_agrees (model, reflected, label, "sqlite");
  sqlite3_close (db);
  return ok;
}

static void
test_sqlite_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);

      sqlite_round_trip (model, names[i]);
    }
  {
    g_autoptr(CardinalModel) model = cardinal_test_load_example ("hostile-names");

    sqlite_round_trip (model, "hostile-names");
  }
}

static void
test_sqlite_generated (void)
{
  CardinalTestGenerateOptions options = { FALSE, TRUE, 0 };
  guint failures = 0;
  gint64 start = g_get_monotonic_time ();

  for (guint32 seed = 1; seed <= N_GENERATED && failures < 3; seed++)
    {
      g_autoptr(CardinalModel) model = NULL;
      g_autofree char *label = g_strdup_printf ("seed %u", seed);

      options.hostile_names = seed % 2 == 0;
      model = cardinal_test_generate_model (seed, &options);
      if (!sqlite_round_trip (model, label))
        failures++;
    }
  g_test_message ("%u generated models through SQLite in %.2f s", N_GENERATED,
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

/* Each model in its own PostgreSQL schema of one database: no database per model. */
static gboolean
postgresql_round_trip (const char          *conninfo,
                       const CardinalModel *model,
                       const char          *schema_name,
                       const char          *label)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_autofree char *create = g_strdup_printf ("CREATE SCHEMA \"%s\"", schema_name);
  g_autofree char *target = g_strdup_printf ("%s options='-csearch_path=%s'", conninfo, schema_name);
  g_autoptr(CardinalSchema) reflected = NULL;
  g_autoptr(GError) error = NULL;
  const char *schemas[] = { schema_name, NULL };
  g_autofree char *message = pg_try (conninfo, create);

  g_assert_null (message);
  if (!cardinal_deploy_apply (ddl, target, NULL, &error))
    {
      g_test_message ("%s", ddl);
      g_error ("postgresql, %s: the DDL fails: %s", label, error->message);
    }

  reflected = cardinal_reflect_postgresql (conninfo, schemas, NULL, NULL, &error);
  g_assert_no_error (error);
  /* Each model went into a schema of its own only to keep them apart in one
   * database; that schema is the test's, not the model's. */
  g_ptr_array_set_size (reflected->schemas, 0);
  for (guint i = 0; i < reflected->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reflected->tables, i);

      g_assert_cmpstr (table->schema, ==, schema_name);
      g_clear_pointer (&table->schema, g_free);
      for (guint k = 0; k < table->foreign_keys->len; k++)
        g_clear_pointer (&((CardinalForeignKey *) g_ptr_array_index (table->foreign_keys, k))->ref_schema, g_free);
    }
  return round_trip_agrees (model, reflected, label, "postgresql");
}

static void
test_postgresql_examples (void)
{
  g_auto(GStrv) names = NULL;
  g_autofree char *conninfo = NULL;

  if (cardinal_test_pg_suite () == NULL)
    return;

  conninfo = new_pg_database ();
  names = cardinal_test_example_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_autofree char *schema_name = g_strdup_printf ("example_%u", i);

      postgresql_round_trip (conninfo, model, schema_name, names[i]);
    }
  {
    g_autoptr(CardinalModel) model = cardinal_test_load_example ("hostile-names");

    postgresql_round_trip (conninfo, model, "hostile", "hostile-names");
  }
}

static void
test_postgresql_generated (void)
{
  CardinalTestGenerateOptions options = { FALSE, TRUE, 0 };
  g_autofree char *conninfo = NULL;
  guint failures = 0;
  gint64 start;

  if (cardinal_test_pg_suite () == NULL)
    return;

  start = g_get_monotonic_time ();
  conninfo = new_pg_database ();
  for (guint32 seed = 1; seed <= N_GENERATED && failures < 3; seed++)
    {
      g_autoptr(CardinalModel) model = NULL;
      g_autofree char *label = g_strdup_printf ("seed %u", seed);
      g_autofree char *schema_name = g_strdup_printf ("m%u", seed);

      options.hostile_names = seed % 2 == 0;
      model = cardinal_test_generate_model (seed, &options);
      if (!postgresql_round_trip (conninfo, model, schema_name, label))
        failures++;
    }
  g_test_message ("%u generated models through PostgreSQL in %.2f s", N_GENERATED,
                  (double) (g_get_monotonic_time () - start) / G_USEC_PER_SEC);
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/roundtrip/deploy/target", test_deploy_target);
  g_test_add_func ("/roundtrip/deploy/conninfo-without-password", test_conninfo_without_password);
  g_test_add_func ("/roundtrip/deploy/sqlite-twice", test_deploy_sqlite_twice);
  g_test_add_func ("/roundtrip/deploy/sqlite-middle", test_deploy_sqlite_middle);
  g_test_add_func ("/roundtrip/deploy/sqlite-not-a-database", test_deploy_sqlite_not_a_database);
  g_test_add_func ("/roundtrip/deploy/cancelled", test_deploy_cancelled);
  g_test_add_func ("/roundtrip/deploy/postgresql-twice", test_deploy_postgresql_twice);
  g_test_add_func ("/roundtrip/deploy/postgresql-middle", test_deploy_postgresql_middle);
  g_test_add_func ("/roundtrip/deploy/postgresql-unreachable", test_deploy_postgresql_unreachable);
  g_test_add_func ("/roundtrip/deploy/cli", test_deploy_cli);
  g_test_add_func ("/roundtrip/checks/sqlite", test_checks_sqlite);
  g_test_add_func ("/roundtrip/checks/postgresql", test_checks_postgresql);
  g_test_add_func ("/roundtrip/sqlite/examples", test_sqlite_examples);
  g_test_add_func ("/roundtrip/sqlite/generated", test_sqlite_generated);
  g_test_add_func ("/roundtrip/postgresql/examples", test_postgresql_examples);
  g_test_add_func ("/roundtrip/postgresql/generated", test_postgresql_generated);

  status = g_test_run ();
  cardinal_test_pg_suite_stop ();

  return status;
}
