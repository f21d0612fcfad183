/* test-tasks.c: the window's background work through its actions: Arrange with Graphviz, Export Diagram, C models, import, apply; and the dialogs. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib/gstdio.h>
#include <math.h>
#include <sqlite3.h>
#include <string.h>

#include "cardinal-canvas-private.h"
#include "cardinal-codegen-dialog.h"
#include "cardinal-codegen.h"
#include "cardinal-ddl.h"
#include "cardinal-deploy-dialog.h"
#include "cardinal-diagram-dialog.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-import-dialog.h"
#include "cardinal-test-canonical.h"
#include "cardinal-test-pg.h"
#include "cardinal-test-support.h"
#include "cardinal-ui-test.h"

/* Graphviz and the databases work in threads: generous, never slept on. */
#define TASK_TIMEOUT_MS 60000

static CardinalWindow *
open_copy (const char *example)
{
  g_autofree char *path = cardinal_ui_test_copy_example (example);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalWindow *window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  cardinal_ui_test_show (GTK_WINDOW (window));
  g_assert_true (cardinal_window_open_file (window, file));
  return window;
}

static const CardinalModel *
window_model (CardinalWindow *window)
{
  return cardinal_history_get_model (cardinal_window_get_history (window));
}

static char *
temp_dir (void)
{
  g_autofree char *template = g_build_filename (cardinal_ui_test_get_home (), "task-XXXXXX", NULL);
  char *dir = g_mkdtemp (g_steal_pointer (&template));

  g_assert_nonnull (dir);
  return dir;
}

static gboolean
is_idle (gpointer data)
{
  return !cardinal_window_is_busy (CARDINAL_WINDOW (data));
}

static void
wait_idle (CardinalWindow *window)
{
  g_assert_true (cardinal_ui_test_wait (is_idle, window, TASK_TIMEOUT_MS));
}

static gboolean
has_message_dialog (gpointer data)
{
  return cardinal_ui_test_find_message_dialog (GTK_WINDOW (data)) != NULL;
}

/* The error dialog a failed task leaves, its body, after closing it. */
static char *
take_error_message (CardinalWindow *window)
{
  AdwMessageDialog *dialog;
  char *body;

  g_assert_true (cardinal_ui_test_wait (has_message_dialog, window, TASK_TIMEOUT_MS));
  dialog = cardinal_ui_test_find_message_dialog (GTK_WINDOW (window));
  body = g_strdup (adw_message_dialog_get_body (dialog));
  cardinal_ui_test_respond (dialog, "close");
  return body;
}

static GtkWindow *
find_toplevel (GType type)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (G_TYPE_CHECK_INSTANCE_TYPE (l->data, type) && gtk_widget_get_visible (l->data))
      return l->data;
  return NULL;
}

/* With CARDINAL_TEST_SHOT_DIR set, the dialog as drawn is kept as NAME.png for people to look at. */
static gboolean
has_size (gpointer data)
{
  return gtk_widget_get_mapped (data) && gtk_widget_get_width (data) > 0;
}

static gboolean
count_frame (GtkWidget     *widget,
             GdkFrameClock *clock,
             gpointer       data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

static gboolean
two_frames (gpointer data)
{
  return *(guint *) data >= 2;
}

static void
maybe_save_shot (GtkWidget  *widget,
                 const char *name)
{
  const char *dir = g_getenv ("CARDINAL_TEST_SHOT_DIR");
  g_autoptr(GdkPaintable) paintable = NULL;
  g_autoptr(GtkSnapshot) snapshot = NULL;
  g_autoptr(GskRenderNode) node = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autofree char *file = NULL;
  g_autofree char *path = NULL;
  int width, height;

  if (dir == NULL)
    return;
  g_assert_true (cardinal_ui_test_wait (has_size, widget, 10000));
  /* Two frames drawn: whatever changed last is laid out and painted. */
  {
    guint frames = 0;
    guint id = gtk_widget_add_tick_callback (widget, count_frame, &frames, NULL);

    g_assert_true (cardinal_ui_test_wait (two_frames, &frames, 10000));
    gtk_widget_remove_tick_callback (widget, id);
  }
  width = gtk_widget_get_width (widget);
  height = gtk_widget_get_height (widget);
  paintable = gtk_widget_paintable_new (widget);
  snapshot = gtk_snapshot_new ();
  gdk_paintable_snapshot (paintable, GDK_SNAPSHOT (snapshot), width, height);
  node = gtk_snapshot_free_to_node (g_steal_pointer (&snapshot));
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (gtk_native_get_renderer (GTK_NATIVE (widget)), node,
                                         &GRAPHENE_RECT_INIT (0, 0, width, height));
  file = g_strconcat (name, ".png", NULL);
  path = g_build_filename (dir, file, NULL);
  g_assert_true (gdk_texture_save_to_png (texture, path));
}

/* Arrange ----------------------------------------------------------------------- */

typedef struct
{
  double x, y;
} Point;

static Point *
positions_of (const CardinalModel *model)
{
  Point *points = g_new0 (Point, model->entities->len);

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      points[i].x = entity->x;
      points[i].y = entity->y;
    }
  return points;
}

