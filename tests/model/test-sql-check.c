/* test-sql-check.c: the real parsers accept exactly one fragment of a kind and refuse injected SQL in both dialects. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-sql-check.h"

#define INJECTION "'x');\nDROP TABLE \"customers\";\nCREATE TABLE \"pwned\" (\"a\" text"

static const CardinalDialect dialects[] = { CARDINAL_DIALECT_SQLITE, CARDINAL_DIALECT_POSTGRESQL };

static void
assert_expression (CardinalSqlCheck *check,
                   CardinalDialect   dialect,
                   const char       *text,
                   const char       *table,
                   gboolean          accepted)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cardinal_sql_check_expression (check, dialect, text, table, &error);

  g_test_message ("%s expression «%s»: %s", cardinal_dialect_to_string (dialect), text,
                  error ? error->message : "accepted");
  g_assert_cmpint (ok, ==, accepted);
  if (accepted)
    g_assert_no_error (error);
  else
    g_assert_error (error, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED);
}

static void
test_expressions_accepted (void)
{
  static const char * const texts[] = { "'x'", "now()", "CURRENT_TIMESTAMP", "1+2", "-1", "(1+2)", "'a''b'",
                                        "lower('A') -- why\n", "/* a */ 1", NULL };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    for (guint i = 0; texts[i] != NULL; i++)
      assert_expression (check, dialects[d], texts[i], NULL, TRUE);
}

static void
test_expressions_refused (void)
{
  static const char * const texts[] = { INJECTION, "1; DROP TABLE x", "1) --", "SELECT 1", "1 FROM t", "",
                                        "  ", "1, 2", "1 --", "1 /*", "1 AS x", "(1) UNION SELECT (2)",
                                        "1), (2", "1), 0 --", NULL };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    for (guint i = 0; texts[i] != NULL; i++)
      assert_expression (check, dialects[d], texts[i], NULL, FALSE);
}

/* SQLite needs the table to know the columns a CHECK names; PostgreSQL's parser does not. */
static void
test_expressions_with_columns (void)
{
  static const char * const columns[] = { "price", "with space", NULL };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();
  const char *table = cardinal_sql_check_add_table (check, "product", columns);
  const char *reserved = cardinal_sql_check_add_table (check, "sqlite_stuff", columns);

  g_assert_cmpstr (table, ==, "product");
  /* SQLite refuses the name, a stand-in still serves expressions. */
  g_assert_nonnull (reserved);
  g_assert_cmpstr (reserved, !=, "sqlite_stuff");

  assert_expression (check, CARDINAL_DIALECT_SQLITE, "price > 0 AND \"with space\" IS NOT NULL", table, TRUE);
  assert_expression (check, CARDINAL_DIALECT_SQLITE, "price > 0", reserved, TRUE);
  assert_expression (check, CARDINAL_DIALECT_SQLITE, "weight > 0", table, FALSE);
  assert_expression (check, CARDINAL_DIALECT_SQLITE, "price > 0) FROM \"product\" UNION SELECT (1", table, FALSE);
  assert_expression (check, CARDINAL_DIALECT_POSTGRESQL, "price > 0", NULL, TRUE);
  assert_expression (check, CARDINAL_DIALECT_SQLITE, "price > 0; DELETE FROM product", table, FALSE);
}

static void
assert_type (CardinalDialect dialect,
             const char     *text,
             gboolean        accepted)
{
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();
  g_autoptr(GError) error = NULL;
  gboolean ok = cardinal_sql_check_type (check, dialect, text, &error);

  g_test_message ("%s type «%s»: %s", cardinal_dialect_to_string (dialect), text,
                  error ? error->message : "accepted");
  g_assert_cmpint (ok, ==, accepted);
  if (!accepted)
    g_assert_error (error, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED);
}

