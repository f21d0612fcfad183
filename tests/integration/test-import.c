/* test-import.c: reflecting SQLite files, live PostgreSQL and .sql files back into tables, and every way that can go wrong. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>
#include <sys/socket.h>
#include <netinet/in.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-reflect.h"
#include "cardinal-test-db.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-schema.h"
#include "cardinal-test-support.h"

static char *scratch_dir;

/* Comparison ------------------------------------------------------------------ */

static char *
join (GStrv columns)
{
  g_autofree char *joined = g_strjoinv (", ", columns);

  return g_strdup_printf ("(%s)", joined);
}

/* Catalogue types are compared by meaning: "varchar(20)" = "VARCHAR(20)". */
static gboolean
same_type (const char *expected,
           const char *actual)
{
  CardinalType a, b;

  if (g_ascii_strcasecmp (expected, actual) == 0)
    return TRUE;
  if (!cardinal_type_parse (expected, &a, NULL) || !cardinal_type_parse (actual, &b, NULL))
    return FALSE;
  if (a.base == CARDINAL_TYPE_RAW || b.base == CARDINAL_TYPE_RAW)
    return FALSE;
  return a.base == b.base && a.length == b.length && a.precision == b.precision
         && (a.scale == b.scale || (a.scale <= 0 && b.scale <= 0));
}

static gboolean
same_set (GStrv a,
          GStrv b)
{
  if (g_strv_length (a) != g_strv_length (b))
    return FALSE;
  for (guint i = 0; a[i] != NULL; i++)
    if (!g_strv_contains ((const char * const *) b, a[i]))
      return FALSE;
  return TRUE;
}

static const CardinalForeignKey *
find_fk (const CardinalTable      *table,
         const CardinalForeignKey *like)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (g_strv_equal ((const char * const *) fk->columns, (const char * const *) like->columns)
          && g_strcmp0 (fk->ref_table, like->ref_table) == 0)
        return fk;
    }
  return NULL;
}

/* REFERENCES t without columns means t's primary key. */
static GStrv
referenced_columns (const CardinalSchema     *schema,
                    const CardinalForeignKey *fk)
{
  const CardinalTable *table;

  if (fk->ref_columns != NULL && fk->ref_columns[0] != NULL)
    return fk->ref_columns;
  table = cardinal_schema_find_table (schema, fk->ref_table);
  return table != NULL ? table->primary_key : fk->ref_columns;
}

typedef enum
{
  COMPARE_FK_NAMES = 1 << 0,   /* SQLite keeps a name only when the DDL wrote one */
  COMPARE_DEFAULT_TEXT = 1 << 1,
  COMPARE_CHECK_TEXT = 1 << 2,
  COMPARE_REFLECTED = 1 << 3,  /* @actual comes from a reflector: entity set, relationship unset */
} CompareFlags;

