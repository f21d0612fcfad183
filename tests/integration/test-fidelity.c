/* test-fidelity.c: each realistic corpus schema, imported (from the live database and from its .sql) and written back as DDL, must give the same catalogue. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/wait.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-test-catalogue.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"

/* How many differences a failure shows. */
#define MAX_DIFFERENCES 12

typedef enum
{
  ENGINE_SQLITE,
  ENGINE_POSTGRESQL,
} Engine;

typedef struct
{
  const char *file;   /* under tests/data/corpus */
  Engine      engine;
} CorpusSchema;

static const CorpusSchema corpus[] = {
  { "shop.sqlite.sql", ENGINE_SQLITE },
  { "music.sqlite.sql", ENGINE_SQLITE },
  { "library.sqlite.sql", ENGINE_SQLITE },
  { "rental.pg.sql", ENGINE_POSTGRESQL },
  { "music.pg.sql", ENGINE_POSTGRESQL },
  { "app.pg.sql", ENGINE_POSTGRESQL },
  { "library.pg.sql", ENGINE_POSTGRESQL },
};

typedef enum
{
  SOURCE_DATABASE,  /* import from the live database A */
  SOURCE_SQL,       /* import from the .sql file */
} Source;

typedef struct
{
  const CorpusSchema *schema;
  Source              source;
} FidelityCase;

static char *scratch_dir;
static guint scratch_counter;

static const char *
engine_dialect (Engine engine)
{
  return engine == ENGINE_SQLITE ? "sqlite" : "postgresql";
}

/* While the engineers' work that these tests check is not merged yet,
 * CARDINAL_FIDELITY_PENDING=1 turns a difference into a skip that still
 * names it; by default a difference fails. */
static gboolean
fidelity_pending (void)
{
  return g_strcmp0 (g_getenv ("CARDINAL_FIDELITY_PENDING"), "1") == 0;
}

/* Reports a failed step with all its details as TAP comments, and fails the
 * test, or skips it with the first line while pending. */
static void
fidelity_fail (const char *step,
               const char *details)
{
  g_auto(GStrv) lines = g_strsplit (details != NULL ? details : "", "\n", 2);

  g_test_message ("%s:\n%s", step, details != NULL ? details : "");
  if (fidelity_pending ())
    g_test_skip_printf ("pending: %s: %s", step, lines[0] != NULL ? lines[0] : "");
  else
    g_test_fail_printf ("%s: %s", step, lines[0] != NULL ? lines[0] : "");
}

/* CARDINAL_FIDELITY_KEEP=1 keeps the models, DDL and dumps for a look. */
static gboolean
keep_scratch (void)
{
  return g_strcmp0 (g_getenv ("CARDINAL_FIDELITY_KEEP"), "1") == 0;
}

static char *
scratch_path (const char *base,
              const char *suffix)
{
  g_autofree char *name = g_strdup_printf ("%s-%u%s", base, ++scratch_counter, suffix);

  return g_build_filename (scratch_dir, name, NULL);
}

static char *
corpus_path (const char *file)
{
  return g_test_build_filename (G_TEST_DIST, "data", "corpus", file, NULL);
}

/* Programs ---------------------------------------------------------------------------- */

typedef struct
{
  gboolean exited;
  int      status;
  char    *out;
  char    *err;
} Run;

