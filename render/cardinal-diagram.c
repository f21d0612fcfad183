/* cardinal-diagram.c: builds the entity-relationship graph in memory with cgraph and lays it out and renders it with gvc. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-diagram.h"
#include "cardinal-enum.h"
#include "cardinal-render-enums.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <graphviz/cgraph.h>
#include <graphviz/gvc.h>

#include "cardinal-engineer.h"
#include "cardinal-layout.h"
#include "cardinal-physical.h"

G_DEFINE_QUARK (cardinal-diagram-error-quark, cardinal_diagram_error)

/* Graphviz keeps global state (the error handler, the text layout caches,
 * the layout engines' statics), so two layouts at once in one process would
 * corrupt each other: every Graphviz call goes through this lock. */
static GMutex cardinal_diagram_lock;
static GVC_t *cardinal_diagram_gvc;
static GString *cardinal_diagram_messages;

/* Bitmaps come out at Graphviz's default 96 dpi; the bounding box is in points. */
#define PNG_DPI 96.0
#define GRAPH_PAD_POINTS 4.0
/* The canvas's margin around arranged boxes, as in the examples. */
#define ARRANGE_MARGIN 40.0

/* dot gives the most readable pictures (ranks, no overlaps, splines), but
 * its network simplex and crossing minimisation grow far faster than the
 * graph around a busy box: with a hub referenced by every table, stock dot
 * takes seconds at 1,000 tables (minutes in other measurements) and the
 * nslimit/mclimit limits only divide that by a few. So dot is used while
 * boxes × busiest box's lines stays small, and the force-directed sfdp with
 * prism overlap removal above that or above DOT_MAX_NODES boxes. Beyond a
 * hundred or two boxes dot's ranks also turn into long columns (one rank
 * holds dozens of boxes) crossed by long lines, while sfdp's layout stays
 * round with short lines; hence the low limit. Measured with bench-diagram
 * and looked at after Arrange. */
#define DOT_MAX_NODES 150
#define DOT_MAX_WORK  60000
#define SFDP_QUICK_OVERLAP "prism20"

typedef struct
{
  char     *name;           /* Graphviz node name: the table or entity name */
  char     *label;          /* an HTML-like label, without the outer <> */
  gboolean  pinned;         /* manual layout: x, y are the document's top-left */
  double    x;
  double    y;
  double    fixed_width;    /* > 0: a plain box of this size (Arrange with canvas sizes) */
  double    fixed_height;
  /* Format 3 */
  char     *entity;         /* the entity the box shows, or NULL (link tables, notes) */
  guint     cluster;        /* 1 + index in DiagramGraph.clusters, 0: in no group */
  gboolean  note;           /* a sticky note: @label is its text as HTML */
  double    min_width;      /* a note's size in points, 0: what the text needs */
  double    min_height;
} DiagramNode;

typedef struct
{
  guint       tail;
  guint       head;
  char       *tailport;     /* a row's port ("c2") or NULL */
  char       *headport;
  const char *arrowtail;
  const char *arrowhead;
  char       *label;        /* HTML-like text or NULL */
} DiagramEdge;

/* A group of entities, drawn as a Graphviz cluster (format 3). */
typedef struct
{
  char *name;               /* the group's name */
  char *label;              /* HTML-like text */
  char *fill;               /* "#rrggbb" */
  char *pen;
} DiagramCluster;

typedef struct
{
  GPtrArray  *nodes;        /* of DiagramNode */
  GPtrArray  *edges;        /* of DiagramEdge */
  GHashTable *index;        /* node name → index + 1 */
  GPtrArray  *clusters;     /* of DiagramCluster */
  gboolean    no_clusters;  /* sfdp lays out no clusters: the groups are left out */
} DiagramGraph;

static void
diagram_node_free (DiagramNode *node)
{
  g_free (node->name);
  g_free (node->label);
  g_free (node->entity);
  g_free (node);
}

static void
diagram_edge_free (DiagramEdge *edge)
{
  g_free (edge->tailport);
  g_free (edge->headport);
  g_free (edge->label);
  g_free (edge);
}

static void
diagram_cluster_free (DiagramCluster *cluster)
{
  g_free (cluster->name);
  g_free (cluster->label);
  g_free (cluster->fill);
  g_free (cluster->pen);
  g_free (cluster);
}

static DiagramGraph *
diagram_graph_new (void)
{
  DiagramGraph *graph = g_new0 (DiagramGraph, 1);

  graph->nodes = g_ptr_array_new_with_free_func ((GDestroyNotify) diagram_node_free);
  graph->edges = g_ptr_array_new_with_free_func ((GDestroyNotify) diagram_edge_free);
  graph->index = g_hash_table_new (g_str_hash, g_str_equal);
  graph->clusters = g_ptr_array_new_with_free_func ((GDestroyNotify) diagram_cluster_free);
  return graph;
}

static void
diagram_graph_free (DiagramGraph *graph)
{
  g_hash_table_unref (graph->index);
  g_ptr_array_unref (graph->clusters);
  g_ptr_array_unref (graph->edges);
  g_ptr_array_unref (graph->nodes);
  g_free (graph);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (DiagramGraph, diagram_graph_free)

static DiagramNode *
diagram_graph_add_node (DiagramGraph *graph,
                        const char   *name,
                        char         *label)
{
  DiagramNode *node = g_new0 (DiagramNode, 1);

  node->name = g_strdup (name);
  node->label = label;
  g_ptr_array_add (graph->nodes, node);
  g_hash_table_insert (graph->index, node->name, GUINT_TO_POINTER (graph->nodes->len));
  return node;
}

static gboolean
diagram_graph_lookup (DiagramGraph *graph,
                      const char   *name,
                      guint        *index)
{
  gpointer value = g_hash_table_lookup (graph->index, name);

  if (value == NULL)
    return FALSE;
  *index = GPOINTER_TO_UINT (value) - 1;
  return TRUE;
}

static DiagramEdge *
diagram_graph_add_edge (DiagramGraph *graph,
                        guint         tail,
                        guint         head)
{
  DiagramEdge *edge = g_new0 (DiagramEdge, 1);

  edge->tail = tail;
  edge->head = head;
  g_ptr_array_add (graph->edges, edge);
  return edge;
}

/* strings ------------------------------------------------------------------ */


void
cardinal_diagram_options_init (CardinalDiagramOptions *options)
{
  g_return_if_fail (options != NULL);

  options->format = CARDINAL_DIAGRAM_FORMAT_SVG;
  options->layout = CARDINAL_DIAGRAM_LAYOUT_AUTO;
  options->view = CARDINAL_DIAGRAM_VIEW_PHYSICAL;
  options->dialect = CARDINAL_DIALECT_POSTGRESQL;
  options->include_types = TRUE;
  options->relationship_labels = FALSE;
  options->png_scale = 1.0;
  options->png_max_size = 0;
}

const char *
cardinal_diagram_format_to_string (CardinalDiagramFormat format)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_DIAGRAM_FORMAT, format);
}

gboolean
cardinal_diagram_format_from_string (const char            *str,
                                     CardinalDiagramFormat *format)
{
  int value;

  g_return_val_if_fail (format != NULL, FALSE);

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_DIAGRAM_FORMAT, str, TRUE, &value))
    {
      /* Graphviz's own name for DOT files. */
      if (str == NULL || g_ascii_strcasecmp (str, "gv") != 0)
        return FALSE;
      value = CARDINAL_DIAGRAM_FORMAT_DOT;
    }
  *format = value;
  return TRUE;
}

gboolean
cardinal_diagram_format_from_filename (const char            *filename,
                                       CardinalDiagramFormat *format)
{
  const char *dot;
  const char *slash;

  g_return_val_if_fail (filename != NULL, FALSE);
  g_return_val_if_fail (format != NULL, FALSE);

  dot = strrchr (filename, '.');
  slash = strrchr (filename, G_DIR_SEPARATOR);
  if (dot == NULL || (slash != NULL && dot < slash) || dot[1] == '\0')
    return FALSE;
  return cardinal_diagram_format_from_string (dot + 1, format);
}

