/* test-clipboard.c: Cut, Copy, Paste, Duplicate, align, distribute and Delete's toast in real windows, with real key presses (xdotool) on the X display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <gdk/x11/gdkx.h>
#include <glib-unix.h>
#include <math.h>
#include <stdio.h>

#include "cardinal-canvas.h"
#include "cardinal-canvas-private.h"
#include "cardinal-fragment.h"
#include "cardinal-inspector.h"
#include "cardinal-selection-summary.h"
#include "cardinal-ui-test.h"
#include "cardinal-window-private.h"

#define WAIT_MS 10000

static char *program_path;

static gboolean
have_xdotool (void)
{
  g_autofree char *path = g_find_program_in_path ("xdotool");

  if (path == NULL || !GDK_IS_X11_DISPLAY (gdk_display_get_default ()))
    {
      g_test_skip ("needs xdotool and an X11 display");
      return FALSE;
    }
  return TRUE;
}

static void
xdotool (const char * const *args)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "xdotool");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

static gboolean
window_is_active (gpointer data)
{
  return gtk_window_is_active (GTK_WINDOW (data));
}

/* Gives @window the X focus (there is no window manager) and the canvas the keyboard focus. */
static void
focus_canvas (CardinalWindow *window)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  g_autofree char *id = g_strdup_printf ("%lu", (gulong) gdk_x11_surface_get_xid (surface));
  const char *args[] = { "windowraise", id, "windowfocus", "--sync", id, NULL };

  xdotool (args);
  g_assert_true (cardinal_ui_test_wait (window_is_active, window, WAIT_MS));
  gtk_widget_grab_focus (cardinal_window_get_canvas (window));
}

/* A real key press, then the main loop until the window has handled it. */
static void
press (CardinalWindow *window,
       const char     *keys)
{
  const char *args[] = { "key", "--delay", "40", keys, NULL };

  focus_canvas (window);
  xdotool (args);
}

static CardinalWindow *
open_blog (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  cardinal_ui_test_show (GTK_WINDOW (window));
  g_assert_true (cardinal_window_open_file (window, file));
  return window;
}

static CardinalWindow *
new_empty_window (void)
{
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  cardinal_ui_test_show (GTK_WINDOW (window));
  return window;
}

static const CardinalModel *
model_of (CardinalWindow *window)
{
  return cardinal_history_get_model (cardinal_window_get_history (window));
}

static void
select_entities (CardinalWindow     *window,
                 const char * const *names)
{
  const char *none[] = { NULL };

  cardinal_canvas_select (CARDINAL_CANVAS (cardinal_window_get_canvas (window)), names, none);
}

typedef struct
{
  CardinalWindow *window;
  guint           n_entities;
} CountWait;

static gboolean
has_n_entities (gpointer data)
{
  CountWait *wait = data;

  return model_of (wait->window)->entities->len == wait->n_entities;
}

static void
wait_entities (CardinalWindow *window,
               guint           n)
{
  CountWait wait = { window, n };

  if (!cardinal_ui_test_wait (has_n_entities, &wait, WAIT_MS))
    g_error ("expected %u entities, have %u", n, model_of (window)->entities->len);
}

/* A label anywhere in @widget whose text starts with @prefix (a toast's title). */
static GtkLabel *
find_label (GtkWidget  *widget,
            const char *prefix)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_str_has_prefix (gtk_label_get_label (GTK_LABEL (widget)), prefix))
    return GTK_LABEL (widget);
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkLabel *found = find_label (child, prefix);

      if (found != NULL)
        return found;
    }
  return NULL;
}

typedef struct
{
  CardinalWindow *window;
  const char     *prefix;
} ToastWait;

static gboolean
has_toast (gpointer data)
{
  ToastWait *wait = data;

  return find_label (GTK_WIDGET (wait->window), wait->prefix) != NULL;
}

static const char *
wait_toast (CardinalWindow *window,
            const char     *prefix)
{
  ToastWait wait = { window, prefix };

  if (!cardinal_ui_test_wait (has_toast, &wait, WAIT_MS))
    g_error ("no toast starting \"%s\"", prefix);
  return gtk_label_get_label (find_label (GTK_WIDGET (window), prefix));
}