static gboolean
undo_label_is_arrange (gpointer data)
{
  CardinalWindow *window = data;

  return !cardinal_window_is_busy (window) &&
         g_strcmp0 (cardinal_history_get_undo_label (cardinal_window_get_history (window)), "Arrange") == 0;
}

static void
assert_no_overlap (CardinalWindow *window)
{
  CardinalCanvas *canvas = CARDINAL_CANVAS (cardinal_window_get_canvas (window));
  const CardinalModel *model = window_model (window);
  guint n = model->entities->len;
  g_autofree graphene_rect_t *boxes = g_new0 (graphene_rect_t, n + model->relationships->len);

  for (guint i = 0; i < model->entities->len; i++)
    g_assert_true (cardinal_canvas_get_entity_bounds (canvas,
                                                      ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name,
                                                      &boxes[i]));
  /* The boxes of link attributes sit on their lines: they must not cover an entity either. */
  for (guint i = 0; i < model->relationships->len; i++)
    if (cardinal_canvas_get_label_bounds (canvas,
                                          ((CardinalRelationship *) g_ptr_array_index (model->relationships, i))->name,
                                          &boxes[n]))
      n++;
  for (guint i = 0; i < n; i++)
    for (guint j = i + 1; j < n; j++)
      {
        graphene_rect_t overlap;

        if (graphene_rect_intersection (&boxes[i], &boxes[j], &overlap))
          g_assert_cmpfloat (overlap.size.width * overlap.size.height, <, 1.0);
      }
}

static void
test_arrange (void)
{
  CardinalWindow *window = open_copy ("blog");
  CardinalHistory *history = cardinal_window_get_history (window);
  guint n = window_model (window)->entities->len;
  g_autofree Point *before = positions_of (window_model (window));
  g_autofree Point *after = NULL;
  gboolean moved = FALSE;

  g_assert_cmpuint (n, >, 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.arrange", NULL));
  /* Off the main thread: the window answers and shows it is working. */
  g_assert_true (cardinal_window_is_busy (window));
  g_assert_true (cardinal_ui_test_wait (undo_label_is_arrange, window, TASK_TIMEOUT_MS));

  after = positions_of (window_model (window));
  for (guint i = 0; i < n; i++)
    {
      moved |= after[i].x != before[i].x || after[i].y != before[i].y;
      g_assert_cmpfloat (after[i].x, >=, 0.0);
      g_assert_cmpfloat (after[i].y, >=, 0.0);
    }
  g_assert_true (moved);
  assert_no_overlap (window);

  /* One step: one undo puts every box back exactly. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.undo", NULL));
  g_assert_false (cardinal_history_can_undo (history));
  {
    g_autofree Point *restored = positions_of (window_model (window));

    for (guint i = 0; i < n; i++)
      {
        g_assert_cmpfloat (restored[i].x, ==, before[i].x);
        g_assert_cmpfloat (restored[i].y, ==, before[i].y);
      }
  }

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* An edit while Graphviz works wins: the late layout is dropped, not applied over it. */
static void
test_arrange_stale (void)
{
  CardinalWindow *window = open_copy ("school");
  CardinalHistory *history = cardinal_window_get_history (window);
  const CardinalEntity *first = g_ptr_array_index (window_model (window)->entities, 0);
  g_autofree char *name = g_strdup (first->name);
  const char *names[] = { name, NULL };
  double x = first->x + 40.0, y = first->y + 40.0;
  g_autofree Point *edited = NULL;
  g_autofree Point *later = NULL;
  g_autoptr(GError) error = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.arrange", NULL));
  /* The result comes back through the main loop, which has not run yet. */
  g_assert_true (cardinal_history_move_entities (history, names, &x, &y, &error));
  g_assert_no_error (error);
  edited = positions_of (window_model (window));
  wait_idle (window);

  g_assert_cmpstr (cardinal_history_get_undo_label (history), ==, "Move Entities");
  later = positions_of (window_model (window));
  for (guint i = 0; i < window_model (window)->entities->len; i++)
    {
      g_assert_cmpfloat (later[i].x, ==, edited[i].x);
      g_assert_cmpfloat (later[i].y, ==, edited[i].y);
    }

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_arrange_cancel (void)
{
  CardinalWindow *window = open_copy ("school");

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.arrange", NULL));
  g_assert_true (cardinal_window_is_busy (window));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.cancel-task", NULL));
  /* Cancel answers at once, whatever Graphviz is doing. */
  g_assert_false (cardinal_window_is_busy (window));
  g_assert_false (cardinal_history_can_undo (cardinal_window_get_history (window)));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* Export Diagram ---------------------------------------------------------------- */

static void
export_diagram (CardinalWindow *window,
                const char     *path,
                const char     *view,
                const char     *layout)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "path", "s", path);
  g_variant_dict_insert (&dict, "view", "s", view);
  g_variant_dict_insert (&dict, "layout", "s", layout);
  g_variant_dict_insert (&dict, "include-types", "b", TRUE);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export-diagram-to",
                                                     g_variant_dict_end (&dict)));
}

