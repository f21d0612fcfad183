/* cardinal-canvas-item.c: laying out one canvas box from text and building its render node per level of detail. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-item.h"
#include "cardinal-canvas-notes.h"

#include <math.h>
#include <string.h>

/* Model units; at zoom 1 they are pixels. */
#define PAD_X        CARDINAL_CANVAS_ITEM_PAD_X
#define PAD_Y        CARDINAL_CANVAS_ITEM_PAD_Y
#define COLUMN_GAP   12.0
#define MIN_WIDTH   140.0
#define MIN_LABEL_WIDTH 90.0
#define EMPTY_BODY   14.0

static void
rgba_init (GdkRGBA *rgba,
           guint32  rgb,
           double   alpha)
{
  rgba->red = ((rgb >> 16) & 0xff) / 255.0f;
  rgba->green = ((rgb >> 8) & 0xff) / 255.0f;
  rgba->blue = (rgb & 0xff) / 255.0f;
  rgba->alpha = alpha;
}

void
cardinal_canvas_palette_init (CardinalCanvasPalette *palette,
                              gboolean               dark)
{
  g_return_if_fail (palette != NULL);

  /* The GNOME palette, so the canvas sits well next to libadwaita widgets. */
  palette->dark = dark;
  if (dark)
    {
      rgba_init (&palette->background, 0x1e1e1e, 1.0);
      rgba_init (&palette->grid, 0xffffff, 0.06);
      rgba_init (&palette->box, 0x303030, 1.0);
      rgba_init (&palette->header, 0x3d4b60, 1.0);
      rgba_init (&palette->link_header, 0x4a4458, 1.0);
      rgba_init (&palette->label_box, 0x2a2a2e, 1.0);
      rgba_init (&palette->border, 0x5e5c64, 1.0);
      rgba_init (&palette->shadow, 0x000000, 0.35);
      rgba_init (&palette->text, 0xffffff, 1.0);
      rgba_init (&palette->dim_text, 0x9a9996, 1.0);
      rgba_init (&palette->primary_key, 0xf6d32d, 1.0);
      rgba_init (&palette->foreign_key, 0x99c1f1, 1.0);
      rgba_init (&palette->unique, 0xdc8add, 1.0);
      rgba_init (&palette->edge, 0xa8a6ad, 1.0);
      rgba_init (&palette->accent, 0x78aeed, 1.0);
      rgba_init (&palette->accent_fill, 0x78aeed, 0.18);
      rgba_init (&palette->hover, 0x78aeed, 0.55);
      rgba_init (&palette->overview, 0x5a6b82, 1.0);
    }
  else
    {
      rgba_init (&palette->background, 0xf6f5f4, 1.0);
      rgba_init (&palette->grid, 0x000000, 0.06);
      rgba_init (&palette->box, 0xffffff, 1.0);
      rgba_init (&palette->header, 0xdce8f7, 1.0);
      rgba_init (&palette->link_header, 0xe8e0f2, 1.0);
      rgba_init (&palette->label_box, 0xfcfcfc, 1.0);
      rgba_init (&palette->border, 0xb6b4ba, 1.0);
      rgba_init (&palette->shadow, 0x000000, 0.10);
      rgba_init (&palette->text, 0x1e1e1e, 1.0);
      rgba_init (&palette->dim_text, 0x77767b, 1.0);
      rgba_init (&palette->primary_key, 0xb56a00, 1.0);
      rgba_init (&palette->foreign_key, 0x1a5fb4, 1.0);
      rgba_init (&palette->unique, 0x813d9c, 1.0);
      rgba_init (&palette->edge, 0x5e5c64, 1.0);
      rgba_init (&palette->accent, 0x3584e4, 1.0);
      rgba_init (&palette->accent_fill, 0x3584e4, 0.15);
      rgba_init (&palette->hover, 0x3584e4, 0.55);
      rgba_init (&palette->overview, 0xa9bcd6, 1.0);
    }
}

