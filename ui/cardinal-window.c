/* cardinal-window.c: a document window: its GObject side and template, the document, canvas and side panel wiring, closing and the public API. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <string.h>

#include "cardinal-application.h"
#include "cardinal-canvas.h"
#include "cardinal-ddl-preview.h"
#include "cardinal-diagnostics-view.h"
#include "cardinal-schema-view.h"
#include "cardinal-document.h"
#include "cardinal-identifier.h"
#include "cardinal-inspector.h"
#include "cardinal-relate-dialog.h"
#include "cardinal-window-notes.h"

enum
{
  PROP_0,
  PROP_SIDE_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void cardinal_window_task_host_init (CardinalTaskHostInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (CardinalWindow, cardinal_window, ADW_TYPE_APPLICATION_WINDOW,
                               G_IMPLEMENT_INTERFACE (CARDINAL_TYPE_TASK_HOST, cardinal_window_task_host_init))

static void update_diagnostics_soon (CardinalWindow *self);

/* Small helpers ---------------------------------------------------------- */

void
cardinal_window_error_dialog (CardinalWindow *self,
                              const char     *heading,
                              const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

void
cardinal_window_show_toast (CardinalWindow *self,
                            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Toasts that explain what to do next replace one another instead of queueing. */
void
cardinal_window_show_hint (CardinalWindow *self,
                           const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  if (self->hint_toast != NULL)
    adw_toast_dismiss (self->hint_toast);
  adw_toast_set_timeout (toast, 4);
  g_set_weak_pointer (&self->hint_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

const CardinalModel *
cardinal_window_get_model (CardinalWindow *self)
{
  return cardinal_history_get_model (self->history);
}

/* Whether the keyboard focus is somewhere that keeps its own keys (side panel, find bar). */
gboolean
cardinal_window_focus_is_outside_canvas_area (CardinalWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL &&
         (gtk_widget_is_ancestor (focus, self->side_panel) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)));
}

/* Title ------------------------------------------------------------------ */

char *
cardinal_window_document_title (CardinalWindow *self)
{
  if (self->file == NULL)
    return g_strdup (self->draft_title ? self->draft_title : UNTITLED_TITLE);
  return g_file_get_basename (self->file);
}

/* The folder, with the home directory written as ~ as GNOME apps do. */
static char *
document_folder (CardinalWindow *self)
{
  g_autoptr(GFile) parent = NULL;
  g_autoptr(GFile) home = NULL;
  g_autofree char *relative = NULL;

  if (self->file == NULL)
    return g_strdup (self->draft_title ? "Imported" : self->recovered ? "Recovered" : "Draft");

  parent = g_file_get_parent (self->file);
  if (parent == NULL)
    return g_strdup ("/");
  if (!g_file_is_native (parent))
    return g_file_get_parse_name (parent);

  home = g_file_new_for_path (g_get_home_dir ());
  if (g_file_equal (parent, home))
    return g_strdup ("~");
  relative = g_file_get_relative_path (home, parent);
  if (relative != NULL)
    return g_build_filename ("~", relative, NULL);
  return g_file_get_parse_name (parent);
}

void
cardinal_window_update_title (CardinalWindow *self)
{
  g_autofree char *name = cardinal_window_document_title (self);
  g_autofree char *folder = document_folder (self);
  g_autofree char *title = NULL;
  g_autofree char *window_title = NULL;

  title = cardinal_window_get_modified (self) ? g_strdup_printf ("• %s", name) : g_strdup (name);
  window_title = g_strdup_printf ("%s — Cardinal", title);

  adw_window_title_set_title (self->window_title, title);
  adw_window_title_set_subtitle (self->window_title, folder);
  gtk_window_set_title (GTK_WINDOW (self), window_title);
}

static void
update_undo_state (CardinalWindow *self)
{
  const char *undo_label = cardinal_history_get_undo_label (self->history);
  const char *redo_label = cardinal_history_get_redo_label (self->history);
  g_autofree char *undo_tooltip = undo_label ? g_strdup_printf ("Undo %s", undo_label) : g_strdup ("Undo");
  g_autofree char *redo_tooltip = redo_label ? g_strdup_printf ("Redo %s", redo_label) : g_strdup ("Redo");

  cardinal_window_update_actions (self);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tooltip);
}

void
cardinal_window_update_zoom_label (CardinalWindow *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%.0f%%", cardinal_canvas_get_zoom (CARDINAL_CANVAS (self->canvas)) * 100.0);
  gtk_label_set_text (self->zoom_label, text);
}

/* The document ----------------------------------------------------------- */

static void
history_changed_cb (CardinalHistory     *history,
                    CardinalChangeFlags  flags,
                    CardinalWindow      *self)
{
  cardinal_window_schedule_autosave (self);
  update_diagnostics_soon (self);
}

static void
history_modified_cb (CardinalHistory *history,
                     GParamSpec      *pspec,
                     CardinalWindow  *self)
{
  cardinal_window_update_title (self);
  cardinal_window_schedule_autosave (self);
}

static void
history_undo_state_cb (CardinalHistory *history,
                       GParamSpec      *pspec,
                       CardinalWindow  *self)
{
  update_undo_state (self);
}

/* Puts @model (taken over) in this window as a new document. */
void
cardinal_window_set_document (CardinalWindow *self,
                              CardinalModel  *model,
                              GFile          *file,
                              gboolean        recovered)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (model);

  cardinal_window_forget_recovery (self);
  g_clear_pointer (&self->recovery_stem, g_free);
  /* Notes belong to the import that made the previous document. */
  cardinal_diagnostics_view_set_notes (CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics), NULL);

  g_set_object (&self->history, history);
  g_set_object (&self->file, file);
  self->recovered = recovered;
  g_clear_pointer (&self->draft_title, g_free);

  g_signal_group_set_target (self->history_signals, history);

  cardinal_canvas_set_history (CARDINAL_CANVAS (self->canvas), history);
  cardinal_inspector_set_history (CARDINAL_INSPECTOR (self->inspector), history);
  cardinal_inspector_show_entity (CARDINAL_INSPECTOR (self->inspector), NULL);
  cardinal_diagnostics_view_set_history (CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics), history);
  cardinal_ddl_preview_set_history (CARDINAL_DDL_PREVIEW (self->ddl_preview), history);
  cardinal_schema_view_set_history (CARDINAL_SCHEMA_VIEW (self->schema_view), history);

  cardinal_window_update_title (self);
  update_undo_state (self);
  update_diagnostics_soon (self);
  if (recovered)
    cardinal_window_schedule_autosave (self);
}