const char *
cardinal_diagram_format_content_type (CardinalDiagramFormat format)
{
  static const char *const types[] = {
    "image/svg+xml", "image/png", "application/pdf", "text/vnd.graphviz",
  };

  g_return_val_if_fail ((guint) format < G_N_ELEMENTS (types), NULL);
  return types[format];
}

const char *
cardinal_diagram_layout_to_string (CardinalDiagramLayout layout)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_DIAGRAM_LAYOUT, layout);
}

gboolean
cardinal_diagram_layout_from_string (const char            *str,
                                     CardinalDiagramLayout *layout)
{
  int value;

  g_return_val_if_fail (layout != NULL, FALSE);

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_DIAGRAM_LAYOUT, str, TRUE, &value))
    return FALSE;
  *layout = value;
  return TRUE;
}

const char *
cardinal_diagram_view_to_string (CardinalDiagramView view)
{
  return cardinal_enum_to_nick (CARDINAL_TYPE_DIAGRAM_VIEW, view);
}

gboolean
cardinal_diagram_view_from_string (const char          *str,
                                   CardinalDiagramView *view)
{
  int value;

  g_return_val_if_fail (view != NULL, FALSE);

  if (!cardinal_enum_from_nick (CARDINAL_TYPE_DIAGRAM_VIEW, str, TRUE, &value))
    return FALSE;
  *view = value;
  return TRUE;
}

/* labels ------------------------------------------------------------------- */

static gboolean
looks_like_entity (const char *p)
{
  const char *start = p;

  if (*p == '#')
    p++;
  while (g_ascii_isalnum (*p))
    p++;
  return *p == ';' && p > start;
}

/* HTML-like labels are parsed as XML by Graphviz: names go in as character
 * data with the five markup characters escaped, and Graphviz's own escapes
 * defused with an invisible word joiner (U+2060). Control characters, which
 * XML 1.0 forbids, become U+FFFD so a hostile name can't break the parser. */
static void
append_escaped (GString    *out,
                const char *text)
{
  g_autofree char *valid = NULL;
  const char *p;

  /* Names from an import could in principle carry bytes that are not UTF-8. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);
  for (p = text; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      switch (c)
        {
        case '&':
          g_string_append (out, "&amp;");
          /* Graphviz leaves "&name;" alone when it writes SVG or hands text
           * to Pango, so a name that contains one would show the character
           * it names: an invisible word joiner keeps it literal. */
          if (looks_like_entity (p + 1))
            g_string_append (out, "\xe2\x81\xa0");
          break;
        case '<': g_string_append (out, "&lt;"); break;
        case '>': g_string_append (out, "&gt;"); break;
        case '"': g_string_append (out, "&quot;"); break;
        case '\'': g_string_append (out, "&#39;"); break;
        case '\\':
          g_string_append_c (out, '\\');
          /* Graphviz expands \N, \G, \E… even in HTML-like labels. */
          if (g_ascii_isalpha (p[1]) || p[1] == '\\')
            g_string_append (out, "\xe2\x81\xa0");
          break;
        default:
          if (c < 0x20 || (c >= 0x7f && c < 0xa0))
            g_string_append (out, "\xef\xbf\xbd");
          else
            g_string_append_unichar (out, c);
        }
    }
}

/* Cell text is at least one space: an empty cell would collapse its row. */
static void
append_cell_text (GString    *out,
                  const char *text)
{
  if (text == NULL || text[0] == '\0')
    g_string_append (out, " ");
  else
    append_escaped (out, text);
}

typedef struct
{
  const char *name;
  char       *type;         /* spelled in the dialect, or NULL */
  char       *markers;      /* "PK FK UQ"… or "" */
} DiagramRow;

static void
diagram_row_clear (DiagramRow *row)
{
  g_free (row->type);
  g_free (row->markers);
}

/* Each row is one cell holding a small table, so that the row's port spans
 * the whole width of the box and lines meet the box's side rather than cross
 * the type column. Widths are minimums from a generous per-character
 * estimate, which lines the columns up across rows. */
#define LABEL_CHAR_WIDTH 7
#define MARKER_WIDTH 46

/* The header's fill: the entity's colour (format 3 palette, or a format 1
 * "#rrggbb") as a light tint, else the default blue-grey. */
static char *
header_fill (const char *color,
             gboolean    link_table)
{
  char *tint = cardinal_color_tint (color, 0.35);

  if (tint != NULL)
    return tint;
  return g_strdup (link_table ? "#e8e0f0" : "#dbe6f4");
}

