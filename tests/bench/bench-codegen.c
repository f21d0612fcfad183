/* bench-codegen.c: time to generate C model code for large models (1,000, 5,000 and 20,000 entities, 5,000 with a hub, or the sizes given as arguments), both backends; prints numbers only. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>

#include "cardinal-codegen.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-validate.h"

static void
bench (guint                  n_entities,
       gboolean               hub,
       CardinalDialect        backend)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (n_entities, 42, hub);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  gint64 start, end, checked;
  gsize bytes = 0;
  guint i;

  /* What generate does before it writes anything, timed alone to tell its share. */
  start = g_get_monotonic_time ();
  schema = cardinal_engineer (model);
  diagnostics = cardinal_validate_with_schema (model, schema);
  checked = g_get_monotonic_time () - start;

  start = g_get_monotonic_time ();
  files = cardinal_codegen_generate (model, backend, &error);
  end = g_get_monotonic_time ();
  if (files == NULL)
    {
      printf ("codegen %u entities %s: not generated: %s\n", n_entities,
              cardinal_dialect_to_string (backend), error->message);
      return;
    }
  names = cardinal_codegen_file_names (files);
  for (i = 0; names[i] != NULL; i++)
    bytes += strlen (g_hash_table_lookup (files, names[i]));
  printf ("codegen %u entities%s %u relationships %s: %.3f s (of which engineer + validate %.3f s), %.1f MB of code\n",
          n_entities, hub ? " with a hub" : "", model->relationships->len,
          cardinal_dialect_to_string (backend), (double) (end - start) / G_USEC_PER_SEC, (double) checked / G_USEC_PER_SEC,
          (double) bytes / (1024.0 * 1024.0));
  fflush (stdout);
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 1000, 5000, 20000 };
  guint i;

  /* Sizes on the command line replace the default ones (bench-codegen 10000 50000). */
  if (argc > 1)
    {
      for (i = 1; i < (guint) argc; i++)
        {
          guint n = (guint) g_ascii_strtoull (argv[i], NULL, 10);

          bench (n, FALSE, CARDINAL_DIALECT_SQLITE);
          bench (n, FALSE, CARDINAL_DIALECT_POSTGRESQL);
        }
      return 0;
    }
  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      bench (sizes[i], FALSE, CARDINAL_DIALECT_SQLITE);
      bench (sizes[i], FALSE, CARDINAL_DIALECT_POSTGRESQL);
    }
  /* Every table referencing one: the hub's struct and navigation grow with the model. */
  bench (5000, TRUE, CARDINAL_DIALECT_SQLITE);
  return 0;
}
