/* cardinal-reflect-sql.c: .sql files: SQLite's executed into an in-memory database, PostgreSQL's read through libpg_query's parse tree. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-reflect-private.h"

#include <string.h>

#include <pg_query.h>

#include "cardinal-identifier.h"

/* SQLite ------------------------------------------------------------------- */

/* A .sql file must not reach outside the in-memory database. */
static int
deny_outside (void       *data,
              int         action,
              const char *a,
              const char *b,
              const char *c,
              const char *d)
{
  if (action == SQLITE_ATTACH || action == SQLITE_DETACH)
    return SQLITE_DENY;
  if (action == SQLITE_FUNCTION && b != NULL && g_ascii_strcasecmp (b, "load_extension") == 0)
    return SQLITE_DENY;
  return SQLITE_OK;
}

/* The SQLite .sql reader runs a file's statements; a schema needs few VM
 * steps, so a statement that needs more than PROGRESS_BUDGET × PROGRESS_STEPS
 * (100 million) is stopped. */
#define PROGRESS_STEPS  1000
#define PROGRESS_BUDGET 100000

typedef struct
{
  GCancellable *cancellable;
  guint         calls;
} Budget;

static int
over_budget (void *data)
{
  Budget *budget = data;

  return ++budget->calls > PROGRESS_BUDGET || g_cancellable_is_cancelled (budget->cancellable);
}

/* INSERT, UPDATE, DELETE, SELECT, VALUES … at the top level: rows, not schema.
 * (CREATE TABLE … AS SELECT is schema, and runs under the budget.) */
static gboolean
is_data_statement (sqlite3_stmt *stmt)
{
  const char *p = sqlite3_sql (stmt);
  static const char * const words[] = { "insert", "replace", "update", "delete", "select", "values", "with" };

  if (p == NULL)
    return FALSE;
  p = cardinal_sql_lexer_skip_blank (p, CARDINAL_SQL_LEX_SQLITE, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (words); i++)
    {
      gsize n = strlen (words[i]);

      if (g_ascii_strncasecmp (p, words[i], n) == 0 && !g_ascii_isalnum (p[n]) && p[n] != '_')
        return TRUE;
    }
  return FALSE;
}

CardinalSchema *
cardinal_reflect_sql_sqlite (const char    *sql,
                             const char    *filename,
                             GPtrArray     *notes,
                             GCancellable  *cancellable,
                             GError       **error)
{
  sqlite3 *db = NULL;
  const char *tail = sql;
  CardinalSchema *schema;
  Budget budget = { cancellable, 0 };
  guint n_data = 0;

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                   "%s: cannot open an in-memory database: %s", filename, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer (db, deny_outside, NULL);
  /* A hostile file (an endless WITH RECURSIVE in CREATE TABLE … AS) ends
   * with a message, and Cancel stops it. */
  sqlite3_progress_handler (db, PROGRESS_STEPS, over_budget, &budget);

  /* Statement by statement, so that an error has a place in the file. */
  while (*tail != '\0')
    {
      const char *start = tail;
      sqlite3_stmt *stmt = NULL;
      int rc;

      if (!cardinal_reflect_check_cancelled (cancellable, error))
        {
          sqlite3_close (db);
          return NULL;
        }

      rc = sqlite3_prepare_v2 (db, start, -1, &stmt, &tail);
      /* Rows are not schema: data statements are skipped (and counted), never run. */
      if (rc == SQLITE_OK && stmt != NULL && is_data_statement (stmt))
        {
          n_data++;
          sqlite3_finalize (stmt);
          continue;
        }
      if (rc == SQLITE_OK && stmt != NULL)
        {
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            ;
          if (rc == SQLITE_DONE)
            rc = SQLITE_OK;
        }
      /* ATTACH, VACUUM INTO…: not schema, and an import writes nothing. */
      if (rc == SQLITE_AUTH && tail != NULL && tail > start)
        {
          const char *at = start;

          while (g_ascii_isspace (*at))
            at++;
          cardinal_reflect_note (notes, "%s:%u: statement skipped: it would reach outside the database",
                                 filename, cardinal_reflect_line_at (sql, (gsize) (at - sql)));
          sqlite3_finalize (stmt);
          continue;
        }
      if (rc == SQLITE_INTERRUPT)
        {
          if (g_cancellable_is_cancelled (cancellable))
            g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CANCELLED, "%s: cancelled", filename);
          else
            g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                         "%s:%u: this statement runs too long for a schema (stopped after %u million steps)",
                         filename, cardinal_reflect_line_at (sql, (gsize) (start + strspn (start, " \t\r\n") - sql)),
                         (guint) ((guint64) PROGRESS_BUDGET * PROGRESS_STEPS / 1000000));
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          return NULL;
        }
      if (rc != SQLITE_OK)
        {
          int offset = sqlite3_error_offset (db);
          const char *at = start;

          /* Without an offset, the statement's first word is the best place. */
          if (offset >= 0)
            at = start + offset;
          else
            while (g_ascii_isspace (*at))
              at++;
          g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                       "%s:%u: %s", filename, cardinal_reflect_line_at (sql, (gsize) (at - sql)),
                       sqlite3_errmsg (db));
          sqlite3_finalize (stmt);
          sqlite3_close (db);
          return NULL;
        }
      sqlite3_finalize (stmt);
      if (tail == NULL)
        break;
    }

  if (n_data > 0)
    cardinal_reflect_note (notes, "%s: %u data statement%s (INSERT, UPDATE, DELETE, SELECT …) skipped",
                           filename, n_data, n_data == 1 ? "" : "s");
  /* Reading the schema back is Cardinal's own work: no budget for it. */
  sqlite3_progress_handler (db, 0, NULL, NULL);
  schema = cardinal_reflect_sqlite_internal (db, filename, notes, cancellable, error);
  if (schema == NULL && error != NULL && *error != NULL
      && g_error_matches (*error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY))
    {
      g_clear_error (error);
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                   "%s: creates no tables", filename);
    }
  sqlite3_close (db);
  return schema;
}

/* PostgreSQL ----------------------------------------------------------------- */

/* A foreign key's referenced table as the file names it. */
typedef struct
{
  CardinalForeignKey *fk;
  char               *schema;
  char               *name;
} Reference;

static void
reference_free (Reference *reference)
{
  g_free (reference->schema);
  g_free (reference->name);
  g_free (reference);
}

/* A standalone sequence, and the column it is OWNED BY as the file names it. */
typedef struct
{
  CardinalSequence *sequence;       /* in schema->sequences until a serial column takes it */
  char             *schema_name;    /* "public" when unqualified */
  char             *owner_schema;
  char             *owner_table;
  char             *owner_column;
} SequenceInfo;

static void
sequence_info_free (SequenceInfo *info)
{
  g_free (info->schema_name);
  g_free (info->owner_schema);
  g_free (info->owner_table);
  g_free (info->owner_column);
  g_free (info);
}

/* What a kept SQL object names, resolved into depends_on once every statement is read. */
typedef struct
{
  CardinalSqlObject *object;
  GPtrArray         *relations;   /* "schema\x1fname" (schema "" when unqualified) */
  GPtrArray         *functions;   /* bare function names */
  GPtrArray         *types;       /* argument and result type names (functions) */
  gboolean           routine;     /* a function, procedure or type: before_tables is decided */
} ObjectInfo;

static void
object_info_free (ObjectInfo *info)
{
  g_ptr_array_unref (info->relations);
  g_ptr_array_unref (info->functions);
  g_ptr_array_unref (info->types);
  g_free (info);
}

typedef struct
{
  const char     *sql;
  gsize           sql_length;
  const char     *filename;
  GPtrArray      *notes;
  CardinalSchema *schema;
  /* "schema\x1ftable" → CardinalTable (borrowed); tables outside a schema are in "public". */
  GHashTable     *tables;
  GHashTable     *table_schema;  /* CardinalTable → its schema name */
  GHashTable     *skipped;       /* statement kind → count */
  GHashTable     *sequences;     /* "schema\x1fname" → SequenceInfo */
  GPtrArray      *sequence_order;/* of SequenceInfo (borrowed), in file order */
  GHashTable     *types;         /* "schema\x1fname" → CardinalUserType (borrowed) */
  GHashTable     *spellings;     /* CardinalColumn → its type as PostgreSQL prints it */
  GHashTable     *kept_indexes;  /* "schema\x1fname" of an index a kept statement makes → its ObjectInfo */
  GPtrArray      *references;    /* of Reference: resolved once every table is known */
  GPtrArray      *object_infos;  /* of ObjectInfo */
  gint64          cursor;        /* where the statement being read starts, then how far it was searched */
  gint64          stmt_start;
  gint64          stmt_end;
} SqlReader;

/* libpg_query's parse tree -------------------------------------------------------
 *
 * pg_query_parse() gives the tree as JSON. It is read here into values that
 * live in one arena and are freed at once: for a 5,000-table file that is
 * about 17 MB of JSON and a million objects, which a general-purpose JSON
 * library (json-glib builds a hash table per object) takes seconds over. The
 * text comes from libpg_query, not from the user; malformed JSON still fails
 * cleanly rather than being trusted. */

typedef enum
{
  PG_JSON_NULL,
  PG_JSON_BOOLEAN,
  PG_JSON_NUMBER,
  PG_JSON_STRING,
  PG_JSON_ARRAY,
  PG_JSON_OBJECT,
} PgJsonKind;

typedef struct _PgJson       PgJson;
typedef struct _PgJsonMember PgJsonMember;

struct _PgJson
{
  PgJsonKind kind;
  guint      length;          /* items of an array, members of an object */
  union
  {
    gboolean      boolean;
    gint64        number;
    const char   *string;
    PgJson       *items;
    PgJsonMember *members;
  } v;
};

struct _PgJsonMember
{
  const char *name;
  PgJson      value;
};

typedef struct
{
  GSList     *blocks;        /* owned memory, freed together */
  char       *free_start;
  gsize       free_length;
  const char *p;
  GArray     *values;        /* scratch stack of PgJson */
  GArray     *members;       /* scratch stack of PgJsonMember */
} PgJsonParser;

#define PG_JSON_BLOCK (1024 * 1024)

static gpointer
pg_json_alloc (PgJsonParser *parser,
               gsize         size)
{
  gpointer result;

  size = (size + 7) & ~(gsize) 7;
  if (size > parser->free_length)
    {
      gsize block = MAX (size, PG_JSON_BLOCK);

      parser->free_start = g_malloc (block);
      parser->free_length = block;
      parser->blocks = g_slist_prepend (parser->blocks, parser->free_start);
    }
  result = parser->free_start;
  parser->free_start += size;
  parser->free_length -= size;
  return result;
}

static void
pg_json_skip_space (PgJsonParser *parser)
{
  while (*parser->p == ' ' || *parser->p == '\n' || *parser->p == '\t' || *parser->p == '\r')
    parser->p++;
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

static gboolean
read_hex4 (const char *p,
           gunichar   *value)
{
  *value = 0;
  for (int i = 0; i < 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return FALSE;
      *value = *value * 16 + (gunichar) digit;
    }
  return TRUE;
}

/* At the opening quote; the decoded text goes into the arena. */
static const char *
pg_json_string (PgJsonParser *parser)
{
  const char *start = ++parser->p;
  const char *end = start;
  char *out, *q;

  /* The decoded text is never longer than the encoded one. */
  while (*end != '"')
    {
      if (*end == '\0')
        return NULL;
      if (*end == '\\' && end[1] != '\0')
        end++;
      end++;
    }
  out = q = pg_json_alloc (parser, (gsize) (end - start) + 1);
  for (const char *s = start; s < end; s++)
    {
      gunichar c;

      if (*s != '\\')
        {
          *q++ = *s;
          continue;
        }
      s++;
      switch (*s)
        {
        case 'n': *q++ = '\n'; break;
        case 't': *q++ = '\t'; break;
        case 'r': *q++ = '\r'; break;
        case 'b': *q++ = '\b'; break;
        case 'f': *q++ = '\f'; break;
        case 'u':
          if (s + 4 >= end || !read_hex4 (s + 1, &c))
            return NULL;
          s += 4;
          if (c >= 0xd800 && c < 0xdc00 && s + 6 < end && s[1] == '\\' && s[2] == 'u')
            {
              gunichar low;

              if (read_hex4 (s + 3, &low) && low >= 0xdc00 && low < 0xe000)
                {
                  c = 0x10000 + ((c - 0xd800) << 10) + (low - 0xdc00);
                  s += 6;
                }
            }
          /* \u0000 cannot be in a C string; SQL text never has it. */
          if (c == 0)
            return NULL;
          q += g_unichar_to_utf8 (c, q);
          break;
        default:
          *q++ = *s;
          break;
        }
    }
  *q = '\0';
  parser->p = end + 1;
  return out;
}

static gboolean
pg_json_value (PgJsonParser *parser,
               PgJson       *value,
               guint         depth)
{
  pg_json_skip_space (parser);
  memset (value, 0, sizeof *value);
  if (depth > 10000)
    return FALSE;

  switch (*parser->p)
    {
    case '"':
      value->kind = PG_JSON_STRING;
      value->v.string = pg_json_string (parser);
      return value->v.string != NULL;

    case '{':
    case '[':
      {
        gboolean object = *parser->p == '{';
        char close = object ? '}' : ']';
        guint base = object ? parser->members->len : parser->values->len;
        guint n;

        parser->p++;
        pg_json_skip_space (parser);
        if (*parser->p != close)
          for (;;)
            {
              if (object)
                {
                  PgJsonMember member;

                  pg_json_skip_space (parser);
                  if (*parser->p != '"' || (member.name = pg_json_string (parser)) == NULL)
                    return FALSE;
                  pg_json_skip_space (parser);
                  if (*parser->p++ != ':' || !pg_json_value (parser, &member.value, depth + 1))
                    return FALSE;
                  g_array_append_val (parser->members, member);
                }
              else
                {
                  PgJson item;

                  if (!pg_json_value (parser, &item, depth + 1))
                    return FALSE;
                  g_array_append_val (parser->values, item);
                }
              pg_json_skip_space (parser);
              if (*parser->p == ',')
                {
                  parser->p++;
                  continue;
                }
              if (*parser->p == close)
                break;
              return FALSE;
            }
        parser->p++;

        /* Nested values were popped already: the top of the stack is ours. */
        if (object)
          {
            n = parser->members->len - base;
            value->kind = PG_JSON_OBJECT;
            value->length = n;
            value->v.members = pg_json_alloc (parser, n * sizeof (PgJsonMember) + 1);
            /* An empty array's storage may be NULL: no memcpy from it. */
            if (n > 0)
              memcpy (value->v.members, &g_array_index (parser->members, PgJsonMember, base), n * sizeof (PgJsonMember));
            g_array_set_size (parser->members, base);
          }
        else
          {
            n = parser->values->len - base;
            value->kind = PG_JSON_ARRAY;
            value->length = n;
            value->v.items = pg_json_alloc (parser, n * sizeof (PgJson) + 1);
            if (n > 0)
              memcpy (value->v.items, &g_array_index (parser->values, PgJson, base), n * sizeof (PgJson));
            g_array_set_size (parser->values, base);
          }
        return TRUE;
      }

    case 't':
      value->kind = PG_JSON_BOOLEAN;
      value->v.boolean = TRUE;
      parser->p += 4;
      return strncmp (parser->p - 4, "true", 4) == 0;

    case 'f':
      value->kind = PG_JSON_BOOLEAN;
      parser->p += 5;
      return strncmp (parser->p - 5, "false", 5) == 0;

    case 'n':
      value->kind = PG_JSON_NULL;
      parser->p += 4;
      return strncmp (parser->p - 4, "null", 4) == 0;

    default:
      {
        char *end = NULL;

        value->kind = PG_JSON_NUMBER;
        value->v.number = g_ascii_strtoll (parser->p, &end, 10);
        if (end == parser->p)
          return FALSE;
        /* A fraction or exponent: only whole numbers are used from the tree. */
        while (*end == '.' || *end == 'e' || *end == 'E' || *end == '+' || *end == '-' || g_ascii_isdigit (*end))
          end++;
        parser->p = end;
        return TRUE;
      }
    }
}

static void
pg_json_parser_clear (PgJsonParser *parser)
{
  g_slist_free_full (parser->blocks, g_free);
  parser->blocks = NULL;
  g_clear_pointer (&parser->values, g_array_unref);
  g_clear_pointer (&parser->members, g_array_unref);
}

static gboolean
pg_json_parse (PgJsonParser *parser,
               const char   *text,
               PgJson       *root)
{
  parser->p = text;
  parser->values = g_array_new (FALSE, FALSE, sizeof (PgJson));
  parser->members = g_array_new (FALSE, FALSE, sizeof (PgJsonMember));
  if (!pg_json_value (parser, root, 0))
    return FALSE;
  pg_json_skip_space (parser);
  return *parser->p == '\0';
}

static const PgJson *
pg_json_member (const PgJson *object,
                const char   *name)
{
  if (object == NULL || object->kind != PG_JSON_OBJECT)
    return NULL;
  for (guint i = 0; i < object->length; i++)
    if (strcmp (object->v.members[i].name, name) == 0)
      return &object->v.members[i].value;
  return NULL;
}

static guint
pg_json_length (const PgJson *array)
{
  return array != NULL && array->kind == PG_JSON_ARRAY ? array->length : 0;
}

static const PgJson *
pg_json_item (const PgJson *array,
              guint         i)
{
  return &array->v.items[i];
}

static const PgJson *
member_object (const PgJson *object,
               const char   *name)
{
  const PgJson *value = pg_json_member (object, name);

  return value != NULL && value->kind == PG_JSON_OBJECT ? value : NULL;
}

static const PgJson *
member_array (const PgJson *object,
              const char   *name)
{
  const PgJson *value = pg_json_member (object, name);

  return value != NULL && value->kind == PG_JSON_ARRAY ? value : NULL;
}

static const char *
member_string (const PgJson *object,
               const char   *name)
{
  const PgJson *value = pg_json_member (object, name);

  return value != NULL && value->kind == PG_JSON_STRING ? value->v.string : NULL;
}

static gint64
member_int (const PgJson *object,
            const char   *name,
            gint64        fallback)
{
  const PgJson *value = pg_json_member (object, name);

  return value != NULL && value->kind == PG_JSON_NUMBER ? value->v.number : fallback;
}

static gboolean
member_bool (const PgJson *object,
             const char   *name)
{
  const PgJson *value = pg_json_member (object, name);

  return value != NULL && value->kind == PG_JSON_BOOLEAN && value->v.boolean;
}

/* A node is {"Kind": {…}}: its kind and its fields. */
static const char *
node_kind (const PgJson  *node,
           const PgJson **fields)
{
  *fields = NULL;
  if (node == NULL || node->kind != PG_JSON_OBJECT || node->length == 0)
    return NULL;
  if (node->v.members[0].value.kind == PG_JSON_OBJECT)
    *fields = &node->v.members[0].value;
  return node->v.members[0].name;
}

/* The sval of a String node. */
static const char *
string_node (const PgJson *node)
{
  const PgJson *fields;
  const char *kind = node_kind (node, &fields);

  return g_strcmp0 (kind, "String") == 0 ? member_string (fields, "sval") : NULL;
}

/* A list of String nodes as a GStrv (NULL items skipped). */
static GStrv
string_list (const PgJson *array)
{
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; i < pg_json_length (array); i++)
    {
      const char *value = string_node (pg_json_item (array, i));

      if (value != NULL)
        g_ptr_array_add (out, g_strdup (value));
    }
  g_ptr_array_add (out, NULL);
  return (GStrv) g_ptr_array_free (out, FALSE);
}


