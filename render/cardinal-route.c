/* cardinal-route.c: ports spread along box sides and orthogonal routes between them (information engineering notation), as pure geometry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-route.h"

#include <math.h>
#include <string.h>

/* Model units. */
#define END_INSET      8.0   /* keeps ports off the rounded corners */
#define PORT_SPACING  18.0   /* crow's feet are 14 wide */
#define CHANNEL_STEP   8.0   /* between two jogs that would share a segment */

typedef enum
{
  SIDE_LEFT,
  SIDE_RIGHT,
  SIDE_TOP,
  SIDE_BOTTOM,
} Side;

typedef enum
{
  SHAPE_NONE,
  SHAPE_HORIZONTAL,  /* side to facing side, left and right */
  SHAPE_VERTICAL,    /* top and bottom */
  SHAPE_OVER,        /* boxes too close side by side: both ends on top, a bridge above */
  SHAPE_BESIDE,      /* boxes too close one above the other: both ends on the right */
  SHAPE_SELF,
} Shape;

/* One end of a link, waiting for its port. */
typedef struct
{
  guint   link;
  guint   box;
  Side    side;
  gboolean first;   /* the box1 end */
  double  key;      /* order along the side: where the line goes */
  double  preferred;
  double  position; /* the port, along the side */
} PortEnd;

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
cardinal_route_relationship_ends (const CardinalRelationship *relationship,
                                  CardinalRouteEnd           *end1,
                                  CardinalRouteEnd           *end2)
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
route_add (CardinalRoute *route,
           double         x,
           double         y)
{
  g_assert (route->n_points < CARDINAL_ROUTE_MAX_POINTS);
  route->points[route->n_points++] = GRAPHENE_POINT_INIT (x, y);
}

static double
box_x2 (const graphene_rect_t *box)
{
  return box->origin.x + box->size.width;
}

static double
box_y2 (const graphene_rect_t *box)
{
  return box->origin.y + box->size.height;
}

static double
center_x (const graphene_rect_t *box)
{
  return box->origin.x + box->size.width / 2;
}

static double
center_y (const graphene_rect_t *box)
{
  return box->origin.y + box->size.height / 2;
}

/* Which sides a link leaves from. Facing sides when the gap between the
 * boxes leaves room for both stubs; otherwise the line goes round the
 * outside, so that no end is squeezed into a tick. */
static Shape
choose_shape (const graphene_rect_t *a,
              const graphene_rect_t *b,
              Side                  *side1,
              Side                  *side2)
{
  double gap_x = MAX (b->origin.x - box_x2 (a), a->origin.x - box_x2 (b));
  double gap_y = MAX (b->origin.y - box_y2 (a), a->origin.y - box_y2 (b));
  gboolean room = MAX (gap_x, gap_y) >= 2 * CARDINAL_ROUTE_STUB;

  if (room && gap_x >= gap_y)
    {
      gboolean right = center_x (a) <= center_x (b);

      *side1 = right ? SIDE_RIGHT : SIDE_LEFT;
      *side2 = right ? SIDE_LEFT : SIDE_RIGHT;
      return SHAPE_HORIZONTAL;
    }
  if (room)
    {
      gboolean down = center_y (a) <= center_y (b);

      *side1 = down ? SIDE_BOTTOM : SIDE_TOP;
      *side2 = down ? SIDE_TOP : SIDE_BOTTOM;
      return SHAPE_VERTICAL;
    }
  if (gap_x >= gap_y)
    {
      *side1 = *side2 = SIDE_TOP;
      return SHAPE_OVER;
    }
  *side1 = *side2 = SIDE_RIGHT;
  return SHAPE_BESIDE;
}

static gboolean
side_is_vertical (Side side)
{
  return side == SIDE_LEFT || side == SIDE_RIGHT;
}

static void
side_range (const graphene_rect_t *box,
            Side                   side,
            double                *low,
            double                *high)
{
  if (side_is_vertical (side))
    {
      *low = box->origin.y;
      *high = box_y2 (box);
    }
  else
    {
      *low = box->origin.x;
      *high = box_x2 (box);
    }
  if (*high - *low > 2 * END_INSET)
    {
      *low += END_INSET;
      *high -= END_INSET;
    }
  else
    *low = *high = (*low + *high) / 2;
}

