/* cardinal-ui-test.c: helpers for GTK tests: a private home, the application in-process, waiting on conditions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-ui-test.h"

#include <glib/gstdio.h>

#include "cardinal-test-support.h"

static char *test_home;
static CardinalApplication *application;

gboolean
cardinal_ui_test_init (int    *argc,
                       char ***argv)
{
  const char *xdg[][2] = {
    { "XDG_CONFIG_HOME", ".config" },
    { "XDG_DATA_HOME", ".local/share" },
    { "XDG_STATE_HOME", ".local/state" },
    { "XDG_CACHE_HOME", ".cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };
  g_autoptr(GError) error = NULL;

  /* Before anything asks GLib where home is: the answers are cached. Not
   * G_TEST_OPTION_ISOLATE_DIRS, whose per-test directories vanish under
   * GtkRecentManager, which keeps writing to the first one. */
  test_home = g_dir_make_tmp ("cardinal-ui-XXXXXX", &error);
  g_assert_no_error (error);
  g_setenv ("HOME", test_home, TRUE);
  for (guint i = 0; i < G_N_ELEMENTS (xdg); i++)
    {
      g_autofree char *path = g_build_filename (test_home, xdg[i][1], NULL);

      g_mkdir_with_parents (path, 0700);
      g_setenv (xdg[i][0], path, TRUE);
    }
  g_setenv ("CARDINAL_TEST", "1", TRUE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);

  g_test_init (argc, argv, NULL);
  if (!gtk_init_check ())
    return FALSE;
  /* Without a window manager, X moves the focus between a dialog and its
   * window without always telling GTK; a blinking entry then finds itself
   * unfocused and warns (fatal here). A steady cursor has no blink to check. */
  g_object_set (gtk_settings_get_default (), "gtk-cursor-blink", FALSE, NULL);
  return TRUE;
}

gboolean
cardinal_ui_test_init_adw (int    *argc,
                           char ***argv)
{
  g_setenv ("GTK_A11Y", "none", TRUE);
  if (!cardinal_ui_test_init (argc, argv))
    return FALSE;
  adw_init ();
  return TRUE;
}

static void
skipped (void)
{
  g_test_skip ("no display: run under xvfb-run (make test does)");
}

int
cardinal_ui_test_run_skipped (void)
{
  g_test_add_func ("/ui/skipped-without-display", skipped);
  return cardinal_ui_test_run ();
}

int
cardinal_ui_test_run (void)
{
  int status = g_test_run ();

  if (application != NULL)
    {
      /* Windows left open would keep the application's resources alive. */
      GList *windows = gtk_application_get_windows (GTK_APPLICATION (application));

      while (windows != NULL)
        {
          gtk_window_destroy (windows->data);
          windows = gtk_application_get_windows (GTK_APPLICATION (application));
        }
      while (g_main_context_iteration (NULL, FALSE))
        ;
      g_clear_object (&application);
    }
  if (test_home != NULL)
    cardinal_test_remove_tree (test_home);
  g_clear_pointer (&test_home, g_free);
  return status;
}

const char *
cardinal_ui_test_get_home (void)
{
  return test_home;
}

CardinalApplication *
cardinal_ui_test_get_application (void)
{
  g_autoptr(GError) error = NULL;

  if (application != NULL)
    return application;

  application = cardinal_application_new ();
  g_application_register (G_APPLICATION (application), NULL, &error);
  g_assert_no_error (error);
  /* No g_application_run (): keep the application alive without windows. */
  g_application_hold (G_APPLICATION (application));
  return application;
}

static gboolean
wake_up (gpointer data)
{
  return G_SOURCE_CONTINUE;
}

gboolean
cardinal_ui_test_wait (CardinalUiTestCondition condition,
                       gpointer                data,
                       guint                   timeout_ms)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) timeout_ms * 1000;
  guint wake_id;
  gboolean holds;

  /* A blocking iteration returns at least this often to look at the clock. */
  wake_id = g_timeout_add (20, wake_up, NULL);
  while (!(holds = condition (data)) && g_get_monotonic_time () < deadline)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake_id);
  return holds;
}

static gboolean
is_mapped (gpointer data)
{
  return gtk_widget_get_mapped (GTK_WIDGET (data));
}

void
cardinal_ui_test_show (GtkWindow *window)
{
  gtk_window_present (window);
  g_assert_true (cardinal_ui_test_wait (is_mapped, window, 10000));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

void
cardinal_ui_test_destroy (GtkWindow *window)
{
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  /* A focused entry must see its focus go before it goes, or GTK warns
   * that it "did not receive a focus-out event" (fatal here). */
  gtk_window_set_focus (window, NULL);
  gtk_window_destroy (window);
  g_assert_true (cardinal_ui_test_wait (is_gone, &weak, 10000));
}

AdwMessageDialog *
cardinal_ui_test_find_message_dialog (GtkWindow *parent)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  AdwMessageDialog *found = NULL;

  for (guint i = 0; i < g_list_model_get_n_items (toplevels) && found == NULL; i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (ADW_IS_MESSAGE_DIALOG (toplevel) &&
          gtk_widget_get_visible (GTK_WIDGET (toplevel)) &&
          gtk_window_get_transient_for (GTK_WINDOW (toplevel)) == parent)
        found = ADW_MESSAGE_DIALOG (toplevel);
    }
  return found;
}

void
cardinal_ui_test_respond (AdwMessageDialog *dialog,
                          const char       *response)
{
  g_assert_true (adw_message_dialog_has_response (dialog, response));
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, response));
  g_object_ref (dialog);
  adw_message_dialog_response (dialog, response);
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_object_unref (dialog);
}

char *
cardinal_ui_test_copy_example (const char *name)
{
  g_autofree char *source = cardinal_test_example_path (name);
  g_autofree char *dir = g_build_filename (test_home, "designs-XXXXXX", NULL);
  g_autofree char *basename = g_strconcat (name, ".cardinal", NULL);
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  char *target;
  gsize length = 0;

  g_assert_nonnull (g_mkdtemp (dir));
  target = g_build_filename (dir, basename, NULL);
  g_file_get_contents (source, &contents, &length, &error);
  g_assert_no_error (error);
  g_file_set_contents (target, contents, (gssize) length, &error);
  g_assert_no_error (error);
  return target;
}

GtkWidget *
cardinal_ui_test_find_descendant (GtkWidget *widget,
                                  GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = cardinal_ui_test_find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}
