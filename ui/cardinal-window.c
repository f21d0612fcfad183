/* cardinal-window.c: a document window: header bar actions, canvas and side panel wiring, files, autosave. */
#include "cardinal-config.h"

#include "cardinal-window.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <math.h>
#include <string.h>
#include <unistd.h>

#include "cardinal-application.h"
#include "cardinal-arrange.h"
#include "cardinal-canvas-private.h"
#include "cardinal-canvas.h"
#include "cardinal-codegen-dialog.h"
#include "cardinal-ddl-preview.h"
#include "cardinal-ddl.h"
#include "cardinal-deploy-dialog.h"
#include "cardinal-diagnostics-view.h"
#include "cardinal-schema-view.h"
#include "cardinal-diagram-dialog.h"
#include "cardinal-diagram.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-import-dialog.h"
#include "cardinal-inspector.h"
#include "cardinal-relate-dialog.h"
#include "cardinal-validate.h"

#define UNTITLED_TITLE "Untitled Design"
#define UNTITLED_MODEL_NAME "untitled"
#define RECENT_MAX 10
#define GRID 20.0

struct _CardinalWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_status;
  GtkPaned             *paned;
  GtkOverlay           *canvas_overlay;
  GtkWidget            *canvas;
  GtkToggleButton      *logical_toggle;
  GtkToggleButton      *physical_toggle;
  GtkLabel             *zoom_label;
  GtkWidget            *side_panel;
  AdwViewStack         *side_stack;
  AdwViewStackPage     *diagnostics_page;
  GtkWidget            *inspector;
  GtkWidget            *diagnostics;
  GtkWidget            *ddl_preview;
  GtkWidget            *schema_view;
  GtkDropDown          *dialect_dropdown;
  GtkRevealer          *task_revealer;
  GtkLabel             *task_label;

  /* The document */
  CardinalHistory      *history;
  GFile                *file;
  gboolean              recovered;        /* unsaved work brought back after a crash */
  char                 *draft_title;      /* an unsaved document made from a database (import) */

  /* Background work (arrange, export, import, apply): their cancellables */
  GPtrArray            *tasks;

  /* Crash recovery: <stem>.cardinal and <stem>.json */
  char                 *recovery_stem;
  gboolean              recovery_written;
  gboolean              recovery_stale;
  guint                 autosave_id;

  /* Closing */
  gboolean              close_confirmed;
  gboolean              close_after_save;
  GtkWidget            *close_dialog;     /* weak */

  GSettings            *settings;
  GMenu                *recent_menu;
  GtkWidget            *context_menu;
  GtkNativeDialog      *file_chooser;
  AdwToast             *hint_toast;       /* weak */
  GPtrArray            *search_matches;   /* entity names, best first */
  guint                 search_index;
  guint                 diagnostics_idle_id;
};

enum
{
  PROP_0,
  PROP_SIDE_PANEL_VISIBLE,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

G_DEFINE_FINAL_TYPE (CardinalWindow, cardinal_window, ADW_TYPE_APPLICATION_WINDOW)

static void     save_as                (CardinalWindow *self);
static void     update_diagnostics_soon (CardinalWindow *self);

/* Small helpers ------------------------------------------------------------ */

static void
show_error (CardinalWindow *self,
            const char     *heading,
            const char     *message)
{
  GtkWidget *dialog = adw_message_dialog_new (GTK_WINDOW (self), heading, message);

  adw_message_dialog_add_response (ADW_MESSAGE_DIALOG (dialog), "close", "_Close");
  adw_message_dialog_set_default_response (ADW_MESSAGE_DIALOG (dialog), "close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
show_toast (CardinalWindow *self,
            const char     *message)
{
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (message));
}

/* Toasts that explain what to do next replace one another instead of queueing. */
static void
show_hint (CardinalWindow *self,
           const char     *message)
{
  AdwToast *toast = adw_toast_new (message);

  if (self->hint_toast != NULL)
    adw_toast_dismiss (self->hint_toast);
  adw_toast_set_timeout (toast, 4);
  g_set_weak_pointer (&self->hint_toast, toast);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static const CardinalModel *
get_model (CardinalWindow *self)
{
  return cardinal_history_get_model (self->history);
}

static gboolean
entity_name_taken (const CardinalModel *model,
                   const char          *name,
                   const char          *except)
{
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (except != NULL && g_str_equal (entity->name, except))
        continue;
      if (cardinal_identifier_fold_equal (entity->name, name))
        return TRUE;
    }
  return FALSE;
}

static gboolean
relationship_name_taken (const CardinalModel *model,
                         const char          *name,
                         const char          *except)
{
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (except != NULL && g_str_equal (relationship->name, except))
        continue;
      if (cardinal_identifier_fold_equal (relationship->name, name))
        return TRUE;
    }
  return FALSE;
}

/* Whether the keyboard focus is somewhere that keeps its own keys (side panel, find bar). */
static gboolean
focus_is_outside_canvas_area (CardinalWindow *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus != NULL &&
         (gtk_widget_is_ancestor (focus, self->side_panel) ||
          gtk_widget_is_ancestor (focus, GTK_WIDGET (self->search_bar)));
}

/* Title and undo state ----------------------------------------------------- */

static char *
document_title (CardinalWindow *self)
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

static void
update_title (CardinalWindow *self)
{
  g_autofree char *name = document_title (self);
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

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.undo", cardinal_history_can_undo (self->history));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.redo", cardinal_history_can_redo (self->history));
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->undo_button), undo_tooltip);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->redo_button), redo_tooltip);
}

