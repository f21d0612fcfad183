/* cardinal-reflect-sqlite.c: an SQLite database's schema, read with a few bulk queries over sqlite_schema and the pragma functions, and from the CREATE text SQLite stores. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-reflect-private.h"

#include <string.h>

#include "cardinal-identifier.h"

/* SQLite parses the whole schema when the first statement is prepared, and
 * every pragma call prepares a statement of its own (a parse, a name lookup
 * among all tables, code generation), costing about as much as the rows it
 * returns. So SQLite is asked only where the answer is not in hand:
 *
 * - pragma_table_xinfo, joined with sqlite_schema, for every table: names,
 *   declared types, NOT NULL, defaults, the key in key order and which
 *   columns are generated, as SQLite reads them;
 * - the CREATE TABLE text SQLite stores is read once anyway for what it
 *   keeps only as text (comments, CHECK expressions, constraint names,
 *   AUTOINCREMENT, COLLATE, generated expressions, a DEFAULT's parentheses,
 *   a type's case, deferral, WITHOUT ROWID and STRICT); the same pass takes
 *   the UNIQUE constraints (the sqlite_autoindex_* indexes, with SQLite's
 *   rule for duplicates);
 * - pragma_foreign_key_list, one prepared statement bound to each table
 *   that has foreign keys;
 * - a CREATE INDEX text gives everything pragma_index_xinfo would (unique,
 *   keys, DESC, COLLATE) and what it does not: an expression key's text and
 *   the WHERE of a partial index;
 * - views and triggers are their stored text; a view's tables are what
 *   preparing a SELECT from it reads.
 *
 * No ORDER BY: the join is a nested loop over sqlite_schema in rowid order,
 * so one table's rows come together and in the pragma's own order; rows are
 * matched to their table by rowid. */
#define USER_TABLES \
  "WHERE m.type = 'table' AND m.name NOT LIKE 'sqlite\\_%' ESCAPE '\\' "

static const char tables_query[] =
  "SELECT m.rowid, m.name, m.sql FROM sqlite_schema AS m " USER_TABLES;
/* Reading m.sql for every row costs as much as the test, so virtual tables
 * (which pragma_table_info may not be able to read) are only filtered out
 * when there are some. */
/* table_xinfo rather than table_info: only it lists generated columns
 * (hidden 2 for VIRTUAL, 3 for STORED). */
static const char columns_query[] =
  "SELECT m.rowid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
  "FROM sqlite_schema AS m JOIN pragma_table_xinfo(m.name) AS p " USER_TABLES;
static const char columns_query_virtual[] =
  "SELECT m.rowid, p.name, p.type, p.\"notnull\", p.dflt_value, p.pk, p.hidden "
  "FROM sqlite_schema AS m JOIN pragma_table_xinfo(m.name) AS p " USER_TABLES
  "AND m.sql NOT LIKE 'CREATE VIRTUAL%'";
/* For a table whose foreign key clauses are more than the plain grammar. */
static const char foreign_keys_query[] =
  "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete FROM pragma_foreign_key_list(?1)";
/* The numbers an application keeps in the database header. */
static const char header_query[] =
  "SELECT u.user_version, a.application_id FROM pragma_user_version AS u, pragma_application_id AS a";
/* The tables virtual tables keep their data in. */
static const char shadow_query[] =
  "SELECT name FROM pragma_table_list WHERE schema = 'main' AND type = 'shadow'";
/* Indexes, views and triggers in one pass, in the order they were created
 * (automatic indexes have no text: they are the constraints' own). */
static const char objects_query[] =
  "SELECT type, tbl_name, name, sql, rowid FROM sqlite_schema "
  "WHERE type IN ('index', 'view', 'trigger') AND sql IS NOT NULL";

/* A bigger page cache while reading: every query scans sqlite_schema, which
 * at thousands of tables no longer fits SQLite's default 2 MB. */
#define READ_CACHE_KIB 16384

/* What the text says about one foreign key clause and SQLite's pragma does
 * not: its name, DEFERRABLE, INITIALLY DEFERRED and MATCH FULL. */
typedef struct
{
  char     *key;      /* lower-cased FK columns joined by \x1f */
  char     *name;     /* NULL when the clause has none */
  gboolean  deferrable;
  gboolean  initially_deferred;
  gboolean  match_full;
  gboolean  used;     /* matched to one of SQLite's foreign keys already */
} FkText;

typedef struct
{
  sqlite3_int64   rowid;
  CardinalTable  *table;
  char           *sql;        /* the stored CREATE TABLE statement */
  /* Of FkText, one per foreign key clause in the text, in order: SQLite's
   * pragmas give neither names nor deferral. NULL until there is one. */
  GArray         *fk_texts;
  gboolean        pk_integer; /* a one-column key declared exactly INTEGER */
  gboolean        pk_desc;    /* … but written PRIMARY KEY DESC on the column */
  /* A foreign key clause the text reader does not settle: SQLite's
   * pragma_foreign_key_list then gives all of the table's foreign keys. */
  gboolean        fk_from_sqlite;
  guint           pk_size;    /* slots in table->primary_key, which has holes until every column is read */
} TableEntry;

/* A UNIQUE or column-level UNIQUE as written: the index SQLite made for it. */
typedef struct
{
  char  *key;      /* lower-cased columns and explicit collations, to find duplicates */
  GStrv  columns;
  char  *name;     /* CONSTRAINT name, or NULL */
} UniqueCandidate;

/* The tokens of one item, in a buffer reused for every item. */
typedef struct
{
  CardinalSqlToken *data;
  guint             len;
  guint             size;
} TokenList;

typedef struct
{
  sqlite3     *db;
  const char  *display_name;
  GPtrArray   *notes;
  GArray      *entries;   /* of TableEntry, in rowid order */
  guint        cursor;    /* where the last rowid was found */
  GHashTable  *tables;    /* name → CardinalTable, borrowed from the schema */
  GHashTable  *types;     /* declared type → TypeInfo: a schema repeats a few types */
  /* Scratch space reused for every table, so that reading the text
   * allocates only what ends up in the schema. */
  TokenList    tokens;    /* one item of a CREATE TABLE, comments left out */
  GString     *name;
  GString     *column_name; /* the column the current item defines */
  GString     *key;
  GArray      *uniques;   /* of UniqueCandidate */
  GPtrArray   *fk_columns;     /* a foreign key clause's columns … */
  GPtrArray   *fk_ref_columns; /* … and the referenced ones */
  sqlite3_stmt *foreign_keys;  /* foreign_keys_query, prepared when first needed */
  FkText        fk_text;       /* the foreign key clause being read */
} Reader;

/* A declared type, as the schema gets it. */
typedef struct
{
  char     *mapped;        /* the catalogue type */
  gboolean  keep_declared; /* the catalogue's SQLite spelling differs: kept as sql_type */
} TypeInfo;

static void
type_info_free (gpointer data)
{
  TypeInfo *info = data;

  g_free (info->mapped);
  g_free (info);
}

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

/* The table a row of a join belongs to. */
static TableEntry *
entry_for_rowid (Reader        *reader,
                 sqlite3_int64  rowid)
{
  TableEntry *entries = (TableEntry *) (gpointer) reader->entries->data;
  guint low = 0, high = reader->entries->len;

  /* Rows come in rowid order: nearly always this entry or the next. */
  for (guint i = reader->cursor; i < reader->cursor + 2 && i < reader->entries->len; i++)
    if (entries[i].rowid == rowid)
      {
        reader->cursor = i;
        return &entries[i];
      }
  while (low < high)
    {
      guint middle = low + (high - low) / 2;

      if (entries[middle].rowid < rowid)
        low = middle + 1;
      else if (entries[middle].rowid > rowid)
        high = middle;
      else
        {
          reader->cursor = middle;
          return &entries[middle];
        }
    }
  return NULL;
}

/* Case folding, as SQLite compares names; ASCII (nearly every name) without
 * an allocation. */
static void
append_folded (GString    *out,
               const char *text,
               gssize      length)
{
  gsize n = length < 0 ? strlen (text) : (gsize) length;
  g_autofree char *folded = NULL;

  for (gsize i = 0; i < n; i++)
    if ((guchar) text[i] >= 0x80)
      {
        folded = g_utf8_casefold (text, (gssize) n);
        g_string_append (out, folded);
        return;
      }
  for (gsize i = 0; i < n; i++)
    g_string_append_c (out, g_ascii_tolower (text[i]));
}

/* The stored CREATE TABLE text ------------------------------------------------ */

