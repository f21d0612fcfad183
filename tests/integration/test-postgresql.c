/* test-postgresql.c: every example's DDL on a real PostgreSQL server: the catalogue read back, and the constraints by behaviour.
 *
 * The program starts one throwaway cluster (tests/cardinal-test-pg.c) before
 * the tests run and stops it afterwards; every test gets a database of its
 * own. When PostgreSQL is missing or cannot start, the tests are skipped on a
 * developer's machine, but when the environment variable CI is set they FAIL:
 * a CI run must never pass by silently not testing PostgreSQL. */
#include <signal.h>
#include <stdarg.h>
#include <string.h>

#include <libpq-fe.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

/* An id that no example row ever gets: the rows here number in the tens. */
#define MISSING_ID "999999"

static CardinalTestPg *cluster;
static GError *cluster_error;

typedef struct
{
  CardinalModel  *model;
  CardinalSchema *schema;
  PGconn         *conn;
  guint           serial;       /* keeps generated values distinct, for UNIQUE columns */
  char           *last_error;
  char           *last_sqlstate;
} Fixture;

/* The cluster */

static gboolean
in_ci (void)
{
  const char *ci = g_getenv ("CI");

  return ci != NULL && ci[0] != '\0';
}

/* Whether the cluster runs; otherwise the current test is skipped, or failed under CI. */
static gboolean
cluster_available (void)
{
  static gboolean reported = FALSE;
  g_auto(GStrv) lines = NULL;

  if (cluster != NULL)
    return TRUE;

  /* The whole story (program output, server log) once, as TAP comments; a
   * TAP result line takes a single line. */
  if (!reported)
    g_test_message ("%s", cluster_error->message);
  reported = TRUE;
  lines = g_strsplit (cluster_error->message, "\n", 2);

  if (in_ci ())
    g_test_fail_printf ("CI is set, and PostgreSQL could not be started: %s", lines[0]);
  else
    g_test_skip_printf ("PostgreSQL could not be started: %s", lines[0]);
  return FALSE;
}

/* A failed assertion aborts the program (SIGABRT; g_error traps with
 * SIGTRAP) before main stops the cluster, and meson ends a test that runs too
 * long with SIGTERM: stop the server on the way out rather than leave it
 * running. Best effort, hence not async-signal-safe: the signals that matter
 * here are raised by the test's own code, not in the middle of an allocation. */
static void
stop_cluster_on_signal (int signum)
{
  CardinalTestPg *pg = g_steal_pointer (&cluster);

  signal (signum, SIG_DFL);
  cardinal_test_pg_stop (pg);
  raise (signum);
}

/* Setup: an example, validated, engineered and created in a fresh database */

static void
assert_no_validation_errors (const char          *name,
                             const CardinalModel *model)
{
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  g_autoptr(GString) errors = g_string_new ("");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != CARDINAL_SEVERITY_ERROR)
        continue;
      line = cardinal_diagnostic_format (diagnostic, name);
      g_string_append_printf (errors, "%s\n", line);
    }

  g_assert_cmpstr (errors->str, ==, "");
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

static void
fixture_free (Fixture *f)
{
  g_clear_pointer (&f->conn, PQfinish);
  g_free (f->last_error);
  g_free (f->last_sqlstate);
  cardinal_schema_free (f->schema);
  cardinal_model_free (f->model);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* The example in a database of its own, or NULL when there is no server (the
 * test is then already skipped or failed). */
static Fixture *
fixture_new (const char *name)
{
  g_autoptr(Fixture) f = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *ddl = NULL;
  PGresult *result;

  if (!cluster_available ())
    return NULL;

  f = g_new0 (Fixture, 1);
  f->model = cardinal_test_load_example (name);
  assert_no_validation_errors (name, f->model);
  f->schema = cardinal_engineer (f->model);
  ddl = cardinal_ddl_render (f->schema, CARDINAL_DIALECT_POSTGRESQL);

  f->conn = cardinal_test_pg_new_database (cluster, NULL, &error);
  g_assert_no_error (error);

  /* The whole script in one go, as psql -f or an application would run it. */
  result = PQexec (f->conn, ddl);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_test_message ("DDL that failed:\n%s", ddl);
  g_assert_cmpstr (PQresultErrorMessage (result), ==, "");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);

  return g_steal_pointer (&f);
}

/* Statements with bound parameters */

/* Runs @sql with @params (a NULL element is SQL NULL). Returns whether it
 * succeeded and, when @first_value is given, the first column of the first
 * row; on failure the message and SQLSTATE are kept in @f. */
static gboolean
run (Fixture     *f,
     const char  *sql,
     guint        n_params,
     const char **params,
     char       **first_value)
{
  PGresult *result = PQexecParams (f->conn, sql, (int) n_params, NULL, params, NULL, NULL, 0);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK;

  g_clear_pointer (&f->last_error, g_free);
  g_clear_pointer (&f->last_sqlstate, g_free);
  if (!ok)
    {
      const char *sqlstate = PQresultErrorField (result, PG_DIAG_SQLSTATE);

      f->last_error = g_strstrip (g_strdup (PQresultErrorMessage (result)));
      f->last_sqlstate = g_strdup (sqlstate != NULL ? sqlstate : "");
      g_test_message ("%s: %s", sql, f->last_error);
    }
  else if (first_value != NULL && status == PGRES_TUPLES_OK && PQntuples (result) > 0)
    {
      *first_value = PQgetisnull (result, 0, 0) ? NULL : g_strdup (PQgetvalue (result, 0, 0));
    }

  PQclear (result);
  return ok;
}

