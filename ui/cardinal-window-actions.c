/* cardinal-window-actions.c: the window's actions: their handlers, the one place that installs them with their keys, and the one that enables them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <math.h>

#include "cardinal-arrange.h"
#include "cardinal-canvas-private.h"
#include "cardinal-codegen-dialog.h"
#include "cardinal-deploy-dialog.h"
#include "cardinal-migrate-dialog.h"
#include "cardinal-diagram-dialog.h"
#include "cardinal-import-dialog.h"
#include "cardinal-inspector.h"

static void
new_activated (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (widget));

  if (application != NULL)
    gtk_window_present (GTK_WINDOW (cardinal_window_new (application)));
}

static void
open_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cardinal_window_show_chooser (CARDINAL_WINDOW (widget), "Open Design", GTK_FILE_CHOOSER_ACTION_OPEN,
                                "_Open", "Cardinal Designs", "*.cardinal", NULL,
                                G_CALLBACK (cardinal_window_open_response_cb));
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  cardinal_window_open_in_some_window (CARDINAL_WINDOW (widget), file);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cardinal_window_save (CARDINAL_WINDOW (widget));
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cardinal_window_save_as (CARDINAL_WINDOW (widget));
}

static void
close_activated (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  gtk_window_close (GTK_WINDOW (widget));
}

static void
undo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cardinal_history_undo (CARDINAL_WINDOW (widget)->history);
}

static void
redo_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  cardinal_history_redo (CARDINAL_WINDOW (widget)->history);
}

static char *
unique_entity_name (const CardinalModel *model,
                    const char          *base)
{
  char *name = g_strdup (base);

  for (guint n = 2; cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, name, NULL); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  return name;
}

static void
add_entity_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  const CardinalModel *model = cardinal_window_get_model (self);
  g_autofree char *name = unique_entity_name (model, "entity");
  g_autoptr(GError) error = NULL;
  CardinalEntity *entity = cardinal_entity_new (name);
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  const char *names[] = { name, NULL };
  double x = 0, y = 0, width, height;
  GtkWidget *focus;

  id->primary_key = TRUE;
  id->autoincrement = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (entity, id);

  /* In the free place nearest the view's centre, on the grid (the gap is
   * more than a grid step, so snapping cannot make it touch a neighbour). */
  cardinal_window_estimate_entity_size (entity, &width, &height);
  cardinal_canvas_find_free_place (CARDINAL_CANVAS (self->canvas), width, height, 2 * GRID, &x, &y);
  entity->x = MAX (0.0, round (x / GRID) * GRID);
  entity->y = MAX (0.0, round (y / GRID) * GRID);

  if (!cardinal_history_add_entity (self->history, entity, &error))
    {
      cardinal_window_show_toast (self, error->message);
      return;
    }
  cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), names, NULL);
  /* Keyboard first: once it is named (the dialog gives the focus back), its
   * attributes are typed into the inspector's empty line, if that is shown. */
  if (gtk_widget_get_visible (self->side_panel) &&
      g_strcmp0 (adw_view_stack_get_visible_child_name (self->side_stack), "inspector") == 0)
    cardinal_inspector_edit_attribute (CARDINAL_INSPECTOR (self->inspector), name, NULL);
  focus = gtk_root_get_focus (GTK_ROOT (self));
  if (focus == NULL || !gtk_widget_is_ancestor (focus, self->inspector))
    gtk_widget_grab_focus (self->canvas);
  cardinal_window_show_rename_dialog (self, FALSE, name);
}

static void
connect_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  gtk_widget_grab_focus (self->canvas);
  cardinal_canvas_begin_connect (CARDINAL_CANVAS (self->canvas));
  cardinal_window_show_hint (self, "Click the first entity, then the second (the same one twice relates it to itself)");
}

static void
arrange_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  const CardinalModel *model = cardinal_window_get_model (self);
  g_autoptr(GHashTable) sizes = NULL;
  GCancellable *cancellable;

  if (model->entities->len == 0)
    return;

  /* The boxes as the canvas draws them, so that none overlap once moved. */
  sizes = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      graphene_rect_t bounds;

      if (cardinal_canvas_get_entity_bounds (CARDINAL_CANVAS (self->canvas), entity->name, &bounds))
        {
          CardinalDiagramSize *size = g_new (CardinalDiagramSize, 1);

          size->width = bounds.size.width;
          size->height = bounds.size.height;
          g_hash_table_insert (sizes, g_strdup (entity->name), size);
        }
    }

  cancellable = cardinal_window_begin_task (self, "Arranging with Graphviz…");
  /* Packed to the canvas's shape, so that fitting it wastes little room. */
  cardinal_arrange_async_for_aspect (self->history, sizes,
                                     (double) MAX (gtk_widget_get_width (self->canvas), 1)
                                     / MAX (gtk_widget_get_height (self->canvas), 1),
                                     cancellable, cardinal_window_arrange_done_cb, cancellable);
  gtk_widget_grab_focus (self->canvas);
}

