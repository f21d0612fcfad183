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

static void
assert_lex (const char          *sql,
            CardinalSqlLexRules  rules,
            const char          *expected)
{
  g_autofree char *got = lex (sql, rules);

  g_assert_cmpstr (got, ==, expected);
}

static void
test_sqlite_quotes (void)
{
  const char *sql = "CREATE TABLE [my t] (`a``b` int, \"c\"\"d\" text DEFAULT 'it''s', x blob DEFAULT X'00ff');";

  assert_lex (sql, LITE,
              "W:CREATE\nW:TABLE\nQ:[my t]\nP:(\nQ:`a``b`\nW:int\nP:,\nQ:\"c\"\"d\"\nW:text\nW:DEFAULT\n"
              "S:'it''s'\nP:,\nW:x\nW:blob\nW:DEFAULT\nS:X'00ff'\nP:)\nP:;\n");
  /* In PostgreSQL [ is a subscript and ` no quote at all. */
  assert_lex ("a[1] `b`", PG, "W:a\nP:[\nW:1\nP:]\nP:`\nW:b\nP:`\n");
  assert_lex ("a[1] `b`", EITHER, "W:a\nQ:[1]\nQ:`b`\n");
  /* No doubling inside [ ]: the first ] closes. */
  assert_lex ("[a]]b]", LITE, "Q:[a]\nP:]\nW:b\nP:]\n");
}

static void
test_postgresql_strings (void)
{
  /* E'…' takes backslash escapes; SQLite has no such string. */
  assert_lex ("E'a\\'b' || e'\\\\'", PG, "S:E'a\\'b'\nP:|\nP:|\nS:e'\\\\'\n");
  assert_lex ("E'a\\'b'", LITE, "W:E\nS:'a\\'\nW:b\nS:'\n");
  /* Only after E does a backslash escape. */
  assert_lex ("'a\\' b", PG, "S:'a\\'\nW:b\n");

  assert_lex ("$$it's$$ $fn$ body $$ $x $fn$ $1 x$y", PG,
              "S:$$it's$$\nS:$fn$ body $$ $x $fn$\nW:$1\nW:x$y\n");
  /* SQLite: $name is a parameter, a word. */
  assert_lex ("$$a $fn$ $1", LITE, "W:$$a\nW:$fn$\nW:$1\n");
  /* A $ whose tag never closes is the $ alone. */
  assert_lex ("$x + 1", PG, "P:$\nW:x\nP:+\nW:1\n");
  /* A tag closes only with the same tag. */
  assert_lex ("$a$ x $b$ y $a$;", PG, "S:$a$ x $b$ y $a$\nP:;\n");
}

static void
test_comments (void)
{
  assert_lex ("a -- one\nb /* two */ c--", LITE, "W:a\nC:-- one\nW:b\nC:/* two */\nW:c\nC:--\n");
  /* PostgreSQL nests block comments, SQLite ends at the first close. */
  assert_lex ("/* a /* b */ c */ d", PG, "C:/* a /* b */ c */\nW:d\n");
  assert_lex ("/* a /* b */ c */ d", LITE, "C:/* a /* b */\nW:c\nP:*\nP:/\nW:d\n");
  assert_lex ("/* a /* b */ c */ d", EITHER, "C:/* a /* b */ c */\nW:d\n");
  /* The opening slash-star-slash does not close itself. */
  assert_lex ("/*/ x */y", LITE, "C:/*/ x */\nW:y\n");
  /* Quotes inside comments are text. */
  assert_lex ("-- it's\n'x'", PG, "C:-- it's\nS:'x'\n");
  assert_lex ("- - -", PG, "P:-\nP:-\nP:-\n");
}

static void
test_unterminated (void)
{
  assert_lex ("a 'abc", LITE, "W:a\nS:'abc\n");
  assert_lex ("a 'it''", LITE, "W:a\nS:'it''\n");
  assert_lex ("\"abc", LITE, "Q:\"abc\n");
  assert_lex ("[abc", LITE, "Q:[abc\n");
  assert_lex ("`abc", LITE, "Q:`abc\n");
  assert_lex ("X'00", PG, "S:X'00\n");
  assert_lex ("E'abc\\", PG, "S:E'abc\\\n");
  assert_lex ("E'abc\\'", PG, "S:E'abc\\'\n");
  assert_lex ("$tag$ abc $tag", PG, "S:$tag$ abc $tag\n");
  assert_lex ("$$", PG, "S:$$\n");
  assert_lex ("/* abc", LITE, "C:/* abc\n");
  assert_lex ("/* a /* b */", PG, "C:/* a /* b */\n");
  assert_lex ("/*", PG, "C:/*\n");
  /* A $ before nothing opens no string: a word, as $1 is. */
  assert_lex ("$", PG, "W:$\n");
  assert_lex ("", PG, "");
  assert_lex (" \t\r\n\f\v", LITE, "");
  /* A vertical tab is SQLite's white space only. */
  assert_lex ("a\vb", PG, "W:a\nP:\v\nW:b\n");
}

static void
test_words_and_operators (void)
{
  assert_lex ("1.5e3 .5 10. x.y", LITE, "W:1.5e3\nP:.\nW:5\nW:10.\nW:x\nP:.\nW:y\n");
  assert_lex ("a::int<>b!=c||'d'", PG, "W:a\nP::\nP::\nW:int\nP:<\nP:>\nW:b\nP:!\nP:=\nW:c\nP:|\nP:|\nS:'d'\n");
  /* Bytes past ASCII are word characters: UTF-8 names stay whole. */
  assert_lex ("café_1 €", LITE, "W:café_1\nW:€\n");
  /* X and E alone, or before anything but a quote, are words. */
  assert_lex ("x e ex 'e'", PG, "W:x\nW:e\nW:ex\nS:'e'\n");
}

static void
test_binary_junk (void)
{
  assert_lex ("\x01\x02\xff\xfe'\x80", LITE, "P:\x01\nP:\x02\nW:\xff\xfe\nS:'\x80\n");
  assert_lex ("\x7f$_\xc3$x$_\xc3$", PG, "P:\x7f\nS:$_\xc3$x$_\xc3$\n");
  /* A tag must start with a letter or "_": "$\xc3" is a word. */
  assert_lex ("$\xc3$x", PG, "W:$\xc3$x\n");
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
