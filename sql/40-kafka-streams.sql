-- The result table: the top characters per (5-minute window, saga label), as the job we replace
-- wrote it (its six columns), plus the key and bookkeeping that make the writes idempotent.
--
-- * One row per (window_start, label, top_5): replays and restarts upsert, never duplicate.
-- * is_final = 1 once the window closed; such rows never change again (the writer enforces it).
-- * Times are UTC. DATETIME holds no time zone, so nothing is shifted by a server's or
--   session's time_zone; the application also sets time_zone = '+00:00' on every connection.
-- * Text is utf8mb4_bin: names and labels are stored verbatim and compared exactly
--   ("Harry" and "harry" are different characters).
USE seedtag;

CREATE TABLE IF NOT EXISTS kafka_streams
(
    window_start              DATETIME     NOT NULL,
    window_end                DATETIME     NOT NULL,
    label                     VARCHAR(255) NOT NULL,
    saga_characters           VARCHAR(255) NOT NULL,
    total_views_per_character BIGINT       NOT NULL,
    -- The rank within (window_start, label): 1 = most mentioned.
    top_5                     INT          NOT NULL,
    is_final                  TINYINT(1)   NOT NULL DEFAULT 0,
    updated_at                DATETIME(3)  NOT NULL,

    CONSTRAINT pk_kafka_streams PRIMARY KEY (window_start, label, top_5),
    -- "The latest windows of a label": WHERE label = ? ORDER BY window_start DESC.
    KEY ix_kafka_streams_label_window (label, window_start),
    CONSTRAINT ck_kafka_streams_rank CHECK (top_5 >= 1),
    CONSTRAINT ck_kafka_streams_count CHECK (total_views_per_character >= 0),
    CONSTRAINT ck_kafka_streams_window CHECK (window_end > window_start)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
