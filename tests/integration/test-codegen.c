/* test-codegen.c: generated C models compiled with gcc and clang, linked to sqlite3 / libpq, and run under ASan/UBSan against real databases. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-codegen.h"
#include "cardinal-config.h"
#include "cardinal-ddl.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"

/* Shared by every test: one cluster, one temporary directory, the flags of the client libraries. */
static char           *work_dir;
static char           *scenario_dir;
static GStrv           sqlite_cflags, sqlite_libs, pq_cflags, pq_libs;
static gboolean        have_clang;

static const char * const strict_flags[] = {
  "-std=c11", "-Wall", "-Wextra", "-Werror", "-pedantic", NULL
};
static const char * const sanitize_flags[] = {
  "-g", "-fsanitize=address,undefined", "-fno-sanitize-recover=all", "-fno-omit-frame-pointer", NULL
};

typedef struct
{
  const char             *example;
  CardinalDialect         backend;
} Case;

/* The scenario programs of an example: tests/integration/codegen/<source>.c, with an optional -D. */
typedef struct
{
  const char *example;
  const char *source;
  const char *define;
  const char *expected;   /* file with the expected stdout, or NULL for the literal "ok\n" */
} Scenario;

static const Scenario scenarios[] = {
  { "cars", "cars", NULL, "cars.expected" },
  { "school", "school", NULL, "school.expected" },
  { "blog", "blog", NULL, "blog.expected" },
  { "blog", "hostile", NULL, "hostile.expected" },
  { "gallery-a1-merged", "gallery", "-DGALLERY_A1", NULL },
  { "gallery-a2-shared-pk", "gallery", "-DGALLERY_A2", NULL },
  { "gallery-a3-unique-fk", "gallery", "-DGALLERY_A3", NULL },
  { "gallery-b1-fk", "gallery", "-DGALLERY_B1", NULL },
  { "gallery-b2-link-table", "gallery", "-DGALLERY_B2", NULL },
  { "gallery-c1-link-table", "gallery", "-DGALLERY_C1", NULL },
  { "gallery-c2-link-table-pk", "gallery", "-DGALLERY_C2", NULL },
};

/* Runs @argv; returns whether it exited 0, with its output. */
static gboolean
run (GPtrArray   *argv,
     char       **env,
     char       **out,
     char       **err)
{
  g_autoptr(GError) error = NULL;
  int status = 0;

  if (argv->len == 0 || g_ptr_array_index (argv, argv->len - 1) != NULL)
    g_ptr_array_add (argv, NULL);
  if (!g_spawn_sync (NULL, (char **) argv->pdata, env, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     out, err, &status, &error))
    g_error ("cannot run %s: %s", (char *) argv->pdata[0], error->message);
  return g_spawn_check_wait_status (status, NULL);
}

static GStrv
pkg_config (const char *what,
            const char *package)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  GStrv words = NULL;

  g_ptr_array_add (argv, (gpointer) "pkg-config");
  g_ptr_array_add (argv, (gpointer) what);
  g_ptr_array_add (argv, (gpointer) package);
  if (!run (argv, NULL, &out, &err))
    g_error ("pkg-config %s %s failed: %s", what, package, err);
  g_strstrip (out);
  if (*out == '\0')
    return g_new0 (char *, 1);
  if (!g_shell_parse_argv (out, NULL, &words, NULL))
    g_error ("cannot parse pkg-config output: %s", out);
  return words;
}

static void
add_all (GPtrArray          *argv,
         const char * const *words)
{
  guint i;

  for (i = 0; words[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) words[i]);
}

static void
compile_or_fail (GPtrArray  *argv,
                 const char *what)
{
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;

  if (!run (argv, NULL, &out, &err))
    {
      g_test_message ("%s failed:\n%s%s", what, out, err);
      g_test_fail ();
    }
  else if (err != NULL && *err != '\0')
    {
      /* -Werror makes any warning fatal; anything else on stderr is a note worth failing on too. */
      g_test_message ("%s wrote to stderr:\n%s", what, err);
      g_test_fail ();
    }
}

static char *
generate (const char             *example,
          CardinalDialect         backend)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example (example);
  g_autofree char *name = g_strdup_printf ("%s-%s", example, cardinal_dialect_to_string (backend));
  char *dir = g_build_filename (work_dir, name, NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  cardinal_codegen_write (model, backend, directory, &error);
  g_assert_no_error (error);
  return dir;
}

/* The single .c file of a generated directory. */
static char *
generated_source (const char *dir)
{
  g_autoptr(GDir) d = g_dir_open (dir, 0, NULL);
  const char *entry;

  g_assert_nonnull (d);
  while ((entry = g_dir_read_name (d)) != NULL)
    if (g_str_has_suffix (entry, ".c"))
      return g_build_filename (dir, entry, NULL);
  g_assert_not_reached ();
  return NULL;
}

