/* cardinal-chooser.c: the one native file chooser a dialog keeps open at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-chooser.h"

GtkFileChooserNative *
cardinal_chooser_new (GtkWindow            *parent,
                      const char           *title,
                      GtkFileChooserAction  action,
                      const char           *accept_label,
                      GFile                *folder,
                      const char           *name)
{
  GtkFileChooserNative *chooser = gtk_file_chooser_native_new (title, parent, action, accept_label, "_Cancel");

  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (folder != NULL)
    gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);
  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  return chooser;
}

GFile *
cardinal_chooser_dup_file (GtkNativeDialog *chooser,
                           int              response)
{
  g_return_val_if_fail (GTK_IS_FILE_CHOOSER (chooser), NULL);

  if (response != GTK_RESPONSE_ACCEPT)
    return NULL;
  return gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
}

char *
cardinal_chooser_dup_path (GtkNativeDialog *chooser,
                           int              response)
{
  g_autoptr(GFile) file = cardinal_chooser_dup_file (chooser, response);

  return file != NULL ? g_file_get_path (file) : NULL;
}

void
cardinal_chooser_show (GtkNativeDialog      **slot,
                       GtkFileChooserNative  *chooser,
                       GCallback              response,
                       gpointer               user_data)
{
  g_return_if_fail (slot != NULL);
  g_return_if_fail (GTK_IS_FILE_CHOOSER_NATIVE (chooser));

  g_signal_connect (chooser, "response", response, user_data);
  if (*slot != NULL)
    gtk_native_dialog_destroy (*slot);
  g_clear_object (slot);
  *slot = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (*slot);
}

void
cardinal_chooser_clear (GtkNativeDialog **slot,
                        gpointer          user_data)
{
  g_return_if_fail (slot != NULL);

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_data (*slot, user_data);
      gtk_native_dialog_destroy (*slot);
    }
  g_clear_object (slot);
}
