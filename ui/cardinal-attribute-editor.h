/* cardinal-attribute-editor.h: the inspector's list of attributes (of an entity, or a relationship's link attributes). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARDINAL_TYPE_ATTRIBUTE_EDITOR (cardinal_attribute_editor_get_type ())

G_DECLARE_FINAL_TYPE (CardinalAttributeEditor, cardinal_attribute_editor, CARDINAL, ATTRIBUTE_EDITOR, GtkWidget)

/* The widgets of one attribute's row, for focus keeping and for tests. The
 * first ones are on the row's line (see CardinalAttributeRow); the others are
 * its full settings, made when the row is first expanded. The row after the
 * last attribute (index = the number of attributes) is the empty line a new
 * attribute is typed into; it has only the line's fields. */
typedef enum
{
  CARDINAL_ATTRIBUTE_FIELD_ROW,            /* the CardinalAttributeRow itself */
  CARDINAL_ATTRIBUTE_FIELD_NAME,           /* GtkEntry on the line */
  CARDINAL_ATTRIBUTE_FIELD_TYPE_ENTRY,     /* GtkEntry on the line, completed from the type catalogue */
  CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY,    /* GtkToggleButton on the line */
  CARDINAL_ATTRIBUTE_FIELD_NOT_NULL,       /* GtkToggleButton on the line */
  CARDINAL_ATTRIBUTE_FIELD_UNIQUE,         /* GtkToggleButton on the line */
  CARDINAL_ATTRIBUTE_FIELD_DEFAULT,        /* GtkEntry on the line */
  CARDINAL_ATTRIBUTE_FIELD_EXPAND,         /* GtkToggleButton on the line: the full settings */
  CARDINAL_ATTRIBUTE_FIELD_TYPE,           /* GtkDropDown of the type catalogue */
  CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER, /* GtkEntry: varchar length, numeric precision, or a raw type */
  CARDINAL_ATTRIBUTE_FIELD_INDEX,          /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT,  /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_COMMENT,        /* AdwEntryRow */
  CARDINAL_ATTRIBUTE_FIELD_MOVE_UP,        /* GtkButton */
  CARDINAL_ATTRIBUTE_FIELD_MOVE_DOWN,      /* GtkButton */
  CARDINAL_ATTRIBUTE_FIELD_REMOVE,         /* GtkButton */
  CARDINAL_ATTRIBUTE_N_FIELDS,
} CardinalAttributeField;

GtkWidget *cardinal_attribute_editor_new            (void);
void       cardinal_attribute_editor_set_title      (CardinalAttributeEditor *self,
                                                     const char              *title,
                                                     const char              *description);
/* FALSE for link attributes: a link table's key is its two foreign keys. */
void       cardinal_attribute_editor_set_allow_primary_key (CardinalAttributeEditor *self,
                                                            gboolean                 allow);
/* Shows a copy of @attributes (of CardinalAttribute). With as many attributes
 * as before the rows are updated in place, so the field being edited keeps
 * the focus; otherwise they are rebuilt and the focus put back. */
void       cardinal_attribute_editor_set_attributes (CardinalAttributeEditor *self,
                                                     GPtrArray               *attributes);
GtkWidget *cardinal_attribute_editor_get_field      (CardinalAttributeEditor *self,
                                                     guint                    index,
                                                     CardinalAttributeField   field);
GtkWidget *cardinal_attribute_editor_get_add_button (CardinalAttributeEditor *self);
/* The names the type fields complete to, in order of preference (copied). */
void       cardinal_attribute_editor_set_type_names (CardinalAttributeEditor *self,
                                                     const char * const      *names);
/* Asks whether @attributes (the whole new list) may be applied, for the
 * attribute at @index that a line commits; returns why not (newly allocated)
 * or NULL. The line shows the answer and keeps its text. */
typedef char *(*CardinalAttributeCheck) (GPtrArray *attributes,
                                         guint      index,
                                         gpointer   user_data);
void       cardinal_attribute_editor_set_check      (CardinalAttributeEditor *self,
                                                     CardinalAttributeCheck   check,
                                                     gpointer                 user_data);
/* Expands the row of the attribute named @name (only one is expanded at a
 * time) or none (NULL). */
void       cardinal_attribute_editor_expand         (CardinalAttributeEditor *self,
                                                     const char              *name);
/* For another entity or relationship: every row closed, the empty line emptied. */
void       cardinal_attribute_editor_reset          (CardinalAttributeEditor *self);
/* Shows the attribute named @name with its name field focused (the empty
 * line's for NULL); FALSE when there is no such attribute. */
gboolean   cardinal_attribute_editor_focus_attribute (CardinalAttributeEditor *self,
                                                      const char              *name);

/* A deep copy of @attributes (of CardinalAttribute; NULL is an empty list)
 * that frees its elements: what an "edit" handler keeps. */
GPtrArray *cardinal_attribute_editor_copy_attributes (GPtrArray *attributes);

/* The line's error under the row at @index, or NULL. */
const char *cardinal_attribute_editor_get_error     (CardinalAttributeEditor *self,
                                                     guint                    index);

/* Signal "edit" (GPtrArray *attributes, const char *label): the user made one
 * change; @attributes is the whole new list (owned by the editor, valid during
 * the emission) and @label names the change ("Change Type"). The handler
 * applies it as one undoable command; the editor shows nothing new until
 * set_attributes () is called. */

G_END_DECLS
