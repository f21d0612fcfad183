/* cardinal-ddl.h: SQL DDL (schemas, types, sequences, tables, indexes, SQL objects, comments) for SQLite and PostgreSQL from a physical model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
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

/* One table's DDL in pieces, for a migration (render/cardinal-migration-plan.c)
 * that creates or alters tables one at a time; each piece is spelled exactly
 * as in cardinal_ddl_render (), so that a migrated database and a fresh one
 * have the same catalogue. */
typedef struct
{
  char      *create_table;  /* CREATE TABLE …; (and PostgreSQL's COMMENT ONs); FKs only when asked for, never for PostgreSQL */
  GPtrArray *columns;       /* of char *, per column: its definition ("\"name\" text NOT NULL DEFAULT …") */
  char      *primary_key;   /* "CONSTRAINT … PRIMARY KEY (…)", or NULL */
  GPtrArray *uniques;       /* of char *, per table->uniques: "CONSTRAINT … UNIQUE (…)" */
  GPtrArray *checks;        /* of char *, per table->checks: "CHECK (…)", or "" when left out */
  GPtrArray *foreign_keys;  /* of char *, per table->foreign_keys: "CONSTRAINT … FOREIGN KEY …" */
  GPtrArray *indexes;       /* of char *, per table->indexes: "CREATE INDEX …;\n", or "" when left out */
} CardinalDdlTable;

CardinalDdlTable *cardinal_ddl_render_table       (const CardinalSchema *schema,
                                                   const CardinalTable  *table,
                                                   CardinalDialect       dialect,
                                                   gboolean              with_foreign_keys);
void              cardinal_ddl_table_free         (CardinalDdlTable *pieces);
/* CREATE TYPE … AS ENUM (…); for one enum of @schema (PostgreSQL only; NULL otherwise). */
char             *cardinal_ddl_render_enum        (const CardinalSchema   *schema,
                                                   const CardinalUserType *type);
/* @name as a (schema-qualified where @schema_name is set) quoted table name. */
char             *cardinal_ddl_table_name         (const CardinalTable *table,
                                                   CardinalDialect      dialect);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalDdlTable, cardinal_ddl_table_free)

G_END_DECLS
