/* cardinal-canvas-input.c: pointer and key input on the canvas: hit testing, hover, dragging, panning, clicks and zoom gestures. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

#include <math.h>

static gboolean
in_handle (CardinalCanvas *self,
           int             index,
           double          mx,
           double          my)
{
  graphene_rect_t rect;
  double dx, dy, r = HANDLE_RADIUS / self->zoom;

  if (index < 0 || cardinal_canvas_current_lod (self) == CARDINAL_CANVAS_LOD_BOX || cardinal_canvas_item_at_index (self, index)->entity == NULL)
    return FALSE;
  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, index), &rect);
  dx = mx - (rect.origin.x + rect.size.width);
  dy = my - (rect.origin.y + rect.size.height / 2);
  return dx * dx + dy * dy <= (r + 2 / self->zoom) * (r + 2 / self->zoom);
}

/* What is at (wx, wy): boxes first, topmost first, then lines and their
 * labels unless @boxes_only (hovering needs only boxes). */
static void
hit_test (CardinalCanvas *self,
          double          wx,
          double          wy,
          gboolean        boxes_only,
          Hit            *hit)
{
  double mx, my, best = G_MAXDOUBLE, slop = LINE_SLOP / self->zoom;
  CardinalCanvasLod lod;

  cardinal_canvas_ensure_items (self);
  cardinal_canvas_widget_to_model (self, wx, wy, &mx, &my);
  lod = cardinal_canvas_current_lod (self);
  hit->kind = HIT_NONE;
  hit->item = -1;
  hit->edge = -1;
  hit->connect_zone = FALSE;

  /* The connector handle pokes out of the hovered box's right side. */
  if (in_handle (self, self->hover_item, mx, my))
    {
      hit->kind = HIT_ITEM;
      hit->item = self->hover_item;
      hit->connect_zone = TRUE;
      return;
    }

  /* Notes are drawn over everything. */
  if (!boxes_only && (hit->item = cardinal_canvas_note_at (self, mx, my)) >= 0)
    {
      hit->kind = HIT_NOTE;
      return;
    }

  /* Link-attribute boxes are drawn over the entities. */
  for (guint i = 0; !boxes_only && lod == CARDINAL_CANVAS_LOD_FULL && i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalRoute route;
      graphene_rect_t bounds;

      if (edge->label == NULL)
        continue;
      cardinal_canvas_edge_route (self, edge, &route);
      cardinal_canvas_label_rect (&route, edge->label, &bounds);
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (mx, my)))
        {
          hit->kind = HIT_EDGE;
          hit->edge = i;
          return;
        }
    }

  /* Topmost first: the reverse of drawing order. */
  for (guint n = self->items->len; n > 0; n--)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, n - 1);
      graphene_rect_t rect;

      cardinal_canvas_item_rect (self, item, &rect);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (mx, my)))
        {
          double band = MIN (CONNECT_BAND / self->zoom, MIN (rect.size.width, rect.size.height) / 4);

          hit->kind = HIT_ITEM;
          hit->item = n - 1;
          hit->connect_zone = item->entity != NULL && lod != CARDINAL_CANVAS_LOD_BOX &&
                              (mx - rect.origin.x < band || rect.origin.x + rect.size.width - mx < band ||
                               my - rect.origin.y < band || rect.origin.y + rect.size.height - my < band);
          return;
        }
    }

  for (guint i = 0; !boxes_only && i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalRoute route;
      graphene_rect_t bounds;
      double distance;

      cardinal_canvas_edge_route (self, edge, &route);
      cardinal_route_get_bounds (&route, &bounds);
      graphene_rect_inset (&bounds, -slop, -slop);
      if (!graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (mx, my)))
        continue;
      distance = cardinal_route_distance (&route, mx, my);
      if (distance <= slop && distance < best)
        {
          best = distance;
          hit->kind = HIT_EDGE;
          hit->edge = i;
        }
    }

  /* Under everything else: the area of a group. */
  if (!boxes_only && hit->kind == HIT_NONE && (hit->item = cardinal_canvas_group_at (self, mx, my)) >= 0)
    hit->kind = HIT_GROUP;
}

static void
end_drag_preview (CardinalCanvas *self)
{
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_at_index (self, i)->dragging = FALSE;
  self->move_dx = self->move_dy = 0;
  self->items_generation++;
  self->drag_note = -1;
  g_clear_pointer (&self->drag_group, g_free);
}

