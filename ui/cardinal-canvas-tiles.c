/* cardinal-canvas-tiles.c: the canvas's scene kept as raster tiles per zoom level, so panning and zooming redraw only what is new. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-tiles.h"

#include <math.h>

/* Widget pixels per tile side: small enough that a pan step uncovers little
 * beyond what is cached, large enough that a full view is a few dozen. */
#define TILE_SIZE        256
/* About 128 MiB of ARGB tiles, twice that once GL holds a copy. */
#define MAX_TILES        512
#define LEVELS_PER_OCTAVE 4

typedef struct
{
  int level;
  int lod;
  int col;
  int row;
} TileKey;

typedef struct
{
  TileKey          key;
  cairo_surface_t *surface;   /* NULL: nothing of the scene falls there */
  GdkTexture      *texture;   /* for GL renderers, made on first use */
  guint64          last_used;
} Tile;

struct _CardinalCanvasTiles
{
  GtkWidget                *widget;
  CardinalCanvasTileRender  render;
  gpointer                  user_data;
  GHashTable               *tiles;       /* TileKey → Tile, owned */
  guint64                   frame;
  guint64                   rendered;
  int                       scale_factor;
  /* The level and detail of the last frame: the stand-in for the next. */
  gboolean                  have_previous;
  int                       previous_level;
  int                       previous_lod;
  /* The whole model at a zoom where it fits the view: drawn last from the
   * idle, it can stand in anywhere once complete. */
  gboolean                  have_base;
  int                       base_level;
  int                       base_lod;
  graphene_rect_t           base_rect;
  /* Drawn from an idle: first what stood in on screen, then the ring around it. */
  GArray                   *wanted;      /* of TileKey */
  guint                     wanted_visible;
  guint                     idle_id;
};

static guint
tile_key_hash (gconstpointer data)
{
  const TileKey *key = data;
  guint hash = (guint) key->level * 16777619u;

  hash = (hash ^ (guint) key->lod) * 16777619u;
  hash = (hash ^ (guint) key->col) * 16777619u;
  return (hash ^ (guint) key->row) * 16777619u;
}

static gboolean
tile_key_equal (gconstpointer a,
                gconstpointer b)
{
  const TileKey *x = a, *y = b;

  return x->level == y->level && x->lod == y->lod && x->col == y->col && x->row == y->row;
}

static void
tile_free (gpointer data)
{
  Tile *tile = data;

  g_clear_pointer (&tile->surface, cairo_surface_destroy);
  g_clear_object (&tile->texture);
  g_free (tile);
}

CardinalCanvasTiles *
cardinal_canvas_tiles_new (GtkWidget                *widget,
                           CardinalCanvasTileRender  render,
                           gpointer                  user_data)
{
  CardinalCanvasTiles *tiles;

  g_return_val_if_fail (GTK_IS_WIDGET (widget), NULL);
  g_return_val_if_fail (render != NULL, NULL);

  tiles = g_new0 (CardinalCanvasTiles, 1);
  tiles->widget = widget;
  tiles->render = render;
  tiles->user_data = user_data;
  tiles->tiles = g_hash_table_new_full (tile_key_hash, tile_key_equal, NULL, tile_free);
  tiles->wanted = g_array_new (FALSE, FALSE, sizeof (TileKey));
  tiles->scale_factor = 1;
  return tiles;
}

void
cardinal_canvas_tiles_free (CardinalCanvasTiles *tiles)
{
  if (tiles == NULL)
    return;
  g_clear_handle_id (&tiles->idle_id, g_source_remove);
  g_hash_table_unref (tiles->tiles);
  g_array_unref (tiles->wanted);
  g_free (tiles);
}

/* NULL is allowed: the canvas clears on model changes after disposal too. */
void
cardinal_canvas_tiles_clear (CardinalCanvasTiles *tiles)
{
  if (tiles == NULL)
    return;

  g_hash_table_remove_all (tiles->tiles);
  g_array_set_size (tiles->wanted, 0);
  tiles->wanted_visible = 0;
  tiles->have_previous = FALSE;
  g_clear_handle_id (&tiles->idle_id, g_source_remove);
}

