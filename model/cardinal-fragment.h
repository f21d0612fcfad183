/* cardinal-fragment.h: a piece of a model for the clipboard: taken out of a model, written as .cardinal JSON, read back strictly and pasted in with unique names. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

/* The clipboard's own type; the same text also goes out as text/plain. */
#define CARDINAL_FRAGMENT_MIME_TYPE "application/x-cardinal+json"

/* The entities named in @entity_names (NULL-terminated; names not in @model
 * are skipped) with everything they own, and the relationships whose two ends
 * are both among them, with their link options. Carries the model's dialect
 * so that the SQL text in it is read the same way. */
CardinalModel *cardinal_fragment_extract     (const CardinalModel *model,
                                              const char * const  *entity_names);
/* The fragment as a .cardinal document (cardinal_document_to_data). */
char          *cardinal_fragment_to_data     (const CardinalModel *fragment,
                                              gsize               *length);
/* Through the documents' strict loader; the error says what is wrong with
 * text that is not a fragment. */
CardinalModel *cardinal_fragment_from_data   (const char          *data,
                                              gssize               length,
                                              GError             **error);

/* A name for a new entity in @model built from @base: @base itself when it is
 * free, else "customer_2", "customer_3"… (a "customer_2" taken again goes on
 * to "customer_3", never "customer_2_2"). Names compare as identifiers do
 * (case-folded). Entity names and table names are both checked. */
char          *cardinal_fragment_unique_entity_name       (const CardinalModel *model,
                                                           const char          *base);
char          *cardinal_fragment_unique_relationship_name (const CardinalModel *model,
                                                           const char          *base);

/* A copy of @model with @fragment's entities and relationships added: names
 * (and explicit table and link-table names) made unique, the relationships
 * following their entities' new names, positions moved by (@dx, @dy) — and by
 * @step more (right and down) while a pasted box would land exactly on one
 * already there.
 * @pasted_entities and @pasted_relationships (optional) receive the new names. */
CardinalModel *cardinal_fragment_paste       (const CardinalModel *model,
                                              const CardinalModel *fragment,
                                              double               dx,
                                              double               dy,
                                              double               step,
                                              GStrv               *pasted_entities,
                                              GStrv               *pasted_relationships);

G_END_DECLS
