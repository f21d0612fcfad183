/* blog.c: the blog scenario on the generated code: a user's profile (1:1, a second one refused), tags on posts both ways, groups. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "blog.h"
#include "scenario.h"

#define ERRMSG blog_errmsg

static void
print_tags (BlogDb *db, const Post *post)
{
  TagList tags = { NULL, 0 };
  size_t i;

  CHECK (post_tags (db, post, &tags));
  printf ("post \"%s\" tags:", post->title);
  for (i = 0; i < tags.len; i++)
    printf (" %s", tags.items[i].name);
  printf ("\n");
  tag_list_clear (&tags);
}

static void
print_posts (BlogDb *db, const Tag *tag)
{
  PostList posts = { NULL, 0 };
  size_t i;

  CHECK (tag_posts (db, tag, &posts));
  printf ("tag %s posts:", tag->name);
  for (i = 0; i < posts.len; i++)
    printf (" \"%s\"", posts.items[i].title);
  printf ("\n");
  post_list_clear (&posts);
}

static void
add_post (BlogDb *db, Post *post, const User *author, const char *title)
{
  memset (post, 0, sizeof *post);
  post->title = (char *) title;
  post->body = "…";
  post->published_is_null = true;   /* default: false */
  post->author_id = author->id;
  CHECK (post_insert (db, post));
}

int
main (int argc, char **argv)
{
  BlogDb *db = scenario_open (argc, argv);
  User alice = { 0 }, bob = { 0 };
  User *user = NULL;
  Profile profile = { 0 }, second = { 0 };
  Profile *got = NULL;
  Post first, other;
  Post *post = NULL;
  PostList posts = { NULL, 0 };
  Tag c = { 0 }, sql = { 0 };
  Group readers = { 0 };
  GroupList groups = { NULL, 0 };
  UserList users = { NULL, 0 };
  MembershipList memberships = { NULL, 0 };

  alice.username = "alice";
  alice.email = "alice@example.org";
  bob.username = "bob";
  bob.email = "bob@example.org";
  CHECK (user_insert (db, &alice));
  CHECK (user_insert (db, &bob));

  /* One-to-one, both ways. */
  profile.display_name = "Alice A.";
  profile.bio = "Writes about C";
  profile.user_id = alice.id;
  CHECK (profile_insert (db, &profile));
  CHECK (user_profile (db, &alice, &got));
  printf ("alice's profile: %s\n", got->display_name);
  CHECK (profile_user (db, got, &user));
  printf ("profile %s belongs to %s\n", got->display_name, user->username);
  profile_free (got);
  user_free (user);
  got = NULL;
  user = NULL;
  EXPECT_STATUS (user_profile (db, &bob, &got), BLOG_NOT_FOUND);
  EXPECT (got == NULL);
  printf ("bob has no profile\n");

  /* A second profile for the same user breaks the one-to-one: refused, not a crash. */
  second.display_name = "Alice again";
  second.user_id = alice.id;
  EXPECT_REFUSED (profile_insert (db, &second), BLOG_CONSTRAINT);
  printf ("second profile refused\n");

  /* Posts and their author. */
  add_post (db, &first, &alice, "Pointers");
  add_post (db, &other, &alice, "Queries");
  CHECK (post_get (db, first.id, &post));
  EXPECT (!post->published && !post->published_is_null);
  EXPECT (post->published_at == NULL && post->created_at != NULL);
  CHECK (post_author (db, post, &user));
  printf ("post \"%s\" by %s\n", post->title, user->username);
  user_free (user);
  user = NULL;
  post_free (post);
  post = NULL;
  CHECK (user_posts (db, &alice, &posts));
  printf ("alice wrote %zu posts\n", posts.len);
  post_list_clear (&posts);
  EXPECT_REFUSED (user_delete (db, alice.id), BLOG_CONSTRAINT);
  printf ("author with posts kept (restrict)\n");

  /* Tags: link, list both ways, unlink. */
  c.name = "c";
  sql.name = "sql";
  CHECK (tag_insert (db, &c));
  CHECK (tag_insert (db, &sql));
  CHECK (post_tag_link (db, &first, &c));
  CHECK (post_tag_link (db, &first, &sql));
  CHECK (post_tag_link (db, &other, &sql));
  EXPECT_REFUSED (post_tag_link (db, &other, &sql), BLOG_CONSTRAINT);
  print_tags (db, &first);
  print_posts (db, &sql);
  CHECK (post_tag_unlink (db, &first, &sql));
  EXPECT_STATUS (post_tag_unlink (db, &first, &sql), BLOG_NOT_FOUND);
  printf ("unlinked sql from \"%s\"\n", first.title);
  print_tags (db, &first);
  print_posts (db, &sql);

  /* Groups through a link table with its own key and a link attribute. */
  readers.name = "readers";
  CHECK (group_insert (db, &readers));
  CHECK (membership_link (db, &bob, &readers));
  CHECK (membership_link (db, &alice, &readers));
  CHECK (user_groups (db, &bob, &groups));
  printf ("bob is in %zu group(s): %s\n", groups.len, groups.items[0].name);
  group_list_clear (&groups);
  CHECK (group_users (db, &readers, &users));
  printf ("readers: %s %s\n", users.items[0].username, users.items[1].username);
  user_list_clear (&users);
  CHECK (group_memberships (db, &readers, &memberships));
  EXPECT (memberships.len == 2 && memberships.items[0].joined_at != NULL);
  CHECK (membership_user (db, &memberships.items[0], &user));
  printf ("first member: %s\n", user->username);
  user_free (user);
  membership_list_clear (&memberships);

  scenario_close (db);
  return 0;
}
