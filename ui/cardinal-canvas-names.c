/* cardinal-canvas-names.c: semantic zoom: entity names stay readable at any zoom, attribute rows fade out. */
#include "cardinal-canvas-private.h"

#include <math.h>
#include <string.h>

/* Widget pixels: the side of a cell of the label occupancy map, and the
 * padding around a label's text. */
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

/* Claims the occupancy cells under @rect (widget coordinates); FALSE, and
 * nothing claimed, when another label holds any of them. */
static gboolean
claim_cells (CardinalCanvas        *self,
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
      if (self->label_cells[r * cols + c])
        return FALSE;
  for (int r = r1; r <= r2; r++)
    memset (self->label_cells + r * cols + c1, 1, c2 - c1 + 1);
  return TRUE;
}

static void
append_label (CardinalCanvas           *self,
              GtkSnapshot              *snapshot,
              CardinalCanvasItem       *item,
              const graphene_rect_t    *label,
              double                    scale)
{
  GdkRGBA back = item->selected ? self->palette.accent_fill : self->palette.box;

  back.alpha = item->selected ? 0.9f : 0.85f;
  gtk_snapshot_append_color (snapshot, &back, label);
  gtk_snapshot_push_clip (snapshot, label);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (label->origin.x + LABEL_PAD_X, label->origin.y + LABEL_PAD_Y));
  gtk_snapshot_scale (snapshot, scale, scale);
  gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_title_node (item, &self->palette));
  gtk_snapshot_restore (snapshot);
  gtk_snapshot_pop (snapshot);
}

/* Widget coordinates, every frame, over the scene (tiles would cut labels at
 * their edges): the names of boxes too small to hold them, as labels just
 * above the boxes. Labels never overlap: an occupancy map of the widget in
 * LABEL_CELL cells decides, selected boxes first, then in drawing order, so
 * the cost is bounded by the widget's area, not by the number of boxes. */
void
cardinal_canvas_draw_name_labels (CardinalCanvas        *self,
                                  GtkSnapshot           *snapshot,
                                  const graphene_rect_t *visible,
                                  double                 scene_zoom)
{
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  int cols = (int) ceil (self->paint.width / LABEL_CELL) + 1;
  int rows = (int) ceil (self->paint.height / LABEL_CELL) + 1;
  g_autoptr(GArray) candidates = cardinal_canvas_query_grid (self, visible, FALSE);
  guint n = candidates != NULL ? candidates->len : self->items->len;
  gboolean cells_cleared = FALSE;

  self->drawn_names = 0;
  self->drawn_name_labels = 0;
  for (int pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n; j++)
      {
        guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
        CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
        graphene_rect_t rect, label;
        double k, scale, text_w;

        if ((pass == 0) != (item->selected != 0) || item->title == NULL)
          continue;
        cardinal_canvas_item_rect (self, item, &rect);
        if (!cardinal_canvas_rects_intersect (&rect, visible))
          continue;
        /* Decided at the zoom the scene was drawn at (a tile level's), so
         * that a name is either in its box or above it, never both. */
        if (cardinal_canvas_item_title_scale (item, scene_zoom, NAME_MIN_HEIGHT, &k))
          {
            /* Drawn inside the box with the scene. */
            self->drawn_names++;
            continue;
          }

        if (!cells_cleared)
          {
            gsize size = (gsize) cols * rows;

            if (self->label_cells_size < size)
              {
                self->label_cells = g_realloc (self->label_cells, size);
                self->label_cells_size = size;
              }
            memset (self->label_cells, 0, size);
            cells_cleared = TRUE;
          }
        scale = NAME_MIN_HEIGHT / MAX (item->title_height, 1.0);
        text_w = MIN (item->title_width * scale, NAME_LABEL_MAX_WIDTH);
        label.size.width = text_w + 2 * LABEL_PAD_X;
        label.size.height = item->title_height * scale + 2 * LABEL_PAD_Y;
        label.origin.x = floor ((rect.origin.x + rect.size.width / 2) * z - h - label.size.width / 2);
        label.origin.y = floor (rect.origin.y * z - v - label.size.height - 1);
        if (!claim_cells (self, &label, cols, rows))
          continue;
        append_label (self, snapshot, item, &label, scale);
        self->drawn_names++;
        self->drawn_name_labels++;
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
