/* cardinal-cli.c: the headless command line: dispatch, shared helpers and the core commands; links no GTK. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <locale.h>
#include <stdio.h>
#include <string.h>

#include <gio/gio.h>

#include "cardinal-config.h"
#include "cardinal-ddl.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-file.h"
#include "cardinal-model.h"
#include "cardinal-reflect.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

#include "cardinal-cli-private.h"

static void
cardinal_cli_options_clear (CardinalCliOptions *options)
{
  g_clear_pointer (&options->dialect, g_free);
  g_clear_pointer (&options->output, g_free);
  g_clear_pointer (&options->q1, g_free);
  g_clear_pointer (&options->q2, g_free);
  g_clear_pointer (&options->strategy, g_free);
  g_clear_pointer (&options->name, g_free);
  g_clear_pointer (&options->format, g_free);
  g_clear_pointer (&options->layout, g_free);
  g_clear_pointer (&options->view, g_free);
  g_clear_pointer (&options->backend, g_free);
  g_clear_pointer (&options->target, g_free);
  g_clear_pointer (&options->schemas, g_strfreev);
  g_clear_pointer (&options->renames, g_strfreev);
  g_clear_pointer (&options->rest, g_strfreev);
}

/* A message for stderr is always a single line, so scripts can show it as is. */
void G_GNUC_PRINTF (1, 2)
cardinal_cli_fail (const char *format,
                   ...)
{
  va_list args;
  g_autofree char *message = NULL;
  char *p;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  for (p = message; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r')
      *p = ' ';

  fprintf (stderr, "cardinal-cli: %s\n", message);
}

int
cardinal_cli_usage_error (const CardinalCliCommand *command,
                          const char               *message)
{
  cardinal_cli_fail ("%s (try \"cardinal-cli %s --help\")", message, command->name);
  return CARDINAL_CLI_EXIT_USAGE;
}

/* The loader's messages already name the file; an I/O error from GIO may not
 * name it the way the user typed it, so add it then. */
void
cardinal_cli_report_file_error (const char   *path,
                                const GError *error)
{
  g_autofree char *basename = g_path_get_basename (path);

  if (strstr (error->message, basename) != NULL)
    cardinal_cli_fail ("%s", error->message);
  else
    cardinal_cli_fail ("%s: %s", path, error->message);
}

CardinalModel *
cardinal_cli_load (const char *path)
{
  g_autoptr(GFile) file = g_file_new_for_commandline_arg (path);
  g_autoptr(GError) error = NULL;
  CardinalModel *model;

  model = cardinal_document_load_file (file, &error);
  if (model == NULL)
    {
      cardinal_cli_report_file_error (path, error);
      return NULL;
    }
  return model;
}

void
cardinal_cli_count (GPtrArray *diagnostics,
                    guint     *n_errors,
                    guint     *n_warnings)
{
  guint i;

  *n_errors = 0;
  *n_warnings = 0;
  for (i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *d = g_ptr_array_index (diagnostics, i);

      if (d->severity == CARDINAL_SEVERITY_ERROR)
        (*n_errors)++;
      else
        (*n_warnings)++;
    }
}

void
cardinal_cli_print_diagnostics (FILE       *stream,
                                GPtrArray  *diagnostics,
                                const char *path,
                                int         severity)
{
  guint i;

  for (i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *d = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (severity >= 0 && (int) d->severity != severity)
        continue;
      line = cardinal_diagnostic_format (d, path);
      fprintf (stream, "%s\n", line);
    }
}

int
cardinal_cli_finish_stdout (void)
{
  if (fflush (stdout) != 0 || ferror (stdout))
    {
      cardinal_cli_fail ("cannot write to standard output");
      return CARDINAL_CLI_EXIT_USAGE;
    }
  return CARDINAL_CLI_EXIT_OK;
}

/* Positional arguments are taken as bytes from the command line; names in the
 * model are UTF-8, so anything else can never match and is refused early. */
gboolean
cardinal_cli_take_positional (const CardinalCliCommand *command,
                              CardinalCliOptions       *options,
                              guint                     n_wanted,
                              const char              **names,
                              int                      *exit_code)
{
  guint n_given = options->rest != NULL ? g_strv_length (options->rest) : 0;
  guint i;

  if (n_given < n_wanted)
    {
      g_autofree char *message = g_strdup_printf ("missing %s", names[n_given]);

      *exit_code = cardinal_cli_usage_error (command, message);
      return FALSE;
    }
  if (n_given > n_wanted)
    {
      g_autofree char *message = g_strdup_printf ("unexpected argument \"%s\"",
                                                  options->rest[n_wanted]);

      *exit_code = cardinal_cli_usage_error (command, message);
      return FALSE;
    }
  for (i = 0; i < n_given; i++)
    if (!g_utf8_validate (options->rest[i], -1, NULL))
      {
        g_autofree char *message = g_strdup_printf ("%s is not valid UTF-8", names[i]);

        *exit_code = cardinal_cli_usage_error (command, message);
        return FALSE;
      }
  return TRUE;
}

const char *
cardinal_cli_take_file (const CardinalCliCommand *command,
                        CardinalCliOptions       *options,
                        const char               *name,
                        int                      *exit_code)
{
  const char *names[] = { name };

  if (!cardinal_cli_take_positional (command, options, 1, names, exit_code))
    return NULL;
  return options->rest[0];
}

gboolean
cardinal_cli_check_target (const CardinalCliCommand *command,
                           CardinalCliOptions       *options,
                           int                      *exit_code)
{
  if (options->target == NULL || options->target[0] == '\0')
    *exit_code = cardinal_cli_usage_error (command, "missing --to TARGET");
  else if (!g_utf8_validate (options->target, -1, NULL))
    *exit_code = cardinal_cli_usage_error (command, "TARGET is not valid UTF-8");
  else
    return TRUE;
  return FALSE;
}

/* What every command that turns a model into something (DDL, code, a
 * diagram, a database) does first: load it, engineer it and refuse it when
 * it has errors (printed on stdout, exit 1); warnings go to stderr so that
 * stdout stays clean output. NULL with *@exit_code set when refused. */
CardinalModel *
cardinal_cli_load_valid (const char      *path,
                         CardinalSchema **schema,
                         int             *exit_code)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalSchema) engineered = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;

  model = cardinal_cli_load (path);
  if (model == NULL)
    {
      *exit_code = CARDINAL_CLI_EXIT_USAGE;
      return NULL;
    }
  engineered = cardinal_engineer (model);
  diagnostics = cardinal_validate_with_schema (model, engineered);
  if (cardinal_diagnostics_have_errors (diagnostics))
    {
      cardinal_cli_print_diagnostics (stdout, diagnostics, path, -1);
      *exit_code = cardinal_cli_finish_stdout ();
      if (*exit_code == CARDINAL_CLI_EXIT_OK)
        *exit_code = CARDINAL_CLI_EXIT_MODEL_ERRORS;
      return NULL;
    }
  cardinal_cli_print_diagnostics (stderr, diagnostics, path, CARDINAL_SEVERITY_WARNING);
  if (schema != NULL)
    *schema = g_steal_pointer (&engineered);
  return g_steal_pointer (&model);
}

