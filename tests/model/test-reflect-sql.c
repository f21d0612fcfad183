/* test-reflect-sql.c: PostgreSQL .sql files read through libpg_query into the format 2 physical model, construct by construct, and dialect detection. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>
#include <unistd.h>

#include <pg_query.h>

#include "cardinal-reflect.h"
#include "cardinal-reflect-private.h"
#include "cardinal-test-support.h"

/* Reads @sql as PostgreSQL; fails the test on an error. @notes (may be NULL) gets the notes. */
static CardinalSchema *
read_sql (const char  *sql,
          GPtrArray  **notes)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) collected = NULL;
  CardinalSchema *schema;

  if (notes == NULL)
    {
      schema = cardinal_reflect_sql (sql, "test.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
      g_assert_no_error (error);
      g_assert_nonnull (schema);
      return schema;
    }
  /* Notes come only through the source API, which reads a file. */
  close (g_file_open_tmp ("cardinal-test-XXXXXX.sql", &path, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (path, sql, -1, NULL));
  schema = cardinal_reflect_source_full (path, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE, NULL, NULL, &collected, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (schema);
  g_unlink (path);
  *notes = g_steal_pointer (&collected);
  return schema;
}

static const CardinalTable *
table_of (const CardinalSchema *schema,
          const char           *name)
{
  const CardinalTable *table = cardinal_schema_find_table (schema, name);

  if (table == NULL)
    g_error ("table \"%s\" not read", name);
  return table;
}

static const CardinalColumn *
column_of (const CardinalTable *table,
           const char          *name)
{
  const CardinalColumn *column = cardinal_table_find_column (table, name);

  if (column == NULL)
    g_error ("table \"%s\": column \"%s\" not read", table->name, name);
  return column;
}

/* Every SQL object is exactly one statement that PostgreSQL's parser accepts. */
static void
assert_objects_parse (const CardinalSchema *schema)
{
  for (guint i = 0; i < schema->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (schema->objects, i);
      PgQuerySplitResult split = pg_query_split_with_parser (object->sql);

      if (split.error != NULL)
        g_error ("object %s: %s\n%s", object->name, split.error->message, object->sql);
      g_assert_cmpint (split.n_stmts, ==, 1);
      g_assert_false (g_str_has_suffix (object->sql, ";"));
      pg_query_free_split_result (split);
    }
}

static void
assert_strv (GStrv       actual,
             const char *expected)
{
  g_autofree char *joined = actual != NULL ? g_strjoinv (",", actual) : g_strdup ("(null)");

  g_assert_cmpstr (joined, ==, expected);
}

/* Schema-wide ------------------------------------------------------------------------ */

static void
test_schemas_and_extensions (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE SCHEMA audit;\n"
    "CREATE EXTENSION IF NOT EXISTS pgcrypto WITH SCHEMA audit;\n"
    "CREATE EXTENSION citext;\n"
    "CREATE TABLE public.a (id integer PRIMARY KEY);\n"
    "CREATE TABLE audit.log (id integer PRIMARY KEY, a_id integer REFERENCES public.a);\n"
    "CREATE TABLE billing.invoice (id integer PRIMARY KEY, log_id integer REFERENCES audit.log (id));\n", NULL);
  const CardinalExtension *extension;
  const CardinalForeignKey *fk;

  g_assert_true (schema->has_dialect);
  g_assert_cmpint (schema->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpuint (schema->schemas->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (schema->schemas, 0), ==, "audit");
  g_assert_cmpstr (g_ptr_array_index (schema->schemas, 1), ==, "billing");
  g_assert_cmpuint (schema->extensions->len, ==, 2);
  extension = g_ptr_array_index (schema->extensions, 0);
  g_assert_cmpstr (extension->name, ==, "pgcrypto");
  g_assert_cmpstr (extension->schema, ==, "audit");
  extension = g_ptr_array_index (schema->extensions, 1);
  g_assert_cmpstr (extension->name, ==, "citext");
  g_assert_null (extension->schema);

  g_assert_null (table_of (schema, "a")->schema);
  g_assert_cmpstr (table_of (schema, "log")->schema, ==, "audit");
  g_assert_cmpstr (table_of (schema, "invoice")->schema, ==, "billing");
  fk = g_ptr_array_index (table_of (schema, "invoice")->foreign_keys, 0);
  g_assert_cmpstr (fk->ref_table, ==, "log");
  g_assert_cmpstr (fk->ref_schema, ==, "audit");
  fk = g_ptr_array_index (table_of (schema, "log")->foreign_keys, 0);
  g_assert_cmpstr (fk->ref_table, ==, "a");
  g_assert_null (fk->ref_schema);
  assert_strv (fk->ref_columns, "id");
}

static void
test_enum_and_domain (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TYPE mood AS ENUM ('happy', 'grumpy');\n"
    "ALTER TYPE mood ADD VALUE 'calm' BEFORE 'grumpy';\n"
    "ALTER TYPE mood ADD VALUE IF NOT EXISTS 'sleepy';\n"
    "ALTER TYPE public.mood ADD VALUE 'first' BEFORE 'happy';\n"
    "CREATE TYPE shop.size AS ENUM ();\n"
    "CREATE DOMAIN price AS numeric(8,2) COLLATE \"C\" NOT NULL DEFAULT -1\n"
    "  CONSTRAINT price_positive CHECK (VALUE > 0) CHECK ((VALUE < 1000));\n"
    "COMMENT ON TYPE mood IS 'How one feels';\n"
    "COMMENT ON DOMAIN price IS 'Money';\n"
    "CREATE TYPE pair AS (a integer, b text);\n"
    "CREATE TYPE span AS RANGE (subtype = integer);\n"
    "CREATE TABLE t (id integer PRIMARY KEY, m mood, p price, q shop.size, r \"Pair\"[]);\n", NULL);
  const CardinalUserType *mood, *size, *price;
  const CardinalCheck *check;
  const CardinalTable *t = table_of (schema, "t");
  const CardinalSqlObject *object;

  g_assert_cmpuint (schema->types->len, ==, 3);
  mood = g_ptr_array_index (schema->types, 0);
  g_assert_cmpstr (mood->name, ==, "mood");
  g_assert_null (mood->schema);
  g_assert_cmpint (mood->kind, ==, CARDINAL_USER_TYPE_ENUM);
  assert_strv (mood->values, "first,happy,calm,grumpy,sleepy");
  g_assert_cmpstr (mood->comment, ==, "How one feels");
  size = g_ptr_array_index (schema->types, 1);
  g_assert_cmpstr (size->schema, ==, "shop");
  assert_strv (size->values, "");
  price = g_ptr_array_index (schema->types, 2);
  g_assert_cmpint (price->kind, ==, CARDINAL_USER_TYPE_DOMAIN);
  g_assert_cmpstr (price->base, ==, "numeric(8,2)");
  g_assert_false (price->nullable);
  g_assert_cmpstr (price->default_value, ==, "-1");
  g_assert_cmpstr (price->collation, ==, "C");
  g_assert_cmpstr (price->comment, ==, "Money");
  g_assert_cmpuint (price->checks->len, ==, 2);
  check = g_ptr_array_index (price->checks, 0);
  g_assert_cmpstr (check->name, ==, "price_positive");
  g_assert_cmpstr (check->expression, ==, "VALUE > 0");
  check = g_ptr_array_index (price->checks, 1);
  g_assert_null (check->name);
  g_assert_cmpstr (check->expression, ==, "VALUE < 1000");
  g_assert_true (g_ptr_array_find_with_equal_func (schema->schemas, "shop", g_str_equal, NULL));

  /* Columns of user types keep the type as written. */
  g_assert_cmpstr (column_of (t, "m")->type, ==, "mood");
  g_assert_cmpstr (column_of (t, "m")->sql_type, ==, "mood");
  g_assert_cmpstr (column_of (t, "p")->sql_type, ==, "price");
  g_assert_cmpstr (column_of (t, "q")->sql_type, ==, "shop.size");
  g_assert_cmpstr (column_of (t, "r")->sql_type, ==, "\"Pair\"[]");

  /* Composite and range types are SQL objects of kind type. */
  g_assert_cmpuint (schema->objects->len, ==, 2);
  assert_objects_parse (schema);
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_cmpstr (object->kind, ==, "type");
  g_assert_cmpstr (object->name, ==, "pair");
  g_assert_cmpstr (object->sql, ==, "CREATE TYPE pair AS (a integer, b text)");
  g_assert_cmpint (object->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  /* A table's column may have it: it comes before the tables. */
  g_assert_true (object->before_tables);
  object = g_ptr_array_index (schema->objects, 1);
  g_assert_cmpstr (object->kind, ==, "type");
  g_assert_cmpstr (object->name, ==, "span");
}

/* Columns ---------------------------------------------------------------------------- */

static void
test_column_types (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE t (\n"
    "  a integer, b int4, c character varying(20), d varchar, e timestamp(6) with time zone,\n"
    "  f timestamp, g character(3), h int[], i jsonb, j json, k double precision, l numeric(10,2),\n"
    "  m bytea, n text COLLATE \"C\", o time(3), p decimal(5), q bigint, r pg_catalog.int8, s \"char\",\n"
  "  u interval day to second(3), v interval(2), w interval year, x numeric(10,0), y float\n"
    ");\n", NULL);
  const CardinalTable *t = table_of (schema, "t");
  static const struct { const char *column, *type, *sql_type; } expected[] = {
    { "a", "integer", NULL },
    { "b", "integer", NULL },
    { "c", "varchar(20)", NULL },
    { "d", "character varying", "character varying" },
    { "e", "timestamp(6) with time zone", "timestamp(6) with time zone" },
    { "f", "timestamp", NULL },
    { "g", "character(3)", "character(3)" },
    { "h", "integer[]", "integer[]" },
    { "i", "json", NULL },
    { "j", "json", "json" },
    { "k", "double", NULL },
    { "l", "numeric(10,2)", NULL },
    { "m", "bytes", NULL },
    { "n", "text", NULL },
    { "o", "time(3) without time zone", "time(3) without time zone" },
    { "p", "numeric(5)", NULL },
    { "q", "bigint", NULL },
    { "r", "bigint", NULL },
    { "s", "\"char\"", "\"char\"" },
    { "u", "interval day to second(3)", "interval day to second(3)" },
    { "v", "interval(2)", "interval(2)" },
    { "w", "interval year", "interval year" },
    { "x", "numeric(10)", NULL },
    { "y", "double", NULL },
  };

  g_assert_cmpuint (t->columns->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      const CardinalColumn *column = g_ptr_array_index (t->columns, i);

      /* In file order. */
      g_assert_cmpstr (column->name, ==, expected[i].column);
      g_assert_cmpstr (column->type, ==, expected[i].type);
      g_assert_cmpstr (column->sql_type, ==, expected[i].sql_type);
    }
  g_assert_cmpstr (column_of (t, "n")->collation, ==, "C");
  g_assert_null (column_of (t, "m")->collation);
}

static void
test_defaults_exactly (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TYPE mood AS ENUM ('happy');\n"
    "CREATE TABLE t (\n"
    "  id integer PRIMARY KEY,\n"
    "  a integer DEFAULT -1,\n"
    "  b integer DEFAULT (1 + 2) NOT NULL,\n"
    "  c integer NOT NULL DEFAULT +1 CHECK (c > 0),\n"
    "  d text DEFAULT 'it''s' COLLATE \"C\",\n"
    "  e jsonb DEFAULT '{}'::jsonb,\n"
    "  f timestamp with time zone DEFAULT now() NOT NULL,\n"
    "  g integer DEFAULT - 1 REFERENCES t,\n"
    "  h numeric DEFAULT (-1.5),\n"
    "  i jsonb DEFAULT '{}'::json,\n"
    "  j mood DEFAULT 'happy'::public.mood\n"
    ");\n"
    "ALTER TABLE ONLY t ALTER COLUMN a SET DEFAULT -2, ALTER COLUMN h SET DEFAULT (2 * 3);\n", NULL);
  const CardinalTable *t = table_of (schema, "t");

  g_assert_cmpstr (column_of (t, "a")->default_value, ==, "-2");
  g_assert_cmpstr (column_of (t, "b")->default_value, ==, "(1 + 2)");
  g_assert_false (column_of (t, "b")->nullable);
  g_assert_cmpstr (column_of (t, "c")->default_value, ==, "+1");
  g_assert_cmpuint (t->checks->len, ==, 1);
  g_assert_cmpstr (column_of (t, "d")->default_value, ==, "'it''s'");
  g_assert_cmpstr (column_of (t, "d")->collation, ==, "C");
  /* A literal cast to the column's own type is the literal (cardinal-reflect.h's promise);
   * a cast to another type is part of the expression. */
  g_assert_cmpstr (column_of (t, "e")->default_value, ==, "'{}'");
  g_assert_cmpstr (column_of (t, "i")->default_value, ==, "'{}'::json");
  g_assert_cmpstr (column_of (t, "j")->default_value, ==, "'happy'");
  g_assert_cmpstr (column_of (t, "f")->default_value, ==, "now()");
  g_assert_cmpstr (column_of (t, "g")->default_value, ==, "- 1");
  g_assert_cmpuint (t->foreign_keys->len, ==, 1);
  g_assert_cmpstr (column_of (t, "h")->default_value, ==, "(2 * 3)");
}

static void
test_default_alone (void)
{
  /* The last column, a default and nothing after it. */
  g_autoptr(CardinalSchema) schema = read_sql ("CREATE TABLE t (a integer DEFAULT -1, b integer DEFAULT (1 + 2))", NULL);
  const CardinalTable *t = table_of (schema, "t");

  g_assert_cmpstr (column_of (t, "a")->default_value, ==, "-1");
  g_assert_cmpstr (column_of (t, "b")->default_value, ==, "(1 + 2)");
}

static void
test_identity_serial_generated (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE t (\n"
    "  a serial,\n"
    "  b bigserial,\n"
    "  c smallserial,\n"
    "  d integer GENERATED ALWAYS AS IDENTITY,\n"
    "  e bigint GENERATED BY DEFAULT AS IDENTITY (START WITH 100 INCREMENT BY -2 CACHE 20 CYCLE),\n"
    "  f numeric GENERATED ALWAYS AS ((d * 2)) STORED,\n"
    "  g integer\n"
    ");\n"
    "ALTER TABLE t ALTER COLUMN g ADD GENERATED ALWAYS AS IDENTITY (SEQUENCE NAME public.g_numbers START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1);\n",
    NULL);
  const CardinalTable *t = table_of (schema, "t");
  const CardinalColumn *column;

  column = column_of (t, "a");
  g_assert_true (column->autoincrement);
  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_cmpstr (column->type, ==, "integer");
  g_assert_null (column->sql_type);
  g_assert_false (column->nullable);
  g_assert_null (column->sequence);
  g_assert_cmpstr (column_of (t, "b")->type, ==, "bigint");
  g_assert_cmpint (column_of (t, "b")->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_cmpstr (column_of (t, "c")->type, ==, "smallint");

  column = column_of (t, "d");
  g_assert_true (column->autoincrement);
  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_ALWAYS);
  g_assert_null (column->sequence);
  g_assert_null (column->default_value);

  column = column_of (t, "e");
  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_BY_DEFAULT);
  g_assert_nonnull (column->sequence);
  g_assert_true (column->sequence->has_start);
  g_assert_cmpint (column->sequence->start, ==, 100);
  g_assert_true (column->sequence->has_increment);
  g_assert_cmpint (column->sequence->increment, ==, -2);
  g_assert_true (column->sequence->has_cache);
  g_assert_cmpint (column->sequence->cache, ==, 20);
  g_assert_true (column->sequence->cycle);
  g_assert_false (column->sequence->has_min);
  g_assert_false (column->sequence->has_max);
  g_assert_null (column->sequence->type);
  g_assert_null (column->sequence->name);

  column = column_of (t, "f");
  g_assert_false (column->autoincrement);
  g_assert_cmpstr (column->generated, ==, "d * 2");
  g_assert_true (column->generated_stored);
  g_assert_null (column->default_value);

  /* pg_dump's identity, all options at their defaults but the name. */
  column = column_of (t, "g");
  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_ALWAYS);
  g_assert_nonnull (column->sequence);
  g_assert_cmpstr (column->sequence->name, ==, "g_numbers");
  g_assert_false (column->sequence->has_start);
  g_assert_false (column->sequence->has_cache);
  g_assert_cmpuint (schema->sequences->len, ==, 0);
}

