/* cardinal-canvas-private.h: canvas internals shared with its benchmark and tests, not with the rest of ui/. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-canvas.h"

#include <pango/pango.h>

#include "cardinal-route-draw.h"
#include "cardinal-canvas-grid.h"
#include "cardinal-canvas-item.h"
#include "cardinal-canvas-tiles.h"
#include "cardinal-physical.h"
#include "cardinal-layout.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CANVAS_VIEW (cardinal_canvas_view_get_type ())
GType    cardinal_canvas_view_get_type      (void) G_GNUC_CONST;

/* Where the box of entity @name is, in model coordinates (its table's box in
 * the physical view); FALSE when it is not on the canvas. */
gboolean cardinal_canvas_get_entity_bounds  (CardinalCanvas  *self,
                                             const char      *name,
                                             graphene_rect_t *bounds);
/* Where the box of relationship @relationship's link attributes is drawn
 * (logical view); FALSE when it has none. */
gboolean cardinal_canvas_get_label_bounds   (CardinalCanvas  *self,
                                             const char      *relationship,
                                             graphene_rect_t *bounds);
/* Where the row of attribute @attribute of entity @entity is drawn, in model
 * coordinates; FALSE when no row shows it. */
gboolean cardinal_canvas_get_attribute_bounds (CardinalCanvas  *self,
                                               const char      *entity,
                                               const char      *attribute,
                                               graphene_rect_t *bounds);
/* The union of every box, in model coordinates (empty at 0, 0 when there are none). */
void     cardinal_canvas_get_model_bounds   (CardinalCanvas  *self,
                                             graphene_rect_t *bounds);
/* The part of the model that the widget shows. */
void     cardinal_canvas_get_visible_rect   (CardinalCanvas  *self,
                                             graphene_rect_t *rect);
/* How many boxes and lines the last snapshot drew (after culling). */
void     cardinal_canvas_get_drawn_counts   (CardinalCanvas  *self,
                                             guint           *boxes,
                                             guint           *lines);
/* How many entity names the last snapshot showed, and how many of them as
 * labels above boxes too small to hold them. */
void     cardinal_canvas_get_drawn_names    (CardinalCanvas  *self,
                                             guint           *names,
                                             guint           *labels);

/* How many frames showed another zoom level's tiles in place of missing
 * ones, and how many scene tiles were drawn in all. */
void     cardinal_canvas_get_tile_counts    (CardinalCanvas  *self,
                                             guint           *stand_in_frames,
                                             guint64         *tiles_drawn);

/* The attribute row Find highlights: its entity and its row among the
 * box's rows (-1 when the box has no such row); FALSE when there is none. */
gboolean cardinal_canvas_get_highlighted_row (CardinalCanvas  *self,
                                              char           **entity,
                                              int             *row);

/* Whether the scene comes from tiles (under the cairo renderer) or is drawn
 * afresh every frame; for tests and comparisons. */
void     cardinal_canvas_set_use_tiles      (CardinalCanvas  *self,
                                             gboolean         use_tiles);

/* Whether the last snapshot's scene came wholly from tiles of its own zoom
 * level (no stand-ins, not drawn afresh). */
gboolean cardinal_canvas_get_last_frame_from_tiles (CardinalCanvas *self);

/* ---- Internals shared by the canvas's own files --------------------------- */

#define ZOOM_MIN        0.05
#define ZOOM_MAX        4.0
#define ZOOM_STEP       1.25
/* Fit never enlarges a small diagram beyond its natural size. */
#define FIT_ZOOM_MAX    1.0
#define GRID            20.0
/* Model units around the boxes that the scrollbars still reach. */
#define MARGIN          100.0
#define FIT_MARGIN      30.0
/* Semantic zoom: the attribute rows fade out from ROWS_OPAQUE_ZOOM (about
 * 8 px text) down to LOD_FULL_ZOOM, where they are gone; below
 * LOD_NAME_ZOOM boxes are plain rectangles. The names never go: they are
 * enlarged to stay NAME_MIN_HEIGHT widget pixels tall (a line of ~11 px
 * text), inside the box while they fit, else as a label above it. */
