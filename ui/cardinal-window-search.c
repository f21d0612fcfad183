/* cardinal-window-search.c: the find bar: matching entities, attributes, relationships and notes, and walking through the matches. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <string.h>

#include "cardinal-canvas-private.h"

/* One match of the find bar. */
typedef struct
{
  CardinalSearchKind  kind;
  guint               rank;        /* 0 the whole name, 1 its start, 2 inside it */
  char               *entity;      /* entities and attributes */
  char               *attribute;   /* attributes */
  char               *relationship;
  guint               note;        /* notes: the index */
} SearchHit;

static void
search_hit_free (gpointer data)
{
  SearchHit *hit = data;

  g_free (hit->entity);
  g_free (hit->attribute);
  g_free (hit->relationship);
  g_free (hit);
}

GPtrArray *
cardinal_window_search_matches_new (void)
{
  return g_ptr_array_new_with_free_func (search_hit_free);
}

/* 0, 1 or 2 as in SearchHit's rank, or -1 when @name does not hold @needle
 * (both case-folded). */
static int
match_rank (const char *name,
            const char *needle)
{
  g_autofree char *folded = NULL;
  const char *found;

  if (name == NULL)
    return -1;
  folded = g_utf8_casefold (name, -1);
  found = strstr (folded, needle);
  if (found == NULL)
    return -1;
  if (g_str_equal (folded, needle))
    return 0;
  return found == folded ? 1 : 2;
}

static void
add_hit (GPtrArray          *hits,
         CardinalSearchKind  kind,
         int                 rank,
         const char         *entity,
         const char         *attribute,
         const char         *relationship)
{
  SearchHit *hit = g_new0 (SearchHit, 1);

  hit->kind = kind;
  hit->rank = rank;
  hit->entity = g_strdup (entity);
  hit->attribute = g_strdup (attribute);
  hit->relationship = g_strdup (relationship);
  g_ptr_array_add (hits, hit);
}

/* Better matches first; among equals entities, then attributes, then
 * relationships, each in document order (the sort is stable). */
static int
compare_hits (gconstpointer a,
              gconstpointer b)
{
  const SearchHit *x = *(const SearchHit * const *) a, *y = *(const SearchHit * const *) b;

  if (x->rank != y->rank)
    return x->rank < y->rank ? -1 : 1;
  if (x->kind != y->kind)
    return x->kind < y->kind ? -1 : 1;
  return 0;
}

guint
cardinal_window_search_collect (const CardinalModel *model,
                                const char          *text,
                                GPtrArray           *hits)
{
  g_autofree char *needle = g_utf8_casefold (text, -1);
  int rank;

  g_ptr_array_set_size (hits, 0);
  if (*text == '\0')
    return 0;
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if ((rank = match_rank (entity->name, needle)) >= 0)
        add_hit (hits, CARDINAL_SEARCH_ENTITY, rank, entity->name, NULL, NULL);
      for (guint j = 0; j < entity->attributes->len; j++)
        {
          const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, j);

          if ((rank = match_rank (attribute->name, needle)) >= 0)
            add_hit (hits, CARDINAL_SEARCH_ATTRIBUTE, rank, entity->name, attribute->name, NULL);
        }
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if ((rank = match_rank (relationship->name, needle)) >= 0)
        add_hit (hits, CARDINAL_SEARCH_RELATIONSHIP, rank, NULL, NULL, relationship->name);
      else
        for (guint j = 0; j < relationship->link_attributes->len; j++)
          {
            const CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, j);

            /* A link attribute is shown on its relationship's line. */
            if ((rank = match_rank (attribute->name, needle)) >= 0)
              {
                add_hit (hits, CARDINAL_SEARCH_RELATIONSHIP, rank, NULL, attribute->name, relationship->name);
                break;
              }
          }
    }
  /* A note by any word of its text (never by the whole text: it is a
   * sentence, not a name), after the schema's names. */
  for (guint i = 0; i < model->notes->len; i++)
    {
      const CardinalNote *note = g_ptr_array_index (model->notes, i);
      g_autofree char *folded = g_utf8_casefold (note->text, -1);

      if (strstr (folded, needle) != NULL)
        {
          add_hit (hits, CARDINAL_SEARCH_NOTE, 2, NULL, NULL, NULL);
          ((SearchHit *) g_ptr_array_index (hits, hits->len - 1))->note = i;
        }
    }
  g_ptr_array_sort (hits, compare_hits);
  return hits->len;
}

