/* test-window.c: the document window in-process: title, window actions through the history, save, errors, closing, recovery. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <signal.h>
#include <string.h>
#include <sys/wait.h>

#include "cardinal-canvas.h"
#include "cardinal-document.h"
#include "cardinal-relate-dialog-private.h"
#include "cardinal-test-support.h"
#include "cardinal-ui-test.h"

static CardinalWindow *
new_window (void)
{
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  cardinal_ui_test_show (GTK_WINDOW (window));
  return window;
}

static CardinalWindow *
open_copy (const char  *example,
           char       **path_out)
{
  g_autofree char *path = cardinal_ui_test_copy_example (example);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = new_window ();

  g_assert_true (cardinal_window_open_file (window, file));
  if (path_out != NULL)
    *path_out = g_steal_pointer (&path);
  return window;
}

static const CardinalModel *
window_model (CardinalWindow *window)
{
  return cardinal_history_get_model (cardinal_window_get_history (window));
}

static gboolean
title_is_modified (CardinalWindow *window)
{
  return g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "• ");
}

static void
activate (CardinalWindow *window,
          const char     *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
}

static gboolean
has_message_dialog (gpointer data)
{
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (data)) != NULL;
}

static AdwMessageDialog *
wait_for_message_dialog (CardinalWindow *window)
{
  g_assert_true (cardinal_ui_test_wait (has_message_dialog, window, 10000));
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (window));
}

/* win.add-entity offers a rename at once; these tests keep the generated name. */
static void
add_entity_keeping_name (CardinalWindow *window)
{
  activate (window, "win.add-entity");
  cardinal_ui_test_respond (wait_for_message_dialog (window), "cancel");
}