CardinalCanvasItem *
cardinal_canvas_item_new (CardinalCanvasItemKind  kind,
                          const char             *name)
{
  CardinalCanvasItem *item;

  g_return_val_if_fail (name != NULL, NULL);

  item = g_new0 (CardinalCanvasItem, 1);
  item->kind = kind;
  item->name = g_strdup (name);

  return item;
}

void
cardinal_canvas_item_drop_nodes (CardinalCanvasItem *item)
{
  g_return_if_fail (item != NULL);

  for (guint i = 0; i < CARDINAL_CANVAS_N_LODS; i++)
    g_clear_pointer (&item->nodes[i], gsk_render_node_unref);
  g_clear_pointer (&item->title_node, gsk_render_node_unref);
  g_clear_pointer (&item->rows_node, gsk_render_node_unref);
}

void
cardinal_canvas_item_drop_layout (CardinalCanvasItem *item)
{
  g_return_if_fail (item != NULL);

  cardinal_canvas_item_drop_nodes (item);
  g_clear_object (&item->title);
  g_clear_object (&item->marks);
  g_clear_object (&item->names);
  g_clear_object (&item->types);
  /* Forgetting what was laid out makes the next set_content lay out again. */
  g_clear_pointer (&item->fingerprint, g_free);
}

void
cardinal_canvas_item_free (CardinalCanvasItem *item)
{
  if (item == NULL)
    return;

  cardinal_canvas_item_drop_layout (item);
  g_free (item->name);
  g_free (item->entity);
  g_free (item->relationship);
  g_free (item);
}

char *
cardinal_canvas_item_fingerprint (const char              *title,
                                  const char              *color,
                                  const CardinalCanvasRow *rows,
                                  guint                    n_rows)
{
  GString *out = g_string_sized_new (64 + 24 * n_rows);

  /* Control characters cannot be part of names or types, so they separate fields unambiguously. */
  g_string_append (out, title);
  g_string_append_c (out, '\x1f');
  if (color != NULL)
    g_string_append (out, color);
  for (guint i = 0; i < n_rows; i++)
    {
      g_string_append_c (out, '\x1e');
      g_string_append (out, rows[i].name);
      g_string_append_c (out, '\x1f');
      g_string_append (out, rows[i].type != NULL ? rows[i].type : "");
      g_string_append_c (out, '\x1f');
      g_string_append_c (out, (char) ('0' + rows[i].marks));
    }

  return g_string_free (out, FALSE);
}

static void
layout_size (PangoLayout *layout,
             double      *width,
             double      *height)
{
  PangoRectangle logical;

  pango_layout_get_extents (layout, NULL, &logical);
  *width = (double) logical.width / PANGO_SCALE;
  *height = (double) logical.height / PANGO_SCALE;
}

static PangoLayout *
make_layout (PangoContext *context,
             const char   *text,
             PangoWeight   weight,
             PangoStyle    style)
{
  PangoLayout *layout = pango_layout_new (context);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_layout_set_text (layout, text, -1);
  if (weight != PANGO_WEIGHT_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_weight_new (weight));
  if (style != PANGO_STYLE_NORMAL)
    pango_attr_list_insert (attrs, pango_attr_style_new (style));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);

  return layout;
}

static void
append_marks (GString *out,
              guint    marks)
{
  const char *sep = "";

  if (marks & CARDINAL_CANVAS_MARK_PRIMARY_KEY)
    {
      g_string_append (out, "PK");
      sep = " ";
    }
  if (marks & CARDINAL_CANVAS_MARK_FOREIGN_KEY)
    {
      g_string_append_printf (out, "%sFK", sep);
      sep = " ";
    }
  if (marks & CARDINAL_CANVAS_MARK_UNIQUE)
    g_string_append_printf (out, "%sUQ", sep);
}

