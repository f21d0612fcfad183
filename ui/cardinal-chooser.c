/* cardinal-chooser.c: the one native file chooser a dialog keeps open at a time. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-chooser.h"

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
