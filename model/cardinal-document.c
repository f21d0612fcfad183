/* cardinal-document.c: loading and saving .cardinal files (JSON, formats 1 to 3, DESIGN.md §3). */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-document.h"
#include "cardinal-file.h"
#include "cardinal-types.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

#include <json-glib/json-glib.h>

/* A .cardinal document is at most five levels deep; json-glib 1.6 parses
 * recursively, so a hostile file with a million '[' would overflow the stack
 * before it could report anything. */
#define MAX_NESTING 64

/* Integral coordinates below this are written as JSON integers; above it a
 * double may no longer be integral in the sense a reader expects. */
#define MAX_INTEGRAL_COORDINATE 1e15

typedef struct
{
  const char *display_name;
  GString    *path;          /* JSON path of the object being read, "$.entities[2]" */
  GHashTable *ids;           /* stable ids read so far → the JSON path that has each */
} Loader;

/* Keys of each object, in the order they are written. */
static const char * const model_keys[] = {
  "format", "name", "dialect", "schemas", "extensions", "types", "sequences",
  "entities", "relationships", "objects",
  /* Format 3 */
  "groups", "notes", NULL
};
static const char * const entity_keys[] = {
  "name", "id", "comment", "table", "schema", "x", "y", "color", "attributes", "checks",
  "uniques", "indexes", "primary-key-name", "primary-key-order", "without-rowid",
  "strict", "unlogged", "partition-by", NULL
};
/* The table-level keys of a link table ("link"), as on an entity. */
static const char * const link_keys[] = {
  "schema", "comment", "checks", "uniques", "indexes", "primary-key-name",
  "primary-key-order", "without-rowid", "strict", "unlogged", NULL
};
static const char * const attribute_keys[] = {
  "name", "id", "type", "primary-key", "autoincrement", "nullable", "unique", "index",
  "default", "comment", "identity", "sequence", "sql-type", "collation", "generated",
  "stored", NULL
};
static const char * const relationship_keys[] = {
  "name", "id", "entity1", "entity2", "kind", "strategy", "entity1-role", "entity2-role",
  "entity2-needs-entity1", "entity1-needs-entity2", "on-delete", "link-table",
  "link-attributes", "entity1-columns", "entity2-columns", "entity1-key", "entity2-key",
  "entity1-fk-name", "entity2-fk-name", "on-update", "entity1-on-delete",
  "entity2-on-delete", "entity1-on-update", "entity2-on-update", "deferrable",
  "initially-deferred", "match-full", "identifying", "index", "link", NULL
};
static const char * const check_keys_list[] = { "name", "expression", NULL };
static const char * const unique_keys[] = {
  "name", "columns", "include", "nulls-not-distinct", "deferrable", "initially-deferred", NULL
};
static const char * const index_keys[] = {
  "name", "unique", "columns", "method", "where", "include", "nulls-not-distinct", NULL
};
static const char * const index_key_keys[] = {
  "column", "expression", "collation", "opclass", "order", "nulls", NULL
};
static const char * const sequence_keys[] = {
  "name", "schema", "type", "start", "increment", "min", "max", "cache", "cycle",
  "owned-by", NULL
};
static const char * const type_keys[] = {
  "name", "schema", "kind", "values", "base", "nullable", "default", "collation",
  "checks", "comment", NULL
};
static const char * const extension_keys[] = { "name", "schema", NULL };
static const char * const object_keys[] = {
  "name", "kind", "dialect", "sql", "depends-on", "before-tables", NULL
};
/* Format 3 */
static const char * const note_keys[] = { "text", "x", "y", "width", "height", NULL };
static const char * const group_keys[] = { "name", "color", "entities", NULL };

/* The first text made valid by append_string () since it was last cleared:
 * the saver refuses a model that needed it (see cardinal_document_save_file). */
static GPrivate invalid_text = G_PRIVATE_INIT (g_free);

/* A JSON string with only what JSON requires escaped: UTF-8 stays as it is. */
static void
append_string (GString    *out,
               const char *text)
{
  /* What JSON escapes with a letter, and how. */
  static const char specials[] = "\"\\\n\r\t\b\f";
  static const char * const escaped[] = { "\\\"", "\\\\", "\\n", "\\r", "\\t", "\\b", "\\f" };
  g_autofree char *valid = NULL;

  if (text == NULL)
    text = "";
  /* Programmatic models could hold invalid UTF-8; the file must not. */
  if (!g_utf8_validate (text, -1, NULL))
    {
      text = valid = g_utf8_make_valid (text, -1);
      if (g_private_get (&invalid_text) == NULL)
        g_private_set (&invalid_text, g_strdup (valid));
    }

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;
      const char *special = strchr (specials, c);

      if (special != NULL)
        g_string_append (out, escaped[special - specials]);
      else if (c < 0x20)
        g_string_append_printf (out, "\\u%04x", c);
      else
        g_string_append_c (out, (char) c);
    }
  g_string_append_c (out, '"');
}

/* Reading */

static gboolean
is_plain_key (const char *key)
{
  if (*key == '\0')
    return FALSE;
  for (const char *p = key; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

static void
append_path_key (GString    *path,
                 const char *key)
{
  if (is_plain_key (key))
    {
      g_string_append_c (path, '.');
      g_string_append (path, key);
    }
  else
    {
      g_string_append_c (path, '[');
      append_string (path, key);
      g_string_append_c (path, ']');
    }
}

/* Sets @error to "FILE: $.path[.key]: message". */
G_GNUC_PRINTF (5, 6)
static void
loader_error (Loader      *loader,
              GError     **error,
              int          code,
              const char  *key,
              const char  *format,
              ...)
{
  g_autoptr(GString) path = g_string_new (loader->path->str);
  g_autofree char *message = NULL;
  va_list args;

  if (key != NULL)
    append_path_key (path, key);

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  g_set_error (error, CARDINAL_MODEL_ERROR, code, "%s: %s: %s",
               loader->display_name, path->str, message);
}

static gsize
loader_push_key (Loader     *loader,
                 const char *key)
{
  gsize old_length = loader->path->len;

  append_path_key (loader->path, key);
  return old_length;
}

static void
loader_push_index (Loader *loader,
                   guint   index)
{
  g_string_append_printf (loader->path, "[%u]", index);
}

static void
loader_pop (Loader *loader,
            gsize   old_length)
{
  g_string_truncate (loader->path, old_length);
}

static const char *
json_type_description (JsonNode *node)
{
  switch (JSON_NODE_TYPE (node))
    {
    case JSON_NODE_OBJECT:
      return "an object";
    case JSON_NODE_ARRAY:
      return "an array";
    case JSON_NODE_NULL:
      return "null";
    case JSON_NODE_VALUE:
    default:
      break;
    }

  switch (json_node_get_value_type (node))
    {
    case G_TYPE_BOOLEAN:
      return "a boolean";
    case G_TYPE_STRING:
      return "a string";
    case G_TYPE_INT64:
    case G_TYPE_DOUBLE:
      return "a number";
    default:
      return "a value";
    }
}

static gboolean
node_holds (JsonNode *node,
            GType     type)
{
  return JSON_NODE_TYPE (node) == JSON_NODE_VALUE &&
         json_node_get_value_type (node) == type;
}

/* A known key whose spelling differs only by '_' for '-' or by case, for the hint. */
static const char *
similar_key (const char         *key,
             const char * const *allowed)
{
  g_autofree char *normalized = g_ascii_strdown (key, -1);

  g_strdelimit (normalized, "_ ", '-');
  for (guint i = 0; allowed[i] != NULL; i++)
    if (g_str_equal (normalized, allowed[i]))
      return allowed[i];
  return NULL;
}

/* Keys are fixed, so anything else is a typo ("primary_key") that would
 * otherwise be dropped without a word. */
static gboolean
check_keys (Loader              *loader,
            JsonObject          *object,
            const char * const  *allowed,
            GError             **error)
{
  g_autoptr(GList) members = json_object_get_members (object);

  for (GList *l = members; l != NULL; l = l->next)
    {
      const char *key = l->data;
      const char *similar;

      if (g_strv_contains (allowed, key))
        continue;

      similar = similar_key (key, allowed);
      if (similar != NULL)
        loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key,
                      "unknown key (did you mean \"%s\"?)", similar);
      else
        loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key, "unknown key");
      return FALSE;
    }

  return TRUE;
}

/* @node as an object with none but the @allowed keys, or NULL. */
static JsonObject *
expect_object (Loader              *loader,
               JsonNode            *node,
               const char * const  *allowed,
               GError             **error)
{
  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL,
                    "expected an object, found %s", json_type_description (node));
      return NULL;
    }
  if (!check_keys (loader, json_node_get_object (node), allowed, error))
    return NULL;
  return json_node_get_object (node);
}

/* Leaves *value alone when @key is absent. */
static gboolean
read_boolean (Loader      *loader,
              JsonObject  *object,
              const char  *key,
              gboolean    *value,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!node_holds (node, G_TYPE_BOOLEAN))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key, "expected a boolean");
      return FALSE;
    }
  *value = json_node_get_boolean (node);
  return TRUE;
}

/* Replaces *value when @key is present. A missing @required key is an
 * error; null stands for "not set" only where @nullable says the field may be
 * unset (the default value, the color, roles, the link table's name). */
static gboolean
read_string (Loader      *loader,
             JsonObject  *object,
             const char  *key,
             gboolean     required,
             gboolean     nullable,
             char       **value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    {
      if (!required)
        return TRUE;
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL,
                    "missing key \"%s\"", key);
      return FALSE;
    }
  if (nullable && JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    {
      g_clear_pointer (value, g_free);
      return TRUE;
    }
  if (!node_holds (node, G_TYPE_STRING))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key, "expected a string");
      return FALSE;
    }
  g_free (*value);
  *value = g_strdup (json_node_get_string (node));
  return TRUE;
}

static gboolean
read_number (Loader      *loader,
             JsonObject  *object,
             const char  *key,
             double      *value,
             GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);
  double number;

  if (node == NULL)
    return TRUE;
  if (node_holds (node, G_TYPE_INT64))
    number = (double) json_node_get_int (node);
  else if (node_holds (node, G_TYPE_DOUBLE))
    number = json_node_get_double (node);
  else
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key, "expected a number");
      return FALSE;
    }

  /* 1e400 parses as infinity, which no later stage can place or write back. */
  if (!isfinite (number))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, key,
                    "expected a finite number");
      return FALSE;
    }
  *value = number;
  return TRUE;
}

/* *array is NULL when @key is absent (an empty list). */
static gboolean
read_array (Loader      *loader,
            JsonObject  *object,
            const char  *key,
            JsonArray  **array,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  *array = NULL;
  if (node == NULL)
    return TRUE;
  if (JSON_NODE_TYPE (node) != JSON_NODE_ARRAY)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key, "expected an array");
      return FALSE;
    }
  *array = json_node_get_array (node);
  return TRUE;
}

/* The list of names a value must be one of, for the error message. */
static char *
describe_names (const char *(*to_string) (int),
                int          n_values)
{
  g_autoptr(GString) names = g_string_new (NULL);

  for (int i = 0; i < n_values; i++)
    {
      if (i > 0)
        g_string_append (names, i == n_values - 1 ? " or " : ", ");
      g_string_append (names, to_string (i));
    }
  return g_string_free (g_steal_pointer (&names), FALSE);
}

