/* cardinal-reflect.c: reverse engineering's front door: the error domain, what a source is, type mapping and a small SQL lexer. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-reflect-private.h"

#include <stdio.h>
#include <string.h>

#include <pg_query.h>

G_DEFINE_QUARK (cardinal-reflect-error-quark, cardinal_reflect_error)

void
cardinal_reflect_configure_sqlite (void)
{
  /* SQLITE_MISUSE once SQLite is initialised: then it stays as it is. */
  sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
}

/* Types --------------------------------------------------------------------- */

typedef struct
{
  const char *db_name;   /* lower case, single spaces */
  const char *catalogue;
} TypeAlias;

/* Every spelling SQLite (as Cardinal writes it, or as people do) and
 * PostgreSQL (as format_type() prints it, or as a .sql file writes it) use
 * for a catalogue type without parameters. */
static const TypeAlias type_aliases[] = {
  { "integer", "integer" },
  { "int", "integer" },
  { "int4", "integer" },
  { "bigint", "bigint" },
  { "int8", "bigint" },
  { "smallint", "smallint" },
  { "int2", "smallint" },
  { "text", "text" },
  { "boolean", "boolean" },
  { "bool", "boolean" },
  { "numeric", "numeric" },
  { "decimal", "numeric" },
  { "real", "real" },
  { "float4", "real" },
  { "double precision", "double" },
  { "double", "double" },
  { "float8", "double" },
  { "float", "double" },
  { "date", "date" },
  { "time", "time" },
  { "time without time zone", "time" },
  { "timestamp", "timestamp" },
  { "timestamp without time zone", "timestamp" },
  /* SQLite's usual name for it (NUMERIC affinity there; the sql-type keeps the spelling). */
  { "datetime", "timestamp" },
  { "timestamptz", "timestamptz" },
  { "timestamp with time zone", "timestamptz" },
  { "uuid", "uuid" },
  { "json", "json" },
  { "jsonb", "json" },
  { "bytea", "bytes" },
  { "blob", "bytes" },
};

/* Lower case, white space collapsed to single spaces, none next to parentheses or commas. */
static char *
normalize_type (const char *db_type)
{
  GString *out = g_string_sized_new (strlen (db_type));
  gboolean pending_space = FALSE;

  for (const char *p = db_type; *p != '\0'; p++)
    {
      if (g_ascii_isspace (*p))
        {
          pending_space = out->len > 0;
          continue;
        }
      if (pending_space && *p != '(' && *p != ')' && *p != ','
          && out->str[out->len - 1] != '(' && out->str[out->len - 1] != ',')
        g_string_append_c (out, ' ');
      pending_space = FALSE;
      g_string_append_c (out, g_ascii_tolower (*p));
    }
  return g_string_free (out, FALSE);
}

/* Reads "(N)" or "(N,M)" at @p; -1 for an absent second number. */
static gboolean
parse_parameters (const char *p,
                  int        *first,
                  int        *second)
{
  char *end = NULL;
  gint64 value;

  *second = -1;
  if (*p++ != '(')
    return FALSE;
  value = g_ascii_strtoll (p, &end, 10);
  if (end == p || value < 0 || value > G_MAXINT)
    return FALSE;
  *first = (int) value;
  p = end;
  if (*p == ',')
    {
      p++;
      value = g_ascii_strtoll (p, &end, 10);
      if (end == p || value < 0 || value > G_MAXINT)
        return FALSE;
      *second = (int) value;
      p = end;
    }
  return p[0] == ')' && p[1] == '\0';
}

