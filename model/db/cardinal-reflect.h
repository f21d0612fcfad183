/* cardinal-reflect.h: reading an existing database's schema (SQLite file, live PostgreSQL, .sql file) into a physical model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

#include "cardinal-physical.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_REFLECT_ERROR (cardinal_reflect_error_quark ())

typedef enum
{
  CARDINAL_REFLECT_ERROR_OPEN,        /* the file can't be read, or is not a database */
  CARDINAL_REFLECT_ERROR_CONNECT,     /* the server can't be reached */
  CARDINAL_REFLECT_ERROR_AUTH,        /* the server refused the credentials */
  CARDINAL_REFLECT_ERROR_PERMISSION,  /* the role may not read some tables */
  CARDINAL_REFLECT_ERROR_SYNTAX,      /* a .sql file that does not parse: FILE:LINE: what was expected */
  CARDINAL_REFLECT_ERROR_EMPTY,       /* no tables at all */
  CARDINAL_REFLECT_ERROR_UNSUPPORTED, /* something the physical model can't hold */
  CARDINAL_REFLECT_ERROR_CANCELLED,
} CardinalReflectError;

GQuark cardinal_reflect_error_quark (void);

/* For a program's start, before its first SQLite connection: turns off
 * SQLite's memory statistics, which Cardinal never reads (SQLite recommends
 * SQLITE_DEFAULT_MEMSTATUS=0; Debian's build keeps them on, and they cost a
 * tenth of reflecting a large SQLite schema). Later calls do nothing. */
void   cardinal_reflect_configure_sqlite (void);

/* What a reflected schema holds: one CardinalTable per table, in name order;
 * table->entity is the table name and ->relationship NULL (inference decides);
 * column types spelled in the catalogue where the database type maps to one
 * (PostgreSQL "character varying(255)" → "varchar(255)", "jsonb" → "json",
 * SQLite "INTEGER" → "integer"), anything else verbatim; autoincrement for
 * SQLite AUTOINCREMENT / PostgreSQL identity and serial; defaults as SQL
 * text; comments; CHECK expressions in table->checks; UNIQUE constraints in
 * ->uniques and other indexes in ->indexes; FKs with their ON DELETE action.
 *
 * Details that readers of the result may rely on:
 * - primary key columns are NOT NULL in PostgreSQL; in SQLite they are
 *   nullable unless declared NOT NULL, as SQLite itself keeps them;
 * - numeric(P,0) is read as numeric(P) (PostgreSQL prints one as the other);
 * - an autoincrement column has no default_value (the identity, serial
 *   nextval() or rowid is its default);
 * - a default that is a string literal cast to the column's own type
 *   ('x'::character varying) is read as the literal ('x'), a number written
 *   as a string on a numeric column as the number;
 * - CHECK expressions without the outer parentheses PostgreSQL prints;
 * - a foreign key always names its referenced columns (REFERENCES t alone
 *   means t's primary key), and in SQLite its name comes from the stored
 *   CREATE TABLE text ("" when it has none);
 * - SQLite comments are the "-- " comments inside the stored CREATE TABLE
 *   text, where Cardinal's DDL writes them: the table's right after the
 *   opening parenthesis, a column's after its definition (and comma);
 * - a column with no declared type (SQLite) is "any";
 * - SET DEFAULT actions, expression and partial indexes, generated columns
 *   and inheritance have no place in the model: they are left out, with a
 *   note (see cardinal_reflect_source_full()).
 *
 * SQLite (a file, or SQLite .sql text executed in memory) is read into the
 * format 2 fields, losing nothing the model can hold (this overrides the
 * list above where they differ):
 * - schema->dialect is SQLite; columns in declared order; column->type the
 *   catalogue type and column->sql_type the declared text exactly (as
 *   written in CREATE TABLE, "INT", "integer") whenever the catalogue's
 *   SQLite spelling differs from it; a column with no declared type is
 *   "any" with sql_type "" (so that DDL declares none again);
 * - COLLATE, generated columns (expression as written, STORED or VIRTUAL),
 *   defaults exactly as written (DEFAULT (1+2) is "(1+2)");
 * - the primary key in key order with its constraint name, UNIQUE and
 *   CHECK constraints with theirs; foreign keys with name, ON DELETE, ON
 *   UPDATE, MATCH FULL, DEFERRABLE and INITIALLY DEFERRED;
 * - indexes with DESC, COLLATE, expression keys and WHERE; WITHOUT ROWID,
 *   STRICT;
 * - views and triggers as SQL objects (their stored text; depends_on: a
 *   trigger's table, the tables and views a view reads), virtual tables as
 *   SQL objects of kind "statement" (their shadow tables left out), in the
 *   order the database made them, after a "PRAGMA user_version = N" and
 *   "PRAGMA application_id = N" statement when those are not 0;
 * - what is still not kept (ON CONFLICT clauses, PRIMARY KEY DESC, COLLATE
 *   and DESC in PRIMARY KEY and UNIQUE column lists, MATCH PARTIAL, a
 *   UNIQUE SQLite makes no index for) is a note.
 * A WAL database with no -wal file beside it is read without creating one
 * (nor -shm). cardinal_reflect_sqlite() leaves @db with no authorizer. */