static void
test_sequences (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE t (id integer PRIMARY KEY, n integer, m integer DEFAULT nextval('free'::regclass));\n"
    "CREATE SEQUENCE free;\n"
    "CREATE SEQUENCE public.counter AS integer START WITH 10 INCREMENT BY 5 MINVALUE 10 MAXVALUE 1000 CACHE 1 NO CYCLE;\n"
    "CREATE SEQUENCE shop.down INCREMENT BY -1 CYCLE;\n"
    "ALTER SEQUENCE counter OWNED BY t.n;\n"
    "ALTER SEQUENCE free CACHE 10;\n", NULL);
  const CardinalSequence *sequence;
  const CardinalTable *t = table_of (schema, "t");

  g_assert_cmpuint (schema->sequences->len, ==, 3);
  sequence = g_ptr_array_index (schema->sequences, 0);
  g_assert_cmpstr (sequence->name, ==, "free");
  g_assert_true (sequence->has_cache);
  g_assert_cmpint (sequence->cache, ==, 10);
  g_assert_null (sequence->owned_by);
  sequence = g_ptr_array_index (schema->sequences, 1);
  g_assert_cmpstr (sequence->name, ==, "counter");
  g_assert_null (sequence->schema);
  g_assert_cmpstr (sequence->type, ==, "integer");
  g_assert_false (sequence->has_start);  /* START WITH MINVALUE is the default */
  g_assert_true (sequence->has_increment);
  g_assert_cmpint (sequence->increment, ==, 5);
  g_assert_true (sequence->has_min);
  g_assert_cmpint (sequence->min, ==, 10);
  g_assert_true (sequence->has_max);
  g_assert_cmpint (sequence->max, ==, 1000);
  g_assert_false (sequence->has_cache);
  g_assert_false (sequence->cycle);
  g_assert_cmpstr (sequence->owned_by, ==, "t.n");
  sequence = g_ptr_array_index (schema->sequences, 2);
  g_assert_cmpstr (sequence->name, ==, "down");
  g_assert_cmpstr (sequence->schema, ==, "shop");
  g_assert_true (sequence->has_increment);
  g_assert_cmpint (sequence->increment, ==, -1);
  g_assert_false (sequence->has_min);
  g_assert_false (sequence->has_max);
  g_assert_true (sequence->cycle);

  /* A nextval() default of a sequence nobody owns stays a default. */
  g_assert_false (column_of (t, "m")->autoincrement);
  g_assert_cmpstr (column_of (t, "m")->default_value, ==, "nextval('free'::regclass)");
  /* OWNED BY without a nextval() default is no serial either. */
  g_assert_false (column_of (t, "n")->autoincrement);
}

