using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Auth.Domain.Email;
using Auth.Domain.Tfa;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Retention;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// SQL Server cannot run here, so what it would run is kept in the repository: the whole migration script, the SQL
/// of the hot queries and the retention job's statements. A model or query change that alters them fails here until
/// the golden copy is updated, so the change of SQL is seen in review. To update: <c>AUTH_UPDATE_GOLDEN=1 dotnet test tests/Infrastructure.Tests</c>.
/// </summary>
public sealed class SqlServerGoldenSqlTests
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    [Test]
    public void TheMigrationScript_IsTheGoldenCopy()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        AssertGolden("sqlserver-migrations.sql", script);
    }

    [Test]
    public void TheHotQueries_AreTheGoldenCopy()
    {
        using var db = new SqlServerDesignTimeFactory().CreateDbContext([]);
        var id = Guid.Empty;
        var hash = new byte[32];
        var queries = new (string Name, IQueryable Query)[]
        {
            ("sign-in: the account by its address", db.Users.Where(u => u.NormalizedEmail == "ADA@EXAMPLE.COM")),
            ("every authenticated request: the session", db.Sessions.Where(s => s.Id == id && s.UserId == id)),
            ("refresh: the presented token", db.RefreshTokens.Where(t => t.TokenHash == hash)),
            ("second step: the active device", db.Devices.Where(d => d.UserId == id && d.Status == DeviceStatus.Active)),
            ("email dispatch: the due batch", db.OutboxMessages
                .Where(m => (m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Retrying) && m.NextAttemptAt <= Now
                    && (m.ClaimedUntil == null || m.ClaimedUntil <= Now))
                .OrderBy(m => m.NextAttemptAt).Take(20)),
            ("account requests: the due batch", db.AccountRequests.Where(r => r.ClaimedUntil == null || r.ClaimedUntil < Now)
                .OrderBy(r => r.CreatedAt).Select(r => r.Id).Take(20)),
            ("admin: an audit page", db.AuditEvents.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip(0).Take(50)),
            ("admin: the audit page after a cursor", db.AuditEvents.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id)
                .Where(e => e.OccurredAt <= Now && (e.OccurredAt < Now || e.Id.CompareTo(id) < 0)).Take(51)),
            ("admin: users whose address starts with a prefix, after a cursor", db.Users
                .Where(u => string.Compare(u.NormalizedEmail, "ADA") >= 0 && string.Compare(u.NormalizedEmail, "ADA\uffff") < 0)
                .OrderBy(u => u.NormalizedEmail).Where(u => string.Compare(u.NormalizedEmail, "ADA@") > 0).Take(21)),
            ("admin: users whose name (and not address) starts with a prefix, after a cursor", db.Users
                .Where(u => string.Compare(u.NormalizedFullName, "ADA") >= 0 && string.Compare(u.NormalizedFullName, "ADA\uffff") < 0)
                .Where(u => !(string.Compare(u.NormalizedEmail, "ADA") >= 0 && string.Compare(u.NormalizedEmail, "ADA\uffff") < 0))
                .OrderBy(u => u.NormalizedFullName).ThenBy(u => u.Id)
                .Where(u => string.Compare(u.NormalizedFullName, "ADA L") >= 0 && (string.Compare(u.NormalizedFullName, "ADA L") > 0 || u.Id.CompareTo(id) > 0))
                .Take(21)),
            ("admin: the whole user list after a cursor", db.Users.OrderBy(u => u.CreatedAt).ThenBy(u => u.Id)
                .Where(u => u.CreatedAt >= Now && (u.CreatedAt > Now || u.Id.CompareTo(id) > 0)).Take(21)),
        };

        var text = new StringBuilder();
        foreach (var (name, query) in queries)
        {
            text.Append("-- ").AppendLine(name).AppendLine(query.ToQueryString()).AppendLine();
        }

        AssertGolden("sqlserver-hot-queries.sql", text.ToString());
    }

    [Test]
    public async Task TheRetentionStatements_AreTheGoldenCopy()
    {
        // Each statement once: the capture answers "no rows changed", so every table's loop ends after its first batch,
        // and one id to a query, so the ended sessions' batch has one to delete.
        var statements = new StatementCapture();
        await using var db = new SqlServerAuthDbContext(new DbContextOptionsBuilder<SqlServerAuthDbContext>()
            .UseSqlServer("Server=(golden);Database=Auth;Integrated Security=true;TrustServerCertificate=true")
            .AddInterceptors(new NoConnection(), statements)
            .Options);

        await RetentionJob.PruneAsync(db, new RetentionOptions(), Now, CancellationToken.None);

        Assert.That(statements.Text.ToString(), Does.Contain("DELETE TOP(@p)"), "a bounded batch per statement");
        AssertGolden("sqlserver-retention.sql", statements.Text.ToString());
    }

    /// <summary>A connection that is never opened: nothing here reaches a server.</summary>
    private sealed class NoConnection : DbConnectionInterceptor
    {
        public override ValueTask<InterceptionResult> ConnectionOpeningAsync(
            DbConnection connection, ConnectionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default) =>
            ValueTask.FromResult(InterceptionResult.Suppress());
    }

    /// <summary>
    /// Writes down each statement with its parameters, and answers that it changed no rows, or, to a query, with one
    /// row of one id.
    /// </summary>
    private sealed class StatementCapture : DbCommandInterceptor
    {
        public StringBuilder Text { get; } = new();

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            return ValueTask.FromResult(InterceptionResult<int>.SuppressWithResult(0));
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Capture(command);
            var ids = new System.Data.DataTable();
            ids.Columns.Add("Id", typeof(Guid));
            ids.Rows.Add(Guid.Parse("00000000-0000-0000-0000-000000000001"));
            return ValueTask.FromResult(InterceptionResult<DbDataReader>.SuppressWithResult(ids.CreateDataReader()));
        }

        private void Capture(DbCommand command)
        {
            foreach (DbParameter parameter in command.Parameters)
            {
                Text.Append("-- ").Append(parameter.ParameterName).Append(" = ")
                    .AppendLine(Convert.ToString(parameter.Value, System.Globalization.CultureInfo.InvariantCulture));
            }

            Text.AppendLine(command.CommandText).AppendLine();
        }
    }

    private static void AssertGolden(string name, string actual, [CallerFilePath] string here = "")
    {
        var path = Path.Combine(Path.GetDirectoryName(here)!, "Golden", name);
        actual = actual.ReplaceLineEndings("\n");
        if (Environment.GetEnvironmentVariable("AUTH_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(path, actual);
        }

        Assert.That(File.Exists(path), Is.True, $"No golden copy at {path}: run with AUTH_UPDATE_GOLDEN=1 once and commit it.");
        Assert.That(actual, Is.EqualTo(File.ReadAllText(path).ReplaceLineEndings("\n")),
            $"The SQL Server SQL changed. If that is intended, run with AUTH_UPDATE_GOLDEN=1, review the diff of {name}, and commit it.");
    }
}
