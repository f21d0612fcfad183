/* cardinal-canvas-snapshot.c: drawing the canvas: the scene (from tiles or afresh) and what goes over it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

#include <math.h>

static void
append_rounded_border (GtkSnapshot           *snapshot,
                       const graphene_rect_t *rect,
                       double                 radius,
                       double                 width,
                       const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_grid (CardinalCanvas *self,
           GtkSnapshot    *snapshot,
           double          width,
           double          height)
{
  double step = GRID * self->paint.zoom, h = self->paint.h, v = self->paint.v;

  /* Every fifth line when the grid itself would be a blur. */
  if (step < 8)
    step *= 5;
  if (step < 8)
    return;
  for (double x = ceil (h / step) * step - h; x < width; x += step)
    gtk_snapshot_append_color (snapshot, &self->palette.grid, &GRAPHENE_RECT_INIT (floor (x), 0, 1, height));
  for (double y = ceil (v / step) * step - v; y < height; y += step)
    gtk_snapshot_append_color (snapshot, &self->palette.grid, &GRAPHENE_RECT_INIT (0, floor (y), width, 1));
}

static gboolean
edge_visible (CardinalCanvas           *self,
              const CardinalCanvasEdge *edge,
              const graphene_rect_t    *visible)
{
  graphene_rect_t a, b, both;

  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item1), &a);
  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item2), &b);
  graphene_rect_union (&a, &b, &both);
  graphene_rect_inset (&both, -CARDINAL_ROUTE_MARGIN, -CARDINAL_ROUTE_MARGIN);
  return cardinal_canvas_rects_intersect (&both, visible);
}

/* The crow's-foot symbols of the native path: cairo nodes, one per kind of
 * end, direction and selection state, appended at every end of that kind.
 * GL rasterizes a cairo node once per node and scale and reuses the texture,
 * so a frame rasterizes at most a few small symbols, and a pan none. */
static GskRenderNode *
end_sprite (CardinalCanvas          *self,
            const CardinalRouteEnd *end,
            const graphene_point_t  *dir,
            gboolean                 selected,
            double                   line_width)
{
  static const graphene_point_t directions[4] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
  guint d = dir->x > 0 ? 0 : dir->x < 0 ? 1 : dir->y > 0 ? 2 : 3;
  GskRenderNode **slot = &self->end_sprites[selected ? 1 : 0][end->min * 2 + (end->many ? 1 : 0)][d];

  if (fabs (self->end_sprite_width - line_width) > line_width * 0.01)
    {
      cardinal_canvas_drop_end_sprites (self);
      self->end_sprite_width = line_width;
    }
  if (*slot == NULL)
    {
      graphene_rect_t bounds;
      cairo_t *cr;

      cardinal_route_end_get_bounds (&directions[d], line_width, &bounds);
      *slot = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (*slot);
      cardinal_route_end_draw (cr, end, &directions[d], line_width,
                                selected ? &self->palette.accent : &self->palette.edge);
      cairo_destroy (cr);
    }
  return *slot;
}

static void
append_node_at (GtkSnapshot            *snapshot,
                GskRenderNode          *node,
                const graphene_point_t *point)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, point);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

/* Few lines: native nodes in model coordinates, so software GL shades only
 * the pixels of the lines themselves. */
static guint
end_sprite_index (const CardinalRouteEnd *end,
                  const graphene_point_t  *dir)
{
  guint d = dir->x > 0 ? 0 : dir->x < 0 ? 1 : dir->y > 0 ? 2 : 3;

  return (end->min * 2 + (end->many ? 1 : 0)) * 4 + d;
}

/* In the scene every line is drawn unselected; selected ones go over it. */
static inline gboolean
edge_drawn_selected (const CardinalCanvasEdge *edge,
                     DrawPart                  part)
{
  return part != DRAW_SCENE && edge->selected;
}