/* Constraints ------------------------------------------------------------------------ */

static void
test_constraints (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE parent (a integer, b integer, code text CONSTRAINT parent_code_key UNIQUE,\n"
    "  CONSTRAINT parent_pk PRIMARY KEY (b, a));\n"
    "CREATE TABLE child (\n"
    "  id integer CONSTRAINT child_pk PRIMARY KEY,\n"
    "  a integer, b integer, code text, x integer DEFAULT 0,\n"
    "  y integer CONSTRAINT y_ref REFERENCES parent (code) DEFERRABLE INITIALLY DEFERRED,\n"
    "  CONSTRAINT positive CHECK (x >= 0 AND (x < 10)),\n"
    "  CHECK (((x <> 5))),\n"
    "  CONSTRAINT pair UNIQUE NULLS NOT DISTINCT (a, b) INCLUDE (code) DEFERRABLE,\n"
    "  UNIQUE (code),\n"
    "  CONSTRAINT child_parent_fk FOREIGN KEY (b, a) REFERENCES parent (b, a)\n"
    "    MATCH FULL ON DELETE SET DEFAULT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED\n"
    ");\n"
    "ALTER TABLE ONLY child ADD CONSTRAINT child_code_fk FOREIGN KEY (code) REFERENCES parent(code) ON UPDATE SET NULL;\n"
    "ALTER TABLE ONLY child ADD CONSTRAINT later CHECK ((x < 100)) NOT VALID;\n", NULL);
  const CardinalTable *parent = table_of (schema, "parent");
  const CardinalTable *child = table_of (schema, "child");
  const CardinalUnique *unique;
  const CardinalCheck *check;
  const CardinalForeignKey *fk;

  assert_strv (parent->primary_key, "b,a");
  g_assert_cmpstr (parent->primary_key_name, ==, "parent_pk");
  unique = g_ptr_array_index (parent->uniques, 0);
  g_assert_cmpstr (unique->name, ==, "parent_code_key");
  assert_strv (unique->columns, "code");
  assert_strv (child->primary_key, "id");
  g_assert_cmpstr (child->primary_key_name, ==, "child_pk");

  g_assert_cmpuint (child->checks->len, ==, 2);
  check = g_ptr_array_index (child->checks, 0);
  g_assert_cmpstr (check->name, ==, "positive");
  g_assert_cmpstr (check->expression, ==, "x >= 0 AND (x < 10)");
  check = g_ptr_array_index (child->checks, 1);
  g_assert_null (check->name);
  g_assert_cmpstr (check->expression, ==, "(x <> 5)");
  /* NOT VALID: the rows already there were never checked; only the statement keeps that. */
  {
    gboolean found = FALSE;

    for (guint i = 0; i < schema->objects->len; i++)
      {
        const CardinalSqlObject *object = g_ptr_array_index (schema->objects, i);

        found = found || (g_str_equal (object->kind, "statement") && strstr (object->sql, "NOT VALID") != NULL &&
                          strstr (object->sql, "later") != NULL);
      }
    g_assert_true (found);
  }

  g_assert_cmpuint (child->uniques->len, ==, 2);
  unique = g_ptr_array_index (child->uniques, 0);
  g_assert_cmpstr (unique->name, ==, "pair");
  assert_strv (unique->columns, "a,b");
  assert_strv (unique->include, "code");
  g_assert_true (unique->nulls_not_distinct);
  g_assert_true (unique->deferrable);
  g_assert_false (unique->initially_deferred);
  unique = g_ptr_array_index (child->uniques, 1);
  g_assert_null (unique->name);
  g_assert_null (unique->include);
  g_assert_false (unique->nulls_not_distinct);

  g_assert_cmpuint (child->foreign_keys->len, ==, 3);
  fk = g_ptr_array_index (child->foreign_keys, 0);
  g_assert_cmpstr (fk->name, ==, "y_ref");
  assert_strv (fk->columns, "y");
  assert_strv (fk->ref_columns, "code");   /* a UNIQUE, not the key: as written */
  g_assert_true (fk->deferrable);
  g_assert_true (fk->initially_deferred);
  fk = g_ptr_array_index (child->foreign_keys, 1);
  g_assert_cmpstr (fk->name, ==, "child_parent_fk");
  assert_strv (fk->columns, "b,a");
  assert_strv (fk->ref_columns, "b,a");
  g_assert_cmpstr (fk->ref_table, ==, "parent");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_SET_DEFAULT);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_true (fk->match_full);
  g_assert_true (fk->deferrable);
  g_assert_true (fk->initially_deferred);
  fk = g_ptr_array_index (child->foreign_keys, 2);
  g_assert_cmpstr (fk->name, ==, "child_code_fk");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_false (fk->match_full);
  g_assert_false (fk->deferrable);
}

