using Auth.Domain.Passkeys;

namespace Auth.Domain.UnitTests.Passkeys;

public sealed class PasskeyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void RecordUse_KeepsTheHighestCounterSeen_SoAParallelSignInCannotMoveItBack()
    {
        var passkey = Register(signCount: 5);

        passkey.RecordUse(9, isBackedUp: false, Now);
        passkey.RecordUse(7, isBackedUp: false, Now.AddSeconds(1));

        Assert.That(passkey.SignCount, Is.EqualTo(9));
        Assert.That(passkey.LastUsedAt, Is.EqualTo(Now.AddSeconds(1)));
    }

    [Test]
    public void ASyncedKey_IsToldApartFromADeviceBoundOne_AndNamedAfterItWhenUnnamed()
    {
        Assert.That(Register(synced: true).IsSynced, Is.True);
        Assert.That(Register(synced: true).Name, Is.EqualTo("Synced passkey"));
        Assert.That(Register(synced: false).IsSynced, Is.False);
        Assert.That(Register(synced: false).Name, Is.EqualTo("Security key"));
    }

    [TestCase("")]
    [TestCase("   ")]
    public void Rename_RefusesABlankName_AndKeepsTheOldOne(string name)
    {
        var passkey = Register();

        var renamed = passkey.Rename(name);

        Assert.That(renamed.Error, Is.EqualTo(PasskeyErrors.InvalidName));
        Assert.That(passkey.Name, Is.EqualTo("Security key"));
    }

    [Test]
    public void Rename_RefusesANameLongerThanTheLimit()
    {
        var passkey = Register();

        Assert.That(passkey.Rename(new string('x', Passkey.MaxNameLength + 1)).Error, Is.EqualTo(PasskeyErrors.InvalidName));
        Assert.That(passkey.Rename(" Phone ").IsSuccess, Is.True);
        Assert.That(passkey.Name, Is.EqualTo("Phone"));
    }

    [Test]
    public void Register_RefusesACredentialIdLongerThanWebAuthnAllows() =>
        Assert.That(() => Passkey.Register(Guid.NewGuid(), new byte[Passkey.MaxCredentialIdLength + 1], [1], "", 0, null, true, false, false, Now),
            Throws.InstanceOf<ArgumentOutOfRangeException>());

    private static Passkey Register(long signCount = 0, bool synced = false) =>
        Passkey.Register(Guid.NewGuid(), [1, 2, 3], [4, 5, 6], "", signCount, ["internal"], true, synced, synced, Now);
}
