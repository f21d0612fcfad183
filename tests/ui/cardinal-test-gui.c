/* cardinal-test-gui.c: runs `cardinal` in a private environment and drives it with xdotool on the test's X display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-gui.h"

#include <signal.h>
#include <stdlib.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <X11/Xlib.h>

struct _CardinalTestGui
{
  char        *dir;
  char        *log_path;
  GSubprocess *process;
  gboolean     exited;
  int          wait_status;
};

/* An X server started without -noreset (xvfb-run's default) resets when its
 * last client disconnects and refuses connections meanwhile: between two
 * xdotool calls before the program has connected, or between two test
 * programs. One connection held for the whole test keeps it from resetting;
 * the first one waits out a reset that is under way. */
static Display *held_display;

static gboolean
hold_display (void)
{
  gint64 deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;

  while (held_display == NULL)
    {
      held_display = XOpenDisplay (NULL);
      if (held_display != NULL)
        break;
      if (g_get_monotonic_time () > deadline)
        return FALSE;
      g_usleep (CARDINAL_TEST_GUI_POLL_MS * 1000);
    }
  return TRUE;
}

/* The screen's size, or FALSE. */
static gboolean
screen_size (int *width,
             int *height)
{
  if (!hold_display ())
    return FALSE;
  *width = DisplayWidth (held_display, DefaultScreen (held_display));
  *height = DisplayHeight (held_display, DefaultScreen (held_display));
  return TRUE;
}

/* Skips the test, or fails it when @broken (a display that is there but
 * unusable is a broken setup, not a missing one) or under CI (a CI run that
 * skips every GUI test would look green while testing nothing). */
static gboolean
unavailable (gboolean    broken,
             const char *why)
{
  if (broken || g_getenv ("CI") != NULL)
    g_test_fail_printf ("%s", why);
  else
    g_test_skip (why);
  return FALSE;
}

gboolean
cardinal_test_gui_available (void)
{
  const char *display = g_getenv ("DISPLAY");
  g_autofree char *xdotool = g_find_program_in_path ("xdotool");
  g_autofree char *import = g_find_program_in_path ("import");
  g_autofree char *why = NULL;
  int width = 0;
  int height = 0;
  int depth;

  if (display == NULL || *display == '\0')
    return unavailable (FALSE, "DISPLAY is not set: the ui suite needs an X server (make test runs it under xvfb-run)");
  if (xdotool == NULL)
    return unavailable (FALSE, "xdotool is not installed (apt package xdotool): the ui suite sends real input events with it");
  if (import == NULL)
    return unavailable (FALSE, "ImageMagick's import is not installed (apt package imagemagick): the ui suite takes screenshots with it");
  if (g_getenv ("CARDINAL_GUI") == NULL)
    return unavailable (FALSE, "CARDINAL_GUI is not set: it names the built cardinal program (tests/ui/meson.build sets it)");
  if (!screen_size (&width, &height))
    return unavailable (TRUE, "cannot connect to the X server in DISPLAY");

  if (width < CARDINAL_TEST_GUI_MIN_SCREEN_WIDTH || height < CARDINAL_TEST_GUI_MIN_SCREEN_HEIGHT)
    {
      why = g_strdup_printf ("the screen is %d×%d; the ui suite needs at least %d×%d "
                             "(xvfb-run -s \"-screen 0 1920x1080x24\")", width, height,
                             CARDINAL_TEST_GUI_MIN_SCREEN_WIDTH, CARDINAL_TEST_GUI_MIN_SCREEN_HEIGHT);
      return unavailable (TRUE, why);
    }

  /* Screenshots are compared by colour: no palette, no 16-bit rounding. */
  depth = DefaultDepth (held_display, DefaultScreen (held_display));
  if (depth < 24)
    {
      why = g_strdup_printf ("the screen has %d bits per pixel; the ui suite needs 24 "
                             "(xvfb-run -s \"-screen 0 1920x1080x24\")", depth);
      return unavailable (TRUE, why);
    }
  return TRUE;
}

