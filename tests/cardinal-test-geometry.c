/* cardinal-test-geometry.c: checks on a laid-out diagram (boxes that overlap, lines through boxes) for the layout tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-geometry.h"

#include <stdlib.h>

/* A box's left edge, to sweep the boxes from left to right. */
typedef struct
{
  double left;
  guint  index;
} LeftEdge;

static int
compare_left_edges (gconstpointer a,
                    gconstpointer b)
{
  const LeftEdge *p = a, *q = b;

  /* Ties in box order, so the pair reported is always the same one. */
  if (p->left != q->left)
    return (p->left > q->left) - (p->left < q->left);
  return (p->index > q->index) - (p->index < q->index);
}

gboolean
cardinal_layout_find_overlap (const graphene_rect_t *boxes,
                              guint                  n_boxes,
                              guint                 *first,
                              guint                 *second)
{
  g_autofree LeftEdge *edges = NULL;

  g_return_val_if_fail (n_boxes == 0 || boxes != NULL, FALSE);

  edges = g_new (LeftEdge, MAX (n_boxes, 1));
  for (guint i = 0; i < n_boxes; i++)
    edges[i] = (LeftEdge) { boxes[i].origin.x, i };
  qsort (edges, n_boxes, sizeof *edges, compare_left_edges);
  for (guint i = 0; i < n_boxes; i++)
    {
      const graphene_rect_t *box = &boxes[edges[i].index];

      /* Past the first box that starts right of this one, none can touch it. */
      for (guint j = i + 1; j < n_boxes && edges[j].left < box->origin.x + box->size.width; j++)
        if (cardinal_layout_rects_overlap (box, &boxes[edges[j].index]))
          {
            if (first != NULL)
              *first = MIN (edges[i].index, edges[j].index);
            if (second != NULL)
              *second = MAX (edges[i].index, edges[j].index);
            return TRUE;
          }
    }
  return FALSE;
}

gboolean
cardinal_route_crosses_rect (const CardinalRoute   *route,
                             const graphene_rect_t *rect)
{
  /* The inside only: a line may touch a box's border (its own ends do). */
  double x1 = rect->origin.x + 0.5, y1 = rect->origin.y + 0.5;
  double x2 = rect->origin.x + rect->size.width - 0.5, y2 = rect->origin.y + rect->size.height - 0.5;

  g_return_val_if_fail (route != NULL && rect != NULL, FALSE);

  for (guint i = 1; i < route->n_points; i++)
    {
      const graphene_point_t *a = &route->points[i - 1], *b = &route->points[i];

      if (MAX (a->x, b->x) > x1 && MIN (a->x, b->x) < x2
          && MAX (a->y, b->y) > y1 && MIN (a->y, b->y) < y2)
        return TRUE;
    }
  return FALSE;
}
