/* cardinal-test-pg.h: a throwaway PostgreSQL cluster for tests (initdb + pg_ctl, Unix socket only). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

typedef struct _CardinalTestPg CardinalTestPg;

/* Starts a fresh cluster in a temporary directory, listening on a Unix socket
 * only; as root the server runs as the `postgres` user. Waits for the socket,
 * never for a fixed time. Returns NULL with @error set when PostgreSQL is not
 * installed or fails to start. */
CardinalTestPg *cardinal_test_pg_start        (GError **error);
/* Stops the server and removes the directory. */
void            cardinal_test_pg_stop         (CardinalTestPg *pg);
/* A libpq conninfo string for database @dbname on the cluster ("postgres" if NULL). */
char           *cardinal_test_pg_conninfo     (CardinalTestPg *pg,
                                               const char     *dbname);
/* Creates an empty database with a unique name and returns a connection to it. */
PGconn         *cardinal_test_pg_new_database (CardinalTestPg *pg,
                                               char          **dbname_out,
                                               GError        **error);

/* One cluster for a whole test program, started on first use. Returns it,
 * or NULL after skipping the current test case — failing it instead when CI
 * is set, so that a PostgreSQL that cannot start never passes as skipped.
 * An aborting, trapped or terminated test stops it on the way out. */
CardinalTestPg *cardinal_test_pg_suite        (void);
/* Stops the program's cluster, if one was started; call after g_test_run (). */
void            cardinal_test_pg_suite_stop   (void);

/* The pg_dump next to a server in /usr/lib/postgresql (the newest version
 * directory first), else the one on PATH, else NULL (newly allocated). */
char           *cardinal_test_pg_find_pg_dump (void);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalTestPg, cardinal_test_pg_stop)

G_END_DECLS
