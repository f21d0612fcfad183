/* cardinal-migrate.c: runs a migration plan on SQLite or PostgreSQL in one transaction; refusals and failures leave the database as it was. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-migrate.h"

#include <string.h>

#include <libpq-fe.h>
#include <pg_query.h>
#include <sqlite3.h>

#include "cardinal-deploy.h"
#include "cardinal-deploy-private.h"
#include "cardinal-pg.h"

G_DEFINE_QUARK (cardinal-migrate-error-quark, cardinal_migrate_error)

/* One open database of either kind, so that the plan's logic is written once. */
typedef struct
{
  CardinalDialect  dialect;
  sqlite3         *db;
  PGconn              *conn;
  CardinalPgCanceller *pg_canceller;
  char            *shown;
  GCancellable    *cancellable;
  gulong           cancel_id;
} Target;

static void
interrupt_target (GCancellable *cancellable,
                  gpointer      data)
{
  Target *t = data;

  /* Safe from another thread: a statement that is running stops with an
   * error, and the transaction is rolled back (PostgreSQL's side is
   * cardinal_pg_cancel_on ()). */
  if (t->db != NULL)
    sqlite3_interrupt (t->db);
}

static gboolean
target_open (Target        *t,
             const char    *target,
             GCancellable  *cancellable,
             GError       **error)
{
  memset (t, 0, sizeof *t);
  t->dialect = cardinal_deploy_target_dialect (target);
  t->shown = cardinal_deploy_target_display (target);

  if (t->dialect == CARDINAL_DIALECT_SQLITE)
    {
      int rc;

      if (target[0] == '\0')
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_OPEN, "no SQLite file named");
          return FALSE;
        }
      /* No SQLITE_OPEN_CREATE: a migration changes a database that exists. */
      rc = sqlite3_open_v2 (target, &t->db, SQLITE_OPEN_READWRITE, NULL);
      if (rc != SQLITE_OK)
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_OPEN, "%s: %s", t->shown,
                       t->db != NULL ? sqlite3_errmsg (t->db) : sqlite3_errstr (rc));
          sqlite3_close (t->db);
          t->db = NULL;
          return FALSE;
        }
      sqlite3_extended_result_codes (t->db, 1);
    }
  else
    {
      g_autoptr(GError) local_error = NULL;

      t->conn = cardinal_pg_connect (target, NULL, &local_error);
      if (t->conn == NULL)
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_CONNECT, "%s: %s", t->shown,
                       local_error->message);
          return FALSE;
        }
      t->pg_canceller = cardinal_pg_cancel_on (t->conn, cancellable);
    }
  if (cancellable != NULL && t->db != NULL)
    {
      t->cancellable = g_object_ref (cancellable);
      t->cancel_id = g_cancellable_connect (cancellable, G_CALLBACK (interrupt_target), t, NULL);
    }
  return TRUE;
}

static void
target_close (Target *t)
{
  if (t->cancellable != NULL)
    {
      g_cancellable_disconnect (t->cancellable, t->cancel_id);
      g_clear_object (&t->cancellable);
    }
  if (t->db != NULL)
    {
      if (!sqlite3_get_autocommit (t->db))
        sqlite3_exec (t->db, "ROLLBACK", NULL, NULL, NULL);
      sqlite3_close (t->db);
      t->db = NULL;
    }
  if (t->conn != NULL)
    {
      if (PQstatus (t->conn) == CONNECTION_OK && PQtransactionStatus (t->conn) != PQTRANS_IDLE)
        cardinal_deploy_pg_command (t->conn, "ROLLBACK", NULL, NULL);
      g_clear_pointer (&t->pg_canceller, cardinal_pg_canceller_free);
      PQfinish (t->conn);
      t->conn = NULL;
    }
  g_clear_pointer (&t->shown, g_free);
}

