/* test-canvas.c: the canvas in a window on blog.cardinal: selection, delete and undo, moves, zoom to fit, views, rendering. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cardinal-canvas.h"
#include "cardinal-canvas-item.h"
#include "cardinal-canvas-private.h"
#include "cardinal-test-support.h"
#include "cardinal-ui-test.h"

typedef struct
{
  GtkWindow       *window;
  CardinalCanvas  *canvas;
  CardinalHistory *history;
  guint            selection_changes;
} Fixture;

static gboolean
canvas_allocated (gpointer data)
{
  Fixture *f = data;

  return gtk_widget_get_mapped (GTK_WIDGET (f->canvas)) &&
         gtk_widget_get_width (GTK_WIDGET (f->canvas)) > 0 &&
         gtk_widget_get_height (GTK_WIDGET (f->canvas)) > 0;
}

static void
selection_changed_cb (CardinalCanvas *canvas,
                      Fixture        *f)
{
  f->selection_changes++;
}

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  GtkWidget *scrolled = gtk_scrolled_window_new ();

  f->history = cardinal_history_new (cardinal_test_load_example ("blog"));
  f->canvas = CARDINAL_CANVAS (cardinal_canvas_new ());
  cardinal_canvas_set_history (f->canvas, f->history);
  g_signal_connect (f->canvas, "selection-changed", G_CALLBACK (selection_changed_cb), f);

  /* In a scrolled window, as in the designer: the canvas is its scrollable child. */
  f->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (f->window, 800, 560);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (scrolled), GTK_WIDGET (f->canvas));
  gtk_window_set_child (f->window, scrolled);
  cardinal_ui_test_show (f->window);
  g_assert_true (cardinal_ui_test_wait (canvas_allocated, f, 10000));
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  cardinal_ui_test_destroy (f->window);
  g_clear_object (&f->history);
}

static const CardinalModel *
model (Fixture *f)
{
  return cardinal_history_get_model (f->history);
}

static void
assert_names (const char * const *names,
              GPtrArray          *objects,
              gboolean            entities)
{
  g_assert_cmpuint (g_strv_length ((char **) names), ==, objects->len);
  for (guint i = 0; i < objects->len; i++)
    {
      const char *expected = entities ? ((CardinalEntity *) g_ptr_array_index (objects, i))->name
                                      : ((CardinalRelationship *) g_ptr_array_index (objects, i))->name;

      g_assert_cmpstr (names[i], ==, expected);
    }
}

static void
test_select_all (Fixture       *f,
                 gconstpointer  data)
{
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;

  entities = cardinal_canvas_get_selected_entities (f->canvas);
  g_assert_cmpuint (g_strv_length (entities), ==, 0);
  g_clear_pointer (&entities, g_strfreev);

  cardinal_canvas_select_all (f->canvas);
  entities = cardinal_canvas_get_selected_entities (f->canvas);
  relationships = cardinal_canvas_get_selected_relationships (f->canvas);
  assert_names ((const char * const *) entities, model (f)->entities, TRUE);
  assert_names ((const char * const *) relationships, model (f)->relationships, FALSE);
  g_assert_cmpuint (f->selection_changes, ==, 1);

  /* Selecting everything again changes nothing and says nothing. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.select-all", NULL));
  g_assert_cmpuint (f->selection_changes, ==, 1);
}

static void
test_delete_and_undo (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(GPtrArray) before = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) entities = NULL;
  guint n_entities = model (f)->entities->len;
  guint n_relationships = model (f)->relationships->len;

  g_assert_cmpuint (n_entities, >, 0);
  for (guint i = 0; i < n_entities; i++)
    g_ptr_array_add (before, g_strdup (((CardinalEntity *) g_ptr_array_index (model (f)->entities, i))->name));
  g_assert_false (cardinal_history_can_undo (f->history));

  cardinal_canvas_select_all (f->canvas);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.delete", NULL));
  g_assert_cmpuint (model (f)->entities->len, ==, 0);
  g_assert_cmpuint (model (f)->relationships->len, ==, 0);
  /* The deleted names left the selection. */
  entities = cardinal_canvas_get_selected_entities (f->canvas);
  g_assert_cmpuint (g_strv_length (entities), ==, 0);
  g_clear_pointer (&entities, g_strfreev);

  /* One step: a single undo brings everything back and leaves nothing to undo. */
  g_assert_true (cardinal_history_can_undo (f->history));
  g_assert_true (cardinal_history_undo (f->history));
  g_assert_false (cardinal_history_can_undo (f->history));
  g_assert_cmpuint (model (f)->entities->len, ==, n_entities);
  g_assert_cmpuint (model (f)->relationships->len, ==, n_relationships);
  for (guint i = 0; i < n_entities; i++)
    {
      graphene_rect_t bounds;
      const char *name = g_ptr_array_index (before, i);

      g_assert_nonnull (cardinal_model_find_entity (model (f), name));
      g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, name, &bounds));
    }
}