static void
token_list_push (TokenList              *list,
                 const CardinalSqlToken *token)
{
  if (list->len == list->size)
    {
      list->size = MAX (64, list->size * 2);
      list->data = g_renew (CardinalSqlToken, list->data, list->size);
    }
  list->data[list->len++] = *token;
}

/* @word in upper case; called for nearly every token, hence by hand. */
static gboolean
token_is_word (const CardinalSqlToken *token,
               const char             *word,
               gsize                   length)
{
  if (token->kind != CARDINAL_SQL_TOKEN_WORD || token->length != length)
    return FALSE;
  /* Keywords are letters only: clearing bit 5 upper-cases a letter and
   * makes nothing else one. */
  for (gsize i = 0; i < length; i++)
    if ((token->start[i] & ~0x20) != word[i])
      return FALSE;
  return TRUE;
}

#define IS_WORD(token, word) token_is_word ((token), word, sizeof (word) - 1)

static gboolean
token_is_punct (const CardinalSqlToken *token,
                char                    c)
{
  return token->kind == CARDINAL_SQL_TOKEN_PUNCT && token->start[0] == c;
}

static const CardinalSqlToken *
token_at (TokenList *tokens,
          guint      i)
{
  return i < tokens->len ? &tokens->data[i] : NULL;
}

/* The name a token stands for, into @out (which it empties first). */
static void
set_token_name (GString                *out,
                const CardinalSqlToken *token)
{
  g_string_truncate (out, 0);
  cardinal_sql_token_append_name (out, token);
}

/* The text of a comment token without its markers, added as a line of
 * *@slot (which starts as ""). */
static void
add_comment (char                  **slot,
             const CardinalSqlToken *token)
{
  const char *start = token->start + 2;
  const char *end = token->start + token->length;
  char *joined;

  if (slot == NULL)
    return;
  if (token->start[0] == '/' && token->length >= 4)
    end -= 2;
  while (start < end && g_ascii_isspace (*start))
    start++;
  while (end > start && g_ascii_isspace (end[-1]))
    end--;
  if (start == end)
    return;
  if ((*slot)[0] == '\0')
    joined = g_strndup (start, (gsize) (end - start));
  else
    {
      gsize old = strlen (*slot);

      joined = g_malloc (old + 1 + (gsize) (end - start) + 1);
      memcpy (joined, *slot, old);
      joined[old] = '\n';
      memcpy (joined + old + 1, start, (gsize) (end - start));
      joined[old + 1 + (end - start)] = '\0';
    }
  g_free (*slot);
  *slot = joined;
}

/* Where the parenthesis that opens at tokens[@open] closes, in *@close;
 * FALSE when unbalanced. */
static gboolean
find_close (TokenList *tokens,
            guint      open,
            guint     *close)
{
  int depth = 0;

  for (guint i = open; i < tokens->len; i++)
    {
      const CardinalSqlToken *token = &tokens->data[i];

      if (token_is_punct (token, '('))
        depth++;
      else if (token_is_punct (token, ')') && --depth == 0)
        {
          *close = i;
          return TRUE;
        }
    }
  return FALSE;
}

/* The text between the parentheses that open at tokens[@open] (exclusive),
 * and the position of the closing one in *@close; NULL when unbalanced or
 * empty. */
static char *
parenthesized (TokenList *tokens,
               guint      open,
               guint     *close)
{
  const CardinalSqlToken *first;
  guint end;

  if (!find_close (tokens, open, &end) || end == open + 1)
    return NULL;
  *close = end;
  first = &tokens->data[open + 1];
  return g_strstrip (g_strndup (first->start, (gsize) (tokens->data[end].start - first->start)));
}

/* A column of @table by the name a CREATE TABLE item gives it: exactly, or
 * as SQLite matches bare names (ASCII case-insensitively). Items come in
 * column order, so the column at @hint is tried first. */
static CardinalColumn *
find_column (CardinalTable *table,
             const char    *name,
             guint          hint)
{
  if (hint < table->columns->len)
    {
      CardinalColumn *candidate = g_ptr_array_index (table->columns, hint);

      if (strcmp (candidate->name, name) == 0)
        return candidate;
    }
  for (guint k = 0; k < table->columns->len; k++)
    {
      CardinalColumn *candidate = g_ptr_array_index (table->columns, k);

      if (strcmp (candidate->name, name) == 0)
        return candidate;
    }
  for (guint k = 0; k < table->columns->len; k++)
    {
      CardinalColumn *candidate = g_ptr_array_index (table->columns, k);

      if (g_ascii_strcasecmp (candidate->name, name) == 0)
        return candidate;
    }
  return NULL;
}

static void
fk_text_clear (FkText *text)
{
  g_free (text->key);
  g_free (text->name);
}

/* Records reader->fk_text, the clause just read, under @key; takes @name. */
static void
add_fk_text (Reader     *reader,
             TableEntry *entry,
             const char *key,
             char       *name)
{
  FkText text = reader->fk_text;

  if (entry->fk_texts == NULL)
    {
      entry->fk_texts = g_array_new (FALSE, FALSE, sizeof (FkText));
      g_array_set_clear_func (entry->fk_texts, (GDestroyNotify) fk_text_clear);
    }
  text.key = g_strdup (key);
  text.name = name;
  text.used = FALSE;
  g_array_append_val (entry->fk_texts, text);
}

/* The UNIQUE constraint whose column list opens at tokens[@open], or the
 * column-level one on @column_name when @open is 0, as an index SQLite made. */
static void
add_unique (Reader     *reader,
            TableEntry *entry,
            guint       open,
            const char *column_name,
            const char *name)
{
  TokenList *tokens = &reader->tokens;
  GPtrArray *columns = g_ptr_array_new ();
  UniqueCandidate candidate;

  g_string_truncate (reader->key, 0);
  if (column_name != NULL)
    {
      CardinalColumn *column = find_column (entry->table, column_name, G_MAXUINT);

      g_ptr_array_add (columns, g_strdup (column != NULL ? column->name : column_name));
      append_folded (reader->key, column_name, -1);
      g_string_append_c (reader->key, '\x1e');
    }
  else
    {
      gboolean at_start = TRUE;
      int depth = 0;

      for (guint i = open + 1; i < tokens->len; i++)
        {
          const CardinalSqlToken *token = &tokens->data[i];
          const CardinalSqlToken *next = token_at (tokens, i + 1);

          if (token_is_punct (token, '('))
            depth++;
          else if (token_is_punct (token, ')') && depth-- == 0)
            break;
          else if (depth == 0 && token_is_punct (token, ','))
            at_start = TRUE;
          else if (depth == 0 && at_start)
            {
              CardinalColumn *column;

              at_start = FALSE;
              set_token_name (reader->name, token);
              column = find_column (entry->table, reader->name->str, G_MAXUINT);
              g_ptr_array_add (columns, g_strdup (column != NULL ? column->name : reader->name->str));
              if (reader->key->len > 0)
                g_string_append_c (reader->key, '\x1f');
              append_folded (reader->key, reader->name->str, (gssize) reader->name->len);
              g_string_append_c (reader->key, '\x1e');
            }
          else if (depth == 0 && IS_WORD (token, "COLLATE") && next != NULL)
            {
              /* A collation of its own makes it another index. */
              set_token_name (reader->name, next);
              append_folded (reader->key, reader->name->str, (gssize) reader->name->len);
              i++;
            }
        }
    }
  g_ptr_array_add (columns, NULL);
  candidate.key = g_strdup (reader->key->str);
  candidate.columns = (GStrv) g_ptr_array_free (columns, FALSE);
  candidate.name = g_strdup (name);
  g_array_append_val (reader->uniques, candidate);
}

static const CardinalSqlToken *
token_word_at (TokenList  *tokens,
               guint       i,
               const char *word,
               gsize       length)
{
  const CardinalSqlToken *token = token_at (tokens, i);

  return token != NULL && token_is_word (token, word, length) ? token : NULL;
}

#define WORD_AT(tokens, i, word) token_word_at ((tokens), (i), word, sizeof (word) - 1)

/* The strings of @array (which frees what it holds) as a new GStrv,
 * leaving @array empty for the next use. */
static GStrv
steal_strv (GPtrArray *array)
{
  GStrv strv = g_new (char *, array->len + 1);

  if (array->len > 0)
    memcpy (strv, array->pdata, array->len * sizeof (char *));
  strv[array->len] = NULL;
  g_ptr_array_set_free_func (array, NULL);
  g_ptr_array_set_size (array, 0);
  g_ptr_array_set_free_func (array, g_free);
  return strv;
}

/* "a, b)" from tokens[*@k], each a bare or quoted name alone: into @out as
 * @table's own spelling of the column (or as written when @table is NULL),
 * *@k past the ")". FALSE for anything else. */
