/* cardinal-sql-lexer.c: the one SQL tokenizer every reader, translator and detector goes through. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-sql-lexer.h"

#include <string.h>

CardinalSqlLexRules
cardinal_sql_lex_rules (CardinalDialect dialect)
{
  return dialect == CARDINAL_DIALECT_POSTGRESQL ? CARDINAL_SQL_LEX_POSTGRESQL : CARDINAL_SQL_LEX_SQLITE;
}

/* Whether @c can continue an unquoted word: both dialects allow "$" after
 * the first character, and SQLite takes "$name" as a parameter. */
static inline gboolean
is_word_char (char c)
{
  return g_ascii_isalnum (c) || c == '_' || c == '$' || (guchar) c >= 0x80;
}

/* White space: SQLite's also counts a vertical tab, GLib's (and the
 * PostgreSQL rules here) not. */
static inline gboolean
is_space (char                c,
          CardinalSqlLexRules rules)
{
  return g_ascii_isspace (c) || (c == '\v' && (rules & CARDINAL_SQL_LEX_SQLITE));
}

/* Past a quoted run that starts at @p (on the opening quote) and ends with
 * @close, where a doubled @close stands for itself except in [ ]; with
 * @escapes (PostgreSQL's E'…') a backslash also takes the next character
 * literally. */
static const char *
skip_quoted (const char *p,
             char        close,
             gboolean    escapes)
{
  p++;
  for (;;)
    {
      if (*p == '\0')
        return p;
      if (escapes && *p == '\\' && p[1] != '\0')
        p++;
      else if (*p == close)
        {
          if (p[1] != close || close == ']')
            return p + 1;
          p++;
        }
      p++;
    }
}

/* Past a block comment that opens at @p; *@closed tells whether it ends
 * before the text does. SQLite ends it at the first "*\/"; PostgreSQL counts
 * the ones opened inside it. */
static const char *
skip_block_comment (const char *p,
                    gboolean    nested,
                    gboolean   *closed)
{
  guint depth = 1;

  *closed = TRUE;
  if (!nested)
    {
      const char *close = strstr (p + 2, "*/");

      if (close != NULL)
        return close + 2;
    }
  else
    for (p += 2; *p != '\0'; p++)
      {
        if (p[0] == '*' && p[1] == '/')
          {
            if (--depth == 0)
              return p + 2;
            p++;
          }
        else if (p[0] == '/' && p[1] == '*')
          {
            depth++;
            p++;
          }
      }
  *closed = FALSE;
  return p + strlen (p);
}

/* A dollar-quoted string $tag$ … $tag$ at @s; NULL when the "$" opens none
 * (no "$" closes the tag). */
static const char *
skip_dollar_quoted (const char *s)
{
  const char *tag_end = s + 1;
  const char *p;
  gsize tag_length;

  while (*tag_end != '$' && is_word_char (*tag_end))
    tag_end++;
  if (*tag_end != '$')
    return NULL;
  tag_length = (gsize) (tag_end - s) + 1;
  for (p = tag_end + 1; (p = strchr (p, '$')) != NULL; p++)
    if (strncmp (p, s, tag_length) == 0)
      return p + tag_length;
  return s + strlen (s);
}