static void
test_copy_paste_undo (void)
{
  CardinalWindow *window;
  const char *names[] = { "post", "tag", NULL };
  const CardinalRelationship *link;
  g_auto(GStrv) selected = NULL;
  guint n_relationships;

  if (!have_xdotool ())
    return;
  window = open_blog ();
  n_relationships = model_of (window)->relationships->len;
  select_entities (window, names);
  press (window, "ctrl+c");
  press (window, "ctrl+v");
  wait_entities (window, 7);

  g_assert_nonnull (cardinal_model_find_entity (model_of (window), "post_2"));
  g_assert_nonnull (cardinal_model_find_entity (model_of (window), "tag_2"));
  g_assert_cmpuint (model_of (window)->relationships->len, ==, n_relationships + 1);
  link = cardinal_model_find_relationship (model_of (window), "post_tag_2");
  g_assert_nonnull (link);
  g_assert_cmpstr (link->entity1, ==, "post_2");
  g_assert_cmpstr (link->entity2, ==, "tag_2");
  g_assert_cmpint (link->strategy, ==, CARDINAL_STRATEGY_LINK_TABLE);
  /* Offset from the originals, and what came in is selected. */
  g_assert_cmpfloat (cardinal_model_find_entity (model_of (window), "post_2")->x, >,
                     cardinal_model_find_entity (model_of (window), "post")->x);
  selected = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (cardinal_window_get_canvas (window)));
  g_assert_cmpuint (g_strv_length (selected), ==, 2);
  g_assert_true (g_strv_contains ((const char * const *) selected, "post_2"));
  g_assert_cmpstr (cardinal_history_get_undo_label (cardinal_window_get_history (window)), ==, "Paste");

  /* One Ctrl+Z takes all of it back. */
  press (window, "ctrl+z");
  wait_entities (window, 5);
  g_assert_cmpuint (model_of (window)->relationships->len, ==, n_relationships);
  g_assert_null (cardinal_model_find_entity (model_of (window), "post_2"));

  /* Duplicate (Ctrl+D) and Cut (Ctrl+X) too. */
  select_entities (window, names);
  press (window, "ctrl+d");
  wait_entities (window, 7);
  g_assert_cmpstr (cardinal_history_get_undo_label (cardinal_window_get_history (window)), ==, "Duplicate");
  press (window, "ctrl+x");
  wait_entities (window, 5);
  g_assert_null (cardinal_model_find_entity (model_of (window), "post_2"));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_paste_into_other_window (void)
{
  CardinalWindow *source, *target;
  const char *names[] = { "user", "profile", NULL };
  const CardinalRelationship *relationship;
  double x, y, left, top;

  if (!have_xdotool ())
    return;
  source = open_blog ();
  target = new_empty_window ();
  select_entities (source, names);
  press (source, "ctrl+c");
  press (target, "ctrl+v");
  wait_entities (target, 2);

  /* The names were free there: they stay. */
  g_assert_nonnull (cardinal_model_find_entity (model_of (target), "user"));
  g_assert_nonnull (cardinal_model_find_entity (model_of (target), "profile"));
  g_assert_cmpuint (model_of (target)->relationships->len, ==, 1);
  relationship = g_ptr_array_index (model_of (target)->relationships, 0);
  g_assert_cmpstr (relationship->name, ==, "user_profile");
  g_assert_cmpuint (cardinal_model_find_entity (model_of (target), "user")->attributes->len, ==, 4);
  g_assert_cmpuint (model_of (source)->entities->len, ==, 5);

  /* The canvas menu's Paste puts the copy's top-left corner where the menu opened. */
  cardinal_window_remember_context_point (target, 300, 260);
  cardinal_canvas_widget_to_model (CARDINAL_CANVAS (cardinal_window_get_canvas (target)), 300, 260, &x, &y);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (target), "win.paste-here", NULL));
  wait_entities (target, 4);
  left = MIN (cardinal_model_find_entity (model_of (target), "user_2")->x,
              cardinal_model_find_entity (model_of (target), "profile_2")->x);
  top = MIN (cardinal_model_find_entity (model_of (target), "user_2")->y,
             cardinal_model_find_entity (model_of (target), "profile_2")->y);
  g_assert_cmpfloat (left, ==, round (x / 20) * 20);
  g_assert_cmpfloat (top, ==, round (y / 20) * 20);

  cardinal_ui_test_destroy (GTK_WINDOW (source));
  cardinal_ui_test_destroy (GTK_WINDOW (target));
}

