-- shop.sqlite.sql: a small web shop on SQLite, written by hand the way such schemas grow.
-- Exercises AUTOINCREMENT, WITHOUT ROWID, STRICT, an FK column named unlike its table,
-- a weak entity (order_line), named CHECKs, partial / expression / multi-column indexes,
-- NOCASE collation, ON UPDATE actions, a generated column, a view and a trigger.
PRAGMA foreign_keys = ON;

CREATE TABLE customer (
  customer_id INTEGER PRIMARY KEY AUTOINCREMENT,
  email       TEXT NOT NULL COLLATE NOCASE,
  full_name   TEXT NOT NULL,
  phone       TEXT,
  created_at  TEXT NOT NULL DEFAULT (datetime('now')),
  CONSTRAINT customer_email_key UNIQUE (email)
);

CREATE TABLE category (
  slug      TEXT PRIMARY KEY,
  parent    TEXT REFERENCES category (slug) ON DELETE SET NULL ON UPDATE CASCADE,
  title     TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE product (
  sku         TEXT NOT NULL,
  title       TEXT NOT NULL,
  category    TEXT NOT NULL REFERENCES category (slug) ON UPDATE CASCADE,
  price_cents INTEGER NOT NULL,
  price_eur   REAL GENERATED ALWAYS AS (price_cents / 100.0) VIRTUAL,
  weight_g    INTEGER,
  active      INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (sku),
  CONSTRAINT product_price_positive CHECK (price_cents > 0),
  CONSTRAINT product_active_flag CHECK (active IN (0, 1))
);

CREATE TABLE address (
  address_id  INTEGER PRIMARY KEY,
  owner_id    INTEGER NOT NULL REFERENCES customer (customer_id) ON DELETE CASCADE,
  line1       TEXT NOT NULL,
  city        TEXT NOT NULL,
  postcode    TEXT NOT NULL,
  country     TEXT NOT NULL DEFAULT 'NL' CHECK (length(country) = 2)
);

CREATE TABLE "order" (
  order_id     INTEGER PRIMARY KEY AUTOINCREMENT,
  buyer_id     INTEGER NOT NULL,
  ship_to      INTEGER REFERENCES address (address_id) ON DELETE SET NULL,
  placed_at    TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  status       TEXT NOT NULL DEFAULT 'open',
  note         TEXT,
  CONSTRAINT order_buyer_fkey FOREIGN KEY (buyer_id) REFERENCES customer (customer_id)
    ON DELETE RESTRICT ON UPDATE CASCADE,
  CONSTRAINT order_status_known CHECK (status IN ('open', 'paid', 'shipped', 'cancelled'))
);

-- A weak entity: a line exists only within its order, and the order is part of its key.
CREATE TABLE order_line (
  order_id    INTEGER NOT NULL REFERENCES "order" (order_id) ON DELETE CASCADE,
  line_no     INTEGER NOT NULL,
  sku         TEXT NOT NULL REFERENCES product (sku) ON UPDATE CASCADE ON DELETE RESTRICT,
  quantity    INTEGER NOT NULL DEFAULT 1,
  unit_cents  INTEGER NOT NULL,
  PRIMARY KEY (order_id, line_no),
  CONSTRAINT order_line_quantity_positive CHECK (quantity > 0)
);

-- Append-only, no key: every change to an order's status.
CREATE TABLE order_event (
  order_id   INTEGER NOT NULL REFERENCES "order" (order_id),
  at         TEXT NOT NULL,
  status     TEXT NOT NULL,
  detail     ANY
) STRICT;

CREATE TABLE coupon (
  code        TEXT NOT NULL,
  valid_from  TEXT NOT NULL,
  valid_until TEXT,
  percent_off INTEGER NOT NULL CHECK (percent_off BETWEEN 1 AND 100),
  UNIQUE (code, valid_from)
);

CREATE INDEX order_buyer_idx ON "order" (buyer_id);
CREATE INDEX order_open_placed_idx ON "order" (placed_at DESC) WHERE status <> 'cancelled';
CREATE INDEX customer_name_lower_idx ON customer (lower(full_name));
CREATE INDEX order_line_sku_qty_idx ON order_line (sku, quantity DESC);
CREATE UNIQUE INDEX product_title_category_idx ON product (category, title COLLATE NOCASE);
CREATE INDEX address_owner_idx ON address (owner_id, city);

CREATE VIEW order_total AS
  SELECT o.order_id, o.buyer_id, sum(l.quantity * l.unit_cents) AS total_cents
  FROM "order" AS o JOIN order_line AS l ON l.order_id = o.order_id
  GROUP BY o.order_id, o.buyer_id;

CREATE TRIGGER order_status_logged AFTER UPDATE OF status ON "order"
BEGIN
  INSERT INTO order_event (order_id, at, status) VALUES (NEW.order_id, datetime('now'), NEW.status);
END;
