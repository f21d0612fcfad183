/* cardinal-layout.c: packing components to an aspect ratio, free-space search, push-apart and link-table placement over plain rectangles (no GTK, tested headless). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-layout.h"

#include <math.h>

#define FREE_STEP       20.0   /* the grid free places are looked for on */
#define FREE_MAX_RINGS  150
#define INDEX_CELL      256.0
#define PUSH_ROUNDS     200
/* A component longer than this (either way) is spread along its short side first. */
#define COMPONENT_MAX_RATIO 2.0

static double
rect_x2 (const graphene_rect_t *r)
{
  return r->origin.x + r->size.width;
}

static double
rect_y2 (const graphene_rect_t *r)
{
  return r->origin.y + r->size.height;
}

gboolean
cardinal_layout_rects_overlap (const graphene_rect_t *a,
                               const graphene_rect_t *b)
{
  g_return_val_if_fail (a != NULL && b != NULL, FALSE);

  return a->origin.x < rect_x2 (b) && b->origin.x < rect_x2 (a)
         && a->origin.y < rect_y2 (b) && b->origin.y < rect_y2 (a);
}

static gboolean
rects_near (const graphene_rect_t *a,
            const graphene_rect_t *b,
            double                 gap)
{
  return a->origin.x < rect_x2 (b) + gap && b->origin.x < rect_x2 (a) + gap
         && a->origin.y < rect_y2 (b) + gap && b->origin.y < rect_y2 (a) + gap;
}

static int
compare_left (gconstpointer a,
              gconstpointer b,
              gpointer      user_data)
{
  const graphene_rect_t *boxes = user_data;
  double p = boxes[*(const guint *) a].origin.x, q = boxes[*(const guint *) b].origin.x;

  return (p > q) - (p < q);
}

static guint *
sorted_by_left (const graphene_rect_t *boxes,
                guint                  n_boxes)
{
  guint *order = g_new (guint, MAX (n_boxes, 1));

  for (guint i = 0; i < n_boxes; i++)
    order[i] = i;
  g_qsort_with_data (order, n_boxes, sizeof *order, compare_left, (gpointer) boxes);
  return order;
}

void
cardinal_layout_get_bounds (const graphene_rect_t *boxes,
                            guint                  n_boxes,
                            graphene_rect_t       *bounds)
{
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  g_return_if_fail (bounds != NULL);

  if (n_boxes == 0)
    {
      graphene_rect_init (bounds, 0, 0, 0, 0);
      return;
    }
  for (guint i = 0; i < n_boxes; i++)
    {
      x1 = MIN (x1, boxes[i].origin.x);
      y1 = MIN (y1, boxes[i].origin.y);
      x2 = MAX (x2, rect_x2 (&boxes[i]));
      y2 = MAX (y2, rect_y2 (&boxes[i]));
    }
  graphene_rect_init (bounds, x1, y1, x2 - x1, y2 - y1);
}

/* A grid of buckets over the plane, so that "is this place free" looks at
 * the few boxes nearby rather than at all of them. */
typedef struct
{
  GHashTable *cells;   /* packed cell → GArray of graphene_rect_t */
} SpaceIndex;

static gint64
cell_key (gint64 cx,
          gint64 cy)
{
  return (cx << 32) ^ (cy & 0xffffffff);
}

/* g_int64_hash () folds the two halves onto each other, so every cell of a
 * diagonal would share a bucket. */
static guint
cell_hash (gconstpointer key)
{
  guint64 v = *(const gint64 *) key;

  return (guint) ((v >> 32) * 73856093u) ^ (guint) ((v & 0xffffffffu) * 19349663u);
}

static void
space_index_init (SpaceIndex *index)
{
  index->cells = g_hash_table_new_full (cell_hash, g_int64_equal, g_free, (GDestroyNotify) g_array_unref);
}

static void
space_index_clear (SpaceIndex *index)
{
  g_clear_pointer (&index->cells, g_hash_table_unref);
}