static void
reveal_search_match (CardinalWindow *self)
{
  CardinalCanvas *canvas = CARDINAL_CANVAS (self->canvas);
  g_autofree char *status = NULL;
  const SearchHit *hit;

  if (self->search_matches->len == 0)
    return;
  hit = g_ptr_array_index (self->search_matches, self->search_index);
  switch (hit->kind)
    {
    case CARDINAL_SEARCH_ENTITY:
      cardinal_canvas_reveal_entity (canvas, hit->entity);
      break;
    case CARDINAL_SEARCH_ATTRIBUTE:
      cardinal_canvas_reveal_attribute (canvas, hit->entity, hit->attribute);
      break;
    case CARDINAL_SEARCH_NOTE:
      cardinal_canvas_reveal_note (canvas, hit->note);
      break;
    case CARDINAL_SEARCH_RELATIONSHIP:
    default:
      cardinal_canvas_reveal_relationship (canvas, hit->relationship);
      break;
    }
  status = g_strdup_printf ("%u of %u", self->search_index + 1, self->search_matches->len);
  gtk_label_set_text (self->search_status, status);
}

static void
search_changed_cb (GtkSearchEntry *entry,
                   CardinalWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));

  self->search_index = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (cardinal_window_search_collect (cardinal_window_get_model (self), text, self->search_matches) == 0)
    {
      if (*text != '\0')
        gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->search_status, *text != '\0' ? "No match" : "");
      return;
    }
  reveal_search_match (self);
}

static void
end_search (CardinalWindow *self)
{
  gtk_search_bar_set_search_mode (self->search_bar, FALSE);
  gtk_widget_grab_focus (self->canvas);
}

/* Enter and Shift+Enter, F3 and Shift+F3, Ctrl+G and Ctrl+Shift+G. */
void
cardinal_window_search_step (CardinalWindow *self,
                             int             step)
{
  guint n = self->search_matches->len;

  if (n == 0)
    return;
  self->search_index = (self->search_index + n + (step % (int) n)) % n;
  reveal_search_match (self);
}

static void
search_activate_cb (GtkSearchEntry *entry,
                    CardinalWindow *self)
{
  cardinal_window_search_step (self, 1);
}

/* Shift+Enter: GtkSearchEntry activates on either; this comes first. */
static gboolean
search_key_pressed_cb (GtkEventControllerKey *controller,
                       guint                  keyval,
                       guint                  keycode,
                       GdkModifierType        state,
                       CardinalWindow        *self)
{
  if ((keyval == GDK_KEY_Return || keyval == GDK_KEY_KP_Enter || keyval == GDK_KEY_ISO_Enter) &&
      (state & GDK_SHIFT_MASK) != 0)
    {
      cardinal_window_search_step (self, -1);
      return GDK_EVENT_STOP;
    }
  return GDK_EVENT_PROPAGATE;
}

static void
search_next_match_cb (GtkSearchEntry *entry,
                      CardinalWindow *self)
{
  cardinal_window_search_step (self, 1);
}

static void
search_previous_match_cb (GtkSearchEntry *entry,
                          CardinalWindow *self)
{
  cardinal_window_search_step (self, -1);
}

static void
search_stop_cb (GtkSearchEntry *entry,
                CardinalWindow *self)
{
  end_search (self);
}

void
cardinal_window_search_init (CardinalWindow *self)
{
  GtkEventController *keys = gtk_event_controller_key_new ();

  gtk_event_controller_set_propagation_phase (keys, GTK_PHASE_CAPTURE);
  g_signal_connect (keys, "key-pressed", G_CALLBACK (search_key_pressed_cb), self);
  gtk_widget_add_controller (GTK_WIDGET (self->search_entry), keys);
}

/* Binds the find bar's template callbacks, which live here. */
void
cardinal_window_search_class_init (GtkWidgetClass *widget_class)
{
  gtk_widget_class_bind_template_callback (widget_class, search_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_next_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_previous_match_cb);
  gtk_widget_class_bind_template_callback (widget_class, search_stop_cb);
}
