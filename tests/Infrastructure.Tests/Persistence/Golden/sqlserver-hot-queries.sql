-- sign-in: the account by its address
SELECT [u].[Id], [u].[CreatedAt], [u].[DisabledAt], [u].[Email], [u].[EmailVerifiedAt], [u].[FullName], [u].[LastLoginAt], [u].[NormalizedEmail], [u].[NormalizedFullName], [u].[PasswordChangedAt], [u].[PasswordHash], [u].[Roles], [u].[SecondFactorFailures], [u].[SecurityStamp]
FROM [Users] AS [u]
WHERE [u].[NormalizedEmail] = N'ADA@EXAMPLE.COM'

-- every authenticated request: the session
DECLARE @id uniqueIdentifier = '00000000-0000-0000-0000-000000000000';

SELECT [s].[Id], [s].[AbsoluteExpiresAt], [s].[AuthenticationMethods], [s].[CreatedAt], [s].[ExpiresAt], [s].[IpAddress], [s].[LastUsedAt], [s].[RevocationReason], [s].[RevokedAt], [s].[UserAgent], [s].[UserId]
FROM [Sessions] AS [s]
WHERE [s].[Id] = @id AND [s].[UserId] = @id

-- refresh: the presented token
DECLARE @hash varbinary(32) = 0x0000000000000000000000000000000000000000000000000000000000000000;

SELECT [r].[Id], [r].[IssuedAt], [r].[SessionId], [r].[SpentAt], [r].[TokenHash]
FROM [RefreshTokens] AS [r]
WHERE [r].[TokenHash] = @hash

-- second step: the active device
DECLARE @id uniqueIdentifier = '00000000-0000-0000-0000-000000000000';

SELECT [d].[Id], [d].[ActivatedAt], [d].[BoundAt], [d].[CreatedAt], [d].[LastAcceptedTimeStep], [d].[SecretCiphertext], [d].[SecretKeyId], [d].[Status], [d].[Type], [d].[UserId]
FROM [Devices] AS [d]
WHERE [d].[UserId] = @id AND [d].[Status] = 'Active'

-- email dispatch: the due batch
DECLARE @p int = 20;

SELECT TOP(@p) [o].[Id], [o].[Attempts], [o].[BodyCiphertext], [o].[BodyExpiresAt], [o].[BodyKeyId], [o].[ClaimedUntil], [o].[CreatedAt], [o].[LastError], [o].[NextAttemptAt], [o].[SentAt], [o].[Status], [o].[Subject], [o].[To], [o].[Version]
FROM [OutboxMessages] AS [o]
WHERE [o].[Status] IN ('Pending', 'Retrying') AND [o].[NextAttemptAt] <= '2026-01-01T00:00:00.0000000+00:00' AND ([o].[ClaimedUntil] IS NULL OR [o].[ClaimedUntil] <= '2026-01-01T00:00:00.0000000+00:00')
ORDER BY [o].[NextAttemptAt]

-- account requests: the due batch
DECLARE @p int = 20;

SELECT TOP(@p) [a].[Id]
FROM [AccountRequests] AS [a]
WHERE [a].[ClaimedUntil] IS NULL OR [a].[ClaimedUntil] < '2026-01-01T00:00:00.0000000+00:00'
ORDER BY [a].[CreatedAt]

-- admin: an audit page
DECLARE @p int = 0;
DECLARE @p1 int = 50;

SELECT [a].[Id], [a].[ActorId], [a].[ClientId], [a].[ClientIp], [a].[OccurredAt], [a].[Outcome], [a].[Reason], [a].[Type], [a].[UserAgent], [a].[UserId]
FROM [AuditEvents] AS [a]
ORDER BY [a].[OccurredAt] DESC, [a].[Id] DESC
OFFSET @p ROWS FETCH NEXT @p1 ROWS ONLY

-- admin: the audit page after a cursor
DECLARE @p int = 51;
DECLARE @id uniqueIdentifier = '00000000-0000-0000-0000-000000000000';

SELECT TOP(@p) [a].[Id], [a].[ActorId], [a].[ClientId], [a].[ClientIp], [a].[OccurredAt], [a].[Outcome], [a].[Reason], [a].[Type], [a].[UserAgent], [a].[UserId]
FROM [AuditEvents] AS [a]
WHERE [a].[OccurredAt] <= '2026-01-01T00:00:00.0000000+00:00' AND ([a].[OccurredAt] < '2026-01-01T00:00:00.0000000+00:00' OR [a].[Id] < @id)
ORDER BY [a].[OccurredAt] DESC, [a].[Id] DESC

-- admin: users whose address starts with a prefix, after a cursor
DECLARE @p int = 21;

SELECT TOP(@p) [u].[Id], [u].[CreatedAt], [u].[DisabledAt], [u].[Email], [u].[EmailVerifiedAt], [u].[FullName], [u].[LastLoginAt], [u].[NormalizedEmail], [u].[NormalizedFullName], [u].[PasswordChangedAt], [u].[PasswordHash], [u].[Roles], [u].[SecondFactorFailures], [u].[SecurityStamp]
FROM [Users] AS [u]
WHERE [u].[NormalizedEmail] >= N'ADA' AND [u].[NormalizedEmail] < N'ADA￿' AND [u].[NormalizedEmail] > N'ADA@'
ORDER BY [u].[NormalizedEmail]

-- admin: users whose name (and not address) starts with a prefix, after a cursor
DECLARE @p int = 21;
DECLARE @id uniqueIdentifier = '00000000-0000-0000-0000-000000000000';

SELECT TOP(@p) [u].[Id], [u].[CreatedAt], [u].[DisabledAt], [u].[Email], [u].[EmailVerifiedAt], [u].[FullName], [u].[LastLoginAt], [u].[NormalizedEmail], [u].[NormalizedFullName], [u].[PasswordChangedAt], [u].[PasswordHash], [u].[Roles], [u].[SecondFactorFailures], [u].[SecurityStamp]
FROM [Users] AS [u]
WHERE [u].[NormalizedFullName] >= N'ADA' AND [u].[NormalizedFullName] < N'ADA￿' AND ([u].[NormalizedEmail] < N'ADA' OR [u].[NormalizedEmail] >= N'ADA￿') AND [u].[NormalizedFullName] >= N'ADA L' AND ([u].[NormalizedFullName] > N'ADA L' OR [u].[Id] > @id)
ORDER BY [u].[NormalizedFullName], [u].[Id]

-- admin: the whole user list after a cursor
DECLARE @p int = 21;
DECLARE @id uniqueIdentifier = '00000000-0000-0000-0000-000000000000';

SELECT TOP(@p) [u].[Id], [u].[CreatedAt], [u].[DisabledAt], [u].[Email], [u].[EmailVerifiedAt], [u].[FullName], [u].[LastLoginAt], [u].[NormalizedEmail], [u].[NormalizedFullName], [u].[PasswordChangedAt], [u].[PasswordHash], [u].[Roles], [u].[SecondFactorFailures], [u].[SecurityStamp]
FROM [Users] AS [u]
WHERE [u].[CreatedAt] >= '2026-01-01T00:00:00.0000000+00:00' AND ([u].[CreatedAt] > '2026-01-01T00:00:00.0000000+00:00' OR [u].[Id] > @id)
ORDER BY [u].[CreatedAt], [u].[Id]

