/* cardinal-deploy.c: runs a DDL script on SQLite or PostgreSQL inside one transaction, rolled back on any error. */
#include "cardinal-deploy.h"
#include "cardinal-pg.h"

#include <string.h>

#include <libpq-fe.h>
#include <pg_query.h>
#include <sqlite3.h>

G_DEFINE_QUARK (cardinal-deploy-error-quark, cardinal_deploy_error)

CardinalDialect
cardinal_deploy_target_dialect (const char *target)
{
  g_return_val_if_fail (target != NULL, CARDINAL_DIALECT_SQLITE);

  if (g_str_has_prefix (target, "postgresql://") || g_str_has_prefix (target, "postgres://"))
    return CARDINAL_DIALECT_POSTGRESQL;
  /* "dbname=shop host=…": a conninfo, unless a file of that name exists. */
  if (strchr (target, '=') != NULL && !g_file_test (target, G_FILE_TEST_EXISTS))
    return CARDINAL_DIALECT_POSTGRESQL;
  return CARDINAL_DIALECT_SQLITE;
}

char *
cardinal_deploy_target_display (const char *target)
{
  g_return_val_if_fail (target != NULL, NULL);

  if (cardinal_deploy_target_dialect (target) == CARDINAL_DIALECT_SQLITE)
    return g_strdup (target);
  return cardinal_pg_conninfo_display (target);
}

char *
cardinal_deploy_preview (const char *ddl,
                         const char *target)
{
  g_autofree char *shown = NULL;
  GString *out;

  g_return_val_if_fail (ddl != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  shown = cardinal_deploy_target_display (target);
  out = g_string_new ("-- Deploy to: ");
  /* The target is free text inside a line comment: a line break would end it. */
  for (const char *p = shown; *p != '\0'; p++)
    g_string_append_c (out, (*p == '\n' || *p == '\r') ? ' ' : *p);
  g_string_append (out, "\n-- Applied in one transaction; on any error nothing is applied.\n");
  g_string_append (out, ddl);
  return g_string_free (out, FALSE);
}

/* The script with its own transaction lines blanked, so that line numbers
 * stay those of the script. */
static char *
script_body (const char *script)
{
  g_auto(GStrv) lines = g_strsplit (script, "\n", -1);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_autofree char *trimmed = g_strstrip (g_strdup (lines[i]));

      if (g_ascii_strcasecmp (trimmed, "BEGIN;") == 0 || g_ascii_strcasecmp (trimmed, "COMMIT;") == 0)
        lines[i][0] = '\0';
    }
  return g_strjoinv ("\n", lines);
}

/* The line (from 1) where the statement starting at @offset begins, past
 * leading blanks and comments. */
static guint
statement_line (const char *body,
                gsize       offset)
{
  const char *p = body + offset;
  guint line = 1;

  for (;;)
    {
      while (g_ascii_isspace (*p))
        p++;
      if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
          continue;
        }
      break;
    }

  for (const char *q = body; q < p; q++)
    if (*q == '\n')
      line++;
  return line;
}

/* SQLite */

static void
sqlite_rollback (sqlite3 *db)
{
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

static gboolean
apply_sqlite (const char    *body,
              const char    *path,
              GCancellable  *cancellable,
              GError       **error)
{
  sqlite3 *db = NULL;
  const char *p = body;
  gboolean ok = FALSE;
  int rc;

  if (path[0] == '\0')
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_OPEN, "no SQLite file named");
      return FALSE;
    }

  rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_OPEN, "%s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return FALSE;
    }
  sqlite3_extended_result_codes (db, 1);

  /* IMMEDIATE: take the write lock now, so another writer cannot slip in between statements. */
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_OPEN, "%s: %s", path, sqlite3_errmsg (db));
      goto out;
    }

  while (*p != '\0')
    {
      sqlite3_stmt *stmt = NULL;
      const char *tail = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CANCELLED,
                       "%s: cancelled; nothing was applied", path);
          goto out;
        }

      rc = sqlite3_prepare_v2 (db, p, -1, &stmt, &tail);
      if (rc == SQLITE_OK && stmt != NULL)
        {
          do
            rc = sqlite3_step (stmt);
          while (rc == SQLITE_ROW);
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }

      if (rc != SQLITE_OK)
        {
          /* The message is read before finalize, which may reset it. */
          g_set_error (error, CARDINAL_DEPLOY_ERROR,
                       (rc & 0xff) == SQLITE_NOTADB ? CARDINAL_DEPLOY_ERROR_OPEN : CARDINAL_DEPLOY_ERROR_FAILED,
                       "%s: line %u: %s; nothing was applied", path,
                       statement_line (body, (gsize) (p - body)), sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          goto out;
        }
      sqlite3_finalize (stmt);
      if (tail == NULL || tail == p)
        break;
      p = tail;
    }

  if (sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED,
                   "%s: COMMIT: %s; nothing was applied", path, sqlite3_errmsg (db));
      goto out;
    }
  ok = TRUE;

