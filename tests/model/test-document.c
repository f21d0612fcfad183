/* test-document.c: .cardinal loading and saving: round trips, defaults, layout, errors, atomic save. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include "cardinal-file.h"
#include "cardinal-test-support.h"
#include "cardinal-types.h"

static void
assert_attributes_equal (GPtrArray *expected,
                         GPtrArray *actual)
{
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      CardinalAttribute *a = g_ptr_array_index (expected, i);
      CardinalAttribute *b = g_ptr_array_index (actual, i);

      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->type, ==, a->type);
      g_assert_cmpint (b->primary_key, ==, a->primary_key);
      g_assert_cmpint (b->autoincrement, ==, a->autoincrement);
      g_assert_cmpint (b->nullable, ==, a->nullable);
      g_assert_cmpint (b->unique, ==, a->unique);
      g_assert_cmpint (b->index, ==, a->index);
      g_assert_cmpstr (b->default_value, ==, a->default_value);
      g_assert_cmpstr (b->comment, ==, a->comment);
    }
}

static void
assert_models_equal (const CardinalModel *expected,
                     const CardinalModel *actual)
{
  g_assert_cmpstr (actual->name, ==, expected->name);

  g_assert_cmpuint (actual->entities->len, ==, expected->entities->len);
  for (guint i = 0; i < expected->entities->len; i++)
    {
      CardinalEntity *a = g_ptr_array_index (expected->entities, i);
      CardinalEntity *b = g_ptr_array_index (actual->entities, i);

      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->comment, ==, a->comment);
      g_assert_cmpfloat (b->x, ==, a->x);
      g_assert_cmpfloat (b->y, ==, a->y);
      g_assert_cmpstr (b->color, ==, a->color);
      assert_attributes_equal (a->attributes, b->attributes);
    }

  g_assert_cmpuint (actual->relationships->len, ==, expected->relationships->len);
  for (guint i = 0; i < expected->relationships->len; i++)
    {
      CardinalRelationship *a = g_ptr_array_index (expected->relationships, i);
      CardinalRelationship *b = g_ptr_array_index (actual->relationships, i);

      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->entity1, ==, a->entity1);
      g_assert_cmpstr (b->entity2, ==, a->entity2);
      g_assert_cmpint (b->kind, ==, a->kind);
      g_assert_cmpint (b->strategy, ==, a->strategy);
      g_assert_cmpstr (b->entity1_role, ==, a->entity1_role);
      g_assert_cmpstr (b->entity2_role, ==, a->entity2_role);
      g_assert_cmpint (b->entity2_needs_entity1, ==, a->entity2_needs_entity1);
      g_assert_cmpint (b->entity1_needs_entity2, ==, a->entity1_needs_entity2);
      g_assert_cmpint (b->on_delete, ==, a->on_delete);
      g_assert_cmpstr (b->link_table, ==, a->link_table);
      assert_attributes_equal (a->link_attributes, b->link_attributes);
    }
}

static CardinalAttribute *
attribute_new (const char *name,
               const char *type,
               gboolean    primary_key)
{
  CardinalAttribute *attribute = cardinal_attribute_new (name, type);

  attribute->primary_key = primary_key;
  attribute->nullable = !primary_key;
  return attribute;
}

static void
set_string (char       **field,
            const char  *value)
{
  g_free (*field);
  *field = g_strdup (value);
}

/* Every field of every object differs from its default somewhere. */
static CardinalModel *
build_full_model (void)
{
  CardinalModel *model = cardinal_model_new ("school");
  CardinalEntity *student = cardinal_model_add_entity (model, cardinal_entity_new ("student"));
  CardinalEntity *course = cardinal_model_add_entity (model, cardinal_entity_new ("course"));
  CardinalRelationship *enrollment;
  CardinalRelationship *mentor;
  CardinalAttribute *attribute;

  set_string (&student->comment, "A person enrolled at the school");
  student->x = 40;
  student->y = 60.5;
  student->color = g_strdup ("#3584e4");

  attribute = cardinal_entity_add_attribute (student, attribute_new ("id", "integer", TRUE));
  attribute->autoincrement = TRUE;
  attribute = cardinal_entity_add_attribute (student, attribute_new ("email", "varchar(255)", FALSE));
  attribute->nullable = FALSE;
  attribute->unique = TRUE;
  attribute->index = TRUE;
  attribute->default_value = g_strdup ("'nobody@example.org'");
  set_string (&attribute->comment, "Where the school writes to");
  /* Invalid (a nullable key column) but a document keeps what it was given. */
  attribute = cardinal_entity_add_attribute (student, attribute_new ("code", "text", TRUE));
  attribute->nullable = TRUE;
  cardinal_entity_add_attribute (student, attribute_new ("mentor_id", "integer", FALSE));

  course->x = -12.25;
  course->y = 300;
  cardinal_entity_add_attribute (course, attribute_new ("id", "uuid", TRUE));
  cardinal_entity_add_attribute (course, attribute_new ("title", "text", FALSE));

  enrollment = cardinal_model_add_relationship (model,
    cardinal_relationship_new ("enrollment", "student", "course",
                               CARDINAL_KIND_MANY_TO_MANY, CARDINAL_STRATEGY_LINK_TABLE_PK));
  enrollment->entity1_role = g_strdup ("learner");
  enrollment->entity2_role = g_strdup ("subject");
  enrollment->entity2_needs_entity1 = TRUE;
  enrollment->entity1_needs_entity2 = TRUE;
  enrollment->on_delete = CARDINAL_ON_DELETE_CASCADE;
  enrollment->link_table = g_strdup ("enrollments");
  attribute = attribute_new ("enrolled_at", "timestamptz", FALSE);
  attribute->nullable = FALSE;
  attribute->default_value = g_strdup ("CURRENT_TIMESTAMP");
  g_ptr_array_add (enrollment->link_attributes, attribute);
  attribute = attribute_new ("grade", "varchar(2)", FALSE);
  set_string (&attribute->comment, "A to F");
  g_ptr_array_add (enrollment->link_attributes, attribute);

  mentor = cardinal_model_add_relationship (model,
    cardinal_relationship_new ("mentor", "student", "student",
                               CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK));
  mentor->on_delete = CARDINAL_ON_DELETE_SET_NULL;

  return model;
}

/* The layout of DESIGN.md §3, spelled out: key order, one line per attribute,
 * defaults left out, integral coordinates as integers, trailing newline. */
static const char full_model_text[] =
  "{\n"
  "  \"format\": 1,\n"
  "  \"name\": \"school\",\n"
  "  \"entities\": [\n"
  "    {\n"
  "      \"name\": \"student\",\n"
  "      \"comment\": \"A person enrolled at the school\",\n"
  "      \"x\": 40,\n"
  "      \"y\": 60.5,\n"
  "      \"color\": \"#3584e4\",\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true, \"autoincrement\": true },\n"
  "        { \"name\": \"email\", \"type\": \"varchar(255)\", \"nullable\": false, \"unique\": true, "
  "\"index\": true, \"default\": \"'nobody@example.org'\", \"comment\": \"Where the school writes to\" },\n"
  "        { \"name\": \"code\", \"type\": \"text\", \"primary-key\": true, \"nullable\": true },\n"
  "        { \"name\": \"mentor_id\", \"type\": \"integer\" }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"name\": \"course\",\n"
  "      \"x\": -12.25,\n"
  "      \"y\": 300,\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"uuid\", \"primary-key\": true },\n"
  "        { \"name\": \"title\", \"type\": \"text\" }\n"
  "      ]\n"
  "    }\n"
  "  ],\n"
  "  \"relationships\": [\n"
  "    {\n"
  "      \"name\": \"enrollment\",\n"
  "      \"entity1\": \"student\",\n"
  "      \"entity2\": \"course\",\n"
  "      \"kind\": \"many-to-many\",\n"
  "      \"strategy\": \"link-table-pk\",\n"
  "      \"entity1-role\": \"learner\",\n"
  "      \"entity2-role\": \"subject\",\n"
  "      \"entity2-needs-entity1\": true,\n"
  "      \"entity1-needs-entity2\": true,\n"
  "      \"on-delete\": \"cascade\",\n"
  "      \"link-table\": \"enrollments\",\n"
  "      \"link-attributes\": [\n"
  "        { \"name\": \"enrolled_at\", \"type\": \"timestamptz\", \"nullable\": false, "
  "\"default\": \"CURRENT_TIMESTAMP\" },\n"
  "        { \"name\": \"grade\", \"type\": \"varchar(2)\", \"comment\": \"A to F\" }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"name\": \"mentor\",\n"
  "      \"entity1\": \"student\",\n"
  "      \"entity2\": \"student\",\n"
  "      \"kind\": \"one-to-many\",\n"
  "      \"strategy\": \"fk\",\n"
  "      \"on-delete\": \"set-null\"\n"
  "    }\n"
  "  ]\n"
  "}\n";

