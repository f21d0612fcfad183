/* test-sqlite.c: every example's DDL on a real SQLite database: the catalogue read back, and the constraints by behaviour. */
#include <stdarg.h>
#include <string.h>

#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-test-support.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"

/* An id that no example row ever gets: the rows here number in the tens. */
#define MISSING_ID "999999"

typedef struct
{
  CardinalModel  *model;
  CardinalSchema *schema;
  sqlite3        *db;
  guint           serial;  /* keeps generated values distinct, for UNIQUE columns */
  char           *last_error;
} Fixture;

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

static Fixture *
fixture_new (const char *name)
{
  Fixture *f = g_new0 (Fixture, 1);
  g_autofree char *ddl = NULL;
  char *message = NULL;
  int rc;

  f->model = cardinal_test_load_example (name);
  assert_no_validation_errors (name, f->model);
  f->schema = cardinal_engineer (f->model);
  ddl = cardinal_ddl_render (f->schema, CARDINAL_DIALECT_SQLITE);

  rc = sqlite3_open (":memory:", &f->db);
  g_assert_cmpint (rc, ==, SQLITE_OK);
  sqlite3_extended_result_codes (f->db, 1);
  rc = sqlite3_exec (f->db, "PRAGMA foreign_keys = ON", NULL, NULL, &message);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  rc = sqlite3_exec (f->db, ddl, NULL, NULL, &message);
  if (rc != SQLITE_OK)
    g_test_message ("DDL that failed:\n%s", ddl);
  g_assert_cmpstr (message, ==, NULL);
  g_assert_cmpint (rc, ==, SQLITE_OK);

  return f;
}

