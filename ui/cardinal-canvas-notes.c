/* cardinal-canvas-notes.c: sticky notes, group areas and entity colours on the canvas (format 3): drawing, finding, selecting, dragging, and their actions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-notes.h"

#include <math.h>

#include "cardinal-canvas-private.h"

#define NOTE_PAD      8.0
#define NOTE_FOLD     CARDINAL_CANVAS_NOTE_FOLD
#define GROUP_RADIUS  12.0

gboolean
cardinal_canvas_parse_color (const char *color,
                             GdkRGBA    *rgba)
{
  double rgb[3];

  if (color == NULL)
    return FALSE;
  /* Palette names first: "blue" is also a CSS colour, a much harsher one. */
  if (cardinal_color_to_rgb (color, rgb))
    {
      *rgba = (GdkRGBA) { rgb[0], rgb[1], rgb[2], 1.0f };
      return TRUE;
    }
  return gdk_rgba_parse (rgba, color);
}

void
cardinal_canvas_group_area (const graphene_rect_t *members,
                            graphene_rect_t       *area)
{
  *area = GRAPHENE_RECT_INIT (members->origin.x - CARDINAL_CANVAS_GROUP_PAD,
                              members->origin.y - CARDINAL_CANVAS_GROUP_PAD - CARDINAL_CANVAS_GROUP_TITLE,
                              members->size.width + 2 * CARDINAL_CANVAS_GROUP_PAD,
                              members->size.height + 2 * CARDINAL_CANVAS_GROUP_PAD + CARDINAL_CANVAS_GROUP_TITLE);
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    1.0f,
  };
}

void
cardinal_canvas_draw_group (GtkSnapshot                 *snapshot,
                            const graphene_rect_t       *area,
                            const CardinalGroup         *group,
                            const CardinalCanvasPalette *palette,
                            PangoContext                *context,
                            double                       zoom)
{
  GdkRGBA base, fill, edge;
  GskRoundedRect round;
  float width = MAX (1.0, 1.0 / zoom);
  float widths[4] = { width, width, width, width };
  GdkRGBA edges[4];

  if (!cardinal_canvas_parse_color (group->color != NULL ? group->color : "grey", &base))
    base = palette->border;
  /* A faint wash of the colour over the canvas, stronger at the edge; the
   * dark style needs more of it to show at all. */
  fill = mix (&palette->background, &base, palette->dark ? 0.22f : 0.12f);
  fill.alpha = 0.9f;
  edge = mix (&palette->background, &base, palette->dark ? 0.6f : 0.5f);
  for (guint i = 0; i < 4; i++)
    edges[i] = edge;

  gsk_rounded_rect_init_from_rect (&round, area, GROUP_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  gtk_snapshot_append_color (snapshot, &fill, area);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &round, widths, edges);
}

