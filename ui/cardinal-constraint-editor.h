/* cardinal-constraint-editor.h: the inspector's list of an entity's UNIQUE constraints and indexes, with a column picker. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_CONSTRAINT_EDITOR (cardinal_constraint_editor_get_type ())

G_DECLARE_FINAL_TYPE (CardinalConstraintEditor, cardinal_constraint_editor, CARDINAL, CONSTRAINT_EDITOR, GtkWidget)

GtkWidget *cardinal_constraint_editor_new          (void);
/* Shows @entity's uniques and indexes (copied), its columns for the picker,
 * and whether it has no primary key. */
void       cardinal_constraint_editor_set_entity   (CardinalConstraintEditor *self,
                                                    const CardinalEntity     *entity);

/* For tests: the row of constraint @index (uniques first, then indexes), its
 * remove button, and the picker: the check button of column @column and the
 * buttons that add what is checked as a UNIQUE or an index. */
GtkWidget *cardinal_constraint_editor_get_row            (CardinalConstraintEditor *self,
                                                          guint                     index);
GtkWidget *cardinal_constraint_editor_get_remove_button  (CardinalConstraintEditor *self,
                                                          guint                     index);
GtkWidget *cardinal_constraint_editor_get_column_check   (CardinalConstraintEditor *self,
                                                          const char               *column);
GtkWidget *cardinal_constraint_editor_get_add_unique_button (CardinalConstraintEditor *self);
GtkWidget *cardinal_constraint_editor_get_add_index_button  (CardinalConstraintEditor *self);
/* The "this table has no primary key" row; visible only then. */
GtkWidget *cardinal_constraint_editor_get_keyless_row    (CardinalConstraintEditor *self);

/* Signal "edit" (GPtrArray *uniques, GPtrArray *indexes, const char *label):
 * the whole new lists (of CardinalUnique and CardinalIndex, owned by the
 * editor, valid during the emission) after one change, named by @label
 * ("Add Unique Constraint"); the handler applies it as one undoable step. */

G_END_DECLS
