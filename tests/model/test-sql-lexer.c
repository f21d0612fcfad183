/* test-sql-lexer.c: the SQL lexer's exact token sequences under SQLite's, PostgreSQL's and either rules (cases in sql-lexer-cases.txt), hostile text included. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-sql-lexer.h"

#include <string.h>

#define LITE   CARDINAL_SQL_LEX_SQLITE
#define PG     CARDINAL_SQL_LEX_POSTGRESQL
#define EITHER CARDINAL_SQL_LEX_EITHER

/* The tokens of @sql as "W:word Q:"name" S:'text' C:-- x P:(", one per
 * line, so that a failure shows the whole sequence. */
static char *
lex (const char          *sql,
     CardinalSqlLexRules  rules)
{
  static const char kinds[] = { 'E', 'W', 'Q', 'S', 'C', 'P' };
  GString *out = g_string_new (NULL);
  const char *p = sql;
  CardinalSqlToken token;

  for (cardinal_sql_lexer_next (&p, rules, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, rules, &token))
    {
      g_assert_cmpuint (token.length, >, 0);
      g_assert_true (p == token.start + token.length);
      g_string_append_printf (out, "%c:%.*s\n", kinds[token.kind], (int) token.length, token.start);
    }
  /* The end stays the end. */
  g_assert_true (*p == '\0');
  cardinal_sql_lexer_next (&p, rules, &token);
  g_assert_cmpint (token.kind, ==, CARDINAL_SQL_TOKEN_END);
  g_assert_cmpuint (token.length, ==, 0);
  return g_string_free (out, FALSE);
}

static CardinalSqlLexRules
parse_rules (const char *name)
{
  if (g_str_equal (name, "sqlite"))
    return LITE;
  if (g_str_equal (name, "postgresql"))
    return PG;
  g_assert_cmpstr (name, ==, "either");
  return EITHER;
}

/* The cases in model/sql-lexer-cases.txt (its header says how they are
 * written): data, so that hostile bytes are written down once, readably. */
static void
test_cases (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "model", "sql-lexer-cases.txt", NULL);
  g_autofree char *contents = NULL;
  g_auto(GStrv) lines = NULL;
  g_autoptr(GError) error = NULL;
  guint n_cases = 0;

  g_file_get_contents (path, &contents, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (contents, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      CardinalSqlLexRules rules;
      g_autofree char *sql = NULL;
      g_autofree char *got = NULL;
      g_autoptr(GString) expected = g_string_new (NULL);
      guint line = i + 1;

      if (!g_str_has_prefix (lines[i], "< "))
        continue;
      rules = parse_rules (lines[i] + 2);
      g_assert_nonnull (lines[i + 1]);
      sql = g_strcompress (lines[++i]);
      while (lines[i + 1] != NULL && g_str_has_prefix (lines[i + 1], "> "))
        {
          g_autofree char *token = g_strcompress (lines[++i] + 2);

          g_string_append_printf (expected, "%s\n", token);
        }
      got = lex (sql, rules);
      g_test_message ("case at line %u: %s", line, lines[line]);
      g_assert_cmpstr (got, ==, expected->str);
      n_cases++;
    }
  /* The file was read whole. */
  g_assert_cmpuint (n_cases, >=, 40);
}

/* Random NUL-free bytes: every byte is white space or in exactly one
 * token, in order, under every rule set. */
static void
test_random_junk (void)
{
  static const char alphabet[] = "'\"`[]$-/*\\eExX_ a1\n.;(\x80\xff";
  const CardinalSqlLexRules all[] = { LITE, PG, EITHER };

  for (guint round = 0; round < 2000; round++)
    {
      gsize length = (gsize) g_test_rand_int_range (0, 40);
      g_autofree char *text = g_malloc (length + 1);

      for (gsize i = 0; i < length; i++)
        text[i] = g_test_rand_bit () ? alphabet[g_test_rand_int_range (0, sizeof alphabet - 1)]
                                     : (char) g_test_rand_int_range (1, 256);
      text[length] = '\0';
      for (guint r = 0; r < G_N_ELEMENTS (all); r++)
        {
          const char *p = text;
          const char *covered = text;
          CardinalSqlToken token;

          for (cardinal_sql_lexer_next (&p, all[r], &token);
               token.kind != CARDINAL_SQL_TOKEN_END;
               cardinal_sql_lexer_next (&p, all[r], &token))
            {
              g_assert_cmpuint (token.length, >, 0);
              for (; covered < token.start; covered++)
                g_assert_true (g_ascii_isspace (*covered) || *covered == '\v');
              covered = token.start + token.length;
              g_assert_true (covered <= text + length);
            }
          for (; covered < text + length; covered++)
            g_assert_true (g_ascii_isspace (*covered) || *covered == '\v');
        }
    }
}

