/* cardinal-test-e2e.c: the window, screenshot and entity-header bookkeeping the end-to-end tests share. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-e2e.h"

#include <math.h>

#include "cardinal-canvas-item.h"
#include "cardinal-document.h"

void
cardinal_test_e2e_init (CardinalTestE2e *ctx)
{
  CardinalCanvasPalette palette;

  cardinal_canvas_palette_init (&palette, FALSE);
  ctx->header_rgb = ((guint32) lround (palette.header.red * 255) << 16) |
                    ((guint32) lround (palette.header.green * 255) << 8) |
                    (guint32) lround (palette.header.blue * 255);
  ctx->gui = cardinal_test_gui_new ();
  ctx->shot_path = cardinal_test_gui_path (ctx->gui, "canvas.png");
}

void
cardinal_test_e2e_clear (CardinalTestE2e *ctx)
{
  g_clear_object (&ctx->shot);
  g_clear_pointer (&ctx->headers, g_array_unref);
  g_free (ctx->shot_path);
  cardinal_test_gui_free (ctx->gui);
}

gboolean
cardinal_test_e2e_headers_shown (gpointer user_data)
{
  CardinalTestE2e *ctx = user_data;

  g_clear_object (&ctx->shot);
  g_clear_pointer (&ctx->headers, g_array_unref);
  ctx->shot = cardinal_test_gui_screenshot (ctx->gui, ctx->window, ctx->shot_path);
  ctx->headers = cardinal_test_gui_find_regions (ctx->shot, ctx->header_rgb, 2, 100, 12);
  return ctx->headers->len == ctx->want;
}

void
cardinal_test_e2e_wait_headers (CardinalTestE2e *ctx,
                                guint            n)
{
  g_autofree char *what = g_strdup_printf ("%u entity header(s) on the canvas (%s)", n, ctx->shot_path);

  ctx->want = n;
  cardinal_test_gui_park_pointer (ctx->gui);
  cardinal_test_gui_wait_for (ctx->gui, cardinal_test_e2e_headers_shown, ctx, what);
}

const CardinalTestGuiRegion *
cardinal_test_e2e_header (CardinalTestE2e *ctx,
                          guint            i)
{
  return &g_array_index (ctx->headers, CardinalTestGuiRegion, i);
}

gboolean
cardinal_test_e2e_title_modified (CardinalTestE2e *ctx)
{
  g_autofree char *title = cardinal_test_gui_get_title (ctx->gui, ctx->window);

  return g_str_has_prefix (title, "• ");
}

gboolean
cardinal_test_e2e_title_is_modified (gpointer ctx)
{
  return cardinal_test_e2e_title_modified (ctx);
}

CardinalModel *
cardinal_test_e2e_load_model (const char *data,
                              const char *path)
{
  g_autoptr(GError) error = NULL;
  CardinalModel *model = cardinal_document_load_data (data, -1, path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (model);
  return model;
}
