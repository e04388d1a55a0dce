using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore.Infrastructure;

namespace Auth.Infrastructure.Tests.Persistence;

public sealed class MigrationTests
{
    [Test]
    public void Sqlite_HasNoModelChangesWithoutAMigration()
    {
        using var context = new SqliteDesignTimeFactory().CreateDbContext([]);

        Assert.That(context.Database.HasPendingModelChanges(), Is.False,
            "Run: dotnet ef migrations add <Name> --project src/Infrastructure --context SqliteAuthDbContext ...");
    }

    [Test]
    public void SqlServer_HasNoModelChangesWithoutAMigration()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        Assert.That(context.Database.HasPendingModelChanges(), Is.False,
            "Run: dotnet ef migrations add <Name> --project src/Infrastructure --context SqlServerAuthDbContext ...");
    }

    [Test]
    public void PostgreSql_HasNoModelChangesWithoutAMigration()
    {
        using var context = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.That(context.Database.HasPendingModelChanges(), Is.False,
            "Run: dotnet ef migrations add <Name> --project src/Infrastructure --context PostgreSqlAuthDbContext ...");
    }

    [Test]
    public void PostgreSql_MigrationScript_QuotesItsOwnWay()
    {
        using var context = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("CREATE TABLE \"Users\""));
            Assert.That(script, Does.Contain("timestamp with time zone"));
            Assert.That(script, Does.Contain("WHERE \"Status\" = 'Active'"));
            Assert.That(script, Does.Not.Contain("[Status]"));
        });
    }

    [Test]
    public void SqlServer_MigrationScript_Generates()
    {
        using var context = new SqlServerDesignTimeFactory().CreateDbContext([]);

        var script = context.GetService<IMigrator>().GenerateScript(options: MigrationsSqlGenerationOptions.Idempotent);

        Assert.Multiple(() =>
        {
            Assert.That(script, Does.Contain("CREATE TABLE [Users]"));
            Assert.That(script, Does.Contain("CREATE TABLE [Sessions]"));
            Assert.That(script, Does.Contain("CREATE TABLE [RefreshTokens]"));
            Assert.That(script, Does.Contain("CREATE UNIQUE INDEX [IX_Users_NormalizedEmail]"));
            Assert.That(script, Does.Contain("datetimeoffset"));
        });
    }

    [Test]
    public void Sqlite_MigrationsApplyToAnEmptyDatabase()
    {
        using var database = new SqliteTestDatabase();
        using var context = database.CreateContext();

        Assert.That(context.Database.GetAppliedMigrations(), Is.Not.Empty);
        Assert.That(context.Database.GetPendingMigrations(), Is.Empty);
        Assert.That(context.Users.Count(), Is.Zero);
    }

    /// <summary>No database was deployed before the migrations were squashed; later work adds migrations after this one.</summary>
    [Test]
    public void EachProvider_StartsFromOneInitialCreateMigration()
    {
        using var sqlite = new SqliteDesignTimeFactory().CreateDbContext([]);
        using var sqlServer = new SqlServerDesignTimeFactory().CreateDbContext([]);
        using var postgreSql = new PostgreSqlDesignTimeFactory().CreateDbContext([]);

        Assert.Multiple(() =>
        {
            Assert.That(postgreSql.Database.GetMigrations().Single(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal)),
                Is.EqualTo(postgreSql.Database.GetMigrations().First()));
            Assert.That(sqlite.Database.GetMigrations().First(), Does.EndWith("_InitialCreate"));
            Assert.That(sqlServer.Database.GetMigrations().First(), Does.EndWith("_InitialCreate"));
            Assert.That(sqlite.Database.GetMigrations().Count(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal)), Is.EqualTo(1));
            Assert.That(sqlServer.Database.GetMigrations().Count(m => m.EndsWith("_InitialCreate", StringComparison.Ordinal)), Is.EqualTo(1));
        });
    }
}