static void
draw_edges_native (CardinalCanvas            *self,
                   GtkSnapshot               *snapshot,
                   const CardinalRoute *routes,
                   const guint               *which,
                   guint                      n,
                   gboolean                   ends,
                   double                     line_width,
                   DrawPart                   part)
{
  double z = self->paint.zoom;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->paint.h, -self->paint.v));
  gtk_snapshot_scale (snapshot, z, z);
  /* Unselected lines first, selected ones over them. */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean selected = pass == 1;
      double width = (selected ? 2 * line_width : line_width) / z;
      /* Ends by kind: appended together, each kind's copies share one
       * texture, so GL draws them in one batch instead of one per end. */
      GArray *kinds[16] = { NULL, };

      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);
          const CardinalRoute *route = &routes[k];
          guint first, last, far_end;

          if (edge_drawn_selected (edge, part) != selected)
            continue;
          cardinal_route_append_segments (route, ends ? &edge->end1 : NULL, ends ? &edge->end2 : NULL,
                                                 snapshot, width,
                                                 selected ? &self->palette.accent : &self->palette.edge);
          if (!ends)
            continue;
          first = end_sprite_index (&edge->end1, &route->dir1);
          last = end_sprite_index (&edge->end2, &route->dir2);
          if (kinds[first] == NULL)
            kinds[first] = g_array_new (FALSE, FALSE, sizeof (guint));
          if (kinds[last] == NULL)
            kinds[last] = g_array_new (FALSE, FALSE, sizeof (guint));
          /* The far end is told apart by the high bit. */
          far_end = k | 0x80000000u;
          g_array_append_val (kinds[first], k);
          g_array_append_val (kinds[last], far_end);
        }

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          for (guint j = 0; kinds[i] != NULL && j < kinds[i]->len; j++)
            {
              guint entry = g_array_index (kinds[i], guint, j);
              gboolean far = (entry & 0x80000000u) != 0;
              const CardinalRoute *route = &routes[entry & ~0x80000000u];
              const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge,
                                                               which[entry & ~0x80000000u]);

              append_node_at (snapshot,
                              end_sprite (self, far ? &edge->end2 : &edge->end1, far ? &route->dir2 : &route->dir1,
                                          selected, width),
                              far ? &route->points[route->n_points - 1] : &route->points[0]);
            }
          g_clear_pointer (&kinds[i], g_array_unref);
        }
    }
  gtk_snapshot_restore (snapshot);
}

/* Many lines: one cairo node in widget coordinates, no larger than the part
 * of the widget they cross, so its surface never grows with the zoom. */
