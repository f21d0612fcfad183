/* compare-migrate-peers.c: runs test-migrate's edit scenarios on databases filled with rows through Cardinal's planner, @pgkit/migra (PostgreSQL) and sqldiff --schema (SQLite), and prints in Markdown which tool reaches the new catalogue and which rows each keeps. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-migration-plan.h"
#include "cardinal-test-catalogue.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"

/* The scenarios (old model, edit, rows, check query) and the SQLite/PostgreSQL
 * exec and count functions are test-migrate's own, from the integration
 * support library, so that there is one list. */
#include "cardinal-test-migrate-scenarios.h"

typedef enum
{
  TOOL_CARDINAL,
  TOOL_PEER,   /* sqldiff on SQLite, migra on PostgreSQL */
  N_TOOLS,
} Tool;

typedef enum
{
  RUN_SKIPPED,  /* the tool is not installed */
  RUN_APPLIED,  /* a script was made and ran to its end (an empty one too) */
  RUN_REFUSED,  /* Cardinal's CHECK step refused; nothing changed */
  RUN_FAILED,   /* no script, or it failed and was rolled back */
} RunState;

typedef struct
{
  RunState  state;
  char     *message;     /* the error, or the refusal */
  char     *difference;  /* NULL: the catalogue equals the target's */
  gboolean  unchanged;   /* the catalogue is still OLD's */
  guint     kept;
  guint     lost;
  int       check;       /* the scenario's check query: 1 right, 0 wrong, -1 none */
  char     *check_rows;  /* what it gave when wrong */
} Result;

typedef GPtrArray *(*ReadRowsFunc) (gpointer db, const char *sql, GError **error);
typedef char *(*DumpFunc) (gpointer db, GError **error);

typedef struct
{
  const char   *name;
  const char   *peer;   /* the peer's name in the table */
  CardinalDialect dialect;
  CardinalTestMigrateExecFunc  exec;
  CardinalTestMigrateCountFunc count;
  ReadRowsFunc  rows;
  DumpFunc      dump;
} Engine;

/* One table of OLD and where NEW keeps its rows: the same columns on both
 * sides, in the same order. */
typedef struct
{
  char *old_sql;
  char *new_sql;
} RowQuery;

static void
row_query_free (gpointer data)
{
  RowQuery *query = data;

  g_free (query->old_sql);
  g_free (query->new_sql);
  g_free (query);
}

static void
result_clear (Result *result)
{
  g_clear_pointer (&result->message, g_free);
  g_clear_pointer (&result->difference, g_free);
  g_clear_pointer (&result->check_rows, g_free);
}

/* Finding NEW's tables and columns through the stable ids ----------------- */

static const CardinalTable *
table_storing (const CardinalSchema *schema,
               const char           *entity_name,
               const char           *relationship_name)
{
  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (entity_name != NULL && g_strcmp0 (table->entity, entity_name) == 0)
        return table;
      if (relationship_name != NULL && table->entity == NULL
          && g_strcmp0 (table->relationship, relationship_name) == 0)
        return table;
    }
  return NULL;
}

/* NEW's relationship that was @old_name in OLD, by id. */
static CardinalRelationship *
relationship_in (CardinalModel        *model_new,
                 const CardinalModel  *model_old,
                 const char           *old_name)
{
  const CardinalRelationship *old_rel = cardinal_model_find_relationship (model_old, old_name);

  if (old_rel == NULL || old_rel->id == NULL)
    return NULL;
  return cardinal_model_find_relationship_by_id (model_new, old_rel->id);
}

/* The table of NEW that stores what @table stores in OLD: the same entity or
 * relationship by id, whatever their names have become. An entity made
 * again (new id) has none. */
static const CardinalTable *
counterpart_table (const CardinalModel  *model_old,
                   CardinalModel        *model_new,
                   const CardinalSchema *schema_new,
                   const CardinalTable  *table)
{
  if (table->entity != NULL)
    {
      const CardinalEntity *old_ent = cardinal_model_find_entity (model_old, table->entity);
      const CardinalEntity *new_ent = old_ent != NULL && old_ent->id != NULL
                                      ? cardinal_model_find_entity_by_id (model_new, old_ent->id) : NULL;

      return new_ent != NULL ? table_storing (schema_new, new_ent->name, NULL) : NULL;
    }
  if (table->relationship != NULL)
    {
      const CardinalRelationship *new_rel = relationship_in (model_new, model_old, table->relationship);

      return new_rel != NULL ? table_storing (schema_new, NULL, new_rel->name) : NULL;
    }
  return NULL;
}

static const CardinalColumn *
column_where (const CardinalTable *table,
              const char          *relationship_name,
              gboolean             any_relationship,
              const char          *attribute_name,
              const char          *column_name,
              GHashTable          *taken)
{
  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (g_hash_table_contains (taken, column))
        continue;
      if (!any_relationship && g_strcmp0 (column->relationship, relationship_name) != 0)
        continue;
      if (attribute_name != NULL && g_strcmp0 (column->attribute, attribute_name) != 0)
        continue;
      if (column_name != NULL && g_strcmp0 (column->name, column_name) != 0)
        continue;
      return column;
    }
  return NULL;
}

