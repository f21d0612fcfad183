/* cardinal-test-scenarios.c: each example's DDL on a real database: the catalogue read back, and the constraints by behaviour. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "cardinal-test-scenarios.h"

#include <stdarg.h>
#include <string.h>

#include "cardinal-ddl.h"
#include "cardinal-engineer.h"
#include "cardinal-test-support.h"
#include "cardinal-validate.h"

/* An id that no example row ever gets: the rows here number in the tens. */
#define MISSING_ID "999999"

typedef struct
{
  CardinalModel  *model;
  CardinalSchema *schema;
  CardinalTestDb *db;
  guint           serial;  /* keeps generated values distinct, for UNIQUE columns */
} Fixture;

typedef struct
{
  const char  *example;
  void       (*check) (Fixture *f);
} Behaviour;

/* What one registered test case runs on. */
typedef struct
{
  CardinalTestDbOpenFunc  open;
  char                   *example;
  const Behaviour        *behaviour;  /* NULL for a catalogue test */
} TestCase;

/* Setup: an example, validated, engineered and created in a fresh database */

static void
assert_no_validation_errors (const char          *name,
                             const CardinalModel *model)
{
  g_autoptr(GPtrArray) diagnostics = cardinal_validate (model);
  g_autoptr(GString) errors = g_string_new ("");

  for (guint i = 0; i < diagnostics->len; i++)
    {
      const CardinalDiagnostic *diagnostic = g_ptr_array_index (diagnostics, i);
      g_autofree char *line = NULL;

      if (diagnostic->severity != CARDINAL_SEVERITY_ERROR)
        continue;
      line = cardinal_diagnostic_format (diagnostic, name);
      g_string_append_printf (errors, "%s\n", line);
    }

  g_assert_cmpstr (errors->str, ==, "");
  g_assert_false (cardinal_diagnostics_have_errors (diagnostics));
}

static void
fixture_free (Fixture *f)
{
  g_clear_pointer (&f->db, cardinal_test_db_free);
  g_clear_pointer (&f->schema, cardinal_schema_free);
  g_clear_pointer (&f->model, cardinal_model_free);
  g_free (f);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Fixture, fixture_free)

/* The example in a database of its own, or NULL when there is no database
 * (the test case is then skipped or failed already). */
static Fixture *
fixture_new (const TestCase *test_case)
{
  g_autoptr(Fixture) f = g_new0 (Fixture, 1);
  g_autoptr(GError) error = NULL;
  g_autofree char *ddl = NULL;

  f->db = test_case->open (&error);
  g_assert_no_error (error);
  if (f->db == NULL)
    return NULL;

  f->model = cardinal_test_load_example (test_case->example);
  assert_no_validation_errors (test_case->example, f->model);
  f->schema = cardinal_engineer (f->model);
  ddl = cardinal_ddl_render (f->schema, cardinal_test_db_get_dialect (f->db));

  if (!cardinal_test_db_execute (f->db, ddl, &error))
    g_test_message ("DDL that failed:\n%s", ddl);
  g_assert_no_error (error);

  return g_steal_pointer (&f);
}

/* The engineered schema */

static CardinalTable *
schema_table (Fixture    *f,
              const char *name)
{
  CardinalTable *table = cardinal_schema_find_table (f->schema, name);

  if (table == NULL)
    g_error ("the engineered schema of %s has no table %s", f->model->name, name);
  return table;
}

/* The link table that @relationship produced. */
static const char *
link_table (Fixture    *f,
            const char *relationship)
{
  for (guint i = 0; i < f->schema->tables->len; i++)
    {
      CardinalTable *table = g_ptr_array_index (f->schema->tables, i);

      if (table->entity == NULL && g_strcmp0 (table->relationship, relationship) == 0)
        return table->name;
    }
  g_error ("relationship %s produced no link table", relationship);
  return NULL;
}

/* The single FK column of @table that references @ref_table, as the engineer named it. */
static const char *
fk_column (Fixture    *f,
           const char *table_name,
           const char *ref_table)
{
  CardinalTable *table = schema_table (f, table_name);

  for (guint i = 0; i < table->foreign_keys->len; i++)
    {
      CardinalForeignKey *fk = g_ptr_array_index (table->foreign_keys, i);

      if (g_str_equal (fk->ref_table, ref_table))
        {
          g_assert_cmpuint (g_strv_length (fk->columns), ==, 1);
          return fk->columns[0];
        }
    }
  g_error ("%s has no foreign key to %s", table_name, ref_table);
  return NULL;
}