static void
test_open_title (void)
{
  g_autofree char *path = cardinal_test_example_path ("blog");
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) expected = cardinal_document_load_file (file, &error);
  CardinalWindow *window = new_window ();
  const CardinalModel *model;

  g_assert_no_error (error);
  g_assert_true (cardinal_window_is_pristine (window));
  g_assert_true (g_str_has_prefix (gtk_window_get_title (GTK_WINDOW (window)), "Untitled Design"));

  g_assert_true (cardinal_window_open_file (window, file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "blog.cardinal — Cardinal");
  g_assert_false (cardinal_window_get_modified (window));
  g_assert_false (cardinal_window_is_pristine (window));
  g_assert_true (g_file_equal (cardinal_window_get_file (window), file));

  model = window_model (window);
  g_assert_cmpuint (model->entities->len, ==, expected->entities->len);
  g_assert_cmpuint (model->relationships->len, ==, expected->relationships->len);
  for (guint i = 0; i < model->entities->len; i++)
    g_assert_cmpstr (((CardinalEntity *) g_ptr_array_index (model->entities, i))->name, ==,
                     ((CardinalEntity *) g_ptr_array_index (expected->entities, i))->name);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_add_entity_undo_redo (void)
{
  CardinalWindow *window = open_copy ("blog", NULL);
  CardinalHistory *history = cardinal_window_get_history (window);
  guint before = window_model (window)->entities->len;
  const CardinalEntity *added;
  const CardinalAttribute *id;
  g_auto(GStrv) selected = NULL;

  add_entity_keeping_name (window);
  g_assert_cmpuint (window_model (window)->entities->len, ==, before + 1);
  added = cardinal_model_find_entity (window_model (window), "entity");
  g_assert_nonnull (added);
  g_assert_cmpuint (added->attributes->len, ==, 1);
  id = g_ptr_array_index (added->attributes, 0);
  g_assert_cmpstr (id->name, ==, "id");
  g_assert_cmpstr (id->type, ==, "integer");
  g_assert_true (id->primary_key);
  g_assert_true (id->autoincrement);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Add Entity");
  g_assert_true (cardinal_window_get_modified (window));
  g_assert_true (title_is_modified (window));
  selected = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (cardinal_window_get_canvas (window)));
  g_assert_nonnull (selected);
  g_assert_cmpstr (selected[0], ==, "entity");
  g_assert_null (selected[1]);

  /* A second one gets the next free name. */
  add_entity_keeping_name (window);
  g_assert_nonnull (cardinal_model_find_entity (window_model (window), "entity_2"));

  activate (window, "win.undo");
  activate (window, "win.undo");
  g_assert_cmpuint (window_model (window)->entities->len, ==, before);
  g_assert_null (cardinal_model_find_entity (window_model (window), "entity"));
  g_assert_false (cardinal_window_get_modified (window));
  g_assert_false (title_is_modified (window));
  g_assert_cmpstr (cardinal_history_get_redo_label (history), ==, "Add Entity");

  activate (window, "win.redo");
  g_assert_cmpuint (window_model (window)->entities->len, ==, before + 1);
  g_assert_nonnull (cardinal_model_find_entity (window_model (window), "entity"));
  g_assert_true (title_is_modified (window));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_rename_dialog (void)
{
  CardinalWindow *window = open_copy ("blog", NULL);
  CardinalHistory *history = cardinal_window_get_history (window);
  AdwMessageDialog *dialog;
  GtkEditable *entry;

  activate (window, "win.add-entity");
  dialog = wait_for_message_dialog (window);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "entity");

  /* A name already taken (up to case) and an empty one can't be chosen. */
  gtk_editable_set_text (entry, "USER");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "USER"));
  gtk_editable_set_text (entry, "");
  g_assert_false (adw_message_dialog_get_response_enabled (dialog, "rename"));

  gtk_editable_set_text (entry, "category");
  g_assert_true (adw_message_dialog_get_response_enabled (dialog, "rename"));
  cardinal_ui_test_respond (dialog, "rename");
  g_assert_nonnull (cardinal_model_find_entity (window_model (window), "category"));
  g_assert_null (cardinal_model_find_entity (window_model (window), "entity"));
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Rename Entity");

  /* F2's action renames the single selected entity. */
  activate (window, "win.rename");
  dialog = wait_for_message_dialog (window);
  entry = GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog));
  g_assert_cmpstr (gtk_editable_get_text (entry), ==, "category");
  cardinal_ui_test_respond (dialog, "cancel");

  activate (window, "win.undo");
  g_assert_nonnull (cardinal_model_find_entity (window_model (window), "entity"));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_save (void)
{
  g_autofree char *path = NULL;
  CardinalWindow *window = open_copy ("blog", &path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CardinalModel) saved = NULL;
  g_autoptr(GError) error = NULL;
  guint before = window_model (window)->entities->len;

  add_entity_keeping_name (window);
  g_assert_true (title_is_modified (window));

  activate (window, "win.save");
  g_assert_false (cardinal_window_get_modified (window));
  g_assert_false (title_is_modified (window));

  saved = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (saved->entities->len, ==, before + 1);
  g_assert_nonnull (cardinal_model_find_entity (saved, "entity"));

  /* Undoing past the save point marks the document modified again. */
  activate (window, "win.undo");
  g_assert_true (title_is_modified (window));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_open_corrupt (void)
{
  g_autofree char *path = g_build_filename (cardinal_ui_test_get_home (), "broken.cardinal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  CardinalWindow *window = new_window ();
  AdwMessageDialog *dialog;
  const char *where;

  g_file_set_contents (path, "{\n  \"format\": 1,\n  \"entities\": [ oops\n", -1, &error);
  g_assert_no_error (error);

  g_assert_false (cardinal_window_open_file (window, file));
  dialog = wait_for_message_dialog (window);
  /* The message names the file and where the trouble is. */
  where = strstr (adw_message_dialog_get_body (dialog), "broken.cardinal:");
  g_assert_nonnull (where);
  g_assert_true (g_ascii_isdigit (where[strlen ("broken.cardinal:")]));
  cardinal_ui_test_respond (dialog, "close");

  /* Nothing was half-loaded, and the window still works. */
  g_assert_null (cardinal_window_get_file (window));
  g_assert_true (cardinal_window_is_pristine (window));
  add_entity_keeping_name (window);
  g_assert_cmpuint (window_model (window)->entities->len, ==, 1);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static gboolean
is_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

static void
test_close_modified_asks (void)
{
  CardinalWindow *window = open_copy ("blog", NULL);
  gpointer weak = window;
  AdwMessageDialog *dialog;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);

  /* Unmodified: nothing to ask. Modified: Save / Discard / Cancel. */
  add_entity_keeping_name (window);
  gtk_window_close (GTK_WINDOW (window));
  dialog = wait_for_message_dialog (window);
  g_assert_cmpstr (adw_message_dialog_get_heading (dialog), ==, "Save Changes?");
  g_assert_true (adw_message_dialog_has_response (dialog, "save"));
  g_assert_true (adw_message_dialog_has_response (dialog, "discard"));
  cardinal_ui_test_respond (dialog, "cancel");
  g_assert_nonnull (weak);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (window)));

  activate (window, "win.close");
  dialog = wait_for_message_dialog (window);
  cardinal_ui_test_respond (dialog, "discard");
  g_assert_true (cardinal_ui_test_wait (is_gone, &weak, 10000));
}

