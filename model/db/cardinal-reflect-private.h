/* cardinal-reflect-private.h: what the SQLite, PostgreSQL and .sql readers share (type mapping, notes, finishing a schema). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-reflect.h"
#include "cardinal-sql-lexer.h"

G_BEGIN_DECLS

/* The catalogue spelling of a database type ("character varying(20)" →
 * "varchar(20)", "INT8" → "bigint", "BLOB" → "bytes"); anything outside
 * the catalogue verbatim, with runs of spaces collapsed. Newly allocated. */
char           *cardinal_reflect_map_type            (const char *db_type);

/* A default as the database prints it, made plain where that changes nothing:
 * PostgreSQL's `'draft'::character varying` on a varchar column is `'draft'`
 * and `'-1'::integer` is `-1`. @db_type is the column's type as the database
 * spells it. Newly allocated; NULL for NULL. */
char           *cardinal_reflect_plain_default       (const char *expression,
                                                      const char *db_type);

/* "(expr)" → "expr" when the outer parentheses enclose the whole text, as
 * PostgreSQL prints a CHECK. Newly allocated. */
char           *cardinal_reflect_strip_parentheses   (const char *expression);

/* Appends one sentence to @notes (a GPtrArray of char *), which may be NULL. */
void            cardinal_reflect_note                (GPtrArray  *notes,
                                                      const char *format,
                                                      ...) G_GNUC_PRINTF (2, 3);

/* Puts @schema in the shape cardinal-reflect.h promises: tables in name
 * order, table->entity set, foreign keys that name no referenced columns
 * given the referenced table's primary key. */
void            cardinal_reflect_finish_schema       (CardinalSchema *schema);

/* 1-based line of the byte at @offset in @text. */
guint           cardinal_reflect_line_at             (const char *text,
                                                      gsize       offset);

gboolean        cardinal_reflect_check_cancelled     (GCancellable  *cancellable,
                                                      GError       **error);

/* PostgreSQL's MINVALUE and MAXVALUE for a sequence of @type ("smallint",
 * "integer", else bigint) that says neither: 1 and the type's maximum when
 * @increment is positive, the type's minimum and -1 when it is negative. */
void            cardinal_reflect_sequence_bounds     (const char *type,
                                                      gint64      increment,
                                                      gint64     *min,
                                                      gint64     *max);

/* The readers; @notes (may be NULL) receives what was skipped or renamed.
 * @display_name names the database in messages. */
CardinalSchema *cardinal_reflect_sqlite_internal     (sqlite3       *db,
                                                      const char    *display_name,
                                                      GPtrArray     *notes,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
CardinalSchema *cardinal_reflect_postgresql_internal (const char          *conninfo,
                                                      const char * const  *schemas,
                                                      const char          *password,
                                                      GPtrArray           *notes,
                                                      GCancellable        *cancellable,
                                                      GError             **error);
CardinalSchema *cardinal_reflect_sql_sqlite          (const char    *sql,
                                                      const char    *filename,
                                                      GPtrArray     *notes,
                                                      GCancellable  *cancellable,
                                                      GError       **error);
CardinalSchema *cardinal_reflect_sql_postgresql      (const char    *sql,
                                                      const char    *filename,
                                                      GPtrArray     *notes,
                                                      GCancellable  *cancellable,
                                                      GError       **error);

G_END_DECLS