static const char *
kind_name (int value)
{
  return cardinal_kind_to_string ((CardinalKind) value);
}

static const char *
strategy_name (int value)
{
  return cardinal_strategy_to_string ((CardinalStrategy) value);
}

static const char *
on_delete_name (int value)
{
  return cardinal_on_delete_to_string ((CardinalOnDelete) value);
}

static void
unknown_name_error (Loader      *loader,
                    GError     **error,
                    const char  *key,
                    const char  *what,
                    const char  *value,
                    const char *(*to_string) (int),
                    int          n_values)
{
  g_autofree char *expected = describe_names (to_string, n_values);

  loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, key,
                "unknown %s \"%s\" (expected %s)", what, value, expected);
}

typedef gpointer (*LoadItemFunc) (Loader    *loader,
                                  JsonNode  *node,
                                  GError   **error);

static gboolean
load_list (Loader        *loader,
           JsonObject    *object,
           const char    *key,
           LoadItemFunc   load_item,
           GPtrArray     *items,
           GError       **error)
{
  JsonArray *array;
  gsize old_length;
  guint n;

  if (!read_array (loader, object, key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  old_length = loader_push_key (loader, key);
  for (guint i = 0; i < n; i++)
    {
      gsize list_length = loader->path->len;
      gpointer item;

      loader_push_index (loader, i);
      item = load_item (loader, json_array_get_element (array, i), error);
      if (item == NULL)
        return FALSE;
      g_ptr_array_add (items, item);
      loader_pop (loader, list_length);
    }
  loader_pop (loader, old_length);
  return TRUE;
}

/* "checks": CHECK expressions as SQL text, each a non-empty string or
 * (format 2) { "name", "expression" }. */
static gboolean
load_checks (Loader      *loader,
             JsonObject  *object,
             GPtrArray   *checks,
             GError     **error)
{
  JsonArray *array;
  gsize old_length;
  guint n;

  if (!read_array (loader, object, "checks", &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  old_length = loader_push_key (loader, "checks");
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize list_length = loader->path->len;
      g_autofree char *name = NULL;
      g_autofree char *text = NULL;

      loader_push_index (loader, i);
      if (JSON_NODE_TYPE (node) == JSON_NODE_OBJECT)
        {
          JsonObject *check = json_node_get_object (node);

          if (!check_keys (loader, check, check_keys_list, error) ||
              !read_string (loader, check, "name", FALSE, TRUE, &name, error) ||
              !read_string (loader, check, "expression", TRUE, FALSE, &text, error))
            return FALSE;
        }
      else if (node_holds (node, G_TYPE_STRING))
        text = g_strdup (json_node_get_string (node));
      else
        {
          loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "expected a string");
          return FALSE;
        }
      if (text == NULL || text[0] == '\0')
        {
          loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, NULL,
                        "expected a CHECK expression, found an empty string");
          return FALSE;
        }
      g_ptr_array_add (checks, cardinal_check_new (name, text));
      loader_pop (loader, list_length);
    }
  loader_pop (loader, old_length);
  return TRUE;
}

/* A list of non-empty names, or NULL when @key is absent. */
static gboolean
read_strv (Loader      *loader,
           JsonObject  *object,
           const char  *key,
           GStrv       *value,
           GError     **error)
{
  JsonArray *array;
  GStrvBuilder *builder;
  gsize old_length;
  guint n;

  if (!read_array (loader, object, key, &array, error))
    return FALSE;
  if (array == NULL)
    return TRUE;

  n = json_array_get_length (array);
  builder = g_strv_builder_new ();
  old_length = loader_push_key (loader, key);
  for (guint i = 0; i < n; i++)
    {
      JsonNode *node = json_array_get_element (array, i);
      gsize list_length = loader->path->len;

      loader_push_index (loader, i);
      if (!node_holds (node, G_TYPE_STRING) || json_node_get_string (node)[0] == '\0')
        {
          loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "expected a non-empty string");
          g_strv_builder_unref (builder);
          return FALSE;
        }
      g_strv_builder_add (builder, json_node_get_string (node));
      loader_pop (loader, list_length);
    }
  loader_pop (loader, old_length);
  g_strfreev (*value);
  *value = g_strv_builder_end (builder);
  g_strv_builder_unref (builder);
  return TRUE;
}

/* A whole number that fits 64 bits; *has_value says whether @key was there. */
static gboolean
read_int64 (Loader      *loader,
            JsonObject  *object,
            const char  *key,
            gint64      *value,
            gboolean    *has_value,
            GError     **error)
{
  JsonNode *node = json_object_get_member (object, key);

  if (node == NULL)
    return TRUE;
  if (!node_holds (node, G_TYPE_INT64))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, key,
                    node_holds (node, G_TYPE_DOUBLE)
                      ? "expected a whole number between -9223372036854775808 and 9223372036854775807"
                      : "expected a whole number");
      return FALSE;
    }
  *value = json_node_get_int (node);
  *has_value = TRUE;
  return TRUE;
}

static const char *
identity_name (int value)
{
  return cardinal_identity_to_string ((CardinalIdentity) value);
}

static gboolean
read_action (Loader      *loader,
             JsonObject  *object,
             const char  *key,
             int         *action,
             GError     **error)
{
  g_autofree char *text = NULL;
  CardinalOnDelete value;

  if (!read_string (loader, object, key, FALSE, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!cardinal_on_delete_from_string (text, &value))
    {
      unknown_name_error (loader, error, key, "action", text,
                          on_delete_name, CARDINAL_ON_DELETE_SET_DEFAULT + 1);
      return FALSE;
    }
  *action = (int) value;
  return TRUE;
}

static gboolean
read_dialect (Loader      *loader,
              JsonObject  *object,
              const char  *key,
              gboolean    *has_dialect,
              int         *dialect,
              GError     **error)
{
  g_autofree char *text = NULL;
  CardinalDialect value;

  if (!read_string (loader, object, key, FALSE, FALSE, &text, error))
    return FALSE;
  if (text == NULL)
    return TRUE;
  if (!cardinal_dialect_from_string (text, &value))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, key,
                    "unknown dialect \"%s\" (expected sqlite or postgresql)", text);
      return FALSE;
    }
  if (has_dialect != NULL)
    *has_dialect = TRUE;
  *dialect = (int) value;
  return TRUE;
}

/* The options shared by standalone sequences and identity/serial sequences. */
static CardinalSequence *
load_sequence (Loader      *loader,
               JsonNode    *node,
               GError     **error)
{
  g_autoptr(CardinalSequence) sequence = cardinal_sequence_new (NULL);
  JsonObject *object;

  object = expect_object (loader, node, sequence_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", FALSE, TRUE, &sequence->name, error) ||
      !read_string (loader, object, "schema", FALSE, TRUE, &sequence->schema, error) ||
      !read_string (loader, object, "type", FALSE, TRUE, &sequence->type, error) ||
      !read_int64 (loader, object, "start", &sequence->start, &sequence->has_start, error) ||
      !read_int64 (loader, object, "increment", &sequence->increment, &sequence->has_increment, error) ||
      !read_int64 (loader, object, "min", &sequence->min, &sequence->has_min, error) ||
      !read_int64 (loader, object, "max", &sequence->max, &sequence->has_max, error) ||
      !read_int64 (loader, object, "cache", &sequence->cache, &sequence->has_cache, error) ||
      !read_boolean (loader, object, "cycle", &sequence->cycle, error) ||
      !read_string (loader, object, "owned-by", FALSE, TRUE, &sequence->owned_by, error))
    return NULL;

  return g_steal_pointer (&sequence);
}

static CardinalSequence *
load_named_sequence (Loader      *loader,
                     JsonNode    *node,
                     GError     **error)
{
  CardinalSequence *sequence = load_sequence (loader, node, error);

  if (sequence != NULL && (sequence->name == NULL || sequence->name[0] == '\0'))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "missing key \"name\"");
      cardinal_sequence_free (sequence);
      return NULL;
    }
  return sequence;
}

static CardinalUnique *
load_unique (Loader      *loader,
             JsonNode    *node,
             GError     **error)
{
  g_autoptr(CardinalUnique) unique = cardinal_unique_new (NULL);
  JsonObject *object;

  object = expect_object (loader, node, unique_keys, error);
  if (object == NULL)
    return NULL;

  if (json_object_get_member (object, "columns") == NULL)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "missing key \"columns\"");
      return NULL;
    }
  if (!read_string (loader, object, "name", FALSE, TRUE, &unique->name, error) ||
      !read_strv (loader, object, "columns", &unique->columns, error) ||
      !read_strv (loader, object, "include", &unique->include, error) ||
      !read_boolean (loader, object, "nulls-not-distinct", &unique->nulls_not_distinct, error) ||
      !read_boolean (loader, object, "deferrable", &unique->deferrable, error) ||
      !read_boolean (loader, object, "initially-deferred", &unique->initially_deferred, error))
    return NULL;
  if (unique->columns[0] == NULL)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "columns", "expected at least one column");
      return NULL;
    }

  return g_steal_pointer (&unique);
}

/* One key of an index: a column name, or an object. */
static CardinalIndexKey *
load_index_key (Loader      *loader,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(CardinalIndexKey) key = g_new0 (CardinalIndexKey, 1);
  g_autofree char *order = NULL;
  g_autofree char *nulls = NULL;
  JsonObject *object;

  if (node_holds (node, G_TYPE_STRING) && json_node_get_string (node)[0] != '\0')
    {
      key->column = g_strdup (json_node_get_string (node));
      return g_steal_pointer (&key);
    }

  object = expect_object (loader, node, index_key_keys, error);
  if (object == NULL)
    return NULL;
  if (!read_string (loader, object, "column", FALSE, FALSE, &key->column, error) ||
      !read_string (loader, object, "expression", FALSE, FALSE, &key->expression, error) ||
      !read_string (loader, object, "collation", FALSE, TRUE, &key->collation, error) ||
      !read_string (loader, object, "opclass", FALSE, TRUE, &key->opclass, error) ||
      !read_string (loader, object, "order", FALSE, FALSE, &order, error) ||
      !read_string (loader, object, "nulls", FALSE, FALSE, &nulls, error))
    return NULL;

  if ((key->column == NULL) == (key->expression == NULL) ||
      (key->column != NULL && key->column[0] == '\0') ||
      (key->expression != NULL && key->expression[0] == '\0'))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, NULL,
                    "expected exactly one of \"column\" and \"expression\", not empty");
      return NULL;
    }
  if (order != NULL && !g_str_equal (order, "asc") && !g_str_equal (order, "desc"))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "order",
                    "unknown order \"%s\" (expected asc or desc)", order);
      return NULL;
    }
  key->descending = order != NULL && g_str_equal (order, "desc");
  if (nulls != NULL && !g_str_equal (nulls, "first") && !g_str_equal (nulls, "last"))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "nulls",
                    "unknown nulls order \"%s\" (expected first or last)", nulls);
      return NULL;
    }
  if (nulls != NULL)
    key->nulls = g_str_equal (nulls, "first") ? CARDINAL_NULLS_FIRST : CARDINAL_NULLS_LAST;

  return g_steal_pointer (&key);
}

