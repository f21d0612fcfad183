/* cardinal-application.c: the GtkApplication: windows per document, app-wide actions, settings, crash recovery. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-application.h"

#include <errno.h>
#include <string.h>
#include <json-glib/json-glib.h>
#include <signal.h>
#include <unistd.h>

#include "cardinal-canvas-benchmark.h"
#include "cardinal-file.h"
#include "cardinal-window.h"

struct _CardinalApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  char           *benchmark_path;   /* --benchmark-canvas FILE */
  int             exit_status;
  gboolean        recovery_offered;
};

G_DEFINE_FINAL_TYPE (CardinalApplication, cardinal_application, ADW_TYPE_APPLICATION)

/* A recovery file left behind, and the document it stands for. */
typedef struct
{
  GFile *recovery;
  GFile *sidecar;
  GFile *original;   /* NULL: an untitled document */
  char  *title;
} Recovery;

static void
recovery_free (Recovery *recovery)
{
  g_clear_object (&recovery->recovery);
  g_clear_object (&recovery->sidecar);
  g_clear_object (&recovery->original);
  g_free (recovery->title);
  g_free (recovery);
}

static const GOptionEntry option_entries[] = {
  { "benchmark-canvas", 0, 0, G_OPTION_ARG_FILENAME, NULL,
    "Time a scripted pan and zoom sweep over FILE in a 1920×1080 window, print the frame times and exit", "FILE" },
  { "version", 0, 0, G_OPTION_ARG_NONE, NULL, "Print the version and exit", NULL },
  { NULL }
};

/* The schema is looked up rather than assumed, so that the program also runs
 * from the build tree; there the schema compiled beside the executable's
 * build directory is used. */
