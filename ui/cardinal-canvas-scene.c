/* cardinal-canvas-scene.c: the boxes and lines the canvas draws, built from the history's model, with their style and geometry. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-canvas-private.h"

#include <math.h>
#include <pango/pangocairo.h>

#include "cardinal-engineer.h"

static void grid_build (CardinalCanvas *self);

/* The box as drawn: dragged boxes follow the pointer before the history knows. */
void
cardinal_canvas_item_rect (CardinalCanvas           *self,
                           const CardinalCanvasItem *item,
                           graphene_rect_t          *rect)
{
  double x = item->x, y = item->y;

  if (item->dragging)
    {
      x += self->move_dx;
      y += self->move_dy;
    }
  graphene_rect_init (rect, x, y, item->width, item->height);
}

void
cardinal_canvas_drop_end_sprites (CardinalCanvas *self)
{
  for (guint s = 0; s < 2; s++)
    for (guint k = 0; k < 4; k++)
      for (guint d = 0; d < 4; d++)
        g_clear_pointer (&self->end_sprites[s][k][d], gsk_render_node_unref);
}

static void
drop_all_nodes (CardinalCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_drop_nodes (cardinal_canvas_item_at_index (self, i));
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    cardinal_canvas_item_drop_nodes (value);
}

gboolean
cardinal_canvas_style_is_dark (CardinalCanvas *self)
{
  GdkRGBA fg;

  /* Light text means a dark style, whichever way it was chosen (libadwaita's
   * style manager, a dark theme, high contrast). */
G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_style_context_get_color (gtk_widget_get_style_context (GTK_WIDGET (self)), &fg);
G_GNUC_END_IGNORE_DEPRECATIONS
  return 0.2126 * fg.red + 0.7152 * fg.green + 0.0722 * fg.blue > 0.5;
}

void
cardinal_canvas_ensure_palette (CardinalCanvas *self)
{
  gboolean dark = cardinal_canvas_style_is_dark (self);

  if (self->palette_valid && self->palette.dark == dark)
    return;

  cardinal_canvas_palette_init (&self->palette, dark);
  self->palette_valid = TRUE;
  drop_all_nodes (self);
  cardinal_canvas_tiles_clear (self->tiles);
  cardinal_canvas_drop_end_sprites (self);
}

static void
ensure_pango_context (CardinalCanvas *self)
{
  cairo_font_options_t *options;

  if (self->pango_context != NULL)
    return;

  self->pango_context = gtk_widget_create_pango_context (GTK_WIDGET (self));
  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = pango_font_description_copy (pango_context_get_font_description (self->pango_context));
  /* Text is laid out once and then scaled by the zoom transform: unhinted
   * metrics and unrounded positions keep it in proportion at every zoom. */
  options = cairo_font_options_create ();
  cairo_font_options_set_hint_metrics (options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style (options, CAIRO_HINT_STYLE_NONE);
  pango_cairo_context_set_font_options (self->pango_context, options);
  cairo_font_options_destroy (options);
  pango_context_set_round_glyph_positions (self->pango_context, FALSE);
}

/* A new font means new layouts for everything. */
void
cardinal_canvas_reset_text (CardinalCanvas *self)
{
  GHashTableIter iter;
  gpointer value;

  g_clear_object (&self->pango_context);
  for (guint i = 0; i < self->items->len; i++)
    cardinal_canvas_item_drop_layout (cardinal_canvas_item_at_index (self, i));
  g_hash_table_iter_init (&iter, self->labels);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    cardinal_canvas_item_drop_layout (value);
  self->items_dirty = TRUE;
  self->pending_flags |= CARDINAL_CHANGE_ALL;
  cardinal_canvas_queue_view_update (self);
}

static void
add_row (GArray     *rows,
         const char *name,
         const char *type,
         guint       marks)
{
  CardinalCanvasRow row = { name, type, marks };

  g_array_append_val (rows, row);
}

static void
set_item_content (CardinalCanvas     *self,
                  CardinalCanvasItem *item,
                  const char         *color,
                  GArray             *rows)
{
  char *fingerprint = cardinal_canvas_item_fingerprint (item->name, color,
                                                         (const CardinalCanvasRow *) (void *) rows->data,
                                                         rows->len);

  cardinal_canvas_item_set_content (item, self->pango_context, fingerprint, color,
                                    (const CardinalCanvasRow *) (void *) rows->data, rows->len);
}

static CardinalCanvasItem *
take_item (GHashTable             *old,
           CardinalCanvasItemKind  kind,
           const char             *name)
{
  CardinalCanvasItem *item = NULL;

  if (!g_hash_table_steal_extended (old, name, NULL, (gpointer *) &item) || item->kind != kind)
    {
      cardinal_canvas_item_free (item);
      item = cardinal_canvas_item_new (kind, name);
    }
  return item;
}

static void
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) != 0)
    {
      g_free (*field);
      *field = g_strdup (value);
    }
}

