/* cardinal-deploy.c: runs a DDL script on SQLite or PostgreSQL inside one transaction, rolled back on any error. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-deploy.h"
#include "cardinal-deploy-private.h"
#include "cardinal-identifier.h"
#include "cardinal-pg.h"
#include "cardinal-sql-lexer.h"

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
 * leading blanks and comments (read by @rules). */
static guint
statement_line (const char          *body,
                gsize                offset,
                CardinalSqlLexRules  rules)
{
  const char *p = cardinal_sql_lexer_skip_blank (body + offset, rules, NULL);
  guint line = 1;

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
                       statement_line (body, (gsize) (p - body), CARDINAL_SQL_LEX_SQLITE), sqlite3_errmsg (db));
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

gboolean
cardinal_deploy_pg_command (PGconn      *conn,
                            const char  *sql,
                            char       **message,
                            char       **sqlstate)
{
  PGresult *result = PQexec (conn, sql);
  ExecStatusType status = PQresultStatus (result);
  gboolean ok = status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;

  if (!ok && message != NULL)
    *message = cardinal_pg_message (result != NULL ? PQresultErrorMessage (result) : PQerrorMessage (conn));
  if (!ok && sqlstate != NULL)
    {
      const char *state = result != NULL ? PQresultErrorField (result, PG_DIAG_SQLSTATE) : NULL;

      *sqlstate = g_strdup (state != NULL ? state : "");
    }
  PQclear (result);
  return ok;
}

#define pg_command(conn, sql, message) cardinal_deploy_pg_command ((conn), (sql), (message), NULL)

/* The first value of a one-row query with text parameters, or NULL (with
 * *@message unless the query just gave no row or NULL). */
static char *
pg_value (PGconn      *conn,
          const char  *sql,
          int          n_params,
          const char  *const *params,
          char       **message)
{
  PGresult *result = PQexecParams (conn, sql, n_params, NULL, params, NULL, NULL, 0);
  char *value = NULL;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      if (message != NULL)
        *message = cardinal_pg_message (PQresultErrorMessage (result));
    }
  else if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
    value = g_strdup (PQgetvalue (result, 0, 0));
  PQclear (result);
  return value;
}

gint64
cardinal_deploy_pg_lock_capacity (PGconn  *conn,
                                  char   **message)
{
  g_autofree char *value = pg_value (conn,
                                     "SELECT current_setting('max_locks_per_transaction')::bigint"
                                     " * (current_setting('max_connections')::bigint"
                                     " + current_setting('max_prepared_transactions')::bigint)",
                                     0, NULL, message);

  return value != NULL ? g_ascii_strtoll (value, NULL, 10) : 0;
}

static guint
count_word (const char *upper,
            const char *word)
{
  guint n = 0;
  const char *p = upper;

  while ((p = strstr (p, word)) != NULL)
    {
      n++;
      p += strlen (word);
    }
  return n;
}

guint
cardinal_deploy_pg_estimate_locks (const char *sql)
{
  g_autofree char *upper = g_ascii_strup (cardinal_sql_lexer_skip_blank (sql, CARDINAL_SQL_LEX_POSTGRESQL, NULL), -1);
  guint locks = 1;

  /* Counting words in the text also counts them inside names and strings:
   * the estimate errs upwards, which only makes batches smaller. */
  if (g_str_has_prefix (upper, "CREATE TABLE") || g_str_has_prefix (upper, "CREATE UNLOGGED TABLE"))
    locks += 2;  /* its TOAST table and the TOAST table's index */
  if (g_str_has_prefix (upper, "CREATE INDEX") || g_str_has_prefix (upper, "CREATE UNIQUE INDEX"))
    locks += 1;
  locks += count_word (upper, "PRIMARY KEY") + count_word (upper, "UNIQUE") + count_word (upper, "REFERENCES")
           + count_word (upper, "IDENTITY") + count_word (upper, "SERIAL");
  return locks;
}

gboolean
cardinal_deploy_pg_too_many_locks (gint64 locks,
                                   gint64 capacity)
{
  return capacity > 0 && locks > capacity / 2;
}

