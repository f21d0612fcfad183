/* test-reflect-sqlite.c: SQLite files and SQLite .sql text read into the format 2 physical model, every construct kept. */
/* SPDX-License-Identifier: GPL-3.0-or-later */
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cardinal-reflect.h"
#include "cardinal-test-support.h"

static char *scratch_dir;

/* Hand-written, as a Chinook-like database would be: INT and NVARCHAR types,
 * foreign key columns in the middle, named constraints, and one of each
 * construct SQLite keeps. */
static const char chinook_sql[] =
  "CREATE TABLE \"Artist\" (\n"
  "  \"ArtistId\" INT NOT NULL,\n"
  "  \"Name\" NVARCHAR(120),\n"
  "  CONSTRAINT \"PK_Artist\" PRIMARY KEY (\"ArtistId\")\n"
  ");\n"
  "CREATE TABLE \"Album\" (\n"
  "  \"AlbumId\" INTEGER PRIMARY KEY AUTOINCREMENT,\n"
  "  \"Title\" NVARCHAR(160) NOT NULL COLLATE NOCASE,\n"
  "  \"ArtistId\" INT NOT NULL CONSTRAINT \"FK_AlbumArtistId\" REFERENCES \"Artist\" (\"ArtistId\")\n"
  "    ON DELETE SET DEFAULT ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,\n"
  "  \"Year\" integer DEFAULT (1+2),\n"
  "  \"Added\" DATETIME DEFAULT CURRENT_TIMESTAMP,\n"
  "  \"Price\" NUMERIC(10,2) NOT NULL DEFAULT 0.99 CONSTRAINT \"CK_Price\" CHECK (\"Price\" >= 0),\n"
  "  CONSTRAINT \"UQ_AlbumTitle\" UNIQUE (\"Title\", \"ArtistId\"),\n"
  "  CONSTRAINT \"CK_Year\" CHECK (\"Year\" > 1900),\n"
  "  CHECK (length(\"Title\") > 0)\n"
  ");\n"
  "CREATE TABLE \"Genre\" (\n"
  "  \"GenreId\" INTEGER NOT NULL PRIMARY KEY,\n"
  "  \"Code\" varchar(20) NOT NULL UNIQUE,\n"
  "  \"Name\" TEXT\n"
  ");\n"
  /* A composite key declared in another order than the columns, and an FK
   * to a UNIQUE column that is not the key, MATCH FULL. */
  "CREATE TABLE \"PlaylistTrack\" (\n"
  "  \"PlaylistId\" INTEGER NOT NULL,\n"
  "  \"GenreCode\" varchar(20) REFERENCES \"Genre\" (\"Code\") ON DELETE SET NULL MATCH FULL,\n"
  "  \"TrackId\" INTEGER NOT NULL,\n"
  "  CONSTRAINT \"PK_PlaylistTrack\" PRIMARY KEY (\"TrackId\", \"PlaylistId\"),\n"
  "  FOREIGN KEY (\"PlaylistId\") REFERENCES \"Album\" ON DELETE CASCADE\n"
  ");\n"
  "CREATE TABLE \"Log\" (at, message TEXT);\n"
  "CREATE TABLE \"Setting\" (\"Key\" TEXT PRIMARY KEY, \"Value\" ANY) WITHOUT ROWID, STRICT;\n"
  "CREATE TABLE \"Shape\" (\n"
  "  w REAL NOT NULL,\n"
  "  h REAL NOT NULL,\n"
  "  area REAL GENERATED ALWAYS AS (w * h) STORED,\n"
  "  half AS (w / 2) VIRTUAL,\n"
  "  label TEXT AS ('(' || w || ')')\n"
  ");\n"
  "CREATE INDEX \"IX_AlbumTitle\" ON \"Album\" (lower(\"Title\") DESC, \"Year\" COLLATE RTRIM DESC, \"ArtistId\")\n"
  "  WHERE \"Year\" IS NOT NULL;\n"
  "CREATE UNIQUE INDEX \"IX_GenreName\" ON \"Genre\" (\"Name\" COLLATE NOCASE);\n"
  "CREATE INDEX \"IX_Plain\" ON \"PlaylistTrack\" (\"GenreCode\", \"PlaylistId\");\n"
  "CREATE VIEW \"AlbumList\" AS SELECT a.\"Title\", r.\"Name\" FROM \"Album\" AS a JOIN \"Artist\" AS r USING (\"ArtistId\");\n"
  "CREATE TRIGGER \"LogAlbum\" AFTER INSERT ON \"Album\" BEGIN INSERT INTO \"Log\" VALUES (1, NEW.\"Title\"); END;\n"
  "CREATE VIEW \"Titles\" AS SELECT \"Title\" FROM \"AlbumList\";\n";