void
cardinal_canvas_tiles_set_base (CardinalCanvasTiles   *tiles,
                                int                    level,
                                int                    lod,
                                const graphene_rect_t *model_rect)
{
  g_return_if_fail (tiles != NULL);

  tiles->have_base = model_rect->size.width > 0 && model_rect->size.height > 0;
  tiles->base_level = level;
  tiles->base_lod = lod;
  tiles->base_rect = *model_rect;
}

double
cardinal_canvas_tiles_level_zoom (int level)
{
  return exp2 ((double) level / LEVELS_PER_OCTAVE);
}

int
cardinal_canvas_tiles_level_for (double zoom)
{
  /* The small slack keeps a zoom that is a level's own (1.0) on that level
   * despite rounding in log2. */
  return (int) ceil (LEVELS_PER_OCTAVE * log2 (zoom) - 1e-6);
}

void
cardinal_canvas_tiles_align (double  zoom,
                             double *h,
                             double *v)
{
  double scale = zoom / cardinal_canvas_tiles_level_zoom (cardinal_canvas_tiles_level_for (zoom));

  if (fabs (scale - 1) < 1e-6)
    {
      *h = round (*h);
      *v = round (*v);
    }
}

guint64
cardinal_canvas_tiles_get_rendered (CardinalCanvasTiles *tiles)
{
  g_return_val_if_fail (tiles != NULL, 0);

  return tiles->rendered;
}

static Tile *
render_tile (CardinalCanvasTiles *tiles,
             const TileKey       *key)
{
  Tile *tile = g_new0 (Tile, 1);

  tile->key = *key;
  tile->surface = tiles->render (tiles->user_data, key->level, key->lod, key->col, key->row,
                                 TILE_SIZE, tiles->scale_factor);
  tile->last_used = tiles->frame;
  g_hash_table_replace (tiles->tiles, &tile->key, tile);
  tiles->rendered++;
  return tile;
}

static gint
compare_least_wanted (gconstpointer a,
                      gconstpointer b,
                      gpointer      user_data)
{
  const Tile *x = *(Tile * const *) a, *y = *(Tile * const *) b;

  return (x->last_used > y->last_used) - (x->last_used < y->last_used);
}

/* Least recently drawn first; the current frame's tiles are never dropped. */
static void
evict (CardinalCanvasTiles *tiles)
{
  g_autoptr(GPtrArray) all = NULL;
  GHashTableIter iter;
  gpointer value;
  guint target = MAX_TILES * 3 / 4;

  if (g_hash_table_size (tiles->tiles) <= MAX_TILES)
    return;
  all = g_ptr_array_sized_new (g_hash_table_size (tiles->tiles));
  g_hash_table_iter_init (&iter, tiles->tiles);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (all, value);
  g_ptr_array_sort_with_data (all, compare_least_wanted, NULL);
  for (guint i = 0; i < all->len && g_hash_table_size (tiles->tiles) > target; i++)
    {
      Tile *tile = g_ptr_array_index (all, i);

      if (tile->last_used == tiles->frame)
        break;
      g_hash_table_remove (tiles->tiles, &tile->key);
    }
}

static gboolean
idle_render (gpointer user_data)
{
  CardinalCanvasTiles *tiles = user_data;

  while (tiles->wanted->len > 0)
    {
      TileKey key = g_array_index (tiles->wanted, TileKey, 0);
      gboolean visible = tiles->wanted_visible > 0;

      g_array_remove_index (tiles->wanted, 0);
      if (visible)
        tiles->wanted_visible--;
      if (g_hash_table_contains (tiles->tiles, &key))
        continue;
      render_tile (tiles, &key);
      if (visible)
        gtk_widget_queue_draw (tiles->widget);
      /* One tile per dispatch, so frames and input are never held up for long. */
      return G_SOURCE_CONTINUE;
    }
  tiles->idle_id = 0;
  return G_SOURCE_REMOVE;
}

