/* cardinal-canvas-notes.c: drawing and measuring sticky notes, group areas and entity colours on the canvas (format 3). */
#include "cardinal-canvas-notes.h"

#include <math.h>

#define NOTE_PAD      8.0
#define NOTE_FOLD     14.0
#define GROUP_RADIUS  12.0

gboolean
cardinal_canvas_parse_color (const char *color,
                             GdkRGBA    *rgba)
{
  double rgb[3];

  if (color == NULL)
    return FALSE;
  /* Palette names first: "blue" is also a CSS colour, a much harsher one. */
  if (cardinal_color_to_rgb (color, rgb))
    {
      *rgba = (GdkRGBA) { rgb[0], rgb[1], rgb[2], 1.0f };
      return TRUE;
    }
  return gdk_rgba_parse (rgba, color);
}

void
cardinal_canvas_group_area (const graphene_rect_t *members,
                            graphene_rect_t       *area)
{
  *area = GRAPHENE_RECT_INIT (members->origin.x - CARDINAL_CANVAS_GROUP_PAD,
                              members->origin.y - CARDINAL_CANVAS_GROUP_PAD - CARDINAL_CANVAS_GROUP_TITLE,
                              members->size.width + 2 * CARDINAL_CANVAS_GROUP_PAD,
                              members->size.height + 2 * CARDINAL_CANVAS_GROUP_PAD + CARDINAL_CANVAS_GROUP_TITLE);
}

gboolean
cardinal_canvas_group_title_hit (const graphene_rect_t *area,
                                 double                 x,
                                 double                 y)
{
  return x >= area->origin.x && x <= area->origin.x + area->size.width &&
         y >= area->origin.y && y <= area->origin.y + CARDINAL_CANVAS_GROUP_TITLE + CARDINAL_CANVAS_GROUP_PAD / 2;
}

static GdkRGBA
mix (const GdkRGBA *a,
     const GdkRGBA *b,
     float          t)
{
  return (GdkRGBA) {
    a->red + (b->red - a->red) * t,
    a->green + (b->green - a->green) * t,
    a->blue + (b->blue - a->blue) * t,
    1.0f,
  };
}

static void
append_text (GtkSnapshot   *snapshot,
             PangoLayout   *layout,
             double         x,
             double         y,
             const GdkRGBA *color)
{
  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, layout, color);
  gtk_snapshot_restore (snapshot);
}

void
cardinal_canvas_draw_group (GtkSnapshot                 *snapshot,
                            const graphene_rect_t       *area,
                            const CardinalGroup         *group,
                            const CardinalCanvasPalette *palette,
                            PangoContext                *context,
                            double                       zoom)
{
  GdkRGBA base, fill, edge, text;
  GskRoundedRect round;
  float width = MAX (1.0, 1.0 / zoom);
  float widths[4] = { width, width, width, width };
  GdkRGBA edges[4];

  if (!cardinal_canvas_parse_color (group->color != NULL ? group->color : "grey", &base))
    base = palette->border;
  /* A faint wash of the colour over the canvas, stronger at the edge; the
   * dark style needs more of it to show at all. */
  fill = mix (&palette->background, &base, palette->dark ? 0.22f : 0.12f);
  fill.alpha = 0.9f;
  edge = mix (&palette->background, &base, palette->dark ? 0.6f : 0.5f);
  text = mix (&palette->text, &base, 0.35f);
  for (guint i = 0; i < 4; i++)
    edges[i] = edge;

  gsk_rounded_rect_init_from_rect (&round, area, GROUP_RADIUS);
  gtk_snapshot_push_rounded_clip (snapshot, &round);
  gtk_snapshot_append_color (snapshot, &fill, area);
  gtk_snapshot_pop (snapshot);
  gtk_snapshot_append_border (snapshot, &round, widths, edges);

  /* The name is only worth drawing where it can be read. */
  if (context != NULL && zoom >= 0.25)
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);
      PangoAttrList *attrs = pango_attr_list_new ();

      pango_attr_list_insert (attrs, pango_attr_weight_new (PANGO_WEIGHT_BOLD));
      pango_layout_set_attributes (layout, attrs);
      pango_attr_list_unref (attrs);
      pango_layout_set_text (layout, group->name, -1);
      pango_layout_set_width (layout, (int) (MAX (area->size.width - 2 * GROUP_RADIUS, 10) * PANGO_SCALE));
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      append_text (snapshot, layout, area->origin.x + GROUP_RADIUS, area->origin.y + 6, &text);
    }
}

void
cardinal_canvas_draw_note (GtkSnapshot                 *snapshot,
                           const graphene_rect_t       *rect,
                           const CardinalNote          *note,
                           const CardinalCanvasPalette *palette,
                           PangoContext                *context,
                           double                       zoom)
{
  /* Sticky-note yellow in both styles, darkened for the dark one so that
   * light text on it stays readable. */
  GdkRGBA paper = palette->dark ? (GdkRGBA) { 0.42f, 0.37f, 0.13f, 1.0f } : (GdkRGBA) { 0.99f, 0.95f, 0.70f, 1.0f };
  GdkRGBA fold = palette->dark ? (GdkRGBA) { 0.55f, 0.49f, 0.20f, 1.0f } : (GdkRGBA) { 0.93f, 0.85f, 0.45f, 1.0f };
  GdkRGBA edge = palette->dark ? (GdkRGBA) { 0.62f, 0.55f, 0.25f, 1.0f } : (GdkRGBA) { 0.80f, 0.68f, 0.20f, 1.0f };
  graphene_rect_t corner = GRAPHENE_RECT_INIT (rect->origin.x + rect->size.width - NOTE_FOLD,
                                               rect->origin.y + rect->size.height - NOTE_FOLD, NOTE_FOLD, NOTE_FOLD);

  gtk_snapshot_append_color (snapshot, &paper, rect);
  gtk_snapshot_append_color (snapshot, &fold, &corner);
  cardinal_canvas_append_frame (snapshot, rect, MAX (1.0, 1.0 / zoom), &edge);

  if (context != NULL && zoom >= 0.25 && note->text[0] != '\0')
    {
      g_autoptr(PangoLayout) layout = pango_layout_new (context);

      pango_layout_set_text (layout, note->text, -1);
      pango_layout_set_width (layout, (int) (MAX (rect->size.width - 2 * NOTE_PAD, 1) * PANGO_SCALE));
      pango_layout_set_height (layout, (int) (MAX (rect->size.height - 2 * NOTE_PAD, 1) * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
      gtk_snapshot_push_clip (snapshot, rect);
      append_text (snapshot, layout, rect->origin.x + NOTE_PAD, rect->origin.y + NOTE_PAD, &palette->text);
      gtk_snapshot_pop (snapshot);
    }
}

void
cardinal_canvas_draw_ring (GtkSnapshot                 *snapshot,
                           const graphene_rect_t       *rect,
                           const CardinalCanvasPalette *palette,
                           double                       zoom)
{
  graphene_rect_t ring;

  graphene_rect_inset_r (rect, -2 / zoom, -2 / zoom, &ring);
  cardinal_canvas_append_frame (snapshot, &ring, 2.5 / zoom, &palette->accent);
}
