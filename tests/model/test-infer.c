/* test-infer.c: physical → logical inference; engineer then infer gives the model back, in process (no database). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-types.h"
#include "cardinal-infer.h"
#include "cardinal-test-canonical.h"
#include "cardinal-test-generate.h"
#include "cardinal-test-schema.h"
#include "cardinal-test-support.h"
#include "cardinal-validate.h"

#define STRV(...) g_strdupv ((char **) (const char *[]) { __VA_ARGS__, NULL })
#define UNIQUE(...) cardinal_unique_new ((const char *[]) { __VA_ARGS__, NULL })

/* Physical schemas compared without the names the engineer generates
 * (constraints, indexes) and without table order: what a database would
 * hold, as one sorted text. */

static void
append_strv (GString            *out,
             const char * const *strv)
{
  g_string_append_c (out, '(');
  for (guint i = 0; strv != NULL && strv[i] != NULL; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? "," : "", strv[i]);
  g_string_append_c (out, ')');
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
table_signature (const CardinalTable *table)
{
  GString *out = g_string_new (NULL);
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);

  g_string_append_printf (out, "table %s [%s]\n", table->name, table->comment);
  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      g_string_append_printf (out, "  column %s %s%s%s default=%s comment=%s\n", column->name, column->type,
                              column->nullable ? "" : " not-null", column->autoincrement ? " autoincrement" : "",
                              column->default_value ? column->default_value : "-", column->comment);
    }
  g_string_append (out, "  primary key ");
  append_strv (out, (const char * const *) table->primary_key);
  g_string_append_c (out, '\n');

  for (guint i = 0; i < table->uniques->len; i++)
    {
      GString *part = g_string_new ("  unique ");

      append_strv (part, (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns);
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);
      GString *part = g_string_new ("  foreign key ");

      append_strv (part, (const char * const *) fk->columns);
      g_string_append_printf (part, " → %s", fk->ref_table);
      append_strv (part, (const char * const *) fk->ref_columns);
      g_string_append_printf (part, " on delete %s", cardinal_on_delete_to_string (fk->on_delete));
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }
  for (guint i = 0; i < table->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (table->indexes, i);
      GString *part = g_string_new (index->unique ? "  unique index " : "  index ");

      append_strv (part, (const char * const *) index->columns);
      g_ptr_array_add (parts, g_string_free (part, FALSE));
    }
  for (guint i = 0; i < table->checks->len; i++)
    g_ptr_array_add (parts, g_strdup_printf ("  check %s", ((const CardinalCheck *) g_ptr_array_index (table->checks, i))->expression));

  g_ptr_array_sort (parts, compare_strings);
  for (guint i = 0; i < parts->len; i++)
    g_string_append_printf (out, "%s\n", (const char *) g_ptr_array_index (parts, i));
  return g_string_free (out, FALSE);
}

static char *
schema_signature (const CardinalSchema *schema)
{
  g_autoptr(GPtrArray) tables = g_ptr_array_new_with_free_func (g_free);
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < schema->tables->len; i++)
    g_ptr_array_add (tables, table_signature (g_ptr_array_index (schema->tables, i)));
  g_ptr_array_sort (tables, compare_strings);
  for (guint i = 0; i < tables->len; i++)
    g_string_append (out, g_ptr_array_index (tables, i));
  return g_string_free (out, FALSE);
}

/* The schema as a database gives it back: no hints about which entity or
 * relationship produced what. Names (constraints, indexes) stay: a database
 * keeps them, and format 2 keeps those that are not the defaults. */
static void
strip_hints (CardinalSchema *schema)
{
  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);

      g_clear_pointer (&table->relationship, g_free);
      g_free (table->entity);
      table->entity = g_strdup (table->name);
      for (guint k = 0; k < table->columns->len; k++)
        {
          CardinalColumn *column = g_ptr_array_index (table->columns, k);

          g_clear_pointer (&column->relationship, g_free);
          g_clear_pointer (&column->attribute, g_free);
        }
      for (guint k = 0; k < table->foreign_keys->len; k++)
        g_clear_pointer (&((CardinalForeignKey *) g_ptr_array_index (table->foreign_keys, k))->relationship, g_free);
    }
}

static void
print_diagnostics (GPtrArray *diagnostics)
{
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    {
      g_autofree char *text = cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL);

      g_test_message ("%s", text);
    }
}

/* engineer → (hints stripped) → infer equals the canonical model, infers
 * without a warning, and engineers back to the same tables. */
static void
assert_round_trip (const CardinalModel *model,
                   const char          *label)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autoptr(CardinalModel) expected = cardinal_infer_canonical (model);
  g_autoptr(CardinalModel) inferred = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalSchema) again = NULL;
  g_autofree char *difference = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  strip_hints (schema);
  inferred = cardinal_infer (schema, model->name, &diagnostics);
  difference = cardinal_infer_difference (expected, inferred);
  if (difference != NULL)
    {
      g_autofree char *json = cardinal_document_to_data (model, NULL);

      g_test_message ("model:\n%s", json);
      g_error ("%s: %s", label, difference);
    }

  if (diagnostics->len > 0)
    {
      print_diagnostics (diagnostics);
      g_error ("%s: %u inference diagnostics on an engineered schema", label, diagnostics->len);
    }

  again = cardinal_engineer (inferred);
  before = schema_signature (schema);
  after = schema_signature (again);
  if (g_strcmp0 (before, after) != 0)
    {
      g_test_message ("engineered from the model:\n%s\nengineered from the inferred model:\n%s", before, after);
      g_error ("%s: engineer (infer (x)) differs from x", label);
    }

  /* What was inferred validates as well as the model did. */
  {
    g_autoptr(GPtrArray) model_diagnostics = cardinal_validate (model);
    g_autoptr(GPtrArray) inferred_diagnostics = cardinal_validate (inferred);

    if (!cardinal_diagnostics_have_errors (model_diagnostics) && cardinal_diagnostics_have_errors (inferred_diagnostics))
      {
        print_diagnostics (inferred_diagnostics);
        g_error ("%s: the inferred model has errors", label);
      }
  }
}

static void
test_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  g_assert_cmpuint (g_strv_length (names), >=, 10);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);

      assert_round_trip (model, names[i]);
    }
}

static void
test_hostile_names (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("hostile-names");

  assert_round_trip (model, "hostile-names");
}