/* validate ---------------------------------------------------------------- */

static void
cardinal_cli_validate_entries (GOptionContext     *context,
                               CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_validate_run (const CardinalCliCommand *command,
                           CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  const char *path;
  guint n_errors, n_warnings;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;

  model = cardinal_cli_load (path);
  if (model == NULL)
    return CARDINAL_CLI_EXIT_USAGE;

  diagnostics = cardinal_validate (model);
  cardinal_cli_count (diagnostics, &n_errors, &n_warnings);
  cardinal_cli_print_diagnostics (stdout, diagnostics, path, -1);
  printf ("%s: %u %s, %u %s\n", path,
          n_errors, n_errors == 1 ? "error" : "errors",
          n_warnings, n_warnings == 1 ? "warning" : "warnings");

  exit_code = cardinal_cli_finish_stdout ();
  if (exit_code != CARDINAL_CLI_EXIT_OK)
    return exit_code;
  return n_errors > 0 ? CARDINAL_CLI_EXIT_MODEL_ERRORS : CARDINAL_CLI_EXIT_OK;
}

/* ddl --------------------------------------------------------------------- */

static void
cardinal_cli_ddl_entries (GOptionContext     *context,
                          CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "dialect", 'd', 0, G_OPTION_ARG_STRING, &options->dialect,
      "SQL dialect: sqlite or postgresql (default: postgresql)", "DIALECT" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options->output,
      "Write the script to OUT (replaced atomically) instead of standard output", "OUT" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static int
cardinal_cli_ddl_run (const CardinalCliCommand *command,
                      CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *sql = NULL;
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  const char *path;
  int exit_code = CARDINAL_CLI_EXIT_OK;

  /* Usage is checked before the file is read, so a typo costs nothing. */
  if (options->dialect != NULL && !cardinal_dialect_from_string (options->dialect, &dialect))
    {
      g_autofree char *message = g_strdup_printf ("unknown dialect \"%s\": expected sqlite or postgresql",
                                                  options->dialect);

      return cardinal_cli_usage_error (command, message);
    }
  path = cardinal_cli_take_file (command, options, "FILE", &exit_code);
  if (path == NULL)
    return exit_code;

  model = cardinal_cli_load_valid (path, &schema, &exit_code);
  if (model == NULL)
    return exit_code;

  {
    g_autoptr(GPtrArray) notes = NULL;

    sql = cardinal_ddl_render_with_notes (schema, dialect, &notes);
    /* What this dialect cannot hold is said, never dropped without a word. */
    for (guint i = 0; i < notes->len; i++)
      g_printerr ("%s: warning[DDL]: %s\n", path, (const char *) g_ptr_array_index (notes, i));
  }

  if (options->output != NULL && g_strcmp0 (options->output, "-") != 0)
    {
      g_autoptr(GError) error = NULL;

      if (!cardinal_file_write (options->output, sql, strlen (sql), &error))
        {
          cardinal_cli_fail ("%s", error->message);
          return CARDINAL_CLI_EXIT_USAGE;
        }
      return CARDINAL_CLI_EXIT_OK;
    }

  fputs (sql, stdout);
  return cardinal_cli_finish_stdout ();
}

/* relationships ----------------------------------------------------------- */

static void
cardinal_cli_relationships_entries (GOptionContext     *context,
                                    CardinalCliOptions *options)
{
  cardinal_cli_validate_entries (context, options);
}

static int
cardinal_cli_relationships_run (const CardinalCliCommand *command,
                                CardinalCliOptions       *options)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GString) out = NULL;
  int exit_code = CARDINAL_CLI_EXIT_OK;
  guint i;

  if (cardinal_cli_take_file (command, options, "FILE", &exit_code) == NULL)
    return exit_code;

  model = cardinal_cli_load (options->rest[0]);
  if (model == NULL)
    return CARDINAL_CLI_EXIT_USAGE;

  out = g_string_new (NULL);
  for (i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *r = g_ptr_array_index (model->relationships, i);

      g_string_append_printf (out, "%s\t%s\t%s\t%s\t%s\n",
                              r->name, r->entity1, r->entity2,
                              cardinal_kind_to_string (r->kind),
                              cardinal_strategy_to_string (r->strategy));
    }
  fwrite (out->str, 1, out->len, stdout);
  return cardinal_cli_finish_stdout ();
}