gboolean
cardinal_deploy_is_create_schema (const char *sql)
{
  const char *p = cardinal_sql_lexer_skip_blank (sql, CARDINAL_SQL_LEX_POSTGRESQL, NULL);

  if (g_ascii_strncasecmp (p, "CREATE", 6) != 0 || !g_ascii_isspace (p[6]))
    return FALSE;
  p = cardinal_sql_lexer_skip_blank (p + 6, CARDINAL_SQL_LEX_POSTGRESQL, NULL);
  return g_ascii_strncasecmp (p, "SCHEMA", 6) == 0 && (p[6] == '\0' || g_ascii_isspace (p[6]));
}

gboolean
cardinal_deploy_pg_target_is_empty (PGconn  *conn,
                                    char   **message)
{
  /* Anything that depends on the schema would stop DROP SCHEMA at the end;
   * pg_depend covers tables, types, functions, default privileges… */
  g_autofree char *value = pg_value (conn,
                                     "SELECT n.oid IS NOT NULL AND NOT EXISTS ("
                                     " SELECT 1 FROM pg_catalog.pg_depend d"
                                     " WHERE d.refclassid = 'pg_catalog.pg_namespace'::regclass AND d.refobjid = n.oid)"
                                     " FROM (SELECT (SELECT oid FROM pg_catalog.pg_namespace"
                                     " WHERE nspname = current_schema()) AS oid) n",
                                     0, NULL, message);

  return value != NULL && value[0] == 't';
}

static char *
quoted (const char *name)
{
  GString *out = g_string_new (NULL);

  cardinal_identifier_append_quoted (out, name);
  return g_string_free (out, FALSE);
}

/* Drops @stage in steps small enough for the lock table: its tables a few
 * at a time, then the schema with what is left. */
static gboolean
drop_stage (PGconn     *conn,
            const char *stage)
{
  const char *params[] = { stage };

  for (;;)
    {
      PGresult *result = PQexecParams (conn,
                                       "SELECT c.oid::regclass::text FROM pg_catalog.pg_class c"
                                       " JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace"
                                       " WHERE n.nspname = $1 AND c.relkind IN ('r', 'p', 'f') LIMIT 100",
                                       1, NULL, params, NULL, NULL, 0);
      GString *sql;
      gboolean ok;

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          PQclear (result);
          return FALSE;
        }
      if (PQntuples (result) == 0)
        {
          PQclear (result);
          break;
        }
      sql = g_string_new ("DROP TABLE ");
      for (int i = 0; i < PQntuples (result); i++)
        g_string_append_printf (sql, "%s%s", i > 0 ? ", " : "", PQgetvalue (result, i, 0));
      g_string_append (sql, " CASCADE");
      PQclear (result);
      ok = pg_command (conn, sql->str, NULL);
      g_string_free (sql, TRUE);
      if (!ok)
        return FALSE;
    }
  {
    g_autofree char *name = quoted (stage);
    g_autofree char *sql = g_strdup_printf ("DROP SCHEMA IF EXISTS %s CASCADE", name);

    return pg_command (conn, sql, NULL);
  }
}

