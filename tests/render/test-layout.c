/* test-layout.c: route and layout geometry (ports, stubs, self-loops, free space, push-apart, packing) and Arrange on every example and on generated 100/300/1,000-entity models. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>

#include "cardinal-diagram.h"
#include "cardinal-engineer.h"
#include "cardinal-generate-model.h"
#include "cardinal-layout.h"
#include "cardinal-physical.h"
#include "cardinal-route.h"
#include "cardinal-test-geometry.h"
#include "cardinal-test-support.h"

#define MAX_RATIO 2.5

/* pure geometry --------------------------------------------------------- */

static double
segment_length (const CardinalRoute *route,
                guint                i)
{
  return graphene_point_distance (&route->points[i], &route->points[i + 1], NULL, NULL);
}

static void
assert_ends_distinct (const CardinalRoute *routes,
                      guint                n_routes,
                      const char          *what)
{
  g_autoptr(GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; i < n_routes; i++)
    {
      if (routes[i].n_points == 0)
        continue;
      for (guint e = 0; e < 2; e++)
        {
          const graphene_point_t *p = &routes[i].points[e == 0 ? 0 : routes[i].n_points - 1];
          g_autofree char *key = g_strdup_printf ("%.1f,%.1f", p->x, p->y);

          if (g_hash_table_contains (seen, key))
            g_error ("%s: two relationship ends share the point %s", what, key);
          g_hash_table_add (seen, g_steal_pointer (&key));
        }
    }
}

/* Three lines between two boxes side by side, and two more from the left
 * box to boxes above and below: each end has its own port, on the facing
 * sides, in the order of where the lines go, and all are straight stubs. */
static void
test_ports_spread (void)
{
  graphene_rect_t boxes[] = {
    GRAPHENE_RECT_INIT (0, 200, 180, 120),
    GRAPHENE_RECT_INIT (400, 200, 180, 120),
    GRAPHENE_RECT_INIT (400, -100, 180, 120),
    GRAPHENE_RECT_INIT (400, 500, 180, 120),
  };
  CardinalRouteLink links[] = { { 0, 1 }, { 0, 1 }, { 0, 3 }, { 1, 0 }, { 0, 2 } };
  CardinalRoute routes[G_N_ELEMENTS (links)];

  cardinal_route_compute_all (boxes, G_N_ELEMENTS (boxes), links, G_N_ELEMENTS (links), routes);
  assert_ends_distinct (routes, G_N_ELEMENTS (links), "spread");
  for (guint i = 0; i < G_N_ELEMENTS (links); i++)
    {
      const CardinalRoute *route = &routes[i];

      g_assert_cmpuint (route->n_points, >=, 2);
      /* Every end leaves the right side of box 0 (the others are to its right). */
      if (links[i].box1 == 0)
        {
          g_assert_cmpfloat (route->points[0].x, ==, 180);
          g_assert_cmpfloat (route->dir1.x, ==, 1);
        }
      g_assert_cmpfloat (segment_length (route, 0), >=, CARDINAL_ROUTE_STUB);
      g_assert_cmpfloat (segment_length (route, route->n_points - 2), >=, CARDINAL_ROUTE_STUB);
      for (guint b = 0; b < G_N_ELEMENTS (boxes); b++)
        if (b != links[i].box1 && b != links[i].box2)
          g_assert_false (cardinal_route_crosses_rect (route, &boxes[b]));
    }
  /* Ordered by the far box: the line to the box above leaves highest, the
   * one to the box below lowest. */
  g_assert_cmpfloat (routes[4].points[0].y, <, routes[0].points[0].y);
  g_assert_cmpfloat (routes[0].points[0].y, <, routes[2].points[0].y);
  g_assert_cmpfloat (routes[1].points[0].y, <, routes[2].points[0].y);
  /* The three facing lines are straight. */
  g_assert_cmpuint (routes[0].n_points, ==, 2);
  g_assert_cmpuint (routes[1].n_points, ==, 2);
}

