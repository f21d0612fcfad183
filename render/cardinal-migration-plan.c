/* cardinal-migration-plan.c: plans a migration between two models by matching tables and columns through stable ids (DESIGN.md §7). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-migration-plan.h"

#include <string.h>

#include "cardinal-ddl.h"
#include "cardinal-ddl-private.h"
#include "cardinal-engineer.h"
#include "cardinal-identifier.h"
#include "cardinal-physical.h"

G_DEFINE_QUARK (cardinal-migration-plan-error-quark, cardinal_migration_plan_error)

/* Steps are collected per phase and joined in phase order at the end, so
 * that every read of the old rows happens before anything is dropped. */
typedef enum
{
  PHASE_PRAGMA_OFF,
  PHASE_TYPES,
  PHASE_DROP_OBJECTS,
  PHASE_RENAME_TABLES,
  PHASE_CREATE,
  PHASE_ADD_COLUMNS,
  PHASE_DATA,
  PHASE_DROP_CONSTRAINTS,
  PHASE_ALTER_COLUMNS,
  PHASE_REPLACE,
  PHASE_RENAME_COLUMNS,
  PHASE_DROP_TABLES,
  PHASE_SWAP_TYPES,
  PHASE_ADD_CONSTRAINTS,
  PHASE_INDEXES,
  PHASE_OBJECTS,
  PHASE_FINAL_CHECK,
  PHASE_PRAGMA_ON,
  N_PHASES
} Phase;

typedef struct _Tab Tab;
typedef struct _Col Col;

struct _Col
{
  CardinalColumn *column;
  char           *key;    /* "a:<attribute id>", "l:<relationship id>" (a link table's own id), or an FK key */
  char           *fkey;   /* for an FK column: "f:<relationship id>:<side>:<key of the referenced column>" */
  Col            *match;  /* the column on the other side with the same key */
  Tab            *tab;
  gboolean        added_nullable;  /* PostgreSQL: added without its NOT NULL, which comes after the rows */
};

struct _Tab
{
  CardinalTable    *table;
  char             *key;      /* "e:<entity id>" or "r:<relationship id>" */
  GPtrArray        *cols;     /* of Col */
  Tab              *match;
  gboolean          rebuild;  /* SQLite: created anew and the rows copied */
  char             *current;  /* old side: the quoted name it has while rows are read */
  CardinalDdlTable *pieces;
};

typedef struct
{
  CardinalModel     *old_model;
  CardinalModel     *new_model;
  CardinalSchema    *old_schema;
  CardinalSchema    *new_schema;
  CardinalDialect    dialect;
  gboolean           postgresql;
  GPtrArray         *old_tabs;
  GPtrArray         *new_tabs;
  GHashTable        *old_by_key;
  GHashTable        *new_by_name;     /* table name → new Tab */
  GHashTable        *old_cols;        /* key and FK key → GPtrArray of old Col */
  GHashTable        *new_keys;        /* every key a new column answers to (keys_correspond) */
  GHashTable        *new_relationships; /* ids of the relationships new FK columns store */
  GPtrArray         *phases[N_PHASES];
  CardinalMigration *migration;
  gboolean           sqlite_fk_off;
  GPtrArray         *shrunk_enums;    /* of const CardinalUserType (new model): enums that lose values */
} Plan;

static void
col_free (Col *col)
{
  g_free (col->key);
  g_free (col->fkey);
  g_free (col);
}

static void
tab_free (Tab *tab)
{
  g_free (tab->key);
  g_ptr_array_unref (tab->cols);
  g_free (tab->current);
  cardinal_ddl_table_free (tab->pieces);
  g_free (tab);
}

static char *
quote (const char *name)
{
  GString *out = g_string_new (NULL);

  cardinal_identifier_append_quoted (out, name);
  return g_string_free (out, FALSE);
}

static void
append_literal (GString    *out,
                const char *text)
{
  g_string_append_c (out, '\'');
  for (const char *p = text; *p != '\0'; p++)
    {
      if (*p == '\'')
        g_string_append_c (out, '\'');
      g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\'');
}

static CardinalMigrationStep *
add_step (Plan                      *plan,
          Phase                      phase,
          CardinalMigrationStepKind  kind,
          const char                *table,
          const char                *sql,
          const char                *format,
          ...) G_GNUC_PRINTF (6, 7);

static CardinalMigrationStep *
add_step (Plan                      *plan,
          Phase                      phase,
          CardinalMigrationStepKind  kind,
          const char                *table,
          const char                *sql,
          const char                *format,
          ...)
{
  CardinalMigrationStep *step = g_new0 (CardinalMigrationStep, 1);
  va_list args;

  va_start (args, format);
  step->summary = g_strdup_vprintf (format, args);
  va_end (args);
  step->kind = kind;
  step->table = g_strdup (table);
  step->sql = g_strdup (sql);
  g_ptr_array_add (plan->phases[phase], step);
  return step;
}

/* A CHECK step: @count_sql must count 0 for the plan to go on. */
static void
add_check (Plan       *plan,
           Phase       phase,
           const char *table,
           char       *count_sql,
           char       *refusal,
           const char *summary)
{
  CardinalMigrationStep *step = add_step (plan, phase, CARDINAL_MIGRATION_STEP_CHECK, table,
                                          count_sql, "%s", summary);

  step->count_sql = count_sql;
  step->refusal = refusal;
}

static void
add_note (Plan       *plan,
          const char *format,
          ...) G_GNUC_PRINTF (2, 3);

static void
add_note (Plan       *plan,
          const char *format,
          ...)
{
  va_list args;

  va_start (args, format);
  g_ptr_array_add (plan->migration->notes, g_strdup_vprintf (format, args));
  va_end (args);
}

/* Keys ------------------------------------------------------------------ */

static const CardinalAttribute *
find_in (GPtrArray  *attributes,
         const char *name)
{
  for (guint i = 0; name != NULL && i < attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (g_str_equal (attribute->name, name))
        return attribute;
    }
  return NULL;
}

/* Entities and relationships by name: thousands of tables look them up. */
typedef struct
{
  GHashTable *entities;
  GHashTable *relationships;
} ModelIndex;

static void
model_index_init (ModelIndex          *index,
                  const CardinalModel *model)
{
  index->entities = g_hash_table_new (g_str_hash, g_str_equal);
  index->relationships = g_hash_table_new (g_str_hash, g_str_equal);
  /* Backwards, so that the first of two with one name wins, as the finders do. */
  for (guint i = model->entities->len; i-- > 0;)
    {
      CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      g_hash_table_insert (index->entities, entity->name, entity);
    }
  for (guint i = model->relationships->len; i-- > 0;)
    {
      CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      g_hash_table_insert (index->relationships, relationship->name, relationship);
    }
}

static void
model_index_clear (ModelIndex *index)
{
  g_hash_table_unref (index->entities);
  g_hash_table_unref (index->relationships);
}

#define index_entity(index, name) ((const CardinalEntity *) ((name) != NULL ? g_hash_table_lookup ((index)->entities, (name)) : NULL))
#define index_relationship(index, name) ((const CardinalRelationship *) ((name) != NULL ? g_hash_table_lookup ((index)->relationships, (name)) : NULL))

/* The key of a column that comes from an attribute or is a link table's own id; NULL for FK columns. */
static char *
own_key (const ModelIndex     *model,
         const CardinalTable  *table,
         const CardinalColumn *column)
{
  const CardinalAttribute *attribute = NULL;

  if (column->relationship == NULL)
    {
      const CardinalEntity *entity = index_entity (model, table->entity);

      attribute = entity != NULL ? find_in (entity->attributes, column->attribute) : NULL;
    }
  else
    {
      const CardinalRelationship *relationship = index_relationship (model, column->relationship);

      if (relationship == NULL)
        return NULL;
      if (column->attribute == NULL)
        return g_strconcat ("l:", relationship->id, NULL);
      if (relationship->strategy == CARDINAL_STRATEGY_MERGED)
        {
          const CardinalEntity *dependent = index_entity (model, relationship->entity2);

          attribute = dependent != NULL ? find_in (dependent->attributes, column->attribute) : NULL;
        }
      else if (g_strcmp0 (table->relationship, relationship->name) == 0)
        attribute = find_in (relationship->link_attributes, column->attribute);
    }
  return attribute != NULL ? g_strconcat ("a:", attribute->id, NULL) : NULL;
}

static Col *
tab_find_col (const Tab  *tab,
              const char *name)
{
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);

      if (g_str_equal (col->column->name, name))
        return col;
    }
  return NULL;
}

static GPtrArray *
build_tabs (const CardinalModel  *full_model,
            const CardinalSchema *schema,
            GHashTable           *by_name)
{
  GPtrArray *tabs = g_ptr_array_new_with_free_func ((GDestroyNotify) tab_free);
  gboolean changed = TRUE;
  ModelIndex index;
  const ModelIndex *model = &index;

  model_index_init (&index, full_model);

  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (schema->tables, i);
      Tab *tab = g_new0 (Tab, 1);

      tab->table = table;
      if (index_entity (model, table->entity) != NULL)
        tab->key = g_strconcat ("e:", index_entity (model, table->entity)->id, NULL);
      else if (index_relationship (model, table->relationship) != NULL)
        tab->key = g_strconcat ("r:", index_relationship (model, table->relationship)->id, NULL);
      else
        tab->key = g_strconcat ("t:", table->name, NULL);
      tab->cols = g_ptr_array_new_with_free_func ((GDestroyNotify) col_free);
      for (guint k = 0; k < table->columns->len; k++)
        {
          Col *col = g_new0 (Col, 1);

          col->column = g_ptr_array_index (table->columns, k);
          col->tab = tab;
          col->key = own_key (model, table, col->column);
          g_ptr_array_add (tab->cols, col);
        }
      g_ptr_array_add (tabs, tab);
      if (!g_hash_table_contains (by_name, table->name))
        g_hash_table_insert (by_name, table->name, tab);
    }

  /* An FK column's key names the key of the column it references, which may
   * itself be an FK column (identifying relationships): repeat until settled. */
  for (guint pass = 0; changed && pass < 8; pass++)
    {
      changed = FALSE;
      for (guint i = 0; i < tabs->len; i++)
        {
          Tab *tab = g_ptr_array_index (tabs, i);
          guint link_fks = 0;

          for (guint f = 0; f < tab->table->foreign_keys->len; f++)
            {
              const CardinalForeignKey *fk = g_ptr_array_index (tab->table->foreign_keys, f);
              const CardinalRelationship *relationship =
                index_relationship (model, fk->relationship);
              Tab *ref = g_hash_table_lookup (by_name, fk->ref_table);
              guint side;

              if (relationship == NULL || ref == NULL)
                continue;
              if (g_strcmp0 (tab->table->relationship, relationship->name) == 0)
                side = ++link_fks;
              else
                side = relationship->kind == CARDINAL_KIND_MANY_TO_ONE && relationship->strategy == CARDINAL_STRATEGY_FK ? 2 : 1;

              for (guint c = 0; fk->columns[c] != NULL && fk->ref_columns != NULL && fk->ref_columns[c] != NULL; c++)
                {
                  Col *col = tab_find_col (tab, fk->columns[c]);
                  Col *target = tab_find_col (ref, fk->ref_columns[c]);
                  g_autofree char *fkey = NULL;

                  if (col == NULL || target == NULL || target->key == NULL)
                    continue;
                  fkey = g_strdup_printf ("f:%s:%u:%s", relationship->id, side, target->key);
                  if (g_strcmp0 (col->fkey, fkey) == 0)
                    continue;
                  g_free (col->fkey);
                  col->fkey = g_steal_pointer (&fkey);
                  changed = TRUE;
                }
            }
        }
      for (guint i = 0; i < tabs->len; i++)
        {
          Tab *tab = g_ptr_array_index (tabs, i);

          for (guint k = 0; k < tab->cols->len; k++)
            {
              Col *col = g_ptr_array_index (tab->cols, k);

              /* An appended FK column is known by its FK key alone. */
              if (col->column->relationship != NULL && col->column->attribute != NULL && col->fkey != NULL &&
                  (col->key == NULL || g_str_has_prefix (col->key, "f:")) && g_strcmp0 (col->key, col->fkey) != 0)
                {
                  g_free (col->key);
                  col->key = g_strdup (col->fkey);
                  changed = TRUE;
                }
            }
        }
    }
  model_index_clear (&index);
  return tabs;
}

/* Whether the value of a column keyed @a is the value of one keyed @b: the
 * same key, or an FK column whose key ends in the referenced column's. */
static gboolean
keys_correspond (const Col  *col,
                 const char *key)
{
  if (key == NULL)
    return FALSE;
  if (g_strcmp0 (col->key, key) == 0 || g_strcmp0 (col->fkey, key) == 0)
    return TRUE;
  if (col->key != NULL && g_str_has_prefix (col->key, "f:"))
    {
      gsize kl = strlen (col->key), l = strlen (key);

      return kl > l + 1 && col->key[kl - l - 1] == ':' && g_str_equal (col->key + kl - l, key);
    }
  if (g_str_has_prefix (key, "f:"))
    {
      gsize kl = strlen (key), l = col->key != NULL ? strlen (col->key) : 0;

      return l > 0 && kl > l + 1 && key[kl - l - 1] == ':' && g_str_equal (key + kl - l, col->key);
    }
  return FALSE;
}

/* The key an FK key ends in: "f:R:2:a:X" → "a:X". */
static const char *
referenced_key (const char *key)
{
  const char *p = key;

  if (!g_str_has_prefix (key, "f:"))
    return NULL;
  for (guint colons = 0; *p != '\0' && colons < 3; p++)
    if (*p == ':')
      colons++;
  return *p != '\0' ? p : NULL;
}

/* "f:R:2:a:X" → "R": the relationship an FK key stores. */
static char *
fk_key_relationship (const char *key)
{
  const char *id = key + strlen ("f:");

  return g_strndup (id, strcspn (id, ":"));
}

static void
add_new_keys (GHashTable *set,
              GHashTable *relationships,
              const char *key)
{
  /* An FK column also answers to the key it references (and that one's). */
  for (const char *k = key; k != NULL; k = referenced_key (k))
    g_hash_table_add (set, (gpointer) k);
  if (referenced_key (key) != NULL)
    g_hash_table_add (relationships, fk_key_relationship (key));
}

