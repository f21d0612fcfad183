/* cardinal-ddl-preview.h: a read-only pane with the model's DDL that follows every edit. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "cardinal-history.h"
#include "cardinal-types.h"

G_BEGIN_DECLS

#define CARDINAL_TYPE_DDL_PREVIEW (cardinal_ddl_preview_get_type ())

G_DECLARE_FINAL_TYPE (CardinalDdlPreview, cardinal_ddl_preview, CARDINAL, DDL_PREVIEW, GtkWidget)

GtkWidget *cardinal_ddl_preview_new         (void);
void       cardinal_ddl_preview_set_history (CardinalDdlPreview *self,
                                             CardinalHistory    *history);
void       cardinal_ddl_preview_set_dialect (CardinalDdlPreview *self,
                                             CardinalDialect     dialect);

G_END_DECLS
