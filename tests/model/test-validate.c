/* test-validate.c: every diagnostic code is raised by one model and absent from a near-identical one. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-model.h"
#include "cardinal-types.h"
#include "cardinal-validate.h"
#include "cardinal-test-support.h"

#define TEN "abcdefghij"
#define NAME_63 TEN TEN TEN TEN TEN TEN "abc"
#define NAME_64 NAME_63 "d"
#define ROLE_60 TEN TEN TEN TEN TEN TEN
#define ROLE_61 ROLE_60 "x"
#define HALF_32 TEN TEN TEN "ab"

/* ---- Building models ---- */

static CardinalAttribute *
add_attribute (CardinalEntity *entity,
               const char     *name,
               const char     *type)
{
  return cardinal_entity_add_attribute (entity, cardinal_attribute_new (name, type));
}

static CardinalAttribute *
add_key (CardinalEntity *entity,
         const char     *name,
         const char     *type)
{
  CardinalAttribute *attribute = add_attribute (entity, name, type);

  attribute->primary_key = TRUE;
  attribute->nullable = FALSE;
  return attribute;
}

/* An entity with an autoincrement integer key "id" and a text attribute "label". */
static CardinalEntity *
add_entity (CardinalModel *model,
            const char    *name)
{
  CardinalEntity *entity = cardinal_model_add_entity (model, cardinal_entity_new (name));

  add_key (entity, "id", "integer")->autoincrement = TRUE;
  add_attribute (entity, "label", "text");
  return entity;
}

static CardinalEntity *
add_bare_entity (CardinalModel *model,
                 const char    *name)
{
  return cardinal_model_add_entity (model, cardinal_entity_new (name));
}

static CardinalRelationship *
add_relationship (CardinalModel    *model,
                  const char       *name,
                  const char       *entity1,
                  const char       *entity2,
                  CardinalKind      kind,
                  CardinalStrategy  strategy)
{
  return cardinal_model_add_relationship (model, cardinal_relationship_new (name, entity1, entity2,
                                                                            kind, strategy));
}

static CardinalAttribute *
add_link_attribute (CardinalRelationship *relationship,
                    const char           *name,
                    const char           *type)
{
  CardinalAttribute *attribute = cardinal_attribute_new (name, type);

  g_ptr_array_add (relationship->link_attributes, attribute);
  return attribute;
}

static CardinalAttribute *
attribute_of (CardinalModel *model,
              const char    *entity,
              const char    *attribute)
{
  return cardinal_entity_find_attribute (cardinal_model_find_entity (model, entity), attribute);
}

/* person and address: the pair most cases start from. */
static CardinalModel *
base_model (void)
{
  CardinalModel *model = cardinal_model_new ("test");

  add_entity (model, "person");
  add_entity (model, "address");
  return model;
}

static CardinalRelationship *
add_many_to_many (CardinalModel *model,
                  const char    *name,
                  const char    *entity1,
                  const char    *entity2)
{
  return add_relationship (model, name, entity1, entity2, CARDINAL_KIND_MANY_TO_MANY,
                           CARDINAL_STRATEGY_LINK_TABLE);
}

/* person 1—1 address with shared-pk; address's key takes its value from person, so no autoincrement. */
static CardinalModel *
shared_pk_model (CardinalRelationship **relationship)
{
  CardinalModel *model = cardinal_model_new ("test");
  CardinalEntity *address;

  add_entity (model, "person");
  address = add_bare_entity (model, "address");
  add_key (address, "id", "integer");
  add_attribute (address, "street", "text");
  *relationship = add_relationship (model, "home", "person", "address", CARDINAL_KIND_ONE_TO_ONE,
                                    CARDINAL_STRATEGY_SHARED_PK);
  return model;
}

/* person 1—1 address folded into person's table. */
static CardinalModel *
merged_model (const char *address_attribute)
{
  CardinalModel *model = cardinal_model_new ("test");
  CardinalEntity *address;

  add_entity (model, "person");
  address = add_bare_entity (model, "address");
  add_key (address, "id", "integer");
  add_attribute (address, address_attribute, "text");
  add_relationship (model, "home", "person", "address", CARDINAL_KIND_ONE_TO_ONE,
                    CARDINAL_STRATEGY_MERGED);
  return model;
}

/* ---- Builders: broken = TRUE raises the case's code, FALSE is the near-identical fix ---- */

static CardinalModel *
build_empty_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "" : "city");
  return model;
}

static CardinalModel *
build_empty_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), broken ? "" : "nickname", "text");
  return model;
}

static CardinalModel *
build_empty_relationship (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_relationship (model, broken ? "" : "residence", "person", "address",
                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_empty_role (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  relationship->entity1_role = g_strdup (broken ? "" : "resident");
  return model;
}

static CardinalModel *
build_empty_link_table (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_many_to_many (model, "residence", "person", "address")->link_table = g_strdup (broken ? "" : "lives_at");
  return model;
}

static CardinalModel *
build_empty_link_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_link_attribute (add_many_to_many (model, "residence", "person", "address"),
                      broken ? "" : "since", "date");
  return model;
}

static CardinalModel *
build_invalid_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "ci\tty" : "ci ty");
  return model;
}

static CardinalModel *
build_invalid_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), broken ? "nickname " : "nick name", "text");
  return model;
}

static CardinalModel *
build_invalid_utf8 (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "caf\xc3" : "caf\xc3\xa9");
  return model;
}

static CardinalModel *
build_invalid_role (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  relationship->entity1_role = g_strdup (broken ? "resi\ndent" : "resident");
  return model;
}

static CardinalModel *
build_invalid_model_name (gboolean broken)
{
  CardinalModel *model = base_model ();

  g_free (model->name);
  model->name = g_strdup (broken ? "school\n-- x" : "school -- x");
  return model;
}

static CardinalModel *
build_duplicate_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "Person" : "People");
  return model;
}

static CardinalModel *
build_duplicate_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), broken ? "LABEL" : "title", "text");
  return model;
}

static CardinalModel *
build_duplicate_relationship (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, "post");
  add_relationship (model, "residence", "person", "address", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  add_relationship (model, broken ? "Residence" : "authorship", "person", "post",
                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_duplicate_link_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_many_to_many (model, "residence", "person", "address");

  add_link_attribute (relationship, "since", "date");
  add_link_attribute (relationship, broken ? "Since" : "until", "date");
  return model;
}

static CardinalModel *
build_link_table_named_like_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, "tag");
  add_many_to_many (model, "tagging", "person", "tag")->link_table = g_strdup (broken ? "Address" : "tagging");
  return model;
}

static CardinalModel *
build_two_link_tables (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, "tag");
  add_many_to_many (model, "tagging", "person", "tag");
  add_many_to_many (model, "favourite", "person", "tag")->link_table = broken ? NULL : g_strdup ("favourite");
  return model;
}

static CardinalModel *
build_long_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? NAME_64 : NAME_63);
  return model;
}