static void
fixture_free (Fixture *f)
{
  sqlite3_close (f->db);
  g_free (f->last_error);
  cardinal_schema_free (f->schema);
  cardinal_model_free (f->model);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* Statements with bound parameters */

static sqlite3_stmt *
prepare (Fixture    *f,
         const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (f->db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    g_error ("cannot prepare %s: %s", sql, sqlite3_errmsg (f->db));
  return stmt;
}

/* Binds @params (a NULL element is SQL NULL) and steps to the end. Returns
 * the final result code and, when @first_value is given, the first column
 * of the first row. */
static int
run (Fixture     *f,
     const char  *sql,
     guint        n_params,
     const char **params,
     char       **first_value)
{
  sqlite3_stmt *stmt = prepare (f, sql);
  gboolean have_row = FALSE;
  int rc;

  for (guint i = 0; i < n_params; i++)
    {
      if (params[i] == NULL)
        sqlite3_bind_null (stmt, (int) i + 1);
      else
        sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!have_row && first_value != NULL)
        {
          const unsigned char *text = sqlite3_column_text (stmt, 0);

          *first_value = text != NULL ? g_strdup ((const char *) text) : NULL;
        }
      have_row = TRUE;
    }
  g_clear_pointer (&f->last_error, g_free);
  if (rc != SQLITE_DONE)
    {
      f->last_error = g_strdup (sqlite3_errmsg (f->db));
      g_test_message ("%s: %s", sql, f->last_error);
      if (first_value != NULL)
        g_clear_pointer (first_value, g_free);
    }

  sqlite3_finalize (stmt);
  return rc;
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
                  int         rc,
                  Violation   expected,
                  const char *table)
{
  gboolean matches;

  switch (expected)
    {
    case VIOLATION_NOT_NULL:
      matches = rc == SQLITE_CONSTRAINT_NOTNULL;
      break;
    case VIOLATION_UNIQUE:
      matches = rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY;
      break;
    case VIOLATION_FOREIGN_KEY:
    default:
      /* RESTRICT fails with another extended code, naming the foreign key in its message. */
      matches = rc == SQLITE_CONSTRAINT_FOREIGNKEY
                || ((rc & 0xff) == SQLITE_CONSTRAINT && f->last_error != NULL
                    && strstr (f->last_error, "FOREIGN KEY") != NULL);
      break;
    }

  if (rc == SQLITE_DONE)
    g_error ("%s: expected a %s violation, but the change was accepted", table,
             violation_to_string (expected));
  if (!matches)
    g_error ("%s: expected a %s violation, got: %s", table,
             violation_to_string (expected),
             f->last_error != NULL ? f->last_error : sqlite3_errstr (rc));
}

static void
assert_accepted (Fixture    *f,
                 int         rc,
                 const char *table)
{
  if (rc != SQLITE_DONE)
    g_error ("%s: expected the change to be accepted, got: %s", table,
             f->last_error != NULL ? f->last_error : sqlite3_errstr (rc));
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

/* Column names of an index, in index order. */
static GStrv
index_columns (Fixture    *f,
               const char *index_name)
{
  sqlite3_stmt *stmt = prepare (f, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  sqlite3_bind_text (stmt, 1, index_name, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return g_strv_builder_end (builder);
}

static void
check_table_names (Fixture *f)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new ();
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  sqlite3_stmt *stmt;

  for (guint i = 0; i < f->schema->tables->len; i++)
    g_ptr_array_add (expected, ((CardinalTable *) g_ptr_array_index (f->schema->tables, i))->name);

  stmt = prepare (f, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                     "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'");
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (actual, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);

  expected_text = join_sorted (expected);
  actual_text = join_sorted (actual);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/* Columns in order, each as "name TYPE not-null default autoincrement", plus the primary key. */
static void
check_columns (Fixture             *f,
               const CardinalTable *table)
{
  g_autoptr(GString) expected = g_string_new ("");
  g_autoptr(GString) actual = g_string_new ("");
  g_autoptr(GPtrArray) pk = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_pk = NULL;
  g_autofree char *actual_pk = NULL;
  g_autofree char *table_sql = NULL;
  sqlite3_stmt *stmt;
  const char *rowid_column = NULL;
  gboolean has_autoincrement;

  stmt = prepare (f, "SELECT sql FROM sqlite_schema WHERE type = 'table' AND name = ?1");
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_TRANSIENT);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  table_sql = g_ascii_strup ((const char *) sqlite3_column_text (stmt, 0), -1);
  sqlite3_finalize (stmt);
  has_autoincrement = strstr (table_sql, "AUTOINCREMENT") != NULL;

  /* A single-column key declared exactly INTEGER is SQLite's rowid: never
   * NULL whatever its declaration, and the only column AUTOINCREMENT can be. */
  if (g_strv_length (table->primary_key) == 1)
    {
      const CardinalColumn *key = cardinal_table_find_column (table, table->primary_key[0]);

      if (key != NULL && key->autoincrement)
        rowid_column = key->name;
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *type = NULL;
      g_autofree char *upper = NULL;

      if (g_strcmp0 (column->name, rowid_column) == 0)
        type = g_strdup ("INTEGER");
      else
        type = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_SQLITE);
      upper = g_ascii_strup (type, -1);
      g_string_append_printf (expected, "%s %s%s%s%s\n", column->name, upper,
                              column->nullable ? "" : " not-null",
                              column->default_value != NULL ? " default" : "",
                              column->autoincrement ? " autoincrement" : "");
    }

  stmt = prepare (f, "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_info(?1) ORDER BY cid");
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *type = g_ascii_strup ((const char *) sqlite3_column_text (stmt, 1), -1);
      int pk_position = sqlite3_column_int (stmt, 4);
      gboolean rowid = g_strcmp0 (name, rowid_column) == 0 && g_str_equal (type, "INTEGER");
      gboolean not_null = sqlite3_column_int (stmt, 2) != 0 || rowid;

      g_string_append_printf (actual, "%s %s%s%s%s\n", name, type,
                              not_null ? " not-null" : "",
                              sqlite3_column_type (stmt, 3) != SQLITE_NULL ? " default" : "",
                              rowid && has_autoincrement ? " autoincrement" : "");
      if (pk_position > 0)
        {
          if (pk->len < (guint) pk_position)
            g_ptr_array_set_size (pk, pk_position);
          g_ptr_array_index (pk, pk_position - 1) = g_strdup (name);
        }
    }
  sqlite3_finalize (stmt);

  g_assert_cmpstr (actual->str, ==, expected->str);

  g_ptr_array_add (pk, NULL);
  actual_pk = g_strjoinv (",", (char **) pk->pdata);
  expected_pk = g_strjoinv (",", table->primary_key);
  g_assert_cmpstr (actual_pk, ==, expected_pk);
}

/* Each foreign key as "cols -> table(cols) ON DELETE action". */
static void
check_foreign_keys (Fixture             *f,
                    const CardinalTable *table)
{
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  g_autoptr(GString) current = NULL;
  g_autoptr(GString) from = NULL;
  g_autoptr(GString) to = NULL;
  g_autofree char *ref_table = NULL;
  g_autofree char *on_delete = NULL;
  sqlite3_stmt *stmt;
  int current_id = -1;

  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);
      g_autofree char *columns = g_strjoinv (",", fk->columns);
      g_autofree char *ref_columns = g_strjoinv (",", fk->ref_columns);

      g_ptr_array_add (expected, g_strdup_printf ("%s -> %s(%s) ON DELETE %s", columns,
                                                  fk->ref_table, ref_columns,
                                                  on_delete_sql (fk->on_delete)));
    }

  from = g_string_new ("");
  to = g_string_new ("");
  stmt = prepare (f, "SELECT id, \"table\", \"from\", \"to\", on_delete "
                     "FROM pragma_foreign_key_list(?1) ORDER BY id, seq");
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_TRANSIENT);
  for (;;)
    {
      gboolean have_row = sqlite3_step (stmt) == SQLITE_ROW;
      int id = have_row ? sqlite3_column_int (stmt, 0) : -2;

      if (id != current_id && current_id != -1)
        {
          g_ptr_array_add (actual, g_strdup_printf ("%s -> %s(%s) ON DELETE %s", from->str,
                                                    ref_table, to->str, on_delete));
          g_string_truncate (from, 0);
          g_string_truncate (to, 0);
        }
      if (!have_row)
        break;

      current_id = id;
      g_free (ref_table);
      ref_table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      g_free (on_delete);
      on_delete = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      if (from->len > 0)
        {
          g_string_append_c (from, ',');
          g_string_append_c (to, ',');
        }
      g_string_append (from, (const char *) sqlite3_column_text (stmt, 2));
      /* A reference without a column list means the referenced primary key;
       * the DDL is expected to name the columns. */
      g_string_append (to, sqlite3_column_type (stmt, 3) == SQLITE_NULL
                           ? "(primary key)" : (const char *) sqlite3_column_text (stmt, 3));
    }
  sqlite3_finalize (stmt);

  expected_text = join_sorted (expected);
  actual_text = join_sorted (actual);
  g_assert_cmpstr (actual_text, ==, expected_text);
}

