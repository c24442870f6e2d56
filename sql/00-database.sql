-- The application database. Every table in it uses utf8mb4 with binary (case- and accent-sensitive)
-- comparison unless a table says otherwise: names are stored and matched exactly as given.
CREATE DATABASE IF NOT EXISTS seedtag
    CHARACTER SET utf8mb4
    COLLATE utf8mb4_bin;