static void
test_indexes (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE t (id integer PRIMARY KEY, email text, name text, tags text[], deleted_at timestamp, a int, b int);\n"
    "CREATE INDEX t_name_idx ON t (name);\n"
    "CREATE UNIQUE INDEX t_email_lower ON public.t USING btree (lower(email) COLLATE \"C\" text_pattern_ops DESC NULLS LAST, id)\n"
    "  INCLUDE (name) WHERE deleted_at IS NULL;\n"
    "CREATE INDEX t_tags_idx ON ONLY t USING gin (tags);\n"
    "CREATE INDEX t_sum ON t ((a + b), name NULLS FIRST);\n"
    "CREATE UNIQUE INDEX t_ab ON t (a, b) NULLS NOT DISTINCT WHERE (a > 0 AND b > 0);\n", NULL);
  const CardinalTable *t = table_of (schema, "t");
  const CardinalIndex *index;
  const CardinalIndexKey *key;

  g_assert_cmpuint (t->indexes->len, ==, 5);
  index = g_ptr_array_index (t->indexes, 0);
  g_assert_cmpstr (index->name, ==, "t_name_idx");
  assert_strv (index->columns, "name");
  g_assert_null (index->keys);
  g_assert_null (index->method);
  g_assert_false (index->unique);

  index = g_ptr_array_index (t->indexes, 1);
  g_assert_cmpstr (index->name, ==, "t_email_lower");
  g_assert_true (index->unique);
  g_assert_null (index->method);
  assert_strv (index->columns, ",id");
  g_assert_nonnull (index->keys);
  key = g_ptr_array_index (index->keys, 0);
  g_assert_null (key->column);
  g_assert_cmpstr (key->expression, ==, "lower(email)");
  g_assert_cmpstr (key->collation, ==, "C");
  g_assert_cmpstr (key->opclass, ==, "text_pattern_ops");
  g_assert_true (key->descending);
  g_assert_cmpint (key->nulls, ==, CARDINAL_NULLS_LAST);
  key = g_ptr_array_index (index->keys, 1);
  g_assert_cmpstr (key->column, ==, "id");
  g_assert_false (key->descending);
  assert_strv (index->include, "name");
  g_assert_cmpstr (index->where, ==, "deleted_at IS NULL");

  index = g_ptr_array_index (t->indexes, 2);
  g_assert_cmpstr (index->method, ==, "gin");
  assert_strv (index->columns, "tags");

  index = g_ptr_array_index (t->indexes, 3);
  assert_strv (index->columns, ",name");
  key = g_ptr_array_index (index->keys, 0);
  g_assert_cmpstr (key->expression, ==, "(a + b)");
  key = g_ptr_array_index (index->keys, 1);
  g_assert_cmpint (key->nulls, ==, CARDINAL_NULLS_FIRST);

  index = g_ptr_array_index (t->indexes, 4);
  g_assert_true (index->nulls_not_distinct);
  g_assert_true (index->unique);
  g_assert_cmpstr (index->where, ==, "a > 0 AND b > 0");
}

