/* cardinal-test-support.h: helpers shared by the test executables (examples, temp dirs, text assertions). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "cardinal-model.h"
#include "cardinal-document.h"

G_BEGIN_DECLS

/* Names of the example models in data/examples, without ".cardinal", sorted. */
GStrv          cardinal_test_example_names (void);
/* Path of an example file, or of a test-only model in tests/data (newly allocated). */
char          *cardinal_test_example_path  (const char *name);
/* Loads an example or fails the test. */
CardinalModel *cardinal_test_load_example  (const char *name);
/* Loads a model from JSON text or fails the test. */
CardinalModel *cardinal_test_model_from_json (const char *json);

/* The whole of the file at @path (newly allocated), or the test fails. */
char          *cardinal_test_read_file     (const char *path);
/* The model of the document file at @path, or the test fails. */
CardinalModel *cardinal_test_load_file     (const char *path);
/* Whether one of @notes (strings; NULL is none) contains @part. */
gboolean       cardinal_test_notes_have    (GPtrArray  *notes,
                                            const char *part);

/* Removes @path and, when it is a directory, all below it; a symbolic link
 * is removed, never followed. */
void           cardinal_test_remove_tree   (const char *path);

/* Steps @stmt to its end, appending each row to @out as its values, each
 * followed by "|" (NULL as "NULL"), and a newline. */
void           cardinal_test_sqlite_append_rows (GString      *out,
                                                 sqlite3_stmt *stmt);

/* Fails the test unless the newly allocated text @actual (freed here) is
 * @expected. A macro, so that a failure names the caller's line. */
#define cardinal_test_assert_text(actual, expected) \
  G_STMT_START \
    { \
      g_autofree char *cardinal_test_text_ = (actual); \
\
      g_assert_cmpstr (cardinal_test_text_, ==, (expected)); \
    } \
  G_STMT_END

G_END_DECLS
