/* cardinal-kind-picture.h: a small crow's-foot drawing of a relationship's kind and participation. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARDINAL_TYPE_KIND_PICTURE (cardinal_kind_picture_get_type ())

G_DECLARE_FINAL_TYPE (CardinalKindPicture, cardinal_kind_picture, CARDINAL, KIND_PICTURE, GtkWidget)

GtkWidget *cardinal_kind_picture_new (void);
/* Two boxes named @left and @right joined by a line whose ends show, at each
 * box, how many of that entity the other end has (@left_many: can a right
 * belong to more than one left, i.e. q1) and whether it must have one. When
 * @known is FALSE the line is drawn dashed and without ends. */
void       cardinal_kind_picture_set (CardinalKindPicture *self,
                                      const char          *left,
                                      const char          *right,
                                      gboolean             known,
                                      gboolean             left_many,
                                      gboolean             left_mandatory,
                                      gboolean             right_many,
                                      gboolean             right_mandatory);

G_END_DECLS
