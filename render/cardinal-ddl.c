/* cardinal-ddl.c: renders a physical model as SQLite or PostgreSQL DDL (tables in dependency order, indexes, comments). */
#include "cardinal-ddl.h"

#include <string.h>

#include "cardinal-config.h"
#include "cardinal-identifier.h"

/* A binary min-heap of table positions: Kahn's algorithm takes the ready
 * table that comes first in the schema, which keeps the order stable. */
typedef struct
{
  guint *items;
  guint  len;
} ReadyHeap;

static void
ready_heap_push (ReadyHeap *heap,
                 guint      value)
{
  guint i = heap->len++;

  heap->items[i] = value;
  while (i > 0)
    {
      guint parent = (i - 1) / 2;
      guint tmp;

      if (heap->items[parent] <= heap->items[i])
        break;
      tmp = heap->items[parent];
      heap->items[parent] = heap->items[i];
      heap->items[i] = tmp;
      i = parent;
    }
}

static guint
ready_heap_pop (ReadyHeap *heap)
{
  guint top = heap->items[0];
  guint i = 0;

  heap->items[0] = heap->items[--heap->len];
  for (;;)
    {
      guint left = 2 * i + 1;
      guint right = left + 1;
      guint smallest = i;
      guint tmp;

      if (left < heap->len && heap->items[left] < heap->items[smallest])
        smallest = left;
      if (right < heap->len && heap->items[right] < heap->items[smallest])
        smallest = right;
      if (smallest == i)
        break;
      tmp = heap->items[smallest];
      heap->items[smallest] = heap->items[i];
      heap->items[i] = tmp;
      i = smallest;
    }

  return top;
}

/* Position of each table by exact name; the first of two same-named tables
 * wins (the validator reports the clash). */
static GHashTable *
index_tables (const CardinalSchema *schema)
{
  GHashTable *positions = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (table->name != NULL && !g_hash_table_contains (positions, table->name))
        g_hash_table_insert (positions, table->name, GUINT_TO_POINTER (i + 1));
    }

  return positions;
}

/* Schema position of the table @name, or -1 when it is not in the schema. */
static gint
lookup_table (GHashTable *positions,
              const char *name)
{
  gpointer found;

  if (name == NULL)
    return -1;
  found = g_hash_table_lookup (positions, name);
  return found != NULL ? (gint) GPOINTER_TO_UINT (found) - 1 : -1;
}

/* The first table that @table references and that is not created yet (a
 * self-reference does not count), or -1. */
static gint
first_waited_on (const CardinalSchema *schema,
                 GHashTable           *positions,
                 const gboolean       *placed,
                 guint                 table_position)
{
  const CardinalTable *table = g_ptr_array_index (schema->tables, table_position);

  for (guint k = 0; table->foreign_keys != NULL && k < table->foreign_keys->len; k++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
      gint ref = lookup_table (positions, fk->ref_table);

      if (ref >= 0 && (guint) ref != table_position && !placed[ref])
        return ref;
    }

  return -1;
}

/* Only cycles and the tables that wait on them remain. Following unplaced
 * references from @start must come back to a table already seen: that loop
 * is a cycle, and its earliest table in the schema is the one created
 * first, so that only the FKs closing the cycle are deferred (a table that
 * merely depends on the cycle keeps all of its FKs inline). @seen holds the
 * number of the walk that last reached each table. */
static guint
cycle_member (const CardinalSchema *schema,
              GHashTable           *positions,
              const gboolean       *placed,
              guint                *seen,
              guint                 walk,
              guint                 start)
{
  guint current = start;
  guint member;
  guint best;

  while (seen[current] != walk)
    {
      gint next;

      seen[current] = walk;
      next = first_waited_on (schema, positions, placed, current);
      /* Cannot happen while every unplaced table waits on another one. */
      if (next < 0)
        return current;
      current = (guint) next;
    }

  best = current;
  for (member = (guint) first_waited_on (schema, positions, placed, current);
       member != current;
       member = (guint) first_waited_on (schema, positions, placed, member))
    best = MIN (best, member);

  return best;
}

