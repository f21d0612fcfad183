/* test-cli.c: runs the built cardinal-cli as a user would and checks exit codes, output and files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cardinal-config.h"
#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-test-support.h"
#include "cardinal-validate.h"

typedef struct
{
  int   status;
  char *out;
  char *err;
} CliResult;

static void
cli_result_clear (CliResult *result)
{
  g_clear_pointer (&result->out, g_free);
  g_clear_pointer (&result->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (CliResult, cli_result_clear)

/* Runs cardinal-cli with @args (NULL-terminated) and keeps its exit status and output. */
static void
run_cli_strv (CliResult          *result,
              const char * const *args)
{
  const char *cli = g_getenv ("CARDINAL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int wait_status = 0;
  gsize i;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  for (i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &result->out, &result->err, &wait_status, &error);
  g_assert_no_error (error);
  /* A crash or an abort from G_DEBUG=fatal-warnings must fail, never look like an exit code. */
  g_assert_true (WIFEXITED (wait_status));
  result->status = WEXITSTATUS (wait_status);
}

static void
run_cli_valist (CliResult  *result,
                const char *first,
                va_list     args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  const char *arg;

  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  g_ptr_array_add (argv, NULL);
  run_cli_strv (result, (const char * const *) argv->pdata);
}

/* Runs cardinal-cli with the NULL-terminated arguments. */
static void
run_cli (CliResult  *result,
         const char *first,
         ...)
{
  va_list args;

  va_start (args, first);
  run_cli_valist (result, first, args);
  va_end (args);
}

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("cardinal-cli-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_temp_dir (const char *dir)
{
  g_autoptr(GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;

  if (handle != NULL)
    while ((entry = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *path = g_build_filename (dir, entry, NULL);

        g_assert_cmpint (g_remove (path), ==, 0);
      }
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static char *
write_temp_file (const char *dir,
                 const char *name,
                 const char *contents)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, contents, -1, &error);
  g_assert_no_error (error);
  return path;
}

/* Errors on stderr are one line that scripts can show as is. */
static void
assert_one_error_line (const char *err)
{
  const char *newline = strchr (err, '\n');

  g_assert_true (g_str_has_prefix (err, "cardinal-cli: "));
  g_assert_nonnull (newline);
  g_assert_cmpstr (newline + 1, ==, "");
}

static guint
count_lines (const char *text)
{
  guint n = 0;

  for (; *text != '\0'; text++)
    if (*text == '\n')
      n++;
  return n;
}

static guint
count_severity (GPtrArray        *diagnostics,
                CardinalSeverity  severity)
{
  guint i, n = 0;

  for (i = 0; i < diagnostics->len; i++)
    if (((CardinalDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == severity)
      n++;
  return n;
}

/* An entity without a primary key: an error the validator must report. */
static const char broken_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"name\": \"broken\",\n"
  "  \"entities\": [\n"
  "    { \"name\": \"thing\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },\n"
  "      { \"name\": \"label\", \"type\": \"varchar(x)\" } ] }\n"
  "  ]\n"
  "}\n";

/* Two unrelated entities for `relate`. */
static const char pair_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"name\": \"pair\",\n"
  "  \"entities\": [\n"
  "    { \"name\": \"person\", \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true },\n"
  "        { \"name\": \"name\", \"type\": \"text\", \"nullable\": false } ] },\n"
  "    { \"name\": \"address\", \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true },\n"
  "        { \"name\": \"city\", \"type\": \"text\" } ] }\n"
  "  ]\n"
  "}\n";

/* A reserved word as an entity name: allowed (quoted) but warned about. */
static const char warning_json[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"name\": \"warned\",\n"
  "  \"entities\": [\n"
  "    { \"name\": \"order\", \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true } ] }\n"
  "  ]\n"
  "}\n";

static void
test_version (void)
{
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "--version", NULL);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_nonnull (strstr (r.out, CARDINAL_VERSION));
  g_assert_cmpstr (r.err, ==, "");
}

static void
test_help (void)
{
  static const char *commands[] = { "validate", "ddl", "relationships", "relate" };
  g_auto(CliResult) top = { 0 };
  gsize i;

  run_cli (&top, "--help", NULL);
  g_assert_cmpint (top.status, ==, 0);

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_auto(CliResult) via_option = { 0 };
      g_auto(CliResult) via_help = { 0 };
      g_autofree char *usage = g_strdup_printf ("cardinal-cli %s", commands[i]);

      g_assert_nonnull (strstr (top.out, commands[i]));

      run_cli (&via_option, commands[i], "--help", NULL);
      g_assert_cmpint (via_option.status, ==, 0);
      g_assert_nonnull (strstr (via_option.out, usage));

      run_cli (&via_help, "help", commands[i], NULL);
      g_assert_cmpint (via_help.status, ==, 0);
      g_assert_cmpstr (via_help.out, ==, via_option.out);
    }

  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "help", "no-such-command", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_error_line (r.err);
  }
}

static void
test_bad_usage (void)
{
  g_autofree char *example = cardinal_test_example_path ("blog");
  struct
  {
    const char *args[10];
  } cases[] = {
    { { NULL } },
    { { "frobnicate", NULL } },
    { { "--frobnicate", NULL } },
    { { "validate", NULL } },
    { { "validate", example, example, NULL } },
    { { "validate", "--frobnicate", example, NULL } },
    { { "ddl", "--dialect", "oracle", example, NULL } },
    { { "ddl", "--dialect", NULL } },
    { { "relationships", NULL } },
    { { "relate", example, "user", NULL } },
    { { "relate", example, "user", "post", "--q2", "yes", NULL } },
    { { "relate", example, "user", "post", "--q1", "maybe", "--q2", "yes", NULL } },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_auto(CliResult) r = { 0 };
      const char * const *a = cases[i].args;

      run_cli_strv (&r, a);
      g_test_message ("case %" G_GSIZE_FORMAT ": %s", i, r.err);
      g_assert_cmpint (r.status, ==, 2);
      assert_one_error_line (r.err);
      g_assert_cmpstr (r.out, ==, "");
    }
}

static void
test_validate_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i, k;

  g_assert_cmpuint (g_strv_length (names), >, 0);
  for (i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = cardinal_test_example_path (names[i]);
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
      g_auto(CliResult) r = { 0 };
      g_auto(GStrv) lines = NULL;
      g_autofree char *summary = NULL;
      guint n_warnings = count_severity (diagnostics, CARDINAL_SEVERITY_WARNING);

      run_cli (&r, "validate", path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");

      /* One line per diagnostic, as the library formats it, then the summary. */
      lines = g_strsplit (r.out, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, diagnostics->len + 2);
      for (k = 0; k < diagnostics->len; k++)
        {
          g_autofree char *expected = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, k), path);

          g_assert_cmpstr (lines[k], ==, expected);
        }
      summary = g_strdup_printf ("%s: 0 errors, %u %s", path, n_warnings,
                                 n_warnings == 1 ? "warning" : "warnings");
      g_assert_cmpstr (lines[diagnostics->len], ==, summary);
      g_assert_cmpstr (lines[diagnostics->len + 1], ==, "");
    }
}

static void
test_validate_errors (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "broken.cardinal", broken_json);
  g_autoptr(CardinalModel) model = cardinal_test_load_file (path);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  g_autofree char *error_prefix = g_strdup_printf ("%s: error[CARD", path);
  g_autofree char *summary_prefix = NULL;
  g_auto(CliResult) r = { 0 };
  g_auto(GStrv) lines = NULL;
  guint n_errors = count_severity (diagnostics, CARDINAL_SEVERITY_ERROR);
  guint k, n_error_lines = 0;

  g_assert_true (cardinal_diagnostics_have_errors (diagnostics));

  run_cli (&r, "validate", path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_cmpstr (r.err, ==, "");

  lines = g_strsplit (r.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, diagnostics->len + 2);
  for (k = 0; k < diagnostics->len; k++)
    {
      const CardinalDiagnostic *d = g_ptr_array_index (diagnostics, k);

      if (d->severity == CARDINAL_SEVERITY_ERROR)
        {
          g_autofree char *code_part = g_strdup_printf ("error[%s]: ", d->code);

          g_assert_true (g_str_has_prefix (lines[k], error_prefix));
          g_assert_nonnull (strstr (lines[k], code_part));
          g_assert_nonnull (strstr (lines[k], d->message));
          n_error_lines++;
        }
    }
  g_assert_cmpuint (n_error_lines, ==, n_errors);
  summary_prefix = g_strdup_printf ("%s: %u %s, ", path, n_errors, n_errors == 1 ? "error" : "errors");
  g_assert_true (g_str_has_prefix (lines[diagnostics->len], summary_prefix));

  remove_temp_dir (dir);
}

/* The script opens with a comment that names the model. */
static void
assert_ddl_header (const char          *sql,
                   const CardinalModel *model)
{
  g_autoptr(GString) header = g_string_new (NULL);
  const char *line = sql;

  g_assert_true (g_str_has_prefix (sql, "--") || g_str_has_prefix (sql, "/*"));
  if (g_str_has_prefix (sql, "/*"))
    {
      const char *end = strstr (sql, "*/");

      g_assert_nonnull (end);
      g_string_append_len (header, sql, end - sql);
    }
  else
    while (g_str_has_prefix (line, "--"))
      {
        gsize length = strcspn (line, "\n");

        g_string_append_len (header, line, length);
        line += length + (line[length] == '\n' ? 1 : 0);
      }
  g_assert_nonnull (strstr (header->str, model->name));
}

static void
test_ddl_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i;

  g_assert_cmpuint (g_strv_length (names), >, 0);
  for (i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = cardinal_test_example_path (names[i]);
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
      g_autofree char *pg = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
      g_autofree char *sqlite = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
      g_auto(CliResult) r_default = { 0 };
      g_auto(CliResult) r_pg = { 0 };
      g_auto(CliResult) r_sqlite = { 0 };

      run_cli (&r_default, "ddl", path, NULL);
      g_assert_cmpint (r_default.status, ==, 0);
      assert_ddl_header (r_default.out, model);
      /* PostgreSQL is the default dialect. */
      g_assert_cmpstr (r_default.out, ==, pg);

      run_cli (&r_pg, "ddl", "--dialect", "postgresql", path, NULL);
      g_assert_cmpint (r_pg.status, ==, 0);
      g_assert_cmpstr (r_pg.out, ==, pg);

      /* Options may come after the file too. */
      run_cli (&r_sqlite, "ddl", path, "--dialect", "sqlite", NULL);
      g_assert_cmpint (r_sqlite.status, ==, 0);
      assert_ddl_header (r_sqlite.out, model);
      g_assert_cmpstr (r_sqlite.out, ==, sqlite);
      g_assert_cmpstr (r_sqlite.out, !=, pg);
    }
}