/* Runs one or more statements; the message on failure. */
static gboolean
target_exec (Target      *t,
             const char  *sql,
             char       **message)
{
  if (t->db != NULL)
    {
      char *failure = NULL;

      if (sqlite3_exec (t->db, sql, NULL, NULL, &failure) == SQLITE_OK)
        return TRUE;
      *message = g_strdup (failure != NULL ? failure : sqlite3_errmsg (t->db));
      sqlite3_free (failure);
      return FALSE;
    }
  if (cardinal_deploy_pg_command (t->conn, sql, message, NULL))
    return TRUE;
  if (PQstatus (t->conn) != CONNECTION_OK)
    {
      char *more = g_strdup_printf ("%s (the connection was lost; the server rolls the transaction back)", *message);

      g_free (*message);
      *message = more;
    }
  return FALSE;
}

/* With @rows FALSE, the first column of the first row of @sql (a count(*));
 * with @rows TRUE, how many rows @sql returns. */
static gboolean
target_count (Target      *t,
              const char  *sql,
              gboolean     rows,
              gint64      *count,
              char       **message)
{
  *count = 0;
  if (t->db != NULL)
    {
      sqlite3_stmt *stmt = NULL;
      int rc = sqlite3_prepare_v2 (t->db, sql, -1, &stmt, NULL);

      if (rc != SQLITE_OK || stmt == NULL)
        {
          *message = g_strdup (rc != SQLITE_OK ? sqlite3_errmsg (t->db) : "the count is not a query");
          sqlite3_finalize (stmt);
          return FALSE;
        }
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          if (!rows)
            {
              *count = sqlite3_column_int64 (stmt, 0);
              rc = SQLITE_DONE;
              break;
            }
          (*count)++;
        }
      if (rc != SQLITE_DONE)
        {
          *message = g_strdup (sqlite3_errmsg (t->db));
          sqlite3_finalize (stmt);
          return FALSE;
        }
      sqlite3_finalize (stmt);
      return TRUE;
    }
  else
    {
      PGresult *result = PQexec (t->conn, sql);

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          *message = cardinal_pg_message (result != NULL ? PQresultErrorMessage (result)
                                                              : PQerrorMessage (t->conn));
          PQclear (result);
          return FALSE;
        }
      if (rows)
        *count = PQntuples (result);
      else if (PQntuples (result) > 0 && !PQgetisnull (result, 0, 0))
        *count = g_ascii_strtoll (PQgetvalue (result, 0, 0), NULL, 10);
      PQclear (result);
      return TRUE;
    }
}

static const char *
rows_word (gint64 n)
{
  return n == 1 ? "row" : "rows";
}

/* The plan's statements one by one (PostgreSQL), for the lock estimate and
 * the batched path. */
static gboolean
split_statements (const char  *sql,
                  GPtrArray   *statements,
                  char       **message)
{
  PgQuerySplitResult split = pg_query_split_with_scanner (sql);

  if (split.error != NULL)
    {
      *message = g_strdup (split.error->message);
      pg_query_free_split_result (split);
      return FALSE;
    }
  for (int i = 0; i < split.n_stmts; i++)
    g_ptr_array_add (statements, g_strndup (sql + split.stmts[i]->stmt_location, (gsize) split.stmts[i]->stmt_len));
  pg_query_free_split_result (split);
  return TRUE;
}

typedef struct
{
  const CardinalMigration *plan;
  CardinalMigrateProgress  progress;
  gpointer                 data;
  GArray                  *step_of;  /* statement index → step index */
} StagedProgress;

static void
staged_progress (guint    index,
                 guint    n_statements,
                 gpointer data)
{
  StagedProgress *sp = data;
  guint step = g_array_index (sp->step_of, guint, index);

  /* Report each step once, at its first statement. */
  if (sp->progress != NULL && (index == 0 || g_array_index (sp->step_of, guint, index - 1) != step))
    sp->progress (step, sp->plan->steps->len, g_ptr_array_index (sp->plan->steps, step), sp->data);
}

/* PostgreSQL's lock table (DESIGN.md §5.8): *@handled TRUE when the plan
 * was run (or refused) here. */
