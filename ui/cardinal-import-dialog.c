/* cardinal-import-dialog.c: importing a database (SQLite file, PostgreSQL, .sql file) as a new, arranged document. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-import-dialog.h"

#include <adwaita.h>
#include <math.h>
#include <string.h>

#include "cardinal-application.h"
#include "cardinal-arrange.h"
#include "cardinal-diagram.h"
#include "cardinal-infer.h"
#include "cardinal-pg.h"
#include "cardinal-validate.h"

struct _CardinalImportDialog
{
  GtkWindow       parent_instance;

  AdwEntryRow    *uri_row;
  AdwEntryRow    *host_row;
  AdwEntryRow    *port_row;
  AdwEntryRow    *database_row;
  AdwEntryRow    *user_row;
  AdwEntryRow    *password_row;
  AdwEntryRow    *schemas_row;
  AdwActionRow   *test_row;
  GtkSpinner     *test_spinner;

  CardinalTaskHost *host;        /* weak */
  GCancellable   *test_cancellable;
};

G_DEFINE_FINAL_TYPE (CardinalImportDialog, cardinal_import_dialog, GTK_TYPE_WINDOW)

/* The import ------------------------------------------------------------------- */

typedef struct
{
  char               *source;
  CardinalDialect      dialect;
  CardinalReflectFlags flags;
  GStrv               schemas;
  char               *password;
  char               *title;
  CardinalModel      *model;
  GPtrArray          *notes;        /* char *: what was skipped, renamed, approximated, guessed */
  guint               n_tables;
} ImportData;

static void
wipe_password (char **password)
{
  /* Gone from memory as soon as the connection no longer needs it. */
  if (*password != NULL)
    memset (*password, 0, strlen (*password));
  g_clear_pointer (password, g_free);
}

static void
import_data_free (ImportData *data)
{
  g_free (data->source);
  g_strfreev (data->schemas);
  wipe_password (&data->password);
  g_free (data->title);
  g_clear_pointer (&data->model, cardinal_model_free);
  g_clear_pointer (&data->notes, g_ptr_array_unref);
  g_free (data);
}

static gboolean
is_postgresql_source (const char *source)
{
  return g_str_has_prefix (source, "postgresql://") || g_str_has_prefix (source, "postgres://") ||
         (strchr (source, '=') != NULL && !g_file_test (source, G_FILE_TEST_EXISTS));
}

/* The file name without folder and extension, or the database's name. */
static char *
title_for (const char           *source,
           const CardinalSchema *schema)
{
  g_autofree char *base = NULL;
  char *dot;

  if (is_postgresql_source (source))
    return g_strdup (schema->name != NULL && *schema->name != '\0' ? schema->name : "imported");
  base = g_path_get_basename (source);
  dot = strrchr (base, '.');
  if (dot != NULL && dot != base)
    *dot = '\0';
  return g_steal_pointer (&base);
}

/* Only when Graphviz fails: boxes in rows, never on top of each other. */
static void
place_in_grid (CardinalModel *model)
{
  guint n = model->entities->len;
  guint columns = MAX (1u, (guint) ceil (sqrt (n)));
  double y = 40.0, row_height = 0.0;

  for (guint i = 0; i < n; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (i > 0 && i % columns == 0)
        {
          y += row_height + 60.0;
          row_height = 0.0;
        }
      entity->x = 40.0 + (i % columns) * 340.0;
      entity->y = y;
      row_height = MAX (row_height, 40.0 + 24.0 * entity->attributes->len);
    }
}

