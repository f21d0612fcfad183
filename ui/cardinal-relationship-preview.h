/* cardinal-relationship-preview.h: what the engineer would make of one candidate relationship, and what the validator says about it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

typedef struct
{
  char      *markup;       /* the tables the relationship touches, Pango markup for a monospace label */
  char      *text;         /* the same, plain */
  GPtrArray *diagnostics;  /* of CardinalDiagnostic: the ones the candidate adds */
  gboolean   has_errors;   /* whether any of those is an error */
} CardinalRelationshipPreview;

/* Engineers @model with @candidate added (replacing the relationship named
 * @replaces, if not NULL). Only the entities and relationships around the
 * candidate take part, so this stays quick on a model of thousands of entities. */
CardinalRelationshipPreview *cardinal_relationship_preview_new  (const CardinalModel        *model,
                                                                 const CardinalRelationship *candidate,
                                                                 const char                 *replaces);
void                         cardinal_relationship_preview_free (CardinalRelationshipPreview *preview);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (CardinalRelationshipPreview, cardinal_relationship_preview_free)

G_END_DECLS
