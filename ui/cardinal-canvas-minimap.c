/* cardinal-canvas-minimap.c: the canvas's overview: all boxes from a cached picture, the viewport as a frame; click or drag to pan. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-minimap.h"

#include <math.h>

#include "cardinal-canvas-private.h"

#define MINIMAP_WIDTH   220
#define MINIMAP_HEIGHT  150
/* Widget pixels around the picture. */
#define MINIMAP_PAD     8.0

struct _CardinalCanvasMinimap
{
  GtkWidget       parent_instance;

  CardinalCanvas *canvas;
  /* The handlers on whichever adjustments and history the canvas has now. */
  GSignalGroup   *hadjustment_signals;
  GSignalGroup   *vadjustment_signals;
  GSignalGroup   *history_signals;

  /* The boxes, drawn once with cairo for a size, a model extent and a
   * version of the model: panning and zooming only move the frame, so a
   * frame costs the same at 5 boxes as at 5,000 (GL keeps the cairo node's
   * texture while the node lives). */
  GskRenderNode  *boxes;
  graphene_rect_t boxes_world;
  int             boxes_width;
  int             boxes_height;
  guint           boxes_items;
  guint           boxes_serial;
  guint           serial;
  guint           cache_builds;
};

G_DEFINE_FINAL_TYPE (CardinalCanvasMinimap, cardinal_canvas_minimap, GTK_TYPE_WIDGET)

/* The part of the model the minimap shows: every box and the margin the
 * scrollbars reach. */
static gboolean
get_world (CardinalCanvasMinimap *self,
           graphene_rect_t       *world)
{
  if (self->canvas == NULL)
    return FALSE;
  cardinal_canvas_ensure_items (self->canvas);
  if (self->canvas->items->len == 0)
    return FALSE;
  cardinal_canvas_get_model_bounds (self->canvas, world);
  graphene_rect_inset (world, -MARGIN, -MARGIN);
  return TRUE;
}

static gboolean
get_transform (CardinalCanvasMinimap *self,
               graphene_rect_t       *world,
               double                *scale,
               double                *ox,
               double                *oy)
{
  double w = gtk_widget_get_width (GTK_WIDGET (self)) - 2 * MINIMAP_PAD;
  double h = gtk_widget_get_height (GTK_WIDGET (self)) - 2 * MINIMAP_PAD;

  if (w <= 0 || h <= 0 || !get_world (self, world))
    return FALSE;
  *scale = MIN (w / MAX (world->size.width, 1.0), h / MAX (world->size.height, 1.0));
  /* Centred in the widget. */
  *ox = MINIMAP_PAD + (w - world->size.width * *scale) / 2 - world->origin.x * *scale;
  *oy = MINIMAP_PAD + (h - world->size.height * *scale) / 2 - world->origin.y * *scale;
  return TRUE;
}

gboolean
cardinal_canvas_minimap_model_to_widget (CardinalCanvasMinimap *self,
                                         double                 x,
                                         double                 y,
                                         double                *wx,
                                         double                *wy)
{
  graphene_rect_t world;
  double s, ox, oy;

  g_return_val_if_fail (CARDINAL_IS_CANVAS_MINIMAP (self), FALSE);

  if (!get_transform (self, &world, &s, &ox, &oy))
    return FALSE;
  *wx = x * s + ox;
  *wy = y * s + oy;
  return TRUE;
}

gboolean
cardinal_canvas_minimap_widget_to_model (CardinalCanvasMinimap *self,
                                         double                 wx,
                                         double                 wy,
                                         double                *x,
                                         double                *y)
{
  graphene_rect_t world;
  double s, ox, oy;

  g_return_val_if_fail (CARDINAL_IS_CANVAS_MINIMAP (self), FALSE);

  if (!get_transform (self, &world, &s, &ox, &oy))
    return FALSE;
  *x = (wx - ox) / s;
  *y = (wy - oy) / s;
  return TRUE;
}