static void
test_unlogged_and_partitions (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE UNLOGGED TABLE cache (k text PRIMARY KEY, v text);\n"
    "CREATE TABLE measurement (city_id int NOT NULL, logdate date NOT NULL) PARTITION BY RANGE (logdate);\n"
    "CREATE TABLE measurement_y2006 PARTITION OF measurement FOR VALUES FROM ('2006-01-01') TO ('2007-01-01');\n"
    "CREATE TABLE hashed (id int, x text) PARTITION BY HASH (id, lower(x));\n", NULL);
  const CardinalSqlObject *object;

  g_assert_cmpuint (schema->tables->len, ==, 3);
  g_assert_true (table_of (schema, "cache")->unlogged);
  g_assert_false (table_of (schema, "measurement")->unlogged);
  g_assert_cmpstr (table_of (schema, "measurement")->partition_by, ==, "RANGE (logdate)");
  g_assert_cmpstr (table_of (schema, "hashed")->partition_by, ==, "HASH (id, lower(x))");
  g_assert_null (table_of (schema, "cache")->partition_by);
  g_assert_null (cardinal_schema_find_table (schema, "measurement_y2006"));

  g_assert_cmpuint (schema->objects->len, ==, 1);
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_cmpstr (object->kind, ==, "partition");
  g_assert_cmpstr (object->name, ==, "measurement_y2006");
  g_assert_cmpstr (object->sql, ==, "CREATE TABLE measurement_y2006 PARTITION OF measurement FOR VALUES FROM ('2006-01-01') TO ('2007-01-01')");
  assert_strv (object->depends_on, "measurement");
}

/* pg_dump's way: a table, then ALTER TABLE parent ATTACH PARTITION. */
static void
test_attached_partition (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE public.payment (id integer NOT NULL, paid date NOT NULL) PARTITION BY RANGE (paid);\n"
    "CREATE TABLE public.payment_2022 (id integer NOT NULL, paid date NOT NULL);\n"
    "CREATE TABLE public.payment_rest (id integer NOT NULL, paid date NOT NULL);\n"
    "COMMENT ON TABLE public.payment_rest IS 'What is left';\n"
    "COMMENT ON COLUMN public.payment_rest.paid IS 'Day''s date';\n"
    "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_2022 FOR VALUES FROM ('2022-01-01') TO ('2023-01-01');\n"
    "ALTER TABLE ONLY public.payment ATTACH PARTITION public.payment_rest DEFAULT;\n"
    "ALTER TABLE ONLY public.payment_2022 ADD CONSTRAINT payment_2022_pkey PRIMARY KEY (id, paid);\n"
    "CREATE INDEX payment_paid_idx ON ONLY public.payment USING btree (paid);\n"
    "CREATE INDEX payment_2022_paid_idx ON public.payment_2022 USING btree (paid);\n"
    "ALTER INDEX public.payment_paid_idx ATTACH PARTITION public.payment_2022_paid_idx;\n", NULL);
  const CardinalSqlObject *object;

  g_assert_cmpuint (schema->tables->len, ==, 1);
  g_assert_cmpstr (table_of (schema, "payment")->partition_by, ==, "RANGE (paid)");
  g_assert_cmpuint (schema->objects->len, ==, 5);
  assert_objects_parse (schema);
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_cmpstr (object->kind, ==, "partition");
  g_assert_cmpstr (object->name, ==, "payment_2022");
  g_assert_cmpstr (object->sql, ==, "CREATE TABLE \"public\".\"payment_2022\" PARTITION OF \"public\".\"payment\" "
                   "FOR VALUES FROM ('2022-01-01') TO ('2023-01-01')");
  assert_strv (object->depends_on, "payment");
  object = g_ptr_array_index (schema->objects, 1);
  g_assert_cmpstr (object->sql, ==, "CREATE TABLE \"public\".\"payment_rest\" PARTITION OF \"public\".\"payment\" DEFAULT");
  /* The comments the table had are the partition's. */
  object = g_ptr_array_index (schema->objects, 2);
  g_assert_cmpstr (object->kind, ==, "comment");
  g_assert_cmpstr (object->sql, ==, "COMMENT ON TABLE \"public\".\"payment_rest\" IS 'What is left'");
  assert_strv (object->depends_on, "payment_rest");
  object = g_ptr_array_index (schema->objects, 3);
  g_assert_cmpstr (object->sql, ==, "COMMENT ON COLUMN \"public\".\"payment_rest\".\"paid\" IS 'Day''s date'");
  /* What comes after is about the partition: kept as written… */
  object = g_ptr_array_index (schema->objects, 4);
  g_assert_cmpstr (object->kind, ==, "statement");
  assert_strv (object->depends_on, "payment_2022");
  /* …except an index that ATTACH PARTITION shows to be the parent's on that partition. */
  g_assert_cmpuint (table_of (schema, "payment")->indexes->len, ==, 1);
}

