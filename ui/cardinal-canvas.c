/* cardinal-canvas.c: the diagram canvas: a scrollable widget drawing the history's model, with selection, moving, connecting and zoom. */
#include "cardinal-canvas.h"

#include <math.h>
#include <string.h>
#include <pango/pangocairo.h>

#include "cardinal-route-draw.h"
#include "cardinal-canvas-item.h"
#include "cardinal-canvas-private.h"
#include "cardinal-canvas-tiles.h"
#include "cardinal-engineer.h"
#include "cardinal-physical.h"

#define ZOOM_MIN        0.05
#define ZOOM_MAX        4.0
#define ZOOM_STEP       1.25
/* Fit never enlarges a small diagram beyond its natural size. */
#define FIT_ZOOM_MAX    1.0
#define GRID            20.0
/* Model units around the boxes that the scrollbars still reach. */
#define MARGIN          100.0
#define FIT_MARGIN      30.0
/* Below LOD_FULL_ZOOM the attribute text would be under ~8 px tall; below
 * LOD_NAME_ZOOM so would the enlarged name. */
#define LOD_FULL_ZOOM   0.6
#define LOD_NAME_ZOOM   0.25
/* Below this the bars and feet are a few pixels wide: lines only. */
#define ENDS_ZOOM       0.3
/* Widget pixels. */
#define DRAG_THRESHOLD  4.0
#define CONNECT_BAND    6.0
#define HANDLE_RADIUS   6.0
#define LINE_SLOP       5.0
#define NUDGE_STEP      10.0
#define PAN_STEP        40.0
/* Model units: how far bars and feet reach across a line. */
#define END_EXTENT      10.0
/* Visible lines above which one cairo node is cheaper than native nodes. */
#define NATIVE_LINES_MAX 800
/* Model units between a link table and its entities when it cannot sit between them. */
#define LINK_TABLE_GAP  60.0
/* How long a frame may spend drawing tiles before cached levels stand in. */
#define TILE_BUDGET_US  6000

typedef struct
{
  char                *relationship;
  guint                item1;
  guint                item2;
  CardinalCanvasEnd    end1;      /* drawn at item1 */
  CardinalCanvasEnd    end2;
  guint                index;     /* among lines joining the same two boxes */
  guint                count;
  CardinalCanvasItem  *label;     /* borrowed from labels; NULL when the line has none */
  gboolean             selected;
} CardinalCanvasEdge;

typedef enum
{
  DRAG_NONE,
  DRAG_PAN,
  DRAG_MOVE_PENDING,     /* pressed on a box; a move once past the threshold */
  DRAG_MOVE,
  DRAG_BAND_PENDING,
  DRAG_BAND,
  DRAG_CONNECT_PENDING,
  DRAG_CONNECT,
} DragMode;

/* Boxes and lines by grid cell of the model, so a tile or the view finds
 * what falls in it without testing everything. Built with the items. */
typedef struct
{
  double   cell;       /* model units per cell side */
  double   x0;
  double   y0;
  int      cols;
  int      rows;
  GArray **items;      /* per cell: guint indices into items */
  GArray **edges;      /* per cell: guint indices into edges */
  guint   *item_seen;  /* query stamps, to report each index once */
  guint   *edge_seen;
  guint    stamp;
} CanvasGrid;

/* Where the drawing functions draw: the widget's view, or one scene tile. */
typedef struct
{
  double   zoom;
  double   h;        /* the model point (x, y) lands at (x * zoom - h, y * zoom - v) */
  double   v;
  double   width;
  double   height;
  gboolean tile;
} CanvasPaint;

/* The scene is what tiles cache: every box and line as if nothing were
 * selected. What goes over it (selection, hover, the connector handle)
 * changes with the pointer and is drawn every frame. */
typedef enum
{
  DRAW_ALL,
  DRAW_SCENE,
  DRAW_OVER,
} DrawPart;

typedef enum
{
  HIT_NONE,
  HIT_ITEM,
  HIT_EDGE,
} HitKind;

typedef struct
{
  HitKind  kind;
  int      item;         /* index into items */
  gboolean connect_zone; /* the border band or the handle: a drag there connects */
  int      edge;         /* index into edges */
} Hit;

struct _CardinalCanvas
{
  GtkWidget            parent_instance;

  CardinalHistory     *history;
  gulong               history_changed_id;
  CardinalCanvasView   view;
  gboolean             snap;

  /* The view: adjustments count widget pixels of the zoomed model, so the
   * model point (x, y) is drawn at (x * zoom - hvalue, y * zoom - vvalue). */
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  guint                hscroll_policy : 1;
  guint                vscroll_policy : 1;
  guint                fit_pending : 1;
  guint                view_placed : 1;
  guint                view_update_id;
  double               zoom;

  /* What is drawn, rebuilt lazily after a "changed" signal. */
  PangoContext        *pango_context;
  PangoFontDescription *font;
  CardinalCanvasPalette palette;
  gboolean             palette_valid;
  GskRenderNode       *end_sprites[2][4][4];  /* selected, kind of end, direction */
  double               end_sprite_width;
  gboolean             items_dirty;
  guint                pending_flags;
  GPtrArray           *items;            /* of CardinalCanvasItem, owned, drawing order */
  GHashTable          *entity_items;     /* entity name → index + 1 */
  GArray              *edges;            /* of CardinalCanvasEdge */
  GHashTable          *labels;           /* relationship name → CardinalCanvasItem, owned */
  CardinalSchema      *schema;           /* the physical view's tables */
  guint                schema_shape;     /* model_shape_hash () of the model it was engineered from */
  graphene_rect_t      model_bounds;
  guint                drawn_boxes;
  guint                drawn_lines;
  CanvasPaint          paint;
  CanvasGrid           grid;
  CardinalCanvasTiles *tiles;
  gboolean             use_tiles;
  gboolean             last_frame_from_tiles;  /* every tile of it at its own level */
  guint                stand_in_frames;

  /* Selection, by names. */
  GHashTable          *selected_entities;
  GHashTable          *selected_relationships;

  /* Interaction. */
  GtkGesture          *drag_gesture;
  DragMode             drag_mode;
  double               drag_start_x;      /* widget coordinates */
  double               drag_start_y;
  double               drag_x;
  double               drag_y;
  double               pan_start_h;
  double               pan_start_v;
  double               move_dx;           /* model units, snapped */
  double               move_dy;
  char                *press_name;        /* the entity pressed on */
  gboolean             press_was_selected;
  gboolean             press_extend;
  char                *connect_from;      /* entity a connection starts at */
  gboolean             connect_mode;
  int                  connect_target;    /* item under the pointer while connecting, or -1 */
  int                  hover_item;        /* or -1 */
  gboolean             hover_connect;
  gboolean             space_down;
  gboolean             has_pointer;
  double               pointer_x;
  double               pointer_y;
  double               pinch_start_zoom;
};

enum
{
  PROP_0,
  PROP_HISTORY,
  PROP_VIEW,
  PROP_SNAP_TO_GRID,
  PROP_ZOOM,
  N_PROPS,

  PROP_HADJUSTMENT = N_PROPS,
  PROP_VADJUSTMENT,
  PROP_HSCROLL_POLICY,
  PROP_VSCROLL_POLICY,
};

enum
{
  SELECTION_CHANGED,
  CONNECT,
  RENAME_ENTITY,
  CONTEXT_MENU,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

G_DEFINE_ENUM_TYPE (CardinalCanvasView, cardinal_canvas_view,
                    G_DEFINE_ENUM_VALUE (CARDINAL_CANVAS_VIEW_LOGICAL, "logical"),
                    G_DEFINE_ENUM_VALUE (CARDINAL_CANVAS_VIEW_PHYSICAL, "physical"))

G_DEFINE_FINAL_TYPE_WITH_CODE (CardinalCanvas, cardinal_canvas, GTK_TYPE_WIDGET,
                               G_IMPLEMENT_INTERFACE (GTK_TYPE_SCROLLABLE, NULL))

static void queue_view_update                  (CardinalCanvas *self);
static void grid_build                         (CardinalCanvas *self);
static void cardinal_canvas_update_adjustments (CardinalCanvas *self,
                                                double          h,
                                                double          v);

/* ---- Geometry ---------------------------------------------------------- */

static double
hvalue (CardinalCanvas *self)
{
  return gtk_adjustment_get_value (self->hadjustment);
}

static double
vvalue (CardinalCanvas *self)
{
  return gtk_adjustment_get_value (self->vadjustment);
}

static void
widget_to_model (CardinalCanvas *self,
                 double          wx,
                 double          wy,
                 double         *mx,
                 double         *my)
{
  *mx = (wx + hvalue (self)) / self->zoom;
  *my = (wy + vvalue (self)) / self->zoom;
}

static CardinalCanvasLod
lod_for_zoom (double zoom)
{
  if (zoom >= LOD_FULL_ZOOM)
    return CARDINAL_CANVAS_LOD_FULL;
  if (zoom >= LOD_NAME_ZOOM)
    return CARDINAL_CANVAS_LOD_NAME;
  return CARDINAL_CANVAS_LOD_BOX;
}

static CardinalCanvasLod
current_lod (CardinalCanvas *self)
{
  return lod_for_zoom (self->zoom);
}

static inline CardinalCanvasItem *
item_at_index (CardinalCanvas *self,
               guint           index)
{
  return g_ptr_array_index (self->items, index);
}

/* The box as drawn: dragged boxes follow the pointer before the history knows. */
static void
item_rect (CardinalCanvas           *self,
           const CardinalCanvasItem *item,
           graphene_rect_t          *rect)
{
  double x = item->x, y = item->y;

  if (item->dragging)
    {
      x += self->move_dx;
      y += self->move_dy;
    }
  graphene_rect_init (rect, x, y, item->width, item->height);
}

static gboolean
rects_intersect (const graphene_rect_t *a,
                 const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width &&
         b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height &&
         b->origin.y < a->origin.y + a->size.height;
}

/* ---- Style --------------------------------------------------------------- */

static void
drop_end_sprites (CardinalCanvas *self)
{
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; k < 4; k++)
      for (guint d = 0; d < 4; d++)
        g_clear_pointer (&self->end_sprites[s][k][d], gsk_render_node_unref);
}

static void
drop_all_nodes (CardinalCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_drop_nodes (item_at_index (self, i));
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    cardinal_canvas_item_drop_nodes (value);
}

static gboolean
style_is_dark (CardinalCanvas *self)
{
  GdkRGBA fg;

  /* Light text means a dark style, whichever way it was chosen (libadwaita's
   * style manager, a dark theme, high contrast). */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

static void
ensure_palette (CardinalCanvas *self)
{
  gboolean dark = style_is_dark (self);

  if (self->palette_valid && self->palette.dark == dark)
    return;

  cardinal_canvas_palette_init (&self->palette, dark);
  self->palette_valid = TRUE;
  drop_all_nodes (self);
  cardinal_canvas_tiles_clear (self->tiles);
  drop_end_sprites (self);
}

static void
ensure_pango_context (CardinalCanvas *self)
{
  cairo_font_options_t *options;

  if (self->pango_context != NULL)
    return;

  self->pango_context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (pango_context_get_font_description (self->pango_context));
  /* Text is laid out once and then scaled by the zoom transform: unhinted
   * metrics and unrounded positions keep it in proportion at every zoom. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango_context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango_context, FALSE);
}

/* A new font means new layouts for everything. */
static void
reset_text (CardinalCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_object (&self->pango_context);
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_drop_layout (item_at_index (self, i));
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    cardinal_canvas_item_drop_layout (value);
  self->items_dirty = TRUE;
  self->pending_flags |= CARDINAL_CHANGE_ALL;
  queue_view_update (self);
}

/* ---- Building the boxes and lines from the model ------------------------ */

static void
add_row (GArray     *rows,
         const char *name,
         const char *type,
         guint       marks)
{
  CardinalCanvasRow row = { name, type, marks };

  g_array_append_val (rows, row);
}

static void
set_item_content (CardinalCanvas     *self,
                  CardinalCanvasItem *item,
                  const char         *color,
                  GArray             *rows)
{
  char *fingerprint = cardinal_canvas_item_fingerprint (item->name, color,
                                                         (const CardinalCanvasRow *) (void *) rows->data,
                                                         rows->len);

  cardinal_canvas_item_set_content (item, self->pango_context, fingerprint, color,
                                    (const CardinalCanvasRow *) (void *) rows->data, rows->len);
}

static CardinalCanvasItem *
take_item (GHashTable             *old,
           CardinalCanvasItemKind  kind,
           const char             *name)
{
  CardinalCanvasItem *item = NULL;

  if (!g_hash_table_steal_extended (old, name, NULL, (gpointer *) &item) || item->kind != kind)
    {
      cardinal_canvas_item_free (item);
      item = cardinal_canvas_item_new (kind, name);
    }
  return item;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
sync_logical (CardinalCanvas      *self,
              const CardinalModel *model,
              GHashTable          *old,
              guint                flags)
{
  g_autoptr(GHashTable) shared_pk = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));

  /* In the logical model only a shared-pk relationship makes an attribute a
   * foreign key: entity2's primary key also references entity1. */
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
        g_hash_table_add (shared_pk, relationship->entity2);
    }

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalCanvasItem *item = take_item (old, CARDINAL_CANVAS_ITEM_ENTITY, entity->name);

      replace_string (&item->entity, entity->name);
      /* Same serial: the very same entity version, nothing to look at. A new
       * serial (every edit, a move too) still keeps the layout when the
       * fingerprint shows the drawn text did not change. */
      if (item->serial != entity->serial || item->title == NULL || (flags & CARDINAL_CHANGE_RELATIONSHIPS))
        {
          gboolean is_shared = g_hash_table_contains (shared_pk, entity->name);

          g_array_set_size (rows, 0);
          for (guint a = 0; a < entity->attributes->len; a++)
            {
              const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, a);
              guint marks = 0;

              if (attribute->primary_key)
                marks |= CARDINAL_CANVAS_MARK_PRIMARY_KEY;
              if (attribute->primary_key && is_shared)
                marks |= CARDINAL_CANVAS_MARK_FOREIGN_KEY;
              if (attribute->unique && !attribute->primary_key)
                marks |= CARDINAL_CANVAS_MARK_UNIQUE;
              add_row (rows, attribute->name, attribute->type, marks);
            }
          set_item_content (self, item, entity->color, rows);
          item->serial = entity->serial;
        }
      item->x = entity->x;
      item->y = entity->y;
      g_ptr_array_add (self->items, item);
    }
}

static gboolean
strv_contains (GStrv       strv,
               const char *name)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, name);
}