static GskRenderNode *
build_boxes (CardinalCanvasMinimap *self,
             double                 s,
             double                 ox,
             double                 oy,
             int                    width,
             int                    height)
{
  CardinalCanvas *canvas = self->canvas;
  GskRenderNode *node = gsk_cairo_node_new (&GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_t *cr = gsk_cairo_node_get_draw_context (node);

  /* One path, one fill: the boxes in the overview colour, at least a pixel. */
  for (guint i = 0; i < canvas->items->len; i++)
    {
      graphene_rect_t rect;

      cardinal_canvas_item_rect (canvas, cardinal_canvas_item_at_index (canvas, i), &rect);
      cairo_rectangle (cr, rect.origin.x * s + ox, rect.origin.y * s + oy,
                       MAX (rect.size.width * s, 1.0), MAX (rect.size.height * s, 1.0));
    }
  gdk_cairo_set_source_rgba (cr, &canvas->palette.overview);
  cairo_fill (cr);
  cairo_destroy (cr);
  self->cache_builds++;
  return node;
}

static void
cardinal_canvas_minimap_snapshot (GtkWidget   *widget,
                                  GtkSnapshot *snapshot)
{
  CardinalCanvasMinimap *self = CARDINAL_CANVAS_MINIMAP (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  graphene_rect_t world, visible, frame, area = GRAPHENE_RECT_INIT (0, 0, width, height);
  double s, ox, oy;

  /* The background and the rounded corners come from the style (.canvas-minimap). */
  if (self->canvas == NULL)
    return;
  cardinal_canvas_ensure_palette (self->canvas);
  if (!get_transform (self, &world, &s, &ox, &oy))
    return;

  if (self->boxes == NULL || self->boxes_serial != self->serial || self->boxes_width != width ||
      self->boxes_height != height || self->boxes_items != self->canvas->items->len ||
      !graphene_rect_equal (&self->boxes_world, &world))
    {
      g_clear_pointer (&self->boxes, gsk_render_node_unref);
      self->boxes = build_boxes (self, s, ox, oy, width, height);
      self->boxes_serial = self->serial;
      self->boxes_width = width;
      self->boxes_height = height;
      self->boxes_items = self->canvas->items->len;
      self->boxes_world = world;
    }
  gtk_snapshot_push_clip (snapshot, &area);
  gtk_snapshot_append_node (snapshot, self->boxes);

  /* The selection changes without a new picture: a few rectangles over it. */
  for (guint i = 0; i < self->canvas->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self->canvas, i);
      graphene_rect_t rect;

      if (!item->selected)
        continue;
      cardinal_canvas_item_rect (self->canvas, item, &rect);
      gtk_snapshot_append_color (snapshot, &self->canvas->palette.accent,
                                 &GRAPHENE_RECT_INIT (rect.origin.x * s + ox, rect.origin.y * s + oy,
                                                      MAX (rect.size.width * s, 2.0), MAX (rect.size.height * s, 2.0)));
    }

  cardinal_canvas_get_visible_rect (self->canvas, &visible);
  frame = GRAPHENE_RECT_INIT (floor (visible.origin.x * s + ox), floor (visible.origin.y * s + oy),
                              MAX (ceil (visible.size.width * s), 4), MAX (ceil (visible.size.height * s), 4));
  gtk_snapshot_append_color (snapshot, &self->canvas->palette.accent_fill, &frame);
  cardinal_canvas_append_frame (snapshot, &frame, 1.5, &self->canvas->palette.accent);
  gtk_snapshot_pop (snapshot);
}

static void
pan_to (CardinalCanvasMinimap *self,
        double                 wx,
        double                 wy)
{
  double x, y;

  if (cardinal_canvas_minimap_widget_to_model (self, wx, wy, &x, &y))
    cardinal_canvas_scroll_to (self->canvas, x, y);
}

static void
drag_begin_cb (GtkGestureDrag        *gesture,
               double                 x,
               double                 y,
               CardinalCanvasMinimap *self)
{
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  pan_to (self, x, y);
}

static void
drag_update_cb (GtkGestureDrag        *gesture,
                double                 dx,
                double                 dy,
                CardinalCanvasMinimap *self)
{
  double x, y;

  gtk_gesture_drag_get_start_point (gesture, &x, &y);
  pan_to (self, x + dx, y + dy);
}

static void
invalidate (CardinalCanvasMinimap *self)
{
  self->serial++;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static GSignalGroup *
adjustment_signals_new (CardinalCanvasMinimap *self)
{
  GSignalGroup *group = g_signal_group_new (GTK_TYPE_ADJUSTMENT);

  /* The frame follows the view: a redraw of the minimap, not a new picture. */
  g_signal_group_connect_swapped (group, "value-changed", G_CALLBACK (gtk_widget_queue_draw), self);
  g_signal_group_connect_swapped (group, "changed", G_CALLBACK (gtk_widget_queue_draw), self);
  return group;
}

static void
canvas_notify_cb (GObject               *canvas,
                  GParamSpec            *pspec,
                  CardinalCanvasMinimap *self)
{
  const char *name = g_param_spec_get_name (pspec);

  if (g_str_equal (name, "hadjustment"))
    g_signal_group_set_target (self->hadjustment_signals, gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)));
  else if (g_str_equal (name, "vadjustment"))
    g_signal_group_set_target (self->vadjustment_signals, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)));
  else if (g_str_equal (name, "history"))
    {
      g_signal_group_set_target (self->history_signals, cardinal_canvas_get_history (self->canvas));
      invalidate (self);
    }
  else if (g_str_equal (name, "view"))
    invalidate (self);
  else
    gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
