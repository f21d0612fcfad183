SELECT load_extension('/tmp/evil');
SELECT writefile('/tmp/x', 'y');
CREATE TABLE t (id INTEGER PRIMARY KEY DEFAULT (randomblob(16)));
