using System.Reflection;

namespace Auth.ArchitectureTests;

/// <summary>The layers' references point inwards only: WebApi → Infrastructure → Application → Domain.</summary>
public sealed class LayerDependencyTests
{
    private static readonly Assembly Domain = typeof(Auth.Domain.Users.User).Assembly;
    private static readonly Assembly Application = typeof(Auth.Application.DependencyInjection).Assembly;
    private static readonly Assembly Infrastructure = typeof(Auth.Infrastructure.DependencyInjection).Assembly;
    private static readonly Assembly WebApi = typeof(Auth.WebApi.DependencyInjection).Assembly;

    private static IEnumerable<string> ReferencesOf(Assembly assembly) =>
        assembly.GetReferencedAssemblies().Select(a => a.Name!);

    [Test]
    public void Domain_ReferencesNoOtherProject_AndNoFramework()
    {
        var references = ReferencesOf(Domain).ToList();

        Assert.That(references.Where(r => r.StartsWith("Auth.", StringComparison.Ordinal)), Is.Empty);
        Assert.That(references.Where(r => r.StartsWith("Microsoft.EntityFrameworkCore", StringComparison.Ordinal)
            || r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Application_ReferencesOnlyDomain()
    {
        var projects = ReferencesOf(Application).Where(r => r.StartsWith("Auth.", StringComparison.Ordinal));

        Assert.That(projects, Is.EquivalentTo(new[] { "Auth.Domain" }));
        Assert.That(ReferencesOf(Application).Where(r => r.StartsWith("Microsoft.AspNetCore", StringComparison.Ordinal)), Is.Empty);
    }

    [Test]
    public void Infrastructure_ReferencesApplicationAndDomain_NotWebApi()
    {
        var projects = ReferencesOf(Infrastructure).Where(r => r.StartsWith("Auth.", StringComparison.Ordinal)).ToList();

        Assert.That(projects, Does.Contain("Auth.Application"));
        Assert.That(projects, Does.Not.Contain("Auth.WebApi"));
    }

    /// <summary>Ports that describe the incoming request are the web layer's to implement; all others are Infrastructure's.</summary>
    private static readonly string[] PortsOfTheWebLayer = ["IRequestContext"];

    [Test]
    public void EveryApplicationPort_IsImplementedInInfrastructure_OrByTheWebLayerIfItDescribesTheRequest()
    {
        var ports = Application.GetTypes()
            .Where(t => t.IsInterface && t.Namespace == "Auth.Application.Common.Interfaces" && t.Name != "IAuthDbContext");

        foreach (var port in ports)
        {
            var home = PortsOfTheWebLayer.Contains(port.Name) ? WebApi : Infrastructure;
            Assert.That(home.GetTypes().Any(t => t is { IsClass: true, IsAbstract: false } && port.IsAssignableFrom(t)),
                Is.True, $"{port.Name} has no implementation in {home.GetName().Name}");
        }
    }

    /// <summary>
    /// What a controller may hold besides the mediator: test mode's switch and movable clock (web plumbing of its own),
    /// and the OpenID Connect controller's antiforgery check of a consent or sign-out answer (it cannot use the
    /// attribute: apps post authorization requests without a token).
    /// </summary>
    private static readonly Dictionary<string, string[]> WebPlumbing = new(StringComparer.Ordinal)
    {
        ["TestingController"] = ["IOptions`1", "TestingClock"],
        ["AuthorizationController"] = ["IAntiforgery"],
    };

    /// <summary>Every controller, wherever it lives (JSON API, pages, sign-in doors, OpenID Connect): it binds, sends a request, maps the result.</summary>
    [Test]
    public void EveryController_DependsOnTheMediator_NotOnInfrastructureOrDbContext()
    {
        var controllers = WebApi.GetTypes()
            .Where(t => typeof(Microsoft.AspNetCore.Mvc.ControllerBase).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();

        Assert.That(controllers, Has.Count.GreaterThanOrEqualTo(11), "the scan found the controllers");
        foreach (var controller in controllers)
        {
            var allowed = WebPlumbing.GetValueOrDefault(controller.Name, []);
            var dependencies = controller.GetConstructors().SelectMany(c => c.GetParameters()).Select(p => p.ParameterType)
                .Where(t => !allowed.Contains(t.Name))
                .ToList();
            Assert.That(dependencies, Is.EquivalentTo(new[] { typeof(MediatR.IMediator) }), controller.FullName);
        }
    }
}
