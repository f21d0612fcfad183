/* cardinal-form-util.h: small helpers the forms (inspector, relate dialog, attribute rows) share for their fields and rows. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

/* The text of a GtkEditable without surrounding white space. Newly allocated. */
char     *cardinal_form_editable_text (gpointer editable);
/* Whether the keyboard focus is in @widget or below it. */
gboolean  cardinal_form_holds_focus   (GtkWidget *widget);
/* Set a row's title (an AdwPreferencesRow) or subtitle (an AdwActionRow) only
 * when it changes, so that a sync does not disturb the row needlessly. */
void      cardinal_form_set_title     (gpointer    row,
                                       const char *title);
void      cardinal_form_set_subtitle  (gpointer    row,
                                       const char *subtitle);

G_END_DECLS
