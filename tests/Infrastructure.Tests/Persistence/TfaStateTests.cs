using Auth.Domain.Tfa;
using Auth.Domain.Users;
using Auth.TestCommon;
using Microsoft.EntityFrameworkCore;

namespace Auth.Infrastructure.Tests.Persistence;

/// <summary>
/// Two-factor authentication is on exactly when a user has an active device. The database keeps that one fact
/// consistent when enable_tfa (which replaces a pending enrollment) and confirm_tfa (which activates it) race.
/// </summary>
public sealed class TfaStateTests
{
    private SqliteTestDatabase _database = null!;
    private User _user = null!;

    [SetUp]
    public async Task SetUp()
    {
        _database = new SqliteTestDatabase();
        _user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", TestClock.Start);
        await using var db = _database.CreateContext();
        db.Users.Add(_user);
        await db.SaveChangesAsync();
    }

    [TearDown]
    public void TearDown() => _database.Dispose();

    private async Task<Guid> PendingDeviceAsync()
    {
        var device = Device.EnrollEmail(_user.Id, TestClock.Start);
        await using var db = _database.CreateContext();
        db.Devices.Add(device);
        await db.SaveChangesAsync();
        return device.Id;
    }

    private async Task ActivateAsync(Guid deviceId)
    {
        await using var db = _database.CreateContext();
        (await db.Devices.SingleAsync(d => d.Id == deviceId)).Activate(TestClock.Start);
        await db.SaveChangesAsync();
    }

    [Test]
    public async Task ReplacingAPendingEnrollment_ThatWasConfirmedMeanwhile_Fails_AndTfaStaysOnItsDevice()
    {
        var id = await PendingDeviceAsync();
        await using var enable = _database.CreateContext();
        enable.Devices.Remove(await enable.Devices.SingleAsync(d => d.Id == id));

        await ActivateAsync(id);

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => enable.SaveChangesAsync());
        await using var check = _database.CreateContext();
        Assert.That(await check.Devices.SingleAsync(), Has.Property(nameof(Device.Status)).EqualTo(DeviceStatus.Active));
    }

    [Test]
    public async Task ConfirmingAnEnrollment_ThatWasReplacedMeanwhile_Fails_AndTfaStaysOff()
    {
        var id = await PendingDeviceAsync();
        await using var confirm = _database.CreateContext();
        (await confirm.Devices.SingleAsync(d => d.Id == id)).Activate(TestClock.Start);

        await using (var enable = _database.CreateContext())
        {
            enable.Devices.Remove(await enable.Devices.SingleAsync(d => d.Id == id));
            await enable.SaveChangesAsync();
        }

        Assert.ThrowsAsync<DbUpdateConcurrencyException>(() => confirm.SaveChangesAsync());
        await using var check = _database.CreateContext();
        Assert.That(await check.Devices.AnyAsync(d => d.Status == DeviceStatus.Active), Is.False);
    }

    [Test]
    public async Task AUserCannotHaveTwoActiveDevices()
    {
        await ActivateAsync(await PendingDeviceAsync());
        var second = await PendingDeviceAsync();

        Assert.ThrowsAsync<DbUpdateException>(() => ActivateAsync(second));
    }
}