static char *
build_label (const char *title,
             gboolean    link_table,
             const char *color,
             DiagramRow *rows,
             guint       n_rows,
             gboolean    include_types)
{
  g_autoptr(GString) out = g_string_new (NULL);
  g_autofree char *header = header_fill (color, link_table);
  guint name_chars = 4, type_chars = 4;
  guint i;

  for (i = 0; i < n_rows; i++)
    {
      name_chars = MAX (name_chars, (guint) g_utf8_strlen (rows[i].name, -1));
      if (rows[i].type != NULL)
        type_chars = MAX (type_chars, (guint) g_utf8_strlen (rows[i].type, -1));
    }

  g_string_append (out, "<TABLE BORDER=\"1\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\" COLOR=\"#5e6b7a\" BGCOLOR=\"white\">");
  g_string_append_printf (out, "<TR><TD PORT=\"h\" BGCOLOR=\"%s\" CELLPADDING=\"5\"><B>", header);
  append_cell_text (out, title);
  g_string_append (out, "</B></TD></TR>");

  for (i = 0; i < n_rows; i++)
    {
      g_string_append_printf (out, "<TR><TD PORT=\"c%u\" ALIGN=\"LEFT\">"
                                   "<TABLE BORDER=\"0\" CELLBORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"3\"><TR>"
                                   "<TD ALIGN=\"LEFT\" WIDTH=\"%d\"><FONT POINT-SIZE=\"9\" COLOR=\"#7a4b00\">",
                              i, MARKER_WIDTH);
      append_cell_text (out, rows[i].markers);
      g_string_append_printf (out, "</FONT></TD><TD ALIGN=\"LEFT\" WIDTH=\"%u\">", name_chars * LABEL_CHAR_WIDTH);
      append_cell_text (out, rows[i].name);
      g_string_append (out, "</TD>");
      if (include_types)
        {
          g_string_append_printf (out, "<TD ALIGN=\"LEFT\" WIDTH=\"%u\"><FONT COLOR=\"#555555\">",
                                  type_chars * LABEL_CHAR_WIDTH);
          append_cell_text (out, rows[i].type);
          g_string_append (out, "</FONT></TD>");
        }
      g_string_append (out, "</TR></TABLE></TD></TR>");
    }
  g_string_append (out, "</TABLE>");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

static char *
build_edge_label (const char *text)
{
  g_autoptr(GString) out = g_string_new ("<FONT POINT-SIZE=\"9\">");

  append_cell_text (out, text);
  g_string_append (out, "</FONT>");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* Crow's foot ends: the shape nearest the box is the maximum (a tee for one,
 * a crow for many), the outer one the minimum (a tee for one, a circle for
 * zero). Graphviz draws the first shape of a multi-arrow next to the node. */
static const char *
crow_end (gboolean many,
          gboolean mandatory)
{
  if (many)
    return mandatory ? "crowtee" : "crowodot";
  return mandatory ? "teetee" : "teeodot";
}

static char *
markers_string (gboolean pk,
                gboolean fk,
                gboolean unique)
{
  g_autoptr(GString) out = g_string_new (NULL);

  if (pk)
    g_string_append (out, "PK");
  if (fk)
    g_string_append_printf (out, "%sFK", out->len > 0 ? " " : "");
  if (unique)
    g_string_append_printf (out, "%sUQ", out->len > 0 ? " " : "");
  return g_string_free (g_steal_pointer (&out), FALSE);
}

/* physical view ------------------------------------------------------------ */

static gboolean
strv_contains (const char * const *strv,
               const char         *str)
{
  return strv != NULL && g_strv_contains (strv, str);
}

static gboolean
table_column_in_fk (const CardinalTable *table,
                    const char          *column)
{
  guint i;

  for (i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (strv_contains ((const char * const *) fk->columns, column))
        return TRUE;
    }
  return FALSE;
}

static int
table_column_index (const CardinalTable *table,
                    const char          *column)
{
  guint i;

  for (i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *c = g_ptr_array_index (table->columns, i);

      if (g_strcmp0 (c->name, column) == 0)
        return (int) i;
    }
  return -1;
}

static char *
column_port (const CardinalTable *table,
             const char          *column)
{
  int index = column != NULL ? table_column_index (table, column) : -1;

  return index >= 0 ? g_strdup_printf ("c%d", index) : g_strdup ("h");
}

/* Whether the referenced (parent) side of @fk must have at least one row
 * pointing at it: the participation answer for the referenced entity. */
static gboolean
fk_parent_needs_child (const CardinalModel      *model,
                       const CardinalTable      *table,
                       const CardinalForeignKey *fk,
                       guint                     fk_index)
{
  const CardinalRelationship *relationship;
  const CardinalEntity *ref_entity;
  gboolean ref_is_entity1;

  if (fk->relationship == NULL)
    return FALSE;
  relationship = cardinal_model_find_relationship (model, fk->relationship);
  if (relationship == NULL)
    return FALSE;

  ref_entity = cardinal_model_find_entity (model, fk->ref_table);
  if (ref_entity == NULL)
    return FALSE;

  if (g_strcmp0 (relationship->entity1, relationship->entity2) != 0)
    ref_is_entity1 = g_strcmp0 (ref_entity->name, relationship->entity1) == 0;
  else if (table->entity == NULL)
    {
      guint i, n_before = 0;

      /* A link table of a self-relationship: its first key points at entity1. */
      for (i = 0; i < fk_index; i++)
        {
          const CardinalForeignKey *other = g_ptr_array_index (table->foreign_keys, i);

          if (g_strcmp0 (other->relationship, fk->relationship) == 0)
            n_before++;
        }
      ref_is_entity1 = n_before == 0;
    }
  else
    ref_is_entity1 = relationship->kind != CARDINAL_KIND_MANY_TO_ONE;

  return ref_is_entity1 ? relationship->entity1_needs_entity2 : relationship->entity2_needs_entity1;
}

static void
build_physical (DiagramGraph                 *graph,
                const CardinalModel          *model,
                const CardinalDiagramOptions *options)
{
  g_autoptr(CardinalSchema) schema = cardinal_engineer (model);
  guint t, i;

  for (t = 0; t < schema->tables->len; t++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, t);
      g_autofree DiagramRow *rows = g_new0 (DiagramRow, MAX (table->columns->len, 1));
      const CardinalEntity *owner;
      DiagramNode *node;

      if (g_hash_table_contains (graph->index, table->name))
        continue;

      for (i = 0; i < table->columns->len; i++)
        {
          const CardinalColumn *column = g_ptr_array_index (table->columns, i);
          const char *single[] = { column->name, NULL };
          gboolean pk = strv_contains ((const char * const *) table->primary_key, column->name);
          gboolean unique = !pk && cardinal_table_has_unique (table, single);

          rows[i].name = column->name;
          rows[i].type = options->include_types ? cardinal_type_to_sql (column->type, options->dialect) : NULL;
          rows[i].markers = markers_string (pk, table_column_in_fk (table, column->name), unique);
        }
      owner = table->entity != NULL ? cardinal_model_find_entity (model, table->entity) : NULL;
      node = diagram_graph_add_node (graph, table->name,
                                     build_label (table->name, table->entity == NULL,
                                                  owner != NULL ? owner->color : NULL,
                                                  rows, table->columns->len, options->include_types));
      node->entity = g_strdup (table->entity);
      for (i = 0; i < table->columns->len; i++)
        diagram_row_clear (&rows[i]);

      if (options->layout == CARDINAL_DIAGRAM_LAYOUT_MANUAL)
        {
          const CardinalEntity *entity = table->entity != NULL ? cardinal_model_find_entity (model, table->entity) : NULL;

          if (entity != NULL)
            {
              node->pinned = TRUE;
              node->x = entity->x;
              node->y = entity->y;
            }
        }
    }

  for (t = 0; t < schema->tables->len; t++)
    {
      const CardinalTable *table = g_ptr_array_index (schema->tables, t);

      for (i = 0; i < table->foreign_keys->len; i++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);
          const CardinalTable *ref = cardinal_schema_find_table (schema, fk->ref_table);
          gboolean not_null = TRUE, unique;
          DiagramEdge *edge;
          guint tail, head, c;

          if (ref == NULL || !diagram_graph_lookup (graph, table->name, &tail)
              || !diagram_graph_lookup (graph, ref->name, &head))
            continue;

          for (c = 0; fk->columns != NULL && fk->columns[c] != NULL; c++)
            {
              const CardinalColumn *column = cardinal_table_find_column (table, fk->columns[c]);

              if (column == NULL || column->nullable)
                not_null = FALSE;
            }
          unique = cardinal_table_has_unique (table, (const char * const *) fk->columns);

          edge = diagram_graph_add_edge (graph, tail, head);
          edge->tailport = column_port (table, fk->columns != NULL ? fk->columns[0] : NULL);
          edge->headport = column_port (ref, fk->ref_columns != NULL ? fk->ref_columns[0] : NULL);
          /* Tail: how many rows of this table one parent row has; head: how
           * many parents a row has (exactly one when the key is NOT NULL). */
          edge->arrowtail = crow_end (!unique, fk_parent_needs_child (model, table, fk, i));
          edge->arrowhead = crow_end (FALSE, not_null);
          if (options->relationship_labels && fk->relationship != NULL)
            edge->label = build_edge_label (fk->relationship);
        }
    }
}

/* logical view ------------------------------------------------------------- */

static char *
entity_label (const CardinalEntity         *entity,
              const CardinalDiagramOptions *options)
{
  g_autofree DiagramRow *rows = g_new0 (DiagramRow, MAX (entity->attributes->len, 1));
  char *label;
  guint i;

  for (i = 0; i < entity->attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, i);

      rows[i].name = attribute->name;
      rows[i].type = options->include_types ? cardinal_type_to_sql (attribute->type, options->dialect) : NULL;
      rows[i].markers = markers_string (attribute->primary_key, FALSE,
                                        attribute->unique && !attribute->primary_key);
    }
  label = build_label (entity->name, FALSE, entity->color, rows, entity->attributes->len, options->include_types);
  for (i = 0; i < entity->attributes->len; i++)
    diagram_row_clear (&rows[i]);
  return label;
}

/* An empty label the size of the canvas's link-attribute box (header and a
 * row per attribute, estimated from the text), so that Arrange leaves room
 * for it between the two entities instead of under one of them. */
static char *
build_reserved_label (const CardinalRelationship *relationship)
{
  glong longest = g_utf8_strlen (relationship->name, -1);
  guint i;

  for (i = 0; i < relationship->link_attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);

      longest = MAX (longest, g_utf8_strlen (attribute->name, -1) + g_utf8_strlen (attribute->type, -1) + 2);
    }
  return g_strdup_printf ("<TABLE BORDER=\"0\" CELLSPACING=\"0\" CELLPADDING=\"0\"><TR>"
                          "<TD FIXEDSIZE=\"TRUE\" WIDTH=\"%u\" HEIGHT=\"%u\"></TD></TR></TABLE>",
                          (guint) (24 + 7 * longest), 28 + 16 * relationship->link_attributes->len);
}

