using Microsoft.AspNetCore.Mvc.ActionConstraints;

namespace Auth.WebApi.Http;

/// <summary>
/// The action matches only a request that declares a Content-Type. Where two actions share a route and differ by
/// <c>[Consumes]</c> (login: form or JSON), MVC lets a request with no Content-Type match both and fails with a 500;
/// with this on one of them, such a request goes to the other and gets an ordinary validation answer.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class RequiresContentTypeAttribute : Attribute, IActionConstraint
{
    public int Order => 0;

    public bool Accept(ActionConstraintContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return !string.IsNullOrEmpty(context.RouteContext.HttpContext.Request.ContentType);
    }
}