static gboolean
run_postgresql_locks (Target                   *t,
                      const CardinalMigration  *plan,
                      CardinalMigrateProgress   progress,
                      gpointer                  progress_data,
                      GCancellable             *cancellable,
                      gboolean                 *handled,
                      GError                  **error)
{
  g_autoptr(GPtrArray) statements = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GArray) step_of = g_array_new (FALSE, FALSE, sizeof (guint));
  g_autofree char *message = NULL;
  gint64 capacity;
  gint64 locks = 0;
  gboolean only_creates = TRUE;

  *handled = FALSE;
  capacity = cardinal_deploy_pg_lock_capacity (t->conn, &message);
  if (capacity <= 0)
    return TRUE;  /* settings that can't be read: the transaction itself will tell */

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      guint before = statements->len;

      if (step->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
        continue;
      if (step->kind != CARDINAL_MIGRATION_STEP_SCHEMA || step->loses_data)
        only_creates = FALSE;
      if (!split_statements (step->sql, statements, &message))
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_PLAN,
                       "%s: step \"%s\" does not split into statements: %s; nothing was run",
                       t->shown, step->summary != NULL ? step->summary : "", message);
          *handled = TRUE;
          return FALSE;
        }
      for (guint j = before; j < statements->len; j++)
        {
          locks += cardinal_deploy_pg_estimate_locks (g_ptr_array_index (statements, j));
          if (cardinal_deploy_is_create_schema (g_ptr_array_index (statements, j)))
            only_creates = FALSE;
          g_array_append_val (step_of, i);
        }
    }

  if (!cardinal_deploy_pg_too_many_locks (locks, capacity))
    return TRUE;

  if (only_creates && cardinal_deploy_pg_target_is_empty (t->conn, &message))
    {
      StagedProgress sp = { plan, progress, progress_data, step_of };
      gboolean cancelled = FALSE;

      *handled = TRUE;
      if (cardinal_deploy_pg_apply_staged (t->conn, statements, MAX (capacity / 8, 64), staged_progress, &sp,
                                           cancellable, &cancelled, &message))
        return TRUE;
      g_set_error (error, CARDINAL_MIGRATE_ERROR,
                   cancelled ? CARDINAL_MIGRATE_ERROR_CANCELLED : CARDINAL_MIGRATE_ERROR_FAILED,
                   "%s: %s; nothing was applied", t->shown, message);
      return FALSE;
    }
  if (locks > capacity)
    {
      *handled = TRUE;
      g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_TOO_LARGE,
                   "%s: the plan needs about %" G_GINT64_FORMAT " locks in one transaction and the server"
                   " holds %" G_GINT64_FORMAT " (max_locks_per_transaction × (max_connections +"
                   " max_prepared_transactions)); raise max_locks_per_transaction; nothing was run",
                   t->shown, locks, capacity);
      return FALSE;
    }
  return TRUE;
}

