/* cardinal-canvas.c: the diagram canvas widget: its GObject and GtkWidget sides, scrolling and zoom, selection and the public API. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_VIEW,
  PROP_SNAP_TO_GRID,
  PROP_ZOOM,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  SELECTION_CHANGED,
  CONNECT,
  RENAME_ENTITY,
  EDIT_ATTRIBUTE,
  CONTEXT_MENU,
  EDIT_NOTE,
  DELETED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (CardinalCanvasView, cardinal_canvas_view,
                    G_DEFINE_ENUM_VALUE (CARDINAL_CANVAS_VIEW_LOGICAL, "logical"),
                    G_DEFINE_ENUM_VALUE (CARDINAL_CANVAS_VIEW_PHYSICAL, "physical"))

G_DEFINE_FINAL_TYPE_WITH_CODE (CardinalCanvas, cardinal_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

/* ---- Selection --------------------------------------------------------- */

void
cardinal_canvas_selection_changed (CardinalCanvas *self)
{
  gboolean any = g_hash_table_size (self->selected_entities) > 0 ||
                 g_hash_table_size (self->selected_relationships) > 0 ||
                 self->selected_note >= 0 || self->selected_group != NULL;

  if (!self->items_dirty)
    cardinal_canvas_refresh_selection_flags (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", any);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

gboolean
cardinal_canvas_clear_selection (CardinalCanvas *self)
{
  gboolean changed = g_hash_table_size (self->selected_entities) > 0 ||
                     g_hash_table_size (self->selected_relationships) > 0 ||
                     self->selected_note >= 0 || self->selected_group != NULL;

  g_hash_table_remove_all (self->selected_entities);
  g_hash_table_remove_all (self->selected_relationships);
  self->selected_note = -1;
  g_clear_pointer (&self->selected_group, g_free);
  return changed;
}

gboolean
cardinal_canvas_set_selected (GHashTable *set,
                              const char *name,
                              gboolean    selected)
{
  if (selected)
    return g_hash_table_add (set, g_strdup (name));
  return g_hash_table_remove (set, name);
}

/* What clicking an item selects: its entity, or a link table's relationship. */
GHashTable *
cardinal_canvas_item_selection_set (CardinalCanvas           *self,
                                    const CardinalCanvasItem *item,
                                    const char              **name)
{
  if (item->entity != NULL)
    {
      *name = item->entity;
      return self->selected_entities;
    }
  *name = item->relationship;
  return item->relationship != NULL ? self->selected_relationships : NULL;
}

gboolean
cardinal_canvas_set_contains (GHashTable *set,
                              const char *name)
{
  return set != NULL && name != NULL && g_hash_table_contains (set, name);
}

/* Drops names that no longer exist after an edit. */
static void
prune_selection (CardinalCanvas *self)
{
  const CardinalModel *model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  g_autoptr(GHashTable) entities = NULL;
  g_autoptr(GHashTable) relationships = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  /* A deleted note or group (or one undone away) is no longer selected. */
  if (cardinal_canvas_prune_annotations (self))
    cardinal_canvas_selection_changed (self);

  if (g_hash_table_size (self->selected_entities) == 0 && g_hash_table_size (self->selected_relationships) == 0)
    return;

  entities = g_hash_table_new (g_str_hash, g_str_equal);
  relationships = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; model != NULL && i < model->entities->len; i++)
    g_hash_table_add (entities, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name);
  for (guint i = 0; model != NULL && i < model->relationships->len; i++)
    g_hash_table_add (relationships, ((CardinalRelationship *) g_ptr_array_index (model->relationships, i))->name);

  g_hash_table_iter_init (&iter, self->selected_entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (entities, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  g_hash_table_iter_init (&iter, self->selected_relationships);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (relationships, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (changed)
    cardinal_canvas_selection_changed (self);
}

static GStrv
selected_in_order (GHashTable *set,
                   GPtrArray  *objects,
                   gboolean    entities)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* Document order, so callers get the same answer for the same selection. */
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      const char *name = entities ? ((CardinalEntity *) g_ptr_array_index (objects, i))->name
                                  : ((CardinalRelationship *) g_ptr_array_index (objects, i))->name;

      if (g_hash_table_contains (set, name))
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/* ---- Scrolling and zoom ------------------------------------------------ */

static void
cardinal_canvas_update_adjustments (CardinalCanvas *self,
                                    double          h,
                                    double          v)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double z = self->zoom;
  graphene_rect_t area;

  cardinal_canvas_ensure_items (self);
  graphene_rect_inset_r (&self->model_bounds, -MARGIN, -MARGIN, &area);
  /* The range also holds the part being shown, so an edit that shrinks the
   * model never makes the view jump; it shrinks once the user scrolls. */
  gtk_adjustment_configure (self->hadjustment, h,
                            MIN (area.origin.x * z, h),
                            MAX ((area.origin.x + area.size.width) * z, h + width),
                            width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, v,
                            MIN (area.origin.y * z, v),
                            MAX ((area.origin.y + area.size.height) * z, v + height),
                            height * 0.1, height * 0.9, height);
}

static void
adjustment_value_changed (GtkAdjustment  *adjustment,
                          CardinalCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (CardinalCanvas  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment,
                GParamSpec      *pspec)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  g_clear_object (slot);
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_group_set_target (slot == &self->hadjustment ? self->hadjustment_signals : self->vadjustment_signals,
                             adjustment);
  if (self->hadjustment != NULL && self->vadjustment != NULL)
    cardinal_canvas_update_adjustments (self, cardinal_canvas_hvalue (self), cardinal_canvas_vvalue (self));
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

double
cardinal_canvas_get_zoom (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
cardinal_canvas_set_zoom (CardinalCanvas *self,
                          double          zoom,
                          double          widget_x,
                          double          widget_y)
{
  double mx, my;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  self->fit_pending = FALSE;
  if (zoom == self->zoom)
    return;

  /* Keep the model point under (widget_x, widget_y) where it is. Only the
   * transform changes: no box is laid out again. */
  cardinal_canvas_widget_to_model (self, widget_x, widget_y, &mx, &my);
  self->zoom = zoom;
  self->view_placed = TRUE;
  cardinal_canvas_update_adjustments (self, mx * zoom - widget_x, my * zoom - widget_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

void
cardinal_canvas_zoom_by (CardinalCanvas *self,
                         double          factor)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  cardinal_canvas_set_zoom (self, self->zoom * factor, x, y);
}

void
cardinal_canvas_zoom_to_fit (CardinalCanvas *self)
{
  double width, height, zoom;
  graphene_rect_t area;
  graphene_point_t center;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      /* Done at the first allocation. */
      self->fit_pending = TRUE;
      return;
    }
  self->fit_pending = FALSE;
  self->view_placed = TRUE;

  cardinal_canvas_ensure_items (self);
  graphene_rect_inset_r (&self->model_bounds, -FIT_MARGIN, -FIT_MARGIN, &area);
  zoom = MIN (width / area.size.width, height / area.size.height);
  zoom = CLAMP (zoom, ZOOM_MIN, FIT_ZOOM_MAX);
  graphene_rect_get_center (&area, &center);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  cardinal_canvas_update_adjustments (self, center.x * zoom - width / 2, center.y * zoom - height / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_scroll_to (CardinalCanvas *self,
                           double          x,
                           double          y)
{
  double width, height;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->view_placed = TRUE;
  cardinal_canvas_update_adjustments (self, x * self->zoom - width / 2, y * self->zoom - height / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_get_visible_center (CardinalCanvas *self,
                                    double         *x,
                                    double         *y)
{
  double mx, my;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  cardinal_canvas_widget_to_model (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                   gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &mx, &my);
  if (x != NULL)
    *x = mx;
  if (y != NULL)
    *y = my;
}

void
cardinal_canvas_find_free_place (CardinalCanvas *self,
                                 double          width,
                                 double          height,
                                 double          gap,
                                 double         *x,
                                 double         *y)
{
  g_autofree graphene_rect_t *boxes = NULL;
  graphene_point_t center;
  graphene_rect_t found;
  double cx, cy;
  guint n = 0;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (x != NULL && y != NULL);

  cardinal_canvas_ensure_items (self);
  boxes = g_new (graphene_rect_t, self->items->len + self->edges->len * CARDINAL_ROUTE_MAX_POINTS + 1);
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, i), &boxes[n++]);
  /* The lines (a box on a line hides where it goes) and their link-attribute boxes. */
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalRoute route;

      cardinal_canvas_edge_route (self, edge, &route);
      for (guint k = 1; k < route.n_points; k++)
        {
          const graphene_point_t *a = &route.points[k - 1], *b = &route.points[k];

          graphene_rect_init (&boxes[n++], MIN (a->x, b->x), MIN (a->y, b->y),
                              MAX (fabs (b->x - a->x), 1), MAX (fabs (b->y - a->y), 1));
        }
      if (edge->label != NULL)
        cardinal_canvas_label_rect (&route, edge->label, &boxes[n++]);
    }
  cardinal_canvas_get_visible_center (self, &cx, &cy);
  center = GRAPHENE_POINT_INIT (cx, cy);
  cardinal_layout_find_free (boxes, n, width, height, &center, gap, &found);
  *x = found.origin.x;
  *y = found.origin.y;
}

void
cardinal_canvas_get_visible_rect (CardinalCanvas  *self,
                                  graphene_rect_t *rect)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (rect != NULL);

  graphene_rect_init (rect, cardinal_canvas_hvalue (self) / self->zoom, cardinal_canvas_vvalue (self) / self->zoom,
                      gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                      gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom);
}

/* Scrolls just enough for @rect (model coordinates) to be seen, centring it when it is off screen. */
static void
reveal_rect (CardinalCanvas        *self,
             const graphene_rect_t *rect)
{
  graphene_rect_t visible;
  graphene_point_t center;

  cardinal_canvas_get_visible_rect (self, &visible);
  if (graphene_rect_contains_rect (&visible, rect))
    return;
  graphene_rect_get_center (rect, &center);
  cardinal_canvas_scroll_to (self, center.x, center.y);
}

/* ---- Signals ----------------------------------------------------------- */

void
cardinal_canvas_emit_rename_entity (CardinalCanvas *self,
                                    const char     *name)
{
  g_signal_emit (self, signals[RENAME_ENTITY], 0, name);
}

void
cardinal_canvas_emit_edit_attribute (CardinalCanvas *self,
                                     const char     *entity,
                                     const char     *attribute)
{
  g_signal_emit (self, signals[EDIT_ATTRIBUTE], 0, entity, attribute);
}

const char *
cardinal_canvas_item_row_attribute (CardinalCanvas           *self,
                                    const CardinalCanvasItem *item,
                                    guint                     row)
{
  const CardinalEntity *entity;
  const CardinalTable *table;
  const CardinalColumn *column;

  if (item->entity == NULL || self->history == NULL || row >= item->n_rows)
    return NULL;
  entity = cardinal_model_find_entity (cardinal_history_get_model (self->history), item->entity);
  if (entity == NULL)
    return NULL;
  /* The logical view draws the attributes in order; the physical view the
   * table's columns, of which only the entity's own are its attributes. */
  if (self->view == CARDINAL_CANVAS_VIEW_LOGICAL)
    return row < entity->attributes->len
           ? ((const CardinalAttribute *) g_ptr_array_index (entity->attributes, row))->name : NULL;
  table = self->schema != NULL ? cardinal_schema_find_table (self->schema, item->name) : NULL;
  if (table == NULL || row >= table->columns->len)
    return NULL;
  column = g_ptr_array_index (table->columns, row);
  return cardinal_entity_find_attribute (entity, column->name) != NULL ? column->name : NULL;
}

gboolean
cardinal_canvas_get_attribute_bounds (CardinalCanvas  *self,
                                      const char      *entity,
                                      const char      *attribute,
                                      graphene_rect_t *bounds)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);

  cardinal_canvas_ensure_items (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      const CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
      graphene_rect_t rect;

      if (g_strcmp0 (item->entity, entity) != 0)
        continue;
      cardinal_canvas_item_rect (self, item, &rect);
      for (guint row = 0; row < item->n_rows; row++)
        if (g_strcmp0 (cardinal_canvas_item_row_attribute (self, item, row), attribute) == 0)
          {
            graphene_rect_init (bounds, rect.origin.x, rect.origin.y + item->rows_y + row * item->row_height,
                                rect.size.width, item->row_height);
            return TRUE;
          }
    }
  return FALSE;
}

void
cardinal_canvas_emit_context_menu (CardinalCanvas *self,
                                   double          x,
                                   double          y)
{
  g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
}

void
cardinal_canvas_emit_edit_note (CardinalCanvas *self,
                                int             index)
{
  g_signal_emit (self, signals[EDIT_NOTE], 0, index);
}

void
cardinal_canvas_emit_deleted (CardinalCanvas *self,
                              guint           n_entities,
                              guint           n_relationships)
{
  g_signal_emit (self, signals[DELETED], 0, n_entities, n_relationships);
}

void
cardinal_canvas_emit_connect (CardinalCanvas *self,
                              const char     *entity1,
                              const char     *entity2)
{
  g_autofree char *first = g_strdup (entity1);
  g_autofree char *second = g_strdup (entity2);

  /* Copies: a handler may edit the model and so rebuild the boxes. */
  g_signal_emit (self, signals[CONNECT], 0, first, second);
}

/* ---- GtkWidget --------------------------------------------------------- */

static void
cardinal_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

/* Brings the scrollbars (and a pending fit or first placement) in line with
 * the boxes. Called from size_allocate, and after edits from an idle rather
 * than by queueing an allocation: edits can arrive at any point of a frame
 * (a dialog's response, say), and a queued allocation that lands after the
 * layout phase leaves the widget unallocated when it is drawn. */
static void
apply_view (CardinalCanvas *self)
{
  cardinal_canvas_ensure_items (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  if (self->fit_pending)
    {
      cardinal_canvas_zoom_to_fit (self);
      return;
    }
  if (!self->view_placed && self->items->len > 0)
    {
      /* First show of a document: the top-left corner of the model when
       * all of it fits so, else all of it zoomed out to fit. */
      if ((self->model_bounds.size.width + 2 * FIT_MARGIN) * self->zoom > gtk_widget_get_width (GTK_WIDGET (self))
          || (self->model_bounds.size.height + 2 * FIT_MARGIN) * self->zoom > gtk_widget_get_height (GTK_WIDGET (self)))
        {
          cardinal_canvas_zoom_to_fit (self);
          return;
        }
      self->view_placed = TRUE;
      cardinal_canvas_update_adjustments (self, (self->model_bounds.origin.x - FIT_MARGIN) * self->zoom,
                                          (self->model_bounds.origin.y - FIT_MARGIN) * self->zoom);
      return;
    }
  cardinal_canvas_update_adjustments (self, cardinal_canvas_hvalue (self), cardinal_canvas_vvalue (self));
}

static gboolean
view_update_cb (gpointer data)
{
  CardinalCanvas *self = data;

  self->view_update_id = 0;
  apply_view (self);
  return G_SOURCE_REMOVE;
}

void
cardinal_canvas_queue_view_update (CardinalCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Before the next frame is drawn (redraws run at a lower priority). */
  if (self->view_update_id == 0)
    self->view_update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, view_update_cb, self, NULL);
}

static void
cardinal_canvas_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  apply_view (CARDINAL_CANVAS (widget));
}

static void
cardinal_canvas_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && !pango_font_description_equal (font, self->font))
    cardinal_canvas_reset_text (self);
  if (self->palette_valid && self->palette.dark != cardinal_canvas_style_is_dark (self))
    gtk_widget_queue_draw (widget);
}