static void
test_paste_garbage (void)
{
  CardinalWindow *window;
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  if (!have_xdotool ())
    return;
  window = open_blog ();
  before = cardinal_fragment_to_data (model_of (window), NULL);
  gdk_clipboard_set_text (gtk_widget_get_clipboard (GTK_WIDGET (window)), "{\"not\": \"a design\"}");
  press (window, "ctrl+v");
  wait_toast (window, "The clipboard holds no Cardinal entities");

  after = cardinal_fragment_to_data (model_of (window), NULL);
  g_assert_cmpstr (before, ==, after);
  g_assert_false (cardinal_history_can_undo (cardinal_window_get_history (window)));
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static double
box_left (CardinalWindow *window,
          const char     *name)
{
  graphene_rect_t bounds;

  g_assert_true (cardinal_canvas_get_entity_bounds (CARDINAL_CANVAS (cardinal_window_get_canvas (window)),
                                                    name, &bounds));
  return bounds.origin.x;
}

static double
box_right (CardinalWindow *window,
           const char     *name)
{
  graphene_rect_t bounds;

  g_assert_true (cardinal_canvas_get_entity_bounds (CARDINAL_CANVAS (cardinal_window_get_canvas (window)),
                                                    name, &bounds));
  return bounds.origin.x + bounds.size.width;
}

static gboolean
lefts_equal (gpointer data)
{
  CardinalWindow *window = data;

  return box_left (window, "user") == box_left (window, "group") &&
         box_left (window, "post") == box_left (window, "group");
}

static gboolean
has_group (gpointer data)
{
  return model_of (data)->groups->len == 1;
}

static void
test_align_and_distribute (void)
{
  CardinalWindow *window;
  const char *three[] = { "profile", "post", "tag", NULL };
  const char *align[] = { "user", "group", "post", NULL };
  CardinalSelectionSummary *summary;
  GtkWidget *inspector;
  GtkLabel *title;
  double gap1, gap2;

  if (!have_xdotool ())
    return;
  window = open_blog ();
  select_entities (window, align);

  /* The inspector shows the selection. */
  title = find_label (GTK_WIDGET (window), "3 entities selected");
  g_assert_nonnull (title);
  inspector = gtk_widget_get_ancestor (GTK_WIDGET (title), CARDINAL_TYPE_SELECTION_SUMMARY);
  g_assert_nonnull (inspector);
  summary = CARDINAL_SELECTION_SUMMARY (inspector);
  g_assert_cmpstr (cardinal_selection_summary_get_title (summary), ==, "3 entities selected");
  g_assert_nonnull (find_label (inspector, "user"));
  g_assert_nonnull (find_label (inspector, "group"));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.align", "s", "left"));
  g_assert_true (cardinal_ui_test_wait (lefts_equal, window, WAIT_MS));
  g_assert_cmpstr (cardinal_history_get_undo_label (cardinal_window_get_history (window)), ==, "Move Entities");
  g_assert_cmpfloat (cardinal_model_find_entity (model_of (window), "user")->x, ==,
                     cardinal_model_find_entity (model_of (window), "group")->x);
  /* One step: one undo puts every box back. */
  g_assert_true (cardinal_history_undo (cardinal_window_get_history (window)));
  g_assert_false (lefts_equal (window));

  select_entities (window, three);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.distribute", "s", "horizontal"));
  /* Sorted by centre: profile, post, tag; the gaps between them are equal. */
  gap1 = box_left (window, "post") - box_right (window, "profile");
  gap2 = box_left (window, "tag") - box_right (window, "post");
  g_assert_cmpfloat (fabs (gap1 - gap2), <, 0.01);

  /* Distribute needs three: with two it does nothing. */
  select_entities (window, (const char *[]) { "profile", "post", NULL });
  g_assert_false (cardinal_canvas_distribute (CARDINAL_CANVAS (cardinal_window_get_canvas (window)), "horizontal"));

  /* The page's Group button makes one group of the selection, one undo step. */
  select_entities (window, align);
  title = find_label (GTK_WIDGET (window), "3 entities selected");
  g_assert_nonnull (title);
  inspector = gtk_widget_get_ancestor (GTK_WIDGET (title), CARDINAL_TYPE_SELECTION_SUMMARY);
  {
    GtkLabel *group_label = find_label (inspector, "_Group");
    GtkWidget *button = group_label ? gtk_widget_get_ancestor (GTK_WIDGET (group_label), GTK_TYPE_BUTTON) : NULL;
    const CardinalGroup *group;

    g_assert_nonnull (button);
    g_assert_true (gtk_widget_activate (button));
    /* A button activated this way shows itself pressed, then clicks. */
    g_assert_true (cardinal_ui_test_wait (has_group, window, WAIT_MS));
    group = g_ptr_array_index (model_of (window)->groups, 0);
    g_assert_cmpuint (g_strv_length (group->entities), ==, 3);
    g_assert_true (cardinal_group_has_member (group, "post"));
    g_assert_true (cardinal_history_undo (cardinal_window_get_history (window)));
    g_assert_cmpuint (model_of (window)->groups->len, ==, 0);
  }
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_delete_toast_undo (void)
{
  CardinalWindow *window;
  const char *names[] = { "user", "group", NULL };
  const char *text;
  GtkWidget *undo;

  if (!have_xdotool ())
    return;
  window = open_blog ();
  select_entities (window, names);
  press (window, "Delete");
  wait_entities (window, 3);

  /* user_profile, authorship and membership (with its link table) went with them. */
  text = wait_toast (window, "Deleted");
  g_assert_cmpstr (text, ==, "Deleted 2 entities and 3 relationships");
  g_assert_cmpuint (model_of (window)->relationships->len, ==, 1);

  /* The toast's Undo button brings all of it back. */
  undo = GTK_WIDGET (find_label (GTK_WIDGET (window), "_Undo"));
  g_assert_nonnull (undo);
  undo = gtk_widget_get_ancestor (undo, GTK_TYPE_BUTTON);
  g_assert_nonnull (undo);
  g_signal_emit_by_name (undo, "clicked");
  wait_entities (window, 5);
  g_assert_cmpuint (model_of (window)->relationships->len, ==, 4);
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* Another process on the same display ------------------------------------ */

/* The test program started again with CARDINAL_TEST_CLIPBOARD_CHILD=read
 * prints the clipboard's Cardinal fragment; with =serve it owns the clipboard
 * with the fragment in CARDINAL_TEST_CLIPBOARD_TEXT, says "ready" and keeps it
 * until its stdin closes. */
static gboolean child_done;

static void
child_spliced_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  GMemoryOutputStream *out = G_MEMORY_OUTPUT_STREAM (source);

  if (g_output_stream_splice_finish (G_OUTPUT_STREAM (out), result, NULL) >= 0)
    fwrite (g_memory_output_stream_get_data (out), 1, g_memory_output_stream_get_data_size (out), stdout);
  fflush (stdout);
  child_done = TRUE;
}

/* Asynchronous: the X selection's data arrives through the main loop. */
static void
child_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GInputStream) stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, NULL);
  g_autoptr(GOutputStream) out = g_memory_output_stream_new_resizable ();

  if (stream == NULL)
    {
      child_done = TRUE;
      return;
    }
  g_output_stream_splice_async (out, stream, G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, child_spliced_cb, NULL);
}