static CardinalModel *
build_long_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), broken ? NAME_64 : NAME_63, "text");
  return model;
}

static CardinalModel *
build_long_fk_column (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  /* <role>_id: 61 + 3 = 64 bytes against 60 + 3 = 63. */
  relationship->entity1_role = g_strdup (broken ? ROLE_61 : ROLE_60);
  return model;
}

static CardinalModel *
build_long_link_table (gboolean broken)
{
  CardinalModel *model = cardinal_model_new ("test");

  add_entity (model, HALF_32 "1");
  add_entity (model, HALF_32 "2");
  /* The default name <entity1>_<entity2> is 67 bytes. */
  add_many_to_many (model, "membership", HALF_32 "1", HALF_32 "2")->link_table = broken ? NULL : g_strdup ("membership");
  return model;
}

static CardinalModel *
build_reserved_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), broken ? "order" : "ordinal", "integer");
  return model;
}

static CardinalModel *
build_reserved_entity (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "group" : "team");
  return model;
}

static CardinalModel *
build_reserved_link_table (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_many_to_many (model, "residence", "person", "address")->link_table = g_strdup (broken ? "select" : "selection");
  return model;
}

static CardinalModel *
build_no_primary_key (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalEntity *city = add_bare_entity (model, "city");

  if (!broken)
    add_key (city, "id", "integer");
  add_attribute (city, "label", "text");
  return model;
}

/* An entity without a key is fine when it is folded away: its key is dropped anyway. */
static CardinalModel *
build_no_primary_key_merged (gboolean broken)
{
  CardinalModel *model = cardinal_model_new ("test");
  CardinalEntity *address;

  add_entity (model, "person");
  address = add_bare_entity (model, "address");
  add_attribute (address, "street", "text");
  add_relationship (model, "home", "person", "address", CARDINAL_KIND_ONE_TO_ONE,
                    broken ? CARDINAL_STRATEGY_UNIQUE_FK : CARDINAL_STRATEGY_MERGED);
  return model;
}

static CardinalModel *
build_missing_entity2 (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_relationship (model, "residence", "person", broken ? "ghost" : "address",
                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_missing_entity1 (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_relationship (model, "residence", broken ? "" : "person", "address",
                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_strategy_kind (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_relationship (model, "residence", "person", "address", CARDINAL_KIND_MANY_TO_MANY,
                    broken ? CARDINAL_STRATEGY_FK : CARDINAL_STRATEGY_LINK_TABLE);
  return model;
}

static CardinalModel *
build_shared_pk_composite (gboolean broken)
{
  CardinalRelationship *relationship;
  CardinalModel *model = shared_pk_model (&relationship);

  if (broken)
    add_key (cardinal_model_find_entity (model, "address"), "seq", "integer");
  return model;
}

static CardinalModel *
build_shared_pk_autoincrement (gboolean broken)
{
  CardinalRelationship *relationship;
  CardinalModel *model = shared_pk_model (&relationship);

  attribute_of (model, "address", "id")->autoincrement = broken;
  return model;
}

static CardinalModel *
build_shared_pk_type (gboolean broken)
{
  CardinalRelationship *relationship;
  CardinalModel *model = shared_pk_model (&relationship);
  CardinalAttribute *key = attribute_of (model, "address", "id");

  /* bigint can reference integer; text cannot. */
  g_free (key->type);
  key->type = g_strdup (broken ? "text" : "bigint");
  return model;
}

static CardinalModel *
build_shared_pk_self (gboolean broken)
{
  CardinalModel *model = cardinal_model_new ("test");
  CardinalRelationship *relationship;

  add_entity (model, "person");
  relationship = add_relationship (model, "partner", "person", "person", CARDINAL_KIND_ONE_TO_ONE,
                                   broken ? CARDINAL_STRATEGY_SHARED_PK : CARDINAL_STRATEGY_UNIQUE_FK);
  relationship->entity1_role = g_strdup ("partner");
  return model;
}

static CardinalModel *
build_merged_with_other_relationship (gboolean broken)
{
  CardinalModel *model = merged_model ("street");

  add_entity (model, "post");
  add_relationship (model, "mail", broken ? "address" : "person", "post",
                    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_merged_twice (gboolean broken)
{
  CardinalModel *model = merged_model ("street");

  add_entity (model, "office");
  if (broken)
    add_relationship (model, "office_home", "office", "address", CARDINAL_KIND_ONE_TO_ONE,
                      CARDINAL_STRATEGY_MERGED);
  return model;
}

static CardinalModel *
build_merged_into_itself (gboolean broken)
{
  CardinalModel *model = cardinal_model_new ("test");
  CardinalRelationship *relationship;

  add_entity (model, "person");
  relationship = add_relationship (model, "twin", "person", "person", CARDINAL_KIND_ONE_TO_ONE,
                                   broken ? CARDINAL_STRATEGY_MERGED : CARDINAL_STRATEGY_UNIQUE_FK);
  relationship->entity1_role = g_strdup ("twin");
  return model;
}

static CardinalModel *
build_merged_clash (gboolean broken)
{
  /* person already has "label". */
  return merged_model (broken ? "Label" : "street");
}

static CardinalModel *
build_two_relationships_same_column (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *editing;

  add_entity (model, "post");
  add_relationship (model, "authorship", "person", "post", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  editing = add_relationship (model, "editing", "person", "post", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  editing->entity1_role = broken ? NULL : g_strdup ("editor");
  return model;
}

static CardinalModel *
build_fk_column_like_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalEntity *post = add_entity (model, "post");

  add_attribute (post, broken ? "Person_id" : "person_ref", "integer");
  add_relationship (model, "authorship", "person", "post", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  return model;
}

static CardinalModel *
build_self_link_table (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *follows = add_many_to_many (model, "follows", "person", "person");

  if (!broken)
    {
      follows->entity1_role = g_strdup ("follower");
      follows->entity2_role = g_strdup ("followed");
    }
  return model;
}

static CardinalModel *
build_link_attribute_like_key (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_many_to_many (model, "residence", "person", "address");

  relationship->strategy = CARDINAL_STRATEGY_LINK_TABLE_PK;
  add_link_attribute (relationship, broken ? "ID" : "since", "date");
  return model;
}

static CardinalModel *
build_set_null_fk (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  relationship->on_delete = CARDINAL_ON_DELETE_SET_NULL;
  relationship->entity2_needs_entity1 = broken;
  return model;
}

static CardinalModel *
build_set_null_many_to_one (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);

  relationship->on_delete = CARDINAL_ON_DELETE_SET_NULL;
  relationship->entity1_needs_entity2 = broken;
  return model;
}

static CardinalModel *
build_set_null_link_table (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_many_to_many (model, "residence", "person", "address")->on_delete =
    broken ? CARDINAL_ON_DELETE_SET_NULL : CARDINAL_ON_DELETE_CASCADE;
  return model;
}

static CardinalModel *
build_set_null_shared_pk (gboolean broken)
{
  CardinalRelationship *relationship;
  CardinalModel *model = shared_pk_model (&relationship);

  relationship->on_delete = broken ? CARDINAL_ON_DELETE_SET_NULL : CARDINAL_ON_DELETE_RESTRICT;
  return model;
}

static CardinalModel *
build_participation_one_to_many (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  /* "every address has a person" is a NOT NULL column; "every person has an address" is not expressible. */
  relationship->entity1_needs_entity2 = broken;
  relationship->entity2_needs_entity1 = !broken;
  return model;
}

static CardinalModel *
build_participation_many_to_one (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);

  relationship->entity2_needs_entity1 = broken;
  relationship->entity1_needs_entity2 = !broken;
  return model;
}

static CardinalModel *
build_participation_unique_fk (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_ONE, CARDINAL_STRATEGY_UNIQUE_FK);

  relationship->entity1_needs_entity2 = broken;
  relationship->entity2_needs_entity1 = !broken;
  return model;
}

static CardinalModel *
build_participation_link_table (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_many_to_many (model, "residence", "person", "address")->entity2_needs_entity1 = broken;
  return model;
}

static CardinalModel *
build_mandatory_cycle (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *residence = add_relationship (model, "residence", "person", "address",
                                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  CardinalRelationship *billing = add_relationship (model, "billing", "person", "address",
                                                    CARDINAL_KIND_MANY_TO_ONE, CARDINAL_STRATEGY_FK);

  /* address.person_id NOT NULL and person.address_id NOT NULL. */
  residence->entity2_needs_entity1 = TRUE;
  billing->entity1_needs_entity2 = broken;
  return model;
}

static CardinalModel *
build_mandatory_self_reference (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *management = add_relationship (model, "management", "person", "person",
                                                       CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);

  management->entity1_role = g_strdup ("manager");
  management->entity2_needs_entity1 = broken;
  return model;
}

static CardinalModel *
build_malformed_type (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), "nickname", broken ? "varchar(x)" : "varchar(10)");
  return model;
}

static CardinalModel *
build_empty_type (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), "nickname", broken ? "" : "text");
  return model;
}

static CardinalModel *
build_bad_numeric (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), "balance", broken ? "numeric(2,5)" : "numeric(5,2)");
  return model;
}