static void
export_ddl_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;

  cardinal_dialect_from_string (g_variant_get_string (parameter, NULL), &dialect);
  cardinal_window_export_ddl (CARDINAL_WINDOW (widget), dialect);
}

/* Diagrams, C models, import and apply: dialogs in their own files; the
 * "-to" and "-from" variants take their answers as the parameter (scripts,
 * tests) and go straight to the work. */
static void
export_diagram_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  gboolean physical = cardinal_canvas_get_view (CARDINAL_CANVAS (self->canvas)) == CARDINAL_CANVAS_VIEW_PHYSICAL;

  gtk_window_present (GTK_WINDOW (cardinal_diagram_dialog_new (CARDINAL_TASK_HOST (self), physical)));
}

static void
export_diagram_to_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  cardinal_diagram_export_variant (CARDINAL_TASK_HOST (widget), parameter);
}

static void
generate_code_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cardinal_codegen_dialog_new (CARDINAL_TASK_HOST (widget))));
}

static void
generate_code_to_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  const char *backend_name = NULL, *path = NULL;
  CardinalDialect        backend = CARDINAL_DIALECT_SQLITE;
  g_autoptr(GFile) directory = NULL;

  g_variant_get (parameter, "(&s&s)", &backend_name, &path);
  cardinal_codegen_dialect_from_string (backend_name, &backend);
  directory = g_file_new_for_path (path);
  cardinal_codegen_export (CARDINAL_TASK_HOST (widget), directory, backend);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  if (g_str_equal (action_name, "win.import-postgresql"))
    gtk_window_present (GTK_WINDOW (cardinal_import_dialog_new (CARDINAL_TASK_HOST (self))));
  else
    cardinal_import_choose_file (CARDINAL_TASK_HOST (self), g_str_equal (action_name, "win.import-sql"));
}

static void
import_from_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *source = NULL, *dialect_name = NULL;
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  CardinalReflectFlags flags = CARDINAL_REFLECT_FLAGS_NONE;

  g_variant_get (parameter, "(&s&s)", &source, &dialect_name);
  /* Any other word ("detect", "") tells a .sql file's dialect from its text. */
  if (g_str_equal (dialect_name, "sqlite"))
    dialect = CARDINAL_DIALECT_SQLITE;
  else if (!g_str_equal (dialect_name, "postgresql"))
    flags = CARDINAL_REFLECT_DETECT_DIALECT;
  cardinal_import_start (CARDINAL_TASK_HOST (widget), source, dialect, flags, NULL, NULL);
}

static void
apply_to_database_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cardinal_deploy_dialog_new (CARDINAL_TASK_HOST (widget))));
}

/* Compare with Database… and Export → Migration SQL…: one dialog, since a
 * migration is always against a database that exists. */
static void
compare_with_database_activated (GtkWidget  *widget,
                                 const char *action_name,
                                 GVariant   *parameter)
{
  CardinalMigrateDialog *dialog = cardinal_migrate_dialog_new (CARDINAL_TASK_HOST (widget));

  if (g_strcmp0 (action_name, "win.export-migration-sql") == 0)
    gtk_window_set_title (GTK_WINDOW (dialog), "Migration SQL");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
apply_to_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cardinal_deploy_start (CARDINAL_TASK_HOST (widget), g_variant_get_string (parameter, NULL));
}

static void
cancel_task_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  g_autoptr(GPtrArray) tasks = g_steal_pointer (&self->tasks);

  /* The work may go on in its thread a little; its result is dropped. */
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  for (guint i = 0; i < tasks->len; i++)
    {
      g_object_set_data (g_ptr_array_index (tasks, i), "cardinal-window", NULL);
      g_cancellable_cancel (g_ptr_array_index (tasks, i));
    }
  gtk_revealer_set_reveal_child (self->task_revealer, FALSE);
  cardinal_window_update_actions (self);
}

static void
find_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  gtk_search_bar_set_search_mode (self->search_bar, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->search_entry));
  gtk_editable_select_region (GTK_EDITABLE (self->search_entry), 0, -1);
}

