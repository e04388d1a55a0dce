using Auth.Application.Common.Interfaces;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Auth.Infrastructure.Persistence;

public static class PersistenceServiceCollectionExtensions
{
    public static IServiceCollection AddPersistence(this IServiceCollection services, IConfiguration configuration)
    {
        var options = configuration.GetSection(DatabaseOptions.SectionName).Get<DatabaseOptions>() ?? new DatabaseOptions();
        services.AddSingleton(Microsoft.Extensions.Options.Options.Create(options));
        var connectionString = configuration.GetConnectionString("Auth");

        switch (options.Provider)
        {
            case DatabaseProvider.Sqlite:
                connectionString = string.IsNullOrWhiteSpace(connectionString)
                    ? DatabaseOptions.DefaultSqliteConnectionString
                    : connectionString;
                services.AddDbContext<SqliteAuthDbContext>(o => o.UseSqlite(connectionString));
                services.AddScoped<AuthDbContext>(sp => sp.GetRequiredService<SqliteAuthDbContext>());
                break;
            case DatabaseProvider.SqlServer:
                if (string.IsNullOrWhiteSpace(connectionString))
                {
                    throw new ConfigurationException(
                        "Database:Provider is SqlServer but no connection string is set. " +
                        "Set ConnectionStrings:Auth (environment variable ConnectionStrings__Auth).");
                }

                services.AddDbContext<SqlServerAuthDbContext>(o => o.UseSqlServer(connectionString, sql => sql.EnableRetryOnFailure()));
                services.AddScoped<AuthDbContext>(sp => sp.GetRequiredService<SqlServerAuthDbContext>());
                break;
            default:
                throw new ConfigurationException($"Database:Provider '{options.Provider}' is not supported (Sqlite or SqlServer).");
        }

        services.AddScoped<IAuthDbContext>(sp => sp.GetRequiredService<AuthDbContext>());
        return services;
    }

    /// <summary>Creates the SQLite folder if needed and applies pending migrations, when configured to.</summary>
    public static async Task InitializeDatabaseAsync(this IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var options = services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DatabaseOptions>>().Value;
        if (!options.MigrateOnStartup)
        {
            return;
        }

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
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

        if (pending.Count > 0)
        {
            scope.ServiceProvider.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(AuthDbContext))
                .LogInformation("Applied {MigrationCount} database migrations", pending.Count);
        }
    }
}
