/* cardinal-migrate-dialog.h: Compare with Database…: the plan that changes a live database to the design, grouped by table, its SQL, and Apply with progress and Cancel. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-migration.h"
#include "cardinal-task.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_MIGRATE_DIALOG (cardinal_migrate_dialog_get_type ())

G_DECLARE_FINAL_TYPE (CardinalMigrateDialog, cardinal_migrate_dialog, CARDINAL, MIGRATE_DIALOG, GtkWindow)

/* A modal dialog over @host: the database (an SQLite file or a PostgreSQL
 * URI / conninfo), Compare (reads it on a worker thread, matches it to the
 * design by name and plans), the plan grouped by table with the steps that
 * lose data marked and their rows, the SQL, Export SQL…, and Apply (in one
 * transaction, with progress and Cancel; steps that lose data only with
 * "Allow Data Loss"). */
CardinalMigrateDialog   *cardinal_migrate_dialog_new         (CardinalTaskHost      *host);
void                     cardinal_migrate_dialog_set_target  (CardinalMigrateDialog *self,
                                                              const char            *target);
/* Whether a Compare or an Apply is running. */
gboolean                 cardinal_migrate_dialog_is_busy     (CardinalMigrateDialog *self);
/* The plan of the last Compare, or NULL (none yet, or it failed). */
const CardinalMigration *cardinal_migrate_dialog_get_plan    (CardinalMigrateDialog *self);
/* What the dialog last said (the plan's summary or an error). */
const char              *cardinal_migrate_dialog_get_status  (CardinalMigrateDialog *self);

G_END_DECLS