static void
test_ddl_output_file (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = cardinal_test_example_path ("blog");
  g_autofree char *out_path = g_build_filename (dir, "blog.sql", NULL);
  g_autofree char *written = NULL;
  g_autofree char *stale = NULL;
  g_auto(CliResult) r_stdout = { 0 };
  g_auto(CliResult) r_file = { 0 };
  g_auto(CliResult) r_again = { 0 };

  run_cli (&r_stdout, "ddl", "--dialect", "sqlite", path, NULL);
  g_assert_cmpint (r_stdout.status, ==, 0);

  run_cli (&r_file, "ddl", "--dialect", "sqlite", "-o", out_path, path, NULL);
  g_assert_cmpint (r_file.status, ==, 0);
  g_assert_cmpstr (r_file.out, ==, "");
  written = cardinal_test_read_file (out_path);
  g_assert_cmpstr (written, ==, r_stdout.out);

  /* An existing file is replaced, not appended to; the temporary file an
   * earlier write killed half-way left beside it goes with the next write. */
  stale = g_build_filename (dir, ".blog.sql.cardinal-save-k1LLed", NULL);
  g_assert_true (g_file_set_contents (stale, "CREATE TABLE \"half", -1, NULL));
  run_cli (&r_again, "ddl", "--dialect", "sqlite", "--output", out_path, path, NULL);
  g_assert_cmpint (r_again.status, ==, 0);
  g_clear_pointer (&written, g_free);
  written = cardinal_test_read_file (out_path);
  g_assert_cmpstr (written, ==, r_stdout.out);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));

  remove_temp_dir (dir);
}

