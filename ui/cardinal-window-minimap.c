/* cardinal-window-minimap.c: the canvas overview in the window: its place over the canvas, its toggle (view.minimap, Ctrl+M) and its remembered state. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include "cardinal-canvas-minimap.h"

/* The minimap sits in the canvas's bottom-left corner (the view controls
 * have the right one); the toggle is a property action on its visibility,
 * so the button and the shortcut always show its real state. */
void
cardinal_window_minimap_init (CardinalWindow *self)
{
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();
  g_autoptr(GPropertyAction) action = NULL;

  self->minimap = cardinal_canvas_minimap_new (CARDINAL_CANVAS (self->canvas));
  gtk_widget_set_halign (self->minimap, GTK_ALIGN_START);
  gtk_widget_set_valign (self->minimap, GTK_ALIGN_END);
  gtk_widget_set_margin_start (self->minimap, 18);
  gtk_widget_set_margin_bottom (self->minimap, 18);
  gtk_widget_add_css_class (self->minimap, "canvas-minimap");
  gtk_widget_set_visible (self->minimap, FALSE);
  gtk_overlay_add_overlay (self->canvas_overlay, self->minimap);

  action = g_property_action_new ("minimap", self->minimap, "visible");
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (GTK_WIDGET (self), "view", G_ACTION_GROUP (group));
}

/* Remembered across sessions when the schema is installed. */
void
cardinal_window_minimap_apply_settings (CardinalWindow *self)
{
  g_autoptr(GSettingsSchema) schema = NULL;

  if (self->settings == NULL)
    return;
  g_object_get (self->settings, "settings-schema", &schema, NULL);
  if (schema == NULL || !g_settings_schema_has_key (schema, "show-minimap"))
    return;
  g_settings_bind (self->settings, "show-minimap", self->minimap, "visible", G_SETTINGS_BIND_DEFAULT);
}
