/* cardinal-route.h: the lines between boxes as pure geometry: one port per line end along a box side, orthogonal routes with straight stubs, self-loops beside their box. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <graphene.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

/* What one end of a line says about the entity it touches: how many of that
 * entity one instance of the other side is related to. */
typedef struct
{
  guint8   min;   /* 0 or 1: a circle or a bar */
  gboolean many;  /* max: a crow's foot, else a bar */
} CardinalRouteEnd;

/* The ends of a logical relationship; @end1 is drawn where the line meets entity1. */
void cardinal_route_relationship_ends (const CardinalRelationship *relationship,
                                       CardinalRouteEnd           *end1,
                                       CardinalRouteEnd           *end2);

#define CARDINAL_ROUTE_MAX_POINTS 6

/* The straight piece every line keeps where it leaves a box, so that a crow's
 * foot, a bar and a circle (they reach 25 units out) stay readable. */
#define CARDINAL_ROUTE_STUB 30.0
/* The room a self-loop takes beside its box (right and top), per loop. */
#define CARDINAL_ROUTE_SELF_LOOP 34.0
#define CARDINAL_ROUTE_SELF_LOOP_STEP 14.0
/* How far a route can stray outside the union of its two boxes. */
#define CARDINAL_ROUTE_MARGIN 120.0

/* An orthogonal polyline in model coordinates; the first and last segments
 * leave their boxes at a right angle so the ends read clearly. */
typedef struct
{
  graphene_point_t points[CARDINAL_ROUTE_MAX_POINTS];
  guint            n_points;
  /* Unit vectors pointing from each box out along the line. */
  graphene_point_t dir1;
  graphene_point_t dir2;
} CardinalRoute;

/* A line to route: between boxes[box1] and boxes[box2] (the same box: a self-loop). */
typedef struct
{
  guint box1;
  guint box2;
} CardinalRouteLink;

/* Routes every link at once, so that the ends on one side of a box each get
 * their own port, spread along the side and ordered by where the line goes
 * (lines do not cross at the box), and no two ends share a point.
 * @routes has @n_links elements. Links naming a box ≥ @n_boxes get no points. */
void   cardinal_route_compute_all  (const graphene_rect_t   *boxes,
                                    guint                    n_boxes,
                                    const CardinalRouteLink *links,
                                    guint                    n_links,
                                    CardinalRoute           *routes);

void   cardinal_route_get_bounds   (const CardinalRoute     *route,
                                    graphene_rect_t         *bounds);
double cardinal_route_distance     (const CardinalRoute     *route,
                                    double                   x,
                                    double                   y);
/* Half-way along the line. */
void   cardinal_route_get_midpoint (const CardinalRoute     *route,
                                    graphene_point_t        *point);

G_END_DECLS