/* UNIQUE constraints by their column sets; named indexes by name, columns and uniqueness. */
static void
check_indexes (Fixture             *f,
               const CardinalTable *table)
{
  g_autoptr(GPtrArray) expected_unique = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_unique = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) expected_named = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) actual_named = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *expected_text = NULL;
  g_autofree char *actual_text = NULL;
  sqlite3_stmt *stmt;

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

  stmt = prepare (f, "SELECT name, \"unique\", origin FROM pragma_index_list(?1)");
  sqlite3_bind_text (stmt, 1, table->name, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      gboolean unique = sqlite3_column_int (stmt, 1) != 0;
      const char *origin = (const char *) sqlite3_column_text (stmt, 2);
      g_auto(GStrv) columns = index_columns (f, name);

      if (g_str_equal (origin, "pk"))
        continue;
      if (unique)
        g_ptr_array_add (actual_unique, sorted_columns ((const char * const *) columns));
      if (g_str_equal (origin, "c"))
        {
          g_autofree char *joined = g_strjoinv (",", columns);

          g_ptr_array_add (actual_named, g_strdup_printf ("%s(%s)%s", name, joined,
                                                          unique ? " unique" : ""));
        }
    }
  sqlite3_finalize (stmt);

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

  g_assert_cmpuint (f->schema->tables->len, >, 0);
  check_table_names (f);
  for (guint i = 0; i < f->schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (f->schema->tables, i);

      check_columns (f, table);
      check_foreign_keys (f, table);
      check_indexes (f, table);
    }

  /* Nothing the DDL created may already be inconsistent. */
  {
    g_autofree char *problem = NULL;

    g_assert_cmpint (run (f, "PRAGMA foreign_key_check", 0, NULL, &problem), ==, SQLITE_DONE);
    g_assert_cmpstr (problem, ==, NULL);
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
      return g_strdup ("1");
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
    case CARDINAL_TYPE_BYTES:
    case CARDINAL_TYPE_RAW:
    default:
      return g_strdup_printf ("value %u", n);
    }
}

