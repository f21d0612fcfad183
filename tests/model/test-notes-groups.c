/* test-notes-groups.c: format 3's notes, groups and entity colours: loading, saving, strict errors, and every edit's undo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-history.h"
#include "cardinal-test-support.h"
#include "cardinal-validate.h"

static const char *with_everything =
  "{\n"
  "  \"format\": 3,\n"
  "  \"name\": \"shop\",\n"
  "  \"entities\": [\n"
  "    {\n"
  "      \"name\": \"customer\",\n"
  "      \"x\": 0,\n"
  "      \"y\": 0,\n"
  "      \"color\": \"blue\",\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"name\": \"invoice\",\n"
  "      \"x\": 300,\n"
  "      \"y\": 40,\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n"
  "      ]\n"
  "    },\n"
  "    {\n"
  "      \"name\": \"payment\",\n"
  "      \"x\": 600,\n"
  "      \"y\": 40,\n"
  "      \"attributes\": [\n"
  "        { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true }\n"
  "      ]\n"
  "    }\n"
  "  ],\n"
  "  \"relationships\": [],\n"
  "  \"groups\": [\n"
  "    { \"name\": \"Billing\", \"color\": \"green\", \"entities\": [\"invoice\", \"payment\"] },\n"
  "    { \"name\": \"Empty\", \"entities\": [] }\n"
  "  ],\n"
  "  \"notes\": [\n"
  "    { \"text\": \"Invoices are never deleted.\\nAsk finance.\", \"x\": 20, \"y\": 300.5 },\n"
  "    { \"text\": \"Sized\", \"x\": -10, \"y\": 0, \"width\": 320, \"height\": 48 }\n"
  "  ]\n"
  "}\n";

static CardinalModel *
load (const char *json)
{
  g_autoptr(GError) error = NULL;
  CardinalModel *model = cardinal_document_load_data (json, -1, "shop.cardinal", &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}

static const CardinalNote *
note_at (const CardinalModel *model,
         guint                index)
{
  g_assert_cmpuint (index, <, model->notes->len);
  return g_ptr_array_index (model->notes, index);
}

static const CardinalGroup *
group_at (const CardinalModel *model,
          guint                index)
{
  g_assert_cmpuint (index, <, model->groups->len);
  return g_ptr_array_index (model->groups, index);
}

/* Every field lands where it should, and the file saves back byte for byte. */
static void
test_load_and_save (void)
{
  g_autoptr(CardinalModel) model = load (with_everything);
  g_autofree char *saved = NULL;
  const CardinalNote *note;
  const CardinalGroup *group;

  g_assert_cmpuint (model->notes->len, ==, 2);
  note = note_at (model, 0);
  g_assert_cmpstr (note->text, ==, "Invoices are never deleted.\nAsk finance.");
  g_assert_cmpfloat (note->x, ==, 20);
  g_assert_cmpfloat (note->y, ==, 300.5);
  g_assert_cmpfloat (note->width, ==, CARDINAL_NOTE_DEFAULT_WIDTH);
  g_assert_cmpfloat (note->height, ==, CARDINAL_NOTE_DEFAULT_HEIGHT);
  note = note_at (model, 1);
  g_assert_cmpfloat (note->width, ==, 320);
  g_assert_cmpfloat (note->height, ==, 48);

  g_assert_cmpuint (model->groups->len, ==, 2);
  group = group_at (model, 0);
  g_assert_cmpstr (group->name, ==, "Billing");
  g_assert_cmpstr (group->color, ==, "green");
  g_assert_cmpuint (g_strv_length (group->entities), ==, 2);
  g_assert_cmpstr (group->entities[1], ==, "payment");
  g_assert_null (group_at (model, 1)->color);
  g_assert_cmpuint (g_strv_length (group_at (model, 1)->entities), ==, 0);
  g_assert_true (cardinal_model_group_of (model, "invoice") == group);
  g_assert_null (cardinal_model_group_of (model, "customer"));
  g_assert_cmpstr (((CardinalEntity *) g_ptr_array_index (model->entities, 0))->color, ==, "blue");

  saved = cardinal_document_to_data (model, NULL);
  g_assert_cmpstr (saved, ==, with_everything);
}

