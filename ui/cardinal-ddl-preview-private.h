/* cardinal-ddl-preview-private.h: the DDL preview's state, for tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "cardinal-ddl-preview.h"

G_BEGIN_DECLS

/* Whether a render is scheduled or running; iterate the main context until FALSE. */
gboolean  cardinal_ddl_preview_is_busy  (CardinalDdlPreview *self);
/* The text shown (newly allocated). */
char     *cardinal_ddl_preview_get_text (CardinalDdlPreview *self);
/* The GtkSourceView, the footer's Wrap toggle and Copy button. */
GtkTextView     *cardinal_ddl_preview_get_text_view   (CardinalDdlPreview *self);
GtkToggleButton *cardinal_ddl_preview_get_wrap_button (CardinalDdlPreview *self);
GtkWidget       *cardinal_ddl_preview_get_copy_button (CardinalDdlPreview *self);

G_END_DECLS
