using System.Reflection;
using Auth.WebApi.Authentication;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.Routing;

namespace Auth.ArchitectureTests;

/// <summary>The admin API's floor lets in an administrator's token or any API key, so every action must name its own policy.</summary>
public sealed class AdminPolicyTests
{
    private static readonly string[] ActionPolicies =
    [
        AuthPolicies.AdminSession, AuthPolicies.UsersRead, AuthPolicies.UsersWrite, AuthPolicies.AuditRead, AuthPolicies.EmailsRead,
        AuthPolicies.EmailsWrite,
    ];

    [Test]
    public void EveryActionBehindTheAdministrationFloor_NamesAScopeOrTheAdminSessionPolicy()
    {
        var controllers = typeof(Auth.WebApi.DependencyInjection).Assembly.GetTypes()
            .Where(t => t.GetCustomAttributes<AuthorizeAttribute>().Any(a => a.Policy == AuthPolicies.Administration))
            .ToList();
        Assert.That(controllers, Is.Not.Empty);

        foreach (var action in controllers.SelectMany(c => c.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly))
                     .Where(m => m.GetCustomAttributes<HttpMethodAttribute>().Any()))
        {
            var policies = action.GetCustomAttributes<AuthorizeAttribute>().Select(a => a.Policy).ToList();
            Assert.That(policies.Intersect(ActionPolicies), Is.Not.Empty, $"{action.DeclaringType!.Name}.{action.Name}");
        }
    }
}
