/* cardinal-codegen-dialog.h: Export → C Models…: a backend and a folder, and the code written off the main thread. */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-codegen.h"
#include "cardinal-window.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CODEGEN_DIALOG (cardinal_codegen_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalCodegenDialog, cardinal_codegen_dialog, CARDINAL, CODEGEN_DIALOG, GtkWindow)

/* A modal dialog over @window: the backend (sqlite3 or libpq) and the folder
 * to write into; Generate writes @window's design's C models there. */
CardinalCodegenDialog *cardinal_codegen_dialog_new (CardinalWindow *window);

/* Writes the C models of @window's design into @directory on a worker thread
 * (progress and Cancel on @window); a toast naming the folder or an error
 * dialog on @window tells how it went. */
void cardinal_codegen_export (CardinalWindow         *window,
                              GFile                  *directory,
                              CardinalCodegenBackend  backend);

G_END_DECLS