canvas_selection_changed_cb (CardinalCanvas        *canvas,
                             CardinalCanvasMinimap *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
cardinal_canvas_minimap_dispose (GObject *object)
{
  CardinalCanvasMinimap *self = CARDINAL_CANVAS_MINIMAP (object);

  g_clear_object (&self->hadjustment_signals);
  g_clear_object (&self->vadjustment_signals);
  g_clear_object (&self->history_signals);
  if (self->canvas != NULL)
    {
      g_signal_handlers_disconnect_by_data (self->canvas, self);
      g_object_remove_weak_pointer (G_OBJECT (self->canvas), (gpointer *) &self->canvas);
      self->canvas = NULL;
    }
  g_clear_pointer (&self->boxes, gsk_render_node_unref);

  G_OBJECT_CLASS (cardinal_canvas_minimap_parent_class)->dispose (object);
}

static void
cardinal_canvas_minimap_measure (GtkWidget      *widget,
                                 GtkOrientation  orientation,
                                 int             for_size,
                                 int            *minimum,
                                 int            *natural,
                                 int            *minimum_baseline,
                                 int            *natural_baseline)
{
  *minimum = *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? MINIMAP_WIDTH : MINIMAP_HEIGHT;
}

static void
cardinal_canvas_minimap_class_init (CardinalCanvasMinimapClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_canvas_minimap_dispose;
  widget_class->snapshot = cardinal_canvas_minimap_snapshot;
  widget_class->measure = cardinal_canvas_minimap_measure;
  gtk_widget_class_set_css_name (widget_class, "minimap");
}

static void
cardinal_canvas_minimap_init (CardinalCanvasMinimap *self)
{
  GtkGesture *drag = gtk_gesture_drag_new ();

  self->hadjustment_signals = adjustment_signals_new (self);
  self->vadjustment_signals = adjustment_signals_new (self);
  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect_swapped (self->history_signals, "changed", G_CALLBACK (invalidate), self);
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (drag), GDK_BUTTON_PRIMARY);
  g_signal_connect (drag, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (drag, "drag-update", G_CALLBACK (drag_update_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drag));
  gtk_widget_set_overflow (GTK_WIDGET (self), GTK_OVERFLOW_HIDDEN);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self), "Overview: click or drag to move the view");
}

GtkWidget *
cardinal_canvas_minimap_new (CardinalCanvas *canvas)
{
  CardinalCanvasMinimap *self;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (canvas), NULL);

  self = g_object_new (CARDINAL_TYPE_CANVAS_MINIMAP, NULL);
  self->canvas = canvas;
  g_object_add_weak_pointer (G_OBJECT (canvas), (gpointer *) &self->canvas);
  g_signal_connect (canvas, "notify", G_CALLBACK (canvas_notify_cb), self);
  g_signal_connect (canvas, "selection-changed", G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_group_set_target (self->hadjustment_signals, gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (canvas)));
  g_signal_group_set_target (self->vadjustment_signals, gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (canvas)));
  g_signal_group_set_target (self->history_signals, cardinal_canvas_get_history (canvas));
  return GTK_WIDGET (self);
}

CardinalCanvas *
cardinal_canvas_minimap_get_canvas (CardinalCanvasMinimap *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS_MINIMAP (self), NULL);

  return self->canvas;
}

guint
cardinal_canvas_minimap_get_cache_builds (CardinalCanvasMinimap *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS_MINIMAP (self), 0);

  return self->cache_builds;
}