/* A query that must succeed; the caller clears the result. */
static PGresult *
query (Fixture     *f,
       const char  *sql,
       guint        n_params,
       const char **params)
{
  PGresult *result = PQexecParams (f->conn, sql, (int) n_params, NULL, params, NULL, NULL, 0);

  if (PQresultStatus (result) != PGRES_TUPLES_OK && PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s: %s", sql, PQresultErrorMessage (result));
  return result;
}

/* Which constraint must refuse a change: a rejection for another reason
 * would hide a constraint that is missing. */
typedef enum
{
  VIOLATION_NOT_NULL,
  VIOLATION_UNIQUE,       /* UNIQUE or PRIMARY KEY */
  VIOLATION_FOREIGN_KEY,  /* a missing referenced row, or a RESTRICT on delete */
} Violation;

static const char *
violation_to_string (Violation violation)
{
  switch (violation)
    {
    case VIOLATION_NOT_NULL:
      return "NOT NULL";
    case VIOLATION_UNIQUE:
      return "UNIQUE";
    case VIOLATION_FOREIGN_KEY:
    default:
      return "FOREIGN KEY";
    }
}

static void
assert_violation (Fixture    *f,
                  gboolean    ok,
                  Violation   expected,
                  const char *table)
{
  const char *sqlstate = f->last_sqlstate != NULL ? f->last_sqlstate : "";
  gboolean matches;

  switch (expected)
    {
    case VIOLATION_NOT_NULL:
      matches = g_str_equal (sqlstate, "23502");
      break;
    case VIOLATION_UNIQUE:
      matches = g_str_equal (sqlstate, "23505");
      break;
    case VIOLATION_FOREIGN_KEY:
    default:
      /* 23001 is restrict_violation, 23503 foreign_key_violation. */
      matches = g_str_equal (sqlstate, "23503") || g_str_equal (sqlstate, "23001");
      break;
    }

  if (ok)
    g_error ("%s: expected a %s violation, but the change was accepted", table,
             violation_to_string (expected));
  if (!matches)
    g_error ("%s: expected a %s violation, got: %s (SQLSTATE %s)", table,
             violation_to_string (expected), f->last_error, sqlstate);
}

static void
assert_accepted (Fixture    *f,
                 gboolean    ok,
                 const char *table)
{
  if (!ok)
    g_error ("%s: expected the change to be accepted, got: %s", table, f->last_error);
}

/* Reading the catalogue */

static CardinalTable *
schema_table (Fixture    *f,
              const char *name)
{
  CardinalTable *table = cardinal_schema_find_table (f->schema, name);

  if (table == NULL)
    g_error ("the engineered schema of %s has no table %s", f->model->name, name);
  return table;
}

/* The link table that @relationship produced. */
static const char *
link_table (Fixture    *f,
            const char *relationship)
{
  for (guint i = 0; i < f->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (f->schema->tables, i);

      if (table->entity == NULL && g_strcmp0 (table->relationship, relationship) == 0)
        return table->name;
    }
  g_error ("relationship %s produced no link table", relationship);
  return NULL;
}

/* The single FK column of @table that references @ref_table, as the engineer named it. */
static const char *
fk_column (Fixture    *f,
           const char *table_name,
           const char *ref_table)
{
  CardinalTable *table = schema_table (f, table_name);

  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (g_str_equal (fk->ref_table, ref_table))
        {
          g_assert_cmpuint (g_strv_length (fk->columns), ==, 1);
          return fk->columns[0];
        }
    }
  g_error ("%s has no foreign key to %s", table_name, ref_table);
  return NULL;
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Order does not matter for sets of tables or constraints: compare them sorted. */
static char *
join_sorted (GPtrArray *items)
{
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv ("\n", (char **) items->pdata);
}

static char *
sorted_columns (const char * const *columns)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new ();

  for (guint i = 0; columns[i] != NULL; i++)
    g_ptr_array_add (items, (gpointer) columns[i]);
  g_ptr_array_sort (items, compare_strings);
  g_ptr_array_add (items, NULL);
  return g_strjoinv (",", (char **) items->pdata);
}

static const char *
on_delete_sql (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return "RESTRICT";
    case CARDINAL_ON_DELETE_CASCADE:
      return "CASCADE";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "SET NULL";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return "NO ACTION";
    }
}

/* pg_constraint.confdeltype spelled as in SQL. */
static const char *
pg_on_delete (const char *code)
{
  switch (code[0])
    {
    case 'r':
      return "RESTRICT";
    case 'c':
      return "CASCADE";
    case 'n':
      return "SET NULL";
    case 'd':
      return "SET DEFAULT";
    case 'a':
    default:
      return "NO ACTION";
    }
}

