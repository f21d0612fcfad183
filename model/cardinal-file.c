/* cardinal-file.c: reading a user-given file safely (regular files only, bounded size, never blocking) and writing one atomically. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-file.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <fcntl.h>
#include <sys/file.h>
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

/* A write goes to ".NAME.cardinal-save-XXXXXX" beside NAME, which is then
 * renamed over NAME. A write killed half-way (kill -9, a power cut) leaves that file
 * behind; the next write of NAME removes the ones nobody is writing any more.
 * The prefix is cut so that the name stays under NAME_MAX. O_TMPFILE with
 * linkat () is no way round the named file: linkat () cannot replace NAME,
 * so it would still need a named file to rename. */
#define SAVE_TEMP_INFIX ".cardinal-save-"
#define SAVE_TEMP_RANDOM 6
#define SAVE_TEMP_MAX_BASENAME 200

static char *
save_temp_prefix (const char *basename)
{
  gsize length = MIN (strlen (basename), SAVE_TEMP_MAX_BASENAME);

  return g_strdup_printf (".%.*s" SAVE_TEMP_INFIX, (int) length, basename);
}

/* With @prefix NULL: a temporary of any file ("." NAME INFIX RANDOM). */
static gboolean
is_save_temp_name (const char *entry,
                   const char *prefix)
{
  const char *random_part;

  if (prefix == NULL)
    {
      const char *infix = g_strrstr (entry, SAVE_TEMP_INFIX);

      if (entry[0] != '.' || infix == NULL || infix == entry + 1)
        return FALSE;
      random_part = infix + strlen (SAVE_TEMP_INFIX);
    }
  else if (!g_str_has_prefix (entry, prefix))
    return FALSE;
  else
    random_part = entry + strlen (prefix);
  if (strlen (random_part) != SAVE_TEMP_RANDOM)
    return FALSE;
  for (const char *p = random_part; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p))
      return FALSE;
  return TRUE;
}

/* Only regular files of our own pattern, and only those no save holds a lock
 * on (a save in another process keeps its file locked until the rename; the
 * lock of a killed process is gone with it). */
static void
remove_stale_temporaries (const char *directory,
                          const char *prefix)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *entry;

  if (dir == NULL)
    return;
  while ((entry = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;
      struct stat info;
      int fd;

      if (!is_save_temp_name (entry, prefix))
        continue;
      path = g_build_filename (directory, entry, NULL);
      fd = open (path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY);
      if (fd < 0)
        continue;
      if (fstat (fd, &info) == 0 && S_ISREG (info.st_mode) && flock (fd, LOCK_EX | LOCK_NB) == 0)
        g_unlink (path);
      close (fd);
    }
}

static gboolean
write_errno_error (GError    **error,
                  const char *path,
                  int         saved_errno)
{
  g_autofree char *name = g_filename_display_name (path);

  if (saved_errno == ENOENT)
    {
      g_autofree char *folder = g_path_get_dirname (name);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                   "can't write %s: the folder %s does not exist", name, folder);
    }
  else
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                 "can't write %s: %s", name, g_strerror (saved_errno));
  return FALSE;
}

static gboolean
write_all (int         fd,
           const char *data,
           gsize       length)
{
  while (length > 0)
    {
      gssize n = write (fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        return FALSE;
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* A temporary file beside it, fsync, rename, fsync of the folder. */
gboolean
cardinal_file_write (const char  *requested,
                     const char  *data,
                     gsize        length,
                     GError     **error)
{
  g_autofree char *resolved = NULL;
  g_autofree char *directory = NULL;
  g_autofree char *basename = NULL;
  g_autofree char *prefix = NULL;
  g_autofree char *temp = NULL;
  const char *path = requested;
  struct stat info;
  gboolean exists;
  int fd = -1, saved_errno, dir_fd;

  /* Saving through a symbolic link replaces what it points to, not the link. */
  if (lstat (path, &info) == 0 && S_ISLNK (info.st_mode))
    {
      resolved = realpath (path, NULL);
      if (resolved != NULL)
        path = resolved;
    }

  exists = stat (path, &info) == 0;
  if (exists && S_ISDIR (info.st_mode))
    {
      g_autofree char *name = g_filename_display_name (requested);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_IS_DIRECTORY,
                   "can't write %s: it is a directory", name);
      return FALSE;
    }
  if (exists && !S_ISREG (info.st_mode))
    {
      g_autofree char *name = g_filename_display_name (requested);

      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_REGULAR_FILE,
                   "can't write %s: it is not a regular file", name);
      return FALSE;
    }

  directory = g_path_get_dirname (path);
  basename = g_path_get_basename (path);
  prefix = save_temp_prefix (basename);
  remove_stale_temporaries (directory, prefix);

  for (int attempt = 0; attempt < 100 && fd < 0; attempt++)
    {
      static const char letters[] = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
      char random_part[SAVE_TEMP_RANDOM + 1];
      g_autofree char *name = NULL;

      for (int k = 0; k < SAVE_TEMP_RANDOM; k++)
        random_part[k] = letters[g_random_int_range (0, (gint32) sizeof letters - 1)];
      random_part[SAVE_TEMP_RANDOM] = '\0';
      name = g_strconcat (prefix, random_part, NULL);
      g_free (temp);
      temp = g_build_filename (directory, name, NULL);
      /* 0666 less the umask, as any new file; an existing file's mode is copied below. */
      fd = open (temp, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW | O_NOCTTY, 0666);
      if (fd < 0 && errno != EEXIST)
        return write_errno_error (error, requested, errno);
    }
  if (fd < 0)
    return write_errno_error (error, requested, EEXIST);

  /* Held until the rename, so that another save's clean-up leaves it alone. */
  (void) flock (fd, LOCK_EX);
  if (exists)
    {
      (void) fchmod (fd, info.st_mode & 07777);
      if (fchown (fd, info.st_uid, info.st_gid) != 0)
        {
          /* Only root may give a file away; the owner is then the saver. */
        }
    }

  if (!write_all (fd, data, length) || fsync (fd) != 0 || rename (temp, path) != 0)
    {
      saved_errno = errno != 0 ? errno : EIO;
      g_unlink (temp);
      close (fd);
      return write_errno_error (error, requested, saved_errno);
    }
  close (fd);

  /* The rename itself is durable once the folder is synced. */
  dir_fd = open (directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (dir_fd >= 0)
    {
      (void) fsync (dir_fd);
      close (dir_fd);
    }
  return TRUE;
}

void
cardinal_file_remove_stale_writes (const char *directory)
{
  g_return_if_fail (directory != NULL);

  remove_stale_temporaries (directory, NULL);
}

gboolean
cardinal_file_replace (GFile       *file,
                       const char  *data,
                       gsize        length,
                       GError     **error)
{
  const char *path;

  g_return_val_if_fail (G_IS_FILE (file), FALSE);

  path = g_file_peek_path (file);
  if (path != NULL)
    return cardinal_file_write (path, data, length, error);

  /* Elsewhere (gvfs) GIO writes a temporary file, syncs it and renames it
   * over @file, keeping the file's permissions; a failure leaves the previous
   * version whole. */
  return g_file_replace_contents (file, data, length, NULL, FALSE,
                                  G_FILE_CREATE_NONE, NULL, NULL, error);
}