/* The column of @new_table that holds @column's values: an attribute's by
 * the attribute's id, a foreign key's by its relationship's id and the key
 * column it refers to, else the column of the same name. */
static const CardinalColumn *
counterpart_column (const CardinalModel *model_old,
                    CardinalModel       *model_new,
                    const CardinalTable *old_table,
                    const CardinalTable *new_table,
                    const CardinalColumn *column,
                    GHashTable          *taken)
{
  if (column->relationship == NULL && column->attribute != NULL && old_table->entity != NULL)
    {
      const CardinalEntity *old_ent = cardinal_model_find_entity (model_old, old_table->entity);
      const CardinalAttribute *old_attr = old_ent != NULL ? cardinal_entity_find_attribute (old_ent, column->attribute) : NULL;

      if (old_attr != NULL && old_attr->id != NULL)
        {
          const CardinalEntity *new_ent = cardinal_model_find_entity_by_id (model_new, old_ent->id);

          if (new_ent == NULL)
            return NULL;
          for (guint i = 0; i < new_ent->attributes->len; i++)
            {
              const CardinalAttribute *new_attr = g_ptr_array_index (new_ent->attributes, i);

              if (g_strcmp0 (new_attr->id, old_attr->id) == 0)
                return column_where (new_table, NULL, FALSE, new_attr->name, NULL, taken);
            }
          return NULL;
        }
    }
  if (column->relationship != NULL)
    {
      /* A link table has two key columns of one relationship, both
       * referring to an "id": the name tells them apart while it stays. */
      const CardinalRelationship *new_rel = relationship_in (model_new, model_old, column->relationship);
      const CardinalColumn *found = NULL;

      if (new_rel != NULL)
        found = column_where (new_table, new_rel->name, FALSE, NULL, column->name, taken);
      if (found == NULL && new_rel != NULL && column->attribute != NULL)
        found = column_where (new_table, new_rel->name, FALSE, column->attribute, NULL, taken);
      if (found != NULL)
        return found;
    }
  return column_where (new_table, NULL, TRUE, NULL, column->name, taken);
}

static void
append_select (GString    *out,
               GPtrArray  *columns,
               const char *table)
{
  g_string_append (out, "SELECT ");
  for (guint i = 0; i < columns->len; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      cardinal_identifier_append_quoted (out, g_ptr_array_index (columns, i));
    }
  g_string_append (out, " FROM ");
  cardinal_identifier_append_quoted (out, table);
}

/* For every table of OLD that NEW still has (followed through the ids), the
 * SELECTs of the columns both have: the rows NEW can hold. The other tables
 * of OLD go to @uncounted. */
static GPtrArray *
row_queries (CardinalModel *model_old,
             CardinalModel *model_new,
             GPtrArray     *uncounted)
{
  g_autoptr(CardinalSchema) schema_old = cardinal_engineer (model_old);
  g_autoptr(CardinalSchema) schema_new = cardinal_engineer (model_new);
  GPtrArray *queries = g_ptr_array_new_with_free_func (row_query_free);

  for (guint i = 0; i < schema_old->tables->len; i++)
    {
      const CardinalTable *old_table = g_ptr_array_index (schema_old->tables, i);
      const CardinalTable *new_table = counterpart_table (model_old, model_new, schema_new, old_table);
      g_autoptr(GHashTable) taken = NULL;
      g_autoptr(GPtrArray) old_columns = NULL;
      g_autoptr(GPtrArray) new_columns = NULL;
      g_autoptr(GString) old_sql = NULL;
      g_autoptr(GString) new_sql = NULL;
      RowQuery *query;

      if (new_table == NULL)
        {
          g_ptr_array_add (uncounted, g_strdup (old_table->name));
          continue;
        }
      taken = g_hash_table_new (NULL, NULL);
      old_columns = g_ptr_array_new ();
      new_columns = g_ptr_array_new ();
      for (guint k = 0; k < old_table->columns->len; k++)
        {
          const CardinalColumn *column = g_ptr_array_index (old_table->columns, k);
          const CardinalColumn *found = counterpart_column (model_old, model_new, old_table, new_table, column, taken);

          if (found == NULL)
            continue;
          g_hash_table_add (taken, (gpointer) found);
          g_ptr_array_add (old_columns, column->name);
          g_ptr_array_add (new_columns, found->name);
        }
      if (old_columns->len == 0)
        {
          g_ptr_array_add (uncounted, g_strdup (old_table->name));
          continue;
        }
      old_sql = g_string_new (NULL);
      new_sql = g_string_new (NULL);
      append_select (old_sql, old_columns, old_table->name);
      append_select (new_sql, new_columns, new_table->name);
      query = g_new0 (RowQuery, 1);
      query->old_sql = g_string_free (g_steal_pointer (&old_sql), FALSE);
      query->new_sql = g_string_free (g_steal_pointer (&new_sql), FALSE);
      if (g_getenv ("CARDINAL_COMPARE_DEBUG") != NULL)
        g_printerr ("%s\n  %s\n", query->old_sql, query->new_sql);
      g_ptr_array_add (queries, query);
    }
  return queries;
}

/* The two engines ---------------------------------------------------------- */

