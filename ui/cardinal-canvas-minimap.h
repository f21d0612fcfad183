/* cardinal-canvas-minimap.h: a small overview of a canvas: every box, the visible part framed; a click or drag pans. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-canvas.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CANVAS_MINIMAP (cardinal_canvas_minimap_get_type ())

G_DECLARE_FINAL_TYPE (CardinalCanvasMinimap, cardinal_canvas_minimap, CARDINAL, CANVAS_MINIMAP, GtkWidget)

GtkWidget      *cardinal_canvas_minimap_new        (CardinalCanvas        *canvas);
CardinalCanvas *cardinal_canvas_minimap_get_canvas (CardinalCanvasMinimap *self);
/* Where the model point (x, y) is drawn in the minimap, and back; FALSE
 * while the minimap has no size or the canvas no boxes. */
gboolean        cardinal_canvas_minimap_model_to_widget (CardinalCanvasMinimap *self,
                                                         double                 x,
                                                         double                 y,
                                                         double                *wx,
                                                         double                *wy);
gboolean        cardinal_canvas_minimap_widget_to_model (CardinalCanvasMinimap *self,
                                                         double                 wx,
                                                         double                 wy,
                                                         double                *x,
                                                         double                *y);
/* How many times the cached picture of the boxes was drawn (tests: panning must not redraw it). */
guint           cardinal_canvas_minimap_get_cache_builds (CardinalCanvasMinimap *self);

G_END_DECLS