static void
build_logical (DiagramGraph                 *graph,
               const CardinalModel          *model,
               const CardinalDiagramOptions *options,
               GHashTable                   *sizes,
               gboolean                      reserve_link_attributes)
{
  guint i;

  for (i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      const CardinalDiagramSize *size = sizes != NULL ? g_hash_table_lookup (sizes, entity->name) : NULL;
      DiagramNode *node;

      if (g_hash_table_contains (graph->index, entity->name))
        continue;
      node = diagram_graph_add_node (graph, entity->name,
                                     size != NULL ? NULL : entity_label (entity, options));
      node->entity = g_strdup (entity->name);
      if (size != NULL)
        {
          node->fixed_width = MAX (size->width, 1.0);
          node->fixed_height = MAX (size->height, 1.0);
        }
      if (options->layout == CARDINAL_DIAGRAM_LAYOUT_MANUAL)
        {
          node->pinned = TRUE;
          node->x = entity->x;
          node->y = entity->y;
        }
    }

  for (i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      gboolean many1 = relationship->kind == CARDINAL_KIND_MANY_TO_ONE || relationship->kind == CARDINAL_KIND_MANY_TO_MANY;
      gboolean many2 = relationship->kind == CARDINAL_KIND_ONE_TO_MANY || relationship->kind == CARDINAL_KIND_MANY_TO_MANY;
      DiagramEdge *edge;
      guint tail, head;

      if (!diagram_graph_lookup (graph, relationship->entity1, &tail)
          || !diagram_graph_lookup (graph, relationship->entity2, &head))
        continue;
      edge = diagram_graph_add_edge (graph, tail, head);
      /* The end at entity1 says how many entity1 one entity2 has (q1), at
       * least one when every entity2 must have an entity1; likewise at entity2. */
      edge->arrowtail = crow_end (many1, relationship->entity2_needs_entity1);
      edge->arrowhead = crow_end (many2, relationship->entity1_needs_entity2);
      if (reserve_link_attributes && relationship->link_attributes->len > 0)
        edge->label = build_reserved_label (relationship);
      else if (options->relationship_labels)
        edge->label = build_edge_label (relationship->name);
    }
}

/* Graphviz ----------------------------------------------------------------- */

static int
collect_message (char *message)
{
  if (cardinal_diagram_messages != NULL)
    g_string_append (cardinal_diagram_messages, message);
  return 0;
}

/* Called with the lock held. */
static GVC_t *
diagram_gvc (void)
{
  if (cardinal_diagram_gvc == NULL)
    cardinal_diagram_gvc = gvContext ();
  return cardinal_diagram_gvc;
}

static void
diagram_begin (void)
{
  g_mutex_lock (&cardinal_diagram_lock);
  cardinal_diagram_messages = g_string_new (NULL);
  agseterr (AGWARN);
  agseterrf (collect_message);
}

static void
diagram_end (void)
{
  agseterrf (NULL);
  if (cardinal_diagram_messages->len > 0)
    g_debug ("Graphviz: %s", cardinal_diagram_messages->str);
  g_string_free (cardinal_diagram_messages, TRUE);
  cardinal_diagram_messages = NULL;
  g_mutex_unlock (&cardinal_diagram_lock);
}

static void
set_graphviz_error (GError     **error,
                    const char  *what)
{
  g_autofree char *detail = g_strstrip (g_strdup (cardinal_diagram_messages->str));

  g_set_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_GRAPHVIZ,
               "Graphviz could not %s%s%s", what,
               detail[0] != '\0' ? ": " : "", detail);
}

static void
set_html (void       *object,
          Agraph_t   *g,
          const char *name,
          const char *text)
{
  char *html = agstrdup_html (g, (char *) text);

  agsafeset (object, (char *) name, html, (char *) "");
  agstrfree (g, html);
}

static void
declare_attr (Agraph_t   *g,
              int         kind,
              const char *name,
              const char *value)
{
  agattr (g, kind, (char *) name, (char *) value);
}

static void
set_attr (void       *object,
          const char *name,
          const char *value)
{
  agsafeset (object, (char *) name, (char *) value, (char *) "");
}

typedef enum
{
  ENGINE_DOT,
  ENGINE_SFDP,
  ENGINE_PINNED,
} DiagramEngine;

static guint
max_degree (DiagramGraph *graph)
{
  g_autofree guint *degree = g_new0 (guint, MAX (graph->nodes->len, 1));
  guint i, best = 0;

  for (i = 0; i < graph->edges->len; i++)
    {
      const DiagramEdge *edge = g_ptr_array_index (graph->edges, i);

      degree[edge->tail]++;
      if (edge->head != edge->tail)
        degree[edge->head]++;
    }
  for (i = 0; i < graph->nodes->len; i++)
    best = MAX (best, degree[i]);
  return best;
}

static DiagramEngine
choose_engine (DiagramGraph *graph,
               gboolean      pinned)
{
  if (pinned)
    return ENGINE_PINNED;
  if (graph->nodes->len <= DOT_MAX_NODES
      && (guint64) graph->nodes->len * max_degree (graph) <= DOT_MAX_WORK)
    return ENGINE_DOT;
  return ENGINE_SFDP;
}

static const char *
engine_program (DiagramEngine engine)
{
  switch (engine)
    {
    case ENGINE_DOT: return "dot";
    case ENGINE_SFDP: return "sfdp";
    case ENGINE_PINNED: return "nop2";
    }
  g_assert_not_reached ();
}

/* The attributes every graph carries, whatever lays it out. */
static Agraph_t *
graph_to_cgraph (DiagramGraph *graph,
                 const char   *name,
                 Agnode_t   ***nodes_out)
{
  Agraph_t *g = agopen ((char *) name, Agdirected, NULL);
  Agnode_t **nodes = g_new0 (Agnode_t *, MAX (graph->nodes->len, 1));
  g_autofree Agraph_t **clusters = g_new0 (Agraph_t *, graph->clusters->len + 1);
  guint i;

  declare_attr (g, AGRAPH, "fontname", "Helvetica");
  declare_attr (g, AGRAPH, "bgcolor", "white");
  /* Lines under the boxes: in the force-directed layouts a line may pass behind a box. */
  declare_attr (g, AGRAPH, "outputorder", "edgesfirst");
  declare_attr (g, AGNODE, "shape", "plaintext");
  declare_attr (g, AGNODE, "margin", "0");
  declare_attr (g, AGNODE, "fontname", "Helvetica");
  declare_attr (g, AGNODE, "fontsize", "11");
  declare_attr (g, AGEDGE, "dir", "both");
  declare_attr (g, AGEDGE, "color", "#46505c");
  declare_attr (g, AGEDGE, "arrowsize", "0.9");
  declare_attr (g, AGEDGE, "fontname", "Helvetica");

  for (i = 0; i < graph->clusters->len && !graph->no_clusters; i++)
    {
      const DiagramCluster *cluster = g_ptr_array_index (graph->clusters, i);
      g_autofree char *subgraph_name = g_strdup_printf ("cluster_group_%u", i + 1);
      Agraph_t *sub = agsubg (g, subgraph_name, TRUE);

      clusters[i] = sub;
      set_html (sub, g, "label", cluster->label);
      set_attr (sub, "style", "rounded,filled");
      set_attr (sub, "fillcolor", cluster->fill);
      set_attr (sub, "color", cluster->pen);
      set_attr (sub, "labeljust", "l");
      set_attr (sub, "fontsize", "12");
      set_attr (sub, "margin", "14");
    }

  for (i = 0; i < graph->nodes->len; i++)
    {
      const DiagramNode *node = g_ptr_array_index (graph->nodes, i);
      Agnode_t *n = agnode (g, node->name, TRUE);

      nodes[i] = n;
      if (node->cluster > 0 && !graph->no_clusters)
        agsubnode (clusters[node->cluster - 1], n, TRUE);
      if (node->note)
        {
          g_autofree char *width = g_strdup_printf ("%.4f", node->min_width / 72.0);
          g_autofree char *height = g_strdup_printf ("%.4f", node->min_height / 72.0);

          set_html (n, g, "label", node->label);
          set_attr (n, "shape", "note");
          set_attr (n, "style", "filled");
          set_attr (n, "fillcolor", "#fdf3b4");
          set_attr (n, "color", "#c9a227");
          set_attr (n, "fontsize", "10");
          set_attr (n, "margin", "0.1,0.06");
          set_attr (n, "width", width);
          set_attr (n, "height", height);
        }
      else if (node->label != NULL)
        set_html (n, g, "label", node->label);
      else
        {
          g_autofree char *width = g_strdup_printf ("%.4f", node->fixed_width / 72.0);
          g_autofree char *height = g_strdup_printf ("%.4f", node->fixed_height / 72.0);

          set_attr (n, "label", "");
          set_attr (n, "shape", "box");
          set_attr (n, "fixedsize", "true");
          set_attr (n, "width", width);
          set_attr (n, "height", height);
        }
    }

  for (i = 0; i < graph->edges->len; i++)
    {
      const DiagramEdge *edge = g_ptr_array_index (graph->edges, i);
      Agedge_t *e = agedge (g, nodes[edge->tail], nodes[edge->head], NULL, TRUE);

      if (edge->tailport != NULL)
        set_attr (e, "tailport", edge->tailport);
      if (edge->headport != NULL)
        set_attr (e, "headport", edge->headport);
      set_attr (e, "arrowtail", edge->arrowtail);
      set_attr (e, "arrowhead", edge->arrowhead);
      if (edge->label != NULL)
        set_html (e, g, "label", edge->label);
    }

  *nodes_out = nodes;
  return g;
}