static void
sync_logical (CardinalCanvas      *self,
              const CardinalModel *model,
              GHashTable          *old,
              guint                flags)
{
  g_autoptr(GHashTable) shared_pk = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));

  /* In the logical model only a shared-pk relationship makes an attribute a
   * foreign key: entity2's primary key also references entity1. */
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->strategy == CARDINAL_STRATEGY_SHARED_PK)
        g_hash_table_add (shared_pk, relationship->entity2);
    }

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);
      CardinalCanvasItem *item = take_item (old, CARDINAL_CANVAS_ITEM_ENTITY, entity->name);

      replace_string (&item->entity, entity->name);
      /* Same serial: the very same entity version, nothing to look at. A new
       * serial (every edit, a move too) still keeps the layout when the
       * fingerprint shows the drawn text did not change. */
      if (item->serial != entity->serial || item->title == NULL || (flags & CARDINAL_CHANGE_RELATIONSHIPS))
        {
          gboolean is_shared = g_hash_table_contains (shared_pk, entity->name);

          g_array_set_size (rows, 0);
          for (guint a = 0; a < entity->attributes->len; a++)
            {
              const CardinalAttribute *attribute = g_ptr_array_index (entity->attributes, a);
              guint marks = 0;

              if (attribute->primary_key)
                marks |= CARDINAL_CANVAS_MARK_PRIMARY_KEY;
              if (attribute->primary_key && is_shared)
                marks |= CARDINAL_CANVAS_MARK_FOREIGN_KEY;
              if (attribute->unique && !attribute->primary_key)
                marks |= CARDINAL_CANVAS_MARK_UNIQUE;
              add_row (rows, attribute->name, attribute->type, marks);
            }
          set_item_content (self, item, entity->color, rows);
          item->serial = entity->serial;
        }
      item->x = entity->x;
      item->y = entity->y;
      g_ptr_array_add (self->items, item);
    }
}

static gboolean
strv_contains (GStrv       strv,
               const char *name)
{
  return strv != NULL && g_strv_contains ((const char * const *) strv, name);
}

static guint
column_marks (const CardinalTable  *table,
              const CardinalColumn *column)
{
  guint marks = 0;

  if (strv_contains (table->primary_key, column->name))
    marks |= CARDINAL_CANVAS_MARK_PRIMARY_KEY;
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (strv_contains (fk->columns, column->name))
        marks |= CARDINAL_CANVAS_MARK_FOREIGN_KEY;
    }
  /* Only single-column uniqueness is a property of the column itself. */
  if (!(marks & CARDINAL_CANVAS_MARK_PRIMARY_KEY) || g_strv_length (table->primary_key) > 1)
    {
      const char *single[] = { column->name, NULL };

      if (cardinal_table_has_unique (table, single))
        marks |= CARDINAL_CANVAS_MARK_UNIQUE;
    }
  return marks;
}

static guint
mix_string (guint       hash,
            const char *str)
{
  /* djb2, continued across strings; NULL and "" differ. */
  if (str == NULL)
    return hash * 33 + 1;
  for (; *str != '\0'; str++)
    hash = hash * 33 + (guchar) *str;
  return hash * 33 + 2;
}

static guint
mix_attributes (guint      hash,
                GPtrArray *attributes)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      hash = mix_string (hash, attribute->name);
      hash = mix_string (hash, attribute->type);
      hash = mix_string (hash, attribute->default_value);
      hash = hash * 33 + (attribute->primary_key | attribute->autoincrement << 1 | attribute->nullable << 2 |
                          attribute->unique << 3 | attribute->index << 4);
    }
  return hash;
}