/* Column names in key order, comma-separated, from an attnum array column. */
#define KEY_COLUMNS(attnums, relid) \
  "(SELECT string_agg (a.attname, ',' ORDER BY k.n) " \
  "FROM unnest (" attnums ") WITH ORDINALITY AS k (attnum, n) " \
  "JOIN pg_attribute a ON a.attrelid = " relid " AND a.attnum = k.attnum)"

static void
check_table_names (Fixture *f)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  PGresult *result;

  for (guint i = 0; i < f->schema->tables->len; i++)
    g_ptr_array_add (expected, ((CardinalTable *) g_ptr_array_index (f->schema->tables, i))->name);

  result = query (f, "SELECT relname FROM pg_class "
                     "WHERE relnamespace = 'public'::regnamespace AND relkind IN ('r', 'p')",
                  0, NULL);
  for (int row = 0; row < PQntuples (result); row++)
    g_ptr_array_add (actual, g_strdup (PQgetvalue (result, row, 0)));
  PQclear (result);

  expected_text = join_sorted (expected);
  actual_text = join_sorted (actual);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/* The table's oid (as text); checks its comment on the way. */
static char *
check_table_comment (Fixture             *f,
                     const CardinalTable *table)
{
  const char *params[] = { table->name };
  PGresult *result;
  char *oid;

  result = query (f, "SELECT oid, coalesce (obj_description (oid, 'pg_class'), '') FROM pg_class "
                     "WHERE relnamespace = 'public'::regnamespace AND relname = $1 AND relkind = 'r'",
                  1, params);
  g_assert_cmpint (PQntuples (result), ==, 1);
  oid = g_strdup (PQgetvalue (result, 0, 0));
  g_assert_cmpstr (PQgetvalue (result, 0, 1), ==, table->comment);
  PQclear (result);
  return oid;
}

/* How PostgreSQL spells each column's type once created: the DDL's spelling
 * ("varchar(255)") comes back as "character varying(255)", so the expected
 * types go through a temporary table of their own. */
static GStrv
expected_pg_types (Fixture             *f,
                   const CardinalTable *table)
{
  g_autoptr(GString) sql = g_string_new ("CREATE TEMPORARY TABLE cardinal_expected_types (");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  PGresult *result;

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *type = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_POSTGRESQL);

      g_string_append_printf (sql, "%sc%u %s", i > 0 ? ", " : "", i, type);
    }
  g_string_append_c (sql, ')');
  PQclear (query (f, sql->str, 0, NULL));

  result = query (f, "SELECT format_type (atttypid, atttypmod) FROM pg_attribute "
                     "WHERE attrelid = 'cardinal_expected_types'::regclass AND attnum > 0 "
                     "ORDER BY attnum", 0, NULL);
  for (int row = 0; row < PQntuples (result); row++)
    g_strv_builder_add (builder, PQgetvalue (result, row, 0));
  PQclear (result);
  PQclear (query (f, "DROP TABLE cardinal_expected_types", 0, NULL));

  return g_strv_builder_end (builder);
}

/* Columns in order, each as "name type not-null default autoincrement -- comment". */
static void
check_columns (Fixture             *f,
               const CardinalTable *table,
               const char          *oid)
{
  g_autoptr(GString) expected = g_string_new ("");
  g_autoptr(GString) actual = g_string_new ("");
  g_auto(GStrv) types = expected_pg_types (f, table);
  const char *params[] = { oid };
  PGresult *result;

  g_assert_cmpuint (g_strv_length (types), ==, table->columns->len);
  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);

      /* An identity column is its own default; PostgreSQL allows no other. */
      g_string_append_printf (expected, "%s %s%s%s%s%s%s\n", column->name, types[i],
                              column->nullable ? "" : " not-null",
                              column->default_value != NULL && !column->autoincrement ? " default" : "",
                              column->autoincrement ? " autoincrement" : "",
                              column->comment[0] != '\0' ? " -- " : "", column->comment);
    }

  result = query (f, "SELECT a.attname, format_type (a.atttypid, a.atttypmod), a.attnotnull, "
                     "a.attidentity <> '' OR coalesce (pg_get_expr (d.adbin, d.adrelid), '') LIKE 'nextval(%', "
                     "a.atthasdef, coalesce (col_description (a.attrelid, a.attnum), '') "
                     "FROM pg_attribute a "
                     "LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum "
                     "WHERE a.attrelid = $1::oid AND a.attnum > 0 AND NOT a.attisdropped "
                     "ORDER BY a.attnum", 1, params);
  for (int row = 0; row < PQntuples (result); row++)
    {
      gboolean generated = g_str_equal (PQgetvalue (result, row, 3), "t");
      gboolean has_default = g_str_equal (PQgetvalue (result, row, 4), "t");
      const char *comment = PQgetvalue (result, row, 5);

      g_string_append_printf (actual, "%s %s%s%s%s%s%s\n",
                              PQgetvalue (result, row, 0), PQgetvalue (result, row, 1),
                              g_str_equal (PQgetvalue (result, row, 2), "t") ? " not-null" : "",
                              has_default && !generated ? " default" : "",
                              generated ? " autoincrement" : "",
                              comment[0] != '\0' ? " -- " : "", comment);
    }
  PQclear (result);

  g_assert_cmpstr (actual->str, ==, expected->str);
}