static void
skip_statement (SqlReader  *reader,
                const char *kind)
{
  g_hash_table_insert (reader->skipped, (gpointer) g_intern_string (kind),
                       GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (reader->skipped, kind)) + 1));
}

static char *
table_key (const char *schema,
           const char *name)
{
  return g_strdup_printf ("%s\x1f%s", schema != NULL ? schema : "public", name);
}

/* The table @schema.@name (@schema NULL: unqualified) names: exactly, else
 * for an unqualified name the only table with that bare name. */
static CardinalTable *
find_table_named (SqlReader  *reader,
                  const char *schema,
                  const char *name)
{
  g_autofree char *key = NULL;
  CardinalTable *found;
  GHashTableIter iter;
  gpointer table_pointer, schema_name;

  if (name == NULL)
    return NULL;
  key = table_key (schema, name);
  found = g_hash_table_lookup (reader->tables, key);
  if (found != NULL || schema != NULL)
    return found;

  g_hash_table_iter_init (&iter, reader->table_schema);
  while (g_hash_table_iter_next (&iter, &table_pointer, &schema_name))
    {
      CardinalTable *table = table_pointer;

      if (g_str_equal (table->name, name))
        {
          if (found != NULL)
            return NULL;
          found = table;
        }
    }
  return found;
}

/* The table a RangeVar node names. */
static CardinalTable *
find_table (SqlReader    *reader,
            const PgJson *range_var)
{
  return find_table_named (reader, member_string (range_var, "schemaname"), member_string (range_var, "relname"));
}

/* The table of a dotted name list whose last @skip items are not the table's. */
static CardinalTable *
find_table_in_list (SqlReader *reader,
                    GStrv      names,
                    guint      skip)
{
  guint n = g_strv_length (names);

  if (n < skip + 1)
    return NULL;
  return find_table_named (reader, n >= skip + 2 ? names[n - skip - 2] : NULL, names[n - skip - 1]);
}

/* A schema the model must create: every one but public, once. */
static void
use_schema (SqlReader  *reader,
            const char *name)
{
  if (name == NULL || g_str_equal (name, "public") || g_str_equal (name, "pg_catalog"))
    return;
  for (guint i = 0; i < reader->schema->schemas->len; i++)
    if (g_str_equal (g_ptr_array_index (reader->schema->schemas, i), name))
      return;
  g_ptr_array_add (reader->schema->schemas, g_strdup (name));
}

/* A qualified name list (["billing", "kind"]): its schema (NULL for none or public) and last name. */
static const char *
split_names (GStrv        names,
             const char **schema)
{
  guint n = g_strv_length (names);

  *schema = n >= 2 && !g_str_equal (names[n - 2], "public") ? names[n - 2] : NULL;
  return n > 0 ? names[n - 1] : NULL;
}

/* Source text ------------------------------------------------------------------- */

/* @start..@end of the file without white space around it. */
static char *
span_text (SqlReader   *reader,
           const char  *start,
           const char  *end)
{
  g_autofree char *text = NULL;

  if (start == NULL || end == NULL || end < start)
    return NULL;
  text = g_strndup (start, (gsize) (end - start));
  return g_strdup (g_strstrip (text));
}

/* Where the statement being read starts: past the comments before it. */
static const char *
statement_start (SqlReader *reader)
{
  const char *p = reader->sql + reader->stmt_start;
  const char *end = reader->sql + reader->stmt_end;
  CardinalSqlToken token;

  for (;;)
    {
      const char *before = p;

      cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
      if (token.kind != CARDINAL_SQL_TOKEN_COMMENT || p > end)
        {
          p = before;
          break;
        }
    }
  while (g_ascii_isspace (*p) && p < end)
    p++;
  return p;
}

/* The statement being read, without the comments before it and its semicolon. */
static char *
statement_text (SqlReader *reader)
{
  return span_text (reader, statement_start (reader), reader->sql + reader->stmt_end);
}

static guint
statement_line (SqlReader *reader)
{
  return cardinal_reflect_line_at (reader->sql, (gsize) (statement_start (reader) - reader->sql));
}

/* The inside of the first parenthesized group at or after @location in the
 * statement (a CHECK's or a generated column's expression), and in *@after
 * (may be NULL) where the group ends. */
static char *
group_text (SqlReader   *reader,
            gint64       location,
            const char **after)
{
  const char *p;
  const char *end = reader->sql + reader->stmt_end;
  CardinalSqlToken token;
  const char *start = NULL;
  int depth = 0;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return NULL;
  p = reader->sql + location;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < end;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (cardinal_sql_token_is (&token, "("))
        {
          if (depth++ == 0)
            start = p;
        }
      else if (cardinal_sql_token_is (&token, ")") && depth > 0 && --depth == 0)
        {
          if (after != NULL)
            *after = p;
          return span_text (reader, start, token.start);
        }
    }
  return NULL;
}

/* What ends a DEFAULT expression (PostgreSQL's b_expr) inside a column definition. */
static gboolean
ends_default (const CardinalSqlToken *token,
              const CardinalSqlToken *previous)
{
  static const char *const words[] = {
    "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "DEFAULT",
    "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", NULL,
  };

  if (cardinal_sql_token_is (token, ",") || cardinal_sql_token_is (token, ")")
      || cardinal_sql_token_is (token, ";"))
    return TRUE;
  if (cardinal_sql_token_is (token, "NOT"))
    return !cardinal_sql_token_is (previous, "IS");
  if (cardinal_sql_token_is (token, "NULL"))
    return !cardinal_sql_token_is (previous, "IS") && !cardinal_sql_token_is (previous, "NOT");
  for (guint i = 0; words[i] != NULL; i++)
    if (cardinal_sql_token_is (token, words[i]))
      return TRUE;
  return FALSE;
}

/* The text of the expression after the DEFAULT at or after @location, up to
 * @limit at most (the next constraint of the column, or the statement's end). */
static char *
default_text (SqlReader *reader,
              gint64     location,
              gint64     limit)
{
  const char *p;
  const char *stop;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };
  const char *start = NULL;
  const char *end = NULL;
  int depth = 0;
  gboolean seen_default = FALSE;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return NULL;
  if (limit < 0 || limit > reader->stmt_end)
    limit = reader->stmt_end;
  stop = reader->sql + limit;
  p = reader->sql + location;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < stop;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (!seen_default)
        {
          seen_default = cardinal_sql_token_is (&token, "DEFAULT");
          continue;
        }
      if (depth == 0 && start != NULL && ends_default (&token, &previous))
        break;
      if (depth == 0 && cardinal_sql_token_is (&token, ")"))
        break;
      if (cardinal_sql_token_is (&token, "("))
        depth++;
      else if (cardinal_sql_token_is (&token, ")"))
        depth--;
      if (start == NULL)
        start = token.start;
      end = token.start + token.length;
      previous = token;
    }
  return start != NULL ? span_text (reader, start, end) : NULL;
}

/* The expression of the next SET DEFAULT in the statement: the parse tree
 * gives an ALTER COLUMN … SET DEFAULT no place of its own. */
static char *
next_set_default (SqlReader *reader)
{
  const char *p = reader->sql + reader->cursor;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };

  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < reader->sql + reader->stmt_end;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (cardinal_sql_token_is (&token, "DEFAULT") && cardinal_sql_token_is (&previous, "SET"))
        {
          reader->cursor = p - reader->sql;
          return default_text (reader, token.start - reader->sql, -1);
        }
      previous = token;
    }
  return NULL;
}

/* The number an option at @location writes (START WITH -5, CACHE 20…):
 * read from the text, since the tree's JSON drops some values. */
static gboolean
option_number (SqlReader *reader,
               gint64     location,
               gint64    *value)
{
  const char *p;
  CardinalSqlToken token;
  gboolean negative = FALSE;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return FALSE;
  p = reader->sql + location;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < reader->sql + reader->stmt_end;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT || cardinal_sql_token_is (&token, "+"))
        continue;
      if (cardinal_sql_token_is (&token, "-"))
        negative = !negative;
      else if (token.kind == CARDINAL_SQL_TOKEN_WORD && g_ascii_isdigit (token.start[0]))
        {
          g_autofree char *digits = g_strndup (token.start, token.length);
          guint64 magnitude;

          if (!g_ascii_string_to_unsigned (digits, 10, 0, G_MAXUINT64, &magnitude, NULL))
            return FALSE;
          if (negative)
            *value = magnitude > (guint64) G_MAXINT64 ? G_MININT64 : -(gint64) magnitude;
          else
            *value = magnitude > (guint64) G_MAXINT64 ? G_MAXINT64 : (gint64) magnitude;
          return TRUE;
        }
      else if (token.kind != CARDINAL_SQL_TOKEN_WORD)
        return FALSE;
    }
  return FALSE;
}

/* Types ------------------------------------------------------------------------- */

/* @name as an SQL identifier: bare when PostgreSQL would read it back the same. */
static void
append_identifier (GString    *out,
                   const char *name)
{
  /* "char" bare is the keyword CHAR, character(1). */
  gboolean plain = name[0] != '\0' && (g_ascii_islower (name[0]) || name[0] == '_') && !g_str_equal (name, "char");

  for (const char *p = name; plain && *p != '\0'; p++)
    plain = g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_';
  if (plain)
    g_string_append (out, name);
  else
    cardinal_identifier_append_quoted (out, name);
}

/* The typmods of a TypeName as "(20)" or "(8,2)". */
static void
append_typmods (GString      *out,
                const PgJson *typmods)
{
  if (pg_json_length (typmods) == 0)
    return;
  g_string_append_c (out, '(');
  for (guint i = 0; i < pg_json_length (typmods); i++)
    {
      const PgJson *fields;
      const char *kind = node_kind (pg_json_item (typmods, i), &fields);

      if (i > 0)
        g_string_append_c (out, ',');
      if (g_strcmp0 (kind, "A_Const") == 0 && member_object (fields, "ival") != NULL)
        g_string_append_printf (out, "%" G_GINT64_FORMAT, member_int (member_object (fields, "ival"), "ival", 0));
      else if (g_strcmp0 (kind, "A_Const") == 0 && member_object (fields, "sval") != NULL)
        g_string_append (out, member_string (member_object (fields, "sval"), "sval"));
    }
  g_string_append_c (out, ')');
}

/* An interval's typmods are its fields as a bit mask, then its precision:
 * spelled back as "interval day to second(3)". */
static void
append_interval_typmods (GString      *out,
                         const PgJson *typmods)
{
  static const struct { gint64 mask; const char *fields; } ranges[] = {
    { 4, " year" }, { 2, " month" }, { 8, " day" }, { 1024, " hour" }, { 2048, " minute" },
    { 4096, " second" }, { 6, " year to month" }, { 1032, " day to hour" }, { 3080, " day to minute" },
    { 7176, " day to second" }, { 3072, " hour to minute" }, { 7168, " hour to second" },
    { 6144, " minute to second" },
  };
  gint64 values[2] = { 0x7fff, -1 };

  for (guint i = 0; i < MIN (pg_json_length (typmods), 2); i++)
    {
      const PgJson *fields;

      if (g_strcmp0 (node_kind (pg_json_item (typmods, i), &fields), "A_Const") == 0)
        values[i] = member_int (member_object (fields, "ival"), "ival", 0);
    }
  for (guint i = 0; i < G_N_ELEMENTS (ranges); i++)
    if (ranges[i].mask == values[0])
      g_string_append (out, ranges[i].fields);
  if (values[1] >= 0)
    g_string_append_printf (out, "(%" G_GINT64_FORMAT ")", values[1]);
}

typedef enum
{
  SERIAL_NONE,
  SERIAL_SMALL,
  SERIAL_REGULAR,
  SERIAL_BIG,
} SerialKind;

