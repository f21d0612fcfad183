/* cardinal-history.h: the model being edited, every edit as a reversible command, and undo/redo. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_HISTORY (cardinal_history_get_type ())

G_DECLARE_FINAL_TYPE (CardinalHistory, cardinal_history, CARDINAL, HISTORY, GObject)

/* What an edit touched, so views redraw only that (the "changed" signal). */
typedef enum
{
  CARDINAL_CHANGE_ENTITIES      = 1 << 0, /* entities added, removed or replaced */
  CARDINAL_CHANGE_RELATIONSHIPS = 1 << 1,
  CARDINAL_CHANGE_POSITIONS     = 1 << 2, /* only x/y of entities moved */
  CARDINAL_CHANGE_MODEL_NAME    = 1 << 3,
  CARDINAL_CHANGE_NOTES         = 1 << 4, /* notes added, removed, moved or edited */
  CARDINAL_CHANGE_GROUPS        = 1 << 5, /* groups added, removed, renamed, recoloured or their members */
  CARDINAL_CHANGE_ALL           = 0x3F,
} CardinalChangeFlags;

/* Takes ownership of @model. */
CardinalHistory     *cardinal_history_new                 (CardinalModel *model);
/* The current model. Read-only for callers: every change goes through the
 * functions below so that it can be undone. Entities and relationships are
 * replaced, never edited in place, so a pointer (or CardinalEntity.serial)
 * identifies one version of an object. */
const CardinalModel *cardinal_history_get_model           (CardinalHistory *self);

gboolean             cardinal_history_can_undo            (CardinalHistory *self);
gboolean             cardinal_history_can_redo            (CardinalHistory *self);
/* "Add Entity", or NULL when there is nothing to undo / redo. */
const char          *cardinal_history_get_undo_label      (CardinalHistory *self);
const char          *cardinal_history_get_redo_label      (CardinalHistory *self);
gboolean             cardinal_history_undo                (CardinalHistory *self);
gboolean             cardinal_history_redo                (CardinalHistory *self);

/* TRUE when the model differs from the last saved (or loaded) state; undoing
 * back to that state makes it FALSE again. */
gboolean             cardinal_history_get_modified        (CardinalHistory *self);
void                 cardinal_history_mark_saved          (CardinalHistory *self);

/* Edits. Each is one undoable step; each returns FALSE and sets @error
 * (CARDINAL_MODEL_ERROR_NOT_FOUND / _EXISTS / _INVALID) without changing
 * anything when it cannot be applied. Objects passed in are taken over. */
gboolean  cardinal_history_add_entity          (CardinalHistory       *self,
                                                CardinalEntity        *entity,
                                                GError               **error);
/* Replaces the entity named @name (attributes, comment, color, position…).
 * A new name is carried into the relationships that mention the entity. */
gboolean  cardinal_history_update_entity       (CardinalHistory       *self,
                                                const char            *name,
                                                CardinalEntity        *replacement,
                                                const char            *label,
                                                GError               **error);
gboolean  cardinal_history_rename_entity       (CardinalHistory       *self,
                                                const char            *name,
                                                const char            *new_name,
                                                GError               **error);
/* Moves several entities at once ("Move Entities"); @names is NULL-terminated. */
gboolean  cardinal_history_move_entities       (CardinalHistory       *self,
                                                const char * const    *names,
                                                const double          *x,
                                                const double          *y,
                                                GError               **error);
/* An arrow-key nudge of the entities @names to @x, @y: like
 * cardinal_history_move_entities (), but a nudge of the same entities within
 * CARDINAL_HISTORY_NUDGE_MERGE_USEC of the previous one joins its step, so
 * that a run of key presses is undone at once. */
#define CARDINAL_HISTORY_NUDGE_MERGE_USEC (G_USEC_PER_SEC)
gboolean  cardinal_history_nudge_entities      (CardinalHistory       *self,
                                                const char * const    *names,
                                                const double          *x,
                                                const double          *y,
                                                GError               **error);
/* The same at a given monotonic time (µs), for tests that must not sleep. */
gboolean  cardinal_history_nudge_entities_at   (CardinalHistory       *self,
                                                const char * const    *names,
                                                const double          *x,
                                                const double          *y,
                                                gint64                 now,
                                                GError               **error);
gboolean  cardinal_history_add_relationship    (CardinalHistory       *self,
                                                CardinalRelationship  *relationship,
                                                GError               **error);