/* The first difference between what was expected and what was read, in words. */
static char *
compare_schemas (const CardinalSchema *expected,
                 const CardinalSchema *actual,
                 CompareFlags          flags)
{
  if (expected->tables->len != actual->tables->len)
    return g_strdup_printf ("expected %u tables, read %u", expected->tables->len, actual->tables->len);

  for (guint t = 0; t < expected->tables->len; t++)
    {
      const CardinalTable *e = g_ptr_array_index (expected->tables, t);
      const CardinalTable *a = cardinal_schema_find_table (actual, e->name);

      if (a == NULL)
        return g_strdup_printf ("table \"%s\": not read", e->name);
      if ((flags & COMPARE_REFLECTED) && (g_strcmp0 (a->entity, a->name) != 0 || a->relationship != NULL))
        return g_strdup_printf ("table \"%s\": entity should be the table name and relationship unset", e->name);
      if (g_strcmp0 (e->comment, a->comment) != 0)
        return g_strdup_printf ("table \"%s\": expected the comment \"%s\", read \"%s\"", e->name, e->comment, a->comment);
      if (e->columns->len != a->columns->len)
        return g_strdup_printf ("table \"%s\": expected %u columns, read %u", e->name, e->columns->len, a->columns->len);

      for (guint c = 0; c < e->columns->len; c++)
        {
          const CardinalColumn *ec = g_ptr_array_index (e->columns, c);
          const CardinalColumn *ac = g_ptr_array_index (a->columns, c);

          if (g_strcmp0 (ec->name, ac->name) != 0)
            return g_strdup_printf ("table \"%s\": column %u: expected \"%s\", read \"%s\"", e->name, c + 1, ec->name, ac->name);
          if (!same_type (ec->type, ac->type))
            return g_strdup_printf ("table \"%s\": column \"%s\": expected type %s, read %s", e->name, ec->name, ec->type, ac->type);
          if (ec->nullable != ac->nullable)
            return g_strdup_printf ("table \"%s\": column \"%s\": expected %s, read %s", e->name, ec->name,
                                    ec->nullable ? "NULL" : "NOT NULL", ac->nullable ? "NULL" : "NOT NULL");
          if (ec->autoincrement != ac->autoincrement)
            return g_strdup_printf ("table \"%s\": column \"%s\": expected %s, read %s", e->name, ec->name,
                                    ec->autoincrement ? "autoincrement" : "no autoincrement",
                                    ac->autoincrement ? "autoincrement" : "none");
          /* An identity is the column's default in PostgreSQL. */
          if (!ec->autoincrement && (ec->default_value == NULL) != (ac->default_value == NULL))
            return g_strdup_printf ("table \"%s\": column \"%s\": expected DEFAULT %s, read %s", e->name, ec->name,
                                    ec->default_value ? ec->default_value : "none", ac->default_value ? ac->default_value : "none");
          if ((flags & COMPARE_DEFAULT_TEXT) && !ec->autoincrement && g_strcmp0 (ec->default_value, ac->default_value) != 0)
            return g_strdup_printf ("table \"%s\": column \"%s\": expected DEFAULT %s, read DEFAULT %s", e->name, ec->name,
                                    ec->default_value, ac->default_value);
          if (g_strcmp0 (ec->comment, ac->comment) != 0)
            return g_strdup_printf ("table \"%s\": column \"%s\": expected the comment \"%s\", read \"%s\"", e->name, ec->name,
                                    ec->comment, ac->comment);
        }

      if (!g_strv_equal ((const char * const *) e->primary_key, (const char * const *) a->primary_key))
        {
          g_autofree char *ek = join (e->primary_key);
          g_autofree char *ak = join (a->primary_key);

          return g_strdup_printf ("table \"%s\": expected PRIMARY KEY %s, read %s", e->name, ek, ak);
        }

      if (e->uniques->len != a->uniques->len)
        return g_strdup_printf ("table \"%s\": expected %u UNIQUE constraints, read %u", e->name, e->uniques->len, a->uniques->len);
      for (guint u = 0; u < e->uniques->len; u++)
        {
          gboolean found = FALSE;

          for (guint k = 0; k < a->uniques->len && !found; k++)
            found = same_set ((GStrv) ((const CardinalUnique *) g_ptr_array_index (e->uniques, u))->columns, (GStrv) ((const CardinalUnique *) g_ptr_array_index (a->uniques, k))->columns);
          if (!found)
            {
              g_autofree char *columns = join ((GStrv) ((const CardinalUnique *) g_ptr_array_index (e->uniques, u))->columns);

              return g_strdup_printf ("table \"%s\": UNIQUE %s not read", e->name, columns);
            }
        }

      if (e->foreign_keys->len != a->foreign_keys->len)
        return g_strdup_printf ("table \"%s\": expected %u foreign keys, read %u", e->name,
                                e->foreign_keys->len, a->foreign_keys->len);
      for (guint f = 0; f < e->foreign_keys->len; f++)
        {
          const CardinalForeignKey *ef = g_ptr_array_index (e->foreign_keys, f);
          const CardinalForeignKey *af = find_fk (a, ef);
          g_autofree char *columns = join (ef->columns);

          if (af == NULL)
            return g_strdup_printf ("table \"%s\": foreign key %s -> \"%s\" not read", e->name, columns, ef->ref_table);
          if (!g_strv_equal ((const char * const *) referenced_columns (expected, ef),
                             (const char * const *) referenced_columns (actual, af)))
            {
              g_autofree char *er = join (referenced_columns (expected, ef));
              g_autofree char *ar = join (referenced_columns (actual, af));

              return g_strdup_printf ("table \"%s\": foreign key %s: expected to reference %s, read %s", e->name, columns, er, ar);
            }
          if (ef->on_delete != af->on_delete)
            return g_strdup_printf ("table \"%s\": foreign key %s: expected ON DELETE %s, read %s", e->name, columns,
                                    cardinal_on_delete_to_string (ef->on_delete), cardinal_on_delete_to_string (af->on_delete));
          if ((flags & COMPARE_FK_NAMES) && g_strcmp0 (ef->name, af->name) != 0)
            return g_strdup_printf ("table \"%s\": foreign key %s: expected the name \"%s\", read \"%s\"", e->name, columns,
                                    ef->name, af->name);
        }

      if (e->indexes->len != a->indexes->len)
        return g_strdup_printf ("table \"%s\": expected %u indexes, read %u", e->name, e->indexes->len, a->indexes->len);
      for (guint i = 0; i < e->indexes->len; i++)
        {
          const CardinalIndex *ei = g_ptr_array_index (e->indexes, i);
          const CardinalIndex *ai = cardinal_test_find_index (a, ei->name);

          if (ai == NULL)
            return g_strdup_printf ("table \"%s\": index \"%s\" not read", e->name, ei->name);
          if (!g_strv_equal ((const char * const *) ei->columns, (const char * const *) ai->columns) || ei->unique != ai->unique)
            return g_strdup_printf ("table \"%s\": index \"%s\" read with other columns or uniqueness", e->name, ei->name);
        }

      if (e->checks->len != a->checks->len)
        return g_strdup_printf ("table \"%s\": expected %u CHECK constraints, read %u", e->name, e->checks->len, a->checks->len);
      for (guint i = 0; (flags & COMPARE_CHECK_TEXT) && i < e->checks->len; i++)
        if (g_strcmp0 (((const CardinalCheck *) g_ptr_array_index (e->checks, i))->expression,
                       ((const CardinalCheck *) g_ptr_array_index (a->checks, i))->expression) != 0)
          return g_strdup_printf ("table \"%s\": expected CHECK (%s), read CHECK (%s)", e->name,
                                  ((const CardinalCheck *) g_ptr_array_index (e->checks, i))->expression,
                                  ((const CardinalCheck *) g_ptr_array_index (a->checks, i))->expression);
    }
  return NULL;
}

