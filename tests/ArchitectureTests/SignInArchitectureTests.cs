using System.Reflection;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.GetTokenClaims;
using Auth.Domain.Sessions;
using Auth.Infrastructure.Security.Tokens;
using Auth.WebApi.SignIn;

namespace Auth.ArchitectureTests;

/// <summary>
/// Signing in has one way to finish and one place its tokens' claims are made (ADR 0014), whichever door it came
/// through: read from the compiled code, so a new door cannot quietly write its own.
/// </summary>
public sealed class SignInArchitectureTests
{
    private static readonly Assembly[] Everything =
    [
        typeof(Session).Assembly,
        typeof(Auth.Application.DependencyInjection).Assembly,
        typeof(Auth.Infrastructure.DependencyInjection).Assembly,
        typeof(Auth.WebApi.DependencyInjection).Assembly,
    ];

    [Test]
    public void OnlySignInCompletion_OpensASession()
    {
        var openers = CompiledCalls.CallersOf(m => m.DeclaringType == typeof(Session) && m.Name == nameof(Session.Start), Everything);

        Assert.That(openers, Is.EqualTo(new[] { typeof(SignInCompletion) }));
    }

    [Test]
    public void SignInCompletion_IsReachedOnlyThroughTheSignInAttempt_WhichCommitsIt()
    {
        var callers = CompiledCalls.CallersOf(
            m => m.DeclaringType == typeof(SignInCompletion) && m.Name == nameof(SignInCompletion.CompleteAsync), Everything);

        Assert.That(callers, Is.EqualTo(new[] { typeof(Auth.Application.SignIn.Attempts.SignInAttempt) }));
    }

    [Test]
    public void TokenClaims_AreMadeOnlyBySessionClaims()
    {
        var makers = CompiledCalls.CallersOf(m => m is ConstructorInfo && m.DeclaringType == typeof(TokenClaim), Everything);

        Assert.That(makers, Is.EqualTo(new[] { typeof(SessionClaims) }));
    }

    [Test]
    public void TheJsonApisTokens_AndTheOpenIdConnectProvidersTokens_TakeTheirClaimsFromSessionClaims()
    {
        var users = CompiledCalls.CallersOf(m => m.DeclaringType == typeof(SessionClaims) && m.Name.StartsWith("For", StringComparison.Ordinal), Everything);
        var providerAsks = CompiledCalls.CallersOf(m => m is ConstructorInfo && m.DeclaringType == typeof(GetTokenClaimsQuery), Everything);

        Assert.Multiple(() =>
        {
            Assert.That(users, Does.Contain(typeof(JwtAccessTokenIssuer)), "the JSON API's access tokens");
            Assert.That(users, Does.Contain(typeof(GetTokenClaimsQueryHandler)), "the provider's access and ID tokens");
            Assert.That(providerAsks, Is.EqualTo(new[] { typeof(AuthorizationController) }));
        });
    }
}
