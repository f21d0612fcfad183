/* cardinal-test-db-sqlite.c: the SQLite backend of the test database interface (in memory, foreign keys on). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-db-backend.h"

#include <string.h>

#include <sqlite3.h>

typedef struct
{
  CardinalTestDb  parent;
  sqlite3        *handle;
} SqliteDb;

static sqlite3 *
handle_of (CardinalTestDb *db)
{
  return ((SqliteDb *) db)->handle;
}

static void
sqlite_free (CardinalTestDb *db)
{
  sqlite3_close (handle_of (db));
  g_free (db);
}

static gboolean
set_error (CardinalTestDb  *db,
           const char      *what,
           GError         **error)
{
  g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
               "%s: %s", what, sqlite3_errmsg (handle_of (db)));
  return FALSE;
}

static gboolean
sqlite_execute (CardinalTestDb  *db,
                const char      *script,
                GError         **error)
{
  char *message = NULL;

  if (sqlite3_exec (handle_of (db), script, NULL, NULL, &message) != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                   "%s", message != NULL ? message : "failed");
      sqlite3_free (message);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (CardinalTestDb  *db,
         const char      *sql,
         GError         **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (handle_of (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_error (db, sql, error);
      return NULL;
    }
  return stmt;
}

/* A catalogue query, with ?1 bound to @argument (a table or an index name) when given. */
static sqlite3_stmt *
prepare_query (CardinalTestDb  *db,
               const char      *sql,
               const char      *argument,
               GError         **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, error);

  if (stmt != NULL && argument != NULL)
    sqlite3_bind_text (stmt, 1, argument, -1, SQLITE_TRANSIENT);
  return stmt;
}

/* Ends a catalogue query whose last step returned @rc. A loop that stopped
 * on a row stopped for an error of its own, already set. */
static gboolean
finish_query (CardinalTestDb  *db,
              sqlite3_stmt    *stmt,
              int              rc,
              const char      *what,
              GError         **error)
{
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    set_error (db, what, error);
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE;
}

/* With extended result codes, the constraint that refused a change. */
static CardinalTestDbOutcome
classify (int         rc,
          const char *message)
{
  switch (rc)
    {
    case SQLITE_DONE:
      return CARDINAL_TEST_DB_ACCEPTED;
    case SQLITE_CONSTRAINT_NOTNULL:
      return CARDINAL_TEST_DB_VIOLATES_NOT_NULL;
    case SQLITE_CONSTRAINT_UNIQUE:
    case SQLITE_CONSTRAINT_PRIMARYKEY:
      return CARDINAL_TEST_DB_VIOLATES_UNIQUE;
    case SQLITE_CONSTRAINT_FOREIGNKEY:
      return CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY;
    default:
      /* RESTRICT fails with another extended code, naming the foreign key in its message. */
      if ((rc & 0xff) == SQLITE_CONSTRAINT && message != NULL && strstr (message, "FOREIGN KEY") != NULL)
        return CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY;
      return CARDINAL_TEST_DB_FAILED;
    }
}

static CardinalTestDbOutcome
sqlite_run (CardinalTestDb      *db,
            const char          *sql,
            const char * const  *params,
            guint                n_params,
            char               **first_value)
{
  sqlite3_stmt *stmt = NULL;
  gboolean have_row = FALSE;
  int rc;

  if (first_value != NULL)
    *first_value = NULL;
  if (sqlite3_prepare_v2 (handle_of (db), sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      db->last_error = g_strdup (sqlite3_errmsg (handle_of (db)));
      return CARDINAL_TEST_DB_FAILED;
    }

  for (guint i = 0; i < n_params; i++)
    {
      if (params[i] == NULL)
        sqlite3_bind_null (stmt, (int) i + 1);
      else
        sqlite3_bind_text (stmt, (int) i + 1, params[i], -1, SQLITE_TRANSIENT);
    }

  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      if (!have_row && first_value != NULL)
        *first_value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      have_row = TRUE;
    }
  if (rc != SQLITE_DONE)
    {
      db->last_error = g_strdup (sqlite3_errmsg (handle_of (db)));
      if (first_value != NULL)
        g_clear_pointer (first_value, g_free);
    }

  sqlite3_finalize (stmt);
  return classify (rc, db->last_error);
}

/* The column that is SQLite's rowid: a single-column key declared exactly INTEGER. */
static CardinalColumn *
rowid_column (const CardinalTable *table)
{
  CardinalColumn *key;

  if (g_strv_length (table->primary_key) != 1)
    return NULL;
  key = cardinal_table_find_column (table, table->primary_key[0]);
  if (key == NULL || g_ascii_strcasecmp (key->type, "INTEGER") != 0)
    return NULL;
  return key;
}

