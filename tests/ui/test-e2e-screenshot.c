/* test-e2e-screenshot.c: a screenshot of blog.cardinal in the real window: not blank, and each entity where the document puts it. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <string.h>

#include "cardinal-test-gui.h"
#include "cardinal-canvas-item.h"
#include "cardinal-document.h"

/* What this test relies on from the canvas (ui/cardinal-canvas.c,
 * ui/cardinal-canvas-item.c), in the light style that a desktop without a
 * settings portal gets:
 * - an entity's header is filled with the palette's header colour inside a
 *   1 px border, so its pixels start one pixel right of and below the
 *   entity's x, y (at zoom 1);
 * - a document opens at zoom 1 with the top-left corner of its boxes
 *   FIRST_SHOW_MARGIN pixels from the canvas's top-left corner;
 * - the canvas's edge differs from the canvas (the window's background, grid
 *   lines at most GRID_CONTRAST lighter or darker) by more than that. */
#define FIRST_SHOW_MARGIN 30
#define GRID_CONTRAST     24
/* Pixels of slack for rounded corners and anti-aliasing. */
#define SLACK             3

typedef struct
{
  guint32              header_rgb;
  CardinalTestGui     *gui;
  gulong               window;
  const CardinalModel *model;
  char                *path;
  GdkPixbuf           *shot;
  GArray              *headers;
  GBytes              *last_pixels;  /* the previous screenshot's, to see the window settle */
  gint64               same_since;   /* monotonic time since which the screenshots are the same */
} Screenshot;

/* How long the window must look the same before the screenshot counts:
 * longer than the overlay scrollbars take to fade after the first fit, and
 * than the diagnostics worker takes to put its count on the tab. */
#define SETTLED_MS 1500

/* The header regions, one per entity, once the canvas has drawn them all:
 * the first frames after mapping can still be blank. */
static gboolean
entities_drawn (gpointer user_data)
{
  Screenshot *s = user_data;

  g_clear_object (&s->shot);
  g_clear_pointer (&s->headers, g_array_unref);
  s->shot = cardinal_test_gui_screenshot (s->gui, s->window, s->path);
  /* A header is at least as wide as the narrowest box and a line of text tall. */
  s->headers = cardinal_test_gui_find_regions (s->shot, s->header_rgb, 2, 100, 12);
  return s->headers->len == s->model->entities->len;
}

/* Every entity drawn and nothing on the screen changing any more, so that
 * the README's picture is the same from run to run (and before and after a
 * refactoring). */
static gboolean
window_settled (gpointer user_data)
{
  Screenshot *s = user_data;
  g_autoptr(GBytes) pixels = NULL;
  gint64 now = g_get_monotonic_time ();

  if (!entities_drawn (s))
    {
      g_clear_pointer (&s->last_pixels, g_bytes_unref);
      return FALSE;
    }
  pixels = g_bytes_new (gdk_pixbuf_read_pixels (s->shot), gdk_pixbuf_get_byte_length (s->shot));
  if (s->last_pixels == NULL || !g_bytes_equal (pixels, s->last_pixels))
    {
      g_clear_pointer (&s->last_pixels, g_bytes_unref);
      s->last_pixels = g_steal_pointer (&pixels);
      s->same_since = now;
      return FALSE;
    }
  return now - s->same_since >= SETTLED_MS * G_TIME_SPAN_MILLISECOND;
}

/* The share of the most common colour. */
static double
dominant_share (GdkPixbuf *shot)
{
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  const guchar *pixels = gdk_pixbuf_read_pixels (shot);
  int rowstride = gdk_pixbuf_get_rowstride (shot);
  int channels = gdk_pixbuf_get_n_channels (shot);
  int width = gdk_pixbuf_get_width (shot);
  int height = gdk_pixbuf_get_height (shot);
  guint most = 0;

  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++)
      {
        const guchar *p = pixels + y * rowstride + x * channels;
        gpointer key = GUINT_TO_POINTER (((guint) p[0] << 16) | ((guint) p[1] << 8) | p[2]);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, key)) + 1;

        g_hash_table_insert (counts, key, GUINT_TO_POINTER (count));
        most = MAX (most, count);
      }
  return (double) most / ((double) width * height);
}

static guint32
rgb_of (const GdkRGBA *rgba)
{
  return ((guint32) lround (rgba->red * 255) << 16) | ((guint32) lround (rgba->green * 255) << 8) |
         (guint32) lround (rgba->blue * 255);
}

