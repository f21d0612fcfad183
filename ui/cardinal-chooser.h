/* cardinal-chooser.h: the one native file chooser a dialog keeps open at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Shows @chooser (taking it) in place of the chooser in *@slot, which is
 * destroyed; @response is connected with @user_data. */
void cardinal_chooser_show  (GtkNativeDialog      **slot,
                             GtkFileChooserNative  *chooser,
                             GCallback              response,
                             gpointer               user_data);
/* Destroys the chooser in *@slot, if any, after disconnecting @user_data's
 * handlers, so that no answer reaches a dialog being disposed. */
void cardinal_chooser_clear (GtkNativeDialog      **slot,
                             gpointer               user_data);

G_END_DECLS