/* Renaming --------------------------------------------------------------- */

typedef struct
{
  CardinalWindow *window;      /* weak through the dialog's lifetime: destroy-with-parent */
  GtkEntry       *entry;
  char           *name;
  gboolean        relationship;
} RenameData;

static void
rename_data_free (RenameData *data)
{
  g_free (data->name);
  g_free (data);
}

static void
rename_entry_changed_cb (GtkEditable      *editable,
                         AdwMessageDialog *dialog)
{
  RenameData *data = g_object_get_data (G_OBJECT (dialog), "rename");
  const CardinalModel *model = cardinal_window_get_model (data->window);
  const char *text = gtk_editable_get_text (editable);
  const char *what = data->relationship ? "relationship" : "entity";
  const char *problem = cardinal_identifier_problem (text);
  g_autofree char *body = NULL;

  if (problem != NULL)
    body = g_strdup_printf ("The name %s.", problem);
  else if (data->relationship
           ? cardinal_model_name_taken (model, CARDINAL_NAME_RELATIONSHIP, text,
                                        cardinal_model_find_relationship (model, data->name))
           : cardinal_model_name_taken (model, CARDINAL_NAME_ENTITY, text,
                                        cardinal_model_find_entity (model, data->name)))
    body = g_strdup_printf ("There is already an %s named “%s”.", what, text);

  adw_message_dialog_set_body (dialog, body ? body : "");
  adw_message_dialog_set_response_enabled (dialog, "rename", body == NULL);
  if (body != NULL)
    gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
  else
    gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
}

static void
rename_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    CardinalWindow   *self)
{
  RenameData *data = g_object_get_data (G_OBJECT (dialog), "rename");
  g_autofree char *new_name = g_strdup (gtk_editable_get_text (GTK_EDITABLE (data->entry)));
  g_autoptr(GError) error = NULL;
  gboolean renamed;

  if (!g_str_equal (response, "rename") || g_str_equal (new_name, data->name))
    return;

  if (data->relationship)
    {
      const CardinalRelationship *current = cardinal_model_find_relationship (cardinal_window_get_model (self), data->name);
      CardinalRelationship *replacement;

      if (current == NULL)
        return;
      replacement = cardinal_relationship_copy (current);
      g_free (replacement->name);
      replacement->name = g_strdup (new_name);
      renamed = cardinal_history_update_relationship (self->history, data->name, replacement,
                                                      "Rename Relationship", &error);
    }
  else
    renamed = cardinal_history_rename_entity (self->history, data->name, new_name, &error);

  if (!renamed)
    {
      cardinal_window_show_toast (self, error->message);
      return;
    }

  {
    const char *names[] = { new_name, NULL };

    if (data->relationship)
      cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), NULL, names);
    else
      cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), names, NULL);
  }
}