out:
  if (!ok)
    sqlite_rollback (db);
  sqlite3_close (db);
  return ok;
}

/* PostgreSQL */

/* libpq's messages end in a newline and may span lines; one line reads better after a colon. */
static char *
one_line (const char *message)
{
  char *copy = g_strstrip (g_strdup (message != NULL ? message : "unknown error"));

  for (char *p = copy; *p != '\0'; p++)
    if (*p == '\n' || *p == '\r' || *p == '\t')
      *p = ' ';
  return copy;
}

static gboolean
pg_command (PGconn      *conn,
            const char  *sql,
            char       **message)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;

  if (!ok && message != NULL)
    *message = one_line (result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

static gboolean
apply_postgresql (const char    *body,
                  const char    *target,
                  GCancellable  *cancellable,
                  GError       **error)
{
  g_autofree char *shown = cardinal_deploy_target_display (target);
  g_autoptr(GError) local_error = NULL;
  PgQuerySplitResult split;
  PGconn *conn;
  gboolean ok = FALSE;

  split = pg_query_split_with_scanner (body);
  if (split.error != NULL)
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED,
                   "%s: the script does not split into statements: %s; nothing was applied",
                   shown, split.error->message);
      pg_query_free_split_result (split);
      return FALSE;
    }

  conn = cardinal_pg_connect (target, NULL, &local_error);
  if (conn == NULL)
    {
      g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CONNECT, "%s: %s", shown, local_error->message);
      pg_query_free_split_result (split);
      return FALSE;
    }

  {
    g_autofree char *message = NULL;

    if (!pg_command (conn, "BEGIN", &message))
      {
        g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED, "%s: BEGIN: %s", shown, message);
        goto out;
      }
  }

  /* One statement at a time, so that a failure names its line. */
  for (int i = 0; i < split.n_stmts; i++)
    {
      const PgQuerySplitStmt *stmt = split.stmts[i];
      g_autofree char *sql = g_strndup (body + stmt->stmt_location, (gsize) stmt->stmt_len);
      g_autofree char *message = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CANCELLED,
                       "%s: cancelled; nothing was applied", shown);
          goto out;
        }
      if (!pg_command (conn, sql, &message))
        {
          g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED,
                       "%s: line %u: %s; nothing was applied", shown,
                       statement_line (body, (gsize) stmt->stmt_location), message);
          goto out;
        }
    }

  {
    g_autofree char *message = NULL;

    if (!pg_command (conn, "COMMIT", &message))
      {
        g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED,
                     "%s: COMMIT: %s; nothing was applied", shown, message);
        goto out;
      }
  }
  ok = TRUE;

out:
  /* A failed statement aborts the transaction; ROLLBACK ends it without applying anything. */
  if (!ok && PQtransactionStatus (conn) != PQTRANS_IDLE)
    pg_command (conn, "ROLLBACK", NULL);
  PQfinish (conn);
  pg_query_free_split_result (split);
  return ok;
}

gboolean
cardinal_deploy_apply (const char    *script,
                       const char    *target,
                       GCancellable  *cancellable,
                       GError       **error)
{
  g_autofree char *body = NULL;

  g_return_val_if_fail (script != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  body = script_body (script);
  if (cardinal_deploy_target_dialect (target) == CARDINAL_DIALECT_POSTGRESQL)
    return apply_postgresql (body, target, cancellable, error);
  return apply_sqlite (body, target, cancellable, error);
}