/* Primary key, foreign keys (with their names) and UNIQUE constraints. */
static void
check_constraints (Fixture             *f,
                   const CardinalTable *table,
                   const char          *oid)
{
  g_autoptr(GPtrArray) expected_fks = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_fks = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autofree char *expected_pk = g_strjoinv (",", table->primary_key);
  g_autofree char *actual_pk = g_strdup ("");
  const char *params[] = { oid };
  PGresult *result;

  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);
      g_autofree char *columns = g_strjoinv (",", fk->columns);
      g_autofree char *ref_columns = g_strjoinv (",", fk->ref_columns);

      g_ptr_array_add (expected_fks, g_strdup_printf ("%s: %s -> %s(%s) ON DELETE %s", fk->name,
                                                      columns, fk->ref_table, ref_columns,
                                                      on_delete_sql (fk->on_delete)));
    }

  result = query (f, "SELECT c.contype, c.conname, " KEY_COLUMNS ("c.conkey", "c.conrelid") ", "
                     "coalesce (r.relname, ''), "
                     "coalesce (" KEY_COLUMNS ("c.confkey", "c.confrelid") ", ''), c.confdeltype "
                     "FROM pg_constraint c LEFT JOIN pg_class r ON r.oid = c.confrelid "
                     "WHERE c.conrelid = $1::oid", 1, params);
  for (int row = 0; row < PQntuples (result); row++)
    {
      const char *type = PQgetvalue (result, row, 0);

      if (g_str_equal (type, "p"))
        {
          g_free (actual_pk);
          actual_pk = g_strdup (PQgetvalue (result, row, 2));
        }
      else if (g_str_equal (type, "f"))
        g_ptr_array_add (actual_fks, g_strdup_printf ("%s: %s -> %s(%s) ON DELETE %s",
                                                      PQgetvalue (result, row, 1),
                                                      PQgetvalue (result, row, 2),
                                                      PQgetvalue (result, row, 3),
                                                      PQgetvalue (result, row, 4),
                                                      pg_on_delete (PQgetvalue (result, row, 5))));
    }
  PQclear (result);

  g_assert_cmpstr (actual_pk, ==, expected_pk);
  expected_text = join_sorted (expected_fks);
  actual_text = join_sorted (actual_fks);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/* UNIQUE constraints by their column sets; named indexes by name, columns and uniqueness. */