CardinalTestGui *
cardinal_test_gui_new (void)
{
  g_autoptr(GError) error = NULL;
  CardinalTestGui *gui = g_new0 (CardinalTestGui, 1);

  gui->dir = g_dir_make_tmp ("cardinal-gui-XXXXXX", &error);
  g_assert_no_error (error);
  gui->log_path = g_build_filename (gui->dir, "cardinal.log", NULL);
  return gui;
}

static void
remove_tree (const char *path)
{
  if (!g_file_test (path, G_FILE_TEST_IS_SYMLINK) && g_file_test (path, G_FILE_TEST_IS_DIR))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);
          remove_tree (child);
        }
      g_rmdir (path);
    }
  else
    {
      g_unlink (path);
    }
}

static void
iterate_pending (void)
{
  while (g_main_context_iteration (NULL, FALSE))
    ;
}

void
cardinal_test_gui_free (CardinalTestGui *gui)
{
  if (gui == NULL)
    return;

  if (gui->process != NULL)
    {
      gint64 deadline;

      if (!gui->exited)
        g_subprocess_send_signal (gui->process, SIGTERM);
      deadline = g_get_monotonic_time () + 5 * G_USEC_PER_SEC;
      while (!gui->exited && g_get_monotonic_time () < deadline)
        {
          iterate_pending ();
          g_usleep (CARDINAL_TEST_GUI_POLL_MS * 1000);
        }
      if (!gui->exited)
        {
          g_subprocess_force_exit (gui->process);
          while (!gui->exited)
            g_main_context_iteration (NULL, TRUE);
        }
      g_clear_object (&gui->process);
    }

  if (g_getenv ("CARDINAL_TEST_KEEP") == NULL)
    remove_tree (gui->dir);
  else
    g_printerr ("# kept %s\n", gui->dir);
  g_free (gui->dir);
  g_free (gui->log_path);
  g_free (gui);
}

char *
cardinal_test_gui_path (CardinalTestGui *gui,
                        const char      *name)
{
  return g_build_filename (gui->dir, name, NULL);
}

static void
dump_log (CardinalTestGui *gui)
{
  g_autofree char *log = NULL;

  if (g_file_get_contents (gui->log_path, &log, NULL, NULL) && *log != '\0')
    g_printerr ("---- cardinal's output ----\n%s---- end of cardinal's output ----\n", log);
}

void
cardinal_test_gui_fail (CardinalTestGui *gui,
                        const char      *format,
                        ...)
{
  g_autofree char *message = NULL;
  g_autofree char *full = NULL;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  /* A failed xdotool call is usually the program gone: say so first. */
  iterate_pending ();
  dump_log (gui);
  if (gui->exited)
    full = g_strdup_printf ("%s (cardinal exited, wait status %d: see its output above)",
                            message, gui->wait_status);
  else
    full = g_steal_pointer (&message);
  /* One line: TAP takes only the first line of a bail-out message. */
  g_strdelimit (full, "\n", ' ');
  g_error ("%s", full);
}

/* The program dies with the test, even when an assertion aborts the test. */
static void
child_setup (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGKILL);
}

static void
process_exited (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  CardinalTestGui *gui = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  gui->wait_status = g_subprocess_get_status (G_SUBPROCESS (source));
  gui->exited = TRUE;
}

