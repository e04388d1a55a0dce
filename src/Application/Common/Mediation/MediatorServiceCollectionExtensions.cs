using System.Reflection;
using MediatR;
using Microsoft.Extensions.DependencyInjection;

namespace Auth.Application.Common.Mediation;

/// <summary>
/// Registers MediatR 5.1 with Microsoft DI. 5.1 is the only version this registry serves and it has no DI package,
/// so the mediator, every request handler in the given assemblies and the pipeline behaviors are wired here.
/// </summary>
public static class MediatorServiceCollectionExtensions
{
    public static IServiceCollection AddMediator(
        this IServiceCollection services,
        IEnumerable<Assembly> handlerAssemblies,
        params Type[] openPipelineBehaviors)
    {
        ArgumentNullException.ThrowIfNull(handlerAssemblies);
        services.AddScoped<ServiceFactory>(provider => provider.GetService);
        services.AddScoped<IMediator, Mediator>();

        var handlerInterfaces = new[] { typeof(IRequestHandler<,>), typeof(INotificationHandler<>) };
        foreach (var type in handlerAssemblies.SelectMany(a => a.DefinedTypes))
        {
            if (type.IsAbstract || type.IsInterface || type.IsGenericTypeDefinition)
            {
                continue;
            }

            foreach (var contract in type.ImplementedInterfaces.Where(i =>
                         i.IsGenericType && handlerInterfaces.Contains(i.GetGenericTypeDefinition())))
            {
                services.AddTransient(contract, type);
            }
        }

        foreach (var behavior in openPipelineBehaviors)
        {
            services.AddTransient(typeof(IPipelineBehavior<,>), behavior);
        }

        return services;
    }
}