/* The first problem SQLite's checks report, or NULL. */
static char *
sqlite_integrity (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  char *problem = NULL;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    problem = g_strdup_printf ("foreign_key_check: a row of %s (rowid %s) references a missing row of %s",
                               (const char *) sqlite3_column_text (stmt, 0),
                               sqlite3_column_type (stmt, 1) == SQLITE_NULL ? "none"
                               : (const char *) sqlite3_column_text (stmt, 1),
                               (const char *) sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  if (problem != NULL)
    return problem;

  stmt = NULL;
  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW
      && g_strcmp0 ((const char *) sqlite3_column_text (stmt, 0), "ok") != 0)
    problem = g_strdup_printf ("integrity_check: %s", (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return problem;
}

/* Counts per statement cost a round trip each: a plan that drops a column
 * on every tenth of 2,600 tables asked 540 times. PostgreSQL's counts go
 * together instead, this many to a statement (each holds its tables' locks
 * until it ends). */
#define COUNTS_PER_STATEMENT 256

/* The quoted (maybe schema-qualified) table of a count_sql that counts rows
 * of one table, "SELECT count(*) FROM "s"."t"" with an optional alias and
 * WHERE, or NULL: a count of an empty table is 0 whatever its WHERE says. */
static char *
count_sql_table (const char *count_sql)
{
  static const char prefix[] = "SELECT count(*) FROM ";
  const char *start;
  const char *p;

  if (!g_str_has_prefix (count_sql, prefix))
    return NULL;
  start = p = count_sql + strlen (prefix);
  for (;;)
    {
      if (*p != '"')
        return NULL;
      for (p++; *p != '\0' && !(*p == '"' && p[1] != '"'); p += *p == '"' ? 2 : 1)
        ;
      if (*p != '"')
        return NULL;
      p++;
      if (*p != '.')
        break;
      p++;
    }
  if (*p != '\0' && !g_str_has_prefix (p, " WHERE ") && !g_str_has_prefix (p, " AS "))
    return NULL;
  return g_strndup (start, (gsize) (p - start));
}

/* Marks in @empty the steps whose count_sql counts rows of a table that has
 * no pages at all: such a count is 0 without asking. Planning a count opens
 * the table and its indexes, about a millisecond each on a fresh connection
 * (half a second for 540 counts); the size of all of them is one cheap
 * statement. Only plain tables without children (a parent's or a partitioned
 * table's rows are elsewhere) the role may read (so that a refused count still
 * fails as it would). */
static void
find_empty_tables (Target                  *t,
                   const CardinalMigration *plan,
                   gboolean                *empty)
{
  g_autoptr(GString) names = g_string_new ("{");
  g_autoptr(GArray) steps = g_array_new (FALSE, FALSE, sizeof (guint));
  const char *params[1];
  PGresult *result;

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      g_autofree char *table = step->count_sql != NULL ? count_sql_table (step->count_sql) : NULL;

      if (table == NULL)
        continue;
      /* An array literal's element: backslashes and double quotes escaped. */
      g_string_append (names, steps->len > 0 ? ",\"" : "\"");
      for (const char *c = table; *c != '\0'; c++)
        {
          if (*c == '"' || *c == '\\')
            g_string_append_c (names, '\\');
          g_string_append_c (names, *c);
        }
      g_string_append_c (names, '"');
      g_array_append_val (steps, i);
    }
  if (steps->len == 0)
    return;
  g_string_append_c (names, '}');
  params[0] = names->str;
  result = PQexecParams (t->conn,
                         "SELECT k.i, c.oid IS NOT NULL AND c.relkind = 'r' AND NOT c.relhassubclass"
                         " AND has_table_privilege(c.oid, 'SELECT') AND pg_catalog.pg_relation_size(c.oid) = 0"
                         " FROM unnest($1::text[]) WITH ORDINALITY k(name, i)"
                         " LEFT JOIN pg_catalog.pg_class c ON c.oid = pg_catalog.to_regclass(k.name)",
                         1, NULL, params, NULL, NULL, 0);
  if (PQresultStatus (result) == PGRES_TUPLES_OK && PQnfields (result) == 2)
    for (int r = 0; r < PQntuples (result); r++)
      {
        guint64 i = g_ascii_strtoull (PQgetvalue (result, r, 0), NULL, 10);

        if (i >= 1 && i <= steps->len && g_str_equal (PQgetvalue (result, r, 1), "t"))
          empty[g_array_index (steps, guint, i - 1)] = TRUE;
      }
  PQclear (result);
}

/* Every step's count_sql on PostgreSQL in few statements, into @counts (one
 * gint64 per step, -1 without count_sql). FALSE when a statement fails:
 * the caller then counts step by step, to say which step's count failed. */
static gboolean
count_rows_together (Target                  *t,
                     const CardinalMigration *plan,
                     GArray                  *counts)
{
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree gboolean *empty = g_new0 (gboolean, plan->steps->len + 1);
  guint first = 0;

  g_array_set_size (counts, plan->steps->len);
  find_empty_tables (t, plan, empty);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);

      g_array_index (counts, gint64, i) = step->count_sql == NULL ? -1 : empty[i] ? 0 : -1;
    }

  while (first < plan->steps->len)
    {
      guint n = 0;
      guint next = first;
      PGresult *result;

      g_string_truncate (sql, 0);
      for (; next < plan->steps->len && n < COUNTS_PER_STATEMENT; next++)
        {
          const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, next);

          if (step->count_sql == NULL || empty[next])
            continue;
          /* The step's own count as a scalar subquery: a count that is not
           * one value fails here and is asked alone. */
          g_string_append_printf (sql, "%sSELECT %u, (%s)", n > 0 ? " UNION ALL " : "", next, step->count_sql);
          n++;
        }
      first = next;
      if (n == 0)
        break;
      result = PQexec (t->conn, sql->str);
      if (PQresultStatus (result) != PGRES_TUPLES_OK || PQnfields (result) != 2)
        {
          PQclear (result);
          return FALSE;
        }
      for (int r = 0; r < PQntuples (result); r++)
        {
          guint64 index = g_ascii_strtoull (PQgetvalue (result, r, 0), NULL, 10);

          if (index >= counts->len)
            continue;
          /* As a count alone: no row (a NULL here) counts 0. */
          g_array_index (counts, gint64, index) =
            PQgetisnull (result, r, 1) ? 0 : g_ascii_strtoll (PQgetvalue (result, r, 1), NULL, 10);
        }
      PQclear (result);
    }
  return TRUE;
}