static void
cardinal_canvas_system_setting_changed (GtkWidget        *widget,
                                        GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG ||
      setting == GTK_SYSTEM_SETTING_DPI)
    cardinal_canvas_reset_text (CARDINAL_CANVAS (widget));
}

static void
cardinal_canvas_state_flags_changed (GtkWidget     *widget,
                                     GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->state_flags_changed (widget, previous);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);
}

/* ---- History ----------------------------------------------------------- */

static void
history_changed_cb (CardinalHistory *history,
                    guint            flags,
                    CardinalCanvas  *self)
{
  /* A change under a drag (undo from the keyboard) ends it: the boxes are rebuilt. */
  if (self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_MOVE_PENDING)
    cardinal_canvas_cancel_interaction (self);
  self->pending_flags |= flags;
  self->items_dirty = TRUE;
  prune_selection (self);
  cardinal_canvas_queue_view_update (self);
}

void
cardinal_canvas_set_history (CardinalCanvas  *self,
                             CardinalHistory *history)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  if (self->history == history)
    return;

  cardinal_canvas_cancel_interaction (self);
  g_set_object (&self->history, history);
  g_signal_group_set_target (self->history_signals, history);

  g_clear_pointer (&self->schema, cardinal_schema_free);
  self->items_dirty = TRUE;
  self->pending_flags = CARDINAL_CHANGE_ALL;
  self->view_placed = FALSE;
  if (cardinal_canvas_clear_selection (self))
    cardinal_canvas_selection_changed (self);
  cardinal_canvas_queue_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

