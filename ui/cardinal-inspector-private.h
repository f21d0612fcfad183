/* cardinal-inspector-private.h: the inspector's widgets, for tests that drive it as a user would. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-attribute-editor.h"
#include "cardinal-constraint-editor.h"
#include "cardinal-inspector.h"
#include "cardinal-relationship-words.h"

G_BEGIN_DECLS

/* "empty", "entity" or "relationship". */
const char              *cardinal_inspector_get_page                  (CardinalInspector *self);
CardinalAttributeEditor *cardinal_inspector_get_attribute_editor      (CardinalInspector *self);
CardinalAttributeEditor *cardinal_inspector_get_link_attribute_editor (CardinalInspector *self);
GtkEditable             *cardinal_inspector_get_name_editable         (CardinalInspector *self);
/* The inline error under the name, or NULL when there is none. */
const char              *cardinal_inspector_get_name_error            (CardinalInspector *self);
GtkToggleButton         *cardinal_inspector_get_answer_button         (CardinalInspector *self,
                                                                       CardinalQuestion   question,
                                                                       gboolean           yes);
/* NULL when the strategy does not fit the relationship's kind. */
GtkCheckButton          *cardinal_inspector_get_strategy_button       (CardinalInspector *self,
                                                                       CardinalStrategy   strategy);
GtkEditable             *cardinal_inspector_get_link_table_editable   (CardinalInspector *self);
CardinalConstraintEditor *cardinal_inspector_get_constraint_editor    (CardinalInspector *self);
/* The FK column names of the side that references entity @side (1 or 2). */
GtkEditable             *cardinal_inspector_get_columns_editable      (CardinalInspector *self,
                                                                       guint              side);

G_END_DECLS
