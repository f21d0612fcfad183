/* test-engineer.c: each strategy's tables, keys, names and participation, and the format 2 fields, as DESIGN.md §1 and §4 specify them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-engineer.h"
#include "cardinal-types.h"

#include <stdarg.h>
#include <string.h>

static CardinalAttribute *
attribute (const char *name,
           const char *type,
           gboolean    primary_key)
{
  CardinalAttribute *a = cardinal_attribute_new (name, type);

  a->primary_key = primary_key;
  a->nullable = !primary_key;
  a->autoincrement = primary_key && g_str_equal (type, "integer");
  return a;
}

/* user(id, name, email unique) and address(id, street, city): the gallery's pair. */
static CardinalModel *
user_address_model (CardinalKind     kind,
                    CardinalStrategy strategy)
{
  CardinalModel *model = cardinal_model_new ("gallery");
  CardinalEntity *user = cardinal_model_add_entity (model, cardinal_entity_new ("user"));
  CardinalEntity *address = cardinal_model_add_entity (model, cardinal_entity_new ("address"));
  CardinalAttribute *email;

  cardinal_entity_add_attribute (user, attribute ("id", "integer", TRUE));
  cardinal_entity_add_attribute (user, attribute ("name", "text", FALSE));
  email = cardinal_entity_add_attribute (user, attribute ("email", "varchar(255)", FALSE));
  email->unique = TRUE;
  cardinal_entity_add_attribute (address, attribute ("id", "integer", TRUE));
  cardinal_entity_add_attribute (address, attribute ("street", "text", FALSE));
  email = cardinal_entity_add_attribute (address, attribute ("postcode", "varchar(10)", FALSE));
  email->unique = TRUE;
  email->nullable = FALSE;

  cardinal_model_add_relationship (model, cardinal_relationship_new ("user_address", "user", "address",
                                                                     kind, strategy));
  return model;
}

static CardinalRelationship *
first_relationship (CardinalModel *model)
{
  return g_ptr_array_index (model->relationships, 0);
}

static CardinalTable *
table (CardinalSchema *schema,
       const char     *name)
{
  CardinalTable *t = cardinal_schema_find_table (schema, name);

  if (t == NULL)
    g_error ("no table %s", name);
  return t;
}

static CardinalColumn *
column (CardinalTable *t,
        const char    *name)
{
  CardinalColumn *c = cardinal_table_find_column (t, name);

  if (c == NULL)
    g_error ("no column %s.%s", t->name, name);
  return c;
}

static char *
column_names (CardinalTable *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->columns->len; i++)
    {
      CardinalColumn *c = g_ptr_array_index (t->columns, i);

      g_string_append_printf (out, "%s%s", i ? "," : "", c->name);
    }
  return g_string_free (out, FALSE);
}

static char *
join (GStrv strv)
{
  return g_strjoinv (",", strv);
}

static CardinalForeignKey *
only_foreign_key (CardinalTable *t)
{
  g_assert_cmpuint (t->foreign_keys->len, ==, 1);
  return g_ptr_array_index (t->foreign_keys, 0);
}

static gboolean
has_index_on (CardinalTable *t,
              const char    *columns,
              gboolean       unique)
{
  for (guint i = 0; i < t->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (t->indexes, i);
      g_autofree char *cols = join (index->columns);

      if (g_str_equal (cols, columns) && index->unique == unique)
        return TRUE;
    }
  return FALSE;
}

static void
test_fk_one_to_many (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *address;
  CardinalForeignKey *fk;
  g_autofree char *names = NULL;
  g_autofree char *fk_columns = NULL;

  first_relationship (model)->entity2_needs_entity1 = TRUE;
  first_relationship (model)->on_delete = CARDINAL_ON_DELETE_CASCADE;
  schema = cardinal_engineer (model);

  g_assert_cmpuint (schema->tables->len, ==, 2);
  address = table (schema, "address");
  names = column_names (address);
  g_assert_cmpstr (names, ==, "id,street,postcode,user_id");
  g_assert_false (column (address, "user_id")->nullable);
  g_assert_cmpstr (column (address, "user_id")->type, ==, "integer");
  g_assert_false (column (address, "user_id")->autoincrement);
  g_assert_cmpstr (column (address, "user_id")->relationship, ==, "user_address");
  fk = only_foreign_key (address);
  fk_columns = join (fk->columns);
  g_assert_cmpstr (fk_columns, ==, "user_id");
  g_assert_cmpstr (fk->ref_table, ==, "user");
  g_assert_cmpstr (fk->ref_columns[0], ==, "id");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_true (has_index_on (address, "user_id", FALSE));
  g_assert_false (cardinal_table_has_unique (address, (const char * const[]) { "user_id", NULL }));
  g_assert_cmpuint (table (schema, "user")->foreign_keys->len, ==, 0);
}

static void
test_fk_optional_participation (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);

  g_assert_true (column (table (schema, "address"), "user_id")->nullable);
}

static void
test_fk_many_to_one (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *user;

  first_relationship (model)->entity1_needs_entity2 = TRUE;
  schema = cardinal_engineer (model);
  user = table (schema, "user");
  g_assert_false (column (user, "address_id")->nullable);
  g_assert_cmpstr (only_foreign_key (user)->ref_table, ==, "address");
  g_assert_cmpuint (table (schema, "address")->foreign_keys->len, ==, 0);
}

static void
test_roles (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;

  first_relationship (model)->entity1_role = g_strdup ("resident");
  schema = cardinal_engineer (model);
  g_assert_nonnull (cardinal_table_find_column (table (schema, "address"), "resident_id"));
  g_assert_null (cardinal_table_find_column (table (schema, "address"), "user_id"));
}

static void
test_unique_fk (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *address = table (schema, "address");

  g_assert_true (column (address, "user_id")->nullable);
  g_assert_cmpstr (only_foreign_key (address)->ref_table, ==, "user");
  g_assert_true (cardinal_table_has_unique (address, (const char * const[]) { "user_id", NULL }));
}

static void
test_shared_pk (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_SHARED_PK);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *address = table (schema, "address");
  CardinalForeignKey *fk = only_foreign_key (address);
  g_autofree char *names = column_names (address);

  g_assert_cmpstr (names, ==, "id,street,postcode");
  g_assert_cmpstr (fk->columns[0], ==, "id");
  g_assert_null (fk->columns[1]);
  g_assert_cmpstr (fk->ref_table, ==, "user");
  g_assert_cmpstr (address->primary_key[0], ==, "id");
  g_assert_false (column (address, "id")->autoincrement);
  g_assert_true (column (table (schema, "user"), "id")->autoincrement);
}

