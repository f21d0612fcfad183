/* cardinal-validate-schema.c: the checks that read the engineered schema (table and column names, clashes, cycles of mandatory keys). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-validate-private.h"

#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-types.h"

#include <string.h>

typedef struct
{
  guint                     source;
  guint                     target;
  const CardinalForeignKey *foreign_key;
} Edge;

gboolean
cardinal_validate_is_link_table (const CardinalTable *table)
{
  return table->entity == NULL && table->relationship != NULL;
}

/* Only asked when two columns clash, so a scan of the keys is fine. */
static gboolean
is_foreign_key_column (const CardinalTable *table,
                       const char          *name)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

      if (g_strv_contains ((const char * const *) foreign_key->columns, name))
        return TRUE;
    }
  return FALSE;
}

const CardinalRelationship *
cardinal_validate_relationship_of (Validator  *self,
                                   const char *name)
{
  return name ? g_hash_table_lookup (self->relationships, name) : NULL;
}

/* Which role names the FK column @column that @relationship placed in @table. */
static const char *
role_key_for_column (const CardinalRelationship *relationship,
                     const CardinalTable        *table,
                     const char                 *column)
{
  if (cardinal_validate_is_link_table (table))
    {
      guint n = 0;

      for (guint i = 0; i < table->foreign_keys->len; i++)
        {
          CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

          if (g_strcmp0 (foreign_key->relationship, relationship->name) != 0)
            continue;
          if (g_strv_contains ((const char * const *) foreign_key->columns, column))
            return n == 0 ? "entity1-role" : "entity2-role";
          n++;
        }
      return "entity1-role or entity2-role";
    }

  if (relationship->strategy == CARDINAL_STRATEGY_FK && relationship->kind == CARDINAL_KIND_MANY_TO_ONE)
    return "entity2-role";
  return "entity1-role";
}

/* CARD012 and CARD013: two columns of @table whose names are equal up to case;
 * @first came earlier in the table. */