/* A TypeName node spelled as PostgreSQL's format_type() prints it
 * ("character varying(20)", "timestamp(6) with time zone", "integer[]",
 * "billing.kind"); *@serial (may be NULL) tells a serial pseudo-type, spelled
 * as its integer type. */
static char *
type_spelling (const PgJson *type_name,
               SerialKind   *serial)
{
  g_auto(GStrv) names = string_list (member_array (type_name, "names"));
  const PgJson *typmods = member_array (type_name, "typmods");
  const PgJson *bounds = member_array (type_name, "arrayBounds");
  guint n = g_strv_length (names);
  GString *out = g_string_new (NULL);
  const char *last;
  SerialKind kind = SERIAL_NONE;

  if (serial != NULL)
    *serial = SERIAL_NONE;
  if (n == 0)
    {
      g_string_append (out, "any");
      return g_string_free (out, FALSE);
    }
  last = names[n - 1];

  if (n == 1 && bounds == NULL && typmods == NULL)
    {
      if (g_ascii_strcasecmp (last, "serial") == 0 || g_ascii_strcasecmp (last, "serial4") == 0)
        kind = SERIAL_REGULAR;
      else if (g_ascii_strcasecmp (last, "bigserial") == 0 || g_ascii_strcasecmp (last, "serial8") == 0)
        kind = SERIAL_BIG;
      else if (g_ascii_strcasecmp (last, "smallserial") == 0 || g_ascii_strcasecmp (last, "serial2") == 0)
        kind = SERIAL_SMALL;
      if (kind != SERIAL_NONE)
        {
          if (serial != NULL)
            *serial = kind;
          g_string_append (out, kind == SERIAL_BIG ? "bigint" : kind == SERIAL_SMALL ? "smallint" : "integer");
          return g_string_free (out, FALSE);
        }
    }

  if (n == 2 && g_str_equal (names[0], "pg_catalog"))
    {
      static const struct { const char *internal, *written; } spellings[] = {
        { "int4", "integer" }, { "int8", "bigint" }, { "int2", "smallint" },
        { "float8", "double precision" }, { "float4", "real" }, { "bool", "boolean" },
        { "bpchar", "character" }, { "varchar", "character varying" }, { "varbit", "bit varying" },
        /* The one-byte type must stay quoted: bare, char is character(1). */
        { "char", "\"char\"" },
      };
      const char *written = last;
      const char *zone = NULL;

      for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
        if (g_str_equal (spellings[i].internal, last))
          written = spellings[i].written;
      /* The precision goes between the name and the zone: timestamp(6) with time zone. */
      if (g_str_equal (last, "timestamp") || g_str_equal (last, "time"))
        zone = " without time zone";
      else if (g_str_equal (last, "timestamptz") || g_str_equal (last, "timetz"))
        {
          written = g_str_equal (last, "timestamptz") ? "timestamp" : "time";
          zone = " with time zone";
        }
      g_string_append (out, written);
      if (g_str_equal (last, "interval") && pg_json_length (typmods) > 0)
        append_interval_typmods (out, typmods);
      else
        append_typmods (out, typmods);
      if (zone != NULL)
        g_string_append (out, zone);
    }
  else
    {
      /* A user type: as on the default search path, public left out. */
      for (guint i = n == 2 && g_str_equal (names[0], "public") ? 1 : 0; i < n; i++)
        {
          if (out->len > 0)
            g_string_append_c (out, '.');
          append_identifier (out, names[i]);
        }
      append_typmods (out, typmods);
    }
  /* format_type() prints one [] for any number of dimensions. */
  if (bounds != NULL)
    g_string_append (out, "[]");
  return g_string_free (out, FALSE);
}

/* A PostgreSQL type spelling reduced to one name per type, to compare two spellings. */
static char *
canonical_type (const char *spelling)
{
  static const struct { const char *alias, *name; } aliases[] = {
    { "character varying", "varchar" }, { "integer", "int4" }, { "int", "int4" },
    { "bigint", "int8" }, { "smallint", "int2" }, { "boolean", "bool" },
    { "double precision", "float8" }, { "real", "float4" }, { "decimal", "numeric" },
    { "timestamp with time zone", "timestamptz" }, { "timestamp without time zone", "timestamp" },
    { "time without time zone", "time" }, { "time with time zone", "timetz" },
  };
  GString *out = g_string_new (NULL);
  gboolean space = FALSE;

  for (const char *p = spelling; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          space = out->len > 0;
          continue;
        }
      if (space && *p != '(' && *p != ',' && *p != ')' && out->str[out->len - 1] != '(' && out->str[out->len - 1] != ',')
        g_string_append_c (out, ' ');
      space = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  for (guint i = 0; i < G_N_ELEMENTS (aliases); i++)
    {
      gsize length = strlen (aliases[i].alias);

      if (strncmp (out->str, aliases[i].alias, length) == 0
          && (out->str[length] == '\0' || out->str[length] == '('))
        {
          g_string_erase (out, 0, (gssize) length);
          g_string_prepend (out, aliases[i].name);
          break;
        }
    }
  /* numeric(P,0) is numeric(P). */
  if (g_str_has_prefix (out->str, "numeric(") && g_str_has_suffix (out->str, ",0)"))
    {
      g_string_truncate (out, out->len - 3);
      g_string_append_c (out, ')');
    }
  return g_string_free (out, FALSE);
}

/* Sets @column's catalogue type from @spelling, and its sql_type when the
 * catalogue type would be written in PostgreSQL as another type. */
static void
set_column_type (CardinalColumn *column,
                 const char     *spelling)
{
  CardinalType parsed;

  g_free (column->type);
  column->type = cardinal_reflect_map_type (spelling);
  g_clear_pointer (&column->sql_type, g_free);
  if (!cardinal_type_parse (column->type, &parsed, NULL) || parsed.base == CARDINAL_TYPE_RAW)
    column->sql_type = g_strdup (spelling);
  else
    {
      g_autofree char *written = cardinal_type_to_sql (column->type, CARDINAL_DIALECT_POSTGRESQL);
      g_autofree char *a = canonical_type (written);
      g_autofree char *b = canonical_type (spelling);

      if (!g_str_equal (a, b))
        column->sql_type = g_strdup (spelling);
    }
}

/* A COLLATE clause's name: bare for the built-in and public ones. */
static char *
collation_name (const PgJson *collate_clause)
{
  g_auto(GStrv) names = string_list (member_array (collate_clause, "collname"));
  guint n = g_strv_length (names);

  if (n == 0)
    return NULL;
  if (n == 1 || g_str_equal (names[0], "pg_catalog") || g_str_equal (names[0], "public"))
    return g_strdup (names[n - 1]);
  return g_strjoinv (".", names);
}

/* Sequences ---------------------------------------------------------------------- */

/* The options of CREATE/ALTER SEQUENCE or of an identity into @sequence;
 * *@owned_by and *@name (may be NULL) get OWNED BY's and SEQUENCE NAME's names. */
static void
read_sequence_options (SqlReader        *reader,
                       const PgJson     *options,
                       CardinalSequence *sequence,
                       GStrv            *owned_by,
                       GStrv            *name)
{
  for (guint i = 0; i < pg_json_length (options); i++)
    {
      const PgJson *element;
      const PgJson *arg_fields;
      const char *option;
      const char *arg_kind;
      gint64 location;

      node_kind (pg_json_item (options, i), &element);
      option = member_string (element, "defname");
      location = member_int (element, "location", -1);
      arg_kind = node_kind (pg_json_member (element, "arg"), &arg_fields);
      if (option == NULL)
        continue;
      if (g_str_equal (option, "as") && g_strcmp0 (arg_kind, "TypeName") == 0)
        {
          g_free (sequence->type);
          sequence->type = type_spelling (arg_fields, NULL);
        }
      else if (g_str_equal (option, "start"))
        sequence->has_start = option_number (reader, location, &sequence->start);
      else if (g_str_equal (option, "increment"))
        sequence->has_increment = option_number (reader, location, &sequence->increment);
      else if (g_str_equal (option, "minvalue"))
        sequence->has_min = arg_kind != NULL && option_number (reader, location, &sequence->min);
      else if (g_str_equal (option, "maxvalue"))
        sequence->has_max = arg_kind != NULL && option_number (reader, location, &sequence->max);
      else if (g_str_equal (option, "cache"))
        sequence->has_cache = option_number (reader, location, &sequence->cache);
      else if (g_str_equal (option, "cycle"))
        sequence->cycle = arg_kind == NULL || member_bool (arg_fields, "boolval");
      else if (g_str_equal (option, "owned_by") && owned_by != NULL)
        {
          g_strfreev (*owned_by);
          *owned_by = string_list (member_array (arg_fields, "items"));
        }
      else if (g_str_equal (option, "sequence_name") && name != NULL)
        {
          g_strfreev (*name);
          *name = string_list (member_array (arg_fields, "items"));
        }
    }
}

/* Keeps only what differs from PostgreSQL's defaults, as a catalogue shows
 * it: START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1 is nothing.
 * @default_type is the type the sequence has when AS says nothing. */
static void
normalize_sequence (CardinalSequence *sequence,
                    const char       *default_type)
{
  const char *type = sequence->type != NULL ? sequence->type : default_type;
  gint64 default_min, default_max, increment, min, max;

  increment = sequence->has_increment ? sequence->increment : 1;
  cardinal_reflect_sequence_bounds (type, increment, &default_min, &default_max);
  min = sequence->has_min ? sequence->min : default_min;
  max = sequence->has_max ? sequence->max : default_max;
  if (sequence->has_start && sequence->start == (increment > 0 ? min : max))
    sequence->has_start = FALSE;
  if (sequence->has_increment && increment == 1)
    sequence->has_increment = FALSE;
  if (sequence->has_min && min == default_min)
    sequence->has_min = FALSE;
  if (sequence->has_max && max == default_max)
    sequence->has_max = FALSE;
  if (sequence->has_cache && sequence->cache == 1)
    sequence->has_cache = FALSE;
  if (sequence->type != NULL && g_strcmp0 (sequence->type, default_type) == 0)
    g_clear_pointer (&sequence->type, g_free);
}

static gboolean
sequence_is_default (const CardinalSequence *sequence)
{
  return !sequence->has_start && !sequence->has_increment && !sequence->has_min && !sequence->has_max
         && !sequence->has_cache && !sequence->cycle && sequence->type == NULL && sequence->name == NULL
         && sequence->schema == NULL;
}

/* The name PostgreSQL gives a serial's or an identity's sequence. */
static char *
default_sequence_name (const CardinalTable  *table,
                       const CardinalColumn *column)
{
  const char *bare = strrchr (table->name, '.') != NULL && table->schema != NULL
                     ? strrchr (table->name, '.') + 1 : table->name;

  return g_strdup_printf ("%s_%s_seq", bare, column->name);
}

/* An identity column: GENERATED ALWAYS / BY DEFAULT AS IDENTITY (options). */
static void
read_identity (SqlReader      *reader,
               CardinalTable  *table,
               CardinalColumn *column,
               const PgJson   *constraint)
{
  g_autoptr(CardinalSequence) sequence = cardinal_sequence_new (NULL);
  g_auto(GStrv) name = NULL;

  column->autoincrement = TRUE;
  column->identity = g_strcmp0 (member_string (constraint, "generated_when"), "a") == 0
                     ? CARDINAL_IDENTITY_ALWAYS : CARDINAL_IDENTITY_BY_DEFAULT;
  g_clear_pointer (&column->default_value, g_free);
  read_sequence_options (reader, member_array (constraint, "options"), sequence, NULL, &name);
  normalize_sequence (sequence, column->type);
  if (name != NULL && g_strv_length (name) > 0)
    {
      g_autofree char *expected = default_sequence_name (table, column);
      const char *schema;
      const char *bare = split_names (name, &schema);

      if (g_strcmp0 (bare, expected) != 0 || g_strcmp0 (schema, table->schema) != 0)
        {
          sequence->name = g_strdup (bare);
          sequence->schema = g_strdup (schema);
        }
    }
  g_clear_pointer (&column->sequence, cardinal_sequence_free);
  if (!sequence_is_default (sequence))
    column->sequence = g_steal_pointer (&sequence);
}

static char *
sequence_key (const char *schema,
              const char *name)
{
  return g_strdup_printf ("%s\x1f%s", schema != NULL ? schema : "public", name);
}

/* Remembers the column of an OWNED BY name list (NONE: no owner). */
static void
set_sequence_owner (SequenceInfo *info,
                    GStrv         names)
{
  guint n = g_strv_length (names);

  g_clear_pointer (&info->owner_schema, g_free);
  g_clear_pointer (&info->owner_table, g_free);
  g_clear_pointer (&info->owner_column, g_free);
  if (n < 2)
    return;
  info->owner_column = g_strdup (names[n - 1]);
  info->owner_table = g_strdup (names[n - 2]);
  info->owner_schema = n >= 3 ? g_strdup (names[n - 3]) : NULL;
}

static void
read_create_sequence (SqlReader    *reader,
                      const PgJson *create)
{
  const PgJson *relation = member_object (create, "sequence");
  const char *schema = member_string (relation, "schemaname");
  const char *name = member_string (relation, "relname");
  g_autofree char *key = NULL;
  g_auto(GStrv) owned_by = NULL;
  SequenceInfo *info;

  if (name == NULL)
    return;
  key = sequence_key (schema, name);
  if (g_hash_table_contains (reader->sequences, key))
    {
      if (!member_bool (create, "if_not_exists"))
        cardinal_reflect_note (reader->notes, "sequence \"%s\" is created twice; the first one is kept", name);
      return;
    }
  info = g_new0 (SequenceInfo, 1);
  info->schema_name = g_strdup (schema != NULL ? schema : "public");
  info->sequence = cardinal_sequence_new (name);
  if (schema != NULL && !g_str_equal (schema, "public"))
    info->sequence->schema = g_strdup (schema);
  use_schema (reader, schema);
  read_sequence_options (reader, member_array (create, "options"), info->sequence, &owned_by, NULL);
  normalize_sequence (info->sequence, "bigint");
  if (owned_by != NULL)
    set_sequence_owner (info, owned_by);
  g_ptr_array_add (reader->schema->sequences, info->sequence);
  g_ptr_array_add (reader->sequence_order, info);
  g_hash_table_insert (reader->sequences, g_steal_pointer (&key), info);
}

/* The standalone sequence @schema.@name (@schema NULL: unqualified) names. */
static SequenceInfo *
find_sequence (SqlReader  *reader,
               const char *schema,
               const char *name)
{
  g_autofree char *key = sequence_key (schema, name);
  SequenceInfo *found = g_hash_table_lookup (reader->sequences, key);

  if (found != NULL || schema != NULL)
    return found;
  for (guint i = 0; i < reader->sequence_order->len; i++)
    {
      SequenceInfo *info = g_ptr_array_index (reader->sequence_order, i);

      if (info->sequence != NULL && g_str_equal (info->sequence->name, name))
        return info;
    }
  return NULL;
}

/* ALTER SEQUENCE: OWNED BY (pg_dump's way of writing a serial column) and options. */
static void
read_alter_sequence (SqlReader    *reader,
                     const PgJson *alter)
{
  const PgJson *relation = member_object (alter, "sequence");
  SequenceInfo *info = find_sequence (reader, member_string (relation, "schemaname"), member_string (relation, "relname"));
  g_auto(GStrv) owned_by = NULL;

  if (info == NULL || info->sequence == NULL)
    {
      /* The sequence of a serial or identity column: its options are not the file's business. */
      skip_statement (reader, "AlterSeqStmt");
      return;
    }
  read_sequence_options (reader, member_array (alter, "options"), info->sequence, &owned_by, NULL);
  normalize_sequence (info->sequence, "bigint");
  if (owned_by != NULL)
    set_sequence_owner (info, owned_by);
}

/* Enum and domain types -------------------------------------------------------------- */