static void
check_indexes (Fixture             *f,
               const CardinalTable *table,
               const char          *oid)
{
  g_autoptr(GPtrArray) expected_unique = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_unique = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected_named = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_named = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  const char *params[] = { oid };
  PGresult *result;

  for (guint i = 0; i < table->uniques->len; i++)
    g_ptr_array_add (expected_unique, sorted_columns (g_ptr_array_index (table->uniques, i)));
  for (guint i = 0; i < table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, i);
      g_autofree char *columns = g_strjoinv (",", index->columns);

      if (index->unique)
        g_ptr_array_add (expected_unique, sorted_columns ((const char * const *) index->columns));
      g_ptr_array_add (expected_named, g_strdup_printf ("%s(%s)%s", index->name, columns,
                                                        index->unique ? " unique" : ""));
    }

  /* Indexes behind a constraint were checked as constraints; the others are
   * the CREATE INDEX statements. */
  result = query (f, "SELECT c.relname, i.indisunique, "
                     KEY_COLUMNS ("i.indkey::int2[]", "i.indrelid") ", "
                     "EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) "
                     "FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                     "WHERE i.indrelid = $1::oid AND NOT i.indisprimary", 1, params);
  for (int row = 0; row < PQntuples (result); row++)
    {
      gboolean unique = g_str_equal (PQgetvalue (result, row, 1), "t");
      const char *columns = PQgetvalue (result, row, 2);

      if (unique)
        {
          g_auto(GStrv) split = g_strsplit (columns, ",", -1);

          g_ptr_array_add (actual_unique, sorted_columns ((const char * const *) split));
        }
      if (g_str_equal (PQgetvalue (result, row, 3), "f"))
        g_ptr_array_add (actual_named, g_strdup_printf ("%s(%s)%s", PQgetvalue (result, row, 0),
                                                        columns, unique ? " unique" : ""));
    }
  PQclear (result);

  expected_text = join_sorted (expected_unique);
  actual_text = join_sorted (actual_unique);
  g_assert_cmpstr (actual_text, ==, expected_text);

  g_clear_pointer (&expected_text, g_free);
  g_clear_pointer (&actual_text, g_free);
  expected_text = join_sorted (expected_named);
  actual_text = join_sorted (actual_named);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

static void
test_catalogue (gconstpointer data)
{
  const char *name = data;
  g_autoptr(Fixture) f = fixture_new (name);

  if (f == NULL)
    return;

  g_assert_cmpuint (f->schema->tables->len, >, 0);
  check_table_names (f);
  for (guint i = 0; i < f->schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (f->schema->tables, i);
      g_autofree char *oid = check_table_comment (f, table);

      check_columns (f, table, oid);
      check_constraints (f, table, oid);
      check_indexes (f, table, oid);
    }
}

/* Rows: inserts that fill in whatever the test does not care about */

/* A fresh value of the column's type, distinct on every call. */
static char *
sample_value (Fixture              *f,
              const CardinalColumn *column)
{
  CardinalType type;
  guint n = ++f->serial;

  if (!cardinal_type_parse (column->type, &type, NULL))
    type.base = CARDINAL_TYPE_RAW;

  switch (type.base)
    {
    case CARDINAL_TYPE_INTEGER:
    case CARDINAL_TYPE_BIGINT:
    case CARDINAL_TYPE_SMALLINT:
      return g_strdup_printf ("%u", n);
    case CARDINAL_TYPE_BOOLEAN:
      return g_strdup ("true");
    case CARDINAL_TYPE_NUMERIC:
    case CARDINAL_TYPE_REAL:
    case CARDINAL_TYPE_DOUBLE:
      return g_strdup_printf ("%u.5", n);
    case CARDINAL_TYPE_DATE:
      return g_strdup ("2024-05-01");
    case CARDINAL_TYPE_TIME:
      return g_strdup ("12:30:00");
    case CARDINAL_TYPE_TIMESTAMP:
      return g_strdup ("2024-05-01 12:30:00");
    case CARDINAL_TYPE_TIMESTAMPTZ:
      return g_strdup ("2024-05-01 12:30:00+00");
    case CARDINAL_TYPE_UUID:
      return g_uuid_string_random ();
    case CARDINAL_TYPE_JSON:
      return g_strdup_printf ("{\"n\": %u}", n);
    case CARDINAL_TYPE_BYTES:
      return g_strdup_printf ("\\x%08x", n);
    case CARDINAL_TYPE_VARCHAR:
      {
        g_autofree char *text = g_strdup_printf ("v%u", n);
        gsize len = strlen (text);

        /* Keep the distinguishing digits when the column is narrow. */
        if (type.length > 0 && len > (gsize) type.length)
          return g_strdup (text + len - (gsize) type.length);
        return g_steal_pointer (&text);
      }
    case CARDINAL_TYPE_TEXT:
    case CARDINAL_TYPE_RAW:
    default:
      return g_strdup_printf ("value %u", n);
    }
}

/* Inserts into @table the column/value pairs in @args (a NULL value is SQL
 * NULL) plus a sample value for every other NOT NULL column that has no
 * default and is not generated. Returns whether it succeeded; @key_out gets
 * the new row's primary key when it is a single column. */
static gboolean
insert_row_valist (Fixture     *f,
                   const char  *table_name,
                   char       **key_out,
                   va_list      args)
{
  CardinalTable *table = schema_table (f, table_name);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) sql = g_string_new ("INSERT INTO ");
  const char *name;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert_nonnull (cardinal_table_find_column (table, name));
      g_ptr_array_add (columns, (gpointer) name);
      g_ptr_array_add (values, g_strdup (value));
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      gboolean given = FALSE;

      for (guint k = 0; k < columns->len && !given; k++)
        given = g_str_equal (g_ptr_array_index (columns, k), column->name);
      if (given || column->nullable || column->autoincrement || column->default_value != NULL)
        continue;
      g_ptr_array_add (columns, column->name);
      g_ptr_array_add (values, sample_value (f, column));
    }

  cardinal_identifier_append_quoted (sql, table->name);
  if (columns->len == 0)
    g_string_append (sql, " DEFAULT VALUES");
  else
    {
      g_string_append (sql, " (");
      for (guint i = 0; i < columns->len; i++)
        {
          if (i > 0)
            g_string_append (sql, ", ");
          cardinal_identifier_append_quoted (sql, g_ptr_array_index (columns, i));
        }
      g_string_append (sql, ") VALUES (");
      for (guint i = 0; i < columns->len; i++)
        g_string_append_printf (sql, "%s$%u", i > 0 ? ", " : "", i + 1);
      g_string_append_c (sql, ')');
    }
  if (g_strv_length (table->primary_key) == 1)
    {
      g_string_append (sql, " RETURNING ");
      cardinal_identifier_append_quoted (sql, table->primary_key[0]);
    }

  return run (f, sql->str, values->len, (const char **) values->pdata,
              g_strv_length (table->primary_key) == 1 ? key_out : NULL);
}

/* Inserts a row that must be accepted; returns its primary key ("" when composite). */
G_GNUC_NULL_TERMINATED
static char *
insert_ok (Fixture    *f,
           const char *table,
           ...)
{
  char *key = NULL;
  va_list args;
  gboolean ok;

  va_start (args, table);
  ok = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_accepted (f, ok, table);
  return key != NULL ? key : g_strdup ("");
}