static void
test_move_updates_bounds (Fixture       *f,
                          gconstpointer  data)
{
  const char *names[] = { "post", NULL };
  const CardinalEntity *post = cardinal_model_find_entity (model (f), "post");
  double x = post->x + 120, y = post->y + 40;
  graphene_rect_t before, after;

  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &before));
  g_assert_cmpfloat (before.origin.x, ==, post->x);
  g_assert_cmpfloat (before.origin.y, ==, post->y);
  g_assert_cmpfloat (before.size.width, >, 0);
  g_assert_cmpfloat (before.size.height, >, 0);

  g_assert_true (cardinal_history_move_entities (f->history, names, &x, &y, NULL));
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &after));
  g_assert_cmpfloat (after.origin.x, ==, x);
  g_assert_cmpfloat (after.origin.y, ==, y);
  /* A move lays nothing out again: same size. */
  g_assert_cmpfloat (after.size.width, ==, before.size.width);
  g_assert_cmpfloat (after.size.height, ==, before.size.height);

  g_assert_true (cardinal_history_undo (f->history));
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &after));
  g_assert_true (graphene_rect_equal (&after, &before));
}

static void
test_nudge (Fixture       *f,
            gconstpointer  data)
{
  const char *names[] = { "user", NULL };
  double x = cardinal_model_find_entity (model (f), "user")->x;
  double y = cardinal_model_find_entity (model (f), "user")->y;
  double step;

  cardinal_canvas_select (f->canvas, names, NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "s", "right"));
  step = cardinal_model_find_entity (model (f), "user")->x - x;
  g_assert_cmpfloat (step, >, 0);
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->y, ==, y);

  /* With snapping on, a nudge is one grid step. */
  cardinal_canvas_set_snap_to_grid (f->canvas, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "s", "down"));
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->y, ==, y + 20);

  /* Presses in quick succession are one history step: one undo takes both back. */
  g_assert_cmpstr (cardinal_history_get_undo_label (f->history), ==, "Move Entities");
  g_assert_true (cardinal_history_undo (f->history));
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->y, ==, y);
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->x, ==, x);
  g_assert_false (cardinal_history_can_undo (f->history));
  g_assert_true (cardinal_history_redo (f->history));
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->x, ==, x + step);
  g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->y, ==, y + 20);

  /* Another selection's nudges are a step of their own. */
  {
    const char *other[] = { "post", NULL };
    double post_x = cardinal_model_find_entity (model (f), "post")->x;

    cardinal_canvas_select (f->canvas, other, NULL);
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "s", "left"));
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.nudge", "s", "left"));
    g_assert_cmpfloat (cardinal_model_find_entity (model (f), "post")->x, ==, post_x - 40);
    g_assert_true (cardinal_history_undo (f->history));
    g_assert_cmpfloat (cardinal_model_find_entity (model (f), "post")->x, ==, post_x);
    g_assert_cmpfloat (cardinal_model_find_entity (model (f), "user")->x, ==, x + step);
    g_assert_true (cardinal_history_can_undo (f->history));
  }
}

static void
test_selection_survives_edits (Fixture       *f,
                               gconstpointer  data)
{
  const char *names[] = { "post", "tag", NULL };
  const char *moved[] = { "post", NULL };
  double x = 500, y = 500;
  g_auto(GStrv) selected = NULL;

  cardinal_canvas_select (f->canvas, names, NULL);
  g_assert_cmpuint (f->selection_changes, ==, 1);

  g_assert_true (cardinal_history_move_entities (f->history, moved, &x, &y, NULL));
  selected = cardinal_canvas_get_selected_entities (f->canvas);
  g_assert_cmpstrv (selected, names);
  g_assert_cmpuint (f->selection_changes, ==, 1);
  g_clear_pointer (&selected, g_strfreev);

  /* A renamed entity's old name is gone, so it leaves the selection. */
  g_assert_true (cardinal_history_rename_entity (f->history, "tag", "label", NULL));
  selected = cardinal_canvas_get_selected_entities (f->canvas);
  g_assert_cmpstrv (selected, moved);
  g_assert_cmpuint (f->selection_changes, ==, 2);
}