static void
update_zoom_label (CardinalWindow *self)
{
  g_autofree char *text = NULL;

  text = g_strdup_printf ("%.0f%%", cardinal_canvas_get_zoom (CARDINAL_CANVAS (self->canvas)) * 100.0);
  gtk_label_set_text (self->zoom_label, text);
}

/* Recent files ------------------------------------------------------------- */

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b), gtk_recent_info_get_modified (info_a));
}

static void
rebuild_recent_menu (CardinalWindow *self)
{
  GtkRecentManager *manager = gtk_recent_manager_get_default ();
  GList *items = gtk_recent_manager_get_items (manager);
  g_autoptr(GPtrArray) designs = g_ptr_array_new ();
  guint shown = 0;

  for (GList *l = items; l != NULL; l = l->next)
    {
      GtkRecentInfo *info = l->data;

      if (g_str_has_suffix (gtk_recent_info_get_uri (info), ".cardinal") && gtk_recent_info_exists (info))
        g_ptr_array_add (designs, info);
    }
  g_ptr_array_sort (designs, compare_recent);

  g_menu_remove_all (self->recent_menu);
  for (guint i = 0; i < designs->len && shown < RECENT_MAX; i++, shown++)
    {
      GtkRecentInfo *info = g_ptr_array_index (designs, i);
      g_autoptr(GMenuItem) item = g_menu_item_new (gtk_recent_info_get_display_name (info), NULL);

      g_menu_item_set_action_and_target_value (item, "win.open-recent",
                                               g_variant_new_string (gtk_recent_info_get_uri (info)));
      g_menu_append_item (self->recent_menu, item);
    }
  if (shown == 0)
    g_menu_append (self->recent_menu, "No Recent Designs", "win.no-recent");

  g_list_free_full (items, (GDestroyNotify) gtk_recent_info_unref);
}

static void
add_to_recent (GFile *file)
{
  g_autofree char *uri = g_file_get_uri (file);
  GtkRecentData data = {
    .mime_type = (char *) "application/x-cardinal",
    .app_name = (char *) g_get_application_name (),
    .app_exec = (char *) "cardinal %u",
  };

  if (data.app_name == NULL)
    data.app_name = (char *) "Cardinal";
  gtk_recent_manager_add_full (gtk_recent_manager_get_default (), uri, &data);
}

/* Crash recovery ----------------------------------------------------------- */

static char *
recovery_path (CardinalWindow *self,
               const char     *extension)
{
  return g_strconcat (self->recovery_stem, extension, NULL);
}

/* Removes this document's recovery files: it was saved, discarded or closed. */
static void
forget_recovery (CardinalWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->recovery_stale = FALSE;
  if (self->recovery_written)
    {
      g_autofree char *document = recovery_path (self, ".cardinal");
      g_autofree char *sidecar = recovery_path (self, ".json");

      g_unlink (document);
      g_unlink (sidecar);
      self->recovery_written = FALSE;
    }
}

