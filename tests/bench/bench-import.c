/* bench-import.c: times reflecting generated schemas from PostgreSQL (against pg_dump --schema-only), SQLite and a .sql file. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <pg_query.h>
#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-infer.h"
#include "cardinal-reflect.h"
#include "cardinal-test-pg.h"

#define BENCH_SEED 7
#define RUNS 7

/* Table counts: the generator's entities are scaled to give about these. */
static const guint sizes[] = { 1000, 5000 };

typedef CardinalSchema *(*ReflectFunc) (gpointer data, GError **error);

static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &now);
  return (double) now.tv_sec * 1000.0 + (double) now.tv_nsec / 1e6;
}

/* The best of RUNS, in milliseconds of wall time, and the CPU time this
 * process spent in that run: the machine is shared, and the CPU time says
 * what the work costs whatever else runs. */
static double
best_of (ReflectFunc  reflect,
         gpointer     data,
         guint       *n_tables,
         double      *cpu)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      double cpu_start = cpu_ms ();
      g_autoptr(CardinalSchema) schema = reflect (data, &error);
      double ms = (double) (g_get_monotonic_time () - start) / 1000.0;

      if (schema == NULL)
        g_error ("reflect: %s", error->message);
      *n_tables = schema->tables->len;
      if (ms < best)
        {
          best = ms;
          if (cpu != NULL)
            *cpu = cpu_ms () - cpu_start;
        }
    }
  return best;
}

/* A generated model with about @n_tables tables once engineered. */
static CardinalModel *
model_with_tables (guint n_tables)
{
  g_autoptr(CardinalModel) first = cardinal_generate_model (n_tables, BENCH_SEED, FALSE);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (first);
  guint n_entities = (guint) ((guint64) n_tables * n_tables / MAX (schema->tables->len, 1));

  return cardinal_generate_model (MAX (n_entities, 1), BENCH_SEED, FALSE);
}

static CardinalSchema *
reflect_sqlite (gpointer   data,
                GError   **error)
{
  return cardinal_reflect_sqlite_file (data, NULL, error);
}

static CardinalSchema *
reflect_postgresql (gpointer   data,
                    GError   **error)
{
  return cardinal_reflect_postgresql (data, NULL, NULL, NULL, error);
}

