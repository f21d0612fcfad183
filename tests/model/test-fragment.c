/* test-fragment.c: the clipboard's fragments: what a copy takes, the strict reading back, unique names and offsets on paste. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "cardinal-document.h"
#include "cardinal-fragment.h"

static CardinalModel *
shop_model (void)
{
  CardinalModel *model = cardinal_model_new ("shop");
  CardinalEntity *customer = cardinal_entity_new ("customer");
  CardinalEntity *order = cardinal_entity_new ("order");
  CardinalEntity *product = cardinal_entity_new ("product");
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  CardinalRelationship *places, *contains;

  id->primary_key = TRUE;
  cardinal_entity_add_attribute (customer, id);
  cardinal_entity_add_attribute (customer, cardinal_attribute_new ("email", "varchar(255)"));
  cardinal_entity_add_attribute (order, cardinal_attribute_copy (id));
  cardinal_entity_add_attribute (product, cardinal_attribute_copy (id));
  customer->x = 100;
  customer->y = 100;
  order->x = 400;
  order->y = 100;
  product->x = 700;
  product->y = 100;
  cardinal_model_add_entity (model, customer);
  cardinal_model_add_entity (model, order);
  cardinal_model_add_entity (model, product);

  places = cardinal_relationship_new ("places", "customer", "order",
                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  places->on_delete = CARDINAL_ON_DELETE_CASCADE;
  cardinal_model_add_relationship (model, places);
  contains = cardinal_relationship_new ("contains", "order", "product",
                                        CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  contains->link_table = g_strdup ("order_line");
  cardinal_model_add_relationship (model, contains);
  return model;
}

static void
test_extract_keeps_inner_relationships (void)
{
  g_autoptr(CardinalModel) model = shop_model ();
  const char *names[] = { "customer", "order", NULL };
  g_autoptr(CardinalModel) fragment = cardinal_fragment_extract (model, names);
  const CardinalRelationship *places;

  g_assert_cmpuint (fragment->entities->len, ==, 2);
  /* "contains" goes to product, which stays behind. */
  g_assert_cmpuint (fragment->relationships->len, ==, 1);
  places = g_ptr_array_index (fragment->relationships, 0);
  g_assert_cmpstr (places->name, ==, "places");
  g_assert_cmpint (places->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpuint (((CardinalEntity *) g_ptr_array_index (fragment->entities, 0))->attributes->len, ==, 2);
}

static void
test_round_trip (void)
{
  g_autoptr(CardinalModel) model = shop_model ();
  const char *names[] = { "order", "product", NULL };
  g_autoptr(CardinalModel) fragment = cardinal_fragment_extract (model, names);
  g_autofree char *data = cardinal_fragment_to_data (fragment, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) back = cardinal_fragment_from_data (data, -1, &error);
  const CardinalRelationship *contains;

  g_assert_no_error (error);
  g_assert_nonnull (back);
  g_assert_cmpuint (back->entities->len, ==, 2);
  g_assert_cmpuint (back->relationships->len, ==, 1);
  contains = g_ptr_array_index (back->relationships, 0);
  g_assert_cmpstr (contains->link_table, ==, "order_line");
  g_assert_cmpint (contains->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
}

static void
test_rejects_what_is_not_a_fragment (void)
{
  const char *bad[] = {
    "hello world",
    "{\"name\": \"x\"}",
    "{\"format\": 2, \"name\": \"x\", \"entities\": [], \"tables\": []}",
    /* A relationship to an entity that was not copied. */
    "{\"format\": 2, \"name\": \"x\", \"entities\": [{\"name\": \"a\"}],"
    " \"relationships\": [{\"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\","
    " \"kind\": \"one-to-many\", \"strategy\": \"fk\"}]}",
  };

  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = cardinal_fragment_from_data (bad[i], -1, &error);
      int code = i == 3 ? CARDINAL_MODEL_ERROR_INVALID : CARDINAL_MODEL_ERROR_PARSE;

      g_assert_null (model);
      g_assert_error (error, CARDINAL_MODEL_ERROR, code);
      g_assert_true (g_str_has_prefix (error->message, "clipboard"));
    }
}

