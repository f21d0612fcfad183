/* test-identifier.c: identifier problems, reserved words, quoting and fitting long names into 63 bytes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-identifier.h"

#include <string.h>

static void
test_problems (void)
{
  g_assert_null (cardinal_identifier_problem ("user"));
  g_assert_null (cardinal_identifier_problem ("first name"));
  g_assert_null (cardinal_identifier_problem ("café"));
  g_assert_null (cardinal_identifier_problem ("we\"ird"));
  g_assert_nonnull (cardinal_identifier_problem (""));
  g_assert_nonnull (cardinal_identifier_problem (NULL));
  g_assert_nonnull (cardinal_identifier_problem ("tab\there"));
  g_assert_nonnull (cardinal_identifier_problem ("line\nbreak"));
  g_assert_nonnull (cardinal_identifier_problem (" padded"));
  g_assert_nonnull (cardinal_identifier_problem ("padded "));
  g_assert_nonnull (cardinal_identifier_problem ("bad\xff utf8"));
}

static void
test_reserved (void)
{
  g_assert_true (cardinal_identifier_is_reserved ("user"));
  g_assert_true (cardinal_identifier_is_reserved ("ORDER"));
  g_assert_true (cardinal_identifier_is_reserved ("Group"));
  g_assert_false (cardinal_identifier_is_reserved ("address"));
  g_assert_false (cardinal_identifier_is_reserved ("users"));
}

static void
test_quote (void)
{
  g_autofree char *plain = cardinal_identifier_quote ("user");
  g_autofree char *quoted = cardinal_identifier_quote ("we\"ird");

  g_assert_cmpstr (plain, ==, "\"user\"");
  g_assert_cmpstr (quoted, ==, "\"we\"\"ird\"");
}

static void
test_fit (void)
{
  g_autofree char *short_name = cardinal_identifier_fit ("address_user_id_idx");
  g_autofree char *long_a = NULL;
  g_autofree char *long_b = NULL;
  g_autofree char *long_unicode = NULL;
  GString *a = g_string_new (NULL);
  GString *b;
  GString *u = g_string_new (NULL);

  g_assert_cmpstr (short_name, ==, "address_user_id_idx");

  for (int i = 0; i < 10; i++)
    g_string_append (a, "abcdefghij");
  b = g_string_new (a->str);
  g_string_append (a, "_one");
  g_string_append (b, "_two");
  long_a = cardinal_identifier_fit (a->str);
  long_b = cardinal_identifier_fit (b->str);
  g_assert_cmpuint (strlen (long_a), <=, 63);
  g_assert_cmpuint (strlen (long_b), <=, 63);
  g_assert_cmpstr (long_a, !=, long_b);

  /* A cut in the middle of a multibyte character would leave invalid UTF-8. */
  for (int i = 0; i < 40; i++)
    g_string_append (u, "é");
  long_unicode = cardinal_identifier_fit (u->str);
  g_assert_cmpuint (strlen (long_unicode), <=, 63);
  g_assert_true (g_utf8_validate (long_unicode, -1, NULL));

  g_string_free (a, TRUE);
  g_string_free (b, TRUE);
  g_string_free (u, TRUE);
}

static void
test_fold (void)
{
  g_autofree char *a = cardinal_identifier_fold ("User");
  g_autofree char *b = cardinal_identifier_fold ("uSER");
  g_autofree char *c = cardinal_identifier_fold ("CAFÉ");
  g_autofree char *d = cardinal_identifier_fold ("café");

  g_assert_cmpstr (a, ==, b);
  g_assert_cmpstr (c, ==, d);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/identifier/problems", test_problems);
  g_test_add_func ("/identifier/reserved", test_reserved);
  g_test_add_func ("/identifier/quote", test_quote);
  g_test_add_func ("/identifier/fit", test_fit);
  g_test_add_func ("/identifier/fold", test_fold);

  return g_test_run ();
}
