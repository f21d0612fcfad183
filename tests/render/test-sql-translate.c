/* test-sql-translate.c: expressions carried between PostgreSQL and SQLite, checked on the real engines. */
#include <sqlite3.h>

#include "cardinal-sql-translate.h"
#include <string.h>

static const CardinalDialect PG = CARDINAL_DIALECT_POSTGRESQL;
static const CardinalDialect LITE = CARDINAL_DIALECT_SQLITE;

static char *
translated (const char      *expression,
            CardinalDialect  from,
            CardinalDialect  to,
            const char      *column_type)
{
  g_autofree char *reason = NULL;
  char *result = cardinal_sql_translate_expression (expression, from, to, column_type, &reason);

  if (result == NULL)
    g_error ("%s: not translated: %s", expression, reason);
  g_assert_null (reason);
  return result;
}

/* The text SQLite itself makes of @expression (as a DEFAULT would be evaluated). */
static char *
sqlite_value (const char *expression)
{
  g_autofree char *sql = g_strdup_printf ("SELECT typeof (%s), (%s)", expression, expression);
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("SQLite refuses %s: %s", expression, sqlite3_errmsg (db));
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup_printf ("%s:%s", (const char *) sqlite3_column_text (stmt, 0),
                           sqlite3_column_text (stmt, 1) != NULL ? (const char *) sqlite3_column_text (stmt, 1) : "NULL");
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return value;
}

static void
test_to_sqlite (void)
{
  static const struct
  {
    const char *postgresql;
    const char *sqlite;
  } cases[] = {
    { "'draft'::character varying", "'draft'" },
    { "'{}'::jsonb", "'{}'" },
    { "0::numeric(10,2)", "0" },
    { "now()", "CURRENT_TIMESTAMP" },
    { "CURRENT_TIMESTAMP", "CURRENT_TIMESTAMP" },
    { "(now())", "(CURRENT_TIMESTAMP)" },
    { "lower(name::text)", "lower(CAST (name AS TEXT))" },
    { "(a + b)::integer", "CAST ((a + b) AS INTEGER)" },
    { "a IS DISTINCT FROM b", "a IS NOT b" },
    { "a IS NOT DISTINCT FROM b", "a IS b" },
    { "name ILIKE 'x%'", "name LIKE 'x%'" },
    { "char_length(title) > 0", "length(title) > 0" },
    { "price > 0 AND (qty IN (1, 2))", "price > 0 AND (qty IN (1, 2))" },
    { "greatest(a, b)", "max(a, b)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = translated (cases[i].postgresql, PG, LITE, NULL);

      g_assert_cmpstr (result, ==, cases[i].sqlite);
    }
}

static void
test_to_sqlite_values (void)
{
  g_autofree char *uuid = translated ("gen_random_uuid()", PG, LITE, "uuid");
  g_autofree char *value = sqlite_value (uuid);
  g_autoptr(GRegex) v4 = g_regex_new ("^text:[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                      0, 0, NULL);
  g_autofree char *cast = translated ("('12'::text || 'x')::character varying", PG, LITE, NULL);
  g_autofree char *cast_value = sqlite_value (cast);

  /* A version 4 UUID in its usual spelling, made by SQLite itself. */
  g_assert_true (g_regex_match (v4, value, 0, NULL));
  g_assert_cmpstr (cast_value, ==, "text:12x");
}

static void
test_no_equivalent (void)
{
  static const char * const postgresql[] = {
    "nextval('film_film_id_seq'::regclass)",
    "now() - interval '1 day'",
    "name ~ '^[a-z]+$'",
    "E'a\\nb'",
    "(now() AT TIME ZONE 'utc')",
    "ARRAY[1, 2]",
    "tags[1]",
    "to_tsvector('english', title)",
    "'{}'::text[]",
  };

  for (guint i = 0; i < G_N_ELEMENTS (postgresql); i++)
    {
      g_autofree char *reason = NULL;
      g_autofree char *result = cardinal_sql_translate_expression (postgresql[i], PG, LITE, NULL, &reason);

      g_test_message ("%s: %s", postgresql[i], reason);
      g_assert_null (result);
      g_assert_nonnull (reason);
      g_assert_nonnull (strstr (reason, "no SQLite"));
    }
}

static void
test_to_postgresql (void)
{
  static const struct
  {
    const char *sqlite;
    const char *type;
    const char *postgresql;
  } cases[] = {
    { "datetime('now')", NULL, "CURRENT_TIMESTAMP" },
    { "date('now')", NULL, "CURRENT_DATE" },
    { "ifnull(a, 0)", NULL, "coalesce(a, 0)" },
    { "`total` >= 0", NULL, "\"total\" >= 0" },
    { "[my col] <> ''", NULL, "\"my col\" <> ''" },
    { "0", "boolean", "false" },
    { "1", "boolean", "true" },
    { "1", "integer", "1" },
    { "'x'", NULL, "'x'" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *result = translated (cases[i].sqlite, LITE, PG, cases[i].type);

      g_assert_cmpstr (result, ==, cases[i].postgresql);
    }
}

static void
test_same_dialect (void)
{
  g_autofree char *same = translated ("nextval('s'::regclass)", PG, PG, NULL);

  g_assert_cmpstr (same, ==, "nextval('s'::regclass)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sql-translate/to-sqlite", test_to_sqlite);
  g_test_add_func ("/sql-translate/to-sqlite-values", test_to_sqlite_values);
  g_test_add_func ("/sql-translate/no-equivalent", test_no_equivalent);
  g_test_add_func ("/sql-translate/to-postgresql", test_to_postgresql);
  g_test_add_func ("/sql-translate/same-dialect", test_same_dialect);
  return g_test_run ();
}