/* Helpers ---------------------------------------------------------------------- */

static CardinalSchema *
engineer_example (const char *name)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example (name);

  return cardinal_engineer (model);
}

/* An SQLite file made from @sql, in the scratch directory. */
static char *
sqlite_file_from (const char *basename,
                  const char *sql)
{
  char *path = g_build_filename (scratch_dir, basename, NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", basename, message);
  sqlite3_close (db);
  return path;
}

/* A new database on the cluster holding @sql; returns its conninfo. */
static char *
postgresql_database_from (const char *sql)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  PGconn *conn = cardinal_test_pg_new_database (cardinal_test_pg_suite (), &dbname, &error);
  PGresult *result;

  g_assert_no_error (error);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_error ("%s", PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
  return cardinal_test_pg_conninfo (cardinal_test_pg_suite (), dbname);
}

/* The database of a conninfo from cardinal_test_pg_conninfo(). */
static char *
dbname_of (const char *conninfo)
{
  const char *start = strstr (conninfo, "dbname='");

  g_assert_nonnull (start);
  start += strlen ("dbname='");
  return g_strndup (start, strcspn (start, "'"));
}

static void
run_postgresql (const char *conninfo,
                const char *sql)
{
  PGconn *conn = PQconnectdb (conninfo);
  PGresult *result;

  g_assert_cmpint (PQstatus (conn), ==, CONNECTION_OK);
  result = PQexec (conn, sql);
  if (PQresultStatus (result) != PGRES_COMMAND_OK && PQresultStatus (result) != PGRES_TUPLES_OK)
    g_error ("%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  PQfinish (conn);
}

static void
assert_no_difference (const char *what,
                      char       *difference)
{
  if (difference != NULL)
    g_error ("%s: %s", what, difference);
}

/* Reading the examples back ------------------------------------------------------ */

static void
test_sqlite_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  g_assert_cmpuint (g_strv_length (names), >, 0);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalSchema) engineered = engineer_example (names[i]);
      g_autofree char *ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_SQLITE);
      g_autofree char *basename = g_strdup_printf ("%s.db", names[i]);
      g_autofree char *path = sqlite_file_from (basename, ddl);
      g_autofree char *before = NULL;
      g_autofree char *after = NULL;
      gsize before_length, after_length;
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalSchema) reflected = NULL;

      g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
      reflected = cardinal_reflect_sqlite_file (path, NULL, &error);
      g_assert_no_error (error);
      assert_no_difference (names[i], compare_schemas (engineered, reflected, COMPARE_FK_NAMES | COMPARE_DEFAULT_TEXT
                                                       | COMPARE_CHECK_TEXT | COMPARE_REFLECTED));
      /* Read-only: not a byte changes. */
      g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
      g_assert_cmpmem (before, before_length, after, after_length);
    }
}

static void
test_postgresql_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  if (cardinal_test_pg_suite () == NULL)
    return;
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalSchema) engineered = engineer_example (names[i]);
      g_autofree char *ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_POSTGRESQL);
      g_autofree char *conninfo = postgresql_database_from (ddl);
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalSchema) reflected = cardinal_reflect_postgresql (conninfo, NULL, NULL, NULL, &error);

      g_assert_no_error (error);
      assert_no_difference (names[i], compare_schemas (engineered, reflected, COMPARE_FK_NAMES | COMPARE_REFLECTED));
    }
}

/* .sql files ------------------------------------------------------------------------ */

/* .sql → reflect → DDL → database has the catalogue that the .sql loaded directly gives. */
static void
check_sql_round_trip (const char      *what,
                      const char      *sql,
                      CardinalDialect  dialect)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) reflected = NULL;
  g_autoptr(CardinalTestDb) direct = NULL;
  g_autoptr(CardinalTestDb) through = NULL;
  g_autoptr(CardinalSchema) direct_catalogue = NULL;
  g_autoptr(CardinalSchema) through_catalogue = NULL;
  g_autofree char *ddl = NULL;

  reflected = cardinal_reflect_sql (sql, what, dialect, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  ddl = cardinal_ddl_render (reflected, dialect);

  if (dialect == CARDINAL_DIALECT_SQLITE)
    {
      direct = cardinal_test_db_sqlite_new (&error);
      g_assert_no_error (error);
      through = cardinal_test_db_sqlite_new (&error);
    }
  else
    {
      direct = cardinal_test_db_postgresql_new (cardinal_test_pg_suite (), &error);
      g_assert_no_error (error);
      through = cardinal_test_db_postgresql_new (cardinal_test_pg_suite (), &error);
    }
  g_assert_no_error (error);

  cardinal_test_db_execute (direct, sql, &error);
  g_assert_no_error (error);
  if (!cardinal_test_db_execute (through, ddl, &error))
    g_error ("%s: the DDL of the reflected schema does not load: %s\n%s", what, error->message, ddl);

  direct_catalogue = cardinal_test_db_read_catalogue (direct, &error);
  g_assert_no_error (error);
  through_catalogue = cardinal_test_db_read_catalogue (through, &error);
  g_assert_no_error (error);
  /* Both sides are catalogues: names, defaults and check texts as the database prints them. */
  assert_no_difference (what, compare_schemas (direct_catalogue, through_catalogue,
                                               dialect == CARDINAL_DIALECT_POSTGRESQL
                                               ? COMPARE_FK_NAMES | COMPARE_DEFAULT_TEXT : COMPARE_DEFAULT_TEXT));
}

