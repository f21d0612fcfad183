/* test-overview.c: the minimap, semantic zoom and Find in a real window, driven with real input events (xdotool). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include <gdk/x11/gdkx.h>

#include "cardinal-canvas.h"
#include "cardinal-canvas-minimap.h"
#include "cardinal-canvas-private.h"
#include "cardinal-document.h"
#include "cardinal-ui-test.h"

#define COLUMNS 10
#define ROWS     6

/* A grid of entities; "sku" is a column of exactly two of them (box_13 and
 * box_42), "shelf_sku" of none (it would be a third match), and the
 * relationship "box_13_stocks" joins box_13 to box_14. */
static char *
write_model (void)
{
  g_autoptr(CardinalModel) model = cardinal_model_new ("overview");
  g_autoptr(GError) error = NULL;
  g_autofree char *path = g_build_filename (cardinal_ui_test_get_home (), "overview.cardinal", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  CardinalRelationship *relationship;

  for (guint i = 0; i < COLUMNS * ROWS; i++)
    {
      g_autofree char *name = g_strdup_printf ("box_%02u", i);
      CardinalEntity *entity = cardinal_entity_new (name);
      CardinalAttribute *id = cardinal_attribute_new ("id", "integer");

      id->primary_key = TRUE;
      cardinal_entity_add_attribute (entity, id);
      cardinal_entity_add_attribute (entity, cardinal_attribute_new ("label", "text"));
      if (i == 13 || i == 42)
        cardinal_entity_add_attribute (entity, cardinal_attribute_new ("sku", "text"));
      cardinal_entity_add_attribute (entity, cardinal_attribute_new ("created_at", "timestamp"));
      entity->x = 40 + (i % COLUMNS) * 320;
      entity->y = 40 + (i / COLUMNS) * 260;
      cardinal_model_add_entity (model, entity);
    }
  relationship = cardinal_relationship_new ("box_13_stocks", "box_13", "box_14", CARDINAL_KIND_ONE_TO_MANY,
                                            CARDINAL_STRATEGY_FK);
  cardinal_model_add_relationship (model, relationship);
  /* A note far from where the view starts, found by a word of its text. */
  g_ptr_array_add (model->notes, cardinal_note_new ("Count the Inventory weekly", 40 + 7 * 320, 40 + 5 * 260 + 120));
  g_assert_true (cardinal_document_save_file (model, file, &error));
  g_assert_no_error (error);
  return g_steal_pointer (&path);
}

typedef struct
{
  CardinalWindow *window;
  CardinalCanvas *canvas;
  GtkWidget      *minimap;
  GSubprocess    *tool;
  gboolean        tool_done;
  guint           frames;
} Fixture;

static gboolean
canvas_ready (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->canvas)) && gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 200;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Fixture       *f)
{
  f->frames++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *path = write_model ();
  g_autoptr(GFile) file = g_file_new_for_path (path);

  f->window = cardinal_window_new (GTK_APPLICATION (cardinal_ui_test_get_application ()));
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 800);
  g_assert_true (cardinal_window_open_file (f->window, file));
  f->canvas = CARDINAL_CANVAS (cardinal_window_get_canvas (f->window));
  f->minimap = cardinal_ui_test_find_descendant (GTK_WIDGET (f->window), CARDINAL_TYPE_CANVAS_MINIMAP);
  g_assert_nonnull (f->minimap);
  cardinal_ui_test_show (GTK_WINDOW (f->window));
  g_assert_true (cardinal_ui_test_wait (canvas_ready, f, 10000));
  g_signal_connect (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), "after-paint",
                    G_CALLBACK (after_paint_cb), f);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_signal_handlers_disconnect_by_data (gtk_widget_get_frame_clock (GTK_WIDGET (f->window)), f);
  cardinal_ui_test_destroy (GTK_WINDOW (f->window));
}

static gboolean
tool_done (gpointer data)
{
  Fixture *f = data;

  return f->tool_done;
}

static void
tool_wait_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Fixture *f = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  f->tool_done = TRUE;
}

/* Runs xdotool with @args (space-separated) while the main context keeps
 * running, so the window handles the events as they come. */
