/* cardinal-test-catalogue.c: canonical catalogue dumps of SQLite and PostgreSQL databases, independent of Cardinal's reflect code, and their differences in words. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-catalogue.h"

#include <string.h>

#include <gio/gio.h>

/* Lines ---------------------------------------------------------------------- */

static void
append_escaped (GString    *out,
                const char *text)
{
  const char *p;

  for (p = text; *p != '\0'; p++)
    switch (*p)
      {
      case '\\':
        g_string_append (out, "\\\\");
        break;
      case '\t':
        g_string_append (out, "\\t");
        break;
      case '\n':
        g_string_append (out, "\\n");
        break;
      case '\r':
        g_string_append (out, "\\r");
        break;
      default:
        g_string_append_c (out, *p);
      }
}

/* One fact; a NULL @value means the fact does not hold and is left out. */
static void
add_line (GPtrArray  *lines,
          const char *key,
          const char *value)
{
  GString *line;

  if (value == NULL)
    return;
  line = g_string_new (NULL);
  append_escaped (line, key);
  g_string_append_c (line, '\t');
  append_escaped (line, value);
  g_ptr_array_add (lines, g_string_free (line, FALSE));
}

static int
compare_lines (gconstpointer a,
               gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

static char *
join_lines (GPtrArray *lines)
{
  GString *out = g_string_new (NULL);
  guint i;

  g_ptr_array_sort (lines, compare_lines);
  for (i = 0; i < lines->len; i++)
    {
      g_string_append (out, g_ptr_array_index (lines, i));
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}

/* PostgreSQL ------------------------------------------------------------------ */

/* Every query returns (key, value) rows; a NULL value is a fact that does
 * not hold. The session's search_path is pg_catalog alone while they run, so
 * that every deparsed name outside pg_catalog comes out schema-qualified. */
#define USER_NS "n.nspname <> 'information_schema' AND n.nspname !~ '^pg_'"
#define NOT_EXTENSION_MEMBER(catalog, oid) \
  "NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = '" catalog "'::regclass" \
  " AND e.objid = " oid " AND e.deptype = 'e')"
#define SEQUENCE_OPTIONS(s) \
  "'as ' || format_type(" s ".seqtypid, NULL) || ' start ' || " s ".seqstart" \
  " || ' increment ' || " s ".seqincrement || ' min ' || " s ".seqmin" \
  " || ' max ' || " s ".seqmax || ' cache ' || " s ".seqcache" \
  " || CASE WHEN " s ".seqcycle THEN ' cycle' ELSE ' no cycle' END"
#define RELATION_LABEL \
  "CASE c.relkind WHEN 'v' THEN 'view ' WHEN 'm' THEN 'materialized view '" \
  " WHEN 'c' THEN 'type ' WHEN 'f' THEN 'foreign table ' ELSE 'table ' END" \
  " || c.oid::regclass::text"

static const char *const pg_queries[] = {
  /* schemas */
  "SELECT 'schema ' || quote_ident(n.nspname), '' FROM pg_namespace n"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_namespace", "n.oid"),

  /* extensions */
  "SELECT 'extension ' || quote_ident(x.extname), 'in schema ' || quote_ident(n.nspname)"
  " FROM pg_extension x JOIN pg_namespace n ON n.oid = x.extnamespace",

  /* enum types, labels in their order */
  "SELECT 'enum ' || t.oid::regtype::text,"
  " coalesce((SELECT string_agg(quote_literal(l.enumlabel), ', ' ORDER BY l.enumsortorder)"
  "           FROM pg_enum l WHERE l.enumtypid = t.oid), '')"
  " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
  " WHERE t.typtype = 'e' AND " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_type", "t.oid"),

  /* domains */
  "SELECT 'domain ' || t.oid::regtype::text || v.k, v.v"
  " FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace"
  " JOIN pg_type b ON b.oid = t.typbasetype,"
  " LATERAL (VALUES ('', 'over ' || format_type(t.typbasetype, t.typtypmod)),"
  "   (': nullability', CASE WHEN t.typnotnull THEN 'NOT NULL' ELSE 'nullable' END),"
  "   (': default', t.typdefault),"
  "   (': collation', CASE WHEN t.typcollation <> b.typcollation"
  "                   THEN t.typcollation::regcollation::text END)) AS v (k, v)"
  " WHERE t.typtype = 'd' AND " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_type", "t.oid"),

  /* domain constraints */
  "SELECT 'domain ' || t.oid::regtype::text || ': constraint ' || quote_ident(k.conname),"
  " pg_get_constraintdef(k.oid)"
  " FROM pg_constraint k JOIN pg_type t ON t.oid = k.contypid"
  " JOIN pg_namespace n ON n.oid = t.typnamespace"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_type", "t.oid"),

  /* range types */
  "SELECT 'range type ' || t.oid::regtype::text, 'of ' || format_type(r.rngsubtype, NULL)"
  " FROM pg_range r JOIN pg_type t ON t.oid = r.rngtypid"
  " JOIN pg_namespace n ON n.oid = t.typnamespace"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_type", "t.oid"),

  /* sequences of their own (serial and OWNED BY ones included); identity
   * sequences are told under their column, without their generated name */
  "SELECT 'sequence ' || c.oid::regclass::text, " SEQUENCE_OPTIONS ("s")
  " FROM pg_sequence s JOIN pg_class c ON c.oid = s.seqrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid")
  " AND NOT EXISTS (SELECT 1 FROM pg_depend d WHERE d.classid = 'pg_class'::regclass"
  "                 AND d.objid = c.oid AND d.deptype = 'i')",

  /* OWNED BY */
  "SELECT 'sequence ' || c.oid::regclass::text || ': owned by',"
  " d.refobjid::regclass::text || '.' || quote_ident(a.attname)"
  " FROM pg_depend d JOIN pg_class c ON c.oid = d.objid AND c.relkind = 'S'"
  " JOIN pg_namespace n ON n.oid = c.relnamespace"
  " JOIN pg_attribute a ON a.attrelid = d.refobjid AND a.attnum = d.refobjsubid"
  " WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
  " AND d.deptype = 'a' AND " USER_NS,

  /* tables, views, materialized views, composite types */
  "SELECT " RELATION_LABEL " || v.k, v.v"
  " FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace,"
  " LATERAL (VALUES"
  "   ('', CASE c.relkind WHEN 'p' THEN 'partitioned' WHEN 'r' THEN 'ordinary'"
  "        WHEN 'v' THEN 'view' WHEN 'm' THEN 'materialized' WHEN 'c' THEN 'composite'"
  "        WHEN 'f' THEN 'foreign' END"
  "        || CASE c.relpersistence WHEN 'u' THEN ', unlogged' WHEN 't' THEN ', temporary'"
  "           ELSE '' END),"
  "   (': partition key', CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END),"
  "   (': partition of', CASE WHEN c.relispartition THEN"
  "      (SELECT i.inhparent::regclass::text FROM pg_inherits i WHERE i.inhrelid = c.oid)"
  "      || ' ' || pg_get_expr(c.relpartbound, c.oid) END),"
  "   (': inherits', CASE WHEN NOT c.relispartition THEN"
  "      (SELECT string_agg(i.inhparent::regclass::text, ', ' ORDER BY i.inhseqno)"
  "       FROM pg_inherits i WHERE i.inhrelid = c.oid) END),"
  "   (': options', array_to_string(c.reloptions, ', ')),"
  "   (': row level security', CASE WHEN c.relrowsecurity THEN 'enabled'"
  "      || CASE WHEN c.relforcerowsecurity THEN ', forced' ELSE '' END END),"
  "   (': definition', CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END),"
  "   (': populated', CASE WHEN c.relkind = 'm' THEN"
  "      CASE WHEN c.relispopulated THEN 'yes' ELSE 'no' END END),"
  "   (': columns', CASE WHEN c.relkind IN ('r', 'p', 'f', 'c') THEN"
  "      (SELECT string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum) FROM pg_attribute a"
  "       WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped) END)"
  " ) AS v (k, v)"
  " WHERE c.relkind IN ('r', 'p', 'f', 'v', 'm', 'c') AND " USER_NS
  " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid")
  " AND (c.relkind <> 'c' OR " NOT_EXTENSION_MEMBER ("pg_type", "c.reltype") ")",

  /* columns */
  "SELECT " RELATION_LABEL " || ': column ' || quote_ident(a.attname) || v.k, v.v"
  " FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace"
  " JOIN pg_type t ON t.oid = a.atttypid"
  " LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum,"
  " LATERAL (VALUES ('', ''),"
  "   (': type', format_type(a.atttypid, a.atttypmod)),"
  "   (': nullability', CASE WHEN a.attnotnull THEN 'NOT NULL' ELSE 'nullable' END),"
  "   (': default', CASE WHEN a.attgenerated = '' THEN pg_get_expr(ad.adbin, ad.adrelid) END),"
  "   (': generated', CASE WHEN a.attgenerated = 's' THEN"
  "      'ALWAYS AS (' || pg_get_expr(ad.adbin, ad.adrelid) || ') STORED' END),"
  "   (': identity', CASE a.attidentity WHEN 'a' THEN 'GENERATED ALWAYS'"
  "      WHEN 'd' THEN 'GENERATED BY DEFAULT' END),"
  "   (': identity sequence', (SELECT " SEQUENCE_OPTIONS ("s")
  "      FROM pg_depend d JOIN pg_sequence s ON s.seqrelid = d.objid"
  "      WHERE d.classid = 'pg_class'::regclass AND d.refclassid = 'pg_class'::regclass"
  "      AND d.refobjid = c.oid AND d.refobjsubid = a.attnum AND d.deptype = 'i')),"
  "   (': collation', CASE WHEN a.attcollation <> t.typcollation"
  "      THEN a.attcollation::regcollation::text END)"
  " ) AS v (k, v)"
  " WHERE c.relkind IN ('r', 'p', 'f', 'c') AND a.attnum > 0 AND NOT a.attisdropped"
  " AND " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid"),

  /* table constraints (NOT NULL is a column's nullability) */
  "SELECT 'table ' || c.oid::regclass::text || ': constraint ' || quote_ident(k.conname) || v.k, v.v"
  " FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace,"
  " LATERAL (VALUES ('', pg_get_constraintdef(k.oid)),"
  "   (': deferrable', CASE WHEN k.condeferrable THEN"
  "      CASE WHEN k.condeferred THEN 'INITIALLY DEFERRED' ELSE 'INITIALLY IMMEDIATE' END END)"
  " ) AS v (k, v)"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid"),

  /* indexes, those behind constraints included */
  "SELECT 'index ' || i.indexrelid::regclass::text || v.k, v.v"
  " FROM pg_index i JOIN pg_class c ON c.oid = i.indrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace,"
  " LATERAL (VALUES ('', pg_get_indexdef(i.indexrelid)),"
  "   (': clustered', CASE WHEN i.indisclustered THEN 'yes' END)) AS v (k, v)"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid"),

  /* functions, procedures, aggregates */
  "SELECT CASE p.prokind WHEN 'p' THEN 'procedure ' WHEN 'a' THEN 'aggregate ' ELSE 'function ' END"
  " || quote_ident(n.nspname) || '.' || quote_ident(p.proname)"
  " || '(' || pg_get_function_identity_arguments(p.oid) || ')',"
  " CASE WHEN p.prokind = 'a' THEN 'returns ' || format_type(p.prorettype, NULL)"
  "      ELSE pg_get_functiondef(p.oid) END"
  " FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace"
  " WHERE " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_proc", "p.oid"),

  /* triggers */
  "SELECT 'trigger ' || quote_ident(g.tgname) || ' on ' || g.tgrelid::regclass::text || v.k, v.v"
  " FROM pg_trigger g JOIN pg_class c ON c.oid = g.tgrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace,"
  " LATERAL (VALUES ('', pg_get_triggerdef(g.oid)),"
  "   (': enabled', CASE g.tgenabled WHEN 'D' THEN 'disabled' WHEN 'R' THEN 'replica'"
  "      WHEN 'A' THEN 'always' END)) AS v (k, v)"
  " WHERE NOT g.tgisinternal AND " USER_NS " AND " NOT_EXTENSION_MEMBER ("pg_class", "c.oid"),

  /* rules */
  "SELECT 'rule ' || quote_ident(r.rulename) || ' on ' || r.ev_class::regclass::text,"
  " pg_get_ruledef(r.oid)"
  " FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class"
  " JOIN pg_namespace n ON n.oid = c.relnamespace"
  " WHERE r.rulename <> '_RETURN' AND " USER_NS,

  /* row security policies */
  "SELECT 'policy ' || quote_ident(p.polname) || ' on ' || p.polrelid::regclass::text,"
  " CASE WHEN p.polpermissive THEN 'permissive' ELSE 'restrictive' END"
  " || ' for ' || p.polcmd::text"
  " || coalesce(' using (' || pg_get_expr(p.polqual, p.polrelid) || ')', '')"
  " || coalesce(' with check (' || pg_get_expr(p.polwithcheck, p.polrelid) || ')', '')"
  " FROM pg_policy p JOIN pg_class c ON c.oid = p.polrelid"
  " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE " USER_NS,

  /* comments, on whatever object they are */
  "SELECT 'comment on ' || o.type || ' ' || o.identity, d.description"
  " FROM pg_description d, LATERAL pg_identify_object(d.classoid, d.objoid, d.objsubid) o"
  " WHERE (d.objoid >= 16384 OR d.classoid = 'pg_namespace'::regclass)"
  " AND coalesce(o.schema, '') <> 'information_schema' AND coalesce(o.schema, '') !~ '^pg_'"
  " AND NOT (o.type = 'schema' AND (o.identity = 'information_schema' OR o.identity ~ '^pg_'))"
  " AND NOT EXISTS (SELECT 1 FROM pg_depend e WHERE e.classid = d.classoid"
  "                 AND e.objid = d.objoid AND e.deptype = 'e')",
};