/* relate ------------------------------------------------------------------ */

static void
cardinal_cli_relate_entries (GOptionContext     *context,
                             CardinalCliOptions *options)
{
  const GOptionEntry entries[] = {
    { "q1", 0, 0, G_OPTION_ARG_STRING, &options->q1,
      "Can an ENTITY2 belong to more than one ENTITY1? (required)", "yes|no" },
    { "q2", 0, 0, G_OPTION_ARG_STRING, &options->q2,
      "Can an ENTITY1 have more than one ENTITY2? (required)", "yes|no" },
    { "strategy", 's', 0, G_OPTION_ARG_STRING, &options->strategy,
      "How the relationship is stored (default: the one recommended for its kind)", "STRATEGY" },
    { "name", 'n', 0, G_OPTION_ARG_FILENAME, &options->name,
      "Name of the new relationship (default: ENTITY1_ENTITY2, made unique)", "NAME" },
    { G_OPTION_REMAINING, 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &options->rest, NULL, NULL },
    { NULL }
  };

  g_option_context_add_main_entries (context, entries, NULL);
}

static gboolean
cardinal_cli_parse_answer (const char *text,
                           gboolean   *answer)
{
  if (g_ascii_strcasecmp (text, "yes") == 0 || g_ascii_strcasecmp (text, "y") == 0)
    *answer = TRUE;
  else if (g_ascii_strcasecmp (text, "no") == 0 || g_ascii_strcasecmp (text, "n") == 0)
    *answer = FALSE;
  else
    return FALSE;
  return TRUE;
}