/* Compiles the generated source with gcc (sanitized, kept for linking) and clang (checked only). */
static char *
compile_generated (const char             *dir,
                   CardinalDialect         backend)
{
  g_autofree char *source = generated_source (dir);
  char *object = g_build_filename (dir, "model.o", NULL);
  const char * const *cflags = (const char * const *) (backend == CARDINAL_DIALECT_SQLITE ? sqlite_cflags : pq_cflags);

  {
    g_autoptr(GPtrArray) argv = g_ptr_array_new ();

    g_ptr_array_add (argv, (gpointer) "gcc");
    add_all (argv, strict_flags);
    add_all (argv, sanitize_flags);
    add_all (argv, cflags);
    g_ptr_array_add (argv, (gpointer) "-c");
    g_ptr_array_add (argv, source);
    g_ptr_array_add (argv, (gpointer) "-o");
    g_ptr_array_add (argv, object);
    compile_or_fail (argv, "gcc on the generated source");
  }
  if (have_clang)
    {
      g_autoptr(GPtrArray) argv = g_ptr_array_new ();

      g_ptr_array_add (argv, (gpointer) "clang");
      add_all (argv, strict_flags);
      add_all (argv, cflags);
      g_ptr_array_add (argv, (gpointer) "-fsyntax-only");
      g_ptr_array_add (argv, source);
      compile_or_fail (argv, "clang on the generated source");
    }
  return object;
}

/* A fresh database with the model's tables: an SQLite file path or a libpq conninfo. */
static char *
prepare_model_database (const CardinalModel    *model,
                        CardinalDialect         backend,
                        const char             *dir,
                        const char             *tag)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autofree char *ddl = NULL;

  if (backend == CARDINAL_DIALECT_SQLITE)
    {
      g_autofree char *file = g_strdup_printf ("%s.sqlite", tag);
      char *path = g_build_filename (dir, file, NULL);
      sqlite3 *db = NULL;
      char *message = NULL;

      ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
      g_unlink (path);
      g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
      if (sqlite3_exec (db, ddl, NULL, NULL, &message) != SQLITE_OK)
        g_error ("DDL failed on SQLite: %s", message);
      sqlite3_close (db);
      return path;
    }
  else
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *dbname = NULL;
      PGconn *conn = cardinal_test_pg_new_database (cardinal_test_pg_suite (), &dbname, &error);
      PGresult *result;

      g_assert_no_error (error);
      ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
      result = PQexec (conn, ddl);
      if (PQresultStatus (result) != PGRES_COMMAND_OK)
        g_error ("DDL failed on PostgreSQL: %s", PQerrorMessage (conn));
      PQclear (result);
      PQfinish (conn);
      return cardinal_test_pg_conninfo (cardinal_test_pg_suite (), dbname);
    }
}

static char *
prepare_database (const char             *example,
                  CardinalDialect         backend,
                  const char             *dir,
                  const char             *tag)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example (example);

  return prepare_model_database (model, backend, dir, tag);
}

static void
run_scenario (const Scenario         *scenario,
              CardinalDialect         backend,
              const char             *dir,
              const char             *object)
{
  gboolean pg = backend == CARDINAL_DIALECT_POSTGRESQL;
  g_autofree char *source = g_strdup_printf ("%s/%s.c", scenario_dir, scenario->source);
  g_autofree char *program = g_strdup_printf ("%s/scenario-%s", dir, scenario->source);
  g_autofree char *include_generated = g_strdup_printf ("-I%s", dir);
  g_autofree char *include_scenario = g_strdup_printf ("-I%s", scenario_dir);
  g_autofree char *database = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) env = g_get_environ ();
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  gboolean ok;

  g_test_message ("%s: compiling scenario %s", scenario->example, scenario->source);
  g_ptr_array_add (argv, (gpointer) "gcc");
  add_all (argv, strict_flags);
  add_all (argv, sanitize_flags);
  if (pg)
    g_ptr_array_add (argv, (gpointer) "-DSCENARIO_POSTGRESQL");
  if (scenario->define != NULL)
    g_ptr_array_add (argv, (gpointer) scenario->define);
  g_ptr_array_add (argv, include_generated);
  g_ptr_array_add (argv, include_scenario);
  add_all (argv, (const char * const *) (pg ? pq_cflags : sqlite_cflags));
  g_ptr_array_add (argv, source);
  g_ptr_array_add (argv, (gpointer) object);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, program);
  add_all (argv, (const char * const *) (pg ? pq_libs : sqlite_libs));
  compile_or_fail (argv, "gcc on the scenario");
  if (g_test_failed ())
    return;

  database = prepare_database (scenario->example, backend, dir, scenario->source);
  g_test_message ("%s: running scenario %s", scenario->example, scenario->source);
  env = g_environ_setenv (env, "ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0", TRUE);
  env = g_environ_setenv (env, "UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1", TRUE);
  g_ptr_array_set_size (argv, 0);
  g_ptr_array_add (argv, program);
  g_ptr_array_add (argv, database);
  ok = run (argv, env, &out, &err);
  if (!ok || strstr (err, "Sanitizer") != NULL || strstr (err, "runtime error") != NULL)
    {
      g_test_message ("scenario %s failed on %s:\n%s%s", scenario->source, scenario->example, out, err);
      g_test_fail ();
      return;
    }

  if (scenario->expected != NULL)
    {
      g_autofree char *path = g_build_filename (scenario_dir, scenario->expected, NULL);
      g_autoptr(GError) error = NULL;

      g_file_get_contents (path, &expected, NULL, &error);
      g_assert_no_error (error);
    }
  else
    expected = g_strdup ("ok\n");
  g_assert_cmpstr (out, ==, expected);
}

static void
test_example (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = NULL;
  g_autofree char *object = NULL;
  guint i, n = 0;

  if (c->backend == CARDINAL_DIALECT_POSTGRESQL && cardinal_test_pg_suite () == NULL)
    return;

  g_test_message ("%s (%s): generating and compiling", c->example, cardinal_dialect_to_string (c->backend));
  dir = generate (c->example, c->backend);
  object = compile_generated (dir, c->backend);
  if (g_test_failed ())
    return;

  for (i = 0; i < G_N_ELEMENTS (scenarios); i++)
    if (strcmp (scenarios[i].example, c->example) == 0)
      {
        run_scenario (&scenarios[i], c->backend, dir, object);
        n++;
        if (g_test_failed ())
          return;
      }
  if (n == 0)
    g_test_message ("%s has no scenario program: generated and compiled only", c->example);
}

