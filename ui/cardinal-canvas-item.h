/* cardinal-canvas-item.h: one box on the canvas (an entity, a table or a link-attribute label) with its cached text layouts and render nodes. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Model units between a box's edge and its text. */
#define CARDINAL_CANVAS_ITEM_PAD_X 10.0
#define CARDINAL_CANVAS_ITEM_PAD_Y  6.0

/* The colours of the canvas, one set for the light and one for the dark style. */
typedef struct
{
  gboolean dark;
  GdkRGBA  background;
  GdkRGBA  grid;
  GdkRGBA  box;
  GdkRGBA  header;
  GdkRGBA  link_header;
  GdkRGBA  label_box;
  GdkRGBA  border;
  GdkRGBA  shadow;
  GdkRGBA  text;
  GdkRGBA  dim_text;
  GdkRGBA  primary_key;
  GdkRGBA  foreign_key;
  GdkRGBA  unique;
  GdkRGBA  edge;
  GdkRGBA  accent;
  GdkRGBA  accent_fill;
  GdkRGBA  hover;
  GdkRGBA  overview;     /* boxes when zoomed out too far for any text */
} CardinalCanvasPalette;

void cardinal_canvas_palette_init (CardinalCanvasPalette *palette,
                                   gboolean               dark);

typedef enum
{
  CARDINAL_CANVAS_ITEM_ENTITY,     /* an entity, or in the physical view the table that stores it */
  CARDINAL_CANVAS_ITEM_LINK_TABLE, /* physical view: a link table */
  CARDINAL_CANVAS_ITEM_LABEL,      /* logical view: the link attributes of a many-to-many line */
} CardinalCanvasItemKind;

/* Level of detail, chosen from the zoom: attribute text is only drawn where it can be read. */
typedef enum
{
  CARDINAL_CANVAS_LOD_BOX,   /* plain rectangles */
  CARDINAL_CANVAS_LOD_NAME,  /* boxes with the name, large */
  CARDINAL_CANVAS_LOD_FULL,  /* header and one row per attribute */
} CardinalCanvasLod;

#define CARDINAL_CANVAS_N_LODS (CARDINAL_CANVAS_LOD_FULL + 1)

typedef enum
{
  CARDINAL_CANVAS_MARK_PRIMARY_KEY = 1 << 0,
  CARDINAL_CANVAS_MARK_FOREIGN_KEY = 1 << 1,
  CARDINAL_CANVAS_MARK_UNIQUE      = 1 << 2,
} CardinalCanvasMarks;

/* One attribute or column row, as drawn. */
typedef struct
{
  const char *name;
  const char *type;
  guint       marks;  /* CardinalCanvasMarks */
} CardinalCanvasRow;

typedef struct
{
  CardinalCanvasItemKind  kind;
  char                   *name;          /* the title: entity, table or link table name */
  char                   *entity;        /* the entity it shows, NULL for link tables and labels */
  char                   *relationship;  /* link tables and labels: their relationship */

  /* Where the cache came from: the entity version, and what was laid out. */
  guint64                 serial;
  char                   *fingerprint;

  /* Model coordinates; the size follows from the text. */
  double                  x;
  double                  y;
  double                  width;
  double                  height;
  double                  header_height;

  gboolean                has_color;
  GdkRGBA                 color;         /* the entity's own header colour */

  PangoLayout            *title;
  PangoLayout            *marks;         /* NULL when no row has a mark */
  PangoLayout            *names;         /* NULL when there are no rows */
  PangoLayout            *types;
  guint                   n_rows;
  double                  names_x;
  double                  types_x;
  double                  rows_y;
  double                  row_height;

  GskRenderNode          *nodes[CARDINAL_CANVAS_N_LODS];
  /* The text, apart from the boxes: the name is scaled on its own (semantic
   * zoom) and the rows fade with the zoom. */
  GskRenderNode          *title_node;
  GskRenderNode          *rows_node;
  double                  title_width;
  double                  title_height;

  /* Canvas bookkeeping. */
  guint                   dragging : 1;
  guint                   selected : 1;
} CardinalCanvasItem;

CardinalCanvasItem *cardinal_canvas_item_new         (CardinalCanvasItemKind     kind,
                                                      const char                *name);
void                cardinal_canvas_item_free        (CardinalCanvasItem        *item);

/* A string that changes whenever anything that is drawn changes (not the position). */
char               *cardinal_canvas_item_fingerprint (const char                *title,
                                                      const char                *color,
                                                      const CardinalCanvasRow   *rows,
                                                      guint                      n_rows);
/* Lays the box out again when @fingerprint differs from the one it was laid
 * out for; returns whether it did. @fingerprint is taken over. */
gboolean            cardinal_canvas_item_set_content (CardinalCanvasItem        *item,
                                                      PangoContext              *context,
                                                      char                      *fingerprint,
                                                      const char                *color,
                                                      const CardinalCanvasRow   *rows,
                                                      guint                      n_rows);
/* Drops the cached render nodes (colours changed) or everything (fonts changed). */
void                cardinal_canvas_item_drop_nodes  (CardinalCanvasItem        *item);
void                cardinal_canvas_item_drop_layout (CardinalCanvasItem        *item);

/* The header band colour (the entity's own colour when it has one). */
GdkRGBA             cardinal_canvas_item_header_color (const CardinalCanvasItem    *item,
                                                       const CardinalCanvasPalette *palette);

/* The box at @lod in its own coordinates (0, 0 is its top-left corner); built once, then cached. */
GskRenderNode      *cardinal_canvas_item_get_node    (CardinalCanvasItem          *item,
                                                      CardinalCanvasLod            lod,
                                                      const CardinalCanvasPalette *palette,
                                                      PangoContext                *context);

/* The name at its natural size, its top-left corner at 0, 0. */
GskRenderNode      *cardinal_canvas_item_get_title_node (CardinalCanvasItem          *item,
                                                         const CardinalCanvasPalette *palette);
/* The attribute rows (marks, names, types) in box coordinates; NULL when there are none. */
GskRenderNode      *cardinal_canvas_item_get_rows_node  (CardinalCanvasItem          *item,
                                                         const CardinalCanvasPalette *palette);
/* How much the name must be enlarged at @zoom so that it is at least
 * @min_height widget pixels tall (1 when it already is); returns whether it
 * then still fits inside the box. */
gboolean            cardinal_canvas_item_title_scale    (const CardinalCanvasItem    *item,
                                                         double                       zoom,
                                                         double                       min_height,
                                                         double                      *scale);

/* The box's outline and header rule, @width model units wide (at least one
 * device pixel: GL does not antialias rectangle edges, so thinner ones would
 * come and go with the zoom). @origin is where the box is drawn. */
void                cardinal_canvas_item_append_outline (const CardinalCanvasItem    *item,
                                                         GtkSnapshot                 *snapshot,
                                                         const graphene_point_t      *origin,
                                                         double                       width,
                                                         const CardinalCanvasPalette *palette);
/* A rectangle outline made of four colour rectangles (cheaper to draw than a border node). */
void                cardinal_canvas_append_frame     (GtkSnapshot                 *snapshot,
                                                      const graphene_rect_t       *rect,
                                                      double                       width,
                                                      const GdkRGBA               *color);
/* @layout in @color with its top left corner at (@x, @y). */
void                cardinal_canvas_append_layout_at (GtkSnapshot                 *snapshot,
                                                      PangoLayout                 *layout,
                                                      double                       x,
                                                      double                       y,
                                                      const GdkRGBA               *color);

G_END_DECLS
