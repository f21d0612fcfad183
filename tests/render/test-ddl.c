/* test-ddl.c: the DDL renderer, checked by running its SQLite output and reading the catalogue back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <sqlite3.h>

#include "cardinal-config.h"
#include "cardinal-ddl.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-schema.h"
#include "cardinal-test-support.h"

#define STRV(...) g_strdupv ((char **) (const char *[]) { __VA_ARGS__, NULL })
#define UNIQUE(...) cardinal_unique_new ((const char *[]) { __VA_ARGS__, NULL })

/* Schema construction by hand */

/* An integer key column "id" that is the table's primary key. */
static CardinalColumn *
add_id (CardinalTable *table,
        const char    *name,
        gboolean       autoincrement)
{
  CardinalColumn *column = cardinal_test_add_column (table, name, "integer", FALSE);

  column->autoincrement = autoincrement;
  g_strfreev (table->primary_key);
  table->primary_key = STRV (name);
  return column;
}

static void
set_comment (char       **slot,
             const char  *comment)
{
  g_free (*slot);
  *slot = g_strdup (comment);
}

/* SQLite helpers */

static sqlite3 *
open_db (void)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA foreign_keys = ON;", NULL, NULL, NULL), ==, SQLITE_OK);
  return db;
}

/* Runs @sql; returns the error message or NULL when it succeeded. */
static char *
try_exec (sqlite3    *db,
          const char *sql)
{
  char *message = NULL;
  char *copy;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) == SQLITE_OK)
    return NULL;
  copy = g_strdup (message != NULL ? message : "unknown error");
  sqlite3_free (message);
  return copy;
}

static void
exec_ok (sqlite3    *db,
         const char *sql)
{
  g_autofree char *message = try_exec (db, sql);

  if (message != NULL)
    g_test_message ("SQL that failed:\n%s", sql);
  g_assert_null (message);
}

/* Fails the test unless SQLite refuses @sql. */
static void
exec_refused (sqlite3    *db,
              const char *sql)
{
  g_autofree char *message = try_exec (db, sql);

  g_assert_nonnull (message);
}

/* Renders @schema for SQLite and runs it on a fresh in-memory database. */
static sqlite3 *
create_in_sqlite (const CardinalSchema *schema)
{
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  sqlite3 *db = open_db ();

  exec_ok (db, ddl);
  return db;
}

/* Every row of @sql (with ?1 bound to @param when not NULL), columns joined by
 * '|', rows by ';'. NULL values read as "NULL". */
static char *
query (sqlite3    *db,
       const char *sql,
       const char *param)
{
  sqlite3_stmt *stmt = NULL;
  GString *out = g_string_new (NULL);
  gboolean first_row = TRUE;
  int rc;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (param != NULL)
    g_assert_cmpint (sqlite3_bind_text (stmt, 1, param, -1, SQLITE_TRANSIENT), ==, SQLITE_OK);

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!first_row)
        g_string_append_c (out, ';');
      first_row = FALSE;
      for (int i = 0; i < sqlite3_column_count (stmt); i++)
        {
          const unsigned char *value = sqlite3_column_text (stmt, i);

          if (i > 0)
            g_string_append_c (out, '|');
          g_string_append (out, value != NULL ? (const char *) value : "NULL");
        }
    }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
table_info (sqlite3    *db,
            const char *table)
{
  return query (db,
                "SELECT name, type, \"notnull\", coalesce(dflt_value, 'NULL'), pk"
                " FROM pragma_table_info(?1) ORDER BY cid",
                table);
}

static char *
foreign_keys (sqlite3    *db,
              const char *table)
{
  return query (db,
                "SELECT \"table\", \"from\", \"to\", on_delete"
                " FROM pragma_foreign_key_list(?1) ORDER BY \"table\", \"from\"",
                table);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* The indexes of @table that came from @origin ("u": a UNIQUE constraint,
 * "c": CREATE INDEX, "pk"), each as "[unique:]c1,c2", sorted, joined by ';'. */
static char *
reflect_indexes (sqlite3    *db,
                 const char *table,
                 const char *origin)
{
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT name, \"unique\" FROM pragma_index_list(?1) WHERE origin = ?2",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, origin, -1, SQLITE_TRANSIENT);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      g_autofree char *columns = query (db,
                                        "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
                                        name);

      g_strdelimit (columns, ";", ',');
      g_ptr_array_add (items, g_strdup_printf ("%s%s",
                                               sqlite3_column_int (stmt, 1) ? "unique:" : "",
                                               columns));
    }
  sqlite3_finalize (stmt);

  g_ptr_array_sort (items, compare_strings);
  for (guint i = 0; i < items->len; i++)
    {
      if (i > 0)
        g_string_append_c (out, ';');
      g_string_append (out, g_ptr_array_index (items, i));
    }
  return g_string_free (out, FALSE);
}

static char *
index_names (sqlite3    *db,
             const char *table)
{
  return query (db, "SELECT name FROM pragma_index_list(?1) WHERE origin = 'c' ORDER BY name", table);
}

static gsize
count_occurrences (const char *haystack,
                   const char *needle)
{
  gsize count = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    count++;
  return count;
}

/* Offset of @needle in @haystack; fails the test when it is not there. */
static gsize
position_of (const char *haystack,
             const char *needle)
{
  const char *found = strstr (haystack, needle);

  if (found == NULL)
    g_test_message ("missing: %s", needle);
  g_assert_nonnull (found);
  return (gsize) (found - haystack);
}

/* The text of the CREATE TABLE statement for @quoted_name (up to its ");"). */
static char *
create_statement (const char *ddl,
                  const char *quoted_name)
{
  g_autofree char *head = g_strdup_printf ("CREATE TABLE %s (", quoted_name);
  const char *start = ddl + position_of (ddl, head);
  const char *end = strstr (start, "\n);\n");

  g_assert_nonnull (end);
  return g_strndup (start, (gsize) (end - start) + 3);
}

/* Schemas used by several tests */

/* user ← post (cascade) ← comment (set null), with a unique, a default,
 * a composite unique and plain indexes. */
static CardinalSchema *
blog_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("blog");
  CardinalTable *user = cardinal_test_add_table (schema, "user");
  CardinalTable *post = cardinal_test_add_table (schema, "post");
  CardinalTable *comment = cardinal_test_add_table (schema, "comment");
  CardinalColumn *column;

  add_id (user, "id", TRUE);
  cardinal_test_add_column (user, "name", "text", FALSE);
  cardinal_test_add_column (user, "email", "varchar(255)", TRUE);
  column = cardinal_test_add_column (user, "active", "boolean", FALSE);
  column->default_value = g_strdup ("TRUE");
  g_ptr_array_add (user->uniques, UNIQUE ("email"));

  add_id (post, "id", TRUE);
  cardinal_test_add_column (post, "user_id", "integer", FALSE);
  cardinal_test_add_column (post, "title", "varchar(200)", FALSE);
  cardinal_test_add_column (post, "slug", "text", FALSE);
  g_ptr_array_add (post->uniques, UNIQUE ("user_id", "slug"));
  cardinal_test_add_foreign_key (post, "post_user_fk", STRV ("user_id"),
                                 "user", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_index (post, "post_user_id_idx", STRV ("user_id"), FALSE);

  add_id (comment, "id", TRUE);
  cardinal_test_add_column (comment, "post_id", "integer", TRUE);
  cardinal_test_add_column (comment, "body", "text", FALSE);
  cardinal_test_add_foreign_key (comment, "comment_post_fk", STRV ("post_id"),
                                 "post", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);
  cardinal_test_add_index (comment, "comment_post_id_idx", STRV ("post_id"), FALSE);
  cardinal_test_add_index (comment, "comment_body_idx", STRV ("body", "post_id"), TRUE);

  return schema;
}

/* a → b → a, with c referencing itself and d hanging off the cycle: d comes
 * first and reaches the cycle through b, yet a (earlier in the schema) is
 * where the cycle is broken. */
static CardinalSchema *
cycle_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("cycle");
  CardinalTable *d = cardinal_test_add_table (schema, "d");
  CardinalTable *a = cardinal_test_add_table (schema, "a");
  CardinalTable *b = cardinal_test_add_table (schema, "b");
  CardinalTable *c = cardinal_test_add_table (schema, "c");

  add_id (d, "id", FALSE);
  cardinal_test_add_column (d, "b_id", "integer", TRUE);
  cardinal_test_add_foreign_key (d, "d_b_fk", STRV ("b_id"), "b", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);

  add_id (a, "id", FALSE);
  cardinal_test_add_column (a, "b_id", "integer", TRUE);
  cardinal_test_add_foreign_key (a, "a_b_fk", STRV ("b_id"), "b", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);

  add_id (b, "id", FALSE);
  cardinal_test_add_column (b, "a_id", "integer", TRUE);
  cardinal_test_add_foreign_key (b, "b_a_fk", STRV ("a_id"), "a", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  add_id (c, "id", FALSE);
  cardinal_test_add_column (c, "parent_id", "integer", TRUE);
  cardinal_test_add_foreign_key (c, "c_parent_fk", STRV ("parent_id"), "c", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  return schema;
}

/* Tests */

static void
test_header (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop\nDROP TABLE \"keep\";\r\n--");
  g_autofree char *sqlite_ddl = NULL;
  g_autofree char *pg_ddl = NULL;
  CardinalTable *table = cardinal_test_add_table (schema, "item");
  sqlite3 *db;

  add_id (table, "id", FALSE);
  sqlite_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);

  g_assert_true (g_str_has_prefix (sqlite_ddl, "-- Generated by Cardinal " CARDINAL_VERSION "\n-- Model: shop DROP TABLE \"keep\";"));
  g_assert_true (g_str_has_prefix (pg_ddl, "-- Generated by Cardinal " CARDINAL_VERSION "\n-- Model: shop DROP TABLE \"keep\";"));
  g_assert_nonnull (strstr (sqlite_ddl, "\n-- Dialect: SQLite\n"));
  g_assert_nonnull (strstr (pg_ddl, "\n-- Dialect: PostgreSQL\n"));
  /* The pragma is only a hint: it is per connection, so the script does not run it. */
  g_assert_nonnull (strstr (sqlite_ddl, "-- SQLite enforces foreign keys only on connections that run: PRAGMA foreign_keys = ON;"));
  g_assert_null (strstr (sqlite_ddl, "\nPRAGMA"));
  g_assert_null (strstr (pg_ddl, "PRAGMA"));
  /* No line break from the name escapes the comment. */
  g_assert_null (strstr (sqlite_ddl, "\nDROP"));
  g_assert_null (strstr (sqlite_ddl, "\r"));

  /* Everything in one transaction, so a failure applies nothing. */
  g_assert_cmpuint (position_of (sqlite_ddl, "\nBEGIN;\n"), <, position_of (sqlite_ddl, "CREATE TABLE"));
  g_assert_true (g_str_has_suffix (sqlite_ddl, "\nCOMMIT;\n"));
  g_assert_cmpuint (position_of (pg_ddl, "\nBEGIN;\n"), <, position_of (pg_ddl, "CREATE TABLE"));
  g_assert_true (g_str_has_suffix (pg_ddl, "\nCOMMIT;\n"));

  db = open_db ();
  exec_ok (db, "CREATE TABLE \"keep\" (x INTEGER);");
  exec_ok (db, sqlite_ddl);
  cardinal_test_assert_text (query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL),
                             "item;keep");
  sqlite3_close (db);
}