/* Names that are not C identifiers end up as valid, distinct C in both backends. */
static void
test_hostile_names (void)
{
  CardinalDialect        backends[] = { CARDINAL_DIALECT_SQLITE, CARDINAL_DIALECT_POSTGRESQL };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (backends); i++)
    {
      g_autofree char *dir = generate ("hostile-names", backends[i]);
      g_autofree char *object = compile_generated (dir, backends[i]);
      g_autofree char *readme_path = g_build_filename (dir, "README.md", NULL);
      g_autofree char *readme = NULL;

      g_assert_nonnull (object);
      g_assert_true (g_file_get_contents (readme_path, &readme, NULL, NULL));
      /* The mapping table lists a keyword and a unicode name with their C names. */
      g_assert_nonnull (strstr (readme, "| table `\"order\"` | `order` (struct `Order`) |"));
      g_assert_nonnull (strstr (readme, "`\"café crème\"` | `cafe_creme` (struct `CafeCreme`) |"));
      g_assert_nonnull (strstr (readme, "`Order.with_space`"));
    }
}

/* Same model → same bytes; the header names the version and the model. */
static void
test_stable (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  g_autoptr(CardinalModel) copy = cardinal_model_copy (model);
  CardinalDialect        backends[] = { CARDINAL_DIALECT_SQLITE, CARDINAL_DIALECT_POSTGRESQL };
  guint b, i;

  for (b = 0; b < G_N_ELEMENTS (backends); b++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GHashTable) first = cardinal_codegen_generate (model, backends[b], &error);
      g_autoptr(GHashTable) second = cardinal_codegen_generate (copy, backends[b], &error);
      g_auto(GStrv) names = NULL;
      g_autofree char *version = g_strdup_printf ("Cardinal %s", CARDINAL_VERSION);

      g_assert_no_error (error);
      names = cardinal_codegen_file_names (first);
      g_assert_cmpuint (g_strv_length (names), ==, 3);
      g_assert_cmpstr (names[0], ==, "README.md");
      g_assert_cmpstr (names[1], ==, "blog.c");
      g_assert_cmpstr (names[2], ==, "blog.h");
      for (i = 0; names[i] != NULL; i++)
        g_assert_cmpstr (g_hash_table_lookup (first, names[i]), ==, g_hash_table_lookup (second, names[i]));
      g_assert_nonnull (strstr (g_hash_table_lookup (first, "blog.h"), version));
      g_assert_nonnull (strstr (g_hash_table_lookup (first, "blog.h"), "model \"blog\""));
      g_assert_nonnull (strstr (g_hash_table_lookup (first, "blog.c"), version));
    }
}

static void
test_invalid_model (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("gallery-b1-fk");
  CardinalRelationship *r = g_ptr_array_index (model->relationships, 0);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) files = NULL;

  /* A plain foreign key cannot store many-to-many. */
  r->kind = CARDINAL_KIND_MANY_TO_MANY;
  files = cardinal_codegen_generate (model, CARDINAL_DIALECT_SQLITE, &error);
  g_assert_null (files);
  g_assert_error (error, CARDINAL_CODEGEN_ERROR, CARDINAL_CODEGEN_ERROR_INVALID);
}

static int
run_cli (const char * const *args,
         char              **err)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CARDINAL_CLI");
  int status = 0;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "codegen");
  add_all (argv, args);
  g_ptr_array_add (argv, NULL);
  g_assert_true (g_spawn_sync (NULL, (char **) argv->pdata, NULL, 0, NULL, NULL, &out, err, &status, &error));
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
test_cli (void)
{
  g_autofree char *cars = cardinal_test_example_path ("cars");
  g_autofree char *dir = g_build_filename (work_dir, "cli", NULL);
  g_autofree char *bad = g_build_filename (work_dir, "bad.cardinal", NULL);
  g_autofree char *missing = g_build_filename (work_dir, "missing.cardinal", NULL);
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("cars");
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) names = NULL;
  g_autofree char *bad_json = NULL;
  g_autofree char *cars_json = NULL;
  guint i;

  {
    g_autofree char *err = NULL;
    const char *args[] = { "--backend", "postgresql", "-o", dir, cars, NULL };

    g_assert_cmpint (run_cli (args, &err), ==, 0);
  }
  files = cardinal_codegen_generate (model, CARDINAL_DIALECT_POSTGRESQL, &error);
  g_assert_no_error (error);
  names = cardinal_codegen_file_names (files);
  for (i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
      g_assert_cmpstr (contents, ==, g_hash_table_lookup (files, names[i]));
    }

  {
    g_autofree char *err = NULL;
    const char *args[] = { "--backend", "oracle", "-o", dir, cars, NULL };

    g_assert_cmpint (run_cli (args, &err), ==, 2);
    g_assert_nonnull (strstr (err, "oracle"));
  }
  {
    g_autofree char *err = NULL;
    const char *args[] = { cars, NULL };

    g_assert_cmpint (run_cli (args, &err), ==, 2);
  }
  {
    g_autofree char *err = NULL;
    const char *args[] = { "-o", dir, missing, NULL };

    g_assert_cmpint (run_cli (args, &err), ==, 2);
  }
  {
    g_autofree char *err = NULL;
    const char *args[] = { "-o", dir, bad, NULL };
    g_autofree char *path = cardinal_test_example_path ("gallery-b1-fk");
    g_autoptr(GString) text = NULL;

    /* A model with a validation error: exit 1 and nothing new written, as `ddl` does. */
    g_assert_true (g_file_get_contents (path, &cars_json, NULL, NULL));
    text = g_string_new (cars_json);
    g_assert_cmpuint (g_string_replace (text, "\"one-to-many\"", "\"many-to-many\"", 1), ==, 1);
    bad_json = g_string_free (g_steal_pointer (&text), FALSE);
    g_assert_true (g_file_set_contents (bad, bad_json, -1, NULL));
    g_assert_cmpint (run_cli (args, &err), ==, 1);
  }
}

