CREATE TABLE item (id INTEGER PRIMARY KEY, name TEXT NOT NULL, changed TEXT);
CREATE TABLE log (id INTEGER PRIMARY KEY, item_id INTEGER REFERENCES item (id) ON DELETE CASCADE, at TEXT);
CREATE TRIGGER item_touch AFTER UPDATE ON item
BEGIN
  UPDATE item SET changed = datetime('now') WHERE id = NEW.id;
  INSERT INTO log (item_id, at) VALUES (NEW.id, datetime('now'));
END;
INSERT INTO item (name) VALUES ('x');
UPDATE item SET name = 'y';
