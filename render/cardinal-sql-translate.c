/* cardinal-sql-translate.c: PostgreSQL ↔ SQLite expressions at the lexical level (casts, a few functions and keywords). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-sql-translate.h"

#include <string.h>

#include "cardinal-sql-lexer.h"

/* One piece of the output: the white space that stood before it in the source, and its text. */
typedef struct
{
  char *space;
  char *text;
} Piece;

typedef struct
{
  GArray          *tokens;   /* of CardinalSqlToken, comments left out, END last */
  const char      *source;
  guint            at;
  GPtrArray       *out;      /* of Piece * */
  GArray          *open;     /* of guint: where in @out each open group began (its function name, or "(") */
  guint            closed;   /* where the group that the last ")" closed began */
  CardinalDialect  from;
  CardinalDialect  to;
  char            *reason;
} Translator;

static void
piece_free (Piece *piece)
{
  g_free (piece->space);
  g_free (piece->text);
  g_free (piece);
}

static const CardinalSqlToken *
peek (Translator *self,
      guint       ahead)
{
  guint i = MIN (self->at + ahead, self->tokens->len - 1);

  return &g_array_index (self->tokens, CardinalSqlToken, i);
}

static char *
token_text (const CardinalSqlToken *token)
{
  return g_strndup (token->start, token->length);
}

static gboolean
token_is_punct (const CardinalSqlToken *token,
                char                    c)
{
  return token->kind == CARDINAL_SQL_TOKEN_PUNCT && token->length == 1 && token->start[0] == c;
}

static gboolean
token_word_is (const CardinalSqlToken *token,
               const char             *word)
{
  return token->kind == CARDINAL_SQL_TOKEN_WORD && cardinal_sql_token_is (token, word);
}

/* The white space between the previous token and @token in the source (comments dropped). */
static char *
space_before (Translator             *self,
              guint                   index)
{
  const CardinalSqlToken *token = &g_array_index (self->tokens, CardinalSqlToken, index);
  const char *p = token->start;

  if (index == 0)
    return g_strdup ("");
  while (p > self->source && g_ascii_isspace (p[-1]))
    p--;
  return p < token->start ? g_strdup (" ") : g_strdup ("");
}

static void
emit (Translator *self,
      char       *space,
      char       *text)
{
  Piece *piece = g_new0 (Piece, 1);

  piece->space = space != NULL ? space : g_strdup ("");
  piece->text = text;
  g_ptr_array_add (self->out, piece);
}

static void
emit_current (Translator *self,
              char       *text)
{
  emit (self, space_before (self, self->at), text);
  self->at++;
}

G_GNUC_PRINTF (2, 3)
static void
fail (Translator *self,
      const char *format,
      ...)
{
  va_list args;

  if (self->reason != NULL)
    return;
  va_start (args, format);
  self->reason = g_strdup_vprintf (format, args);
  va_end (args);
}

static const char *
dialect_name (CardinalDialect dialect)
{
  return dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL";
}

/* Functions both dialects have with the same meaning. */
static gboolean
is_common_function (const char *name)
{
  static const char * const names[] = {
    "lower", "upper", "length", "abs", "coalesce", "nullif", "round", "trim", "ltrim",
    "rtrim", "replace", "substr", "max", "min", "sum", "count", "avg", NULL
  };

  return g_strv_contains (names, name);
}

/* Words that can stand before "(" without being a function. */
static gboolean
is_keyword (const char *word)
{
  static const char * const words[] = {
    "and", "or", "not", "in", "exists", "case", "when", "then", "else", "end", "between",
    "like", "ilike", "glob", "is", "as", "cast", "values", "select", "from", "where", "null",
    "distinct", "all", "any", "some", "escape", "collate", NULL
  };

  return g_strv_contains (words, word);
}