static void
test_merged (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_MERGED);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autoptr(CardinalSchema) mandatory_schema = NULL;
  CardinalTable *user;
  g_autofree char *names = NULL;

  g_assert_cmpuint (schema->tables->len, ==, 1);
  g_assert_null (cardinal_schema_find_table (schema, "address"));
  user = table (schema, "user");
  names = column_names (user);
  g_assert_cmpstr (names, ==, "id,name,email,street,postcode");
  /* A user without an address leaves these empty, even where address required them. */
  g_assert_true (column (user, "postcode")->nullable);
  g_assert_true (cardinal_table_has_unique (user, (const char * const[]) { "postcode", NULL }));
  g_assert_true (cardinal_table_has_unique (user, (const char * const[]) { "email", NULL }));
  g_assert_cmpuint (user->foreign_keys->len, ==, 0);

  first_relationship (model)->entity1_needs_entity2 = TRUE;
  mandatory_schema = cardinal_engineer (model);
  g_assert_false (column (table (mandatory_schema, "user"), "postcode")->nullable);
  g_assert_true (column (table (mandatory_schema, "user"), "street")->nullable);
}

static void
test_link_table_many_to_many (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *link;
  g_autofree char *names = NULL;
  g_autofree char *pk = NULL;
  CardinalAttribute *since = cardinal_attribute_new ("since", "date");

  since->nullable = FALSE;
  g_ptr_array_add (first_relationship (model)->link_attributes, since);
  schema = cardinal_engineer (model);

  g_assert_cmpuint (schema->tables->len, ==, 3);
  link = g_ptr_array_index (schema->tables, 2);
  g_assert_cmpstr (link->name, ==, "user_address");
  g_assert_null (link->entity);
  g_assert_cmpstr (link->relationship, ==, "user_address");
  names = column_names (link);
  g_assert_cmpstr (names, ==, "user_id,address_id,since");
  pk = join (link->primary_key);
  g_assert_cmpstr (pk, ==, "user_id,address_id");
  g_assert_false (column (link, "user_id")->nullable);
  g_assert_false (column (link, "since")->nullable);
  g_assert_cmpuint (link->foreign_keys->len, ==, 2);
  g_assert_cmpuint (link->uniques->len, ==, 0);
  g_assert_true (has_index_on (link, "address_id", FALSE));
  g_assert_cmpuint (table (schema, "user")->foreign_keys->len, ==, 0);
  g_assert_cmpuint (table (schema, "address")->foreign_keys->len, ==, 0);
}

static void
test_link_table_one_to_many (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *link;

  first_relationship (model)->link_table = g_strdup ("user_addresses");
  schema = cardinal_engineer (model);
  link = table (schema, "user_addresses");
  /* Each address belongs to one user: its column alone is unique. */
  g_assert_true (cardinal_table_has_unique (link, (const char * const[]) { "address_id", NULL }));
  g_assert_false (cardinal_table_has_unique (link, (const char * const[]) { "user_id", NULL }));
  g_assert_true (cardinal_table_has_unique (link, (const char * const[]) { "user_id", "address_id", NULL }));
}

static void
test_link_table_pk (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *link = table (schema, "user_address");
  g_autofree char *names = column_names (link);

  g_assert_cmpstr (names, ==, "id,user_id,address_id");
  g_assert_cmpstr (link->primary_key[0], ==, "id");
  g_assert_null (link->primary_key[1]);
  g_assert_true (column (link, "id")->autoincrement);
  g_assert_true (cardinal_table_has_unique (link, (const char * const[]) { "user_id", "address_id", NULL }));
  g_assert_cmpuint (link->foreign_keys->len, ==, 2);
}

static void
test_composite_key_reference (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("composite");
  CardinalEntity *course = cardinal_model_add_entity (model, cardinal_entity_new ("course"));
  CardinalEntity *lesson = cardinal_model_add_entity (model, cardinal_entity_new ("lesson"));
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalForeignKey *fk;
  g_autofree char *columns = NULL;
  g_autofree char *ref_columns = NULL;

  cardinal_entity_add_attribute (course, attribute ("code", "varchar(8)", TRUE));
  cardinal_entity_add_attribute (course, attribute ("year", "smallint", TRUE));
  cardinal_entity_add_attribute (lesson, attribute ("id", "integer", TRUE));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("course_lesson", "course", "lesson",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  schema = cardinal_engineer (model);
  fk = only_foreign_key (table (schema, "lesson"));
  columns = join (fk->columns);
  ref_columns = join (fk->ref_columns);
  g_assert_cmpstr (columns, ==, "course_code,course_year");
  g_assert_cmpstr (ref_columns, ==, "code,year");
  g_assert_cmpstr (column (table (schema, "lesson"), "course_code")->type, ==, "varchar(8)");
  g_assert_cmpstr (column (table (schema, "lesson"), "course_year")->type, ==, "smallint");
  g_assert_true (has_index_on (table (schema, "lesson"), "course_code,course_year", FALSE));
}

static void
test_self_relationship (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("staff");
  CardinalEntity *employee = cardinal_model_add_entity (model, cardinal_entity_new ("employee"));
  CardinalRelationship *manages;
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalForeignKey *fk;

  cardinal_entity_add_attribute (employee, attribute ("id", "integer", TRUE));
  manages = cardinal_model_add_relationship (model, cardinal_relationship_new ("manages", "employee", "employee",
                                                                               CARDINAL_KIND_ONE_TO_MANY,
                                                                               CARDINAL_STRATEGY_FK));
  manages->entity1_role = g_strdup ("manager");
  schema = cardinal_engineer (model);
  fk = only_foreign_key (table (schema, "employee"));
  g_assert_cmpstr (fk->columns[0], ==, "manager_id");
  g_assert_cmpstr (fk->ref_table, ==, "employee");
}

static void
test_skips_what_cannot_be_engineered (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;

  cardinal_model_add_relationship (model, cardinal_relationship_new ("ghost", "user", "nobody",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  schema = cardinal_engineer (model);
  g_assert_cmpuint (schema->tables->len, ==, 2);
  g_assert_cmpuint (table (schema, "user")->foreign_keys->len, ==, 0);
  g_assert_cmpuint (table (schema, "address")->foreign_keys->len, ==, 0);
}

static void
test_long_names_fit (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *address;
  CardinalForeignKey *fk;

  first_relationship (model)->entity1_role = g_strdup ("the_person_who_has_lived_at_this_place_for_the_longest");
  schema = cardinal_engineer (model);
  address = table (schema, "address");
  fk = only_foreign_key (address);
  g_assert_cmpuint (strlen (fk->name), <=, 63);
  for (guint i = 0; i < address->indexes->len; i++)
    g_assert_cmpuint (strlen (((CardinalIndex *) g_ptr_array_index (address->indexes, i))->name), <=, 63);
}

static void
test_deterministic (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK);
  g_autoptr(CardinalSchema) a = cardinal_engineer (model);
  g_autoptr(CardinalSchema) b = cardinal_engineer (model);

  g_assert_cmpuint (a->tables->len, ==, b->tables->len);
  for (guint i = 0; i < a->tables->len; i++)
    {
      CardinalTable *ta = g_ptr_array_index (a->tables, i);
      CardinalTable *tb = g_ptr_array_index (b->tables, i);
      g_autofree char *ca = column_names (ta);
      g_autofree char *cb = column_names (tb);

      g_assert_cmpstr (ta->name, ==, tb->name);
      g_assert_cmpstr (ca, ==, cb);
      g_assert_cmpuint (ta->indexes->len, ==, tb->indexes->len);
      for (guint j = 0; j < ta->indexes->len; j++)
        g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (ta->indexes, j))->name, ==,
                         ((CardinalIndex *) g_ptr_array_index (tb->indexes, j))->name);
    }
}

