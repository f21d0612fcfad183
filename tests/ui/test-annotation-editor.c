/* test-annotation-editor.c: the inspector's note and group page driven through its widgets: typed text saved as one step, a group renamed, recoloured and ungrouped. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include "cardinal-annotation-editor-private.h"
#include "cardinal-ui-test.h"

typedef struct
{
  GtkWindow                *window;
  CardinalAnnotationEditor *editor;
  CardinalHistory          *history;
} Fixture;

static void
fixture_set_up (Fixture *f)
{
  CardinalModel *model = cardinal_model_new ("shop");
  const char *members[] = { "invoice", NULL };

  cardinal_model_add_entity (model, cardinal_entity_new ("invoice"));
  cardinal_model_add_entity (model, cardinal_entity_new ("payment"));
  g_ptr_array_add (model->groups, cardinal_group_new ("Billing", members));
  g_ptr_array_add (model->notes, cardinal_note_new ("first", 10, 20));
  f->history = cardinal_history_new (model);
  f->editor = CARDINAL_ANNOTATION_EDITOR (cardinal_annotation_editor_new ());
  cardinal_annotation_editor_set_history (f->editor, f->history);
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_child (f->window, GTK_WIDGET (f->editor));
  cardinal_ui_test_show (f->window);
}

static void
fixture_tear_down (Fixture *f)
{
  cardinal_ui_test_destroy (f->window);
  g_object_unref (f->history);
}

static const CardinalNote *
note_at (Fixture *f,
         guint    index)
{
  const CardinalModel *model = cardinal_history_get_model (f->history);

  g_assert_cmpuint (index, <, model->notes->len);
  return g_ptr_array_index (model->notes, index);
}

static gboolean
note_saved (gpointer data)
{
  Fixture *f = data;

  return g_str_equal (note_at (f, 0)->text, "first line\nsecond");
}

/* Typing is saved once typing pauses, as one step; the page follows undo. */
static void
test_note_text (void)
{
  Fixture f;
  GtkTextBuffer *buffer;
  g_autofree char *shown = NULL;
  GtkTextIter start, end;

  fixture_set_up (&f);
  cardinal_annotation_editor_show_note (f.editor, 0);
  g_assert_cmpstr (cardinal_annotation_editor_get_title (f.editor), ==, "Note");
  buffer = gtk_text_view_get_buffer (cardinal_annotation_editor_get_text_view (f.editor));
  gtk_text_buffer_get_bounds (buffer, &start, &end);
  shown = gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
  g_assert_cmpstr (shown, ==, "first");

  /* Three changes to the buffer, one step in the history. */
  gtk_text_buffer_set_text (buffer, "first line", -1);
  gtk_text_buffer_insert_at_cursor (buffer, "\n", -1);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_insert (buffer, &end, "second", -1);
  g_assert_cmpstr (note_at (&f, 0)->text, ==, "first");
  g_assert_true (cardinal_ui_test_wait (note_saved, &f, 5000));
  g_assert_cmpstr (cardinal_history_get_undo_label (f.history), ==, "Edit Note");
  g_assert_true (cardinal_history_undo (f.history));
  g_assert_false (cardinal_history_can_undo (f.history));
  g_assert_cmpstr (note_at (&f, 0)->text, ==, "first");

  /* A flush saves at once (what the inspector does before showing another object). */
  gtk_text_buffer_set_text (buffer, "flushed", -1);
  cardinal_annotation_editor_flush (f.editor);
  g_assert_cmpstr (note_at (&f, 0)->text, ==, "flushed");

  /* The note deleted elsewhere: the page empties. */
  g_assert_true (cardinal_history_remove_note (f.history, 0, NULL));
  g_assert_cmpstr (cardinal_annotation_editor_get_title (f.editor), ==, "");
  fixture_tear_down (&f);
}

static void
test_group (void)
{
  Fixture f;
  AdwEntryRow *name;
  AdwComboRow *color;
  const CardinalModel *model;

  fixture_set_up (&f);
  model = cardinal_history_get_model (f.history);
  cardinal_annotation_editor_show_group (f.editor, "Billing");
  g_assert_cmpstr (cardinal_annotation_editor_get_title (f.editor), ==, "Group");
  name = cardinal_annotation_editor_get_name_row (f.editor);
  color = cardinal_annotation_editor_get_color_row (f.editor);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (name)), ==, "Billing");
  g_assert_cmpuint (adw_combo_row_get_selected (color), ==, 0);

  /* Rename with the row's apply button. */
  gtk_editable_set_text (GTK_EDITABLE (name), "Money");
  g_signal_emit_by_name (name, "apply");
  g_assert_nonnull (cardinal_model_find_group (model, "Money"));
  g_assert_cmpstr (cardinal_history_get_undo_label (f.history), ==, "Rename Group");

  /* A taken or blank name is refused and marked. */
  g_assert_true (cardinal_history_add_group (f.history, cardinal_group_new ("Other", NULL), NULL));
  gtk_editable_set_text (GTK_EDITABLE (name), "Other");
  g_signal_emit_by_name (name, "apply");
  g_assert_nonnull (cardinal_model_find_group (model, "Money"));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (name), "error"));

  /* Colour: the palette's sixth, blue (after None). */
  adw_combo_row_set_selected (color, 6);
  g_assert_cmpstr (cardinal_model_find_group (model, "Money")->color, ==, "blue");
  g_assert_cmpstr (cardinal_history_get_undo_label (f.history), ==, "Set Group Colour");
  /* Undo shows the colour it brings back. */
  g_assert_true (cardinal_history_undo (f.history));
  g_assert_cmpuint (adw_combo_row_get_selected (color), ==, 0);
  g_assert_null (cardinal_model_find_group (model, "Money")->color);

  fixture_tear_down (&f);
}

int
main (int    argc,
      char **argv)
{
  if (!cardinal_ui_test_init_adw (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/annotation-editor/note-text", test_note_text);
  g_test_add_func ("/annotation-editor/group", test_group);

  return cardinal_ui_test_run ();
}
