/* fuzz-codegen.c: the C code generator under a fuzzer: any document to the files of both backends, in memory. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cardinal-codegen.h"
#include "cardinal-document.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
generate (const CardinalModel    *model,
          CardinalDialect         backend)
{
  g_autoptr(GHashTable) files = NULL;
  g_autoptr(GError) error = NULL;
  GHashTableIter iter;
  gpointer name, contents;

  files = cardinal_codegen_generate (model, backend, &error);
  if ((files == NULL) == (error == NULL))
    abort ();
  if (files == NULL)
    return;
  /* File names end up on disk, contents in a compiler: both must be sane. */
  g_hash_table_iter_init (&iter, files);
  while (g_hash_table_iter_next (&iter, &name, &contents))
    if (name == NULL || contents == NULL || strchr (name, '/') != NULL
        || ((const char *) name)[0] == '.' || !g_utf8_validate (contents, -1, NULL))
      abort ();
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = cardinal_document_load_data ((const char *) data, (gssize) size, "fuzz.cardinal", &error);
  if (model == NULL)
    return 0;
  /* Models with validation errors are refused by the generator itself. */
  generate (model, CARDINAL_DIALECT_SQLITE);
  generate (model, CARDINAL_DIALECT_POSTGRESQL);
  return 0;
}