/* Drawn after every group's area, so that an overlapping area never hides a name. */
void
cardinal_canvas_draw_group_name (GtkSnapshot                 *snapshot,
                                 const graphene_rect_t       *area,
                                 const CardinalGroup         *group,
                                 const CardinalCanvasPalette *palette,
                                 PangoContext                *context,
                                 double                       zoom,
                                 GArray                      *taken)
{
  GdkRGBA base, text;

  if (!cardinal_canvas_parse_color (group->color != NULL ? group->color : "grey", &base))
    base = palette->border;
  text = mix (&palette->text, &base, 0.35f);
  /* The name is only worth drawing where it can be read. */
  if (context != NULL && zoom >= 0.25)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      PangoAttrList *attrs = pango_attr_list_new ();
      int width, height;
      graphene_rect_t place;
      gboolean moved = TRUE;

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_text (layout, group->name, -1);
      pango_layout_set_width (layout, (int) (MAX (area->size.width - 2 * GROUP_RADIUS, 10) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      pango_layout_get_pixel_size (layout, &width, &height);
      place = GRAPHENE_RECT_INIT (area->origin.x + GROUP_RADIUS, area->origin.y + 6, width, height);
      /* Two areas with the same corner would print their names over each
       * other: a later name moves right past the earlier ones. */
      while (moved && taken != NULL)
        {
          moved = FALSE;
          for (guint i = 0; i < taken->len; i++)
            {
              const graphene_rect_t *other = &g_array_index (taken, graphene_rect_t, i);

              if (graphene_rect_intersection (&place, other, NULL))
                {
                  place.origin.x = other->origin.x + other->size.width + GROUP_RADIUS;
                  moved = TRUE;
                }
            }
        }
      if (taken != NULL)
        g_array_append_val (taken, place);
      cardinal_canvas_append_layout_at (snapshot, layout, place.origin.x, place.origin.y, &text);
    }
}

void
cardinal_canvas_draw_note (GtkSnapshot                 *snapshot,
                           const graphene_rect_t       *rect,
                           const CardinalNote          *note,
                           const CardinalCanvasPalette *palette,
                           PangoContext                *context,
                           double                       zoom)
{
  /* Sticky-note yellow in both styles, darkened for the dark one so that
   * light text on it stays readable. */
  GdkRGBA paper = palette->dark ? (GdkRGBA) { 0.42f, 0.37f, 0.13f, 1.0f } : (GdkRGBA) { 0.99f, 0.95f, 0.70f, 1.0f };
  GdkRGBA fold = palette->dark ? (GdkRGBA) { 0.55f, 0.49f, 0.20f, 1.0f } : (GdkRGBA) { 0.93f, 0.85f, 0.45f, 1.0f };
  GdkRGBA edge = palette->dark ? (GdkRGBA) { 0.62f, 0.55f, 0.25f, 1.0f } : (GdkRGBA) { 0.80f, 0.68f, 0.20f, 1.0f };
  graphene_rect_t corner = GRAPHENE_RECT_INIT (rect->origin.x + rect->size.width - NOTE_FOLD,
                                               rect->origin.y + rect->size.height - NOTE_FOLD, NOTE_FOLD, NOTE_FOLD);

  gtk_snapshot_append_color (snapshot, &paper, rect);
  gtk_snapshot_append_color (snapshot, &fold, &corner);
  cardinal_canvas_append_frame (snapshot, rect, MAX (1.0, 1.0 / zoom), &edge);

  if (context != NULL && zoom >= 0.25 && note->text[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_text (layout, note->text, -1);
      pango_layout_set_width (layout, (int) (MAX (rect->size.width - 2 * NOTE_PAD, 1) * PANGO_SCALE));
      pango_layout_set_height (layout, (int) (MAX (rect->size.height - 2 * NOTE_PAD, 1) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gtk_snapshot_push_clip (snapshot, rect);
      cardinal_canvas_append_layout_at (snapshot, layout, rect->origin.x + NOTE_PAD, rect->origin.y + NOTE_PAD,
                                        &palette->text);
      gtk_snapshot_pop (snapshot);
    }
}

void
cardinal_canvas_draw_ring (GtkSnapshot                 *snapshot,
                           const graphene_rect_t       *rect,
                           const CardinalCanvasPalette *palette,
                           double                       zoom)
{
  graphene_rect_t ring;

  graphene_rect_inset_r (rect, -2 / zoom, -2 / zoom, &ring);
  cardinal_canvas_append_frame (snapshot, &ring, 2.5 / zoom, &palette->accent);
}

/* ---- The canvas's notes and groups ------------------------------------------ */

const CardinalModel *
cardinal_canvas_current_model (CardinalCanvas *self)
{
  return self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
}

/* The note as drawn: a dragged note follows the pointer. */
void
cardinal_canvas_note_rect (CardinalCanvas     *self,
                           guint               index,
                           const CardinalNote *note,
                           graphene_rect_t    *rect)
{
  double x = note->x, y = note->y, width = note->width, height = note->height;

  if (self->drag_note == (int) index && self->drag_mode == DRAG_MOVE && self->resize_note)
    {
      width = MAX (width + self->move_dx, CARDINAL_NOTE_MIN_SIZE);
      height = MAX (height + self->move_dy, CARDINAL_NOTE_MIN_SIZE);
    }
  else if (self->drag_note == (int) index && self->drag_mode == DRAG_MOVE)
    {
      x += self->move_dx;
      y += self->move_dy;
    }
  graphene_rect_init (rect, x, y, width, height);
}

/* The group's area around its members' boxes as drawn (dragged ones where
 * the pointer has them); FALSE when none of them is on the canvas. */
gboolean
cardinal_canvas_group_area_of (CardinalCanvas      *self,
                               const CardinalGroup *group,
                               graphene_rect_t     *area)
{
  graphene_rect_t members = GRAPHENE_RECT_INIT (0, 0, 0, 0);
  gboolean any = FALSE;

  for (guint m = 0; group->entities[m] != NULL; m++)
    {
      gboolean found;
      guint index = cardinal_canvas_lookup_index (self->entity_items, group->entities[m], &found);
      graphene_rect_t rect;

      if (!found)
        continue;
      cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, index), &rect);
      if (any)
        graphene_rect_union (&members, &rect, &members);
      else
        members = rect;
      any = TRUE;
    }
  if (any)
    cardinal_canvas_group_area (&members, area);
  return any;
}

/* Scrolling and Fit reach notes and group areas too. */
void
cardinal_canvas_extend_bounds_for_annotations (CardinalCanvas *self)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);
  gboolean empty = self->items->len == 0;

  for (guint i = 0; model != NULL && i < model->notes->len; i++)
    {
      graphene_rect_t rect;

      cardinal_canvas_note_rect (self, i, g_ptr_array_index (model->notes, i), &rect);
      if (empty)
        self->model_bounds = rect;
      else
        graphene_rect_union (&self->model_bounds, &rect, &self->model_bounds);
      empty = FALSE;
    }
  for (guint i = 0; model != NULL && i < model->groups->len; i++)
    {
      graphene_rect_t area;

      if (cardinal_canvas_group_area_of (self, g_ptr_array_index (model->groups, i), &area))
        graphene_rect_union (&self->model_bounds, &area, &self->model_bounds);
    }
}