/* @dependent has a foreign key to @referenced. */
typedef struct
{
  guint referenced;
  guint dependent;
} Edge;

/* Tables ordered so that a referenced table comes before the tables that
 * reference it. When a cycle stalls Kahn's algorithm, the earliest remaining
 * table is taken anyway; the foreign keys that then point forward are the
 * ones PostgreSQL gets as ALTER TABLE afterwards. Returns schema positions. */
static guint *
dependency_order (const CardinalSchema *schema,
                  GHashTable           *positions)
{
  guint n = schema->tables->len;
  g_autofree guint *indegree = g_new0 (guint, n + 1);
  g_autofree gboolean *placed = g_new0 (gboolean, n + 1);
  g_autofree guint *heap_items = g_new (guint, n + 1);
  /* The tables that reference table r, once per foreign key, are
   * dependents[first[r]] … dependents[first[r + 1] - 1]. */
  g_autofree guint *first = g_new0 (guint, n + 2);
  g_autofree guint *filled = g_new0 (guint, n + 1);
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));
  g_autofree guint *dependents = NULL;
  guint *order = g_new (guint, n + 1);
  ReadyHeap heap = { heap_items, 0 };
  g_autofree guint *seen = g_new0 (guint, n + 1);
  guint walk = 0;
  guint n_placed = 0;
  guint next_unplaced = 0;

  for (guint i = 0; i < n; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; table->foreign_keys != NULL && k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          gint ref = lookup_table (positions, fk->ref_table);
          Edge edge = { (guint) ref, i };

          /* A self-reference or a missing table puts no constraint on the order. */
          if (ref < 0 || (guint) ref == i)
            continue;
          g_array_append_val (edges, edge);
          first[ref + 1]++;
          indegree[i]++;
        }
    }

  for (guint r = 0; r < n; r++)
    first[r + 1] += first[r];
  dependents = g_new (guint, edges->len + 1);
  for (guint e = 0; e < edges->len; e++)
    {
      const Edge *edge = &g_array_index (edges, Edge, e);

      dependents[first[edge->referenced] + filled[edge->referenced]++] = edge->dependent;
    }

  for (guint i = 0; i < n; i++)
    if (indegree[i] == 0)
      ready_heap_push (&heap, i);

  while (n_placed < n)
    {
      guint current;

      if (heap.len > 0)
        {
          current = ready_heap_pop (&heap);
        }
      else
        {
          while (placed[next_unplaced])
            next_unplaced++;
          current = cycle_member (schema, positions, placed, seen, ++walk, next_unplaced);
        }

      placed[current] = TRUE;
      order[n_placed++] = current;

      for (guint k = first[current]; k < first[current + 1]; k++)
        {
          guint dependent = dependents[k];

          /* A table forced out of a cycle is already placed but can still
           * be waited on here; it must not become ready a second time. */
          if (placed[dependent])
            continue;
          if (--indegree[dependent] == 0)
            ready_heap_push (&heap, dependent);
        }
    }

  return order;
}

/* Free text inside a line comment: a line break would end the comment and
 * let the rest run as SQL, so control characters become spaces. */
static void
append_comment_text (GString    *out,
                     const char *text)
{
  static const char controls[] =
    "\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d\x0e\x0f"
    "\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f\x7f";
  const char *p = text != NULL ? text : "";

  for (;;)
    {
      gsize run = strcspn (p, controls);

      g_string_append_len (out, p, (gssize) run);
      p += run;
      if (*p == '\0')
        break;
      g_string_append_c (out, ' ');
      p++;
    }
}

/* A string literal that means the same text whether or not
 * standard_conforming_strings is on: with a backslash inside, the escape
 * form E'…' is used so the backslash cannot be read two ways. */
static void
append_string_literal (GString    *out,
                       const char *text)
{
  const char *p = text;

  if (strchr (text, '\\') != NULL)
    g_string_append_c (out, 'E');
  g_string_append_c (out, '\'');
  for (;;)
    {
      gsize run = strcspn (p, "'\\");

      g_string_append_len (out, p, (gssize) run);
      p += run;
      if (*p == '\0')
        break;
      /* Both are escaped by doubling. */
      g_string_append_c (out, *p);
      g_string_append_c (out, *p);
      p++;
    }
  g_string_append_c (out, '\'');
}

