using Auth.Application.Accounts;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Common.Interfaces;
using Auth.Infrastructure.Accounts;
using Auth.Infrastructure.Email;
using Auth.Infrastructure.Metrics;
using Auth.Infrastructure.OpenIdConnect;
using Auth.Infrastructure.Passkeys;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Redis;
using Auth.Infrastructure.Retention;
using Auth.Infrastructure.Security.Passwords;
using Auth.Infrastructure.Security.Tfa;
using Auth.Infrastructure.Security.Tokens;
using Auth.Infrastructure.Sessions;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

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
            .AddTwoFactor(configuration)
            .AddEmail(configuration)
            .AddRedis(configuration)
            .AddSessionRevocation()
            .AddAccountRequests(configuration)
            .AddRetention(configuration)
            .AddServiceGauges(configuration)
            .AddOpenIdConnectStores()
            .AddPasskeys();
    }

    /// <summary>OpenIddict's managers over its EF Core entities in our own database (the server itself is set up in WebApi).</summary>
    public static IServiceCollection AddOpenIdConnectStores(this IServiceCollection services)
    {
        services.AddOpenIddict().AddCore(core => core.UseEntityFrameworkCore().UseDbContext<AuthDbContext>());
        services.AddScoped<IClientRegistry, ClientRegistry>();
        services.AddSingleton<ISignInRequestStamps, HmacSignInRequestStamps>();
        return services;
    }

    public static IServiceCollection AddSecurity(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<Argon2Options>().Bind(configuration.GetSection(Argon2Options.SectionName))
            .Validate(o => o.MemoryKiB >= 8 * o.Parallelism && o.Iterations >= 1 && o.Parallelism >= 1
                && o.SaltBytes >= 16 && o.HashBytes >= 16 && o.MaxConcurrency >= 0 && o.QueueLimit >= 0,
                "PasswordHashing: invalid Argon2 parameters (salt and hash at least 16 bytes).")
            .Validate(o => o.Engine != Argon2Engine.Native || (o.Parallelism == 1 && o.SaltBytes == NativeArgon2Engine.SaltLength),
                "PasswordHashing: the Native engine (libsodium) hashes with Parallelism 1 and 16-byte salts; set Engine to Managed for others.")
            .ValidateOnStart();
        services.AddSingleton<Argon2PasswordHasher>();
        services.AddSingleton<IPasswordHasher>(sp => sp.GetRequiredService<Argon2PasswordHasher>());
        services.AddSingleton<ICommonPasswordList, EmbeddedCommonPasswordList>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.SectionName))
            .Validate(o => o.AccessTokenLifetime > TimeSpan.Zero, "Jwt:AccessTokenLifetime must be positive.")
            .Validate(o => o.ClockSkew >= TimeSpan.Zero && o.ClockSkew <= TimeSpan.FromSeconds(30), "Jwt:ClockSkew must be 0 to 30 seconds.")
            .Validate(o => !string.IsNullOrWhiteSpace(o.Issuer) && !string.IsNullOrWhiteSpace(o.Audience), "Jwt:Issuer and Jwt:Audience are required.")
            .Validate(o => Uri.TryCreate(o.Issuer, UriKind.Absolute, out var issuer) && issuer.Scheme is "http" or "https"
                && string.IsNullOrEmpty(issuer.Query) && string.IsNullOrEmpty(issuer.Fragment),
                "Jwt:Issuer must be an absolute http(s) URL without query or fragment.")
            .Validate(o => o.RevocationSyncInterval > TimeSpan.Zero && o.RevocationSyncInterval <= TimeSpan.FromSeconds(30),
                "Jwt:RevocationSyncInterval must be between 0 and 30 seconds.")
            .ValidateOnStart();
        // One public address: Auth's own pages, and the links emailed to them, follow Jwt:Issuer unless set on their own.
        services.AddOptions<AccountOptions>().PostConfigure<IOptions<JwtOptions>>((accounts, jwt) =>
        {
            accounts.PagesBase ??= jwt.Value.Issuer;
            if (string.IsNullOrWhiteSpace(accounts.VerificationLinkBase))
            {
                accounts.VerificationLinkBase = ProductionReadiness.OwnPage(jwt.Value.Issuer, "verify-email");
            }
        });
        services.AddOptions<PasswordResetOptions>().PostConfigure<IOptions<JwtOptions>>((reset, jwt) =>
        {
            if (string.IsNullOrWhiteSpace(reset.LinkBase))
            {
                reset.LinkBase = ProductionReadiness.OwnPage(jwt.Value.Issuer, "reset-password");
            }
        });
        services.AddSingleton<SigningKeyRing>();
        services.AddSingleton<IAccessTokenIssuer, JwtAccessTokenIssuer>();
        return services;
    }

    public static IServiceCollection AddTwoFactor(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<TfaSecretOptions>().Bind(configuration.GetSection(TfaSecretOptions.SectionName));
        services.AddSingleton<TfaKeyRing>();
        services.AddSingleton<ISecretProtector, AesGcmSecretProtector>();
        services.AddSingleton<ISecretHasher, HmacSecretHasher>();
        services.AddSingleton<ITotpService, OtpNetTotpService>();
        services.AddSingleton<IQrCodeRenderer, QrCoderPngRenderer>();
        services.AddSingleton<IPreTfaTokenIssuer, JwtPreTfaTokenIssuer>();
        return services;
    }

    public static IServiceCollection AddEmail(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<EmailOptions>().Bind(configuration.GetSection(EmailOptions.SectionName))
            .Validate(o => o.MaxAttempts >= 1 && o.BatchSize >= 1 && o.DispatchInterval > TimeSpan.Zero && o.RetryBaseDelay > TimeSpan.Zero,
                "Email: MaxAttempts, BatchSize, DispatchInterval and RetryBaseDelay must be positive.")
            .Validate(o => System.Net.Mail.MailAddress.TryCreate(o.From, out _), "Email:From must be an email address.")
            .Validate(o => o.Delivery != EmailDelivery.Smtp || !string.IsNullOrWhiteSpace(o.Smtp.Host), "Email:Smtp:Host is required for SMTP delivery.")
            .ValidateOnStart();
        services.AddSingleton<PickupDirectoryEmailTransport>();
        services.AddSingleton<SmtpEmailTransport>();
        services.AddSingleton<IEmailTransport>(sp =>
            sp.GetRequiredService<Microsoft.Extensions.Options.IOptions<EmailOptions>>().Value.Delivery == EmailDelivery.Smtp
                ? sp.GetRequiredService<SmtpEmailTransport>()
                : sp.GetRequiredService<PickupDirectoryEmailTransport>());
        services.AddSingleton<OutboxDispatcher>();
        services.AddHostedService(sp => sp.GetRequiredService<OutboxDispatcher>());
        return services;
    }

    public static IServiceCollection AddRetention(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<RetentionOptions>().Bind(configuration.GetSection(RetentionOptions.SectionName))
            .Configure<IConfiguration>((options, config) =>
                options.AuditRetentionDays = config.GetValue("Audit:RetentionDays", options.AuditRetentionDays))
            .Validate(o => o.Interval > TimeSpan.Zero && o.EndedSessions > TimeSpan.Zero && o.SpentSecrets > TimeSpan.Zero
                && o.FinishedEmails > TimeSpan.Zero && o.IdleRecords > TimeSpan.Zero && o.AuditRetentionDays >= 1,
                "Retention: every period must be positive and Audit:RetentionDays at least 1.")
            .ValidateOnStart();
        services.AddSingleton<RetentionJob>();
        services.AddHostedService(sp => sp.GetRequiredService<RetentionJob>());
        return services;
    }

    public static IServiceCollection AddServiceGauges(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ServiceGaugeOptions>().Bind(configuration.GetSection(ServiceGaugeOptions.SectionName));
        services.AddSingleton<ServiceGauges>();
        services.AddHostedService(sp => sp.GetRequiredService<ServiceGauges>());
        return services;
    }

    public static IServiceCollection AddAccountRequests(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<AccountRequestOptions>().Bind(configuration.GetSection(AccountRequestOptions.SectionName));
        services.AddSingleton<AccountRequestWorker>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountRequestWorker>());
        return services;
    }

    /// <summary>
    /// The shared Redis connection when <c>Redis:Configuration</c> is set. It never blocks start-up on Redis
    /// (<c>AbortOnConnectFail=false</c>): a node starts and serves without it, and connects when it can.
    /// </summary>
    public static IServiceCollection AddRedis(this IServiceCollection services, IConfiguration configuration)
    {
        var section = configuration.GetSection(RedisOptions.SectionName);
        services.AddOptions<RedisOptions>().Bind(section);
        var redis = section.Get<RedisOptions>() ?? new RedisOptions();
        if (redis.Enabled)
        {
            services.AddSingleton<IConnectionMultiplexer>(_ =>
            {
                var options = ConfigurationOptions.Parse(redis.Configuration!);
                options.AbortOnConnectFail = false;
                options.ClientName ??= "auth";
                return ConnectionMultiplexer.Connect(options);
            });
        }

        return services;
    }

    public static IServiceCollection AddSessionRevocation(this IServiceCollection services)
    {
        services.AddSingleton<RevokedSessionCache>();
        services.AddSingleton<IRevokedSessionCache>(sp => sp.GetRequiredService<RevokedSessionCache>());
        if (services.Any(d => d.ServiceType == typeof(IConnectionMultiplexer)))
        {
            services.AddSingleton<RedisRevocationChannel>();
            services.AddSingleton<ISessionRevocationBroadcast>(sp => sp.GetRequiredService<RedisRevocationChannel>());
            services.AddHostedService(sp => sp.GetRequiredService<RedisRevocationChannel>());
        }
        else
        {
            services.AddSingleton<ISessionRevocationBroadcast, NoRevocationBroadcast>();
        }

        services.AddSingleton<ISaveChangesInterceptor, PublishSessionRevocationsInterceptor>();
        services.AddSingleton<RevokedSessionSynchronizer>();
        services.AddHostedService(sp => sp.GetRequiredService<RevokedSessionSynchronizer>());
        return services;
    }
}