/* The gallery examples come back with their strategy, kind and sides. */
static void
test_gallery_strategies (void)
{
  static const struct
  {
    const char *example;
    const char *kind;
    const char *strategy;
  } cases[] = {
    { "gallery-a2-shared-pk", "one-to-one", "shared-pk" },
    { "gallery-a3-unique-fk", "one-to-one", "unique-fk" },
    { "gallery-b1-fk", "one-to-many", "fk" },
    { "gallery-b2-link-table", "one-to-many", "link-table" },
    { "gallery-c1-link-table", "many-to-many", "link-table" },
    { "gallery-c2-link-table-pk", "many-to-many", "link-table-pk" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (cases[i].example);
      g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
      g_autoptr(CardinalModel) inferred = cardinal_infer (schema, "gallery", NULL);
      CardinalRelationship *relationship;

      g_assert_cmpuint (inferred->relationships->len, ==, 1);
      relationship = g_ptr_array_index (inferred->relationships, 0);
      g_assert_cmpstr (relationship->entity1, ==, "user");
      g_assert_cmpstr (relationship->entity2, ==, "address");
      g_assert_cmpstr (cardinal_kind_to_string (relationship->kind), ==, cases[i].kind);
      g_assert_cmpstr (cardinal_strategy_to_string (relationship->strategy), ==, cases[i].strategy);
      g_assert_cmpstr (relationship->name, ==, "user_address");
      g_assert_null (relationship->entity1_role);
      g_assert_null (relationship->link_table);
    }
}

/* The blog example names its relationships as a database cannot: roles, link table names and the rule for names. */
static void
test_blog_names (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  g_autoptr(CardinalModel) inferred = cardinal_infer (schema, "blog", NULL);
  CardinalRelationship *authorship = NULL;
  CardinalRelationship *membership = cardinal_model_find_relationship (inferred, "membership");
  CardinalRelationship *post_tag = cardinal_model_find_relationship (inferred, "post_tag");

  for (guint i = 0; i < inferred->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (inferred->relationships, i);

      if (g_strcmp0 (relationship->entity1_role, "author") == 0)
        authorship = relationship;
    }

  g_assert_nonnull (authorship);
  g_assert_cmpstr (authorship->name, ==, "author_post");
  g_assert_cmpstr (authorship->entity1, ==, "user");
  g_assert_cmpstr (authorship->entity2, ==, "post");
  g_assert_true (authorship->entity2_needs_entity1);
  g_assert_cmpint (authorship->on_delete, ==, CARDINAL_ON_DELETE_RESTRICT);

  g_assert_nonnull (membership);
  g_assert_cmpint (membership->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE_PK);
  g_assert_cmpstr (membership->link_table, ==, "membership");
  g_assert_nonnull (post_tag);
  g_assert_null (post_tag->link_table);
}

static void
test_generated (void)
{
  CardinalTestGenerateOptions options = { TRUE, TRUE, 0 };
  guint n_relationships = 0;
  guint per_strategy[CARDINAL_N_STRATEGIES] = { 0 };
  guint n_self = 0;
  guint n_link_attributes = 0;

  for (guint32 seed = 1; seed <= 400; seed++)
    {
      g_autoptr(CardinalModel) model = NULL;
      g_autofree char *label = g_strdup_printf ("seed %u", seed);

      options.hostile_names = seed % 2 == 0;
      model = cardinal_test_generate_model (seed, &options);
      assert_round_trip (model, label);

      n_relationships += model->relationships->len;
      for (guint i = 0; i < model->relationships->len; i++)
        {
          CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

          per_strategy[relationship->strategy]++;
          n_self += g_str_equal (relationship->entity1, relationship->entity2);
          n_link_attributes += relationship->link_attributes->len > 0;
        }
    }

  g_test_message ("%u relationships; self-references %u; with link attributes %u", n_relationships, n_self,
                  n_link_attributes);
  /* The generator must actually exercise every strategy it claims to. */
  for (guint s = CARDINAL_STRATEGY_SHARED_PK; s < CARDINAL_N_STRATEGIES; s++)
    {
      g_test_message ("%s: %u", cardinal_strategy_to_string ((CardinalStrategy) s), per_strategy[s]);
      g_assert_cmpuint (per_strategy[s], >=, 20);
    }
  g_assert_cmpuint (per_strategy[CARDINAL_STRATEGY_MERGED], ==, 0);
  g_assert_cmpuint (n_self, >=, 10);
  g_assert_cmpuint (n_link_attributes, >=, 10);
}

static void
test_generator_deterministic (void)
{
  CardinalTestGenerateOptions options = { TRUE, TRUE, 0 };
  g_autoptr(CardinalModel) a = cardinal_test_generate_model (77, &options);
  g_autoptr(CardinalModel) b = cardinal_test_generate_model (77, &options);
  g_autofree char *json_a = cardinal_document_to_data (a, NULL);
  g_autofree char *json_b = cardinal_document_to_data (b, NULL);

  g_assert_cmpstr (json_a, ==, json_b);
}

/* many-to-one fk and merged are seen as the tables they make. */
static void
test_canonical (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("gallery-a1-merged");
  g_autoptr(CardinalModel) canonical = cardinal_infer_canonical (model);
  g_autoptr(CardinalModel) m2o = cardinal_test_load_example ("gallery-b1-fk");
  g_autoptr(CardinalModel) m2o_canonical = NULL;
  CardinalRelationship *relationship;
  CardinalEntity *user;

  g_assert_cmpuint (canonical->entities->len, ==, 1);
  g_assert_cmpuint (canonical->relationships->len, ==, 0);
  user = cardinal_model_find_entity (canonical, "user");
  g_assert_nonnull (user);
  g_assert_cmpuint (user->attributes->len, >, 2);

  relationship = g_ptr_array_index (m2o->relationships, 0);
  relationship->kind = CARDINAL_KIND_MANY_TO_ONE;
  relationship->entity1_needs_entity2 = TRUE;
  relationship->entity2_needs_entity1 = FALSE;
  relationship->entity2_role = g_strdup ("home");
  m2o_canonical = cardinal_infer_canonical (m2o);
  relationship = g_ptr_array_index (m2o_canonical->relationships, 0);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpstr (relationship->entity1, ==, "address");
  g_assert_cmpstr (relationship->entity2, ==, "user");
  g_assert_cmpstr (relationship->entity1_role, ==, "home");
  g_assert_true (relationship->entity2_needs_entity1);
  g_assert_false (relationship->entity1_needs_entity2);
  assert_round_trip (m2o, "many-to-one");
}

/* The difference names what differs, in words. */
static void
test_difference (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  g_autoptr(CardinalModel) changed = NULL;
  CardinalEntity *entity;
  CardinalRelationship *relationship;
  char *difference;

  changed = cardinal_model_copy (model);
  difference = cardinal_infer_difference (model, changed);
  g_assert_null (difference);

  entity = cardinal_model_find_entity (changed, "post");
  ((CardinalAttribute *) g_ptr_array_index (entity->attributes, 1))->nullable ^= TRUE;
  difference = cardinal_infer_difference (model, changed);
  g_assert_nonnull (difference);
  g_assert_nonnull (strstr (difference, "entity \"post\""));
  g_assert_nonnull (strstr (difference, "nullable"));
  g_free (difference);
  cardinal_model_free (changed);

  changed = cardinal_model_copy (model);
  relationship = cardinal_model_find_relationship (changed, "membership");
  relationship->strategy = CARDINAL_STRATEGY_LINK_TABLE;
  difference = cardinal_infer_difference (model, changed);
  g_assert_nonnull (difference);
  g_assert_nonnull (strstr (difference, "strategy is link-table, expected link-table-pk"));
  g_free (difference);
  cardinal_model_free (changed);

  changed = cardinal_model_copy (model);
  relationship = cardinal_model_find_relationship (changed, "authorship");
  relationship->on_delete = CARDINAL_ON_DELETE_CASCADE;
  g_free (relationship->name);
  relationship->name = g_strdup ("renamed");
  /* Order does not count: the first relationship moves to the end. */
  g_ptr_array_add (changed->relationships, g_ptr_array_steal_index (changed->relationships, 0));
  difference = cardinal_infer_difference (model, changed);
  g_assert_nonnull (difference);
  g_assert_nonnull (strstr (difference, "relationship \"authorship\" (inferred as \"renamed\"): on-delete is cascade"));
  g_free (difference);
  cardinal_model_free (changed);

  changed = cardinal_model_copy (model);
  g_ptr_array_remove_index (changed->entities, 0);
  difference = cardinal_infer_difference (model, changed);
  g_assert_nonnull (difference);
  g_assert_true (g_str_has_suffix (difference, "is missing"));
  g_free (difference);
  g_clear_pointer (&changed, cardinal_model_free);
}

/* Hand-built schemas, as a database made by someone else would give them */

/* A table as the engineer names it: for the entity of its own name. */
static CardinalTable *
add_table (CardinalSchema *schema,
           const char     *name)
{
  CardinalTable *table = cardinal_test_add_table (schema, name);

  table->entity = g_strdup (name);
  return table;
}

static void
add_fk (CardinalTable    *table,
        GStrv             columns,
        const char       *ref_table,
        GStrv             ref_columns,
        CardinalOnDelete  on_delete)
{
  g_autofree char *name = g_strdup_printf ("%s_fk%u", table->name, table->foreign_keys->len);

  cardinal_test_add_foreign_key (table, name, columns, ref_table, ref_columns, on_delete);
}

static void
add_index (CardinalTable *table,
           GStrv          columns,
           gboolean       unique)
{
  g_autofree char *name = g_strdup_printf ("%s_i%u", table->name, table->indexes->len);

  cardinal_test_add_index (table, name, columns, unique);
}

/* A table whose key is its first column, an integer "id". */
static CardinalTable *
add_keyed_table (CardinalSchema *schema,
                 const char     *name)
{
  CardinalTable *table = add_table (schema, name);

  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  return table;
}

static CardinalTable *
add_person (CardinalSchema *schema)
{
  CardinalTable *person = add_table (schema, "person");

  cardinal_test_add_column (person, "id", "integer", FALSE)->autoincrement = TRUE;
  cardinal_test_add_column (person, "email", "text", FALSE);
  cardinal_test_set_primary_key (person, STRV ("id"));
  return person;
}

/* Infers @schema, failing the test on any diagnostic. */
static CardinalModel *
infer_clean (const CardinalSchema *schema)
{
  g_autoptr(GPtrArray) diagnostics = NULL;
  CardinalModel *model = cardinal_infer (schema, NULL, &diagnostics);

  print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  return model;
}

static gboolean
has_code (GPtrArray  *diagnostics,
          const char *code)
{
  for (guint i = 0; i < diagnostics->len; i++)
    if (g_str_equal (((CardinalDiagnostic *) g_ptr_array_index (diagnostics, i))->code, code))
      return TRUE;
  return FALSE;
}

/* A column named "owner" (not owner_id), a REFERENCES without columns, a
 * unique index instead of a UNIQUE constraint. */
static void
test_foreign_key_shapes (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("imported");
  CardinalTable *person = add_person (schema);
  CardinalTable *pet = add_keyed_table (schema, "pet");
  CardinalTable *passport = add_keyed_table (schema, "passport");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *owner, *holder;
  CardinalEntity *entity;

  cardinal_test_add_column (pet, "owner", "integer", TRUE);
  add_fk (pet, STRV ("owner"), "person", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);

  cardinal_test_add_column (passport, "person_id", "integer", FALSE);
  add_fk (passport, STRV ("person_id"), "person", NULL, CARDINAL_ON_DELETE_CASCADE);
  add_index (passport, STRV ("person_id"), TRUE);
  g_ptr_array_add (person->uniques, UNIQUE ("email"));

  model = cardinal_infer (schema, NULL, &diagnostics);
  g_assert_cmpstr (model->name, ==, "imported");
  g_assert_cmpuint (model->relationships->len, ==, 2);

  owner = g_ptr_array_index (model->relationships, 0);
  g_assert_cmpint (owner->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (owner->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpstr (owner->entity1, ==, "person");
  g_assert_cmpstr (owner->entity2, ==, "pet");
  /* No role explains "owner": the column keeps its name. */
  g_assert_null (owner->entity1_role);
  g_assert_cmpstrv (owner->entity1_columns, ((const char *[]) { "owner", NULL }));
  g_assert_false (owner->entity2_needs_entity1);
  g_assert_cmpint (owner->on_delete, ==, CARDINAL_ON_DELETE_SET_NULL);

  holder = g_ptr_array_index (model->relationships, 1);
  g_assert_cmpint (holder->strategy, ==, CARDINAL_STRATEGY_UNIQUE_FK);
  g_assert_cmpstr (holder->name, ==, "person_passport");
  g_assert_null (holder->entity1_role);
  g_assert_true (holder->entity2_needs_entity1);

  entity = cardinal_model_find_entity (model, "person");
  g_assert_true (cardinal_entity_find_attribute (entity, "email")->unique);
  g_assert_true (cardinal_entity_find_attribute (entity, "id")->autoincrement);
  entity = cardinal_model_find_entity (model, "pet");
  g_assert_cmpuint (entity->attributes->len, ==, 1);
  /* The unique index is not a UNIQUE constraint: it is kept as it is. */
  entity = cardinal_model_find_entity (model, "passport");
  g_assert_cmpuint (entity->indexes->len, ==, 1);
  g_assert_true (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->unique);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->name, ==, "passport_i0");
  g_assert_cmpuint (diagnostics->len, ==, 0);
}

/* What fits no pattern stays plain columns or a plain entity, each with a warning that says why. */
static void
test_unfitting (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("odd");
  CardinalTable *person = add_person (schema);
  CardinalTable *club = add_keyed_table (schema, "club");
  CardinalTable *member = add_table (schema, "member");
  CardinalTable *badge = add_keyed_table (schema, "badge");
  CardinalTable *line = add_table (schema, "line");
  CardinalTable *pair = add_table (schema, "pair");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;

  g_ptr_array_add (person->uniques, UNIQUE ("email"));

  cardinal_test_add_column (club, "name", "text", FALSE);
  cardinal_test_add_column (club, "city", "text", FALSE);
  g_ptr_array_add (club->uniques, UNIQUE ("name", "city"));

  /* A link table whose own key is not "id": an entity with two references. */
  cardinal_test_add_column (member, "member_no", "integer", FALSE);
  cardinal_test_add_column (member, "person_id", "integer", FALSE);
  cardinal_test_add_column (member, "club_id", "integer", FALSE);
  cardinal_test_set_primary_key (member, STRV ("member_no"));
  g_ptr_array_add (member->uniques, UNIQUE ("person_id", "club_id"));
  add_fk (member, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (member, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  /* References a UNIQUE column, not the key. */
  cardinal_test_add_column (badge, "email", "text", TRUE);
  add_fk (badge, STRV ("email"), "person", STRV ("email"), CARDINAL_ON_DELETE_NO_ACTION);

  /* A key that partly is a foreign key. */
  cardinal_test_add_column (line, "club_id", "integer", FALSE);
  cardinal_test_add_column (line, "n", "integer", FALSE);
  cardinal_test_set_primary_key (line, STRV ("club_id", "n"));
  add_fk (line, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  /* A link table whose two references delete differently. */
  cardinal_test_add_column (pair, "person_id", "integer", FALSE);
  cardinal_test_add_column (pair, "club_id", "integer", FALSE);
  cardinal_test_set_primary_key (pair, STRV ("person_id", "club_id"));
  add_fk (pair, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (pair, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_RESTRICT);

  /* A table without a key (an SQLite rowid table), and a reference to it. */
  {
    CardinalTable *log = add_table (schema, "log");
    CardinalTable *entry = add_keyed_table (schema, "entry");

    cardinal_test_add_column (log, "id", "integer", TRUE);
    cardinal_test_add_column (entry, "log_id", "integer", TRUE);
    add_fk (entry, STRV ("log_id"), "log", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);
  }

  model = cardinal_infer (schema, "odd", &diagnostics);
  print_diagnostics (diagnostics);
  g_assert_nonnull (cardinal_entity_find_attribute (cardinal_model_find_entity (model, "entry"), "log_id"));

  /* Format 2 keeps what used to be lost: only member and log_id are left over. */
  g_assert_false (has_code (diagnostics, "INFER004"));  /* UNIQUE (name, city) is kept */
  g_assert_true (has_code (diagnostics, "INFER005"));   /* member */
  g_assert_true (has_code (diagnostics, "INFER001"));   /* entry.log_id: log has no key and no UNIQUE */
  g_assert_false (has_code (diagnostics, "INFER002"));  /* line.club_id is identifying */
  g_assert_false (has_code (diagnostics, "INFER006"));  /* pair deletes per side */
  g_assert_cmpuint (diagnostics->len, ==, 2);

  entity = cardinal_model_find_entity (model, "club");
  g_assert_cmpuint (entity->uniques->len, ==, 1);
  g_assert_cmpstrv (((CardinalUnique *) g_ptr_array_index (entity->uniques, 0))->columns,
                    ((const char *[]) { "name", "city", NULL }));
  entity = cardinal_model_find_entity (model, "member");
  g_assert_nonnull (entity);
  g_assert_cmpuint (entity->attributes->len, ==, 1);
  entity = cardinal_model_find_entity (model, "badge");
  g_assert_null (cardinal_entity_find_attribute (entity, "email"));
  entity = cardinal_model_find_entity (model, "line");
  g_assert_true (cardinal_entity_find_attribute (entity, "club_id")->primary_key);
  g_assert_null (cardinal_model_find_entity (model, "pair"));
  /* log has no key: an entity all the same, with no key attribute. */
  entity = cardinal_model_find_entity (model, "log");
  g_assert_nonnull (entity);
  g_assert_false (cardinal_entity_find_attribute (entity, "id")->primary_key);

  /* member: two plain fk; badge and line: one fk each; pair: a link table named after the table. */
  g_assert_cmpuint (model->relationships->len, ==, 5);
  {
    CardinalRelationship *link = cardinal_model_find_relationship (model, "pair");
    CardinalRelationship *badge_email = cardinal_model_find_relationship (model, "person_badge");
    CardinalRelationship *line_club = cardinal_model_find_relationship (model, "club_line");

    g_assert_nonnull (link);
    g_assert_cmpint (link->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
    g_assert_cmpint (link->kind, ==, CARDINAL_KIND_MANY_TO_MANY);
    g_assert_cmpint (link->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
    g_assert_cmpint (link->entity1_on_delete, ==, CARDINAL_ACTION_INHERIT);
    g_assert_cmpint (link->entity2_on_delete, ==, CARDINAL_ON_DELETE_RESTRICT);
    g_assert_cmpint (cardinal_relationship_on_delete_for (link, 2), ==, CARDINAL_ON_DELETE_RESTRICT);
    g_assert_cmpstr (link->link_table, ==, "pair");

    /* A reference to a UNIQUE column: entity1-key. */
    g_assert_nonnull (badge_email);
    g_assert_cmpint (badge_email->strategy, ==, CARDINAL_STRATEGY_FK);
    g_assert_cmpstrv (badge_email->entity1_key, ((const char *[]) { "email", NULL }));
    g_assert_cmpstrv (badge_email->entity1_columns, ((const char *[]) { "email", NULL }));

    g_assert_nonnull (line_club);
    g_assert_true (line_club->identifying);
    g_assert_cmpint (line_club->strategy, ==, CARDINAL_STRATEGY_FK);
  }
}

/* Both link shapes with extra columns become association objects; key column order decides entity1. */
static void
test_association_objects (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("assoc");
  CardinalTable *club;
  CardinalTable *enrollment;
  CardinalTable *booking;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *relationship;
  CardinalAttribute *attribute;

  add_person (schema);
  club = add_table (schema, "club");
  cardinal_test_add_column (club, "id", "integer", FALSE);
  cardinal_test_set_primary_key (club, STRV ("id"));

  enrollment = add_table (schema, "enrollment");
  cardinal_test_add_column (enrollment, "club_id", "integer", FALSE);
  cardinal_test_add_column (enrollment, "person_id", "integer", FALSE);
  cardinal_test_add_column (enrollment, "since", "date", FALSE)->default_value = g_strdup ("CURRENT_DATE");
  cardinal_test_set_primary_key (enrollment, STRV ("club_id", "person_id"));
  add_fk (enrollment, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (enrollment, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  g_ptr_array_add (enrollment->uniques, UNIQUE ("person_id"));

  booking = add_table (schema, "booking");
  cardinal_test_add_column (booking, "id", "integer", FALSE)->autoincrement = TRUE;
  cardinal_test_add_column (booking, "guest_id", "integer", FALSE);
  cardinal_test_add_column (booking, "club_id", "integer", FALSE);
  cardinal_test_add_column (booking, "note", "text", TRUE);
  cardinal_test_set_primary_key (booking, STRV ("id"));
  add_fk (booking, STRV ("guest_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (booking, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_index (booking, STRV ("guest_id", "club_id"), TRUE);
  add_index (booking, STRV ("note"), FALSE);

  model = cardinal_infer (schema, "assoc", &diagnostics);
  print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (model->entities->len, ==, 2);

  relationship = cardinal_model_find_relationship (model, "enrollment");
  g_assert_nonnull (relationship);
  g_assert_cmpstr (relationship->entity1, ==, "club");
  g_assert_cmpstr (relationship->entity2, ==, "person");
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_cmpstr (relationship->link_table, ==, "enrollment");
  g_assert_cmpuint (relationship->link_attributes->len, ==, 1);
  attribute = g_ptr_array_index (relationship->link_attributes, 0);
  g_assert_cmpstr (attribute->name, ==, "since");
  g_assert_false (attribute->nullable);
  g_assert_cmpstr (attribute->default_value, ==, "CURRENT_DATE");

  relationship = cardinal_model_find_relationship (model, "booking");
  g_assert_nonnull (relationship);
  g_assert_cmpstr (relationship->entity1, ==, "person");
  g_assert_cmpstr (relationship->entity1_role, ==, "guest");
  g_assert_null (relationship->entity2_role);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_MANY_TO_MANY);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE_PK);
  g_assert_cmpuint (relationship->link_attributes->len, ==, 1);
  attribute = g_ptr_array_index (relationship->link_attributes, 0);
  /* Neither index has a name the engineer would give: both are kept on the link, as they are. */
  g_assert_false (attribute->index);
  g_assert_false (relationship->index);
  g_assert_nonnull (relationship->link);
  g_assert_cmpuint (relationship->link->indexes->len, ==, 2);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (relationship->link->indexes, 0))->name, ==, "booking_i0");
  g_assert_true (((CardinalIndex *) g_ptr_array_index (relationship->link->indexes, 0))->unique);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (relationship->link->indexes, 1))->name, ==, "booking_i1");
}

/* Composite keys and two references to one table from one table. */
static void
test_composite_and_roles (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("league");
  CardinalTable *team = add_table (schema, "team");
  CardinalTable *match = add_keyed_table (schema, "match");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *home, *away;

  cardinal_test_add_column (team, "region", "varchar(8)", FALSE);
  cardinal_test_add_column (team, "number", "integer", FALSE);
  cardinal_test_set_primary_key (team, STRV ("region", "number"));

  cardinal_test_add_column (match, "home_team_number", "integer", FALSE);
  cardinal_test_add_column (match, "home_team_region", "varchar(8)", FALSE);
  cardinal_test_add_column (match, "away_team_region", "varchar(8)", TRUE);
  cardinal_test_add_column (match, "away_team_number", "integer", TRUE);
  /* Written in the other order than the key: matched by name. */
  add_fk (match, STRV ("home_team_number", "home_team_region"), "team", STRV ("number", "region"),
          CARDINAL_ON_DELETE_RESTRICT);
  add_fk (match, STRV ("away_team_region", "away_team_number"), "team", STRV ("region", "number"),
          CARDINAL_ON_DELETE_SET_NULL);

  model = cardinal_infer (schema, "league", &diagnostics);
  print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 0);
  g_assert_cmpuint (model->relationships->len, ==, 2);
  home = g_ptr_array_index (model->relationships, 0);
  away = g_ptr_array_index (model->relationships, 1);
  g_assert_cmpstr (home->entity1_role, ==, "home_team");
  g_assert_cmpstr (home->name, ==, "home_team_match");
  g_assert_true (home->entity2_needs_entity1);
  g_assert_cmpstr (away->entity1_role, ==, "away_team");
  g_assert_false (away->entity2_needs_entity1);
  /* The engineer would append (home_team_region, home_team_number): the
   * columns stand otherwise, so they are claimed attributes in place. */
  {
    CardinalEntity *entity = cardinal_model_find_entity (model, "match");
    const char *expected[] = { "id", "home_team_number", "home_team_region", "away_team_region", "away_team_number" };

    g_assert_cmpuint (entity->attributes->len, ==, G_N_ELEMENTS (expected));
    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (entity->attributes, i))->name, ==, expected[i]);
    g_assert_false (((CardinalAttribute *) g_ptr_array_index (entity->attributes, 4))->nullable == FALSE);
  }
}

/* Format 2: what a schema made by someone else keeps */

static CardinalForeignKey *
add_named_fk (CardinalTable    *table,
              const char       *name,
              GStrv             columns,
              const char       *ref_table,
              GStrv             ref_columns)
{
  CardinalForeignKey *fk;

  add_fk (table, columns, ref_table, ref_columns, CARDINAL_ON_DELETE_NO_ACTION);
  fk = g_ptr_array_index (table->foreign_keys, table->foreign_keys->len - 1);
  g_free (fk->name);
  fk->name = g_strdup (name);
  return fk;
}

static CardinalIndex *
add_named_index (CardinalTable *table,
                 const char    *name,
                 GStrv          columns,
                 gboolean       unique)
{
  CardinalIndex *index;

  add_index (table, columns, unique);
  index = g_ptr_array_index (table->indexes, table->indexes->len - 1);
  g_free (index->name);
  index->name = g_strdup (name);
  return index;
}

static CardinalAttribute *
attribute_at (const CardinalEntity *entity,
              guint                 position)
{
  g_assert_cmpuint (position, <, entity->attributes->len);
  return g_ptr_array_index (entity->attributes, position);
}

static CardinalRelationship *
relationship_between (const CardinalModel *model,
                      const char          *entity1,
                      const char          *entity2)
{
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (g_str_equal (relationship->entity1, entity1) && g_str_equal (relationship->entity2, entity2))
        return relationship;
    }
  g_error ("no relationship from %s to %s", entity1, entity2);
  return NULL;
}

/* PostgreSQL's own names, as a real server gives them (checked against
 * PostgreSQL 16): parts shortened, the longer first, on a UTF-8 boundary. */
static void
test_postgresql_names (void)
{
  const char *ab[] = { "a", "b", NULL };
  const char *long_column[] = { "yyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyyy", NULL };
  const char *accented[] = { "ééééééééééééééééééééééééééééééé", NULL };
  const char *long_table = "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx";
  const char *longest_table = "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz";
  struct { char *got; const char *expected; } cases[] = {
    { cardinal_identifier_postgresql_name ("t", ab, "key"), "t_a_b_key" },
    { cardinal_identifier_postgresql_name ("t", NULL, "pkey"), "t_pkey" },
    { cardinal_identifier_postgresql_name (long_table, long_column, "key"),
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxx_yyyyyyyyyyyyyyyyyyyyyyyyyyyyy_key" },
    { cardinal_identifier_postgresql_name (long_table, NULL, "check1"),
      "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx_check1" },
    { cardinal_identifier_postgresql_name (longest_table, NULL, "pkey"),
      "zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz_pkey" },
    { cardinal_identifier_postgresql_name (longest_table, accented, "key"),
      "zzzzzzzzzzzzzzzzzzzzzzzzzzzzz_éééééééééééééé_key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_assert_cmpstr (cases[i].got, ==, cases[i].expected);
      g_assert_cmpuint (strlen (cases[i].got), <=, CARDINAL_IDENTIFIER_MAX_BYTES);
      g_free (cases[i].got);
    }
}

/* Chinook: Album.ArtistId references Artist.ArtistId, with names of its own. */
static void
test_chinook_album (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("chinook");
  CardinalTable *artist = add_table (schema, "Artist");
  CardinalTable *album = add_table (schema, "Album");
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *relationship;
  CardinalEntity *entity;

  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  cardinal_test_add_column (artist, "ArtistId", "integer", FALSE);
  cardinal_test_add_column (artist, "Name", "varchar(120)", TRUE);
  cardinal_test_set_primary_key (artist, STRV ("ArtistId"));
  artist->primary_key_name = g_strdup ("PK_Artist");

  cardinal_test_add_column (album, "AlbumId", "integer", FALSE);
  cardinal_test_add_column (album, "Title", "varchar(160)", FALSE);
  cardinal_test_add_column (album, "ArtistId", "integer", FALSE);
  cardinal_test_set_primary_key (album, STRV ("AlbumId"));
  album->primary_key_name = g_strdup ("Album_pkey");   /* PostgreSQL's default: dropped */
  add_named_fk (album, "FK_AlbumArtistId", STRV ("ArtistId"), "Artist", STRV ("ArtistId"));
  add_named_index (album, "IFK_AlbumArtistId", STRV ("ArtistId"), FALSE);

  model = infer_clean (schema);
  g_assert_true (model->has_dialect);
  g_assert_cmpint (model->dialect, ==, CARDINAL_DIALECT_POSTGRESQL);

  g_assert_cmpuint (model->relationships->len, ==, 1);
  relationship = g_ptr_array_index (model->relationships, 0);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_cmpstr (relationship->entity1, ==, "Artist");
  g_assert_cmpstr (relationship->entity2, ==, "Album");
  g_assert_null (relationship->entity1_role);
  g_assert_cmpstrv (relationship->entity1_columns, ((const char *[]) { "ArtistId", NULL }));
  g_assert_null (relationship->entity1_key);
  g_assert_cmpstr (relationship->entity1_fk_name, ==, "FK_AlbumArtistId");
  g_assert_true (relationship->entity2_needs_entity1);
  /* The index is there, but not under the engineer's name: kept as it is. */
  g_assert_false (relationship->index);

  entity = cardinal_model_find_entity (model, "Album");
  /* ArtistId is the last column, plain: the engineer appends it by itself. */
  g_assert_cmpuint (entity->attributes->len, ==, 2);
  g_assert_null (entity->primary_key_name);
  g_assert_null (entity->primary_key_order);
  g_assert_cmpuint (entity->indexes->len, ==, 1);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->name, ==, "IFK_AlbumArtistId");
  g_assert_cmpstrv (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->columns,
                    ((const char *[]) { "ArtistId", NULL }));
  g_assert_cmpstr (cardinal_model_find_entity (model, "Artist")->primary_key_name, ==, "PK_Artist");

  /* The same FK under the engineer's names: nothing explicit is needed. */
  {
    CardinalForeignKey *fk = g_ptr_array_index (album->foreign_keys, 0);
    CardinalIndex *index = g_ptr_array_index (album->indexes, 0);
    g_autoptr(CardinalModel) again = NULL;

    g_free (fk->name);
    fk->name = g_strdup ("Album_ArtistId_fkey");
    g_free (index->name);
    index->name = g_strdup ("Album_ArtistId_idx");
    again = cardinal_infer (schema, NULL, NULL);
    relationship = g_ptr_array_index (again->relationships, 0);
    g_assert_null (relationship->entity1_fk_name);
    g_assert_true (relationship->index);
    g_assert_cmpuint (cardinal_model_find_entity (again, "Album")->indexes->len, ==, 0);
  }
}

/* FK columns that are not where the engineer would append them, or carry
 * more than their type, become claimed attributes in their places. */
static void
test_claimed_attributes (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  CardinalTable *customer = add_table (schema, "customer");
  CardinalTable *clerk = add_table (schema, "clerk");
  CardinalTable *orders = add_table (schema, "orders");
  CardinalTable *invoice = add_keyed_table (schema, "invoice");
  CardinalTable *note = add_keyed_table (schema, "note");
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;
  CardinalAttribute *attribute;

  cardinal_test_add_column (customer, "id", "integer", FALSE)->autoincrement = TRUE;
  cardinal_test_set_primary_key (customer, STRV ("id"));
  cardinal_test_add_column (clerk, "id", "bigint", FALSE);
  cardinal_test_set_primary_key (clerk, STRV ("id"));

  /* orders (order_id, customer_id, order_date): the FK column in the middle. */
  cardinal_test_add_column (orders, "order_id", "integer", FALSE);
  cardinal_test_add_column (orders, "customer_id", "integer", FALSE);
  cardinal_test_add_column (orders, "order_date", "date", FALSE);
  cardinal_test_set_primary_key (orders, STRV ("order_id"));
  add_fk (orders, STRV ("customer_id"), "customer", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);

  /* invoice: two FKs at the end, but in the other order than the FKs are declared. */
  cardinal_test_add_column (invoice, "clerk_id", "bigint", TRUE);
  cardinal_test_add_column (invoice, "customer_id", "integer", FALSE);
  add_fk (invoice, STRV ("customer_id"), "customer", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (invoice, STRV ("clerk_id"), "clerk", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);

  /* note: at the end, but with a comment, a default and another type. */
  cardinal_test_add_column (note, "customer_id", "bigint", TRUE)->default_value = g_strdup ("0");
  g_free (((CardinalColumn *) g_ptr_array_index (note->columns, 1))->comment);
  ((CardinalColumn *) g_ptr_array_index (note->columns, 1))->comment = g_strdup ("who wrote it");
  add_fk (note, STRV ("customer_id"), "customer", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);

  model = infer_clean (schema);

  entity = cardinal_model_find_entity (model, "orders");
  g_assert_cmpuint (entity->attributes->len, ==, 3);
  g_assert_cmpstr (attribute_at (entity, 0)->name, ==, "order_id");
  attribute = attribute_at (entity, 1);
  g_assert_cmpstr (attribute->name, ==, "customer_id");
  g_assert_cmpstr (attribute->type, ==, "integer");
  g_assert_false (attribute->nullable);
  g_assert_false (attribute->primary_key);
  g_assert_cmpstr (attribute_at (entity, 2)->name, ==, "order_date");
  {
    CardinalRelationship *relationship = relationship_between (model, "customer", "orders");

    /* customer_id is <role>_<key> with the default role: no explicit columns. */
    g_assert_null (relationship->entity1_role);
    g_assert_null (relationship->entity1_columns);
    g_assert_true (relationship->entity2_needs_entity1);
    /* No index on customer_id in the table. */
    g_assert_false (relationship->index);
  }

  /* The relationships are ordered as their columns stand: clerk then customer. */
  entity = cardinal_model_find_entity (model, "invoice");
  g_assert_cmpuint (entity->attributes->len, ==, 1);
  {
    guint clerk_at = G_MAXUINT, customer_at = G_MAXUINT;

    for (guint i = 0; i < model->relationships->len; i++)
      {
        CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

        if (!g_str_equal (relationship->entity2, "invoice"))
          continue;
        if (g_str_equal (relationship->entity1, "clerk"))
          clerk_at = i;
        else
          customer_at = i;
      }
    g_assert_cmpuint (clerk_at, <, customer_at);
    g_assert_cmpuint (customer_at, !=, G_MAXUINT);
  }

  entity = cardinal_model_find_entity (model, "note");
  g_assert_cmpuint (entity->attributes->len, ==, 2);
  attribute = attribute_at (entity, 1);
  g_assert_cmpstr (attribute->name, ==, "customer_id");
  g_assert_cmpstr (attribute->type, ==, "bigint");
  g_assert_cmpstr (attribute->default_value, ==, "0");
  g_assert_cmpstr (attribute->comment, ==, "who wrote it");
  g_assert_true (attribute->nullable);
  g_assert_false (relationship_between (model, "customer", "note")->entity2_needs_entity1);
}

/* order_line (order_id, line_no): a weak entity, its key partly an FK. */
static void
test_identifying (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  CardinalTable *orders = add_table (schema, "orders");
  CardinalTable *line = add_table (schema, "order_line");
  CardinalTable *tail = add_table (schema, "shipment_line");
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *relationship;
  CardinalEntity *entity;

  cardinal_test_add_column (orders, "order_id", "integer", FALSE);
  cardinal_test_set_primary_key (orders, STRV ("order_id"));

  cardinal_test_add_column (line, "order_id", "integer", FALSE);
  cardinal_test_add_column (line, "line_no", "integer", FALSE);
  cardinal_test_add_column (line, "qty", "integer", FALSE);
  cardinal_test_set_primary_key (line, STRV ("order_id", "line_no"));
  add_fk (line, STRV ("order_id"), "orders", STRV ("order_id"), CARDINAL_ON_DELETE_CASCADE);

  /* The FK column plain at the end, the key in the other order than the default. */
  cardinal_test_add_column (tail, "line_no", "integer", FALSE);
  cardinal_test_add_column (tail, "orders_order_id", "integer", FALSE);
  cardinal_test_set_primary_key (tail, STRV ("line_no", "orders_order_id"));
  add_fk (tail, STRV ("orders_order_id"), "orders", STRV ("order_id"), CARDINAL_ON_DELETE_CASCADE);

  model = infer_clean (schema);

  relationship = relationship_between (model, "orders", "order_line");
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpint (relationship->kind, ==, CARDINAL_KIND_ONE_TO_MANY);
  g_assert_true (relationship->identifying);
  g_assert_true (relationship->entity2_needs_entity1);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpstrv (relationship->entity1_columns, ((const char *[]) { "order_id", NULL }));
  entity = cardinal_model_find_entity (model, "order_line");
  /* order_id leads the table: a claimed key attribute in its place. */
  g_assert_cmpuint (entity->attributes->len, ==, 3);
  g_assert_cmpstr (attribute_at (entity, 0)->name, ==, "order_id");
  g_assert_true (attribute_at (entity, 0)->primary_key);
  g_assert_true (attribute_at (entity, 1)->primary_key);
  g_assert_null (entity->primary_key_order);

  relationship = relationship_between (model, "orders", "shipment_line");
  g_assert_true (relationship->identifying);
  g_assert_null (relationship->entity1_columns);
  entity = cardinal_model_find_entity (model, "shipment_line");
  g_assert_cmpuint (entity->attributes->len, ==, 1);
  /* The engineer puts identifying FK columns first; this key does not. */
  g_assert_cmpstrv (entity->primary_key_order, ((const char *[]) { "line_no", "orders_order_id", NULL }));
}

/* References to a UNIQUE column, and tables without a primary key. */
static void
test_unique_keys_and_keyless (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("keys");
  CardinalTable *tag = add_table (schema, "tag");
  CardinalTable *label = add_keyed_table (schema, "label");
  CardinalTable *event = add_table (schema, "event");
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *relationship;
  CardinalEntity *entity;

  /* tag has no key, only a UNIQUE code. */
  cardinal_test_add_column (tag, "code", "text", FALSE);
  cardinal_test_add_column (tag, "title", "text", TRUE);
  g_ptr_array_add (tag->uniques, UNIQUE ("code"));

  cardinal_test_add_column (label, "tag_code", "text", TRUE);
  add_fk (label, STRV ("tag_code"), "tag", STRV ("code"), CARDINAL_ON_DELETE_SET_NULL);

  /* No key and no reference at all: still an entity. */
  cardinal_test_add_column (event, "at", "timestamp", FALSE);
  cardinal_test_add_column (event, "what", "text", FALSE);

  model = infer_clean (schema);

  entity = cardinal_model_find_entity (model, "event");
  g_assert_nonnull (entity);
  g_assert_cmpuint (entity->attributes->len, ==, 2);
  g_assert_false (attribute_at (entity, 0)->primary_key);
  g_assert_false (attribute_at (entity, 1)->primary_key);

  entity = cardinal_model_find_entity (model, "tag");
  g_assert_true (cardinal_entity_find_attribute (entity, "code")->unique);
  g_assert_false (cardinal_entity_find_attribute (entity, "code")->primary_key);

  relationship = relationship_between (model, "tag", "label");
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_FK);
  g_assert_cmpstrv (relationship->entity1_key, ((const char *[]) { "code", NULL }));
  /* tag_code is <role>_<key column> with the default role. */
  g_assert_null (relationship->entity1_columns);
  g_assert_null (relationship->entity1_role);
  g_assert_false (relationship->entity2_needs_entity1);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_cmpuint (cardinal_model_find_entity (model, "label")->attributes->len, ==, 1);
}

/* Names the engine would give are dropped; all others are kept. */
static void
test_names (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("names");
  CardinalTable *item = add_keyed_table (schema, "item");
  CardinalTable *part = add_keyed_table (schema, "part");
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;
  CardinalUnique *unique;

  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  cardinal_test_add_column (item, "sku", "text", FALSE);
  cardinal_test_add_column (item, "ean", "text", TRUE);
  cardinal_test_add_column (item, "price", "numeric", FALSE);
  cardinal_test_add_column (item, "low", "integer", FALSE);
  cardinal_test_add_column (item, "high", "integer", FALSE);
  cardinal_test_add_column (item, "shelf", "text", TRUE);
  cardinal_test_add_column (item, "bin", "text", TRUE);
  item->primary_key_name = g_strdup ("item_pkey");
  unique = UNIQUE ("sku");
  unique->name = g_strdup ("item_sku_key");          /* PostgreSQL's: the attribute's flag */
  g_ptr_array_add (item->uniques, unique);
  unique = UNIQUE ("ean");
  unique->name = g_strdup ("uq_item_ean");           /* its own: kept */
  g_ptr_array_add (item->uniques, unique);
  unique = UNIQUE ("low", "high");
  unique->name = g_strdup ("item_low_high_key");     /* default, but two columns */
  g_ptr_array_add (item->uniques, unique);
  g_ptr_array_add (item->checks, cardinal_check_new ("item_price_check", "price > 0"));
  g_ptr_array_add (item->checks, cardinal_check_new ("item_check", "low < \"high\""));
  g_ptr_array_add (item->checks, cardinal_check_new ("item_check1", "low >= 0 AND high <= 99"));
  g_ptr_array_add (item->checks, cardinal_check_new ("sane_price", "price < 1000000"));
  g_ptr_array_add (item->checks, cardinal_check_new ("item_low_check", "price <> 'low'"));
  g_ptr_array_add (item->checks, cardinal_check_new ("item_sku_check", "sku <> 'it''s low, high'"));
  add_named_index (item, "item_shelf_idx", STRV ("shelf"), FALSE);  /* the engineer's: a flag */
  add_named_index (item, "ix_bin", STRV ("bin"), FALSE);
  add_named_index (item, "item_shelf_bin_idx", STRV ("shelf", "bin"), FALSE);

  cardinal_test_add_column (part, "item_id", "integer", FALSE);
  part->primary_key_name = g_strdup ("pk_part");
  add_named_fk (part, "part_item_id_fkey", STRV ("item_id"), "item", STRV ("id"));
  add_named_index (part, "part_item_id_idx", STRV ("item_id"), FALSE);

  model = infer_clean (schema);

  entity = cardinal_model_find_entity (model, "item");
  g_assert_null (entity->primary_key_name);
  g_assert_true (cardinal_entity_find_attribute (entity, "sku")->unique);
  g_assert_false (cardinal_entity_find_attribute (entity, "ean")->unique);
  g_assert_true (cardinal_entity_find_attribute (entity, "shelf")->index);
  g_assert_false (cardinal_entity_find_attribute (entity, "bin")->index);

  g_assert_cmpuint (entity->uniques->len, ==, 2);
  unique = g_ptr_array_index (entity->uniques, 0);
  g_assert_cmpstr (unique->name, ==, "uq_item_ean");
  unique = g_ptr_array_index (entity->uniques, 1);
  g_assert_null (unique->name);
  g_assert_cmpstrv (unique->columns, ((const char *[]) { "low", "high", NULL }));

  g_assert_cmpuint (entity->checks->len, ==, 6);
  /* Quoted text names no column, a doubled quote included. */
  g_assert_null (((CardinalCheck *) g_ptr_array_index (entity->checks, 5))->name);
  g_assert_null (((CardinalCheck *) g_ptr_array_index (entity->checks, 0))->name);
  g_assert_null (((CardinalCheck *) g_ptr_array_index (entity->checks, 1))->name);
  g_assert_null (((CardinalCheck *) g_ptr_array_index (entity->checks, 2))->name);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (entity->checks, 3))->name, ==, "sane_price");
  /* 'low' is a string, not the column: PostgreSQL would say item_price_check. */
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (entity->checks, 4))->name, ==, "item_low_check");

  g_assert_cmpuint (entity->indexes->len, ==, 2);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->name, ==, "ix_bin");
  g_assert_null (((CardinalIndex *) g_ptr_array_index (entity->indexes, 1))->name);

  entity = cardinal_model_find_entity (model, "part");
  g_assert_cmpstr (entity->primary_key_name, ==, "pk_part");
  g_assert_cmpuint (entity->indexes->len, ==, 0);
  {
    CardinalRelationship *relationship = relationship_between (model, "item", "part");

    g_assert_null (relationship->entity1_fk_name);
    g_assert_true (relationship->index);
  }

  /* SQLite has no default names: a named primary key stays named. */
  schema->dialect = CARDINAL_DIALECT_SQLITE;
  {
    g_autoptr(CardinalModel) sqlite = cardinal_infer (schema, NULL, NULL);

    g_assert_cmpstr (cardinal_model_find_entity (sqlite, "item")->primary_key_name, ==, "item_pkey");
  }
}

