/* cardinal-import-dialog.h: importing a database (SQLite file, PostgreSQL, .sql file) as a new, arranged document. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-reflect.h"
#include "cardinal-task.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_IMPORT_DIALOG (cardinal_import_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalImportDialog, cardinal_import_dialog, CARDINAL, IMPORT_DIALOG, GtkWindow)

/* The PostgreSQL connection dialog over @host: a URI or conninfo string,
 * or host, port, database and user; a password that is never stored; the
 * schemas; Test Connection (libpq's own message on failure); Import. It
 * opens with the connection it last closed with, without the password. */
CardinalImportDialog *cardinal_import_dialog_new (CardinalTaskHost *host);

/* The conninfo the dialog's fields make (newly allocated), without the password. */
char *cardinal_import_dialog_get_conninfo (CardinalImportDialog *self);

/* A file chooser for an SQLite database (@sql FALSE) or a .sql file (with a
 * dialect choice, the last one chosen first), then cardinal_import_start (). */
void cardinal_import_choose_file (CardinalTaskHost *host,
                                  gboolean          sql);

/* Reads @source (as cardinal_reflect_source_full () understands it) on a
 * worker thread, infers the logical model, lays it out with Graphviz and
 * opens it as a new document titled after the source; progress and Cancel
 * on @host, errors in a dialog over it, inference warnings and reflection
 * notes in a toast with the details a click away. @password is used for
 * this connection only. */
void cardinal_import_start       (CardinalTaskHost   *host,
                                  const char         *source,
                                  CardinalDialect      dialect,
                                  CardinalReflectFlags flags,
                                  const char * const *schemas,
                                  const char         *password);

G_END_DECLS