/* Everything the engineer reads, positions left out. */
static guint
model_shape_hash (const CardinalModel *model)
{
  guint hash = 5381;

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      hash = mix_string (hash, entity->name);
      hash = mix_string (hash, entity->comment);
      hash = mix_string (hash, entity->color);
      hash = mix_attributes (hash, entity->attributes);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      hash = mix_string (hash, relationship->name);
      hash = mix_string (hash, relationship->entity1);
      hash = mix_string (hash, relationship->entity2);
      hash = mix_string (hash, relationship->entity1_role);
      hash = mix_string (hash, relationship->entity2_role);
      hash = mix_string (hash, relationship->link_table);
      hash = hash * 33 + (relationship->kind | relationship->strategy << 2 | relationship->on_delete << 5 |
                          relationship->entity2_needs_entity1 << 7 | relationship->entity1_needs_entity2 << 8);
      hash = mix_attributes (hash, relationship->link_attributes);
    }
  return hash;
}

static void
sync_physical (CardinalCanvas      *self,
               const CardinalModel *model,
               GHashTable          *old)
{
  g_autoptr(GHashTable) entities = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relationships = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) entity_tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));
  gboolean rebuilt = FALSE;
  guint shape;

  /* Moving boxes does not change tables: then only positions are read
   * again. A move replaces entities too, so their content tells. */
  shape = model_shape_hash (model);
  if (self->schema == NULL || shape != self->schema_shape)
    {
      g_clear_pointer (&self->schema, cardinal_schema_free);
      self->schema = cardinal_engineer (model);
      self->schema_shape = shape;
      rebuilt = TRUE;
    }

  for (guint i = 0; i < model->entities->len; i++)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      g_hash_table_insert (entities, entity->name, entity);
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_hash_table_insert (relationships, relationship->name, relationship);
    }

  for (guint i = 0; i < self->schema->tables->len; i++)
    {
      const CardinalTable *table = g_ptr_array_index (self->schema->tables, i);
      const CardinalEntity *entity = table->entity != NULL ? g_hash_table_lookup (entities, table->entity) : NULL;
      CardinalCanvasItemKind kind = table->entity != NULL ? CARDINAL_CANVAS_ITEM_ENTITY : CARDINAL_CANVAS_ITEM_LINK_TABLE;
      CardinalCanvasItem *item = take_item (old, kind, table->name);

      replace_string (&item->entity, table->entity);
      replace_string (&item->relationship, table->relationship);
      if (rebuilt || item->title == NULL)
        {
          g_array_set_size (rows, 0);
          for (guint c = 0; c < table->columns->len; c++)
            {
              const CardinalColumn *column = g_ptr_array_index (table->columns, c);

              add_row (rows, column->name, column->type, column_marks (table, column));
            }
          set_item_content (self, item, entity != NULL ? entity->color : NULL, rows);
        }
      if (entity != NULL)
        {
          item->x = entity->x;
          item->y = entity->y;
          g_hash_table_insert (entity_tables, table->entity, item);
        }
      g_ptr_array_add (self->items, item);
    }

  /* Link tables are not in the document: each goes to a free place near the
   * middle of its two entities, clear of every box (render/cardinal-layout). */
  {
    guint n = self->items->len;
    g_autofree graphene_rect_t *boxes = g_new0 (graphene_rect_t, MAX (n, 1));
    g_autofree guint *between1 = g_new (guint, MAX (n, 1));
    g_autofree guint *between2 = g_new (guint, MAX (n, 1));
    g_autoptr(GHashTable) item_index = g_hash_table_new (NULL, NULL);

    for (guint i = 0; i < n; i++)
      g_hash_table_insert (item_index, cardinal_canvas_item_at_index (self, i), GUINT_TO_POINTER (i));
    for (guint i = 0; i < n; i++)
      {
        CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
        const CardinalRelationship *relationship;
        const CardinalCanvasItem *a, *b;

        graphene_rect_init (&boxes[i], item->x, item->y, item->width, item->height);
        between1[i] = between2[i] = G_MAXUINT;
        if (item->kind != CARDINAL_CANVAS_ITEM_LINK_TABLE)
          continue;
        relationship = item->relationship != NULL ? g_hash_table_lookup (relationships, item->relationship) : NULL;
        a = relationship != NULL ? g_hash_table_lookup (entity_tables, relationship->entity1) : NULL;
        b = relationship != NULL ? g_hash_table_lookup (entity_tables, relationship->entity2) : NULL;
        between1[i] = a != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (item_index, a)) : n;
        between2[i] = b != NULL ? GPOINTER_TO_UINT (g_hash_table_lookup (item_index, b)) : between1[i];
        if (a == NULL)
          between1[i] = between2[i];
      }
    cardinal_layout_place_link_tables (boxes, n, between1, between2);
    for (guint i = 0; i < n; i++)
      {
        CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

        if (item->kind == CARDINAL_CANVAS_ITEM_LINK_TABLE)
          {
            item->x = boxes[i].origin.x;
            item->y = boxes[i].origin.y;
          }
      }
  }
}