static guint
column_marks (const CardinalTable  *table,
              const CardinalColumn *column)
{
  guint marks = 0;

  if (strv_contains (table->primary_key, column->name))
    marks |= CARDINAL_CANVAS_MARK_PRIMARY_KEY;
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (strv_contains (fk->columns, column->name))
        marks |= CARDINAL_CANVAS_MARK_FOREIGN_KEY;
    }
  /* Only single-column uniqueness is a property of the column itself. */
  if (!(marks & CARDINAL_CANVAS_MARK_PRIMARY_KEY) || g_strv_length (table->primary_key) > 1)
    {
      const char *single[] = { column->name, NULL };

      if (cardinal_table_has_unique (table, single))
        marks |= CARDINAL_CANVAS_MARK_UNIQUE;
    }
  return marks;
}

static guint
mix_string (guint       hash,
            const char *str)
{
  /* djb2, continued across strings; NULL and "" differ. */
  if (str == NULL)
    return hash * 33 + 1;
  for (; *str != '\0'; str++)
    hash = hash * 33 + (guchar) *str;
  return hash * 33 + 2;
}

static guint
mix_attributes (guint      hash,
                GPtrArray *attributes)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      hash = mix_string (hash, attribute->name);
      hash = mix_string (hash, attribute->type);
      hash = mix_string (hash, attribute->default_value);
      hash = hash * 33 + (attribute->primary_key | attribute->autoincrement << 1 | attribute->nullable << 2 |
                          attribute->unique << 3 | attribute->index << 4);
    }
  return hash;
}

/* Everything the engineer reads, positions left out. */
static guint
model_shape_hash (const CardinalModel *model)
{
  guint hash = 5381;

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      hash = mix_string (hash, entity->name);
      hash = mix_string (hash, entity->comment);
      hash = mix_string (hash, entity->color);
      hash = mix_attributes (hash, entity->attributes);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      hash = mix_string (hash, relationship->name);
      hash = mix_string (hash, relationship->entity1);
      hash = mix_string (hash, relationship->entity2);
      hash = mix_string (hash, relationship->entity1_role);
      hash = mix_string (hash, relationship->entity2_role);
      hash = mix_string (hash, relationship->link_table);
      hash = hash * 33 + (relationship->kind | relationship->strategy << 2 | relationship->on_delete << 5 |
                          relationship->entity2_needs_entity1 << 7 | relationship->entity1_needs_entity2 << 8);
      hash = mix_attributes (hash, relationship->link_attributes);
    }
  return hash;
}

static void
sync_physical (CardinalCanvas      *self,
               const CardinalModel *model,
               GHashTable          *old)
{
  g_autoptr(GHashTable) entities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relationships = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) entity_tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));
  gboolean rebuilt = FALSE;
  guint shape;

  /* Moving boxes does not change tables: then only positions are read
   * again. A move replaces entities too, so their content tells. */
  shape = model_shape_hash (model);
  if (self->schema == NULL || shape != self->schema_shape)
    {
      g_clear_pointer (&self->schema, cardinal_schema_free);
      self->schema = cardinal_engineer (model);
      self->schema_shape = shape;
      rebuilt = TRUE;
    }

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      g_hash_table_insert (entities, entity->name, entity);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_hash_table_insert (relationships, relationship->name, relationship);
    }

  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (self->schema->tables, i);
      const CardinalEntity *entity = table->entity != NULL ? g_hash_table_lookup (entities, table->entity) : NULL;
      CardinalCanvasItemKind kind = table->entity != NULL ? CARDINAL_CANVAS_ITEM_ENTITY : CARDINAL_CANVAS_ITEM_LINK_TABLE;
      CardinalCanvasItem *item = take_item (old, kind, table->name);

      replace_string (&item->entity, table->entity);
      replace_string (&item->relationship, table->relationship);
      if (rebuilt || item->title == NULL)
        {
          g_array_set_size (rows, 0);
          for (guint c = 0; c < table->columns->len; c++)
            {
              const CardinalColumn *column = g_ptr_array_index (table->columns, c);

              add_row (rows, column->name, column->type, column_marks (table, column));
            }
          set_item_content (self, item, entity != NULL ? entity->color : NULL, rows);
        }
      if (entity != NULL)
        {
          item->x = entity->x;
          item->y = entity->y;
          g_hash_table_insert (entity_tables, table->entity, item);
        }
      g_ptr_array_add (self->items, item);
    }

  /* Link tables are not in the document: they sit half-way between their entities. */
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = item_at_index (self, i);
      const CardinalRelationship *relationship;
      const CardinalCanvasItem *a, *b;

      if (item->kind != CARDINAL_CANVAS_ITEM_LINK_TABLE)
        continue;
      relationship = item->relationship != NULL ? g_hash_table_lookup (relationships, item->relationship) : NULL;
      a = relationship != NULL ? g_hash_table_lookup (entity_tables, relationship->entity1) : NULL;
      b = relationship != NULL ? g_hash_table_lookup (entity_tables, relationship->entity2) : NULL;
      if (a == NULL)
        a = b;
      if (b == NULL)
        b = a;
      if (a == NULL)
        {
          item->x = item->y = 0;
        }
      else if (a == b)
        {
          item->x = a->x + a->width + LINK_TABLE_GAP;
          item->y = a->y;
        }
      else
        {
          double ax = a->x + a->width / 2, ay = a->y + a->height / 2;
          double bx = b->x + b->width / 2, by = b->y + b->height / 2;
          graphene_rect_t box, ra, rb;

          item->x = round ((ax + bx) / 2 - item->width / 2);
          item->y = round ((ay + by) / 2 - item->height / 2);
          /* Too close together for the link table to fit between them: it
           * goes beside the pair instead, still half-way along it. */
          graphene_rect_init (&box, item->x, item->y, item->width, item->height);
          graphene_rect_init (&ra, a->x, a->y, a->width, a->height);
          graphene_rect_init (&rb, b->x, b->y, b->width, b->height);
          if (rects_intersect (&box, &ra) || rects_intersect (&box, &rb))
            {
              if (fabs (bx - ax) >= fabs (by - ay))
                item->y = MAX (a->y + a->height, b->y + b->height) + LINK_TABLE_GAP;
              else
                item->x = MAX (a->x + a->width, b->x + b->width) + LINK_TABLE_GAP;
            }
        }
    }
}

static guint64
pair_key (guint a,
          guint b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

static void
add_edge (GArray     *edges,
          GHashTable *pairs,
          const char *relationship,
          guint       item1,
          guint       item2,
          const CardinalCanvasEnd *end1,
          const CardinalCanvasEnd *end2)
{
  CardinalCanvasEdge edge = { 0, };
  guint64 *key = g_new (guint64, 1);
  guint count;

  *key = pair_key (item1, item2);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, key));
  g_hash_table_replace (pairs, key, GUINT_TO_POINTER (count + 1));

  edge.relationship = g_strdup (relationship);
  edge.item1 = item1;
  edge.item2 = item2;
  edge.end1 = *end1;
  edge.end2 = *end2;
  edge.index = count;
  g_array_append_val (edges, edge);
}

static void
edge_clear (gpointer data)
{
  CardinalCanvasEdge *edge = data;

  g_free (edge->relationship);
}

static void
sync_label (CardinalCanvas             *self,
            GHashTable                 *old_labels,
            const CardinalRelationship *relationship,
            CardinalCanvasEdge         *edge)
{
  g_autofree char *title = cardinal_relationship_link_table_name (relationship);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));
  CardinalCanvasItem *label = NULL;

  if (g_hash_table_steal_extended (old_labels, relationship->name, NULL, (gpointer *) &label) &&
      g_strcmp0 (label->name, title) != 0)
    g_clear_pointer (&label, cardinal_canvas_item_free);
  if (label == NULL)
    {
      label = cardinal_canvas_item_new (CARDINAL_CANVAS_ITEM_LABEL, title);
      label->relationship = g_strdup (relationship->name);
    }
  if (label->serial != relationship->serial || label->title == NULL)
    {
      for (guint i = 0; i < relationship->link_attributes->len; i++)
        {
          const CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);

          add_row (rows, attribute->name, attribute->type,
                   attribute->unique ? CARDINAL_CANVAS_MARK_UNIQUE : 0);
        }
      set_item_content (self, label, NULL, rows);
      label->serial = relationship->serial;
    }
  g_hash_table_insert (self->labels, label->relationship, label);
  edge->label = label;
}

static guint
lookup_index (GHashTable *index,
              const char *name,
              gboolean   *found)
{
  gpointer value = name != NULL ? g_hash_table_lookup (index, name) : NULL;

  *found = value != NULL;
  return GPOINTER_TO_UINT (value) - 1;
}

static void
sync_edges_logical (CardinalCanvas      *self,
                    const CardinalModel *model,
                    GHashTable          *pairs)
{
  g_autoptr(GHashTable) old_labels = g_steal_pointer (&self->labels);

  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cardinal_canvas_item_free);
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      CardinalCanvasEnd end1, end2;
      gboolean found1, found2;
      guint item1 = lookup_index (self->entity_items, relationship->entity1, &found1);
      guint item2 = lookup_index (self->entity_items, relationship->entity2, &found2);

      if (!found1 || !found2)
        continue;
      cardinal_canvas_relationship_ends (relationship, &end1, &end2);
      add_edge (self->edges, pairs, relationship->name, item1, item2, &end1, &end2);
      if (relationship->kind == CARDINAL_KIND_MANY_TO_MANY && relationship->link_attributes->len > 0)
        sync_label (self, old_labels, relationship,
                    &g_array_index (self->edges, CardinalCanvasEdge, self->edges->len - 1));
    }
}

/* The minimum at the referencing table's end of a foreign key: whether every
 * row of the referenced table must be referenced, as the relationship says. */
static guint8
referencing_min (const CardinalRelationship *relationship,
                 const CardinalTable        *table,
                 const CardinalTable        *referenced,
                 gboolean                    first_to_referenced)
{
  if (relationship == NULL)
    return 0;
  if (table->entity == NULL)
    {
      gboolean to_entity1 = g_strcmp0 (referenced->entity, relationship->entity1) == 0 &&
                            (g_strcmp0 (relationship->entity1, relationship->entity2) != 0 || first_to_referenced);

      return to_entity1 ? relationship->entity1_needs_entity2 : relationship->entity2_needs_entity1;
    }
  /* DESIGN §2: many-to-one keeps the key in entity1, every other kind in entity2. */
  if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    return relationship->entity2_needs_entity1;
  return relationship->entity1_needs_entity2;
}

static void
sync_edges_physical (CardinalCanvas      *self,
                     const CardinalModel *model,
                     GHashTable          *pairs)
{
  g_autoptr(GHashTable) tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) schema_tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relationships = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_remove_all (self->labels);
  for (guint t = 0; t < self->schema->tables->len; t++)
    {
      CardinalTable *table = g_ptr_array_index (self->schema->tables, t);

      if (!g_hash_table_contains (schema_tables, table->name))
        g_hash_table_insert (schema_tables, table->name, table);
    }
  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_insert (tables, item_at_index (self, i)->name, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_hash_table_insert (relationships, relationship->name, relationship);
    }

  for (guint t = 0; t < self->schema->tables->len; t++)
    {
      const CardinalTable *table = g_ptr_array_index (self->schema->tables, t);
      gboolean found1, found2;
      guint item1 = lookup_index (tables, table->name, &found1);

      if (!found1)
        continue;
      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          const CardinalTable *referenced = g_hash_table_lookup (schema_tables, fk->ref_table);
          const CardinalRelationship *relationship = fk->relationship != NULL ?
            g_hash_table_lookup (relationships, fk->relationship) : NULL;
          guint item2 = lookup_index (tables, fk->ref_table, &found2);
          CardinalCanvasEnd end1, end2;
          gboolean not_null = TRUE, first = TRUE;

          if (!found2 || referenced == NULL)
            continue;
          for (guint c = 0; fk->columns[c] != NULL; c++)
            {
              const CardinalColumn *column = cardinal_table_find_column (table, fk->columns[c]);

              if (column == NULL || column->nullable)
                not_null = FALSE;
            }
          for (guint j = 0; j < k; j++)
            {
              const CardinalForeignKey *earlier = g_ptr_array_index (table->foreign_keys, j);

              if (g_strcmp0 (earlier->ref_table, fk->ref_table) == 0)
                first = FALSE;
            }
          /* item1 is the referencing table: many of them per referenced row
           * unless the key is unique; the referenced row is exactly one when
           * the key is NOT NULL, else zero or one. */
          end1.many = !cardinal_table_has_unique (table, (const char * const *) fk->columns);
          end1.min = referencing_min (relationship, table, referenced, first);
          end2.many = FALSE;
          end2.min = not_null ? 1 : 0;
          add_edge (self->edges, pairs, fk->relationship, item1, item2, &end1, &end2);
        }
    }
}

static void
sync_items (CardinalCanvas *self)
{
  const CardinalModel *model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) cardinal_canvas_item_free);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint flags = self->pending_flags;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  self->items_dirty = FALSE;
  self->pending_flags = 0;
  self->hover_item = -1;
  cardinal_canvas_tiles_clear (self->tiles);
  self->connect_target = -1;
  ensure_pango_context (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = item_at_index (self, i);

      item->dragging = FALSE;
      /* An invalid model may repeat a table name; the second box is simply rebuilt. */
      if (g_hash_table_contains (old, item->name))
        cardinal_canvas_item_free (item);
      else
        g_hash_table_insert (old, item->name, item);
    }
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->entity_items);
  g_array_set_size (self->edges, 0);

  if (model != NULL)
    {
      if (self->view == CARDINAL_CANVAS_VIEW_LOGICAL)
        sync_logical (self, model, old, flags);
      else
        sync_physical (self, model, old);

      for (guint i = 0; i < self->items->len; i++)
        {
          CardinalCanvasItem *item = item_at_index (self, i);

          if (item->entity != NULL && !g_hash_table_contains (self->entity_items, item->entity))
            g_hash_table_insert (self->entity_items, item->entity, GUINT_TO_POINTER (i + 1));
          x1 = MIN (x1, item->x);
          y1 = MIN (y1, item->y);
          x2 = MAX (x2, item->x + item->width);
          y2 = MAX (y2, item->y + item->height);
        }

      if (self->view == CARDINAL_CANVAS_VIEW_LOGICAL)
        sync_edges_logical (self, model, pairs);
      else
        sync_edges_physical (self, model, pairs);

      for (guint i = 0; i < self->edges->len; i++)
        {
          CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
          guint64 key = pair_key (edge->item1, edge->item2);

          edge->count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, &key));
        }
    }
  else
    {
      g_hash_table_remove_all (self->labels);
    }

  if (self->items->len > 0)
    graphene_rect_init (&self->model_bounds, x1, y1, x2 - x1, y2 - y1);
  else
    graphene_rect_init (&self->model_bounds, 0, 0, 0, 0);
  grid_build (self);
}