static void
test_ddl_invalid (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "broken.cardinal", broken_json);
  g_autofree char *out_path = g_build_filename (dir, "broken.sql", NULL);
  g_autofree char *error_prefix = g_strdup_printf ("%s: error[CARD", path);
  g_auto(CliResult) r = { 0 };
  g_auto(CliResult) r_stdout = { 0 };

  run_cli (&r, "ddl", "-o", out_path, path, NULL);
  g_assert_cmpint (r.status, ==, 1);
  g_assert_true (g_str_has_prefix (r.out, error_prefix));
  g_assert_false (g_file_test (out_path, G_FILE_TEST_EXISTS));

  /* Without -o no SQL reaches stdout either, only the diagnostics. */
  run_cli (&r_stdout, "ddl", path, NULL);
  g_assert_cmpint (r_stdout.status, ==, 1);
  g_assert_cmpstr (r_stdout.out, ==, r.out);
  g_assert_null (strstr (r_stdout.out, "CREATE TABLE"));

  remove_temp_dir (dir);
}

static void
test_ddl_warnings (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "warned.cardinal", warning_json);
  g_autoptr(CardinalModel) model = cardinal_test_load_file (path);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  g_auto(CliResult) r = { 0 };
  guint k;

  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
  g_assert_cmpuint (count_severity (diagnostics, CARDINAL_SEVERITY_WARNING), >, 0);

  run_cli (&r, "ddl", path, NULL);
  g_assert_cmpint (r.status, ==, 0);
  assert_ddl_header (r.out, model);
  g_assert_cmpuint (count_lines (r.err), ==, diagnostics->len);
  for (k = 0; k < diagnostics->len; k++)
    {
      g_autofree char *line = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, k), path);

      g_assert_nonnull (strstr (r.err, line));
      g_assert_null (strstr (r.out, line));
    }

  remove_temp_dir (dir);
}

