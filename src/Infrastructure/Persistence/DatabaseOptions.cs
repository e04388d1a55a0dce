namespace Auth.Infrastructure.Persistence;

public enum DatabaseProvider
{
    Sqlite,
    SqlServer,
    PostgreSql,
}

public sealed class DatabaseOptions
{
    public const string SectionName = "Database";

    public const string DefaultSqliteConnectionString = "Data Source=data/auth.db";

    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>Apply pending migrations when the service starts.</summary>
    public bool MigrateOnStartup { get; set; } = true;
}