static void
test_close_modified_save (void)
{
  g_autofree char *path = NULL;
  CardinalWindow *window = open_copy ("blog", &path);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(CardinalModel) saved = NULL;
  g_autoptr(GError) error = NULL;
  gpointer weak = window;

  g_object_add_weak_pointer (G_OBJECT (window), &weak);
  add_entity_keeping_name (window);
  gtk_window_close (GTK_WINDOW (window));
  cardinal_ui_test_respond (wait_for_message_dialog (window), "save");
  g_assert_true (cardinal_ui_test_wait (is_gone, &weak, 10000));

  saved = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_model_find_entity (saved, "entity"));
}

static char *
recovery_file_with_suffix (const char *suffix)
{
  g_autofree char *dir_path = cardinal_application_get_recovery_dir ();
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_suffix (name, suffix))
      return g_build_filename (dir_path, name, NULL);
  return NULL;
}

static gboolean
recovery_written (gpointer data)
{
  g_autofree char *document = recovery_file_with_suffix (".cardinal");
  g_autofree char *sidecar = recovery_file_with_suffix (".json");

  return document != NULL && sidecar != NULL;
}

static void
test_autosave_recovery_file (void)
{
  GSettings *settings = cardinal_application_get_settings (cardinal_ui_test_get_application ());
  g_autofree char *path = NULL;
  CardinalWindow *window;
  g_autoptr(GFile) file = NULL;
  g_autofree char *document = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *sidecar_text = NULL;
  g_autofree char *uri = NULL;
  g_autoptr(GFile) document_file = NULL;
  g_autoptr(CardinalModel) recovered = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_nonnull (settings);
  g_settings_set_uint (settings, "autosave-seconds", 1);
  window = open_copy ("blog", &path);
  file = g_file_new_for_path (path);
  uri = g_file_get_uri (file);
  g_assert_false (recovery_written (NULL));

  add_entity_keeping_name (window);
  g_assert_true (cardinal_ui_test_wait (recovery_written, NULL, 10000));

  document = recovery_file_with_suffix (".cardinal");
  sidecar = recovery_file_with_suffix (".json");
  document_file = g_file_new_for_path (document);
  recovered = cardinal_document_load_file (document_file, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_model_find_entity (recovered, "entity"));
  g_file_get_contents (sidecar, &sidecar_text, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sidecar_text, uri));

  /* Saving makes the recovery copy pointless. */
  activate (window, "win.save");
  g_assert_false (g_file_test (document, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "autosave-seconds");
}