static void
test_fk_column_names (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_auto(GStrv) names = cardinal_engineer_fk_column_names (model, first_relationship (model), "user", "owner");
  g_auto(GStrv) missing = cardinal_engineer_fk_column_names (model, first_relationship (model), "nobody", "x");

  g_assert_cmpstr (names[0], ==, "owner_id");
  g_assert_null (names[1]);
  g_assert_null (missing);
}

/* Format 2 (DESIGN.md §3, §4). */

static GStrv
strv (const char *first,
      ...)
{
  GStrvBuilder *builder = g_strv_builder_new ();
  GStrv result;
  va_list args;

  va_start (args, first);
  for (const char *s = first; s != NULL; s = va_arg (args, const char *))
    g_strv_builder_add (builder, s);
  va_end (args);
  result = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return result;
}

static char *
unique_list (CardinalTable *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->uniques->len; i++)
    {
      CardinalUnique *u = g_ptr_array_index (t->uniques, i);
      g_autofree char *cols = join (u->columns);

      g_string_append_printf (out, "%s%s(%s)", i ? ";" : "", u->name ? u->name : "-", cols);
    }
  return g_string_free (out, FALSE);
}

static char *
index_list (CardinalTable *t)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < t->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (t->indexes, i);
      g_autofree char *cols = join (index->columns);

      g_string_append_printf (out, "%s%s(%s)", i ? ";" : "", index->name, cols);
    }
  return g_string_free (out, FALSE);
}

/* customer(id, code unique) and orders(order_id, customer_id, order_date): an import's shape. */
static CardinalModel *
orders_model (void)
{
  CardinalModel *model = cardinal_model_new ("shop");
  CardinalEntity *customer = cardinal_model_add_entity (model, cardinal_entity_new ("customer"));
  CardinalEntity *orders = cardinal_model_add_entity (model, cardinal_entity_new ("orders"));
  CardinalAttribute *a;

  cardinal_entity_add_attribute (customer, attribute ("id", "integer", TRUE));
  a = cardinal_entity_add_attribute (customer, attribute ("code", "varchar(8)", FALSE));
  a->unique = TRUE;
  a->nullable = FALSE;
  cardinal_entity_add_attribute (orders, attribute ("order_id", "integer", TRUE));
  a = cardinal_entity_add_attribute (orders, attribute ("customer_id", "bigint", FALSE));
  a->sql_type = g_strdup ("int8");
  a->collation = g_strdup ("C");
  a->default_value = g_strdup ("0");
  a->comment = (g_free (a->comment), g_strdup ("who ordered"));
  a->nullable = FALSE;
  cardinal_entity_add_attribute (orders, attribute ("order_date", "date", FALSE));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("customer_orders", "customer", "orders",
                                                                     CARDINAL_KIND_ONE_TO_MANY,
                                                                     CARDINAL_STRATEGY_FK));
  return model;
}

static void
test_claimed_attribute (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *orders = table (schema, "orders");
  CardinalColumn *c = column (orders, "customer_id");
  g_autofree char *names = column_names (orders);
  CardinalForeignKey *fk = only_foreign_key (orders);
  g_autofree char *fk_columns = join (fk->columns);

  /* The attribute is the FK column: same place, its own type and properties, no second column. */
  g_assert_cmpstr (names, ==, "order_id,customer_id,order_date");
  g_assert_cmpstr (fk_columns, ==, "customer_id");
  g_assert_cmpstr (fk->ref_columns[0], ==, "id");
  g_assert_cmpstr (c->type, ==, "bigint");
  g_assert_cmpstr (c->sql_type, ==, "int8");
  g_assert_cmpstr (c->collation, ==, "C");
  g_assert_cmpstr (c->default_value, ==, "0");
  g_assert_cmpstr (c->comment, ==, "who ordered");
  g_assert_false (c->nullable);
  g_assert_true (has_index_on (orders, "customer_id", FALSE));
}

static void
test_claimed_attribute_nullability (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  CardinalAttribute *a = cardinal_entity_find_attribute (cardinal_model_find_entity (model, "orders"), "customer_id");
  g_autoptr(CardinalSchema) optional = NULL;
  g_autoptr(CardinalSchema) mandatory = NULL;

  a->nullable = TRUE;
  optional = cardinal_engineer (model);
  g_assert_true (column (table (optional, "orders"), "customer_id")->nullable);

  /* Mandatory participation makes it NOT NULL even though the attribute allows NULL. */
  first_relationship (model)->entity2_needs_entity1 = TRUE;
  mandatory = cardinal_engineer (model);
  g_assert_false (column (table (mandatory, "orders"), "customer_id")->nullable);
}

static void
test_explicit_fk (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  CardinalRelationship *r = first_relationship (model);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *orders;
  CardinalForeignKey *fk;
  g_autofree char *names = NULL;

  cardinal_model_find_entity (model, "customer")->schema = g_strdup ("sales");
  r->entity1_columns = strv ("buyer", NULL);
  r->entity1_fk_name = g_strdup ("orders_buyer_fk");
  r->on_delete = CARDINAL_ON_DELETE_RESTRICT;
  r->entity1_on_delete = CARDINAL_ON_DELETE_CASCADE;
  r->on_update = CARDINAL_ON_DELETE_SET_NULL;
  r->entity2_on_update = CARDINAL_ON_DELETE_RESTRICT;
  r->deferrable = TRUE;
  r->initially_deferred = TRUE;
  r->match_full = TRUE;
  schema = cardinal_engineer (model);
  orders = table (schema, "orders");
  fk = only_foreign_key (orders);
  names = column_names (orders);

  /* No attribute is named buyer: appended after the attributes, typed like customer.id. */
  g_assert_cmpstr (names, ==, "order_id,customer_id,order_date,buyer");
  g_assert_cmpstr (column (orders, "buyer")->type, ==, "integer");
  g_assert_cmpstr (fk->name, ==, "orders_buyer_fk");
  g_assert_cmpstr (fk->columns[0], ==, "buyer");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_true (fk->deferrable);
  g_assert_true (fk->initially_deferred);
  g_assert_true (fk->match_full);
  g_assert_cmpstr (fk->ref_schema, ==, "sales");
  g_assert_cmpstr (table (schema, "customer")->schema, ==, "sales");
}