/* Whether some new column keeps the values of the old column keyed @key. */
static gboolean
key_kept (Plan       *plan,
          const char *key)
{
  if (key == NULL)
    return FALSE;
  if (g_hash_table_contains (plan->new_keys, key))
    return TRUE;
  /* An old FK column says which rows of two tables are paired. The pairs
   * are kept while the relationship is still stored in some FK column (in
   * the same table, in a link table, or the other way round) and the key it
   * refers to is still there; the referenced key alone keeps nothing. */
  if (referenced_key (key) != NULL)
    {
      g_autofree char *relationship = fk_key_relationship (key);

      if (!g_hash_table_contains (plan->new_relationships, relationship))
        return FALSE;
      for (const char *k = referenced_key (key); k != NULL; k = referenced_key (k))
        if (g_hash_table_contains (plan->new_keys, k))
          return TRUE;
    }
  return FALSE;
}

/* Sources of values ----------------------------------------------------- */

/* The old column of @driver that holds @col's value for the same row, or
 * NULL. @row_itself: a new table made from @driver's rows, where an FK
 * column to @driver's own entity takes the row's key. */
static Col *
direct_source (const Tab *driver,
               const Col *col,
               gboolean   row_itself)
{
  /* An FK key that another old column has: that column's values (unique-fk →
   * shared-pk: the key takes the FK's values). */
  for (guint i = 0; col->fkey != NULL && i < driver->cols->len; i++)
    {
      Col *old = g_ptr_array_index (driver->cols, i);

      if (g_strcmp0 (old->key, col->fkey) == 0)
        return old;
    }
  /* The same key first, so that a column found by an FK key never wins over it. */
  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < driver->cols->len; i++)
      {
        Col *old = g_ptr_array_index (driver->cols, i);

        if (pass == 0 ? g_strcmp0 (old->key, col->key) == 0
                      : (col->key != NULL && g_strcmp0 (old->fkey, col->key) == 0) ||
                        (row_itself && (keys_correspond (old, col->key) ||
                                        (col->fkey != NULL && keys_correspond (old, col->fkey)))))
          return old;
      }
  return NULL;
}

typedef struct
{
  char     *expression;  /* SQL reading the value for the driver row */
  char     *many_sql;    /* when the join may find several rows: counts the driver rows that do */
  gboolean  direct;
} Source;

static void
source_clear (Source *source)
{
  g_clear_pointer (&source->expression, g_free);
  g_clear_pointer (&source->many_sql, g_free);
}

static char *
column_ref (const char *table_ref,
            const char *column)
{
  g_autofree char *quoted = quote (column);

  return g_strdup_printf ("%s.%s", table_ref, quoted);
}

/* How a row of @other joins the driver row: "other.k = driver.d AND …"
 * through @other's primary key (one row at most), else through the driver's
 * (then *@many is set). NULL when they do not join. */
static char *
join_condition (const Tab  *other,
                const char *other_ref,
                const Tab  *driver,
                const char *driver_ref,
                gboolean   *many)
{
  for (guint direction = 0; direction < 2; direction++)
    {
      const Tab *keyed = direction == 0 ? other : driver;
      const Tab *probe = direction == 0 ? driver : other;
      GString *out = g_string_new (NULL);
      gboolean ok = keyed->table->primary_key != NULL && keyed->table->primary_key[0] != NULL;

      for (guint k = 0; ok && keyed->table->primary_key[k] != NULL; k++)
        {
          Col *key_col = tab_find_col (keyed, keyed->table->primary_key[k]);
          Col *found = NULL;

          for (guint i = 0; key_col != NULL && key_col->key != NULL && found == NULL && i < probe->cols->len; i++)
            if (keys_correspond (g_ptr_array_index (probe->cols, i), key_col->key) ||
                (key_col->fkey != NULL && keys_correspond (g_ptr_array_index (probe->cols, i), key_col->fkey)))
              found = g_ptr_array_index (probe->cols, i);
          if (found == NULL)
            {
              ok = FALSE;
              break;
            }
          {
            g_autofree char *a = column_ref (other_ref, direction == 0 ? key_col->column->name : found->column->name);
            g_autofree char *b = column_ref (driver_ref, direction == 0 ? found->column->name : key_col->column->name);

            g_string_append_printf (out, "%s%s = %s", out->len > 0 ? " AND " : "", a, b);
          }
        }
      if (ok)
        {
          *many = direction == 1;
          return g_string_free (out, FALSE);
        }
      g_string_free (out, TRUE);
    }
  return NULL;
}

/* Where @col's value comes from for a row of @driver (an old table, or NULL),
 * referred to as @driver_ref: the driver's own column, or a subquery on
 * another old table that holds the column's key. */
static gboolean
find_source (Plan       *plan,
             const Col  *col,
             const Tab  *driver,
             const char *driver_ref,
             gboolean    row_itself,
             Source     *source)
{
  Col *old = driver != NULL ? direct_source (driver, col, row_itself) : NULL;
  GPtrArray *candidates;

  memset (source, 0, sizeof *source);
  if (old != NULL)
    {
      source->expression = column_ref (driver_ref, old->column->name);
      source->direct = TRUE;
      return TRUE;
    }
  if (driver == NULL || col->key == NULL)
    return FALSE;

  candidates = g_hash_table_lookup (plan->old_cols, col->key);
  for (guint i = 0; candidates != NULL && i < candidates->len; i++)
    {
      Col *candidate = g_ptr_array_index (candidates, i);
      Tab *other = candidate->tab;
      g_autofree char *join = NULL;
      gboolean many = FALSE;

      if (other == driver || g_strcmp0 (candidate->key, col->key) != 0)
        continue;
      join = join_condition (other, "\"cardinal_s\"", driver, driver_ref, &many);
      if (join == NULL)
        continue;
      {
        g_autofree char *value = column_ref ("\"cardinal_s\"", candidate->column->name);

        source->expression = g_strdup_printf ("(SELECT %s FROM %s AS \"cardinal_s\" WHERE %s)",
                                              value, other->current, join);
        if (many)
          source->many_sql = g_strdup_printf ("(SELECT count(*) FROM %s AS \"cardinal_s\" WHERE %s) > 1",
                                              other->current, join);
      }
      return TRUE;
    }
  return FALSE;
}

/* Types ------------------------------------------------------------------ */

static int
integer_rank (CardinalTypeBase base)
{
  switch (base)
    {
    case CARDINAL_TYPE_SMALLINT:
      return 1;
    case CARDINAL_TYPE_INTEGER:
      return 2;
    case CARDINAL_TYPE_BIGINT:
      return 3;
    default:
      return 0;
    }
}

/* Whether every value of @from fits @to unchanged; when not, @count_where
 * gets a condition on @column that finds the rows that change. */
static gboolean
type_widens (const char  *from,
             const char  *to,
             const char  *column,
             char       **count_where)
{
  CardinalType a, b;
  g_autofree char *message_a = NULL;
  g_autofree char *message_b = NULL;

  *count_where = NULL;
  if (!cardinal_type_parse (from, &a, &message_a) || !cardinal_type_parse (to, &b, &message_b))
    goto narrows;
  if (b.base == CARDINAL_TYPE_TEXT)
    return TRUE;
  if (a.base == b.base)
    {
      if (a.base == CARDINAL_TYPE_VARCHAR)
        {
          if (b.length < 0 || (a.length >= 0 && a.length <= b.length))
            return TRUE;
          *count_where = g_strdup_printf ("length(%s) > %d", column, b.length);
          return FALSE;
        }
      if (a.base == CARDINAL_TYPE_NUMERIC)
        {
          if (b.precision < 0 || (a.precision >= 0 && a.precision - MAX (a.scale, 0) <= b.precision - MAX (b.scale, 0) &&
                                  MAX (a.scale, 0) <= MAX (b.scale, 0)))
            return TRUE;
          goto narrows;
        }
      if (a.base == CARDINAL_TYPE_RAW)
        return g_ascii_strcasecmp (from, to) == 0;
      return TRUE;
    }
  if (a.base == CARDINAL_TYPE_TEXT && b.base == CARDINAL_TYPE_VARCHAR)
    {
      *count_where = g_strdup_printf ("length(%s) > %d", column, b.length);
      return FALSE;
    }
  if (integer_rank (a.base) > 0 && integer_rank (b.base) > 0)
    {
      static const char * const limits[] = { NULL, "32767", "2147483647" };

      if (integer_rank (a.base) <= integer_rank (b.base))
        return TRUE;
      *count_where = g_strdup_printf ("abs(%s) > %s", column, limits[integer_rank (b.base)]);
      return FALSE;
    }
  if (integer_rank (a.base) > 0 && (b.base == CARDINAL_TYPE_NUMERIC || b.base == CARDINAL_TYPE_DOUBLE))
    return TRUE;
  if (a.base == CARDINAL_TYPE_REAL && b.base == CARDINAL_TYPE_DOUBLE)
    return TRUE;
  if (a.base == CARDINAL_TYPE_VARCHAR && b.base == CARDINAL_TYPE_TEXT)
    return TRUE;
  if (a.base == CARDINAL_TYPE_TIMESTAMP && b.base == CARDINAL_TYPE_TIMESTAMPTZ)
    return TRUE;

narrows:
  if (*count_where == NULL)
    *count_where = g_strdup_printf ("%s IS NOT NULL", column);
  return FALSE;
}

static char *
spelled_type (Plan                 *plan,
              const CardinalColumn *column)
{
  if (column->sql_type != NULL && plan->new_model->has_dialect && plan->new_model->dialect == (int) plan->dialect)
    return g_strdup (column->sql_type);
  return cardinal_type_to_sql (column->type, plan->dialect);
}

static gboolean
same_text (const char *a,
           const char *b)
{
  return g_strcmp0 (a, b) == 0;
}

/* Whether a column's definition (apart from its name) stays as it is. */
static gboolean
column_same (const CardinalColumn *a,
             const CardinalColumn *b)
{
  return g_ascii_strcasecmp (a->type, b->type) == 0 && a->nullable == b->nullable &&
         a->autoincrement == b->autoincrement && same_text (a->default_value, b->default_value) &&
         same_text (a->sql_type, b->sql_type) && same_text (a->collation, b->collation) &&
         same_text (a->generated, b->generated) && a->generated_stored == b->generated_stored &&
         a->identity == b->identity;
}

/* A column's definition as ADD COLUMN writes it; @nullable drops NOT NULL
 * (the column is filled first and made NOT NULL afterwards). */
static char *
column_definition (Plan                *plan,
                   const Tab           *tab,
                   const CardinalColumn *column,
                   gboolean             nullable)
{
  CardinalColumn copy = *column;
  CardinalTable single = *tab->table;
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) empty = g_ptr_array_new ();
  g_autoptr(CardinalDdlTable) pieces = NULL;
  char *key[] = { NULL };

  if (nullable)
    copy.nullable = TRUE;
  g_ptr_array_add (columns, &copy);
  single.columns = columns;
  single.primary_key = key;
  single.uniques = empty;
  single.checks = empty;
  single.foreign_keys = empty;
  single.indexes = empty;
  pieces = cardinal_ddl_render_table (plan->new_schema, &single, plan->dialect, FALSE);
  return g_strdup (g_ptr_array_index (pieces->columns, 0));
}

/* Planning a table -------------------------------------------------------- */

/* Whether @array (of DDL pieces) has @text: pieces are compared by text. */
static gboolean
array_has (GPtrArray  *array,
           const char *text)
{
  return g_ptr_array_find_with_equal_func (array, text, g_str_equal, NULL);
}

static char *
strv_key (const char * const *columns)
{
  return g_strjoinv (",", (char **) columns);
}

/* The old table that most of @tab's columns come from, directly. */
static Tab *
choose_driver (Plan      *plan,
               const Tab *tab)
{
  Tab *best = NULL;
  guint best_score = 0;

  g_autoptr(GPtrArray) olds = g_ptr_array_new ();

  /* Only old tables with a column of one of the keys can drive. */
  for (guint k = 0; k < tab->cols->len; k++)
    {
      Col *col = g_ptr_array_index (tab->cols, k);

      for (guint pass = 0; pass < 2; pass++)
        {
          const char *key = pass == 0 ? col->key : col->fkey;
          GPtrArray *found = key != NULL ? g_hash_table_lookup (plan->old_cols, key) : NULL;

          for (guint f = 0; found != NULL && f < found->len; f++)
            {
              Tab *old = ((Col *) g_ptr_array_index (found, f))->tab;

              if (!g_ptr_array_find (olds, old, NULL))
                g_ptr_array_add (olds, old);
            }
        }
    }

  for (guint i = 0; i < olds->len; i++)
    {
      Tab *old = g_ptr_array_index (olds, i);
      guint score = 0;
      gboolean keyed = FALSE;

      for (guint k = 0; k < tab->cols->len; k++)
        {
          Col *col = g_ptr_array_index (tab->cols, k);
          Col *source = direct_source (old, col, TRUE);

          if (source == NULL)
            continue;
          score++;
          /* An entity's rows come from where its attributes were; a link
           * table's from where its relationship's FK was (a column that was
           * also an attribute of its own, as import makes it when the FK's
           * type is spelled its own way, counts by its FK key). */
          if ((g_strcmp0 (source->key, col->key) == 0 || g_strcmp0 (source->key, col->fkey) == 0 ||
               (source->fkey != NULL && g_strcmp0 (source->fkey, col->key) == 0)) &&
              (tab->table->entity == NULL || (col->key != NULL && g_str_has_prefix (col->key, "a:"))))
            keyed = TRUE;
        }
      if (keyed && score > best_score)
        {
          best = old;
          best_score = score;
        }
    }
  return best;
}

static gboolean
column_fills_itself (const CardinalColumn *column)
{
  return column->default_value != NULL || column->autoincrement || column->generated != NULL;
}

/* INSERT INTO @target (…) SELECT … FROM the driver: the rows of a new or
 * rebuilt table, with CHECK steps for what the new table would refuse. */