static char *
sqlite_file_from (const char *basename,
                  const char *sql)
{
  char *path = g_build_filename (scratch_dir, basename, NULL);
  sqlite3 *db = NULL;
  char *message = NULL;

  g_unlink (path);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", basename, message);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  return path;
}

static CardinalTable *
table (CardinalSchema *schema,
       const char     *name)
{
  CardinalTable *found = cardinal_schema_find_table (schema, name);

  if (found == NULL)
    g_error ("no table \"%s\"", name);
  return found;
}

static CardinalColumn *
column (CardinalTable *t,
        const char    *name)
{
  CardinalColumn *found = cardinal_table_find_column (t, name);

  if (found == NULL)
    g_error ("table \"%s\": no column \"%s\"", t->name, name);
  return found;
}

static char *
joined (GStrv strv)
{
  return strv != NULL ? g_strjoinv (",", strv) : g_strdup ("(null)");
}

static void
assert_strv (GStrv       strv,
             const char *expected)
{
  g_autofree char *text = joined (strv);

  g_assert_cmpstr (text, ==, expected);
}

static CardinalIndex *
index_named (CardinalTable *t,
             const char    *name)
{
  for (guint i = 0; i < t->indexes->len; i++)
    {
      CardinalIndex *index = g_ptr_array_index (t->indexes, i);

      if (g_strcmp0 (index->name, name) == 0)
        return index;
    }
  g_error ("table \"%s\": no index \"%s\"", t->name, name);
  return NULL;
}

static CardinalForeignKey *
fk_to (CardinalTable *t,
       const char    *ref_table)
{
  for (guint i = 0; i < t->foreign_keys->len; i++)
    {
      CardinalForeignKey *fk = g_ptr_array_index (t->foreign_keys, i);

      if (strcmp (fk->ref_table, ref_table) == 0)
        return fk;
    }
  g_error ("table \"%s\": no foreign key to \"%s\"", t->name, ref_table);
  return NULL;
}

static const char *
check_expression (CardinalTable *t,
                  const char    *name)
{
  for (guint i = 0; i < t->checks->len; i++)
    {
      CardinalCheck *check = g_ptr_array_index (t->checks, i);

      if (g_strcmp0 (check->name, name) == 0)
        return check->expression;
    }
  g_error ("table \"%s\": no CHECK named \"%s\"", t->name, name != NULL ? name : "(none)");
  return NULL;
}