static gboolean
read_name_list (Reader        *reader,
                CardinalTable *table,
                guint         *k,
                GPtrArray     *out)
{
  TokenList *tokens = &reader->tokens;

  for (guint i = *k; i + 1 < tokens->len; i += 2)
    {
      const CardinalSqlToken *name = &tokens->data[i];
      const CardinalSqlToken *after = &tokens->data[i + 1];

      if (name->kind != CARDINAL_SQL_TOKEN_WORD && name->kind != CARDINAL_SQL_TOKEN_QUOTED)
        return FALSE;
      set_token_name (reader->name, name);
      if (table != NULL)
        {
          CardinalColumn *column = find_column (table, reader->name->str, G_MAXUINT);

          if (column == NULL)
            return FALSE;
          g_ptr_array_add (out, g_strdup (column->name));
        }
      else
        g_ptr_array_add (out, g_strdup (reader->name->str));
      if (token_is_punct (after, ')'))
        {
          *k = i + 2;
          return TRUE;
        }
      if (!token_is_punct (after, ','))
        return FALSE;
    }
  return FALSE;
}

/* Whether @token starts a column constraint. */
static gboolean
is_column_constraint (const CardinalSqlToken *token)
{
  static const char * const words[] = {
    "CONSTRAINT", "PRIMARY", "NOT", "NULL", "UNIQUE", "CHECK", "DEFAULT", "COLLATE",
    "REFERENCES", "GENERATED", "AS",
  };

  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    if (token_is_word (token, words[i], strlen (words[i])))
      return TRUE;
  return FALSE;
}

/* A foreign key clause as SQLite's grammar has it, from tokens[@at]:
 * [FOREIGN KEY (columns)] REFERENCES table [(columns)] followed by any of
 * ON DELETE|UPDATE|INSERT action, MATCH name, [NOT] DEFERRABLE [INITIALLY
 * DEFERRED|IMMEDIATE]. @column is the column of a column constraint, NULL
 * for a table constraint. Adds the foreign key to the table and returns the
 * position after the clause, or 0 when the clause is anything else. */
static guint
read_foreign_key (Reader         *reader,
                  TableEntry     *entry,
                  guint           at,
                  CardinalColumn *column,
                  const char     *name)
{
  TokenList *tokens = &reader->tokens;
  GPtrArray *columns = reader->fk_columns;
  GPtrArray *ref_columns = reader->fk_ref_columns;
  const CardinalSqlToken *token;
  CardinalOnDelete on_delete = CARDINAL_ON_DELETE_NO_ACTION;
  CardinalOnUpdate on_update = CARDINAL_ON_DELETE_NO_ACTION;
  CardinalForeignKey *fk;
  g_autofree char *ref_table = NULL;
  guint k = at;

  /* What a clause given up on left behind. */
  g_ptr_array_set_size (columns, 0);
  g_ptr_array_set_size (ref_columns, 0);
  if (column != NULL)
    g_ptr_array_add (columns, g_strdup (column->name));
  else
    {
      k += 3;
      if (WORD_AT (tokens, at + 1, "KEY") == NULL || !read_name_list (reader, entry->table, &k, columns))
        return 0;
    }
  if (WORD_AT (tokens, k, "REFERENCES") == NULL)
    return 0;
  token = token_at (tokens, ++k);
  if (token == NULL || (token->kind != CARDINAL_SQL_TOKEN_WORD && token->kind != CARDINAL_SQL_TOKEN_QUOTED))
    return 0;
  set_token_name (reader->name, token);
  ref_table = g_strdup (reader->name->str);
  k++;
  token = token_at (tokens, k);
  if (token != NULL && token_is_punct (token, '('))
    {
      k++;
      if (!read_name_list (reader, NULL, &k, ref_columns) || ref_columns->len != columns->len)
        return 0;
    }

  while ((token = token_at (tokens, k)) != NULL)
    {
      if (IS_WORD (token, "ON") && (WORD_AT (tokens, k + 1, "DELETE") != NULL
                                    || WORD_AT (tokens, k + 1, "UPDATE") != NULL
                                    || WORD_AT (tokens, k + 1, "INSERT") != NULL))
        {
          gboolean is_delete = WORD_AT (tokens, k + 1, "DELETE") != NULL;
          gboolean is_update = WORD_AT (tokens, k + 1, "UPDATE") != NULL;
          CardinalOnDelete action = CARDINAL_ON_DELETE_NO_ACTION;

          k += 2;
          if (WORD_AT (tokens, k, "SET") != NULL && WORD_AT (tokens, k + 1, "NULL") != NULL)
            {
              action = CARDINAL_ON_DELETE_SET_NULL;
              k += 2;
            }
          else if (WORD_AT (tokens, k, "SET") != NULL && WORD_AT (tokens, k + 1, "DEFAULT") != NULL)
            {
              action = CARDINAL_ON_DELETE_SET_DEFAULT;
              k += 2;
            }
          else if (WORD_AT (tokens, k, "CASCADE") != NULL)
            {
              action = CARDINAL_ON_DELETE_CASCADE;
              k++;
            }
          else if (WORD_AT (tokens, k, "RESTRICT") != NULL)
            {
              action = CARDINAL_ON_DELETE_RESTRICT;
              k++;
            }
          else if (WORD_AT (tokens, k, "NO") != NULL && WORD_AT (tokens, k + 1, "ACTION") != NULL)
            k += 2;
          else
            return 0;
          if (is_delete)
            on_delete = action;
          else if (is_update)
            on_update = action;
        }
      else if (IS_WORD (token, "MATCH") && k + 1 < tokens->len)
        {
          /* SQLite parses MATCH and ignores it; FULL is the one the model keeps. */
          if (WORD_AT (tokens, k + 1, "FULL") != NULL)
            reader->fk_text.match_full = TRUE;
          else if (WORD_AT (tokens, k + 1, "SIMPLE") == NULL)
            cardinal_reflect_note (reader->notes, "table \"%s\": MATCH %.*s of a foreign key not kept",
                                   entry->table->name, (int) tokens->data[k + 1].length,
                                   tokens->data[k + 1].start);
          k += 2;
        }
      else if (IS_WORD (token, "DEFERRABLE")
               || (IS_WORD (token, "NOT") && WORD_AT (tokens, k + 1, "DEFERRABLE") != NULL))
        {
          gboolean deferrable = IS_WORD (token, "DEFERRABLE");

          k += deferrable ? 1 : 2;
          reader->fk_text.deferrable = deferrable;
          reader->fk_text.initially_deferred = FALSE;
          if (WORD_AT (tokens, k, "INITIALLY") != NULL)
            {
              if (WORD_AT (tokens, k + 1, "DEFERRED") == NULL && WORD_AT (tokens, k + 1, "IMMEDIATE") == NULL)
                return 0;
              /* NOT DEFERRABLE INITIALLY DEFERRED is SQLite's way of saying immediate. */
              reader->fk_text.initially_deferred = deferrable && WORD_AT (tokens, k + 1, "DEFERRED") != NULL;
              k += 2;
            }
        }
      else
        break;
    }
  /* A table constraint ends with the clause; a column's next constraint
   * starts with one of its words. */
  if (token != NULL)
    {
      gboolean known = FALSE;

      if (column == NULL)
        return 0;
      known = is_column_constraint (token);
      if (!known)
        return 0;
    }

  fk = g_new0 (CardinalForeignKey, 1);
  fk->name = g_strdup (name != NULL ? name : "");
  fk->columns = steal_strv (columns);
  fk->ref_table = g_steal_pointer (&ref_table);
  fk->ref_columns = steal_strv (ref_columns);
  fk->on_delete = on_delete;
  fk->on_update = on_update;
  fk->deferrable = reader->fk_text.deferrable;
  fk->initially_deferred = reader->fk_text.initially_deferred;
  fk->match_full = reader->fk_text.match_full;
  g_ptr_array_add (entry->table->foreign_keys, fk);
  return k;
}

/* The text of tokens[@open] (an opening parenthesis) through its closing one,
 * parentheses included; *@close is where it closes. NULL when unbalanced. */
static char *
parenthesized_whole (TokenList *tokens,
                     guint      open,
                     guint     *close)
{
  const char *start = tokens->data[open].start;

  if (!find_close (tokens, open, close))
    return NULL;
  return g_strndup (start, (gsize) (tokens->data[*close].start + 1 - start));
}

/* The lower-cased columns of a FOREIGN KEY (…) list opening at tokens[@open]
 * into reader->key. */
