/* cardinal-codegen.h: C model code (structs, CRUD, relationship navigation) for sqlite3 or libpq from a model. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-model.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_CODEGEN_ERROR (cardinal_codegen_error_quark ())

typedef enum
{
  CARDINAL_CODEGEN_ERROR_INVALID,  /* the model has validation errors */
  CARDINAL_CODEGEN_ERROR_WRITE,    /* a file could not be written */
} CardinalCodegenError;

GQuark cardinal_codegen_error_quark (void);

/* The backend is the client library of a dialect: sqlite3 for SQLite, libpq
 * for PostgreSQL. Accepts the dialect's name ("sqlite", "postgresql") and
 * "sqlite3", "postgres", "pg", "libpq". */
gboolean    cardinal_codegen_dialect_from_string (const char      *str,
                                                  CardinalDialect *dialect);

/* The generated files: file name → contents (both char *, owned by the
 * table). One header and one source for the whole model, plus README.md.
 * Same model and backend → same bytes. Fails with
 * CARDINAL_CODEGEN_ERROR_INVALID when the model has validation errors. */
GHashTable *cardinal_codegen_generate (const CardinalModel    *model,
                                       CardinalDialect         backend,
                                       GError                **error);
/* The file names of a cardinal_codegen_generate() result, sorted (free with g_strfreev). */
GStrv       cardinal_codegen_file_names (GHashTable *files);
/* Generates and writes the files into @directory (created when missing),
 * each replaced atomically. */
gboolean    cardinal_codegen_write    (const CardinalModel    *model,
                                       CardinalDialect         backend,
                                       GFile                  *directory,
                                       GError                **error);

/* Name mapping (cardinal-codegen-names.c) --------------------------------- */

/* A valid C identifier for @name (newly allocated): ASCII letters, digits and
 * underscores kept; accented Latin letters transliterated; anything else
 * becomes _uXXXX; a leading digit gets a "n" prefix; leading underscores are
 * dropped (reserved in C); C keywords (C11 and C23) and reserved names
 * (cardinal_codegen_is_reserved()) get a trailing "_".
 * Deterministic: the same name always maps to the same identifier. It is not
 * unique by itself: see CardinalCodegenNames. */
char       *cardinal_codegen_c_name     (const char *name);
/* "car_info" → "CarInfo" (from a C name). */
char       *cardinal_codegen_type_name  (const char *c_name);
/* A naive English plural of a C name ("post" → "posts", "address" → "addresses", "category" → "categories"). */
char       *cardinal_codegen_plural     (const char *c_name);
/* Whether @word is a C keyword (C11, or C23 such as bool and nullptr). */
gboolean    cardinal_codegen_is_c_keyword (const char *word);
/* Whether @word cannot name a member, function or type of the generated code:
 * a C keyword, or a name (mostly a macro) of the headers the generated code
 * includes (<stdio.h>, <stdlib.h>, <string.h>, <stdint.h>, <stdbool.h>,
 * <limits.h>, <errno.h>, sqlite3.h, libpq-fe.h), by list (NULL, EOF, errno,
 * InvalidOid…) or by family (SQLITE_*, sqlite3*, PG*, PQ*, CONNECTION_*,
 * E<capital> in capitals, *_MAX / *_MIN / *_C in capitals, *_t).
 * cardinal_codegen_c_name() and cardinal_codegen_type_name() append "_" to such names. */
gboolean    cardinal_codegen_is_reserved  (const char *word);

typedef struct _CardinalCodegenNames CardinalCodegenNames;

/* One namespace of C identifiers. Claims made in the same order give the
 * same answers, which keeps the generated code stable. */
CardinalCodegenNames *cardinal_codegen_names_new    (void);
void                  cardinal_codegen_names_free   (CardinalCodegenNames *names);
/* Marks @identifier as taken without claiming it for anyone. */
void                  cardinal_codegen_names_reserve (CardinalCodegenNames *names,
                                                      const char           *identifier);
/* @base if free, otherwise @base_2, @base_3…; the answer is taken from then
 * on and owned by @names. @base must already be a C identifier. */
const char           *cardinal_codegen_names_claim  (CardinalCodegenNames *names,
                                                     const char           *base);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalCodegenNames, cardinal_codegen_names_free)

G_END_DECLS