static void
import_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  ImportData *data = task_data;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(GPtrArray) diagnostics = NULL;
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GError) layout_error = NULL;
  GError *error = NULL;

  schema = cardinal_reflect_source_full (data->source, data->dialect, data->flags,
                                         (const char * const *) data->schemas, data->password,
                                         &notes, cancellable, &error);
  wipe_password (&data->password);
  if (schema == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  data->n_tables = schema->tables->len;
  data->title = title_for (data->source, schema);
  data->model = cardinal_infer (schema, data->title, &diagnostics);
  data->notes = notes != NULL ? g_steal_pointer (&notes) : g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; diagnostics != NULL && i < diagnostics->len; i++)
    g_ptr_array_add (data->notes, cardinal_diagnostic_format (g_ptr_array_index (diagnostics, i), NULL));

  if (g_cancellable_set_error_if_cancelled (cancellable, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  positions = cardinal_diagram_layout_positions (data->model, NULL, cancellable, &layout_error);
  if (positions != NULL)
    cardinal_arrange_apply_positions (data->model, positions);
  else if (g_error_matches (layout_error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    {
      g_task_return_error (task, g_steal_pointer (&layout_error));
      return;
    }
  else
    {
      g_ptr_array_add (data->notes, g_strdup_printf ("Graphviz could not arrange the diagram (%s); "
                                                     "the boxes are in a plain grid.",
                                                     layout_error->message));
      place_in_grid (data->model);
    }
  g_task_return_boolean (task, TRUE);
}

static void
show_notes (CardinalTaskHost *host,
            GPtrArray        *notes)
{
  g_autoptr(GString) text = g_string_new (NULL);
  AdwMessageDialog *dialog;
  GtkWidget *scroller, *label;

  for (guint i = 0; i < notes->len; i++)
    g_string_append_printf (text, "%s• %s", i > 0 ? "\n" : "", (const char *) g_ptr_array_index (notes, i));

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (host), "Import Notes",
                                                       "What the import skipped, renamed or could not recognise"));
  label = gtk_label_new (text->str);
  gtk_label_set_wrap (GTK_LABEL (label), TRUE);
  gtk_label_set_selectable (GTK_LABEL (label), TRUE);
  gtk_label_set_xalign (GTK_LABEL (label), 0.0);
  scroller = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (scroller), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_max_content_height (GTK_SCROLLED_WINDOW (scroller), 360);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (scroller), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scroller), label);
  adw_message_dialog_set_extra_child (dialog, scroller);
  adw_message_dialog_add_response (dialog, "close", "_Close");
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
notes_clicked_cb (AdwToast       *toast,
                  CardinalTaskHost *host)
{
  show_notes (host, g_object_get_data (G_OBJECT (toast), "notes"));
}

static void
import_done_cb (CardinalTaskHost *host,
                GTask            *result)
{
  ImportData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GError) error = NULL;
  gboolean imported = g_task_propagate_boolean (G_TASK (result), &error);
  CardinalTaskHost *target;
  g_autofree char *message = NULL;
  AdwToast *toast;

  if (!imported)
    {
      cardinal_task_host_show_error (host, "Could Not Import", error->message);
      return;
    }

  /* A new document; an empty, untouched window is used for it, as Open does. */
  target = cardinal_task_host_open_draft (host, g_steal_pointer (&data->model), data->title, data->notes);

  if (data->notes->len == 0)
    message = g_strdup_printf ("Imported %u table%s", data->n_tables, data->n_tables == 1 ? "" : "s");
  else
    message = g_strdup_printf ("Imported %u table%s, %u note%s", data->n_tables, data->n_tables == 1 ? "" : "s",
                               data->notes->len, data->notes->len == 1 ? "" : "s");
  toast = adw_toast_new (message);
  if (data->notes->len > 0)
    {
      adw_toast_set_button_label (toast, "_Details");
      adw_toast_set_timeout (toast, 10);
      g_object_set_data_full (G_OBJECT (toast), "notes", g_ptr_array_ref (data->notes),
                              (GDestroyNotify) g_ptr_array_unref);
      g_signal_connect_object (toast, "button-clicked", G_CALLBACK (notes_clicked_cb), target, 0);
    }
  cardinal_task_host_add_toast (target, toast);
}