/* SQL objects ------------------------------------------------------------------------ */

static void
test_sql_objects (void)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE FUNCTION last_updated() RETURNS trigger LANGUAGE plpgsql AS $$\n"
    "BEGIN NEW.updated := now(); RETURN NEW; END $$;\n"
    "CREATE TABLE film (id integer PRIMARY KEY, title text, updated timestamp);\n"
    "-- The list of films.\n"
    "CREATE VIEW film_list AS SELECT id, upper(title) AS title FROM film;\n"
    "CREATE MATERIALIZED VIEW film_count AS SELECT count(*) FROM film_list;\n"
    "CREATE INDEX film_count_idx ON film_count (count);\n"
    "CREATE FUNCTION titles(f film) RETURNS text LANGUAGE sql AS 'SELECT f.title';\n"
    "CREATE FUNCTION film_total() RETURNS bigint LANGUAGE sql AS $$ SELECT count(*) FROM film $$;\n"
    "CREATE PROCEDURE tidy(days integer) LANGUAGE sql AS $$ DELETE FROM film WHERE false $$;\n"
    "CREATE FUNCTION add_one(integer) RETURNS integer LANGUAGE sql IMMUTABLE RETURN $1 + 1;\n"
    "CREATE AGGREGATE total(integer) (SFUNC = int4pl, STYPE = integer);\n"
    "CREATE TRIGGER film_updated BEFORE UPDATE ON film FOR EACH ROW EXECUTE FUNCTION last_updated();\n"
    "CREATE RULE film_no_delete AS ON DELETE TO film DO INSTEAD NOTHING;\n"
    "CREATE POLICY film_read ON film FOR SELECT USING (true);\n"
    "ALTER TABLE film ENABLE ROW LEVEL SECURITY;\n"
    "COMMENT ON VIEW film_list IS 'Films';\n"
    "COMMENT ON FUNCTION last_updated() IS 'Stamps rows';\n"
    "CREATE CAST (text AS film) WITH INOUT;\n"
    "ALTER VIEW film_list OWNER TO someone;\n"
    "GRANT SELECT ON film TO PUBLIC;\n"
    "DROP TABLE IF EXISTS old;\n",
    &notes);
  static const struct { const char *kind, *name, *depends; gboolean before; } expected[] = {
    { "function", "last_updated()", NULL, TRUE },
    { "view", "film_list", "film", FALSE },
    { "materialized-view", "film_count", "film_list", FALSE },
    { "statement", "film_count_idx", "film_count", FALSE },
    { "function", "titles(film)", NULL, FALSE },
    { "function", "film_total()", "film", FALSE },
    { "procedure", "tidy(integer)", "film", FALSE },
    { "function", "add_one(integer)", NULL, TRUE },
    { "aggregate", "total(integer)", NULL, FALSE },
    { "trigger", "film_updated", "film,last_updated()", FALSE },
    { "rule", "film_no_delete", "film", FALSE },
    { "policy", "film_read", "film", FALSE },
    { "statement", "film", "film", FALSE },
    { "comment", "view film_list", "film_list", FALSE },
    { "comment", "function last_updated", "last_updated()", FALSE },
    { "statement", "", NULL, FALSE },
  };
  const CardinalSqlObject *object;

  g_assert_cmpuint (schema->tables->len, ==, 1);
  g_assert_cmpuint (schema->objects->len, ==, G_N_ELEMENTS (expected));
  assert_objects_parse (schema);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *depends = NULL;

      object = g_ptr_array_index (schema->objects, i);
      depends = object->depends_on != NULL ? g_strjoinv (",", object->depends_on) : NULL;
      if (g_test_verbose ())
        g_test_message ("object %u: %s %s", i, object->kind, object->name);
      g_assert_cmpstr (object->kind, ==, expected[i].kind);
      g_assert_cmpstr (object->name, ==, expected[i].name);
      g_assert_cmpstr (depends, ==, expected[i].depends);
      g_assert_cmpint (object->before_tables, ==, expected[i].before);
      g_assert_cmpint (object->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
    }
  /* The statement's own text: no comment before it, no semicolon after it. */
  object = g_ptr_array_index (schema->objects, 1);
  g_assert_cmpstr (object->sql, ==, "CREATE VIEW film_list AS SELECT id, upper(title) AS title FROM film");
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_true (g_str_has_prefix (object->sql, "CREATE FUNCTION last_updated() RETURNS trigger"));
  g_assert_true (g_str_has_suffix (object->sql, "RETURN NEW; END $$"));
  /* DROP is neither kept nor silent. */
  g_assert_true (cardinal_test_notes_have (notes, "DropStmt"));
}

static void
test_kept_statements (void)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE room (id integer PRIMARY KEY, during tsrange);\n"
    "ALTER TABLE ONLY room ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&);\n"
    "CREATE VIEW reports.busy AS SELECT id FROM room;\n"
    "CREATE TEMPORARY TABLE scratch (x integer);\n"
    "CREATE DATABASE other;\n"
    "ALTER DATABASE other SET search_path = public;\n", &notes);
  const CardinalSqlObject *object;

  g_assert_cmpuint (schema->tables->len, ==, 1);
  g_assert_cmpuint (schema->objects->len, ==, 2);
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_cmpstr (object->kind, ==, "statement");
  g_assert_cmpstr (object->sql, ==, "ALTER TABLE ONLY room ADD CONSTRAINT no_overlap EXCLUDE USING gist (during WITH &&)");
  assert_strv (object->depends_on, "room");
  object = g_ptr_array_index (schema->objects, 1);
  g_assert_cmpstr (object->name, ==, "reports.busy");
  /* The view's schema must exist before it. */
  g_assert_cmpuint (schema->schemas->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (schema->schemas, 0), ==, "reports");
  g_assert_true (cardinal_test_notes_have (notes, "temporary table \"scratch\" skipped"));
  /* Server-wide statements are noted with their line, never kept. */
  g_assert_true (cardinal_test_notes_have (notes, ":5: CreatedbStmt skipped"));
  g_assert_true (cardinal_test_notes_have (notes, ":6: AlterDatabaseSetStmt skipped"));
}

/* pg_dump ------------------------------------------------------------------------------ */