static void
test_unique_names (void)
{
  g_autoptr(CardinalModel) model = shop_model ();
  g_autofree char *free_name = cardinal_fragment_unique_entity_name (model, "invoice");
  g_autofree char *customer = cardinal_fragment_unique_entity_name (model, "customer");
  g_autofree char *folded = cardinal_fragment_unique_entity_name (model, "Customer");
  g_autofree char *places = cardinal_fragment_unique_relationship_name (model, "places");
  g_autofree char *again = NULL;
  g_autofree char *zero = NULL;
  CardinalEntity *second = cardinal_entity_new ("customer_2");
  CardinalEntity *padded = cardinal_entity_new ("v_01");

  g_assert_cmpstr (free_name, ==, "invoice");
  g_assert_cmpstr (customer, ==, "customer_2");
  g_assert_cmpstr (folded, ==, "Customer_2");
  g_assert_cmpstr (places, ==, "places_2");

  cardinal_model_add_entity (model, second);
  cardinal_model_add_entity (model, padded);
  again = cardinal_fragment_unique_entity_name (model, "customer_2");
  g_assert_cmpstr (again, ==, "customer_3");
  zero = cardinal_fragment_unique_entity_name (model, "v_01");
  g_assert_cmpstr (zero, ==, "v_01_2");
}

static void
test_paste (void)
{
  g_autoptr(CardinalModel) model = shop_model ();
  const char *names[] = { "customer", "order", NULL };
  g_autoptr(CardinalModel) fragment = cardinal_fragment_extract (model, names);
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  g_auto(GStrv) entities2 = NULL;
  g_autoptr(CardinalModel) pasted = cardinal_fragment_paste (model, fragment, 40, 40, 40, &entities, &relationships);
  g_autoptr(CardinalModel) twice = NULL;
  const CardinalRelationship *copy;
  const CardinalEntity *customer;

  /* The source is untouched; the copy gains two entities and one relationship. */
  g_assert_cmpuint (model->entities->len, ==, 3);
  g_assert_cmpuint (pasted->entities->len, ==, 5);
  g_assert_cmpuint (pasted->relationships->len, ==, 3);
  g_assert_cmpstrv (entities, ((const char *[]) { "customer_2", "order_2", NULL }));
  g_assert_cmpstrv (relationships, ((const char *[]) { "places_2", NULL }));

  copy = cardinal_model_find_relationship (pasted, "places_2");
  g_assert_nonnull (copy);
  g_assert_cmpstr (copy->entity1, ==, "customer_2");
  g_assert_cmpstr (copy->entity2, ==, "order_2");
  g_assert_cmpint (copy->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  customer = cardinal_model_find_entity (pasted, "customer_2");
  g_assert_cmpfloat (customer->x, ==, 140);
  g_assert_cmpfloat (customer->y, ==, 140);
  g_assert_cmpuint (customer->attributes->len, ==, 2);

  /* Again: new names, and one step further instead of on top of the first copy. */
  twice = cardinal_fragment_paste (pasted, fragment, 40, 40, 40, &entities2, NULL);
  g_assert_cmpstrv (entities2, ((const char *[]) { "customer_3", "order_3", NULL }));
  customer = cardinal_model_find_entity (twice, "customer_3");
  g_assert_cmpfloat (customer->x, ==, 180);
}

static void
test_paste_link_table_and_table (void)
{
  g_autoptr(CardinalModel) model = shop_model ();
  const char *names[] = { "order", "product", NULL };
  g_autoptr(CardinalModel) fragment = NULL;
  g_autoptr(CardinalModel) pasted = NULL;
  const CardinalRelationship *contains;
  CardinalEntity *order = cardinal_model_find_entity (model, "order");

  order->table = g_strdup ("orders");
  fragment = cardinal_fragment_extract (model, names);
  pasted = cardinal_fragment_paste (model, fragment, 0, 0, 0, NULL, NULL);
  contains = cardinal_model_find_relationship (pasted, "contains_2");
  g_assert_nonnull (contains);
  g_assert_cmpstr (contains->link_table, ==, "order_line_2");
  g_assert_cmpstr (cardinal_model_find_entity (pasted, "order_2")->table, ==, "orders_2");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/fragment/extract", test_extract_keeps_inner_relationships);
  g_test_add_func ("/fragment/round-trip", test_round_trip);
  g_test_add_func ("/fragment/not-a-fragment", test_rejects_what_is_not_a_fragment);
  g_test_add_func ("/fragment/unique-names", test_unique_names);
  g_test_add_func ("/fragment/paste", test_paste);
  g_test_add_func ("/fragment/paste-link-table", test_paste_link_table_and_table);
  return g_test_run ();
}
