using Auth.Application.Common.Interfaces;
using Auth.Application.Users;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    /// <summary>Every provider is registered; <c>Database:Provider</c> picks one when a context is first resolved.</summary>
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<DatabaseOptions>().Bind(configuration.GetSection(DatabaseOptions.SectionName));
        // Pooled: a request leases a context that is already set up (options, internal services) instead of building
        // one; the pool resets it on return. So interceptors are singletons that keep per-context state themselves.
        services.AddDbContextPool<SqliteAuthDbContext>((provider, options) => options
            .UseSqlite(ConnectionString(provider, DatabaseProvider.Sqlite))
            .AddInterceptors(provider.GetServices<ISaveChangesInterceptor>())
            .AddInterceptors(new SqliteConnectionSetup()));
        services.AddDbContextPool<SqlServerAuthDbContext>((provider, options) => options
            .UseSqlServer(ConnectionString(provider, DatabaseProvider.SqlServer), sql => sql.EnableRetryOnFailure())
            .AddInterceptors(provider.GetServices<ISaveChangesInterceptor>()));
        services.AddDbContextPool<PostgreSqlAuthDbContext>((provider, options) => options
            .UseNpgsql(ConnectionString(provider, DatabaseProvider.PostgreSql))
            .AddInterceptors(provider.GetServices<ISaveChangesInterceptor>()));
        services.AddScoped<AuthDbContext>(provider =>
            provider.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.Sqlite => provider.GetRequiredService<SqliteAuthDbContext>(),
                DatabaseProvider.SqlServer => provider.GetRequiredService<SqlServerAuthDbContext>(),
                DatabaseProvider.PostgreSql => provider.GetRequiredService<PostgreSqlAuthDbContext>(),
                var other => throw new ConfigurationException($"Database:Provider '{other}' is not supported (Sqlite, SqlServer or PostgreSql)."),
            });
        services.AddScoped<IAuthDbContext>(provider => provider.GetRequiredService<AuthDbContext>());
        services.AddScoped<ICurrentUserReader, CompiledCurrentUserReader>();
        return services;
    }

    /// <summary>Creates the SQLite folder if needed and applies pending migrations, when configured to.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        if (!scope.ServiceProvider.GetRequiredService<IOptions<DatabaseOptions>>().Value.MigrateOnStartup)
        {
            return;
        }

        if (db.Database.IsSqlite())
        {
            var dataSource = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
            var folder = Path.GetDirectoryName(Path.GetFullPath(dataSource));
            if (!string.IsNullOrEmpty(folder) && dataSource != ":memory:")
            {
                Directory.CreateDirectory(folder);
            }
        }

        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        if (db.Database.IsSqlite())
        {
            // Write-ahead logging lets readers proceed while one writer commits.
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", cancellationToken);
        }

        var logger = scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthDbContext));
        if (pending.Count > 0)
        {
            logger.LogInformation("Applied {MigrationCount} database migrations", pending.Count);
        }

        await NormalizeStoredNamesAsync(db, logger, cancellationToken);
    }

    /// <summary>
    /// Accounts stored before names were searchable get their search form, in C# (SQL's upper() differs by provider,
    /// and SQLite's knows only ASCII), a thousand at a time; on every later start the indexed check finds none.
    /// </summary>
    private static async Task NormalizeStoredNamesAsync(AuthDbContext db, ILogger logger, CancellationToken cancellationToken)
    {
        var filled = 0;
        while (await db.Users.Where(u => u.NormalizedFullName == string.Empty).Take(1000).ToListAsync(cancellationToken) is { Count: > 0 } batch)
        {
            batch.ForEach(u => u.NormalizeStoredName());
            await db.SaveChangesAsync(cancellationToken);
            db.ChangeTracker.Clear();
            filled += batch.Count;
        }

        if (filled > 0)
        {
            logger.LogInformation("Made {UserCount} stored names searchable", filled);
        }
    }

    private static string ConnectionString(IServiceProvider provider, DatabaseProvider expected)
    {
        var connectionString = provider.GetRequiredService<IConfiguration>().GetConnectionString("Auth");
        if (!string.IsNullOrWhiteSpace(connectionString))
        {
            return connectionString;
        }

        return expected == DatabaseProvider.Sqlite
            ? DatabaseOptions.DefaultSqliteConnectionString
            : throw new ConfigurationException(
                $"Database:Provider is {expected} but no connection string is set. " +
                "Set ConnectionStrings:Auth (environment variable ConnectionStrings__Auth).");
    }
}
