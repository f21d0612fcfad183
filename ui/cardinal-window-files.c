/* cardinal-window-files.c: the window's file plumbing: recent files, choosers, open, save, DDL export and dropped files. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <string.h>

#include "cardinal-ddl.h"
#include "cardinal-file.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-validate.h"
#include "cardinal-chooser.h"

static int
compare_recent (gconstpointer a,
                gconstpointer b)
{
  GtkRecentInfo *info_a = *(GtkRecentInfo **) a;
  GtkRecentInfo *info_b = *(GtkRecentInfo **) b;

  /* Newest first. */
  return g_date_time_compare (gtk_recent_info_get_modified (info_b), gtk_recent_info_get_modified (info_a));
}

void
cardinal_window_rebuild_recent_menu (CardinalWindow *self)
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

void
cardinal_window_add_to_recent (GFile *file)
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

static gboolean
save_to_file (CardinalWindow *self,
              GFile          *file)
{
  g_autoptr(GError) error = NULL;

  if (!cardinal_document_save_file (cardinal_window_get_model (self), file, &error))
    {
      cardinal_window_error_dialog (self, "Could Not Save Design", error->message);
      return FALSE;
    }

  g_set_object (&self->file, file);
  self->recovered = FALSE;
  g_clear_pointer (&self->draft_title, g_free);
  cardinal_history_mark_saved (self->history);
  cardinal_window_forget_recovery (self);
  cardinal_window_add_to_recent (file);
  cardinal_window_update_title (self);
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
void
cardinal_window_open_in_some_window (CardinalWindow *self,
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
      cardinal_window_error_dialog (self, "Could Not Open Design", error->message);
      return;
    }

  if (cardinal_window_is_pristine (self) || gtk_window_get_application (GTK_WINDOW (self)) == NULL)
    target = self;
  else
    target = cardinal_window_new (gtk_window_get_application (GTK_WINDOW (self)));
  cardinal_window_set_document (target, model, file, FALSE);
  cardinal_window_add_to_recent (file);
  gtk_window_present (GTK_WINDOW (target));
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

GtkFileChooserNative *
cardinal_window_show_chooser (CardinalWindow       *self,
                              const char           *title,
                              GtkFileChooserAction  action,
                              const char           *accept_label,
                              const char           *filter_name,
                              const char           *pattern,
                              const char           *name,
                              GCallback             response)
{
  g_autoptr(GFile) folder = cardinal_window_dup_folder (self);
  GtkFileChooserNative *chooser = cardinal_chooser_new (GTK_WINDOW (self), title, action, accept_label, folder, name);

  add_filters (GTK_FILE_CHOOSER (chooser), filter_name, pattern);
  cardinal_chooser_show (&self->file_chooser, chooser, response, self);
  return chooser;
}

void
cardinal_window_open_response_cb (GtkNativeDialog *chooser,
                                  int              response,
                                  CardinalWindow  *self)
{
  g_autoptr(GFile) file = NULL;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  if (file != NULL)
    cardinal_window_open_in_some_window (self, file);
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
      if (self->file == NULL && g_str_equal (cardinal_window_get_model (self)->name, UNTITLED_MODEL_NAME))
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

void
cardinal_window_save_as (CardinalWindow *self)
{
  g_autofree char *name = NULL;

  name = self->file ? g_file_get_basename (self->file)
                    : g_strdup_printf ("%s.cardinal", cardinal_window_get_model (self)->name);
  cardinal_window_show_chooser (self, "Save Design", GTK_FILE_CHOOSER_ACTION_SAVE, "_Save",
                                "Cardinal Designs", "*.cardinal", name, G_CALLBACK (save_as_response_cb));
}

void
cardinal_window_save (CardinalWindow *self)
{
  if (self->file == NULL)
    cardinal_window_save_as (self);
  else
    finish_close_after_save (self, save_to_file (self, self->file));
}

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
  g_autoptr(CardinalSchema) schema = cardinal_engineer (cardinal_window_get_model (self));
  g_autoptr(GPtrArray) diagnostics = cardinal_validate_with_schema (cardinal_window_get_model (self), schema);
  g_autofree char *text = cardinal_ddl_render (schema, dialect);
  g_autofree char *basename = g_file_get_basename (file);
  g_autoptr(GError) error = NULL;
  guint n_errors = 0;

  if (!cardinal_file_replace (file, text, strlen (text), &error))
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", basename, error->message);

      cardinal_window_error_dialog (self, "Could Not Export DDL", message);
      return;
    }

  for (guint i = 0; i < diagnostics->len; i++)
    if (((CardinalDiagnostic *) g_ptr_array_index (diagnostics, i))->severity == CARDINAL_SEVERITY_ERROR)
      n_errors++;

  if (n_errors == 0)
    {
      g_autofree char *message = g_strdup_printf ("Exported “%s”", basename);

      cardinal_window_show_toast (self, message);
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

void
cardinal_window_export_ddl (CardinalWindow  *self,
                            CardinalDialect  dialect)
{
  GtkFileChooserNative *chooser;
  g_autofree char *title = NULL;
  g_autofree char *name = NULL;
  g_autofree char *stem = cardinal_window_dup_stem (self);

  title = g_strdup_printf ("Export DDL for %s",
                           dialect == CARDINAL_DIALECT_SQLITE ? "SQLite" : "PostgreSQL");
  name = g_strdup_printf ("%s-%s.sql", stem, cardinal_dialect_to_string (dialect));

  chooser = cardinal_window_show_chooser (self, title, GTK_FILE_CHOOSER_ACTION_SAVE, "_Export",
                                          "SQL Files", "*.sql", name, G_CALLBACK (export_response_cb));
  g_object_set_data (G_OBJECT (chooser), "dialect", GINT_TO_POINTER (dialect));
}

gboolean
cardinal_window_drop_cb (GtkDropTarget  *target,
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
    cardinal_window_open_in_some_window (self, l->data);
  return files != NULL;
}