static void
test_sql_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalSchema) engineered = engineer_example (names[i]);

      for (int d = 0; d < 2; d++)
        {
          CardinalDialect dialect = d == 0 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
          g_autofree char *ddl = cardinal_ddl_render (engineered, dialect);
          g_autofree char *what = g_strdup_printf ("%s.%s.sql", names[i], cardinal_dialect_to_string (dialect));
          g_autoptr(GError) error = NULL;
          g_autoptr(CardinalSchema) detected = NULL;

          /* Cardinal's own header tells the dialect. */
          g_assert_cmpint (cardinal_reflect_sql_detect_dialect (ddl), ==,
                           d == 0 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL);
          detected = cardinal_reflect_sql (ddl, what, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);
          g_assert_no_error (error);
          /* Read straight from the text, the schema is the engineered one. */
          assert_no_difference (what, compare_schemas (engineered, detected,
                                                       COMPARE_FK_NAMES | COMPARE_DEFAULT_TEXT | COMPARE_CHECK_TEXT
                                                       | COMPARE_REFLECTED));

          if (dialect == CARDINAL_DIALECT_SQLITE || cardinal_test_pg_suite () != NULL)
            check_sql_round_trip (what, ddl, dialect);
        }
    }
}

static char *
read_data_file (const char *name)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", name, NULL);
  g_autoptr(GError) error = NULL;
  char *contents = NULL;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  return contents;
}

/* A hand-written PostgreSQL file in the style of pg_dump and of people. */
static void
test_sql_postgresql_file (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "import", "shop.postgresql.sql", NULL);
  g_autofree char *sql = read_data_file ("shop.postgresql.sql");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = cardinal_reflect_source_full (path, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, NULL,
                                                                   &notes, NULL, &error);
  const CardinalTable *customer, *orders, *line;
  const CardinalColumn *column;
  const CardinalForeignKey *fk;

  g_assert_no_error (error);
  g_assert_cmpint (cardinal_reflect_sql_detect_dialect (sql), ==, CARDINAL_DIALECT_POSTGRESQL);

  customer = cardinal_schema_find_table (schema, "customer");
  orders = cardinal_schema_find_table (schema, "orders");
  line = cardinal_schema_find_table (schema, "order_line");
  g_assert_nonnull (customer);
  g_assert_nonnull (orders);
  g_assert_nonnull (line);

  /* serial and identity are autoincrement without a default of their own. */
  column = cardinal_table_find_column (customer, "id");
  g_assert_true (column->autoincrement);
  g_assert_null (column->default_value);
  g_assert_false (column->nullable);
  column = cardinal_table_find_column (orders, "id");
  g_assert_true (column->autoincrement);
  g_assert_cmpstr (cardinal_table_find_column (customer, "email")->type, ==, "varchar(200)");
  g_assert_cmpstr (cardinal_table_find_column (customer, "email")->comment, ==, "Where receipts go");
  g_assert_cmpstr (customer->comment, ==, "Someone who buys");
  g_assert_cmpstr (cardinal_table_find_column (customer, "mood")->type, ==, "mood");
  g_assert_cmpstr (cardinal_table_find_column (customer, "profile")->type, ==, "json");
  g_assert_cmpstr (cardinal_table_find_column (customer, "score")->type, ==, "double");
  g_assert_cmpstr (cardinal_table_find_column (orders, "total")->type, ==, "numeric(10,2)");
  g_assert_cmpstr (cardinal_table_find_column (orders, "status")->default_value, ==, "'new'");
  g_assert_cmpstr (cardinal_table_find_column (orders, "placed_at")->default_value, ==, "now()");
  g_assert_cmpuint (orders->checks->len, ==, 1);
  g_assert_cmpstr (((const CardinalCheck *) g_ptr_array_index (orders->checks, 0))->expression, ==, "total >= 0");

  /* The FK added afterwards with ALTER TABLE, with its action. */
  g_assert_cmpuint (orders->foreign_keys->len, ==, 1);
  fk = g_ptr_array_index (orders->foreign_keys, 0);
  g_assert_cmpstr (fk->name, ==, "orders_customer_fk");
  g_assert_cmpstr (fk->ref_table, ==, "customer");
  g_assert_cmpstr (fk->ref_columns[0], ==, "id");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpuint (line->foreign_keys->len, ==, 2);
  g_assert_cmpuint (g_strv_length (line->primary_key), ==, 2);
  g_assert_cmpuint (line->indexes->len, ==, 1);
  g_assert_cmpuint (customer->uniques->len, ==, 1);

  /* Tables of another schema: bare names unless they clash. */
  g_assert_nonnull (cardinal_schema_find_table (schema, "invoice"));
  g_assert_nonnull (cardinal_schema_find_table (schema, "public.note"));
  g_assert_nonnull (cardinal_schema_find_table (schema, "billing.note"));

  /* What is not schema is skipped with a note. */
  g_assert_nonnull (notes);
  {
    gboolean skipped = FALSE;

    for (guint i = 0; i < notes->len; i++)
      skipped = skipped || strstr (g_ptr_array_index (notes, i), "VariableSetStmt") != NULL;
    g_assert_true (skipped);
  }
}

