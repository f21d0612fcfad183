/* cardinal-canvas-align.c: aligning and distributing the selected boxes, each one "Move Entities" step. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

typedef struct
{
  const CardinalEntity *entity;
  graphene_rect_t       bounds;
  double                x;   /* the new position */
  double                y;
} Box;

/* The selected entities that are on the canvas, with their boxes. */
static GArray *
selected_boxes (CardinalCanvas *self)
{
  g_auto(GStrv) names = cardinal_canvas_get_selected_entities (self);
  const CardinalModel *model;
  GArray *boxes = g_array_new (FALSE, FALSE, sizeof (Box));

  if (self->history == NULL)
    return boxes;
  model = cardinal_history_get_model (self->history);
  for (guint i = 0; names[i] != NULL; i++)
    {
      Box box = { cardinal_model_find_entity (model, names[i]), };

      if (box.entity == NULL || !cardinal_canvas_get_entity_bounds (self, names[i], &box.bounds))
        continue;
      box.x = box.entity->x;
      box.y = box.entity->y;
      g_array_append_val (boxes, box);
    }
  return boxes;
}

static gboolean
commit_boxes (CardinalCanvas *self,
              GArray         *boxes)
{
  g_autofree const char **names = g_new0 (const char *, boxes->len + 1);
  g_autofree double *xs = g_new (double, boxes->len);
  g_autofree double *ys = g_new (double, boxes->len);
  g_autoptr(GError) error = NULL;
  guint n = 0;

  for (guint i = 0; i < boxes->len; i++)
    {
      Box *box = &g_array_index (boxes, Box, i);

      /* Boxes already in place stay out of the step. */
      if (box->x == box->entity->x && box->y == box->entity->y)
        continue;
      names[n] = box->entity->name;
      xs[n] = box->x;
      ys[n] = box->y;
      n++;
    }
  if (n == 0)
    return TRUE;
  if (!cardinal_history_move_entities (self->history, names, xs, ys, &error))
    {
      g_warning ("Could not move entities: %s", error->message);
      return FALSE;
    }
  return TRUE;
}

gboolean
cardinal_canvas_align (CardinalCanvas *self,
                       const char     *how)
{
  g_autoptr(GArray) boxes = NULL;
  graphene_rect_t all;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (how != NULL, FALSE);

  boxes = selected_boxes (self);
  if (boxes->len < 2)
    return FALSE;

  all = g_array_index (boxes, Box, 0).bounds;
  for (guint i = 1; i < boxes->len; i++)
    graphene_rect_union (&all, &g_array_index (boxes, Box, i).bounds, &all);

  /* Each box moves by how far its edge (or centre) is from the selection's. */
  for (guint i = 0; i < boxes->len; i++)
    {
      Box *box = &g_array_index (boxes, Box, i);
      const graphene_rect_t *b = &box->bounds;

      if (g_str_equal (how, "left"))
        box->x += all.origin.x - b->origin.x;
      else if (g_str_equal (how, "right"))
        box->x += (all.origin.x + all.size.width) - (b->origin.x + b->size.width);
      else if (g_str_equal (how, "top"))
        box->y += all.origin.y - b->origin.y;
      else if (g_str_equal (how, "bottom"))
        box->y += (all.origin.y + all.size.height) - (b->origin.y + b->size.height);
      else if (g_str_equal (how, "center-x"))
        box->x += (all.origin.x + all.size.width / 2) - (b->origin.x + b->size.width / 2);
      else if (g_str_equal (how, "center-y"))
        box->y += (all.origin.y + all.size.height / 2) - (b->origin.y + b->size.height / 2);
      else
        return FALSE;
    }
  return commit_boxes (self, boxes);
}

static int
compare_left (gconstpointer a,
              gconstpointer b)
{
  const Box *box_a = a, *box_b = b;
  double ca = box_a->bounds.origin.x + box_a->bounds.size.width / 2;
  double cb = box_b->bounds.origin.x + box_b->bounds.size.width / 2;

  return (ca > cb) - (ca < cb);
}

static int
compare_top (gconstpointer a,
             gconstpointer b)
{
  const Box *box_a = a, *box_b = b;
  double ca = box_a->bounds.origin.y + box_a->bounds.size.height / 2;
  double cb = box_b->bounds.origin.y + box_b->bounds.size.height / 2;

  return (ca > cb) - (ca < cb);
}

gboolean
cardinal_canvas_distribute (CardinalCanvas *self,
                            const char     *how)
{
  g_autoptr(GArray) boxes = NULL;
  gboolean horizontal;
  double start, end, sizes = 0, gap, at;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (how != NULL, FALSE);

  if (g_str_equal (how, "horizontal"))
    horizontal = TRUE;
  else if (g_str_equal (how, "vertical"))
    horizontal = FALSE;
  else
    return FALSE;

  boxes = selected_boxes (self);
  if (boxes->len < 3)
    return FALSE;
  g_array_sort (boxes, horizontal ? compare_left : compare_top);

  /* The outermost boxes stay; the others share the space between them so
   * that every gap is the same (it may be negative when they overlap). */
  start = G_MAXDOUBLE;
  end = -G_MAXDOUBLE;
  for (guint i = 0; i < boxes->len; i++)
    {
      const graphene_rect_t *b = &g_array_index (boxes, Box, i).bounds;
      double lo = horizontal ? b->origin.x : b->origin.y;
      double size = horizontal ? b->size.width : b->size.height;

      start = MIN (start, lo);
      end = MAX (end, lo + size);
      sizes += size;
    }
  gap = (end - start - sizes) / (boxes->len - 1);

  at = start;
  for (guint i = 0; i < boxes->len; i++)
    {
      Box *box = &g_array_index (boxes, Box, i);
      const graphene_rect_t *b = &box->bounds;

      if (horizontal)
        {
          box->x += at - b->origin.x;
          at += b->size.width + gap;
        }
      else
        {
          box->y += at - b->origin.y;
          at += b->size.height + gap;
        }
    }
  return commit_boxes (self, boxes);
}
