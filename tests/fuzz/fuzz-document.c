/* fuzz-document.c: the document loader under a fuzzer: load → validate → engineer → DDL → save → reload is the same. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cardinal-ddl.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-validate.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* Every stage a user's file goes through; any crash, sanitizer report or
 * abort below is a finding. */
int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(CardinalModel) reloaded = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *saved = NULL;
  g_autofree char *saved_again = NULL;
  gsize saved_length;

  model = cardinal_document_load_data ((const char *) data, (gssize) size, "fuzz.cardinal", &error);
  if (model == NULL)
    {
      /* A refusal must say something, and name the document. */
      if (error == NULL || strstr (error->message, "fuzz.cardinal") == NULL)
        abort ();
      return 0;
    }

  diagnostics = cardinal_validate (model);
  /* The engineer's contract is a model without errors, as in the CLI. */
  if (!cardinal_diagnostics_have_errors (diagnostics))
    {
      g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
      g_autofree char *sqlite = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
      g_autofree char *postgresql = cardinal_ddl_render (schema, CARDINAL_DIALECT_POSTGRESQL);

      if (sqlite == NULL || postgresql == NULL)
        abort ();
    }

  /* What is saved loads again, and saves to the same bytes. */
  saved = cardinal_document_to_data (model, &saved_length);
  if (!g_utf8_validate_len (saved, saved_length, NULL))
    abort ();
  reloaded = cardinal_document_load_data (saved, (gssize) saved_length, "saved.cardinal", &error);
  if (reloaded == NULL)
    {
      fprintf (stderr, "a saved document does not load: %s\n%s\n", error->message, saved);
      abort ();
    }
  saved_again = cardinal_document_to_data (reloaded, NULL);
  if (strcmp (saved, saved_again) != 0)
    {
      fprintf (stderr, "saving twice differs:\n%s\n---\n%s\n", saved, saved_again);
      abort ();
    }
  return 0;
}