void
cardinal_window_show_rename_dialog (CardinalWindow *self,
                                    gboolean        relationship,
                                    const char     *name)
{
  AdwMessageDialog *dialog;
  RenameData *data;
  GtkWidget *entry;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       relationship ? "Rename Relationship" : "Rename Entity",
                                                       NULL));
  adw_message_dialog_add_responses (dialog, "cancel", "_Cancel", "rename", "_Rename", NULL);
  adw_message_dialog_set_response_appearance (dialog, "rename", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "rename");
  adw_message_dialog_set_close_response (dialog, "cancel");

  entry = gtk_entry_new ();
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  gtk_entry_set_activates_default (GTK_ENTRY (entry), TRUE);
  gtk_accessible_update_property (GTK_ACCESSIBLE (entry),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, "Name", -1);
  adw_message_dialog_set_extra_child (dialog, entry);

  data = g_new0 (RenameData, 1);
  data->window = self;
  data->entry = GTK_ENTRY (entry);
  data->name = g_strdup (name);
  data->relationship = relationship;
  g_object_set_data_full (G_OBJECT (dialog), "rename", data, (GDestroyNotify) rename_data_free);

  g_signal_connect (entry, "changed", G_CALLBACK (rename_entry_changed_cb), dialog);
  g_signal_connect_object (dialog, "response", G_CALLBACK (rename_response_cb), self, 0);
  gtk_window_set_destroy_with_parent (GTK_WINDOW (dialog), TRUE);
  gtk_window_present (GTK_WINDOW (dialog));

  gtk_widget_grab_focus (entry);
  gtk_editable_select_region (GTK_EDITABLE (entry), 0, -1);
}

/* Side panel ------------------------------------------------------------- */

static gboolean
update_diagnostics_badge (gpointer user_data)
{
  CardinalWindow *self = user_data;
  CardinalDiagnosticsView *view = CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics);
  guint n_errors = cardinal_diagnostics_view_get_n_errors (view);
  guint n_warnings = cardinal_diagnostics_view_get_n_warnings (view);
  g_autofree char *title = NULL;
  g_autofree char *tab = NULL;

  self->diagnostics_idle_id = 0;
  /* The wide switcher shows no badge number: the count goes in the title. */
  tab = n_errors + n_warnings > 0 ? g_strdup_printf ("_Diagnostics (%u)", n_errors + n_warnings)
                                  : g_strdup ("_Diagnostics");
  adw_view_stack_page_set_title (self->diagnostics_page, tab);
  adw_view_stack_page_set_icon_name (self->diagnostics_page,
                                     n_errors > 0 ? "dialog-error-symbolic" : "dialog-warning-symbolic");
  adw_view_stack_page_set_badge_number (self->diagnostics_page, n_errors + n_warnings);
  adw_view_stack_page_set_needs_attention (self->diagnostics_page, n_errors > 0);
  if (n_errors > 0)
    title = g_strdup_printf ("%u error%s, %u warning%s", n_errors, n_errors == 1 ? "" : "s",
                             n_warnings, n_warnings == 1 ? "" : "s");
  else if (n_warnings > 0)
    title = g_strdup_printf ("%u warning%s", n_warnings, n_warnings == 1 ? "" : "s");
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->diagnostics),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, title ? title : "No problems", -1);
  return G_SOURCE_REMOVE;
}

static void
update_diagnostics_soon (CardinalWindow *self)
{
  if (self->diagnostics_idle_id == 0)
    self->diagnostics_idle_id = g_idle_add (update_diagnostics_badge, self);
}

static void
diagnostics_notify_cb (GObject        *object,
                       GParamSpec     *pspec,
                       CardinalWindow *self)
{
  update_diagnostics_soon (self);
}

static void
diagnostics_activate_cb (CardinalDiagnosticsView *view,
                         guint                    kind,
                         const char              *entity,
                         const char              *relationship,
                         CardinalWindow          *self)
{
  if (relationship != NULL && *relationship != '\0')
    cardinal_canvas_reveal_relationship (CARDINAL_CANVAS (self->canvas), relationship);
  else if (entity != NULL && *entity != '\0')
    cardinal_canvas_reveal_entity (CARDINAL_CANVAS (self->canvas), entity);
}

static void
dialect_selected_cb (GtkDropDown    *dropdown,
                     GParamSpec     *pspec,
                     CardinalWindow *self)
{
  cardinal_ddl_preview_set_dialect (CARDINAL_DDL_PREVIEW (self->ddl_preview),
                                    gtk_drop_down_get_selected (dropdown) == 0
                                    ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL);
}

