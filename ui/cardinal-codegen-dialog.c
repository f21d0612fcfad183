/* cardinal-codegen-dialog.c: Export → C Models…: a backend and a folder, and the code written off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-codegen-dialog.h"

#include <adwaita.h>

#include "cardinal-application.h"
#include "cardinal-chooser.h"

struct _CardinalCodegenDialog
{
  GtkWindow        parent_instance;

  AdwComboRow     *backend_row;
  AdwActionRow    *folder_row;
  gboolean         directory_chosen;  /* picked, not the default beside the design */

  CardinalTaskHost *host;         /* weak */
  GFile           *directory;
  GtkNativeDialog *chooser;
};

G_DEFINE_FINAL_TYPE (CardinalCodegenDialog, cardinal_codegen_dialog, GTK_TYPE_WINDOW)

/* The writing ------------------------------------------------------------------ */

typedef struct
{
  CardinalModel          *model;      /* a copy: the design may change meanwhile */
  CardinalDialect         backend;
  GFile                  *directory;
} CodegenData;

static void
codegen_data_free (CodegenData *data)
{
  g_clear_pointer (&data->model, cardinal_model_free);
  g_clear_object (&data->directory);
  g_free (data);
}

static void
codegen_thread (GTask        *task,
                gpointer      source_object,
                gpointer      task_data,
                GCancellable *cancellable)
{
  CodegenData *data = task_data;
  GError *error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !cardinal_codegen_write (data->model, data->backend, data->directory, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
codegen_done_cb (CardinalTaskHost *host,
                 GTask            *result)
{
  CodegenData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *folder = g_file_get_parse_name (data->directory);
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);

  if (written)
    {
      g_autofree char *message = g_strdup_printf ("C models for %s written to “%s”",
                                                  data->backend == CARDINAL_DIALECT_SQLITE
                                                  ? "SQLite" : "PostgreSQL", folder);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 6);
      cardinal_task_host_add_toast (host, toast);
    }
  else
    cardinal_task_host_show_error (host, "Could Not Generate C Models", error->message);
}

void
cardinal_codegen_export (CardinalTaskHost       *host,
                         GFile                  *directory,
                         CardinalDialect         backend)
{
  CodegenData *data;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (G_IS_FILE (directory));

  data = g_new0 (CodegenData, 1);
  data->model = cardinal_model_copy (cardinal_history_get_model (cardinal_task_host_get_history (host)));
  data->backend = backend;
  data->directory = g_object_ref (directory);

  cardinal_task_run (host, "Generating C models…", cardinal_codegen_export, "cardinal-generate-code",
                     data, (GDestroyNotify) codegen_data_free, codegen_thread, codegen_done_cb);
}

/* The dialog ---------------------------------------------------------------- */

static void
set_directory (CardinalCodegenDialog *self,
               GFile                 *directory)
{
  g_autofree char *name = g_file_get_parse_name (directory);

  g_set_object (&self->directory, directory);
  adw_action_row_set_subtitle (self->folder_row, name);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     CardinalCodegenDialog *self)
{
  g_autoptr(GFile) chosen = cardinal_chooser_dup_file (chooser, response);

  if (chosen != NULL)
    cardinal_codegen_dialog_set_directory (self, chosen);
}

static void
choose_folder_activated (GtkWidget  *widget,
                         const char *action_name,
                         GVariant   *parameter)
{
  CardinalCodegenDialog *self = CARDINAL_CODEGEN_DIALOG (widget);
  g_autoptr(GFile) parent = g_file_get_parent (self->directory);
  GtkFileChooserNative *chooser;

  if (parent != NULL && !g_file_query_exists (parent, NULL))
    g_clear_object (&parent);
  chooser = cardinal_chooser_new (GTK_WINDOW (self), "Folder for the C Models",
                                  GTK_FILE_CHOOSER_ACTION_SELECT_FOLDER, "_Select", parent, NULL);
  cardinal_chooser_show (&self->chooser, chooser, G_CALLBACK (chooser_response_cb), self);
}

