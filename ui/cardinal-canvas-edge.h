/* cardinal-canvas-edge.h: routing relationship lines between boxes and drawing their crow's-foot ends with cairo. */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

/* What one end of a line says about the entity it touches: how many of that
 * entity one instance of the other side is related to. */
typedef struct
{
  guint8   min;   /* 0 or 1: a circle or a bar */
  gboolean many;  /* max: a crow's foot, else a bar */
} CardinalCanvasEnd;

/* The ends of a logical relationship; @end1 is drawn where the line meets entity1. */
void cardinal_canvas_relationship_ends (const CardinalRelationship *relationship,
                                        CardinalCanvasEnd          *end1,
                                        CardinalCanvasEnd          *end2);

#define CARDINAL_CANVAS_ROUTE_MAX_POINTS 6

/* An orthogonal polyline in model coordinates; the first and last segments
 * leave their boxes at a right angle so the ends read clearly. */
typedef struct
{
  graphene_point_t points[CARDINAL_CANVAS_ROUTE_MAX_POINTS];
  guint            n_points;
  /* Unit vectors pointing from each box out along the line. */
  graphene_point_t dir1;
  graphene_point_t dir2;
} CardinalCanvasRoute;

/* @index of @count lines between the same two boxes, so parallel lines are spread apart. */
void   cardinal_canvas_route_compute       (const graphene_rect_t     *box1,
                                            const graphene_rect_t     *box2,
                                            guint                      index,
                                            guint                      count,
                                            CardinalCanvasRoute       *route);
/* How far a route can stray outside the union of its two boxes. */
#define CARDINAL_CANVAS_ROUTE_MARGIN 90.0
void   cardinal_canvas_route_get_bounds    (const CardinalCanvasRoute *route,
                                            graphene_rect_t           *bounds);
double cardinal_canvas_route_distance      (const CardinalCanvasRoute *route,
                                            double                     x,
                                            double                     y);
/* Half-way along the line. */
void   cardinal_canvas_route_get_midpoint  (const CardinalCanvasRoute *route,
                                            graphene_point_t          *point);

/* Path building in widget coordinates: a model point p is drawn at
 * p * zoom - (offset_x, offset_y). Callers stroke or fill. The line alone is
 * axis-aligned, which cairo strokes on a fast path; the ends are not. */
void     cardinal_canvas_route_append_line    (const CardinalCanvasRoute *route,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);
/* Bars and crow's feet (to be stroked). */
void     cardinal_canvas_route_append_ends    (const CardinalCanvasRoute *route,
                                               const CardinalCanvasEnd   *end1,
                                               const CardinalCanvasEnd   *end2,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);
/* The circles of "zero" minimums (their inside is cleared, then they are
 * stroked); returns whether it added any. */
gboolean cardinal_canvas_route_append_circles (const CardinalCanvasRoute *route,
                                               const CardinalCanvasEnd   *end1,
                                               const CardinalCanvasEnd   *end2,
                                               cairo_t                   *cr,
                                               double                     zoom,
                                               double                     offset_x,
                                               double                     offset_y);

/* The same, drawn with native nodes in model coordinates: the lines as
 * colour rectangles (they are axis-aligned), with gaps where a hollow circle
 * of @end1 / @end2 (NULL: none) sits. */
void     cardinal_canvas_route_append_segments (const CardinalCanvasRoute *route,
                                                const CardinalCanvasEnd   *end1,
                                                const CardinalCanvasEnd   *end2,
                                                GtkSnapshot               *snapshot,
                                                double                     line_width,
                                                const GdkRGBA             *color);
/* One end's symbols in a frame whose origin is the end point; @dir is the
 * unit axis pointing out along the line. Model units. */
void     cardinal_canvas_end_draw              (cairo_t                   *cr,
                                                const CardinalCanvasEnd   *end,
                                                const graphene_point_t    *dir,
                                                double                     line_width,
                                                const GdkRGBA             *color);
/* What cardinal_canvas_end_draw () can touch, in the same frame. */
void     cardinal_canvas_end_get_bounds        (const graphene_point_t    *dir,
                                                double                     line_width,
                                                graphene_rect_t           *bounds);

G_END_DECLS