void
cardinal_canvas_set_cursor (CardinalCanvas *self)
{
  const char *name = "default";

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      name = "grabbing";
      break;
    case DRAG_MOVE:
      name = "move";
      break;
    case DRAG_CONNECT:
    case DRAG_CONNECT_PENDING:
      name = "crosshair";
      break;
    case DRAG_NONE:
    case DRAG_MOVE_PENDING:
    case DRAG_BAND_PENDING:
    case DRAG_BAND:
    default:
      if (self->space_down)
        name = "grab";
      else if (self->connect_mode || self->hover_connect)
        name = "crosshair";
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Escape: stop whatever is in progress. Returns whether there was anything. */
gboolean
cardinal_canvas_cancel_interaction (CardinalCanvas *self)
{
  gboolean any = self->connect_mode || self->drag_mode != DRAG_NONE;

  self->connect_mode = FALSE;
  g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  if (self->drag_mode != DRAG_NONE)
    {
      self->drag_mode = DRAG_NONE;
      end_drag_preview (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
    }
  cardinal_canvas_set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return any;
}

/* The item under the pointer (-1: none), and whether the pointer is in its
 * zone for drawing a relationship; the cursor and the drawing follow. */
static void
set_hover (CardinalCanvas *self,
           int             item,
           gboolean        connect)
{
  if (item == self->hover_item && connect == self->hover_connect)
    return;
  self->hover_item = item;
  self->hover_connect = connect;
  cardinal_canvas_set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
update_hover (CardinalCanvas *self,
              double          x,
              double          y)
{
  Hit hit;
  int item;
  gboolean connect;

  hit_test (self, x, y, TRUE, &hit);
  item = hit.kind == HIT_ITEM ? hit.item : -1;
  connect = hit.kind == HIT_ITEM && hit.connect_zone;
  set_hover (self, item, connect);
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CardinalCanvas           *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == DRAG_NONE)
    update_hover (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CardinalCanvas           *self)
{
  self->has_pointer = FALSE;
  if (self->hover_item != -1 && self->drag_mode == DRAG_NONE)
    set_hover (self, -1, FALSE);
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CardinalCanvas *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean changed = FALSE;
  Hit hit;

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->press_extend = extend;
  g_clear_pointer (&self->press_name, g_free);

  if (self->space_down)
    {
      self->drag_mode = DRAG_PAN;
      self->pan_start_h = cardinal_canvas_hvalue (self);
      self->pan_start_v = cardinal_canvas_vvalue (self);
      cardinal_canvas_set_cursor (self);
      return;
    }

  hit_test (self, x, y, FALSE, &hit);

  if (self->connect_mode)
    {
      CardinalCanvasItem *item = hit.kind == HIT_ITEM ? cardinal_canvas_item_at_index (self, hit.item) : NULL;

      if (item == NULL || item->entity == NULL)
        cardinal_canvas_cancel_interaction (self);
      else if (self->connect_from == NULL)
        self->connect_from = g_strdup (item->entity);
      else
        {
          g_autofree char *from = g_steal_pointer (&self->connect_from);

          self->connect_mode = FALSE;
          cardinal_canvas_emit_connect (self, from, item->entity);
        }
      cardinal_canvas_set_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (hit.kind == HIT_ITEM)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, hit.item);
      const char *name = NULL;
      GHashTable *set = cardinal_canvas_item_selection_set (self, item, &name);

      if (item->entity != NULL && (hit.connect_zone || control))
        {
          self->drag_mode = DRAG_CONNECT_PENDING;
          g_free (self->connect_from);
          self->connect_from = g_strdup (item->entity);
          cardinal_canvas_set_cursor (self);
          return;
        }

      self->press_was_selected = cardinal_canvas_set_contains (set, name);
      if (set != NULL)
        {
          if (extend)
            changed = cardinal_canvas_set_selected (set, name, !self->press_was_selected);
          else if (!self->press_was_selected)
            {
              changed = cardinal_canvas_clear_selection (self);
              changed |= cardinal_canvas_set_selected (set, name, TRUE);
            }
        }
      if (changed)
        cardinal_canvas_selection_changed (self);
      /* Link tables have no place in the document: only entities move. */
      if (item->entity != NULL && cardinal_canvas_set_contains (self->selected_entities, item->entity))
        {
          self->press_name = g_strdup (item->entity);
          self->drag_mode = DRAG_MOVE_PENDING;
        }
      return;
    }

  if (hit.kind == HIT_EDGE)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, hit.edge);
      gboolean was = cardinal_canvas_set_contains (self->selected_relationships, edge->relationship);

      if (edge->relationship != NULL)
        {
          if (extend)
            changed = cardinal_canvas_set_selected (self->selected_relationships, edge->relationship, !was);
          else if (!was || g_hash_table_size (self->selected_entities) > 0 ||
                   g_hash_table_size (self->selected_relationships) > 1)
            {
              changed = cardinal_canvas_clear_selection (self);
              changed |= cardinal_canvas_set_selected (self->selected_relationships, edge->relationship, TRUE);
            }
        }
      if (changed)
        cardinal_canvas_selection_changed (self);
      return;
    }

  /* A note, or a group's area: selected alone, and a drag moves it. */
  if (hit.kind == HIT_NOTE || hit.kind == HIT_GROUP)
    {
      cardinal_canvas_begin_annotation_drag (self, &hit);
      self->drag_mode = DRAG_MOVE_PENDING;
      return;
    }

  /* Empty space: a click clears, a drag draws a rubber band. */
  if (!extend && cardinal_canvas_clear_selection (self))
    cardinal_canvas_selection_changed (self);
  self->drag_mode = DRAG_BAND_PENDING;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                CardinalCanvas *self)
{
  gboolean past = hypot (offset_x, offset_y) >= DRAG_THRESHOLD;

  self->drag_x = self->drag_start_x + offset_x;
  self->drag_y = self->drag_start_y + offset_y;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      gtk_adjustment_set_value (self->hadjustment, self->pan_start_h - offset_x);
      gtk_adjustment_set_value (self->vadjustment, self->pan_start_v - offset_y);
      break;

    case DRAG_MOVE_PENDING:
      if (!past)
        break;
      for (guint i = 0; i < self->items->len; i++)
        {
          CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

          if (!cardinal_canvas_annotation_dragging (self, item))
            item->dragging = item->entity != NULL && item->selected;
        }
      self->items_generation++;
      self->drag_mode = DRAG_MOVE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      cardinal_canvas_set_cursor (self);
      G_GNUC_FALLTHROUGH;
    case DRAG_MOVE:
      {
        double dx = offset_x / self->zoom, dy = offset_y / self->zoom;
        gboolean found;
        guint index = cardinal_canvas_lookup_index (self->entity_items, self->press_name, &found);

        /* The grabbed box (or note) lands on the grid; the others keep their offsets to it. */
        if (self->snap && !cardinal_canvas_snap_annotation_drag (self, &dx, &dy) && found)
          {
            CardinalCanvasItem *grabbed = cardinal_canvas_item_at_index (self, index);

            dx = round ((grabbed->x + dx) / GRID) * GRID - grabbed->x;
            dy = round ((grabbed->y + dy) / GRID) * GRID - grabbed->y;
          }
        self->move_dx = dx;
        self->move_dy = dy;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_BAND_PENDING:
      if (!past)
        break;
      self->drag_mode = DRAG_BAND;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      G_GNUC_FALLTHROUGH;
    case DRAG_BAND:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_CONNECT_PENDING:
      if (!past)
        break;
      self->drag_mode = DRAG_CONNECT;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      cardinal_canvas_set_cursor (self);
      G_GNUC_FALLTHROUGH;
    case DRAG_CONNECT:
      {
        Hit hit;
        int target;

        hit_test (self, self->drag_x, self->drag_y, TRUE, &hit);
        target = hit.kind == HIT_ITEM && cardinal_canvas_item_at_index (self, hit.item)->entity != NULL ? hit.item : -1;
        self->connect_target = target;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             CardinalCanvas *self)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;
  switch (mode)
    {
    case DRAG_MOVE:
      {
        double dx = self->move_dx, dy = self->move_dy;

        /* The preview ends before the history answers with the new positions. */
        if (!cardinal_canvas_commit_annotation_drag (self, dx, dy))
          cardinal_canvas_commit_move (self, dx, dy, TRUE);
        end_drag_preview (self);
      }
      break;

    case DRAG_MOVE_PENDING:
      end_drag_preview (self);
      /* A plain click on one of several selected boxes selects just it. */
      if (!self->press_extend && self->press_was_selected && self->press_name != NULL &&
          (g_hash_table_size (self->selected_entities) > 1 || g_hash_table_size (self->selected_relationships) > 0))
        {
          cardinal_canvas_clear_selection (self);
          cardinal_canvas_set_selected (self->selected_entities, self->press_name, TRUE);
          cardinal_canvas_selection_changed (self);
        }
      break;

    case DRAG_BAND:
      {
        double x1, y1, x2, y2;
        graphene_rect_t band;
        gboolean changed = FALSE;

        cardinal_canvas_widget_to_model (self, MIN (self->drag_start_x, self->drag_x), MIN (self->drag_start_y, self->drag_y), &x1, &y1);
        cardinal_canvas_widget_to_model (self, MAX (self->drag_start_x, self->drag_x), MAX (self->drag_start_y, self->drag_y), &x2, &y2);
        graphene_rect_init (&band, x1, y1, x2 - x1, y2 - y1);
        cardinal_canvas_ensure_items (self);
        for (guint i = 0; i < self->items->len; i++)
          {
            CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
            graphene_rect_t rect;
            const char *name = NULL;
            GHashTable *set = cardinal_canvas_item_selection_set (self, item, &name);

            cardinal_canvas_item_rect (self, item, &rect);
            if (set != NULL && cardinal_canvas_rects_intersect (&rect, &band))
              changed |= cardinal_canvas_set_selected (set, name, TRUE);
          }
        if (changed)
          cardinal_canvas_selection_changed (self);
      }
      break;

    case DRAG_CONNECT:
      {
        Hit hit;

        hit_test (self, self->drag_x, self->drag_y, TRUE, &hit);
        if (hit.kind == HIT_ITEM && cardinal_canvas_item_at_index (self, hit.item)->entity != NULL && self->connect_from != NULL)
          {
            g_autofree char *from = g_steal_pointer (&self->connect_from);

            cardinal_canvas_emit_connect (self, from, cardinal_canvas_item_at_index (self, hit.item)->entity);
          }
      }
      break;

    case DRAG_CONNECT_PENDING:
    case DRAG_BAND_PENDING:
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }

  if (!self->connect_mode)
    g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  cardinal_canvas_set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                CardinalCanvas   *self)
{
  if (self->drag_mode == DRAG_NONE)
    return;
  self->drag_mode = DRAG_NONE;
  end_drag_preview (self);
  if (!self->connect_mode)
    g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  cardinal_canvas_set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_mode = DRAG_PAN;
  self->pan_start_h = cardinal_canvas_hvalue (self);
  self->pan_start_v = cardinal_canvas_vvalue (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  cardinal_canvas_set_cursor (self);
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          offset_x,
               double          offset_y,
               CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_PAN)
    return;
  gtk_adjustment_set_value (self->hadjustment, self->pan_start_h - offset_x);
  gtk_adjustment_set_value (self->vadjustment, self->pan_start_v - offset_y);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          offset_x,
            double          offset_y,
            CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_PAN)
    return;
  self->drag_mode = DRAG_NONE;
  cardinal_canvas_set_cursor (self);
}