static void
check_column_clash (Validator            *self,
                    const CardinalTable  *table,
                    const CardinalColumn *first,
                    const CardinalColumn *second)
{
  const CardinalRelationship *relationship1 = cardinal_validate_relationship_of (self, first->relationship);
  const CardinalRelationship *relationship2 = cardinal_validate_relationship_of (self, second->relationship);
  const CardinalRelationship *merged = NULL;
  const CardinalColumn *folded = NULL;
  const CardinalColumn *existing = NULL;

  if (relationship2 != NULL && relationship2->strategy == CARDINAL_STRATEGY_MERGED)
    {
      merged = relationship2;
      folded = second;
      existing = first;
    }
  else if (relationship1 != NULL && relationship1->strategy == CARDINAL_STRATEGY_MERGED)
    {
      merged = relationship1;
      folded = first;
      existing = second;
    }

  if (merged != NULL)
    {
      Target target = { CARDINAL_OBJECT_ATTRIBUTE, merged->entity2, merged->name, folded->attribute };
      const char *origin = "";
      g_autofree char *from = NULL;

      /* Two attributes of the merged entity itself: already CARD003 on that entity. */
      if (relationship1 == relationship2)
        return;

      if (existing->relationship != NULL)
        {
          from = g_strdup_printf (" (from relationship \"%s\")", cardinal_validate_show (self, existing->relationship));
          origin = from;
        }
      cardinal_validate_report (self, CHECK_MERGED_CLASH, &target,
              "relationship \"%s\": merged folds attribute \"%s\" of \"%s\" into table \"%s\", "
              "which already has a column \"%s\"%s; rename the attribute",
              cardinal_validate_show (self, merged->name), cardinal_validate_show (self, folded->name), cardinal_validate_show (self, merged->entity2),
              cardinal_validate_show (self, table->name), cardinal_validate_show (self, existing->name), origin);
      return;
    }

  if (cardinal_validate_is_link_table (table))
    {
      const CardinalRelationship *relationship = cardinal_validate_relationship_of (self, table->relationship);
      gboolean first_fk = is_foreign_key_column (table, first->name);
      gboolean second_fk = is_foreign_key_column (table, second->name);
      gboolean first_link = !first_fk && first->attribute != NULL;
      gboolean second_link = !second_fk && second->attribute != NULL;
      Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, table->relationship, NULL };

      if (relationship == NULL || (first_link && second_link))
        return;

      if (first_fk && second_fk)
        cardinal_validate_report (self, CHECK_COLUMN_CLASH, &target,
                "relationship \"%s\": both ends of link table \"%s\" get the column \"%s\"; "
                "set entity1-role or entity2-role to tell them apart",
                cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, table->name), cardinal_validate_show (self, second->name));
      else if (first_fk || second_fk)
        {
          const CardinalColumn *fk = first_fk ? first : second;

          cardinal_validate_report (self, CHECK_COLUMN_CLASH, &target,
                  "relationship \"%s\": link attribute \"%s\" clashes with the foreign-key column \"%s\" "
                  "of link table \"%s\"; rename the link attribute or set %s",
                  cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, (first_fk ? second : first)->name),
                  cardinal_validate_show (self, fk->name), cardinal_validate_show (self, table->name),
                  role_key_for_column (relationship, table, fk->name));
        }
      else
        cardinal_validate_report (self, CHECK_COLUMN_CLASH, &target,
                "relationship \"%s\": link attribute \"%s\" clashes with the key \"%s\" "
                "of link table \"%s\"; "
                "rename the link attribute",
                cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, (first_link ? first : second)->name),
                cardinal_validate_show (self, (first_link ? second : first)->name), cardinal_validate_show (self, table->name));
      return;
    }

  {
    /* In an entity table attributes come first, so the later column is the relationship's. */
    const CardinalColumn *produced = relationship2 != NULL ? second : first;
    const CardinalColumn *other = produced == second ? first : second;
    const CardinalRelationship *relationship = relationship2 != NULL ? relationship2 : relationship1;
    Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
    g_autofree char *what = NULL;

    if (relationship == NULL)
      return;  /* two attributes: CARD003 on the entity */

    target.relationship = relationship->name;
    if (other->relationship == NULL)
      what = g_strdup_printf ("attribute \"%s\"", cardinal_validate_show (self, other->name));
    else if (g_str_equal (other->relationship, relationship->name))
      what = g_strdup_printf ("its other column \"%s\"", cardinal_validate_show (self, other->name));
    else
      what = g_strdup_printf ("the column \"%s\" of relationship \"%s\"",
                              cardinal_validate_show (self, other->name), cardinal_validate_show (self, other->relationship));

    cardinal_validate_report (self, CHECK_COLUMN_CLASH, &target,
            "relationship \"%s\": its foreign-key column \"%s\" clashes with %s in table \"%s\"; "
            "set %s to give the column another name",
            cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, produced->name), what,
            cardinal_validate_show (self, table->name), role_key_for_column (relationship, table, produced->name));
  }
}

/* Most tables have a handful of columns, where a scan beats filling a hash
 * table; @columns indexes the big ones (NULL otherwise). */
static const CardinalColumn *
find_column (const CardinalTable *table,
             GHashTable          *columns,
             const char          *name)
{
  if (columns != NULL)
    return g_hash_table_lookup (columns, name);

  for (guint i = 0; i < table->columns->len; i++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, i);

      if (strcmp (column->name, name) == 0)
        return column;
    }
  return NULL;
}

/* CARD028 for an attribute's column that is also column @position of
 * @foreign_key: the attribute was claimed, so its type must fit. */
