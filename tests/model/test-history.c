/* test-history.c: every edit is one undoable step, undo restores the exact model, and modified tracks the saved state. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-history.h"
#include "cardinal-document.h"
#include "cardinal-test-support.h"

static char *
model_text (CardinalHistory *history)
{
  return cardinal_document_to_data (cardinal_history_get_model (history), NULL);
}

static CardinalEntity *
entity_with_key (const char *name,
                 double      x,
                 double      y)
{
  CardinalEntity *entity = cardinal_entity_new (name);
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");

  id->primary_key = TRUE;
  id->nullable = FALSE;
  id->autoincrement = TRUE;
  cardinal_entity_add_attribute (entity, id);
  entity->x = x;
  entity->y = y;
  return entity;
}

typedef struct
{
  guint               count;
  CardinalChangeFlags flags;
} ChangeLog;

static void
on_changed (CardinalHistory *history,
            guint            flags,
            ChangeLog       *log)
{
  log->count++;
  log->flags = flags;
}

static void
test_add_undo_redo (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  g_autofree char *empty = model_text (history);
  g_autofree char *with_entity = NULL;
  g_autofree char *after_undo = NULL;
  g_autofree char *after_redo = NULL;
  ChangeLog log = { 0 };
  g_autoptr(GError) error = NULL;

  g_signal_connect (history, "changed", G_CALLBACK (on_changed), &log);
  g_assert_false (cardinal_history_can_undo (history));
  g_assert_false (cardinal_history_get_modified (history));

  g_assert_true (cardinal_history_add_entity (history, entity_with_key ("user", 10, 20), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (log.count, ==, 1);
  g_assert_true (log.flags & CARDINAL_CHANGE_ENTITIES);
  g_assert_true (cardinal_history_get_modified (history));
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Add Entity");
  with_entity = model_text (history);

  g_assert_true (cardinal_history_undo (history));
  after_undo = model_text (history);
  g_assert_cmpstr (after_undo, ==, empty);
  g_assert_false (cardinal_history_get_modified (history));
  g_assert_cmpstr (cardinal_history_get_redo_label (history), ==, "Add Entity");

  g_assert_true (cardinal_history_redo (history));
  after_redo = model_text (history);
  g_assert_cmpstr (after_redo, ==, with_entity);
  g_assert_false (cardinal_history_redo (history));
  g_assert_cmpuint (log.count, ==, 3);
}

static void
test_rejected_edits_change_nothing (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  CardinalRelationship *dangling;

  g_assert_true (cardinal_history_add_entity (history, entity_with_key ("user", 0, 0), NULL));
  before = model_text (history);

  g_assert_false (cardinal_history_add_entity (history, entity_with_key ("User", 0, 0), &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cardinal_history_add_entity (history, entity_with_key ("", 0, 0), &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cardinal_history_rename_entity (history, "nobody", "x", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  dangling = cardinal_relationship_new ("r", "user", "ghost", CARDINAL_KIND_ONE_TO_MANY, CARDINAL_STRATEGY_FK);
  g_assert_false (cardinal_history_add_relationship (history, dangling, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
  g_assert_nonnull (strstr (error->message, "ghost"));

  after = model_text (history);
  g_assert_cmpstr (after, ==, before);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Add Entity");
}

static void
test_rename_carries_into_relationships (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_test_load_example ("blog"));
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autofree char *before = model_text (history);
  g_autofree char *after_undo = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (cardinal_history_rename_entity (history, "user", "member", &error));
  g_assert_no_error (error);
  g_assert_null (cardinal_model_find_entity (model, "user"));
  g_assert_nonnull (cardinal_model_find_entity (model, "member"));
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_assert_cmpstr (relationship->entity1, !=, "user");
      g_assert_cmpstr (relationship->entity2, !=, "user");
    }
  g_assert_cmpstr (cardinal_model_find_relationship (model, "authorship")->entity1, ==, "member");

  /* One step, even though several relationships changed with it. */
  g_assert_true (cardinal_history_undo (history));
  g_assert_false (cardinal_history_can_undo (history));
  after_undo = model_text (history);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_remove_takes_relationships_along (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_test_load_example ("blog"));
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autofree char *before = model_text (history);
  g_autofree char *after_undo = NULL;
  const char *entities[] = { "user", "tag", NULL };
  guint n_entities = model->entities->len;

  g_assert_true (cardinal_history_remove (history, entities, NULL, NULL));
  g_assert_cmpuint (model->entities->len, ==, n_entities - 2);
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_assert_true (cardinal_model_find_entity (model, relationship->entity1) != NULL);
      g_assert_true (cardinal_model_find_entity (model, relationship->entity2) != NULL);
    }

  g_assert_true (cardinal_history_undo (history));
  after_undo = model_text (history);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_remove_everything_and_back (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_test_load_example ("school"));
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autofree char *before = model_text (history);
  g_autofree char *after_undo = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; i < model->entities->len; i++)
    g_ptr_array_add (names, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name);
  g_ptr_array_add (names, NULL);

  g_assert_true (cardinal_history_remove (history, (const char * const *) names->pdata, NULL, NULL));
  g_assert_cmpuint (model->entities->len, ==, 0);
  g_assert_cmpuint (model->relationships->len, ==, 0);
  g_assert_true (cardinal_history_undo (history));
  after_undo = model_text (history);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_move (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  const CardinalModel *model = cardinal_history_get_model (history);
  const char *names[] = { "b", "a", NULL };
  const double x[] = { 300, 100 };
  const double y[] = { 40, 20 };
  const char *unknown[] = { "zzz", NULL };
  g_autoptr(GError) error = NULL;
  ChangeLog log = { 0 };

  cardinal_history_add_entity (history, entity_with_key ("a", 0, 0), NULL);
  cardinal_history_add_entity (history, entity_with_key ("b", 0, 0), NULL);
  g_signal_connect (history, "changed", G_CALLBACK (on_changed), &log);

  g_assert_true (cardinal_history_move_entities (history, names, x, y, NULL));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 100);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "b")->y, ==, 40);
  g_assert_true (log.flags & CARDINAL_CHANGE_POSITIONS);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Move Entities");

  /* Moving to where they already are is no step at all. */
  g_assert_true (cardinal_history_move_entities (history, names, x, y, NULL));
  g_assert_cmpuint (log.count, ==, 1);

  g_assert_false (cardinal_history_move_entities (history, unknown, x, y, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);

  g_assert_true (cardinal_history_undo (history));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 0);
}

