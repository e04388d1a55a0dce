using Auth.Domain.Users;

namespace Auth.Domain.UnitTests.Users;

public sealed class ThrottlePolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly ThrottlePolicy Policy = ThrottlePolicy.Default;

    [TestCase(0)]
    [TestCase(4)]
    public void BeforeTheFreeAttemptsAreUsed_ThereIsNoWait(int failures) =>
        Assert.That(Policy.ThrottledUntil(failures, Now), Is.Null);

    [TestCase(5, 1)]
    [TestCase(6, 2)]
    [TestCase(7, 4)]
    [TestCase(8, 8)]
    [TestCase(9, 15)]
    [TestCase(99, 15)]
    public void TheWaitDoubles_UpToTheCap(int failures, int minutes) =>
        Assert.That(Policy.ThrottledUntil(failures, Now), Is.EqualTo(Now.AddMinutes(minutes)));

    [Test]
    public void AtTheHardLimit_TheNameIsBlockedUntilReset()
    {
        Assert.That(Policy.ThrottledUntil(100, Now), Is.EqualTo(DateTimeOffset.MaxValue));

        // The counter starts (and, after a reset in the database, starts again) with nothing to wait for.
        var throttle = SignInThrottle.For("ADA@EXAMPLE.COM");
        Assert.That(throttle.IsThrottled(Now), Is.False);
    }

    [TestCase(4, false)]
    [TestCase(5, true)]
    [TestCase(6, false)]
    [TestCase(99, false)]
    [TestCase(100, true)]
    public void ThrottlingStarts_WhenTheFreeAttemptsRunOut_AndAgainAtTheHardLimit(int failures, bool starts) =>
        Assert.That(Policy.StartsThrottling(failures), Is.EqualTo(starts));
}
