/* gallery.c: every gallery variant of user/address (A1–C2) round-trips insert → get → navigation on the generated code.
 * Built once per variant with -DGALLERY_<variant>. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#if defined(GALLERY_A1)
#include "gallery_a1_merged.h"
#define PREFIX(x) gallery_a1_merged_##x
#define UPPER(x) GALLERY_A1_MERGED_##x
typedef GalleryA1MergedDb Db;
#elif defined(GALLERY_A2)
#include "gallery_a2_shared_pk.h"
#define PREFIX(x) gallery_a2_shared_pk_##x
#define UPPER(x) GALLERY_A2_SHARED_PK_##x
typedef GalleryA2SharedPkDb Db;
#elif defined(GALLERY_A3)
#include "gallery_a3_unique_fk.h"
#define PREFIX(x) gallery_a3_unique_fk_##x
#define UPPER(x) GALLERY_A3_UNIQUE_FK_##x
typedef GalleryA3UniqueFkDb Db;
#elif defined(GALLERY_B1)
#include "gallery_b1_fk.h"
#define PREFIX(x) gallery_b1_fk_##x
#define UPPER(x) GALLERY_B1_FK_##x
typedef GalleryB1FkDb Db;
#elif defined(GALLERY_B2)
#include "gallery_b2_link_table.h"
#define PREFIX(x) gallery_b2_link_table_##x
#define UPPER(x) GALLERY_B2_LINK_TABLE_##x
typedef GalleryB2LinkTableDb Db;
#elif defined(GALLERY_C1)
#include "gallery_c1_link_table.h"
#define PREFIX(x) gallery_c1_link_table_##x
#define UPPER(x) GALLERY_C1_LINK_TABLE_##x
typedef GalleryC1LinkTableDb Db;
#elif defined(GALLERY_C2)
#include "gallery_c2_link_table_pk.h"
#define PREFIX(x) gallery_c2_link_table_pk_##x
#define UPPER(x) GALLERY_C2_LINK_TABLE_PK_##x
typedef GalleryC2LinkTablePkDb Db;
#else
#error "build with -DGALLERY_A1 … -DGALLERY_C2"
#endif

#include "scenario.h"

#define ERRMSG PREFIX (errmsg)
#define ST_NOT_FOUND UPPER (NOT_FOUND)
#define ST_CONSTRAINT UPPER (CONSTRAINT)

static void
add_user (Db *db, User *user, const char *name, const char *email)
{
  memset (user, 0, sizeof *user);
  user->name = (char *) name;
  user->email = (char *) email;
  CHECK (user_insert (db, user));
  EXPECT (user->id > 0);
}

#if !defined(GALLERY_A1)
static void
add_address (Db *db, Address *address, const char *street, const char *postal_code)
{
  address->street = (char *) street;
  address->city = "Springfield";
  address->postal_code = (char *) postal_code;
  CHECK (address_insert (db, address));
}

static void
expect_address (const Address *got, const Address *wanted)
{
  EXPECT (got->id == wanted->id);
  EXPECT (strcmp (got->street, wanted->street) == 0);
  EXPECT (strcmp (got->city, wanted->city) == 0);
  EXPECT ((got->postal_code == NULL) == (wanted->postal_code == NULL));
  EXPECT (got->postal_code == NULL || strcmp (got->postal_code, wanted->postal_code) == 0);
}
#endif

int
main (int argc, char **argv)
{
  Db *db = scenario_open (argc, argv);
  User ann, bob;
  User *got_user = NULL;

  add_user (db, &ann, "Ann", "ann@example.org");
  add_user (db, &bob, "Bob", "bob@example.org");
  CHECK (user_get (db, ann.id, &got_user));
  EXPECT (strcmp (got_user->name, "Ann") == 0 && strcmp (got_user->email, "ann@example.org") == 0);
  user_free (got_user);
  got_user = NULL;

#if defined(GALLERY_A1)
  /* Merged: the address is part of the user row; no navigation. */
  {
    User *got = NULL;

    EXPECT (ann.street == NULL);
    CHECK (user_get (db, bob.id, &got));
    EXPECT (got->street == NULL && got->city == NULL && got->postal_code == NULL);
    got->street = scenario_strdup ("1 Main St");
    got->city = scenario_strdup ("Springfield");
    CHECK (user_update (db, got));
    user_free (got);
    got = NULL;
    CHECK (user_get (db, bob.id, &got));
    EXPECT (strcmp (got->street, "1 Main St") == 0 && strcmp (got->city, "Springfield") == 0);
    EXPECT (got->postal_code == NULL);
    user_free (got);
  }