/* The catalogue */

static void
test_catalogue (gconstpointer data)
{
  g_autoptr(Fixture) f = fixture_new (data);
  g_autoptr(CardinalSchema) catalogue = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *difference = NULL;

  if (f == NULL)
    return;

  g_assert_cmpuint (f->schema->tables->len, >, 0);
  catalogue = cardinal_test_db_read_catalogue (f->db, &error);
  g_assert_no_error (error);
  difference = cardinal_test_db_compare_catalogue (f->db, f->schema, catalogue, &error);
  g_assert_no_error (error);
  if (difference != NULL)
    g_test_fail_printf ("%s, %s: %s", cardinal_test_db_get_name (f->db), f->model->name, difference);

  /* Nothing the DDL created may already be inconsistent. */
  cardinal_test_db_check_integrity (f->db, &error);
  g_assert_no_error (error);
}

/* Rows: inserts that fill in whatever the test does not care about */

/* A fresh value of the column's type, distinct on every call, in a text
 * form that both SQLite and PostgreSQL read as that type. */
static char *
sample_value (Fixture              *f,
              const CardinalColumn *column)
{
  CardinalType type;
  guint n = ++f->serial;

  if (!cardinal_type_parse (column->type, &type, NULL))
    type.base = CARDINAL_TYPE_RAW;

  switch (type.base)
    {
    case CARDINAL_TYPE_INTEGER:
    case CARDINAL_TYPE_BIGINT:
    case CARDINAL_TYPE_SMALLINT:
      return g_strdup_printf ("%u", n);
    case CARDINAL_TYPE_BOOLEAN:
      return g_strdup ("1");
    case CARDINAL_TYPE_NUMERIC:
    case CARDINAL_TYPE_REAL:
    case CARDINAL_TYPE_DOUBLE:
      return g_strdup_printf ("%u.5", n);
    case CARDINAL_TYPE_DATE:
      return g_strdup ("2024-05-01");
    case CARDINAL_TYPE_TIME:
      return g_strdup ("12:30:00");
    case CARDINAL_TYPE_TIMESTAMP:
      return g_strdup ("2024-05-01 12:30:00");
    case CARDINAL_TYPE_TIMESTAMPTZ:
      return g_strdup ("2024-05-01 12:30:00+00");
    case CARDINAL_TYPE_UUID:
      return g_uuid_string_random ();
    case CARDINAL_TYPE_JSON:
      return g_strdup_printf ("{\"n\": %u}", n);
    case CARDINAL_TYPE_BYTES:
      /* PostgreSQL's hex form of bytea; SQLite keeps it as it is. */
      return g_strdup_printf ("\\x%08x", n);
    case CARDINAL_TYPE_VARCHAR:
      {
        g_autofree char *text = g_strdup_printf ("v%u", n);
        gsize len = strlen (text);

        /* Keep the distinguishing digits when the column is narrow. */
        if (type.length > 0 && len > (gsize) type.length)
          return g_strdup (text + len - (gsize) type.length);
        return g_steal_pointer (&text);
      }
    case CARDINAL_TYPE_TEXT:
    case CARDINAL_TYPE_RAW:
    default:
      return g_strdup_printf ("value %u", n);
    }
}

/* Inserts into @table the column/value pairs in @args (a NULL value is SQL
 * NULL) plus a sample value for every other NOT NULL column that has no
 * default and is not generated. @key_out gets the new row's primary key
 * when it is a single column. */