static void
check_claimed_column (Validator                *self,
                      const CardinalForeignKey *foreign_key,
                      guint                     position,
                      const CardinalColumn     *column)
{
  const CardinalRelationship *relationship = cardinal_validate_relationship_of (self, foreign_key->relationship);
  const CardinalTable *referenced;
  const CardinalColumn *key;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
  CardinalType parsed;

  /* shared-pk's FK is the key itself (CARD017); explicit entityN-columns are
   * checked from the logical model, so once is enough. */
  if (relationship == NULL || relationship->strategy == CARDINAL_STRATEGY_SHARED_PK ||
      relationship->entity1_columns != NULL || relationship->entity2_columns != NULL ||
      foreign_key->ref_columns == NULL || position >= g_strv_length (foreign_key->ref_columns))
    return;

  if (self->tables_by_name == NULL)
    {
      self->tables_by_name = g_hash_table_new (g_str_hash, g_str_equal);
      for (guint i = self->schema->tables->len; i > 0; i--)
        {
          CardinalTable *table = g_ptr_array_index (self->schema->tables, i - 1);

          g_hash_table_insert (self->tables_by_name, table->name, table);
        }
    }
  referenced = g_hash_table_lookup (self->tables_by_name, foreign_key->ref_table);
  key = referenced ? cardinal_table_find_column (referenced, foreign_key->ref_columns[position]) : NULL;
  if (key == NULL || key->type == NULL || column->type == NULL ||
      !cardinal_type_parse (column->type, &parsed, NULL) || !cardinal_type_parse (key->type, &parsed, NULL) ||
      cardinal_type_fk_compatible (column->type, key->type))
    return;

  target.relationship = relationship->name;
  cardinal_validate_report (self, CHECK_CLAIMED_TYPE, &target,
          "relationship \"%s\": attribute \"%s\" is the foreign-key column to \"%s\".\"%s\" but has the type "
          "\"%s\", which cannot reference \"%s\"",
          cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, column->name), cardinal_validate_show (self, referenced->name),
          cardinal_validate_show (self, key->name), cardinal_validate_show (self, column->type), cardinal_validate_show (self, key->type));
}

/* CARD004 and CARD005 for the FK columns a relationship generated in @table. */
static void
check_fk_column_names (Validator           *self,
                       const CardinalTable *table,
                       GHashTable          *columns)
{
  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, i);

      for (guint j = 0; foreign_key->columns[j] != NULL; j++)
        {
          const CardinalColumn *column = find_column (table, columns, foreign_key->columns[j]);
          const CardinalRelationship *relationship;
          Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };
          gsize length;

          /* Columns without a relationship are attributes: shared-pk's key
           * (checked as such) or claimed attributes (DESIGN.md §3). */
          if (column != NULL && column->relationship == NULL)
            check_claimed_column (self, foreign_key, j, column);
          if (column == NULL || column->relationship == NULL)
            continue;
          relationship = cardinal_validate_relationship_of (self, column->relationship);
          if (relationship == NULL)
            continue;

          target.relationship = relationship->name;
          length = strlen (column->name);
          if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
            cardinal_validate_report (self, CHECK_LONG_NAME, &target,
                    "relationship \"%s\": foreign-key column \"%s\" of table \"%s\" is %" G_GSIZE_FORMAT
                    " bytes long; PostgreSQL cuts identifiers at %d bytes; set a shorter %s",
                    cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, column->name), cardinal_validate_show (self, table->name),
                    length, CARDINAL_IDENTIFIER_MAX_BYTES,
                    role_key_for_column (relationship, table, column->name));
          if (cardinal_identifier_is_reserved (column->name))
            cardinal_validate_report (self, CHECK_RESERVED_WORD, &target,
                    "relationship \"%s\": foreign-key column \"%s\" of table \"%s\" is an SQL reserved word; "
                    "generated SQL quotes it, hand-written SQL must too",
                    cardinal_validate_show (self, relationship->name), cardinal_validate_show (self, column->name), cardinal_validate_show (self, table->name));
        }
    }
}