static gboolean
index_key_is_plain (const CardinalIndexKey *key)
{
  return key->column != NULL && key->expression == NULL && key->collation == NULL &&
         key->opclass == NULL && !key->descending && key->nulls == CARDINAL_NULLS_DEFAULT;
}

static CardinalIndex *
load_index (Loader      *loader,
            JsonNode    *node,
            GError     **error)
{
  g_autoptr(CardinalIndex) index = cardinal_index_new (NULL, NULL, FALSE);
  g_autoptr(GPtrArray) keys = cardinal_index_key_array_new ();
  g_autoptr(GStrvBuilder) columns = g_strv_builder_new ();
  gboolean plain = TRUE;
  JsonObject *object;

  object = expect_object (loader, node, index_keys, error);
  if (object == NULL)
    return NULL;

  if (json_object_get_member (object, "columns") == NULL)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "missing key \"columns\"");
      return NULL;
    }
  if (!read_string (loader, object, "name", FALSE, TRUE, &index->name, error) ||
      !read_boolean (loader, object, "unique", &index->unique, error) ||
      !load_list (loader, object, "columns", (LoadItemFunc) load_index_key, keys, error) ||
      !read_string (loader, object, "method", FALSE, TRUE, &index->method, error) ||
      !read_string (loader, object, "where", FALSE, TRUE, &index->where, error) ||
      !read_strv (loader, object, "include", &index->include, error) ||
      !read_boolean (loader, object, "nulls-not-distinct", &index->nulls_not_distinct, error))
    return NULL;
  if (keys->len == 0)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "columns", "expected at least one column");
      return NULL;
    }

  for (guint i = 0; i < keys->len; i++)
    {
      const CardinalIndexKey *key = g_ptr_array_index (keys, i);

      g_strv_builder_add (columns, key->column != NULL ? key->column : "");
      plain = plain && index_key_is_plain (key);
    }
  g_strfreev (index->columns);
  index->columns = g_strv_builder_end (columns);
  if (!plain)
    index->keys = g_steal_pointer (&keys);

  return g_steal_pointer (&index);
}

static CardinalExtension *
load_extension (Loader      *loader,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(CardinalExtension) extension = g_new0 (CardinalExtension, 1);
  JsonObject *object;

  object = expect_object (loader, node, extension_keys, error);
  if (object == NULL ||
      !read_string (loader, object, "name", TRUE, FALSE, &extension->name, error) ||
      !read_string (loader, object, "schema", FALSE, TRUE, &extension->schema, error))
    return NULL;
  return g_steal_pointer (&extension);
}

static CardinalUserType *
load_user_type (Loader      *loader,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(CardinalUserType) type = cardinal_user_type_new (NULL, CARDINAL_USER_TYPE_ENUM);
  g_autofree char *kind = NULL;
  JsonObject *object;

  object = expect_object (loader, node, type_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &type->name, error) ||
      !read_string (loader, object, "schema", FALSE, TRUE, &type->schema, error) ||
      !read_string (loader, object, "kind", TRUE, FALSE, &kind, error))
    return NULL;
  if (g_str_equal (kind, "domain"))
    type->kind = CARDINAL_USER_TYPE_DOMAIN;
  else if (!g_str_equal (kind, "enum"))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "kind",
                    "unknown type kind \"%s\" (expected enum or domain)", kind);
      return NULL;
    }

  if (!read_strv (loader, object, "values", &type->values, error) ||
      !read_string (loader, object, "base", type->kind == CARDINAL_USER_TYPE_DOMAIN, FALSE,
                    &type->base, error) ||
      !read_boolean (loader, object, "nullable", &type->nullable, error) ||
      !read_string (loader, object, "default", FALSE, TRUE, &type->default_value, error) ||
      !read_string (loader, object, "collation", FALSE, TRUE, &type->collation, error) ||
      !load_checks (loader, object, type->checks, error) ||
      !read_string (loader, object, "comment", FALSE, FALSE, &type->comment, error))
    return NULL;
  if (type->values == NULL)
    type->values = g_new0 (char *, 1);

  return g_steal_pointer (&type);
}

static CardinalSqlObject *
load_sql_object (Loader      *loader,
                 JsonNode    *node,
                 GError     **error)
{
  g_autoptr(CardinalSqlObject) sql_object = cardinal_sql_object_new (NULL, NULL, 0, NULL);
  gboolean has_dialect = FALSE;
  JsonObject *object;

  object = expect_object (loader, node, object_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &sql_object->name, error) ||
      !read_string (loader, object, "kind", TRUE, FALSE, &sql_object->kind, error) ||
      !read_dialect (loader, object, "dialect", &has_dialect, &sql_object->dialect, error) ||
      !read_string (loader, object, "sql", TRUE, FALSE, &sql_object->sql, error) ||
      !read_strv (loader, object, "depends-on", &sql_object->depends_on, error) ||
      !read_boolean (loader, object, "before-tables", &sql_object->before_tables, error))
    return NULL;
  if (!has_dialect)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "missing key \"dialect\"");
      return NULL;
    }
  if (sql_object->sql[0] == '\0')
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "sql", "expected an SQL statement, found an empty string");
      return NULL;
    }

  return g_steal_pointer (&sql_object);
}

/* The table-level keys an entity and a link table ("link") share. */
static gboolean
load_table_options (Loader          *loader,
                    JsonObject      *object,
                    CardinalEntity  *entity,
                    GError         **error)
{
  return read_string (loader, object, "schema", FALSE, TRUE, &entity->schema, error) &&
         read_string (loader, object, "comment", FALSE, FALSE, &entity->comment, error) &&
         load_checks (loader, object, entity->checks, error) &&
         load_list (loader, object, "uniques", (LoadItemFunc) load_unique, entity->uniques, error) &&
         load_list (loader, object, "indexes", (LoadItemFunc) load_index, entity->indexes, error) &&
         read_string (loader, object, "primary-key-name", FALSE, TRUE, &entity->primary_key_name, error) &&
         read_strv (loader, object, "primary-key-order", &entity->primary_key_order, error) &&
         read_boolean (loader, object, "without-rowid", &entity->without_rowid, error) &&
         read_boolean (loader, object, "strict", &entity->strict, error) &&
         read_boolean (loader, object, "unlogged", &entity->unlogged, error);
}

/* *link stays NULL when "link" is absent or null. */
static gboolean
load_link (Loader          *loader,
           JsonObject      *object,
           CardinalEntity **link,
           GError         **error)
{
  g_autoptr(CardinalEntity) options = cardinal_entity_new (NULL);
  JsonNode *node = json_object_get_member (object, "link");
  JsonObject *link_object;
  gsize old_length;

  if (node == NULL || JSON_NODE_TYPE (node) == JSON_NODE_NULL)
    return TRUE;

  old_length = loader_push_key (loader, "link");
  link_object = expect_object (loader, node, link_keys, error);
  if (link_object == NULL ||
      !load_table_options (loader, link_object, options, error))
    return FALSE;
  loader_pop (loader, old_length);
  *link = g_steal_pointer (&options);
  return TRUE;
}

/* The optional stable "id" (DESIGN.md §7); two objects with one id would
 * make a migration match the wrong things, so a duplicate is an error. */
static gboolean
read_id (Loader      *loader,
         JsonObject  *object,
         char       **id,
         GError     **error)
{
  const char *other;

  if (!read_string (loader, object, "id", FALSE, TRUE, id, error))
    return FALSE;
  if (*id == NULL)
    return TRUE;
  if (!cardinal_id_is_valid (*id))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "id",
                    "an id is 1 to %d letters, digits, '_' or '-'", CARDINAL_ID_MAX_LENGTH);
      return FALSE;
    }
  other = g_hash_table_lookup (loader->ids, *id);
  if (other != NULL)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "id",
                    "duplicate id \"%s\" (%s has it too)", *id, other);
      return FALSE;
    }
  g_hash_table_insert (loader->ids, g_strdup (*id), g_strdup (loader->path->str));
  return TRUE;
}

static CardinalAttribute *
load_attribute (Loader      *loader,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(CardinalAttribute) attribute = cardinal_attribute_new (NULL, NULL);
  g_autofree char *identity = NULL;
  JsonNode *sequence;
  JsonObject *object;

  object = expect_object (loader, node, attribute_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &attribute->name, error) ||
      !read_id (loader, object, &attribute->id, error) ||
      !read_string (loader, object, "type", TRUE, FALSE, &attribute->type, error) ||
      !read_boolean (loader, object, "primary-key", &attribute->primary_key, error) ||
      !read_boolean (loader, object, "autoincrement", &attribute->autoincrement, error))
    return NULL;

  /* The default of "nullable" depends on "primary-key": a key column is NOT NULL. */
  attribute->nullable = !attribute->primary_key;
  if (!read_boolean (loader, object, "nullable", &attribute->nullable, error) ||
      !read_boolean (loader, object, "unique", &attribute->unique, error) ||
      !read_boolean (loader, object, "index", &attribute->index, error) ||
      !read_string (loader, object, "default", FALSE, TRUE, &attribute->default_value, error) ||
      !read_string (loader, object, "comment", FALSE, FALSE, &attribute->comment, error) ||
      !read_string (loader, object, "identity", FALSE, FALSE, &identity, error) ||
      !read_string (loader, object, "sql-type", FALSE, TRUE, &attribute->sql_type, error) ||
      !read_string (loader, object, "collation", FALSE, TRUE, &attribute->collation, error) ||
      !read_string (loader, object, "generated", FALSE, TRUE, &attribute->generated, error) ||
      !read_boolean (loader, object, "stored", &attribute->generated_stored, error))
    return NULL;

  if (identity != NULL && !cardinal_identity_from_string (identity, &attribute->identity))
    {
      unknown_name_error (loader, error, "identity", "identity", identity,
                          identity_name, CARDINAL_IDENTITY_SERIAL + 1);
      return NULL;
    }

  sequence = json_object_get_member (object, "sequence");
  if (sequence != NULL && JSON_NODE_TYPE (sequence) != JSON_NODE_NULL)
    {
      gsize old_length = loader_push_key (loader, "sequence");

      attribute->sequence = load_sequence (loader, sequence, error);
      if (attribute->sequence == NULL)
        return NULL;
      loader_pop (loader, old_length);
    }

  return g_steal_pointer (&attribute);
}

static CardinalEntity *
load_entity (Loader      *loader,
             JsonNode    *node,
             GError     **error)
{
  g_autoptr(CardinalEntity) entity = cardinal_entity_new (NULL);
  JsonObject *object;

  object = expect_object (loader, node, entity_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &entity->name, error) ||
      !read_id (loader, object, &entity->id, error) ||
      !read_number (loader, object, "x", &entity->x, error) ||
      !read_number (loader, object, "y", &entity->y, error) ||
      !read_string (loader, object, "color", FALSE, TRUE, &entity->color, error) ||
      !load_list (loader, object, "attributes", (LoadItemFunc) load_attribute,
                  entity->attributes, error) ||
      !read_string (loader, object, "table", FALSE, TRUE, &entity->table, error) ||
      !load_table_options (loader, object, entity, error) ||
      !read_string (loader, object, "partition-by", FALSE, TRUE, &entity->partition_by, error))
    return NULL;

  return g_steal_pointer (&entity);
}

