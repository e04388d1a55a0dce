using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Auth.Application.Common.Interfaces;
using Auth.Application.Passkeys.Common;
using Auth.Domain.Passkeys;
using Auth.Domain.Users;
using Auth.Infrastructure.Passkeys;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tokens;
using Auth.TestCommon;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Infrastructure.Tests.Passkeys;

/// <summary>
/// The verifier with the framework's real WebAuthn checks, answered by a software authenticator (a P-256 key that signs
/// what a browser would send), so the sign counter and the flags can be set where a browser's authenticator decides them.
/// </summary>
public sealed class FrameworkPasskeyVerifierTests
{
    private const string RpId = "auth.test";
    private const string Origin = "https://auth.test";
    private const byte UserPresent = 0x01;
    private const byte UserVerified = 0x04;

    private static readonly byte[] CredentialId = RandomNumberGenerator.GetBytes(16);

    private SqliteTestDatabase _database = null!;
    private ServiceProvider _services = null!;
    private ECDsa _key = null!;
    private User _user = null!;

    [SetUp]
    public void SetUp()
    {
        _database = new SqliteTestDatabase();
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        _user = User.Register(EmailAddress.Create("ada@example.com"), "Ada", "hash", TestClock.Start);
        var services = new ServiceCollection().AddLogging();
        services.AddScoped<AuthDbContext>(_ => _database.CreateContext());
        services.AddSingleton<TimeProvider>(TestClock.Create());
        services.AddOptions<JwtOptions>().Configure(o => o.Issuer = Origin);
        services.AddOptions<PasskeyOptions>();
        services.AddPasskeys();
        services.AddSingleton<IHttpContextAccessor>(new HttpContextAccessor { HttpContext = new DefaultHttpContext() });
        _services = services.BuildServiceProvider();
    }

    [TearDown]
    public void TearDown()
    {
        _services.Dispose();
        _key.Dispose();
        _database.Dispose();
    }

    [Test]
    public async Task ACounterOfZeroOnBothSides_MeansNoCounter_AndEveryFreshAnswerIsAccepted()
    {
        await StoreKeyAsync(signCount: 0);

        var first = await AnswerAsync(signCount: 0);
        var second = await AnswerAsync(signCount: 0);

        Assert.That(first.IsSuccess && second.IsSuccess, Is.True);
        Assert.That(first.Value.UserId, Is.EqualTo(_user.Id));
        Assert.That(first.Value.SignCount, Is.Zero);
    }

    [Test]
    public async Task ACounterThatDidNotMoveForward_IsRefused_AsAPossibleClone()
    {
        await StoreKeyAsync(signCount: 5);

        Assert.That((await AnswerAsync(signCount: 5)).Error, Is.EqualTo(PasskeyErrors.Refused));
        Assert.That((await AnswerAsync(signCount: 0)).Error, Is.EqualTo(PasskeyErrors.Refused), "a counter cannot drop back to none");
        Assert.That((await AnswerAsync(signCount: 6)).Value.SignCount, Is.EqualTo(6));
    }

    [Test]
    public async Task UserVerification_IsRequired_AndReportedFromTheSignedFlags()
    {
        await StoreKeyAsync(signCount: 0);

        Assert.That((await AnswerAsync(signCount: 0, flags: UserPresent)).Error, Is.EqualTo(PasskeyErrors.Refused));
        Assert.That((await AnswerAsync(signCount: 0)).Value.IsUserVerified, Is.True);
    }

    [Test]
    public async Task AnAnswerSignedByAnotherKey_OrFromAnotherOrigin_IsRefused()
    {
        await StoreKeyAsync(signCount: 0);

        Assert.That((await AnswerAsync(signCount: 0, origin: "https://auth.test.evil.example")).Error, Is.EqualTo(PasskeyErrors.Refused));
        _key.Dispose();
        _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        Assert.That((await AnswerAsync(signCount: 0)).Error, Is.EqualTo(PasskeyErrors.Refused));
    }

    private async Task StoreKeyAsync(long signCount)
    {
        await using var db = _database.CreateContext();
        db.Users.Add(_user);
        db.Passkeys.Add(Passkey.Register(_user.Id, CredentialId, CoseKeyOf(_key), "Key", signCount, ["internal"], true, false, false, TestClock.Start));
        await db.SaveChangesAsync();
    }

    /// <summary>A passwordless ceremony, answered as an authenticator would: authenticator data and client data, signed.</summary>
    private async Task<Domain.Common.Result<VerifiedAssertion>> AnswerAsync(
        uint signCount, byte flags = UserPresent | UserVerified, string origin = Origin)
    {
        using var scope = _services.CreateScope();
        var verifier = scope.ServiceProvider.GetRequiredService<IPasskeyVerifier>();
        var ceremony = await verifier.CreateRequestOptionsAsync(null, CancellationToken.None);
        var challenge = (string)JsonNode.Parse(ceremony.OptionsJson)!["challenge"]!;

        var clientData = JsonSerializer.SerializeToUtf8Bytes(new { type = "webauthn.get", challenge, origin, crossOrigin = false });
        var authenticatorData = new byte[37];
        SHA256.HashData(Encoding.UTF8.GetBytes(RpId)).CopyTo(authenticatorData, 0);
        authenticatorData[32] = flags;
        BinaryPrimitives.WriteUInt32BigEndian(authenticatorData.AsSpan(33), signCount);
        var signature = _key.SignData([.. authenticatorData, .. SHA256.HashData(clientData)], HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence);

        var credential = JsonSerializer.Serialize(new
        {
            id = B64(CredentialId),
            rawId = B64(CredentialId),
            type = "public-key",
            response = new
            {
                clientDataJSON = B64(clientData),
                authenticatorData = B64(authenticatorData),
                signature = B64(signature),
                userHandle = B64(Encoding.UTF8.GetBytes(_user.Id.ToString())),
            },
            clientExtensionResults = new { },
        });
        return await verifier.VerifyAssertionAsync(credential, ceremony.State, CancellationToken.None);
    }

    /// <summary>The public key as a COSE_Key (RFC 9053): EC2, ES256, P-256, x and y; the CBOR written out by hand.</summary>
    private static byte[] CoseKeyOf(ECDsa key)
    {
        var point = key.ExportParameters(includePrivateParameters: false).Q;
        return [0xA5, 0x01, 0x02, 0x03, 0x26, 0x20, 0x01, 0x21, 0x58, 0x20, .. point.X!, 0x22, 0x58, 0x20, .. point.Y!];
    }

    private static string B64(byte[] bytes) => Base64Url.EncodeToString(bytes);
}