/* The engineer's numbered names ("_2") are defaults only when the first
 * choice is taken by some other object of the schema; a table listed twice
 * is read once, and a foreign key finds its table by schema. */
static void
test_numbered_names (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("numbered");
  CardinalTable *item = add_keyed_table (schema, "item");
  CardinalTable *part = add_keyed_table (schema, "part");
  CardinalTable *taken = add_keyed_table (schema, "part_shelf_idx");
  CardinalTable *twice = add_keyed_table (schema, "item");
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;
  CardinalRelationship *relationship;
  CardinalUnique *unique;

  (void) item;
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  cardinal_test_add_column (twice, "extra", "text", TRUE);
  /* A UNIQUE elsewhere holds the first choice of the FK's name. */
  unique = UNIQUE ("id");
  unique->name = g_strdup ("part_item_id_fkey");
  g_ptr_array_add (taken->uniques, unique);

  cardinal_test_add_column (part, "shelf", "text", TRUE);
  cardinal_test_add_column (part, "bin", "text", TRUE);
  cardinal_test_add_column (part, "item_id", "integer", FALSE);
  add_named_fk (part, "part_item_id_fkey_2", STRV ("item_id"), "item", STRV ("id"));
  add_named_index (part, "part_shelf_idx_2", STRV ("shelf"), FALSE);  /* first choice taken: default */
  add_named_index (part, "part_bin_idx_2", STRV ("bin"), FALSE);      /* first choice free: its own */
  add_named_index (part, "part_item_id_idx", STRV ("item_id"), FALSE);

  model = infer_clean (schema);

  g_assert_cmpuint (model->entities->len, ==, 3);
  entity = cardinal_model_find_entity (model, "item");
  g_assert_cmpuint (entity->attributes->len, ==, 1);

  entity = cardinal_model_find_entity (model, "part");
  g_assert_true (cardinal_entity_find_attribute (entity, "shelf")->index);
  g_assert_false (cardinal_entity_find_attribute (entity, "bin")->index);
  g_assert_cmpuint (entity->indexes->len, ==, 1);
  g_assert_cmpstr (((CardinalIndex *) g_ptr_array_index (entity->indexes, 0))->name, ==, "part_bin_idx_2");

  relationship = relationship_between (model, "item", "part");
  g_assert_null (relationship->entity1_fk_name);
  g_assert_true (relationship->index);

  /* Once nothing holds the first choice, the numbered name is the user's. */
  g_clear_pointer (&unique->name, g_free);
  g_clear_pointer (&model, cardinal_model_free);
  model = cardinal_infer (schema, NULL, NULL);
  relationship = relationship_between (model, "item", "part");
  g_assert_cmpstr (relationship->entity1_fk_name, ==, "part_item_id_fkey_2");
}