static void
space_index_add (SpaceIndex            *index,
                 const graphene_rect_t *rect)
{
  gint64 cx1 = (gint64) floor (rect->origin.x / INDEX_CELL), cx2 = (gint64) floor (rect_x2 (rect) / INDEX_CELL);
  gint64 cy1 = (gint64) floor (rect->origin.y / INDEX_CELL), cy2 = (gint64) floor (rect_y2 (rect) / INDEX_CELL);

  for (gint64 cx = cx1; cx <= cx2; cx++)
    for (gint64 cy = cy1; cy <= cy2; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (index->cells, &key);

        if (cell == NULL)
          {
            cell = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
            g_hash_table_insert (index->cells, g_memdup2 (&key, sizeof key), cell);
          }
        g_array_append_val (cell, *rect);
      }
}

/* Whether @rect comes closer than @gap to anything in the index. */
static gboolean
space_index_hits (SpaceIndex            *index,
                  const graphene_rect_t *rect,
                  double                 gap)
{
  gint64 cx1 = (gint64) floor ((rect->origin.x - gap) / INDEX_CELL), cx2 = (gint64) floor ((rect_x2 (rect) + gap) / INDEX_CELL);
  gint64 cy1 = (gint64) floor ((rect->origin.y - gap) / INDEX_CELL), cy2 = (gint64) floor ((rect_y2 (rect) + gap) / INDEX_CELL);

  for (gint64 cx = cx1; cx <= cx2; cx++)
    for (gint64 cy = cy1; cy <= cy2; cy++)
      {
        gint64 key = cell_key (cx, cy);
        GArray *cell = g_hash_table_lookup (index->cells, &key);

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          if (rects_near (rect, &g_array_index (cell, graphene_rect_t, i), gap))
            return TRUE;
      }
  return FALSE;
}

typedef struct
{
  int    dx;
  int    dy;
  double distance;
} RingPoint;

static int
compare_ring_points (gconstpointer a,
                     gconstpointer b)
{
  const RingPoint *p = a, *q = b;

  return (p->distance > q->distance) - (p->distance < q->distance);
}

/* The grid points around the wanted place, nearest first, made once: every
 * point near by, every second one further out, every fourth beyond, so
 * that a crowded neighbourhood costs thousands of tries, not tens of them. */
static const RingPoint *
search_points (guint *n_points)
{
  static GArray *points;
  static gsize done;

  if (g_once_init_enter (&done))
    {
      points = g_array_new (FALSE, FALSE, sizeof (RingPoint));
      for (int dx = -FREE_MAX_RINGS; dx <= FREE_MAX_RINGS; dx++)
        for (int dy = -FREE_MAX_RINGS; dy <= FREE_MAX_RINGS; dy++)
          {
            int r = MAX (abs (dx), abs (dy));
            RingPoint point = { dx, dy, hypot (dx, dy) };

            if (r <= 16 || (r <= 48 && dx % 2 == 0 && dy % 2 == 0) || (dx % 4 == 0 && dy % 4 == 0))
              g_array_append_val (points, point);
          }
      g_array_sort (points, compare_ring_points);
      g_once_init_leave (&done, 1);
    }
  *n_points = points->len;
  return (const RingPoint *) (const void *) points->data;
}

/* Whether the segment from @a to @b passes through the inside of @rect
 * (Liang–Barsky clipping). */
static gboolean
segment_crosses (const graphene_point_t *a,
                 const graphene_point_t *b,
                 const graphene_rect_t  *rect)
{
  double t0 = 0, t1 = 1;
  double dx = b->x - a->x, dy = b->y - a->y;
  double p[4] = { -dx, dx, -dy, dy };
  double q[4] = { a->x - rect->origin.x - 1, rect_x2 (rect) - 1 - a->x,
                  a->y - rect->origin.y - 1, rect_y2 (rect) - 1 - a->y };

  for (guint k = 0; k < 4; k++)
    {
      if (p[k] == 0)
        {
          if (q[k] < 0)
            return FALSE;
          continue;
        }
      if (p[k] < 0)
        t0 = MAX (t0, q[k] / p[k]);
      else
        t1 = MIN (t1, q[k] / p[k]);
      if (t0 > t1)
        return FALSE;
    }
  return TRUE;
}

/* How many boxes of the index (other than @a and @b) the straight lines from
 * @from to the centres of @a and @b would cross. */
