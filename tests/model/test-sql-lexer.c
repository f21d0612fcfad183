/* test-sql-lexer.c: the SQL lexer's exact token sequences under SQLite's, PostgreSQL's and either rules, hostile text included. */
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

/* One case: @sql read by @rules gives @expected (see lex()). */
typedef struct
{
  const char          *sql;
  CardinalSqlLexRules  rules;
  const char          *expected;
} LexCase;

static void
run_cases (const LexCase *cases,
           gsize          n)
{
  for (gsize i = 0; i < n; i++)
    {
      g_autofree char *got = lex (cases[i].sql, cases[i].rules);

      g_assert_cmpstr (got, ==, cases[i].expected);
    }
}

#define RUN_CASES(cases) run_cases ((cases), G_N_ELEMENTS (cases))

static void
test_sqlite_quotes (void)
{
  static const LexCase cases[] = {
    { "CREATE TABLE [my t] (`a``b` int, \"c\"\"d\" text DEFAULT 'it''s', x blob DEFAULT X'00ff');", LITE,
      "W:CREATE\nW:TABLE\nQ:[my t]\nP:(\nQ:`a``b`\nW:int\nP:,\nQ:\"c\"\"d\"\nW:text\nW:DEFAULT\n"
      "S:'it''s'\nP:,\nW:x\nW:blob\nW:DEFAULT\nS:X'00ff'\nP:)\nP:;\n" },
    /* In PostgreSQL [ is a subscript and ` no quote at all. */
    { "a[1] `b`", PG, "W:a\nP:[\nW:1\nP:]\nP:`\nW:b\nP:`\n" },
    { "a[1] `b`", EITHER, "W:a\nQ:[1]\nQ:`b`\n" },
    /* No doubling inside [ ]: the first ] closes. */
    { "[a]]b]", LITE, "Q:[a]\nP:]\nW:b\nP:]\n" },
  };

  RUN_CASES (cases);
}

static void
test_postgresql_strings (void)
{
  static const LexCase cases[] = {
    /* E'…' takes backslash escapes; SQLite has no such string. */
    { "E'a\\'b' || e'\\\\'", PG, "S:E'a\\'b'\nP:|\nP:|\nS:e'\\\\'\n" },
    { "E'a\\'b'", LITE, "W:E\nS:'a\\'\nW:b\nS:'\n" },
    /* Only after E does a backslash escape. */
    { "'a\\' b", PG, "S:'a\\'\nW:b\n" },
    { "$$it's$$ $fn$ body $$ $x $fn$ $1 x$y", PG,
      "S:$$it's$$\nS:$fn$ body $$ $x $fn$\nW:$1\nW:x$y\n" },
    /* SQLite: $name is a parameter, a word. */
    { "$$a $fn$ $1", LITE, "W:$$a\nW:$fn$\nW:$1\n" },
    /* A $ whose tag never closes is the $ alone. */
    { "$x + 1", PG, "P:$\nW:x\nP:+\nW:1\n" },
    /* A tag closes only with the same tag. */
    { "$a$ x $b$ y $a$;", PG, "S:$a$ x $b$ y $a$\nP:;\n" },
  };

  RUN_CASES (cases);
}

static void
test_comments (void)
{
  static const LexCase cases[] = {
    { "a -- one\nb /* two */ c--", LITE, "W:a\nC:-- one\nW:b\nC:/* two */\nW:c\nC:--\n" },
    /* PostgreSQL nests block comments, SQLite ends at the first close. */
    { "/* a /* b */ c */ d", PG, "C:/* a /* b */ c */\nW:d\n" },
    { "/* a /* b */ c */ d", LITE, "C:/* a /* b */\nW:c\nP:*\nP:/\nW:d\n" },
    { "/* a /* b */ c */ d", EITHER, "C:/* a /* b */ c */\nW:d\n" },
    /* The opening slash-star-slash does not close itself. */
    { "/*/ x */y", LITE, "C:/*/ x */\nW:y\n" },
    /* Quotes inside comments are text. */
    { "-- it's\n'x'", PG, "C:-- it's\nS:'x'\n" },
    { "- - -", PG, "P:-\nP:-\nP:-\n" },
  };

  RUN_CASES (cases);
}

static void
test_unterminated (void)
{
  static const LexCase cases[] = {
    { "a 'abc", LITE, "W:a\nS:'abc\n" },
    { "a 'it''", LITE, "W:a\nS:'it''\n" },
    { "\"abc", LITE, "Q:\"abc\n" },
    { "[abc", LITE, "Q:[abc\n" },
    { "`abc", LITE, "Q:`abc\n" },
    { "X'00", PG, "S:X'00\n" },
    { "E'abc\\", PG, "S:E'abc\\\n" },
    { "E'abc\\'", PG, "S:E'abc\\'\n" },
    { "$tag$ abc $tag", PG, "S:$tag$ abc $tag\n" },
    { "$$", PG, "S:$$\n" },
    { "/* abc", LITE, "C:/* abc\n" },
    { "/* a /* b */", PG, "C:/* a /* b */\n" },
    { "/*", PG, "C:/*\n" },
    /* A $ before nothing opens no string: a word, as $1 is. */
    { "$", PG, "W:$\n" },
    { "", PG, "" },
    { " \t\r\n\f\v", LITE, "" },
    /* A vertical tab is SQLite's white space only. */
    { "a\vb", PG, "W:a\nP:\v\nW:b\n" },
  };

  RUN_CASES (cases);
}

static void
test_words_and_operators (void)
{
  static const LexCase cases[] = {
    { "1.5e3 .5 10. x.y", LITE, "W:1.5e3\nP:.\nW:5\nW:10.\nW:x\nP:.\nW:y\n" },
    { "a::int<>b!=c||'d'", PG, "W:a\nP::\nP::\nW:int\nP:<\nP:>\nW:b\nP:!\nP:=\nW:c\nP:|\nP:|\nS:'d'\n" },
    /* Bytes past ASCII are word characters: UTF-8 names stay whole. */
    { "café_1 €", LITE, "W:café_1\nW:€\n" },
    /* X and E alone, or before anything but a quote, are words. */
    { "x e ex 'e'", PG, "W:x\nW:e\nW:ex\nS:'e'\n" },
  };

  RUN_CASES (cases);
}

static void
test_binary_junk (void)
{
  static const LexCase cases[] = {
    { "\x01\x02\xff\xfe'\x80", LITE, "P:\x01\nP:\x02\nW:\xff\xfe\nS:'\x80\n" },
    { "\x7f$_\xc3$x$_\xc3$", PG, "P:\x7f\nS:$_\xc3$x$_\xc3$\n" },
    /* A tag must start with a letter or "_": "$\xc3" is a word. */
    { "$\xc3$x", PG, "W:$\xc3$x\n" },
  };

  RUN_CASES (cases);
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

  g_test_add_func ("/sql-lexer/sqlite-quotes", test_sqlite_quotes);
  g_test_add_func ("/sql-lexer/postgresql-strings", test_postgresql_strings);
  g_test_add_func ("/sql-lexer/comments", test_comments);
  g_test_add_func ("/sql-lexer/unterminated", test_unterminated);
  g_test_add_func ("/sql-lexer/words-and-operators", test_words_and_operators);
  g_test_add_func ("/sql-lexer/binary-junk", test_binary_junk);
  g_test_add_func ("/sql-lexer/random-junk", test_random_junk);
  g_test_add_func ("/sql-lexer/skip-blank", test_skip_blank);
  g_test_add_func ("/sql-lexer/token-helpers", test_token_helpers);
  return g_test_run ();
}