/* Models of the codegen directory, scenarios written or generated here --------- */

static const CardinalDialect        both_backends[] = {
  CARDINAL_DIALECT_SQLITE, CARDINAL_DIALECT_POSTGRESQL
};

/* The files of @model for @backend, in memory; generation must succeed. */
static GHashTable *
generate_files (const CardinalModel *model,
                CardinalDialect      backend)
{
  g_autoptr(GError) error = NULL;
  GHashTable *files = cardinal_codegen_generate (model, backend, &error);

  g_assert_no_error (error);
  return files;
}

static CardinalModel *
load_scenario_model (const char *name)
{
  g_autofree char *file = g_strdup_printf ("%s.cardinal", name);
  g_autofree char *path = g_build_filename (scenario_dir, file, NULL);
  g_autoptr(GFile) gfile = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CardinalModel *model = cardinal_document_load_file (gfile, &error);

  g_assert_no_error (error);
  return model;
}

/* The model's files in work_dir/<tag>-<backend>; returns the directory. */
static char *
generate_model (const CardinalModel    *model,
                const char             *tag,
                CardinalDialect         backend)
{
  g_autofree char *name = g_strdup_printf ("%s-%s", tag, cardinal_dialect_to_string (backend));
  char *dir = g_build_filename (work_dir, name, NULL);
  g_autoptr(GFile) directory = g_file_new_for_path (dir);
  g_autoptr(GError) error = NULL;

  cardinal_codegen_write (model, backend, directory, &error);
  g_assert_no_error (error);
  return dir;
}

static char *
read_generated (const char *dir,
                const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  char *contents = NULL;

  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  return contents;
}

/* Builds the generated source with @program_source into one program with
 * @compiler and the strict flags (and the sanitizers for gcc); NULL after a
 * failed compile. */
static char *
build_program (const char             *compiler,
               const char             *dir,
               CardinalDialect         backend,
               const char             *program_source)
{
  gboolean pg = backend == CARDINAL_DIALECT_POSTGRESQL;
  g_autofree char *generated = generated_source (dir);
  g_autofree char *base = g_path_get_basename (program_source);
  g_autofree char *name = g_strdup_printf ("%s-%s", compiler, base);
  g_autofree char *include_generated = g_strdup_printf ("-I%s", dir);
  g_autofree char *include_scenario = g_strdup_printf ("-I%s", scenario_dir);
  g_autofree char *what = g_strdup_printf ("%s on %s and %s", compiler, generated, base);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  char *program;

  *strrchr (name, '.') = '\0';
  program = g_build_filename (dir, name, NULL);
  g_ptr_array_add (argv, (gpointer) compiler);
  add_all (argv, strict_flags);
  if (strcmp (compiler, "gcc") == 0)
    add_all (argv, sanitize_flags);
  if (pg)
    g_ptr_array_add (argv, (gpointer) "-DSCENARIO_POSTGRESQL");
  g_ptr_array_add (argv, include_generated);
  g_ptr_array_add (argv, include_scenario);
  add_all (argv, (const char * const *) (pg ? pq_cflags : sqlite_cflags));
  g_ptr_array_add (argv, generated);
  g_ptr_array_add (argv, (gpointer) program_source);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, program);
  add_all (argv, (const char * const *) (pg ? pq_libs : sqlite_libs));
  compile_or_fail (argv, what);
  if (g_test_failed ())
    {
      g_free (program);
      return NULL;
    }
  return program;
}

/* Runs @program on @database; it must print "ok" and nothing from the sanitizers. */
static void
run_program (const char *program,
             const char *database)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_auto(GStrv) env = g_get_environ ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  gboolean ok;

  env = g_environ_setenv (env, "ASAN_OPTIONS", "detect_leaks=1:abort_on_error=0", TRUE);
  env = g_environ_setenv (env, "UBSAN_OPTIONS", "halt_on_error=1:print_stacktrace=1", TRUE);
  g_ptr_array_add (argv, (gpointer) program);
  g_ptr_array_add (argv, (gpointer) database);
  ok = run (argv, env, &out, &err);
  if (!ok || strstr (err, "Sanitizer") != NULL || strstr (err, "runtime error") != NULL)
    {
      g_test_message ("%s failed:\n%s%s", program, out, err);
      g_test_fail ();
      return;
    }
  g_assert_cmpstr (out, ==, "ok\n");
}

/* Generates @model for both backends, builds @program_source with gcc and
 * with clang, and runs each on a fresh database with the model's tables. */