static void
plan_fill (Plan       *plan,
           const Tab  *tab,
           const Tab  *driver,
           const char *target,
           gboolean    filter)
{
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) select = g_string_new (NULL);
  g_autoptr(GString) where = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GString) narrowed = g_string_new (NULL);
  const char *driver_ref = "\"cardinal_d\"";
  gboolean identity = FALSE;
  const char *name = tab->table->name;

  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      Source source;
      g_autofree char *quoted = quote (col->column->name);

      if (col->column->generated != NULL || !find_source (plan, col, driver, driver_ref, filter, &source))
        {
          if (!col->column->nullable && !column_fills_itself (col->column))
            {
              g_autofree char *from = NULL;

              from = g_strdup_printf ("SELECT count(*) FROM %s AS \"cardinal_d\"", driver->current);
              add_check (plan, PHASE_DATA, name, g_strdup (from),
                         g_strdup_printf ("%s.%s has no value to take for these rows.", name, col->column->name),
                         g_strdup_printf ("Every row of %s needs %s, which no old column holds", name, col->column->name));
            }
          continue;
        }
      if (source.many_sql != NULL)
        add_check (plan, PHASE_DATA, name,
                   g_strdup_printf ("SELECT count(*) FROM %s AS \"cardinal_d\" WHERE %s", driver->current, source.many_sql),
                   g_strdup_printf ("These rows would get several values for %s.%s.", name, col->column->name),
                   g_strdup_printf ("Each row of %s takes at most one %s", name, col->column->name));
      if (col->column->autoincrement)
        identity = TRUE;
      /* Newly required with a default: the empty ones get the default. */
      if (col->match != NULL && col->match->column->nullable && !col->column->nullable &&
          col->column->default_value != NULL)
        {
          char *filled = g_strdup_printf ("COALESCE(%s, %s)", source.expression, col->column->default_value);

          g_free (source.expression);
          source.expression = filled;
          add_note (plan, "Rows of %s without %s get its default, %s.", name, col->column->name,
                    col->column->default_value);
        }
      g_string_append_printf (columns, "%s%s", columns->len > 0 ? ", " : "", quoted);
      g_string_append_printf (select, "%s%s AS %s", select->len > 0 ? ", " : "", source.expression, quoted);
      if (filter && source.direct && !col->column->nullable && !column_fills_itself (col->column))
        g_string_append_printf (where, "%s%s IS NOT NULL", where->len > 0 ? " AND " : "", source.expression);
      g_ptr_array_add (names, g_strdup (col->column->name));
      if (col->match != NULL && g_ascii_strcasecmp (col->match->column->type, col->column->type) != 0)
        {
          g_autofree char *count_where = NULL;

          if (!type_widens (col->match->column->type, col->column->type, source.expression, &count_where))
            g_string_append_printf (narrowed, "%s(%s)", narrowed->len > 0 ? " OR " : "", count_where);
        }
      source_clear (&source);
    }
  if (columns->len == 0)
    return;

  g_string_append_printf (sql, "SELECT %s FROM %s AS \"cardinal_d\"", select->str, driver->current);
  if (where->len > 0)
    g_string_append_printf (sql, " WHERE %s", where->str);

  /* What the new table's keys and NOT NULLs would refuse, counted first. */
  {
    g_autoptr(GPtrArray) keys = g_ptr_array_new ();
    guint offset = 0;

    if (tab->table->primary_key != NULL && tab->table->primary_key[0] != NULL)
      {
        g_ptr_array_add (keys, tab->table->primary_key);
        offset = 1;
      }
    for (guint i = 0; i < tab->table->uniques->len; i++)
      g_ptr_array_add (keys, ((CardinalUnique *) g_ptr_array_index (tab->table->uniques, i))->columns);
    for (guint i = 0; i < keys->len; i++)
      {
        char **key = g_ptr_array_index (keys, i);
        g_autoptr(GString) list = g_string_new (NULL);
        g_autoptr(GString) not_null = g_string_new (NULL);
        gboolean all = TRUE;

        for (guint k = 0; key[k] != NULL; k++)
          {
            g_autofree char *quoted = quote (key[k]);

            all = all && g_ptr_array_find_with_equal_func (names, key[k], g_str_equal, NULL);
            g_string_append_printf (list, "%s%s", k > 0 ? ", " : "", quoted);
            g_string_append_printf (not_null, "%s%s IS NOT NULL", k > 0 ? " AND " : "", quoted);
          }
        /* A key the old table had holds already. */
        if (!all)
          continue;
        if (tab->match != NULL && i < offset &&
            g_strcmp0 (tab->pieces->primary_key, tab->match->pieces->primary_key) == 0)
          continue;
        if (tab->match != NULL && i >= offset &&
            array_has (tab->match->pieces->uniques, g_ptr_array_index (tab->pieces->uniques, i - offset)))
          continue;
        add_check (plan, PHASE_DATA, name,
                   g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM (%s) AS \"cardinal_x\" WHERE %s GROUP BY %s HAVING count(*) > 1) AS \"cardinal_dup\"",
                                    sql->str, not_null->str, list->str),
                   g_strdup_printf ("Values of (%s) in %s would not be unique.", list->str, name),
                   g_strdup_printf ("No two rows of %s share (%s)", name, list->str));
      }
    for (guint i = 0; i < tab->table->checks->len; i++)
      {
        const CardinalCheck *check = g_ptr_array_index (tab->table->checks, i);
        const char *piece = g_ptr_array_index (tab->pieces->checks, i);

        if (piece[0] == '\0' || (tab->match != NULL && array_has (tab->match->pieces->checks, piece)))
          continue;
        add_check (plan, PHASE_DATA, name,
                   g_strdup_printf ("SELECT count(*) FROM (%s) AS \"cardinal_x\" WHERE NOT (%s)", sql->str, check->expression),
                   g_strdup_printf ("These rows of %s break CHECK (%s).", name, check->expression),
                   g_strdup_printf ("Every row of %s passes CHECK (%s)", name, check->expression));
      }
    for (guint i = 0; i < tab->cols->len; i++)
      {
        Col *col = g_ptr_array_index (tab->cols, i);
        g_autofree char *quoted = quote (col->column->name);

        if (col->column->nullable || column_fills_itself (col->column) ||
            !g_ptr_array_find_with_equal_func (names, col->column->name, g_str_equal, NULL) ||
            (col->match != NULL && !col->match->column->nullable) ||
            (filter && direct_source (driver, col, TRUE) != NULL))
          continue;
        add_check (plan, PHASE_DATA, name,
                   g_strdup_printf ("SELECT count(*) FROM (%s) AS \"cardinal_x\" WHERE %s IS NULL", sql->str, quoted),
                   g_strdup_printf ("These rows have no %s, which %s now needs.", col->column->name, name),
                   g_strdup_printf ("Every row of %s has a %s", name, col->column->name));
      }
  }

  g_string_prepend (sql, plan->postgresql && identity ? ") OVERRIDING SYSTEM VALUE " : ") ");
  g_string_prepend (sql, columns->str);
  g_string_prepend (sql, " (");
  g_string_prepend (sql, target);
  g_string_prepend (sql, "INSERT INTO ");
  g_string_append (sql, ";");
  {
    CardinalMigrationStep *step = add_step (plan, PHASE_DATA, CARDINAL_MIGRATION_STEP_DATA, name, sql->str,
                                            "Copy rows into %s from %s", name, driver->table->name);

    /* A narrower type may change values on the way. */
    if (narrowed->len > 0)
      {
        step->loses_data = TRUE;
        step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s AS \"cardinal_d\" WHERE %s",
                                           driver->current, narrowed->str);
      }
  }

  if (plan->postgresql)
    for (guint i = 0; i < tab->cols->len; i++)
      {
        Col *col = g_ptr_array_index (tab->cols, i);
        g_autoptr(GString) reset = g_string_new ("SELECT setval(pg_get_serial_sequence(");
        g_autofree char *quoted = quote (col->column->name);
        g_autofree char *table_name = cardinal_ddl_table_name (tab->table, plan->dialect);

        if (!col->column->autoincrement || !g_ptr_array_find_with_equal_func (names, col->column->name, g_str_equal, NULL))
          continue;
        append_literal (reset, table_name);
        g_string_append (reset, ", ");
        append_literal (reset, col->column->name);
        g_string_append_printf (reset, "), COALESCE(max(%s), 0) + 1, false) FROM %s;", quoted, table_name);
        add_step (plan, PHASE_DATA, CARDINAL_MIGRATION_STEP_DATA, name, reset->str,
                  "Start %s.%s after the copied values", name, col->column->name);
      }
}

static gboolean
strv_equal0 (char **a,
             char **b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);
  return g_strv_equal ((const char * const *) a, (const char * const *) b);
}

/* The name PostgreSQL gave an unnamed constraint of @table. */
static char *
constraint_name (const CardinalTable *table,
                 const char          *explicit_name,
                 char               **columns,
                 const char          *label)
{
  if (explicit_name != NULL && explicit_name[0] != '\0')
    return g_strdup (explicit_name);
  return cardinal_identifier_postgresql_name (table->name, (const char * const *) columns, label);
}

/* The one column of @table that @expression names, or NULL when it names
 * none or several: PostgreSQL's rule for naming an unnamed CHECK. Quoted
 * names are taken as written, unquoted ones folded to lower case. */
static const char *
check_single_column (const CardinalTable *table,
                     const char          *expression)
{
  const char *only = NULL;
  guint found = 0;

  for (const char *p = expression; *p != '\0';)
    {
      g_autofree char *word = NULL;

      if (*p == '\'')
        {
          /* A string literal names no column. */
          for (p++; *p != '\0'; p++)
            if (*p == '\'')
              {
                if (p[1] != '\'')
                  break;
                p++;
              }
          if (*p != '\0')
            p++;
          continue;
        }
      if (*p == '"')
        {
          GString *quoted = g_string_new (NULL);

          for (p++; *p != '\0'; p++)
            {
              if (*p == '"' && p[1] == '"')
                p++;
              else if (*p == '"')
                break;
              g_string_append_c (quoted, *p);
            }
          if (*p != '\0')
            p++;
          word = g_string_free (quoted, FALSE);
        }
      else if (g_ascii_isalpha (*p) || *p == '_' || (guchar) *p >= 0x80)
        {
          const char *start = p;

          while (g_ascii_isalnum (*p) || *p == '_' || *p == '$' || (guchar) *p >= 0x80)
            p++;
          word = g_ascii_strdown (start, p - start);
        }
      else
        {
          p++;
          continue;
        }
      for (guint i = 0; i < table->columns->len; i++)
        {
          const CardinalColumn *column = g_ptr_array_index (table->columns, i);

          if (g_str_equal (column->name, word) && g_strcmp0 (only, column->name) != 0)
            {
              only = column->name;
              found++;
            }
        }
    }
  return found == 1 ? only : NULL;
}

/* The name of @table's CHECK number @at in the catalogue: its own, or the one
 * PostgreSQL chose when the table was made (DESIGN.md §7): <table>_<column>_check
 * when it names one column, else <table>_check, with 1, 2, … after "check"
 * when an earlier CHECK of the table already took that name. */
static char *
check_constraint_name (const CardinalTable *table,
                       guint                at)
{
  g_autoptr(GHashTable) taken = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  char *name = NULL;

  for (guint i = 0; i <= at && i < table->checks->len; i++)
    {
      const CardinalCheck *check = g_ptr_array_index (table->checks, i);
      const char *column = NULL;

      g_clear_pointer (&name, g_free);
      if (check->name != NULL && check->name[0] != '\0')
        name = g_strdup (check->name);
      else
        {
          column = check_single_column (table, check->expression);
          for (guint pass = 0; name == NULL || g_hash_table_contains (taken, name); pass++)
            {
              g_autofree char *label = pass == 0 ? g_strdup ("check") : g_strdup_printf ("check%u", pass);

              g_free (name);
              name = cardinal_identifier_postgresql_name (table->name, (const char *[]) { column, NULL }, label);
            }
        }
      g_hash_table_add (taken, g_strdup (name));
    }
  return name;
}

static gboolean
sqlite_simple_add (const Tab *tab,
                   const Col *col)
{
  const CardinalColumn *column = col->column;

  if (column->generated != NULL || column->autoincrement)
    return FALSE;
  if (!column->nullable && column->default_value == NULL)
    return FALSE;
  if (column->default_value != NULL && strchr (column->default_value, '(') != NULL)
    return FALSE;
  for (guint i = 0; tab->table->primary_key != NULL && tab->table->primary_key[i] != NULL; i++)
    if (g_str_equal (tab->table->primary_key[i], column->name))
      return FALSE;
  return TRUE;
}

/* A column definition piece after its (quoted) name. */
static const char *
after_name (const char *piece)
{
  const char *p = piece;

  if (*p != '"')
    return p;
  for (p++; *p != '\0'; p++)
    if (*p == '"')
      {
        if (p[1] != '"')
          return p + 1;
        p++;
      }
  return p;
}

/* Whether SQLite must rebuild @tab (its old match) rather than ALTER it. */
static gboolean
sqlite_needs_rebuild (const Tab *tab)
{
  const Tab *old = tab->match;

  if (!strv_equal0 (tab->table->primary_key, old->table->primary_key) &&
      tab->table->primary_key != NULL && old->table->primary_key != NULL)
    {
      /* A key whose columns were only renamed is the same key. */
      guint n = g_strv_length (tab->table->primary_key);

      if (n != g_strv_length (old->table->primary_key))
        return TRUE;
      for (guint i = 0; i < n; i++)
        {
          Col *col = tab_find_col (tab, tab->table->primary_key[i]);

          if (col == NULL || col->match == NULL || !g_str_equal (col->match->column->name, old->table->primary_key[i]))
            return TRUE;
        }
    }
  if (tab->pieces->uniques->len != old->pieces->uniques->len ||
      tab->pieces->checks->len != old->pieces->checks->len ||
      tab->pieces->foreign_keys->len != old->pieces->foreign_keys->len)
    return TRUE;
  for (guint i = 0; i < tab->pieces->uniques->len; i++)
    if (!array_has (old->pieces->uniques, g_ptr_array_index (tab->pieces->uniques, i)))
      return TRUE;
  for (guint i = 0; i < tab->pieces->checks->len; i++)
    if (!array_has (old->pieces->checks, g_ptr_array_index (tab->pieces->checks, i)))
      return TRUE;
  for (guint i = 0; i < tab->pieces->foreign_keys->len; i++)
    if (!array_has (old->pieces->foreign_keys, g_ptr_array_index (tab->pieces->foreign_keys, i)))
      return TRUE;
  if (tab->table->without_rowid != old->table->without_rowid || tab->table->strict != old->table->strict ||
      !same_text (tab->table->comment, old->table->comment))
    return TRUE;

  /* Old columns that go, columns that change, columns in another order. */
  for (guint i = 0; i < old->cols->len; i++)
    if (((Col *) g_ptr_array_index (old->cols, i))->match == NULL)
      return TRUE;
  {
    guint last = 0;

    for (guint i = 0; i < tab->cols->len; i++)
      {
        Col *col = g_ptr_array_index (tab->cols, i);
        guint at;

        if (col->match == NULL)
          {
            if (!sqlite_simple_add (tab, col))
              return TRUE;
            last = G_MAXUINT;
            continue;
          }
        if (last == G_MAXUINT || !column_same (col->column, col->match->column) ||
            !same_text (col->column->comment, col->match->column->comment))
          return TRUE;
        g_ptr_array_find (old->cols, col->match, &at);
        /* What the definition says besides the column (an enum's CHECK … IN). */
        if (!g_str_equal (after_name (g_ptr_array_index (tab->pieces->columns, i)),
                          after_name (g_ptr_array_index (old->pieces->columns, at))))
          return TRUE;
        if (at < last)
          return TRUE;
        last = at;
      }
  }
  return FALSE;
}