static gboolean
write_recovery (CardinalWindow  *self,
                GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sidecar_data = NULL;
  g_autofree char *document = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *title = document_title (self);
  g_autofree char *uri = self->file ? g_file_get_uri (self->file) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved_at = g_date_time_format_iso8601 (now);
  gsize length = 0;

  if (self->recovery_stem == NULL)
    {
      static guint counter;
      g_autofree char *dir = cardinal_application_get_recovery_dir ();
      g_autofree char *seed = NULL;
      g_autofree char *hash = NULL;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not create %s: %s", dir, g_strerror (saved_errno));
          return FALSE;
        }
      /* Unique per document and process, so two windows never share a file. */
      seed = g_strdup_printf ("%s\n%d\n%u\n%" G_GINT64_FORMAT,
                              uri ? uri : "untitled", (int) getpid (), ++counter, g_get_real_time ());
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
      self->recovery_stem = g_build_filename (dir, hash, NULL);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (self->recovery_stem);

      g_mkdir_with_parents (dir, 0700);
    }

  document = recovery_path (self, ".cardinal");
  sidecar = recovery_path (self, ".json");

  data = cardinal_document_to_data (get_model (self), &length);
  if (!g_file_set_contents_full (document, data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  if (uri != NULL)
    json_builder_add_string_value (builder, uri);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "saved-at");
  json_builder_add_string_value (builder, saved_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  sidecar_data = json_generator_to_data (generator, &length);
  if (!g_file_set_contents_full (sidecar, sidecar_data, (gssize) length,
                                 G_FILE_SET_CONTENTS_CONSISTENT, 0600, error))
    return FALSE;

  self->recovery_written = TRUE;
  self->recovery_stale = FALSE;
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  CardinalWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!cardinal_window_get_modified (self) || !self->recovery_stale)
    return G_SOURCE_REMOVE;

  if (!write_recovery (self, &error))
    {
      g_autofree char *message = g_strdup_printf ("Could not write a recovery copy: %s", error->message);

      show_toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

static guint
autosave_seconds (CardinalWindow *self)
{
  return self->settings ? MAX (1, g_settings_get_uint (self->settings, "autosave-seconds")) : 5;
}

/* While the document is modified, its state reaches the recovery file a few
 * seconds after the last write; back at the saved state, the file goes. */
static void
schedule_autosave (CardinalWindow *self)
{
  if (!cardinal_window_get_modified (self))
    {
      forget_recovery (self);
      return;
    }
  self->recovery_stale = TRUE;
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add_seconds (autosave_seconds (self), autosave_cb, self);
}

/* The document ------------------------------------------------------------- */

static void
history_changed_cb (CardinalHistory     *history,
                    CardinalChangeFlags  flags,
                    CardinalWindow      *self)
{
  schedule_autosave (self);
  update_diagnostics_soon (self);
}

static void
history_modified_cb (CardinalHistory *history,
                     GParamSpec      *pspec,
                     CardinalWindow  *self)
{
  update_title (self);
  schedule_autosave (self);
}

static void
history_undo_state_cb (CardinalHistory *history,
                       GParamSpec      *pspec,
                       CardinalWindow  *self)
{
  update_undo_state (self);
}

/* Puts @model (taken over) in this window as a new document. */
static void
set_document (CardinalWindow *self,
              CardinalModel  *model,
              GFile          *file,
              gboolean        recovered)
{
  g_autoptr(CardinalHistory) history = cardinal_history_new (model);

  forget_recovery (self);
  g_clear_pointer (&self->recovery_stem, g_free);
  /* Notes belong to the import that made the previous document. */
  cardinal_diagnostics_view_set_notes (CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics), NULL);

  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);
  g_set_object (&self->history, history);
  g_set_object (&self->file, file);
  self->recovered = recovered;
  g_clear_pointer (&self->draft_title, g_free);

  g_signal_connect (history, "changed", G_CALLBACK (history_changed_cb), self);
  g_signal_connect (history, "notify::modified", G_CALLBACK (history_modified_cb), self);
  g_signal_connect (history, "notify::can-undo", G_CALLBACK (history_undo_state_cb), self);
  g_signal_connect (history, "notify::can-redo", G_CALLBACK (history_undo_state_cb), self);
  g_signal_connect (history, "notify::undo-label", G_CALLBACK (history_undo_state_cb), self);
  g_signal_connect (history, "notify::redo-label", G_CALLBACK (history_undo_state_cb), self);

  cardinal_canvas_set_history (CARDINAL_CANVAS (self->canvas), history);
  cardinal_inspector_set_history (CARDINAL_INSPECTOR (self->inspector), history);
  cardinal_inspector_show_entity (CARDINAL_INSPECTOR (self->inspector), NULL);
  cardinal_diagnostics_view_set_history (CARDINAL_DIAGNOSTICS_VIEW (self->diagnostics), history);
  cardinal_ddl_preview_set_history (CARDINAL_DDL_PREVIEW (self->ddl_preview), history);
  cardinal_schema_view_set_history (CARDINAL_SCHEMA_VIEW (self->schema_view), history);

  update_title (self);
  update_undo_state (self);
  update_diagnostics_soon (self);
  if (recovered)
    schedule_autosave (self);
}