/* Everything chinook_sql says, as the physical model holds it. */
static void
check_chinook (CardinalSchema *schema)
{
  CardinalTable *artist = table (schema, "Artist");
  CardinalTable *album = table (schema, "Album");
  CardinalTable *genre = table (schema, "Genre");
  CardinalTable *playlist = table (schema, "PlaylistTrack");
  CardinalTable *log = table (schema, "Log");
  CardinalTable *setting = table (schema, "Setting");
  CardinalTable *shape = table (schema, "Shape");
  CardinalForeignKey *fk;
  CardinalIndex *index;
  CardinalIndexKey *key;
  CardinalUnique *unique;
  CardinalSqlObject *object;

  g_assert_true (schema->has_dialect);
  g_assert_cmpint (schema->dialect, ==, CARDINAL_DIALECT_SQLITE);
  g_assert_cmpuint (schema->tables->len, ==, 7);

  /* Declared types: the catalogue's type, and the text where its SQLite
   * spelling differs. */
  g_assert_cmpstr (column (artist, "ArtistId")->type, ==, "integer");
  g_assert_cmpstr (column (artist, "ArtistId")->sql_type, ==, "INT");
  /* NVARCHAR and DATETIME are SQLite's other names for catalogue types: the
   * catalogue type for the other dialect, the spelling for SQLite. */
  g_assert_cmpstr (column (artist, "Name")->type, ==, "varchar(120)");
  g_assert_cmpstr (column (artist, "Name")->sql_type, ==, "NVARCHAR(120)");
  g_assert_cmpstr (column (album, "AlbumId")->sql_type, ==, NULL);
  g_assert_cmpstr (column (album, "Year")->sql_type, ==, "integer");
  g_assert_cmpstr (column (album, "Added")->type, ==, "timestamp");
  g_assert_cmpstr (column (album, "Added")->sql_type, ==, "DATETIME");
  g_assert_cmpstr (column (genre, "Code")->sql_type, ==, "varchar(20)");
  g_assert_cmpstr (column (genre, "Name")->sql_type, ==, NULL);
  g_assert_cmpstr (column (log, "at")->type, ==, "any");
  g_assert_cmpstr (column (log, "at")->sql_type, ==, "");
  g_assert_cmpstr (column (setting, "Value")->type, ==, "ANY");
  g_assert_cmpstr (column (setting, "Value")->sql_type, ==, NULL);

  /* Columns in declared order, FK column in the middle. */
  g_assert_cmpuint (album->columns->len, ==, 6);
  g_assert_cmpstr (((CardinalColumn *) g_ptr_array_index (album->columns, 2))->name, ==, "ArtistId");
  g_assert_cmpstr (((CardinalColumn *) g_ptr_array_index (playlist->columns, 1))->name, ==, "GenreCode");

  /* Collation, defaults as written. */
  g_assert_cmpstr (column (album, "Title")->collation, ==, "NOCASE");
  g_assert_cmpstr (column (album, "ArtistId")->collation, ==, NULL);
  g_assert_cmpstr (column (album, "Year")->default_value, ==, "(1+2)");
  g_assert_cmpstr (column (album, "Added")->default_value, ==, "CURRENT_TIMESTAMP");
  g_assert_cmpstr (column (album, "Price")->default_value, ==, "0.99");
  g_assert_false (column (album, "Price")->nullable);
  g_assert_true (column (album, "Year")->nullable);

  /* Keys: names, order, none, AUTOINCREMENT. */
  assert_strv (artist->primary_key, "ArtistId");
  g_assert_cmpstr (artist->primary_key_name, ==, "PK_Artist");
  assert_strv (playlist->primary_key, "TrackId,PlaylistId");
  g_assert_cmpstr (playlist->primary_key_name, ==, "PK_PlaylistTrack");
  g_assert_cmpstr (album->primary_key_name, ==, NULL);
  g_assert_true (column (album, "AlbumId")->autoincrement);
  assert_strv (log->primary_key, "");

  /* UNIQUE constraints with their names; CHECKs, column-level too. */
  g_assert_cmpuint (album->uniques->len, ==, 1);
  unique = g_ptr_array_index (album->uniques, 0);
  g_assert_cmpstr (unique->name, ==, "UQ_AlbumTitle");
  assert_strv (unique->columns, "Title,ArtistId");
  g_assert_cmpuint (genre->uniques->len, ==, 1);
  unique = g_ptr_array_index (genre->uniques, 0);
  g_assert_cmpstr (unique->name, ==, NULL);
  assert_strv (unique->columns, "Code");
  g_assert_cmpuint (album->checks->len, ==, 3);
  g_assert_cmpstr (check_expression (album, "CK_Price"), ==, "\"Price\" >= 0");
  g_assert_cmpstr (check_expression (album, "CK_Year"), ==, "\"Year\" > 1900");
  g_assert_cmpstr (check_expression (album, NULL), ==, "length(\"Title\") > 0");

  /* Foreign keys: names, both actions, deferral, MATCH, referenced columns. */
  g_assert_cmpuint (album->foreign_keys->len, ==, 1);
  fk = fk_to (album, "Artist");
  g_assert_cmpstr (fk->name, ==, "FK_AlbumArtistId");
  assert_strv (fk->columns, "ArtistId");
  assert_strv (fk->ref_columns, "ArtistId");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_SET_DEFAULT);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_CASCADE);
  g_assert_true (fk->deferrable);
  g_assert_true (fk->initially_deferred);
  g_assert_false (fk->match_full);
  g_assert_cmpuint (playlist->foreign_keys->len, ==, 2);
  fk = fk_to (playlist, "Genre");
  g_assert_cmpstr (fk->name, ==, "");
  assert_strv (fk->ref_columns, "Code");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_SET_NULL);
  g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_NO_ACTION);
  g_assert_true (fk->match_full);
  g_assert_false (fk->deferrable);
  fk = fk_to (playlist, "Album");
  assert_strv (fk->columns, "PlaylistId");
  assert_strv (fk->ref_columns, "AlbumId");
  g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_CASCADE);

  /* Indexes: expression, DESC, COLLATE, partial; the automatic ones of
   * UNIQUE and PRIMARY KEY are not indexes. */
  g_assert_cmpuint (album->indexes->len, ==, 1);
  index = index_named (album, "IX_AlbumTitle");
  g_assert_false (index->unique);
  assert_strv (index->columns, ",Year,ArtistId");
  g_assert_cmpstr (index->where, ==, "\"Year\" IS NOT NULL");
  g_assert_nonnull (index->keys);
  g_assert_cmpuint (index->keys->len, ==, 3);
  key = g_ptr_array_index (index->keys, 0);
  g_assert_cmpstr (key->column, ==, NULL);
  g_assert_cmpstr (key->expression, ==, "lower(\"Title\")");
  g_assert_true (key->descending);
  key = g_ptr_array_index (index->keys, 1);
  g_assert_cmpstr (key->column, ==, "Year");
  g_assert_cmpstr (key->collation, ==, "RTRIM");
  g_assert_true (key->descending);
  key = g_ptr_array_index (index->keys, 2);
  g_assert_cmpstr (key->column, ==, "ArtistId");
  g_assert_null (key->collation);
  g_assert_false (key->descending);
  g_assert_cmpuint (genre->indexes->len, ==, 1);
  index = index_named (genre, "IX_GenreName");
  g_assert_true (index->unique);
  g_assert_null (index->where);
  key = g_ptr_array_index (index->keys, 0);
  g_assert_cmpstr (key->collation, ==, "NOCASE");
  index = index_named (playlist, "IX_Plain");
  assert_strv (index->columns, "GenreCode,PlaylistId");
  g_assert_null (index->keys);
  g_assert_cmpuint (playlist->indexes->len, ==, 1);
  g_assert_cmpuint (artist->indexes->len, ==, 0);

  /* Table options. */
  g_assert_true (setting->without_rowid);
  g_assert_true (setting->strict);
  g_assert_false (album->without_rowid);
  g_assert_false (album->strict);

  /* Generated columns, with the expression as written. */
  g_assert_cmpuint (shape->columns->len, ==, 5);
  g_assert_cmpstr (column (shape, "area")->generated, ==, "w * h");
  g_assert_true (column (shape, "area")->generated_stored);
  g_assert_cmpstr (column (shape, "half")->generated, ==, "w / 2");
  g_assert_false (column (shape, "half")->generated_stored);
  g_assert_cmpstr (column (shape, "half")->sql_type, ==, "");
  g_assert_cmpstr (column (shape, "label")->generated, ==, "'(' || w || ')'");
  g_assert_null (column (shape, "w")->generated);

  /* Views and triggers in the order they were made. */
  g_assert_cmpuint (schema->objects->len, ==, 3);
  object = g_ptr_array_index (schema->objects, 0);
  g_assert_cmpstr (object->kind, ==, "view");
  g_assert_cmpstr (object->name, ==, "AlbumList");
  g_assert_cmpint (object->dialect, ==, CARDINAL_DIALECT_SQLITE);
  g_assert_true (g_str_has_prefix (object->sql, "CREATE VIEW \"AlbumList\" AS SELECT"));
  g_assert_true (g_str_has_suffix (object->sql, "USING (\"ArtistId\")"));
  assert_strv (object->depends_on, "Album,Artist");
  object = g_ptr_array_index (schema->objects, 1);
  g_assert_cmpstr (object->kind, ==, "trigger");
  g_assert_cmpstr (object->name, ==, "LogAlbum");
  g_assert_true (g_str_has_suffix (object->sql, "END"));
  assert_strv (object->depends_on, "Album");
  object = g_ptr_array_index (schema->objects, 2);
  g_assert_cmpstr (object->name, ==, "Titles");
  assert_strv (object->depends_on, "AlbumList,Album,Artist");
}