static void
test_sqlite_catalogue (void)
{
  g_autoptr(CardinalSchema) schema = blog_schema ();
  sqlite3 *db = create_in_sqlite (schema);

  cardinal_test_assert_text (table_info (db, "user"),
                             "id|INTEGER|1|NULL|1;name|TEXT|1|NULL|0;email|VARCHAR(255)|0|NULL|0;active|BOOLEAN|1|TRUE|0");
  cardinal_test_assert_text (table_info (db, "post"),
                             "id|INTEGER|1|NULL|1;user_id|INTEGER|1|NULL|0;title|VARCHAR(200)|1|NULL|0;slug|TEXT|1|NULL|0");
  cardinal_test_assert_text (table_info (db, "comment"),
                             "id|INTEGER|1|NULL|1;post_id|INTEGER|0|NULL|0;body|TEXT|1|NULL|0");

  cardinal_test_assert_text (foreign_keys (db, "post"), "user|user_id|id|CASCADE");
  cardinal_test_assert_text (foreign_keys (db, "comment"), "post|post_id|id|SET NULL");

  cardinal_test_assert_text (reflect_indexes (db, "user", "u"), "unique:email");
  cardinal_test_assert_text (reflect_indexes (db, "post", "u"), "unique:user_id,slug");
  cardinal_test_assert_text (reflect_indexes (db, "post", "c"), "user_id");
  cardinal_test_assert_text (reflect_indexes (db, "comment", "c"), "post_id;unique:body,post_id");
  cardinal_test_assert_text (index_names (db, "comment"), "comment_body_idx;comment_post_id_idx");

  /* The constraints behave, not just exist. */
  exec_ok (db, "INSERT INTO \"user\" (name, email) VALUES ('ann', 'a@x'), ('bob', NULL);");
  exec_ok (db, "INSERT INTO post (user_id, title, slug) VALUES (1, 'hello', 'hello'), (2, 'hi', 'hi');");
  exec_ok (db, "INSERT INTO comment (post_id, body) VALUES (1, 'nice');");
  exec_refused (db, "INSERT INTO post (user_id, title, slug) VALUES (99, 'orphan', 'o');");
  exec_refused (db, "INSERT INTO post (user_id, title, slug) VALUES (1, 'again', 'hello');");
  exec_refused (db, "INSERT INTO \"user\" (name, email) VALUES ('cy', 'a@x');");
  exec_refused (db, "INSERT INTO \"user\" (email) VALUES ('d@x');");

  exec_ok (db, "DELETE FROM \"user\" WHERE id = 1;");
  cardinal_test_assert_text (query (db, "SELECT (SELECT count(*) FROM post), (SELECT group_concat(coalesce(post_id, 'null')) FROM comment)", NULL),
                             "1|null");
  sqlite3_close (db);
}

