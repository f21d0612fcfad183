/* fkkey.c: navigation over foreign keys that reference UNIQUE columns (not the key): one held by a column in the middle of its table, and both of a link table. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "fkkey.h"

#include "scenario.h"

#define ERRMSG fkkey_errmsg

static void
add_city (FkkeyDb *db, City *city, const char *name, const char *country_code, int64_t population)
{
  memset (city, 0, sizeof *city);
  city->name = (char *) name;
  city->country_code = (char *) country_code;
  city->population = population;
  CHECK (city_insert (db, city));
}

int
main (int argc, char **argv)
{
  void *db = scenario_open (argc, argv);
  Country france, japan;
  City paris, lyon, osaka;
  Country *country = NULL;
  City *got = NULL;
  CityList cities = { NULL, 0 };

  /* The countries' ids and codes differ in order, so a join on the id would find the wrong one. */
  memset (&japan, 0, sizeof japan);
  japan.code = "JP";
  japan.name = "Japan";
  CHECK (country_insert (db, &japan));
  memset (&france, 0, sizeof france);
  france.code = "FR";
  france.name = "France";
  CHECK (country_insert (db, &france));

  add_city (db, &paris, "Paris", "FR", 2100000);
  add_city (db, &lyon, "Lyon", "FR", 520000);
  add_city (db, &osaka, "Osaka", "JP", 2700000);

  /* The FK column keeps its real name and place, and comes back from get. */
  CHECK (city_get (db, lyon.id, &got));
  EXPECT (strcmp (got->name, "Lyon") == 0);
  EXPECT (strcmp (got->country_code, "FR") == 0);
  EXPECT (!got->population_is_null && got->population == 520000);

  /* city → country through the code */
  CHECK (city_country (db, got, &country));
  EXPECT (country->id == france.id);
  EXPECT (strcmp (country->name, "France") == 0);
  city_free (got);

  /* country → cities through the code, in key order */
  CHECK (country_cities (db, country, &cities));
  EXPECT (cities.len == 2);
  EXPECT (cities.items[0].id == paris.id && strcmp (cities.items[0].name, "Paris") == 0);
  EXPECT (cities.items[1].id == lyon.id && strcmp (cities.items[1].name, "Lyon") == 0);
  city_list_clear (&cities);
  country_free (country);

  CHECK (country_cities (db, &japan, &cities));
  EXPECT (cities.len == 1 && cities.items[0].id == osaka.id);
  city_list_clear (&cities);

  /* The link table references country.code and language.iso; the ids are in
   * another order than the codes, so a join on an id would find the wrong rows. */
  {
    Language english, french;
    LanguageList languages = { NULL, 0 };
    CountryList countries = { NULL, 0 };

    memset (&english, 0, sizeof english);
    english.iso = "eng";
    english.name = "English";
    CHECK (language_insert (db, &english));
    memset (&french, 0, sizeof french);
    french.iso = "fra";
    french.name = "French";
    CHECK (language_insert (db, &french));

    CHECK (country_language_link (db, &france, &french));
    CHECK (country_language_link (db, &japan, &english));
    CHECK (country_language_link (db, &france, &english));

    CHECK (country_languages (db, &france, &languages));
    EXPECT (languages.len == 2);
    EXPECT (languages.items[0].id == english.id && strcmp (languages.items[0].iso, "eng") == 0);
    EXPECT (languages.items[1].id == french.id && strcmp (languages.items[1].name, "French") == 0);
    language_list_clear (&languages);

    CHECK (language_countries (db, &english, &countries));
    EXPECT (countries.len == 2);
    EXPECT (countries.items[0].id == japan.id && countries.items[1].id == france.id);
    country_list_clear (&countries);

    CHECK (country_language_unlink (db, &france, &english));
    EXPECT_STATUS (country_language_unlink (db, &france, &english), FKKEY_NOT_FOUND);
    CHECK (language_countries (db, &english, &countries));
    EXPECT (countries.len == 1 && strcmp (countries.items[0].code, "JP") == 0);
    country_list_clear (&countries);
  }

  /* The reference is checked against the code. */
  {
    City nowhere;

    memset (&nowhere, 0, sizeof nowhere);
    nowhere.name = "Nowhere";
    nowhere.country_code = "XX";
    EXPECT_REFUSED (city_insert (db, &nowhere), FKKEY_CONSTRAINT);
  }

  scenario_close (db);
  printf ("ok\n");
  return 0;
}
