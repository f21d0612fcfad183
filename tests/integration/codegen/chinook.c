/* chinook.c: generated code over a schema imported from a real database reads that database's rows back. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "chinook.h"

#include "scenario.h"

#define ERRMSG chinook_errmsg

int
main (int argc, char **argv)
{
  void *db = scenario_open (argc, argv);
  Album *album = NULL;
  Artist *artist = NULL;
  AlbumList albums = { NULL, 0 };

  CHECK (Album_get (db, 1, &album));
  EXPECT (album->AlbumId == 1);
  EXPECT (strcmp (album->Title, "For Those About To Rock We Salute You") == 0);
  EXPECT (album->ArtistId == 1);

  CHECK (Album_Artist (db, album, &artist));
  EXPECT (artist->ArtistId == 1);
  EXPECT (strcmp (artist->Name, "AC/DC") == 0);
  Album_free (album);

  CHECK (Artist_Albums (db, artist, &albums));
  EXPECT (albums.len == 2);
  EXPECT (albums.items[0].AlbumId == 1 && albums.items[1].AlbumId == 4);
  Album_list_clear (&albums);
  Artist_free (artist);

  CHECK (Album_get (db, 3, &album));
  EXPECT (album->ArtistId == 2);
  CHECK (Album_Artist (db, album, &artist));
  EXPECT (strcmp (artist->Name, "Accept") == 0);
  Artist_free (artist);
  Album_free (album);

  EXPECT_STATUS (Album_get (db, 99, &album), CHINOOK_NOT_FOUND);
  EXPECT (album == NULL);

  scenario_close (db);
  printf ("ok\n");
  return 0;
}