#define ROWS_OPAQUE_ZOOM 0.6
#define LOD_FULL_ZOOM   0.35
#define LOD_NAME_ZOOM   0.25
#define NAME_MIN_HEIGHT 14.0
#define NAME_LABEL_MAX_WIDTH 180.0
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
/* Model units kept between boxes when an edit pushes its neighbours away. */
#define PUSH_GAP        20.0
/* How long a frame may spend drawing tiles before cached levels stand in. */
#define TILE_BUDGET_US  6000

typedef struct
{
  char                *relationship;
  guint                item1;
  guint                item2;
  CardinalRouteEnd    end1;      /* drawn at item1 */
  CardinalRouteEnd    end2;
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
  HIT_NOTE,      /* format 3: a sticky note (its index in @item) */
  HIT_GROUP,     /* format 3: a group's area outside boxes and lines (its index in @item) */
} HitKind;

typedef struct
{
  HitKind  kind;
  int      item;         /* index into items */
  gboolean connect_zone; /* the border band or the handle: a drag there connects */
  int      edge;         /* index into edges */
} Hit;

/* The boxes that get a name label above them at one zoom. */
typedef struct
{
  double  zoom;
  GArray *items;     /* of guint, indices into items; NULL: unused */
} LabelCache;

struct _CardinalCanvas
{
  GtkWidget            parent_instance;

  CardinalHistory     *history;
  GSignalGroup        *history_signals;  /* "changed" of whichever history is shown */
  CardinalCanvasView   view;
  gboolean             snap;

  /* The view: adjustments count widget pixels of the zoomed model, so the
   * model point (x, y) is drawn at (x * zoom - hvalue, y * zoom - vvalue). */
  GtkAdjustment       *hadjustment;
  GtkAdjustment       *vadjustment;
  GSignalGroup        *hadjustment_signals;
  GSignalGroup        *vadjustment_signals;
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
  CardinalRoute       *routes;           /* one per edge, routed all at once (ensure_routes) */
  guint                items_generation; /* bumped whenever boxes may have moved */
  guint                routes_generation;
  double               routes_dx;        /* the drag offset the routes were made for */
  double               routes_dy;
  guint64              pushed_edit_id;   /* the last edit whose overlaps were pushed apart */
  GHashTable          *labels;           /* relationship name → CardinalCanvasItem, owned */
  CardinalSchema      *schema;           /* the physical view's tables */
  guint                schema_shape;     /* model_shape_hash () of the model it was engineered from */
  graphene_rect_t      model_bounds;
  guint                drawn_boxes;
  guint                drawn_lines;
  guint                drawn_names;       /* inside boxes and as labels */
  guint                drawn_name_labels; /* as labels above boxes too small for them */
  char                *highlight_entity;  /* Find: the attribute row shown, see cardinal-canvas-find.c */
  char                *highlight_attribute;
  LabelCache           label_cache[4];    /* which boxes get a name label, per zoom (cardinal-canvas-names.c) */
  guint                label_cache_next;
  CanvasPaint          paint;
  CardinalCanvasGrid   grid;
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

  /* Format 3: notes and groups (cardinal-canvas-notes.c). */
  int                  selected_note;     /* index, or -1 */
  char                *selected_group;
  int                  drag_note;         /* the note a move drags, or -1 */
  gboolean             resize_note;       /* the drag resizes drag_note from its folded corner */
  char                *drag_group;        /* the group whose members a move drags */
  gboolean             has_menu_point;
  double               menu_x;            /* model point of the last context menu */
  double               menu_y;
};

static inline double
cardinal_canvas_hvalue (CardinalCanvas *self)
{
  return gtk_adjustment_get_value (self->hadjustment);
}

static inline double
cardinal_canvas_vvalue (CardinalCanvas *self)
{
  return gtk_adjustment_get_value (self->vadjustment);
}

static inline void
cardinal_canvas_widget_to_model (CardinalCanvas *self,
                                 double          wx,
                                 double          wy,
                                 double         *mx,
                                 double         *my)
{
  *mx = (wx + cardinal_canvas_hvalue (self)) / self->zoom;
  *my = (wy + cardinal_canvas_vvalue (self)) / self->zoom;
}

