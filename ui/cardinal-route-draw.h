/* cardinal-route-draw.h: drawing routes (render/cardinal-route.h) and their crow's-foot ends with cairo and GTK snapshots. */
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

/* The names the canvas used before routes moved to render/; they go once
 * every caller uses the new ones. */
typedef CardinalRoute    CardinalCanvasRoute;
typedef CardinalRouteEnd CardinalCanvasEnd;
#define CARDINAL_CANVAS_ROUTE_MARGIN           CARDINAL_ROUTE_MARGIN
#define cardinal_canvas_relationship_ends      cardinal_route_relationship_ends
#define cardinal_canvas_route_get_bounds       cardinal_route_get_bounds
#define cardinal_canvas_route_distance         cardinal_route_distance
#define cardinal_canvas_route_get_midpoint     cardinal_route_get_midpoint
#define cardinal_canvas_route_append_line      cardinal_route_append_line
#define cardinal_canvas_route_append_ends      cardinal_route_append_ends
#define cardinal_canvas_route_append_circles   cardinal_route_append_circles
#define cardinal_canvas_route_append_segments  cardinal_route_append_segments
#define cardinal_canvas_end_draw               cardinal_route_end_draw
#define cardinal_canvas_end_get_bounds         cardinal_route_end_get_bounds
/* @index of @count lines between the same two boxes (alone: only they are spread). */
void     cardinal_canvas_route_compute         (const graphene_rect_t     *box1,
                                                const graphene_rect_t     *box2,
                                                guint                      index,
                                                guint                      count,
                                                CardinalRoute             *route);

G_END_DECLS