static void
draw_edges_cairo (CardinalCanvas            *self,
                  GtkSnapshot               *snapshot,
                  const CardinalRoute *routes,
                  const guint               *which,
                  guint                      n,
                  gboolean                   ends,
                  double                     line_width,
                  const graphene_rect_t     *bounds,
                  DrawPart                   part)
{
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, bounds);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean selected = pass == 1, any = FALSE;

      gdk_cairo_set_source_rgba (cr, selected ? &self->palette.accent : &self->palette.edge);
      cairo_set_line_width (cr, selected ? 2 * line_width : line_width);

      /* The lines alone are axis-aligned: cairo strokes them as boxes. */
      for (guint k = 0; k < n; k++)
        if (edge_drawn_selected (&g_array_index (self->edges, CardinalCanvasEdge, which[k]), part) == selected)
          {
            cardinal_route_append_line (&routes[k], cr, z, h, v);
            any = TRUE;
          }
      if (!any)
        continue;
      cairo_stroke (cr);
      if (!ends)
        continue;

      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);

          if (edge_drawn_selected (edge, part) == selected)
            cardinal_route_append_ends (&routes[k], &edge->end1, &edge->end2, cr, z, h, v);
        }
      cairo_stroke (cr);

      any = FALSE;
      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);

          if (edge_drawn_selected (edge, part) == selected)
            any |= cardinal_route_append_circles (&routes[k], &edge->end1, &edge->end2, cr, z, h, v);
        }
      if (!any)
        continue;
      /* Hollow circles: clearing their inside lets whatever is behind the
       * canvas show, with no need to know its colour. */
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_fill_preserve (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Lines are culled like boxes, and routed here from the boxes as drawn, so
 * they follow a drag live. With software GL a frame costs per pixel shaded
 * and per primitive: a viewport-sized cairo texture costs the same for ten
 * lines as for ten thousand, while rectangles cost per line. So few lines
 * are drawn natively and many with one cairo node; the switch point was
 * measured with the canvas benchmark (cardinal --benchmark-canvas). */
static void
draw_edges (CardinalCanvas        *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *visible,
            DrawPart               part)
{
  g_autofree CardinalRoute *routes = NULL;
  g_autofree guint *which = NULL;
  g_autoptr(GArray) candidates = NULL;
  gboolean ends = self->paint.zoom >= ENDS_ZOOM;
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  double width = self->paint.width, height = self->paint.height;
  /* Device pixels; never thinner than one, so no line drops out between pixels. */
  double line_width = CLAMP (1.25 * z, 1.0, 2.5);
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  guint n = 0;

  self->drawn_lines = 0;
  if (self->edges->len == 0)
    return;

  candidates = cardinal_canvas_query_grid (self, visible, TRUE);
  routes = g_new (CardinalRoute, self->edges->len);
  which = g_new (guint, self->edges->len);
  for (guint j = 0; j < (candidates != NULL ? candidates->len : self->edges->len); j++)
    {
      guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      graphene_rect_t bounds;

      if ((part == DRAW_OVER && !edge->selected) || !edge_visible (self, edge, visible))
        continue;
      cardinal_canvas_edge_route (self, edge, &routes[n]);
      cardinal_route_get_bounds (&routes[n], &bounds);
      /* Room for the bars and feet across the line, and for the line width. */
      graphene_rect_inset (&bounds, -(END_EXTENT + line_width / z), -(END_EXTENT + line_width / z));
      if (!cardinal_canvas_rects_intersect (&bounds, visible))
        continue;
      x1 = MIN (x1, bounds.origin.x);
      y1 = MIN (y1, bounds.origin.y);
      x2 = MAX (x2, bounds.origin.x + bounds.size.width);
      y2 = MAX (y2, bounds.origin.y + bounds.size.height);
      which[n++] = i;
    }
  if (!self->paint.tile)
    self->drawn_lines = n;
  if (n == 0)
    return;

  /* A tile is drawn with cairo in the end, where one path beats many nodes. */
  if (n <= NATIVE_LINES_MAX && !self->paint.tile)
    {
      draw_edges_native (self, snapshot, routes, which, n, ends, line_width, part);
      return;
    }

  x1 = MAX (floor (x1 * z - h), 0);
  y1 = MAX (floor (y1 * z - v), 0);
  x2 = MIN (ceil (x2 * z - h), width);
  y2 = MIN (ceil (y2 * z - v), height);
  if (x2 > x1 && y2 > y1)
    draw_edges_cairo (self, snapshot, routes, which, n, ends, line_width,
                      &GRAPHENE_RECT_INIT (x1, y1, x2 - x1, y2 - y1), part);
}

/* The link-attribute boxes sit on their lines, over the boxes so that they
 * stay readable where entities are close together. Model coordinates. */
static void
draw_labels (CardinalCanvas        *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *visible,
             CardinalCanvasLod      lod,
             DrawPart               part)
{
  double z = self->paint.zoom;
  g_autoptr(GArray) candidates = NULL;

  /* Attribute rows are detail: the boxes only come with the full level. */
  if (lod != CARDINAL_CANVAS_LOD_FULL)
    return;
  candidates = cardinal_canvas_query_grid (self, visible, TRUE);
  for (guint j = 0; j < (candidates != NULL ? candidates->len : self->edges->len); j++)
    {
      guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalRoute route;
      graphene_rect_t rect;

      if (edge->label == NULL || (part == DRAW_OVER && !edge->selected) || !edge_visible (self, edge, visible))
        continue;
      cardinal_canvas_edge_route (self, edge, &route);
      cardinal_canvas_label_rect (&route, edge->label, &rect);
      if (!cardinal_canvas_rects_intersect (&rect, visible))
        continue;
      if (part != DRAW_OVER)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &rect.origin);
          gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_node (edge->label, lod, &self->palette,
                                                                             self->pango_context));
          gtk_snapshot_restore (snapshot);
          cardinal_canvas_append_item_text (self, snapshot, edge->label, &rect, lod);
          cardinal_canvas_item_append_outline (edge->label, snapshot, &rect.origin, MAX (1.0, 1.0 / z), &self->palette);
        }
      if (part != DRAW_SCENE && edge->selected)
        {
          graphene_rect_inset (&rect, -2 / z, -2 / z);
          cardinal_canvas_append_frame (snapshot, &rect, 2 / z, &self->palette.accent);
        }
    }
}