/* SQLite's spelling for a cast to the PostgreSQL type @type, or NULL. */
static const char *
sqlite_cast_type (const char *type)
{
  g_autofree char *lower = g_ascii_strdown (type, -1);
  char *paren = strchr (lower, '(');

  if (paren != NULL)
    *paren = '\0';
  g_strstrip (lower);

  if (g_str_has_suffix (lower, "[]") || g_str_equal (lower, "regclass") || g_str_equal (lower, "interval"))
    return NULL;
  if (strstr (lower, "int") != NULL || g_str_equal (lower, "serial") || g_str_equal (lower, "bigserial"))
    return "INTEGER";
  if (strstr (lower, "char") != NULL || g_str_equal (lower, "text") || g_str_equal (lower, "name") ||
      g_str_equal (lower, "uuid") || g_str_equal (lower, "json") || g_str_equal (lower, "jsonb") ||
      g_str_equal (lower, "citext") || g_str_has_prefix (lower, "timestamp") ||
      g_str_equal (lower, "date") || g_str_has_prefix (lower, "time"))
    return "TEXT";
  if (g_str_equal (lower, "numeric") || g_str_equal (lower, "decimal") || g_str_equal (lower, "money"))
    return "NUMERIC";
  if (g_str_equal (lower, "real") || g_str_equal (lower, "double precision") ||
      g_str_has_prefix (lower, "float"))
    return "REAL";
  if (g_str_equal (lower, "boolean") || g_str_equal (lower, "bool"))
    return "INTEGER";
  if (g_str_equal (lower, "bytea"))
    return "BLOB";
  return NULL;
}

/* Reads a PostgreSQL type name after "::" and returns its text. */
static char *
read_type_name (Translator *self)
{
  static const char * const continuations[] = {
    "varying", "precision", "without", "with", "time", "zone", NULL
  };
  GString *type = g_string_new (NULL);
  gboolean first = TRUE;

  for (;;)
    {
      const CardinalSqlToken *token = peek (self, 0);

      if (token->kind == CARDINAL_SQL_TOKEN_WORD || (first && token->kind == CARDINAL_SQL_TOKEN_QUOTED))
        {
          g_autofree char *text = token_text (token);
          g_autofree char *lower = g_ascii_strdown (text, -1);

          if (!first && !g_strv_contains (continuations, lower))
            break;
          if (type->len > 0)
            g_string_append_c (type, ' ');
          g_string_append (type, text);
          self->at++;
          first = FALSE;
          /* A qualified name: schema.type */
          if (token_is_punct (peek (self, 0), '.'))
            {
              g_string_append_c (type, '.');
              self->at++;
              first = TRUE;
            }
          continue;
        }
      if (!first && token_is_punct (token, '('))
        {
          while (peek (self, 0)->kind != CARDINAL_SQL_TOKEN_END && !token_is_punct (peek (self, 0), ')'))
            {
              g_autofree char *text = token_text (peek (self, 0));

              g_string_append (type, text);
              self->at++;
            }
          if (token_is_punct (peek (self, 0), ')'))
            {
              g_string_append_c (type, ')');
              self->at++;
            }
          continue;
        }
      if (!first && token_is_punct (token, '[') && token_is_punct (peek (self, 1), ']'))
        {
          g_string_append (type, "[]");
          self->at += 2;
          continue;
        }
      break;
    }
  return g_string_free (type, FALSE);
}

static gboolean
piece_is_literal (const Piece *piece)
{
  const char *t = piece->text;

  return t[0] == '\'' || g_ascii_isdigit (t[0]) || g_ascii_strcasecmp (t, "NULL") == 0 ||
         g_ascii_strcasecmp (t, "TRUE") == 0 || g_ascii_strcasecmp (t, "FALSE") == 0;
}

/* "x::type" on the way to SQLite: a literal keeps its value (the column's
 * affinity does the rest), anything else becomes CAST (x AS T). */
static void
translate_cast_to_sqlite (Translator *self,
                          guint       operand_start)
{
  g_autofree char *type = NULL;
  const char *sqlite_type;
  Piece *first;

  self->at += 2;  /* "::" */
  type = read_type_name (self);
  if (type[0] == '\0')
    {
      fail (self, "a cast without a type");
      return;
    }
  /* Even a literal's: '{}'::text[] is an array, which SQLite has not. */
  if (g_str_has_suffix (type, "[]"))
    {
      fail (self, "a cast to %s has no SQLite equivalent", type);
      return;
    }
  if (operand_start + 1 == self->out->len && piece_is_literal (g_ptr_array_index (self->out, operand_start)))
    return;
  sqlite_type = sqlite_cast_type (type);
  if (sqlite_type == NULL)
    {
      fail (self, "a cast to %s has no SQLite equivalent", type);
      return;
    }
  first = g_ptr_array_index (self->out, operand_start);
  {
    char *wrapped = g_strconcat ("CAST (", first->text, NULL);

    g_free (first->text);
    first->text = wrapped;
  }
  emit (self, NULL, g_strdup_printf (" AS %s)", sqlite_type));
}

