using Auth.Application.Common.Interfaces;
using Auth.Application.Common.Models;

namespace Auth.WebApi.Http;

/// <summary>The current HTTP request's client; outside a request (background work, the CLI) it is unknown.</summary>
public sealed class HttpRequestContext(IHttpContextAccessor accessor) : IRequestContext
{
    public CallerContext Caller => accessor.HttpContext?.ToCallerContext() ?? CallerContext.Unknown;
}