static void
check_model_program (const CardinalModel *model,
                     const char          *tag,
                     const char          *program_source)
{
  const char *compilers[] = { "gcc", "clang" };
  guint b, k;

  for (b = 0; b < G_N_ELEMENTS (both_backends); b++)
    {
      g_autofree char *dir = NULL;

      if (both_backends[b] == CARDINAL_DIALECT_POSTGRESQL && cardinal_test_pg_suite () == NULL)
        return;
      dir = generate_model (model, tag, both_backends[b]);
      for (k = 0; k < G_N_ELEMENTS (compilers); k++)
        {
          g_autofree char *program = NULL;
          g_autofree char *database = NULL;
          g_autofree char *db_tag = g_strdup_printf ("%s-%s", tag, compilers[k]);

          if (k == 1 && !have_clang)
            {
              g_test_message ("clang is not installed: gcc only");
              continue;
            }
          g_test_message ("%s (%s): %s", tag, cardinal_dialect_to_string (both_backends[b]), compilers[k]);
          program = build_program (compilers[k], dir, both_backends[b], program_source);
          if (program == NULL)
            return;
          database = prepare_model_database (model, both_backends[b], dir, db_tag);
          run_program (program, database);
          if (g_test_failed ())
            return;
        }
    }
}

static void
test_scenario_model (gconstpointer data)
{
  const char *name = data;
  g_autoptr(CardinalModel) model = load_scenario_model (name);
  g_autofree char *file = g_strdup_printf ("%s.c", name);
  g_autofree char *source = g_build_filename (scenario_dir, file, NULL);

  check_model_program (model, name, source);
}

/* Columns named like macros of the C and client headers become members with
 * a trailing "_", listed in the README. */
static void
test_reserved_readme (void)
{
  g_autoptr(CardinalModel) model = load_scenario_model ("reserved");
  guint b;

  for (b = 0; b < G_N_ELEMENTS (both_backends); b++)
    {
      g_autoptr(GHashTable) files = generate_files (model, both_backends[b]);
      const char *readme, *header;

      readme = g_hash_table_lookup (files, "README.md");
      header = g_hash_table_lookup (files, "reserved.h");
      g_assert_nonnull (strstr (readme, "| `\"macros\".\"NULL\"` | `Macros.NULL_` |"));
      g_assert_nonnull (strstr (readme, "| `\"macros\".\"SQLITE_OK\"` | `Macros.SQLITE_OK_` |"));
      g_assert_nonnull (strstr (readme, "| `\"macros\".\"InvalidOid\"` | `Macros.InvalidOid_` |"));
      g_assert_nonnull (strstr (readme, "| table `\"BUFSIZ\"` | `BUFSIZ_` (struct `BUFSIZ_`) |"));
      g_assert_null (strstr (header, " NULL;"));
      g_assert_null (strstr (header, " EOF;"));
    }
}

/* Every macro that the headers of the generated code define (as this
 * machine's gcc sees them, GNU extensions on) is a reserved name, so no
 * member or function can be rewritten by the preprocessor. */
static void
test_header_macros_reserved (void)
{
  g_autofree char *source = g_build_filename (work_dir, "headers.c", NULL);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GString) missed = g_string_new (NULL);
  guint i, n = 0;

  g_assert_true (g_file_set_contents (source, "#include <stdio.h>\n#include <stdlib.h>\n#include <string.h>\n"
                                              "#include <stddef.h>\n#include <stdint.h>\n#include <stdbool.h>\n"
                                              "#include <limits.h>\n#include <errno.h>\n#include <sqlite3.h>\n"
                                              "#include <libpq-fe.h>\n", -1, NULL));
  g_ptr_array_add (argv, (gpointer) "gcc");
  add_all (argv, (const char * const *) sqlite_cflags);
  add_all (argv, (const char * const *) pq_cflags);
  g_ptr_array_add (argv, (gpointer) "-dM");
  g_ptr_array_add (argv, (gpointer) "-E");
  g_ptr_array_add (argv, source);
  if (!run (argv, NULL, &out, &err))
    g_error ("gcc -dM -E failed: %s", err);
  lines = g_strsplit (out, "\n", -1);
  for (i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *name = NULL;
      const char *start, *end;

      if (!g_str_has_prefix (lines[i], "#define "))
        continue;
      start = lines[i] + strlen ("#define ");
      for (end = start; g_ascii_isalnum (*end) || *end == '_'; end++)
        ;
      name = g_strndup (start, (gsize) (end - start));
      /* Leading underscores never survive cardinal_codegen_c_name(). */
      if (name[0] == '_')
        continue;
      n++;
      if (!cardinal_codegen_is_reserved (name))
        g_string_append_printf (missed, " %s", name);
    }
  g_assert_cmpuint (n, >, 300);
  g_assert_cmpstr (missed->str, ==, "");
}

/* A table without a primary key has insert and list, and no get, update or delete. */
static void
test_keyless_table (void)
{
  g_autoptr(CardinalModel) model = load_scenario_model ("numbers");
  guint b;

  for (b = 0; b < G_N_ELEMENTS (both_backends); b++)
    {
      g_autoptr(GHashTable) files = generate_files (model, both_backends[b]);
      const char *header, *source;

      header = g_hash_table_lookup (files, "numbers.h");
      source = g_hash_table_lookup (files, "numbers.c");
      g_assert_nonnull (strstr (header, " reading_insert ("));
      g_assert_nonnull (strstr (header, " reading_list ("));
      g_assert_null (strstr (header, "reading_get"));
      g_assert_null (strstr (header, "reading_update"));
      g_assert_null (strstr (header, "reading_delete"));
      g_assert_nonnull (strstr (header, " counter_get ("));
      /* No text or bytes column: no copying helper. */
      g_assert_null (strstr (source, "numbers_dup"));
    }
}

