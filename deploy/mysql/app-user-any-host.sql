-- The application account for silos and clients in containers or pods: 'saga'@'%', with the same rights as the
-- local accounts of sql/50-app-user.sql (SELECT, INSERT, UPDATE, DELETE on seedtag.*, nothing else).
--
-- The password comes from the session variable @saga_password (set by deploy/mysql/apply-schema.sh from
-- SAGA_DB_PASSWORD). There is no default: without it this script fails rather than create a known password.
-- Re-running resets the password and the grants.
SET @saga_statement = CONCAT('CREATE USER IF NOT EXISTS ''saga''@''%'' IDENTIFIED BY ', QUOTE(@saga_password));
PREPARE saga_statement FROM @saga_statement;
EXECUTE saga_statement;
DEALLOCATE PREPARE saga_statement;

SET @saga_statement = CONCAT('ALTER USER ''saga''@''%'' IDENTIFIED BY ', QUOTE(@saga_password));
PREPARE saga_statement FROM @saga_statement;
EXECUTE saga_statement;
DEALLOCATE PREPARE saga_statement;

SET @saga_statement = NULL;
SET @saga_password = NULL;

REVOKE ALL PRIVILEGES, GRANT OPTION FROM 'saga'@'%';
GRANT SELECT, INSERT, UPDATE, DELETE ON seedtag.* TO 'saga'@'%';