static void
test_explicit_columns_wrong_count (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  g_autoptr(CardinalSchema) schema = NULL;
  g_auto(GStrv) names = NULL;

  first_relationship (model)->entity1_columns = strv ("a", "b", NULL);
  schema = cardinal_engineer (model);
  /* Two names for a one-column key: the default name, which the attribute claims. */
  g_assert_cmpstr (only_foreign_key (table (schema, "orders"))->columns[0], ==, "customer_id");
  names = cardinal_engineer_fk_column_names (model, first_relationship (model), "customer", "customer");
  g_assert_cmpstr (names[0], ==, "customer_id");
}

static void
test_fk_to_unique_column (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *orders;
  CardinalForeignKey *fk;
  g_auto(GStrv) names = NULL;

  first_relationship (model)->entity1_key = strv ("code", NULL);
  schema = cardinal_engineer (model);
  orders = table (schema, "orders");
  fk = only_foreign_key (orders);
  g_assert_cmpstr (fk->columns[0], ==, "customer_code");
  g_assert_null (fk->columns[1]);
  g_assert_cmpstr (fk->ref_columns[0], ==, "code");
  g_assert_null (fk->ref_columns[1]);
  g_assert_cmpstr (column (orders, "customer_code")->type, ==, "varchar(8)");
  names = cardinal_engineer_fk_column_names (model, first_relationship (model), "customer", "customer");
  g_assert_cmpstr (names[0], ==, "customer_code");
}

static void
test_fk_column_names_explicit (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  CardinalRelationship *r = first_relationship (model);
  g_auto(GStrv) one = NULL;
  g_auto(GStrv) two = NULL;

  r->entity1_columns = strv ("member", NULL);
  r->entity2_columns = strv ("place", NULL);
  one = cardinal_engineer_fk_column_names (model, r, "user", "user");
  two = cardinal_engineer_fk_column_names (model, r, "address", "address");
  g_assert_cmpstr (one[0], ==, "member");
  g_assert_null (one[1]);
  g_assert_cmpstr (two[0], ==, "place");
  g_assert_null (two[1]);
}

/* order(id) ← order_line(line_no) identified by its order; shipment_item references
 * order_line and comes first in the document, so it needs the key the
 * identifying relationship makes. */
static CardinalModel *
order_lines_model (void)
{
  CardinalModel *model = cardinal_model_new ("lines");
  CardinalEntity *order = cardinal_model_add_entity (model, cardinal_entity_new ("order"));
  CardinalEntity *line = cardinal_model_add_entity (model, cardinal_entity_new ("order_line"));
  CardinalEntity *item = cardinal_model_add_entity (model, cardinal_entity_new ("shipment_item"));
  CardinalRelationship *r;

  cardinal_entity_add_attribute (order, attribute ("id", "integer", TRUE));
  cardinal_entity_add_attribute (line, attribute ("line_no", "smallint", TRUE));
  cardinal_entity_add_attribute (line, attribute ("quantity", "integer", FALSE));
  cardinal_entity_add_attribute (item, attribute ("id", "integer", TRUE));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("item_line", "shipment_item", "order_line",
                                                                     CARDINAL_KIND_MANY_TO_ONE,
                                                                     CARDINAL_STRATEGY_FK));
  r = cardinal_model_add_relationship (model, cardinal_relationship_new ("order_lines", "order", "order_line",
                                                                         CARDINAL_KIND_ONE_TO_MANY,
                                                                         CARDINAL_STRATEGY_FK));
  r->identifying = TRUE;
  return model;
}

static void
test_identifying (void)
{
  g_autoptr(CardinalModel) model = order_lines_model ();
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *line = table (schema, "order_line");
  CardinalTable *item = table (schema, "shipment_item");
  g_autofree char *key = join (line->primary_key);
  g_autofree char *line_names = column_names (line);
  g_autofree char *item_names = column_names (item);
  CardinalForeignKey *fk = only_foreign_key (item);
  g_autofree char *fk_columns = join (fk->columns);
  g_autofree char *ref_columns = join (fk->ref_columns);
  g_auto(GStrv) names = cardinal_engineer_fk_column_names (model, first_relationship (model),
                                                           "order_line", "order_line");
  g_autofree char *joined = join (names);

  g_assert_cmpstr (key, ==, "order_id,line_no");
  g_assert_cmpstr (line_names, ==, "line_no,quantity,order_id");
  /* Optional participation, but a key column is never NULL. */
  g_assert_false (column (line, "order_id")->nullable);
  g_assert_cmpstr (fk_columns, ==, "order_line_order_id,order_line_line_no");
  g_assert_cmpstr (ref_columns, ==, "order_id,line_no");
  g_assert_cmpstr (item_names, ==, "id,order_line_order_id,order_line_line_no");
  g_assert_cmpstr (column (item, "order_line_line_no")->type, ==, "smallint");
  g_assert_cmpstr (joined, ==, "order_line_order_id,order_line_line_no");
}

static void
test_identifying_claimed_key (void)
{
  g_autoptr(CardinalModel) model = order_lines_model ();
  CardinalEntity *line = cardinal_model_find_entity (model, "order_line");
  CardinalAttribute *order_id = attribute ("order_id", "integer", TRUE);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *key = NULL;
  g_autofree char *names = NULL;

  /* order_id is a key attribute between line_no and quantity: it keeps its
   * place, and the key keeps attribute order. */
  g_ptr_array_insert (line->attributes, 1, order_id);
  schema = cardinal_engineer (model);
  key = join (table (schema, "order_line")->primary_key);
  names = column_names (table (schema, "order_line"));
  g_assert_cmpstr (key, ==, "line_no,order_id");
  g_assert_cmpstr (names, ==, "line_no,order_id,quantity");
}

static void
test_identifying_keeps_relationship_order (void)
{
  g_autoptr(CardinalModel) model = order_lines_model ();
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *names = NULL;

  /* item_order comes between item_line and the identifying order_lines, so it is
   * engineered before item_line, which waits for order_line's key; the columns
   * still follow the document. */
  g_ptr_array_insert (model->relationships, 1,
                      cardinal_relationship_new ("item_order", "shipment_item", "order",
                                                 CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK));
  schema = cardinal_engineer (model);
  names = column_names (table (schema, "shipment_item"));
  g_assert_cmpstr (names, ==, "id,order_line_order_id,order_line_line_no,order_id");
}

static void
test_primary_key_order (void)
{
  g_autoptr(CardinalModel) model = order_lines_model ();
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *key = NULL;
  g_autofree char *ref_columns = NULL;

  cardinal_model_find_entity (model, "order_line")->primary_key_order = strv ("line_no", "order_id", NULL);
  schema = cardinal_engineer (model);
  key = join (table (schema, "order_line")->primary_key);
  ref_columns = join (only_foreign_key (table (schema, "shipment_item"))->ref_columns);
  g_assert_cmpstr (key, ==, "line_no,order_id");
  g_assert_cmpstr (ref_columns, ==, "line_no,order_id");
  g_assert_false (column (table (schema, "order_line"), "order_id")->nullable);
}