/* A model named like a standard header does not put a stdio.h beside its source. */
static void
test_header_model_name (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json ("{ \"format\": 1, \"name\": \"stdio\", \"entities\": [], \"relationships\": [] }");
  g_autoptr(GHashTable) files = generate_files (model, CARDINAL_DIALECT_SQLITE);
  g_auto(GStrv) names = NULL;

  names = cardinal_codegen_file_names (files);
  g_assert_cmpstr (names[1], ==, "stdio_model.c");
  g_assert_cmpstr (names[2], ==, "stdio_model.h");
}

/* A model without tables still compiles without a warning: no unused helper. */
static void
test_empty_model (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json ("{ \"format\": 1, \"name\": \"empty\", \"entities\": [], \"relationships\": [] }");
  const char *compilers[] = { "gcc", "clang" };
  guint b, k;

  for (b = 0; b < G_N_ELEMENTS (both_backends); b++)
    {
      g_autofree char *dir = generate_model (model, "empty", both_backends[b]);
      g_autofree char *source = generated_source (dir);
      g_autofree char *text = read_generated (dir, "empty.c");
      const char * const *cflags = (const char * const *) (both_backends[b] == CARDINAL_DIALECT_SQLITE ? sqlite_cflags : pq_cflags);

      g_assert_null (strstr (text, "static"));
      for (k = 0; k < G_N_ELEMENTS (compilers); k++)
        {
          g_autoptr(GPtrArray) argv = g_ptr_array_new ();

          if (k == 1 && !have_clang)
            continue;
          g_ptr_array_add (argv, (gpointer) compilers[k]);
          add_all (argv, strict_flags);
          add_all (argv, cflags);
          g_ptr_array_add (argv, (gpointer) "-fsyntax-only");
          g_ptr_array_add (argv, source);
          compile_or_fail (argv, compilers[k]);
        }
    }
}

#define WIDE_COLUMNS 300

/* A table of WIDE_COLUMNS columns (text, integer, double, boolean in turn,
 * every other one nullable) and one without a text column: its SQL is longer
 * than one C string literal may be. */
static CardinalModel *
wide_model (void)
{
  g_autoptr(GString) json = g_string_new ("{ \"format\": 1, \"name\": \"wide\", \"entities\": [\n"
                                          "{ \"name\": \"big\", \"x\": 0, \"y\": 0, \"attributes\": [\n"
                                          "{ \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true }");
  static const char * const types[] = { "text", "integer", "double", "boolean" };
  guint i;

  for (i = 1; i < WIDE_COLUMNS; i++)
    g_string_append_printf (json, ",\n{ \"name\": \"column_number_%03u\", \"type\": \"%s\", \"nullable\": %s }",
                            i, types[i % 4], i % 2 == 0 ? "true" : "false");
  g_string_append (json, "] },\n{ \"name\": \"plain\", \"x\": 300, \"y\": 0, \"attributes\": [\n"
                         "{ \"name\": \"id\", \"type\": \"bigint\", \"primary-key\": true },\n"
                         "{ \"name\": \"ratio\", \"type\": \"real\" } ] } ],\n"
                         "\"relationships\": [] }");
  return cardinal_test_model_from_json (json->str);
}

/* The value of column @i in round @round, as C. */
static void
append_wide_value (GString *c,
                   guint    i,
                   guint    round)
{
  switch (i % 4)
    {
    case 0:
      g_string_append_printf (c, "\"text %u.%u é\"", i, round);
      break;
    case 1:
      g_string_append_printf (c, "%u", i * 1000 + round);
      break;
    case 2:
      g_string_append_printf (c, "%u.5", i + round);
      break;
    default:
      g_string_append (c, (i + round) % 2 == 0 ? "true" : "false");
      break;
    }
}

/* A program that writes every column, reads it back, updates, lists and deletes. */
static char *
wide_program (void)
{
  g_autoptr(GString) c = g_string_new ("/* wide program, written by test-codegen */\n"
                                       "#include \"wide.h\"\n\n#include \"scenario.h\"\n\n#define ERRMSG wide_errmsg\n\n");
  guint i, round;

  g_string_append (c, "static void\nfill (Big *row, int round)\n{\n");
  for (round = 0; round < 2; round++)
    {
      g_string_append_printf (c, "  if (round == %u)\n    {\n", round);
      for (i = 1; i < WIDE_COLUMNS; i++)
        {
          g_string_append_printf (c, "      row->column_number_%03u = ", i);
          if (i % 4 == 0)
            g_string_append (c, "(char *) ");
          append_wide_value (c, i, round);
          g_string_append (c, ";\n");
        }
      g_string_append (c, "    }\n");
    }
  g_string_append (c, "}\n\nstatic void\nexpect_row (const Big *row, int round)\n{\n");
  for (round = 0; round < 2; round++)
    {
      g_string_append_printf (c, "  if (round == %u)\n    {\n", round);
      for (i = 1; i < WIDE_COLUMNS; i++)
        {
          g_autoptr(GString) value = g_string_new (NULL);

          append_wide_value (value, i, round);
          if (i % 2 == 0 && i % 4 != 0)
            g_string_append_printf (c, "      EXPECT (!row->column_number_%03u_is_null);\n", i);
          if (i % 4 == 0)
            g_string_append_printf (c, "      EXPECT (row->column_number_%03u != NULL && strcmp (row->column_number_%03u, %s) == 0);\n",
                                    i, i, value->str);
          else
            g_string_append_printf (c, "      EXPECT (row->column_number_%03u == %s);\n", i, value->str);
        }
      g_string_append (c, "    }\n");
    }
  g_string_append (c, "}\n\n"
                      "int\nmain (int argc, char **argv)\n{\n"
                      "  void *db = scenario_open (argc, argv);\n"
                      "  Big row;\n  Big *got = NULL;\n  BigList list = { NULL, 0 };\n"
                      "  Plain plain;\n  Plain *plain_got = NULL;\n\n"
                      "  memset (&row, 0, sizeof row);\n  fill (&row, 0);\n"
                      "  CHECK (big_insert (db, &row));\n  EXPECT (row.id > 0);\n"
                      "  CHECK (big_get (db, row.id, &got));\n  expect_row (got, 0);\n  big_free (got);\n"
                      "  fill (&row, 1);\n  CHECK (big_update (db, &row));\n"
                      "  CHECK (big_list (db, -1, 0, &list));\n  EXPECT (list.len == 1);\n"
                      "  expect_row (&list.items[0], 1);\n  big_list_clear (&list);\n"
                      "  CHECK (big_delete (db, row.id));\n"
                      "  EXPECT_STATUS (big_get (db, row.id, &got), WIDE_NOT_FOUND);\n\n"
                      "  memset (&plain, 0, sizeof plain);\n  plain.id = 5;\n  plain.ratio = 0.25;\n"
                      "  CHECK (plain_insert (db, &plain));\n  CHECK (plain_get (db, 5, &plain_got));\n"
                      "  EXPECT (plain_got->ratio == 0.25 && !plain_got->ratio_is_null);\n  plain_free (plain_got);\n\n"
                      "  scenario_close (db);\n  printf (\"ok\\n\");\n  return 0;\n}\n");
  return g_string_free (g_steal_pointer (&c), FALSE);
}

