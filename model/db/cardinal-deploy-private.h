/* cardinal-deploy-private.h: the PostgreSQL connection and lock-budget helpers that deploy and the migration runner share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

/* Messages come back as one line of text (libpq's own, newlines folded);
 * each caller wraps them in its own error domain. */

/* Runs @sql; FALSE with *@message (if not NULL) and *@sqlstate (if not
 * NULL; "53200" is out of shared memory: the lock table is full, "" when
 * the connection is gone) on any error. */
gboolean  cardinal_deploy_pg_command           (PGconn      *conn,
                                                const char  *sql,
                                                char       **message,
                                                char       **sqlstate);

/* How many objects the server can lock at once, for every session together:
 * max_locks_per_transaction × (max_connections + max_prepared_transactions),
 * the size PostgreSQL gives its shared lock table. 0 with *@message on error. */
gint64    cardinal_deploy_pg_lock_capacity     (PGconn      *conn,
                                                char       **message);
/* A generous estimate of the locks one statement holds until the end of its
 * transaction: a new table locks itself, its TOAST table and index, each
 * index its key and UNIQUE constraints make, each identity or serial
 * sequence and each table it references. */
guint     cardinal_deploy_pg_estimate_locks    (const char *sql);
/* Whether the transaction should be split: @locks above half the capacity
 * (the lock table is shared with every other session). */
gboolean  cardinal_deploy_pg_too_many_locks    (gint64 locks,
                                                gint64 capacity);

/* Runs @statements (char *, in order, none creating a schema or naming one)
 * into the empty schema the connection creates into (current_schema ()), in
 * transactions of at most @batch_locks estimated locks each, without ever
 * showing a half-made schema: everything is created in a new schema that
 * replaces the empty one in a last short transaction (owner, privileges and
 * comment carried over). On failure the new schema is dropped again, and
 * the target schema is exactly as it was. FALSE with *@message, and
 * *@cancelled TRUE when it stopped because @cancellable was cancelled.
 * @progress (may be NULL) is called before each statement. */
typedef void (*CardinalDeployStagedProgress) (guint    index,
                                              guint    n_statements,
                                              gpointer data);
gboolean  cardinal_deploy_pg_apply_staged      (PGconn                       *conn,
                                                GPtrArray                    *statements,
                                                gint64                        batch_locks,
                                                CardinalDeployStagedProgress  progress,
                                                gpointer                      progress_data,
                                                GCancellable                 *cancellable,
                                                gboolean                     *cancelled,
                                                char                        **message);
/* Whether the schema the connection creates into exists and holds nothing
 * (no relation, type, function or other object depends on it); FALSE with
 * *@message NULL when it simply is not empty. */
gboolean  cardinal_deploy_pg_target_is_empty   (PGconn      *conn,
                                                char       **message);
/* Whether @sql (after blanks and comments) starts with CREATE SCHEMA. */
gboolean  cardinal_deploy_is_create_schema     (const char *sql);

G_END_DECLS
