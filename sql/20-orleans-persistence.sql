-- Grain state for Orleans' ADO.NET grain storage (Microsoft.Orleans.Persistence.AdoNet).
--
-- The provider reads four queries: ReadFromStorageKey, WriteToStorageKey, ClearStorageKey and
-- (for DeleteStateOnClear) DeleteStorageKey. It binds @GrainIdHash, @GrainIdN0, @GrainIdN1,
-- @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString, @ServiceId, @GrainStateVersion and,
-- for writes, @PayloadBinary. It reads PayloadBinary and Version from a read, and one row with
-- NewGrainStateVersion (or one value) from the others. A returned version equal to the one
-- passed in (or NULL) means "someone else wrote first": Orleans raises InconsistentStateException.
--
-- Differences from the scripts that ship with Orleans, on purpose:
-- * PayloadBinary is LONGBLOB: grain state may exceed BLOB's 64 KB (the server's
--   max_allowed_packet is then the limit).
-- * No stored procedures: each query is a short batch of plain statements that uses ROW_COUNT()
--   of the statement before it. The application account needs no EXECUTE right, there is no
--   routine DEFINER to manage, and the payload is never squeezed through a BLOB routine argument.
--   No batch opens a transaction: each statement commits on its own (autocommit), so a failing
--   statement can never leave a transaction and its locks open on a pooled connection. A first
--   write that loses a race inserts with IGNORE (the duplicate key becomes a warning and
--   ROW_COUNT() 0).
-- * A first write inserts without first reading whether the row exists (the unique GrainKey decides):
--   under REPEATABLE READ such a read locks the gap around the grain's place in the index, and grains
--   first written together (a silo's partitions at start, a new window's ranking grains) deadlocked
--   on each other's gaps.
-- * Text columns compare binary (utf8mb4_bin): string grain keys are matched exactly.
-- * ModifiedOn is informational and written with UTC_TIMESTAMP(3), independent of time_zone.
USE seedtag;

CREATE TABLE IF NOT EXISTS OrleansStorage
(
    -- Hashes computed by the provider; they narrow a lookup to (almost always) one row and the
    -- clear-text columns below resolve any collision.
    GrainIdHash            INT          NOT NULL,
    GrainIdN0              BIGINT       NOT NULL,
    GrainIdN1              BIGINT       NOT NULL,
    GrainTypeHash          INT          NOT NULL,
    GrainTypeString        VARCHAR(512) NOT NULL,
    GrainIdExtensionString VARCHAR(512) NULL,
    ServiceId              VARCHAR(150) NOT NULL,

    PayloadBinary          LONGBLOB     NULL,
    ModifiedOn             DATETIME(3)  NOT NULL,
    -- The ETag Orleans hands back on the next write; NULL payload with a version = cleared state.
    Version                INT          NULL,

    -- The full identity, hashed (length-prefixed, so distinct identities never concatenate
    -- alike). Its unique key makes a second row for one grain impossible, whatever the isolation
    -- level of two racing first writes; the loser gets a duplicate-key error.
    GrainKey               BINARY(32) AS (UNHEX(SHA2(CONCAT_WS('|',
                               CHAR_LENGTH(ServiceId), ServiceId,
                               CHAR_LENGTH(GrainTypeString), GrainTypeString,
                               GrainIdN0, GrainIdN1,
                               COALESCE(CHAR_LENGTH(GrainIdExtensionString), -1), COALESCE(GrainIdExtensionString, '')),
                               256))) STORED,

    KEY IX_OrleansStorage (GrainIdHash, GrainTypeHash),
    UNIQUE KEY UX_OrleansStorage_GrainKey (GrainKey)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    'ReadFromStorageKey',
    'SELECT PayloadBinary, Version
    FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString <=> @GrainIdExtensionString
        AND ServiceId = @ServiceId
    LIMIT 1;'
),
(
    -- A first write (no version yet) inserts a placeholder with version 0 only when no row exists;
    -- then one UPDATE stores the payload for both cases, so the payload crosses the wire once.
    -- The placeholder (no payload, version 0) reads as "no state", as a cleared row does; a second
    -- writer that saw it and wrote version 1 first makes this UPDATE miss, and this write fails with
    -- InconsistentStateException, as a racing first write does. No transaction: three statements
    -- per write instead of five (a write is a checkpoint, twice a second per partition), and none
    -- can be left open.
    'WriteToStorageKey',
    'INSERT IGNORE INTO OrleansStorage
        (GrainIdHash, GrainIdN0, GrainIdN1, GrainTypeHash, GrainTypeString, GrainIdExtensionString,
         ServiceId, PayloadBinary, ModifiedOn, Version)
    SELECT @GrainIdHash, @GrainIdN0, @GrainIdN1, @GrainTypeHash, @GrainTypeString, @GrainIdExtensionString,
        @ServiceId, NULL, UTC_TIMESTAMP(3), 0
    FROM DUAL
    WHERE @GrainStateVersion IS NULL;
    UPDATE OrleansStorage
    SET PayloadBinary = @PayloadBinary,
        ModifiedOn = UTC_TIMESTAMP(3),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString <=> @GrainIdExtensionString
        AND ServiceId = @ServiceId
        AND Version = COALESCE(@GrainStateVersion, 0)
        AND (@GrainStateVersion IS NOT NULL OR ROW_COUNT() > 0)
    LIMIT 1;
    SELECT CASE WHEN ROW_COUNT() > 0 THEN COALESCE(@GrainStateVersion, 0) + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion;'
),
(
    'ClearStorageKey',
    'UPDATE OrleansStorage
    SET PayloadBinary = NULL,
        ModifiedOn = UTC_TIMESTAMP(3),
        Version = Version + 1
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString <=> @GrainIdExtensionString
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion
    LIMIT 1;
    SELECT CASE WHEN ROW_COUNT() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion;'
),
(
    'DeleteStorageKey',
    'DELETE FROM OrleansStorage
    WHERE GrainIdHash = @GrainIdHash
        AND GrainTypeHash = @GrainTypeHash
        AND GrainIdN0 = @GrainIdN0
        AND GrainIdN1 = @GrainIdN1
        AND GrainTypeString = @GrainTypeString
        AND GrainIdExtensionString <=> @GrainIdExtensionString
        AND ServiceId = @ServiceId
        AND Version = @GrainStateVersion
    LIMIT 1;
    SELECT CASE WHEN ROW_COUNT() > 0 THEN @GrainStateVersion + 1 ELSE @GrainStateVersion END
        AS NewGrainStateVersion;'
)
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
