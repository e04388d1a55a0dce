using System.Text.Json.Nodes;
using Auth.Application.Common.Exceptions;
using Auth.Application.Passkeys.Common;
using Auth.Application.Sessions;
using Auth.Application.Sessions.GetSignedInSession;
using Auth.Domain.Common;
using Auth.WebApi.ErrorHandling;
using MediatR;
using Microsoft.AspNetCore.Mvc;

namespace Auth.WebApi.Pages;

/// <summary>
/// Base of the hosted pages: every form is checked for its antiforgery token, and every expected failure (including a
/// refused form field or a busy service) becomes a readable message in the page instead of an error status page.
/// </summary>
[AutoValidateAntiforgeryToken]
[FormExpiredPage]
[ApiExplorerSettings(IgnoreApi = true)]
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public abstract class PageController(IMediator mediator) : Controller
{
    public const string DefaultLandingPath = "/account";

    protected IMediator Mediator => mediator;

    /// <summary>The signed-in browser session, as validated for this request (pages behind <see cref="BrowserSessions.Scheme"/>).</summary>
    protected SignedInSession SignedIn => BrowserSessions.Current(HttpContext)
        ?? throw new InvalidOperationException("This page needs a signed-in browser session.");

    protected CurrentSession Caller => new(SignedIn.UserId, SignedIn.SessionId);

    protected async Task<Result<T>> SendAsync<T>(IRequest<Result<T>> request)
    {
        try
        {
            return await mediator.Send(request, HttpContext.RequestAborted);
        }
        catch (ValidationException invalid)
        {
            return Error.Validation("validation.failed", string.Join(" ", invalid.Failures.Select(f => f.Message).Distinct()));
        }
        catch (ServiceBusyException)
        {
            return Error.TooManyRequests("server.busy", "The service is busy. Wait a few seconds and try again.");
        }
    }

    /// <summary>The page again with the refusal's message, answering with the status an API client would get.</summary>
    protected IActionResult Refused(ViewResult view, Error error)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(error);
        view.StatusCode = ErrorStatus.Of(error);
        if (error.RetryAfter is { } retryAfter)
        {
            Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return view;
    }

    /// <summary>
    /// The answer to passkey.js asking for a ceremony: its id and the WebAuthn options, or the refusal's message (with
    /// the status an API client would get) for the page to show.
    /// </summary>
    protected IActionResult Ceremony(Result<PasskeyCeremonyStarted> result)
    {
        if (!result.IsSuccess)
        {
            var error = result.Error!;
            return new JsonResult(new { code = error.Code, detail = error.Description }) { StatusCode = ErrorStatus.Of(error) };
        }

        return Content(
            new JsonObject { ["ceremony"] = result.Value.CeremonyId, ["options"] = JsonNode.Parse(result.Value.OptionsJson) }.ToJsonString(),
            "application/json");
    }

    /// <summary>Only a path on this site: a return URL never sends the browser elsewhere (no open redirect).</summary>
    protected string LocalOrDefault(string? returnUrl) =>
        !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : DefaultLandingPath;
}
