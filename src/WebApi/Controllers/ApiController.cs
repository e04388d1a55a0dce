using Auth.Application.Common.Models;
using Auth.Domain.Common;
using Auth.WebApi.ErrorHandling;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.WebUtilities;

namespace Auth.WebApi.Controllers;

/// <summary>
/// Base for every API controller: authenticated by default, and the one place an expected <see cref="Error"/>
/// becomes problem details. 401 means "who are you?" (bad credentials, bad token); 403 means "known, not allowed".
/// </summary>
[ApiController]
[Authorize]
public abstract class ApiController : ControllerBase
{
    protected ActionResult Problem(Error error)
    {
        ArgumentNullException.ThrowIfNull(error);
        var status = ErrorStatus.Of(error);
        if (error.RetryAfter is { } retryAfter)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        if (error.MaxAuthenticationAge is { } maxAge)
        {
            // RFC 9470 (OAuth 2.0 Step Up Authentication Challenge): a client signs in again and retries.
            Response.Headers.WWWAuthenticate = string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"Bearer error=\"insufficient_user_authentication\", error_description=\"A more recent sign-in is required\", max_age={(int)maxAge.TotalSeconds}");
        }

        var problem = ProblemDetailsFactory.CreateProblemDetails(
            HttpContext, status, title: Microsoft.AspNetCore.WebUtilities.ReasonPhrases.GetReasonPhrase(status), detail: error.Description);
        problem.Extensions["code"] = error.Code;
        return new ObjectResult(problem) { StatusCode = status, ContentTypes = { "application/problem+json" } };
    }

    protected ActionResult ToActionResult<T>(Result<T> result, Func<T, ActionResult> onSuccess) =>
        result.Match(onSuccess, Problem);

    /// <summary>
    /// A page of a short list: its items are the body (an array, as the list always was), and the next page, when there
    /// is one, is a <c>Link: &lt;…&amp;cursor=…&gt;; rel="next"</c> header (RFC 8288) on this same request.
    /// </summary>
    /// <remarks>The action says so with <see cref="NextPageLinkAttribute"/>, which puts the header in the API's description.</remarks>
    protected ActionResult Paged<T>(CursorPage<T> page)
    {
        ArgumentNullException.ThrowIfNull(page);
        if (page.NextCursor is { } cursor)
        {
            var query = QueryHelpers.ParseQuery(Request.QueryString.Value);
            query["cursor"] = cursor;
            Response.Headers.Link = $"<{QueryHelpers.AddQueryString(Request.PathBase + Request.Path, query)}>; rel=\"next\"";
        }

        return Ok(page.Items);
    }
}

/// <summary>The action answers a page of a list, the next page in a <c>Link</c> header (<see cref="ApiController"/>'s <c>Paged</c>).</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class NextPageLinkAttribute : Attribute;