/* The pid of a process that has ended, as a crashed Cardinal's would be. */
static GPid
dead_pid (void)
{
  const char *argv[] = { "true", NULL };
  g_autoptr(GError) error = NULL;
  GPid pid = 0;
  int status = 0;

  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_DO_NOT_REAP_CHILD,
                 NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  return pid;
}

static CardinalWindow *
window_for_file (GFile *file)
{
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CARDINAL_IS_WINDOW (l->data) && cardinal_window_get_file (l->data) != NULL &&
        g_file_equal (cardinal_window_get_file (l->data), file))
      return l->data;
  return NULL;
}

static gboolean
has_window_for_file (gpointer data)
{
  return window_for_file (data) != NULL;
}

static void
test_offer_recovery (void)
{
  g_autofree char *path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) original = g_file_new_for_path (path);
  g_autofree char *uri = g_file_get_uri (original);
  g_autofree char *dir = cardinal_application_get_recovery_dir ();
  g_autofree char *document = g_build_filename (dir, "0123456789abcdef.cardinal", NULL);
  g_autofree char *sidecar = g_build_filename (dir, "0123456789abcdef.json", NULL);
  /* A recovery copy whose write was killed half-way, and a file that only looks alike. */
  g_autofree char *stale = g_build_filename (dir, ".fedcba9876543210.cardinal.cardinal-save-Zz09aB", NULL);
  g_autofree char *unrelated = g_build_filename (dir, "fedcba9876543210.cardinal-save-Zz09aB", NULL);
  g_autofree char *sidecar_text = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GError) error = NULL;
  CardinalWindow *parent = new_window ();
  CardinalWindow *recovered;
  AdwMessageDialog *dialog;

  /* What a crashed process leaves: blog with one more entity, unsaved. */
  model = cardinal_document_load_file (original, &error);
  g_assert_no_error (error);
  cardinal_model_add_entity (model, cardinal_entity_new ("draft_only"));
  data = cardinal_document_to_data (model, NULL);
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (document, data, -1, &error);
  g_assert_no_error (error);
  sidecar_text = g_strdup_printf ("{ \"file\": \"%s\", \"title\": \"blog.cardinal\", \"pid\": %d }",
                                  uri, (int) dead_pid ());
  g_file_set_contents (sidecar, sidecar_text, -1, &error);
  g_assert_no_error (error);
  g_assert_true (g_file_set_contents (stale, "{ \"format\": 1, \"na", -1, NULL));
  g_assert_true (g_file_set_contents (unrelated, "x", -1, NULL));

  cardinal_application_offer_recovery (cardinal_ui_test_get_application (), GTK_WINDOW (parent));
  /* Each process writes under new names, so nothing else would ever tidy it. */
  g_assert_false (g_file_test (stale, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (unrelated, G_FILE_TEST_EXISTS));
  g_unlink (unrelated);
  dialog = wait_for_message_dialog (parent);
  g_assert_nonnull (strstr (adw_message_dialog_get_body (dialog), "blog.cardinal"));
  cardinal_ui_test_respond (dialog, "recover");

  g_assert_true (cardinal_ui_test_wait (has_window_for_file, original, 10000));
  recovered = window_for_file (original);
  /* The pristine window was used, the document saves to the original file
   * and counts as modified until it does. */
  g_assert_true (recovered == parent);
  g_assert_nonnull (cardinal_model_find_entity (window_model (recovered), "draft_only"));
  g_assert_true (cardinal_window_get_modified (recovered));
  g_assert_true (title_is_modified (recovered));

  activate (recovered, "win.save");
  g_assert_false (cardinal_window_get_modified (recovered));
  g_assert_false (g_file_test (document, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  {
    g_autoptr(CardinalModel) saved = cardinal_document_load_file (original, &error);

    g_assert_no_error (error);
    g_assert_nonnull (cardinal_model_find_entity (saved, "draft_only"));
  }

  cardinal_ui_test_destroy (GTK_WINDOW (recovered));
}

static gboolean
has_entity (gpointer data)
{
  gpointer *args = data;

  return cardinal_model_find_entity (window_model (args[0]), args[1]) != NULL;
}

/* An import that was never saved comes back under its own name, not as an
 * untitled design, and keeps that name in the recovery file it goes on writing. */
static void
test_recover_keeps_name (void)
{
  g_autofree char *dir = cardinal_application_get_recovery_dir ();
  g_autofree char *document = g_build_filename (dir, "fedcba9876543210.cardinal", NULL);
  g_autofree char *sidecar = g_build_filename (dir, "fedcba9876543210.json", NULL);
  g_autofree char *sidecar_text = NULL;
  g_autofree char *rewritten = NULL;
  g_autofree char *data = NULL;
  g_autoptr(CardinalModel) model = cardinal_model_new ("shop");
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) recovery = NULL;
  CardinalWindow *window = new_window ();
  gpointer args[] = { window, (gpointer) "shop_item" };

  cardinal_model_add_entity (model, cardinal_entity_new ("shop_item"));
  data = cardinal_document_to_data (model, NULL);
  g_mkdir_with_parents (dir, 0700);
  g_file_set_contents (document, data, -1, &error);
  g_assert_no_error (error);
  sidecar_text = g_strdup_printf ("{ \"file\": null, \"title\": \"shop.sqlite\", \"pid\": %d }",
                                  (int) dead_pid ());
  g_file_set_contents (sidecar, sidecar_text, -1, &error);
  g_assert_no_error (error);

  /* As the application's Recover does (it offers once per run, and the test
   * before this one took that). */
  recovery = g_file_new_for_path (document);
  g_assert_true (cardinal_window_recover (window, recovery, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (cardinal_ui_test_wait (has_entity, args, 10000));

  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (window)), "shop.sqlite"));
  g_assert_null (strstr (gtk_window_get_title (GTK_WINDOW (window)), "Untitled"));
  g_assert_null (cardinal_window_get_file (window));
  g_assert_true (cardinal_window_get_modified (window));
  g_file_get_contents (sidecar, &rewritten, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (rewritten, "\"shop.sqlite\""));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
  g_unlink (document);
  g_unlink (sidecar);
}

