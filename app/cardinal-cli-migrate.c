/* cardinal-cli-migrate.c: `cardinal-cli migrate FILE --to TARGET`: changes a live database to match a model, in one transaction. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-deploy.h"
#include "cardinal-engineer.h"
#include "cardinal-infer.h"
#include "cardinal-migrate.h"
#include "cardinal-migration-plan.h"
#include "cardinal-reflect.h"

#include "cardinal-cli-private.h"


static void
cardinal_cli_migrate_entries (GOptionContext     *context,
                              CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "to", 't', 0, G_OPTION_ARG_STRING, &options->target,
      "The database to change: an SQLite file, a postgresql:// URI or a conninfo string (required)",
      "TARGET" },
    { "dry-run", 'n', 0, G_OPTION_ARG_NONE, &options->flag_a,
      "Print the plan and its SQL and change nothing", NULL },
    { "allow-data-loss", 0, 0, G_OPTION_ARG_NONE, &options->flag_b,
      "Run steps that drop tables or columns or narrow types", NULL },
    { "rename", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &options->renames,
      "A table (OLD=NEW) or column (TABLE.OLD=NEW) that was renamed, not dropped and added (repeatable)",
      "OLD=NEW" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

/* The plan grouped by table, in the order the tables first come up; steps
 * that lose data are marked with "!" and their rows. */
static void
print_plan (const CardinalMigration *plan,
            GArray                  *counts,
            const char              *shown)
{
  g_autoptr(GPtrArray) groups = cardinal_migration_group_by_table (plan);
  guint n_losing = cardinal_migration_n_losing (plan);

  printf ("Migration of %s (%s): %u %s, %u %s data\n", shown, cardinal_dialect_to_string (plan->dialect),
          plan->steps->len, plan->steps->len == 1 ? "step" : "steps", n_losing, n_losing == 1 ? "loses" : "lose");
  for (guint i = 0; i < plan->notes->len; i++)
    printf ("note: %s\n", (const char *) g_ptr_array_index (plan->notes, i));

  for (guint t = 0; t < groups->len; t++)
    {
      const CardinalMigrationGroup *group = g_ptr_array_index (groups, t);
      const char *table = group->table;

      printf ("\n%s\n", table[0] != '\0' ? table : "(database)");
      for (guint g = 0; g < group->steps->len; g++)
        {
          guint i = g_array_index (group->steps, guint, g);
          const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
          gint64 rows = counts != NULL ? g_array_index (counts, gint64, i) : -1;

          printf ("  %s %s", step->loses_data ? "!" : step->kind == CARDINAL_MIGRATION_STEP_CHECK ? "?" : "-",
                  step->summary != NULL ? step->summary : "");
          if (step->loses_data)
            {
              if (rows >= 0)
                printf ("  [loses data: %" G_GINT64_FORMAT " %s]", rows, rows == 1 ? "row" : "rows");
              else
                printf ("  [loses data]");
            }
          else if (step->kind == CARDINAL_MIGRATION_STEP_CHECK && rows > 0)
            printf ("  [refused now: %" G_GINT64_FORMAT " %s]", rows, rows == 1 ? "row" : "rows");
          putchar ('\n');
        }
    }
}

static void
print_progress (guint                        index,
                guint                        n_steps,
                const CardinalMigrationStep *step,
                gpointer                     data)
{
  g_printerr ("[%u/%u] %s\n", index + 1, n_steps, step->summary != NULL ? step->summary : "");
}

/* The database as it is, read on a thread of its own while the document
 * loads and validates: the server's work (most of the reading) and the
 * document's parsing then overlap. */
typedef struct
{
  char            *target;
  CardinalDialect  dialect;
  CardinalSchema  *schema;
  CardinalModel   *live;
  CardinalSchema  *engineered;  /* @live's own schema, for the planner */
  GError          *error;
} LiveReading;

static gpointer
read_live (gpointer data)
{
  LiveReading *reading = data;

  reading->schema = cardinal_reflect_source_full (reading->target, reading->dialect, CARDINAL_REFLECT_FLAGS_NONE,
                                                  NULL, NULL, NULL, NULL, &reading->error);
  /* Read back as a model (and engineered for the planner) here too: it
   * needs nothing from the document. */
  if (reading->schema != NULL)
    {
      reading->live = cardinal_infer (reading->schema, "live", NULL);
      reading->engineered = cardinal_engineer (reading->live);
    }
  return NULL;
}

/* Waits for the reading to end: its schema, model and error move to the
 * caller (or are freed, for NULL pointers). */
static void
live_reading_finish (GThread         *reader,
                     LiveReading     *reading,
                     CardinalSchema **schema,
                     CardinalModel  **live,
                     CardinalSchema **engineered,
                     GError         **error)
{
  g_thread_join (reader);
  if (schema != NULL)
    *schema = g_steal_pointer (&reading->schema);
  if (live != NULL)
    *live = g_steal_pointer (&reading->live);
  if (engineered != NULL)
    *engineered = g_steal_pointer (&reading->engineered);
  if (error != NULL)
    *error = g_steal_pointer (&reading->error);
  g_clear_pointer (&reading->schema, cardinal_schema_free);
  g_clear_pointer (&reading->live, cardinal_model_free);
  g_clear_pointer (&reading->engineered, cardinal_schema_free);
  g_clear_error (&reading->error);
  g_free (reading->target);
  g_free (reading);
}

