/* test-types.c: the type catalogue's parsing, per-dialect spelling and FK compatibility. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-types.h"

static void
test_parse_catalogue (void)
{
  CardinalType type;

  g_assert_true (cardinal_type_parse ("integer", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_INTEGER);
  g_assert_true (cardinal_type_parse ("varchar(255)", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_VARCHAR);
  g_assert_cmpint (type.length, ==, 255);
  g_assert_true (cardinal_type_parse ("numeric(10,2)", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_NUMERIC);
  g_assert_cmpint (type.precision, ==, 10);
  g_assert_cmpint (type.scale, ==, 2);
  g_assert_true (cardinal_type_parse ("numeric(12)", &type, NULL));
  g_assert_cmpint (type.precision, ==, 12);
  g_assert_cmpint (type.scale, ==, -1);
  g_assert_true (cardinal_type_parse ("numeric", &type, NULL));
  g_assert_cmpint (type.precision, ==, -1);
  g_assert_true (cardinal_type_parse ("timestamptz", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_TIMESTAMPTZ);
}

static void
test_parse_aliases (void)
{
  static const struct
  {
    const char       *text;
    CardinalTypeBase  base;
    int               length;
  } aliases[] = {
    { "character varying(20)", CARDINAL_TYPE_VARCHAR, 20 },
    { "CHARACTER  VARYING(20)", CARDINAL_TYPE_VARCHAR, 20 },
    { "int4", CARDINAL_TYPE_INTEGER, -1 },
    { "INT", CARDINAL_TYPE_INTEGER, -1 },
    { "int8", CARDINAL_TYPE_BIGINT, -1 },
    { "BIGINT", CARDINAL_TYPE_BIGINT, -1 },
    { "int2", CARDINAL_TYPE_SMALLINT, -1 },
    { "float8", CARDINAL_TYPE_DOUBLE, -1 },
    { "double precision", CARDINAL_TYPE_DOUBLE, -1 },
    { "float4", CARDINAL_TYPE_REAL, -1 },
    { "bool", CARDINAL_TYPE_BOOLEAN, -1 },
    { "timestamp without time zone", CARDINAL_TYPE_TIMESTAMP, -1 },
    { "Timestamp With Time Zone", CARDINAL_TYPE_TIMESTAMPTZ, -1 },
    { "bytea", CARDINAL_TYPE_BYTES, -1 },
    { "decimal(10,2)", CARDINAL_TYPE_NUMERIC, -1 },
  };
  static const char * const portable[] = { "character(2)", "char(3)", "CHAR(1)", "character", "character varying", NULL };
  static const char * const not_portable[] = { "geometry", "char(x)", "varchar", "text[]", NULL };
  CardinalType type;

  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      g_assert_true (cardinal_type_parse (aliases[i].text, &type, NULL));
      g_assert_cmpint (type.base, ==, aliases[i].base);
      g_assert_cmpint (type.length, ==, aliases[i].length);
    }
  g_assert_true (cardinal_type_parse ("decimal(10,2)", &type, NULL));
  g_assert_cmpint (type.precision, ==, 10);
  g_assert_cmpint (type.scale, ==, 2);

  for (guint i = 0; portable[i] != NULL; i++)
    {
      g_assert_true (cardinal_type_parse (portable[i], &type, NULL));
      g_assert_cmpint (type.base, ==, CARDINAL_TYPE_RAW);
      g_assert_true (cardinal_type_is_portable_raw (portable[i]));
    }
  for (guint i = 0; not_portable[i] != NULL; i++)
    g_assert_false (cardinal_type_is_portable_raw (not_portable[i]));

  /* An alias is spelled as the catalogue spells its base. */
  {
    g_autofree char *sqlite = cardinal_type_to_sql ("character varying(20)", CARDINAL_DIALECT_SQLITE);
    g_autofree char *postgresql = cardinal_type_to_sql ("int8", CARDINAL_DIALECT_POSTGRESQL);

    g_assert_cmpstr (sqlite, ==, "VARCHAR(20)");
    g_assert_cmpstr (postgresql, ==, "bigint");
  }
  g_assert_true (cardinal_type_fk_compatible ("int4", "integer"));
}