static int
compare_ends (gconstpointer a,
              gconstpointer b)
{
  const PortEnd *p = a, *q = b;

  if (p->box != q->box)
    return p->box < q->box ? -1 : 1;
  if (p->side != q->side)
    return p->side < q->side ? -1 : 1;
  if (p->key != q->key)
    return p->key < q->key ? -1 : 1;
  if (p->link != q->link)
    return p->link < q->link ? -1 : 1;
  return p->first ? -1 : q->first ? 1 : 0;
}

/* The ends of one side, in order: as near their preferred places as the
 * others allow (least squares), at least PORT_SPACING apart (closer only
 * when the side is too short for them all), inside the side. With
 * q[k] = position[k] - k * spacing the spacing becomes "q does not
 * decrease": pool adjacent violators, then clip to the side. */
static void
spread_ends (PortEnd *ends,
             guint    n,
             double   low,
             double   high)
{
  double spacing = n > 1 ? MIN (PORT_SPACING, (high - low) / (n - 1)) : 0;
  g_autofree double *sum = g_new (double, n);
  g_autofree guint *count = g_new (guint, n);
  guint blocks = 0, k = 0;

  for (guint i = 0; i < n; i++)
    {
      sum[blocks] = ends[i].preferred - i * spacing;
      count[blocks] = 1;
      blocks++;
      while (blocks > 1 && sum[blocks - 2] / count[blocks - 2] > sum[blocks - 1] / count[blocks - 1])
        {
          sum[blocks - 2] += sum[blocks - 1];
          count[blocks - 2] += count[blocks - 1];
          blocks--;
        }
    }
  for (guint b = 0; b < blocks; b++)
    for (guint c = 0; c < count[b]; c++, k++)
      {
        double q = CLAMP (sum[b] / count[b], low, high - (n - 1) * spacing);

        ends[k].position = q + k * spacing;
      }
}

/* Middle segments already placed, by their rounded coordinate, so that two
 * jogs do not run along one another. */
typedef struct
{
  double low;
  double high;
} Span;

static gboolean
channel_taken (GHashTable *channels,
               double      at,
               double      low,
               double      high)
{
  GArray *spans = g_hash_table_lookup (channels, GINT_TO_POINTER ((int) lround (at)));

  if (spans == NULL)
    return FALSE;
  for (guint i = 0; i < spans->len; i++)
    {
      const Span *span = &g_array_index (spans, Span, i);

      if (span->low < high + 1 && low < span->high + 1)
        return TRUE;
    }
  return FALSE;
}

static void
channel_take (GHashTable *channels,
              double      at,
              double      low,
              double      high)
{
  gpointer key = GINT_TO_POINTER ((int) lround (at));
  GArray *spans = g_hash_table_lookup (channels, key);
  Span span = { low, high };

  if (spans == NULL)
    {
      spans = g_array_new (FALSE, FALSE, sizeof (Span));
      g_hash_table_insert (channels, key, spans);
    }
  g_array_append_val (spans, span);
}

/* A free coordinate for a middle segment from @low to @high, near @want and
 * within [@min, @max] (when that is not empty). */
static double
pick_channel (GHashTable *channels,
              double      want,
              double      min,
              double      max,
              double      low,
              double      high)
{
  double at = want;

  if (min <= max)
    at = CLAMP (want, min, max);
  for (guint step = 1; step < 24 && channel_taken (channels, at, low, high); step++)
    {
      double offset = CHANNEL_STEP * ((step + 1) / 2) * (step % 2 ? 1 : -1);
      double candidate = want + offset;

      if (min <= max && (candidate < min || candidate > max))
        continue;
      at = candidate;
    }
  channel_take (channels, at, low, high);
  return at;
}

/* The boxes by grid cell, so that a candidate segment is checked against
 * the few boxes near it. */
#define ROUTER_CELL 256.0

typedef struct
{
  const graphene_rect_t *boxes;
  GHashTable            *cells;   /* packed cell → GArray of guint */
  GHashTable            *vertical_channels;
  GHashTable            *horizontal_channels;
} Router;

static gint64
router_key (gint64 cx,
            gint64 cy)
{
  return (cx << 32) ^ (cy & 0xffffffff);
}