static void
apply_engine_settings (Agraph_t      *g,
                       DiagramEngine  engine,
                       guint          n_nodes)
{
  switch (engine)
    {
    case ENGINE_DOT:
      set_attr (g, "rankdir", "LR");
      /* Gaps of at least CARDINAL_LAYOUT_GAP, so lines leave boxes
       * straight, with room for their crow's feet. */
      set_attr (g, "nodesep", "0.85");
      set_attr (g, "ranksep", "1.0");
      /* Bound network simplex and crossing minimisation: the difference
       * with stock settings is invisible on graphs this size, and it keeps
       * a dense one from taking seconds. */
      set_attr (g, "nslimit", "4");
      set_attr (g, "nslimit1", "4");
      set_attr (g, "mclimit", "0.5");
      set_attr (g, "searchsize", "10");
      break;
    case ENGINE_SFDP:
      /* Straight lines: spline routing around 1,000 boxes costs more than
       * the whole layout. prism removes node overlaps (sep keeps a gap); its
       * Delaunay rounds are half the time of the whole diagram, and 20 of
       * them have been enough for every generated model, so that is tried
       * first and checked (layout_graph). */
      set_attr (g, "splines", "false");
      set_attr (g, "overlap", SFDP_QUICK_OVERLAP);
      set_attr (g, "overlap_scaling", "0");
      set_attr (g, "sep", "+24");
      set_attr (g, "K", "1.2");
      set_attr (g, "repulsiveforce", "1.2");
      break;
    case ENGINE_PINNED:
      set_attr (g, "notranslate", "true");
      set_attr (g, "splines", n_nodes <= 200 ? "true" : "false");
      break;
    }
}


/* Room above a group's boxes for its name, and around them, in points. */
#define CLUSTER_LABEL_SPACE 22.0
#define CLUSTER_MARGIN 14.0
#define CLUSTER_LABEL_CHAR_WIDTH 8.0

/* "a,b,c,d" in the C locale, as Graphviz reads numbers. */
static void
format_points (char   *out,
               gsize   size,
               guint   n,
               double  a,
               double  b,
               double  c,
               double  d)
{
  double values[4] = { a, b, c, d };
  gsize used = 0;

  out[0] = '\0';
  for (guint i = 0; i < n && used + G_ASCII_DTOSTR_BUF_SIZE + 1 < size; i++)
    {
      if (i > 0)
        out[used++] = ',';
      g_ascii_formatd (out + used, size - used, "%.2f", values[i]);
      used += strlen (out + used);
    }
}

/* nop2 takes clusters' boxes as given ("bb"), so a pinned layout draws a
 * group around where its boxes were put (format 3). */
static void
pin_clusters (Agraph_t      *g,
              DiagramGraph  *graph,
              Agnode_t     **nodes,
              const double  *widths,
              const double  *heights)
{
  if (graph->no_clusters)
    return;
  for (guint c = 0; c < graph->clusters->len; c++)
    {
      g_autofree char *name = g_strdup_printf ("cluster_group_%u", c + 1);
      Agraph_t *sub = agsubg (g, name, FALSE);
      double x0 = G_MAXDOUBLE, y0 = G_MAXDOUBLE, x1 = -G_MAXDOUBLE, y1 = -G_MAXDOUBLE;
      char bb[4 * G_ASCII_DTOSTR_BUF_SIZE];
      char lp[2 * G_ASCII_DTOSTR_BUF_SIZE];
      double label_width;

      if (sub == NULL)
        continue;
      for (guint i = 0; i < graph->nodes->len; i++)
        {
          const DiagramNode *node = g_ptr_array_index (graph->nodes, i);

          if (node->cluster != c + 1)
            continue;
          x0 = MIN (x0, node->x);
          y0 = MIN (y0, node->y);
          x1 = MAX (x1, node->x + widths[i]);
          y1 = MAX (y1, node->y + heights[i]);
        }
      (void) nodes;
      if (x0 > x1)
        continue;
      /* Graphviz's y grows up: the document's top is the box's upper y. */
      label_width = CLUSTER_LABEL_CHAR_WIDTH * g_utf8_strlen (((DiagramCluster *) g_ptr_array_index (graph->clusters, c))->name, -1);
      format_points (bb, sizeof bb, 4, x0 - CLUSTER_MARGIN, -(y1 + CLUSTER_MARGIN),
                     MAX (x1, x0 + label_width) + CLUSTER_MARGIN, -(y0 - CLUSTER_MARGIN - CLUSTER_LABEL_SPACE));
      format_points (lp, sizeof lp, 2, x0 - CLUSTER_MARGIN / 2 + label_width / 2,
                     -(y0 - CLUSTER_MARGIN - CLUSTER_LABEL_SPACE / 2), 0.0, 0.0);
      set_attr (sub, "bb", bb);
      set_attr (sub, "lp", lp);
    }
}

/* Manual layout: the document gives top-left corners with y down; Graphviz
 * wants centres with y up. A first pinned pass only measures the boxes. */