/* ---- Finding boxes and lines by place ------------------------------------ */

static void
grid_clear (CanvasGrid *grid)
{
  for (int i = 0; grid->items != NULL && i < grid->cols * grid->rows; i++)
    {
      g_clear_pointer (&grid->items[i], g_array_unref);
      g_clear_pointer (&grid->edges[i], g_array_unref);
    }
  g_clear_pointer (&grid->items, g_free);
  g_clear_pointer (&grid->edges, g_free);
  g_clear_pointer (&grid->item_seen, g_free);
  g_clear_pointer (&grid->edge_seen, g_free);
  grid->cols = grid->rows = 0;
}

static void
grid_cells (const CanvasGrid      *grid,
            const graphene_rect_t *rect,
            int                   *c0,
            int                   *c1,
            int                   *r0,
            int                   *r1)
{
  *c0 = CLAMP ((int) floor ((rect->origin.x - grid->x0) / grid->cell), 0, grid->cols - 1);
  *c1 = CLAMP ((int) floor ((rect->origin.x + rect->size.width - grid->x0) / grid->cell), 0, grid->cols - 1);
  *r0 = CLAMP ((int) floor ((rect->origin.y - grid->y0) / grid->cell), 0, grid->rows - 1);
  *r1 = CLAMP ((int) floor ((rect->origin.y + rect->size.height - grid->y0) / grid->cell), 0, grid->rows - 1);
}

static void
grid_insert (CanvasGrid            *grid,
             GArray               **cells,
             const graphene_rect_t *rect,
             guint                  index)
{
  int c0, c1, r0, r1;

  grid_cells (grid, rect, &c0, &c1, &r0, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray **cell = &cells[r * grid->cols + c];

        if (*cell == NULL)
          *cell = g_array_new (FALSE, FALSE, sizeof (guint));
        g_array_append_val (*cell, index);
      }
}

/* The model area a line can reach: both boxes, the route's detour and the ends. */
static void
edge_reach (CardinalCanvas           *self,
            const CardinalCanvasEdge *edge,
            graphene_rect_t          *reach)
{
  graphene_rect_t a, b;

  item_rect (self, item_at_index (self, edge->item1), &a);
  item_rect (self, item_at_index (self, edge->item2), &b);
  graphene_rect_union (&a, &b, reach);
  graphene_rect_inset (reach, -CARDINAL_CANVAS_ROUTE_MARGIN, -CARDINAL_CANVAS_ROUTE_MARGIN);
}

static void
grid_build (CardinalCanvas *self)
{
  CanvasGrid *grid = &self->grid;
  graphene_rect_t area;
  int n_cells;

  grid_clear (grid);
  if (self->items->len == 0)
    return;
  graphene_rect_inset_r (&self->model_bounds, -2 * CARDINAL_CANVAS_ROUTE_MARGIN, -2 * CARDINAL_CANVAS_ROUTE_MARGIN, &area);
  /* About a box per cell on a dense model, and never more than 64k cells. */
  grid->cell = 400;
  while ((area.size.width / grid->cell + 1) * (area.size.height / grid->cell + 1) > 65536)
    grid->cell *= 2;
  grid->x0 = area.origin.x;
  grid->y0 = area.origin.y;
  grid->cols = (int) (area.size.width / grid->cell) + 1;
  grid->rows = (int) (area.size.height / grid->cell) + 1;
  n_cells = grid->cols * grid->rows;
  grid->items = g_new0 (GArray *, n_cells);
  grid->edges = g_new0 (GArray *, n_cells);
  grid->item_seen = g_new0 (guint, self->items->len);
  grid->edge_seen = g_new0 (guint, MAX (self->edges->len, 1));
  grid->stamp = 0;
  for (guint i = 0; i < self->items->len; i++)
    {
      graphene_rect_t rect;

      item_rect (self, item_at_index (self, i), &rect);
      grid_insert (grid, grid->items, &rect, i);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      graphene_rect_t reach;

      edge_reach (self, &g_array_index (self->edges, CardinalCanvasEdge, i), &reach);
      grid_insert (grid, grid->edges, &reach, i);
    }
}

static int
compare_indices (gconstpointer a,
                 gconstpointer b)
{
  guint x = *(const guint *) a, y = *(const guint *) b;

  return (x > y) - (x < y);
}

/* Indices of the boxes (@edges FALSE) or lines that may fall in @rect, in
 * drawing order; NULL when there is no grid (nothing to find, or boxes being
 * dragged away from where it put them), and then the caller tests them all. */
static GArray *
grid_query (CardinalCanvas        *self,
            const graphene_rect_t *rect,
            gboolean               edges)
{
  CanvasGrid *grid = &self->grid;
  GArray *found;
  guint *seen;
  int c0, c1, r0, r1;

  if (grid->items == NULL || self->drag_mode == DRAG_MOVE)
    return NULL;
  found = g_array_new (FALSE, FALSE, sizeof (guint));
  seen = edges ? grid->edge_seen : grid->item_seen;
  if (++grid->stamp == 0)
    {
      memset (grid->item_seen, 0, sizeof (guint) * self->items->len);
      memset (grid->edge_seen, 0, sizeof (guint) * MAX (self->edges->len, 1));
      grid->stamp = 1;
    }
  grid_cells (grid, rect, &c0, &c1, &r0, &r1);
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        GArray *cell = (edges ? grid->edges : grid->items)[r * grid->cols + c];

        for (guint i = 0; cell != NULL && i < cell->len; i++)
          {
            guint index = g_array_index (cell, guint, i);

            if (seen[index] != grid->stamp)
              {
                seen[index] = grid->stamp;
                g_array_append_val (found, index);
              }
          }
      }
  g_array_sort (found, compare_indices);
  return found;
}

static void
refresh_selection_flags (CardinalCanvas *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = item_at_index (self, i);

      item->selected = (item->entity != NULL && g_hash_table_contains (self->selected_entities, item->entity)) ||
                       (item->kind == CARDINAL_CANVAS_ITEM_LINK_TABLE && item->relationship != NULL &&
                        g_hash_table_contains (self->selected_relationships, item->relationship));
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);

      edge->selected = edge->relationship != NULL &&
                       g_hash_table_contains (self->selected_relationships, edge->relationship);
      if (edge->label != NULL)
        edge->label->selected = edge->selected;
    }
}

static void
ensure_items (CardinalCanvas *self)
{
  if (!self->items_dirty)
    return;
  sync_items (self);
  refresh_selection_flags (self);
}

/* ---- Selection ----------------------------------------------------------- */

static void
selection_changed (CardinalCanvas *self)
{
  gboolean any = g_hash_table_size (self->selected_entities) > 0 ||
                 g_hash_table_size (self->selected_relationships) > 0;

  if (!self->items_dirty)
    refresh_selection_flags (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "canvas.delete", any);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_signal_emit (self, signals[SELECTION_CHANGED], 0);
}

static gboolean
clear_selection (CardinalCanvas *self)
{
  gboolean changed = g_hash_table_size (self->selected_entities) > 0 ||
                     g_hash_table_size (self->selected_relationships) > 0;

  g_hash_table_remove_all (self->selected_entities);
  g_hash_table_remove_all (self->selected_relationships);
  return changed;
}

static gboolean
set_selected (GHashTable *set,
              const char *name,
              gboolean    selected)
{
  if (selected)
    return g_hash_table_add (set, g_strdup (name));
  return g_hash_table_remove (set, name);
}

/* What clicking an item selects: its entity, or a link table's relationship. */
static GHashTable *
item_selection_set (CardinalCanvas           *self,
                    const CardinalCanvasItem *item,
                    const char              **name)
{
  if (item->entity != NULL)
    {
      *name = item->entity;
      return self->selected_entities;
    }
  *name = item->relationship;
  return item->relationship != NULL ? self->selected_relationships : NULL;
}

static gboolean
set_contains (GHashTable *set,
              const char *name)
{
  return set != NULL && name != NULL && g_hash_table_contains (set, name);
}

/* Drops names that no longer exist after an edit. */
static void
prune_selection (CardinalCanvas *self)
{
  const CardinalModel *model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  g_autoptr(GHashTable) entities = NULL;
  g_autoptr(GHashTable) relationships = NULL;
  GHashTableIter iter;
  gpointer key;
  gboolean changed = FALSE;

  if (g_hash_table_size (self->selected_entities) == 0 && g_hash_table_size (self->selected_relationships) == 0)
    return;

  entities = g_hash_table_new (g_str_hash, g_str_equal);
  relationships = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; model != NULL && i < model->entities->len; i++)
    g_hash_table_add (entities, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name);
  for (guint i = 0; model != NULL && i < model->relationships->len; i++)
    g_hash_table_add (relationships, ((CardinalRelationship *) g_ptr_array_index (model->relationships, i))->name);

  g_hash_table_iter_init (&iter, self->selected_entities);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (entities, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  g_hash_table_iter_init (&iter, self->selected_relationships);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (relationships, key))
      {
        g_hash_table_iter_remove (&iter);
        changed = TRUE;
      }
  if (changed)
    selection_changed (self);
}

static GStrv
selected_in_order (GHashTable *set,
                   GPtrArray  *objects,
                   gboolean    entities)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  /* Document order, so callers get the same answer for the same selection. */
  for (guint i = 0; objects != NULL && i < objects->len; i++)
    {
      const char *name = entities ? ((CardinalEntity *) g_ptr_array_index (objects, i))->name
                                  : ((CardinalRelationship *) g_ptr_array_index (objects, i))->name;

      if (g_hash_table_contains (set, name))
        g_strv_builder_add (builder, name);
    }
  return g_strv_builder_end (builder);
}

/* ---- Scrolling and zoom --------------------------------------------------- */

static void
cardinal_canvas_update_adjustments (CardinalCanvas *self,
                                    double          h,
                                    double          v)
{
  double width = gtk_widget_get_width (GTK_WIDGET (self));
  double height = gtk_widget_get_height (GTK_WIDGET (self));
  double z = self->zoom;
  graphene_rect_t area;

  ensure_items (self);
  graphene_rect_inset_r (&self->model_bounds, -MARGIN, -MARGIN, &area);
  /* The range also holds the part being shown, so an edit that shrinks the
   * model never makes the view jump; it shrinks once the user scrolls. */
  gtk_adjustment_configure (self->hadjustment, h,
                            MIN (area.origin.x * z, h),
                            MAX ((area.origin.x + area.size.width) * z, h + width),
                            width * 0.1, width * 0.9, width);
  gtk_adjustment_configure (self->vadjustment, v,
                            MIN (area.origin.y * z, v),
                            MAX ((area.origin.y + area.size.height) * z, v + height),
                            height * 0.1, height * 0.9, height);
}

static void
adjustment_value_changed (GtkAdjustment  *adjustment,
                          CardinalCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
set_adjustment (CardinalCanvas  *self,
                GtkAdjustment  **slot,
                GtkAdjustment   *adjustment,
                GParamSpec      *pspec)
{
  if (adjustment != NULL && *slot == adjustment)
    return;

  if (*slot != NULL)
    {
      g_signal_handlers_disconnect_by_func (*slot, adjustment_value_changed, self);
      g_clear_object (slot);
    }
  if (adjustment == NULL)
    adjustment = gtk_adjustment_new (0, 0, 0, 0, 0, 0);
  *slot = g_object_ref_sink (adjustment);
  g_signal_connect (adjustment, "value-changed", G_CALLBACK (adjustment_value_changed), self);
  if (self->hadjustment != NULL && self->vadjustment != NULL)
    cardinal_canvas_update_adjustments (self, hvalue (self), vvalue (self));
  if (pspec != NULL)
    g_object_notify_by_pspec (G_OBJECT (self), pspec);
}

double
cardinal_canvas_get_zoom (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), 1.0);

  return self->zoom;
}

void
cardinal_canvas_set_zoom (CardinalCanvas *self,
                          double          zoom,
                          double          widget_x,
                          double          widget_y)
{
  double mx, my;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  zoom = CLAMP (zoom, ZOOM_MIN, ZOOM_MAX);
  self->fit_pending = FALSE;
  if (zoom == self->zoom)
    return;

  /* Keep the model point under (widget_x, widget_y) where it is. Only the
   * transform changes: no box is laid out again. */
  widget_to_model (self, widget_x, widget_y, &mx, &my);
  self->zoom = zoom;
  self->view_placed = TRUE;
  cardinal_canvas_update_adjustments (self, mx * zoom - widget_x, my * zoom - widget_y);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
}

static void
zoom_by (CardinalCanvas *self,
         double          factor)
{
  double x = gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
  double y = gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;

  cardinal_canvas_set_zoom (self, self->zoom * factor, x, y);
}

