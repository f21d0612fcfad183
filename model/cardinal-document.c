/* cardinal-document.c: loading and saving .cardinal files (JSON, format 1, DESIGN.md §4). */
#include "cardinal-document.h"

#include <math.h>
#include <string.h>

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
} Loader;

/* Keys of each object, in the order they are written. */
static const char * const model_keys[] = {
  "format", "name", "entities", "relationships", NULL
};
static const char * const entity_keys[] = {
  "name", "comment", "x", "y", "color", "attributes", "checks", NULL
};
static const char * const attribute_keys[] = {
  "name", "type", "primary-key", "autoincrement", "nullable", "unique", "index",
  "default", "comment", NULL
};
static const char * const relationship_keys[] = {
  "name", "entity1", "entity2", "kind", "strategy", "entity1-role", "entity2-role",
  "entity2-needs-entity1", "entity1-needs-entity2", "on-delete", "link-table",
  "link-attributes", NULL
};

/* A JSON string with only what JSON requires escaped: UTF-8 stays as it is. */
static void
append_string (GString    *out,
               const char *text)
{
  g_autofree char *valid = NULL;

  if (text == NULL)
    text = "";
  /* Programmatic models could hold invalid UTF-8; the file must not. */
  if (!g_utf8_validate (text, -1, NULL))
    text = valid = g_utf8_make_valid (text, -1);

  g_string_append_c (out, '"');
  for (const char *p = text; *p != '\0'; p++)
    {
      unsigned char c = (unsigned char) *p;

      switch (c)
        {
        case '"':
          g_string_append (out, "\\\"");
          break;
        case '\\':
          g_string_append (out, "\\\\");
          break;
        case '\n':
          g_string_append (out, "\\n");
          break;
        case '\r':
          g_string_append (out, "\\r");
          break;
        case '\t':
          g_string_append (out, "\\t");
          break;
        case '\b':
          g_string_append (out, "\\b");
          break;
        case '\f':
          g_string_append (out, "\\f");
          break;
        default:
          if (c < 0x20)
            g_string_append_printf (out, "\\u%04x", c);
          else
            g_string_append_c (out, (char) c);
          break;
        }
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

static JsonObject *
expect_object (Loader      *loader,
               JsonNode    *node,
               GError     **error)
{
  if (JSON_NODE_TYPE (node) != JSON_NODE_OBJECT)
    {
      loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL,
                    "expected an object, found %s", json_type_description (node));
      return NULL;
    }
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

static CardinalAttribute *
load_attribute (Loader      *loader,
                JsonNode    *node,
                GError     **error)
{
  g_autoptr(CardinalAttribute) attribute = cardinal_attribute_new (NULL, NULL);
  JsonObject *object;

  object = expect_object (loader, node, error);
  if (object == NULL || !check_keys (loader, object, attribute_keys, error))
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &attribute->name, error) ||
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
      !read_string (loader, object, "comment", FALSE, FALSE, &attribute->comment, error))
    return NULL;

  return g_steal_pointer (&attribute);
}

/* "checks": CHECK expressions as SQL text, each a non-empty string. */
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
      const char *text;

      loader_push_index (loader, i);
      if (!node_holds (node, G_TYPE_STRING))
        {
          loader_error (loader, error, CARDINAL_MODEL_ERROR_PARSE, NULL, "expected a string");
          return FALSE;
        }
      text = json_node_get_string (node);
      if (text == NULL || text[0] == '\0')
        {
          loader_error (loader, error, CARDINAL_MODEL_ERROR_INVALID, NULL,
                        "expected a CHECK expression, found an empty string");
          return FALSE;
        }
      g_ptr_array_add (checks, cardinal_check_new (NULL, text));
      loader_pop (loader, list_length);
    }
  loader_pop (loader, old_length);
  return TRUE;
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

