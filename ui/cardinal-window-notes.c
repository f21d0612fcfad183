/* cardinal-window-notes.c: the window's part in notes, groups and colours (format 3): menu entries, actions, the inspector's pages. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-window-notes.h"

/* The context menu is a popover beside the canvas, not inside it, so the
 * canvas's own actions are out of its reach: these forward to them. */
static gboolean
refocus_canvas (gpointer data)
{
  GtkWidget *canvas = data;

  if (gtk_widget_get_mapped (canvas))
    gtk_widget_grab_focus (canvas);
  return G_SOURCE_REMOVE;
}

static void
forward_activate (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  const char *action_name = g_action_get_name (G_ACTION (action));
  g_autofree char *name = g_strconcat ("canvas.", action_name, NULL);

  gtk_widget_activate_action_variant (GTK_WIDGET (user_data), name, parameter);
  /* A popover menu closed from a submenu leaves the keyboard focus in no
   * widget (Ctrl+S would go unheard), so it goes back to the canvas once the
   * menu is gone; Add Note has put it in the note's text instead. */
  if (!g_str_equal (action_name, "add-note"))
    g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, refocus_canvas, g_object_ref (user_data), g_object_unref);
}

static void
edit_note_cb (CardinalCanvas    *canvas,
              int                index,
              CardinalInspector *inspector)
{
  cardinal_inspector_edit_note (inspector, (guint) index);
}

void
cardinal_window_notes_setup (GtkWidget         *window,
                             CardinalCanvas    *canvas,
                             CardinalInspector *inspector)
{
  static const GActionEntry entries[] = {
    { "add-note", forward_activate, NULL, NULL, NULL, { 0 } },
    { "group-selection", forward_activate, NULL, NULL, NULL, { 0 } },
    { "set-color", forward_activate, "s", NULL, NULL, { 0 } },
    { "delete", forward_activate, NULL, NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), canvas);
  gtk_widget_insert_action_group (window, "notes", G_ACTION_GROUP (group));
  g_signal_connect_object (canvas, "edit-note", G_CALLBACK (edit_note_cb), inspector, 0);
}

void
cardinal_window_notes_extend_menu (GMenu          *menu,
                                   CardinalCanvas *canvas)
{
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (canvas);
  g_autoptr(GMenu) section = g_menu_new ();

  /* A note or a group is selected alone: its own way out. */
  if (cardinal_canvas_get_selected_note (canvas) >= 0)
    g_menu_append (section, "_Delete Note", "notes.delete");
  else if (cardinal_canvas_get_selected_group (canvas) != NULL)
    g_menu_append (section, "_Ungroup", "notes.delete");
  g_menu_append (section, "Add _Note", "notes.add-note");
  if (entities[0] != NULL)
    {
      g_autoptr(GMenu) colors = g_menu_new ();
      guint n_colors;
      const CardinalPaletteColor *palette = cardinal_palette_colors (&n_colors);
      g_autoptr(GMenuItem) none = g_menu_item_new ("No Colour", NULL);

      g_menu_append (section, "Gr_oup Selection", "notes.group-selection");
      g_menu_item_set_action_and_target (none, "notes.set-color", "s", "");
      g_menu_append_item (colors, none);
      for (guint i = 0; i < n_colors; i++)
        {
          g_autoptr(GMenuItem) item = g_menu_item_new (palette[i].label, NULL);

          g_menu_item_set_action_and_target (item, "notes.set-color", "s", palette[i].name);
          g_menu_append_item (colors, item);
        }
      g_menu_append_submenu (section, "Co_lour", G_MENU_MODEL (colors));
    }
  g_menu_append_section (menu, NULL, G_MENU_MODEL (section));
}

gboolean
cardinal_window_notes_show_selection (CardinalCanvas    *canvas,
                                      CardinalInspector *inspector)
{
  if (cardinal_canvas_get_selected_note (canvas) >= 0)
    cardinal_inspector_show_note (inspector, (guint) cardinal_canvas_get_selected_note (canvas));
  else if (cardinal_canvas_get_selected_group (canvas) != NULL)
    cardinal_inspector_show_group (inspector, cardinal_canvas_get_selected_group (canvas));
  else
    return FALSE;
  return TRUE;
}