/* An edit and the moves that make room for it are one step. */
static void
test_move_with_last (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  const CardinalModel *model = cardinal_history_get_model (history);
  const char *names[] = { "a", NULL };
  const double x[] = { 250 };
  const double y[] = { 10 };
  g_autoptr(GError) error = NULL;
  guint64 id;

  /* Nothing done yet: nothing to join. */
  g_assert_cmpuint (cardinal_history_get_last_edit_id (history), ==, 0);
  g_assert_false (cardinal_history_move_entities_with_last (history, names, x, y, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);

  cardinal_history_add_entity (history, entity_with_key ("a", 0, 0), NULL);
  cardinal_history_add_entity (history, entity_with_key ("b", 0, 0), NULL);
  id = cardinal_history_get_last_edit_id (history);
  g_assert_cmpuint (id, !=, 0);
  g_assert_true (cardinal_history_move_entities_with_last (history, names, x, y, NULL));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 250);
  g_assert_cmpuint (cardinal_history_get_last_edit_id (history), ==, id);

  /* One undo takes back the move and the added entity. */
  g_assert_true (cardinal_history_undo (history));
  g_assert_null (cardinal_model_find_entity (model, "b"));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 0);
  g_assert_cmpuint (cardinal_history_get_last_edit_id (history), ==, 0);
  g_assert_false (cardinal_history_move_entities_with_last (history, names, x, y, NULL));
  g_assert_true (cardinal_history_redo (history));
  g_assert_nonnull (cardinal_model_find_entity (model, "b"));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 250);
}

/* Moves a and b to (@x, @x) and (@x + 100, @x) as one nudge at @now µs. */
static void
nudge (CardinalHistory *history,
       const char     **names,
       double           x,
       gint64           now)
{
  double xs[] = { x, x + 100 };
  double ys[] = { x, x };
  g_autoptr(GError) error = NULL;

  g_assert_true (cardinal_history_nudge_entities_at (history, names, xs, ys, now, &error));
  g_assert_no_error (error);
}

static guint
undo_depth (CardinalHistory *history)
{
  guint depth = 0;

  while (cardinal_history_undo (history))
    depth++;
  for (guint i = 0; i < depth; i++)
    g_assert_true (cardinal_history_redo (history));
  return depth;
}

/* A run of arrow-key nudges of one selection is one undo step; a pause, another
 * selection, another edit, an undo or a save starts a new one. */
