/* cardinal-ddl.h: SQL DDL (schemas, types, sequences, tables, indexes, SQL objects, comments) for SQLite and PostgreSQL from a physical model. */
#pragma once

#include "cardinal-physical.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

/* The whole script, newly allocated. It starts with a header comment naming
 * the model and the dialect, creates tables in foreign-key dependency order,
 * and quotes every identifier. What @dialect has no form for (PostgreSQL
 * schemas, sequences and index options on SQLite, SQL objects of the other
 * dialect, …) is left out with a "-- " comment line saying so (DESIGN.md §5).
 * Never mutates @schema. */
char *cardinal_ddl_render (const CardinalSchema *schema,
                           CardinalDialect       dialect);
/* The same, and in @notes (a new GPtrArray of char *) one sentence for each
 * thing the script leaves out: what the CLI and the window show as warnings
 * for that dialect. */
char *cardinal_ddl_render_with_notes (const CardinalSchema  *schema,
                                      CardinalDialect        dialect,
                                      GPtrArray            **notes);

G_END_DECLS