static void
set_fk_key (Reader *reader,
            guint   open)
{
  TokenList *tokens = &reader->tokens;

  g_string_truncate (reader->key, 0);
  for (guint k = open + 1; k < tokens->len; k++)
    {
      const CardinalSqlToken *name = &tokens->data[k];

      if (token_is_punct (name, ')'))
        break;
      if (token_is_punct (name, ','))
        continue;
      set_token_name (reader->name, name);
      if (reader->key->len > 0)
        g_string_append_c (reader->key, '\x1f');
      append_folded (reader->key, reader->name->str, (gssize) reader->name->len);
    }
}

/* A PRIMARY KEY or UNIQUE column list, opening at tokens[@open], whose
 * columns carry COLLATE or a sort order: the model's keys are plain
 * columns, so that is a note. */
static void
note_key_options (Reader     *reader,
                  TableEntry *entry,
                  guint       open,
                  const char *what)
{
  TokenList *tokens = &reader->tokens;
  int depth = 0;

  for (guint k = open; k < tokens->len; k++)
    {
      const CardinalSqlToken *token = &tokens->data[k];

      if (token_is_punct (token, '('))
        depth++;
      else if (token_is_punct (token, ')') && --depth == 0)
        return;
      else if (depth == 1 && (IS_WORD (token, "COLLATE") || IS_WORD (token, "DESC")))
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": %s: COLLATE and DESC of its columns not kept",
                                 entry->table->name, what);
          return;
        }
    }
}

/* The type info of @declared, made on first use. */
static TypeInfo *
type_info (Reader     *reader,
           const char *declared)
{
  TypeInfo *info = g_hash_table_lookup (reader->types, declared);

  if (info == NULL)
    {
      g_autofree char *spelled = NULL;

      info = g_new0 (TypeInfo, 1);
      info->mapped = cardinal_reflect_map_type (declared);
      spelled = cardinal_type_to_sql (info->mapped, CARDINAL_DIALECT_SQLITE);
      info->keep_declared = strcmp (spelled, declared) != 0;
      g_hash_table_insert (reader->types, g_strdup (declared), info);
    }
  return info;
}

/* SQLite upper-cases a declared type that is exactly one of STRICT's names
 * (int, integer, real, text, blob, any) before its pragmas show it: the
 * text has it as written. tokens[1] is the type's first token. */
static void
restore_type_case (Reader         *reader,
                   CardinalColumn *column)
{
  static const char * const names[] = { "INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY" };
  TokenList *tokens = &reader->tokens;
  const CardinalSqlToken *type;
  gboolean upper = TRUE, standard = FALSE;

  if (tokens->len < 2 || tokens->data[1].kind != CARDINAL_SQL_TOKEN_WORD
      || (tokens->len > 2 && !is_column_constraint (&tokens->data[2])))
    return;
  type = &tokens->data[1];
  for (gsize i = 0; i < type->length && upper; i++)
    upper = !g_ascii_islower (type->start[i]);
  for (guint i = 0; i < G_N_ELEMENTS (names) && !upper && !standard; i++)
    standard = token_is_word (type, names[i], strlen (names[i]));
  if (standard)
    {
      g_autofree char *declared = g_strndup (type->start, type->length);
      TypeInfo *info = type_info (reader, declared);

      g_free (column->type);
      column->type = g_strdup (info->mapped);
      g_free (column->sql_type);
      column->sql_type = info->keep_declared ? g_strdup (declared) : NULL;
    }
}

/* One column definition or table constraint: CHECK expressions and the
 * names of constraints, foreign key clauses, AUTOINCREMENT, UNIQUE, a
 * column's COLLATE, generated expression and parenthesized DEFAULT.
 * @column_name is the column the item defines (NULL for a table
 * constraint), @column that column when the table has it. */