static void
test_layout (void)
{
  g_autoptr(CardinalModel) model = build_full_model ();
  g_autofree char *data = NULL;
  gsize length = 0;

  data = cardinal_document_to_data (model, &length);
  g_assert_cmpstr (data, ==, full_model_text);
  g_assert_cmpuint (length, ==, strlen (data));
}

static void
test_layout_empty (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new (NULL);
  g_autofree char *data = cardinal_document_to_data (model, NULL);
  g_autoptr(CardinalModel) loaded = NULL;

  g_assert_cmpstr (data, ==,
                   "{\n"
                   "  \"format\": 1,\n"
                   "  \"name\": \"\",\n"
                   "  \"entities\": [],\n"
                   "  \"relationships\": []\n"
                   "}\n");

  loaded = cardinal_test_model_from_json (data);
  assert_models_equal (model, loaded);
}

static void
test_round_trip (void)
{
  g_autoptr(CardinalModel) model = build_full_model ();
  g_autoptr(CardinalModel) loaded = NULL;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  first = cardinal_document_to_data (model, NULL);
  loaded = cardinal_test_model_from_json (first);
  assert_models_equal (model, loaded);

  second = cardinal_document_to_data (loaded, NULL);
  g_assert_cmpstr (second, ==, first);
}

static void
test_round_trip_unicode (void)
{
  static const char * const names[] = {
    "élève",
    "☃ snow \"man\"",
    "back\\slash / solidus",
    "line\nbreak\ttab\rreturn\bback\fform",
    "control \x01\x1f and \x7f",
    "line separator \u2028 paragraph \u2029",
    "emoji \U0001F600 and CJK \u6f22\u5b57",
    "",
  };
  g_autoptr(CardinalModel) model = cardinal_model_new ("modèle «quoted»");
  g_autoptr(CardinalModel) loaded = NULL;
  g_autofree char *data = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      CardinalEntity *entity = cardinal_model_add_entity (model, cardinal_entity_new (names[i]));
      CardinalAttribute *attribute;

      set_string (&entity->comment, names[(i + 1) % G_N_ELEMENTS (names)]);
      attribute = cardinal_entity_add_attribute (entity, attribute_new (names[i], "text", FALSE));
      attribute->default_value = g_strdup (names[(i + 2) % G_N_ELEMENTS (names)]);
    }

  data = cardinal_document_to_data (model, NULL);
  g_assert_true (g_utf8_validate (data, -1, NULL));
  /* UTF-8 stays as it is; only what JSON requires is escaped. */
  g_assert_nonnull (strstr (data, "\"élève\""));
  g_assert_nonnull (strstr (data, "\"☃ snow \\\"man\\\"\""));
  g_assert_nonnull (strstr (data, "\U0001F600"));
  g_assert_nonnull (strstr (data, "\u2028"));
  g_assert_nonnull (strstr (data, "back\\\\slash / solidus"));
  g_assert_nonnull (strstr (data, "line\\nbreak\\ttab\\rreturn\\bback\\fform"));
  g_assert_nonnull (strstr (data, "control \\u0001\\u001f and \x7f"));
  g_assert_null (strstr (data, "\\u00e9"));

  loaded = cardinal_test_model_from_json (data);
  assert_models_equal (model, loaded);
  again = cardinal_document_to_data (loaded, NULL);
  g_assert_cmpstr (again, ==, data);
}

static void
test_defaults (void)
{
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;
  CardinalAttribute *attribute;
  CardinalRelationship *relationship;

  model = cardinal_test_model_from_json (
    "{ \"format\": 1,\n"
    "  \"entities\": [\n"
    "    { \"name\": \"user\", \"attributes\": [\n"
    "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },\n"
    "        { \"name\": \"code\", \"type\": \"text\", \"primary-key\": true, \"nullable\": true },\n"
    "        { \"name\": \"nick\", \"type\": \"text\" },\n"
    "        { \"name\": \"bio\", \"type\": \"text\", \"default\": null }\n"
    "    ] },\n"
    "    { \"name\": \"address\", \"color\": null }\n"
    "  ],\n"
    "  \"relationships\": [\n"
    "    { \"name\": \"home\", \"entity1\": \"user\", \"entity2\": \"address\", \"kind\": \"many-to-one\" },\n"
    "    { \"name\": \"pair\", \"entity1\": \"user\", \"entity2\": \"user\", \"kind\": \"many-to-many\",\n"
    "      \"strategy\": \"link-table-pk\", \"entity1-role\": null, \"link-table\": null }\n"
    "  ] }");

  g_assert_cmpstr (model->name, ==, "");
  g_assert_cmpuint (model->entities->len, ==, 2);
  g_assert_cmpuint (model->relationships->len, ==, 2);

  entity = g_ptr_array_index (model->entities, 0);
  g_assert_cmpstr (entity->name, ==, "user");
  g_assert_cmpstr (entity->comment, ==, "");
  g_assert_cmpfloat (entity->x, ==, 0);
  g_assert_cmpfloat (entity->y, ==, 0);
  g_assert_null (entity->color);
  g_assert_cmpuint (entity->attributes->len, ==, 4);

  attribute = g_ptr_array_index (entity->attributes, 0);
  g_assert_true (attribute->primary_key);
  g_assert_false (attribute->nullable);
  g_assert_false (attribute->autoincrement);
  g_assert_false (attribute->unique);
  g_assert_false (attribute->index);
  g_assert_null (attribute->default_value);
  g_assert_cmpstr (attribute->comment, ==, "");

  attribute = g_ptr_array_index (entity->attributes, 1);
  g_assert_true (attribute->primary_key);
  g_assert_true (attribute->nullable);

  attribute = g_ptr_array_index (entity->attributes, 2);
  g_assert_false (attribute->primary_key);
  g_assert_true (attribute->nullable);
  g_assert_null (attribute->default_value);

  attribute = g_ptr_array_index (entity->attributes, 3);
  g_assert_null (attribute->default_value);

  entity = g_ptr_array_index (model->entities, 1);
  g_assert_null (entity->color);
  g_assert_cmpuint (entity->attributes->len, ==, 0);

  relationship = g_ptr_array_index (model->relationships, 0);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_MANY_TO_ONE);
  /* A strategy left out is the kind's recommended one. */
  g_assert_cmpint (relationship->strategy, ==,
                   cardinal_kind_default_strategy (CARDINAL_KIND_MANY_TO_ONE));
  g_assert_null (relationship->entity1_role);
  g_assert_null (relationship->entity2_role);
  g_assert_false (relationship->entity2_needs_entity1);
  g_assert_false (relationship->entity1_needs_entity2);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_null (relationship->link_table);
  g_assert_cmpuint (relationship->link_attributes->len, ==, 0);

  relationship = g_ptr_array_index (model->relationships, 1);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE_PK);
  g_assert_null (relationship->entity1_role);
  g_assert_null (relationship->link_table);
}

static void
test_defaults_left_out (void)
{
  static const char * const default_keys[] = {
    "\"comment\"", "\"color\"", "\"primary-key\"", "\"autoincrement\"", "\"nullable\"",
    "\"unique\"", "\"index\"", "\"default\"", "\"entity1-role\"", "\"entity2-role\"",
    "\"entity2-needs-entity1\"", "\"entity1-needs-entity2\"", "\"on-delete\"",
    "\"link-table\"", "\"link-attributes\"",
  };
  static const char * const kept_keys[] = {
    "\"format\": 1", "\"name\": \"m\"", "\"entities\": [", "\"relationships\": [",
    "\"name\": \"a\"", "\"x\": 0", "\"y\": 0", "\"attributes\": []",
    "\"entity1\": \"a\"", "\"entity2\": \"a\"", "\"kind\": \"many-to-many\"",
    "\"strategy\": \"link-table\"", "{ \"name\": \"id\", \"type\": \"integer\" }",
  };
  g_autoptr(CardinalModel) model = cardinal_model_new ("m");
  g_autofree char *data = NULL;
  CardinalEntity *entity;
  CardinalAttribute *key;

  cardinal_model_add_entity (model, cardinal_entity_new ("a"));
  entity = cardinal_model_add_entity (model, cardinal_entity_new ("b"));
  cardinal_entity_add_attribute (entity, attribute_new ("id", "integer", FALSE));
  cardinal_model_add_relationship (model,
    cardinal_relationship_new ("r", "a", "a", CARDINAL_KIND_MANY_TO_MANY,
                               CARDINAL_STRATEGY_LINK_TABLE));

  data = cardinal_document_to_data (model, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (default_keys); i++)
    {
      g_autofree char *member = g_strconcat (default_keys[i], ": ", NULL);

      if (strstr (data, member) != NULL)
        g_error ("%s written although it has its default value:\n%s", default_keys[i], data);
    }
  for (guint i = 0; i < G_N_ELEMENTS (kept_keys); i++)
    {
      if (strstr (data, kept_keys[i]) == NULL)
        g_error ("%s missing from:\n%s", kept_keys[i], data);
    }
  g_assert_true (g_str_has_suffix (data, "}\n"));

  /* "nullable" is written only where it differs from its default, which for a key column is false. */
  key = cardinal_entity_add_attribute (entity, attribute_new ("pk", "integer", TRUE));
  g_clear_pointer (&data, g_free);
  data = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (data, "{ \"name\": \"pk\", \"type\": \"integer\", \"primary-key\": true }"));

  key->nullable = TRUE;
  g_clear_pointer (&data, g_free);
  data = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (data, "{ \"name\": \"pk\", \"type\": \"integer\", \"primary-key\": true, \"nullable\": true }"));

  key->primary_key = FALSE;
  key->nullable = FALSE;
  g_clear_pointer (&data, g_free);
  data = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (data, "{ \"name\": \"pk\", \"type\": \"integer\", \"nullable\": false }"));

  /* An empty string is a value, not the default NULL, so it survives. */
  entity->color = g_strdup ("");
  g_clear_pointer (&data, g_free);
  data = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (data, "\"color\": \"\""));
}