static CardinalEntity *
load_entity (Loader      *loader,
             JsonNode    *node,
             GError     **error)
{
  g_autoptr(CardinalEntity) entity = cardinal_entity_new (NULL);
  JsonObject *object;

  object = expect_object (loader, node, error);
  if (object == NULL || !check_keys (loader, object, entity_keys, error))
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &entity->name, error) ||
      !read_string (loader, object, "comment", FALSE, FALSE, &entity->comment, error) ||
      !read_number (loader, object, "x", &entity->x, error) ||
      !read_number (loader, object, "y", &entity->y, error) ||
      !read_string (loader, object, "color", FALSE, TRUE, &entity->color, error) ||
      !load_list (loader, object, "attributes", (LoadItemFunc) load_attribute,
                  entity->attributes, error) ||
      !load_checks (loader, object, entity->checks, error))
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
  JsonObject *object;

  relationship = cardinal_relationship_new (NULL, NULL, NULL,
                                            CARDINAL_KIND_ONE_TO_ONE,
                                            CARDINAL_STRATEGY_UNIQUE_FK);
  object = expect_object (loader, node, error);
  if (object == NULL || !check_keys (loader, object, relationship_keys, error))
    return NULL;

  if (!read_string (loader, object, "name", TRUE, FALSE, &relationship->name, error) ||
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
                          on_delete_name, CARDINAL_ON_DELETE_SET_NULL + 1);
      return NULL;
    }

  if (!load_list (loader, object, "link-attributes", (LoadItemFunc) load_attribute,
                  relationship->link_attributes, error))
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

static CardinalModel *
load_model (Loader      *loader,
            JsonObject  *object,
            GError     **error)
{
  g_autoptr(CardinalModel) model = cardinal_model_new (NULL);

  if (!check_format (loader, object, error) ||
      !check_keys (loader, object, model_keys, error) ||
      !read_string (loader, object, "name", FALSE, FALSE, &model->name, error) ||
      !load_list (loader, object, "entities", (LoadItemFunc) load_entity,
                  model->entities, error) ||
      !load_list (loader, object, "relationships", (LoadItemFunc) load_relationship,
                  model->relationships, error))
    return NULL;

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

/* A lexical pass before json-glib 1.6, for what it cannot be trusted with.
 * It parses recursively, so a deep nesting would exhaust the stack; it
 * quietly accepts "{...} {...}" and keeps the last value; and it takes
 * comments and single-quoted strings, which are not JSON and which could hide
 * brackets from the depth count here. So outside double-quoted strings only
 * JSON's own characters are let through, and the count is then exact. */
static gboolean
scan_structure (const char  *data,
                gsize        length,
                const char  *display_name,
                Structure   *structure,
                GError     **error)
{
  gboolean in_string = FALSE;
  guint depth = 0;
  gsize i = 0;

  while (i < length && is_json_space (data[i]))
    i++;
  structure->first = i;
  structure->root_end = length;

  for (; i < length; i++)
    {
      char c = data[i];

      if (in_string)
        {
          if (c == '\\')
            i++;
          else if (c == '"')
            in_string = FALSE;
          continue;
        }

      if (c == '"')
        in_string = TRUE;
      else if (c == '{' || c == '[')
        {
          if (++depth > MAX_NESTING)
            {
              position_error (error, display_name, data, i,
                              "nested more than %d levels deep", MAX_NESTING);
              return FALSE;
            }
        }
      else if (c == '}' || c == ']')
        {
          /* A stray closing bracket is json-glib's to report. */
          if (depth > 0 && --depth == 0 && structure->root_end == length)
            structure->root_end = i + 1;
        }
      else if (c == '/' && i + 1 < length && (data[i + 1] == '*' || data[i + 1] == '/'))
        {
          position_error (error, display_name, data, i, "comments are not allowed in JSON");
          return FALSE;
        }
      else if (!is_json_space (c) && c != ':' && c != ',' && !is_value_character (c))
        {
          g_autofree char *character = NULL;

          if ((guchar) c < 0x20 || c == 0x7f)
            character = g_strdup_printf ("\\x%02x", (guchar) c);
          else
            character = g_strndup (data + i, g_utf8_skip[(guchar) c]);

          position_error (error, display_name, data, i, "unexpected character \"%s\"", character);
          return FALSE;
        }
    }

  return TRUE;
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
  loader.display_name = display_name;
  loader.path = path;
  return load_model (&loader, json_node_get_object (root), error);
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

  if (!g_file_load_contents (file, NULL, &contents, &length, NULL, error))
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
 * 0.1 as 0.10000000000000001. The layout below is the one in DESIGN.md §4:
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
append_inline_string (GString    *out,
                      gboolean   *first,
                      const char *key,
                      const char *value)
{
  append_key (out, *first ? "" : ", ", key);
  append_string (out, value);
  *first = FALSE;
}

static void
append_inline_boolean (GString    *out,
                       gboolean   *first,
                       const char *key,
                       gboolean    value)
{
  append_key (out, *first ? "" : ", ", key);
  g_string_append (out, value ? "true" : "false");
  *first = FALSE;
}

static void
append_attribute (GString                 *out,
                  const CardinalAttribute *attribute)
{
  gboolean default_nullable = !attribute->primary_key;
  gboolean first = TRUE;

  g_string_append (out, "{ ");
  append_inline_string (out, &first, "name", attribute->name);
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
  g_string_append (out, " }");
}

#define MEMBER_INDENT "      "

/* A member of an entity or relationship; its items go one level deeper. */
static void
append_attribute_list (GString    *out,
                       const char *key,
                       GPtrArray  *attributes)
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
      append_attribute (out, g_ptr_array_index (attributes, i));
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

static void
append_entity (GString              *out,
               const CardinalEntity *entity)
{
  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, entity->name);
  if (entity->comment != NULL && entity->comment[0] != '\0')
    append_member_string (out, "comment", entity->comment);
  append_key (out, ",\n" MEMBER_INDENT, "x");
  append_number (out, entity->x);
  append_key (out, ",\n" MEMBER_INDENT, "y");
  append_number (out, entity->y);
  if (entity->color != NULL)
    append_member_string (out, "color", entity->color);
  append_attribute_list (out, "attributes", entity->attributes);
  /* Only when present, so that files without CHECKs keep their bytes. */
  if (entity->checks->len > 0)
    {
      append_key (out, ",\n" MEMBER_INDENT, "checks");
      g_string_append (out, "[\n");
      for (guint i = 0; i < entity->checks->len; i++)
        {
          g_string_append (out, MEMBER_INDENT "  ");
          append_string (out, ((const CardinalCheck *) g_ptr_array_index (entity->checks, i))->expression);
          g_string_append (out, i + 1 < entity->checks->len ? ",\n" : "\n");
        }
      g_string_append (out, MEMBER_INDENT "]");
    }
  g_string_append (out, "\n    }");
}

static void
append_relationship (GString                    *out,
                     const CardinalRelationship *relationship)
{
  g_string_append (out, "    {\n" MEMBER_INDENT);
  append_key (out, "", "name");
  append_string (out, relationship->name);
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
    append_attribute_list (out, "link-attributes", relationship->link_attributes);
  g_string_append (out, "\n    }");
}

typedef void (*AppendItemFunc) (GString       *out,
                                gconstpointer  item);

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

char *
cardinal_document_to_data (const CardinalModel *model,
                           gsize               *length)
{
  GString *out;

  g_return_val_if_fail (model != NULL, NULL);

  out = g_string_sized_new (4096);
  g_string_append (out, "{\n  ");
  append_key (out, "", "format");
  g_string_append_printf (out, "%d", CARDINAL_FORMAT_VERSION);
  append_key (out, ",\n  ", "name");
  append_string (out, model->name);
  append_list (out, "entities", model->entities, (AppendItemFunc) append_entity);
  append_list (out, "relationships", model->relationships, (AppendItemFunc) append_relationship);
  g_string_append (out, "\n}\n");

  if (length != NULL)
    *length = out->len;
  return g_string_free (out, FALSE);
}

static gboolean
parent_is_directory (GFile *file)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);

  return parent != NULL &&
         g_file_query_file_type (parent, G_FILE_QUERY_INFO_NONE, NULL) == G_FILE_TYPE_DIRECTORY;
}

