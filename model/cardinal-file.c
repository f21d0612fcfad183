/* cardinal-file.c: reading a user-given file safely (regular files only, bounded size, never blocking). */
#include "cardinal-file.h"

#include <errno.h>
#include <string.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <glib/gstdio.h>

/* "256 MB", not "256.0 MB": the limit is a round number and reads as one.
 * g_format_size () puts a no-break space before the unit. */
static char *
format_size (guint64 size)
{
  g_autofree char *text = g_format_size (size);
  char *point = strstr (text, ".0\xc2\xa0");

  if (point == NULL)
    point = strstr (text, ".0 ");
  if (point != NULL && !g_ascii_isdigit (point[2]))
    memmove (point, point + 2, strlen (point + 2) + 1);
  return g_steal_pointer (&text);
}

static void
set_too_large (GError    **error,
               const char *name,
               guint64     size,
               gsize       max_size)
{
  g_autofree char *size_text = format_size (size);
  g_autofree char *limit_text = format_size (max_size);

  g_set_error (error, G_IO_ERROR, G_IO_ERROR_MESSAGE_TOO_LARGE,
               "%s is %s; Cardinal reads files of at most %s", name, size_text, limit_text);
}

/* What a file that is not a regular file is, for the message; FALSE for a regular file. */
static gboolean
set_not_regular (GError    **error,
                 const char *name,
                 mode_t      mode)
{
  const char *what;

  if (S_ISREG (mode))
    return FALSE;
  if (S_ISDIR (mode))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY, "%s is a directory, not a file", name);
      return TRUE;
    }
  if (S_ISCHR (mode) || S_ISBLK (mode))
    what = "is a device, not a file";
  else if (S_ISFIFO (mode))
    what = "is a FIFO (a pipe), not a file";
  else if (S_ISSOCK (mode))
    what = "is a socket, not a file";
  else
    what = "is not a regular file";
  g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE, "%s %s", name, what);
  return TRUE;
}

gboolean
cardinal_file_read (const char  *path,
                    gsize        max_size,
                    char       **contents,
                    gsize       *length,
                    GError     **error)
{
  g_autofree char *name = NULL;
  g_autofree char *buffer = NULL;
  struct stat info;
  gsize capacity, used = 0;
  int fd;

  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  name = g_filename_display_name (path);

  /* O_NONBLOCK: opening a FIFO for reading would otherwise wait for a writer. */
  do
    fd = open (path, O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
  while (fd < 0 && errno == EINTR);
  if (fd < 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", name,
                   g_strerror (saved));
      return FALSE;
    }

  /* The descriptor, not the name: what is checked is what is read. */
  if (fstat (fd, &info) != 0)
    {
      int saved = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", name,
                   g_strerror (saved));
      close (fd);
      return FALSE;
    }
  if (set_not_regular (error, name, info.st_mode))
    {
      close (fd);
      return FALSE;
    }
  if (info.st_size < 0 || (guint64) info.st_size > max_size)
    {
      set_too_large (error, name, (guint64) info.st_size, max_size);
      close (fd);
      return FALSE;
    }

  /* The size is a hint: the file may grow while it is read (the limit still
   * holds) and some files (in /proc) report 0. */
  capacity = MAX ((gsize) info.st_size, 4096) + 1;
  buffer = g_malloc (capacity);
  for (;;)
    {
      gssize n;

      if (used + 1 == capacity)
        {
          if (used > max_size)
            break;
          capacity = MIN (capacity * 2, max_size + 2);
          buffer = g_realloc (buffer, capacity);
        }
      n = read (fd, buffer + used, capacity - 1 - used);
      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", name,
                       g_strerror (saved));
          close (fd);
          return FALSE;
        }
      if (n == 0)
        break;
      used += (gsize) n;
    }
  close (fd);

  if (used > max_size)
    {
      set_too_large (error, name, used, max_size);
      return FALSE;
    }

  buffer[used] = '\0';
  *contents = g_steal_pointer (&buffer);
  if (length != NULL)
    *length = used;
  return TRUE;
}

gboolean
cardinal_file_read_gfile (GFile       *file,
                          gsize        max_size,
                          char       **contents,
                          gsize       *length,
                          GError     **error)
{
  g_autoptr(GFileInfo) info = NULL;
  g_autoptr(GFileInputStream) stream = NULL;
  g_autoptr(GByteArray) bytes = NULL;
  g_autofree char *name = NULL;
  const char *path;
  guint8 chunk[65536];

  g_return_val_if_fail (G_IS_FILE (file), FALSE);
  g_return_val_if_fail (contents != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  path = g_file_peek_path (file);
  if (path != NULL)
    return cardinal_file_read (path, max_size, contents, length, error);

  name = g_file_get_parse_name (file);
  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_STANDARD_SIZE,
                            G_FILE_QUERY_INFO_NONE, NULL, error);
  if (info == NULL)
    return FALSE;
  switch (g_file_info_get_file_type (info))
    {
    case G_FILE_TYPE_REGULAR:
      break;
    case G_FILE_TYPE_DIRECTORY:
      set_not_regular (error, name, S_IFDIR);
      return FALSE;
    default:
      set_not_regular (error, name, 0);
      return FALSE;
    }
  if (g_file_info_get_size (info) < 0 || (guint64) g_file_info_get_size (info) > max_size)
    {
      set_too_large (error, name, (guint64) g_file_info_get_size (info), max_size);
      return FALSE;
    }

  stream = g_file_read (file, NULL, error);
  if (stream == NULL)
    return FALSE;
  bytes = g_byte_array_new ();
  for (;;)
    {
      gssize n = g_input_stream_read (G_INPUT_STREAM (stream), chunk, sizeof chunk, NULL, error);

      if (n < 0)
        return FALSE;
      if (n == 0)
        break;
      g_byte_array_append (bytes, chunk, (guint) n);
      if (bytes->len > max_size)
        {
          set_too_large (error, name, bytes->len, max_size);
          return FALSE;
        }
    }

  if (length != NULL)
    *length = bytes->len;
  g_byte_array_append (bytes, (const guint8 *) "", 1);
  *contents = (char *) g_byte_array_free (g_steal_pointer (&bytes), FALSE);
  return TRUE;
}
