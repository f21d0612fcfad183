/* cardinal-form-util.c: small helpers the forms (inspector, relate dialog, attribute rows) share for their fields and rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-form-util.h"

char *
cardinal_form_editable_text (gpointer editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (editable))));
}

gboolean
cardinal_form_holds_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root ? gtk_root_get_focus (root) : NULL;

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

void
cardinal_form_set_title (gpointer    row,
                         const char *title)
{
  if (g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (row)), title) != 0)
    adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), title);
}

void
cardinal_form_set_subtitle (gpointer    row,
                            const char *subtitle)
{
  if (g_strcmp0 (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), subtitle) != 0)
    adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
}