static guint64
pair_key (guint a,
          guint b)
{
  return ((guint64) MIN (a, b) << 32) | MAX (a, b);
}

static void
add_edge (GArray     *edges,
          GHashTable *pairs,
          const char *relationship,
          guint       item1,
          guint       item2,
          const CardinalRouteEnd *end1,
          const CardinalRouteEnd *end2)
{
  CardinalCanvasEdge edge = { 0, };
  guint64 *key = g_new (guint64, 1);
  guint count;

  *key = pair_key (item1, item2);
  count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, key));
  g_hash_table_replace (pairs, key, GUINT_TO_POINTER (count + 1));

  edge.relationship = g_strdup (relationship);
  edge.item1 = item1;
  edge.item2 = item2;
  edge.end1 = *end1;
  edge.end2 = *end2;
  edge.index = count;
  g_array_append_val (edges, edge);
}

void
cardinal_canvas_edge_clear (gpointer data)
{
  CardinalCanvasEdge *edge = data;

  g_free (edge->relationship);
}

static void
sync_label (CardinalCanvas             *self,
            GHashTable                 *old_labels,
            const CardinalRelationship *relationship,
            CardinalCanvasEdge         *edge)
{
  g_autofree char *title = cardinal_relationship_link_table_name (relationship);
  g_autoptr(GArray) rows = g_array_new (FALSE, FALSE, sizeof (CardinalCanvasRow));
  CardinalCanvasItem *label = NULL;

  if (g_hash_table_steal_extended (old_labels, relationship->name, NULL, (gpointer *) &label) &&
      g_strcmp0 (label->name, title) != 0)
    g_clear_pointer (&label, cardinal_canvas_item_free);
  if (label == NULL)
    {
      label = cardinal_canvas_item_new (CARDINAL_CANVAS_ITEM_LABEL, title);
      label->relationship = g_strdup (relationship->name);
    }
  if (label->serial != relationship->serial || label->title == NULL)
    {
      for (guint i = 0; i < relationship->link_attributes->len; i++)
        {
          const CardinalAttribute *attribute = g_ptr_array_index (relationship->link_attributes, i);

          add_row (rows, attribute->name, attribute->type,
                   attribute->unique ? CARDINAL_CANVAS_MARK_UNIQUE : 0);
        }
      set_item_content (self, label, NULL, rows);
      label->serial = relationship->serial;
    }
  g_hash_table_insert (self->labels, label->relationship, label);
  edge->label = label;
}

guint
cardinal_canvas_lookup_index (GHashTable *index,
                              const char *name,
                              gboolean   *found)
{
  gpointer value = name != NULL ? g_hash_table_lookup (index, name) : NULL;

  *found = value != NULL;
  return GPOINTER_TO_UINT (value) - 1;
}