static void
test_sqlite_hostile_names (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("hostile");
  CardinalTable *order = cardinal_test_add_table (schema, "order");
  CardinalTable *user = cardinal_test_add_table (schema, "user");
  CardinalTable *group = cardinal_test_add_table (schema, "group");
  CardinalTable *cafe = cardinal_test_add_table (schema, "café");
  CardinalTable *spaced = cardinal_test_add_table (schema, "line item");
  g_autofree char *pg_ddl = NULL;
  sqlite3 *db;

  add_id (user, "select", TRUE);
  cardinal_test_add_column (user, "we\"ird", "text", FALSE);

  add_id (group, "id", FALSE);
  cardinal_test_add_column (group, "it's", "text", TRUE);

  add_id (order, "id", TRUE);
  cardinal_test_add_column (order, "user", "integer", FALSE);
  cardinal_test_add_column (order, "group", "integer", TRUE);
  cardinal_test_add_foreign_key (order, "order→user", STRV ("user"),
                                 "user", STRV ("select"), CARDINAL_ON_DELETE_RESTRICT);
  cardinal_test_add_foreign_key (order, "fk \"group\"", STRV ("group"),
                                 "group", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);
  cardinal_test_add_index (order, "index on \"user\"", STRV ("user"), FALSE);

  cardinal_test_add_column (cafe, "crème brûlée", "text", FALSE);
  cardinal_test_add_column (cafe, "naïve id", "integer", FALSE);
  cardinal_test_set_primary_key (cafe, STRV ("naïve id"));
  g_ptr_array_add (cafe->uniques, UNIQUE ("crème brûlée"));

  cardinal_test_add_column (spaced, "order id", "integer", FALSE);
  cardinal_test_add_column (spaced, "café's id", "integer", FALSE);
  cardinal_test_set_primary_key (spaced, STRV ("order id", "café's id"));
  cardinal_test_add_foreign_key (spaced, "line item order", STRV ("order id"),
                                 "order", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_foreign_key (spaced, "line item café", STRV ("café's id"),
                                 "café", STRV ("naïve id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_index (spaced, "it's an index", STRV ("café's id", "order id"), TRUE);

  /* PostgreSQL gets the same quoting: a double quote inside a name is doubled. */
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (pg_ddl, "\n  \"we\"\"ird\" text NOT NULL,\n  PRIMARY KEY (\"select\")\n"));
  g_assert_nonnull (strstr (pg_ddl, "\n  CONSTRAINT \"fk \"\"group\"\"\" FOREIGN KEY (\"group\") REFERENCES \"group\" (\"id\")"));
  g_assert_nonnull (strstr (pg_ddl, "\nCREATE UNIQUE INDEX \"it's an index\" ON \"line item\" (\"café's id\", \"order id\");\n"));
  g_assert_nonnull (strstr (pg_ddl, "\n  PRIMARY KEY (\"naïve id\"),\n  UNIQUE (\"crème brûlée\")\n"));

  db = create_in_sqlite (schema);

  cardinal_test_assert_text (query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL),
                             "café;group;line item;order;user");

  cardinal_test_assert_text (table_info (db, "order"),
                             "id|INTEGER|1|NULL|1;user|INTEGER|1|NULL|0;group|INTEGER|0|NULL|0");
  cardinal_test_assert_text (table_info (db, "group"), "id|INTEGER|1|NULL|1;it's|TEXT|0|NULL|0");
  cardinal_test_assert_text (table_info (db, "café"), "crème brûlée|TEXT|1|NULL|0;naïve id|INTEGER|1|NULL|1");
  cardinal_test_assert_text (table_info (db, "line item"),
                             "order id|INTEGER|1|NULL|1;café's id|INTEGER|1|NULL|2");
  cardinal_test_assert_text (table_info (db, "user"), "select|INTEGER|1|NULL|1;we\"ird|TEXT|1|NULL|0");

  cardinal_test_assert_text (foreign_keys (db, "order"),
                             "group|group|id|NO ACTION;user|user|select|RESTRICT");
  cardinal_test_assert_text (foreign_keys (db, "line item"),
                             "café|café's id|naïve id|CASCADE;order|order id|id|CASCADE");

  cardinal_test_assert_text (reflect_indexes (db, "café", "u"), "unique:crème brûlée");
  cardinal_test_assert_text (index_names (db, "line item"), "it's an index");
  cardinal_test_assert_text (index_names (db, "order"), "index on \"user\"");

  exec_ok (db,
           "INSERT INTO \"user\" (\"we\"\"ird\") VALUES ('x');"
           "INSERT INTO \"order\" (\"user\") VALUES (1);"
           "INSERT INTO \"café\" VALUES ('tart', 7);"
           "INSERT INTO \"line item\" VALUES (1, 7);");
  sqlite3_close (db);
}

static void
test_sqlite_autoincrement (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("keys");
  CardinalTable *plain = cardinal_test_add_table (schema, "plain");
  CardinalTable *big = cardinal_test_add_table (schema, "big");
  CardinalTable *pair = cardinal_test_add_table (schema, "pair");
  CardinalTable *coded = cardinal_test_add_table (schema, "coded");
  g_autofree char *ddl = NULL;
  g_autofree char *plain_sql = NULL;
  g_autofree char *pair_sql = NULL;
  g_autofree char *coded_sql = NULL;
  CardinalColumn *column;
  sqlite3 *db;

  add_id (plain, "id", TRUE);
  cardinal_test_add_column (plain, "label", "text", TRUE);

  column = add_id (big, "id", TRUE);
  g_free (column->type);
  column->type = g_strdup ("bigint");

  /* A composite key cannot autoincrement in SQLite: the flag is dropped. */
  column = cardinal_test_add_column (pair, "a", "integer", FALSE);
  column->autoincrement = TRUE;
  cardinal_test_add_column (pair, "b", "integer", FALSE);
  cardinal_test_set_primary_key (pair, STRV ("a", "b"));

  column = cardinal_test_add_column (coded, "code", "text", FALSE);
  column->autoincrement = TRUE;
  cardinal_test_set_primary_key (coded, STRV ("code"));

  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  plain_sql = create_statement (ddl, "\"plain\"");
  g_assert_nonnull (strstr (plain_sql, "\n  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL,\n"));
  g_assert_null (strstr (plain_sql, "PRIMARY KEY ("));
  g_assert_cmpuint (count_occurrences (ddl, "AUTOINCREMENT"), ==, 2);
  pair_sql = create_statement (ddl, "\"pair\"");
  g_assert_nonnull (strstr (pair_sql, "PRIMARY KEY (\"a\", \"b\")"));
  coded_sql = create_statement (ddl, "\"coded\"");
  g_assert_nonnull (strstr (coded_sql, "PRIMARY KEY (\"code\")"));
  g_assert_null (strstr (coded_sql, "AUTOINCREMENT"));

  db = open_db ();
  exec_ok (db, ddl);
  exec_ok (db,
           "INSERT INTO plain (label) VALUES ('one'), ('two');"
           "DELETE FROM plain WHERE id = 2;"
           "INSERT INTO plain (label) VALUES ('three');"
           "INSERT INTO big DEFAULT VALUES;");
  /* With AUTOINCREMENT a deleted id is never reused and SQLite keeps a sequence. */
  cardinal_test_assert_text (query (db, "SELECT name, seq FROM sqlite_sequence ORDER BY name", NULL),
                             "big|1;plain|3");
  cardinal_test_assert_text (table_info (db, "pair"), "a|INTEGER|1|NULL|1;b|INTEGER|1|NULL|2");
  sqlite3_close (db);
}

static void
test_cycle (void)
{
  g_autoptr(CardinalSchema) schema = cycle_schema ();
  g_autofree char *sqlite_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_autofree char *pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_autofree char *a_sql = NULL;
  g_autofree char *b_sql = NULL;
  g_autofree char *c_sql = NULL;
  gsize alter;
  sqlite3 *db;

  /* SQLite: every FK inline, even the one pointing forward. */
  g_assert_null (strstr (sqlite_ddl, "ALTER TABLE"));
  g_assert_cmpuint (count_occurrences (sqlite_ddl, "FOREIGN KEY"), ==, 4);
  db = open_db ();
  exec_ok (db, sqlite_ddl);
  cardinal_test_assert_text (foreign_keys (db, "a"), "b|b_id|id|SET NULL");
  cardinal_test_assert_text (foreign_keys (db, "b"), "a|a_id|id|CASCADE");
  cardinal_test_assert_text (foreign_keys (db, "c"), "c|parent_id|id|CASCADE");
  cardinal_test_assert_text (foreign_keys (db, "d"), "b|b_id|id|NO ACTION");
  /* The forward reference is enforced once the rows change. */
  exec_refused (db, "INSERT INTO a (id, b_id) VALUES (1, 5);");
  exec_ok (db,
           "INSERT INTO a (id) VALUES (1);"
           "INSERT INTO b (id, a_id) VALUES (2, 1);"
           "UPDATE a SET b_id = 2 WHERE id = 1;");
  sqlite3_close (db);

  /* PostgreSQL: the cycle is broken at the earliest table in the schema (a):
   * it is created without its FK to b, which is added after every table. */
  a_sql = create_statement (pg_ddl, "\"a\"");
  b_sql = create_statement (pg_ddl, "\"b\"");
  c_sql = create_statement (pg_ddl, "\"c\"");
  g_assert_null (strstr (a_sql, "FOREIGN KEY"));
  g_assert_nonnull (strstr (b_sql, "CONSTRAINT \"b_a_fk\" FOREIGN KEY (\"a_id\") REFERENCES \"a\" (\"id\") ON DELETE CASCADE"));
  g_assert_nonnull (strstr (c_sql, "CONSTRAINT \"c_parent_fk\" FOREIGN KEY (\"parent_id\") REFERENCES \"c\" (\"id\") ON DELETE CASCADE"));
  g_assert_cmpuint (count_occurrences (pg_ddl, "ALTER TABLE"), ==, 1);
  alter = position_of (pg_ddl,
                       "\nALTER TABLE \"a\" ADD CONSTRAINT \"a_b_fk\" FOREIGN KEY (\"b_id\") REFERENCES \"b\" (\"id\") ON DELETE SET NULL;\n");
  g_assert_cmpuint (alter, >, position_of (pg_ddl, "CREATE TABLE \"b\""));
  g_assert_cmpuint (alter, >, position_of (pg_ddl, "CREATE TABLE \"c\""));
  g_assert_cmpuint (alter, >, position_of (pg_ddl, "CREATE TABLE \"d\""));
  g_assert_cmpuint (alter, <, position_of (pg_ddl, "\nCOMMIT;"));
  /* d depends on b, so it waits for the cycle and keeps its FK inline. */
  g_assert_cmpuint (position_of (pg_ddl, "CREATE TABLE \"b\""), <, position_of (pg_ddl, "CREATE TABLE \"d\""));
  g_assert_cmpuint (position_of (pg_ddl, "CREATE TABLE \"a\""), <, position_of (pg_ddl, "CREATE TABLE \"b\""));
}

static void
test_dependency_order (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("order");
  const char *names[] = { "comment", "post", "zeta", "user", "tag", "post_tag" };
  g_autofree char *ddl = NULL;
  g_autofree char *pg_ddl = NULL;
  gsize positions[G_N_ELEMENTS (names)];
  CardinalTable *tables[G_N_ELEMENTS (names)];
  sqlite3 *db;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      tables[i] = cardinal_test_add_table (schema, names[i]);
      add_id (tables[i], "id", FALSE);
    }
  cardinal_test_add_column (tables[0], "post_id", "integer", FALSE);
  cardinal_test_add_foreign_key (tables[0], "comment_post_fk", STRV ("post_id"),
                                 "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_column (tables[1], "user_id", "integer", FALSE);
  cardinal_test_add_foreign_key (tables[1], "post_user_fk", STRV ("user_id"),
                                 "user", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_column (tables[5], "post_id", "integer", FALSE);
  cardinal_test_add_column (tables[5], "tag_id", "integer", FALSE);
  cardinal_test_add_foreign_key (tables[5], "post_tag_post_fk", STRV ("post_id"),
                                 "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  cardinal_test_add_foreign_key (tables[5], "post_tag_tag_fk", STRV ("tag_id"),
                                 "tag", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *head = g_strdup_printf ("CREATE TABLE \"%s\" (", names[i]);

      positions[i] = position_of (ddl, head);
    }

  /* Referenced tables first. */
  g_assert_cmpuint (positions[3], <, positions[1]);
  g_assert_cmpuint (positions[1], <, positions[0]);
  g_assert_cmpuint (positions[1], <, positions[5]);
  g_assert_cmpuint (positions[4], <, positions[5]);
  /* Ties keep the schema's order: zeta is free from the start and comes
   * before user; comment becomes ready together with tag and comes first. */
  g_assert_cmpuint (positions[2], <, positions[3]);
  g_assert_cmpuint (positions[0], <, positions[4]);

  /* The same order for PostgreSQL, and nothing needs ALTER TABLE. */
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_null (strstr (pg_ddl, "ALTER TABLE"));
  for (guint i = 1; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *head_a = g_strdup_printf ("CREATE TABLE \"%s\" (", names[i - 1]);
      g_autofree char *head_b = g_strdup_printf ("CREATE TABLE \"%s\" (", names[i]);

      g_assert_cmpint (position_of (pg_ddl, head_a) < position_of (pg_ddl, head_b),
                       ==,
                       positions[i - 1] < positions[i]);
    }

  db = open_db ();
  exec_ok (db, ddl);
  sqlite3_close (db);
}

/* A long chain listed backwards: each table references the next one, so the
 * whole order has to be reversed, and no FK may need ALTER TABLE. */
static void
test_long_chain (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("chain");
  const guint n = 3000;
  g_autofree char *pg_ddl = NULL;
  g_autofree char *sqlite_ddl = NULL;
  g_autofree char *count = NULL;
  g_autofree char *expected = NULL;
  const char *cursor;
  sqlite3 *db;

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("t%u", i);
      g_autofree char *next = g_strdup_printf ("t%u", i + 1);
      CardinalTable *table = cardinal_test_add_table (schema, name);

      add_id (table, "id", TRUE);
      if (i + 1 < n)
        {
          g_autofree char *index_name = g_strdup_printf ("t%u_next_idx", i);

          cardinal_test_add_column (table, "next_id", "integer", FALSE);
          cardinal_test_add_foreign_key (table, "next_fk", STRV ("next_id"),
                                         next, STRV ("id"), CARDINAL_ON_DELETE_RESTRICT);
          cardinal_test_add_index (table, index_name, STRV ("next_id"), FALSE);
        }
    }

  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_null (strstr (pg_ddl, "ALTER TABLE"));
  cursor = pg_ddl;
  for (guint i = n; i-- > 0;)
    {
      g_autofree char *head = g_strdup_printf ("CREATE TABLE \"t%u\" (", i);
      const char *found = strstr (cursor, head);

      g_assert_nonnull (found);
      cursor = found;
    }

  sqlite_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  db = open_db ();
  exec_ok (db, sqlite_ddl);
  count = query (db, "SELECT count(*) FROM sqlite_schema WHERE type IN ('table', 'index') AND name NOT LIKE 'sqlite_%'", NULL);
  expected = g_strdup_printf ("%u", 2 * n - 1);
  g_assert_cmpstr (count, ==, expected);
  sqlite3_close (db);
}

static void
test_deterministic (void)
{
  g_autoptr(CardinalSchema) blog = blog_schema ();
  g_autoptr(CardinalSchema) cycle = cycle_schema ();
  CardinalSchema *schemas[] = { blog, cycle };

  for (guint s = 0; s < G_N_ELEMENTS (schemas); s++)
    for (guint d = 0; d < 2; d++)
      {
        CardinalDialect dialect = d == 0 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
        const CardinalTable *first_table = g_ptr_array_index (schemas[s]->tables, 0);
        g_autofree char *once = cardinal_ddl_render (schemas[s], dialect);
        g_autofree char *twice = cardinal_ddl_render (schemas[s], dialect);

        g_assert_cmpstr (once, ==, twice);
        /* Rendering reorders its output, never the schema. */
        g_assert_true (g_ptr_array_index (schemas[s]->tables, 0) == first_table);
      }
}

static void
test_postgresql_shape (void)
{
  g_autoptr(CardinalSchema) schema = blog_schema ();
  CardinalTable *user = g_ptr_array_index (schema->tables, 0);
  CardinalTable *post = g_ptr_array_index (schema->tables, 1);
  CardinalTable *comment = g_ptr_array_index (schema->tables, 2);
  CardinalTable *tally = cardinal_test_add_table (schema, "tally");
  CardinalColumn *column;
  g_autofree char *ddl = NULL;
  g_autofree char *user_sql = NULL;
  g_autofree char *post_sql = NULL;
  g_autofree char *comment_sql = NULL;
  g_autofree char *tally_sql = NULL;

  set_comment (&user->comment, "People who write; it's them.");
  set_comment (&((CardinalColumn *) g_ptr_array_index (user->columns, 1))->comment, "Shown as 'display name'");
  set_comment (&((CardinalColumn *) g_ptr_array_index (post->columns, 2))->comment, "a\\b\nsecond line");
  ((CardinalForeignKey *) g_ptr_array_index (post->foreign_keys, 0))->on_delete = CARDINAL_ON_DELETE_NO_ACTION;
  ((CardinalForeignKey *) g_ptr_array_index (comment->foreign_keys, 0))->on_delete = CARDINAL_ON_DELETE_RESTRICT;

  column = add_id (tally, "n", TRUE);
  g_free (column->type);
  column->type = g_strdup ("bigint");
  /* An identity already is the default; PostgreSQL refuses both. */
  column->default_value = g_strdup ("0");
  column = cardinal_test_add_column (tally, "at", "timestamptz", FALSE);
  column->default_value = g_strdup ("CURRENT_TIMESTAMP");

  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  user_sql = create_statement (ddl, "\"user\"");
  g_assert_cmpstr (user_sql, ==,
                   "CREATE TABLE \"user\" (\n"
                   "  \"id\" integer GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"
                   "  \"name\" text NOT NULL,\n"
                   "  \"email\" varchar(255),\n"
                   "  \"active\" boolean NOT NULL DEFAULT TRUE,\n"
                   "  PRIMARY KEY (\"id\"),\n"
                   "  UNIQUE (\"email\")\n"
                   ");");
  post_sql = create_statement (ddl, "\"post\"");
  g_assert_nonnull (strstr (post_sql, "  UNIQUE (\"user_id\", \"slug\"),\n"));
  g_assert_nonnull (strstr (post_sql, "  CONSTRAINT \"post_user_fk\" FOREIGN KEY (\"user_id\") REFERENCES \"user\" (\"id\")\n);"));
  comment_sql = create_statement (ddl, "\"comment\"");
  g_assert_nonnull (strstr (comment_sql, "REFERENCES \"post\" (\"id\") ON DELETE RESTRICT\n);"));
  tally_sql = create_statement (ddl, "\"tally\"");
  g_assert_nonnull (strstr (tally_sql, "  \"n\" bigint GENERATED BY DEFAULT AS IDENTITY NOT NULL,\n"));
  g_assert_nonnull (strstr (tally_sql, "  \"at\" timestamptz NOT NULL DEFAULT CURRENT_TIMESTAMP,\n"));
  g_assert_null (strstr (ddl, "AUTOINCREMENT"));

  g_assert_nonnull (strstr (ddl, "\nCOMMENT ON TABLE \"user\" IS 'People who write; it''s them.';\n"));
  g_assert_nonnull (strstr (ddl, "\nCOMMENT ON COLUMN \"user\".\"name\" IS 'Shown as ''display name''';\n"));
  /* A backslash takes the E'' form so it means the same under any standard_conforming_strings. */
  g_assert_nonnull (strstr (ddl, "\nCOMMENT ON COLUMN \"post\".\"title\" IS E'a\\\\b\nsecond line';\n"));
  g_assert_cmpuint (count_occurrences (ddl, "COMMENT ON"), ==, 3);

  g_assert_nonnull (strstr (ddl, "\nCREATE INDEX \"post_user_id_idx\" ON \"post\" (\"user_id\");\n"));
  g_assert_nonnull (strstr (ddl, "\nCREATE UNIQUE INDEX \"comment_body_idx\" ON \"comment\" (\"body\", \"post_id\");\n"));
  /* Indexes come after every table. */
  g_assert_cmpuint (position_of (ddl, "CREATE INDEX"), >, position_of (ddl, "CREATE TABLE \"tally\""));
}

static void
test_sqlite_comments (void)
{
  g_autoptr(CardinalSchema) schema = blog_schema ();
  CardinalTable *user = g_ptr_array_index (schema->tables, 0);
  g_autofree char *ddl = NULL;
  g_autofree char *user_sql = NULL;
  g_autofree char *stored = NULL;
  sqlite3 *db;

  set_comment (&user->comment, "Accounts\n);DROP TABLE \"keep\";--");
  set_comment (&((CardinalColumn *) g_ptr_array_index (user->columns, 0))->comment, "the key");
  set_comment (&((CardinalColumn *) g_ptr_array_index (user->columns, 1))->comment, "line one\r\nline two, it's \"quoted\"");
  /* The last column's comment sits just before the closing parenthesis. */
  set_comment (&((CardinalColumn *) g_ptr_array_index (user->columns, 3))->comment, "last\n)");

  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_null (strstr (ddl, "COMMENT ON"));
  user_sql = create_statement (ddl, "\"user\"");
  g_assert_cmpstr (user_sql, ==,
                   "CREATE TABLE \"user\" ( -- Accounts );DROP TABLE \"keep\";--\n"
                   "  \"id\" INTEGER PRIMARY KEY AUTOINCREMENT NOT NULL, -- the key\n"
                   "  \"name\" TEXT NOT NULL, -- line one  line two, it's \"quoted\"\n"
                   "  \"email\" VARCHAR(255),\n"
                   "  \"active\" BOOLEAN NOT NULL DEFAULT TRUE, -- last )\n"
                   "  UNIQUE (\"email\")\n"
                   ");");

  db = open_db ();
  exec_ok (db, "CREATE TABLE \"keep\" (x INTEGER);");
  exec_ok (db, ddl);
  cardinal_test_assert_text (query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL),
                             "comment;keep;post;user");
  cardinal_test_assert_text (table_info (db, "user"),
                             "id|INTEGER|1|NULL|1;name|TEXT|1|NULL|0;email|VARCHAR(255)|0|NULL|0;active|BOOLEAN|1|TRUE|0");
  /* SQLite keeps the statement text, so the comments survive in the catalogue. */
  stored = query (db, "SELECT sql FROM sqlite_schema WHERE name = 'user'", NULL);
  g_assert_nonnull (strstr (stored, "-- line one  line two"));
  g_assert_nonnull (strstr (stored, "-- Accounts"));
  sqlite3_close (db);
}

