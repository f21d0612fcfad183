/* bench-arrange.c: times Arrange (auto layout, tidying and packing to the window's shape) on generated models; 1,000 entities must stay within 3 s. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <time.h>

#include "cardinal-diagram.h"
#include "cardinal-generate-model.h"
#include "cardinal-layout.h"

#define BENCH_SEED 1
#define ROUNDS     3

static const guint sizes[] = { 100, 300, 1000 };

static double
cpu_ms (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return ts.tv_sec * 1000.0 + ts.tv_nsec / 1e6;
}

/* The sizes the canvas gives its boxes, near enough: a header and a row per attribute. */
static GHashTable *
box_sizes (const CardinalModel *model)
{
  GHashTable *table = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalDiagramSize *size = g_new (CardinalDiagramSize, 1);

      size->width = 200;
      size->height = 40 + 24 * entity->attributes->len;
      g_hash_table_insert (table, entity->name, size);
    }
  return table;
}

int
main (int   argc,
      char *argv[])
{
  gboolean slow = FALSE;

  printf ("Arrange (cardinal_diagram_layout_positions_for_aspect, aspect 1.6), best of %d\n", ROUNDS);
  printf ("%8s %5s %10s %10s %16s\n", "entities", "hub", "wall ms", "cpu ms", "bounds");
  for (guint s = 0; s < G_N_ELEMENTS (sizes); s++)
    for (guint hub = 0; hub < 2; hub++)
      {
        g_autoptr(CardinalModel) model = cardinal_generate_model (sizes[s], BENCH_SEED, hub);
        g_autoptr(GHashTable) table = box_sizes (model);
        double best_wall = G_MAXDOUBLE, best_cpu = G_MAXDOUBLE;
        double x2 = 0, y2 = 0;

        for (guint r = 0; r < ROUNDS; r++)
          {
            g_autoptr(GHashTable) positions = NULL;
            g_autoptr(GError) error = NULL;
            gint64 start = g_get_monotonic_time ();
            double cpu = cpu_ms ();

            positions = cardinal_diagram_layout_positions_for_aspect (model, table, 1.6, NULL, &error);
            if (positions == NULL)
              g_error ("Arrange failed: %s", error->message);
            best_wall = MIN (best_wall, (g_get_monotonic_time () - start) / 1000.0);
            best_cpu = MIN (best_cpu, cpu_ms () - cpu);
            for (guint i = 0; r == 0 && i < model->entities->len; i++)
              {
                const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
                const CardinalDiagramPosition *p = g_hash_table_lookup (positions, entity->name);
                const CardinalDiagramSize *size = g_hash_table_lookup (table, entity->name);

                x2 = MAX (x2, p->x + size->width);
                y2 = MAX (y2, p->y + size->height);
              }
          }
        printf ("%8u %5s %10.0f %10.0f %7.0f × %-7.0f\n", sizes[s], hub ? "yes" : "no",
                best_wall, best_cpu, x2, y2);
        if (sizes[s] == 1000 && best_wall > 3000)
          slow = TRUE;
      }
  if (slow)
    printf ("1,000 entities took more than 3 s\n");
  return slow ? 1 : 0;
}
