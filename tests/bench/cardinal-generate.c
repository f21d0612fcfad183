/* cardinal-generate.c: writes a large deterministic model (and optionally its DBML twin) for benchmarks. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <stdlib.h>

#include <gio/gio.h>

#include "cardinal-document.h"
#include "cardinal-generate-model.h"
#include "cardinal-validate.h"

int
main (int    argc,
      char **argv)
{
  g_autofree char *output = NULL;
  g_autofree char *dbml_output = NULL;
  gint64 seed = 1;
  gboolean hub = FALSE;
  g_auto(GStrv) rest = NULL;
  const GOptionEntry entries[] = {
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default 1)", "S" },
    { "hub", 0, 0, G_OPTION_ARG_NONE, &hub, "Add a hub entity referenced by every other entity", NULL },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the .cardinal model to FILE", "FILE" },
    { "dbml", 0, 0, G_OPTION_ARG_FILENAME, &dbml_output,
      "Also write the same schema as DBML to FILE (for dbml2sql)", "FILE" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_STRING_ARRAY, &rest, NULL, NULL },
    { NULL }
  };
  g_autoptr(GOptionContext) context = g_option_context_new ("N");
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  guint64 n_entities = 0;
  guint i;

  g_option_context_set_summary (context,
                                "Generates a valid model with N entities mixing every relationship strategy.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      fprintf (stderr, "cardinal-generate: %s\n", error->message);
      return 2;
    }
  if (rest == NULL || g_strv_length (rest) != 1
      || !g_ascii_string_to_unsigned (rest[0], 10, 1, G_MAXUINT, &n_entities, NULL))
    {
      fprintf (stderr, "cardinal-generate: expected one entity count N >= 1\n");
      return 2;
    }
  if (output == NULL && dbml_output == NULL)
    {
      fprintf (stderr, "cardinal-generate: -o FILE or --dbml FILE is required\n");
      return 2;
    }

  model = cardinal_generate_model ((guint) n_entities, (guint32) seed, hub);

  /* A benchmark on an invalid model would measure the wrong thing. */
  diagnostics = cardinal_validate (model);
  if (cardinal_diagnostics_have_errors (diagnostics))
    {
      for (i = 0; i < diagnostics->len; i++)
        {
          g_autofree char *line = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i),
                                                             "generated");
          printf ("%s\n", line);
        }
      fprintf (stderr, "cardinal-generate: the generated model has errors\n");
      return 1;
    }

  if (output != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (output);

      if (!cardinal_document_save_file (model, file, &error))
        {
          fprintf (stderr, "cardinal-generate: %s\n", error->message);
          return 2;
        }
    }
  if (dbml_output != NULL)
    {
      g_autofree char *dbml = cardinal_generate_dbml (model);

      if (!g_file_set_contents (dbml_output, dbml, -1, &error))
        {
          fprintf (stderr, "cardinal-generate: %s\n", error->message);
          return 2;
        }
    }

  return 0;
}