static gboolean
layout_pinned (GVC_t         *gvc,
               Agraph_t      *g,
               DiagramGraph  *graph,
               Agnode_t     **nodes,
               GError       **error)
{
  g_autofree double *widths = g_new0 (double, MAX (graph->nodes->len, 1));
  g_autofree double *heights = g_new0 (double, MAX (graph->nodes->len, 1));
  const char *splines = agget (g, (char *) "splines");
  g_autofree char *final_splines = g_strdup (splines != NULL ? splines : "");
  guint i;

  set_attr (g, "splines", "false");
  for (i = 0; i < graph->nodes->len; i++)
    set_attr (nodes[i], "pos", "0,0");
  if (gvLayout (gvc, g, "nop2") != 0)
    {
      set_graphviz_error (error, "measure the boxes");
      return FALSE;
    }
  for (i = 0; i < graph->nodes->len; i++)
    {
      widths[i] = ND_width (nodes[i]) * 72.0;
      heights[i] = ND_height (nodes[i]) * 72.0;
    }
  gvFreeLayout (gvc, g);

  /* Boxes with no position of their own (link tables) go between the boxes
   * they link, clear of every box (as on the canvas); one linked to
   * nothing pinned goes beside everything. */
  {
    g_autofree graphene_rect_t *rects = g_new0 (graphene_rect_t, MAX (graph->nodes->len, 1));
    g_autofree guint *between1 = g_new (guint, MAX (graph->nodes->len, 1));
    g_autofree guint *between2 = g_new (guint, MAX (graph->nodes->len, 1));

    for (i = 0; i < graph->nodes->len; i++)
      {
        const DiagramNode *node = g_ptr_array_index (graph->nodes, i);

        graphene_rect_init (&rects[i], node->x, node->y, widths[i], heights[i]);
        between1[i] = between2[i] = node->pinned ? G_MAXUINT : graph->nodes->len;
      }
    for (guint e = 0; e < graph->edges->len; e++)
      {
        const DiagramEdge *edge = g_ptr_array_index (graph->edges, e);
        const DiagramNode *tail = g_ptr_array_index (graph->nodes, edge->tail);
        const DiagramNode *head = g_ptr_array_index (graph->nodes, edge->head);

        if (!tail->pinned && head->pinned)
          {
            if (between1[edge->tail] == graph->nodes->len)
              between1[edge->tail] = edge->head;
            else
              between2[edge->tail] = edge->head;
          }
      }
    cardinal_layout_place_link_tables (rects, graph->nodes->len, between1, between2);
    for (i = 0; i < graph->nodes->len; i++)
      {
        DiagramNode *node = g_ptr_array_index (graph->nodes, i);

        node->x = rects[i].origin.x;
        node->y = rects[i].origin.y;
      }
  }

  for (i = 0; i < graph->nodes->len; i++)
    {
      const DiagramNode *node = g_ptr_array_index (graph->nodes, i);
      char pos[2 * G_ASCII_DTOSTR_BUF_SIZE + 2];
      char *p;

      g_ascii_dtostr (pos, G_ASCII_DTOSTR_BUF_SIZE, node->x + widths[i] / 2);
      p = pos + strlen (pos);
      *p++ = ',';
      g_ascii_dtostr (p, G_ASCII_DTOSTR_BUF_SIZE, -(node->y + heights[i] / 2));
      set_attr (nodes[i], "pos", pos);
    }
  pin_clusters (g, graph, nodes, widths, heights);
  set_attr (g, "splines", final_splines);
  if (gvLayout (gvc, g, "nop2") != 0)
    {
      set_graphviz_error (error, "place the boxes");
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  double x0, y0, x1, y1;
} DiagramBox;

static int
compare_box_left (gconstpointer a,
                  gconstpointer b)
{
  const DiagramBox *p = a, *q = b;

  return (p->x0 > q->x0) - (p->x0 < q->x0);
}

/* Whether any two laid-out boxes overlap: a sweep from left to right, so
 * only boxes whose horizontal extents meet are compared. */
static gboolean
boxes_overlap (DiagramGraph  *graph,
               Agnode_t     **nodes)
{
  g_autofree DiagramBox *boxes = g_new (DiagramBox, MAX (graph->nodes->len, 1));
  guint n = graph->nodes->len, i, j;

  for (i = 0; i < n; i++)
    {
      double w = ND_width (nodes[i]) * 36.0, h = ND_height (nodes[i]) * 36.0;

      boxes[i].x0 = ND_coord (nodes[i]).x - w;
      boxes[i].x1 = ND_coord (nodes[i]).x + w;
      boxes[i].y0 = ND_coord (nodes[i]).y - h;
      boxes[i].y1 = ND_coord (nodes[i]).y + h;
    }
  qsort (boxes, n, sizeof *boxes, compare_box_left);
  for (i = 0; i < n; i++)
    for (j = i + 1; j < n && boxes[j].x0 < boxes[i].x1; j++)
      if (boxes[j].y0 < boxes[i].y1 && boxes[i].y0 < boxes[j].y1)
        return TRUE;
  return FALSE;
}

/* A box with many boxes that relate to it alone (a lookup table, a hub)
 * would put them all in one rank: one long column with a bundle of
 * parallel lines. Like Graphviz's unflatten, those leaves are spread over
 * a few ranks by giving their lines different minimum lengths. */
static void
stagger_leaves (Agraph_t *g)
{
  for (Agnode_t *n = agfstnode (g); n != NULL; n = agnxtnode (g, n))
    {
      guint leaves = 0, columns, k = 0;
      Agedge_t *e;

      for (e = agfstedge (g, n); e != NULL; e = agnxtedge (g, e, n))
        {
          Agnode_t *other = aghead (e) == n ? agtail (e) : aghead (e);

          if (other != n && agdegree (g, other, TRUE, TRUE) == 1)
            leaves++;
        }
      if (leaves < 8)
        continue;
      columns = (guint) ceil (sqrt (leaves / 3.0));
      for (e = agfstedge (g, n); e != NULL; e = agnxtedge (g, e, n))
        {
          Agnode_t *other = aghead (e) == n ? agtail (e) : aghead (e);
          char minlen[16];

          if (other == n || agdegree (g, other, TRUE, TRUE) != 1)
            continue;
          g_snprintf (minlen, sizeof minlen, "%u", 1 + k++ % columns);
          set_attr (e, "minlen", minlen);
        }
    }
}

static gboolean
layout_graph (GVC_t         *gvc,
              Agraph_t      *g,
              DiagramGraph  *graph,
              Agnode_t     **nodes,
              DiagramEngine  engine,
              GError       **error)
{
  apply_engine_settings (g, engine, graph->nodes->len);
  if (engine == ENGINE_PINNED)
    return layout_pinned (gvc, g, graph, nodes, error);
  if (engine == ENGINE_DOT)
    stagger_leaves (g);
  if (gvLayout (gvc, g, engine_program (engine)) != 0)
    {
      set_graphviz_error (error, "lay out the diagram");
      return FALSE;
    }
  if (engine == ENGINE_SFDP && boxes_overlap (graph, nodes))
    {
      /* The quick overlap removal gave up early: the full one always finishes. */
      g_debug ("diagram: overlaps left after %s, laying out again with prism", SFDP_QUICK_OVERLAP);
      gvFreeLayout (gvc, g);
      set_attr (g, "overlap", "prism");
      if (gvLayout (gvc, g, engine_program (engine)) != 0)
        {
          set_graphviz_error (error, "lay out the diagram");
          return FALSE;
        }
    }
  return TRUE;
}

/* The auto layout of an exported diagram, tidied and packed like Arrange's
 * (connected groups in rows near CARDINAL_LAYOUT_DEFAULT_ASPECT rather than
 * one long strip), then the lines drawn again between the boxes where they
 * now are. */
static gboolean
layout_graph_packed (GVC_t         *gvc,
                     Agraph_t      *g,
                     DiagramGraph  *graph,
                     Agnode_t     **nodes,
                     DiagramEngine  engine,
                     GError       **error)
{
  g_autofree graphene_rect_t *boxes = NULL;
  g_autofree CardinalRouteLink *links = NULL;
  const char *splines;
  g_autofree char *final_splines = NULL;
  guint i;

  if (!layout_graph (gvc, g, graph, nodes, engine, error))
    return FALSE;
  /* Groups are Graphviz clusters, which its own layout keeps together and
   * draws; packing the boxes again would tear a group apart. */
  if (engine == ENGINE_PINNED || (graph->clusters->len > 0 && !graph->no_clusters))
    return TRUE;

  boxes = g_new0 (graphene_rect_t, MAX (graph->nodes->len, 1));
  links = g_new0 (CardinalRouteLink, MAX (graph->edges->len, 1));
  for (i = 0; i < graph->nodes->len; i++)
    {
      double w = ND_width (nodes[i]) * 72.0, h = ND_height (nodes[i]) * 72.0;

      graphene_rect_init (&boxes[i], ND_coord (nodes[i]).x - w / 2, -(ND_coord (nodes[i]).y + h / 2), w, h);
    }
  for (i = 0; i < graph->edges->len; i++)
    {
      const DiagramEdge *edge = g_ptr_array_index (graph->edges, i);

      links[i] = (CardinalRouteLink) { edge->tail, edge->head };
    }
  gvFreeLayout (gvc, g);
  cardinal_layout_tidy (boxes, graph->nodes->len, links, graph->edges->len,
                        CARDINAL_LAYOUT_DEFAULT_ASPECT, 0);

  splines = agget (g, (char *) "splines");
  final_splines = g_strdup (splines != NULL && splines[0] != '\0' ? splines : "true");
  for (i = 0; i < graph->nodes->len; i++)
    {
      char pos[2 * G_ASCII_DTOSTR_BUF_SIZE + 2];
      char *p;

      g_ascii_dtostr (pos, G_ASCII_DTOSTR_BUF_SIZE, boxes[i].origin.x + boxes[i].size.width / 2);
      p = pos + strlen (pos);
      *p++ = ',';
      g_ascii_dtostr (p, G_ASCII_DTOSTR_BUF_SIZE, -(boxes[i].origin.y + boxes[i].size.height / 2));
      set_attr (nodes[i], "pos", pos);
    }
  set_attr (g, "splines", final_splines);
  if (gvLayout (gvc, g, "nop2") != 0)
    {
      set_graphviz_error (error, "place the boxes");
      return FALSE;
    }
  return TRUE;
}

/* Without libm: the values are positive and far below 2^53. */
static double
round_nearest (double value)
{
  return (double) (gint64) (value + 0.5);
}

/* Newton's iteration from above; @value > 0. Precise to far below a pixel here. */
static double
square_root (double value)
{
  double root = MAX (value, 1.0);
  guint i;

  for (i = 0; i < 64; i++)
    {
      double next = 0.5 * (root + value / root);

      if (next >= root)
        break;
      root = next;
    }
  return root;
}

static gboolean
png_within_limits (double width,
                   double height)
{
  return width <= CARDINAL_DIAGRAM_PNG_MAX_SIDE && height <= CARDINAL_DIAGRAM_PNG_MAX_SIDE
         && width * height <= CARDINAL_DIAGRAM_PNG_MAX_PIXELS;
}

gboolean
cardinal_diagram_png_size (const CardinalDiagramOptions *options,
                           double                        width_pt,
                           double                        height_pt,
                           guint                        *width,
                           guint                        *height,
                           double                       *factor)
{
  /* At 96 dpi, unrounded. */
  double natural_width = MAX (width_pt, 1.0) * PNG_DPI / 72.0;
  double natural_height = MAX (height_pt, 1.0) * PNG_DPI / 72.0;
  double scale = options->png_scale;
  double w, h;

  if (options->png_max_size > 0)
    {
      double longest = MAX (natural_width, natural_height);
      /* A hair under the limit, so that rounding never takes a side past it. */
      double fit = (options->png_max_size - 0.5) / longest;
      double limit_side = (CARDINAL_DIAGRAM_PNG_MAX_SIDE - 0.5) / longest;
      double limit_area = square_root ((double) CARDINAL_DIAGRAM_PNG_MAX_PIXELS / (natural_width * natural_height)) * 0.999;

      scale = MIN (scale, fit);
      scale = MIN (scale, limit_side);
      scale = MIN (scale, limit_area);
    }
  /* Graphviz rounds the device size to the nearest pixel. */
  w = MAX (round_nearest (natural_width * scale), 1.0);
  h = MAX (round_nearest (natural_height * scale), 1.0);
  if (width != NULL)
    *width = (guint) MIN (w, (double) G_MAXUINT);
  if (height != NULL)
    *height = (guint) MIN (h, (double) G_MAXUINT);
  if (factor != NULL)
    *factor = scale;
  return png_within_limits (w, h);
}

/* Sets the resolution the PNG is rasterised at, or refuses a picture too large. */
static gboolean
prepare_png (Agraph_t                      *g,
             const CardinalDiagramOptions  *options,
             GError                       **error)
{
  boxf bb = GD_bb (g);
  double width_pt = bb.UR.x - bb.LL.x + 2 * GRAPH_PAD_POINTS;
  double height_pt = bb.UR.y - bb.LL.y + 2 * GRAPH_PAD_POINTS;
  guint width, height;
  double factor;

  if (!cardinal_diagram_png_size (options, width_pt, height_pt, &width, &height, &factor))
    {
      g_set_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_TOO_LARGE,
                   "The diagram would be a %u × %u pixel PNG, too large to rasterise "
                   "(at most %d pixels a side and %d megapixels); export it as SVG or PDF, "
                   "or fit the PNG to a maximum size",
                   width, height, CARDINAL_DIAGRAM_PNG_MAX_SIDE, CARDINAL_DIAGRAM_PNG_MAX_PIXELS / 1000000);
      return FALSE;
    }
  /* Read by the renderer, not the layout: the boxes stay where they are, only finer. */
  GD_drawing (g)->dpi = PNG_DPI * factor;
  return TRUE;
}