static void
test_unreadable (void)
{
  static const char *commands[] = { "validate", "ddl", "relationships" };
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "missing.cardinal", NULL);
  g_autofree char *corrupt = write_temp_file (dir, "corrupt.cardinal", "{ \"format\": 1, \"entities\": [ }\n");
  g_autofree char *not_a_model = write_temp_file (dir, "array.cardinal", "[1, 2, 3]\n");
  const char *paths[] = { missing, corrupt, not_a_model };
  gsize i, k;

  for (i = 0; i < G_N_ELEMENTS (commands); i++)
    for (k = 0; k < G_N_ELEMENTS (paths); k++)
      {
        g_auto(CliResult) r = { 0 };
        g_autofree char *basename = g_path_get_basename (paths[k]);

        run_cli (&r, commands[i], paths[k], NULL);
        g_test_message ("%s %s: %s", commands[i], basename, r.err);
        g_assert_cmpint (r.status, ==, 2);
        assert_one_error_line (r.err);
        g_assert_nonnull (strstr (r.err, basename));
        g_assert_cmpstr (r.out, ==, "");
      }

  {
    g_auto(CliResult) r = { 0 };
    g_autofree char *before = cardinal_test_read_file (corrupt);
    g_autofree char *after = NULL;

    run_cli (&r, "relate", corrupt, "a", "b", "--q1", "no", "--q2", "no", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_error_line (r.err);
    after = cardinal_test_read_file (corrupt);
    g_assert_cmpstr (after, ==, before);
  }

  remove_temp_dir (dir);
}

