using System.Globalization;
using System.Text;
using Auth.Application.Tfa.Common;
using Auth.Infrastructure.Security.Tfa;
using Auth.TestCommon;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Tests.Tfa;

public sealed class OtpNetTotpServiceTests
{
    private static readonly byte[] Sha1Seed = Encoding.ASCII.GetBytes("12345678901234567890");
    private static readonly byte[] Sha256Seed = Encoding.ASCII.GetBytes("12345678901234567890123456789012");
    private static readonly byte[] Sha512Seed = Encoding.ASCII.GetBytes("1234567890123456789012345678901234567890123456789012345678901234");

    private static OtpNetTotpService Service(int window = 1) =>
        new(Options.Create(new TfaOptions { Issuer = "Acme Auth", TotpWindow = window }));

    // RFC 6238 Appendix B.
    [TestCase(59L, "94287082", "46119246", "90693936")]
    [TestCase(1111111109L, "07081804", "68084774", "25091201")]
    [TestCase(1234567890L, "89005924", "91819424", "93441116")]
    [TestCase(20000000000L, "65353130", "77737706", "47863826")]
    public void Compute_ReproducesRfc6238AppendixB(long unixSeconds, string sha1, string sha256, string sha512)
    {
        var at = DateTimeOffset.FromUnixTimeSeconds(unixSeconds);

        Assert.Multiple(() =>
        {
            Assert.That(OtpNetTotpService.Compute(Sha1Seed, at, TotpAlgorithm.Sha1, 8), Is.EqualTo(sha1));
            Assert.That(OtpNetTotpService.Compute(Sha256Seed, at, TotpAlgorithm.Sha256, 8), Is.EqualTo(sha256));
            Assert.That(OtpNetTotpService.Compute(Sha512Seed, at, TotpAlgorithm.Sha512, 8), Is.EqualTo(sha512));
        });
    }

    [Test]
    public void MatchTimeStep_AcceptsThePreviousCurrentAndNextStepOnly()
    {
        var secret = Service().GenerateSecret();
        var now = TestClock.Start;
        string CodeAt(int steps) => OtpNetTotpService.Compute(secret, now.AddSeconds(30 * steps), TotpAlgorithm.Sha1, 6);
        var currentStep = now.ToUnixTimeSeconds() / 30;

        Assert.Multiple(() =>
        {
            Assert.That(Service().MatchTimeStep(secret, CodeAt(0), now), Is.EqualTo(currentStep));
            Assert.That(Service().MatchTimeStep(secret, CodeAt(-1), now), Is.EqualTo(currentStep - 1));
            Assert.That(Service().MatchTimeStep(secret, CodeAt(1), now), Is.EqualTo(currentStep + 1));
            Assert.That(Service().MatchTimeStep(secret, CodeAt(-2), now), Is.Null);
            Assert.That(Service().MatchTimeStep(secret, CodeAt(2), now), Is.Null);
            Assert.That(Service(window: 0).MatchTimeStep(secret, CodeAt(-1), now), Is.Null);
        });
    }

    [TestCase("")]
    [TestCase("12345")]
    [TestCase("1234567")]
    [TestCase("12345a")]
    [TestCase("１２３４５６")]
    public void MatchTimeStep_RejectsAnythingButSixAsciiDigits(string code)
    {
        Assert.That(Service().MatchTimeStep(Service().GenerateSecret(), code, TestClock.Start), Is.Null);
    }

    [Test]
    public void GenerateSecret_Has160RandomBits()
    {
        var first = Service().GenerateSecret();
        var second = Service().GenerateSecret();

        Assert.That(first, Has.Length.EqualTo(20));
        Assert.That(second, Is.Not.EqualTo(first));
    }

    [Test]
    public void OtpAuthUri_HasTheDocumentedShape()
    {
        var secret = Sha1Seed;

        var uri = Service().BuildOtpAuthUri("ada@example.com", secret);

        Assert.That(uri, Is.EqualTo(
            "otpauth://totp/Acme%20Auth:ada%40example.com?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Acme%20Auth&algorithm=SHA1&digits=6&period=30"));
    }

    [Test]
    public async Task ACodeFromOathtool_AnIndependentImplementation_IsAccepted()
    {
        var service = Service();
        var secret = service.GenerateSecret();
        var at = TestClock.Start.AddSeconds(12345);

        var code = await ExternalTool.RunAsync("oathtool", "--totp", "-b", service.ToBase32(secret),
            "--now", at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss 'UTC'", CultureInfo.InvariantCulture));

        Assert.That(service.MatchTimeStep(secret, code, at), Is.EqualTo(at.ToUnixTimeSeconds() / 30));
    }
}
