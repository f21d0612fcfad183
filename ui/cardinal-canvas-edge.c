/* cardinal-canvas-edge.c: orthogonal routes between boxes and crow's-foot ends (information engineering notation). */
#include "cardinal-canvas-edge.h"

#include <math.h>

/* Model units. */
#define PARALLEL_SPACING 16.0
#define END_INSET         6.0   /* keeps attachment points off the rounded corners */
#define SELF_LOOP        30.0
#define SELF_LOOP_STEP   14.0
#define FOOT_LENGTH      12.0
#define FOOT_HALF         7.0
#define BAR_HALF          7.0
#define MAX_BAR_AT        7.0
#define MIN_BAR_ONE_AT   13.0   /* "exactly one": two bars */
#define MIN_BAR_MANY_AT  18.0   /* "one or many": a bar beyond the foot */
#define CIRCLE_RADIUS     4.0
#define CIRCLE_ONE_AT    17.0
#define CIRCLE_MANY_AT   21.0

/* Crow's-foot notation puts, at the end of the line that touches an entity X,
 * how many X one instance on the far side relates to: the outer symbol (next
 * to X) is the maximum (a bar for one, a foot for many), the inner one the
 * minimum (a circle for zero, a bar for one).
 *
 * For a relationship between entity1 (A) and entity2 (B):
 * - At A's end, the maximum is "how many A can one B belong to": many when
 *   q1 is yes, i.e. the kind is many-to-one or many-to-many. The minimum is 1
 *   when every B must have an A (entity2_needs_entity1), else 0.
 * - At B's end, the maximum is "how many B can one A have": many when q2 is
 *   yes, i.e. one-to-many or many-to-many. The minimum is 1 when every A must
 *   have a B (entity1_needs_entity2), else 0.
 * So a one-to-many "user writes posts" where every post needs its user reads
 * "exactly one" (two bars) at user and "zero or many" (circle, foot) at post. */
void
cardinal_canvas_relationship_ends (const CardinalRelationship *relationship,
                                   CardinalCanvasEnd          *end1,
                                   CardinalCanvasEnd          *end2)
{
  g_return_if_fail (relationship != NULL);
  g_return_if_fail (end1 != NULL && end2 != NULL);

  end1->many = relationship->kind == CARDINAL_KIND_MANY_TO_ONE ||
               relationship->kind == CARDINAL_KIND_MANY_TO_MANY;
  end1->min = relationship->entity2_needs_entity1 ? 1 : 0;
  end2->many = relationship->kind == CARDINAL_KIND_ONE_TO_MANY ||
               relationship->kind == CARDINAL_KIND_MANY_TO_MANY;
  end2->min = relationship->entity1_needs_entity2 ? 1 : 0;
}

static void
route_add (CardinalCanvasRoute *route,
           double               x,
           double               y)
{
  g_assert (route->n_points < CARDINAL_CANVAS_ROUTE_MAX_POINTS);
  route->points[route->n_points++] = GRAPHENE_POINT_INIT (x, y);
}

static double
clamp_inside (double value,
              double low,
              double high)
{
  if (high - low < 2 * END_INSET)
    return (low + high) / 2;
  return CLAMP (value, low + END_INSET, high - END_INSET);
}

static void
route_self (const graphene_rect_t *box,
            guint                  index,
            CardinalCanvasRoute   *route)
{
  double loop = SELF_LOOP + SELF_LOOP_STEP * index;
  double x2 = box->origin.x + box->size.width;
  double y1 = box->origin.y + MIN (box->size.height / 2, 18.0 + 10.0 * index);
  double x4 = x2 - MIN (box->size.width / 2, 24.0 + 10.0 * index);

  /* Out of the right side, round the top-right corner, back into the top. */
  route_add (route, x2, y1);
  route_add (route, x2 + loop, y1);
  route_add (route, x2 + loop, box->origin.y - loop);
  route_add (route, x4, box->origin.y - loop);
  route_add (route, x4, box->origin.y);
  route->dir1 = GRAPHENE_POINT_INIT (1, 0);
  route->dir2 = GRAPHENE_POINT_INIT (0, -1);
}