static void
ddl_export_clicked_cb (GtkButton      *button,
                       CardinalWindow *self)
{
  cardinal_window_export_ddl (self, gtk_drop_down_get_selected (self->dialect_dropdown) == 0
                                    ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL);
}

static void
view_toggled_cb (GtkToggleButton *button,
                 CardinalWindow  *self)
{
  if (!gtk_toggle_button_get_active (button))
    return;
  cardinal_canvas_set_view (CARDINAL_CANVAS (self->canvas),
                            button == self->physical_toggle
                            ? CARDINAL_CANVAS_VIEW_PHYSICAL : CARDINAL_CANVAS_VIEW_LOGICAL);
}

/* Canvas signals --------------------------------------------------------- */

static void
canvas_selection_changed_cb (CardinalCanvas *canvas,
                             CardinalWindow *self)
{
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (canvas);
  g_auto(GStrv) relationships = cardinal_canvas_get_selected_relationships (canvas);
  guint n_entities = entities ? g_strv_length (entities) : 0;
  guint n_relationships = relationships ? g_strv_length (relationships) : 0;
  CardinalInspector *inspector = CARDINAL_INSPECTOR (self->inspector);

  if (cardinal_window_notes_show_selection (canvas, inspector))
    {
      /* A note or a group (format 3): selected alone, on a page of its own. */
    }
  else if (n_entities == 1 && n_relationships == 0)
    cardinal_inspector_show_entity (inspector, entities[0]);
  else if (n_entities == 0 && n_relationships == 1)
    cardinal_inspector_show_relationship (inspector, relationships[0]);
  else if (n_entities + n_relationships > 1)
    cardinal_inspector_show_selection (inspector, (const char * const *) entities,
                                       (const char * const *) relationships);
  else
    cardinal_inspector_show_entity (inspector, NULL);

  cardinal_window_update_actions (self);
}

/* The new relationship is what the user works on next: selected, so the
 * inspector shows it. */
static void
relate_finished_cb (CardinalRelateDialog *dialog,
                    const char           *name,
                    CardinalWindow       *self)
{
  const char *relationships[] = { name, NULL };

  cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), NULL, relationships);
}

static void
canvas_connect_cb (CardinalCanvas *canvas,
                   const char     *entity1,
                   const char     *entity2,
                   CardinalWindow *self)
{
  CardinalRelateDialog *dialog;

  if (self->hint_toast != NULL)
    adw_toast_dismiss (self->hint_toast);
  dialog = cardinal_relate_dialog_new (GTK_WINDOW (self), self->history, entity1, entity2);
  g_signal_connect_object (dialog, "finished", G_CALLBACK (relate_finished_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
canvas_rename_entity_cb (CardinalCanvas *canvas,
                         const char     *name,
                         CardinalWindow *self)
{
  cardinal_window_show_rename_dialog (self, FALSE, name);
}

/* A double-click on an attribute's row: its line in the inspector, name focused. */
static void
canvas_edit_attribute_cb (CardinalCanvas *canvas,
                          const char     *entity,
                          const char     *attribute,
                          CardinalWindow *self)
{
  g_object_set (self, "side-panel-visible", TRUE, NULL);
  adw_view_stack_set_visible_child_name (self->side_stack, "inspector");
  cardinal_inspector_edit_attribute (CARDINAL_INSPECTOR (self->inspector), entity, attribute);
}

static void
canvas_context_menu_cb (CardinalCanvas *canvas,
                        double          x,
                        double          y,
                        CardinalWindow *self)
{
  double overlay_x = x, overlay_y = y;

  /* The menu is cardinal-canvas-menu.ui; items that cannot run hide themselves. */
  /* The notes, groups and colours part depends on what is selected, so the
   * menu is put together each time. */
  {
    g_autoptr(GMenuModel) base = cardinal_window_canvas_menu ();
    g_autoptr(GMenu) menu = g_menu_new ();

    g_menu_append_section (menu, NULL, base);
    cardinal_window_notes_extend_menu (menu, canvas);
    if (self->context_menu == NULL)
      {
        self->context_menu = gtk_popover_menu_new_from_model (G_MENU_MODEL (menu));
        gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
        gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
        gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->canvas_overlay));
      }
    else
      gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));
  }
  cardinal_window_update_actions (self);
  /* Paste from this menu lands where it was opened. */
  cardinal_window_remember_context_point (self, x, y);

  gtk_widget_translate_coordinates (GTK_WIDGET (canvas), GTK_WIDGET (self->canvas_overlay),
                                    x, y, &overlay_x, &overlay_y);
  gtk_popover_set_pointing_to (GTK_POPOVER (self->context_menu),
                               &(GdkRectangle) { (int) overlay_x, (int) overlay_y, 1, 1 });
  gtk_popover_popup (GTK_POPOVER (self->context_menu));
}

