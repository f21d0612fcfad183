/* test-ddl.c: the DDL renderer, checked by running its SQLite output and reading the catalogue back. */
#include <string.h>

#include <sqlite3.h>

#include "cardinal-config.h"
#include "cardinal-ddl.h"

#define STRV(...) g_strdupv ((char **) (const char *[]) { __VA_ARGS__, NULL })
#define UNIQUE(...) cardinal_unique_new ((const char *[]) { __VA_ARGS__, NULL })

/* Schema construction by hand */

static CardinalTable *
add_table (CardinalSchema *schema,
           const char     *name)
{
  CardinalTable *table = cardinal_table_new (name);

  g_ptr_array_add (schema->tables, table);
  return table;
}

static CardinalColumn *
add_column (CardinalTable *table,
            const char    *name,
            const char    *type,
            gboolean       nullable)
{
  CardinalColumn *column = cardinal_column_new (name, type);

  column->nullable = nullable;
  g_ptr_array_add (table->columns, column);
  return column;
}

/* An integer key column "id" that is the table's primary key. */
static CardinalColumn *
add_id (CardinalTable *table,
        const char    *name,
        gboolean       autoincrement)
{
  CardinalColumn *column = add_column (table, name, "integer", FALSE);

  column->autoincrement = autoincrement;
  g_strfreev (table->primary_key);
  table->primary_key = STRV (name);
  return column;
}

static void
set_primary_key (CardinalTable *table,
                 GStrv          columns)
{
  g_strfreev (table->primary_key);
  table->primary_key = columns;
}

static CardinalForeignKey *
add_foreign_key (CardinalTable    *table,
                 const char       *name,
                 GStrv             columns,
                 const char       *ref_table,
                 GStrv             ref_columns,
                 CardinalOnDelete  on_delete)
{
  CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);

  fk->name = g_strdup (name);
  fk->columns = columns;
  fk->ref_table = g_strdup (ref_table);
  fk->ref_columns = ref_columns;
  fk->on_delete = on_delete;
  g_ptr_array_add (table->foreign_keys, fk);
  return fk;
}