static char *
type_key (const char *schema,
          const char *name)
{
  return g_strdup_printf ("%s\x1f%s", schema != NULL ? schema : "public", name);
}

static CardinalUserType *
find_user_type (SqlReader *reader,
                GStrv      names)
{
  const char *schema;
  const char *name = split_names (names, &schema);
  g_autofree char *key = NULL;

  if (name == NULL)
    return NULL;
  key = type_key (schema, name);
  return g_hash_table_lookup (reader->types, key);
}

static CardinalUserType *
add_user_type (SqlReader            *reader,
               GStrv                 names,
               CardinalUserTypeKind  kind)
{
  const char *schema;
  const char *name = split_names (names, &schema);
  CardinalUserType *type;

  if (name == NULL)
    return NULL;
  if (find_user_type (reader, names) != NULL)
    {
      cardinal_reflect_note (reader->notes, "type \"%s\" is created twice; the first one is kept", name);
      return NULL;
    }
  type = cardinal_user_type_new (name, kind);
  type->schema = g_strdup (schema);
  use_schema (reader, schema);
  g_ptr_array_add (reader->schema->types, type);
  g_hash_table_insert (reader->types, type_key (schema, name), type);
  return type;
}

static void
read_create_enum (SqlReader    *reader,
                  const PgJson *create)
{
  g_auto(GStrv) names = string_list (member_array (create, "typeName"));
  CardinalUserType *type = add_user_type (reader, names, CARDINAL_USER_TYPE_ENUM);

  if (type == NULL)
    return;
  g_strfreev (type->values);
  type->values = string_list (member_array (create, "vals"));
}

/* ALTER TYPE … ADD VALUE [BEFORE|AFTER] and RENAME VALUE, applied to the enum. */
static void
read_alter_enum (SqlReader    *reader,
                 const PgJson *alter)
{
  g_auto(GStrv) names = string_list (member_array (alter, "typeName"));
  CardinalUserType *type = find_user_type (reader, names);
  const char *old_value = member_string (alter, "oldVal");
  const char *value = member_string (alter, "newVal");
  const char *neighbour = member_string (alter, "newValNeighbor");
  g_autoptr(GPtrArray) values = NULL;
  guint at;

  if (type == NULL || type->kind != CARDINAL_USER_TYPE_ENUM || value == NULL)
    {
      cardinal_reflect_note (reader->notes, "ALTER TYPE skipped: the file creates no such enum");
      return;
    }
  if (old_value != NULL)
    {
      for (guint i = 0; type->values[i] != NULL; i++)
        if (g_str_equal (type->values[i], old_value))
          {
            g_free (type->values[i]);
            type->values[i] = g_strdup (value);
          }
      return;
    }
  if (g_strv_contains ((const char * const *) type->values, value))
    return;
  values = g_ptr_array_new ();
  for (guint i = 0; type->values[i] != NULL; i++)
    g_ptr_array_add (values, type->values[i]);
  at = values->len;
  for (guint i = 0; neighbour != NULL && i < values->len; i++)
    if (g_str_equal (g_ptr_array_index (values, i), neighbour))
      at = member_bool (alter, "newValIsAfter") ? i + 1 : i;
  g_ptr_array_insert (values, (gint) at, g_strdup (value));
  g_ptr_array_add (values, NULL);
  g_free (type->values);
  type->values = (GStrv) g_ptr_array_free (g_steal_pointer (&values), FALSE);
}

/* The location of constraint @i + 1 of @constraints, or -1: where a DEFAULT ends at the latest. */
static gint64
next_constraint_location (const PgJson *constraints,
                          guint         i)
{
  const PgJson *fields;

  if (i + 1 >= pg_json_length (constraints))
    return -1;
  node_kind (pg_json_item (constraints, i + 1), &fields);
  return member_int (fields, "location", -1);
}

static void
read_create_domain (SqlReader    *reader,
                    const PgJson *create)
{
  g_auto(GStrv) names = string_list (member_array (create, "domainname"));
  CardinalUserType *type = add_user_type (reader, names, CARDINAL_USER_TYPE_DOMAIN);
  const PgJson *constraints = member_array (create, "constraints");
  const PgJson *collate = member_object (create, "collClause");

  if (type == NULL)
    return;
  type->base = type_spelling (member_object (create, "typeName"), NULL);
  if (collate != NULL)
    type->collation = collation_name (collate);
  for (guint i = 0; i < pg_json_length (constraints); i++)
    {
      const PgJson *constraint;
      const char *kind;
      gint64 location;

      node_kind (pg_json_item (constraints, i), &constraint);
      kind = member_string (constraint, "contype");
      location = member_int (constraint, "location", -1);
      if (g_strcmp0 (kind, "CONSTR_NOTNULL") == 0)
        type->nullable = FALSE;
      else if (g_strcmp0 (kind, "CONSTR_NULL") == 0)
        type->nullable = TRUE;
      else if (g_strcmp0 (kind, "CONSTR_DEFAULT") == 0)
        {
          g_free (type->default_value);
          type->default_value = default_text (reader, location, next_constraint_location (constraints, i));
        }
      else if (g_strcmp0 (kind, "CONSTR_CHECK") == 0)
        {
          g_autofree char *text = group_text (reader, location, NULL);
          g_autofree char *stripped = text != NULL ? cardinal_reflect_strip_parentheses (text) : NULL;

          if (stripped != NULL)
            g_ptr_array_add (type->checks, cardinal_check_new (member_string (constraint, "conname"), stripped));
        }
      else
        cardinal_reflect_note (reader->notes, "domain \"%s\": a constraint of kind %s skipped", type->name,
                               kind != NULL ? kind : "?");
    }
}

/* Tables ------------------------------------------------------------------------------ */

static CardinalOnDelete
action_from_code (const char *code)
{
  switch (code != NULL ? code[0] : 'a')
    {
    case 'c':
      return CARDINAL_ON_DELETE_CASCADE;
    case 'r':
      return CARDINAL_ON_DELETE_RESTRICT;
    case 'n':
      return CARDINAL_ON_DELETE_SET_NULL;
    case 'd':
      return CARDINAL_ON_DELETE_SET_DEFAULT;
    default:
      return CARDINAL_ON_DELETE_NO_ACTION;
    }
}

/* The constraint a following DEFERRABLE or INITIALLY DEFERRED of a column belongs to. */
typedef struct
{
  CardinalForeignKey *fk;
  CardinalUnique     *unique;
} LastConstraint;

static GStrv
one_column (const CardinalColumn *column)
{
  GStrv keys = g_new0 (char *, 2);

  keys[0] = g_strdup (column->name);
  return keys;
}

/* A constraint of a column (@column set) or of the table. @limit is where
 * the next constraint of the column starts (-1: unknown). */
static void
read_constraint (SqlReader      *reader,
                 CardinalTable  *table,
                 CardinalColumn *column,
                 const PgJson   *constraint,
                 gint64          limit,
                 LastConstraint *last)
{
  const char *type = member_string (constraint, "contype");
  const char *name = member_string (constraint, "conname");
  gint64 location = member_int (constraint, "location", -1);

  if (type == NULL)
    return;

  if (g_str_equal (type, "CONSTR_NOTNULL") && column != NULL)
    column->nullable = FALSE;
  else if (g_str_equal (type, "CONSTR_NULL") && column != NULL)
    column->nullable = TRUE;
  else if (g_str_equal (type, "CONSTR_DEFAULT") && column != NULL)
    {
      g_free (column->default_value);
      column->default_value = default_text (reader, location, limit);
    }
  else if (g_str_equal (type, "CONSTR_IDENTITY") && column != NULL)
    read_identity (reader, table, column, constraint);
  else if (g_str_equal (type, "CONSTR_GENERATED") && column != NULL)
    {
      g_autofree char *expression = group_text (reader, location, NULL);

      /* pg_dump writes AS ((expr)); the model keeps expr, as for a CHECK. */
      g_free (column->generated);
      column->generated = expression != NULL ? cardinal_reflect_strip_parentheses (expression) : NULL;
      column->generated_stored = TRUE;
    }
  else if (g_str_equal (type, "CONSTR_PRIMARY"))
    {
      g_strfreev (table->primary_key);
      table->primary_key = column != NULL ? one_column (column) : string_list (member_array (constraint, "keys"));
      g_free (table->primary_key_name);
      table->primary_key_name = g_strdup (name);
      if (pg_json_length (member_array (constraint, "including")) > 0)
        cardinal_reflect_note (reader->notes, "table \"%s\": the primary key's INCLUDE columns are not kept", table->name);
    }
  else if (g_str_equal (type, "CONSTR_UNIQUE"))
    {
      g_auto(GStrv) keys = column != NULL ? one_column (column) : string_list (member_array (constraint, "keys"));
      CardinalUnique *unique = cardinal_unique_new ((const char * const *) keys);

      unique->name = g_strdup (name);
      if (pg_json_length (member_array (constraint, "including")) > 0)
        unique->include = string_list (member_array (constraint, "including"));
      unique->nulls_not_distinct = member_bool (constraint, "nulls_not_distinct");
      unique->deferrable = member_bool (constraint, "deferrable");
      unique->initially_deferred = member_bool (constraint, "initdeferred");
      g_ptr_array_add (table->uniques, unique);
      if (last != NULL)
        {
          last->unique = unique;
          last->fk = NULL;
        }
    }
  else if (g_str_equal (type, "CONSTR_CHECK"))
    {
      g_autofree char *expression = group_text (reader, location, NULL);

      /* pg_dump writes CHECK ((expr)); the model keeps expr, as for a live database. */
      if (expression != NULL)
        {
          g_autofree char *stripped = cardinal_reflect_strip_parentheses (expression);

          g_ptr_array_add (table->checks, cardinal_check_new (name, stripped));
        }
    }
  else if (g_str_equal (type, "CONSTR_FOREIGN"))
    {
      CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);
      const PgJson *pktable = member_object (constraint, "pktable");
      Reference *reference = g_new0 (Reference, 1);

      fk->name = g_strdup (name != NULL ? name : "");
      fk->columns = column != NULL ? one_column (column) : string_list (member_array (constraint, "fk_attrs"));
      fk->ref_columns = string_list (member_array (constraint, "pk_attrs"));
      fk->ref_table = g_strdup (member_string (pktable, "relname"));
      fk->on_delete = action_from_code (member_string (constraint, "fk_del_action"));
      fk->on_update = action_from_code (member_string (constraint, "fk_upd_action"));
      fk->match_full = g_strcmp0 (member_string (constraint, "fk_matchtype"), "f") == 0;
      fk->deferrable = member_bool (constraint, "deferrable");
      fk->initially_deferred = member_bool (constraint, "initdeferred");
      if (g_strcmp0 (member_string (constraint, "fk_matchtype"), "p") == 0)
        cardinal_reflect_note (reader->notes, "table \"%s\": MATCH PARTIAL read as MATCH SIMPLE", table->name);
      reference->fk = fk;
      reference->schema = g_strdup (member_string (pktable, "schemaname"));
      reference->name = g_strdup (member_string (pktable, "relname"));
      g_ptr_array_add (reader->references, reference);
      g_ptr_array_add (table->foreign_keys, fk);
      if (last != NULL)
        {
          last->fk = fk;
          last->unique = NULL;
        }
    }
  else if (g_str_equal (type, "CONSTR_ATTR_DEFERRABLE") || g_str_equal (type, "CONSTR_ATTR_NOT_DEFERRABLE")
           || g_str_equal (type, "CONSTR_ATTR_DEFERRED") || g_str_equal (type, "CONSTR_ATTR_IMMEDIATE"))
    {
      gboolean *deferrable = NULL, *deferred = NULL;

      if (last != NULL && last->fk != NULL)
        {
          deferrable = &last->fk->deferrable;
          deferred = &last->fk->initially_deferred;
        }
      else if (last != NULL && last->unique != NULL)
        {
          deferrable = &last->unique->deferrable;
          deferred = &last->unique->initially_deferred;
        }
      if (deferrable == NULL)
        return;
      if (g_str_equal (type, "CONSTR_ATTR_DEFERRABLE"))
        *deferrable = TRUE;
      else if (g_str_equal (type, "CONSTR_ATTR_NOT_DEFERRABLE"))
        *deferrable = FALSE;
      else if (g_str_equal (type, "CONSTR_ATTR_DEFERRED"))
        *deferred = *deferrable = TRUE;
      else
        *deferred = FALSE;
    }
  else
    cardinal_reflect_note (reader->notes, "table \"%s\": a constraint of kind %s skipped", table->name, type);
}

static CardinalColumn *
read_column_def (SqlReader     *reader,
                 CardinalTable *table,
                 const PgJson  *column_def)
{
  SerialKind serial = SERIAL_NONE;
  g_autofree char *spelling = type_spelling (member_object (column_def, "typeName"), &serial);
  CardinalColumn *column = cardinal_column_new (member_string (column_def, "colname"), spelling);
  const PgJson *constraints = member_array (column_def, "constraints");
  const PgJson *collate = member_object (column_def, "collClause");
  LastConstraint last = { NULL, NULL };

  set_column_type (column, spelling);
  g_hash_table_insert (reader->spellings, column, g_strdup (spelling));
  if (serial != SERIAL_NONE)
    {
      column->autoincrement = TRUE;
      column->identity = CARDINAL_IDENTITY_SERIAL;
    }
  if (collate != NULL)
    column->collation = collation_name (collate);
  g_ptr_array_add (table->columns, column);
  for (guint i = 0; i < pg_json_length (constraints); i++)
    {
      const PgJson *fields;

      if (g_strcmp0 (node_kind (pg_json_item (constraints, i), &fields), "Constraint") == 0)
        read_constraint (reader, table, column, fields, next_constraint_location (constraints, i), &last);
    }
  return column;
}

/* "RANGE (logdate)": the text of PARTITION BY's strategy and keys. */
static char *
partition_text (SqlReader    *reader,
                const PgJson *partspec)
{
  gint64 location = member_int (partspec, "location", -1);
  const char *p, *after = NULL;
  CardinalSqlToken token;
  g_autofree char *inner = NULL;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return NULL;
  p = reader->sql + location;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind == CARDINAL_SQL_TOKEN_COMMENT || cardinal_sql_token_is (&token, "PARTITION")
       || cardinal_sql_token_is (&token, "BY");
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    ;
  if (token.kind != CARDINAL_SQL_TOKEN_WORD)
    return NULL;
  inner = group_text (reader, token.start - reader->sql, &after);
  return inner != NULL ? span_text (reader, token.start, after) : NULL;
}

static void        keep_object      (SqlReader    *reader,
                                      const char   *kind,
                                      const char   *name,
                                      const PgJson *tree);
static ObjectInfo *keep_object_info (SqlReader    *reader,
                                      const char   *kind,
                                      const char   *name,
                                      const PgJson *tree);

/* A relation's name for an SQL object: schema-qualified unless public. */
static char *
relation_name (const PgJson *range_var)
{
  const char *schema = member_string (range_var, "schemaname");
  const char *name = member_string (range_var, "relname");

  if (schema != NULL && !g_str_equal (schema, "public"))
    return g_strdup_printf ("%s.%s", schema, name != NULL ? name : "");
  return g_strdup (name != NULL ? name : "");
}