char *
cardinal_reflect_map_type (const char *db_type)
{
  g_autofree char *type = NULL;
  const char *paren;
  gsize name_length;
  int first, second;
  char *result = NULL;

  g_return_val_if_fail (db_type != NULL, NULL);

  type = normalize_type (db_type);
  paren = strchr (type, '(');
  name_length = paren != NULL ? (gsize) (paren - type) : strlen (type);

  if (paren == NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (type_aliases); i++)
        if (strcmp (type_aliases[i].db_name, type) == 0)
          return g_strdup (type_aliases[i].catalogue);
    }
  else if (parse_parameters (paren, &first, &second))
    {
      /* NVARCHAR and VARYING CHARACTER: SQLite's and other engines' names for it. */
      if ((name_length == 17 && strncmp (type, "character varying", 17) == 0)
          || (name_length == 17 && strncmp (type, "varying character", 17) == 0)
          || (name_length == 8 && strncmp (type, "nvarchar", 8) == 0)
          || (name_length == 7 && strncmp (type, "varchar", 7) == 0))
        {
          if (second < 0 && first >= 1)
            result = g_strdup_printf ("varchar(%d)", first);
        }
      else if ((name_length == 7 && strncmp (type, "numeric", 7) == 0)
               || (name_length == 7 && strncmp (type, "decimal", 7) == 0))
        {
          /* PostgreSQL prints numeric(P) as numeric(P,0); the two are the same type. */
          if (second <= 0 && first >= 1)
            result = g_strdup_printf ("numeric(%d)", first);
          else if (second <= first)
            result = g_strdup_printf ("numeric(%d,%d)", first, second);
        }
    }

  if (result != NULL)
    {
      CardinalType parsed;

      /* Only what the catalogue accepts (varchar up to 100000, …) is mapped. */
      if (cardinal_type_parse (result, &parsed, NULL) && parsed.base != CARDINAL_TYPE_RAW)
        return result;
      g_free (result);
    }

  /* Verbatim, only tidied: a user-defined or unknown type is written back as it came. */
  {
    GString *out = g_string_new (NULL);
    gboolean space = FALSE;

    for (const char *p = db_type; *p != '\0'; p++)
      {
        if (g_ascii_isspace (*p))
          {
            space = out->len > 0;
            continue;
          }
        if (space)
          g_string_append_c (out, ' ');
        space = FALSE;
        g_string_append_c (out, *p);
      }
    return g_string_free (out, FALSE);
  }
}

static gboolean
is_numeric_literal (const char *text)
{
  const char *p = text;
  gboolean digits = FALSE;

  if (*p == '-' || *p == '+')
    p++;
  for (; *p != '\0'; p++)
    {
      if (g_ascii_isdigit (*p))
        digits = TRUE;
      else if (*p != '.' && *p != 'e' && *p != 'E')
        return FALSE;
    }
  return digits;
}

char *
cardinal_reflect_plain_default (const char *expression,
                                const char *db_type)
{
  const char *end;
  const char *cast_type;
  gsize base_length;

  if (expression == NULL)
    return NULL;
  if (db_type == NULL || expression[0] != '\'')
    return g_strdup (expression);

  /* Only a single string literal followed by a cast to the column's own type. */
  for (end = expression + 1; *end != '\0'; end++)
    {
      if (*end != '\'')
        continue;
      if (end[1] == '\'')
        end++;
      else
        break;
    }
  if (*end != '\'' || strncmp (end + 1, "::", 2) != 0)
    return g_strdup (expression);
  cast_type = end + 3;
  /* PostgreSQL prints the cast without the type's length: 'x'::character varying. */
  base_length = strcspn (db_type, "(");
  if (strcmp (cast_type, db_type) != 0
      && !(strlen (cast_type) == base_length && strncmp (cast_type, db_type, base_length) == 0))
    return g_strdup (expression);

  {
    g_autofree char *literal = g_strndup (expression, (gsize) (end + 1 - expression));
    g_autofree char *inner = g_strndup (literal + 1, strlen (literal) - 2);
    g_autofree char *mapped = cardinal_reflect_map_type (db_type);
    CardinalType type;

    /* A number written as a string on a numeric column reads back as the number. */
    if (cardinal_type_parse (mapped, &type, NULL)
        && (type.base == CARDINAL_TYPE_INTEGER || type.base == CARDINAL_TYPE_BIGINT
            || type.base == CARDINAL_TYPE_SMALLINT || type.base == CARDINAL_TYPE_NUMERIC
            || type.base == CARDINAL_TYPE_REAL || type.base == CARDINAL_TYPE_DOUBLE)
        && is_numeric_literal (inner))
      return g_steal_pointer (&inner);
    return g_steal_pointer (&literal);
  }
}

/* Shared helpers ------------------------------------------------------------ */

char *
cardinal_reflect_strip_parentheses (const char *expression)
{
  gsize length = strlen (expression);
  int depth = 0;
  const char *p = expression;
  CardinalSqlToken token;

  if (length < 2 || expression[0] != '(' || expression[length - 1] != ')')
    return g_strdup (expression);
  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_POSTGRESQL, &token))
    {
      if (cardinal_sql_token_is (&token, "("))
        depth++;
      /* The first parenthesis closes before the end: "(a) OR (b)". */
      else if (cardinal_sql_token_is (&token, ")") && --depth == 0
               && token.start != expression + length - 1)
        return g_strdup (expression);
    }
  return g_strndup (expression + 1, length - 2);
}

