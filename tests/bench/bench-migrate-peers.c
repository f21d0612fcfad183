/* bench-migrate-peers.c: times `cardinal-cli migrate --dry-run` against a generated 2,629-table PostgreSQL database, beside @pgkit/migra and SQLite's sqldiff --schema on the same schemas. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>

#include "cardinal-ddl.h"
#include "cardinal-deploy.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-infer.h"
#include "cardinal-migrate.h"
#include "cardinal-reflect.h"
#include "cardinal-test-pg.h"

#define BENCH_SEED 7
#define N_TABLES 2629
#define RUNS 3

/* The generator's entity count that gives exactly N_TABLES tables (link
 * tables included), or the nearest it reaches. */
static CardinalModel *
model_with_tables (guint n_tables)
{
  guint n = n_tables * 10 / 13;
  guint best_n = n;
  guint best_diff = G_MAXUINT;

  for (guint round = 0; round < 40; round++)
    {
      g_autoptr(CardinalModel) model = cardinal_generate_model (n, BENCH_SEED, FALSE);
      g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
      guint got = schema->tables->len;
      guint diff = got > n_tables ? got - n_tables : n_tables - got;

      if (diff < best_diff)
        {
          best_diff = diff;
          best_n = n;
        }
      if (diff == 0)
        break;
      /* Each entity brings about 1.3 tables: step by the remaining gap. */
      n = got > n_tables ? n - MAX (diff * 10 / 13, 1) : n + MAX (diff * 10 / 13, 1);
    }
  return cardinal_generate_model (best_n, BENCH_SEED, FALSE);
}

/* What the document changes: a column more on every tenth entity, one entity more. */
static CardinalModel *
changed_model (const CardinalModel *model)
{
  CardinalModel *changed = cardinal_model_copy (model);
  CardinalEntity *entity;

  for (guint i = 0; i < changed->entities->len; i += 10)
    {
      CardinalEntity *e = g_ptr_array_index (changed->entities, i);
      g_autofree char *name = g_strdup_printf ("bench_note_%u", i);  /* merged entities share a table */
      CardinalAttribute *note = cardinal_attribute_new (name, "text");

      note->nullable = TRUE;
      cardinal_entity_add_attribute (e, note);
    }
  entity = cardinal_entity_new ("bench_added");
  {
    CardinalAttribute *id = cardinal_attribute_new ("id", "integer");

    id->primary_key = TRUE;
    id->nullable = FALSE;
    cardinal_entity_add_attribute (entity, id);
  }
  cardinal_model_add_entity (changed, entity);
  return changed;
}

static void
deploy (const CardinalModel *model,
        CardinalDialect      dialect,
        const char          *target)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autofree char *ddl = cardinal_ddl_render (schema, dialect);
  g_autoptr(GError) error = NULL;

  if (!cardinal_deploy_apply (ddl, target, NULL, &error))
    g_error ("deploy: %s", error->message);
}

/* The best wall time of RUNS runs of @argv in milliseconds, or a negative
 * value when it does not exit with one of the @ok statuses. */
static double
best_of_command (const char * const *argv,
                 char              **envp,
                 int                 ok_a,
                 int                 ok_b,
                 char              **first_output)
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *out = NULL;
      g_autofree char *err = NULL;
      int status = 0;
      gint64 start = g_get_monotonic_time ();
      double ms;

      if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error))
        {
          g_printerr ("%s: %s\n", argv[0], error->message);
          return -1;
        }
      ms = (double) (g_get_monotonic_time () - start) / 1000.0;
      if (!WIFEXITED (status) || (WEXITSTATUS (status) != ok_a && WEXITSTATUS (status) != ok_b))
        {
          g_printerr ("%s: exit %d: %s%.2000s\n", argv[0], WIFEXITED (status) ? WEXITSTATUS (status) : -1, err, out);
          return -1;
        }
      if (run == 0 && first_output != NULL)
        *first_output = g_steal_pointer (&out);
      best = MIN (best, ms);
    }
  return best;
}