/* Inserts into @table the column/value pairs in @args (a NULL value is SQL
 * NULL) plus a sample value for every other NOT NULL column that has no
 * default and is not generated. Returns the result code; @key_out gets the
 * new row's primary key when it is a single column. */
static int
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
  int rc;

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
        g_string_append_printf (sql, "%s?%u", i > 0 ? ", " : "", i + 1);
      g_string_append_c (sql, ')');
    }
  if (g_strv_length (table->primary_key) == 1)
    {
      g_string_append (sql, " RETURNING ");
      cardinal_identifier_append_quoted (sql, table->primary_key[0]);
    }

  rc = run (f, sql->str, values->len, (const char **) values->pdata,
            g_strv_length (table->primary_key) == 1 ? key_out : NULL);
  return rc;
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
  int rc;

  va_start (args, table);
  rc = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_accepted (f, rc, table);
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
  int rc;

  va_start (args, table);
  rc = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_violation (f, rc, expected, table);
}

static int
delete_rows (Fixture    *f,
             const char *table,
             const char *column,
             const char *value)
{
  g_autoptr(GString) sql = g_string_new ("DELETE FROM ");

  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, column);
  g_string_append (sql, " = ?1");
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

/* The value of @column in the row of @table where @key_column = @key (NULL for SQL NULL). */
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
  g_string_append (sql, " FROM ");
  cardinal_identifier_append_quoted (sql, table);
  g_string_append (sql, " WHERE ");
  cardinal_identifier_append_quoted (sql, key_column);
  g_string_append (sql, " = ?1");
  g_assert_cmpint (run (f, sql->str, 1, &key, &value), ==, SQLITE_DONE);
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
  g_string_append (sql, " = ?1");
  g_assert_cmpint (run (f, sql->str, 1, &value, &count), ==, SQLITE_DONE);
  return (guint) g_ascii_strtoull (count, NULL, 10);
}

/* Behaviour of each example's constraints. The bodies below are the same in test-postgresql.c. */

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

  behaviour->check (f);
}

int
main (int   argc,
      char *argv[])
{
  g_auto(GStrv) names = NULL;

  g_test_init (&argc, &argv, NULL);

  names = cardinal_test_example_names ();
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_strdup_printf ("/sqlite/catalogue/%s", names[i]);

      g_test_add_data_func (path, names[i], test_catalogue);
    }

  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    {
      g_autofree char *path = g_strdup_printf ("/sqlite/behaviour/%s", behaviours[i].example);

      g_test_add_data_func (path, &behaviours[i], test_behaviour);
    }

  return g_test_run ();
}