static void
test_zoom_to_fit (Fixture       *f,
                  gconstpointer  data)
{
  graphene_rect_t visible;

  cardinal_canvas_set_zoom (f->canvas, 4.0, 0, 0);
  g_assert_cmpfloat (cardinal_canvas_get_zoom (f->canvas), ==, 4.0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-fit", NULL));
  g_assert_cmpfloat (cardinal_canvas_get_zoom (f->canvas), <, 4.0);
  g_assert_cmpfloat (cardinal_canvas_get_zoom (f->canvas), >=, 0.05);

  cardinal_canvas_get_visible_rect (f->canvas, &visible);
  for (guint i = 0; i < model (f)->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model (f)->entities, i);
      graphene_rect_t bounds;

      g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, entity->name, &bounds));
      if (!graphene_rect_contains_rect (&visible, &bounds))
        g_error ("%s (%g,%g %gx%g) is outside the view (%g,%g %gx%g)", entity->name,
                 bounds.origin.x, bounds.origin.y, bounds.size.width, bounds.size.height,
                 visible.origin.x, visible.origin.y, visible.size.width, visible.size.height);
    }

  /* Zooming in again from there keeps within the limits. */
  for (guint i = 0; i < 20; i++)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->canvas), "canvas.zoom-in", NULL));
  g_assert_cmpfloat (cardinal_canvas_get_zoom (f->canvas), ==, 4.0);
}

/* The canvas's drawing now, as the next frame would get it (a widget
 * paintable would show the last frame, which may be older). */
static GskRenderNode *
snapshot_canvas (Fixture *f)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();

  GTK_WIDGET_GET_CLASS (f->canvas)->snapshot (GTK_WIDGET (f->canvas), snapshot);
  return gtk_snapshot_free_to_node (snapshot);
}

static guint
boxes_drawn (Fixture *f)
{
  g_autoptr(GskRenderNode) node = snapshot_canvas (f);
  guint boxes = 0;

  g_assert_nonnull (node);
  cardinal_canvas_get_drawn_counts (f->canvas, &boxes, NULL);
  return boxes;
}

static void
test_physical_view (Fixture       *f,
                    gconstpointer  data)
{
  graphene_rect_t logical, physical;
  guint link_tables = 0;

  for (guint i = 0; i < model (f)->relationships->len; i++)
    if (cardinal_strategy_has_link_table (((CardinalRelationship *) g_ptr_array_index (model (f)->relationships, i))->strategy))
      link_tables++;
  g_assert_cmpuint (link_tables, >, 0);

  cardinal_canvas_zoom_to_fit (f->canvas);
  g_assert_cmpuint (boxes_drawn (f), ==, model (f)->entities->len);
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &logical));

  cardinal_canvas_set_view (f->canvas, CARDINAL_CANVAS_VIEW_PHYSICAL);
  g_assert_cmpint (cardinal_canvas_get_view (f->canvas), ==, CARDINAL_CANVAS_VIEW_PHYSICAL);
  /* Link tables are boxes of their own here. */
  cardinal_canvas_zoom_to_fit (f->canvas);
  g_assert_cmpuint (boxes_drawn (f), ==, model (f)->entities->len + link_tables);
  /* The post table has a row more than the post entity: the author_id foreign key. */
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &physical));
  g_assert_cmpfloat (physical.origin.x, ==, logical.origin.x);
  g_assert_cmpfloat (physical.origin.y, ==, logical.origin.y);
  g_assert_cmpfloat (physical.size.height, >, logical.size.height);

  cardinal_canvas_set_view (f->canvas, CARDINAL_CANVAS_VIEW_LOGICAL);
  g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, "post", &physical));
  g_assert_true (graphene_rect_equal (&physical, &logical));
}

typedef struct
{
  guchar *pixels;
  gsize   stride;
  int     width;
  int     height;
} Pixels;

/* Renders the canvas as the window would and reads the result back. */
static void
render_canvas (Fixture *f,
               Pixels  *out)
{
  GtkWidget *widget = GTK_WIDGET (f->canvas);
  g_autoptr(GskRenderNode) node = snapshot_canvas (f);
  g_autoptr(GdkTexture) texture = NULL;
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));

  out->width = gtk_widget_get_width (widget);
  out->height = gtk_widget_get_height (widget);
  g_assert_nonnull (node);
  texture = gsk_renderer_render_texture (renderer, node, &GRAPHENE_RECT_INIT (0, 0, out->width, out->height));
  g_assert_cmpint (gdk_texture_get_width (texture), ==, out->width);
  out->stride = (gsize) out->width * 4;
  out->pixels = g_malloc (out->stride * out->height);
  gdk_texture_download (texture, out->pixels, out->stride);
}