/* Inserts a row that the @expected constraint must reject. */
G_GNUC_NULL_TERMINATED
static void
insert_rejected (Fixture    *f,
                 Violation   expected,
                 const char *table,
                 ...)
{
  g_autofree char *key = NULL;
  va_list args;
  gboolean ok;

  va_start (args, table);
  ok = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_violation (f, ok, expected, table);
}

static gboolean
delete_rows (Fixture    *f,
             const char *table,
             const char *column,
             const char *value)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM ");

  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, column);
  g_string_append (sql, " = $1");
  return run (f, sql->str, 1, &value, NULL);
}

static void
delete_ok (Fixture    *f,
           const char *table,
           const char *column,
           const char *value)
{
  assert_accepted (f, delete_rows (f, table, column, value), table);
}

static void
delete_rejected (Fixture    *f,
                 const char *table,
                 const char *column,
                 const char *value)
{
  assert_violation (f, delete_rows (f, table, column, value), VIOLATION_FOREIGN_KEY, table);
}

/* The value of @column in the row of @table where @key_column = @key, as text. */
static char *
row_value (Fixture    *f,
           const char *table,
           const char *column,
           const char *key_column,
           const char *key)
{
  g_autoptr(GString) sql = g_string_new ("SELECT ");
  char *value = NULL;

  cardinal_identifier_append_quoted (sql, column);
  g_string_append (sql, "::text FROM ");
  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, key_column);
  g_string_append (sql, " = $1");
  g_assert_true (run (f, sql->str, 1, &key, &value));
  return value;
}

static guint
count_rows (Fixture    *f,
            const char *table,
            const char *column,
            const char *value)
{
  g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM ");
  g_autofree char *count = NULL;

  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, column);
  g_string_append (sql, " = $1");
  g_assert_true (run (f, sql->str, 1, &value, &count));
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

/* Behaviour of each example's constraints. The bodies below are the same in test-sqlite.c. */

static void
check_gallery_a1_merged (Fixture *f)
{
  CardinalTable *user = schema_table (f, "user");
  g_autofree char *u1 = NULL;
  g_autofree char *u2 = NULL;
  g_autofree char *street = NULL;

  /* One table: the address is folded into the user, without its own key. */
  g_assert_cmpuint (f->schema->tables->len, ==, 1);
  g_assert_null (cardinal_schema_find_table (f->schema, "address"));
  g_assert_nonnull (cardinal_table_find_column (user, "street"));
  g_assert_nonnull (cardinal_table_find_column (user, "city"));
  g_assert_nonnull (cardinal_table_find_column (user, "postal_code"));

  /* A user need not have an address, so the folded columns may stay empty. */
  u1 = insert_ok (f, "user", NULL);
  u2 = insert_ok (f, "user", "street", "1 Main St", "city", "Springfield", NULL);
  g_assert_cmpstr (u1, !=, u2);
  street = row_value (f, "user", "street", "id", u2);
  g_assert_cmpstr (street, ==, "1 Main St");
  insert_rejected (f, VIOLATION_NOT_NULL, "user", "name", NULL, NULL);
}

static void
check_gallery_a2_shared_pk (Fixture *f)
{
  g_autofree char *u = insert_ok (f, "user", NULL);
  g_autofree char *a = NULL;

  /* The address's key is its user's key. */
  a = insert_ok (f, "address", "id", u, NULL);
  g_assert_cmpstr (a, ==, u);
  insert_rejected (f, VIOLATION_UNIQUE, "address", "id", u, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, "address", "id", MISSING_ID, NULL);

  delete_ok (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "address", "id", u), ==, 0);
}

static void
check_gallery_a3_unique_fk (Fixture *f)
{
  const char *user_id = fk_column (f, "address", "user");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  a1 = insert_ok (f, "address", user_id, u1, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, "address", user_id, u1, NULL);
  insert_rejected (f, VIOLATION_NOT_NULL, "address", user_id, NULL, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, "address", user_id, MISSING_ID, NULL);
  a2 = insert_ok (f, "address", user_id, u2, NULL);
  g_assert_cmpstr (a1, !=, a2);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", a2), ==, 1);
}

static void
check_gallery_b1_fk (Fixture *f)
{
  const char *user_id = fk_column (f, "address", "user");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = insert_ok (f, "address", user_id, u1, NULL);
  g_autofree char *a2 = insert_ok (f, "address", user_id, u1, NULL);
  g_autofree char *a3 = insert_ok (f, "address", user_id, u2, NULL);

  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 2);
  insert_rejected (f, VIOLATION_NOT_NULL, "address", user_id, NULL, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, "address", user_id, MISSING_ID, NULL);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", a3), ==, 1);
}

static void
check_gallery_b2_link_table (Fixture *f)
{
  const char *link = link_table (f, "user_address");
  const char *user_id = fk_column (f, link, "user");
  const char *address_id = fk_column (f, link, "address");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = insert_ok (f, "address", NULL);
  g_autofree char *a2 = insert_ok (f, "address", NULL);
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;

  /* A user has many addresses; an address belongs to one user only. */
  l1 = insert_ok (f, link, user_id, u1, address_id, a1, NULL);
  l2 = insert_ok (f, link, user_id, u1, address_id, a2, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, link, user_id, u2, address_id, a1, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, link, user_id, u1, address_id, a1, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, link, user_id, u2, address_id, MISSING_ID, NULL);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, link, user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", a1), ==, 1);
}