GArray *
cardinal_migration_count_rows (const CardinalMigration  *plan,
                               const char               *target,
                               GCancellable             *cancellable,
                               GError                  **error)
{
  g_autoptr(GArray) counts = NULL;
  Target t;

  g_return_val_if_fail (plan != NULL, NULL);
  g_return_val_if_fail (target != NULL, NULL);

  if (!target_open (&t, target, cancellable, error))
    {
      target_close (&t);
      return NULL;
    }
  counts = g_array_sized_new (FALSE, FALSE, sizeof (gint64), plan->steps->len);
  if (t.conn != NULL && count_rows_together (&t, plan, counts))
    {
      target_close (&t);
      return g_steal_pointer (&counts);
    }
  g_array_set_size (counts, 0);
  for (guint i = 0; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      gint64 n = -1;

      if (step->count_sql != NULL)
        {
          g_autofree char *message = NULL;

          if (!target_count (&t, step->count_sql, FALSE, &n, &message))
            {
              g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                           "%s: counting the rows of \"%s\": %s", t.shown,
                           step->summary != NULL ? step->summary : "", message);
              target_close (&t);
              return NULL;
            }
        }
      g_array_append_val (counts, n);
    }
  target_close (&t);
  return g_steal_pointer (&counts);
}

/* The refusal of every step that loses data, with its rows; nothing runs. */
static gboolean
refuse_data_loss (Target                   *t,
                  const CardinalMigration  *plan,
                  GError                  **error)
{
  GString *list = g_string_new (NULL);
  guint n = 0;

  for (guint i = 0; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      gint64 rows = -1;

      if (!step->loses_data)
        continue;
      if (step->count_sql != NULL)
        {
          g_autofree char *message = NULL;

          if (!target_count (t, step->count_sql, FALSE, &rows, &message))
            {
              g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                           "%s: counting the rows of \"%s\": %s; nothing was run", t->shown,
                           step->summary != NULL ? step->summary : "", message);
              g_string_free (list, TRUE);
              return FALSE;
            }
        }
      g_string_append_printf (list, "%s%s", n > 0 ? "; " : "", step->summary != NULL ? step->summary : step->sql);
      if (rows >= 0)
        g_string_append_printf (list, " (%" G_GINT64_FORMAT " %s)", rows, rows_word (rows));
      n++;
    }
  g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_DATA_LOSS,
               "%s: %u %s would lose data and that was not allowed: %s; nothing was run",
               t->shown, n, n == 1 ? "step" : "steps", list->str);
  g_string_free (list, TRUE);
  return FALSE;
}

