/* test-migration-plan.c: the planner without a database: an unchanged model plans nothing, ids make renames renames, every step is well formed. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-document.h"
#include "cardinal-migration-plan.h"
#include "cardinal-test-support.h"

static void
assert_well_formed (const CardinalMigration *migration)
{
  for (guint i = 0; i < migration->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (migration->steps, i);

      g_assert_nonnull (step->summary);
      g_assert_nonnull (step->sql);
      if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
        {
          g_assert_nonnull (step->count_sql);
          g_assert_nonnull (step->refusal);
          g_assert_true (g_str_has_prefix (step->count_sql, "SELECT count(*)"));
        }
      if (step->loses_data)
        g_assert_nonnull (step->count_sql);
    }
}

/* Every example and the format-2 document against itself: no step at all. */
static void
test_unchanged (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  g_autofree char *everything_path = g_test_build_filename (G_TEST_DIST, "data", "format2-everything.cardinal", NULL);
  g_autoptr(GPtrArray) models = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_model_free);
  g_autofree char *everything = NULL;
  g_autoptr(GError) error = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    g_ptr_array_add (models, cardinal_test_load_example (names[i]));
  g_assert_true (g_file_get_contents (everything_path, &everything, NULL, &error));
  g_ptr_array_add (models, cardinal_document_load_data (everything, -1, "everything", &error));
  g_assert_no_error (error);

  for (guint i = 0; i < models->len; i++)
    for (int dialect = CARDINAL_DIALECT_SQLITE; dialect <= CARDINAL_DIALECT_POSTGRESQL; dialect++)
      {
        CardinalModel *model = g_ptr_array_index (models, i);
        g_autoptr(CardinalModel) copy = cardinal_model_copy (model);
        g_autoptr(CardinalMigration) migration = cardinal_migration_plan (model, copy, (CardinalDialect) dialect, &error);
        g_autofree char *sql = NULL;

        g_assert_no_error (error);
        sql = cardinal_migration_to_sql (migration);
        if (migration->steps->len > 0)
          g_error ("%s (%s) against itself plans:\n%s", model->name,
                   cardinal_dialect_to_string ((CardinalDialect) dialect), sql);
      }
}

/* An old file without ids and its edited copy, saved with the ids a load
 * gave it: a renamed entity and attribute are renames, nothing is dropped. */
static void
test_rename_through_saved_ids (void)
{
  g_autoptr(CardinalModel) old_model = cardinal_test_load_example ("gallery-b1-fk");
  g_autoptr(CardinalModel) edited = cardinal_test_load_example ("gallery-b1-fk");
  g_autoptr(CardinalModel) new_model = NULL;
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *sql = NULL;
  CardinalEntity *address = cardinal_model_find_entity (edited, "address");
  CardinalAttribute *city = cardinal_entity_find_attribute (address, "city");
  CardinalRelationship *relationship = g_ptr_array_index (edited->relationships, 0);

  g_free (address->name);
  address->name = g_strdup ("location");
  g_free (relationship->entity2);
  relationship->entity2 = g_strdup ("location");
  g_free (city->name);
  city->name = g_strdup ("town");
  saved = cardinal_document_to_data (edited, NULL);
  new_model = cardinal_document_load_data (saved, -1, "edited", &error);
  g_assert_no_error (error);

  for (int dialect = CARDINAL_DIALECT_SQLITE; dialect <= CARDINAL_DIALECT_POSTGRESQL; dialect++)
    {
      g_clear_pointer (&migration, cardinal_migration_free);
      g_clear_pointer (&sql, g_free);
      migration = cardinal_migration_plan (old_model, new_model, (CardinalDialect) dialect, &error);
      g_assert_no_error (error);
      assert_well_formed (migration);
      sql = cardinal_migration_to_sql (migration);
      g_test_message ("%s", sql);
      g_assert_false (cardinal_migration_loses_data (migration));
      if (dialect == CARDINAL_DIALECT_SQLITE)
        {
          /* The FK's generated name changes with the table: SQLite rebuilds it, rows and all. */
          g_assert_nonnull (strstr (sql, "\"cardinal_d\".\"city\" AS \"town\""));
          continue;
        }
      g_assert_nonnull (strstr (sql, "ALTER TABLE \"address\" RENAME TO \"location\";"));
      g_assert_nonnull (strstr (sql, "RENAME COLUMN \"city\" TO \"town\";"));
      g_assert_null (strstr (sql, "DROP TABLE"));
      g_assert_null (strstr (sql, "DROP COLUMN"));
    }
}

