/* cardinal-window-search.c: the find bar: matching entity names and walking through the matches. */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <string.h>

#include "cardinal-canvas-private.h"

static void
reveal_search_match (CardinalWindow *self)
{
  g_autofree char *status = NULL;

  if (self->search_matches->len == 0)
    return;
  cardinal_canvas_reveal_entity (CARDINAL_CANVAS (self->canvas),
                                 g_ptr_array_index (self->search_matches, self->search_index));
  status = g_strdup_printf ("%u of %u", self->search_index + 1, self->search_matches->len);
  gtk_label_set_text (self->search_status, status);
}

/* Exact names first, then names that start with the text, then the rest. */
static void
search_changed_cb (GtkSearchEntry *entry,
                   CardinalWindow *self)
{
  const char *text = gtk_editable_get_text (GTK_EDITABLE (entry));
  const CardinalModel *model = cardinal_window_get_model (self);
  g_autofree char *needle = g_utf8_casefold (text, -1);
  GPtrArray *ranked[3] = { NULL, NULL, NULL };

  g_ptr_array_set_size (self->search_matches, 0);
  self->search_index = 0;
  gtk_widget_remove_css_class (GTK_WIDGET (entry), "error");
  if (*text == '\0')
    {
      gtk_label_set_text (self->search_status, "");
      return;
    }

  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    ranked[r] = g_ptr_array_new ();
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      g_autofree char *folded = g_utf8_casefold (entity->name, -1);
      const char *found = strstr (folded, needle);

      if (found == NULL)
        continue;
      if (g_str_equal (folded, needle))
        g_ptr_array_add (ranked[0], entity->name);
      else if (found == folded)
        g_ptr_array_add (ranked[1], entity->name);
      else
        g_ptr_array_add (ranked[2], entity->name);
    }
  for (guint r = 0; r < G_N_ELEMENTS (ranked); r++)
    {
      for (guint i = 0; i < ranked[r]->len; i++)
        g_ptr_array_add (self->search_matches, g_strdup (g_ptr_array_index (ranked[r], i)));
      g_ptr_array_unref (ranked[r]);
    }

  if (self->search_matches->len == 0)
    {
      gtk_widget_add_css_class (GTK_WIDGET (entry), "error");
      gtk_label_set_text (self->search_status, "No entity");
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

static void
search_activate_cb (GtkSearchEntry *entry,
                    CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  reveal_search_match (self);
  end_search (self);
}

static void
search_next_match_cb (GtkSearchEntry *entry,
                      CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  self->search_index = (self->search_index + 1) % self->search_matches->len;
  reveal_search_match (self);
}

static void
search_previous_match_cb (GtkSearchEntry *entry,
                          CardinalWindow *self)
{
  if (self->search_matches->len == 0)
    return;
  self->search_index = (self->search_index + self->search_matches->len - 1) % self->search_matches->len;
  reveal_search_match (self);
}

static void
search_stop_cb (GtkSearchEntry *entry,
                CardinalWindow *self)
{
  end_search (self);
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
