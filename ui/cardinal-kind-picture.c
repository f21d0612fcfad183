/* cardinal-kind-picture.c: a small crow's-foot drawing of a relationship's kind and participation. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-kind-picture.h"

#define BOX_HEIGHT 30.0
#define MIN_BOX_WIDTH 64.0
#define END_LENGTH 30.0  /* room the two end marks take next to a box */

struct _CardinalKindPicture
{
  GtkWidget  parent_instance;

  char      *left;
  char      *right;
  gboolean   known;
  gboolean   left_many;
  gboolean   left_mandatory;
  gboolean   right_many;
  gboolean   right_mandatory;
};

G_DEFINE_FINAL_TYPE (CardinalKindPicture, cardinal_kind_picture, GTK_TYPE_WIDGET)

static void
cardinal_kind_picture_measure (GtkWidget      *widget,
                               GtkOrientation  orientation,
                               int             for_size,
                               int            *minimum,
                               int            *natural,
                               int            *minimum_baseline,
                               int            *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 2 * MIN_BOX_WIDTH + 2 * END_LENGTH + 24;
      *natural = 360;
    }
  else
    {
      *minimum = *natural = BOX_HEIGHT + 16;
    }
}

/* The marks at one end of the line, at the box edge @edge_x, drawn toward
 * @direction (±1). Returns where the plain line carries on from them. */
static double
draw_end (cairo_t  *cr,
          double    edge_x,
          double    y,
          double    direction,
          gboolean  many,
          gboolean  mandatory)
{
  const double spread = 8.0;
  const double circle_radius = 4.5;
  double inner_x = edge_x + direction * 20.0;

  if (many)
    {
      /* The crow's foot: three prongs that meet a little away from the box. */
      double meet_x = edge_x + direction * 12.0;

      cairo_move_to (cr, edge_x, y - spread);
      cairo_line_to (cr, meet_x, y);
      cairo_line_to (cr, edge_x, y + spread);
      cairo_move_to (cr, edge_x, y);
      cairo_line_to (cr, meet_x, y);
    }
  else
    {
      cairo_move_to (cr, edge_x + direction * 10.0, y - spread + 1);
      cairo_line_to (cr, edge_x + direction * 10.0, y + spread - 1);
      cairo_move_to (cr, edge_x, y);
      cairo_line_to (cr, inner_x - direction * (mandatory ? 0 : circle_radius), y);
    }
  cairo_stroke (cr);

  if (mandatory)
    {
      cairo_move_to (cr, inner_x, y - spread + 1);
      cairo_line_to (cr, inner_x, y + spread - 1);
      if (many)
        {
          cairo_move_to (cr, edge_x + direction * 12.0, y);
          cairo_line_to (cr, inner_x, y);
        }
      cairo_stroke (cr);
    }
  else
    {
      if (many)
        {
          cairo_move_to (cr, edge_x + direction * 12.0, y);
          cairo_line_to (cr, inner_x - direction * circle_radius, y);
          cairo_stroke (cr);
        }
      cairo_new_sub_path (cr);
      cairo_arc (cr, inner_x + direction * circle_radius, y, circle_radius, 0, 2 * G_PI);
      cairo_stroke (cr);
      return inner_x + direction * 2 * circle_radius;
    }
  return inner_x;
}

static void
rounded_rectangle (cairo_t *cr,
                   double   x,
                   double   y,
                   double   width,
                   double   height,
                   double   radius)
{
  cairo_new_sub_path (cr);
  cairo_arc (cr, x + width - radius, y + radius, radius, -G_PI / 2, 0);
  cairo_arc (cr, x + width - radius, y + height - radius, radius, 0, G_PI / 2);
  cairo_arc (cr, x + radius, y + height - radius, radius, G_PI / 2, G_PI);
  cairo_arc (cr, x + radius, y + radius, radius, G_PI, 3 * G_PI / 2);
  cairo_close_path (cr);
}

static PangoLayout *
box_label (GtkWidget  *widget,
           const char *text,
           double      box_width,
           int        *text_width,
           int        *text_height)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (widget, text ? text : "");

  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (layout, (int) ((box_width - 12) * PANGO_SCALE));
  pango_layout_get_pixel_size (layout, text_width, text_height);
  return layout;
}

static double
natural_box_width (GtkWidget  *widget,
                   const char *text,
                   double      available)
{
  g_autoptr(PangoLayout) layout = gtk_widget_create_pango_layout (widget, text ? text : "");
  int width;

  pango_layout_get_pixel_size (layout, &width, NULL);
  return CLAMP (width + 24.0, MIN_BOX_WIDTH, MAX (MIN_BOX_WIDTH, available));
}