static void
check_table_name (Validator           *self,
                  const CardinalTable *table,
                  GHashTable          *table_names)
{
  const CardinalTable *first = g_hash_table_lookup (table_names, table->name);
  const CardinalTable *link = NULL;
  const CardinalTable *other = NULL;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };

  if (cardinal_validate_is_link_table (table))
    {
      gsize length = strlen (table->name);

      target.relationship = table->relationship;
      if (length > CARDINAL_IDENTIFIER_MAX_BYTES)
        cardinal_validate_report (self, CHECK_LONG_NAME, &target,
                "relationship \"%s\": link table \"%s\" is %" G_GSIZE_FORMAT " bytes long; "
                "PostgreSQL cuts identifiers at %d bytes; set a shorter link-table",
                cardinal_validate_show (self, table->relationship), cardinal_validate_show (self, table->name), length,
                CARDINAL_IDENTIFIER_MAX_BYTES);
      if (cardinal_identifier_is_reserved (table->name))
        cardinal_validate_report (self, CHECK_RESERVED_WORD, &target,
                "relationship \"%s\": link table \"%s\" is an SQL reserved word; "
                "generated SQL quotes it, hand-written SQL must too",
                cardinal_validate_show (self, table->relationship), cardinal_validate_show (self, table->name));
    }

  if (first == NULL)
    {
      g_hash_table_insert (table_names, table->name, (gpointer) table);
      return;
    }

  if (cardinal_validate_is_link_table (table))
    {
      link = table;
      other = first;
    }
  else if (cardinal_validate_is_link_table (first))
    {
      link = first;
      other = table;
    }
  else
    return;  /* two entities: CARD003 on the entity */

  target.relationship = link->relationship;
  if (cardinal_validate_is_link_table (other))
    cardinal_validate_report (self, CHECK_DUPLICATE_NAME, &target,
            "relationship \"%s\": link table \"%s\" has the same name as the link table "
            "of relationship \"%s\"; "
            "set link-table to another name",
            cardinal_validate_show (self, link->relationship), cardinal_validate_show (self, link->name), cardinal_validate_show (self, other->relationship));
  else
    cardinal_validate_report (self, CHECK_DUPLICATE_NAME, &target,
            "relationship \"%s\": link table \"%s\" has the same name as the table of entity \"%s\"; "
            "set link-table to another name",
            cardinal_validate_show (self, link->relationship), cardinal_validate_show (self, link->name), cardinal_validate_show (self, other->entity));
}

static int
compare_uint (gconstpointer a,
              gconstpointer b)
{
  guint x = *(const guint *) a;
  guint y = *(const guint *) b;

  return x < y ? -1 : x > y;
}

static int
compare_component (gconstpointer a,
                   gconstpointer b)
{
  GArray *x = *(GArray * const *) a;
  GArray *y = *(GArray * const *) b;

  return compare_uint (&g_array_index (x, guint, 0), &g_array_index (y, guint, 0));
}