static guint
router_hash (gconstpointer key)
{
  guint64 v = *(const gint64 *) key;

  return (guint) ((v >> 32) * 73856093u) ^ (guint) ((v & 0xffffffffu) * 19349663u);
}

static void
router_init (Router                *router,
             const graphene_rect_t *boxes,
             guint                  n_boxes)
{
  router->boxes = boxes;
  router->cells = g_hash_table_new_full (router_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
  router->vertical_channels = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  router->horizontal_channels = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) g_array_unref);
  for (guint i = 0; i < n_boxes; i++)
    {
      gint64 cx1 = (gint64) floor (boxes[i].origin.x / ROUTER_CELL), cx2 = (gint64) floor (box_x2 (&boxes[i]) / ROUTER_CELL);
      gint64 cy1 = (gint64) floor (boxes[i].origin.y / ROUTER_CELL), cy2 = (gint64) floor (box_y2 (&boxes[i]) / ROUTER_CELL);

      /* A box larger than the whole area checked would be: left to the drawing. */
      if (cx2 - cx1 > 64 || cy2 - cy1 > 64)
        continue;
      for (gint64 cx = cx1; cx <= cx2; cx++)
        for (gint64 cy = cy1; cy <= cy2; cy++)
          {
            gint64 key = router_key (cx, cy);
            GArray *cell = g_hash_table_lookup (router->cells, &key);

            if (cell == NULL)
              {
                cell = g_array_new (FALSE, FALSE, sizeof (guint));
                g_hash_table_insert (router->cells, g_memdup2 (&key, sizeof key), cell);
              }
            g_array_append_val (cell, i);
          }
    }
}

static void
router_clear (Router *router)
{
  g_clear_pointer (&router->cells, g_hash_table_unref);
  g_clear_pointer (&router->vertical_channels, g_hash_table_unref);
  g_clear_pointer (&router->horizontal_channels, g_hash_table_unref);
}

/* Whether the axis-aligned segment crosses the inside of a box other than
 * @skip1 and @skip2. */
static gboolean
router_segment_blocked (Router *router,
                        double  x1,
                        double  y1,
                        double  x2,
                        double  y2,
                        guint   skip1,
                        guint   skip2)
{
  double lx = MIN (x1, x2), hx = MAX (x1, x2), ly = MIN (y1, y2), hy = MAX (y1, y2);
  gint64 cx1 = (gint64) floor (lx / ROUTER_CELL), cx2 = (gint64) floor (hx / ROUTER_CELL);
  gint64 cy1 = (gint64) floor (ly / ROUTER_CELL), cy2 = (gint64) floor (hy / ROUTER_CELL);

  if (cx2 - cx1 > 64 || cy2 - cy1 > 64)
    return FALSE;
  for (gint64 cx = cx1; cx <= cx2; cx++)
    for (gint64 cy = cy1; cy <= cy2; cy++)
      {
        gint64 key = router_key (cx, cy);
        GArray *cell = g_hash_table_lookup (router->cells, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint b = g_array_index (cell, guint, i);
            const graphene_rect_t *r = &router->boxes[b];

            if (b == skip1 || b == skip2)
              continue;
            if (hx > r->origin.x + 0.5 && lx < box_x2 (r) - 0.5 && hy > r->origin.y + 0.5 && ly < box_y2 (r) - 0.5)
              return TRUE;
          }
      }
  return FALSE;
}

/* The middle of a jog: a free channel near @want within [@min, @max] whose
 * three segments cross no other box if there is one near, else a free
 * channel. @horizontal: the ends are on left and right sides (the middle
 * segment is vertical). */