/* Every default read is a valid DEFAULT clause again, and every view and
 * trigger text one complete statement that SQLite accepts after the tables. */
static void
check_texts_load (CardinalSchema *schema,
                  const char     *tables_sql)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  for (guint i = 0; i < schema->tables->len; i++)
    {
      CardinalTable *t = g_ptr_array_index (schema->tables, i);

      for (guint k = 0; k < t->columns->len; k++)
        {
          CardinalColumn *c = g_ptr_array_index (t->columns, k);
          g_autofree char *sql = NULL;
          char *message = NULL;

          if (c->default_value == NULL)
            continue;
          sql = g_strdup_printf ("CREATE TABLE \"default_%u_%u\" (x DEFAULT %s)", i, k, c->default_value);
          if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
            g_error ("%s: %s", sql, message);
        }
    }
  g_assert_cmpint (sqlite3_exec (db, tables_sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "DROP VIEW \"AlbumList\"; DROP VIEW \"Titles\"; DROP TRIGGER \"LogAlbum\";",
                                 NULL, NULL, NULL), ==, SQLITE_OK);
  for (guint i = 0; i < schema->objects->len; i++)
    {
      CardinalSqlObject *object = g_ptr_array_index (schema->objects, i);
      g_autofree char *statement = g_strconcat (object->sql, ";", NULL);
      char *message = NULL;

      g_assert_true (sqlite3_complete (statement));
      if (sqlite3_exec (db, statement, NULL, NULL, &message) != SQLITE_OK)
        g_error ("%s: %s", object->sql, message);
    }
  sqlite3_close (db);
}