static void
read_item (Reader         *reader,
           TableEntry     *entry,
           const char     *column_name,
           CardinalColumn *column)
{
  TokenList *tokens = &reader->tokens;
  CardinalTable *table = entry->table;
  g_autofree char *pending_name = NULL;
  int depth = 0;

  if (column != NULL)
    restore_type_case (reader, column);
  for (guint i = column_name != NULL ? 1 : 0; i < tokens->len; i++)
    {
      const CardinalSqlToken *token = &tokens->data[i];
      const CardinalSqlToken *next = token_at (tokens, i + 1);

      if (token->kind == CARDINAL_SQL_TOKEN_PUNCT)
        {
          if (token->start[0] == '(')
            depth++;
          else if (token->start[0] == ')')
            depth--;
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      if (IS_WORD (token, "CONSTRAINT") && next != NULL)
        {
          g_free (pending_name);
          set_token_name (reader->name, next);
          pending_name = g_strndup (reader->name->str, reader->name->len);
          i++;
          continue;
        }
      if (IS_WORD (token, "CHECK") && next != NULL && token_is_punct (next, '('))
        {
          guint close = i + 1;
          char *expression = parenthesized (tokens, i + 1, &close);

          if (expression != NULL)
            {
              g_ptr_array_add (table->checks, cardinal_check_new (pending_name, expression));
              g_free (expression);
            }
          else
            depth++;
          i = close;
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      if (depth == 0 && column != NULL && next != NULL && token_is_punct (next, '(')
          && (IS_WORD (token, "DEFAULT") || IS_WORD (token, "AS")))
        {
          guint close = i + 1;

          /* SQLite's dflt_value drops the parentheses of DEFAULT (1 + 2),
           * and only the text has a generated column's expression. */
          if (IS_WORD (token, "DEFAULT"))
            {
              char *whole = parenthesized_whole (tokens, i + 1, &close);

              if (whole != NULL)
                {
                  g_free (column->default_value);
                  column->default_value = whole;
                }
            }
          else if (column->generated != NULL)
            {
              char *expression = parenthesized (tokens, i + 1, &close);

              if (expression != NULL)
                {
                  g_free (column->generated);
                  column->generated = expression;
                }
            }
          if (close > i + 1)
            {
              i = close;
              g_clear_pointer (&pending_name, g_free);
              continue;
            }
        }
      if (depth == 0 && column != NULL && IS_WORD (token, "COLLATE") && next != NULL
          && next->kind != CARDINAL_SQL_TOKEN_PUNCT)
        {
          set_token_name (reader->name, next);
          g_free (column->collation);
          column->collation = g_strndup (reader->name->str, reader->name->len);
          i++;
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      if (depth == 0 && IS_WORD (token, "ON") && next != NULL && IS_WORD (next, "CONFLICT") && i + 2 < tokens->len)
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": ON CONFLICT %.*s not kept", table->name,
                                 (int) tokens->data[i + 2].length, tokens->data[i + 2].start);
          i += 2;
          continue;
        }
      if (IS_WORD (token, "AUTOINCREMENT") && column != NULL && table->primary_key[0] != NULL
          && table->primary_key[1] == NULL && strcmp (table->primary_key[0], column->name) == 0)
        column->autoincrement = TRUE;
      if (IS_WORD (token, "FOREIGN") && i + 2 < tokens->len
          && token_is_punct (&tokens->data[i + 2], '('))
        {
          guint end;

          memset (&reader->fk_text, 0, sizeof reader->fk_text);
          end = depth == 0 ? read_foreign_key (reader, entry, i, NULL, pending_name) : 0;
          if (end == 0)
            entry->fk_from_sqlite = TRUE;
          set_fk_key (reader, i + 2);
          add_fk_text (reader, entry, reader->key->str, g_steal_pointer (&pending_name));
          if (end > 0)
            i = end - 1;
          continue;
        }
      if (IS_WORD (token, "REFERENCES"))
        {
          guint end;

          memset (&reader->fk_text, 0, sizeof reader->fk_text);
          end = depth == 0 && column != NULL ? read_foreign_key (reader, entry, i, column, pending_name) : 0;
          if (end == 0)
            entry->fk_from_sqlite = TRUE;
          if (column_name != NULL)
            {
              g_string_truncate (reader->key, 0);
              append_folded (reader->key, column_name, -1);
              add_fk_text (reader, entry, reader->key->str, g_steal_pointer (&pending_name));
            }
          if (end > 0)
            {
              i = end - 1;
              continue;
            }
          if (column_name != NULL)
            continue;
        }
      if (depth == 0 && IS_WORD (token, "UNIQUE"))
        {
          if (column_name != NULL)
            add_unique (reader, entry, 0, column_name, pending_name);
          else if (next != NULL && token_is_punct (next, '('))
            {
              add_unique (reader, entry, i + 1, NULL, pending_name);
              note_key_options (reader, entry, i + 1, "UNIQUE");
            }
        }
      else if (depth == 0 && IS_WORD (token, "PRIMARY"))
        {
          if (pending_name != NULL)
            {
              g_free (table->primary_key_name);
              table->primary_key_name = g_strdup (pending_name);
            }
          if (column_name == NULL && i + 2 < tokens->len && token_is_punct (&tokens->data[i + 2], '('))
            note_key_options (reader, entry, i + 2, "PRIMARY KEY");
          if (column_name != NULL && i + 2 < tokens->len && IS_WORD (&tokens->data[i + 2], "DESC"))
            {
              entry->pk_desc = TRUE;
              cardinal_reflect_note (reader->notes, "table \"%s\": PRIMARY KEY DESC read as PRIMARY KEY", table->name);
            }
        }
      /* A name belongs to the constraint that follows it directly. */
      if (pending_name != NULL && !IS_WORD (token, "PRIMARY") && !IS_WORD (token, "UNIQUE")
          && !IS_WORD (token, "NOT") && !IS_WORD (token, "DEFAULT"))
        g_clear_pointer (&pending_name, g_free);
    }
}

/* Whether the key of @table is an index of its own: every key but a rowid
 * alias (a single column declared INTEGER in a rowid table). */
static gboolean
has_key_index (TableEntry *entry)
{
  CardinalTable *table = entry->table;

  if (table->primary_key[0] == NULL)
    return FALSE;
  return table->primary_key[1] != NULL || !entry->pk_integer || entry->pk_desc || table->without_rowid;
}

/* The table options after the closing parenthesis: WITHOUT ROWID, STRICT. */
static void
read_table_options (Reader     *reader,
                    TableEntry *entry,
                    const char *rest)
{
  CardinalSqlToken token;

  for (cardinal_sql_lexer_next (&rest, CARDINAL_SQL_LEX_SQLITE, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&rest, CARDINAL_SQL_LEX_SQLITE, &token))
    if (IS_WORD (&token, "WITHOUT"))
      entry->table->without_rowid = TRUE;
    else if (IS_WORD (&token, "STRICT"))
      entry->table->strict = TRUE;
    else if (token.kind == CARDINAL_SQL_TOKEN_WORD && !IS_WORD (&token, "ROWID"))
      cardinal_reflect_note (reader->notes, "table \"%s\": table option %.*s not kept", entry->table->name,
                             (int) token.length, token.start);
}

/* The UNIQUE constraints as SQLite keeps them: one index per column list,
 * none where the key's own index already covers it. */
static void
finish_uniques (Reader     *reader,
                TableEntry *entry)
{
  CardinalTable *table = entry->table;
  g_autoptr(GPtrArray) kept = g_ptr_array_new ();

  if (reader->uniques->len == 0)
    return;
  if (has_key_index (entry))
    {
      g_string_truncate (reader->key, 0);
      for (guint i = 0; table->primary_key[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (reader->key, '\x1f');
          append_folded (reader->key, table->primary_key[i], -1);
          g_string_append_c (reader->key, '\x1e');
        }
      g_ptr_array_add (kept, reader->key->str);
    }
  for (guint i = 0; i < reader->uniques->len; i++)
    {
      UniqueCandidate *candidate = &g_array_index (reader->uniques, UniqueCandidate, i);
      gboolean duplicate = FALSE;

      for (guint k = 0; k < kept->len && !duplicate; k++)
        duplicate = strcmp (g_ptr_array_index (kept, k), candidate->key) == 0;
      if (duplicate)
        {
          g_autofree char *columns = g_strjoinv (", ", candidate->columns);

          cardinal_reflect_note (reader->notes, "table \"%s\": UNIQUE constraint %s%s%s(%s) repeats another one "
                                 "or the primary key (SQLite keeps no index for it); left out", table->name,
                                 candidate->name != NULL ? "\"" : "", candidate->name != NULL ? candidate->name : "",
                                 candidate->name != NULL ? "\" " : "", columns);
        }
      else
        {
          CardinalUnique *unique = cardinal_unique_new ((const char * const *) candidate->columns);

          unique->name = g_steal_pointer (&candidate->name);
          g_ptr_array_add (table->uniques, unique);
          g_ptr_array_add (kept, candidate->key);
        }
      g_clear_pointer (&candidate->columns, g_strfreev);
      g_clear_pointer (&candidate->name, g_free);
    }
  /* The keys go with the candidates. */
  g_array_set_size (reader->uniques, 0);
}

/* What SQLite keeps only as text, in one pass over it: comments (Cardinal
 * writes a table's after the opening parenthesis and a column's after its
 * definition and comma), CHECK expressions, foreign key names,
 * AUTOINCREMENT, and the UNIQUE constraints behind the automatic indexes. */
static void
read_create_text (Reader     *reader,
                  TableEntry *entry)
{
  CardinalTable *table = entry->table;
  TokenList *tokens = &reader->tokens;
  const char *p = entry->sql;
  CardinalSqlToken token;
  int depth = 0;
  /* Where a comment goes: the current item's column once the item has
   * begun, else the previous item's, else the table. */
  gboolean item_begun = FALSE, item_is_column = FALSE, have_previous = FALSE;
  char **item_slot = NULL, **previous_slot = NULL;
  CardinalColumn *item_column = NULL;
  guint n_column_items = 0;

  tokens->len = 0;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_SQLITE, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_SQLITE, &token))
    {
      gboolean item_ends = FALSE;

      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        {
          if (depth < 1)
            continue;
          if (item_begun)
            add_comment (item_slot, &token);
          else if (have_previous)
            add_comment (previous_slot, &token);
          else
            add_comment (&table->comment, &token);
          continue;
        }
      if (token.kind == CARDINAL_SQL_TOKEN_PUNCT && token.start[0] == '(')
        {
          if (depth++ == 0)
            continue;
        }
      else if (token.kind == CARDINAL_SQL_TOKEN_PUNCT && token.start[0] == ')')
        item_ends = --depth == 0;
      else if (depth == 1 && token.kind == CARDINAL_SQL_TOKEN_PUNCT && token.start[0] == ',')
        item_ends = TRUE;
      if (depth < 1 && !item_ends)
        continue;

      if (!item_ends)
        {
          if (!item_begun)
            {
              item_begun = TRUE;
              item_is_column = !(token.kind == CARDINAL_SQL_TOKEN_WORD
                                 && (IS_WORD (&token, "CONSTRAINT") || IS_WORD (&token, "PRIMARY")
                                     || IS_WORD (&token, "UNIQUE") || IS_WORD (&token, "CHECK")
                                     || IS_WORD (&token, "FOREIGN")));
              item_column = NULL;
              item_slot = NULL;
              if (item_is_column)
                {
                  set_token_name (reader->column_name, &token);
                  item_column = find_column (table, reader->column_name->str, n_column_items++);
                  if (item_column != NULL)
                    item_slot = &item_column->comment;
                }
            }
          token_list_push (tokens, &token);
          continue;
        }

      if (tokens->len > 0)
        read_item (reader, entry, item_is_column ? reader->column_name->str : NULL, item_column);
      tokens->len = 0;
      previous_slot = item_slot;
      have_previous = TRUE;
      item_begun = FALSE;
      item_slot = NULL;
      if (depth == 0)
        break;
    }
  read_table_options (reader, entry, p);
  finish_uniques (reader, entry);

  /* Foreign keys are SQLite's to say (which columns a bare REFERENCES t
   * means, how it reads each action): the text only gave their names and
   * deferral. */
  if (table->foreign_keys->len > 0)
    entry->fk_from_sqlite = TRUE;
  if (entry->fk_from_sqlite)
    g_ptr_array_set_size (table->foreign_keys, 0);

  /* A generated column whose expression the text did not give. */
  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (column->generated != NULL && column->generated[0] == '\0')
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": generated column \"%s\": expression not found; "
                                 "kept as a plain column", table->name, column->name);
          g_clear_pointer (&column->generated, g_free);
          column->generated_stored = FALSE;
        }
    }
}

/* Rows ------------------------------------------------------------------------ */

/* A virtual table: kept as its CREATE VIRTUAL TABLE statement, an SQL
 * object, since the model has no place for its module and arguments. */
typedef struct
{
  sqlite3_int64  rowid;
  char          *name;
  char          *sql;
} VirtualTable;

static void
virtual_table_clear (VirtualTable *table)
{
  g_free (table->name);
  g_free (table->sql);
}

typedef struct
{
  GArray *virtuals;   /* of VirtualTable, in rowid order */
} TableRows;