void
cardinal_reflect_note (GPtrArray  *notes,
                       const char *format,
                       ...)
{
  va_list args;

  if (notes == NULL)
    return;
  va_start (args, format);
  g_ptr_array_add (notes, g_strdup_vprintf (format, args));
  va_end (args);
}

static int
compare_tables (gconstpointer a,
                gconstpointer b)
{
  const CardinalTable *ta = *(const CardinalTable * const *) a;
  const CardinalTable *tb = *(const CardinalTable * const *) b;

  return strcmp (ta->name, tb->name);
}

void
cardinal_reflect_finish_schema (CardinalSchema *schema)
{
  g_autoptr(GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);

  g_ptr_array_sort (schema->tables, compare_tables);
  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);

      if (table->entity == NULL)
        table->entity = g_strdup (table->name);
      g_hash_table_insert (by_name, table->name, table);
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          const CardinalTable *referenced;

          if (fk->ref_columns != NULL && fk->ref_columns[0] != NULL)
            continue;
          /* REFERENCES t without columns means t's primary key. */
          referenced = g_hash_table_lookup (by_name, fk->ref_table);
          if (referenced != NULL && referenced->primary_key[0] != NULL)
            {
              g_strfreev (fk->ref_columns);
              fk->ref_columns = g_strdupv (referenced->primary_key);
            }
        }
    }
}

guint
cardinal_reflect_line_at (const char *text,
                          gsize       offset)
{
  guint line = 1;

  for (gsize i = 0; i < offset && text[i] != '\0'; i++)
    if (text[i] == '\n')
      line++;
  return line;
}

gboolean
cardinal_reflect_check_cancelled (GCancellable  *cancellable,
                                  GError       **error)
{
  if (cancellable == NULL || !g_cancellable_is_cancelled (cancellable))
    return TRUE;
  g_set_error_literal (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_CANCELLED,
                       "The import was cancelled");
  return FALSE;
}

void
cardinal_reflect_sequence_bounds (const char *type,
                                  gint64      increment,
                                  gint64     *min,
                                  gint64     *max)
{
  gint64 type_max;

  if (g_strcmp0 (type, "smallint") == 0)
    type_max = G_MAXINT16;
  else if (g_strcmp0 (type, "integer") == 0)
    type_max = G_MAXINT32;
  else
    type_max = G_MAXINT64;
  *min = increment > 0 ? 1 : -type_max - 1;
  *max = increment > 0 ? type_max : -1;
}

/* Sources ------------------------------------------------------------------- */

static gboolean
has_line (const char *sql,
          const char *line)
{
  const char *found = strstr (sql, line);

  /* At the start of a line, and the whole line. */
  while (found != NULL)
    {
      char after = found[strlen (line)];

      if ((found == sql || found[-1] == '\n') && (after == '\n' || after == '\r' || after == '\0'))
        return TRUE;
      found = strstr (found + 1, line);
    }
  return FALSE;
}

/* *@by_parser tells whether only the parser's refusal decided. */
static CardinalDialect
detect_dialect (const char *sql,
                gboolean   *by_parser)
{
  const char *p = sql;
  CardinalSqlToken token, previous = { CARDINAL_SQL_TOKEN_END, NULL, 0 };
  PgQueryParseResult result;
  gboolean parses;

  *by_parser = FALSE;
  if (has_line (sql, "-- Dialect: SQLite"))
    return CARDINAL_DIALECT_SQLITE;
  if (has_line (sql, "-- Dialect: PostgreSQL"))
    return CARDINAL_DIALECT_POSTGRESQL;

  for (cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_EITHER, &token);
       token.kind != CARDINAL_SQL_TOKEN_END;
       cardinal_sql_lexer_next (&p, CARDINAL_SQL_LEX_EITHER, &token))
    {
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      /* A psql meta-command (\c, \connect, \restrict…) at the start of a line. */
      if (cardinal_sql_token_is (&token, "\\"))
        {
          const char *line_start = token.start;

          while (line_start > sql && (line_start[-1] == ' ' || line_start[-1] == '\t'))
            line_start--;
          if (line_start == sql || line_start[-1] == '\n')
            return CARDINAL_DIALECT_POSTGRESQL;
        }
      if (cardinal_sql_token_is (&token, "AUTOINCREMENT")
          || cardinal_sql_token_is (&token, "PRAGMA")
          || (cardinal_sql_token_is (&token, "ROWID") && cardinal_sql_token_is (&previous, "WITHOUT")))
        return CARDINAL_DIALECT_SQLITE;
      if ((cardinal_sql_token_is (&token, "ON") && cardinal_sql_token_is (&previous, "COMMENT"))
          || (cardinal_sql_token_is (&token, "TYPE") && cardinal_sql_token_is (&previous, "CREATE"))
          || (cardinal_sql_token_is (&token, "IDENTITY") && cardinal_sql_token_is (&previous, "AS"))
          || cardinal_sql_token_is (&token, "SERIAL")
          || cardinal_sql_token_is (&token, "BIGSERIAL")
          || cardinal_sql_token_is (&token, "SMALLSERIAL")
          || (cardinal_sql_token_is (&token, ":") && cardinal_sql_token_is (&previous, ":")))
        return CARDINAL_DIALECT_POSTGRESQL;
      previous = token;
    }

  result = pg_query_parse (sql);
  parses = result.error == NULL;
  pg_query_free_parse_result (result);
  *by_parser = !parses;
  return parses ? CARDINAL_DIALECT_POSTGRESQL : CARDINAL_DIALECT_SQLITE;
}