static void
test_wide_table (void)
{
  g_autoptr(CardinalModel) model = wide_model ();
  g_autofree char *program = wide_program ();
  g_autofree char *path = g_build_filename (work_dir, "wide-program.c", NULL);
  guint b;

  for (b = 0; b < G_N_ELEMENTS (both_backends); b++)
    {
      g_autoptr(GHashTable) files = generate_files (model, both_backends[b]);

      /* Long SQL is joined at run time from pieces, so no literal is too long. */
      g_assert_nonnull (strstr (g_hash_table_lookup (files, "wide.c"), "sql_parts"));
    }
  g_assert_true (g_file_set_contents (path, program, -1, NULL));
  check_model_program (model, "wide", path);
}

/* Generated C over an imported schema reads real rows back ------------------ */

static const char chinook_sql[] =
  "CREATE TABLE \"Artist\" (\"ArtistId\" INTEGER PRIMARY KEY, \"Name\" NVARCHAR(120));\n"
  "CREATE TABLE \"Album\" (\"AlbumId\" INTEGER PRIMARY KEY, \"Title\" NVARCHAR(160) NOT NULL, "
  "\"ArtistId\" INTEGER NOT NULL REFERENCES \"Artist\" (\"ArtistId\"));\n"
  "INSERT INTO \"Artist\" VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith');\n"
  "INSERT INTO \"Album\" VALUES (1, 'For Those About To Rock We Salute You', 1), "
  "(2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2), (4, 'Let There Be Rock', 1);\n";

static const char chinook_pg_sql[] =
  "CREATE TABLE \"Artist\" (\"ArtistId\" integer PRIMARY KEY, \"Name\" varchar(120));\n"
  "CREATE TABLE \"Album\" (\"AlbumId\" integer PRIMARY KEY, \"Title\" varchar(160) NOT NULL, "
  "\"ArtistId\" integer NOT NULL REFERENCES \"Artist\" (\"ArtistId\"));\n"
  "INSERT INTO \"Artist\" VALUES (1, 'AC/DC'), (2, 'Accept'), (3, 'Aerosmith');\n"
  "INSERT INTO \"Album\" VALUES (1, 'For Those About To Rock We Salute You', 1), "
  "(2, 'Balls to the Wall', 2), (3, 'Restless and Wild', 2), (4, 'Let There Be Rock', 1);\n";

/* `cardinal-cli import SOURCE -o MODEL`, then the model, named "chinook". */
static CardinalModel *
import_model (const char *source,
              const char *model_path)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (model_path);
  g_autoptr(GError) error = NULL;
  const char *cli = g_getenv ("CARDINAL_CLI");
  CardinalModel *model;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  g_ptr_array_add (argv, (gpointer) "import");
  g_ptr_array_add (argv, (gpointer) source);
  g_ptr_array_add (argv, (gpointer) "-o");
  g_ptr_array_add (argv, (gpointer) model_path);
  if (!run (argv, NULL, &out, &err))
    g_error ("import failed: %s%s", out, err);
  model = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  g_free (model->name);
  model->name = g_strdup ("chinook");
  return model;
}

/* Builds chinook.c over the imported model with gcc and clang and runs both on @database. */
static void
check_chinook (const CardinalModel    *model,
               CardinalDialect         backend,
               const char             *database)
{
  const char *compilers[] = { "gcc", "clang" };
  g_autofree char *dir = generate_model (model, "chinook", backend);
  g_autofree char *source = g_build_filename (scenario_dir, "chinook.c", NULL);
  guint k;

  for (k = 0; k < G_N_ELEMENTS (compilers); k++)
    {
      g_autofree char *program = NULL;

      if (k == 1 && !have_clang)
        continue;
      program = build_program (compilers[k], dir, backend, source);
      if (program == NULL)
        return;
      run_program (program, database);
      if (g_test_failed ())
        return;
    }
}