/* CHECK expressions become table constraints that the database enforces. */
static void
test_checks (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  CardinalTable *item = cardinal_test_add_table (schema, "item");
  g_autofree char *pg_ddl = NULL;
  g_autofree char *message = NULL;
  sqlite3 *db;

  add_id (item, "id", TRUE);
  cardinal_test_add_column (item, "price", "numeric(8,2)", TRUE);
  cardinal_test_add_column (item, "qty", "integer", FALSE);
  g_ptr_array_add (item->checks, cardinal_check_new (NULL, "\"price\" >= 0"));
  g_ptr_array_add (item->checks, cardinal_check_new (NULL, "\"qty\" BETWEEN 1 AND 99"));

  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (pg_ddl, ",\n  CHECK (\"price\" >= 0),\n  CHECK (\"qty\" BETWEEN 1 AND 99)\n);"));

  db = create_in_sqlite (schema);
  exec_ok (db, "INSERT INTO item (price, qty) VALUES (1.5, 3);");
  message = try_exec (db, "INSERT INTO item (price, qty) VALUES (-1, 3);");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "CHECK constraint failed"));
  g_clear_pointer (&message, g_free);
  exec_refused (db, "INSERT INTO item (price, qty) VALUES (1, 100);");
  /* NULL passes a CHECK, as in SQL. */
  exec_ok (db, "INSERT INTO item (price, qty) VALUES (NULL, 5);");
  sqlite3_close (db);
}

/* Format 2: the physical model's new fields, run on both engines */

/* A foreign key with the format 2 options. */
static CardinalForeignKey *
add_foreign_key_full (CardinalTable    *table,
                      const char       *name,
                      GStrv             columns,
                      const char       *ref_schema,
                      const char       *ref_table,
                      GStrv             ref_columns,
                      CardinalOnDelete  on_delete,
                      CardinalOnUpdate  on_update)
{
  CardinalForeignKey *fk = cardinal_test_add_foreign_key (table, name, columns, ref_table, ref_columns, on_delete);

  fk->ref_schema = g_strdup (ref_schema);
  fk->on_update = on_update;
  return fk;
}

static CardinalIndexKey *
index_key (const char *column,
           const char *expression)
{
  CardinalIndexKey *key = g_new0 (CardinalIndexKey, 1);

  key->column = g_strdup (column);
  key->expression = g_strdup (expression);
  return key;
}

static CardinalIndex *
add_index_full (CardinalTable *table,
                const char    *name,
                GStrv          columns,
                gboolean       unique)
{
  cardinal_test_add_index (table, name, columns, unique);
  return g_ptr_array_index (table->indexes, table->indexes->len - 1);
}

static CardinalSqlObject *
add_object (CardinalSchema  *schema,
            const char      *name,
            const char      *kind,
            CardinalDialect  dialect,
            const char      *sql)
{
  CardinalSqlObject *object = cardinal_sql_object_new (name, kind, dialect, sql);

  g_ptr_array_add (schema->objects, object);
  return object;
}

/* A fresh database on the suite's PostgreSQL holding @schema's DDL, or
 * NULL when the test was skipped (no PostgreSQL outside CI). */
static PGconn *
create_in_postgresql (const CardinalSchema *schema)
{
  CardinalTestPg *pg = cardinal_test_pg_suite ();
  g_autoptr(GError) error = NULL;
  g_autofree char *dbname = NULL;
  g_autofree char *ddl = NULL;
  PGconn *conn;
  PGresult *result;

  if (pg == NULL)
    return NULL;
  conn = cardinal_test_pg_new_database (pg, &dbname, &error);
  g_assert_no_error (error);
  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  result = PQexec (conn, ddl);
  if (PQresultStatus (result) != PGRES_COMMAND_OK)
    g_test_message ("SQL that failed:\n%s\n%s", ddl, PQerrorMessage (conn));
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_COMMAND_OK);
  PQclear (result);
  return conn;
}

/* Every row of @sql ($1 bound to @param when not NULL), columns joined by
 * '|', rows by ';'; NULL reads as "NULL". */
static char *
pg_query (PGconn     *conn,
          const char *sql,
          const char *param)
{
  const char *params[1] = { param };
  PGresult *result = PQexecParams (conn, sql, param != NULL ? 1 : 0, NULL, params, NULL, NULL, 0);
  GString *out = g_string_new (NULL);

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    g_test_message ("%s: %s", sql, PQerrorMessage (conn));
  g_assert_cmpint (PQresultStatus (result), ==, PGRES_TUPLES_OK);
  for (int row = 0; row < PQntuples (result); row++)
    {
      if (row > 0)
        g_string_append_c (out, ';');
      for (int col = 0; col < PQnfields (result); col++)
        {
          if (col > 0)
            g_string_append_c (out, '|');
          g_string_append (out, PQgetisnull (result, row, col) ? "NULL" : PQgetvalue (result, row, col));
        }
    }
  PQclear (result);
  return g_string_free (out, FALSE);
}

/* Runs @sql; returns the error message or NULL when it succeeded. */
static char *
pg_try_exec (PGconn     *conn,
             const char *sql)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  char *message = NULL;

  if (status != PGRES_COMMAND_OK && status != PGRES_TUPLES_OK)
    message = g_strdup (PQerrorMessage (conn));
  PQclear (result);
  return message;
}

static void
pg_exec_ok (PGconn     *conn,
            const char *sql)
{
  g_autofree char *message = pg_try_exec (conn, sql);

  if (message != NULL)
    g_test_message ("%s: %s", sql, message);
  g_assert_null (message);
}

/* Fails the test unless PostgreSQL refuses @sql. */
static void
pg_exec_refused (PGconn     *conn,
                 const char *sql)
{
  g_autofree char *message = pg_try_exec (conn, sql);

  g_assert_nonnull (message);
}

/* Every constraint of @table ("schema.table") as "name|definition", by name. */
static char *
pg_constraints (PGconn     *conn,
                const char *table)
{
  return pg_query (conn,
                   "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint"
                   " WHERE conrelid = $1::regclass ORDER BY conname",
                   table);
}

/* Every index of @table as its definition, by name, without the primary key's. */
static char *
pg_indexes (PGconn     *conn,
            const char *table)
{
  return pg_query (conn,
                   "SELECT pg_get_indexdef(indexrelid) FROM pg_index"
                   " WHERE indrelid = $1::regclass AND NOT indisprimary"
                   " ORDER BY indexrelid::regclass::text",
                   table);
}

/* A parent with a two-column key and a child with every constraint option. */
static CardinalSchema *
constraints_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("constraints");
  CardinalTable *parent = cardinal_test_add_table (schema, "parent");
  CardinalTable *child = cardinal_test_add_table (schema, "child");
  CardinalUnique *unique;
  CardinalForeignKey *fk;
  CardinalColumn *column;

  cardinal_test_add_column (parent, "region", "integer", FALSE);
  cardinal_test_add_column (parent, "code", "integer", FALSE);
  cardinal_test_add_column (parent, "label", "text", TRUE);
  cardinal_test_set_primary_key (parent, STRV ("code", "region"));
  parent->primary_key_name = g_strdup ("parent_key");
  unique = UNIQUE ("label");
  unique->name = g_strdup ("parent_label_key");
  unique->include = STRV ("region");
  unique->nulls_not_distinct = TRUE;
  g_ptr_array_add (parent->uniques, unique);

  add_id (child, "id", FALSE);
  child->primary_key_name = g_strdup ("child_pk");
  column = cardinal_test_add_column (child, "region", "integer", TRUE);
  column->default_value = g_strdup ("0");
  column = cardinal_test_add_column (child, "code", "integer", TRUE);
  column->default_value = g_strdup ("1");
  cardinal_test_add_column (child, "rank", "integer", TRUE);
  unique = UNIQUE ("rank");
  unique->name = g_strdup ("child_rank_key");
  unique->deferrable = TRUE;
  unique->initially_deferred = TRUE;
  g_ptr_array_add (child->uniques, unique);
  g_ptr_array_add (child->checks, cardinal_check_new ("rank_positive", "\"rank\" > 0"));
  fk = add_foreign_key_full (child, "child_parent_fk", STRV ("code", "region"), NULL, "parent",
                             STRV ("code", "region"), CARDINAL_ON_DELETE_SET_DEFAULT, CARDINAL_ON_DELETE_CASCADE);
  fk->match_full = TRUE;
  fk->deferrable = TRUE;
  fk->initially_deferred = TRUE;
  return schema;
}