static double
pick_jog (Router                 *router,
          gboolean                horizontal,
          const graphene_point_t *p1,
          const graphene_point_t *p2,
          double                  want,
          double                  min,
          double                  max,
          guint                   box1,
          guint                   box2)
{
  GHashTable *channels = horizontal ? router->vertical_channels : router->horizontal_channels;
  double low = horizontal ? MIN (p1->y, p2->y) : MIN (p1->x, p2->x);
  double high = horizontal ? MAX (p1->y, p2->y) : MAX (p1->x, p2->x);
  double fallback = G_MAXDOUBLE;

  if (min <= max)
    want = CLAMP (want, min, max);
  for (guint step = 0; step < 48; step++)
    {
      double at = want + CHANNEL_STEP * ((step + 1) / 2) * (step % 2 ? 1 : -1);
      gboolean blocked;

      if (min <= max && (at < min || at > max))
        continue;
      if (channel_taken (channels, at, low, high))
        continue;
      if (fallback == G_MAXDOUBLE)
        fallback = at;
      if (horizontal)
        blocked = router_segment_blocked (router, p1->x, p1->y, at, p1->y, box1, box2)
                  || router_segment_blocked (router, at, p1->y, at, p2->y, box1, box2)
                  || router_segment_blocked (router, at, p2->y, p2->x, p2->y, box1, box2);
      else
        blocked = router_segment_blocked (router, p1->x, p1->y, p1->x, at, box1, box2)
                  || router_segment_blocked (router, p1->x, at, p2->x, at, box1, box2)
                  || router_segment_blocked (router, p2->x, at, p2->x, p2->y, box1, box2);
      if (!blocked)
        {
          channel_take (channels, at, low, high);
          return at;
        }
    }
  if (fallback == G_MAXDOUBLE)
    fallback = want;
  channel_take (channels, fallback, low, high);
  return fallback;
}

static graphene_point_t
side_normal (Side side)
{
  switch (side)
    {
    case SIDE_LEFT: return GRAPHENE_POINT_INIT (-1, 0);
    case SIDE_RIGHT: return GRAPHENE_POINT_INIT (1, 0);
    case SIDE_TOP: return GRAPHENE_POINT_INIT (0, -1);
    case SIDE_BOTTOM: return GRAPHENE_POINT_INIT (0, 1);
    }
  g_assert_not_reached ();
}

static graphene_point_t
port_point (const graphene_rect_t *box,
            Side                   side,
            double                 position)
{
  switch (side)
    {
    case SIDE_LEFT: return GRAPHENE_POINT_INIT (box->origin.x, position);
    case SIDE_RIGHT: return GRAPHENE_POINT_INIT (box_x2 (box), position);
    case SIDE_TOP: return GRAPHENE_POINT_INIT (position, box->origin.y);
    case SIDE_BOTTOM: return GRAPHENE_POINT_INIT (position, box_y2 (box));
    }
  g_assert_not_reached ();
}

typedef struct
{
  Shape  shape;
  Side   side1;
  Side   side2;
  guint  loop;      /* self-loops: which one of the box's */
  double port1;
  double port2;
  gboolean alone1;  /* the only end on its side */
  gboolean alone2;
} LinkPlan;

static void
build_route (Router                *router,
             guint                  box1,
             guint                  box2,
             const LinkPlan        *plan,
             CardinalRoute         *route)
{
  const graphene_rect_t *a = &router->boxes[box1], *b = &router->boxes[box2];
  GHashTable *vertical_channels = router->vertical_channels;
  GHashTable *horizontal_channels = router->horizontal_channels;
  graphene_point_t p1 = port_point (a, plan->side1, plan->port1);
  graphene_point_t p2 = port_point (b, plan->side2, plan->port2);
  double stub = CARDINAL_ROUTE_STUB;

  route->n_points = 0;
  route->dir1 = side_normal (plan->side1);
  route->dir2 = side_normal (plan->side2);
  switch (plan->shape)
    {
    case SHAPE_NONE:
      break;
    case SHAPE_HORIZONTAL:
      route_add (route, p1.x, p1.y);
      if (fabs (p1.y - p2.y) >= 0.5)
        {
          double low = MIN (p1.x, p2.x), high = MAX (p1.x, p2.x);
          double x = pick_jog (router, TRUE, &p1, &p2, (p1.x + p2.x) / 2, low + stub, high - stub, box1, box2);

          route_add (route, x, p1.y);
          route_add (route, x, p2.y);
        }
      route_add (route, p2.x, fabs (p1.y - p2.y) >= 0.5 ? p2.y : p1.y);
      break;
    case SHAPE_VERTICAL:
      route_add (route, p1.x, p1.y);
      if (fabs (p1.x - p2.x) >= 0.5)
        {
          double low = MIN (p1.y, p2.y), high = MAX (p1.y, p2.y);
          double y = pick_jog (router, FALSE, &p1, &p2, (p1.y + p2.y) / 2, low + stub, high - stub, box1, box2);

          route_add (route, p1.x, y);
          route_add (route, p2.x, y);
        }
      route_add (route, fabs (p1.x - p2.x) >= 0.5 ? p2.x : p1.x, p2.y);
      break;
    case SHAPE_OVER:
      {
        double top = MIN (a->origin.y, b->origin.y) - stub;
        double y = pick_channel (horizontal_channels, top, -G_MAXDOUBLE, top,
                                 MIN (p1.x, p2.x), MAX (p1.x, p2.x));

        route_add (route, p1.x, p1.y);
        route_add (route, p1.x, y);
        route_add (route, p2.x, y);
        route_add (route, p2.x, p2.y);
      }
      break;
    case SHAPE_BESIDE:
      {
        double right = MAX (box_x2 (a), box_x2 (b)) + stub;
        double x = pick_channel (vertical_channels, right, right, G_MAXDOUBLE,
                                 MIN (p1.y, p2.y), MAX (p1.y, p2.y));

        route_add (route, p1.x, p1.y);
        route_add (route, x, p1.y);
        route_add (route, x, p2.y);
        route_add (route, p2.x, p2.y);
      }
      break;
    case SHAPE_SELF:
      {
        /* Out of the right side, round the top-right corner, back into the
         * top: beside the box, where Arrange leaves room for it. */
        double loop = CARDINAL_ROUTE_SELF_LOOP + CARDINAL_ROUTE_SELF_LOOP_STEP * plan->loop;
        double x = box_x2 (a) + loop, y = a->origin.y - loop;

        route_add (route, p1.x, p1.y);
        route_add (route, x, p1.y);
        route_add (route, x, y);
        route_add (route, p2.x, y);
        route_add (route, p2.x, p2.y);
      }
      break;
    }
}