/* Notes lie over everything: topmost (last drawn) first; -1 for none. */
int
cardinal_canvas_note_at (CardinalCanvas *self,
                         double          mx,
                         double          my)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);

  for (guint n = model != NULL ? model->notes->len : 0; n > 0; n--)
    {
      graphene_rect_t rect;

      cardinal_canvas_note_rect (self, n - 1, g_ptr_array_index (model->notes, n - 1), &rect);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (mx, my)))
        return (int) n - 1;
    }
  return -1;
}

/* Group areas lie under everything: asked only where no box or line is. */
int
cardinal_canvas_group_at (CardinalCanvas *self,
                          double          mx,
                          double          my)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);

  for (guint n = model != NULL ? model->groups->len : 0; n > 0; n--)
    {
      graphene_rect_t area;

      if (cardinal_canvas_group_area_of (self, g_ptr_array_index (model->groups, n - 1), &area) &&
          graphene_rect_contains_point (&area, &GRAPHENE_POINT_INIT (mx, my)))
        return (int) n - 1;
    }
  return -1;
}

const char *
cardinal_canvas_group_name_at (CardinalCanvas *self,
                               int             index)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);

  return model != NULL && index >= 0 && (guint) index < model->groups->len
    ? ((CardinalGroup *) g_ptr_array_index (model->groups, index))->name : NULL;
}