static CardinalTestDbOutcome
insert_row_valist (Fixture     *f,
                   const char  *table_name,
                   char       **key_out,
                   va_list      args)
{
  CardinalTable *table = schema_table (f, table_name);
  g_autoptr(GPtrArray) columns = g_ptr_array_new ();
  g_autoptr(GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while ((name = va_arg (args, const char *)) != NULL)
    {
      const char *value = va_arg (args, const char *);

      g_assert_nonnull (cardinal_table_find_column (table, name));
      g_ptr_array_add (columns, (gpointer) name);
      g_ptr_array_add (values, g_strdup (value));
    }

  for (guint i = 0; i < table->columns->len; i++)
    {
      const CardinalColumn *column = g_ptr_array_index (table->columns, i);
      gboolean given = FALSE;

      for (guint k = 0; k < columns->len && !given; k++)
        given = g_str_equal (g_ptr_array_index (columns, k), column->name);
      if (given || column->nullable || column->autoincrement || column->default_value != NULL)
        continue;
      g_ptr_array_add (columns, column->name);
      g_ptr_array_add (values, sample_value (f, column));
    }

  return cardinal_test_db_insert (f->db, table->name,
                                  (const char * const *) columns->pdata,
                                  (const char * const *) values->pdata, columns->len,
                                  g_strv_length (table->primary_key) == 1 ? table->primary_key[0] : NULL,
                                  key_out);
}

static void
assert_accepted (Fixture               *f,
                 CardinalTestDbOutcome  outcome,
                 const char            *table)
{
  if (outcome != CARDINAL_TEST_DB_ACCEPTED)
    g_error ("%s: %s: expected the change to be accepted, got: %s", cardinal_test_db_get_name (f->db),
             table, cardinal_test_db_get_last_error (f->db));
}

/* @expected names the constraint that must refuse the change: a refusal for
 * another reason would hide a constraint that is missing. */
static void
assert_violation (Fixture               *f,
                  CardinalTestDbOutcome  outcome,
                  CardinalTestDbOutcome  expected,
                  const char            *table)
{
  if (outcome == CARDINAL_TEST_DB_ACCEPTED)
    g_error ("%s: %s: expected a %s violation, but the change was accepted",
             cardinal_test_db_get_name (f->db), table, cardinal_test_db_outcome_to_string (expected));
  if (outcome != expected)
    g_error ("%s: %s: expected a %s violation, got: %s", cardinal_test_db_get_name (f->db), table,
             cardinal_test_db_outcome_to_string (expected), cardinal_test_db_get_last_error (f->db));
}

/* Inserts a row that must be accepted; returns its primary key ("" when composite). */
G_GNUC_NULL_TERMINATED
static char *
insert_ok (Fixture    *f,
           const char *table,
           ...)
{
  char *key = NULL;
  CardinalTestDbOutcome outcome;
  va_list args;

  va_start (args, table);
  outcome = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_accepted (f, outcome, table);
  return key != NULL ? key : g_strdup ("");
}

/* Inserts a row that the @expected constraint must reject. */
G_GNUC_NULL_TERMINATED
static void
insert_rejected (Fixture               *f,
                 CardinalTestDbOutcome  expected,
                 const char            *table,
                 ...)
{
  g_autofree char *key = NULL;
  CardinalTestDbOutcome outcome;
  va_list args;

  va_start (args, table);
  outcome = insert_row_valist (f, table, &key, args);
  va_end (args);

  assert_violation (f, outcome, expected, table);
}

static void
delete_ok (Fixture    *f,
           const char *table,
           const char *column,
           const char *value)
{
  assert_accepted (f, cardinal_test_db_delete (f->db, table, column, value), table);
}

/* A delete that a RESTRICT foreign key must refuse. */
static void
delete_rejected (Fixture    *f,
                 const char *table,
                 const char *column,
                 const char *value)
{
  assert_violation (f, cardinal_test_db_delete (f->db, table, column, value),
                    CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, table);
}

/* The value of @column in the row of @table where @key_column = @key, as text (NULL for SQL NULL). */
static char *
row_value (Fixture    *f,
           const char *table,
           const char *column,
           const char *key_column,
           const char *key)
{
  g_autoptr(GError) error = NULL;
  char *value = NULL;

  cardinal_test_db_read_value (f->db, table, column, key_column, key, &value, &error);
  g_assert_no_error (error);
  return value;
}

static guint
count_rows (Fixture    *f,
            const char *table,
            const char *column,
            const char *value)
{
  g_autoptr(GError) error = NULL;
  guint count = 0;

  cardinal_test_db_count (f->db, table, column, value, &count, &error);
  g_assert_no_error (error);
  return count;
}

/* Behaviour of each example's constraints */

static void
check_gallery_a1_merged (Fixture *f)
{
  CardinalTable *user = schema_table (f, "user");
  g_autofree char *u1 = NULL;
  g_autofree char *u2 = NULL;
  g_autofree char *street = NULL;

  /* One table: the address is folded into the user, without its own key. */
  g_assert_cmpuint (f->schema->tables->len, ==, 1);
  g_assert_null (cardinal_schema_find_table (f->schema, "address"));
  g_assert_nonnull (cardinal_table_find_column (user, "street"));
  g_assert_nonnull (cardinal_table_find_column (user, "city"));
  g_assert_nonnull (cardinal_table_find_column (user, "postal_code"));

  /* A user need not have an address, so the folded columns may stay empty. */
  u1 = insert_ok (f, "user", NULL);
  u2 = insert_ok (f, "user", "street", "1 Main St", "city", "Springfield", NULL);
  g_assert_cmpstr (u1, !=, u2);
  street = row_value (f, "user", "street", "id", u2);
  g_assert_cmpstr (street, ==, "1 Main St");
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "user", "name", NULL, NULL);
}

