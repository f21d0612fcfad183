/* cardinal-test-catalogue.h: canonical catalogue dumps of SQLite and PostgreSQL databases, independent of Cardinal's reflect code, and their differences in words. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <libpq-fe.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A dump is text of one line per fact, "KEY<TAB>VALUE", sorted, with
 * backslash, tab and newline in keys and values written as \\, \t and \n.
 * A key names the fact in words ("table public.film: column title: type"),
 * so that a difference can be told as "KEY VALUE, expected VALUE". */

/* Everything a schema is made of in @conn's database, read from pg_catalog
 * with the server's own deparse functions (pg_get_constraintdef,
 * pg_get_indexdef, pg_get_viewdef, …), in one read-only snapshot; objects of
 * pg_catalog, information_schema, pg_toast and of extensions are left out. */
char *cardinal_test_catalogue_dump_postgresql  (PGconn      *conn,
                                                GError     **error);

/* Everything a schema is made of in @db, from sqlite_schema, the table and
 * index pragmas and a tokenizer of the CREATE texts for what the pragmas do
 * not tell (CHECKs, constraint names, DEFERRABLE, table options). */
char *cardinal_test_catalogue_dump_sqlite      (sqlite3     *db,
                                                GError     **error);
/* The same for a database file, opened read-only. */
char *cardinal_test_catalogue_dump_sqlite_file (const char  *path,
                                                GError     **error);

/* NULL when the two dumps are equal; otherwise at most @max_differences
 * differences, one a line, in words: "KEY ACTUAL, expected EXPECTED",
 * "KEY: missing (expected EXPECTED)" or "KEY: unexpected ACTUAL", and a last
 * line counting the rest. */
char *cardinal_test_catalogue_diff             (const char  *expected,
                                                const char  *actual,
                                                guint        max_differences);

G_END_DECLS
