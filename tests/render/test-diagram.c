/* test-diagram.c: diagrams of every example in every format, manual positions, escaping, Arrange, the PNG guard and the CLI. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <graphviz/cgraph.h>

#include "cardinal-diagram.h"
#include "cardinal-document.h"
#include "cardinal-engineer.h"
#include "cardinal-test-support.h"

/* What the physical model says the diagram must show. */
typedef struct
{
  guint n_tables;
  guint n_fks;
} Expected;

static Expected
expected_physical (const CardinalModel *model)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  Expected expected = { schema->tables->len, 0 };
  guint i;

  for (i = 0; i < schema->tables->len; i++)
    expected.n_fks += ((const CardinalTable *) g_ptr_array_index (schema->tables, i))->foreign_keys->len;
  return expected;
}

static Expected
expected_logical (const CardinalModel *model)
{
  Expected expected = { model->entities->len, 0 };
  guint i;

  for (i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (cardinal_model_find_entity (model, relationship->entity1) != NULL
          && cardinal_model_find_entity (model, relationship->entity2) != NULL)
        expected.n_fks++;
    }
  return expected;
}

/* The picture of @model with @options, which must render and not be empty. */
static GBytes *
render_options (const CardinalModel          *model,
                const CardinalDiagramOptions *options)
{
  g_autoptr(GError) error = NULL;
  GBytes *bytes;

  bytes = cardinal_diagram_render (model, options, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (bytes);
  g_assert_cmpuint (g_bytes_get_size (bytes), >, 0);
  return bytes;
}

static GBytes *
render (const CardinalModel   *model,
        CardinalDiagramFormat  format,
        CardinalDiagramLayout  layout,
        CardinalDiagramView    view)
{
  CardinalDiagramOptions options;

  cardinal_diagram_options_init (&options);
  options.format = format;
  options.layout = layout;
  options.view = view;
  options.relationship_labels = TRUE;
  return render_options (model, &options);
}

/* SVG ---------------------------------------------------------------------- */

typedef struct
{
  guint       n_nodes;
  guint       n_edges;
  double      width_pt;
  double      height_pt;
  GPtrArray  *texts;        /* character data of every <text> and <title>, unescaped */
  GString    *current;
  gboolean    in_text;
} SvgScan;

static void
svg_start (GMarkupParseContext  *context,
           const char           *element,
           const char          **names,
           const char          **values,
           gpointer              user_data,
           GError              **error)
{
  SvgScan *scan = user_data;
  guint i;

  for (i = 0; names[i] != NULL; i++)
    {
      if (g_str_equal (element, "g") && g_str_equal (names[i], "class"))
        {
          if (g_str_equal (values[i], "node"))
            scan->n_nodes++;
          else if (g_str_equal (values[i], "edge"))
            scan->n_edges++;
        }
      if (g_str_equal (element, "svg") && g_str_equal (names[i], "width"))
        scan->width_pt = g_ascii_strtod (values[i], NULL);
      if (g_str_equal (element, "svg") && g_str_equal (names[i], "height"))
        scan->height_pt = g_ascii_strtod (values[i], NULL);
    }
  if (g_str_equal (element, "text") || g_str_equal (element, "title"))
    {
      scan->in_text = TRUE;
      g_string_truncate (scan->current, 0);
    }
}

static void
svg_end (GMarkupParseContext  *context,
         const char           *element,
         gpointer              user_data,
         GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->in_text && (g_str_equal (element, "text") || g_str_equal (element, "title")))
    {
      g_ptr_array_add (scan->texts, g_strdup (scan->current->str));
      scan->in_text = FALSE;
    }
}

static void
svg_text (GMarkupParseContext  *context,
          const char           *text,
          gsize                 length,
          gpointer              user_data,
          GError              **error)
{
  SvgScan *scan = user_data;

  if (scan->in_text)
    g_string_append_len (scan->current, text, (gssize) length);
}

/* GMarkup checks well-formedness (and passes the DOCTYPE and comments through). */
static void
scan_svg (GBytes  *svg,
          SvgScan *scan)
{
  static const GMarkupParser parser = { svg_start, svg_end, svg_text, NULL, NULL };
  g_autoptr(GMarkupParseContext) context = NULL;
  g_autoptr(GError) error = NULL;
  gsize size;
  const char *data = g_bytes_get_data (svg, &size);

  memset (scan, 0, sizeof *scan);
  scan->texts = g_ptr_array_new_with_free_func (g_free);
  scan->current = g_string_new (NULL);
  context = g_markup_parse_context_new (&parser, 0, scan, NULL);
  g_markup_parse_context_parse (context, data, (gssize) size, &error);
  g_assert_no_error (error);
  g_markup_parse_context_end_parse (context, &error);
  g_assert_no_error (error);
}

static void
svg_scan_clear (SvgScan *scan)
{
  g_ptr_array_unref (scan->texts);
  g_string_free (scan->current, TRUE);
}

/* The diagram puts an invisible word joiner (U+2060) after an "&" that
 * starts something entity-like; a reader sees the text without it. */