static void
run_clear (Run *run)
{
  g_clear_pointer (&run->out, g_free);
  g_clear_pointer (&run->err, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
run_program (Run                *run,
             const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  int wait_status = 0;

  g_spawn_sync (scratch_dir, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL,
                &run->out, &run->err, &wait_status, &error);
  g_assert_no_error (error);
  run->exited = WIFEXITED (wait_status);
  run->status = run->exited ? WEXITSTATUS (wait_status) : -1;
}

/* What went wrong in words, with the program's own output. */
static char *
run_describe (const Run *run)
{
  return g_strdup_printf ("%s %d\n%s%s",
                          run->exited ? "exit status" : "killed, wait status",
                          run->status, run->err != NULL ? run->err : "",
                          run->out != NULL ? run->out : "");
}

static gboolean
run_cli (Run        *run,
         const char *first,
         ...)
{
  const char *cli = g_getenv ("CARDINAL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  va_list args;
  const char *arg;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (gpointer) cli);
  va_start (args, first);
  for (arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  run_program (run, (const char * const *) argv->pdata);
  return run->exited && run->status == 0;
}

/* psql from the same PostgreSQL as the test cluster's initdb: the newest
 * /usr/lib/postgresql/<version>/bin, or CARDINAL_PG_BINDIR. */
static char *
find_psql (void)
{
  const char *env = g_getenv ("CARDINAL_PG_BINDIR");
  g_autoptr(GDir) dir = NULL;
  g_autofree char *best = NULL;
  guint64 best_version = 0;
  const char *entry;

  if (env != NULL && *env != '\0')
    return g_build_filename (env, "psql", NULL);
  dir = g_dir_open ("/usr/lib/postgresql", 0, NULL);
  while (dir != NULL && (entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *psql = g_build_filename ("/usr/lib/postgresql", entry, "bin", "psql", NULL);
      char *end = NULL;
      guint64 version = g_ascii_strtoull (entry, &end, 10);

      if (end != entry && g_file_test (psql, G_FILE_TEST_IS_EXECUTABLE)
          && (best == NULL || version > best_version))
        {
          g_free (best);
          best = g_steal_pointer (&psql);
          best_version = version;
        }
    }
  return best != NULL ? g_steal_pointer (&best) : g_find_program_in_path ("psql");
}

/* Databases ----------------------------------------------------------------------------- */

/* A database of @engine that a test loads and dumps: an SQLite file, or a
 * database of its own on the program's cluster. */
typedef struct
{
  Engine  engine;
  char   *path;      /* SQLite */
  char   *conninfo;  /* PostgreSQL */
  PGconn *conn;
} Database;

static void
database_free (Database *db)
{
  g_free (db->path);
  g_free (db->conninfo);
  if (db->conn != NULL)
    PQfinish (db->conn);
  g_free (db);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Database, database_free)

/* NULL after the test was skipped (no PostgreSQL) or failed. */
static Database *
database_new (Engine      engine,
              const char *base)
{
  g_autoptr(Database) db = g_new0 (Database, 1);

  db->engine = engine;
  if (engine == ENGINE_SQLITE)
    db->path = scratch_path (base, ".db");
  else
    {
      CardinalTestPg *pg = cardinal_test_pg_suite ();
      g_autoptr(GError) error = NULL;
      g_autofree char *dbname = NULL;

      if (pg == NULL)
        return NULL;
      db->conn = cardinal_test_pg_new_database (pg, &dbname, &error);
      g_assert_no_error (error);
      db->conninfo = cardinal_test_pg_conninfo (pg, dbname);
    }
  return g_steal_pointer (&db);
}

/* Runs the SQL script at @script_path in @db: SQLite through the library
 * (the scripts hold no shell commands), PostgreSQL through psql so that its
 * meta-commands work, stopping at the first error. */
static gboolean
database_load (Database    *db,
               const char  *script_path,
               char       **problem)
{
  if (db->engine == ENGINE_SQLITE)
    {
      g_autofree char *script = cardinal_test_read_file (script_path);
      sqlite3 *handle = NULL;
      char *message = NULL;
      int rc;

      g_assert_cmpint (sqlite3_open (db->path, &handle), ==, SQLITE_OK);
      rc = sqlite3_exec (handle, script, NULL, NULL, &message);
      if (rc != SQLITE_OK)
        *problem = g_strdup_printf ("%s: %s", script_path, message != NULL ? message : sqlite3_errmsg (handle));
      sqlite3_free (message);
      sqlite3_close (handle);
      return rc == SQLITE_OK;
    }
  else
    {
      g_autofree char *psql = find_psql ();
      g_auto(Run) run = { 0 };
      const char *argv[] = {
        psql, "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", db->conninfo, "-f", script_path, NULL
      };

      g_assert_nonnull (psql);
      run_program (&run, argv);
      if (!run.exited || run.status != 0)
        {
          g_autofree char *described = run_describe (&run);

          *problem = g_strdup_printf ("psql -f %s: %s", script_path, described);
          return FALSE;
        }
      return TRUE;
    }
}

static char *
database_dump (Database *db)
{
  g_autoptr(GError) error = NULL;
  char *dump;

  if (db->engine == ENGINE_SQLITE)
    dump = cardinal_test_catalogue_dump_sqlite_file (db->path, &error);
  else
    dump = cardinal_test_catalogue_dump_postgresql (db->conn, &error);
  g_assert_no_error (error);
  g_assert_nonnull (dump);
  return dump;
}

/* What cardinal-cli import takes for the live database. */
static const char *
database_source (Database *db)
{
  return db->engine == ENGINE_SQLITE ? db->path : db->conninfo;
}

static Database *
database_from_script (Engine      engine,
                      const char *base,
                      const char *script_path)
{
  g_autoptr(Database) db = database_new (engine, base);
  g_autofree char *problem = NULL;

  if (db == NULL)
    return NULL;
  if (!database_load (db, script_path, &problem))
    g_error ("%s", problem);
  return g_steal_pointer (&db);
}

/* The round trip ------------------------------------------------------------------------ */

static void
test_fidelity (gconstpointer data)
{
  const FidelityCase *fc = data;
  const CorpusSchema *schema = fc->schema;
  const char *dialect = engine_dialect (schema->engine);
  g_autofree char *sql_path = corpus_path (schema->file);
  g_autofree char *base = g_strndup (schema->file, strcspn (schema->file, "."));
  g_autofree char *model_path = scratch_path (base, ".cardinal");
  g_autofree char *ddl_path = scratch_path (base, "-ddl.sql");
  g_autofree char *problem = NULL;
  g_autofree char *dump_a = NULL;
  g_autofree char *dump_b = NULL;
  g_autofree char *differences = NULL;
  g_autoptr(Database) a = NULL;
  g_autoptr(Database) b = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) validate = { 0 };
  g_auto(Run) ddl = { 0 };

  /* A: the schema as its author wrote it. */
  a = database_from_script (schema->engine, base, sql_path);
  if (a == NULL)
    return;
  dump_a = database_dump (a);
  if (keep_scratch ())
    {
      g_autofree char *path_a = scratch_path (base, "-a.dump");

      g_file_set_contents (path_a, dump_a, -1, NULL);
    }

  if (fc->source == SOURCE_DATABASE
      ? !run_cli (&import, "import", database_source (a), "-o", model_path, NULL)
      : !run_cli (&import, "import", "--dialect", dialect, sql_path, "-o", model_path, NULL))
    {
      g_autofree char *described = run_describe (&import);

      fidelity_fail ("import refused", described);
      return;
    }
  g_test_message ("import: %s%s", import.out, import.err);

  /* The import must give a model without errors ("FILE: error[CARD…]: …"). */
  run_cli (&validate, "validate", model_path, NULL);
  if (!validate.exited || validate.status != 0 || strstr (validate.out, "error[") != NULL)
    {
      g_autofree char *described = run_describe (&validate);
      const char *first_error = strstr (validate.out, "error[");

      /* The first error leads, for the one-line summary. */
      if (first_error != NULL)
        {
          g_autofree char *leading = g_strndup (first_error, strcspn (first_error, "\n"));
          g_autofree char *details = g_strdup_printf ("%s\n%s", leading, described);

          fidelity_fail ("the imported model has errors", details);
        }
      else
        fidelity_fail ("the imported model has errors", described);
      return;
    }

  if (!run_cli (&ddl, "ddl", "--dialect", dialect, "-o", ddl_path, model_path, NULL))
    {
      g_autofree char *described = run_describe (&ddl);

      fidelity_fail ("ddl refused", described);
      return;
    }

  /* B: the DDL Cardinal writes from the imported model. */
  b = database_new (schema->engine, base);
  if (b == NULL)
    return;
  if (!database_load (b, ddl_path, &problem))
    {
      fidelity_fail ("the DDL does not load into an empty database", problem);
      return;
    }
  dump_b = database_dump (b);

  differences = cardinal_test_catalogue_diff (dump_a, dump_b, MAX_DIFFERENCES);
  if (keep_scratch ())
    {
      g_autofree char *path_b = scratch_path (base, "-b.dump");

      g_file_set_contents (path_b, dump_b, -1, NULL);
    }
  if (differences != NULL)
    fidelity_fail ("the catalogue after import and DDL differs from the original", differences);
}

/* The other engine: DDL written for it from the imported model must load into
 * an empty database there, what has no equivalent left out with a warning
 * (the catalogues cannot be the same; nothing may fail without a word). */
static void
test_other_dialect (gconstpointer data)
{
  const CorpusSchema *schema = data;
  Engine other = schema->engine == ENGINE_SQLITE ? ENGINE_POSTGRESQL : ENGINE_SQLITE;
  g_autofree char *sql_path = corpus_path (schema->file);
  g_autofree char *base = g_strndup (schema->file, strcspn (schema->file, "."));
  g_autofree char *other_base = g_strconcat (base, "_other", NULL);
  g_autofree char *model_path = scratch_path (other_base, ".cardinal");
  g_autofree char *ddl_path = scratch_path (other_base, "-ddl.sql");
  g_autofree char *problem = NULL;
  g_autoptr(Database) b = NULL;
  g_auto(Run) import = { 0 };
  g_auto(Run) ddl = { 0 };

  if (!run_cli (&import, "import", "--dialect", engine_dialect (schema->engine), sql_path, "-o", model_path, NULL))
    {
      g_autofree char *described = run_describe (&import);

      fidelity_fail ("import refused", described);
      return;
    }
  if (!run_cli (&ddl, "ddl", "--dialect", engine_dialect (other), "-o", ddl_path, model_path, NULL))
    {
      g_autofree char *described = run_describe (&ddl);

      fidelity_fail ("ddl for the other engine refused", described);
      return;
    }
  g_test_message ("left out for %s:\n%s", engine_dialect (other), ddl.err);

  b = database_new (other, other_base);
  if (b == NULL)
    return;
  if (!database_load (b, ddl_path, &problem))
    fidelity_fail ("the other engine's DDL does not load into an empty database", problem);
}

/* The comparators themselves ------------------------------------------------------------ */

/* The same script in two databases dumps the same: the dumps hold no OIDs,
 * no generated sequence names, nothing that depends on the database. */
static void
test_catalogue_stable (gconstpointer data)
{
  const CorpusSchema *schema = data;
  g_autofree char *sql_path = corpus_path (schema->file);
  g_autoptr(Database) one = database_from_script (schema->engine, "stable", sql_path);
  g_autoptr(Database) two = NULL;
  g_autofree char *dump_one = NULL;
  g_autofree char *again = NULL;
  g_autofree char *dump_two = NULL;
  g_autofree char *differences = NULL;

  if (one == NULL)
    return;
  two = database_from_script (schema->engine, "stable", sql_path);
  dump_one = database_dump (one);
  again = database_dump (one);
  dump_two = database_dump (two);

  /* Something of every kind the corpus has is in the dump. */
  g_assert_nonnull (strstr (dump_one, ": column "));
  g_assert_true (strstr (dump_one, "index ") != NULL);
  g_assert_null (cardinal_test_catalogue_diff (dump_one, again, MAX_DIFFERENCES));
  differences = cardinal_test_catalogue_diff (dump_one, dump_two, MAX_DIFFERENCES);
  if (differences != NULL)
    g_test_message ("%s", differences);
  g_assert_null (differences);
}

typedef struct
{
  const char *file;
  const char *from;      /* text of the script to change, exactly once */
  const char *to;
  const char *expected;  /* text the differences must hold */
} Mutation;

/* One change each to a copy of a corpus script, and what the difference must name. */
static const Mutation mutations[] = {
  /* SQLite */
  { "shop.sqlite.sql", "CREATE INDEX order_line_sku_qty_idx ON order_line (sku, quantity DESC);\n", "",
    "index order_line_sku_qty_idx: missing" },
  { "shop.sqlite.sql", "CONSTRAINT product_price_positive", "CONSTRAINT product_price_over_zero",
    "table product: check product_price_positive: missing" },
  { "shop.sqlite.sql", "DEFAULT 'NL'", "DEFAULT 'BE'",
    "table address: column country: default 'BE', expected 'NL'" },
  { "shop.sqlite.sql", "  full_name   TEXT NOT NULL,\n  phone       TEXT,\n",
    "  phone       TEXT,\n  full_name   TEXT NOT NULL,\n",
    "table customer: columns customer_id, email, phone, full_name, created_at, "
    "expected customer_id, email, full_name, phone, created_at" },
  { "library.sqlite.sql", "REFERENCES branch (code) DEFERRABLE INITIALLY DEFERRED",
    "REFERENCES branch (code)", "table copy: foreign key (branch): timing: missing" },
  { "library.sqlite.sql", ") WITHOUT ROWID;", ");", "table copy table, expected without rowid" },
  { "music.sqlite.sql", "[ReleaseYear] INT,", "[ReleaseYear] INTEGER,",
    "table Album: column ReleaseYear: type INTEGER, expected INT" },
  { "library.sqlite.sql", "WHERE returned_on IS NULL;", "WHERE returned_on IS NOT NULL;",
    "index loan_open_idx on loan (member_id, due_on) WHERE returned_on is not null" },
  { "shop.sqlite.sql", ") STRICT;", ");", "table order_event table, expected strict" },
  { "shop.sqlite.sql", "email       TEXT NOT NULL COLLATE NOCASE,", "email       TEXT NOT NULL,",
    "table customer: column email: collation: missing (expected NOCASE)" },
  { "shop.sqlite.sql", "customer_id INTEGER PRIMARY KEY AUTOINCREMENT,", "customer_id INTEGER PRIMARY KEY,",
    "table customer: column customer_id: autoincrement: missing" },
  { "shop.sqlite.sql", "sum(l.quantity * l.unit_cents)", "sum(l.quantity)",
    "view order_total ... o.order_id, o.buyer_id, sum (l.quantity) as total_cents from order" },
  { "shop.sqlite.sql", "ON DELETE RESTRICT ON UPDATE CASCADE,", "ON DELETE CASCADE ON UPDATE CASCADE,",
    "table order: foreign key (buyer_id) references customer (customer_id) on update CASCADE on delete CASCADE" },
  { "shop.sqlite.sql", "CONSTRAINT order_buyer_fkey FOREIGN KEY", "FOREIGN KEY",
    "table order: foreign key (buyer_id): name: missing (expected order_buyer_fkey)" },
  /* PostgreSQL */
  { "library.pg.sql", "CREATE UNLOGGED TABLE audit_log", "CREATE TABLE audit_log",
    "table public.audit_log ordinary, expected ordinary, unlogged" },
  { "rental.pg.sql", "name text NOT NULL COLLATE \"C\",", "name text NOT NULL,",
    "table public.store: column name: collation: missing (expected \"C\")" },
  { "rental.pg.sql", "  NEW.last_update := now();", "  NEW.last_update := clock_timestamp();",
    "function public.touch_last_update()" },
  { "rental.pg.sql", "TO ('2027-01-01 00:00:00+00')", "TO ('2026-12-01 00:00:00+00')",
    "table public.payment_2026_h2: partition of public.payment FOR VALUES FROM" },
  { "app.pg.sql", "ALTER SEQUENCE public.posts_id_seq OWNED BY public.posts.id;", "",
    "sequence public.posts_id_seq: owned by: missing (expected public.posts.id)" },
  { "music.pg.sql", "CREATE DOMAIN sales.price AS numeric(10,2) DEFAULT 0.99", "CREATE DOMAIN sales.price AS numeric(10,2) DEFAULT 1.99",
    "domain sales.price: default 1.99, expected 0.99" },
  { "library.pg.sql", "CREATE INDEX loan_copy_idx ON loan (isbn, copy_no);\n", "",
    "index public.loan_copy_idx: missing" },
  { "library.pg.sql", "CONSTRAINT author_lifespan", "CONSTRAINT author_years",
    "table public.author: constraint author_lifespan: missing" },
  { "library.pg.sql", "DEFAULT 'CEN'", "DEFAULT 'NOR'",
    "table public.member: column home_branch: default 'NOR'::bpchar, expected 'CEN'::bpchar" },
  { "library.pg.sql", "  born        smallint,\n  died        smallint,\n",
    "  died        smallint,\n  born        smallint,\n",
    "table public.author: columns author_id, name, died, born, expected author_id, name, born, died" },
  { "library.pg.sql", "REFERENCES branch (code) DEFERRABLE INITIALLY DEFERRED",
    "REFERENCES branch (code)", "table public.copy: constraint copy_branch_fkey: deferrable: missing" },
  { "rental.pg.sql", "MINVALUE 1000 MAXVALUE 999990 CACHE 5", "MINVALUE 1000 MAXVALUE 999990 CACHE 1",
    "sequence public.film_number_seq as integer start 1000 increment 10 min 1000 max 999990 cache 1" },
  { "rental.pg.sql", "GENERATED ALWAYS AS IDENTITY (START WITH 100", "GENERATED BY DEFAULT AS IDENTITY (START WITH 100",
    "table public.film: column film_id: identity GENERATED BY DEFAULT, expected GENERATED ALWAYS" },
  { "rental.pg.sql", "'PG-13', 'R'", "'R', 'PG-13'",
    "enum public.mpaa_rating 'G', 'PG', 'R', 'PG-13', 'NC-17', expected 'G', 'PG', 'PG-13', 'R', 'NC-17'" },
  { "music.pg.sql", "COMMENT ON TABLE catalog.medium IS 'A disc", "COMMENT ON TABLE catalog.medium IS 'One disc",
    "comment on table catalog.medium One disc" },
  { "rental.pg.sql", "  WITH NO DATA;", "  WITH DATA;",
    "materialized view public.rental_by_rating: populated yes, expected no" },
};

static void
test_catalogue_mutation (gconstpointer data)
{
  const Mutation *mutation = data;
  const CorpusSchema *schema = NULL;
  g_autofree char *sql_path = corpus_path (mutation->file);
  g_autofree char *script = cardinal_test_read_file (sql_path);
  g_autofree char *changed_path = scratch_path ("mutation", ".sql");
  g_autoptr(GString) changed = g_string_new (script);
  g_autoptr(Database) original = NULL;
  g_autoptr(Database) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dump_original = NULL;
  g_autofree char *dump_copy = NULL;
  g_autofree char *differences = NULL;
  const char *at;
  gsize i;

  for (i = 0; i < G_N_ELEMENTS (corpus); i++)
    if (strcmp (corpus[i].file, mutation->file) == 0)
      schema = &corpus[i];
  g_assert_nonnull (schema);

  /* The change applies to exactly one place. */
  at = strstr (script, mutation->from);
  g_assert_nonnull (at);
  g_assert_null (strstr (at + 1, mutation->from));
  g_string_erase (changed, at - script, strlen (mutation->from));
  g_string_insert (changed, at - script, mutation->to);
  g_file_set_contents (changed_path, changed->str, -1, &error);
  g_assert_no_error (error);

  original = database_from_script (schema->engine, "original", sql_path);
  if (original == NULL)
    return;
  copy = database_from_script (schema->engine, "changed", changed_path);
  dump_original = database_dump (original);
  dump_copy = database_dump (copy);

  differences = cardinal_test_catalogue_diff (dump_original, dump_copy, MAX_DIFFERENCES);
  g_assert_nonnull (differences);
  g_test_message ("%s", differences);
  if (strstr (differences, mutation->expected) == NULL)
    g_test_fail_printf ("the differences do not name \"%s\"", mutation->expected);
}

/* The diff's own wording, on hand-written dumps. */
static void
test_catalogue_diff_words (void)
{
  const char *expected = "table Album: column ArtistId: type\tINT\ntable Album: columns\tAlbumId, ArtistId\n"
                         "index a\tCREATE INDEX a\n";
  const char *actual = "table Album: column ArtistId: type\tINTEGER\ntable Album: columns\tAlbumId, ArtistId\n"
                       "index b\tCREATE INDEX b\n";
  g_autofree char *differences = cardinal_test_catalogue_diff (expected, actual, 10);
  g_autofree char *limited = cardinal_test_catalogue_diff (expected, actual, 1);

  g_assert_null (cardinal_test_catalogue_diff (expected, expected, 10));
  g_assert_cmpstr (differences, ==,
                   "table Album: column ArtistId: type INTEGER, expected INT\n"
                   "index a: missing (expected CREATE INDEX a)\n"
                   "index b: unexpected CREATE INDEX b\n");
  g_assert_cmpstr (limited, ==,
                   "table Album: column ArtistId: type INTEGER, expected INT\n"
                   "... and 2 more differences\n");
}

/* A missing or unexpected object is one difference, not one per fact about it. */
static void
test_catalogue_diff_owner (void)
{
  const char *expected = "table t\tordinary\ntable t: column c\t\ntable t: column c: type\tint\n"
                         "table u\tordinary\ntable u: column d\t\ntable u: column d: type\tint\n"
                         "table u: columns\td\n";
  const char *actual = "table u\tordinary\ntable u: column e\t\ntable u: column e: type\tint\n"
                       "table u: columns\te\ntable v\tordinary\ntable v: column c\t\n";
  g_autofree char *differences = cardinal_test_catalogue_diff (expected, actual, 10);

  g_assert_cmpstr (differences, ==,
                   "table t: missing (expected ordinary)\n"
                   "table u: column d: missing\n"
                   "table u: columns e, expected d\n"
                   "table u: column e: unexpected\n"
                   "table v: unexpected ordinary\n");
}

/* Scratch directory ---------------------------------------------------------------------- */

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) args = g_ptr_array_new ();
  int status;
  int n_args;
  char **test_argv;
  gsize i;

  /* Every schema's differences are worth seeing in one run, so a failed
   * schema does not stop the others (as -k would). */
  for (i = 0; i < (gsize) argc; i++)
    g_ptr_array_add (args, argv[i]);
  g_ptr_array_add (args, (gpointer) "--keep-going");
  g_ptr_array_add (args, NULL);
  n_args = (int) args->len - 1;
  test_argv = (char **) args->pdata;
  g_test_init (&n_args, &test_argv, NULL);

  scratch_dir = g_dir_make_tmp ("cardinal-fidelity-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/fidelity/catalogue/diff-words", test_catalogue_diff_words);
  g_test_add_func ("/fidelity/catalogue/diff-owner", test_catalogue_diff_owner);
  for (i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fidelity/catalogue/stable/%s", corpus[i].file);

      g_test_add_data_func (path, &corpus[i], test_catalogue_stable);
    }
  for (i = 0; i < G_N_ELEMENTS (mutations); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fidelity/catalogue/mutation/%s/%" G_GSIZE_FORMAT,
                                               mutations[i].file, i);

      g_test_add_data_func (path, &mutations[i], test_catalogue_mutation);
    }
  for (i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      FidelityCase *from_database = g_new0 (FidelityCase, 1);
      FidelityCase *from_sql = g_new0 (FidelityCase, 1);
      g_autofree char *path_database = g_strdup_printf ("/fidelity/%s/from-database", corpus[i].file);
      g_autofree char *path_sql = g_strdup_printf ("/fidelity/%s/from-sql", corpus[i].file);

      from_database->schema = &corpus[i];
      from_database->source = SOURCE_DATABASE;
      from_sql->schema = &corpus[i];
      from_sql->source = SOURCE_SQL;
      g_ptr_array_add (cases, from_database);
      g_ptr_array_add (cases, from_sql);
      g_test_add_data_func (path_database, from_database, test_fidelity);
      g_test_add_data_func (path_sql, from_sql, test_fidelity);
    }

  for (i = 0; i < G_N_ELEMENTS (corpus); i++)
    {
      g_autofree char *path = g_strdup_printf ("/fidelity/%s/other-dialect", corpus[i].file);

      g_test_add_data_func (path, &corpus[i], test_other_dialect);
    }

  status = g_test_run ();
  cardinal_test_pg_suite_stop ();
  if (keep_scratch ())
    g_printerr ("# kept %s\n", scratch_dir);
  else
    cardinal_test_remove_tree (scratch_dir);
  g_free (scratch_dir);
  return status;
}
