/* cardinal-ddl.c: renders a physical model as SQLite or PostgreSQL DDL (schemas, types, sequences, tables in dependency order, indexes, SQL objects, comments). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-ddl.h"
#include "cardinal-ddl-private.h"
#include "cardinal-sql-translate.h"

#include <stdarg.h>
#include <string.h>

#include "cardinal-config.h"
#include "cardinal-identifier.h"
#include "cardinal-sql-lexer.h"

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

/* The schema position of the table each foreign key references, plus one
 * (absent: a table outside the schema). A reference names its table's
 * PostgreSQL schema too, so two tables of the same name in different schemas
 * stay apart; a reference whose schema matches no table falls back to the
 * first table of that name. The first of two same-named tables wins (the
 * validator reports the clash). */
static GHashTable *
resolve_references (const CardinalSchema *schema)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) qualified = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  GHashTable *targets = g_hash_table_new (g_direct_hash, g_direct_equal);
  gboolean any_schema = FALSE;

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (table->name == NULL)
        continue;
      if (!g_hash_table_contains (by_name, table->name))
        g_hash_table_insert (by_name, table->name, GUINT_TO_POINTER (i + 1));
      if (table->schema != NULL)
        {
          char *key = g_strconcat (table->schema, "\x1f", table->name, NULL);

          any_schema = TRUE;
          if (!g_hash_table_contains (qualified, key))
            g_hash_table_insert (qualified, key, GUINT_TO_POINTER (i + 1));
          else
            g_free (key);
        }
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; table->foreign_keys != NULL && k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          gpointer found = NULL;

          if (fk->ref_table == NULL)
            continue;
          if (any_schema && fk->ref_schema != NULL)
            {
              g_autofree char *key = g_strconcat (fk->ref_schema, "\x1f", fk->ref_table, NULL);

              found = g_hash_table_lookup (qualified, key);
            }
          if (found == NULL)
            found = g_hash_table_lookup (by_name, fk->ref_table);
          if (found != NULL)
            g_hash_table_insert (targets, (gpointer) fk, found);
        }
    }

  return targets;
}