/* Behind the lines and boxes, in widget coordinates like draw_edges (). */
void
cardinal_canvas_draw_groups (CardinalCanvas        *self,
                             GtkSnapshot           *snapshot,
                             const graphene_rect_t *visible,
                             DrawPart               part)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);
  g_autoptr(GArray) names = NULL;

  if (model == NULL || model->groups->len == 0)
    return;
  names = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->paint.h, -self->paint.v));
  gtk_snapshot_scale (snapshot, self->paint.zoom, self->paint.zoom);
  /* Areas first, names second: overlapping areas hide no name. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < model->groups->len; i++)
      {
        const CardinalGroup *group = g_ptr_array_index (model->groups, i);
        graphene_rect_t area;

        if (!cardinal_canvas_group_area_of (self, group, &area) || !cardinal_canvas_rects_intersect (&area, visible))
          continue;
        if (part != DRAW_OVER && pass == 0)
          cardinal_canvas_draw_group (snapshot, &area, group, &self->palette, self->pango_context, self->paint.zoom);
        else if (part != DRAW_OVER)
          cardinal_canvas_draw_group_name (snapshot, &area, group, &self->palette, self->pango_context,
                                           self->paint.zoom, names);
        if (part != DRAW_SCENE && pass == 1 && g_strcmp0 (self->selected_group, group->name) == 0)
          cardinal_canvas_draw_ring (snapshot, &area, &self->palette, self->paint.zoom);
      }
  gtk_snapshot_restore (snapshot);
}

/* Over everything, in model coordinates (draw_scene ()'s transform). */
void
cardinal_canvas_draw_notes (CardinalCanvas        *self,
                            GtkSnapshot           *snapshot,
                            const graphene_rect_t *visible,
                            DrawPart               part)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);

  for (guint i = 0; model != NULL && i < model->notes->len; i++)
    {
      const CardinalNote *note = g_ptr_array_index (model->notes, i);
      graphene_rect_t rect;

      cardinal_canvas_note_rect (self, i, note, &rect);
      if (!cardinal_canvas_rects_intersect (&rect, visible))
        continue;
      if (part != DRAW_OVER)
        cardinal_canvas_draw_note (snapshot, &rect, note, &self->palette, self->pango_context, self->paint.zoom);
      if (part != DRAW_SCENE && self->selected_note == (int) i)
        cardinal_canvas_draw_ring (snapshot, &rect, &self->palette, self->paint.zoom);
    }
}

/* Selects only the note (or -1) and only the group (or NULL); returns
 * whether that changed the selection. */
gboolean
cardinal_canvas_select_annotation (CardinalCanvas *self,
                                   int             note,
                                   const char     *group)
{
  gboolean changed = g_hash_table_size (self->selected_entities) > 0 ||
                     g_hash_table_size (self->selected_relationships) > 0 ||
                     self->selected_note != note || g_strcmp0 (self->selected_group, group) != 0;
  char *copy = g_strdup (group);

  g_hash_table_remove_all (self->selected_entities);
  g_hash_table_remove_all (self->selected_relationships);
  self->selected_note = note;
  g_free (self->selected_group);
  self->selected_group = copy;
  return changed;
}

/* Forgets a selected note or group the model no longer has; returns whether it did. */
gboolean
cardinal_canvas_prune_annotations (CardinalCanvas *self)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);

  if ((self->selected_note >= 0 && (model == NULL || (guint) self->selected_note >= model->notes->len)) ||
      (self->selected_group != NULL && (model == NULL || cardinal_model_find_group (model, self->selected_group) == NULL)))
    {
      self->selected_note = -1;
      g_clear_pointer (&self->selected_group, g_free);
      return TRUE;
    }
  return FALSE;
}

/* A press on a note or a group's area: it alone is selected, and a drag
 * past the threshold moves it (the group: its members' boxes). */
