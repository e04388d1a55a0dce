using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Auth.Infrastructure;

/// <summary>
/// What Production must not start with: development keys, and defaults that only make sense on a laptop (a
/// localhost issuer or reset link). Every problem is reported at once, so an operator fixes them in one go.
/// </summary>
public static class ProductionReadiness
{
    /// <summary>
    /// Run once before the service answers: builds what is loaded lazily but must fail at start, not at the first
    /// request (signing keys, the database context), and in Production refuses every <see cref="Problems"/>.
    /// </summary>
    public static void ValidateStartupConfiguration(this IServiceProvider services)
    {
        ArgumentNullException.ThrowIfNull(services);
        var environment = services.GetRequiredService<IHostEnvironment>();
        var configuration = services.GetRequiredService<IConfiguration>();
        if (environment.IsProduction() && string.IsNullOrWhiteSpace(configuration.GetConnectionString("Auth")))
        {
            throw new ConfigurationException(
                "No database connection string is configured. In Production set ConnectionStrings:Auth " +
                "(environment variable ConnectionStrings__Auth) and Database:Provider (Sqlite or SqlServer).");
        }

        if (configuration.GetValue<bool>("Testing:Enabled") && !(environment.IsDevelopment() || environment.IsEnvironment("Testing")))
        {
            throw new ConfigurationException(
                $"Testing:Enabled is allowed only in the Development or Testing environment, not in {environment.EnvironmentName}: " +
                "it exposes a mailbox and a movable clock.");
        }

        _ = services.GetRequiredService<SigningKeyRing>();
        _ = services.GetRequiredService<TfaKeyRing>();
        if (environment.IsProduction())
        {
            var problems = ProductionReadiness.Problems(
                configuration,
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<JwtOptions>>().Value,
                services.GetRequiredService<Microsoft.Extensions.Options.IOptions<TfaSecretOptions>>().Value);
            if (problems.Count > 0)
            {
                throw new ConfigurationException(string.Join(" ", problems));
            }
        }

        using var scope = services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
    }

    public static IReadOnlyList<string> Problems(IConfiguration configuration, JwtOptions jwt, TfaSecretOptions tfa)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(tfa);
        var problems = new List<string>();
        if (jwt.SigningKeys.Any(k => Path.GetFileName(k.PemFile ?? "").StartsWith("development-", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("Jwt:SigningKeys uses a generated development key; configure a key of your own.");
        }

        if (tfa.SecretKeys.Any(k => k.KeyId.Equals("development", StringComparison.OrdinalIgnoreCase)))
        {
            problems.Add("Tfa:SecretKeys uses the development key id; configure a key of your own.");
        }

        if (!IsPublicHttps(jwt.Issuer))
        {
            problems.Add("Jwt:Issuer must be the service's public https URL (not localhost).");
        }

        // Links emailed to users: from configuration, or Auth's own pages under the issuer; never a localhost address.
        foreach (var link in EmailedLinkBases.Where(key => !IsPublicHttps(configuration[key] is { Length: > 0 } configured ? configured : jwt.Issuer)))
        {
            problems.Add($"{link} must be an https URL of your front end (not localhost).");
        }

        if (configuration.GetValue<bool>("Testing:Enabled"))
        {
            problems.Add("Testing:Enabled must be false in Production (it exposes a mailbox and a movable clock).");
        }

        return problems;
    }

    /// <summary>One of Auth's own pages under the issuer (<c>{issuer}/{page}</c>).</summary>
    public static string OwnPage(string issuer, string page) => $"{issuer.TrimEnd('/')}/{page}";

    private static readonly string[] EmailedLinkBases = ["PasswordReset:LinkBase", "Accounts:VerificationLinkBase"];

    private static bool IsPublicHttps(string? url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !uri.IsLoopback
        && !uri.Host.Equals("localhost", StringComparison.OrdinalIgnoreCase);
}