/* Boxes too close for both ends' stubs: the line goes round the outside. */
static void
test_close_boxes_keep_stubs (void)
{
  graphene_rect_t boxes[] = {
    GRAPHENE_RECT_INIT (0, 0, 180, 100),
    GRAPHENE_RECT_INIT (200, 30, 180, 100),
    GRAPHENE_RECT_INIT (10, 115, 180, 100),
  };
  CardinalRouteLink links[] = { { 0, 1 }, { 0, 2 } };
  CardinalRoute routes[2];

  cardinal_route_compute_all (boxes, 3, links, 2, routes);
  for (guint i = 0; i < 2; i++)
    {
      g_assert_cmpfloat (segment_length (&routes[i], 0), >=, CARDINAL_ROUTE_STUB);
      g_assert_cmpfloat (segment_length (&routes[i], routes[i].n_points - 2), >=, CARDINAL_ROUTE_STUB);
    }
  assert_ends_distinct (routes, 2, "close");
}

/* Self-loops stay beside their box, nested, never over the box itself. */
static void
test_self_loops (void)
{
  graphene_rect_t boxes[] = { GRAPHENE_RECT_INIT (100, 100, 180, 120) };
  CardinalRouteLink links[] = { { 0, 0 }, { 0, 0 } };
  CardinalRoute routes[2];
  graphene_rect_t inner = GRAPHENE_RECT_INIT (101, 101, 178, 118);

  cardinal_route_compute_all (boxes, 1, links, 2, routes);
  assert_ends_distinct (routes, 2, "self");
  for (guint i = 0; i < 2; i++)
    {
      graphene_rect_t bounds;

      g_assert_false (cardinal_route_crosses_rect (&routes[i], &inner));
      cardinal_route_get_bounds (&routes[i], &bounds);
      g_assert_cmpfloat (bounds.origin.y, <, 100);
      g_assert_cmpfloat (bounds.origin.x + bounds.size.width, >, 280);
    }
  /* The second loop goes round the first. */
  g_assert_cmpfloat (routes[1].points[1].x, >, routes[0].points[1].x);
  g_assert_cmpfloat (routes[1].points[2].y, <, routes[0].points[2].y);
}

static void
test_push_apart (void)
{
  graphene_rect_t boxes[] = {
    GRAPHENE_RECT_INIT (0, 0, 200, 100),     /* grown: fixed */
    GRAPHENE_RECT_INIT (150, 20, 100, 100),
    GRAPHENE_RECT_INIT (260, 20, 100, 100),  /* pushed on by the one before */
    GRAPHENE_RECT_INIT (0, 500, 100, 100),   /* far away: stays */
  };
  gboolean fixed[] = { TRUE, FALSE, FALSE, FALSE };

  g_assert_true (cardinal_layout_push_apart (boxes, 4, fixed, 20));
  g_assert_cmpfloat (boxes[0].origin.x, ==, 0);
  g_assert_cmpfloat (boxes[0].origin.y, ==, 0);
  g_assert_cmpfloat (boxes[3].origin.y, ==, 500);
  g_assert_false (cardinal_layout_find_overlap (boxes, 4, NULL, NULL));
  /* Nothing left to do. */
  g_assert_false (cardinal_layout_push_apart (boxes, 4, fixed, 20));
}

static void
test_find_free (void)
{
  graphene_rect_t obstacles[] = {
    GRAPHENE_RECT_INIT (0, 0, 200, 100),
    GRAPHENE_RECT_INIT (0, 0, 200, 100),
    GRAPHENE_RECT_INIT (220, 0, 200, 100),
  };
  graphene_point_t near = GRAPHENE_POINT_INIT (100, 50);
  graphene_rect_t found;

  cardinal_layout_find_free (obstacles, 3, 200, 100, &near, 20, &found);
  for (guint i = 0; i < 3; i++)
    g_assert_false (cardinal_layout_rects_overlap (&found, &obstacles[i]));
  /* Near: within a box or two of where it was wanted. */
  g_assert_cmpfloat (fabs (found.origin.x + 100 - near.x) + fabs (found.origin.y + 50 - near.y), <, 400);

  /* Free space: exactly where asked. */
  near = GRAPHENE_POINT_INIT (1000, 1000);
  cardinal_layout_find_free (obstacles, 3, 200, 100, &near, 20, &found);
  g_assert_cmpfloat (found.origin.x, ==, 900);
  g_assert_cmpfloat (found.origin.y, ==, 950);
}

