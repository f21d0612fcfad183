/* cardinal-diagram-dialog.c: Export → Diagram…: picture options, a file chooser, and the rendering off the main thread. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-diagram-dialog.h"

#include <adwaita.h>
#include <string.h>

#include "cardinal-application.h"
#include "cardinal-chooser.h"
#include "cardinal-file.h"

struct _CardinalDiagramDialog
{
  GtkWindow             parent_instance;

  AdwComboRow          *format_row;
  AdwComboRow          *view_row;
  AdwComboRow          *layout_row;
  GtkSwitch            *types_switch;
  AdwComboRow          *dialect_row;
  GtkSwitch            *labels_switch;
  GtkWidget            *png_group;
  AdwComboRow          *scale_row;
  GtkSwitch            *fit_switch;
  GtkSpinButton        *fit_spin;

  CardinalTaskHost     *host;        /* weak */
  GtkNativeDialog      *chooser;
};

G_DEFINE_FINAL_TYPE (CardinalDiagramDialog, cardinal_diagram_dialog, GTK_TYPE_WINDOW)

/* The rendering ------------------------------------------------------------ */

typedef struct
{
  CardinalModel          *model;      /* a copy: the design may change meanwhile */
  CardinalDiagramOptions  options;
  GFile                  *file;
} ExportData;

static void
export_data_free (ExportData *data)
{
  g_clear_pointer (&data->model, cardinal_model_free);
  g_clear_object (&data->file);
  g_free (data);
}