void
cardinal_test_gui_launch (CardinalTestGui    *gui,
                          const char * const *args)
{
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) env = g_get_environ ();
  const char *program = g_getenv ("CARDINAL_GUI");
  static const char * const homes[][2] = {
    { "HOME", "home" },
    { "XDG_CONFIG_HOME", "config" },
    { "XDG_DATA_HOME", "data" },
    { "XDG_STATE_HOME", "state" },
    { "XDG_CACHE_HOME", "cache" },
    { "XDG_RUNTIME_DIR", "runtime" },
  };
  g_autofree char *no_bus = NULL;

  g_assert_nonnull (program);
  g_assert_null (gui->process);

  for (gsize i = 0; i < G_N_ELEMENTS (homes); i++)
    {
      g_autofree char *path = g_build_filename (gui->dir, homes[i][1], NULL);

      g_assert_cmpint (g_mkdir_with_parents (path, 0700), ==, 0);
      env = g_environ_setenv (env, homes[i][0], path, TRUE);
    }

  /* Nothing from the desktop the tests happen to run in: no session bus (so no
   * portals, no single-instance hand-over to another cardinal, no gvfs), no
   * dconf, no accessibility bus. A bus address that does not exist keeps GLib
   * from autolaunching a bus on the X display. */
  no_bus = g_strdup_printf ("unix:path=%s/no-bus", gui->dir);
  env = g_environ_setenv (env, "DBUS_SESSION_BUS_ADDRESS", no_bus, TRUE);
  env = g_environ_setenv (env, "GSETTINGS_BACKEND", "memory", TRUE);
  env = g_environ_setenv (env, "GIO_USE_VFS", "local", TRUE);
  env = g_environ_setenv (env, "GIO_USE_VOLUME_MONITOR", "unix", TRUE);
  env = g_environ_setenv (env, "GTK_A11Y", "none", TRUE);
  env = g_environ_setenv (env, "NO_AT_BRIDGE", "1", TRUE);
  env = g_environ_setenv (env, "GDK_BACKEND", "x11", TRUE);
  env = g_environ_setenv (env, "LANGUAGE", "C", TRUE);
  env = g_environ_setenv (env, "LC_ALL", "C.UTF-8", TRUE);
  env = g_environ_setenv (env, "CARDINAL_TEST", "1", TRUE);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDERR_MERGE);
  g_subprocess_launcher_set_environ (launcher, env);
  g_subprocess_launcher_set_cwd (launcher, gui->dir);
  g_subprocess_launcher_set_stdout_file_path (launcher, gui->log_path);
  g_subprocess_launcher_set_child_setup (launcher, child_setup, NULL, NULL);

  g_ptr_array_add (argv, (gpointer) program);
  for (gsize i = 0; args != NULL && args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);

  gui->process = g_subprocess_launcher_spawnv (launcher, (const char * const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_wait_async (gui->process, NULL, process_exited, gui);
}

void
cardinal_test_gui_wait_for (CardinalTestGui          *gui,
                            CardinalTestGuiCondition  condition,
                            gpointer                  user_data,
                            const char               *what)
{
  gint64 deadline = g_get_monotonic_time () + CARDINAL_TEST_GUI_TIMEOUT_MS * 1000;

  for (;;)
    {
      iterate_pending ();
      if (gui->process != NULL && gui->exited)
        cardinal_test_gui_fail (gui, "cardinal exited while waiting for %s", what);
      if (condition (user_data))
        return;
      if (g_get_monotonic_time () > deadline)
        cardinal_test_gui_fail (gui, "timed out after %d ms waiting for %s",
                                CARDINAL_TEST_GUI_TIMEOUT_MS, what);
      g_usleep (CARDINAL_TEST_GUI_POLL_MS * 1000);
    }
}

/* Runs xdotool (or another tool) and returns its standard output; a non-zero
 * exit fails the test unless @allow_failure, which then gives NULL. */
static char *
run_tool (CardinalTestGui    *gui,
          gboolean            allow_failure,
          const char * const *argv)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *command = g_strjoinv (" ", (char **) argv);
  int status = 0;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                     &out, &err, &status, &error))
    cardinal_test_gui_fail (gui, "could not run %s: %s", command, error->message);

  if (!g_spawn_check_wait_status (status, &error))
    {
      if (allow_failure)
        return NULL;
      cardinal_test_gui_fail (gui, "%s failed (%s): %s", command, error->message, err);
    }
  return g_steal_pointer (&out);
}