static gboolean
pg_command (PGconn      *conn,
            const char  *sql,
            GError     **error)
{
  PGresult *result = PQexec (conn, sql);
  gboolean ok = PQresultStatus (result) == PGRES_COMMAND_OK;

  if (!ok)
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", sql, PQerrorMessage (conn));
  PQclear (result);
  return ok;
}

char *
cardinal_test_catalogue_dump_postgresql (PGconn  *conn,
                                         GError **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  guint q;

  g_return_val_if_fail (conn != NULL, NULL);

  if (!pg_command (conn, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY", error))
    return NULL;
  if (!pg_command (conn, "SET LOCAL search_path = pg_catalog", error))
    {
      pg_command (conn, "ROLLBACK", NULL);
      return NULL;
    }

  for (q = 0; q < G_N_ELEMENTS (pg_queries); q++)
    {
      PGresult *result = PQexec (conn, pg_queries[q]);
      int row;

      if (PQresultStatus (result) != PGRES_TUPLES_OK)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "catalogue query %u: %s",
                       q, PQerrorMessage (conn));
          PQclear (result);
          pg_command (conn, "ROLLBACK", NULL);
          return NULL;
        }
      for (row = 0; row < PQntuples (result); row++)
        if (!PQgetisnull (result, row, 0) && !PQgetisnull (result, row, 1))
          add_line (lines, PQgetvalue (result, row, 0), PQgetvalue (result, row, 1));
      PQclear (result);
    }

  if (!pg_command (conn, "COMMIT", error))
    return NULL;
  return join_lines (lines);
}

