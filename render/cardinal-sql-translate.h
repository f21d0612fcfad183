/* cardinal-sql-translate.h: carrying an SQL expression or type from one dialect to the other, or saying why it can't be. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-types.h"

G_BEGIN_DECLS

/* @expression written for @from, as @to should read it (newly allocated):
 * PostgreSQL casts (`'x'::text`), `now()`, `gen_random_uuid()`, `IS [NOT]
 * DISTINCT FROM`, `ILIKE` become their SQLite forms; SQLite's `[name]` and
 * `name` quoting, `datetime('now')` and 0/1 on a boolean column become
 * PostgreSQL's. @column_type (may be NULL) is the catalogue type of the
 * column the expression belongs to. When @to has no equivalent (`nextval`,
 * regular expressions, intervals, a function @to does not have), returns NULL
 * and sets @reason to a sentence naming what has none. The same dialect
 * gives back the text unchanged. Only the lexical level is touched; the
 * result still goes through @to's parser before it is used. */
char *cardinal_sql_translate_expression (const char       *expression,
                                         CardinalDialect   from,
                                         CardinalDialect   to,
                                         const char       *column_type,
                                         char            **reason);

G_END_DECLS
