/* cardinal-canvas-names.c: semantic zoom: entity names stay readable at any zoom, attribute rows fade out. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

#include <math.h>
#include <string.h>

/* Pixels: the side of a cell of the label occupancy map, and the padding
 * around a label's text. */
#define LABEL_CELL   8
#define LABEL_PAD_X  3.0
#define LABEL_PAD_Y  1.0

double
cardinal_canvas_rows_alpha (double zoom)
{
  /* Smoothstep, so the fade has no visible start or end. */
  double t = CLAMP ((zoom - LOD_FULL_ZOOM) / (ROWS_OPAQUE_ZOOM - LOD_FULL_ZOOM), 0.0, 1.0);

  return t * t * (3 - 2 * t);
}

/* The rows (faded by the zoom) and the name of @item, whose box is @rect;
 * model coordinates, the snapshot already scaled by self->paint.zoom. A name
 * that does not fit is left to cardinal_canvas_draw_name_labels (). */
void
cardinal_canvas_append_item_text (CardinalCanvas        *self,
                                  GtkSnapshot           *snapshot,
                                  CardinalCanvasItem    *item,
                                  const graphene_rect_t *rect,
                                  CardinalCanvasLod      lod)
{
  double z = self->paint.zoom, k, x, y;
  GskRenderNode *rows;

  if (lod == CARDINAL_CANVAS_LOD_FULL &&
      (rows = cardinal_canvas_item_get_rows_node (item, &self->palette)) != NULL)
    {
      double alpha = cardinal_canvas_rows_alpha (z);

      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect->origin);
      if (alpha < 1.0)
        gtk_snapshot_push_opacity (snapshot, alpha);
      gtk_snapshot_append_node (snapshot, rows);
      if (alpha < 1.0)
        gtk_snapshot_pop (snapshot);
      gtk_snapshot_restore (snapshot);
    }

  if (!cardinal_canvas_item_title_scale (item, z, NAME_MIN_HEIGHT, &k))
    return;

  if (k <= 1.0)
    {
      x = CARDINAL_CANVAS_ITEM_PAD_X;
      y = CARDINAL_CANVAS_ITEM_PAD_Y;
    }
  else if (lod == CARDINAL_CANVAS_LOD_FULL)
    {
      /* The header grows with the name, over the first (fading) rows. */
      double band = MIN (item->height, MAX (item->header_height, item->title_height * k + CARDINAL_CANVAS_ITEM_PAD_Y));
      GdkRGBA header = cardinal_canvas_item_header_color (item, &self->palette);

      gtk_snapshot_append_color (snapshot, &header,
                                 &GRAPHENE_RECT_INIT (rect->origin.x, rect->origin.y, item->width, band));
      x = CARDINAL_CANVAS_ITEM_PAD_X / 2;
      y = (band - item->title_height * k) / 2;
    }
  else
    {
      /* No rows: the name in the middle of the box. */
      x = (item->width - item->title_width * k) / 2;
      y = (item->height - item->title_height * k) / 2;
    }

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (rect->origin.x + x, rect->origin.y + y));
  if (k > 1.0)
    gtk_snapshot_scale (snapshot, k, k);
  gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_title_node (item, &self->palette));
  gtk_snapshot_restore (snapshot);
}

/* Claims the occupancy cells under @rect (pixels at the placement's zoom,
 * from the map's origin); FALSE, and nothing claimed, when another label
 * holds any of them. */
static gboolean
claim_cells (guint8                *cells,
             const graphene_rect_t *rect,
             int                    cols,
             int                    rows)
{
  int c1 = MAX (0, (int) floor (rect->origin.x / LABEL_CELL));
  int r1 = MAX (0, (int) floor (rect->origin.y / LABEL_CELL));
  int c2 = MIN (cols - 1, (int) floor ((rect->origin.x + rect->size.width) / LABEL_CELL));
  int r2 = MIN (rows - 1, (int) floor ((rect->origin.y + rect->size.height) / LABEL_CELL));

  if (c1 > c2 || r1 > r2)
    return FALSE;
  for (int r = r1; r <= r2; r++)
    for (int c = c1; c <= c2; c++)
      if (cells[r * cols + c])
        return FALSE;
  for (int r = r1; r <= r2; r++)
    memset (cells + r * cols + c1, 1, c2 - c1 + 1);
  return TRUE;
}