static CardinalModel *
build_raw_type (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "address"), "location", broken ? "geometry" : "text");
  return model;
}

static CardinalModel *
build_link_attributes_without_table (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_relationship (model, "residence", "person", "address",
                                                         CARDINAL_KIND_ONE_TO_MANY,
                                                         broken ? CARDINAL_STRATEGY_FK : CARDINAL_STRATEGY_LINK_TABLE);

  add_link_attribute (relationship, "since", "date");
  return model;
}

static CardinalModel *
build_autoincrement_text (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalAttribute *key = attribute_of (model, "person", "id");

  g_free (key->type);
  key->type = g_strdup (broken ? "text" : "bigint");
  return model;
}

static CardinalModel *
build_autoincrement_not_key (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_attribute (cardinal_model_find_entity (model, "person"), "number", "integer")->autoincrement = broken;
  return model;
}

static CardinalModel *
build_autoincrement_composite (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalEntity *person = cardinal_model_find_entity (model, "person");

  add_key (person, "branch", "integer");
  cardinal_entity_find_attribute (person, "id")->autoincrement = broken;
  return model;
}

static CardinalModel *
build_autoincrement_link_attribute (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *relationship = add_many_to_many (model, "residence", "person", "address");

  add_link_attribute (relationship, "number", "integer")->autoincrement = broken;
  return model;
}

static CardinalModel *
build_nullable_key (gboolean broken)
{
  CardinalModel *model = base_model ();

  attribute_of (model, "address", "id")->nullable = broken;
  return model;
}

static CardinalModel *
build_link_attribute_key (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalAttribute *attribute = add_link_attribute (add_many_to_many (model, "residence", "person", "address"),
                                                     "since", "date");

  attribute->primary_key = broken;
  attribute->nullable = FALSE;
  return model;
}


/* ---- Format 2 ---- */

#define INJECTION "'x');\nDROP TABLE \"customers\";\nCREATE TABLE \"pwned\" (\"a\" text"

static CardinalModel *
build_injected_default (gboolean broken)
{
  CardinalModel *model = base_model ();

  attribute_of (model, "person", "label")->default_value = g_strdup (broken ? INJECTION : "'x'");
  return model;
}

static CardinalModel *
build_injected_check (gboolean broken)
{
  CardinalModel *model = base_model ();

  g_ptr_array_add (cardinal_model_find_entity (model, "person")->checks,
                   cardinal_check_new ("named", broken ? "label <> '') ; DROP TABLE person; --" : "label <> ''"));
  return model;
}

static CardinalModel *
build_injected_sql_type (gboolean broken)
{
  CardinalModel *model = base_model ();

  model->has_dialect = TRUE;
  model->dialect = CARDINAL_DIALECT_POSTGRESQL;
  attribute_of (model, "person", "label")->sql_type = g_strdup (broken ? "text) ; DROP TABLE x; --"
                                                                       : "character varying(20)");
  return model;
}

static CardinalModel *
build_injected_index_predicate (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *columns[] = { "label", NULL };
  CardinalIndex *index = cardinal_index_new (NULL, columns, FALSE);
  CardinalEntity *person = cardinal_model_find_entity (model, "person");

  index->where = g_strdup (broken ? "label IS NULL; DELETE FROM person" : "label IS NOT NULL");
  g_ptr_array_add (person->indexes, index);
  return model;
}

static CardinalModel *
build_injected_partition_by (gboolean broken)
{
  CardinalModel *model = base_model ();

  cardinal_model_find_entity (model, "person")->partition_by = g_strdup (broken ? "RANGE (id); DROP TABLE person"
                                                                                 : "RANGE (id)");
  return model;
}

static CardinalModel *
build_injected_index_method (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *columns[] = { "label", NULL };
  CardinalIndex *index = cardinal_index_new ("person_label_idx", columns, FALSE);

  index->method = g_strdup (broken ? "btree (label); DROP TABLE person; --" : "btree");
  g_ptr_array_add (cardinal_model_find_entity (model, "person")->indexes, index);
  return model;
}

static CardinalModel *
build_sql_object_kind (gboolean broken)
{
  CardinalModel *model = base_model ();

  model->has_dialect = TRUE;
  model->dialect = CARDINAL_DIALECT_POSTGRESQL;
  g_ptr_array_add (model->objects, cardinal_sql_object_new ("people", "view", CARDINAL_DIALECT_POSTGRESQL,
                                                            broken ? "DROP TABLE person"
                                                                   : "CREATE VIEW people AS SELECT label FROM person"));
  return model;
}