/* Whether the tiles of @level cover the model rectangle @x, @y, @w, @h. */
static gboolean
level_covers (CardinalCanvasTiles *tiles,
              int                  level,
              int                  lod,
              double               x,
              double               y,
              double               w,
              double               h)
{
  double zl = cardinal_canvas_tiles_level_zoom (level);
  int c0 = (int) floor (x * zl / TILE_SIZE), c1 = (int) floor ((x + w) * zl / TILE_SIZE - 1e-9);
  int r0 = (int) floor (y * zl / TILE_SIZE), r1 = (int) floor ((y + h) * zl / TILE_SIZE - 1e-9);

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        TileKey key = { level, lod, c, r };

        if (!g_hash_table_contains (tiles->tiles, &key))
          return FALSE;
      }
  return TRUE;
}

typedef struct
{
  TileKey key;     /* the missing tile */
  int     level;   /* the level that stands in for it */
  int     lod;
} StandIn;

/* A level whose tiles cover the missing one: the last frame's, else the base. */
static gboolean
find_stand_in (CardinalCanvasTiles *tiles,
               int                  level,
               int                  lod,
               double               x,
               double               y,
               double               side,
               StandIn             *stand_in)
{
  if (tiles->have_previous && (tiles->previous_level != level || tiles->previous_lod != lod) &&
      level_covers (tiles, tiles->previous_level, tiles->previous_lod, x, y, side, side))
    {
      stand_in->level = tiles->previous_level;
      stand_in->lod = tiles->previous_lod;
      return TRUE;
    }
  if (tiles->have_base && (tiles->base_level != level || tiles->base_lod != lod) &&
      level_covers (tiles, tiles->base_level, tiles->base_lod, x, y, side, side))
    {
      stand_in->level = tiles->base_level;
      stand_in->lod = tiles->base_lod;
      return TRUE;
    }
  return FALSE;
}

typedef struct
{
  CardinalCanvasTiles *tiles;
  GtkSnapshot         *snapshot;
  gboolean             use_cairo;
  cairo_t             *cr;          /* the one cairo node of the frame, when use_cairo */
  double               width;
  double               height;
} Painter;

/* @x, @y, @side: where the tile lands, in widget pixels. */
static void
paint_tile (Painter *painter,
            Tile    *tile,
            double   x,
            double   y,
            double   side)
{
  if (tile->surface == NULL)
    return;
  tile->last_used = painter->tiles->frame;
  if (painter->use_cairo)
    {
      cairo_t *cr = painter->cr;
      double scale = side / TILE_SIZE;

      if (cr == NULL)
        cr = painter->cr = gtk_snapshot_append_cairo (painter->snapshot,
                                                      &GRAPHENE_RECT_INIT (0, 0, painter->width, painter->height));
      cairo_save (cr);
      cairo_translate (cr, x, y);
      cairo_scale (cr, scale, scale);
      cairo_set_source_surface (cr, tile->surface, 0, 0);
      /* Whole-pixel placement at scale 1 needs no filtering at all; scaled,
       * bilinear: scales stay near 1 (a level is at most 2^(1/4) away), and
       * cairo's GOOD filter made zooming frames several times dearer. */
      cairo_pattern_set_filter (cairo_get_source (cr), fabs (scale - 1) < 1e-6 ? CAIRO_FILTER_NEAREST : CAIRO_FILTER_BILINEAR);
      cairo_paint (cr);
      cairo_restore (cr);
      return;
    }

  if (tile->texture == NULL)
    {
      cairo_surface_t *surface = tile->surface;
      int stride = cairo_image_surface_get_stride (surface);
      int height = cairo_image_surface_get_height (surface);
      g_autoptr(GBytes) bytes = NULL;

      cairo_surface_flush (surface);
      bytes = g_bytes_new_with_free_func (cairo_image_surface_get_data (surface), (gsize) stride * height,
                                          (GDestroyNotify) cairo_surface_destroy, cairo_surface_reference (surface));
      tile->texture = gdk_memory_texture_new (cairo_image_surface_get_width (surface), height,
                                              GDK_MEMORY_DEFAULT, bytes, stride);
    }
  gtk_snapshot_append_texture (painter->snapshot, tile->texture, &GRAPHENE_RECT_INIT (x, y, side, side));
}