static void
report_cycle (Validator            *self,
              const CardinalSchema *schema,
              GArray               *members,
              const Edge           *edges,
              const guint          *start,
              const guint          *component_of,
              guint                 component)
{
  enum { MAX_LISTED = 8 };
  g_autoptr(GString) tables = g_string_new (NULL);
  g_autoptr(GString) relationships = g_string_new (NULL);
  g_autoptr(GPtrArray) seen = g_ptr_array_new ();
  const CardinalTable *head = g_ptr_array_index (schema->tables, g_array_index (members, guint, 0));
  const char *first_relationship = NULL;
  Target target = { CARDINAL_OBJECT_RELATIONSHIP, NULL, NULL, NULL };

  for (guint i = 0; i < members->len; i++)
    {
      guint node = g_array_index (members, guint, i);
      const CardinalTable *table = g_ptr_array_index (schema->tables, node);

      if (i < MAX_LISTED)
        {
          if (i > 0)
            g_string_append (tables, i + 1 == members->len ? " and " : ", ");
          g_string_append_printf (tables, "\"%s\"", cardinal_validate_show (self, table->name));
        }
      else if (i == MAX_LISTED)
        g_string_append_printf (tables, " and %u more", members->len - MAX_LISTED);

      for (guint e = start[node]; e < start[node + 1]; e++)
        {
          const char *name = edges[e].foreign_key->relationship;

          if (component_of[edges[e].target] != component || name == NULL)
            continue;
          if (first_relationship == NULL)
            first_relationship = name;
          /* A cycle has few edges; a linear scan keeps them in table order. */
          if (!g_ptr_array_find_with_equal_func (seen, name, g_str_equal, NULL))
            g_ptr_array_add (seen, (gpointer) name);
        }
    }

  for (guint i = 0; i < seen->len && i <= MAX_LISTED; i++)
    {
      if (i == MAX_LISTED)
        {
          g_string_append_printf (relationships, " and %u more", seen->len - MAX_LISTED);
          break;
        }
      if (i > 0)
        g_string_append (relationships, i + 1 == seen->len ? " and " : ", ");
      g_string_append_printf (relationships, "\"%s\"", cardinal_validate_show (self, g_ptr_array_index (seen, i)));
    }

  target.entity = head->entity;
  target.relationship = first_relationship;

  cardinal_validate_report (self, CHECK_MANDATORY_CYCLE, &target,
          "tables %s form a cycle of mandatory foreign keys (relationship%s %s): no row can be inserted "
          "first without deferring constraints; make one participation optional",
          tables->str, seen->len == 1 ? "" : "s", relationships->str);
}

/* CARD016: strongly connected components of the "must reference" graph
 * (Tarjan, iterative so a long chain cannot overflow the stack). */
static void
check_mandatory_cycles (Validator            *self,
                        const CardinalSchema *schema,
                        GArray               *edge_array)
{
  const guint unvisited = G_MAXUINT;
  guint n = schema->tables->len;
  const Edge *edges = (const Edge *) edge_array->data;
  g_autofree guint *start = g_new0 (guint, n + 1);
  g_autofree guint *order = g_new (guint, n);
  g_autofree guint *low = g_new (guint, n);
  g_autofree guint *component_of = g_new (guint, n);
  g_autofree guint *stack = g_new (guint, n);
  g_autofree guint *call_node = g_new (guint, n);
  g_autofree guint *call_edge = g_new (guint, n);
  g_autofree gboolean *on_stack = g_new0 (gboolean, n);
  g_autoptr(GPtrArray) components = g_ptr_array_new_with_free_func ((GDestroyNotify) g_array_unref);
  guint counter = 0;
  guint n_components = 0;
  guint sp = 0;

  if (edge_array->len == 0)
    return;

  /* Edges arrive sorted by source, so the adjacency lists are slices of one array. */
  for (guint e = 0; e < edge_array->len; e++)
    start[edges[e].source + 1]++;
  for (guint i = 0; i < n; i++)
    start[i + 1] += start[i];

  for (guint i = 0; i < n; i++)
    {
      order[i] = unvisited;
      component_of[i] = unvisited;
    }

  for (guint root = 0; root < n; root++)
    {
      guint csp = 0;

      if (order[root] != unvisited)
        continue;

      order[root] = low[root] = counter++;
      stack[sp++] = root;
      on_stack[root] = TRUE;
      call_node[csp] = root;
      call_edge[csp] = start[root];
      csp++;

      while (csp > 0)
        {
          guint v = call_node[csp - 1];
          guint e = call_edge[csp - 1];

          if (e < start[v + 1])
            {
              guint w = edges[e].target;

              call_edge[csp - 1]++;
              if (order[w] == unvisited)
                {
                  order[w] = low[w] = counter++;
                  stack[sp++] = w;
                  on_stack[w] = TRUE;
                  call_node[csp] = w;
                  call_edge[csp] = start[w];
                  csp++;
                }
              else if (on_stack[w])
                low[v] = MIN (low[v], order[w]);
              continue;
            }

          csp--;
          if (csp > 0)
            {
              guint parent = call_node[csp - 1];

              low[parent] = MIN (low[parent], low[v]);
            }

          if (low[v] == order[v])
            {
              GArray *members = g_array_new (FALSE, FALSE, sizeof (guint));
              gboolean cyclic;
              guint w;

              do
                {
                  w = stack[--sp];
                  on_stack[w] = FALSE;
                  component_of[w] = n_components;
                  g_array_append_val (members, w);
                }
              while (w != v);

              /* A table that references itself is no cycle: both engines take
               * a first row whose FK is its own key (or NULL). */
              cyclic = members->len > 1;

              if (cyclic)
                {
                  g_array_sort (members, compare_uint);
                  g_ptr_array_add (components, members);
                }
              else
                g_array_unref (members);
              n_components++;
            }
        }
    }

  /* Report in table order, whatever order Tarjan finished them in. */
  g_ptr_array_sort (components, compare_component);
  for (guint i = 0; i < components->len; i++)
    {
      GArray *members = g_ptr_array_index (components, i);

      report_cycle (self, schema, members, edges, start, component_of,
                    component_of[g_array_index (members, guint, 0)]);
    }
}

