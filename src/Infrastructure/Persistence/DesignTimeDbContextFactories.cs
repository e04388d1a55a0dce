using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;

namespace Auth.Infrastructure.Persistence;

/// <summary>Lets <c>dotnet ef</c> build each provider's context without starting the web host.</summary>
public sealed class SqliteDesignTimeFactory : IDesignTimeDbContextFactory<SqliteAuthDbContext>
{
    public SqliteAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqliteAuthDbContext>()
            .UseSqlite(DatabaseOptions.DefaultSqliteConnectionString)
            .Options);
}

public sealed class SqlServerDesignTimeFactory : IDesignTimeDbContextFactory<SqlServerAuthDbContext>
{
    public SqlServerAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<SqlServerAuthDbContext>()
            .UseSqlServer("Server=(design-time);Database=Auth;Integrated Security=true;TrustServerCertificate=true")
            .Options);
}

public sealed class PostgreSqlDesignTimeFactory : IDesignTimeDbContextFactory<PostgreSqlAuthDbContext>
{
    public PostgreSqlAuthDbContext CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<PostgreSqlAuthDbContext>()
            .UseNpgsql("Host=design-time;Database=auth")
            .Options);
}