gboolean
cardinal_deploy_pg_apply_staged (PGconn                       *conn,
                                 GPtrArray                    *statements,
                                 gint64                        batch_locks,
                                 CardinalDeployStagedProgress  progress,
                                 gpointer                      progress_data,
                                 GCancellable                 *cancellable,
                                 gboolean                     *cancelled,
                                 char                        **message)
{
  g_autofree char *target = NULL;
  g_autofree char *search_path = NULL;
  g_autofree char *rest = NULL;
  g_autofree char *owner = NULL;
  g_autofree char *comment = NULL;
  g_autofree char *stage = NULL;
  g_autofree char *target_q = NULL;
  g_autofree char *stage_q = NULL;
  g_autoptr(GPtrArray) grants = g_ptr_array_new_with_free_func (g_free);
  gboolean stage_made = FALSE;
  gboolean ok = FALSE;
  gint64 used = 0;

  *cancelled = FALSE;
  target = pg_value (conn, "SELECT current_schema()", 0, NULL, message);
  if (target == NULL)
    {
      if (*message == NULL)
        *message = g_strdup ("no schema on the search_path to create into");
      return FALSE;
    }
  search_path = pg_value (conn, "SELECT current_setting('search_path')", 0, NULL, message);
  if (search_path == NULL)
    return FALSE;
  {
    const char *params[] = { target };

    /* The other schemas stay visible (an extension's functions in them). */
    rest = pg_value (conn,
                     "SELECT string_agg(quote_ident(s), ', ' ORDER BY o) FROM unnest(current_schemas(false))"
                     " WITH ORDINALITY AS t(s, o) WHERE s <> $1",
                     1, params, NULL);
    owner = pg_value (conn,
                      "SELECT nspowner::regrole::text FROM pg_catalog.pg_namespace WHERE nspname = $1",
                      1, params, message);
    if (owner == NULL)
      return FALSE;
    comment = pg_value (conn,
                        "SELECT obj_description(oid, 'pg_namespace') FROM pg_catalog.pg_namespace WHERE nspname = $1",
                        1, params, NULL);
    {
      PGresult *result = PQexecParams (conn,
                                       "SELECT format('GRANT %s ON SCHEMA %I TO %s', a.privilege_type, n.nspname,"
                                       " CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE a.grantee::regrole::text END)"
                                       " FROM pg_catalog.pg_namespace n, aclexplode(n.nspacl) a WHERE n.nspname = $1",
                                       1, NULL, params, NULL, NULL, 0);

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          *message = cardinal_pg_message (PQresultErrorMessage (result));
          PQclear (result);
          return FALSE;
        }
      for (int i = 0; i < PQntuples (result); i++)
        g_ptr_array_add (grants, g_strdup (PQgetvalue (result, i, 0)));
      PQclear (result);
    }
  }

  stage = g_strdup_printf ("cardinal_stage_%d_%" G_GINT64_FORMAT, PQbackendPID (conn), g_get_real_time ());
  target_q = quoted (target);
  stage_q = quoted (stage);
  {
    g_autofree char *create = g_strdup_printf ("CREATE SCHEMA %s", stage_q);
    g_autofree char *path = g_strdup_printf ("SET search_path = %s%s%s", stage_q,
                                             rest != NULL ? ", " : "", rest != NULL ? rest : "");

    if (!pg_command (conn, create, message))
      return FALSE;
    stage_made = TRUE;
    if (!pg_command (conn, path, message) || !pg_command (conn, "BEGIN", message))
      goto out;
  }

  for (guint i = 0; i < statements->len; i++)
    {
      const char *sql = g_ptr_array_index (statements, i);
      guint locks = cardinal_deploy_pg_estimate_locks (sql);
      g_autofree char *failure = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          *cancelled = TRUE;
          *message = g_strdup ("cancelled");
          goto out;
        }
      if (used > 0 && used + locks > batch_locks)
        {
          if (!pg_command (conn, "COMMIT", message) || !pg_command (conn, "BEGIN", message))
            goto out;
          used = 0;
        }
      if (progress != NULL)
        progress (i, statements->len, progress_data);
      if (!pg_command (conn, sql, &failure))
        {
          *message = g_strdup_printf ("statement %u: %s", i + 1, failure);
          goto out;
        }
      used += locks;
    }
  if (!pg_command (conn, "COMMIT", message))
    goto out;

  /* The swap: the target is empty, so dropping it locks nothing but itself,
   * and renaming a schema touches no table in it. */
  {
    GString *swap = g_string_new ("BEGIN;\n");
    g_autofree char *owner_q = owner;
    g_autofree char *failure = NULL;
    gboolean swapped;

    owner = NULL;
    g_string_append_printf (swap, "DROP SCHEMA %s;\n", target_q);
    g_string_append_printf (swap, "ALTER SCHEMA %s RENAME TO %s;\n", stage_q, target_q);
    /* regrole's text is already quoted where it needs to be. */
    g_string_append_printf (swap, "ALTER SCHEMA %s OWNER TO %s;\n", target_q, owner_q);
    for (guint i = 0; i < grants->len; i++)
      g_string_append_printf (swap, "%s;\n", (const char *) g_ptr_array_index (grants, i));
    if (comment != NULL)
      {
        char *literal = PQescapeLiteral (conn, comment, strlen (comment));

        g_string_append_printf (swap, "COMMENT ON SCHEMA %s IS %s;\n", target_q, literal != NULL ? literal : "NULL");
        PQfreemem (literal);
      }
    g_string_append (swap, "COMMIT;");
    swapped = pg_command (conn, swap->str, &failure);
    g_string_free (swap, TRUE);
    if (!swapped)
      {
        *message = g_strdup_printf ("replacing schema %s: %s", target, failure);
        goto out;
      }
    stage_made = FALSE;
  }
  ok = TRUE;

