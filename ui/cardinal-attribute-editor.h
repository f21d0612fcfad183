/* cardinal-attribute-editor.h: the inspector's list of attributes (of an entity, or a relationship's link attributes). */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARDINAL_TYPE_ATTRIBUTE_EDITOR (cardinal_attribute_editor_get_type ())

G_DECLARE_FINAL_TYPE (CardinalAttributeEditor, cardinal_attribute_editor, CARDINAL, ATTRIBUTE_EDITOR, GtkWidget)

/* The widgets of one attribute's row, for focus keeping and for tests. */
typedef enum
{
  CARDINAL_ATTRIBUTE_FIELD_ROW,            /* the expander row itself */
  CARDINAL_ATTRIBUTE_FIELD_NAME,           /* AdwEntryRow */
  CARDINAL_ATTRIBUTE_FIELD_TYPE,           /* GtkDropDown of the type catalogue */
  CARDINAL_ATTRIBUTE_FIELD_TYPE_PARAMETER, /* GtkEntry: varchar length, numeric precision, or a raw type */
  CARDINAL_ATTRIBUTE_FIELD_PRIMARY_KEY,    /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_NULLABLE,       /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_UNIQUE,         /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_INDEX,          /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_AUTOINCREMENT,  /* GtkSwitch */
  CARDINAL_ATTRIBUTE_FIELD_DEFAULT,        /* AdwEntryRow */
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

/* A deep copy of @attributes (of CardinalAttribute; NULL is an empty list)
 * that frees its elements: what an "edit" handler keeps. */
GPtrArray *cardinal_attribute_editor_copy_attributes (GPtrArray *attributes);

/* Signal "edit" (GPtrArray *attributes, const char *label): the user made one
 * change; @attributes is the whole new list (owned by the editor, valid during
 * the emission) and @label names the change ("Change Type"). The handler
 * applies it as one undoable command; the editor shows nothing new until
 * set_attributes () is called. */

G_END_DECLS