static GSettings *
create_settings (void)
{
  GSettingsSchemaSource *source = g_settings_schema_source_get_default ();
  g_autoptr(GSettingsSchema) schema = NULL;

  if (source != NULL)
    schema = g_settings_schema_source_lookup (source, CARDINAL_APPLICATION_ID, TRUE);

  if (schema == NULL)
    {
      g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
      g_autofree char *exe_dir = exe ? g_path_get_dirname (exe) : NULL;
      g_autofree char *dir = exe_dir ? g_build_filename (exe_dir, "..", "data", NULL) : NULL;
      g_autofree char *compiled = dir ? g_build_filename (dir, "gschemas.compiled", NULL) : NULL;

      if (compiled != NULL && g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
        {
          g_autoptr(GSettingsSchemaSource) build_source =
            g_settings_schema_source_new_from_directory (dir, source, FALSE, NULL);

          if (build_source != NULL)
            schema = g_settings_schema_source_lookup (build_source, CARDINAL_APPLICATION_ID, FALSE);
        }
    }

  if (schema == NULL)
    {
      g_debug ("GSettings schema %s not found: preferences are not kept", CARDINAL_APPLICATION_ID);
      return NULL;
    }
  return g_settings_new_full (schema, NULL, NULL);
}

char *
cardinal_application_get_recovery_dir (void)
{
  return g_build_filename (g_get_user_state_dir (), "cardinal", "recovery", NULL);
}

/* Another Cardinal that is still running owns its recovery files. */
static gboolean
process_is_alive (gint64 pid)
{
  if (pid <= 0 || pid == (gint64) getpid ())
    return FALSE;
  return kill ((pid_t) pid, 0) == 0 || errno == EPERM;
}

static Recovery *
read_sidecar (GFile *sidecar)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autofree char *path = g_file_get_path (sidecar);
  g_autofree char *stem = NULL;
  g_autofree char *recovery_path = NULL;
  Recovery *recovery;
  JsonObject *object;
  JsonNode *root;

  if (path == NULL || !json_parser_load_from_file (parser, path, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  object = json_node_get_object (root);
  if (process_is_alive (json_object_get_int_member_with_default (object, "pid", 0)))
    return NULL;

  stem = g_strndup (path, strlen (path) - strlen (".json"));
  recovery_path = g_strconcat (stem, ".cardinal", NULL);

  recovery = g_new0 (Recovery, 1);
  recovery->sidecar = g_object_ref (sidecar);
  recovery->recovery = g_file_new_for_path (recovery_path);
  if (json_object_get_string_member_with_default (object, "file", NULL) != NULL)
    recovery->original = g_file_new_for_uri (json_object_get_string_member (object, "file"));
  recovery->title = g_strdup (json_object_get_string_member_with_default (object, "title", "Untitled Design"));
  return recovery;
}

/* The recovery files whose process is gone, oldest name first. */
static GPtrArray *
find_recoveries (void)
{
  g_autofree char *dir_path = cardinal_application_get_recovery_dir ();
  g_autoptr(GFile) dir = g_file_new_for_path (dir_path);
  g_autoptr(GFileEnumerator) children = NULL;
  GPtrArray *found = g_ptr_array_new_with_free_func ((GDestroyNotify) recovery_free);

  /* Each process writes its copies under new names, so what a killed write
   * left is tidied here, not by a later write of the same name. */
  cardinal_file_remove_stale_writes (dir_path);
  children = g_file_enumerate_children (dir, G_FILE_ATTRIBUTE_STANDARD_NAME,
                                        G_FILE_QUERY_INFO_NONE, NULL, NULL);
  while (children != NULL)
    {
      GFileInfo *info = NULL;
      GFile *child = NULL;
      Recovery *recovery;

      if (!g_file_enumerator_iterate (children, &info, &child, NULL, NULL) || info == NULL)
        break;
      if (!g_str_has_suffix (g_file_info_get_name (info), ".json"))
        continue;

      recovery = read_sidecar (child);
      if (recovery == NULL)
        continue;
      if (!g_file_query_exists (recovery->recovery, NULL))
        {
          /* A sidecar without its document saves nothing: tidy it away. */
          g_file_delete (recovery->sidecar, NULL, NULL);
          recovery_free (recovery);
          continue;
        }
      g_ptr_array_add (found, recovery);
    }
  return found;
}

static CardinalWindow *
find_window_for_file (CardinalApplication *self,
                      GFile               *file)
{
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      GFile *window_file;

      if (!CARDINAL_IS_WINDOW (l->data))
        continue;
      window_file = cardinal_window_get_file (l->data);
      if (window_file != NULL && g_file_equal (window_file, file))
        return l->data;
    }
  return NULL;
}

/* A window the next document can use: @preferred when nothing is in it yet. */
static CardinalWindow *
window_for_document (CardinalApplication *self,
                     GtkWindow           *preferred)
{
  CardinalWindow *window;

  if (CARDINAL_IS_WINDOW (preferred) && cardinal_window_is_pristine (CARDINAL_WINDOW (preferred)))
    return CARDINAL_WINDOW (preferred);
  window = cardinal_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
  return window;
}

static void
recover_all (CardinalApplication *self,
             GtkWindow           *parent,
             GPtrArray           *recoveries)
{
  for (guint i = 0; i < recoveries->len; i++)
    {
      Recovery *recovery = g_ptr_array_index (recoveries, i);
      g_autoptr(GError) error = NULL;
      CardinalWindow *window = NULL;

      /* Opening a file after a crash, then recovering it, should land in
       * the window already showing its last saved state. */
      if (recovery->original != NULL)
        {
          window = find_window_for_file (self, recovery->original);
          if (window != NULL && cardinal_window_get_modified (window))
            window = NULL;
        }
      if (window == NULL)
        window = window_for_document (self, parent);
      parent = GTK_WINDOW (window);

      if (!cardinal_window_recover (window, recovery->recovery, recovery->original, &error))
        {
          AdwMessageDialog *dialog = ADW_MESSAGE_DIALOG (
            adw_message_dialog_new (GTK_WINDOW (window), "Could Not Recover Design", error->message));

          adw_message_dialog_add_response (dialog, "close", "_Close");
          gtk_window_present (GTK_WINDOW (dialog));
        }
      gtk_window_present (GTK_WINDOW (window));
    }
}

static void
recovery_response_cb (AdwMessageDialog    *dialog,
                      const char          *response,
                      CardinalApplication *self)
{
  GPtrArray *recoveries = g_object_get_data (G_OBJECT (dialog), "recoveries");
  GtkWindow *parent = gtk_window_get_transient_for (GTK_WINDOW (dialog));

  if (g_str_equal (response, "recover"))
    recover_all (self, parent, recoveries);
  else if (g_str_equal (response, "discard"))
    {
      for (guint i = 0; i < recoveries->len; i++)
        {
          Recovery *recovery = g_ptr_array_index (recoveries, i);

          g_file_delete (recovery->recovery, NULL, NULL);
          g_file_delete (recovery->sidecar, NULL, NULL);
        }
    }
  /* "later": the files stay for the next start. */
}

void
cardinal_application_offer_recovery (CardinalApplication *self,
                                     GtkWindow           *parent)
{
  g_autoptr(GPtrArray) recoveries = NULL;
  g_autoptr(GString) body = NULL;
  AdwMessageDialog *dialog;

  g_return_if_fail (CARDINAL_IS_APPLICATION (self));

  if (self->recovery_offered)
    return;
  self->recovery_offered = TRUE;

  recoveries = find_recoveries ();
  if (recoveries->len == 0)
    return;

  body = g_string_new (recoveries->len == 1
                       ? "Cardinal closed before this design was saved:\n"
                       : "Cardinal closed before these designs were saved:\n");
  for (guint i = 0; i < recoveries->len; i++)
    {
      Recovery *recovery = g_ptr_array_index (recoveries, i);

      g_string_append_printf (body, "\n• %s", recovery->title);
    }

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent, "Recover Unsaved Designs?", body->str));
  adw_message_dialog_add_responses (dialog,
                                    "later", "_Not Now",
                                    "discard", "_Discard",
                                    "recover", "_Recover",
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_response_appearance (dialog, "recover", ADW_RESPONSE_SUGGESTED);
  adw_message_dialog_set_default_response (dialog, "recover");
  adw_message_dialog_set_close_response (dialog, "later");
  g_object_set_data_full (G_OBJECT (dialog), "recoveries",
                          g_steal_pointer (&recoveries), (GDestroyNotify) g_ptr_array_unref);
  g_signal_connect_object (dialog, "response", G_CALLBACK (recovery_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* Actions ---------------------------------------------------------------- */

static void
quit_activated (GSimpleAction *action,
                GVariant      *parameter,
                gpointer       user_data)
{
  CardinalApplication *self = user_data;
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  /* Closing changes the list being walked: take the windows first. Each
   * window with unsaved changes asks on its own; the application ends when
   * the last window is gone. */
  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    g_ptr_array_add (windows, g_object_ref (l->data));
  for (guint i = 0; i < windows->len; i++)
    gtk_window_close (g_ptr_array_index (windows, i));
}

static gboolean
dialect_get_mapping (GValue   *value,
                     GVariant *variant,
                     gpointer  user_data)
{
  g_value_set_uint (value, g_str_equal (g_variant_get_string (variant, NULL), "sqlite") ? 0 : 1);
  return TRUE;
}

static GVariant *
dialect_set_mapping (const GValue       *value,
                     const GVariantType *expected_type,
                     gpointer            user_data)
{
  return g_variant_new_string (g_value_get_uint (value) == 0 ? "sqlite" : "postgresql");
}

static void
preferences_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  CardinalApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = NULL;
  GtkWindow *window;

  if (self->settings == NULL)
    return;

  builder = gtk_builder_new_from_resource ("/app/cardinal/Designer/cardinal-preferences.ui");
  window = GTK_WINDOW (gtk_builder_get_object (builder, "preferences_window"));
  g_settings_bind_with_mapping (self->settings, "default-dialect",
                                gtk_builder_get_object (builder, "dialect_row"), "selected",
                                G_SETTINGS_BIND_DEFAULT,
                                dialect_get_mapping, dialect_set_mapping, NULL, NULL);
  g_settings_bind (self->settings, "snap-to-grid",
                   gtk_builder_get_object (builder, "snap_switch"), "active",
                   G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "autosave-seconds",
                   gtk_builder_get_object (builder, "autosave_adjustment"), "value",
                   G_SETTINGS_BIND_DEFAULT);
  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static void
shortcuts_activated (GSimpleAction *action,
                     GVariant      *parameter,
                     gpointer       user_data)
{
  CardinalApplication *self = user_data;
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/app/cardinal/Designer/cardinal-shortcuts.ui");
  GtkWindow *window = GTK_WINDOW (gtk_builder_get_object (builder, "shortcuts_window"));

  gtk_window_set_transient_for (window, gtk_application_get_active_window (GTK_APPLICATION (self)));
  gtk_window_set_application (window, GTK_APPLICATION (self));
  gtk_window_present (window);
}

static void
about_activated (GSimpleAction *action,
                 GVariant      *parameter,
                 gpointer       user_data)
{
  CardinalApplication *self = user_data;
  const char *developers[] = { "The Cardinal developers", NULL };
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", gtk_application_get_active_window (GTK_APPLICATION (self)),
                        "application-name", "Cardinal",
                        "application-icon", CARDINAL_APPLICATION_ID,
                        "developer-name", "The Cardinal developers",
                        "version", CARDINAL_VERSION,
                        "comments", "Design database schemas by drawing entities and answering two "
                                    "questions about each relationship; get SQL for SQLite and PostgreSQL.",
                        "copyright", "© 2026 The Cardinal developers",
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "developers", developers,
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_activated, NULL, NULL, NULL },
  { "preferences", preferences_activated, NULL, NULL, NULL },
  { "shortcuts", shortcuts_activated, NULL, NULL, NULL },
  { "about", about_activated, NULL, NULL, NULL },
};

/* GApplication ----------------------------------------------------------- */

static int
cardinal_application_handle_local_options (GApplication *application,
                                           GVariantDict *options)
{
  CardinalApplication *self = CARDINAL_APPLICATION (application);

  if (g_variant_dict_contains (options, "version"))
    {
      g_print ("cardinal %s\n", CARDINAL_VERSION);
      return 0;
    }

  if (g_variant_dict_lookup (options, "benchmark-canvas", "^ay", &self->benchmark_path))
    {
      /* A measurement runs in this process, never in an instance already open. */
      g_application_set_flags (application,
                               g_application_get_flags (application) | G_APPLICATION_NON_UNIQUE);
    }
  return -1;
}

static void
cardinal_application_startup (GApplication *application)
{
  CardinalApplication *self = CARDINAL_APPLICATION (application);
  const char *quit_accels[] = { "<Control>q", NULL };
  const char *shortcuts_accels[] = { "<Control>question", NULL };
  const char *preferences_accels[] = { "<Control>comma", NULL };

  G_APPLICATION_CLASS (cardinal_application_parent_class)->startup (application);

  g_set_application_name ("Cardinal");
  gtk_window_set_default_icon_name (CARDINAL_APPLICATION_ID);

  self->settings = create_settings ();

  g_action_map_add_action_entries (G_ACTION_MAP (self), app_actions, G_N_ELEMENTS (app_actions), self);
  if (self->settings == NULL)
    g_simple_action_set_enabled (G_SIMPLE_ACTION (g_action_map_lookup_action (G_ACTION_MAP (self), "preferences")),
                                 FALSE);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.quit", quit_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.shortcuts", shortcuts_accels);
  gtk_application_set_accels_for_action (GTK_APPLICATION (self), "app.preferences", preferences_accels);
}

static void
cardinal_application_activate (GApplication *application)
{
  CardinalApplication *self = CARDINAL_APPLICATION (application);
  CardinalWindow *window;

  if (self->benchmark_path != NULL)
    {
      g_autoptr(GFile) file = g_file_new_for_commandline_arg (self->benchmark_path);

      self->exit_status = cardinal_canvas_benchmark_run (GTK_APPLICATION (self), file);
      if (self->exit_status != 0)
        g_application_quit (application);
      return;
    }

  window = cardinal_window_new (GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (window));
  cardinal_application_offer_recovery (self, GTK_WINDOW (window));
}

static void
cardinal_application_open (GApplication  *application,
                           GFile        **files,
                           int            n_files,
                           const char    *hint)
{
  CardinalApplication *self = CARDINAL_APPLICATION (application);
  GtkWindow *last = gtk_application_get_active_window (GTK_APPLICATION (self));

  if (self->benchmark_path != NULL)
    {
      cardinal_application_activate (application);
      return;
    }

  for (int i = 0; i < n_files; i++)
    {
      CardinalWindow *window = find_window_for_file (self, files[i]);

      if (window == NULL)
        {
          window = window_for_document (self, last);
          cardinal_window_open_file (window, files[i]);
        }
      gtk_window_present (GTK_WINDOW (window));
      last = GTK_WINDOW (window);
    }

  if (last != NULL)
    cardinal_application_offer_recovery (self, last);
}

static void
cardinal_application_dispose (GObject *object)
{
  CardinalApplication *self = CARDINAL_APPLICATION (object);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->benchmark_path, g_free);

  G_OBJECT_CLASS (cardinal_application_parent_class)->dispose (object);
}

