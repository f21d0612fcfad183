/* cardinal-cli-diff.c: `cardinal-cli diff OLD NEW`: prints the migration from one version of a model to another as SQL. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-migration-plan.h"

#include "cardinal-cli-private.h"

static void
cardinal_cli_diff_entries (GOptionContext     *context,
                           CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &options->dialect,
      "SQL dialect: sqlite or postgresql (default: postgresql)", "DIALECT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_diff_run (const CardinalCliCommand *command,
                       CardinalCliOptions       *options)
{
  static const char *names[] = { "OLD", "NEW" };
  g_autoptr(CardinalModel) old_model = NULL;
  g_autoptr(CardinalModel) new_model = NULL;
  g_autoptr(CardinalSchema) old_schema = NULL;
  g_autoptr(CardinalSchema) new_schema = NULL;
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  if (options->dialect != NULL && !cardinal_dialect_from_string (options->dialect, &dialect))
    {
      g_autofree char *message = g_strdup_printf ("unknown dialect \"%s\": expected sqlite or postgresql",
                                                  options->dialect);

      return cardinal_cli_usage_error (command, message);
    }
  if (!cardinal_cli_take_positional (command, options, 2, names, &exit_code))
    return exit_code;

  /* Both models must be valid: a plan for tables that cannot exist means nothing. */
  old_model = cardinal_cli_load_valid (options->rest[0], &old_schema, &exit_code);
  if (old_model == NULL)
    return exit_code;
  new_model = cardinal_cli_load_valid (options->rest[1], &new_schema, &exit_code);
  if (new_model == NULL)
    return exit_code;

  migration = cardinal_migration_plan (old_model, new_model, dialect, &error);
  if (migration == NULL)
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  sql = cardinal_migration_to_sql (migration);
  fputs (sql, stdout);
  return cardinal_cli_finish_stdout ();
}

const CardinalCliCommand cardinal_cli_diff_command = {
  "diff", "OLD NEW",
  "Print the migration from one version of a model to another as SQL.",
  "OLD and NEW are two versions of one model; entities, attributes and\n"
  "relationships are matched by their ids, so renames are renames. The script\n"
  "moves rows where a relationship's strategy changes, refuses (a CHECK with a\n"
  "count) what would break rows, and marks steps that lose data \"LOSES DATA\".\n"
  "SQLite steps named PRAGMA run outside the transaction.",
  NULL,
  cardinal_cli_diff_entries,
  cardinal_cli_diff_run,
};
