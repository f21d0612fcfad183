/* cardinal-canvas-find.c: what Find shows on the canvas beyond the selection: the attribute row it found, highlighted. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

#include <string.h>

/* The row of @item whose name is @attribute, or -1. The rows are the lines
 * of the names layout, in the order they are drawn. */
static int
row_index (const CardinalCanvasItem *item,
           const char               *attribute)
{
  const char *text, *line;
  gsize len = strlen (attribute);
  int row = 0;

  if (item->names == NULL)
    return -1;
  text = pango_layout_get_text (item->names);
  for (line = text; line != NULL; row++)
    {
      const char *end = strchr (line, '\n');
      gsize line_len = end != NULL ? (gsize) (end - line) : strlen (line);

      if (line_len == len && strncmp (line, attribute, len) == 0)
        return row;
      line = end != NULL ? end + 1 : NULL;
    }
  return -1;
}

void
cardinal_canvas_reveal_attribute (CardinalCanvas *self,
                                  const char     *entity,
                                  const char     *attribute)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (entity != NULL && attribute != NULL);

  cardinal_canvas_reveal_entity (self, entity);
  /* After the reveal, which forgets any earlier highlight. */
  g_free (self->highlight_entity);
  g_free (self->highlight_attribute);
  self->highlight_entity = g_strdup (entity);
  self->highlight_attribute = g_strdup (attribute);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_clear_highlight (CardinalCanvas *self)
{
  g_clear_pointer (&self->highlight_entity, g_free);
  g_clear_pointer (&self->highlight_attribute, g_free);
}

gboolean
cardinal_canvas_get_highlighted_row (CardinalCanvas  *self,
                                     char           **entity,
                                     int             *row)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);

  if (self->highlight_entity == NULL)
    return FALSE;
  cardinal_canvas_ensure_items (self);
  index = cardinal_canvas_lookup_index (self->entity_items, self->highlight_entity, &found);
  if (!found)
    return FALSE;
  if (entity != NULL)
    *entity = g_strdup (self->highlight_entity);
  if (row != NULL)
    *row = row_index (cardinal_canvas_item_at_index (self, index), self->highlight_attribute);
  return TRUE;
}

/* Over the scene, model coordinates: a band behind the found row, while the
 * entity holding it stays selected and its rows are drawn. */
void
cardinal_canvas_draw_row_highlight (CardinalCanvas           *self,
                                    GtkSnapshot              *snapshot,
                                    const CardinalCanvasItem *item,
                                    const graphene_rect_t    *rect,
                                    CardinalCanvasLod         lod)
{
  double z = self->paint.zoom;
  graphene_rect_t band;
  int row;

  if (self->highlight_entity == NULL || lod != CARDINAL_CANVAS_LOD_FULL || !item->selected ||
      g_strcmp0 (item->entity, self->highlight_entity) != 0 ||
      (row = row_index (item, self->highlight_attribute)) < 0)
    return;
  band = GRAPHENE_RECT_INIT (rect->origin.x + 1 / z, rect->origin.y + item->rows_y + row * item->row_height,
                             item->width - 2 / z, item->row_height);
  gtk_snapshot_append_color (snapshot, &self->palette.accent_fill, &band);
  cardinal_canvas_append_frame (snapshot, &band, 1 / z, &self->palette.accent);
}
