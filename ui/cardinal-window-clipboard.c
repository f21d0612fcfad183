/* cardinal-window-clipboard.c: Cut, Copy, Paste and Duplicate of entities as .cardinal fragments, and the toast that says what a Delete took. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <math.h>

#include "cardinal-canvas-private.h"
#include "cardinal-document.h"
#include "cardinal-fragment.h"

/* How far a paste or a duplicate lands from its source: two grid steps. */
#define PASTE_STEP (2 * GRID)
/* Bigger than any design anyone pastes; the clipboard is read whole. */
#define PASTE_MAX_SIZE (64 * 1024 * 1024)

typedef struct
{
  CardinalWindow *window;       /* owned */
  gboolean        at_point;
  double          x;
  double          y;
} PasteRequest;

static void
paste_request_free (PasteRequest *request)
{
  g_object_unref (request->window);
  g_free (request);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PasteRequest, paste_request_free)

static char *
count_text (guint       n,
            const char *one,
            const char *many)
{
  return n == 1 ? g_strdup_printf ("1 %s", one) : g_strdup_printf ("%u %s", n, many);
}

/* The selected entities as a fragment, or NULL when none is selected. */
static CardinalModel *
selection_fragment (CardinalWindow *self)
{
  g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (self->canvas));

  if (entities == NULL || entities[0] == NULL)
    return NULL;
  return cardinal_fragment_extract (cardinal_window_get_model (self), (const char * const *) entities);
}

/* Adds @fragment to the document as one undoable step and selects what came in. */
static void
insert_fragment (CardinalWindow      *self,
                 const CardinalModel *fragment,
                 double               dx,
                 double               dy,
                 const char          *label)
{
  g_auto(GStrv) entities = NULL;
  g_auto(GStrv) relationships = NULL;
  g_autoptr(GError) error = NULL;
  CardinalModel *pasted;

  pasted = cardinal_fragment_paste (cardinal_window_get_model (self), fragment, dx, dy,
                                    PASTE_STEP, &entities, &relationships);
  if (!cardinal_history_replace_model (self->history, pasted, label, &error))
    {
      cardinal_window_show_toast (self, error->message);
      return;
    }
  cardinal_canvas_select (CARDINAL_CANVAS (self->canvas), (const char * const *) entities,
                          (const char * const *) relationships);
  gtk_widget_grab_focus (self->canvas);
}

void
cardinal_window_copy (CardinalWindow *self,
                      gboolean        cut)
{
  g_autoptr(CardinalModel) fragment = NULL;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GdkContentProvider) provider = NULL;
  GdkContentProvider *providers[3];
  char *data;
  gsize length;

  if (cardinal_window_focus_is_outside_canvas_area (self))
    return;
  fragment = selection_fragment (self);
  if (fragment == NULL)
    return;

  /* Our own type for Cardinal, the same text for editors and chats. */
  data = cardinal_fragment_to_data (fragment, &length);
  bytes = g_bytes_new_take (data, length);
  providers[0] = gdk_content_provider_new_for_bytes (CARDINAL_FRAGMENT_MIME_TYPE, bytes);
  providers[1] = gdk_content_provider_new_for_bytes ("text/plain;charset=utf-8", bytes);
  providers[2] = gdk_content_provider_new_for_bytes ("text/plain", bytes);
  provider = gdk_content_provider_new_union (providers, G_N_ELEMENTS (providers));
  gdk_clipboard_set_content (gtk_widget_get_clipboard (GTK_WIDGET (self)), provider);

  if (cut)
    {
      g_auto(GStrv) entities = cardinal_canvas_get_selected_entities (CARDINAL_CANVAS (self->canvas));
      const char *none[] = { NULL };
      g_autoptr(GError) error = NULL;

      /* Relationships to entities left behind go too, as with Delete. */
      if (!cardinal_history_remove (self->history, (const char * const *) entities, none, &error))
        cardinal_window_show_toast (self, error->message);
    }
}

static void
paste_text (PasteRequest *request,
            const char   *text,
            gsize         length)
{
  CardinalWindow *self = request->window;
  g_autoptr(CardinalModel) fragment = NULL;
  g_autoptr(GError) error = NULL;
  double dx = PASTE_STEP, dy = PASTE_STEP;

  if (self->history == NULL)
    return;
  if (text != NULL)
    fragment = cardinal_fragment_from_data (text, (gssize) length, &error);
  if (fragment == NULL || fragment->entities->len == 0)
    {
      /* Nothing changes; the reason is in the log for whoever made the text. */
      if (error != NULL)
        g_debug ("Not a Cardinal fragment: %s", error->message);
      cardinal_window_show_toast (self, "The clipboard holds no Cardinal entities to paste");
      return;
    }

  if (request->at_point)
    {
      double left = G_MAXDOUBLE, top = G_MAXDOUBLE;

      /* The copy's top-left corner goes where the menu was opened, on the grid. */
      for (guint i = 0; i < fragment->entities->len; i++)
        {
          const CardinalEntity *entity = g_ptr_array_index (fragment->entities, i);

          left = MIN (left, entity->x);
          top = MIN (top, entity->y);
        }
      dx = round (request->x / GRID) * GRID - left;
      dy = round (request->y / GRID) * GRID - top;
    }
  insert_fragment (self, fragment, dx, dy, "Paste");
}