static void
test_parse_raw_and_malformed (void)
{
  static const char * const malformed[] = {
    "", " integer", "varchar", "varchar()", "varchar(x)", "varchar(0)", "varchar(10",
    "varchar(10) x", "numeric(2,5)", "numeric(,2)", "numeric(a)", "varchar(99999999999)",
  };
  CardinalType type;

  g_assert_true (cardinal_type_parse ("citext", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_RAW);
  g_assert_true (cardinal_type_parse ("mood_enum", &type, NULL));
  g_assert_cmpint (type.base, ==, CARDINAL_TYPE_RAW);

  for (guint i = 0; i < G_N_ELEMENTS (malformed); i++)
    {
      g_autofree char *message = NULL;

      g_assert_false (cardinal_type_parse (malformed[i], &type, &message));
      g_assert_nonnull (message);
    }
}

static void
test_to_sql (void)
{
  static const struct { const char *type, *sqlite, *postgresql; } cases[] = {
    { "integer", "INTEGER", "integer" },
    { "bigint", "BIGINT", "bigint" },
    { "varchar(40)", "VARCHAR(40)", "varchar(40)" },
    { "numeric(10,2)", "NUMERIC(10,2)", "numeric(10,2)" },
    { "double", "DOUBLE PRECISION", "double precision" },
    { "timestamptz", "TIMESTAMPTZ", "timestamptz" },
    { "json", "JSON", "jsonb" },
    { "bytes", "BLOB", "bytea" },
    { "boolean", "BOOLEAN", "boolean" },
    { "citext", "citext", "citext" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *sqlite = cardinal_type_to_sql (cases[i].type, CARDINAL_DIALECT_SQLITE);
      g_autofree char *postgresql = cardinal_type_to_sql (cases[i].type, CARDINAL_DIALECT_POSTGRESQL);

      g_assert_cmpstr (sqlite, ==, cases[i].sqlite);
      g_assert_cmpstr (postgresql, ==, cases[i].postgresql);
    }
}

static void
test_fk_compatible (void)
{
  g_assert_true (cardinal_type_fk_compatible ("integer", "integer"));
  g_assert_true (cardinal_type_fk_compatible ("bigint", "integer"));
  g_assert_true (cardinal_type_fk_compatible ("varchar(10)", "text"));
  g_assert_true (cardinal_type_fk_compatible ("uuid", "uuid"));
  g_assert_false (cardinal_type_fk_compatible ("text", "integer"));
  g_assert_false (cardinal_type_fk_compatible ("uuid", "integer"));
  g_assert_false (cardinal_type_fk_compatible ("citext", "integer"));
  g_assert_true (cardinal_type_is_integer ("smallint"));
  g_assert_false (cardinal_type_is_integer ("numeric(10,0)"));
}

static void
test_dialect_names (void)
{
  CardinalDialect dialect;

  g_assert_true (cardinal_dialect_from_string ("sqlite", &dialect));
  g_assert_cmpint (dialect, ==, CARDINAL_DIALECT_SQLITE);
  g_assert_true (cardinal_dialect_from_string ("postgresql", &dialect));
  g_assert_cmpint (dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_false (cardinal_dialect_from_string ("mysql", &dialect));
  g_assert_cmpstr (cardinal_dialect_to_string (CARDINAL_DIALECT_SQLITE), ==, "sqlite");
}

/* What the inspector's type field stores and suggests. */
static void
test_canonical_and_names (void)
{
  g_autofree char *problem = NULL;
  g_auto(GStrv) postgresql = cardinal_type_names (CARDINAL_DIALECT_POSTGRESQL);
  g_auto(GStrv) sqlite = cardinal_type_names (CARDINAL_DIALECT_SQLITE);
  g_auto(GStrv) all = cardinal_type_names (-1);
  const char * const cases[][2] = {
    { "INT", "integer" },
    { "int8", "bigint" },
    { "character varying(20)", "varchar(20)" },
    { "DECIMAL(10, 2)", "numeric(10,2)" },
    { "timestamp with time zone", "timestamptz" },
    { "jsonb", "json" },
    { "mpaa_rating", "mpaa_rating" },
    { "character varying", "character varying" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *canonical = cardinal_type_canonical (cases[i][0], NULL);

      g_assert_cmpstr (canonical, ==, cases[i][1]);
    }
  g_assert_null (cardinal_type_canonical ("varchar(x)", &problem));
  g_assert_nonnull (problem);

  /* The catalogue first, in its order; a bare varchar would not parse. */
  g_assert_cmpstr (postgresql[0], ==, "integer");
  g_assert_true (g_strv_contains ((const char * const *) postgresql, "varchar(255)"));
  g_assert_false (g_strv_contains ((const char * const *) postgresql, "varchar"));
  /* Each dialect's own spellings as that dialect writes them, then the other spellings read. */
  g_assert_true (g_strv_contains ((const char * const *) postgresql, "double precision"));
  g_assert_true (g_strv_contains ((const char * const *) postgresql, "bytea"));
  g_assert_true (g_strv_contains ((const char * const *) sqlite, "BLOB"));
  g_assert_true (g_strv_contains ((const char * const *) sqlite, "DOUBLE PRECISION"));
  g_assert_false (g_strv_contains ((const char * const *) sqlite, "double precision"));
  g_assert_true (g_strv_contains ((const char * const *) all, "int8"));
  /* Every name offered parses. */
  for (guint i = 0; all[i] != NULL; i++)
    {
      CardinalType type;

      g_assert_true (cardinal_type_parse (all[i], &type, NULL));
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/types/parse-catalogue", test_parse_catalogue);
  g_test_add_func ("/types/parse-aliases", test_parse_aliases);
  g_test_add_func ("/types/parse-raw-and-malformed", test_parse_raw_and_malformed);
  g_test_add_func ("/types/to-sql", test_to_sql);
  g_test_add_func ("/types/fk-compatible", test_fk_compatible);
  g_test_add_func ("/types/dialect-names", test_dialect_names);
  g_test_add_func ("/types/canonical-and-names", test_canonical_and_names);

  return g_test_run ();
}