void
cardinal_canvas_zoom_to_fit (CardinalCanvas *self)
{
  double width, height, zoom;
  graphene_rect_t area;
  graphene_point_t center;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  if (width <= 0 || height <= 0)
    {
      /* Done at the first allocation. */
      self->fit_pending = TRUE;
      return;
    }
  self->fit_pending = FALSE;
  self->view_placed = TRUE;

  ensure_items (self);
  graphene_rect_inset_r (&self->model_bounds, -FIT_MARGIN, -FIT_MARGIN, &area);
  zoom = MIN (width / area.size.width, height / area.size.height);
  zoom = CLAMP (zoom, ZOOM_MIN, FIT_ZOOM_MAX);
  graphene_rect_get_center (&area, &center);
  if (zoom != self->zoom)
    {
      self->zoom = zoom;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ZOOM]);
    }
  cardinal_canvas_update_adjustments (self, center.x * zoom - width / 2, center.y * zoom - height / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_scroll_to (CardinalCanvas *self,
                           double          x,
                           double          y)
{
  double width, height;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  width = gtk_widget_get_width (GTK_WIDGET (self));
  height = gtk_widget_get_height (GTK_WIDGET (self));
  self->view_placed = TRUE;
  cardinal_canvas_update_adjustments (self, x * self->zoom - width / 2, y * self->zoom - height / 2);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_get_visible_center (CardinalCanvas *self,
                                    double         *x,
                                    double         *y)
{
  double mx, my;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  widget_to_model (self, gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                   gtk_widget_get_height (GTK_WIDGET (self)) / 2.0, &mx, &my);
  if (x != NULL)
    *x = mx;
  if (y != NULL)
    *y = my;
}

void
cardinal_canvas_get_visible_rect (CardinalCanvas  *self,
                                  graphene_rect_t *rect)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (rect != NULL);

  graphene_rect_init (rect, hvalue (self) / self->zoom, vvalue (self) / self->zoom,
                      gtk_widget_get_width (GTK_WIDGET (self)) / self->zoom,
                      gtk_widget_get_height (GTK_WIDGET (self)) / self->zoom);
}

/* Scrolls just enough for @rect (model coordinates) to be seen, centring it when it is off screen. */
static void
reveal_rect (CardinalCanvas        *self,
             const graphene_rect_t *rect)
{
  graphene_rect_t visible;
  graphene_point_t center;

  cardinal_canvas_get_visible_rect (self, &visible);
  if (graphene_rect_contains_rect (&visible, rect))
    return;
  graphene_rect_get_center (rect, &center);
  cardinal_canvas_scroll_to (self, center.x, center.y);
}

/* ---- Hit testing ------------------------------------------------------------ */

static void
edge_route (CardinalCanvas           *self,
            const CardinalCanvasEdge *edge,
            CardinalCanvasRoute      *route)
{
  graphene_rect_t a, b;

  item_rect (self, item_at_index (self, edge->item1), &a);
  item_rect (self, item_at_index (self, edge->item2), &b);
  cardinal_canvas_route_compute (&a, &b, edge->index, edge->count, route);
}

static void
label_rect (const CardinalCanvasRoute  *route,
            const CardinalCanvasItem   *label,
            graphene_rect_t            *rect)
{
  graphene_point_t middle;

  cardinal_canvas_route_get_midpoint (route, &middle);
  graphene_rect_init (rect, round (middle.x - label->width / 2), round (middle.y - label->height / 2),
                      label->width, label->height);
}

static gboolean
in_handle (CardinalCanvas *self,
           int             index,
           double          mx,
           double          my)
{
  graphene_rect_t rect;
  double dx, dy, r = HANDLE_RADIUS / self->zoom;

  if (index < 0 || current_lod (self) == CARDINAL_CANVAS_LOD_BOX || item_at_index (self, index)->entity == NULL)
    return FALSE;
  item_rect (self, item_at_index (self, index), &rect);
  dx = mx - (rect.origin.x + rect.size.width);
  dy = my - (rect.origin.y + rect.size.height / 2);
  return dx * dx + dy * dy <= (r + 2 / self->zoom) * (r + 2 / self->zoom);
}

/* What is at (wx, wy): boxes first, topmost first, then lines and their
 * labels unless @boxes_only (hovering needs only boxes). */
static void
hit_test (CardinalCanvas *self,
          double          wx,
          double          wy,
          gboolean        boxes_only,
          Hit            *hit)
{
  double mx, my, best = G_MAXDOUBLE, slop = LINE_SLOP / self->zoom;
  CardinalCanvasLod lod;

  ensure_items (self);
  widget_to_model (self, wx, wy, &mx, &my);
  lod = current_lod (self);
  hit->kind = HIT_NONE;
  hit->item = -1;
  hit->edge = -1;
  hit->connect_zone = FALSE;

  /* The connector handle pokes out of the hovered box's right side. */
  if (in_handle (self, self->hover_item, mx, my))
    {
      hit->kind = HIT_ITEM;
      hit->item = self->hover_item;
      hit->connect_zone = TRUE;
      return;
    }

  /* Link-attribute boxes are drawn over the entities. */
  for (guint i = 0; !boxes_only && lod == CARDINAL_CANVAS_LOD_FULL && i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalCanvasRoute route;
      graphene_rect_t bounds;

      if (edge->label == NULL)
        continue;
      edge_route (self, edge, &route);
      label_rect (&route, edge->label, &bounds);
      if (graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (mx, my)))
        {
          hit->kind = HIT_EDGE;
          hit->edge = i;
          return;
        }
    }

  /* Topmost first: the reverse of drawing order. */
  for (guint n = self->items->len; n > 0; n--)
    {
      CardinalCanvasItem *item = item_at_index (self, n - 1);
      graphene_rect_t rect;

      item_rect (self, item, &rect);
      if (graphene_rect_contains_point (&rect, &GRAPHENE_POINT_INIT (mx, my)))
        {
          double band = MIN (CONNECT_BAND / self->zoom, MIN (rect.size.width, rect.size.height) / 4);

          hit->kind = HIT_ITEM;
          hit->item = n - 1;
          hit->connect_zone = item->entity != NULL && lod != CARDINAL_CANVAS_LOD_BOX &&
                              (mx - rect.origin.x < band || rect.origin.x + rect.size.width - mx < band ||
                               my - rect.origin.y < band || rect.origin.y + rect.size.height - my < band);
          return;
        }
    }

  for (guint i = 0; !boxes_only && i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalCanvasRoute route;
      graphene_rect_t bounds;
      double distance;

      edge_route (self, edge, &route);
      cardinal_canvas_route_get_bounds (&route, &bounds);
      graphene_rect_inset (&bounds, -slop, -slop);
      if (!graphene_rect_contains_point (&bounds, &GRAPHENE_POINT_INIT (mx, my)))
        continue;
      distance = cardinal_canvas_route_distance (&route, mx, my);
      if (distance <= slop && distance < best)
        {
          best = distance;
          hit->kind = HIT_EDGE;
          hit->edge = i;
        }
    }
}

/* ---- Drawing ----------------------------------------------------------------- */

static void
append_rounded_border (GtkSnapshot           *snapshot,
                       const graphene_rect_t *rect,
                       double                 radius,
                       double                 width,
                       const GdkRGBA         *color)
{
  GskRoundedRect outline;
  float widths[4] = { width, width, width, width };
  GdkRGBA colors[4] = { *color, *color, *color, *color };

  gsk_rounded_rect_init_from_rect (&outline, rect, radius);
  gtk_snapshot_append_border (snapshot, &outline, widths, colors);
}

static void
draw_grid (CardinalCanvas *self,
           GtkSnapshot    *snapshot,
           double          width,
           double          height)
{
  double step = GRID * self->paint.zoom, h = self->paint.h, v = self->paint.v;

  /* Every fifth line when the grid itself would be a blur. */
  if (step < 8)
    step *= 5;
  if (step < 8)
    return;
  for (double x = ceil (h / step) * step - h; x < width; x += step)
    gtk_snapshot_append_color (snapshot, &self->palette.grid, &GRAPHENE_RECT_INIT (floor (x), 0, 1, height));
  for (double y = ceil (v / step) * step - v; y < height; y += step)
    gtk_snapshot_append_color (snapshot, &self->palette.grid, &GRAPHENE_RECT_INIT (0, floor (y), width, 1));
}

static gboolean
edge_visible (CardinalCanvas           *self,
              const CardinalCanvasEdge *edge,
              const graphene_rect_t    *visible)
{
  graphene_rect_t a, b, both;

  item_rect (self, item_at_index (self, edge->item1), &a);
  item_rect (self, item_at_index (self, edge->item2), &b);
  graphene_rect_union (&a, &b, &both);
  graphene_rect_inset (&both, -CARDINAL_CANVAS_ROUTE_MARGIN, -CARDINAL_CANVAS_ROUTE_MARGIN);
  return rects_intersect (&both, visible);
}

/* The crow's-foot symbols of the native path: cairo nodes, one per kind of
 * end, direction and selection state, appended at every end of that kind.
 * GL rasterizes a cairo node once per node and scale and reuses the texture,
 * so a frame rasterizes at most a few small symbols, and a pan none. */
static GskRenderNode *
end_sprite (CardinalCanvas          *self,
            const CardinalCanvasEnd *end,
            const graphene_point_t  *dir,
            gboolean                 selected,
            double                   line_width)
{
  static const graphene_point_t directions[4] = { { 1, 0 }, { -1, 0 }, { 0, 1 }, { 0, -1 } };
  guint d = dir->x > 0 ? 0 : dir->x < 0 ? 1 : dir->y > 0 ? 2 : 3;
  GskRenderNode **slot = &self->end_sprites[selected ? 1 : 0][end->min * 2 + (end->many ? 1 : 0)][d];

  if (fabs (self->end_sprite_width - line_width) > line_width * 0.01)
    {
      drop_end_sprites (self);
      self->end_sprite_width = line_width;
    }
  if (*slot == NULL)
    {
      graphene_rect_t bounds;
      cairo_t *cr;

      cardinal_canvas_end_get_bounds (&directions[d], line_width, &bounds);
      *slot = gsk_cairo_node_new (&bounds);
      cr = gsk_cairo_node_get_draw_context (*slot);
      cardinal_canvas_end_draw (cr, end, &directions[d], line_width,
                                selected ? &self->palette.accent : &self->palette.edge);
      cairo_destroy (cr);
    }
  return *slot;
}

static void
append_node_at (GtkSnapshot            *snapshot,
                GskRenderNode          *node,
                const graphene_point_t *point)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, point);
  gtk_snapshot_append_node (snapshot, node);
  gtk_snapshot_restore (snapshot);
}

/* Few lines: native nodes in model coordinates, so software GL shades only
 * the pixels of the lines themselves. */
static guint
end_sprite_index (const CardinalCanvasEnd *end,
                  const graphene_point_t  *dir)
{
  guint d = dir->x > 0 ? 0 : dir->x < 0 ? 1 : dir->y > 0 ? 2 : 3;

  return (end->min * 2 + (end->many ? 1 : 0)) * 4 + d;
}

/* In the scene every line is drawn unselected; selected ones go over it. */
static inline gboolean
edge_drawn_selected (const CardinalCanvasEdge *edge,
                     DrawPart                  part)
{
  return part != DRAW_SCENE && edge->selected;
}

static void
draw_edges_native (CardinalCanvas            *self,
                   GtkSnapshot               *snapshot,
                   const CardinalCanvasRoute *routes,
                   const guint               *which,
                   guint                      n,
                   gboolean                   ends,
                   double                     line_width,
                   DrawPart                   part)
{
  double z = self->paint.zoom;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->paint.h, -self->paint.v));
  gtk_snapshot_scale (snapshot, z, z);
  /* Unselected lines first, selected ones over them. */
  for (int pass = 0; pass < 2; pass++)
    {
      gboolean selected = pass == 1;
      double width = (selected ? 2 * line_width : line_width) / z;
      /* Ends by kind: appended together, each kind's copies share one
       * texture, so GL draws them in one batch instead of one per end. */
      GArray *kinds[16] = { NULL, };

      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);
          const CardinalCanvasRoute *route = &routes[k];
          guint first, last, far_end;

          if (edge_drawn_selected (edge, part) != selected)
            continue;
          cardinal_canvas_route_append_segments (route, ends ? &edge->end1 : NULL, ends ? &edge->end2 : NULL,
                                                 snapshot, width,
                                                 selected ? &self->palette.accent : &self->palette.edge);
          if (!ends)
            continue;
          first = end_sprite_index (&edge->end1, &route->dir1);
          last = end_sprite_index (&edge->end2, &route->dir2);
          if (kinds[first] == NULL)
            kinds[first] = g_array_new (FALSE, FALSE, sizeof (guint));
          if (kinds[last] == NULL)
            kinds[last] = g_array_new (FALSE, FALSE, sizeof (guint));
          /* The far end is told apart by the high bit. */
          far_end = k | 0x80000000u;
          g_array_append_val (kinds[first], k);
          g_array_append_val (kinds[last], far_end);
        }

      for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
        {
          for (guint j = 0; kinds[i] != NULL && j < kinds[i]->len; j++)
            {
              guint entry = g_array_index (kinds[i], guint, j);
              gboolean far = (entry & 0x80000000u) != 0;
              const CardinalCanvasRoute *route = &routes[entry & ~0x80000000u];
              const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge,
                                                               which[entry & ~0x80000000u]);

              append_node_at (snapshot,
                              end_sprite (self, far ? &edge->end2 : &edge->end1, far ? &route->dir2 : &route->dir1,
                                          selected, width),
                              far ? &route->points[route->n_points - 1] : &route->points[0]);
            }
          g_clear_pointer (&kinds[i], g_array_unref);
        }
    }
  gtk_snapshot_restore (snapshot);
}

/* Many lines: one cairo node in widget coordinates, no larger than the part
 * of the widget they cross, so its surface never grows with the zoom. */
static void
draw_edges_cairo (CardinalCanvas            *self,
                  GtkSnapshot               *snapshot,
                  const CardinalCanvasRoute *routes,
                  const guint               *which,
                  guint                      n,
                  gboolean                   ends,
                  double                     line_width,
                  const graphene_rect_t     *bounds,
                  DrawPart                   part)
{
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  cairo_t *cr = gtk_snapshot_append_cairo (snapshot, bounds);

  for (int pass = 0; pass < 2; pass++)
    {
      gboolean selected = pass == 1, any = FALSE;

      gdk_cairo_set_source_rgba (cr, selected ? &self->palette.accent : &self->palette.edge);
      cairo_set_line_width (cr, selected ? 2 * line_width : line_width);

      /* The lines alone are axis-aligned: cairo strokes them as boxes. */
      for (guint k = 0; k < n; k++)
        if (edge_drawn_selected (&g_array_index (self->edges, CardinalCanvasEdge, which[k]), part) == selected)
          {
            cardinal_canvas_route_append_line (&routes[k], cr, z, h, v);
            any = TRUE;
          }
      if (!any)
        continue;
      cairo_stroke (cr);
      if (!ends)
        continue;

      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);

          if (edge_drawn_selected (edge, part) == selected)
            cardinal_canvas_route_append_ends (&routes[k], &edge->end1, &edge->end2, cr, z, h, v);
        }
      cairo_stroke (cr);

      any = FALSE;
      for (guint k = 0; k < n; k++)
        {
          const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, which[k]);

          if (edge_drawn_selected (edge, part) == selected)
            any |= cardinal_canvas_route_append_circles (&routes[k], &edge->end1, &edge->end2, cr, z, h, v);
        }
      if (!any)
        continue;
      /* Hollow circles: clearing their inside lets whatever is behind the
       * canvas show, with no need to know its colour. */
      cairo_set_operator (cr, CAIRO_OPERATOR_CLEAR);
      cairo_fill_preserve (cr);
      cairo_set_operator (cr, CAIRO_OPERATOR_OVER);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);
}

/* Lines are culled like boxes, and routed here from the boxes as drawn, so
 * they follow a drag live. With software GL a frame costs per pixel shaded
 * and per primitive: a viewport-sized cairo texture costs the same for ten
 * lines as for ten thousand, while rectangles cost per line. So few lines
 * are drawn natively and many with one cairo node; the switch point was
 * measured with the canvas benchmark (cardinal --benchmark-canvas). */
