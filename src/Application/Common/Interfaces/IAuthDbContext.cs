using Auth.Domain.Accounts;
using Auth.Domain.ApiKeys;
using Auth.Domain.Audit;
using Auth.Domain.Email;
using Auth.Domain.KnownDevices;
using Auth.Domain.Passkeys;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Microsoft.EntityFrameworkCore;

namespace Auth.Application.Common.Interfaces;

/// <summary>The unit of work handlers use: plain sets, saved once at the end of a command.</summary>
public interface IAuthDbContext
{
    DbSet<User> Users { get; }

    DbSet<SignInThrottle> SignInThrottles { get; }

    DbSet<AccountToken> AccountTokens { get; }

    DbSet<AuditEvent> AuditEvents { get; }

    DbSet<ApiKey> ApiKeys { get; }

    DbSet<Session> Sessions { get; }

    DbSet<KnownDevice> KnownDevices { get; }

    DbSet<RefreshToken> RefreshTokens { get; }

    DbSet<Device> Devices { get; }

    DbSet<BackupToken> BackupTokens { get; }

    DbSet<TfaChallenge> TfaChallenges { get; }

    DbSet<EmailCode> EmailCodes { get; }

    DbSet<OutboxMessage> OutboxMessages { get; }

    DbSet<Passkey> Passkeys { get; }

    DbSet<PasskeyCeremony> PasskeyCeremonies { get; }

    DbSet<QueuedAccountRequest> AccountRequests { get; }

    Task<int> SaveChangesAsync(CancellationToken cancellationToken = default);

    /// <summary>
    /// Whether a search for text anywhere in an address or a name (<c>LIKE '%…%'</c>) is served by an index here:
    /// PostgreSQL's trigram indexes (<c>pg_trgm</c>). Elsewhere only prefixes are searched.
    /// </summary>
    bool FindsSubstrings { get; }

    /// <summary>Forgets the unit of work's pending changes (after a lost race), so a failure can still be recorded.</summary>
    void DiscardChanges();
}
