/* cardinal-cli-codegen.c: `cardinal-cli codegen`: writes C model code for a model into a directory. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gio/gio.h>

#include "cardinal-codegen.h"
#include "cardinal-engineer.h"
#include "cardinal-validate.h"

#include "cardinal-cli-private.h"

static void
cardinal_cli_codegen_entries (GOptionContext     *context,
                              CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "backend", 'b', 0, G_OPTION_ARG_STRING, &options->backend,
      "Database client library: sqlite (sqlite3) or postgresql (libpq) (default: sqlite)", "BACKEND" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      "Directory to write the header, the source and README.md into (required; created when missing)", "DIR" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_codegen_run (const CardinalCliCommand *command,
                          CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autoptr(GError) error = NULL;
  CardinalDialect        backend = CARDINAL_DIALECT_SQLITE;
  const char *path;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  /* Usage is checked before the file is read, so a typo costs nothing. */
  if (options->backend != NULL && !cardinal_codegen_dialect_from_string (options->backend, &backend))
    {
      g_autofree char *message = g_strdup_printf ("unknown backend \"%s\": expected sqlite or postgresql",
                                                  options->backend);

      return cardinal_cli_usage_error (command, message);
    }
  if (options->output == NULL || *options->output == '\0')
    return cardinal_cli_usage_error (command, "missing -o DIR");
  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;

  /* Same refusal as `ddl`: code for a broken model would not match its tables. */
  model = cardinal_cli_load_valid (path, NULL, &exit_code);
  if (model == NULL)
    return exit_code;

  directory = g_file_new_for_commandline_arg (options->output);
  if (!cardinal_codegen_write (model, backend, directory, &error))
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  return CARDINAL_CLI_EXIT_OK;
}

const CardinalCliCommand cardinal_cli_codegen_command = {
  "codegen",
  "FILE",
  "Generate C model code (structs, CRUD, navigation) for sqlite3 or libpq",
  "Writes one header and one source for the whole model, plus README.md, into DIR.\n"
  "The tables are the ones `cardinal-cli ddl` creates; a model with errors gives exit code 1.",
  NULL,
  cardinal_cli_codegen_entries,
  cardinal_cli_codegen_run,
};
