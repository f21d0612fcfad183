/* bench-diagram.c: times auto layout + SVG of generated models (with and without a hub) against stock `dot` on the same graph. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include <gio/gio.h>
#include <glib/gstdio.h>

#include "cardinal-diagram.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"

#define BENCH_SEED 1
/* Stock dot is the slow baseline: it is stopped after this long. */
#define STOCK_DOT_TIMEOUT_S 120

/* The machine may be shared: CPU time says what the work costs, wall time what a user waits. */
static double
process_cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

static double
children_cpu_ms (void)
{
  struct rusage usage;

  getrusage (RUSAGE_CHILDREN, &usage);
  return (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * 1000.0
         + (usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1000.0;
}

static const guint sizes[] = { 100, 500, 1000, 2000 };
/* Stock dot on 2,000 tables would only say ">120 s" twice more. */
#define STOCK_DOT_MAX_ENTITIES 1000

typedef struct
{
  GSubprocess *process;
  gboolean     done;
  gboolean     timed_out;
} StockRun;

static void
stock_run_done (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  StockRun *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  run->done = TRUE;
}

static gboolean
stock_run_timeout (gpointer user_data)
{
  StockRun *run = user_data;

  run->timed_out = TRUE;
  g_subprocess_force_exit (run->process);
  return G_SOURCE_REMOVE;
}

/* Milliseconds, or a negative number when it was stopped at the timeout or failed. */
static double
time_stock_dot (const char *dot_path,
                const char *engine,
                gboolean   *timed_out,
                double     *cpu_ms)
{
  g_autoptr(GError) error = NULL;
  StockRun run = { 0 };
  guint timeout_id;
  gint64 start;
  double ms;

  *timed_out = FALSE;
  *cpu_ms = children_cpu_ms ();
  start = g_get_monotonic_time ();
  run.process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE | G_SUBPROCESS_FLAGS_STDERR_SILENCE,
                                  &error, engine, "-Tsvg", "-o", "/dev/null", dot_path, NULL);
  if (run.process == NULL)
    {
      fprintf (stderr, "bench-diagram: cannot run %s: %s\n", engine, error->message);
      return -1;
    }
  g_subprocess_wait_async (run.process, NULL, stock_run_done, &run);
  timeout_id = g_timeout_add_seconds (STOCK_DOT_TIMEOUT_S, stock_run_timeout, &run);
  while (!run.done)
    g_main_context_iteration (NULL, TRUE);
  if (!run.timed_out)
    g_source_remove (timeout_id);
  ms = (g_get_monotonic_time () - start) / 1000.0;
  *cpu_ms = children_cpu_ms () - *cpu_ms;
  *timed_out = run.timed_out;
  if (!run.timed_out && !g_subprocess_get_successful (run.process))
    ms = -1;
  g_object_unref (run.process);
  return ms;
}

static void
print_ms (double ms)
{
  if (ms >= 10000)
    printf (" %10.1f s", ms / 1000.0);
  else
    printf (" %9.0f ms", ms);
}

static void
bench_one (guint    n_entities,
           gboolean hub,
           const char *tmpdir)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (n_entities, BENCH_SEED, hub);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GHashTable) positions = NULL;
  g_autofree char *dot_text = NULL;
  g_autofree char *dot_path = NULL;
  CardinalDiagramOptions options;
  guint n_fks = 0, t;
  gint64 start;
  double ours_ms, arrange_ms, ours_cpu, arrange_cpu;

  for (t = 0; t < schema->tables->len; t++)
    n_fks += ((const CardinalTable *) g_ptr_array_index (schema->tables, t))->foreign_keys->len;

  cardinal_diagram_options_init (&options);
  ours_cpu = process_cpu_ms ();
  start = g_get_monotonic_time ();
  svg = cardinal_diagram_render (model, &options, NULL, &error);
  ours_ms = (g_get_monotonic_time () - start) / 1000.0;
  ours_cpu = process_cpu_ms () - ours_cpu;
  if (svg == NULL)
    {
      fprintf (stderr, "bench-diagram: %u tables: %s\n", n_entities, error->message);
      exit (1);
    }

  arrange_cpu = process_cpu_ms ();
  start = g_get_monotonic_time ();
  positions = cardinal_diagram_layout_positions (model, NULL, NULL, &error);
  arrange_ms = (g_get_monotonic_time () - start) / 1000.0;
  arrange_cpu = process_cpu_ms () - arrange_cpu;
  g_assert_no_error (error);

  printf ("%6u %-4s %7u %6u  %-5s", n_entities, hub ? "yes" : "no", schema->tables->len, n_fks,
          cardinal_diagram_auto_engine (model, CARDINAL_DIAGRAM_VIEW_PHYSICAL));
  print_ms (ours_ms);
  print_ms (ours_cpu);
  print_ms (arrange_ms);
  print_ms (arrange_cpu);
  printf (" %8.1f", g_bytes_get_size (svg) / 1024.0);
  fflush (stdout);

  if (n_entities <= STOCK_DOT_MAX_ENTITIES)
    {
      gboolean timed_out;
      double ms, cpu_ms;

      dot_text = cardinal_diagram_build_dot (model, &options, &error);
      g_assert_no_error (error);
      dot_path = g_strdup_printf ("%s/%u-%s.dot", tmpdir, n_entities, hub ? "hub" : "plain");
      g_file_set_contents (dot_path, dot_text, -1, &error);
      g_assert_no_error (error);
      ms = time_stock_dot (dot_path, "dot", &timed_out, &cpu_ms);
      if (timed_out)
        {
          g_autofree char *limit = g_strdup_printf (">%d s", STOCK_DOT_TIMEOUT_S);

          printf ("   %10s", limit);
        }
      else if (ms < 0)
        printf ("   %10s", "failed");
      else
        {
          print_ms (ms);
          print_ms (cpu_ms);
        }
      g_unlink (dot_path);
    }
  else
    printf ("   %10s", "-");
  printf ("\n");
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *tmpdir = g_dir_make_tmp ("cardinal-bench-diagram-XXXXXX", &error);
  gsize i;
  int h;

  g_assert_no_error (error);
  printf ("Auto layout + SVG, physical view (cardinal_diagram_render), Arrange of the logical view\n"
          "(cardinal_diagram_layout_positions), and stock `dot -Tsvg` on the same graph\n"
          "(cardinal_diagram_build_dot, stopped after %d s). Engine: what the size and shape chose.\n\n",
          STOCK_DOT_TIMEOUT_S);
  printf ("%6s %-4s %7s %6s  %-5s %12s %12s %12s %12s %8s %12s %12s\n",
          "ents", "hub", "tables", "fks", "engine", "ours wall", "ours cpu", "arrange wall", "arrange cpu",
          "svg KiB", "dot wall", "dot cpu");
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    for (h = 0; h <= 1; h++)
      bench_one (sizes[i], h, tmpdir);
  g_rmdir (tmpdir);
  return 0;
}