static void
check_gallery_c1_link_table (Fixture *f)
{
  const char *link = link_table (f, "user_address");
  const char *user_id = fk_column (f, link, "user");
  const char *address_id = fk_column (f, link, "address");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = insert_ok (f, "address", NULL);
  g_autofree char *a2 = insert_ok (f, "address", NULL);
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  /* Unlike B2, an address may be shared; each pair appears once. */
  l1 = insert_ok (f, link, user_id, u1, address_id, a1, NULL);
  l2 = insert_ok (f, link, user_id, u2, address_id, a1, NULL);
  l3 = insert_ok (f, link, user_id, u1, address_id, a2, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, link, user_id, u1, address_id, a1, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, link, user_id, MISSING_ID, address_id, a2, NULL);

  delete_ok (f, "address", "id", a1);
  g_assert_cmpuint (count_rows (f, link, address_id, a1), ==, 0);
  g_assert_cmpuint (count_rows (f, link, user_id, u1), ==, 1);
}

static void
check_gallery_c2_link_table_pk (Fixture *f)
{
  const char *link = link_table (f, "user_address");
  const char *user_id = fk_column (f, link, "user");
  const char *address_id = fk_column (f, link, "address");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = insert_ok (f, "address", NULL);
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;

  /* The link row's own key is generated; the pair stays unique. */
  l1 = insert_ok (f, link, user_id, u1, address_id, a1, NULL);
  l2 = insert_ok (f, link, user_id, u2, address_id, a1, NULL);
  g_assert_cmpstr (l1, !=, "");
  g_assert_cmpstr (l2, !=, "");
  g_assert_cmpstr (l1, !=, l2);
  insert_rejected (f, VIOLATION_UNIQUE, link, user_id, u1, address_id, a1, NULL);
  insert_rejected (f, VIOLATION_NOT_NULL, link, user_id, u1, address_id, NULL, NULL);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, link, user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, link, user_id, u2), ==, 1);
}

static void
check_cars (Fixture *f)
{
  const char *brand_id = fk_column (f, "car_model", "car_brand");
  const char *model_id = fk_column (f, "car_info", "car_model");
  g_autofree char *brand = insert_ok (f, "car_brand", NULL);
  g_autofree char *model = insert_ok (f, "car_model", brand_id, brand, NULL);
  g_autofree char *car = insert_ok (f, "car_info", model_id, model, "price", "20000.00", NULL);
  g_autofree char *car_id = row_value (f, "car_info", "car_id", "id", car);

  insert_rejected (f, VIOLATION_UNIQUE, "car_info", model_id, model, "car_id", car_id, NULL);
  insert_rejected (f, VIOLATION_NOT_NULL, "car_info", model_id, NULL, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, "car_model", brand_id, MISSING_ID, NULL);

  /* A brand with models stays; a model takes its cars with it. */
  delete_rejected (f, "car_brand", "id", brand);
  g_assert_cmpuint (count_rows (f, "car_brand", "id", brand), ==, 1);
  delete_ok (f, "car_model", "id", model);
  g_assert_cmpuint (count_rows (f, "car_info", "id", car), ==, 0);
  delete_ok (f, "car_brand", "id", brand);
}

static void
check_school (Fixture *f)
{
  const char *link = link_table (f, "enrollment");
  const char *student_id = fk_column (f, link, "student");
  const char *course_id = fk_column (f, link, "course");
  g_autofree char *s1 = insert_ok (f, "student", NULL);
  g_autofree char *s2 = insert_ok (f, "student", NULL);
  g_autofree char *c1 = insert_ok (f, "course", NULL);
  g_autofree char *c2 = insert_ok (f, "course", NULL);
  g_autofree char *e1 = NULL;
  g_autofree char *e2 = NULL;
  g_autofree char *enrolled_at = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *credits = NULL;

  e1 = insert_ok (f, link, student_id, s1, course_id, c1, NULL);
  e2 = insert_ok (f, link, student_id, s2, course_id, c1, "grade", "A", NULL);

  /* The link attributes: a default fills enrolled_at, grade may stay empty. */
  enrolled_at = row_value (f, link, "enrolled_at", student_id, s1);
  g_assert_nonnull (enrolled_at);
  g_assert_cmpstr (enrolled_at, !=, "");
  grade = row_value (f, link, "grade", student_id, s1);
  g_assert_null (grade);
  credits = row_value (f, "course", "credits", "id", c1);
  g_assert_cmpstr (credits, ==, "3");

  insert_rejected (f, VIOLATION_UNIQUE, link, student_id, s1, course_id, c1, NULL);
  insert_rejected (f, VIOLATION_NOT_NULL, link, student_id, s1, course_id, c2, "enrolled_at", NULL, NULL);

  delete_ok (f, "course", "id", c1);
  g_assert_cmpuint (count_rows (f, link, course_id, c1), ==, 0);
}