static gboolean
save_to_file (CardinalWindow *self,
              GFile          *file)
{
  g_autoptr(GError) error = NULL;

  if (!cardinal_document_save_file (get_model (self), file, &error))
    {
      show_error (self, "Could Not Save Design", error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  self->recovered = FALSE;
  g_clear_pointer (&self->draft_title, g_free);
  cardinal_history_mark_saved (self->history);
  forget_recovery (self);
  add_to_recent (file);
  update_title (self);
  return TRUE;
}

/* After "Save" in the Save Changes dialog, the window goes once the file is written. */
static void
finish_close_after_save (CardinalWindow *self,
                         gboolean        saved)
{
  if (!self->close_after_save)
    return;
  self->close_after_save = FALSE;
  if (saved)
    {
      self->close_confirmed = TRUE;
      gtk_window_close (GTK_WINDOW (self));
    }
}

static CardinalWindow *
find_window_for_file (CardinalWindow *self,
                      GFile          *file)
{
  GtkApplication *application = gtk_window_get_application (GTK_WINDOW (self));

  if (application == NULL)
    return NULL;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    {
      if (CARDINAL_IS_WINDOW (l->data) &&
          CARDINAL_WINDOW (l->data)->file != NULL &&
          g_file_equal (CARDINAL_WINDOW (l->data)->file, file))
        return l->data;
    }
  return NULL;
}

/* Opens @file in this window when it is still empty, otherwise in a new one;
 * a file already open is brought to the front instead. */
static void
open_in_some_window (CardinalWindow *self,
                     GFile          *file)
{
  g_autoptr(GError) error = NULL;
  CardinalWindow *target = find_window_for_file (self, file);
  CardinalModel *model;

  if (target != NULL)
    {
      gtk_window_present (GTK_WINDOW (target));
      return;
    }

  model = cardinal_document_load_file (file, &error);
  if (model == NULL)
    {
      show_error (self, "Could Not Open Design", error->message);
      return;
    }

  if (cardinal_window_is_pristine (self) || gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    target = self;
  else
    target = cardinal_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  set_document (target, model, file, FALSE);
  add_to_recent (file);
  gtk_window_present (GTK_WINDOW (target));
}

/* File choosers --------------------------------------------------------------- */

static void
replace_file_chooser (CardinalWindow  *self,
                      GtkNativeDialog *chooser)
{
  if (self->file_chooser != NULL)
    gtk_native_dialog_destroy (self->file_chooser);
  g_clear_object (&self->file_chooser);
  self->file_chooser = chooser;
}

static void
add_filters (GtkFileChooser *chooser,
             const char     *name,
             const char     *pattern)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (chooser, filter);
  gtk_file_filter_set_name (all, "All Files");
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (chooser, all);
  gtk_file_chooser_set_filter (chooser, filter);
}

/* The design's folder; for a new design, Documents (or home) as GNOME apps do. */
static void
set_chooser_folder (CardinalWindow *self,
                    GtkFileChooser *chooser)
{
  g_autoptr(GFile) folder = self->file ? g_file_get_parent (self->file) : NULL;

  if (folder == NULL)
    {
      const char *documents = g_get_user_special_dir (G_USER_DIRECTORY_DOCUMENTS);

      if (documents != NULL && g_file_test (documents, G_FILE_TEST_IS_DIR))
        folder = g_file_new_for_path (documents);
      else
        folder = g_file_new_for_path (g_get_home_dir ());
    }
  gtk_file_chooser_set_current_folder (chooser, folder, NULL);
}

static void
open_response_cb (GtkNativeDialog *chooser,
                  int              response,
                  CardinalWindow  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    open_in_some_window (self, file);
}

/* "name" → "name.cardinal": a chooser does not add the extension by itself. */
static GFile *
with_extension (GFile      *file,
                const char *extension)
{
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *named = NULL;

  if (basename == NULL || parent == NULL || strchr (basename, '.') != NULL)
    return g_object_ref (file);
  named = g_strconcat (basename, extension, NULL);
  return g_file_get_child (parent, named);
}

static void
save_as_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     CardinalWindow  *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  gboolean saved = FALSE;

  if (response == GTK_RESPONSE_ACCEPT)
    chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen != NULL)
    {
      file = with_extension (chosen, ".cardinal");
      /* A new design takes its name from the file it is first saved as, so
       * its DDL does not say "untitled". */
      if (self->file == NULL && g_str_equal (get_model (self)->name, UNTITLED_MODEL_NAME))
        {
          g_autofree char *basename = g_file_get_basename (file);
          g_autofree char *stem = g_strndup (basename, strcspn (basename, "."));

          if (*stem != '\0')
            cardinal_history_set_model_name (self->history, stem, NULL);
        }
      saved = save_to_file (self, file);
    }
  finish_close_after_save (self, saved);
}

