/* test-canvas-grid.c: the canvas's spatial index on its own, without a display. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <glib.h>

#include "cardinal-canvas-grid.h"

static GArray *
query (CardinalCanvasGrid *grid,
       double              x,
       double              y,
       double              width,
       double              height,
       gboolean            edges)
{
  graphene_rect_t rect;

  graphene_rect_init (&rect, x, y, width, height);
  return cardinal_canvas_grid_query (grid, &rect, edges);
}

static void
assert_indices (GArray      *found,
                const guint *expected,
                guint        n_expected)
{
  g_assert_nonnull (found);
  g_assert_cmpuint (found->len, ==, n_expected);
  for (guint i = 0; i < n_expected; i++)
    g_assert_cmpuint (g_array_index (found, guint, i), ==, expected[i]);
}

static void
test_empty (void)
{
  CardinalCanvasGrid grid = { 0 };
  graphene_rect_t area;

  /* No cells: the caller tests everything. */
  g_assert_null (query (&grid, 0, 0, 100, 100, FALSE));
  graphene_rect_init (&area, 0, 0, 1000, 1000);
  cardinal_canvas_grid_reset (&grid, &area, 1, 0);
  cardinal_canvas_grid_clear (&grid);
  g_assert_null (query (&grid, 0, 0, 100, 100, FALSE));
  g_assert_cmpint (grid.cols, ==, 0);
}

static void
test_query (void)
{
  CardinalCanvasGrid grid = { 0 };
  graphene_rect_t area, rect;
  g_autoptr(GArray) near = NULL;
  g_autoptr(GArray) all = NULL;
  g_autoptr(GArray) lines = NULL;
  g_autoptr(GArray) again = NULL;
  const guint near_expected[] = { 0, 2 };
  const guint all_expected[] = { 0, 1, 2 };
  const guint line_expected[] = { 0 };

  graphene_rect_init (&area, -100, -100, 3000, 3000);
  cardinal_canvas_grid_reset (&grid, &area, 3, 1);
  g_assert_cmpint (grid.cols, >, 1);

  /* Inserted out of order, and box 0 spans several cells: each index is
   * reported once, in drawing order. */
  graphene_rect_init (&rect, 2000, 2000, 100, 100);
  cardinal_canvas_grid_insert (&grid, FALSE, &rect, 1);
  graphene_rect_init (&rect, 350, 350, 500, 500);
  cardinal_canvas_grid_insert (&grid, FALSE, &rect, 2);
  graphene_rect_init (&rect, 0, 0, 900, 900);
  cardinal_canvas_grid_insert (&grid, FALSE, &rect, 0);
  graphene_rect_init (&rect, 0, 0, 2100, 50);
  cardinal_canvas_grid_insert (&grid, TRUE, &rect, 0);

  near = query (&grid, 0, 0, 800, 800, FALSE);
  assert_indices (near, near_expected, G_N_ELEMENTS (near_expected));
  all = query (&grid, -100, -100, 3000, 3000, FALSE);
  assert_indices (all, all_expected, G_N_ELEMENTS (all_expected));
  /* Lines are indexed apart from boxes. */
  lines = query (&grid, 1900, 0, 10, 10, TRUE);
  assert_indices (lines, line_expected, G_N_ELEMENTS (line_expected));
  /* A second query over the same cells still finds everything (the stamps move on). */
  again = query (&grid, 0, 0, 800, 800, FALSE);
  assert_indices (again, near_expected, G_N_ELEMENTS (near_expected));
  {
    g_autoptr(GArray) far = query (&grid, 2900, 0, 10, 10, FALSE);

    g_assert_nonnull (far);
    g_assert_cmpuint (far->len, ==, 0);
  }
  cardinal_canvas_grid_clear (&grid);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/canvas-grid/empty", test_empty);
  g_test_add_func ("/canvas-grid/query", test_query);

  return g_test_run ();
}
