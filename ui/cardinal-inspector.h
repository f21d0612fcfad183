/* cardinal-inspector.h: the side panel's editor for the selected entity or relationship. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_INSPECTOR (cardinal_inspector_get_type ())

G_DECLARE_FINAL_TYPE (CardinalInspector, cardinal_inspector, CARDINAL, INSPECTOR, GtkWidget)

GtkWidget *cardinal_inspector_new                (void);
void       cardinal_inspector_set_history        (CardinalInspector *self,
                                                  CardinalHistory   *history);
/* Shows the entity or relationship with that name (both NULL: an empty state).
 * Every change made in the inspector is one undoable command in the history. */
void       cardinal_inspector_show_entity        (CardinalInspector *self,
                                                  const char        *name);
void       cardinal_inspector_show_relationship  (CardinalInspector *self,
                                                  const char        *name);
/* Format 3: a sticky note (by index) or a group (by name). */
void       cardinal_inspector_show_note          (CardinalInspector *self,
                                                  guint              index);
/* Shows the note and puts the keyboard focus in its text. */
void       cardinal_inspector_edit_note          (CardinalInspector *self,
                                                  guint              index);
void       cardinal_inspector_show_group         (CardinalInspector *self,
                                                  const char        *name);
/* Several objects: their count and names, and align, distribute and delete. */
void       cardinal_inspector_show_selection     (CardinalInspector  *self,
                                                  const char * const *entities,
                                                  const char * const *relationships);
/* Shows @entity with the line of its attribute @attribute (NULL: the empty
 * line for a new one) scrolled into view and its name field focused. */
void       cardinal_inspector_edit_attribute     (CardinalInspector *self,
                                                  const char        *entity,
                                                  const char        *attribute);

G_END_DECLS