/* The same file's tables, through an SQLite database: comments, CHECKs, names. */
static void
test_sql_sqlite_file (void)
{
  g_autofree char *sql = read_data_file ("shop.sqlite.sql");
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  const CardinalTable *customer, *orders;
  const CardinalForeignKey *fk;

  g_assert_cmpint (cardinal_reflect_sql_detect_dialect (sql), ==, CARDINAL_DIALECT_SQLITE);
  schema = cardinal_reflect_sql (sql, "shop.sqlite.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);
  g_assert_no_error (error);

  customer = cardinal_schema_find_table (schema, "customer");
  orders = cardinal_schema_find_table (schema, "orders");
  g_assert_true (cardinal_table_find_column (customer, "id")->autoincrement);
  g_assert_false (cardinal_table_find_column (orders, "id")->autoincrement);
  g_assert_cmpstr (customer->comment, ==, "Someone who buys");
  g_assert_cmpstr (cardinal_table_find_column (customer, "email")->comment, ==, "Where receipts go");
  g_assert_cmpstr (cardinal_table_find_column (customer, "score")->type, ==, "double");
  g_assert_cmpstr (cardinal_table_find_column (customer, "picture")->type, ==, "bytes");
  g_assert_cmpuint (orders->checks->len, ==, 2);
  g_assert_cmpstr (((const CardinalCheck *) g_ptr_array_index (orders->checks, 0))->expression, ==, "total >= 0");
  g_assert_cmpuint (orders->foreign_keys->len, ==, 1);
  fk = g_ptr_array_index (orders->foreign_keys, 0);
  g_assert_cmpstr (fk->name, ==, "orders_customer_fk");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_SET_NULL);
  /* REFERENCES customer without columns means its primary key. */
  g_assert_cmpstr (fk->ref_columns[0], ==, "id");

  check_sql_round_trip ("shop.sqlite.sql", sql, CARDINAL_DIALECT_SQLITE);

  /* Executing a file never writes another one. */
  {
    g_autofree char *outside = g_build_filename (scratch_dir, "outside.db", NULL);
    g_autofree char *quoted = g_strdup_printf ("CREATE TABLE a (id INTEGER PRIMARY KEY);\n"
                                               "ATTACH '%s' AS other;\n"
                                               "VACUUM INTO '%s';\n", outside, outside);
    g_autoptr(CardinalSchema) attached = cardinal_reflect_sql (quoted, "attach.sql", CARDINAL_DIALECT_SQLITE, CARDINAL_REFLECT_FLAGS_NONE,
                                                               NULL, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (attached->tables->len, ==, 1);
    g_assert_false (g_file_test (outside, G_FILE_TEST_EXISTS));
  }
}

static void
test_sql_postgresql_round_trip (void)
{
  g_autofree char *sql = read_data_file ("round-trip.postgresql.sql");

  if (cardinal_test_pg_suite () == NULL)
    return;
  check_sql_round_trip ("round-trip.postgresql.sql", sql, CARDINAL_DIALECT_POSTGRESQL);
}

/* PostgreSQL specifics ----------------------------------------------------------------- */

static void
test_postgresql_types_and_schemas (void)
{
  g_autofree char *sql = read_data_file ("shop.postgresql.sql");
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) all = NULL;
  g_autoptr(CardinalSchema) billing = NULL;
  g_autoptr(CardinalSchema) from_file = NULL;
  const char *only_billing[] = { "billing", NULL };
  const CardinalTable *customer;

  if (cardinal_test_pg_suite () == NULL)
    return;
  conninfo = postgresql_database_from (sql);
  all = cardinal_reflect_postgresql (conninfo, NULL, NULL, NULL, &error);
  g_assert_no_error (error);

  customer = cardinal_schema_find_table (all, "customer");
  g_assert_true (cardinal_table_find_column (customer, "id")->autoincrement);
  g_assert_null (cardinal_table_find_column (customer, "id")->default_value);
  g_assert_cmpstr (cardinal_table_find_column (customer, "mood")->type, ==, "mood");
  g_assert_cmpstr (cardinal_table_find_column (customer, "profile")->type, ==, "json");
  g_assert_cmpstr (cardinal_table_find_column (customer, "photo")->type, ==, "bytes");
  g_assert_cmpstr (cardinal_table_find_column (customer, "born")->type, ==, "date");
  g_assert_nonnull (cardinal_schema_find_table (all, "public.note"));
  g_assert_nonnull (cardinal_schema_find_table (all, "billing.note"));
  g_assert_nonnull (cardinal_schema_find_table (all, "invoice"));
  {
    const CardinalTable *invoice = cardinal_schema_find_table (all, "invoice");
    const CardinalForeignKey *fk = g_ptr_array_index (invoice->foreign_keys, 0);

    g_assert_cmpstr (fk->ref_table, ==, "customer");
    g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_SET_NULL);
    g_assert_true (cardinal_table_find_column (invoice, "id")->autoincrement);
  }

  /* The live database and the file it came from read the same. */
  from_file = cardinal_reflect_sql (sql, "shop.postgresql.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  assert_no_difference ("shop.postgresql.sql against its database",
                        compare_schemas (from_file, all, COMPARE_DEFAULT_TEXT | COMPARE_REFLECTED));

  /* pg_dump's script of that database (psql meta-commands, sequences OWNED
   * BY, constraints added with ALTER TABLE ONLY) reads like the database. */
  {
    g_autofree char *pg_dump = cardinal_test_pg_find_pg_dump ();
    g_autofree char *dump = NULL;
    g_autofree char *err = NULL;
    g_autoptr(CardinalSchema) from_dump = NULL;
    const char *dump_argv[] = { pg_dump, "--schema-only", "-d", conninfo, NULL };
    int status = 0;

    g_assert_nonnull (pg_dump);
    g_spawn_sync (NULL, (char **) dump_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &dump, &err, &status, &error);
    g_assert_no_error (error);
    g_spawn_check_wait_status (status, &error);
    g_assert_no_error (error);
    from_dump = cardinal_reflect_sql (dump, "dump.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);
    g_assert_no_error (error);
    assert_no_difference ("pg_dump of shop.postgresql.sql against its database",
                          compare_schemas (from_dump, all, COMPARE_FK_NAMES | COMPARE_DEFAULT_TEXT
                                           | COMPARE_CHECK_TEXT | COMPARE_REFLECTED));
  }

  billing = cardinal_reflect_postgresql (conninfo, only_billing, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (billing->tables->len, ==, 2);
  /* Alone in its schema, the name is bare again. */
  g_assert_nonnull (cardinal_schema_find_table (billing, "note"));
}

/* Bad input ---------------------------------------------------------------------------- */

typedef struct
{
  int   status;
  char *err;
} CliResult;

static CliResult
run_cli (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  CliResult result = { 0, NULL };
  int wait_status = 0;

  g_ptr_array_add (argv, (gpointer) g_getenv ("CARDINAL_CLI"));
  g_ptr_array_add (argv, (gpointer) "import");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_assert_nonnull (g_ptr_array_index (argv, 0));

  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL,
                NULL, &result.err, &wait_status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (wait_status));
  result.status = WEXITSTATUS (wait_status);
  return result;
}