static void
draw_item (CardinalCanvas     *self,
           GtkSnapshot        *snapshot,
           CardinalCanvasItem *item,
           int                 index,
           CardinalCanvasLod   lod,
           DrawPart            part)
{
  double z = self->paint.zoom;
  graphene_rect_t rect;
  gboolean highlighted;

  cardinal_canvas_item_rect (self, item, &rect);

  if (lod == CARDINAL_CANVAS_LOD_BOX)
    {
      /* A few pixels per box: one plain rectangle, no node cache needed. */
      if (part != DRAW_OVER)
        gtk_snapshot_append_color (snapshot, &self->palette.overview, &rect);
      if (part != DRAW_SCENE && item->selected)
        gtk_snapshot_append_color (snapshot, &self->palette.accent, &rect);
      if (part != DRAW_OVER)
        cardinal_canvas_append_item_text (self, snapshot, item, &rect, lod);
      return;
    }

  if (part != DRAW_OVER)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect.origin);
      gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_node (item, lod, &self->palette, self->pango_context));
      gtk_snapshot_restore (snapshot);
      cardinal_canvas_append_item_text (self, snapshot, item, &rect, lod);
      if (lod == CARDINAL_CANVAS_LOD_FULL)
        cardinal_canvas_item_append_outline (item, snapshot, &rect.origin, MAX (1.0, 1.0 / z), &self->palette);
    }
  if (part == DRAW_SCENE)
    return;

  cardinal_canvas_draw_row_highlight (self, snapshot, item, &rect, lod);
  highlighted = index == self->connect_target ||
                (self->connect_from != NULL && g_strcmp0 (item->entity, self->connect_from) == 0);
  if (item->selected || highlighted)
    {
      graphene_rect_t ring;

      graphene_rect_inset_r (&rect, -2 / z, -2 / z, &ring);
      cardinal_canvas_append_frame (snapshot, &ring, 2.5 / z, &self->palette.accent);
    }
  else if (index == self->hover_item && self->drag_mode == DRAG_NONE)
    {
      cardinal_canvas_append_frame (snapshot, &rect, 1.5 / z, &self->palette.hover);
    }

  if (index == self->hover_item && item->entity != NULL &&
      (self->drag_mode == DRAG_NONE || self->drag_mode == DRAG_CONNECT_PENDING))
    {
      /* The connector handle: drag from it to connect. */
      double r = HANDLE_RADIUS / z;
      graphene_rect_t dot = GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - r,
                                                rect.origin.y + rect.size.height / 2 - r, 2 * r, 2 * r);
      GskRoundedRect round;

      gsk_rounded_rect_init_from_rect (&round, &dot, r);
      gtk_snapshot_push_rounded_clip (snapshot, &round);
      gtk_snapshot_append_color (snapshot, &self->palette.accent, &dot);
      gtk_snapshot_pop (snapshot);
      append_rounded_border (snapshot, &dot, r, 1.5 / z, &self->palette.box);
    }
}

static void
draw_connect_line (CardinalCanvas *self,
                   GtkSnapshot    *snapshot)
{
  gboolean found;
  guint index = cardinal_canvas_lookup_index (self->entity_items, self->connect_from, &found);
  graphene_rect_t rect;
  double x1, y1, x2 = self->drag_x, y2 = self->drag_y;
  cairo_t *cr;
  const double dashes[] = { 6, 4 };

  if (!found)
    return;
  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, index), &rect);
  x1 = (rect.origin.x + rect.size.width / 2) * self->paint.zoom - self->paint.h;
  y1 = (rect.origin.y + rect.size.height / 2) * self->paint.zoom - self->paint.v;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (MIN (x1, x2) - 4, MIN (y1, y2) - 4,
                                                                 fabs (x2 - x1) + 8, fabs (y2 - y1) + 8));
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 2);
  gdk_cairo_set_source_rgba (cr, &self->palette.accent);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* Lines, boxes and link-attribute boxes of the part of the model in
 * @visible, with self->paint saying where; returns how many boxes. */
static guint
draw_scene (CardinalCanvas        *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *visible,
            CardinalCanvasLod      lod,
            DrawPart               part)
{
  double z = self->paint.zoom;
  guint drawn = 0;
  g_autoptr(GArray) candidates = cardinal_canvas_query_grid (self, visible, FALSE);
  guint n = candidates != NULL ? candidates->len : self->items->len;

  cardinal_canvas_draw_groups (self, snapshot, visible, part);
  draw_edges (self, snapshot, visible, part);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->paint.h, -self->paint.v));
  gtk_snapshot_scale (snapshot, z, z);
  /* Culling is a rectangle test over the boxes in drawing order: a few
   * microseconds for thousands of boxes, and the order stays stable. Boxes
   * being dragged go last so they pass over the others. */
  for (int pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n; j++)
      {
        guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
        CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
        graphene_rect_t rect;

        if (item->dragging != (pass == 1))
          continue;
        cardinal_canvas_item_rect (self, item, &rect);
        if (!cardinal_canvas_rects_intersect (&rect, visible))
          continue;
        draw_item (self, snapshot, item, i, lod, part);
        drawn++;
      }
  draw_labels (self, snapshot, visible, lod, part);
  cardinal_canvas_draw_notes (self, snapshot, visible, part);
  gtk_snapshot_restore (snapshot);
  return drawn;
}

