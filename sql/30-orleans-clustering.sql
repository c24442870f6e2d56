-- Cluster membership for Orleans' ADO.NET clustering (Microsoft.Orleans.Clustering.AdoNet), used
-- by silos (UseAdoNetClustering) and by clients to find gateways.
--
-- Required query keys: GatewaysQueryKey, MembershipReadRowKey, MembershipReadAllKey,
-- InsertMembershipVersionKey, UpdateIAmAlivetimeKey, InsertMembershipKey, UpdateMembershipKey,
-- DeleteMembershipTableEntriesKey, CleanupDefunctSiloEntriesKey. Optional (10.4+):
-- CleanupDefunctSiloEntryKey, which removes one Dead row only if it is unchanged since it was read.
-- Parameters: @DeploymentId (the cluster id), @Address, @Port, @Generation, @SiloName, @HostName,
-- @Status, @ProxyPort, @StartTime, @IAmAliveTime, @SuspectTimes, @Version. Insert and update
-- return one row with one column, non-zero on success; zero tells Orleans the table version moved
-- and it must re-read and retry.
--
-- Like 20-orleans-persistence.sql this uses no stored procedures (see there), and times are
-- DATETIME(3): Orleans passes UTC values and reads them back as UTC.
USE seedtag;

-- One row per cluster: the table version every membership change must bump (optimistic
-- concurrency for the whole membership table).
CREATE TABLE IF NOT EXISTS OrleansMembershipVersionTable
(
    DeploymentId VARCHAR(150) NOT NULL,
    Version      INT          NOT NULL DEFAULT 0,

    CONSTRAINT PK_OrleansMembershipVersionTable_DeploymentId PRIMARY KEY (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- One row per silo incarnation (address, port, generation).
CREATE TABLE IF NOT EXISTS OrleansMembershipTable
(
    DeploymentId VARCHAR(150)  NOT NULL,
    Address      VARCHAR(45)   NOT NULL,
    Port         INT           NOT NULL,
    Generation   INT           NOT NULL,
    SiloName     VARCHAR(150)  NOT NULL,
    HostName     VARCHAR(150)  NOT NULL,
    Status       INT           NOT NULL,
    ProxyPort    INT           NOT NULL DEFAULT 0,
    SuspectTimes VARCHAR(8000) NULL,
    StartTime    DATETIME(3)   NOT NULL,
    IAmAliveTime DATETIME(3)   NOT NULL,

    CONSTRAINT PK_MembershipTable_DeploymentId PRIMARY KEY (DeploymentId, Address, Port, Generation),
    CONSTRAINT FK_MembershipTable_MembershipVersionTable_DeploymentId
        FOREIGN KEY (DeploymentId) REFERENCES OrleansMembershipVersionTable (DeploymentId)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

INSERT INTO OrleansQuery (QueryKey, QueryText)
VALUES
(
    -- INSERT IGNORE rather than INSERT ... WHERE NOT EXISTS: two silos starting together each took a
    -- shared gap lock in the NOT EXISTS read and then deadlocked on their inserts, failing a silo's start.
    -- With INSERT IGNORE the second insert waits for the first and is ignored as a duplicate key.
    'InsertMembershipVersionKey',
    'INSERT IGNORE INTO OrleansMembershipVersionTable (DeploymentId, Version)
    VALUES (@DeploymentId, 0);
    SELECT ROW_COUNT() > 0 AS Inserted;'
),
(
    -- The first UPDATE changes nothing but locks the version row, so that the insert and the
    -- version bump below see one consistent table version whatever the isolation level.
    -- The bump happens only when the row was inserted (ROW_COUNT() of the INSERT), and the insert
    -- only when the version still matches, so either both happen or neither does.
    'InsertMembershipKey',
    'START TRANSACTION;
    UPDATE OrleansMembershipVersionTable
    SET Version = Version
    WHERE DeploymentId = @DeploymentId;
    INSERT INTO OrleansMembershipTable
        (DeploymentId, Address, Port, Generation, SiloName, HostName, Status, ProxyPort, StartTime, IAmAliveTime)
    SELECT @DeploymentId, @Address, @Port, @Generation, @SiloName, @HostName, @Status, @ProxyPort,
        @StartTime, @IAmAliveTime
    FROM OrleansMembershipVersionTable v
    WHERE v.DeploymentId = @DeploymentId
        AND v.Version = @Version
        AND NOT EXISTS
        (
            SELECT 1
            FROM OrleansMembershipTable m
            WHERE m.DeploymentId = @DeploymentId
                AND m.Address = @Address
                AND m.Port = @Port
                AND m.Generation = @Generation
        );
    UPDATE OrleansMembershipVersionTable
    SET Version = Version + 1
    WHERE DeploymentId = @DeploymentId
        AND Version = @Version
        AND ROW_COUNT() > 0;
    SELECT ROW_COUNT() > 0 AS Inserted;
    COMMIT;'
),
(
    -- One statement updates the silo row and bumps the table version, or does neither.
    'UpdateMembershipKey',
    'UPDATE OrleansMembershipVersionTable v
        INNER JOIN OrleansMembershipTable m
            ON m.DeploymentId = v.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
    SET v.Version = v.Version + 1,
        m.Status = @Status,
        m.SuspectTimes = @SuspectTimes,
        m.IAmAliveTime = @IAmAliveTime
    WHERE v.DeploymentId = @DeploymentId
        AND v.Version = @Version;
    SELECT ROW_COUNT() > 0 AS Updated;'
),
(
    -- Heartbeat: not versioned, and Orleans does not check its result.
    'UpdateIAmAlivetimeKey',
    'UPDATE OrleansMembershipTable
    SET IAmAliveTime = @IAmAliveTime
    WHERE DeploymentId = @DeploymentId
        AND Address = @Address
        AND Port = @Port
        AND Generation = @Generation;'
),
(
    'GatewaysQueryKey',
    'SELECT Address, ProxyPort, Generation
    FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND Status = @Status
        AND ProxyPort > 0;'
),
(
    -- The LEFT JOIN returns the version row even when the silo has no row yet.
    'MembershipReadRowKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
        m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
        LEFT OUTER JOIN OrleansMembershipTable m
            ON m.DeploymentId = v.DeploymentId
            AND m.Address = @Address
            AND m.Port = @Port
            AND m.Generation = @Generation
    WHERE v.DeploymentId = @DeploymentId;'
),
(
    'MembershipReadAllKey',
    'SELECT v.DeploymentId, m.Address, m.Port, m.Generation, m.SiloName, m.HostName, m.Status,
        m.ProxyPort, m.SuspectTimes, m.StartTime, m.IAmAliveTime, v.Version
    FROM OrleansMembershipVersionTable v
        LEFT OUTER JOIN OrleansMembershipTable m ON m.DeploymentId = v.DeploymentId
    WHERE v.DeploymentId = @DeploymentId;'
),
(
    'DeleteMembershipTableEntriesKey',
    'DELETE FROM OrleansMembershipTable WHERE DeploymentId = @DeploymentId;
    DELETE FROM OrleansMembershipVersionTable WHERE DeploymentId = @DeploymentId;'
),
(
    -- Used only when CleanupDefunctSiloEntryKey is absent: Dead (6) silos not heard of since the cutoff.
    'CleanupDefunctSiloEntriesKey',
    'DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND Status = 6
        AND IAmAliveTime < @IAmAliveTime
        AND StartTime < @IAmAliveTime;'
),
(
    -- Orleans picks the Dead rows to prune and passes back the values it read; the row goes only
    -- if none of them changed in between.
    'CleanupDefunctSiloEntryKey',
    'DELETE FROM OrleansMembershipTable
    WHERE DeploymentId = @DeploymentId
        AND Address = @Address
        AND Port = @Port
        AND Generation = @Generation
        AND Status = 6
        AND StartTime = @StartTime
        AND IAmAliveTime = @IAmAliveTime
        AND COALESCE(SuspectTimes, '''') = COALESCE(@SuspectTimes, '''');'
)
ON DUPLICATE KEY UPDATE QueryText = VALUES(QueryText);
