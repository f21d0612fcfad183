/* cardinal-migration.c: the plain data of a migration plan and its script form. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-migration.h"

CardinalMigration *
cardinal_migration_new (CardinalDialect dialect)
{
  CardinalMigration *migration = g_new0 (CardinalMigration, 1);

  migration->dialect = dialect;
  migration->steps = g_ptr_array_new_with_free_func ((GDestroyNotify) cardinal_migration_step_free);
  migration->notes = g_ptr_array_new_with_free_func (g_free);
  return migration;
}

void
cardinal_migration_free (CardinalMigration *migration)
{
  if (migration == NULL)
    return;
  g_ptr_array_unref (migration->steps);
  g_ptr_array_unref (migration->notes);
  g_free (migration);
}

void
cardinal_migration_step_free (CardinalMigrationStep *step)
{
  if (step == NULL)
    return;
  g_free (step->table);
  g_free (step->summary);
  g_free (step->sql);
  g_free (step->count_sql);
  g_free (step->refusal);
  g_free (step);
}

CardinalMigrationStep *
cardinal_migration_add_step (CardinalMigration         *migration,
                             CardinalMigrationStepKind  kind,
                             const char                *table,
                             const char                *summary,
                             const char                *sql)
{
  CardinalMigrationStep *step = g_new0 (CardinalMigrationStep, 1);

  step->kind = kind;
  step->table = g_strdup (table);
  step->summary = g_strdup (summary);
  step->sql = g_strdup (sql);
  g_ptr_array_add (migration->steps, step);
  return step;
}

gboolean
cardinal_migration_loses_data (const CardinalMigration *migration)
{
  return cardinal_migration_n_losing (migration) > 0;
}

guint
cardinal_migration_n_losing (const CardinalMigration *migration)
{
  guint n = 0;

  for (guint i = 0; i < migration->steps->len; i++)
    n += ((const CardinalMigrationStep *) g_ptr_array_index (migration->steps, i))->loses_data ? 1 : 0;
  return n;
}

static void
group_free (CardinalMigrationGroup *group)
{
  g_array_unref (group->steps);
  g_free (group);
}

GPtrArray *
cardinal_migration_group_by_table (const CardinalMigration *migration)
{
  GPtrArray *groups = g_ptr_array_new_with_free_func ((GDestroyNotify) group_free);
  g_autoptr(GHashTable) by_table = g_hash_table_new (g_str_hash, g_str_equal);

  g_return_val_if_fail (migration != NULL, groups);

  for (guint i = 0; i < migration->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (migration->steps, i);
      const char *table = step->table != NULL ? step->table : "";
      CardinalMigrationGroup *group = g_hash_table_lookup (by_table, table);

      if (group == NULL)
        {
          group = g_new0 (CardinalMigrationGroup, 1);
          group->table = table;
          group->steps = g_array_new (FALSE, FALSE, sizeof (guint));
          g_hash_table_insert (by_table, (gpointer) table, group);
          g_ptr_array_add (groups, group);
        }
      g_array_append_val (group->steps, i);
    }
  return groups;
}

/* A summary goes into a "--" comment; a newline in it would end the comment
 * and turn the rest into SQL, so each line gets its own prefix. */
static void
append_comment (GString    *out,
                const char *text)
{
  const char *p;

  g_string_append (out, "-- ");
  for (p = text; *p != '\0'; p++)
    {
      if (*p == '\n' || *p == '\r')
        g_string_append (out, "\n-- ");
      else
        g_string_append_c (out, *p);
    }
  g_string_append_c (out, '\n');
}

char *
cardinal_migration_to_sql (const CardinalMigration *migration)
{
  GString *out = g_string_new (NULL);
  guint i;

  for (i = 0; i < migration->notes->len; i++)
    append_comment (out, g_ptr_array_index (migration->notes, i));
  for (i = 0; i < migration->steps->len; i++)
    {
      const CardinalMigrationStep *step = g_ptr_array_index (migration->steps, i);

      if (out->len > 0)
        g_string_append_c (out, '\n');
      if (step->loses_data)
        {
          g_autofree char *line = g_strdup_printf ("LOSES DATA: %s", step->summary != NULL ? step->summary : "");

          append_comment (out, line);
        }
      else
        append_comment (out, step->summary != NULL ? step->summary : "");
      if (step->kind == CARDINAL_MIGRATION_STEP_CHECK)
        {
          /* A script has no way to stop on a count, so the query is shown
           * for people; `cardinal-cli migrate` runs it and stops when it is
           * not 0. */
          g_autofree char *line = g_strdup_printf ("must count 0 (migrate stops otherwise): %s", step->sql);

          append_comment (out, line);
          continue;
        }
      g_string_append (out, step->sql);
      /* Statements end with a semicolon, so the script runs as it is. */
      while (out->len > 0 && g_ascii_isspace (out->str[out->len - 1]))
        g_string_truncate (out, out->len - 1);
      if (out->len > 0 && out->str[out->len - 1] != ';')
        g_string_append_c (out, ';');
      g_string_append_c (out, '\n');
    }
  return g_string_free (out, FALSE);
}