static void
cardinal_application_class_init (CardinalApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *application_class = G_APPLICATION_CLASS (klass);

  object_class->dispose = cardinal_application_dispose;
  application_class->handle_local_options = cardinal_application_handle_local_options;
  application_class->startup = cardinal_application_startup;
  application_class->activate = cardinal_application_activate;
  application_class->open = cardinal_application_open;
}

static void
cardinal_application_init (CardinalApplication *self)
{
  g_application_add_main_option_entries (G_APPLICATION (self), option_entries);
  g_application_set_option_context_parameter_string (G_APPLICATION (self), "[FILE…]");
  g_application_set_option_context_summary (G_APPLICATION (self),
                                            "Design database schemas: each FILE opens in its own window.");
}

/* Where GLib would find the session bus without starting one. */
static gboolean
session_bus_configured (void)
{
  const char *runtime_dir = g_getenv ("XDG_RUNTIME_DIR");
  g_autofree char *socket = NULL;

  if (g_getenv ("DBUS_SESSION_BUS_ADDRESS") != NULL)
    return TRUE;
  if (runtime_dir == NULL)
    return FALSE;
  socket = g_build_filename (runtime_dir, "bus", NULL);
  return g_file_test (socket, G_FILE_TEST_EXISTS);
}

static gboolean
has_gpu_render_node (void)
{
  g_autoptr(GDir) dir = g_dir_open ("/dev/dri", 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, "renderD"))
      return TRUE;
  return FALSE;
}