/* The logical view of the design as a PNG at @scale, fitted to @max_size (0: not). */
static void
export_png (CardinalWindow *window,
            const char     *path,
            double          scale,
            guint           max_size)
{
  GVariantDict dict;

  g_variant_dict_init (&dict, NULL);
  g_variant_dict_insert (&dict, "path", "s", path);
  g_variant_dict_insert (&dict, "view", "s", "logical");
  g_variant_dict_insert (&dict, "layout", "s", "auto");
  g_variant_dict_insert (&dict, "scale", "d", scale);
  g_variant_dict_insert (&dict, "max-size", "u", max_size);
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), "win.export-diagram-to",
                                                     g_variant_dict_end (&dict)));
  wait_idle (window);
}

/* The size a PNG's header gives. */
static void
png_dimensions (const char *data,
                gsize       length,
                guint      *width,
                guint      *height)
{
  const guint8 *bytes = (const guint8 *) data;

  g_assert_cmpuint (length, >, 24);
  g_assert_cmpmem (bytes + 12, 4, "IHDR", 4);
  *width = (guint) bytes[16] << 24 | (guint) bytes[17] << 16 | (guint) bytes[18] << 8 | bytes[19];
  *height = (guint) bytes[20] << 24 | (guint) bytes[21] << 16 | (guint) bytes[22] << 8 | bytes[23];
}

static void
png_file_dimensions (const char *path,
                     guint      *width,
                     guint      *height)
{
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  png_dimensions (contents, length, width, height);
}

typedef struct
{
  guint nodes;
  guint edges;
} SvgCounts;

static void
svg_start_element (GMarkupParseContext  *context,
                   const char           *element,
                   const char          **names,
                   const char          **values,
                   gpointer              user_data,
                   GError              **error)
{
  SvgCounts *counts = user_data;

  if (!g_str_equal (element, "g"))
    return;
  for (guint i = 0; names[i] != NULL; i++)
    if (g_str_equal (names[i], "class"))
      {
        if (g_str_equal (values[i], "node"))
          counts->nodes++;
        else if (g_str_equal (values[i], "edge"))
          counts->edges++;
      }
}