static gboolean
svg_has_text (SvgScan    *scan,
              const char *text)
{
  guint i;

  for (i = 0; i < scan->texts->len; i++)
    {
      g_autoptr(GString) seen = g_string_new (g_ptr_array_index (scan->texts, i));

      g_string_replace (seen, "\xe2\x81\xa0", "", 0);
      if (g_str_equal (seen->str, text))
        return TRUE;
    }
  return FALSE;
}

/* DOT ---------------------------------------------------------------------- */

static Agraph_t *
read_dot (GBytes *dot)
{
  g_autofree char *text = g_strndup (g_bytes_get_data (dot, NULL), g_bytes_get_size (dot));
  Agraph_t *g = agmemread (text);

  g_assert_nonnull (g);
  return g;
}

typedef struct
{
  double x0, y0, x1, y1;    /* top-left and bottom-right, y down */
} Box;

/* A node's box from the laid-out DOT: pos is the centre with y up, sizes in inches. */
static Box
node_box (Agraph_t *g,
          Agnode_t *n)
{
  const char *pos = agget (n, (char *) "pos");
  const char *width = agget (n, (char *) "width");
  const char *height = agget (n, (char *) "height");
  double x, y, w, h;
  char *end;
  Box box;

  g_assert_nonnull (pos);
  g_assert_nonnull (width);
  g_assert_nonnull (height);
  x = g_ascii_strtod (pos, &end);
  g_assert_cmpint (*end, ==, ',');
  y = g_ascii_strtod (end + 1, NULL);
  w = g_ascii_strtod (width, NULL) * 72.0;
  h = g_ascii_strtod (height, NULL) * 72.0;
  g_assert_cmpfloat (w, >, 0);
  g_assert_cmpfloat (h, >, 0);
  box.x0 = x - w / 2;
  box.x1 = x + w / 2;
  box.y0 = -y - h / 2;
  box.y1 = -y + h / 2;
  return box;
}

static gboolean
boxes_overlap (const Box *a,
               const Box *b)
{
  /* Graphviz writes sizes to 1/10000 inch and positions to 1/100 point. */
  const double slack = 0.5;

  return a->x0 + slack < b->x1 && b->x0 + slack < a->x1
         && a->y0 + slack < b->y1 && b->y0 + slack < a->y1;
}

static void
assert_no_overlaps (Agraph_t   *g,
                    const char *what)
{
  g_autoptr(GArray) boxes = g_array_new (FALSE, FALSE, sizeof (Box));
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  Agnode_t *n;
  guint i, j;

  for (n = agfstnode (g); n != NULL; n = agnxtnode (g, n))
    {
      Box box = node_box (g, n);

      g_array_append_val (boxes, box);
      g_ptr_array_add (names, agnameof (n));
    }
  for (i = 0; i < boxes->len; i++)
    for (j = i + 1; j < boxes->len; j++)
      if (boxes_overlap (&g_array_index (boxes, Box, i), &g_array_index (boxes, Box, j)))
        g_error ("%s: boxes \"%s\" and \"%s\" overlap", what,
                 (char *) g_ptr_array_index (names, i), (char *) g_ptr_array_index (names, j));
}

/* PNG, PDF ----------------------------------------------------------------- */

static void
png_size (GBytes *png,
          guint  *width,
          guint  *height)
{
  static const guint8 signature[] = { 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n' };
  gsize size;
  const guint8 *data = g_bytes_get_data (png, &size);

  g_assert_cmpuint (size, >, 33);
  g_assert_cmpmem (data, 8, signature, 8);
  g_assert_cmpmem (data + 12, 4, "IHDR", 4);
  *width = (guint) data[16] << 24 | (guint) data[17] << 16 | (guint) data[18] << 8 | data[19];
  *height = (guint) data[20] << 24 | (guint) data[21] << 16 | (guint) data[22] << 8 | data[23];
}

static int
pdf_pages (GBytes *pdf)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  const char *pages;
  int fd, status = 0;

  g_assert_cmpmem (g_bytes_get_data (pdf, NULL), 5, "%PDF-", 5);
  fd = g_file_open_tmp ("cardinal-diagram-XXXXXX.pdf", &path, &error);
  g_assert_no_error (error);
  close (fd);
  g_file_set_contents (path, g_bytes_get_data (pdf, NULL), (gssize) g_bytes_get_size (pdf), &error);
  g_assert_no_error (error);
  {
    const char *argv[] = { "pdfinfo", path, NULL };

    g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &out, &err, &status, &error);
  }
  g_assert_no_error (error);
  g_unlink (path);
  g_spawn_check_wait_status (status, &error);
  g_assert_no_error (error);
  pages = strstr (out, "Pages:");
  g_assert_nonnull (pages);
  return atoi (pages + strlen ("Pages:"));
}

/* tests -------------------------------------------------------------------- */