static void
paste_read_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(PasteRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  GOutputStream *memory = G_OUTPUT_STREAM (source);
  gssize size = g_output_stream_splice_finish (memory, result, &error);

  if (size < 0 || size > PASTE_MAX_SIZE)
    {
      paste_text (request, NULL, 0);
      return;
    }
  paste_text (request, g_memory_output_stream_get_data (G_MEMORY_OUTPUT_STREAM (memory)),
              g_memory_output_stream_get_data_size (G_MEMORY_OUTPUT_STREAM (memory)));
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PasteRequest) request = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GInputStream) stream = NULL;
  g_autoptr(GOutputStream) memory = NULL;

  stream = gdk_clipboard_read_finish (GDK_CLIPBOARD (source), result, NULL, &error);
  if (stream == NULL)
    {
      /* An empty clipboard, or one that holds a picture. */
      paste_text (request, NULL, 0);
      return;
    }
  memory = g_memory_output_stream_new_resizable ();
  g_output_stream_splice_async (memory, stream,
                                G_OUTPUT_STREAM_SPLICE_CLOSE_SOURCE | G_OUTPUT_STREAM_SPLICE_CLOSE_TARGET,
                                G_PRIORITY_DEFAULT, NULL, paste_read_cb, g_steal_pointer (&request));
}

void
cardinal_window_paste (CardinalWindow *self,
                       gboolean        at_context_point)
{
  /* Ours first; any text after it, which the strict loader then judges. */
  static const char *mime_types[] = {
    CARDINAL_FRAGMENT_MIME_TYPE, "text/plain;charset=utf-8", "text/plain", NULL
  };
  PasteRequest *request;

  if (cardinal_window_focus_is_outside_canvas_area (self))
    return;
  request = g_new0 (PasteRequest, 1);
  request->window = g_object_ref (self);
  request->at_point = at_context_point;
  request->x = self->context_x;
  request->y = self->context_y;
  gdk_clipboard_read_async (gtk_widget_get_clipboard (GTK_WIDGET (self)), mime_types,
                            G_PRIORITY_DEFAULT, NULL, clipboard_read_cb, request);
}

void
cardinal_window_duplicate (CardinalWindow *self)
{
  g_autoptr(CardinalModel) fragment = NULL;

  if (cardinal_window_focus_is_outside_canvas_area (self))
    return;
  fragment = selection_fragment (self);
  if (fragment != NULL)
    insert_fragment (self, fragment, PASTE_STEP, PASTE_STEP, "Duplicate");
}

/* GNOME's way for a delete: done at once, and a toast to take it back. */
void
cardinal_window_canvas_deleted_cb (GtkWidget      *canvas,
                                   guint           n_entities,
                                   guint           n_relationships,
                                   CardinalWindow *self)
{
  g_autofree char *entities = count_text (n_entities, "entity", "entities");
  g_autofree char *relationships = count_text (n_relationships, "relationship", "relationships");
  g_autofree char *title = NULL;
  AdwToast *toast;

  if (n_entities > 0 && n_relationships > 0)
    title = g_strdup_printf ("Deleted %s and %s", entities, relationships);
  else if (n_entities > 0)
    title = g_strdup_printf ("Deleted %s", entities);
  else if (n_relationships > 0)
    title = g_strdup_printf ("Deleted %s", relationships);
  else
    return;

  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, "_Undo");
  adw_toast_set_action_name (toast, "win.undo");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

GMenuModel *
cardinal_window_canvas_menu (void)
{
  g_autoptr(GtkBuilder) builder = gtk_builder_new_from_resource ("/app/cardinal/Designer/cardinal-canvas-menu.ui");

  return g_object_ref (G_MENU_MODEL (gtk_builder_get_object (builder, "canvas_menu")));
}

void
cardinal_window_remember_context_point (CardinalWindow *self,
                                        double          canvas_x,
                                        double          canvas_y)
{
  cardinal_canvas_widget_to_model (CARDINAL_CANVAS (self->canvas), canvas_x, canvas_y,
                                   &self->context_x, &self->context_y);
}