static void
test_relationships (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i, k, total = 0;

  for (i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = cardinal_test_example_path (names[i]);
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_auto(CliResult) r = { 0 };
      g_auto(GStrv) lines = NULL;

      run_cli (&r, "relationships", path, NULL);
      g_assert_cmpint (r.status, ==, 0);
      g_assert_cmpstr (r.err, ==, "");

      lines = g_strsplit (r.out, "\n", -1);
      g_assert_cmpuint (g_strv_length (lines), ==, model->relationships->len + 1);
      for (k = 0; k < model->relationships->len; k++)
        {
          const CardinalRelationship *rel = g_ptr_array_index (model->relationships, k);
          g_auto(GStrv) fields = g_strsplit (lines[k], "\t", -1);

          g_assert_cmpuint (g_strv_length (fields), ==, 5);
          g_assert_cmpstr (fields[0], ==, rel->name);
          g_assert_cmpstr (fields[1], ==, rel->entity1);
          g_assert_cmpstr (fields[2], ==, rel->entity2);
          g_assert_cmpstr (fields[3], ==, cardinal_kind_to_string (rel->kind));
          g_assert_cmpstr (fields[4], ==, cardinal_strategy_to_string (rel->strategy));
          total++;
        }
      g_assert_cmpstr (lines[model->relationships->len], ==, "");
    }
  /* The examples hold relationships, so the loop above compared something. */
  g_assert_cmpuint (total, >, 0);

  {
    g_autofree char *path = cardinal_test_example_path ("gallery-b1-fk");
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "relationships", path, NULL);
    g_assert_cmpstr (r.out, ==, "user_address\tuser\taddress\tone-to-many\tfk\n");
  }
}

static void
test_relate_question_pair (void)
{
  /* DESIGN.md §1 and the recommended strategy for each kind. */
  const struct
  {
    const char       *q1;
    const char       *q2;
    CardinalKind      kind;
    CardinalStrategy  strategy;
  } cases[] = {
    { "no", "no", CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK },
    { "yes", "no", CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK },
    { "no", "yes", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK },
    { "yes", "yes", CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE },
  };
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *dir = make_temp_dir ();
      g_autofree char *path = write_temp_file (dir, "pair.cardinal", pair_json);
      g_autoptr(CardinalModel) model = NULL;
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autofree char *expected_line = NULL;
      const CardinalRelationship *rel;
      g_auto(CliResult) r = { 0 };

      run_cli (&r, "relate", path, "person", "address", "--q1", cases[i].q1, "--q2", cases[i].q2, NULL);
      g_test_message ("q1=%s q2=%s: %s%s", cases[i].q1, cases[i].q2, r.out, r.err);
      g_assert_cmpint (r.status, ==, 0);

      model = cardinal_test_load_file (path);
      g_assert_cmpuint (model->relationships->len, ==, 1);
      rel = cardinal_model_find_relationship (model, "person_address");
      g_assert_nonnull (rel);
      g_assert_cmpstr (rel->entity1, ==, "person");
      g_assert_cmpstr (rel->entity2, ==, "address");
      g_assert_cmpint (rel->kind, ==, cases[i].kind);
      g_assert_cmpint (rel->strategy, ==, cases[i].strategy);
      g_assert_cmpint (rel->kind, ==, cardinal_question_pair_to_kind (g_str_equal (cases[i].q1, "yes"),
                                                                    g_str_equal (cases[i].q2, "yes")));
      g_assert_cmpint (rel->strategy, ==, cardinal_kind_default_strategy (rel->kind));

      expected_line = g_strdup_printf ("added relationship \"person_address\": person %s address (%s)\n",
                                       cardinal_kind_to_string (cases[i].kind),
                                       cardinal_strategy_to_string (cases[i].strategy));
      g_assert_cmpstr (r.out, ==, expected_line);

      diagnostics = cardinal_validate (model);
      g_assert_false (cardinal_diagnostics_have_errors (diagnostics));

      remove_temp_dir (dir);
    }
}