static void
plan_indexes (Plan      *plan,
              const Tab *tab,
              gboolean   all)
{
  for (guint i = 0; i < tab->pieces->indexes->len; i++)
    {
      const char *sql = g_ptr_array_index (tab->pieces->indexes, i);
      const CardinalIndex *index = g_ptr_array_index (tab->table->indexes, i);

      if (sql[0] == '\0' || (!all && tab->match != NULL && array_has (tab->match->pieces->indexes, sql)))
        continue;
      add_step (plan, PHASE_INDEXES, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, sql,
                "Create index %s on %s", index->name != NULL ? index->name : "", tab->table->name);
    }
}

static void
drop_old_indexes (Plan      *plan,
                  const Tab *tab)
{
  const Tab *old = tab->match;

  for (guint i = 0; i < old->pieces->indexes->len; i++)
    {
      const char *sql = g_ptr_array_index (old->pieces->indexes, i);
      const CardinalIndex *index = g_ptr_array_index (old->table->indexes, i);
      g_autofree char *quoted = NULL;
      g_autofree char *drop = NULL;

      if (sql[0] == '\0' || index->name == NULL || array_has (tab->pieces->indexes, sql))
        continue;
      quoted = quote (index->name);
      if (plan->postgresql && old->table->schema != NULL)
        {
          g_autofree char *schema = quote (old->table->schema);

          drop = g_strdup_printf ("DROP INDEX %s.%s;", schema, quoted);
        }
      else
        drop = g_strdup_printf ("DROP INDEX %s;", quoted);
      add_step (plan, PHASE_DROP_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, drop,
                "Drop index %s", index->name);
    }
}

static void
rename_constraint (Plan       *plan,
                   const Tab  *old,
                   const char *display,
                   const char *from,
                   const char *to)
{
  g_autofree char *quoted_from = NULL;
  g_autofree char *quoted_to = NULL;
  g_autofree char *sql = NULL;

  if (g_str_equal (from, to))
    return;
  quoted_from = quote (from);
  quoted_to = quote (to);
  sql = g_strdup_printf ("ALTER TABLE %s RENAME CONSTRAINT %s TO %s;", old->current, quoted_from, quoted_to);
  add_step (plan, PHASE_RENAME_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
            "Rename constraint %s to %s", from, to);
}

/* A CHECK that stays keeps the name PostgreSQL chose from the old table and
 * column names; a fresh DDL of the new model names it after the new ones. */
static void
rename_kept_checks (Plan       *plan,
                    const Tab  *tab,
                    const char *display)
{
  const Tab *old = tab->match;

  for (guint i = 0; i < tab->pieces->checks->len; i++)
    {
      const char *piece = g_ptr_array_index (tab->pieces->checks, i);
      guint at;

      if (piece[0] == '\0' || !g_ptr_array_find_with_equal_func (old->pieces->checks, piece, g_str_equal, &at))
        continue;
      {
        g_autofree char *from = check_constraint_name (old->table, at);
        g_autofree char *to = check_constraint_name (tab->table, i);

        rename_constraint (plan, old, display, from, to);
      }
    }
}

/* How a PostgreSQL column numbers itself. */
typedef enum
{
  NUMBERING_NONE,
  NUMBERING_SERIAL,    /* an owned sequence and a nextval() default */
  NUMBERING_IDENTITY,  /* GENERATED … AS IDENTITY */
} Numbering;

static Numbering
numbering_of (const CardinalColumn *column)
{
  if (!column->autoincrement)
    return NUMBERING_NONE;
  return column->identity == CARDINAL_IDENTITY_SERIAL ? NUMBERING_SERIAL : NUMBERING_IDENTITY;
}

/* The quoted, schema-qualified name of the sequence behind @column of @table. */
static char *
sequence_name (const CardinalTable  *table,
               const CardinalColumn *column)
{
  const CardinalSequence *sequence = column->sequence;
  const char *schema = sequence != NULL && sequence->schema != NULL ? sequence->schema : table->schema;
  g_autofree char *name = sequence != NULL && sequence->name != NULL
                            ? g_strdup (sequence->name)
                            : cardinal_identifier_postgresql_name (table->name, (const char *[]) { column->name, NULL }, "seq");
  g_autofree char *quoted = quote (name);

  if (schema != NULL)
    {
      g_autofree char *quoted_schema = quote (schema);

      return g_strdup_printf ("%s.%s", quoted_schema, quoted);
    }
  return g_steal_pointer (&quoted);
}

/* The integer type of a serial's sequence: smallint, integer or bigint as
 * smallserial, serial and bigserial make it, unless the model says. */
static const char *
serial_sequence_type (const CardinalColumn *column)
{
  CardinalType type;
  g_autofree char *message = NULL;

  if (column->sequence != NULL && column->sequence->type != NULL)
    return column->sequence->type;
  if (cardinal_type_parse (column->type, &type, &message))
    {
      if (type.base == CARDINAL_TYPE_SMALLINT)
        return "smallint";
      if (type.base == CARDINAL_TYPE_BIGINT)
        return "bigint";
    }
  return "integer";
}

/* A column that starts, stops or changes how it numbers itself (none, serial,
 * identity BY DEFAULT or ALWAYS), keeping its values: the old sequence goes
 * (DROP DEFAULT and DROP SEQUENCE, or DROP IDENTITY), the new one is made
 * under the name a fresh DDL gives it and continues after the largest value. */
static void
plan_identity_postgresql (Plan      *plan,
                          const Tab *tab,
                          const Col *col)
{
  const Tab *old = tab->match;
  const char *display = tab->table->name;
  const CardinalColumn *a = col->match->column;
  const CardinalColumn *b = col->column;
  Numbering from = numbering_of (a), to = numbering_of (b);
  g_autofree char *quoted = quote (a->name);
  g_autofree char *new_sequence = NULL;
  g_autoptr(GString) reset = NULL;

  if (from == to)
    {
      if (from == NUMBERING_IDENTITY && (a->identity == CARDINAL_IDENTITY_ALWAYS) != (b->identity == CARDINAL_IDENTITY_ALWAYS))
        {
          g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s SET GENERATED %s;", old->current, quoted,
                                                  b->identity == CARDINAL_IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT");

          add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "%s.%s is generated %s", display, a->name,
                    b->identity == CARDINAL_IDENTITY_ALWAYS ? "always" : "by default");
        }
      return;
    }

  if (from == NUMBERING_SERIAL)
    {
      g_autofree char *old_sequence = sequence_name (old->table, a);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\nDROP SEQUENCE %s;",
                                              old->current, quoted, old_sequence);

      add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "%s.%s no longer takes its values from %s", display, a->name, old_sequence);
    }
  else if (from == NUMBERING_IDENTITY)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s DROP IDENTITY IF EXISTS;", old->current, quoted);

      add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "%s.%s is no longer an identity", display, a->name);
    }
  if (to == NUMBERING_NONE)
    return;

  /* Both need NOT NULL, which plan_constraints_postgresql leaves to them. */
  if (a->nullable)
    {
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", old->current, quoted);

      add_check (plan, PHASE_ALTER_COLUMNS, display,
                 g_strdup_printf ("SELECT count(*) FROM %s WHERE %s IS NULL", old->current, quoted),
                 g_strdup_printf ("These rows of %s have no %s, which now numbers itself.", display, b->name),
                 g_strdup_printf ("Every row of %s has a %s", display, b->name));
      add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "Make %s.%s required", display, a->name);
    }
  /* Named as a fresh DDL of the new model names it: the column's and the
   * table's new names, though the renames come later. */
  new_sequence = sequence_name (tab->table, b);
  if (to == NUMBERING_SERIAL)
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql, "CREATE SEQUENCE %s AS %s", new_sequence, serial_sequence_type (b));
      cardinal_ddl_append_sequence_options (sql, b->sequence);
      g_string_append_printf (sql, ";\nALTER TABLE %s ALTER COLUMN %s SET DEFAULT nextval(", old->current, quoted);
      append_literal (sql, new_sequence);
      g_string_append_printf (sql, "::regclass);\nALTER SEQUENCE %s OWNED BY %s.%s;", new_sequence, old->current, quoted);
      add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql->str,
                "%s.%s takes its values from the serial %s", display, a->name, new_sequence);
    }
  else
    {
      g_autoptr(GString) sql = g_string_new (NULL);

      g_string_append_printf (sql, "ALTER TABLE %s ALTER COLUMN %s ADD GENERATED %s AS IDENTITY (SEQUENCE NAME %s",
                              old->current, quoted, b->identity == CARDINAL_IDENTITY_ALWAYS ? "ALWAYS" : "BY DEFAULT",
                              new_sequence);
      cardinal_ddl_append_sequence_options (sql, b->sequence);
      g_string_append (sql, ");");
      add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql->str,
                "%s.%s numbers itself", display, a->name);
    }
  reset = g_string_new ("SELECT setval(");
  append_literal (reset, new_sequence);
  g_string_append_printf (reset, ", COALESCE(max(%s), 0) + 1, false) FROM %s;", quoted, old->current);
  add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_DATA, display, reset->str,
            "Start %s.%s after the values it has", display, a->name);
}

/* ALTER TABLE … DROP CONSTRAINT @constraint of @old, summed up as
 * "Drop @what @constraint of @display". */
static void
drop_constraint (Plan       *plan,
                 Tab        *old,
                 const char *display,
                 const char *constraint,
                 const char *what)
{
  g_autofree char *quoted = quote (constraint);
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DROP CONSTRAINT %s;", old->current, quoted);

  add_step (plan, PHASE_DROP_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
            "Drop %s %s of %s", what, constraint, display);
}

/* ALTER TABLE on PostgreSQL: constraints out, columns changed, constraints in. */
static void
plan_alter_postgresql (Plan *plan,
                       Tab  *tab)
{
  Tab *old = tab->match;
  const char *display = tab->table->name;

  /* Constraints that change or go, by their text. */
  for (guint i = 0; i < old->pieces->foreign_keys->len; i++)
    {
      const CardinalForeignKey *fk = g_ptr_array_index (old->table->foreign_keys, i);
      g_autofree char *constraint = NULL;

      if (array_has (tab->pieces->foreign_keys, g_ptr_array_index (old->pieces->foreign_keys, i)))
        continue;
      constraint = constraint_name (old->table, fk->name, fk->columns, "fkey");
      drop_constraint (plan, old, display, constraint, "foreign key");
    }
  for (guint i = 0; i < old->pieces->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (old->table->uniques, i);
      g_autofree char *constraint = NULL;

      if (array_has (tab->pieces->uniques, g_ptr_array_index (old->pieces->uniques, i)))
        continue;
      constraint = constraint_name (old->table, unique->name, unique->columns, "key");
      drop_constraint (plan, old, display, constraint, "UNIQUE");
    }
  for (guint i = 0; i < old->pieces->checks->len; i++)
    {
      g_autofree char *constraint = NULL;

      if (array_has (tab->pieces->checks, g_ptr_array_index (old->pieces->checks, i)))
        continue;
      /* An unnamed one by the name PostgreSQL gave it. */
      constraint = check_constraint_name (old->table, i);
      drop_constraint (plan, old, display, constraint, "CHECK");
    }
  if (g_strcmp0 (old->pieces->primary_key, tab->pieces->primary_key) != 0 && old->pieces->primary_key != NULL)
    {
      g_autofree char *constraint = constraint_name (old->table, old->table->primary_key_name, NULL, "pkey");
      g_autofree char *quoted = quote (constraint);
      g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s DROP CONSTRAINT %s;", old->current, quoted);

      add_step (plan, PHASE_DROP_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "Drop the primary key of %s", display);
    }
  drop_old_indexes (plan, tab);

  /* Names PostgreSQL derived from the table's or a column's old name follow
   * the rename, as a fresh DDL would have them. */
  if (old->pieces->primary_key != NULL && g_strcmp0 (old->pieces->primary_key, tab->pieces->primary_key) == 0)
    {
      g_autofree char *from = constraint_name (old->table, old->table->primary_key_name, NULL, "pkey");
      g_autofree char *to = constraint_name (tab->table, tab->table->primary_key_name, NULL, "pkey");

      rename_constraint (plan, old, display, from, to);
    }
  for (guint i = 0; i < tab->pieces->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (tab->table->uniques, i);
      guint at;

      if (unique->name == NULL &&
          g_ptr_array_find_with_equal_func (old->pieces->uniques, g_ptr_array_index (tab->pieces->uniques, i),
                                            g_str_equal, &at))
        {
          const CardinalUnique *was = g_ptr_array_index (old->table->uniques, at);
          g_autofree char *from = constraint_name (old->table, NULL, was->columns, "key");
          g_autofree char *to = constraint_name (tab->table, NULL, unique->columns, "key");

          rename_constraint (plan, old, display, from, to);
        }
    }
  rename_kept_checks (plan, tab, display);
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      const char *old_column = col->match != NULL ? col->match->column->name : NULL;
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;

      if (col->match == NULL || !col->column->autoincrement || !col->match->column->autoincrement ||
          (col->column->sequence != NULL && col->column->sequence->name != NULL) ||
          numbering_of (col->column) != numbering_of (col->match->column))
        continue;
      from = cardinal_identifier_postgresql_name (old->table->name, (const char *[]) { old_column, NULL }, "seq");
      to = cardinal_identifier_postgresql_name (tab->table->name, (const char *[]) { col->column->name, NULL }, "seq");
      if (!g_str_equal (from, to))
        {
          g_autofree char *quoted_from = quote (from);
          g_autofree char *quoted_to = quote (to);
          g_autofree char *sql = NULL;

          if (old->table->schema != NULL)
            {
              g_autofree char *schema = quote (old->table->schema);
              g_autofree char *qualified = g_strdup_printf ("%s.%s", schema, quoted_from);

              g_free (quoted_from);
              quoted_from = g_steal_pointer (&qualified);
            }
          sql = g_strdup_printf ("ALTER SEQUENCE %s RENAME TO %s;", quoted_from, quoted_to);
          add_step (plan, PHASE_RENAME_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Rename sequence %s to %s", from, to);
        }
    }

  /* Columns that go. */
  for (guint i = 0; i < old->cols->len; i++)
    {
      Col *col = g_ptr_array_index (old->cols, i);
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;
      CardinalMigrationStep *step;

      if (col->match != NULL)
        continue;
      quoted = quote (col->column->name);
      sql = g_strdup_printf ("ALTER TABLE %s DROP COLUMN %s;", old->current, quoted);
      step = add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                       "Drop column %s.%s", display, col->column->name);
      if (col->key == NULL || col->tab->match == NULL || TRUE)
        {
          /* Its values live on elsewhere when a new column has its key. */
          gboolean kept = key_kept (plan, col->key);

          if (!kept)
            {
              step->loses_data = TRUE;
              step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s IS NOT NULL", old->current, quoted);
            }
        }
    }

  /* Columns that change: type, nullability, default. */
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      const CardinalColumn *a, *b;
      g_autofree char *quoted = NULL;

      if (col->match == NULL)
        continue;
      a = col->match->column;
      b = col->column;
      quoted = quote (a->name);
      if (g_ascii_strcasecmp (a->type, b->type) != 0 || !same_text (a->sql_type, b->sql_type))
        {
          g_autofree char *type = spelled_type (plan, b);
          g_autofree char *count_where = NULL;
          g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::%s;",
                                                  old->current, quoted, type, quoted, type);
          CardinalMigrationStep *step = add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                                                  "Change %s.%s from %s to %s", display, a->name, a->type, b->type);

          if (!type_widens (a->type, b->type, quoted, &count_where))
            {
              step->loses_data = TRUE;
              step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", old->current, count_where);
            }
        }
      plan_identity_postgresql (plan, tab, col);
      if (!same_text (a->default_value, b->default_value) && !b->autoincrement)
        {
          g_autofree char *sql = b->default_value != NULL
            ? g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;", old->current, quoted, b->default_value)
            : g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;", old->current, quoted);

          add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    b->default_value != NULL ? "Set the default of %s.%s" : "Drop the default of %s.%s",
                    display, a->name);
        }
      if (!a->nullable && b->nullable)
        {
          g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s DROP NOT NULL;", old->current, quoted);

          add_step (plan, PHASE_ALTER_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Let %s.%s be empty", display, a->name);
        }
    }
}