/* Paints the tiles of @level that cover widget rectangle @clip. */
static void
paint_level_in (Painter               *painter,
                int                    level,
                int                    lod,
                double                 zoom,
                double                 h,
                double                 v,
                const graphene_rect_t *clip)
{
  double zl = cardinal_canvas_tiles_level_zoom (level), scale = zoom / zl, side = TILE_SIZE * scale;
  int c0 = (int) floor ((clip->origin.x + h) / side), c1 = (int) floor ((clip->origin.x + clip->size.width + h) / side - 1e-9);
  int r0 = (int) floor ((clip->origin.y + v) / side), r1 = (int) floor ((clip->origin.y + clip->size.height + v) / side - 1e-9);

  if (painter->use_cairo)
    {
      if (painter->cr == NULL)
        painter->cr = gtk_snapshot_append_cairo (painter->snapshot,
                                                 &GRAPHENE_RECT_INIT (0, 0, painter->width, painter->height));
      cairo_save (painter->cr);
      cairo_rectangle (painter->cr, clip->origin.x, clip->origin.y, clip->size.width, clip->size.height);
      cairo_clip (painter->cr);
    }
  else
    gtk_snapshot_push_clip (painter->snapshot, clip);

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        TileKey key = { level, lod, c, r };
        Tile *tile = g_hash_table_lookup (painter->tiles->tiles, &key);

        if (tile != NULL)
          paint_tile (painter, tile, c * side - h, r * side - v, side);
      }

  if (painter->use_cairo)
    cairo_restore (painter->cr);
  else
    gtk_snapshot_pop (painter->snapshot);
}

static void
want (CardinalCanvasTiles *tiles,
      const TileKey       *key,
      gboolean             visible)
{
  if (visible)
    {
      g_array_insert_val (tiles->wanted, tiles->wanted_visible, *key);
      tiles->wanted_visible++;
    }
  else
    g_array_append_val (tiles->wanted, *key);
}