void
cardinal_import_start (CardinalTaskHost   *host,
                       const char         *source,
                       CardinalDialect      dialect,
                       CardinalReflectFlags flags,
                       const char * const *schemas,
                       const char         *password)
{
  g_autofree char *label = NULL;
  ImportData *data;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));
  g_return_if_fail (source != NULL);

  data = g_new0 (ImportData, 1);
  data->source = g_strdup (source);
  data->dialect = dialect;
  data->flags = flags;
  data->schemas = schemas != NULL && schemas[0] != NULL ? g_strdupv ((char **) schemas) : NULL;
  data->password = g_strdup (password);

  if (is_postgresql_source (source))
    label = g_strdup ("Importing from PostgreSQL…");
  else
    {
      g_autofree char *basename = g_path_get_basename (source);

      label = g_strdup_printf ("Importing “%s”…", basename);
    }
  cardinal_task_run (host, label, cardinal_import_start, "cardinal-import",
                     data, (GDestroyNotify) import_data_free, import_thread, import_done_cb);
}

/* Files ------------------------------------------------------------------------ */

static void
file_chooser_response_cb (GtkNativeDialog *chooser,
                          int              response,
                          CardinalTaskHost  *host)
{
  g_autoptr(GFile) file = NULL;
  g_autofree char *path = NULL;
  CardinalDialect dialect = CARDINAL_DIALECT_POSTGRESQL;
  CardinalReflectFlags flags = CARDINAL_REFLECT_FLAGS_NONE;
  const char *choice;

  if (response != GTK_RESPONSE_ACCEPT)
    return;
  file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));
  path = file != NULL ? g_file_get_path (file) : NULL;
  if (path == NULL)
    return;

  choice = gtk_file_chooser_get_choice (GTK_FILE_CHOOSER (chooser), "dialect");
  if (choice != NULL && cardinal_application_get_default_settings () != NULL)
    g_settings_set_string (cardinal_application_get_default_settings (), "import-dialect", choice);
  /* "detect" (and no choice at all) tells a .sql file's dialect from its text. */
  if (g_strcmp0 (choice, "sqlite") == 0)
    dialect = CARDINAL_DIALECT_SQLITE;
  else if (g_strcmp0 (choice, "postgresql") != 0)
    flags = CARDINAL_REFLECT_DETECT_DIALECT;
  cardinal_import_start (host, path, dialect, flags, NULL, NULL);
}

static void
destroy_chooser (gpointer chooser)
{
  gtk_native_dialog_destroy (chooser);
  g_object_unref (chooser);
}

static void
add_filter (GtkFileChooser     *chooser,
            const char         *name,
            const char * const *patterns)
{
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; patterns[i] != NULL; i++)
    gtk_file_filter_add_pattern (filter, patterns[i]);
  gtk_file_chooser_add_filter (chooser, filter);
}

