/* cardinal-annotation-editor.c: the inspector's page for a sticky note or a group; every change is one step in the history. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-annotation-editor.h"
#include "cardinal-annotation-editor-private.h"

#include <adwaita.h>

/* Typing is saved after this pause, so that a sentence is one undo step and
 * not one per key. */
#define TEXT_SAVE_DELAY_MS 700

struct _CardinalAnnotationEditor
{
  GtkWidget          parent_instance;

  CardinalHistory   *history;
  GSignalGroup      *history_signals;  /* "changed" of whichever history is shown */
  int                note;          /* the note shown, or -1 */
  char              *group;         /* the group shown, or NULL */
  guint              save_id;
  gboolean           updating;      /* the widgets are being filled from the model */

  GtkWidget         *box;
  GtkWidget         *title;
  GtkWidget         *note_page;
  GtkTextView       *text_view;
  GtkWidget         *group_page;
  AdwEntryRow       *name_row;
  AdwComboRow       *color_row;
  GtkWidget         *members_label;
};

G_DEFINE_FINAL_TYPE (CardinalAnnotationEditor, cardinal_annotation_editor, GTK_TYPE_WIDGET)

static char *
buffer_text (CardinalAnnotationEditor *self)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

void
cardinal_annotation_editor_flush (CardinalAnnotationEditor *self)
{
  const CardinalModel *model;
  g_autofree char *text = NULL;

  g_return_if_fail (CARDINAL_IS_ANNOTATION_EDITOR (self));

  g_clear_handle_id (&self->save_id, g_source_remove);
  if (self->history == NULL || self->note < 0)
    return;
  model = cardinal_history_get_model (self->history);
  if ((guint) self->note >= model->notes->len)
    return;
  text = buffer_text (self);
  cardinal_history_set_note_text (self->history, (guint) self->note, text, NULL);
}

static gboolean
save_timeout_cb (gpointer data)
{
  CardinalAnnotationEditor *self = data;

  self->save_id = 0;
  cardinal_annotation_editor_flush (self);
  return G_SOURCE_REMOVE;
}

static void
text_changed_cb (GtkTextBuffer            *buffer,
                 CardinalAnnotationEditor *self)
{
  if (self->updating)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  self->save_id = g_timeout_add (TEXT_SAVE_DELAY_MS, save_timeout_cb, self);
}

static void
focus_leave_cb (GtkEventControllerFocus  *controller,
                CardinalAnnotationEditor *self)
{
  cardinal_annotation_editor_flush (self);
}

static gboolean
text_key_cb (GtkEventControllerKey    *controller,
             guint                     keyval,
             guint                     keycode,
             GdkModifierType           state,
             CardinalAnnotationEditor *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter) && (state & GDK_CONTROL_MASK))
    {
      cardinal_annotation_editor_flush (self);
      return TRUE;
    }
  return FALSE;
}

static void
refresh (CardinalAnnotationEditor *self)
{
  const CardinalModel *model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;

  self->updating = TRUE;
  if (model != NULL && self->note >= 0 && (guint) self->note < model->notes->len)
    {
      const CardinalNote *note = g_ptr_array_index (model->notes, self->note);
      GtkTextBuffer *buffer = gtk_text_view_get_buffer (self->text_view);
      g_autofree char *shown = buffer_text (self);

      gtk_label_set_text (GTK_LABEL (self->title), "Note");
      /* Leave the text alone while it is what the model has: a rewrite
       * would move the cursor under the user's fingers. */
      if (!g_str_equal (shown, note->text) && self->save_id == 0)
        gtk_text_buffer_set_text (buffer, note->text, -1);
      gtk_widget_set_visible (self->note_page, TRUE);
      gtk_widget_set_visible (self->group_page, FALSE);
    }
  else if (model != NULL && self->group != NULL && cardinal_model_find_group (model, self->group) != NULL)
    {
      const CardinalGroup *group = cardinal_model_find_group (model, self->group);
      const CardinalPaletteColor *color = cardinal_palette_lookup (group->color);
      guint n_colors;
      const CardinalPaletteColor *colors = cardinal_palette_colors (&n_colors);
      guint selected = 0;
      guint n = g_strv_length (group->entities);
      g_autofree char *members = g_strdup_printf (n == 1 ? "%u entity" : "%u entities", n);

      for (guint i = 0; color != NULL && i < n_colors; i++)
        if (&colors[i] == color)
          selected = i + 1;
      gtk_label_set_text (GTK_LABEL (self->title), "Group");
      if (!g_str_equal (gtk_editable_get_text (GTK_EDITABLE (self->name_row)), group->name))
        gtk_editable_set_text (GTK_EDITABLE (self->name_row), group->name);
      adw_combo_row_set_selected (self->color_row, selected);
      gtk_label_set_text (GTK_LABEL (self->members_label), members);
      gtk_widget_set_visible (self->note_page, FALSE);
      gtk_widget_set_visible (self->group_page, TRUE);
    }
  else
    {
      gtk_label_set_text (GTK_LABEL (self->title), "");
      gtk_widget_set_visible (self->note_page, FALSE);
      gtk_widget_set_visible (self->group_page, FALSE);
    }
  self->updating = FALSE;
}