static guint
space_index_crossings (SpaceIndex             *index,
                       const graphene_point_t *from,
                       const graphene_rect_t  *a,
                       const graphene_rect_t  *b)
{
  const graphene_rect_t *anchors[2] = { a, b };
  guint crossings = 0;

  for (guint k = 0; k < 2; k++)
    {
      graphene_point_t to;
      gint64 last_key = 0;
      double length;
      guint steps;

      if (anchors[k] == NULL || (k == 1 && b == a))
        continue;
      graphene_rect_get_center (anchors[k], &to);
      /* Along the line, a cell at a time (near enough for a penalty). */
      length = graphene_point_distance (from, &to, NULL, NULL);
      steps = (guint) ceil (length / (INDEX_CELL / 4)) + 1;
      for (guint t = 0; t <= steps; t++)
        {
          double x = from->x + (to.x - from->x) * t / steps, y = from->y + (to.y - from->y) * t / steps;
          gint64 key = cell_key ((gint64) floor (x / INDEX_CELL), (gint64) floor (y / INDEX_CELL));
          GArray *cell;

          if (t > 0 && key == last_key)
            continue;
          last_key = key;
          cell = g_hash_table_lookup (index->cells, &key);
          for (guint i = 0; cell != NULL && i < cell->len; i++)
            {
              const graphene_rect_t *r = &g_array_index (cell, graphene_rect_t, i);

              if (!graphene_rect_equal (r, a) && (b == NULL || !graphene_rect_equal (r, b))
                  && segment_crosses (from, &to, r))
                crossings++;
            }
        }
    }
  return crossings;
}

/* Rings of grid points around @near, nearest first within each ring. With
 * @a (and @b), the place links to those boxes: the first free place whose
 * lines to them cross no other box, else of the first few free places the
 * one whose lines cross the fewest (each crossing counts as this much
 * distance). */
#define CROSSING_COST    400.0
#define MAX_CANDIDATES   64

static void
space_index_find (SpaceIndex             *index,
                  const graphene_rect_t  *bounds,
                  double                  width,
                  double                  height,
                  const graphene_point_t *near,
                  double                  gap,
                  const graphene_rect_t  *a,
                  const graphene_rect_t  *b,
                  graphene_rect_t        *result)
{
  double x0 = round (near->x - width / 2), y0 = round (near->y - height / 2);
  double best_score = G_MAXDOUBLE;
  guint candidates = 0, n_points;
  const RingPoint *points = search_points (&n_points);

  for (guint i = 0; i < n_points && candidates < MAX_CANDIDATES; i++)
    {
      const RingPoint *point = &points[i];
      graphene_rect_t candidate;
      graphene_point_t center;
      guint crossings;
      double score;

      graphene_rect_init (&candidate, x0 + point->dx * FREE_STEP, y0 + point->dy * FREE_STEP, width, height);
      if (space_index_hits (index, &candidate, gap))
        continue;
      if (a == NULL)
        {
          *result = candidate;
          return;
        }
      graphene_rect_get_center (&candidate, &center);
      crossings = space_index_crossings (index, &center, a, b);
      if (crossings == 0)
        {
          *result = candidate;
          return;
        }
      candidates++;
      score = point->distance * FREE_STEP + CROSSING_COST * crossings;
      if (score < best_score)
        {
          best_score = score;
          *result = candidate;
        }
    }
  if (best_score < G_MAXDOUBLE)
    return;
  /* Crowded all round: to the right of everything, at the same height. */
  graphene_rect_init (result, round (rect_x2 (bounds) + gap), y0, width, height);
}

void
cardinal_layout_find_free (const graphene_rect_t  *obstacles,
                           guint                   n_obstacles,
                           double                  width,
                           double                  height,
                           const graphene_point_t *near,
                           double                  gap,
                           graphene_rect_t        *result)
{
  SpaceIndex index;
  graphene_rect_t bounds;

  g_return_if_fail (n_obstacles == 0 || obstacles != NULL);
  g_return_if_fail (near != NULL && result != NULL);

  space_index_init (&index);
  for (guint i = 0; i < n_obstacles; i++)
    space_index_add (&index, &obstacles[i]);
  cardinal_layout_get_bounds (obstacles, n_obstacles, &bounds);
  space_index_find (&index, &bounds, width, height, near, gap, NULL, NULL, result);
  space_index_clear (&index);
}

