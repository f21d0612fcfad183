/* test-codegen-names.c: model names → C identifiers for generated code: keywords, spaces, unicode, clashes, stability. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-codegen.h"

/* Every byte is one a C identifier may hold, and it does not start with a digit or an underscore. */
static void
assert_c_identifier (const char *identifier)
{
  const char *p;

  g_assert_nonnull (identifier);
  g_assert_cmpuint (strlen (identifier), >, 0);
  g_assert_false (g_ascii_isdigit (identifier[0]));
  g_assert_cmpint (identifier[0], !=, '_');
  for (p = identifier; *p != '\0'; p++)
    g_assert_true (g_ascii_isalnum (*p) || *p == '_');
  g_assert_false (cardinal_codegen_is_c_keyword (identifier));
}

static void
check (const char *name,
       const char *expected)
{
  g_autofree char *c_name = cardinal_codegen_c_name (name);

  assert_c_identifier (c_name);
  g_assert_cmpstr (c_name, ==, expected);
}

static void
test_plain (void)
{
  check ("car_info", "car_info");
  check ("CarInfo", "CarInfo");
  check ("id", "id");
  check ("x1", "x1");
}

static void
test_keywords (void)
{
  check ("default", "default_");
  check ("case", "case_");
  check ("int", "int_");
  check ("bool", "bool_");      /* C23 keyword, macro in <stdbool.h> */
  check ("_Bool", "Bool");      /* a leading underscore is reserved; what remains is no keyword */
  check ("static_assert", "static_assert_");
  /* Only whole words: a keyword inside a name is fine. */
  check ("default_value", "default_value");
  check ("integer", "integer");
  g_assert_true (cardinal_codegen_is_c_keyword ("while"));
  g_assert_false (cardinal_codegen_is_c_keyword ("While"));
}

static void
test_spaces_and_punctuation (void)
{
  check ("with space", "with_space");
  check ("  padded  ", "padded");
  check ("we\"ird", "we_ird");
  check ("it's", "it_s");
  check ("a - b", "a_b");
  check ("2fa", "n2fa");
  check ("__private", "private");
  check ("", "unnamed");
  check ("\"\"", "unnamed");
  check ("'; DROP TABLE x; --", "DROP_TABLE_x");
}

static void
test_unicode (void)
{
  check ("naïve name", "naive_name");
  check ("café crème", "cafe_creme");
  check ("größe", "groesse");
  check ("Ærø", "AEro");
  check ("Łódź", "Lodz");
  /* No Latin base letter: the code point, so that different names stay different. */
  check ("用户", "u7528_u6237");
  check ("ユーザー id", "u30E6_u30FC_u30B6_u30FC_id");
  check ("emoji 🎉", "emoji_u1F389");
}

/* The mapping is a pure function of the name. */
static void
test_stable (void)
{
  const char *names[] = { "default", "naïve name", "用户", "with space", "order", NULL };
  guint i;

  for (i = 0; names[i] != NULL; i++)
    {
      g_autofree char *a = cardinal_codegen_c_name (names[i]);
      g_autofree char *b = cardinal_codegen_c_name (names[i]);

      g_assert_cmpstr (a, ==, b);
    }
}

/* Names that map to the same C name are told apart by the namespace, the same way every time. */
static void
test_clashes (void)
{
  const char *names[] = { "with space", "with_space", "with-space", "int", "int_", NULL };
  const char *expected[] = { "with_space", "with_space_2", "with_space_3", "int_", "int__2", NULL };
  guint round;

  for (round = 0; round < 2; round++)
    {
      g_autoptr(CardinalCodegenNames) names_ns = cardinal_codegen_names_new ();
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
      guint i;

      for (i = 0; names[i] != NULL; i++)
        {
          g_autofree char *c_name = cardinal_codegen_c_name (names[i]);
          const char *claimed = cardinal_codegen_names_claim (names_ns, c_name);

          assert_c_identifier (claimed);
          g_assert_cmpstr (claimed, ==, expected[i]);
          g_assert_false (g_hash_table_contains (seen, claimed));
          g_hash_table_add (seen, (gpointer) claimed);
        }
    }
}

static void
test_reserve (void)
{
  g_autoptr(CardinalCodegenNames) names = cardinal_codegen_names_new ();

  cardinal_codegen_names_reserve (names, "free");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "free"), ==, "free_2");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "free_2"), ==, "free_2_2");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "user"), ==, "user");
}

/* Names the generated code's headers define (macros, typedefs, the clients'
 * families) get a trailing "_", like keywords; others are left alone. */
