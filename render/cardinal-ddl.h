/* cardinal-ddl.h: SQL DDL (CREATE TABLE, indexes, comments) for SQLite and PostgreSQL from a physical model. */
#pragma once

#include "cardinal-physical.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

/* The whole script, newly allocated. It starts with a header comment naming
 * the model and the dialect, creates tables in foreign-key dependency order,
 * and quotes every identifier. Never mutates @schema. */
char *cardinal_ddl_render (const CardinalSchema *schema,
                           CardinalDialect       dialect);

G_END_DECLS