/* Where @item's label goes at @zoom, in pixels of the zoomed model (the
 * model point (x, y) is at (x * zoom, y * zoom)); the text's scale in @scale. */
static void
label_rect (const CardinalCanvas     *self,
            const CardinalCanvasItem *item,
            const graphene_rect_t    *box,
            double                    zoom,
            graphene_rect_t          *label,
            double                   *scale)
{
  double text_w;

  *scale = NAME_MIN_HEIGHT / MAX (item->title_height, 1.0);
  text_w = MIN (item->title_width * *scale, NAME_LABEL_MAX_WIDTH);
  label->size.width = ceil (text_w + 2 * LABEL_PAD_X);
  label->size.height = ceil (item->title_height * *scale + 2 * LABEL_PAD_Y);
  label->origin.x = floor ((box->origin.x + box->size.width / 2) * zoom - label->size.width / 2);
  label->origin.y = floor (box->origin.y * zoom - label->size.height - 1);
}

void
cardinal_canvas_forget_labels (CardinalCanvas *self)
{
  for (guint i = 0; i < G_N_ELEMENTS (self->label_cache); i++)
    {
      g_clear_pointer (&self->label_cache[i].items, g_array_unref);
      self->label_cache[i].zoom = 0;
    }
}

/* Which boxes get a label at @zoom: decided once per zoom for the whole
 * model, not per frame or per tile, so that every tile and every frame
 * agree and a label crossing a tile edge is drawn whole. Labels never
 * overlap: an occupancy map of the zoomed model in LABEL_CELL cells is
 * filled in drawing order. Indices into self->items. */
static GArray *
placed_labels (CardinalCanvas *self,
               double          zoom)
{
  LabelCache *slot = NULL;
  g_autofree guint8 *cells = NULL;
  graphene_rect_t bounds = self->model_bounds;
  double ox, oy;
  int cols, rows;

  for (guint i = 0; i < G_N_ELEMENTS (self->label_cache); i++)
    if (self->label_cache[i].items != NULL && self->label_cache[i].zoom == zoom)
      return self->label_cache[i].items;

  slot = &self->label_cache[self->label_cache_next];
  self->label_cache_next = (self->label_cache_next + 1) % G_N_ELEMENTS (self->label_cache);
  g_clear_pointer (&slot->items, g_array_unref);
  slot->zoom = zoom;
  slot->items = g_array_new (FALSE, FALSE, sizeof (guint));

  /* Room above the top row for its labels. */
  ox = bounds.origin.x * zoom - NAME_LABEL_MAX_WIDTH;
  oy = bounds.origin.y * zoom - 4 * NAME_MIN_HEIGHT;
  cols = (int) ceil ((bounds.size.width * zoom + 2 * NAME_LABEL_MAX_WIDTH) / LABEL_CELL) + 1;
  rows = (int) ceil ((bounds.size.height * zoom + 4 * NAME_MIN_HEIGHT) / LABEL_CELL) + 1;
  /* Zoomed in that far every name fits in its box anyway. */
  if ((gint64) cols * rows > 16 * 1024 * 1024)
    return slot->items;
  cells = g_malloc0 ((gsize) cols * rows);

  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
      graphene_rect_t box, label;
      double k, scale;

      if (item->title == NULL || cardinal_canvas_item_title_scale (item, zoom, NAME_MIN_HEIGHT, &k))
        continue;
      cardinal_canvas_item_rect (self, item, &box);
      label_rect (self, item, &box, zoom, &label, &scale);
      label.origin.x -= ox;
      label.origin.y -= oy;
      if (claim_cells (cells, &label, cols, rows))
        g_array_append_val (slot->items, i);
    }
  return slot->items;
}

