--
-- PostgreSQL database dump
--

\restrict AbCdEf123

SET statement_timeout = 0;
SET client_encoding = 'UTF8';
SELECT pg_catalog.set_config('search_path', '', false);

CREATE SCHEMA shop;
CREATE EXTENSION IF NOT EXISTS citext WITH SCHEMA public;
CREATE TYPE shop.status AS ENUM ('new', 'paid', 'it''s');
CREATE DOMAIN shop.positive AS integer CONSTRAINT positive_check CHECK (VALUE > 0);

CREATE TABLE shop.customer (
    id integer NOT NULL,
    email public.citext NOT NULL,
    score double precision DEFAULT 0.5,
    tags text[] COLLATE pg_catalog."C"
);

CREATE SEQUENCE shop.customer_id_seq
    AS integer START WITH 1 INCREMENT BY 1 NO MINVALUE NO MAXVALUE CACHE 1;
ALTER SEQUENCE shop.customer_id_seq OWNED BY shop.customer.id;
ALTER TABLE ONLY shop.customer ALTER COLUMN id SET DEFAULT nextval('shop.customer_id_seq'::regclass);

CREATE UNLOGGED TABLE shop.orders (
    id bigint GENERATED ALWAYS AS IDENTITY (START WITH 10 INCREMENT BY 5),
    customer_id integer,
    total numeric(10,2) NOT NULL,
    qty shop.positive,
    status shop.status DEFAULT 'new'::shop.status NOT NULL,
    doubled numeric GENERATED ALWAYS AS (total * 2) STORED
) PARTITION BY RANGE (id);

COPY shop.customer (id, email, score, tags) FROM stdin;
1	a@example.org	0.5	{x,y}
\.

ALTER TABLE ONLY shop.customer ADD CONSTRAINT customer_pkey PRIMARY KEY (id);
ALTER TABLE ONLY shop.customer ADD CONSTRAINT customer_email_key UNIQUE (email);
ALTER TABLE ONLY shop.orders ADD CONSTRAINT orders_customer_fk FOREIGN KEY (customer_id) REFERENCES shop.customer(id) ON DELETE SET NULL DEFERRABLE;
CREATE INDEX orders_total ON shop.orders USING btree (total DESC NULLS LAST) INCLUDE (status) WHERE (total > (0)::numeric);
COMMENT ON TABLE shop.customer IS 'Someone who buys';
COMMENT ON COLUMN shop.customer.email IS 'Where receipts go';
GRANT SELECT ON TABLE shop.customer TO PUBLIC;
CREATE VIEW shop.big AS SELECT * FROM shop.orders WHERE total > 100;
CREATE FUNCTION shop.f() RETURNS trigger LANGUAGE plpgsql AS $$BEGIN RETURN NEW; END$$;
CREATE TRIGGER t BEFORE INSERT ON shop.orders FOR EACH ROW EXECUTE FUNCTION shop.f();

\unrestrict AbCdEf123
