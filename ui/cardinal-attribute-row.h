/* cardinal-attribute-row.h: one attribute on one line (name, type, key/not-null/unique toggles, default), its full settings folded below. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cardinal-model.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_ATTRIBUTE_ROW (cardinal_attribute_row_get_type ())

G_DECLARE_FINAL_TYPE (CardinalAttributeRow, cardinal_attribute_row, CARDINAL, ATTRIBUTE_ROW, AdwPreferencesRow)

/* The widgets of the line, left to right (the order Tab follows). */
typedef enum
{
  CARDINAL_ATTRIBUTE_ROW_NAME,         /* GtkEntry */
  CARDINAL_ATTRIBUTE_ROW_TYPE,         /* GtkEntry, completed from the type names */
  CARDINAL_ATTRIBUTE_ROW_PRIMARY_KEY,  /* GtkToggleButton */
  CARDINAL_ATTRIBUTE_ROW_NOT_NULL,     /* GtkToggleButton */
  CARDINAL_ATTRIBUTE_ROW_UNIQUE,       /* GtkToggleButton */
  CARDINAL_ATTRIBUTE_ROW_DEFAULT,      /* GtkEntry */
  CARDINAL_ATTRIBUTE_ROW_EXPAND,       /* GtkToggleButton: shows the full settings */
  CARDINAL_ATTRIBUTE_ROW_N_FIELDS,
} CardinalAttributeRowField;

GtkWidget         *cardinal_attribute_row_new             (void);
/* Shows @attribute on the line; NULL makes it the empty line a new attribute
 * is typed into. A text field the user has changed and still holds the
 * focus is left as it is. */
void               cardinal_attribute_row_set_attribute   (CardinalAttributeRow       *self,
                                                           const CardinalAttribute    *attribute);
/* Puts the last values given by set_attribute () back (Escape does this). */
void               cardinal_attribute_row_revert          (CardinalAttributeRow       *self);
/* Whether the line differs from what set_attribute () last showed. */
gboolean           cardinal_attribute_row_is_modified     (CardinalAttributeRow       *self);
/* A copy of @base (NULL: a new attribute) with the line's values; NULL with
 * @error_message and the field at fault in @field when the name is empty or
 * the type malformed. Catalogue types are stored in their own spelling
 * ("INT" → "integer", "character varying(20)" → "varchar(20)"). */
CardinalAttribute *cardinal_attribute_row_read            (CardinalAttributeRow       *self,
                                                           const CardinalAttribute    *base,
                                                           CardinalAttributeRowField  *field,
                                                           char                      **error_message);
/* Shows @message under the line and marks @field; NULL clears. */
void               cardinal_attribute_row_set_error       (CardinalAttributeRow       *self,
                                                           CardinalAttributeRowField   field,
                                                           const char                 *message);
/* The error shown, or NULL. */
const char        *cardinal_attribute_row_get_error       (CardinalAttributeRow       *self);
/* The names the type field completes to, in order of preference (copied). */
void               cardinal_attribute_row_set_type_names  (CardinalAttributeRow       *self,
                                                           const char * const         *names);
void               cardinal_attribute_row_set_allow_primary_key (CardinalAttributeRow *self,
                                                           gboolean                    allow);
GtkWidget         *cardinal_attribute_row_get_field       (CardinalAttributeRow       *self,
                                                           CardinalAttributeRowField   field);
/* The list the full settings go in, shown while the row is expanded. */
GtkListBox        *cardinal_attribute_row_get_details     (CardinalAttributeRow       *self);
gboolean           cardinal_attribute_row_get_expanded    (CardinalAttributeRow       *self);
void               cardinal_attribute_row_set_expanded    (CardinalAttributeRow       *self,
                                                           gboolean                    expanded);
/* Moves the keyboard focus to @field (text fields: all selected). */
void               cardinal_attribute_row_focus           (CardinalAttributeRow       *self,
                                                           CardinalAttributeRowField   field);

/* The type name @text completes to among @names (the first that starts with
 * it, up to case, and is longer), or NULL; for the type field and tests. */
const char        *cardinal_attribute_row_complete        (const char * const         *names,
                                                           const char                 *text);

/* Signals:
 * "commit" (gboolean move_on): Enter on the line (@move_on TRUE), a toggle
 *   pressed, or the focus leaving the line with changes (@move_on FALSE).
 * Property "expanded": whether the full settings are shown. */

G_END_DECLS