void
cardinal_layout_place_link_tables (graphene_rect_t *boxes,
                                   guint            n_boxes,
                                   const guint     *between1,
                                   const guint     *between2)
{
  SpaceIndex index;
  graphene_rect_t bounds;

  g_return_if_fail (n_boxes == 0 || (boxes != NULL && between1 != NULL && between2 != NULL));

  space_index_init (&index);
  for (guint i = 0; i < n_boxes; i++)
    if (between1[i] == G_MAXUINT)
      space_index_add (&index, &boxes[i]);
  cardinal_layout_get_bounds (boxes, n_boxes, &bounds);
  for (guint i = 0; i < n_boxes; i++)
    {
      const graphene_rect_t *a, *b;
      graphene_point_t near;
      double width = boxes[i].size.width, height = boxes[i].size.height;

      if (between1[i] == G_MAXUINT)
        continue;
      a = between1[i] < n_boxes ? &boxes[between1[i]] : NULL;
      b = between2[i] < n_boxes ? &boxes[between2[i]] : a;
      if (a == NULL)
        a = b;
      if (a == NULL)
        near = GRAPHENE_POINT_INIT (rect_x2 (&bounds) + CARDINAL_LAYOUT_GAP + width / 2, bounds.origin.y + height / 2);
      else if (a == b)
        near = GRAPHENE_POINT_INIT (rect_x2 (a) + CARDINAL_LAYOUT_GAP + width / 2, a->origin.y + a->size.height / 2);
      else
        near = GRAPHENE_POINT_INIT ((a->origin.x + rect_x2 (a) + b->origin.x + rect_x2 (b)) / 4,
                                    (a->origin.y + rect_y2 (a) + b->origin.y + rect_y2 (b)) / 4);
      space_index_find (&index, &bounds, width, height, &near, CARDINAL_LAYOUT_GAP, a, b, &boxes[i]);
      space_index_add (&index, &boxes[i]);
      graphene_rect_union (&bounds, &boxes[i], &bounds);
    }
  space_index_clear (&index);
}

/* push-apart ------------------------------------------------------------- */

gboolean
cardinal_layout_push_apart (graphene_rect_t *boxes,
                            guint            n_boxes,
                            const gboolean  *fixed,
                            double           gap)
{
  /* 2: fixed, 1: already pushed (it pushes the unmoved ones), 0: unmoved. */
  g_autofree guint8 *rank = g_new0 (guint8, MAX (n_boxes, 1));
  gboolean moved = FALSE;

  g_return_val_if_fail (n_boxes == 0 || boxes != NULL, FALSE);

  for (guint i = 0; i < n_boxes; i++)
    rank[i] = fixed != NULL && fixed[i] ? 2 : 0;

  for (guint round_ = 0; round_ < PUSH_ROUNDS; round_++)
    {
      g_autofree guint *order = sorted_by_left (boxes, n_boxes);
      gboolean any = FALSE;

      for (guint i = 0; i < n_boxes; i++)
        for (guint j = i + 1; j < n_boxes; j++)
          {
            graphene_rect_t *p = &boxes[order[i]], *q = &boxes[order[j]];
            guint8 rp = rank[order[i]], rq = rank[order[j]];
            double px, py, dx = 0, dy = 0, share_p, share_q;

            if (q->origin.x >= rect_x2 (p) + gap)
              break;
            if (!rects_near (p, q, gap - 0.5) || (rp == 2 && rq == 2))
              continue;
            px = MIN (rect_x2 (p), rect_x2 (q)) - MAX (p->origin.x, q->origin.x) + gap;
            py = MIN (rect_y2 (p), rect_y2 (q)) - MAX (p->origin.y, q->origin.y) + gap;
            /* Out along the shorter way, q away from p. */
            if (px <= py)
              dx = (p->origin.x + rect_x2 (p) <= q->origin.x + rect_x2 (q) ? 1 : -1) * ceil (px);
            else
              dy = (p->origin.y + rect_y2 (p) <= q->origin.y + rect_y2 (q) ? 1 : -1) * ceil (py);
            share_p = rp > rq ? 0 : rp < rq ? 1 : 0.5;
            share_q = 1 - share_p;
            p->origin.x -= round (dx * share_p);
            p->origin.y -= round (dy * share_p);
            q->origin.x += dx - round (dx * share_p);
            q->origin.y += dy - round (dy * share_p);
            if (share_p > 0 && rp < 2)
              rank[order[i]] = 1;
            if (share_q > 0 && rq < 2)
              rank[order[j]] = 1;
            any = moved = TRUE;
          }
      if (!any)
        break;
    }
  return moved;
}

