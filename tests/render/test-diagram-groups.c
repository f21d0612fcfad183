/* test-diagram-groups.c: format 3 in diagrams: groups as clusters around their boxes, entity colours as header fills, notes as note-shaped boxes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <math.h>
#include <stdio.h>
#include <string.h>

#include <graphviz/cgraph.h>

#include "cardinal-diagram.h"
#include "cardinal-test-support.h"

/* blog with two groups (one coloured), two coloured entities and a note whose
 * text means something to XML and to Graphviz's label escapes. */
static CardinalModel *
grouped_blog (void)
{
  CardinalModel *model = cardinal_test_load_example ("blog");
  const char *content[] = { "post", "tag", NULL };
  const char *people[] = { "user", "profile", NULL };
  CardinalGroup *group;
  CardinalNote *note;

  group = cardinal_group_new ("Content & <stuff>", content);
  group->color = g_strdup ("green");
  g_ptr_array_add (model->groups, group);
  g_ptr_array_add (model->groups, cardinal_group_new ("People", people));
  g_free (cardinal_model_find_entity (model, "post")->color);
  cardinal_model_find_entity (model, "post")->color = g_strdup ("orange");
  g_free (cardinal_model_find_entity (model, "group")->color);
  cardinal_model_find_entity (model, "group")->color = g_strdup ("#ff0000");
  note = cardinal_note_new ("Posts are soft-deleted.\nSee \\N & <policy>", 900, 40);
  note->width = 260;
  g_ptr_array_add (model->notes, note);
  /* The physical view's tables must not be placed by an entity named like a note. */
  return model;
}

static CardinalDiagramOptions
options_for (CardinalDiagramView   view,
             CardinalDiagramLayout layout,
             CardinalDiagramFormat format)
{
  CardinalDiagramOptions options;

  cardinal_diagram_options_init (&options);
  options.view = view;
  options.layout = layout;
  options.format = format;
  return options;
}