gboolean
cardinal_canvas_tiles_snapshot (CardinalCanvasTiles *tiles,
                                GtkSnapshot         *snapshot,
                                double               zoom,
                                double               h,
                                double               v,
                                double               width,
                                double               height,
                                int                  lod,
                                gint64               budget_us,
                                guint               *stand_ins_out)
{
  GskRenderer *renderer = gtk_native_get_renderer (gtk_widget_get_native (tiles->widget));
  Painter painter = { tiles, snapshot, renderer == NULL || GSK_IS_CAIRO_RENDERER (renderer), NULL, width, height };
  int level = cardinal_canvas_tiles_level_for (zoom);
  double zl = cardinal_canvas_tiles_level_zoom (level), scale = zoom / zl, side = TILE_SIZE * scale;
  gint64 deadline = g_get_monotonic_time () + budget_us;
  int scale_factor = gtk_widget_get_scale_factor (tiles->widget);
  int c0, c1, r0, r1;
  guint stand_ins = 0, uncovered = 0, visible = 0;
  g_autoptr(GArray) missing = g_array_new (FALSE, FALSE, sizeof (StandIn));

  g_return_val_if_fail (tiles != NULL, FALSE);

  *stand_ins_out = 0;

  if (scale_factor != tiles->scale_factor)
    {
      cardinal_canvas_tiles_clear (tiles);
      tiles->scale_factor = scale_factor;
    }
  tiles->frame++;

  c0 = (int) floor (h / side);
  c1 = (int) floor ((h + width) / side - 1e-9);
  r0 = (int) floor (v / side);
  r1 = (int) floor ((v + height) / side - 1e-9);

  /* What the idle had queued was for another view. */
  g_array_set_size (tiles->wanted, 0);
  tiles->wanted_visible = 0;

  /* Tiles are dearer than drawing the same area once (each one culls and
   * strokes again what crosses it): when much of the view has neither tiles
   * nor a stand-in, as after an edit or a jump, the caller draws this frame
   * itself and the tiles come from the idle. */
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        TileKey key = { level, lod, c, r };
        StandIn stand_in;

        visible++;
        if (!g_hash_table_contains (tiles->tiles, &key) &&
            !find_stand_in (tiles, level, lod, c * TILE_SIZE / zl, r * TILE_SIZE / zl, TILE_SIZE / zl, &stand_in))
          {
            uncovered++;
            want (tiles, &key, TRUE);
          }
      }
  if (uncovered * 3 > visible)
    {
      if (tiles->idle_id == 0)
        tiles->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_render, tiles, NULL);
      return FALSE;
    }
  g_array_set_size (tiles->wanted, 0);
  tiles->wanted_visible = 0;

  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        TileKey key = { level, lod, c, r };
        Tile *tile = g_hash_table_lookup (tiles->tiles, &key);

        if (tile == NULL)
          {
            double mx = c * TILE_SIZE / zl, my = r * TILE_SIZE / zl, ms = TILE_SIZE / zl;
            StandIn stand_in = { 0, };

            if (g_get_monotonic_time () <= deadline || !find_stand_in (tiles, level, lod, mx, my, ms, &stand_in))
              {
                render_tile (tiles, &key);
                continue;
              }
            stand_in.key = key;
            g_array_append_val (missing, stand_in);
            want (tiles, &key, TRUE);
          }
      }

  /* What stands in goes under nothing: only where the tile itself is missing. */
  for (guint i = 0; i < missing->len; i++)
    {
      const StandIn *stand_in = &g_array_index (missing, StandIn, i);
      graphene_rect_t clip = GRAPHENE_RECT_INIT (stand_in->key.col * side - h, stand_in->key.row * side - v, side, side);

      paint_level_in (&painter, stand_in->level, stand_in->lod, zoom, h, v, &clip);
      stand_ins++;
    }
  for (int r = r0; r <= r1; r++)
    for (int c = c0; c <= c1; c++)
      {
        TileKey key = { level, lod, c, r };
        Tile *tile = g_hash_table_lookup (tiles->tiles, &key);

        if (tile != NULL)
          paint_tile (&painter, tile, c * side - h, r * side - v, side);
      }
  if (painter.cr != NULL)
    cairo_destroy (painter.cr);

  /* The ring around the view, so the next pan or zoom-out step finds it drawn. */
  for (int r = r0 - 1; r <= r1 + 1; r++)
    for (int c = c0 - 1; c <= c1 + 1; c++)
      {
        TileKey key = { level, lod, c, r };

        if ((r < r0 || r > r1 || c < c0 || c > c1) && !g_hash_table_contains (tiles->tiles, &key))
          want (tiles, &key, FALSE);
      }
  /* Then the base, the stand-in of last resort. */
  if (tiles->have_base)
    {
      double bz = cardinal_canvas_tiles_level_zoom (tiles->base_level);
      const graphene_rect_t *b = &tiles->base_rect;

      for (int r = (int) floor (b->origin.y * bz / TILE_SIZE); r <= (int) floor ((b->origin.y + b->size.height) * bz / TILE_SIZE); r++)
        for (int c = (int) floor (b->origin.x * bz / TILE_SIZE); c <= (int) floor ((b->origin.x + b->size.width) * bz / TILE_SIZE); c++)
          {
            TileKey key = { tiles->base_level, tiles->base_lod, c, r };
            Tile *tile = g_hash_table_lookup (tiles->tiles, &key);

            if (tile == NULL)
              want (tiles, &key, FALSE);
            else
              tile->last_used = tiles->frame;  /* never evicted while it is the base */
          }
    }
  /* Whatever is left of the frame's budget goes to the queue: when frames
   * follow each other without a pause, no idle would ever run. */
  while (tiles->wanted->len > 0 && g_get_monotonic_time () < deadline)
    {
      TileKey key = g_array_index (tiles->wanted, TileKey, 0);

      g_array_remove_index (tiles->wanted, 0);
      if (tiles->wanted_visible > 0)
        {
          tiles->wanted_visible--;
          gtk_widget_queue_draw (tiles->widget);
        }
      if (!g_hash_table_contains (tiles->tiles, &key))
        render_tile (tiles, &key);
    }
  if (tiles->wanted->len > 0 && tiles->idle_id == 0)
    tiles->idle_id = g_idle_add_full (G_PRIORITY_DEFAULT_IDLE, idle_render, tiles, NULL);

  /* A level stands in only while its own tiles are complete around the view. */
  if (missing->len == 0)
    {
      tiles->have_previous = TRUE;
      tiles->previous_level = level;
      tiles->previous_lod = lod;
    }
  evict (tiles);
  *stand_ins_out = stand_ins;
  return TRUE;
}