static gboolean
arrange_done (gpointer data)
{
  return !cardinal_window_is_busy (data) &&
         cardinal_history_can_undo (cardinal_window_get_history (data));
}

static void
test_arrange (void)
{
  CardinalWindow *window = open_copy ("school", NULL);
  CardinalHistory *history = cardinal_window_get_history (window);
  const CardinalModel *model = window_model (window);
  guint n = model->entities->len;
  g_autofree double *xs = g_new0 (double, n);
  g_autofree double *ys = g_new0 (double, n);
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_cmpuint (n, >, 1);
  for (guint i = 0; i < n; i++)
    {
      xs[i] = ((CardinalEntity *) g_ptr_array_index (model->entities, i))->x;
      ys[i] = ((CardinalEntity *) g_ptr_array_index (model->entities, i))->y;
    }

  /* Graphviz works in a thread (test-tasks.c tests it further). */
  activate (window, "win.arrange");
  g_assert_true (cardinal_ui_test_wait (arrange_done, window, 60000));
  model = window_model (window);
  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Arrange");
  for (guint i = 0; i < n; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      char *key = g_strdup_printf ("%.0f,%.0f", entity->x, entity->y);

      /* Every entity in a place of its own. */
      g_assert_false (g_hash_table_contains (seen, key));
      g_hash_table_add (seen, key);
    }

  /* One step: a single undo puts everything back. */
  activate (window, "win.undo");
  model = window_model (window);
  g_assert_false (cardinal_history_can_undo (history));
  for (guint i = 0; i < n; i++)
    {
      g_assert_cmpfloat (((CardinalEntity *) g_ptr_array_index (model->entities, i))->x, ==, xs[i]);
      g_assert_cmpfloat (((CardinalEntity *) g_ptr_array_index (model->entities, i))->y, ==, ys[i]);
    }

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

typedef struct
{
  CardinalWindow *window;
  const char     *entity;
} SelectionWait;

static gboolean
only_selected (gpointer data)
{
  SelectionWait *wait = data;
  g_auto(GStrv) selected =
    cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (cardinal_window_get_canvas (wait->window)));

  return selected != NULL && selected[0] != NULL && selected[1] == NULL &&
         g_str_equal (selected[0], wait->entity);
}