/* packing ------------------------------------------------------------------- */

static guint
find_root (guint *parent,
           guint  i)
{
  while (parent[i] != i)
    {
      parent[i] = parent[parent[i]];
      i = parent[i];
    }
  return i;
}

typedef struct
{
  GArray          *members;  /* of guint */
  graphene_rect_t  bounds;
} Component;

static int
compare_components (gconstpointer a,
                    gconstpointer b)
{
  const Component *p = a, *q = b;

  if (p->bounds.size.height != q->bounds.size.height)
    return p->bounds.size.height < q->bounds.size.height ? 1 : -1;
  if (p->bounds.size.width != q->bounds.size.width)
    return p->bounds.size.width < q->bounds.size.width ? 1 : -1;
  return g_array_index (p->members, guint, 0) < g_array_index (q->members, guint, 0) ? -1 : 1;
}

static void
component_bounds (const graphene_rect_t *boxes,
                  Component             *component)
{
  graphene_rect_t bounds = boxes[g_array_index (component->members, guint, 0)];

  for (guint k = 1; k < component->members->len; k++)
    graphene_rect_union (&bounds, &boxes[g_array_index (component->members, guint, k)], &bounds);
  component->bounds = bounds;
}

/* Folds a long thin component like a line of text: cut across its length
 * into slices (each box goes with its centre), the slices side by side the
 * other way. Each slice moves as a whole and slices are a gap apart, so no
 * overlap is made. */
static void
component_balance (graphene_rect_t *boxes,
                   Component       *component,
                   double           gap)
{
  double w = component->bounds.size.width, h = component->bounds.size.height;
  gboolean wide = w > COMPONENT_MAX_RATIO * h;
  double ratio, length, thickness;
  guint slices;

  if (!wide && h <= COMPONENT_MAX_RATIO * w)
    return;
  ratio = wide ? w / MAX (h, 1.0) : h / MAX (w, 1.0);
  slices = (guint) MAX (2.0, round (sqrt (ratio)));
  length = (wide ? w : h) / slices;
  thickness = (wide ? h : w) + gap;
  for (guint k = 0; k < component->members->len; k++)
    {
      graphene_rect_t *box = &boxes[g_array_index (component->members, guint, k)];
      double along = wide ? box->origin.x + box->size.width / 2 - component->bounds.origin.x
                          : box->origin.y + box->size.height / 2 - component->bounds.origin.y;
      guint slice = MIN ((guint) (along / length), slices - 1);

      if (wide)
        {
          box->origin.x -= round (slice * length);
          box->origin.y += round (slice * thickness);
        }
      else
        {
          box->origin.y -= round (slice * length);
          box->origin.x += round (slice * thickness);
        }
    }
  component_bounds (boxes, component);
}

