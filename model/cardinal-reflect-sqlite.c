/* cardinal-reflect-sqlite.c: an SQLite database's schema, read with a few bulk queries over sqlite_schema and the pragma functions. */
#include "cardinal-reflect-private.h"

#include <string.h>

/* Every query joins sqlite_schema with a pragma table-valued function, so
 * that the whole schema comes in four statements whatever the table count.
 * No ORDER BY: the joins are nested loops, so the rows of one table (and of
 * one foreign key or index) come together and in the pragma's own order,
 * and sorting tens of thousands of rows would cost more than the reading.
 * Each pragma call prepares a statement inside SQLite, so tables that
 * cannot have a foreign key (no REFERENCES in their text) or an index are
 * not asked. */
#define USER_TABLES \
  "FROM sqlite_schema AS m " \
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' " \
  "AND m.sql NOT LIKE 'CREATE VIRTUAL%' "

static const char tables_query[] =
  "SELECT m.name, m.sql " USER_TABLES "ORDER BY m.name";
static const char virtual_tables_query[] =
  "SELECT name FROM sqlite_schema WHERE type = 'table' AND sql LIKE 'CREATE VIRTUAL%' ORDER BY name";
static const char columns_query[] =
  "SELECT m.name, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk "
  "FROM sqlite_schema AS m JOIN pragma_table_info(m.name) AS p "
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
  "AND m.sql NOT LIKE 'CREATE VIRTUAL%'";
static const char foreign_keys_query[] =
  "SELECT m.name, f.id, f.\"table\", f.\"from\", f.\"to\", f.on_delete "
  "FROM sqlite_schema AS m JOIN pragma_foreign_key_list(m.name) AS f "
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
  "AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND m.sql LIKE '%REFERENCES%'";
static const char indexes_query[] =
  "SELECT m.name, il.name, il.\"unique\", il.origin, il.partial, ix.cid, ix.name "
  "FROM sqlite_schema AS m JOIN pragma_index_list(m.name) AS il "
  "JOIN pragma_index_xinfo(il.name) AS ix "
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "
  "AND m.sql NOT LIKE 'CREATE VIRTUAL%' AND il.origin <> 'pk' AND ix.key = 1 "
  "AND m.name IN (SELECT tbl_name FROM sqlite_schema WHERE type = 'index')";

typedef struct
{
  sqlite3     *db;
  const char  *display_name;
  GPtrArray   *notes;
  GHashTable  *tables;        /* name → CardinalTable, borrowed from the schema */
  /* Table name → (lower-cased FK columns joined by \x1f → constraint name):
   * SQLite's pragmas do not give foreign key names, its stored SQL does. */
  GHashTable  *fk_names;
  GHashTable  *autoincrement; /* "table\x1fcolumn" of AUTOINCREMENT columns */
  GHashTable  *create_text;   /* table name → its CREATE TABLE statement */
  GHashTable  *types;         /* declared type → catalogue type: a schema repeats a few types */
} Reader;

static const char *
text_column (sqlite3_stmt *stmt,
             int           column)
{
  const char *text = (const char *) sqlite3_column_text (stmt, column);

  return text != NULL ? text : "";
}

/* A failed query on a file that opened fine is nearly always a file that is
 * not a database at all (SQLite only finds out on the first read). */
static void
set_query_error (Reader      *reader,
                 GError     **error)
{
  int code = sqlite3_errcode (reader->db);

  if (code == SQLITE_NOTADB || code == SQLITE_CORRUPT)
    g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                 "%s: not an SQLite database, or a damaged one: %s",
                 reader->display_name, sqlite3_errmsg (reader->db));
  else
    g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                 "%s: cannot read the schema: %s", reader->display_name, sqlite3_errmsg (reader->db));
}

typedef gboolean (*RowFunc) (Reader        *reader,
                             sqlite3_stmt  *stmt,
                             gpointer       data,
                             GError       **error);

