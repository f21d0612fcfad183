/* cardinal-sql-lexer.h: SQL text split into tokens by SQLite's or PostgreSQL's lexical rules (GLib only, no database library). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-types.h"

G_BEGIN_DECLS

/* A lexer, not a parser: it only splits text into words, quoted names,
 * strings, comments and single punctuation characters, so that readers can
 * find what a database keeps only as text (comments, CHECK expressions,
 * constraint names), translators can rewrite expressions token by token and
 * dialect detection can skip strings. It never fails: an unterminated
 * quote, string or comment runs to the end of the text. */
typedef enum
{
  CARDINAL_SQL_TOKEN_END,
  CARDINAL_SQL_TOKEN_WORD,     /* a bare word or number ("1.5", "$1", "x$y") */
  CARDINAL_SQL_TOKEN_QUOTED,   /* "name"; SQLite also `name` and [name] */
  CARDINAL_SQL_TOKEN_STRING,   /* 'text', X'…'; PostgreSQL also E'…' and $tag$…$tag$ */
  CARDINAL_SQL_TOKEN_COMMENT,  /* -- … (up to the newline) or / * … * / */
  CARDINAL_SQL_TOKEN_PUNCT,    /* one character */
} CardinalSqlTokenKind;

typedef struct
{
  CardinalSqlTokenKind  kind;
  const char           *start;
  gsize                 length;
} CardinalSqlToken;

/* Which quoting rules apply. A dialect's own rules for text known to be in
 * that dialect; both at once for text whose dialect is not known yet (a .sql
 * file being told apart), where a run that either dialect would quote is
 * skipped. */
typedef enum
{
  CARDINAL_SQL_LEX_SQLITE     = 1 << 0,  /* `name` and [name] are quoted names */
  CARDINAL_SQL_LEX_POSTGRESQL = 1 << 1,  /* E'…' (backslash escapes), $tag$…$tag$, nested / * * / */
  CARDINAL_SQL_LEX_EITHER     = CARDINAL_SQL_LEX_SQLITE | CARDINAL_SQL_LEX_POSTGRESQL,
} CardinalSqlLexRules;

/* The rules of @dialect. */
CardinalSqlLexRules cardinal_sql_lex_rules         (CardinalDialect dialect);

/* Reads the token at *@p (after any white space) and moves *@p past it; at
 * the end of the text an END token, again and again. */
void                cardinal_sql_lexer_next        (const char          **p,
                                                    CardinalSqlLexRules   rules,
                                                    CardinalSqlToken     *token);

/* Past white space and comments from @p. *@open (may be NULL) tells whether
 * a comment runs to the end of the text: a "--" comment with no newline
 * after it, or a block comment never closed. */
const char         *cardinal_sql_lexer_skip_blank  (const char           *p,
                                                    CardinalSqlLexRules   rules,
                                                    gboolean             *open);

/* Whether a word or punctuation token is @word, ignoring ASCII case. */
gboolean            cardinal_sql_token_is          (const CardinalSqlToken *token,
                                                    const char             *word);

/* The name a word or quoted token stands for (quotes removed, doubled quotes
 * undone; bare words kept as written), appended to @out. */
void                cardinal_sql_token_append_name (GString                *out,
                                                    const CardinalSqlToken *token);
/* The same, newly allocated. */
char               *cardinal_sql_token_name        (const CardinalSqlToken *token);

G_END_DECLS
