/* cardinal-canvas-tiles.h: the canvas's scene kept as raster tiles per zoom level, so panning and zooming redraw only what is new. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

typedef struct _CardinalCanvasTiles CardinalCanvasTiles;

/* Draws the part of the scene that tile (@col, @row) of @level covers, at
 * level zoom cardinal_canvas_tiles_level_zoom (@level), for detail level
 * @lod; @size is the tile's side in widget pixels. Returns a new image
 * surface (device scale set), or NULL when nothing falls in the tile. */
typedef cairo_surface_t *(*CardinalCanvasTileRender) (gpointer user_data,
                                                      int      level,
                                                      int      lod,
                                                      int      col,
                                                      int      row,
                                                      int      size,
                                                      int      scale_factor);

CardinalCanvasTiles *cardinal_canvas_tiles_new         (GtkWidget                *widget,
                                                        CardinalCanvasTileRender  render,
                                                        gpointer                  user_data);
void                 cardinal_canvas_tiles_free        (CardinalCanvasTiles *tiles);
/* The scene changed: every tile is out of date. */
void                 cardinal_canvas_tiles_clear       (CardinalCanvasTiles *tiles);
/* The level, detail and model rectangle of the base: tiles of the whole
 * model drawn when nothing else is left to draw, to stand in anywhere. */
void                 cardinal_canvas_tiles_set_base    (CardinalCanvasTiles   *tiles,
                                                        int                    level,
                                                        int                    lod,
                                                        const graphene_rect_t *model_rect);
/* The zoom at which tiles of @level are drawn: 2^(level/4). */
double               cardinal_canvas_tiles_level_zoom  (int level);
/* The level whose tiles serve @zoom: the nearest at or above it, so tiles are
 * only ever scaled down (by at most 2^(1/4)). */
int                  cardinal_canvas_tiles_level_for   (double zoom);
/* Rounds the scroll offsets to whole pixels when @zoom is a level's own,
 * so tiles land on pixels unfiltered; the frame then uses them throughout. */
void                 cardinal_canvas_tiles_align       (double  zoom,
                                                        double *h,
                                                        double *v);
/* Appends the scene for the view (zoom, widget pixels scrolled, widget size)
 * to @snapshot. Tiles not cached are drawn now while @budget_us lasts; after
 * that, where the previous level or the base covers them, that level stands
 * in (scaled) and the tile is drawn later, then the widget redrawn;
 * *@stand_ins says for how many. Returns FALSE, appending nothing, when a
 * third of the view or more has neither tiles nor a stand-in: drawing that
 * frame directly is cheaper, and the tiles are queued for the idle. */
gboolean             cardinal_canvas_tiles_snapshot    (CardinalCanvasTiles *tiles,
                                                        GtkSnapshot         *snapshot,
                                                        double               zoom,
                                                        double               h,
                                                        double               v,
                                                        double               width,
                                                        double               height,
                                                        int                  lod,
                                                        gint64               budget_us,
                                                        guint               *stand_ins);
/* Tiles drawn so far (cache misses), for the benchmark. */
guint64              cardinal_canvas_tiles_get_rendered (CardinalCanvasTiles *tiles);

G_END_DECLS