static void
test_nudge_merges (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  const CardinalModel *model = cardinal_history_get_model (history);
  const char *both[] = { "a", "b", NULL };
  const char *both_reversed[] = { "b", "a", NULL };
  const char *only_a[] = { "a", NULL };
  const gint64 second = G_USEC_PER_SEC;
  ChangeLog log = { 0 };
  double x = 0, y = 0;

  cardinal_history_add_entity (history, entity_with_key ("a", 0, 0), NULL);
  cardinal_history_add_entity (history, entity_with_key ("b", 100, 0), NULL);
  g_assert_cmpuint (undo_depth (history), ==, 2);
  g_signal_connect (history, "changed", G_CALLBACK (on_changed), &log);

  /* Three nudges 0.3 s apart: one step, each one still seen by the views. */
  nudge (history, both, 10, 10 * second);
  nudge (history, both, 20, 10 * second + 3 * second / 10);
  {
    /* The same selection named in another order. */
    const double xs[] = { 130, 30 };
    const double ys[] = { 30, 30 };

    g_assert_true (cardinal_history_nudge_entities_at (history, both_reversed, xs, ys,
                                                       10 * second + 6 * second / 10, NULL));
  }
  g_assert_cmpuint (log.count, ==, 3);
  g_assert_true (log.flags & CARDINAL_CHANGE_POSITIONS);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 30);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "b")->x, ==, 130);
  g_assert_cmpuint (undo_depth (history), ==, 3);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Move Entities");

  /* One undo goes back to before the first nudge, one redo to after the last. */
  g_assert_true (cardinal_history_undo (history));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 0);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "b")->x, ==, 100);
  g_assert_true (cardinal_history_redo (history));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 30);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "b")->x, ==, 130);

  /* More than a second later: a new step. */
  nudge (history, both, 40, 12 * second);
  g_assert_cmpuint (undo_depth (history), ==, 4);
  /* Another selection: a new step. */
  x = 50;
  g_assert_true (cardinal_history_nudge_entities_at (history, only_a, &x, &y, 12 * second + 1, NULL));
  g_assert_cmpuint (undo_depth (history), ==, 5);
  /* Another edit in between: a new step. */
  g_assert_true (cardinal_history_rename_entity (history, "b", "c", NULL));
  x = 60;
  g_assert_true (cardinal_history_nudge_entities_at (history, only_a, &x, &y, 12 * second + 2, NULL));
  g_assert_cmpuint (undo_depth (history), ==, 7);
  /* Saved after a nudge: the next one is a new step, so undo comes back to the saved state. */
  cardinal_history_mark_saved (history);
  x = 70;
  g_assert_true (cardinal_history_nudge_entities_at (history, only_a, &x, &y, 12 * second + 3, NULL));
  g_assert_cmpuint (undo_depth (history), ==, 8);
  g_assert_true (cardinal_history_get_modified (history));
  g_assert_true (cardinal_history_undo (history));
  g_assert_false (cardinal_history_get_modified (history));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 60);
  /* After an undo: a new step (the redo branch goes). */
  x = 80;
  g_assert_true (cardinal_history_nudge_entities_at (history, only_a, &x, &y, 12 * second + 4, NULL));
  g_assert_false (cardinal_history_can_redo (history));
  g_assert_cmpuint (undo_depth (history), ==, 8);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "a")->x, ==, 80);
}

static void
test_modified_and_saved_point (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));

  cardinal_history_add_entity (history, entity_with_key ("a", 0, 0), NULL);
  cardinal_history_mark_saved (history);
  g_assert_false (cardinal_history_get_modified (history));

  cardinal_history_add_entity (history, entity_with_key ("b", 0, 0), NULL);
  g_assert_true (cardinal_history_get_modified (history));
  cardinal_history_undo (history);
  g_assert_false (cardinal_history_get_modified (history));
  cardinal_history_undo (history);
  g_assert_true (cardinal_history_get_modified (history));
  cardinal_history_redo (history);
  g_assert_false (cardinal_history_get_modified (history));

  /* Undo below the saved point, then a new edit: the saved state can never come back. */
  cardinal_history_undo (history);
  cardinal_history_add_entity (history, entity_with_key ("c", 0, 0), NULL);
  g_assert_true (cardinal_history_get_modified (history));
  cardinal_history_undo (history);
  g_assert_true (cardinal_history_get_modified (history));
}

static void
test_update_relationship_and_model (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_test_load_example ("gallery-b1-fk"));
  const CardinalModel *model = cardinal_history_get_model (history);
  CardinalRelationship *changed = cardinal_relationship_copy (g_ptr_array_index (model->relationships, 0));
  g_autofree char *name = g_strdup (changed->name);
  g_autofree char *before = model_text (history);
  g_autofree char *after_undo = NULL;
  guint64 serial = ((CardinalRelationship *) g_ptr_array_index (model->relationships, 0))->serial;

  changed->strategy = CARDINAL_STRATEGY_LINK_TABLE;
  g_assert_true (cardinal_history_update_relationship (history, name, changed, "Change Strategy", NULL));
  g_assert_cmpint (cardinal_model_find_relationship (model, name)->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
  g_assert_cmpuint (cardinal_model_find_relationship (model, name)->serial, !=, serial);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Change Strategy");

  g_assert_true (cardinal_history_set_model_name (history, "renamed", NULL));
  g_assert_cmpstr (model->name, ==, "renamed");
  g_assert_true (cardinal_history_replace_model (history, cardinal_model_new ("empty"), "Arrange", NULL));
  g_assert_cmpuint (model->entities->len, ==, 0);

  g_assert_true (cardinal_history_undo (history));
  g_assert_true (cardinal_history_undo (history));
  g_assert_true (cardinal_history_undo (history));
  after_undo = model_text (history);
  g_assert_cmpstr (after_undo, ==, before);
}