static const char plain_form[] =
  "CREATE TABLE customer (\n"
  "    id serial PRIMARY KEY,\n"
  "    email character varying(200) NOT NULL,\n"
  "    balance numeric(10,2) DEFAULT -1 NOT NULL\n"
  ");\n"
  "CREATE TABLE orders (\n"
  "    id bigserial,\n"
  "    customer_id integer NOT NULL,\n"
  "    note text DEFAULT (1 + 2)::text,\n"
  "    CONSTRAINT orders_pkey PRIMARY KEY (id),\n"
  "    CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES customer(id) ON DELETE CASCADE\n"
  ");\n"
  "CREATE UNIQUE INDEX customer_email_key ON customer (email);\n";

static const char dump_form[] =
  "--\n"
  "-- PostgreSQL database dump\n"
  "--\n"
  "\\restrict abc123\n"
  "SET statement_timeout = 0;\n"
  "SET client_encoding = 'UTF8';\n"
  "SELECT pg_catalog.set_config('search_path', '', false);\n"
  "\\connect shop\n"
  "SET default_tablespace = '';\n"
  "\n"
  "CREATE TABLE public.customer (\n"
  "    id integer NOT NULL,\n"
  "    email character varying(200) NOT NULL,\n"
  "    balance numeric(10,2) DEFAULT '-1'::numeric NOT NULL\n"
  ");\n"
  "ALTER TABLE public.customer OWNER TO shop;\n"
  "CREATE SEQUENCE public.customer_id_seq\n"
  "    AS integer\n"
  "    START WITH 1\n"
  "    INCREMENT BY 1\n"
  "    NO MINVALUE\n"
  "    NO MAXVALUE\n"
  "    CACHE 1;\n"
  "ALTER TABLE public.customer_id_seq OWNER TO shop;\n"
  "ALTER SEQUENCE public.customer_id_seq OWNED BY public.customer.id;\n"
  "CREATE TABLE public.orders (\n"
  "    id bigint NOT NULL,\n"
  "    customer_id integer NOT NULL,\n"
  "    note text DEFAULT (1 + 2)::text\n"
  ");\n"
  "CREATE SEQUENCE public.orders_id_seq\n"
  "    START WITH 1\n"
  "    INCREMENT BY 1\n"
  "    NO MINVALUE\n"
  "    NO MAXVALUE\n"
  "    CACHE 1;\n"
  "ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;\n"
  "ALTER TABLE ONLY public.customer ALTER COLUMN id SET DEFAULT nextval('public.customer_id_seq'::regclass);\n"
  "ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);\n"
  "COPY public.customer (id, email, balance) FROM stdin;\n"
  "1\tann@example.com\t-1\n"
  "2\tbob@example.com\t\\N\n"
  "\\.\n"
  "SELECT pg_catalog.setval('public.customer_id_seq', 2, true);\n"
  "COPY public.orders (id, customer_id, note) FROM stdin WITH (FORMAT csv);\n"
  "1,1,\"it's; \\ odd\"\n"
  "\\.\n"
  "ALTER TABLE ONLY public.customer\n"
  "    ADD CONSTRAINT customer_pkey PRIMARY KEY (id);\n"
  "ALTER TABLE ONLY public.orders\n"
  "    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);\n"
  "CREATE UNIQUE INDEX customer_email_key ON public.customer USING btree (email);\n"
  "ALTER TABLE ONLY public.orders\n"
  "    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customer(id) ON DELETE CASCADE;\n"
  "GRANT ALL ON TABLE public.orders TO PUBLIC;\n"
  "\\unrestrict abc123\n";

/* Every physical field of the tables, as one text. */
static char *
describe_tables (const CardinalSchema *schema)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);
      g_autofree char *key = g_strjoinv (",", table->primary_key);

      g_string_append_printf (out, "table %s schema=%s pk=(%s) unlogged=%d\n", table->name,
                              table->schema ? table->schema : "-", key, table->unlogged);
      for (guint k = 0; k < table->columns->len; k++)
        {
          const CardinalColumn *c = g_ptr_array_index (table->columns, k);

          g_string_append_printf (out, "  %s %s sql=%s null=%d auto=%d identity=%d seq=%d default=%s\n", c->name,
                                  c->type, c->sql_type ? c->sql_type : "-", c->nullable, c->autoincrement,
                                  c->identity, c->sequence != NULL, c->default_value ? c->default_value : "-");
        }
      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          g_autofree char *columns = g_strjoinv (",", fk->columns);
          g_autofree char *ref = g_strjoinv (",", fk->ref_columns);

          g_string_append_printf (out, "  fk %s (%s) -> %s (%s) %d/%d\n", fk->name, columns, fk->ref_table, ref,
                                  fk->on_delete, fk->on_update);
        }
      for (guint k = 0; k < table->indexes->len; k++)
        {
          const CardinalIndex *index = g_ptr_array_index (table->indexes, k);
          g_autofree char *columns = g_strjoinv (",", index->columns);

          g_string_append_printf (out, "  index %s (%s) unique=%d\n", index->name, columns, index->unique);
        }
      g_string_append_printf (out, "  %u uniques, %u checks\n", table->uniques->len, table->checks->len);
    }
  g_string_append_printf (out, "%u sequences, %u objects\n", schema->sequences->len, schema->objects->len);
  return g_string_free (out, FALSE);
}