static void
test_primary_key_order_not_null (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *key = NULL;

  /* The order may name a column no attribute marks as key: it is in the key, so NOT NULL. */
  cardinal_model_find_entity (model, "user")->primary_key_order = strv ("email", "id", NULL);
  schema = cardinal_engineer (model);
  key = join (table (schema, "user")->primary_key);
  g_assert_cmpstr (key, ==, "email,id");
  g_assert_false (column (table (schema, "user"), "email")->nullable);
  g_assert_true (column (table (schema, "user"), "name")->nullable);
}

static void
test_primary_key_order_names_fk_columns (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("school");
  CardinalEntity *student = cardinal_model_add_entity (model, cardinal_entity_new ("student"));
  CardinalEntity *course = cardinal_model_add_entity (model, cardinal_entity_new ("course"));
  CardinalEntity *enrollment = cardinal_model_add_entity (model, cardinal_entity_new ("enrollment"));
  CardinalEntity *grade = cardinal_model_add_entity (model, cardinal_entity_new ("grade"));
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalForeignKey *fk;
  g_autofree char *columns = NULL;

  cardinal_entity_add_attribute (student, attribute ("id", "integer", TRUE));
  cardinal_entity_add_attribute (course, attribute ("code", "varchar(8)", TRUE));
  cardinal_entity_add_attribute (enrollment, attribute ("since", "date", FALSE));
  enrollment->primary_key_order = strv ("student_id", "course_code", NULL);
  cardinal_entity_add_attribute (grade, attribute ("id", "integer", TRUE));
  /* grade comes first, but the key it references is made by the two after it. */
  cardinal_model_add_relationship (model, cardinal_relationship_new ("grade_enrollment", "grade", "enrollment",
                                                                     CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("student_enrollment", "student", "enrollment",
                                                                     CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK));
  cardinal_model_add_relationship (model, cardinal_relationship_new ("course_enrollment", "course", "enrollment",
                                                                     CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK));
  schema = cardinal_engineer (model);
  fk = only_foreign_key (table (schema, "grade"));
  columns = join (fk->columns);
  g_assert_cmpstr (columns, ==, "enrollment_student_id,enrollment_course_code");
  g_assert_cmpstr (column (table (schema, "grade"), "enrollment_course_code")->type, ==, "varchar(8)");
  g_assert_false (column (table (schema, "enrollment"), "course_code")->nullable);
}

static void
test_keyless_entity (void)
{
  g_autoptr(CardinalModel) model = orders_model ();
  CardinalEntity *log = cardinal_model_add_entity (model, cardinal_entity_new ("log"));
  CardinalAttribute *serial;
  CardinalRelationship *r;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalSchema) referenced = NULL;
  CardinalTable *log_table;

  serial = cardinal_entity_add_attribute (log, attribute ("serial", "integer", FALSE));
  serial->unique = TRUE;
  serial->nullable = FALSE;
  cardinal_entity_add_attribute (log, attribute ("message", "text", FALSE));
  r = cardinal_model_add_relationship (model, cardinal_relationship_new ("log_orders", "log", "orders",
                                                                         CARDINAL_KIND_ONE_TO_MANY,
                                                                         CARDINAL_STRATEGY_FK));
  schema = cardinal_engineer (model);
  log_table = table (schema, "log");
  g_assert_nonnull (log_table->primary_key);
  g_assert_null (log_table->primary_key[0]);
  /* Without a key there is nothing to reference… */
  g_assert_cmpuint (table (schema, "orders")->foreign_keys->len, ==, 1);

  /* …except through an explicit key. */
  r->entity1_key = strv ("serial", NULL);
  referenced = cardinal_engineer (model);
  g_assert_cmpuint (table (referenced, "orders")->foreign_keys->len, ==, 2);
  g_assert_nonnull (cardinal_table_find_column (table (referenced, "orders"), "log_serial"));
}

static void
test_no_duplicate_unique (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK);
  CardinalEntity *address = cardinal_model_find_entity (model, "address");
  CardinalUnique *named = cardinal_unique_new ((const char * const[]) { "user_id", NULL });
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalSchema) plain = cardinal_engineer (model);
  g_autofree char *uniques = NULL;
  g_autofree char *plain_uniques = unique_list (table (plain, "address"));

  g_assert_cmpstr (plain_uniques, ==, "-(postcode);-(user_id)");

  named->name = g_strdup ("address_user_key");
  g_ptr_array_add (address->uniques, named);
  schema = cardinal_engineer (model);
  uniques = unique_list (table (schema, "address"));
  g_assert_cmpstr (uniques, ==, "-(postcode);address_user_key(user_id)");
}

static void
test_no_duplicate_index (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalEntity *address = cardinal_model_find_entity (model, "address");
  CardinalAttribute *street = cardinal_entity_find_attribute (address, "street");
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalSchema) unindexed = NULL;
  g_autofree char *indexes = NULL;
  g_autofree char *unindexed_list = NULL;

  street->index = TRUE;
  g_ptr_array_add (address->indexes, cardinal_index_new ("by_user", (const char * const[]) { "user_id", NULL }, FALSE));
  g_ptr_array_add (address->indexes, cardinal_index_new ("by_street", (const char * const[]) { "street", NULL }, FALSE));
  schema = cardinal_engineer (model);
  indexes = index_list (table (schema, "address"));
  g_assert_cmpstr (indexes, ==, "by_user(user_id);by_street(street)");

  /* index false: no index on the FK columns at all. */
  g_ptr_array_set_size (address->indexes, 0);
  street->index = FALSE;
  first_relationship (model)->index = FALSE;
  unindexed = cardinal_engineer (model);
  unindexed_list = index_list (table (unindexed, "address"));
  g_assert_cmpstr (unindexed_list, ==, "");
}

