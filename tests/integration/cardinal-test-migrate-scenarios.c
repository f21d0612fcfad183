/* cardinal-test-migrate-scenarios.c: the migration scenarios of test-migrate (old model, edit, rows, check query), kept here so that compare-migrate-peers runs the very same list. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-engineer.h"
#include "cardinal-test-migrate-scenarios.h"
#include "cardinal-test-support.h"

static const char b1_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x');"
  "INSERT INTO address (id, street, city, postal_code, user_id) VALUES "
  "(1, 's1', 'c1', NULL, 1), (2, 's2', 'c2', '123', 2), (3, 's3', 'c3', NULL, 1);";
static const char a3_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x'), (3, 'cy', 'c@x');"
  "INSERT INTO address (id, street, city, postal_code, user_id) VALUES "
  "(10, 's1', 'c1', NULL, 1), (20, 's2', 'c2', '123', 2);";
static const char b2_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x');"
  "INSERT INTO address (id, street, city, postal_code) VALUES "
  "(1, 's1', 'c1', NULL), (2, 's2', 'c2', '123'), (3, 's3', 'c3', NULL);"
  "INSERT INTO user_address (user_id, address_id) VALUES (1, 1), (2, 2), (1, 3);";
static const char c1_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x');"
  "INSERT INTO address (id, street, city, postal_code) VALUES (1, 's1', 'c1', NULL), (2, 's2', 'c2', '123');"
  "INSERT INTO user_address (user_id, address_id) VALUES (1, 1), (2, 1), (2, 2);";

static const char a1_rows[] =
  "INSERT INTO \"user\" (id, name, email, street, city, postal_code) VALUES "
  "(1, 'ann', 'a@x', 's1', 'c1', NULL), (2, 'bob', 'b@x', 's2', 'c2', '123'), (3, 'cy', 'c@x', NULL, NULL, NULL);";
static const char a2_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x'), (3, 'cy', 'c@x');"
  "INSERT INTO address (id, street, city, postal_code) VALUES (1, 's1', 'c1', NULL), (2, 's2', 'c2', '123');";

/* An enum (a CHECK … IN on SQLite) and an identifying relationship. */
static const char order_json[] =
  "{ \"format\": 2, \"name\": \"shop\","
  "  \"types\": [ { \"name\": \"state\", \"kind\": \"enum\", \"values\": [ \"new\", \"paid\" ] } ],"
  "  \"entities\": ["
  "    { \"name\": \"purchase\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"state\", \"type\": \"state\", \"nullable\": false } ] },"
  "    { \"name\": \"line\", \"attributes\": ["
  "        { \"name\": \"line_no\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"item\", \"type\": \"varchar(20)\", \"nullable\": false } ] } ],"
  "  \"relationships\": ["
  "    { \"name\": \"purchase_line\", \"entity1\": \"purchase\", \"entity2\": \"line\", \"kind\": \"one-to-many\","
  "      \"strategy\": \"fk\", \"identifying\": true, \"entity2-needs-entity1\": true } ] }";
static const char order_rows[] =
  "INSERT INTO purchase (id, state) VALUES (1, 'new'), (2, 'paid');"
  "INSERT INTO line (purchase_id, line_no, item) VALUES (1, 1, 'apple'), (1, 2, 'pear'), (2, 1, 'plum');";

static CardinalEntity *
entity (CardinalModel *model,
        const char    *name)
{
  CardinalEntity *found = cardinal_model_find_entity (model, name);

  g_assert_nonnull (found);
  return found;
}

static CardinalAttribute *
attribute (CardinalModel *model,
           const char    *entity_name,
           const char    *name)
{
  CardinalAttribute *found = cardinal_entity_find_attribute (entity (model, entity_name), name);

  g_assert_nonnull (found);
  return found;
}

static CardinalRelationship *
relationship (CardinalModel *model)
{
  return g_ptr_array_index (model->relationships, 0);
}

static void
rename_entity (CardinalModel *model,
               const char    *from,
               const char    *to)
{
  CardinalEntity *e = entity (model, from);

  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *r = g_ptr_array_index (model->relationships, i);

      if (g_str_equal (r->entity1, from))
        g_free (r->entity1), r->entity1 = g_strdup (to);
      if (g_str_equal (r->entity2, from))
        g_free (r->entity2), r->entity2 = g_strdup (to);
    }
  g_free (e->name);
  e->name = g_strdup (to);
}

static void
edit_renames (CardinalModel *model)
{
  CardinalAttribute *city = attribute (model, "address", "city");

  rename_entity (model, "address", "location");
  g_free (city->name);
  city->name = g_strdup ("town");
}

static void
edit_add_drop (CardinalModel *model)
{
  CardinalEntity *address = entity (model, "address");
  CardinalAttribute *country = cardinal_attribute_new ("country", "text");

  country->nullable = FALSE;
  country->default_value = g_strdup ("'NL'");
  g_ptr_array_remove (address->attributes, attribute (model, "address", "postal_code"));
  cardinal_entity_add_attribute (address, country);
  cardinal_entity_add_attribute (address, cardinal_attribute_new ("note", "text"));
}

