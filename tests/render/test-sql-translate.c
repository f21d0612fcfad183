/* test-sql-translate.c: expressions carried between PostgreSQL and SQLite, checked on the real engines. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <sqlite3.h>

#include "cardinal-ddl.h"
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

/* A PostgreSQL model's DDL for SQLite: what translates is written in SQLite's
 * form, what does not is left out with a note, and the script loads. */
static void
test_ddl_across_dialects (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  CardinalTable *item = cardinal_table_new ("item");
  CardinalColumn *id = cardinal_column_new ("id", "integer");
  CardinalColumn *code = cardinal_column_new ("code", "text");
  CardinalColumn *stamp = cardinal_column_new ("added", "timestamptz");
  CardinalColumn *ticket = cardinal_column_new ("ticket", "bigint");
  const char *key[] = { "id", NULL };
  CardinalIndex *index;
  g_autoptr(GPtrArray) notes = NULL;
  g_autofree char *ddl = NULL;
  g_autofree char *joined = NULL;
  sqlite3 *db = NULL;
  char *message = NULL;

  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  code->default_value = g_strdup ("'new'::text");
  stamp->default_value = g_strdup ("now()");
  ticket->default_value = g_strdup ("nextval('ticket_seq'::regclass)");
  g_ptr_array_add (item->columns, id);
  g_ptr_array_add (item->columns, code);
  g_ptr_array_add (item->columns, stamp);
  g_ptr_array_add (item->columns, ticket);
  {
    CardinalColumn *label = cardinal_column_new ("label", "text");

    label->default_value = g_strdup ("'a'::text || 'b'::text");
    g_ptr_array_add (item->columns, label);
  }
  g_strfreev (item->primary_key);
  item->primary_key = g_strdupv ((char **) key);
  g_ptr_array_add (item->checks, cardinal_check_new ("code_short", "char_length(code) <= 8"));
  g_ptr_array_add (item->checks, cardinal_check_new ("code_word", "code ~ '^[a-z]+$'"));
  index = cardinal_index_new ("item_code_lower", (const char *[]) { "", NULL }, FALSE);
  index->keys = cardinal_index_key_array_new ();
  g_ptr_array_add (index->keys, g_new0 (CardinalIndexKey, 1));
  ((CardinalIndexKey *) g_ptr_array_index (index->keys, 0))->expression = g_strdup ("lower(code)");
  g_ptr_array_add (item->indexes, index);
  g_ptr_array_add (schema->tables, item);

  ddl = cardinal_ddl_render_with_notes (schema, CARDINAL_DIALECT_SQLITE, &notes);
  g_assert_nonnull (strstr (ddl, "\"code\" TEXT DEFAULT 'new'"));
  g_assert_nonnull (strstr (ddl, "DEFAULT CURRENT_TIMESTAMP"));
  /* Two literals joined are an expression, which SQLite takes only in parentheses. */
  g_assert_nonnull (strstr (ddl, "\"label\" TEXT DEFAULT ('a' || 'b')"));
  g_assert_nonnull (strstr (ddl, "\"ticket\" BIGINT,"));
  g_assert_nonnull (strstr (ddl, "CHECK (length(code) <= 8)"));
  g_assert_null (strstr (ddl, "CONSTRAINT \"code_word\""));
  g_assert_nonnull (strstr (ddl, "ON \"item\" (lower(code))"));

  g_ptr_array_add (notes, NULL);
  joined = g_strjoinv ("\n", (char **) notes->pdata);
  g_test_message ("%s", joined);
  g_assert_nonnull (strstr (joined, "nextval"));
  g_assert_nonnull (strstr (joined, "code ~"));

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, ddl, NULL, NULL, &message) != SQLITE_OK)
    g_error ("SQLite refuses the translated DDL: %s\n%s", message, ddl);
  sqlite3_close (db);
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
  g_test_add_func ("/sql-translate/ddl-across-dialects", test_ddl_across_dialects);
  return g_test_run ();
}