static void
append_column_list (GString            *out,
                    const char * const *columns)
{
  g_string_append_c (out, '(');
  for (guint i = 0; columns != NULL && columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      cardinal_identifier_append_quoted (out, columns[i]);
    }
  g_string_append_c (out, ')');
}

static gboolean
strv_is_empty (const char * const *strv)
{
  return strv == NULL || strv[0] == NULL;
}

static const char *
on_delete_clause (CardinalOnDelete on_delete)
{
  switch (on_delete)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return " ON DELETE RESTRICT";
    case CARDINAL_ON_DELETE_CASCADE:
      return " ON DELETE CASCADE";
    case CARDINAL_ON_DELETE_SET_NULL:
      return " ON DELETE SET NULL";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return "";
    }
}

/* The part after CONSTRAINT "name": FOREIGN KEY (…) REFERENCES "t" (…) ON DELETE …. */
static void
append_foreign_key (GString                  *out,
                    const CardinalForeignKey *fk)
{
  if (fk->name != NULL && fk->name[0] != '\0')
    {
      g_string_append (out, "CONSTRAINT ");
      cardinal_identifier_append_quoted (out, fk->name);
      g_string_append_c (out, ' ');
    }
  g_string_append (out, "FOREIGN KEY ");
  append_column_list (out, (const char * const *) fk->columns);
  g_string_append (out, " REFERENCES ");
  cardinal_identifier_append_quoted (out, fk->ref_table != NULL ? fk->ref_table : "");
  /* No column list means the referenced table's primary key. */
  if (!strv_is_empty ((const char * const *) fk->ref_columns))
    {
      g_string_append_c (out, ' ');
      append_column_list (out, (const char * const *) fk->ref_columns);
    }
  g_string_append (out, on_delete_clause (fk->on_delete));
}

/* The column that SQLite can make "INTEGER PRIMARY KEY AUTOINCREMENT", or
 * NULL. Only a single-column integer key can alias the rowid that
 * AUTOINCREMENT works on. */
static const CardinalColumn *
sqlite_rowid_column (const CardinalTable *table)
{
  const CardinalColumn *column;

  if (strv_is_empty ((const char * const *) table->primary_key) || table->primary_key[1] != NULL)
    return NULL;
  column = cardinal_table_find_column (table, table->primary_key[0]);
  if (column == NULL || !column->autoincrement || column->type == NULL
      || !cardinal_type_is_integer (column->type))
    return NULL;
  return column;
}

/* Items of a CREATE TABLE are separated by commas; in SQLite a comment goes
 * after the comma of its line, so it is held until the next item is known. */
typedef struct
{
  GString    *out;
  gboolean    first;
  const char *pending_comment;
} TableBody;

static void
table_body_flush_comment (TableBody *body)
{
  if (body->pending_comment != NULL && body->pending_comment[0] != '\0')
    {
      g_string_append (body->out, " -- ");
      append_comment_text (body->out, body->pending_comment);
    }
  body->pending_comment = NULL;
}

static void
table_body_begin_item (TableBody *body)
{
  if (!body->first)
    g_string_append_c (body->out, ',');
  table_body_flush_comment (body);
  g_string_append (body->out, "\n  ");
  body->first = FALSE;
}

/* The dialect's spelling of @type. Models repeat a handful of types over
 * thousands of columns, so each is spelled once per render. */
static const char *
spelled_type (GHashTable      *type_cache,
              const char      *type,
              CardinalDialect  dialect)
{
  char *sql = g_hash_table_lookup (type_cache, type);

  if (sql == NULL)
    {
      sql = cardinal_type_to_sql (type, dialect);
      g_hash_table_insert (type_cache, (gpointer) type, sql);
    }
  return sql;
}