/* groups and notes (format 3) ------------------------------------------------ */

/* Each group becomes a cluster around the boxes of its entities (an entity
 * in two groups, CARD038, stays in the first). */
static void
build_groups (DiagramGraph        *graph,
              const CardinalModel *model)
{
  g_autoptr(GHashTable) cluster_of = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < model->groups->len; i++)
    {
      const CardinalGroup *group = g_ptr_array_index (model->groups, i);
      DiagramCluster *cluster = g_new0 (DiagramCluster, 1);
      GString *label = g_string_new ("<B>");
      const char *color = group->color != NULL ? group->color : "grey";

      append_cell_text (label, group->name);
      g_string_append (label, "</B>");
      cluster->name = g_strdup (group->name);
      cluster->label = g_string_free (label, FALSE);
      cluster->fill = cardinal_color_tint (color, 0.12);
      cluster->pen = cardinal_color_tint (color, 0.55);
      g_ptr_array_add (graph->clusters, cluster);

      for (guint m = 0; group->entities[m] != NULL; m++)
        if (!g_hash_table_contains (cluster_of, group->entities[m]))
          g_hash_table_insert (cluster_of, group->entities[m], GUINT_TO_POINTER (graph->clusters->len));
    }

  for (guint i = 0; i < graph->nodes->len; i++)
    {
      DiagramNode *node = g_ptr_array_index (graph->nodes, i);

      if (node->entity != NULL)
        node->cluster = GPOINTER_TO_UINT (g_hash_table_lookup (cluster_of, node->entity));
    }
}

/* A note's text, line by line, left-aligned. */
static char *
note_label (const char *text)
{
  g_auto(GStrv) lines = g_strsplit (text, "\n", -1);
  GString *out = g_string_new (NULL);

  for (guint i = 0; lines[i] != NULL; i++)
    {
      append_escaped (out, lines[i]);
      g_string_append (out, "<BR ALIGN=\"LEFT\"/>");
    }
  return g_string_free (out, FALSE);
}

/* Notes are boxes of their own, named so that no table or entity name can
 * take the name first. */
static void
build_notes (DiagramGraph                 *graph,
             const CardinalModel          *model,
             const CardinalDiagramOptions *options)
{
  for (guint i = 0; i < model->notes->len; i++)
    {
      const CardinalNote *note = g_ptr_array_index (model->notes, i);
      g_autofree char *name = g_strdup_printf ("note %u", i + 1);
      DiagramNode *node;

      for (guint n = 2; g_hash_table_contains (graph->index, name); n++)
        {
          g_free (name);
          name = g_strdup_printf ("note %u (%u)", i + 1, n);
        }
      node = diagram_graph_add_node (graph, name, note_label (note->text));
      node->note = TRUE;
      node->min_width = note->width;
      node->min_height = note->height;
      if (options->layout == CARDINAL_DIAGRAM_LAYOUT_MANUAL)
        {
          node->pinned = TRUE;
          node->x = note->x;
          node->y = note->y;
        }
    }
}

static DiagramGraph *
build_graph (const CardinalModel          *model,
             const CardinalDiagramOptions *options,
             GHashTable                   *sizes,
             gboolean                      reserve_link_attributes)
{
  DiagramGraph *graph = diagram_graph_new ();

  if (options->view == CARDINAL_DIAGRAM_VIEW_PHYSICAL)
    build_physical (graph, model, options);
  else
    build_logical (graph, model, options, sizes, reserve_link_attributes);
  build_groups (graph, model);
  /* Arrange places entities only: notes stay where they were put. */
  if (!reserve_link_attributes)
    build_notes (graph, model, options);
  return graph;
}