static void
draw_edges (CardinalCanvas        *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *visible,
            DrawPart               part)
{
  g_autofree CardinalCanvasRoute *routes = NULL;
  g_autofree guint *which = NULL;
  g_autoptr(GArray) candidates = NULL;
  gboolean ends = self->paint.zoom >= ENDS_ZOOM;
  double z = self->paint.zoom, h = self->paint.h, v = self->paint.v;
  double width = self->paint.width, height = self->paint.height;
  /* Device pixels; never thinner than one, so no line drops out between pixels. */
  double line_width = CLAMP (1.25 * z, 1.0, 2.5);
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;
  guint n = 0;

  self->drawn_lines = 0;
  if (self->edges->len == 0)
    return;

  candidates = grid_query (self, visible, TRUE);
  routes = g_new (CardinalCanvasRoute, self->edges->len);
  which = g_new (guint, self->edges->len);
  for (guint j = 0; j < (candidates != NULL ? candidates->len : self->edges->len); j++)
    {
      guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      graphene_rect_t bounds;

      if ((part == DRAW_OVER && !edge->selected) || !edge_visible (self, edge, visible))
        continue;
      edge_route (self, edge, &routes[n]);
      cardinal_canvas_route_get_bounds (&routes[n], &bounds);
      /* Room for the bars and feet across the line, and for the line width. */
      graphene_rect_inset (&bounds, -(END_EXTENT + line_width / z), -(END_EXTENT + line_width / z));
      if (!rects_intersect (&bounds, visible))
        continue;
      x1 = MIN (x1, bounds.origin.x);
      y1 = MIN (y1, bounds.origin.y);
      x2 = MAX (x2, bounds.origin.x + bounds.size.width);
      y2 = MAX (y2, bounds.origin.y + bounds.size.height);
      which[n++] = i;
    }
  if (!self->paint.tile)
    self->drawn_lines = n;
  if (n == 0)
    return;

  /* A tile is drawn with cairo in the end, where one path beats many nodes. */
  if (n <= NATIVE_LINES_MAX && !self->paint.tile)
    {
      draw_edges_native (self, snapshot, routes, which, n, ends, line_width, part);
      return;
    }

  x1 = MAX (floor (x1 * z - h), 0);
  y1 = MAX (floor (y1 * z - v), 0);
  x2 = MIN (ceil (x2 * z - h), width);
  y2 = MIN (ceil (y2 * z - v), height);
  if (x2 > x1 && y2 > y1)
    draw_edges_cairo (self, snapshot, routes, which, n, ends, line_width,
                      &GRAPHENE_RECT_INIT (x1, y1, x2 - x1, y2 - y1), part);
}

/* The link-attribute boxes sit on their lines, over the boxes so that they
 * stay readable where entities are close together. Model coordinates. */
static void
draw_labels (CardinalCanvas        *self,
             GtkSnapshot           *snapshot,
             const graphene_rect_t *visible,
             CardinalCanvasLod      lod,
             DrawPart               part)
{
  double z = self->paint.zoom;
  g_autoptr(GArray) candidates = NULL;

  /* Attribute rows are detail: the boxes only come with the full level. */
  if (lod != CARDINAL_CANVAS_LOD_FULL)
    return;
  candidates = grid_query (self, visible, TRUE);
  for (guint j = 0; j < (candidates != NULL ? candidates->len : self->edges->len); j++)
    {
      guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalCanvasRoute route;
      graphene_rect_t rect;

      if (edge->label == NULL || (part == DRAW_OVER && !edge->selected) || !edge_visible (self, edge, visible))
        continue;
      edge_route (self, edge, &route);
      label_rect (&route, edge->label, &rect);
      if (!rects_intersect (&rect, visible))
        continue;
      if (part != DRAW_OVER)
        {
          gtk_snapshot_save (snapshot);
          gtk_snapshot_translate (snapshot, &rect.origin);
          gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_node (edge->label, lod, &self->palette,
                                                                             self->pango_context));
          gtk_snapshot_restore (snapshot);
          cardinal_canvas_item_append_outline (edge->label, snapshot, &rect.origin, MAX (1.0, 1.0 / z), &self->palette);
        }
      if (part != DRAW_SCENE && edge->selected)
        {
          graphene_rect_inset (&rect, -2 / z, -2 / z);
          cardinal_canvas_append_frame (snapshot, &rect, 2 / z, &self->palette.accent);
        }
    }
}

static void
draw_item (CardinalCanvas     *self,
           GtkSnapshot        *snapshot,
           CardinalCanvasItem *item,
           int                 index,
           CardinalCanvasLod   lod,
           DrawPart            part)
{
  double z = self->paint.zoom;
  graphene_rect_t rect;
  gboolean highlighted;

  item_rect (self, item, &rect);

  if (lod == CARDINAL_CANVAS_LOD_BOX)
    {
      /* A few pixels per box: one plain rectangle, no node cache needed. */
      if (part != DRAW_OVER)
        gtk_snapshot_append_color (snapshot, &self->palette.overview, &rect);
      if (part != DRAW_SCENE && item->selected)
        gtk_snapshot_append_color (snapshot, &self->palette.accent, &rect);
      return;
    }

  if (part != DRAW_OVER)
    {
      gtk_snapshot_save (snapshot);
      gtk_snapshot_translate (snapshot, &rect.origin);
      gtk_snapshot_append_node (snapshot, cardinal_canvas_item_get_node (item, lod, &self->palette, self->pango_context));
      gtk_snapshot_restore (snapshot);
      if (lod == CARDINAL_CANVAS_LOD_FULL)
        cardinal_canvas_item_append_outline (item, snapshot, &rect.origin, MAX (1.0, 1.0 / z), &self->palette);
    }
  if (part == DRAW_SCENE)
    return;

  highlighted = index == self->connect_target ||
                (self->connect_from != NULL && g_strcmp0 (item->entity, self->connect_from) == 0);
  if (item->selected || highlighted)
    {
      graphene_rect_t ring;

      graphene_rect_inset_r (&rect, -2 / z, -2 / z, &ring);
      cardinal_canvas_append_frame (snapshot, &ring, 2.5 / z, &self->palette.accent);
    }
  else if (index == self->hover_item && self->drag_mode == DRAG_NONE)
    {
      cardinal_canvas_append_frame (snapshot, &rect, 1.5 / z, &self->palette.hover);
    }

  if (index == self->hover_item && item->entity != NULL &&
      (self->drag_mode == DRAG_NONE || self->drag_mode == DRAG_CONNECT_PENDING))
    {
      /* The connector handle: drag from it to connect. */
      double r = HANDLE_RADIUS / z;
      graphene_rect_t dot = GRAPHENE_RECT_INIT (rect.origin.x + rect.size.width - r,
                                                rect.origin.y + rect.size.height / 2 - r, 2 * r, 2 * r);
      GskRoundedRect round;

      gsk_rounded_rect_init_from_rect (&round, &dot, r);
      gtk_snapshot_push_rounded_clip (snapshot, &round);
      gtk_snapshot_append_color (snapshot, &self->palette.accent, &dot);
      gtk_snapshot_pop (snapshot);
      append_rounded_border (snapshot, &dot, r, 1.5 / z, &self->palette.box);
    }
}

static void
draw_connect_line (CardinalCanvas *self,
                   GtkSnapshot    *snapshot)
{
  gboolean found;
  guint index = lookup_index (self->entity_items, self->connect_from, &found);
  graphene_rect_t rect;
  double x1, y1, x2 = self->drag_x, y2 = self->drag_y;
  cairo_t *cr;
  const double dashes[] = { 6, 4 };

  if (!found)
    return;
  item_rect (self, item_at_index (self, index), &rect);
  x1 = (rect.origin.x + rect.size.width / 2) * self->paint.zoom - self->paint.h;
  y1 = (rect.origin.y + rect.size.height / 2) * self->paint.zoom - self->paint.v;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (MIN (x1, x2) - 4, MIN (y1, y2) - 4,
                                                                 fabs (x2 - x1) + 8, fabs (y2 - y1) + 8));
  cairo_set_dash (cr, dashes, G_N_ELEMENTS (dashes), 0);
  cairo_set_line_width (cr, 2);
  gdk_cairo_set_source_rgba (cr, &self->palette.accent);
  cairo_move_to (cr, x1, y1);
  cairo_line_to (cr, x2, y2);
  cairo_stroke (cr);
  cairo_destroy (cr);
}

/* Lines, boxes and link-attribute boxes of the part of the model in
 * @visible, with self->paint saying where; returns how many boxes. */
static guint
draw_scene (CardinalCanvas        *self,
            GtkSnapshot           *snapshot,
            const graphene_rect_t *visible,
            CardinalCanvasLod      lod,
            DrawPart               part)
{
  double z = self->paint.zoom;
  guint drawn = 0;
  g_autoptr(GArray) candidates = grid_query (self, visible, FALSE);
  guint n = candidates != NULL ? candidates->len : self->items->len;

  draw_edges (self, snapshot, visible, part);

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (-self->paint.h, -self->paint.v));
  gtk_snapshot_scale (snapshot, z, z);
  /* Culling is a rectangle test over the boxes in drawing order: a few
   * microseconds for thousands of boxes, and the order stays stable. Boxes
   * being dragged go last so they pass over the others. */
  for (int pass = 0; pass < 2; pass++)
    for (guint j = 0; j < n; j++)
      {
        guint i = candidates != NULL ? g_array_index (candidates, guint, j) : j;
        CardinalCanvasItem *item = item_at_index (self, i);
        graphene_rect_t rect;

        if (item->dragging != (pass == 1))
          continue;
        item_rect (self, item, &rect);
        if (!rects_intersect (&rect, visible))
          continue;
        draw_item (self, snapshot, item, i, lod, part);
        drawn++;
      }
  draw_labels (self, snapshot, visible, lod, part);
  gtk_snapshot_restore (snapshot);
  return drawn;
}

static cairo_surface_t *
render_scene_tile (gpointer user_data,
                   int      level,
                   int      lod,
                   int      col,
                   int      row,
                   int      size,
                   int      scale_factor)
{
  CardinalCanvas *self = user_data;
  double zl = cardinal_canvas_tiles_level_zoom (level);
  CanvasPaint saved = self->paint;
  graphene_rect_t visible = GRAPHENE_RECT_INIT (col * size / zl, row * size / zl, size / zl, size / zl);
  GtkSnapshot *snapshot = gtk_snapshot_new ();
  g_autoptr(GskRenderNode) node = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;

  ensure_palette (self);
  ensure_items (self);
  self->paint = (CanvasPaint) { zl, (double) col * size, (double) row * size, size, size, TRUE };
  draw_scene (self, snapshot, &visible, lod, DRAW_SCENE);
  self->paint = saved;
  node = gtk_snapshot_free_to_node (snapshot);
  if (node == NULL)
    return NULL;

  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, size * scale_factor, size * scale_factor);
  cairo_surface_set_device_scale (surface, scale_factor, scale_factor);
  cr = cairo_create (surface);
  gsk_render_node_draw (node, cr);
  cairo_destroy (cr);
  return surface;
}

static void
cardinal_canvas_snapshot (GtkWidget   *widget,
                          GtkSnapshot *snapshot)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  CardinalCanvasLod lod = current_lod (self);
  graphene_rect_t visible;
  /* Boxes being dragged move every frame: tiles of them would be waste. */
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (widget));
  /* Tiles are painted from cairo surfaces: under a GL renderer every tile
   * would be a texture upload, which llvmpipe made slower than drawing. */
  gboolean tiled = self->use_tiles && self->drag_mode != DRAG_MOVE && GSK_IS_CAIRO_RENDERER (renderer);

  ensure_palette (self);
  ensure_items (self);
  cardinal_canvas_get_visible_rect (self, &visible);
  self->paint = (CanvasPaint) { self->zoom, hvalue (self), vvalue (self), width, height, FALSE };
  if (tiled)
    cardinal_canvas_tiles_align (self->zoom, &self->paint.h, &self->paint.v);

  /* No background of its own: what is behind (the window) shows through, and
   * with software rendering every full-window layer costs milliseconds. */
  if (self->snap)
    draw_grid (self, snapshot, width, height);

  if (tiled)
    {
      /* The base: the whole model at the zoom that fits it in the view. */
      double fit = MIN (width / MAX (self->model_bounds.size.width, 1.0),
                        height / MAX (self->model_bounds.size.height, 1.0));
      int base_level = cardinal_canvas_tiles_level_for (MIN (fit, self->zoom));
      guint stand_ins = 0;

      cardinal_canvas_tiles_set_base (self->tiles, base_level,
                                      lod_for_zoom (cardinal_canvas_tiles_level_zoom (base_level)),
                                      &self->model_bounds);
      tiled = cardinal_canvas_tiles_snapshot (self->tiles, snapshot, self->zoom, self->paint.h, self->paint.v,
                                              width, height, lod, TILE_BUDGET_US, &stand_ins);
      if (stand_ins > 0)
        self->stand_in_frames++;
      self->last_frame_from_tiles = tiled && stand_ins == 0;
    }
  else
    self->last_frame_from_tiles = FALSE;
  self->drawn_boxes = draw_scene (self, snapshot, &visible, lod, tiled ? DRAW_OVER : DRAW_ALL);

  if (self->drag_mode == DRAG_BAND)
    {
      graphene_rect_t band = GRAPHENE_RECT_INIT (MIN (self->drag_start_x, self->drag_x),
                                                 MIN (self->drag_start_y, self->drag_y),
                                                 fabs (self->drag_x - self->drag_start_x),
                                                 fabs (self->drag_y - self->drag_start_y));

      gtk_snapshot_append_color (snapshot, &self->palette.accent_fill, &band);
      cardinal_canvas_append_frame (snapshot, &band, 1, &self->palette.accent);
    }
  if (self->drag_mode == DRAG_CONNECT && self->connect_from != NULL)
    draw_connect_line (self, snapshot);

  if (gtk_widget_has_visible_focus (widget))
    {
      GdkRGBA ring = self->palette.accent;

      ring.alpha = 0.5f;
      cardinal_canvas_append_frame (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height), 2, &ring);
    }
}

/* ---- Edits ------------------------------------------------------------------- */

static void
commit_move (CardinalCanvas *self,
             double          dx,
             double          dy,
             gboolean        only_dragging)
{
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  g_autoptr(GArray) xs = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) ys = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GError) error = NULL;

  if (self->history == NULL || (dx == 0 && dy == 0))
    return;

  ensure_items (self);
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = item_at_index (self, i);
      double x = item->x + dx, y = item->y + dy;

      if (item->entity == NULL || (only_dragging ? !item->dragging : !item->selected))
        continue;
      g_ptr_array_add (names, item->entity);
      g_array_append_val (xs, x);
      g_array_append_val (ys, y);
    }
  if (names->len == 0)
    return;
  g_ptr_array_add (names, NULL);

  /* One history step for the whole move, after the preview. */
  if (!cardinal_history_move_entities (self->history, (const char * const *) names->pdata,
                                       (const double *) (void *) xs->data, (const double *) (void *) ys->data, &error))
    g_warning ("Could not move entities: %s", error->message);
}

static void
end_drag_preview (CardinalCanvas *self)
{
  for (guint i = 0; i < self->items->len; i++)
    item_at_index (self, i)->dragging = FALSE;
  self->move_dx = self->move_dy = 0;
}