/* Rows as test-migrate writes them: values joined by "|", NULL as empty. */
static GPtrArray *
sqlite_read_rows (gpointer    db,
                  const char *sql,
                  GError    **error)
{
  GPtrArray *rows;
  sqlite3_stmt *stmt = NULL;
  int status;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      return NULL;
    }
  rows = g_ptr_array_new_with_free_func (g_free);
  while ((status = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      GString *row = g_string_new (NULL);

      for (int c = 0; c < sqlite3_column_count (stmt); c++)
        {
          const unsigned char *text = sqlite3_column_text (stmt, c);

          g_string_append_printf (row, "%s%s", c > 0 ? "|" : "", text != NULL ? (const char *) text : "");
        }
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  sqlite3_finalize (stmt);
  if (status != SQLITE_DONE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", sqlite3_errmsg (db));
      g_ptr_array_unref (rows);
      return NULL;
    }
  return rows;
}

static GPtrArray *
pg_read_rows (gpointer    db,
              const char *sql,
              GError    **error)
{
  PGresult *result = PQexec (db, sql);
  GPtrArray *rows;

  if (PQresultStatus (result) != PGRES_TUPLES_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s", PQerrorMessage (db));
      PQclear (result);
      return NULL;
    }
  rows = g_ptr_array_new_with_free_func (g_free);
  for (int r = 0; r < PQntuples (result); r++)
    {
      GString *row = g_string_new (NULL);

      for (int c = 0; c < PQnfields (result); c++)
        g_string_append_printf (row, "%s%s", c > 0 ? "|" : "", PQgetvalue (result, r, c));
      g_ptr_array_add (rows, g_string_free (row, FALSE));
    }
  PQclear (result);
  return rows;
}

static char *
sqlite_dump (gpointer  db,
             GError  **error)
{
  return cardinal_test_catalogue_dump_sqlite (db, error);
}

static char *
pg_dump (gpointer  db,
         GError  **error)
{
  return cardinal_test_catalogue_dump_postgresql (db, error);
}

static const Engine sqlite_engine = {
  "SQLite", "sqldiff --schema", CARDINAL_DIALECT_SQLITE, cardinal_test_migrate_sqlite_exec, cardinal_test_migrate_sqlite_count, sqlite_read_rows, sqlite_dump,
};
static const Engine pg_engine = {
  "PostgreSQL", "@pgkit/migra", CARDINAL_DIALECT_POSTGRESQL, cardinal_test_migrate_pg_exec, cardinal_test_migrate_pg_count, pg_read_rows, pg_dump,
};

/* Running the tools -------------------------------------------------------- */

/* @text on one line (a server's message has a DETAIL line), at most @max bytes. */
static char *
one_line (const char *text,
          guint       max)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (const char *p = text != NULL ? text : ""; *p != '\0'; p++)
    if (*p == '\n' || *p == '\t')
      {
        if (out->len > 0 && out->str[out->len - 1] != ' ')
          g_string_append_c (out, ' ');
      }
    else
      g_string_append_c (out, *p);
  g_strstrip (out->str);
  g_string_set_size (out, strlen (out->str));
  if (out->len > max)
    {
      g_string_truncate (out, max);
      g_string_append (out, "…");
    }
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Cardinal's plan, run as test-migrate runs it (PRAGMA steps outside the
 * transaction, a CHECK step that counts rows refuses), but telling a failure
 * instead of aborting. */
static RunState
run_cardinal (const Engine *engine,
              gpointer      db,
              CardinalModel *model_old,
              CardinalModel *model_new,
              char        **message)
{
  g_autoptr(CardinalMigration) migration = NULL;
  g_autoptr(GError) error = NULL;
  guint first = 0, last;

  migration = cardinal_migration_plan (model_old, model_new, engine->dialect, &error);
  if (migration == NULL)
    {
      *message = g_strdup_printf ("no plan: %s", error->message);
      return RUN_FAILED;
    }
  last = migration->steps->len;
  while (first < last
         && ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, first))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    if (!engine->exec (db, ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, first++))->sql, &error))
      goto failed;
  while (last > first
         && ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, last - 1))->kind == CARDINAL_MIGRATION_STEP_PRAGMA)
    last--;
  if (!engine->exec (db, "BEGIN", &error))
    goto failed;
  for (guint i = first; i < last; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (migration->steps, i);

      if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
        {
          gint64 n = -1;

          if (!engine->count (db, step->count_sql, &n, &error))
            {
              engine->exec (db, "ROLLBACK", NULL);
              *message = g_strdup_printf ("%s: %s", step->summary, error->message);
              return RUN_FAILED;
            }
          if (n != 0)
            {
              engine->exec (db, "ROLLBACK", NULL);
              *message = g_strdup_printf ("%s (%" G_GINT64_FORMAT " rows)", step->refusal, n);
              return RUN_REFUSED;
            }
          continue;
        }
      if (!engine->exec (db, step->sql, &error))
        {
          engine->exec (db, "ROLLBACK", NULL);
          *message = g_strdup_printf ("%s: %s", step->summary, error->message);
          return RUN_FAILED;
        }
    }
  if (!engine->exec (db, "COMMIT", &error))
    goto failed;
  for (guint i = last; i < migration->steps->len; i++)
    if (!engine->exec (db, ((CardinalMigrationStep *) g_ptr_array_index (migration->steps, i))->sql, &error))
      goto failed;
  return RUN_APPLIED;