/* The attribute whose row of @item is at (@wx, @wy), newly allocated, or
 * NULL: the title, a row that is not one of the entity's attributes, or a
 * zoom too far out to show rows. */
static char *
row_attribute_at (CardinalCanvas           *self,
                  const CardinalCanvasItem *item,
                  double                    wx,
                  double                    wy)
{
  graphene_rect_t rect;
  double mx, my, offset;

  if (cardinal_canvas_current_lod (self) != CARDINAL_CANVAS_LOD_FULL || item->n_rows == 0 || item->row_height <= 0)
    return NULL;
  cardinal_canvas_widget_to_model (self, wx, wy, &mx, &my);
  cardinal_canvas_item_rect (self, item, &rect);
  offset = my - rect.origin.y - item->rows_y;
  if (offset < 0 || offset >= item->n_rows * item->row_height)
    return NULL;
  return g_strdup (cardinal_canvas_item_row_attribute (self, item, (guint) (offset / item->row_height)));
}

/* Released from a double-click on an attribute's row: that attribute is for
 * editing. Not on the press, since the press also starts the drag gesture,
 * which takes the keyboard focus for the canvas: the attribute's name field
 * must get it after that. */
static void
click_released_cb (GtkGestureClick *gesture,
                   int              n_press,
                   double           x,
                   double           y,
                   CardinalCanvas  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  CardinalCanvasItem *item;
  g_autofree char *attribute = NULL;
  g_autofree char *name = NULL;
  Hit hit;

  if (button != GDK_BUTTON_PRIMARY || n_press != 2 || self->connect_mode)
    return;
  hit_test (self, x, y, FALSE, &hit);
  if (hit.kind != HIT_ITEM || cardinal_canvas_item_at_index (self, hit.item)->entity == NULL)
    return;
  item = cardinal_canvas_item_at_index (self, hit.item);
  attribute = row_attribute_at (self, item, x, y);
  name = g_strdup (item->entity);
  if (attribute != NULL)
    cardinal_canvas_emit_edit_attribute (self, name, attribute);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CardinalCanvas  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  Hit hit;

  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && !self->connect_mode)
    {
      hit_test (self, x, y, FALSE, &hit);
      if (hit.kind == HIT_NOTE)
        {
          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          cardinal_canvas_emit_edit_note (self, hit.item);
          return;
        }
      if (hit.kind == HIT_ITEM && cardinal_canvas_item_at_index (self, hit.item)->entity != NULL)
        {
          CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, hit.item);
          g_autofree char *name = g_strdup (item->entity);
          g_autofree char *attribute = row_attribute_at (self, item, x, y);

          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          /* The title (or a row that is no attribute of the entity) asks for
           * a new name, as F2 does; an attribute's row opens that attribute
           * once the button is up (click_released_cb). */
          if (attribute == NULL)
            cardinal_canvas_emit_rename_entity (self, name);
        }
      return;
    }

  if (button == GDK_BUTTON_SECONDARY && n_press == 1)
    {
      gboolean changed = FALSE;

      if (!gtk_widget_has_focus (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self));
      cardinal_canvas_cancel_interaction (self);
      hit_test (self, x, y, FALSE, &hit);
      /* Add Note puts the note where the menu was asked for. */
      cardinal_canvas_widget_to_model (self, x, y, &self->menu_x, &self->menu_y);
      self->has_menu_point = TRUE;
      /* The menu acts on what is under the pointer: select it unless it already is. */
      if (hit.kind == HIT_NOTE || hit.kind == HIT_GROUP)
        changed = cardinal_canvas_select_annotation (self, hit.kind == HIT_NOTE ? hit.item : -1,
                                                     hit.kind == HIT_GROUP ? cardinal_canvas_group_name_at (self, hit.item) : NULL);
      else if (hit.kind == HIT_ITEM)
        {
          const char *name = NULL;
          GHashTable *set = cardinal_canvas_item_selection_set (self, cardinal_canvas_item_at_index (self, hit.item), &name);

          if (set != NULL && !cardinal_canvas_set_contains (set, name))
            {
              changed = cardinal_canvas_clear_selection (self);
              changed |= cardinal_canvas_set_selected (set, name, TRUE);
            }
        }
      else if (hit.kind == HIT_EDGE)
        {
          const char *name = g_array_index (self->edges, CardinalCanvasEdge, hit.edge).relationship;

          if (name != NULL && !cardinal_canvas_set_contains (self->selected_relationships, name))
            {
              changed = cardinal_canvas_clear_selection (self);
              changed |= cardinal_canvas_set_selected (self->selected_relationships, name, TRUE);
            }
        }
      else
        changed = cardinal_canvas_clear_selection (self);
      if (changed)
        cardinal_canvas_selection_changed (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      cardinal_canvas_emit_context_menu (self, x, y);
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CardinalCanvas           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x, y;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (ZOOM_STEP, -dy) : exp (-dy * 0.01);

      x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
      cardinal_canvas_set_zoom (self, self->zoom * factor, x, y);
      return TRUE;
    }

  /* Inside a scrolled window plain scrolling is its job (kinetic, overlay scrollbars). */
  if (GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self))))
    return FALSE;

  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadjustment, cardinal_canvas_hvalue (self) + dx * (wheel ? 3 * PAN_STEP : 1));
  gtk_adjustment_set_value (self->vadjustment, cardinal_canvas_vvalue (self) + dy * (wheel ? 3 * PAN_STEP : 1));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               CardinalCanvas   *self)
{
  self->pinch_start_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       CardinalCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  cardinal_canvas_set_zoom (self, self->pinch_start_zoom * scale, x, y);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CardinalCanvas        *self)
{
  if (keyval == GDK_KEY_space && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    {
      if (!self->space_down)
        {
          self->space_down = TRUE;
          cardinal_canvas_set_cursor (self);
        }
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    return cardinal_canvas_cancel_interaction (self);
  return FALSE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CardinalCanvas        *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      cardinal_canvas_set_cursor (self);
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CardinalCanvas          *self)
{
  self->space_down = FALSE;
  cardinal_canvas_set_cursor (self);
}

/* The gestures and controllers that feed the canvas's input handlers. */
void
cardinal_canvas_input_init (CardinalCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  g_signal_connect (gesture, "released", G_CALLBACK (click_released_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}