static char *
cardinal_cli_fitting_strategies (CardinalKind kind)
{
  CardinalStrategy fitting[CARDINAL_N_STRATEGIES];
  g_autoptr(GString) list = g_string_new (NULL);
  guint n, i;

  n = cardinal_kind_strategies (kind, fitting);
  for (i = 0; i < n; i++)
    {
      if (i > 0)
        g_string_append (list, ", ");
      g_string_append (list, cardinal_strategy_to_string (fitting[i]));
    }
  return g_string_free (g_steal_pointer (&list), FALSE);
}

/* Diagnostics are compared as text: a relationship cannot change the wording
 * of a diagnostic about an unrelated object, so an unchanged line is an old one. */
static GHashTable *
cardinal_cli_diagnostic_set (GPtrArray *diagnostics)
{
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  guint i;

  for (i = 0; i < diagnostics->len; i++)
    g_hash_table_add (set, cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL));
  return set;
}

static int
cardinal_cli_relate_run (const CardinalCliCommand *command,
                         CardinalCliOptions       *options)
{
  static const char *names[] = { "FILE", "ENTITY1", "ENTITY2" };
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GPtrArray) before = NULL;
  g_autoptr(GPtrArray) after = NULL;
  g_autoptr(GHashTable) known = NULL;
  g_autoptr(GPtrArray) fresh = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *name = NULL;
  g_autofree char *base = NULL;
  CardinalRelationship *relationship;
  const CardinalEntity *entity1, *entity2;
  const char *path;
  gboolean q1, q2, fresh_errors = FALSE;
  CardinalKind kind;
  CardinalStrategy strategy;
  int exit_code = CARDINAL_CLI_EXIT_OK;
  guint i;

  if (!cardinal_cli_take_positional (command, options, 3, names, &exit_code))
    return exit_code;
  path = options->rest[0];

  if (options->q1 == NULL || options->q2 == NULL)
    return cardinal_cli_usage_error (command, options->q1 == NULL ? "missing --q1 yes|no"
                                                                  : "missing --q2 yes|no");
  if (!cardinal_cli_parse_answer (options->q1, &q1))
    return cardinal_cli_usage_error (command, "--q1 takes yes or no");
  if (!cardinal_cli_parse_answer (options->q2, &q2))
    return cardinal_cli_usage_error (command, "--q2 takes yes or no");
  if (options->name != NULL && !g_utf8_validate (options->name, -1, NULL))
    return cardinal_cli_usage_error (command, "--name is not valid UTF-8");

  kind = cardinal_question_pair_to_kind (q1, q2);
  strategy = cardinal_kind_default_strategy (kind);
  if (options->strategy != NULL)
    {
      g_autofree char *fitting = cardinal_cli_fitting_strategies (kind);
      gboolean known_strategy = cardinal_strategy_from_string (options->strategy, &strategy);

      if (!known_strategy || !cardinal_strategy_fits_kind (strategy, kind))
        {
          g_autofree char *message = NULL;

          if (!known_strategy)
            message = g_strdup_printf ("unknown strategy \"%s\"; a %s relationship can use: %s",
                                       options->strategy, cardinal_kind_to_string (kind), fitting);
          else
            message = g_strdup_printf ("strategy \"%s\" does not fit a %s relationship; use one of: %s",
                                       options->strategy, cardinal_kind_to_string (kind), fitting);
          return cardinal_cli_usage_error (command, message);
        }
    }

  model = cardinal_cli_load (path);
  if (model == NULL)
    return CARDINAL_CLI_EXIT_USAGE;

  for (i = 1; i <= 2; i++)
    if (cardinal_model_find_entity (model, options->rest[i]) == NULL)
      {
        cardinal_cli_fail ("%s: no entity named \"%s\"", path, options->rest[i]);
        return CARDINAL_CLI_EXIT_USAGE;
      }
  entity1 = cardinal_model_find_entity (model, options->rest[1]);
  entity2 = cardinal_model_find_entity (model, options->rest[2]);

  if (options->name != NULL)
    {
      if (cardinal_model_find_relationship (model, options->name) != NULL)
        {
          cardinal_cli_fail ("%s: a relationship named \"%s\" already exists", path, options->name);
          return CARDINAL_CLI_EXIT_USAGE;
        }
      name = g_strdup (options->name);
    }
  else
    {
      base = g_strdup_printf ("%s_%s", entity1->name, entity2->name);
      name = cardinal_model_unique_relationship_name (model, base);
    }

  before = cardinal_validate (model);
  relationship = cardinal_model_add_relationship (model,
                                                  cardinal_relationship_new (name,
                                                                             entity1->name,
                                                                             entity2->name,
                                                                             kind, strategy));
  after = cardinal_validate (model);

  known = cardinal_cli_diagnostic_set (before);
  fresh = g_ptr_array_new ();
  for (i = 0; i < after->len; i++)
    {
      CardinalDiagnostic *d = g_ptr_array_index (after, i);
      g_autofree char *key = cardinal_diagnostic_format (d, NULL);

      if (g_hash_table_contains (known, key))
        continue;
      g_ptr_array_add (fresh, d);
      if (d->severity == CARDINAL_SEVERITY_ERROR)
        fresh_errors = TRUE;
    }

  if (fresh_errors)
    {
      cardinal_cli_print_diagnostics (stdout, fresh, path, -1);
      exit_code = cardinal_cli_finish_stdout ();
      return exit_code != CARDINAL_CLI_EXIT_OK ? exit_code : CARDINAL_CLI_EXIT_MODEL_ERRORS;
    }

  /* The new relationship's stable id (DESIGN.md §7): derived from its name,
   * or random (and so written) when a renamed one holds that id already. */
  cardinal_model_assign_ids (model);
  file = g_file_new_for_commandline_arg (path);
  if (!cardinal_document_save_file (model, file, &error))
    {
      cardinal_cli_report_file_error (path, error);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  cardinal_cli_print_diagnostics (stderr, fresh, path, CARDINAL_SEVERITY_WARNING);
  printf ("added relationship \"%s\": %s %s %s (%s)\n",
          relationship->name, relationship->entity1,
          cardinal_kind_to_string (relationship->kind), relationship->entity2,
          cardinal_strategy_to_string (relationship->strategy));
  return cardinal_cli_finish_stdout ();
}