static void
generate_activated (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  CardinalCodegenDialog *self = CARDINAL_CODEGEN_DIALOG (widget);

  if (self->host == NULL)
    return;
  cardinal_codegen_export (self->host, self->directory,
                           adw_combo_row_get_selected (self->backend_row) == 1
                           ? CARDINAL_DIALECT_POSTGRESQL : CARDINAL_DIALECT_SQLITE);
  gtk_window_destroy (GTK_WINDOW (self));
}

GFile *
cardinal_codegen_dialog_get_directory (CardinalCodegenDialog *self)
{
  g_return_val_if_fail (CARDINAL_IS_CODEGEN_DIALOG (self), NULL);

  return self->directory;
}

void
cardinal_codegen_dialog_set_directory (CardinalCodegenDialog *self,
                                       GFile                 *directory)
{
  g_return_if_fail (CARDINAL_IS_CODEGEN_DIALOG (self));
  g_return_if_fail (G_IS_FILE (directory));

  set_directory (self, directory);
  self->directory_chosen = TRUE;
}

/* The backend, and the folder when one was chosen rather than the default beside the design. */
static void
remember_choices (CardinalCodegenDialog *self)
{
  GSettings *settings = cardinal_application_get_default_settings ();

  if (settings == NULL || self->backend_row == NULL)
    return;
  g_settings_set_string (settings, "codegen-backend",
                         adw_combo_row_get_selected (self->backend_row) == 1 ? "postgresql" : "sqlite");
  if (self->directory_chosen && self->directory != NULL)
    {
      g_autofree char *path = g_file_get_path (self->directory);

      if (path != NULL)
        g_settings_set_string (settings, "codegen-folder", path);
    }
}

static void
restore_choices (CardinalCodegenDialog *self)
{
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autofree char *backend = NULL;
  g_autofree char *path = NULL;

  if (settings == NULL)
    return;
  backend = g_settings_get_string (settings, "codegen-backend");
  adw_combo_row_set_selected (self->backend_row, g_str_equal (backend, "postgresql") ? 1 : 0);
  path = g_settings_get_string (settings, "codegen-folder");
  /* A folder that went away is not offered again; the default beside the design is. */
  if (*path != '\0' && g_path_is_absolute (path))
    {
      g_autofree char *parent = g_path_get_dirname (path);

      if (g_file_test (parent, G_FILE_TEST_IS_DIR))
        {
          g_autoptr(GFile) directory = g_file_new_for_path (path);

          cardinal_codegen_dialog_set_directory (self, directory);
        }
    }
}

static void
cardinal_codegen_dialog_dispose (GObject *object)
{
  CardinalCodegenDialog *self = CARDINAL_CODEGEN_DIALOG (object);

  /* However it closes: Cancel, Escape or after Generate. */
  remember_choices (self);
  cardinal_chooser_clear (&self->chooser, self);
  g_clear_object (&self->directory);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_CODEGEN_DIALOG);

  G_OBJECT_CLASS (cardinal_codegen_dialog_parent_class)->dispose (object);
}

static void
cardinal_codegen_dialog_class_init (CardinalCodegenDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_codegen_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-codegen-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalCodegenDialog, backend_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalCodegenDialog, folder_row);

  gtk_widget_class_install_action (widget_class, "codegen.generate", NULL, generate_activated);
  gtk_widget_class_install_action (widget_class, "codegen.choose-folder", NULL, choose_folder_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cardinal_codegen_dialog_init (CardinalCodegenDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CardinalCodegenDialog *
cardinal_codegen_dialog_new (CardinalTaskHost *host)
{
  CardinalCodegenDialog *self;
  g_autoptr(GFile) folder = NULL;
  g_autoptr(GFile) directory = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (host), NULL);

  self = g_object_new (CARDINAL_TYPE_CODEGEN_DIALOG, "transient-for", host, NULL);
  g_set_weak_pointer (&self->host, host);

  /* A folder of its own beside the design: the files are replaced on every run. */
  folder = cardinal_task_host_dup_folder (host);
  stem = cardinal_task_host_dup_stem (host);
  name = g_strdup_printf ("%s-c", stem);
  directory = g_file_get_child (folder, name);
  set_directory (self, directory);
  restore_choices (self);
  return self;
}