static void
test_link_table_claimed (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK);
  CardinalRelationship *r = first_relationship (model);
  CardinalAttribute *a;
  CardinalEntity *options = cardinal_entity_new ("user_address");
  CardinalUnique *both = cardinal_unique_new ((const char * const[]) { "address_id", "user_id", NULL });
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *link;
  g_autofree char *names = NULL;
  g_autofree char *key = NULL;
  g_autofree char *uniques = NULL;
  g_autofree char *indexes = NULL;

  a = attribute ("link_id", "bigint", TRUE);
  a->autoincrement = TRUE;
  g_ptr_array_add (r->link_attributes, a);
  a = attribute ("address_id", "bigint", FALSE);
  a->comment = (g_free (a->comment), g_strdup ("where"));
  g_ptr_array_add (r->link_attributes, a);
  g_ptr_array_add (r->link_attributes, attribute ("note", "text", FALSE));
  g_ptr_array_add (r->link_attributes, attribute ("user_id", "integer", FALSE));

  both->name = g_strdup ("user_address_pair");
  g_ptr_array_add (options->uniques, both);
  g_ptr_array_add (options->checks, cardinal_check_new ("note_short", "length(note) < 100"));
  g_ptr_array_add (options->indexes, cardinal_index_new ("link_by_address", (const char * const[]) { "address_id", NULL }, FALSE));
  options->schema = g_strdup ("app");
  options->comment = (g_free (options->comment), g_strdup ("who lives where"));
  options->primary_key_name = g_strdup ("user_address_pk");
  options->strict = TRUE;
  options->unlogged = TRUE;
  r->link = options;

  schema = cardinal_engineer (model);
  link = table (schema, "user_address");
  names = column_names (link);
  key = join (link->primary_key);
  uniques = unique_list (link);
  indexes = index_list (link);

  /* Every FK column is a link attribute; the own key is link_id, not a generated id. */
  g_assert_cmpstr (names, ==, "link_id,address_id,note,user_id");
  g_assert_cmpstr (key, ==, "link_id");
  g_assert_cmpstr (column (link, "address_id")->type, ==, "bigint");
  g_assert_cmpstr (column (link, "address_id")->comment, ==, "where");
  g_assert_false (column (link, "address_id")->nullable);
  g_assert_false (column (link, "user_id")->nullable);
  g_assert_true (column (link, "link_id")->autoincrement);
  g_assert_cmpuint (link->foreign_keys->len, ==, 2);
  /* The declared UNIQUE covers both FKs (in another order): no second one; the
   * declared index on address_id stands for the entity2 index. */
  g_assert_cmpstr (uniques, ==, "user_address_pair(address_id,user_id)");
  g_assert_cmpstr (indexes, ==, "link_by_address(address_id)");
  g_assert_cmpstr (link->schema, ==, "app");
  g_assert_cmpstr (link->comment, ==, "who lives where");
  g_assert_cmpstr (link->primary_key_name, ==, "user_address_pk");
  g_assert_true (link->strict);
  g_assert_true (link->unlogged);
  g_assert_false (link->without_rowid);
  g_assert_cmpuint (link->checks->len, ==, 1);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (link->checks, 0))->name, ==, "note_short");
  g_assert_cmpstr (((CardinalForeignKey *) g_ptr_array_index (link->foreign_keys, 0))->ref_table, ==, "user");
}

static void
test_link_table_per_side (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  CardinalRelationship *r = first_relationship (model);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *link;
  CardinalForeignKey *fk1;
  CardinalForeignKey *fk2;
  g_autofree char *names = NULL;
  g_autofree char *key = NULL;

  cardinal_model_find_entity (model, "address")->schema = g_strdup ("geo");
  r->on_delete = CARDINAL_ON_DELETE_CASCADE;
  r->entity2_on_delete = CARDINAL_ON_DELETE_RESTRICT;
  r->entity1_on_update = CARDINAL_ON_DELETE_CASCADE;
  r->entity1_fk_name = g_strdup ("member_fk");
  r->entity2_fk_name = g_strdup ("place_fk");
  r->entity2_columns = strv ("place", NULL);
  schema = cardinal_engineer (model);
  link = table (schema, "user_address");
  names = column_names (link);
  key = join (link->primary_key);
  g_assert_cmpuint (link->foreign_keys->len, ==, 2);
  fk1 = g_ptr_array_index (link->foreign_keys, 0);
  fk2 = g_ptr_array_index (link->foreign_keys, 1);

  g_assert_cmpstr (names, ==, "user_id,place");
  g_assert_cmpstr (key, ==, "user_id,place");
  g_assert_cmpstr (fk1->name, ==, "member_fk");
  g_assert_cmpstr (fk1->ref_table, ==, "user");
  g_assert_null (fk1->ref_schema);
  g_assert_cmpint (fk1->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (fk1->on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpstr (fk2->name, ==, "place_fk");
  g_assert_cmpstr (fk2->columns[0], ==, "place");
  g_assert_cmpstr (fk2->ref_schema, ==, "geo");
  g_assert_cmpint (fk2->on_delete, ==, CARDINAL_ON_DELETE_RESTRICT);
  g_assert_cmpint (fk2->on_update, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_true (has_index_on (link, "place", FALSE));
}

static void
test_link_table_key_order_and_index (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE);
  CardinalRelationship *r = first_relationship (model);
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *link;
  g_autofree char *key = NULL;
  g_autofree char *names = NULL;

  r->link = cardinal_entity_new ("user_address");
  r->link->primary_key_order = strv ("address_id", "user_id", NULL);
  r->index = FALSE;
  g_ptr_array_add (r->link_attributes, attribute ("user_id", "integer", FALSE));
  schema = cardinal_engineer (model);
  link = table (schema, "user_address");
  key = join (link->primary_key);
  names = column_names (link);
  g_assert_cmpstr (key, ==, "address_id,user_id");
  /* The unclaimed FK column comes before the link attributes, as without claims. */
  g_assert_cmpstr (names, ==, "address_id,user_id");
  g_assert_cmpuint (link->indexes->len, ==, 0);
}

static void
test_explicit_names_first (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalEntity *late = cardinal_model_add_entity (model, cardinal_entity_new ("late"));
  CardinalRelationship *r2;
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *address;

  cardinal_entity_add_attribute (late, attribute ("id", "integer", TRUE));
  /* The generated FK name of user_address, taken by a later entity's index… */
  g_ptr_array_add (late->indexes, cardinal_index_new ("address_user_id_fkey", (const char * const[]) { "id", NULL }, FALSE));
  /* …and its generated index name, taken by a later relationship's FK. */
  r2 = cardinal_model_add_relationship (model, cardinal_relationship_new ("late_user", "user", "late",
                                                                          CARDINAL_KIND_ONE_TO_MANY,
                                                                          CARDINAL_STRATEGY_FK));
  r2->entity1_fk_name = g_strdup ("Address_User_Id_Idx");
  r2->index = FALSE;
  schema = cardinal_engineer (model);
  address = table (schema, "address");
  g_assert_cmpstr (only_foreign_key (address)->name, ==, "address_user_id_fkey_2");
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (address->indexes, 0))->name, ==, "address_user_id_idx_2");
  g_assert_cmpstr (only_foreign_key (table (schema, "late"))->name, ==, "Address_User_Id_Idx");
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (table (schema, "late")->indexes, 0))->name, ==,
                   "address_user_id_fkey");
}

