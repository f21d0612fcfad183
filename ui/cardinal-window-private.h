/* cardinal-window-private.h: the window's instance struct and the internals its own files share; not for the rest of ui/. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <adwaita.h>

#include "cardinal-history.h"
#include "cardinal-task.h"
#include "cardinal-types.h"
#include "cardinal-window.h"

G_BEGIN_DECLS

#define UNTITLED_TITLE "Untitled Design"
#define UNTITLED_MODEL_NAME "untitled"
#define RECENT_MAX 10
#define GRID 20.0

struct _CardinalWindow
{
  AdwApplicationWindow  parent_instance;

  /* Template children */
  AdwToastOverlay      *toast_overlay;
  AdwWindowTitle       *window_title;
  AdwSplitButton       *open_button;
  GtkButton            *undo_button;
  GtkButton            *redo_button;
  GtkSearchBar         *search_bar;
  GtkSearchEntry       *search_entry;
  GtkLabel             *search_status;
  GtkPaned             *paned;
  GtkOverlay           *canvas_overlay;
  GtkWidget            *canvas;
  GtkWidget            *minimap;
  GtkToggleButton      *logical_toggle;
  GtkToggleButton      *physical_toggle;
  GtkLabel             *zoom_label;
  GtkWidget            *side_panel;
  AdwViewStack         *side_stack;
  AdwViewStackPage     *diagnostics_page;
  GtkWidget            *inspector;
  GtkWidget            *diagnostics;
  GtkWidget            *ddl_preview;
  GtkWidget            *schema_view;
  GtkDropDown          *dialect_dropdown;
  GtkRevealer          *task_revealer;
  GtkLabel             *task_label;

  /* The document */
  CardinalHistory      *history;
  GSignalGroup         *history_signals;  /* the window's handlers on whichever history it shows */
  GFile                *file;
  gboolean              recovered;        /* unsaved work brought back after a crash */
  char                 *draft_title;      /* an unsaved document made from a database (import) */

  /* Background work (arrange, export, import, apply): their cancellables */
  GPtrArray            *tasks;

  /* Crash recovery: <stem>.cardinal and <stem>.json */
  char                 *recovery_stem;
  gboolean              recovery_written;
  gboolean              recovery_stale;
  guint                 autosave_id;

  /* Closing */
  gboolean              close_confirmed;
  gboolean              close_after_save;
  GtkWidget            *close_dialog;     /* weak */

  GSettings            *settings;
  GMenu                *recent_menu;
  GtkWidget            *context_menu;
  GtkNativeDialog      *file_chooser;
  AdwToast             *hint_toast;       /* weak */
  GPtrArray            *search_matches;   /* of the find bar's hits, best first (cardinal-window-search.c) */
  guint                 search_index;
  guint                 diagnostics_idle_id;

  /* Clipboard: where the context menu last opened (model coordinates), for its Paste */
  double                context_x;
  double                context_y;
};

/* cardinal-window.c */
void cardinal_window_error_dialog (CardinalWindow *self,
                                   const char     *heading,
                                   const char     *message);
void cardinal_window_show_toast (CardinalWindow *self,
                                 const char     *message);
void cardinal_window_show_hint (CardinalWindow *self,
                                const char     *message);
const CardinalModel *cardinal_window_get_model (CardinalWindow *self);
gboolean cardinal_window_focus_is_outside_canvas_area (CardinalWindow *self);
char *cardinal_window_document_title (CardinalWindow *self);
void cardinal_window_update_title (CardinalWindow *self);
void cardinal_window_update_zoom_label (CardinalWindow *self);
void cardinal_window_set_document (CardinalWindow *self,
                                   CardinalModel  *model,
                                   GFile          *file,
                                   gboolean        recovered);
void cardinal_window_show_rename_dialog (CardinalWindow *self,
                                         gboolean        relationship,
                                         const char     *name);

/* cardinal-window-minimap.c */
void cardinal_window_minimap_init (CardinalWindow *self);
void cardinal_window_minimap_apply_settings (CardinalWindow *self);

/* cardinal-window-files.c */
void cardinal_window_rebuild_recent_menu (CardinalWindow *self);
void cardinal_window_add_to_recent (GFile *file);
void cardinal_window_open_in_some_window (CardinalWindow *self,
                                          GFile          *file);
/* Shows the window's one file chooser: @filter_name files (@pattern) or all,
 * in the design's folder, @name proposed (NULL: none), @response connected
 * with the window. Returns it, owned by the window. */
GtkFileChooserNative *cardinal_window_show_chooser (CardinalWindow       *self,
                                                    const char           *title,
                                                    GtkFileChooserAction  action,
                                                    const char           *accept_label,
                                                    const char           *filter_name,
                                                    const char           *pattern,
                                                    const char           *name,
                                                    GCallback             response);
void cardinal_window_open_response_cb (GtkNativeDialog *chooser,
                                       int              response,
                                       CardinalWindow  *self);
void cardinal_window_save_as (CardinalWindow *self);
void cardinal_window_save (CardinalWindow *self);
void cardinal_window_export_ddl (CardinalWindow  *self,
                                 CardinalDialect  dialect);
gboolean cardinal_window_drop_cb (GtkDropTarget  *target,
                                  const GValue   *value,
                                  double          x,
                                  double          y,
                                  CardinalWindow *self);

/* cardinal-window-recovery.c */
void cardinal_window_forget_recovery (CardinalWindow *self);
void cardinal_window_schedule_autosave (CardinalWindow *self);

/* cardinal-window-search.c */
typedef enum
{
  CARDINAL_SEARCH_ENTITY,
  CARDINAL_SEARCH_ATTRIBUTE,
  CARDINAL_SEARCH_RELATIONSHIP,
  CARDINAL_SEARCH_NOTE,
} CardinalSearchKind;

void cardinal_window_search_class_init (GtkWidgetClass *widget_class);
void cardinal_window_search_init (CardinalWindow *self);
GPtrArray *cardinal_window_search_matches_new (void);
/* Fills @hits with what @text finds in @model, best first; returns how many. */
guint cardinal_window_search_collect (const CardinalModel *model,
                                      const char          *text,
                                      GPtrArray           *hits);
/* Goes @step matches on (negative: back), wrapping around. */
void cardinal_window_search_step (CardinalWindow *self,
                                  int             step);

/* cardinal-window-actions.c */
void cardinal_window_actions_class_init (GtkWidgetClass *widget_class);
void cardinal_window_update_actions (CardinalWindow *self);

/* cardinal-window-clipboard.c */
void cardinal_window_copy (CardinalWindow *self,
                           gboolean        cut);
void cardinal_window_paste (CardinalWindow *self,
                            gboolean        at_context_point);
void cardinal_window_duplicate (CardinalWindow *self);
void cardinal_window_canvas_deleted_cb (GtkWidget      *canvas,
                                        guint           n_entities,
                                        guint           n_relationships,
                                        CardinalWindow *self);
GMenuModel *cardinal_window_canvas_menu (void);
void cardinal_window_remember_context_point (CardinalWindow *self,
                                             double          canvas_x,
                                             double          canvas_y);

/* cardinal-window-arrange.c */
/* A box's size as the canvas will draw it, near enough for spacing. */
void cardinal_window_estimate_entity_size (const CardinalEntity *entity,
                                           double               *width,
                                           double               *height);
void cardinal_window_arrange_done_cb (GObject      *source,
                                      GAsyncResult *result,
                                      gpointer      user_data);

G_END_DECLS
