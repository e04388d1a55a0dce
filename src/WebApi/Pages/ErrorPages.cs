using System.Net;
using System.Text;

namespace Auth.WebApi.Pages;

/// <summary>
/// What a person sees when a page fails outside its own handling (an unknown address, an unexpected error): a
/// short page in the site's style with the status, never a stack trace or a problem document.
/// </summary>
public static class ErrorPages
{
    /// <summary>A browser asking for a page (not an app calling the API or the token endpoint).</summary>
    public static bool Wants(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Http.SecurityHeaders.IsPage(context.Request.Path)
            && context.Request.Headers.Accept.ToString().Contains("text/html", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>When the Retry-After header already set says to come back, in words ("in 40 seconds", "in 12 minutes").</summary>
    public static string After(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (!int.TryParse(context.Response.Headers.RetryAfter.ToString(), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seconds))
        {
            return "in a minute";
        }

        return seconds switch
        {
            <= 1 => "in a second",
            < 90 => $"in {seconds} seconds",
            < 5400 => $"in {(int)Math.Ceiling(seconds / 60.0)} minutes",
            _ => $"in {(int)Math.Ceiling(seconds / 3600.0)} hours",
        };
    }

    public static Task WriteAsync(HttpContext context, int status)
    {
        ArgumentNullException.ThrowIfNull(context);
        var (title, message) = status switch
        {
            StatusCodes.Status404NotFound => ("Page not found", "There is no page at this address."),
            StatusCodes.Status405MethodNotAllowed => ("Not allowed", "This page cannot be used this way."),
            StatusCodes.Status429TooManyRequests => ("Too many attempts", $"Too many requests came from this address. Try again {After(context)}."),
            >= 500 => ("Something went wrong", "The service could not finish this request. Nothing you did caused it; try again in a moment."),
            _ => ("Request refused", "The service could not accept this request."),
        };
        var product = WebUtility.HtmlEncode(context.RequestServices.GetService<Microsoft.Extensions.Options.IOptions<BrandingOptions>>()?.Value.ProductName ?? "Auth");
        var html = $"""
            <!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{WebUtility.HtmlEncode(title)} · {product}</title><link rel="stylesheet" href="/css/site.css"></head>
            <body><header class="top"><a class="brand" href="/account">{product}</a></header>
            <main id="main" class="card"><h1>{WebUtility.HtmlEncode(title)}</h1>
            <p class="error" role="alert" id="error">{WebUtility.HtmlEncode(message)}</p>
            <p><a href="/account">Go to your account</a></p></main></body></html>
            """;
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        return context.Response.WriteAsync(html, Encoding.UTF8);
    }
}