/* The table of answers comes from the model library, so the help can never
 * disagree with what `relate` does. */
static char *
cardinal_cli_relate_describe (void)
{
  g_autoptr(GString) text = g_string_new ("Answers and what they make:\n");
  guint q1, q2;

  for (q1 = 0; q1 <= 1; q1++)
    for (q2 = 0; q2 <= 1; q2++)
      {
        CardinalKind kind = cardinal_question_pair_to_kind (q1, q2);
        g_autofree char *fitting = cardinal_cli_fitting_strategies (kind);

        g_string_append_printf (text, "  --q1 %-3s --q2 %-3s  %-12s  strategies: %s\n",
                                q1 ? "yes" : "no", q2 ? "yes" : "no",
                                cardinal_kind_to_string (kind), fitting);
      }
  g_string_append (text, "The first strategy listed is the default.\n"
                         "FILE is saved only if the new relationship brings no new errors.");
  return g_string_free (g_steal_pointer (&text), FALSE);
}

/* dispatch ---------------------------------------------------------------- */

static const CardinalCliCommand cardinal_cli_core_commands[] = {
  { "validate", "FILE",
    "Check a model and print its diagnostics.",
    "Prints every error and warning in compiler form (FILE: error[CARD…]: …)\n"
    "followed by a count. Exit status: 0 no errors, 1 the model has errors,\n"
    "2 the file cannot be read.",
    NULL, cardinal_cli_validate_entries, cardinal_cli_validate_run },
  { "ddl", "FILE",
    "Write the SQL DDL (CREATE TABLE…) of a model.",
    "The model is validated first: if it has errors they are printed and no\n"
    "script is written (exit status 1). Warnings go to standard error.",
    NULL, cardinal_cli_ddl_entries, cardinal_cli_ddl_run },
  { "relationships", "FILE",
    "List the relationships of a model, one per line.",
    "Tab-separated columns: name, entity1, entity2, kind, strategy.",
    NULL, cardinal_cli_relationships_entries, cardinal_cli_relationships_run },
  { "relate", "FILE ENTITY1 ENTITY2",
    "Add a relationship from the answers to the question pair.",
    NULL, cardinal_cli_relate_describe,
    cardinal_cli_relate_entries, cardinal_cli_relate_run },
};