static void
check_gallery_a2_shared_pk (Fixture *f)
{
  g_autofree char *u = insert_ok (f, "user", NULL);
  g_autofree char *a = NULL;

  /* The address's key is its user's key. */
  a = insert_ok (f, "address", "id", u, NULL);
  g_assert_cmpstr (a, ==, u);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, "address", "id", u, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "address", "id", MISSING_ID, NULL);

  delete_ok (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "address", "id", u), ==, 0);
}

static void
check_gallery_a3_unique_fk (Fixture *f)
{
  const char *user_id = fk_column (f, "address", "user");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = NULL;
  g_autofree char *a2 = NULL;

  a1 = insert_ok (f, "address", user_id, u1, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, "address", user_id, u1, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "address", user_id, NULL, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "address", user_id, MISSING_ID, NULL);
  a2 = insert_ok (f, "address", user_id, u2, NULL);
  g_assert_cmpstr (a1, !=, a2);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", a2), ==, 1);
}

static void
check_gallery_b1_fk (Fixture *f)
{
  const char *user_id = fk_column (f, "address", "user");
  g_autofree char *u1 = insert_ok (f, "user", NULL);
  g_autofree char *u2 = insert_ok (f, "user", NULL);
  g_autofree char *a1 = insert_ok (f, "address", user_id, u1, NULL);
  g_autofree char *a2 = insert_ok (f, "address", user_id, u1, NULL);
  g_autofree char *a3 = insert_ok (f, "address", user_id, u2, NULL);

  g_assert_true (a1 != NULL && a2 != NULL && g_strcmp0 (a1, a2) != 0);
  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 2);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "address", user_id, NULL, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "address", user_id, MISSING_ID, NULL);

  delete_ok (f, "user", "id", u1);
  g_assert_cmpuint (count_rows (f, "address", user_id, u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", a3), ==, 1);
}

/* The link table "user_address" of the gallery's link table strategies
 * (B2, C1, C2), its foreign key columns, and two users and two addresses to link. */
typedef struct
{
  const char *link;
  const char *user_id;
  const char *address_id;
  char       *u1;
  char       *u2;
  char       *a1;
  char       *a2;
} UserAddress;

static void
user_address_clear (UserAddress *ua)
{
  g_clear_pointer (&ua->u1, g_free);
  g_clear_pointer (&ua->u2, g_free);
  g_clear_pointer (&ua->a1, g_free);
  g_clear_pointer (&ua->a2, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (UserAddress, user_address_clear)

static void
user_address_init (Fixture     *f,
                   UserAddress *ua)
{
  ua->link = link_table (f, "user_address");
  ua->user_id = fk_column (f, ua->link, "user");
  ua->address_id = fk_column (f, ua->link, "address");
  ua->u1 = insert_ok (f, "user", NULL);
  ua->u2 = insert_ok (f, "user", NULL);
  ua->a1 = insert_ok (f, "address", NULL);
  ua->a2 = insert_ok (f, "address", NULL);
}

/* Links @user to @address; returns the link row's key ("" when composite). */
static char *
link_ok (Fixture           *f,
         const UserAddress *ua,
         const char        *user,
         const char        *address)
{
  return insert_ok (f, ua->link, ua->user_id, user, ua->address_id, address, NULL);
}

static void
link_rejected (Fixture               *f,
               const UserAddress     *ua,
               CardinalTestDbOutcome  expected,
               const char            *user,
               const char            *address)
{
  insert_rejected (f, expected, ua->link, ua->user_id, user, ua->address_id, address, NULL);
}

static void
check_gallery_b2_link_table (Fixture *f)
{
  g_auto(UserAddress) ua = { 0 };
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;

  user_address_init (f, &ua);

  /* A user has many addresses; an address belongs to one user only. */
  l1 = link_ok (f, &ua, ua.u1, ua.a1);
  l2 = link_ok (f, &ua, ua.u1, ua.a2);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_UNIQUE, ua.u2, ua.a1);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_UNIQUE, ua.u1, ua.a1);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, ua.u2, MISSING_ID);

  delete_ok (f, "user", "id", ua.u1);
  g_assert_cmpuint (count_rows (f, ua.link, ua.user_id, ua.u1), ==, 0);
  g_assert_cmpuint (count_rows (f, "address", "id", ua.a1), ==, 1);
}

