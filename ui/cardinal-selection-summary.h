/* cardinal-selection-summary.h: the inspector's page for several selected objects: how many, their names, and what can be done to all of them. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

#define CARDINAL_TYPE_SELECTION_SUMMARY (cardinal_selection_summary_get_type ())

G_DECLARE_FINAL_TYPE (CardinalSelectionSummary, cardinal_selection_summary, CARDINAL, SELECTION_SUMMARY, GtkWidget)

GtkWidget  *cardinal_selection_summary_new       (void);
/* NULL-terminated name lists (either may be NULL). */
void        cardinal_selection_summary_set       (CardinalSelectionSummary *self,
                                                  const char * const       *entities,
                                                  const char * const       *relationships);
/* The heading ("3 entities and 1 relationship selected"), for tests. */
const char *cardinal_selection_summary_get_title (CardinalSelectionSummary *self);

G_END_DECLS
