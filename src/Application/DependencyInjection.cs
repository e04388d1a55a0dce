using Auth.Application.Accounts;
using Auth.Application.Admin.ApiKeys;
using Auth.Application.Audit;
using Auth.Application.Auth.ForgotPassword;
using Auth.Application.Common.Behaviors;
using Auth.Application.Common.Mediation;
using Auth.Application.Common.Security;
using Auth.Application.Email;
using Auth.Application.KnownDevices;
using Auth.Application.Passkeys.Common;
using Auth.Application.Sessions;
using Auth.Application.SignIn.Attempts;
using Auth.Application.SignIn.Binding;
using Auth.Application.SignIn.Completion;
using Auth.Application.SignIn.SecondFactor;
using Auth.Application.SignIn.StepUp;
using Auth.Application.Tfa.Common;
using FluentValidation;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Application;

public static class DependencyInjection
{
    public static IServiceCollection AddApplication(this IServiceCollection services, IConfiguration configuration)
    {
        var assembly = typeof(DependencyInjection).Assembly;
        services.AddMediator([assembly], typeof(ValidationBehavior<,>));
        services.AddValidatorsFromAssembly(assembly, ServiceLifetime.Scoped, includeInternalTypes: true);

        services.AddOptions<PasswordPolicyOptions>().Bind(configuration.GetSection(PasswordPolicyOptions.SectionName))
            .Validate(o => o.MinLength >= 1 && o.MaxLength >= o.MinLength, "PasswordPolicy: MinLength must be >= 1 and <= MaxLength.")
            .ValidateOnStart();
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName))
            .Validate(o => o.SlidingLifetime > TimeSpan.Zero && o.AbsoluteLifetime >= o.SlidingLifetime,
                "Sessions: SlidingLifetime must be positive and not exceed AbsoluteLifetime.")
            .ValidateOnStart();

        services.AddOptions<TfaOptions>().Bind(configuration.GetSection(TfaOptions.SectionName))
            .Validate(o => o.TotpWindow is >= 0 and <= 2, "Tfa:TotpWindow must be 0, 1 or 2.")
            .Validate(o => o.BackupTokenCount is >= 1 and <= 50, "Tfa:BackupTokenCount must be 1 to 50.")
            .Validate(o => o.PreTfaTokenLifetime > TimeSpan.Zero && o.EmailCodeLifetime > TimeSpan.Zero, "Tfa lifetimes must be positive.")
            .Validate(o => o.SecondFactorFailureLimit is >= 1 and <= 100, "Tfa:SecondFactorFailureLimit must be 1 to 100.")
            .ValidateOnStart();

        services.AddOptions<ThrottleOptions>().Bind(configuration.GetSection(ThrottleOptions.SectionName))
            .Validate(o => o.FreeAttempts >= 1 && o.BaseDelay > TimeSpan.Zero && o.MaxDelay >= o.BaseDelay
                && o.HardLimit > o.FreeAttempts && o.HardLimit <= 100,
                "Throttling: FreeAttempts >= 1, BaseDelay > 0, MaxDelay >= BaseDelay, FreeAttempts < HardLimit <= 100.")
            .ValidateOnStart();
        services.AddScoped<SignInThrottler>();
        services.AddScoped<SignInAttempts>();
        services.AddScoped<SecondFactorLock>();
        services.AddScoped<SignInPolicy>();
        services.AddScoped<Reauthentication>();
        services.AddScoped<FactorBinding>();
        services.AddScoped<AccountTokens>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<FirstMailboxProof>();
        services.AddScoped<AccountRequestQueue>();
        services.AddScoped<SecondFactorSignIn>();
        services.AddOptions<AccountOptions>().Bind(configuration.GetSection(AccountOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.VerificationLinkBase, UriKind.Absolute, out _) && o.VerificationTokenLifetime > TimeSpan.Zero
                && o.ReauthenticationWindow > TimeSpan.Zero && o.MaxLinksPerHour >= 1,
                "Accounts: VerificationLinkBase must be an absolute URL; VerificationTokenLifetime and ReauthenticationWindow positive; MaxLinksPerHour at least 1.")
            .ValidateOnStart();
        services.AddOptions<PasswordResetOptions>().Bind(configuration.GetSection(PasswordResetOptions.SectionName))
            .Validate(o => Uri.TryCreate(o.LinkBase, UriKind.Absolute, out _) && o.TokenLifetime > TimeSpan.Zero,
                "PasswordReset: LinkBase must be an absolute URL and TokenLifetime positive.")
            .ValidateOnStart();
        services.AddScoped<PasswordPolicy>();
        services.AddScoped<Mailer>();
        services.AddSingleton<OutboxBodies>();
        services.AddScoped<AuditTrail>();
        services.AddScoped<EmailCodeService>();
        services.AddScoped<BackupTokenService>();
        services.AddScoped<TfaDeviceService>();
        services.AddScoped<StepUpVerifier>();
        services.AddScoped<SessionRevoker>();
        services.AddScoped<ApiKeyAuthenticator>();
        services.AddScoped<ApiKeyRevoker>();
        services.AddScoped<SignInCompletion>();
        services.AddScoped<KnownDeviceRegistry>();
        services.AddOptions<PasskeyOptions>().Bind(configuration.GetSection(PasskeyOptions.SectionName))
            .Validate(o => o.UserVerification is "required" or "preferred", "Passkeys:UserVerification must be required or preferred.")
            .Validate(o => o.CeremonyLifetime >= TimeSpan.FromSeconds(30) && o.CeremonyLifetime <= TimeSpan.FromMinutes(10),
                "Passkeys:CeremonyLifetime must be 30 seconds to 10 minutes.")
            .ValidateOnStart();
        services.AddScoped<PasskeyCeremonies>();
        return services;
    }
}