static void
test_find (void)
{
  CardinalWindow *window = open_copy ("blog", NULL);
  SelectionWait wait = { window, "post" };
  GtkWidget *search_bar = cardinal_ui_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR);
  GtkWidget *entry = cardinal_ui_test_find_descendant (search_bar, GTK_TYPE_SEARCH_ENTRY);

  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  activate (window, "win.find");
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_assert_true (gtk_widget_has_focus (entry) || gtk_widget_is_ancestor (gtk_root_get_focus (GTK_ROOT (window)), entry));

  /* "pos" starts only "post": it is selected while typing. */
  gtk_editable_set_text (GTK_EDITABLE (entry), "pos");
  g_assert_true (cardinal_ui_test_wait (only_selected, &wait, 10000));

  /* Exact names win over longer ones that contain them. */
  wait.entity = "user";
  gtk_editable_set_text (GTK_EDITABLE (entry), "USER");
  g_assert_true (cardinal_ui_test_wait (only_selected, &wait, 10000));

  /* Enter goes on to the next match and keeps the bar; Escape closes it. */
  g_signal_emit_by_name (entry, "activate");
  g_assert_true (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));
  g_signal_emit_by_name (entry, "stop-search");
  g_assert_false (gtk_search_bar_get_search_mode (GTK_SEARCH_BAR (search_bar)));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static GtkWindow *
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (G_TYPE_CHECK_INSTANCE_TYPE (toplevel, type) && gtk_widget_get_visible (GTK_WIDGET (toplevel)))
        return GTK_WINDOW (toplevel);
    }
  return NULL;
}

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
wait_for_toplevel (GType type)
{
  g_assert_true (cardinal_ui_test_wait (has_toplevel, GSIZE_TO_POINTER (type), 10000));
  return find_toplevel (type);
}

typedef struct
{
  GtkFileChooser *chooser;
  GFile          *file;
} ChooserWait;

static gboolean
chooser_has_file (gpointer data)
{
  ChooserWait *wait = data;
  g_autoptr(GFile) current = gtk_file_chooser_get_file (wait->chooser);

  return current != NULL && g_file_equal (current, wait->file);
}

/* Without a portal, GtkFileChooserNative shows a GtkFileChooserDialog. Like a
 * user: optionally type a name, wait until the dialog shows @path, accept. */
static void
answer_file_chooser (const char *name,
                     const char *path)
{
  GtkWindow *chooser = wait_for_toplevel (GTK_TYPE_FILE_CHOOSER_DIALOG);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  ChooserWait wait = { GTK_FILE_CHOOSER (chooser), file };

  if (name != NULL)
    gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  /* The folder the window chose loads asynchronously. */
  g_assert_true (cardinal_ui_test_wait (chooser_has_file, &wait, 10000));
  /* The button, not gtk_dialog_response (): the dialog checks the name first. */
  g_assert_true (gtk_widget_activate (gtk_dialog_get_widget_for_response (GTK_DIALOG (chooser),
                                                                          GTK_RESPONSE_ACCEPT)));
}

static gboolean
file_exists (gpointer data)
{
  return g_file_test (data, G_FILE_TEST_EXISTS);
}

