/* cardinal-selection-summary.c: the inspector's page for a selection of several objects; its buttons run the window's align, distribute, group, colour and delete actions. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-selection-summary.h"

#include <adwaita.h>

#include "cardinal-objects.h"

/* Past this many, the list says "and N more" instead of growing without end. */
#define MAX_LISTED 50

struct _CardinalSelectionSummary
{
  GtkWidget  parent_instance;

  GtkWidget *scrolled;
  GtkLabel  *title;
  GtkListBox *names;
};

G_DEFINE_FINAL_TYPE (CardinalSelectionSummary, cardinal_selection_summary, GTK_TYPE_WIDGET)

static GtkWidget *
action_button (const char *label,
               const char *tooltip,
               const char *action,
               const char *target)
{
  GtkWidget *button = gtk_button_new_with_mnemonic (label);

  gtk_widget_set_tooltip_text (button, tooltip);
  if (target != NULL)
    gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "s", target);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), action);
  return button;
}

static GtkWidget *
section_label (const char *text)
{
  GtkWidget *label = gtk_label_new (text);

  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_widget_add_css_class (label, "heading");
  gtk_widget_set_margin_top (label, 12);
  return label;
}

static void
cardinal_selection_summary_dispose (GObject *object)
{
  CardinalSelectionSummary *self = CARDINAL_SELECTION_SUMMARY (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  G_OBJECT_CLASS (cardinal_selection_summary_parent_class)->dispose (object);
}

static void
cardinal_selection_summary_class_init (CardinalSelectionSummaryClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = cardinal_selection_summary_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "cardinal-selection-summary");
}

static void
cardinal_selection_summary_init (CardinalSelectionSummary *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *align = gtk_grid_new ();
  GtkWidget *distribute = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *delete = action_button ("_Delete", "Delete them and their relationships (Delete)",
                                     "win.delete-selected", NULL);

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 12);
  gtk_widget_set_margin_bottom (box, 12);

  self->title = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_xalign (self->title, 0);
  gtk_label_set_wrap (self->title, TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->title), "title-3");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->title));

  self->names = GTK_LIST_BOX (gtk_list_box_new ());
  gtk_list_box_set_selection_mode (self->names, GTK_SELECTION_NONE);
  gtk_widget_add_css_class (GTK_WIDGET (self->names), "boxed-list");
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->names));

  /* Labels, not icons: the icon theme has no align icons on every system. */
  gtk_box_append (GTK_BOX (box), section_label ("Align"));
  gtk_grid_set_column_spacing (GTK_GRID (align), 6);
  gtk_grid_set_row_spacing (GTK_GRID (align), 6);
  gtk_grid_set_column_homogeneous (GTK_GRID (align), TRUE);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Left", "Align left edges", "win.align", "left"), 0, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Centre", "Align centres horizontally", "win.align", "center-x"), 1, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Right", "Align right edges", "win.align", "right"), 2, 0, 1, 1);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Top", "Align top edges", "win.align", "top"), 0, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Middle", "Align centres vertically", "win.align", "center-y"), 1, 1, 1, 1);
  gtk_grid_attach (GTK_GRID (align), action_button ("_Bottom", "Align bottom edges", "win.align", "bottom"), 2, 1, 1, 1);
  gtk_box_append (GTK_BOX (box), align);

  gtk_box_append (GTK_BOX (box), section_label ("Distribute"));
  gtk_box_set_homogeneous (GTK_BOX (distribute), TRUE);
  gtk_box_append (GTK_BOX (distribute), action_button ("_Horizontally", "Equal gaps from left to right (three or more)",
                                                       "win.distribute", "horizontal"));
  gtk_box_append (GTK_BOX (distribute), action_button ("_Vertically", "Equal gaps from top to bottom (three or more)",
                                                       "win.distribute", "vertical"));
  gtk_box_append (GTK_BOX (box), distribute);

  /* The same actions as the canvas menu's (the window's "notes" group). */
  gtk_box_append (GTK_BOX (box), section_label ("Group and Colour"));
  {
    GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
    GtkWidget *colour = gtk_menu_button_new ();
    g_autoptr(GMenu) colours = g_menu_new ();
    g_autoptr(GMenuItem) none = g_menu_item_new ("No Colour", NULL);
    const CardinalPaletteColor *palette;
    guint n_colors;

    palette = cardinal_palette_colors (&n_colors);
    g_menu_item_set_action_and_target (none, "notes.set-color", "s", "");
    g_menu_append_item (colours, none);
    for (guint i = 0; i < n_colors; i++)
      {
        g_autoptr(GMenuItem) item = g_menu_item_new (palette[i].label, NULL);

        g_menu_item_set_action_and_target (item, "notes.set-color", "s", palette[i].name);
        g_menu_append_item (colours, item);
      }
    gtk_menu_button_set_label (GTK_MENU_BUTTON (colour), "C_olour");
    gtk_menu_button_set_use_underline (GTK_MENU_BUTTON (colour), TRUE);
    gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (colour), G_MENU_MODEL (colours));
    gtk_widget_set_tooltip_text (colour, "The header colour of every selected entity");
    gtk_box_set_homogeneous (GTK_BOX (row), TRUE);
    gtk_box_append (GTK_BOX (row), action_button ("_Group", "Put them in a new group (they leave their old one)",
                                                  "notes.group-selection", NULL));
    gtk_box_append (GTK_BOX (row), colour);
    gtk_box_append (GTK_BOX (box), row);
  }

  gtk_widget_add_css_class (delete, "destructive-action");
  gtk_widget_set_margin_top (delete, 18);
  gtk_box_append (GTK_BOX (box), delete);

  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_NEVER, GTK_POLICY_AUTOMATIC);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), box);
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
}