gboolean
cardinal_migration_run (const CardinalMigration  *plan,
                        const char               *target,
                        gboolean                  allow_data_loss,
                        CardinalMigrateProgress   progress,
                        gpointer                  progress_data,
                        GCancellable             *cancellable,
                        GError                  **error)
{
  Target t;
  guint first = 0;
  guint end;
  gboolean ok = FALSE;

  g_return_val_if_fail (plan != NULL, FALSE);
  g_return_val_if_fail (target != NULL, FALSE);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  /* [first, end) is the transaction's part; PRAGMA steps only around it. */
  end = plan->steps->len;
  while (first < end && ((CardinalMigrationStep *) g_ptr_array_index (plan->steps, first))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    first++;
  while (end > first && ((CardinalMigrationStep *) g_ptr_array_index (plan->steps, end - 1))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    end--;
  for (guint i = first; i < end; i++)
    if (((CardinalMigrationStep *) g_ptr_array_index (plan->steps, i))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
      {
        g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_PLAN,
                     "step %u is a PRAGMA between other steps; it cannot run inside the transaction", i + 1);
        return FALSE;
      }

  if (!target_open (&t, target, cancellable, error))
    goto out;

  if (!allow_data_loss && cardinal_migration_loses_data (plan))
    {
      refuse_data_loss (&t, plan, error);
      goto out;
    }

  if (t.conn != NULL)
    {
      gboolean handled = FALSE;

      ok = run_postgresql_locks (&t, plan, progress, progress_data, cancellable, &handled, error);
      if (handled || !ok)
        goto out;
      ok = FALSE;
    }

  for (guint i = 0; i < first; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      g_autofree char *message = NULL;

      if (progress != NULL)
        progress (i, plan->steps->len, step, progress_data);
      if (!target_exec (&t, step->sql, &message))
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                       "%s: step %u (%s): %s; nothing was applied", t.shown, i + 1,
                       step->summary != NULL ? step->summary : "", message);
          goto out;
        }
    }

  {
    g_autofree char *message = NULL;

    /* IMMEDIATE: the write lock now, so no other writer slips in between steps. */
    if (!target_exec (&t, t.db != NULL ? "BEGIN IMMEDIATE" : "BEGIN", &message))
      {
        g_set_error (error, CARDINAL_MIGRATE_ERROR,
                     t.db != NULL ? CARDINAL_MIGRATE_ERROR_OPEN : CARDINAL_MIGRATE_ERROR_FAILED,
                     "%s: BEGIN: %s; nothing was applied", t.shown, message);
        goto out;
      }
  }

  for (guint i = first; i < end; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      const char *summary = step->summary != NULL ? step->summary : "";
      g_autofree char *message = NULL;

      if (progress != NULL)
        progress (i, plan->steps->len, step, progress_data);
      if (g_cancellable_is_cancelled (cancellable))
        break;

      if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
        {
          gint64 rows = 0;
          gboolean counted = step->count_sql != NULL
                             ? target_count (&t, step->count_sql, FALSE, &rows, &message)
                             : target_count (&t, step->sql, TRUE, &rows, &message);

          if (!counted)
            {
              if (g_cancellable_is_cancelled (cancellable))
                break;
              g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                           "%s: step %u (%s): %s; nothing was applied", t.shown, i + 1, summary, message);
              goto out;
            }
          if (rows != 0)
            {
              g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_REFUSED,
                           "%s: %s (%" G_GINT64_FORMAT " %s); nothing was applied", t.shown,
                           step->refusal != NULL ? step->refusal : summary, rows, rows_word (rows));
              goto out;
            }
          continue;
        }

      if (!target_exec (&t, step->sql, &message))
        {
          if (g_cancellable_is_cancelled (cancellable))
            break;
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                       "%s: step %u (%s): %s; nothing was applied", t.shown, i + 1, summary, message);
          goto out;
        }
    }

  if (g_cancellable_is_cancelled (cancellable))
    {
      g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_CANCELLED,
                   "%s: cancelled; nothing was applied", t.shown);
      goto out;
    }

  if (t.db != NULL)
    {
      g_autofree char *problem = sqlite_integrity (t.db);

      if (problem != NULL)
        {
          g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_INTEGRITY,
                       "%s: %s; nothing was applied", t.shown, problem);
          goto out;
        }
    }

  {
    g_autofree char *message = NULL;

    if (!target_exec (&t, "COMMIT", &message))
      {
        g_set_error (error, CARDINAL_MIGRATE_ERROR, CARDINAL_MIGRATE_ERROR_FAILED,
                     "%s: COMMIT: %s; nothing was applied", t.shown, message);
        goto out;
      }
  }
  ok = TRUE;

  /* After the commit the plan is in; a closing PRAGMA (foreign_keys back on)
   * only concerns this connection, which ends here. */
  for (guint i = end; i < plan->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (plan->steps, i);
      g_autofree char *message = NULL;

      if (progress != NULL)
        progress (i, plan->steps->len, step, progress_data);
      target_exec (&t, step->sql, &message);
    }

out:
  target_close (&t);
  return ok;
}