static void
test_pg_constraints (void)
{
  g_autoptr(CardinalSchema) schema = constraints_schema ();
  PGconn *conn = create_in_postgresql (schema);

  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_constraints (conn, "parent"),
                             "parent_key|PRIMARY KEY (code, region);"
                             "parent_label_key|UNIQUE NULLS NOT DISTINCT (label) INCLUDE (region)");
  cardinal_test_assert_text (pg_constraints (conn, "child"),
                             "child_parent_fk|FOREIGN KEY (code, region) REFERENCES parent(code, region) MATCH FULL"
                             " ON UPDATE CASCADE ON DELETE SET DEFAULT DEFERRABLE INITIALLY DEFERRED;"
                             "child_pk|PRIMARY KEY (id);"
                             "child_rank_key|UNIQUE (rank) DEFERRABLE INITIALLY DEFERRED;"
                             "rank_positive|CHECK ((rank > 0))");

  /* They behave: MATCH FULL refuses a half-null key, the deferred FK and
   * UNIQUE wait for COMMIT, ON UPDATE and ON DELETE act. */
  pg_exec_ok (conn, "INSERT INTO parent VALUES (0, 1, NULL), (7, 1, 'x')");
  pg_exec_refused (conn, "INSERT INTO parent VALUES (8, 1, NULL)");
  pg_exec_refused (conn, "INSERT INTO child VALUES (1, 7, NULL, 1)");
  pg_exec_ok (conn, "BEGIN; INSERT INTO child VALUES (1, 9, 2, 1), (2, 7, 1, 1); UPDATE child SET \"rank\" = 2 WHERE id = 2;"
                    " INSERT INTO parent VALUES (9, 2, 'y'); COMMIT");
  pg_exec_ok (conn, "UPDATE parent SET code = 5 WHERE region = 9");
  pg_exec_ok (conn, "DELETE FROM parent WHERE region = 7");
  cardinal_test_assert_text (pg_query (conn, "SELECT id, region, code FROM child ORDER BY id", NULL),
                             "1|9|5;2|0|1");
  PQfinish (conn);
}

static void
test_sqlite_constraints (void)
{
  g_autoptr(CardinalSchema) schema = constraints_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_autofree char *message = NULL;
  sqlite3 *db;

  g_assert_nonnull (strstr (ddl, "\n  CONSTRAINT \"child_pk\" PRIMARY KEY (\"id\"),\n"));
  g_assert_nonnull (strstr (ddl, "\n  CONSTRAINT \"rank_positive\" CHECK (\"rank\" > 0),\n"));
  g_assert_nonnull (strstr (ddl, " MATCH FULL ON DELETE SET DEFAULT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED\n"));
  /* What SQLite has no form for is named in a comment line. */
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: INCLUDE of UNIQUE (label) on parent.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: NULLS NOT DISTINCT of UNIQUE (label) on parent.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: DEFERRABLE of UNIQUE (rank) on child.\n"));

  db = create_in_sqlite (schema);
  cardinal_test_assert_text (query (db, "SELECT \"table\", \"from\", \"to\", on_update, on_delete, \"match\""
                                        " FROM pragma_foreign_key_list('child') ORDER BY seq", NULL),
                             "parent|code|code|CASCADE|SET DEFAULT|NONE;parent|region|region|CASCADE|SET DEFAULT|NONE");
  /* The FK is checked at COMMIT, not at the INSERT. */
  exec_ok (db, "BEGIN; INSERT INTO child VALUES (1, 9, 2, 1); INSERT INTO parent VALUES (9, 2, 'y'); COMMIT;");
  exec_refused (db, "BEGIN; INSERT INTO child VALUES (2, 4, 4, 2); COMMIT;");
  exec_ok (db, "ROLLBACK;");
  exec_ok (db, "UPDATE parent SET code = 5 WHERE region = 9;");
  cardinal_test_assert_text (query (db, "SELECT id, region, code FROM child ORDER BY id", NULL), "1|9|5");
  g_clear_pointer (&message, g_free);
  message = try_exec (db, "INSERT INTO child VALUES (3, 9, 5, 0);");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "rank_positive"));
  sqlite3_close (db);
}

/* Expression, partial, gin (with an operator class) and INCLUDE indexes. */
static CardinalSchema *
indexes_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("indexes");
  CardinalTable *doc = cardinal_test_add_table (schema, "doc");
  CardinalIndex *index;
  CardinalIndexKey *key;
  CardinalExtension *extension = g_new0 (CardinalExtension, 1);

  extension->name = g_strdup ("pg_trgm");
  extension->schema = g_strdup ("public");
  g_ptr_array_add (schema->extensions, extension);

  add_id (doc, "id", TRUE);
  cardinal_test_add_column (doc, "title", "text", FALSE);
  cardinal_test_add_column (doc, "owner", "integer", TRUE);
  cardinal_test_add_column (doc, "deleted_at", "timestamp", TRUE);

  index = add_index_full (doc, "doc_lower_title_idx", STRV ("", "owner"), TRUE);
  index->keys = cardinal_index_key_array_new ();
  g_ptr_array_add (index->keys, index_key (NULL, "lower(title)"));
  key = index_key ("owner", NULL);
  key->descending = TRUE;
  key->nulls = CARDINAL_NULLS_LAST;
  g_ptr_array_add (index->keys, key);
  index->where = g_strdup ("deleted_at IS NULL");

  index = add_index_full (doc, "doc_title_trgm_idx", STRV ("title"), FALSE);
  index->method = g_strdup ("gin");
  index->keys = cardinal_index_key_array_new ();
  key = index_key ("title", NULL);
  key->opclass = g_strdup ("gin_trgm_ops");
  g_ptr_array_add (index->keys, key);

  index = add_index_full (doc, "doc_owner_idx", STRV ("owner", "title"), TRUE);
  index->include = STRV ("deleted_at");
  index->nulls_not_distinct = TRUE;
  index->keys = cardinal_index_key_array_new ();
  g_ptr_array_add (index->keys, index_key ("owner", NULL));
  key = index_key ("title", NULL);
  key->collation = g_strdup ("C");
  key->nulls = CARDINAL_NULLS_FIRST;
  g_ptr_array_add (index->keys, key);
  return schema;
}

static void
test_pg_indexes (void)
{
  g_autoptr(CardinalSchema) schema = indexes_schema ();
  PGconn *conn = create_in_postgresql (schema);

  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_indexes (conn, "doc"),
                             "CREATE UNIQUE INDEX doc_lower_title_idx ON public.doc USING btree (lower(title), owner DESC NULLS LAST)"
                             " WHERE (deleted_at IS NULL);"
                             "CREATE UNIQUE INDEX doc_owner_idx ON public.doc USING btree (owner, title COLLATE \"C\" NULLS FIRST)"
                             " INCLUDE (deleted_at) NULLS NOT DISTINCT;"
                             "CREATE INDEX doc_title_trgm_idx ON public.doc USING gin (title gin_trgm_ops)");
  /* Unique only among the rows the predicate keeps, and up to case. */
  pg_exec_ok (conn, "INSERT INTO doc (title, owner, deleted_at) VALUES ('A', 1, now()), ('a', 1, NULL)");
  pg_exec_refused (conn, "INSERT INTO doc (title, owner) VALUES ('a', 1)");
  PQfinish (conn);
}

static void
test_sqlite_indexes (void)
{
  g_autoptr(CardinalSchema) schema = indexes_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  sqlite3 *db;

  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: extension pg_trgm.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: NULLS LAST in index doc_lower_title_idx.\n"
                                 "CREATE UNIQUE INDEX \"doc_lower_title_idx\" ON \"doc\" (lower(title), \"owner\" DESC)"
                                 " WHERE deleted_at IS NULL;\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: USING gin of index doc_title_trgm_idx.\n"
                                 "-- Left out for SQLite: operator class gin_trgm_ops in index doc_title_trgm_idx.\n"
                                 "CREATE INDEX \"doc_title_trgm_idx\" ON \"doc\" (\"title\");\n"));
  g_assert_nonnull (strstr (ddl, "-- Left out for SQLite: COLLATE \"C\" of index doc_owner_idx (SQLite has only BINARY, NOCASE and RTRIM).\n"));
  g_assert_nonnull (strstr (ddl, "-- Left out for SQLite: INCLUDE of index doc_owner_idx.\n"));
  g_assert_null (strstr (ddl, "pg_trgm\""));

  db = create_in_sqlite (schema);
  cardinal_test_assert_text (query (db, "SELECT name, \"unique\", partial FROM pragma_index_list('doc') ORDER BY name", NULL),
                             "doc_lower_title_idx|1|1;doc_owner_idx|1|0;doc_title_trgm_idx|0|0");
  /* An expression key has no column name (cid -2); the second key is descending. */
  cardinal_test_assert_text (query (db, "SELECT cid, name, desc FROM pragma_index_xinfo('doc_lower_title_idx') WHERE key", NULL),
                             "-2|NULL|0;2|owner|1");
  exec_ok (db, "INSERT INTO doc (title, owner, deleted_at) VALUES ('A', 1, 1), ('X', 1, NULL);");
  exec_refused (db, "INSERT INTO doc (title, owner) VALUES ('x', 1);");
  sqlite3_close (db);
}

/* Identity ALWAYS with options, serial with options and a name, bigserial. */
static CardinalSchema *
identity_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("identity");
  CardinalTable *ticket = cardinal_test_add_table (schema, "ticket");
  CardinalTable *tally = cardinal_test_add_table (schema, "tally");
  CardinalTable *counter = cardinal_test_add_table (schema, "counter");
  CardinalColumn *column;

  column = add_id (ticket, "id", TRUE);
  column->identity = CARDINAL_IDENTITY_ALWAYS;
  column->sequence = cardinal_sequence_new ("ticket_numbers");
  column->sequence->has_start = TRUE;
  column->sequence->start = 100;
  column->sequence->has_increment = TRUE;
  column->sequence->increment = 10;
  column->sequence->has_max = TRUE;
  column->sequence->max = 1000;
  column->sequence->cycle = TRUE;
  cardinal_test_add_column (ticket, "note", "text", TRUE);
  ticket->primary_key_name = g_strdup ("ticket_pk");

  column = add_id (tally, "n", TRUE);
  column->identity = CARDINAL_IDENTITY_SERIAL;
  column->sequence = cardinal_sequence_new ("tally_numbers");
  column->sequence->has_start = TRUE;
  column->sequence->start = 5;
  column->sequence->has_increment = TRUE;
  column->sequence->increment = 5;
  column->sequence->has_cache = TRUE;
  column->sequence->cache = 3;
  /* A serial's default is its own; the one an import saw is not written. */
  column->default_value = g_strdup ("nextval('tally_numbers'::regclass)");

  column = add_id (counter, "id", TRUE);
  g_free (column->type);
  column->type = g_strdup ("bigint");
  column->identity = CARDINAL_IDENTITY_SERIAL;
  return schema;
}