/* CARD012 and CARD013 for each column whose name an earlier column of @table already has. */
static void
check_column_names (Validator           *self,
                    const CardinalTable *table,
                    NameSet             *column_names)
{
  cardinal_validate_name_set_reset (column_names);
  for (guint j = 0; j < table->columns->len; j++)
    {
      CardinalColumn *column = g_ptr_array_index (table->columns, j);
      CardinalColumn *first = cardinal_validate_name_set_add (column_names, column->name, column);

      if (first != NULL)
        check_column_clash (self, table, first, column);
    }
}

void
cardinal_validate_check_schema (Validator            *self,
                                const CardinalSchema *schema)
{
  g_autoptr(GHashTable) table_names = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  g_autoptr(GHashTable) table_index = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  NameSet column_names = { 0 };
  g_autoptr(GArray) edges = g_array_new (FALSE, FALSE, sizeof (Edge));

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);

      check_table_name (self, table, table_names);
      if (!g_hash_table_contains (table_index, table->name))
        g_hash_table_insert (table_index, table->name, GUINT_TO_POINTER (i));
    }

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);
      GHashTable *index = NULL;

      if (table->columns->len > SMALL_SET)
        {
          index = columns;
          g_hash_table_remove_all (columns);
          /* Backwards, so that the first of two equal names wins. */
          for (guint j = table->columns->len; j > 0; j--)
            {
              CardinalColumn *column = g_ptr_array_index (table->columns, j - 1);

              g_hash_table_insert (columns, column->name, column);
            }
        }

      check_column_names (self, table, &column_names);
      check_fk_column_names (self, table, index);

      /* A foreign key is mandatory when none of its columns can be NULL:
       * with MATCH SIMPLE a NULL in any column skips the check. */
      for (guint j = 0; j < table->foreign_keys->len; j++)
        {
          CardinalForeignKey *foreign_key = g_ptr_array_index (table->foreign_keys, j);
          gpointer target_index;
          gboolean mandatory = foreign_key->columns[0] != NULL;
          Edge edge;

          for (guint k = 0; mandatory && foreign_key->columns[k] != NULL; k++)
            {
              const CardinalColumn *column = find_column (table, index, foreign_key->columns[k]);

              mandatory = column != NULL && !column->nullable;
            }

          if (!mandatory ||
              !g_hash_table_lookup_extended (table_index, foreign_key->ref_table, NULL, &target_index))
            continue;

          edge.source = i;
          edge.target = GPOINTER_TO_UINT (target_index);
          edge.foreign_key = foreign_key;
          g_array_append_val (edges, edge);
        }
    }

  cardinal_validate_name_set_clear (&column_names);
  check_mandatory_cycles (self, schema, edges);
}