/* The foreign keys' ON UPDATE, DEFERRABLE, INITIALLY DEFERRED and MATCH FULL. */
static void
test_fk_options (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("options");
  CardinalTable *parent = add_table (schema, "parent");
  CardinalTable *child = add_keyed_table (schema, "child");
  g_autoptr(CardinalModel) model = NULL;
  CardinalForeignKey *fk;
  CardinalRelationship *relationship;

  cardinal_test_add_column (parent, "a", "integer", FALSE);
  cardinal_test_add_column (parent, "b", "integer", FALSE);
  cardinal_test_set_primary_key (parent, STRV ("a", "b"));
  cardinal_test_add_column (child, "parent_a", "integer", TRUE);
  cardinal_test_add_column (child, "parent_b", "integer", TRUE);
  add_fk (child, STRV ("parent_a", "parent_b"), "parent", STRV ("a", "b"), CARDINAL_ON_DELETE_SET_DEFAULT);
  fk = g_ptr_array_index (child->foreign_keys, 0);
  fk->on_update = CARDINAL_ON_DELETE_CASCADE;
  fk->deferrable = TRUE;
  fk->initially_deferred = TRUE;
  fk->match_full = TRUE;

  model = cardinal_infer (schema, NULL, NULL);
  relationship = relationship_between (model, "parent", "child");
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_SET_DEFAULT);
  g_assert_cmpint (relationship->on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_true (relationship->deferrable);
  g_assert_true (relationship->initially_deferred);
  g_assert_true (relationship->match_full);
  g_assert_cmpint (relationship->entity1_on_delete, ==, CARDINAL_ACTION_INHERIT);
  g_assert_null (relationship->entity1_columns);
}

