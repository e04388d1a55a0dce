using Auth.Infrastructure.Persistence;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.TestCommon;

/// <summary>A real SQLite database in memory, created from the migrations; lives as long as this object.</summary>
public sealed class SqliteTestDatabase : IDisposable
{
    private readonly SqliteConnection _connection;

    public SqliteTestDatabase()
    {
        _connection = new SqliteConnection("Data Source=:memory:");
        _connection.Open();
        using var context = CreateContext();
        context.Database.Migrate();
    }

    /// <summary>A fresh context on the same database, as a new request scope would get (with its interceptors).</summary>
    public SqliteAuthDbContext CreateContext(params IInterceptor[] interceptors) =>
        new(new DbContextOptionsBuilder<SqliteAuthDbContext>().UseSqlite(_connection).AddInterceptors(interceptors).Options);

    public void Dispose() => _connection.Dispose();
}