static void
test_relate_names (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "pair.cardinal", pair_json);
  g_autoptr(CardinalModel) after_first = NULL;
  g_autoptr(CardinalModel) after_second = NULL;
  g_autoptr(CardinalModel) after_third = NULL;
  g_autofree char *expected_name = NULL;
  g_auto(CliResult) r1 = { 0 };
  g_auto(CliResult) r2 = { 0 };
  g_auto(CliResult) r3 = { 0 };

  run_cli (&r1, "relate", path, "person", "address", "--q1", "no", "--q2", "yes", NULL);
  g_assert_cmpint (r1.status, ==, 0);
  after_first = cardinal_test_load_file (path);

  /* The same pair again gets a fresh name instead of clashing. */
  expected_name = cardinal_model_unique_relationship_name (after_first, "person_address");
  g_assert_cmpstr (expected_name, !=, "person_address");
  run_cli (&r2, "relate", path, "person", "address", "--q1", "yes", "--q2", "yes",
           "--strategy", "link-table-pk", NULL);
  g_test_message ("%s%s", r2.out, r2.err);
  g_assert_cmpint (r2.status, ==, 0);
  after_second = cardinal_test_load_file (path);
  g_assert_cmpuint (after_second->relationships->len, ==, 2);
  g_assert_nonnull (cardinal_model_find_relationship (after_second, expected_name));
  g_assert_cmpint (cardinal_model_find_relationship (after_second, expected_name)->strategy,
                   ==, CARDINAL_STRATEGY_LINK_TABLE_PK);

  /* The other way round: the unique FK lands in person, named after address. */
  run_cli (&r3, "relate", path, "address", "person", "--q1", "no", "--q2", "no",
           "--name", "lives_at", NULL);
  g_test_message ("%s%s", r3.out, r3.err);
  g_assert_cmpint (r3.status, ==, 0);
  after_third = cardinal_test_load_file (path);
  g_assert_cmpuint (after_third->relationships->len, ==, 3);
  g_assert_nonnull (cardinal_model_find_relationship (after_third, "lives_at"));
  g_assert_cmpstr (cardinal_model_find_relationship (after_third, "lives_at")->entity1, ==, "address");

  remove_temp_dir (dir);
}

/* Runs `relate FILE …` and checks the status and that FILE did not change. */
static void
assert_relate_refused (const char *path,
                       int         expected_status,
                       const char *first,
                       ...)
{
  g_autofree char *before = cardinal_test_read_file (path);
  g_autofree char *after = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(CliResult) r = { 0 };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) "relate");
  g_ptr_array_add (argv, (gpointer) path);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_cli_strv (&r, (const char * const *) argv->pdata);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, expected_status);
  if (expected_status == 2)
    assert_one_error_line (r.err);

  /* A refused request leaves the file byte for byte as it was. */
  after = cardinal_test_read_file (path);
  g_assert_cmpstr (after, ==, before);
}