static CardinalModel *
build_fk_columns_count (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *residence = add_relationship (model, "residence", "person", "address",
                                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  const char *two[] = { "resident", "resident_too", NULL };
  const char *one[] = { "resident", NULL };

  residence->entity1_columns = g_strdupv ((GStrv) (broken ? two : one));
  return model;
}

static CardinalModel *
build_fk_columns_repeated (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *residence = add_many_to_many (model, "residence", "person", "address");
  const char *first[] = { "who", NULL };
  const char *second[] = { "who", NULL };
  const char *other[] = { "where", NULL };

  residence->entity1_columns = g_strdupv ((GStrv) first);
  residence->entity2_columns = g_strdupv ((GStrv) (broken ? second : other));
  return model;
}

/* address's "owner" is the FK column of ownership, so it must be typed like person.id. */
static CardinalModel *
build_claimed_type (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *ownership = add_relationship (model, "ownership", "person", "address",
                                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  const char *columns[] = { "owner", NULL };

  ownership->entity1_columns = g_strdupv ((GStrv) columns);
  add_attribute (cardinal_model_find_entity (model, "address"), "owner", broken ? "text" : "int8");
  return model;
}

static CardinalModel *
build_referenced_key (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *residence = add_relationship (model, "residence", "person", "address",
                                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  const char *key[] = { "label", NULL };

  residence->entity1_key = g_strdupv ((GStrv) key);
  attribute_of (model, "person", "label")->unique = !broken;
  return model;
}

static CardinalModel *
build_referenced_key_missing (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalRelationship *residence = add_relationship (model, "residence", "person", "address",
                                                      CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  const char *key[] = { broken ? "nickname" : "label", NULL };

  residence->entity1_key = g_strdupv ((GStrv) key);
  attribute_of (model, "person", "label")->unique = TRUE;
  return model;
}

static CardinalModel *
build_primary_key_order (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *order[] = { broken ? "label" : "id", NULL };

  cardinal_model_find_entity (model, "person")->primary_key_order = g_strdupv ((GStrv) order);
  return model;
}

static CardinalModel *
build_unknown_unique_column (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *columns[] = { "label", broken ? "nickname" : "id", NULL };

  g_ptr_array_add (cardinal_model_find_entity (model, "person")->uniques, cardinal_unique_new (columns));
  return model;
}

static CardinalModel *
build_missing_dependency (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalSqlObject *object = cardinal_sql_object_new ("people", "view", CARDINAL_DIALECT_POSTGRESQL,
                                                       "CREATE VIEW people AS SELECT label FROM person");
  const char *depends[] = { broken ? "ghost" : "person", NULL };

  object->depends_on = g_strdupv ((GStrv) depends);
  g_ptr_array_add (model->objects, object);
  return model;
}

static CardinalModel *
build_identity_without_autoincrement (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalAttribute *number = add_attribute (cardinal_model_find_entity (model, "address"), "number", "integer");

  number->identity = broken ? CARDINAL_IDENTITY_ALWAYS : CARDINAL_IDENTITY_BY_DEFAULT;
  return model;
}

/* city has no primary key: a relationship reaches it only through a UNIQUE named by entity1-key. */
static CardinalModel *
build_reference_without_key (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalEntity *city = add_bare_entity (model, "city");
  CardinalRelationship *location = add_relationship (model, "location", "city", "address",
                                                     CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  const char *key[] = { "code", NULL };

  add_attribute (city, "code", "varchar(8)")->unique = TRUE;
  attribute_of (model, "city", "code")->nullable = FALSE;
  if (!broken)
    location->entity1_key = g_strdupv ((GStrv) key);
  return model;
}

static CardinalModel *
build_sqlite_table_name (gboolean broken)
{
  CardinalModel *model = base_model ();

  add_entity (model, broken ? "sqlite_stats" : "stats");
  return model;
}

/* Format 3: a group lists "ghost" (or only entities that exist). */
static CardinalModel *
build_group_member (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *members[] = { "person", broken ? "ghost" : "address", NULL };

  g_ptr_array_add (model->groups, cardinal_group_new ("People", members));
  return model;
}

/* person in two groups (or each entity in one). */
static CardinalModel *
build_group_overlap (gboolean broken)
{
  CardinalModel *model = base_model ();
  const char *first[] = { "person", NULL };
  const char *second[] = { broken ? "person" : "address", NULL };

  g_ptr_array_add (model->groups, cardinal_group_new ("People", first));
  g_ptr_array_add (model->groups, cardinal_group_new ("Places", second));
  return model;
}

static CardinalModel *
build_too_many_columns (gboolean broken)
{
  CardinalModel *model = base_model ();
  CardinalEntity *wide = add_entity (model, "wide");

  /* id and label are two columns already. */
  for (guint i = 0; i < (broken ? 1599u : 1598u); i++)
    {
      g_autofree char *name = g_strdup_printf ("c%u", i);

      add_attribute (wide, name, "integer");
    }
  return model;
}

/* ---- The cases ---- */

typedef struct
{
  const char         *path;
  CardinalModel    *(*build) (gboolean broken);
  const char         *code;
  CardinalSeverity    severity;
  CardinalObjectKind  kind;
  const char         *entity;
  const char         *relationship;
  const char         *attribute;
  guint               count;        /* how many times the broken model raises it; 0 means once */
} Case;

#define ERROR CARDINAL_SEVERITY_ERROR
#define WARNING CARDINAL_SEVERITY_WARNING
#define O_MODEL CARDINAL_OBJECT_MODEL
#define O_ENTITY CARDINAL_OBJECT_ENTITY
#define O_ATTRIBUTE CARDINAL_OBJECT_ATTRIBUTE
#define O_RELATIONSHIP CARDINAL_OBJECT_RELATIONSHIP
#define O_LINK_ATTRIBUTE CARDINAL_OBJECT_LINK_ATTRIBUTE

static const Case cases[] = {
  { "empty-entity", build_empty_entity, "CARD001", ERROR, O_ENTITY, "", NULL, NULL, 0 },
  { "empty-attribute", build_empty_attribute, "CARD001", ERROR, O_ATTRIBUTE, "person", NULL, "", 0 },
  { "empty-relationship", build_empty_relationship, "CARD001", ERROR, O_RELATIONSHIP, NULL, "", NULL, 0 },
  { "empty-role", build_empty_role, "CARD001", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "empty-link-table", build_empty_link_table, "CARD001", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "empty-link-attribute", build_empty_link_attribute, "CARD001", ERROR, O_LINK_ATTRIBUTE, NULL, "residence", "", 0 },
  { "invalid-entity", build_invalid_entity, "CARD002", ERROR, O_ENTITY, "ci\tty", NULL, NULL, 0 },
  { "invalid-attribute", build_invalid_attribute, "CARD002", ERROR, O_ATTRIBUTE, "person", NULL, "nickname ", 0 },
  { "invalid-utf8", build_invalid_utf8, "CARD002", ERROR, O_ENTITY, "caf\xc3", NULL, NULL, 0 },
  { "invalid-role", build_invalid_role, "CARD002", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "invalid-model-name", build_invalid_model_name, "CARD002", ERROR, O_MODEL, NULL, NULL, NULL, 0 },
  { "duplicate-entity", build_duplicate_entity, "CARD003", ERROR, O_ENTITY, "Person", NULL, NULL, 0 },
  { "duplicate-attribute", build_duplicate_attribute, "CARD003", ERROR, O_ATTRIBUTE, "person", NULL, "LABEL", 0 },
  { "duplicate-relationship", build_duplicate_relationship, "CARD003", ERROR, O_RELATIONSHIP, NULL, "Residence", NULL, 0 },
  { "duplicate-link-attribute", build_duplicate_link_attribute, "CARD003", ERROR, O_LINK_ATTRIBUTE, NULL, "residence", "Since", 0 },
  { "link-table-named-like-entity", build_link_table_named_like_entity, "CARD003", ERROR, O_RELATIONSHIP, NULL, "tagging", NULL, 0 },
  { "two-link-tables", build_two_link_tables, "CARD003", ERROR, O_RELATIONSHIP, NULL, "favourite", NULL, 0 },
  { "long-entity", build_long_entity, "CARD004", ERROR, O_ENTITY, NAME_64, NULL, NULL, 0 },
  { "long-attribute", build_long_attribute, "CARD004", ERROR, O_ATTRIBUTE, "person", NULL, NAME_64, 0 },
  { "long-fk-column", build_long_fk_column, "CARD004", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "long-link-table", build_long_link_table, "CARD004", ERROR, O_RELATIONSHIP, NULL, "membership", NULL, 0 },
  { "reserved-attribute", build_reserved_attribute, "CARD005", WARNING, O_ATTRIBUTE, "person", NULL, "order", 0 },
  { "reserved-entity", build_reserved_entity, "CARD005", WARNING, O_ENTITY, "group", NULL, NULL, 0 },
  { "reserved-link-table", build_reserved_link_table, "CARD005", WARNING, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "no-primary-key", build_no_primary_key, "CARD006", WARNING, O_ENTITY, "city", NULL, NULL, 0 },
  { "no-primary-key-merged", build_no_primary_key_merged, "CARD006", WARNING, O_ENTITY, "address", NULL, NULL, 0 },
  { "missing-entity2", build_missing_entity2, "CARD007", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "missing-entity1", build_missing_entity1, "CARD007", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "strategy-kind", build_strategy_kind, "CARD008", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "shared-pk-composite", build_shared_pk_composite, "CARD009", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 0 },
  { "shared-pk-autoincrement", build_shared_pk_autoincrement, "CARD010", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 0 },
  { "merged-other-relationship", build_merged_with_other_relationship, "CARD011", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 0 },
  /* Each merge of the same entity is at fault, so both are reported. */
  { "merged-twice", build_merged_twice, "CARD011", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 2 },
  { "merged-into-itself", build_merged_into_itself, "CARD011", ERROR, O_RELATIONSHIP, NULL, "twin", NULL, 0 },
  { "merged-clash", build_merged_clash, "CARD012", ERROR, O_ATTRIBUTE, "address", "home", "Label", 0 },
  { "two-relationships-same-column", build_two_relationships_same_column, "CARD013", ERROR, O_RELATIONSHIP, NULL, "editing", NULL, 0 },
  { "fk-column-like-attribute", build_fk_column_like_attribute, "CARD013", ERROR, O_RELATIONSHIP, NULL, "authorship", NULL, 0 },
  { "self-link-table", build_self_link_table, "CARD013", ERROR, O_RELATIONSHIP, NULL, "follows", NULL, 0 },
  { "link-attribute-like-key", build_link_attribute_like_key, "CARD013", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "set-null-fk", build_set_null_fk, "CARD014", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "set-null-many-to-one", build_set_null_many_to_one, "CARD014", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "set-null-link-table", build_set_null_link_table, "CARD014", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "set-null-shared-pk", build_set_null_shared_pk, "CARD014", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 0 },
  { "participation-one-to-many", build_participation_one_to_many, "CARD015", WARNING, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "participation-many-to-one", build_participation_many_to_one, "CARD015", WARNING, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "participation-unique-fk", build_participation_unique_fk, "CARD015", WARNING, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "participation-link-table", build_participation_link_table, "CARD015", WARNING, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  /* person (table 0) holds billing's key, so the cycle is reported on billing. */
  { "mandatory-cycle", build_mandatory_cycle, "CARD016", WARNING, O_RELATIONSHIP, "person", "billing", NULL, 0 },
  { "shared-pk-type", build_shared_pk_type, "CARD017", ERROR, O_RELATIONSHIP, NULL, "home", NULL, 0 },
  { "malformed-type", build_malformed_type, "CARD018", ERROR, O_ATTRIBUTE, "person", NULL, "nickname", 0 },
  { "empty-type", build_empty_type, "CARD018", ERROR, O_ATTRIBUTE, "person", NULL, "nickname", 0 },
  { "bad-numeric", build_bad_numeric, "CARD018", ERROR, O_ATTRIBUTE, "person", NULL, "balance", 0 },
  { "raw-type", build_raw_type, "CARD019", WARNING, O_ATTRIBUTE, "address", NULL, "location", 0 },
  { "link-attributes-without-table", build_link_attributes_without_table, "CARD020", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "autoincrement-text", build_autoincrement_text, "CARD021", ERROR, O_ATTRIBUTE, "person", NULL, "id", 0 },
  { "autoincrement-not-key", build_autoincrement_not_key, "CARD021", ERROR, O_ATTRIBUTE, "person", NULL, "number", 0 },
  { "autoincrement-composite", build_autoincrement_composite, "CARD021", ERROR, O_ATTRIBUTE, "person", NULL, "id", 0 },
  { "autoincrement-link-attribute", build_autoincrement_link_attribute, "CARD021", ERROR, O_LINK_ATTRIBUTE, NULL, "residence", "number", 0 },
  { "nullable-key", build_nullable_key, "CARD022", ERROR, O_ATTRIBUTE, "address", NULL, "id", 0 },
  { "link-attribute-key", build_link_attribute_key, "CARD023", ERROR, O_LINK_ATTRIBUTE, NULL, "residence", "since", 0 },
  { "shared-pk-self", build_shared_pk_self, "CARD024", ERROR, O_RELATIONSHIP, NULL, "partner", NULL, 0 },
  { "injected-default", build_injected_default, "CARD025", ERROR, O_ATTRIBUTE, "person", NULL, "label", 0 },
  { "injected-check", build_injected_check, "CARD025", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "injected-sql-type", build_injected_sql_type, "CARD025", ERROR, O_ATTRIBUTE, "person", NULL, "label", 0 },
  { "injected-index-predicate", build_injected_index_predicate, "CARD025", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "injected-partition-by", build_injected_partition_by, "CARD025", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "injected-index-method", build_injected_index_method, "CARD025", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "sql-object-kind", build_sql_object_kind, "CARD026", ERROR, O_MODEL, NULL, NULL, NULL, 0 },
  { "fk-columns-count", build_fk_columns_count, "CARD027", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "fk-columns-repeated", build_fk_columns_repeated, "CARD027", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "claimed-type", build_claimed_type, "CARD028", ERROR, O_RELATIONSHIP, NULL, "ownership", NULL, 0 },
  { "referenced-key-not-unique", build_referenced_key, "CARD029", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "referenced-key-missing", build_referenced_key_missing, "CARD029", ERROR, O_RELATIONSHIP, NULL, "residence", NULL, 0 },
  { "primary-key-order", build_primary_key_order, "CARD030", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "unknown-unique-column", build_unknown_unique_column, "CARD031", ERROR, O_ENTITY, "person", NULL, NULL, 0 },
  { "missing-dependency", build_missing_dependency, "CARD032", ERROR, O_MODEL, NULL, NULL, NULL, 0 },
  { "identity-without-autoincrement", build_identity_without_autoincrement, "CARD033", ERROR, O_ATTRIBUTE, "address", NULL, "number", 0 },
  { "reference-without-key", build_reference_without_key, "CARD034", ERROR, O_RELATIONSHIP, NULL, "location", NULL, 0 },
  { "sqlite-table-name", build_sqlite_table_name, "CARD035", ERROR, O_ENTITY, "sqlite_stats", NULL, NULL, 0 },
  { "too-many-columns", build_too_many_columns, "CARD036", ERROR, O_ENTITY, "wide", NULL, NULL, 0 },
  { "group-member", build_group_member, "CARD037", WARNING, O_MODEL, NULL, NULL, NULL, 0 },
  { "group-overlap", build_group_overlap, "CARD038", WARNING, O_ENTITY, "person", NULL, NULL, 0 },
};

/* ---- Assertions ---- */

static void
log_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      g_autofree char *line = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL);

      g_test_message ("%s", line);
    }
}

static guint
count_code (GPtrArray  *diagnostics,
            const char *code)
{
  guint n = 0;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (diagnostic->code, code))
        n++;
    }
  return n;
}

static const CardinalDiagnostic *
find_code (GPtrArray  *diagnostics,
           const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    {
      CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (diagnostic->code, code))
        return diagnostic;
    }
  return NULL;
}

