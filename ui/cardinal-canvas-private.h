/* cardinal-canvas-private.h: canvas internals shared with its benchmark and tests, not with the rest of ui/. */
#pragma once

#include "cardinal-canvas.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CANVAS_VIEW (cardinal_canvas_view_get_type ())
GType    cardinal_canvas_view_get_type      (void) G_GNUC_CONST;

/* Where the box of entity @name is, in model coordinates (its table's box in
 * the physical view); FALSE when it is not on the canvas. */
gboolean cardinal_canvas_get_entity_bounds  (CardinalCanvas  *self,
                                             const char      *name,
                                             graphene_rect_t *bounds);
/* Where the box of relationship @relationship's link attributes is drawn
 * (logical view); FALSE when it has none. */
gboolean cardinal_canvas_get_label_bounds   (CardinalCanvas  *self,
                                             const char      *relationship,
                                             graphene_rect_t *bounds);
/* The union of every box, in model coordinates (empty at 0, 0 when there are none). */
void     cardinal_canvas_get_model_bounds   (CardinalCanvas  *self,
                                             graphene_rect_t *bounds);
/* The part of the model that the widget shows. */
void     cardinal_canvas_get_visible_rect   (CardinalCanvas  *self,
                                             graphene_rect_t *rect);
/* How many boxes and lines the last snapshot drew (after culling). */
void     cardinal_canvas_get_drawn_counts   (CardinalCanvas  *self,
                                             guint           *boxes,
                                             guint           *lines);

/* How many frames showed another zoom level's tiles in place of missing
 * ones, and how many scene tiles were drawn in all. */
void     cardinal_canvas_get_tile_counts    (CardinalCanvas  *self,
                                             guint           *stand_in_frames,
                                             guint64         *tiles_drawn);

/* Whether the scene comes from tiles (under the cairo renderer) or is drawn
 * afresh every frame; for tests and comparisons. */
void     cardinal_canvas_set_use_tiles      (CardinalCanvas  *self,
                                             gboolean         use_tiles);

/* Whether the last snapshot's scene came wholly from tiles of its own zoom
 * level (no stand-ins, not drawn afresh). */
gboolean cardinal_canvas_get_last_frame_from_tiles (CardinalCanvas *self);

G_END_DECLS
