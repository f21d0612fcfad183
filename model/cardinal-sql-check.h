/* cardinal-sql-check.h: deciding with the real parsers (libpg_query, SQLite) whether document text is exactly one SQL fragment of a kind. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_SQL_CHECK_ERROR (cardinal_sql_check_error_quark ())

typedef enum
{
  CARDINAL_SQL_CHECK_ERROR_REFUSED,   /* the text is not exactly one fragment of the kind asked */
} CardinalSqlCheckError;

GQuark cardinal_sql_check_error_quark (void);

/* Holds the private in-memory SQLite connection the SQLite checks prepare
 * against (and the scratch tables made in it), so that one validation run
 * opens one connection. Not thread-safe: one checker per thread. */
typedef struct _CardinalSqlCheck CardinalSqlCheck;

CardinalSqlCheck *cardinal_sql_check_new        (void);
void              cardinal_sql_check_free       (CardinalSqlCheck *check);

/* Creates table @name with @columns (untyped; repeated names up to case
 * skipped) in the scratch SQLite database, so that SQLite expressions can
 * name its columns and SQLite views and triggers can name it. Returns the
 * name the table has there (owned by @check): @name, or a stand-in when
 * SQLite refuses @name (a "sqlite_" name, a name already taken), which
 * still serves expressions. */
const char       *cardinal_sql_check_add_table  (CardinalSqlCheck   *check,
                                                 const char         *name,
                                                 const char * const *columns);

/* Whether @text is exactly one scalar expression in @dialect (a default, a
 * CHECK, a generated or index expression, an index predicate). For SQLite,
 * @table (added with cardinal_sql_check_add_table, or NULL) is the table
 * whose columns the expression may name; PostgreSQL's parser does not need it.
 * Unknown functions are not an error: they are the engine's business. */
gboolean          cardinal_sql_check_expression (CardinalSqlCheck   *check,
                                                 CardinalDialect     dialect,
                                                 const char         *text,
                                                 const char         *table,
                                                 GError            **error);

/* Whether @text is exactly one type name in @dialect. */
gboolean          cardinal_sql_check_type       (CardinalSqlCheck   *check,
                                                 CardinalDialect     dialect,
                                                 const char         *text,
                                                 GError            **error);

/* Whether @text is exactly one statement of the SQL object kind @kind
 * ("view", "trigger", …, "statement"; DESIGN.md §3.5) in @dialect. SQLite
 * has views and triggers only, prepared against the tables added so far. */
gboolean          cardinal_sql_check_statement  (CardinalSqlCheck   *check,
                                                 CardinalDialect     dialect,
                                                 const char         *kind,
                                                 const char         *text,
                                                 GError            **error);

/* Whether @text is what PostgreSQL takes after PARTITION BY: a strategy and
 * its key ("RANGE (logdate)"), and nothing more. */
gboolean          cardinal_sql_check_partition_by (CardinalSqlCheck *check,
                                                   const char       *text,
                                                   GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalSqlCheck, cardinal_sql_check_free)

G_END_DECLS
