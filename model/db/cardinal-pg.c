/* cardinal-pg.c: connecting to PostgreSQL, classifying a refused login, showing a conninfo without its password. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-pg.h"

#include <string.h>

G_DEFINE_QUARK (cardinal-pg-error-quark, cardinal_pg_error)

char *
cardinal_pg_message (const char *message)
{
  GString *out = g_string_new (NULL);
  g_autofree char *copy = g_strstrip (g_strdup (message != NULL ? message : ""));

  for (const char *p = copy; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        {
          /* "FATAL:  …\nDETAIL:  …" reads as one sentence joined by "; ". */
          if (out->len > 0 && out->str[out->len - 1] != ' ')
            g_string_append (out, "; ");
          continue;
        }
      g_string_append_c (out, *p);
    }
  return g_string_free (out, FALSE);
}

static void
ignore_notice (void       *arg,
               const char *message)
{
  /* NOTICEs (an IF NOT EXISTS that skipped, say) are not errors; libpq would print them to stderr. */
}

PGconn *
cardinal_pg_connect (const char  *conninfo,
                     const char  *password,
                     GError     **error)
{
  /* expand_dbname: "dbname" may itself be a URI or a conninfo, whose own
   * settings win over these defaults; the password is given only when set. */
  const char *keywords[] = { "connect_timeout", "fallback_application_name", "dbname", "password", NULL };
  const char *values[] = { "10", "cardinal", conninfo, password, NULL };
  PGconn *conn;

  g_return_val_if_fail (conninfo != NULL, NULL);

  conn = PQconnectdbParams (keywords, values, 1);
  if (conn == NULL)
    {
      g_set_error_literal (error, CARDINAL_PG_ERROR, CARDINAL_PG_ERROR_CONNECT, "out of memory");
      return NULL;
    }
  if (PQstatus (conn) != CONNECTION_OK)
    {
      g_autofree char *message = cardinal_pg_message (PQerrorMessage (conn));
      gboolean auth = PQconnectionNeedsPassword (conn) || PQconnectionUsedPassword (conn);

      g_set_error (error, CARDINAL_PG_ERROR, auth ? CARDINAL_PG_ERROR_AUTH : CARDINAL_PG_ERROR_CONNECT,
                   "%s", message);
      PQfinish (conn);
      return NULL;
    }
  PQsetNoticeProcessor (conn, ignore_notice, NULL);
  return conn;
}

struct _CardinalPgCanceller
{
  GCancellable *cancellable;
  PGcancel     *cancel;
  gulong        handler;
};

static void
cancel_cb (GCancellable *cancellable,
           PGcancel     *cancel)
{
  char message[256];

  /* Thread-safe by libpq's design: it opens its own connection. */
  PQcancel (cancel, message, sizeof message);
}

CardinalPgCanceller *
cardinal_pg_cancel_on (PGconn       *conn,
                       GCancellable *cancellable)
{
  CardinalPgCanceller *canceller;

  g_return_val_if_fail (conn != NULL, NULL);

  if (cancellable == NULL)
    return NULL;
  canceller = g_new0 (CardinalPgCanceller, 1);
  canceller->cancellable = g_object_ref (cancellable);
  canceller->cancel = PQgetCancel (conn);
  if (canceller->cancel != NULL)
    canceller->handler = g_cancellable_connect (cancellable, G_CALLBACK (cancel_cb), canceller->cancel, NULL);
  return canceller;
}

void
cardinal_pg_canceller_free (CardinalPgCanceller *canceller)
{
  if (canceller == NULL)
    return;
  /* Disconnecting waits for a handler that is running, so the cancel is not freed under it. */
  if (canceller->handler != 0)
    g_cancellable_disconnect (canceller->cancellable, canceller->handler);
  if (canceller->cancel != NULL)
    PQfreeCancel (canceller->cancel);
  g_object_unref (canceller->cancellable);
  g_free (canceller);
}

static gboolean
is_secret (const PQconninfoOption *option)
{
  /* libpq marks secret settings with "*" (password, sslpassword…). */
  return g_strcmp0 (option->keyword, "password") == 0 || strchr (option->dispchar, '*') != NULL;
}

/* @value in conninfo quoting; @shown: line breaks become spaces, for one line of text. */
static void
append_value_full (GString    *out,
                   const char *value,
                   gboolean    shown)
{
  gboolean plain = *value != '\0';

  for (const char *p = value; *p != '\0' && plain; p++)
    if (g_ascii_isspace (*p) || *p == '\'' || *p == '\\')
      plain = FALSE;
  if (plain)
    {
      g_string_append (out, value);
      return;
    }
  g_string_append_c (out, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (out, '\\');
      /* Shown, not parsed again: a line break would break the line it is shown on. */
      g_string_append_c (out, shown && (*p == '\n' || *p == '\r') ? ' ' : *p);
    }
  g_string_append_c (out, '\'');
}

static void
append_value (GString    *out,
              const char *value)
{
  append_value_full (out, value, TRUE);
}

char *
cardinal_pg_conninfo_display (const char *conninfo)
{
  PQconninfoOption *options;
  GString *out;

  g_return_val_if_fail (conninfo != NULL, NULL);

  options = PQconninfoParse (conninfo, NULL);
  if (options == NULL)
    return g_strdup ("(a connection string libpq can't read)");
  out = g_string_new (NULL);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL)
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, option->keyword);
      g_string_append_c (out, '=');
      if (is_secret (option))
        g_string_append (out, "***");
      else
        append_value (out, option->val);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}

char *
cardinal_pg_conninfo_without_password (const char *conninfo)
{
  PQconninfoOption *options;
  gboolean has_secret = FALSE;
  GString *out;

  g_return_val_if_fail (conninfo != NULL, NULL);

  options = PQconninfoParse (conninfo, NULL);
  if (options == NULL)
    return NULL;
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    if (option->val != NULL && is_secret (option))
      has_secret = TRUE;
  /* Kept as typed (a URI stays a URI) when there is nothing to leave out. */
  if (!has_secret)
    {
      PQconninfoFree (options);
      return g_strdup (conninfo);
    }
  out = g_string_new (NULL);
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      if (option->val == NULL || is_secret (option))
        continue;
      if (out->len > 0)
        g_string_append_c (out, ' ');
      g_string_append (out, option->keyword);
      g_string_append_c (out, '=');
      append_value_full (out, option->val, FALSE);
    }
  PQconninfoFree (options);
  return g_string_free (out, FALSE);
}