failed:
  *message = g_strdup (error->message);
  return RUN_FAILED;
}

/* Runs @argv; its output is the script when it exits with @ok_a or @ok_b. */
static char *
peer_script (const char * const *argv,
             char              **envp,
             int                 ok_a,
             int                 ok_b,
             char              **message)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, envp, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error))
    {
      *message = g_strdup_printf ("no script: %s", error->message);
      return NULL;
    }
  if (!WIFEXITED (status) || (WEXITSTATUS (status) != ok_a && WEXITSTATUS (status) != ok_b))
    {
      g_autofree char *why = one_line (err != NULL && err[0] != '\0' ? err : out, 300);

      *message = g_strdup_printf ("no script (exit %d): %s", WIFEXITED (status) ? WEXITSTATUS (status) : -1, why);
      return NULL;
    }
  if (g_getenv ("CARDINAL_COMPARE_DEBUG") != NULL)
    g_printerr ("%s:\n%s\n", argv[0], out);
  return g_steal_pointer (&out);
}

/* Applies a peer's whole script in one transaction, as a careful user would. */
static RunState
apply_script (const Engine *engine,
              gpointer      db,
              const char   *script,
              char        **message)
{
  g_autoptr(GError) error = NULL;

  if (!engine->exec (db, "BEGIN", &error) || !engine->exec (db, script, &error))
    {
      engine->exec (db, "ROLLBACK", NULL);
      *message = g_strdup_printf ("script failed: %s", error->message);
      return RUN_FAILED;
    }
  if (!engine->exec (db, "COMMIT", &error))
    {
      *message = g_strdup_printf ("script failed: %s", error->message);
      return RUN_FAILED;
    }
  return RUN_APPLIED;
}

/* Measuring ---------------------------------------------------------------- */

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* How many of @before's rows (a multiset) @after still has. */
static guint
rows_in_common (GPtrArray *before,
                GPtrArray *after)
{
  guint i = 0, k = 0, common = 0;

  g_ptr_array_sort (before, compare_strings);
  g_ptr_array_sort (after, compare_strings);
  while (i < before->len && k < after->len)
    {
      int order = strcmp (g_ptr_array_index (before, i), g_ptr_array_index (after, k));

      if (order == 0)
        common++, i++, k++;
      else if (order < 0)
        i++;
      else
        k++;
    }
  return common;
}

static char *
join_rows (GPtrArray *rows)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < rows->len; i++)
    g_string_append_printf (out, "%s%s", i > 0 ? ";" : "", (const char *) g_ptr_array_index (rows, i));
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* What a tool left in @db: the catalogue against the target's, the rows of
 * @before still there, the scenario's check query. */
static void
measure (const Engine                      *engine,
         gpointer                           db,
         const CardinalTestMigrateScenario *scenario,
         const char                        *target,
         const char                        *old_catalogue,
         GPtrArray                         *queries,
         GPtrArray                         *before,
         Result                            *result)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *catalogue = engine->dump (db, &error);
  guint total = 0;

  for (guint i = 0; i < before->len; i++)
    total += ((GPtrArray *) g_ptr_array_index (before, i))->len;
  if (catalogue == NULL)
    {
      result->difference = g_strdup_printf ("catalogue unreadable: %s", error->message);
      g_clear_error (&error);
    }
  else
    {
      result->difference = cardinal_test_catalogue_diff (target, catalogue, 4);
      result->unchanged = g_strcmp0 (catalogue, old_catalogue) == 0;
    }

  if (result->state != RUN_APPLIED && result->unchanged)
    /* Rolled back: every row is where it was. */
    result->kept = total;
  else
    for (guint i = 0; i < queries->len; i++)
      {
        const RowQuery *query = g_ptr_array_index (queries, i);
        GPtrArray *rows_before = g_ptr_array_index (before, i);
        g_autoptr(GPtrArray) rows_after = engine->rows (db, query->new_sql, NULL);
        guint kept = 0;

        if (rows_after != NULL)
          /* Where the values change by design (a key takes the foreign
           * key's values, a default fills NULLs), the rows are counted and
           * the check query judges the values. */
          kept = scenario->values_change ? MIN (rows_before->len, rows_after->len)
                                         : rows_in_common (rows_before, rows_after);
        result->kept += kept;
        result->lost += rows_before->len - kept;
      }

  result->check = -1;
  if (scenario->query != NULL)
    {
      g_autoptr(GPtrArray) rows = engine->rows (db, scenario->query, &error);
      g_autofree char *got = rows != NULL ? join_rows (rows) : NULL;

      result->check = g_strcmp0 (got, scenario->expected) == 0;
      if (!result->check)
        {
          /* A server error's first line says it; the rest quotes the query. */
          g_autofree char *first = rows == NULL ? g_strndup (error->message, strcspn (error->message, "\n")) : NULL;

          result->check_rows = rows != NULL ? g_strdup_printf ("\"%s\"", got) : one_line (first, 120);
        }
    }
}

