using System.Text.Json;
using Auth.Application.Common.Interfaces;
using Auth.WebApi.ErrorHandling;

namespace Auth.WebApi.Http;

/// <summary>
/// Anonymous requests that hash a password (login, sign-up, password reset, on the API or the hosted pages) reserve their place in the hashing queue
/// first thing in the pipeline. Without one they are shed at once: a pre-built 503 with Retry-After costs about what a
/// health check costs, and no database work. With one, they are sure to be hashed, so only as many requests as the
/// queue holds ever read or write the database at once (a peek instead of a reservation let bursts through that
/// blocked threads on SQLite's write lock). Shed requests are counted and logged once a minute, not one by one.
/// </summary>
public sealed class HashingLoadShedding(IPasswordHasher hasher, TimeProvider time, ILogger<HashingLoadShedding> logger)
{
    private static readonly string[] HashingPaths =
    [
        "/api/v1/auth/login", "/api/v1/auth/signup", "/api/v1/auth/reset_password",
        "/account/signin", "/account/signup", "/reset-password",
    ];
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(BusyProblem.Create());

    /// <summary>What a person sees instead: a page, not a problem document.</summary>
    private static readonly byte[] PageBody = System.Text.Encoding.UTF8.GetBytes(
        "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Busy · Auth</title><link rel=\"stylesheet\" href=\"/css/site.css\"></head>" +
        "<body><main class=\"card\"><h1>Busy</h1><p class=\"error\" role=\"alert\">The service is busy. Go back and try again in a few seconds.</p></main></body></html>");

    private long _shed;
    private long _lastLogTicks;

    public async Task InvokeAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (!HttpMethods.IsPost(context.Request.Method) || !IsHashingPath(context.Request.Path))
        {
            await next(context);
            return;
        }

        using var reservation = hasher.TryReserve();
        if (reservation is not null)
        {
            await next(context);
            return;
        }

        Count();
        var response = context.Response;
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = BusyProblem.RetryAfter(RetryAfter);
        var page = !context.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase);
        response.ContentType = page ? "text/html; charset=utf-8" : "application/problem+json";
        response.ContentLength = (page ? PageBody : Body).Length;
        await response.Body.WriteAsync(page ? PageBody : Body);
    }

    private static bool IsHashingPath(PathString path)
    {
        foreach (var candidate in HashingPaths)
        {
            if (path.Equals(candidate, StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }
        }

        return false;
    }

    private void Count()
    {
        var shed = Interlocked.Increment(ref _shed);
        var now = time.GetUtcNow().UtcTicks;
        var last = Interlocked.Read(ref _lastLogTicks);
        if (now - last >= LogInterval.Ticks && Interlocked.CompareExchange(ref _lastLogTicks, now, last) == last)
        {
            Interlocked.Add(ref _shed, -shed);
            logger.LogWarning("Shed {ShedCount} sign-in requests since the last report: password hashing is at capacity", shed);
        }
    }
}

public static class HashingLoadSheddingExtensions
{
    public static IApplicationBuilder UseHashingLoadShedding(this IApplicationBuilder app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var shedding = app.ApplicationServices.GetRequiredService<HashingLoadShedding>();
        return app.Use(shedding.InvokeAsync);
    }
}