gboolean  cardinal_history_update_relationship (CardinalHistory       *self,
                                                const char            *name,
                                                CardinalRelationship  *replacement,
                                                const char            *label,
                                                GError               **error);
/* Removes the named entities and relationships, and every relationship that
 * mentions a removed entity, as one step ("Delete"). */
gboolean  cardinal_history_remove              (CardinalHistory       *self,
                                                const char * const    *entity_names,
                                                const char * const    *relationship_names,
                                                GError               **error);
/* Moves entities as part of the edit just made (the one on top of the undo
 * stack), so that one undo takes back both: for the canvas pushing boxes
 * aside that an edit made overlap. Fails (CARDINAL_MODEL_ERROR_INVALID)
 * when there is no such edit (nothing done yet, or the last action was an
 * undo). */
gboolean  cardinal_history_move_entities_with_last (CardinalHistory     *self,
                                                    const char * const  *names,
                                                    const double        *x,
                                                    const double        *y,
                                                    GError             **error);
/* An id of the edit just made, or 0 when the model is as loaded or the last
 * action was an undo or a redo; a new edit always gets a new id. */
guint64   cardinal_history_get_last_edit_id    (CardinalHistory       *self);
/* Replaces the whole model (Arrange, import): one undoable step. */
gboolean  cardinal_history_replace_model       (CardinalHistory       *self,
                                                CardinalModel         *model,
                                                const char            *label,
                                                GError               **error);
gboolean  cardinal_history_set_model_name      (CardinalHistory       *self,
                                                const char            *name,
                                                GError               **error);

/* Format 3: notes, groups and colours (DESIGN.md §3). Notes are found by
 * their index in the model's notes; groups by name. */
gboolean  cardinal_history_add_note            (CardinalHistory       *self,
                                                CardinalNote          *note,
                                                GError               **error);
/* Replaces note @index ("Edit Note" when @label is NULL). */
gboolean  cardinal_history_update_note         (CardinalHistory       *self,
                                                guint                  index,
                                                CardinalNote          *replacement,
                                                const char            *label,
                                                GError               **error);
gboolean  cardinal_history_set_note_text       (CardinalHistory       *self,
                                                guint                  index,
                                                const char            *text,
                                                GError               **error);
gboolean  cardinal_history_move_note           (CardinalHistory       *self,
                                                guint                  index,
                                                double                 x,
                                                double                 y,
                                                GError               **error);
gboolean  cardinal_history_resize_note         (CardinalHistory       *self,
                                                guint                  index,
                                                double                 width,
                                                double                 height,
                                                GError               **error);
gboolean  cardinal_history_remove_note         (CardinalHistory       *self,
                                                guint                  index,
                                                GError               **error);
/* @color: a palette name (cardinal_palette_colors ()) or NULL for none. */
gboolean  cardinal_history_set_entity_color    (CardinalHistory       *self,
                                                const char            *entity,
                                                const char            *color,
                                                GError               **error);
/* The same colour on several entities (NULL-terminated @entities), one step. */
gboolean  cardinal_history_set_entities_color  (CardinalHistory       *self,
                                                const char * const    *entities,
                                                const char            *color,
                                                GError               **error);
/* Adds @group; members that are in another group leave it in the same step. */
gboolean  cardinal_history_add_group           (CardinalHistory       *self,
                                                CardinalGroup         *group,
                                                GError               **error);
gboolean  cardinal_history_add_to_group        (CardinalHistory       *self,
                                                const char            *group,
                                                const char            *entity,
                                                GError               **error);
gboolean  cardinal_history_remove_from_group   (CardinalHistory       *self,
                                                const char            *group,
                                                const char            *entity,
                                                GError               **error);
gboolean  cardinal_history_rename_group        (CardinalHistory       *self,
                                                const char            *group,
                                                const char            *new_name,
                                                GError               **error);
gboolean  cardinal_history_set_group_color     (CardinalHistory       *self,
                                                const char            *group,
                                                const char            *color,
                                                GError               **error);
/* Deletes the group; its entities stay. */
gboolean  cardinal_history_remove_group        (CardinalHistory       *self,
                                                const char            *group,
                                                GError               **error);
/* Moves every member by (@dx, @dy) as one step ("Move Group"). */
gboolean  cardinal_history_move_group          (CardinalHistory       *self,
                                                const char            *group,
                                                double                 dx,
                                                double                 dy,
                                                GError               **error);
/* A group name not used in the current model, built from @base ("Group", "Group 2"…). */
char     *cardinal_history_unique_group_name   (CardinalHistory       *self,
                                                const char            *base);

G_END_DECLS