cairo_surface_t *
cardinal_canvas_render_scene_tile (gpointer user_data,
                                   int      level,
                                   int      lod,
                                   int      col,
                                   int      row,
                                   int      size,
                                   int      scale_factor)
{
  CardinalCanvas *self = user_data;
  double zl = cardinal_canvas_tiles_level_zoom (level);
  CanvasPaint saved = self->paint;
  graphene_rect_t visible = GRAPHENE_RECT_INIT (col * size / zl, row * size / zl, size / zl, size / zl);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  cardinal_canvas_ensure_palette (self);
  cardinal_canvas_ensure_items (self);
  self->paint = (CanvasPaint) { zl, (double) col * size, (double) row * size, size, size, TRUE };
  draw_scene (self, snapshot, &visible, lod, DRAW_SCENE);
  cardinal_canvas_draw_name_labels (self, snapshot, &visible, zl, DRAW_SCENE);
  self->paint = saved;
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale_factor, size * scale_factor);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  return surface;
}

void
cardinal_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  CardinalCanvasLod lod = cardinal_canvas_current_lod (self);
  graphene_rect_t visible;
  /* Boxes being dragged move every frame: tiles of them would be waste. */
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  /* Tiles are painted from cairo surfaces: under a GL renderer every tile
   * would be a texture upload, which llvmpipe made slower than drawing. */
  gboolean tiled = self->use_tiles && self->drag_mode != DRAG_MOVE && GSK_IS_CAIRO_RENDERER (renderer);

  cardinal_canvas_ensure_palette (self);
  cardinal_canvas_ensure_items (self);
  cardinal_canvas_get_visible_rect (self, &visible);
  self->paint = (CanvasPaint) { self->zoom, cardinal_canvas_hvalue (self), cardinal_canvas_vvalue (self), width, height, FALSE };
  if (tiled)
    cardinal_canvas_tiles_align (self->zoom, &self->paint.h, &self->paint.v);

  /* No background of its own: what is behind (the window) shows through, and
   * with software rendering every full-window layer costs milliseconds. */
  if (self->snap)
    draw_grid (self, snapshot, width, height);

  if (tiled)
    {
      /* The base: the whole model at the zoom that fits it in the view. */
      double fit = MIN (width / MAX (self->model_bounds.size.width, 1.0),
                        height / MAX (self->model_bounds.size.height, 1.0));
      int base_level = cardinal_canvas_tiles_level_for (MIN (fit, self->zoom));
      guint stand_ins = 0;

      cardinal_canvas_tiles_set_base (self->tiles, base_level,
                                      cardinal_canvas_lod_for_zoom (cardinal_canvas_tiles_level_zoom (base_level)),
                                      &self->model_bounds);
      tiled = cardinal_canvas_tiles_snapshot (self->tiles, snapshot, self->zoom, self->paint.h, self->paint.v,
                                              width, height, lod, TILE_BUDGET_US, &stand_ins);
      if (stand_ins > 0)
        self->stand_in_frames++;
      self->last_frame_from_tiles = tiled && stand_ins == 0;
    }
  else
    self->last_frame_from_tiles = FALSE;
  self->drawn_boxes = draw_scene (self, snapshot, &visible, lod, tiled ? DRAW_OVER : DRAW_ALL);
  /* With tiles the labels are in them; only the selected ones go over. */
  cardinal_canvas_draw_name_labels (self, snapshot, &visible,
                                    tiled ? cardinal_canvas_tiles_level_zoom (cardinal_canvas_tiles_level_for (self->zoom))
                                          : self->zoom,
                                    tiled ? DRAW_OVER : DRAW_ALL);

  if (self->drag_mode == DRAG_BAND)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_start_x, self->drag_x),
                                                 MIN (self->drag_start_y, self->drag_y),
                                                 fabs (self->drag_x - self->drag_start_x),
                                                 fabs (self->drag_y - self->drag_start_y));

      gtk_snapshot_append_color (snapshot, &self->palette.accent_fill, &band);
      cardinal_canvas_append_frame (snapshot, &band, 1, &self->palette.accent);
    }
  if (self->drag_mode == DRAG_CONNECT && self->connect_from != NULL)
    draw_connect_line (self, snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = self->palette.accent;

      ring.alpha = 0.5f;
      cardinal_canvas_append_frame (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height), 2, &ring);
    }
}