static gboolean
table_row (Reader        *reader,
           sqlite3_stmt  *stmt,
           gpointer       data,
           GError       **error)
{
  TableRows *rows = data;
  const char *sql = (const char *) sqlite3_column_text (stmt, 2);
  TableEntry entry = { 0 };

  if (sql == NULL)
    return TRUE;
  if (g_ascii_strncasecmp (sql, "CREATE VIRTUAL", 14) == 0)
    {
      VirtualTable table = { sqlite3_column_int64 (stmt, 0), g_strdup (text_column (stmt, 1)), g_strdup (sql) };

      g_array_append_val (rows->virtuals, table);
      return TRUE;
    }
  entry.rowid = sqlite3_column_int64 (stmt, 0);
  entry.table = cardinal_table_new (text_column (stmt, 1));
  /* Read once the columns are known. */
  entry.sql = g_strdup (sql);
  g_array_append_val (reader->entries, entry);
  return TRUE;
}

static gboolean
column_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            gpointer       data,
            GError       **error)
{
  TableEntry *entry = entry_for_rowid (reader, sqlite3_column_int64 (stmt, 0));
  CardinalTable *table;
  const char *name = text_column (stmt, 1);
  const char *declared = text_column (stmt, 2);
  const char *type;
  const char *sql_type = NULL;
  CardinalColumn *column;
  int pk = sqlite3_column_int (stmt, 5);
  int hidden = sqlite3_column_int (stmt, 6);

  if (entry == NULL)
    return TRUE;
  table = entry->table;

  if (declared[0] == '\0')
    {
      /* No declared type: "any" to the catalogue, and an empty sql_type so
       * that SQLite DDL declares none again (a column's affinity follows
       * its declared type). */
      type = "any";
      sql_type = "";
    }
  else
    {
      TypeInfo *info = type_info (reader, declared);

      type = info->mapped;
      if (info->keep_declared)
        sql_type = declared;
    }

  column = g_new0 (CardinalColumn, 1);
  column->name = g_strdup (name);
  column->type = g_strdup (type);
  column->sql_type = g_strdup (sql_type);
  column->comment = g_strdup ("");
  /* The expression comes from the CREATE TABLE text. */
  if (hidden == 2 || hidden == 3)
    {
      column->generated = g_strdup ("");
      column->generated_stored = hidden == 3;
    }
  /* As declared, key columns too: SQLite lets NULL into a key column that
   * does not say NOT NULL, and the DDL must say exactly what the source did. */
  column->nullable = sqlite3_column_int (stmt, 3) == 0;
  /* NULL for no default. */
  column->default_value = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  g_ptr_array_add (table->columns, column);

  if (pk > 0)
    {
      guint n = entry->pk_size;

      /* pk is the column's 1-based place in the key, and columns need not
       * come in key order: slots stay NULL until their column is read. */
      if ((guint) pk > n)
        {
          table->primary_key = g_renew (char *, table->primary_key, (gsize) pk + 1);
          for (guint i = n; i <= (guint) pk; i++)
            table->primary_key[i] = NULL;
          entry->pk_size = (guint) pk;
        }
      g_free (table->primary_key[pk - 1]);
      table->primary_key[pk - 1] = g_strdup (column->name);
      if (pk == 1)
        entry->pk_integer = g_ascii_strcasecmp (declared, "INTEGER") == 0;
    }
  return TRUE;
}

static CardinalOnDelete
action_from_string (const char *action)
{
  if (g_ascii_strcasecmp (action, "CASCADE") == 0)
    return CARDINAL_ON_DELETE_CASCADE;
  if (g_ascii_strcasecmp (action, "RESTRICT") == 0)
    return CARDINAL_ON_DELETE_RESTRICT;
  if (g_ascii_strcasecmp (action, "SET NULL") == 0)
    return CARDINAL_ON_DELETE_SET_NULL;
  if (g_ascii_strcasecmp (action, "SET DEFAULT") == 0)
    return CARDINAL_ON_DELETE_SET_DEFAULT;
  return CARDINAL_ON_DELETE_NO_ACTION;
}

typedef struct
{
  TableEntry         *entry;
  CardinalForeignKey *fk;     /* the one being filled */
  int                 id;
  GPtrArray          *columns;
  GPtrArray          *ref_columns;
  gboolean            ref_implicit;
} ForeignKeyRows;

static void
foreign_key_flush (Reader         *reader,
                   ForeignKeyRows *rows)
{
  CardinalForeignKey *fk = rows->fk;
  GArray *texts;

  if (fk == NULL)
    return;
  texts = rows->entry->fk_texts;
  g_ptr_array_add (rows->columns, NULL);
  g_ptr_array_add (rows->ref_columns, NULL);
  fk->columns = (GStrv) g_ptr_array_free (rows->columns, FALSE);
  fk->ref_columns = (GStrv) g_ptr_array_free (rows->ref_columns, FALSE);
  rows->columns = rows->ref_columns = NULL;
  if (rows->ref_implicit)
    {
      g_strfreev (fk->ref_columns);
      fk->ref_columns = g_new0 (char *, 1);
    }

  /* The clause in the text with the same columns; SQLite lists the last
   * declared first, so should two have the same columns, from the end. */
  if (texts != NULL)
    {
      g_string_truncate (reader->key, 0);
      for (guint i = 0; fk->columns[i] != NULL; i++)
        {
          if (i > 0)
            g_string_append_c (reader->key, '\x1f');
          append_folded (reader->key, fk->columns[i], -1);
        }
      for (guint i = texts->len; i-- > 0;)
        {
          FkText *text = &g_array_index (texts, FkText, i);

          if (text->used || strcmp (text->key, reader->key->str) != 0)
            continue;
          text->used = TRUE;
          fk->name = g_strdup (text->name);
          fk->deferrable = text->deferrable;
          fk->initially_deferred = text->initially_deferred;
          fk->match_full = text->match_full;
          break;
        }
    }
  if (fk->name == NULL)
    fk->name = g_strdup ("");
  g_ptr_array_add (rows->entry->table->foreign_keys, fk);
  rows->fk = NULL;
}

/* The foreign keys of a table whose text the reader does not settle, as
 * SQLite's own parser read them. */
static gboolean
foreign_keys_from_sqlite (Reader      *reader,
                          TableEntry  *entry,
                          GError     **error)
{
  ForeignKeyRows rows = { entry, NULL, -1, NULL, NULL, FALSE };
  sqlite3_stmt *stmt;
  guint n;
  int rc;

  if (reader->foreign_keys == NULL
      && sqlite3_prepare_v2 (reader->db, foreign_keys_query, -1, &reader->foreign_keys, NULL) != SQLITE_OK)
    {
      set_query_error (reader, error);
      return FALSE;
    }
  stmt = reader->foreign_keys;
  sqlite3_reset (stmt);
  sqlite3_bind_text (stmt, 1, entry->table->name, -1, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int id = sqlite3_column_int (stmt, 0);

      if (rows.fk == NULL || id != rows.id)
        {
          foreign_key_flush (reader, &rows);
          rows.id = id;
          rows.fk = g_new0 (CardinalForeignKey, 1);
          rows.fk->ref_table = g_strdup (text_column (stmt, 1));
          rows.fk->on_update = action_from_string (text_column (stmt, 4));
          rows.fk->on_delete = action_from_string (text_column (stmt, 5));
          rows.columns = g_ptr_array_new_with_free_func (g_free);
          rows.ref_columns = g_ptr_array_new_with_free_func (g_free);
          rows.ref_implicit = FALSE;
        }
      g_ptr_array_add (rows.columns, g_strdup (text_column (stmt, 2)));
      if (sqlite3_column_type (stmt, 3) == SQLITE_NULL)
        rows.ref_implicit = TRUE;
      g_ptr_array_add (rows.ref_columns, g_strdup (text_column (stmt, 3)));
    }
  sqlite3_reset (stmt);
  if (rc != SQLITE_DONE)
    {
      set_query_error (reader, error);
      if (rows.fk != NULL)
        {
          cardinal_foreign_key_free (rows.fk);
          g_ptr_array_free (rows.columns, TRUE);
          g_ptr_array_free (rows.ref_columns, TRUE);
        }
      return FALSE;
    }
  foreign_key_flush (reader, &rows);

  /* SQLite numbers foreign keys from the last one declared. */
  n = entry->table->foreign_keys->len;
  for (guint k = 0; k < n / 2; k++)
    {
      gpointer swap = entry->table->foreign_keys->pdata[k];

      entry->table->foreign_keys->pdata[k] = entry->table->foreign_keys->pdata[n - 1 - k];
      entry->table->foreign_keys->pdata[n - 1 - k] = swap;
    }
  return TRUE;
}