static void
test_raised (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CardinalModel) model = c->build (TRUE);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  const CardinalDiagnostic *diagnostic;

  log_diagnostics (diagnostics);
  diagnostic = find_code (diagnostics, c->code);
  g_assert_nonnull (diagnostic);
  g_assert_cmpuint (count_code (diagnostics, c->code), ==, c->count ? c->count : 1);
  g_assert_cmpint (diagnostic->severity, ==, c->severity);
  g_assert_cmpint (diagnostic->object_kind, ==, c->kind);
  g_assert_cmpstr (diagnostic->entity, ==, c->entity);
  g_assert_cmpstr (diagnostic->relationship, ==, c->relationship);
  g_assert_cmpstr (diagnostic->attribute, ==, c->attribute);
  g_assert_nonnull (diagnostic->message);
  g_assert_true (g_utf8_validate (diagnostic->message, -1, NULL));
  g_assert_null (strchr (diagnostic->message, '\n'));
  g_assert_null (strchr (diagnostic->message, '\t'));
  if (c->severity == CARDINAL_SEVERITY_ERROR)
    g_assert_true (cardinal_diagnostics_have_errors (diagnostics));
}

static void
test_absent (gconstpointer data)
{
  const Case *c = data;
  g_autoptr(CardinalModel) model = c->build (FALSE);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);

  log_diagnostics (diagnostics);
  g_assert_null (find_code (diagnostics, c->code));
  /* The fixed model is a clean one, so the pair isolates exactly this check. */
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