static void
test_pg_dump_form (void)
{
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) plain = read_sql (plain_form, NULL);
  g_autoptr(CardinalSchema) dump = read_sql (dump_form, &notes);
  g_autofree char *plain_text = describe_tables (plain);
  g_autofree char *dump_text = describe_tables (dump);
  const CardinalTable *customer;

  /* pg_dump writes -1 as '-1'::numeric: the same default. */
  g_assert_cmpstr (dump_text, ==, plain_text);
  g_assert_cmpstr (column_of (table_of (dump, "customer"), "balance")->default_value, ==, "-1");
  g_assert_cmpstr (column_of (table_of (dump, "orders"), "note")->default_value, ==, "(1 + 2)::text");

  customer = table_of (plain, "customer");
  g_assert_cmpint (column_of (customer, "id")->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_cmpint (column_of (table_of (dump, "orders"), "id")->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_cmpuint (dump->sequences->len, ==, 0);

  /* Nothing is dropped silently: the meta-commands, the COPY data and the settings. */
  g_assert_true (cardinal_test_notes_have (notes, "psql meta-commands"));
  g_assert_true (cardinal_test_notes_have (notes, "VariableSetStmt"));
  g_assert_true (cardinal_test_notes_have (notes, "CopyStmt"));
}

static void
test_serial_sequence_options (void)
{
  g_autoptr(CardinalSchema) schema = read_sql (
    "CREATE TABLE t (id integer NOT NULL, other integer NOT NULL);\n"
    "CREATE SEQUENCE t_id_seq AS integer START WITH 1000 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 5;\n"
    "ALTER SEQUENCE t_id_seq OWNED BY t.id;\n"
    "CREATE SEQUENCE numbers START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;\n"
    "ALTER SEQUENCE numbers OWNED BY t.other;\n"
    "ALTER TABLE ONLY t ALTER COLUMN id SET DEFAULT nextval('t_id_seq'::regclass);\n"
    "ALTER TABLE ONLY t ALTER COLUMN other SET DEFAULT nextval('numbers'::regclass);\n", NULL);
  const CardinalTable *t = table_of (schema, "t");
  const CardinalColumn *column = column_of (t, "id");

  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_nonnull (column->sequence);
  g_assert_null (column->sequence->name);
  g_assert_null (column->sequence->type);
  g_assert_true (column->sequence->has_start);
  g_assert_cmpint (column->sequence->start, ==, 1000);
  g_assert_true (column->sequence->has_cache);
  g_assert_cmpint (column->sequence->cache, ==, 5);

  /* A serial whose sequence has another name (and is bigint, the standalone default). */
  column = column_of (t, "other");
  g_assert_cmpint (column->identity, ==, CARDINAL_IDENTITY_SERIAL);
  g_assert_nonnull (column->sequence);
  g_assert_cmpstr (column->sequence->name, ==, "numbers");
  g_assert_cmpstr (column->sequence->type, ==, "bigint");
  g_assert_null (column->default_value);
  g_assert_cmpuint (schema->sequences->len, ==, 0);
}

/* Dialect detection ---------------------------------------------------------------------- */

static void
test_detect_psql_lines (void)
{
  g_assert_cmpint (cardinal_reflect_sql_detect_dialect ("\\c shop\nCREATE TABLE t (id integer PRIMARY KEY);\n"), ==,
                   CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpint (cardinal_reflect_sql_detect_dialect ("CREATE TABLE t (id integer PRIMARY KEY);\n  \\connect other\n"), ==,
                   CARDINAL_DIALECT_POSTGRESQL);
  /* A backslash inside a string is not a meta-command. */
  g_assert_cmpint (cardinal_reflect_sql_detect_dialect ("CREATE TABLE t (id integer PRIMARY KEY AUTOINCREMENT, a text DEFAULT '\n\\c');\n"), ==,
                   CARDINAL_DIALECT_SQLITE);
  g_assert_cmpint (cardinal_reflect_sql_detect_dialect ("PRAGMA foreign_keys = ON;\nCREATE TABLE t (id INTEGER PRIMARY KEY);\n"), ==,
                   CARDINAL_DIALECT_SQLITE);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(CardinalSchema) schema = cardinal_reflect_sql ("\\c shop\nCREATE TABLE t (id integer PRIMARY KEY);\n",
                                                             "c.sql", CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, &error);

    g_assert_no_error (error);
    g_assert_true (schema->has_dialect);
    g_assert_cmpint (schema->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  }
}

/* SQLite dialect: rows are skipped and counted, never run, and a statement
 * that never ends is stopped with a message instead of hanging the import. */
static void
test_sqlite_budget (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  gboolean noted = FALSE;

  notes = g_ptr_array_new_with_free_func (g_free);
  schema = cardinal_reflect_sql_sqlite ("CREATE TABLE t (id INTEGER PRIMARY KEY, x TEXT);\n"
                                        "INSERT INTO t VALUES (1, 'a');\n"
                                        "UPDATE t SET x = 'b';\n"
                                        "SELECT * FROM t;\n",
                                        "rows.sql", notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_schema_find_table (schema, "t"));
  for (guint i = 0; i < notes->len; i++)
    noted = noted || strstr (g_ptr_array_index (notes, i), "3 data statements") != NULL;
  g_assert_true (noted);
  g_clear_pointer (&schema, cardinal_schema_free);

  schema = cardinal_reflect_sql_sqlite ("CREATE TABLE t (id INTEGER PRIMARY KEY);\n"
                                        "CREATE TABLE loop AS WITH RECURSIVE c(n) AS\n"
                                        "  (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n FROM c;\n",
                                        "loop.sql", NULL, NULL, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX);
  g_assert_nonnull (strstr (error->message, "loop.sql:2: this statement runs too long"));
  g_clear_error (&error);

  /* Cancelled before it starts: the statement is stopped at its first steps. */
  g_cancellable_cancel (cancellable);
  schema = cardinal_reflect_sql_sqlite ("CREATE TABLE loop AS WITH RECURSIVE c(n) AS\n"
                                        "  (SELECT 1 UNION ALL SELECT n + 1 FROM c) SELECT n FROM c;\n",
                                        "loop.sql", NULL, cancellable, &error);
  g_assert_null (schema);
  g_assert_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CANCELLED);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/reflect-sql/schemas-and-extensions", test_schemas_and_extensions);
  g_test_add_func ("/reflect-sql/enum-and-domain", test_enum_and_domain);
  g_test_add_func ("/reflect-sql/column-types", test_column_types);
  g_test_add_func ("/reflect-sql/defaults-exactly", test_defaults_exactly);
  g_test_add_func ("/reflect-sql/default-alone", test_default_alone);
  g_test_add_func ("/reflect-sql/identity-serial-generated", test_identity_serial_generated);
  g_test_add_func ("/reflect-sql/sequences", test_sequences);
  g_test_add_func ("/reflect-sql/serial-sequence-options", test_serial_sequence_options);
  g_test_add_func ("/reflect-sql/constraints", test_constraints);
  g_test_add_func ("/reflect-sql/indexes", test_indexes);
  g_test_add_func ("/reflect-sql/unlogged-and-partitions", test_unlogged_and_partitions);
  g_test_add_func ("/reflect-sql/attached-partition", test_attached_partition);
  g_test_add_func ("/reflect-sql/sql-objects", test_sql_objects);
  g_test_add_func ("/reflect-sql/kept-statements", test_kept_statements);
  g_test_add_func ("/reflect-sql/pg-dump-form", test_pg_dump_form);
  g_test_add_func ("/reflect-sql/detect-psql-lines", test_detect_psql_lines);

  g_test_add_func ("/reflect-sql/sqlite-budget", test_sqlite_budget);
  return g_test_run ();
}
