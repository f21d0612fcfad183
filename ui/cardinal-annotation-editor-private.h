/* cardinal-annotation-editor-private.h: the note and group page's widgets, for its tests. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cardinal-annotation-editor.h"

G_BEGIN_DECLS

GtkTextView *cardinal_annotation_editor_get_text_view   (CardinalAnnotationEditor *self);
AdwEntryRow *cardinal_annotation_editor_get_name_row    (CardinalAnnotationEditor *self);
AdwComboRow *cardinal_annotation_editor_get_color_row   (CardinalAnnotationEditor *self);
/* "Note", "Group" or "" (nothing shown). */
const char  *cardinal_annotation_editor_get_title       (CardinalAnnotationEditor *self);

G_END_DECLS
