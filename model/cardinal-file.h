/* cardinal-file.h: reading a user-given file safely (regular files only, bounded size, never blocking) and writing one atomically. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The most a .cardinal document (or a .sql file) may weigh. */
#define CARDINAL_FILE_MAX_SIZE ((gsize) 256 * 1000 * 1000)

/* Reads the whole of @path into *@contents (NUL-terminated; *@length excludes
 * the NUL) only when it is a regular file of at most @max_size bytes.
 *
 * Use this, never g_file_get_contents () or g_file_load_contents (), for any
 * file a user or a document names: the file is opened with O_NONBLOCK, so a
 * FIFO never blocks, and checked with fstat () on the opened descriptor, so it
 * cannot be swapped between the check and the read. A device (/dev/zero), a
 * FIFO, a socket or a directory is refused with a G_IO_ERROR_NOT_REGULAR_FILE
 * (G_IO_ERROR_IS_DIRECTORY for a directory) that says what it is; a file over
 * @max_size with G_IO_ERROR_MESSAGE_TOO_LARGE ("x.sql is 5.2 GB; Cardinal reads
 * files of at most 256 MB") before anything is read. Every message names
 * @path as the user would write it. */
gboolean cardinal_file_read       (const char  *path,
                                   gsize        max_size,
                                   char       **contents,
                                   gsize       *length,
                                   GError     **error);

/* The same for a GFile: local files go through cardinal_file_read (); others
 * (gvfs locations) are checked through their file info and read through a
 * stream that stops at @max_size. */
gboolean cardinal_file_read_gfile (GFile       *file,
                                   gsize        max_size,
                                   char       **contents,
                                   gsize       *length,
                                   GError     **error);

/* Replaces @path with @data atomically: the old contents stay whole until the
 * new ones are on disk (a temporary file beside @path, fsync, rename, fsync of
 * the folder). Temporary files that earlier writes of @path left behind when
 * they were killed are removed first, so a crash never leaves litter for
 * long. A symbolic link is followed; an existing file keeps its mode and
 * owner. Errors say "can't write NAME: …". Use it for every file Cardinal
 * writes (documents, recovery copies, exports). */
gboolean cardinal_file_write      (const char  *path,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

/* Removes from @directory every temporary file that a killed
 * cardinal_file_write () of any file there left behind (those a running write
 * holds are kept). For folders whose files get new names in every process,
 * such as the recovery folder, where the next write of the same name that
 * would tidy up never comes. */
void     cardinal_file_remove_stale_writes (const char *directory);

/* The same for a GFile; a non-local one goes through g_file_replace_contents (). */
gboolean cardinal_file_replace    (GFile       *file,
                                   const char  *data,
                                   gsize        length,
                                   GError     **error);

G_END_DECLS