gboolean
cardinal_canvas_item_set_content (CardinalCanvasItem      *item,
                                  PangoContext            *context,
                                  char                    *fingerprint,
                                  const char              *color,
                                  const CardinalCanvasRow *rows,
                                  guint                    n_rows)
{
  g_autoptr(GString) names = NULL;
  g_autoptr(GString) types = NULL;
  g_autoptr(GString) marks = NULL;
  gboolean any_marks = FALSE;
  double title_w, title_h, marks_w = 0, marks_h, names_w = 0, names_h = 0, types_w = 0, types_h;
  double rows_w, width, min_width;

  g_return_val_if_fail (item != NULL, FALSE);
  g_return_val_if_fail (PANGO_IS_CONTEXT (context), FALSE);
  g_return_val_if_fail (fingerprint != NULL, FALSE);

  if (g_strcmp0 (item->fingerprint, fingerprint) == 0 && item->title != NULL)
    {
      g_free (fingerprint);
      return FALSE;
    }

  cardinal_canvas_item_drop_layout (item);
  item->fingerprint = fingerprint;
  item->n_rows = n_rows;
  item->has_color = cardinal_canvas_parse_color (color, &item->color);

  item->title = make_layout (context, item->name, PANGO_WEIGHT_BOLD,
                             item->kind == CARDINAL_CANVAS_ITEM_LABEL ? PANGO_STYLE_ITALIC : PANGO_STYLE_NORMAL);
  layout_size (item->title, &title_w, &title_h);
  item->title_width = title_w;
  item->title_height = title_h;
  item->header_height = ceil (title_h + 2 * PAD_Y);

  names = g_string_new (NULL);
  types = g_string_new (NULL);
  marks = g_string_new (NULL);
  for (guint i = 0; i < n_rows; i++)
    {
      if (i > 0)
        {
          g_string_append_c (names, '\n');
          g_string_append_c (types, '\n');
          g_string_append_c (marks, '\n');
        }
      g_string_append (names, rows[i].name);
      g_string_append (types, rows[i].type != NULL ? rows[i].type : "");
      append_marks (marks, rows[i].marks);
      any_marks |= rows[i].marks != 0;
    }

  if (n_rows > 0)
    {
      item->names = make_layout (context, names->str, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
      layout_size (item->names, &names_w, &names_h);
      item->types = make_layout (context, types->str, PANGO_WEIGHT_NORMAL, PANGO_STYLE_NORMAL);
      layout_size (item->types, &types_w, &types_h);
      /* Right-aligned types need the layout to know its width. */
      pango_layout_set_width (item->types, (int) ceil (types_w * PANGO_SCALE));
      pango_layout_set_alignment (item->types, PANGO_ALIGN_RIGHT);
      if (any_marks)
        {
          /* Same font for every column, so the rows of the three layouts line up;
           * bold as drawn, so it is measured at the width it will have. */
          item->marks = make_layout (context, marks->str, PANGO_WEIGHT_BOLD, PANGO_STYLE_NORMAL);
          layout_size (item->marks, &marks_w, &marks_h);
        }
    }

  rows_w = PAD_X + marks_w + (any_marks ? COLUMN_GAP * 0.75 : 0) + names_w + COLUMN_GAP + types_w + PAD_X;
  min_width = item->kind == CARDINAL_CANVAS_ITEM_LABEL ? MIN_LABEL_WIDTH : MIN_WIDTH;
  width = MAX (MAX (min_width, title_w + 2 * PAD_X), rows_w);
  item->width = ceil (width);
  item->rows_y = item->header_height + PAD_Y;
  item->names_x = PAD_X + marks_w + (any_marks ? COLUMN_GAP * 0.75 : 0);
  item->types_x = item->width - PAD_X - types_w;
  item->row_height = n_rows > 0 ? names_h / n_rows : 0;
  item->height = item->header_height + (n_rows > 0 ? ceil (names_h + 2 * PAD_Y) : EMPTY_BODY);

  return TRUE;
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    1.0f,
  };
}

