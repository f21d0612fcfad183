/* cardinal-pg.h: the one way Cardinal connects to PostgreSQL (import, apply, migrate, the window's Test button). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <libpq-fe.h>

G_BEGIN_DECLS

#define CARDINAL_PG_ERROR (cardinal_pg_error_quark ())

typedef enum
{
  CARDINAL_PG_ERROR_CONNECT,  /* the server can't be reached, or the conninfo is malformed */
  CARDINAL_PG_ERROR_AUTH,     /* the server wanted a password that was missing or wrong */
} CardinalPgError;

GQuark   cardinal_pg_error_quark       (void);

/* Connects with @conninfo (a postgresql:// URI or "key=value …"), @password
 * (NULL: libpq's own sources, PGPASSWORD or ~/.pgpass) and a 10-second
 * connect timeout unless @conninfo gives one. Whether a failure is one of
 * credentials comes from libpq's connection state (it needed a password, or
 * used one and was refused), never from the text of its message, which the
 * error carries on one line. Notices are not printed. */
PGconn  *cardinal_pg_connect           (const char    *conninfo,
                                        const char    *password,
                                        GError       **error);

/* While the returned canceller lives, cancelling @cancellable sends the
 * server a cancel request for what @conn is running (from any thread). Free
 * it before PQfinish (@conn). NULL when @cancellable is NULL. */
typedef struct _CardinalPgCanceller CardinalPgCanceller;
CardinalPgCanceller *cardinal_pg_cancel_on      (PGconn              *conn,
                                                 GCancellable        *cancellable);
void                 cardinal_pg_canceller_free (CardinalPgCanceller *canceller);

/* @conninfo as it may be shown to people: parsed by libpq (PQconninfoParse)
 * and written back as "key=value …" with the password as "***", so no
 * spelling of a password (a URI's user:secret@, ?password=, a quoted value,
 * a percent-encoded key) gets through. A conninfo libpq can't parse is shown
 * as "(a connection string libpq can't read)". Newly allocated. */
char    *cardinal_pg_conninfo_display  (const char    *conninfo);

/* @conninfo as it may be remembered (the dialogs' settings): unchanged when
 * it holds no secret setting; otherwise parsed by libpq and written back as
 * "key=value …" without the password (or any other secret), so that libpq
 * asks PGPASSWORD or ~/.pgpass next time. NULL when libpq can't parse it.
 * Newly allocated. */
char    *cardinal_pg_conninfo_without_password (const char *conninfo);

/* libpq's message text on one line (its messages end with a newline and may span lines). */
char    *cardinal_pg_message           (const char    *message);

G_END_DECLS