/* The text from tokens[@first] through tokens[@last], as written. */
static char *
token_span (TokenList *tokens,
            guint      first,
            guint      last)
{
  const CardinalSqlToken *a = &tokens->data[first];
  const CardinalSqlToken *b = &tokens->data[last];

  return g_strndup (a->start, (gsize) (b->start + b->length - a->start));
}

/* One key of an index, tokens[@start, @end): "column" or "expression",
 * then [COLLATE name] [ASC|DESC]. Adds it to @index's columns (in
 * @columns) and keys (in @keys). FALSE for an empty key. */
static gboolean
read_index_key (Reader        *reader,
                CardinalTable *table,
                guint          start,
                guint          end,
                GPtrArray     *columns,
                GPtrArray     *keys,
                gboolean      *plain)
{
  TokenList *tokens = &reader->tokens;
  CardinalIndexKey *key = g_new0 (CardinalIndexKey, 1);
  CardinalColumn *column = NULL;

  if (end > start && (IS_WORD (&tokens->data[end - 1], "ASC") || IS_WORD (&tokens->data[end - 1], "DESC")))
    {
      key->descending = IS_WORD (&tokens->data[end - 1], "DESC");
      end--;
    }
  if (end >= start + 3 && IS_WORD (&tokens->data[end - 2], "COLLATE"))
    {
      set_token_name (reader->name, &tokens->data[end - 1]);
      key->collation = g_strndup (reader->name->str, reader->name->len);
      end -= 2;
    }
  if (end <= start)
    {
      cardinal_index_key_free (key);
      return FALSE;
    }
  if (end == start + 1 && (tokens->data[start].kind == CARDINAL_SQL_TOKEN_QUOTED
                           || (tokens->data[start].kind == CARDINAL_SQL_TOKEN_WORD
                               && !g_ascii_isdigit (tokens->data[start].start[0]))))
    {
      set_token_name (reader->name, &tokens->data[start]);
      column = find_column (table, reader->name->str, G_MAXUINT);
    }
  if (column != NULL)
    {
      key->column = g_strdup (column->name);
      g_ptr_array_add (columns, g_strdup (column->name));
    }
  else
    {
      key->expression = token_span (tokens, start, end - 1);
      g_ptr_array_add (columns, g_strdup (""));
    }
  if (key->expression != NULL || key->collation != NULL || key->descending)
    *plain = FALSE;
  g_ptr_array_add (keys, key);
  return TRUE;
}

/* An index from the text SQLite stores for it: "CREATE [UNIQUE] INDEX name
 * ON table (key, …) [WHERE predicate]", each key a column or an expression
 * with its COLLATE and ASC/DESC, as written. NULL when the text is not that
 * shape. */
static CardinalIndex *
read_index_text (Reader        *reader,
                 CardinalTable *table,
                 const char    *name,
                 const char    *sql)
{
  TokenList *tokens = &reader->tokens;
  CardinalSqlToken token;
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = cardinal_index_key_array_new ();
  g_autoptr(CardinalIndex) index = NULL;
  gboolean plain = TRUE, closed = FALSE;
  int depth = 0;
  guint i = 0, element;

  tokens->len = 0;
  for (cardinal_sql_lexer_next (&sql, CARDINAL_SQL_LEX_SQLITE, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&sql, CARDINAL_SQL_LEX_SQLITE, &token))
    if (token.kind != CARDINAL_SQL_TOKEN_COMMENT)
      token_list_push (tokens, &token);

  while (i < tokens->len && !token_is_punct (&tokens->data[i], '('))
    i++;
  element = ++i;
  for (; i < tokens->len; i++)
    {
      const CardinalSqlToken *t = &tokens->data[i];
      gboolean ends = FALSE;

      if (token_is_punct (t, '('))
        depth++;
      else if (token_is_punct (t, ')'))
        ends = depth-- == 0;
      else if (depth == 0 && token_is_punct (t, ','))
        ends = TRUE;
      if (ends)
        {
          if (!read_index_key (reader, table, element, i, columns, keys, &plain))
            return NULL;
          element = i + 1;
        }
      if (depth < 0)
        {
          closed = TRUE;
          break;
        }
    }
  if (!closed || columns->len == 0)
    return NULL;

  g_ptr_array_add (columns, NULL);
  index = g_new0 (CardinalIndex, 1);
  index->name = g_strdup (name);
  index->unique = tokens->len > 1 && IS_WORD (&tokens->data[1], "UNIQUE");
  index->columns = (GStrv) g_ptr_array_steal (columns, NULL);
  if (!plain)
    index->keys = g_steal_pointer (&keys);

  /* After the key list, only a WHERE. */
  if (++i < tokens->len)
    {
      if (!IS_WORD (&tokens->data[i], "WHERE") || i + 1 >= tokens->len)
        return NULL;
      index->where = token_span (tokens, i + 1, tokens->len - 1);
    }
  return g_steal_pointer (&index);
}

/* The stored text of a view or trigger as one statement: without a
 * closing semicolon or trailing space. */
static char *
statement_text (const char *sql)
{
  gsize length = strlen (sql);

  while (length > 0 && (g_ascii_isspace (sql[length - 1]) || sql[length - 1] == ';'))
    length--;
  return g_strndup (sql, length);
}

typedef struct
{
  CardinalSchema *schema;
  GPtrArray      *views;    /* of CardinalSqlObject, borrowed from schema->objects */
  GArray         *virtuals; /* of VirtualTable, in rowid order */
  guint           next_virtual;
} ObjectRows;

/* The virtual tables made before @rowid, as SQL objects in their place. */
static void
add_virtual_tables (ObjectRows    *rows,
                    sqlite3_int64  rowid)
{
  while (rows->next_virtual < rows->virtuals->len)
    {
      VirtualTable *table = &g_array_index (rows->virtuals, VirtualTable, rows->next_virtual);
      g_autofree char *text = NULL;

      if (table->rowid > rowid)
        break;
      text = statement_text (table->sql);
      g_ptr_array_add (rows->schema->objects,
                       cardinal_sql_object_new (table->name, "statement", CARDINAL_DIALECT_SQLITE, text));
      rows->next_virtual++;
    }
}

static gboolean
object_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            gpointer       data,
            GError       **error)
{
  ObjectRows *rows = data;
  const char *type = text_column (stmt, 0);
  const char *table_name = text_column (stmt, 1);
  const char *name = text_column (stmt, 2);
  const char *sql = text_column (stmt, 3);

  if (strcmp (type, "index") == 0)
    {
      CardinalTable *table = g_hash_table_lookup (reader->tables, table_name);
      CardinalIndex *index;

      if (table == NULL)
        return TRUE;
      index = read_index_text (reader, table, name, sql);
      if (index == NULL)
        cardinal_reflect_note (reader->notes, "table \"%s\": index \"%s\" skipped: its text is not understood",
                               table->name, name);
      else
        g_ptr_array_add (table->indexes, index);
    }
  else
    {
      g_autofree char *text = statement_text (sql);
      CardinalSqlObject *object = cardinal_sql_object_new (name, type, CARDINAL_DIALECT_SQLITE, text);

      add_virtual_tables (rows, sqlite3_column_int64 (stmt, 4));
      if (strcmp (type, "trigger") == 0)
        {
          object->depends_on = g_new0 (char *, 2);
          object->depends_on[0] = g_strdup (table_name);
        }
      else
        g_ptr_array_add (rows->views, object);
      g_ptr_array_add (rows->schema->objects, object);
    }
  return TRUE;
}

typedef struct
{
  const char *view;
  GPtrArray  *names;   /* of char *, each once */
} ViewReads;

static void
add_dependency (GPtrArray  *names,
                const char *name)
{
  if (name == NULL || g_str_has_prefix (name, "sqlite_"))
    return;
  for (guint i = 0; i < names->len; i++)
    if (strcmp (g_ptr_array_index (names, i), name) == 0)
      return;
  g_ptr_array_add (names, g_strdup (name));
}

/* SQLite's authorizer sees every table a statement reads and, as the fourth
 * argument, the view a read happens in: the tables and views a view needs. */
static int
collect_reads (void       *data,
               int         action,
               const char *table,
               const char *column,
               const char *database,
               const char *within)
{
  ViewReads *reads = data;

  if (action == SQLITE_READ)
    {
      /* The outer SELECT reads the view itself. */
      if (within != NULL && strcmp (within, reads->view) != 0)
        add_dependency (reads->names, within);
      if (table != NULL && strcmp (table, reads->view) != 0)
        add_dependency (reads->names, table);
    }
  return SQLITE_OK;
}

