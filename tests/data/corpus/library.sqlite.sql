-- library.sqlite.sql: a lending library on SQLite. Weak entities (copy, loan_renewal) whose FK is
-- part of the key, an FK to a UNIQUE column that is not the key, a keyless audit table, a link
-- table whose two sides delete differently, composite UNIQUEs, DEFERRABLE FKs, named CHECKs.
PRAGMA foreign_keys = ON;

CREATE TABLE author (
  author_id   INTEGER PRIMARY KEY,
  name        TEXT NOT NULL,
  born        INTEGER,
  died        INTEGER,
  CONSTRAINT author_lifespan CHECK (died IS NULL OR born IS NULL OR died >= born)
);

CREATE TABLE book (
  book_id     INTEGER PRIMARY KEY,
  isbn        TEXT NOT NULL UNIQUE,
  title       TEXT NOT NULL,
  edition     INTEGER NOT NULL DEFAULT 1,
  published   INTEGER,
  CONSTRAINT book_title_edition_key UNIQUE (title, edition)
);

-- Both sides of the link delete differently: removing a book drops its credits, an author
-- with credits cannot be removed.
CREATE TABLE book_author (
  book_id     INTEGER NOT NULL REFERENCES book (book_id) ON DELETE CASCADE,
  author_id   INTEGER NOT NULL REFERENCES author (author_id) ON DELETE RESTRICT,
  role        TEXT NOT NULL DEFAULT 'author',
  PRIMARY KEY (book_id, author_id)
);

CREATE TABLE branch (
  code        TEXT PRIMARY KEY CHECK (length(code) = 3),
  name        TEXT NOT NULL
);

-- A copy is identified by the book's ISBN (the FK references the UNIQUE isbn, not the key)
-- and a copy number within it.
CREATE TABLE copy (
  isbn        TEXT NOT NULL REFERENCES book (isbn) ON UPDATE CASCADE ON DELETE CASCADE,
  copy_no     INTEGER NOT NULL,
  branch      TEXT NOT NULL REFERENCES branch (code) DEFERRABLE INITIALLY DEFERRED,
  acquired    TEXT,
  PRIMARY KEY (isbn, copy_no)
) WITHOUT ROWID;

CREATE TABLE member (
  member_id   INTEGER PRIMARY KEY AUTOINCREMENT,
  card_no     TEXT NOT NULL,
  home_branch TEXT REFERENCES branch (code) ON DELETE SET DEFAULT DEFAULT 'CEN',
  name        TEXT NOT NULL,
  email       TEXT COLLATE NOCASE,
  CONSTRAINT member_card_no_key UNIQUE (card_no),
  CONSTRAINT member_email_shape CHECK (email IS NULL OR email LIKE '%_@_%')
);

CREATE TABLE loan (
  loan_id     INTEGER PRIMARY KEY,
  isbn        TEXT NOT NULL,
  copy_no     INTEGER NOT NULL,
  member_id   INTEGER NOT NULL REFERENCES member (member_id),
  lent_on     TEXT NOT NULL DEFAULT (date('now')),
  due_on      TEXT NOT NULL,
  returned_on TEXT,
  FOREIGN KEY (isbn, copy_no) REFERENCES copy (isbn, copy_no) ON DELETE RESTRICT
    DEFERRABLE INITIALLY DEFERRED,
  CONSTRAINT loan_due_after_lent CHECK (due_on >= lent_on)
);

-- Weak entity of a loan.
CREATE TABLE loan_renewal (
  loan_id     INTEGER NOT NULL REFERENCES loan (loan_id) ON DELETE CASCADE,
  renewal_no  INTEGER NOT NULL CHECK (renewal_no BETWEEN 1 AND 3),
  renewed_on  TEXT NOT NULL,
  PRIMARY KEY (loan_id, renewal_no)
);

-- No key at all: rows are only ever appended and scanned.
CREATE TABLE audit_log (
  happened_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  actor       TEXT,
  action      TEXT NOT NULL,
  table_name  TEXT NOT NULL,
  row_key     TEXT
);

CREATE INDEX loan_open_idx ON loan (member_id, due_on) WHERE returned_on IS NULL;
CREATE INDEX loan_copy_idx ON loan (isbn, copy_no);
CREATE INDEX book_title_lower_idx ON book (lower(title), edition);
CREATE INDEX audit_log_table_idx ON audit_log (table_name, happened_at DESC);
CREATE UNIQUE INDEX copy_branch_copy_idx ON copy (branch, isbn, copy_no);

CREATE VIEW overdue AS
  SELECT l.loan_id, m.name AS member, b.title, l.due_on
  FROM loan l
  JOIN member m USING (member_id)
  JOIN book b ON b.isbn = l.isbn
  WHERE l.returned_on IS NULL AND l.due_on < date('now');

CREATE TRIGGER loan_audit AFTER INSERT ON loan
BEGIN
  INSERT INTO audit_log (actor, action, table_name, row_key)
  VALUES (NULL, 'insert', 'loan', CAST(NEW.loan_id AS TEXT));
END;
