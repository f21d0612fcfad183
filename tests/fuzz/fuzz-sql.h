/* fuzz-sql.h: the body both .sql fuzz targets share: reflect → infer → engineer → DDL in both dialects. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-infer.h"
#include "cardinal-reflect.h"
#include "cardinal-validate.h"

/* What `cardinal-cli import` does with a .sql file of @dialect, then what a
 * user does next with the model. The reader takes a NUL-terminated string,
 * so the bytes are copied (an embedded NUL ends the text, as when the file
 * is read). A refusal must name the file. */
static inline int
fuzz_sql_run (const uint8_t      *data,
              size_t              size,
              CardinalDialect     dialect)
{
  g_autofree char *sql = g_strndup ((const char *) data, size);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;

  schema = cardinal_reflect_sql (sql, "fuzz.sql", dialect, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  if (schema == NULL)
    {
      if (error == NULL || strstr (error->message, "fuzz.sql") == NULL)
        abort ();
      return 0;
    }

  model = cardinal_infer (schema, "fuzz", &notes);
  if (model == NULL)
    abort ();

  diagnostics = cardinal_validate (model);
  /* The engineer's contract is a model without errors, as in the CLI. */
  if (!cardinal_diagnostics_have_errors (diagnostics))
    {
      g_autoptr(CardinalSchema) engineered = cardinal_engineer (model);
      g_autofree char *sqlite = cardinal_ddl_render (engineered, CARDINAL_DIALECT_SQLITE);
      g_autofree char *postgresql = cardinal_ddl_render (engineered, CARDINAL_DIALECT_POSTGRESQL);

      if (sqlite == NULL || postgresql == NULL)
        abort ();
    }
  return 0;
}
