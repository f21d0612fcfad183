CREATE TABLE t (id int PRIMARY KEY, a text[], b int[], c timestamp with time zone);