static void
test_schemas_separate_names (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalEntity *other = cardinal_model_add_entity (model, cardinal_entity_new ("archive.address"));
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *archived;

  other->table = g_strdup ("address");
  other->schema = g_strdup ("archive");
  cardinal_entity_add_attribute (other, attribute ("id", "integer", TRUE));
  g_ptr_array_add (other->indexes, cardinal_index_new (NULL, (const char * const[]) { "user_id", NULL }, FALSE));
  cardinal_entity_add_attribute (other, attribute ("user_id", "integer", FALSE));
  schema = cardinal_engineer (model);
  archived = g_ptr_array_index (schema->tables, 2);
  g_assert_cmpstr (archived->name, ==, "address");
  g_assert_cmpstr (archived->entity, ==, "archive.address");
  g_assert_cmpstr (archived->schema, ==, "archive");
  /* Another schema is another namespace: the same generated name, without _2. */
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (archived->indexes, 0))->name, ==, "address_user_id_idx");
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (table (schema, "address")->indexes, 0))->name, ==,
                   "address_user_id_idx");
}

static void
test_entity_options (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalEntity *user = cardinal_model_find_entity (model, "user");
  CardinalIndex *expression = cardinal_index_new (NULL, (const char * const[]) { "", "name", NULL }, FALSE);
  CardinalIndexKey *key = g_new0 (CardinalIndexKey, 1);
  CardinalUnique *unique = cardinal_unique_new ((const char * const[]) { "name", "email", NULL });
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *t;
  CardinalIndex *copied;
  CardinalUnique *copied_unique;

  key->expression = g_strdup ("lower(email)");
  expression->keys = cardinal_index_key_array_new ();
  g_ptr_array_add (expression->keys, key);
  key = g_new0 (CardinalIndexKey, 1);
  key->column = g_strdup ("name");
  g_ptr_array_add (expression->keys, key);
  g_ptr_array_add (user->indexes, expression);
  unique->name = g_strdup ("user_name_email");
  unique->deferrable = TRUE;
  g_ptr_array_add (user->uniques, unique);
  g_ptr_array_add (user->checks, cardinal_check_new ("name_set", "name <> ''"));
  user->table = g_strdup ("users");
  user->schema = g_strdup ("auth");
  user->primary_key_name = g_strdup ("users_pkey");
  user->without_rowid = TRUE;
  user->strict = TRUE;
  user->unlogged = TRUE;
  user->partition_by = g_strdup ("HASH (id)");

  schema = cardinal_engineer (model);
  g_assert_null (cardinal_schema_find_table (schema, "user"));
  t = table (schema, "users");
  g_assert_cmpstr (t->entity, ==, "user");
  g_assert_cmpstr (t->schema, ==, "auth");
  g_assert_cmpstr (t->primary_key_name, ==, "users_pkey");
  g_assert_true (t->without_rowid);
  g_assert_true (t->strict);
  g_assert_true (t->unlogged);
  g_assert_cmpstr (t->partition_by, ==, "HASH (id)");
  g_assert_cmpuint (t->checks->len, ==, 1);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (t->checks, 0))->name, ==, "name_set");
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (t->checks, 0))->expression, ==, "name <> ''");

  copied_unique = g_ptr_array_index (t->uniques, 1);
  g_assert_true (copied_unique != unique);
  g_assert_cmpstr (copied_unique->name, ==, "user_name_email");
  g_assert_true (copied_unique->deferrable);

  g_assert_cmpuint (t->indexes->len, ==, 1);
  copied = g_ptr_array_index (t->indexes, 0);
  g_assert_true (copied != expression);
  g_assert_cmpstr (copied->name, ==, "users_expr_name_idx");
  g_assert_cmpuint (copied->keys->len, ==, 2);
  g_assert_cmpstr (((CardinalIndexKey *) g_ptr_array_index (copied->keys, 0))->expression, ==, "lower(email)");
  /* The model's own index keeps no name: the engineer names its copy only. */
  g_assert_null (expression->name);

  /* The FK to the renamed table names it and its schema. */
  g_assert_cmpstr (only_foreign_key (table (schema, "address"))->ref_table, ==, "users");
  g_assert_cmpstr (only_foreign_key (table (schema, "address"))->ref_schema, ==, "auth");
}

static void
test_merged_options (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_MERGED);
  CardinalEntity *address = cardinal_model_find_entity (model, "address");
  CardinalUnique *pair = cardinal_unique_new ((const char * const[]) { "street", "postcode", NULL });
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *user;
  g_autofree char *uniques = NULL;
  g_autofree char *indexes = NULL;

  g_ptr_array_add (address->uniques, pair);
  g_ptr_array_add (address->indexes, cardinal_index_new (NULL, (const char * const[]) { "street", NULL }, FALSE));
  schema = cardinal_engineer (model);
  user = table (schema, "user");
  uniques = unique_list (user);
  indexes = index_list (user);
  /* The folded columns keep their UNIQUE and index, named for the host table. */
  g_assert_cmpstr (uniques, ==, "-(email);-(postcode);-(street,postcode)");
  g_assert_cmpstr (indexes, ==, "user_street_idx(street)");
}

static void
test_attribute_fields (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalEntity *user = cardinal_model_find_entity (model, "user");
  CardinalAttribute *id = cardinal_entity_find_attribute (user, "id");
  CardinalAttribute *name = cardinal_entity_find_attribute (user, "name");
  CardinalAttribute *upper = cardinal_entity_add_attribute (user, attribute ("upper_name", "text", FALSE));
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *t;

  id->identity = CARDINAL_IDENTITY_ALWAYS;
  id->sequence = cardinal_sequence_new (NULL);
  id->sequence->has_start = TRUE;
  id->sequence->start = 1000;
  name->sql_type = g_strdup ("character varying(40)");
  name->collation = g_strdup ("en_US");
  upper->generated = g_strdup ("upper(name)");
  upper->generated_stored = TRUE;

  schema = cardinal_engineer (model);
  t = table (schema, "user");
  g_assert_cmpint (column (t, "id")->identity, ==, CARDINAL_IDENTITY_ALWAYS);
  g_assert_nonnull (column (t, "id")->sequence);
  g_assert_true (column (t, "id")->sequence != id->sequence);
  g_assert_true (column (t, "id")->sequence->has_start);
  g_assert_cmpint (column (t, "id")->sequence->start, ==, 1000);
  g_assert_cmpstr (column (t, "name")->sql_type, ==, "character varying(40)");
  g_assert_cmpstr (column (t, "name")->collation, ==, "en_US");
  g_assert_cmpstr (column (t, "upper_name")->generated, ==, "upper(name)");
  g_assert_true (column (t, "upper_name")->generated_stored);
  g_assert_null (column (t, "email")->generated);
}