static void
test_export_diagram (void)
{
  CardinalWindow *window = open_copy ("blog");
  g_autoptr(CardinalSchema) schema = cardinal_engineer (window_model (window));
  g_autofree char *dir = temp_dir ();
  g_autofree char *svg = g_build_filename (dir, "blog.svg", NULL);
  g_autofree char *png = g_build_filename (dir, "blog.png", NULL);
  g_autofree char *missing = g_build_filename (dir, "no", "such", "folder", "blog.svg", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *message = NULL;
  gsize length = 0;
  guint n_fks = 0;
  SvgCounts counts = { 0, 0 };
  GMarkupParser parser = { svg_start_element, NULL, NULL, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;

  export_diagram (window, svg, "physical", "manual");
  wait_idle (window);
  g_assert_true (g_file_get_contents (svg, &contents, &length, &error));
  g_assert_no_error (error);

  /* Well-formed XML with a box per table and a line per foreign key. */
  context = g_markup_parse_context_new (&parser, 0, &counts, NULL);
  g_assert_true (g_markup_parse_context_parse (context, contents, (gssize) length, &error) &&
                 g_markup_parse_context_end_parse (context, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < schema->tables->len; i++)
    n_fks += ((CardinalTable *) g_ptr_array_index (schema->tables, i))->foreign_keys->len;
  g_assert_cmpuint (counts.nodes, ==, schema->tables->len);
  g_assert_cmpuint (counts.edges, ==, n_fks);
  g_assert_false (has_message_dialog (window));

  /* The format follows the extension. */
  export_diagram (window, png, "logical", "auto");
  wait_idle (window);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (png, &contents, &length, &error));
  g_assert_cmpuint (length, >, 8);
  g_assert_cmpmem (contents, 8, "\x89PNG\r\n\x1a\n", 8);

  /* Twice the pixels at scale 2; at most 300 pixels a side when fitted. */
  {
    g_autofree char *png2 = g_build_filename (dir, "blog@2x.png", NULL);
    g_autofree char *fitted = g_build_filename (dir, "blog-fitted.png", NULL);
    guint width, height, width2, height2, fitted_width, fitted_height;

    png_dimensions (contents, length, &width, &height);
    export_png (window, png2, 2.0, 0);
    png_file_dimensions (png2, &width2, &height2);
    g_assert_cmpint (ABS ((int) width2 - 2 * (int) width), <=, 2);
    g_assert_cmpint (ABS ((int) height2 - 2 * (int) height), <=, 2);
    export_png (window, fitted, 1.0, 300);
    png_file_dimensions (fitted, &fitted_width, &fitted_height);
    g_assert_cmpuint (MAX (fitted_width, fitted_height), <=, 300);
    g_assert_cmpuint (MAX (fitted_width, fitted_height), >=, 299);
  }

  /* A failure is a dialog with the reason, naming the file. */
  export_diagram (window, missing, "logical", "auto");
  message = take_error_message (window);
  g_assert_nonnull (strstr (message, "blog.svg"));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* C models ------------------------------------------------------------------------ */

static void
test_generate_code (void)
{
  CardinalWindow *window = open_copy ("cars");
  g_autofree char *dir = temp_dir ();
  g_autofree char *out = g_build_filename (dir, "cars-c", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) expected = cardinal_codegen_generate (window_model (window),
                                                              CARDINAL_DIALECT_SQLITE, &error);
  g_auto(GStrv) names = NULL;

  g_assert_no_error (error);
  names = cardinal_codegen_file_names (expected);
  g_assert_cmpuint (g_strv_length (names), >=, 3);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.generate-code-to", "(ss)", "sqlite", out));
  wait_idle (window);
  g_assert_false (has_message_dialog (window));
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (out, names[i], NULL);
      g_autofree char *contents = NULL;

      g_assert_true (g_file_get_contents (path, &contents, NULL, &error));
      g_assert_no_error (error);
      g_assert_cmpstr (contents, ==, g_hash_table_lookup (expected, names[i]));
    }

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* Import ----------------------------------------------------------------------------- */

/* An SQLite database made from @example's own DDL; newly allocated path. */
static char *
make_database (const char *example,
               const char *dir)
{
  g_autofree char *example_path = cardinal_test_example_path (example);
  g_autoptr(GFile) file = g_file_new_for_path (example_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) model = cardinal_document_load_file (file, &error);
  g_autoptr(CardinalSchema) schema = NULL;
  g_autofree char *ddl = NULL;
  g_autofree char *basename = g_strconcat (example, ".db", NULL);
  char *path = g_build_filename (dir, basename, NULL);
  char *message = NULL;
  sqlite3 *db = NULL;

  g_assert_no_error (error);
  schema = cardinal_engineer (model);
  ddl = cardinal_ddl_render (schema, CARDINAL_DIALECT_SQLITE);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, ddl, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s", message);
  sqlite3_close (db);
  return path;
}

typedef struct
{
  CardinalWindow *except;
  const char     *title;
  CardinalWindow *found;
} WindowWait;

static gboolean
has_other_window (gpointer data)
{
  WindowWait *wait = data;
  GList *windows = gtk_application_get_windows (GTK_APPLICATION (cardinal_ui_test_get_application ()));

  for (GList *l = windows; l != NULL; l = l->next)
    if (CARDINAL_IS_WINDOW (l->data) && l->data != wait->except &&
        strstr (gtk_window_get_title (l->data), wait->title) != NULL)
      {
        wait->found = l->data;
        return TRUE;
      }
  return FALSE;
}

static void
test_import_sqlite (void)
{
  CardinalWindow *window = open_copy ("blog");
  g_autofree char *dir = temp_dir ();
  g_autofree char *db = make_database ("blog", dir);
  g_autofree char *example_path = cardinal_test_example_path ("blog");
  g_autoptr(GFile) example_file = g_file_new_for_path (example_path);
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalModel) example = cardinal_document_load_file (example_file, &error);
  g_autoptr(CardinalModel) canonical = NULL;
  g_autofree char *difference = NULL;
  WindowWait wait = { window, "blog —", NULL };
  const CardinalModel *imported;
  gboolean arranged = FALSE;

  g_assert_no_error (error);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-from", "(ss)", db, "detect"));
  g_assert_true (cardinal_window_is_busy (window));
  g_assert_true (cardinal_ui_test_wait (has_other_window, &wait, TASK_TIMEOUT_MS));
  wait_idle (window);
  g_assert_false (has_message_dialog (window));

  /* A new, unsaved document titled after the file, holding what the database holds. */
  g_assert_null (cardinal_window_get_file (wait.found));
  g_assert_true (cardinal_window_get_modified (wait.found));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (wait.found)), ==, "• blog — Cardinal");
  imported = window_model (wait.found);
  g_assert_cmpuint (imported->entities->len, ==, example->entities->len);
  for (guint i = 0; i < example->entities->len; i++)
    g_assert_nonnull (cardinal_model_find_entity (imported,
                                                  ((CardinalEntity *) g_ptr_array_index (example->entities, i))->name));
  canonical = cardinal_infer_canonical (example);
  g_assert_cmpuint (imported->relationships->len, ==, canonical->relationships->len);
  difference = cardinal_infer_difference (canonical, imported);
  g_assert_cmpstr (difference, ==, NULL);

  /* Arranged by Graphviz: not everything piled at the origin, no box on another. */
  for (guint i = 0; i < imported->entities->len; i++)
    arranged |= ((CardinalEntity *) g_ptr_array_index (imported->entities, i))->x > 0.0;
  g_assert_true (arranged);
  assert_no_overlap (wait.found);
  maybe_save_shot (GTK_WIDGET (wait.found), "imported-blog");

  cardinal_ui_test_destroy (GTK_WINDOW (wait.found));
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static void
test_import_errors (void)
{
  CardinalWindow *window = open_copy ("blog");
  guint n_windows = g_list_length (gtk_application_get_windows (GTK_APPLICATION (cardinal_ui_test_get_application ())));
  g_autofree char *dir = temp_dir ();
  g_autofree char *junk = g_build_filename (dir, "junk.db", NULL);
  g_autofree char *bad_sql = g_build_filename (dir, "bad.sql", NULL);
  g_autofree char *message = NULL;

  g_assert_true (g_file_set_contents (junk, "this is not a database, only text\n", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-from", "(ss)", junk, "detect"));
  message = take_error_message (window);
  g_assert_cmpstr (message, !=, "");

  g_assert_true (g_file_set_contents (bad_sql, "CREATE TABLE t (id integer PRIMARY KEY,\n  name tex t t\n", -1, NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.import-from", "(ss)", bad_sql, "postgresql"));
  g_clear_pointer (&message, g_free);
  message = take_error_message (window);
  g_assert_nonnull (strstr (message, "bad.sql"));

  /* No document came of either. */
  g_assert_cmpuint (g_list_length (gtk_application_get_windows (GTK_APPLICATION (cardinal_ui_test_get_application ()))),
                    ==, n_windows);
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* Apply --------------------------------------------------------------------------- */

static GHashTable *
sqlite_tables (const char *path)
{
  GHashTable *tables = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READONLY, NULL), ==, SQLITE_OK);
  /* sqlite_sequence and the like are SQLite's own. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT name FROM sqlite_schema WHERE type = 'table' "
                                       "AND substr (name, 1, 7) <> 'sqlite_'", -1,
                                       &statement, NULL), ==, SQLITE_OK);
  while (sqlite3_step (statement) == SQLITE_ROW)
    g_hash_table_add (tables, g_strdup ((const char *) sqlite3_column_text (statement, 0)));
  sqlite3_finalize (statement);
  sqlite3_close (db);
  return tables;
}

static void
test_apply_sqlite (void)
{
  CardinalWindow *window = open_copy ("school");
  g_autoptr(CardinalSchema) schema = cardinal_engineer (window_model (window));
  g_autofree char *dir = temp_dir ();
  g_autofree char *db = g_build_filename (dir, "school.db", NULL);
  g_autoptr(GHashTable) tables = NULL;
  g_autoptr(GHashTable) again = NULL;
  g_autofree char *message = NULL;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-to", "s", db));
  wait_idle (window);
  g_assert_false (has_message_dialog (window));
  tables = sqlite_tables (db);
  g_assert_cmpuint (g_hash_table_size (tables), ==, schema->tables->len);
  for (guint i = 0; i < schema->tables->len; i++)
    g_assert_true (g_hash_table_contains (tables, ((CardinalTable *) g_ptr_array_index (schema->tables, i))->name));

  /* A second time the tables exist: the database's error, and nothing changes. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-to", "s", db));
  message = take_error_message (window);
  g_assert_nonnull (strstr (message, "already exists"));
  g_assert_nonnull (strstr (message, "Nothing was applied"));
  again = sqlite_tables (db);
  g_assert_cmpuint (g_hash_table_size (again), ==, g_hash_table_size (tables));

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* The dialogs ------------------------------------------------------------------------- */

static gboolean
has_toplevel (gpointer data)
{
  return find_toplevel (GPOINTER_TO_SIZE (data)) != NULL;
}

static GtkWindow *
open_dialog (CardinalWindow *window,
             const char     *action,
             GType           type)
{
  GtkWindow *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), action, NULL));
  g_assert_true (cardinal_ui_test_wait (has_toplevel, GSIZE_TO_POINTER (type), 10000));
  dialog = find_toplevel (type);
  g_assert_true (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (dialog));
  return dialog;
}

static gboolean
test_row_settled (gpointer data)
{
  const char *subtitle = adw_action_row_get_subtitle (data);

  return gtk_widget_has_css_class (data, "error") || gtk_widget_has_css_class (data, "success") ||
         (subtitle != NULL && strstr (subtitle, "Connecting") == NULL && strstr (subtitle, "reads nothing") == NULL);
}

static GtkWidget *
find_by_type_and_title (GtkWidget  *widget,
                        GType       type,
                        const char *title)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type) &&
      g_strcmp0 (adw_preferences_row_get_title (ADW_PREFERENCES_ROW (widget)), title) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type_and_title (child, type, title);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_by_type (GtkWidget *widget,
              GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_by_type (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static void
test_dialogs (void)
{
  CardinalWindow *window = open_copy ("school");
  GtkWindow *dialog;
  GtkWidget *row;
  g_autofree char *conninfo = NULL;
  g_autofree char *script = NULL;

  /* The progress banner over the canvas, as any background work shows it. */
  if (g_getenv ("CARDINAL_TEST_SHOT_DIR") != NULL)
    {
      g_autoptr(GCancellable) cancellable = cardinal_window_begin_task (window, "Arranging with Graphviz…");

      g_assert_true (cardinal_window_is_busy (window));
      maybe_save_shot (GTK_WIDGET (window), "task-banner");
      cardinal_window_end_task (window, cancellable);
      g_assert_false (cardinal_window_is_busy (window));
    }

  dialog = open_dialog (window, "win.export-diagram", CARDINAL_TYPE_DIAGRAM_DIALOG);
  maybe_save_shot (GTK_WIDGET (dialog), "diagram-dialog");
  cardinal_ui_test_destroy (dialog);

  dialog = open_dialog (window, "win.generate-code", CARDINAL_TYPE_CODEGEN_DIALOG);
  maybe_save_shot (GTK_WIDGET (dialog), "codegen-dialog");
  cardinal_ui_test_destroy (dialog);

  /* The fields make a conninfo with libpq's quoting; the password is not in it. */
  dialog = open_dialog (window, "win.import-postgresql", CARDINAL_TYPE_IMPORT_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Host")),
                         "127.0.0.1");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Port")),
                         "1");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Database")),
                         "shop db");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "User")),
                         "o'neil");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                               "Password")),
                         "secret");
  conninfo = cardinal_import_dialog_get_conninfo (CARDINAL_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (conninfo, ==, "host='127.0.0.1' port='1' dbname='shop db' user='o\\'neil'");
  /* Nothing listens on port 1: libpq's own words come back. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.test", NULL));
  row = find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Test Connection");
  g_assert_true (cardinal_ui_test_wait (test_row_settled, row, TASK_TIMEOUT_MS));
  g_assert_true (gtk_widget_has_css_class (row, "error"));
  g_assert_nonnull (strstr (adw_action_row_get_subtitle (ADW_ACTION_ROW (row)), "127.0.0.1"));
  maybe_save_shot (GTK_WIDGET (dialog), "import-dialog");
  cardinal_ui_test_destroy (dialog);

  /* The preview is the exact script, in the target's dialect. */
  dialog = open_dialog (window, "win.apply-to-database", CARDINAL_TYPE_DEPLOY_DIALOG);
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (dialog), "deploy.apply", NULL) &&
                  cardinal_window_is_busy (window));
  cardinal_deploy_dialog_set_target (CARDINAL_DEPLOY_DIALOG (dialog), "/tmp/school.db");
  script = cardinal_deploy_dialog_get_script (CARDINAL_DEPLOY_DIALOG (dialog));
  g_assert_nonnull (strstr (script, "CREATE TABLE"));
  g_assert_null (strstr (script, "SERIAL"));
  g_clear_pointer (&script, g_free);
  cardinal_deploy_dialog_set_target (CARDINAL_DEPLOY_DIALOG (dialog), "postgresql://user:pw@localhost/school");
  script = cardinal_deploy_dialog_get_script (CARDINAL_DEPLOY_DIALOG (dialog));
  g_assert_nonnull (strstr (script, "CREATE TABLE"));
  g_assert_null (strstr (script, ":pw@"));
  maybe_save_shot (GTK_WIDGET (dialog), "deploy-dialog");
  cardinal_ui_test_destroy (dialog);

  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