static void
sync_edges_logical (CardinalCanvas      *self,
                    const CardinalModel *model,
                    GHashTable          *pairs)
{
  g_autoptr(GHashTable) old_labels = g_steal_pointer (&self->labels);

  self->labels = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) cardinal_canvas_item_free);
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      CardinalRouteEnd end1, end2;
      gboolean found1, found2;
      guint item1 = cardinal_canvas_lookup_index (self->entity_items, relationship->entity1, &found1);
      guint item2 = cardinal_canvas_lookup_index (self->entity_items, relationship->entity2, &found2);

      if (!found1 || !found2)
        continue;
      cardinal_route_relationship_ends (relationship, &end1, &end2);
      add_edge (self->edges, pairs, relationship->name, item1, item2, &end1, &end2);
      if (relationship->kind == CARDINAL_KIND_MANY_TO_MANY && relationship->link_attributes->len > 0)
        sync_label (self, old_labels, relationship,
                    &g_array_index (self->edges, CardinalCanvasEdge, self->edges->len - 1));
    }
}

/* The minimum at the referencing table's end of a foreign key: whether every
 * row of the referenced table must be referenced, as the relationship says. */
static guint8
referencing_min (const CardinalRelationship *relationship,
                 const CardinalTable        *table,
                 const CardinalTable        *referenced,
                 gboolean                    first_to_referenced)
{
  if (relationship == NULL)
    return 0;
  if (table->entity == NULL)
    {
      gboolean to_entity1 = g_strcmp0 (referenced->entity, relationship->entity1) == 0 &&
                            (g_strcmp0 (relationship->entity1, relationship->entity2) != 0 || first_to_referenced);

      return to_entity1 ? relationship->entity1_needs_entity2 : relationship->entity2_needs_entity1;
    }
  /* DESIGN §2: many-to-one keeps the key in entity1, every other kind in entity2. */
  if (relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    return relationship->entity2_needs_entity1;
  return relationship->entity1_needs_entity2;
}

static void
sync_edges_physical (CardinalCanvas      *self,
                     const CardinalModel *model,
                     GHashTable          *pairs)
{
  g_autoptr(GHashTable) tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) schema_tables = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) relationships = g_hash_table_new (g_str_hash, g_str_equal);

  g_hash_table_remove_all (self->labels);
  for (guint t = 0; t < self->schema->tables->len; t++)
    {
      CardinalTable *table = g_ptr_array_index (self->schema->tables, t);

      if (!g_hash_table_contains (schema_tables, table->name))
        g_hash_table_insert (schema_tables, table->name, table);
    }
  for (guint i = 0; i < self->items->len; i++)
    g_hash_table_insert (tables, cardinal_canvas_item_at_index (self, i)->name, GUINT_TO_POINTER (i + 1));
  for (guint i = 0; i < model->relationships->len; i++)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_hash_table_insert (relationships, relationship->name, relationship);
    }

  for (guint t = 0; t < self->schema->tables->len; t++)
    {
      const CardinalTable *table = g_ptr_array_index (self->schema->tables, t);
      gboolean found1, found2;
      guint item1 = cardinal_canvas_lookup_index (tables, table->name, &found1);

      if (!found1)
        continue;
      for (guint k = 0; k < table->foreign_keys->len; k++)
        {
          const CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, k);
          const CardinalTable *referenced = g_hash_table_lookup (schema_tables, fk->ref_table);
          const CardinalRelationship *relationship = fk->relationship != NULL ?
            g_hash_table_lookup (relationships, fk->relationship) : NULL;
          guint item2 = cardinal_canvas_lookup_index (tables, fk->ref_table, &found2);
          CardinalRouteEnd end1, end2;
          gboolean not_null = TRUE, first = TRUE;

          if (!found2 || referenced == NULL)
            continue;
          for (guint c = 0; fk->columns[c] != NULL; c++)
            {
              const CardinalColumn *column = cardinal_table_find_column (table, fk->columns[c]);

              if (column == NULL || column->nullable)
                not_null = FALSE;
            }
          for (guint j = 0; j < k; j++)
            {
              const CardinalForeignKey *earlier = g_ptr_array_index (table->foreign_keys, j);

              if (g_strcmp0 (earlier->ref_table, fk->ref_table) == 0)
                first = FALSE;
            }
          /* item1 is the referencing table: many of them per referenced row
           * unless the key is unique; the referenced row is exactly one when
           * the key is NOT NULL, else zero or one. */
          end1.many = !cardinal_table_has_unique (table, (const char * const *) fk->columns);
          end1.min = referencing_min (relationship, table, referenced, first);
          end2.many = FALSE;
          end2.min = not_null ? 1 : 0;
          add_edge (self->edges, pairs, fk->relationship, item1, item2, &end1, &end2);
        }
    }
}