static void
append_column (TableBody            *body,
               const CardinalColumn *column,
               const CardinalColumn *rowid_column,
               CardinalDialect       dialect,
               GHashTable           *type_cache)
{
  GString *out = body->out;
  gboolean identity = FALSE;

  table_body_begin_item (body);
  cardinal_identifier_append_quoted (out, column->name);
  g_string_append_c (out, ' ');

  if (column == rowid_column)
    {
      /* AUTOINCREMENT needs the type spelled exactly INTEGER. */
      g_string_append (out, "INTEGER PRIMARY KEY AUTOINCREMENT");
    }
  else
    {
      g_string_append (out, spelled_type (type_cache, column->type != NULL ? column->type : "", dialect));
      if (dialect == CARDINAL_DIALECT_POSTGRESQL && column->autoincrement
          && column->type != NULL && cardinal_type_is_integer (column->type))
        {
          g_string_append (out, " GENERATED BY DEFAULT AS IDENTITY");
          identity = TRUE;
        }
    }

  if (!column->nullable)
    g_string_append (out, " NOT NULL");

  /* PostgreSQL refuses a DEFAULT next to an identity; the identity is the default. */
  if (column->default_value != NULL && !identity)
    {
      g_string_append (out, " DEFAULT ");
      g_string_append (out, column->default_value);
    }

  if (dialect == CARDINAL_DIALECT_SQLITE)
    body->pending_comment = column->comment;
}

static void
append_create_table (GString             *out,
                     const CardinalTable *table,
                     GHashTable          *positions,
                     const guint         *rank,
                     guint                own_rank,
                     CardinalDialect      dialect,
                     GHashTable          *type_cache,
                     GPtrArray           *deferred)
{
  TableBody body = { out, TRUE, NULL };
  const CardinalColumn *rowid_column = NULL;

  if (dialect == CARDINAL_DIALECT_SQLITE)
    {
      rowid_column = sqlite_rowid_column (table);
      /* Inside the statement, so that SQLite keeps it in sqlite_schema. */
      body.pending_comment = table->comment;
    }

  g_string_append (out, "CREATE TABLE ");
  cardinal_identifier_append_quoted (out, table->name);
  g_string_append (out, " (");

  for (guint i = 0; table->columns != NULL && i < table->columns->len; i++)
    append_column (&body, g_ptr_array_index (table->columns, i), rowid_column, dialect, type_cache);

  if (!strv_is_empty ((const char * const *) table->primary_key) && rowid_column == NULL)
    {
      table_body_begin_item (&body);
      g_string_append (out, "PRIMARY KEY ");
      append_column_list (out, (const char * const *) table->primary_key);
    }

  for (guint i = 0; table->uniques != NULL && i < table->uniques->len; i++)
    {
      table_body_begin_item (&body);
      g_string_append (out, "UNIQUE ");
      append_column_list (out, (const char * const *) ((const CardinalUnique *) g_ptr_array_index (table->uniques, i))->columns);
    }

  /* The expression is SQL text from the model (or an import) and goes in as written. */
  for (guint i = 0; table->checks != NULL && i < table->checks->len; i++)
    {
      table_body_begin_item (&body);
      g_string_append (out, "CHECK (");
      g_string_append (out, ((const CardinalCheck *) g_ptr_array_index (table->checks, i))->expression);
      g_string_append_c (out, ')');
    }

  for (guint i = 0; table->foreign_keys != NULL && i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      /* SQLite resolves references when rows change, so a forward one is
       * fine there; PostgreSQL needs the referenced table to exist. */
      if (dialect == CARDINAL_DIALECT_POSTGRESQL)
        {
          gint ref = lookup_table (positions, fk->ref_table);

          if (ref >= 0 && rank[ref] > own_rank)
            {
              g_ptr_array_add (deferred, (gpointer) fk);
              continue;
            }
        }
      table_body_begin_item (&body);
      append_foreign_key (out, fk);
    }

  table_body_flush_comment (&body);
  g_string_append (out, "\n);\n");
}