static void
read_create (SqlReader    *reader,
             const PgJson *create,
             const PgJson *statement)
{
  const PgJson *relation = member_object (create, "relation");
  const char *schema = member_string (relation, "schemaname");
  const char *name = member_string (relation, "relname");
  const PgJson *elements = member_array (create, "tableElts");
  const PgJson *partspec = member_object (create, "partspec");
  g_autofree char *key = NULL;
  CardinalTable *table;

  if (name == NULL)
    return;
  /* A partition is its parent's business: kept as it is written. */
  if (member_object (create, "partbound") != NULL)
    {
      g_autofree char *qualified = relation_name (relation);

      keep_object (reader, "partition", qualified, statement);
      return;
    }
  if (g_strcmp0 (member_string (relation, "relpersistence"), "t") == 0)
    {
      cardinal_reflect_note (reader->notes, "temporary table \"%s\" skipped", name);
      return;
    }
  key = table_key (schema, name);
  if (g_hash_table_contains (reader->tables, key))
    {
      if (!member_bool (create, "if_not_exists"))
        cardinal_reflect_note (reader->notes, "table \"%s\" is created twice; the first one is kept", name);
      return;
    }
  if (member_array (create, "inhRelations") != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": INHERITS is not kept", name);
  if (member_object (create, "ofTypename") != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": OF type is not kept", name);
  if (member_array (create, "options") != NULL || member_string (create, "tablespacename") != NULL
      || member_string (create, "accessMethod") != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": its storage options (WITH, TABLESPACE, USING) are not kept", name);

  table = cardinal_table_new (name);
  if (schema != NULL && !g_str_equal (schema, "public"))
    table->schema = g_strdup (schema);
  use_schema (reader, schema);
  table->unlogged = g_strcmp0 (member_string (relation, "relpersistence"), "u") == 0;
  g_ptr_array_add (reader->schema->tables, table);
  g_hash_table_insert (reader->tables, g_steal_pointer (&key), table);
  g_hash_table_insert (reader->table_schema, table, g_strdup (schema != NULL ? schema : "public"));

  for (guint i = 0; elements != NULL && i < pg_json_length (elements); i++)
    {
      const PgJson *fields;
      const char *kind = node_kind (pg_json_item (elements, i), &fields);

      if (g_strcmp0 (kind, "ColumnDef") == 0)
        read_column_def (reader, table, fields);
      else if (g_strcmp0 (kind, "Constraint") == 0)
        read_constraint (reader, table, NULL, fields, -1, NULL);
      else
        cardinal_reflect_note (reader->notes, "table \"%s\": %s skipped", name, kind != NULL ? kind : "an element");
    }
  if (partspec != NULL)
    {
      table->partition_by = partition_text (reader, partspec);
      if (table->partition_by == NULL)
        cardinal_reflect_note (reader->notes, "table \"%s\": its PARTITION BY could not be read", name);
    }
}

/* Whether an ALTER TABLE command changes nothing the model holds (owner, statistics…). */
static gboolean
is_noop_command (const char *subtype)
{
  static const char *const noop[] = {
    "AT_ChangeOwner", "AT_ReplicaIdentity", "AT_SetStatistics", "AT_ClusterOn", "AT_DropCluster",
    "AT_SetRelOptions", "AT_ResetRelOptions", "AT_SetStorage", "AT_SetCompression", "AT_ValidateConstraint",
    NULL,
  };

  return subtype != NULL && g_strv_contains (noop, subtype);
}

static gboolean
is_modelled_command (const char     *subtype,
                     const char     *definition_kind,
                     const PgJson   *definition,
                     CardinalColumn *column)
{
  if (subtype == NULL)
    return FALSE;
  /* An exclusion constraint has no place in the model: the statement is kept. */
  if (g_str_equal (subtype, "AT_AddConstraint"))
    return g_strcmp0 (definition_kind, "Constraint") == 0
           && g_strcmp0 (member_string (definition, "contype"), "CONSTR_EXCLUSION") != 0
           /* NOT VALID: the existing rows were never checked, which only the statement says. */
           && !member_bool (definition, "skip_validation")
           /* … USING INDEX: the columns are the index's, which the statement does not name. */
           && member_string (definition, "indexname") == NULL;
  if (g_str_equal (subtype, "AT_AddColumn"))
    return g_strcmp0 (definition_kind, "ColumnDef") == 0;
  return column != NULL
         && (g_str_equal (subtype, "AT_ColumnDefault") || g_str_equal (subtype, "AT_SetNotNull")
             || g_str_equal (subtype, "AT_DropNotNull") || g_str_equal (subtype, "AT_AddIdentity")
             || g_str_equal (subtype, "AT_SetLogged") || g_str_equal (subtype, "AT_SetUnLogged"));
}

/* The name of a relation for SQL text, each part quoted. */
static void
append_relation (GString      *out,
                 const PgJson *range_var)
{
  const char *schema = member_string (range_var, "schemaname");

  if (schema != NULL)
    {
      cardinal_identifier_append_quoted (out, schema);
      g_string_append_c (out, '.');
    }
  cardinal_identifier_append_quoted (out, member_string (range_var, "relname"));
}

static void
append_literal (GString    *out,
                const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

/* The comments of a table that turns out to be a partition, as COMMENT ON objects. */
static void
keep_partition_comments (SqlReader           *reader,
                         const CardinalTable *partition,
                         const PgJson        *range_var)
{
  g_autofree char *name = relation_name (range_var);

  for (guint i = 0; i <= partition->columns->len; i++)
    {
      const CardinalColumn *column = i > 0 ? g_ptr_array_index (partition->columns, i - 1) : NULL;
      const char *comment = column != NULL ? column->comment : partition->comment;
      g_autoptr(GString) sql = NULL;
      g_autofree char *object_name = NULL;
      ObjectInfo *info;

      if (comment == NULL || comment[0] == '\0')
        continue;
      sql = g_string_new (column != NULL ? "COMMENT ON COLUMN " : "COMMENT ON TABLE ");
      append_relation (sql, range_var);
      if (column != NULL)
        {
          g_string_append_c (sql, '.');
          cardinal_identifier_append_quoted (sql, column->name);
        }
      g_string_append (sql, " IS ");
      append_literal (sql, comment);
      object_name = column != NULL ? g_strdup_printf ("column %s.%s", name, column->name)
                                   : g_strdup_printf ("table %s", name);
      info = keep_object_info (reader, "comment", object_name, NULL);
      g_free (info->object->sql);
      info->object->sql = g_string_free (g_steal_pointer (&sql), FALSE);
      g_ptr_array_add (info->relations, g_strdup_printf ("%s\x1f%s", member_string (range_var, "schemaname") != NULL
                                                         ? member_string (range_var, "schemaname") : "",
                                                         member_string (range_var, "relname")));
    }
}

/* pg_dump writes a partition as a table and ALTER TABLE parent ATTACH
 * PARTITION it FOR VALUES …: that is the partition object CREATE TABLE …
 * PARTITION OF would have made, and the table is not the model's. */
static gboolean
read_attach_partition (SqlReader    *reader,
                       CardinalTable *parent,
                       const PgJson *parent_range,
                       const PgJson *commands,
                       const PgJson *statement)
{
  const PgJson *command;
  const PgJson *partition_command;
  const PgJson *partition_range;
  const PgJson *bound;
  CardinalTable *partition;
  g_autofree char *key = NULL;
  g_autofree char *name = NULL;
  g_autofree char *bound_text = NULL;
  g_autoptr(GString) sql = NULL;
  ObjectInfo *info;
  gint64 location;

  node_kind (pg_json_item (commands, 0), &command);
  if (g_strcmp0 (member_string (command, "subtype"), "AT_AttachPartition") != 0
      || g_strcmp0 (node_kind (pg_json_member (command, "def"), &partition_command), "PartitionCmd") != 0)
    return FALSE;
  partition_range = member_object (partition_command, "name");
  bound = member_object (partition_command, "bound");
  location = member_int (bound, "location", -1);
  partition = find_table (reader, partition_range);
  /* A table something already points into stays a table. */
  if (partition == NULL || partition == parent || partition->foreign_keys->len > 0 || location < 0
      || location >= reader->stmt_end)
    return FALSE;
  for (guint i = 0; i < reader->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reader->schema->tables, i);

      for (guint k = 0; k < table->foreign_keys->len; k++)
        if (g_strcmp0 (((CardinalForeignKey *) g_ptr_array_index (table->foreign_keys, k))->ref_table, partition->name) == 0)
          return FALSE;
    }

  /* The bound's own location is inside it (at FROM or IN): its text starts right after the partition's name. */
  {
    gint64 name_location = member_int (partition_range, "location", -1);
    const char *p;
    CardinalSqlToken token;

    if (name_location < 0 || name_location >= location)
      return FALSE;
    p = reader->sql + name_location;
    cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
    for (;;)
      {
        const char *before = p;

        cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
        if (!cardinal_sql_token_is (&token, "."))
          {
            p = before;
            break;
          }
        cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
      }
    bound_text = span_text (reader, p, reader->sql + reader->stmt_end);
  }
  sql = g_string_new ("CREATE TABLE ");
  append_relation (sql, partition_range);
  g_string_append (sql, " PARTITION OF ");
  append_relation (sql, parent_range);
  g_string_append_printf (sql, " %s", bound_text);
  name = relation_name (partition_range);
  info = keep_object_info (reader, "partition", name, statement);
  g_free (info->object->sql);
  info->object->sql = g_string_free (g_steal_pointer (&sql), FALSE);
  cardinal_reflect_note (reader->notes, "table \"%s\" is a partition of \"%s\": kept as written with PARTITION OF",
                         partition->name, parent->name);
  keep_partition_comments (reader, partition, partition_range);
  if (partition->checks->len > 0 || partition->uniques->len > 0 || partition->indexes->len > 0
      || partition->primary_key[0] != NULL)
    cardinal_reflect_note (reader->notes, "partition \"%s\": its own keys, CHECKs and indexes before ATTACH PARTITION "
                           "are not kept (its parent's apply to it)", partition->name);
  for (guint i = 0; i < partition->columns->len; i++)
    if (((CardinalColumn *) g_ptr_array_index (partition->columns, i))->default_value != NULL)
      {
        cardinal_reflect_note (reader->notes, "partition \"%s\": its own column defaults are not kept (its parent's apply to it)",
                               partition->name);
        break;
      }

  key = table_key (g_hash_table_lookup (reader->table_schema, partition), partition->name);
  g_hash_table_remove (reader->tables, key);
  g_hash_table_remove (reader->table_schema, partition);
  g_ptr_array_remove (reader->schema->tables, partition);
  return TRUE;
}

/* pg_dump's ALTER INDEX parent ATTACH PARTITION child: the child index (or
 * the partition's key behind it) is one the parent's index makes on every
 * partition, so the statement that made it is dropped with this one. TRUE
 * when every command was such an attachment. */
static gboolean
read_attach_index (SqlReader    *reader,
                   const PgJson *commands)
{
  g_autoptr(GPtrArray) attached = g_ptr_array_new ();

  for (guint i = 0; i < pg_json_length (commands); i++)
    {
      const PgJson *command;
      const PgJson *partition_command;
      const PgJson *child;
      g_autofree char *key = NULL;
      ObjectInfo *info;

      node_kind (pg_json_item (commands, i), &command);
      if (g_strcmp0 (member_string (command, "subtype"), "AT_AttachPartition") != 0
          || g_strcmp0 (node_kind (pg_json_member (command, "def"), &partition_command), "PartitionCmd") != 0)
        return FALSE;
      child = member_object (partition_command, "name");
      key = table_key (member_string (child, "schemaname"), member_string (child, "relname"));
      info = g_hash_table_lookup (reader->kept_indexes, key);
      if (info == NULL)
        return FALSE;
      g_ptr_array_add (attached, key);
      key = NULL;
    }
  for (guint i = 0; i < attached->len; i++)
    {
      char *key = g_ptr_array_index (attached, i);
      ObjectInfo *info = g_hash_table_lookup (reader->kept_indexes, key);
      CardinalSqlObject *object = info->object;

      g_hash_table_remove (reader->kept_indexes, key);
      g_free (key);
      g_ptr_array_remove (reader->object_infos, info);
      g_ptr_array_remove (reader->schema->objects, object);
    }
  skip_statement (reader, "AlterTableStmt");
  return TRUE;
}

static void
read_alter_table (SqlReader    *reader,
                  const PgJson *alter,
                  const PgJson *statement)
{
  const PgJson *relation = member_object (alter, "relation");
  CardinalTable *table = find_table (reader, relation);
  const PgJson *commands = member_array (alter, "cmds");
  gboolean noop_only = TRUE;
  gboolean modelled = FALSE;

  /* What the statement is made of decides what becomes of it. */
  for (guint i = 0; i < pg_json_length (commands); i++)
    {
      const PgJson *command;
      const PgJson *definition;
      const char *subtype;
      const char *name;

      node_kind (pg_json_item (commands, i), &command);
      subtype = member_string (command, "subtype");
      name = member_string (command, "name");
      noop_only = noop_only && is_noop_command (subtype);
      if (table != NULL && g_strcmp0 (member_string (alter, "objtype"), "OBJECT_TABLE") == 0)
        {
          const char *definition_kind = node_kind (pg_json_member (command, "def"), &definition);

          modelled = modelled || is_modelled_command (subtype, definition_kind, definition,
                                                      name != NULL ? cardinal_table_find_column (table, name) : NULL);
        }
    }
  if (noop_only)
    {
      skip_statement (reader, "AlterTableStmt");
      return;
    }
  if (table != NULL && pg_json_length (commands) == 1 && read_attach_partition (reader, table, relation, commands, statement))
    return;
  if (g_strcmp0 (member_string (alter, "objtype"), "OBJECT_INDEX") == 0 && read_attach_index (reader, commands))
    return;
  if (!modelled)
    {
      g_autofree char *name = relation_name (relation);
      ObjectInfo *info = keep_object_info (reader, "statement", name, statement);
      const PgJson *command;
      const PgJson *constraint;

      /* A partition's PRIMARY KEY or UNIQUE: ALTER INDEX … ATTACH PARTITION may show that its parent's makes it. */
      if (pg_json_length (commands) == 1)
        {
          node_kind (pg_json_item (commands, 0), &command);
          if (g_strcmp0 (member_string (command, "subtype"), "AT_AddConstraint") == 0
              && g_strcmp0 (node_kind (pg_json_member (command, "def"), &constraint), "Constraint") == 0
              && member_string (constraint, "conname") != NULL
              && (g_strcmp0 (member_string (constraint, "contype"), "CONSTR_PRIMARY") == 0
                  || g_strcmp0 (member_string (constraint, "contype"), "CONSTR_UNIQUE") == 0))
            g_hash_table_insert (reader->kept_indexes,
                                 table_key (member_string (relation, "schemaname"), member_string (constraint, "conname")),
                                 info);
        }
      return;
    }

  for (guint i = 0; i < pg_json_length (commands); i++)
    {
      const PgJson *command;
      const char *subtype;
      const PgJson *definition_fields = NULL;
      const char *definition_kind;
      CardinalColumn *column;

      if (g_strcmp0 (node_kind (pg_json_item (commands, i), &command), "AlterTableCmd") != 0)
        continue;
      subtype = member_string (command, "subtype");
      definition_kind = node_kind (pg_json_member (command, "def"), &definition_fields);
      column = member_string (command, "name") != NULL
               ? cardinal_table_find_column (table, member_string (command, "name")) : NULL;

      if (g_strcmp0 (subtype, "AT_AddConstraint") == 0 && g_strcmp0 (definition_kind, "Constraint") == 0)
        read_constraint (reader, table, NULL, definition_fields, -1, NULL);
      else if (g_strcmp0 (subtype, "AT_AddColumn") == 0 && g_strcmp0 (definition_kind, "ColumnDef") == 0)
        read_column_def (reader, table, definition_fields);
      else if (g_strcmp0 (subtype, "AT_ColumnDefault") == 0 && column != NULL)
        {
          g_clear_pointer (&column->default_value, g_free);
          if (definition_fields != NULL)
            column->default_value = next_set_default (reader);
        }
      else if (g_strcmp0 (subtype, "AT_SetNotNull") == 0 && column != NULL)
        column->nullable = FALSE;
      else if (g_strcmp0 (subtype, "AT_DropNotNull") == 0 && column != NULL)
        column->nullable = TRUE;
      else if (g_strcmp0 (subtype, "AT_AddIdentity") == 0 && column != NULL)
        {
          if (g_strcmp0 (definition_kind, "Constraint") == 0)
            read_identity (reader, table, column, definition_fields);
          else
            column->autoincrement = TRUE;
        }
      else if (g_strcmp0 (subtype, "AT_SetLogged") == 0)
        table->unlogged = FALSE;
      else if (g_strcmp0 (subtype, "AT_SetUnLogged") == 0)
        table->unlogged = TRUE;
      else if (!is_noop_command (subtype))
        cardinal_reflect_note (reader->notes, "table \"%s\": ALTER TABLE … %s skipped", table->name,
                               subtype != NULL ? subtype : "?");
    }
}