typedef struct
{
  CardinalCanvas *canvas;   /* weak */
  guint64         edit_id;
  GPtrArray      *names;
  GArray         *xs;
  GArray         *ys;
} PushData;

static void
push_data_free (PushData *data)
{
  g_clear_weak_pointer (&data->canvas);
  g_ptr_array_unref (data->names);
  g_array_unref (data->xs);
  g_array_unref (data->ys);
  g_free (data);
}

static gboolean
push_idle_cb (gpointer user_data)
{
  PushData *data = user_data;
  g_autoptr(GError) error = NULL;

  /* Only onto the edit it was computed for: not after an undo or another edit. */
  if (data->canvas != NULL && data->canvas->history != NULL
      && cardinal_history_get_last_edit_id (data->canvas->history) == data->edit_id)
    {
      g_ptr_array_add (data->names, NULL);
      if (!cardinal_history_move_entities_with_last (data->canvas->history,
                                                     (const char * const *) data->names->pdata,
                                                     (const double *) (void *) data->xs->data,
                                                     (const double *) (void *) data->ys->data, &error))
        g_warning ("Could not make room: %s", error->message);
    }
  return G_SOURCE_REMOVE;
}

/* After an edit, boxes it made overlap are pushed apart: the boxes the edit
 * moved, resized or added stay, their neighbours make room. The moves join
 * the edit's own undo step (from an idle: not while the model is being read). */
static void
push_apart_after_edit (CardinalCanvas *self,
                       GHashTable     *old_rects)
{
  guint64 id = self->history != NULL ? cardinal_history_get_last_edit_id (self->history) : 0;
  g_autoptr(GArray) boxes = NULL;
  g_autoptr(GArray) fixed = NULL;
  g_autoptr(GArray) which = NULL;
  PushData *data;

  if (id == 0 || id == self->pushed_edit_id)
    return;
  self->pushed_edit_id = id;

  boxes = g_array_new (FALSE, FALSE, sizeof (graphene_rect_t));
  fixed = g_array_new (FALSE, FALSE, sizeof (gboolean));
  which = g_array_new (FALSE, FALSE, sizeof (guint));
  for (guint i = 0; i < self->items->len; i++)
    {
      const CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);
      const graphene_rect_t *before;
      graphene_rect_t rect;
      gboolean changed;

      if (item->entity == NULL || item->kind == CARDINAL_CANVAS_ITEM_LINK_TABLE)
        continue;
      graphene_rect_init (&rect, item->x, item->y, item->width, item->height);
      before = g_hash_table_lookup (old_rects, item->entity);
      changed = before == NULL || !graphene_rect_equal (before, &rect);
      g_array_append_val (boxes, rect);
      g_array_append_val (fixed, changed);
      g_array_append_val (which, i);
    }
  if (!cardinal_layout_push_apart ((graphene_rect_t *) (void *) boxes->data, boxes->len,
                                   (const gboolean *) (void *) fixed->data, PUSH_GAP))
    return;

  data = g_new0 (PushData, 1);
  g_set_weak_pointer (&data->canvas, self);
  data->edit_id = id;
  data->names = g_ptr_array_new_with_free_func (g_free);
  data->xs = g_array_new (FALSE, FALSE, sizeof (double));
  data->ys = g_array_new (FALSE, FALSE, sizeof (double));
  for (guint k = 0; k < boxes->len; k++)
    {
      const CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, g_array_index (which, guint, k));
      const graphene_rect_t *rect = &g_array_index (boxes, graphene_rect_t, k);

      if (rect->origin.x == item->x && rect->origin.y == item->y)
        continue;
      g_ptr_array_add (data->names, g_strdup (item->entity));
      g_array_append_val (data->xs, rect->origin.x);
      g_array_append_val (data->ys, rect->origin.y);
    }
  g_idle_add_full (G_PRIORITY_HIGH_IDLE, push_idle_cb, data, (GDestroyNotify) push_data_free);
}