/* ---- Other behaviour ---- */

static void
test_every_code_covered (void)
{
  const char * const *codes = cardinal_validate_codes ();

  /* From the validator itself, so a new code without a case fails here. */
  g_assert_cmpuint (g_strv_length ((GStrv) codes), >=, 36);
  for (guint n = 0; codes[n] != NULL; n++)
    {
      const char *code = codes[n];
      gboolean found = FALSE;

      for (guint i = 0; i < G_N_ELEMENTS (cases) && !found; i++)
        found = g_str_equal (cases[i].code, code);
      if (!found)
        g_test_message ("no case for %s", code);
      g_assert_true (found);
    }
}

static void
test_clean_model (void)
{
  g_autoptr(CardinalModel) model = base_model ();
  g_autoptr(GPtrArray) diagnostics = NULL;

  add_relationship (model, "residence", "person", "address", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  diagnostics = cardinal_validate (model);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

static void
test_format (void)
{
  g_autoptr(CardinalModel) model = build_no_primary_key (TRUE);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  const CardinalDiagnostic *diagnostic = find_code (diagnostics, "CARD006");
  g_autofree char *with_file = NULL;
  g_autofree char *without_file = NULL;

  g_assert_nonnull (diagnostic);
  g_assert_cmpstr (diagnostic->message, ==, "entity \"city\" has no primary key: codegen gives it insert and list only");

  with_file = cardinal_diagnostic_format (diagnostic, "blog.cardinal");
  without_file = cardinal_diagnostic_format (diagnostic, NULL);
  g_assert_cmpstr (with_file, ==,
                   "blog.cardinal: warning[CARD006]: entity \"city\" has no primary key: codegen gives it insert and list only");
  g_assert_cmpstr (without_file, ==,
                   "warning[CARD006]: entity \"city\" has no primary key: codegen gives it insert and list only");

  g_assert_cmpstr (cardinal_severity_to_string (CARDINAL_SEVERITY_ERROR), ==, "error");
  g_assert_cmpstr (cardinal_severity_to_string (CARDINAL_SEVERITY_WARNING), ==, "warning");
}

static void
test_warnings_are_not_errors (void)
{
  g_autoptr(CardinalModel) model = build_raw_type (TRUE);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);

  g_assert_cmpuint (diagnostics->len, ==, 1);
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
  g_assert_true (g_str_has_prefix (((CardinalDiagnostic *) g_ptr_array_index (diagnostics, 0))->message,
                                   "entity \"address\": attribute \"location\""));
}

/* Names are shown escaped: a diagnostic stays one line of valid UTF-8. */
static void
test_messages_escape_names (void)
{
  g_autoptr(CardinalModel) tab = build_invalid_entity (TRUE);
  g_autoptr(CardinalModel) utf8 = build_invalid_utf8 (TRUE);
  g_autoptr(GPtrArray) tab_diagnostics = cardinal_validate (tab);
  g_autoptr(GPtrArray) utf8_diagnostics = cardinal_validate (utf8);

  g_assert_nonnull (strstr (find_code (tab_diagnostics, "CARD002")->message, "\"ci\\tty\""));
  g_assert_nonnull (strstr (find_code (utf8_diagnostics, "CARD002")->message, "\"caf\\xc3\""));
}

static void
test_messages_name_objects (void)
{
  g_autoptr(CardinalModel) composite = build_shared_pk_composite (TRUE);
  g_autoptr(CardinalModel) cycle = build_mandatory_cycle (TRUE);
  g_autoptr(CardinalModel) roles = build_two_relationships_same_column (TRUE);
  g_autoptr(GPtrArray) composite_diagnostics = cardinal_validate (composite);
  g_autoptr(GPtrArray) cycle_diagnostics = cardinal_validate (cycle);
  g_autoptr(GPtrArray) roles_diagnostics = cardinal_validate (roles);

  g_assert_cmpstr (find_code (composite_diagnostics, "CARD009")->message, ==,
                   "relationship \"home\": shared-pk needs a single-column primary key on \"address\" (it has 2)");
  g_assert_nonnull (strstr (find_code (cycle_diagnostics, "CARD016")->message, "tables \"person\" and \"address\""));
  g_assert_nonnull (strstr (find_code (roles_diagnostics, "CARD013")->message, "\"person_id\""));
  g_assert_nonnull (strstr (find_code (roles_diagnostics, "CARD013")->message, "entity1-role"));
}

/* Three tables in a ring, declared against table order: the message lists them in table order. */
static void
test_cycle_order (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("ring");
  g_autoptr(GPtrArray) diagnostics = NULL;
  const char *names[] = { "alpha", "beta", "gamma" };
  const CardinalDiagnostic *diagnostic;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    add_entity (model, names[i]);
  /* many-to-one: entity1 holds the key; entity1-needs-entity2 makes it NOT NULL. */
  add_relationship (model, "c_to_a", "gamma", "alpha", CARDINAL_KIND_MANY_TO_ONE,
                    CARDINAL_STRATEGY_FK)->entity1_needs_entity2 = TRUE;
  add_relationship (model, "b_to_c", "beta", "gamma", CARDINAL_KIND_MANY_TO_ONE,
                    CARDINAL_STRATEGY_FK)->entity1_needs_entity2 = TRUE;
  add_relationship (model, "a_to_b", "alpha", "beta", CARDINAL_KIND_MANY_TO_ONE,
                    CARDINAL_STRATEGY_FK)->entity1_needs_entity2 = TRUE;
  /* A mandatory chain that is not a cycle must not be reported. */
  add_entity (model, "delta");
  add_relationship (model, "d_to_a", "delta", "alpha", CARDINAL_KIND_MANY_TO_ONE,
                    CARDINAL_STRATEGY_FK)->entity1_needs_entity2 = TRUE;

  diagnostics = cardinal_validate (model);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (count_code (diagnostics, "CARD016"), ==, 1);
  diagnostic = find_code (diagnostics, "CARD016");
  g_assert_nonnull (strstr (diagnostic->message, "tables \"alpha\", \"beta\" and \"gamma\""));
  g_assert_null (strstr (diagnostic->message, "delta"));
  g_assert_cmpstr (diagnostic->entity, ==, "alpha");
  g_assert_cmpstr (diagnostic->relationship, ==, "a_to_b");
}

/* Entities, then relationships, then the schema-level checks. */
static void
test_order (void)
{
  g_autoptr(CardinalModel) model = base_model ();
  g_autoptr(GPtrArray) first = NULL;
  g_autoptr(GPtrArray) second = NULL;
  CardinalRelationship *billing;
  const char *expected[] = { "CARD006", "CARD005", "CARD007", "CARD015", "CARD013", "CARD016" };
  guint position = 0;

  add_relationship (model, "residence", "person", "address", CARDINAL_KIND_ONE_TO_MANY,
                    CARDINAL_STRATEGY_FK)->entity2_needs_entity1 = TRUE;
  billing = add_relationship (model, "billing", "person", "address", CARDINAL_KIND_MANY_TO_ONE,
                              CARDINAL_STRATEGY_FK);
  billing->entity1_needs_entity2 = TRUE;
  add_relationship (model, "lost", "person", "ghost", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  add_relationship (model, "second_residence", "person", "address", CARDINAL_KIND_ONE_TO_MANY,
                    CARDINAL_STRATEGY_FK)->entity1_needs_entity2 = TRUE;
  add_bare_entity (model, "city");
  add_entity (model, "order");

  first = cardinal_validate (model);
  second = cardinal_validate (model);
  log_diagnostics (first);

  g_assert_cmpuint (first->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < first->len; i++)
    {
      CardinalDiagnostic *a = g_ptr_array_index (first, i);
      CardinalDiagnostic *b = g_ptr_array_index (second, i);

      g_assert_cmpstr (a->code, ==, expected[position++]);
      g_assert_cmpstr (a->code, ==, b->code);
      g_assert_cmpstr (a->message, ==, b->message);
    }
}

static void
test_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), >, 0);

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);

      g_test_message ("example %s", names[i]);
      log_diagnostics (diagnostics);
      g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
    }
}

