/* hostile.c: hostile values (quotes, SQL, unicode, empty strings, NULLs) stored through the generated blog code and read back byte-identical. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "blog.h"
#include "scenario.h"

#define ERRMSG blog_errmsg

static const char * const hostile[] = {
  "O'Brien said \"hi\"",
  "'; DROP TABLE \"user\"; --",
  "Robert'); DROP TABLE post;--",
  "back\\slash and %s %d %n",
  "naïve café — 日本語 🎉 \xe2\x80\x8b",
  "tab\tnew\nline\r",
  "?\?=trigraph?\?/ and ?? alone",
  "",
  " ",
};

static int
same (const char *a, const char *b)
{
  return a != NULL && b != NULL && strlen (a) == strlen (b) && memcmp (a, b, strlen (a)) == 0;
}

int
main (int argc, char **argv)
{
  BlogDb *db = scenario_open (argc, argv);
  UserList users = { NULL, 0 };
  size_t i, n = sizeof hostile / sizeof hostile[0];

  for (i = 0; i < n; i++)
    {
      char username[32], email[32];
      User user = { 0 };
      Profile profile = { 0 };
      Profile *got = NULL;
      Tag tag = { 0 };
      Tag *got_tag = NULL;

      snprintf (username, sizeof username, "u%zu", i);
      snprintf (email, sizeof email, "u%zu@example.org", i);
      user.username = username;
      user.email = email;
      CHECK (user_insert (db, &user));

      profile.display_name = (char *) hostile[i];
      profile.bio = (char *) hostile[(i + 1) % n];
      profile.avatar_url = NULL;
      profile.user_id = user.id;
      CHECK (profile_insert (db, &profile));
      CHECK (profile_get (db, profile.id, &got));
      EXPECT (same (got->display_name, hostile[i]));
      EXPECT (same (got->bio, hostile[(i + 1) % n]));
      EXPECT (got->avatar_url == NULL);

      /* Update to other hostile values, and NULL to empty and back. */
      free (got->bio);
      got->bio = NULL;
      free (got->avatar_url);
      got->avatar_url = scenario_strdup ("");
      CHECK (profile_update (db, got));
      profile_free (got);
      got = NULL;
      CHECK (profile_get (db, profile.id, &got));
      EXPECT (got->bio == NULL);
      EXPECT (same (got->avatar_url, ""));
      profile_free (got);

      /* A hostile value in a UNIQUE column, and as a navigation key's row. */
      tag.name = (char *) hostile[i];
      CHECK (tag_insert (db, &tag));
      CHECK (tag_get (db, tag.id, &got_tag));
      EXPECT (same (got_tag->name, hostile[i]));
      tag_free (got_tag);
      EXPECT_REFUSED (tag_insert (db, &tag), BLOG_CONSTRAINT);
    }

  /* Nothing was dropped: every user is still there. */
  CHECK (user_list (db, -1, 0, &users));
  EXPECT (users.len == n);
  user_list_clear (&users);
  printf ("%zu hostile values stored and read back byte-identical\n", n);

  scenario_close (db);
  return 0;
}
