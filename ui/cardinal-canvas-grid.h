/* cardinal-canvas-grid.h: the canvas's spatial index: box and line indices by grid cell of the model, without GTK. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <graphene.h>

G_BEGIN_DECLS

/* Boxes and lines by grid cell of the model, so a tile or the view finds
 * what falls in it without testing everything. Plain indices, so it knows
 * nothing of the widget and can be tested without a display. */
typedef struct
{
  double   cell;       /* model units per cell side */
  double   x0;
  double   y0;
  int      cols;
  int      rows;
  GArray **items;      /* per cell: guint indices of boxes */
  GArray **edges;      /* per cell: guint indices of lines */
  guint   *item_seen;  /* query stamps, to report each index once */
  guint   *edge_seen;
  guint    n_items;
  guint    n_edges;
  guint    stamp;
} CardinalCanvasGrid;

/* Frees the cells; the grid is then empty and every query returns NULL. */
void    cardinal_canvas_grid_clear  (CardinalCanvasGrid    *grid);
/* Empties the grid and lays out cells over @area for @n_items boxes and
 * @n_edges lines, whose places cardinal_canvas_grid_insert () then adds. */
void    cardinal_canvas_grid_reset  (CardinalCanvasGrid    *grid,
                                     const graphene_rect_t *area,
                                     guint                  n_items,
                                     guint                  n_edges);
/* Files box (@edge FALSE) or line @index under every cell @rect touches. */
void    cardinal_canvas_grid_insert (CardinalCanvasGrid    *grid,
                                     gboolean               edge,
                                     const graphene_rect_t *rect,
                                     guint                  index);
/* Indices of the boxes (@edges FALSE) or lines that may fall in @rect, each
 * once, in increasing (drawing) order; NULL when the grid is empty. */
GArray *cardinal_canvas_grid_query  (CardinalCanvasGrid    *grid,
                                     const graphene_rect_t *rect,
                                     gboolean               edges);

G_END_DECLS