static CardinalRelationship *
load_relationship (Loader      *loader,
                   JsonNode    *node,
                   GError     **error)
{
  g_autoptr(CardinalRelationship) relationship = NULL;
  g_autofree char *kind = NULL;
  g_autofree char *strategy = NULL;
  g_autofree char *on_delete = NULL;
  int on_update = CARDINAL_ON_DELETE_NO_ACTION;
  JsonObject *object;

  relationship = cardinal_relationship_new (NULL, NULL, NULL,
                                            CARDINAL_KIND_ONE_TO_ONE,
                                            CARDINAL_STRATEGY_UNIQUE_FK);
  object = expect_object (loader, node, relationship_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &relationship->name, error) ||
      !read_id (loader, object, &relationship->id, error) ||
      !read_string (loader, object, "entity1", TRUE, FALSE, &relationship->entity1, error) ||
      !read_string (loader, object, "entity2", TRUE, FALSE, &relationship->entity2, error) ||
      !read_string (loader, object, "kind", TRUE, FALSE, &kind, error) ||
      !read_string (loader, object, "strategy", FALSE, FALSE, &strategy, error) ||
      !read_string (loader, object, "entity1-role", FALSE, TRUE, &relationship->entity1_role, error) ||
      !read_string (loader, object, "entity2-role", FALSE, TRUE, &relationship->entity2_role, error) ||
      !read_boolean (loader, object, "entity2-needs-entity1",
                     &relationship->entity2_needs_entity1, error) ||
      !read_boolean (loader, object, "entity1-needs-entity2",
                     &relationship->entity1_needs_entity2, error) ||
      !read_string (loader, object, "on-delete", FALSE, FALSE, &on_delete, error) ||
      !read_string (loader, object, "link-table", FALSE, TRUE, &relationship->link_table, error))
    return NULL;

  if (!cardinal_kind_from_string (kind, &relationship->kind))
    {
      unknown_name_error (loader, error, "kind", "kind", kind,
                          kind_name, CARDINAL_KIND_MANY_TO_MANY + 1);
      return NULL;
    }

  /* A hand-written file may leave the strategy to the kind's recommended one;
   * whether a given strategy fits the kind is the validator's business. */
  if (strategy == NULL)
    relationship->strategy = cardinal_kind_default_strategy (relationship->kind);
  else if (!cardinal_strategy_from_string (strategy, &relationship->strategy))
    {
      unknown_name_error (loader, error, "strategy", "strategy", strategy,
                          strategy_name, CARDINAL_N_STRATEGIES);
      return NULL;
    }

  if (on_delete != NULL && !cardinal_on_delete_from_string (on_delete, &relationship->on_delete))
    {
      unknown_name_error (loader, error, "on-delete", "on-delete action", on_delete,
                          on_delete_name, CARDINAL_ON_DELETE_SET_DEFAULT + 1);
      return NULL;
    }

  if (!load_list (loader, object, "link-attributes", (LoadItemFunc) load_attribute,
                  relationship->link_attributes, error))
    return NULL;

  if (!read_strv (loader, object, "entity1-columns", &relationship->entity1_columns, error) ||
      !read_strv (loader, object, "entity2-columns", &relationship->entity2_columns, error) ||
      !read_strv (loader, object, "entity1-key", &relationship->entity1_key, error) ||
      !read_strv (loader, object, "entity2-key", &relationship->entity2_key, error) ||
      !read_string (loader, object, "entity1-fk-name", FALSE, TRUE, &relationship->entity1_fk_name, error) ||
      !read_string (loader, object, "entity2-fk-name", FALSE, TRUE, &relationship->entity2_fk_name, error) ||
      !read_action (loader, object, "on-update", &on_update, error) ||
      !read_action (loader, object, "entity1-on-delete", &relationship->entity1_on_delete, error) ||
      !read_action (loader, object, "entity2-on-delete", &relationship->entity2_on_delete, error) ||
      !read_action (loader, object, "entity1-on-update", &relationship->entity1_on_update, error) ||
      !read_action (loader, object, "entity2-on-update", &relationship->entity2_on_update, error) ||
      !read_boolean (loader, object, "deferrable", &relationship->deferrable, error) ||
      !read_boolean (loader, object, "initially-deferred", &relationship->initially_deferred, error) ||
      !read_boolean (loader, object, "match-full", &relationship->match_full, error) ||
      !read_boolean (loader, object, "identifying", &relationship->identifying, error) ||
      !read_boolean (loader, object, "index", &relationship->index, error))
    return NULL;
  relationship->on_update = (CardinalOnUpdate) on_update;

  if (!load_link (loader, object, &relationship->link, error))
    return NULL;

  return g_steal_pointer (&relationship);
}

/* "format" is read before anything else, so that a file from a newer Cardinal
 * says so instead of complaining about the keys it added. */
static gboolean
check_format (Loader      *loader,
              JsonObject  *object,
              GError     **error)
{
  JsonNode *node = json_object_get_member (object, "format");
  gint64 format;

  if (node == NULL)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL,
                    "missing key \"format\"; this is not a .cardinal document");
      return FALSE;
    }
  if (!node_holds (node, G_TYPE_INT64))
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, "format", "expected an integer");
      return FALSE;
    }

  format = json_node_get_int (node);
  if (format > CARDINAL_FORMAT_VERSION)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_VERSION,
                   "%s: written by a newer version of Cardinal (format %" G_GINT64_FORMAT
                   "; this version reads format %d and older)",
                   loader->display_name, format, CARDINAL_FORMAT_VERSION);
      return FALSE;
    }
  if (format < 1)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "format",
                    "unsupported format %" G_GINT64_FORMAT, format);
      return FALSE;
    }

  return TRUE;
}

/* Format 3: notes and groups ------------------------------------------------ */

static gboolean
read_note_size (Loader      *loader,
                JsonObject  *object,
                const char  *key,
                double      *value,
                GError     **error)
{
  if (!read_number (loader, object, key, value, error))
    return FALSE;
  if (*value < CARDINAL_NOTE_MIN_SIZE)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, key,
                    "expected at least %g", CARDINAL_NOTE_MIN_SIZE);
      return FALSE;
    }
  return TRUE;
}

static CardinalNote *
load_note (Loader      *loader,
           JsonNode    *node,
           GError     **error)
{
  g_autoptr(CardinalNote) note = cardinal_note_new (NULL, 0, 0);
  JsonObject *object;

  object = expect_object (loader, node, note_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "text", TRUE, FALSE, &note->text, error) ||
      !read_number (loader, object, "x", &note->x, error) ||
      !read_number (loader, object, "y", &note->y, error) ||
      !read_note_size (loader, object, "width", &note->width, error) ||
      !read_note_size (loader, object, "height", &note->height, error))
    return NULL;

  return g_steal_pointer (&note);
}

static const char *
palette_name (int value)
{
  return cardinal_palette_colors (NULL)[value].name;
}

static CardinalGroup *
load_group (Loader      *loader,
            JsonNode    *node,
            GError     **error)
{
  g_autoptr(CardinalGroup) group = cardinal_group_new (NULL, NULL);
  JsonObject *object;
  guint n_colors;

  object = expect_object (loader, node, group_keys, error);
  if (object == NULL)
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &group->name, error) ||
      !read_string (loader, object, "color", FALSE, TRUE, &group->color, error) ||
      !read_strv (loader, object, "entities", &group->entities, error))
    return NULL;

  if (group->name[0] == '\0')
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "name",
                    "expected a group name, found an empty string");
      return NULL;
    }
  cardinal_palette_colors (&n_colors);
  if (group->color != NULL && cardinal_palette_lookup (group->color) == NULL)
    {
      unknown_name_error (loader, error, "color", "color", group->color, palette_name, (int) n_colors);
      return NULL;
    }
  for (guint i = 0; group->entities[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      if (g_str_equal (group->entities[i], group->entities[j]))
        {
          gsize old_length = loader_push_key (loader, "entities");

          loader_push_index (loader, i);
          loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, NULL,
                        "\"%s\" is already a member of the group", group->entities[i]);
          loader_pop (loader, old_length);
          return NULL;
        }

  return g_steal_pointer (&group);
}

/* Groups are found by name (the canvas, the history), so two of one name
 * could never be told apart. */
static gboolean
check_group_names (Loader      *loader,
                   GPtrArray   *groups,
                   GError     **error)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < groups->len; i++)
    {
      const CardinalGroup *group = g_ptr_array_index (groups, i);

      if (!g_hash_table_add (seen, group->name))
        {
          gsize old_length = loader_push_key (loader, "groups");

          loader_push_index (loader, i);
          loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, "name",
                        "there is already a group named \"%s\"", group->name);
          loader_pop (loader, old_length);
          return FALSE;
        }
    }
  return TRUE;
}

static gboolean
load_format_3 (Loader         *loader,
               JsonObject     *object,
               CardinalModel  *model,
               GError        **error)
{
  return load_list (loader, object, "groups", (LoadItemFunc) load_group, model->groups, error) &&
         check_group_names (loader, model->groups, error) &&
         load_list (loader, object, "notes", (LoadItemFunc) load_note, model->notes, error);
}

static CardinalModel *
load_model (Loader      *loader,
            JsonObject  *object,
            GError     **error)
{
  g_autoptr(CardinalModel) model = cardinal_model_new (NULL);

  GStrv schema_names = NULL;

  if (!check_format (loader, object, error) ||
      !check_keys (loader, object, model_keys, error) ||
      !read_string (loader, object, "name", FALSE, FALSE, &model->name, error) ||
      !read_dialect (loader, object, "dialect", &model->has_dialect, &model->dialect, error) ||
      !read_strv (loader, object, "schemas", &schema_names, error) ||
      !load_list (loader, object, "extensions", (LoadItemFunc) load_extension,
                  model->extensions, error) ||
      !load_list (loader, object, "types", (LoadItemFunc) load_user_type, model->types, error) ||
      !load_list (loader, object, "sequences", (LoadItemFunc) load_named_sequence,
                  model->sequences, error) ||
      !load_list (loader, object, "entities", (LoadItemFunc) load_entity,
                  model->entities, error) ||
      !load_list (loader, object, "relationships", (LoadItemFunc) load_relationship,
                  model->relationships, error) ||
      !load_list (loader, object, "objects", (LoadItemFunc) load_sql_object, model->objects, error) ||
      !load_format_3 (loader, object, model, error))
    {
      g_strfreev (schema_names);
      return NULL;
    }

  for (guint i = 0; schema_names != NULL && schema_names[i] != NULL; i++)
    g_ptr_array_add (model->schemas, g_strdup (schema_names[i]));
  g_strfreev (schema_names);

  /* Objects without an "id" get the one derived from their names, the same
   * on every load, so an unedited document needs none written. */
  cardinal_model_assign_ids (model);
  return g_steal_pointer (&model);
}