static void
append_pg_comments (GString             *out,
                    const CardinalTable *table)
{
  if (table->comment != NULL && table->comment[0] != '\0')
    {
      g_string_append (out, "COMMENT ON TABLE ");
      cardinal_identifier_append_quoted (out, table->name);
      g_string_append (out, " IS ");
      append_string_literal (out, table->comment);
      g_string_append (out, ";\n");
    }

  for (guint i = 0; table->columns != NULL && i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (column->comment == NULL || column->comment[0] == '\0')
        continue;
      g_string_append (out, "COMMENT ON COLUMN ");
      cardinal_identifier_append_quoted (out, table->name);
      g_string_append_c (out, '.');
      cardinal_identifier_append_quoted (out, column->name);
      g_string_append (out, " IS ");
      append_string_literal (out, column->comment);
      g_string_append (out, ";\n");
    }
}

static void
append_indexes (GString             *out,
                const CardinalTable *table)
{
  for (guint i = 0; table->indexes != NULL && i < table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, i);

      g_string_append (out, index->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
      if (index->name != NULL && index->name[0] != '\0')
        {
          cardinal_identifier_append_quoted (out, index->name);
          g_string_append_c (out, ' ');
        }
      g_string_append (out, "ON ");
      cardinal_identifier_append_quoted (out, table->name);
      g_string_append_c (out, ' ');
      append_column_list (out, (const char * const *) index->columns);
      g_string_append (out, ";\n");
    }
}

char *
cardinal_ddl_render (const CardinalSchema *schema,
                     CardinalDialect       dialect)
{
  g_autoptr(GHashTable) positions = NULL;
  /* Keys borrowed from the columns, which outlive the render. */
  g_autoptr(GHashTable) type_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) deferred = NULL;
  g_autoptr(GPtrArray) deferred_owner = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *rank = NULL;
  GString *out;
  guint n;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (schema->tables != NULL, NULL);
  g_return_val_if_fail (dialect == CARDINAL_DIALECT_SQLITE
                        || dialect == CARDINAL_DIALECT_POSTGRESQL, NULL);

  n = schema->tables->len;
  positions = index_tables (schema);
  order = dependency_order (schema, positions);
  rank = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    rank[order[i]] = i;

  /* Roughly what a table costs, so the buffer rarely grows. */
  out = g_string_sized_new (256 + (gsize) n * 512);

  g_string_append (out, "-- Generated by Cardinal " CARDINAL_VERSION "\n-- Model: ");
  append_comment_text (out, schema->name);
  g_string_append (out, "\n-- Dialect: ");
  g_string_append (out, dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL");
  g_string_append_c (out, '\n');
  if (dialect == CARDINAL_DIALECT_SQLITE)
    g_string_append (out, "-- SQLite enforces foreign keys only on connections that run: PRAGMA foreign_keys = ON;\n");
  g_string_append (out, "\nBEGIN;\n");

  deferred = g_ptr_array_new ();
  deferred_owner = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, order[i]);
      guint before = deferred->len;

      g_string_append_c (out, '\n');
      append_create_table (out, table, positions, rank, i, dialect, type_cache, deferred);
      for (guint k = before; k < deferred->len; k++)
        g_ptr_array_add (deferred_owner, (gpointer) table);
      if (dialect == CARDINAL_DIALECT_POSTGRESQL)
        append_pg_comments (out, table);
    }

  if (deferred->len > 0)
    {
      g_string_append (out, "\n-- Foreign keys that close a cycle, added once every table exists.\n");
      for (guint i = 0; i < deferred->len; i++)
        {
          const CardinalTable *table = g_ptr_array_index (deferred_owner, i);

          g_string_append (out, "ALTER TABLE ");
          cardinal_identifier_append_quoted (out, table->name);
          g_string_append (out, " ADD ");
          append_foreign_key (out, g_ptr_array_index (deferred, i));
          g_string_append (out, ";\n");
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, order[i]);

      if (table->indexes != NULL && table->indexes->len > 0)
        {
          g_string_append_c (out, '\n');
          append_indexes (out, table);
        }
    }

  g_string_append (out, "\nCOMMIT;\n");

  return g_string_free (out, FALSE);
}