static void
add_index (CardinalTable *table,
           const char    *name,
           GStrv          columns,
           gboolean       unique)
{
  CardinalIndex *index = g_new0 (CardinalIndex, 1);

  index->name = g_strdup (name);
  index->columns = columns;
  index->unique = unique;
  g_ptr_array_add (table->indexes, index);
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
  CardinalTable *user = add_table (schema, "user");
  CardinalTable *post = add_table (schema, "post");
  CardinalTable *comment = add_table (schema, "comment");
  CardinalColumn *column;

  add_id (user, "id", TRUE);
  add_column (user, "name", "text", FALSE);
  add_column (user, "email", "varchar(255)", TRUE);
  column = add_column (user, "active", "boolean", FALSE);
  column->default_value = g_strdup ("TRUE");
  g_ptr_array_add (user->uniques, UNIQUE ("email"));

  add_id (post, "id", TRUE);
  add_column (post, "user_id", "integer", FALSE);
  add_column (post, "title", "varchar(200)", FALSE);
  add_column (post, "slug", "text", FALSE);
  g_ptr_array_add (post->uniques, UNIQUE ("user_id", "slug"));
  add_foreign_key (post, "post_user_fk", STRV ("user_id"), "user", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_index (post, "post_user_id_idx", STRV ("user_id"), FALSE);

  add_id (comment, "id", TRUE);
  add_column (comment, "post_id", "integer", TRUE);
  add_column (comment, "body", "text", FALSE);
  add_foreign_key (comment, "comment_post_fk", STRV ("post_id"), "post", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);
  add_index (comment, "comment_post_id_idx", STRV ("post_id"), FALSE);
  add_index (comment, "comment_body_idx", STRV ("body", "post_id"), TRUE);

  return schema;
}

/* a → b → a, with c referencing itself and d hanging off the cycle: d comes
 * first and reaches the cycle through b, yet a (earlier in the schema) is
 * where the cycle is broken. */
static CardinalSchema *
cycle_schema (void)
{
  CardinalSchema *schema = cardinal_schema_new ("cycle");
  CardinalTable *d = add_table (schema, "d");
  CardinalTable *a = add_table (schema, "a");
  CardinalTable *b = add_table (schema, "b");
  CardinalTable *c = add_table (schema, "c");

  add_id (d, "id", FALSE);
  add_column (d, "b_id", "integer", TRUE);
  add_foreign_key (d, "d_b_fk", STRV ("b_id"), "b", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);

  add_id (a, "id", FALSE);
  add_column (a, "b_id", "integer", TRUE);
  add_foreign_key (a, "a_b_fk", STRV ("b_id"), "b", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);

  add_id (b, "id", FALSE);
  add_column (b, "a_id", "integer", TRUE);
  add_foreign_key (b, "b_a_fk", STRV ("a_id"), "a", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  add_id (c, "id", FALSE);
  add_column (c, "parent_id", "integer", TRUE);
  add_foreign_key (c, "c_parent_fk", STRV ("parent_id"), "c", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  return schema;
}

/* Tests */

static void
test_header (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop\nDROP TABLE \"keep\";\r\n--");
  g_autofree char *sqlite_ddl = NULL;
  g_autofree char *pg_ddl = NULL;
  g_autofree char *kept = NULL;
  CardinalTable *table = add_table (schema, "item");
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
  kept = query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' ORDER BY name", NULL);
  g_assert_cmpstr (kept, ==, "item;keep");
  sqlite3_close (db);
}

static void
test_sqlite_catalogue (void)
{
  g_autoptr(CardinalSchema) schema = blog_schema ();
  g_autofree char *user_info = NULL;
  g_autofree char *post_info = NULL;
  g_autofree char *comment_info = NULL;
  g_autofree char *post_fks = NULL;
  g_autofree char *comment_fks = NULL;
  g_autofree char *user_uniques = NULL;
  g_autofree char *post_uniques = NULL;
  g_autofree char *post_indexes = NULL;
  g_autofree char *comment_indexes = NULL;
  g_autofree char *names = NULL;
  g_autofree char *error = NULL;
  g_autofree char *after_delete = NULL;
  sqlite3 *db = create_in_sqlite (schema);

  user_info = table_info (db, "user");
  g_assert_cmpstr (user_info, ==,
                   "id|INTEGER|1|NULL|1;name|TEXT|1|NULL|0;email|VARCHAR(255)|0|NULL|0;active|BOOLEAN|1|TRUE|0");
  post_info = table_info (db, "post");
  g_assert_cmpstr (post_info, ==,
                   "id|INTEGER|1|NULL|1;user_id|INTEGER|1|NULL|0;title|VARCHAR(200)|1|NULL|0;slug|TEXT|1|NULL|0");
  comment_info = table_info (db, "comment");
  g_assert_cmpstr (comment_info, ==, "id|INTEGER|1|NULL|1;post_id|INTEGER|0|NULL|0;body|TEXT|1|NULL|0");

  post_fks = foreign_keys (db, "post");
  g_assert_cmpstr (post_fks, ==, "user|user_id|id|CASCADE");
  comment_fks = foreign_keys (db, "comment");
  g_assert_cmpstr (comment_fks, ==, "post|post_id|id|SET NULL");

  user_uniques = reflect_indexes (db, "user", "u");
  g_assert_cmpstr (user_uniques, ==, "unique:email");
  post_uniques = reflect_indexes (db, "post", "u");
  g_assert_cmpstr (post_uniques, ==, "unique:user_id,slug");
  post_indexes = reflect_indexes (db, "post", "c");
  g_assert_cmpstr (post_indexes, ==, "user_id");
  comment_indexes = reflect_indexes (db, "comment", "c");
  g_assert_cmpstr (comment_indexes, ==, "post_id;unique:body,post_id");
  names = index_names (db, "comment");
  g_assert_cmpstr (names, ==, "comment_body_idx;comment_post_id_idx");

  /* The constraints behave, not just exist. */
  exec_ok (db, "INSERT INTO \"user\" (name, email) VALUES ('ann', 'a@x'), ('bob', NULL);");
  exec_ok (db, "INSERT INTO post (user_id, title, slug) VALUES (1, 'hello', 'hello'), (2, 'hi', 'hi');");
  exec_ok (db, "INSERT INTO comment (post_id, body) VALUES (1, 'nice');");
  error = try_exec (db, "INSERT INTO post (user_id, title, slug) VALUES (99, 'orphan', 'o');");
  g_assert_nonnull (error);
  g_clear_pointer (&error, g_free);
  error = try_exec (db, "INSERT INTO post (user_id, title, slug) VALUES (1, 'again', 'hello');");
  g_assert_nonnull (error);
  g_clear_pointer (&error, g_free);
  error = try_exec (db, "INSERT INTO \"user\" (name, email) VALUES ('cy', 'a@x');");
  g_assert_nonnull (error);
  g_clear_pointer (&error, g_free);
  error = try_exec (db, "INSERT INTO \"user\" (email) VALUES ('d@x');");
  g_assert_nonnull (error);

  exec_ok (db, "DELETE FROM \"user\" WHERE id = 1;");
  after_delete = query (db, "SELECT (SELECT count(*) FROM post), (SELECT group_concat(coalesce(post_id, 'null')) FROM comment)", NULL);
  g_assert_cmpstr (after_delete, ==, "1|null");
  sqlite3_close (db);
}

static void
test_sqlite_hostile_names (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("hostile");
  CardinalTable *order = add_table (schema, "order");
  CardinalTable *user = add_table (schema, "user");
  CardinalTable *group = add_table (schema, "group");
  CardinalTable *cafe = add_table (schema, "café");
  CardinalTable *spaced = add_table (schema, "line item");
  g_autofree char *order_info = NULL;
  g_autofree char *user_info = NULL;
  g_autofree char *group_info = NULL;
  g_autofree char *cafe_info = NULL;
  g_autofree char *spaced_info = NULL;
  g_autofree char *order_fks = NULL;
  g_autofree char *spaced_fks = NULL;
  g_autofree char *uniques = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *tables = NULL;
  g_autofree char *pg_ddl = NULL;
  sqlite3 *db;

  add_id (user, "select", TRUE);
  add_column (user, "we\"ird", "text", FALSE);

  add_id (group, "id", FALSE);
  add_column (group, "it's", "text", TRUE);

  add_id (order, "id", TRUE);
  add_column (order, "user", "integer", FALSE);
  add_column (order, "group", "integer", TRUE);
  add_foreign_key (order, "order→user", STRV ("user"), "user", STRV ("select"), CARDINAL_ON_DELETE_RESTRICT);
  add_foreign_key (order, "fk \"group\"", STRV ("group"), "group", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);
  add_index (order, "index on \"user\"", STRV ("user"), FALSE);

  add_column (cafe, "crème brûlée", "text", FALSE);
  add_column (cafe, "naïve id", "integer", FALSE);
  set_primary_key (cafe, STRV ("naïve id"));
  g_ptr_array_add (cafe->uniques, UNIQUE ("crème brûlée"));

  add_column (spaced, "order id", "integer", FALSE);
  add_column (spaced, "café's id", "integer", FALSE);
  set_primary_key (spaced, STRV ("order id", "café's id"));
  add_foreign_key (spaced, "line item order", STRV ("order id"), "order", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_foreign_key (spaced, "line item café", STRV ("café's id"), "café", STRV ("naïve id"), CARDINAL_ON_DELETE_CASCADE);
  add_index (spaced, "it's an index", STRV ("café's id", "order id"), TRUE);

  /* PostgreSQL gets the same quoting: a double quote inside a name is doubled. */
  pg_ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_nonnull (strstr (pg_ddl, "\n  \"we\"\"ird\" text NOT NULL,\n  PRIMARY KEY (\"select\")\n"));
  g_assert_nonnull (strstr (pg_ddl, "\n  CONSTRAINT \"fk \"\"group\"\"\" FOREIGN KEY (\"group\") REFERENCES \"group\" (\"id\")"));
  g_assert_nonnull (strstr (pg_ddl, "\nCREATE UNIQUE INDEX \"it's an index\" ON \"line item\" (\"café's id\", \"order id\");\n"));
  g_assert_nonnull (strstr (pg_ddl, "\n  PRIMARY KEY (\"naïve id\"),\n  UNIQUE (\"crème brûlée\")\n"));

  db = create_in_sqlite (schema);

  tables = query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL);
  g_assert_cmpstr (tables, ==, "café;group;line item;order;user");

  order_info = table_info (db, "order");
  g_assert_cmpstr (order_info, ==, "id|INTEGER|1|NULL|1;user|INTEGER|1|NULL|0;group|INTEGER|0|NULL|0");
  group_info = table_info (db, "group");
  g_assert_cmpstr (group_info, ==, "id|INTEGER|1|NULL|1;it's|TEXT|0|NULL|0");
  cafe_info = table_info (db, "café");
  g_assert_cmpstr (cafe_info, ==, "crème brûlée|TEXT|1|NULL|0;naïve id|INTEGER|1|NULL|1");
  spaced_info = table_info (db, "line item");
  g_assert_cmpstr (spaced_info, ==, "order id|INTEGER|1|NULL|1;café's id|INTEGER|1|NULL|2");
  user_info = table_info (db, "user");
  g_assert_cmpstr (user_info, ==, "select|INTEGER|1|NULL|1;we\"ird|TEXT|1|NULL|0");

  order_fks = foreign_keys (db, "order");
  g_assert_cmpstr (order_fks, ==, "group|group|id|NO ACTION;user|user|select|RESTRICT");
  spaced_fks = foreign_keys (db, "line item");
  g_assert_cmpstr (spaced_fks, ==, "café|café's id|naïve id|CASCADE;order|order id|id|CASCADE");

  uniques = reflect_indexes (db, "café", "u");
  g_assert_cmpstr (uniques, ==, "unique:crème brûlée");
  indexes = index_names (db, "line item");
  g_assert_cmpstr (indexes, ==, "it's an index");
  g_clear_pointer (&indexes, g_free);
  indexes = index_names (db, "order");
  g_assert_cmpstr (indexes, ==, "index on \"user\"");

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
  CardinalTable *plain = add_table (schema, "plain");
  CardinalTable *big = add_table (schema, "big");
  CardinalTable *pair = add_table (schema, "pair");
  CardinalTable *coded = add_table (schema, "coded");
  g_autofree char *ddl = NULL;
  g_autofree char *plain_sql = NULL;
  g_autofree char *pair_sql = NULL;
  g_autofree char *coded_sql = NULL;
  g_autofree char *pair_info = NULL;
  g_autofree char *sequences = NULL;
  CardinalColumn *column;
  sqlite3 *db;

  add_id (plain, "id", TRUE);
  add_column (plain, "label", "text", TRUE);

  column = add_id (big, "id", TRUE);
  g_free (column->type);
  column->type = g_strdup ("bigint");

  /* A composite key cannot autoincrement in SQLite: the flag is dropped. */
  column = add_column (pair, "a", "integer", FALSE);
  column->autoincrement = TRUE;
  add_column (pair, "b", "integer", FALSE);
  set_primary_key (pair, STRV ("a", "b"));

  column = add_column (coded, "code", "text", FALSE);
  column->autoincrement = TRUE;
  set_primary_key (coded, STRV ("code"));

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
  sequences = query (db, "SELECT name, seq FROM sqlite_sequence ORDER BY name", NULL);
  g_assert_cmpstr (sequences, ==, "big|1;plain|3");
  pair_info = table_info (db, "pair");
  g_assert_cmpstr (pair_info, ==, "a|INTEGER|1|NULL|1;b|INTEGER|1|NULL|2");
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
  g_autofree char *a_fks = NULL;
  g_autofree char *b_fks = NULL;
  g_autofree char *c_fks = NULL;
  g_autofree char *d_fks = NULL;
  g_autofree char *error = NULL;
  gsize alter;
  sqlite3 *db;

  /* SQLite: every FK inline, even the one pointing forward. */
  g_assert_null (strstr (sqlite_ddl, "ALTER TABLE"));
  g_assert_cmpuint (count_occurrences (sqlite_ddl, "FOREIGN KEY"), ==, 4);
  db = open_db ();
  exec_ok (db, sqlite_ddl);
  a_fks = foreign_keys (db, "a");
  g_assert_cmpstr (a_fks, ==, "b|b_id|id|SET NULL");
  b_fks = foreign_keys (db, "b");
  g_assert_cmpstr (b_fks, ==, "a|a_id|id|CASCADE");
  c_fks = foreign_keys (db, "c");
  g_assert_cmpstr (c_fks, ==, "c|parent_id|id|CASCADE");
  d_fks = foreign_keys (db, "d");
  g_assert_cmpstr (d_fks, ==, "b|b_id|id|NO ACTION");
  /* The forward reference is enforced once the rows change. */
  error = try_exec (db, "INSERT INTO a (id, b_id) VALUES (1, 5);");
  g_assert_nonnull (error);
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
      tables[i] = add_table (schema, names[i]);
      add_id (tables[i], "id", FALSE);
    }
  add_column (tables[0], "post_id", "integer", FALSE);
  add_foreign_key (tables[0], "comment_post_fk", STRV ("post_id"), "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_column (tables[1], "user_id", "integer", FALSE);
  add_foreign_key (tables[1], "post_user_fk", STRV ("user_id"), "user", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_column (tables[5], "post_id", "integer", FALSE);
  add_column (tables[5], "tag_id", "integer", FALSE);
  add_foreign_key (tables[5], "post_tag_post_fk", STRV ("post_id"), "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_foreign_key (tables[5], "post_tag_tag_fk", STRV ("tag_id"), "tag", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

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
      CardinalTable *table = add_table (schema, name);

      add_id (table, "id", TRUE);
      if (i + 1 < n)
        {
          g_autofree char *index_name = g_strdup_printf ("t%u_next_idx", i);

          add_column (table, "next_id", "integer", FALSE);
          add_foreign_key (table, "next_fk", STRV ("next_id"), next, STRV ("id"), CARDINAL_ON_DELETE_RESTRICT);
          add_index (table, index_name, STRV ("next_id"), FALSE);
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
  CardinalTable *tally = add_table (schema, "tally");
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
  column = add_column (tally, "at", "timestamptz", FALSE);
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
  g_autofree char *info = NULL;
  g_autofree char *tables = NULL;
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
  tables = query (db, "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name", NULL);
  g_assert_cmpstr (tables, ==, "comment;keep;post;user");
  info = table_info (db, "user");
  g_assert_cmpstr (info, ==,
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
  CardinalTable *item = add_table (schema, "item");
  g_autofree char *pg_ddl = NULL;
  g_autofree char *message = NULL;
  sqlite3 *db;

  add_id (item, "id", TRUE);
  add_column (item, "price", "numeric(8,2)", TRUE);
  add_column (item, "qty", "integer", FALSE);
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
  message = try_exec (db, "INSERT INTO item (price, qty) VALUES (1, 100);");
  g_assert_nonnull (message);
  g_clear_pointer (&message, g_free);
  /* NULL passes a CHECK, as in SQL. */
  exec_ok (db, "INSERT INTO item (price, qty) VALUES (NULL, 5);");
  sqlite3_close (db);
}

int
main (int   argc,
      char *argv[])
{
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

  return g_test_run ();
}
