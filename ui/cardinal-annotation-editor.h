/* cardinal-annotation-editor.h: the inspector's page for a sticky note (its text) or a group (name, colour, ungroup). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_ANNOTATION_EDITOR (cardinal_annotation_editor_get_type ())

G_DECLARE_FINAL_TYPE (CardinalAnnotationEditor, cardinal_annotation_editor, CARDINAL, ANNOTATION_EDITOR, GtkWidget)

GtkWidget *cardinal_annotation_editor_new        (void);
void       cardinal_annotation_editor_set_history (CardinalAnnotationEditor *self,
                                                   CardinalHistory          *history);
/* Shows note @index of the model; its text is saved (one undoable step)
 * when typing pauses, when the editor loses focus, or on Ctrl+Enter. */
void       cardinal_annotation_editor_show_note  (CardinalAnnotationEditor *self,
                                                  guint                     index);
void       cardinal_annotation_editor_show_group (CardinalAnnotationEditor *self,
                                                  const char               *name);
/* Puts the keyboard focus in the note's text, at its end. */
void       cardinal_annotation_editor_focus_text (CardinalAnnotationEditor *self);
/* Saves typed text that is not saved yet (before the selection changes). */
void       cardinal_annotation_editor_flush      (CardinalAnnotationEditor *self);

G_END_DECLS