/* The DDL declares an autoincrement key exactly INTEGER, whatever its
 * logical type, because only the rowid can autoincrement. */
static GStrv
sqlite_spell_types (CardinalTestDb       *db,
                    const CardinalTable  *table,
                    GError              **error)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  const CardinalColumn *rowid = NULL;

  if (g_strv_length (table->primary_key) == 1)
    {
      const CardinalColumn *key = cardinal_table_find_column (table, table->primary_key[0]);

      if (key != NULL && key->autoincrement)
        rowid = key;
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      g_autofree char *type = NULL;

      if (column == rowid)
        type = g_strdup ("INTEGER");
      else
        type = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_SQLITE);
      g_strv_builder_add (builder, type);
    }
  return g_strv_builder_end (builder);
}

/* Column names of an index, in index order. */
static GStrv
index_columns (CardinalTestDb  *db,
               const char      *index_name,
               GError         **error)
{
  sqlite3_stmt *stmt = prepare_query (db, "SELECT name FROM pragma_index_info(?1) ORDER BY seqno",
                                      index_name, error);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_strv_builder_add (builder, (const char *) sqlite3_column_text (stmt, 0));
  if (!finish_query (db, stmt, rc, index_name, error))
    return NULL;
  return g_strv_builder_end (builder);
}

/* Columns in order and the primary key; @table_sql tells whether the rowid autoincrements. */
static gboolean
read_columns (CardinalTestDb  *db,
              CardinalTable   *table,
              const char      *table_sql,
              GError         **error)
{
  g_autoptr(GPtrArray) key = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *upper_sql = g_ascii_strup (table_sql, -1);
  sqlite3_stmt *stmt;
  CardinalColumn *rowid;
  int rc;

  stmt = prepare_query (db, "SELECT name, type, \"notnull\", dflt_value, pk "
                            "FROM pragma_table_info(?1) ORDER BY cid", table->name, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CardinalColumn *column = cardinal_column_new ((const char *) sqlite3_column_text (stmt, 0),
                                                    (const char *) sqlite3_column_text (stmt, 1));
      int position = sqlite3_column_int (stmt, 4);

      column->nullable = sqlite3_column_int (stmt, 2) == 0;
      column->default_value = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (table->columns, column);
      if (position > 0)
        {
          if (key->len < (guint) position)
            g_ptr_array_set_size (key, position);
          g_ptr_array_index (key, position - 1) = g_strdup (column->name);
        }
    }
  if (!finish_query (db, stmt, rc, table->name, error))
    return FALSE;

  g_ptr_array_add (key, NULL);
  g_strfreev (table->primary_key);
  table->primary_key = (GStrv) g_ptr_array_free (g_steal_pointer (&key), FALSE);

  /* The rowid is never NULL, whatever its declaration, and the only column
   * AUTOINCREMENT can be on. */
  rowid = strstr (upper_sql, "WITHOUT ROWID") == NULL ? rowid_column (table) : NULL;
  if (rowid != NULL)
    {
      rowid->nullable = FALSE;
      rowid->autoincrement = strstr (upper_sql, "AUTOINCREMENT") != NULL;
    }
  return TRUE;
}

static gboolean
on_delete_from_sql (const char       *action,
                    CardinalOnDelete *on_delete)
{
  if (g_ascii_strcasecmp (action, "NO ACTION") == 0)
    *on_delete = CARDINAL_ON_DELETE_NO_ACTION;
  else if (g_ascii_strcasecmp (action, "RESTRICT") == 0)
    *on_delete = CARDINAL_ON_DELETE_RESTRICT;
  else if (g_ascii_strcasecmp (action, "CASCADE") == 0)
    *on_delete = CARDINAL_ON_DELETE_CASCADE;
  else if (g_ascii_strcasecmp (action, "SET NULL") == 0)
    *on_delete = CARDINAL_ON_DELETE_SET_NULL;
  else
    return FALSE;
  return TRUE;
}

static void
strv_append (GStrv      *strv,
             const char *item)
{
  guint n = g_strv_length (*strv);

  *strv = g_renew (char *, *strv, n + 2);
  (*strv)[n] = g_strdup (item);
  (*strv)[n + 1] = NULL;
}