static void
set_cursor (CardinalCanvas *self)
{
  const char *name = "default";

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      name = "grabbing";
      break;
    case DRAG_MOVE:
      name = "move";
      break;
    case DRAG_CONNECT:
    case DRAG_CONNECT_PENDING:
      name = "crosshair";
      break;
    case DRAG_NONE:
    case DRAG_MOVE_PENDING:
    case DRAG_BAND_PENDING:
    case DRAG_BAND:
    default:
      if (self->space_down)
        name = "grab";
      else if (self->connect_mode || self->hover_connect)
        name = "crosshair";
      break;
    }
  gtk_widget_set_cursor_from_name (GTK_WIDGET (self), name);
}

/* Escape: stop whatever is in progress. Returns whether there was anything. */
static gboolean
cancel_interaction (CardinalCanvas *self)
{
  gboolean any = self->connect_mode || self->drag_mode != DRAG_NONE;

  self->connect_mode = FALSE;
  g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  if (self->drag_mode != DRAG_NONE)
    {
      self->drag_mode = DRAG_NONE;
      end_drag_preview (self);
      gtk_event_controller_reset (GTK_EVENT_CONTROLLER (self->drag_gesture));
    }
  set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
  return any;
}

static void
emit_connect (CardinalCanvas *self,
              const char     *entity1,
              const char     *entity2)
{
  g_autofree char *first = g_strdup (entity1);
  g_autofree char *second = g_strdup (entity2);

  /* Copies: a handler may edit the model and so rebuild the boxes. */
  g_signal_emit (self, signals[CONNECT], 0, first, second);
}

/* ---- Input -------------------------------------------------------------------- */

static void
update_hover (CardinalCanvas *self,
              double          x,
              double          y)
{
  Hit hit;
  int item;
  gboolean connect;

  hit_test (self, x, y, TRUE, &hit);
  item = hit.kind == HIT_ITEM ? hit.item : -1;
  connect = hit.kind == HIT_ITEM && hit.connect_zone;
  if (item != self->hover_item || connect != self->hover_connect)
    {
      self->hover_item = item;
      self->hover_connect = connect;
      set_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
motion_cb (GtkEventControllerMotion *controller,
           double                    x,
           double                    y,
           CardinalCanvas           *self)
{
  self->has_pointer = TRUE;
  self->pointer_x = x;
  self->pointer_y = y;
  if (self->drag_mode == DRAG_NONE)
    update_hover (self, x, y);
}

static void
leave_cb (GtkEventControllerMotion *controller,
          CardinalCanvas           *self)
{
  self->has_pointer = FALSE;
  if (self->hover_item != -1 && self->drag_mode == DRAG_NONE)
    {
      self->hover_item = -1;
      self->hover_connect = FALSE;
      set_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
    }
}

static void
drag_begin_cb (GtkGestureDrag *gesture,
               double          x,
               double          y,
               CardinalCanvas *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (gesture));
  gboolean extend = (state & GDK_SHIFT_MASK) != 0;
  gboolean control = (state & GDK_CONTROL_MASK) != 0;
  gboolean changed = FALSE;
  Hit hit;

  if (!gtk_widget_has_focus (GTK_WIDGET (self)))
    gtk_widget_grab_focus (GTK_WIDGET (self));

  self->drag_start_x = self->drag_x = x;
  self->drag_start_y = self->drag_y = y;
  self->press_extend = extend;
  g_clear_pointer (&self->press_name, g_free);

  if (self->space_down)
    {
      self->drag_mode = DRAG_PAN;
      self->pan_start_h = hvalue (self);
      self->pan_start_v = vvalue (self);
      set_cursor (self);
      return;
    }

  hit_test (self, x, y, FALSE, &hit);

  if (self->connect_mode)
    {
      CardinalCanvasItem *item = hit.kind == HIT_ITEM ? item_at_index (self, hit.item) : NULL;

      if (item == NULL || item->entity == NULL)
        cancel_interaction (self);
      else if (self->connect_from == NULL)
        self->connect_from = g_strdup (item->entity);
      else
        {
          g_autofree char *from = g_steal_pointer (&self->connect_from);

          self->connect_mode = FALSE;
          emit_connect (self, from, item->entity);
        }
      set_cursor (self);
      gtk_widget_queue_draw (GTK_WIDGET (self));
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      return;
    }

  if (hit.kind == HIT_ITEM)
    {
      CardinalCanvasItem *item = item_at_index (self, hit.item);
      const char *name = NULL;
      GHashTable *set = item_selection_set (self, item, &name);

      if (item->entity != NULL && (hit.connect_zone || control))
        {
          self->drag_mode = DRAG_CONNECT_PENDING;
          g_free (self->connect_from);
          self->connect_from = g_strdup (item->entity);
          set_cursor (self);
          return;
        }

      self->press_was_selected = set_contains (set, name);
      if (set != NULL)
        {
          if (extend)
            changed = set_selected (set, name, !self->press_was_selected);
          else if (!self->press_was_selected)
            {
              changed = clear_selection (self);
              changed |= set_selected (set, name, TRUE);
            }
        }
      if (changed)
        selection_changed (self);
      /* Link tables have no place in the document: only entities move. */
      if (item->entity != NULL && set_contains (self->selected_entities, item->entity))
        {
          self->press_name = g_strdup (item->entity);
          self->drag_mode = DRAG_MOVE_PENDING;
        }
      return;
    }

  if (hit.kind == HIT_EDGE)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, hit.edge);
      gboolean was = set_contains (self->selected_relationships, edge->relationship);

      if (edge->relationship != NULL)
        {
          if (extend)
            changed = set_selected (self->selected_relationships, edge->relationship, !was);
          else if (!was || g_hash_table_size (self->selected_entities) > 0 ||
                   g_hash_table_size (self->selected_relationships) > 1)
            {
              changed = clear_selection (self);
              changed |= set_selected (self->selected_relationships, edge->relationship, TRUE);
            }
        }
      if (changed)
        selection_changed (self);
      return;
    }

  /* Empty space: a click clears, a drag draws a rubber band. */
  if (!extend && clear_selection (self))
    selection_changed (self);
  self->drag_mode = DRAG_BAND_PENDING;
}

static void
drag_update_cb (GtkGestureDrag *gesture,
                double          offset_x,
                double          offset_y,
                CardinalCanvas *self)
{
  gboolean past = hypot (offset_x, offset_y) >= DRAG_THRESHOLD;

  self->drag_x = self->drag_start_x + offset_x;
  self->drag_y = self->drag_start_y + offset_y;

  switch (self->drag_mode)
    {
    case DRAG_PAN:
      gtk_adjustment_set_value (self->hadjustment, self->pan_start_h - offset_x);
      gtk_adjustment_set_value (self->vadjustment, self->pan_start_v - offset_y);
      break;

    case DRAG_MOVE_PENDING:
      if (!past)
        break;
      for (guint i = 0; i < self->items->len; i++)
        {
          CardinalCanvasItem *item = item_at_index (self, i);

          item->dragging = item->entity != NULL && item->selected;
        }
      self->drag_mode = DRAG_MOVE;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      set_cursor (self);
      G_GNUC_FALLTHROUGH;
    case DRAG_MOVE:
      {
        double dx = offset_x / self->zoom, dy = offset_y / self->zoom;
        gboolean found;
        guint index = lookup_index (self->entity_items, self->press_name, &found);

        /* The grabbed box lands on the grid; the others keep their offsets to it. */
        if (self->snap && found)
          {
            CardinalCanvasItem *grabbed = item_at_index (self, index);

            dx = round ((grabbed->x + dx) / GRID) * GRID - grabbed->x;
            dy = round ((grabbed->y + dy) / GRID) * GRID - grabbed->y;
          }
        self->move_dx = dx;
        self->move_dy = dy;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_BAND_PENDING:
      if (!past)
        break;
      self->drag_mode = DRAG_BAND;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      G_GNUC_FALLTHROUGH;
    case DRAG_BAND:
      gtk_widget_queue_draw (GTK_WIDGET (self));
      break;

    case DRAG_CONNECT_PENDING:
      if (!past)
        break;
      self->drag_mode = DRAG_CONNECT;
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      set_cursor (self);
      G_GNUC_FALLTHROUGH;
    case DRAG_CONNECT:
      {
        Hit hit;
        int target;

        hit_test (self, self->drag_x, self->drag_y, TRUE, &hit);
        target = hit.kind == HIT_ITEM && item_at_index (self, hit.item)->entity != NULL ? hit.item : -1;
        self->connect_target = target;
        gtk_widget_queue_draw (GTK_WIDGET (self));
      }
      break;

    case DRAG_NONE:
    default:
      break;
    }
}

static void
drag_end_cb (GtkGestureDrag *gesture,
             double          offset_x,
             double          offset_y,
             CardinalCanvas *self)
{
  DragMode mode = self->drag_mode;

  self->drag_mode = DRAG_NONE;
  switch (mode)
    {
    case DRAG_MOVE:
      {
        double dx = self->move_dx, dy = self->move_dy;

        /* The preview ends before the history answers with the new positions. */
        commit_move (self, dx, dy, TRUE);
        end_drag_preview (self);
      }
      break;

    case DRAG_MOVE_PENDING:
      /* A plain click on one of several selected boxes selects just it. */
      if (!self->press_extend && self->press_was_selected && self->press_name != NULL &&
          (g_hash_table_size (self->selected_entities) > 1 || g_hash_table_size (self->selected_relationships) > 0))
        {
          clear_selection (self);
          set_selected (self->selected_entities, self->press_name, TRUE);
          selection_changed (self);
        }
      break;

    case DRAG_BAND:
      {
        double x1, y1, x2, y2;
        graphene_rect_t band;
        gboolean changed = FALSE;

        widget_to_model (self, MIN (self->drag_start_x, self->drag_x), MIN (self->drag_start_y, self->drag_y), &x1, &y1);
        widget_to_model (self, MAX (self->drag_start_x, self->drag_x), MAX (self->drag_start_y, self->drag_y), &x2, &y2);
        graphene_rect_init (&band, x1, y1, x2 - x1, y2 - y1);
        ensure_items (self);
        for (guint i = 0; i < self->items->len; i++)
          {
            CardinalCanvasItem *item = item_at_index (self, i);
            graphene_rect_t rect;
            const char *name = NULL;
            GHashTable *set = item_selection_set (self, item, &name);

            item_rect (self, item, &rect);
            if (set != NULL && rects_intersect (&rect, &band))
              changed |= set_selected (set, name, TRUE);
          }
        if (changed)
          selection_changed (self);
      }
      break;

    case DRAG_CONNECT:
      {
        Hit hit;

        hit_test (self, self->drag_x, self->drag_y, TRUE, &hit);
        if (hit.kind == HIT_ITEM && item_at_index (self, hit.item)->entity != NULL && self->connect_from != NULL)
          {
            g_autofree char *from = g_steal_pointer (&self->connect_from);

            emit_connect (self, from, item_at_index (self, hit.item)->entity);
          }
      }
      break;

    case DRAG_CONNECT_PENDING:
    case DRAG_BAND_PENDING:
    case DRAG_PAN:
    case DRAG_NONE:
    default:
      break;
    }

  if (!self->connect_mode)
    g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
drag_cancel_cb (GtkGesture       *gesture,
                GdkEventSequence *sequence,
                CardinalCanvas   *self)
{
  if (self->drag_mode == DRAG_NONE)
    return;
  self->drag_mode = DRAG_NONE;
  end_drag_preview (self);
  if (!self->connect_mode)
    g_clear_pointer (&self->connect_from, g_free);
  self->connect_target = -1;
  set_cursor (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

static void
pan_begin_cb (GtkGestureDrag *gesture,
              double          x,
              double          y,
              CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_NONE)
    {
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_DENIED);
      return;
    }
  self->drag_mode = DRAG_PAN;
  self->pan_start_h = hvalue (self);
  self->pan_start_v = vvalue (self);
  gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
  set_cursor (self);
}

static void
pan_update_cb (GtkGestureDrag *gesture,
               double          offset_x,
               double          offset_y,
               CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_PAN)
    return;
  gtk_adjustment_set_value (self->hadjustment, self->pan_start_h - offset_x);
  gtk_adjustment_set_value (self->vadjustment, self->pan_start_v - offset_y);
}

static void
pan_end_cb (GtkGestureDrag *gesture,
            double          offset_x,
            double          offset_y,
            CardinalCanvas *self)
{
  if (self->drag_mode != DRAG_PAN)
    return;
  self->drag_mode = DRAG_NONE;
  set_cursor (self);
}

static void
click_pressed_cb (GtkGestureClick *gesture,
                  int              n_press,
                  double           x,
                  double           y,
                  CardinalCanvas  *self)
{
  guint button = gtk_gesture_single_get_current_button (GTK_GESTURE_SINGLE (gesture));
  Hit hit;

  if (button == GDK_BUTTON_PRIMARY && n_press == 2 && !self->connect_mode)
    {
      hit_test (self, x, y, FALSE, &hit);
      if (hit.kind == HIT_ITEM && item_at_index (self, hit.item)->entity != NULL)
        {
          g_autofree char *name = g_strdup (item_at_index (self, hit.item)->entity);

          gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
          g_signal_emit (self, signals[RENAME_ENTITY], 0, name);
        }
      return;
    }

  if (button == GDK_BUTTON_SECONDARY && n_press == 1)
    {
      gboolean changed = FALSE;

      if (!gtk_widget_has_focus (GTK_WIDGET (self)))
        gtk_widget_grab_focus (GTK_WIDGET (self));
      cancel_interaction (self);
      hit_test (self, x, y, FALSE, &hit);
      /* The menu acts on what is under the pointer: select it unless it already is. */
      if (hit.kind == HIT_ITEM)
        {
          const char *name = NULL;
          GHashTable *set = item_selection_set (self, item_at_index (self, hit.item), &name);

          if (set != NULL && !set_contains (set, name))
            {
              changed = clear_selection (self);
              changed |= set_selected (set, name, TRUE);
            }
        }
      else if (hit.kind == HIT_EDGE)
        {
          const char *name = g_array_index (self->edges, CardinalCanvasEdge, hit.edge).relationship;

          if (name != NULL && !set_contains (self->selected_relationships, name))
            {
              changed = clear_selection (self);
              changed |= set_selected (self->selected_relationships, name, TRUE);
            }
        }
      else
        changed = clear_selection (self);
      if (changed)
        selection_changed (self);
      gtk_gesture_set_state (GTK_GESTURE (gesture), GTK_EVENT_SEQUENCE_CLAIMED);
      g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
    }
}

static gboolean
scroll_cb (GtkEventControllerScroll *controller,
           double                    dx,
           double                    dy,
           CardinalCanvas           *self)
{
  GdkModifierType state = gtk_event_controller_get_current_event_state (GTK_EVENT_CONTROLLER (controller));
  gboolean wheel = gtk_event_controller_scroll_get_unit (controller) == GDK_SCROLL_UNIT_WHEEL;
  double x, y;

  if (state & GDK_CONTROL_MASK)
    {
      double factor = wheel ? pow (ZOOM_STEP, -dy) : exp (-dy * 0.01);

      x = self->has_pointer ? self->pointer_x : gtk_widget_get_width (GTK_WIDGET (self)) / 2.0;
      y = self->has_pointer ? self->pointer_y : gtk_widget_get_height (GTK_WIDGET (self)) / 2.0;
      cardinal_canvas_set_zoom (self, self->zoom * factor, x, y);
      return TRUE;
    }

  /* Inside a scrolled window plain scrolling is its job (kinetic, overlay scrollbars). */
  if (GTK_IS_SCROLLED_WINDOW (gtk_widget_get_parent (GTK_WIDGET (self))))
    return FALSE;

  if (state & GDK_SHIFT_MASK && dx == 0)
    {
      dx = dy;
      dy = 0;
    }
  gtk_adjustment_set_value (self->hadjustment, hvalue (self) + dx * (wheel ? 3 * PAN_STEP : 1));
  gtk_adjustment_set_value (self->vadjustment, vvalue (self) + dy * (wheel ? 3 * PAN_STEP : 1));
  return TRUE;
}

static void
zoom_begin_cb (GtkGesture       *gesture,
               GdkEventSequence *sequence,
               CardinalCanvas   *self)
{
  self->pinch_start_zoom = self->zoom;
}

static void
zoom_scale_changed_cb (GtkGestureZoom *gesture,
                       double          scale,
                       CardinalCanvas *self)
{
  double x, y;

  if (!gtk_gesture_get_bounding_box_center (GTK_GESTURE (gesture), &x, &y))
    return;
  cardinal_canvas_set_zoom (self, self->pinch_start_zoom * scale, x, y);
}

static gboolean
key_pressed_cb (GtkEventControllerKey *controller,
                guint                  keyval,
                guint                  keycode,
                GdkModifierType        state,
                CardinalCanvas        *self)
{
  if (keyval == GDK_KEY_space && (state & (GDK_CONTROL_MASK | GDK_ALT_MASK)) == 0)
    {
      if (!self->space_down)
        {
          self->space_down = TRUE;
          set_cursor (self);
        }
      return TRUE;
    }
  if (keyval == GDK_KEY_Escape)
    return cancel_interaction (self);
  return FALSE;
}

static void
key_released_cb (GtkEventControllerKey *controller,
                 guint                  keyval,
                 guint                  keycode,
                 GdkModifierType        state,
                 CardinalCanvas        *self)
{
  if (keyval == GDK_KEY_space)
    {
      self->space_down = FALSE;
      set_cursor (self);
    }
}

static void
focus_leave_cb (GtkEventControllerFocus *controller,
                CardinalCanvas          *self)
{
  self->space_down = FALSE;
  set_cursor (self);
}

/* ---- Actions and key bindings --------------------------------------------------- */

static void
zoom_in_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  zoom_by (CARDINAL_CANVAS (widget), ZOOM_STEP);
}