/* depends_on of each view: what preparing a SELECT from it reads. */
static void
find_view_dependencies (Reader    *reader,
                        GPtrArray *views)
{
  GString *select = g_string_new (NULL);

  for (guint i = 0; i < views->len; i++)
    {
      CardinalSqlObject *view = g_ptr_array_index (views, i);
      g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
      ViewReads reads = { view->name, names };
      sqlite3_stmt *stmt = NULL;

      g_string_assign (select, "SELECT * FROM ");
      cardinal_identifier_append_quoted (select, view->name);
      sqlite3_set_authorizer (reader->db, collect_reads, &reads);
      if (sqlite3_prepare_v2 (reader->db, select->str, -1, &stmt, NULL) == SQLITE_OK && names->len > 0)
        {
          g_ptr_array_add (names, NULL);
          view->depends_on = (GStrv) g_ptr_array_steal (names, NULL);
        }
      else if (stmt == NULL)
        cardinal_reflect_note (reader->notes, "view \"%s\": its tables are not known: %s",
                               view->name, sqlite3_errmsg (reader->db));
      sqlite3_finalize (stmt);
    }
  sqlite3_set_authorizer (reader->db, NULL, NULL);
  g_string_free (select, TRUE);
}

/* Reading ------------------------------------------------------------------- */

static int
compare_entries (gconstpointer a,
                 gconstpointer b)
{
  const TableEntry *ea = a;
  const TableEntry *eb = b;

  return ea->rowid < eb->rowid ? -1 : ea->rowid > eb->rowid;
}

/* A non-zero user_version or application_id as the PRAGMA that sets it, an
 * SQL object ahead of the others. */
static gboolean
header_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            gpointer       data,
            GError       **error)
{
  CardinalSchema *schema = data;
  static const char * const names[] = { "application_id", "user_version" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      sqlite3_int64 value = sqlite3_column_int64 (stmt, i == 0 ? 1 : 0);
      g_autofree char *sql = NULL;

      if (value == 0)
        continue;
      sql = g_strdup_printf ("PRAGMA %s = %" G_GINT64_FORMAT, names[i], (gint64) value);
      g_ptr_array_insert (schema->objects, 0,
                          cardinal_sql_object_new (names[i], "statement", CARDINAL_DIALECT_SQLITE, sql));
    }
  return TRUE;
}

static gboolean
shadow_row (Reader        *reader,
            sqlite3_stmt  *stmt,
            gpointer       data,
            GError       **error)
{
  g_hash_table_add (data, g_strdup (text_column (stmt, 0)));
  return TRUE;
}

/* Leaves out the tables a virtual table keeps its data in (an FTS5 table's
 * _data, _idx…): its CREATE VIRTUAL TABLE makes them again. */
static void
drop_shadow_tables (Reader       *reader,
                    GCancellable *cancellable)
{
  g_autoptr(GHashTable) shadows = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GError) local_error = NULL;

  /* SQLite before 3.37 has no table_list, and a module it lacks can make it
   * fail: the shadow tables are then read as tables. */
  if (!run_query (reader, shadow_query, shadow_row, shadows, cancellable, &local_error))
    return;
  for (guint i = reader->entries->len; i-- > 0;)
    {
      TableEntry *entry = &g_array_index (reader->entries, TableEntry, i);

      if (g_hash_table_contains (shadows, entry->table->name))
        {
          cardinal_reflect_note (reader->notes, "table \"%s\" left out: a virtual table keeps its data there "
                                 "and makes it itself", entry->table->name);
          g_array_remove_index (reader->entries, i);
        }
    }
}

static void
table_entry_clear (TableEntry *entry)
{
  g_clear_pointer (&entry->sql, g_free);
  g_clear_pointer (&entry->fk_texts, g_array_unref);
  /* Tables not yet handed to the schema. */
  g_clear_pointer (&entry->table, cardinal_table_free);
}

static void
unique_candidate_clear (UniqueCandidate *candidate)
{
  g_free (candidate->key);
  g_strfreev (candidate->columns);
  g_free (candidate->name);
}

/* The connection's page cache size in KiB (negative) or pages, to restore. */
static int
cache_size (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int size = 0;

  if (sqlite3_prepare_v2 (db, "PRAGMA cache_size", -1, &stmt, NULL) == SQLITE_OK
      && sqlite3_step (stmt) == SQLITE_ROW)
    size = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return size;
}

static void
set_cache_size (sqlite3 *db,
                int      size)
{
  g_autofree char *pragma = g_strdup_printf ("PRAGMA cache_size = %d", size);

  sqlite3_exec (db, pragma, NULL, NULL, NULL);
}

static CardinalSchema *
read_schema (Reader        *reader,
             GCancellable  *cancellable,
             GError       **error)
{
  g_autoptr(CardinalSchema) schema = cardinal_schema_new ("main");
  g_autoptr(GArray) virtuals = g_array_new (FALSE, FALSE, sizeof (VirtualTable));
  g_autoptr(GPtrArray) views = g_ptr_array_new ();
  TableRows table_rows = { virtuals };
  ObjectRows object_rows = { schema, views, virtuals, 0 };

  g_array_set_clear_func (virtuals, (GDestroyNotify) virtual_table_clear);
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_SQLITE;

  if (!run_query (reader, tables_query, table_row, &table_rows, cancellable, error))
    return NULL;
  g_array_sort (reader->entries, compare_entries);
  if (virtuals->len > 0)
    drop_shadow_tables (reader, cancellable);
  if (reader->entries->len == 0 && virtuals->len == 0)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                   "%s: the database has no tables", reader->display_name);
      return NULL;
    }
  for (guint i = 0; i < virtuals->len; i++)
    cardinal_reflect_note (reader->notes, "virtual table \"%s\" kept as its CREATE VIRTUAL TABLE statement "
                           "(an SQL object, not a table)", g_array_index (virtuals, VirtualTable, i).name);

  reader->cursor = 0;
  if (!run_query (reader, virtuals->len > 0 ? columns_query_virtual : columns_query,
                  column_row, NULL, cancellable, error))
    return NULL;

  for (guint i = 0; i < reader->entries->len; i++)
    read_create_text (reader, &g_array_index (reader->entries, TableEntry, i));

  /* Tables go to the schema (which owns them from now on) and are found
   * by name for the indexes. */
  for (guint i = 0; i < reader->entries->len; i++)
    {
      TableEntry *entry = &g_array_index (reader->entries, TableEntry, i);
      CardinalTable *table;

      if (entry->fk_from_sqlite && !foreign_keys_from_sqlite (reader, entry, error))
        return NULL;
      table = g_steal_pointer (&entry->table);
      g_ptr_array_add (schema->tables, table);
      g_hash_table_insert (reader->tables, table->name, table);
    }

  if (!run_query (reader, objects_query, object_row, &object_rows, cancellable, error))
    return NULL;
  add_virtual_tables (&object_rows, G_MAXINT64);
  find_view_dependencies (reader, views);
  if (!run_query (reader, header_query, header_row, schema, cancellable, error))
    return NULL;

  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}

CardinalSchema *
cardinal_reflect_sqlite_internal (sqlite3       *db,
                                  const char    *display_name,
                                  GPtrArray     *notes,
                                  GCancellable  *cancellable,
                                  GError       **error)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (TableEntry));
  g_autoptr(GHashTable) tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, type_info_free);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GString) column_name = g_string_new (NULL);
  g_autoptr(GString) key = g_string_new (NULL);
  g_autoptr(GArray) uniques = g_array_new (FALSE, FALSE, sizeof (UniqueCandidate));
  g_autoptr(GPtrArray) fk_columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) fk_ref_columns = g_ptr_array_new_with_free_func (g_free);
  Reader reader = { db, display_name != NULL && display_name[0] != '\0' ? display_name : "SQLite database",
                    notes, entries, 0, tables, types, { NULL, 0, 0 }, name, column_name, key, uniques,
                    fk_columns, fk_ref_columns, NULL, { NULL, NULL, FALSE, FALSE, FALSE, FALSE } };
  CardinalSchema *schema;
  int old_cache_size;

  g_array_set_clear_func (entries, (GDestroyNotify) table_entry_clear);
  g_array_set_clear_func (uniques, (GDestroyNotify) unique_candidate_clear);

  /* Asking for the cache size reads the schema, so a file that is not a
   * database fails here already; the first query reports it. */
  old_cache_size = cache_size (db);
  if (old_cache_size < 0 && old_cache_size > -READ_CACHE_KIB)
    set_cache_size (db, -READ_CACHE_KIB);
  schema = read_schema (&reader, cancellable, error);
  g_free (reader.tokens.data);
  sqlite3_finalize (reader.foreign_keys);
  if (old_cache_size < 0 && old_cache_size > -READ_CACHE_KIB)
    set_cache_size (db, old_cache_size);
  return schema;
}