static void
edit_types (CardinalModel *model)
{
  CardinalAttribute *postal = attribute (model, "address", "postal_code");
  CardinalAttribute *street = attribute (model, "address", "street");

  g_free (postal->type);
  postal->type = g_strdup ("text");
  street->nullable = TRUE;
  street->default_value = g_strdup ("'unknown'");
}

static void
edit_unique_index (CardinalModel *model)
{
  attribute (model, "address", "city")->unique = TRUE;
  attribute (model, "address", "street")->index = TRUE;
  attribute (model, "user", "email")->unique = FALSE;
}

static void
edit_required (CardinalModel *model)
{
  attribute (model, "address", "postal_code")->nullable = FALSE;
}

static void
edit_to_link_table (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_LINK_TABLE;
  relationship (model)->entity2_needs_entity1 = FALSE;
}

static void
edit_to_fk (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_FK;
  relationship (model)->kind = CARDINAL_KIND_ONE_TO_MANY;
}

static void
edit_to_one_to_one (CardinalModel *model)
{
  relationship (model)->kind = CARDINAL_KIND_ONE_TO_ONE;
  relationship (model)->strategy = CARDINAL_STRATEGY_UNIQUE_FK;
}

static void
edit_to_shared_pk (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_SHARED_PK;
  attribute (model, "address", "id")->autoincrement = FALSE;
}

static void
edit_to_merged (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_MERGED;
}

static void
edit_move_to_link (CardinalModel *model)
{
  CardinalEntity *address = entity (model, "address");
  CardinalAttribute *postal = attribute (model, "address", "postal_code");

  g_ptr_array_add (relationship (model)->link_attributes, cardinal_attribute_copy (postal));
  g_ptr_array_remove (address->attributes, postal);
}

static void
edit_merged_to_unique_fk (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_UNIQUE_FK;
}

static void
edit_shared_pk_to_unique_fk (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_UNIQUE_FK;
}

static void
edit_to_link_table_pk (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_LINK_TABLE_PK;
}

static void
edit_enum_identifying (CardinalModel *model)
{
  CardinalUserType *state = g_ptr_array_index (model->types, 0);
  GStrvBuilder *builder = g_strv_builder_new ();
  CardinalAttribute *quantity = cardinal_attribute_new ("quantity", "integer");

  g_strv_builder_addv (builder, (const char **) state->values);
  g_strv_builder_add (builder, "shipped");
  g_strfreev (state->values);
  state->values = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  quantity->default_value = g_strdup ("1");
  quantity->nullable = FALSE;
  cardinal_entity_add_attribute (entity (model, "line"), quantity);
  rename_entity (model, "purchase", "orders");
}

static void
edit_add_drop_entities (CardinalModel *model)
{
  CardinalEntity *tag = cardinal_entity_new ("tag");
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  CardinalRelationship *tagging = cardinal_relationship_new ("user_tag", "user", "tag", CARDINAL_KIND_MANY_TO_MANY,
                                                             CARDINAL_STRATEGY_LINK_TABLE);

  id->primary_key = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (tag, id);
  cardinal_entity_add_attribute (tag, cardinal_attribute_new ("label", "text"));
  cardinal_model_add_entity (model, tag);
  g_ptr_array_remove_index (model->relationships, 0);
  g_ptr_array_remove (model->entities, entity (model, "address"));
  cardinal_model_add_relationship (model, tagging);
}

static void
edit_check (CardinalModel *model)
{
  g_ptr_array_add (entity (model, "user")->checks, cardinal_check_new ("name_not_empty", "length(name) > 0"));
}

static void
edit_check_refused (CardinalModel *model)
{
  g_ptr_array_add (entity (model, "user")->checks, cardinal_check_new ("short_name", "length(name) < 3"));
}

static void
edit_narrow (CardinalModel *model)
{
  CardinalAttribute *postal = attribute (model, "address", "postal_code");

  g_free (postal->type);
  postal->type = g_strdup ("varchar(2)");
}

/* Deleted and made again under the same name: new ids, so a new table. */
static void
edit_recreate (CardinalModel *model)
{
  CardinalEntity *address = entity (model, "address");

  g_free (address->id);
  address->id = cardinal_id_random ();
  for (guint i = 0; i < address->attributes->len; i++)
    {
      CardinalAttribute *a = g_ptr_array_index (address->attributes, i);

      g_free (a->id);
      a->id = cardinal_id_random ();
    }
}

static void
edit_required_default (CardinalModel *model)
{
  CardinalAttribute *postal = attribute (model, "address", "postal_code");

  postal->nullable = FALSE;
  postal->default_value = g_strdup ("'0000'");
}

static void
edit_rename_relationship (CardinalModel *model)
{
  CardinalRelationship *r = relationship (model);

  g_free (r->name);
  r->name = g_strdup ("lives_at");
  r->link_table = g_strdup ("residence");
}

/* A self-relationship: employee's manager, fk → link-table. */
static const char staff_json[] =
  "{ \"format\": 1, \"name\": \"staff\", \"entities\": ["
  "    { \"name\": \"employee\", \"x\": 0, \"y\": 0, \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"name\", \"type\": \"text\" } ] } ],"
  "  \"relationships\": ["
  "    { \"name\": \"manages\", \"entity1\": \"employee\", \"entity2\": \"employee\", \"kind\": \"one-to-many\","
  "      \"strategy\": \"fk\", \"entity1-role\": \"manager\", \"entity2-role\": \"report\" } ] }";