/* The same edit with new ids (a deleted and a re-created entity) drops and creates. */
static void
test_new_ids_drop_and_create (void)
{
  g_autoptr(CardinalModel) old_model = cardinal_test_load_example ("gallery-b1-fk");
  g_autoptr(CardinalModel) new_model = cardinal_model_copy (old_model);
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  CardinalEntity *address = cardinal_model_find_entity (new_model, "address");

  g_free (address->id);
  address->id = cardinal_id_random ();
  for (guint i = 0; i < address->attributes->len; i++)
    {
      CardinalAttribute *attribute = g_ptr_array_index (address->attributes, i);

      g_free (attribute->id);
      attribute->id = cardinal_id_random ();
    }
  migration = cardinal_migration_plan (old_model, new_model, CARDINAL_DIALECT_POSTGRESQL, &error);
  g_assert_no_error (error);
  assert_well_formed (migration);
  sql = cardinal_migration_to_sql (migration);
  g_assert_nonnull (strstr (sql, "LOSES DATA: Drop table address"));
  g_assert_true (cardinal_migration_loses_data (migration));
}

/* PostgreSQL: a new enum value is ADD VALUE; a type change is ALTER … TYPE … USING. */
static void
test_postgresql_alters (void)
{
  g_autoptr(CardinalModel) old_model = cardinal_test_model_from_json (
    "{ \"format\": 2, \"name\": \"m\", \"types\": [ { \"name\": \"mood\", \"kind\": \"enum\", \"values\": [ \"ok\" ] } ],"
    "  \"entities\": [ { \"name\": \"t\", \"attributes\": ["
    "    { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
    "    { \"name\": \"n\", \"type\": \"bigint\" }, { \"name\": \"m\", \"type\": \"mood\" } ] } ] }");
  g_autoptr(CardinalModel) new_model = cardinal_model_copy (old_model);
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sql = NULL;
  CardinalUserType *mood = g_ptr_array_index (new_model->types, 0);
  CardinalAttribute *n = cardinal_entity_find_attribute (g_ptr_array_index (new_model->entities, 0), "n");

  g_strfreev (mood->values);
  mood->values = g_strsplit ("ok,fine", ",", -1);
  g_free (n->type);
  n->type = g_strdup ("integer");
  migration = cardinal_migration_plan (old_model, new_model, CARDINAL_DIALECT_POSTGRESQL, &error);
  g_assert_no_error (error);
  assert_well_formed (migration);
  sql = cardinal_migration_to_sql (migration);
  g_assert_nonnull (strstr (sql, "ALTER TYPE \"mood\" ADD VALUE IF NOT EXISTS 'fine' AFTER 'ok';"));
  g_assert_nonnull (strstr (sql, "ALTER TABLE \"t\" ALTER COLUMN \"n\" TYPE integer USING \"n\"::integer;"));
  g_assert_nonnull (strstr (sql, "LOSES DATA: Change t.n from bigint to integer"));
}

/* The plan as shown: steps grouped by table in the order the tables first
 * come up, each group's steps in plan order; the database-wide ones under "". */
static void
test_group_by_table (void)
{
  g_autoptr(CardinalMigration) plan = cardinal_migration_new (CARDINAL_DIALECT_SQLITE);
  g_autoptr(GPtrArray) groups = NULL;
  const char *tables[] = { "b", "a", NULL, "b", "a", "c" };
  const guint expected[][3] = { { 0, 3, G_MAXUINT }, { 1, 4, G_MAXUINT }, { 2, G_MAXUINT }, { 5, G_MAXUINT } };
  const char *expected_tables[] = { "b", "a", "", "c" };

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    cardinal_migration_add_step (plan, CARDINAL_MIGRATION_STEP_SCHEMA, tables[i], "step", "SELECT 1;")
      ->loses_data = i == 4;
  groups = cardinal_migration_group_by_table (plan);
  g_assert_cmpuint (groups->len, ==, G_N_ELEMENTS (expected_tables));
  for (guint t = 0; t < groups->len; t++)
    {
      const CardinalMigrationGroup *group = g_ptr_array_index (groups, t);
      guint n = 0;

      g_assert_cmpstr (group->table, ==, expected_tables[t]);
      while (expected[t][n] != G_MAXUINT)
        n++;
      g_assert_cmpuint (group->steps->len, ==, n);
      for (guint k = 0; k < n; k++)
        g_assert_cmpuint (g_array_index (group->steps, guint, k), ==, expected[t][k]);
    }
  g_assert_cmpuint (cardinal_migration_n_losing (plan), ==, 1);
  g_assert_true (cardinal_migration_loses_data (plan));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/migration-plan/unchanged", test_unchanged);
  g_test_add_func ("/migration-plan/rename-through-saved-ids", test_rename_through_saved_ids);
  g_test_add_func ("/migration-plan/new-ids-drop-and-create", test_new_ids_drop_and_create);
  g_test_add_func ("/migration-plan/postgresql-alters", test_postgresql_alters);
  g_test_add_func ("/migration-plan/group-by-table", test_group_by_table);
  return g_test_run ();
}
