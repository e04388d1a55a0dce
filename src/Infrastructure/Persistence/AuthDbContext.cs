using Auth.Application.Common.Interfaces;
using Auth.Domain.Accounts;
using Auth.Domain.ApiKeys;
using Auth.Domain.Audit;
using Auth.Domain.Email;
using Auth.Domain.KnownDevices;
using Auth.Domain.Passkeys;
using Auth.Domain.Sessions;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Auth.Infrastructure.Security;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// The model, shared by both providers. Each provider has a subclass so that it keeps a migration set of its own
/// (<c>Migrations/Sqlite</c>, <c>Migrations/SqlServer</c>).
/// </summary>
public abstract class AuthDbContext(DbContextOptions options) : DbContext(options), IAuthDbContext, IDataProtectionKeyContext
{
    public DbSet<User> Users => Set<User>();

    public DbSet<SignInThrottle> SignInThrottles => Set<SignInThrottle>();

    public DbSet<AccountToken> AccountTokens => Set<AccountToken>();

    public DbSet<AuditEvent> AuditEvents => Set<AuditEvent>();

    public DbSet<ApiKey> ApiKeys => Set<ApiKey>();

    public DbSet<Session> Sessions => Set<Session>();

    public DbSet<KnownDevice> KnownDevices => Set<KnownDevice>();

    public DbSet<RefreshToken> RefreshTokens => Set<RefreshToken>();

    public DbSet<Device> Devices => Set<Device>();

    public DbSet<BackupToken> BackupTokens => Set<BackupToken>();

    public DbSet<TfaChallenge> TfaChallenges => Set<TfaChallenge>();

    public DbSet<EmailCode> EmailCodes => Set<EmailCode>();

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();

    public DbSet<Passkey> Passkeys => Set<Passkey>();

    public DbSet<PasskeyCeremony> PasskeyCeremonies => Set<PasskeyCeremony>();

    public DbSet<QueuedAccountRequest> AccountRequests => Set<QueuedAccountRequest>();

    /// <summary>ASP.NET Core Data Protection's key ring, shared by every node; each key sealed by <c>SealedDataProtectionKeys</c>.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <summary>The keys nodes have started with (fingerprints only): see <c>KeyConsistency</c>.</summary>
    public DbSet<KeyFingerprint> KeyFingerprints => Set<KeyFingerprint>();

    public virtual bool FindsSubstrings => false;

    public void DiscardChanges() => ChangeTracker.Clear();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(AuthDbContext).Assembly);

        // OpenIddict's own entities (clients, authorizations, scopes, tokens) for the OpenID Connect provider.
        modelBuilder.UseOpenIddict();
    }
}

public sealed class SqliteAuthDbContext(DbContextOptions<SqliteAuthDbContext> options) : AuthDbContext(options)
{
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite has no date-time-offset type; as UTC ticks the values stay comparable and sortable in SQL.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

public sealed class SqlServerAuthDbContext(DbContextOptions<SqlServerAuthDbContext> options) : AuthDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Search compares prefixes as ranges: the normalized columns sort by code point, not by a linguistic collation.
        modelBuilder.Entity<Domain.Users.User>().Property(u => u.NormalizedEmail).UseCollation("Latin1_General_100_BIN2");
        modelBuilder.Entity<Domain.Users.User>().Property(u => u.NormalizedFullName).UseCollation("Latin1_General_100_BIN2");
    }
}

/// <summary>PostgreSQL: the server database the tests also run on (ADR 0004). <c>DateTimeOffset</c> is <c>timestamptz</c>, in UTC.</summary>
public sealed class PostgreSqlAuthDbContext(DbContextOptions<PostgreSqlAuthDbContext> options) : AuthDbContext(options)
{
    /// <summary>The migration <c>UserSubstringSearch</c> adds trigram indexes on the normalized address and name.</summary>
    public override bool FindsSubstrings => true;

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);

        // Index filters are SQL: PostgreSQL quotes names with double quotes, not brackets.
        modelBuilder.Entity<Domain.Tfa.Device>().HasIndex(d => d.UserId, "IX_Devices_UserId_Active").HasFilter("\"Status\" = 'Active'");

        // Search compares prefixes as ranges: the normalized columns sort by byte (code point), not by the database's locale.
        modelBuilder.Entity<Domain.Users.User>().Property(u => u.NormalizedEmail).UseCollation("C");
        modelBuilder.Entity<Domain.Users.User>().Property(u => u.NormalizedFullName).UseCollation("C");
    }
}