/* 40 unconnected boxes and a long chain: packed near the aspect asked for. */
static void
test_pack (void)
{
  graphene_rect_t boxes[60];
  CardinalRouteLink links[19];
  graphene_rect_t bounds;

  for (guint i = 0; i < 60; i++)
    graphene_rect_init (&boxes[i], i * 250, 0, 180, 80 + (i % 3) * 30);
  for (guint i = 0; i < 19; i++)
    links[i] = (CardinalRouteLink) { 40 + i, 41 + i };
  cardinal_layout_pack (boxes, 60, links, 19, 1.6, 60, 40);
  g_assert_false (cardinal_layout_find_overlap (boxes, 60, NULL, NULL));
  cardinal_layout_get_bounds (boxes, 60, &bounds);
  g_assert_cmpfloat (bounds.origin.x, ==, 40);
  g_assert_cmpfloat (bounds.origin.y, ==, 40);
  g_assert_cmpfloat (bounds.size.width / bounds.size.height, <=, MAX_RATIO);
  g_assert_cmpfloat (bounds.size.height / bounds.size.width, <=, MAX_RATIO);
}

/* Arrange on real models --------------------------------------------------- */

/* A box's size about as the canvas draws it. */
static void
estimate_size (const char *title,
               guint       n_rows,
               glong       longest_row,
               double     *width,
               double     *height)
{
  *width = ceil (MAX (180.0, MAX (60.0 + 9.0 * g_utf8_strlen (title, -1), 80.0 + 7.5 * longest_row)) / 10) * 10;
  *height = 40.0 + 24.0 * MAX (1u, n_rows);
}

static void
entity_size (const CardinalEntity *entity,
             double               *width,
             double               *height)
{
  glong longest = 0;

  for (guint i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      longest = MAX (longest, g_utf8_strlen (attribute->name, -1) + g_utf8_strlen (attribute->type, -1));
    }
  estimate_size (entity->name, entity->attributes->len, longest, width, height);
}

static guint
entity_index (const CardinalModel *model,
              const char          *name)
{
  for (guint i = 0; i < model->entities->len; i++)
    if (g_strcmp0 (((CardinalEntity *) g_ptr_array_index (model->entities, i))->name, name) == 0)
      return i;
  return G_MAXUINT;
}