/* Skips "(" ")" after a function name that takes no arguments; FALSE when
 * there were arguments. */
static gboolean
skip_empty_arguments (Translator *self)
{
  if (token_is_punct (peek (self, 1), '(') && token_is_punct (peek (self, 2), ')'))
    {
      self->at += 3;
      return TRUE;
    }
  return FALSE;
}

static const char sqlite_uuid_v4[] =
  "(lower (hex (randomblob (4))) || '-' || lower (hex (randomblob (2))) || '-4' || "
  "substr (lower (hex (randomblob (2))), 2) || '-' || substr ('89ab', 1 + (abs (random ()) % 4), 1) || "
  "substr (lower (hex (randomblob (2))), 2) || '-' || lower (hex (randomblob (6))))";

/* A word on the way from PostgreSQL to SQLite; returns FALSE when it was not handled. */
static gboolean
translate_word_to_sqlite (Translator             *self,
                          const CardinalSqlToken *token,
                          const char             *lower)
{
  gboolean call = token_is_punct (peek (self, 1), '(') && !is_keyword (lower);

  if (call)
    {
      if (g_str_equal (lower, "now") || g_str_equal (lower, "transaction_timestamp") ||
          g_str_equal (lower, "statement_timestamp") || g_str_equal (lower, "clock_timestamp"))
        {
          char *space = space_before (self, self->at);

          if (!skip_empty_arguments (self))
            fail (self, "%s() with arguments has no SQLite equivalent", lower);
          emit (self, space, g_strdup ("CURRENT_TIMESTAMP"));
          return TRUE;
        }
      if (g_str_equal (lower, "gen_random_uuid") || g_str_equal (lower, "uuid_generate_v4"))
        {
          char *space = space_before (self, self->at);

          if (!skip_empty_arguments (self))
            fail (self, "%s() with arguments has no SQLite equivalent", lower);
          emit (self, space, g_strdup (sqlite_uuid_v4));
          return TRUE;
        }
      if (g_str_equal (lower, "char_length") || g_str_equal (lower, "character_length"))
        {
          emit_current (self, g_strdup ("length"));
          return TRUE;
        }
      if (g_str_equal (lower, "strpos"))
        {
          emit_current (self, g_strdup ("instr"));
          return TRUE;
        }
      if (g_str_equal (lower, "greatest") || g_str_equal (lower, "least"))
        {
          emit_current (self, g_strdup (g_str_equal (lower, "greatest") ? "max" : "min"));
          return TRUE;
        }
      if (!is_common_function (lower))
        {
          fail (self, "the function %s() has no SQLite equivalent", lower);
          return TRUE;
        }
      return FALSE;
    }

  if (g_str_equal (lower, "localtimestamp") || g_str_equal (lower, "current_timestamp"))
    {
      emit_current (self, g_strdup ("CURRENT_TIMESTAMP"));
      return TRUE;
    }
  if (g_str_equal (lower, "ilike"))
    {
      /* SQLite's LIKE already ignores the case of ASCII letters. */
      emit_current (self, g_strdup ("LIKE"));
      return TRUE;
    }
  if (g_str_equal (lower, "is") && token_word_is (peek (self, 1), "distinct"))
    {
      char *space = space_before (self, self->at);

      /* IS DISTINCT FROM → IS NOT */
      self->at += 2;
      if (token_word_is (peek (self, 0), "from"))
        self->at++;
      emit (self, space, g_strdup ("IS NOT"));
      return TRUE;
    }
  if (g_str_equal (lower, "is") && token_word_is (peek (self, 1), "not") &&
      token_word_is (peek (self, 2), "distinct"))
    {
      char *space = space_before (self, self->at);

      self->at += 3;
      if (token_word_is (peek (self, 0), "from"))
        self->at++;
      emit (self, space, g_strdup ("IS"));
      return TRUE;
    }
  if (g_str_equal (lower, "current_user") || g_str_equal (lower, "session_user") ||
      g_str_equal (lower, "current_role") || g_str_equal (lower, "current_schema") ||
      g_str_equal (lower, "current_catalog") || g_str_equal (lower, "user"))
    {
      g_autofree char *upper = g_ascii_strup (lower, -1);

      fail (self, "%s has no SQLite equivalent (SQLite has no users)", upper);
      return TRUE;
    }
  if (g_str_equal (lower, "interval") || g_str_equal (lower, "array") || g_str_equal (lower, "similar") ||
      (g_str_equal (lower, "at") && token_word_is (peek (self, 1), "time")))
    {
      g_autofree char *upper = g_ascii_strup (lower, -1);

      fail (self, "%s has no SQLite equivalent", upper);
      return TRUE;
    }
  return FALSE;
}