static int
cardinal_cli_migrate_run (const CardinalCliCommand *command,
                          CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) document = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalSchema) live_schema = NULL;
  g_autoptr(CardinalModel) live = NULL;
  g_autoptr(CardinalSchema) live_engineered = NULL;
  g_autoptr(CardinalMigration) plan = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) counts = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *shown = NULL;
  CardinalDialect dialect;
  const char *path;
  int exit_code = CARDINAL_CLI_EXIT_OK;
  gboolean sqlite_missing;
  LiveReading *reading = NULL;
  GThread *reader = NULL;

  if (!cardinal_cli_check_target (command, options, &exit_code))
    return exit_code;
  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;
  shown = cardinal_deploy_target_display (options->target);
  dialect = cardinal_deploy_target_dialect (options->target);
  sqlite_missing = dialect == CARDINAL_DIALECT_SQLITE && !g_file_test (options->target, G_FILE_TEST_IS_REGULAR);
  if (!sqlite_missing)
    {
      reading = g_new0 (LiveReading, 1);
      reading->target = g_strdup (options->target);
      reading->dialect = dialect;
      reader = g_thread_new ("cardinal-reflect", read_live, reading);
    }

  document = cardinal_cli_load_valid (path, &schema, &exit_code);
  if (document == NULL)
    {
      /* The reading ends before the process does: libraries' exit
       * handlers must not pull a connection from under it. */
      if (reader != NULL)
        live_reading_finish (reader, reading, NULL, NULL, NULL, NULL);
      return exit_code;
    }

  /* The database as it is: reflected, then read back as a model. */
  if (sqlite_missing)
    {
      cardinal_cli_fail ("%s: no such SQLite file (create it with \"cardinal-cli apply\")", shown);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  live_reading_finish (reader, reading, &live_schema, &live, &live_engineered, &error);
  if (live_schema == NULL && g_error_matches (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY))
    {
      /* An empty database: everything is to be created. */
      g_clear_error (&error);
      live = cardinal_model_new ("live");
    }
  else if (live_schema == NULL)
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  if (!cardinal_migration_adopt_ids (live, document, (const char * const *) options->renames, notes, &error))
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  plan = cardinal_migration_plan_with_schemas (live, live_engineered, document, schema, dialect, &error);
  if (plan == NULL)
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  /* The matcher's guesses come first: they say what the plan may get wrong. */
  for (guint i = 0; i < notes->len; i++)
    g_ptr_array_insert (plan->notes, (gint) i, g_strdup (g_ptr_array_index (notes, i)));

  if (plan->steps->len == 0)
    {
      printf ("%s: already matches %s; nothing to do\n", shown, path);
      for (guint i = 0; i < plan->notes->len; i++)
        printf ("note: %s\n", (const char *) g_ptr_array_index (plan->notes, i));
      return cardinal_cli_finish_stdout ();
    }

  counts = cardinal_migration_count_rows (plan, options->target, NULL, &error);
  if (counts == NULL)
    {
      cardinal_cli_fail ("%s", error->message);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  print_plan (plan, counts, shown);

  if (options->flag_a)
    {
      g_autofree char *sql = cardinal_migration_to_sql (plan);

      printf ("\n%s", sql);
      return cardinal_cli_finish_stdout ();
    }
  fflush (stdout);

  if (!cardinal_migration_run (plan, options->target, options->flag_b, print_progress, NULL, NULL, &error))
    {
      cardinal_cli_fail ("%s", error->message);
      if (error->domain == CARDINAL_MIGRATE_ERROR
          && (error->code == CARDINAL_MIGRATE_ERROR_DATA_LOSS || error->code == CARDINAL_MIGRATE_ERROR_REFUSED
              || error->code == CARDINAL_MIGRATE_ERROR_INTEGRITY || error->code == CARDINAL_MIGRATE_ERROR_TOO_LARGE))
        return CARDINAL_CLI_EXIT_REFUSED;
      return CARDINAL_CLI_EXIT_USAGE;
    }
  printf ("%s: %u %s applied\n", shown, plan->steps->len, plan->steps->len == 1 ? "step" : "steps");
  return cardinal_cli_finish_stdout ();
}

const CardinalCliCommand cardinal_cli_migrate_command = {
  "migrate", "FILE",
  "Change a live database to match the model, keeping its data.",
  "Reads TARGET (an SQLite file, a postgresql:// URI or a conninfo string),\n"
  "matches its tables, columns and foreign keys to the model's entities,\n"
  "attributes and relationships by name, and prints the plan grouped by table:\n"
  "\"-\" a step, \"?\" a check that must find no rows, \"!\" a step that loses data\n"
  "with the rows it would touch. Where a table or column disappears and a\n"
  "similar one appears, a note says \"possible rename\": say --rename OLD=NEW\n"
  "(table) or --rename TABLE.OLD=NEW (column) to keep its data. The plan then\n"
  "runs in one transaction: any failure leaves the database as it was.\n"
  "--dry-run prints the plan and its SQL and changes nothing.\n"
  "Exit status: 0 applied (or nothing to do); 1 the model has errors; 2 the\n"
  "request could not be carried out (bad arguments, unreadable database, a\n"
  "statement failed and was rolled back); 3 refused before or while running,\n"
  "nothing changed (steps lose data without --allow-data-loss, a check found\n"
  "rows, SQLite's integrity checks failed, too many tables for the server's\n"
  "locks).",
  NULL,
  cardinal_cli_migrate_entries,
  cardinal_cli_migrate_run,
};