/* The constraints, NOT NULLs and indexes of @tab that its old table lacks
 * (or all of them for a table created without its foreign keys). */
static gboolean
references_rebuilt (Plan                     *plan,
                    const CardinalForeignKey *fk)
{
  Tab *ref = g_hash_table_lookup (plan->new_by_name, fk->ref_table);

  return ref != NULL && ref->rebuild;
}

static void
plan_constraints_postgresql (Plan *plan,
                             Tab  *tab)
{
  /* A rebuilt table is a new one: everything is added. */
  Tab *old = tab->rebuild ? NULL : tab->match;
  g_autofree char *name = cardinal_ddl_table_name (tab->table, plan->dialect);
  const char *display = tab->table->name;

  if (old != NULL)
    {
      for (guint i = 0; i < tab->cols->len; i++)
        {
          Col *col = g_ptr_array_index (tab->cols, i);
          g_autofree char *quoted = quote (col->column->name);
          g_autofree char *sql = NULL;

          if (col->column->nullable || (col->match != NULL && !col->match->column->nullable) ||
              col->column->autoincrement || (col->match == NULL && !col->added_nullable))
            continue;
          if (col->column->default_value != NULL)
            {
              g_autofree char *fill = g_strdup_printf ("UPDATE %s SET %s = %s WHERE %s IS NULL;", name, quoted,
                                                       col->column->default_value, quoted);

              add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_DATA, display, fill,
                        "Fill the empty %s.%s with its default", display, col->column->name);
              add_note (plan, "Rows of %s without %s get its default, %s.", display, col->column->name,
                        col->column->default_value);
            }
          else
            add_check (plan, PHASE_ADD_CONSTRAINTS, display,
                       g_strdup_printf ("SELECT count(*) FROM %s WHERE %s IS NULL", name, quoted),
                       g_strdup_printf ("These rows of %s have no %s; give them one (or a default) first.",
                                        display, col->column->name),
                       g_strdup_printf ("Every row of %s has a %s", display, col->column->name));
          sql = g_strdup_printf ("ALTER TABLE %s ALTER COLUMN %s SET NOT NULL;", name, quoted);
          add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Make %s.%s required", display, col->column->name);
        }

      if (tab->pieces->primary_key != NULL && g_strcmp0 (old->pieces->primary_key, tab->pieces->primary_key) != 0)
        {
          g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s ADD %s;", name, tab->pieces->primary_key);
          g_autofree char *list = strv_key ((const char * const *) tab->table->primary_key);

          add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Make (%s) the primary key of %s", list, display);
        }
      for (guint i = 0; i < tab->pieces->uniques->len; i++)
        {
          const char *piece = g_ptr_array_index (tab->pieces->uniques, i);
          const CardinalUnique *unique = g_ptr_array_index (tab->table->uniques, i);
          g_autoptr(GString) list = g_string_new (NULL);
          g_autoptr(GString) not_null = g_string_new (NULL);
          g_autofree char *sql = NULL;

          if (array_has (old->pieces->uniques, piece))
            continue;
          for (guint k = 0; unique->columns[k] != NULL; k++)
            {
              g_autofree char *quoted = quote (unique->columns[k]);

              g_string_append_printf (list, "%s%s", k > 0 ? ", " : "", quoted);
              g_string_append_printf (not_null, "%s%s IS NOT NULL", k > 0 ? " AND " : "", quoted);
            }
          add_check (plan, PHASE_ADD_CONSTRAINTS, display,
                     g_strdup_printf ("SELECT count(*) FROM (SELECT 1 FROM %s WHERE %s GROUP BY %s HAVING count(*) > 1) AS \"cardinal_dup\"",
                                      name, not_null->str, list->str),
                     g_strdup_printf ("Several rows of %s share the same (%s): %s can no longer be unique.",
                                      display, list->str, list->str),
                     g_strdup_printf ("No two rows of %s share (%s)", display, list->str));
          sql = g_strdup_printf ("ALTER TABLE %s ADD %s;", name, piece);
          add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Make (%s) unique in %s", list->str, display);
        }
      for (guint i = 0; i < tab->pieces->checks->len; i++)
        {
          const char *piece = g_ptr_array_index (tab->pieces->checks, i);
          const CardinalCheck *check = g_ptr_array_index (tab->table->checks, i);
          g_autofree char *sql = NULL;

          if (piece[0] == '\0' || array_has (old->pieces->checks, piece))
            continue;
          add_check (plan, PHASE_ADD_CONSTRAINTS, display,
                     g_strdup_printf ("SELECT count(*) FROM %s WHERE NOT (%s)", name, check->expression),
                     g_strdup_printf ("These rows of %s break CHECK (%s).", display, check->expression),
                     g_strdup_printf ("Every row of %s passes CHECK (%s)", display, check->expression));
          sql = g_strdup_printf ("ALTER TABLE %s ADD %s;", name, piece);
          add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                    "Add CHECK (%s) to %s", check->expression, display);
        }
    }

  for (guint i = 0; i < tab->pieces->foreign_keys->len; i++)
    {
      const char *piece = g_ptr_array_index (tab->pieces->foreign_keys, i);
      const CardinalForeignKey *fk = g_ptr_array_index (tab->table->foreign_keys, i);
      g_autofree char *sql = NULL;

      /* DROP … CASCADE of a rebuilt table took the FKs that reference it. */
      if (old != NULL && array_has (old->pieces->foreign_keys, piece) && !references_rebuilt (plan, fk))
        continue;
      sql = g_strdup_printf ("ALTER TABLE %s ADD %s;", name, piece);
      add_step (plan, PHASE_ADD_CONSTRAINTS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "Add foreign key %s of %s to %s", fk->name != NULL ? fk->name : "", display, fk->ref_table);
    }
  plan_indexes (plan, tab, old == NULL);
}

/* PostgreSQL keeps columns in the order they were added: a table whose
 * columns move is made anew. The old one moves aside with its index and
 * sequence names, so that the new one gets the names a fresh DDL gives. */
static gboolean
postgresql_needs_rebuild (const Tab *tab)
{
  gboolean added = FALSE;
  guint last = 0;

  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      guint at;

      if (col->match == NULL)
        {
          added = TRUE;
          continue;
        }
      g_ptr_array_find (tab->match->cols, col->match, &at);
      if (added || at < last)
        return TRUE;
      last = at;
    }
  return FALSE;
}

/* Columns of a matched table pair up by key; SQLite decides on a rebuild. */
static void
match_columns (Plan *plan,
               Tab  *tab)
{
  Tab *old = tab->match;

  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);

      for (guint k = 0; col->key != NULL && k < old->cols->len; k++)
        {
          Col *candidate = g_ptr_array_index (old->cols, k);

          if (candidate->match == NULL && g_strcmp0 (candidate->key, col->key) == 0)
            {
              col->match = candidate;
              candidate->match = col;
              break;
            }
        }
    }

  if (!plan->postgresql && sqlite_needs_rebuild (tab))
    tab->rebuild = TRUE;
  else if (plan->postgresql && postgresql_needs_rebuild (tab))
    tab->rebuild = TRUE;
}

/* A matched table: added columns and their rows, and what changes. */
static void
plan_matched (Plan *plan,
              Tab  *tab)
{
  Tab *old = tab->match;
  const char *display = tab->table->name;

  /* Added columns (nullable first where the rows come from elsewhere). */
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      Source source;
      gboolean found;
      g_autofree char *definition = NULL;
      g_autofree char *sql = NULL;

      if (col->match != NULL)
        continue;
      found = find_source (plan, col, old, old->current, FALSE, &source);
      /* A source in the same row of the same table is another old column
       * (shared-pk → unique-fk: the key's values become the FK's). */
      col->added_nullable = plan->postgresql && !col->column->nullable &&
                            (found || col->column->default_value == NULL);
      definition = column_definition (plan, tab, col->column, col->added_nullable);
      sql = g_strdup_printf ("ALTER TABLE %s ADD COLUMN %s;", old->current, definition);
      add_step (plan, PHASE_ADD_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "Add column %s.%s", display, col->column->name);
      if (found)
        {
          g_autofree char *quoted = quote (col->column->name);
          g_autofree char *update = NULL;

          if (source.many_sql != NULL)
            add_check (plan, PHASE_DATA, display,
                       g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", old->current, source.many_sql),
                       g_strdup_printf ("These rows of %s have several candidates for %s (a many-to-many "
                                        "cannot become a column).", display, col->column->name),
                       g_strdup_printf ("Each row of %s has at most one value for %s", display, col->column->name));
          update = g_strdup_printf ("UPDATE %s SET %s = %s;", old->current, quoted, source.expression);
          add_step (plan, PHASE_DATA, CARDINAL_MIGRATION_STEP_DATA, display, update,
                    "Fill %s.%s from the old rows", display, col->column->name);
          source_clear (&source);
        }
    }

  /* A matched column whose FK key now names another old column takes its values. */
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);

      if (col->match == NULL || col->fkey == NULL || g_strcmp0 (col->match->fkey, col->fkey) == 0)
        continue;
      for (guint k = 0; k < old->cols->len; k++)
        {
          Col *other = g_ptr_array_index (old->cols, k);
          g_autofree char *target = NULL;
          g_autofree char *value = NULL;
          g_autofree char *update = NULL;

          if (other == col->match || g_strcmp0 (other->key, col->fkey) != 0)
            continue;
          target = quote (col->match->column->name);
          value = quote (other->column->name);
          update = g_strdup_printf ("UPDATE %s SET %s = %s;", old->current, target, value);
          add_step (plan, PHASE_DATA, CARDINAL_MIGRATION_STEP_DATA, display, update,
                    "%s.%s takes the values of %s", display, col->column->name, other->column->name);
          break;
        }
    }

  if (plan->postgresql)
    plan_alter_postgresql (plan, tab);
  else
    {
      drop_old_indexes (plan, tab);
    }

  /* Renamed columns. */
  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      g_autofree char *from = NULL;
      g_autofree char *to = NULL;
      g_autofree char *sql = NULL;

      if (col->match == NULL || g_str_equal (col->match->column->name, col->column->name))
        continue;
      from = quote (col->match->column->name);
      to = quote (col->column->name);
      sql = g_strdup_printf ("ALTER TABLE %s RENAME COLUMN %s TO %s;", old->current, from, to);
      add_step (plan, PHASE_RENAME_COLUMNS, CARDINAL_MIGRATION_STEP_SCHEMA, display, sql,
                "Rename column %s.%s to %s", display, col->match->column->name, col->column->name);
    }

  if (!plan->postgresql)
    plan_indexes (plan, tab, FALSE);
}

/* "a IS NOT NULL OR b IS NOT NULL" over the old columns whose values no new
 * column keeps, or NULL when every value lives on. */
static char *
lost_values (Plan      *plan,
             const Tab *old)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < old->cols->len; i++)
    {
      Col *col = g_ptr_array_index (old->cols, i);
      gboolean kept = col->match != NULL || key_kept (plan, col->key);

      if (!kept)
        {
          g_autofree char *quoted = quote (col->column->name);

          g_string_append_printf (out, "%s%s IS NOT NULL", out->len > 0 ? " OR " : "", quoted);
        }
    }
  if (out->len == 0)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