/* The program's mapped window whose title matches @title_regex, or 0. */
static gulong
find_window (CardinalTestGui *gui,
                               const char      *title_regex)
{
  g_autofree char *pid = NULL;
  g_autofree char *out = NULL;
  const char *argv[] = { "xdotool", "search", "--all", "--onlyvisible", "--pid", NULL, "--name", title_regex, NULL };

  g_assert_nonnull (gui->process);
  pid = g_strdup (g_subprocess_get_identifier (gui->process));
  if (pid == NULL)
    return 0;
  argv[5] = pid;

  /* --all: xdotool ORs its conditions by default. It exits with 1 when nothing matches. */
  out = run_tool (gui, TRUE, argv);
  if (out == NULL || *out == '\0')
    return 0;
  /* Several matches: the newest window (highest id), e.g. a dialog over its parent. */
  {
    g_auto(GStrv) ids = g_strsplit (out, "\n", -1);
    gulong newest = 0;

    for (gsize i = 0; ids[i] != NULL; i++)
      newest = MAX (newest, strtoul (ids[i], NULL, 10));
    return newest;
  }
}

GArray *
cardinal_test_gui_list_windows (CardinalTestGui *gui)
{
  g_autofree char *pid = g_strdup (g_subprocess_get_identifier (gui->process));
  const char *argv[] = { "xdotool", "search", "--all", "--onlyvisible", "--pid", pid, NULL };
  g_autofree char *out = NULL;
  GArray *windows = g_array_new (FALSE, FALSE, sizeof (gulong));
  g_auto(GStrv) ids = NULL;

  if (pid == NULL)
    return windows;
  out = run_tool (gui, TRUE, argv);
  if (out == NULL)
    return windows;
  ids = g_strsplit (out, "\n", -1);
  for (gsize i = 0; ids[i] != NULL; i++)
    {
      gulong id = strtoul (ids[i], NULL, 10);

      if (id != 0)
        g_array_append_val (windows, id);
    }
  return windows;
}

typedef struct
{
  CardinalTestGui *gui;
  GArray          *before;
  gulong           window;
} NewWindowWait;

static gboolean
new_window_shown (gpointer user_data)
{
  NewWindowWait *wait = user_data;
  g_autoptr(GArray) now = cardinal_test_gui_list_windows (wait->gui);

  for (guint i = 0; i < now->len; i++)
    {
      gulong id = g_array_index (now, gulong, i);
      gboolean known = FALSE;

      for (guint j = 0; j < wait->before->len && !known; j++)
        known = g_array_index (wait->before, gulong, j) == id;
      if (!known)
        {
          wait->window = id;
          return TRUE;
        }
    }
  return FALSE;
}

gulong
cardinal_test_gui_wait_new_window (CardinalTestGui *gui,
                                   GArray          *before)
{
  NewWindowWait wait = { gui, before, 0 };

  cardinal_test_gui_wait_for (gui, new_window_shown, &wait, "a new window");
  return wait.window;
}

typedef struct
{
  CardinalTestGui *gui;
  const char      *regex;
  gulong           window;
} WindowWait;

static gboolean
window_shown (gpointer user_data)
{
  WindowWait *wait = user_data;

  wait->window = find_window (wait->gui, wait->regex);
  return wait->window != 0;
}

static gboolean
window_gone (gpointer user_data)
{
  return !window_shown (user_data);
}

gulong
cardinal_test_gui_wait_window (CardinalTestGui *gui,
                               const char      *title_regex)
{
  WindowWait wait = { gui, title_regex, 0 };
  g_autofree char *what = g_strdup_printf ("a window titled /%s/", title_regex);

  cardinal_test_gui_wait_for (gui, window_shown, &wait, what);
  return wait.window;
}

void
cardinal_test_gui_wait_no_window (CardinalTestGui *gui,
                                  const char      *title_regex)
{
  WindowWait wait = { gui, title_regex, 0 };
  g_autofree char *what = g_strdup_printf ("no window titled /%s/", title_regex);

  cardinal_test_gui_wait_for (gui, window_gone, &wait, what);
}

char *
cardinal_test_gui_get_title (CardinalTestGui *gui,
                             gulong           window)
{
  g_autofree char *id = g_strdup_printf ("%lu", window);
  const char *argv[] = { "xdotool", "getwindowname", id, NULL };
  char *out = run_tool (gui, FALSE, argv);

  g_strchomp (out);
  return out;
}

