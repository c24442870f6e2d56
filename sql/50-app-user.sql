-- The application account: data access to seedtag and nothing else (no DDL, no other schema).
-- 'saga'@'localhost' serves socket connections, 'saga'@'127.0.0.1' TCP ones (servers run with
-- skip-name-resolve, so 127.0.0.1 is not mapped to localhost).
--
-- The password comes from the session variable @saga_password, which scripts/apply-schema.sh sets
-- from SAGA_DB_PASSWORD. Without it the documented development default is used; never use that
-- default outside a developer machine or a test. Re-running resets the password and the grants,
-- so the account ends up with exactly these rights.
SET @saga_password = COALESCE(@saga_password, 'saga-dev-only');

CREATE USER IF NOT EXISTS 'saga'@'localhost' IDENTIFIED BY 'saga-dev-only';
CREATE USER IF NOT EXISTS 'saga'@'127.0.0.1' IDENTIFIED BY 'saga-dev-only';

-- IDENTIFIED BY takes only a literal: build the statements around a quoted copy of the password.
SET @saga_statement = CONCAT('ALTER USER ''saga''@''localhost'' IDENTIFIED BY ', QUOTE(@saga_password));
PREPARE saga_statement FROM @saga_statement;
EXECUTE saga_statement;
DEALLOCATE PREPARE saga_statement;

SET @saga_statement = CONCAT('ALTER USER ''saga''@''127.0.0.1'' IDENTIFIED BY ', QUOTE(@saga_password));
PREPARE saga_statement FROM @saga_statement;
EXECUTE saga_statement;
DEALLOCATE PREPARE saga_statement;

SET @saga_statement = NULL;
SET @saga_password = NULL;

REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'saga'@'localhost', 'saga'@'127.0.0.1';
GRANT SELECT, INSERT, UPDATE, DELETE ON seedtag.* TO 'saga'@'localhost', 'saga'@'127.0.0.1';
