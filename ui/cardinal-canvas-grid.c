/* cardinal-canvas-grid.c: the canvas's spatial index: which boxes and lines may fall in a model rectangle. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-grid.h"

#include <math.h>
#include <string.h>

void
cardinal_canvas_grid_clear (CardinalCanvasGrid *grid)
{
  for (int i = 0; grid->items != NULL && i < grid->cols * grid->rows; i++)
    {
      g_clear_pointer (&grid->items[i], g_array_unref);
      g_clear_pointer (&grid->edges[i], g_array_unref);
    }
  g_clear_pointer (&grid->items, g_free);
  g_clear_pointer (&grid->edges, g_free);
  g_clear_pointer (&grid->item_seen, g_free);
  g_clear_pointer (&grid->edge_seen, g_free);
  grid->cols = grid->rows = 0;
  grid->n_items = grid->n_edges = 0;
}

void
cardinal_canvas_grid_reset (CardinalCanvasGrid    *grid,
                            const graphene_rect_t *area,
                            guint                  n_items,
                            guint                  n_edges)
{
  int n_cells;

  cardinal_canvas_grid_clear (grid);
  /* About a box per cell on a dense model, and never more than 64k cells. */
  grid->cell = 400;
  while ((area->size.width / grid->cell + 1) * (area->size.height / grid->cell + 1) > 65536)
    grid->cell *= 2;
  grid->x0 = area->origin.x;
  grid->y0 = area->origin.y;
  grid->cols = (int) (area->size.width / grid->cell) + 1;
  grid->rows = (int) (area->size.height / grid->cell) + 1;
  n_cells = grid->cols * grid->rows;
  grid->items = g_new0 (GArray *, n_cells);
  grid->edges = g_new0 (GArray *, n_cells);
  grid->n_items = n_items;
  grid->n_edges = n_edges;
  grid->item_seen = g_new0 (guint, MAX (n_items, 1));
  grid->edge_seen = g_new0 (guint, MAX (n_edges, 1));
  grid->stamp = 0;
}

static void
grid_cells (const CardinalCanvasGrid *grid,
            const graphene_rect_t    *rect,
            int                      *c0,
            int                      *c1,
            int                      *r0,
            int                      *r1)
{
  *c0 = CLAMP ((int) floor ((rect->origin.x - grid->x0) / grid->cell), 0, grid->cols - 1);
  *c1 = CLAMP ((int) floor ((rect->origin.x + rect->size.width - grid->x0) / grid->cell), 0, grid->cols - 1);
  *r0 = CLAMP ((int) floor ((rect->origin.y - grid->y0) / grid->cell), 0, grid->rows - 1);
  *r1 = CLAMP ((int) floor ((rect->origin.y + rect->size.height - grid->y0) / grid->cell), 0, grid->rows - 1);
}

void
cardinal_canvas_grid_insert (CardinalCanvasGrid    *grid,
                             gboolean               edge,
                             const graphene_rect_t *rect,
                             guint                  index)
{
  GArray **cells = edge ? grid->edges : grid->items;
  int c0, c1, r0, r1;

  g_return_if_fail (cells != NULL);
  g_return_if_fail (index < (edge ? grid->n_edges : grid->n_items));

  grid_cells (grid, rect, &c0, &c1, &r0, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &cells[r * grid->cols + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

GArray *
cardinal_canvas_grid_query (CardinalCanvasGrid    *grid,
                            const graphene_rect_t *rect,
                            gboolean               edges)
{
  GArray *found;
  guint *seen;
  int c0, c1, r0, r1;

  if (grid->items == NULL)
    return NULL;
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  seen = edges ? grid->edge_seen : grid->item_seen;
  /* Stamps spare clearing the seen marks before every query. */
  if (++grid->stamp == 0)
    {
      memset (grid->item_seen, 0, sizeof (guint) * MAX (grid->n_items, 1));
      memset (grid->edge_seen, 0, sizeof (guint) * MAX (grid->n_edges, 1));
      grid->stamp = 1;
    }
  grid_cells (grid, rect, &c0, &c1, &r0, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = (edges ? grid->edges : grid->items)[r * grid->cols + c];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint index = g_array_index (cell, guint, i);

            if (seen[index] != grid->stamp)
              {
                seen[index] = grid->stamp;
                g_array_append_val (found, index);
              }
          }
      }
  g_array_sort (found, compare_indices);
  return found;
}