static gboolean
run_query (Reader         *reader,
           const char     *sql,
           RowFunc         row,
           gpointer        data,
           GCancellable   *cancellable,
           GError        **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!cardinal_reflect_check_cancelled (cancellable, error))
    return FALSE;
  if (sqlite3_prepare_v2 (reader->db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      set_query_error (reader, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    if (!row (reader, stmt, data, error))
      {
        sqlite3_finalize (stmt);
        return FALSE;
      }
  if (rc != SQLITE_DONE)
    {
      set_query_error (reader, error);
      sqlite3_finalize (stmt);
      return FALSE;
    }
  sqlite3_finalize (stmt);
  return TRUE;
}

/* The stored CREATE TABLE text ------------------------------------------------ */

typedef struct
{
  GArray  *tokens;   /* of CardinalSqlToken, comments left out */
  GString *comment;
} Item;

static void
item_clear (Item *item)
{
  g_array_unref (item->tokens);
  g_string_free (item->comment, TRUE);
}

/* The text of a comment token without its markers. */
static void
append_comment (GString                *out,
                const CardinalSqlToken *token)
{
  const char *start = token->start + 2;
  const char *end = token->start + token->length;

  if (token->start[0] == '/' && token->length >= 4)
    end -= 2;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start == end)
    return;
  if (out->len > 0)
    g_string_append_c (out, '\n');
  g_string_append_len (out, start, end - start);
}

/* The text between the parentheses that open at tokens[@open] (exclusive),
 * and the position of the closing one in *@close; NULL when unbalanced. */
static char *
parenthesized (GArray *tokens,
               guint   open,
               guint  *close)
{
  int depth = 0;

  for (guint i = open; i < tokens->len; i++)
    {
      const CardinalSqlToken *token = &g_array_index (tokens, CardinalSqlToken, i);

      if (cardinal_reflect_token_is (token, "("))
        depth++;
      else if (cardinal_reflect_token_is (token, ")") && --depth == 0)
        {
          const CardinalSqlToken *first = &g_array_index (tokens, CardinalSqlToken, open + 1);
          g_autofree char *text = NULL;

          if (i == open + 1)
            return NULL;
          *close = i;
          text = g_strndup (first->start, (gsize) (token->start - first->start));
          return g_strstrip (g_steal_pointer (&text));
        }
    }
  return NULL;
}

static char *
column_key (const char *table,
            const char *column)
{
  g_autofree char *lower = g_utf8_casefold (column, -1);

  return g_strdup_printf ("%s\x1f%s", table, lower);
}

/* "(a, b)" from tokens[@open]: the names, lower-cased and joined by \x1f. */
static char *
column_list_key (GArray *tokens,
                 guint   open)
{
  GString *key = g_string_new (NULL);

  for (guint i = open + 1; i < tokens->len; i++)
    {
      const CardinalSqlToken *token = &g_array_index (tokens, CardinalSqlToken, i);
      g_autofree char *name = NULL;
      g_autofree char *lower = NULL;

      if (cardinal_reflect_token_is (token, ")"))
        break;
      if (cardinal_reflect_token_is (token, ","))
        continue;
      name = cardinal_reflect_token_name (token);
      lower = g_utf8_casefold (name, -1);
      if (key->len > 0)
        g_string_append_c (key, '\x1f');
      g_string_append (key, lower);
    }
  return g_string_free (key, FALSE);
}

static void
read_item (Reader        *reader,
           CardinalTable *table,
           GHashTable    *fk_names,
           Item          *item)
{
  GArray *tokens = item->tokens;
  const CardinalSqlToken *first;
  g_autofree char *column = NULL;
  g_autofree char *pending_name = NULL;
  guint i = 0;

  if (tokens->len == 0)
    return;
  first = &g_array_index (tokens, CardinalSqlToken, 0);
  if (!(first->kind == CARDINAL_SQL_TOKEN_WORD
        && (cardinal_reflect_token_is (first, "CONSTRAINT") || cardinal_reflect_token_is (first, "PRIMARY")
            || cardinal_reflect_token_is (first, "UNIQUE") || cardinal_reflect_token_is (first, "CHECK")
            || cardinal_reflect_token_is (first, "FOREIGN"))))
    {
      CardinalColumn *found;

      column = cardinal_reflect_token_name (first);
      found = cardinal_table_find_column (table, column);
      if (found == NULL)
        {
          /* Bare names are case-insensitive in SQLite. */
          for (guint k = 0; k < table->columns->len && found == NULL; k++)
            {
              CardinalColumn *candidate = g_ptr_array_index (table->columns, k);

              if (g_ascii_strcasecmp (candidate->name, column) == 0)
                found = candidate;
            }
        }
      if (found != NULL && item->comment->len > 0)
        {
          g_free (found->comment);
          found->comment = g_strdup (item->comment->str);
        }
      i = 1;
    }

  for (; i < tokens->len; i++)
    {
      const CardinalSqlToken *token = &g_array_index (tokens, CardinalSqlToken, i);

      if (cardinal_reflect_token_is (token, "CONSTRAINT") && i + 1 < tokens->len)
        {
          g_free (pending_name);
          pending_name = cardinal_reflect_token_name (&g_array_index (tokens, CardinalSqlToken, i + 1));
          i++;
          continue;
        }
      if (cardinal_reflect_token_is (token, "CHECK") && i + 1 < tokens->len
          && cardinal_reflect_token_is (&g_array_index (tokens, CardinalSqlToken, i + 1), "("))
        {
          guint close = i + 1;
          char *expression = parenthesized (tokens, i + 1, &close);

          if (expression != NULL)
            g_ptr_array_add (table->checks, expression);
          i = close;
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      if (cardinal_reflect_token_is (token, "AUTOINCREMENT") && column != NULL)
        g_hash_table_add (reader->autoincrement, column_key (table->name, column));
      if (cardinal_reflect_token_is (token, "FOREIGN") && i + 2 < tokens->len
          && cardinal_reflect_token_is (&g_array_index (tokens, CardinalSqlToken, i + 2), "("))
        {
          if (pending_name != NULL)
            g_hash_table_insert (fk_names, column_list_key (tokens, i + 2), g_steal_pointer (&pending_name));
          continue;
        }
      if (cardinal_reflect_token_is (token, "REFERENCES") && column != NULL && pending_name != NULL)
        {
          g_hash_table_insert (fk_names, g_utf8_casefold (column, -1), g_steal_pointer (&pending_name));
          continue;
        }
      /* A name belongs to the constraint that follows it directly. */
      if (pending_name != NULL && !cardinal_reflect_token_is (token, "PRIMARY")
          && !cardinal_reflect_token_is (token, "UNIQUE") && !cardinal_reflect_token_is (token, "NOT")
          && !cardinal_reflect_token_is (token, "DEFAULT"))
        g_clear_pointer (&pending_name, g_free);
    }
}

/* What SQLite keeps only as text: comments (Cardinal writes a table's after
 * the opening parenthesis and a column's after its definition and comma),
 * CHECK expressions, foreign key names and AUTOINCREMENT. */
static void
read_create_text (Reader        *reader,
                  CardinalTable *table,
                  const char    *sql)
{
  GHashTable *fk_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr(GString) table_comment = g_string_new (NULL);
  GArray *items = g_array_new (FALSE, FALSE, sizeof (Item));
  Item current = { g_array_new (FALSE, FALSE, sizeof (CardinalSqlToken)), g_string_new (NULL) };
  const char *p = sql;
  CardinalSqlToken token;
  int depth = 0;

  g_hash_table_insert (reader->fk_names, g_strdup (table->name), fk_names);

  for (cardinal_reflect_next_token (&p, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_reflect_next_token (&p, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        {
          if (depth < 1)
            continue;
          if (current.tokens->len > 0)
            append_comment (current.comment, &token);
          else if (items->len > 0)
            append_comment (g_array_index (items, Item, items->len - 1).comment, &token);
          else
            append_comment (table_comment, &token);
          continue;
        }
      if (cardinal_reflect_token_is (&token, "("))
        {
          if (depth++ == 0)
            continue;
        }
      else if (cardinal_reflect_token_is (&token, ")"))
        {
          if (--depth == 0)
            break;
        }
      else if (depth == 1 && cardinal_reflect_token_is (&token, ","))
        {
          g_array_append_val (items, current);
          current.tokens = g_array_new (FALSE, FALSE, sizeof (CardinalSqlToken));
          current.comment = g_string_new (NULL);
          continue;
        }
      if (depth >= 1)
        g_array_append_val (current.tokens, token);
    }
  /* Comments after the last item, before the closing parenthesis. */
  for (cardinal_reflect_next_token (&p, &token);
       token.kind == CARDINAL_SQL_TOKEN_COMMENT;
       cardinal_reflect_next_token (&p, &token))
    ;
  g_array_append_val (items, current);

  if (table_comment->len > 0)
    {
      g_free (table->comment);
      table->comment = g_strdup (table_comment->str);
    }
  for (guint i = 0; i < items->len; i++)
    {
      Item *item = &g_array_index (items, Item, i);

      read_item (reader, table, fk_names, item);
      item_clear (item);
    }
  g_array_unref (items);
}

/* Rows ------------------------------------------------------------------------ */

static gboolean
table_row (Reader        *reader,
           sqlite3_stmt  *stmt,
           gpointer       data,
           GError       **error)
{
  CardinalSchema *schema = data;
  CardinalTable *table = cardinal_table_new (text_column (stmt, 0));

  g_ptr_array_add (schema->tables, table);
  g_hash_table_insert (reader->tables, table->name, table);
  /* Read once the columns are known. */
  g_hash_table_insert (reader->create_text, table->name, g_strdup (text_column (stmt, 1)));
  return TRUE;
}

static gboolean
virtual_table_row (Reader        *reader,
                   sqlite3_stmt  *stmt,
                   gpointer       data,
                   GError       **error)
{
  cardinal_reflect_note (reader->notes, "virtual table \"%s\" skipped: it has no schema of its own",
                         text_column (stmt, 0));
  return TRUE;
}

static gboolean
column_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            gpointer       data,
            GError       **error)
{
  CardinalTable *table = g_hash_table_lookup (reader->tables, text_column (stmt, 0));
  const char *declared = text_column (stmt, 2);
  g_autofree char *type = NULL;
  CardinalColumn *column;
  int pk = sqlite3_column_int (stmt, 5);

  if (table == NULL)
    return TRUE;

  if (declared[0] == '\0')
    {
      type = g_strdup ("any");
      cardinal_reflect_note (reader->notes, "table \"%s\": column \"%s\" has no declared type; kept as \"any\"",
                             table->name, text_column (stmt, 1));
    }
  else
    {
      const char *mapped = g_hash_table_lookup (reader->types, declared);

      if (mapped == NULL)
        {
          mapped = cardinal_reflect_map_type (declared);
          g_hash_table_insert (reader->types, g_strdup (declared), (gpointer) mapped);
        }
      type = g_strdup (mapped);
    }

  column = cardinal_column_new (text_column (stmt, 1), type);
  /* A primary key column never holds NULL, whatever SQLite's legacy rules allow. */
  column->nullable = sqlite3_column_int (stmt, 3) == 0 && pk == 0;
  if (sqlite3_column_type (stmt, 4) != SQLITE_NULL)
    column->default_value = g_strdup (text_column (stmt, 4));
  g_ptr_array_add (table->columns, column);

  if (pk > 0)
    {
      guint n = g_strv_length (table->primary_key);

      /* pk is the column's 1-based place in the key; rows come in column order. */
      table->primary_key = g_renew (char *, table->primary_key, MAX (n, (guint) pk) + 1);
      for (guint i = n; i < (guint) pk; i++)
        table->primary_key[i] = NULL;
      table->primary_key[MAX (n, (guint) pk)] = NULL;
      table->primary_key[pk - 1] = g_strdup (column->name);
    }
  return TRUE;
}

static CardinalOnDelete
on_delete_from_string (Reader     *reader,
                       const char *table,
                       const char *action)
{
  if (g_ascii_strcasecmp (action, "CASCADE") == 0)
    return CARDINAL_ON_DELETE_CASCADE;
  if (g_ascii_strcasecmp (action, "RESTRICT") == 0)
    return CARDINAL_ON_DELETE_RESTRICT;
  if (g_ascii_strcasecmp (action, "SET NULL") == 0)
    return CARDINAL_ON_DELETE_SET_NULL;
  if (g_ascii_strcasecmp (action, "SET DEFAULT") == 0)
    cardinal_reflect_note (reader->notes, "table \"%s\": ON DELETE SET DEFAULT read as NO ACTION", table);
  return CARDINAL_ON_DELETE_NO_ACTION;
}

typedef struct
{
  CardinalForeignKey *fk;     /* the one being filled */
  int                 id;
  GPtrArray          *columns;
  GPtrArray          *ref_columns;
  gboolean            ref_implicit;
} ForeignKeyState;

static void
foreign_key_flush (Reader          *reader,
                   CardinalTable   *table,
                   ForeignKeyState *state)
{
  CardinalForeignKey *fk = state->fk;
  GHashTable *names;
  g_autofree char *key = NULL;

  if (fk == NULL)
    return;
  g_ptr_array_add (state->columns, NULL);
  g_ptr_array_add (state->ref_columns, NULL);
  fk->columns = (GStrv) g_ptr_array_free (state->columns, FALSE);
  fk->ref_columns = (GStrv) g_ptr_array_free (state->ref_columns, FALSE);
  if (state->ref_implicit)
    {
      g_strfreev (fk->ref_columns);
      fk->ref_columns = g_new0 (char *, 1);
    }

  names = g_hash_table_lookup (reader->fk_names, table->name);
  if (names != NULL)
    {
      GString *joined = g_string_new (NULL);

      for (guint i = 0; fk->columns[i] != NULL; i++)
        {
          g_autofree char *lower = g_utf8_casefold (fk->columns[i], -1);

          if (i > 0)
            g_string_append_c (joined, '\x1f');
          g_string_append (joined, lower);
        }
      key = g_string_free (joined, FALSE);
      fk->name = g_strdup (g_hash_table_lookup (names, key));
    }
  if (fk->name == NULL)
    fk->name = g_strdup ("");
  g_ptr_array_add (table->foreign_keys, fk);
  state->fk = NULL;
}

typedef struct
{
  CardinalTable   *table;
  ForeignKeyState  state;
} ForeignKeyRows;

static gboolean
foreign_key_row (Reader        *reader,
                 sqlite3_stmt  *stmt,
                 gpointer       data,
                 GError       **error)
{
  ForeignKeyRows *rows = data;
  CardinalTable *table = g_hash_table_lookup (reader->tables, text_column (stmt, 0));
  int id = sqlite3_column_int (stmt, 1);

  if (table == NULL)
    return TRUE;
  if (table != rows->table || id != rows->state.id || rows->state.fk == NULL)
    {
      if (rows->table != NULL)
        foreign_key_flush (reader, rows->table, &rows->state);
      rows->table = table;
      rows->state.id = id;
      rows->state.fk = g_new0 (CardinalForeignKey, 1);
      rows->state.fk->ref_table = g_strdup (text_column (stmt, 2));
      rows->state.fk->on_delete = on_delete_from_string (reader, table->name, text_column (stmt, 5));
      rows->state.columns = g_ptr_array_new_with_free_func (g_free);
      rows->state.ref_columns = g_ptr_array_new_with_free_func (g_free);
      rows->state.ref_implicit = FALSE;
    }
  g_ptr_array_add (rows->state.columns, g_strdup (text_column (stmt, 3)));
  if (sqlite3_column_type (stmt, 4) == SQLITE_NULL)
    rows->state.ref_implicit = TRUE;
  g_ptr_array_add (rows->state.ref_columns, g_strdup (text_column (stmt, 4)));
  return TRUE;
}

typedef struct
{
  CardinalTable *table;
  char          *name;
  gboolean       unique;
  char           origin;
  gboolean       partial;
  gboolean       expression;
  GPtrArray     *columns;
} IndexState;

static void
index_flush (Reader     *reader,
             IndexState *state)
{
  GStrv columns;

  if (state->name == NULL)
    return;
  g_ptr_array_add (state->columns, NULL);
  columns = (GStrv) g_ptr_array_free (state->columns, FALSE);
  state->columns = NULL;

  if (state->origin == 'p')
    g_strfreev (columns);
  else if (state->expression)
    {
      cardinal_reflect_note (reader->notes, "table \"%s\": index \"%s\" on an expression skipped",
                             state->table->name, state->name);
      g_strfreev (columns);
    }
  else if (state->partial)
    {
      cardinal_reflect_note (reader->notes, "table \"%s\": partial index \"%s\" skipped (its WHERE has no place in the model)",
                             state->table->name, state->name);
      g_strfreev (columns);
    }
  else if (state->origin == 'u')
    g_ptr_array_add (state->table->uniques, columns);
  else
    {
      CardinalIndex *index = g_new0 (CardinalIndex, 1);

      index->name = g_strdup (state->name);
      index->columns = columns;
      index->unique = state->unique;
      g_ptr_array_add (state->table->indexes, index);
    }
  g_clear_pointer (&state->name, g_free);
}

static gboolean
index_row (Reader        *reader,
           sqlite3_stmt  *stmt,
           gpointer       data,
           GError       **error)
{
  IndexState *state = data;
  CardinalTable *table = g_hash_table_lookup (reader->tables, text_column (stmt, 0));
  const char *name = text_column (stmt, 1);

  if (table == NULL)
    return TRUE;
  if (state->table != table || g_strcmp0 (state->name, name) != 0)
    {
      index_flush (reader, state);
      state->table = table;
      state->name = g_strdup (name);
      state->unique = sqlite3_column_int (stmt, 2) != 0;
      state->origin = text_column (stmt, 3)[0];
      state->partial = sqlite3_column_int (stmt, 4) != 0;
      state->expression = FALSE;
      state->columns = g_ptr_array_new_with_free_func (g_free);
    }
  /* cid -2 is an expression, -1 the rowid. */
  if (sqlite3_column_int (stmt, 5) < 0)
    state->expression = TRUE;
  else
    g_ptr_array_add (state->columns, g_strdup (text_column (stmt, 6)));
  return TRUE;
}

CardinalSchema *
cardinal_reflect_sqlite_internal (sqlite3       *db,
                                  const char    *display_name,
                                  GPtrArray     *notes,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("main");
  g_autoptr(GHashTable) tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) fk_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) g_hash_table_unref);
  g_autoptr(GHashTable) autoincrement = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) create_text = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  Reader reader = { db, display_name != NULL && display_name[0] != '\0' ? display_name : "SQLite database",
                    notes, tables, fk_names, autoincrement, create_text, types };
  ForeignKeyRows fk_rows = { NULL, { NULL, -1, NULL, NULL, FALSE } };
  IndexState index_state = { NULL };
  gboolean ok;

  if (!run_query (&reader, tables_query, table_row, schema, cancellable, error))
    return NULL;
  if (schema->tables->len == 0)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                   "%s: the database has no tables", reader.display_name);
      return NULL;
    }
  if (!run_query (&reader, virtual_tables_query, virtual_table_row, NULL, cancellable, error)
      || !run_query (&reader, columns_query, column_row, NULL, cancellable, error))
    return NULL;

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);
      read_create_text (&reader, table, g_hash_table_lookup (create_text, table->name));
      if (g_strv_length (table->primary_key) == 1)
        {
          g_autofree char *key = column_key (table->name, table->primary_key[0]);

          if (g_hash_table_contains (autoincrement, key))
            cardinal_table_find_column (table, table->primary_key[0])->autoincrement = TRUE;
        }
    }

  ok = run_query (&reader, foreign_keys_query, foreign_key_row, &fk_rows, cancellable, error);
  if (fk_rows.table != NULL && fk_rows.state.fk != NULL)
    {
      if (ok)
        foreign_key_flush (&reader, fk_rows.table, &fk_rows.state);
      else
        {
          cardinal_foreign_key_free (fk_rows.state.fk);
          g_ptr_array_free (fk_rows.state.columns, TRUE);
          g_ptr_array_free (fk_rows.state.ref_columns, TRUE);
        }
    }
  if (!ok)
    return NULL;

  /* SQLite numbers foreign keys from the last one declared. */
  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);
      guint n = table->foreign_keys->len;

      for (guint k = 0; k < n / 2; k++)
        {
          gpointer swap = table->foreign_keys->pdata[k];

          table->foreign_keys->pdata[k] = table->foreign_keys->pdata[n - 1 - k];
          table->foreign_keys->pdata[n - 1 - k] = swap;
        }
    }

  ok = run_query (&reader, indexes_query, index_row, &index_state, cancellable, error);
  if (ok)
    index_flush (&reader, &index_state);
  else if (index_state.name != NULL)
    {
      g_free (index_state.name);
      g_ptr_array_free (index_state.columns, TRUE);
    }
  if (!ok)
    return NULL;

  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}
