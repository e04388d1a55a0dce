using System.Text.Json;
using Auth.Application.Common.Interfaces;
using Auth.WebApi.ErrorHandling;

namespace Auth.WebApi.Http;

/// <summary>
/// Anonymous requests that hash a password (login, sign-up, password reset) reserve their place in the hashing queue
/// first thing in the pipeline. Without one they are shed at once: a pre-built 503 with Retry-After costs about what a
/// health check costs, and no database work. With one, they are sure to be hashed, so only as many requests as the
/// queue holds ever read or write the database at once (a peek instead of a reservation let bursts through that
/// blocked threads on SQLite's write lock). Shed requests are counted and logged once a minute, not one by one.
/// </summary>
public sealed class HashingLoadShedding(IPasswordHasher hasher, TimeProvider time, ILogger<HashingLoadShedding> logger)
{
    private static readonly string[] HashingPaths = ["/api/v1/auth/login", "/api/v1/auth/signup", "/api/v1/auth/reset_password"];
    private static readonly TimeSpan LogInterval = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);
    private static readonly byte[] Body = JsonSerializer.SerializeToUtf8Bytes(BusyProblem.Create());

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
        response.ContentType = "application/problem+json";
        response.ContentLength = Body.Length;
        await response.Body.WriteAsync(Body);
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
