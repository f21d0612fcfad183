-- A CREATE TABLE … AS over an endless WITH RECURSIVE: must end with an error.
CREATE TABLE forever AS
  WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n)
  SELECT i FROM n;