static void
test_pg_identity (void)
{
  g_autoptr(CardinalSchema) schema = identity_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  PGconn *conn;

  g_assert_nonnull (strstr (ddl, "\"id\" integer GENERATED ALWAYS AS IDENTITY ( SEQUENCE NAME \"ticket_numbers\" START WITH 100 INCREMENT BY 10 MAXVALUE 1000 CYCLE ) NOT NULL"));
  g_assert_nonnull (strstr (ddl, "\"n\" serial NOT NULL,"));
  g_assert_nonnull (strstr (ddl, "\"id\" bigserial NOT NULL,"));
  conn = create_in_postgresql (schema);
  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT attrelid::regclass, attname, format_type(atttypid, atttypmod), attidentity,"
                                       " coalesce(pg_get_expr(adbin, adrelid), 'NULL'), pg_get_serial_sequence(attrelid::regclass::text, attname)"
                                       " FROM pg_attribute LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                                       " WHERE attrelid IN ('ticket'::regclass, 'tally'::regclass, 'counter'::regclass) AND attnum = 1"
                                       " ORDER BY attrelid::regclass::text",
                                       NULL),
                             "counter|id|bigint||nextval('counter_id_seq'::regclass)|public.counter_id_seq;"
                             "tally|n|integer||nextval('tally_numbers'::regclass)|public.tally_numbers;"
                             "ticket|id|integer|a|NULL|public.ticket_numbers");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT seqrelid::regclass, format_type(seqtypid, NULL), seqstart, seqincrement, seqmax, seqmin, seqcache, seqcycle"
                                       " FROM pg_sequence ORDER BY seqrelid::regclass::text",
                                       NULL),
                             "counter_id_seq|bigint|1|1|9223372036854775807|1|1|f;"
                             "tally_numbers|integer|5|5|2147483647|1|3|f;"
                             "ticket_numbers|integer|100|10|1000|1|1|t");
  /* ALWAYS refuses a value given by hand; the serial starts where it was told to. */
  cardinal_test_assert_text (pg_constraints (conn, "ticket"), "ticket_pk|PRIMARY KEY (id)");
  pg_exec_refused (conn, "INSERT INTO ticket (id) VALUES (1)");
  pg_exec_ok (conn, "INSERT INTO ticket (note) VALUES ('a'); INSERT INTO tally DEFAULT VALUES; INSERT INTO tally DEFAULT VALUES");
  cardinal_test_assert_text (pg_query (conn, "SELECT (SELECT string_agg(id::text, ',') FROM ticket), (SELECT string_agg(n::text, ',' ORDER BY n) FROM tally)", NULL),
                             "100|5,10");
  PQfinish (conn);
}

/* A serial sequence's options reach it under the name PostgreSQL gave it,
 * also when <table>_<column>_seq had to be cut inside a character. */
static void
test_pg_serial_long_name (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("long");
  g_autoptr(GString) name = g_string_new ("x");
  g_autofree char *table_name = NULL;
  CardinalTable *table;
  CardinalColumn *column;
  PGconn *conn;

  for (guint i = 0; i < 30; i++)
    g_string_append (name, "é");
  table_name = g_strdup (name->str);
  table = cardinal_test_add_table (schema, table_name);
  column = add_id (table, "id", TRUE);
  column->identity = CARDINAL_IDENTITY_SERIAL;
  column->sequence = cardinal_sequence_new (NULL);
  column->sequence->has_start = TRUE;
  column->sequence->start = 7;

  conn = create_in_postgresql (schema);
  if (conn == NULL)
    return;
  /* 'x' and 27 of the 30 é: the 28th would end past byte 58. */
  g_string_truncate (name, 1 + 27 * strlen ("é"));
  g_string_append (name, "_id_seq");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT c.relname = $1, seqstart FROM pg_sequence JOIN pg_class c ON c.oid = seqrelid",
                                       name->str),
                             "t|7");
  PQfinish (conn);
}

static void
test_sqlite_identity (void)
{
  g_autoptr(CardinalSchema) schema = identity_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  sqlite3 *db;

  /* All three kinds alias the rowid with AUTOINCREMENT. */
  g_assert_cmpuint (count_occurrences (ddl, "PRIMARY KEY AUTOINCREMENT NOT NULL"), ==, 3);
  g_assert_nonnull (strstr (ddl, "\n  \"id\" INTEGER CONSTRAINT \"ticket_pk\" PRIMARY KEY AUTOINCREMENT NOT NULL,\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: the sequence options of ticket.id.\n"));
  g_assert_null (strstr (ddl, "serial"));
  db = create_in_sqlite (schema);
  exec_ok (db, "INSERT INTO ticket (note) VALUES ('a'); INSERT INTO counter DEFAULT VALUES;");
  cardinal_test_assert_text (query (db, "SELECT name, seq FROM sqlite_sequence ORDER BY name", NULL),
                             "counter|1;ticket|1");
  sqlite3_close (db);
}

/* An enum and a domain (named CHECKs, one with 'VALUE' in a string), used by columns. */
static CardinalSchema *
types_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("types");
  CardinalUserType *mood = cardinal_user_type_new ("mood", CARDINAL_USER_TYPE_ENUM);
  CardinalUserType *score = cardinal_user_type_new ("score", CARDINAL_USER_TYPE_DOMAIN);
  CardinalUserType *tag = cardinal_user_type_new ("tag", CARDINAL_USER_TYPE_DOMAIN);
  CardinalUserType *cheerful = cardinal_user_type_new ("cheerful", CARDINAL_USER_TYPE_DOMAIN);
  CardinalTable *person = cardinal_test_add_table (schema, "person");
  CardinalColumn *column;

  g_strfreev (mood->values);
  mood->values = STRV ("sad", "ok", "it's fine");
  g_free (mood->comment);
  mood->comment = g_strdup ("How someone feels");
  g_ptr_array_add (schema->types, mood);

  score->base = g_strdup ("integer");
  score->nullable = FALSE;
  score->default_value = g_strdup ("50");
  g_ptr_array_add (score->checks, cardinal_check_new ("score_range", "VALUE >= 0 AND value <= 100"));
  g_ptr_array_add (schema->types, score);

  tag->base = g_strdup ("text");
  tag->collation = g_strdup ("C");
  g_ptr_array_add (tag->checks, cardinal_check_new (NULL, "VALUE <> 'VALUE'"));
  g_ptr_array_add (schema->types, tag);

  /* A domain over the enum, listed after it. */
  cheerful->base = g_strdup ("mood");
  g_ptr_array_add (cheerful->checks, cardinal_check_new (NULL, "VALUE <> 'sad'"));
  g_ptr_array_add (schema->types, cheerful);

  add_id (person, "id", FALSE);
  cardinal_test_add_column (person, "mood", "mood", TRUE);
  column = cardinal_test_add_column (person, "score", "integer", TRUE);
  column->sql_type = g_strdup ("score");
  cardinal_test_add_column (person, "tag", "tag", TRUE);
  cardinal_test_add_column (person, "cheer", "cheerful", TRUE);
  return schema;
}

static void
test_pg_types (void)
{
  g_autoptr(CardinalSchema) schema = types_schema ();
  PGconn *conn = create_in_postgresql (schema);

  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT attname, format_type(atttypid, atttypmod), attnotnull FROM pg_attribute"
                                       " WHERE attrelid = 'person'::regclass AND attnum > 0 ORDER BY attnum",
                                       NULL),
                             "id|integer|t;mood|mood|f;score|score|f;tag|tag|f;cheer|cheerful|f");
  cardinal_test_assert_text (pg_query (conn, "SELECT string_agg(enumlabel, ',' ORDER BY enumsortorder) FROM pg_enum WHERE enumtypid = 'mood'::regtype", NULL),
                             "sad,ok,it's fine");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT typname, format_type(typbasetype, typtypmod), typnotnull, coalesce(typdefault, 'NULL'),"
                                       " coalesce(conname, 'NULL'), coalesce(pg_get_constraintdef(c.oid), 'NULL')"
                                       " FROM pg_type t LEFT JOIN pg_constraint c ON c.contypid = t.oid"
                                       " WHERE typtype = 'd' AND typnamespace = 'public'::regnamespace ORDER BY typname",
                                       NULL),
                             "cheerful|mood|f|NULL|cheerful_check|CHECK ((VALUE <> 'sad'::mood));"
                             "score|integer|t|50|score_range|CHECK (((VALUE >= 0) AND (VALUE <= 100)));"
                             "tag|text|f|NULL|tag_check|CHECK ((VALUE <> 'VALUE'::text))");
  cardinal_test_assert_text (pg_query (conn, "SELECT collname FROM pg_type JOIN pg_collation c ON c.oid = typcollation WHERE typname = 'tag'", NULL),
                             "C");
  cardinal_test_assert_text (pg_query (conn, "SELECT obj_description('mood'::regtype, 'pg_type')", NULL),
                             "How someone feels");
  pg_exec_refused (conn, "INSERT INTO person (id, mood) VALUES (1, 'glad')");
  pg_exec_refused (conn, "INSERT INTO person (id, score) VALUES (1, 101)");
  pg_exec_refused (conn, "INSERT INTO person (id, cheer) VALUES (1, 'sad')");
  pg_exec_ok (conn, "INSERT INTO person (id, mood) VALUES (1, 'it''s fine')");
  cardinal_test_assert_text (pg_query (conn, "SELECT mood, score FROM person", NULL), "it's fine|50");
  PQfinish (conn);
}

/* SQLite writes the types into the columns. A column named "VALUE" stays
 * a column in a domain CHECK: the quoted name is not the keyword. */
static void
test_sqlite_types (void)
{
  g_autoptr(CardinalSchema) schema = types_schema ();
  CardinalTable *person = g_ptr_array_index (schema->tables, 0);
  g_autofree char *ddl = NULL;
  g_autofree char *message = NULL;
  sqlite3 *db;

  cardinal_test_add_column (person, "VALUE", "text", TRUE);
  g_ptr_array_add (((CardinalUserType *) g_ptr_array_index (schema->types, 2))->checks,
                   cardinal_check_new (NULL, "\"VALUE\" IS NULL OR \"VALUE\" <> value -- VALUE"));
  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_nonnull (strstr (ddl, "\n  \"mood\" TEXT CHECK (\"mood\" IN ('sad', 'ok', 'it''s fine')),\n"));
  g_assert_nonnull (strstr (ddl, "\n  \"score\" INTEGER NOT NULL DEFAULT 50 CONSTRAINT \"score_range\" CHECK (\"score\" >= 0 AND \"score\" <= 100),\n"));
  g_assert_nonnull (strstr (ddl, "\n  \"tag\" TEXT CHECK (\"tag\" <> 'VALUE') CHECK (\"VALUE\" IS NULL OR \"VALUE\" <> \"tag\" -- VALUE\n),\n"));
  g_assert_nonnull (strstr (ddl, "\n  \"cheer\" TEXT CHECK (\"cheer\" IN ('sad', 'ok', 'it''s fine')) CHECK (\"cheer\" <> 'sad'),\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: COLLATE \"C\" of person.tag (SQLite has only BINARY, NOCASE and RTRIM).\n"));
  g_assert_null (strstr (ddl, "CREATE TYPE"));
  g_assert_null (strstr (ddl, "CREATE DOMAIN"));

  db = create_in_sqlite (schema);
  cardinal_test_assert_text (table_info (db, "person"),
                             "id|INTEGER|1|NULL|1;mood|TEXT|0|NULL|0;score|INTEGER|1|50|0;tag|TEXT|0|NULL|0;cheer|TEXT|0|NULL|0;VALUE|TEXT|0|NULL|0");
  exec_refused (db, "INSERT INTO person (id, mood) VALUES (1, 'glad');");
  message = try_exec (db, "INSERT INTO person (id, score) VALUES (1, 101);");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "score_range"));
  g_clear_pointer (&message, g_free);
  exec_refused (db, "INSERT INTO person (id, tag) VALUES (1, 'VALUE');");
  exec_refused (db, "INSERT INTO person (id, tag, \"VALUE\") VALUES (1, 'x', 'x');");
  exec_refused (db, "INSERT INTO person (id, cheer) VALUES (1, 'sad');");
  exec_refused (db, "INSERT INTO person (id, cheer) VALUES (1, 'glad');");
  exec_ok (db, "INSERT INTO person (id, mood, tag) VALUES (1, 'it''s fine', 'x');");
  cardinal_test_assert_text (query (db, "SELECT mood, score, tag FROM person", NULL), "it's fine|50|x");
  sqlite3_close (db);
}