static void
test_numbers (void)
{
  static const struct
  {
    const char *json;      /* as a file may give it */
    double      value;
    const char *written;   /* as Cardinal writes it */
  } cases[] = {
    { "40", 40, "40" },
    { "40.0", 40, "40" },
    { "4e1", 40, "40" },
    { "-7", -7, "-7" },
    { "-0.0", 0, "0" },
    { "0", 0, "0" },
    { "12.5", 12.5, "12.5" },
    { "0.1", 0.1, "0.1" },
    { "-1234.875", -1234.875, "-1234.875" },
    { "1e-7", 1e-7, "1e-07" },
    { "123456789012", 123456789012.0, "123456789012" },
    { "1e20", 1e20, "1e+20" },
    { "0.30000000000000004", 0.30000000000000004, "0.30000000000000004" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *json = NULL;
      g_autofree char *data = NULL;
      g_autofree char *expected = NULL;
      g_autoptr(CardinalModel) model = NULL;
      g_autoptr(CardinalModel) again = NULL;
      CardinalEntity *entity;

      json = g_strdup_printf ("{ \"format\": 1, \"entities\": [ { \"name\": \"e\", \"x\": %s, \"y\": %s } ] }",
                              cases[i].json, cases[i].json);
      model = cardinal_test_model_from_json (json);
      entity = g_ptr_array_index (model->entities, 0);
      g_assert_cmpfloat (entity->x, ==, cases[i].value);
      g_assert_cmpfloat (entity->y, ==, cases[i].value);

      data = cardinal_document_to_data (model, NULL);
      expected = g_strdup_printf ("\"x\": %s,\n      \"y\": %s,\n", cases[i].written, cases[i].written);
      if (strstr (data, expected) == NULL)
        g_error ("%s was not written as %s:\n%s", cases[i].json, cases[i].written, data);

      again = cardinal_test_model_from_json (data);
      entity = g_ptr_array_index (again->entities, 0);
      g_assert_cmpfloat (entity->x, ==, cases[i].value);
    }
}

/* Shape and type problems are load errors; what the model means is the validator's. */
static void
test_questionable_models_load (void)
{
  g_autoptr(CardinalModel) model = NULL;

  model = cardinal_test_model_from_json (
    "{ \"format\": 1, \"name\": \"\",\n"
    "  \"entities\": [ { \"name\": \"a\" }, { \"name\": \"a\" }, { \"name\": \"\" },\n"
    "    { \"name\": \"b\", \"attributes\": [ { \"name\": \"x\", \"type\": \"varchar(x)\" },\n"
    "                                       { \"name\": \"x\", \"type\": \"\" } ] } ],\n"
    "  \"relationships\": [\n"
    "    { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"missing\", \"kind\": \"many-to-many\", \"strategy\": \"fk\" },\n"
    "    { \"name\": \"r\", \"entity1\": \"\", \"entity2\": \"a\", \"kind\": \"one-to-one\", \"strategy\": \"link-table\" } ] }");

  g_assert_cmpuint (model->entities->len, ==, 4);
  g_assert_cmpuint (model->relationships->len, ==, 2);
  g_assert_cmpint (((CardinalRelationship *) g_ptr_array_index (model->relationships, 0))->strategy,
                   ==, CARDINAL_STRATEGY_FK);
}

/* The example of a wrong JSON type used in the format's documentation. */
#define NULLABLE_AS_STRING \
  "{ \"format\": 1, \"entities\": [ { \"name\": \"a\" }, { \"name\": \"b\", \"attributes\": [\n" \
  "  { \"name\": \"id\", \"type\": \"integer\", \"nullable\": \"no\" } ] } ] }"

typedef struct
{
  const char *json;
  int         code;
  const char *message;   /* a part of the message that must be there */
} ErrorCase;

static const ErrorCase error_cases[] = {
  /* syntax, with line:column */
  { "{\n  \"format\": 1,\n  \"name\": tru\n}", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:3:" },
  { "{\n  \"format\": 1,\n  \"entities\": [1, 2,]\n}", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:3:" },
  { "{ \"format\": 1", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:1:" },
  { "{ \"format\": 1, \"name\": \"x }", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:1:" },
  { "{ \"format\": 1,\n /* note */ \"name\": \"x\" }", CARDINAL_MODEL_ERROR_PARSE,
    "school.cardinal:2:2: comments are not allowed" },
  { "{ \"format\": 1, \"name\": 'x' }", CARDINAL_MODEL_ERROR_PARSE,
    "school.cardinal:1:24: unexpected character \"'\"" },
  { "{ \"format\": 1 }\n{ \"format\": 1 }", CARDINAL_MODEL_ERROR_PARSE,
    "school.cardinal:2:1: unexpected text after the end of the document" },
  { "{ \"format\": 1 } x", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:1:" },
  { "{ \"format\": 1, \"name\": \"\xff\" }", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal:1:25: not UTF-8" },
  { "{ \"format\": 1, \"name\": \"\xc3\" }", CARDINAL_MODEL_ERROR_PARSE, "not UTF-8" },
  /* not a document at all */
  { "", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: the file is empty" },
  { " \n\t\r\n", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: the file is empty" },
  { "[ { \"format\": 1 } ]", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: the top level is not a JSON object" },
  { "\"format\"", CARDINAL_MODEL_ERROR_PARSE, "not a JSON object" },
  { "42", CARDINAL_MODEL_ERROR_PARSE, "not a JSON object" },
  { "null", CARDINAL_MODEL_ERROR_PARSE, "not a JSON object" },
  /* format */
  { "{}", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: $: missing key \"format\"" },
  { "{ \"name\": \"x\", \"entities\": [] }", CARDINAL_MODEL_ERROR_PARSE, "missing key \"format\"" },
  { "{ \"format\": 4 }", CARDINAL_MODEL_ERROR_VERSION, "school.cardinal: written by a newer version of Cardinal (format 4" },
  { "{ \"format\": 7, \"diagrams\": [], \"entities\": {} }", CARDINAL_MODEL_ERROR_VERSION, "newer version of Cardinal" },
  { "{ \"format\": \"1\" }", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: $.format: expected an integer" },
  { "{ \"format\": 1.5 }", CARDINAL_MODEL_ERROR_PARSE, "$.format: expected an integer" },
  { "{ \"format\": 0 }", CARDINAL_MODEL_ERROR_INVALID, "$.format: unsupported format 0" },
  { "{ \"format\": -1 }", CARDINAL_MODEL_ERROR_INVALID, "$.format: unsupported format -1" },
  /* unknown keys */
  { "{ \"format\": 1, \"entites\": [] }", CARDINAL_MODEL_ERROR_PARSE, "school.cardinal: $.entites: unknown key" },
  { "{ \"format\": 1, \"a b\": 1 }", CARDINAL_MODEL_ERROR_PARSE, "$[\"a b\"]: unknown key" },
  { "{ \"format\": 1, \"élève \\\"x\\\"\": 1 }", CARDINAL_MODEL_ERROR_PARSE, "$[\"élève \\\"x\\\"\"]: unknown key" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\" }, { \"name\": \"b\", \"attributes\": [\n"
    "  { \"name\": \"id\", \"type\": \"integer\", \"primary_key\": true } ] } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "school.cardinal: $.entities[1].attributes[0].primary_key: unknown key (did you mean \"primary-key\"?)" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"X\": 1 } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].X: unknown key (did you mean \"x\"?)" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"on_delete\": \"cascade\" } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.relationships[0].on_delete: unknown key (did you mean \"on-delete\"?)" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"link-attributes\": [ { \"name\": \"n\", \"type\": \"text\", \"size\": 3 } ] } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.relationships[0].link-attributes[0].size: unknown key" },
  /* wrong JSON types */
  { NULLABLE_AS_STRING, CARDINAL_MODEL_ERROR_PARSE,
    "school.cardinal: $.entities[1].attributes[0].nullable: expected a boolean" },
  { "{ \"format\": 1, \"name\": 3 }", CARDINAL_MODEL_ERROR_PARSE, "$.name: expected a string" },
  { "{ \"format\": 1, \"name\": null }", CARDINAL_MODEL_ERROR_PARSE, "$.name: expected a string" },
  { "{ \"format\": 1, \"entities\": {} }", CARDINAL_MODEL_ERROR_PARSE, "$.entities: expected an array" },
  { "{ \"format\": 1, \"entities\": [ [] ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0]: expected an object, found an array" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\" }, \"b\" ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[1]: expected an object, found a string" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"x\": \"10\" } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].x: expected a number" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"y\": true } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].y: expected a number" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"x\": 1e999 } ] }", CARDINAL_MODEL_ERROR_INVALID,
    "$.entities[0].x: expected a finite number" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"comment\": null } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].comment: expected a string" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"color\": 255 } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].color: expected a string" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"attributes\": [ 1 ] } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0].attributes[0]: expected an object, found a number" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"i\", \"type\": 4 } ] } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.entities[0].attributes[0].type: expected a string" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"i\", \"type\": \"text\",\n"
    "  \"default\": 0 } ] } ] }", CARDINAL_MODEL_ERROR_PARSE, "$.entities[0].attributes[0].default: expected a string" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"entity2-needs-entity1\": 1 } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.relationships[0].entity2-needs-entity1: expected a boolean" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"strategy\": null } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.relationships[0].strategy: expected a string" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"link-attributes\": [ { \"name\": \"n\", \"type\": \"text\", \"unique\": \"yes\" } ] } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.relationships[0].link-attributes[0].unique: expected a boolean" },
  /* missing keys that have no default */
  { "{ \"format\": 1, \"entities\": [ { \"x\": 1 } ] }", CARDINAL_MODEL_ERROR_PARSE,
    "$.entities[0]: missing key \"name\"" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"i\" } ] } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.entities[0].attributes[0]: missing key \"type\"" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\" } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.relationships[0]: missing key \"kind\"" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"kind\": \"one-to-one\" } ] }",
    CARDINAL_MODEL_ERROR_PARSE, "$.relationships[0]: missing key \"entity2\"" },
  /* values outside the vocabulary */
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-few\" } ] }", CARDINAL_MODEL_ERROR_INVALID,
    "school.cardinal: $.relationships[0].kind: unknown kind \"one-to-few\" (expected one-to-one, one-to-many, "
    "many-to-one or many-to-many)" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"strategy\": \"foreign-key\" } ] }", CARDINAL_MODEL_ERROR_INVALID,
    "$.relationships[0].strategy: unknown strategy \"foreign-key\" (expected merged, shared-pk, unique-fk, fk, "
    "link-table or link-table-pk)" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"one-to-one\", \"on-delete\": \"SET NULL\" } ] }", CARDINAL_MODEL_ERROR_INVALID,
    "$.relationships[0].on-delete: unknown on-delete action \"SET NULL\" (expected no-action, restrict, cascade, set-null "
    "or set-default)" },
  { "{ \"format\": 1, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\",\n"
    "  \"kind\": \"One-To-One\" } ] }", CARDINAL_MODEL_ERROR_INVALID, "unknown kind \"One-To-One\"" },
};

static void
test_errors (void)
{
  for (guint i = 0; i < G_N_ELEMENTS (error_cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = NULL;
      g_autofree char *escaped = g_strescape (error_cases[i].json, NULL);

      g_test_message ("case %u: %s", i, escaped);
      model = cardinal_document_load_data (error_cases[i].json, -1, "school.cardinal", &error);
      g_assert_null (model);
      g_assert_error (error, CARDINAL_MODEL_ERROR, error_cases[i].code);
      if (g_strstr_len (error->message, -1, error_cases[i].message) == NULL)
        g_error ("case %u: message \"%s\" lacks \"%s\"", i, error->message, error_cases[i].message);
    }
}

/* The whole message, as the format's documentation shows it. */
static void
test_error_message_whole (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;

  model = cardinal_document_load_data (NULLABLE_AS_STRING, -1, "school.cardinal", &error);
  g_assert_null (model);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==,
                   "school.cardinal: $.entities[1].attributes[0].nullable: expected a boolean");
}

static void
test_error_nul_byte (void)
{
  static const char data[] = "{ \"format\": 1,\n  \"name\": \"a\0b\" }";
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;

  model = cardinal_document_load_data (data, sizeof data - 1, "nul.cardinal", &error);
  g_assert_null (model);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "nul.cardinal:2:13: contains a NUL byte");
}

static void
test_byte_order_mark (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json ("\xef\xbb\xbf{ \"format\": 1, \"name\": \"bom\" }");

  g_assert_cmpstr (model->name, ==, "bom");
}

/* json-glib 1.6 recurses once per level; this would exhaust the stack if it reached it. */
static void
test_deep_nesting (void)
{
  static const char * const openers[] = { "[", "{\"a\":", "{\"format\":1,\"entities\":[" };
  const guint depth = 200000;

  for (guint k = 0; k < G_N_ELEMENTS (openers); k++)
    {
      g_autoptr(GString) data = g_string_new (NULL);
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = NULL;

      for (guint i = 0; i < depth; i++)
        g_string_append (data, openers[k]);
      model = cardinal_document_load_data (data->str, data->len, "deep.cardinal", &error);
      g_assert_null (model);
      g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
      g_assert_nonnull (strstr (error->message, "nested more than"));
    }
}

/* Brackets inside strings are text, not nesting. */
static void
test_brackets_in_strings (void)
{
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(CardinalModel) model = cardinal_model_new (NULL);
  g_autoptr(CardinalModel) loaded = NULL;
  g_autofree char *data = NULL;

  for (guint i = 0; i < 500; i++)
    g_string_append (name, i % 3 == 0 ? "[{\"" : "\\[");
  cardinal_model_add_entity (model, cardinal_entity_new (name->str));

  data = cardinal_document_to_data (model, NULL);
  loaded = cardinal_test_model_from_json (data);
  assert_models_equal (model, loaded);
}

/* Either an error, or a model that writes out and loads back to the same text. */
static gboolean
assert_loads_or_fails (const char *data,
                       gsize       length)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;

  model = cardinal_document_load_data (data, (gssize) length, "mutant.cardinal", &error);
  if (model == NULL)
    {
      g_assert_nonnull (error);
      g_assert_true (error->domain == CARDINAL_MODEL_ERROR);
      g_assert_true (g_str_has_prefix (error->message, "mutant.cardinal"));
      g_assert_true (g_utf8_validate (error->message, -1, NULL));
      return FALSE;
    }
  else
    {
      g_autofree char *first = NULL;
      g_autofree char *second = NULL;
      g_autoptr(CardinalModel) again = NULL;

      g_assert_no_error (error);
      first = cardinal_document_to_data (model, NULL);
      again = cardinal_test_model_from_json (first);
      assert_models_equal (model, again);
      second = cardinal_document_to_data (again, NULL);
      g_assert_cmpstr (second, ==, first);
      return TRUE;
    }
}

static void
test_truncations (void)
{
  g_autoptr(CardinalModel) model = build_full_model ();
  gsize length;
  g_autofree char *data = cardinal_document_to_data (model, &length);

  /* Every proper prefix but the one without the final newline is incomplete JSON. */
  for (gsize n = 0; n + 1 < length; n++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) loaded = NULL;

      loaded = cardinal_document_load_data (data, (gssize) n, "cut.cardinal", &error);
      g_assert_null (loaded);
      g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
    }

  g_assert_true (assert_loads_or_fails (data, length - 1));
}

static void
test_mutations (void)
{
  static const char replacements[] = "\"{}[],:\\0-tn e.\xff\xc3\x01/'";
  g_autoptr(CardinalModel) model = build_full_model ();
  g_autoptr(GRand) rand = g_rand_new_with_seed (20240611);
  gsize length;
  g_autofree char *data = cardinal_document_to_data (model, &length);
  guint loaded = 0;

  for (guint round = 0; round < 3000; round++)
    {
      g_autoptr(GString) mutant = g_string_new_len (data, length);
      gsize at = g_rand_int_range (rand, 0, (gint32) length);
      char c = replacements[g_rand_int_range (rand, 0, sizeof replacements)];

      switch (g_rand_int_range (rand, 0, 4))
        {
        case 0:
          mutant->str[at] = c;
          break;
        case 1:
          g_string_erase (mutant, at, 1);
          break;
        case 2:
          g_string_insert_c (mutant, at, c);
          break;
        default:
          {
            gsize span = MIN ((gsize) g_rand_int_range (rand, 1, 40), length - at);

            g_string_insert_len (mutant, g_rand_int_range (rand, 0, (gint32) length),
                                 data + at, span);
          }
          break;
        }

      if (assert_loads_or_fails (mutant->str, mutant->len))
        loaded++;
    }

  /* Some mutations (a changed letter in a name) are still documents. */
  g_assert_cmpuint (loaded, >, 0);
}

/* Every scalar value in turn replaced by a value of each JSON type. */
static void
test_type_substitutions (void)
{
  static const char * const values[] = { "null", "0", "-2.5", "true", "\"s\"", "[]", "{}", "[ 1 ]" };
  g_autoptr(CardinalModel) model = build_full_model ();
  g_autofree char *data = cardinal_document_to_data (model, NULL);
  guint substitutions = 0;

  for (const char *p = strstr (data, "\": "); p != NULL; p = strstr (p + 1, "\": "))
    {
      const char *start = p + 3;
      const char *end = start;

      if (*start == '[' || *start == '{')
        continue;
      if (*start == '"')
        {
          for (end = start + 1; *end != '"'; end++)
            if (*end == '\\')
              end++;
          end++;
        }
      else
        {
          while (*end != ',' && *end != '\n' && *end != ' ' && *end != '}')
            end++;
        }

      for (guint v = 0; v < G_N_ELEMENTS (values); v++)
        {
          g_autoptr(GString) mutant = g_string_new_len (data, start - data);

          g_string_append (mutant, values[v]);
          g_string_append (mutant, end);
          assert_loads_or_fails (mutant->str, mutant->len);
          substitutions++;
        }
    }

  g_assert_cmpuint (substitutions, >, 100);
}

static void
test_examples_resave (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  /* An empty list would make this test pass without checking anything. */
  if (names[0] == NULL)
    g_error ("no .cardinal files in CARDINAL_EXAMPLES_DIR (%s)", g_getenv ("CARDINAL_EXAMPLES_DIR"));

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = cardinal_test_example_path (names[i]);
      g_autofree char *contents = NULL;
      g_autofree char *saved = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = NULL;
      g_autoptr(CardinalModel) from_file = NULL;
      gsize length;

      g_test_message ("example %s", names[i]);
      g_file_get_contents (path, &contents, &length, &error);
      g_assert_no_error (error);

      model = cardinal_document_load_data (contents, (gssize) length, names[i], &error);
      g_assert_no_error (error);
      saved = cardinal_document_to_data (model, NULL);
      g_assert_cmpstr (saved, ==, contents);

      from_file = cardinal_test_load_example (names[i]);
      assert_models_equal (model, from_file);
    }
}

/* A file that uses every format 2 key loads into the right fields and is
 * written back byte for byte. */
static void
test_format2_everything (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "data", "format2-everything.cardinal", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *saved = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalModel) copy = NULL;
  g_autofree char *saved_copy = NULL;
  CardinalEntity *film;
  CardinalAttribute *film_id;
  CardinalIndex *index;
  CardinalIndexKey *key;
  CardinalRelationship *link;
  CardinalUserType *year;
  CardinalSequence *sequence;
  gsize length;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  model = cardinal_document_load_data (contents, (gssize) length, "format2-everything.cardinal", &error);
  g_assert_no_error (error);

  g_assert_true (model->has_dialect);
  g_assert_cmpint (model->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);
  g_assert_cmpuint (model->schemas->len, ==, 1);
  g_assert_cmpstr (g_ptr_array_index (model->schemas, 0), ==, "inventory");
  g_assert_cmpuint (model->extensions->len, ==, 1);
  g_assert_cmpuint (model->types->len, ==, 2);
  year = g_ptr_array_index (model->types, 1);
  g_assert_cmpint (year->kind, ==, CARDINAL_USER_TYPE_DOMAIN);
  g_assert_cmpstr (year->base, ==, "integer");
  g_assert_false (year->nullable);
  g_assert_cmpuint (year->checks->len, ==, 2);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (year->checks, 0))->name, ==, "year_check");
  g_assert_null (((CardinalCheck *) g_ptr_array_index (year->checks, 1))->name);
  sequence = g_ptr_array_index (model->sequences, 0);
  g_assert_true (sequence->has_max);
  g_assert_cmpint (sequence->max, ==, G_MAXINT64);
  g_assert_true (sequence->cycle);
  g_assert_cmpstr (sequence->owned_by, ==, "film.film_id");

  film = cardinal_model_find_entity (model, "film");
  g_assert_nonnull (film);
  g_assert_cmpstr (cardinal_entity_table_name (film), ==, "films");
  g_assert_cmpstr (film->schema, ==, "inventory");
  film_id = cardinal_entity_find_attribute (film, "film_id");
  g_assert_cmpint (film_id->identity, ==, CARDINAL_IDENTITY_ALWAYS);
  g_assert_nonnull (film_id->sequence);
  g_assert_cmpint (film_id->sequence->start, ==, 1000);
  g_assert_false (film_id->sequence->has_min);
  g_assert_cmpstr (cardinal_entity_find_attribute (film, "title_upper")->generated, ==, "upper(title)");
  g_assert_true (cardinal_entity_find_attribute (film, "title_upper")->generated_stored);
  g_assert_cmpuint (film->uniques->len, ==, 1);
  g_assert_true (((CardinalUnique *) g_ptr_array_index (film->uniques, 0))->initially_deferred);
  g_assert_cmpuint (film->indexes->len, ==, 2);
  index = g_ptr_array_index (film->indexes, 0);
  g_assert_null (index->keys);
  g_assert_true (cardinal_index_is_plain (index));
  index = g_ptr_array_index (film->indexes, 1);
  g_assert_false (cardinal_index_is_plain (index));
  g_assert_cmpstr (index->columns[0], ==, "");
  g_assert_cmpstr (index->columns[1], ==, "rating");
  key = g_ptr_array_index (index->keys, 0);
  g_assert_cmpstr (key->expression, ==, "lower(title)");
  g_assert_true (key->descending);
  g_assert_cmpint (key->nulls, ==, CARDINAL_NULLS_FIRST);
  g_assert_cmpstr (index->where, ==, "rating <> 'G'");
  g_assert_cmpstr (film->primary_key_name, ==, "film_pk");
  g_assert_true (film->unlogged);
  g_assert_cmpstr (film->partition_by, ==, "RANGE (film_id)");
  g_assert_true (cardinal_model_find_entity (model, "actor")->without_rowid);

  link = cardinal_model_find_relationship (model, "film_actor");
  g_assert_cmpint (link->on_delete, ==, CARDINAL_ON_DELETE_SET_DEFAULT);
  g_assert_cmpint (link->on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (cardinal_relationship_on_delete_for (link, 1), ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (cardinal_relationship_on_delete_for (link, 2), ==, CARDINAL_ON_DELETE_RESTRICT);
  g_assert_cmpint (cardinal_relationship_on_update_for (link, 1), ==, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_cmpstr (link->entity1_columns[0], ==, "actor_id");
  g_assert_cmpstr (link->entity1_key[0], ==, "code");
  g_assert_cmpstr (link->entity2_fk_name, ==, "fa_film");
  g_assert_true (link->deferrable && link->initially_deferred && link->match_full && link->identifying);
  g_assert_false (link->index);
  g_assert_nonnull (link->link);
  g_assert_cmpstr (link->link->schema, ==, "inventory");
  g_assert_cmpstr (link->link->primary_key_order[1], ==, "actor_id");
  g_assert_cmpuint (link->link->indexes->len, ==, 1);

  g_assert_cmpuint (model->objects->len, ==, 2);
  g_assert_cmpstr (((CardinalSqlObject *) g_ptr_array_index (model->objects, 0))->depends_on[0], ==, "film");
  g_assert_true (((CardinalSqlObject *) g_ptr_array_index (model->objects, 1))->before_tables);

  saved = cardinal_document_to_data (model, NULL);
  g_assert_cmpstr (saved, ==, contents);

  /* A deep copy keeps every field. */
  copy = cardinal_model_copy (model);
  saved_copy = cardinal_document_to_data (copy, NULL);
  g_assert_cmpstr (saved_copy, ==, contents);
}

/* Format 1 files are written as format 1 while nothing needs format 2. */
static void
test_format_number (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved2 = NULL;

  model = cardinal_document_load_data ("{ \"format\": 1, \"name\": \"m\", \"entities\": [ { \"name\": \"a\", "
                                       "\"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] } ] }",
                                       -1, "m.cardinal", &error);
  g_assert_no_error (error);
  saved = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (saved, "\"format\": 1,"));

  cardinal_entity_find_attribute (g_ptr_array_index (model->entities, 0), "id")->collation = g_strdup ("C");
  saved2 = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (saved2, "\"format\": 2,"));
  g_assert_nonnull (strstr (saved2, "\"collation\": \"C\""));
}

static void
test_format2_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{ \"format\": 2, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"identity\": \"sometimes\" } ] } ] }",
      "bad.cardinal: $.entities[0].attributes[0].identity: unknown identity \"sometimes\" (expected by-default, always or serial)" },
    { "{ \"format\": 2, \"entities\": [ { \"name\": \"a\", \"indexes\": [ { \"columns\": [ { \"column\": \"x\", \"expression\": \"y\" } ] } ] } ] }",
      "bad.cardinal: $.entities[0].indexes[0].columns[0]: expected exactly one of \"column\" and \"expression\", not empty" },
    { "{ \"format\": 2, \"entities\": [ { \"name\": \"a\", \"indexes\": [ { \"columns\": [ { \"column\": \"x\", \"order\": \"up\" } ] } ] } ] }",
      "bad.cardinal: $.entities[0].indexes[0].columns[0].order: unknown order \"up\" (expected asc or desc)" },
    { "{ \"format\": 2, \"entities\": [ { \"name\": \"a\", \"indexes\": [ { \"name\": \"i\" } ] } ] }",
      "bad.cardinal: $.entities[0].indexes[0]: missing key \"columns\"" },
    { "{ \"format\": 2, \"entities\": [ { \"name\": \"a\", \"uniques\": [ { \"columns\": [] } ] } ] }",
      "bad.cardinal: $.entities[0].uniques[0].columns: expected at least one column" },
    { "{ \"format\": 2, \"sequences\": [ { \"name\": \"s\", \"start\": 1.5 } ] }",
      "bad.cardinal: $.sequences[0].start: expected a whole number between -9223372036854775808 and 9223372036854775807" },
    { "{ \"format\": 2, \"sequences\": [ { \"start\": 1 } ] }",
      "bad.cardinal: $.sequences[0]: missing key \"name\"" },
    { "{ \"format\": 2, \"dialect\": \"mysql\" }",
      "bad.cardinal: $.dialect: unknown dialect \"mysql\" (expected sqlite or postgresql)" },
    { "{ \"format\": 2, \"types\": [ { \"name\": \"t\", \"kind\": \"range\" } ] }",
      "bad.cardinal: $.types[0].kind: unknown type kind \"range\" (expected enum or domain)" },
    { "{ \"format\": 2, \"types\": [ { \"name\": \"t\", \"kind\": \"domain\" } ] }",
      "bad.cardinal: $.types[0]: missing key \"base\"" },
    { "{ \"format\": 2, \"objects\": [ { \"name\": \"v\", \"kind\": \"view\", \"sql\": \"CREATE VIEW v AS SELECT 1\" } ] }",
      "bad.cardinal: $.objects[0]: missing key \"dialect\"" },
    { "{ \"format\": 2, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\", \"kind\": \"one-to-many\", \"on-update\": \"explode\" } ] }",
      "bad.cardinal: $.relationships[0].on-update: unknown action \"explode\" (expected no-action, restrict, cascade, set-null or set-default)" },
    { "{ \"format\": 2, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\", \"kind\": \"one-to-many\", \"link\": { \"name\": \"x\" } } ] }",
      "bad.cardinal: $.relationships[0].link.name: unknown key" },
    { "{ \"format\": 2, \"relationships\": [ { \"name\": \"r\", \"entity1\": \"a\", \"entity2\": \"b\", \"kind\": \"one-to-many\", \"entity1-columns\": [ \"\" ] } ] }",
      "bad.cardinal: $.relationships[0].entity1-columns[0]: expected a non-empty string" },
    { "{ \"format\": 4 }",
      "bad.cardinal: written by a newer version of Cardinal (format 4; this version reads format 3 and older)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = cardinal_document_load_data (cases[i].json, -1, "bad.cardinal", &error);

      g_assert_null (model);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

static void
test_example_names_sorted (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = cardinal_test_example_path (names[i]);

      g_assert_false (g_str_has_suffix (names[i], ".cardinal"));
      g_assert_true (g_file_test (path, G_FILE_TEST_IS_REGULAR));
      if (i > 0)
        g_assert_cmpstr (names[i - 1], <, names[i]);
    }
}

/* The file names in @dir, sorted and joined by spaces: temporary files would show. */
static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
list_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_save (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = build_full_model ();
  g_autoptr(CardinalModel) small = cardinal_model_new ("small");
  g_autoptr(CardinalModel) loaded = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *small_expected = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *listing = NULL;
  g_autofree char *subdir = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing_parent = NULL;
  g_autoptr(GFile) file_parent = NULL;
  g_autoptr(GFile) directory = NULL;
  gboolean saved;

  g_assert_no_error (error);
  path = g_build_filename (dir, "élève model.cardinal", NULL);
  file = g_file_new_for_path (path);
  expected = cardinal_document_to_data (model, NULL);
  small_expected = cardinal_document_to_data (small, NULL);

  /* A new file. */
  saved = cardinal_document_save_file (model, file, &error);
  g_assert_no_error (error);
  g_assert_true (saved);
  contents = cardinal_test_read_file (path);
  g_assert_cmpstr (contents, ==, expected);
  loaded = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  assert_models_equal (model, loaded);

  /* Replacing a longer file with a shorter one leaves nothing of the old one. */
  saved = cardinal_document_save_file (small, file, &error);
  g_assert_no_error (error);
  g_assert_true (saved);
  g_clear_pointer (&contents, g_free);
  contents = cardinal_test_read_file (path);
  g_assert_cmpstr (contents, ==, small_expected);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "élève model.cardinal");

  /* A directory that does not exist. */
  {
    g_autofree char *missing = g_build_filename (dir, "missing", "x.cardinal", NULL);

    missing_parent = g_file_new_for_path (missing);
    saved = cardinal_document_save_file (model, missing_parent, &error);
    g_assert_false (saved);
    g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  }

  /* A parent that is a file: the save fails and the file is untouched. */
  file_parent = g_file_get_child (file, "child.cardinal");
  saved = cardinal_document_save_file (model, file_parent, &error);
  g_assert_false (saved);
  g_assert_nonnull (error);
  g_assert_true (error->domain == G_IO_ERROR);
  g_clear_error (&error);
  g_clear_pointer (&contents, g_free);
  contents = cardinal_test_read_file (path);
  g_assert_cmpstr (contents, ==, small_expected);

  /* A target that is a directory: refused, and no temporary file is left behind. */
  subdir = g_build_filename (dir, "sub", NULL);
  g_assert_cmpint (g_mkdir (subdir, 0700), ==, 0);
  directory = g_file_new_for_path (subdir);
  saved = cardinal_document_save_file (model, directory, &error);
  g_assert_false (saved);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_true (g_file_test (subdir, G_FILE_TEST_IS_DIR));
  g_clear_pointer (&listing, g_free);
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==, "sub élève model.cardinal");

  g_assert_cmpint (g_rmdir (subdir), ==, 0);
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

static void
test_load_file_errors (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *missing_path = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) missing = NULL;
  g_autoptr(CardinalModel) model = NULL;
  gboolean written;

  g_assert_no_error (error);

  missing_path = g_build_filename (dir, "absent.cardinal", NULL);
  missing = g_file_new_for_path (missing_path);
  model = cardinal_document_load_file (missing, &error);
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "absent.cardinal"));
  g_clear_error (&error);

  /* Errors inside a file name the file as the reader knows it. */
  path = g_build_filename (dir, "broken.cardinal", NULL);
  written = g_file_set_contents (path, "{\n  \"format\": 1,\n  \"name\": \"x\",,\n}\n", -1, &error);
  g_assert_no_error (error);
  g_assert_true (written);
  file = g_file_new_for_path (path);
  model = cardinal_document_load_file (file, &error);
  g_assert_null (model);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
  g_assert_true (g_str_has_prefix (error->message, "broken.cardinal:3:"));
  g_clear_error (&error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* "checks" is optional: written only when there are some, kept in order. */
static void
test_checks (void)
{
  static const char json[] =
    "{\n"
    "  \"format\": 1,\n"
    "  \"name\": \"shop\",\n"
    "  \"entities\": [\n"
    "    {\n"
    "      \"name\": \"item\",\n"
    "      \"x\": 0,\n"
    "      \"y\": 0,\n"
    "      \"attributes\": [\n"
    "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },\n"
    "        { \"name\": \"price\", \"type\": \"numeric(8,2)\" }\n"
    "      ],\n"
    "      \"checks\": [\n"
    "        \"\\\"price\\\" >= 0\",\n"
    "        \"\\\"id\\\" > 0\"\n"
    "      ]\n"
    "    }\n"
    "  ],\n"
    "  \"relationships\": []\n"
    "}\n";
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (json);
  CardinalEntity *item = cardinal_model_find_entity (model, "item");
  g_autofree char *saved = NULL;
  g_autofree char *without = NULL;
  g_autoptr(CardinalModel) copy = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) bad = NULL;

  g_assert_nonnull (item);
  g_assert_cmpuint (item->checks->len, ==, 2);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (item->checks, 0))->expression, ==, "\"price\" >= 0");
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (item->checks, 1))->expression, ==, "\"id\" > 0");

  saved = cardinal_document_to_data (model, NULL);
  g_assert_cmpstr (saved, ==, json);

  /* A copy keeps them; without any, the key disappears from the file. */
  copy = cardinal_model_copy (model);
  item = cardinal_model_find_entity (copy, "item");
  g_assert_cmpuint (item->checks->len, ==, 2);
  g_ptr_array_set_size (item->checks, 0);
  without = cardinal_document_to_data (copy, NULL);
  g_assert_null (strstr (without, "\"checks\""));

  bad = cardinal_document_load_data ("{ \"format\": 1, \"entities\": [ { \"name\": \"a\", "
                                     "\"checks\": [ \"x > 0\", 3 ] } ] }", -1, "bad.cardinal", &error);
  g_assert_null (bad);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
  g_assert_cmpstr (error->message, ==, "bad.cardinal: $.entities[0].checks[1]: expected a string");
  g_clear_error (&error);

  bad = cardinal_document_load_data ("{ \"format\": 1, \"entities\": [ { \"name\": \"a\", "
                                     "\"checks\": [ \"\" ] } ] }", -1, "bad.cardinal", &error);
  g_assert_null (bad);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  bad = cardinal_document_load_data ("{ \"format\": 1, \"entities\": [ { \"name\": \"a\", "
                                     "\"checks\": \"x > 0\" } ] }", -1, "bad.cardinal", &error);
  g_assert_null (bad);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
}