CardinalHistory *
cardinal_canvas_get_history (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  return self->history;
}

void
cardinal_canvas_set_view (CardinalCanvas     *self,
                          CardinalCanvasView  view)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (view == CARDINAL_CANVAS_VIEW_LOGICAL || view == CARDINAL_CANVAS_VIEW_PHYSICAL);

  if (self->view == view)
    return;

  cardinal_canvas_cancel_interaction (self);
  self->view = view;
  /* The two views draw different boxes under the same names: start afresh. */
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_free (cardinal_canvas_item_at_index (self, i));
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->entity_items);
  g_hash_table_remove_all (self->labels);
  g_array_set_size (self->edges, 0);
  g_clear_pointer (&self->schema, cardinal_schema_free);
  self->items_dirty = TRUE;
  self->pending_flags = CARDINAL_CHANGE_ALL;
  cardinal_canvas_queue_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

CardinalCanvasView
cardinal_canvas_get_view (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), CARDINAL_CANVAS_VIEW_LOGICAL);

  return self->view;
}

void
cardinal_canvas_set_snap_to_grid (CardinalCanvas *self,
                                  gboolean        snap)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  snap = !!snap;
  if (self->snap == snap)
    return;
  self->snap = snap;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

/* ---- Selection API ----------------------------------------------------- */