/* Indexes --------------------------------------------------------------------------- */

typedef struct
{
  const char *start;
  const char *end;
} Span;

/* The spans of the keys of CREATE INDEX … ( key, key ) in the statement
 * text; *@after gets where the list ends. */
static GArray *
index_key_spans (SqlReader   *reader,
                 const char **after)
{
  GArray *spans = g_array_new (FALSE, FALSE, sizeof (Span));
  const char *p = reader->sql + reader->stmt_start;
  const char *end = reader->sql + reader->stmt_end;
  CardinalSqlToken token;
  gboolean seen_on = FALSE;
  int depth = 0;
  Span span = { NULL, NULL };

  *after = NULL;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < end;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (!seen_on)
        {
          seen_on = cardinal_sql_token_is (&token, "ON");
          continue;
        }
      if (cardinal_sql_token_is (&token, "("))
        {
          if (depth++ == 0)
            continue;
        }
      else if (cardinal_sql_token_is (&token, ")") && depth > 0 && --depth == 0)
        {
          if (span.start != NULL)
            g_array_append_val (spans, span);
          *after = p;
          return spans;
        }
      else if (depth == 1 && cardinal_sql_token_is (&token, ","))
        {
          g_array_append_val (spans, span);
          span.start = span.end = NULL;
          continue;
        }
      if (depth == 0)
        continue;
      if (span.start == NULL)
        span.start = token.start;
      span.end = token.start + token.length;
    }
  return spans;
}

/* An expression key's text: "lower(email)" or "(a + b)", without COLLATE, opclass or order. */
static char *
key_expression (SqlReader  *reader,
                const Span *span)
{
  const char *p = span->start;
  CardinalSqlToken token;
  int depth = 0;

  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && token.start < span->end;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (cardinal_sql_token_is (&token, "("))
        depth++;
      else if (cardinal_sql_token_is (&token, ")") && --depth == 0)
        return span_text (reader, span->start, p);
    }
  return span_text (reader, span->start, span->end);
}

/* A dotted name (opclass, collation) without pg_catalog. */
static char *
object_name (const PgJson *list)
{
  g_auto(GStrv) names = string_list (list);
  guint n = g_strv_length (names);

  if (n == 0)
    return NULL;
  if (n == 2 && g_str_equal (names[0], "pg_catalog"))
    return g_strdup (names[1]);
  return g_strjoinv (".", names);
}

static void
read_index (SqlReader    *reader,
            const PgJson *index_stmt,
            const PgJson *statement)
{
  CardinalTable *table = find_table (reader, member_object (index_stmt, "relation"));
  const PgJson *params = member_array (index_stmt, "indexParams");
  const PgJson *including = member_array (index_stmt, "indexIncludingParams");
  const char *name = member_string (index_stmt, "idxname");
  const char *method = member_string (index_stmt, "accessMethod");
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) keys = cardinal_index_key_array_new ();
  g_autoptr(GArray) spans = NULL;
  const char *after = NULL;
  gboolean plain = TRUE;
  CardinalIndex *index;

  /* An index of a materialized view or a partition: kept as it is written. */
  if (table == NULL)
    {
      ObjectInfo *info = keep_object_info (reader, "statement", name, statement);

      if (name != NULL)
        g_hash_table_insert (reader->kept_indexes,
                             table_key (member_string (member_object (index_stmt, "relation"), "schemaname"), name), info);
      return;
    }
  spans = index_key_spans (reader, &after);
  for (guint i = 0; i < pg_json_length (params); i++)
    {
      const PgJson *element;
      const char *column;
      const char *ordering, *nulls;
      CardinalIndexKey *key = g_new0 (CardinalIndexKey, 1);

      node_kind (pg_json_item (params, i), &element);
      column = member_string (element, "name");
      ordering = member_string (element, "ordering");
      nulls = member_string (element, "nulls_ordering");
      if (column != NULL)
        key->column = g_strdup (column);
      else if (i < spans->len)
        key->expression = key_expression (reader, &g_array_index (spans, Span, i));
      if (column == NULL && key->expression == NULL)
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": index \"%s\": an expression key could not be read; "
                                 "the index is skipped", table->name, name != NULL ? name : "");
          cardinal_index_key_free (key);
          return;
        }
      key->collation = object_name (member_array (element, "collation"));
      key->opclass = object_name (member_array (element, "opclass"));
      key->descending = g_strcmp0 (ordering, "SORTBY_DESC") == 0;
      key->nulls = g_strcmp0 (nulls, "SORTBY_NULLS_FIRST") == 0 ? CARDINAL_NULLS_FIRST
                   : g_strcmp0 (nulls, "SORTBY_NULLS_LAST") == 0 ? CARDINAL_NULLS_LAST : CARDINAL_NULLS_DEFAULT;
      plain = plain && key->column != NULL && key->collation == NULL && key->opclass == NULL
              && !key->descending && key->nulls == CARDINAL_NULLS_DEFAULT;
      g_ptr_array_add (columns, g_strdup (column != NULL ? column : ""));
      g_ptr_array_add (keys, key);
    }
  g_ptr_array_add (columns, NULL);

  if (member_array (index_stmt, "options") != NULL || member_string (index_stmt, "tableSpace") != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": the storage options (WITH, TABLESPACE) of index \"%s\" are not kept",
                           table->name, name != NULL ? name : "");
  index = g_new0 (CardinalIndex, 1);
  index->name = g_strdup (name != NULL ? name : "");
  index->unique = member_bool (index_stmt, "unique");
  index->columns = (GStrv) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
  if (!plain)
    index->keys = g_steal_pointer (&keys);
  if (method != NULL && g_ascii_strcasecmp (method, "btree") != 0)
    index->method = g_strdup (method);
  index->nulls_not_distinct = member_bool (index_stmt, "nulls_not_distinct");
  if (pg_json_length (including) > 0)
    {
      GPtrArray *include = g_ptr_array_new ();

      for (guint i = 0; i < pg_json_length (including); i++)
        {
          const PgJson *element;

          node_kind (pg_json_item (including, i), &element);
          if (member_string (element, "name") != NULL)
            g_ptr_array_add (include, g_strdup (member_string (element, "name")));
        }
      g_ptr_array_add (include, NULL);
      index->include = (GStrv) g_ptr_array_free (include, FALSE);
    }
  if (pg_json_member (index_stmt, "whereClause") != NULL && after != NULL)
    {
      const char *p = after;
      CardinalSqlToken token;
      int depth = 0;

      for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
           token.kind != CARDINAL_SQL_TOKEN_END && token.start < reader->sql + reader->stmt_end;
           cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
        {
          if (cardinal_sql_token_is (&token, "("))
            depth++;
          else if (cardinal_sql_token_is (&token, ")"))
            depth--;
          else if (depth == 0 && cardinal_sql_token_is (&token, "WHERE"))
            {
              g_autofree char *where = span_text (reader, p, reader->sql + reader->stmt_end);

              /* pg_dump writes WHERE (expr); the model keeps expr. */
              index->where = cardinal_reflect_strip_parentheses (where);
              break;
            }
        }
    }
  if (pg_json_member (index_stmt, "whereClause") != NULL && index->where == NULL)
    {
      cardinal_reflect_note (reader->notes, "table \"%s\": the WHERE of index \"%s\" could not be read; the index is skipped",
                             table->name, index->name);
      cardinal_index_free (index);
      return;
    }
  g_ptr_array_add (table->indexes, index);
}

/* SQL objects ------------------------------------------------------------------------ */

static void
add_unique_string (GPtrArray  *array,
                   const char *value)
{
  for (guint i = 0; i < array->len; i++)
    if (g_str_equal (g_ptr_array_index (array, i), value))
      return;
  g_ptr_array_add (array, g_strdup (value));
}

/* Collects the relations (RangeVar) and functions (FuncCall, a trigger's
 * EXECUTE FUNCTION) a parse tree names. */
static void
collect_names (const PgJson *node,
               ObjectInfo   *info,
               guint         depth)
{
  if (node == NULL || depth > 1000)
    return;
  if (node->kind == PG_JSON_ARRAY)
    {
      for (guint i = 0; i < node->length; i++)
        collect_names (pg_json_item (node, i), info, depth + 1);
      return;
    }
  if (node->kind != PG_JSON_OBJECT)
    return;

  {
    const char *relname = member_string (node, "relname");
    const PgJson *funcname = member_array (node, "funcname");

    if (relname != NULL)
      {
        const char *schema = member_string (node, "schemaname");
        g_autofree char *key = g_strdup_printf ("%s\x1f%s", schema != NULL ? schema : "", relname);

        add_unique_string (info->relations, key);
      }
    if (funcname != NULL && pg_json_length (funcname) > 0)
      {
        const char *name = string_node (pg_json_item (funcname, pg_json_length (funcname) - 1));

        if (name != NULL)
          add_unique_string (info->functions, name);
      }
  }
  for (guint i = 0; i < node->length; i++)
    collect_names (&node->v.members[i].value, info, depth + 1);
}

/* A SQL-language function's body is checked when it is created: the tables it reads must exist. */
static void
collect_body_names (const PgJson *function,
                    ObjectInfo   *info)
{
  const PgJson *options = member_array (function, "options");
  const char *language = NULL;
  const char *body = NULL;

  for (guint i = 0; i < pg_json_length (options); i++)
    {
      const PgJson *element;
      const PgJson *arg;
      const char *arg_kind;
      const char *option;

      node_kind (pg_json_item (options, i), &element);
      option = member_string (element, "defname");
      arg_kind = node_kind (pg_json_member (element, "arg"), &arg);
      if (g_strcmp0 (option, "language") == 0)
        language = string_node (pg_json_member (element, "arg"));
      else if (g_strcmp0 (option, "as") == 0 && g_strcmp0 (arg_kind, "List") == 0
               && pg_json_length (member_array (arg, "items")) == 1)
        body = string_node (pg_json_item (member_array (arg, "items"), 0));
    }
  if (g_strcmp0 (language, "sql") == 0 && body != NULL)
    {
      PgQueryParseResult result = pg_query_parse (body);
      PgJsonParser parser = { NULL };
      PgJson root;

      if (result.error == NULL && pg_json_parse (&parser, result.parse_tree, &root))
        collect_names (&root, info, 0);
      pg_json_parser_clear (&parser);
      pg_query_free_parse_result (result);
    }
}

/* Keeps the statement being read as an SQL object, in file order. */
static ObjectInfo *
keep_object_info (SqlReader    *reader,
                  const char   *kind,
                  const char   *name,
                  const PgJson *tree)
{
  g_autofree char *sql = statement_text (reader);
  CardinalSqlObject *object = cardinal_sql_object_new (name, kind, CARDINAL_DIALECT_POSTGRESQL, sql);
  ObjectInfo *info = g_new0 (ObjectInfo, 1);

  info->object = object;
  info->relations = g_ptr_array_new_with_free_func (g_free);
  info->functions = g_ptr_array_new_with_free_func (g_free);
  info->types = g_ptr_array_new_with_free_func (g_free);
  collect_names (tree, info, 0);
  g_ptr_array_add (reader->schema->objects, object);
  g_ptr_array_add (reader->object_infos, info);
  return info;
}

static void
keep_object (SqlReader    *reader,
             const char   *kind,
             const char   *name,
             const PgJson *tree)
{
  keep_object_info (reader, kind, name, tree);
}

/* "name(integer, text)", the way an object list names a routine. */
static void
read_routine (SqlReader    *reader,
              const PgJson *function,
              const PgJson *statement)
{
  g_auto(GStrv) names = string_list (member_array (function, "funcname"));
  const PgJson *parameters = member_array (function, "parameters");
  const PgJson *result = member_object (function, "returnType");
  const char *schema;
  const char *bare = split_names (names, &schema);
  g_autoptr(GString) name = g_string_new (NULL);
  g_autoptr(GPtrArray) types = g_ptr_array_new_with_free_func (g_free);
  ObjectInfo *info;
  guint n_arguments = 0;

  if (schema != NULL)
    {
      g_string_append_printf (name, "%s.", schema);
      use_schema (reader, schema);
    }
  g_string_append_printf (name, "%s(", bare != NULL ? bare : "");
  for (guint i = 0; i < pg_json_length (parameters); i++)
    {
      const PgJson *parameter;
      const char *mode;
      char *type;

      node_kind (pg_json_item (parameters, i), &parameter);
      mode = member_string (parameter, "mode");
      type = type_spelling (member_object (parameter, "argType"), NULL);
      g_ptr_array_add (types, type);
      if (g_strcmp0 (mode, "FUNC_PARAM_OUT") == 0 || g_strcmp0 (mode, "FUNC_PARAM_TABLE") == 0)
        continue;
      g_string_append_printf (name, "%s%s", n_arguments++ > 0 ? ", " : "", type);
    }
  g_string_append_c (name, ')');
  if (result != NULL)
    g_ptr_array_add (types, type_spelling (result, NULL));

  info = keep_object_info (reader, member_bool (function, "is_procedure") ? "procedure" : "function",
                           name->str, statement);
  info->routine = TRUE;
  for (guint i = 0; i < types->len; i++)
    add_unique_string (info->types, g_ptr_array_index (types, i));
  collect_body_names (function, info);
}

/* COMMENT ON: tables, columns and types are the model's; anything else is kept. */
static void
read_comment (SqlReader    *reader,
              const PgJson *comment_stmt,
              const PgJson *statement)
{
  const char *type = member_string (comment_stmt, "objtype");
  const char *text = member_string (comment_stmt, "comment");
  const PgJson *object_fields;
  const char *object_kind = node_kind (pg_json_member (comment_stmt, "object"), &object_fields);
  g_auto(GStrv) names = NULL;
  CardinalTable *table;

  if (g_strcmp0 (object_kind, "List") == 0)
    names = string_list (member_array (object_fields, "items"));
  else if (g_strcmp0 (object_kind, "TypeName") == 0)
    names = string_list (member_array (object_fields, "names"));
  else if (g_strcmp0 (object_kind, "ObjectWithArgs") == 0)
    names = string_list (member_array (object_fields, "objname"));
  else if (g_strcmp0 (object_kind, "String") == 0)
    {
      names = g_new0 (char *, 2);
      names[0] = g_strdup (member_string (object_fields, "sval"));
    }
  else
    names = g_new0 (char *, 1);

  if (g_strcmp0 (type, "OBJECT_TABLE") == 0 && (table = find_table_in_list (reader, names, 0)) != NULL)
    {
      g_free (table->comment);
      table->comment = g_strdup (text != NULL ? text : "");
      return;
    }
  if (g_strcmp0 (type, "OBJECT_COLUMN") == 0 && (table = find_table_in_list (reader, names, 1)) != NULL)
    {
      CardinalColumn *column = cardinal_table_find_column (table, names[g_strv_length (names) - 1]);

      if (column != NULL)
        {
          g_free (column->comment);
          column->comment = g_strdup (text != NULL ? text : "");
          return;
        }
    }
  /* pg_dump repeats the comment each extension gives itself. */
  if (g_strcmp0 (type, "OBJECT_EXTENSION") == 0)
    {
      skip_statement (reader, "CommentStmt");
      return;
    }
  if (g_strcmp0 (type, "OBJECT_TYPE") == 0 || g_strcmp0 (type, "OBJECT_DOMAIN") == 0)
    {
      CardinalUserType *user_type = find_user_type (reader, names);

      if (user_type != NULL)
        {
          g_free (user_type->comment);
          user_type->comment = g_strdup (text != NULL ? text : "");
          return;
        }
    }
  {
    ObjectInfo *info;
    g_autofree char *joined = g_strjoinv (".", names);
    g_autofree char *what = g_ascii_strdown (type != NULL && g_str_has_prefix (type, "OBJECT_")
                                             ? type + strlen ("OBJECT_") : "object", -1);
    g_autofree char *name = g_strdup_printf ("%s %s", what, joined);

    info = keep_object_info (reader, "comment", name, statement);
    /* What it comments on: a relation or a routine of that name. */
    if (names[0] != NULL)
      {
        guint n = g_strv_length (names);
        guint skip = g_strcmp0 (type, "OBJECT_COLUMN") == 0 ? 1 : 0;

        if (n > skip)
          {
            g_autofree char *key = g_strdup_printf ("%s\x1f%s", n >= skip + 2 ? names[n - skip - 2] : "",
                                                    names[n - skip - 1]);

            add_unique_string (info->relations, key);
            add_unique_string (info->functions, names[n - skip - 1]);
          }
      }
  }
}