static void
find_step_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  cardinal_window_search_step (CARDINAL_WINDOW (widget), g_str_equal (action_name, "win.find-next") ? 1 : -1);
}

static void
rename_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (self->canvas));
  g_auto(GStrv) relationships = cardinal_canvas_get_selected_relationships (CARDINAL_CANVAS (self->canvas));
  guint n_entities = entities ? g_strv_length (entities) : 0;
  guint n_relationships = relationships ? g_strv_length (relationships) : 0;

  if (n_entities == 1 && n_relationships == 0)
    cardinal_window_show_rename_dialog (self, FALSE, entities[0]);
  else if (n_entities == 0 && n_relationships == 1)
    cardinal_window_show_rename_dialog (self, TRUE, relationships[0]);
}

/* The canvas's own shortcuts work while it has the focus; these reach it from
 * the header bar and the canvas controls too, but not from the side panel,
 * where Delete and Ctrl+A belong to the text being edited. */
static void
forward_to_canvas (CardinalWindow *self,
                   const char     *canvas_action)
{
  if (cardinal_window_focus_is_outside_canvas_area (self))
    return;
  gtk_widget_activate_action (self->canvas, canvas_action, NULL);
  cardinal_window_update_zoom_label (self);
}

static void
canvas_action_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  if (g_str_equal (action_name, "win.delete"))
    forward_to_canvas (self, "canvas.delete");
  else if (g_str_equal (action_name, "win.select-all"))
    forward_to_canvas (self, "canvas.select-all");
  else if (g_str_equal (action_name, "win.zoom-in"))
    gtk_widget_activate_action (self->canvas, "canvas.zoom-in", NULL);
  else if (g_str_equal (action_name, "win.zoom-out"))
    gtk_widget_activate_action (self->canvas, "canvas.zoom-out", NULL);
  else if (g_str_equal (action_name, "win.zoom-fit"))
    gtk_widget_activate_action (self->canvas, "canvas.zoom-fit", NULL);
  cardinal_window_update_zoom_label (self);
}

/* Clipboard and arrangement of the selection (cardinal-window-clipboard.c,
 * cardinal-canvas-align.c). */
static void
clipboard_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  if (g_str_equal (action_name, "win.copy"))
    cardinal_window_copy (self, FALSE);
  else if (g_str_equal (action_name, "win.cut"))
    cardinal_window_copy (self, TRUE);
  else if (g_str_equal (action_name, "win.paste"))
    cardinal_window_paste (self, FALSE);
  else if (g_str_equal (action_name, "win.paste-here"))
    cardinal_window_paste (self, TRUE);
  else if (g_str_equal (action_name, "win.duplicate"))
    cardinal_window_duplicate (self);
}

static void
selection_activated (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  /* From a button, not a key: no text field can be meant (see forward_to_canvas). */
  if (g_str_equal (action_name, "win.delete-selected"))
    gtk_widget_activate_action (self->canvas, "canvas.delete", NULL);
  else if (g_str_equal (action_name, "win.align"))
    gtk_widget_activate_action_variant (self->canvas, "canvas.align", parameter);
  else
    gtk_widget_activate_action_variant (self->canvas, "canvas.distribute", parameter);
}