void
cardinal_canvas_begin_annotation_drag (CardinalCanvas *self,
                                       const Hit      *hit)
{
  const char *group = hit->kind == HIT_GROUP ? cardinal_canvas_group_name_at (self, hit->item) : NULL;
  const CardinalGroup *members;

  if (cardinal_canvas_select_annotation (self, hit->kind == HIT_NOTE ? hit->item : -1, group))
    cardinal_canvas_selection_changed (self);
  self->drag_note = hit->kind == HIT_NOTE ? hit->item : -1;
  self->resize_note = FALSE;
  if (self->drag_note >= 0)
    {
      const CardinalNote *note = g_ptr_array_index (cardinal_canvas_current_model (self)->notes, self->drag_note);
      double mx, my;

      /* The folded corner resizes; the rest of the note moves it. */
      cardinal_canvas_widget_to_model (self, self->drag_start_x, self->drag_start_y, &mx, &my);
      self->resize_note = mx >= note->x + note->width - NOTE_FOLD && my >= note->y + note->height - NOTE_FOLD;
    }
  g_free (self->drag_group);
  self->drag_group = g_strdup (self->selected_group);
  members = self->drag_group != NULL ? cardinal_model_find_group (cardinal_canvas_current_model (self), self->drag_group) : NULL;
  /* The first member on the canvas lands on the grid, like a grabbed box. */
  for (guint m = 0; members != NULL && members->entities[m] != NULL && self->press_name == NULL; m++)
    if (g_hash_table_contains (self->entity_items, members->entities[m]))
      self->press_name = g_strdup (members->entities[m]);
}

/* When a group or a note is being dragged, sets whether @item moves with it
 * and returns TRUE; FALSE for an ordinary move of the selected boxes. */
gboolean
cardinal_canvas_annotation_dragging (CardinalCanvas     *self,
                                     CardinalCanvasItem *item)
{
  if (self->drag_group != NULL)
    {
      const CardinalGroup *group = cardinal_model_find_group (cardinal_canvas_current_model (self), self->drag_group);

      item->dragging = item->entity != NULL && group != NULL && cardinal_group_has_member (group, item->entity);
      return TRUE;
    }
  if (self->drag_note >= 0)
    {
      item->dragging = FALSE;
      return TRUE;
    }
  return FALSE;
}

/* A dragged note's corner lands on the grid; FALSE when no note is dragged. */
gboolean
cardinal_canvas_snap_annotation_drag (CardinalCanvas *self,
                                      double         *dx,
                                      double         *dy)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);
  const CardinalNote *note;

  if (self->drag_note < 0 || model == NULL || (guint) self->drag_note >= model->notes->len)
    return FALSE;
  note = g_ptr_array_index (model->notes, self->drag_note);
  /* Resizing: the bottom-right corner lands on the grid. */
  if (self->resize_note)
    {
      *dx = round ((note->x + note->width + *dx) / GRID) * GRID - note->x - note->width;
      *dy = round ((note->y + note->height + *dy) / GRID) * GRID - note->y - note->height;
      return TRUE;
    }
  *dx = round ((note->x + *dx) / GRID) * GRID - note->x;
  *dy = round ((note->y + *dy) / GRID) * GRID - note->y;
  return TRUE;
}

/* The end of a note's or group's drag: one history step; FALSE when the
 * drag moved selected boxes instead. */
gboolean
cardinal_canvas_commit_annotation_drag (CardinalCanvas *self,
                                        double          dx,
                                        double          dy)
{
  const CardinalModel *model = cardinal_canvas_current_model (self);
  g_autoptr(GError) error = NULL;

  if (self->drag_note >= 0)
    {
      if (model != NULL && (guint) self->drag_note < model->notes->len && (dx != 0 || dy != 0))
        {
          const CardinalNote *note = g_ptr_array_index (model->notes, self->drag_note);

          if (self->resize_note)
            {
              if (!cardinal_history_resize_note (self->history, (guint) self->drag_note,
                                                 MAX (note->width + dx, CARDINAL_NOTE_MIN_SIZE),
                                                 MAX (note->height + dy, CARDINAL_NOTE_MIN_SIZE), &error))
                g_warning ("Could not resize the note: %s", error->message);
            }
          else if (!cardinal_history_move_note (self->history, (guint) self->drag_note, note->x + dx, note->y + dy, &error))
            g_warning ("Could not move the note: %s", error->message);
        }
      return TRUE;
    }
  if (self->drag_group != NULL)
    {
      g_autofree char *group = g_strdup (self->drag_group);

      if (self->history != NULL && (dx != 0 || dy != 0) &&
          !cardinal_history_move_group (self->history, group, dx, dy, &error))
        g_warning ("Could not move the group: %s", error->message);
      return TRUE;
    }
  return FALSE;
}