static void
test_types (void)
{
  static const char * const postgresql_ok[] = { "varchar(20)", "character varying(20)", "numeric(10,2)", "text[]",
                                                "timestamp(6) with time zone", "mpaa_rating", "public.year",
                                                "double precision", NULL };
  static const char * const sqlite_ok[] = { "varchar(20)", "character varying(20)", "numeric(10,2)",
                                            "INT", "decimal(10, -2)", "UNSIGNED BIG INT", NULL };
  static const char * const refused[] = { "int) ; DROP TABLE x; --", "int) --", "int), 0 --", "", "int, b text",
                                          "int DEFAULT 1", NULL };

  for (guint i = 0; postgresql_ok[i] != NULL; i++)
    assert_type (CARDINAL_DIALECT_POSTGRESQL, postgresql_ok[i], TRUE);
  for (guint i = 0; sqlite_ok[i] != NULL; i++)
    assert_type (CARDINAL_DIALECT_SQLITE, sqlite_ok[i], TRUE);
  assert_type (CARDINAL_DIALECT_SQLITE, "text[]", FALSE);
  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    for (guint i = 0; refused[i] != NULL; i++)
      assert_type (dialects[d], refused[i], FALSE);
}

static void
assert_statement (CardinalSqlCheck *check,
                  CardinalDialect   dialect,
                  const char       *kind,
                  const char       *text,
                  gboolean          accepted)
{
  g_autoptr(GError) error = NULL;
  gboolean ok = cardinal_sql_check_statement (check, dialect, kind, text, &error);

  g_test_message ("%s %s «%s»: %s", cardinal_dialect_to_string (dialect), kind, text,
                  error ? error->message : "accepted");
  g_assert_cmpint (ok, ==, accepted);
  if (!accepted)
    g_assert_error (error, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED);
}

static void
test_statements_postgresql (void)
{
  static const struct { const char *kind; const char *sql; gboolean ok; } cases[] = {
    { "view", "CREATE VIEW v AS SELECT 1", TRUE },
    { "view", "DROP TABLE customers", FALSE },
    { "view", "CREATE VIEW v AS SELECT 1; DROP TABLE customers", FALSE },
    { "view", "CREATE VIEW v AS SELECT 1 --", FALSE },
    { "view", "CREATE VIEW v AS SELECT 1; SELECT 0 --", FALSE },
    { "materialized-view", "CREATE MATERIALIZED VIEW m AS SELECT 1", TRUE },
    { "materialized-view", "CREATE TABLE m AS SELECT 1", FALSE },
    { "function", "CREATE FUNCTION f() RETURNS int LANGUAGE sql AS $$ SELECT 1 $$", TRUE },
    { "procedure", "CREATE PROCEDURE p() LANGUAGE sql AS $$ SELECT 1 $$", TRUE },
    { "aggregate", "CREATE AGGREGATE a (int) (SFUNC = int4pl, STYPE = int)", TRUE },
    { "trigger", "CREATE TRIGGER t BEFORE UPDATE ON x FOR EACH ROW EXECUTE FUNCTION f()", TRUE },
    { "rule", "CREATE RULE r AS ON INSERT TO x DO INSTEAD NOTHING", TRUE },
    { "partition", "CREATE TABLE p1 PARTITION OF p FOR VALUES FROM (1) TO (2)", TRUE },
    { "partition", "CREATE TABLE p1 (a int)", FALSE },
    { "type", "CREATE TYPE t AS (a int)", TRUE },
    { "type", "CREATE TYPE mood AS ENUM ('sad')", TRUE },
    { "comment", "COMMENT ON VIEW v IS 'x'", TRUE },
    { "policy", "CREATE POLICY p ON x USING (true)", TRUE },
    { "statement", "CREATE SEQUENCE s", TRUE },
    { "statement", "ALTER TABLE x ADD COLUMN b int", TRUE },
    { "statement", "DROP TABLE x", FALSE },
    { "statement", "ALTER TABLE x DROP COLUMN a", FALSE },
    { "statement", "ALTER TABLE x ADD COLUMN b int, DROP CONSTRAINT c", FALSE },
    { "statement", "CREATE EXTENSION IF NOT EXISTS cube", TRUE },
    { "statement", "DELETE FROM x", FALSE },
    { "statement", "TRUNCATE x", FALSE },
    { "statement", "ALTER SYSTEM SET work_mem = '1GB'", FALSE },
    { "statement", "COPY x FROM '/etc/passwd'", FALSE },
    { "statement", "SELECT pg_terminate_backend(1)", FALSE },
    { "statement", "", FALSE },
    { "nonsense", "CREATE VIEW v AS SELECT 1", FALSE },
  };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    assert_statement (check, CARDINAL_DIALECT_POSTGRESQL, cases[i].kind, cases[i].sql, cases[i].ok);
}