static void
test_relate_refused (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "pair.cardinal", pair_json);
  CardinalStrategy fitting[CARDINAL_N_STRATEGIES];
  guint n, i;

  /* link-table-pk does not fit one-to-one: a usage error naming what fits. */
  assert_relate_refused (path, 2, "person", "address", "--q1", "no", "--q2", "no",
                         "--strategy=link-table-pk", NULL);
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "relate", path, "person", "address", "--q1", "no", "--q2", "no",
             "--strategy", "link-table-pk", NULL);
    g_assert_cmpint (r.status, ==, 2);
    n = cardinal_kind_strategies (CARDINAL_KIND_ONE_TO_ONE, fitting);
    g_assert_cmpuint (n, >, 0);
    for (i = 0; i < n; i++)
      g_assert_nonnull (strstr (r.err, cardinal_strategy_to_string (fitting[i])));
  }

  assert_relate_refused (path, 2, "person", "address", "--q1", "yes", "--q2", "yes",
                         "--strategy=nonsense", NULL);
  assert_relate_refused (path, 2, "person", "nobody", "--q1", "yes", "--q2", "no",
                         "--name=x", NULL);
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "relate", path, "person", "nobody", "--q1", "yes", "--q2", "no", NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, "no entity named"));
    g_assert_nonnull (strstr (r.err, "nobody"));
  }

  /* address has an autoincrement key, so it cannot share person's: a model
   * error that the relationship introduces, so nothing is saved. */
  assert_relate_refused (path, 1, "person", "address", "--q1", "no", "--q2", "no",
                         "--strategy=shared-pk", NULL);
  {
    g_auto(CliResult) r = { 0 };
    g_autofree char *error_prefix = g_strdup_printf ("%s: error[CARD", path);

    run_cli (&r, "relate", path, "person", "address", "--q1", "no", "--q2", "no",
             "--strategy", "shared-pk", NULL);
    g_assert_cmpint (r.status, ==, 1);
    g_assert_true (g_str_has_prefix (r.out, error_prefix));
  }

  remove_temp_dir (dir);
}

/* Files that are not documents to read: each one error line naming it, exit 2, quickly. */
static void
test_special_files (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *fifo = g_build_filename (dir, "pipe.cardinal", NULL);
  g_autofree char *big = g_build_filename (dir, "big.cardinal", NULL);
  g_autofree char *duplicate = write_temp_file (dir, "twice.cardinal",
                                                "{ \"format\": 1, \"name\": \"a\", \"name\": \"b\" }\n");
  g_autofree char *surrogate = write_temp_file (dir, "half.cardinal",
                                                "{ \"format\": 1, \"name\": \"\\ud800\" }\n");
  g_autofree char *overflow = write_temp_file (dir, "huge.cardinal", "{ \"format\": 99999999999999999999 }\n");
  struct
  {
    const char *path;
    const char *message;
  } cases[] = {
    { "/dev/zero", "cardinal-cli: /dev/zero is a device, not a file\n" },
    { fifo, "is a FIFO (a pipe), not a file\n" },
    { dir, "is a directory, not a file\n" },
    { big, "big.cardinal is 5.2\xc2\xa0GB; Cardinal reads files of at most 256\xc2\xa0MB\n" },
    { duplicate, "twice.cardinal:1:29: $.name: the key \"name\" appears twice in this object\n" },
    { surrogate, "half.cardinal:1:25: $.name: \\ud800 is the first half of a UTF-16 surrogate pair" },
    { overflow, "huge.cardinal:1:13: $.format: the number 99999999999999999999 is out of range\n" },
  };
  static const char *commands[] = { "validate", "ddl", "relationships" };
  int fd;

  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 5200 * 1000 * 1000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    for (gsize k = 0; k < G_N_ELEMENTS (commands); k++)
      {
        g_auto(CliResult) r = { 0 };
        gint64 start = g_get_monotonic_time ();

        if (!g_file_test (cases[i].path, G_FILE_TEST_EXISTS))
          continue;
        run_cli (&r, commands[k], cases[i].path, NULL);
        g_test_message ("%s %s: %d %s", commands[k], cases[i].path, r.status, r.err);
        g_assert_cmpint (r.status, ==, 2);
        assert_one_error_line (r.err);
        g_assert_nonnull (strstr (r.err, cases[i].message));
        g_assert_cmpstr (r.out, ==, "");
        /* Before, /dev/zero ran until memory ran out and the FIFO never returned. */
        g_assert_cmpint (g_get_monotonic_time () - start, <, 10 * G_USEC_PER_SEC);
      }

  /* relate refuses the FIFO too, and never writes beside it. */
  {
    g_auto(CliResult) r = { 0 };

    run_cli (&r, "relate", fifo, "a", "b", "--q1", "no", "--q2", "no", NULL);
    g_assert_cmpint (r.status, ==, 2);
    assert_one_error_line (r.err);
    g_assert_true (g_file_test (fifo, G_FILE_TEST_EXISTS));
  }

  remove_temp_dir (dir);
}