static void
history_changed_cb (CardinalHistory          *history,
                    guint                     flags,
                    CardinalAnnotationEditor *self)
{
  if (flags & (CARDINAL_CHANGE_NOTES | CARDINAL_CHANGE_GROUPS))
    refresh (self);
}

void
cardinal_annotation_editor_set_history (CardinalAnnotationEditor *self,
                                        CardinalHistory          *history)
{
  g_return_if_fail (CARDINAL_IS_ANNOTATION_EDITOR (self));

  if (self->history == history)
    return;
  g_clear_handle_id (&self->save_id, g_source_remove);
  g_set_object (&self->history, history);
  g_signal_group_set_target (self->history_signals, history);
  self->note = -1;
  g_clear_pointer (&self->group, g_free);
  refresh (self);
}

void
cardinal_annotation_editor_show_note (CardinalAnnotationEditor *self,
                                      guint                     index)
{
  g_return_if_fail (CARDINAL_IS_ANNOTATION_EDITOR (self));

  if (self->note != (int) index)
    cardinal_annotation_editor_flush (self);
  self->note = (int) index;
  g_clear_pointer (&self->group, g_free);
  /* A different note: its own text, whatever was in the buffer. */
  self->updating = TRUE;
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (self->text_view), "", -1);
  self->updating = FALSE;
  refresh (self);
}

void
cardinal_annotation_editor_show_group (CardinalAnnotationEditor *self,
                                       const char               *name)
{
  g_return_if_fail (CARDINAL_IS_ANNOTATION_EDITOR (self));

  cardinal_annotation_editor_flush (self);
  self->note = -1;
  g_free (self->group);
  self->group = g_strdup (name);
  refresh (self);
}

void
cardinal_annotation_editor_focus_text (CardinalAnnotationEditor *self)
{
  GtkTextBuffer *buffer;
  GtkTextIter end;

  g_return_if_fail (CARDINAL_IS_ANNOTATION_EDITOR (self));

  buffer = gtk_text_view_get_buffer (self->text_view);
  gtk_text_buffer_get_end_iter (buffer, &end);
  gtk_text_buffer_place_cursor (buffer, &end);
  gtk_widget_grab_focus (GTK_WIDGET (self->text_view));
}

static void
name_apply_cb (AdwEntryRow              *row,
               CardinalAnnotationEditor *self)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (row)));

  if (self->history == NULL || self->group == NULL)
    return;
  if (cardinal_history_rename_group (self->history, self->group, name, &error))
    {
      g_free (self->group);
      self->group = g_steal_pointer (&name);
      gtk_widget_remove_css_class (GTK_WIDGET (row), "error");
    }
  else
    gtk_widget_add_css_class (GTK_WIDGET (row), "error");
  refresh (self);
}

static void
color_selected_cb (AdwComboRow              *row,
                   GParamSpec               *pspec,
                   CardinalAnnotationEditor *self)
{
  guint selected = adw_combo_row_get_selected (row);
  const CardinalPaletteColor *colors = cardinal_palette_colors (NULL);

  if (self->updating || self->history == NULL || self->group == NULL || selected == GTK_INVALID_LIST_POSITION)
    return;
  cardinal_history_set_group_color (self->history, self->group,
                                    selected == 0 ? NULL : colors[selected - 1].name, NULL);
}

static void
ungroup_clicked_cb (GtkButton                *button,
                    CardinalAnnotationEditor *self)
{
  if (self->history != NULL && self->group != NULL)
    cardinal_history_remove_group (self->history, self->group, NULL);
}

static void
delete_note_clicked_cb (GtkButton                *button,
                        CardinalAnnotationEditor *self)
{
  int note = self->note;

  g_clear_handle_id (&self->save_id, g_source_remove);
  self->note = -1;
  if (self->history != NULL && note >= 0)
    cardinal_history_remove_note (self->history, (guint) note, NULL);
  refresh (self);
}

static void
cardinal_annotation_editor_dispose (GObject *object)
{
  CardinalAnnotationEditor *self = CARDINAL_ANNOTATION_EDITOR (object);

  g_clear_handle_id (&self->save_id, g_source_remove);
  g_clear_object (&self->history_signals);
  g_clear_object (&self->history);
  g_clear_pointer (&self->group, g_free);
  g_clear_pointer (&self->box, gtk_widget_unparent);

  G_OBJECT_CLASS (cardinal_annotation_editor_parent_class)->dispose (object);
}