/* A copy carries notes and groups, deeply. */
static void
test_copy (void)
{
  g_autoptr(CardinalModel) model = load (with_everything);
  g_autoptr(CardinalModel) copy = cardinal_model_copy (model);
  g_autofree char *a = cardinal_document_to_data (model, NULL);
  g_autofree char *b = NULL;

  g_assert_true (g_ptr_array_index (copy->notes, 0) != g_ptr_array_index (model->notes, 0));
  b = cardinal_document_to_data (copy, NULL);
  g_assert_cmpstr (a, ==, b);
}

/* A document that uses none of format 3 keeps its format number and its
 * bytes: every example and test document saves as it was read. */
static void
test_unchanged_without (void)
{
  g_auto(GStrv) examples = cardinal_test_example_names ();
  g_autoptr(GPtrArray) names = g_ptr_array_new ();

  for (guint i = 0; examples[i] != NULL; i++)
    g_ptr_array_add (names, examples[i]);
  g_ptr_array_add (names, (gpointer) "format2-everything");
  g_ptr_array_add (names, (gpointer) "hostile-names");
  g_assert_cmpuint (names->len, >, 2);

  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *path = cardinal_test_example_path (g_ptr_array_index (names, i));
      g_autofree char *contents = NULL;
      g_autofree char *saved = NULL;
      g_autoptr(CardinalModel) model = NULL;
      g_autoptr(GError) error = NULL;

      g_test_message ("%s", path);
      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      model = load (contents);
      g_assert_cmpuint (model->notes->len, ==, 0);
      g_assert_cmpuint (model->groups->len, ==, 0);
      saved = cardinal_document_to_data (model, NULL);
      g_assert_cmpstr (saved, ==, contents);
      g_assert_null (strstr (saved, "\"format\": 3"));
    }
}

/* Format 3 is written only while there is a note or a group. */
static void
test_format_number (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  g_autofree char *before = cardinal_document_to_data (model, NULL);
  g_autofree char *with_note = NULL;
  g_autofree char *after = NULL;

  g_assert_null (strstr (before, "\"format\": 3"));
  g_ptr_array_add (model->notes, cardinal_note_new ("hello", 1, 2));
  with_note = cardinal_document_to_data (model, NULL);
  g_assert_nonnull (strstr (with_note, "\"format\": 3,"));
  g_assert_nonnull (strstr (with_note, "\"notes\": [\n    { \"text\": \"hello\", \"x\": 1, \"y\": 2 }\n  ]"));
  g_ptr_array_set_size (model->notes, 0);
  after = cardinal_document_to_data (model, NULL);
  g_assert_cmpstr (after, ==, before);
}

/* A Cardinal that reads format 2 says the file is newer instead of naming
 * an unknown key; this build reads format 3. */
static void
test_format_4_refused (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model =
    cardinal_document_load_data ("{ \"format\": 4, \"notes\": 7 }", -1, "new.cardinal", &error);

  g_assert_null (model);
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_VERSION);
  g_assert_cmpint (CARDINAL_FORMAT_VERSION, ==, 3);
}

static void
test_errors (void)
{
  static const struct
  {
    const char *json;
    const char *message;
  } cases[] = {
    { "{ \"format\": 3, \"notes\": {} }", "bad.cardinal: $.notes: expected an array" },
    { "{ \"format\": 3, \"notes\": [ 3 ] }", "bad.cardinal: $.notes[0]: expected an object, found a number" },
    { "{ \"format\": 3, \"notes\": [ { \"x\": 1 } ] }", "bad.cardinal: $.notes[0]: missing key \"text\"" },
    { "{ \"format\": 3, \"notes\": [ { \"text\": 5 } ] }", "bad.cardinal: $.notes[0].text: expected a string" },
    { "{ \"format\": 3, \"notes\": [ { \"text\": \"a\", \"x\": \"1\" } ] }", "bad.cardinal: $.notes[0].x: expected a number" },
    { "{ \"format\": 3, \"notes\": [ { \"text\": \"a\", \"width\": 3 } ] }", "bad.cardinal: $.notes[0].width: expected at least 24" },
    { "{ \"format\": 3, \"notes\": [ { \"text\": \"a\", \"colour\": \"red\" } ] }", "bad.cardinal: $.notes[0].colour: unknown key" },
    { "{ \"format\": 3, \"notes\": [ { \"text\": \"a\", \"text\": \"b\" } ] }", "bad.cardinal:1:42: $.notes[0].text: the key \"text\" appears twice in this object" },
    { "{ \"format\": 3, \"groups\": [ { \"entities\": [] } ] }", "bad.cardinal: $.groups[0]: missing key \"name\"" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"\" } ] }", "bad.cardinal: $.groups[0].name: expected a group name, found an empty string" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\", \"entities\": \"a\" } ] }", "bad.cardinal: $.groups[0].entities: expected an array" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\", \"entities\": [ 1 ] } ] }", "bad.cardinal: $.groups[0].entities[0]: expected a non-empty string" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\", \"entities\": [ \"a\", \"a\" ] } ] }",
      "bad.cardinal: $.groups[0].entities[1]: \"a\" is already a member of the group" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\", \"color\": \"#ff0000\" } ] }",
      "bad.cardinal: $.groups[0].color: unknown color \"#ff0000\" (expected red, orange, yellow, green, teal, blue, purple or grey)" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\" }, { \"name\": \"g\" } ] }",
      "bad.cardinal: $.groups[1].name: there is already a group named \"g\"" },
    { "{ \"format\": 3, \"groups\": [ { \"name\": \"g\", \"members\": [] } ] }", "bad.cardinal: $.groups[0].members: unknown key" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(CardinalModel) model = cardinal_document_load_data (cases[i].json, -1, "bad.cardinal", &error);

      g_test_message ("case %u: %s", i, cases[i].json);
      g_assert_null (model);
      g_assert_nonnull (error);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: message \"%s\" lacks \"%s\"", i, error->message, cases[i].message);
    }
}

