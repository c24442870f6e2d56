-- Orleans' ADO.NET providers (clustering, grain persistence) issue only the SQL they find in this
-- table, looked up by QueryKey when a provider starts. Parameters are written @Name; the providers
-- read result columns by name. The query texts themselves are installed by the 20- and 30- scripts.
--
-- Query texts must not contain a question mark (MySqlConnector takes it for a positional
-- parameter) nor a DELIMITER, and use only syntax shared by MySQL 8 and MariaDB 10.11.
USE seedtag;

CREATE TABLE IF NOT EXISTS OrleansQuery
(
    QueryKey  VARCHAR(64)   NOT NULL,
    QueryText VARCHAR(8000) NOT NULL,

    CONSTRAINT OrleansQuery_Key PRIMARY KEY (QueryKey)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