void
cardinal_import_choose_file (CardinalTaskHost *host,
                             gboolean          sql)
{
  static const char *sqlite_patterns[] = { "*.db", "*.sqlite", "*.sqlite3", "*.db3", NULL };
  static const char *sql_patterns[] = { "*.sql", NULL };
  static const char *all_patterns[] = { "*", NULL };
  static const char *dialect_ids[] = { "detect", "sqlite", "postgresql", NULL };
  static const char *dialect_labels[] = { "Detect", "SQLite", "PostgreSQL", NULL };
  g_autoptr(GFile) folder = NULL;
  GtkFileChooserNative *chooser;

  g_return_if_fail (CARDINAL_IS_TASK_HOST (host));

  chooser = gtk_file_chooser_native_new (sql ? "Import from SQL File" : "Import from SQLite File",
                                         GTK_WINDOW (host), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         "_Import", "_Cancel");
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  if (sql)
    {
      GSettings *settings = cardinal_application_get_default_settings ();
      g_autofree char *last = settings != NULL ? g_settings_get_string (settings, "import-dialect") : NULL;

      add_filter (GTK_FILE_CHOOSER (chooser), "SQL Files", sql_patterns);
      /* The dialect chosen last time comes first again. */
      gtk_file_chooser_add_choice (GTK_FILE_CHOOSER (chooser), "dialect", "Dialect",
                                   dialect_ids, dialect_labels);

      gtk_file_chooser_set_choice (GTK_FILE_CHOOSER (chooser), "dialect", last != NULL ? last : "detect");
    }
  else
    add_filter (GTK_FILE_CHOOSER (chooser), "SQLite Databases", sqlite_patterns);
  add_filter (GTK_FILE_CHOOSER (chooser), "All Files", all_patterns);
  folder = cardinal_task_host_dup_folder (host);
  gtk_file_chooser_set_current_folder (GTK_FILE_CHOOSER (chooser), folder, NULL);

  g_signal_connect_object (chooser, "response", G_CALLBACK (file_chooser_response_cb), host, 0);
  /* The window keeps the chooser until the next one (or until it goes). */
  g_object_set_data_full (G_OBJECT (host), "cardinal-import-chooser", chooser, destroy_chooser);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

/* The PostgreSQL dialog ------------------------------------------------------------ */

/* A conninfo value in single quotes, as libpq reads them. */
static void
append_conninfo (GString    *conninfo,
                 const char *keyword,
                 const char *value)
{
  if (value == NULL || *value == '\0')
    return;
  if (conninfo->len > 0)
    g_string_append_c (conninfo, ' ');
  g_string_append_printf (conninfo, "%s='", keyword);
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '\'' || *p == '\\')
        g_string_append_c (conninfo, '\\');
      g_string_append_c (conninfo, *p);
    }
  g_string_append_c (conninfo, '\'');
}

char *
cardinal_import_dialog_get_conninfo (CardinalImportDialog *self)
{
  g_autofree char *uri = NULL;
  GString *conninfo;

  g_return_val_if_fail (CARDINAL_IS_IMPORT_DIALOG (self), NULL);

  uri = g_strstrip (g_strdup (gtk_editable_get_text (GTK_EDITABLE (self->uri_row))));
  if (*uri != '\0')
    return g_steal_pointer (&uri);

  conninfo = g_string_new (NULL);
  append_conninfo (conninfo, "host", gtk_editable_get_text (GTK_EDITABLE (self->host_row)));
  append_conninfo (conninfo, "port", gtk_editable_get_text (GTK_EDITABLE (self->port_row)));
  append_conninfo (conninfo, "dbname", gtk_editable_get_text (GTK_EDITABLE (self->database_row)));
  append_conninfo (conninfo, "user", gtk_editable_get_text (GTK_EDITABLE (self->user_row)));
  /* Nothing given: libpq's defaults, spelled so that it reads as PostgreSQL. */
  if (conninfo->len == 0)
    g_string_append (conninfo, "postgresql://");
  return g_string_free (conninfo, FALSE);
}

static const char *
get_password (CardinalImportDialog *self)
{
  const char *password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));

  return *password != '\0' ? password : NULL;
}

static void
fields_changed_cb (CardinalImportDialog *self)
{
  gboolean by_uri = *gtk_editable_get_text (GTK_EDITABLE (self->uri_row)) != '\0';

  gtk_widget_set_sensitive (GTK_WIDGET (self->host_row), !by_uri);
  gtk_widget_set_sensitive (GTK_WIDGET (self->port_row), !by_uri);
  gtk_widget_set_sensitive (GTK_WIDGET (self->database_row), !by_uri);
  gtk_widget_set_sensitive (GTK_WIDGET (self->user_row), !by_uri);
  /* An old verdict would be about other settings. */
  if (self->test_cancellable == NULL)
    {
      adw_action_row_set_subtitle (self->test_row, "Connects and disconnects; reads nothing");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "error");
      gtk_widget_remove_css_class (GTK_WIDGET (self->test_row), "success");
    }
}

