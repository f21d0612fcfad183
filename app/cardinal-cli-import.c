/* cardinal-cli-import.c: `cardinal-cli import`: an existing database or .sql file read back into a .cardinal model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-document.h"
#include "cardinal-infer.h"
#include "cardinal-reflect.h"
#include "cardinal-validate.h"

#include "cardinal-cli-private.h"

/* A plain grid until automatic arranging takes over: wide enough for a
 * table box with a few columns, roughly square overall. */
#define GRID_STEP_X 300.0
#define GRID_STEP_Y 240.0

static void
cardinal_cli_import_entries (GOptionContext     *context,
                             CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      "The .cardinal file to write (required; replaced atomically, never written on error)", "FILE" },
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &options->dialect,
      "Dialect of a .sql SOURCE: sqlite or postgresql (default: detected)", "DIALECT" },
    { "schema", 's', 0, G_OPTION_ARG_STRING_ARRAY, &options->schemas,
      "PostgreSQL schema to read; repeat for several (default: every non-system schema)", "SCHEMA" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static void
arrange_grid (CardinalModel *model)
{
  guint n = model->entities->len;
  guint columns = 1;

  /* The smallest square that holds them all; no libm for one square root. */
  while (columns * columns < n)
    columns++;

  for (guint i = 0; i < n; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      entity->x = (double) (i % columns) * GRID_STEP_X;
      entity->y = (double) (i / columns) * GRID_STEP_Y;
    }
}

/* The file name without directory and extension, or the database name. */
static char *
model_name_for (const char           *source,
                const CardinalSchema *schema)
{
  g_autofree char *base = NULL;
  char *dot;

  if (g_str_has_prefix (source, "postgresql://") || g_str_has_prefix (source, "postgres://")
      || (strchr (source, '=') != NULL && !g_file_test (source, G_FILE_TEST_EXISTS)))
    return g_strdup (schema->name != NULL && schema->name[0] != '\0' ? schema->name : "imported");

  base = g_path_get_basename (source);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

static int
cardinal_cli_import_run (const CardinalCliCommand *command,
                         CardinalCliOptions       *options)
{
  /* Without --dialect a .sql file's dialect is told from its text. */
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  CardinalReflectFlags flags = CARDINAL_REFLECT_DETECT_DIALECT;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  g_autofree char *model_name = NULL;
  const char *source;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  if (options->dialect != NULL)
    {
      flags = CARDINAL_REFLECT_FLAGS_NONE;
      if (g_strcmp0 (options->dialect, "sqlite") == 0)
        dialect = CARDINAL_DIALECT_SQLITE;
      else if (g_strcmp0 (options->dialect, "postgresql") == 0)
        dialect = CARDINAL_DIALECT_POSTGRESQL;
      else
        {
          g_autofree char *message = g_strdup_printf ("unknown dialect \"%s\": expected sqlite or postgresql",
                                                      options->dialect);

          return cardinal_cli_usage_error (command, message);
        }
    }
  if (options->output == NULL)
    return cardinal_cli_usage_error (command, "missing -o FILE");
  source = cardinal_cli_take_file (command, options, "SOURCE", &exit_code);
  if (source == NULL)
    return exit_code;

  schema = cardinal_reflect_source_full (source, dialect, flags, (const char * const *) options->schemas,
                                         NULL, &notes, NULL, &error);
  if (schema == NULL)
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  for (guint i = 0; i < notes->len; i++)
    cardinal_cli_fail ("note: %s", (const char *) g_ptr_array_index (notes, i));

  model_name = model_name_for (source, schema);
  model = cardinal_infer (schema, model_name, &diagnostics);
  if (diagnostics != NULL)
    cardinal_cli_print_diagnostics (stderr, diagnostics, options->output, -1);
  arrange_grid (model);

  file = g_file_new_for_commandline_arg (options->output);
  if (!cardinal_document_save_file (model, file, &error))
    {
      cardinal_cli_report_file_error (options->output, error);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  printf ("%s: %u %s, %u %s\n", options->output,
          model->entities->len, model->entities->len == 1 ? "entity" : "entities",
          model->relationships->len, model->relationships->len == 1 ? "relationship" : "relationships");
  return cardinal_cli_finish_stdout ();
}

const CardinalCliCommand cardinal_cli_import_command = {
  "import", "SOURCE",
  "Read an existing database or .sql file into a new model.",
  "SOURCE is an SQLite database file (opened read-only), a .sql file, or a live\n"
  "PostgreSQL database: a postgresql:// URI or a libpq conninfo string such as\n"
  "\"host=localhost dbname=shop\". The password comes from libpq's usual sources\n"
  "(PGPASSWORD, ~/.pgpass) and is never written into the model.\n"
  "Relationships and their strategies are inferred from keys and constraints;\n"
  "what fits no pattern is reported as a warning. Tables from schemas other\n"
  "than one keep their bare name unless two schemas share it (then \"schema.table\").\n"
  "Without --dialect a .sql file's dialect is detected: Cardinal's own header,\n"
  "then words only one dialect has, then whether PostgreSQL's parser accepts it.",
  NULL,
  cardinal_cli_import_entries,
  cardinal_cli_import_run,
};