static GPtrArray *
read_before (const Engine *engine,
             gpointer      db,
             GPtrArray    *queries)
{
  GPtrArray *before = g_ptr_array_new_with_free_func ((GDestroyNotify) g_ptr_array_unref);

  for (guint i = 0; i < queries->len; i++)
    {
      g_autoptr(GError) error = NULL;
      GPtrArray *rows = engine->rows (db, ((RowQuery *) g_ptr_array_index (queries, i))->old_sql, &error);

      if (rows == NULL)
        g_error ("%s: %s", ((RowQuery *) g_ptr_array_index (queries, i))->old_sql, error->message);
      g_ptr_array_add (before, rows);
    }
  return before;
}

/* The tables of OLD that NEW has no table for, with their rows: where the
 * rows went (or not) only the check query tells. */
static char *
describe_uncounted (const Engine *engine,
                    gpointer      db,
                    GPtrArray    *uncounted)
{
  g_autoptr(GString) out = g_string_new (NULL);

  for (guint i = 0; i < uncounted->len; i++)
    {
      g_autoptr(GString) sql = g_string_new ("SELECT count(*) FROM ");
      g_autoptr(GError) error = NULL;
      gint64 n = -1;

      cardinal_identifier_append_quoted (sql, g_ptr_array_index (uncounted, i));
      if (!engine->count (db, sql->str, &n, &error))
        g_error ("%s: %s", sql->str, error->message);
      g_string_append_printf (out, "%s%s (%" G_GINT64_FORMAT " rows)", out->len > 0 ? ", " : "",
                              (const char *) g_ptr_array_index (uncounted, i), n);
    }
  return out->len > 0 ? g_string_free (g_steal_pointer (&out), FALSE) : NULL;
}

/* SQLite ------------------------------------------------------------------- */

static sqlite3 *
sqlite_file (const char *path,
             const char *script)
{
  sqlite3 *db = NULL;
  g_autoptr(GError) error = NULL;

  if (sqlite3_open (path, &db) != SQLITE_OK)
    g_error ("%s: %s", path, sqlite3_errmsg (db));
  if (script != NULL && !cardinal_test_migrate_sqlite_exec (db, script, &error))
    g_error ("%s: %s", path, error->message);
  return db;
}

static void
copy_file (const char *from,
           const char *to)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length = 0;

  if (!g_file_get_contents (from, &contents, &length, &error) || !g_file_set_contents (to, contents, length, &error))
    g_error ("copy %s: %s", from, error->message);
}

/* A scenario made ready for one engine: both models, their DDL, the row
 * queries, and OLD's tables that NEW has none for. */
typedef struct
{
  CardinalModel *model_old;
  CardinalModel *model_new;
  char          *old_ddl;
  char          *new_ddl;
  GPtrArray     *queries;
  GPtrArray     *uncounted;
} Prepared;

static void
prepare (const CardinalTestMigrateScenario *scenario,
         CardinalDialect                    dialect,
         Prepared                          *out)
{
  out->uncounted = g_ptr_array_new_with_free_func (g_free);
  out->model_old = cardinal_test_migrate_load_old (scenario);
  out->model_new = cardinal_model_copy (out->model_old);
  scenario->edit (out->model_new);
  out->old_ddl = cardinal_test_migrate_ddl (out->model_old, dialect);
  out->new_ddl = cardinal_test_migrate_ddl (out->model_new, dialect);
  out->queries = row_queries (out->model_old, out->model_new, out->uncounted);
}