static inline CardinalCanvasLod
cardinal_canvas_lod_for_zoom (double zoom)
{
  if (zoom >= LOD_FULL_ZOOM)
    return CARDINAL_CANVAS_LOD_FULL;
  if (zoom >= LOD_NAME_ZOOM)
    return CARDINAL_CANVAS_LOD_NAME;
  return CARDINAL_CANVAS_LOD_BOX;
}

static inline CardinalCanvasLod
cardinal_canvas_current_lod (CardinalCanvas *self)
{
  return cardinal_canvas_lod_for_zoom (self->zoom);
}

static inline CardinalCanvasItem *
cardinal_canvas_item_at_index (CardinalCanvas *self,
                               guint           index)
{
  return g_ptr_array_index (self->items, index);
}

static inline gboolean
cardinal_canvas_rects_intersect (const graphene_rect_t *a,
                                 const graphene_rect_t *b)
{
  return a->origin.x < b->origin.x + b->size.width &&
         b->origin.x < a->origin.x + a->size.width &&
         a->origin.y < b->origin.y + b->size.height &&
         b->origin.y < a->origin.y + a->size.height;
}

/* cardinal-canvas-scene.c: building, style and geometry */
void cardinal_canvas_item_rect (CardinalCanvas           *self,
                                const CardinalCanvasItem *item,
                                graphene_rect_t          *rect);
void cardinal_canvas_drop_end_sprites (CardinalCanvas *self);
gboolean cardinal_canvas_style_is_dark (CardinalCanvas *self);
void cardinal_canvas_ensure_palette (CardinalCanvas *self);
void cardinal_canvas_reset_text (CardinalCanvas *self);
void cardinal_canvas_edge_clear (gpointer data);
guint cardinal_canvas_lookup_index (GHashTable *index,
                                    const char *name,
                                    gboolean   *found);
GArray *cardinal_canvas_query_grid (CardinalCanvas        *self,
                                    const graphene_rect_t *rect,
                                    gboolean               edges);
void cardinal_canvas_refresh_selection_flags (CardinalCanvas *self);
void cardinal_canvas_ensure_items (CardinalCanvas *self);
void cardinal_canvas_edge_route (CardinalCanvas           *self,
                                 const CardinalCanvasEdge *edge,
                                 CardinalRoute      *route);
void cardinal_canvas_label_rect (const CardinalRoute  *route,
                                 const CardinalCanvasItem   *label,
                                 graphene_rect_t            *rect);

/* cardinal-canvas-notes.c: notes and groups (format 3) */
const CardinalModel *cardinal_canvas_current_model (CardinalCanvas *self);
void cardinal_canvas_note_rect (CardinalCanvas     *self,
                                guint               index,
                                const CardinalNote *note,
                                graphene_rect_t    *rect);
gboolean cardinal_canvas_group_area_of (CardinalCanvas      *self,
                                        const CardinalGroup *group,
                                        graphene_rect_t     *area);
void cardinal_canvas_extend_bounds_for_annotations (CardinalCanvas *self);
int cardinal_canvas_note_at (CardinalCanvas *self,
                             double          mx,
                             double          my);
int cardinal_canvas_group_at (CardinalCanvas *self,
                              double          mx,
                              double          my);
const char *cardinal_canvas_group_name_at (CardinalCanvas *self,
                                           int             index);
void cardinal_canvas_draw_groups (CardinalCanvas        *self,
                                  GtkSnapshot           *snapshot,
                                  const graphene_rect_t *visible,
                                  DrawPart               part);
void cardinal_canvas_draw_notes (CardinalCanvas        *self,
                                 GtkSnapshot           *snapshot,
                                 const graphene_rect_t *visible,
                                 DrawPart               part);
gboolean cardinal_canvas_select_annotation (CardinalCanvas *self,
                                            int             note,
                                            const char     *group);
gboolean cardinal_canvas_prune_annotations (CardinalCanvas *self);
void cardinal_canvas_begin_annotation_drag (CardinalCanvas *self,
                                            const Hit      *hit);
gboolean cardinal_canvas_annotation_dragging (CardinalCanvas     *self,
                                              CardinalCanvasItem *item);
gboolean cardinal_canvas_snap_annotation_drag (CardinalCanvas *self,
                                               double         *dx,
                                               double         *dy);