typedef struct
{
  char *conninfo;
  char *password;
} TestData;

static void
test_data_free (TestData *data)
{
  g_free (data->conninfo);
  wipe_password (&data->password);
  g_free (data);
}

static void
test_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  TestData *data = task_data;
  GError *error = NULL;
  PGconn *conn = cardinal_pg_connect (data->conninfo, data->password, &error);

  if (conn == NULL)
    g_task_return_error (task, error);
  else
    {
      int version = PQserverVersion (conn);

      g_task_return_pointer (task,
                             g_strdup_printf ("Connected to database “%s” as “%s” (PostgreSQL %d.%d)",
                                              PQdb (conn), PQuser (conn), version / 10000, version % 10000),
                             g_free);
      PQfinish (conn);
    }
}

static void
test_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(GCancellable) cancellable = user_data;
  CardinalImportDialog *self = g_object_get_data (G_OBJECT (cancellable), "cardinal-import-dialog");
  g_autoptr(GError) error = NULL;
  g_autofree char *verdict = g_task_propagate_pointer (G_TASK (result), &error);

  if (self == NULL || g_cancellable_is_cancelled (cancellable))
    return;
  g_clear_object (&self->test_cancellable);
  gtk_spinner_stop (self->test_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "import.test", TRUE);
  adw_action_row_set_subtitle (self->test_row, verdict != NULL ? verdict : error->message);
  gtk_widget_add_css_class (GTK_WIDGET (self->test_row), verdict != NULL ? "success" : "error");
}

static void
test_activated (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  CardinalImportDialog *self = CARDINAL_IMPORT_DIALOG (widget);
  g_autoptr(GTask) task = NULL;
  TestData *data = g_new0 (TestData, 1);

  data->conninfo = cardinal_import_dialog_get_conninfo (self);
  data->password = g_strdup (get_password (self));

  fields_changed_cb (self);
  self->test_cancellable = g_cancellable_new ();
  g_object_set_data (G_OBJECT (self->test_cancellable), "cardinal-import-dialog", self);
  adw_action_row_set_subtitle (self->test_row, "Connecting…");
  gtk_spinner_start (self->test_spinner);
  gtk_widget_action_set_enabled (widget, "import.test", FALSE);

  task = g_task_new (NULL, self->test_cancellable, test_done_cb, g_object_ref (self->test_cancellable));
  g_task_set_source_tag (task, test_activated);
  g_task_set_name (task, "cardinal-test-connection");
  g_task_set_task_data (task, data, (GDestroyNotify) test_data_free);
  g_task_run_in_thread (task, test_thread);
}

static void
import_activated (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  CardinalImportDialog *self = CARDINAL_IMPORT_DIALOG (widget);
  g_autofree char *conninfo = cardinal_import_dialog_get_conninfo (self);
  g_auto(GStrv) parts = g_strsplit (gtk_editable_get_text (GTK_EDITABLE (self->schemas_row)), ",", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) schemas = NULL;

  if (self->host == NULL)
    return;
  for (guint i = 0; parts[i] != NULL; i++)
    {
      g_strstrip (parts[i]);
      if (*parts[i] != '\0')
        g_strv_builder_add (builder, parts[i]);
    }
  schemas = g_strv_builder_end (builder);

  cardinal_import_start (self->host, conninfo, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_FLAGS_NONE,
                         (const char * const *) schemas, get_password (self));
  gtk_window_destroy (GTK_WINDOW (self));
}

/* The connection without its password: the password row is never kept, and
 * one typed into a URI or conninfo is left out. */
static void
remember_connection (CardinalImportDialog *self)
{
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autofree char *conninfo = NULL;
  g_autofree char *kept = NULL;

  if (settings == NULL || self->uri_row == NULL)
    return;
  conninfo = cardinal_import_dialog_get_conninfo (self);
  if (g_str_equal (conninfo, "postgresql://"))
    kept = g_strdup ("");
  else
    kept = cardinal_pg_conninfo_without_password (conninfo);
  /* One libpq can't read is not worth offering again. */
  if (kept != NULL)
    g_settings_set_string (settings, "import-connection", kept);
}