/* A large valid model of every strategy validates clean (and quickly, see tests/bench). */
/* Both engines insert a first row whose self-reference is its own key or
 * NULL, so a table referencing itself is no cycle. */
static void
test_self_reference_is_no_cycle (void)
{
  g_autoptr(CardinalModel) model = build_mandatory_self_reference (TRUE);
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);

  log_diagnostics (diagnostics);
  g_assert_null (find_code (diagnostics, "CARD016"));
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

/* Other spellings of catalogue types, char(n) and the model's own types are not raw-type warnings. */
static void
test_type_aliases_not_raw (void)
{
  static const char * const quiet[] = { "INT", "int8", "character varying(20)", "double precision",
                                        "timestamp with time zone", "char(2)", "character(3)", "mood",
                                        "public.mood", NULL };
  g_autoptr(CardinalModel) model = base_model ();
  CardinalEntity *person = cardinal_model_find_entity (model, "person");
  CardinalUserType *mood = cardinal_user_type_new ("mood", CARDINAL_USER_TYPE_ENUM);
  g_autoptr(GPtrArray) diagnostics = NULL;

  mood->schema = g_strdup ("public");
  g_ptr_array_add (model->types, mood);
  for (guint i = 0; quiet[i] != NULL; i++)
    {
      g_autofree char *name = g_strdup_printf ("a%u", i);

      add_attribute (person, name, quiet[i]);
    }
  diagnostics = cardinal_validate (model);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);

  add_attribute (person, "shape", "geometry");
  g_clear_pointer (&diagnostics, g_ptr_array_unref);
  diagnostics = cardinal_validate (model);
  g_assert_cmpuint (count_code (diagnostics, "CARD019"), ==, 1);
}