/* Tables in two schemas with a cross-schema FK cycle, a standalone sequence
 * owned by a column, an unlogged table and comments. */
static CardinalSchema *
schemas_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("schemas");
  CardinalTable *account = cardinal_test_add_table (schema, "account");
  CardinalTable *audit_account = cardinal_test_add_table (schema, "account");
  CardinalTable *scratch = cardinal_test_add_table (schema, "scratch");
  CardinalSequence *sequence = cardinal_sequence_new ("invoice_no");
  CardinalUserType *status = cardinal_user_type_new ("status", CARDINAL_USER_TYPE_ENUM);
  CardinalColumn *column;

  g_ptr_array_add (schema->schemas, g_strdup ("app"));
  g_ptr_array_add (schema->schemas, g_strdup ("audit log"));
  sequence->schema = g_strdup ("app");
  sequence->type = g_strdup ("integer");
  sequence->has_start = TRUE;
  sequence->start = 1000;
  sequence->has_increment = TRUE;
  sequence->increment = -1;
  sequence->has_min = TRUE;
  sequence->min = 1;
  sequence->has_max = TRUE;
  sequence->max = 1000;
  sequence->has_cache = TRUE;
  sequence->cache = 5;
  sequence->cycle = TRUE;
  sequence->owned_by = g_strdup ("app.account.invoice");
  g_ptr_array_add (schema->sequences, sequence);

  account->schema = g_strdup ("app");
  add_id (account, "id", FALSE);
  column = cardinal_test_add_column (account, "invoice", "integer", TRUE);
  column->default_value = g_strdup ("nextval('app.invoice_no')");
  cardinal_test_add_column (account, "last_audit", "integer", TRUE);
  set_comment (&account->comment, "Accounts");
  set_comment (&column->comment, "Next invoice number");
  add_foreign_key_full (account, "account_last_audit_fk", STRV ("last_audit"), "audit log", "account", STRV ("id"),
                        CARDINAL_ON_DELETE_SET_NULL, CARDINAL_ON_DELETE_NO_ACTION);
  cardinal_test_add_index (account, "account_invoice_idx", STRV ("invoice"), FALSE);
  status->schema = g_strdup ("app");
  g_strfreev (status->values);
  status->values = STRV ("open", "closed");
  g_ptr_array_add (schema->types, status);
  cardinal_test_add_column (account, "state", "app.status", TRUE);

  /* The same table name in another schema. */
  audit_account->schema = g_strdup ("audit log");
  add_id (audit_account, "id", FALSE);
  cardinal_test_add_column (audit_account, "account_id", "integer", FALSE);
  add_foreign_key_full (audit_account, "audit_account_fk", STRV ("account_id"), "app", "account", STRV ("id"),
                        CARDINAL_ON_DELETE_CASCADE, CARDINAL_ON_DELETE_NO_ACTION);

  scratch->unlogged = TRUE;
  cardinal_test_add_column (scratch, "x", "integer", TRUE);
  return schema;
}

static void
test_pg_schemas (void)
{
  g_autoptr(CardinalSchema) schema = schemas_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  PGconn *conn;

  /* The cycle is closed with a qualified ALTER TABLE. */
  g_assert_nonnull (strstr (ddl, "\nALTER TABLE \"app\".\"account\" ADD CONSTRAINT \"account_last_audit_fk\" FOREIGN KEY"
                                 " (\"last_audit\") REFERENCES \"audit log\".\"account\" (\"id\") ON DELETE SET NULL;\n"));
  g_assert_cmpuint (position_of (ddl, "CREATE SCHEMA IF NOT EXISTS \"app\";"), <, position_of (ddl, "CREATE SEQUENCE"));
  g_assert_cmpuint (position_of (ddl, "CREATE SEQUENCE \"app\".\"invoice_no\" AS integer START WITH 1000 INCREMENT BY -1"
                                 " MINVALUE 1 MAXVALUE 1000 CACHE 5 CYCLE;"), <,
                    position_of (ddl, "CREATE TABLE"));
  g_assert_cmpuint (position_of (ddl, "ALTER SEQUENCE \"app\".\"invoice_no\" OWNED BY \"app\".\"account\".\"invoice\";"), >,
                    position_of (ddl, "CREATE INDEX"));

  conn = create_in_postgresql (schema);
  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT n.nspname, c.relname, c.relpersistence FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE c.relkind = 'r' AND n.nspname NOT IN ('pg_catalog', 'information_schema') ORDER BY 1, 2",
                                       NULL),
                             "app|account|p;audit log|account|p;public|scratch|u");
  cardinal_test_assert_text (pg_constraints (conn, "app.account"),
                             "account_last_audit_fk|FOREIGN KEY (last_audit) REFERENCES \"audit log\".account(id) ON DELETE SET NULL;"
                             "account_pkey|PRIMARY KEY (id)");
  cardinal_test_assert_text (pg_constraints (conn, "\"audit log\".account"),
                             "account_pkey|PRIMARY KEY (id);"
                             "audit_account_fk|FOREIGN KEY (account_id) REFERENCES app.account(id) ON DELETE CASCADE");
  cardinal_test_assert_text (pg_indexes (conn, "app.account"),
                             "CREATE INDEX account_invoice_idx ON app.account USING btree (invoice)");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT format_type(seqtypid, NULL), seqstart, seqincrement, seqmin, seqmax, seqcache, seqcycle,"
                                       " pg_get_serial_sequence('app.account', 'invoice')"
                                       " FROM pg_sequence WHERE seqrelid = 'app.invoice_no'::regclass",
                                       NULL),
                             "integer|1000|-1|1|1000|5|t|app.invoice_no");
  cardinal_test_assert_text (pg_query (conn, "SELECT obj_description('app.account'::regclass, 'pg_class'), col_description('app.account'::regclass, 2)", NULL),
                             "Accounts|Next invoice number");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT format_type(atttypid, atttypmod), typnamespace::regnamespace FROM pg_attribute JOIN pg_type t ON t.oid = atttypid"
                                       " WHERE attrelid = 'app.account'::regclass AND attname = 'state'",
                                       NULL),
                             "app.status|app");
  pg_exec_ok (conn, "INSERT INTO app.account (id) VALUES (1), (2)");
  cardinal_test_assert_text (pg_query (conn, "SELECT string_agg(invoice::text, ',' ORDER BY id) FROM app.account", NULL),
                             "1000,999");
  PQfinish (conn);
}

static void
test_sqlite_schemas (void)
{
  g_autoptr(CardinalSchema) schema = schemas_schema ();
  CardinalTable *account = g_ptr_array_index (schema->tables, 0);
  CardinalTable *audit_account = g_ptr_array_index (schema->tables, 1);
  CardinalForeignKey *fk = g_ptr_array_index (account->foreign_keys, 0);
  CardinalColumn *invoice = g_ptr_array_index (account->columns, 1);
  g_autofree char *ddl = NULL;
  sqlite3 *db;

  /* SQLite has one namespace: the second "account" is renamed for this
   * test, and the sequence's default has no SQLite form. */
  g_free (audit_account->name);
  audit_account->name = g_strdup ("audit_account");
  g_free (fk->ref_table);
  fk->ref_table = g_strdup ("audit_account");
  g_clear_pointer (&invoice->default_value, g_free);
  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: schema app.\n-- Left out for SQLite: schema audit log.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: sequence invoice_no.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: UNLOGGED of scratch.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: schema app of table account.\n"));
  g_assert_nonnull (strstr (ddl, "REFERENCES \"audit_account\" (\"id\") ON DELETE SET NULL"));
  g_assert_null (strstr (ddl, "\"app\"."));
  g_assert_nonnull (strstr (ddl, "\n  \"state\" TEXT CHECK (\"state\" IN ('open', 'closed')),\n"));
  g_assert_null (strstr (ddl, "SEQUENCE"));
  db = create_in_sqlite (schema);
  cardinal_test_assert_text (query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL),
                             "account;audit_account;scratch");
  sqlite3_close (db);
}

/* A partitioned table with a partition, a view, a function a CHECK calls
 * (before the tables), a trigger function and its trigger, and a SQLite
 * view that PostgreSQL leaves out. */
static CardinalSchema *
objects_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("objects");
  CardinalTable *measurement = cardinal_test_add_table (schema, "measurement");
  CardinalTable *item = cardinal_test_add_table (schema, "item");
  CardinalSqlObject *object;
  CardinalColumn *column;

  cardinal_test_add_column (measurement, "logdate", "date", FALSE);
  cardinal_test_add_column (measurement, "reading", "integer", TRUE);
  measurement->partition_by = g_strdup ("RANGE (logdate)");

  add_id (item, "id", FALSE);
  cardinal_test_add_column (item, "price", "integer", FALSE);
  column = cardinal_test_add_column (item, "updated", "text", TRUE);
  column->collation = g_strdup ("C");
  column = cardinal_test_add_column (item, "doubled", "integer", TRUE);
  column->generated = g_strdup ("price * 2");
  column->generated_stored = TRUE;
  g_ptr_array_add (item->checks, cardinal_check_new ("price_even", "is_even(price)"));

  add_object (schema, "measurement_2024", "partition", CARDINAL_DIALECT_POSTGRESQL,
              "CREATE TABLE measurement_2024 PARTITION OF measurement FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  add_object (schema, "cheap", "view", CARDINAL_DIALECT_POSTGRESQL,
              "CREATE VIEW cheap AS SELECT id, price FROM item WHERE price < 10");
  add_object (schema, "touch()", "function", CARDINAL_DIALECT_POSTGRESQL,
              "CREATE FUNCTION touch() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN NEW.updated := 'yes'; RETURN NEW; END$$");
  add_object (schema, "item_touch", "trigger", CARDINAL_DIALECT_POSTGRESQL,
              "CREATE TRIGGER item_touch BEFORE INSERT OR UPDATE ON item FOR EACH ROW EXECUTE FUNCTION touch()");
  /* Ends in a line comment: the closing semicolon must not be swallowed. */
  add_object (schema, "cheap", "view", CARDINAL_DIALECT_SQLITE,
              "CREATE VIEW cheap AS SELECT id, price FROM item\nWHERE price < 10 -- cheap ones");
  add_object (schema, "item_touch", "trigger", CARDINAL_DIALECT_SQLITE,
              "CREATE TRIGGER item_touch AFTER INSERT ON item BEGIN UPDATE item SET updated = 'yes' WHERE id = NEW.id; END");
  object = add_object (schema, "is_even(integer)", "function", CARDINAL_DIALECT_POSTGRESQL,
                       "CREATE FUNCTION is_even(n integer) RETURNS boolean LANGUAGE sql IMMUTABLE AS 'SELECT n % 2 = 0'");
  object->before_tables = TRUE;
  return schema;
}