static gboolean
check_options (const CardinalDiagramOptions  *options,
               GError                       **error)
{
  if (cardinal_diagram_format_to_string (options->format) == NULL
      || cardinal_diagram_layout_to_string (options->layout) == NULL
      || cardinal_diagram_view_to_string (options->view) == NULL
      || cardinal_dialect_to_string (options->dialect) == NULL)
    {
      g_set_error_literal (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID,
                           "Unknown diagram format, layout, view or dialect");
      return FALSE;
    }
  /* Written so that NaN fails too. */
  if (!(options->png_scale > 0.0 && options->png_scale <= CARDINAL_DIAGRAM_PNG_MAX_SCALE))
    {
      g_set_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID,
                   "The PNG scale must be above 0 and at most %g", CARDINAL_DIAGRAM_PNG_MAX_SCALE);
      return FALSE;
    }
  if (options->png_max_size != 0
      && (options->png_max_size < CARDINAL_DIAGRAM_PNG_MIN_SIZE || options->png_max_size > CARDINAL_DIAGRAM_PNG_MAX_SIDE))
    {
      g_set_error (error, CARDINAL_DIAGRAM_ERROR, CARDINAL_DIAGRAM_ERROR_INVALID,
                   "The PNG's maximum size must be between %d and %d pixels",
                   CARDINAL_DIAGRAM_PNG_MIN_SIZE, CARDINAL_DIAGRAM_PNG_MAX_SIDE);
      return FALSE;
    }
  return TRUE;
}

static const char *
graph_name (const CardinalModel *model)
{
  return model->name != NULL && model->name[0] != '\0' ? model->name : "cardinal";
}

GBytes *
cardinal_diagram_render (const CardinalModel           *model,
                         const CardinalDiagramOptions  *options,
                         GCancellable                  *cancellable,
                         GError                       **error)
{
  static const char *const renderers[] = { "svg", "png:cairo", "pdf:cairo", "dot" };
  g_autoptr(DiagramGraph) graph = NULL;
  g_autofree Agnode_t **nodes = NULL;
  GBytes *bytes = NULL;
  DiagramEngine engine;
  GVC_t *gvc;
  Agraph_t *g;
  char *data = NULL;
  unsigned int length = 0;
  gboolean laid_out = FALSE;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, error))
    return NULL;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  graph = build_graph (model, options, NULL, FALSE);
  engine = choose_engine (graph, options->layout == CARDINAL_DIAGRAM_LAYOUT_MANUAL);
  graph->no_clusters = engine == ENGINE_SFDP;

  diagram_begin ();
  gvc = diagram_gvc ();
  g = graph_to_cgraph (graph, graph_name (model), &nodes);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (!layout_graph_packed (gvc, g, graph, nodes, engine, error))
    goto out;
  laid_out = TRUE;
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    goto out;
  if (options->format == CARDINAL_DIAGRAM_FORMAT_PNG && !prepare_png (g, options, error))
    goto out;
  if (gvRenderData (gvc, g, renderers[options->format], &data, &length) != 0 || data == NULL)
    {
      set_graphviz_error (error, "write the diagram");
      goto out;
    }
  bytes = g_bytes_new (data, length);
  gvFreeRenderData (data);

out:
  if (laid_out)
    gvFreeLayout (gvc, g);
  agclose (g);
  diagram_end ();

  if (bytes != NULL && g_cancellable_set_error_if_cancelled (cancellable, error))
    g_clear_pointer (&bytes, g_bytes_unref);
  return bytes;
}

char *
cardinal_diagram_build_dot (const CardinalModel           *model,
                            const CardinalDiagramOptions  *options,
                            GError                       **error)
{
  g_autoptr(DiagramGraph) graph = NULL;
  g_autofree Agnode_t **nodes = NULL;
  Agraph_t *g;
  char *text = NULL;
  char *result = NULL;
  size_t length = 0;
  gboolean ok;
  FILE *stream;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (options != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!check_options (options, error))
    return NULL;

  graph = build_graph (model, options, NULL, FALSE);
  diagram_begin ();
  g = graph_to_cgraph (graph, graph_name (model), &nodes);
  /* agwrite() writes the graph as it is; the renderers all want a layout. */
  stream = open_memstream (&text, &length);
  ok = stream != NULL && agwrite (g, stream) == 0;
  if (stream != NULL && fclose (stream) != 0)
    ok = FALSE;
  if (!ok)
    set_graphviz_error (error, "write the graph");
  agclose (g);
  diagram_end ();

  if (ok)
    result = g_strndup (text, length);
  free (text);
  return result;
}

const char *
cardinal_diagram_auto_engine (const CardinalModel *model,
                              CardinalDiagramView  view)
{
  g_autoptr(DiagramGraph) graph = NULL;
  CardinalDiagramOptions options;

  g_return_val_if_fail (model != NULL, NULL);

  cardinal_diagram_options_init (&options);
  options.view = view;
  options.include_types = FALSE;
  graph = build_graph (model, &options, NULL, FALSE);
  return engine_program (choose_engine (graph, FALSE));
}

GHashTable *
cardinal_diagram_layout_positions (const CardinalModel  *model,
                                   GHashTable           *sizes,
                                   GCancellable         *cancellable,
                                   GError              **error)
{
  return cardinal_diagram_layout_positions_for_aspect (model, sizes, CARDINAL_LAYOUT_DEFAULT_ASPECT,
                                                       cancellable, error);
}

GHashTable *
cardinal_diagram_layout_positions_for_aspect (const CardinalModel  *model,
                                              GHashTable           *sizes,
                                              double                aspect,
                                              GCancellable         *cancellable,
                                              GError              **error)
{
  g_autoptr(DiagramGraph) graph = NULL;
  g_autofree Agnode_t **nodes = NULL;
  g_autoptr(GHashTable) positions = NULL;
  CardinalDiagramOptions options;
  DiagramEngine engine;
  GVC_t *gvc;
  Agraph_t *g;
  gboolean ok = FALSE;
  guint i;

  g_return_val_if_fail (model != NULL, NULL);
  g_return_val_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  cardinal_diagram_options_init (&options);
  options.view = CARDINAL_DIAGRAM_VIEW_LOGICAL;
  graph = build_graph (model, &options, sizes, TRUE);
  engine = choose_engine (graph, FALSE);
  graph->no_clusters = engine == ENGINE_SFDP;
  positions = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  diagram_begin ();
  gvc = diagram_gvc ();
  g = graph_to_cgraph (graph, graph_name (model), &nodes);
  if (!g_cancellable_set_error_if_cancelled (cancellable, error)
      && layout_graph (gvc, g, graph, nodes, engine, error))
    {
      g_autofree graphene_rect_t *boxes = g_new0 (graphene_rect_t, MAX (graph->nodes->len, 1));
      g_autofree CardinalRouteLink *links = g_new0 (CardinalRouteLink, MAX (graph->edges->len, 1));

      for (i = 0; i < graph->nodes->len; i++)
        {
          double w = ND_width (nodes[i]) * 72.0, h = ND_height (nodes[i]) * 72.0;

          graphene_rect_init (&boxes[i], ND_coord (nodes[i]).x - w / 2, -(ND_coord (nodes[i]).y + h / 2), w, h);
        }
      for (i = 0; i < graph->edges->len; i++)
        {
          const DiagramEdge *edge = g_ptr_array_index (graph->edges, i);

          links[i].box1 = edge->tail;
          links[i].box2 = edge->head;
        }
      gvFreeLayout (gvc, g);
      ok = TRUE;

      /* Room for self-loops, gaps for the lines' ends, and the connected
       * groups packed to the window's shape, from the canvas's margin. */
      cardinal_layout_tidy (boxes, graph->nodes->len, links, graph->edges->len, aspect, ARRANGE_MARGIN);
      for (i = 0; i < graph->nodes->len; i++)
        {
          const DiagramNode *node = g_ptr_array_index (graph->nodes, i);
          CardinalDiagramPosition *position = g_new0 (CardinalDiagramPosition, 1);

          /* Whole units, like a person would place them. */
          position->x = round_nearest (MAX (boxes[i].origin.x, 0));
          position->y = round_nearest (MAX (boxes[i].origin.y, 0));
          g_hash_table_insert (positions, g_strdup (node->name), position);
        }
    }
  agclose (g);
  diagram_end ();

  if (!ok || g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  return g_steal_pointer (&positions);
}