static gboolean
child_stdin_cb (int          fd,
                GIOCondition condition,
                gpointer     user_data)
{
  char buffer[64];

  if (read (fd, buffer, sizeof buffer) <= 0)
    {
      child_done = TRUE;
      return G_SOURCE_REMOVE;
    }
  return G_SOURCE_CONTINUE;
}

/* A child never outlives a test that failed without closing its stdin. */
static gboolean
child_give_up (gpointer data)
{
  child_done = TRUE;
  return G_SOURCE_REMOVE;
}

static int
run_child (const char *mode)
{
  static const char *mime_types[] = { CARDINAL_FRAGMENT_MIME_TYPE, NULL };
  GdkClipboard *clipboard;

  if (!gtk_init_check ())
    return 1;
  clipboard = gdk_display_get_clipboard (gdk_display_get_default ());
  g_timeout_add_seconds (30, child_give_up, NULL);
  if (g_str_equal (mode, "read"))
    gdk_clipboard_read_async (clipboard, mime_types, G_PRIORITY_DEFAULT, NULL, child_read_cb, NULL);
  else
    {
      const char *text = g_getenv ("CARDINAL_TEST_CLIPBOARD_TEXT");
      g_autoptr(GBytes) bytes = g_bytes_new (text, strlen (text));
      g_autoptr(GdkContentProvider) provider = gdk_content_provider_new_for_bytes (CARDINAL_FRAGMENT_MIME_TYPE, bytes);

      gdk_clipboard_set_content (clipboard, provider);
      g_unix_fd_add (STDIN_FILENO, G_IO_IN | G_IO_HUP, child_stdin_cb, NULL);
      printf ("ready\n");
      fflush (stdout);
    }
  while (!child_done)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static GSubprocess *
spawn_child (const char  *mode,
             const char  *text,
             GSubprocessFlags flags)
{
  g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (flags);
  g_autoptr(GError) error = NULL;
  GSubprocess *child;

  g_subprocess_launcher_setenv (launcher, "CARDINAL_TEST_CLIPBOARD_CHILD", mode, TRUE);
  if (text != NULL)
    g_subprocess_launcher_setenv (launcher, "CARDINAL_TEST_CLIPBOARD_TEXT", text, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, program_path, NULL);
  g_assert_no_error (error);
  return child;
}

typedef struct
{
  gboolean  done;
  char     *text;
} ChildOutput;

static void
communicate_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ChildOutput *output = user_data;
  g_autoptr(GError) error = NULL;

  g_subprocess_communicate_utf8_finish (G_SUBPROCESS (source), result, &output->text, NULL, &error);
  g_assert_no_error (error);
  output->done = TRUE;
}