static void
check_gallery_c1_link_table (Fixture *f)
{
  g_auto(UserAddress) ua = { 0 };
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;
  g_autofree char *l3 = NULL;

  user_address_init (f, &ua);

  /* Unlike B2, an address may be shared; each pair appears once. */
  l1 = link_ok (f, &ua, ua.u1, ua.a1);
  l2 = link_ok (f, &ua, ua.u2, ua.a1);
  l3 = link_ok (f, &ua, ua.u1, ua.a2);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_UNIQUE, ua.u1, ua.a1);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, MISSING_ID, ua.a2);

  delete_ok (f, "address", "id", ua.a1);
  g_assert_cmpuint (count_rows (f, ua.link, ua.address_id, ua.a1), ==, 0);
  g_assert_cmpuint (count_rows (f, ua.link, ua.user_id, ua.u1), ==, 1);
}

static void
check_gallery_c2_link_table_pk (Fixture *f)
{
  g_auto(UserAddress) ua = { 0 };
  g_autofree char *l1 = NULL;
  g_autofree char *l2 = NULL;

  user_address_init (f, &ua);

  /* The link row's own key is generated; the pair stays unique. */
  l1 = link_ok (f, &ua, ua.u1, ua.a1);
  l2 = link_ok (f, &ua, ua.u2, ua.a1);
  g_assert_cmpstr (l1, !=, "");
  g_assert_cmpstr (l2, !=, "");
  g_assert_cmpstr (l1, !=, l2);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_UNIQUE, ua.u1, ua.a1);
  link_rejected (f, &ua, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, ua.u1, NULL);

  delete_ok (f, "user", "id", ua.u1);
  g_assert_cmpuint (count_rows (f, ua.link, ua.user_id, ua.u1), ==, 0);
  g_assert_cmpuint (count_rows (f, ua.link, ua.user_id, ua.u2), ==, 1);
}

static void
check_cars (Fixture *f)
{
  const char *brand_id = fk_column (f, "car_model", "car_brand");
  const char *model_id = fk_column (f, "car_info", "car_model");
  g_autofree char *brand = insert_ok (f, "car_brand", NULL);
  g_autofree char *model = insert_ok (f, "car_model", brand_id, brand, NULL);
  g_autofree char *car = insert_ok (f, "car_info", model_id, model, "price", "20000.00", NULL);
  g_autofree char *car_id = row_value (f, "car_info", "car_id", "id", car);

  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, "car_info", model_id, model, "car_id", car_id, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "car_info", model_id, NULL, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "car_model", brand_id, MISSING_ID, NULL);

  /* A brand with models stays; a model takes its cars with it. */
  delete_rejected (f, "car_brand", "id", brand);
  g_assert_cmpuint (count_rows (f, "car_brand", "id", brand), ==, 1);
  delete_ok (f, "car_model", "id", model);
  g_assert_cmpuint (count_rows (f, "car_info", "id", car), ==, 0);
  delete_ok (f, "car_brand", "id", brand);
}

