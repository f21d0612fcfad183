/* cardinal-schema-view.h: the side panel's page for what a model holds besides entities: types, sequences, schemas, extensions and SQL objects. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_SCHEMA_VIEW (cardinal_schema_view_get_type ())

G_DECLARE_FINAL_TYPE (CardinalSchemaView, cardinal_schema_view, CARDINAL, SCHEMA_VIEW, GtkWidget)

GtkWidget  *cardinal_schema_view_new          (void);
void        cardinal_schema_view_set_history  (CardinalSchemaView *self,
                                               CardinalHistory    *history);

/* For tests: how many rows each list shows, the row of SQL object @index,
 * the SQL text view and its Apply and Remove buttons (for the selected object). */
guint       cardinal_schema_view_get_n_types     (CardinalSchemaView *self);
guint       cardinal_schema_view_get_n_objects   (CardinalSchemaView *self);
/* The AdwEntryRow of type @index: an enum's labels or a domain's base type, applied with its Apply button. */
GtkWidget  *cardinal_schema_view_get_type_row    (CardinalSchemaView *self,
                                                  guint               index);
GtkWidget  *cardinal_schema_view_get_object_row  (CardinalSchemaView *self,
                                                  guint               index);
GtkTextView *cardinal_schema_view_get_sql_view   (CardinalSchemaView *self);
GtkWidget  *cardinal_schema_view_get_apply_button  (CardinalSchemaView *self);
GtkWidget  *cardinal_schema_view_get_remove_button (CardinalSchemaView *self);
/* The message under the SQL, or NULL when none is shown. */
const char *cardinal_schema_view_get_message     (CardinalSchemaView *self);

G_END_DECLS