static const CardinalTestGuiRegion *
header_at (Screenshot *s,
           double      x,
           double      y)
{
  for (guint r = 0; r < s->headers->len; r++)
    {
      const CardinalTestGuiRegion *region = &g_array_index (s->headers, CardinalTestGuiRegion, r);

      if (fabs (region->x - x) <= SLACK && fabs (region->y - y) <= SLACK)
        return region;
    }
  return NULL;
}

/* The screenshot position of the model's point 0,0: tried from each header
 * taken as the first entity's, kept when every entity then has its header
 * (one each: there are as many headers as entities). */
static gboolean
find_translation (Screenshot *s,
                  int        *origin_x,
                  int        *origin_y)
{
  const CardinalEntity *first = g_ptr_array_index (s->model->entities, 0);

  for (guint r = 0; r < s->headers->len; r++)
    {
      const CardinalTestGuiRegion *candidate = &g_array_index (s->headers, CardinalTestGuiRegion, r);
      gboolean all = TRUE;

      *origin_x = candidate->x - 1 - (int) first->x;
      *origin_y = candidate->y - 1 - (int) first->y;
      for (guint i = 0; i < s->model->entities->len && all; i++)
        {
          const CardinalEntity *entity = g_ptr_array_index (s->model->entities, i);

          all = header_at (s, *origin_x + entity->x + 1, *origin_y + entity->y + 1) != NULL;
        }
      if (all)
        return TRUE;
    }
  return FALSE;
}

/* The canvas's top-left corner: from a point in the empty margin above and
 * left of (@x, @y), the model's top-left corner, go left and then up while
 * the pixels look like the canvas there. */
static void
find_canvas_corner (GdkPixbuf *shot,
                    int        x,
                    int        y,
                    int       *left,
                    int       *top)
{
  int inside_x = x - FIRST_SHOW_MARGIN / 2;
  int inside_y = y - FIRST_SHOW_MARGIN / 2;
  g_autoptr(GHashTable) counts = g_hash_table_new (NULL, NULL);
  guint32 canvas = 0;
  guint most = 0;

  /* The canvas's own colour is the commonest in a small block (a grid line
   * crosses it at most once each way). */
  for (int dy = -2; dy <= 2; dy++)
    for (int dx = -2; dx <= 2; dx++)
      {
        guint32 rgb = cardinal_test_gui_pixel (shot, inside_x + dx, inside_y + dy);
        guint count = GPOINTER_TO_UINT (g_hash_table_lookup (counts, GUINT_TO_POINTER (rgb))) + 1;

        g_hash_table_insert (counts, GUINT_TO_POINTER (rgb), GUINT_TO_POINTER (count));
        if (count > most)
          {
            most = count;
            canvas = rgb;
          }
      }

  for (*left = inside_x; *left > 0; (*left)--)
    if (!cardinal_test_gui_color_near (cardinal_test_gui_pixel (shot, *left - 1, inside_y), canvas, GRID_CONTRAST))
      break;
  for (*top = inside_y; *top > 0; (*top)--)
    if (!cardinal_test_gui_color_near (cardinal_test_gui_pixel (shot, inside_x, *top - 1), canvas, GRID_CONTRAST))
      break;
}

static void
keep_for_humans (const char *path)
{
  const char *dir = g_getenv ("CARDINAL_TEST_OUTPUT_DIR");
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  gsize length = 0;

  if (dir == NULL)
    return;
  copy = g_build_filename (dir, "blog-screenshot.png", NULL);
  if (g_file_get_contents (path, &contents, &length, NULL))
    g_file_set_contents (copy, contents, length, NULL);
  g_test_message ("screenshot: %s", copy);

  /* `make screenshots` sets this to data/screenshots: the README's picture
   * is this test's, never one made by hand. */
  dir = g_getenv ("CARDINAL_SCREENSHOT_DIR");
  if (dir != NULL && contents != NULL)
    {
      g_autofree char *readme_copy = g_build_filename (dir, "window.png", NULL);

      g_mkdir_with_parents (dir, 0755);
      g_assert_true (g_file_set_contents (readme_copy, contents, length, NULL));
      g_test_message ("screenshot for the README: %s", readme_copy);
    }
}