GdkRGBA
cardinal_canvas_item_header_color (const CardinalCanvasItem    *item,
                                   const CardinalCanvasPalette *palette)
{
  if (item->has_color)
    return mix (&palette->box, &item->color, palette->dark ? 0.5f : 0.4f);
  switch (item->kind)
    {
    case CARDINAL_CANVAS_ITEM_LINK_TABLE:
    case CARDINAL_CANVAS_ITEM_LABEL:
      return palette->link_header;
    case CARDINAL_CANVAS_ITEM_ENTITY:
    default:
      return palette->header;
    }
}

static PangoAttribute *
foreground_attr (const GdkRGBA *color,
                 guint          start,
                 guint          end)
{
  PangoAttribute *attr = pango_attr_foreground_new ((guint16) (color->red * 65535),
                                                    (guint16) (color->green * 65535),
                                                    (guint16) (color->blue * 65535));

  attr->start_index = start;
  attr->end_index = end;
  return attr;
}

/* The mark colours follow the palette, so they are applied when the node is built. */
static void
color_marks (PangoLayout                 *layout,
             const CardinalCanvasPalette *palette)
{
  const char *text = pango_layout_get_text (layout);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  for (const char *p = text; p[0] != '\0' && p[1] != '\0'; p++)
    {
      const GdkRGBA *color = NULL;

      if (p[0] == 'P' && p[1] == 'K')
        color = &palette->primary_key;
      else if (p[0] == 'F' && p[1] == 'K')
        color = &palette->foreign_key;
      else if (p[0] == 'U' && p[1] == 'Q')
        color = &palette->unique;
      if (color != NULL)
        pango_attr_list_insert (attrs, foreground_attr (color, p - text, p - text + 2));
    }
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
}

void
cardinal_canvas_append_layout_at (GtkSnapshot   *snapshot,
                                  PangoLayout   *layout,
                                  double         x,
                                  double         y,
                                  const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
cardinal_canvas_item_append_outline (const CardinalCanvasItem    *item,
                                     GtkSnapshot                 *snapshot,
                                     const graphene_point_t      *origin,
                                     double                       width,
                                     const CardinalCanvasPalette *palette)
{
  graphene_rect_t rect = GRAPHENE_RECT_INIT (origin->x, origin->y, item->width, item->height);
  double header_h = MIN (item->header_height, item->height);

  g_return_if_fail (item != NULL && snapshot != NULL && palette != NULL);

  gtk_snapshot_append_color (snapshot, &palette->border,
                             &GRAPHENE_RECT_INIT (origin->x, origin->y + header_h - width, item->width, width));
  cardinal_canvas_append_frame (snapshot, &rect, width, &palette->border);
}

void
cardinal_canvas_append_frame (GtkSnapshot           *snapshot,
                              const graphene_rect_t *rect,
                              double                 width,
                              const GdkRGBA         *color)
{
  double x = rect->origin.x, y = rect->origin.y, w = rect->size.width, h = rect->size.height;

  g_return_if_fail (snapshot != NULL && rect != NULL && color != NULL);

  width = MIN (width, MIN (w, h) / 2);
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y, w, width));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + h - width, w, width));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x, y + width, width, h - 2 * width));
  gtk_snapshot_append_color (snapshot, color, &GRAPHENE_RECT_INIT (x + w - width, y + width, width, h - 2 * width));
}

/* Every part is a plain colour rectangle that does not overlap the others:
 * with software GL each pixel of a box is shaded about once, where a rounded
 * clip, a shadow and a border node would each shade the whole box again. */
