-- @p = 1000
-- @sessionsBefore = 12/02/2025 00:00:00 +00:00
-- @sessionsBefore1 = 12/02/2025 00:00:00 +00:00
SELECT TOP(@p) [s].[Id]
FROM [Sessions] AS [s]
WHERE ([s].[RevokedAt] IS NOT NULL AND [s].[RevokedAt] < @sessionsBefore) OR [s].[ExpiresAt] < @sessionsBefore1

-- @p = 1000
-- @ids = ["00000000-0000-0000-0000-000000000001"]
DELETE TOP(@p) FROM [r]
FROM [RefreshTokens] AS [r]
WHERE [r].[SessionId] IN (
    SELECT [i].[value]
    FROM OPENJSON(@ids) WITH ([value] uniqueidentifier '$') AS [i]
)

-- @ids = ["00000000-0000-0000-0000-000000000001"]
DELETE FROM [s]
FROM [Sessions] AS [s]
WHERE [s].[Id] IN (
    SELECT [i].[value]
    FROM OPENJSON(@ids) WITH ([value] uniqueidentifier '$') AS [i]
)

-- @p = 1000
-- @secretsBefore = 12/25/2025 00:00:00 +00:00
DELETE TOP(@p) FROM [t]
FROM [TfaChallenges] AS [t]
WHERE [t].[ExpiresAt] < @secretsBefore

-- @p = 1000
-- @now = 01/01/2026 00:00:00 +00:00
DELETE TOP(@p) FROM [p]
FROM [PasskeyCeremonies] AS [p]
WHERE [p].[ExpiresAt] < @now

-- @p = 1000
-- @secretsBefore = 12/25/2025 00:00:00 +00:00
DELETE TOP(@p) FROM [e]
FROM [EmailCodes] AS [e]
WHERE [e].[ExpiresAt] < @secretsBefore

-- @p = 1000
-- @secretsBefore = 12/25/2025 00:00:00 +00:00
DELETE TOP(@p) FROM [a]
FROM [AccountTokens] AS [a]
WHERE [a].[ExpiresAt] < @secretsBefore

-- @p = 1000
-- @now = 01/01/2026 00:00:00 +00:00
UPDATE TOP(@p) [o]
SET [o].[BodyCiphertext] = NULL,
    [o].[BodyKeyId] = NULL
FROM [OutboxMessages] AS [o]
WHERE [o].[BodyCiphertext] IS NOT NULL AND [o].[BodyExpiresAt] IS NOT NULL AND [o].[BodyExpiresAt] <= @now

-- @p = 1000
-- @emailsBefore = 12/02/2025 00:00:00 +00:00
-- @emailsBefore1 = 12/02/2025 00:00:00 +00:00
DELETE TOP(@p) FROM [o]
FROM [OutboxMessages] AS [o]
WHERE ([o].[Status] = 'Sent' AND [o].[SentAt] < @emailsBefore) OR ([o].[Status] = 'Dead' AND [o].[CreatedAt] < @emailsBefore1)

-- @p = 1000
-- @idleBefore = 12/02/2025 00:00:00 +00:00
-- @now = 01/01/2026 00:00:00 +00:00
DELETE TOP(@p) FROM [s]
FROM [SignInThrottles] AS [s]
WHERE [s].[ConsecutiveFailures] = 0 OR ([s].[LastAttemptAt] < @idleBefore AND ([s].[ThrottledUntil] IS NULL OR [s].[ThrottledUntil] < @now))

-- @p = 1000
-- @idleBefore = 12/02/2025 00:00:00 +00:00
-- @now = 01/01/2026 00:00:00 +00:00
DELETE TOP(@p) FROM [k]
FROM [KnownDevices] AS [k]
WHERE [k].[LastUsedAt] < @idleBefore AND ([k].[RememberedUntil] IS NULL OR [k].[RememberedUntil] < @now)

-- @p = 1000
-- @auditBefore = 01/01/2025 00:00:00 +00:00
DELETE TOP(@p) FROM [a]
FROM [AuditEvents] AS [a]
WHERE [a].[OccurredAt] < @auditBefore

