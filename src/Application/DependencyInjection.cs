using Auth.Application.Auth.Common;
using Auth.Application.Common.Behaviors;
using Auth.Application.Common.Mediation;
using Auth.Application.Common.Security;
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
        services.AddAutoMapper(
            (_, cfg) => cfg.LicenseKey = configuration["AutoMapper:LicenseKey"],
            [assembly]);

        services.AddOptions<PasswordPolicyOptions>().Bind(configuration.GetSection(PasswordPolicyOptions.SectionName))
            .Validate(o => o.MinLength >= 1 && o.MaxLength >= o.MinLength, "PasswordPolicy: MinLength must be >= 1 and <= MaxLength.")
            .ValidateOnStart();
        services.AddOptions<SessionOptions>().Bind(configuration.GetSection(SessionOptions.SectionName))
            .Validate(o => o.SlidingLifetime > TimeSpan.Zero && o.AbsoluteLifetime >= o.SlidingLifetime,
                "Sessions: SlidingLifetime must be positive and not exceed AbsoluteLifetime.")
            .ValidateOnStart();

        services.AddScoped<PasswordPolicy>();
        services.AddScoped<SessionStarter>();
        return services;
    }
}