static void
zoom_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  zoom_by (CARDINAL_CANVAS (widget), 1 / ZOOM_STEP);
}

static void
zoom_fit_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  cardinal_canvas_zoom_to_fit (CARDINAL_CANVAS (widget));
}

static void
select_all_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  cardinal_canvas_select_all (CARDINAL_CANVAS (widget));
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  g_autoptr(GError) error = NULL;

  if (self->history == NULL)
    return;
  entities = cardinal_canvas_get_selected_entities (self);
  relationships = cardinal_canvas_get_selected_relationships (self);
  if (entities[0] == NULL && relationships[0] == NULL)
    return;
  /* One history step; the "changed" handler then drops the deleted names from the selection. */
  if (!cardinal_history_remove (self->history, (const char * const *) entities,
                                (const char * const *) relationships, &error))
    g_warning ("Could not delete the selection: %s", error->message);
}

static void
nudge_action (GtkWidget  *widget,
              const char *action_name,
              GVariant   *parameter)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  const char *direction = g_variant_get_string (parameter, NULL);
  double step = self->snap ? GRID : NUDGE_STEP, dx = 0, dy = 0;

  if (g_str_equal (direction, "left"))
    dx = -step;
  else if (g_str_equal (direction, "right"))
    dx = step;
  else if (g_str_equal (direction, "up"))
    dy = -step;
  else if (g_str_equal (direction, "down"))
    dy = step;
  else
    return;

  /* With nothing selected the arrows scroll the view instead. */
  if (g_hash_table_size (self->selected_entities) == 0)
    {
      gtk_adjustment_set_value (self->hadjustment, hvalue (self) + dx / step * PAN_STEP);
      gtk_adjustment_set_value (self->vadjustment, vvalue (self) + dy / step * PAN_STEP);
      return;
    }
  ensure_items (self);
  commit_move (self, dx, dy, FALSE);
}

static gboolean
rename_binding (GtkWidget *widget,
                GVariant  *args,
                gpointer   user_data)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (self);

  if (entities[0] == NULL || entities[1] != NULL)
    return FALSE;
  g_signal_emit (self, signals[RENAME_ENTITY], 0, entities[0]);
  return TRUE;
}

static gboolean
menu_binding (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  double x = gtk_widget_get_width (widget) / 2.0, y = gtk_widget_get_height (widget) / 2.0;
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (self);
  graphene_rect_t rect;

  /* From the keyboard the menu opens by the (first) selected box. */
  if (entities[0] != NULL && cardinal_canvas_get_entity_bounds (self, entities[0], &rect))
    {
      x = (rect.origin.x + rect.size.width / 2) * self->zoom - hvalue (self);
      y = (rect.origin.y + rect.size.height / 2) * self->zoom - vvalue (self);
      x = CLAMP (x, 0, gtk_widget_get_width (widget));
      y = CLAMP (y, 0, gtk_widget_get_height (widget));
    }
  g_signal_emit (self, signals[CONTEXT_MENU], 0, x, y);
  return TRUE;
}

/* ---- GtkWidget ------------------------------------------------------------------- */

static void
cardinal_canvas_measure (GtkWidget      *widget,
                         GtkOrientation  orientation,
                         int             for_size,
                         int            *minimum,
                         int            *natural,
                         int            *minimum_baseline,
                         int            *natural_baseline)
{
  *minimum = 0;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 800 : 600;
}

/* Brings the scrollbars (and a pending fit or first placement) in line with
 * the boxes. Called from size_allocate, and after edits from an idle rather
 * than by queueing an allocation: edits can arrive at any point of a frame
 * (a dialog's response, say), and a queued allocation that lands after the
 * layout phase leaves the widget unallocated when it is drawn. */
static void
apply_view (CardinalCanvas *self)
{
  ensure_items (self);
  if (gtk_widget_get_width (GTK_WIDGET (self)) <= 0)
    return;
  if (self->fit_pending)
    {
      cardinal_canvas_zoom_to_fit (self);
      return;
    }
  if (!self->view_placed && self->items->len > 0)
    {
      /* First show: the top-left corner of the model. */
      self->view_placed = TRUE;
      cardinal_canvas_update_adjustments (self, (self->model_bounds.origin.x - FIT_MARGIN) * self->zoom,
                                          (self->model_bounds.origin.y - FIT_MARGIN) * self->zoom);
      return;
    }
  cardinal_canvas_update_adjustments (self, hvalue (self), vvalue (self));
}

static gboolean
view_update_cb (gpointer data)
{
  CardinalCanvas *self = data;

  self->view_update_id = 0;
  apply_view (self);
  return G_SOURCE_REMOVE;
}

static void
queue_view_update (CardinalCanvas *self)
{
  gtk_widget_queue_draw (GTK_WIDGET (self));
  /* Before the next frame is drawn (redraws run at a lower priority). */
  if (self->view_update_id == 0)
    self->view_update_id = g_idle_add_full (G_PRIORITY_HIGH_IDLE, view_update_cb, self, NULL);
}

static void
cardinal_canvas_size_allocate (GtkWidget *widget,
                               int        width,
                               int        height,
                               int        baseline)
{
  apply_view (CARDINAL_CANVAS (widget));
}

static void
cardinal_canvas_css_changed (GtkWidget         *widget,
                             GtkCssStyleChange *change)
{
  CardinalCanvas *self = CARDINAL_CANVAS (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (gtk_widget_get_pango_context (widget));
  if (self->font != NULL && !pango_font_description_equal (font, self->font))
    reset_text (self);
  if (self->palette_valid && self->palette.dark != style_is_dark (self))
    gtk_widget_queue_draw (widget);
}

static void
cardinal_canvas_system_setting_changed (GtkWidget        *widget,
                                        GtkSystemSetting  setting)
{
  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->system_setting_changed (widget, setting);

  if (setting == GTK_SYSTEM_SETTING_FONT_NAME || setting == GTK_SYSTEM_SETTING_FONT_CONFIG ||
      setting == GTK_SYSTEM_SETTING_DPI)
    reset_text (CARDINAL_CANVAS (widget));
}

static void
cardinal_canvas_state_flags_changed (GtkWidget     *widget,
                                     GtkStateFlags  previous)
{
  GtkStateFlags now = gtk_widget_get_state_flags (widget);

  GTK_WIDGET_CLASS (cardinal_canvas_parent_class)->state_flags_changed (widget, previous);

  if ((now ^ previous) & (GTK_STATE_FLAG_FOCUS_VISIBLE | GTK_STATE_FLAG_FOCUSED))
    gtk_widget_queue_draw (widget);
}

/* ---- History --------------------------------------------------------------------- */

static void
history_changed_cb (CardinalHistory *history,
                    guint            flags,
                    CardinalCanvas  *self)
{
  /* A change under a drag (undo from the keyboard) ends it: the boxes are rebuilt. */
  if (self->drag_mode == DRAG_MOVE || self->drag_mode == DRAG_MOVE_PENDING)
    cancel_interaction (self);
  self->pending_flags |= flags;
  self->items_dirty = TRUE;
  prune_selection (self);
  queue_view_update (self);
}

void
cardinal_canvas_set_history (CardinalCanvas  *self,
                             CardinalHistory *history)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (history == NULL || CARDINAL_IS_HISTORY (history));

  if (self->history == history)
    return;

  cancel_interaction (self);
  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_object (&self->history);
    }
  if (history != NULL)
    {
      self->history = g_object_ref (history);
      self->history_changed_id = g_signal_connect (history, "changed", G_CALLBACK (history_changed_cb), self);
    }

  g_clear_pointer (&self->schema, cardinal_schema_free);
  self->items_dirty = TRUE;
  self->pending_flags = CARDINAL_CHANGE_ALL;
  self->view_placed = FALSE;
  if (clear_selection (self))
    selection_changed (self);
  queue_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HISTORY]);
}

CardinalHistory *
cardinal_canvas_get_history (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  return self->history;
}

void
cardinal_canvas_set_view (CardinalCanvas     *self,
                          CardinalCanvasView  view)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (view == CARDINAL_CANVAS_VIEW_LOGICAL || view == CARDINAL_CANVAS_VIEW_PHYSICAL);

  if (self->view == view)
    return;

  cancel_interaction (self);
  self->view = view;
  /* The two views draw different boxes under the same names: start afresh. */
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_free (item_at_index (self, i));
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->entity_items);
  g_hash_table_remove_all (self->labels);
  g_array_set_size (self->edges, 0);
  g_clear_pointer (&self->schema, cardinal_schema_free);
  self->items_dirty = TRUE;
  self->pending_flags = CARDINAL_CHANGE_ALL;
  queue_view_update (self);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VIEW]);
}

CardinalCanvasView
cardinal_canvas_get_view (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), CARDINAL_CANVAS_VIEW_LOGICAL);

  return self->view;
}

void
cardinal_canvas_set_snap_to_grid (CardinalCanvas *self,
                                  gboolean        snap)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  snap = !!snap;
  if (self->snap == snap)
    return;
  self->snap = snap;
  gtk_widget_queue_draw (GTK_WIDGET (self));
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SNAP_TO_GRID]);
}

/* ---- Selection API ------------------------------------------------------------------ */

GStrv
cardinal_canvas_get_selected_entities (CardinalCanvas *self)
{
  const CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  return selected_in_order (self->selected_entities, model != NULL ? model->entities : NULL, TRUE);
}

GStrv
cardinal_canvas_get_selected_relationships (CardinalCanvas *self)
{
  const CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), NULL);

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  return selected_in_order (self->selected_relationships, model != NULL ? model->relationships : NULL, FALSE);
}

static gboolean
sets_equal (GHashTable *a,
            GHashTable *b)
{
  GHashTableIter iter;
  gpointer key;

  if (g_hash_table_size (a) != g_hash_table_size (b))
    return FALSE;
  g_hash_table_iter_init (&iter, a);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (b, key))
      return FALSE;
  return TRUE;
}

/* Only names that exist: the selection always names objects of the model. */
static GHashTable *
existing_names (const char * const *names,
                GPtrArray          *objects,
                gboolean            entities)
{
  g_autoptr(GHashTable) known = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  for (guint i = 0; objects != NULL && i < objects->len; i++)
    g_hash_table_add (known, entities ? ((CardinalEntity *) g_ptr_array_index (objects, i))->name
                                      : ((CardinalRelationship *) g_ptr_array_index (objects, i))->name);
  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_hash_table_contains (known, names[i]))
      g_hash_table_add (set, g_strdup (names[i]));
  return set;
}

void
cardinal_canvas_select (CardinalCanvas     *self,
                        const char * const *entities,
                        const char * const *relationships)
{
  const CardinalModel *model;
  g_autoptr(GHashTable) new_entities = NULL;
  g_autoptr(GHashTable) new_relationships = NULL;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  new_entities = existing_names (entities, model != NULL ? model->entities : NULL, TRUE);
  new_relationships = existing_names (relationships, model != NULL ? model->relationships : NULL, FALSE);
  if (sets_equal (new_entities, self->selected_entities) &&
      sets_equal (new_relationships, self->selected_relationships))
    return;

  g_hash_table_unref (self->selected_entities);
  g_hash_table_unref (self->selected_relationships);
  self->selected_entities = g_steal_pointer (&new_entities);
  self->selected_relationships = g_steal_pointer (&new_relationships);
  selection_changed (self);
}

void
cardinal_canvas_select_all (CardinalCanvas *self)
{
  const CardinalModel *model;
  gboolean changed = FALSE;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  if (model == NULL)
    return;
  for (guint i = 0; i < model->entities->len; i++)
    changed |= set_selected (self->selected_entities, ((CardinalEntity *) g_ptr_array_index (model->entities, i))->name, TRUE);
  for (guint i = 0; i < model->relationships->len; i++)
    changed |= set_selected (self->selected_relationships,
                             ((CardinalRelationship *) g_ptr_array_index (model->relationships, i))->name, TRUE);
  if (changed)
    selection_changed (self);
}