static void
plan_rebuild (Plan *plan,
              Tab  *tab)
{
  Tab *old = tab->match;
  g_autofree char *temp_name = g_strconcat (tab->table->name, "__cardinal_new", NULL);
  g_autofree char *temp = quote (temp_name);
  g_autofree char *final = quote (tab->table->name);
  g_autofree char *drop = g_strdup_printf ("DROP TABLE %s;", old->current);
  g_autofree char *rename = g_strdup_printf ("ALTER TABLE %s RENAME TO %s;", temp, final);
  CardinalTable renamed = *tab->table;
  g_autoptr(CardinalDdlTable) pieces = NULL;
  CardinalMigrationStep *step;
  g_autofree char *lost = NULL;

  renamed.name = temp_name;
  pieces = cardinal_ddl_render_table (plan->new_schema, &renamed, plan->dialect, TRUE);
  add_step (plan, PHASE_CREATE, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, pieces->create_table,
            "Rebuild %s: create it anew", tab->table->name);
  plan_fill (plan, tab, old, temp, FALSE);
  lost = lost_values (plan, old);
  step = add_step (plan, PHASE_REPLACE, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, drop,
                   "Rebuild %s: drop the old table", tab->table->name);
  step->loses_data = lost != NULL;
  if (lost != NULL)
    step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", old->current, lost);
  add_step (plan, PHASE_REPLACE, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, rename,
            "Rebuild %s: the new table takes its name", tab->table->name);
  plan_indexes (plan, tab, TRUE);
}

