/* cardinal-route-draw.h: drawing routes (render/cardinal-route.h) and their crow's-foot ends with cairo and GTK snapshots. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-route.h"

G_BEGIN_DECLS

/* Path building in widget coordinates: a model point p is drawn at
 * p * zoom - (offset_x, offset_y). Callers stroke or fill. The line alone is
 * axis-aligned, which cairo strokes on a fast path; the ends are not. */
void     cardinal_route_append_line    (const CardinalRoute *route,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);
/* Bars and crow's feet (to be stroked). */
void     cardinal_route_append_ends    (const CardinalRoute *route,
                                               const CardinalRouteEnd   *end1,
                                               const CardinalRouteEnd   *end2,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);
/* The circles of "zero" minimums (their inside is cleared, then they are
 * stroked); returns whether it added any. */
gboolean cardinal_route_append_circles (const CardinalRoute *route,
                                               const CardinalRouteEnd   *end1,
                                               const CardinalRouteEnd   *end2,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);

/* The same, drawn with native nodes in model coordinates: the lines as
 * colour rectangles (they are axis-aligned), with gaps where a hollow circle
 * of @end1 / @end2 (NULL: none) sits. */
void     cardinal_route_append_segments (const CardinalRoute *route,
                                                const CardinalRouteEnd   *end1,
                                                const CardinalRouteEnd   *end2,
                                                GtkSnapshot               *snapshot,
                                                double                     line_width,
                                                const GdkRGBA             *color);
/* One end's symbols in a frame whose origin is the end point; @dir is the
 * unit axis pointing out along the line. Model units. */
void     cardinal_route_end_draw              (cairo_t                   *cr,
                                                const CardinalRouteEnd   *end,
                                                const graphene_point_t    *dir,
                                                double                     line_width,
                                                const GdkRGBA             *color);
/* What cardinal_route_end_draw () can touch, in the same frame. */
void     cardinal_route_end_get_bounds        (const graphene_point_t    *dir,
                                                double                     line_width,
                                                graphene_rect_t           *bounds);

G_END_DECLS