CardinalDialect
cardinal_reflect_sql_detect_dialect (const char *sql)
{
  gboolean by_parser;

  g_return_val_if_fail (sql != NULL, CARDINAL_DIALECT_POSTGRESQL);

  return detect_dialect (sql, &by_parser);
}

CardinalSchema *
cardinal_reflect_sqlite (sqlite3       *db,
                         GCancellable  *cancellable,
                         GError       **error)
{
  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cardinal_reflect_sqlite_internal (db, sqlite3_db_filename (db, "main"), NULL, cancellable, error);
}

CardinalSchema *
cardinal_reflect_postgresql (const char          *conninfo,
                             const char * const  *schemas,
                             const char          *password,
                             GCancellable        *cancellable,
                             GError             **error)
{
  g_return_val_if_fail (conninfo != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return cardinal_reflect_postgresql_internal (conninfo, schemas, password, NULL, cancellable, error);
}

static CardinalSchema *
reflect_sql (const char            *sql,
             const char            *filename,
             CardinalDialect        dialect,
             CardinalReflectFlags   flags,
             GPtrArray           *notes,
             GCancellable        *cancellable,
             GError             **error)
{
  if (!g_utf8_validate (sql, -1, NULL))
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                   "%s: not a text file in UTF-8", filename);
      return NULL;
    }

  if (flags & CARDINAL_REFLECT_DETECT_DIALECT)
    {
      gboolean by_parser = FALSE;

      dialect = detect_dialect (sql, &by_parser);
      cardinal_reflect_note (notes, "%s: read as %s SQL (detected; --dialect chooses)", filename,
                             dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL");
      /* Refused by both: either message may be the one that helps. */
      if (by_parser)
        {
          GError *sqlite_error = NULL;
          g_autoptr(GError) postgresql_error = NULL;
          CardinalSchema *schema = cardinal_reflect_sql_sqlite (sql, filename, notes, cancellable, &sqlite_error);

          if (schema != NULL || !g_error_matches (sqlite_error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX))
            {
              if (sqlite_error != NULL)
                g_propagate_error (error, sqlite_error);
              return schema;
            }
          cardinal_reflect_sql_postgresql (sql, filename, NULL, cancellable, &postgresql_error);
          g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_SYNTAX,
                       "%s (read as SQLite; as PostgreSQL: %s)", sqlite_error->message,
                       postgresql_error != NULL ? postgresql_error->message : "it parses");
          g_error_free (sqlite_error);
          return NULL;
        }
    }

  if (dialect == CARDINAL_DIALECT_SQLITE)
    return cardinal_reflect_sql_sqlite (sql, filename, notes, cancellable, error);
  return cardinal_reflect_sql_postgresql (sql, filename, notes, cancellable, error);
}

CardinalSchema *
cardinal_reflect_sql (const char          *sql,
                      const char          *filename,
                      CardinalDialect      dialect,
                      CardinalReflectFlags flags,
                      GCancellable        *cancellable,
                      GError             **error)
{
  g_return_val_if_fail (sql != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return reflect_sql (sql, filename != NULL ? filename : "<sql>", dialect, flags, NULL, cancellable, error);
}

static CardinalSchema *
reflect_sql_file (const char          *path,
                  CardinalDialect      dialect,
                  CardinalReflectFlags flags,
                  GPtrArray           *notes,
                  GCancellable        *cancellable,
                  GError             **error)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) local_error = NULL;

  if (!g_file_get_contents (path, &contents, NULL, &local_error))
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                   "%s", local_error->message);
      return NULL;
    }
  return reflect_sql (contents, path, dialect, flags, notes, cancellable, error);
}

