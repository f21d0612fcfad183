/* cardinal-cli-apply.c: `cardinal-cli apply FILE --to TARGET`: creates a model's tables in an SQLite file or a PostgreSQL database. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-ddl.h"
#include "cardinal-deploy.h"
#include "cardinal-engineer.h"
#include "cardinal-validate.h"

#include "cardinal-cli-private.h"

static void
cardinal_cli_apply_entries (GOptionContext     *context,
                            CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &options->target,
      "Where to create the tables: an SQLite file (.sqlite, .db), a postgresql:// URI or a conninfo string (required)",
      "TARGET" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &options->flag_a,
      "Print the script that would run and touch nothing", NULL },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_apply_run (const CardinalCliCommand *command,
                        CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ddl = NULL;
  g_autofree char *script = NULL;
  g_autofree char *shown = NULL;
  CardinalDialect dialect;
  const char *path;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  if (!cardinal_cli_check_target (command, options, &exit_code))
    return exit_code;
  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;

  model = cardinal_cli_load_valid (path, &schema, &exit_code);
  if (model == NULL)
    return exit_code;

  dialect = cardinal_deploy_target_dialect (options->target);
  {
    g_autoptr(GPtrArray) notes = NULL;

    ddl = cardinal_ddl_render_with_notes (schema, dialect, &notes);
    /* What this dialect cannot hold is said, never dropped without a word. */
    for (guint i = 0; i < notes->len; i++)
      g_printerr ("%s: warning[DDL]: %s\n", path, (const char *) g_ptr_array_index (notes, i));
  }
  script = cardinal_deploy_preview (ddl, options->target);

  if (options->flag_a)
    {
      fputs (script, stdout);
      return cardinal_cli_finish_stdout ();
    }

  if (!cardinal_deploy_apply (script, options->target, NULL, &error))
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  shown = cardinal_deploy_target_display (options->target);
  printf ("%s: %u %s created (%s)\n", shown, schema->tables->len, schema->tables->len == 1 ? "table" : "tables",
          cardinal_dialect_to_string (dialect));
  return cardinal_cli_finish_stdout ();
}

const CardinalCliCommand cardinal_cli_apply_command = {
  "apply", "FILE",
  "Create the model's tables in an SQLite file or a PostgreSQL database.",
  "TARGET is the path of an SQLite file (created when missing), or a live\n"
  "PostgreSQL database: a postgresql:// URI or a libpq conninfo string such as\n"
  "\"host=localhost dbname=shop\". The password comes from libpq's usual sources\n"
  "(PGPASSWORD, ~/.pgpass). The model is validated first: if it has errors they\n"
  "are printed and nothing is applied (exit 1). The DDL runs in one transaction:\n"
  "if any statement fails (a table that already exists, say), nothing is applied\n"
  "and the database's own message is printed with the script line (exit 2).\n"
  "--dry-run prints the script instead.",
  NULL,
  cardinal_cli_apply_entries,
  cardinal_cli_apply_run,
};