void
cardinal_test_gui_get_geometry (CardinalTestGui *gui,
                                gulong           window,
                                int             *x,
                                int             *y,
                                int             *width,
                                int             *height)
{
  g_autofree char *id = g_strdup_printf ("%lu", window);
  const char *argv[] = { "xdotool", "getwindowgeometry", "--shell", id, NULL };
  g_autofree char *out = run_tool (gui, FALSE, argv);
  g_auto(GStrv) lines = g_strsplit (out, "\n", -1);
  int values[4] = { -1, -1, -1, -1 };
  static const char * const keys[] = { "X=", "Y=", "WIDTH=", "HEIGHT=" };

  for (gsize i = 0; lines[i] != NULL; i++)
    for (gsize k = 0; k < G_N_ELEMENTS (keys); k++)
      if (g_str_has_prefix (lines[i], keys[k]))
        values[k] = atoi (lines[i] + strlen (keys[k]));

  if (values[2] <= 0 || values[3] <= 0)
    cardinal_test_gui_fail (gui, "no geometry for window %lu in: %s", window, out);
  *x = values[0];
  *y = values[1];
  *width = values[2];
  *height = values[3];
}

typedef struct
{
  CardinalTestGui *gui;
  gulong           window;
} FocusWait;

static gboolean
window_focused (gpointer user_data)
{
  FocusWait *wait = user_data;
  const char *argv[] = { "xdotool", "getwindowfocus", NULL };
  g_autofree char *out = run_tool (wait->gui, TRUE, argv);

  return out != NULL && strtoul (out, NULL, 10) == wait->window;
}

void
cardinal_test_gui_focus (CardinalTestGui *gui,
                         gulong           window)
{
  FocusWait wait = { gui, window };
  g_autofree char *id = g_strdup_printf ("%lu", window);
  g_autofree char *what = g_strdup_printf ("the focus on window %lu", window);
  /* There is no window manager under Xvfb: raise and focus by hand. */
  const char *argv[] = { "xdotool", "windowraise", id, "windowfocus", id, NULL };

  /* Focusing the focused window again would still send focus-out and
   * focus-in events: leave it be, as a person's click would. */
  if (window_focused (&wait))
    return;
  g_free (run_tool (gui, FALSE, argv));
  cardinal_test_gui_wait_for (gui, window_focused, &wait, what);
}

void
cardinal_test_gui_key (CardinalTestGui *gui,
                       const char      *keys)
{
  g_auto(GStrv) names = g_strsplit (keys, " ", -1);
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();

  g_ptr_array_add (argv, (gpointer) "xdotool");
  g_ptr_array_add (argv, (gpointer) "key");
  g_ptr_array_add (argv, (gpointer) "--delay");
  g_ptr_array_add (argv, (gpointer) "40");
  for (gsize i = 0; names[i] != NULL; i++)
    if (*names[i] != '\0')
      g_ptr_array_add (argv, names[i]);
  g_ptr_array_add (argv, NULL);

  g_free (run_tool (gui, FALSE, (const char * const *) argv->pdata));
}

void
cardinal_test_gui_type (CardinalTestGui *gui,
                        const char      *text)
{
  const char *argv[] = { "xdotool", "type", "--delay", "30", "--", text, NULL };

  g_free (run_tool (gui, FALSE, argv));
}

static void
move_pointer (CardinalTestGui *gui,
                                int              x,
                                int              y)
{
  g_autofree char *sx = g_strdup_printf ("%d", x);
  g_autofree char *sy = g_strdup_printf ("%d", y);
  const char *argv[] = { "xdotool", "mousemove", "--sync", sx, sy, NULL };

  g_free (run_tool (gui, FALSE, argv));
}

void
cardinal_test_gui_park_pointer (CardinalTestGui *gui)
{
  int width = 0;
  int height = 0;

  if (!screen_size (&width, &height))
    cardinal_test_gui_fail (gui, "could not read the screen size");
  move_pointer (gui, width - 1, height - 1);
}

