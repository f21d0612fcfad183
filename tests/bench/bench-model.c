/* bench-model.c: times document, validation, engineering and DDL on large generated models, and the cardinal-cli process. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include <glib/gstdio.h>

#include "cardinal-ddl.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-validate.h"

#define BENCH_RUNS 5
#define BENCH_SEED 1

typedef struct
{
  CardinalModel  *model;
  CardinalSchema *schema;
  char           *data;
  gsize           length;
} BenchInput;

typedef void (*BenchFunc) (BenchInput *input);

static void
bench_save (BenchInput *input)
{
  gsize length;
  g_autofree char *data = cardinal_document_to_data (input->model, &length);

  g_assert (data != NULL && length == input->length);
}

static void
bench_load (BenchInput *input)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_document_load_data (input->data, (gssize) input->length,
                                                                "bench", &error);

  g_assert (model != NULL);
}

static void
bench_validate (BenchInput *input)
{
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (input->model);

  g_assert (!cardinal_diagnostics_have_errors (diagnostics));
}

static void
bench_engineer (BenchInput *input)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (input->model);

  g_assert (schema->tables->len > 0);
}

static void
bench_ddl_sqlite (BenchInput *input)
{
  g_autofree char *sql = cardinal_ddl_render (input->schema, CARDINAL_DIALECT_SQLITE);

  g_assert (sql[0] != '\0');
}

static void
bench_ddl_postgresql (BenchInput *input)
{
  g_autofree char *sql = cardinal_ddl_render (input->schema, CARDINAL_DIALECT_POSTGRESQL);

  g_assert (sql[0] != '\0');
}

/* The best of several runs: the least disturbed by the rest of the machine. */
static double
bench_best_ms (BenchFunc   func,
               BenchInput *input)
{
  gint64 best = G_MAXINT64;
  guint i;

  for (i = 0; i < BENCH_RUNS; i++)
    {
      gint64 start = g_get_monotonic_time ();

      func (input);
      best = MIN (best, g_get_monotonic_time () - start);
    }
  return best / 1000.0;
}

static void
bench_model (guint n_entities)
{
  static const struct
  {
    const char *label;
    BenchFunc   func;
  } steps[] = {
    { "save (to data)", bench_save },
    { "load (from data)", bench_load },
    { "validate", bench_validate },
    { "engineer", bench_engineer },
    { "ddl sqlite", bench_ddl_sqlite },
    { "ddl postgresql", bench_ddl_postgresql },
  };
  BenchInput input = { 0 };
  g_autoptr(GPtrArray) diagnostics = NULL;
  gint64 start;
  double generate_ms, total = 0;
  gsize i;

  start = g_get_monotonic_time ();
  input.model = cardinal_generate_model (n_entities, BENCH_SEED, TRUE);
  generate_ms = (g_get_monotonic_time () - start) / 1000.0;

  diagnostics = cardinal_validate (input.model);
  if (cardinal_diagnostics_have_errors (diagnostics))
    {
      fprintf (stderr, "bench-model: the generated model with %u entities has errors\n", n_entities);
      exit (1);
    }
  input.data = cardinal_document_to_data (input.model, &input.length);
  input.schema = cardinal_engineer (input.model);

  printf ("\n%u entities, %u relationships -> %u tables; document %.1f MiB; generated in %.1f ms\n",
          n_entities, input.model->relationships->len, input.schema->tables->len,
          input.length / (1024.0 * 1024.0), generate_ms);
  printf ("  %-20s %10s\n", "step", "best ms");
  for (i = 0; i < G_N_ELEMENTS (steps); i++)
    {
      double ms = bench_best_ms (steps[i].func, &input);

      total += ms;
      printf ("  %-20s %10.2f\n", steps[i].label, ms);
    }
  printf ("  %-20s %10.2f\n", "sum", total);
  fflush (stdout);

  cardinal_schema_free (input.schema);
  cardinal_model_free (input.model);
  g_free (input.data);
}

static int
compare_gint64 (gconstpointer a,
                gconstpointer b)
{
  gint64 x = *(const gint64 *) a;
  gint64 y = *(const gint64 *) b;

  return (x > y) - (x < y);
}

/* The whole process as a build would run it: exec, load, validate, engineer, render, write. */
static void
bench_cli (guint n_entities)
{
  const char *cli = g_getenv ("CARDINAL_CLI");
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;
  const char *dialects[] = { "postgresql", "sqlite" };
  gsize d;
  guint i;

  if (cli == NULL)
    {
      printf ("\ncardinal-cli: CARDINAL_CLI is not set, process timing skipped\n");
      return;
    }

  dir = g_dir_make_tmp ("cardinal-bench-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "generated.cardinal", NULL);
  model = cardinal_generate_model (n_entities, BENCH_SEED, TRUE);
  file = g_file_new_for_path (path);
  cardinal_document_save_file (model, file, &error);
  g_assert_no_error (error);

  printf ("\ncardinal-cli ddl, whole process, %u entities (%d runs, output to /dev/null)\n",
          n_entities, BENCH_RUNS);
  for (d = 0; d < G_N_ELEMENTS (dialects); d++)
    {
      const char *argv[] = { cli, "ddl", "--dialect", dialects[d], path, NULL };
      gint64 times[BENCH_RUNS];

      for (i = 0; i < BENCH_RUNS; i++)
        {
          int wait_status = 0;
          gint64 start = g_get_monotonic_time ();

          g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                        NULL, NULL, &wait_status, &error);
          times[i] = g_get_monotonic_time () - start;
          g_assert_no_error (error);
          if (!WIFEXITED (wait_status) || WEXITSTATUS (wait_status) != 0)
            {
              fprintf (stderr, "bench-model: cardinal-cli ddl failed on the generated model\n");
              exit (1);
            }
        }
      qsort (times, BENCH_RUNS, sizeof times[0], compare_gint64);
      printf ("  %-12s best %8.2f ms   median %8.2f ms\n", dialects[d],
              times[0] / 1000.0, times[BENCH_RUNS / 2] / 1000.0);
    }
  fflush (stdout);

  g_remove (path);
  g_rmdir (dir);
}

int
main (int    argc,
      char **argv)
{
  bench_model (1000);
  bench_model (5000);
  bench_cli (2000);
  return 0;
}