/* Schema position of the table @fk references, or -1 when it is not in the schema. */
static gint
lookup_table (GHashTable               *targets,
              const CardinalForeignKey *fk)
{
  gpointer found = g_hash_table_lookup (targets, fk);

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
      gint ref = lookup_table (positions, fk);

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
          gint ref = lookup_table (positions, fk);
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


/* What one render needs everywhere. */
typedef struct
{
  const CardinalSchema *schema;
  CardinalDialect       dialect;
  /* sql_type and other model text is written verbatim only in the model's dialect. */
  gboolean              same_dialect;
  /* Keys borrowed from the columns, which outlive the render. */
  GHashTable           *type_cache;
  /* Enum and domain types by the names a column type can use for them. */
  GHashTable           *user_types;
  /* What the current statement had to leave out, written as comment lines before it. */
  GPtrArray            *notes;
  /* Every note of the render, for cardinal_ddl_render_with_notes (); NULL when nobody asks. */
  GPtrArray            *all_notes;
  /* SQLite: bare table names that several schemas use (those tables are called "schema.table"). */
  GHashTable           *clashes;
  /* Serial columns whose sequence needs options (table, column pairs). */
  GPtrArray            *serials;
} Render;

static gboolean
is_postgresql (const Render *r)
{
  return r->dialect == CARDINAL_DIALECT_POSTGRESQL;
}

static const char *
other_dialect_name (const Render *r)
{
  return is_postgresql (r) ? "SQLite" : "PostgreSQL";
}

static void G_GNUC_PRINTF (2, 3)
add_note (Render     *r,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (r->notes, g_strdup_vprintf (format, args));
  va_end (args);
  if (r->all_notes != NULL)
    g_ptr_array_add (r->all_notes, g_strdup (g_ptr_array_index (r->notes, r->notes->len - 1)));
}

/* Model text (a default, CHECK, generated or index expression) as the target
 * dialect reads it: verbatim in the model's own dialect or in a portable
 * model, translated from the other dialect, or NULL with a note saying what
 * was left out and why. */
/* Whether model text must be carried to the other dialect (else it is used as it is). */
static gboolean
needs_translation (const Render *r)
{
  return r->schema->has_dialect && !r->same_dialect;
}

static char *
model_text (Render     *r,
            const char *text,
            const char *column_type,
            const char *what)
{
  g_autofree char *reason = NULL;
  char *translated;

  if (!needs_translation (r))
    return g_strdup (text);
  translated = cardinal_sql_translate_expression (text, (CardinalDialect) r->schema->dialect, r->dialect,
                                                  column_type, &reason);
  if (translated == NULL)
    add_note (r, "Left out for %s: %s, %s.", is_postgresql (r) ? "PostgreSQL" : "SQLite", what, reason);
  return translated;
}

/* Whether @text can stand after DEFAULT in SQLite without parentheses: a
 * literal, a signed number, NULL, TRUE/FALSE or CURRENT_*. */
static gboolean
sqlite_bare_default (const char *text)
{
  const char *p = text;

  /* One string literal and nothing after it ('a' || 'b' is an expression). */
  if (*p == '\'')
    {
      for (p++; *p != '\0'; p++)
        if (*p == '\'' && *++p != '\'')
          return *p == '\0';
      return FALSE;
    }
  if ((*p == '-' || *p == '+') && g_ascii_isdigit (p[1]))
    p++;
  if (g_ascii_isdigit (*p))
    return strspn (p, "0123456789.eE") == strlen (p);
  return g_ascii_strcasecmp (p, "NULL") == 0 || g_ascii_strcasecmp (p, "TRUE") == 0 ||
         g_ascii_strcasecmp (p, "FALSE") == 0 || g_ascii_strcasecmp (p, "CURRENT_TIMESTAMP") == 0 ||
         g_ascii_strcasecmp (p, "CURRENT_DATE") == 0 || g_ascii_strcasecmp (p, "CURRENT_TIME") == 0;
}

/* The notes collected so far as "-- " lines; a note never breaks out of its line. */
static void
flush_notes (Render  *r,
             GString *out)
{
  for (guint i = 0; i < r->notes->len; i++)
    {
      g_string_append (out, "-- ");
      append_comment_text (out, g_ptr_array_index (r->notes, i));
      g_string_append_c (out, '\n');
    }
  g_ptr_array_set_size (r->notes, 0);
}

/* A string literal that means the same text whether or not
 * standard_conforming_strings is on: with a backslash inside, the escape
 * form E'…' is used so the backslash cannot be read two ways. SQLite has
 * no escapes besides the doubled quote. */
static void
append_string_literal_for (GString         *out,
                           const char      *text,
                           CardinalDialect  dialect)
{
  const char *p = text;
  const char *specials = dialect == CARDINAL_DIALECT_POSTGRESQL ? "'\\" : "'";

  if (dialect == CARDINAL_DIALECT_POSTGRESQL && strchr (text, '\\') != NULL)
    g_string_append_c (out, 'E');
  g_string_append_c (out, '\'');
  for (;;)
    {
      gsize run = strcspn (p, specials);

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
append_string_literal (GString    *out,
                       const char *text)
{
  append_string_literal_for (out, text, CARDINAL_DIALECT_POSTGRESQL);
}

static gboolean
has_text (const char *text)
{
  return text != NULL && text[0] != '\0';
}

/* "schema"."name" on PostgreSQL when a schema is set; SQLite has no schemas. */
static void
append_qualified (GString      *out,
                  const Render *r,
                  const char   *schema,
                  const char   *name)
{
  if (is_postgresql (r) && has_text (schema))
    {
      cardinal_identifier_append_quoted (out, schema);
      g_string_append_c (out, '.');
    }
  else if (has_text (schema) && name != NULL && r->clashes != NULL && g_hash_table_contains (r->clashes, name))
    {
      /* SQLite has one namespace: "schema.table" as one name keeps them apart. */
      g_autofree char *joined = g_strconcat (schema, ".", name, NULL);

      cardinal_identifier_append_quoted (out, joined);
      return;
    }
  cardinal_identifier_append_quoted (out, name != NULL ? name : "");
}

static void
append_table_name (GString             *out,
                   const Render        *r,
                   const CardinalTable *table)
{
  append_qualified (out, r, table->schema, table->name);
}

/* A readable name for notes: schema.table or table. */
static char *
display_table (const CardinalTable *table)
{
  return has_text (table->schema) ? g_strdup_printf ("%s.%s", table->schema, table->name)
                                  : g_strdup (table->name);
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
action_name (CardinalOnDelete action)
{
  switch (action)
    {
    case CARDINAL_ON_DELETE_RESTRICT:
      return "RESTRICT";
    case CARDINAL_ON_DELETE_CASCADE:
      return "CASCADE";
    case CARDINAL_ON_DELETE_SET_NULL:
      return "SET NULL";
    case CARDINAL_ON_DELETE_SET_DEFAULT:
      return "SET DEFAULT";
    case CARDINAL_ON_DELETE_NO_ACTION:
    default:
      return NULL;
    }
}

static void
append_constraint_name (GString    *out,
                        const char *name)
{
  if (has_text (name))
    {
      g_string_append (out, "CONSTRAINT ");
      cardinal_identifier_append_quoted (out, name);
      g_string_append_c (out, ' ');
    }
}

/* CONSTRAINT "name" FOREIGN KEY (…) REFERENCES "t" (…) MATCH FULL ON DELETE …
 * ON UPDATE … DEFERRABLE INITIALLY DEFERRED: both engines take this order. */
static void
append_foreign_key (GString                  *out,
                    const Render             *r,
                    const CardinalForeignKey *fk)
{
  const char *action;

  append_constraint_name (out, fk->name);
  g_string_append (out, "FOREIGN KEY ");
  append_column_list (out, (const char * const *) fk->columns);
  g_string_append (out, " REFERENCES ");
  append_qualified (out, r, fk->ref_schema, fk->ref_table);
  /* No column list means the referenced table's primary key. */
  if (!strv_is_empty ((const char * const *) fk->ref_columns))
    {
      g_string_append_c (out, ' ');
      append_column_list (out, (const char * const *) fk->ref_columns);
    }
  if (fk->match_full)
    g_string_append (out, " MATCH FULL");
  action = action_name (fk->on_delete);
  if (action != NULL)
    g_string_append_printf (out, " ON DELETE %s", action);
  action = action_name (fk->on_update);
  if (action != NULL)
    g_string_append_printf (out, " ON UPDATE %s", action);
  if (fk->deferrable || fk->initially_deferred)
    g_string_append (out, " DEFERRABLE");
  if (fk->initially_deferred)
    g_string_append (out, " INITIALLY DEFERRED");
}

/* The column that SQLite can make "INTEGER PRIMARY KEY AUTOINCREMENT", or
 * NULL. Only a single-column integer key can alias the rowid that
 * AUTOINCREMENT works on, and a WITHOUT ROWID table has none. */
static const CardinalColumn *
sqlite_rowid_column (const CardinalTable *table)
{
  const CardinalColumn *column;

  if (table->without_rowid)
    return NULL;
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
spelled_type (Render     *r,
              const char *type)
{
  char *sql = g_hash_table_lookup (r->type_cache, type);

  if (sql == NULL)
    {
      sql = cardinal_type_to_sql (type, r->dialect);
      g_hash_table_insert (r->type_cache, (gpointer) type, sql);
    }
  return sql;
}

/* SQL text from the model in the target dialect: verbatim in the model's
 * own dialect, otherwise the catalogue spelling. */
static char *
type_text (const Render *r,
           const char   *type)
{
  if (r->same_dialect)
    return g_strdup (type);
  return cardinal_type_to_sql (type, r->dialect);
}

/* The enum or domain that @type names ("mood", "app.mood", "\"app\".\"mood\""), or NULL. */
static const CardinalUserType *
find_user_type (const Render *r,
                const char   *type)
{
  if (type == NULL || g_hash_table_size (r->user_types) == 0)
    return NULL;
  return g_hash_table_lookup (r->user_types, type);
}

/* The first type to claim a name keeps it (the validator reports clashes). */
static void
claim_type_name (GHashTable             *types,
                 char                   *name,
                 const CardinalUserType *type)
{
  if (g_hash_table_contains (types, name))
    g_free (name);
  else
    g_hash_table_insert (types, name, (gpointer) type);
}

static GHashTable *
index_user_types (const CardinalSchema *schema)
{
  GHashTable *types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; schema->types != NULL && i < schema->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (schema->types, i);
      g_autofree char *quoted = cardinal_identifier_quote (type->name);

      claim_type_name (types, g_strdup (type->name), type);
      claim_type_name (types, g_strdup (quoted), type);
      if (has_text (type->schema))
        {
          g_autofree char *quoted_schema = cardinal_identifier_quote (type->schema);

          claim_type_name (types, g_strdup_printf ("%s.%s", type->schema, type->name), type);
          claim_type_name (types, g_strdup_printf ("%s.%s", quoted_schema, quoted), type);
        }
    }
  return types;
}

/* A domain CHECK written for one column: every VALUE keyword becomes the
 * quoted column name. String literals, quoted identifiers and comments
 * (read by @rules) are copied as they are, so a 'VALUE' inside them stays. */
static void
append_with_value_as (GString             *out,
                      const char          *expression,
                      const char          *column,
                      CardinalSqlLexRules  rules)
{
  const char *p = expression;
  CardinalSqlToken token;

  for (;;)
    {
      const char *before = p;

      cardinal_sql_lexer_next (&p, rules, &token);
      g_string_append_len (out, before, token.start - before);
      if (token.kind == CARDINAL_SQL_TOKEN_END)
        break;
      if (token.kind == CARDINAL_SQL_TOKEN_WORD && cardinal_sql_token_is (&token, "value"))
        cardinal_identifier_append_quoted (out, column);
      else
        g_string_append_len (out, token.start, (gssize) token.length);
      /* A comment up to the end would swallow the closing parenthesis. */
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT && token.start[0] == '-' && *p == '\0')
        g_string_append_c (out, '\n');
    }
}

/* SQLite knows these collations without an extension. */
static gboolean
sqlite_has_collation (const char *collation)
{
  return g_ascii_strcasecmp (collation, "BINARY") == 0
         || g_ascii_strcasecmp (collation, "NOCASE") == 0
         || g_ascii_strcasecmp (collation, "RTRIM") == 0;
}

/* " COLLATE "name"", or a note on SQLite for a collation it does not have. */
static void
append_collation (GString    *out,
                  Render     *r,
                  const char *collation,
                  const char *owner,
                  const char *part)
{
  if (!has_text (collation))
    return;
  if (!is_postgresql (r) && !sqlite_has_collation (collation))
    {
      add_note (r, "Left out for SQLite: COLLATE \"%s\" of %s%s%s (SQLite has only BINARY, NOCASE and RTRIM).",
                collation, owner, part != NULL ? "." : "", part != NULL ? part : "");
      return;
    }
  /* SQLite's own collations have no PostgreSQL namesake (its default is "C"
   * or the database's; case-insensitive matching needs a collation made for it). */
  if (is_postgresql (r) && r->schema->has_dialect && r->schema->dialect == CARDINAL_DIALECT_SQLITE &&
      sqlite_has_collation (collation))
    {
      add_note (r, "Left out for PostgreSQL: COLLATE %s of %s%s%s (an SQLite collation).",
                collation, owner, part != NULL ? "." : "", part != NULL ? part : "");
      return;
    }
  g_string_append (out, " COLLATE ");
  cardinal_identifier_append_quoted (out, collation);
}

/* For a PostgreSQL type that SQLite's type grammar (words, then "(n)" or
 * "(n, m)") does not take, what SQLite gets: the part before words that
 * follow the parentheses ("timestamp(6) without time zone" → "timestamp(6)"),
 * TEXT for an array; NULL when @type is fine as it is. Newly allocated. */
static char *
sqlite_type_for (const char *type)
{
  const char *close = strchr (type, ')');

  if (strchr (type, '[') != NULL)
    return g_strdup ("TEXT");
  if (close != NULL && close[1] != '\0')
    return g_strndup (type, (gsize) (close - type) + 1);
  if (close == NULL && (strstr (type, " with") != NULL))
    return g_strndup (type, (gsize) (strstr (type, " with") - type));
  return NULL;
}

/* The six type names a STRICT table accepts. */
static gboolean
is_strict_type (const char *type)
{
  static const char * const allowed[] = { "INT", "INTEGER", "REAL", "TEXT", "BLOB", "ANY" };

  for (guint i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (g_ascii_strcasecmp (type, allowed[i]) == 0)
      return TRUE;
  return FALSE;
}

/* The STRICT type with the affinity SQLite gives @type (its rules, in
 * order); NUMERIC affinity has no STRICT type and becomes ANY. */
static const char *
strict_type_for (const char *type)
{
  g_autofree char *upper = g_ascii_strup (type, -1);

  /* SQLite stores booleans as 0 and 1. */
  if (strstr (upper, "INT") != NULL || g_str_has_prefix (upper, "BOOL"))
    return "INTEGER";
  if (strstr (upper, "CHAR") != NULL || strstr (upper, "CLOB") != NULL || strstr (upper, "TEXT") != NULL)
    return "TEXT";
  if (strstr (upper, "BLOB") != NULL || upper[0] == '\0')
    return "BLOB";
  if (strstr (upper, "REAL") != NULL || strstr (upper, "FLOA") != NULL || strstr (upper, "DOUB") != NULL)
    return "REAL";
  return "ANY";
}

static void
append_sql_type (GString             *out,
                 Render              *r,
                 const CardinalTable *table,
                 const CardinalColumn *column,
                 const char          *sql)
{
  if (!is_postgresql (r) && table->strict && !is_strict_type (sql))
    {
      const char *strict = strict_type_for (sql);

      add_note (r, "STRICT table %s: column %s is %s (declared %s).", table->name, column->name, strict, sql);
      sql = strict;
    }
  g_string_append (out, sql);
}

void
cardinal_ddl_append_sequence_options (GString                *out,
                                      const CardinalSequence *sequence)
{
  if (sequence == NULL)
    return;
  if (sequence->has_start)
    g_string_append_printf (out, " START WITH %" G_GINT64_FORMAT, sequence->start);
  if (sequence->has_increment)
    g_string_append_printf (out, " INCREMENT BY %" G_GINT64_FORMAT, sequence->increment);
  if (sequence->has_min)
    g_string_append_printf (out, " MINVALUE %" G_GINT64_FORMAT, sequence->min);
  if (sequence->has_max)
    g_string_append_printf (out, " MAXVALUE %" G_GINT64_FORMAT, sequence->max);
  if (sequence->has_cache)
    g_string_append_printf (out, " CACHE %" G_GINT64_FORMAT, sequence->cache);
  if (sequence->cycle)
    g_string_append (out, " CYCLE");
}

static gboolean
sequence_has_options (const CardinalSequence *sequence)
{
  return sequence != NULL
         && (sequence->has_start || sequence->has_increment || sequence->has_min
             || sequence->has_max || sequence->has_cache || sequence->cycle);
}

/* serial, bigserial or smallserial for an integer catalogue type. */
static const char *
serial_keyword (const char *type)
{
  CardinalType parsed;

  if (!cardinal_type_parse (type, &parsed, NULL))
    return "serial";
  switch (parsed.base)
    {
    case CARDINAL_TYPE_BIGINT:
      return "bigserial";
    case CARDINAL_TYPE_SMALLINT:
      return "smallserial";
    case CARDINAL_TYPE_INTEGER:
    default:
      return "serial";
    }
}

/* A serial column and its table, for ALTER SEQUENCE once the table exists. */
typedef struct
{
  const CardinalTable  *table;
  const CardinalColumn *column;
} SerialColumn;

static void
append_column (Render               *r,
               TableBody            *body,
               const CardinalTable  *table,
               const CardinalColumn *column,
               const CardinalColumn *rowid_column)
{
  GString *out = body->out;
  /* An identity or serial is the column's default; PostgreSQL refuses both. */
  gboolean own_default = FALSE;
  gboolean not_null = !column->nullable;
  const char *default_value = column->default_value;
  const char *collation = column->collation;
  const CardinalUserType *user_type = NULL;
  const CardinalUserType *enum_type = NULL;
  /* Parsing the type costs; only autoincrement columns need to know. */
  gboolean integer = column->autoincrement && column->type != NULL && cardinal_type_is_integer (column->type);
  /* A serial's default is the nextval() of its sequence, and an ALWAYS
   * identity has none: neither is written, in either dialect. */
  gboolean serial_or_always = column->autoincrement && column->identity != CARDINAL_IDENTITY_BY_DEFAULT;

  table_body_begin_item (body);
  cardinal_identifier_append_quoted (out, column->name);
  g_string_append_c (out, ' ');

  user_type = find_user_type (r, column->sql_type);
  if (user_type == NULL)
    user_type = find_user_type (r, column->type);

  if (column == rowid_column)
    {
      /* AUTOINCREMENT needs the type spelled exactly INTEGER. */
      g_string_append (out, "INTEGER ");
      append_constraint_name (out, table->primary_key_name);
      g_string_append (out, "PRIMARY KEY AUTOINCREMENT");
      if (sequence_has_options (column->sequence))
        add_note (r, "Left out for SQLite: the sequence options of %s.%s.", table->name, column->name);
    }
  else if (is_postgresql (r) && column->autoincrement && integer
           && column->identity == CARDINAL_IDENTITY_SERIAL)
    {
      g_string_append (out, serial_keyword (column->type));
      own_default = TRUE;
      if (sequence_has_options (column->sequence) ||
          has_text (column->sequence != NULL ? column->sequence->name : NULL) ||
          has_text (column->sequence != NULL ? column->sequence->type : NULL))
        {
          SerialColumn *serial = g_new (SerialColumn, 1);

          serial->table = table;
          serial->column = column;
          g_ptr_array_add (r->serials, serial);
        }
    }
  else if (user_type != NULL && is_postgresql (r))
    {
      append_qualified (out, r, user_type->schema, user_type->name);
    }
  else if (user_type != NULL && user_type->kind == CARDINAL_USER_TYPE_ENUM)
    {
      append_sql_type (out, r, table, column, "TEXT");
      enum_type = user_type;
    }
  else if (user_type != NULL)
    {
      g_autofree char *base = cardinal_type_to_sql (user_type->base != NULL ? user_type->base : "", r->dialect);
      const CardinalUserType *base_type = find_user_type (r, user_type->base);

      /* A domain over an enum: the enum's form, then the domain's parts. */
      if (base_type != NULL && base_type->kind == CARDINAL_USER_TYPE_ENUM)
        {
          enum_type = base_type;
          g_free (base);
          base = g_strdup ("TEXT");
        }
      append_sql_type (out, r, table, column, base);
      if (!user_type->nullable)
        not_null = TRUE;
      if (default_value == NULL)
        default_value = user_type->default_value;
      if (collation == NULL)
        collation = user_type->collation;
    }
  else if (r->same_dialect && has_text (column->sql_type))
    {
      append_sql_type (out, r, table, column, column->sql_type);
    }
  else
    {
      const char *type = column->type != NULL ? column->type : "";

      g_autofree char *sqlite_type = NULL;
      g_autofree char *substituted = NULL;

      /* A PostgreSQL type SQLite's grammar does not take (words after the
       * parentheses, array brackets): what SQLite can read of it. */
      if (!is_postgresql (r) && r->schema->has_dialect && r->schema->dialect == CARDINAL_DIALECT_POSTGRESQL &&
          (sqlite_type = sqlite_type_for (type)) != NULL)
        {
          add_note (r, "%s.%s is %s in PostgreSQL; SQLite gets %s.", table->name, column->name, type, sqlite_type);
          substituted = cardinal_type_to_sql (sqlite_type, r->dialect);
        }
      /* SQLite's column without a type (or ANY) takes every value; PostgreSQL's nearest is text. */
      else if (is_postgresql (r) && (type[0] == '\0' || g_ascii_strcasecmp (type, "any") == 0))
        {
          add_note (r, "%s.%s has no type in SQLite; PostgreSQL gets text.", table->name, column->name);
          substituted = cardinal_type_to_sql ("text", r->dialect);
        }
      /* The spelling cache keys on the columns' own strings, which outlive the
       * render; a substituted type is spelled outside it. */
      append_sql_type (out, r, table, column, substituted != NULL ? substituted : spelled_type (r, type));
    }

  append_collation (out, r, collation, table->name, column->name);

  if (is_postgresql (r) && column->autoincrement && integer && column->identity != CARDINAL_IDENTITY_SERIAL)
    {
      const CardinalSequence *sequence = column->sequence;

      g_string_append (out, column->identity == CARDINAL_IDENTITY_ALWAYS
                            ? " GENERATED ALWAYS AS IDENTITY" : " GENERATED BY DEFAULT AS IDENTITY");
      if (sequence_has_options (sequence) || (sequence != NULL && has_text (sequence->name)))
        {
          g_string_append (out, " (");
          if (has_text (sequence->name))
            {
              g_string_append (out, " SEQUENCE NAME ");
              append_qualified (out, r, sequence->schema != NULL ? sequence->schema : table->schema,
                                sequence->name);
            }
          cardinal_ddl_append_sequence_options (out, sequence);
          g_string_append (out, " )");
        }
      own_default = TRUE;
    }

  if (has_text (column->generated))
    {
      g_autofree char *what = needs_translation (r)
        ? g_strdup_printf ("the generated expression of %s.%s", table->name, column->name) : NULL;
      g_autofree char *generated = model_text (r, column->generated, column->type, what);

      if (generated != NULL)
        {
          g_string_append (out, " GENERATED ALWAYS AS (");
          g_string_append (out, generated);
          /* PostgreSQL has only stored generated columns. */
          g_string_append (out, is_postgresql (r) || column->generated_stored ? ") STORED" : ") VIRTUAL");
          own_default = TRUE;
        }
    }

  if (not_null)
    g_string_append (out, " NOT NULL");

  if (default_value != NULL && !own_default && !serial_or_always)
    {
      g_autofree char *what = needs_translation (r)
        ? g_strdup_printf ("DEFAULT %s of %s.%s", default_value, table->name, column->name) : NULL;
      g_autofree char *value = model_text (r, default_value, column->type, what);

      if (value != NULL)
        {
          g_string_append (out, " DEFAULT ");
          /* A translated expression may need SQLite's parentheses. */
          if (!is_postgresql (r) && !r->same_dialect && r->schema->has_dialect && !sqlite_bare_default (value))
            {
              g_string_append_c (out, '(');
              g_string_append (out, value);
              g_string_append_c (out, ')');
            }
          else
            g_string_append (out, value);
        }
    }

  /* What PostgreSQL's type checks, SQLite checks on the column. */
  if (user_type != NULL && !is_postgresql (r))
    {
      if (enum_type != NULL)
        {
          g_string_append (out, " CHECK (");
          cardinal_identifier_append_quoted (out, column->name);
          g_string_append (out, " IN (");
          for (guint i = 0; enum_type->values != NULL && enum_type->values[i] != NULL; i++)
            {
              if (i > 0)
                g_string_append (out, ", ");
              append_string_literal_for (out, enum_type->values[i], r->dialect);
            }
          g_string_append (out, "))");
        }
      for (guint i = 0; user_type->kind == CARDINAL_USER_TYPE_DOMAIN
                        && user_type->checks != NULL && i < user_type->checks->len; i++)
        {
          const CardinalCheck *check = g_ptr_array_index (user_type->checks, i);
          g_autofree char *what = g_strdup_printf ("CHECK (%s) of domain %s", check->expression, user_type->name);
          g_autofree char *expression = model_text (r, check->expression, NULL, what);

          if (expression == NULL)
            continue;
          g_string_append_c (out, ' ');
          append_constraint_name (out, check->name);
          g_string_append (out, "CHECK (");
          append_with_value_as (out, expression, column->name,
                                is_postgresql (r) ? CARDINAL_SQL_LEX_POSTGRESQL : CARDINAL_SQL_LEX_SQLITE);
          g_string_append_c (out, ')');
        }
    }

  if (!is_postgresql (r))
    body->pending_comment = column->comment;
}

static void
append_unique (Render               *r,
               TableBody            *body,
               const CardinalTable  *table,
               const CardinalUnique *unique)
{
  GString *out = body->out;

  table_body_begin_item (body);
  append_constraint_name (out, unique->name);
  g_string_append (out, "UNIQUE ");
  if (unique->nulls_not_distinct && is_postgresql (r))
    g_string_append (out, "NULLS NOT DISTINCT ");
  append_column_list (out, (const char * const *) unique->columns);
  if (is_postgresql (r))
    {
      if (!strv_is_empty ((const char * const *) unique->include))
        {
          g_string_append (out, " INCLUDE ");
          append_column_list (out, (const char * const *) unique->include);
        }
      if (unique->deferrable || unique->initially_deferred)
        g_string_append (out, " DEFERRABLE");
      if (unique->initially_deferred)
        g_string_append (out, " INITIALLY DEFERRED");
    }
  else
    {
      g_autofree char *columns = g_strjoinv (", ", unique->columns != NULL ? unique->columns : (char *[]) { NULL });

      if (!strv_is_empty ((const char * const *) unique->include))
        add_note (r, "Left out for SQLite: INCLUDE of UNIQUE (%s) on %s.", columns, table->name);
      if (unique->nulls_not_distinct)
        add_note (r, "Left out for SQLite: NULLS NOT DISTINCT of UNIQUE (%s) on %s.", columns, table->name);
      if (unique->deferrable || unique->initially_deferred)
        add_note (r, "Left out for SQLite: DEFERRABLE of UNIQUE (%s) on %s.", columns, table->name);
    }
}

static void
append_create_table (Render              *r,
                     GString             *out,
                     const CardinalTable *table,
                     GHashTable          *targets,
                     const guint         *rank,
                     guint                own_rank,
                     GPtrArray           *deferred)
{
  TableBody body = { out, TRUE, NULL };
  const CardinalColumn *rowid_column = NULL;
  gboolean postgresql = is_postgresql (r);
  g_autofree char *display = display_table (table);

  if (!postgresql)
    {
      rowid_column = sqlite_rowid_column (table);
      /* Inside the statement, so that SQLite keeps it in sqlite_schema. */
      body.pending_comment = table->comment;
      if (table->unlogged)
        add_note (r, "Left out for SQLite: UNLOGGED of %s.", display);
      if (has_text (table->partition_by))
        add_note (r, "Left out for SQLite: PARTITION BY %s of %s.", table->partition_by, display);
      if (has_text (table->schema))
        add_note (r, "Left out for SQLite: schema %s of table %s.", table->schema, table->name);
    }
  else
    {
      if (table->without_rowid)
        add_note (r, "Left out for PostgreSQL: WITHOUT ROWID of %s.", display);
      if (table->strict)
        add_note (r, "Left out for PostgreSQL: STRICT of %s.", display);
    }

  g_string_append (out, postgresql && table->unlogged ? "CREATE UNLOGGED TABLE " : "CREATE TABLE ");
  append_table_name (out, r, table);
  g_string_append (out, " (");

  for (guint i = 0; table->columns != NULL && i < table->columns->len; i++)
    append_column (r, &body, table, g_ptr_array_index (table->columns, i), rowid_column);

  if (!strv_is_empty ((const char * const *) table->primary_key) && rowid_column == NULL)
    {
      table_body_begin_item (&body);
      append_constraint_name (out, table->primary_key_name);
      g_string_append (out, "PRIMARY KEY ");
      append_column_list (out, (const char * const *) table->primary_key);
    }

  for (guint i = 0; table->uniques != NULL && i < table->uniques->len; i++)
    append_unique (r, &body, table, g_ptr_array_index (table->uniques, i));

  /* The expression is SQL text from the model (or an import): as written in
   * its own dialect (the validator has run the parser on it), translated
   * for the other one. */
  for (guint i = 0; table->checks != NULL && i < table->checks->len; i++)
    {
      const CardinalCheck *check = g_ptr_array_index (table->checks, i);
      g_autofree char *what = needs_translation (r)
        ? g_strdup_printf ("CHECK (%s) of %s", check->expression, table->name) : NULL;
      g_autofree char *expression = model_text (r, check->expression, NULL, what);

      if (expression == NULL)
        continue;
      table_body_begin_item (&body);
      append_constraint_name (out, check->name);
      g_string_append (out, "CHECK (");
      g_string_append (out, expression);
      g_string_append_c (out, ')');
    }

  for (guint i = 0; table->foreign_keys != NULL && i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      /* SQLite resolves references when rows change, so a forward one is
       * fine there; PostgreSQL needs the referenced table to exist. */
      if (postgresql)
        {
          gint ref = lookup_table (targets, fk);

          if (ref >= 0 && rank[ref] > own_rank)
            {
              g_ptr_array_add (deferred, (gpointer) fk);
              continue;
            }
        }
      table_body_begin_item (&body);
      append_foreign_key (out, r, fk);
    }

  table_body_flush_comment (&body);
  g_string_append (out, "\n)");
  if (postgresql && has_text (table->partition_by))
    {
      g_string_append (out, " PARTITION BY ");
      g_string_append (out, table->partition_by);
    }
  if (!postgresql && table->without_rowid)
    g_string_append (out, table->strict ? " WITHOUT ROWID, STRICT" : " WITHOUT ROWID");
  else if (!postgresql && table->strict)
    g_string_append (out, " STRICT");
  g_string_append (out, ";\n");
}

static void
append_pg_comments (GString             *out,
                    const Render        *r,
                    const CardinalTable *table)
{
  if (table->comment != NULL && table->comment[0] != '\0')
    {
      g_string_append (out, "COMMENT ON TABLE ");
      append_table_name (out, r, table);
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
      append_table_name (out, r, table);
      g_string_append_c (out, '.');
      cardinal_identifier_append_quoted (out, column->name);
      g_string_append (out, " IS ");
      append_string_literal (out, column->comment);
      g_string_append (out, ";\n");
    }
}

static void
append_index_key (GString             *out,
                  Render              *r,
                  const CardinalIndex *index,
                  guint                position,
                  const char          *where)
{
  const CardinalIndexKey *key = index->keys != NULL && position < index->keys->len
                                ? g_ptr_array_index (index->keys, position) : NULL;
  const char *column = index->columns != NULL ? index->columns[position] : NULL;

  if (key == NULL)
    {
      cardinal_identifier_append_quoted (out, column != NULL ? column : "");
      return;
    }

  if (has_text (key->expression))
    {
      g_autofree char *expression = model_text (r, key->expression, NULL, where != NULL ? where : "an index");

      /* PostgreSQL needs the parentheses; SQLite keeps the text as written,
       * so it gets the expression just as it was declared. */
      if (is_postgresql (r))
        g_string_append_c (out, '(');
      /* append_indexes () left out an index whose expressions do not translate. */
      g_string_append (out, expression != NULL ? expression : "NULL");
      if (is_postgresql (r))
        g_string_append_c (out, ')');
    }
  else
    cardinal_identifier_append_quoted (out, has_text (key->column) ? key->column : (column != NULL ? column : ""));

  append_collation (out, r, key->collation, where, NULL);
  if (has_text (key->opclass))
    {
      if (is_postgresql (r))
        {
          /* A qualified operator class ("public.gin_trgm_ops") is quoted part by part. */
          g_auto(GStrv) parts = g_strsplit (key->opclass, ".", -1);

          g_string_append_c (out, ' ');
          for (guint p = 0; parts[p] != NULL; p++)
            {
              if (p > 0)
                g_string_append_c (out, '.');
              cardinal_identifier_append_quoted (out, parts[p]);
            }
        }
      else
        add_note (r, "Left out for SQLite: operator class %s in %s.", key->opclass, where);
    }
  if (key->descending)
    g_string_append (out, " DESC");
  if (key->nulls != CARDINAL_NULLS_DEFAULT)
    {
      if (is_postgresql (r))
        g_string_append (out, key->nulls == CARDINAL_NULLS_FIRST ? " NULLS FIRST" : " NULLS LAST");
      else
        add_note (r, "Left out for SQLite: NULLS %s in %s.",
                  key->nulls == CARDINAL_NULLS_FIRST ? "FIRST" : "LAST", where);
    }
}

/* Whether every expression key of @index has a form in the render's dialect. */
static gboolean
index_translates (Render              *r,
                  const CardinalIndex *index)
{
  if (!r->schema->has_dialect || r->same_dialect || index->keys == NULL)
    return TRUE;
  for (guint k = 0; k < index->keys->len; k++)
    {
      const CardinalIndexKey *key = g_ptr_array_index (index->keys, k);
      g_autofree char *translated = NULL;

      if (!has_text (key->expression))
        continue;
      translated = cardinal_sql_translate_expression (key->expression, (CardinalDialect) r->schema->dialect,
                                                      r->dialect, NULL, NULL);
      if (translated == NULL)
        return FALSE;
    }
  return TRUE;
}

static void
append_indexes (Render              *r,
                GString             *out,
                GString             *scratch,
                const CardinalTable *table)
{
  for (guint i = 0; table->indexes != NULL && i < table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (table->indexes, i);
      gboolean postgresql = is_postgresql (r);
      /* Only SQLite leaves parts of an index out and names it in a note. */
      g_autofree char *where = postgresql ? NULL : g_strdup_printf ("index %s", index->name != NULL ? index->name : "");

      if (!index_translates (r, index))
        {
          add_note (r, "Left out for %s: index %s, whose expressions have no %s form.",
                    postgresql ? "PostgreSQL" : "SQLite", index->name != NULL ? index->name : "",
                    postgresql ? "PostgreSQL" : "SQLite");
          flush_notes (r, out);
          continue;
        }

      g_string_truncate (scratch, 0);
      g_string_append (scratch, index->unique ? "CREATE UNIQUE INDEX " : "CREATE INDEX ");
      if (index->name != NULL && index->name[0] != '\0')
        {
          cardinal_identifier_append_quoted (scratch, index->name);
          g_string_append_c (scratch, ' ');
        }
      g_string_append (scratch, "ON ");
      append_table_name (scratch, r, table);
      g_string_append_c (scratch, ' ');
      if (has_text (index->method))
        {
          if (postgresql)
            {
              g_string_append (scratch, "USING ");
              cardinal_identifier_append_quoted (scratch, index->method);
              g_string_append_c (scratch, ' ');
            }
          else
            add_note (r, "Left out for SQLite: USING %s of %s.", index->method, where);
        }
      if (index->keys == NULL)
        append_column_list (scratch, (const char * const *) index->columns);
      else
        {
          g_string_append_c (scratch, '(');
          for (guint k = 0; index->columns != NULL && index->columns[k] != NULL; k++)
            {
              if (k > 0)
                g_string_append (scratch, ", ");
              append_index_key (scratch, r, index, k, where);
            }
          g_string_append_c (scratch, ')');
        }
      if (!strv_is_empty ((const char * const *) index->include))
        {
          if (postgresql)
            {
              g_string_append (scratch, " INCLUDE ");
              append_column_list (scratch, (const char * const *) index->include);
            }
          else
            add_note (r, "Left out for SQLite: INCLUDE of %s.", where);
        }
      if (index->nulls_not_distinct)
        {
          if (postgresql)
            g_string_append (scratch, " NULLS NOT DISTINCT");
          else
            add_note (r, "Left out for SQLite: NULLS NOT DISTINCT of %s.", where);
        }
      if (has_text (index->where))
        {
          g_autofree char *what = g_strdup_printf ("WHERE %s of index %s", index->where,
                                                   index->name != NULL ? index->name : "");
          g_autofree char *predicate = model_text (r, index->where, NULL, what);

          if (predicate == NULL)
            {
              /* Without its predicate the index would cover other rows: leave it out whole. */
              add_note (r, "Left out: index %s.", index->name != NULL ? index->name : "");
              flush_notes (r, out);
              continue;
            }
          g_string_append (scratch, " WHERE ");
          g_string_append (scratch, predicate);
        }
      g_string_append (scratch, ";\n");
      flush_notes (r, out);
      g_string_append_len (out, scratch->str, (gssize) scratch->len);
    }
}

/* Whether "--" appears on the last line of @sql (perhaps inside a string:
 * then the extra line break is harmless). */
static gboolean
last_line_has_comment (const char *sql)
{
  const char *last_line;

  if (sql == NULL)
    return FALSE;
  last_line = strrchr (sql, '\n');
  return strstr (last_line != NULL ? last_line : sql, "--") != NULL;
}

/* Whether @object is written in this render; otherwise notes why not. */
static gboolean
object_written (Render                  *r,
                const CardinalSqlObject *object)
{
  if (object->dialect == (int) r->dialect)
    return TRUE;
  add_note (r, "Left out (%s only): %s %s.", other_dialect_name (r),
            object->kind != NULL ? object->kind : "object",
            object->name != NULL ? object->name : "");
  return FALSE;
}

static void
append_objects (Render   *r,
                GString  *out,
                gboolean  before_tables)
{
  gboolean any = FALSE;

  for (guint i = 0; r->schema->objects != NULL && i < r->schema->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (r->schema->objects, i);

      if (!object->before_tables != !before_tables)
        continue;
      if (!any)
        g_string_append_c (out, '\n');
      any = TRUE;
      if (!object_written (r, object))
        {
          flush_notes (r, out);
          continue;
        }
      g_string_append (out, object->sql != NULL ? object->sql : "");
      /* A line comment at the end would swallow the semicolon. */
      if (last_line_has_comment (object->sql))
        g_string_append_c (out, '\n');
      g_string_append (out, ";\n");
    }
}

static gboolean
is_routine (const CardinalSqlObject *object)
{
  return g_strcmp0 (object->kind, "function") == 0 || g_strcmp0 (object->kind, "procedure") == 0;
}

/* CREATE SCHEMA, CREATE EXTENSION (PostgreSQL), or a note each on SQLite. */
static void
append_schemas_and_extensions (Render  *r,
                               GString *out)
{
  const CardinalSchema *schema = r->schema;
  guint n_schemas = schema->schemas != NULL ? schema->schemas->len : 0;
  guint n_extensions = schema->extensions != NULL ? schema->extensions->len : 0;

  if (n_schemas + n_extensions == 0)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < n_schemas; i++)
    {
      const char *name = g_ptr_array_index (schema->schemas, i);

      if (!is_postgresql (r))
        {
          add_note (r, "Left out for SQLite: schema %s.", name);
          continue;
        }
      g_string_append (out, "CREATE SCHEMA IF NOT EXISTS ");
      cardinal_identifier_append_quoted (out, name);
      g_string_append (out, ";\n");
    }
  for (guint i = 0; i < n_extensions; i++)
    {
      const CardinalExtension *extension = g_ptr_array_index (schema->extensions, i);

      if (!is_postgresql (r))
        {
          add_note (r, "Left out for SQLite: extension %s.", extension->name);
          continue;
        }
      g_string_append (out, "CREATE EXTENSION IF NOT EXISTS ");
      cardinal_identifier_append_quoted (out, extension->name);
      if (has_text (extension->schema))
        {
          g_string_append (out, " WITH SCHEMA ");
          cardinal_identifier_append_quoted (out, extension->schema);
        }
      g_string_append (out, ";\n");
    }
  flush_notes (r, out);
}

static void
append_type_comment (GString                *out,
                     const Render           *r,
                     const CardinalUserType *type)
{
  if (!has_text (type->comment))
    return;
  g_string_append (out, type->kind == CARDINAL_USER_TYPE_DOMAIN ? "COMMENT ON DOMAIN " : "COMMENT ON TYPE ");
  append_qualified (out, r, type->schema, type->name);
  g_string_append (out, " IS ");
  append_string_literal (out, type->comment);
  g_string_append (out, ";\n");
}

/* Enum types, then domains (a domain may be over an enum). PostgreSQL only:
 * SQLite writes them into each column that uses them. */
static void
append_user_types (Render  *r,
                   GString *out)
{
  const CardinalSchema *schema = r->schema;

  if (!is_postgresql (r) || schema->types == NULL || schema->types->len == 0)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < schema->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (schema->types, i);

      if (type->kind != CARDINAL_USER_TYPE_ENUM)
        continue;
      g_string_append (out, "CREATE TYPE ");
      append_qualified (out, r, type->schema, type->name);
      g_string_append (out, " AS ENUM (");
      for (guint k = 0; type->values != NULL && type->values[k] != NULL; k++)
        {
          if (k > 0)
            g_string_append (out, ", ");
          append_string_literal (out, type->values[k]);
        }
      g_string_append (out, ");\n");
      append_type_comment (out, r, type);
    }
  for (guint i = 0; i < schema->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (schema->types, i);
      g_autofree char *base = NULL;
      const CardinalUserType *base_type;

      if (type->kind != CARDINAL_USER_TYPE_DOMAIN)
        continue;
      g_string_append (out, "CREATE DOMAIN ");
      append_qualified (out, r, type->schema, type->name);
      g_string_append (out, " AS ");
      base_type = find_user_type (r, type->base);
      if (base_type != NULL)
        append_qualified (out, r, base_type->schema, base_type->name);
      else
        {
          base = type_text (r, type->base != NULL ? type->base : "");
          g_string_append (out, base);
        }
      append_collation (out, r, type->collation, type->name, NULL);
      if (type->default_value != NULL)
        {
          g_string_append (out, " DEFAULT ");
          g_string_append (out, type->default_value);
        }
      if (!type->nullable)
        g_string_append (out, " NOT NULL");
      for (guint k = 0; type->checks != NULL && k < type->checks->len; k++)
        {
          const CardinalCheck *check = g_ptr_array_index (type->checks, k);

          g_string_append_c (out, ' ');
          append_constraint_name (out, check->name);
          g_string_append (out, "CHECK (");
          g_string_append (out, check->expression);
          g_string_append_c (out, ')');
        }
      g_string_append (out, ";\n");
      append_type_comment (out, r, type);
    }
}

static void
append_sequences (Render  *r,
                  GString *out)
{
  const CardinalSchema *schema = r->schema;

  if (schema->sequences == NULL || schema->sequences->len == 0)
    return;
  g_string_append_c (out, '\n');
  for (guint i = 0; i < schema->sequences->len; i++)
    {
      const CardinalSequence *sequence = g_ptr_array_index (schema->sequences, i);

      if (!is_postgresql (r))
        {
          add_note (r, "Left out for SQLite: sequence %s.", sequence->name != NULL ? sequence->name : "");
          continue;
        }
      g_string_append (out, "CREATE SEQUENCE ");
      append_qualified (out, r, sequence->schema, sequence->name);
      if (has_text (sequence->type))
        {
          g_string_append (out, " AS ");
          g_string_append (out, sequence->type);
        }
      cardinal_ddl_append_sequence_options (out, sequence);
      g_string_append (out, ";\n");
    }
  flush_notes (r, out);
}

/* The table a sequence's "table.column" (or "schema.table.column") names,
 * and the column; NULL when it is not in the schema. */
static const CardinalTable *
owner_table (const CardinalSchema *schema,
             const char           *owned_by,
             const char          **column)
{
  const char *dot = strrchr (owned_by, '.');
  g_autofree char *qualified = NULL;
  const char *table_dot;

  if (dot == NULL)
    return NULL;
  *column = dot + 1;
  qualified = g_strndup (owned_by, (gsize) (dot - owned_by));
  for (guint i = 0; i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (g_strcmp0 (table->name, qualified) == 0)
        return table;
    }
  table_dot = strchr (qualified, '.');
  for (guint i = 0; table_dot != NULL && i < schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (g_strcmp0 (table->name, table_dot + 1) == 0 && table->schema != NULL
          && strlen (table->schema) == (gsize) (table_dot - qualified)
          && strncmp (table->schema, qualified, (gsize) (table_dot - qualified)) == 0)
        return table;
    }
  return NULL;
}

/* The longest prefix of @text that is at most @bytes long and ends on a
 * character boundary. */
static gsize
clip_utf8 (const char *text,
           gsize       bytes)
{
  const char *end = text + bytes;

  if (text[bytes] == '\0' || (((guchar) *end) & 0xC0) != 0x80)
    return bytes;
  return (gsize) (g_utf8_find_prev_char (text, end) - text);
}

/* PostgreSQL's own name for a serial column's sequence: <table>_<column>_seq,
 * cut the way PostgreSQL cuts it (a byte off the longer part until both fit,
 * then each back to a character boundary). */
static char *
serial_sequence_name (const char *table,
                      const char *column)
{
  gsize table_len = strlen (table);
  gsize column_len = strlen (column);
  const gsize room = CARDINAL_IDENTIFIER_MAX_BYTES - strlen ("__seq");

  while (table_len + column_len > room)
    {
      if (table_len > column_len)
        table_len--;
      else
        column_len--;
    }
  table_len = clip_utf8 (table, table_len);
  column_len = clip_utf8 (column, column_len);
  return g_strdup_printf ("%.*s_%.*s_seq", (int) table_len, table, (int) column_len, column);
}

/* Options and names of serial sequences, and OWNED BY of standalone ones. */
static void
append_sequence_fixups (Render  *r,
                        GString *out)
{
  const CardinalSchema *schema = r->schema;
  gboolean any = FALSE;

  if (!is_postgresql (r))
    return;

  for (guint i = 0; i < r->serials->len; i++)
    {
      const SerialColumn *serial = g_ptr_array_index (r->serials, i);
      const CardinalSequence *sequence = serial->column->sequence;
      g_autofree char *name = serial_sequence_name (serial->table->name, serial->column->name);

      if (!any)
        g_string_append_c (out, '\n');
      any = TRUE;
      if (sequence_has_options (sequence) || has_text (sequence->type))
        {
          g_string_append (out, "ALTER SEQUENCE ");
          append_qualified (out, r, serial->table->schema, name);
          /* serial makes its sequence the column's type; pg_dump's own sequences are bigint. */
          if (has_text (sequence->type))
            g_string_append_printf (out, " AS %s", sequence->type);
          cardinal_ddl_append_sequence_options (out, sequence);
          /* The sequence has not been used: start it where it now starts. */
          g_string_append (out, " RESTART;\n");
        }
      if (has_text (sequence->name) && g_strcmp0 (sequence->name, name) != 0)
        {
          g_string_append (out, "ALTER SEQUENCE ");
          append_qualified (out, r, serial->table->schema, name);
          g_string_append (out, " RENAME TO ");
          cardinal_identifier_append_quoted (out, sequence->name);
          g_string_append (out, ";\n");
        }
    }

  for (guint i = 0; schema->sequences != NULL && i < schema->sequences->len; i++)
    {
      const CardinalSequence *sequence = g_ptr_array_index (schema->sequences, i);
      const CardinalTable *table;
      const char *column = NULL;

      if (!has_text (sequence->owned_by))
        continue;
      if (!any)
        g_string_append_c (out, '\n');
      any = TRUE;
      table = owner_table (schema, sequence->owned_by, &column);
      if (table == NULL)
        {
          g_string_append (out, "-- ");
          append_comment_text (out, sequence->name);
          g_string_append (out, ": owned by ");
          append_comment_text (out, sequence->owned_by);
          g_string_append (out, ", which is not in the model.\n");
          continue;
        }
      g_string_append (out, "ALTER SEQUENCE ");
      append_qualified (out, r, sequence->schema, sequence->name);
      g_string_append (out, " OWNED BY ");
      append_table_name (out, r, table);
      g_string_append_c (out, '.');
      cardinal_identifier_append_quoted (out, column);
      g_string_append (out, ";\n");
    }
}

static char *
render (const CardinalSchema *schema,
        CardinalDialect       dialect,
        GPtrArray            *all_notes)
{
  g_autoptr(GHashTable) targets = NULL;
  g_autoptr(GHashTable) type_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) user_types = NULL;
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) serials = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GHashTable) clashes = NULL;
  g_autoptr(GPtrArray) deferred = NULL;
  g_autoptr(GPtrArray) deferred_owner = NULL;
  g_autoptr(GString) scratch = NULL;
  g_autofree guint *order = NULL;
  g_autofree guint *rank = NULL;
  Render r;
  GString *out;
  guint n;

  g_return_val_if_fail (schema != NULL, NULL);
  g_return_val_if_fail (schema->tables != NULL, NULL);
  g_return_val_if_fail (dialect == CARDINAL_DIALECT_SQLITE
                        || dialect == CARDINAL_DIALECT_POSTGRESQL, NULL);

  user_types = index_user_types (schema);
  r.schema = schema;
  r.dialect = dialect;
  r.same_dialect = schema->has_dialect && schema->dialect == (int) dialect;
  r.type_cache = type_cache;
  r.user_types = user_types;
  r.notes = notes;
  r.all_notes = all_notes;
  r.clashes = NULL;
  if (dialect == CARDINAL_DIALECT_SQLITE)
    {
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      clashes = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = 0; i < schema->tables->len; i++)
        {
          const CardinalTable *table = g_ptr_array_index (schema->tables, i);

          if (!g_hash_table_add (seen, table->name))
            g_hash_table_add (clashes, table->name);
        }
      r.clashes = clashes;
    }
  r.serials = serials;

  n = schema->tables->len;
  targets = resolve_references (schema);
  order = dependency_order (schema, targets);
  rank = g_new (guint, n + 1);
  for (guint i = 0; i < n; i++)
    rank[order[i]] = i;

  /* Roughly what a table costs, so the buffer rarely grows. */
  out = g_string_sized_new (256 + (gsize) n * 512);
  scratch = g_string_sized_new (1024);

  g_string_append (out, "-- Generated by Cardinal " CARDINAL_VERSION "\n-- Model: ");
  append_comment_text (out, schema->name);
  g_string_append (out, "\n-- Dialect: ");
  g_string_append (out, dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL");
  g_string_append_c (out, '\n');
  if (dialect == CARDINAL_DIALECT_SQLITE)
    g_string_append (out, "-- SQLite enforces foreign keys only on connections that run: PRAGMA foreign_keys = ON;\n");
  g_string_append (out, "\nBEGIN;\n");

  if (dialect == CARDINAL_DIALECT_POSTGRESQL)
    for (guint i = 0; schema->objects != NULL && i < schema->objects->len; i++)
      {
        const CardinalSqlObject *object = g_ptr_array_index (schema->objects, i);

        /* As pg_dump does: a function's body may name tables created later. */
        if (object->dialect == CARDINAL_DIALECT_POSTGRESQL && is_routine (object))
          {
            g_string_append (out, "SET LOCAL check_function_bodies = false;\n");
            break;
          }
      }

  append_schemas_and_extensions (&r, out);
  append_user_types (&r, out);
  append_objects (&r, out, TRUE);
  append_sequences (&r, out);

  deferred = g_ptr_array_new ();
  deferred_owner = g_ptr_array_new ();
  for (guint i = 0; i < n; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, order[i]);
      guint before = deferred->len;

      g_string_append_c (out, '\n');
      g_string_truncate (scratch, 0);
      append_create_table (&r, scratch, table, targets, rank, i, deferred);
      /* What the table had to leave out goes just before it. */
      flush_notes (&r, out);
      g_string_append_len (out, scratch->str, (gssize) scratch->len);
      for (guint k = before; k < deferred->len; k++)
        g_ptr_array_add (deferred_owner, (gpointer) table);
      if (dialect == CARDINAL_DIALECT_POSTGRESQL)
        append_pg_comments (out, &r, table);
    }

  if (deferred->len > 0)
    {
      g_string_append (out, "\n-- Foreign keys that close a cycle, added once every table exists.\n");
      for (guint i = 0; i < deferred->len; i++)
        {
          const CardinalTable *table = g_ptr_array_index (deferred_owner, i);

          g_string_append (out, "ALTER TABLE ");
          append_table_name (out, &r, table);
          g_string_append (out, " ADD ");
          append_foreign_key (out, &r, g_ptr_array_index (deferred, i));
          g_string_append (out, ";\n");
        }
    }

  for (guint i = 0; i < n; i++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, order[i]);

      if (table->indexes != NULL && table->indexes->len > 0)
        {
          g_string_append_c (out, '\n');
          append_indexes (&r, out, scratch, table);
        }
    }

  append_sequence_fixups (&r, out);
  append_objects (&r, out, FALSE);

  g_string_append (out, "\nCOMMIT;\n");

  return g_string_free (out, FALSE);
}