/* In the order `cardinal-cli --help` lists them. */
static const CardinalCliCommand *const cardinal_cli_commands[] = {
  &cardinal_cli_core_commands[0],
  &cardinal_cli_core_commands[1],
  &cardinal_cli_codegen_command,
  &cardinal_cli_diagram_command,
  &cardinal_cli_import_command,
  &cardinal_cli_apply_command,
  &cardinal_cli_migrate_command,
  &cardinal_cli_diff_command,
  &cardinal_cli_core_commands[2],
  &cardinal_cli_core_commands[3],
};

static const CardinalCliCommand *
cardinal_cli_find_command (const char *name)
{
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cardinal_cli_commands); i++)
    if (g_strcmp0 (cardinal_cli_commands[i]->name, name) == 0)
      return cardinal_cli_commands[i];
  return NULL;
}

static GOptionContext *
cardinal_cli_command_context (const CardinalCliCommand *command,
                              CardinalCliOptions       *options)
{
  GOptionContext *context;
  g_autofree char *prgname = g_strdup_printf ("cardinal-cli %s", command->name);

  /* GOption writes the usage line with the program name; make it name the command. */
  g_set_prgname (prgname);
  context = g_option_context_new (command->parameter_string);
  g_option_context_set_summary (context, command->summary);
  if (command->describe != NULL)
    {
      g_autofree char *description = command->describe ();

      g_option_context_set_description (context, description);
    }
  else
    g_option_context_set_description (context, command->description);
  command->add_entries (context, options);
  return context;
}