static void
offset_to_position (const char *data,
                    gsize       offset,
                    guint      *line,
                    guint      *column)
{
  const char *line_start = data;

  *line = 1;
  for (gsize i = 0; i < offset; i++)
    {
      if (data[i] == '\n')
        {
          (*line)++;
          line_start = data + i + 1;
        }
    }
  /* Columns count characters; the bytes up to @offset are known to be UTF-8. */
  *column = (guint) g_utf8_strlen (line_start, data + offset - line_start) + 1;
}

G_GNUC_PRINTF (5, 6)
static void
position_error (GError     **error,
                const char  *display_name,
                const char  *data,
                gsize        offset,
                const char  *format,
                ...)
{
  g_autofree char *message = NULL;
  guint line, column;
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);

  offset_to_position (data, offset, &line, &column);
  g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE,
               "%s:%u:%u: %s", display_name, line, column, message);
}

typedef struct
{
  gsize first;      /* offset of the first character that is not white space */
  gsize root_end;   /* offset just past the first top-level object or array */
} Structure;

static gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

static gboolean
is_value_character (char c)
{
  return g_ascii_isalnum (c) || c == '.' || c == '+' || c == '-';
}

/* One open object or array during the lexical pass: what it needs to find a
 * key given twice and to name where a problem is as a JSON path. */
typedef struct
{
  gboolean    is_object;
  gboolean    expect_key;  /* the next string in this object is a key */
  GHashTable *keys;        /* the decoded keys met so far (objects) */
  char       *key;         /* the key of the current member (objects) */
  guint       index;       /* the current element (arrays) */
} ScanLevel;

static char *
scan_path (const ScanLevel *levels,
           guint            depth,
           const char      *key)
{
  GString *path = g_string_new ("$");

  for (guint d = 0; d < depth; d++)
    {
      if (!levels[d].is_object)
        g_string_append_printf (path, "[%u]", levels[d].index);
      else if (levels[d].key != NULL && (d + 1 < depth || key == NULL))
        append_path_key (path, levels[d].key);
    }
  if (key != NULL)
    append_path_key (path, key);
  return g_string_free (path, FALSE);
}

G_GNUC_PRINTF (7, 8)
static void
scan_error (GError         **error,
            const char      *display_name,
            const char      *data,
            gsize            offset,
            const ScanLevel *levels,
            guint            depth,
            const char      *format,
            ...)
{
  g_autofree char *message = NULL;
  g_autofree char *path = scan_path (levels, depth, NULL);
  va_list args;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  position_error (error, display_name, data, offset, "%s: %s", path, message);
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* The character a one-letter escape stands for; others are json-glib's to refuse. */
static char
unescape (char c)
{
  switch (c)
    {
    case 'b':
      return '\b';
    case 'f':
      return '\f';
    case 'n':
      return '\n';
    case 'r':
      return '\r';
    case 't':
      return '\t';
    default:
      return c;
    }
}

/* The four hex digits after "\u" at @p, or -1 when they are not four hex digits. */
static int
read_hex4 (const char *data,
           gsize       length,
           gsize       p)
{
  int value = 0;

  if (p + 4 > length)
    return -1;
  for (gsize k = p; k < p + 4; k++)
    {
      int digit = hex_value (data[k]);

      if (digit < 0)
        return -1;
      value = value * 16 + digit;
    }
  return value;
}

/* Scans the string whose opening quote is at *@i and leaves *@i on its
 * closing quote (or at @length when it has none: json-glib reports that).
 * json-glib 1.6 turns "\u0000" into the end of the string, cutting a name
 * short without a word, and turns a lone UTF-16 surrogate ("\ud800") into
 * bytes that are not UTF-8 and that swallow what follows; both are refused
 * here. The decoded text goes to @decoded (for keys) when it is not NULL;
 * escapes json-glib itself rejects are left for it to report. */
static gboolean
scan_string (const char      *data,
             gsize            length,
             gsize           *i,
             GString         *decoded,
             const char      *display_name,
             const ScanLevel *levels,
             guint            depth,
             GError         **error)
{
  gsize p = *i + 1;

  while (p < length && data[p] != '"')
    {
      gsize start = p;
      int unit, low;

      if (data[p] != '\\')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, data[p]);
          p++;
          continue;
        }
      if (p + 1 >= length)
        break;
      if (data[p + 1] != 'u')
        {
          if (decoded != NULL)
            g_string_append_c (decoded, unescape (data[p + 1]));
          p += 2;
          continue;
        }

      unit = read_hex4 (data, length, p + 2);
      if (unit < 0)
        {
          p += 2;
          continue;
        }
      p += 6;
      if (unit == 0)
        {
          scan_error (error, display_name, data, start, levels, depth,
                      "\\u0000 (a NUL character) is not allowed in a document");
          return FALSE;
        }
      if (unit >= 0xdc00 && unit <= 0xdfff)
        {
          scan_error (error, display_name, data, start, levels, depth,
                      "\\u%04x is the second half of a UTF-16 surrogate pair without its first half",
                      (guint) unit);
          return FALSE;
        }
      if (unit >= 0xd800 && unit <= 0xdbff)
        {
          low = (p + 1 < length && data[p] == '\\' && data[p + 1] == 'u')
                ? read_hex4 (data, length, p + 2) : -1;
          if (low < 0xdc00 || low > 0xdfff)
            {
              scan_error (error, display_name, data, start, levels, depth,
                          "\\u%04x is the first half of a UTF-16 surrogate pair without its second half",
                          (guint) unit);
              return FALSE;
            }
          p += 6;
          unit = 0x10000 + ((unit - 0xd800) << 10) + (low - 0xdc00);
        }
      if (decoded != NULL)
        g_string_append_unichar (decoded, (gunichar) unit);
    }

  *i = p;
  return TRUE;
}

/* An integer that does not fit in 64 bits is read by json-glib as -1 or
 * wrapped around, so "format": 99999999999999999999 would be "format -1".
 * Numbers with a fraction or an exponent are doubles; one too large for a
 * double becomes infinity, which the loader reports with its path. */
static gboolean
scan_number (const char      *data,
             gsize            start,
             gsize            end,
             const char      *display_name,
             const ScanLevel *levels,
             guint            depth,
             GError         **error)
{
  g_autofree char *text = NULL;
  g_autoptr(GError) number_error = NULL;
  gint64 value;

  if (!(data[start] == '-' || g_ascii_isdigit (data[start])))
    return TRUE;
  for (gsize k = start; k < end; k++)
    if (data[k] == '.' || data[k] == 'e' || data[k] == 'E')
      return TRUE;

  text = g_strndup (data + start, end - start);
  if (!g_ascii_string_to_signed (text, 10, G_MININT64, G_MAXINT64, &value, &number_error) &&
      g_error_matches (number_error, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS))
    {
      scan_error (error, display_name, data, start, levels, depth,
                  "the number %s is out of range", text);
      return FALSE;
    }
  return TRUE;
}

static void
scan_levels_clear (ScanLevel *levels,
                   guint      depth)
{
  for (guint d = 0; d < depth; d++)
    {
      g_clear_pointer (&levels[d].keys, g_hash_table_unref);
      g_clear_pointer (&levels[d].key, g_free);
    }
}

/* A lexical pass before json-glib 1.6, for what it cannot be trusted with.
 * It parses recursively, so a deep nesting would exhaust the stack; it
 * quietly accepts "{...} {...}" and keeps the last value; it takes comments
 * and single-quoted strings, which are not JSON and which could hide
 * brackets from the depth count here. So outside double-quoted strings only
 * JSON's own characters are let through, and the count is then exact. It
 * also keeps the last of two members with the same key, reads \u0000 and lone
 * surrogates wrongly and wraps integers that overflow (see above): those are
 * refused here with the JSON path where they are. */
static gboolean
scan_structure (const char  *data,
                gsize        length,
                const char  *display_name,
                Structure   *structure,
                GError     **error)
{
  ScanLevel levels[MAX_NESTING + 1];
  guint depth = 0;
  gsize i = 0;
  gboolean ok = FALSE;

  memset (levels, 0, sizeof levels);

  while (i < length && is_json_space (data[i]))
    i++;
  structure->first = i;
  structure->root_end = length;

  for (; i < length; i++)
    {
      char c = data[i];
      ScanLevel *top = depth > 0 ? &levels[depth - 1] : NULL;

      if (c == '"')
        {
          gsize start = i;

          if (top != NULL && top->is_object && top->expect_key)
            {
              g_autoptr(GString) key = g_string_new (NULL);

              if (!scan_string (data, length, &i, key, display_name, levels, depth, error))
                goto out;
              top->expect_key = FALSE;
              if (g_hash_table_contains (top->keys, key->str))
                {
                  g_autofree char *path = scan_path (levels, depth, key->str);

                  position_error (error, display_name, data, start,
                                  "%s: the key \"%s\" appears twice in this object",
                                  path, key->str);
                  goto out;
                }
              g_free (top->key);
              top->key = g_strdup (key->str);
              g_hash_table_add (top->keys, g_string_free (g_steal_pointer (&key), FALSE));
            }
          else if (!scan_string (data, length, &i, NULL, display_name, levels, depth, error))
            goto out;
        }
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_NESTING)
            {
              position_error (error, display_name, data, i,
                              "nested more than %d levels deep", MAX_NESTING);
              depth--;
              goto out;
            }
          levels[depth - 1].is_object = c == '{';
          levels[depth - 1].expect_key = c == '{';
          levels[depth - 1].index = 0;
          levels[depth - 1].key = NULL;
          levels[depth - 1].keys = c == '{' ? g_hash_table_new_full (g_str_hash, g_str_equal,
                                                                    g_free, NULL) : NULL;
        }
      else if (c == '}' || c == ']')
        {
          /* A stray or mismatched closing bracket is json-glib's to report. */
          if (depth > 0)
            {
              scan_levels_clear (&levels[depth - 1], 1);
              if (--depth == 0 && structure->root_end == length)
                structure->root_end = i + 1;
            }
        }
      else if (c == ',')
        {
          if (top != NULL && top->is_object)
            top->expect_key = TRUE;
          else if (top != NULL)
            top->index++;
        }
      else if (c == '/' && i + 1 < length && (data[i + 1] == '*' || data[i + 1] == '/'))
        {
          position_error (error, display_name, data, i, "comments are not allowed in JSON");
          goto out;
        }
      else if (is_value_character (c))
        {
          gsize start = i;

          while (i + 1 < length && is_value_character (data[i + 1]))
            i++;
          if (!scan_number (data, start, i + 1, display_name, levels, depth, error))
            goto out;
        }
      else if (!is_json_space (c) && c != ':')
        {
          g_autofree char *character = NULL;

          if ((guchar) c < 0x20 || c == 0x7f)
            character = g_strdup_printf ("\\x%02x", (guchar) c);
          else
            character = g_strndup (data + i, g_utf8_skip[(guchar) c]);

          position_error (error, display_name, data, i, "unexpected character \"%s\"", character);
          goto out;
        }
    }
  ok = TRUE;

out:
  scan_levels_clear (levels, depth);
  return ok;
}

/* json-glib reports "<data>:LINE:COL: Parse error: MESSAGE"; the file's name
 * is what the reader needs in place of "<data>". */