static void
read_create_extension (SqlReader    *reader,
                       const PgJson *create)
{
  const char *name = member_string (create, "extname");
  const PgJson *options = member_array (create, "options");
  CardinalExtension *extension;

  if (name == NULL)
    return;
  for (guint i = 0; i < reader->schema->extensions->len; i++)
    if (g_str_equal (((CardinalExtension *) g_ptr_array_index (reader->schema->extensions, i))->name, name))
      return;
  extension = g_new0 (CardinalExtension, 1);
  extension->name = g_strdup (name);
  for (guint i = 0; i < pg_json_length (options); i++)
    {
      const PgJson *element;

      node_kind (pg_json_item (options, i), &element);
      if (g_strcmp0 (member_string (element, "defname"), "schema") == 0)
        {
          g_free (extension->schema);
          extension->schema = g_strdup (string_node (pg_json_member (element, "arg")));
        }
      else if (g_strcmp0 (member_string (element, "defname"), "new_version") == 0)
        cardinal_reflect_note (reader->notes, "extension \"%s\": its VERSION is not kept", name);
    }
  g_ptr_array_add (reader->schema->extensions, extension);
}

/* Statements that change nothing a schema holds. */
static gboolean
is_noop_statement (const char   *kind,
                   const PgJson *fields)
{
  static const char *const noop[] = {
    "VariableSetStmt", "VariableShowStmt", "TransactionStmt", "GrantStmt", "GrantRoleStmt",
    "AlterOwnerStmt", "AlterDefaultPrivilegesStmt", "CheckPointStmt", "DiscardStmt", "LockStmt",
    "InsertStmt", "UpdateStmt", "DeleteStmt", "CopyStmt", "SelectStmt", "VacuumStmt", "ExplainStmt",
    "AnalyzeStmt", "NotifyStmt", "ListenStmt", "DoStmt", "CallStmt", "TruncateStmt", "SecLabelStmt",
    "RefreshMatViewStmt",
    NULL,
  };

  return g_strv_contains (noop, kind);
}

static void
read_statement (SqlReader    *reader,
                const PgJson *statement)
{
  ObjectInfo *info;
  const PgJson *fields;
  const char *kind = node_kind (statement, &fields);

  if (kind == NULL)
    return;
  if (g_str_equal (kind, "CreateStmt"))
    read_create (reader, fields, statement);
  else if (g_str_equal (kind, "AlterTableStmt"))
    read_alter_table (reader, fields, statement);
  else if (g_str_equal (kind, "IndexStmt"))
    read_index (reader, fields, statement);
  else if (g_str_equal (kind, "CommentStmt"))
    read_comment (reader, fields, statement);
  else if (g_str_equal (kind, "CreateSeqStmt"))
    read_create_sequence (reader, fields);
  else if (g_str_equal (kind, "AlterSeqStmt"))
    read_alter_sequence (reader, fields);
  else if (g_str_equal (kind, "CreateEnumStmt"))
    read_create_enum (reader, fields);
  else if (g_str_equal (kind, "AlterEnumStmt"))
    read_alter_enum (reader, fields);
  else if (g_str_equal (kind, "CreateDomainStmt"))
    read_create_domain (reader, fields);
  else if (g_str_equal (kind, "CreateSchemaStmt"))
    {
      use_schema (reader, member_string (fields, "schemaname"));
      if (member_array (fields, "schemaElts") != NULL)
        cardinal_reflect_note (reader->notes, "schema \"%s\": the statements inside CREATE SCHEMA are not kept",
                               member_string (fields, "schemaname"));
    }
  else if (g_str_equal (kind, "CreateExtensionStmt"))
    read_create_extension (reader, fields);
  else if (g_str_equal (kind, "CompositeTypeStmt"))
    {
      g_autofree char *name = relation_name (member_object (fields, "typevar"));

      const PgJson *attributes = member_array (fields, "coldeflist");

      use_schema (reader, member_string (member_object (fields, "typevar"), "schemaname"));
      info = keep_object_info (reader, "type", name, statement);
      /* A column of the tables may have this type: it comes before them unless it holds a table's row. */
      info->routine = TRUE;
      for (guint i = 0; i < pg_json_length (attributes); i++)
        {
          const PgJson *attribute;
          g_autofree char *type = NULL;

          node_kind (pg_json_item (attributes, i), &attribute);
          type = type_spelling (member_object (attribute, "typeName"), NULL);
          add_unique_string (info->types, type);
        }
    }
  else if (g_str_equal (kind, "CreateRangeStmt"))
    {
      g_auto(GStrv) names = string_list (member_array (fields, "typeName"));
      g_autofree char *name = g_strjoinv (".", names);

      info = keep_object_info (reader, "type", name, statement);
      info->routine = TRUE;
    }
  else if (g_str_equal (kind, "DefineStmt"))
    {
      const char *object_type = member_string (fields, "kind");
      g_auto(GStrv) names = string_list (member_array (fields, "defnames"));
      const char *schema;
      const char *bare = split_names (names, &schema);
      g_autoptr(GString) name = g_string_new (NULL);

      if (schema != NULL)
        {
          g_string_append_printf (name, "%s.", schema);
          use_schema (reader, schema);
        }
      g_string_append (name, bare != NULL ? bare : "");
      /* An aggregate is named like a function: total(integer). */
      if (g_strcmp0 (object_type, "OBJECT_AGGREGATE") == 0)
        {
          const PgJson *list;
          const PgJson *parameters;

          node_kind (pg_json_length (member_array (fields, "args")) > 0
                     ? pg_json_item (member_array (fields, "args"), 0) : NULL, &list);
          parameters = member_array (list, "items");
          g_string_append_c (name, '(');
          for (guint i = 0; i < pg_json_length (parameters); i++)
            {
              const PgJson *parameter;
              g_autofree char *type = NULL;

              node_kind (pg_json_item (parameters, i), &parameter);
              type = type_spelling (member_object (parameter, "argType"), NULL);
              g_string_append_printf (name, "%s%s", i > 0 ? ", " : "", type);
            }
          if (pg_json_length (parameters) == 0)
            g_string_append_c (name, '*');
          g_string_append_c (name, ')');
        }
      info = keep_object_info (reader, g_strcmp0 (object_type, "OBJECT_AGGREGATE") == 0 ? "aggregate"
                               : g_strcmp0 (object_type, "OBJECT_TYPE") == 0 ? "type" : "statement", name->str, statement);
      /* An aggregate's SFUNC and the other support functions are named as types in the tree. */
      for (guint i = 0; g_strcmp0 (object_type, "OBJECT_AGGREGATE") == 0
                        && i < pg_json_length (member_array (fields, "definition")); i++)
        {
          const PgJson *element;
          const PgJson *arg;
          const char *option;

          node_kind (pg_json_item (member_array (fields, "definition"), i), &element);
          option = member_string (element, "defname");
          if (option != NULL && g_str_has_suffix (option, "func")
              && g_strcmp0 (node_kind (pg_json_member (element, "arg"), &arg), "TypeName") == 0)
            {
              g_auto(GStrv) function = string_list (member_array (arg, "names"));
              const char *function_schema;
              const char *function_name = split_names (function, &function_schema);

              if (function_name != NULL)
                add_unique_string (info->functions, function_name);
            }
        }
    }
  else if (g_str_equal (kind, "ViewStmt"))
    {
      g_autofree char *name = relation_name (member_object (fields, "view"));

      use_schema (reader, member_string (member_object (fields, "view"), "schemaname"));
      keep_object (reader, "view", name, statement);
    }
  else if (g_str_equal (kind, "CreateTableAsStmt"))
    {
      g_autofree char *name = relation_name (member_object (member_object (fields, "into"), "rel"));

      use_schema (reader, member_string (member_object (member_object (fields, "into"), "rel"), "schemaname"));
      keep_object (reader, g_strcmp0 (member_string (fields, "objtype"), "OBJECT_MATVIEW") == 0
                   ? "materialized-view" : "statement", name, statement);
    }
  else if (g_str_equal (kind, "CreateFunctionStmt"))
    read_routine (reader, fields, statement);
  else if (g_str_equal (kind, "CreateTrigStmt"))
    keep_object (reader, "trigger", member_string (fields, "trigname"), statement);
  else if (g_str_equal (kind, "RuleStmt"))
    keep_object (reader, "rule", member_string (fields, "rulename"), statement);
  else if (g_str_equal (kind, "CreatePolicyStmt"))
    keep_object (reader, "policy", member_string (fields, "policy_name"), statement);
  else if (is_noop_statement (kind, fields))
    skip_statement (reader, kind);
  /* Databases, roles, tablespaces and subscriptions belong to the server, not to a schema. */
  else if (g_str_equal (kind, "CreatedbStmt") || g_str_equal (kind, "AlterDatabaseStmt")
           || g_str_equal (kind, "AlterDatabaseSetStmt") || g_str_equal (kind, "AlterDatabaseRefreshCollStmt")
           || g_str_equal (kind, "CreateRoleStmt") || g_str_equal (kind, "AlterRoleStmt")
           || g_str_equal (kind, "AlterRoleSetStmt") || g_str_equal (kind, "CreateTableSpaceStmt")
           || g_str_equal (kind, "AlterTableSpaceOptionsStmt") || g_str_equal (kind, "AlterSystemStmt")
           || g_str_equal (kind, "CreateSubscriptionStmt") || g_str_equal (kind, "AlterSubscriptionStmt")
           || g_str_equal (kind, "AlterTableMoveAllStmt"))
    cardinal_reflect_note (reader->notes, "%s:%u: %s skipped: it is about the server, not the schema", reader->filename,
                           statement_line (reader), kind);
  /* Other DDL (casts, operators, event triggers, ALTER … of views…) is kept as written. */
  else if (g_str_has_prefix (kind, "Create") || g_str_has_prefix (kind, "Alter")
           || g_str_equal (kind, "RenameStmt") || g_str_equal (kind, "DefineStmt"))
    keep_object (reader, "statement", "", statement);
  else
    {
      cardinal_reflect_note (reader->notes, "%s:%u: %s skipped", reader->filename, statement_line (reader), kind);
    }
}

/* Finishing -------------------------------------------------------------------------- */

/* Names: bare unless two schemas of the file have a table of that name. */
static void
name_tables (SqlReader *reader)
{
  /* Keys of their own: names change below. */
  g_autoptr(GHashTable) count = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reader->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reader->schema->tables, i);

      g_hash_table_insert (count, g_strdup (table->name),
                           GUINT_TO_POINTER (GPOINTER_TO_UINT (g_hash_table_lookup (count, table->name)) + 1));
    }
  for (guint i = 0; i < reader->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reader->schema->tables, i);
      const char *schema = g_hash_table_lookup (reader->table_schema, table);
      char *qualified;

      if (GPOINTER_TO_UINT (g_hash_table_lookup (count, table->name)) < 2)
        continue;
      qualified = g_strdup_printf ("%s.%s", schema, table->name);
      cardinal_reflect_note (reader->notes, "table \"%s\" of schema \"%s\" is called \"%s\": "
                             "another schema has a table \"%s\" too", table->name, schema, qualified, table->name);
      g_free (table->name);
      table->name = qualified;
    }
}

static void
resolve_references (SqlReader *reader)
{
  for (guint i = 0; i < reader->references->len; i++)
    {
      Reference *reference = g_ptr_array_index (reader->references, i);
      CardinalTable *table = find_table_named (reader, reference->schema, reference->name);

      if (table == NULL)
        {
          cardinal_reflect_note (reader->notes, "foreign key \"%s\" references \"%s\", which the file does not create",
                                 reference->fk->name, reference->name);
          continue;
        }
      g_free (reference->fk->ref_table);
      reference->fk->ref_table = g_strdup (table->name);
      g_free (reference->fk->ref_schema);
      reference->fk->ref_schema = g_strdup (table->schema);
    }
}

/* The sequence a nextval('…'::regclass) default calls, as written in the string. */
static GStrv
nextval_sequence (const char *expression)
{
  const char *p = expression;
  CardinalSqlToken token;
  g_autofree char *literal = NULL;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);

  cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
  if (!cardinal_sql_token_is (&token, "nextval") && !cardinal_sql_token_is (&token, "pg_catalog"))
    return NULL;
  if (cardinal_sql_token_is (&token, "pg_catalog"))
    {
      cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
      cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
      if (!cardinal_sql_token_is (&token, "nextval"))
        return NULL;
    }
  cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
  if (!cardinal_sql_token_is (&token, "("))
    return NULL;
  cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
  if (token.kind != CARDINAL_SQL_TOKEN_STRING || token.start[0] != '\'' || token.length < 2)
    return NULL;
  literal = g_strndup (token.start + 1, token.length - 2);
  /* The string holds a name as SQL writes it: "Quoted".bare, folded to lower case when bare. */
  p = literal;
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_QUOTED)
        g_ptr_array_add (names, cardinal_sql_token_name (&token));
      else if (token.kind == CARDINAL_SQL_TOKEN_WORD)
        g_ptr_array_add (names, g_ascii_strdown (token.start, (gssize) token.length));
      else if (!cardinal_sql_token_is (&token, "."))
        return NULL;
    }
  if (names->len == 0)
    return NULL;
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_free (g_steal_pointer (&names), FALSE);
}

static gboolean
owns (SqlReader            *reader,
      const SequenceInfo   *info,
      const CardinalTable  *table,
      const CardinalColumn *column)
{
  return info->owner_column != NULL && g_str_equal (info->owner_column, column->name)
         && find_table_named (reader, info->owner_schema, info->owner_table) == table;
}

/* pg_dump writes a serial column as a sequence OWNED BY it and a nextval()
 * default: that is a serial again, the sequence's options its own. */