void
cardinal_canvas_route_compute (const graphene_rect_t *box1,
                               const graphene_rect_t *box2,
                               guint                  index,
                               guint                  count,
                               CardinalCanvasRoute   *route)
{
  double offset, gap_x, gap_y;
  double a_x1, a_y1, a_x2, a_y2, b_x1, b_y1, b_x2, b_y2;
  gboolean horizontal;

  g_return_if_fail (box1 != NULL && box2 != NULL && route != NULL);

  route->n_points = 0;
  if (graphene_rect_equal (box1, box2))
    {
      route_self (box1, index, route);
      return;
    }

  offset = (index - (count - 1) / 2.0) * PARALLEL_SPACING;
  a_x1 = box1->origin.x;
  a_y1 = box1->origin.y;
  a_x2 = a_x1 + box1->size.width;
  a_y2 = a_y1 + box1->size.height;
  b_x1 = box2->origin.x;
  b_y1 = box2->origin.y;
  b_x2 = b_x1 + box2->size.width;
  b_y2 = b_y1 + box2->size.height;
  gap_x = MAX (b_x1 - a_x2, a_x1 - b_x2);
  gap_y = MAX (b_y1 - a_y2, a_y1 - b_y2);
  horizontal = gap_x >= gap_y;

  if (horizontal)
    {
      gboolean right = a_x1 + a_x2 <= b_x1 + b_x2;
      double x1 = right ? a_x2 : a_x1;
      double x2 = right ? b_x1 : b_x2;
      double top = MAX (a_y1, b_y1);
      double bottom = MIN (a_y2, b_y2);

      route->dir1 = GRAPHENE_POINT_INIT (right ? 1 : -1, 0);
      route->dir2 = GRAPHENE_POINT_INIT (right ? -1 : 1, 0);
      if (bottom - top >= 4 * END_INSET)
        {
          /* The boxes face each other: one straight line across the overlap. */
          double y = clamp_inside ((top + bottom) / 2 + offset, top, bottom);

          route_add (route, x1, y);
          route_add (route, x2, y);
        }
      else
        {
          double y1 = clamp_inside ((a_y1 + a_y2) / 2 + offset, a_y1, a_y2);
          double y2 = clamp_inside ((b_y1 + b_y2) / 2 + offset, b_y1, b_y2);
          double xm = (x1 + x2) / 2 + (right ? offset : -offset);

          route_add (route, x1, y1);
          route_add (route, xm, y1);
          route_add (route, xm, y2);
          route_add (route, x2, y2);
        }
    }
  else
    {
      gboolean down = a_y1 + a_y2 <= b_y1 + b_y2;
      double y1 = down ? a_y2 : a_y1;
      double y2 = down ? b_y1 : b_y2;
      double left = MAX (a_x1, b_x1);
      double right = MIN (a_x2, b_x2);

      route->dir1 = GRAPHENE_POINT_INIT (0, down ? 1 : -1);
      route->dir2 = GRAPHENE_POINT_INIT (0, down ? -1 : 1);
      if (right - left >= 4 * END_INSET)
        {
          double x = clamp_inside ((left + right) / 2 + offset, left, right);

          route_add (route, x, y1);
          route_add (route, x, y2);
        }
      else
        {
          double x1 = clamp_inside ((a_x1 + a_x2) / 2 + offset, a_x1, a_x2);
          double x2 = clamp_inside ((b_x1 + b_x2) / 2 + offset, b_x1, b_x2);
          double ym = (y1 + y2) / 2 + (down ? offset : -offset);

          route_add (route, x1, y1);
          route_add (route, x1, ym);
          route_add (route, x2, ym);
          route_add (route, x2, y2);
        }
    }
}

void
cardinal_canvas_route_get_bounds (const CardinalCanvasRoute *route,
                                  graphene_rect_t           *bounds)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  g_return_if_fail (route != NULL && route->n_points > 0);

  for (guint i = 0; i < route->n_points; i++)
    {
      x1 = MIN (x1, route->points[i].x);
      y1 = MIN (y1, route->points[i].y);
      x2 = MAX (x2, route->points[i].x);
      y2 = MAX (y2, route->points[i].y);
    }
  graphene_rect_init (bounds, x1, y1, x2 - x1, y2 - y1);
}

static double
segment_distance (const graphene_point_t *a,
                  const graphene_point_t *b,
                  double                  x,
                  double                  y)
{
  double dx = b->x - a->x, dy = b->y - a->y;
  double length2 = dx * dx + dy * dy;
  double t = length2 > 0 ? ((x - a->x) * dx + (y - a->y) * dy) / length2 : 0;
  double px, py;

  t = CLAMP (t, 0.0, 1.0);
  px = a->x + t * dx - x;
  py = a->y + t * dy - y;
  return sqrt (px * px + py * py);
}

double
cardinal_canvas_route_distance (const CardinalCanvasRoute *route,
                                double                     x,
                                double                     y)
{
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (route != NULL, G_MAXDOUBLE);

  for (guint i = 1; i < route->n_points; i++)
    best = MIN (best, segment_distance (&route->points[i - 1], &route->points[i], x, y));
  return best;
}

void
cardinal_canvas_route_get_midpoint (const CardinalCanvasRoute *route,
                                    graphene_point_t          *point)
{
  double total = 0, walked = 0;

  g_return_if_fail (route != NULL && route->n_points > 0 && point != NULL);

  for (guint i = 1; i < route->n_points; i++)
    total += graphene_point_distance (&route->points[i - 1], &route->points[i], NULL, NULL);

  *point = route->points[0];
  for (guint i = 1; i < route->n_points; i++)
    {
      double length = graphene_point_distance (&route->points[i - 1], &route->points[i], NULL, NULL);

      if (walked + length >= total / 2 && length > 0)
        {
          graphene_point_interpolate (&route->points[i - 1], &route->points[i],
                                      (total / 2 - walked) / length, point);
          return;
        }
      walked += length;
    }
}

void
cardinal_canvas_route_append_line (const CardinalCanvasRoute *route,
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
            const CardinalCanvasEnd *end,
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
cardinal_canvas_route_append_ends (const CardinalCanvasRoute *route,
                                   const CardinalCanvasEnd   *end1,
                                   const CardinalCanvasEnd   *end2,
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
               const CardinalCanvasEnd *end,
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
cardinal_canvas_route_append_circles (const CardinalCanvasRoute *route,
                                      const CardinalCanvasEnd   *end1,
                                      const CardinalCanvasEnd   *end2,
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
cardinal_canvas_end_draw (cairo_t                 *cr,
                          const CardinalCanvasEnd *end,
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
cardinal_canvas_end_get_bounds (const graphene_point_t *dir,
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
circle_at (const CardinalCanvasEnd *end)
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
cardinal_canvas_route_append_segments (const CardinalCanvasRoute *route,
                                       const CardinalCanvasEnd   *end1,
                                       const CardinalCanvasEnd   *end2,
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