/* SQLite: a tokenizer of CREATE texts ------------------------------------------ */

typedef enum
{
  TOKEN_WORD,        /* bare word: keyword or identifier */
  TOKEN_IDENTIFIER,  /* quoted identifier, text unquoted */
  TOKEN_STRING,      /* string or blob literal, text as written */
  TOKEN_NUMBER,
  TOKEN_PUNCT,
} TokenKind;

typedef struct
{
  TokenKind  kind;
  char      *text;
} Token;

static void
token_clear (gpointer data)
{
  g_free (((Token *) data)->text);
}

static gboolean
is_word_start (char c)
{
  return g_ascii_isalpha (c) || c == '_' || (guchar) c >= 0x80;
}

static gboolean
is_word_char (char c)
{
  return is_word_start (c) || g_ascii_isdigit (c) || c == '$';
}

/* An unterminated quote runs to the end; the database accepted the text,
 * so that cannot happen with a stored CREATE text. */
static const char *
scan_quoted (const char *p,
             char        close,
             GString    *out)
{
  for (p++; *p != '\0'; p++)
    {
      if (*p == close)
        {
          if (close != ']' && p[1] == close)
            {
              g_string_append_c (out, close);
              p++;
              continue;
            }
          return p + 1;
        }
      g_string_append_c (out, *p);
    }
  return p;
}

static GArray *
tokenize (const char *sql)
{
  GArray *tokens = g_array_new (FALSE, FALSE, sizeof (Token));
  const char *p = sql;
  static const char *const operators[] = { "->>", "||", "<=", ">=", "<>", "!=", "==", "<<", ">>", "->" };

  g_array_set_clear_func (tokens, token_clear);
  while (*p != '\0')
    {
      Token token = { TOKEN_PUNCT, NULL };
      const char *start = p;

      if (g_ascii_isspace (*p))
        {
          p++;
          continue;
        }
      if (p[0] == '-' && p[1] == '-')
        {
          while (*p != '\0' && *p != '\n')
            p++;
          continue;
        }
      if (p[0] == '/' && p[1] == '*')
        {
          const char *end = strstr (p + 2, "*/");

          p = end != NULL ? end + 2 : p + strlen (p);
          continue;
        }

      if ((p[0] == 'x' || p[0] == 'X') && p[1] == '\'')
        {
          GString *text = g_string_new (NULL);

          p = scan_quoted (p + 1, '\'', text);
          g_string_free (text, TRUE);
          token.kind = TOKEN_STRING;
          token.text = g_strndup (start, p - start);
        }
      else if (is_word_start (*p))
        {
          while (is_word_char (*p))
            p++;
          token.kind = TOKEN_WORD;
          token.text = g_strndup (start, p - start);
        }
      else if (*p == '"' || *p == '`' || *p == '[')
        {
          GString *text = g_string_new (NULL);

          p = scan_quoted (p, *p == '[' ? ']' : *p, text);
          token.kind = TOKEN_IDENTIFIER;
          token.text = g_string_free (text, FALSE);
        }
      else if (*p == '\'')
        {
          GString *text = g_string_new (NULL);

          p = scan_quoted (p, '\'', text);
          g_string_free (text, TRUE);
          token.kind = TOKEN_STRING;
          token.text = g_strndup (start, p - start);
        }
      else if (g_ascii_isdigit (*p) || (*p == '.' && g_ascii_isdigit (p[1])))
        {
          while (g_ascii_isalnum (*p) || *p == '.'
                 || ((*p == '+' || *p == '-') && (p[-1] == 'e' || p[-1] == 'E')))
            p++;
          token.kind = TOKEN_NUMBER;
          token.text = g_strndup (start, p - start);
        }
      else
        {
          gsize i, length = 1;

          for (i = 0; i < G_N_ELEMENTS (operators); i++)
            if (g_str_has_prefix (p, operators[i]))
              {
                length = strlen (operators[i]);
                break;
              }
          p += length;
          token.text = g_strndup (start, length);
        }
      g_array_append_val (tokens, token);
    }
  return tokens;
}

