/* inventory.c: format 2 on the generated code: tables in a PostgreSQL schema, an identity ALWAYS key and a generated column the code never writes, a table without a primary key. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "inventory.h"

#include "scenario.h"

#define ERRMSG inventory_errmsg

int
main (int argc, char **argv)
{
  void *db = scenario_open (argc, argv);
  Item item;
  Item *got = NULL;
  Tag tag;
  TagList tags = { NULL, 0 };
  int64_t first_id;

  memset (&item, 0, sizeof item);
  item.name = "widget";
  item.name_upper = "ignored: computed by the database";
  CHECK (item_insert (db, &item));
  EXPECT (item.id > 0);
  first_id = item.id;

  CHECK (item_get (db, item.id, &got));
  EXPECT (strcmp (got->name, "widget") == 0);
  EXPECT (strcmp (got->name_upper, "WIDGET") == 0);

  /* update writes neither the identity nor the generated column */
  free (got->name);
  got->name = scenario_strdup ("gadget");
  CHECK (item_update (db, got));
  item_free (got);
  CHECK (item_get (db, first_id, &got));
  EXPECT (got->id == first_id);
  EXPECT (strcmp (got->name_upper, "GADGET") == 0);

  memset (&tag, 0, sizeof tag);
  tag.label = "blue";
  tag.item_id = first_id;
  CHECK (tag_insert (db, &tag));
  tag.label = "small";
  CHECK (tag_insert (db, &tag));
  CHECK (item_tags (db, got, &tags));
  EXPECT (tags.len == 2);
  EXPECT (tags.items[0].item_id == first_id && tags.items[1].item_id == first_id);
  tag_list_clear (&tags);
  item_free (got);

  CHECK (tag_list (db, -1, 0, &tags));
  EXPECT (tags.len == 2);
  CHECK (tag_item (db, &tags.items[1], &got));
  EXPECT (got->id == first_id);
  item_free (got);
  tag_list_clear (&tags);

  scenario_close (db);
  printf ("ok\n");
  return 0;
}
