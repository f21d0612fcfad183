CREATE TABLE t (id int PRIMARY KEY, d text CHECK (d SIMILAR TO $$x$$));