static void
prepared_clear (Prepared *prepared)
{
  g_clear_pointer (&prepared->model_old, cardinal_model_free);
  g_clear_pointer (&prepared->model_new, cardinal_model_free);
  g_clear_pointer (&prepared->old_ddl, g_free);
  g_clear_pointer (&prepared->new_ddl, g_free);
  g_clear_pointer (&prepared->queries, g_ptr_array_unref);
  g_clear_pointer (&prepared->uncounted, g_ptr_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Prepared, prepared_clear)

static void
compare_sqlite (const CardinalTestMigrateScenario  *scenario,
                const char                         *dir,
                const char                         *sqldiff,
                Result                              results[N_TOOLS],
                char                              **uncounted_out)
{
  g_auto(Prepared) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *old_path = g_build_filename (dir, "old.db", NULL);
  g_autofree char *new_path = g_build_filename (dir, "new.db", NULL);
  g_autofree char *work_path = g_build_filename (dir, "work.db", NULL);
  g_autofree char *script = g_strconcat ("PRAGMA foreign_keys = ON;", scenario->rows, NULL);
  g_autofree char *target = NULL;
  g_autofree char *old_catalogue = NULL;
  g_autoptr(GPtrArray) before = NULL;
  sqlite3 *db;

  prepare (scenario, CARDINAL_DIALECT_SQLITE, &p);
  g_unlink (old_path);
  g_unlink (new_path);

  db = sqlite_file (old_path, p.old_ddl);
  if (!cardinal_test_migrate_sqlite_exec (db, script, &error))
    g_error ("%s: rows: %s", scenario->name, error->message);
  old_catalogue = cardinal_test_catalogue_dump_sqlite (db, &error);
  g_assert_no_error (error);
  before = read_before (&sqlite_engine, db, p.queries);
  *uncounted_out = describe_uncounted (&sqlite_engine, db, p.uncounted);
  sqlite3_close (db);
  db = sqlite_file (new_path, p.new_ddl);
  target = cardinal_test_catalogue_dump_sqlite (db, &error);
  g_assert_no_error (error);
  sqlite3_close (db);

  /* Cardinal, on the connection test-migrate would have (foreign keys on). */
  copy_file (old_path, work_path);
  db = sqlite_file (work_path, "PRAGMA foreign_keys = ON");
  results[TOOL_CARDINAL].state = run_cardinal (&sqlite_engine, db, p.model_old, p.model_new,
                                               &results[TOOL_CARDINAL].message);
  measure (&sqlite_engine, db, scenario, target, old_catalogue, p.queries, before, &results[TOOL_CARDINAL]);
  sqlite3_close (db);

  /* sqldiff, applied as the sqlite3 shell would (foreign keys off). */
  if (sqldiff != NULL)
    {
      const char *argv[] = { sqldiff, "--schema", old_path, new_path, NULL };
      g_autofree char *sql = peer_script (argv, NULL, 0, 0, &results[TOOL_PEER].message);

      copy_file (old_path, work_path);
      db = sqlite_file (work_path, NULL);
      results[TOOL_PEER].state = sql != NULL ? apply_script (&sqlite_engine, db, sql, &results[TOOL_PEER].message)
                                             : RUN_FAILED;
      measure (&sqlite_engine, db, scenario, target, old_catalogue, p.queries, before, &results[TOOL_PEER]);
      sqlite3_close (db);
    }
  g_unlink (old_path);
  g_unlink (new_path);
  g_unlink (work_path);
}

/* PostgreSQL --------------------------------------------------------------- */

static void
ignore_notice (void       *data,
               const char *message)
{
}

static PGconn *
pg_database (CardinalTestPg *pg,
             const char     *script,
             char          **name)
{
  g_autoptr(GError) error = NULL;
  PGconn *db = cardinal_test_pg_new_database (pg, name, &error);

  if (db == NULL)
    g_error ("new database: %s", error->message);
  PQsetNoticeProcessor (db, ignore_notice, NULL);
  if (!cardinal_test_migrate_pg_exec (db, script, &error))
    g_error ("%s", error->message);
  return db;
}

/* migra takes URIs; the throwaway cluster listens on a socket only, which
 * node-postgres reaches through PGHOST. */
static char **
migra_environment (CardinalTestPg *pg)
{
  g_autofree char *conninfo = cardinal_test_pg_conninfo (pg, NULL);
  PQconninfoOption *options = PQconninfoParse (conninfo, NULL);
  char **envp = g_get_environ ();

  for (PQconninfoOption *o = options; o != NULL && o->keyword != NULL; o++)
    {
      if (o->val == NULL)
        continue;
      if (strcmp (o->keyword, "host") == 0)
        envp = g_environ_setenv (envp, "PGHOST", o->val, TRUE);
      else if (strcmp (o->keyword, "port") == 0)
        envp = g_environ_setenv (envp, "PGPORT", o->val, TRUE);
      else if (strcmp (o->keyword, "user") == 0)
        envp = g_environ_setenv (envp, "PGUSER", o->val, TRUE);
    }
  PQconninfoFree (options);
  return envp;
}

static void
compare_postgresql (const CardinalTestMigrateScenario  *scenario,
                    CardinalTestPg                     *pg,
                    const char                         *migra,
                    char                              **migra_env,
                    Result                              results[N_TOOLS],
                    char                              **uncounted_out)
{
  g_auto(Prepared) p = { 0 };
  g_autoptr(GError) error = NULL;
  g_autofree char *script = NULL;
  g_autofree char *target = NULL;
  g_autofree char *old_catalogue = NULL;
  g_autofree char *cardinal_name = NULL;
  g_autofree char *new_name = NULL;
  g_autoptr(GPtrArray) before = NULL;
  PGconn *db;

  prepare (scenario, CARDINAL_DIALECT_POSTGRESQL, &p);
  script = g_strconcat (p.old_ddl, "\n", scenario->rows, NULL);

  db = pg_database (pg, p.new_ddl, &new_name);
  target = cardinal_test_catalogue_dump_postgresql (db, &error);
  g_assert_no_error (error);
  PQfinish (db);

  db = pg_database (pg, script, &cardinal_name);
  old_catalogue = cardinal_test_catalogue_dump_postgresql (db, &error);
  g_assert_no_error (error);
  before = read_before (&pg_engine, db, p.queries);
  *uncounted_out = describe_uncounted (&pg_engine, db, p.uncounted);
  results[TOOL_CARDINAL].state = run_cardinal (&pg_engine, db, p.model_old, p.model_new,
                                               &results[TOOL_CARDINAL].message);
  measure (&pg_engine, db, scenario, target, old_catalogue, p.queries, before, &results[TOOL_CARDINAL]);
  PQfinish (db);

  if (migra != NULL)
    {
      g_autofree char *migra_name = NULL;
      g_autofree char *old_uri = NULL;
      g_autofree char *new_uri = NULL;
      g_autofree char *sql = NULL;

      db = pg_database (pg, script, &migra_name);
      old_uri = g_strdup_printf ("postgresql:///%s", migra_name);
      new_uri = g_strdup_printf ("postgresql:///%s", new_name);
      {
        /* --unsafe takes an optional value: it goes last. */
        const char *argv[] = { migra, old_uri, new_uri, "--unsafe", NULL };

        /* migra exits 2 when there are differences, 0 when none. */
        sql = peer_script (argv, migra_env, 0, 2, &results[TOOL_PEER].message);
      }
      results[TOOL_PEER].state = sql != NULL ? apply_script (&pg_engine, db, sql, &results[TOOL_PEER].message)
                                             : RUN_FAILED;
      measure (&pg_engine, db, scenario, target, old_catalogue, p.queries, before, &results[TOOL_PEER]);
      PQfinish (db);
    }
}

/* The scenarios named on the command line, or all. */
static char **only;

static gboolean
wanted (const CardinalTestMigrateScenario *scenario)
{
  return only == NULL || only[0] == NULL || g_strv_contains ((const char * const *) only, scenario->name);
}

/* Printing ----------------------------------------------------------------- */

static char *
cell (const Result *result)
{
  const char *catalogue;
  g_autofree char *check = NULL;

  switch (result->state)
    {
    case RUN_SKIPPED:
      return g_strdup ("not run");
    case RUN_REFUSED:
      catalogue = "refused, unchanged";
      break;
    case RUN_FAILED:
      catalogue = result->unchanged ? "**failed**, unchanged" : "**failed**";
      break;
    case RUN_APPLIED:
    default:
      catalogue = result->difference == NULL ? "same" : "**differs**";
      break;
    }
  check = result->check < 0 ? g_strdup ("") : g_strdup_printf ("; check %s", result->check ? "✓" : "**✗**");
  if (result->lost > 0)
    return g_strdup_printf ("%s; %u kept, **%u lost**%s", catalogue, result->kept, result->lost, check);
  return g_strdup_printf ("%s; %u kept, 0 lost%s", catalogue, result->kept, check);
}

static const char *
tool_name (const Engine *engine,
           Tool          tool)
{
  return tool == TOOL_CARDINAL ? "Cardinal" : engine->peer;
}

static gboolean
print_engine (const Engine *engine,
              Result      (*results)[N_TOOLS],
              char        **uncounted,
              const char   *peer_missing)
{
  gboolean cardinal_ok = TRUE;

  printf ("\n### %s\n\n", engine->name);
  if (peer_missing != NULL)
    printf ("%s: skipped, %s.\n\n", engine->peer, peer_missing);
  printf ("| scenario | Cardinal | %s |\n|---|---|---|\n", engine->peer);
  for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
    {
      g_autofree char *a = cell (&results[i][TOOL_CARDINAL]);
      g_autofree char *b = cell (&results[i][TOOL_PEER]);

      if (!wanted (&cardinal_test_migrate_scenarios[i]))
        continue;
      printf ("| %s%s | %s | %s |\n", cardinal_test_migrate_scenarios[i].name, cardinal_test_migrate_scenarios[i].values_change ? " †" : "", a, b);
    }

  printf ("\n");
  for (Tool tool = 0; tool < N_TOOLS; tool++)
    {
      guint n = 0, applied = 0, refused = 0, failed = 0, same = 0, kept = 0, lost = 0, checks = 0, right = 0;

      if (tool == TOOL_PEER && peer_missing != NULL)
        continue;
      for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
        {
          const Result *result = &results[i][tool];

          if (!wanted (&cardinal_test_migrate_scenarios[i]))
            continue;
          n++;
          applied += result->state == RUN_APPLIED;
          refused += result->state == RUN_REFUSED;
          failed += result->state == RUN_FAILED;
          same += result->state == RUN_APPLIED && result->difference == NULL;
          kept += result->kept;
          lost += result->lost;
          checks += result->check >= 0;
          right += result->check > 0;
        }
      printf ("- **%s** (%s): %u scenarios: %u applied, %u refused, %u failed; catalogue equal to the target in %u of %u applied; "
              "rows kept %u, lost %u; check query right in %u of %u.\n",
              tool_name (engine, tool), engine->name, n, applied, refused, failed, same,
              applied, kept, lost, right, checks);
    }

  printf ("\nDetails (%s):\n\n", engine->name);
  for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
    {
      if (uncounted[i] != NULL && wanted (&cardinal_test_migrate_scenarios[i]))
        printf ("- %s: OLD's %s not counted above (NEW has no table for them)\n", cardinal_test_migrate_scenarios[i].name, uncounted[i]);
      for (Tool tool = 0; tool < N_TOOLS; tool++)
      {
        const Result *result = &results[i][tool];
        /* What test-migrate asserts of Cardinal. */
        gboolean unexpected = tool == TOOL_CARDINAL
                              && ((result->state == RUN_REFUSED) != cardinal_test_migrate_scenarios[i].refused
                                  || result->state == RUN_FAILED
                                  || (result->state == RUN_APPLIED && result->difference != NULL)
                                  || result->check == 0);

        if (result->state == RUN_SKIPPED || !wanted (&cardinal_test_migrate_scenarios[i]))
          continue;
        if (unexpected)
          cardinal_ok = FALSE;
        if (result->message != NULL)
          {
            g_autofree char *text = one_line (result->message, 400);

            printf ("- %s, %s: %s%s\n", cardinal_test_migrate_scenarios[i].name, tool_name (engine, tool),
                    unexpected ? "**Cardinal bug**: " : "", text);
          }
        if (result->state == RUN_APPLIED && result->difference != NULL)
          {
            g_auto(GStrv) lines = g_strsplit (result->difference, "\n", -1);

            printf ("- %s, %s: %scatalogue differs from the target:\n", cardinal_test_migrate_scenarios[i].name,
                    tool_name (engine, tool), unexpected ? "**Cardinal bug**: " : "");
            for (guint k = 0; lines[k] != NULL; k++)
              if (lines[k][0] != '\0')
                printf ("  - `%s`\n", lines[k]);
          }
        if (result->check == 0)
          printf ("- %s, %s: %scheck query `%s` gave %s, expected \"%s\"\n", cardinal_test_migrate_scenarios[i].name,
                  tool_name (engine, tool), unexpected ? "**Cardinal bug**: " : "", cardinal_test_migrate_scenarios[i].query,
                  result->check_rows, cardinal_test_migrate_scenarios[i].expected);
      }
    }
  return cardinal_ok;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalTestPg) pg = NULL;
  g_autofree char *dir = NULL;
  g_autofree char *sqldiff = g_find_program_in_path ("sqldiff");
  g_autofree char *migra = NULL;
  g_autofree char *pg_missing = NULL;
  g_auto(GStrv) migra_env = NULL;
  Result (*results)[N_TOOLS] = g_malloc0_n (cardinal_test_migrate_n_scenarios, sizeof (Result[N_TOOLS]));
  char **uncounted = g_new0 (char *, cardinal_test_migrate_n_scenarios);
  gboolean ok = TRUE;

  only = argv + 1;

  if (g_getenv ("CARDINAL_BENCH_MIGRA") != NULL)
    migra = g_strdup (g_getenv ("CARDINAL_BENCH_MIGRA"));
  else
    migra = g_find_program_in_path ("migra");
  if (migra != NULL && !g_file_test (migra, G_FILE_TEST_IS_EXECUTABLE))
    g_clear_pointer (&migra, g_free);

  printf ("## Cardinal beside @pgkit/migra and sqldiff on the migration scenarios\n\n");
  printf ("Peers: sqldiff %s, migra %s.\n\n", sqldiff != NULL ? sqldiff : "not installed",
          migra != NULL ? migra : "not installed");
  printf ("Each cell: the final catalogue against a fresh database made from NEW's DDL; the rows of OLD that NEW can "
          "hold (tables and columns followed through their ids), kept and lost; the scenario's own check query "
          "(where the rows should be after the change). † values change by design there: rows are counted, "
          "the check query judges the values.\n");

  dir = g_dir_make_tmp ("cardinal-compare-peers-XXXXXX", &error);
  g_assert_no_error (error);
  for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
    {
      if (!wanted (&cardinal_test_migrate_scenarios[i]))
        continue;
      g_printerr ("SQLite: %s\n", cardinal_test_migrate_scenarios[i].name);
      compare_sqlite (&cardinal_test_migrate_scenarios[i], dir, sqldiff, results[i], &uncounted[i]);
    }
  ok &= print_engine (&sqlite_engine, results, uncounted,
                      sqldiff == NULL ? "not installed (apt-get install sqlite3-tools)" : NULL);
  for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
    {
      result_clear (&results[i][TOOL_CARDINAL]);
      result_clear (&results[i][TOOL_PEER]);
      memset (results[i], 0, sizeof results[i]);
      g_clear_pointer (&uncounted[i], g_free);
    }
  g_rmdir (dir);

  pg = cardinal_test_pg_start (&error);
  if (pg == NULL)
    {
      pg_missing = g_strdup (error->message);
      printf ("\n### PostgreSQL\n\nSkipped: no PostgreSQL (%s).\n", pg_missing);
    }
  else
    {
      if (migra != NULL)
        migra_env = migra_environment (pg);
      for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
        {
          if (!wanted (&cardinal_test_migrate_scenarios[i]))
            continue;
          g_printerr ("PostgreSQL: %s\n", cardinal_test_migrate_scenarios[i].name);
          compare_postgresql (&cardinal_test_migrate_scenarios[i], pg, migra, migra_env, results[i], &uncounted[i]);
        }
      ok &= print_engine (&pg_engine, results, uncounted, migra == NULL
                          ? "not installed (npm install --prefix /tmp/migra @pgkit/migra, then "
                            "CARDINAL_BENCH_MIGRA=/tmp/migra/node_modules/.bin/migra)" : NULL);
      for (guint i = 0; i < cardinal_test_migrate_n_scenarios; i++)
        {
          result_clear (&results[i][TOOL_CARDINAL]);
          result_clear (&results[i][TOOL_PEER]);
          g_clear_pointer (&uncounted[i], g_free);
        }
    }
  g_free (results);
  g_free (uncounted);
  return ok ? 0 : 1;
}
