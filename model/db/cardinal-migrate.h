/* cardinal-migrate.h: running a migration plan on a live database, all or nothing, and matching a live database's objects to a document's by name. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-migration.h"
#include "cardinal-model.h"

G_BEGIN_DECLS

#define CARDINAL_MIGRATE_ERROR (cardinal_migrate_error_quark ())

/* Whatever the code, nothing of the plan is left applied. */
typedef enum
{
  CARDINAL_MIGRATE_ERROR_OPEN,       /* the SQLite file can't be opened, or is not a database */
  CARDINAL_MIGRATE_ERROR_CONNECT,    /* the PostgreSQL server can't be reached or refused the login */
  CARDINAL_MIGRATE_ERROR_PLAN,       /* the plan itself is unusable (a PRAGMA step between others) */
  CARDINAL_MIGRATE_ERROR_DATA_LOSS,  /* steps lose data and that was not allowed; nothing ran */
  CARDINAL_MIGRATE_ERROR_REFUSED,    /* a CHECK step found rows; rolled back */
  CARDINAL_MIGRATE_ERROR_FAILED,     /* a statement failed or the connection was lost; rolled back */
  CARDINAL_MIGRATE_ERROR_INTEGRITY,  /* SQLite's foreign_key_check or integrity_check found a problem; rolled back */
  CARDINAL_MIGRATE_ERROR_TOO_LARGE,  /* PostgreSQL: more locks than the server holds; nothing ran */
  CARDINAL_MIGRATE_ERROR_CANCELLED,  /* cancelled before the commit; rolled back */
  CARDINAL_MIGRATE_ERROR_RENAME,     /* a --rename names no table or column that can take it */
} CardinalMigrateError;

GQuark cardinal_migrate_error_quark (void);

/* Called before step @index (from 0) of @n_steps runs, in the thread that runs the plan. */
typedef void (*CardinalMigrateProgress) (guint                        index,
                                         guint                        n_steps,
                                         const CardinalMigrationStep *step,
                                         gpointer                     data);

/* Runs @plan on @target (an SQLite file, a postgresql:// URI or a conninfo,
 * as cardinal_deploy_target_dialect () tells them apart):
 * - steps that lose data are refused before anything runs, unless
 *   @allow_data_loss, and the error names each with the rows it would touch;
 * - PRAGMA steps at the start run before the transaction, those at the end
 *   after it (SQLite's foreign_keys can't change inside one); a PRAGMA step
 *   between others makes the plan unusable;
 * - every other step runs in ONE transaction: a CHECK step runs its
 *   count_sql (or its sql, counting rows) and refuses with its refusal and
 *   the count when that is not 0; on SQLite, PRAGMA foreign_key_check and
 *   integrity_check run before the commit;
 * - any failure (a constraint, a lost connection, @cancellable) rolls
 *   everything back. A refused or failed plan leaves an SQLite file byte
 *   for byte as it was.
 * PostgreSQL: a plan whose statements would hold more locks than the
 * server's lock table allows runs in batches into a new schema when it
 * only creates into an empty one (as cardinal_deploy_apply () does), and is
 * refused before anything runs otherwise (DESIGN.md §5.8). */
gboolean cardinal_migration_run         (const CardinalMigration  *plan,
                                         const char               *target,
                                         gboolean                  allow_data_loss,
                                         CardinalMigrateProgress   progress,
                                         gpointer                  progress_data,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* How many rows each step would touch, read from @target without changing
 * it: a new GArray of gint64, one per step of @plan, -1 for a step with no
 * count_sql. NULL with @error when @target can't be read or a count fails. */
GArray  *cardinal_migration_count_rows  (const CardinalMigration  *plan,
                                         const char               *target,
                                         GCancellable             *cancellable,
                                         GError                  **error);

/* Matching a live database to a document by name: gives the entities,
 * attributes and relationships of @reflected (the model inferred from the
 * database) the ids of @document's objects of the same table, column or
 * foreign key, so that the planner sees what is kept. Tables match by
 * schema and table name, columns by name inside matched tables,
 * relationships by the matched entities they join, then by strategy, roles,
 * FK columns and link table. @renames ("OLD=NEW" for a table,
 * "TABLE.OLD=NEW" for a column, TABLE the old or new table name; NULL for
 * none) say what was renamed. Objects of @document without an id get a new
 * one (the document is changed only there); objects of @reflected nothing
 * matches get new ids, so they read as dropped. Where a table or column
 * disappears and one with the same columns (or type, nullability and key
 * membership) appears and no rename
 * says so, a note "possible rename OLD → NEW" is added to @notes (char *).
 * FALSE with CARDINAL_MIGRATE_ERROR_RENAME when a rename is malformed or
 * names nothing to rename. */
gboolean cardinal_migration_adopt_ids   (CardinalModel       *reflected,
                                         CardinalModel       *document,
                                         const char * const  *renames,
                                         GPtrArray           *notes,
                                         GError             **error);

G_END_DECLS