static const char *const remembered_keys[] = {
  "diagram-format", "diagram-view", "diagram-png-scale", "diagram-png-max-size", "codegen-backend",
  "codegen-folder", "import-dialect", "import-connection", "apply-target",
};

static void
forget_choices (void)
{
  GSettings *settings = cardinal_application_get_settings (cardinal_ui_test_get_application ());

  for (guint i = 0; i < G_N_ELEMENTS (remembered_keys); i++)
    g_settings_reset (settings, remembered_keys[i]);
}

/* Each dialog opens with the choices it last closed with; connection
 * strings come back without their password. */
static void
test_dialogs_remember (void)
{
  CardinalWindow *window = open_copy ("school");
  GSettings *settings = cardinal_application_get_settings (cardinal_ui_test_get_application ());
  g_autofree char *dir = temp_dir ();
  g_autofree char *folder = g_build_filename (dir, "generated", NULL);
  g_autoptr(GFile) folder_file = g_file_new_for_path (folder);
  g_autofree char *stored = NULL;
  CardinalDiagramOptions options;
  GtkWindow *dialog;
  GtkWidget *fit_row;
  GtkWidget *fit_switch;
  GtkWidget *fit_spin;

  forget_choices ();

  /* Diagram: PNG, physical (the canvas shows logical), 3×, fitted to 2,500 pixels. */
  dialog = open_dialog (window, "win.export-diagram", CARDINAL_TYPE_DIAGRAM_DIALOG);
  cardinal_diagram_dialog_get_options (CARDINAL_DIAGRAM_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, CARDINAL_DIAGRAM_FORMAT_SVG);
  g_assert_cmpint (options.view, ==, CARDINAL_DIAGRAM_VIEW_LOGICAL);
  g_assert_false (gtk_widget_get_visible (gtk_widget_get_ancestor (
    find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Scale"), ADW_TYPE_PREFERENCES_GROUP)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                                     "_Format")), 1);
  g_assert_true (gtk_widget_get_visible (gtk_widget_get_ancestor (
    find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW, "_Scale"), ADW_TYPE_PREFERENCES_GROUP)));
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                                     "_View")), 1);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW,
                                                                     "_Scale")), 2);
  fit_row = find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Fit to at Most");
  g_assert_nonnull (fit_row);
  /* The switch through its row, as a click on the row would. */
  g_assert_true (gtk_widget_activate (fit_row));
  fit_switch = find_by_type (fit_row, GTK_TYPE_SWITCH);
  fit_spin = find_by_type (fit_row, GTK_TYPE_SPIN_BUTTON);
  g_assert_true (gtk_switch_get_active (GTK_SWITCH (fit_switch)));
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (fit_spin), 2500);
  cardinal_diagram_dialog_get_options (CARDINAL_DIAGRAM_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, CARDINAL_DIAGRAM_FORMAT_PNG);
  g_assert_cmpfloat (options.png_scale, ==, 3.0);
  g_assert_cmpuint (options.png_max_size, ==, 2500);
  maybe_save_shot (GTK_WIDGET (dialog), "diagram-dialog-png");
  cardinal_ui_test_destroy (dialog);

  dialog = open_dialog (window, "win.export-diagram", CARDINAL_TYPE_DIAGRAM_DIALOG);
  cardinal_diagram_dialog_get_options (CARDINAL_DIAGRAM_DIALOG (dialog), &options);
  g_assert_cmpint (options.format, ==, CARDINAL_DIAGRAM_FORMAT_PNG);
  g_assert_cmpint (options.view, ==, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  g_assert_cmpfloat (options.png_scale, ==, 3.0);
  g_assert_cmpuint (options.png_max_size, ==, 2500);
  /* Not fitted any more: remembered as such. */
  gtk_widget_activate (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "_Fit to at Most"));
  cardinal_ui_test_destroy (dialog);
  dialog = open_dialog (window, "win.export-diagram", CARDINAL_TYPE_DIAGRAM_DIALOG);
  cardinal_diagram_dialog_get_options (CARDINAL_DIAGRAM_DIALOG (dialog), &options);
  g_assert_cmpuint (options.png_max_size, ==, 0);
  g_assert_cmpfloat (options.png_scale, ==, 3.0);
  cardinal_ui_test_destroy (dialog);

  /* C models: the libpq backend into a folder of the user's. */
  dialog = open_dialog (window, "win.generate-code", CARDINAL_TYPE_CODEGEN_DIALOG);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog),
                                                                             ADW_TYPE_COMBO_ROW))), ==, 0);
  adw_combo_row_set_selected (ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog), ADW_TYPE_COMBO_ROW)), 1);
  cardinal_codegen_dialog_set_directory (CARDINAL_CODEGEN_DIALOG (dialog), folder_file);
  cardinal_ui_test_destroy (dialog);
  dialog = open_dialog (window, "win.generate-code", CARDINAL_TYPE_CODEGEN_DIALOG);
  g_assert_cmpuint (adw_combo_row_get_selected (ADW_COMBO_ROW (find_by_type (GTK_WIDGET (dialog),
                                                                             ADW_TYPE_COMBO_ROW))), ==, 1);
  g_assert_true (g_file_equal (cardinal_codegen_dialog_get_directory (CARDINAL_CODEGEN_DIALOG (dialog)),
                               folder_file));
  cardinal_ui_test_destroy (dialog);

  /* PostgreSQL import: the fields come back, the password does not. */
  dialog = open_dialog (window, "win.import-postgresql", CARDINAL_TYPE_IMPORT_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Host")),
                         "db.example");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "Database")),
                         "shop db");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW, "User")),
                         "ann");
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                               "Password")),
                         "s3cret");
  cardinal_ui_test_destroy (dialog);
  stored = g_settings_get_string (settings, "import-connection");
  g_assert_null (strstr (stored, "s3cret"));
  g_clear_pointer (&stored, g_free);
  dialog = open_dialog (window, "win.import-postgresql", CARDINAL_TYPE_IMPORT_DIALOG);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog),
                                                                                ADW_TYPE_ENTRY_ROW, "Host"))),
                   ==, "db.example");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog),
                                                                                ADW_TYPE_ENTRY_ROW, "Database"))),
                   ==, "shop db");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog),
                                                                                ADW_TYPE_ENTRY_ROW, "User"))),
                   ==, "ann");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog),
                                                                                ADW_TYPE_PASSWORD_ENTRY_ROW,
                                                                                "Password"))), ==, "");
  /* A password typed into a URI is left out too. */
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                               "URI or Conninfo")),
                         "postgresql://ann:s3cret@db.example/shop?sslmode=require");
  cardinal_ui_test_destroy (dialog);
  stored = g_settings_get_string (settings, "import-connection");
  g_assert_null (strstr (stored, "s3cret"));
  g_clear_pointer (&stored, g_free);
  dialog = open_dialog (window, "win.import-postgresql", CARDINAL_TYPE_IMPORT_DIALOG);
  stored = cardinal_import_dialog_get_conninfo (CARDINAL_IMPORT_DIALOG (dialog));
  g_assert_cmpstr (stored, ==, "user=ann dbname=shop host=db.example sslmode=require");
  g_clear_pointer (&stored, g_free);
  cardinal_ui_test_destroy (dialog);

  /* Apply: the target without its password; an SQLite file as it was. */
  dialog = open_dialog (window, "win.apply-to-database", CARDINAL_TYPE_DEPLOY_DIALOG);
  cardinal_deploy_dialog_set_target (CARDINAL_DEPLOY_DIALOG (dialog), "postgresql://ann:s3cret@localhost/school");
  cardinal_ui_test_destroy (dialog);
  dialog = open_dialog (window, "win.apply-to-database", CARDINAL_TYPE_DEPLOY_DIALOG);
  stored = cardinal_deploy_dialog_get_script (CARDINAL_DEPLOY_DIALOG (dialog));
  g_assert_null (strstr (stored, "s3cret"));
  g_assert_nonnull (strstr (stored, "-- Deploy to: user=ann dbname=school host=localhost\n"));
  g_clear_pointer (&stored, g_free);
  cardinal_deploy_dialog_set_target (CARDINAL_DEPLOY_DIALOG (dialog), "/tmp/school.db");
  cardinal_ui_test_destroy (dialog);
  g_assert_cmpstr ((stored = g_settings_get_string (settings, "apply-target")), ==, "/tmp/school.db");
  g_clear_pointer (&stored, g_free);

  forget_choices ();
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