/* A portable model's text must suit both parsers; a dialect model's only its own. */
static void
test_fragment_dialects (void)
{
  g_autoptr(CardinalModel) model = base_model ();
  g_autoptr(GPtrArray) portable = NULL;
  g_autoptr(GPtrArray) postgresql = NULL;
  g_autoptr(GPtrArray) sqlite = NULL;
  const CardinalDiagnostic *diagnostic;

  attribute_of (model, "person", "label")->default_value = g_strdup ("'x'::text");
  portable = cardinal_validate (model);
  log_diagnostics (portable);
  diagnostic = find_code (portable, "CARD025");
  g_assert_nonnull (diagnostic);
  g_assert_cmpstr (diagnostic->entity, ==, "person");
  g_assert_cmpstr (diagnostic->attribute, ==, "label");
  g_assert_nonnull (strstr (diagnostic->message, "attribute \"label\""));
  g_assert_nonnull (strstr (diagnostic->message, "SQLite"));
  g_assert_nonnull (strstr (diagnostic->message, "not one expression"));

  model->has_dialect = TRUE;
  model->dialect = CARDINAL_DIALECT_POSTGRESQL;
  postgresql = cardinal_validate (model);
  g_assert_null (find_code (postgresql, "CARD025"));

  model->dialect = CARDINAL_DIALECT_SQLITE;
  sqlite = cardinal_validate (model);
  g_assert_nonnull (find_code (sqlite, "CARD025"));
}

/* CHECKs, generated columns and index predicates may name any column of
 * the entity's table, FK columns included; SQLite is asked with that table. */
static void
test_row_expressions_name_columns (void)
{
  for (guint dialect = 0; dialect < 3; dialect++)
    {
      g_autoptr(CardinalModel) model = base_model ();
      CardinalEntity *address = cardinal_model_find_entity (model, "address");
      CardinalAttribute *shout = add_attribute (address, "shout", "text");
      const char *columns[] = { "label", NULL };
      CardinalIndex *index = cardinal_index_new (NULL, columns, FALSE);
      g_autoptr(GPtrArray) diagnostics = NULL;
      g_autoptr(GPtrArray) broken = NULL;

      model->has_dialect = dialect > 0;
      model->dialect = dialect == 1 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
      add_relationship (model, "residence", "person", "address", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
      g_ptr_array_add (address->checks, cardinal_check_new (NULL, "person_id > 0 AND label <> ''"));
      shout->generated = g_strdup ("upper(label)");
      index->where = g_strdup ("person_id IS NOT NULL");
      g_ptr_array_add (address->indexes, index);

      diagnostics = cardinal_validate (model);
      log_diagnostics (diagnostics);
      g_assert_false (cardinal_diagnostics_have_errors (diagnostics));

      /* SQLite knows the table's columns, so a column that is not there is refused. */
      g_free (shout->generated);
      shout->generated = g_strdup ("upper(nickname)");
      broken = cardinal_validate (model);
      g_assert_cmpuint (count_code (broken, "CARD025"), ==, dialect == 2 ? 0 : 1);
    }
}

/* The injection of the brief never validates, in either dialect or none. */
static void
test_injection_refused (void)
{
  for (guint mode = 0; mode < 3; mode++)
    {
      g_autoptr(CardinalModel) model = build_injected_default (TRUE);
      g_autoptr(GPtrArray) diagnostics = NULL;

      model->has_dialect = mode > 0;
      model->dialect = mode == 1 ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
      diagnostics = cardinal_validate (model);
      g_assert_true (cardinal_diagnostics_have_errors (diagnostics));
      g_assert_cmpuint (count_code (diagnostics, "CARD025"), ==, 1);
    }
}

static void
test_large_model (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("large");
  g_autoptr(GPtrArray) diagnostics = NULL;
  const CardinalStrategy strategies[] = {
    CARDINAL_STRATEGY_FK, CARDINAL_STRATEGY_UNIQUE_FK, CARDINAL_STRATEGY_LINK_TABLE,
    CARDINAL_STRATEGY_LINK_TABLE_PK, CARDINAL_STRATEGY_SHARED_PK,
  };
  const CardinalKind kinds[] = {
    CARDINAL_KIND_ONE_TO_MANY, CARDINAL_KIND_ONE_TO_ONE, CARDINAL_KIND_MANY_TO_MANY,
    CARDINAL_KIND_MANY_TO_MANY, CARDINAL_KIND_ONE_TO_ONE,
  };
  const guint n = 2000;

  add_entity (model, "hub");
  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("entity_%u", i);
      CardinalEntity *entity = add_entity (model, name);

      /* shared-pk targets take their key from the hub. */
      if (i % G_N_ELEMENTS (strategies) == 4)
        cardinal_entity_find_attribute (entity, "id")->autoincrement = FALSE;
    }
  for (guint i = 0; i < n; i++)
    {
      guint s = i % G_N_ELEMENTS (strategies);
      g_autofree char *name = g_strdup_printf ("relationship_%u", i);
      g_autofree char *entity = g_strdup_printf ("entity_%u", i);
      g_autofree char *role = g_strdup_printf ("hub_%u", i);
      CardinalRelationship *relationship = add_relationship (model, name, "hub", entity, kinds[s], strategies[s]);

      relationship->entity1_role = g_steal_pointer (&role);
    }

  diagnostics = cardinal_validate (model);
  log_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *raised = g_strdup_printf ("/validate/%s/%s/raised", cases[i].code, cases[i].path);
      g_autofree char *absent = g_strdup_printf ("/validate/%s/%s/absent", cases[i].code, cases[i].path);

      g_test_add_data_func (raised, &cases[i], test_raised);
      g_test_add_data_func (absent, &cases[i], test_absent);
    }

  g_test_add_func ("/validate/every-code-covered", test_every_code_covered);
  g_test_add_func ("/validate/clean-model", test_clean_model);
  g_test_add_func ("/validate/format", test_format);
  g_test_add_func ("/validate/warnings-are-not-errors", test_warnings_are_not_errors);
  g_test_add_func ("/validate/messages-escape-names", test_messages_escape_names);
  g_test_add_func ("/validate/messages-name-objects", test_messages_name_objects);
  g_test_add_func ("/validate/cycle-order", test_cycle_order);
  g_test_add_func ("/validate/order", test_order);
  g_test_add_func ("/validate/examples", test_examples);
  g_test_add_func ("/validate/large-model", test_large_model);
  g_test_add_func ("/validate/self-reference-is-no-cycle", test_self_reference_is_no_cycle);
  g_test_add_func ("/validate/type-aliases-not-raw", test_type_aliases_not_raw);
  g_test_add_func ("/validate/fragment-dialects", test_fragment_dialects);
  g_test_add_func ("/validate/injection-refused", test_injection_refused);
  g_test_add_func ("/validate/row-expressions-name-columns", test_row_expressions_name_columns);

  return g_test_run ();
}
