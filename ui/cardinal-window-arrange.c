/* cardinal-window-arrange.c: applying an automatic arrangement to the document, with a grid when Graphviz fails. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <math.h>

#include "cardinal-arrange.h"
#include "cardinal-canvas.h"

/* A box's size as the canvas will draw it, near enough for spacing a grid. */
void
cardinal_window_estimate_entity_size (const CardinalEntity *entity,
                      double               *width,
                      double               *height)
{
  double w = 60.0 + 9.0 * g_utf8_strlen (entity->name, -1);

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);
      double row = 80.0 + 7.5 * (g_utf8_strlen (attribute->name, -1) + g_utf8_strlen (attribute->type, -1));

      w = MAX (w, row);
    }
  *width = ceil (MAX (180.0, w) / GRID) * GRID;
  *height = ceil ((40.0 + 24.0 * MAX (1u, entity->attributes->len)) / GRID) * GRID;
}

/* Related entities end up near each other: breadth-first through the
 * relationships, each connected group starting from its busiest entity. */
static GArray *
arrange_order (const CardinalModel *model)
{
  guint n = model->entities->len;
  g_autoptr(GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GPtrArray) neighbours = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  g_autofree gboolean *visited = g_new0 (gboolean, n);
  g_autoptr(GArray) starts = g_array_new (FALSE, FALSE, sizeof (guint));
  GArray *order = g_array_sized_new (FALSE, FALSE, sizeof (guint), n);
  g_autoptr(GArray) queue = g_array_new (FALSE, FALSE, sizeof (guint));

  for (guint i = 0; i < n; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      g_hash_table_insert (index, entity->name, GUINT_TO_POINTER (i + 1));
      g_ptr_array_add (neighbours, g_array_new (FALSE, FALSE, sizeof (guint)));
      g_array_append_val (starts, i);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      guint a = GPOINTER_TO_UINT (g_hash_table_lookup (index, relationship->entity1));
      guint b = GPOINTER_TO_UINT (g_hash_table_lookup (index, relationship->entity2));

      if (a == 0 || b == 0 || a == b)
        continue;
      a--, b--;
      g_array_append_val (g_ptr_array_index (neighbours, a), b);
      g_array_append_val (g_ptr_array_index (neighbours, b), a);
    }

  /* Busiest first; ties keep document order (the sort is stable). */
  {
    g_autofree guint *degree = g_new0 (guint, n);

    for (guint i = 0; i < n; i++)
      degree[i] = ((GArray *) g_ptr_array_index (neighbours, i))->len;
    for (guint i = 1; i < n; i++)
      {
        guint value = g_array_index (starts, guint, i);
        guint j = i;

        while (j > 0 && degree[g_array_index (starts, guint, j - 1)] < degree[value])
          {
            g_array_index (starts, guint, j) = g_array_index (starts, guint, j - 1);
            j--;
          }
        g_array_index (starts, guint, j) = value;
      }
  }

  for (guint s = 0; s < n; s++)
    {
      guint start = g_array_index (starts, guint, s);

      if (visited[start])
        continue;
      visited[start] = TRUE;
      g_array_set_size (queue, 0);
      g_array_append_val (queue, start);
      for (guint head = 0; head < queue->len; head++)
        {
          guint current = g_array_index (queue, guint, head);
          GArray *next = g_ptr_array_index (neighbours, current);

          g_array_append_val (order, current);
          for (guint k = 0; k < next->len; k++)
            {
              guint other = g_array_index (next, guint, k);

              if (!visited[other])
                {
                  visited[other] = TRUE;
                  g_array_append_val (queue, other);
                }
            }
        }
    }
  return order;
}

/* The fallback when Graphviz fails: a grid, related entities near each other. */
static void
arrange_grid (CardinalWindow *self)
{
  const CardinalModel *model = cardinal_window_get_model (self);
  guint n = model->entities->len;
  g_autoptr(GArray) order = NULL;
  g_autofree const char **names = NULL;
  g_autofree double *xs = NULL;
  g_autofree double *ys = NULL;
  g_autofree double *widths = NULL;
  g_autofree double *heights = NULL;
  g_autofree double *column_width = NULL;
  g_autofree double *row_height = NULL;
  g_autoptr(GError) error = NULL;
  guint columns, rows;
  const double gap = 3 * GRID, origin = 2 * GRID;

  if (n == 0)
    return;

  order = arrange_order (model);
  /* Boxes are taller than wide: a few more columns than rows looks square. */
  columns = MAX (1u, (guint) ceil (sqrt (n * 1.6)));
  columns = MIN (columns, n);
  rows = (n + columns - 1) / columns;

  names = g_new0 (const char *, n + 1);
  xs = g_new0 (double, n);
  ys = g_new0 (double, n);
  widths = g_new0 (double, n);
  heights = g_new0 (double, n);
  column_width = g_new0 (double, columns);
  row_height = g_new0 (double, rows);

  for (guint k = 0; k < n; k++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, g_array_index (order, guint, k));

      cardinal_window_estimate_entity_size (entity, &widths[k], &heights[k]);
      column_width[k % columns] = MAX (column_width[k % columns], widths[k]);
      row_height[k / columns] = MAX (row_height[k / columns], heights[k]);
    }

  for (guint k = 0; k < n; k++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, g_array_index (order, guint, k));
      double x = origin, y = origin;

      for (guint c = 0; c < k % columns; c++)
        x += column_width[c] + gap;
      for (guint r = 0; r < k / columns; r++)
        y += row_height[r] + gap;
      names[k] = entity->name;
      xs[k] = x;
      ys[k] = y;
    }

  if (!cardinal_history_move_entities (self->history, names, xs, ys, &error))
    cardinal_window_show_toast (self, error->message);
  gtk_widget_grab_focus (self->canvas);
}

void
cardinal_window_arrange_done_cb (GObject      *source,
                                 GAsyncResult *result,
                                 gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  g_autoptr(GError) error = NULL;
  CardinalWindow *self = cardinal_window_from_task (cancellable);
  gboolean arranged = cardinal_arrange_finish (result, &error);

  if (self == NULL)
    return;
  cardinal_window_end_task (self, cancellable);
  if (arranged)
    {
      /* All of it in view: Arrange may have moved boxes anywhere. */
      cardinal_canvas_zoom_to_fit (CARDINAL_CANVAS (self->canvas));
      return;
    }
  if (g_cancellable_is_cancelled (cancellable))
    return;
  if (g_error_matches (error, CARDINAL_ARRANGE_ERROR, CARDINAL_ARRANGE_ERROR_STALE))
    cardinal_window_show_toast (self, error->message);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Graphviz failed: the grid still tidies up, and the reason is shown. */
      cardinal_window_error_dialog (self, "Could Not Arrange with Graphviz", error->message);
      arrange_grid (self);
    }
}