static guint
count_substrings (const char *text,
                  const char *word)
{
  guint n = 0;

  for (const char *p = text != NULL ? text : ""; (p = strstr (p, word)) != NULL; p += strlen (word))
    n++;
  return n;
}

static guint
count_lines (const char *text,
             const char *prefix)
{
  guint n = 0;
  g_auto(GStrv) lines = g_strsplit (text != NULL ? text : "", "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    n += g_str_has_prefix (lines[i], prefix) ? 1 : 0;
  return n;
}

/* The part of `migrate` before the planner, in process: reflect, infer,
 * match; the best run's three parts in @parts. */
static double
best_of_matching (const char          *target,
                  const CardinalModel *document,
                  double               parts[3])
{
  double best = G_MAXDOUBLE;

  for (guint run = 0; run < RUNS; run++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) doc = cardinal_model_copy (document);
      g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
      gint64 start = g_get_monotonic_time ();
      g_autoptr(CardinalSchema) schema = cardinal_reflect_source (target, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, NULL, &error);
      gint64 reflected = g_get_monotonic_time ();
      g_autoptr(CardinalModel) live = NULL;
      gint64 inferred;
      gint64 end;

      if (schema == NULL)
        g_error ("reflect: %s", error->message);
      live = cardinal_infer (schema, "live", NULL);
      inferred = g_get_monotonic_time ();
      if (!cardinal_migration_adopt_ids (live, doc, NULL, notes, &error))
        g_error ("adopt: %s", error->message);
      end = g_get_monotonic_time ();
      if ((double) (end - start) / 1000.0 < best)
        {
          best = (double) (end - start) / 1000.0;
          parts[0] = (double) (reflected - start) / 1000.0;
          parts[1] = (double) (inferred - reflected) / 1000.0;
          parts[2] = (double) (end - inferred) / 1000.0;
        }
    }
  return best;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalTestPg) pg = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalModel) changed = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *document = NULL;
  g_autofree char *old_db = NULL;
  g_autofree char *new_db = NULL;
  g_autofree char *old_name = NULL;
  g_autofree char *new_name = NULL;
  g_autofree char *old_conninfo = NULL;
  g_autofree char *new_conninfo = NULL;
  g_autofree char *old_uri = NULL;
  g_autofree char *new_uri = NULL;
  g_autofree char *sqldiff = NULL;
  const char *cli = g_getenv ("CARDINAL_CLI");
  const char *migra = g_getenv ("CARDINAL_BENCH_MIGRA");
  PGconn *conn;

  if (cli == NULL)
    {
      g_printerr ("bench-migrate-peers: CARDINAL_CLI is not set\n");
      return 77;
    }
  pg = cardinal_test_pg_start (&error);
  if (pg == NULL)
    {
      g_printerr ("bench-migrate-peers: no PostgreSQL: %s\n", error->message);
      return 77;
    }

  model = model_with_tables (N_TABLES);
  changed = changed_model (model);
  schema = cardinal_engineer (model);
  printf ("schema: %u entities, %u tables (PostgreSQL with default settings)\n", model->entities->len,
          schema->tables->len);

  dir = g_dir_make_tmp ("cardinal-bench-migrate-XXXXXX", &error);
  g_assert_no_error (error);
  document = g_build_filename (dir, "changed.cardinal", NULL);
  {
    g_autoptr(GFile) file = g_file_new_for_path (document);

    if (!cardinal_document_save_file (changed, file, &error))
      g_error ("save: %s", error->message);
  }

  /* The live database (the old schema) and, for migra, one with the new. */
  conn = cardinal_test_pg_new_database (pg, &old_name, &error);
  g_assert_no_error (error);
  PQfinish (conn);
  conn = cardinal_test_pg_new_database (pg, &new_name, &error);
  g_assert_no_error (error);
  PQfinish (conn);
  old_conninfo = cardinal_test_pg_conninfo (pg, old_name);
  new_conninfo = cardinal_test_pg_conninfo (pg, new_name);
  deploy (model, CARDINAL_DIALECT_POSTGRESQL, old_conninfo);
  deploy (changed, CARDINAL_DIALECT_POSTGRESQL, new_conninfo);

  {
    double parts[3] = { 0, 0, 0 };
    double ms = best_of_matching (old_conninfo, changed, parts);

    printf ("cardinal reflect + infer + match by name (in process): %.0f ms (%.0f + %.0f + %.0f)\n", ms,
            parts[0], parts[1], parts[2]);
  }
  {
    const char *args[] = { cli, "migrate", document, "--to", old_conninfo, "--dry-run", NULL };
    g_autofree char *out = NULL;
    double ms = best_of_command (args, NULL, 0, 0, &out);

    if (ms >= 0)
      printf ("cardinal-cli migrate --dry-run: %.0f ms (target 500 ms), %u plan lines\n", ms,
              count_lines (out, "  "));
    else
      printf ("cardinal-cli migrate --dry-run: did not run (see above)\n");
  }

  /* migra takes URIs; the throwaway cluster listens on a socket only. */
  if (migra != NULL)
    {
      PQconninfoOption *options = PQconninfoParse (old_conninfo, NULL);
      g_autofree char *host = NULL;
      g_autofree char *user = NULL;
      g_auto(GStrv) envp = g_get_environ ();

      for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
        {
          if (strcmp (o->keyword, "host") == 0 && o->val != NULL)
            host = g_strdup (o->val);
          if (strcmp (o->keyword, "user") == 0 && o->val != NULL)
            user = g_strdup (o->val);
        }
      PQconninfoFree (options);
      /* node-postgres reaches a socket directory only through PGHOST. */
      envp = g_environ_setenv (envp, "PGHOST", host != NULL ? host : "", TRUE);
      envp = g_environ_setenv (envp, "PGUSER", user != NULL ? user : "postgres", TRUE);
      old_uri = g_strdup_printf ("postgresql:///%s", old_name);
      new_uri = g_strdup_printf ("postgresql:///%s", new_name);
      {
        const char *args[] = { migra, old_uri, new_uri, "--unsafe", NULL };
        g_autofree char *out = NULL;
        double ms = best_of_command (args, envp, 0, 2, &out);

        if (ms >= 0)
          printf ("@pgkit/migra: %.0f ms, %u alter/create table statements\n", ms,
                  count_substrings (out, "alter table") + count_substrings (out, "create table"));
      }
    }
  else
    printf ("@pgkit/migra: skipped (set CARDINAL_BENCH_MIGRA to its executable)\n");

  sqldiff = g_find_program_in_path ("sqldiff");
  if (sqldiff != NULL)
    {
      old_db = g_build_filename (dir, "old.sqlite", NULL);
      new_db = g_build_filename (dir, "new.sqlite", NULL);
      deploy (model, CARDINAL_DIALECT_SQLITE, old_db);
      deploy (changed, CARDINAL_DIALECT_SQLITE, new_db);
      {
        const char *args[] = { sqldiff, "--schema", old_db, new_db, NULL };
        g_autofree char *out = NULL;
        double ms = best_of_command (args, NULL, 0, 0, &out);

        if (ms >= 0)
          printf ("sqldiff --schema (the same schemas in SQLite): %.0f ms, %u lines\n", ms, count_lines (out, ""));
      }
      {
        const char *args[] = { cli, "migrate", document, "--to", old_db, "--dry-run", NULL };
        double ms = best_of_command (args, NULL, 0, 0, NULL);

        if (ms >= 0)
          printf ("cardinal-cli migrate --dry-run (SQLite): %.0f ms\n", ms);
      }
      g_unlink (old_db);
      g_unlink (new_db);
    }
  else
    printf ("sqldiff: skipped (apt-get install sqlite3-tools)\n");

  g_unlink (document);
  g_rmdir (dir);
  return 0;
}
