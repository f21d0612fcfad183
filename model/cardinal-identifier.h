/* cardinal-identifier.h: what makes a name acceptable, SQL quoting, and fitting long generated names. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* PostgreSQL's NAMEDATALEN - 1: longer names are silently truncated there. */
#define CARDINAL_IDENTIFIER_MAX_BYTES 63

/* NULL when @name can be used as an identifier, otherwise why not (static string).
 * Any printable UTF-8 is fine since every identifier is quoted in SQL. */
const char *cardinal_identifier_problem      (const char *name);
/* Whether @name is a reserved word in SQLite or PostgreSQL (case-insensitive). */
gboolean    cardinal_identifier_is_reserved  (const char *name);
/* "name" with embedded double quotes doubled (newly allocated). */
char       *cardinal_identifier_quote        (const char *name);
/* Appends the quoted form of @name to @out. */
void        cardinal_identifier_append_quoted (GString *out, const char *name);
/* A generated name (index, constraint) that fits in 63 bytes: when @name is
 * longer it is cut on a UTF-8 boundary and ends in a short hash of the whole,
 * so that two long names stay distinct. Newly allocated. */
char       *cardinal_identifier_fit          (const char *name);
/* The name PostgreSQL gives an object it names itself: @table, then the
 * @columns joined by "_" (NULL or empty for none), then @label ("pkey",
 * "key", "check", "fkey"), each part shortened as PostgreSQL does so that
 * the whole fits 63 bytes (the longer of table and columns loses a byte at
 * a time). Newly allocated. */
char       *cardinal_identifier_postgresql_name (const char         *table,
                                                 const char * const *columns,
                                                 const char         *label);
/* Case-insensitive key for clash detection (newly allocated). */
char       *cardinal_identifier_fold         (const char *name);
/* GHashTable functions over names compared as cardinal_identifier_fold() does,
 * without allocating for ASCII names. */
guint       cardinal_identifier_fold_hash    (gconstpointer name);
gboolean    cardinal_identifier_fold_equal   (gconstpointer a,
                                              gconstpointer b);

G_END_DECLS