#define TOKEN(tokens, i) (&g_array_index ((tokens), Token, (i)))

/* A bare word, compared without case. */
static gboolean
token_is (GArray     *tokens,
          guint       i,
          const char *word)
{
  return i < tokens->len && TOKEN (tokens, i)->kind == TOKEN_WORD
         && g_ascii_strcasecmp (TOKEN (tokens, i)->text, word) == 0;
}

static gboolean
token_is_punct (GArray     *tokens,
                guint       i,
                const char *punct)
{
  return i < tokens->len && TOKEN (tokens, i)->kind == TOKEN_PUNCT
         && strcmp (TOKEN (tokens, i)->text, punct) == 0;
}

/* The index just past the parenthesis that closes the one at @open. */
static guint
skip_parens (GArray *tokens,
             guint   open)
{
  guint i, depth = 0;

  for (i = open; i < tokens->len; i++)
    {
      if (token_is_punct (tokens, i, "("))
        depth++;
      else if (token_is_punct (tokens, i, ")") && --depth == 0)
        return i + 1;
    }
  return tokens->len;
}

/* Identifiers and keywords are not case-sensitive in SQLite, quoted or not,
 * so words and quoted identifiers come out in lower case and quoted only
 * when they need to be; strings and numbers as written. */
static void
append_token (GString     *out,
              const Token *token)
{
  char *lower;
  const char *p;
  gboolean simple;

  switch (token->kind)
    {
    case TOKEN_WORD:
    case TOKEN_IDENTIFIER:
      lower = g_ascii_strdown (token->text, -1);
      simple = is_word_start (lower[0]);
      for (p = lower; *p != '\0' && simple; p++)
        simple = is_word_char (*p);
      if (simple)
        g_string_append (out, lower);
      else
        {
          g_string_append_c (out, '"');
          for (p = lower; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (out, '"');
              g_string_append_c (out, *p);
            }
          g_string_append_c (out, '"');
        }
      g_free (lower);
      break;
    default:
      g_string_append (out, token->text);
    }
}

/* Tokens [@from, @to) as text with single spaces, none inside parentheses'
 * edges or before commas and dots, none after dots. */
static char *
render_tokens (GArray *tokens,
               guint   from,
               guint   to)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = from; i < to && i < tokens->len; i++)
    {
      const Token *token = TOKEN (tokens, i);

      if (i > from
          && !(token->kind == TOKEN_PUNCT
               && (strcmp (token->text, ")") == 0 || strcmp (token->text, ",") == 0
                   || strcmp (token->text, ".") == 0))
          && !token_is_punct (tokens, i - 1, "(")
          && !token_is_punct (tokens, i - 1, "."))
        g_string_append_c (out, ' ');
      append_token (out, token);
    }
  return g_string_free (out, FALSE);
}

static char *
render_all (const char *sql)
{
  g_autoptr(GArray) tokens = tokenize (sql);

  return render_tokens (tokens, 0, tokens->len);
}

/* Names in a parenthesized list at @open, lower-cased, ", "-joined; the
 * index past the list in @end. */
static char *
render_name_list (GArray *tokens,
                  guint   open,
                  guint  *end)
{
  GString *out = g_string_new (NULL);
  guint close = skip_parens (tokens, open);
  guint i;

  for (i = open + 1; i + 1 < close; i++)
    {
      const Token *token = TOKEN (tokens, i);

      if (token->kind == TOKEN_WORD || token->kind == TOKEN_IDENTIFIER)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          append_token (out, token);
          /* COLLATE x / ASC / DESC after a name in a key list are not names. */
          while (i + 2 < close && !token_is_punct (tokens, i + 1, ","))
            i++;
        }
    }
  *end = close;
  return g_string_free (out, FALSE);
}

/* What the CREATE TABLE text says that the pragmas do not. */
typedef struct
{
  char       *options;      /* "without rowid, strict" or "" */
  char       *pk_name;
  GHashTable *checks;       /* key → value lines, ready to add */
  GHashTable *fk_names;     /* "a, b" (lower case) → name */
  GHashTable *fk_timing;    /* "a, b" → "deferrable initially deferred" */
  GHashTable *unique_names; /* "a, b" → name */
  GHashTable *generated;    /* column (lower case) → expression */
} TableText;

static void
table_text_free (TableText *text)
{
  g_free (text->options);
  g_free (text->pk_name);
  g_hash_table_unref (text->checks);
  g_hash_table_unref (text->fk_names);
  g_hash_table_unref (text->fk_timing);
  g_hash_table_unref (text->unique_names);
  g_hash_table_unref (text->generated);
  g_free (text);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TableText, table_text_free)