GStrv
cardinal_canvas_get_selected_entities (CardinalCanvas *self)
{
  const CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  return selected_in_order (self->selected_entities, model != NULL ? model->entities : NULL, TRUE);
}

GStrv
cardinal_canvas_get_selected_relationships (CardinalCanvas *self)
{
  const CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  return selected_in_order (self->selected_relationships, model != NULL ? model->relationships : NULL, FALSE);
}

static gboolean
sets_equal (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

/* Only names that exist: the selection always names objects of the model. */
static GHashTable *
existing_names (const char * const *names,
                GPtrArray          *objects,
                gboolean            entities)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    g_hash_table_add (known, entities ? ((CardinalEntity *) g_ptr_array_index (objects, i))->name
                                      : ((CardinalRelationship *) g_ptr_array_index (objects, i))->name);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_hash_table_contains (known, names[i]))
      g_hash_table_add (set, g_strdup (names[i]));
  return set;
}

void
cardinal_canvas_select (CardinalCanvas     *self,
                        const char * const *entities,
                        const char * const *relationships)
{
  const CardinalModel *model;
  g_autoptr(GHashTable) new_entities = NULL;
  g_autoptr(GHashTable) new_relationships = NULL;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  new_entities = existing_names (entities, model != NULL ? model->entities : NULL, TRUE);
  new_relationships = existing_names (relationships, model != NULL ? model->relationships : NULL, FALSE);
  if (sets_equal (new_entities, self->selected_entities) &&
      sets_equal (new_relationships, self->selected_relationships))
    return;

  g_hash_table_unref (self->selected_entities);
  g_hash_table_unref (self->selected_relationships);
  self->selected_entities = g_steal_pointer (&new_entities);
  self->selected_relationships = g_steal_pointer (&new_relationships);
  cardinal_canvas_selection_changed (self);
}

