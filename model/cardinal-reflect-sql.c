/* cardinal-reflect-sql.c: .sql files: SQLite's executed into an in-memory database, PostgreSQL's read through libpg_query's parse tree. */
#include "cardinal-reflect-private.h"

#include <string.h>

#include <pg_query.h>

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

  if (sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_MEMORY, NULL) != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                   "%s: cannot open an in-memory database: %s", filename, sqlite3_errmsg (db));
      sqlite3_close (db);
      return NULL;
    }
  sqlite3_limit (db, SQLITE_LIMIT_ATTACHED, 0);
  sqlite3_set_authorizer (db, deny_outside, NULL);

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
  GHashTable     *owned_serial;  /* CardinalColumn set: a sequence is OWNED BY it */
  GPtrArray      *references;    /* of Reference: resolved once every table is known */
  gint64          cursor;        /* where the statement being read starts, then how far it was searched */
} SqlReader;

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
            memcpy (value->v.members, &g_array_index (parser->members, PgJsonMember, base), n * sizeof (PgJsonMember));
            g_array_set_size (parser->members, base);
          }
        else
          {
            n = parser->values->len - base;
            value->kind = PG_JSON_ARRAY;
            value->length = n;
            value->v.items = pg_json_alloc (parser, n * sizeof (PgJson) + 1);
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

/* The text of the parenthesized expression after CHECK, from @location on. */
static char *
check_text (SqlReader *reader,
            gint64     location)
{
  const char *p;
  CardinalSqlToken token;
  const char *start = NULL;
  int depth = 0;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return NULL;
  p = reader->sql + location;
  for (cardinal_reflect_next_token (&p, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_reflect_next_token (&p, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (cardinal_reflect_token_is (&token, "("))
        {
          if (depth++ == 0)
            start = p;
        }
      else if (cardinal_reflect_token_is (&token, ")") && depth > 0 && --depth == 0)
        {
          g_autofree char *text = g_strndup (start, (gsize) (token.start - start));

          return g_strdup (g_strstrip (text));
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
    "NULL", "CONSTRAINT", "PRIMARY", "UNIQUE", "REFERENCES", "CHECK", "DEFAULT",
    "GENERATED", "COLLATE", "DEFERRABLE", "INITIALLY", NULL,
  };

  if (cardinal_reflect_token_is (token, ",") || cardinal_reflect_token_is (token, ")")
      || cardinal_reflect_token_is (token, ";"))
    return TRUE;
  if (cardinal_reflect_token_is (token, "NOT"))
    return !cardinal_reflect_token_is (previous, "IS");
  if (cardinal_reflect_token_is (token, "NULL"))
    return !cardinal_reflect_token_is (previous, "IS") && !cardinal_reflect_token_is (previous, "NOT");
  for (guint i = 0; words[i] != NULL; i++)
    if (cardinal_reflect_token_is (token, words[i]))
      return TRUE;
  return FALSE;
}

/* The text of the expression after DEFAULT at @location. */
static char *
default_text (SqlReader *reader,
              gint64     location)
{
  const char *p;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };
  const char *start = NULL;
  const char *end = NULL;
  int depth = 0;
  gboolean seen_default = FALSE;

  if (location < 0 || (gsize) location >= reader->sql_length)
    return NULL;
  p = reader->sql + location;
  for (cardinal_reflect_next_token (&p, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_reflect_next_token (&p, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (!seen_default)
        {
          seen_default = cardinal_reflect_token_is (&token, "DEFAULT");
          continue;
        }
      if (depth == 0 && start != NULL && ends_default (&token, &previous))
        break;
      if (depth == 0 && start == NULL && cardinal_reflect_token_is (&token, ")"))
        break;
      if (cardinal_reflect_token_is (&token, "("))
        depth++;
      else if (cardinal_reflect_token_is (&token, ")"))
        depth--;
      if (start == NULL)
        start = token.start;
      end = token.start + token.length;
      previous = token;
    }
  return start != NULL ? g_strndup (start, (gsize) (end - start)) : NULL;
}

/* PostgreSQL's internal type names as people write them. */
static const char *
sql_type_name (const char *internal)
{
  static const struct { const char *internal, *written; } names[] = {
    { "int4", "integer" }, { "int8", "bigint" }, { "int2", "smallint" },
    { "float8", "double precision" }, { "float4", "real" }, { "bool", "boolean" },
    { "bpchar", "character" }, { "varchar", "character varying" },
    { "timetz", "time with time zone" }, { "varbit", "bit varying" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (names[i].internal, internal))
      return names[i].written;
  return internal;
}

/* A TypeName node as a type for the model; *@serial is set for serial
 * types and *@written (may be NULL) gets the type as PostgreSQL spells it. */
static char *
type_text (const PgJson  *type_name,
           gboolean    *serial,
           char       **written)
{
  g_auto(GStrv) names = string_list (member_array (type_name, "names"));
  const PgJson *typmods = member_array (type_name, "typmods");
  const PgJson *bounds = member_array (type_name, "arrayBounds");
  guint n = g_strv_length (names);
  g_autoptr(GString) out = g_string_new (NULL);
  const char *last;

  *serial = FALSE;
  if (n == 0)
    return g_strdup ("any");
  last = names[n - 1];

  if (n == 1 && bounds == NULL && typmods == NULL)
    {
      if (g_ascii_strcasecmp (last, "serial") == 0 || g_ascii_strcasecmp (last, "serial4") == 0)
        *serial = TRUE;
      else if (g_ascii_strcasecmp (last, "bigserial") == 0 || g_ascii_strcasecmp (last, "serial8") == 0)
        *serial = TRUE;
      else if (g_ascii_strcasecmp (last, "smallserial") == 0 || g_ascii_strcasecmp (last, "serial2") == 0)
        *serial = TRUE;
      if (*serial)
        return g_strdup (last[0] == 'b' || last[0] == 'B' || g_str_has_suffix (last, "8") ? "bigint"
                         : last[0] == 's' && last[1] == 'm' ? "smallint" : "integer");
    }

  if (n == 2 && g_str_equal (names[0], "pg_catalog"))
    g_string_append (out, sql_type_name (last));
  /* As a live database on the default search path spells it. */
  else if (n == 2 && g_str_equal (names[0], "public"))
    g_string_append (out, last);
  else
    {
      /* A user type is written as the file wrote it, schema included. */
      for (guint i = 0; i < n; i++)
        {
          if (i > 0)
            g_string_append_c (out, '.');
          g_string_append (out, names[i]);
        }
    }

  if (typmods != NULL && pg_json_length (typmods) > 0)
    {
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
  for (guint i = 0; bounds != NULL && i < pg_json_length (bounds); i++)
    g_string_append (out, "[]");

  if (written != NULL)
    *written = g_strdup (out->str);
  return cardinal_reflect_map_type (out->str);
}

static CardinalOnDelete
on_delete_from_code (SqlReader  *reader,
                     const char *table,
                     const char *code)
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
      cardinal_reflect_note (reader->notes, "table \"%s\": ON DELETE SET DEFAULT read as NO ACTION", table);
      return CARDINAL_ON_DELETE_NO_ACTION;
    default:
      return CARDINAL_ON_DELETE_NO_ACTION;
    }
}

static void
set_primary_key (CardinalTable *table,
                 GStrv          columns)
{
  g_strfreev (table->primary_key);
  table->primary_key = columns;
}

/* A constraint of a column (@column set) or of the table. */
static void
read_constraint (SqlReader      *reader,
                 CardinalTable  *table,
                 CardinalColumn *column,
                 const PgJson     *constraint)
{
  const char *type = member_string (constraint, "contype");
  gint64 location = member_int (constraint, "location", -1);
  GStrv keys;

  if (type == NULL)
    return;

  if (g_str_equal (type, "CONSTR_NOTNULL") && column != NULL)
    column->nullable = FALSE;
  else if (g_str_equal (type, "CONSTR_NULL") && column != NULL)
    column->nullable = TRUE;
  else if (g_str_equal (type, "CONSTR_DEFAULT") && column != NULL)
    {
      g_free (column->default_value);
      column->default_value = default_text (reader, location);
    }
  else if (g_str_equal (type, "CONSTR_IDENTITY") && column != NULL)
    column->autoincrement = TRUE;
  else if (g_str_equal (type, "CONSTR_GENERATED") && column != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": column \"%s\" is generated; read as a plain column",
                           table->name, column->name);
  else if (g_str_equal (type, "CONSTR_PRIMARY"))
    {
      if (column != NULL)
        {
          keys = g_new0 (char *, 2);
          keys[0] = g_strdup (column->name);
        }
      else
        keys = string_list (member_array (constraint, "keys"));
      set_primary_key (table, keys);
    }
  else if (g_str_equal (type, "CONSTR_UNIQUE"))
    {
      if (column != NULL)
        {
          keys = g_new0 (char *, 2);
          keys[0] = g_strdup (column->name);
        }
      else
        keys = string_list (member_array (constraint, "keys"));
      g_ptr_array_add (table->uniques, cardinal_unique_new ((const char * const *) keys));
      g_strfreev (keys);
    }
  else if (g_str_equal (type, "CONSTR_CHECK"))
    {
      g_autofree char *expression = check_text (reader, location);

      /* pg_dump writes CHECK ((expr)); the model keeps expr, as for a live database. */
      if (expression != NULL)
        {
          g_autofree char *stripped = cardinal_reflect_strip_parentheses (expression);

          g_ptr_array_add (table->checks, cardinal_check_new (NULL, stripped));
        }
    }
  else if (g_str_equal (type, "CONSTR_FOREIGN"))
    {
      CardinalForeignKey *fk = g_new0 (CardinalForeignKey, 1);
      const PgJson *pktable = member_object (constraint, "pktable");
      Reference *reference = g_new0 (Reference, 1);

      fk->name = g_strdup (member_string (constraint, "conname") != NULL ? member_string (constraint, "conname") : "");
      if (column != NULL)
        {
          fk->columns = g_new0 (char *, 2);
          fk->columns[0] = g_strdup (column->name);
        }
      else
        fk->columns = string_list (member_array (constraint, "fk_attrs"));
      fk->ref_columns = string_list (member_array (constraint, "pk_attrs"));
      fk->ref_table = g_strdup (member_string (pktable, "relname"));
      reference->fk = fk;
      reference->schema = g_strdup (member_string (pktable, "schemaname"));
      reference->name = g_strdup (member_string (pktable, "relname"));
      g_ptr_array_add (reader->references, reference);
      fk->on_delete = on_delete_from_code (reader, table->name, member_string (constraint, "fk_del_action"));
      g_ptr_array_add (table->foreign_keys, fk);
    }
  else
    cardinal_reflect_note (reader->notes, "table \"%s\": a constraint of kind %s skipped", table->name, type);
}

static CardinalColumn *
read_column_def (SqlReader     *reader,
                 CardinalTable *table,
                 const PgJson    *column_def)
{
  gboolean serial = FALSE;
  g_autofree char *written = NULL;
  g_autofree char *type = type_text (member_object (column_def, "typeName"), &serial, &written);
  CardinalColumn *column = cardinal_column_new (member_string (column_def, "colname"), type);
  const PgJson *constraints = member_array (column_def, "constraints");

  column->autoincrement = serial;
  g_ptr_array_add (table->columns, column);
  for (guint i = 0; constraints != NULL && i < pg_json_length (constraints); i++)
    {
      const PgJson *fields;

      if (g_strcmp0 (node_kind (pg_json_item (constraints, i), &fields), "Constraint") == 0)
        read_constraint (reader, table, column, fields);
    }
  /* As a live database would print it: '{}'::jsonb on a jsonb column is '{}'. */
  if (column->default_value != NULL && written != NULL)
    {
      char *plain = cardinal_reflect_plain_default (column->default_value, written);

      g_free (column->default_value);
      column->default_value = plain;
    }
  return column;
}

static void
read_create (SqlReader  *reader,
             const PgJson *create)
{
  const PgJson *relation = member_object (create, "relation");
  const char *schema = member_string (relation, "schemaname");
  const char *name = member_string (relation, "relname");
  const PgJson *elements = member_array (create, "tableElts");
  g_autofree char *key = NULL;
  CardinalTable *table;

  if (name == NULL)
    return;
  key = table_key (schema, name);
  if (g_hash_table_contains (reader->tables, key))
    {
      if (!member_bool (create, "if_not_exists"))
        cardinal_reflect_note (reader->notes, "table \"%s\" is created twice; the first one is kept", name);
      return;
    }
  if (member_array (create, "inhRelations") != NULL || member_object (create, "partbound") != NULL)
    cardinal_reflect_note (reader->notes, "table \"%s\": inheritance and partitioning are not kept", name);

  table = cardinal_table_new (name);
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
        read_constraint (reader, table, NULL, fields);
      else
        cardinal_reflect_note (reader->notes, "table \"%s\": %s skipped", name, kind != NULL ? kind : "an element");
    }
}

/* The expression of the next SET DEFAULT in the statement: the parse tree
 * gives an ALTER COLUMN … SET DEFAULT no place of its own. */
static char *
next_set_default (SqlReader *reader)
{
  const char *p = reader->sql + reader->cursor;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };

  for (cardinal_reflect_next_token (&p, &token);
       token.kind != CARDINAL_SQL_TOKEN_END && !cardinal_reflect_token_is (&token, ";");
       cardinal_reflect_next_token (&p, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      if (cardinal_reflect_token_is (&token, "DEFAULT") && cardinal_reflect_token_is (&previous, "SET"))
        {
          reader->cursor = p - reader->sql;
          return default_text (reader, token.start - reader->sql);
        }
      previous = token;
    }
  return NULL;
}

static void
read_alter_table (SqlReader  *reader,
                  const PgJson *alter)
{
  CardinalTable *table = find_table (reader, member_object (alter, "relation"));
  const PgJson *commands = member_array (alter, "cmds");

  if (g_strcmp0 (member_string (alter, "objtype"), "OBJECT_TABLE") != 0)
    {
      skip_statement (reader, "AlterTableStmt");
      return;
    }
  if (table == NULL)
    {
      gboolean owner_only = TRUE;

      /* pg_dump's ALTER TABLE seq OWNER TO: about a sequence, not a table. */
      for (guint i = 0; i < pg_json_length (commands); i++)
        {
          const PgJson *command;

          node_kind (pg_json_item (commands, i), &command);
          owner_only = owner_only && g_strcmp0 (member_string (command, "subtype"), "AT_ChangeOwner") == 0;
        }
      if (owner_only)
        skip_statement (reader, "AlterTableStmt");
      else
        cardinal_reflect_note (reader->notes, "ALTER TABLE \"%s\" skipped: no such table in the file",
                               member_string (member_object (alter, "relation"), "relname"));
      return;
    }

  for (guint i = 0; commands != NULL && i < pg_json_length (commands); i++)
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
        read_constraint (reader, table, NULL, definition_fields);
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
        column->autoincrement = TRUE;
      else if (g_strcmp0 (subtype, "AT_ChangeOwner") == 0 || g_strcmp0 (subtype, "AT_ReplicaIdentity") == 0)
        ;
      else
        cardinal_reflect_note (reader->notes, "table \"%s\": ALTER TABLE … %s skipped", table->name,
                               subtype != NULL ? subtype : "?");
    }
}

static void
read_index (SqlReader  *reader,
            const PgJson *index_stmt)
{
  CardinalTable *table = find_table (reader, member_object (index_stmt, "relation"));
  const PgJson *params = member_array (index_stmt, "indexParams");
  const char *name = member_string (index_stmt, "idxname");
  g_autoptr(GPtrArray) columns = g_ptr_array_new_with_free_func (g_free);
  CardinalIndex *index;

  if (table == NULL)
    {
      cardinal_reflect_note (reader->notes, "index \"%s\" skipped: its table is not in the file", name != NULL ? name : "");
      return;
    }
  if (pg_json_member (index_stmt, "whereClause") != NULL)
    {
      cardinal_reflect_note (reader->notes, "table \"%s\": partial index \"%s\" skipped (its WHERE has no place in the model)",
                             table->name, name != NULL ? name : "");
      return;
    }
  for (guint i = 0; params != NULL && i < pg_json_length (params); i++)
    {
      const PgJson *element;
      const char *column;

      node_kind (pg_json_item (params, i), &element);
      column = member_string (element, "name");
      if (column == NULL)
        {
          cardinal_reflect_note (reader->notes, "table \"%s\": index \"%s\" on an expression skipped",
                                 table->name, name != NULL ? name : "");
          return;
        }
      g_ptr_array_add (columns, g_strdup (column));
    }
  g_ptr_array_add (columns, NULL);

  index = g_new0 (CardinalIndex, 1);
  index->name = g_strdup (name != NULL ? name : "");
  index->unique = member_bool (index_stmt, "unique");
  index->columns = (GStrv) g_ptr_array_free (g_steal_pointer (&columns), FALSE);
  g_ptr_array_add (table->indexes, index);
}

static void
read_comment (SqlReader    *reader,
              const PgJson *comment_stmt)
{
  const char *type = member_string (comment_stmt, "objtype");
  const char *text = member_string (comment_stmt, "comment");
  const PgJson *list;
  g_auto(GStrv) names = NULL;
  CardinalTable *table;

  node_kind (pg_json_member (comment_stmt, "object"), &list);
  names = string_list (member_array (list, "items"));

  if (g_strcmp0 (type, "OBJECT_TABLE") == 0)
    {
      table = find_table_in_list (reader, names, 0);
      if (table != NULL)
        {
          g_free (table->comment);
          table->comment = g_strdup (text != NULL ? text : "");
        }
    }
  else if (g_strcmp0 (type, "OBJECT_COLUMN") == 0)
    {
      guint n = g_strv_length (names);
      CardinalColumn *column;

      table = find_table_in_list (reader, names, 1);
      column = table != NULL ? cardinal_table_find_column (table, names[n - 1]) : NULL;
      if (column != NULL)
        {
          g_free (column->comment);
          column->comment = g_strdup (text != NULL ? text : "");
        }
    }
  else
    skip_statement (reader, "CommentStmt");
}

/* ALTER SEQUENCE s OWNED BY t.c: pg_dump's way of writing a serial column. */
static void
read_alter_sequence (SqlReader    *reader,
                     const PgJson *alter)
{
  const PgJson *options = member_array (alter, "options");

  for (guint i = 0; i < pg_json_length (options); i++)
    {
      const PgJson *element;
      const PgJson *list;
      g_auto(GStrv) names = NULL;
      CardinalTable *table;
      CardinalColumn *column;

      node_kind (pg_json_item (options, i), &element);
      if (g_strcmp0 (member_string (element, "defname"), "owned_by") != 0)
        continue;
      node_kind (pg_json_member (element, "arg"), &list);
      names = string_list (member_array (list, "items"));
      table = find_table_in_list (reader, names, 1);
      column = table != NULL ? cardinal_table_find_column (table, names[g_strv_length (names) - 1]) : NULL;
      if (column != NULL)
        g_hash_table_add (reader->owned_serial, column);
    }
}

static void
read_statement (SqlReader *reader,
                const PgJson  *statement)
{
  const PgJson *fields;
  const char *kind = node_kind (statement, &fields);

  if (kind == NULL)
    return;
  if (g_str_equal (kind, "CreateStmt"))
    read_create (reader, fields);
  else if (g_str_equal (kind, "AlterTableStmt"))
    read_alter_table (reader, fields);
  else if (g_str_equal (kind, "IndexStmt"))
    read_index (reader, fields);
  else if (g_str_equal (kind, "CommentStmt"))
    read_comment (reader, fields);
  else if (g_str_equal (kind, "AlterSeqStmt"))
    read_alter_sequence (reader, fields);
  /* Types are kept by name on the columns that use them; the rest is not schema. */
  else if (!g_str_equal (kind, "TransactionStmt") && !g_str_equal (kind, "CreateEnumStmt")
           && !g_str_equal (kind, "CreateSeqStmt"))
    skip_statement (reader, kind);
}

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
    }
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

          if (g_hash_table_contains (reader->owned_serial, column))
            column->autoincrement = TRUE;
          /* A serial's nextval() is what autoincrement means. */
          if (column->autoincrement && column->default_value != NULL
              && g_str_has_prefix (column->default_value, "nextval("))
            g_clear_pointer (&column->default_value, g_free);
        }
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
  CardinalSqlToken before_previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };
  guint blanked = 0;

  for (cardinal_reflect_next_token (&p, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_reflect_next_token (&p, &token))
    {
      char *line_start = (char *) token.start;
      char *q;

      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      while (line_start > sql && line_start[-1] != '\n' && (line_start[-1] == ' ' || line_start[-1] == '\t'))
        line_start--;

      if (cardinal_reflect_token_is (&token, "\\") && (line_start == sql || line_start[-1] == '\n'))
        {
          for (q = (char *) token.start; *q != '\0' && *q != '\n'; q++)
            *q = ' ';
          p = q;
          blanked++;
          continue;
        }
      if (cardinal_reflect_token_is (&token, ";") && cardinal_reflect_token_is (&previous, "stdin")
          && cardinal_reflect_token_is (&before_previous, "FROM"))
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
      before_previous = previous;
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
  g_autoptr(GHashTable) owned_serial = g_hash_table_new (NULL, NULL);
  g_autoptr(GPtrArray) references = g_ptr_array_new_with_free_func ((GDestroyNotify) reference_free);
  SqlReader reader = { sql, strlen (sql), filename, notes, schema, tables, table_schema, skipped, owned_serial, references, 0 };
  const PgJson *statements;
  g_autofree char *text = NULL;
  guint blanked = 0;

  if (!cardinal_reflect_check_cancelled (cancellable, error))
    return NULL;

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

      reader.cursor = member_int (raw, "stmt_location", 0);
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
  name_tables (&reader);
  resolve_references (&reader);
  finish_columns (&reader);
  note_skipped (&reader);
  cardinal_reflect_finish_schema (schema);
  return g_steal_pointer (&schema);
}