/* PostgreSQL: apply through the action, then import through the connection dialog. */
static void
test_postgresql (void)
{
  g_autoptr(GError) error = NULL;
  CardinalTestPg *pg = cardinal_test_pg_suite ();
  CardinalWindow *window;
  const CardinalModel *expected;
  g_autofree char *conninfo = NULL;
  g_autofree char *title = NULL;
  g_autofree char *dbname = NULL;
  WindowWait wait = { NULL, NULL, NULL };
  GtkWindow *dialog;
  GtkWidget *row;
  PGconn *conn;

  if (pg == NULL)
    return;
  conn = cardinal_test_pg_new_database (pg, &dbname, &error);
  g_assert_no_error (error);
  conninfo = cardinal_test_pg_conninfo (pg, dbname);
  title = g_strdup_printf ("%s —", dbname);
  PQfinish (conn);

  window = open_copy ("blog");
  expected = window_model (window);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.apply-to", "s", conninfo));
  wait_idle (window);
  g_assert_false (has_message_dialog (window));

  dialog = open_dialog (window, "win.import-postgresql", CARDINAL_TYPE_IMPORT_DIALOG);
  gtk_editable_set_text (GTK_EDITABLE (find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ENTRY_ROW,
                                                               "URI or Conninfo")), conninfo);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.test", NULL));
  row = find_by_type_and_title (GTK_WIDGET (dialog), ADW_TYPE_ACTION_ROW, "Test Connection");
  g_assert_true (cardinal_ui_test_wait (test_row_settled, row, TASK_TIMEOUT_MS));
  g_assert_true (gtk_widget_has_css_class (row, "success"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "import.import", NULL));

  wait.except = window;
  wait.title = title;
  g_assert_true (cardinal_ui_test_wait (has_other_window, &wait, TASK_TIMEOUT_MS));
  g_assert_cmpuint (window_model (wait.found)->entities->len, ==, expected->entities->len);
  for (guint i = 0; i < expected->entities->len; i++)
    g_assert_nonnull (cardinal_model_find_entity (window_model (wait.found),
                                                  ((CardinalEntity *) g_ptr_array_index (expected->entities, i))->name));

  cardinal_ui_test_destroy (GTK_WINDOW (wait.found));
  cardinal_ui_test_destroy (GTK_WINDOW (window));
}

int
main (int   argc,
      char *argv[])
{
  int status;

  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();
  /* Pictures of settled widgets, not of rows halfway through a transition. */
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  g_test_add_func ("/ui/tasks/arrange", test_arrange);
  g_test_add_func ("/ui/tasks/arrange-stale", test_arrange_stale);
  g_test_add_func ("/ui/tasks/arrange-cancel", test_arrange_cancel);
  g_test_add_func ("/ui/tasks/export-diagram", test_export_diagram);
  g_test_add_func ("/ui/tasks/generate-code", test_generate_code);
  g_test_add_func ("/ui/tasks/import-sqlite", test_import_sqlite);
  g_test_add_func ("/ui/tasks/import-errors", test_import_errors);
  g_test_add_func ("/ui/tasks/apply-sqlite", test_apply_sqlite);
  g_test_add_func ("/ui/tasks/dialogs", test_dialogs);
  g_test_add_func ("/ui/tasks/dialogs-remember", test_dialogs_remember);
  g_test_add_func ("/ui/tasks/postgresql", test_postgresql);
  status = cardinal_ui_test_run ();
  cardinal_test_pg_suite_stop ();
  return status;
}
