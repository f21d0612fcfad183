/* bench-migrate.c: times the migration planner on two versions of a generated 2,000-entity model (target: 0.2 s). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-migration-plan.h"

#define BENCH_RUNS 5

/* The edits a day's work might make, spread over the model: renamed
 * entities and attributes, new attributes, changed types and nullability,
 * and relationships whose strategy changes (fk ↔ link-table). */
static void
edit (CardinalModel *model)
{
  for (guint i = 0; i < model->entities->len; i += 7)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalAttribute *last = g_ptr_array_index (entity->attributes, entity->attributes->len - 1);

      cardinal_entity_add_attribute (entity, cardinal_attribute_new ("added_note", "text"));
      if (!last->primary_key)
        {
          g_free (last->name);
          last->name = g_strdup ("renamed_attribute");
          last->nullable = !last->nullable;
        }
    }
  for (guint i = 0; i < model->relationships->len; i += 11)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
        relationship->strategy = CARDINAL_STRATEGY_LINK_TABLE;
      else if (relationship->strategy == CARDINAL_STRATEGY_LINK_TABLE && relationship->kind == CARDINAL_KIND_ONE_TO_MANY)
        relationship->strategy = CARDINAL_STRATEGY_FK;
    }
}

/* CPU time: the machine is shared, and wall time counts the other processes too. */
static gint64
cpu_microseconds (void)
{
  struct timespec ts;

  clock_gettime (CLOCK_PROCESS_CPUTIME_ID, &ts);
  return (gint64) ts.tv_sec * G_USEC_PER_SEC + ts.tv_nsec / 1000;
}

int
main (int   argc,
      char *argv[])
{
  guint n_entities = argc > 1 ? (guint) atoi (argv[1]) : 2000;
  g_autoptr(CardinalModel) old_model = cardinal_generate_model (n_entities, 1, FALSE);
  g_autoptr(CardinalModel) new_model = NULL;
  g_autoptr(CardinalSchema) schema = NULL;

  cardinal_model_assign_ids (old_model);
  new_model = cardinal_model_copy (old_model);
  edit (new_model);
  schema = cardinal_engineer (old_model);

  for (int dialect = CARDINAL_DIALECT_SQLITE; dialect <= CARDINAL_DIALECT_POSTGRESQL; dialect++)
    {
      gint64 best = G_MAXINT64;
      gint64 best_cpu = G_MAXINT64;
      guint steps = 0;

      for (guint run = 0; run < BENCH_RUNS; run++)
        {
          g_autoptr(GError) error = NULL;
          gint64 start = g_get_monotonic_time ();
          gint64 start_cpu = cpu_microseconds ();
          g_autoptr(CardinalMigration) migration = cardinal_migration_plan (old_model, new_model,
                                                                            (CardinalDialect) dialect, &error);

          best = MIN (best, g_get_monotonic_time () - start);
          best_cpu = MIN (best_cpu, cpu_microseconds () - start_cpu);
          g_assert (migration != NULL);
          steps = migration->steps->len;
        }
      printf ("diff of two %u-entity models (%u tables), %s: %u steps, best of %d: %.1f ms wall, %.1f ms CPU (target 200 ms)\n",
              n_entities, schema->tables->len, cardinal_dialect_to_string ((CardinalDialect) dialect), steps,
              BENCH_RUNS, best / 1000.0, best_cpu / 1000.0);
    }
  return EXIT_SUCCESS;
}