static void
check_blog (Fixture *f)
{
  const char *profile_user = fk_column (f, "profile", "user");
  const char *author_id = fk_column (f, "post", "user");
  const char *post_tag = link_table (f, "post_tag");
  const char *membership = link_table (f, "membership");
  g_autofree char *u = insert_ok (f, "user", NULL);
  g_autofree char *other = insert_ok (f, "user", NULL);
  g_autofree char *profile = NULL;
  g_autofree char *post = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *group = NULL;
  g_autofree char *member = NULL;
  g_autofree char *tagged = NULL;

  g_assert_cmpstr (author_id, ==, "author_id");

  /* A profile needs its user, and a user has one profile at most. */
  insert_rejected (f, VIOLATION_NOT_NULL, "profile", profile_user, NULL, NULL);
  insert_rejected (f, VIOLATION_FOREIGN_KEY, "profile", profile_user, MISSING_ID, NULL);
  profile = insert_ok (f, "profile", profile_user, u, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, "profile", profile_user, u, NULL);

  post = insert_ok (f, "post", author_id, u, NULL);
  tag = insert_ok (f, "tag", NULL);
  tagged = insert_ok (f, post_tag, fk_column (f, post_tag, "post"), post,
                      fk_column (f, post_tag, "tag"), tag, NULL);
  group = insert_ok (f, "group", NULL);
  member = insert_ok (f, membership, fk_column (f, membership, "user"), u,
                      fk_column (f, membership, "group"), group, NULL);
  insert_rejected (f, VIOLATION_UNIQUE, membership, fk_column (f, membership, "user"), u,
                   fk_column (f, membership, "group"), group, NULL);

  /* Restrict: an author with posts cannot be deleted. */
  delete_rejected (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "user", "id", u), ==, 1);
  g_assert_cmpuint (count_rows (f, "profile", "id", profile), ==, 1);

  /* Cascade: the post's tags go with it, the user's profile and memberships with the user. */
  delete_ok (f, "post", "id", post);
  g_assert_cmpuint (count_rows (f, post_tag, fk_column (f, post_tag, "tag"), tag), ==, 0);
  delete_ok (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "profile", "id", profile), ==, 0);
  g_assert_cmpuint (count_rows (f, membership, "id", member), ==, 0);
  g_assert_cmpuint (count_rows (f, "group", "id", group), ==, 1);
  g_assert_cmpuint (count_rows (f, "user", "id", other), ==, 1);
}

typedef struct
{
  const char *example;
  void      (*check) (Fixture *f);
} Behaviour;

static const Behaviour behaviours[] = {
  { "gallery-a1-merged", check_gallery_a1_merged },
  { "gallery-a2-shared-pk", check_gallery_a2_shared_pk },
  { "gallery-a3-unique-fk", check_gallery_a3_unique_fk },
  { "gallery-b1-fk", check_gallery_b1_fk },
  { "gallery-b2-link-table", check_gallery_b2_link_table },
  { "gallery-c1-link-table", check_gallery_c1_link_table },
  { "gallery-c2-link-table-pk", check_gallery_c2_link_table_pk },
  { "cars", check_cars },
  { "school", check_school },
  { "blog", check_blog },
};

static void
test_behaviour (gconstpointer data)
{
  const Behaviour *behaviour = data;
  g_autoptr(Fixture) f = fixture_new (behaviour->example);

  if (f != NULL)
    behaviour->check (f);
}

/* The cluster answers on its socket, as the postgres superuser. */
static void
test_cluster (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *user = NULL;
  PGconn *conn;
  PGresult *result;

  if (!cluster_available ())
    return;

  conninfo = cardinal_test_pg_conninfo (cluster, NULL);
  g_assert_cmpint (PQping (conninfo), ==, PQPING_OK);
  conn = PQconnectdb (conninfo);
  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, "SELECT current_user");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  user = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  PQfinish (conn);
  g_assert_cmpstr (user, ==, "postgres");
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) names = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/postgresql/cluster", test_cluster);

  names = cardinal_test_example_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/postgresql/catalogue/%s", names[i]);

      g_test_add_data_func (path, names[i], test_catalogue);
    }

  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    {
      g_autofree char *path = g_strdup_printf ("/postgresql/behaviour/%s", behaviours[i].example);

      g_test_add_data_func (path, &behaviours[i], test_behaviour);
    }

  cluster = cardinal_test_pg_start (&cluster_error);
  if (cluster != NULL)
    {
      signal (SIGABRT, stop_cluster_on_signal);
      signal (SIGTRAP, stop_cluster_on_signal);
      signal (SIGTERM, stop_cluster_on_signal);
      signal (SIGINT, stop_cluster_on_signal);
    }

  status = g_test_run ();

  signal (SIGABRT, SIG_DFL);
  signal (SIGTRAP, SIG_DFL);
  signal (SIGTERM, SIG_DFL);
  signal (SIGINT, SIG_DFL);
  g_clear_pointer (&cluster, cardinal_test_pg_stop);
  g_clear_error (&cluster_error);

  return status;
}