static void
cardinal_annotation_editor_class_init (CardinalAnnotationEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_annotation_editor_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
cardinal_annotation_editor_init (CardinalAnnotationEditor *self)
{
  g_autoptr(GtkStringList) color_names = gtk_string_list_new (NULL);
  guint n_colors;
  const CardinalPaletteColor *colors = cardinal_palette_colors (&n_colors);
  GtkEventController *focus, *keys;
  GtkWidget *scroller, *prefs, *button;

  self->note = -1;
  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed_cb), self);
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_set_margin_start (self->box, 12);
  gtk_widget_set_margin_end (self->box, 12);
  gtk_widget_set_margin_top (self->box, 12);
  gtk_widget_set_margin_bottom (self->box, 12);
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));

  self->title = gtk_label_new (NULL);
  gtk_widget_set_halign (self->title, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->title, "title-4");
  gtk_box_append (GTK_BOX (self->box), self->title);

  /* The note: its text, and a way to delete it. */
  self->note_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_min_content_height (GTK_SCROLLED_WINDOW (scroller), 160);
  gtk_widget_add_css_class (scroller, "card");
  self->text_view = GTK_TEXT_VIEW (gtk_text_view_new ());
  gtk_text_view_set_wrap_mode (self->text_view, GTK_WRAP_WORD_CHAR);
  gtk_text_view_set_top_margin (self->text_view, 8);
  gtk_text_view_set_bottom_margin (self->text_view, 8);
  gtk_text_view_set_left_margin (self->text_view, 8);
  gtk_text_view_set_right_margin (self->text_view, 8);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->text_view),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Note text", -1);
  gtk_widget_set_name (GTK_WIDGET (self->text_view), "note-text");
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), GTK_WIDGET (self->text_view));
  gtk_box_append (GTK_BOX (self->note_page), scroller);
  g_signal_connect (gtk_text_view_get_buffer (self->text_view), "changed", G_CALLBACK (text_changed_cb), self);
  focus = gtk_event_controller_focus_new ();
  g_signal_connect (focus, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), focus);
  keys = gtk_event_controller_key_new ();
  g_signal_connect (keys, "key-pressed", G_CALLBACK (text_key_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->text_view), keys);
  button = gtk_button_new_with_mnemonic ("_Delete Note");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "destructive-action");
  g_signal_connect (button, "clicked", G_CALLBACK (delete_note_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->note_page), button);
  gtk_box_append (GTK_BOX (self->box), self->note_page);

  /* The group: name, colour, how many members, and ungroup. */
  self->group_page = gtk_box_new (GTK_ORIENTATION_VERTICAL, 8);
  prefs = adw_preferences_group_new ();
  self->name_row = ADW_ENTRY_ROW (adw_entry_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->name_row), "Name");
  adw_entry_row_set_show_apply_button (self->name_row, TRUE);
  g_signal_connect (self->name_row, "apply", G_CALLBACK (name_apply_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (prefs), GTK_WIDGET (self->name_row));
  gtk_string_list_append (color_names, "None");
  for (guint i = 0; i < n_colors; i++)
    gtk_string_list_append (color_names, colors[i].label);
  self->color_row = ADW_COMBO_ROW (adw_combo_row_new ());
  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (self->color_row), "Colour");
  adw_combo_row_set_model (self->color_row, G_LIST_MODEL (color_names));
  g_signal_connect (self->color_row, "notify::selected", G_CALLBACK (color_selected_cb), self);
  adw_preferences_group_add (ADW_PREFERENCES_GROUP (prefs), GTK_WIDGET (self->color_row));
  gtk_box_append (GTK_BOX (self->group_page), prefs);
  self->members_label = gtk_label_new (NULL);
  gtk_widget_set_halign (self->members_label, GTK_ALIGN_START);
  gtk_widget_add_css_class (self->members_label, "dim-label");
  gtk_box_append (GTK_BOX (self->group_page), self->members_label);
  button = gtk_button_new_with_mnemonic ("_Ungroup");
  gtk_widget_set_halign (button, GTK_ALIGN_START);
  g_signal_connect (button, "clicked", G_CALLBACK (ungroup_clicked_cb), self);
  gtk_box_append (GTK_BOX (self->group_page), button);
  gtk_box_append (GTK_BOX (self->box), self->group_page);

  refresh (self);
}

GtkWidget *
cardinal_annotation_editor_new (void)
{
  return g_object_new (CARDINAL_TYPE_ANNOTATION_EDITOR, NULL);
}

/* Test accessors ------------------------------------------------------------- */

GtkTextView *
cardinal_annotation_editor_get_text_view (CardinalAnnotationEditor *self)
{
  return self->text_view;
}

AdwEntryRow *
cardinal_annotation_editor_get_name_row (CardinalAnnotationEditor *self)
{
  return self->name_row;
}

AdwComboRow *
cardinal_annotation_editor_get_color_row (CardinalAnnotationEditor *self)
{
  return self->color_row;
}

const char *
cardinal_annotation_editor_get_title (CardinalAnnotationEditor *self)
{
  return gtk_label_get_text (GTK_LABEL (self->title));
}
