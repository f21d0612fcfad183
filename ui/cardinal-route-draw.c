/* cardinal-route-draw.c: drawing routes and their crow's-foot ends (information engineering notation) with cairo and GTK snapshots. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-route-draw.h"

#include <math.h>

/* Model units. */
#define FOOT_LENGTH      12.0
#define FOOT_HALF         7.0
#define BAR_HALF          7.0
#define MAX_BAR_AT        7.0
#define MIN_BAR_ONE_AT   13.0   /* "exactly one": two bars */
#define MIN_BAR_MANY_AT  18.0   /* "one or many": a bar beyond the foot */
#define CIRCLE_RADIUS     4.0
#define CIRCLE_ONE_AT    17.0
#define CIRCLE_MANY_AT   21.0

void
cardinal_route_append_line (const CardinalRoute *route,
                                   cairo_t                   *cr,
                                   double                     zoom,
                                   double                     offset_x,
                                   double                     offset_y)
{
  g_return_if_fail (route != NULL && cr != NULL);

  for (guint i = 0; i < route->n_points; i++)
    {
      double x = route->points[i].x * zoom - offset_x;
      double y = route->points[i].y * zoom - offset_y;

      if (i == 0)
        cairo_move_to (cr, x, y);
      else
        cairo_line_to (cr, x, y);
    }
}

/* The symbols are drawn in a frame whose origin is the end point and whose
 * x axis points out along the line, scaled by the zoom. */
typedef struct
{
  double x, y;    /* the end point, widget coordinates */
  double dx, dy;  /* outwards along the line, scaled */
  double nx, ny;  /* across the line, scaled */
} EndFrame;

static void
end_frame (const graphene_point_t *point,
           const graphene_point_t *dir,
           double                  zoom,
           double                  offset_x,
           double                  offset_y,
           EndFrame               *frame)
{
  frame->x = point->x * zoom - offset_x;
  frame->y = point->y * zoom - offset_y;
  frame->dx = dir->x * zoom;
  frame->dy = dir->y * zoom;
  frame->nx = -dir->y * zoom;
  frame->ny = dir->x * zoom;
}

static void
frame_line (cairo_t        *cr,
            const EndFrame *f,
            double          along1,
            double          across1,
            double          along2,
            double          across2)
{
  cairo_move_to (cr, f->x + f->dx * along1 + f->nx * across1, f->y + f->dy * along1 + f->ny * across1);
  cairo_line_to (cr, f->x + f->dx * along2 + f->nx * across2, f->y + f->dy * along2 + f->ny * across2);
}

static void
append_end (cairo_t                 *cr,
            const graphene_point_t  *point,
            const graphene_point_t  *dir,
            const CardinalRouteEnd *end,
            double                   zoom,
            double                   offset_x,
            double                   offset_y)
{
  EndFrame f;

  end_frame (point, dir, zoom, offset_x, offset_y, &f);
  if (end->many)
    {
      frame_line (cr, &f, 0, FOOT_HALF, FOOT_LENGTH, 0);
      frame_line (cr, &f, 0, -FOOT_HALF, FOOT_LENGTH, 0);
    }
  else
    frame_line (cr, &f, MAX_BAR_AT, -BAR_HALF, MAX_BAR_AT, BAR_HALF);

  if (end->min == 1)
    {
      double at = end->many ? MIN_BAR_MANY_AT : MIN_BAR_ONE_AT;

      frame_line (cr, &f, at, -BAR_HALF, at, BAR_HALF);
    }
}

void
cardinal_route_append_ends (const CardinalRoute *route,
                                   const CardinalRouteEnd   *end1,
                                   const CardinalRouteEnd   *end2,
                                   cairo_t                   *cr,
                                   double                     zoom,
                                   double                     offset_x,
                                   double                     offset_y)
{
  g_return_if_fail (route != NULL && route->n_points >= 2);

  append_end (cr, &route->points[0], &route->dir1, end1, zoom, offset_x, offset_y);
  append_end (cr, &route->points[route->n_points - 1], &route->dir2, end2, zoom, offset_x, offset_y);
}

static gboolean
append_circle (cairo_t                 *cr,
               const graphene_point_t  *point,
               const graphene_point_t  *dir,
               const CardinalRouteEnd *end,
               double                   zoom,
               double                   offset_x,
               double                   offset_y)
{
  EndFrame f;
  double at;

  if (end->min != 0)
    return FALSE;

  end_frame (point, dir, zoom, offset_x, offset_y, &f);
  at = end->many ? CIRCLE_MANY_AT : CIRCLE_ONE_AT;
  cairo_new_sub_path (cr);
  cairo_arc (cr, f.x + f.dx * at, f.y + f.dy * at, CIRCLE_RADIUS * zoom, 0, 2 * G_PI);
  cairo_close_path (cr);
  return TRUE;
}