/* canvas.delete with a note or a group selected: it goes (a group's
 * entities stay); FALSE when neither is selected. */
gboolean
cardinal_canvas_delete_annotation (CardinalCanvas *self)
{
  g_autoptr(GError) error = NULL;

  if (self->selected_note >= 0)
    {
      if (!cardinal_history_remove_note (self->history, (guint) self->selected_note, &error))
        g_warning ("Could not delete the note: %s", error->message);
      return TRUE;
    }
  if (self->selected_group != NULL)
    {
      g_autofree char *group = g_strdup (self->selected_group);

      if (!cardinal_history_remove_group (self->history, group, &error))
        g_warning ("Could not delete the group: %s", error->message);
      return TRUE;
    }
  return FALSE;
}

/* canvas.add-note: a note where the context menu was asked for (or in the
 * middle of the view), selected, its text to be typed ("edit-note"). */
static void
add_note_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  double x, y;
  int index;

  if (self->history == NULL)
    return;
  if (self->has_menu_point)
    {
      x = self->menu_x;
      y = self->menu_y;
    }
  else
    cardinal_canvas_get_visible_center (self, &x, &y);
  self->has_menu_point = FALSE;
  if (self->snap)
    {
      x = round (x / GRID) * GRID;
      y = round (y / GRID) * GRID;
    }
  if (!cardinal_history_add_note (self->history, cardinal_note_new ("", x, y), NULL))
    return;
  index = (int) cardinal_canvas_current_model (self)->notes->len - 1;
  cardinal_canvas_select_annotation (self, index, NULL);
  cardinal_canvas_selection_changed (self);
  cardinal_canvas_emit_edit_note (self, index);
}

/* canvas.group-selection: the selected entities become a new group (they
 * leave any group they were in), which is then selected. */
static void
group_selection_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  g_auto(GStrv) entities = NULL;
  g_autofree char *name = NULL;
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;
  entities = cardinal_canvas_get_selected_entities (self);
  if (entities[0] == NULL)
    return;
  name = cardinal_history_unique_group_name (self->history, "Group");
  if (!cardinal_history_add_group (self->history, cardinal_group_new (name, (const char * const *) entities), &error))
    {
      g_warning ("Could not group the selection: %s", error->message);
      return;
    }
  cardinal_canvas_select_annotation (self, -1, name);
  cardinal_canvas_selection_changed (self);
}

/* canvas.set-color (s): a palette name for every selected entity, "" for none; one step. */
static void
set_color_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  const char *color = g_variant_get_string (parameter, NULL);
  g_auto(GStrv) entities = NULL;
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;
  entities = cardinal_canvas_get_selected_entities (self);
  if (entities[0] != NULL &&
      !cardinal_history_set_entities_color (self->history, (const char * const *) entities,
                                            color[0] != '\0' ? color : NULL, &error))
    g_warning ("Could not set the colour: %s", error->message);
}

void
cardinal_canvas_notes_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.add-note", NULL, add_note_action);
  gtk_widget_class_install_action (widget_class, "canvas.group-selection", NULL, group_selection_action);
  gtk_widget_class_install_action (widget_class, "canvas.set-color", "s", set_color_action);
}