static void
test_export_ddl (void)
{
  g_autofree char *path = NULL;
  CardinalWindow *window = open_copy ("blog", &path);
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sql_path = g_build_filename (dir, "blog-postgresql.sql", NULL);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.export-ddl", "s", "postgresql"));
  /* The design's folder and a name from the design and the dialect are offered. */
  answer_file_chooser (NULL, sql_path);
  g_assert_true (cardinal_ui_test_wait (file_exists, sql_path, 10000));

  /* The window wrote what render/ makes of the model, not SQL of its own. */
  g_file_get_contents (sql_path, &sql, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (sql, "CREATE TABLE \"post\""));
  g_assert_nonnull (strstr (sql, "CREATE TABLE \"user\""));
  g_assert_false (cardinal_window_get_modified (window));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_save_as_new_design (void)
{
  g_autofree char *path = g_build_filename (cardinal_ui_test_get_home (), "shop", NULL);
  g_autofree char *saved_path = g_strconcat (path, ".cardinal", NULL);
  g_autoptr(GFile) saved_file = g_file_new_for_path (saved_path);
  g_autoptr(CardinalModel) saved = NULL;
  g_autoptr(GError) error = NULL;
  CardinalWindow *window = new_window ();

  add_entity_keeping_name (window);
  /* A new design has no file yet: Save asks where, and adds the extension. */
  activate (window, "win.save");
  answer_file_chooser ("shop", path);
  g_assert_true (cardinal_ui_test_wait (file_exists, saved_path, 10000));
  g_assert_false (cardinal_window_get_modified (window));
  g_assert_true (g_file_equal (cardinal_window_get_file (window), saved_file));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (window)), ==, "shop.cardinal — Cardinal");

  saved = cardinal_document_load_file (saved_file, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (saved->name, ==, "shop");
  g_assert_nonnull (cardinal_model_find_entity (saved, "entity"));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static gboolean
window_gone (gpointer data)
{
  return *(gpointer *) data == NULL;
}

/* After Finish, the new relationship is the canvas's selection (and the inspector's subject). */
static void
test_relate_selects (void)
{
  CardinalWindow *window = open_copy ("blog", NULL);
  CardinalCanvas *canvas = CARDINAL_CANVAS (cardinal_window_get_canvas (window));
  const char *user[] = { "user", NULL };
  GtkWindow *relate;
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  const CardinalRelationship *added;
  guint n_before = window_model (window)->relationships->len;

  cardinal_canvas_select (canvas, user, NULL);
  g_signal_emit_by_name (canvas, "connect", "user", "tag");
  relate = wait_for_toplevel (CARDINAL_TYPE_RELATE_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (relate), (gpointer *) &relate);
  g_signal_emit_by_name (cardinal_relate_dialog_get_answer_button (CARDINAL_RELATE_DIALOG (relate),
                                                                   CARDINAL_QUESTION_Q1, TRUE), "clicked");
  g_signal_emit_by_name (cardinal_relate_dialog_get_answer_button (CARDINAL_RELATE_DIALOG (relate),
                                                                   CARDINAL_QUESTION_Q2, TRUE), "clicked");
  g_signal_emit_by_name (cardinal_relate_dialog_get_finish_button (CARDINAL_RELATE_DIALOG (relate)), "clicked");
  g_assert_true (cardinal_ui_test_wait (window_gone, &relate, 10000));

  g_assert_cmpuint (window_model (window)->relationships->len, ==, n_before + 1);
  added = g_ptr_array_index (window_model (window)->relationships, n_before);
  entities = cardinal_canvas_get_selected_entities (canvas);
  relationships = cardinal_canvas_get_selected_relationships (canvas);
  g_assert_cmpuint (g_strv_length (entities), ==, 0);
  g_assert_cmpuint (g_strv_length (relationships), ==, 1);
  g_assert_cmpstr (relationships[0], ==, added->name);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_app_windows (void)
{
  CardinalWindow *window = new_window ();
  GtkApplication *application = GTK_APPLICATION (cardinal_ui_test_get_application ());
  guint before = g_list_length (gtk_application_get_windows (application));
  GtkWindow *other;
  GtkWidget *canvas = cardinal_window_get_canvas (window);
  GtkWidget *popover;
  GtkWindow *relate;
  gboolean panel_visible = FALSE;
  g_autofree char *blog_path = cardinal_ui_test_copy_example ("blog");
  g_autoptr(GFile) blog = g_file_new_for_path (blog_path);

  /* Each of the app's secondary windows opens without a warning. */
  g_action_group_activate_action (G_ACTION_GROUP (application), "preferences", NULL);
  cardinal_ui_test_destroy (wait_for_toplevel (ADW_TYPE_PREFERENCES_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (application), "shortcuts", NULL);
  cardinal_ui_test_destroy (wait_for_toplevel (GTK_TYPE_SHORTCUTS_WINDOW));
  g_action_group_activate_action (G_ACTION_GROUP (application), "about", NULL);
  cardinal_ui_test_destroy (wait_for_toplevel (ADW_TYPE_ABOUT_WINDOW));

  /* win.new: another window with its own untitled design. */
  activate (window, "win.new");
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (application)), ==, before + 1);
  other = NULL;
  for (GList *l = gtk_application_get_windows (application); l != NULL; l = l->next)
    if (l->data != (gpointer) window)
      other = l->data;
  g_assert_true (CARDINAL_IS_WINDOW (other));
  g_assert_true (cardinal_window_is_pristine (CARDINAL_WINDOW (other)));
  cardinal_ui_test_destroy (other);

  /* The canvas's context menu pops up over it. */
  g_signal_emit_by_name (canvas, "context-menu", 100.0, 100.0);
  popover = cardinal_ui_test_find_descendant (cardinal_ui_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_OVERLAY),
                                              GTK_TYPE_POPOVER_MENU);
  g_assert_nonnull (popover);
  g_assert_true (gtk_widget_get_visible (popover));
  gtk_popover_popdown (GTK_POPOVER (popover));

  /* Joining two entities on the canvas opens the question-pair dialog over the window. */
  g_assert_true (cardinal_window_open_file (window, blog));
  g_signal_emit_by_name (canvas, "connect", "user", "post");
  relate = wait_for_toplevel (CARDINAL_TYPE_RELATE_DIALOG);
  g_assert_true (gtk_window_get_transient_for (relate) == GTK_WINDOW (window));
  cardinal_ui_test_destroy (relate);

  /* F9's action hides and shows the side panel. */
  g_object_get (window, "side-panel-visible", &panel_visible, NULL);
  g_assert_true (panel_visible);
  activate (window, "win.side-panel");
  g_object_get (window, "side-panel-visible", &panel_visible, NULL);
  g_assert_false (panel_visible);
  activate (window, "win.side-panel");
  g_object_get (window, "side-panel-visible", &panel_visible, NULL);
  g_assert_true (panel_visible);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add_func ("/ui/window/open-title", test_open_title);
  g_test_add_func ("/ui/window/add-entity-undo-redo", test_add_entity_undo_redo);
  g_test_add_func ("/ui/window/rename-dialog", test_rename_dialog);
  g_test_add_func ("/ui/window/save", test_save);
  g_test_add_func ("/ui/window/open-corrupt", test_open_corrupt);
  g_test_add_func ("/ui/window/close-modified-asks", test_close_modified_asks);
  g_test_add_func ("/ui/window/close-modified-save", test_close_modified_save);
  g_test_add_func ("/ui/window/autosave-recovery-file", test_autosave_recovery_file);
  g_test_add_func ("/ui/window/offer-recovery", test_offer_recovery);
  g_test_add_func ("/ui/window/recover-keeps-name", test_recover_keeps_name);
  g_test_add_func ("/ui/window/relate-selects", test_relate_selects);
  g_test_add_func ("/ui/window/arrange", test_arrange);
  g_test_add_func ("/ui/window/find", test_find);
  g_test_add_func ("/ui/window/export-ddl", test_export_ddl);
  g_test_add_func ("/ui/window/save-as-new-design", test_save_as_new_design);
  g_test_add_func ("/ui/app/windows", test_app_windows);
  return cardinal_ui_test_run ();
}