/* A stale save file beside the document is gone after relate saves it; others stay. */
static void
test_relate_removes_litter (void)
{
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = write_temp_file (dir, "pair.cardinal", pair_json);
  g_autofree char *stale = write_temp_file (dir, ".pair.cardinal.cardinal-save-k9Zz00", "{ \"form");
  g_autofree char *other = write_temp_file (dir, ".pair.cardinal.swp", "editor");
  g_auto(CliResult) r = { 0 };

  run_cli (&r, "relate", path, "person", "address", "--q1", "no", "--q2", "yes", NULL);
  g_test_message ("%s%s", r.out, r.err);
  g_assert_cmpint (r.status, ==, 0);
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (other, G_FILE_TEST_EXISTS));

  remove_temp_dir (dir);
}

/* diff: two gallery files that differ in the strategy print the plan that
 * moves the rows; a bad dialect and a missing file are usage errors. */
static void
test_diff (void)
{
  g_autofree char *b1 = cardinal_test_example_path ("gallery-b1-fk");
  g_autofree char *b2 = cardinal_test_example_path ("gallery-b2-link-table");
  g_auto(CliResult) result = { 0 };
  g_auto(CliResult) sqlite = { 0 };
  g_auto(CliResult) bad = { 0 };
  g_auto(CliResult) missing = { 0 };

  run_cli (&result, "diff", b1, b2, NULL);
  g_assert_cmpint (result.status, ==, 0);
  g_assert_nonnull (strstr (result.out, "CREATE TABLE \"user_address\""));
  g_assert_nonnull (strstr (result.out, "INSERT INTO \"user_address\" (\"user_id\", \"address_id\") SELECT"));
  g_assert_nonnull (strstr (result.out, "ALTER TABLE \"address\" DROP COLUMN \"user_id\";"));
  g_assert_null (strstr (result.out, "LOSES DATA"));

  run_cli (&sqlite, "diff", "--dialect", "sqlite", b1, b2, NULL);
  g_assert_cmpint (sqlite.status, ==, 0);
  g_assert_nonnull (strstr (sqlite.out, "PRAGMA foreign_keys = OFF;"));
  g_assert_nonnull (strstr (sqlite.out, "pragma_foreign_key_check"));

  run_cli (&bad, "diff", "--dialect", "oracle", b1, b2, NULL);
  g_assert_cmpint (bad.status, ==, 2);
  run_cli (&missing, "diff", b1, NULL);
  g_assert_cmpint (missing.status, ==, 2);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/cli/version", test_version);
  g_test_add_func ("/cli/help", test_help);
  g_test_add_func ("/cli/bad-usage", test_bad_usage);
  g_test_add_func ("/cli/validate/examples", test_validate_examples);
  g_test_add_func ("/cli/validate/errors", test_validate_errors);
  g_test_add_func ("/cli/ddl/examples", test_ddl_examples);
  g_test_add_func ("/cli/ddl/output-file", test_ddl_output_file);
  g_test_add_func ("/cli/ddl/invalid", test_ddl_invalid);
  g_test_add_func ("/cli/ddl/warnings", test_ddl_warnings);
  g_test_add_func ("/cli/unreadable", test_unreadable);
  g_test_add_func ("/cli/special-files", test_special_files);
  g_test_add_func ("/cli/relate/removes-litter", test_relate_removes_litter);
  g_test_add_func ("/cli/relationships", test_relationships);
  g_test_add_func ("/cli/relate/question-pair", test_relate_question_pair);
  g_test_add_func ("/cli/relate/names", test_relate_names);
  g_test_add_func ("/cli/relate/refused", test_relate_refused);
  g_test_add_func ("/cli/diff", test_diff);

  return g_test_run ();
}