static void
xdotool (Fixture    *f,
         const char *args)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *line = g_strconcat ("xdotool ", args, NULL);
  g_auto(GStrv) argv = NULL;

  g_assert_true (g_shell_parse_argv (line, NULL, &argv, &error));
  f->tool = g_subprocess_newv ((const char * const *) argv, G_SUBPROCESS_FLAGS_NONE, &error);
  g_assert_no_error (error);
  f->tool_done = FALSE;
  g_subprocess_wait_async (f->tool, NULL, tool_wait_cb, f);
  g_assert_true (cardinal_ui_test_wait (tool_done, f, 20000));
  g_assert_cmpint (g_subprocess_get_exit_status (f->tool), ==, 0);
  g_clear_object (&f->tool);
}

static gulong
xid (Fixture *f)
{
  return gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (f->window)));
}

static gboolean
window_focused (gpointer data)
{
  Fixture *f = data;

  return gtk_window_is_active (GTK_WINDOW (f->window));
}

/* No window manager under Xvfb: give the window the keyboard focus by hand. */
static void
focus_window (Fixture *f)
{
  g_autofree char *args = g_strdup_printf ("windowraise %lu windowfocus --sync %lu", xid (f), xid (f));

  xdotool (f, args);
  g_assert_true (cardinal_ui_test_wait (window_focused, f, 10000));
}

/* Widget coordinates of @widget in the window's X surface. */
static void
surface_point (Fixture    *f,
               GtkWidget  *widget,
               double      x,
               double      y,
               int        *sx,
               int        *sy)
{
  graphene_point_t point;
  double tx, ty;

  g_assert_true (gtk_widget_compute_point (widget, GTK_WIDGET (f->window), &GRAPHENE_POINT_INIT (x, y), &point));
  gtk_native_get_surface_transform (GTK_NATIVE (f->window), &tx, &ty);
  *sx = (int) round (point.x + tx);
  *sy = (int) round (point.y + ty);
}

static gboolean
new_frame (gpointer data)
{
  Fixture *f = data;

  return f->frames > 0;
}

static void
wait_frame (Fixture *f)
{
  f->frames = 0;
  gtk_widget_queue_draw (GTK_WIDGET (f->canvas));
  g_assert_true (cardinal_ui_test_wait (new_frame, f, 10000));
  /* The frame that follows the queued draw has drawn it. */
  f->frames = 0;
  g_assert_true (cardinal_ui_test_wait (new_frame, f, 10000));
}

static gboolean
minimap_shown (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (f->minimap) && gtk_widget_get_width (f->minimap) > 0;
}

static gboolean
minimap_hidden (gpointer data)
{
  Fixture *f = data;

  return !gtk_widget_get_visible (f->minimap);
}

static void
visible_center (Fixture *f,
                double  *x,
                double  *y)
{
  graphene_rect_t visible;

  cardinal_canvas_get_visible_rect (f->canvas, &visible);
  *x = visible.origin.x + visible.size.width / 2;
  *y = visible.origin.y + visible.size.height / 2;
}