static void
test_palette (void)
{
  guint n;
  const CardinalPaletteColor *colors = cardinal_palette_colors (&n);
  double rgb[3];
  g_autofree char *tint = NULL;
  g_autofree char *legacy = NULL;

  g_assert_cmpuint (n, ==, 8);
  for (guint i = 0; i < n; i++)
    {
      g_assert_true (cardinal_palette_lookup (colors[i].name) == &colors[i]);
      g_assert_true (cardinal_color_to_rgb (colors[i].name, rgb));
    }
  g_assert_null (cardinal_palette_lookup ("Blue"));
  g_assert_false (cardinal_color_to_rgb (NULL, rgb));
  g_assert_false (cardinal_color_to_rgb ("hotpink", rgb));
  g_assert_false (cardinal_color_to_rgb ("#12345", rgb));
  /* Format 1 files could hold a hex colour: it still means that colour. */
  g_assert_true (cardinal_color_to_rgb ("#f00", rgb));
  g_assert_cmpfloat (rgb[0], ==, 1.0);
  g_assert_cmpfloat (rgb[1], ==, 0.0);
  tint = cardinal_color_tint ("blue", 0.0);
  g_assert_cmpstr (tint, ==, "#ffffff");
  legacy = cardinal_color_tint ("#3584e4", 1.0);
  g_assert_cmpstr (legacy, ==, "#3584e4");
}

/* History ------------------------------------------------------------------ */

static CardinalHistory *
history_new (void)
{
  return cardinal_history_new (load (with_everything));
}

static char *
saved (CardinalHistory *history)
{
  return cardinal_document_to_data (cardinal_history_get_model (history), NULL);
}

/* Undo gives back exactly the document before, redo the one after. */
static void
assert_undo_redo (CardinalHistory *history,
                  const char      *before,
                  const char      *label)
{
  g_autofree char *after = saved (history);
  g_autofree char *undone = NULL;
  g_autofree char *redone = NULL;

  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, label);
  g_assert_cmpstr (after, !=, before);
  g_assert_true (cardinal_history_undo (history));
  undone = saved (history);
  g_assert_cmpstr (undone, ==, before);
  g_assert_true (cardinal_history_redo (history));
  redone = saved (history);
  g_assert_cmpstr (redone, ==, after);
}

static guint changed_flags;

static void
on_changed (CardinalHistory *history,
            guint            flags)
{
  changed_flags |= flags;
}