static void
move_aside_postgresql (Plan *plan,
                       Tab  *old)
{
  static guint counter;
  g_autoptr(GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *aside = g_strdup_printf ("%.40s__cardinal_old", old->table->name);
  g_autofree char *quoted = quote (aside);
  g_autofree char *schema = old->table->schema != NULL ? quote (old->table->schema) : NULL;
  g_autofree char *sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s;", old->current, quoted);

  add_step (plan, PHASE_RENAME_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, old->table->name, sql,
            "Move table %s aside to make it anew", old->table->name);
  g_free (old->current);
  old->current = schema != NULL ? g_strdup_printf ("%s.%s", schema, quoted) : g_strdup (quoted);

  if (old->pieces->primary_key != NULL)
    g_ptr_array_add (names, constraint_name (old->table, old->table->primary_key_name, NULL, "pkey"));
  for (guint i = 0; i < old->table->uniques->len; i++)
    {
      const CardinalUnique *unique = g_ptr_array_index (old->table->uniques, i);

      g_ptr_array_add (names, constraint_name (old->table, unique->name, unique->columns, "key"));
    }
  for (guint i = 0; i < old->table->indexes->len; i++)
    {
      const CardinalIndex *index = g_ptr_array_index (old->table->indexes, i);

      if (index->name != NULL)
        g_ptr_array_add (names, g_strdup (index->name));
    }
  for (guint i = 0; i < names->len; i++)
    {
      g_autofree char *from = quote (g_ptr_array_index (names, i));
      g_autofree char *to_name = g_strdup_printf ("cardinal_old_%u", ++counter);
      g_autofree char *to = quote (to_name);
      g_autofree char *rename = schema != NULL ? g_strdup_printf ("ALTER INDEX %s.%s RENAME TO %s;", schema, from, to)
                                               : g_strdup_printf ("ALTER INDEX %s RENAME TO %s;", from, to);

      add_step (plan, PHASE_RENAME_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, old->table->name, rename,
                "Move index %s aside", (const char *) g_ptr_array_index (names, i));
    }
  for (guint i = 0; i < old->cols->len; i++)
    {
      Col *col = g_ptr_array_index (old->cols, i);
      g_autofree char *from = NULL;
      g_autofree char *quoted_from = NULL;
      g_autofree char *to_name = NULL;
      g_autofree char *to = NULL;
      g_autofree char *rename = NULL;

      if (!col->column->autoincrement || (col->column->sequence != NULL && col->column->sequence->name != NULL))
        continue;
      from = cardinal_identifier_postgresql_name (old->table->name, (const char *[]) { col->column->name, NULL }, "seq");
      quoted_from = quote (from);
      to_name = g_strdup_printf ("cardinal_old_%u", ++counter);
      to = quote (to_name);
      rename = schema != NULL ? g_strdup_printf ("ALTER SEQUENCE %s.%s RENAME TO %s;", schema, quoted_from, to)
                              : g_strdup_printf ("ALTER SEQUENCE %s RENAME TO %s;", quoted_from, to);
      add_step (plan, PHASE_RENAME_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, old->table->name, rename,
                "Move sequence %s aside", from);
    }
}

/* What the catalogue has of a table made anew that the model does not say:
 * its owner, its grants (the table's and, by the columns' new names, its
 * columns') and whether row level security is on, all read from the old
 * table at run time and given to @name, the new one. */
static void
plan_keep_privileges (Plan       *plan,
                      const Tab  *tab,
                      const char *name)
{
  const Tab *old = tab->match;
  g_autoptr(GString) body = g_string_new (NULL);
  g_autoptr(GString) columns = g_string_new (NULL);
  g_autoptr(GString) sql = g_string_new (NULL);
  g_autofree char *tag = NULL;

  for (guint i = 0; i < tab->cols->len; i++)
    {
      Col *col = g_ptr_array_index (tab->cols, i);
      g_autofree char *quoted = NULL;

      if (col->match == NULL)
        continue;
      quoted = quote (col->column->name);
      g_string_append (columns, columns->len > 0 ? ", (" : "(");
      append_literal (columns, col->match->column->name);
      g_string_append (columns, ", ");
      append_literal (columns, quoted);
      g_string_append_c (columns, ')');
    }

  g_string_append (body, "DECLARE\n  old_table regclass := ");
  append_literal (body, old->current);
  g_string_append (body, "::regclass;\n  new_table text := ");
  append_literal (body, name);
  g_string_append (body,
                   ";\n  g record;\n"
                   "BEGIN\n"
                   "  FOR g IN SELECT a.privilege_type AS what, a.is_grantable AS more,\n"
                   "                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS who\n"
                   "           FROM pg_class c, aclexplode(c.relacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee\n"
                   "           WHERE c.oid = old_table AND a.grantee <> c.relowner LOOP\n"
                   "    EXECUTE format('GRANT %s ON TABLE %s TO %s%s', g.what, new_table, g.who,\n"
                   "                   CASE WHEN g.more THEN ' WITH GRANT OPTION' ELSE '' END);\n"
                   "  END LOOP;\n");
  if (columns->len > 0)
    g_string_append_printf (body,
                            "  FOR g IN SELECT a.privilege_type AS what, a.is_grantable AS more, m.n AS col,\n"
                            "                  CASE WHEN a.grantee = 0 THEN 'PUBLIC' ELSE quote_ident(r.rolname) END AS who\n"
                            "           FROM pg_attribute t JOIN (VALUES %s) AS m (o, n) ON m.o = t.attname,\n"
                            "                aclexplode(t.attacl) a LEFT JOIN pg_roles r ON r.oid = a.grantee\n"
                            "           WHERE t.attrelid = old_table LOOP\n"
                            "    EXECUTE format('GRANT %%s (%%s) ON TABLE %%s TO %%s%%s', g.what, g.col, new_table, g.who,\n"
                            "                   CASE WHEN g.more THEN ' WITH GRANT OPTION' ELSE '' END);\n"
                            "  END LOOP;\n", columns->str);
  g_string_append (body,
                   "  FOR g IN SELECT c.relowner::regrole::text AS who, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced\n"
                   "           FROM pg_class c WHERE c.oid = old_table LOOP\n"
                   "    IF g.who <> quote_ident(current_user) THEN\n"
                   "      EXECUTE format('ALTER TABLE %s OWNER TO %s', new_table, g.who);\n"
                   "    END IF;\n"
                   "    IF g.rls THEN\n"
                   "      EXECUTE format('ALTER TABLE %s ENABLE ROW LEVEL SECURITY', new_table);\n"
                   "    END IF;\n"
                   "    IF g.forced THEN\n"
                   "      EXECUTE format('ALTER TABLE %s FORCE ROW LEVEL SECURITY', new_table);\n"
                   "    END IF;\n"
                   "  END LOOP;\n"
                   "END");
  /* A dollar quote the text cannot end early. */
  for (guint n = 0; tag == NULL || strstr (body->str, tag) != NULL; n++)
    {
      g_free (tag);
      tag = n == 0 ? g_strdup ("$cardinal$") : g_strdup_printf ("$cardinal%u$", n);
    }
  g_string_append_printf (sql, "DO %s\n%s\n%s;", tag, body->str, tag);
  add_step (plan, PHASE_DATA, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, sql->str,
            "Give the new %s the old one's owner, grants and row level security", tab->table->name);
}

static void
plan_rebuild_postgresql (Plan *plan,
                         Tab  *tab)
{
  Tab *old = tab->match;
  g_autofree char *name = cardinal_ddl_table_name (tab->table, plan->dialect);
  g_autofree char *drop = g_strdup_printf ("DROP TABLE %s CASCADE;", old->current);
  CardinalMigrationStep *step;
  g_autofree char *lost = NULL;

  add_step (plan, PHASE_CREATE, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, tab->pieces->create_table,
            "Make %s anew (its columns move)", tab->table->name);
  add_note (plan, "%s is made anew and its rows copied: PostgreSQL adds a column only at the end, and the "
            "model puts its columns in another order.", tab->table->name);
  plan_fill (plan, tab, old, name, FALSE);
  plan_keep_privileges (plan, tab, name);
  lost = lost_values (plan, old);
  step = add_step (plan, PHASE_DROP_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, drop,
                   "Drop the old %s", tab->table->name);
  step->loses_data = lost != NULL;
  if (lost != NULL)
    step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", old->current, lost);
  plan_constraints_postgresql (plan, tab);
}

static void
plan_created (Plan *plan,
              Tab  *tab)
{
  Tab *driver = choose_driver (plan, tab);
  g_autofree char *name = cardinal_ddl_table_name (tab->table, plan->dialect);

  add_step (plan, PHASE_CREATE, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name,
            tab->pieces->create_table, "Create table %s", tab->table->name);
  if (driver != NULL)
    plan_fill (plan, tab, driver, name, TRUE);
  if (plan->postgresql)
    plan_constraints_postgresql (plan, tab);
  else
    plan_indexes (plan, tab, TRUE);
}

static void
plan_dropped (Plan *plan,
              Tab  *old)
{
  g_autofree char *sql = g_strdup_printf (plan->postgresql ? "DROP TABLE %s CASCADE;" : "DROP TABLE %s;", old->current);
  CardinalMigrationStep *step;
  gboolean kept = TRUE;

  for (guint i = 0; i < old->cols->len; i++)
    {
      Col *col = g_ptr_array_index (old->cols, i);
      kept = kept && key_kept (plan, col->key);
    }
  step = add_step (plan, PHASE_DROP_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, old->table->name, sql,
                   kept ? "Drop table %s (its rows now live elsewhere)" : "Drop table %s", old->table->name);
  if (!kept)
    {
      step->loses_data = TRUE;
      step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s", old->current);
    }
}

/* Whether @was (an enum of the old model) has a value @type no longer lists. */
static gboolean
enum_loses_values (const CardinalUserType *was,
                   const CardinalUserType *type)
{
  for (guint v = 0; was->values != NULL && was->values[v] != NULL; v++)
    if (type->values == NULL || !g_strv_contains ((const char * const *) type->values, was->values[v]))
      return TRUE;
  return FALSE;
}

/* The enum @type of the old or new model by name and schema, or NULL. */
static const CardinalUserType *
find_enum (const CardinalModel    *model,
           const CardinalUserType *type)
{
  for (guint k = 0; k < model->types->len; k++)
    {
      const CardinalUserType *candidate = g_ptr_array_index (model->types, k);

      if (candidate->kind == CARDINAL_USER_TYPE_ENUM && g_str_equal (candidate->name, type->name) &&
          g_strcmp0 (candidate->schema, type->schema) == 0)
        return candidate;
    }
  return NULL;
}

/* Whether @column is of the enum @type (by its name, quoted or not, with or without its schema). */
static gboolean
column_of_enum (const CardinalColumn   *column,
                const CardinalUserType *type)
{
  g_autofree char *quoted = quote (type->name);
  const char *spellings[2] = { column->sql_type, column->type };

  for (guint i = 0; i < G_N_ELEMENTS (spellings); i++)
    {
      const char *t = spellings[i];

      if (t == NULL)
        continue;
      if (g_str_equal (t, type->name) || g_str_equal (t, quoted))
        return TRUE;
      if (type->schema != NULL && g_str_has_prefix (t, type->schema) && t[strlen (type->schema)] == '.' &&
          (g_str_equal (t + strlen (type->schema) + 1, type->name) || g_str_equal (t + strlen (type->schema) + 1, quoted)))
        return TRUE;
    }
  return FALSE;
}

static char *
qualified_type_name (const CardinalUserType *type,
                     const char             *name)
{
  g_autofree char *quoted = quote (name);

  if (type->schema != NULL)
    {
      g_autofree char *schema = quote (type->schema);

      return g_strdup_printf ("%s.%s", schema, quoted);
    }
  return g_steal_pointer (&quoted);
}

/* PostgreSQL cannot drop an enum value: an enum that loses one is made anew
 * as <name>__cardinal_new now, and swapped in once the tables are done
 * (plan_enum_swap); the old one serves the rows until then. */
static void
plan_enum_anew (Plan                   *plan,
                const CardinalUserType *type)
{
  CardinalUserType renamed = *type;
  g_autofree char *name = g_strconcat (type->name, "__cardinal_new", NULL);
  g_autofree char *sql = NULL;

  renamed.name = name;
  sql = cardinal_ddl_render_enum (plan->new_schema, &renamed);
  add_step (plan, PHASE_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql,
            "Make type %s anew (PostgreSQL cannot drop an enum value)", type->name);
  g_ptr_array_add (plan->shrunk_enums, (gpointer) type);
}

/* Rows that hold a value their enum no longer lists (DESIGN.md §7): in a
 * column that may be empty the value is lost (NULL, a step that loses data,
 * counted); in a required one the plan is refused with the count. Both
 * engines: SQLite's enum is a CHECK … IN that the rebuilt table enforces. */
static void
plan_enum_values (Plan *plan)
{
  for (guint e = 0; e < plan->new_model->types->len; e++)
    {
      const CardinalUserType *type = g_ptr_array_index (plan->new_model->types, e);
      const CardinalUserType *was;
      g_autoptr(GString) removed = g_string_new (NULL);

      if (type->kind != CARDINAL_USER_TYPE_ENUM || (was = find_enum (plan->old_model, type)) == NULL ||
          !enum_loses_values (was, type))
        continue;
      for (guint v = 0; was->values[v] != NULL; v++)
        if (type->values == NULL || !g_strv_contains ((const char * const *) type->values, was->values[v]))
          {
            g_string_append (removed, removed->len > 0 ? ", " : "(");
            append_literal (removed, was->values[v]);
          }
      g_string_append_c (removed, ')');

      /* The refusals first: nothing is emptied when the plan stops anyway. */
      for (guint pass = 0; pass < 2; pass++)
        {
          for (guint i = 0; i < plan->new_tabs->len; i++)
            {
              Tab *tab = g_ptr_array_index (plan->new_tabs, i);

              for (guint k = 0; tab->match != NULL && k < tab->cols->len; k++)
                {
                  Col *col = g_ptr_array_index (tab->cols, k);
                  const char *display = tab->table->name;
                  g_autofree char *quoted = NULL;
                  g_autofree char *where = NULL;

                  if (col->match == NULL || !column_of_enum (col->column, type) || !column_of_enum (col->match->column, was) ||
                      col->column->nullable != (pass == 1))
                    continue;
                  quoted = quote (col->match->column->name);
                  where = g_strdup_printf ("CAST(%s AS text) IN %s", quoted, removed->str);
                  if (col->column->nullable)
                    {
                      g_autofree char *sql = g_strdup_printf ("UPDATE %s SET %s = NULL WHERE %s;", tab->match->current, quoted, where);
                      CardinalMigrationStep *step = add_step (plan, PHASE_ADD_COLUMNS, CARDINAL_MIGRATION_STEP_DATA, display, sql,
                                                              "Empty %s.%s where it holds a value %s no longer lists",
                                                              display, col->column->name, type->name);

                      step->loses_data = TRUE;
                      step->count_sql = g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", tab->match->current, where);
                    }
                  else
                    add_check (plan, PHASE_ADD_COLUMNS, display,
                               g_strdup_printf ("SELECT count(*) FROM %s WHERE %s", tab->match->current, where),
                               g_strdup_printf ("These rows of %s hold values of %s.%s that %s no longer lists %s; "
                                                "change them first.", display, display, col->column->name, type->name,
                                                removed->str),
                               g_strdup_printf ("No row of %s holds a value %s no longer lists", display, type->name));
                }
            }
        }
    }
}

/* Every column of a shrunk enum moves to the new type (through its text:
 * the removed values are gone by now), the old type goes and the new one
 * takes its name; defaults, written with the old type, are set again. */
static void
plan_enum_swap (Plan *plan)
{
  for (guint e = 0; e < plan->shrunk_enums->len; e++)
    {
      const CardinalUserType *type = g_ptr_array_index (plan->shrunk_enums, e);
      g_autofree char *temp_name = g_strconcat (type->name, "__cardinal_new", NULL);
      g_autofree char *temp = qualified_type_name (type, temp_name);
      g_autofree char *final = qualified_type_name (type, type->name);
      g_autofree char *bare = quote (type->name);
      g_autoptr(GString) defaults = g_string_new (NULL);
      g_autofree char *swap = NULL;

      for (guint i = 0; i < plan->new_tabs->len; i++)
        {
          Tab *tab = g_ptr_array_index (plan->new_tabs, i);
          g_autofree char *table = cardinal_ddl_table_name (tab->table, plan->dialect);

          for (guint k = 0; k < tab->cols->len; k++)
            {
              const CardinalColumn *column = ((Col *) g_ptr_array_index (tab->cols, k))->column;
              g_autofree char *quoted = NULL;
              g_autoptr(GString) sql = g_string_new (NULL);

              if (!column_of_enum (column, type))
                continue;
              quoted = quote (column->name);
              if (column->default_value != NULL)
                {
                  g_string_append_printf (sql, "ALTER TABLE %s ALTER COLUMN %s DROP DEFAULT;\n", table, quoted);
                  g_string_append_printf (defaults, "ALTER TABLE %s ALTER COLUMN %s SET DEFAULT %s;\n", table, quoted,
                                          column->default_value);
                }
              g_string_append_printf (sql, "ALTER TABLE %s ALTER COLUMN %s TYPE %s USING %s::text::%s;",
                                      table, quoted, temp, quoted, temp);
              add_step (plan, PHASE_SWAP_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, tab->table->name, sql->str,
                        "%s.%s takes the new %s", tab->table->name, column->name, type->name);
            }
        }
      swap = g_strdup_printf ("DROP TYPE %s;\nALTER TYPE %s RENAME TO %s;", final, temp, bare);
      add_step (plan, PHASE_SWAP_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, swap,
                "The new %s takes the old one's place", type->name);
      if (defaults->len > 0)
        {
          g_string_truncate (defaults, defaults->len - 1);
          add_step (plan, PHASE_SWAP_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, defaults->str,
                    "Defaults of %s's columns again", type->name);
        }
    }
}

static void
plan_enums (Plan *plan)
{
  if (!plan->postgresql)
    return;
  for (guint i = 0; i < plan->new_model->types->len; i++)
    {
      const CardinalUserType *type = g_ptr_array_index (plan->new_model->types, i);
      const CardinalUserType *old = NULL;

      if (type->kind != CARDINAL_USER_TYPE_ENUM)
        continue;
      for (guint k = 0; k < plan->old_model->types->len; k++)
        {
          const CardinalUserType *candidate = g_ptr_array_index (plan->old_model->types, k);

          if (candidate->kind == CARDINAL_USER_TYPE_ENUM && g_str_equal (candidate->name, type->name) &&
              g_strcmp0 (candidate->schema, type->schema) == 0)
            old = candidate;
        }
      if (old == NULL)
        {
          g_autofree char *sql = cardinal_ddl_render_enum (plan->new_schema, type);

          add_step (plan, PHASE_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql, "Create type %s", type->name);
          continue;
        }
      if (enum_loses_values (old, type))
        {
          plan_enum_anew (plan, type);
          continue;
        }
      for (guint v = 0; type->values != NULL && type->values[v] != NULL; v++)
        {
          g_autoptr(GString) sql = g_string_new ("ALTER TYPE ");
          g_autofree char *quoted = quote (type->name);

          if (old->values != NULL && g_strv_contains ((const char * const *) old->values, type->values[v]))
            continue;
          if (type->schema != NULL)
            {
              g_autofree char *schema = quote (type->schema);

              g_string_append_printf (sql, "%s.", schema);
            }
          g_string_append_printf (sql, "%s ADD VALUE IF NOT EXISTS ", quoted);
          append_literal (sql, type->values[v]);
          if (v > 0)
            {
              g_string_append (sql, " AFTER ");
              append_literal (sql, type->values[v - 1]);
            }
          g_string_append_c (sql, ';');
          add_step (plan, PHASE_TYPES, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql->str,
                    "Add the value %s to %s", type->values[v], type->name);
        }
    }
}

static gboolean
is_view_or_trigger (const CardinalSqlObject *object)
{
  return g_strcmp0 (object->kind, "view") == 0 || g_strcmp0 (object->kind, "materialized-view") == 0 ||
         g_strcmp0 (object->kind, "trigger") == 0;
}

/* The next token of SQL text at *@p: a word or a quoted identifier as
 * written (TRUE), or any other character (FALSE, *@token NULL); comments
 * and string literals are skipped. */
static gboolean
next_token (const char **p,
            char       **token)
{
  const char *s = *p;

  *token = NULL;
  for (;;)
    {
      while (g_ascii_isspace (*s))
        s++;
      if (s[0] == '-' && s[1] == '-')
        {
          while (*s != '\0' && *s != '\n')
            s++;
          continue;
        }
      if (s[0] == '/' && s[1] == '*')
        {
          const char *end = strstr (s + 2, "*/");

          s = end != NULL ? end + 2 : s + strlen (s);
          continue;
        }
      break;
    }
  if (*s == '\0')
    {
      *p = s;
      return FALSE;
    }
  if (*s == '"')
    {
      const char *start = s;

      for (s++; *s != '\0'; s++)
        if (*s == '"')
          {
            if (s[1] != '"')
              break;
            s++;
          }
      if (*s != '\0')
        s++;
      *token = g_strndup (start, s - start);
      *p = s;
      return TRUE;
    }
  if (*s == '\'')
    {
      for (s++; *s != '\0'; s++)
        if (*s == '\'')
          {
            if (s[1] != '\'')
              break;
            s++;
          }
      *p = *s != '\0' ? s + 1 : s;
      return FALSE;
    }
  if (g_ascii_isalnum (*s) || *s == '_' || (guchar) *s >= 0x80)
    {
      const char *start = s;

      while (g_ascii_isalnum (*s) || *s == '_' || *s == '$' || (guchar) *s >= 0x80)
        s++;
      *token = g_strndup (start, s - start);
      *p = s;
      return TRUE;
    }
  *p = s + 1;
  return FALSE;
}

/* After the first part of a name in @name: a "." and the next token at *@p
 * make it schema "." name. FALSE when a "." is followed by no token. */
static gboolean
append_qualified_rest (const char **p,
                       GString     *name)
{
  g_autofree char *rest = NULL;

  while (g_ascii_isspace (**p))
    (*p)++;
  if (**p != '.')
    return TRUE;
  (*p)++;
  while (g_ascii_isspace (**p))
    (*p)++;
  if (!next_token (p, &rest))
    return FALSE;
  g_string_append_printf (name, ".%s", rest);
  return TRUE;
}

/* DROP TRIGGER for a PostgreSQL trigger object: its name and its table are
 * read from its text (CREATE [OR REPLACE] [CONSTRAINT] TRIGGER name … ON
 * table …), which PostgreSQL's parser accepted as one CREATE TRIGGER. NULL
 * when the text does not say. */
static char *
postgresql_drop_trigger (const CardinalSqlObject *object)
{
  const char *p = object->sql;
  g_autofree char *name = NULL;
  g_autoptr(GString) table = g_string_new (NULL);
  gboolean seen_trigger = FALSE;

  while (*p != '\0')
    {
      g_autofree char *token = NULL;

      if (!next_token (&p, &token))
        continue;
      if (!seen_trigger)
        {
          seen_trigger = g_ascii_strcasecmp (token, "trigger") == 0;
          continue;
        }
      if (name == NULL)
        {
          name = g_steal_pointer (&token);
          continue;
        }
      if (g_ascii_strcasecmp (token, "on") == 0)
        {
          /* The table: a name, or schema "." name. */
          g_autofree char *part = NULL;

          while (g_ascii_isspace (*p))
            p++;
          if (!next_token (&p, &part))
            return NULL;
          g_string_append (table, part);
          if (!append_qualified_rest (&p, table))
            return NULL;
          return g_strdup_printf ("DROP TRIGGER IF EXISTS %s ON %s;", name, table->str);
        }
    }
  return NULL;
}

static gboolean
is_routine (const CardinalSqlObject *object)
{
  return g_strcmp0 (object->kind, "function") == 0 || g_strcmp0 (object->kind, "procedure") == 0;
}

/* The object of @model with @object's kind, name and dialect, or NULL. */
static const CardinalSqlObject *
find_object (const CardinalModel     *model,
             const CardinalSqlObject *object)
{
  for (guint i = 0; i < model->objects->len; i++)
    {
      const CardinalSqlObject *candidate = g_ptr_array_index (model->objects, i);

      if (candidate->dialect == object->dialect && g_strcmp0 (candidate->kind, object->kind) == 0 &&
          g_strcmp0 (candidate->name, object->name) == 0)
        return candidate;
    }
  return NULL;
}

/* A PostgreSQL function or procedure's text as CREATE OR REPLACE, so that
 * a changed one takes the place of the old (what depends on it stays). */
static char *
or_replace (const char *sql)
{
  const char *p = sql;
  const char *after_create;
  g_autofree char *first = NULL;
  g_autofree char *second = NULL;

  if (!next_token (&p, &first) || g_ascii_strcasecmp (first, "create") != 0)
    return g_strdup (sql);
  after_create = p;
  if (next_token (&p, &second) && g_ascii_strcasecmp (second, "or") == 0)
    return g_strdup (sql);
  return g_strdup_printf ("CREATE OR REPLACE%s", after_create);
}

/* DROP FUNCTION (or PROCEDURE) IF EXISTS with the name read from its text. */
static char *
drop_routine (const CardinalSqlObject *object)
{
  const char *p = object->sql;
  gboolean seen = FALSE;

  while (*p != '\0')
    {
      g_autofree char *token = NULL;

      if (!next_token (&p, &token))
        continue;
      if (!seen)
        {
          seen = g_ascii_strcasecmp (token, "function") == 0 || g_ascii_strcasecmp (token, "procedure") == 0;
          continue;
        }
      {
        g_autoptr(GString) name = g_string_new (token);

        if (!append_qualified_rest (&p, name))
          return NULL;
        return g_strdup_printf ("DROP %s IF EXISTS %s;", g_strcmp0 (object->kind, "procedure") == 0 ? "PROCEDURE" : "FUNCTION",
                                name->str);
      }
    }
  return NULL;
}

/* PostgreSQL functions and procedures the document holds: one that is new
 * is created, one that changed is created OR REPLACE (before the tables when
 * a default or CHECK calls it, else before the triggers and views that may
 * call it), one that went is dropped once the old triggers are gone. */
static void
plan_routines (Plan *plan)
{
  for (guint i = 0; i < plan->old_model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (plan->old_model->objects, i);
      g_autofree char *sql = NULL;

      if (object->dialect != (int) plan->dialect || !is_routine (object) || find_object (plan->new_model, object) != NULL)
        continue;
      sql = drop_routine (object);
      if (sql == NULL)
        {
          add_note (plan, "%s %s: its text names no routine; drop it by hand.", object->kind, object->name);
          continue;
        }
      add_step (plan, PHASE_OBJECTS, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql, "Drop %s %s", object->kind, object->name);
    }
  for (guint i = 0; i < plan->new_model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (plan->new_model->objects, i);
      const CardinalSqlObject *was;
      g_autofree char *text = NULL;
      g_autofree char *sql = NULL;

      if (object->dialect != (int) plan->dialect || !is_routine (object))
        continue;
      was = find_object (plan->old_model, object);
      if (was != NULL && g_strcmp0 (was->sql, object->sql) == 0)
        continue;
      text = was != NULL ? or_replace (object->sql) : g_strdup (object->sql);
      sql = g_strdup_printf ("%s%s;", text, strstr (text, "--") != NULL ? "\n" : "");
      add_step (plan, object->before_tables ? PHASE_TYPES : PHASE_OBJECTS, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql,
                was != NULL ? "Replace %s %s" : "Create %s %s", object->kind, object->name);
    }
}

/* Views and triggers read the tables a plan changes (SQLite will not rename
 * a table a view names, PostgreSQL will not drop a column one reads): the
 * old model's go first and the new model's come back at the end. */
static void
plan_objects (Plan *plan)
{
  for (guint i = 0; i < plan->old_model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (plan->old_model->objects, i);
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;

      if (object->dialect != (int) plan->dialect || !is_view_or_trigger (object))
        continue;
      quoted = quote (object->name);
      if (g_strcmp0 (object->kind, "trigger") == 0)
        {
          if (plan->postgresql)
            sql = postgresql_drop_trigger (object);
          else
            sql = g_strdup_printf ("DROP TRIGGER IF EXISTS %s;", quoted);
          if (sql == NULL)
            {
              add_note (plan, "Trigger %s: its text names no table; drop it by hand.", object->name);
              continue;
            }
        }
      else
        sql = g_strdup_printf ("DROP %s IF EXISTS %s%s;",
                               g_strcmp0 (object->kind, "view") == 0 ? "VIEW" : "MATERIALIZED VIEW",
                               quoted, plan->postgresql ? " CASCADE" : "");
      add_step (plan, PHASE_DROP_OBJECTS, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql,
                "Drop %s %s while the tables change", object->kind, object->name);
    }
  if (plan->postgresql)
    plan_routines (plan);
  for (guint i = 0; i < plan->new_model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (plan->new_model->objects, i);
      g_autofree char *sql = NULL;

      if (object->dialect != (int) plan->dialect || !is_view_or_trigger (object))
        continue;
      /* The text passed the dialect's parser when the model was validated (DESIGN.md §5.5). */
      sql = g_strdup_printf ("%s%s;", object->sql, strstr (object->sql, "--") != NULL ? "\n" : "");
      add_step (plan, PHASE_OBJECTS, CARDINAL_MIGRATION_STEP_SCHEMA, NULL, sql,
                "Create %s %s", object->kind, object->name);
    }
}

static guint
count_views_and_triggers (const Plan          *plan,
                          const CardinalModel *model)
{
  guint n = 0;

  for (guint i = 0; i < model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (model->objects, i);

      if (object->dialect == (int) plan->dialect && (is_view_or_trigger (object) || is_routine (object)))
        n++;
    }
  return n;
}

/* Whether the new model's views and triggers (of the plan's dialect) are not
 * exactly the old model's, by kind, name and text. */
static gboolean
objects_changed (const Plan *plan)
{
  if (count_views_and_triggers (plan, plan->old_model) != count_views_and_triggers (plan, plan->new_model))
    return TRUE;
  for (guint i = 0; i < plan->new_model->objects->len; i++)
    {
      const CardinalSqlObject *object = g_ptr_array_index (plan->new_model->objects, i);
      gboolean found = FALSE;

      if (object->dialect != (int) plan->dialect || (!is_view_or_trigger (object) && !is_routine (object)))
        continue;
      for (guint k = 0; !found && k < plan->old_model->objects->len; k++)
        {
          const CardinalSqlObject *was = g_ptr_array_index (plan->old_model->objects, k);

          found = was->dialect == object->dialect && g_strcmp0 (was->kind, object->kind) == 0 &&
                  g_strcmp0 (was->name, object->name) == 0 && g_strcmp0 (was->sql, object->sql) == 0;
        }
      if (!found)
        return TRUE;
    }
  return FALSE;
}

static gboolean
attributes_have_ids (GPtrArray *attributes)
{
  for (guint i = 0; i < attributes->len; i++)
    if (((CardinalAttribute *) g_ptr_array_index (attributes, i))->id == NULL)
      return FALSE;
  return TRUE;
}

static gboolean
has_all_ids (const CardinalModel *model)
{
  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (entity->id == NULL || !attributes_have_ids (entity->attributes))
        return FALSE;
    }
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);

      if (relationship->id == NULL || !attributes_have_ids (relationship->link_attributes))
        return FALSE;
    }
  return TRUE;
}