static void
syntax_error (GError      **error,
              const char   *display_name,
              const GError *json_error)
{
  const char *message = json_error->message;

  if (g_str_has_prefix (message, "<data>:"))
    {
      const char *position = message + strlen ("<data>:");
      const char *text = strstr (position, ": ");
      g_autofree char *line_column = NULL;

      if (text != NULL)
        {
          line_column = g_strndup (position, text - position);
          text += 2;
          if (g_str_has_prefix (text, "Parse error: "))
            text += strlen ("Parse error: ");
          g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE,
                       "%s:%s: %s", display_name, line_column, text);
          return;
        }
    }

  g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE,
               "%s: %s", display_name, message);
}

CardinalModel *
cardinal_document_load_data (const char  *data,
                             gssize       length,
                             const char  *display_name,
                             GError     **error)
{
  g_autoptr(JsonParser) parser = NULL;
  g_autoptr(GError) json_error = NULL;
  g_autoptr(GString) path = NULL;
  g_autoptr(GHashTable) ids = NULL;
  const char *invalid;
  Structure structure;
  JsonNode *root;
  Loader loader;
  gsize size;

  g_return_val_if_fail (data != NULL || length == 0, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (display_name == NULL)
    display_name = "document";
  if (data == NULL)
    data = "";
  size = length < 0 ? strlen (data) : (gsize) length;

  /* A byte-order mark is harmless; some editors add one. */
  if (size >= 3 && memcmp (data, "\xef\xbb\xbf", 3) == 0)
    {
      data += 3;
      size -= 3;
    }

  if (!g_utf8_validate_len (data, size, &invalid))
    {
      position_error (error, display_name, data, invalid - data,
                      *invalid == '\0' ? "contains a NUL byte" : "not UTF-8 text");
      return NULL;
    }

  if (!scan_structure (data, size, display_name, &structure, error))
    return NULL;
  if (structure.first == size)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE,
                   "%s: the file is empty", display_name);
      return NULL;
    }

  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, data, size, &json_error))
    {
      syntax_error (error, display_name, json_error);
      return NULL;
    }

  root = json_parser_get_root (parser);
  if (root == NULL || data[structure.first] != '{' || JSON_NODE_TYPE (root) != JSON_NODE_OBJECT)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_PARSE,
                   "%s: the top level is not a JSON object; this is not a .cardinal document",
                   display_name);
      return NULL;
    }

  for (gsize i = structure.root_end; i < size; i++)
    {
      if (!is_json_space (data[i]))
        {
          position_error (error, display_name, data, i,
                          "unexpected text after the end of the document");
          return NULL;
        }
    }

  path = g_string_new ("$");
  ids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  loader.display_name = display_name;
  loader.path = path;
  loader.ids = ids;
  return load_model (&loader, json_node_get_object (root), error);
}

CardinalModel *
cardinal_document_load_fragment (const char  *data,
                                 gssize       length,
                                 const char  *display_name,
                                 GError     **error)
{
  g_autoptr(CardinalModel) model = NULL;

  if (display_name == NULL)
    display_name = "fragment";
  model = cardinal_document_load_data (data, length, display_name, error);
  if (model == NULL)
    return NULL;

  /* A document may name entities it lacks (the diagnostics say so); a pasted
   * relationship to an entity left behind would have nothing to join. */
  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *relationship = g_ptr_array_index (model->relationships, i);
      const char *missing = NULL;

      if (cardinal_model_find_entity (model, relationship->entity1) == NULL)
        missing = relationship->entity1;
      else if (cardinal_model_find_entity (model, relationship->entity2) == NULL)
        missing = relationship->entity2;
      if (missing != NULL)
        {
          g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                       "%s: $.relationships[%u]: entity \"%s\" is not in the fragment",
                       display_name, i, missing);
          return NULL;
        }
    }

  return g_steal_pointer (&model);
}

CardinalModel *
cardinal_document_load_file (GFile   *file,
                             GError **error)
{
  g_autofree char *contents = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *display_name = NULL;
  gsize length;

  g_return_val_if_fail (G_IS_FILE (file), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  /* Never g_file_load_contents (): /dev/zero would be read until memory
   * runs out and a FIFO would block the program for good. */
  if (!cardinal_file_read_gfile (file, CARDINAL_FILE_MAX_SIZE, &contents, &length, error))
    return NULL;

  basename = g_file_get_basename (file);
  if (basename != NULL)
    display_name = g_filename_display_name (basename);
  else
    display_name = g_file_get_parse_name (file);

  return cardinal_document_load_data (contents, (gssize) length, display_name, error);
}

/* Writing
 *
 * The text is generated here rather than by JsonGenerator: json-glib 1.6
 * prints `"key" : value`, expands every attribute over many lines and writes
 * 0.1 as 0.10000000000000001. The layout below is the one in DESIGN.md §3:
 * one line per attribute, so that a diff shows the attribute that changed. */

/* Integral values as integers (40, not 40.0); others in the shortest form
 * that reads back as the same double. */
static void
append_number (GString *out,
               double   value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];

  /* NaN and infinity have no JSON spelling; the loader never produces them. */
  if (!isfinite (value))
    value = 0;

  if (value == floor (value) && fabs (value) < MAX_INTEGRAL_COORDINATE)
    {
      g_string_append_printf (out, "%" G_GINT64_FORMAT, (gint64) value);
      return;
    }

  for (int precision = 1; precision <= 17; precision++)
    {
      char format[8];

      g_snprintf (format, sizeof format, "%%.%dg", precision);
      g_ascii_formatd (buffer, sizeof buffer, format, value);
      if (g_ascii_strtod (buffer, NULL) == value)
        break;
    }
  g_string_append (out, buffer);
}

static void
append_key (GString    *out,
            const char *separator,
            const char *key)
{
  g_string_append (out, separator);
  append_string (out, key);
  g_string_append (out, ": ");
}

/* Members of a one-line object are separated by ", " after the first. */
static void
append_inline_key (GString    *out,
                   gboolean   *first,
                   const char *key)
{
  append_key (out, *first ? "" : ", ", key);
  *first = FALSE;
}

static void
append_inline_string (GString    *out,
                      gboolean   *first,
                      const char *key,
                      const char *value)
{
  append_inline_key (out, first, key);
  append_string (out, value);
}

static void
append_inline_boolean (GString    *out,
                       gboolean   *first,
                       const char *key,
                       gboolean    value)
{
  append_inline_key (out, first, key);
  g_string_append (out, value ? "true" : "false");
}