static const char staff_rows[] =
  "INSERT INTO employee (id, name, manager_id) VALUES (1, 'boss', NULL), (2, 'ann', 1), (3, 'bob', 1), (4, 'cy', 2);";

/* gallery-b1-fk with a view and (SQLite) a trigger on address, for each engine. */
static const char view_json_sqlite[] =
  "{ \"format\": 2, \"name\": \"v\", \"entities\": ["
  "    { \"name\": \"user\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"name\", \"type\": \"text\", \"nullable\": false },"
  "        { \"name\": \"email\", \"type\": \"varchar(255)\", \"nullable\": false } ] },"
  "    { \"name\": \"address\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"street\", \"type\": \"text\", \"nullable\": false },"
  "        { \"name\": \"city\", \"type\": \"text\", \"nullable\": false },"
  "        { \"name\": \"postal_code\", \"type\": \"varchar(16)\" } ] } ],"
  "  \"relationships\": [ { \"name\": \"user_address\", \"entity1\": \"user\", \"entity2\": \"address\","
  "      \"kind\": \"one-to-many\", \"strategy\": \"fk\" } ],"
  "  \"objects\": ["
  "    { \"name\": \"streets\", \"kind\": \"view\", \"dialect\": \"sqlite\","
  "      \"sql\": \"CREATE VIEW streets AS SELECT street, city FROM address\", \"depends-on\": [ \"address\" ] },"
  "    { \"name\": \"streets\", \"kind\": \"view\", \"dialect\": \"postgresql\","
  "      \"sql\": \"CREATE VIEW streets AS SELECT street, city FROM address\", \"depends-on\": [ \"address\" ] },"
  "    { \"name\": \"no_empty_street\", \"kind\": \"trigger\", \"dialect\": \"sqlite\","
  "      \"sql\": \"CREATE TRIGGER no_empty_street BEFORE INSERT ON address WHEN NEW.street = '' BEGIN SELECT RAISE(ABORT, 'empty'); END\","
  "      \"depends-on\": [ \"address\" ] } ] }";

static void
edit_view_rebuild (CardinalModel *model)
{
  relationship (model)->strategy = CARDINAL_STRATEGY_LINK_TABLE;
  g_free (attribute (model, "address", "postal_code")->type);
  attribute (model, "address", "postal_code")->type = g_strdup ("text");
}

/* link-table → fk with every address required to have a user: the column
 * is added empty, filled from the link rows, then made NOT NULL. */
static void
edit_to_required_fk (CardinalModel *model)
{
  edit_to_fk (model);
  relationship (model)->entity2_needs_entity1 = TRUE;
}

static void
edit_fk_actions (CardinalModel *model)
{
  relationship (model)->on_delete = CARDINAL_ON_DELETE_RESTRICT;
  relationship (model)->index = FALSE;
}

/* Unnamed CHECKs: PostgreSQL named them <table>_<column>_check and
 * <table>_check when the table was made; changed, they go by those names. */
static const char item_json[] =
  "{ \"format\": 2, \"name\": \"shop\", \"entities\": ["
  "    { \"name\": \"item\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"price\", \"type\": \"integer\", \"nullable\": false },"
  "        { \"name\": \"qty\", \"type\": \"integer\" } ],"
  "      \"checks\": [ \"price > 0\", \"qty >= 0 AND qty < price * 100\", \"price < 1000\" ] } ] }";
static const char item_rows[] =
  "INSERT INTO item (id, price, qty) VALUES (1, 5, 1), (2, 10, NULL), (3, 999, 7);";

static void
edit_unnamed_checks (CardinalModel *model)
{
  GPtrArray *checks = entity (model, "item")->checks;
  CardinalCheck *first = g_ptr_array_index (checks, 0);
  CardinalCheck *second = g_ptr_array_index (checks, 1);

  /* The first changes; the second names one column now; the third stays. */
  g_free (first->expression);
  first->expression = g_strdup ("price >= 0");
  g_free (second->expression);
  second->expression = g_strdup ("qty >= 0");
}

/* A changed unnamed CHECK the rows break: refused, nothing changes. */
static void
edit_unnamed_check_refused (CardinalModel *model)
{
  CardinalCheck *first = g_ptr_array_index (entity (model, "item")->checks, 0);

  g_free (first->expression);
  first->expression = g_strdup ("price > 5");
}

/* The table renamed: the unnamed CHECKs stay and follow its name. */
static void
edit_unnamed_checks_renamed (CardinalModel *model)
{
  rename_entity (model, "item", "article");
}

/* Numbering columns: serial ↔ identity keeps the values and goes on after the largest. */
#define TICKET_JSON(id) \
  "{ \"format\": 2, \"name\": \"desk\", \"entities\": [" \
  "    { \"name\": \"ticket\", \"attributes\": [" \
  "        { \"name\": \"id\", " id " }," \
  "        { \"name\": \"title\", \"type\": \"text\" } ] } ] }"
static const char ticket_serial_json[] =
  TICKET_JSON ("\"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true, \"identity\": \"serial\"");
static const char ticket_identity_json[] =
  TICKET_JSON ("\"type\": \"bigint\", \"primary-key\": true, \"autoincrement\": true");
