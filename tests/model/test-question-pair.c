/* test-question-pair.c: the question pair → kind table and which strategies fit each kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-model.h"

static void
test_kind_from_answers (void)
{
  g_assert_cmpint (cardinal_question_pair_to_kind (FALSE, FALSE), ==, CARDINAL_KIND_ONE_TO_ONE);
  g_assert_cmpint (cardinal_question_pair_to_kind (TRUE, FALSE), ==, CARDINAL_KIND_MANY_TO_ONE);
  g_assert_cmpint (cardinal_question_pair_to_kind (FALSE, TRUE), ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpint (cardinal_question_pair_to_kind (TRUE, TRUE), ==, CARDINAL_KIND_MANY_TO_MANY);
}

static void
test_answers_from_kind (void)
{
  for (int q1 = 0; q1 <= 1; q1++)
    for (int q2 = 0; q2 <= 1; q2++)
      {
        gboolean back1 = -1, back2 = -1;

        cardinal_question_pair_from_kind (cardinal_question_pair_to_kind (q1, q2), &back1, &back2);
        g_assert_cmpint (back1, ==, q1);
        g_assert_cmpint (back2, ==, q2);
      }
}

static void
test_default_strategies (void)
{
  g_assert_cmpint (cardinal_kind_default_strategy (CARDINAL_KIND_ONE_TO_ONE), ==, CARDINAL_STRATEGY_UNIQUE_FK);
  g_assert_cmpint (cardinal_kind_default_strategy (CARDINAL_KIND_ONE_TO_MANY), ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (cardinal_kind_default_strategy (CARDINAL_KIND_MANY_TO_ONE), ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (cardinal_kind_default_strategy (CARDINAL_KIND_MANY_TO_MANY), ==, CARDINAL_STRATEGY_LINK_TABLE);
}

/* The strategy table of DESIGN.md §1, written out as the set of (kind, strategy) pairs that fit. */
static void
test_fits (void)
{
  static const struct { CardinalKind kind; CardinalStrategy strategy; } fitting[] = {
    { CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_MERGED },
    { CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_SHARED_PK },
    { CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK },
    { CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK },
    { CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE },
    { CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK },
    { CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_LINK_TABLE },
    { CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE },
    { CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK },
  };

  for (CardinalKind kind = CARDINAL_KIND_ONE_TO_ONE; kind <= CARDINAL_KIND_MANY_TO_MANY; kind++)
    {
      CardinalStrategy listed[CARDINAL_N_STRATEGIES];
      guint n_listed = cardinal_kind_strategies (kind, listed);
      guint n_expected = 0;

      for (CardinalStrategy strategy = 0; strategy < CARDINAL_N_STRATEGIES; strategy++)
        {
          gboolean expected = FALSE;

          for (guint i = 0; i < G_N_ELEMENTS (fitting); i++)
            expected |= fitting[i].kind == kind && fitting[i].strategy == strategy;
          n_expected += expected;
          g_assert_cmpint (cardinal_strategy_fits_kind (strategy, kind), ==, expected);
        }

      g_assert_cmpuint (n_listed, ==, n_expected);
      g_assert_cmpint (listed[0], ==, cardinal_kind_default_strategy (kind));
      for (guint i = 0; i < n_listed; i++)
        g_assert_true (cardinal_strategy_fits_kind (listed[i], kind));
    }
}

static void
test_names_round_trip (void)
{
  for (CardinalKind kind = CARDINAL_KIND_ONE_TO_ONE; kind <= CARDINAL_KIND_MANY_TO_MANY; kind++)
    {
      CardinalKind back;

      g_assert_true (cardinal_kind_from_string (cardinal_kind_to_string (kind), &back));
      g_assert_cmpint (back, ==, kind);
    }
  for (CardinalStrategy strategy = 0; strategy < CARDINAL_N_STRATEGIES; strategy++)
    {
      CardinalStrategy back;

      g_assert_true (cardinal_strategy_from_string (cardinal_strategy_to_string (strategy), &back));
      g_assert_cmpint (back, ==, strategy);
    }
  for (CardinalOnDelete action = CARDINAL_ON_DELETE_NO_ACTION; action <= CARDINAL_ON_DELETE_SET_NULL; action++)
    {
      CardinalOnDelete back;

      g_assert_true (cardinal_on_delete_from_string (cardinal_on_delete_to_string (action), &back));
      g_assert_cmpint (back, ==, action);
    }

  g_assert_cmpstr (cardinal_strategy_to_string (CARDINAL_STRATEGY_LINK_TABLE_PK), ==, "link-table-pk");
  g_assert_cmpstr (cardinal_on_delete_to_string (CARDINAL_ON_DELETE_SET_NULL), ==, "set-null");
  {
    CardinalKind kind;
    CardinalStrategy strategy;

    g_assert_false (cardinal_kind_from_string ("one-to-few", &kind));
    g_assert_false (cardinal_kind_from_string (NULL, &kind));
    g_assert_false (cardinal_strategy_from_string ("link_table", &strategy));
  }
}

static void
test_unique_relationship_name (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("m");
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = cardinal_model_unique_relationship_name (model, "user_address");
  g_assert_cmpstr (first, ==, "user_address");
  cardinal_model_add_relationship (model, cardinal_relationship_new (first, "user", "address",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  second = cardinal_model_unique_relationship_name (model, "user_address");
  g_assert_cmpstr (second, ==, "user_address_2");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/question-pair/kind-from-answers", test_kind_from_answers);
  g_test_add_func ("/question-pair/answers-from-kind", test_answers_from_kind);
  g_test_add_func ("/question-pair/default-strategies", test_default_strategies);
  g_test_add_func ("/question-pair/fits", test_fits);
  g_test_add_func ("/question-pair/names-round-trip", test_names_round_trip);
  g_test_add_func ("/question-pair/unique-relationship-name", test_unique_relationship_name);

  return g_test_run ();
}
