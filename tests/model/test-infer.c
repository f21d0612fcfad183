/* test-infer.c: physical → logical inference; engineer then infer gives the model back, in process (no database). */
#include <string.h>

#include "cardinal-engineer.h"
#include "cardinal-infer.h"
#include "cardinal-test-generate.h"
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

static CardinalTable *
add_table (CardinalSchema *schema,
           const char     *name)
{
  CardinalTable *table = cardinal_table_new (name);

  table->entity = g_strdup (name);
  g_ptr_array_add (schema->tables, table);
  return table;
}

static CardinalColumn *
add_column (CardinalTable *table,
            const char    *name,
            const char    *type,
            gboolean       nullable)
{
  CardinalColumn *column = cardinal_column_new (name, type);

  column->nullable = nullable;
  g_ptr_array_add (table->columns, column);
  return column;
}

static void
set_key (CardinalTable *table,
         GStrv          columns)
{
  g_strfreev (table->primary_key);
  table->primary_key = columns;
}

static void
add_fk (CardinalTable    *table,
        GStrv             columns,
        const char       *ref_table,
        GStrv             ref_columns,
        CardinalOnDelete  on_delete)
{
  CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);

  fk->name = g_strdup_printf ("%s_fk%u", table->name, table->foreign_keys->len);
  fk->columns = columns;
  fk->ref_table = g_strdup (ref_table);
  fk->ref_columns = ref_columns;
  fk->on_delete = on_delete;
  g_ptr_array_add (table->foreign_keys, fk);
}

static void
add_index (CardinalTable *table,
           GStrv          columns,
           gboolean       unique)
{
  CardinalIndex *index = g_new0 (CardinalIndex, 1);

  index->name = g_strdup_printf ("%s_i%u", table->name, table->indexes->len);
  index->columns = columns;
  index->unique = unique;
  g_ptr_array_add (table->indexes, index);
}

static CardinalTable *
add_person (CardinalSchema *schema)
{
  CardinalTable *person = add_table (schema, "person");

  add_column (person, "id", "integer", FALSE)->autoincrement = TRUE;
  add_column (person, "email", "text", FALSE);
  set_key (person, STRV ("id"));
  return person;
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
  CardinalTable *pet = add_table (schema, "pet");
  CardinalTable *passport = add_table (schema, "passport");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *owner, *holder;
  CardinalEntity *entity;

  add_column (pet, "id", "integer", FALSE);
  add_column (pet, "owner", "integer", TRUE);
  set_key (pet, STRV ("id"));
  add_fk (pet, STRV ("owner"), "person", STRV ("id"), CARDINAL_ON_DELETE_SET_NULL);

  add_column (passport, "id", "integer", FALSE);
  add_column (passport, "person_id", "integer", FALSE);
  set_key (passport, STRV ("id"));
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
  CardinalTable *club = add_table (schema, "club");
  CardinalTable *member = add_table (schema, "member");
  CardinalTable *badge = add_table (schema, "badge");
  CardinalTable *line = add_table (schema, "line");
  CardinalTable *pair = add_table (schema, "pair");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalEntity *entity;

  g_ptr_array_add (person->uniques, UNIQUE ("email"));

  add_column (club, "id", "integer", FALSE);
  add_column (club, "name", "text", FALSE);
  add_column (club, "city", "text", FALSE);
  set_key (club, STRV ("id"));
  g_ptr_array_add (club->uniques, UNIQUE ("name", "city"));

  /* A link table whose own key is not "id": an entity with two references. */
  add_column (member, "member_no", "integer", FALSE);
  add_column (member, "person_id", "integer", FALSE);
  add_column (member, "club_id", "integer", FALSE);
  set_key (member, STRV ("member_no"));
  g_ptr_array_add (member->uniques, UNIQUE ("person_id", "club_id"));
  add_fk (member, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (member, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  /* References a UNIQUE column, not the key. */
  add_column (badge, "id", "integer", FALSE);
  add_column (badge, "email", "text", TRUE);
  set_key (badge, STRV ("id"));
  add_fk (badge, STRV ("email"), "person", STRV ("email"), CARDINAL_ON_DELETE_NO_ACTION);

  /* A key that partly is a foreign key. */
  add_column (line, "club_id", "integer", FALSE);
  add_column (line, "n", "integer", FALSE);
  set_key (line, STRV ("club_id", "n"));
  add_fk (line, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);

  /* A link table whose two references delete differently. */
  add_column (pair, "person_id", "integer", FALSE);
  add_column (pair, "club_id", "integer", FALSE);
  set_key (pair, STRV ("person_id", "club_id"));
  add_fk (pair, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (pair, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_RESTRICT);

  /* A table without a key (an SQLite rowid table), and a reference to it. */
  {
    CardinalTable *log = add_table (schema, "log");
    CardinalTable *entry = add_table (schema, "entry");

    add_column (log, "id", "integer", TRUE);
    add_column (entry, "id", "integer", FALSE);
    add_column (entry, "log_id", "integer", TRUE);
    set_key (entry, STRV ("id"));
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
  add_column (club, "id", "integer", FALSE);
  set_key (club, STRV ("id"));

  enrollment = add_table (schema, "enrollment");
  add_column (enrollment, "club_id", "integer", FALSE);
  add_column (enrollment, "person_id", "integer", FALSE);
  add_column (enrollment, "since", "date", FALSE)->default_value = g_strdup ("CURRENT_DATE");
  set_key (enrollment, STRV ("club_id", "person_id"));
  add_fk (enrollment, STRV ("person_id"), "person", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  add_fk (enrollment, STRV ("club_id"), "club", STRV ("id"), CARDINAL_ON_DELETE_CASCADE);
  g_ptr_array_add (enrollment->uniques, UNIQUE ("person_id"));

  booking = add_table (schema, "booking");
  add_column (booking, "id", "integer", FALSE)->autoincrement = TRUE;
  add_column (booking, "guest_id", "integer", FALSE);
  add_column (booking, "club_id", "integer", FALSE);
  add_column (booking, "note", "text", TRUE);
  set_key (booking, STRV ("id"));
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
  CardinalTable *match = add_table (schema, "match");
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(CardinalModel) model = NULL;
  CardinalRelationship *home, *away;

  add_column (team, "region", "varchar(8)", FALSE);
  add_column (team, "number", "integer", FALSE);
  set_key (team, STRV ("region", "number"));

  add_column (match, "id", "integer", FALSE);
  add_column (match, "home_team_number", "integer", FALSE);
  add_column (match, "home_team_region", "varchar(8)", FALSE);
  add_column (match, "away_team_region", "varchar(8)", TRUE);
  add_column (match, "away_team_number", "integer", TRUE);
  set_key (match, STRV ("id"));
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

  return g_test_run ();
}