static void
test_history_notes (void)
{
  g_autoptr(CardinalHistory) history = history_new ();
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = NULL;

  g_signal_connect (history, "changed", G_CALLBACK (on_changed), NULL);

  before = saved (history);
  changed_flags = 0;
  g_assert_true (cardinal_history_add_note (history, cardinal_note_new ("new", 5, 6), &error));
  g_assert_no_error (error);
  g_assert_cmpuint (changed_flags, ==, CARDINAL_CHANGE_NOTES);
  g_assert_cmpuint (model->notes->len, ==, 3);
  assert_undo_redo (history, before, "Add Note");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_set_note_text (history, 2, "edited", &error));
  g_assert_cmpstr (note_at (model, 2)->text, ==, "edited");
  assert_undo_redo (history, before, "Edit Note");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_move_note (history, 2, 50, 60, &error));
  g_assert_cmpfloat (note_at (model, 2)->x, ==, 50);
  assert_undo_redo (history, before, "Move Note");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_resize_note (history, 2, 240, 80, &error));
  g_assert_cmpfloat (note_at (model, 2)->height, ==, 80);
  assert_undo_redo (history, before, "Resize Note");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_remove_note (history, 0, &error));
  g_assert_cmpuint (model->notes->len, ==, 2);
  g_assert_cmpstr (note_at (model, 0)->text, ==, "Sized");
  assert_undo_redo (history, before, "Delete Note");

  /* Refused edits change nothing. */
  g_assert_false (cardinal_history_remove_note (history, 9, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (cardinal_history_resize_note (history, 0, 2, 2, &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Delete Note");
}

static void
test_history_colors (void)
{
  g_autoptr(CardinalHistory) history = history_new ();
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = saved (history);

  g_assert_true (cardinal_history_set_entity_color (history, "invoice", "orange", &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cardinal_model_find_entity (model, "invoice")->color, ==, "orange");
  assert_undo_redo (history, before, "Set Colour");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_set_entity_color (history, "customer", NULL, &error));
  g_assert_null (cardinal_model_find_entity (model, "customer")->color);
  assert_undo_redo (history, before, "Set Colour");

  /* Several at once: one step. */
  g_clear_pointer (&before, g_free);
  before = saved (history);
  {
    const char *both[] = { "customer", "payment", NULL };
    const char *ghost[] = { "payment", "ghost", NULL };

    g_assert_true (cardinal_history_set_entities_color (history, both, "teal", &error));
    g_assert_cmpstr (cardinal_model_find_entity (model, "customer")->color, ==, "teal");
    g_assert_cmpstr (cardinal_model_find_entity (model, "payment")->color, ==, "teal");
    assert_undo_redo (history, before, "Set Colour");
    g_assert_false (cardinal_history_set_entities_color (history, ghost, "red", &error));
    g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
    g_clear_error (&error);
    g_assert_cmpstr (cardinal_model_find_entity (model, "payment")->color, ==, "teal");
  }

  g_assert_false (cardinal_history_set_entity_color (history, "customer", "hotpink", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cardinal_history_set_entity_color (history, "nobody", "red", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
}

static void
test_history_groups (void)
{
  g_autoptr(CardinalHistory) history = history_new ();
  const CardinalModel *model = cardinal_history_get_model (history);
  g_autoptr(GError) error = NULL;
  g_autofree char *before = saved (history);
  const char *members[] = { "customer", "invoice", NULL };
  g_autofree char *name = NULL;
  CardinalGroup *group;

  /* invoice leaves Billing in the same step. */
  group = cardinal_group_new ("Sales", members);
  group->color = g_strdup ("purple");
  g_assert_true (cardinal_history_add_group (history, group, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (cardinal_model_group_of (model, "invoice")->name, ==, "Sales");
  g_assert_false (cardinal_group_has_member (cardinal_model_find_group (model, "Billing"), "invoice"));
  assert_undo_redo (history, before, "Create Group");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_add_to_group (history, "Sales", "payment", &error));
  g_assert_cmpstr (cardinal_model_group_of (model, "payment")->name, ==, "Sales");
  g_assert_cmpuint (g_strv_length (cardinal_model_find_group (model, "Billing")->entities), ==, 0);
  assert_undo_redo (history, before, "Add to Group");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_remove_from_group (history, "Sales", "customer", &error));
  g_assert_null (cardinal_model_group_of (model, "customer"));
  assert_undo_redo (history, before, "Remove from Group");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_rename_group (history, "Sales", "Money", &error));
  g_assert_nonnull (cardinal_model_find_group (model, "Money"));
  assert_undo_redo (history, before, "Rename Group");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_set_group_color (history, "Money", "teal", &error));
  g_assert_cmpstr (cardinal_model_find_group (model, "Money")->color, ==, "teal");
  assert_undo_redo (history, before, "Set Group Colour");

  /* Moving a group moves its members, as one step. */
  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_move_group (history, "Money", 10, -5, &error));
  g_assert_cmpfloat (cardinal_model_find_entity (model, "invoice")->x, ==, 310);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "payment")->y, ==, 35);
  g_assert_cmpfloat (cardinal_model_find_entity (model, "customer")->x, ==, 0);
  assert_undo_redo (history, before, "Move Group");

  /* Renaming an entity renames it in its group; deleting it takes it out. */
  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_rename_entity (history, "invoice", "bill", &error));
  g_assert_true (cardinal_group_has_member (cardinal_model_find_group (model, "Money"), "bill"));
  assert_undo_redo (history, before, "Rename Entity");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  {
    const char *doomed[] = { "bill", NULL };

    g_assert_true (cardinal_history_remove (history, doomed, NULL, &error));
  }
  g_assert_false (cardinal_group_has_member (cardinal_model_find_group (model, "Money"), "bill"));
  assert_undo_redo (history, before, "Delete");

  g_clear_pointer (&before, g_free);
  before = saved (history);
  g_assert_true (cardinal_history_remove_group (history, "Money", &error));
  g_assert_null (cardinal_model_find_group (model, "Money"));
  g_assert_nonnull (cardinal_model_find_entity (model, "payment"));
  assert_undo_redo (history, before, "Delete Group");

  /* Refusals. */
  g_assert_false (cardinal_history_add_group (history, cardinal_group_new ("Empty", NULL), &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cardinal_history_add_group (history, cardinal_group_new ("  ", NULL), &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  {
    const char *ghosts[] = { "ghost", NULL };

    g_assert_false (cardinal_history_add_group (history, cardinal_group_new ("G", ghosts), &error));
    g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  g_assert_false (cardinal_history_rename_group (history, "Billing", "Empty", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (cardinal_history_set_group_color (history, "Billing", "Green", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (cardinal_history_remove_from_group (history, "Billing", "customer", &error));
  g_assert_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Delete Group");

  name = cardinal_history_unique_group_name (history, "Empty");
  g_assert_cmpstr (name, ==, "Empty 2");
}

/* The whole edit history undoes back to the file as loaded. */
static void
test_history_undo_all (void)
{
  g_autoptr(CardinalHistory) history = history_new ();
  g_autofree char *original = saved (history);
  g_autofree char *end = NULL;
  const char *pair[] = { "customer", "payment", NULL };

  g_assert_true (cardinal_history_add_note (history, cardinal_note_new ("x", 0, 0), NULL));
  g_assert_true (cardinal_history_add_group (history, cardinal_group_new ("Pair", pair), NULL));
  g_assert_true (cardinal_history_move_group (history, "Pair", 100, 100, NULL));
  g_assert_true (cardinal_history_set_entity_color (history, "payment", "red", NULL));
  g_assert_true (cardinal_history_remove_group (history, "Billing", NULL));
  while (cardinal_history_can_undo (history))
    g_assert_true (cardinal_history_undo (history));
  end = saved (history);
  g_assert_cmpstr (end, ==, original);
  g_assert_false (cardinal_history_get_modified (history));
}

/* The validator's view of a loaded file with a stale member. */
static void
test_validate_loaded (void)
{
  g_autoptr(CardinalModel) model =
    load ("{ \"format\": 3, \"entities\": [ { \"name\": \"a\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", "
          "\"primary-key\": true } ] } ], \"groups\": [ { \"name\": \"g\", \"entities\": [ \"a\", \"gone\" ] } ] }");
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  gboolean found = FALSE;

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);

      if (g_str_equal (diagnostic->code, "CARD037"))
        {
          found = TRUE;
          g_assert_nonnull (strstr (diagnostic->message, "\"gone\""));
        }
    }
  g_assert_true (found);
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/notes-groups/load-and-save", test_load_and_save);
  g_test_add_func ("/notes-groups/copy", test_copy);
  g_test_add_func ("/notes-groups/unchanged-without", test_unchanged_without);
  g_test_add_func ("/notes-groups/format-number", test_format_number);
  g_test_add_func ("/notes-groups/format-4-refused", test_format_4_refused);
  g_test_add_func ("/notes-groups/errors", test_errors);
  g_test_add_func ("/notes-groups/palette", test_palette);
  g_test_add_func ("/notes-groups/history/notes", test_history_notes);
  g_test_add_func ("/notes-groups/history/colors", test_history_colors);
  g_test_add_func ("/notes-groups/history/groups", test_history_groups);
  g_test_add_func ("/notes-groups/history/undo-all", test_history_undo_all);
  g_test_add_func ("/notes-groups/validate-loaded", test_validate_loaded);

  return g_test_run ();
}