void
cardinal_test_gui_click (CardinalTestGui *gui,
                         int              x,
                         int              y,
                         int              button,
                         int              count)
{
  g_autofree char *sx = g_strdup_printf ("%d", x);
  g_autofree char *sy = g_strdup_printf ("%d", y);
  g_autofree char *sb = g_strdup_printf ("%d", button);
  g_autofree char *sc = g_strdup_printf ("%d", count);
  const char *argv[] = { "xdotool", "mousemove", "--sync", sx, sy,
                         "click", "--repeat", sc, "--delay", "80", sb, NULL };

  g_free (run_tool (gui, FALSE, argv));
}

void
cardinal_test_gui_drag (CardinalTestGui *gui,
                        int              x1,
                        int              y1,
                        int              x2,
                        int              y2)
{
  const int steps = 12;
  g_autoptr(GPtrArray) argv = g_ptr_array_new_with_free_func (g_free);

  g_ptr_array_add (argv, g_strdup ("xdotool"));
  g_ptr_array_add (argv, g_strdup ("mousemove"));
  g_ptr_array_add (argv, g_strdup ("--sync"));
  g_ptr_array_add (argv, g_strdup_printf ("%d", x1));
  g_ptr_array_add (argv, g_strdup_printf ("%d", y1));
  g_ptr_array_add (argv, g_strdup ("mousedown"));
  g_ptr_array_add (argv, g_strdup ("1"));
  /* Several motions, so that a drag threshold is passed before the end point. */
  for (int i = 1; i <= steps; i++)
    {
      g_ptr_array_add (argv, g_strdup ("mousemove"));
      g_ptr_array_add (argv, g_strdup ("--sync"));
      g_ptr_array_add (argv, g_strdup_printf ("%d", x1 + (x2 - x1) * i / steps));
      g_ptr_array_add (argv, g_strdup_printf ("%d", y1 + (y2 - y1) * i / steps));
      g_ptr_array_add (argv, g_strdup ("sleep"));
      g_ptr_array_add (argv, g_strdup ("0.02"));
    }
  g_ptr_array_add (argv, g_strdup ("mouseup"));
  g_ptr_array_add (argv, g_strdup ("1"));
  g_ptr_array_add (argv, NULL);

  g_free (run_tool (gui, FALSE, (const char * const *) argv->pdata));
}

GdkPixbuf *
cardinal_test_gui_screenshot (CardinalTestGui *gui,
                              gulong           window,
                              const char      *path)
{
  g_autofree char *id = g_strdup_printf ("%lu", window);
  g_autofree char *target = g_strdup_printf ("png:%s", path);
  const char *argv[] = { "import", "-silent", "-window", id, target, NULL };
  g_autoptr(GError) error = NULL;
  GdkPixbuf *pixbuf;

  g_free (run_tool (gui, FALSE, argv));
  pixbuf = gdk_pixbuf_new_from_file (path, &error);
  if (pixbuf == NULL)
    cardinal_test_gui_fail (gui, "could not read the screenshot %s: %s", path, error->message);
  return pixbuf;
}

static char *
read_file (const char *path,
                             gsize      *length)
{
  char *contents = NULL;

  if (!g_file_get_contents (path, &contents, length, NULL))
    return NULL;
  return contents;
}

typedef struct
{
  const char *path;
  const char *previous;
  char       *contents;
  gsize       length;
} FileWait;

static gboolean
file_changed (gpointer user_data)
{
  FileWait *wait = user_data;

  g_clear_pointer (&wait->contents, g_free);
  wait->contents = read_file (wait->path, &wait->length);
  if (wait->contents == NULL)
    return FALSE;
  return wait->previous == NULL || strcmp (wait->previous, wait->contents) != 0;
}

char *
cardinal_test_gui_wait_file (CardinalTestGui *gui,
                             const char      *path,
                             const char      *previous,
                             gsize           *length)
{
  FileWait wait = { path, previous, NULL, 0 };
  g_autofree char *what = g_strdup_printf ("%s to be written", path);

  cardinal_test_gui_wait_for (gui, file_changed, &wait, what);
  if (length != NULL)
    *length = wait.length;
  return wait.contents;
}

static const guchar *
pixel_at (GdkPixbuf *pixbuf,
          int        x,
          int        y)
{
  const guchar *pixels = gdk_pixbuf_read_pixels (pixbuf);

  return pixels + y * gdk_pixbuf_get_rowstride (pixbuf) + x * gdk_pixbuf_get_n_channels (pixbuf);
}