/* A link table with what an entity table has: options on the relationship's link. */
static void
test_link_extras (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("blog");
  CardinalTable *post = add_keyed_table (schema, "post");
  CardinalTable *tag = add_keyed_table (schema, "tag");
  CardinalTable *tagging = add_table (schema, "tagging");
  CardinalTable *odd = add_table (schema, "odd_link");
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *relationship;
  CardinalForeignKey *fk;
  CardinalUnique *unique;

  (void) post;
  (void) tag;
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;

  cardinal_test_add_column (tagging, "post_id", "integer", FALSE);
  cardinal_test_add_column (tagging, "tag_id", "integer", FALSE);
  cardinal_test_add_column (tagging, "position", "integer", FALSE);
  cardinal_test_set_primary_key (tagging, STRV ("post_id", "tag_id"));
  tagging->schema = g_strdup ("blog");
  g_free (tagging->comment);
  tagging->comment = g_strdup ("which tags a post has");
  tagging->primary_key_name = g_strdup ("tagging_pk");
  add_fk (tagging, STRV ("post_id"), "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (tagging, STRV ("tag_id"), "tag", STRV ("id"), CARDINAL_ON_DELETE_RESTRICT);
  fk = g_ptr_array_index (tagging->foreign_keys, 1);
  fk->on_update = CARDINAL_ON_DELETE_CASCADE;
  g_ptr_array_add (tagging->checks, cardinal_check_new (NULL, "position >= 0"));
  unique = UNIQUE ("post_id", "position");
  unique->name = g_strdup ("one_tag_per_position");
  g_ptr_array_add (tagging->uniques, unique);
  add_named_index (tagging, "tagging_tag_id_idx", STRV ("tag_id"), FALSE);

  /* FK columns after a link attribute and with a comment: claimed link attributes. */
  cardinal_test_add_column (odd, "since", "date", TRUE);
  cardinal_test_add_column (odd, "tag_id", "integer", FALSE);
  cardinal_test_add_column (odd, "post_id", "integer", FALSE);
  g_free (((CardinalColumn *) g_ptr_array_index (odd->columns, 2))->comment);
  ((CardinalColumn *) g_ptr_array_index (odd->columns, 2))->comment = g_strdup ("the post");
  cardinal_test_set_primary_key (odd, STRV ("tag_id", "post_id"));
  add_fk (odd, STRV ("tag_id"), "tag", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (odd, STRV ("post_id"), "post", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  model = infer_clean (schema);
  g_assert_cmpuint (model->entities->len, ==, 2);

  relationship = cardinal_model_find_relationship (model, "tagging");
  g_assert_nonnull (relationship);
  g_assert_cmpint (relationship->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_cmpstr (relationship->entity1, ==, "post");
  g_assert_cmpstr (relationship->entity2, ==, "tag");
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (relationship->entity2_on_delete, ==, CARDINAL_ON_DELETE_RESTRICT);
  g_assert_cmpint (relationship->on_update, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_cmpint (relationship->entity2_on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_true (relationship->index);
  g_assert_cmpuint (relationship->link_attributes->len, ==, 1);
  g_assert_nonnull (relationship->link);
  g_assert_cmpstr (relationship->link->schema, ==, "blog");
  g_assert_cmpstr (relationship->link->comment, ==, "which tags a post has");
  g_assert_cmpstr (relationship->link->primary_key_name, ==, "tagging_pk");
  g_assert_null (relationship->link->primary_key_order);
  g_assert_cmpuint (relationship->link->checks->len, ==, 1);
  g_assert_cmpuint (relationship->link->uniques->len, ==, 1);
  g_assert_cmpstr (((CardinalUnique *) g_ptr_array_index (relationship->link->uniques, 0))->name, ==,
                   "one_tag_per_position");
  g_assert_cmpuint (relationship->link->indexes->len, ==, 0);

  relationship = cardinal_model_find_relationship (model, "odd_link");
  g_assert_nonnull (relationship);
  g_assert_cmpstr (relationship->entity1, ==, "tag");
  g_assert_cmpuint (relationship->link_attributes->len, ==, 3);
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (relationship->link_attributes, 0))->name, ==, "since");
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (relationship->link_attributes, 1))->name, ==, "tag_id");
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (relationship->link_attributes, 2))->comment, ==,
                   "the post");
  g_assert_false (relationship->index);
  g_assert_null (relationship->link);
}

