-- tests: placeholder
SELECT * FROM placeholder WHERE x <> 1