static void
canvas_zoom_notify_cb (GObject        *object,
                       GParamSpec     *pspec,
                       CardinalWindow *self)
{
  cardinal_window_update_zoom_label (self);
}

/* Closing ---------------------------------------------------------------- */

/* The window goes only after the dialog over it has gone: a transient
 * dialog must not outlive its parent. */
static gboolean
close_response_idle (gpointer user_data)
{
  g_autoptr(CardinalWindow) self = user_data;
  const char *response = g_object_get_data (G_OBJECT (self), "close-response");

  if (g_strcmp0 (response, "discard") == 0)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
  else if (g_strcmp0 (response, "save") == 0)
    {
      self->close_after_save = TRUE;
      cardinal_window_save (self);
    }
  return G_SOURCE_REMOVE;
}

static void
close_response_cb (AdwMessageDialog *dialog,
                   const char       *response,
                   CardinalWindow   *self)
{
  if (!g_str_equal (response, "discard") && !g_str_equal (response, "save"))
    return;
  g_object_set_data_full (G_OBJECT (self), "close-response", g_strdup (response), g_free);
  g_idle_add (close_response_idle, g_object_ref (self));
}

static void
ask_save_changes (CardinalWindow *self)
{
  g_autofree char *name = cardinal_window_document_title (self);
  AdwMessageDialog *dialog;

  if (self->close_dialog != NULL)
    {
      gtk_window_present (GTK_WINDOW (self->close_dialog));
      return;
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self), "Save Changes?", NULL));
  adw_message_dialog_format_body (dialog, "“%s” has unsaved changes. Changes that are not saved will be lost.", name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", "_Cancel",
                                    "discard", "_Discard",
                                    "save", "_Save",
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "save", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "save");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (close_response_cb), self, 0);
  g_set_weak_pointer (&self->close_dialog, GTK_WIDGET (dialog));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
save_window_state (CardinalWindow *self)
{
  int width = 0, height = 0;
  int side_width = gtk_widget_get_width (self->side_panel);

  if (self->settings == NULL)
    return;
  gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (width > 0 && height > 0)
    {
      g_settings_set_int (self->settings, "window-width", width);
      g_settings_set_int (self->settings, "window-height", height);
    }
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (GTK_WINDOW (self)));
  if (side_width >= 200 && side_width <= 1200)
    g_settings_set_int (self->settings, "side-panel-width", side_width);
}

static gboolean
cardinal_window_close_request (GtkWindow *window)
{
  CardinalWindow *self = CARDINAL_WINDOW (window);

  if (!self->close_confirmed && cardinal_window_get_modified (self))
    {
      ask_save_changes (self);
      return TRUE;
    }

  save_window_state (self);
  /* Saved, unchanged or discarded: nothing is left to recover. */
  cardinal_window_forget_recovery (self);
  return GTK_WINDOW_CLASS (cardinal_window_parent_class)->close_request (window);
}

/* Settings --------------------------------------------------------------- */

static void
snap_changed_cb (GSettings      *settings,
                 const char     *key,
                 CardinalWindow *self)
{
  cardinal_canvas_set_snap_to_grid (CARDINAL_CANVAS (self->canvas),
                                    g_settings_get_boolean (settings, "snap-to-grid"));
}

static void
apply_settings (CardinalWindow *self)
{
  int width, height, side_width;
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  g_autofree char *dialect_name = NULL;

  if (self->settings == NULL)
    return;

  cardinal_window_minimap_apply_settings (self);
  width = g_settings_get_int (self->settings, "window-width");
  height = g_settings_get_int (self->settings, "window-height");
  side_width = g_settings_get_int (self->settings, "side-panel-width");
  if (width >= 600 && height >= 400)
    gtk_window_set_default_size (GTK_WINDOW (self), width, height);
  else
    gtk_window_get_default_size (GTK_WINDOW (self), &width, &height);
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
  gtk_paned_set_position (self->paned, MAX (360, width - side_width));

  dialect_name = g_settings_get_string (self->settings, "default-dialect");
  cardinal_dialect_from_string (dialect_name, &dialect);
  gtk_drop_down_set_selected (self->dialect_dropdown, dialect == CARDINAL_DIALECT_SQLITE ? 0 : 1);

  snap_changed_cb (self->settings, "snap-to-grid", self);
  g_signal_connect_object (self->settings, "changed::snap-to-grid", G_CALLBACK (snap_changed_cb), self, 0);
}

/* GObject ---------------------------------------------------------------- */

