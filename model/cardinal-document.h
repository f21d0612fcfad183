/* cardinal-document.h: reading and writing .cardinal files (JSON, formats 1 to 3, atomic save). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

#define CARDINAL_FORMAT_VERSION 3

/* Errors are in CARDINAL_MODEL_ERROR (or G_IO_ERROR when the file can't be
 * read) and their messages name @file and where: line:column for JSON syntax,
 * a JSON path such as $.entities[2].attributes[0].type for a bad value. */
CardinalModel *cardinal_document_load_file   (GFile                *file,
                                              GError              **error);
CardinalModel *cardinal_document_load_data   (const char           *data,
                                              gssize                length,
                                              const char           *display_name,
                                              GError              **error);
/* A document fragment (the clipboard): a document read by the same strict
 * loader, whose relationships must join entities of the fragment itself. */
CardinalModel *cardinal_document_load_fragment (const char         *data,
                                                gssize              length,
                                                const char         *display_name,
                                                GError            **error);
/* Pretty-printed, stable key order, defaults left out, trailing newline. */
char          *cardinal_document_to_data     (const CardinalModel  *model,
                                              gsize                *length);
/* Atomic: a temporary file, fsync, rename. */
gboolean       cardinal_document_save_file   (const CardinalModel  *model,
                                              GFile                *file,
                                              GError              **error);

G_END_DECLS