static void
append_label (CardinalCanvas           *self,
              GtkSnapshot              *snapshot,
              CardinalCanvasItem       *item,
              const graphene_rect_t    *label,
              double                    scale,
              gboolean                  selected)
{
  GdkRGBA back = selected ? self->palette.accent : self->palette.box;
  const GdkRGBA *border = selected ? &self->palette.accent : &self->palette.border;
  /* Most names are shorter than the widest label: no clip for them. */
  gboolean clip = item->title_width * scale > label->size.width - 2 * LABEL_PAD_X;

  back.alpha = selected ? 0.25f : 0.9f;
  gtk_snapshot_append_color (snapshot, &back, label);
  gtk_snapshot_append_color (snapshot, border,
                             &GRAPHENE_RECT_INIT (label->origin.x, label->origin.y + label->size.height - 1,
                                                  label->size.width, 1));
  if (clip)
    gtk_snapshot_push_clip (snapshot, label);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (label->origin.x + LABEL_PAD_X, label->origin.y + LABEL_PAD_Y));
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_title_node (item, &self->palette));
  gtk_snapshot_restore (snapshot);
  if (clip)
    gtk_snapshot_pop (snapshot);
}

/* The names of boxes too small to hold them, as labels just above the
 * boxes, in the coordinates of self->paint (the widget's, or a tile's).
 * @part DRAW_SCENE: every placed label, unselected (tiles cache them);
 * DRAW_OVER: the selected ones only; DRAW_ALL: all as they are.
 * Also counts the names shown at the widget's zoom for
 * cardinal_canvas_get_drawn_names () unless drawing a tile. */
void
cardinal_canvas_draw_name_labels (CardinalCanvas        *self,
                                  GtkSnapshot           *snapshot,
                                  const graphene_rect_t *visible,
                                  double                 scene_zoom,
                                  DrawPart               part)
{
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  graphene_rect_t area = GRAPHENE_RECT_INIT (0, 0, self->paint.width, self->paint.height);
  GArray *placed = placed_labels (self, scene_zoom);

  for (guint j = 0; j < placed->len; j++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, g_array_index (placed, guint, j));
      gboolean selected = part != DRAW_SCENE && item->selected;
      graphene_rect_t box, label;
      double scale;

      if (part == DRAW_OVER && !selected)
        continue;
      cardinal_canvas_item_rect (self, item, &box);
      label_rect (self, item, &box, z, &label, &scale);
      label.origin.x -= h;
      label.origin.y -= v;
      if (cardinal_canvas_rects_intersect (&label, &area))
        append_label (self, snapshot, item, &label, scale, selected);
    }

  if (!self->paint.tile)
    {
      g_autoptr(GArray) candidates = cardinal_canvas_query_grid (self, visible, FALSE);
      guint n = candidates != NULL ? candidates->len : self->items->len;

      self->drawn_names = 0;
      self->drawn_name_labels = 0;
      for (guint j = 0; j < placed->len; j++)
        {
          CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, g_array_index (placed, guint, j));
          graphene_rect_t box, label;
          double scale;

          cardinal_canvas_item_rect (self, item, &box);
          label_rect (self, item, &box, z, &label, &scale);
          label.origin.x -= h;
          label.origin.y -= v;
          if (cardinal_canvas_rects_intersect (&label, &area))
            self->drawn_name_labels++;
        }
      self->drawn_names = self->drawn_name_labels;
      /* Decided at the zoom the scene was drawn at (a tile level's), as
       * the boxes decided, so that a name is in its box or above it. */
      for (guint j = 0; j < n; j++)
        {
          CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, candidates != NULL ?
                                                                    g_array_index (candidates, guint, j) : j);
          graphene_rect_t box;
          double k;

          if (item->title == NULL || !cardinal_canvas_item_title_scale (item, scene_zoom, NAME_MIN_HEIGHT, &k))
            continue;
          cardinal_canvas_item_rect (self, item, &box);
          if (cardinal_canvas_rects_intersect (&box, visible))
            self->drawn_names++;
        }
    }
}

void
cardinal_canvas_get_drawn_names (CardinalCanvas *self,
                                 guint          *names,
                                 guint          *labels)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  if (names != NULL)
    *names = self->drawn_names;
  if (labels != NULL)
    *labels = self->drawn_name_labels;
}