static void
test_minimap (Fixture       *f,
              gconstpointer  data)
{
  GtkAdjustment *hadjustment = gtk_scrollable_get_hadjustment (GTK_SCROLLABLE (f->canvas));
  GtkAdjustment *vadjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (f->canvas));
  double h0, v0, cx, cy, mx1, my1, mx2, my2, target_x, target_y;
  int sx1, sy1, sx2, sy2;
  guint builds;
  g_autofree char *args = NULL;

  g_assert_false (gtk_widget_get_visible (f->minimap));
  focus_window (f);
  xdotool (f, "key --delay 40 ctrl+m");
  g_assert_true (cardinal_ui_test_wait (minimap_shown, f, 10000));

  /* At 100 % the model is larger than the view: a drag in the minimap pans. */
  cardinal_canvas_set_zoom (f->canvas, 1.0, 0, 0);
  cardinal_canvas_scroll_to (f->canvas, 400, 300);
  wait_frame (f);
  builds = cardinal_canvas_minimap_get_cache_builds (CARDINAL_CANVAS_MINIMAP (f->minimap));
  g_assert_cmpuint (builds, >, 0);
  h0 = gtk_adjustment_get_value (hadjustment);
  v0 = gtk_adjustment_get_value (vadjustment);

  /* From the frame's middle towards the model's bottom-right quarter. */
  g_assert_true (cardinal_canvas_minimap_model_to_widget (CARDINAL_CANVAS_MINIMAP (f->minimap), 400, 300, &mx1, &my1));
  target_x = 40 + 7 * 320;
  target_y = 40 + 4 * 260;
  g_assert_true (cardinal_canvas_minimap_model_to_widget (CARDINAL_CANVAS_MINIMAP (f->minimap),
                                                          target_x, target_y, &mx2, &my2));
  surface_point (f, f->minimap, mx1, my1, &sx1, &sy1);
  surface_point (f, f->minimap, mx2, my2, &sx2, &sy2);
  args = g_strdup_printf ("mousemove --window %lu --sync %d %d mousedown 1 "
                          "mousemove --window %lu --sync %d %d sleep 0.05 "
                          "mousemove --window %lu --sync %d %d sleep 0.05 mouseup 1",
                          xid (f), sx1, sy1, xid (f), (sx1 + sx2) / 2, (sy1 + sy2) / 2, xid (f), sx2, sy2);
  xdotool (f, args);
  wait_frame (f);

  g_assert_cmpfloat (gtk_adjustment_get_value (hadjustment), >, h0 + 500);
  g_assert_cmpfloat (gtk_adjustment_get_value (vadjustment), >, v0 + 300);
  /* The view is centred where the pointer let go (a minimap pixel is ~15 model units). */
  visible_center (f, &cx, &cy);
  g_assert_cmpfloat (fabs (cx - target_x), <, 40);
  g_assert_cmpfloat (fabs (cy - target_y), <, 40);
  /* Panning moved the frame, not the picture of the boxes. */
  g_assert_cmpuint (cardinal_canvas_minimap_get_cache_builds (CARDINAL_CANVAS_MINIMAP (f->minimap)), ==, builds);

  /* Ctrl+M again hides it. */
  xdotool (f, "key --delay 40 ctrl+m");
  g_assert_true (cardinal_ui_test_wait (minimap_hidden, f, 10000));
}

static void
test_names_at_low_zoom (Fixture       *f,
                        gconstpointer  data)
{
  guint names = 0, labels = 0;

  /* The rows fade over a zoom range instead of vanishing at one step. */
  g_assert_cmpfloat (cardinal_canvas_rows_alpha (ROWS_OPAQUE_ZOOM), ==, 1.0);
  g_assert_cmpfloat (cardinal_canvas_rows_alpha (LOD_FULL_ZOOM), ==, 0.0);
  g_assert_cmpfloat (cardinal_canvas_rows_alpha ((ROWS_OPAQUE_ZOOM + LOD_FULL_ZOOM) / 2), >, 0.2);
  g_assert_cmpfloat (cardinal_canvas_rows_alpha ((ROWS_OPAQUE_ZOOM + LOD_FULL_ZOOM) / 2), <, 0.8);

  /* At 10 % every box is a few pixels: names go above them as labels. */
  cardinal_canvas_set_zoom (f->canvas, 0.1, 0, 0);
  cardinal_canvas_scroll_to (f->canvas, 40 + 5 * 320, 40 + 3 * 260);
  wait_frame (f);
  cardinal_canvas_get_drawn_names (f->canvas, &names, &labels);
  g_assert_cmpuint (labels, >, 0);
  g_assert_cmpuint (names, >=, 20);
  g_assert_cmpuint (names, <=, COLUMNS * ROWS);

  /* At 100 % every visible name is inside its box. */
  cardinal_canvas_set_zoom (f->canvas, 1.0, 0, 0);
  cardinal_canvas_scroll_to (f->canvas, 400, 300);
  wait_frame (f);
  cardinal_canvas_get_drawn_names (f->canvas, &names, &labels);
  g_assert_cmpuint (names, >, 0);
  g_assert_cmpuint (labels, ==, 0);
}

typedef struct
{
  Fixture    *f;
  const char *entity;
  const char *status;
} FindWait;

static gboolean
found (gpointer data)
{
  FindWait *wait = data;
  CardinalWindow *window = wait->f->window;
  GtkWidget *search_bar = cardinal_ui_test_find_descendant (GTK_WIDGET (window), GTK_TYPE_SEARCH_BAR);
  g_auto(GStrv) selected = cardinal_canvas_get_selected_entities (wait->f->canvas);
  GtkWidget *label;

  /* The status label is the search entry's next sibling. */
  label = gtk_widget_get_next_sibling (cardinal_ui_test_find_descendant (search_bar, GTK_TYPE_SEARCH_ENTRY));
  return selected != NULL && selected[0] != NULL && selected[1] == NULL &&
         g_str_equal (selected[0], wait->entity) &&
         g_str_equal (gtk_label_get_text (GTK_LABEL (label)), wait->status);
}