static void
sync_items (CardinalCanvas *self)
{
  const CardinalModel *model = self->history != NULL ? cardinal_history_get_model (self->history) : NULL;
  g_autoptr(GHashTable) old = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                     (GDestroyNotify) cardinal_canvas_item_free);
  g_autoptr(GHashTable) pairs = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  g_autoptr(GHashTable) old_rects = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  guint flags = self->pending_flags;
  double x1 = G_MAXDOUBLE, y1 = G_MAXDOUBLE, x2 = -G_MAXDOUBLE, y2 = -G_MAXDOUBLE;

  self->items_dirty = FALSE;
  self->pending_flags = 0;
  self->hover_item = -1;
  cardinal_canvas_tiles_clear (self->tiles);
  cardinal_canvas_forget_labels (self);
  self->connect_target = -1;
  ensure_pango_context (self);

  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

      if (item->entity != NULL && item->kind != CARDINAL_CANVAS_ITEM_LINK_TABLE)
        {
          graphene_rect_t *rect = g_new (graphene_rect_t, 1);

          graphene_rect_init (rect, item->x, item->y, item->width, item->height);
          g_hash_table_insert (old_rects, g_strdup (item->entity), rect);
        }
    }
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

      item->dragging = FALSE;
      /* An invalid model may repeat a table name; the second box is simply rebuilt. */
      if (g_hash_table_contains (old, item->name))
        cardinal_canvas_item_free (item);
      else
        g_hash_table_insert (old, item->name, item);
    }
  g_ptr_array_set_size (self->items, 0);
  g_hash_table_remove_all (self->entity_items);
  g_array_set_size (self->edges, 0);
  self->items_generation++;

  if (model != NULL)
    {
      if (self->view == CARDINAL_CANVAS_VIEW_LOGICAL)
        sync_logical (self, model, old, flags);
      else
        sync_physical (self, model, old);

      for (guint i = 0; i < self->items->len; i++)
        {
          CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

          if (item->entity != NULL && !g_hash_table_contains (self->entity_items, item->entity))
            g_hash_table_insert (self->entity_items, item->entity, GUINT_TO_POINTER (i + 1));
          x1 = MIN (x1, item->x);
          y1 = MIN (y1, item->y);
          x2 = MAX (x2, item->x + item->width);
          y2 = MAX (y2, item->y + item->height);
        }

      if (self->view == CARDINAL_CANVAS_VIEW_LOGICAL)
        sync_edges_logical (self, model, pairs);
      else
        sync_edges_physical (self, model, pairs);

      for (guint i = 0; i < self->edges->len; i++)
        {
          CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);
          guint64 key = pair_key (edge->item1, edge->item2);

          edge->count = GPOINTER_TO_UINT (g_hash_table_lookup (pairs, &key));
        }
    }
  else
    {
      g_hash_table_remove_all (self->labels);
    }

  if (self->items->len > 0)
    graphene_rect_init (&self->model_bounds, x1, y1, x2 - x1, y2 - y1);
  else
    graphene_rect_init (&self->model_bounds, 0, 0, 0, 0);
  cardinal_canvas_extend_bounds_for_annotations (self);
  grid_build (self);
  push_apart_after_edit (self, old_rects);
}

/* The model area a line can reach: both boxes, the route's detour and the ends. */
static void
edge_reach (CardinalCanvas           *self,
            const CardinalCanvasEdge *edge,
            graphene_rect_t          *reach)
{
  graphene_rect_t a, b;

  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item1), &a);
  cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, edge->item2), &b);
  graphene_rect_union (&a, &b, reach);
  graphene_rect_inset (reach, -CARDINAL_ROUTE_MARGIN, -CARDINAL_ROUTE_MARGIN);
}