char *
cardinal_ddl_render (const CardinalSchema *schema,
                     CardinalDialect       dialect)
{
  return render (schema, dialect, NULL);
}

char *
cardinal_ddl_render_with_notes (const CardinalSchema  *schema,
                                CardinalDialect        dialect,
                                GPtrArray            **notes)
{
  g_autoptr(GPtrArray) all_notes = g_ptr_array_new_with_free_func (g_free);
  char *script = render (schema, dialect, all_notes);

  if (notes != NULL)
    *notes = g_steal_pointer (&all_notes);
  return script;
}

/* Pieces of one table -------------------------------------------------- */

static void
render_init (Render               *r,
             const CardinalSchema *schema,
             CardinalDialect       dialect,
             GHashTable           *type_cache,
             GPtrArray            *notes,
             GPtrArray            *serials)
{
  r->schema = schema;
  r->dialect = dialect;
  r->same_dialect = schema->has_dialect && schema->dialect == (int) dialect;
  r->type_cache = type_cache;
  r->user_types = index_user_types (schema);
  r->notes = notes;
  r->all_notes = NULL;
  r->clashes = NULL;
  r->serials = serials;
}

/* What one item of a CREATE TABLE body wrote, without the separator. */
static char *
body_item (GString *out)
{
  const char *text = out->str;

  while (*text == ',' || *text == '\n' || *text == ' ')
    text++;
  return g_strdup (text);
}