static void
cardinal_window_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CardinalWindow *self = CARDINAL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANEL_VISIBLE:
      /* The template's menus ask before the panel exists. */
      g_value_set_boolean (value, self->side_panel == NULL || gtk_widget_get_visible (self->side_panel));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_window_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CardinalWindow *self = CARDINAL_WINDOW (object);

  switch (prop_id)
    {
    case PROP_SIDE_PANEL_VISIBLE:
      if (gtk_widget_get_visible (self->side_panel) != g_value_get_boolean (value))
        {
          gtk_widget_set_visible (self->side_panel, g_value_get_boolean (value));
          g_object_notify_by_pspec (object, pspec);
        }
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_window_dispose (GObject *object)
{
  CardinalWindow *self = CARDINAL_WINDOW (object);

  /* Children may still emit while they go; nothing here should hear it. */
  if (self->canvas != NULL)
    g_signal_handlers_disconnect_by_data (self->canvas, self);
  if (self->diagnostics != NULL)
    g_signal_handlers_disconnect_by_data (self->diagnostics, self);
  g_clear_object (&self->history_signals);

  g_clear_handle_id (&self->autosave_id, g_source_remove);
  g_clear_handle_id (&self->diagnostics_idle_id, g_source_remove);
  /* Work still running finds no window to report to. */
  for (guint i = 0; self->tasks != NULL && i < self->tasks->len; i++)
    {
      g_object_set_data (g_ptr_array_index (self->tasks, i), "cardinal-window", NULL);
      g_cancellable_cancel (g_ptr_array_index (self->tasks, i));
    }
  g_clear_pointer (&self->tasks, g_ptr_array_unref);
  g_clear_weak_pointer (&self->close_dialog);
  g_clear_weak_pointer (&self->hint_toast);
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  g_clear_pointer (&self->context_menu, gtk_widget_unparent);

  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_WINDOW);

  g_clear_object (&self->history);
  g_clear_object (&self->file);
  g_clear_object (&self->settings);
  g_clear_object (&self->recent_menu);
  g_clear_pointer (&self->search_matches, g_ptr_array_unref);
  g_clear_pointer (&self->recovery_stem, g_free);
  g_clear_pointer (&self->draft_title, g_free);

  G_OBJECT_CLASS (cardinal_window_parent_class)->dispose (object);
}

static void
cardinal_window_class_init (CardinalWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->get_property = cardinal_window_get_property;
  object_class->set_property = cardinal_window_set_property;
  object_class->dispose = cardinal_window_dispose;
  window_class->close_request = cardinal_window_close_request;

  properties[PROP_SIDE_PANEL_VISIBLE] =
    g_param_spec_boolean ("side-panel-visible", NULL, NULL, TRUE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  g_type_ensure (CARDINAL_TYPE_CANVAS);
  g_type_ensure (CARDINAL_TYPE_INSPECTOR);
  g_type_ensure (CARDINAL_TYPE_DIAGNOSTICS_VIEW);
  g_type_ensure (CARDINAL_TYPE_SCHEMA_VIEW);
  g_type_ensure (CARDINAL_TYPE_DDL_PREVIEW);

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-window.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, open_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, undo_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, redo_button);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, search_bar);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, search_entry);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, search_status);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, paned);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, canvas_overlay);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, canvas);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, logical_toggle);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, physical_toggle);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, zoom_label);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, side_panel);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, side_stack);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, diagnostics_page);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, inspector);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, diagnostics);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, ddl_preview);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, schema_view);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, dialect_dropdown);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, task_revealer);
  gtk_widget_class_bind_template_child (widget_class, CardinalWindow, task_label);
  cardinal_window_search_class_init (widget_class);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, dialect_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ddl_export_clicked_cb);

  cardinal_window_actions_class_init (widget_class);
}