static void
save_as (CardinalWindow *self)
{
  GtkFileChooserNative *chooser;
  g_autofree char *name = NULL;

  chooser = gtk_file_chooser_native_new ("Save Design", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Save", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser), "Cardinal Designs", "*.cardinal");
  set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));
  name = self->file ? g_file_get_basename (self->file)
                    : g_strdup_printf ("%s.cardinal", get_model (self)->name);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_signal_connect (chooser, "response", G_CALLBACK (save_as_response_cb), self);
  replace_file_chooser (self, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
save (CardinalWindow *self)
{
  if (self->file == NULL)
    save_as (self);
  else
    finish_close_after_save (self, save_to_file (self, self->file));
}

/* DDL export --------------------------------------------------------------------- */

static void
show_diagnostics_cb (AdwToast       *toast,
                     CardinalWindow *self)
{
  adw_view_stack_set_visible_child_name (self->side_stack, "diagnostics");
}

static void
export_ddl_to (CardinalWindow  *self,
               GFile           *file,
               CardinalDialect  dialect)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (get_model (self));
  g_autoptr(GPtrArray) diagnostics = cardinal_validate_with_schema (get_model (self), schema);
  g_autofree char *text = cardinal_ddl_render (schema, dialect);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  guint n_errors = 0;

  if (!g_file_replace_contents (file, text, strlen (text), NULL, FALSE,
                                G_FILE_CREATE_REPLACE_DESTINATION, NULL, NULL, &error))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", basename, error->message);

      show_error (self, "Could Not Export DDL", message);
      return;
    }

  for (guint i = 0; i < diagnostics->len; i++)
    if (((CardinalDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CARDINAL_SEVERITY_ERROR)
      n_errors++;

  if (n_errors == 0)
    {
      g_autofree char *message = g_strdup_printf ("Exported “%s”", basename);

      show_toast (self, message);
    }
  else
    {
      g_autofree char *message =
        g_strdup_printf ("Exported “%s”, but the design has %u error%s", basename, n_errors, n_errors == 1 ? "" : "s");
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_button_label (toast, "Show");
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (show_diagnostics_cb), self, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
export_response_cb (GtkNativeDialog *chooser,
                    int              response,
                    CardinalWindow  *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  chosen = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (chosen == NULL)
    return;
  file = with_extension (chosen, ".sql");
  export_ddl_to (self, file,
                 (CardinalDialect) GPOINTER_TO_INT (g_object_get_data (G_OBJECT (chooser), "dialect")));
}

static void
export_ddl (CardinalWindow  *self,
            CardinalDialect  dialect)
{
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = NULL;

  if (self->file != NULL)
    {
      g_autofree char *basename = g_file_get_basename (self->file);

      stem = g_strndup (basename, strcspn (basename, "."));
    }
  else
    stem = g_strdup (get_model (self)->name);

  title = g_strdup_printf ("Export DDL for %s",
                           dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL");
  name = g_strdup_printf ("%s-%s.sql", stem, cardinal_dialect_to_string (dialect));

  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser), "SQL Files", "*.sql");
  set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  g_object_set_data (G_OBJECT (chooser), "dialect", GINT_TO_POINTER (dialect));
  g_signal_connect (chooser, "response", G_CALLBACK (export_response_cb), self);
  replace_file_chooser (self, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* Renaming ------------------------------------------------------------------------ */

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
  const CardinalModel *model = get_model (data->window);
  const char *text = gtk_editable_get_text (editable);
  const char *what = data->relationship ? "relationship" : "entity";
  const char *problem = cardinal_identifier_problem (text);
  g_autofree char *body = NULL;

  if (problem != NULL)
    body = g_strdup_printf ("The name %s.", problem);
  else if (data->relationship ? relationship_name_taken (model, text, data->name)
                              : entity_name_taken (model, text, data->name))
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
      const CardinalRelationship *current = cardinal_model_find_relationship (get_model (self), data->name);
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
      show_toast (self, error->message);
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

static void
show_rename_dialog (CardinalWindow *self,
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

/* Find ------------------------------------------------------------------------------ */

static void
reveal_search_match (CardinalWindow *self)
{
  g_autofree char *status = NULL;

  if (self->search_matches->len == 0)
    return;
  cardinal_canvas_reveal_entity (CARDINAL_CANVAS (self->canvas),
                                 g_ptr_array_index (self->search_matches, self->search_index));
  status = g_strdup_printf ("%u of %u", self->search_index + 1, self->search_matches->len);
  gtk_label_set_text (self->search_status, status);
}

/* Exact names first, then names that start with the text, then the rest. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   CardinalWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const CardinalModel *model = get_model (self);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  GPtrArray *ranked[3] = { NULL, NULL, NULL };

  g_ptr_array_set_size (self->search_matches, 0);
  self->search_index = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (*text == '\0')
    {
      gtk_label_set_text (self->search_status, "");
      return;
    }

  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    ranked[r] = g_ptr_array_new ();
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      g_autofree char *folded = g_utf8_casefold (entity->name, -1);
      const char *found = strstr (folded, needle);

      if (found == NULL)
        continue;
      if (g_str_equal (folded, needle))
        g_ptr_array_add (ranked[0], entity->name);
      else if (found == folded)
        g_ptr_array_add (ranked[1], entity->name);
      else
        g_ptr_array_add (ranked[2], entity->name);
    }
  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    {
      for (guint i = 0; i < ranked[r]->len; i++)
        g_ptr_array_add (self->search_matches, g_strdup (g_ptr_array_index (ranked[r], i)));
      g_ptr_array_unref (ranked[r]);
    }

  if (self->search_matches->len == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->search_status, "No entity");
      return;
    }
  reveal_search_match (self);
}

static void
end_search (CardinalWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (self->canvas);
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  reveal_search_match (self);
  end_search (self);
}

static void
search_next_match_cb (GtkSearchEntry *entry,
                      CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  self->search_index = (self->search_index + 1) % self->search_matches->len;
  reveal_search_match (self);
}

static void
search_previous_match_cb (GtkSearchEntry *entry,
                          CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  self->search_index = (self->search_index + self->search_matches->len - 1) % self->search_matches->len;
  reveal_search_match (self);
}

static void
search_stop_cb (GtkSearchEntry *entry,
                CardinalWindow *self)
{
  end_search (self);
}

/* Side panel ---------------------------------------------------------------------- */

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
  export_ddl (self, gtk_drop_down_get_selected (self->dialect_dropdown) == 0
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

/* Canvas signals -------------------------------------------------------------------- */

static void
canvas_selection_changed_cb (CardinalCanvas *canvas,
                             CardinalWindow *self)
{
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (canvas);
  g_auto(GStrv) relationships = cardinal_canvas_get_selected_relationships (canvas);
  guint n_entities = entities ? g_strv_length (entities) : 0;
  guint n_relationships = relationships ? g_strv_length (relationships) : 0;
  CardinalInspector *inspector = CARDINAL_INSPECTOR (self->inspector);

  if (n_entities == 1 && n_relationships == 0)
    cardinal_inspector_show_entity (inspector, entities[0]);
  else if (n_entities == 0 && n_relationships == 1)
    cardinal_inspector_show_relationship (inspector, relationships[0]);
  else
    cardinal_inspector_show_entity (inspector, NULL);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename", n_entities + n_relationships == 1);
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
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
canvas_rename_entity_cb (CardinalCanvas *canvas,
                         const char     *name,
                         CardinalWindow *self)
{
  show_rename_dialog (self, FALSE, name);
}

static void
canvas_context_menu_cb (CardinalCanvas *canvas,
                        double          x,
                        double          y,
                        CardinalWindow *self)
{
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (canvas);
  g_auto(GStrv) relationships = cardinal_canvas_get_selected_relationships (canvas);
  gboolean has_selection = (entities && entities[0]) || (relationships && relationships[0]);
  g_autoptr(GMenu) menu = g_menu_new ();
  g_autoptr(GMenu) selection_section = g_menu_new ();
  g_autoptr(GMenu) canvas_section = g_menu_new ();
  double overlay_x = x, overlay_y = y;

  if (has_selection)
    {
      g_menu_append (selection_section, "_Rename…", "win.rename");
      g_menu_append (selection_section, "_Connect…", "win.connect");
      g_menu_append (selection_section, "_Delete", "win.delete");
      g_menu_append_section (menu, NULL, G_MENU_MODEL (selection_section));
    }
  g_menu_append (canvas_section, "Add _Entity", "win.add-entity");
  g_menu_append (canvas_section, "Select _All", "win.select-all");
  g_menu_append (canvas_section, "Arran_ge", "win.arrange");
  g_menu_append (canvas_section, "Zoom to _Fit", "win.zoom-fit");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (canvas_section));

  if (self->context_menu == NULL)
    {
      self->context_menu = gtk_popover_menu_new_from_model (NULL);
      gtk_popover_set_has_arrow (GTK_POPOVER (self->context_menu), FALSE);
      gtk_widget_set_halign (self->context_menu, GTK_ALIGN_START);
      gtk_widget_set_parent (self->context_menu, GTK_WIDGET (self->canvas_overlay));
    }
  gtk_popover_menu_set_menu_model (GTK_POPOVER_MENU (self->context_menu), G_MENU_MODEL (menu));

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
  update_zoom_label (self);
}

/* Actions ------------------------------------------------------------------------- */

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
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  GtkFileChooserNative *chooser;

  chooser = gtk_file_chooser_native_new ("Open Design", GTK_WINDOW (self),
                                         GTK_FILE_CHOOSER_ACTION_OPEN, "_Open", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  add_filters (GTK_FILE_CHOOSER (chooser), "Cardinal Designs", "*.cardinal");
  set_chooser_folder (self, GTK_FILE_CHOOSER (chooser));
  g_signal_connect (chooser, "response", G_CALLBACK (open_response_cb), self);
  replace_file_chooser (self, GTK_NATIVE_DIALOG (chooser));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
open_recent_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  g_autoptr(GFile) file = g_file_new_for_uri (g_variant_get_string (parameter, NULL));

  open_in_some_window (CARDINAL_WINDOW (widget), file);
}

static void
save_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  save (CARDINAL_WINDOW (widget));
}

static void
save_as_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  save_as (CARDINAL_WINDOW (widget));
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

  for (guint n = 2; entity_name_taken (model, name, NULL); n++)
    {
      g_free (name);
      name = g_strdup_printf ("%s_%u", base, n);
    }
  return name;
}

static gboolean
position_taken (const CardinalModel *model,
                double               x,
                double               y)
{
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (fabs (entity->x - x) < 1.0 && fabs (entity->y - y) < 1.0)
        return TRUE;
    }
  return FALSE;
}

static void
add_entity_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  const CardinalModel *model = get_model (self);
  g_autofree char *name = unique_entity_name (model, "entity");
  g_autoptr(GError) error = NULL;
  CardinalEntity *entity = cardinal_entity_new (name);
  CardinalAttribute *id = cardinal_attribute_new ("id", "integer");
  const char *names[] = { name, NULL };
  double center_x = 0, center_y = 0;

  id->primary_key = TRUE;
  id->autoincrement = TRUE;
  id->nullable = FALSE;
  cardinal_entity_add_attribute (entity, id);

  /* Centred in the view, on the grid, and never exactly on top of another. */
  cardinal_canvas_get_visible_center (CARDINAL_CANVAS (self->canvas), &center_x, &center_y);
  entity->x = MAX (0.0, round ((center_x - 100.0) / GRID) * GRID);
  entity->y = MAX (0.0, round ((center_y - 40.0) / GRID) * GRID);
  while (position_taken (model, entity->x, entity->y))
    {
      entity->x += 2 * GRID;
      entity->y += 2 * GRID;
    }

  if (!cardinal_history_add_entity (self->history, entity, &error))
    {
      show_toast (self, error->message);
      return;
    }
  cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), names, NULL);
  gtk_widget_grab_focus (self->canvas);
  show_rename_dialog (self, FALSE, name);
}