static void
test_model_wide_objects (void)
{
  CardinalModel *model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalExtension *extension = g_new0 (CardinalExtension, 1);
  CardinalUserType *mood = cardinal_user_type_new ("mood", CARDINAL_USER_TYPE_ENUM);
  CardinalSequence *tickets = cardinal_sequence_new ("tickets");
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalUserType *type;

  model->has_dialect = TRUE;
  model->dialect = CARDINAL_DIALECT_POSTGRESQL;
  g_ptr_array_add (model->schemas, g_strdup ("auth"));
  extension->name = g_strdup ("cube");
  extension->schema = g_strdup ("public");
  g_ptr_array_add (model->extensions, extension);
  g_strfreev (mood->values);
  mood->values = strv ("sad", "happy", NULL);
  g_ptr_array_add (model->types, mood);
  tickets->has_increment = TRUE;
  tickets->increment = 5;
  g_ptr_array_add (model->sequences, tickets);
  g_ptr_array_add (model->objects, cardinal_sql_object_new ("user_names", "view", CARDINAL_DIALECT_POSTGRESQL,
                                                            "CREATE VIEW user_names AS SELECT name FROM \"user\""));

  schema = cardinal_engineer (model);
  /* Deep copies: the schema outlives the model. */
  cardinal_model_free (model);

  g_assert_true (schema->has_dialect);
  g_assert_cmpint (schema->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpuint (schema->schemas->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (schema->schemas, 0), ==, "auth");
  g_assert_cmpuint (schema->extensions->len, ==, 1);
  g_assert_cmpstr (((CardinalExtension *) g_ptr_array_index (schema->extensions, 0))->name, ==, "cube");
  g_assert_cmpstr (((CardinalExtension *) g_ptr_array_index (schema->extensions, 0))->schema, ==, "public");
  g_assert_cmpuint (schema->types->len, ==, 1);
  type = g_ptr_array_index (schema->types, 0);
  g_assert_cmpstr (type->name, ==, "mood");
  g_assert_cmpstr (type->values[1], ==, "happy");
  g_assert_cmpuint (schema->sequences->len, ==, 1);
  g_assert_cmpstr (((CardinalSequence *) g_ptr_array_index (schema->sequences, 0))->name, ==, "tickets");
  g_assert_cmpint (((CardinalSequence *) g_ptr_array_index (schema->sequences, 0))->increment, ==, 5);
  g_assert_cmpuint (schema->objects->len, ==, 1);
  g_assert_cmpstr (((CardinalSqlObject *) g_ptr_array_index (schema->objects, 0))->kind, ==, "view");
  g_assert_cmpstr (((CardinalSqlObject *) g_ptr_array_index (schema->objects, 0))->sql, ==,
                   "CREATE VIEW user_names AS SELECT name FROM \"user\"");
}

static void
test_designed_model_unchanged (void)
{
  g_autoptr(CardinalModel) model = user_address_model (CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  CardinalTable *address = table (schema, "address");
  CardinalForeignKey *fk = only_foreign_key (address);
  g_autofree char *indexes = index_list (address);

  /* Nothing of format 2 set: nothing of format 2 in the result. */
  g_assert_false (schema->has_dialect);
  g_assert_cmpuint (schema->schemas->len + schema->extensions->len + schema->types->len +
                    schema->sequences->len + schema->objects->len, ==, 0);
  g_assert_null (address->schema);
  g_assert_null (address->primary_key_name);
  g_assert_false (address->without_rowid || address->strict || address->unlogged);
  g_assert_cmpstr (fk->name, ==, "address_user_id_fkey");
  g_assert_null (fk->ref_schema);
  g_assert_false (fk->deferrable || fk->initially_deferred || fk->match_full);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_cmpstr (indexes, ==, "address_user_id_idx(user_id)");
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/engineer/fk/one-to-many", test_fk_one_to_many);
  g_test_add_func ("/engineer/fk/optional-participation", test_fk_optional_participation);
  g_test_add_func ("/engineer/fk/many-to-one", test_fk_many_to_one);
  g_test_add_func ("/engineer/fk/roles", test_roles);
  g_test_add_func ("/engineer/unique-fk", test_unique_fk);
  g_test_add_func ("/engineer/shared-pk", test_shared_pk);
  g_test_add_func ("/engineer/merged", test_merged);
  g_test_add_func ("/engineer/link-table/many-to-many", test_link_table_many_to_many);
  g_test_add_func ("/engineer/link-table/one-to-many", test_link_table_one_to_many);
  g_test_add_func ("/engineer/link-table-pk", test_link_table_pk);
  g_test_add_func ("/engineer/composite-key-reference", test_composite_key_reference);
  g_test_add_func ("/engineer/self-relationship", test_self_relationship);
  g_test_add_func ("/engineer/skips-what-cannot-be-engineered", test_skips_what_cannot_be_engineered);
  g_test_add_func ("/engineer/long-names-fit", test_long_names_fit);
  g_test_add_func ("/engineer/deterministic", test_deterministic);
  g_test_add_func ("/engineer/fk-column-names", test_fk_column_names);
  g_test_add_func ("/engineer/format2/claimed-attribute", test_claimed_attribute);
  g_test_add_func ("/engineer/format2/claimed-attribute-nullability", test_claimed_attribute_nullability);
  g_test_add_func ("/engineer/format2/explicit-fk", test_explicit_fk);
  g_test_add_func ("/engineer/format2/explicit-columns-wrong-count", test_explicit_columns_wrong_count);
  g_test_add_func ("/engineer/format2/fk-to-unique-column", test_fk_to_unique_column);
  g_test_add_func ("/engineer/format2/fk-column-names-explicit", test_fk_column_names_explicit);
  g_test_add_func ("/engineer/format2/identifying", test_identifying);
  g_test_add_func ("/engineer/format2/identifying-claimed-key", test_identifying_claimed_key);
  g_test_add_func ("/engineer/format2/identifying-keeps-relationship-order", test_identifying_keeps_relationship_order);
  g_test_add_func ("/engineer/format2/primary-key-order", test_primary_key_order);
  g_test_add_func ("/engineer/format2/primary-key-order-not-null", test_primary_key_order_not_null);
  g_test_add_func ("/engineer/format2/primary-key-order-names-fk-columns", test_primary_key_order_names_fk_columns);
  g_test_add_func ("/engineer/format2/keyless-entity", test_keyless_entity);
  g_test_add_func ("/engineer/format2/no-duplicate-unique", test_no_duplicate_unique);
  g_test_add_func ("/engineer/format2/no-duplicate-index", test_no_duplicate_index);
  g_test_add_func ("/engineer/format2/link-table-claimed", test_link_table_claimed);
  g_test_add_func ("/engineer/format2/link-table-per-side", test_link_table_per_side);
  g_test_add_func ("/engineer/format2/link-table-key-order-and-index", test_link_table_key_order_and_index);
  g_test_add_func ("/engineer/format2/explicit-names-first", test_explicit_names_first);
  g_test_add_func ("/engineer/format2/schemas-separate-names", test_schemas_separate_names);
  g_test_add_func ("/engineer/format2/entity-options", test_entity_options);
  g_test_add_func ("/engineer/format2/merged-options", test_merged_options);
  g_test_add_func ("/engineer/format2/attribute-fields", test_attribute_fields);
  g_test_add_func ("/engineer/format2/model-wide-objects", test_model_wide_objects);
  g_test_add_func ("/engineer/format2/designed-model-unchanged", test_designed_model_unchanged);

  return g_test_run ();
}