CardinalSchema *cardinal_reflect_sqlite          (sqlite3       *db,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
CardinalSchema *cardinal_reflect_sqlite_file     (const char    *path,
                                                  GCancellable  *cancellable,
                                                  GError       **error);
/* @conninfo: a postgresql:// URI or a libpq conninfo string. @schemas: NULL
 * for every non-system schema. @password: NULL to use libpq's own sources
 * (PGPASSWORD, ~/.pgpass); never stored anywhere. */
CardinalSchema *cardinal_reflect_postgresql      (const char          *conninfo,
                                                  const char * const  *schemas,
                                                  const char          *password,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* How the dialect of a .sql text is chosen: by default the @dialect
 * argument; with CARDINAL_REFLECT_DETECT_DIALECT it is told from the text
 * (cardinal_reflect_sql_detect_dialect(), and a note says which), @dialect
 * unused. Sources that are databases have their own dialect and ignore both. */
typedef enum
{
  CARDINAL_REFLECT_FLAGS_NONE     = 0,
  CARDINAL_REFLECT_DETECT_DIALECT = 1 << 0,
} CardinalReflectFlags;

/* SQLite: executed into an in-memory database and reflected. PostgreSQL:
 * parsed with libpg_query into the format 2 physical model (dialect set;
 * schemas, extensions, enum and domain types, sequences, identity and
 * serial columns with their sequence options — pg_dump's sequence + OWNED
 * BY + nextval() form included —, sql_type, collations, generated columns,
 * defaults and CHECKs as written, named constraints, full indexes, UNLOGGED,
 * PARTITION BY) and SQL objects for everything else that is schema, each the
 * statement's own text in file order; psql meta-commands and COPY data are
 * blanked, settings, grants and data skipped, all with notes. @filename
 * names the source in error messages. */
CardinalSchema *cardinal_reflect_sql             (const char          *sql,
                                                  const char          *filename,
                                                  CardinalDialect      dialect,
                                                  CardinalReflectFlags flags,
                                                  GCancellable        *cancellable,
                                                  GError             **error);
/* What a `SOURCE` argument of `cardinal-cli import` is: a path ending in
 * .sql is a .sql file; postgresql:// or postgres:// or a conninfo string
 * (contains "=", such as "host=… dbname=…") is a live PostgreSQL database;
 * anything else an SQLite file. */
CardinalSchema *cardinal_reflect_source          (const char          *source,
                                                  CardinalDialect      dialect,
                                                  CardinalReflectFlags flags,
                                                  const char * const  *schemas,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* cardinal_reflect_source() with a PostgreSQL @password (NULL: libpq's own
 * sources; never stored) and @notes: when not NULL, on success a new
 * GPtrArray of char *, one sentence for each thing that was skipped, renamed
 * or approximated (an expression index, a table renamed "schema.table"
 * because its bare name is taken in another schema, a SET statement…). */
CardinalSchema *cardinal_reflect_source_full     (const char          *source,
                                                  CardinalDialect      dialect,
                                                  CardinalReflectFlags flags,
                                                  const char * const  *schemas,
                                                  const char          *password,
                                                  GPtrArray          **notes,
                                                  GCancellable        *cancellable,
                                                  GError             **error);

/* How a .sql text is told apart without --dialect: a "-- Dialect: SQLite" or
 * "-- Dialect: PostgreSQL" line (Cardinal's own DDL header) decides; else
 * words only one dialect has outside strings and comments (AUTOINCREMENT,
 * WITHOUT ROWID, PRAGMA → SQLite; COMMENT ON, CREATE TYPE, SERIAL, "::",
 * GENERATED … AS IDENTITY, a psql meta-command line such as \connect →
 * PostgreSQL); else PostgreSQL when the real
 * parser accepts the text, SQLite otherwise. */
CardinalDialect cardinal_reflect_sql_detect_dialect (const char *sql);

/* Table names: PostgreSQL tables keep their bare name when no other chosen
 * schema has a table of that name; otherwise every table of that name is
 * called "schema.table" (a note says so). Names never clash silently. */

G_END_DECLS