static void
connect_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  gtk_widget_grab_focus (self->canvas);
  cardinal_canvas_begin_connect (CARDINAL_CANVAS (self->canvas));
  show_hint (self, "Click the first entity, then the second (the same one twice relates it to itself)");
}

/* Arrange ----------------------------------------------------------------------- */

/* A box's size as the canvas will draw it, near enough for spacing a grid. */
static void
estimate_entity_size (const CardinalEntity *entity,
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
  const CardinalModel *model = get_model (self);
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

      estimate_entity_size (entity, &widths[k], &heights[k]);
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
    show_toast (self, error->message);
  gtk_widget_grab_focus (self->canvas);
}

static void
arrange_done_cb (GObject      *source,
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
  if (arranged || g_cancellable_is_cancelled (cancellable))
    return;
  if (g_error_matches (error, CARDINAL_ARRANGE_ERROR, CARDINAL_ARRANGE_ERROR_STALE))
    show_toast (self, error->message);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      /* Graphviz failed: the grid still tidies up, and the reason is shown. */
      show_error (self, "Could Not Arrange with Graphviz", error->message);
      arrange_grid (self);
    }
}

static void
arrange_activated (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);
  const CardinalModel *model = get_model (self);
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
  cardinal_arrange_async (self->history, sizes, cancellable, arrange_done_cb, cancellable);
  gtk_widget_grab_focus (self->canvas);
}

