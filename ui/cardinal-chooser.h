/* cardinal-chooser.h: the one native file chooser a dialog keeps open at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A modal native chooser over @parent with @title, answered by @accept_label
 * or "_Cancel", opened in @folder (NULL: where the chooser likes) with @name
 * proposed (NULL: none; save mode only). */
GtkFileChooserNative *cardinal_chooser_new (GtkWindow            *parent,
                                            const char           *title,
                                            GtkFileChooserAction  action,
                                            const char           *accept_label,
                                            GFile                *folder,
                                            const char           *name);
/* The file @chooser was answered with when @response accepts it, else NULL. */
GFile *cardinal_chooser_dup_file (GtkNativeDialog *chooser,
                                  int              response);
/* Likewise as a local path (NULL for a file without one). */
char  *cardinal_chooser_dup_path (GtkNativeDialog *chooser,
                                  int              response);

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