static char *
render_text (const CardinalModel   *model,
             CardinalDiagramView    view,
             CardinalDiagramLayout  layout,
             CardinalDiagramFormat  format)
{
  CardinalDiagramOptions options = options_for (view, layout, format);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = cardinal_diagram_render (model, &options, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  return g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

static gboolean
in_cluster (Agraph_t   *g,
            const char *cluster,
            const char *node)
{
  Agraph_t *sub = agsubg (g, (char *) cluster, FALSE);
  Agnode_t *n = agnode (g, (char *) node, FALSE);

  g_assert_nonnull (sub);
  g_assert_nonnull (n);
  return agsubnode (sub, n, FALSE) != NULL;
}

/* The graph as built: clusters with their members, the note, the colours. */
static void
test_dot_logical (void)
{
  g_autoptr(CardinalModel) model = grouped_blog ();
  CardinalDiagramOptions options = options_for (CARDINAL_DIAGRAM_VIEW_LOGICAL, CARDINAL_DIAGRAM_LAYOUT_AUTO,
                                                CARDINAL_DIAGRAM_FORMAT_DOT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = cardinal_diagram_build_dot (model, &options, &error);
  g_autofree char *green_fill = cardinal_color_tint ("green", 0.12);
  g_autofree char *orange_header = cardinal_color_tint ("orange", 0.35);
  g_autofree char *red_header = cardinal_color_tint ("#ff0000", 0.35);
  g_autofree char *header = NULL;
  Agraph_t *g;
  Agnode_t *note;

  g_assert_no_error (error);
  g_assert_nonnull (dot);
  g = agmemread (dot);
  g_assert_nonnull (g);

  g_assert_true (in_cluster (g, "cluster_group_1", "post"));
  g_assert_true (in_cluster (g, "cluster_group_1", "tag"));
  g_assert_false (in_cluster (g, "cluster_group_1", "user"));
  g_assert_true (in_cluster (g, "cluster_group_2", "user"));
  g_assert_true (in_cluster (g, "cluster_group_2", "profile"));
  g_assert_false (in_cluster (g, "cluster_group_2", "group"));
  g_assert_cmpstr (agget (agsubg (g, (char *) "cluster_group_1", FALSE), (char *) "fillcolor"), ==, green_fill);
  g_assert_cmpstr (agget (agsubg (g, (char *) "cluster_group_1", FALSE), (char *) "style"), ==, "rounded,filled");
  g_assert_nonnull (strstr (agget (agsubg (g, (char *) "cluster_group_1", FALSE), (char *) "label"),
                            "Content &amp; &lt;stuff&gt;"));

  /* Entity colours tint the header; others keep the default. */
  g_assert_nonnull (strstr (agget (agnode (g, (char *) "post", FALSE), (char *) "label"), orange_header));
  g_assert_nonnull (strstr (agget (agnode (g, (char *) "group", FALSE), (char *) "label"), red_header));
  g_assert_nonnull (strstr (agget (agnode (g, (char *) "tag", FALSE), (char *) "label"), "#dbe6f4"));

  note = agnode (g, (char *) "note 1", FALSE);
  g_assert_nonnull (note);
  g_assert_cmpstr (agget (note, (char *) "shape"), ==, "note");
  /* Markup escaped, Graphviz's \N defused by a word joiner, lines kept. */
  header = g_strdup (agget (note, (char *) "label"));
  g_assert_nonnull (strstr (header, "Posts are soft-deleted.<BR ALIGN=\"LEFT\"/>"));
  g_assert_nonnull (strstr (header, "See \\\xe2\x81\xa0N &amp; &lt;policy&gt;"));
  g_assert_cmpfloat (fabs (g_ascii_strtod (agget (note, (char *) "width"), NULL) * 72.0 - 260.0), <, 0.01);
  agclose (g);
}

/* Physical view: the groups hold their entities' tables, not the link tables. */
static void
test_dot_physical (void)
{
  g_autoptr(CardinalModel) model = grouped_blog ();
  CardinalDiagramOptions options = options_for (CARDINAL_DIAGRAM_VIEW_PHYSICAL, CARDINAL_DIAGRAM_LAYOUT_AUTO,
                                                CARDINAL_DIAGRAM_FORMAT_DOT);
  g_autoptr(GError) error = NULL;
  g_autofree char *dot = cardinal_diagram_build_dot (model, &options, &error);
  Agraph_t *g;

  g_assert_no_error (error);
  g = agmemread (dot);
  g_assert_nonnull (g);
  g_assert_true (in_cluster (g, "cluster_group_1", "post"));
  g_assert_true (in_cluster (g, "cluster_group_1", "tag"));
  g_assert_false (in_cluster (g, "cluster_group_1", "post_tag"));
  g_assert_true (in_cluster (g, "cluster_group_2", "user"));
  g_assert_nonnull (agnode (g, (char *) "note 1", FALSE));
  agclose (g);
}

/* A model without groups or notes draws as before: no cluster, no note. */
static void
test_without (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");
  CardinalDiagramOptions options = options_for (CARDINAL_DIAGRAM_VIEW_LOGICAL, CARDINAL_DIAGRAM_LAYOUT_AUTO,
                                                CARDINAL_DIAGRAM_FORMAT_DOT);
  g_autofree char *dot = cardinal_diagram_build_dot (model, &options, NULL);

  g_assert_nonnull (dot);
  g_assert_null (strstr (dot, "cluster"));
  g_assert_null (strstr (dot, "note"));
}

/* Laid out at the drawn positions, a group's box surrounds its members'
 * boxes, and the note is where it was put. */
static void
check_pinned (CardinalDiagramView view)
{
  g_autoptr(CardinalModel) model = grouped_blog ();
  g_autofree char *dot = render_text (model, view, CARDINAL_DIAGRAM_LAYOUT_MANUAL, CARDINAL_DIAGRAM_FORMAT_DOT);
  Agraph_t *g = agmemread (dot);
  const char *members[] = { "post", "tag" };
  double bb[4];
  const char *text;
  Agnode_t *note;

  g_assert_nonnull (g);
  text = agget (agsubg (g, (char *) "cluster_group_1", FALSE), (char *) "bb");
  g_assert_nonnull (text);
  g_assert_cmpint (sscanf (text, "%lf,%lf,%lf,%lf", &bb[0], &bb[1], &bb[2], &bb[3]), ==, 4);
  g_assert_cmpfloat (bb[0], <, bb[2]);
  g_assert_cmpfloat (bb[1], <, bb[3]);
  for (guint i = 0; i < G_N_ELEMENTS (members); i++)
    {
      Agnode_t *n = agnode (g, (char *) members[i], FALSE);
      double x, y, w, h;

      g_assert_cmpint (sscanf (agget (n, (char *) "pos"), "%lf,%lf", &x, &y), ==, 2);
      w = g_ascii_strtod (agget (n, (char *) "width"), NULL) * 72.0;
      h = g_ascii_strtod (agget (n, (char *) "height"), NULL) * 72.0;
      g_assert_cmpfloat (x - w / 2, >, bb[0]);
      g_assert_cmpfloat (x + w / 2, <, bb[2]);
      g_assert_cmpfloat (y - h / 2, >, bb[1]);
      g_assert_cmpfloat (y + h / 2, <, bb[3]);
    }

  note = agnode (g, (char *) "note 1", FALSE);
  g_assert_nonnull (note);
  {
    double x, y, w, h;

    g_assert_cmpint (sscanf (agget (note, (char *) "pos"), "%lf,%lf", &x, &y), ==, 2);
    w = g_ascii_strtod (agget (note, (char *) "width"), NULL) * 72.0;
    h = g_ascii_strtod (agget (note, (char *) "height"), NULL) * 72.0;
    /* Top-left at the note's x, y (y down in the document). */
    g_assert_cmpfloat (fabs (x - w / 2 - 900), <, 0.6);
    g_assert_cmpfloat (fabs (-(y + h / 2) - 40), <, 0.6);
    g_assert_cmpfloat (w, >=, 260 - 0.5);
    g_assert_cmpfloat (h, >=, CARDINAL_NOTE_DEFAULT_HEIGHT - 0.5);
  }
  agclose (g);
}

static void
test_pinned (void)
{
  check_pinned (CARDINAL_DIAGRAM_VIEW_LOGICAL);
  check_pinned (CARDINAL_DIAGRAM_VIEW_PHYSICAL);
}

/* The SVG draws the clusters (with their names) and the note's text, in
 * both layouts. */
static void
test_svg (void)
{
  for (guint layout = 0; layout < 2; layout++)
    {
      g_autoptr(CardinalModel) model = grouped_blog ();
      g_autofree char *svg = render_text (model, CARDINAL_DIAGRAM_VIEW_LOGICAL, (CardinalDiagramLayout) layout,
                                          CARDINAL_DIAGRAM_FORMAT_SVG);
      g_autofree char *green_fill = cardinal_color_tint ("green", 0.12);
      g_autofree char *orange_header = cardinal_color_tint ("orange", 0.35);

      g_test_message ("layout %u", layout);
      g_assert_nonnull (strstr (svg, "class=\"cluster\""));
      g_assert_nonnull (strstr (svg, "<title>cluster_group_1</title>"));
      g_assert_nonnull (strstr (svg, "<title>cluster_group_2</title>"));
      g_assert_nonnull (strstr (svg, ">Content &amp; &lt;stuff&gt;</text>"));
      g_assert_nonnull (strstr (svg, ">People</text>"));
      g_assert_nonnull (strstr (svg, green_fill));
      g_assert_nonnull (strstr (svg, orange_header));
      g_assert_nonnull (strstr (svg, ">Posts are soft&#45;deleted.</text>"));
      g_assert_nonnull (strstr (svg, "&lt;policy&gt;</text>"));
      g_assert_nonnull (strstr (svg, "fill=\"#fdf3b4\""));
    }
}

/* Arrange places entities only, and keeps a group's entities together. */
static void
test_arrange (void)
{
  g_autoptr(CardinalModel) model = grouped_blog ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GHashTable) positions = cardinal_diagram_layout_positions (model, NULL, NULL, &error);

  g_assert_no_error (error);
  g_assert_nonnull (positions);
  g_assert_cmpuint (g_hash_table_size (positions), ==, model->entities->len);
  g_assert_null (g_hash_table_lookup (positions, "note 1"));
  g_assert_nonnull (g_hash_table_lookup (positions, "post"));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram-groups/dot-logical", test_dot_logical);
  g_test_add_func ("/diagram-groups/dot-physical", test_dot_physical);
  g_test_add_func ("/diagram-groups/without", test_without);
  g_test_add_func ("/diagram-groups/pinned", test_pinned);
  g_test_add_func ("/diagram-groups/svg", test_svg);
  g_test_add_func ("/diagram-groups/arrange", test_arrange);

  return g_test_run ();
}