static void
export_ddl_activated (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;

  cardinal_dialect_from_string (g_variant_get_string (parameter, NULL), &dialect);
  export_ddl (CARDINAL_WINDOW (widget), dialect);
}

/* Diagrams, C models, import and apply: dialogs in their own files; the
 * "-to" and "-from" variants take their answers as the parameter (scripts,
 * tests) and go straight to the work. */
static void
export_diagram_activated (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cardinal_diagram_dialog_new (CARDINAL_WINDOW (widget))));
}

static void
export_diagram_to_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  cardinal_diagram_export_variant (CARDINAL_WINDOW (widget), parameter);
}

static void
generate_code_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cardinal_codegen_dialog_new (CARDINAL_WINDOW (widget))));
}

static void
generate_code_to_activated (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  const char *backend_name = NULL, *path = NULL;
  CardinalCodegenBackend backend = CARDINAL_CODEGEN_BACKEND_SQLITE;
  g_autoptr(GFile) directory = NULL;

  g_variant_get (parameter, "(&s&s)", &backend_name, &path);
  cardinal_codegen_backend_from_string (backend_name, &backend);
  directory = g_file_new_for_path (path);
  cardinal_codegen_export (CARDINAL_WINDOW (widget), directory, backend);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalWindow *self = CARDINAL_WINDOW (widget);

  if (g_str_equal (action_name, "win.import-postgresql"))
    gtk_window_present (GTK_WINDOW (cardinal_import_dialog_new (self)));
  else
    cardinal_import_choose_file (self, g_str_equal (action_name, "win.import-sql"));
}

static void
import_from_activated (GtkWidget  *widget,
                       const char *action_name,
                       GVariant   *parameter)
{
  const char *source = NULL, *dialect_name = NULL;
  CardinalSqlDialect dialect = CARDINAL_SQL_DIALECT_DETECT;

  g_variant_get (parameter, "(&s&s)", &source, &dialect_name);
  if (g_str_equal (dialect_name, "sqlite"))
    dialect = CARDINAL_SQL_DIALECT_SQLITE;
  else if (g_str_equal (dialect_name, "postgresql"))
    dialect = CARDINAL_SQL_DIALECT_POSTGRESQL;
  cardinal_import_start (CARDINAL_WINDOW (widget), source, dialect, NULL, NULL);
}

static void
apply_to_database_activated (GtkWidget  *widget,
                             const char *action_name,
                             GVariant   *parameter)
{
  gtk_window_present (GTK_WINDOW (cardinal_deploy_dialog_new (CARDINAL_WINDOW (widget))));
}

static void
apply_to_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  cardinal_deploy_start (CARDINAL_WINDOW (widget), g_variant_get_string (parameter, NULL));
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
  gtk_widget_action_set_enabled (widget, "win.cancel-task", FALSE);
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
    show_rename_dialog (self, FALSE, entities[0]);
  else if (n_entities == 0 && n_relationships == 1)
    show_rename_dialog (self, TRUE, relationships[0]);
}

/* The canvas's own shortcuts work while it has the focus; these reach it from
 * the header bar and the canvas controls too, but not from the side panel,
 * where Delete and Ctrl+A belong to the text being edited. */
static void
forward_to_canvas (CardinalWindow *self,
                   const char     *canvas_action)
{
  if (focus_is_outside_canvas_area (self))
    return;
  gtk_widget_activate_action (self->canvas, canvas_action, NULL);
  update_zoom_label (self);
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
  update_zoom_label (self);
}

/* Closing ------------------------------------------------------------------------- */

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
      save (self);
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
  g_autofree char *name = document_title (self);
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
  forget_recovery (self);
  return GTK_WINDOW_CLASS (cardinal_window_parent_class)->close_request (window);
}

/* Drag and drop of files ------------------------------------------------------------ */

