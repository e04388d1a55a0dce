using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace Auth.Infrastructure.Tests.Security;

public sealed class ProductionReadinessTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    private static readonly JwtOptions PublicIssuer = new() { Issuer = "https://auth.example.com" };

    private static readonly (string Key, string Value)[] Links =
        [("PasswordReset:LinkBase", "https://app.example.com/reset"), ("Accounts:VerificationLinkBase", "https://app.example.com/verify-email")];

    [Test]
    public void AProperlyConfiguredService_HasNoProblems()
    {
        var problems = ProductionReadiness.Problems(Settings(Links), PublicIssuer, new TfaSecretOptions());

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void ALocalhostVerificationLink_IsRefused_LikeALocalhostResetLink()
    {
        var problems = ProductionReadiness.Problems(
            Settings(("PasswordReset:LinkBase", "https://app.example.com/reset"), ("Accounts:VerificationLinkBase", "http://localhost:5000/verify-email")),
            PublicIssuer, new TfaSecretOptions());

        Assert.That(problems, Has.One.Contains("Accounts:VerificationLinkBase"));
    }

    [Test]
    public void TheTestMode_IsRefusedInProduction()
    {
        var problems = ProductionReadiness.Problems(
            Settings([.. Links, ("Testing:Enabled", "true")]), PublicIssuer, new TfaSecretOptions());

        Assert.That(problems, Has.One.Contains("Testing:Enabled"));
    }
}
