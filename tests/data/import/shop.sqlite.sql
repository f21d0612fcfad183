-- A shop in SQLite, written by hand: comments inside the statements, as
-- Cardinal writes them, are kept in sqlite_schema and read back.
PRAGMA foreign_keys = ON;

BEGIN;

CREATE TABLE customer ( -- Someone who buys
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  email VARCHAR(200) NOT NULL UNIQUE, -- Where receipts go
  score DOUBLE PRECISION,
  picture BLOB
);

CREATE TABLE "orders" (
  "id" INTEGER PRIMARY KEY,
  "customer_id" INTEGER,
  "total" NUMERIC(10,2) NOT NULL CHECK (total >= 0),
  "status" TEXT NOT NULL DEFAULT 'new',
  CONSTRAINT "orders_customer_fk" FOREIGN KEY ("customer_id") REFERENCES "customer" ON DELETE SET NULL,
  CHECK ("status" IN ('new', 'paid'))
);

CREATE INDEX orders_status ON orders (status, total);

INSERT INTO customer (email) VALUES ('a@example.org');

COMMIT;