out:
  if (PQtransactionStatus (conn) != PQTRANS_IDLE)
    pg_command (conn, "ROLLBACK", NULL);
  if (stage_made && !drop_stage (conn, stage))
    {
      char *more = g_strdup_printf ("%s (and the unfinished schema %s could not be dropped: drop it by hand)",
                                    *message, stage);

      g_free (*message);
      *message = more;
    }
  {
    char *literal = PQescapeLiteral (conn, search_path, strlen (search_path));
    g_autofree char *reset = g_strdup_printf ("SELECT set_config('search_path', %s, false)",
                                              literal != NULL ? literal : "''");

    PQfreemem (literal);
    pg_command (conn, reset, NULL);
  }
  return ok;
}

/* The script in batches into a new schema that replaces the empty target. */
static gboolean
apply_postgresql_staged (PGconn                   *conn,
                         const char               *body,
                         const PgQuerySplitResult *split,
                         gint64                    capacity,
                         const char               *shown,
                         GCancellable             *cancellable,
                         GError                  **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *message = NULL;
  gboolean cancelled = FALSE;

  for (int i = 0; i < split->n_stmts; i++)
    g_ptr_array_add (statements, g_strndup (body + split->stmts[i]->stmt_location, (gsize) split->stmts[i]->stmt_len));
  /* A quarter of what may be used at once, so that other sessions keep theirs. */
  if (cardinal_deploy_pg_apply_staged (conn, statements, MAX (capacity / 8, 64), NULL, NULL,
                                       cancellable, &cancelled, &message))
    return TRUE;
  g_set_error (error, CARDINAL_DEPLOY_ERROR,
               cancelled ? CARDINAL_DEPLOY_ERROR_CANCELLED : CARDINAL_DEPLOY_ERROR_FAILED,
               "%s: %s; nothing was applied", shown, message);
  return FALSE;
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

  /* Every table a transaction creates stays locked until it ends, and the
   * server's lock table is fixed at start (DESIGN.md §5.8). */
  {
    g_autofree char *message = NULL;
    gint64 capacity = cardinal_deploy_pg_lock_capacity (conn, &message);
    gint64 locks = 0;
    gboolean makes_schema = FALSE;

    for (int i = 0; i < split.n_stmts; i++)
      {
        g_autofree char *sql = g_strndup (body + split.stmts[i]->stmt_location, (gsize) split.stmts[i]->stmt_len);

        locks += cardinal_deploy_pg_estimate_locks (sql);
        makes_schema |= cardinal_deploy_is_create_schema (sql);
      }
    if (cardinal_deploy_pg_too_many_locks (locks, capacity))
      {
        g_clear_pointer (&message, g_free);
        if (!makes_schema && cardinal_deploy_pg_target_is_empty (conn, &message))
          {
            ok = apply_postgresql_staged (conn, body, &split, capacity, shown, cancellable, error);
            goto out;
          }
        if (message != NULL)
          {
            g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_FAILED, "%s: %s", shown, message);
            goto out;
          }
        if (locks > capacity)
          {
            g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_TOO_LARGE,
                         "%s: the script needs about %" G_GINT64_FORMAT " locks in one transaction and the server"
                         " holds %" G_GINT64_FORMAT " (max_locks_per_transaction × (max_connections +"
                         " max_prepared_transactions)); raise max_locks_per_transaction, or apply into an empty"
                         " schema, which is done in batches; nothing was applied", shown, locks, capacity);
            goto out;
          }
      }
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
      g_autofree char *sqlstate = NULL;

      if (g_cancellable_is_cancelled (cancellable))
        {
          g_set_error (error, CARDINAL_DEPLOY_ERROR, CARDINAL_DEPLOY_ERROR_CANCELLED,
                       "%s: cancelled; nothing was applied", shown);
          goto out;
        }
      if (!cardinal_deploy_pg_command (conn, sql, &message, &sqlstate))
        {
          gboolean out_of_locks = g_strcmp0 (sqlstate, "53200") == 0;

          g_set_error (error, CARDINAL_DEPLOY_ERROR,
                       out_of_locks ? CARDINAL_DEPLOY_ERROR_TOO_LARGE : CARDINAL_DEPLOY_ERROR_FAILED,
                       "%s: line %u: %s%s; nothing was applied", shown,
                       statement_line (body, (gsize) stmt->stmt_location, CARDINAL_SQL_LEX_POSTGRESQL), message,
                       out_of_locks ? " (the server's lock table is full: raise max_locks_per_transaction,"
                                      " or apply into an empty schema, which is done in batches)" : "");
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