void
cardinal_canvas_select_all (CardinalCanvas *self)
{
  const CardinalModel *model;
  gboolean changed = FALSE;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  if (model == NULL)
    return;
  for (guint i = 0; i < model->entities->len; i++)
    changed |= cardinal_canvas_set_selected (self->selected_entities, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name, TRUE);
  for (guint i = 0; i < model->relationships->len; i++)
    changed |= cardinal_canvas_set_selected (self->selected_relationships,
                                             ((CardinalRelationship *) g_ptr_array_index (model->relationships, i))->name, TRUE);
  if (changed)
    cardinal_canvas_selection_changed (self);
}

void
cardinal_canvas_reveal_entity (CardinalCanvas *self,
                               const char     *name)
{
  const char *names[] = { name, NULL };
  graphene_rect_t rect;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (name != NULL);

  cardinal_canvas_clear_highlight (self);
  cardinal_canvas_select (self, names, NULL);
  if (cardinal_canvas_get_entity_bounds (self, name, &rect))
    reveal_rect (self, &rect);
}

void
cardinal_canvas_reveal_note (CardinalCanvas *self,
                             guint           index)
{
  const CardinalModel *model;
  const CardinalNote *note;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  model = cardinal_canvas_current_model (self);
  if (model == NULL || index >= model->notes->len)
    return;
  note = g_ptr_array_index (model->notes, index);
  cardinal_canvas_clear_highlight (self);
  cardinal_canvas_select_annotation (self, (int) index, NULL);
  cardinal_canvas_selection_changed (self);
  reveal_rect (self, &GRAPHENE_RECT_INIT (note->x, note->y, note->width, note->height));
}