static void
test_reserved (void)
{
  const char *reserved[] = {
    "NULL", "EOF", "SIZE_MAX", "BUFSIZ", "INT_MAX", "SQLITE_OK", "InvalidOid", "errno", "stdin",
    "stderr", "EXIT_SUCCESS", "SEEK_SET", "RAND_MAX", "CHAR_BIT", "UINT64_MAX", "INT8_C", "EINVAL",
    "ERANGE", "E2BIG", "size_t", "int64_t", "FILE", "sqlite3", "sqlite3_open", "SQLITE_ROW",
    "PQexec", "PGconn", "PGRES_TUPLES_OK", "CONNECTION_OK", "PG_DIAG_SQLSTATE", "Oid", "FLT_MAX",
    "offsetof", "assert", "sqlite_int64", "pg_int64", "fts5_api", NULL
  };
  const char *plain[] = {
    "Email", "email", "error", "errors", "file", "File", "stdin_name", "null", "Null", "eof",
    "size", "max", "INT", "pgsql", "pg_stats", "sqlite", "sqlite_version", "E", "Eur", "customer_t1",
    "total_C", NULL
  };
  guint i;

  for (i = 0; reserved[i] != NULL; i++)
    {
      g_autofree char *wanted = g_strconcat (reserved[i], "_", NULL);

      g_assert_true (cardinal_codegen_is_reserved (reserved[i]));
      check (reserved[i], wanted);
    }
  for (i = 0; plain[i] != NULL; i++)
    {
      g_assert_false (cardinal_codegen_is_reserved (plain[i]));
      check (plain[i], plain[i]);
    }
  /* Keywords are reserved too, and stay mapped as before. */
  g_assert_true (cardinal_codegen_is_reserved ("true"));
  check ("true", "true_");
  check ("bool", "bool_");
  /* A type name made from a mapped name must not lose the "_" again. */
  {
    g_autofree char *type = cardinal_codegen_type_name ("FILE_");
    g_autofree char *other = cardinal_codegen_type_name ("size_t_");

    g_assert_cmpstr (type, ==, "FILE_");
    g_assert_cmpstr (other, ==, "SizeT");
  }
}

/* Many claims of one base give base, base_2, base_3… in order, skipping
 * reserved and claimed names, as a one-by-one search would. */
static void
test_many_claims (void)
{
  g_autoptr(CardinalCodegenNames) names = cardinal_codegen_names_new ();
  guint i;

  cardinal_codegen_names_reserve (names, "item_5");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item"), ==, "item");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item_3"), ==, "item_3");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item"), ==, "item_2");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item"), ==, "item_4");
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item"), ==, "item_6");
  for (i = 7; i <= 20000; i++)
    {
      g_autofree char *wanted = g_strdup_printf ("item_%u", i);

      g_assert_cmpstr (cardinal_codegen_names_claim (names, "item"), ==, wanted);
    }
  /* A name claimed by suffix is then taken as a base of its own. */
  g_assert_cmpstr (cardinal_codegen_names_claim (names, "item_7"), ==, "item_7_2");
}

static void
test_type_names (void)
{
  const struct { const char *c_name; const char *type; } cases[] = {
    { "car_info", "CarInfo" },
    { "user", "User" },
    { "a__b", "A_B" },
    { "int_", "Int" },
    { "n2fa", "N2fa" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *type = cardinal_codegen_type_name (cases[i].c_name);

      assert_c_identifier (type);
      g_assert_cmpstr (type, ==, cases[i].type);
    }
}

static void
test_plural (void)
{
  const struct { const char *one; const char *many; } cases[] = {
    { "post", "posts" },
    { "address", "addresses" },
    { "category", "categories" },
    { "day", "days" },
    { "box", "boxes" },
    { "match", "matches" },
    { "car_info", "car_infos" },
  };
  guint i;

  for (i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *many = cardinal_codegen_plural (cases[i].one);

      g_assert_cmpstr (many, ==, cases[i].many);
    }
}

/* A 10,000-character model name still gives file names a file system takes. */
static void
test_long_model_name (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new (NULL);
  CardinalEntity *entity = cardinal_entity_new ("a");
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  g_autoptr(GHashTable) files = NULL;
  g_auto(GStrv) names = NULL;
  g_autoptr(GError) error = NULL;

  g_free (model->name);
  model->name = g_strnfill (10000, 'x');
  id->primary_key = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (entity, id);
  cardinal_model_add_entity (model, entity);

  files = cardinal_codegen_generate (model, CARDINAL_DIALECT_SQLITE, &error);
  g_assert_no_error (error);
  names = cardinal_codegen_file_names (files);
  g_assert_nonnull (names[0]);
  for (guint i = 0; names[i] != NULL; i++)
    g_assert_cmpuint (strlen (names[i]), <=, 255);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/codegen-names/plain", test_plain);
  g_test_add_func ("/codegen-names/long-model-name", test_long_model_name);
  g_test_add_func ("/codegen-names/keywords", test_keywords);
  g_test_add_func ("/codegen-names/spaces-and-punctuation", test_spaces_and_punctuation);
  g_test_add_func ("/codegen-names/unicode", test_unicode);
  g_test_add_func ("/codegen-names/stable", test_stable);
  g_test_add_func ("/codegen-names/clashes", test_clashes);
  g_test_add_func ("/codegen-names/reserve", test_reserve);
  g_test_add_func ("/codegen-names/type-names", test_type_names);
  g_test_add_func ("/codegen-names/reserved", test_reserved);
  g_test_add_func ("/codegen-names/many-claims", test_many_claims);
  g_test_add_func ("/codegen-names/plural", test_plural);

  return g_test_run ();
}