static void
test_statements_sqlite (void)
{
  static const char * const columns[] = { "id", "name", NULL };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  g_assert_cmpstr (cardinal_sql_check_add_table (check, "customers", columns), ==, "customers");
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "CREATE VIEW v AS SELECT name FROM customers", TRUE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "trigger",
                    "CREATE TRIGGER t AFTER INSERT ON customers BEGIN UPDATE customers SET name = 'x'; END", TRUE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "DROP TABLE customers", FALSE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "CREATE VIEW v AS SELECT 1; DROP TABLE customers", FALSE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "CREATE VIEW v AS SELECT 1 --", FALSE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "CREATE TABLE v (a)", FALSE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "trigger", "CREATE VIEW v AS SELECT 1", FALSE);
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "function", "CREATE VIEW v AS SELECT 1", FALSE);
  /* Preparing never runs: the table is still there. */
  assert_statement (check, CARDINAL_DIALECT_SQLITE, "view", "CREATE VIEW w AS SELECT id FROM customers", TRUE);
}

static void
test_partition_by (void)
{
  static const struct { const char *text; gboolean ok; } cases[] = {
    { "RANGE (logdate)", TRUE },
    { "LIST (region)", TRUE },
    { "HASH (id)", TRUE },
    { "RANGE (logdate); DROP TABLE x", FALSE },
    { "RANGE (logdate) --", FALSE },
    { "RANGE (a) TABLESPACE elsewhere", FALSE },
    { "", FALSE },
  };
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gboolean ok = cardinal_sql_check_partition_by (check, cases[i].text, &error);

      g_test_message ("partition by «%s»: %s", cases[i].text, error ? error->message : "accepted");
      g_assert_cmpint (ok, ==, cases[i].ok);
    }
}

/* A verdict is remembered; asking again gives the same answer and message. */
static void
test_verdicts_remembered (void)
{
  g_autoptr(CardinalSqlCheck) check = cardinal_sql_check_new ();

  for (guint d = 0; d < G_N_ELEMENTS (dialects); d++)
    {
      g_autoptr(GError) first = NULL;
      g_autoptr(GError) second = NULL;

      g_assert_false (cardinal_sql_check_expression (check, dialects[d], INJECTION, NULL, &first));
      g_assert_false (cardinal_sql_check_expression (check, dialects[d], INJECTION, NULL, &second));
      g_assert_error (second, CARDINAL_SQL_CHECK_ERROR, CARDINAL_SQL_CHECK_ERROR_REFUSED);
      g_assert_cmpstr (first->message, ==, second->message);
      g_assert_true (cardinal_sql_check_type (check, dialects[d], "varchar(20)", NULL));
      g_assert_true (cardinal_sql_check_type (check, dialects[d], "varchar(20)", NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sql-check/expressions-accepted", test_expressions_accepted);
  g_test_add_func ("/sql-check/expressions-refused", test_expressions_refused);
  g_test_add_func ("/sql-check/expressions-with-columns", test_expressions_with_columns);
  g_test_add_func ("/sql-check/types", test_types);
  g_test_add_func ("/sql-check/statements-postgresql", test_statements_postgresql);
  g_test_add_func ("/sql-check/statements-sqlite", test_statements_sqlite);

  g_test_add_func ("/sql-check/partition-by", test_partition_by);
  g_test_add_func ("/sql-check/verdicts-remembered", test_verdicts_remembered);

  return g_test_run ();
}
