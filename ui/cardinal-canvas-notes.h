/* cardinal-canvas-notes.h: how the canvas draws and measures format 3's sticky notes, group areas and entity colours. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-canvas-item.h"
#include "cardinal-model.h"

G_BEGIN_DECLS

/* Model units around a group's member boxes, and the band above them that
 * holds the group's name (where a drag picks the group up). */
#define CARDINAL_CANVAS_GROUP_PAD   16.0
#define CARDINAL_CANVAS_GROUP_TITLE 26.0
/* The folded corner at a note's bottom right, where a drag resizes it. */
#define CARDINAL_CANVAS_NOTE_FOLD   14.0

/* The colour an entity's or group's "color" names (a palette name, a
 * "#rrggbb" of a format 1 file, or any CSS colour); FALSE for none. */
gboolean cardinal_canvas_parse_color     (const char                  *color,
                                          GdkRGBA                     *rgba);

/* A group's area around the union of its members' boxes. */
void     cardinal_canvas_group_area      (const graphene_rect_t       *members,
                                          graphene_rect_t             *area);

/* Drawing, in model coordinates (the snapshot is already scaled by @zoom). */
void     cardinal_canvas_draw_group      (GtkSnapshot                 *snapshot,
                                          const graphene_rect_t       *area,
                                          const CardinalGroup         *group,
                                          const CardinalCanvasPalette *palette,
                                          PangoContext                *context,
                                          double                       zoom);
/* @taken (of graphene_rect_t, may be NULL): where names were put, so that
 * this one goes clear of them; it is added. */
void     cardinal_canvas_draw_group_name (GtkSnapshot                 *snapshot,
                                          const graphene_rect_t       *area,
                                          const CardinalGroup         *group,
                                          const CardinalCanvasPalette *palette,
                                          PangoContext                *context,
                                          double                       zoom,
                                          GArray                      *taken);
void     cardinal_canvas_draw_note       (GtkSnapshot                 *snapshot,
                                          const graphene_rect_t       *rect,
                                          const CardinalNote          *note,
                                          const CardinalCanvasPalette *palette,
                                          PangoContext                *context,
                                          double                       zoom);
/* The selection ring around a note or a group area. */
void     cardinal_canvas_draw_ring       (GtkSnapshot                 *snapshot,
                                          const graphene_rect_t       *rect,
                                          const CardinalCanvasPalette *palette,
                                          double                       zoom);

G_END_DECLS