static void
export_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ExportData *data = task_data;
  g_autoptr(GBytes) bytes = NULL;
  GError *error = NULL;

  bytes = cardinal_diagram_render (data->model, &data->options, cancellable, &error);
  if (bytes == NULL ||
      g_cancellable_set_error_if_cancelled (cancellable, &error) ||
      !cardinal_file_replace (data->file, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

static void
export_done_cb (CardinalTaskHost *host,
                GTask            *result)
{
  ExportData *data = g_task_get_task_data (G_TASK (result));
  g_autofree char *basename = g_file_get_basename (data->file);
  g_autoptr(GError) error = NULL;
  gboolean written = g_task_propagate_boolean (G_TASK (result), &error);

  if (written)
    {
      g_autofree char *message = g_strdup_printf ("Exported “%s”", basename);

      cardinal_task_host_add_toast (host, adw_toast_new (message));
    }
  else
    {
      g_autofree char *message = g_strdup_printf ("%s: %s", basename, error->message);

      cardinal_task_host_show_error (host, "Could Not Export Diagram", message);
    }
}

void
cardinal_diagram_export (CardinalTaskHost             *host,
                         GFile                        *file,
                         const CardinalDiagramOptions *options)
{
  ExportData *data;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (options != NULL);

  data = g_new0 (ExportData, 1);
  data->model = cardinal_model_copy (cardinal_history_get_model (cardinal_task_host_get_history (host)));
  data->options = *options;
  data->file = g_object_ref (file);

  cardinal_task_run (host, "Drawing the diagram…", cardinal_diagram_export, "cardinal-export-diagram",
                     data, (GDestroyNotify) export_data_free, export_thread, export_done_cb);
}

void
cardinal_diagram_export_variant (CardinalTaskHost *host,
                                 GVariant         *parameter)
{
  g_autoptr(GVariantDict) dict = NULL;
  g_autoptr(GFile) file = NULL;
  CardinalDiagramOptions options;
  const char *path = NULL, *text = NULL;
  gboolean flag;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (parameter != NULL && g_variant_is_of_type (parameter, G_VARIANT_TYPE_VARDICT));

  dict = g_variant_dict_new (parameter);
  cardinal_diagram_options_init (&options);
  if (!g_variant_dict_lookup (dict, "path", "&s", &path) || *path == '\0')
    {
      cardinal_task_host_show_error (host, "Could Not Export Diagram", "No file was given.");
      return;
    }
  if (g_variant_dict_lookup (dict, "format", "&s", &text))
    cardinal_diagram_format_from_string (text, &options.format);
  else
    cardinal_diagram_format_from_filename (path, &options.format);
  if (g_variant_dict_lookup (dict, "view", "&s", &text))
    cardinal_diagram_view_from_string (text, &options.view);
  if (g_variant_dict_lookup (dict, "layout", "&s", &text))
    cardinal_diagram_layout_from_string (text, &options.layout);
  if (g_variant_dict_lookup (dict, "dialect", "&s", &text))
    cardinal_dialect_from_string (text, &options.dialect);
  if (g_variant_dict_lookup (dict, "include-types", "b", &flag))
    options.include_types = flag;
  if (g_variant_dict_lookup (dict, "relationship-labels", "b", &flag))
    options.relationship_labels = flag;
  g_variant_dict_lookup (dict, "scale", "d", &options.png_scale);
  g_variant_dict_lookup (dict, "max-size", "u", &options.png_max_size);

  file = g_file_new_for_path (path);
  cardinal_diagram_export (host, file, &options);
}

/* The dialog --------------------------------------------------------------- */

static const CardinalDiagramFormat formats[] = {
  CARDINAL_DIAGRAM_FORMAT_SVG,
  CARDINAL_DIAGRAM_FORMAT_PNG,
  CARDINAL_DIAGRAM_FORMAT_PDF,
};

static void
read_options (CardinalDiagramDialog  *self,
              CardinalDiagramOptions *options)
{
  guint format = adw_combo_row_get_selected (self->format_row);

  cardinal_diagram_options_init (options);
  options->format = formats[MIN (format, G_N_ELEMENTS (formats) - 1)];
  options->view = adw_combo_row_get_selected (self->view_row) == 1
                  ? CARDINAL_DIAGRAM_VIEW_PHYSICAL : CARDINAL_DIAGRAM_VIEW_LOGICAL;
  options->layout = adw_combo_row_get_selected (self->layout_row) == 1
                    ? CARDINAL_DIAGRAM_LAYOUT_AUTO : CARDINAL_DIAGRAM_LAYOUT_MANUAL;
  options->include_types = gtk_switch_get_active (self->types_switch);
  options->dialect = adw_combo_row_get_selected (self->dialect_row) == 1
                     ? CARDINAL_DIALECT_SQLITE : CARDINAL_DIALECT_POSTGRESQL;
  options->relationship_labels = gtk_switch_get_active (self->labels_switch);
  options->png_scale = adw_combo_row_get_selected (self->scale_row) + 1;
  options->png_max_size = gtk_switch_get_active (self->fit_switch)
                          ? (guint) gtk_spin_button_get_value_as_int (self->fit_spin) : 0;
}

void
cardinal_diagram_dialog_get_options (CardinalDiagramDialog  *self,
                                     CardinalDiagramOptions *options)
{
  g_return_if_fail (CARDINAL_IS_DIAGRAM_DIALOG (self));
  g_return_if_fail (options != NULL);

  read_options (self, options);
}

static guint
format_index (CardinalDiagramFormat format)
{
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    if (formats[i] == format)
      return i;
  return 0;
}

/* The choices as the dialog last closed, or the defaults (and the canvas's
 * view) the first time. */
static void
restore_choices (CardinalDiagramDialog *self,
                 gboolean               physical)
{
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autoptr(GVariant) remembered_view = NULL;
  CardinalDiagramFormat format;
  CardinalDiagramView view;
  guint max_size;

  adw_combo_row_set_selected (self->view_row, physical ? 1 : 0);
  if (settings == NULL)
    return;

  {
    g_autofree char *name = g_settings_get_string (settings, "diagram-format");

    if (cardinal_diagram_format_from_string (name, &format))
      adw_combo_row_set_selected (self->format_row, format_index (format));
  }
  remembered_view = g_settings_get_user_value (settings, "diagram-view");
  if (remembered_view != NULL
      && cardinal_diagram_view_from_string (g_variant_get_string (remembered_view, NULL), &view))
    adw_combo_row_set_selected (self->view_row, view == CARDINAL_DIAGRAM_VIEW_PHYSICAL ? 1 : 0);
  adw_combo_row_set_selected (self->scale_row, CLAMP (g_settings_get_uint (settings, "diagram-png-scale"), 1, 3) - 1);
  max_size = g_settings_get_uint (settings, "diagram-png-max-size");
  gtk_switch_set_active (self->fit_switch, max_size > 0);
  if (max_size > 0)
    gtk_spin_button_set_value (self->fit_spin, max_size);
}

static void
remember_choices (CardinalDiagramDialog *self)
{
  GSettings *settings = cardinal_application_get_default_settings ();
  CardinalDiagramOptions options;

  if (settings == NULL || self->format_row == NULL)
    return;
  read_options (self, &options);
  g_settings_set_string (settings, "diagram-format", cardinal_diagram_format_to_string (options.format));
  g_settings_set_string (settings, "diagram-view", cardinal_diagram_view_to_string (options.view));
  g_settings_set_uint (settings, "diagram-png-scale", (guint) options.png_scale);
  g_settings_set_uint (settings, "diagram-png-max-size", options.png_max_size);
}

static void
format_changed_cb (CardinalDiagramDialog *self)
{
  gtk_widget_set_visible (self->png_group,
                          formats[MIN (adw_combo_row_get_selected (self->format_row), G_N_ELEMENTS (formats) - 1)]
                          == CARDINAL_DIAGRAM_FORMAT_PNG);
}

static void
chooser_response_cb (GtkNativeDialog       *chooser,
                     int                    response,
                     CardinalDiagramDialog *self)
{
  g_autoptr(GFile) chosen = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) parent = NULL;
  g_autofree char *basename = NULL;
  CardinalDiagramOptions options;
  const char *extension;

  if (self->host == NULL)
    return;
  chosen = cardinal_chooser_dup_file (chooser, response);
  if (chosen == NULL)
    return;

  read_options (self, &options);
  /* A chooser does not add the extension by itself. */
  extension = cardinal_diagram_format_to_string (options.format);
  basename = g_file_get_basename (chosen);
  parent = g_file_get_parent (chosen);
  if (parent != NULL && strchr (basename, '.') == NULL)
    {
      g_autofree char *named = g_strconcat (basename, ".", extension, NULL);

      file = g_file_get_child (parent, named);
    }
  else
    file = g_object_ref (chosen);

  cardinal_diagram_export (self->host, file, &options);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
export_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalDiagramDialog *self = CARDINAL_DIAGRAM_DIALOG (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autoptr(GFile) folder = NULL;
  g_autofree char *stem = NULL;
  g_autofree char *name = NULL;
  g_autofree char *pattern = NULL;
  CardinalDiagramOptions options;
  GtkFileChooserNative *chooser;

  if (self->host == NULL)
    return;
  read_options (self, &options);

  folder = cardinal_task_host_dup_folder (self->host);
  stem = cardinal_task_host_dup_stem (self->host);
  name = g_strdup_printf ("%s-%s.%s", stem, cardinal_diagram_view_to_string (options.view),
                          cardinal_diagram_format_to_string (options.format));
  chooser = cardinal_chooser_new (GTK_WINDOW (self), "Export Diagram",
                                  GTK_FILE_CHOOSER_ACTION_SAVE, "_Export", folder, name);
  pattern = g_strdup_printf ("*.%s", cardinal_diagram_format_to_string (options.format));
  gtk_file_filter_set_name (filter, pattern);
  gtk_file_filter_add_mime_type (filter, cardinal_diagram_format_content_type (options.format));
  gtk_file_filter_add_pattern (filter, pattern);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  cardinal_chooser_show (&self->chooser, chooser, G_CALLBACK (chooser_response_cb), self);
}

static void
cardinal_diagram_dialog_dispose (GObject *object)
{
  CardinalDiagramDialog *self = CARDINAL_DIAGRAM_DIALOG (object);

  /* However it closes: Cancel, Escape or after Export. */
  remember_choices (self);
  cardinal_chooser_clear (&self->chooser, self);
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_DIAGRAM_DIALOG);
  self->format_row = NULL;

  G_OBJECT_CLASS (cardinal_diagram_dialog_parent_class)->dispose (object);
}

static void
cardinal_diagram_dialog_class_init (CardinalDiagramDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_diagram_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-diagram-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, format_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, view_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, layout_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, types_switch);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, dialect_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, labels_switch);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, png_group);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, scale_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, fit_switch);
  gtk_widget_class_bind_template_child (widget_class, CardinalDiagramDialog, fit_spin);

  gtk_widget_class_install_action (widget_class, "diagram.export", NULL, export_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cardinal_diagram_dialog_init (CardinalDiagramDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  g_signal_connect_swapped (self->format_row, "notify::selected", G_CALLBACK (format_changed_cb), self);
  format_changed_cb (self);
}

CardinalDiagramDialog *
cardinal_diagram_dialog_new (CardinalTaskHost *host,
                             gboolean          physical)
{
  CardinalDiagramDialog *self;

  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (host), NULL);

  self = g_object_new (CARDINAL_TYPE_DIAGRAM_DIALOG, "transient-for", host, NULL);
  g_set_weak_pointer (&self->host, host);
  /* The picture of what is on screen, unless a view was chosen here before. */
  restore_choices (self, physical);
  return self;
}