static gboolean
drop_cb (GtkDropTarget  *target,
         const GValue   *value,
         double          x,
         double          y,
         CardinalWindow *self)
{
  GSList *files;

  if (!G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  files = g_value_get_boxed (value);
  for (GSList *l = files; l != NULL; l = l->next)
    open_in_some_window (self, l->data);
  return files != NULL;
}

/* Settings ---------------------------------------------------------------------- */

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

/* GObject ------------------------------------------------------------------------- */

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
  if (self->history != NULL)
    g_signal_handlers_disconnect_by_data (self->history, self);

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
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
  gtk_widget_class_bind_template_callback (widget_class, view_toggled_cb);
  gtk_widget_class_bind_template_callback (widget_class, dialect_selected_cb);
  gtk_widget_class_bind_template_callback (widget_class, ddl_export_clicked_cb);

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
  gtk_widget_class_install_action (widget_class, "win.apply-to", "s", apply_to_activated);
  gtk_widget_class_install_action (widget_class, "win.cancel-task", NULL, cancel_task_activated);
  gtk_widget_class_install_action (widget_class, "win.find", NULL, find_activated);
  gtk_widget_class_install_action (widget_class, "win.rename", NULL, rename_activated);
  gtk_widget_class_install_action (widget_class, "win.delete", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.select-all", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-in", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-out", NULL, canvas_action_activated);
  gtk_widget_class_install_action (widget_class, "win.zoom-fit", NULL, canvas_action_activated);
  gtk_widget_class_install_property_action (widget_class, "win.side-panel", "side-panel-visible");

  /* Bubble-phase bindings: a focused text field keeps Ctrl+Z, Ctrl+A and Delete for itself. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_n, GDK_CONTROL_MASK, "win.new", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK, "win.open", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK, "win.save", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.save-as", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "win.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK, "win.undo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK | GDK_SHIFT_MASK, "win.redo", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, "win.find", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F2, 0, "win.rename", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_e, GDK_CONTROL_MASK, "win.add-entity", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, GDK_CONTROL_MASK, "win.connect", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F9, 0, "win.side-panel", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "win.select-all", NULL);
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

static void
cardinal_window_init (CardinalWindow *self)
{
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));

  self->search_matches = g_ptr_array_new_with_free_func (g_free);
  self->tasks = g_ptr_array_new_with_free_func (g_object_unref);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-task", FALSE);
  self->recent_menu = g_menu_new ();
  adw_split_button_set_menu_model (self->open_button, G_MENU_MODEL (self->recent_menu));
  rebuild_recent_menu (self);
  g_signal_connect_object (gtk_recent_manager_get_default (), "changed",
                           G_CALLBACK (rebuild_recent_menu), self, G_CONNECT_SWAPPED);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.rename", FALSE);

  g_signal_connect (self->canvas, "selection-changed", G_CALLBACK (canvas_selection_changed_cb), self);
  g_signal_connect (self->canvas, "connect", G_CALLBACK (canvas_connect_cb), self);
  g_signal_connect (self->canvas, "rename-entity", G_CALLBACK (canvas_rename_entity_cb), self);
  g_signal_connect (self->canvas, "context-menu", G_CALLBACK (canvas_context_menu_cb), self);
  g_signal_connect (self->canvas, "notify::zoom", G_CALLBACK (canvas_zoom_notify_cb), self);
  g_signal_connect (self->diagnostics, "activate", G_CALLBACK (diagnostics_activate_cb), self);
  g_signal_connect (self->diagnostics, "notify", G_CALLBACK (diagnostics_notify_cb), self);

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (drop_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));

  set_document (self, cardinal_model_new (UNTITLED_MODEL_NAME), NULL, FALSE);
  dialect_selected_cb (self->dialect_dropdown, NULL, self);
  update_zoom_label (self);
  gtk_window_set_focus (GTK_WINDOW (self), self->canvas);
}

/* Public API ------------------------------------------------------------------------- */

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
      show_error (self, "Could Not Open Design", error->message);
      return FALSE;
    }
  set_document (self, model, file, FALSE);
  add_to_recent (file);
  return TRUE;
}

gboolean
cardinal_window_recover (CardinalWindow  *self,
                         GFile           *recovery,
                         GFile           *original,
                         GError         **error)
{
  g_autofree char *path = NULL;
  CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (recovery), FALSE);
  g_return_val_if_fail (original == NULL || G_IS_FILE (original), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (recovery);
  if (path == NULL || !g_str_has_suffix (path, ".cardinal"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   "%s is not a recovery file", path ? path : "(not a local file)");
      return FALSE;
    }
  model = cardinal_document_load_file (recovery, error);
  if (model == NULL)
    return FALSE;

  set_document (self, model, original, TRUE);
  /* Keep writing where the lost process did, and claim the files for this one. */
  self->recovery_stem = g_strndup (path, strlen (path) - strlen (".cardinal"));
  self->recovery_written = TRUE;
  if (!write_recovery (self, error))
    return FALSE;
  update_title (self);
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

  model = get_model (self);
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
  set_document (self, model, NULL, TRUE);
  self->draft_title = g_strdup (title);
  update_title (self);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-task", TRUE);
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
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.cancel-task", FALSE);
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

  show_error (self, heading, message);
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
    return g_strdup (get_model (self)->name);
  basename = g_file_get_basename (self->file);
  return g_strndup (basename, strcspn (basename, "."));
}
