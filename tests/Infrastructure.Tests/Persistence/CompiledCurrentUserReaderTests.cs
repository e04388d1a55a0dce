using Auth.Application.Users;
using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Auth.Infrastructure.Persistence;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>The compiled <c>/me</c> query answers what <see cref="UserDto.Project"/> answers, before and after TFA is on.</summary>
public sealed class CompiledCurrentUserReaderTests
{
    [Test]
    public async Task AnswersAsTheProjectionDoes()
    {
        using var database = new SqliteTestDatabase();
        var user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", TestClock.Start);
        user.VerifyEmail(TestClock.Start);
        await using (var db = database.CreateContext())
        {
            db.Users.Add(user);
            await db.SaveChangesAsync();
        }

        async Task<(UserDto? Compiled, UserDto? Projected)> ReadAsync()
        {
            await using var db = database.CreateContext();
            return (await new CompiledCurrentUserReader(db).FindAsync(user.Id, CancellationToken.None),
                await UserDto.Project(db.Users.Where(u => u.Id == user.Id), db.Devices).SingleOrDefaultAsync());
        }

        var before = await ReadAsync();
        await using (var db = database.CreateContext())
        {
            var device = Device.EnrollEmail(user.Id, TestClock.Start);
            device.Activate(TestClock.Start);
            db.Devices.Add(device);
            await db.SaveChangesAsync();
        }

        var after = await ReadAsync();
        await using var check = database.CreateContext();

        Assert.That(before.Compiled, Is.EqualTo(before.Projected).And.Not.Null);
        Assert.That(before.Compiled!.TfaEnabled, Is.False);
        Assert.That(after.Compiled, Is.EqualTo(after.Projected));
        Assert.That(after.Compiled!.TfaEnabled, Is.True);
        Assert.That(await new CompiledCurrentUserReader(check).FindAsync(Guid.NewGuid(), CancellationToken.None), Is.Null);
    }
}