/* One column definition or table constraint, tokens [@from, @to). */
static void
table_text_scan_item (TableText *text,
                      GArray    *tokens,
                      guint      from,
                      guint      to)
{
  g_autofree char *column = NULL;
  g_autofree char *pending_name = NULL;
  guint i = from;

  /* A table constraint starts with one of these words; anything else is a
   * column definition, which starts with the column's name. */
  if (!(token_is (tokens, from, "constraint") || token_is (tokens, from, "primary")
        || token_is (tokens, from, "unique") || token_is (tokens, from, "check")
        || token_is (tokens, from, "foreign")))
    {
      GString *name = g_string_new (NULL);

      append_token (name, TOKEN (tokens, from));
      column = g_string_free (name, FALSE);
      i = from + 1;
    }

  while (i < to)
    {
      if (token_is_punct (tokens, i, "("))
        {
          i = skip_parens (tokens, i);
          continue;
        }
      if (token_is (tokens, i, "constraint") && i + 1 < to)
        {
          GString *name = g_string_new (NULL);

          g_free (pending_name);
          g_string_append (name, TOKEN (tokens, i + 1)->text);
          pending_name = g_string_free (name, FALSE);
          i += 2;
          continue;
        }
      if (token_is (tokens, i, "check") && token_is_punct (tokens, i + 1, "("))
        {
          guint end = skip_parens (tokens, i + 1);
          g_autofree char *expression = render_tokens (tokens, i + 2, end - 1);

          if (pending_name != NULL)
            g_hash_table_insert (text->checks, g_strdup_printf ("check %s", pending_name),
                                 g_steal_pointer (&expression));
          else
            /* Whether an unnamed CHECK is written on its column or on the
             * table makes no difference to SQLite, so neither does it here. */
            g_hash_table_insert (text->checks, g_strdup_printf ("check (%s)", expression),
                                 g_strdup (""));
          g_clear_pointer (&pending_name, g_free);
          i = end;
          continue;
        }
      if (column != NULL && (token_is (tokens, i, "as") || token_is (tokens, i, "generated")))
        {
          while (i < to && !token_is_punct (tokens, i, "("))
            i++;
          if (i < to)
            {
              guint end = skip_parens (tokens, i);

              g_hash_table_insert (text->generated, g_strdup (column),
                                   render_tokens (tokens, i + 1, end - 1));
              i = end;
            }
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      /* A name given to NOT NULL, DEFAULT or COLLATE belongs to no
       * constraint this dump tells apart. */
      if (token_is (tokens, i, "not") || token_is (tokens, i, "null")
          || token_is (tokens, i, "default") || token_is (tokens, i, "collate"))
        {
          g_clear_pointer (&pending_name, g_free);
          i++;
          continue;
        }
      if (token_is (tokens, i, "primary"))
        {
          if (pending_name != NULL)
            text->pk_name = g_steal_pointer (&pending_name);
          i++;
          continue;
        }
      if (token_is (tokens, i, "unique"))
        {
          g_autofree char *columns = NULL;

          if (column == NULL && token_is_punct (tokens, i + 1, "("))
            columns = render_name_list (tokens, i + 1, &i);
          else
            {
              columns = g_strdup (column);
              i++;
            }
          if (pending_name != NULL && columns != NULL)
            g_hash_table_insert (text->unique_names, g_steal_pointer (&columns),
                                 g_steal_pointer (&pending_name));
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      if (token_is (tokens, i, "foreign") || token_is (tokens, i, "references"))
        {
          g_autofree char *columns = NULL;
          GString *timing = g_string_new (NULL);

          if (token_is (tokens, i, "foreign"))
            {
              i += 2;  /* FOREIGN KEY */
              columns = render_name_list (tokens, i, &i);
            }
          else
            columns = g_strdup (column);
          /* REFERENCES table [(columns)] then ON / MATCH / DEFERRABLE clauses
           * up to the next constraint or the end of the item. */
          i += 2;
          if (token_is_punct (tokens, i, "("))
            i = skip_parens (tokens, i);
          while (i < to && !token_is (tokens, i, "constraint") && !token_is (tokens, i, "check")
                 && !token_is (tokens, i, "unique") && !token_is (tokens, i, "primary")
                 && !(token_is (tokens, i, "default") && !token_is (tokens, i - 1, "set"))
                 && !token_is (tokens, i, "collate")
                 && !token_is (tokens, i, "references") && !token_is (tokens, i, "generated")
                 && !(token_is (tokens, i, "not") && !token_is (tokens, i + 1, "deferrable"))
                 && !(token_is (tokens, i, "null") && !token_is (tokens, i - 1, "set")))
            {
              if (token_is (tokens, i, "deferrable") || token_is (tokens, i, "initially")
                  || (token_is (tokens, i, "not") && token_is (tokens, i + 1, "deferrable")))
                {
                  guint j = i;

                  while (j < to && (token_is (tokens, j, "deferrable") || token_is (tokens, j, "not")
                                    || token_is (tokens, j, "initially") || token_is (tokens, j, "deferred")
                                    || token_is (tokens, j, "immediate")))
                    j++;
                  g_string_truncate (timing, 0);
                  {
                    g_autofree char *clause = render_tokens (tokens, i, j);

                    /* Only this one defers in SQLite; every other spelling is
                     * the default, immediate. */
                    if (strcmp (clause, "deferrable initially deferred") == 0)
                      g_string_append (timing, "DEFERRABLE INITIALLY DEFERRED");
                  }
                  i = j;
                  continue;
                }
              i++;
            }
          if (columns != NULL && pending_name != NULL)
            g_hash_table_insert (text->fk_names, g_strdup (columns), g_steal_pointer (&pending_name));
          if (columns != NULL && timing->len > 0)
            g_hash_table_insert (text->fk_timing, g_strdup (columns), g_string_free (timing, FALSE));
          else
            g_string_free (timing, TRUE);
          g_clear_pointer (&pending_name, g_free);
          continue;
        }
      i++;
    }
}

/* NULL when @sql is not CREATE TABLE name ( … ) (CREATE TABLE … AS, virtual tables). */
static TableText *
table_text_parse (const char *sql)
{
  g_autoptr(GArray) tokens = tokenize (sql);
  g_autoptr(TableText) text = g_new0 (TableText, 1);
  GString *options = g_string_new (NULL);
  guint open = 0, close, i, item;

  text->checks = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->fk_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->fk_timing = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->unique_names = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  text->generated = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  while (open < tokens->len && !token_is_punct (tokens, open, "("))
    {
      if (token_is (tokens, open, "as"))
        {
          g_string_free (options, TRUE);
          return NULL;
        }
      open++;
    }
  if (open >= tokens->len)
    {
      g_string_free (options, TRUE);
      return NULL;
    }
  close = skip_parens (tokens, open);

  item = open + 1;
  for (i = open + 1; i + 1 <= close; i++)
    {
      if (token_is_punct (tokens, i, "("))
        {
          i = skip_parens (tokens, i) - 1;
          continue;
        }
      if (i + 1 == close || token_is_punct (tokens, i, ","))
        {
          if (i > item)
            table_text_scan_item (text, tokens, item, i);
          item = i + 1;
        }
    }

  for (i = close; i < tokens->len; i++)
    if (TOKEN (tokens, i)->kind == TOKEN_WORD)
      {
        if (options->len > 0 && !token_is (tokens, i - 1, "without"))
          g_string_append (options, ", ");
        else if (options->len > 0)
          g_string_append_c (options, ' ');
        append_token (options, TOKEN (tokens, i));
      }
  text->options = g_string_free (options, FALSE);
  return g_steal_pointer (&text);
}

/* SQLite: the dump --------------------------------------------------------------- */

static gboolean
sqlite_fail (sqlite3     *db,
             const char  *what,
             GError     **error)
{
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: %s", what, sqlite3_errmsg (db));
  return FALSE;
}

static const char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return (const char *) text;
}

static gboolean
dump_sqlite_columns (sqlite3    *db,
                     const char *table,
                     TableText  *text,
                     GPtrArray  *lines,
                     GError    **error)
{
  const char *sql = "SELECT name, type, \"notnull\", dflt_value, pk, hidden"
                    " FROM pragma_table_xinfo(?1) ORDER BY cid";
  g_autoptr(GString) names = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_fail (db, "pragma table_xinfo", error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 0);
      const char *type = column_text (stmt, 1);
      const char *dflt = column_text (stmt, 3);
      int pk = sqlite3_column_int (stmt, 4);
      int hidden = sqlite3_column_int (stmt, 5);
      g_autofree char *prefix = g_strdup_printf ("table %s: column %s", table, name);
      g_autofree char *key = NULL;
      g_autofree char *lower = NULL;
      const char *collation = NULL;
      int autoincrement = 0;
      GString *lower_name = g_string_new (NULL);
      Token token = { TOKEN_IDENTIFIER, (char *) name };

      if (names->len > 0)
        g_string_append (names, ", ");
      g_string_append (names, name);
      add_line (lines, prefix, "");

      g_free (key);
      key = g_strconcat (prefix, ": type", NULL);
      add_line (lines, key, type != NULL && type[0] != '\0' ? type : "(none)");
      g_free (key);
      key = g_strconcat (prefix, ": nullability", NULL);
      add_line (lines, key, sqlite3_column_int (stmt, 2) ? "NOT NULL" : "nullable");
      g_free (key);
      key = g_strconcat (prefix, ": default", NULL);
      add_line (lines, key, dflt);
      if (pk > 0)
        {
          g_autofree char *position = g_strdup_printf ("%d", pk);

          g_free (key);
          key = g_strconcat (prefix, ": primary key position", NULL);
          add_line (lines, key, position);
        }
      if (hidden != 0)
        {
          g_free (key);
          key = g_strconcat (prefix, ": hidden", NULL);
          add_line (lines, key, hidden == 1 ? "hidden" : hidden == 2 ? "generated virtual"
                                                        : "generated stored");
        }

      if (hidden == 0
          && sqlite3_table_column_metadata (db, "main", table, name, NULL, &collation,
                                            NULL, NULL, &autoincrement) == SQLITE_OK)
        {
          if (collation != NULL && g_ascii_strcasecmp (collation, "BINARY") != 0)
            {
              g_autofree char *upper = g_ascii_strup (collation, -1);

              g_free (key);
              key = g_strconcat (prefix, ": collation", NULL);
              add_line (lines, key, upper);
            }
          if (autoincrement)
            {
              g_free (key);
              key = g_strconcat (prefix, ": autoincrement", NULL);
              add_line (lines, key, "AUTOINCREMENT");
            }
        }

      append_token (lower_name, &token);
      lower = g_string_free (lower_name, FALSE);
      if (text != NULL && g_hash_table_contains (text->generated, lower))
        {
          g_free (key);
          key = g_strconcat (prefix, ": generated", NULL);
          add_line (lines, key, g_hash_table_lookup (text->generated, lower));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_fail (db, "pragma table_xinfo", error);

  {
    g_autofree char *key = g_strdup_printf ("table %s: columns", table);

    add_line (lines, key, names->str);
  }
  return TRUE;
}

/* The parent's primary key, for an FK that names no referenced columns. */
static char *
sqlite_primary_key (sqlite3    *db,
                    const char *table)
{
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT name FROM pragma_table_info(?1) WHERE pk > 0 ORDER BY pk",
                          -1, &stmt, NULL) == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
      while (sqlite3_step (stmt) == SQLITE_ROW)
        {
          if (out->len > 0)
            g_string_append (out, ", ");
          g_string_append (out, column_text (stmt, 0));
        }
    }
  sqlite3_finalize (stmt);
  return g_string_free (out, FALSE);
}