static void
check_example (const char *name)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example (name);
  Expected physical = expected_physical (model);
  Expected logical = expected_logical (model);
  g_autoptr(GBytes) svg = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) pdf = NULL;
  g_autoptr(GBytes) dot = NULL;
  g_autoptr(GBytes) logical_svg = NULL;
  g_autoptr(GBytes) logical_dot = NULL;
  SvgScan scan;
  Agraph_t *g;
  guint width, height;

  g_test_message ("example %s: %u tables, %u foreign keys", name, physical.n_tables, physical.n_fks);
  g_assert_cmpuint (physical.n_tables, >, 0);

  svg = render (model, CARDINAL_DIAGRAM_FORMAT_SVG, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  scan_svg (svg, &scan);
  g_assert_cmpuint (scan.n_nodes, ==, physical.n_tables);
  g_assert_cmpuint (scan.n_edges, ==, physical.n_fks);
  g_assert_cmpfloat (scan.width_pt, >, 0);
  g_assert_cmpfloat (scan.height_pt, >, 0);

  /* Same layout, rasterised at 96 dpi: the PNG's size follows the SVG's. */
  png = render (model, CARDINAL_DIAGRAM_FORMAT_PNG, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  png_size (png, &width, &height);
  g_assert_cmpfloat (ABS (width - scan.width_pt * 96.0 / 72.0), <=, 3.0);
  g_assert_cmpfloat (ABS (height - scan.height_pt * 96.0 / 72.0), <=, 3.0);
  svg_scan_clear (&scan);

  pdf = render (model, CARDINAL_DIAGRAM_FORMAT_PDF, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  g_assert_cmpint (pdf_pages (pdf), ==, 1);

  dot = render (model, CARDINAL_DIAGRAM_FORMAT_DOT, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  g = read_dot (dot);
  g_assert_cmpint (agnnodes (g), ==, (int) physical.n_tables);
  g_assert_cmpint (agnedges (g), ==, (int) physical.n_fks);
  assert_no_overlaps (g, name);
  agclose (g);

  logical_svg = render (model, CARDINAL_DIAGRAM_FORMAT_SVG, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_LOGICAL);
  scan_svg (logical_svg, &scan);
  g_assert_cmpuint (scan.n_nodes, ==, logical.n_tables);
  g_assert_cmpuint (scan.n_edges, ==, logical.n_fks);
  svg_scan_clear (&scan);

  logical_dot = render (model, CARDINAL_DIAGRAM_FORMAT_DOT, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_LOGICAL);
  g = read_dot (logical_dot);
  g_assert_cmpint (agnnodes (g), ==, (int) logical.n_tables);
  g_assert_cmpint (agnedges (g), ==, (int) logical.n_fks);
  assert_no_overlaps (g, name);
  agclose (g);
}

static void
test_examples (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i;

  g_assert_cmpuint (g_strv_length (names), >, 0);
  for (i = 0; names[i] != NULL; i++)
    check_example (names[i]);
  check_example ("hostile-names");
}

static void
check_manual (const CardinalModel *model,
              CardinalDiagramView  view)
{
  g_autoptr(GBytes) dot = render (model, CARDINAL_DIAGRAM_FORMAT_DOT, CARDINAL_DIAGRAM_LAYOUT_MANUAL, view);
  g_autoptr(GBytes) svg = render (model, CARDINAL_DIAGRAM_FORMAT_SVG, CARDINAL_DIAGRAM_LAYOUT_MANUAL, view);
  Agraph_t *g = read_dot (dot);
  SvgScan scan;
  guint i;

  for (i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      Agnode_t *n = agnode (g, entity->name, FALSE);
      Box box;

      /* Merged entities have no table of their own in the physical view. */
      if (n == NULL && view == CARDINAL_DIAGRAM_VIEW_PHYSICAL)
        continue;
      g_assert_nonnull (n);
      box = node_box (g, n);
      g_assert_cmpfloat_with_epsilon (box.x0, entity->x, 1.0);
      g_assert_cmpfloat_with_epsilon (box.y0, entity->y, 1.0);
    }

  /* Link tables (the boxes with no entity) are placed clear of every box. */
  for (Agnode_t *n = agfstnode (g); n != NULL; n = agnxtnode (g, n))
    {
      Box box;

      if (cardinal_model_find_entity (model, agnameof (n)) != NULL)
        continue;
      box = node_box (g, n);
      for (Agnode_t *m = agfstnode (g); m != NULL; m = agnxtnode (g, m))
        {
          Box other;

          if (m == n)
            continue;
          other = node_box (g, m);
          if (boxes_overlap (&box, &other))
            g_error ("as drawn: link table \"%s\" overlaps \"%s\"", agnameof (n), agnameof (m));
        }
    }
  agclose (g);

  scan_svg (svg, &scan);
  g_assert_cmpuint (scan.n_nodes, >, 0);
  svg_scan_clear (&scan);
}

static void
test_manual_positions (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i;

  for (i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);

      check_manual (model, CARDINAL_DIAGRAM_VIEW_LOGICAL);
      check_manual (model, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
    }

  /* Link tables between entities drawn close together still overlap nothing. */
  {
    g_autoptr(CardinalModel) model = cardinal_test_load_example ("blog");

    for (i = 0; i < model->entities->len; i++)
      {
        CardinalEntity *entity = g_ptr_array_index (model->entities, i);

        entity->x = 40 + (i % 3) * 260;
        entity->y = 40 + (i / 3) * 200;
      }
    check_manual (model, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  }

  /* Positions far from the origin and negative ones stay where they were drawn. */
  {
    g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
    CardinalEntity *student = cardinal_model_find_entity (model, "student");
    CardinalEntity *course = cardinal_model_find_entity (model, "course");

    student->x = -250.5;
    student->y = 3000;
    course->x = 1200;
    course->y = -75;
    check_manual (model, CARDINAL_DIAGRAM_VIEW_LOGICAL);
    check_manual (model, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  }
}

/* Names with every character that means something to XML, DOT or Graphviz's
 * label escapes, and some that are not ASCII. */
static const char hostile_json[] =
  "{ \"format\": 1, \"name\": \"m\\\"<&>\", \"entities\": ["
  "  { \"name\": \"a<b>&c\", \"x\": 0, \"y\": 0, \"attributes\": ["
  "      { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true },"
  "      { \"name\": \"q\\\"uote's \\\\N \\\\G\", \"type\": \"text\" },"
  "      { \"name\": \"]]> <!-- --> &amp;\", \"type\": \"text\" } ] },"
  "  { \"name\": \"Ünïcødé 表 \\\"x\\\"\", \"x\": 300, \"y\": 0, \"attributes\": ["
  "      { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] } ],"
  "  \"relationships\": [ { \"name\": \"r<&>\\\"\", \"entity1\": \"Ünïcødé 表 \\\"x\\\"\","
  "      \"entity2\": \"a<b>&c\", \"kind\": \"one-to-many\", \"strategy\": \"fk\" } ] }";

static void
check_hostile_model (const CardinalModel *model,
                     const char * const  *expected_texts)
{
  Expected physical = expected_physical (model);
  g_autoptr(GBytes) svg = render (model, CARDINAL_DIAGRAM_FORMAT_SVG, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  g_autoptr(GBytes) dot = render (model, CARDINAL_DIAGRAM_FORMAT_DOT, CARDINAL_DIAGRAM_LAYOUT_AUTO, CARDINAL_DIAGRAM_VIEW_PHYSICAL);
  SvgScan scan;
  Agraph_t *g;
  guint i;

  /* Every name comes back as the same text once the XML is parsed. */
  scan_svg (svg, &scan);
  g_assert_cmpuint (scan.n_nodes, ==, physical.n_tables);
  g_assert_cmpuint (scan.n_edges, ==, physical.n_fks);
  for (i = 0; expected_texts[i] != NULL; i++)
    if (!svg_has_text (&scan, expected_texts[i]))
      g_error ("the SVG has no text \"%s\"", expected_texts[i]);
  svg_scan_clear (&scan);

  /* The DOT re-parses with every table under its own name, the label intact. */
  g = read_dot (dot);
  g_assert_cmpint (agnnodes (g), ==, (int) physical.n_tables);
  g_assert_cmpint (agnedges (g), ==, (int) physical.n_fks);
  for (i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      Agnode_t *n = agnode (g, entity->name, FALSE);
      char *label;

      g_assert_nonnull (n);
      label = agget (n, (char *) "label");
      g_assert_true (aghtmlstr (label));
      g_assert_null (strchr (entity->name, '<') != NULL ? strstr (label, entity->name) : NULL);
    }
  agclose (g);
}

static void
test_hostile_names (void)
{
  static const char *const file_texts[] = {
    "order", "we\"ird", "with space", "naïve name", "café crème", "größe", "it's",
    "user \"in\" group", "buyer person_id", NULL
  };
  static const char *const json_texts[] = {
    "a<b>&c", "q\"uote's \\N \\G", "]]> <!-- --> &amp;", "Ünïcødé 表 \"x\"", NULL
  };
  g_autoptr(CardinalModel) from_file = cardinal_test_load_example ("hostile-names");
  g_autoptr(CardinalModel) from_json = cardinal_test_model_from_json (hostile_json);

  check_hostile_model (from_file, file_texts);
  check_hostile_model (from_json, json_texts);

  /* Labels on the lines, and the DOT built before layout, escape as well. */
  {
    g_autoptr(GError) error = NULL;
    g_autofree char *text = NULL;
    CardinalDiagramOptions options;
    Agraph_t *g;

    cardinal_diagram_options_init (&options);
    options.relationship_labels = TRUE;
    options.view = CARDINAL_DIAGRAM_VIEW_LOGICAL;
    text = cardinal_diagram_build_dot (from_json, &options, &error);
    g_assert_no_error (error);
    g = agmemread (text);
    g_assert_nonnull (g);
    g_assert_cmpint (agnnodes (g), ==, 2);
    g_assert_cmpint (agnedges (g), ==, 1);
    g_assert_nonnull (agnode (g, (char *) "a<b>&c", FALSE));
    g_assert_true (aghtmlstr (agget (agfstout (g, agnode (g, (char *) "Ünïcødé 表 \"x\"", FALSE)), (char *) "label")));
    agclose (g);
  }
}

static CardinalModel *
tall_model (guint n_attributes)
{
  CardinalModel *model = cardinal_model_new ("tall");
  CardinalEntity *entity = cardinal_model_add_entity (model, cardinal_entity_new ("tall"));
  guint i;

  for (i = 0; i < n_attributes; i++)
    {
      g_autofree char *name = g_strdup_printf ("attribute_%u", i);
      CardinalAttribute *attribute = cardinal_entity_add_attribute (entity, cardinal_attribute_new (name, "text"));

      if (i == 0)
        {
          attribute->primary_key = TRUE;
          attribute->nullable = FALSE;
        }
    }
  return model;
}

static void
test_png_too_large (void)
{
  g_autoptr(CardinalModel) model = tall_model (1500);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) png = NULL;
  g_autoptr(GBytes) svg = NULL;
  CardinalDiagramOptions options;

  cardinal_diagram_options_init (&options);
  options.format = CARDINAL_DIAGRAM_FORMAT_PNG;
  png = cardinal_diagram_render (model, &options, NULL, &error);
  g_assert_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_TOO_LARGE);
  g_assert_null (png);
  g_assert_nonnull (strstr (error->message, "SVG"));
  g_clear_error (&error);

  /* The vector formats have no such limit. */
  options.format = CARDINAL_DIAGRAM_FORMAT_SVG;
  svg = render_options (model, &options);
}

static GBytes *
render_png (const CardinalModel *model,
            double               scale,
            guint                max_size,
            guint               *width,
            guint               *height)
{
  CardinalDiagramOptions options;
  GBytes *png;

  cardinal_diagram_options_init (&options);
  options.format = CARDINAL_DIAGRAM_FORMAT_PNG;
  options.png_scale = scale;
  options.png_max_size = max_size;
  png = render_options (model, &options);
  png_size (png, width, height);
  return png;
}

/* 2× and 3× are the same picture with two and three times the pixels. */
static void
test_png_scale (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
  g_autoptr(GBytes) one = NULL;
  g_autoptr(GBytes) two = NULL;
  g_autoptr(GBytes) three = NULL;
  g_autoptr(GError) error = NULL;
  CardinalDiagramOptions options;
  guint w1, h1, w2, h2, w3, h3;
  guint expected_w, expected_h;

  one = render_png (model, 1.0, 0, &w1, &h1);
  two = render_png (model, 2.0, 0, &w2, &h2);
  three = render_png (model, 3.0, 0, &w3, &h3);
  g_test_message ("1×: %u × %u, 2×: %u × %u, 3×: %u × %u", w1, h1, w2, h2, w3, h3);
  g_assert_cmpuint (w1, >, 100);
  g_assert_cmpuint (h1, >, 100);
  /* Each side is rounded once, so a scaled side is within a pixel or two of the multiple. */
  g_assert_cmpint (ABS ((int) w2 - 2 * (int) w1), <=, 2);
  g_assert_cmpint (ABS ((int) h2 - 2 * (int) h1), <=, 2);
  g_assert_cmpint (ABS ((int) w3 - 3 * (int) w1), <=, 3);
  g_assert_cmpint (ABS ((int) h3 - 3 * (int) h1), <=, 3);

  /* cardinal_diagram_png_size () predicts the size to the pixel. */
  cardinal_diagram_options_init (&options);
  options.format = CARDINAL_DIAGRAM_FORMAT_PNG;
  options.png_scale = 3.0;
  g_assert_true (cardinal_diagram_png_size (&options, w1 * 72.0 / 96.0, h1 * 72.0 / 96.0,
                                            &expected_w, &expected_h, NULL));
  g_assert_cmpint (ABS ((int) expected_w - (int) w3), <=, 3);
  g_assert_cmpint (ABS ((int) expected_h - (int) h3), <=, 3);

  /* Scales outside (0, 8] are refused, as is a maximum size below 16 pixels. */
  options.png_scale = 0.0;
  g_assert_null (cardinal_diagram_render (model, &options, NULL, &error));
  g_assert_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID);
  g_clear_error (&error);
  options.png_scale = 9.0;
  g_assert_null (cardinal_diagram_render (model, &options, NULL, &error));
  g_assert_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID);
  g_clear_error (&error);
  options.png_scale = 1.0;
  options.png_max_size = 8;
  g_assert_null (cardinal_diagram_render (model, &options, NULL, &error));
  g_assert_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID);
}

/* A maximum size shrinks the picture until its longer side fits, and never
 * enlarges it; a model refused at 1× comes out with a maximum size. */
static void
test_png_fit (void)
{
  g_autoptr(CardinalModel) school = cardinal_test_load_example ("school");
  g_autoptr(CardinalModel) tall = tall_model (1500);
  g_autoptr(GBytes) natural = NULL;
  g_autoptr(GBytes) fitted = NULL;
  g_autoptr(GBytes) roomy = NULL;
  g_autoptr(GBytes) big = NULL;
  g_autoptr(GBytes) scaled_fit = NULL;
  guint w, h, fw, fh, rw, rh, bw, bh, sw, sh;
  guint longest;

  natural = render_png (school, 1.0, 0, &w, &h);
  longest = MAX (w, h);
  g_assert_cmpuint (longest, >, 400);

  /* Half the natural size: the longer side is exactly the maximum (a pixel of rounding), proportions kept. */
  fitted = render_png (school, 1.0, longest / 2, &fw, &fh);
  g_test_message ("natural %u × %u, fitted to %u: %u × %u", w, h, longest / 2, fw, fh);
  g_assert_cmpuint (MAX (fw, fh), <=, longest / 2);
  g_assert_cmpuint (MAX (fw, fh), >=, longest / 2 - 1);
  g_assert_cmpfloat (ABS ((double) fw / fh - (double) w / h), <, 0.02);

  /* Room to spare: the picture keeps its size. */
  roomy = render_png (school, 1.0, longest * 3, &rw, &rh);
  g_assert_cmpuint (rw, ==, w);
  g_assert_cmpuint (rh, ==, h);

  /* 3× with a maximum: 3× where it fits, the maximum where it does not. */
  scaled_fit = render_png (school, 3.0, longest * 2, &sw, &sh);
  g_assert_cmpuint (MAX (sw, sh), <=, longest * 2);
  g_assert_cmpuint (MAX (sw, sh), >=, longest * 2 - 1);

  /* The model test_png_too_large sees refused, fitted to 4000 pixels. */
  big = render_png (tall, 1.0, 4000, &bw, &bh);
  g_test_message ("tall model fitted to 4000: %u × %u", bw, bh);
  g_assert_cmpuint (bh, <=, 4000);
  g_assert_cmpuint (bh, >=, 3999);
  g_assert_cmpuint (bw, <, bh);
}

static void
test_cancelled (void)
{
  g_autoptr(CardinalModel) model = cardinal_test_load_example ("school");
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GHashTable) positions = NULL;
  CardinalDiagramOptions options;

  cardinal_diagram_options_init (&options);
  g_cancellable_cancel (cancellable);
  bytes = cardinal_diagram_render (model, &options, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (bytes);
  g_clear_error (&error);

  positions = cardinal_diagram_layout_positions (model, NULL, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (positions);
}

/* Arrange: every entity gets a place, none of the boxes overlap at the sizes given. */
static void
test_layout_positions (void)
{
  g_auto(GStrv) names = cardinal_test_example_names ();
  guint i, a, b;

  for (i = 0; names[i] != NULL; i++)
    {
      g_autoptr(CardinalModel) model = cardinal_test_load_example (names[i]);
      g_autoptr(GHashTable) sizes = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, g_free);
      g_autoptr(GHashTable) positions = NULL;
      g_autoptr(GHashTable) natural = NULL;
      g_autoptr(GError) error = NULL;

      for (a = 0; a < model->entities->len; a++)
        {
          const CardinalEntity *entity = g_ptr_array_index (model->entities, a);
          CardinalDiagramSize *size = g_new (CardinalDiagramSize, 1);

          size->width = 180 + 10 * a;
          size->height = 30 + 22 * entity->attributes->len;
          g_hash_table_insert (sizes, entity->name, size);
        }

      positions = cardinal_diagram_layout_positions (model, sizes, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (positions), ==, model->entities->len);
      for (a = 0; a < model->entities->len; a++)
        {
          const CardinalEntity *ea = g_ptr_array_index (model->entities, a);
          const CardinalDiagramPosition *pa = g_hash_table_lookup (positions, ea->name);
          const CardinalDiagramSize *sa = g_hash_table_lookup (sizes, ea->name);
          Box box_a;

          g_assert_nonnull (pa);
          g_assert_cmpfloat (pa->x, >=, 0);
          g_assert_cmpfloat (pa->y, >=, 0);
          box_a = (Box) { pa->x, pa->y, pa->x + sa->width, pa->y + sa->height };
          for (b = a + 1; b < model->entities->len; b++)
            {
              const CardinalEntity *eb = g_ptr_array_index (model->entities, b);
              const CardinalDiagramPosition *pb = g_hash_table_lookup (positions, eb->name);
              const CardinalDiagramSize *sb = g_hash_table_lookup (sizes, eb->name);
              Box box_b = { pb->x, pb->y, pb->x + sb->width, pb->y + sb->height };

              if (boxes_overlap (&box_a, &box_b))
                g_error ("%s: arranged boxes %s and %s overlap", names[i], ea->name, eb->name);
            }
        }

      /* Without sizes, the diagram's own boxes are used. */
      natural = cardinal_diagram_layout_positions (model, NULL, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (g_hash_table_size (natural), ==, model->entities->len);
    }
}

static void
test_strings (void)
{
  CardinalDiagramFormat format;
  CardinalDiagramLayout layout;
  CardinalDiagramView view;
  guint i;

  for (i = CARDINAL_DIAGRAM_FORMAT_SVG; i <= CARDINAL_DIAGRAM_FORMAT_DOT; i++)
    {
      g_assert_true (cardinal_diagram_format_from_string (cardinal_diagram_format_to_string (i), &format));
      g_assert_cmpint (format, ==, i);
      g_assert_nonnull (cardinal_diagram_format_content_type (i));
    }
  for (i = CARDINAL_DIAGRAM_LAYOUT_AUTO; i <= CARDINAL_DIAGRAM_LAYOUT_MANUAL; i++)
    {
      g_assert_true (cardinal_diagram_layout_from_string (cardinal_diagram_layout_to_string (i), &layout));
      g_assert_cmpint (layout, ==, i);
    }
  for (i = CARDINAL_DIAGRAM_VIEW_LOGICAL; i <= CARDINAL_DIAGRAM_VIEW_PHYSICAL; i++)
    {
      g_assert_true (cardinal_diagram_view_from_string (cardinal_diagram_view_to_string (i), &view));
      g_assert_cmpint (view, ==, i);
    }
  g_assert_false (cardinal_diagram_format_from_string ("jpeg", &format));
  g_assert_false (cardinal_diagram_layout_from_string ("circo", &layout));
  g_assert_false (cardinal_diagram_view_from_string ("", &view));

  g_assert_true (cardinal_diagram_format_from_filename ("docs/schema.PNG", &format));
  g_assert_cmpint (format, ==, CARDINAL_DIAGRAM_FORMAT_PNG);
  g_assert_true (cardinal_diagram_format_from_filename ("a.b/schema.gv", &format));
  g_assert_cmpint (format, ==, CARDINAL_DIAGRAM_FORMAT_DOT);
  g_assert_false (cardinal_diagram_format_from_filename ("a.svg/schema", &format));
  g_assert_false (cardinal_diagram_format_from_filename ("schema.", &format));
  g_assert_false (cardinal_diagram_format_from_filename ("schema.txt", &format));
}

/* CLI ---------------------------------------------------------------------- */

static int
run_cli (const char * const *args,
         char              **out,
         char              **err)
{
  const char *cli = g_getenv ("CARDINAL_CLI");
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;
  guint i;

  g_assert_nonnull (cli);
  g_ptr_array_add (argv, (char *) cli);
  g_ptr_array_add (argv, (char *) "diagram");
  for (i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (char *) args[i]);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (WIFEXITED (status));
  return WEXITSTATUS (status);
}

static void
assert_cli_writes (const char *dir,
                   const char *file_name,
                   const char *model_path,
                   const char *format,
                   const char *magic)
{
  g_autofree char *out_path = g_build_filename (dir, file_name, NULL);
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  int code;

  if (format != NULL)
    {
      const char *args[] = { "--format", format, "-o", out_path, model_path, NULL };

      code = run_cli (args, &out, &err);
    }
  else
    {
      const char *args[] = { "-o", out_path, model_path, NULL };

      code = run_cli (args, &out, &err);
    }
  g_assert_cmpint (code, ==, 0);
  g_file_get_contents (out_path, &contents, &length, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (length, >=, strlen (magic));
  g_assert_cmpmem (contents, strlen (magic), magic, strlen (magic));
  g_unlink (out_path);
}

/* Runs cardinal-cli with @args, which must succeed, and reads the size of
 * the PNG it wrote to @path. */
static void
cli_png_size (const char * const *args,
              const char         *path,
              guint              *width,
              guint              *height)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length;

  g_assert_cmpint (run_cli (args, NULL, NULL), ==, 0);
  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  bytes = g_bytes_new_take (contents, length);
  png_size (bytes, width, height);
}

/* @model saved as @dir/@name; newly allocated path. */
static char *
save_model (const CardinalModel *model,
            const char          *dir,
            const char          *name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GFile) file = NULL;
  char *path = g_build_filename (dir, name, NULL);

  file = g_file_new_for_path (path);
  cardinal_document_save_file (model, file, &error);
  g_assert_no_error (error);
  return path;
}

static void
test_cli (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("cardinal-test-diagram-XXXXXX", &error);
  g_autofree char *school = cardinal_test_example_path ("school");
  g_autofree char *tall_path = NULL;
  g_autofree char *invalid_path = NULL;
  g_autofree char *out = NULL;
  g_autofree char *err = NULL;
  g_autofree char *png_path = NULL;
  static const char png_magic[] = "\x89PNG";

  g_assert_no_error (error);
  assert_cli_writes (dir, "school.svg", school, NULL, "<?xml");
  assert_cli_writes (dir, "school.png", school, NULL, png_magic);
  assert_cli_writes (dir, "school.pdf", school, NULL, "%PDF-");
  assert_cli_writes (dir, "school.gv", school, NULL, "digraph");
  /* --format wins over the extension. */
  assert_cli_writes (dir, "school.txt", school, "dot", "digraph");
  assert_cli_writes (dir, "school.svg", school, "pdf", "%PDF-");

  {
    g_autofree char *path = g_build_filename (dir, "logical.svg", NULL);
    const char *args[] = { "--view", "logical", "--layout", "manual", "--dialect", "sqlite",
                           "--labels", "-o", path, school, NULL };

    g_assert_cmpint (run_cli (args, NULL, NULL), ==, 0);
    g_assert_true (g_file_test (path, G_FILE_TEST_EXISTS));
    g_unlink (path);
  }

  /* Usage errors: exit 2, one line on stderr, no file written. */
  png_path = g_build_filename (dir, "out.png", NULL);
  {
    const char *bad_format[] = { "--format", "jpeg", "-o", png_path, school, NULL };
    const char *bad_extension[] = { "-o", "out.txt", school, NULL };
    const char *no_output[] = { school, NULL };
    const char *bad_layout[] = { "--layout", "circo", "-o", png_path, school, NULL };
    const char *bad_view[] = { "--view", "conceptual", "-o", png_path, school, NULL };
    const char *missing[] = { "-o", png_path, "/nonexistent/model.cardinal", NULL };
    const char *const *cases[] = { bad_format, bad_extension, no_output, bad_layout, bad_view, missing };
    guint i;

    for (i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (run_cli (cases[i], NULL, &err), ==, 2);
        g_assert_nonnull (strstr (err, "cardinal-cli: "));
        g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
      }
  }

  /* A PNG too large to rasterise: exit 2, a message that points at SVG or PDF. */
  {
    g_autoptr(CardinalModel) tall = tall_model (1500);
    const char *args[] = { "-o", png_path, NULL, NULL };

    tall_path = save_model (tall, dir, "tall.cardinal");
    args[2] = tall_path;
    g_clear_pointer (&err, g_free);
    g_assert_cmpint (run_cli (args, NULL, &err), ==, 2);
    g_assert_nonnull (strstr (err, "SVG or PDF"));
    g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
  }

  /* --max-size fits that PNG instead; --scale 2 doubles school's. */
  {
    const char *fit[] = { "--max-size", "3000", "-o", png_path, tall_path, NULL };
    const char *one[] = { "-o", png_path, school, NULL };
    const char *two[] = { "--scale", "2", "-o", png_path, school, NULL };
    guint w, h, w2, h2;

    cli_png_size (fit, png_path, &w, &h);
    g_assert_cmpuint (MAX (w, h), <=, 3000);
    g_assert_cmpuint (MAX (w, h), >=, 2999);

    cli_png_size (one, png_path, &w, &h);
    cli_png_size (two, png_path, &w2, &h2);
    g_assert_cmpint (ABS ((int) w2 - 2 * (int) w), <=, 2);
    g_assert_cmpint (ABS ((int) h2 - 2 * (int) h), <=, 2);
    g_unlink (png_path);
  }

  /* Their usage errors: not for SVG, out of range. */
  {
    g_autofree char *svg_path = g_build_filename (dir, "out.svg", NULL);
    const char *svg_scale[] = { "--scale", "2", "-o", svg_path, school, NULL };
    const char *zero_scale[] = { "--scale=-1", "-o", png_path, school, NULL };
    const char *huge_scale[] = { "--scale", "20", "-o", png_path, school, NULL };
    const char *tiny_size[] = { "--max-size", "3", "-o", png_path, school, NULL };
    const char *not_a_number[] = { "--scale", "two", "-o", png_path, school, NULL };
    const char *const *cases[] = { svg_scale, zero_scale, huge_scale, tiny_size, not_a_number };
    guint i;

    for (i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_clear_pointer (&err, g_free);
        g_assert_cmpint (run_cli (cases[i], NULL, &err), ==, 2);
        g_assert_nonnull (strstr (err, "cardinal-cli: "));
        g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
        g_assert_false (g_file_test (svg_path, G_FILE_TEST_EXISTS));
      }
  }

  /* A model with errors: exit 1 with its diagnostics, like ddl. */
  {
    g_autoptr(CardinalModel) invalid = cardinal_test_model_from_json (
      "{ \"format\": 1, \"name\": \"invalid\", \"entities\": ["
      "  { \"name\": \"a\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] },"
      "  { \"name\": \"b\", \"attributes\": [ { \"name\": \"id\", \"type\": \"integer\", \"primary-key\": true } ] } ],"
      "  \"relationships\": [ { \"name\": \"ab\", \"entity1\": \"a\", \"entity2\": \"b\","
      "      \"kind\": \"many-to-many\", \"strategy\": \"fk\" } ] }");
    const char *args[] = { "-o", png_path, NULL, NULL };

    invalid_path = save_model (invalid, dir, "invalid.cardinal");
    args[2] = invalid_path;
    g_clear_pointer (&out, g_free);
    g_assert_cmpint (run_cli (args, &out, NULL), ==, 1);
    g_assert_nonnull (strstr (out, "error[CARD"));
    g_assert_false (g_file_test (png_path, G_FILE_TEST_EXISTS));
  }

  g_unlink (tall_path);
  g_unlink (invalid_path);
  g_rmdir (dir);
}

/* Graphviz use from several threads at once is serialised, not corrupted. */
static gpointer
render_in_thread (gpointer data)
{
  const CardinalModel *model = data;
  CardinalDiagramOptions options;
  guint i;

  cardinal_diagram_options_init (&options);
  for (i = 0; i < 5; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GBytes) svg = cardinal_diagram_render (model, &options, NULL, &error);
      g_autoptr(GHashTable) positions = cardinal_diagram_layout_positions (model, NULL, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (svg);
      g_assert_nonnull (positions);
    }
  return NULL;
}

static void
test_threads (void)
{
  g_autoptr(CardinalModel) school = cardinal_test_load_example ("school");
  g_autoptr(CardinalModel) hostile = cardinal_test_load_example ("hostile-names");
  GThread *a = g_thread_new ("diagram-a", render_in_thread, school);
  GThread *b = g_thread_new ("diagram-b", render_in_thread, hostile);

  g_thread_join (a);
  g_thread_join (b);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/diagram/strings", test_strings);
  g_test_add_func ("/diagram/examples", test_examples);
  g_test_add_func ("/diagram/manual-positions", test_manual_positions);
  g_test_add_func ("/diagram/hostile-names", test_hostile_names);
  g_test_add_func ("/diagram/png-too-large", test_png_too_large);
  g_test_add_func ("/diagram/png-scale", test_png_scale);
  g_test_add_func ("/diagram/png-fit", test_png_fit);
  g_test_add_func ("/diagram/cancelled", test_cancelled);
  g_test_add_func ("/diagram/layout-positions", test_layout_positions);
  g_test_add_func ("/diagram/threads", test_threads);
  g_test_add_func ("/diagram/cli", test_cli);

  return g_test_run ();
}