/* Table options, column details and the model-wide objects come along, as copies. */
static void
test_copied_objects (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("pg");
  CardinalTable *a_item = add_keyed_table (schema, "item");
  CardinalTable *b_item = add_keyed_table (schema, "item");
  CardinalTable *measure = add_table (schema, "measure");
  CardinalColumn *column;
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;
  CardinalAttribute *attribute;
  CardinalUserType *mood;
  CardinalExtension *extension = g_new0 (CardinalExtension, 1);
  CardinalForeignKey *fk;

  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;
  g_ptr_array_add (schema->schemas, g_strdup ("a"));
  g_ptr_array_add (schema->schemas, g_strdup ("b"));
  extension->name = g_strdup ("cube");
  g_ptr_array_add (schema->extensions, extension);
  mood = cardinal_user_type_new ("mood", CARDINAL_USER_TYPE_ENUM);
  g_strfreev (mood->values);
  mood->values = STRV ("sad", "ok", "happy");
  g_ptr_array_add (schema->types, mood);
  g_ptr_array_add (schema->sequences, cardinal_sequence_new ("ticket_seq"));
  g_ptr_array_add (schema->objects, cardinal_sql_object_new ("item_view", "view", CARDINAL_DIALECT_POSTGRESQL,
                                                             "CREATE VIEW item_view AS SELECT 1"));

  /* Two tables "item" in two schemas, one referencing the other. */
  a_item->schema = g_strdup ("a");
  b_item->schema = g_strdup ("b");
  b_item->unlogged = TRUE;
  cardinal_test_add_column (b_item, "origin_id", "integer", TRUE);
  add_fk (b_item, STRV ("origin_id"), "item", STRV ("id"), CARDINAL_ON_DELETE_NO_ACTION);
  fk = g_ptr_array_index (b_item->foreign_keys, 0);
  fk->ref_schema = g_strdup ("a");

  g_free (measure->comment);
  measure->comment = g_strdup ("readings");
  measure->partition_by = g_strdup ("RANGE (taken)");
  column = cardinal_test_add_column (measure, "id", "bigint", FALSE);
  column->autoincrement = TRUE;
  column->identity = CARDINAL_IDENTITY_ALWAYS;
  column->sequence = cardinal_sequence_new (NULL);
  column->sequence->has_start = TRUE;
  column->sequence->start = 100;
  column = cardinal_test_add_column (measure, "label", "text", TRUE);
  column->sql_type = g_strdup ("character varying(20)");
  column->collation = g_strdup ("C");
  column = cardinal_test_add_column (measure, "feeling", "mood", TRUE);
  column = cardinal_test_add_column (measure, "twice", "integer", TRUE);
  column->generated = g_strdup ("id * 2");
  column->generated_stored = TRUE;
  cardinal_test_add_column (measure, "taken", "date", FALSE);
  cardinal_test_set_primary_key (measure, STRV ("id", "taken"));
  g_ptr_array_add (measure->checks, cardinal_check_new ("measure_twice_check", "twice > 0"));

  model = infer_clean (schema);

  g_assert_true (model->has_dialect);
  g_assert_cmpuint (model->schemas->len, ==, 2);
  g_assert_cmpstr (g_ptr_array_index (model->schemas, 1), ==, "b");
  g_assert_true (g_ptr_array_index (model->schemas, 1) != g_ptr_array_index (schema->schemas, 1));
  g_assert_cmpuint (model->extensions->len, ==, 1);
  g_assert_cmpstr (((CardinalExtension *) g_ptr_array_index (model->extensions, 0))->name, ==, "cube");
  g_assert_cmpuint (model->types->len, ==, 1);
  g_assert_true (g_ptr_array_index (model->types, 0) != (gpointer) mood);
  g_assert_cmpstrv (((CardinalUserType *) g_ptr_array_index (model->types, 0))->values,
                    ((const char *[]) { "sad", "ok", "happy", NULL }));
  g_assert_cmpuint (model->sequences->len, ==, 1);
  g_assert_cmpuint (model->objects->len, ==, 1);
  g_assert_cmpstr (((CardinalSqlObject *) g_ptr_array_index (model->objects, 0))->kind, ==, "view");

  entity = cardinal_model_find_entity (model, "a.item");
  g_assert_nonnull (entity);
  g_assert_cmpstr (entity->table, ==, "item");
  g_assert_cmpstr (entity->schema, ==, "a");
  entity = cardinal_model_find_entity (model, "b.item");
  g_assert_nonnull (entity);
  g_assert_true (entity->unlogged);
  {
    CardinalRelationship *relationship = relationship_between (model, "a.item", "b.item");

    g_assert_null (relationship->entity1_columns);
    g_assert_cmpstr (relationship->entity1_role, ==, "origin");
  }

  entity = cardinal_model_find_entity (model, "measure");
  g_assert_null (entity->table);
  g_assert_cmpstr (entity->comment, ==, "readings");
  g_assert_cmpstr (entity->partition_by, ==, "RANGE (taken)");
  g_assert_null (((CardinalCheck *) g_ptr_array_index (entity->checks, 0))->name);
  attribute = cardinal_entity_find_attribute (entity, "id");
  g_assert_true (attribute->autoincrement);
  g_assert_cmpint (attribute->identity, ==, CARDINAL_IDENTITY_ALWAYS);
  g_assert_nonnull (attribute->sequence);
  g_assert_true (attribute->sequence->has_start);
  g_assert_cmpint (attribute->sequence->start, ==, 100);
  attribute = cardinal_entity_find_attribute (entity, "label");
  g_assert_cmpstr (attribute->sql_type, ==, "character varying(20)");
  g_assert_cmpstr (attribute->collation, ==, "C");
  g_assert_cmpstr (cardinal_entity_find_attribute (entity, "feeling")->type, ==, "mood");
  attribute = cardinal_entity_find_attribute (entity, "twice");
  g_assert_cmpstr (attribute->generated, ==, "id * 2");
  g_assert_true (attribute->generated_stored);

  /* What a schema keeps, the difference sees. */
  {
    g_autoptr(CardinalModel) changed = cardinal_model_copy (model);
    g_autofree char *none = cardinal_infer_difference (model, changed);
    char *difference;

    g_assert_null (none);
    g_ptr_array_remove_index (changed->objects, 0);
    difference = cardinal_infer_difference (model, changed);
    g_assert_nonnull (difference);
    g_assert_nonnull (strstr (difference, "object"));
    g_free (difference);

    g_clear_pointer (&changed, cardinal_model_free);
    changed = cardinal_model_copy (model);
    g_free (cardinal_entity_find_attribute (cardinal_model_find_entity (changed, "measure"), "label")->collation);
    cardinal_entity_find_attribute (cardinal_model_find_entity (changed, "measure"), "label")->collation = NULL;
    difference = cardinal_infer_difference (model, changed);
    g_assert_nonnull (difference);
    g_assert_nonnull (strstr (difference, "collation"));
    g_free (difference);

    g_clear_pointer (&changed, cardinal_model_free);
    changed = cardinal_model_copy (model);
    relationship_between (changed, "a.item", "b.item")->deferrable = TRUE;
    difference = cardinal_infer_difference (model, changed);
    g_assert_nonnull (difference);
    g_assert_nonnull (strstr (difference, "deferrable is true, expected false"));
    g_free (difference);
  }
}