gboolean cardinal_canvas_commit_annotation_drag (CardinalCanvas *self,
                                                 double          dx,
                                                 double          dy);
gboolean cardinal_canvas_delete_annotation (CardinalCanvas *self);
void cardinal_canvas_emit_edit_note (CardinalCanvas *self,
                                     int             index);
void cardinal_canvas_notes_class_init (GtkWidgetClass *widget_class);

/* cardinal-canvas.c: selection, view and signals */
void cardinal_canvas_selection_changed (CardinalCanvas *self);
gboolean cardinal_canvas_clear_selection (CardinalCanvas *self);
gboolean cardinal_canvas_set_selected (GHashTable *set,
                                       const char *name,
                                       gboolean    selected);
GHashTable *cardinal_canvas_item_selection_set (CardinalCanvas           *self,
                                                const CardinalCanvasItem *item,
                                                const char              **name);
gboolean cardinal_canvas_set_contains (GHashTable *set,
                                       const char *name);
void cardinal_canvas_zoom_by (CardinalCanvas *self,
                              double          factor);
void cardinal_canvas_emit_rename_entity (CardinalCanvas *self,
                                         const char     *name);
void cardinal_canvas_emit_deleted (CardinalCanvas *self,
                                   guint           n_entities,
                                   guint           n_relationships);
void cardinal_canvas_emit_edit_attribute (CardinalCanvas *self,
                                          const char     *entity,
                                          const char     *attribute);
/* The attribute that row @row of @item shows, or NULL (a foreign-key or
 * merged column in the physical view, a link table). */
const char *cardinal_canvas_item_row_attribute (CardinalCanvas           *self,
                                                const CardinalCanvasItem *item,
                                                guint                     row);
void cardinal_canvas_emit_context_menu (CardinalCanvas *self,
                                        double          x,
                                        double          y);
void cardinal_canvas_emit_connect (CardinalCanvas *self,
                                   const char     *entity1,
                                   const char     *entity2);
void cardinal_canvas_queue_view_update (CardinalCanvas *self);

/* cardinal-canvas-snapshot.c: drawing */
cairo_surface_t *cardinal_canvas_render_scene_tile (gpointer user_data,
                                                    int      level,
                                                    int      lod,
                                                    int      col,
                                                    int      row,
                                                    int      size,
                                                    int      scale_factor);
void cardinal_canvas_snapshot (GtkWidget   *widget,
                               GtkSnapshot *snapshot);

/* cardinal-canvas-names.c: semantic zoom: names at a readable size, rows fading */
double cardinal_canvas_rows_alpha (double zoom);
void cardinal_canvas_append_item_text (CardinalCanvas           *self,
                                       GtkSnapshot              *snapshot,
                                       CardinalCanvasItem       *item,
                                       const graphene_rect_t    *rect,
                                       CardinalCanvasLod         lod);
void cardinal_canvas_draw_name_labels (CardinalCanvas        *self,
                                       GtkSnapshot           *snapshot,
                                       const graphene_rect_t *visible,
                                       double                 scene_zoom,
                                       DrawPart               part);
void cardinal_canvas_forget_labels (CardinalCanvas *self);

/* cardinal-canvas-find.c: the row Find found */
void cardinal_canvas_clear_highlight (CardinalCanvas *self);
void cardinal_canvas_draw_row_highlight (CardinalCanvas           *self,
                                         GtkSnapshot              *snapshot,
                                         const CardinalCanvasItem *item,
                                         const graphene_rect_t    *rect,
                                         CardinalCanvasLod         lod);

/* cardinal-canvas-input.c: input */
void cardinal_canvas_set_cursor (CardinalCanvas *self);
gboolean cardinal_canvas_cancel_interaction (CardinalCanvas *self);
void cardinal_canvas_input_init (CardinalCanvas *self);

/* cardinal-canvas-actions.c: actions and edits */
void cardinal_canvas_commit_move (CardinalCanvas *self,
                                  double          dx,
                                  double          dy,
                                  gboolean        only_dragging);
void cardinal_canvas_actions_class_init (GtkWidgetClass *widget_class);

G_END_DECLS