static void
cardinal_window_init (CardinalWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  cardinal_window_minimap_init (self);

  self->history_signals = g_signal_group_new (CARDINAL_TYPE_HISTORY);
  g_signal_group_connect (self->history_signals, "changed", G_CALLBACK (history_changed_cb), self);
  g_signal_group_connect (self->history_signals, "notify::modified", G_CALLBACK (history_modified_cb), self);
  g_signal_group_connect (self->history_signals, "notify::can-undo", G_CALLBACK (history_undo_state_cb), self);
  g_signal_group_connect (self->history_signals, "notify::can-redo", G_CALLBACK (history_undo_state_cb), self);
  g_signal_group_connect (self->history_signals, "notify::undo-label", G_CALLBACK (history_undo_state_cb), self);
  g_signal_group_connect (self->history_signals, "notify::redo-label", G_CALLBACK (history_undo_state_cb), self);

  self->search_matches = cardinal_window_search_matches_new ();
  cardinal_window_search_init (self);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  cardinal_window_update_actions (self);
  self->recent_menu = g_menu_new ();
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  cardinal_window_rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (cardinal_window_rebuild_recent_menu), self, G_CONNECT_SWAPPED);

  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_connect (self->canvas, "connect", G_CALLBACK (canvas_connect_cb), self);
  g_signal_connect (self->canvas, "rename-entity", G_CALLBACK (canvas_rename_entity_cb), self);
  g_signal_connect (self->canvas, "edit-attribute", G_CALLBACK (canvas_edit_attribute_cb), self);
  g_signal_connect (self->canvas, "context-menu", G_CALLBACK (canvas_context_menu_cb), self);
  cardinal_window_notes_setup (GTK_WIDGET (self), CARDINAL_CANVAS (self->canvas), CARDINAL_INSPECTOR (self->inspector));
  g_signal_connect (self->canvas, "deleted", G_CALLBACK (cardinal_window_canvas_deleted_cb), self);
  g_signal_connect (self->canvas, "notify::zoom", G_CALLBACK (canvas_zoom_notify_cb), self);
  g_signal_connect (self->diagnostics, "activate", G_CALLBACK (diagnostics_activate_cb), self);
  g_signal_connect (self->diagnostics, "notify", G_CALLBACK (diagnostics_notify_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (cardinal_window_drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  cardinal_window_set_document (self, cardinal_model_new (UNTITLED_MODEL_NAME), NULL, FALSE);
  dialect_selected_cb (self->dialect_dropdown, NULL, self);
  cardinal_window_update_zoom_label (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->canvas);
}

/* Public API ------------------------------------------------------------- */

CardinalWindow *
cardinal_window_new (GtkApplication *application)
{
  CardinalWindow *self;

  g_return_val_if_fail (GTK_IS_APPLICATION (application), NULL);

  self = g_object_new (CARDINAL_TYPE_WINDOW, "application", application, NULL);
  if (CARDINAL_IS_APPLICATION (application) &&
      cardinal_application_get_settings (CARDINAL_APPLICATION (application)) != NULL)
    self->settings = g_object_ref (cardinal_application_get_settings (CARDINAL_APPLICATION (application)));
  apply_settings (self);
  return self;
}

gboolean
cardinal_window_open_file (CardinalWindow *self,
                           GFile          *file)
{
  g_autoptr(GError) error = NULL;
  CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  model = cardinal_document_load_file (file, &error);
  if (model == NULL)
    {
      cardinal_window_error_dialog (self, "Could Not Open Design", error->message);
      return FALSE;
    }
  cardinal_window_set_document (self, model, file, FALSE);
  cardinal_window_add_to_recent (file);
  return TRUE;
}

CardinalHistory *
cardinal_window_get_history (CardinalWindow *self)
{
  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);

  return self->history;
}

GFile *
cardinal_window_get_file (CardinalWindow *self)
{
  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);

  return self->file;
}

GtkWidget *
cardinal_window_get_canvas (CardinalWindow *self)
{
  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);

  return self->canvas;
}

gboolean
cardinal_window_is_pristine (CardinalWindow *self)
{
  const CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);

  model = cardinal_window_get_model (self);
  return self->file == NULL && !self->recovered &&
         !cardinal_history_can_undo (self->history) &&
         !cardinal_history_can_redo (self->history) &&
         model->entities->len == 0 && model->relationships->len == 0;
}

gboolean
cardinal_window_get_modified (CardinalWindow *self)
{
  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);

  return self->recovered || cardinal_history_get_modified (self->history);
}

void
cardinal_window_take_draft (CardinalWindow *self,
                            CardinalModel  *model,
                            const char     *title)
{
  g_return_if_fail (CARDINAL_IS_WINDOW (self));
  g_return_if_fail (model != NULL);
  g_return_if_fail (title != NULL);

  /* Like recovered work: not in any file yet, so closing asks to save. */
  cardinal_window_set_document (self, model, NULL, TRUE);
  self->draft_title = g_strdup (title);
  cardinal_window_update_title (self);
}

void
cardinal_window_set_import_notes (CardinalWindow *self,
                                  GPtrArray      *notes)
{
  g_return_if_fail (CARDINAL_IS_WINDOW (self));

  cardinal_diagnostics_view_set_notes (CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics), notes);
}

GCancellable *
cardinal_window_begin_task (CardinalWindow *self,
                            const char     *label)
{
  GCancellable *cancellable;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);
  g_return_val_if_fail (label != NULL, NULL);

  cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (cancellable), "cardinal-window", self);
  g_ptr_array_add (self->tasks, g_object_ref (cancellable));
  gtk_label_set_text (self->task_label, label);
  gtk_revealer_set_reveal_child (self->task_revealer, TRUE);
  cardinal_window_update_actions (self);
  return cancellable;
}

