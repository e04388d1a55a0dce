using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Domain.Passkeys;
using Auth.TestCommon;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Auth.Application.UnitTests.Passkeys;

/// <summary>A ceremony's state is given back once, in time, and only to what it began for.</summary>
public sealed class PasskeyCeremoniesTests
{
    private static readonly Guid User = Guid.NewGuid();
    private static readonly Guid Session = Guid.NewGuid();
    private static readonly Guid Stamp = Guid.NewGuid();

    private SqliteTestDatabase _database = null!;
    private FakeTimeProvider _clock = null!;

    [SetUp]
    public void CreateDatabase()
    {
        _database = new SqliteTestDatabase();
        _clock = TestClock.Create();
    }

    [TearDown]
    public void DisposeDatabase() => _database.Dispose();

    [Test]
    public async Task ACeremony_IsTakenOnce()
    {
        var id = await BeginAsync();

        Assert.That((await TakeAsync(id, User, Session, Stamp))?.State, Is.EqualTo("state"));
        Assert.That(await TakeAsync(id, User, Session, Stamp), Is.Null);
    }

    [Test]
    public async Task AnExpiredCeremony_IsNotTaken()
    {
        var id = await BeginAsync();
        _clock.Advance(new PasskeyOptions().CeremonyLifetime);

        Assert.That(await TakeAsync(id, User, Session, Stamp), Is.Null);
    }

    [Test]
    public async Task ACeremony_IsNotTakenForAnotherUserSessionOrSecurityStamp_AndStaysForItsOwn()
    {
        var id = await BeginAsync();

        Assert.That(await TakeAsync(id, Guid.NewGuid(), Session, Stamp), Is.Null);
        Assert.That(await TakeAsync(id, User, Guid.NewGuid(), Stamp), Is.Null);
        Assert.That(await TakeAsync(id, User, Session, Guid.NewGuid()), Is.Null);
        Assert.That(await TakeAsync(id, User, Session, Stamp, PasskeyCeremonyPurpose.SecondFactor), Is.Null);
        Assert.That(await TakeAsync(id, User, Session, Stamp), Is.Not.Null);
    }

    private async Task<Guid> BeginAsync()
    {
        await using var db = _database.CreateContext();
        var started = Ceremonies(db).Begin(PasskeyCeremonyPurpose.Registration, User, Session, Stamp, new CeremonyOptions("{}", "state"));
        await db.SaveChangesAsync();
        return started.CeremonyId;
    }

    private async Task<PasskeyCeremony?> TakeAsync(
        Guid id, Guid user, Guid boundTo, Guid stamp, PasskeyCeremonyPurpose purpose = PasskeyCeremonyPurpose.Registration)
    {
        await using var db = _database.CreateContext();
        return await Ceremonies(db).TakeAsync(id, purpose, user, boundTo, stamp, CancellationToken.None);
    }

    private PasskeyCeremonies Ceremonies(IAuthDbContext db) => new(db, Options.Create(new PasskeyOptions()), _clock);
}
