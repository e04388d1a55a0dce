using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Passwords;
using Auth.Infrastructure.Security.Tokens;
using Auth.Infrastructure.Sessions;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;

namespace Auth.Infrastructure;

public static class DependencyInjection
{
    public static IServiceCollection AddInfrastructure(
        this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        services.TryAddSingleton(TimeProvider.System);
        return services
            .AddPersistence(configuration)
            .AddSecurity(configuration)
            .AddSessionRevocation();
    }

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Argon2Options>().Bind(configuration.GetSection(Argon2Options.SectionName))
            .Validate(o => o.MemoryKiB >= 8 * o.Parallelism && o.Iterations >= 1 && o.Parallelism >= 1
                && o.SaltBytes >= 16 && o.HashBytes >= 16 && o.MaxConcurrency >= 0 && o.QueueLimit >= 0,
                "PasswordHashing: invalid Argon2 parameters (salt and hash at least 16 bytes).")
            .ValidateOnStart();
        services.AddSingleton<Argon2PasswordHasher>();
        services.AddSingleton<IPasswordHasher>(sp => sp.GetRequiredService<Argon2PasswordHasher>());
        services.AddSingleton<ICommonPasswordList, EmbeddedCommonPasswordList>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName))
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero, "Jwt:AccessTokenLifetime must be positive.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromSeconds(30), "Jwt:ClockSkew must be 0 to 30 seconds.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), "Jwt:Issuer and Jwt:Audience are required.")
            .Validate(o => o.RevocationSyncInterval > TimeSpan.Zero && o.RevocationSyncInterval <= TimeSpan.FromSeconds(30),
                "Jwt:RevocationSyncInterval must be between 0 and 30 seconds.")
            .ValidateOnStart();
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        return services;
    }

    /// <summary>Builds what is loaded lazily but must fail at start, not at the first request (signing keys).</summary>
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

        _ = services.GetRequiredService<SigningKeyRing>();
        using var scope = services.CreateScope();
        _ = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
    }

    public static IServiceCollection AddSessionRevocation(this IServiceCollection services)
    {
        services.AddSingleton<RevokedSessionCache>();
        services.AddSingleton<IRevokedSessionCache>(sp => sp.GetRequiredService<RevokedSessionCache>());
        services.AddSingleton<RevokedSessionSynchronizer>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedSessionSynchronizer>());
        return services;
    }
}
