/* test-engineer.c: each strategy's tables, keys, names and participation, as DESIGN.md §2 specifies them. */
#include "cardinal-engineer.h"

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

  return g_test_run ();
}
