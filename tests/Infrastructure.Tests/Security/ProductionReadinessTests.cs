using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Configuration;

namespace Auth.Infrastructure.Tests.Security;

public sealed class ProductionReadinessTests
{
    private static IConfiguration Settings(params (string Key, string Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.ToDictionary(v => v.Key, v => (string?)v.Value)).Build();

    private static readonly JwtOptions PublicIssuer = new() { Issuer = "https://auth.example.com" };

    [Test]
    public void AProperlyConfiguredService_HasNoProblems()
    {
        var problems = ProductionReadiness.Problems(Settings(("PasswordReset:LinkBase", "https://app.example.com/reset")), PublicIssuer, new TfaSecretOptions());

        Assert.That(problems, Is.Empty);
    }

    [Test]
    public void TheTestMode_IsRefusedInProduction()
    {
        var problems = ProductionReadiness.Problems(
            Settings(("PasswordReset:LinkBase", "https://app.example.com/reset"), ("Testing:Enabled", "true")), PublicIssuer, new TfaSecretOptions());

        Assert.That(problems, Has.One.Contains("Testing:Enabled"));
    }
}