/* Where an end would like its port: facing boxes that overlap along the
 * side get the middle of the overlap, so a lone line between them is
 * straight; otherwise the middle of the side, the ends around it. */
static double
preferred_position (const graphene_rect_t *box,
                    const graphene_rect_t *other,
                    Side                   side,
                    Shape                  shape)
{
  double low, high, other_low, other_high;

  side_range (box, side, &low, &high);
  if (shape == SHAPE_HORIZONTAL || shape == SHAPE_VERTICAL)
    {
      side_range (other, side == SIDE_LEFT ? SIDE_RIGHT : side == SIDE_RIGHT ? SIDE_LEFT :
                         side == SIDE_TOP ? SIDE_BOTTOM : SIDE_TOP, &other_low, &other_high);
      if (MIN (high, other_high) - MAX (low, other_low) >= 0)
        return (MAX (low, other_low) + MIN (high, other_high)) / 2;
    }
  return (low + high) / 2;
}

void
cardinal_route_compute_all (const graphene_rect_t   *boxes,
                            guint                    n_boxes,
                            const CardinalRouteLink *links,
                            guint                    n_links,
                            CardinalRoute           *routes)
{
  g_autofree LinkPlan *plans = NULL;
  g_autofree guint *loops = NULL;
  g_autoptr(GArray) ends = NULL;
  Router router;
  guint start;

  g_return_if_fail (n_links == 0 || (links != NULL && routes != NULL));
  g_return_if_fail (n_boxes == 0 || boxes != NULL);

  plans = g_new0 (LinkPlan, MAX (n_links, 1));
  loops = g_new0 (guint, MAX (n_boxes, 1));
  ends = g_array_sized_new (FALSE, FALSE, sizeof (PortEnd), 2 * n_links);

  for (guint i = 0; i < n_links; i++)
    {
      const CardinalRouteLink *link = &links[i];
      LinkPlan *plan = &plans[i];
      PortEnd end1 = { i, link->box1, 0, TRUE, 0, 0, 0 };
      PortEnd end2 = { i, link->box2, 0, FALSE, 0, 0, 0 };
      const graphene_rect_t *a, *b;

      if (link->box1 >= n_boxes || link->box2 >= n_boxes)
        {
          plan->shape = SHAPE_NONE;
          continue;
        }
      a = &boxes[link->box1];
      b = &boxes[link->box2];
      if (link->box1 == link->box2)
        {
          double low, high;

          plan->shape = SHAPE_SELF;
          plan->side1 = SIDE_RIGHT;
          plan->side2 = SIDE_TOP;
          plan->loop = loops[link->box1]++;
          /* Outer loops above and to the right of inner ones, all of them
           * at the top-right corner, so they cross neither each other nor
           * the other lines. */
          side_range (a, SIDE_RIGHT, &low, &high);
          end1.key = -1e12 - plan->loop;
          end1.preferred = low + 10.0 + 10.0 * plan->loop;
          side_range (a, SIDE_TOP, &low, &high);
          end2.key = 1e12 + plan->loop;
          end2.preferred = high - 14.0 - 10.0 * plan->loop;
        }
      else
        {
          plan->shape = choose_shape (a, b, &plan->side1, &plan->side2);
          end1.key = side_is_vertical (plan->side1) ? center_y (b) : center_x (b);
          end2.key = side_is_vertical (plan->side2) ? center_y (a) : center_x (a);
          end1.preferred = preferred_position (a, b, plan->side1, plan->shape);
          end2.preferred = preferred_position (b, a, plan->side2, plan->shape);
        }
      end1.side = plan->side1;
      end2.side = plan->side2;
      g_array_append_val (ends, end1);
      g_array_append_val (ends, end2);
    }

  g_array_sort (ends, compare_ends);
  for (start = 0; start < ends->len;)
    {
      PortEnd *first = &g_array_index (ends, PortEnd, start);
      guint stop = start + 1;
      double low, high;

      while (stop < ends->len && g_array_index (ends, PortEnd, stop).box == first->box
             && g_array_index (ends, PortEnd, stop).side == first->side)
        stop++;
      side_range (&boxes[first->box], first->side, &low, &high);
      spread_ends (first, stop - start, low, high);
      for (guint k = start; k < stop; k++)
        {
          const PortEnd *end = &g_array_index (ends, PortEnd, k);

          if (end->first)
            {
              plans[end->link].port1 = end->position;
              plans[end->link].alone1 = stop - start == 1;
            }
          else
            {
              plans[end->link].port2 = end->position;
              plans[end->link].alone2 = stop - start == 1;
            }
        }
      start = stop;
    }

  /* A line whose end is alone on its side follows the other end when that
   * makes it straight, rather than jog a few units. */
  for (guint i = 0; i < n_links; i++)
    {
      LinkPlan *plan = &plans[i];
      double low, high;

      if (plan->shape != SHAPE_HORIZONTAL && plan->shape != SHAPE_VERTICAL)
        continue;
      if (plan->alone2)
        {
          side_range (&boxes[links[i].box2], plan->side2, &low, &high);
          if (plan->port1 >= low && plan->port1 <= high)
            plan->port2 = plan->port1;
        }
      else if (plan->alone1)
        {
          side_range (&boxes[links[i].box1], plan->side1, &low, &high);
          if (plan->port2 >= low && plan->port2 <= high)
            plan->port1 = plan->port2;
        }
    }

  router_init (&router, boxes, n_boxes);
  for (guint i = 0; i < n_links; i++)
    {
      if (plans[i].shape == SHAPE_NONE)
        {
          memset (&routes[i], 0, sizeof routes[i]);
          continue;
        }
      build_route (&router, links[i].box1, links[i].box2, &plans[i], &routes[i]);
    }
  router_clear (&router);
}

void
cardinal_route_get_bounds (const CardinalRoute *route,
                           graphene_rect_t     *bounds)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  g_return_if_fail (route != NULL && bounds != NULL);

  if (route->n_points == 0)
    {
      graphene_rect_init (bounds, 0, 0, 0, 0);
      return;
    }
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
cardinal_route_distance (const CardinalRoute *route,
                         double               x,
                         double               y)
{
  double best = G_MAXDOUBLE;

  g_return_val_if_fail (route != NULL, G_MAXDOUBLE);

  for (guint i = 1; i < route->n_points; i++)
    best = MIN (best, segment_distance (&route->points[i - 1], &route->points[i], x, y));
  return best;
}

void
cardinal_route_get_midpoint (const CardinalRoute *route,
                             graphene_point_t    *point)
{
  double total = 0, walked = 0;

  g_return_if_fail (route != NULL && point != NULL);

  if (route->n_points == 0)
    {
      *point = GRAPHENE_POINT_INIT (0, 0);
      return;
    }
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
