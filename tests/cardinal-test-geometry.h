/* cardinal-test-geometry.h: checks on a laid-out diagram (boxes that overlap, lines through boxes) for the layout tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-layout.h"
#include "cardinal-route.h"

G_BEGIN_DECLS

/* Whether any two of @boxes overlap; when so and @first / @second are not
 * NULL, they get one such pair. A sweep, so large diagrams are quick. */
gboolean cardinal_layout_find_overlap  (const graphene_rect_t *boxes,
                                        guint                  n_boxes,
                                        guint                 *first,
                                        guint                 *second);
/* Whether any segment of @route passes through the inside of @rect. */
gboolean cardinal_route_crosses_rect (const CardinalRoute   *route,
                                      const graphene_rect_t *rect);

G_END_DECLS
