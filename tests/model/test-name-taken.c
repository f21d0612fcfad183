/* test-name-taken.c: cardinal_model_name_taken, the one rule for names that must differ (case, kinds, the renamed object). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "cardinal-history.h"
#include "cardinal-model.h"

/* customer, person (table "people"), order; places (customer → order, FK),
 * tags (order ↔ customer, default link table), holds (explicit link table). */
static CardinalModel *
names_model (void)
{
  CardinalModel *model = cardinal_model_new ("names");
  CardinalEntity *person = cardinal_entity_new ("person");
  CardinalRelationship *holds;

  cardinal_model_add_entity (model, cardinal_entity_new ("customer"));
  person->table = g_strdup ("people");
  cardinal_model_add_entity (model, person);
  cardinal_model_add_entity (model, cardinal_entity_new ("order"));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("places", "customer", "order",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("tags", "order", "customer",
                                                                     CARDINAL_KIND_MANY_TO_MANY,
                                                                     CARDINAL_STRATEGY_LINK_TABLE));
  holds = cardinal_relationship_new ("holds", "customer", "person", CARDINAL_KIND_MANY_TO_MANY,
                                     CARDINAL_STRATEGY_LINK_TABLE);
  holds->link_table = g_strdup ("holding");
  cardinal_model_add_relationship (model, holds);
  return model;
}

static void
test_entity_names (void)
{
  g_autoptr(CardinalModel) model = names_model ();
  CardinalEntity *customer = cardinal_model_find_entity (model, "customer");

  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "customer", NULL));
  /* Up to case, ASCII and not. */
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "CUSTOMER", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "customers", NULL));
  /* The object renamed keeps its own name, in any case; only it. */
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "Customer", customer));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "order", customer));
  /* A relationship's or a table's name is another space. */
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "places", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "people", NULL));
}

static void
test_non_ascii (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("names");
  CardinalAttribute *street = cardinal_attribute_new ("Straße", "text");
  g_autoptr(GPtrArray) attributes = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_attribute_free);

  cardinal_model_add_entity (model, cardinal_entity_new ("Ünit"));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "ünit", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, "unit", NULL));

  g_ptr_array_add (attributes, street);
  g_ptr_array_add (attributes, cardinal_attribute_new ("id", "integer"));
  g_assert_cmpstr (cardinal_attributes_name_taken (attributes, "STRASSE", NULL), ==, "Straße");
  g_assert_cmpstr (cardinal_attributes_name_taken (attributes, "ID", NULL), ==, "id");
  g_assert_null (cardinal_attributes_name_taken (attributes, "Id", g_ptr_array_index (attributes, 1)));
  g_assert_null (cardinal_attributes_name_taken (attributes, "name", NULL));
}

static void
test_relationship_names (void)
{
  g_autoptr(CardinalModel) model = names_model ();
  CardinalRelationship *places = cardinal_model_find_relationship (model, "places");
  g_autofree char *unique = NULL;

  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, "Places", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, "PLACES", places));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, "tags", places));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, "customer", NULL));
  /* A new name skips one taken in another case. */
  unique = cardinal_model_unique_relationship_name (model, "TAGS");
  g_assert_cmpstr (unique, ==, "TAGS_2");
}

static void
test_table_names (void)
{
  g_autoptr(CardinalModel) model = names_model ();
  CardinalEntity *person = cardinal_model_find_entity (model, "person");

  /* Entity names, their tables, the default and the explicit link tables. */
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "Customer", NULL));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "person", NULL));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "PEOPLE", NULL));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "order_customer", NULL));
  g_assert_true (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "holding", NULL));
  /* An explicit link table replaces the default; a FK relationship has none. */
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "customer_person", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "customer_order", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "places", NULL));
  g_assert_false (cardinal_model_name_taken (model, CARDINAL_NAME_TABLE, "people", person));
}

/* The history refuses what the function says is taken, and only that. */
static void
test_history_agrees (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (names_model ());
  g_autoptr(GError) error = NULL;

  g_assert_false (cardinal_history_rename_entity (history, "customer", "ORDER", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_true (cardinal_history_rename_entity (history, "customer", "Customer", &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/name-taken/entity", test_entity_names);
  g_test_add_func ("/name-taken/non-ascii", test_non_ascii);
  g_test_add_func ("/name-taken/relationship", test_relationship_names);
  g_test_add_func ("/name-taken/table", test_table_names);
  g_test_add_func ("/name-taken/history", test_history_agrees);
  return g_test_run ();
}