static const char ticket_plain_json[] =
  TICKET_JSON ("\"type\": \"integer\", \"primary-key\": true");
static const char ticket_rows[] =
  "INSERT INTO ticket (id, title) VALUES (1, 'a'), (2, 'b'), (5, 'e');";

static void
set_numbering (CardinalModel    *model,
               gboolean          autoincrement,
               CardinalIdentity  identity)
{
  CardinalAttribute *id = attribute (model, "ticket", "id");

  id->autoincrement = autoincrement;
  id->identity = identity;
}

static void
edit_to_identity (CardinalModel *model)
{
  set_numbering (model, TRUE, CARDINAL_IDENTITY_BY_DEFAULT);
}

static void
edit_to_identity_always (CardinalModel *model)
{
  set_numbering (model, TRUE, CARDINAL_IDENTITY_ALWAYS);
}

static void
edit_to_serial (CardinalModel *model)
{
  set_numbering (model, TRUE, CARDINAL_IDENTITY_SERIAL);
}

static void
edit_to_plain (CardinalModel *model)
{
  set_numbering (model, FALSE, CARDINAL_IDENTITY_BY_DEFAULT);
}

/* serial → identity with the table and the column renamed: the identity's
 * sequence gets the name of a fresh DDL. */
static void
edit_to_identity_renamed (CardinalModel *model)
{
  CardinalAttribute *id = attribute (model, "ticket", "id");

  edit_to_identity (model);
  rename_entity (model, "ticket", "issue");
  g_free (id->name);
  id->name = g_strdup ("number");
}

/* gallery-b1-fk with triggers on address in each engine (PostgreSQL's call
 * a function the document holds too). */