/* pragma_foreign_key_list has one row per column; the rows of one key share an id. */
static gboolean
read_foreign_keys (CardinalTestDb  *db,
                   CardinalTable   *table,
                   GError         **error)
{
  CardinalForeignKey *fk = NULL;
  int current_id = -1;
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_query (db, "SELECT id, \"table\", \"from\", \"to\", on_delete "
                            "FROM pragma_foreign_key_list(?1) ORDER BY id, seq", table->name, error);
  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);

      if (fk == NULL || id != current_id)
        {
          const char *action = (const char *) sqlite3_column_text (stmt, 4);

          current_id = id;
          fk = g_new0 (CardinalForeignKey, 1);
          fk->ref_table = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
          fk->columns = g_new0 (char *, 1);
          fk->ref_columns = g_new0 (char *, 1);
          g_ptr_array_add (table->foreign_keys, fk);
          if (!on_delete_from_sql (action, &fk->on_delete))
            {
              g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                           "table \"%s\": ON DELETE %s, which a model cannot say", table->name, action);
              break;
            }
        }
      strv_append (&fk->columns, (const char *) sqlite3_column_text (stmt, 2));
      /* A reference without a column list (NULL here) means the primary key:
       * ref_columns stays empty, and the comparison reports it. */
      if (sqlite3_column_type (stmt, 3) != SQLITE_NULL)
        strv_append (&fk->ref_columns, (const char *) sqlite3_column_text (stmt, 3));
    }
  return finish_query (db, stmt, rc, table->name, error);
}

/* UNIQUE constraints (origin u) and CREATE INDEX statements (origin c); the
 * primary key's own index (origin pk) is the primary key. */
static gboolean
read_indexes (CardinalTestDb  *db,
              CardinalTable   *table,
              GError         **error)
{
  sqlite3_stmt *stmt = prepare_query (db, "SELECT name, \"unique\", origin FROM pragma_index_list(?1)",
                                      table->name, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);
      const char *origin = (const char *) sqlite3_column_text (stmt, 2);
      GStrv columns;

      if (g_str_equal (origin, "pk"))
        continue;
      columns = index_columns (db, name, error);
      if (columns == NULL)
        break;
      if (g_str_equal (origin, "u"))
        {
          g_ptr_array_add (table->uniques, cardinal_unique_new ((const char * const *) columns));
          g_strfreev (columns);
        }
      else
        {
          CardinalIndex *index = g_new0 (CardinalIndex, 1);

          index->name = g_strdup (name);
          index->columns = columns;
          index->unique = sqlite3_column_int (stmt, 1) != 0;
          g_ptr_array_add (table->indexes, index);
        }
    }
  return finish_query (db, stmt, rc, table->name, error);
}

static CardinalSchema *
sqlite_read_catalogue (CardinalTestDb  *db,
                       GError         **error)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("main");
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare_query (db, "SELECT name, sql FROM sqlite_schema WHERE type = 'table' "
                            "AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'", NULL, error);
  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      CardinalTable *table = cardinal_table_new ((const char *) sqlite3_column_text (stmt, 0));

      g_ptr_array_add (schema->tables, table);
      if (!read_columns (db, table, (const char *) sqlite3_column_text (stmt, 1), error)
          || !read_foreign_keys (db, table, error)
          || !read_indexes (db, table, error))
        break;
    }
  if (!finish_query (db, stmt, rc, "sqlite_schema", error))
    return NULL;
  return g_steal_pointer (&schema);
}

static gboolean
sqlite_check_integrity (CardinalTestDb  *db,
                        GError         **error)
{
  sqlite3_stmt *stmt = prepare_query (db, "SELECT \"table\", parent FROM pragma_foreign_key_check",
                                      NULL, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    g_set_error (error, CARDINAL_TEST_DB_ERROR, CARDINAL_TEST_DB_ERROR_FAILED,
                 "table \"%s\" has a row whose \"%s\" is missing",
                 (const char *) sqlite3_column_text (stmt, 0),
                 (const char *) sqlite3_column_text (stmt, 1));
  return finish_query (db, stmt, rc, "foreign_key_check", error);
}

static const CardinalTestDbBackend sqlite_backend = {
  .name = "SQLite",
  .dialect = CARDINAL_DIALECT_SQLITE,
  .placeholder = '?',
  .features = 0,
  .free = sqlite_free,
  .execute = sqlite_execute,
  .run = sqlite_run,
  .spell_types = sqlite_spell_types,
  .read_catalogue = sqlite_read_catalogue,
  .check_integrity = sqlite_check_integrity,
};

CardinalTestDb *
cardinal_test_db_sqlite_new (GError **error)
{
  g_autoptr(CardinalTestDb) db = NULL;
  SqliteDb *self = g_new0 (SqliteDb, 1);

  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  self->parent.backend = &sqlite_backend;
  db = (CardinalTestDb *) self;
  if (sqlite3_open (":memory:", &self->handle) != SQLITE_OK)
    {
      set_error (db, ":memory:", error);
      return NULL;
    }
  sqlite3_extended_result_codes (self->handle, 1);
  /* Off by default, per connection: without it no foreign key is checked at all. */
  if (!sqlite_execute (db, "PRAGMA foreign_keys = ON", error))
    return NULL;
  return g_steal_pointer (&db);
}
