/* cardinal-arrange.h: Arrange: the auto layout of a history's model on a worker thread, applied as one undoable step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_ARRANGE_ERROR (cardinal_arrange_error_quark ())

typedef enum
{
  CARDINAL_ARRANGE_ERROR_STALE,  /* the model changed while the layout ran: nothing was moved */
} CardinalArrangeError;

GQuark   cardinal_arrange_error_quark (void);

/* Lays out a copy of @history's model (the logical view) on a worker
 * thread, packed to @aspect (width / height), the window's shape. @sizes:
 * entity name → CardinalDiagramSize, the boxes as the canvas draws them (may
 * be NULL); referenced. */
void     cardinal_arrange_async_for_aspect (CardinalHistory      *history,
                                            GHashTable           *sizes,
                                            double                aspect,
                                            GCancellable         *cancellable,
                                            GAsyncReadyCallback   callback,
                                            gpointer              user_data);
/* Applies the positions as one step labelled "Arrange". Fails without
 * moving anything when cancelled (G_IO_ERROR_CANCELLED), when the model
 * changed in the meantime (CARDINAL_ARRANGE_ERROR_STALE) or with Graphviz's
 * error (CARDINAL_DIAGRAM_ERROR). */
gboolean cardinal_arrange_finish      (GAsyncResult         *result,
                                       GError              **error);

/* Sets the x and y of @model's entities from @positions (entity name →
 * CardinalDiagramPosition); entities not in it keep theirs. */
void     cardinal_arrange_apply_positions (CardinalModel    *model,
                                           GHashTable       *positions);

G_END_DECLS