static void
cardinal_kind_picture_snapshot (GtkWidget   *widget,
                                GtkSnapshot *snapshot)
{
  CardinalKindPicture *self = CARDINAL_KIND_PICTURE (widget);
  double width = gtk_widget_get_width (widget);
  double height = gtk_widget_get_height (widget);
  double max_box = MAX (MIN_BOX_WIDTH, (width - 2 * END_LENGTH - 24) / 2);
  double left_width = natural_box_width (widget, self->left, max_box);
  double right_width = natural_box_width (widget, self->right, max_box);
  double box_y = (height - BOX_HEIGHT) / 2;
  double mid_y = height / 2;
  double left_edge = left_width + 0.5;
  double right_edge = width - right_width - 0.5;
  g_autoptr(PangoLayout) left_layout = NULL;
  g_autoptr(PangoLayout) right_layout = NULL;
  GtkStyleContext *style;
  GdkRGBA color;
  cairo_t *cr;
  int text_width;
  int text_height;

  if (width <= 0 || height <= 0)
    return;

  /* GTK 4.8 has no gtk_widget_get_color (); the style context is how to follow the theme. */
  style = gtk_widget_get_style_context (widget);
  gtk_style_context_get_color (style, &color);

  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  cairo_set_line_width (cr, 1.5);
  cairo_set_line_cap (cr, CAIRO_LINE_CAP_ROUND);

  rounded_rectangle (cr, 0.75, box_y, left_width - 1.5, BOX_HEIGHT, 6);
  rounded_rectangle (cr, width - right_width + 0.75, box_y, right_width - 1.5, BOX_HEIGHT, 6);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.08);
  cairo_fill_preserve (cr);
  cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.55);
  cairo_stroke (cr);

  gdk_cairo_set_source_rgba (cr, &color);
  if (self->known)
    {
      double from = draw_end (cr, left_edge, mid_y, 1, self->left_many, self->left_mandatory);
      double to = draw_end (cr, right_edge, mid_y, -1, self->right_many, self->right_mandatory);

      cairo_move_to (cr, from, mid_y);
      cairo_line_to (cr, to, mid_y);
      cairo_stroke (cr);
    }
  else
    {
      const double dash[] = { 4, 4 };

      cairo_set_source_rgba (cr, color.red, color.green, color.blue, color.alpha * 0.5);
      cairo_set_dash (cr, dash, G_N_ELEMENTS (dash), 0);
      cairo_move_to (cr, left_edge, mid_y);
      cairo_line_to (cr, right_edge, mid_y);
      cairo_stroke (cr);
    }
  cairo_destroy (cr);

  left_layout = box_label (widget, self->left, left_width, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT ((left_width - text_width) / 2,
                                                          mid_y - text_height / 2.0));
  gtk_snapshot_append_layout (snapshot, left_layout, &color);
  gtk_snapshot_restore (snapshot);

  right_layout = box_label (widget, self->right, right_width, &text_width, &text_height);
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (width - right_width + (right_width - text_width) / 2,
                                                          mid_y - text_height / 2.0));
  gtk_snapshot_append_layout (snapshot, right_layout, &color);
  gtk_snapshot_restore (snapshot);
}

static void
cardinal_kind_picture_finalize (GObject *object)
{
  CardinalKindPicture *self = CARDINAL_KIND_PICTURE (object);

  g_free (self->left);
  g_free (self->right);

  G_OBJECT_CLASS (cardinal_kind_picture_parent_class)->finalize (object);
}

static void
cardinal_kind_picture_class_init (CardinalKindPictureClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = cardinal_kind_picture_finalize;
  widget_class->measure = cardinal_kind_picture_measure;
  widget_class->snapshot = cardinal_kind_picture_snapshot;

  gtk_widget_class_set_css_name (widget_class, "cardinal-kind-picture");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
cardinal_kind_picture_init (CardinalKindPicture *self)
{
}

GtkWidget *
cardinal_kind_picture_new (void)
{
  return g_object_new (CARDINAL_TYPE_KIND_PICTURE, NULL);
}

void
cardinal_kind_picture_set (CardinalKindPicture *self,
                           const char          *left,
                           const char          *right,
                           gboolean             known,
                           gboolean             left_many,
                           gboolean             left_mandatory,
                           gboolean             right_many,
                           gboolean             right_mandatory)
{
  g_return_if_fail (CARDINAL_IS_KIND_PICTURE (self));

  if (g_strcmp0 (self->left, left) != 0)
    {
      g_free (self->left);
      self->left = g_strdup (left);
    }
  if (g_strcmp0 (self->right, right) != 0)
    {
      g_free (self->right);
      self->right = g_strdup (right);
    }
  self->known = known;
  self->left_many = left_many;
  self->left_mandatory = left_mandatory;
  self->right_many = right_many;
  self->right_mandatory = right_mandatory;
  gtk_widget_queue_draw (GTK_WIDGET (self));
}