static void
test_skip_blank (void)
{
  gboolean open = TRUE;
  const char *sql = "  -- a\n /* b /* c */ d */ SELECT";

  g_assert_cmpstr (cardinal_sql_lexer_skip_blank (sql, PG, &open), ==, "SELECT");
  g_assert_false (open);
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank (sql, LITE, &open), ==, "d */ SELECT");
  g_assert_false (open);

  g_assert_cmpstr (cardinal_sql_lexer_skip_blank ("x", LITE, NULL), ==, "x");
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank (" -- no newline", LITE, &open), ==, "");
  g_assert_true (open);
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank ("/* a */", LITE, &open), ==, "");
  g_assert_false (open);
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank ("/* a */ -- b\n", LITE, &open), ==, "");
  g_assert_false (open);
  /* Ends with "*" "/", yet the outer comment is still open. */
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank ("/* a /* b */", PG, &open), ==, "");
  g_assert_true (open);
  g_assert_cmpstr (cardinal_sql_lexer_skip_blank ("/*/", LITE, &open), ==, "");
  g_assert_true (open);
}

static void
test_token_helpers (void)
{
  const char *p = "\"a\"\"b\" [c]]d] `e``f` select \"\" 'g'";
  CardinalSqlToken token;
  g_autofree char *first = NULL, *second = NULL, *third = NULL, *empty = NULL, *string = NULL;

  cardinal_sql_lexer_next (&p, LITE, &token);
  first = cardinal_sql_token_name (&token);
  g_assert_cmpstr (first, ==, "a\"b");
  cardinal_sql_lexer_next (&p, LITE, &token);
  second = cardinal_sql_token_name (&token);
  g_assert_cmpstr (second, ==, "c");
  cardinal_sql_lexer_next (&p, LITE, &token);  /* ] */
  g_assert_true (cardinal_sql_token_is (&token, "]"));
  cardinal_sql_lexer_next (&p, LITE, &token);  /* d */
  cardinal_sql_lexer_next (&p, LITE, &token);  /* ] */
  cardinal_sql_lexer_next (&p, LITE, &token);
  third = cardinal_sql_token_name (&token);
  g_assert_cmpstr (third, ==, "e`f");
  cardinal_sql_lexer_next (&p, LITE, &token);
  g_assert_true (cardinal_sql_token_is (&token, "SELECT"));
  g_assert_false (cardinal_sql_token_is (&token, "SELEC"));
  cardinal_sql_lexer_next (&p, LITE, &token);
  empty = cardinal_sql_token_name (&token);
  g_assert_cmpstr (empty, ==, "");
  g_assert_false (cardinal_sql_token_is (&token, "\"\""));
  cardinal_sql_lexer_next (&p, LITE, &token);
  /* A string is never a word, and its name is its text. */
  g_assert_false (cardinal_sql_token_is (&token, "'g'"));
  string = cardinal_sql_token_name (&token);
  g_assert_cmpstr (string, ==, "'g'");

  g_assert_cmpint (cardinal_sql_lex_rules (CARDINAL_DIALECT_SQLITE), ==, LITE);
  g_assert_cmpint (cardinal_sql_lex_rules (CARDINAL_DIALECT_POSTGRESQL), ==, PG);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/sql-lexer/cases", test_cases);
  g_test_add_func ("/sql-lexer/random-junk", test_random_junk);
  g_test_add_func ("/sql-lexer/skip-blank", test_skip_blank);
  g_test_add_func ("/sql-lexer/token-helpers", test_token_helpers);
  return g_test_run ();
}