static CardinalSchema *
reflect_sql (gpointer   data,
             GError   **error)
{
  return cardinal_reflect_sql (data, "generated.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, error);
}

/* Reflect and infer: the whole import without writing the file. */
static CardinalSchema *
import_sql (gpointer   data,
            GError   **error)
{
  CardinalSchema *schema = reflect_sql (data, error);
  g_autoptr(CardinalModel) model = NULL;

  if (schema != NULL)
    model = cardinal_infer (schema, "generated", NULL);
  return schema;
}

/* The script in batches of statements, each batch its own transaction: one
 * transaction for thousands of tables runs out of the default lock slots. */
static void
load_postgresql (PGconn     *conn,
                 const char *ddl)
{
  PgQuerySplitResult split = pg_query_split_with_scanner (ddl);
  g_autoptr(GString) batch = g_string_new (NULL);

  if (split.error != NULL)
    g_error ("split: %s", split.error->message);
  for (int i = 0; i <= split.n_stmts; i++)
    {
      if (i < split.n_stmts)
        {
          const char *text = ddl + split.stmts[i]->stmt_location;
          g_autofree char *statement = g_strndup (text, (gsize) split.stmts[i]->stmt_len);

          g_strstrip (statement);
          /* A statement's text starts with the comments before it. */
          if (g_str_has_suffix (statement, "BEGIN") || g_str_has_suffix (statement, "COMMIT"))
            continue;
          g_string_append (batch, statement);
          g_string_append (batch, ";\n");
        }
      if (batch->len > 0 && (i == split.n_stmts || (i % 400) == 399))
        {
          PGresult *result = PQexec (conn, batch->str);

          if (PQresultStatus (result) != PGRES_COMMAND_OK)
            g_error ("load: %s", PQerrorMessage (conn));
          PQclear (result);
          g_string_truncate (batch, 0);
        }
    }
  pg_query_free_split_result (split);
}

static double
time_pg_dump (const char *pg_dump,
              const char *conninfo)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      const char *argv[] = { pg_dump, "--schema-only", "--no-sync", "-f", "/dev/null", "-d", conninfo, NULL };
      g_autoptr(GError) error = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      gint64 start = g_get_monotonic_time ();

      if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error)
          || !g_spawn_check_wait_status (status, &error))
        {
          g_printerr ("pg_dump failed: %s %s\n", error->message, err != NULL ? err : "");
          return -1;
        }
      best = MIN (best, (double) (g_get_monotonic_time () - start) / 1000.0);
    }
  return best;
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalTestPg) cluster = NULL;
  g_autofree char *pg_dump = cardinal_test_pg_find_pg_dump ();
  g_autofree char *dir = g_dir_make_tmp ("cardinal-bench-import-XXXXXX", NULL);

  /* As cardinal and cardinal-cli do at start-up. */
  cardinal_reflect_configure_sqlite ();
  cluster = cardinal_test_pg_start (&error);
  if (cluster == NULL)
    g_printerr ("no PostgreSQL test cluster, PostgreSQL figures left out: %s\n", error->message);

  printf ("%-8s %-7s %14s %11s %6s %10s %8s %9s %8s %14s\n", "entities", "tables", "postgresql ms",
          "pg_dump ms", "ratio", "sqlite ms", "(cpu)", ".sql ms", "(cpu)", ".sql+infer ms");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    {
      g_autoptr(CardinalModel) model = model_with_tables (sizes[s]);
      g_autoptr(CardinalSchema) engineered = cardinal_engineer (model);
      g_autofree char *sqlite_ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_SQLITE);
      g_autofree char *pg_ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_POSTGRESQL);
      g_autofree char *basename = g_strdup_printf ("generated-%u.db", sizes[s]);
      g_autofree char *path = g_build_filename (dir, basename, NULL);
      double postgresql_ms = -1, pg_dump_ms = -1, sqlite_ms, sql_ms, import_ms, sqlite_cpu = 0, sql_cpu = 0;
      guint n_tables = 0;
      sqlite3 *db = NULL;
      char *message = NULL;

      if (sqlite3_open (path, &db) != SQLITE_OK || sqlite3_exec (db, sqlite_ddl, NULL, NULL, &message) != SQLITE_OK)
        g_error ("sqlite: %s", message);
      sqlite3_close (db);
      sqlite_ms = best_of (reflect_sqlite, path, &n_tables, &sqlite_cpu);
      sql_ms = best_of (reflect_sql, pg_ddl, &n_tables, &sql_cpu);
      import_ms = best_of (import_sql, pg_ddl, &n_tables, NULL);

      if (cluster != NULL)
        {
          g_autofree char *dbname = NULL;
          g_autofree char *conninfo = NULL;
          PGconn *conn = cardinal_test_pg_new_database (cluster, &dbname, &error);

          if (conn == NULL)
            g_error ("%s", error->message);
          load_postgresql (conn, pg_ddl);
          PQfinish (conn);
          conninfo = cardinal_test_pg_conninfo (cluster, dbname);
          postgresql_ms = best_of (reflect_postgresql, conninfo, &n_tables, NULL);
          if (pg_dump != NULL)
            pg_dump_ms = time_pg_dump (pg_dump, conninfo);
        }

      printf ("%-8u %-7u %14.1f %11.1f %6.2f %10.1f %8.1f %9.1f %8.1f %14.1f\n", model->entities->len, n_tables,
              postgresql_ms, pg_dump_ms, pg_dump_ms > 0 ? postgresql_ms / pg_dump_ms : -1.0,
              sqlite_ms, sqlite_cpu, sql_ms, sql_cpu, import_ms);
      fflush (stdout);
      g_unlink (path);
    }
  printf ("targets: postgresql ≤ 0.5 × pg_dump; sqlite ≤ 200 ms and .sql ≤ 300 ms at 5,000 tables\n"
          "(best of %d runs, wall time; (cpu) is this process's CPU time in that run)\n", RUNS);
  g_rmdir (dir);
  return 0;
}