/* Back into the fields it came from when it has only host, port, database
 * and user; otherwise whole into the URI row, which takes a conninfo too. */
static void
restore_connection (CardinalImportDialog *self)
{
  static const char *const fields[] = { "host", "port", "dbname", "user" };
  GSettings *settings = cardinal_application_get_default_settings ();
  g_autofree char *conninfo = settings != NULL ? g_settings_get_string (settings, "import-connection") : NULL;
  PQconninfoOption *options;
  const char *values[G_N_ELEMENTS (fields)] = { NULL };
  gboolean only_fields = TRUE;

  if (conninfo == NULL || *conninfo == '\0')
    return;
  options = g_str_has_prefix (conninfo, "postgres") ? NULL : PQconninfoParse (conninfo, NULL);
  if (options == NULL)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->uri_row), conninfo);
      return;
    }
  for (PQconninfoOption *option = options; option->keyword != NULL; option++)
    {
      gboolean known = FALSE;

      if (option->val == NULL)
        continue;
      for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
        if (g_str_equal (option->keyword, fields[i]))
          {
            values[i] = option->val;
            known = TRUE;
          }
      only_fields = only_fields && known;
    }
  if (only_fields)
    {
      gtk_editable_set_text (GTK_EDITABLE (self->host_row), values[0] != NULL ? values[0] : "");
      gtk_editable_set_text (GTK_EDITABLE (self->port_row), values[1] != NULL ? values[1] : "");
      gtk_editable_set_text (GTK_EDITABLE (self->database_row), values[2] != NULL ? values[2] : "");
      gtk_editable_set_text (GTK_EDITABLE (self->user_row), values[3] != NULL ? values[3] : "");
    }
  else
    gtk_editable_set_text (GTK_EDITABLE (self->uri_row), conninfo);
  PQconninfoFree (options);
}

static void
cardinal_import_dialog_dispose (GObject *object)
{
  CardinalImportDialog *self = CARDINAL_IMPORT_DIALOG (object);

  /* However it closes: Cancel, Escape or after Import. */
  remember_connection (self);

  if (self->test_cancellable != NULL)
    {
      g_object_set_data (G_OBJECT (self->test_cancellable), "cardinal-import-dialog", NULL);
      g_cancellable_cancel (self->test_cancellable);
      g_clear_object (&self->test_cancellable);
    }
  g_clear_weak_pointer (&self->host);
  gtk_widget_dispose_template (GTK_WIDGET (self), CARDINAL_TYPE_IMPORT_DIALOG);

  G_OBJECT_CLASS (cardinal_import_dialog_parent_class)->dispose (object);
}

static void
cardinal_import_dialog_class_init (CardinalImportDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_import_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, "/app/cardinal/Designer/cardinal-import-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, uri_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, host_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, port_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, database_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, user_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, schemas_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, test_row);
  gtk_widget_class_bind_template_child (widget_class, CardinalImportDialog, test_spinner);
  gtk_widget_class_bind_template_callback (widget_class, fields_changed_cb);

  gtk_widget_class_install_action (widget_class, "import.test", NULL, test_activated);
  gtk_widget_class_install_action (widget_class, "import.import", NULL, import_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
cardinal_import_dialog_init (CardinalImportDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

CardinalImportDialog *
cardinal_import_dialog_new (CardinalTaskHost *host)
{
  CardinalImportDialog *self;

  g_return_val_if_fail (CARDINAL_IS_TASK_HOST (host), NULL);

  self = g_object_new (CARDINAL_TYPE_IMPORT_DIALOG, "transient-for", host, NULL);
  g_set_weak_pointer (&self->host, host);
  restore_connection (self);
  return self;
}