static void
grid_build (CardinalCanvas *self)
{
  CardinalCanvasGrid *grid = &self->grid;
  graphene_rect_t area;

  cardinal_canvas_grid_clear (grid);
  if (self->items->len == 0)
    return;
  graphene_rect_inset_r (&self->model_bounds, -2 * CARDINAL_ROUTE_MARGIN, -2 * CARDINAL_ROUTE_MARGIN, &area);
  cardinal_canvas_grid_reset (grid, &area, self->items->len, self->edges->len);
  for (guint i = 0; i < self->items->len; i++)
    {
      graphene_rect_t rect;

      cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, i), &rect);
      cardinal_canvas_grid_insert (grid, FALSE, &rect, i);
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      graphene_rect_t reach;

      edge_reach (self, &g_array_index (self->edges, CardinalCanvasEdge, i), &reach);
      cardinal_canvas_grid_insert (grid, TRUE, &reach, i);
    }
}

/* Indices of the boxes (@edges FALSE) or lines that may fall in @rect, in
 * drawing order; NULL when there is no grid (nothing to find, or boxes being
 * dragged away from where it put them), and then the caller tests them all. */
GArray *
cardinal_canvas_query_grid (CardinalCanvas        *self,
                            const graphene_rect_t *rect,
                            gboolean               edges)
{
  if (self->drag_mode == DRAG_MOVE)
    return NULL;
  return cardinal_canvas_grid_query (&self->grid, rect, edges);
}

void
cardinal_canvas_refresh_selection_flags (CardinalCanvas *self)
{
  for (guint i = 0; i < self->items->len; i++)
    {
      CardinalCanvasItem *item = cardinal_canvas_item_at_index (self, i);

      item->selected = (item->entity != NULL && g_hash_table_contains (self->selected_entities, item->entity)) ||
                       (item->kind == CARDINAL_CANVAS_ITEM_LINK_TABLE && item->relationship != NULL &&
                        g_hash_table_contains (self->selected_relationships, item->relationship));
    }
  for (guint i = 0; i < self->edges->len; i++)
    {
      CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);

      edge->selected = edge->relationship != NULL &&
                       g_hash_table_contains (self->selected_relationships, edge->relationship);
      if (edge->label != NULL)
        edge->label->selected = edge->selected;
    }
}

void
cardinal_canvas_ensure_items (CardinalCanvas *self)
{
  if (!self->items_dirty)
    return;
  sync_items (self);
  cardinal_canvas_refresh_selection_flags (self);
}

/* Every line is routed at once (ports are shared out along each box side),
 * again only when a box moved since. */
static void
ensure_routes (CardinalCanvas *self)
{
  guint n_items = self->items->len, n_edges = self->edges->len;
  g_autofree graphene_rect_t *boxes = NULL;
  g_autofree CardinalRouteLink *links = NULL;

  if (self->routes != NULL && self->routes_generation == self->items_generation
      && self->routes_dx == self->move_dx && self->routes_dy == self->move_dy)
    return;

  boxes = g_new (graphene_rect_t, MAX (n_items, 1));
  links = g_new (CardinalRouteLink, MAX (n_edges, 1));
  for (guint i = 0; i < n_items; i++)
    cardinal_canvas_item_rect (self, cardinal_canvas_item_at_index (self, i), &boxes[i]);
  for (guint i = 0; i < n_edges; i++)
    {
      const CardinalCanvasEdge *edge = &g_array_index (self->edges, CardinalCanvasEdge, i);

      links[i] = (CardinalRouteLink) { edge->item1, edge->item2 };
    }
  g_free (self->routes);
  self->routes = g_new0 (CardinalRoute, MAX (n_edges, 1));
  cardinal_route_compute_all (boxes, n_items, links, n_edges, self->routes);
  self->routes_generation = self->items_generation;
  self->routes_dx = self->move_dx;
  self->routes_dy = self->move_dy;
}

void
cardinal_canvas_edge_route (CardinalCanvas           *self,
                            const CardinalCanvasEdge *edge,
                            CardinalRoute            *route)
{
  guint index = edge - (const CardinalCanvasEdge *) (const void *) self->edges->data;

  g_assert (index < self->edges->len);
  ensure_routes (self);
  *route = self->routes[index];
}

void
cardinal_canvas_label_rect (const CardinalRoute  *route,
                            const CardinalCanvasItem   *label,
                            graphene_rect_t            *rect)
{
  graphene_point_t middle;

  cardinal_route_get_midpoint (route, &middle);
  graphene_rect_init (rect, round (middle.x - label->width / 2), round (middle.y - label->height / 2),
                      label->width, label->height);
}