#elif defined(GALLERY_A2) || defined(GALLERY_A3)
  /* One-to-one: one getter on each side; a second address for a user is refused. */
  {
    Address home = { 0 }, second = { 0 };
    Address *got = NULL;

#if defined(GALLERY_A2)
    home.id = ann.id;        /* shared primary key */
    second.id = ann.id;
#else
    home.user_id = ann.id;   /* unique foreign key */
    second.user_id = ann.id;
#endif
    add_address (db, &home, "1 Main St", "12345");
    CHECK (address_get (db, home.id, &got));
    expect_address (got, &home);
    CHECK (address_user (db, got, &got_user));
    EXPECT (got_user->id == ann.id);
    user_free (got_user);
    got_user = NULL;
    address_free (got);
    got = NULL;
    CHECK (user_address (db, &ann, &got));
    expect_address (got, &home);
    address_free (got);
    got = NULL;
    EXPECT_STATUS (user_address (db, &bob, &got), ST_NOT_FOUND);
    EXPECT (got == NULL);
    second.street = "2 Side St";
    second.city = "Springfield";
    EXPECT_REFUSED (address_insert (db, &second), ST_CONSTRAINT);
  }
#elif defined(GALLERY_B1)
  /* One-to-many by a foreign key: a list from the user, a getter from the address. */
  {
    Address home = { 0 }, work = { 0 };
    Address *got = NULL;
    AddressList list = { NULL, 0 };

    home.user_id = ann.id;
    work.user_id = ann.id;
    add_address (db, &home, "1 Main St", NULL);
    add_address (db, &work, "2 Work Rd", "99999");
    CHECK (address_get (db, work.id, &got));
    expect_address (got, &work);
    CHECK (address_user (db, got, &got_user));
    EXPECT (got_user->id == ann.id);
    user_free (got_user);
    address_free (got);
    CHECK (user_addresses (db, &ann, &list));
    EXPECT (list.len == 2);
    expect_address (&list.items[0], &home);
    expect_address (&list.items[1], &work);
    address_list_clear (&list);
    CHECK (user_addresses (db, &bob, &list));
    EXPECT (list.len == 0);
    /* on-delete cascade: the user's addresses go with the user. */
    CHECK (user_delete (db, ann.id));
    EXPECT_STATUS (address_get (db, home.id, &got), ST_NOT_FOUND);
  }
#else
  /* Link tables: B2 (one-to-many), C1 and C2 (many-to-many). */
  {
    Address home = { 0 }, work = { 0 };
    Address *got = NULL;
    AddressList list = { NULL, 0 };

    add_address (db, &home, "1 Main St", "12345");
    add_address (db, &work, "2 Work Rd", NULL);
    CHECK (address_get (db, home.id, &got));
    expect_address (got, &home);
    address_free (got);
    got = NULL;
    CHECK (user_address_link (db, &ann, &home));
    CHECK (user_address_link (db, &ann, &work));
    EXPECT_REFUSED (user_address_link (db, &ann, &work), ST_CONSTRAINT);
    CHECK (user_addresses (db, &ann, &list));
    EXPECT (list.len == 2);
    expect_address (&list.items[0], &home);
    expect_address (&list.items[1], &work);
    address_list_clear (&list);
#if defined(GALLERY_B2)
    /* An address belongs to one user: a second owner is refused. */
    EXPECT_REFUSED (user_address_link (db, &bob, &home), ST_CONSTRAINT);
    CHECK (address_user (db, &home, &got_user));
    EXPECT (got_user->id == ann.id);
    user_free (got_user);
    got_user = NULL;
    CHECK (user_address_unlink (db, &ann, &home));
    EXPECT_STATUS (address_user (db, &home, &got_user), ST_NOT_FOUND);
#else
    {
      UserList users = { NULL, 0 };

      CHECK (user_address_link (db, &bob, &home));
      CHECK (address_users (db, &home, &users));
      EXPECT (users.len == 2 && users.items[0].id == ann.id && users.items[1].id == bob.id);
      user_list_clear (&users);
      CHECK (user_address_unlink (db, &ann, &home));
      CHECK (address_users (db, &home, &users));
      EXPECT (users.len == 1 && users.items[0].id == bob.id);
      user_list_clear (&users);
    }
#endif
    EXPECT_STATUS (user_address_unlink (db, &ann, &home), ST_NOT_FOUND);
    CHECK (user_addresses (db, &ann, &list));
    EXPECT (list.len == 1 && list.items[0].id == work.id);
    address_list_clear (&list);
  }
#endif

  printf ("ok\n");
  scenario_close (db);
  return 0;
}