CardinalDdlTable *
cardinal_ddl_render_table (const CardinalSchema *schema,
                           const CardinalTable  *table,
                           CardinalDialect       dialect,
                           gboolean              with_foreign_keys)
{
  g_autoptr(GHashTable) type_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) serials = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) deferred = g_ptr_array_new ();
  g_autoptr(GPtrArray) no_fks = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  g_autoptr(GString) scratch = g_string_new (NULL);
  CardinalDdlTable *pieces = g_new0 (CardinalDdlTable, 1);
  const CardinalColumn *rowid_column;
  CardinalTable shallow;
  Render r;

  render_init (&r, schema, dialect, type_cache, notes, serials);
  rowid_column = dialect == CARDINAL_DIALECT_SQLITE ? sqlite_rowid_column (table) : NULL;

  shallow = *table;
  /* PostgreSQL needs the referenced tables first: a migration adds FKs later. */
  if (!with_foreign_keys || dialect == CARDINAL_DIALECT_POSTGRESQL)
    shallow.foreign_keys = no_fks;
  append_create_table (&r, out, &shallow, NULL, NULL, 0, deferred);
  g_ptr_array_set_size (notes, 0);
  if (dialect == CARDINAL_DIALECT_POSTGRESQL)
    append_pg_comments (out, &r, table);
  pieces->create_table = g_strdup (out->str);

  pieces->columns = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < table->columns->len; i++)
    {
      TableBody body = { out, TRUE, NULL };

      g_string_truncate (out, 0);
      append_column (&r, &body, table, g_ptr_array_index (table->columns, i), rowid_column);
      g_ptr_array_add (pieces->columns, body_item (out));
    }

  if (!strv_is_empty ((const char * const *) table->primary_key) && rowid_column == NULL)
    {
      g_string_truncate (out, 0);
      append_constraint_name (out, table->primary_key_name);
      g_string_append (out, "PRIMARY KEY ");
      append_column_list (out, (const char * const *) table->primary_key);
      pieces->primary_key = g_strdup (out->str);
    }

  pieces->uniques = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; table->uniques != NULL && i < table->uniques->len; i++)
    {
      TableBody body = { out, TRUE, NULL };

      g_string_truncate (out, 0);
      append_unique (&r, &body, table, g_ptr_array_index (table->uniques, i));
      g_ptr_array_add (pieces->uniques, body_item (out));
    }

  pieces->checks = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; table->checks != NULL && i < table->checks->len; i++)
    {
      const CardinalCheck *check = g_ptr_array_index (table->checks, i);
      g_autofree char *expression = model_text (&r, check->expression, NULL, NULL);

      g_string_truncate (out, 0);
      if (expression != NULL)
        {
          append_constraint_name (out, check->name);
          g_string_append_printf (out, "CHECK (%s)", expression);
        }
      g_ptr_array_add (pieces->checks, g_strdup (out->str));
    }

  pieces->foreign_keys = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; table->foreign_keys != NULL && i < table->foreign_keys->len; i++)
    {
      g_string_truncate (out, 0);
      append_foreign_key (out, &r, g_ptr_array_index (table->foreign_keys, i));
      g_ptr_array_add (pieces->foreign_keys, g_strdup (out->str));
    }

  pieces->indexes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; table->indexes != NULL && i < table->indexes->len; i++)
    {
      g_autoptr(GPtrArray) one = g_ptr_array_new ();
      CardinalTable single = *table;

      g_ptr_array_add (one, g_ptr_array_index (table->indexes, i));
      single.indexes = one;
      g_string_truncate (out, 0);
      append_indexes (&r, out, scratch, &single);
      g_ptr_array_set_size (notes, 0);
      g_ptr_array_add (pieces->indexes, g_strdup (out->str));
    }

  g_hash_table_unref (r.user_types);
  return pieces;
}