static void
test_file (void)
{
  g_autofree char *path = sqlite_file_from ("chinook.db", chinook_sql);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = NULL;

  schema = cardinal_reflect_source_full (path, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, NULL, &notes, NULL, &error);
  g_assert_no_error (error);
  check_chinook (schema);
  check_texts_load (schema, chinook_sql);
  /* Nothing here is left out. */
  for (guint i = 0; notes != NULL && i < notes->len; i++)
    g_test_message ("note: %s", (const char *) g_ptr_array_index (notes, i));
  g_assert_cmpuint (notes != NULL ? notes->len : 0, ==, 0);
}

/* The same text as a .sql file in SQLite's dialect, executed in memory. */
static void
test_sql_text (void)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;

  schema = cardinal_reflect_sql (chinook_sql, "chinook.sql", CARDINAL_DIALECT_SQLITE, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  check_chinook (schema);
}

/* What the model has no place for is said, never dropped silently. */
static void
test_notes (void)
{
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) notes = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  sqlite3 *db = NULL;
  gboolean have_fts = FALSE;

  g_assert_cmpint (sqlite3_open (":memory:", &db), ==, SQLITE_OK);
  have_fts = sqlite3_exec (db, "CREATE VIRTUAL TABLE t USING fts5 (x)", NULL, NULL, NULL) == SQLITE_OK;
  sqlite3_close (db);

  path = sqlite_file_from ("notes.db",
                           have_fts
                           ? "CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT CONSTRAINT u1 UNIQUE CONSTRAINT u2 UNIQUE);"
                             "CREATE TABLE b (k INTEGER PRIMARY KEY DESC, v TEXT NOT NULL ON CONFLICT REPLACE);"
                             "PRAGMA user_version = 42;"
                             "CREATE TABLE c (k TEXT, l TEXT, PRIMARY KEY (k DESC), UNIQUE (l COLLATE NOCASE));"
                             "CREATE VIRTUAL TABLE docs USING fts5 (body);"
                             "CREATE VIEW found AS SELECT rowid, body FROM docs WHERE docs MATCH 'x';"
                           : "CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT CONSTRAINT u1 UNIQUE CONSTRAINT u2 UNIQUE);"
                             "CREATE TABLE b (k INTEGER PRIMARY KEY DESC, v TEXT NOT NULL ON CONFLICT REPLACE);"
                             "PRAGMA user_version = 42;"
                             "CREATE TABLE c (k TEXT, l TEXT, PRIMARY KEY (k DESC), UNIQUE (l COLLATE NOCASE));");
  schema = cardinal_reflect_source_full (path, CARDINAL_DIALECT_POSTGRESQL, CARDINAL_REFLECT_DETECT_DIALECT, NULL, NULL, &notes, NULL, &error);
  g_assert_no_error (error);
  g_assert_true (cardinal_test_notes_have (notes, "\"u2\" (y) repeats another one"));
  g_assert_cmpuint (table (schema, "a")->uniques->len, ==, 1);
  g_assert_cmpstr (((CardinalUnique *) g_ptr_array_index (table (schema, "a")->uniques, 0))->name, ==, "u1");
  g_assert_true (cardinal_test_notes_have (notes, "table \"b\": PRIMARY KEY DESC read as PRIMARY KEY"));
  g_assert_true (cardinal_test_notes_have (notes, "table \"b\": ON CONFLICT REPLACE not kept"));
  g_assert_false (column (table (schema, "b"), "v")->nullable);
  g_assert_true (cardinal_test_notes_have (notes, "table \"c\": PRIMARY KEY: COLLATE and DESC"));
  g_assert_true (cardinal_test_notes_have (notes, "table \"c\": UNIQUE: COLLATE and DESC"));
  /* The header's user_version, first of the objects. */
  g_assert_cmpuint (schema->objects->len, >=, 1);
  g_assert_cmpstr (((CardinalSqlObject *) g_ptr_array_index (schema->objects, 0))->sql, ==, "PRAGMA user_version = 42");
  if (have_fts)
    {
      CardinalSqlObject *object;

      /* The virtual table is its statement, before the view that reads it;
       * the tables FTS5 keeps its data in are its own business. */
      g_assert_true (cardinal_test_notes_have (notes, "virtual table \"docs\""));
      g_assert_true (cardinal_test_notes_have (notes, "table \"docs_data\" left out"));
      g_assert_null (cardinal_schema_find_table (schema, "docs"));
      g_assert_null (cardinal_schema_find_table (schema, "docs_data"));
      g_assert_null (cardinal_schema_find_table (schema, "docs_config"));
      g_assert_cmpuint (schema->tables->len, ==, 3);
      g_assert_cmpuint (schema->objects->len, ==, 3);
      object = g_ptr_array_index (schema->objects, 1);
      g_assert_cmpstr (object->name, ==, "docs");
      g_assert_cmpstr (object->kind, ==, "statement");
      g_assert_cmpstr (object->sql, ==, "CREATE VIRTUAL TABLE docs USING fts5 (body)");
      object = g_ptr_array_index (schema->objects, 2);
      g_assert_cmpstr (object->name, ==, "found");
      assert_strv (object->depends_on, "docs");
    }
  else
    g_test_message ("no FTS5 in this SQLite: virtual tables not tested");
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char * const *) a, *(const char * const *) b);
}