/* A word on the way from SQLite to PostgreSQL; returns FALSE when it was not handled. */
static gboolean
translate_word_to_postgresql (Translator             *self,
                              const CardinalSqlToken *token,
                              const char             *lower)
{
  gboolean call = token_is_punct (peek (self, 1), '(') && !is_keyword (lower);

  if (!call)
    return FALSE;

  /* datetime('now'), date('now'), time('now'): the current moment. */
  if ((g_str_equal (lower, "datetime") || g_str_equal (lower, "date") || g_str_equal (lower, "time")) &&
      peek (self, 2)->kind == CARDINAL_SQL_TOKEN_STRING && token_is_punct (peek (self, 3), ')'))
    {
      g_autofree char *argument = token_text (peek (self, 2));

      if (g_ascii_strcasecmp (argument, "'now'") == 0)
        {
          char *space = space_before (self, self->at);

          self->at += 4;
          emit (self, space, g_strdup (g_str_equal (lower, "datetime") ? "CURRENT_TIMESTAMP"
                                       : g_str_equal (lower, "date") ? "CURRENT_DATE" : "CURRENT_TIME"));
          return TRUE;
        }
    }
  if (g_str_equal (lower, "ifnull"))
    {
      emit_current (self, g_strdup ("coalesce"));
      return TRUE;
    }
  if (g_str_equal (lower, "instr"))
    {
      emit_current (self, g_strdup ("strpos"));
      return TRUE;
    }
  if (!is_common_function (lower))
    {
      fail (self, "the function %s() has no PostgreSQL equivalent", lower);
      return TRUE;
    }
  return FALSE;
}

static void
translate_token (Translator *self)
{
  const CardinalSqlToken *token = peek (self, 0);
  g_autofree char *text = token_text (token);
  g_autofree char *lower = g_ascii_strdown (text, -1);

  switch (token->kind)
    {
    case CARDINAL_SQL_TOKEN_STRING:
      if (text[0] != '\'')
        {
          fail (self, "the string %s has no %s form here", text, dialect_name (self->to));
          self->at++;
          return;
        }
      emit_current (self, g_steal_pointer (&text));
      return;

    case CARDINAL_SQL_TOKEN_QUOTED:
      /* By PostgreSQL's rules "[" is punctuation (a subscript), below. */
      if (text[0] != '"')
        {
          /* `name` or [name] (SQLite) → "name" */
          g_autofree char *name = cardinal_sql_token_name (token);
          GString *quoted = g_string_new ("\"");

          for (const char *p = name; *p != '\0'; p++)
            {
              if (*p == '"')
                g_string_append_c (quoted, '"');
              g_string_append_c (quoted, *p);
            }
          g_string_append_c (quoted, '"');
          emit_current (self, g_string_free (quoted, FALSE));
          return;
        }
      emit_current (self, g_steal_pointer (&text));
      return;

    case CARDINAL_SQL_TOKEN_WORD:
      if (self->to == CARDINAL_DIALECT_SQLITE ? translate_word_to_sqlite (self, token, lower)
                                              : translate_word_to_postgresql (self, token, lower))
        return;
      emit_current (self, g_steal_pointer (&text));
      return;

    case CARDINAL_SQL_TOKEN_PUNCT:
      if (text[0] == '[' && self->from == CARDINAL_DIALECT_POSTGRESQL)
        {
          fail (self, "array subscripts have no SQLite equivalent");
          self->at++;
          return;
        }
      if (text[0] == '~' || (text[0] == '!' && token_is_punct (peek (self, 1), '~')))
        {
          fail (self, "regular expression operators have no %s equivalent", dialect_name (self->to));
          self->at++;
          return;
        }
      emit_current (self, g_steal_pointer (&text));
      return;

    case CARDINAL_SQL_TOKEN_COMMENT:
    case CARDINAL_SQL_TOKEN_END:
    default:
      self->at++;
      return;
    }
}