CardinalMigration *
cardinal_migration_plan (CardinalModel    *old_model,
                         CardinalModel    *new_model,
                         CardinalDialect   dialect,
                         GError          **error)
{
  return cardinal_migration_plan_with_schemas (old_model, NULL, new_model, NULL, dialect, error);
}

CardinalMigration *
cardinal_migration_plan_with_schemas (CardinalModel    *old_model,
                                      CardinalSchema   *old_engineered,
                                      CardinalModel    *new_model,
                                      CardinalSchema   *new_engineered,
                                      CardinalDialect   dialect,
                                      GError          **error)
{
  g_autoptr(CardinalModel) old_copy = NULL;
  g_autoptr(CardinalModel) new_copy = NULL;
  g_autoptr(GPtrArray) old_tabs = NULL;
  g_autoptr(GPtrArray) new_tabs = NULL;
  g_autoptr(GHashTable) old_by_key = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) old_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) new_by_name = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) old_cols = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_ptr_array_unref);
  g_autoptr(GHashTable) new_keys = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GHashTable) new_relationships = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GHashTable) names = g_hash_table_new (cardinal_identifier_fold_hash, cardinal_identifier_fold_equal);
  CardinalSchema *old_schema;
  CardinalSchema *new_schema;
  g_autoptr(CardinalSchema) old_owned = NULL;
  g_autoptr(CardinalSchema) new_owned = NULL;
  gboolean any_change = FALSE;
  Plan plan = { 0 };

  g_return_val_if_fail (old_model != NULL && new_model != NULL, NULL);
  if (dialect != CARDINAL_DIALECT_SQLITE && dialect != CARDINAL_DIALECT_POSTGRESQL)
    {
      g_set_error (error, CARDINAL_MIGRATION_PLAN_ERROR, CARDINAL_MIGRATION_PLAN_ERROR_INVALID,
                   "unknown dialect %d", (int) dialect);
      return NULL;
    }

  /* Ids missing on either side are derived on copies: the models are the caller's. */
  if (!has_all_ids (old_model))
    {
      old_copy = cardinal_model_copy (old_model);
      cardinal_model_assign_ids (old_copy);
      old_model = old_copy;
    }
  if (!has_all_ids (new_model))
    {
      new_copy = cardinal_model_copy (new_model);
      cardinal_model_assign_ids (new_copy);
      new_model = new_copy;
    }

  /* Engineering reads no ids: a caller's schema of the model (before its ids
   * were adopted or derived) is the one made here. */
  old_schema = old_engineered != NULL ? old_engineered : (old_owned = cardinal_engineer (old_model));
  new_schema = new_engineered != NULL ? new_engineered : (new_owned = cardinal_engineer (new_model));
  plan.old_model = old_model;
  plan.new_model = new_model;
  plan.old_schema = old_schema;
  plan.new_schema = new_schema;
  plan.dialect = dialect;
  plan.postgresql = dialect == CARDINAL_DIALECT_POSTGRESQL;
  plan.migration = cardinal_migration_new (dialect);
  plan.shrunk_enums = g_ptr_array_new ();
  for (guint p = 0; p < N_PHASES; p++)
    plan.phases[p] = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_migration_step_free);

  old_tabs = build_tabs (old_model, old_schema, old_by_name);
  new_tabs = build_tabs (new_model, new_schema, new_by_name);
  plan.old_tabs = old_tabs;
  plan.new_tabs = new_tabs;
  plan.old_by_key = old_by_key;
  plan.new_by_name = new_by_name;
  plan.old_cols = old_cols;
  plan.new_keys = new_keys;
  plan.new_relationships = new_relationships;
  for (guint i = 0; i < old_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (old_tabs, i);

      for (guint k = 0; k < tab->cols->len; k++)
        {
          Col *col = g_ptr_array_index (tab->cols, k);

          for (guint pass = 0; pass < 2; pass++)
            {
              const char *key = pass == 0 ? col->key : col->fkey;
              GPtrArray *list;

              if (key == NULL || (pass == 1 && g_strcmp0 (col->fkey, col->key) == 0))
                continue;
              list = g_hash_table_lookup (old_cols, key);
              if (list == NULL)
                {
                  list = g_ptr_array_new ();
                  g_hash_table_insert (old_cols, (gpointer) key, list);
                }
              g_ptr_array_add (list, col);
            }
        }
    }
  for (guint i = 0; i < new_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (new_tabs, i);

      for (guint k = 0; k < tab->cols->len; k++)
        {
          Col *col = g_ptr_array_index (tab->cols, k);

          if (col->key != NULL)
            add_new_keys (new_keys, new_relationships, col->key);
          if (col->fkey != NULL)
            add_new_keys (new_keys, new_relationships, col->fkey);
        }
    }

  for (guint i = 0; i < old_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (old_tabs, i);

      g_hash_table_insert (old_by_key, tab->key, tab);
      tab->current = cardinal_ddl_table_name (tab->table, dialect);
      tab->pieces = cardinal_ddl_render_table (old_schema, tab->table, dialect, TRUE);
    }
  for (guint i = 0; i < new_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (new_tabs, i);
      Tab *old = g_hash_table_lookup (old_by_key, tab->key);

      /* PostgreSQL's CREATE TABLE never has the FKs (they come once every table is there). */
      tab->pieces = cardinal_ddl_render_table (new_schema, tab->table, dialect, TRUE);
      if (old != NULL && old->match == NULL)
        {
          tab->match = old;
          old->match = tab;
        }
    }

  plan_enums (&plan);
  for (guint i = 0; i < new_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (new_tabs, i);

      if (tab->match != NULL)
        match_columns (&plan, tab);
    }

  /* Table renames first, so that everything after uses the new names; an
   * old table whose name a new one wants moves aside. */
  for (guint i = 0; i < new_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (new_tabs, i);

      g_hash_table_add (names, tab->table->name);
    }
  for (guint i = 0; i < old_tabs->len; i++)
    {
      Tab *old = g_ptr_array_index (old_tabs, i);
      g_autofree char *aside = NULL;
      g_autofree char *quoted = NULL;
      g_autofree char *sql = NULL;

      if (plan.postgresql && ((old->match != NULL && old->match->rebuild) ||
                              (old->match == NULL && g_hash_table_contains (names, old->table->name))))
        {
          move_aside_postgresql (&plan, old);
          continue;
        }
      /* A rebuilt table keeps its old name until it is dropped (SQLite's recipe). */
      if ((old->match != NULL && (old->match->rebuild || g_str_equal (old->match->table->name, old->table->name))) ||
          (old->match == NULL && !g_hash_table_contains (names, old->table->name)))
        continue;
      if (old->match == NULL)
        aside = g_strconcat (old->table->name, "__cardinal_old", NULL);
      else
        aside = g_strdup (old->match->table->name);
      quoted = quote (aside);
      sql = g_strdup_printf ("ALTER TABLE %s RENAME TO %s;", old->current, quoted);
      add_step (&plan, PHASE_RENAME_TABLES, CARDINAL_MIGRATION_STEP_SCHEMA, old->table->name, sql,
                "Rename table %s to %s", old->table->name, aside);
      g_free (old->current);
      if (plan.postgresql && old->table->schema != NULL)
        {
          g_autofree char *schema = quote (old->table->schema);

          old->current = g_strdup_printf ("%s.%s", schema, quoted);
        }
      else
        old->current = g_strdup (quoted);
    }

  for (guint i = 0; i < new_tabs->len; i++)
    {
      Tab *tab = g_ptr_array_index (new_tabs, i);

      if (tab->match == NULL)
        plan_created (&plan, tab);
      else if (tab->rebuild && plan.postgresql)
        plan_rebuild_postgresql (&plan, tab);
      else if (tab->rebuild)
        plan_rebuild (&plan, tab);
      else
        {
          plan_matched (&plan, tab);
          if (plan.postgresql)
            plan_constraints_postgresql (&plan, tab);
        }
    }
  for (guint i = 0; i < old_tabs->len; i++)
    {
      Tab *old = g_ptr_array_index (old_tabs, i);

      if (old->match == NULL)
        plan_dropped (&plan, old);
    }
  plan_enum_values (&plan);
  plan_enum_swap (&plan);

  for (guint p = PHASE_TYPES; p < PHASE_PRAGMA_ON; p++)
    any_change = any_change || plan.phases[p]->len > 0;
  /* A view or trigger added, dropped or changed is a change of its own. */
  any_change = any_change || objects_changed (&plan);
  if (any_change)
    plan_objects (&plan);
  if (!plan.postgresql && any_change)
    {
      /* SQLite's own recipe for changing tables: foreign keys off outside the
       * transaction, checked before the commit, on again afterwards. */
      add_step (&plan, PHASE_PRAGMA_OFF, CARDINAL_MIGRATION_STEP_PRAGMA, NULL, "PRAGMA foreign_keys = OFF;",
                "Foreign keys off while tables are rebuilt");
      add_check (&plan, PHASE_FINAL_CHECK, NULL, g_strdup ("SELECT count(*) FROM pragma_foreign_key_check"),
                 g_strdup ("These rows reference rows that are not there."),
                 "Every foreign key still finds its row");
      add_step (&plan, PHASE_PRAGMA_ON, CARDINAL_MIGRATION_STEP_PRAGMA, NULL, "PRAGMA foreign_keys = ON;",
                "Foreign keys on again");
    }

  for (guint p = 0; p < N_PHASES; p++)
    {
      for (guint i = 0; i < plan.phases[p]->len; i++)
        g_ptr_array_add (plan.migration->steps, g_steal_pointer (&plan.phases[p]->pdata[i]));
      g_ptr_array_unref (plan.phases[p]);
    }

  g_clear_pointer (&plan.shrunk_enums, g_ptr_array_unref);
  g_clear_pointer (&old_cols, g_hash_table_unref);
  g_clear_pointer (&new_keys, g_hash_table_unref);
  g_clear_pointer (&new_relationships, g_hash_table_unref);
  g_clear_pointer (&old_by_key, g_hash_table_unref);
  g_clear_pointer (&old_tabs, g_ptr_array_unref);
  g_clear_pointer (&new_tabs, g_ptr_array_unref);
  return plan.migration;
}