void
cardinal_canvas_reveal_entity (CardinalCanvas *self,
                               const char     *name)
{
  const char *names[] = { name, NULL };
  graphene_rect_t rect;

  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (name != NULL);

  cardinal_canvas_select (self, names, NULL);
  if (cardinal_canvas_get_entity_bounds (self, name, &rect))
    reveal_rect (self, &rect);
}

void
cardinal_canvas_reveal_relationship (CardinalCanvas *self,
                                     const char     *name)
{
  const char *names[] = { name, NULL };

  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (name != NULL);

  cardinal_canvas_select (self, NULL, names);
  ensure_items (self);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      graphene_rect_t a, b, both;

      if (g_strcmp0 (edge->relationship, name) != 0)
        continue;
      item_rect (self, item_at_index (self, edge->item1), &a);
      item_rect (self, item_at_index (self, edge->item2), &b);
      graphene_rect_union (&a, &b, &both);
      reveal_rect (self, &both);
      return;
    }
}

void
cardinal_canvas_begin_connect (CardinalCanvas *self)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  cancel_interaction (self);
  self->connect_mode = TRUE;
  set_cursor (self);
  gtk_widget_grab_focus (GTK_WIDGET (self));
}

/* ---- Private API ----------------------------------------------------------------- */

gboolean
cardinal_canvas_get_entity_bounds (CardinalCanvas  *self,
                                   const char      *name,
                                   graphene_rect_t *bounds)
{
  gboolean found;
  guint index;

  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (name != NULL && bounds != NULL, FALSE);

  ensure_items (self);
  index = lookup_index (self->entity_items, name, &found);
  if (!found)
    return FALSE;
  item_rect (self, item_at_index (self, index), bounds);
  return TRUE;
}

gboolean
cardinal_canvas_get_label_bounds (CardinalCanvas  *self,
                                  const char      *relationship,
                                  graphene_rect_t *bounds)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);
  g_return_val_if_fail (relationship != NULL && bounds != NULL, FALSE);

  ensure_items (self);
  for (guint i = 0; i < self->edges->len; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
      CardinalCanvasRoute route;

      if (edge->label == NULL || g_strcmp0 (edge->relationship, relationship) != 0)
        continue;
      edge_route (self, edge, &route);
      label_rect (&route, edge->label, bounds);
      return TRUE;
    }
  return FALSE;
}

void
cardinal_canvas_get_model_bounds (CardinalCanvas  *self,
                                  graphene_rect_t *bounds)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));
  g_return_if_fail (bounds != NULL);

  ensure_items (self);
  *bounds = self->model_bounds;
}

gboolean
cardinal_canvas_get_last_frame_from_tiles (CardinalCanvas *self)
{
  g_return_val_if_fail (CARDINAL_IS_CANVAS (self), FALSE);

  return self->last_frame_from_tiles;
}

void
cardinal_canvas_set_use_tiles (CardinalCanvas *self,
                               gboolean        use_tiles)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  /* The tiles stay: what they show does not depend on how frames use them. */
  self->use_tiles = use_tiles;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

void
cardinal_canvas_get_tile_counts (CardinalCanvas *self,
                                 guint          *stand_in_frames,
                                 guint64        *tiles_drawn)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  *stand_in_frames = self->stand_in_frames;
  *tiles_drawn = self->use_tiles ? cardinal_canvas_tiles_get_rendered (self->tiles) : 0;
}

void
cardinal_canvas_get_drawn_counts (CardinalCanvas *self,
                                  guint          *boxes,
                                  guint          *lines)
{
  g_return_if_fail (CARDINAL_IS_CANVAS (self));

  if (boxes != NULL)
    *boxes = self->drawn_boxes;
  if (lines != NULL)
    *lines = self->drawn_lines;
}

/* ---- GObject ---------------------------------------------------------------------- */

GtkWidget *
cardinal_canvas_new (void)
{
  return g_object_new (CARDINAL_TYPE_CANVAS, NULL);
}

static void
cardinal_canvas_dispose (GObject *object)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  if (self->history != NULL)
    {
      g_clear_signal_handler (&self->history_changed_id, self->history);
      g_clear_object (&self->history);
    }
  g_clear_handle_id (&self->view_update_id, g_source_remove);
  g_clear_pointer (&self->tiles, cardinal_canvas_tiles_free);
  if (self->hadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->hadjustment, adjustment_value_changed, self);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_func (self->vadjustment, adjustment_value_changed, self);
  g_clear_object (&self->hadjustment);
  g_clear_object (&self->vadjustment);

  G_OBJECT_CLASS (cardinal_canvas_parent_class)->dispose (object);
}

static void
cardinal_canvas_finalize (GObject *object)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  grid_clear (&self->grid);
  g_ptr_array_unref (self->items);
  g_hash_table_unref (self->entity_items);
  g_array_unref (self->edges);
  g_hash_table_unref (self->labels);
  g_hash_table_unref (self->selected_entities);
  g_hash_table_unref (self->selected_relationships);
  g_clear_pointer (&self->schema, cardinal_schema_free);
  g_clear_object (&self->pango_context);
  g_clear_pointer (&self->font, pango_font_description_free);
  drop_end_sprites (self);
  g_free (self->press_name);
  g_free (self->connect_from);

  G_OBJECT_CLASS (cardinal_canvas_parent_class)->finalize (object);
}

static void
cardinal_canvas_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      g_value_set_object (value, self->history);
      break;
    case PROP_VIEW:
      g_value_set_enum (value, self->view);
      break;
    case PROP_SNAP_TO_GRID:
      g_value_set_boolean (value, self->snap);
      break;
    case PROP_ZOOM:
      g_value_set_double (value, self->zoom);
      break;
    case PROP_HADJUSTMENT:
      g_value_set_object (value, self->hadjustment);
      break;
    case PROP_VADJUSTMENT:
      g_value_set_object (value, self->vadjustment);
      break;
    case PROP_HSCROLL_POLICY:
      g_value_set_enum (value, self->hscroll_policy);
      break;
    case PROP_VSCROLL_POLICY:
      g_value_set_enum (value, self->vscroll_policy);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
cardinal_canvas_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  CardinalCanvas *self = CARDINAL_CANVAS (object);

  switch (prop_id)
    {
    case PROP_HISTORY:
      cardinal_canvas_set_history (self, g_value_get_object (value));
      break;
    case PROP_VIEW:
      cardinal_canvas_set_view (self, g_value_get_enum (value));
      break;
    case PROP_SNAP_TO_GRID:
      cardinal_canvas_set_snap_to_grid (self, g_value_get_boolean (value));
      break;
    case PROP_ZOOM:
      cardinal_canvas_set_zoom (self, g_value_get_double (value),
                                gtk_widget_get_width (GTK_WIDGET (self)) / 2.0,
                                gtk_widget_get_height (GTK_WIDGET (self)) / 2.0);
      break;
    case PROP_HADJUSTMENT:
      set_adjustment (self, &self->hadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_VADJUSTMENT:
      set_adjustment (self, &self->vadjustment, g_value_get_object (value), pspec);
      break;
    case PROP_HSCROLL_POLICY:
      if (self->hscroll_policy != (guint) g_value_get_enum (value))
        {
          self->hscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    case PROP_VSCROLL_POLICY:
      if (self->vscroll_policy != (guint) g_value_get_enum (value))
        {
          self->vscroll_policy = g_value_get_enum (value);
          gtk_widget_queue_resize (GTK_WIDGET (self));
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_nudge_binding (GtkWidgetClass *widget_class,
                   guint           keyval,
                   guint           keypad,
                   const char     *direction)
{
  gtk_widget_class_add_binding_action (widget_class, keyval, 0, "canvas.nudge", "s", direction);
  gtk_widget_class_add_binding_action (widget_class, keypad, 0, "canvas.nudge", "s", direction);
}

static void
cardinal_canvas_class_init (CardinalCanvasClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_canvas_dispose;
  object_class->finalize = cardinal_canvas_finalize;
  object_class->get_property = cardinal_canvas_get_property;
  object_class->set_property = cardinal_canvas_set_property;

  widget_class->measure = cardinal_canvas_measure;
  widget_class->size_allocate = cardinal_canvas_size_allocate;
  widget_class->snapshot = cardinal_canvas_snapshot;
  widget_class->css_changed = cardinal_canvas_css_changed;
  widget_class->system_setting_changed = cardinal_canvas_system_setting_changed;
  widget_class->state_flags_changed = cardinal_canvas_state_flags_changed;

  properties[PROP_HISTORY] =
    g_param_spec_object ("history", NULL, NULL, CARDINAL_TYPE_HISTORY,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_VIEW] =
    g_param_spec_enum ("view", NULL, NULL, CARDINAL_TYPE_CANVAS_VIEW, CARDINAL_CANVAS_VIEW_LOGICAL,
                       G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_SNAP_TO_GRID] =
    g_param_spec_boolean ("snap-to-grid", NULL, NULL, FALSE,
                          G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_ZOOM] =
    g_param_spec_double ("zoom", NULL, NULL, ZOOM_MIN, ZOOM_MAX, 1.0,
                         G_PARAM_READWRITE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);
  g_object_class_override_property (object_class, PROP_HADJUSTMENT, "hadjustment");
  g_object_class_override_property (object_class, PROP_VADJUSTMENT, "vadjustment");
  g_object_class_override_property (object_class, PROP_HSCROLL_POLICY, "hscroll-policy");
  g_object_class_override_property (object_class, PROP_VSCROLL_POLICY, "vscroll-policy");

  signals[SELECTION_CHANGED] =
    g_signal_new ("selection-changed", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[CONNECT] =
    g_signal_new ("connect", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_STRING, G_TYPE_STRING);
  signals[RENAME_ENTITY] =
    g_signal_new ("rename-entity", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);
  signals[CONTEXT_MENU] =
    g_signal_new ("context-menu", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL, G_TYPE_NONE, 2, G_TYPE_DOUBLE, G_TYPE_DOUBLE);

  gtk_widget_class_install_action (widget_class, "canvas.zoom-in", NULL, zoom_in_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-out", NULL, zoom_out_action);
  gtk_widget_class_install_action (widget_class, "canvas.zoom-fit", NULL, zoom_fit_action);
  gtk_widget_class_install_action (widget_class, "canvas.select-all", NULL, select_all_action);
  gtk_widget_class_install_action (widget_class, "canvas.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "canvas.nudge", "s", nudge_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK, "canvas.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK, "canvas.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_0, GDK_CONTROL_MASK, "canvas.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_a, GDK_CONTROL_MASK, "canvas.select-all", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "canvas.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "canvas.delete", NULL);
  add_nudge_binding (widget_class, GDK_KEY_Left, GDK_KEY_KP_Left, "left");
  add_nudge_binding (widget_class, GDK_KEY_Right, GDK_KEY_KP_Right, "right");
  add_nudge_binding (widget_class, GDK_KEY_Up, GDK_KEY_KP_Up, "up");
  add_nudge_binding (widget_class, GDK_KEY_Down, GDK_KEY_KP_Down, "down");
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F2, 0, rename_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_Menu, 0, menu_binding, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F10, GDK_SHIFT_MASK, menu_binding, NULL);

  gtk_widget_class_set_css_name (widget_class, "cardinal-canvas");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_GROUP);
}

static void
cardinal_canvas_init (CardinalCanvas *self)
{
  GtkWidget *widget = GTK_WIDGET (self);
  GtkEventController *controller;
  GtkGesture *gesture;

  self->zoom = 1.0;
  self->hover_item = -1;
  self->tiles = cardinal_canvas_tiles_new (widget, render_scene_tile, self);
  /* CARDINAL_CANVAS_TILES=0 draws every frame from scratch, to compare. */
  self->use_tiles = g_strcmp0 (g_getenv ("CARDINAL_CANVAS_TILES"), "0") != 0;
  self->connect_target = -1;
  self->items = g_ptr_array_new ();
  self->entity_items = g_hash_table_new (g_str_hash, g_str_equal);
  self->edges = g_array_new (FALSE, TRUE, sizeof (CardinalCanvasEdge));
  g_array_set_clear_func (self->edges, edge_clear);
  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cardinal_canvas_item_free);
  self->selected_entities = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  self->selected_relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  set_adjustment (self, &self->hadjustment, NULL, NULL);
  set_adjustment (self, &self->vadjustment, NULL, NULL);

  gtk_widget_set_focusable (widget, TRUE);
  gtk_widget_set_overflow (widget, GTK_OVERFLOW_HIDDEN);
  gtk_widget_action_set_enabled (widget, "canvas.delete", FALSE);

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_PRIMARY);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (drag_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (drag_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (drag_end_cb), self);
  g_signal_connect (gesture, "cancel", G_CALLBACK (drag_cancel_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));
  self->drag_gesture = gesture;

  gesture = gtk_gesture_drag_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), GDK_BUTTON_MIDDLE);
  g_signal_connect (gesture, "drag-begin", G_CALLBACK (pan_begin_cb), self);
  g_signal_connect (gesture, "drag-update", G_CALLBACK (pan_update_cb), self);
  g_signal_connect (gesture, "drag-end", G_CALLBACK (pan_end_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_click_new ();
  gtk_gesture_single_set_button (GTK_GESTURE_SINGLE (gesture), 0);
  g_signal_connect (gesture, "pressed", G_CALLBACK (click_pressed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  gesture = gtk_gesture_zoom_new ();
  g_signal_connect (gesture, "begin", G_CALLBACK (zoom_begin_cb), self);
  g_signal_connect (gesture, "scale-changed", G_CALLBACK (zoom_scale_changed_cb), self);
  gtk_widget_add_controller (widget, GTK_EVENT_CONTROLLER (gesture));

  controller = gtk_event_controller_scroll_new (GTK_EVENT_CONTROLLER_SCROLL_BOTH_AXES);
  g_signal_connect (controller, "scroll", G_CALLBACK (scroll_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_motion_new ();
  g_signal_connect (controller, "enter", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "motion", G_CALLBACK (motion_cb), self);
  g_signal_connect (controller, "leave", G_CALLBACK (leave_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_key_new ();
  g_signal_connect (controller, "key-pressed", G_CALLBACK (key_pressed_cb), self);
  g_signal_connect (controller, "key-released", G_CALLBACK (key_released_cb), self);
  gtk_widget_add_controller (widget, controller);

  controller = gtk_event_controller_focus_new ();
  g_signal_connect (controller, "leave", G_CALLBACK (focus_leave_cb), self);
  gtk_widget_add_controller (widget, controller);
}