/* Loads @path and expects @code in G_IO_ERROR with every piece of @fragments
 * in the message, fast: what is refused is refused before it is read. */
static void
assert_load_refused (const char *path,
                     int         code,
                     const char *fragment)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = NULL;
  gint64 start = g_get_monotonic_time ();

  model = cardinal_document_load_file (file, &error);
  g_test_message ("%s: %s", path, error != NULL ? error->message : "(loaded)");
  g_assert_null (model);
  g_assert_error (error, G_IO_ERROR, code);
  g_assert_nonnull (strstr (error->message, fragment));
  g_assert_nonnull (strstr (error->message, path));
  /* Reading 4 GiB of /dev/zero took minutes; a refusal takes microseconds. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 5 * G_USEC_PER_SEC);
}

/* /dev/zero, a FIFO with no writer, a directory and a sparse file of 5.2 GB. */
static void
test_load_special_files (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *fifo = NULL;
  g_autofree char *big = NULL;
  g_autofree char *small = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;
  int fd;

  g_assert_no_error (error);

  if (g_file_test ("/dev/zero", G_FILE_TEST_EXISTS))
    assert_load_refused ("/dev/zero", G_IO_ERROR_NOT_REGULAR_FILE, "is a device, not a file");

  fifo = g_build_filename (dir, "pipe.cardinal", NULL);
  g_assert_cmpint (mkfifo (fifo, 0600), ==, 0);
  assert_load_refused (fifo, G_IO_ERROR_NOT_REGULAR_FILE, "is a FIFO");

  assert_load_refused (dir, G_IO_ERROR_IS_DIRECTORY, "is a directory");

  big = g_build_filename (dir, "big.cardinal", NULL);
  fd = g_open (big, O_WRONLY | O_CREAT | O_TRUNC, 0600);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (ftruncate (fd, (off_t) 5200 * 1000 * 1000), ==, 0);
  g_assert_cmpint (close (fd), ==, 0);
  assert_load_refused (big, G_IO_ERROR_MESSAGE_TOO_LARGE, "is 5.2\xc2\xa0GB; Cardinal reads files of at most 256\xc2\xa0MB");

  /* The limit is the caller's: one byte over it is refused, at it is read. */
  small = g_build_filename (dir, "small.cardinal", NULL);
  g_file_set_contents (small, "0123456789", 10, &error);
  g_assert_no_error (error);
  g_assert_false (cardinal_file_read (small, 9, &contents, &length, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE);
  g_clear_error (&error);
  g_assert_true (cardinal_file_read (small, 10, &contents, &length, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (length, ==, 10);
  g_assert_cmpstr (contents, ==, "0123456789");

  g_assert_cmpint (g_unlink (small), ==, 0);
  g_assert_cmpint (g_unlink (big), ==, 0);
  g_assert_cmpint (g_unlink (fifo), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

typedef struct
{
  const char *json;
  const char *message;
} StrictCase;

/* What json-glib 1.6 would take silently and wrongly. */
static const StrictCase strict_cases[] = {
  { "{ \"format\": 1, \"name\": \"a\", \"name\": \"b\" }",
    "school.cardinal:1:29: $.name: the key \"name\" appears twice in this object" },
  { "{ \"format\": 1, \"name\": \"a\", \"n\\u0061me\": \"b\" }",
    "$.name: the key \"name\" appears twice" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\" }, { \"name\": \"b\",\n  \"x\": 1, \"x\": 2 } ] }",
    "school.cardinal:2:11: $.entities[1].x: the key \"x\" appears twice" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\",\n"
    "  \"type\": \"text\" } ] } ] }", "$.entities[0].attributes[0].type: the key \"type\" appears twice" },
  { "{ \"format\": 1, \"name\": \"\\ud800x\" }",
    "school.cardinal:1:25: $.name: \\ud800 is the first half of a UTF-16 surrogate pair without its second half" },
  { "{ \"format\": 1, \"name\": \"\\uDBFF\\u0041\" }", "\\udbff is the first half" },
  { "{ \"format\": 1, \"name\": \"\\udc00\" }", "$.name: \\udc00 is the second half" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\\u0000b\" } ] }",
    "$.entities[0].name: \\u0000 (a NUL character) is not allowed in a document" },
  { "{ \"format\": 99999999999999999999 }",
    "school.cardinal:1:13: $.format: the number 99999999999999999999 is out of range" },
  { "{ \"format\": 1, \"entities\": [ { \"name\": \"a\", \"x\": -9223372036854775809 } ] }",
    "$.entities[0].x: the number -9223372036854775809 is out of range" },
};

static void
test_strict_json (void)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CardinalEntity *entity;

  for (gsize i = 0; i < G_N_ELEMENTS (strict_cases); i++)
    {
      g_autoptr(CardinalModel) refused = NULL;

      refused = cardinal_document_load_data (strict_cases[i].json, -1, "school.cardinal", &error);
      g_test_message ("%s → %s", strict_cases[i].json, error != NULL ? error->message : "(loaded)");
      g_assert_null (refused);
      g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE);
      g_assert_true (g_str_has_prefix (error->message, "school.cardinal:"));
      g_assert_nonnull (strstr (error->message, strict_cases[i].message));
      g_clear_error (&error);
    }

  /* What stays allowed: a real pair, escapes in names, the largest integer,
   * the same key in two different objects. */
  model = cardinal_document_load_data ("{ \"format\": 1, \"name\": \"\\ud83d\\ude00 \\\"q\\\" \\u00e9\",\n"
                                       "  \"entities\": [ { \"name\": \"a\", \"x\": 9223372036854775807 },\n"
                                       "                { \"name\": \"b\", \"x\": -9223372036854775808 } ] }",
                                       -1, "school.cardinal", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (model->name, ==, "\xf0\x9f\x98\x80 \"q\" \xc3\xa9");
  entity = g_ptr_array_index (model->entities, 0);
  g_assert_cmpfloat (entity->x, ==, 9223372036854775807.0);
}

static char *
make_stale_temp (const char *dir,
                 const char *name)
{
  g_autoptr(GError) error = NULL;
  char *path = g_build_filename (dir, name, NULL);

  g_file_set_contents (path, "{ \"format\": 1, \"name\": \"half", -1, &error);
  g_assert_no_error (error);
  return path;
}

/* A save killed half-way leaves its temporary file; the next save of the
 * same document removes it, and nothing else. */
static void
test_save_litter (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_model_new ("litter");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *stale1 = NULL;
  g_autofree char *stale2 = NULL;
  g_autofree char *busy = NULL;
  g_autofree char *listing = NULL;
  g_autoptr(GFile) file = NULL;
  const char *unrelated[] = {
    "notes.txt",
    ".other.cardinal.cardinal-save-Ab12Cd",     /* another document's */
    ".shop.cardinal.cardinal-save-Ab12Cd7",     /* not our pattern: seven characters */
    ".shop.cardinal.cardinal-save-Ab-2Cd",      /* not our pattern: a dash */
    "shop.cardinal.cardinal-save-Ab12Cd",       /* not our pattern: no dot */
  };
  int busy_fd;
  struct stat info;

  g_assert_no_error (error);
  path = g_build_filename (dir, "shop.cardinal", NULL);
  file = g_file_new_for_path (path);

  stale1 = make_stale_temp (dir, ".shop.cardinal.cardinal-save-x1Y2z3");
  stale2 = make_stale_temp (dir, ".shop.cardinal.cardinal-save-000000");
  for (gsize i = 0; i < G_N_ELEMENTS (unrelated); i++)
    g_free (make_stale_temp (dir, unrelated[i]));
  /* A save in progress in another process holds a lock on its file. */
  busy = make_stale_temp (dir, ".shop.cardinal.cardinal-save-BUSY00");
  busy_fd = g_open (busy, O_RDONLY, 0);
  g_assert_cmpint (busy_fd, >=, 0);
  g_assert_cmpint (flock (busy_fd, LOCK_EX), ==, 0);

  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);

  g_assert_false (g_file_test (stale1, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (stale2, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (busy, G_FILE_TEST_EXISTS));
  listing = list_dir (dir);
  g_assert_cmpstr (listing, ==,
                   ".other.cardinal.cardinal-save-Ab12Cd .shop.cardinal.cardinal-save-Ab-2Cd "
                   ".shop.cardinal.cardinal-save-Ab12Cd7 .shop.cardinal.cardinal-save-BUSY00 "
                   "notes.txt shop.cardinal shop.cardinal.cardinal-save-Ab12Cd");

  /* Once the lock is gone (the process died), the next save removes it too. */
  g_assert_cmpint (close (busy_fd), ==, 0);
  g_assert_cmpint (g_chmod (path, 0640), ==, 0);
  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);
  g_assert_false (g_file_test (busy, G_FILE_TEST_EXISTS));
  /* A save keeps the document's permissions. */
  g_assert_cmpint (g_stat (path, &info), ==, 0);
  g_assert_cmpint (info.st_mode & 0777, ==, 0640);

  for (gsize i = 0; i < G_N_ELEMENTS (unrelated); i++)
    {
      g_autofree char *other = g_build_filename (dir, unrelated[i], NULL);

      g_assert_cmpint (g_unlink (other), ==, 0);
    }
  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Saving through a symbolic link replaces the file it points to. */
static void
test_save_symlink (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_model_new ("linked");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *target = NULL;
  g_autofree char *link = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *expected = cardinal_document_to_data (model, NULL);
  g_autoptr(GFile) file = NULL;

  g_assert_no_error (error);
  target = g_build_filename (dir, "real.cardinal", NULL);
  link = g_build_filename (dir, "link.cardinal", NULL);
  g_file_set_contents (target, "old", -1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (symlink ("real.cardinal", link), ==, 0);

  file = g_file_new_for_path (link);
  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_test (link, G_FILE_TEST_IS_SYMLINK));
  contents = cardinal_test_read_file (target);
  g_assert_cmpstr (contents, ==, expected);

  g_assert_cmpint (g_unlink (link), ==, 0);
  g_assert_cmpint (g_unlink (target), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Two names that differ only in bytes that are not UTF-8 would be written
 * the same (U+FFFD); the save refuses, and the text written is UTF-8. */
static void
test_save_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_model_new ("bytes");
  g_autofree char *dir = g_dir_make_tmp ("cardinal-document-XXXXXX", &error);
  g_autofree char *path = NULL;
  g_autofree char *data = NULL;
  g_autoptr(GFile) file = NULL;
  gsize length;

  g_assert_no_error (error);
  cardinal_model_add_entity (model, cardinal_entity_new ("t\xff"));
  cardinal_model_add_entity (model, cardinal_entity_new ("t\xfe"));

  data = cardinal_document_to_data (model, &length);
  g_assert_true (g_utf8_validate_len (data, length, NULL));

  path = g_build_filename (dir, "bytes.cardinal", NULL);
  file = g_file_new_for_path (path);
  g_assert_false (cardinal_document_save_file (model, file, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "is not valid UTF-8"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* The refusal is about this model only: a clean one saves next. */
  g_clear_pointer (&model, cardinal_model_free);
  model = cardinal_model_new ("clean");
  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);

  g_assert_cmpint (g_unlink (path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
}

/* Stable ids (DESIGN.md §7): derived on load and not written while they are
 * the derived ones, kept through a rename, unique within a document. */
static void
test_ids (void)
{
  static const char doc[] =
    "{\n  \"format\": 1,\n  \"name\": \"m\",\n  \"entities\": [\n    {\n      \"name\": \"user\",\n"
    "      \"x\": 0,\n      \"y\": 0,\n      \"attributes\": [\n"
    "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n      ]\n    }\n  ],\n"
    "  \"relationships\": []\n}\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_document_load_data (doc, -1, "ids", &error);
  g_autoptr(CardinalModel) again = NULL;
  g_autoptr(CardinalModel) bad = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *renamed = NULL;
  g_autofree char *entity_id = NULL;
  g_autofree char *attribute_id = NULL;
  g_autofree char *duplicate = NULL;
  CardinalEntity *user;
  CardinalAttribute *id;

  g_assert_no_error (error);
  user = g_ptr_array_index (model->entities, 0);
  id = g_ptr_array_index (user->attributes, 0);
  g_assert_true (cardinal_id_is_valid (user->id));
  g_assert_cmpuint (strlen (user->id), ==, CARDINAL_ID_LENGTH);
  g_assert_cmpstr (user->id, !=, id->id);
  entity_id = g_strdup (user->id);
  attribute_id = g_strdup (id->id);

  /* Unedited: the same bytes, format 1, no ids written. */
  saved = cardinal_document_to_data (model, NULL);
  g_assert_cmpstr (saved, ==, doc);

  /* Renamed: the ids stay and are written, so the file is format 2. */
  g_free (user->name);
  user->name = g_strdup ("account");
  renamed = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (renamed, "\"format\": 2"));
  g_assert_nonnull (strstr (renamed, entity_id));
  again = cardinal_document_load_data (renamed, -1, "renamed", &error);
  g_assert_no_error (error);
  user = g_ptr_array_index (again->entities, 0);
  g_assert_cmpstr (user->id, ==, entity_id);
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (user->attributes, 0))->id, ==, attribute_id);

  /* The same id twice is an error at the second one's path. */
  duplicate = g_strdup_printf ("{ \"format\": 2, \"name\": \"m\", \"entities\": ["
                               "{ \"name\": \"a\", \"id\": \"abc\", \"attributes\": [] },"
                               "{ \"name\": \"b\", \"attributes\": [ { \"name\": \"x\", \"id\": \"abc\", \"type\": \"text\" } ] } ],"
                               " \"relationships\": [] }");
  bad = cardinal_document_load_data (duplicate, -1, "dup", &error);
  g_assert_null (bad);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "$.entities[1].attributes[0].id"));
  g_assert_nonnull (strstr (error->message, "$.entities[0]"));
  g_clear_error (&error);

  bad = cardinal_document_load_data ("{ \"format\": 2, \"name\": \"m\", \"entities\": ["
                                     "{ \"name\": \"a\", \"id\": \"a b\", \"attributes\": [] } ] }",
                                     -1, "space", &error);
  g_assert_null (bad);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/document/layout", test_layout);
  g_test_add_func ("/document/layout-empty", test_layout_empty);
  g_test_add_func ("/document/round-trip", test_round_trip);
  g_test_add_func ("/document/round-trip-unicode", test_round_trip_unicode);
  g_test_add_func ("/document/defaults", test_defaults);
  g_test_add_func ("/document/defaults-left-out", test_defaults_left_out);
  g_test_add_func ("/document/numbers", test_numbers);
  g_test_add_func ("/document/questionable-models-load", test_questionable_models_load);
  g_test_add_func ("/document/errors", test_errors);
  g_test_add_func ("/document/error-message-whole", test_error_message_whole);
  g_test_add_func ("/document/error-nul-byte", test_error_nul_byte);
  g_test_add_func ("/document/byte-order-mark", test_byte_order_mark);
  g_test_add_func ("/document/deep-nesting", test_deep_nesting);
  g_test_add_func ("/document/brackets-in-strings", test_brackets_in_strings);
  g_test_add_func ("/document/truncations", test_truncations);
  g_test_add_func ("/document/mutations", test_mutations);
  g_test_add_func ("/document/type-substitutions", test_type_substitutions);
  g_test_add_func ("/document/example-names", test_example_names_sorted);
  g_test_add_func ("/document/examples-resave", test_examples_resave);
  g_test_add_func ("/document/save", test_save);
  g_test_add_func ("/document/load-file-errors", test_load_file_errors);
  g_test_add_func ("/document/load-special-files", test_load_special_files);
  g_test_add_func ("/document/strict-json", test_strict_json);
  g_test_add_func ("/document/save-litter", test_save_litter);
  g_test_add_func ("/document/save-symlink", test_save_symlink);
  g_test_add_func ("/document/save-invalid-utf8", test_save_invalid_utf8);
  g_test_add_func ("/document/checks", test_checks);
  g_test_add_func ("/document/format2/everything", test_format2_everything);
  g_test_add_func ("/document/format2/number", test_format_number);
  g_test_add_func ("/document/format2/errors", test_format2_errors);
  g_test_add_func ("/document/ids", test_ids);

  return g_test_run ();
}