static GskRenderNode *
build_node (CardinalCanvasItem          *item,
            CardinalCanvasLod            lod,
            const CardinalCanvasPalette *palette,
            PangoContext                *context)
{
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  double w = item->width, h = item->height, header_h = MIN (item->header_height, item->height);
  GdkRGBA header_rgba = cardinal_canvas_item_header_color (item, palette);
  const GdkRGBA *box = item->kind == CARDINAL_CANVAS_ITEM_LABEL ? &palette->label_box : &palette->box;

  if (lod == CARDINAL_CANVAS_LOD_FULL)
    {
      /* A hard shadow along the bottom and right edges. */
      gtk_snapshot_append_color (snapshot, &palette->shadow, &GRAPHENE_RECT_INIT (2, h, w - 1, 2));
      gtk_snapshot_append_color (snapshot, &palette->shadow, &GRAPHENE_RECT_INIT (w, 2, 1, h - 2));
    }
  gtk_snapshot_append_color (snapshot, &header_rgba, &GRAPHENE_RECT_INIT (0, 0, w, header_h));
  gtk_snapshot_append_color (snapshot, box, &GRAPHENE_RECT_INIT (0, header_h, w, h - header_h));
  /* The outline is not here: it must stay one device pixel wide at any zoom
   * (see cardinal_canvas_item_append_outline ()). Nor is the text: the name
   * and the rows are separate nodes (semantic zoom, see the canvas's
   * cardinal-canvas-names.c). */
  return gtk_snapshot_free_to_node (snapshot);
}

GskRenderNode *
cardinal_canvas_item_get_title_node (CardinalCanvasItem          *item,
                                     const CardinalCanvasPalette *palette)
{
  g_return_val_if_fail (item != NULL && item->title != NULL, NULL);

  if (item->title_node == NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      gtk_snapshot_append_layout (snapshot, item->title, &palette->text);
      item->title_node = gtk_snapshot_free_to_node (snapshot);
    }
  return item->title_node;
}

GskRenderNode *
cardinal_canvas_item_get_rows_node (CardinalCanvasItem          *item,
                                    const CardinalCanvasPalette *palette)
{
  g_return_val_if_fail (item != NULL, NULL);

  if (item->rows_node == NULL && item->names != NULL)
    {
      GtkSnapshot *snapshot = gtk_snapshot_new ();

      if (item->marks != NULL)
        {
          color_marks (item->marks, palette);
          cardinal_canvas_append_layout_at (snapshot, item->marks, PAD_X, item->rows_y, &palette->text);
        }
      cardinal_canvas_append_layout_at (snapshot, item->names, item->names_x, item->rows_y, &palette->text);
      if (item->types != NULL)
        cardinal_canvas_append_layout_at (snapshot, item->types, item->types_x, item->rows_y,
                                          &palette->dim_text);
      item->rows_node = gtk_snapshot_free_to_node (snapshot);
    }
  return item->rows_node;
}

gboolean
cardinal_canvas_item_title_scale (const CardinalCanvasItem *item,
                                  double                    zoom,
                                  double                    min_height,
                                  double                   *scale)
{
  double k;

  g_return_val_if_fail (item != NULL && scale != NULL, FALSE);

  /* Exactly the size that gives @min_height on screen, not a few steps:
   * then the glyphs have the same pixel size at every zoom and their cache
   * serves every frame of a zoom. */
  k = MAX (1.0, min_height / MAX (item->title_height * zoom, 1e-6));
  *scale = k;
  return item->title_width * k <= item->width - PAD_X && item->title_height * k <= item->height;
}

GskRenderNode *
cardinal_canvas_item_get_node (CardinalCanvasItem          *item,
                               CardinalCanvasLod            lod,
                               const CardinalCanvasPalette *palette,
                               PangoContext                *context)
{
  g_return_val_if_fail (item != NULL, NULL);
  g_return_val_if_fail (lod < CARDINAL_CANVAS_N_LODS, NULL);
  g_return_val_if_fail (item->title != NULL, NULL);

  if (item->nodes[lod] == NULL)
    item->nodes[lod] = build_node (item, lod, palette, context);

  return item->nodes[lod];
}