static void
test_pg_objects (void)
{
  g_autoptr(CardinalSchema) schema = objects_schema ();
  g_autofree char *ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_autofree char *message = NULL;
  PGconn *conn;

  g_assert_true (g_str_has_prefix (strstr (ddl, "\nBEGIN;\n"), "\nBEGIN;\nSET LOCAL check_function_bodies = false;\n"));
  g_assert_cmpuint (position_of (ddl, "CREATE FUNCTION is_even"), <, position_of (ddl, "CREATE TABLE"));
  g_assert_cmpuint (position_of (ddl, "CREATE FUNCTION touch"), >, position_of (ddl, "CREATE TABLE \"item\""));
  g_assert_nonnull (strstr (ddl, "\n-- Left out (SQLite only): view cheap.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out (SQLite only): trigger item_touch.\n"));
  g_assert_nonnull (strstr (ddl, "\n) PARTITION BY RANGE (logdate);\n"));

  conn = create_in_postgresql (schema);
  if (conn == NULL)
    return;
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT c.relname, c.relkind, pg_get_partkeydef(c.oid), coalesce(i.inhrelid::regclass::text, 'NULL'),"
                                       " coalesce(pg_get_expr(p.relpartbound, p.oid), 'NULL')"
                                       " FROM pg_class c LEFT JOIN pg_inherits i ON i.inhparent = c.oid LEFT JOIN pg_class p ON p.oid = i.inhrelid"
                                       " WHERE c.relname = 'measurement'",
                                       NULL),
                             "measurement|p|RANGE (logdate)|measurement_2024|FOR VALUES FROM ('2024-01-01') TO ('2025-01-01')");
  cardinal_test_assert_text (pg_query (conn, "SELECT viewname FROM pg_views WHERE schemaname = 'public'", NULL),
                             "cheap");
  cardinal_test_assert_text (pg_query (conn, "SELECT tgname, tgfoid::regproc FROM pg_trigger WHERE tgrelid = 'item'::regclass", NULL),
                             "item_touch|touch");
  cardinal_test_assert_text (pg_query (conn,
                                       "SELECT attname, coalesce(collname, 'NULL'), attgenerated, coalesce(pg_get_expr(adbin, adrelid), 'NULL')"
                                       " FROM pg_attribute LEFT JOIN pg_collation ON pg_collation.oid = attcollation AND attcollation <> 100"
                                       " LEFT JOIN pg_attrdef ON adrelid = attrelid AND adnum = attnum"
                                       " WHERE attrelid = 'item'::regclass AND attnum > 0 ORDER BY attnum",
                                       NULL),
                             "id|NULL||NULL;price|NULL||NULL;updated|C||NULL;doubled|NULL|s|(price * 2)");
  message = pg_try_exec (conn, "INSERT INTO item (id, price) VALUES (1, 3)");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "price_even"));
  pg_exec_ok (conn, "INSERT INTO item (id, price) VALUES (2, 4)");
  cardinal_test_assert_text (pg_query (conn, "SELECT id, updated, doubled FROM cheap JOIN item USING (id, price)", NULL),
                             "2|yes|8");
  PQfinish (conn);
}

static void
test_sqlite_objects (void)
{
  g_autoptr(CardinalSchema) schema = objects_schema ();
  CardinalTable *item = g_ptr_array_index (schema->tables, 1);
  CardinalColumn *updated = g_ptr_array_index (item->columns, 2);
  CardinalColumn *doubled = g_ptr_array_index (item->columns, 3);
  g_autofree char *ddl = NULL;
  sqlite3 *db;

  /* SQLite has no is_even(): the CHECK is dropped for this run; a VIRTUAL column and NOCASE instead. */
  g_ptr_array_set_size (item->checks, 0);
  doubled->generated_stored = FALSE;
  g_free (updated->collation);
  updated->collation = g_strdup ("nocase");
  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_nonnull (strstr (ddl, "\n-- Left out (PostgreSQL only): function is_even(integer).\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out (PostgreSQL only): partition measurement_2024.\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: PARTITION BY RANGE (logdate) of measurement.\n"));
  g_assert_nonnull (strstr (ddl, "\n  \"updated\" TEXT COLLATE \"nocase\",\n"));
  g_assert_nonnull (strstr (ddl, "\n  \"doubled\" INTEGER GENERATED ALWAYS AS (price * 2) VIRTUAL,\n"));
  g_assert_null (strstr (ddl, "check_function_bodies"));
  g_assert_null (strstr (ddl, "PARTITION OF"));

  db = create_in_sqlite (schema);
  cardinal_test_assert_text (query (db, "SELECT type, name FROM sqlite_schema WHERE type IN ('view', 'trigger') ORDER BY name", NULL),
                             "view|cheap;trigger|item_touch");
  /* hidden 2: a virtual generated column. */
  cardinal_test_assert_text (query (db, "SELECT name, hidden FROM pragma_table_xinfo('item') ORDER BY cid", NULL),
                             "id|0;price|0;updated|0;doubled|2");
  exec_ok (db, "INSERT INTO item (id, price) VALUES (1, 3), (2, 30);");
  cardinal_test_assert_text (query (db, "SELECT id, updated, doubled, (SELECT count(*) FROM item WHERE updated = 'YES') FROM cheap JOIN item USING (id, price)", NULL),
                             "1|yes|6|2");
  sqlite3_close (db);
}

/* WITHOUT ROWID and STRICT, alone and together; a collation SQLite lacks is left out. */
static void
test_sqlite_table_options (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("options");
  CardinalTable *pair = cardinal_test_add_table (schema, "pair");
  CardinalTable *strict = cardinal_test_add_table (schema, "strict_only");
  CardinalColumn *column;
  g_autofree char *ddl = NULL;
  g_autofree char *pg_ddl = NULL;
  g_autofree char *message = NULL;
  sqlite3 *db;

  add_id (pair, "id", TRUE);
  column = cardinal_test_add_column (pair, "name", "varchar(20)", FALSE);
  column->collation = g_strdup ("de_DE");
  pair->without_rowid = TRUE;
  pair->strict = TRUE;
  add_id (strict, "id", TRUE);
  cardinal_test_add_column (strict, "flag", "boolean", TRUE);
  strict->strict = TRUE;

  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_nonnull (strstr (ddl, "\n) WITHOUT ROWID, STRICT;\n"));
  g_assert_nonnull (strstr (ddl, "\n) STRICT;\n"));
  g_assert_nonnull (strstr (ddl, "\n-- Left out for SQLite: COLLATE \"de_DE\" of pair.name (SQLite has only BINARY, NOCASE and RTRIM).\n"));
  g_assert_nonnull (strstr (ddl, "\n-- STRICT table pair: column name is TEXT (declared VARCHAR(20)).\n"));
  /* A WITHOUT ROWID table has no rowid for AUTOINCREMENT. */
  g_assert_cmpuint (count_occurrences (ddl, "AUTOINCREMENT"), ==, 1);
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (pg_ddl, "\n-- Left out for PostgreSQL: WITHOUT ROWID of pair.\n-- Left out for PostgreSQL: STRICT of pair.\n"));
  g_assert_nonnull (strstr (pg_ddl, "\"name\" varchar(20) COLLATE \"de_DE\" NOT NULL"));

  db = create_in_sqlite (schema);
  cardinal_test_assert_text (query (db, "SELECT name, wr, strict FROM pragma_table_list WHERE schema = 'main' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL),
                             "pair|1|1;strict_only|0|1");
  cardinal_test_assert_text (table_info (db, "strict_only"), "id|INTEGER|1|NULL|1;flag|INTEGER|0|NULL|0");
  message = try_exec (db, "INSERT INTO strict_only (flag) VALUES ('yes');");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "cannot store TEXT value in INTEGER column"));
  sqlite3_close (db);
}

/* In the model's own dialect sql_type is written verbatim; in the other,
 * the catalogue spelling. */
static void
test_sql_type (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("sqltype");
  CardinalTable *film = cardinal_test_add_table (schema, "film");
  CardinalColumn *column;
  g_autofree char *pg_ddl = NULL;
  g_autofree char *sqlite_ddl = NULL;
  g_autofree char *portable = NULL;

  add_id (film, "id", FALSE);
  column = cardinal_test_add_column (film, "title", "varchar(20)", FALSE);
  column->sql_type = g_strdup ("character varying(20)");
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (pg_ddl, "\n  \"title\" character varying(20) NOT NULL,\n"));
  sqlite_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_nonnull (strstr (sqlite_ddl, "\n  \"title\" VARCHAR(20) NOT NULL,\n"));
  schema->has_dialect = FALSE;
  portable = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (portable, "\n  \"title\" varchar(20) NOT NULL,\n"));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/ddl/header", test_header);
  g_test_add_func ("/ddl/sqlite/catalogue", test_sqlite_catalogue);
  g_test_add_func ("/ddl/sqlite/hostile-names", test_sqlite_hostile_names);
  g_test_add_func ("/ddl/sqlite/autoincrement", test_sqlite_autoincrement);
  g_test_add_func ("/ddl/sqlite/comments", test_sqlite_comments);
  g_test_add_func ("/ddl/cycle", test_cycle);
  g_test_add_func ("/ddl/dependency-order", test_dependency_order);
  g_test_add_func ("/ddl/long-chain", test_long_chain);
  g_test_add_func ("/ddl/deterministic", test_deterministic);
  g_test_add_func ("/ddl/postgresql/shape", test_postgresql_shape);
  g_test_add_func ("/ddl/checks", test_checks);
  g_test_add_func ("/ddl/sql-type", test_sql_type);
  g_test_add_func ("/ddl/sqlite/constraints", test_sqlite_constraints);
  g_test_add_func ("/ddl/sqlite/indexes", test_sqlite_indexes);
  g_test_add_func ("/ddl/sqlite/identity", test_sqlite_identity);
  g_test_add_func ("/ddl/sqlite/types", test_sqlite_types);
  g_test_add_func ("/ddl/sqlite/schemas", test_sqlite_schemas);
  g_test_add_func ("/ddl/sqlite/objects", test_sqlite_objects);
  g_test_add_func ("/ddl/sqlite/table-options", test_sqlite_table_options);
  g_test_add_func ("/ddl/postgresql/constraints", test_pg_constraints);
  g_test_add_func ("/ddl/postgresql/indexes", test_pg_indexes);
  g_test_add_func ("/ddl/postgresql/identity", test_pg_identity);
  g_test_add_func ("/ddl/postgresql/serial-long-name", test_pg_serial_long_name);
  g_test_add_func ("/ddl/postgresql/types", test_pg_types);
  g_test_add_func ("/ddl/postgresql/schemas", test_pg_schemas);
  g_test_add_func ("/ddl/postgresql/objects", test_pg_objects);

  status = g_test_run ();
  cardinal_test_pg_suite_stop ();
  return status;
}
