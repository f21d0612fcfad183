/* cardinal-ddl-preview-private.h: the DDL preview's state, for tests. */
#pragma once

#include "cardinal-ddl-preview.h"

G_BEGIN_DECLS

/* Whether a render is scheduled or running; iterate the main context until FALSE. */
gboolean  cardinal_ddl_preview_is_busy  (CardinalDdlPreview *self);
/* The text shown (newly allocated). */
char     *cardinal_ddl_preview_get_text (CardinalDdlPreview *self);

G_END_DECLS
