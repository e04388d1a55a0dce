using Auth.Application.Auth.ChangePassword;
using Auth.Application.Auth.Refresh;
using Auth.Application.Auth.Signup;
using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;
using Auth.Application.Common.Security;
using Auth.Application.Passkeys.BeginPasskeyRegistration;
using Auth.Application.Passkeys.RemovePasskey;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.Login;

namespace Auth.Application.UnitTests.Common;

/// <summary>Records print every property by default; anything carrying a secret must not.</summary>
public sealed class SecretRedactionTests
{
    private const string Secret = "s3cret-canary";

    private static IEnumerable<object> CarriersOfSecrets()
    {
        yield return new SignupCommand("a@example.com", Secret, "Ada");
        yield return new LoginCommand("a@example.com", Secret, CallerContext.Unknown);
        yield return new RefreshCommand(Secret, CallerContext.Unknown);
        yield return new ChangePasswordCommand(new CurrentSession(Guid.NewGuid(), Guid.NewGuid()), Secret, Secret);
        yield return new TokenPair(Secret, Secret, 600);
        yield return new IssuedAccessToken(Secret, DateTimeOffset.UnixEpoch);
        yield return OpaqueToken.Create();
        yield return new BeginPasskeyRegistrationCommand(new CurrentSession(Guid.NewGuid(), Guid.NewGuid()), Secret);
        yield return new RemovePasskeyCommand(new CurrentSession(Guid.NewGuid(), Guid.NewGuid()), Guid.NewGuid(), Secret);
    }

    [TestCaseSource(nameof(CarriersOfSecrets))]
    public void ToString_DoesNotPrintTheSecret(object carrier)
    {
        var text = carrier.ToString();

        Assert.That(text, Does.Not.Contain(Secret));
        if (carrier is OpaqueToken token)
        {
            Assert.That(text, Does.Not.Contain(token.Value));
        }
    }
}