gboolean
cardinal_route_append_circles (const CardinalRoute *route,
                                      const CardinalRouteEnd   *end1,
                                      const CardinalRouteEnd   *end2,
                                      cairo_t                   *cr,
                                      double                     zoom,
                                      double                     offset_x,
                                      double                     offset_y)
{
  gboolean any;

  g_return_val_if_fail (route != NULL && route->n_points >= 2, FALSE);

  any = append_circle (cr, &route->points[0], &route->dir1, end1, zoom, offset_x, offset_y);
  any |= append_circle (cr, &route->points[route->n_points - 1], &route->dir2, end2, zoom, offset_x, offset_y);
  return any;
}

void
cardinal_route_end_draw (cairo_t                 *cr,
                          const CardinalRouteEnd *end,
                          const graphene_point_t  *dir,
                          double                   line_width,
                          const GdkRGBA           *color)
{
  graphene_point_t origin = GRAPHENE_POINT_INIT (0, 0);

  g_return_if_fail (cr != NULL && end != NULL && dir != NULL && color != NULL);

  gdk_cairo_set_source_rgba (cr, color);
  cairo_set_line_width (cr, line_width);
  append_end (cr, &origin, dir, end, 1, 0, 0);
  cairo_stroke (cr);
  /* The line stops short of the circle, so its inside stays empty. */
  if (append_circle (cr, &origin, dir, end, 1, 0, 0))
    cairo_stroke (cr);
}

void
cardinal_route_end_get_bounds (const graphene_point_t *dir,
                                double                  line_width,
                                graphene_rect_t        *bounds)
{
  double reach = CIRCLE_MANY_AT + CIRCLE_RADIUS + line_width;
  double half = MAX (FOOT_HALF, BAR_HALF) + line_width;

  g_return_if_fail (dir != NULL && bounds != NULL);

  if (dir->x != 0)
    graphene_rect_init (bounds, dir->x > 0 ? -line_width : -reach, -half, reach + line_width, 2 * half);
  else
    graphene_rect_init (bounds, -half, dir->y > 0 ? -line_width : -reach, 2 * half, reach + line_width);
}

static double
circle_at (const CardinalRouteEnd *end)
{
  return end->many ? CIRCLE_MANY_AT : CIRCLE_ONE_AT;
}

static void
append_span (GtkSnapshot            *snapshot,
             const graphene_point_t *a,
             const graphene_point_t *b,
             double                  from,
             double                  to,
             double                  half,
             const GdkRGBA          *color)
{
  double length = graphene_point_distance (a, b, NULL, NULL);
  double ux, uy, x1, y1, x2, y2;

  if (length <= 0 || to <= from)
    return;
  ux = (b->x - a->x) / length;
  uy = (b->y - a->y) / length;
  x1 = a->x + ux * from;
  y1 = a->y + uy * from;
  x2 = a->x + ux * to;
  y2 = a->y + uy * to;
  /* Half the width longer at both ends, so corners close. */
  gtk_snapshot_append_color (snapshot, color,
                             &GRAPHENE_RECT_INIT (MIN (x1, x2) - half, MIN (y1, y2) - half,
                                                  fabs (x2 - x1) + 2 * half, fabs (y2 - y1) + 2 * half));
}

void
cardinal_route_append_segments (const CardinalRoute *route,
                                       const CardinalRouteEnd   *end1,
                                       const CardinalRouteEnd   *end2,
                                       GtkSnapshot               *snapshot,
                                       double                     line_width,
                                       const GdkRGBA             *color)
{
  g_return_if_fail (route != NULL && route->n_points >= 2 && snapshot != NULL);

  for (guint i = 1; i < route->n_points; i++)
    {
      const graphene_point_t *a = &route->points[i - 1];
      const graphene_point_t *b = &route->points[i];
      double length = graphene_point_distance (a, b, NULL, NULL);
      /* Up to two gaps, where a hollow circle sits on the line. */
      double gap1_from = length, gap1_to = length, gap2_from = length, gap2_to = length;

      if (i == 1 && end1 != NULL && end1->min == 0)
        {
          gap1_from = MAX (circle_at (end1) - CIRCLE_RADIUS, 0);
          gap1_to = MIN (circle_at (end1) + CIRCLE_RADIUS, length);
        }
      if (i == route->n_points - 1 && end2 != NULL && end2->min == 0)
        {
          gap2_from = MAX (length - circle_at (end2) - CIRCLE_RADIUS, 0);
          gap2_to = MIN (length - circle_at (end2) + CIRCLE_RADIUS, length);
        }
      if (gap2_from < gap1_from)
        {
          double from = gap1_from, to = gap1_to;

          gap1_from = gap2_from;
          gap1_to = gap2_to;
          gap2_from = from;
          gap2_to = to;
        }
      append_span (snapshot, a, b, 0, gap1_from, line_width / 2, color);
      append_span (snapshot, a, b, gap1_to, gap2_from, line_width / 2, color);
      append_span (snapshot, a, b, MAX (gap1_to, gap2_to), length, line_width / 2, color);
    }
}