void
cardinal_layout_pack (graphene_rect_t         *boxes,
                      guint                    n_boxes,
                      const CardinalRouteLink *links,
                      guint                    n_links,
                      double                   aspect,
                      double                   gap,
                      double                   margin)
{
  g_autofree guint *parent = NULL;
  g_autofree int *slot = NULL;
  g_autoptr(GArray) components = NULL;
  double area = 0, widest = 0, row_width, x, y, row_height;

  g_return_if_fail (n_boxes == 0 || boxes != NULL);
  g_return_if_fail (n_links == 0 || links != NULL);

  if (n_boxes == 0)
    return;
  if (!(aspect > 0.1 && aspect < 10))
    aspect = CARDINAL_LAYOUT_DEFAULT_ASPECT;

  parent = g_new (guint, n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    parent[i] = i;
  for (guint i = 0; i < n_links; i++)
    if (links[i].box1 < n_boxes && links[i].box2 < n_boxes)
      parent[find_root (parent, links[i].box1)] = find_root (parent, links[i].box2);

  slot = g_new (int, n_boxes);
  for (guint i = 0; i < n_boxes; i++)
    slot[i] = -1;
  components = g_array_new (FALSE, TRUE, sizeof (Component));
  for (guint i = 0; i < n_boxes; i++)
    {
      guint root = find_root (parent, i);
      Component *component;

      if (slot[root] < 0)
        {
          Component fresh = { g_array_new (FALSE, FALSE, sizeof (guint)), { { 0, 0 }, { 0, 0 } } };

          slot[root] = components->len;
          g_array_append_val (components, fresh);
        }
      component = &g_array_index (components, Component, slot[root]);
      g_array_append_val (component->members, i);
    }

  for (guint c = 0; c < components->len; c++)
    {
      Component *component = &g_array_index (components, Component, c);

      component_bounds (boxes, component);
      component_balance (boxes, component, gap);
      area += (component->bounds.size.width + gap) * (component->bounds.size.height + gap);
      widest = MAX (widest, component->bounds.size.width);
    }
  g_array_sort (components, compare_components);

  /* Shelves: the tallest blocks first, rows as wide as a rectangle of the
   * blocks' total area with the wanted aspect ratio. */
  row_width = MAX (widest, sqrt (area * aspect));
  x = y = margin;
  row_height = 0;
  for (guint c = 0; c < components->len; c++)
    {
      Component *component = &g_array_index (components, Component, c);
      double dx, dy;

      if (x > margin && x + component->bounds.size.width > margin + row_width)
        {
          x = margin;
          y += row_height + gap;
          row_height = 0;
        }
      dx = x - component->bounds.origin.x;
      dy = y - component->bounds.origin.y;
      for (guint k = 0; k < component->members->len; k++)
        {
          graphene_rect_t *box = &boxes[g_array_index (component->members, guint, k)];

          box->origin.x = round (box->origin.x + dx);
          box->origin.y = round (box->origin.y + dy);
        }
      x += component->bounds.size.width + gap;
      row_height = MAX (row_height, component->bounds.size.height);
    }

  for (guint c = 0; c < components->len; c++)
    g_array_unref (g_array_index (components, Component, c).members);
}

void
cardinal_layout_tidy (graphene_rect_t         *boxes,
                      guint                    n_boxes,
                      const CardinalRouteLink *links,
                      guint                    n_links,
                      double                   aspect,
                      double                   margin)
{
  g_autofree double *room = NULL;

  g_return_if_fail (n_boxes == 0 || boxes != NULL);
  g_return_if_fail (n_links == 0 || links != NULL);

  /* A box with self-loops is, for the layout, bigger by its loops at the
   * top and on the right, where cardinal_route_compute_all () draws them. */
  room = g_new0 (double, MAX (n_boxes, 1));
  for (guint i = 0; i < n_links; i++)
    if (links[i].box1 == links[i].box2 && links[i].box1 < n_boxes)
      room[links[i].box1] = room[links[i].box1] == 0 ? CARDINAL_ROUTE_SELF_LOOP + 4
                                                     : room[links[i].box1] + CARDINAL_ROUTE_SELF_LOOP_STEP;
  for (guint i = 0; i < n_boxes; i++)
    {
      boxes[i].origin.y -= room[i];
      boxes[i].size.width += room[i];
      boxes[i].size.height += room[i];
    }

  cardinal_layout_push_apart (boxes, n_boxes, NULL, CARDINAL_LAYOUT_GAP);
  cardinal_layout_pack (boxes, n_boxes, links, n_links, aspect, 1.5 * CARDINAL_LAYOUT_GAP, margin);

  for (guint i = 0; i < n_boxes; i++)
    {
      boxes[i].origin.y += room[i];
      boxes[i].size.width -= room[i];
      boxes[i].size.height -= room[i];
    }
}
