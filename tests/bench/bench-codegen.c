/* bench-codegen.c: time to generate C model code for large models (1,000 and 5,000 entities), both backends; prints numbers only. */
#include <stdio.h>
#include <string.h>

#include "cardinal-codegen.h"
#include "cardinal-generate-model.h"

static void
bench (guint                  n_entities,
       CardinalCodegenBackend backend)
{
  g_autoptr(CardinalModel) model = cardinal_generate_model (n_entities, 42, FALSE);
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  gint64 start, end;
  gsize bytes = 0;
  guint i;

  start = g_get_monotonic_time ();
  files = cardinal_codegen_generate (model, backend, &error);
  end = g_get_monotonic_time ();
  if (files == NULL)
    {
      printf ("codegen %u entities %s: not generated: %s\n", n_entities,
              cardinal_codegen_backend_to_string (backend), error->message);
      return;
    }
  names = cardinal_codegen_file_names (files);
  for (i = 0; names[i] != NULL; i++)
    bytes += strlen (g_hash_table_lookup (files, names[i]));
  printf ("codegen %u entities %u relationships %s: %.3f s, %.1f MB of code\n",
          n_entities, model->relationships->len, cardinal_codegen_backend_to_string (backend),
          (double) (end - start) / G_USEC_PER_SEC, (double) bytes / (1024.0 * 1024.0));
}

int
main (int    argc,
      char **argv)
{
  const guint sizes[] = { 1000, 5000 };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (sizes); i++)
    {
      bench (sizes[i], CARDINAL_CODEGEN_BACKEND_SQLITE);
      bench (sizes[i], CARDINAL_CODEGEN_BACKEND_POSTGRESQL);
    }
  return 0;
}
