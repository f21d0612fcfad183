/* cardinal-layout.h: the pure geometry of boxes on the canvas and in diagrams: packing components to an aspect ratio, free space, pushing boxes apart, placing link tables. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <graphene.h>

#include "cardinal-route.h"

G_BEGIN_DECLS

/* The aspect ratio (width / height) a layout aims for when the window's is not known. */
#define CARDINAL_LAYOUT_DEFAULT_ASPECT 1.6
/* The gap kept between boxes: room for the stubs of a line on both sides. */
#define CARDINAL_LAYOUT_GAP (2 * CARDINAL_ROUTE_STUB)

/* Whether two boxes overlap (touching borders do not). */
gboolean cardinal_layout_rects_overlap (const graphene_rect_t *a,
                                        const graphene_rect_t *b);

/* The union of @boxes (zero when there are none). */
void     cardinal_layout_get_bounds    (const graphene_rect_t *boxes,
                                        guint                  n_boxes,
                                        graphene_rect_t       *bounds);

/* Rearranges the connected components of the graph (@boxes joined by
 * @links) as whole blocks, in rows, so that the union's width / height is
 * near @aspect. A component that is itself far longer than wide (or the
 * reverse) is first spread along its short side. Boxes within a component
 * keep their relative places (no overlap is made). The result starts at
 * (@margin, @margin). */
void     cardinal_layout_pack          (graphene_rect_t         *boxes,
                                        guint                    n_boxes,
                                        const CardinalRouteLink *links,
                                        guint                    n_links,
                                        double                   aspect,
                                        double                   gap,
                                        double                   margin);

/* A place for a @width × @height box that keeps @gap away from every one
 * of @obstacles, as near as may be to centring it on @near. Positions are
 * whole units. */
void     cardinal_layout_find_free     (const graphene_rect_t  *obstacles,
                                        guint                   n_obstacles,
                                        double                  width,
                                        double                  height,
                                        const graphene_point_t *near,
                                        double                  gap,
                                        graphene_rect_t        *result);

/* Moves boxes that overlap (closer than @gap) apart until none do. Boxes
 * with @fixed[i] (may be NULL) stay; the others move as little as they can,
 * away from what pushed them. Returns whether anything moved. */
gboolean cardinal_layout_push_apart    (graphene_rect_t        *boxes,
                                        guint                   n_boxes,
                                        const gboolean         *fixed,
                                        double                  gap);

/* Places every link table: @boxes holds the entities' boxes (fixed) and the
 * link tables' sizes; @between[i] gives, for a link table i, the two
 * entity boxes it links (G_MAXUINT for entities). Link tables get their
 * origins, one after the other, each clear of everything placed before. */
void     cardinal_layout_place_link_tables (graphene_rect_t    *boxes,
                                            guint               n_boxes,
                                            const guint        *between1,
                                            const guint        *between2);

/* What Arrange does after the layout engine: room for self-loops beside
 * their boxes, no two boxes closer than CARDINAL_LAYOUT_GAP, then the
 * components packed to @aspect from (@margin, @margin). */
void     cardinal_layout_tidy          (graphene_rect_t         *boxes,
                                        guint                    n_boxes,
                                        const CardinalRouteLink *links,
                                        guint                    n_links,
                                        double                   aspect,
                                        double                   margin);

G_END_DECLS