static void
check_arranged (const CardinalModel *model,
                const char          *what)
{
  guint n = model->entities->len;
  g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
  g_autoptr(GHashTable) positions = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree graphene_rect_t *boxes = g_new0 (graphene_rect_t, MAX (n, 1));
  g_autoptr(GArray) links = g_array_new (FALSE, FALSE, sizeof (CardinalRouteLink));
  g_autofree CardinalRoute *routes = NULL;
  graphene_rect_t bounds;
  guint first, second;

  for (guint i = 0; i < n; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalDiagramSize *size = g_new (CardinalDiagramSize, 1);

      entity_size (entity, &size->width, &size->height);
      g_hash_table_insert (sizes, entity->name, size);
    }
  positions = cardinal_diagram_layout_positions_for_aspect (model, sizes, 1.6, NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < n; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      const CardinalDiagramPosition *position = g_hash_table_lookup (positions, entity->name);
      const CardinalDiagramSize *size = g_hash_table_lookup (sizes, entity->name);

      g_assert_nonnull (position);
      graphene_rect_init (&boxes[i], position->x, position->y, size->width, size->height);
    }
  if (cardinal_layout_find_overlap (boxes, n, &first, &second))
    g_error ("%s: arranged boxes %u and %u overlap", what, first, second);
  cardinal_layout_get_bounds (boxes, n, &bounds);
  g_test_message ("%s: %u entities arranged in %.0f × %.0f", what, n, bounds.size.width, bounds.size.height);
  if (n > 1 && (bounds.size.width > MAX_RATIO * bounds.size.height || bounds.size.height > MAX_RATIO * bounds.size.width))
    g_error ("%s: arranged in %.0f × %.0f, beyond %.1f:1", what, bounds.size.width, bounds.size.height, MAX_RATIO);

  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      CardinalRouteLink link = { entity_index (model, relationship->entity1), entity_index (model, relationship->entity2) };

      if (link.box1 < n && link.box2 < n)
        g_array_append_val (links, link);
    }
  routes = g_new0 (CardinalRoute, MAX (links->len, 1));
  cardinal_route_compute_all (boxes, n, (CardinalRouteLink *) links->data, links->len, routes);
  assert_ends_distinct (routes, links->len, what);
  for (guint i = 0; i < links->len; i++)
    {
      const CardinalRouteLink *link = &g_array_index (links, CardinalRouteLink, i);
      graphene_rect_t area;

      if (link->box1 != link->box2)
        continue;
      /* A self-loop crosses no other box. */
      cardinal_route_get_bounds (&routes[i], &area);
      for (guint b = 0; b < n; b++)
        if (b != link->box1 && cardinal_route_crosses_rect (&routes[i], &boxes[b]))
          g_error ("%s: the self-loop of %u crosses box %u", what, link->box1, b);
    }

  /* The physical view: tables where their entities are, link tables placed
   * between their entities, overlapping nothing. */
  {
    g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
    guint m = schema->tables->len;
    g_autofree graphene_rect_t *tables = g_new0 (graphene_rect_t, MAX (m, 1));
    g_autofree guint *between1 = g_new (guint, MAX (m, 1));
    g_autofree guint *between2 = g_new (guint, MAX (m, 1));
    guint n_link_tables = 0;
    gint64 start;

    for (guint t = 0; t < m; t++)
      {
        const CardinalTable *table = g_ptr_array_index (schema->tables, t);
        guint e = table->entity != NULL ? entity_index (model, table->entity) : G_MAXUINT;
        glong longest = 0;
        double w, h;

        for (guint c = 0; c < table->columns->len; c++)
          longest = MAX (longest, g_utf8_strlen (((CardinalColumn *) g_ptr_array_index (table->columns, c))->name, -1) + 8);
        estimate_size (table->name, table->columns->len, longest, &w, &h);
        between1[t] = between2[t] = G_MAXUINT;
        if (e < n)
          graphene_rect_init (&tables[t], boxes[e].origin.x, boxes[e].origin.y, w, h);
        else
          {
            graphene_rect_init (&tables[t], 0, 0, w, h);
            between1[t] = between2[t] = m;
            for (guint k = 0; k < table->foreign_keys->len; k++)
              {
                const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);

                for (guint r = 0; r < m; r++)
                  if (r != t && g_strcmp0 (((CardinalTable *) g_ptr_array_index (schema->tables, r))->name, fk->ref_table) == 0)
                    {
                      if (between1[t] == m)
                        between1[t] = r;
                      else
                        between2[t] = r;
                    }
              }
            n_link_tables++;
          }
      }
    start = g_get_monotonic_time ();
    cardinal_layout_place_link_tables (tables, m, between1, between2);
    g_test_message ("%s: link tables placed in %.1f ms", what, (g_get_monotonic_time () - start) / 1000.0);
    for (guint t = 0; t < m; t++)
      {
        if (between1[t] == G_MAXUINT)
          continue;
        for (guint u = 0; u < m; u++)
          if (u != t && cardinal_layout_rects_overlap (&tables[t], &tables[u]))
            g_error ("%s: link table %u overlaps table %u", what, t, u);
      }
    g_test_message ("%s: %u link tables placed", what, n_link_tables);
  }
}

static void
test_arrange_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();

  g_assert_nonnull (names[0]);
  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);

      check_arranged (model, names[i]);
    }
}

static void
test_arrange_generated (gconstpointer data)
{
  guint n = GPOINTER_TO_UINT (data);

  for (guint hub = 0; hub < 2; hub++)
    {
      g_autoptr(CardinalModel) model = cardinal_generate_model (n, 7 + n, hub);
      g_autofree char *what = g_strdup_printf ("generated %u%s", n, hub ? " with a hub" : "");

      check_arranged (model, what);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/layout/ports-spread", test_ports_spread);
  g_test_add_func ("/layout/close-boxes-keep-stubs", test_close_boxes_keep_stubs);
  g_test_add_func ("/layout/self-loops", test_self_loops);
  g_test_add_func ("/layout/push-apart", test_push_apart);
  g_test_add_func ("/layout/find-free", test_find_free);
  g_test_add_func ("/layout/pack", test_pack);
  g_test_add_func ("/layout/arrange/examples", test_arrange_examples);
  g_test_add_data_func ("/layout/arrange/generated-100", GUINT_TO_POINTER (100), test_arrange_generated);
  g_test_add_data_func ("/layout/arrange/generated-300", GUINT_TO_POINTER (300), test_arrange_generated);
  g_test_add_data_func ("/layout/arrange/generated-1000", GUINT_TO_POINTER (1000), test_arrange_generated);
  return g_test_run ();
}