/* The canonical form writes format 2 fields as infer reads them back. */
static void
test_canonical_format2 (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("gallery-b1-fk");
  g_autoptr(CardinalModel) canonical = NULL;
  CardinalRelationship *relationship = g_ptr_array_index (model->relationships, 0);
  CardinalEntity *user = cardinal_model_find_entity (model, "user");
  g_autofree char *fk_name = NULL;
  g_autofree char *pkey = NULL;

  /* Explicit columns a role explains, the key spelled out, the default FK and key names. */
  g_autoptr(GPtrArray) key = cardinal_entity_primary_key (user);
  const char *key_name = ((CardinalAttribute *) g_ptr_array_index (key, 0))->name;
  g_autofree char *column = g_strconcat ("owner_", key_name, NULL);

  relationship->entity1_columns = g_strdupv ((char **) (const char *[]) { column, NULL });
  relationship->entity1_key = g_strdupv ((char **) (const char *[]) { key_name, NULL });
  fk_name = g_strconcat ("address_", column, "_fkey", NULL);
  relationship->entity1_fk_name = g_strdup (fk_name);
  relationship->entity1_on_delete = CARDINAL_ON_DELETE_CASCADE;
  pkey = g_strdup ("user_pkey");
  user->primary_key_name = g_strdup (pkey);
  user->table = g_strdup ("user");
  g_ptr_array_add (user->checks, cardinal_check_new ("user_name_check", "length(name) > 0"));
  g_ptr_array_add (user->checks, cardinal_check_new ("named_rule", "length(name) < 99"));
  {
    CardinalEntity *address = cardinal_model_find_entity (model, "address");
    CardinalIndex *index = cardinal_index_new (NULL, (const char *[]) { "city", NULL }, FALSE);

    g_ptr_array_add (address->uniques, UNIQUE ("postal_code"));
    g_ptr_array_add (address->indexes, index);
    index = cardinal_index_new ("address_street_idx", (const char *[]) { "street", NULL }, FALSE);
    g_ptr_array_add (address->indexes, index);
  }

  canonical = cardinal_infer_canonical (model);
  relationship = g_ptr_array_index (canonical->relationships, 0);
  g_assert_cmpstr (relationship->entity1_role, ==, "owner");
  g_assert_null (relationship->entity1_columns);
  g_assert_null (relationship->entity1_key);
  g_assert_null (relationship->entity1_fk_name);
  g_assert_cmpint (relationship->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_cmpint (relationship->entity1_on_delete, ==, CARDINAL_ACTION_INHERIT);
  user = cardinal_model_find_entity (canonical, "user");
  g_assert_null (user->primary_key_name);
  g_assert_null (user->table);
  g_assert_null (((CardinalCheck *) g_ptr_array_index (user->checks, 0))->name);
  g_assert_cmpstr (((CardinalCheck *) g_ptr_array_index (user->checks, 1))->name, ==, "named_rule");
  {
    CardinalEntity *address = cardinal_model_find_entity (canonical, "address");

    /* Unnamed single-column UNIQUE and indexes with default names are the attributes' flags. */
    g_assert_cmpuint (address->uniques->len, ==, 0);
    g_assert_cmpuint (address->indexes->len, ==, 0);
    g_assert_true (cardinal_entity_find_attribute (address, "postal_code")->unique);
    g_assert_true (cardinal_entity_find_attribute (address, "city")->index);
    g_assert_true (cardinal_entity_find_attribute (address, "street")->index);
  }

  /* And it still round-trips through the engineer of this tree. */
  assert_round_trip (canonical, "canonical format 2");
}

/* A model with a claimed attribute, and the tables the engineer makes of it
 * (DESIGN.md §4), built by hand: infer gives back the canonical model. */
static void
test_canonical_claims (void)
{
  static const char json[] =
    "{ \"format\": 1, \"name\": \"shop\", \"entities\": [\n"
    "  { \"name\": \"customer\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] },\n"
    "  { \"name\": \"clerk\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] },\n"
    "  { \"name\": \"orders\", \"attributes\": [\n"
    "    { \"name\": \"order_id\", \"type\": \"integer\", \"primary-key\": true },\n"
    "    { \"name\": \"customer_id\", \"type\": \"integer\", \"nullable\": false },\n"
    "    { \"name\": \"order_date\", \"type\": \"date\", \"nullable\": false } ] },\n"
    "  { \"name\": \"receipt\", \"attributes\": [\n"
    "    { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },\n"
    "    { \"name\": \"customer_id\", \"type\": \"integer\" } ] } ],\n"
    " \"relationships\": [\n"
    "  { \"name\": \"buys\", \"entity1\": \"customer\", \"entity2\": \"orders\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" },\n"
    "  { \"name\": \"serves\", \"entity1\": \"clerk\", \"entity2\": \"orders\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" },\n"
    "  { \"name\": \"keeps\", \"entity1\": \"customer\", \"entity2\": \"receipt\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" } ] }";
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (json);
  g_autoptr(CardinalModel) canonical = cardinal_infer_canonical (model);
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  g_autoptr(CardinalModel) inferred = NULL;
  g_autofree char *difference = NULL;
  CardinalEntity *orders, *receipt;
  CardinalTable *table;

  /* orders: customer_id claimed in the middle, clerk_id appended: infer claims both. */
  orders = cardinal_model_find_entity (canonical, "orders");
  g_assert_cmpuint (orders->attributes->len, ==, 4);
  g_assert_cmpstr (attribute_at (orders, 1)->name, ==, "customer_id");
  g_assert_cmpstr (attribute_at (orders, 3)->name, ==, "clerk_id");
  g_assert_true (attribute_at (orders, 3)->nullable);
  g_assert_true (cardinal_model_find_relationship (canonical, "buys")->entity2_needs_entity1);
  /* receipt: customer_id claimed but plain at the end: no attribute. */
  receipt = cardinal_model_find_entity (canonical, "receipt");
  g_assert_cmpuint (receipt->attributes->len, ==, 1);

  table = add_table (schema, "customer");
  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  table = add_table (schema, "clerk");
  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  table = add_table (schema, "orders");
  cardinal_test_add_column (table, "order_id", "integer", FALSE);
  cardinal_test_add_column (table, "customer_id", "integer", FALSE);
  cardinal_test_add_column (table, "order_date", "date", FALSE);
  cardinal_test_add_column (table, "clerk_id", "integer", TRUE);
  cardinal_test_set_primary_key (table, STRV ("order_id"));
  add_named_fk (table, "orders_customer_id_fkey", STRV ("customer_id"), "customer", STRV ("id"));
  add_named_fk (table, "orders_clerk_id_fkey", STRV ("clerk_id"), "clerk", STRV ("id"));
  add_named_index (table, "orders_customer_id_idx", STRV ("customer_id"), FALSE);
  add_named_index (table, "orders_clerk_id_idx", STRV ("clerk_id"), FALSE);
  table = add_table (schema, "receipt");
  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_add_column (table, "customer_id", "integer", TRUE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  add_named_fk (table, "receipt_customer_id_fkey", STRV ("customer_id"), "customer", STRV ("id"));
  add_named_index (table, "receipt_customer_id_idx", STRV ("customer_id"), FALSE);

  inferred = cardinal_infer (schema, "shop", NULL);
  difference = cardinal_infer_difference (canonical, inferred);
  g_assert_cmpstr (difference, ==, NULL);
}

/* An identifying relationship and a key order of its own, against the
 * tables the engineer makes of them (DESIGN.md §4), built by hand. */