static gboolean
is_postgresql_source (const char *source)
{
  return g_str_has_prefix (source, "postgresql://") || g_str_has_prefix (source, "postgres://")
         || (strchr (source, '=') != NULL && !g_file_test (source, G_FILE_TEST_EXISTS));
}

/* Whether @path is an SQLite database in WAL mode with no -wal file beside
 * it (closed cleanly): its file then holds everything, and opening it
 * "immutable" reads it without creating -wal and -shm files next to it,
 * which a read-only connection to a WAL database otherwise does. With a
 * -wal file present (open elsewhere, or not closed cleanly) the WAL must be
 * read, so the database is opened the ordinary way. */
static gboolean
sqlite_wal_without_log (const char *path)
{
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  guchar header[20];
  FILE *file;
  gboolean wal_mode;

  file = fopen (path, "rb");
  if (file == NULL)
    return FALSE;
  /* Bytes 18 and 19 are the write and read versions: 2 for WAL. */
  wal_mode = fread (header, 1, sizeof header, file) == sizeof header
             && memcmp (header, "SQLite format 3", 16) == 0 && header[18] == 2 && header[19] == 2;
  fclose (file);
  return wal_mode && !g_file_test (wal, G_FILE_TEST_EXISTS);
}

/* Read-only and never created: importing must not change the file, nor
 * leave files beside it. */
static CardinalSchema *
reflect_sqlite_path (const char    *path,
                     GPtrArray     *notes,
                     GCancellable  *cancellable,
                     GError       **error)
{
  sqlite3 *db = NULL;
  CardinalSchema *schema;
  int rc;

  /* The connection never leaves this function's thread: no locking needed. */
  if (sqlite_wal_without_log (path))
    {
      /* An absolute path, so that the URI has an empty authority whatever
       * the path starts with. */
      g_autofree char *absolute = g_canonicalize_filename (path, NULL);
      g_autofree char *escaped = g_uri_escape_string (absolute, "/", FALSE);
      g_autofree char *uri = g_strconcat ("file://", escaped, "?immutable=1", NULL);

      rc = sqlite3_open_v2 (uri, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_URI, NULL);
    }
  else
    rc = sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, CARDINAL_REFLECT_ERROR, CARDINAL_REFLECT_ERROR_OPEN,
                   "%s: cannot open as an SQLite database: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
      sqlite3_close (db);
      return NULL;
    }
  schema = cardinal_reflect_sqlite_internal (db, path, notes, cancellable, error);
  sqlite3_close (db);
  return schema;
}

CardinalSchema *
cardinal_reflect_source_full (const char          *source,
                              CardinalDialect      dialect,
                              CardinalReflectFlags flags,
                              const char * const  *schemas,
                              const char          *password,
                              GPtrArray          **notes,
                              GCancellable        *cancellable,
                              GError             **error)
{
  g_autoptr(GPtrArray) collected = g_ptr_array_new_with_free_func (g_free);
  CardinalSchema *schema;

  g_return_val_if_fail (source != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_str_has_suffix (source, ".sql") || g_str_has_suffix (source, ".SQL"))
    schema = reflect_sql_file (source, dialect, flags, collected, cancellable, error);
  else if (is_postgresql_source (source))
    schema = cardinal_reflect_postgresql_internal (source, schemas, password, collected, cancellable, error);
  else
    schema = reflect_sqlite_path (source, collected, cancellable, error);

  if (schema != NULL && notes != NULL)
    *notes = g_steal_pointer (&collected);
  return schema;
}

CardinalSchema *
cardinal_reflect_source (const char          *source,
                         CardinalDialect      dialect,
                         CardinalReflectFlags flags,
                         const char * const  *schemas,
                         GCancellable        *cancellable,
                         GError             **error)
{
  return cardinal_reflect_source_full (source, dialect, flags, schemas, NULL, NULL, cancellable, error);
}

CardinalSchema *
cardinal_reflect_sqlite_file (const char    *path,
                              GCancellable  *cancellable,
                              GError       **error)
{
  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return reflect_sqlite_path (path, NULL, cancellable, error);
}