/* Foreign keys over the same column to two tables keep their own names and
 * deferral; the ways of writing deferral read as SQLite reads them. */
static void
test_foreign_key_details (void)
{
  static const char sql[] =
    "CREATE TABLE p (x INTEGER PRIMARY KEY);\n"
    "CREATE TABLE q (x INTEGER PRIMARY KEY);\n"
    "CREATE TABLE t (\n"
    "  a INTEGER,\n"
    "  b INTEGER REFERENCES p NOT DEFERRABLE INITIALLY DEFERRED,\n"
    "  c INTEGER REFERENCES p DEFERRABLE INITIALLY IMMEDIATE,\n"
    "  CONSTRAINT a_p FOREIGN KEY (a) REFERENCES p (x) DEFERRABLE INITIALLY DEFERRED,\n"
    "  CONSTRAINT a_q FOREIGN KEY (a) REFERENCES q (x) ON UPDATE SET NULL ON DELETE RESTRICT\n"
    ");\n";
  g_autoptr(GError) error = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  CardinalTable *t;
  CardinalForeignKey *fk;
  guint seen = 0;

  schema = cardinal_reflect_sql (sql, "fk.sql", CARDINAL_DIALECT_SQLITE, CARDINAL_REFLECT_FLAGS_NONE, NULL, &error);
  g_assert_no_error (error);
  t = table (schema, "t");
  g_assert_cmpuint (t->foreign_keys->len, ==, 4);
  for (guint i = 0; i < t->foreign_keys->len; i++)
    {
      fk = g_ptr_array_index (t->foreign_keys, i);
      if (strcmp (fk->name, "a_p") == 0)
        {
          g_assert_cmpstr (fk->ref_table, ==, "p");
          g_assert_true (fk->deferrable && fk->initially_deferred);
          g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_NO_ACTION);
          seen |= 1;
        }
      else if (strcmp (fk->name, "a_q") == 0)
        {
          g_assert_cmpstr (fk->ref_table, ==, "q");
          g_assert_false (fk->deferrable);
          g_assert_cmpint (fk->on_update, ==, CARDINAL_ON_DELETE_SET_NULL);
          g_assert_cmpint (fk->on_delete, ==, CARDINAL_ON_DELETE_RESTRICT);
          seen |= 2;
        }
      else if (strcmp (fk->columns[0], "b") == 0)
        {
          g_assert_cmpstr (fk->name, ==, "");
          g_assert_false (fk->deferrable || fk->initially_deferred);
          assert_strv (fk->ref_columns, "x");
          seen |= 4;
        }
      else
        {
          g_assert_cmpstr (fk->columns[0], ==, "c");
          g_assert_true (fk->deferrable);
          g_assert_false (fk->initially_deferred);
          seen |= 8;
        }
    }
  g_assert_cmpuint (seen, ==, 15);
}