static void
check_school (Fixture *f)
{
  const char *link = link_table (f, "enrollment");
  const char *student_id = fk_column (f, link, "student");
  const char *course_id = fk_column (f, link, "course");
  g_autofree char *s1 = insert_ok (f, "student", NULL);
  g_autofree char *s2 = insert_ok (f, "student", NULL);
  g_autofree char *c1 = insert_ok (f, "course", NULL);
  g_autofree char *c2 = insert_ok (f, "course", NULL);
  g_autofree char *e1 = NULL;
  g_autofree char *e2 = NULL;
  g_autofree char *enrolled_at = NULL;
  g_autofree char *grade = NULL;
  g_autofree char *credits = NULL;

  e1 = insert_ok (f, link, student_id, s1, course_id, c1, NULL);
  e2 = insert_ok (f, link, student_id, s2, course_id, c1, "grade", "A", NULL);

  /* The link attributes: a default fills enrolled_at, grade may stay empty. */
  enrolled_at = row_value (f, link, "enrolled_at", student_id, s1);
  g_assert_nonnull (enrolled_at);
  g_assert_cmpstr (enrolled_at, !=, "");
  grade = row_value (f, link, "grade", student_id, s1);
  g_assert_null (grade);
  credits = row_value (f, "course", "credits", "id", c1);
  g_assert_cmpstr (credits, ==, "3");

  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, link, student_id, s1, course_id, c1, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, link, student_id, s1, course_id, c2,
                   "enrolled_at", NULL, NULL);

  delete_ok (f, "course", "id", c1);
  g_assert_cmpuint (count_rows (f, link, course_id, c1), ==, 0);
}

static void
check_blog (Fixture *f)
{
  const char *profile_user = fk_column (f, "profile", "user");
  const char *author_id = fk_column (f, "post", "user");
  const char *post_tag = link_table (f, "post_tag");
  const char *membership = link_table (f, "membership");
  g_autofree char *u = insert_ok (f, "user", NULL);
  g_autofree char *other = insert_ok (f, "user", NULL);
  g_autofree char *profile = NULL;
  g_autofree char *post = NULL;
  g_autofree char *tag = NULL;
  g_autofree char *group = NULL;
  g_autofree char *member = NULL;
  g_autofree char *tagged = NULL;

  g_assert_cmpstr (author_id, ==, "author_id");

  /* A profile needs its user, and a user has one profile at most. */
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "profile", profile_user, NULL, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "profile", profile_user, MISSING_ID, NULL);
  profile = insert_ok (f, "profile", profile_user, u, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, "profile", profile_user, u, NULL);

  post = insert_ok (f, "post", author_id, u, NULL);
  tag = insert_ok (f, "tag", NULL);
  tagged = insert_ok (f, post_tag, fk_column (f, post_tag, "post"), post,
                      fk_column (f, post_tag, "tag"), tag, NULL);
  group = insert_ok (f, "group", NULL);
  member = insert_ok (f, membership, fk_column (f, membership, "user"), u,
                      fk_column (f, membership, "group"), group, NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, membership, fk_column (f, membership, "user"), u,
                   fk_column (f, membership, "group"), group, NULL);

  /* Restrict: an author with posts cannot be deleted. */
  delete_rejected (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "user", "id", u), ==, 1);
  g_assert_cmpuint (count_rows (f, "profile", "id", profile), ==, 1);

  /* Cascade: the post's tags go with it, the user's profile and memberships with the user. */
  delete_ok (f, "post", "id", post);
  g_assert_cmpuint (count_rows (f, post_tag, fk_column (f, post_tag, "tag"), tag), ==, 0);
  delete_ok (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "profile", "id", profile), ==, 0);
  g_assert_cmpuint (count_rows (f, membership, "id", member), ==, 0);
  g_assert_cmpuint (count_rows (f, "group", "id", group), ==, 1);
  g_assert_cmpuint (count_rows (f, "user", "id", other), ==, 1);
}

