using Auth.Application.SignIn.Levels;

namespace Auth.Application.UnitTests.SignIn;

public sealed class AuthenticationLevelsTests
{
    [TestCase(new[] { "pwd" }, AuthenticationLevels.Password)]
    [TestCase(new[] { "pwd", "otp", "mfa" }, AuthenticationLevels.MultiFactor)]
    [TestCase(new[] { "pwd", "mfa" }, AuthenticationLevels.MultiFactor)]
    [TestCase(new[] { "hwk", "user" }, AuthenticationLevels.PhishingResistant)]
    public void Of_TheMethodsProven_IsTheLevel(string[] amr, string level) =>
        Assert.That(AuthenticationLevels.Of(amr), Is.EqualTo(level));

    [Test]
    public void AStrongerLevel_SatisfiesAWeakerRequest_NeverTheOtherWayRound()
    {
        Assert.That(AuthenticationLevels.Satisfies(AuthenticationLevels.MultiFactor, AuthenticationLevels.Password), Is.True);
        Assert.That(AuthenticationLevels.Satisfies(AuthenticationLevels.Password, AuthenticationLevels.MultiFactor), Is.False);
        Assert.That(AuthenticationLevels.Satisfies(AuthenticationLevels.MultiFactor, AuthenticationLevels.PhishingResistant), Is.False);
    }

    [Test]
    public void WeakestKnown_IgnoresUnknownValues_AndPicksTheWeakestOfTheKnown()
    {
        Assert.That(AuthenticationLevels.WeakestKnown(["urn:other:gold", AuthenticationLevels.MultiFactor, AuthenticationLevels.PhishingResistant]),
            Is.EqualTo(AuthenticationLevels.MultiFactor));
        Assert.That(AuthenticationLevels.WeakestKnown(["urn:other:gold"]), Is.Null);
    }

    [Test]
    public void MultiFactor_IsReachableWithASecondFactorOrAPasskey_PhishingResistantOnlyWithAPasskey()
    {
        Assert.That(AuthenticationLevels.IsReachable(AuthenticationLevels.MultiFactor, hasSecondFactor: true, hasPasskey: false), Is.True);
        Assert.That(AuthenticationLevels.IsReachable(AuthenticationLevels.MultiFactor, hasSecondFactor: false, hasPasskey: false), Is.False);
        Assert.That(AuthenticationLevels.IsReachable(AuthenticationLevels.MultiFactor, hasSecondFactor: false, hasPasskey: true), Is.True);
        Assert.That(AuthenticationLevels.IsReachable(AuthenticationLevels.PhishingResistant, hasSecondFactor: true, hasPasskey: false), Is.False);
        Assert.That(AuthenticationLevels.IsReachable(AuthenticationLevels.PhishingResistant, hasSecondFactor: false, hasPasskey: true), Is.True);
    }

    [TestCase(true, true, new[] { "swk", "user", "mfa" })]
    [TestCase(false, true, new[] { "hwk", "user", "mfa" })]
    [TestCase(false, false, new[] { "hwk" })]
    public void APasskeySignIn_SaysWhichKindOfKey_AndWhetherTheUserWasVerified(bool synced, bool verified, string[] amr)
    {
        var method = AuthenticationMethods.Passkey(synced, verified);
        Assert.That(method.Amr, Is.EqualTo(amr));
        Assert.That(AuthenticationLevels.Of(method.Amr), Is.EqualTo(AuthenticationLevels.PhishingResistant));
    }

    [Test]
    public void APasskeyAfterThePassword_IsPhishingResistantMultiFactor()
    {
        var method = AuthenticationMethods.PasswordAndPasskey(synced: false, userVerified: true);
        Assert.That(method.Amr, Is.EqualTo(new[] { "pwd", "hwk", "user", "mfa" }));
        Assert.That(AuthenticationLevels.Of(method.Amr), Is.EqualTo(AuthenticationLevels.PhishingResistant));
    }
}