static void
append_inline_strv (GString            *out,
                    gboolean           *first,
                    const char         *key,
                    const char * const *values)
{
  append_inline_key (out, first, key);
  g_string_append_c (out, '[');
  for (guint i = 0; values != NULL && values[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      append_string (out, values[i]);
    }
  g_string_append_c (out, ']');
}

static void
append_inline_int64 (GString    *out,
                     gboolean   *first,
                     const char *key,
                     gint64      value)
{
  append_inline_key (out, first, key);
  g_string_append_printf (out, "%" G_GINT64_FORMAT, value);
}

/* { "name": …, "start": … } on one line; only what is set. */
static void
append_sequence (GString                *out,
                 const CardinalSequence *sequence)
{
  gboolean first = TRUE;

  g_string_append (out, "{ ");
  if (sequence->name != NULL)
    append_inline_string (out, &first, "name", sequence->name);
  if (sequence->schema != NULL)
    append_inline_string (out, &first, "schema", sequence->schema);
  if (sequence->type != NULL)
    append_inline_string (out, &first, "type", sequence->type);
  if (sequence->has_start)
    append_inline_int64 (out, &first, "start", sequence->start);
  if (sequence->has_increment)
    append_inline_int64 (out, &first, "increment", sequence->increment);
  if (sequence->has_min)
    append_inline_int64 (out, &first, "min", sequence->min);
  if (sequence->has_max)
    append_inline_int64 (out, &first, "max", sequence->max);
  if (sequence->has_cache)
    append_inline_int64 (out, &first, "cache", sequence->cache);
  if (sequence->cycle)
    append_inline_boolean (out, &first, "cycle", TRUE);
  if (sequence->owned_by != NULL)
    append_inline_string (out, &first, "owned-by", sequence->owned_by);
  g_string_append (out, first ? "}" : " }");
}

/* An id is written only when it is not the one its names derive (what a
 * load would give it anyway), so unedited documents keep their bytes. */
static gboolean
id_is_written (const char *id,
               char        kind,
               const char *owner,
               const char *name)
{
  g_autofree char *derived = NULL;

  if (id == NULL)
    return FALSE;
  derived = cardinal_id_derive (kind, owner, name);
  return !g_str_equal (id, derived);
}

static void
append_attribute (GString                 *out,
                  const CardinalAttribute *attribute,
                  const char              *owner)
{
  gboolean default_nullable = !attribute->primary_key;
  gboolean first = TRUE;

  g_string_append (out, "{ ");
  append_inline_string (out, &first, "name", attribute->name);
  if (id_is_written (attribute->id, 'a', owner, attribute->name))
    append_inline_string (out, &first, "id", attribute->id);
  append_inline_string (out, &first, "type", attribute->type);
  if (attribute->primary_key)
    append_inline_boolean (out, &first, "primary-key", TRUE);
  if (attribute->autoincrement)
    append_inline_boolean (out, &first, "autoincrement", TRUE);
  if (!attribute->nullable != !default_nullable)
    append_inline_boolean (out, &first, "nullable", attribute->nullable);
  if (attribute->unique)
    append_inline_boolean (out, &first, "unique", TRUE);
  if (attribute->index)
    append_inline_boolean (out, &first, "index", TRUE);
  if (attribute->default_value != NULL)
    append_inline_string (out, &first, "default", attribute->default_value);
  if (attribute->comment != NULL && attribute->comment[0] != '\0')
    append_inline_string (out, &first, "comment", attribute->comment);
  if (attribute->identity != CARDINAL_IDENTITY_BY_DEFAULT)
    append_inline_string (out, &first, "identity", cardinal_identity_to_string (attribute->identity));
  if (attribute->sequence != NULL)
    {
      append_key (out, ", ", "sequence");
      append_sequence (out, attribute->sequence);
    }
  if (attribute->sql_type != NULL)
    append_inline_string (out, &first, "sql-type", attribute->sql_type);
  if (attribute->collation != NULL)
    append_inline_string (out, &first, "collation", attribute->collation);
  if (attribute->generated != NULL)
    append_inline_string (out, &first, "generated", attribute->generated);
  if (attribute->generated_stored)
    append_inline_boolean (out, &first, "stored", TRUE);
  g_string_append (out, " }");
}

static void
append_check (GString             *out,
              const CardinalCheck *check)
{
  gboolean first = TRUE;

  if (check->name == NULL)
    {
      append_string (out, check->expression);
      return;
    }
  g_string_append (out, "{ ");
  append_inline_string (out, &first, "name", check->name);
  append_inline_string (out, &first, "expression", check->expression);
  g_string_append (out, " }");
}

static void
append_unique (GString              *out,
               const CardinalUnique *unique)
{
  gboolean first = TRUE;

  g_string_append (out, "{ ");
  if (unique->name != NULL)
    append_inline_string (out, &first, "name", unique->name);
  append_inline_strv (out, &first, "columns", (const char * const *) unique->columns);
  if (unique->include != NULL)
    append_inline_strv (out, &first, "include", (const char * const *) unique->include);
  if (unique->nulls_not_distinct)
    append_inline_boolean (out, &first, "nulls-not-distinct", TRUE);
  if (unique->deferrable)
    append_inline_boolean (out, &first, "deferrable", TRUE);
  if (unique->initially_deferred)
    append_inline_boolean (out, &first, "initially-deferred", TRUE);
  g_string_append (out, " }");
}

static void
append_index_key (GString                *out,
                  const CardinalIndexKey *key)
{
  gboolean first = TRUE;

  if (index_key_is_plain (key))
    {
      append_string (out, key->column);
      return;
    }
  g_string_append (out, "{ ");
  if (key->column != NULL)
    append_inline_string (out, &first, "column", key->column);
  if (key->expression != NULL)
    append_inline_string (out, &first, "expression", key->expression);
  if (key->collation != NULL)
    append_inline_string (out, &first, "collation", key->collation);
  if (key->opclass != NULL)
    append_inline_string (out, &first, "opclass", key->opclass);
  if (key->descending)
    append_inline_string (out, &first, "order", "desc");
  if (key->nulls != CARDINAL_NULLS_DEFAULT)
    append_inline_string (out, &first, "nulls", key->nulls == CARDINAL_NULLS_FIRST ? "first" : "last");
  g_string_append (out, " }");
}

static void
append_index (GString             *out,
              const CardinalIndex *index)
{
  gboolean first = TRUE;

  g_string_append (out, "{ ");
  if (index->name != NULL)
    append_inline_string (out, &first, "name", index->name);
  if (index->unique)
    append_inline_boolean (out, &first, "unique", TRUE);
  append_key (out, first ? "" : ", ", "columns");
  first = FALSE;
  g_string_append_c (out, '[');
  for (guint i = 0; index->columns != NULL && index->columns[i] != NULL; i++)
    {
      if (i > 0)
        g_string_append (out, ", ");
      if (index->keys != NULL && i < index->keys->len)
        append_index_key (out, g_ptr_array_index (index->keys, i));
      else
        append_string (out, index->columns[i]);
    }
  g_string_append_c (out, ']');
  if (index->method != NULL)
    append_inline_string (out, &first, "method", index->method);
  if (index->where != NULL)
    append_inline_string (out, &first, "where", index->where);
  if (index->include != NULL)
    append_inline_strv (out, &first, "include", (const char * const *) index->include);
  if (index->nulls_not_distinct)
    append_inline_boolean (out, &first, "nulls-not-distinct", TRUE);
  g_string_append (out, " }");
}

#define MEMBER_INDENT "      "

/* A member of an entity or relationship; its items go one level deeper. */
static void
append_attribute_list (GString    *out,
                       const char *key,
                       GPtrArray  *attributes,
                       const char *owner)
{
  append_key (out, ",\n" MEMBER_INDENT, key);
  if (attributes->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < attributes->len; i++)
    {
      g_string_append (out, MEMBER_INDENT "  ");
      append_attribute (out, g_ptr_array_index (attributes, i), owner);
      g_string_append (out, i + 1 < attributes->len ? ",\n" : "\n");
    }
  g_string_append (out, MEMBER_INDENT "]");
}

static void
append_member_string (GString    *out,
                      const char *key,
                      const char *value)
{
  append_key (out, ",\n" MEMBER_INDENT, key);
  append_string (out, value);
}

/* A member on a line of its own at @indent, after the one before. */
static void
append_member_key (GString    *out,
                   const char *indent,
                   const char *key)
{
  g_string_append (out, ",\n");
  append_key (out, indent, key);
}

typedef void (*AppendItemFunc) (GString       *out,
                                gconstpointer  item);

/* `"key": [` then one item a line at @indent + 2, closed at @indent. */
static void
append_member_list (GString        *out,
                    const char     *indent,
                    const char     *key,
                    GPtrArray      *items,
                    AppendItemFunc  append_item)
{
  append_member_key (out, indent, key);
  g_string_append (out, "[\n");
  for (guint i = 0; i < items->len; i++)
    {
      g_string_append (out, indent);
      g_string_append (out, "  ");
      append_item (out, g_ptr_array_index (items, i));
      g_string_append (out, i + 1 < items->len ? ",\n" : "\n");
    }
  g_string_append (out, indent);
  g_string_append_c (out, ']');
}

static void
append_member_strv (GString            *out,
                    const char         *indent,
                    const char         *key,
                    const char * const *values)
{
  gboolean first = TRUE;

  g_string_append (out, ",\n");
  g_string_append (out, indent);
  append_inline_strv (out, &first, key, values);
}

static void
append_member_boolean (GString    *out,
                       const char *indent,
                       const char *key,
                       gboolean    value)
{
  append_member_key (out, indent, key);
  g_string_append (out, value ? "true" : "false");
}

static void
append_member_text (GString    *out,
                    const char *indent,
                    const char *key,
                    const char *value)
{
  append_member_key (out, indent, key);
  append_string (out, value);
}

/* The table-level keys an entity and a link table share, after "checks". */
static void
append_table_options (GString              *out,
                      const char           *indent,
                      const CardinalEntity *entity)
{
  if (entity->uniques->len > 0)
    append_member_list (out, indent, "uniques", entity->uniques, (AppendItemFunc) append_unique);
  if (entity->indexes->len > 0)
    append_member_list (out, indent, "indexes", entity->indexes, (AppendItemFunc) append_index);
  if (entity->primary_key_name != NULL)
    append_member_text (out, indent, "primary-key-name", entity->primary_key_name);
  if (entity->primary_key_order != NULL)
    append_member_strv (out, indent, "primary-key-order", (const char * const *) entity->primary_key_order);
  if (entity->without_rowid)
    append_member_boolean (out, indent, "without-rowid", TRUE);
  if (entity->strict)
    append_member_boolean (out, indent, "strict", TRUE);
  if (entity->unlogged)
    append_member_boolean (out, indent, "unlogged", TRUE);
}

static void
append_entity (GString              *out,
               const CardinalEntity *entity)
{
  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, entity->name);
  if (id_is_written (entity->id, 'e', NULL, entity->name))
    append_member_string (out, "id", entity->id);
  if (entity->comment != NULL && entity->comment[0] != '\0')
    append_member_string (out, "comment", entity->comment);
  if (entity->table != NULL)
    append_member_string (out, "table", entity->table);
  if (entity->schema != NULL)
    append_member_string (out, "schema", entity->schema);
  append_key (out, ",\n" MEMBER_INDENT, "x");
  append_number (out, entity->x);
  append_key (out, ",\n" MEMBER_INDENT, "y");
  append_number (out, entity->y);
  if (entity->color != NULL)
    append_member_string (out, "color", entity->color);
  append_attribute_list (out, "attributes", entity->attributes, entity->name);
  /* Only when present, so that files without CHECKs keep their bytes. */
  if (entity->checks->len > 0)
    append_member_list (out, MEMBER_INDENT, "checks", entity->checks, (AppendItemFunc) append_check);
  append_table_options (out, MEMBER_INDENT, entity);
  if (entity->partition_by != NULL)
    append_member_string (out, "partition-by", entity->partition_by);
  g_string_append (out, "\n    }");
}

static void
append_action_member (GString    *out,
                      const char *key,
                      int         action)
{
  if (action != CARDINAL_ACTION_INHERIT)
    append_member_string (out, key, cardinal_on_delete_to_string ((CardinalOnDelete) action));
}

/* "link": { … } with the table-level keys one level deeper. */
static void
append_link (GString              *out,
             const CardinalEntity *link)
{
  GString *body = g_string_new (NULL);

  if (link->schema != NULL)
    append_member_text (body, MEMBER_INDENT "  ", "schema", link->schema);
  if (link->comment != NULL && link->comment[0] != '\0')
    append_member_text (body, MEMBER_INDENT "  ", "comment", link->comment);
  if (link->checks->len > 0)
    append_member_list (body, MEMBER_INDENT "  ", "checks", link->checks, (AppendItemFunc) append_check);
  append_table_options (body, MEMBER_INDENT "  ", link);

  append_key (out, ",\n" MEMBER_INDENT, "link");
  if (body->len == 0)
    g_string_append (out, "{}");
  else
    {
      /* Each member above began with ",\n"; the first needs only the newline. */
      g_string_append (out, "{\n");
      g_string_append (out, body->str + 2);
      g_string_append (out, "\n" MEMBER_INDENT "}");
    }
  g_string_free (body, TRUE);
}

static void
append_relationship (GString                    *out,
                     const CardinalRelationship *relationship)
{
  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, relationship->name);
  if (id_is_written (relationship->id, 'r', NULL, relationship->name))
    append_member_string (out, "id", relationship->id);
  append_member_string (out, "entity1", relationship->entity1);
  append_member_string (out, "entity2", relationship->entity2);
  append_member_string (out, "kind", cardinal_kind_to_string (relationship->kind));
  append_member_string (out, "strategy", cardinal_strategy_to_string (relationship->strategy));
  if (relationship->entity1_role != NULL)
    append_member_string (out, "entity1-role", relationship->entity1_role);
  if (relationship->entity2_role != NULL)
    append_member_string (out, "entity2-role", relationship->entity2_role);
  if (relationship->entity2_needs_entity1)
    {
      append_key (out, ",\n" MEMBER_INDENT, "entity2-needs-entity1");
      g_string_append (out, "true");
    }
  if (relationship->entity1_needs_entity2)
    {
      append_key (out, ",\n" MEMBER_INDENT, "entity1-needs-entity2");
      g_string_append (out, "true");
    }
  if (relationship->on_delete != CARDINAL_ON_DELETE_NO_ACTION)
    append_member_string (out, "on-delete", cardinal_on_delete_to_string (relationship->on_delete));
  if (relationship->link_table != NULL)
    append_member_string (out, "link-table", relationship->link_table);
  if (relationship->link_attributes->len > 0)
    append_attribute_list (out, "link-attributes", relationship->link_attributes, relationship->name);
  if (relationship->entity1_columns != NULL)
    append_member_strv (out, MEMBER_INDENT, "entity1-columns", (const char * const *) relationship->entity1_columns);
  if (relationship->entity2_columns != NULL)
    append_member_strv (out, MEMBER_INDENT, "entity2-columns", (const char * const *) relationship->entity2_columns);
  if (relationship->entity1_key != NULL)
    append_member_strv (out, MEMBER_INDENT, "entity1-key", (const char * const *) relationship->entity1_key);
  if (relationship->entity2_key != NULL)
    append_member_strv (out, MEMBER_INDENT, "entity2-key", (const char * const *) relationship->entity2_key);
  if (relationship->entity1_fk_name != NULL)
    append_member_string (out, "entity1-fk-name", relationship->entity1_fk_name);
  if (relationship->entity2_fk_name != NULL)
    append_member_string (out, "entity2-fk-name", relationship->entity2_fk_name);
  if (relationship->on_update != CARDINAL_ON_DELETE_NO_ACTION)
    append_member_string (out, "on-update", cardinal_on_delete_to_string (relationship->on_update));
  append_action_member (out, "entity1-on-delete", relationship->entity1_on_delete);
  append_action_member (out, "entity2-on-delete", relationship->entity2_on_delete);
  append_action_member (out, "entity1-on-update", relationship->entity1_on_update);
  append_action_member (out, "entity2-on-update", relationship->entity2_on_update);
  if (relationship->deferrable)
    append_member_boolean (out, MEMBER_INDENT, "deferrable", TRUE);
  if (relationship->initially_deferred)
    append_member_boolean (out, MEMBER_INDENT, "initially-deferred", TRUE);
  if (relationship->match_full)
    append_member_boolean (out, MEMBER_INDENT, "match-full", TRUE);
  if (relationship->identifying)
    append_member_boolean (out, MEMBER_INDENT, "identifying", TRUE);
  if (!relationship->index)
    append_member_boolean (out, MEMBER_INDENT, "index", FALSE);
  if (relationship->link != NULL)
    append_link (out, relationship->link);
  g_string_append (out, "\n    }");
}