void
cardinal_ddl_table_free (CardinalDdlTable *pieces)
{
  if (pieces == NULL)
    return;
  g_free (pieces->create_table);
  g_ptr_array_unref (pieces->columns);
  g_free (pieces->primary_key);
  g_ptr_array_unref (pieces->uniques);
  g_ptr_array_unref (pieces->checks);
  g_ptr_array_unref (pieces->foreign_keys);
  g_ptr_array_unref (pieces->indexes);
  g_free (pieces);
}

char *
cardinal_ddl_render_enum (const CardinalSchema   *schema,
                          const CardinalUserType *type)
{
  g_autoptr(GHashTable) type_cache = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GPtrArray) notes = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) serials = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) one = g_ptr_array_new ();
  g_autoptr(GString) out = g_string_new (NULL);
  CardinalSchema single = *schema;
  Render r;

  g_ptr_array_add (one, (gpointer) type);
  single.types = one;
  render_init (&r, &single, CARDINAL_DIALECT_POSTGRESQL, type_cache, notes, serials);
  append_user_types (&r, out);
  g_hash_table_unref (r.user_types);
  return g_strdup (g_strstrip (out->str));
}

char *
cardinal_ddl_table_name (const CardinalTable *table,
                         CardinalDialect      dialect)
{
  GString *out = g_string_new (NULL);

  if (dialect == CARDINAL_DIALECT_POSTGRESQL && has_text (table->schema))
    {
      cardinal_identifier_append_quoted (out, table->schema);
      g_string_append_c (out, '.');
    }
  cardinal_identifier_append_quoted (out, table->name);
  return g_string_free (out, FALSE);
}