static void
test_many_edits (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  g_autofree char *empty = model_text (history);
  g_autofree char *full = NULL;
  g_autofree char *back = NULL;
  g_autofree char *again = NULL;

  for (guint i = 0; i < 500; i++)
    {
      g_autofree char *name = g_strdup_printf ("e%u", i);
      g_autofree char *renamed = g_strdup_printf ("r%u", i);

      g_assert_true (cardinal_history_add_entity (history, entity_with_key (name, i, i), NULL));
      if (i % 7 == 0)
        g_assert_true (cardinal_history_rename_entity (history, name, renamed, NULL));
    }
  full = model_text (history);
  while (cardinal_history_undo (history))
    ;
  back = model_text (history);
  g_assert_cmpstr (back, ==, empty);
  while (cardinal_history_redo (history))
    ;
  again = model_text (history);
  g_assert_cmpstr (again, ==, full);
}

/* New objects get a stable id when the edit is made; renames and edits keep it. */
static void
test_ids (void)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (cardinal_model_new ("m"));
  const CardinalModel *model = cardinal_history_get_model (history);
  CardinalEntity *entity = cardinal_entity_new ("user");
  g_autofree char *id = NULL;
  g_autofree char *attribute_id = NULL;
  CardinalEntity *replacement;
  g_autoptr(GError) error = NULL;

  cardinal_entity_add_attribute (entity, cardinal_attribute_new ("id", "integer"));
  g_assert_true (cardinal_history_add_entity (history, entity, &error));
  g_assert_no_error (error);
  entity = g_ptr_array_index (model->entities, 0);
  g_assert_true (cardinal_id_is_valid (entity->id));
  id = g_strdup (entity->id);
  attribute_id = g_strdup (((CardinalAttribute *) g_ptr_array_index (entity->attributes, 0))->id);
  g_assert_nonnull (attribute_id);

  g_assert_true (cardinal_history_rename_entity (history, "user", "account", &error));
  entity = g_ptr_array_index (model->entities, 0);
  g_assert_cmpstr (entity->id, ==, id);

  /* A replacement built from scratch keeps the ids of what it replaces. */
  replacement = cardinal_entity_new ("account");
  cardinal_entity_add_attribute (replacement, cardinal_attribute_new ("id", "bigint"));
  cardinal_entity_add_attribute (replacement, cardinal_attribute_new ("email", "text"));
  g_assert_true (cardinal_history_update_entity (history, "account", replacement, NULL, &error));
  entity = g_ptr_array_index (model->entities, 0);
  g_assert_cmpstr (entity->id, ==, id);
  g_assert_cmpstr (((CardinalAttribute *) g_ptr_array_index (entity->attributes, 0))->id, ==, attribute_id);
  g_assert_true (cardinal_id_is_valid (((CardinalAttribute *) g_ptr_array_index (entity->attributes, 1))->id));

  /* A new entity named like the renamed one's old name gets a different id. */
  g_assert_true (cardinal_history_add_entity (history, cardinal_entity_new ("user"), &error));
  g_assert_cmpstr (((CardinalEntity *) g_ptr_array_index (model->entities, 1))->id, !=, id);
}


int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/history/add-undo-redo", test_add_undo_redo);
  g_test_add_func ("/history/rejected-edits-change-nothing", test_rejected_edits_change_nothing);
  g_test_add_func ("/history/rename-carries-into-relationships", test_rename_carries_into_relationships);
  g_test_add_func ("/history/remove-takes-relationships-along", test_remove_takes_relationships_along);
  g_test_add_func ("/history/remove-everything-and-back", test_remove_everything_and_back);
  g_test_add_func ("/history/move", test_move);
  g_test_add_func ("/history/move-with-last", test_move_with_last);
  g_test_add_func ("/history/nudge-merges", test_nudge_merges);
  g_test_add_func ("/history/modified-and-saved-point", test_modified_and_saved_point);
  g_test_add_func ("/history/update-relationship-and-model", test_update_relationship_and_model);
  g_test_add_func ("/history/many-edits", test_many_edits);
  g_test_add_func ("/history/ids", test_ids);

  return g_test_run ();
}