/* The CLI refuses @source with exit 2, a message containing @expected, and no output file. */
static void
assert_cli_refuses (const char *source,
                    const char *expected)
{
  g_autofree char *output = g_build_filename (scratch_dir, "refused.cardinal", NULL);
  const char *args[] = { source, "-o", output, NULL };
  CliResult result;

  g_unlink (output);
  result = run_cli (args);
  g_assert_cmpint (result.status, ==, 2);
  if (strstr (result.err, expected) == NULL)
    g_error ("expected \"%s\" in the message, got: %s", expected, result.err);
  g_assert_false (g_file_test (output, G_FILE_TEST_EXISTS));
  g_free (result.err);
}

static void
test_bad_sqlite_files (void)
{
  g_autofree char *text = g_build_filename (scratch_dir, "notes.txt", NULL);
  g_autofree char *damaged = NULL;
  g_autofree char *missing = g_build_filename (scratch_dir, "missing.db", NULL);
  g_autofree char *empty = g_build_filename (scratch_dir, "empty.db", NULL);
  g_autofree char *contents = NULL;
  gsize length;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;

  /* Not a database at all. */
  g_assert_true (g_file_set_contents (text, "These are notes, not a database.\n"
                                      "They are long enough to fill the size of an SQLite header and more.\n", -1, NULL));
  schema = cardinal_reflect_sqlite_file (text, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, text));
  g_clear_error (&error);
  assert_cli_refuses (text, "not an SQLite database");

  /* A real database whose header is damaged. */
  {
    g_autoptr(CardinalSchema) engineered = engineer_example ("blog");
    g_autofree char *ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_SQLITE);

    damaged = sqlite_file_from ("damaged.db", ddl);
  }
  g_assert_true (g_file_get_contents (damaged, &contents, &length, NULL));
  g_assert_cmpuint (length, >, 200);
  memset (contents + 16, 0xff, 84);
  g_assert_true (g_file_set_contents (damaged, contents, (gssize) length, NULL));
  schema = cardinal_reflect_sqlite_file (damaged, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, damaged));
  g_clear_error (&error);
  assert_cli_refuses (damaged, damaged);

  /* Opening read-only never creates the file. */
  schema = cardinal_reflect_sqlite_file (missing, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* An empty file is an empty database. */
  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  schema = cardinal_reflect_sqlite_file (empty, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY);
  g_clear_error (&error);
  assert_cli_refuses (empty, "no tables");
}