/* CAIRO_FORMAT_ARGB32, premultiplied, native endian. */
static guint32
pixel_at (const Pixels *p,
          int           x,
          int           y)
{
  return *(const guint32 *) (const void *) (p->pixels + (gsize) y * p->stride + (gsize) x * 4);
}

static gboolean
pixel_is (guint32        pixel,
          const GdkRGBA *color)
{
  int r = (pixel >> 16) & 0xff, g = (pixel >> 8) & 0xff, b = pixel & 0xff, a = pixel >> 24;

  return a == 255 &&
         ABS (r - (int) round (color->red * 255)) <= 2 &&
         ABS (g - (int) round (color->green * 255)) <= 2 &&
         ABS (b - (int) round (color->blue * 255)) <= 2;
}

static void
test_render (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(GHashTable) colors = g_hash_table_new (NULL, NULL);
  CardinalCanvasPalette light, dark;
  graphene_rect_t visible;
  Pixels p;
  guint opaque = 0;

  cardinal_canvas_palette_init (&light, FALSE);
  cardinal_canvas_palette_init (&dark, TRUE);
  cardinal_canvas_zoom_to_fit (f->canvas);
  render_canvas (f, &p);

  for (int y = 0; y < p.height; y++)
    for (int x = 0; x < p.width; x++)
      {
        guint32 pixel = pixel_at (&p, x, y);

        g_hash_table_add (colors, GUINT_TO_POINTER (pixel));
        if ((pixel >> 24) == 255)
          opaque++;
      }
  /* Not blank: boxes cover a good part of the view, in several colours (fills, text, lines). */
  g_assert_cmpuint (g_hash_table_size (colors), >, 20);
  g_assert_cmpuint (opaque, >, (guint) (p.width * p.height / 20));

  /* Each entity's header is where its bounds say, in the header colour. */
  cardinal_canvas_get_visible_rect (f->canvas, &visible);
  for (guint i = 0; i < model (f)->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model (f)->entities, i);
      double zoom = cardinal_canvas_get_zoom (f->canvas);
      graphene_rect_t bounds;
      int x, y;
      guint32 pixel;

      g_assert_true (cardinal_canvas_get_entity_bounds (f->canvas, entity->name, &bounds));
      /* Just inside the top-right corner of the header, right of the name. */
      x = (int) floor ((bounds.origin.x + bounds.size.width - 4 - visible.origin.x) * zoom);
      y = (int) floor ((bounds.origin.y + 3 - visible.origin.y) * zoom);
      g_assert_cmpint (x, >=, 0);
      g_assert_cmpint (y, >=, 0);
      g_assert_cmpint (x, <, p.width);
      g_assert_cmpint (y, <, p.height);
      pixel = pixel_at (&p, x, y);
      if (!pixel_is (pixel, &light.header) && !pixel_is (pixel, &dark.header))
        g_error ("%s: pixel %08x at %d,%d is not a header colour", entity->name, pixel, x, y);
    }
  g_free (p.pixels);
}

/* How many pixels differ by more than @tolerance in some channel. */
static guint
count_differences (const Pixels *a,
                   const Pixels *b,
                   int           tolerance)
{
  guint differ = 0;

  g_assert_cmpint (a->width, ==, b->width);
  g_assert_cmpint (a->height, ==, b->height);
  for (int y = 0; y < a->height; y++)
    for (int x = 0; x < a->width; x++)
      {
        guint32 p = pixel_at (a, x, y), q = pixel_at (b, x, y);

        for (int shift = 0; shift < 32; shift += 8)
          if (ABS ((int) ((p >> shift) & 0xff) - (int) ((q >> shift) & 0xff)) > tolerance)
            {
              differ++;
              break;
            }
      }
  return differ;
}

/* The scene tiles draw every line with cairo where drawing afresh may use
 * native nodes for a few lines, so crow's feet may differ by antialiasing
 * in a few pixels; a box out of place or a missing selection ring differs
 * in thousands. */
#define TILE_DIFFERENCE_MAX(f) ((guint) (gtk_widget_get_width (GTK_WIDGET ((f)->canvas)) * \
                                         gtk_widget_get_height (GTK_WIDGET ((f)->canvas)) / 1000))

/* Tiles are drawn from an idle after a frame drawn afresh; wait until a
 * frame comes wholly from them. */
static gboolean
frame_from_tiles (gpointer data)
{
  Fixture *f = data;
  /* Drawing a frame is what the condition waits for; the node itself is not looked at. */
  g_autoptr(GskRenderNode) node = snapshot_canvas (f);

  (void) node;
  return cardinal_canvas_get_last_frame_from_tiles (f->canvas);
}