static void
test_imported_sqlite (void)
{
  g_autofree char *database = g_build_filename (work_dir, "chinook.sqlite", NULL);
  g_autofree char *model_path = g_build_filename (work_dir, "chinook-sqlite.cardinal", NULL);
  g_autoptr(CardinalModel) model = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  g_unlink (database);
  g_assert_cmpint (sqlite3_open (database, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, chinook_sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("cannot create the Chinook file: %s", message);
  sqlite3_close (db);

  model = import_model (database, model_path);
  check_chinook (model, CARDINAL_DIALECT_SQLITE, database);
}

static void
test_imported_postgresql (void)
{
  CardinalTestPg *pg = cardinal_test_pg_suite ();
  g_autofree char *model_path = g_build_filename (work_dir, "chinook-postgresql.cardinal", NULL);
  g_autofree char *dbname = NULL;
  g_autofree char *conninfo = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GError) error = NULL;
  PGconn *conn;
  PGresult *result;

  if (pg == NULL)
    return;
  conn = cardinal_test_pg_new_database (pg, &dbname, &error);
  g_assert_no_error (error);
  result = PQexec (conn, chinook_pg_sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("cannot create the Chinook database: %s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  conninfo = cardinal_test_pg_conninfo (pg, dbname);

  model = import_model (conninfo, model_path);
  check_chinook (model, CARDINAL_DIALECT_POSTGRESQL, conninfo);
}

int
main (int    argc,
      char **argv)
{
  g_auto(GStrv) examples = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *clang = NULL;
  const char *source_dir;
  int result;
  guint i, b;

  g_test_init (&argc, &argv, NULL);

  source_dir = g_getenv ("CARDINAL_SOURCE_DIR");
  scenario_dir = source_dir != NULL ? g_build_filename (source_dir, "tests", "integration", "codegen", NULL)
                                    : g_test_build_filename (G_TEST_DIST, "codegen", NULL);
  work_dir = g_dir_make_tmp ("cardinal-codegen-XXXXXX", &error);
  g_assert_no_error (error);
  sqlite_cflags = pkg_config ("--cflags", "sqlite3");
  sqlite_libs = pkg_config ("--libs", "sqlite3");
  pq_cflags = pkg_config ("--cflags", "libpq");
  pq_libs = pkg_config ("--libs", "libpq");
  clang = g_find_program_in_path ("clang");
  have_clang = clang != NULL;

  g_test_add_func ("/codegen/stable", test_stable);
  g_test_add_func ("/codegen/invalid-model", test_invalid_model);
  g_test_add_func ("/codegen/cli", test_cli);
  g_test_add_func ("/codegen/hostile-names", test_hostile_names);
  g_test_add_func ("/codegen/reserved-names/readme", test_reserved_readme);
  g_test_add_func ("/codegen/reserved-names/header-macros", test_header_macros_reserved);
  g_test_add_data_func ("/codegen/reserved-names/run", "reserved", test_scenario_model);
  g_test_add_data_func ("/codegen/fk-unique-key", "fkkey", test_scenario_model);
  g_test_add_func ("/codegen/keyless-table", test_keyless_table);
  g_test_add_data_func ("/codegen/numbers-only", "numbers", test_scenario_model);
  g_test_add_data_func ("/codegen/format2-schema-identity-generated", "inventory", test_scenario_model);
  g_test_add_func ("/codegen/empty-model", test_empty_model);
  g_test_add_func ("/codegen/header-model-name", test_header_model_name);
  g_test_add_func ("/codegen/wide-table", test_wide_table);
  g_test_add_func ("/codegen/imported/sqlite", test_imported_sqlite);
  g_test_add_func ("/codegen/imported/postgresql", test_imported_postgresql);
  examples = cardinal_test_example_names ();
  for (b = 0; b < 2; b++)
    for (i = 0; examples[i] != NULL; i++)
      {
        Case *c = g_new0 (Case, 1);
        g_autofree char *path = NULL;

        c->example = examples[i];
        c->backend = b == 0 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
        g_ptr_array_add (cases, c);
        path = g_strdup_printf ("/codegen/%s/%s", cardinal_dialect_to_string (c->backend), examples[i]);
        g_test_add_data_func (path, c, test_example);
      }

  result = g_test_run ();

  cardinal_test_pg_suite_stop ();
  {
    g_autoptr(GFile) dir = g_file_new_for_path (work_dir);
    g_autoptr(GFileEnumerator) children = NULL;

    /* Only the directory this test made, depth two. */
    children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME, G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS,
                                          NULL, NULL);
    while (children != NULL)
      {
        GFile *child = NULL;

        if (!g_file_enumerator_iterate (children, NULL, &child, NULL, NULL) || child == NULL)
          break;
        if (!g_file_delete (child, NULL, NULL))
          {
            g_autoptr(GFileEnumerator) inner = g_file_enumerate_children (child, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                                                          G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
            while (inner != NULL)
              {
                GFile *leaf = NULL;

                if (!g_file_enumerator_iterate (inner, NULL, &leaf, NULL, NULL) || leaf == NULL)
                  break;
                g_file_delete (leaf, NULL, NULL);
              }
            g_file_delete (child, NULL, NULL);
          }
      }
    g_file_delete (dir, NULL, NULL);
  }
  g_free (work_dir);
  g_free (scenario_dir);
  g_strfreev (sqlite_cflags);
  g_strfreev (sqlite_libs);
  g_strfreev (pq_cflags);
  g_strfreev (pq_libs);
  return result;
}