static void
test_sql_syntax_errors (void)
{
  static const char bad_postgresql[] =
    "-- an order table\n"
    "CREATE TABLE customer (id integer PRIMARY KEY);\n"
    "CREATE TABLE orders (\n"
    "  id integer PRIMARY KEY,\n"
    "  customer_id integer REFERENCES customer (id) ON DELET CASCADE\n"
    ");\n";
  static const char bad_sqlite[] =
    "PRAGMA foreign_keys = ON;\n"
    "CREATE TABLE customer (id INTEGER PRIMARY KEY AUTOINCREMENT);\n"
    "\n"
    "CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER REFERENCES customer,);\n";
  g_autofree char *path = g_build_filename (scratch_dir, "bad.sql", NULL);
  g_autofree char *expected = g_strdup_printf ("%s:5:", path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;

  schema = cardinal_reflect_sql (bad_postgresql, "bad.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "bad.sql:5: syntax error"));
  g_clear_error (&error);

  schema = cardinal_reflect_sql (bad_sqlite, "bad.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "bad.sql:4: "));
  g_clear_error (&error);

  /* No word tells the dialect and neither accepts it: both messages. */
  schema = cardinal_reflect_sql ("CREATE TABLE a (id int PRIMARY KEY);\nCREATE TABLE b (x text NOT NUL);\n",
                                 "unknown.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX);
  g_assert_true (g_str_has_prefix (error->message, "unknown.sql:2: "));
  g_assert_nonnull (strstr (error->message, "as PostgreSQL: unknown.sql:2: syntax error"));
  g_clear_error (&error);

  schema = cardinal_reflect_sql ("SET search_path = public;\nSELECT 1;\n", "nothing.sql",
                                 CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY);
  g_clear_error (&error);

  g_assert_true (g_file_set_contents (path, bad_postgresql, -1, NULL));
  assert_cli_refuses (path, expected);
}

/* A TCP port on which nobody listens: bound, read, released. */
static guint
free_port (void)
{
  struct sockaddr_in address = { 0 };
  socklen_t length = sizeof address;
  int fd = socket (AF_INET, SOCK_STREAM, 0);
  guint port;

  g_assert_cmpint (fd, >=, 0);
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl (INADDR_LOOPBACK);
  g_assert_cmpint (bind (fd, (struct sockaddr *) &address, sizeof address), ==, 0);
  g_assert_cmpint (getsockname (fd, (struct sockaddr *) &address, &length), ==, 0);
  port = ntohs (address.sin_port);
  close (fd);
  return port;
}

static void
test_unreachable_server (void)
{
  g_autofree char *conninfo = g_strdup_printf ("host=127.0.0.1 port=%u dbname=shop user=nobody connect_timeout=10",
                                               free_port ());
  g_autofree char *uri = g_strdup_printf ("postgresql://nobody@127.0.0.1:%u/shop", free_port ());
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = cardinal_reflect_postgresql (conninfo, NULL, NULL, NULL, &error);

  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CONNECT);
  /* libpq's own words are in the message. */
  g_assert_nonnull (strstr (error->message, "127.0.0.1"));
  assert_cli_refuses (uri, "cannot connect to PostgreSQL");
}

/* Password authentication for one role on the test cluster's socket, the
 * rest stays trusted: the rule goes first in pg_hba.conf. */
static void
require_password_for (const char *role)
{
  g_autofree char *admin = cardinal_test_pg_conninfo (cardinal_test_pg_suite (), NULL);
  PGconn *conn = PQconnectdb (admin);
  PGresult *result = PQexec (conn, "SHOW hba_file");
  g_autofree char *hba = NULL;
  g_autofree char *rules = NULL;
  g_autofree char *updated = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  hba = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  g_file_get_contents (hba, &rules, NULL, &error);
  g_assert_no_error (error);
  updated = g_strdup_printf ("local all %s scram-sha-256\n%s", role, rules);
  /* Rewritten in place so that the file keeps its owner. */
  {
    FILE *file = fopen (hba, "w");

    g_assert_nonnull (file);
    fputs (updated, file);
    fclose (file);
  }
  result = PQexec (conn, "SELECT pg_reload_conf()");
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  PQclear (result);
  PQfinish (conn);
}

static char *
conninfo_as (const char *dbname,
             const char *role)
{
  g_autofree char *base = cardinal_test_pg_conninfo (cardinal_test_pg_suite (), dbname);

  /* A later keyword wins in a conninfo string. */
  return g_strdup_printf ("%s user=%s", base, role);
}

static void
test_wrong_password (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *as_role = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  gint64 deadline;

  if (cardinal_test_pg_suite () == NULL)
    return;
  conninfo = postgresql_database_from ("CREATE TABLE thing (id integer PRIMARY KEY);"
                                       "CREATE ROLE keeper LOGIN PASSWORD 'right horse battery';"
                                       "GRANT SELECT ON thing TO keeper;");
  require_password_for ("keeper");
  {
    g_autofree char *dbname = dbname_of (conninfo);

    as_role = conninfo_as (dbname, "keeper");
  }

  /* The reload is asynchronous: wait until the server asks for a password. */
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  for (;;)
    {
      PGconn *probe = PQconnectdb (as_role);
      gboolean asks = PQstatus (probe) != CONNECTION_OK;

      PQfinish (probe);
      if (asks)
        break;
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (20 * 1000);
    }

  schema = cardinal_reflect_postgresql (as_role, NULL, "wrong horse", NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_AUTH);
  g_assert_nonnull (strstr (error->message, "password authentication failed"));
  g_clear_error (&error);

  /* No password at all. */
  schema = cardinal_reflect_postgresql (as_role, NULL, NULL, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_AUTH);
  g_clear_error (&error);
  assert_cli_refuses (as_role, "password");

  schema = cardinal_reflect_postgresql (as_role, NULL, "right horse battery", NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_schema_find_table (schema, "thing"));
}

static void
test_permission_denied (void)
{
  g_autofree char *conninfo = NULL;
  g_autofree char *as_role = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  const char *only_open[] = { "open", NULL };

  if (cardinal_test_pg_suite () == NULL)
    return;
  conninfo = postgresql_database_from ("CREATE ROLE visitor LOGIN;"
                                       "CREATE TABLE public_info (id integer PRIMARY KEY);"
                                       "CREATE TABLE salary (id integer PRIMARY KEY, amount numeric);"
                                       "GRANT SELECT ON public_info TO visitor;"
                                       "CREATE SCHEMA open;"
                                       "CREATE TABLE open.menu (id integer PRIMARY KEY);"
                                       "GRANT USAGE ON SCHEMA open TO visitor;"
                                       "GRANT SELECT ON open.menu TO visitor;");
  {
    g_autofree char *dbname = dbname_of (conninfo);

    as_role = conninfo_as (dbname, "visitor");
  }

  schema = cardinal_reflect_postgresql (as_role, NULL, NULL, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_PERMISSION);
  g_assert_nonnull (strstr (error->message, "\"salary\""));
  g_assert_null (strstr (error->message, "public_info"));
  g_clear_error (&error);
  assert_cli_refuses (as_role, "salary");

  /* A schema the role may read works. */
  schema = cardinal_reflect_postgresql (as_role, only_open, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (schema->tables->len, ==, 1);
}

static void
test_empty_database (void)
{
  g_autofree char *conninfo = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  if (cardinal_test_pg_suite () == NULL)
    return;
  conninfo = postgresql_database_from ("CREATE SCHEMA unused;");
  schema = cardinal_reflect_postgresql (conninfo, NULL, NULL, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY);
  g_clear_error (&error);
  assert_cli_refuses (conninfo, "no tables");

  run_postgresql (conninfo, "CREATE TABLE t (id integer)");
  g_cancellable_cancel (cancellable);
  schema = cardinal_reflect_postgresql (conninfo, NULL, NULL, cancellable, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CANCELLED);
}

/* The whole command on a good source writes a model that loads. */
static void
test_cli_import (void)
{
  g_autoptr(CardinalSchema) engineered = engineer_example ("school");
  g_autofree char *ddl = cardinal_ddl_render (engineered, CARDINAL_DIALECT_SQLITE);
  g_autofree char *path = sqlite_file_from ("school.db", ddl);
  g_autofree char *output = g_build_filename (scratch_dir, "school.cardinal", NULL);
  const char *args[] = { path, "-o", output, NULL };
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CliResult result;

  g_unlink (output);
  result = run_cli (args);
  if (result.status != 0)
    g_error ("cardinal-cli import failed: %s", result.err);
  g_free (result.err);
  file = g_file_new_for_path (output);
  model = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->entities->len, >, 0);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scratch_dir = g_dir_make_tmp ("cardinal-import-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/import/sqlite/examples", test_sqlite_examples);
  g_test_add_func ("/import/postgresql/examples", test_postgresql_examples);
  g_test_add_func ("/import/sql/examples", test_sql_examples);
  g_test_add_func ("/import/sql/postgresql-file", test_sql_postgresql_file);
  g_test_add_func ("/import/sql/sqlite-file", test_sql_sqlite_file);
  g_test_add_func ("/import/sql/postgresql-round-trip", test_sql_postgresql_round_trip);
  g_test_add_func ("/import/postgresql/types-and-schemas", test_postgresql_types_and_schemas);
  g_test_add_func ("/import/bad/sqlite-files", test_bad_sqlite_files);
  g_test_add_func ("/import/bad/sql-syntax", test_sql_syntax_errors);
  g_test_add_func ("/import/bad/unreachable-server", test_unreachable_server);
  g_test_add_func ("/import/bad/wrong-password", test_wrong_password);
  g_test_add_func ("/import/bad/permission", test_permission_denied);
  g_test_add_func ("/import/bad/empty-database", test_empty_database);
  g_test_add_func ("/import/cli", test_cli_import);

  status = g_test_run ();

  cardinal_test_pg_suite_stop ();
  cardinal_test_remove_tree (scratch_dir);
  g_free (scratch_dir);
  return status;
}