static void
append_extension (GString                 *out,
                  const CardinalExtension *extension)
{
  gboolean first = TRUE;

  g_string_append (out, "    { ");
  append_inline_string (out, &first, "name", extension->name);
  if (extension->schema != NULL)
    append_inline_string (out, &first, "schema", extension->schema);
  g_string_append (out, " }");
}

static void
append_named_sequence (GString                *out,
                       const CardinalSequence *sequence)
{
  g_string_append (out, "    ");
  append_sequence (out, sequence);
}

static void
append_user_type (GString                *out,
                  const CardinalUserType *type)
{
  gboolean domain = type->kind == CARDINAL_USER_TYPE_DOMAIN;

  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, type->name);
  if (type->schema != NULL)
    append_member_string (out, "schema", type->schema);
  append_member_string (out, "kind", domain ? "domain" : "enum");
  if (!domain || (type->values != NULL && type->values[0] != NULL))
    append_member_strv (out, MEMBER_INDENT, "values", (const char * const *) type->values);
  if (type->base != NULL)
    append_member_string (out, "base", type->base);
  if (!type->nullable)
    append_member_boolean (out, MEMBER_INDENT, "nullable", FALSE);
  if (type->default_value != NULL)
    append_member_string (out, "default", type->default_value);
  if (type->collation != NULL)
    append_member_string (out, "collation", type->collation);
  if (type->checks->len > 0)
    append_member_list (out, MEMBER_INDENT, "checks", type->checks, (AppendItemFunc) append_check);
  if (type->comment != NULL && type->comment[0] != '\0')
    append_member_string (out, "comment", type->comment);
  g_string_append (out, "\n    }");
}

static void
append_sql_object (GString                 *out,
                   const CardinalSqlObject *object)
{
  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, object->name);
  append_member_string (out, "kind", object->kind);
  append_member_string (out, "dialect", cardinal_dialect_to_string ((CardinalDialect) object->dialect));
  if (object->depends_on != NULL && object->depends_on[0] != NULL)
    append_member_strv (out, MEMBER_INDENT, "depends-on", (const char * const *) object->depends_on);
  if (object->before_tables)
    append_member_boolean (out, MEMBER_INDENT, "before-tables", TRUE);
  append_member_string (out, "sql", object->sql);
  g_string_append (out, "\n    }");
}

static gboolean
attributes_use_format_2 (GPtrArray  *attributes,
                         const char *owner)
{
  for (guint i = 0; i < attributes->len; i++)
    {
      const CardinalAttribute *attribute = g_ptr_array_index (attributes, i);

      if (id_is_written (attribute->id, 'a', owner, attribute->name) ||
          attribute->identity != CARDINAL_IDENTITY_BY_DEFAULT || attribute->sequence != NULL ||
          attribute->sql_type != NULL || attribute->collation != NULL ||
          attribute->generated != NULL || attribute->generated_stored)
        return TRUE;
    }
  return FALSE;
}

static gboolean
table_options_use_format_2 (const CardinalEntity *entity)
{
  for (guint i = 0; i < entity->checks->len; i++)
    if (((const CardinalCheck *) g_ptr_array_index (entity->checks, i))->name != NULL)
      return TRUE;
  return entity->schema != NULL || entity->uniques->len > 0 || entity->indexes->len > 0 ||
         entity->primary_key_name != NULL || entity->primary_key_order != NULL ||
         entity->without_rowid || entity->strict || entity->unlogged;
}

/* Whether @model needs format 2 to be written; format 1 files keep their bytes. */
static gboolean
model_uses_format_2 (const CardinalModel *model)
{
  if (model->has_dialect || model->schemas->len > 0 || model->extensions->len > 0 ||
      model->types->len > 0 || model->sequences->len > 0 || model->objects->len > 0)
    return TRUE;

  for (guint i = 0; i < model->entities->len; i++)
    {
      const CardinalEntity *entity = g_ptr_array_index (model->entities, i);

      if (entity->table != NULL || entity->partition_by != NULL ||
          table_options_use_format_2 (entity) || attributes_use_format_2 (entity->attributes, entity->name) ||
          id_is_written (entity->id, 'e', NULL, entity->name))
        return TRUE;
    }

  for (guint i = 0; i < model->relationships->len; i++)
    {
      const CardinalRelationship *r = g_ptr_array_index (model->relationships, i);

      if (r->entity1_columns != NULL || r->entity2_columns != NULL || r->entity1_key != NULL ||
          r->entity2_key != NULL || r->entity1_fk_name != NULL || r->entity2_fk_name != NULL ||
          r->on_update != CARDINAL_ON_DELETE_NO_ACTION ||
          r->on_delete == CARDINAL_ON_DELETE_SET_DEFAULT ||
          r->entity1_on_delete != CARDINAL_ACTION_INHERIT ||
          r->entity2_on_delete != CARDINAL_ACTION_INHERIT ||
          r->entity1_on_update != CARDINAL_ACTION_INHERIT ||
          r->entity2_on_update != CARDINAL_ACTION_INHERIT ||
          r->deferrable || r->initially_deferred || r->match_full || r->identifying ||
          !r->index || r->link != NULL || attributes_use_format_2 (r->link_attributes, r->name) ||
          id_is_written (r->id, 'r', NULL, r->name))
        return TRUE;
    }

  return FALSE;
}

static void
append_list (GString        *out,
             const char     *key,
             GPtrArray      *items,
             AppendItemFunc  append_item)
{
  append_key (out, ",\n  ", key);
  if (items->len == 0)
    {
      g_string_append (out, "[]");
      return;
    }

  g_string_append (out, "[\n");
  for (guint i = 0; i < items->len; i++)
    {
      append_item (out, g_ptr_array_index (items, i));
      g_string_append (out, i + 1 < items->len ? ",\n" : "\n");
    }
  g_string_append (out, "  ]");
}

/* Format 3: notes and groups, one line each ----------------------------------- */

static void
append_inline_number (GString    *out,
                      gboolean   *first,
                      const char *key,
                      double      value)
{
  append_inline_key (out, first, key);
  append_number (out, value);
}

static void
append_group (GString             *out,
              const CardinalGroup *group)
{
  gboolean first = TRUE;

  g_string_append (out, "    { ");
  append_inline_string (out, &first, "name", group->name);
  if (group->color != NULL)
    append_inline_string (out, &first, "color", group->color);
  append_inline_strv (out, &first, "entities", (const char * const *) group->entities);
  g_string_append (out, " }");
}

static void
append_note (GString            *out,
             const CardinalNote *note)
{
  gboolean first = TRUE;

  g_string_append (out, "    { ");
  append_inline_string (out, &first, "text", note->text);
  append_inline_number (out, &first, "x", note->x);
  append_inline_number (out, &first, "y", note->y);
  if (note->width != CARDINAL_NOTE_DEFAULT_WIDTH)
    append_inline_number (out, &first, "width", note->width);
  if (note->height != CARDINAL_NOTE_DEFAULT_HEIGHT)
    append_inline_number (out, &first, "height", note->height);
  g_string_append (out, " }");
}

/* Notes and groups need format 3, so that a format 2 reader says "written by
 * a newer version" rather than "unknown key"; without them the file keeps the
 * format (and the bytes) it had. */
static gboolean
model_uses_format_3 (const CardinalModel *model)
{
  return model->notes->len > 0 || model->groups->len > 0;
}

char *
cardinal_document_to_data (const CardinalModel *model,
                           gsize               *length)
{
  GString *out;

  g_return_val_if_fail (model != NULL, NULL);

  out = g_string_sized_new (4096);
  g_string_append (out, "{\n  ");
  append_key (out, "", "format");
  g_string_append_printf (out, "%d", model_uses_format_3 (model) ? 3 : model_uses_format_2 (model) ? 2 : 1);
  append_key (out, ",\n  ", "name");
  append_string (out, model->name);
  if (model->has_dialect)
    append_member_text (out, "  ", "dialect", cardinal_dialect_to_string ((CardinalDialect) model->dialect));
  if (model->schemas->len > 0)
    {
      g_autofree const char **names = g_new0 (const char *, model->schemas->len + 1);

      for (guint i = 0; i < model->schemas->len; i++)
        names[i] = g_ptr_array_index (model->schemas, i);
      append_member_strv (out, "  ", "schemas", names);
    }
  if (model->extensions->len > 0)
    append_list (out, "extensions", model->extensions, (AppendItemFunc) append_extension);
  if (model->types->len > 0)
    append_list (out, "types", model->types, (AppendItemFunc) append_user_type);
  if (model->sequences->len > 0)
    append_list (out, "sequences", model->sequences, (AppendItemFunc) append_named_sequence);
  append_list (out, "entities", model->entities, (AppendItemFunc) append_entity);
  append_list (out, "relationships", model->relationships, (AppendItemFunc) append_relationship);
  if (model->objects->len > 0)
    append_list (out, "objects", model->objects, (AppendItemFunc) append_sql_object);
  if (model->groups->len > 0)
    append_list (out, "groups", model->groups, (AppendItemFunc) append_group);
  if (model->notes->len > 0)
    append_list (out, "notes", model->notes, (AppendItemFunc) append_note);
  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

gboolean
cardinal_document_save_file (const CardinalModel  *model,
                             GFile                *file,
                             GError              **error)
{
  g_autofree char *data = NULL;
  const char *invalid;
  gsize length;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_private_replace (&invalid_text, NULL);
  data = cardinal_document_to_data (model, &length);

  /* The text written is always UTF-8, but a name that was not (an import from
   * a database with other bytes) would be written with U+FFFD in place of
   * its bad bytes, and two names differing only there would become one. */
  invalid = g_private_get (&invalid_text);
  if (invalid != NULL)
    {
      g_set_error (error, CARDINAL_MODEL_ERROR, CARDINAL_MODEL_ERROR_INVALID,
                   "\"%s\" is not valid UTF-8 text (\"\xef\xbf\xbd\" marks the bytes that are not); "
                   "rename it before saving", invalid);
      g_private_replace (&invalid_text, NULL);
      return FALSE;
    }

  return cardinal_file_replace (file, data, length, error);
}