static void
cardinal_cli_print_help (FILE *stream)
{
  gsize i;

  fprintf (stream,
           "Usage:\n"
           "  cardinal-cli COMMAND [OPTION…] ARGUMENTS\n"
           "\n"
           "Cardinal's entity-relationship models (.cardinal files) without a display.\n"
           "\n"
           "Commands:\n");
  for (i = 0; i < G_N_ELEMENTS (cardinal_cli_commands); i++)
    fprintf (stream, "  %-14s %s\n", cardinal_cli_commands[i]->name, cardinal_cli_commands[i]->summary);
  fprintf (stream,
           "\n"
           "Options:\n"
           "  -h, --help     Show this help\n"
           "  --version      Show the version\n"
           "\n"
           "Run \"cardinal-cli help COMMAND\" or \"cardinal-cli COMMAND --help\" for a command's options.\n"
           "Exit status: 0 success, 1 the model has errors, 2 bad usage or an unreadable file.\n");
}

static int
cardinal_cli_help_command (const char *name)
{
  CardinalCliOptions options = { 0 };
  const CardinalCliCommand *command = cardinal_cli_find_command (name);
  g_autoptr(GOptionContext) context = NULL;
  g_autofree char *help = NULL;

  if (command == NULL)
    {
      cardinal_cli_fail ("unknown command \"%s\" (try \"cardinal-cli --help\")", name);
      return CARDINAL_CLI_EXIT_USAGE;
    }
  context = cardinal_cli_command_context (command, &options);
  help = g_option_context_get_help (context, TRUE, NULL);
  fputs (help, stdout);
  return cardinal_cli_finish_stdout ();
}

static int
cardinal_cli_run_command (const CardinalCliCommand *command,
                          int                       argc,
                          char                    **argv)
{
  CardinalCliOptions options = { 0 };
  g_autoptr(GOptionContext) context = cardinal_cli_command_context (command, &options);
  g_autoptr(GError) error = NULL;
  int exit_code;

  /* argv[0] is the command's name, which GOption skips as a program name. */
  if (!g_option_context_parse (context, &argc, &argv, &error))
    {
      exit_code = cardinal_cli_usage_error (command, error->message);
      cardinal_cli_options_clear (&options);
      return exit_code;
    }

  exit_code = command->run (command, &options);
  cardinal_cli_options_clear (&options);
  return exit_code;
}

int
main (int    argc,
      char **argv)
{
  const CardinalCliCommand *command;
  const char *name;

  setlocale (LC_ALL, "");
  cardinal_reflect_configure_sqlite ();

  if (argc < 2)
    {
      cardinal_cli_fail ("missing command (try \"cardinal-cli --help\")");
      return CARDINAL_CLI_EXIT_USAGE;
    }

  name = argv[1];
  if (g_strcmp0 (name, "--version") == 0)
    {
      printf ("cardinal-cli %s\n", CARDINAL_VERSION);
      return cardinal_cli_finish_stdout ();
    }
  if (g_strcmp0 (name, "--help") == 0 || g_strcmp0 (name, "-h") == 0
      || (g_strcmp0 (name, "help") == 0 && argc == 2))
    {
      cardinal_cli_print_help (stdout);
      return cardinal_cli_finish_stdout ();
    }
  if (g_strcmp0 (name, "help") == 0)
    {
      if (argc > 3)
        {
          cardinal_cli_fail ("help takes one command name (try \"cardinal-cli --help\")");
          return CARDINAL_CLI_EXIT_USAGE;
        }
      return cardinal_cli_help_command (argv[2]);
    }

  command = cardinal_cli_find_command (name);
  if (command == NULL)
    {
      if (name[0] == '-')
        cardinal_cli_fail ("unknown option \"%s\" (try \"cardinal-cli --help\")", name);
      else
        cardinal_cli_fail ("unknown command \"%s\" (try \"cardinal-cli --help\")", name);
      return CARDINAL_CLI_EXIT_USAGE;
    }

  return cardinal_cli_run_command (command, argc - 1, argv + 1);
}