void
cardinal_canvas_reveal_relationship (CardinalCanvas *self,
                                     const char     *name)
{
  const char *names[] = { name, NULL };

  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (name != NULL);

  cardinal_canvas_clear_highlight (self);
  cardinal_canvas_select (self, NULL, names);
  cardinal_canvas_ensure_items (self);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      graphene_rect_t a, b, both;

      if (g_strcmp0 (edge->relationship, name) != 0)
        continue;
      cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item1), &a);
      cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item2), &b);
      graphene_rect_union (&a, &b, &both);
      reveal_rect (self, &both);
      return;
    }
}

void
cardinal_canvas_begin_connect (CardinalCanvas *self)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  cardinal_canvas_cancel_interaction (self);
  self->connect_mode = TRUE;
  cardinal_canvas_set_cursor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ---- Private API ------------------------------------------------------- */

gboolean
cardinal_canvas_get_entity_bounds (CardinalCanvas  *self,
                                   const char      *name,
                                   graphene_rect_t *bounds)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (name != NULL && bounds != NULL, FALSE);

  cardinal_canvas_ensure_items (self);
  index = cardinal_canvas_lookup_index (self->entity_items, name, &found);
  if (!found)
    return FALSE;
  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, index), bounds);
  return TRUE;
}

gboolean
cardinal_canvas_get_label_bounds (CardinalCanvas  *self,
                                  const char      *relationship,
                                  graphene_rect_t *bounds)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (relationship != NULL && bounds != NULL, FALSE);

  cardinal_canvas_ensure_items (self);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalRoute route;

      if (edge->label == NULL || g_strcmp0 (edge->relationship, relationship) != 0)
        continue;
      cardinal_canvas_edge_route (self, edge, &route);
      cardinal_canvas_label_rect (&route, edge->label, bounds);
      return TRUE;
    }
  return FALSE;
}

void
cardinal_canvas_get_model_bounds (CardinalCanvas  *self,
                                  graphene_rect_t *bounds)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (bounds != NULL);

  cardinal_canvas_ensure_items (self);
  *bounds = self->model_bounds;
}

gboolean
cardinal_canvas_get_last_frame_from_tiles (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);

  return self->last_frame_from_tiles;
}

void
cardinal_canvas_set_use_tiles (CardinalCanvas *self,
                               gboolean        use_tiles)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  /* The tiles stay: what they show does not depend on how frames use them. */
  self->use_tiles = use_tiles;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_get_tile_counts (CardinalCanvas *self,
                                 guint          *stand_in_frames,
                                 guint64        *tiles_drawn)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  *stand_in_frames = self->stand_in_frames;
  *tiles_drawn = self->use_tiles ? cardinal_canvas_tiles_get_rendered (self->tiles) : 0;
}

void
cardinal_canvas_get_drawn_counts (CardinalCanvas *self,
                                  guint          *boxes,
                                  guint          *lines)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  if (boxes != NULL)
    *boxes = self->drawn_boxes;
  if (lines != NULL)
    *lines = self->drawn_lines;
}

/* ---- GObject ----------------------------------------------------------- */

GtkWidget *
cardinal_canvas_new (void)
{
  return g_object_new (CARDINAL_TYPE_CANVAS, NULL);
}

static void
cardinal_canvas_dispose (GObject *object)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  /* The groups themselves go in finalize: a scrolled window may still set
   * adjustments on its child after the child is disposed. */
  g_signal_group_set_target (self->history_signals, NULL);
  g_clear_object (&self->history);
  g_clear_handle_id (&self->view_update_id, g_source_remove);
  g_clear_pointer (&self->tiles, cardinal_canvas_tiles_free);
  g_signal_group_set_target (self->hadjustment_signals, NULL);
  g_signal_group_set_target (self->vadjustment_signals, NULL);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (cardinal_canvas_parent_class)->dispose (object);
}