/* The one place that installs the window's actions and their keys. */
void
cardinal_window_actions_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "win.new", NULL, new_activated);
  gtk_widget_class_install_action (widget_class, "win.open", NULL, open_activated);
  gtk_widget_class_install_action (widget_class, "win.open-recent", "s", open_recent_activated);
  gtk_widget_class_install_action (widget_class, "win.save", NULL, save_activated);
  gtk_widget_class_install_action (widget_class, "win.save-as", NULL, save_as_activated);
  gtk_widget_class_install_action (widget_class, "win.close", NULL, close_activated);
  gtk_widget_class_install_action (widget_class, "win.undo", NULL, undo_activated);
  gtk_widget_class_install_action (widget_class, "win.redo", NULL, redo_activated);
  gtk_widget_class_install_action (widget_class, "win.add-entity", NULL, add_entity_activated);
  gtk_widget_class_install_action (widget_class, "win.connect", NULL, connect_activated);
  gtk_widget_class_install_action (widget_class, "win.arrange", NULL, arrange_activated);
  gtk_widget_class_install_action (widget_class, "win.export-ddl", "s", export_ddl_activated);
  gtk_widget_class_install_action (widget_class, "win.export-diagram", NULL, export_diagram_activated);
  gtk_widget_class_install_action (widget_class, "win.export-diagram-to", "a{sv}", export_diagram_to_activated);
  gtk_widget_class_install_action (widget_class, "win.generate-code", NULL, generate_code_activated);
  gtk_widget_class_install_action (widget_class, "win.generate-code-to", "(ss)", generate_code_to_activated);
  gtk_widget_class_install_action (widget_class, "win.import-sqlite", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-postgresql", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-sql", NULL, import_activated);
  gtk_widget_class_install_action (widget_class, "win.import-from", "(ss)", import_from_activated);
  gtk_widget_class_install_action (widget_class, "win.apply-to-database", NULL, apply_to_database_activated);
  gtk_widget_class_install_action (widget_class, "win.compare-with-database", NULL, compare_with_database_activated);
  gtk_widget_class_install_action (widget_class, "win.export-migration-sql", NULL, compare_with_database_activated);
  gtk_widget_class_install_action (widget_class, "win.apply-to", "s", apply_to_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.find-next", NULL, find_step_activated);
  gtk_widget_class_install_action (widget_class, "win.find-previous", NULL, find_step_activated);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, canvas_action_activated);
  gtk_widget_class_install_property_action (widget_class, "win.side-panel", "side-panel-visible");
  gtk_widget_class_install_action (widget_class, "win.copy", NULL, clipboard_activated);
  gtk_widget_class_install_action (widget_class, "win.cut", NULL, clipboard_activated);
  gtk_widget_class_install_action (widget_class, "win.paste", NULL, clipboard_activated);
  gtk_widget_class_install_action (widget_class, "win.paste-here", NULL, clipboard_activated);
  gtk_widget_class_install_action (widget_class, "win.duplicate", NULL, clipboard_activated);
  gtk_widget_class_install_action (widget_class, "win.align", "s", selection_activated);
  gtk_widget_class_install_action (widget_class, "win.delete-selected", NULL, selection_activated);
  gtk_widget_class_install_action (widget_class, "win.distribute", "s", selection_activated);

  /* Bubble-phase bindings: a focused text field keeps Ctrl+Z, Ctrl+A and Delete for itself. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, 0, "win.find-next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F3, GDK_SHIFT_MASK, "win.find-previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.add-entity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.side-panel", NULL);
  /* view.minimap is a property action of the minimap (cardinal-window-minimap.c). */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, GDK_CONTROL_MASK, "view.minimap", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_c, GDK_CONTROL_MASK, "win.copy", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_x, GDK_CONTROL_MASK, "win.cut", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_v, GDK_CONTROL_MASK, "win.paste", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_d, GDK_CONTROL_MASK, "win.duplicate", NULL);
  /* Menus show the accelerator bound last: keypad variants go first. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "win.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "win.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "win.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "win.zoom-fit", NULL);
}

/* Copy, Cut and Duplicate take entities; align needs two, distribute three. */
static void
cardinal_window_update_selection_actions (CardinalWindow *self,
                                          guint           n_entities)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_action_set_enabled (widget, "win.copy", n_entities > 0);
  gtk_widget_action_set_enabled (widget, "win.cut", n_entities > 0);
  gtk_widget_action_set_enabled (widget, "win.duplicate", n_entities > 0);
  gtk_widget_action_set_enabled (widget, "win.align", n_entities >= 2);
  gtk_widget_action_set_enabled (widget, "win.distribute", n_entities >= 3);
}

/* The one place that decides which actions can run now: call it whenever the
 * history, the canvas selection or the background tasks change. */
void
cardinal_window_update_actions (CardinalWindow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  guint n_selected = 0;

  if (self->history != NULL)
    {
      gtk_widget_action_set_enabled (widget, "win.undo", cardinal_history_can_undo (self->history));
      gtk_widget_action_set_enabled (widget, "win.redo", cardinal_history_can_redo (self->history));
    }
  if (self->canvas != NULL)
    {
      entities = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (self->canvas));
      relationships = cardinal_canvas_get_selected_relationships (CARDINAL_CANVAS (self->canvas));
      n_selected = (entities ? g_strv_length (entities) : 0) + (relationships ? g_strv_length (relationships) : 0);
    }
  gtk_widget_action_set_enabled (widget, "win.rename", n_selected == 1);
  gtk_widget_action_set_enabled (widget, "win.delete", n_selected > 0);
  gtk_widget_action_set_enabled (widget, "win.delete-selected", n_selected > 0);
  cardinal_window_update_selection_actions (self, entities ? g_strv_length (entities) : 0);
  gtk_widget_action_set_enabled (widget, "win.cancel-task", self->tasks != NULL && self->tasks->len > 0);
}