static void
test_blog_screenshot (void)
{
  g_autoptr(CardinalModel) model = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *source = NULL;
  g_autofree char *contents = NULL;
  g_autofree char *copy = NULL;
  Screenshot s = { 0 };
  const char *args[2] = { NULL, NULL };
  CardinalCanvasPalette palette;
  double min_x = G_MAXDOUBLE, min_y = G_MAXDOUBLE;
  gsize length = 0;
  int canvas_left = -1;
  int canvas_top = -1;
  int origin_x = 0;
  int origin_y = 0;

  if (!cardinal_test_gui_available ())
    return;

  cardinal_canvas_palette_init (&palette, FALSE);
  s.header_rgb = rgb_of (&palette.header);
  s.gui = cardinal_test_gui_new ();
  source = g_build_filename (g_getenv ("CARDINAL_EXAMPLES_DIR"), "blog.cardinal", NULL);
  g_assert_true (g_file_get_contents (source, &contents, &length, &error));
  g_assert_no_error (error);
  /* In the home folder the window shows, so that the title reads the same on every run. */
  {
    g_autofree char *documents = cardinal_test_gui_path (s.gui, "home/Documents");

    g_assert_cmpint (g_mkdir_with_parents (documents, 0700), ==, 0);
  }
  copy = cardinal_test_gui_path (s.gui, "home/Documents/blog.cardinal");
  g_assert_true (g_file_set_contents (copy, contents, length, &error));
  g_assert_no_error (error);
  file = g_file_new_for_path (copy);
  model = cardinal_document_load_file (file, &error);
  g_assert_no_error (error);
  s.model = model;
  g_assert_cmpuint (model->entities->len, >=, 3);

  args[0] = copy;
  cardinal_test_gui_launch (s.gui, args);
  s.window = cardinal_test_gui_wait_window (s.gui, "blog");
  cardinal_test_gui_focus (s.gui, s.window);
  /* No hover highlight: the pointer rests outside the window. */
  cardinal_test_gui_park_pointer (s.gui);

  s.path = cardinal_test_gui_path (s.gui, "blog.png");
  cardinal_test_gui_wait_for (s.gui, window_settled, &s,
                              "one entity header per entity on the screenshot, and the window settled");
  keep_for_humans (s.path);

  /* Not blank: text, lines and boxes give many colours, and no colour covers nearly everything. */
  g_assert_cmpuint (cardinal_test_gui_count_colors (s.shot), >, 64);
  g_assert_cmpfloat (dominant_share (s.shot), <, 0.9);

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      min_x = MIN (min_x, entity->x);
      min_y = MIN (min_y, entity->y);
    }

  /* Each entity's header is where its x, y maps to at zoom 1: one
   * translation takes every entity to a header region of its own. Headers
   * are matched by position alone, so a box drawn at a wrong place fails. */
  if (!find_translation (&s, &origin_x, &origin_y))
    {
      for (guint r = 0; r < s.headers->len; r++)
        {
          const CardinalTestGuiRegion *region = &g_array_index (s.headers, CardinalTestGuiRegion, r);

          g_printerr ("header found at %d,%d (%d×%d)\n", region->x, region->y, region->width, region->height);
        }
      cardinal_test_gui_fail (s.gui, "the entity headers on %s are not laid out as the document’s x, y at zoom 1", s.path);
    }

  /* Every box is drawn at zoom 1 with the same font: equal header heights. */
  for (guint r = 0; r < s.headers->len; r++)
    g_assert_cmpint (ABS (g_array_index (s.headers, CardinalTestGuiRegion, r).height -
                          g_array_index (s.headers, CardinalTestGuiRegion, 0).height), <=, 1);

  /* And the model's top-left corner is FIRST_SHOW_MARGIN pixels into the canvas. */
  find_canvas_corner (s.shot, origin_x + (int) min_x, origin_y + (int) min_y, &canvas_left, &canvas_top);
  g_test_message ("canvas corner on the screenshot: %d,%d; model origin at %d,%d",
                  canvas_left, canvas_top, origin_x, origin_y);
  g_assert_cmpint (ABS (origin_x + (int) min_x - canvas_left - FIRST_SHOW_MARGIN), <=, SLACK);
  g_assert_cmpint (ABS (origin_y + (int) min_y - canvas_top - FIRST_SHOW_MARGIN), <=, SLACK);

  g_clear_object (&s.shot);
  g_clear_pointer (&s.headers, g_array_unref);
  g_clear_pointer (&s.last_pixels, g_bytes_unref);
  g_free (s.path);
  cardinal_test_gui_free (s.gui);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/e2e/screenshot/blog", test_blog_screenshot);
  return g_test_run ();
}