/* Every identifier quoted, every value bound: SQL in names and values is just text. */
static void
check_hostile_names (Fixture *f)
{
  static const char hostile[] = "'; DROP TABLE \"order\"; -- \\ café \"quoted\"";
  const char *buyer = fk_column (f, "order", "user");
  const char *link = link_table (f, "member of");
  g_autofree char *u = insert_ok (f, "user", "naïve name", "", NULL);
  g_autofree char *o = NULL;
  g_autofree char *g = NULL;
  g_autofree char *member = NULL;
  g_autofree char *select = NULL;
  g_autofree char *empty = NULL;
  g_autofree char *role = NULL;
  g_autofree char *served = NULL;
  g_autofree char *code_after = NULL;

  g_assert_cmpstr (buyer, ==, "buyer person_id");

  o = insert_ok (f, "order", buyer, u, "select", hostile, "we\"ird", "ünï\"cödé", NULL);
  select = row_value (f, "order", "select", "id", o);
  g_assert_cmpstr (select, ==, hostile);
  empty = row_value (f, "user", "naïve name", "id", u);
  g_assert_cmpstr (empty, ==, "");

  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_UNIQUE, "order", buyer, u, "we\"ird", "ünï\"cödé", NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_NOT_NULL, "order", buyer, NULL, NULL);

  g = insert_ok (f, "group", NULL);
  member = insert_ok (f, link, fk_column (f, link, "user"), u, fk_column (f, link, "group"), g, NULL);
  role = row_value (f, link, "role", "id", member);
  g_assert_cmpstr (role, ==, "member");

  /* A composite key referenced under set-null: both key columns are cleared together. */
  g_free (insert_ok (f, "café crème", "code", "x\"y", "year", "2024", NULL));
  served = insert_ok (f, "order", buyer, u, "café crème_code", "x\"y", "café crème_year", "2024", NULL);
  insert_rejected (f, CARDINAL_TEST_DB_VIOLATES_FOREIGN_KEY, "order", buyer, u,
                   "café crème_code", "x\"y", "café crème_year", "1999", NULL);
  delete_ok (f, "café crème", "code", "x\"y");
  code_after = row_value (f, "order", "café crème_code", "id", served);
  g_assert_null (code_after);
  g_assert_cmpuint (count_rows (f, "order", "id", served), ==, 1);

  /* Cascade through quoted names: the buyer takes the order and the membership along. */
  delete_ok (f, "user", "id", u);
  g_assert_cmpuint (count_rows (f, "order", "id", o), ==, 0);
  g_assert_cmpuint (count_rows (f, link, "id", member), ==, 0);
  g_assert_cmpuint (count_rows (f, "group", "id", g), ==, 1);
}

static const Behaviour behaviours[] = {
  { "gallery-a1-merged", check_gallery_a1_merged },
  { "gallery-a2-shared-pk", check_gallery_a2_shared_pk },
  { "gallery-a3-unique-fk", check_gallery_a3_unique_fk },
  { "gallery-b1-fk", check_gallery_b1_fk },
  { "gallery-b2-link-table", check_gallery_b2_link_table },
  { "gallery-c1-link-table", check_gallery_c1_link_table },
  { "gallery-c2-link-table-pk", check_gallery_c2_link_table_pk },
  { "cars", check_cars },
  { "school", check_school },
  { "blog", check_blog },
  { "hostile-names", check_hostile_names },
};

static void
test_behaviour (gconstpointer data)
{
  const TestCase *test_case = data;
  g_autoptr(Fixture) f = fixture_new (test_case);

  if (f != NULL)
    test_case->behaviour->check (f);
}

static void
test_case_free (gpointer data)
{
  TestCase *test_case = data;

  g_free (test_case->example);
  g_free (test_case);
}

static void
add_test_case (const char             *prefix,
               const char             *kind,
               CardinalTestDbOpenFunc  open,
               const char             *example,
               const Behaviour        *behaviour)
{
  g_autofree char *path = g_strdup_printf ("%s/%s/%s", prefix, kind, example);
  TestCase *test_case = g_new0 (TestCase, 1);

  test_case->open = open;
  test_case->example = g_strdup (example);
  test_case->behaviour = behaviour;
  g_test_add_data_func_full (path, test_case, behaviour != NULL ? test_behaviour : test_catalogue,
                             test_case_free);
}

void
cardinal_test_scenarios_add (const char             *prefix,
                             CardinalTestDbOpenFunc  open)
{
  g_auto(GStrv) names = NULL;

  g_return_if_fail (prefix != NULL);
  g_return_if_fail (open != NULL);

  names = cardinal_test_example_names ();
  for (guint i = 0; names[i] != NULL; i++)
    add_test_case (prefix, "catalogue", open, names[i], NULL);
  add_test_case (prefix, "catalogue", open, "hostile-names", NULL);
  for (guint i = 0; i < G_N_ELEMENTS (behaviours); i++)
    add_test_case (prefix, "behaviour", open, behaviours[i].example, &behaviours[i]);
}