void
cardinal_sql_lexer_next (const char          **p,
                         CardinalSqlLexRules   rules,
                         CardinalSqlToken     *token)
{
  const char *s = *p;
  const char *end;
  CardinalSqlTokenKind kind = CARDINAL_SQL_TOKEN_PUNCT;

  while (is_space (*s, rules))
    s++;
  token->start = s;
  end = s + 1;

  /* Bare words first: they are most of any schema's text. */
  if (is_word_char (*s)
      && !(s[1] == '\'' && (*s == 'X' || *s == 'x'
                            || ((rules & CARDINAL_SQL_LEX_POSTGRESQL) && (*s == 'E' || *s == 'e'))))
      && !(*s == '$' && (rules & CARDINAL_SQL_LEX_POSTGRESQL)
           && (s[1] == '$' || g_ascii_isalpha (s[1]) || s[1] == '_')))
    {
      gboolean number = g_ascii_isdigit (*s);

      while (is_word_char (*end) || (*end == '.' && number))
        end++;
      kind = CARDINAL_SQL_TOKEN_WORD;
    }
  else
    switch (*s)
      {
      case '\0':
        end = s;
        kind = CARDINAL_SQL_TOKEN_END;
        break;
      case '\'': case 'X': case 'x': case 'E': case 'e':
        /* Past the test above a letter here stands before a quote: X'…', E'…'. */
        end = skip_quoted (*s == '\'' ? s : s + 1, '\'', *s == 'E' || *s == 'e');
        kind = CARDINAL_SQL_TOKEN_STRING;
        break;
      case '$':
        {
          const char *close = skip_dollar_quoted (s);

          /* "$" before a word that no "$" ends: the "$" alone. */
          if (close != NULL)
            {
              end = close;
              kind = CARDINAL_SQL_TOKEN_STRING;
            }
        }
        break;
      case '"': case '`': case '[':
        if (*s == '"' || (rules & CARDINAL_SQL_LEX_SQLITE))
          {
            end = skip_quoted (s, *s == '[' ? ']' : *s, FALSE);
            kind = CARDINAL_SQL_TOKEN_QUOTED;
          }
        break;
      case '-':
        if (s[1] == '-')
          {
            end = s + 2 + strcspn (s + 2, "\n");
            kind = CARDINAL_SQL_TOKEN_COMMENT;
          }
        break;
      case '/':
        if (s[1] == '*')
          {
            gboolean closed;

            end = skip_block_comment (s, (rules & CARDINAL_SQL_LEX_POSTGRESQL) != 0, &closed);
            kind = CARDINAL_SQL_TOKEN_COMMENT;
          }
        break;
      default:
        break;
      }

  token->kind = kind;
  token->length = (gsize) (end - s);
  *p = end;
}

const char *
cardinal_sql_lexer_skip_blank (const char          *p,
                               CardinalSqlLexRules  rules,
                               gboolean            *open)
{
  if (open != NULL)
    *open = FALSE;
  for (;;)
    {
      while (is_space (*p, rules))
        p++;
      if (p[0] == '-' && p[1] == '-')
        {
          const char *newline = strchr (p, '\n');

          if (newline == NULL)
            {
              if (open != NULL)
                *open = TRUE;
              return p + strlen (p);
            }
          p = newline + 1;
        }
      else if (p[0] == '/' && p[1] == '*')
        {
          gboolean closed;
          const char *end = skip_block_comment (p, (rules & CARDINAL_SQL_LEX_POSTGRESQL) != 0, &closed);

          if (!closed)
            {
              if (open != NULL)
                *open = TRUE;
              return end;
            }
          p = end;
        }
      else
        return p;
    }
}

gboolean
cardinal_sql_token_is (const CardinalSqlToken *token,
                       const char             *word)
{
  gsize length = strlen (word);

  if (token->kind != CARDINAL_SQL_TOKEN_WORD && token->kind != CARDINAL_SQL_TOKEN_PUNCT)
    return FALSE;
  return token->length == length && g_ascii_strncasecmp (token->start, word, length) == 0;
}

void
cardinal_sql_token_append_name (GString                *out,
                                const CardinalSqlToken *token)
{
  char close;

  if (token->kind != CARDINAL_SQL_TOKEN_QUOTED || token->length < 2)
    {
      g_string_append_len (out, token->start, (gssize) token->length);
      return;
    }
  close = token->start[0] == '[' ? ']' : token->start[0];
  /* Most names hold no quote: copied in one go. */
  if (memchr (token->start + 1, close, token->length - 2) == NULL)
    {
      g_string_append_len (out, token->start + 1, (gssize) token->length - 2);
      return;
    }
  for (gsize i = 1; i + 1 < token->length; i++)
    {
      g_string_append_c (out, token->start[i]);
      if (token->start[i] == close && close != ']' && i + 2 < token->length && token->start[i + 1] == close)
        i++;
    }
}

char *
cardinal_sql_token_name (const CardinalSqlToken *token)
{
  GString *out = g_string_sized_new (token->length);

  cardinal_sql_token_append_name (out, token);
  return g_string_free (out, FALSE);
}
