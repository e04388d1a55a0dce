using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Auth.Infrastructure.Persistence;

/// <summary>
/// Per-connection SQLite settings. The database runs in write-ahead-log mode, where <c>synchronous=NORMAL</c> is
/// SQLite's recommended setting: commits no longer wait for an fsync each (the log is synced at checkpoints), so a
/// login's few small writes stop queueing behind the disk. The database stays consistent after any crash; a power
/// loss may roll back the last commits. SQLite is the embedded default, not the production provider.
/// Measured with benchmarks/load: a login load blocked thread-pool threads in 150 ms sleeps on the write lock.
/// </summary>
public sealed class SqliteConnectionSetup : DbConnectionInterceptor
{
    // busy_timeout: a writer that finds the database locked waits in SQLite's own handler, which retries after 1, 2,
    // 5, 10 ms and so on, instead of failing to Microsoft.Data.Sqlite's retry loop, which sleeps the thread 150 ms.
    private const string Pragmas = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var command = connection.CreateCommand();
        command.CommandText = Pragmas;
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(connection);
        var command = connection.CreateCommand();
        await using (command.ConfigureAwait(false))
        {
            command.CommandText = Pragmas;
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }
    }
}
