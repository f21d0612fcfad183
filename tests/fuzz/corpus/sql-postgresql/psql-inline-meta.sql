CREATE TABLE t (id int PRIMARY KEY);
SELECT format('CREATE TABLE %I (id int)', 'x') \gexec
CREATE TABLE u (t_id int REFERENCES t);