static void
find_serials (SqlReader *reader)
{
  for (guint i = 0; i < reader->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reader->schema->tables, i);

      for (guint k = 0; k < table->columns->len; k++)
        {
          CardinalColumn *column = g_ptr_array_index (table->columns, k);
          g_auto(GStrv) names = NULL;
          const char *schema;
          const char *name;
          SequenceInfo *info;
          g_autoptr(CardinalSequence) sequence = NULL;
          g_autofree char *expected = NULL;

          if (column->default_value == NULL || (names = nextval_sequence (column->default_value)) == NULL)
            continue;
          name = split_names (names, &schema);
          if (g_strv_length (names) >= 2 && g_str_equal (names[g_strv_length (names) - 2], "public"))
            schema = "public";
          info = find_sequence (reader, schema, name);
          if (info == NULL || info->sequence == NULL || !owns (reader, info, table, column))
            continue;

          column->autoincrement = TRUE;
          column->identity = CARDINAL_IDENTITY_SERIAL;
          g_clear_pointer (&column->default_value, g_free);
          sequence = cardinal_sequence_copy (info->sequence);
          g_clear_pointer (&sequence->owned_by, g_free);
          expected = default_sequence_name (table, column);
          if (g_str_equal (sequence->name, expected) && g_strcmp0 (sequence->schema, table->schema) == 0)
            {
              g_clear_pointer (&sequence->name, g_free);
              g_clear_pointer (&sequence->schema, g_free);
            }
          /* A standalone sequence's type is relative to bigint, a serial's to its column. */
          if (g_strcmp0 (sequence->type != NULL ? sequence->type : "bigint", column->type) == 0)
            g_clear_pointer (&sequence->type, g_free);
          else if (sequence->type == NULL)
            sequence->type = g_strdup ("bigint");
          g_clear_pointer (&column->sequence, cardinal_sequence_free);
          if (!sequence_is_default (sequence))
            column->sequence = g_steal_pointer (&sequence);
          g_ptr_array_remove (reader->schema->sequences, info->sequence);
          info->sequence = NULL;
        }
    }
}

static void
finish_sequences (SqlReader *reader)
{
  for (guint i = 0; i < reader->sequence_order->len; i++)
    {
      SequenceInfo *info = g_ptr_array_index (reader->sequence_order, i);
      CardinalTable *table;

      if (info->sequence == NULL || info->owner_column == NULL)
        continue;
      table = find_table_named (reader, info->owner_schema, info->owner_table);
      if (table == NULL || cardinal_table_find_column (table, info->owner_column) == NULL)
        {
          cardinal_reflect_note (reader->notes, "sequence \"%s\" is owned by %s.%s, which the file does not create",
                                 info->sequence->name, info->owner_table, info->owner_column);
          continue;
        }
      info->sequence->owned_by = g_strdup_printf ("%s.%s", table->name, info->owner_column);
    }
}

/* A string literal cast to the column's own type is the literal, as
 * cardinal-reflect.h promises and as the live reader reads it: pg_dump's
 * 'draft'::character varying and '-1'::integer are the source's 'draft'
 * and -1. Anything else stays exactly as written. */
static void
plain_default (SqlReader      *reader,
               CardinalColumn *column)
{
  const char *spelling = g_hash_table_lookup (reader->spellings, column);
  g_autofree char *qualified = NULL;
  g_autofree char *text = NULL;
  char *plain;

  if (spelling == NULL)
    return;
  /* pg_dump names a user type of public with its schema. */
  qualified = g_strdup_printf ("::public.%s", spelling);
  text = g_strdup (column->default_value);
  if (g_str_has_suffix (text, qualified))
    memmove (text + strlen (text) - strlen (qualified) + 2, text + strlen (text) - strlen (qualified) + 2 + strlen ("public."),
             strlen (spelling) + 1);
  plain = cardinal_reflect_plain_default (text, spelling);
  /* Only a change that removes a cast; the text is otherwise the file's. */
  if (strcmp (plain, text) != 0)
    {
      g_free (column->default_value);
      column->default_value = plain;
    }
  else
    g_free (plain);
}

static void
finish_columns (SqlReader *reader)
{
  for (guint i = 0; i < reader->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (reader->schema->tables, i);

      for (guint k = 0; table->primary_key[k] != NULL; k++)
        {
          CardinalColumn *column = cardinal_table_find_column (table, table->primary_key[k]);

          /* PostgreSQL makes primary key columns NOT NULL. */
          if (column != NULL)
            column->nullable = FALSE;
        }
      for (guint k = 0; k < table->columns->len; k++)
        {
          CardinalColumn *column = g_ptr_array_index (table->columns, k);

          /* Identity and serial columns are NOT NULL too. */
          if (column->autoincrement)
            column->nullable = FALSE;
          if (column->default_value != NULL)
            plain_default (reader, column);
        }
    }
}

/* The name an object list uses for the relation "schema\x1fname" (schema "" when unqualified). */
static const char *
resolve_relation (SqlReader  *reader,
                  GHashTable *object_names,
                  const char *key)
{
  g_auto(GStrv) parts = g_strsplit (key, "\x1f", 2);
  const char *schema = parts[0][0] != '\0' ? parts[0] : NULL;
  CardinalTable *table = find_table_named (reader, schema, parts[1]);
  g_autofree char *qualified = NULL;
  const char *object;

  if (table != NULL)
    return table->name;
  qualified = schema != NULL && !g_str_equal (schema, "public") ? g_strdup_printf ("%s.%s", schema, parts[1])
              : g_strdup (parts[1]);
  object = g_hash_table_lookup (object_names, qualified);
  return object;
}

/* depends_on from the names each object's tree holds, and before_tables of routines. */
static void
resolve_objects (SqlReader *reader)
{
  /* Relation-like objects by name, routines by bare name (first one wins). */
  g_autoptr(GHashTable) relations = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) routines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < reader->object_infos->len; i++)
    {
      ObjectInfo *info = g_ptr_array_index (reader->object_infos, i);
      CardinalSqlObject *object = info->object;

      if (g_str_equal (object->kind, "view") || g_str_equal (object->kind, "materialized-view")
          || g_str_equal (object->kind, "partition") || g_str_equal (object->kind, "type"))
        {
          if (!g_hash_table_contains (relations, object->name))
            g_hash_table_insert (relations, object->name, object->name);
        }
      else if (g_str_equal (object->kind, "function") || g_str_equal (object->kind, "procedure")
               || g_str_equal (object->kind, "aggregate"))
        {
          const char *paren = strchr (object->name, '(');
          gsize length = paren != NULL ? (gsize) (paren - object->name) : strlen (object->name);
          g_autofree char *qualified = g_strndup (object->name, length);
          const char *dot = strrchr (qualified, '.');
          char *bare = g_strdup (dot != NULL ? dot + 1 : qualified);

          if (!g_hash_table_contains (routines, bare))
            g_hash_table_insert (routines, bare, object->name);
          else
            g_free (bare);
        }
    }

  for (guint i = 0; i < reader->object_infos->len; i++)
    {
      ObjectInfo *info = g_ptr_array_index (reader->object_infos, i);
      CardinalSqlObject *object = info->object;
      g_autoptr(GPtrArray) depends = g_ptr_array_new_with_free_func (g_free);
      gboolean needs_tables = FALSE;
      /* A statement's name is what it changes, not what it creates. */
      gboolean creates = !g_str_equal (object->kind, "statement");

      for (guint k = 0; k < info->relations->len; k++)
        {
          const char *name = resolve_relation (reader, relations, g_ptr_array_index (info->relations, k));

          if (name != NULL && (!creates || !g_str_equal (name, object->name)))
            add_unique_string (depends, name);
        }
      for (guint k = 0; k < info->functions->len; k++)
        {
          const char *bare = g_ptr_array_index (info->functions, k);
          const char *name = g_hash_table_lookup (routines, bare);
          const char *own_paren = strchr (object->name, '(');
          g_autofree char *own = g_strndup (object->name, own_paren != NULL ? (gsize) (own_paren - object->name)
                                                                            : strlen (object->name));
          const char *own_dot = strrchr (own, '.');

          /* A routine names itself (and its overloads share the name): not a dependency. */
          if (own_paren != NULL && g_str_equal (own_dot != NULL ? own_dot + 1 : own, bare))
            continue;
          if (name != NULL && !g_str_equal (name, object->name))
            add_unique_string (depends, name);
        }
      if (depends->len > 0)
        {
          g_ptr_array_add (depends, NULL);
          g_strfreev (object->depends_on);
          object->depends_on = (GStrv) g_ptr_array_free (g_steal_pointer (&depends), FALSE);
        }
      if (!info->routine)
        continue;

      /* Before the tables unless it takes or returns a row of a table or view of the
       * file, or its SQL body reads one. */
      for (guint k = 0; k < info->types->len && !needs_tables; k++)
        {
          g_autofree char *type = g_strdup (g_ptr_array_index (info->types, k));
          char *brackets = strstr (type, "[]");

          if (brackets != NULL)
            *brackets = '\0';
          needs_tables = find_table_named (reader, NULL, type) != NULL || cardinal_schema_find_table (reader->schema, type) != NULL
                         || g_hash_table_contains (relations, type);
        }
      for (guint k = 0; k < info->relations->len && !needs_tables; k++)
        {
          const char *name = resolve_relation (reader, relations, g_ptr_array_index (info->relations, k));

          needs_tables = name != NULL && !g_str_equal (name, object->name);
        }
      object->before_tables = !needs_tables;
    }
}

static void
note_skipped (SqlReader *reader)
{
  g_autoptr(GList) kinds = g_hash_table_get_keys (reader->skipped);
  g_autoptr(GString) list = NULL;
  guint total = 0;

  if (kinds == NULL)
    return;
  kinds = g_list_sort (kinds, (GCompareFunc) strcmp);
  list = g_string_new (NULL);
  for (GList *l = kinds; l != NULL; l = l->next)
    {
      guint count = GPOINTER_TO_UINT (g_hash_table_lookup (reader->skipped, l->data));

      total += count;
      g_string_append_printf (list, "%s%s ×%u", list->len > 0 ? ", " : "", (const char *) l->data, count);
    }
  cardinal_reflect_note (reader->notes, "%s: %u %s that %s not schema skipped (%s)", reader->filename, total,
                         total == 1 ? "statement" : "statements", total == 1 ? "is" : "are", list->str);
}

/* psql scripts (pg_dump's output among them) hold lines that are not SQL:
 * meta-commands such as \restrict or \connect, and the data of COPY …
 * FROM stdin up to a line "\.". They are blanked with spaces in a copy, so
 * that every offset and line number stays that of the file. Returns how
 * many lines were blanked. */
static guint
blank_psql_lines (char *sql)
{
  const char *p = sql;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };
  guint blanked = 0;
  /* COPY … FROM stdin [WITH (…)]: the data follows the statement's semicolon. */
  gboolean from_stdin = FALSE;

  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      char *line_start = (char *) token.start;
      char *q;

      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      while (line_start > sql && line_start[-1] != '\n' && (line_start[-1] == ' ' || line_start[-1] == '\t'))
        line_start--;

      if (cardinal_sql_token_is (&token, "\\") && (line_start == sql || line_start[-1] == '\n'))
        {
          for (q = (char *) token.start; *q != '\0' && *q != '\n'; q++)
            *q = ' ';
          p = q;
          blanked++;
          continue;
        }
      if (cardinal_sql_token_is (&token, "stdin") && cardinal_sql_token_is (&previous, "FROM"))
        from_stdin = TRUE;
      if (cardinal_sql_token_is (&token, ";") && from_stdin)
        {
          /* The data lines, then the "\." that ends them. */
          q = (char *) p + strcspn (p, "\n");
          while (*q == '\n')
            {
              char *line = q + 1;
              gboolean end = strncmp (line, "\\.", 2) == 0;

              for (q = line; *q != '\0' && *q != '\n'; q++)
                *q = ' ';
              blanked++;
              if (end)
                break;
            }
          p = q;
        }
      if (cardinal_sql_token_is (&token, ";"))
        from_stdin = FALSE;
      previous = token;
    }
  return blanked;
}

CardinalSchema *
cardinal_reflect_sql_postgresql (const char    *sql,
                                 const char    *filename,
                                 GPtrArray     *notes,
                                 GCancellable  *cancellable,
                                 GError       **error)
{
  PgQueryParseResult result;
  PgJsonParser parser = { NULL };
  PgJson root;
  g_autoptr(CardinalSchema) schema = cardinal_schema_new (filename);
  g_autoptr(GHashTable) tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) table_schema = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) skipped = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) sequences = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                          (GDestroyNotify) sequence_info_free);
  g_autoptr(GPtrArray) sequence_order = g_ptr_array_new ();
  g_autoptr(GHashTable) types = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) spellings = g_hash_table_new_full (NULL, NULL, NULL, g_free);
  g_autoptr(GHashTable) kept_indexes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  g_autoptr(GPtrArray) object_infos = g_ptr_array_new_with_free_func ((GDestroyNotify) object_info_free);
  SqlReader reader = { 0 };
  const PgJson *statements;
  g_autofree char *text = NULL;
  guint blanked = 0;

  if (!cardinal_reflect_check_cancelled (cancellable, error))
    return NULL;

  reader.sql = sql;
  reader.sql_length = strlen (sql);
  reader.filename = filename;
  reader.notes = notes;
  reader.schema = schema;
  reader.tables = tables;
  reader.table_schema = table_schema;
  reader.skipped = skipped;
  reader.sequences = sequences;
  reader.sequence_order = sequence_order;
  reader.types = types;
  reader.spellings = spellings;
  reader.kept_indexes = kept_indexes;
  reader.references = references;
  reader.object_infos = object_infos;
  schema->has_dialect = TRUE;
  schema->dialect = CARDINAL_DIALECT_POSTGRESQL;

  text = g_strdup (sql);
  /* A lexing pass costs; most files have neither. */
  if (text[0] == '\\' || strstr (text, "\n\\") != NULL || strstr (text, "stdin") != NULL
      || strstr (text, "STDIN") != NULL)
    blanked = blank_psql_lines (text);
  if (blanked > 0)
    cardinal_reflect_note (notes, "%s: %u %s of psql meta-commands or COPY data skipped", filename, blanked,
                           blanked == 1 ? "line" : "lines");
  sql = text;
  reader.sql = text;
  result = pg_query_parse (sql);
  if (result.error != NULL)
    {
      /* cursorpos counts characters from 1; 0 means the end of the text. */
      int position = result.error->cursorpos;
      gsize offset = position > 0
                     ? (gsize) (g_utf8_offset_to_pointer (sql, MIN (position - 1, (int) g_utf8_strlen (sql, -1))) - sql)
                     : strlen (sql);

      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                   "%s:%u: %s", filename, cardinal_reflect_line_at (sql, offset), result.error->message);
      pg_query_free_parse_result (result);
      return NULL;
    }

  if (!pg_json_parse (&parser, result.parse_tree, &root))
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                   "%s: libpg_query's parse tree could not be read", filename);
      pg_query_free_parse_result (result);
      pg_json_parser_clear (&parser);
      return NULL;
    }
  pg_query_free_parse_result (result);

  statements = member_array (&root, "stmts");
  for (guint i = 0; i < pg_json_length (statements); i++)
    {
      const PgJson *raw = pg_json_item (statements, i);

      gint64 length = member_int (raw, "stmt_len", 0);

      reader.cursor = reader.stmt_start = CLAMP (member_int (raw, "stmt_location", 0), 0, (gint64) reader.sql_length);
      /* 0: the statement runs to the end of the text. */
      reader.stmt_end = length > 0 ? MIN (reader.stmt_start + length, (gint64) reader.sql_length)
                                   : (gint64) reader.sql_length;
      read_statement (&reader, pg_json_member (raw, "stmt"));
    }
  pg_json_parser_clear (&parser);

  if (schema->tables->len == 0)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_EMPTY,
                   "%s: creates no tables", filename);
      return NULL;
    }

  /* Tables keep their names as the file spells them until every statement is read. */
  find_serials (&reader);
  name_tables (&reader);
  resolve_references (&reader);
  finish_sequences (&reader);
  finish_columns (&reader);
  resolve_objects (&reader);
  note_skipped (&reader);
  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}
