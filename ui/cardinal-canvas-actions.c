/* cardinal-canvas-actions.c: the canvas's actions and key bindings, and the model edits they make through the history. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

void
cardinal_canvas_commit_move (CardinalCanvas *self,
                             double          dx,
                             double          dy,
                             gboolean        only_dragging)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  if (self->history == NULL || (dx == 0 && dy == 0))
    return;

  cardinal_canvas_ensure_items (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
      double x = item->x + dx, y = item->y + dy;

      if (item->entity == NULL || (only_dragging ? !item->dragging : !item->selected))
        continue;
      g_ptr_array_add (names, item->entity);
      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
    }
  if (names->len == 0)
    return;
  g_ptr_array_add (names, NULL);

  /* One history step for the whole drag, after the preview. The selection
   * moves without a drag only by the arrow keys: a run of those nudges is one
   * step too, not one per key press. */
  if (!(only_dragging
        ? cardinal_history_move_entities (self->history, (const char * const *) names->pdata,
                                          (const double *) (void *) xs->data, (const double *) (void *) ys->data,
                                          &error)
        : cardinal_history_nudge_entities (self->history, (const char * const *) names->pdata,
                                           (const double *) (void *) xs->data, (const double *) (void *) ys->data,
                                           &error)))
    g_warning ("Could not move entities: %s", error->message);
}

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cardinal_canvas_zoom_by (CARDINAL_CANVAS (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cardinal_canvas_zoom_by (CARDINAL_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cardinal_canvas_zoom_to_fit (CARDINAL_CANVAS (widget));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cardinal_canvas_select_all (CARDINAL_CANVAS (widget));
}

/* The relationships a delete takes: the selected ones and those of the
 * selected entities (their link tables go with them). */
static guint
count_deleted_relationships (const CardinalModel *model,
                             const char * const  *entities,
                             const char * const  *relationships)
{
  guint n = 0;

  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (g_strv_contains (relationships, relationship->name) ||
          g_strv_contains (entities, relationship->entity1) ||
          g_strv_contains (entities, relationship->entity2))
        n++;
    }
  return n;
}

static void
align_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  if (g_str_equal (action_name, "canvas.align"))
    cardinal_canvas_align (CARDINAL_CANVAS (widget), g_variant_get_string (parameter, NULL));
  else
    cardinal_canvas_distribute (CARDINAL_CANVAS (widget), g_variant_get_string (parameter, NULL));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  g_autoptr(GError) error = NULL;
  guint n_relationships;

  if (self->history == NULL || cardinal_canvas_delete_annotation (self))
    return;
  entities = cardinal_canvas_get_selected_entities (self);
  relationships = cardinal_canvas_get_selected_relationships (self);
  if (entities[0] == NULL && relationships[0] == NULL)
    return;
  n_relationships = count_deleted_relationships (cardinal_history_get_model (self->history),
                                                 (const char * const *) entities,
                                                 (const char * const *) relationships);
  /* One history step; the "changed" handler then drops the deleted names from the selection. */
  if (!cardinal_history_remove (self->history, (const char * const *) entities,
                                (const char * const *) relationships, &error))
    {
      g_warning ("Could not delete the selection: %s", error->message);
      return;
    }
  cardinal_canvas_emit_deleted (self, g_strv_length (entities), n_relationships);
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  const char *direction = g_variant_get_string (parameter, NULL);
  double step = self->snap ? GRID : NUDGE_STEP, dx = 0, dy = 0;

  if (g_str_equal (direction, "left"))
    dx = -step;
  else if (g_str_equal (direction, "right"))
    dx = step;
  else if (g_str_equal (direction, "up"))
    dy = -step;
  else if (g_str_equal (direction, "down"))
    dy = step;
  else
    return;

  /* With nothing selected the arrows scroll the view instead. */
  if (g_hash_table_size (self->selected_entities) == 0)
    {
      gtk_adjustment_set_value (self->hadjustment, cardinal_canvas_hvalue (self) + dx / step * PAN_STEP);
      gtk_adjustment_set_value (self->vadjustment, cardinal_canvas_vvalue (self) + dy / step * PAN_STEP);
      return;
    }
  cardinal_canvas_ensure_items (self);
  cardinal_canvas_commit_move (self, dx, dy, FALSE);
}

static gboolean
rename_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (self);

  if (entities[0] == NULL || entities[1] != NULL)
    return FALSE;
  cardinal_canvas_emit_rename_entity (self, entities[0]);
  return TRUE;
}

static gboolean
menu_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (self);
  graphene_rect_t rect;

  /* From the keyboard the menu opens by the (first) selected box. */
  if (entities[0] != NULL && cardinal_canvas_get_entity_bounds (self, entities[0], &rect))
    {
      x = (rect.origin.x + rect.size.width / 2) * self->zoom - cardinal_canvas_hvalue (self);
      y = (rect.origin.y + rect.size.height / 2) * self->zoom - cardinal_canvas_vvalue (self);
      x = CLAMP (x, 0, gtk_widget_get_width (widget));
      y = CLAMP (y, 0, gtk_widget_get_height (widget));
    }
  cardinal_canvas_emit_context_menu (self, x, y);
  return TRUE;
}

static void
add_nudge_binding (GtkWidgetClass *widget_class,
                   guint           keyval,
                   guint           keypad,
                   const char     *direction)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "canvas.nudge", "s", direction);
  gtk_widget_class_add_binding_action (widget_class, keypad, 0, "canvas.nudge", "s", direction);
}

/* The one place that installs the canvas's actions and their keys. */
void
cardinal_canvas_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "s", nudge_action);
  gtk_widget_class_install_action (widget_class, "canvas.align", "s", align_action);
  gtk_widget_class_install_action (widget_class, "canvas.distribute", "s", align_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  add_nudge_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "left");
  add_nudge_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "right");
  add_nudge_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, "up");
  add_nudge_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, "down");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, rename_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_binding, NULL);
}