static int
compare_regions (gconstpointer a,
                 gconstpointer b)
{
  const CardinalTestGuiRegion *ra = a;
  const CardinalTestGuiRegion *rb = b;

  if (ra->y != rb->y)
    return ra->y < rb->y ? -1 : 1;
  if (ra->x != rb->x)
    return ra->x < rb->x ? -1 : 1;
  return 0;
}

GArray *
cardinal_test_gui_find_regions (GdkPixbuf *pixbuf,
                                guint32    rgb,
                                int        tolerance,
                                int        min_width,
                                int        min_height)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  int want[3] = { (rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff };
  g_autofree guint8 *state = g_new0 (guint8, (gsize) width * height); /* 0 other, 1 matching, 2 visited */
  g_autoptr(GArray) stack = g_array_new (FALSE, FALSE, sizeof (int));
  GArray *regions = g_array_new (FALSE, FALSE, sizeof (CardinalTestGuiRegion));

  g_return_val_if_fail (gdk_pixbuf_get_bits_per_sample (pixbuf) == 8, regions);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixel_at (pixbuf, x, y);

        if (ABS (p[0] - want[0]) <= tolerance && ABS (p[1] - want[1]) <= tolerance
            && ABS (p[2] - want[2]) <= tolerance)
          state[y * width + x] = 1;
      }

  for (int start = 0; start < width * height; start++)
    {
      CardinalTestGuiRegion region = { width, height, 0, 0, 0 };
      int right = -1;
      int bottom = -1;

      if (state[start] != 1)
        continue;
      state[start] = 2;
      g_array_set_size (stack, 0);
      g_array_append_val (stack, start);
      while (stack->len > 0)
        {
          int index = g_array_index (stack, int, stack->len - 1);
          int x = index % width;
          int y = index / width;
          int neighbours[4] = {
            x > 0 ? index - 1 : -1,
            x < width - 1 ? index + 1 : -1,
            y > 0 ? index - width : -1,
            y < height - 1 ? index + width : -1,
          };

          g_array_set_size (stack, stack->len - 1);
          region.n_pixels++;
          region.x = MIN (region.x, x);
          region.y = MIN (region.y, y);
          right = MAX (right, x);
          bottom = MAX (bottom, y);
          for (guint n = 0; n < G_N_ELEMENTS (neighbours); n++)
            if (neighbours[n] >= 0 && state[neighbours[n]] == 1)
              {
                state[neighbours[n]] = 2;
                g_array_append_val (stack, neighbours[n]);
              }
        }
      region.width = right - region.x + 1;
      region.height = bottom - region.y + 1;
      if (region.width >= min_width && region.height >= min_height)
        g_array_append_val (regions, region);
    }

  g_array_sort (regions, compare_regions);
  return regions;
}

guint32
cardinal_test_gui_pixel (GdkPixbuf *pixbuf,
                         int        x,
                         int        y)
{
  const guchar *p;

  g_return_val_if_fail (x >= 0 && x < gdk_pixbuf_get_width (pixbuf), 0);
  g_return_val_if_fail (y >= 0 && y < gdk_pixbuf_get_height (pixbuf), 0);

  p = pixel_at (pixbuf, x, y);
  return ((guint32) p[0] << 16) | ((guint32) p[1] << 8) | p[2];
}

gboolean
cardinal_test_gui_color_near (guint32 a,
                              guint32 b,
                              int     tolerance)
{
  for (int shift = 0; shift <= 16; shift += 8)
    if (ABS ((int) ((a >> shift) & 0xff) - (int) ((b >> shift) & 0xff)) > tolerance)
      return FALSE;
  return TRUE;
}

guint
cardinal_test_gui_count_colors (GdkPixbuf *pixbuf)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixel_at (pixbuf, x, y);
        guint packed = ((guint) p[0] << 16) | ((guint) p[1] << 8) | p[2];

        g_hash_table_add (colors, GUINT_TO_POINTER (packed));
      }
  return g_hash_table_size (colors);
}