static GStrv
listing (const char *dir_path)
{
  g_autoptr(GDir) dir = g_dir_open (dir_path, 0, NULL);
  g_autoptr(GPtrArray) names = g_ptr_array_new ();
  const char *name;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_strings);
  g_ptr_array_add (names, NULL);
  return (GStrv) g_ptr_array_steal (names, NULL);
}

/* A WAL database closed cleanly is read without leaving -wal and -shm
 * files beside it; one still open elsewhere is read with its WAL. */
static void
test_wal_no_litter (void)
{
  g_autofree char *dir = g_build_filename (scratch_dir, "wal", NULL);
  g_autofree char *path = g_build_filename (dir, "music database?.db", NULL);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) before = NULL;
  g_auto(GStrv) after = NULL;
  g_autoptr(CardinalSchema) schema = NULL;
  g_autoptr(CardinalSchema) live = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA journal_mode = WAL;"
                                 "CREATE TABLE a (x INTEGER PRIMARY KEY, y TEXT);", NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);

  before = listing (dir);
  {
    g_autofree char *text = g_strjoinv (" ", before);

    g_assert_cmpstr (text, ==, "music database?.db");
  }
  schema = cardinal_reflect_sqlite_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_schema_find_table (schema, "a"));
  after = listing (dir);
  g_assert_cmpstrv (before, after);

  /* Nor does a database in the default rollback mode. */
  {
    g_autofree char *rollback = g_build_filename (dir, "rollback.db", NULL);
    g_autoptr(CardinalSchema) plain = NULL;
    g_auto(GStrv) with_rollback = NULL;
    g_auto(GStrv) after_rollback = NULL;

    g_assert_cmpint (sqlite3_open (rollback, &db), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_exec (db, "CREATE TABLE c (x INTEGER PRIMARY KEY);", NULL, NULL, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
    with_rollback = listing (dir);
    plain = cardinal_reflect_sqlite_file (rollback, NULL, &error);
    g_assert_no_error (error);
    g_assert_nonnull (cardinal_schema_find_table (plain, "c"));
    after_rollback = listing (dir);
    g_assert_cmpstrv (with_rollback, after_rollback);
  }

  /* Open elsewhere, with a table only in the WAL so far. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA wal_autocheckpoint = 0;"
                                 "CREATE TABLE b (x INTEGER PRIMARY KEY);", NULL, NULL, NULL), ==, SQLITE_OK);
  live = cardinal_reflect_sqlite_file (path, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (cardinal_schema_find_table (live, "b"));
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

int
main (int    argc,
      char **argv)
{
  g_autoptr(GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);

  scratch_dir = g_dir_make_tmp ("cardinal-reflect-sqlite-XXXXXX", &error);
  g_assert_no_error (error);

  g_test_add_func ("/reflect-sqlite/file", test_file);
  g_test_add_func ("/reflect-sqlite/sql-text", test_sql_text);
  g_test_add_func ("/reflect-sqlite/notes", test_notes);
  g_test_add_func ("/reflect-sqlite/foreign-key-details", test_foreign_key_details);
  g_test_add_func ("/reflect-sqlite/wal-no-litter", test_wal_no_litter);

  status = g_test_run ();

  cardinal_test_remove_tree (scratch_dir);
  g_free (scratch_dir);
  return status;
}