GtkWidget *
cardinal_selection_summary_new (void)
{
  return g_object_new (CARDINAL_TYPE_SELECTION_SUMMARY, NULL);
}

static void
add_row (CardinalSelectionSummary *self,
         const char               *text,
         const char               *icon_name)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 8);
  GtkWidget *label = gtk_label_new (text);

  gtk_widget_set_margin_start (row, 10);
  gtk_widget_set_margin_end (row, 10);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  if (icon_name != NULL)
    gtk_box_append (GTK_BOX (row), gtk_image_new_from_icon_name (icon_name));
  gtk_label_set_xalign (GTK_LABEL (label), 0);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  gtk_box_append (GTK_BOX (row), label);
  gtk_list_box_append (self->names, row);
}

static char *
plural (guint       n,
        const char *one,
        const char *many)
{
  return n == 1 ? g_strdup_printf ("1 %s", one) : g_strdup_printf ("%u %s", n, many);
}

void
cardinal_selection_summary_set (CardinalSelectionSummary *self,
                                const char * const       *entities,
                                const char * const       *relationships)
{
  guint n_entities = entities != NULL ? g_strv_length ((GStrv) entities) : 0;
  guint n_relationships = relationships != NULL ? g_strv_length ((GStrv) relationships) : 0;
  g_autofree char *entity_text = plural (n_entities, "entity", "entities");
  g_autofree char *relationship_text = plural (n_relationships, "relationship", "relationships");
  g_autofree char *title = NULL;
  guint listed = 0;
  GtkWidget *child;

  g_return_if_fail (CARDINAL_IS_SELECTION_SUMMARY (self));

  if (n_entities > 0 && n_relationships > 0)
    title = g_strdup_printf ("%s and %s selected", entity_text, relationship_text);
  else if (n_relationships > 0)
    title = g_strdup_printf ("%s selected", relationship_text);
  else
    title = g_strdup_printf ("%s selected", entity_text);
  gtk_label_set_label (self->title, title);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->names))) != NULL)
    gtk_list_box_remove (self->names, child);
  for (guint i = 0; i < n_entities && listed < MAX_LISTED; i++, listed++)
    add_row (self, entities[i], "view-grid-symbolic");
  for (guint i = 0; i < n_relationships && listed < MAX_LISTED; i++, listed++)
    add_row (self, relationships[i], "network-wired-symbolic");
  if (n_entities + n_relationships > listed)
    {
      g_autofree char *more = g_strdup_printf ("and %u more", n_entities + n_relationships - listed);

      add_row (self, more, NULL);
    }
}

const char *
cardinal_selection_summary_get_title (CardinalSelectionSummary *self)
{
  g_return_val_if_fail (CARDINAL_IS_SELECTION_SUMMARY (self), NULL);

  return gtk_label_get_label (self->title);
}