CardinalApplication *
cardinal_application_new (void)
{
  GApplicationFlags flags = G_APPLICATION_HANDLES_OPEN;

  /* GTK's accessibility bridge talks over the session bus and warns when
   * there is none (Xvfb, a bare X server); with no bus there is also no
   * screen reader to talk to. */
  if (!session_bus_configured ())
    g_setenv ("GTK_A11Y", "none", FALSE);

  /* With no GPU render node, GTK's GL renderer runs on llvmpipe, which the
   * canvas benchmark measured slower than GTK's cairo renderer here (and the
   * canvas's scene tiles are painted straight from cairo surfaces there). */
  if (!has_gpu_render_node ())
    g_setenv ("GSK_RENDERER", "cairo", FALSE);

  /* Tests start many instances side by side; none may hand its files to another. */
  if (g_getenv ("CARDINAL_TEST") != NULL)
    flags |= G_APPLICATION_NON_UNIQUE;

  return g_object_new (CARDINAL_TYPE_APPLICATION,
                       "application-id", CARDINAL_APPLICATION_ID,
                       "flags", flags,
                       NULL);
}

GSettings *
cardinal_application_get_settings (CardinalApplication *self)
{
  g_return_val_if_fail (CARDINAL_IS_APPLICATION (self), NULL);

  return self->settings;
}

GSettings *
cardinal_application_get_default_settings (void)
{
  GApplication *application = g_application_get_default ();

  return CARDINAL_IS_APPLICATION (application) ? CARDINAL_APPLICATION (application)->settings : NULL;
}

int
cardinal_application_get_exit_status (CardinalApplication *self)
{
  g_return_val_if_fail (CARDINAL_IS_APPLICATION (self), 1);

  return self->exit_status;
}