static char *
lower_list (const char *list)
{
  return g_ascii_strdown (list, -1);
}

static gboolean
dump_sqlite_foreign_keys (sqlite3    *db,
                          const char *table,
                          TableText  *text,
                          GPtrArray  *lines,
                          GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc, current = -1;
  g_autoptr(GString) from = g_string_new (NULL);
  g_autoptr(GString) to = g_string_new (NULL);
  g_autofree char *parent = NULL;
  g_autofree char *actions = NULL;
  gboolean to_missing = FALSE;

  if (sqlite3_prepare_v2 (db, "SELECT id, \"table\", \"from\", \"to\", on_update, on_delete, \"match\""
                              " FROM pragma_foreign_key_list(?1) ORDER BY id, seq",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_fail (db, "pragma foreign_key_list", error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);

  for (;;)
    {
      int id = -1;

      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        id = sqlite3_column_int (stmt, 0);
      if ((rc != SQLITE_ROW || id != current) && current >= 0)
        {
          /* The foreign key collected so far is complete. */
          g_autofree char *key = g_strdup_printf ("table %s: foreign key (%s)", table, from->str);
          g_autofree char *referenced = to_missing ? sqlite_primary_key (db, parent) : g_strdup (to->str);
          g_autofree char *value = g_strdup_printf ("references %s (%s) %s", parent, referenced, actions);
          g_autofree char *lower = lower_list (from->str);

          add_line (lines, key, value);
          if (text != NULL)
            {
              g_autofree char *name_key = g_strconcat (key, ": name", NULL);
              g_autofree char *timing_key = g_strconcat (key, ": timing", NULL);

              add_line (lines, name_key, g_hash_table_lookup (text->fk_names, lower));
              add_line (lines, timing_key, g_hash_table_lookup (text->fk_timing, lower));
            }
          g_string_truncate (from, 0);
          g_string_truncate (to, 0);
          to_missing = FALSE;
        }
      if (rc != SQLITE_ROW)
        break;
      if (id != current)
        {
          current = id;
          g_free (parent);
          parent = g_strdup (column_text (stmt, 1));
          g_free (actions);
          actions = g_strdup_printf ("on update %s on delete %s match %s",
                                     column_text (stmt, 4), column_text (stmt, 5),
                                     column_text (stmt, 6));
        }
      if (from->len > 0)
        g_string_append (from, ", ");
      g_string_append (from, column_text (stmt, 2));
      if (column_text (stmt, 3) == NULL)
        to_missing = TRUE;
      else
        {
          if (to->len > 0)
            g_string_append (to, ", ");
          g_string_append (to, column_text (stmt, 3));
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_fail (db, "pragma foreign_key_list", error);
  return TRUE;
}

/* The key list items and the WHERE clause of a CREATE INDEX text. */
static void
index_text_parse (const char *sql,
                  GPtrArray  *items,
                  char      **where)
{
  g_autoptr(GArray) tokens = tokenize (sql);
  guint open = 0, close, i, item;

  while (open < tokens->len && !token_is_punct (tokens, open, "("))
    open++;
  if (open >= tokens->len)
    return;
  close = skip_parens (tokens, open);
  item = open + 1;
  for (i = open + 1; i + 1 <= close; i++)
    {
      if (token_is_punct (tokens, i, "("))
        {
          i = skip_parens (tokens, i) - 1;
          continue;
        }
      if (i + 1 == close || token_is_punct (tokens, i, ","))
        {
          guint end = i;

          /* COLLATE, ASC and DESC are told by index_xinfo. */
          for (guint j = item; j < i; j++)
            if (token_is (tokens, j, "collate") || token_is (tokens, j, "asc")
                || token_is (tokens, j, "desc"))
              {
                end = j;
                break;
              }
          g_ptr_array_add (items, render_tokens (tokens, item, end));
          item = i + 1;
        }
    }
  if (token_is (tokens, close, "where"))
    *where = render_tokens (tokens, close + 1, tokens->len);
}

/* The index's keys in words; @plain gets the bare column names, lower case,
 * to find the constraint's name in the CREATE TABLE text by. */
static char *
sqlite_index_keys (sqlite3    *db,
                   const char *index,
                   const char *sql,
                   char      **plain,
                   char      **where_out,
                   GError    **error)
{
  g_autoptr(GPtrArray) items = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *where = NULL;
  g_autoptr(GString) names = g_string_new (NULL);
  GString *out = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sql != NULL)
    index_text_parse (sql, items, &where);
  if (sqlite3_prepare_v2 (db, "SELECT seqno, cid, name, \"desc\", coll FROM pragma_index_xinfo(?1)"
                              " WHERE key = 1 ORDER BY seqno", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, "pragma index_xinfo", error);
      return g_string_free (out, TRUE);
    }
  sqlite3_bind_text (stmt, 1, index, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int seqno = sqlite3_column_int (stmt, 0);
      int cid = sqlite3_column_int (stmt, 1);
      const char *coll = column_text (stmt, 4);

      if (out->len > 0)
        g_string_append (out, ", ");
      if (cid == -2)
        g_string_append_printf (out, "(%s)", (guint) seqno < items->len
                                             ? (const char *) g_ptr_array_index (items, seqno) : "?");
      else if (cid == -1)
        g_string_append (out, "rowid");
      else
        g_string_append (out, column_text (stmt, 2));
      if (cid >= 0)
        {
          g_autofree char *lower = g_ascii_strdown (column_text (stmt, 2), -1);

          if (names->len > 0)
            g_string_append (names, ", ");
          g_string_append (names, lower);
        }
      if (sqlite3_column_int (stmt, 3))
        g_string_append (out, " DESC");
      if (coll != NULL && g_ascii_strcasecmp (coll, "BINARY") != 0)
        {
          g_autofree char *upper = g_ascii_strup (coll, -1);

          g_string_append_printf (out, " COLLATE %s", upper);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite_fail (db, "pragma index_xinfo", error);
      return g_string_free (out, TRUE);
    }
  *where_out = g_steal_pointer (&where);
  if (plain != NULL)
    *plain = g_strdup (names->str);
  return g_string_free (out, FALSE);
}

static gboolean
dump_sqlite_indexes (sqlite3    *db,
                     const char *table,
                     TableText  *text,
                     GPtrArray  *lines,
                     GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT l.name, l.\"unique\", l.origin, s.sql"
                              " FROM pragma_index_list(?1) AS l"
                              " LEFT JOIN sqlite_schema AS s ON s.type = 'index' AND s.name = l.name",
                          -1, &stmt, NULL) != SQLITE_OK)
    return sqlite_fail (db, "pragma index_list", error);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *name = column_text (stmt, 0);
      const char *origin = column_text (stmt, 2);
      g_autofree char *plain = NULL;
      g_autofree char *where = NULL;
      g_autofree char *keys = sqlite_index_keys (db, name, column_text (stmt, 3), &plain, &where, error);

      if (keys == NULL)
        {
          sqlite3_finalize (stmt);
          return FALSE;
        }
      if (g_strcmp0 (origin, "c") == 0)
        {
          g_autofree char *key = g_strdup_printf ("index %s", name);
          g_autofree char *value = g_strdup_printf ("%son %s (%s)%s%s",
                                                    sqlite3_column_int (stmt, 1) ? "unique " : "",
                                                    table, keys, where != NULL ? " WHERE " : "",
                                                    where != NULL ? where : "");

          add_line (lines, key, value);
        }
      else if (g_strcmp0 (origin, "u") == 0)
        {
          /* Autoindex names are the engine's, so the key is the columns. */
          g_autofree char *key = g_strdup_printf ("table %s: unique (%s)", table, keys);

          add_line (lines, key, "constraint");
          if (text != NULL)
            {
              g_autofree char *name_key = g_strconcat (key, ": name", NULL);

              add_line (lines, name_key, g_hash_table_lookup (text->unique_names, plain));
            }
        }
      else
        {
          /* The primary key's own index: its columns are told by the
           * columns' positions; only the order of its keys is left. */
          g_autofree char *key = g_strdup_printf ("table %s: primary key index", table);

          add_line (lines, key, keys);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return sqlite_fail (db, "pragma index_list", error);
  return TRUE;
}

static gboolean
dump_sqlite_table (sqlite3    *db,
                   const char *table,
                   const char *sql,
                   GPtrArray  *lines,
                   GError    **error)
{
  g_autoptr(TableText) text = sql != NULL ? table_text_parse (sql) : NULL;
  g_autofree char *key = g_strdup_printf ("table %s", table);

  add_line (lines, key, text != NULL && text->options[0] != '\0' ? text->options : "table");
  if (text != NULL)
    {
      GHashTableIter iter;
      gpointer check_key, check_value;
      g_autofree char *pk_key = g_strdup_printf ("table %s: primary key name", table);

      add_line (lines, pk_key, text->pk_name);
      g_hash_table_iter_init (&iter, text->checks);
      while (g_hash_table_iter_next (&iter, &check_key, &check_value))
        {
          g_autofree char *line_key = g_strdup_printf ("table %s: %s", table, (const char *) check_key);

          add_line (lines, line_key, check_value);
        }
    }
  return dump_sqlite_columns (db, table, text, lines, error)
         && dump_sqlite_foreign_keys (db, table, text, lines, error)
         && dump_sqlite_indexes (db, table, text, lines, error);
}

char *
cardinal_test_catalogue_dump_sqlite (sqlite3  *db,
                                     GError  **error)
{
  g_autoptr(GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  g_return_val_if_fail (db != NULL, NULL);

  if (sqlite3_prepare_v2 (db, "SELECT type, name, tbl_name, sql FROM sqlite_schema"
                              " WHERE type IN ('table', 'view', 'trigger')"
                              " AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
                              " ORDER BY type, name", -1, &stmt, NULL) != SQLITE_OK)
    {
      sqlite_fail (db, "sqlite_schema", error);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *type = column_text (stmt, 0);
      const char *name = column_text (stmt, 1);
      const char *sql = column_text (stmt, 3);

      if (g_strcmp0 (type, "table") == 0)
        {
          if (!dump_sqlite_table (db, name, sql, lines, error))
            {
              sqlite3_finalize (stmt);
              return NULL;
            }
        }
      else
        {
          g_autofree char *key = g_strdup_printf ("%s %s", type, name);
          g_autofree char *text = sql != NULL ? render_all (sql) : g_strdup ("");

          add_line (lines, key, text);
          if (g_strcmp0 (type, "trigger") == 0)
            {
              g_autofree char *on_key = g_strconcat (key, ": on", NULL);

              add_line (lines, on_key, column_text (stmt, 2));
            }
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      sqlite_fail (db, "sqlite_schema", error);
      return NULL;
    }
  return join_lines (lines);
}

char *
cardinal_test_catalogue_dump_sqlite_file (const char  *path,
                                          GError     **error)
{
  sqlite3 *db = NULL;
  char *dump;

  if (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "could not open %s: %s", path,
                   db != NULL ? sqlite3_errmsg (db) : "out of memory");
      sqlite3_close (db);
      return NULL;
    }
  dump = cardinal_test_catalogue_dump_sqlite (db, error);
  sqlite3_close (db);
  return dump;
}

/* Differences ----------------------------------------------------------------------- */

typedef struct
{
  GPtrArray  *keys;    /* in dump order */
  GHashTable *values;  /* key → value, both borrowed from the lines */
  GStrv       lines;
} Dump;

static void
dump_clear (Dump *dump)
{
  g_clear_pointer (&dump->keys, g_ptr_array_unref);
  g_clear_pointer (&dump->values, g_hash_table_unref);
  g_clear_pointer (&dump->lines, g_strfreev);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Dump, dump_clear)

static void
dump_parse (Dump       *dump,
            const char *text)
{
  guint i;

  dump->lines = g_strsplit (text, "\n", -1);
  dump->keys = g_ptr_array_new ();
  dump->values = g_hash_table_new (g_str_hash, g_str_equal);
  for (i = 0; dump->lines[i] != NULL; i++)
    {
      char *tab = strchr (dump->lines[i], '\t');

      if (dump->lines[i][0] == '\0')
        continue;
      if (tab != NULL)
        *tab = '\0';
      if (!g_hash_table_contains (dump->values, dump->lines[i]))
        g_ptr_array_add (dump->keys, dump->lines[i]);
      g_hash_table_insert (dump->values, dump->lines[i], tab != NULL ? tab + 1 : (char *) "");
    }
}

/* A long value is shown around where it first differs from @other. */
static char *
show_value (const char *value,
            const char *other)
{
  gsize length = strlen (value);
  gsize start = 0;

  if (value[0] == '\0')
    return g_strdup ("(present)");
  if (length <= 160)
    return g_strdup (value);
  if (other != NULL)
    {
      while (value[start] != '\0' && value[start] == other[start])
        start++;
      start = start > 40 ? start - 40 : 0;
    }
  return g_strdup_printf ("%s%.120s%s", start > 0 ? "..." : "", value + start,
                          start + 120 < length ? "..." : "");
}

/* Whether a fact about an object that @in has and @other lacks is told by
 * that object's own difference: "table t: column c: type" when "table t" is
 * missing altogether. Keys nest at ": ". */
static gboolean
owner_differs (const char *key,
               Dump       *in,
               Dump       *other)
{
  const char *p = key;

  while ((p = strstr (p, ": ")) != NULL)
    {
      g_autofree char *owner = g_strndup (key, p - key);

      if (g_hash_table_contains (in->values, owner) && !g_hash_table_contains (other->values, owner))
        return TRUE;
      p += 2;
    }
  return FALSE;
}

char *
cardinal_test_catalogue_diff (const char *expected,
                              const char *actual,
                              guint       max_differences)
{
  g_auto(Dump) want = { 0 };
  g_auto(Dump) have = { 0 };
  g_autoptr(GString) out = g_string_new (NULL);
  guint n = 0, i;

  g_return_val_if_fail (expected != NULL && actual != NULL, NULL);

  dump_parse (&want, expected);
  dump_parse (&have, actual);

  for (i = 0; i < want.keys->len; i++)
    {
      const char *key = g_ptr_array_index (want.keys, i);
      const char *want_value = g_hash_table_lookup (want.values, key);
      const char *have_value = g_hash_table_lookup (have.values, key);

      if (g_strcmp0 (want_value, have_value) == 0)
        continue;
      if (have_value == NULL && owner_differs (key, &want, &have))
        continue;
      if (++n > max_differences)
        continue;
      if (have_value == NULL && want_value[0] == '\0')
        g_string_append_printf (out, "%s: missing\n", key);
      else if (have_value == NULL)
        {
          g_autofree char *shown = show_value (want_value, NULL);

          g_string_append_printf (out, "%s: missing (expected %s)\n", key, shown);
        }
      else
        {
          g_autofree char *shown_have = show_value (have_value, want_value);
          g_autofree char *shown_want = show_value (want_value, have_value);

          g_string_append_printf (out, "%s %s, expected %s\n", key, shown_have, shown_want);
        }
    }
  for (i = 0; i < have.keys->len; i++)
    {
      const char *key = g_ptr_array_index (have.keys, i);
      g_autofree char *shown = NULL;

      if (g_hash_table_contains (want.values, key) || owner_differs (key, &have, &want))
        continue;
      if (++n > max_differences)
        continue;
      shown = show_value (g_hash_table_lookup (have.values, key), NULL);
      if (strcmp (shown, "(present)") == 0)
        g_string_append_printf (out, "%s: unexpected\n", key);
      else
        g_string_append_printf (out, "%s: unexpected %s\n", key, shown);
    }

  if (n == 0)
    return NULL;
  if (n > max_differences)
    g_string_append_printf (out, "... and %u more differences\n", n - max_differences);
  return g_string_free (g_steal_pointer (&out), FALSE);
}