static void
cardinal_canvas_finalize (GObject *object)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  cardinal_canvas_grid_clear (&self->grid);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->entity_items);
  g_array_unref (self->edges);
  g_free (self->routes);
  g_hash_table_unref (self->labels);
  g_hash_table_unref (self->selected_entities);
  g_hash_table_unref (self->selected_relationships);
  g_clear_pointer (&self->schema, cardinal_schema_free);
  g_clear_object (&self->pango_context);
  g_clear_pointer (&self->font, pango_font_description_free);
  cardinal_canvas_drop_end_sprites (self);
  g_free (self->press_name);
  g_free (self->connect_from);
  g_free (self->selected_group);
  g_free (self->drag_group);
  cardinal_canvas_forget_labels (self);
  cardinal_canvas_clear_highlight (self);
  g_object_unref (self->history_signals);
  g_object_unref (self->hadjustment_signals);
  g_object_unref (self->vadjustment_signals);

  G_OBJECT_CLASS (cardinal_canvas_parent_class)->finalize (object);
}

static void
cardinal_canvas_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_canvas_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      cardinal_canvas_set_history (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      cardinal_canvas_set_view (self, g_value_get_enum (value));
      break;
    case PROP_SNAP_TO_GRID:
      cardinal_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      cardinal_canvas_set_zoom (self, g_value_get_double (value),
                                gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_canvas_class_init (CardinalCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_canvas_dispose;
  object_class->finalize = cardinal_canvas_finalize;
  object_class->get_property = cardinal_canvas_get_property;
  object_class->set_property = cardinal_canvas_set_property;

  widget_class->measure = cardinal_canvas_measure;
  widget_class->size_allocate = cardinal_canvas_size_allocate;
  widget_class->snapshot = cardinal_canvas_snapshot;
  widget_class->css_changed = cardinal_canvas_css_changed;
  widget_class->system_setting_changed = cardinal_canvas_system_setting_changed;
  widget_class->state_flags_changed = cardinal_canvas_state_flags_changed;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CARDINAL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, CARDINAL_TYPE_CANVAS_VIEW, CARDINAL_CANVAS_VIEW_LOGICAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[RENAME_ENTITY] =
    g_signal_new ("rename-entity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[EDIT_ATTRIBUTE] =
    g_signal_new ("edit-attribute", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);
  /* edit-note (int index): a new or double-clicked note wants its text typed. */
  signals[EDIT_NOTE] =
    g_signal_new ("edit-note", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT);
  /* deleted (guint n_entities, guint n_relationships): what a delete took with it. */
  signals[DELETED] =
    g_signal_new ("deleted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_UINT, G_TYPE_UINT);

  cardinal_canvas_actions_class_init (widget_class);
  cardinal_canvas_notes_class_init (widget_class);

  gtk_widget_class_set_css_name (widget_class, "cardinal-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cardinal_canvas_init (CardinalCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  self->zoom = 1.0;
  self->hover_item = -1;
  self->selected_note = -1;
  self->drag_note = -1;
  self->tiles = cardinal_canvas_tiles_new (widget, cardinal_canvas_render_scene_tile, self);
  /* CARDINAL_CANVAS_TILES=0 draws every frame from scratch, to compare. */
  self->use_tiles = g_strcmp0 (g_getenv ("CARDINAL_CANVAS_TILES"), "0") != 0;
  self->connect_target = -1;
  self->items = g_ptr_array_new ();
  self->entity_items = g_hash_table_new (g_str_hash, g_str_equal);
  self->edges = g_array_new (FALSE, TRUE, sizeof (CardinalCanvasEdge));
  g_array_set_clear_func (self->edges, cardinal_canvas_edge_clear);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cardinal_canvas_item_free);
  self->selected_entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected_relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed_cb), self);
  self->hadjustment_signals = g_signal_group_new (GTK_TYPE_ADJUSTMENT);
  g_signal_group_connect (self->hadjustment_signals, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  self->vadjustment_signals = g_signal_group_new (GTK_TYPE_ADJUSTMENT);
  g_signal_group_connect (self->vadjustment_signals, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  set_adjustment (self, &self->hadjustment, NULL, NULL);
  set_adjustment (self, &self->vadjustment, NULL, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_action_set_enabled (widget, "canvas.delete", FALSE);

  cardinal_canvas_input_init (self);
}

/* Format 3 ------------------------------------------------------------------ */

int
cardinal_canvas_get_selected_note (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), -1);

  return self->selected_note;
}

const char *
cardinal_canvas_get_selected_group (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  return self->selected_group;
}