#define TRIGGER_MODEL(objects) \
  "{ \"format\": 2, \"name\": \"t\", \"entities\": [" \
  "    { \"name\": \"user\", \"attributes\": [" \
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }," \
  "        { \"name\": \"name\", \"type\": \"text\", \"nullable\": false }," \
  "        { \"name\": \"email\", \"type\": \"varchar(255)\", \"nullable\": false } ] }," \
  "    { \"name\": \"address\", \"attributes\": [" \
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }," \
  "        { \"name\": \"street\", \"type\": \"text\", \"nullable\": false }," \
  "        { \"name\": \"city\", \"type\": \"text\", \"nullable\": false }," \
  "        { \"name\": \"postal_code\", \"type\": \"varchar(16)\" } ] } ]," \
  "  \"relationships\": [ { \"name\": \"user_address\", \"entity1\": \"user\", \"entity2\": \"address\"," \
  "      \"kind\": \"one-to-many\", \"strategy\": \"fk\" } ]," \
  "  \"objects\": [" objects "] }"
#define PG_UPPER_CITY \
  "{ \"name\": \"upper_city()\", \"kind\": \"function\", \"dialect\": \"postgresql\"," \
  "  \"sql\": \"CREATE FUNCTION upper_city() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN NEW.city := upper(NEW.city); RETURN NEW; END $$\" }"
static const char trigger_json[] =
  TRIGGER_MODEL (PG_UPPER_CITY ","
    "{ \"name\": \"old_helper()\", \"kind\": \"function\", \"dialect\": \"postgresql\","
    "  \"sql\": \"CREATE FUNCTION old_helper() RETURNS integer LANGUAGE sql AS 'SELECT 1'\" },"
    "{ \"name\": \"address_city\", \"kind\": \"trigger\", \"dialect\": \"postgresql\", \"depends-on\": [ \"address\" ],"
    "  \"sql\": \"CREATE TRIGGER address_city BEFORE INSERT ON address FOR EACH ROW EXECUTE FUNCTION upper_city()\" },"
    "{ \"name\": \"address_gone\", \"kind\": \"trigger\", \"dialect\": \"postgresql\", \"depends-on\": [ \"address\" ],"
    "  \"sql\": \"CREATE TRIGGER address_gone BEFORE DELETE ON public.address FOR EACH ROW EXECUTE FUNCTION upper_city()\" },"
    "{ \"name\": \"address_city\", \"kind\": \"trigger\", \"dialect\": \"sqlite\", \"depends-on\": [ \"address\" ],"
    "  \"sql\": \"CREATE TRIGGER address_city AFTER INSERT ON address BEGIN UPDATE address SET city = upper(city) WHERE id = NEW.id; END\" },"
    "{ \"name\": \"address_gone\", \"kind\": \"trigger\", \"dialect\": \"sqlite\", \"depends-on\": [ \"address\" ],"
    "  \"sql\": \"CREATE TRIGGER address_gone BEFORE DELETE ON address BEGIN SELECT 1; END\" }");

static CardinalSqlObject *
find_object (CardinalModel   *model,
             const char      *name,
             CardinalDialect  dialect)
{
  for (guint i = 0; i < model->objects->len; i++)
    {
      CardinalSqlObject *object = g_ptr_array_index (model->objects, i);

      if (g_str_equal (object->name, name) && object->dialect == (int) dialect)
        return object;
    }
  g_assert_not_reached ();
}

/* One trigger changes, one goes, one comes; the tables stay as they are.
 * PostgreSQL: the function of the new one comes too, the old triggers'
 * function changes, a function nothing calls goes. */
static void
edit_triggers (CardinalModel *model)
{
  CardinalSqlObject *city = find_object (model, "address_city", CARDINAL_DIALECT_POSTGRESQL);
  CardinalSqlObject *sqlite_city = find_object (model, "address_city", CARDINAL_DIALECT_SQLITE);
  CardinalSqlObject *upper = find_object (model, "upper_city()", CARDINAL_DIALECT_POSTGRESQL);
  CardinalSqlObject *added;

  g_free (upper->sql);
  upper->sql = g_strdup ("CREATE FUNCTION upper_city() RETURNS trigger LANGUAGE plpgsql AS $$ "
                         "BEGIN NEW.city := upper(trim(NEW.city)); RETURN NEW; END $$");
  g_ptr_array_remove (model->objects, find_object (model, "old_helper()", CARDINAL_DIALECT_POSTGRESQL));
  added = cardinal_sql_object_new ("lower_name()", "function", CARDINAL_DIALECT_POSTGRESQL,
                                   "CREATE FUNCTION lower_name() RETURNS trigger LANGUAGE plpgsql AS $$ "
                                   "BEGIN NEW.name := lower(NEW.name); RETURN NEW; END $$");
  g_ptr_array_add (model->objects, added);

  g_free (city->sql);
  city->sql = g_strdup ("CREATE TRIGGER address_city BEFORE INSERT OR UPDATE ON address FOR EACH ROW EXECUTE FUNCTION upper_city()");
  g_free (sqlite_city->sql);
  sqlite_city->sql = g_strdup ("CREATE TRIGGER address_city AFTER UPDATE OF city ON address BEGIN "
                               "UPDATE address SET city = upper(city) WHERE id = NEW.id; END");
  g_ptr_array_remove (model->objects, find_object (model, "address_gone", CARDINAL_DIALECT_POSTGRESQL));
  g_ptr_array_remove (model->objects, find_object (model, "address_gone", CARDINAL_DIALECT_SQLITE));
  added = cardinal_sql_object_new ("user_name", "trigger", CARDINAL_DIALECT_POSTGRESQL,
                                   "CREATE TRIGGER \"user_name\" BEFORE UPDATE OF name ON \"user\" "
                                   "FOR EACH ROW EXECUTE FUNCTION lower_name()");
  g_ptr_array_add (model->objects, added);
  added = cardinal_sql_object_new ("user_name", "trigger", CARDINAL_DIALECT_SQLITE,
                                   "CREATE TRIGGER user_name AFTER UPDATE OF name ON \"user\" BEGIN SELECT 1; END");
  g_ptr_array_add (model->objects, added);
}

/* The triggers stay; address is rebuilt (SQLite: a type; PostgreSQL: an
 * attribute before the appended FK column), so they must come back. */
static void
edit_triggers_rebuild (CardinalModel *model)
{
  CardinalAttribute *note = cardinal_attribute_new ("note", "text");

  g_free (attribute (model, "address", "postal_code")->type);
  attribute (model, "address", "postal_code")->type = g_strdup ("text");
  g_ptr_array_add (entity (model, "address")->attributes, note);
}

/* An enum that loses a value: PostgreSQL makes the type anew; a row that
 * holds the value loses it where the column may be empty. */
static const char mood_json[] =
  "{ \"format\": 2, \"name\": \"m\","
  "  \"types\": [ { \"name\": \"mood\", \"kind\": \"enum\", \"values\": [ \"ok\", \"meh\", \"bad\" ] } ],"
  "  \"entities\": [ { \"name\": \"person\", \"attributes\": ["
  "      { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "      { \"name\": \"mood\", \"type\": \"mood\" },"
  "      { \"name\": \"usual\", \"type\": \"mood\", \"nullable\": false, \"default\": \"'ok'\" } ] } ] }";
static const char mood_rows[] =
  "INSERT INTO person (id, mood, usual) VALUES (1, 'ok', 'ok'), (2, 'meh', 'ok'), (3, NULL, 'bad'), (4, 'meh', 'bad');";

static void
set_enum_values (CardinalModel      *model,
                 const char * const *values)
{
  CardinalUserType *type = g_ptr_array_index (model->types, 0);

  g_strfreev (type->values);
  type->values = g_strdupv ((char **) values);
}

static void
edit_enum_value_removed (CardinalModel *model)
{
  set_enum_values (model, (const char * const[]) { "ok", "bad", "great", NULL });
}

/* The removed value is held by a required column: refused. */
static void
edit_enum_value_removed_refused (CardinalModel *model)
{
  set_enum_values (model, (const char * const[]) { "ok", "meh", NULL });
}

/* address has an appended FK column, an index, a comment, a trigger, a
 * table whose FK points at it and (PostgreSQL) grants: an attribute added
 * makes PostgreSQL make it anew, which must keep all of them. */
static const char rebuild_json[] =
  "{ \"format\": 2, \"name\": \"r\", \"entities\": ["
  "    { \"name\": \"user\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"name\", \"type\": \"text\", \"nullable\": false },"
  "        { \"name\": \"email\", \"type\": \"varchar(255)\", \"nullable\": false } ] },"
  "    { \"name\": \"address\", \"comment\": \"where people live\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true },"
  "        { \"name\": \"street\", \"type\": \"text\", \"nullable\": false },"
  "        { \"name\": \"city\", \"type\": \"text\", \"nullable\": false, \"index\": true },"
  "        { \"name\": \"postal_code\", \"type\": \"varchar(16)\" } ] },"
  "    { \"name\": \"delivery\", \"attributes\": ["
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "        { \"name\": \"day\", \"type\": \"date\", \"nullable\": false } ] } ],"
  "  \"relationships\": ["
  "    { \"name\": \"user_address\", \"entity1\": \"user\", \"entity2\": \"address\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" },"
  "    { \"name\": \"address_delivery\", \"entity1\": \"address\", \"entity2\": \"delivery\", \"kind\": \"one-to-many\","
  "      \"strategy\": \"fk\", \"entity2-needs-entity1\": true, \"on-delete\": \"cascade\" } ],"
  "  \"objects\": [" PG_UPPER_CITY ","
  "    { \"name\": \"address_city\", \"kind\": \"trigger\", \"dialect\": \"postgresql\", \"depends-on\": [ \"address\" ],"
  "      \"sql\": \"CREATE TRIGGER address_city BEFORE INSERT ON address FOR EACH ROW EXECUTE FUNCTION upper_city()\" },"
  "    { \"name\": \"address_city\", \"kind\": \"trigger\", \"dialect\": \"sqlite\", \"depends-on\": [ \"address\" ],"
  "      \"sql\": \"CREATE TRIGGER address_city AFTER INSERT ON address BEGIN UPDATE address SET city = upper(city) WHERE id = NEW.id; END\" } ] }";
static const char rebuild_rows[] =
  "INSERT INTO \"user\" (id, name, email) VALUES (1, 'ann', 'a@x'), (2, 'bob', 'b@x');"
  "INSERT INTO address (id, street, city, postal_code, user_id) VALUES "
  "(1, 's1', 'c1', NULL, 1), (2, 's2', 'c2', '123', 2), (3, 's3', 'c3', NULL, 1);"
  "INSERT INTO delivery (id, day, address_id) VALUES (1, '2026-01-02', 1), (2, '2026-01-03', 3);";
static const char rebuild_grants[] =
  "GRANT SELECT, UPDATE ON address TO PUBLIC; GRANT INSERT (street, postal_code) ON address TO PUBLIC;";

static void
edit_add_before_fk (CardinalModel *model)
{
  CardinalAttribute *note = cardinal_attribute_new ("note", "text");
  CardinalAttribute *postal = attribute (model, "address", "postal_code");

  note->default_value = g_strdup ("'none'");
  note->nullable = FALSE;
  g_ptr_array_add (entity (model, "address")->attributes, note);
  /* A renamed column keeps its column grant under the new name. */
  g_free (postal->name);
  postal->name = g_strdup ("zip");
}

const CardinalTestMigrateScenario cardinal_test_migrate_scenarios[] = {
  { "rename", "gallery-b1-fk", edit_renames, b1_rows,
    "SELECT id, street, town, user_id FROM location ORDER BY id", "1|s1|c1|1;2|s2|c2|2;3|s3|c3|1", FALSE },
  { "add-drop-column", "gallery-b1-fk", edit_add_drop, b1_rows,
    "SELECT id, street, country, note, user_id FROM address ORDER BY id", "1|s1|NL||1;2|s2|NL||2;3|s3|NL||1", FALSE, NULL, 1 },
  { "type-null-default", "gallery-b1-fk", edit_types, b1_rows,
    "SELECT id, street, postal_code FROM address ORDER BY id", "1|s1|;2|s2|123;3|s3|", FALSE },
  { "unique-index", "gallery-b1-fk", edit_unique_index, b1_rows,
    "SELECT id, city FROM address ORDER BY id", "1|c1;2|c2;3|c3", FALSE },
  { "required-refused", "gallery-b1-fk", edit_required, b1_rows, NULL, NULL, TRUE },
  { "fk-to-link-table", "gallery-b1-fk", edit_to_link_table, b1_rows,
    "SELECT user_id, address_id FROM user_address ORDER BY address_id", "1|1;2|2;1|3", FALSE },
  { "link-table-to-fk", "gallery-b2-link-table", edit_to_fk, b2_rows,
    "SELECT id, user_id FROM address ORDER BY id", "1|1;2|2;3|1", FALSE },
  { "many-to-many-to-fk-refused", "gallery-c1-link-table", edit_to_fk, c1_rows, NULL, NULL, TRUE },
  { "one-to-many-to-one-refused", "gallery-b1-fk", edit_to_one_to_one, b1_rows, NULL, NULL, TRUE },
  { "unique-fk-to-shared-pk", "gallery-a3-unique-fk", edit_to_shared_pk, a3_rows,
    "SELECT id, street FROM address ORDER BY id", "1|s1;2|s2", FALSE, NULL, 0, TRUE },
  { "unique-fk-to-merged", "gallery-a3-unique-fk", edit_to_merged, a3_rows,
    "SELECT id, name, street, city FROM \"user\" ORDER BY id", "1|ann|s1|c1;2|bob|s2|c2;3|cy||", FALSE, NULL, 2 },
  { "attribute-onto-link", "gallery-b2-link-table", edit_move_to_link, b2_rows,
    "SELECT user_id, address_id, postal_code FROM user_address ORDER BY address_id", "1|1|;2|2|123;1|3|", FALSE },
  { "merged-to-unique-fk", "gallery-a1-merged", edit_merged_to_unique_fk, a1_rows,
    "SELECT user_id, street, city, postal_code FROM address ORDER BY user_id", "1|s1|c1|;2|s2|c2|123", FALSE },
  { "shared-pk-to-unique-fk", "gallery-a2-shared-pk", edit_shared_pk_to_unique_fk, a2_rows,
    "SELECT id, user_id, street FROM address ORDER BY id", "1|1|s1;2|2|s2", FALSE },
  { "link-table-to-link-table-pk", "gallery-c1-link-table", edit_to_link_table_pk, c1_rows,
    "SELECT user_id, address_id FROM user_address ORDER BY user_id, address_id", "1|1;2|1;2|2", FALSE },
  { "enum-identifying", NULL, edit_enum_identifying, order_rows,
    "SELECT o.id, o.state, l.line_no, l.item, l.quantity FROM orders o JOIN line l ON l.orders_id = o.id "
    "ORDER BY 1, 3", "1|new|1|apple|1;1|new|2|pear|1;2|paid|1|plum|1", FALSE, order_json },
  { "add-drop-entities", "gallery-b1-fk", edit_add_drop_entities, b1_rows,
    "SELECT id, name FROM \"user\" ORDER BY id", "1|ann;2|bob", FALSE, NULL, 3 },
  { "recreated-entity", "gallery-b1-fk", edit_recreate, b1_rows,
    "SELECT count(*) FROM address", "0", FALSE, NULL, 3 },
  { "required-with-default", "gallery-b1-fk", edit_required_default, b1_rows,
    "SELECT id, postal_code FROM address ORDER BY id", "1|0000;2|123;3|0000", FALSE, NULL, 0, TRUE },
  { "one-to-many-to-one", "gallery-b1-fk", edit_to_one_to_one, a3_rows,
    "SELECT id, user_id FROM address ORDER BY id", "10|1;20|2", FALSE },
  { "link-table-pk-to-link-table", "gallery-c2-link-table-pk", edit_to_link_table, c1_rows,
    "SELECT user_id, address_id FROM user_address ORDER BY user_id, address_id", "1|1;2|1;2|2", FALSE, NULL, 3 },
  { "rename-relationship", "gallery-c1-link-table", edit_rename_relationship, c1_rows,
    "SELECT user_id, address_id FROM residence ORDER BY user_id, address_id", "1|1;2|1;2|2", FALSE },
  { "self-fk-to-link-table", NULL, edit_to_link_table, staff_rows,
    "SELECT manager_id, report_id FROM employee_employee ORDER BY report_id", "1|2;1|3;2|4", FALSE, staff_json },
  { "views-and-triggers", NULL, edit_view_rebuild, b1_rows,
    "SELECT street, city FROM streets ORDER BY street", "s1|c1;s2|c2;s3|c3", FALSE, view_json_sqlite },
  { "link-table-to-required-fk", "gallery-b2-link-table", edit_to_required_fk, b2_rows,
    "SELECT id, user_id FROM address ORDER BY id", "1|1;2|2;3|1", FALSE },
  { "fk-actions", "gallery-b1-fk", edit_fk_actions, b1_rows,
    "SELECT id, user_id FROM address ORDER BY id", "1|1;2|2;3|1", FALSE },
  { "check", "gallery-b1-fk", edit_check, b1_rows,
    "SELECT id, name FROM \"user\" ORDER BY id", "1|ann;2|bob", FALSE },
  { "check-refused", "gallery-b1-fk", edit_check_refused, b1_rows, NULL, NULL, TRUE },
  { "narrow-type", "gallery-b1-fk", edit_narrow, b1_rows,
    "SELECT id, postal_code FROM address WHERE postal_code IS NULL ORDER BY id", "1|;3|", FALSE, NULL, 1 },
  { "unnamed-checks", NULL, edit_unnamed_checks, item_rows,
    "SELECT id, price, qty FROM item ORDER BY id", "1|5|1;2|10|;3|999|7", FALSE, item_json },
  { "unnamed-check-refused", NULL, edit_unnamed_check_refused, item_rows, NULL, NULL, TRUE, item_json },
  { "serial-to-identity", NULL, edit_to_identity, ticket_rows, "SELECT id, title FROM ticket ORDER BY id",
    "1|a;2|b;5|e", FALSE, ticket_serial_json, 0, FALSE,
    "SELECT nextval(pg_get_serial_sequence('ticket', 'id'))", "6" },
  { "serial-to-identity-always", NULL, edit_to_identity_always, ticket_rows, "SELECT id, title FROM ticket ORDER BY id",
    "1|a;2|b;5|e", FALSE, ticket_serial_json, 0, FALSE,
    "SELECT nextval(pg_get_serial_sequence('ticket', 'id'))", "6" },
  { "identity-to-bigserial", NULL, edit_to_serial, ticket_rows, "SELECT id, title FROM ticket ORDER BY id",
    "1|a;2|b;5|e", FALSE, ticket_identity_json, 0, FALSE,
    "SELECT nextval(pg_get_serial_sequence('ticket', 'id')), count(*) FROM pg_class WHERE relkind = 'S'", "6|1" },
  { "serial-to-plain", NULL, edit_to_plain, ticket_rows, "SELECT id, title FROM ticket ORDER BY id",
    "1|a;2|b;5|e", FALSE, ticket_serial_json, 0, FALSE,
    "SELECT count(*) FROM pg_class WHERE relkind = 'S'", "0" },
  { "plain-to-serial", NULL, edit_to_serial, ticket_rows, "SELECT id, title FROM ticket ORDER BY id",
    "1|a;2|b;5|e", FALSE, ticket_plain_json, 0, FALSE,
    "SELECT nextval(pg_get_serial_sequence('ticket', 'id'))", "6" },
  { "serial-to-identity-renamed", NULL, edit_to_identity_renamed, ticket_rows,
    "SELECT number, title FROM issue ORDER BY number", "1|a;2|b;5|e", FALSE, ticket_serial_json, 0, FALSE,
    "SELECT nextval(pg_get_serial_sequence('issue', 'number'))", "6" },
  { "triggers", NULL, edit_triggers, b1_rows, "SELECT id, city FROM address ORDER BY id", "1|C1;2|C2;3|C3", FALSE,
    trigger_json, 0, FALSE,
    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1", "address_city;user_name" },
  { "triggers-rebuild", NULL, edit_triggers_rebuild, b1_rows, "SELECT id, city, note, user_id FROM address ORDER BY id",
    "1|C1||1;2|C2||2;3|C3||1", FALSE, trigger_json, 0, FALSE,
    "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal ORDER BY 1", "address_city;address_gone" },
  { "enum-value-removed", NULL, edit_enum_value_removed, mood_rows, "SELECT id, mood, usual FROM person ORDER BY id",
    "1|ok|ok;2||ok;3||bad;4||bad", FALSE, mood_json, 2 },
  { "enum-value-removed-refused", NULL, edit_enum_value_removed_refused, mood_rows, NULL, NULL, TRUE, mood_json },
  { "rebuild-keeps-everything", NULL, edit_add_before_fk, rebuild_rows,
    "SELECT a.id, a.city, a.zip, a.note, a.user_id, d.id FROM address a LEFT JOIN delivery d ON d.address_id = a.id ORDER BY a.id",
    "1|C1||none|1|1;2|C2|123|none|2|;3|C3||none|1|2", FALSE, rebuild_json, 0, FALSE,
    "SELECT (SELECT string_agg(privilege_type, ',' ORDER BY privilege_type) FROM aclexplode(c.relacl) WHERE grantee = 0),"
    " (SELECT string_agg(a.attname || ':' || x.privilege_type, ',' ORDER BY a.attname) FROM pg_attribute a, aclexplode(a.attacl) x"
    "  WHERE a.attrelid = c.oid AND x.grantee = 0),"
    " (SELECT count(*) FROM pg_trigger WHERE tgrelid = c.oid AND NOT tgisinternal),"
    " (SELECT count(*) FROM pg_constraint WHERE confrelid = c.oid)"
    " FROM pg_class c WHERE c.relname = 'address'", "SELECT,UPDATE|street:INSERT,zip:INSERT|1|1", rebuild_grants },
  { "unnamed-checks-renamed", NULL, edit_unnamed_checks_renamed, item_rows,
    "SELECT id, price, qty FROM article ORDER BY id", "1|5|1;2|10|;3|999|7", FALSE, item_json },
};

const guint cardinal_test_migrate_n_scenarios = G_N_ELEMENTS (cardinal_test_migrate_scenarios);

CardinalModel *
cardinal_test_migrate_load_old (const CardinalTestMigrateScenario *scenario)
{
  if (scenario->example != NULL)
    return cardinal_test_load_example (scenario->example);
  return cardinal_test_model_from_json (scenario->json);
}

char *
cardinal_test_migrate_ddl (CardinalModel   *model,
                           CardinalDialect  dialect)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);

  return cardinal_ddl_render (schema, dialect);
}

/* SQLite ------------------------------------------------------------------ */

gboolean
cardinal_test_migrate_sqlite_exec (gpointer    db,
                                   const char *sql,
                                   GError    **error)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", message);
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cardinal_test_migrate_sqlite_count (gpointer    db,
                                    const char *sql,
                                    gint64     *count,
                                    GError    **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return FALSE;
    }
  *count = sqlite3_step (stmt) == SQLITE_ROW ? sqlite3_column_int64 (stmt, 0) : -1;
  sqlite3_finalize (stmt);
  return TRUE;
}

/* PostgreSQL -------------------------------------------------------------- */

gboolean
cardinal_test_migrate_pg_exec (gpointer    db,
                               const char *sql,
                               GError    **error)
{
  PGresult *result = PQexec (db, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;

  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (db));
  PQclear (result);
  return ok;
}

gboolean
cardinal_test_migrate_pg_count (gpointer    db,
                                const char *sql,
                                gint64     *count,
                                GError    **error)
{
  PGresult *result = PQexec (db, sql);
  gboolean ok = PQresultStatus (result) == PGRES_TUPLES_OK;

  if (ok)
    *count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
  else
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (db));
  PQclear (result);
  return ok;
}