static void
line_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  ChildOutput *output = user_data;

  output->text = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  output->done = TRUE;
}

static gboolean
output_done (gpointer data)
{
  return ((ChildOutput *) data)->done;
}

static void
test_between_processes (void)
{
  CardinalWindow *window;
  const char *names[] = { "post", "tag", NULL };
  g_autoptr(GSubprocess) reader = NULL;
  g_autoptr(GSubprocess) server = NULL;
  g_autoptr(GDataInputStream) lines = NULL;
  g_autoptr(CardinalModel) fragment = NULL;
  g_autoptr(GError) error = NULL;
  ChildOutput read = { FALSE, NULL };
  ChildOutput ready = { FALSE, NULL };
  const char *invoice =
    "{ \"format\": 1, \"name\": \"other\", \"entities\": [ { \"name\": \"post\", \"x\": 900, \"y\": 600,"
    " \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] } ] }";

  if (!have_xdotool ())
    return;
  window = open_blog ();

  /* Copied here, read by another process. */
  select_entities (window, names);
  press (window, "ctrl+c");
  reader = spawn_child ("read", NULL, G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_communicate_utf8_async (reader, NULL, NULL, communicate_cb, &read);
  g_assert_true (cardinal_ui_test_wait (output_done, &read, WAIT_MS));
  fragment = cardinal_fragment_from_data (read.text, -1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (fragment->entities->len, ==, 2);
  g_assert_cmpuint (fragment->relationships->len, ==, 1);
  g_free (read.text);

  /* Copied by another process, pasted here: "post" is taken, so "post_2". */
  server = spawn_child ("serve", invoice, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (server));
  g_data_input_stream_read_line_async (lines, G_PRIORITY_DEFAULT, NULL, line_cb, &ready);
  g_assert_true (cardinal_ui_test_wait (output_done, &ready, WAIT_MS));
  g_assert_cmpstr (ready.text, ==, "ready");
  g_free (ready.text);
  press (window, "ctrl+v");
  wait_entities (window, 6);
  g_assert_cmpfloat (cardinal_model_find_entity (model_of (window), "post_2")->x, ==, 940);
  g_output_stream_close (g_subprocess_get_stdin_pipe (server), NULL, NULL);
  g_subprocess_wait (server, NULL, &error);
  g_assert_no_error (error);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int argc, char **argv)
{
  const char *child = g_getenv ("CARDINAL_TEST_CLIPBOARD_CHILD");

  if (child != NULL)
    return run_child (child);
  program_path = g_canonicalize_filename (argv[0], NULL);
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/clipboard/copy-paste-undo", test_copy_paste_undo);
  g_test_add_func ("/clipboard/other-window", test_paste_into_other_window);
  g_test_add_func ("/clipboard/other-process", test_between_processes);
  g_test_add_func ("/clipboard/garbage", test_paste_garbage);
  g_test_add_func ("/clipboard/align-distribute", test_align_and_distribute);
  g_test_add_func ("/clipboard/delete-toast", test_delete_toast_undo);
  return cardinal_ui_test_run ();
}
