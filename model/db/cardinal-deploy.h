/* cardinal-deploy.h: applying DDL to an SQLite file or a PostgreSQL database, all or nothing. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_DEPLOY_ERROR (cardinal_deploy_error_quark ())

typedef enum
{
  CARDINAL_DEPLOY_ERROR_OPEN,       /* the SQLite file can't be opened or is not a database */
  CARDINAL_DEPLOY_ERROR_CONNECT,    /* the PostgreSQL server can't be reached or refused the login */
  CARDINAL_DEPLOY_ERROR_FAILED,     /* a statement failed; nothing was applied */
  CARDINAL_DEPLOY_ERROR_CANCELLED,  /* cancelled before the commit; nothing was applied */
  CARDINAL_DEPLOY_ERROR_TOO_LARGE,  /* PostgreSQL: more locks than the server's lock table holds; nothing was applied */
} CardinalDeployError;

GQuark          cardinal_deploy_error_quark    (void);

/* What @target names: a postgresql:// (or postgres://) URI or a libpq
 * conninfo string ("host=… dbname=…") is PostgreSQL; anything else is the
 * path of an SQLite file, created when missing. */
CardinalDialect cardinal_deploy_target_dialect (const char *target);

/* @target as it may be shown: a password in a URI or conninfo is replaced
 * by "***". Newly allocated. */
char           *cardinal_deploy_target_display (const char *target);

/* The exact script cardinal_deploy_apply () runs: @ddl (as
 * cardinal_ddl_render () writes it for cardinal_deploy_target_dialect
 * (@target); render/ depends on model/, so the caller renders it) under a
 * comment naming the target. Newly allocated. */
char           *cardinal_deploy_preview        (const char *ddl,
                                                const char *target);

/* Runs @script on @target in one transaction of deploy's own: lines that
 * are exactly "BEGIN;" or "COMMIT;" (as the renderer writes them) are left
 * out. On any error the transaction is rolled back, so nothing is applied,
 * and @error carries the database's own message and the script line of the
 * statement that failed. The PostgreSQL password comes from the conninfo or
 * libpq's usual sources (PGPASSWORD, ~/.pgpass); it is never asked for.
 *
 * PostgreSQL: when the script would hold more locks than half the server's
 * lock table (max_locks_per_transaction × (max_connections +
 * max_prepared_transactions)) and it goes into an empty schema, it runs in
 * batches into a new schema that replaces the empty one at the end, so the
 * target is either empty or complete (DESIGN.md §5.8); into a schema that
 * is not empty it is refused before anything runs when it cannot fit. */
gboolean        cardinal_deploy_apply          (const char    *script,
                                                const char    *target,
                                                GCancellable  *cancellable,
                                                GError       **error);

G_END_DECLS