void
cardinal_window_end_task (CardinalWindow *self,
                          GCancellable   *cancellable)
{
  g_return_if_fail (CARDINAL_IS_WINDOW (self));
  g_return_if_fail (G_IS_CANCELLABLE (cancellable));

  if (self->tasks == NULL || !g_ptr_array_remove (self->tasks, cancellable) || self->tasks->len > 0)
    return;
  gtk_revealer_set_reveal_child (self->task_revealer, FALSE);
  cardinal_window_update_actions (self);
}

CardinalWindow *
cardinal_window_from_task (GCancellable *cancellable)
{
  g_return_val_if_fail (G_IS_CANCELLABLE (cancellable), NULL);

  return g_object_get_data (G_OBJECT (cancellable), "cardinal-window");
}

gboolean
cardinal_window_is_busy (CardinalWindow *self)
{
  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);

  return self->tasks != NULL && self->tasks->len > 0;
}

void
cardinal_window_add_toast (CardinalWindow *self,
                           AdwToast       *toast)
{
  g_return_if_fail (CARDINAL_IS_WINDOW (self));
  g_return_if_fail (ADW_IS_TOAST (toast));

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
cardinal_window_show_error (CardinalWindow *self,
                            const char     *heading,
                            const char     *message)
{
  g_return_if_fail (CARDINAL_IS_WINDOW (self));
  g_return_if_fail (heading != NULL);

  cardinal_window_error_dialog (self, heading, message);
}

GFile *
cardinal_window_dup_folder (CardinalWindow *self)
{
  GFile *folder;
  const char *documents;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);

  folder = self->file ? g_file_get_parent (self->file) : NULL;
  if (folder != NULL)
    return folder;
  documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);
  if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
    return g_file_new_for_path (documents);
  return g_file_new_for_path (g_get_home_dir ());
}

char *
cardinal_window_dup_stem (CardinalWindow *self)
{
  g_autofree char *basename = NULL;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), NULL);

  if (self->file == NULL)
    return g_strdup (cardinal_window_get_model (self)->name);
  basename = g_file_get_basename (self->file);
  return g_strndup (basename, strcspn (basename, "."));
}

/* CardinalTaskHost: what the export, import and apply dialogs use ---------- */

static GCancellable *
task_host_begin_task (CardinalTaskHost *host,
                      const char       *label)
{
  return cardinal_window_begin_task (CARDINAL_WINDOW (host), label);
}

static void
task_host_end_task (CardinalTaskHost *host,
                    GCancellable     *cancellable)
{
  cardinal_window_end_task (CARDINAL_WINDOW (host), cancellable);
}

static void
task_host_add_toast (CardinalTaskHost *host,
                     AdwToast         *toast)
{
  cardinal_window_add_toast (CARDINAL_WINDOW (host), toast);
}

static void
task_host_show_error (CardinalTaskHost *host,
                      const char       *heading,
                      const char       *message)
{
  cardinal_window_show_error (CARDINAL_WINDOW (host), heading, message);
}

static CardinalHistory *
task_host_get_history (CardinalTaskHost *host)
{
  return cardinal_window_get_history (CARDINAL_WINDOW (host));
}

static GFile *
task_host_dup_folder (CardinalTaskHost *host)
{
  return cardinal_window_dup_folder (CARDINAL_WINDOW (host));
}

static char *
task_host_dup_stem (CardinalTaskHost *host)
{
  return cardinal_window_dup_stem (CARDINAL_WINDOW (host));
}

static CardinalTaskHost *
task_host_open_draft (CardinalTaskHost *host,
                      CardinalModel    *model,
                      const char       *title,
                      GPtrArray        *notes)
{
  CardinalWindow *self = CARDINAL_WINDOW (host);
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));
  CardinalWindow *target;

  /* A new document; an empty, untouched window is used for it, as Open does. */
  if (cardinal_window_is_pristine (self) || application == NULL)
    target = self;
  else
    target = cardinal_window_new (application);
  cardinal_window_take_draft (target, model, title);
  cardinal_window_set_import_notes (target, notes);
  gtk_window_present (GTK_WINDOW (target));
  return CARDINAL_TASK_HOST (target);
}

static void
cardinal_window_task_host_init (CardinalTaskHostInterface *iface)
{
  iface->begin_task = task_host_begin_task;
  iface->end_task = task_host_end_task;
  iface->add_toast = task_host_add_toast;
  iface->show_error = task_host_show_error;
  iface->get_history = task_host_get_history;
  iface->dup_folder = task_host_dup_folder;
  iface->dup_stem = task_host_dup_stem;
  iface->open_draft = task_host_open_draft;
}
