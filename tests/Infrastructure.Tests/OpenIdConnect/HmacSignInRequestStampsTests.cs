using Auth.Infrastructure.OpenIdConnect;
using Auth.TestCommon;

namespace Auth.Infrastructure.Tests.OpenIdConnect;

public sealed class HmacSignInRequestStampsTests
{
    private Microsoft.Extensions.Time.Testing.FakeTimeProvider _clock = null!;

    private Auth.Infrastructure.Security.Tfa.TfaKeyRing _keyRing = null!;

    [SetUp]
    public void SetUp()
    {
        _clock = TestClock.Create();
        _keyRing = TestSecrets.KeyRing();
    }

    private HmacSignInRequestStamps Stamps(Auth.Infrastructure.Security.Tfa.TfaKeyRing? keys = null) => new(keys ?? _keyRing, _clock);

    [Test]
    public void AStamp_ReadsBackItsTime_ForItsOwnRequestOnly()
    {
        var stamp = Stamps().Issue("client\nuri\nstate\nnonce", TestClock.Start);

        Assert.Multiple(() =>
        {
            Assert.That(Stamps().Read(stamp, "client\nuri\nstate\nnonce"), Is.EqualTo(TestClock.Start));
            Assert.That(Stamps().Read(stamp, "client\nuri\nanother-state\nnonce"), Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("1790000000")]
    [TestCase("1790000000.")]
    [TestCase("x.y")]
    [TestCase("-5.AAAA")]
    [TestCase("1790000000.!!not-base64!!")]
    public void Garbage_ReadsAsNothing(string stamp)
    {
        Assert.That(Stamps().Read(stamp, "request"), Is.Null);
    }

    [Test]
    public void AStampWithAnotherTime_OrFromAnotherKey_ReadsAsNothing()
    {
        var stamp = Stamps().Issue("request", TestClock.Start);
        var moved = (TestClock.Start.ToUnixTimeMilliseconds() + 600_000) + stamp[stamp.IndexOf('.', StringComparison.Ordinal)..];

        Assert.Multiple(() =>
        {
            Assert.That(Stamps().Read(moved, "request"), Is.Null, "the time is signed");
            Assert.That(Stamps(TestSecrets.KeyRing()).Read(stamp, "request"), Is.Null, "another deployment's key");
        });
    }

    [Test]
    public void AStamp_ExpiresAfterItsLifetime()
    {
        var stamp = Stamps().Issue("request", TestClock.Start);

        _clock.Advance(HmacSignInRequestStamps.Lifetime);
        Assert.That(Stamps().Read(stamp, "request"), Is.EqualTo(TestClock.Start));
        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.That(Stamps().Read(stamp, "request"), Is.Null);
    }
}