static void
assert_highlighted (Fixture    *f,
                    const char *entity,
                    int         row)
{
  g_autofree char *highlighted = NULL;
  int highlighted_row = -1;

  g_assert_true (cardinal_canvas_get_highlighted_row (f->canvas, &highlighted, &highlighted_row));
  g_assert_cmpstr (highlighted, ==, entity);
  g_assert_cmpint (highlighted_row, ==, row);
}

static gboolean
relationship_selected (gpointer data)
{
  Fixture *f = data;
  g_auto(GStrv) selected = cardinal_canvas_get_selected_relationships (f->canvas);

  return selected != NULL && selected[0] != NULL && g_str_equal (selected[0], "box_13_stocks");
}

static gboolean
note_selected (gpointer data)
{
  Fixture *f = data;

  return cardinal_canvas_get_selected_note (f->canvas) == 0;
}

static void
test_find (Fixture       *f,
           gconstpointer  data)
{
  FindWait wait = { f, "box_13", "1 of 2" };
  graphene_rect_t visible, bounds;

  cardinal_canvas_set_zoom (f->canvas, 1.0, 0, 0);
  cardinal_canvas_scroll_to (f->canvas, 400, 300);
  focus_window (f);
  xdotool (f, "key --delay 40 ctrl+f");
  xdotool (f, "type --delay 40 sku");
  g_assert_true (cardinal_ui_test_wait (found, &wait, 10000));
  /* "sku" is the third row (id, label, sku) of box_13. */
  assert_highlighted (f, "box_13", 2);

  /* Enter: the next entity holding the column, scrolled into view. */
  xdotool (f, "key --delay 40 Return");
  wait.entity = "box_42";
  wait.status = "2 of 2";
  g_assert_true (cardinal_ui_test_wait (found, &wait, 10000));
  assert_highlighted (f, "box_42", 2);
  wait_frame (f);
  cardinal_canvas_get_visible_rect (f->canvas, &visible);
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "box_42", &bounds));
  g_assert_true (graphene_rect_contains_rect (&visible, &bounds));

  /* Shift+Enter goes back; F3 forwards again; Ctrl+Shift+G back. */
  xdotool (f, "key --delay 40 shift+Return");
  wait.entity = "box_13";
  wait.status = "1 of 2";
  g_assert_true (cardinal_ui_test_wait (found, &wait, 10000));
  xdotool (f, "key --delay 40 F3");
  wait.entity = "box_42";
  wait.status = "2 of 2";
  g_assert_true (cardinal_ui_test_wait (found, &wait, 10000));
  xdotool (f, "key --delay 40 ctrl+shift+g");
  wait.entity = "box_13";
  wait.status = "1 of 2";
  g_assert_true (cardinal_ui_test_wait (found, &wait, 10000));

  /* Relationships are found too. */
  xdotool (f, "key --delay 40 ctrl+a");
  xdotool (f, "type --delay 40 stocks");
  g_assert_true (cardinal_ui_test_wait (relationship_selected, f, 10000));

  /* And notes, by a word of their text, whatever its case: selected alone
   * and scrolled into view. */
  xdotool (f, "key --delay 40 ctrl+a");
  xdotool (f, "type --delay 40 inventory");
  g_assert_true (cardinal_ui_test_wait (note_selected, f, 10000));
  wait_frame (f);
  {
    const CardinalNote *note = g_ptr_array_index (cardinal_history_get_model (cardinal_window_get_history (f->window))->notes, 0);

    cardinal_canvas_get_visible_rect (f->canvas, &visible);
    g_assert_true (graphene_rect_contains_rect (&visible, &GRAPHENE_RECT_INIT (note->x, note->y, note->width,
                                                                                note->height)));
  }
}

int
main (int   argc,
      char *argv[])
{
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add ("/overview/minimap", Fixture, NULL, fixture_set_up, test_minimap, fixture_tear_down);
  g_test_add ("/overview/names-at-low-zoom", Fixture, NULL, fixture_set_up, test_names_at_low_zoom, fixture_tear_down);
  g_test_add ("/overview/find", Fixture, NULL, fixture_set_up, test_find, fixture_tear_down);
  return cardinal_ui_test_run ();
}