static void
test_canonical_identifying (void)
{
  static const char json[] =
    "{ \"format\": 1, \"name\": \"shop\", \"entities\": [\n"
    "  { \"name\": \"orders\", \"attributes\": [ { \"name\": \"order_id\", \"type\": \"integer\", \"primary-key\": true } ] },\n"
    "  { \"name\": \"shipment_line\", \"attributes\": [\n"
    "    { \"name\": \"line_no\", \"type\": \"integer\", \"primary-key\": true } ] },\n"
    "  { \"name\": \"order_line\", \"attributes\": [\n"
    "    { \"name\": \"line_no\", \"type\": \"integer\", \"primary-key\": true } ] } ],\n"
    " \"relationships\": [\n"
    "  { \"name\": \"ships\", \"entity1\": \"orders\", \"entity2\": \"shipment_line\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" },\n"
    "  { \"name\": \"has\", \"entity1\": \"orders\", \"entity2\": \"order_line\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" } ] }";
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (json);
  g_autoptr(CardinalModel) canonical = NULL;
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("shop");
  g_autoptr(CardinalModel) inferred = NULL;
  g_autofree char *difference = NULL;
  CardinalRelationship *relationship;
  CardinalEntity *entity;
  CardinalTable *table;

  relationship = cardinal_model_find_relationship (model, "ships");
  relationship->identifying = TRUE;
  relationship->index = FALSE;
  entity = cardinal_model_find_entity (model, "shipment_line");
  entity->primary_key_order = STRV ("line_no", "orders_order_id");
  relationship = cardinal_model_find_relationship (model, "has");
  relationship->identifying = TRUE;
  relationship->index = FALSE;
  /* The default order, spelled out: the same as none. */
  entity = cardinal_model_find_entity (model, "order_line");
  entity->primary_key_order = STRV ("orders_order_id", "line_no");

  canonical = cardinal_infer_canonical (model);
  g_assert_cmpstrv (cardinal_model_find_entity (canonical, "shipment_line")->primary_key_order,
                    ((const char *[]) { "line_no", "orders_order_id", NULL }));
  g_assert_null (cardinal_model_find_entity (canonical, "order_line")->primary_key_order);
  g_assert_true (cardinal_model_find_relationship (canonical, "ships")->entity2_needs_entity1);

  table = add_table (schema, "orders");
  cardinal_test_add_column (table, "order_id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("order_id"));
  table = add_table (schema, "shipment_line");
  cardinal_test_add_column (table, "line_no", "integer", FALSE);
  cardinal_test_add_column (table, "orders_order_id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("line_no", "orders_order_id"));
  add_named_fk (table, "shipment_line_orders_order_id_fkey", STRV ("orders_order_id"), "orders", STRV ("order_id"));
  table = add_table (schema, "order_line");
  cardinal_test_add_column (table, "line_no", "integer", FALSE);
  cardinal_test_add_column (table, "orders_order_id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("orders_order_id", "line_no"));
  add_named_fk (table, "order_line_orders_order_id_fkey", STRV ("orders_order_id"), "orders", STRV ("order_id"));

  inferred = cardinal_infer (schema, "shop", NULL);
  difference = cardinal_infer_difference (canonical, inferred);
  g_assert_cmpstr (difference, ==, NULL);
}

/* Link attributes named like the link's FK columns, against the tables the
 * engineer makes of them (DESIGN.md §3), built by hand. */
static void
test_canonical_link_claims (void)
{
  static const char json[] =
    "{ \"format\": 1, \"name\": \"blog\", \"entities\": [\n"
    "  { \"name\": \"tag\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] },\n"
    "  { \"name\": \"post\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] } ],\n"
    " \"relationships\": [\n"
    "  { \"name\": \"odd_link\", \"entity1\": \"tag\", \"entity2\": \"post\", \"kind\": \"many-to-many\",\n"
    "    \"strategy\": \"link-table\", \"link-table\": \"odd_link\", \"link-attributes\": [\n"
    "    { \"name\": \"since\", \"type\": \"date\" },\n"
    "    { \"name\": \"tag_id\", \"type\": \"integer\" },\n"
    "    { \"name\": \"post_id\", \"type\": \"integer\", \"comment\": \"the post\" } ] },\n"
    "  { \"name\": \"plain_link\", \"entity1\": \"tag\", \"entity2\": \"post\", \"kind\": \"many-to-many\",\n"
    "    \"strategy\": \"link-table\", \"link-table\": \"plain_link\", \"link-attributes\": [\n"
    "    { \"name\": \"tag_id\", \"type\": \"integer\" },\n"
    "    { \"name\": \"post_id\", \"type\": \"integer\" },\n"
    "    { \"name\": \"weight\", \"type\": \"integer\" } ] } ] }";
  g_autoptr(CardinalModel) model = cardinal_test_model_from_json (json);
  g_autoptr(CardinalModel) canonical = cardinal_infer_canonical (model);
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("blog");
  g_autoptr(CardinalModel) inferred = NULL;
  g_autofree char *difference = NULL;
  CardinalTable *table;

  g_assert_cmpuint (cardinal_model_find_relationship (canonical, "odd_link")->link_attributes->len, ==, 3);
  /* Plain at the start: the engineer would make them by itself. */
  g_assert_cmpuint (cardinal_model_find_relationship (canonical, "plain_link")->link_attributes->len, ==, 1);

  table = add_table (schema, "tag");
  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  table = add_table (schema, "post");
  cardinal_test_add_column (table, "id", "integer", FALSE);
  cardinal_test_set_primary_key (table, STRV ("id"));
  table = add_table (schema, "odd_link");
  cardinal_test_add_column (table, "since", "date", TRUE);
  cardinal_test_add_column (table, "tag_id", "integer", FALSE);
  cardinal_test_add_column (table, "post_id", "integer", FALSE);
  g_free (((CardinalColumn *) g_ptr_array_index (table->columns, 2))->comment);
  ((CardinalColumn *) g_ptr_array_index (table->columns, 2))->comment = g_strdup ("the post");
  cardinal_test_set_primary_key (table, STRV ("tag_id", "post_id"));
  add_named_fk (table, "odd_link_tag_id_fkey", STRV ("tag_id"), "tag", STRV ("id"));
  add_named_fk (table, "odd_link_post_id_fkey", STRV ("post_id"), "post", STRV ("id"));
  add_named_index (table, "odd_link_post_id_idx", STRV ("post_id"), FALSE);
  table = add_table (schema, "plain_link");
  cardinal_test_add_column (table, "tag_id", "integer", FALSE);
  cardinal_test_add_column (table, "post_id", "integer", FALSE);
  cardinal_test_add_column (table, "weight", "integer", TRUE);
  cardinal_test_set_primary_key (table, STRV ("tag_id", "post_id"));
  add_named_fk (table, "plain_link_tag_id_fkey", STRV ("tag_id"), "tag", STRV ("id"));
  add_named_fk (table, "plain_link_post_id_fkey", STRV ("post_id"), "post", STRV ("id"));
  add_named_index (table, "plain_link_post_id_idx", STRV ("post_id"), FALSE);

  inferred = cardinal_infer (schema, "blog", NULL);
  difference = cardinal_infer_difference (canonical, inferred);
  g_assert_cmpstr (difference, ==, NULL);
}

/* What a link relationship cannot say keeps the table an entity with two fk relationships. */
static void
test_link_limits (void)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("limits");
  CardinalTable *person = add_person (schema);
  CardinalTable *club = add_keyed_table (schema, "club");
  CardinalTable *loose = add_table (schema, "loose");
  CardinalTable *deferred = add_table (schema, "deferred");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalForeignKey *fk;

  (void) person;
  (void) club;

  /* Its own key, but a nullable FK column. */
  cardinal_test_add_column (loose, "id", "integer", FALSE)->autoincrement = TRUE;
  cardinal_test_add_column (loose, "person_id", "integer", TRUE);
  cardinal_test_add_column (loose, "club_id", "integer", FALSE);
  cardinal_test_set_primary_key (loose, STRV ("id"));
  g_ptr_array_add (loose->uniques, UNIQUE ("person_id", "club_id"));
  add_fk (loose, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (loose, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  /* One FK deferrable, the other not. */
  cardinal_test_add_column (deferred, "person_id", "integer", FALSE);
  cardinal_test_add_column (deferred, "club_id", "integer", FALSE);
  cardinal_test_set_primary_key (deferred, STRV ("person_id", "club_id"));
  add_fk (deferred, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (deferred, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  fk = g_ptr_array_index (deferred->foreign_keys, 1);
  fk->deferrable = TRUE;

  model = cardinal_infer (schema, NULL, &diagnostics);
  print_diagnostics (diagnostics);
  g_assert_cmpuint (diagnostics->len, ==, 2);
  g_assert_true (has_code (diagnostics, "INFER005"));
  g_assert_nonnull (cardinal_model_find_entity (model, "loose"));
  g_assert_nonnull (cardinal_model_find_entity (model, "deferred"));
  g_assert_cmpuint (model->relationships->len, ==, 4);
  g_assert_false (relationship_between (model, "person", "deferred")->deferrable);
  g_assert_true (relationship_between (model, "club", "deferred")->deferrable);
  /* Each FK is part of deferred's key: both identifying, the key made of them in relationship order. */
  g_assert_true (relationship_between (model, "person", "deferred")->identifying);
  g_assert_true (relationship_between (model, "club", "deferred")->identifying);
  g_assert_cmpuint (cardinal_model_find_entity (model, "deferred")->attributes->len, ==, 0);
  g_assert_null (cardinal_model_find_entity (model, "deferred")->primary_key_order);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/infer/examples", test_examples);
  g_test_add_func ("/infer/hostile-names", test_hostile_names);
  g_test_add_func ("/infer/gallery-strategies", test_gallery_strategies);
  g_test_add_func ("/infer/blog-names", test_blog_names);
  g_test_add_func ("/infer/generated", test_generated);
  g_test_add_func ("/infer/generator-deterministic", test_generator_deterministic);
  g_test_add_func ("/infer/canonical", test_canonical);
  g_test_add_func ("/infer/difference", test_difference);
  g_test_add_func ("/infer/foreign-key-shapes", test_foreign_key_shapes);
  g_test_add_func ("/infer/unfitting", test_unfitting);
  g_test_add_func ("/infer/association-objects", test_association_objects);
  g_test_add_func ("/infer/composite-and-roles", test_composite_and_roles);
  g_test_add_func ("/infer/postgresql-names", test_postgresql_names);
  g_test_add_func ("/infer/chinook-album", test_chinook_album);
  g_test_add_func ("/infer/claimed-attributes", test_claimed_attributes);
  g_test_add_func ("/infer/identifying", test_identifying);
  g_test_add_func ("/infer/unique-keys-and-keyless", test_unique_keys_and_keyless);
  g_test_add_func ("/infer/names", test_names);
  g_test_add_func ("/infer/numbered-names", test_numbered_names);
  g_test_add_func ("/infer/fk-options", test_fk_options);
  g_test_add_func ("/infer/link-extras", test_link_extras);
  g_test_add_func ("/infer/link-limits", test_link_limits);
  g_test_add_func ("/infer/copied-objects", test_copied_objects);
  g_test_add_func ("/infer/canonical-format2", test_canonical_format2);
  g_test_add_func ("/infer/canonical-claims", test_canonical_claims);
  g_test_add_func ("/infer/canonical-identifying", test_canonical_identifying);
  g_test_add_func ("/infer/canonical-link-claims", test_canonical_link_claims);

  return g_test_run ();
}
