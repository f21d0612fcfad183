/* cardinal-codegen-dialog.h: Export → C Models…: a backend and a folder, and the code written off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-codegen.h"
#include "cardinal-task.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CODEGEN_DIALOG (cardinal_codegen_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalCodegenDialog, cardinal_codegen_dialog, CARDINAL, CODEGEN_DIALOG, GtkWindow)

/* A modal dialog over @host: the backend (sqlite3 or libpq) and the folder
 * to write into; Generate writes @host's design's C models there. */
CardinalCodegenDialog *cardinal_codegen_dialog_new (CardinalTaskHost *host);
/* The folder Generate writes into; setting it counts as the user's choice,
 * which the dialog remembers (GSettings) with the backend for next time. */
GFile *cardinal_codegen_dialog_get_directory (CardinalCodegenDialog *self);
void   cardinal_codegen_dialog_set_directory (CardinalCodegenDialog *self,
                                              GFile                 *directory);

/* Writes the C models of @host's design into @directory on a worker thread
 * (progress and Cancel on @host); a toast naming the folder or an error
 * dialog on @host tells how it went. */
void cardinal_codegen_export (CardinalTaskHost       *host,
                              GFile                  *directory,
                              CardinalDialect         backend);

G_END_DECLS
