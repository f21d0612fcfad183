/* cardinal-canvas.h: the diagram canvas: entities as boxes, relationships as crow's-foot lines. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CANVAS (cardinal_canvas_get_type ())

G_DECLARE_FINAL_TYPE (CardinalCanvas, cardinal_canvas, CARDINAL, CANVAS, GtkWidget)

typedef enum
{
  CARDINAL_CANVAS_VIEW_LOGICAL,   /* many-to-many as one line, link attributes on it */
  CARDINAL_CANVAS_VIEW_PHYSICAL,  /* the engineer's tables, link tables as boxes */
} CardinalCanvasView;

GtkWidget          *cardinal_canvas_new                 (void);
/* The canvas reacts to the history's "changed" signal and edits through it. */
void                cardinal_canvas_set_history         (CardinalCanvas     *self,
                                                         CardinalHistory    *history);
CardinalHistory    *cardinal_canvas_get_history         (CardinalCanvas     *self);
void                cardinal_canvas_set_view            (CardinalCanvas     *self,
                                                         CardinalCanvasView  view);
CardinalCanvasView  cardinal_canvas_get_view            (CardinalCanvas     *self);
void                cardinal_canvas_set_snap_to_grid    (CardinalCanvas     *self,
                                                         gboolean            snap);

/* Zoom is a transform around a point in widget coordinates. */
double              cardinal_canvas_get_zoom            (CardinalCanvas     *self);
void                cardinal_canvas_set_zoom            (CardinalCanvas     *self,
                                                         double              zoom,
                                                         double              widget_x,
                                                         double              widget_y);
void                cardinal_canvas_zoom_to_fit         (CardinalCanvas     *self);
/* Scrolls so that the model point (x, y) is centred. */
void                cardinal_canvas_scroll_to           (CardinalCanvas     *self,
                                                         double              x,
                                                         double              y);

/* Selection, by names. Entities and relationships can be selected together. */
GStrv               cardinal_canvas_get_selected_entities      (CardinalCanvas *self);
GStrv               cardinal_canvas_get_selected_relationships (CardinalCanvas *self);
void                cardinal_canvas_select              (CardinalCanvas     *self,
                                                         const char * const *entities,
                                                         const char * const *relationships);
void                cardinal_canvas_select_all          (CardinalCanvas     *self);
/* Selects the object and scrolls it into view (diagnostics, find). */
void                cardinal_canvas_reveal_entity       (CardinalCanvas     *self,
                                                         const char         *name);
/* Selects note @index alone and scrolls it into view. */
void                cardinal_canvas_reveal_note         (CardinalCanvas     *self,
                                                         guint               index);
void                cardinal_canvas_reveal_relationship (CardinalCanvas     *self,
                                                         const char         *name);
/* Reveals @entity and highlights the row of its attribute @attribute. */
void                cardinal_canvas_reveal_attribute    (CardinalCanvas     *self,
                                                         const char         *entity,
                                                         const char         *attribute);

/* Aligns (2+) or distributes (3+) the selected entities' boxes, one undo
 * step; @how as in canvas.align / canvas.distribute. FALSE when too few. */
gboolean            cardinal_canvas_align               (CardinalCanvas     *self,
                                                         const char         *how);
gboolean            cardinal_canvas_distribute          (CardinalCanvas     *self,
                                                         const char         *how);

/* Connect mode: the next two clicks on entities emit "connect" (same as a drag
 * from one entity to another, or onto itself). */
void                cardinal_canvas_begin_connect       (CardinalCanvas     *self);

/* Where a new entity should go: the centre of the visible area, in model coordinates. */
void                cardinal_canvas_get_visible_center  (CardinalCanvas     *self,
                                                         double             *x,
                                                         double             *y);

/* The top-left corner of a free place for a @width × @height box, at least
 * @gap from every box, as near the centre of the view as may be. */
void                cardinal_canvas_find_free_place     (CardinalCanvas     *self,
                                                         double              width,
                                                         double              height,
                                                         double              gap,
                                                         double             *x,
                                                         double             *y);

/* Signals:
 *   "selection-changed" ()
 *   "connect" (const char *entity1, const char *entity2)   — the user joined two entities
 *   "rename-entity" (const char *name)                      — double-click on an entity's title, or F2
 *   "edit-attribute" (const char *entity, const char *attribute) — double-click on an attribute's row
 *   "context-menu" (double widget_x, double widget_y)       — secondary click
 *   "deleted" (guint entities, guint relationships)         — canvas.delete removed these
 * Actions (installed on the class): canvas.zoom-in, canvas.zoom-out, canvas.zoom-fit,
 *   canvas.select-all, canvas.delete, canvas.nudge (s "left|right|up|down"),
 *   canvas.align (s "left|right|top|bottom|center-x|center-y"),
 *   canvas.distribute (s "horizontal|vertical").
 */
/* Format 3: the selected note (its index, or -1) or group (NULL: none); a
 * note or a group is only ever selected alone.
 * Signal "edit-note" (int index): a new or double-clicked note.
 * Actions: canvas.add-note (at the context menu's point), canvas.group-selection,
 *   canvas.set-color (s: a palette name, "" for none). */
int                 cardinal_canvas_get_selected_note   (CardinalCanvas     *self);
const char         *cardinal_canvas_get_selected_group  (CardinalCanvas     *self);

G_END_DECLS