/* 0 and 1 for a boolean column are PostgreSQL's false and true. */
static char *
boolean_for_postgresql (const char *expression,
                        const char *column_type)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (expression));

  if (column_type == NULL || (g_ascii_strcasecmp (column_type, "boolean") != 0 &&
                              g_ascii_strcasecmp (column_type, "bool") != 0))
    return NULL;
  if (g_str_equal (trimmed, "0") || g_str_equal (trimmed, "(0)"))
    return g_strdup ("false");
  if (g_str_equal (trimmed, "1") || g_str_equal (trimmed, "(1)"))
    return g_strdup ("true");
  return NULL;
}

char *
cardinal_sql_translate_expression (const char       *expression,
                                   CardinalDialect   from,
                                   CardinalDialect   to,
                                   const char       *column_type,
                                   char            **reason)
{
  Translator self = { 0 };
  GString *result;
  const char *p = expression;
  char *boolean;

  g_return_val_if_fail (expression != NULL, NULL);

  if (reason != NULL)
    *reason = NULL;
  if (from == to)
    return g_strdup (expression);
  if (to == CARDINAL_DIALECT_POSTGRESQL && (boolean = boolean_for_postgresql (expression, column_type)) != NULL)
    return boolean;

  self.tokens = g_array_new (FALSE, FALSE, sizeof (CardinalSqlToken));
  self.source = expression;
  self.out = g_ptr_array_new_with_free_func ((GDestroyNotify) piece_free);
  self.open = g_array_new (FALSE, FALSE, sizeof (guint));
  self.from = from;
  self.to = to;
  for (;;)
    {
      CardinalSqlToken token;

      cardinal_sql_lexer_next (&p, cardinal_sql_lex_rules (from), &token);
      if (token.kind == CARDINAL_SQL_TOKEN_COMMENT)
        continue;
      g_array_append_val (self.tokens, token);
      if (token.kind == CARDINAL_SQL_TOKEN_END)
        break;
    }

  while (self.reason == NULL && peek (&self, 0)->kind != CARDINAL_SQL_TOKEN_END)
    {
      const CardinalSqlToken *token = peek (&self, 0);
      guint before = self.out->len;

      if (to == CARDINAL_DIALECT_SQLITE && token_is_punct (token, ':') && token_is_punct (peek (&self, 1), ':'))
        {
          guint start = self.out->len > 0 ? self.out->len - 1 : 0;
          const Piece *last = self.out->len > 0 ? g_ptr_array_index (self.out, self.out->len - 1) : NULL;

          /* The operand: the group that ")" closed (with its function name), or one piece. */
          if (last != NULL && g_str_equal (last->text, ")"))
            start = self.closed;
          if (self.out->len == 0)
            fail (&self, "a cast without an operand");
          else
            translate_cast_to_sqlite (&self, start);
          continue;
        }

      translate_token (&self);

      /* Remember where each group began, so that a cast after ")" can wrap it whole. */
      if (self.out->len == before + 1)
        {
          const Piece *piece = g_ptr_array_index (self.out, before);

          if (g_str_equal (piece->text, "("))
            {
              guint start = before;
              const Piece *previous = before > 0 ? g_ptr_array_index (self.out, before - 1) : NULL;

              /* A function call's name belongs to the operand. */
              if (previous != NULL &&
                  (g_ascii_isalpha (previous->text[0]) || previous->text[0] == '_' || previous->text[0] == '"') &&
                  !piece_is_literal (previous))
                start = before - 1;
              g_array_append_val (self.open, start);
            }
          else if (g_str_equal (piece->text, ")") && self.open->len > 0)
            {
              self.closed = g_array_index (self.open, guint, self.open->len - 1);
              g_array_set_size (self.open, self.open->len - 1);
            }
        }
    }

  result = g_string_new (NULL);
  for (guint i = 0; i < self.out->len; i++)
    {
      const Piece *piece = g_ptr_array_index (self.out, i);

      if (i > 0)
        g_string_append (result, piece->space);
      g_string_append (result, piece->text);
    }

  g_array_unref (self.tokens);
  g_ptr_array_unref (self.out);
  g_array_unref (self.open);

  if (self.reason != NULL)
    {
      g_string_free (result, TRUE);
      if (reason != NULL)
        *reason = self.reason;
      else
        g_free (self.reason);
      return NULL;
    }
  return g_string_free (result, FALSE);
}