gboolean
cardinal_document_save_file (const CardinalModel  *model,
                             GFile                *file,
                             GError              **error)
{
  g_autofree char *data = NULL;
  const char *path;
  gsize length;

  g_return_val_if_fail (model != NULL, FALSE);
  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  data = cardinal_document_to_data (model, &length);

  /* g_file_replace_contents () writes a new file in place, without a
   * temporary file or fsync, so a failure half-way would leave half a
   * document; g_file_set_contents_full () always goes through a synced
   * temporary file. Where the folder is missing, g_file_replace_contents ()
   * below gives the clearer message (it does not name a temporary file). */
  path = g_file_peek_path (file);
  if (path != NULL && !g_file_query_exists (file, NULL) && parent_is_directory (file))
    {
      g_autoptr(GError) file_error = NULL;

      if (!g_file_set_contents_full (path, data, length,
                                     G_FILE_SET_CONTENTS_CONSISTENT | G_FILE_SET_CONTENTS_DURABLE,
                                     0666, &file_error))
        {
          g_set_error_literal (error, G_IO_ERROR, g_io_error_from_file_error (file_error->code),
                               file_error->message);
          return FALSE;
        }
      return TRUE;
    }

  /* Over an existing file this writes a temporary file next to it, syncs it
   * and renames it over @file, keeping the file's permissions; a failure
   * leaves the previous version whole. */
  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