static guint
tiled_versus_direct (Fixture *f,
                     int      tolerance)
{
  Pixels tiled, direct;
  guint differ;

  g_assert_true (cardinal_ui_test_wait (frame_from_tiles, f, 10000));
  render_canvas (f, &tiled);
  g_assert_true (cardinal_canvas_get_last_frame_from_tiles (f->canvas));
  cardinal_canvas_set_use_tiles (f->canvas, FALSE);
  render_canvas (f, &direct);
  cardinal_canvas_set_use_tiles (f->canvas, TRUE);
  differ = count_differences (&tiled, &direct, tolerance);
  g_test_message ("tiled and direct differ in %u pixels by more than %d", differ, tolerance);
  g_free (tiled.pixels);
  g_free (direct.pixels);
  return differ;
}

/* Scene tiles must show exactly what drawing afresh shows, and never
 * something the model no longer has. */
static void
test_tiles (Fixture       *f,
            gconstpointer  data)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (GTK_WIDGET (f->canvas)));
  const CardinalEntity *post = cardinal_model_find_entity (model (f), "post");
  const char *names[] = { "post", NULL };
  guint stand_ins;
  guint64 drawn;

  /* main () asks for the cairo renderer: tiles are only used there. */
  g_assert_true (GSK_IS_CAIRO_RENDERER (renderer));
  cardinal_canvas_set_zoom (f->canvas, 1.0, 0, 0);

  /* Tiles were drawn for this view, and they match at a level's own zoom. */
  g_assert_cmpuint (tiled_versus_direct (f, 0), <, TILE_DIFFERENCE_MAX (f));
  cardinal_canvas_get_tile_counts (f->canvas, &stand_ins, &drawn);
  g_assert_cmpuint (drawn, >, 0);

  /* Selection is drawn over the tiles. */
  cardinal_canvas_select (f->canvas, names, NULL);
  g_assert_cmpuint (tiled_versus_direct (f, 0), <, TILE_DIFFERENCE_MAX (f));

  /* An edit reaches the tiles: the moved box is drawn where it now is. */
  {
    double x = post->x + 37, y = post->y + 23;

    g_assert_true (cardinal_history_move_entities (f->history, names, &x, &y, NULL));
  }
  g_assert_cmpuint (tiled_versus_direct (f, 0), <, TILE_DIFFERENCE_MAX (f));
  g_assert_true (cardinal_history_undo (f->history));
  g_assert_cmpuint (tiled_versus_direct (f, 0), <, TILE_DIFFERENCE_MAX (f));

  /* Between levels tiles are scaled down a little: nearly the same picture. */
  cardinal_canvas_set_zoom (f->canvas, 0.9, 0, 0);
  {
    int area = gtk_widget_get_width (GTK_WIDGET (f->canvas)) * gtk_widget_get_height (GTK_WIDGET (f->canvas));

    g_assert_cmpuint (tiled_versus_direct (f, 96), <, (guint) (area / 50));
  }
}

int
main (int   argc,
      char *argv[])
{
  /* The renderer the designer picks without a GPU, and the one tiles are for. */
  g_setenv ("GSK_RENDERER", "cairo", TRUE);
  if (!cardinal_ui_test_init (&argc, &argv))
    return cardinal_ui_test_run_skipped ();

  g_test_add ("/canvas/select-all", Fixture, NULL, fixture_set_up, test_select_all, fixture_tear_down);
  g_test_add ("/canvas/delete-and-undo", Fixture, NULL, fixture_set_up, test_delete_and_undo, fixture_tear_down);
  g_test_add ("/canvas/move-updates-bounds", Fixture, NULL, fixture_set_up, test_move_updates_bounds, fixture_tear_down);
  g_test_add ("/canvas/nudge", Fixture, NULL, fixture_set_up, test_nudge, fixture_tear_down);
  g_test_add ("/canvas/selection-survives-edits", Fixture, NULL, fixture_set_up, test_selection_survives_edits,
              fixture_tear_down);
  g_test_add ("/canvas/zoom-to-fit", Fixture, NULL, fixture_set_up, test_zoom_to_fit, fixture_tear_down);
  g_test_add ("/canvas/physical-view", Fixture, NULL, fixture_set_up, test_physical_view, fixture_tear_down);
  g_test_add ("/canvas/render", Fixture, NULL, fixture_set_up, test_render, fixture_tear_down);
  g_test_add ("/canvas/tiles", Fixture, NULL, fixture_set_up, test_tiles, fixture_tear_down);

  return cardinal_ui_test_run ();
}
