/* cardinal-window-recovery.c: crash recovery: the autosaved copy of a modified document, written, scheduled, forgotten and brought back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-config.h"

#include "cardinal-window-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <string.h>
#include <unistd.h>

#include "cardinal-application.h"
#include "cardinal-file.h"
#include "cardinal-document.h"

static char *
recovery_path (CardinalWindow *self,
               const char     *extension)
{
  return g_strconcat (self->recovery_stem, extension, NULL);
}

/* Removes this document's recovery files: it was saved, discarded or closed. */
void
cardinal_window_forget_recovery (CardinalWindow *self)
{
  g_clear_handle_id (&self->autosave_id, g_source_remove);
  self->recovery_stale = FALSE;
  if (self->recovery_written)
    {
      g_autofree char *document = recovery_path (self, ".cardinal");
      g_autofree char *sidecar = recovery_path (self, ".json");

      g_unlink (document);
      g_unlink (sidecar);
      self->recovery_written = FALSE;
    }
}

static gboolean
write_recovery (CardinalWindow  *self,
                GError         **error)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *data = NULL;
  g_autofree char *sidecar_data = NULL;
  g_autofree char *document = NULL;
  g_autofree char *sidecar = NULL;
  g_autofree char *title = cardinal_window_document_title (self);
  g_autofree char *uri = self->file ? g_file_get_uri (self->file) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *saved_at = g_date_time_format_iso8601 (now);
  gsize length = 0;

  if (self->recovery_stem == NULL)
    {
      static guint counter;
      g_autofree char *dir = cardinal_application_get_recovery_dir ();
      g_autofree char *seed = NULL;
      g_autofree char *hash = NULL;

      if (g_mkdir_with_parents (dir, 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not create %s: %s", dir, g_strerror (saved_errno));
          return FALSE;
        }
      /* Unique per document and process, so two windows never share a file. */
      seed = g_strdup_printf ("%s\n%d\n%u\n%" G_GINT64_FORMAT,
                              uri ? uri : "untitled", (int) getpid (), ++counter, g_get_real_time ());
      hash = g_compute_checksum_for_string (G_CHECKSUM_SHA1, seed, -1);
      self->recovery_stem = g_build_filename (dir, hash, NULL);
    }
  else
    {
      g_autofree char *dir = g_path_get_dirname (self->recovery_stem);

      g_mkdir_with_parents (dir, 0700);
    }

  document = recovery_path (self, ".cardinal");
  sidecar = recovery_path (self, ".json");

  data = cardinal_document_to_data (cardinal_window_get_model (self), &length);
  /* Atomic like a save, so a crash half-way leaves the previous copy whole;
   * the folder is the user's alone (0700), whatever the files' mode. */
  if (!cardinal_file_write (document, data, length, error))
    return FALSE;

  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "file");
  if (uri != NULL)
    json_builder_add_string_value (builder, uri);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "title");
  json_builder_add_string_value (builder, title);
  json_builder_set_member_name (builder, "pid");
  json_builder_add_int_value (builder, getpid ());
  json_builder_set_member_name (builder, "saved-at");
  json_builder_add_string_value (builder, saved_at);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  json_generator_set_pretty (generator, TRUE);
  sidecar_data = json_generator_to_data (generator, &length);
  if (!cardinal_file_write (sidecar, sidecar_data, length, error))
    return FALSE;

  self->recovery_written = TRUE;
  self->recovery_stale = FALSE;
  return TRUE;
}

static gboolean
autosave_cb (gpointer user_data)
{
  CardinalWindow *self = user_data;
  g_autoptr(GError) error = NULL;

  self->autosave_id = 0;
  if (!cardinal_window_get_modified (self) || !self->recovery_stale)
    return G_SOURCE_REMOVE;

  if (!write_recovery (self, &error))
    {
      g_autofree char *message = g_strdup_printf ("Could not write a recovery copy: %s", error->message);

      cardinal_window_show_toast (self, message);
    }
  return G_SOURCE_REMOVE;
}

static guint
autosave_seconds (CardinalWindow *self)
{
  return self->settings ? MAX (1, g_settings_get_uint (self->settings, "autosave-seconds")) : 5;
}

/* While the document is modified, its state reaches the recovery file a few
 * seconds after the last write; back at the saved state, the file goes. */
void
cardinal_window_schedule_autosave (CardinalWindow *self)
{
  if (!cardinal_window_get_modified (self))
    {
      cardinal_window_forget_recovery (self);
      return;
    }
  self->recovery_stale = TRUE;
  if (self->autosave_id == 0)
    self->autosave_id = g_timeout_add_seconds (autosave_seconds (self), autosave_cb, self);
}

/* The "title" the sidecar next to the recovery file gives, or NULL. */
static char *
read_sidecar_title (CardinalWindow *self)
{
  g_autofree char *sidecar = recovery_path (self, ".json");
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonNode *root;

  if (!json_parser_load_from_file (parser, sidecar, NULL))
    return NULL;
  root = json_parser_get_root (parser);
  if (root == NULL || !JSON_NODE_HOLDS_OBJECT (root))
    return NULL;
  return g_strdup (json_object_get_string_member_with_default (json_node_get_object (root), "title", NULL));
}

gboolean
cardinal_window_recover (CardinalWindow  *self,
                         GFile           *recovery,
                         GFile           *original,
                         GError         **error)
{
  g_autofree char *path = NULL;
  CardinalModel *model;

  g_return_val_if_fail (CARDINAL_IS_WINDOW (self), FALSE);
  g_return_val_if_fail (G_IS_FILE (recovery), FALSE);
  g_return_val_if_fail (original == NULL || G_IS_FILE (original), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_get_path (recovery);
  if (path == NULL || !g_str_has_suffix (path, ".cardinal"))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_FILENAME,
                   "%s is not a recovery file", path ? path : "(not a local file)");
      return FALSE;
    }
  model = cardinal_document_load_file (recovery, error);
  if (model == NULL)
    return FALSE;

  cardinal_window_set_document (self, model, original, TRUE);
  /* Keep writing where the lost process did, and claim the files for this one. */
  self->recovery_stem = g_strndup (path, strlen (path) - strlen (".cardinal"));
  /* A document that was in no file (an import) keeps the name it had, which
   * only the sidecar knows; rewriting the sidecar below keeps it there too. */
  if (original == NULL)
    {
      g_autofree char *title = read_sidecar_title (self);

      if (title != NULL && *title != '\0' && !g_str_equal (title, UNTITLED_TITLE))
        self->draft_title = g_steal_pointer (&title);
    }
  self->recovery_written = TRUE;
  if (!write_recovery (self, error))
    return FALSE;
  cardinal_window_update_title (self);
  return TRUE;
}
