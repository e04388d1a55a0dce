using System.Diagnostics.Metrics;
using Auth.Application.Common.Metrics;
using Auth.Domain.Email;
using Auth.Infrastructure.Persistence;
using Auth.Infrastructure.Security.Tokens;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Auth.Infrastructure.Metrics;

/// <summary>
/// Gauges of what the database holds (active sessions, the outbox's depth and oldest due message, queued account
/// requests), read by one cheap query each every <see cref="ServiceGaugeOptions.Interval"/> rather than on every scrape,
/// and the days left before the current signing key's <c>NotAfter</c>. Every node reports the same database-wide
/// figures: aggregate them with max(), not sum().
/// </summary>
public sealed class ServiceGauges : BackgroundService
{
    private readonly IServiceScopeFactory _scopes;
    private readonly TimeProvider _time;
    private readonly IOptions<ServiceGaugeOptions> _options;
    private readonly ILogger<ServiceGauges> _logger;
    private Snapshot _last = new(0, 0, 0, 0);

    public ServiceGauges(
        IServiceScopeFactory scopes, IOptions<JwtOptions> jwt, TimeProvider time, IOptions<ServiceGaugeOptions> options, IMeterFactory meters,
        ILogger<ServiceGauges> logger)
    {
        ArgumentNullException.ThrowIfNull(jwt);
        ArgumentNullException.ThrowIfNull(meters);
        _scopes = scopes;
        _time = time;
        _options = options;
        _logger = logger;
        // The service's meter name, from the container's factory: the gauges end with the service that reads them.
        var meter = meters.Create(AuthMetrics.MeterName);
        meter.CreateObservableGauge("auth.sessions.active", () => _last.ActiveSessions, "{session}", "Sessions neither ended nor expired (database-wide).");
        meter.CreateObservableGauge("auth.outbox.depth", () => _last.OutboxDepth, "{message}", "Emails waiting to be sent or retried (database-wide).");
        meter.CreateObservableGauge("auth.outbox.oldest_age", () => _last.OldestDueSeconds, "s", "Age of the oldest email that is due and not yet sent.");
        meter.CreateObservableGauge("auth.account_requests.depth", () => _last.QueuedRequests, "{request}", "Forgot-password and resend requests accepted and not yet handled.");
        meter.CreateObservableGauge("auth.signing_key.expiry", () => DaysToExpiry(jwt.Value), "d",
            "Days before the current signing key's configured NotAfter (reported only when set).");
    }

    public async Task<Snapshot> ReadOnceAsync(CancellationToken cancellationToken)
    {
        await using var scope = _scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AuthDbContext>();
        var now = _time.GetUtcNow();
        var active = await db.Sessions.CountAsync(s => s.RevokedAt == null && s.ExpiresAt > now, cancellationToken);
        var due = db.OutboxMessages.Where(m => m.Status == OutboxStatus.Pending || m.Status == OutboxStatus.Retrying);
        var depth = await due.CountAsync(cancellationToken);
        var oldest = await due.Where(m => m.NextAttemptAt <= now).OrderBy(m => m.CreatedAt).Select(m => (DateTimeOffset?)m.CreatedAt).FirstOrDefaultAsync(cancellationToken);
        var queued = await db.AccountRequests.CountAsync(cancellationToken);
        _last = new Snapshot(active, depth, oldest is { } createdAt ? Math.Max(0, (now - createdAt).TotalSeconds) : 0, queued);
        return _last;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(_options.Value.Interval, TimeProvider.System);
        do
        {
            try
            {
                await ReadOnceAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                _logger.LogWarning("Reading the service gauges failed ({ErrorType}); will retry", ex.GetType().Name);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    private IEnumerable<Measurement<double>> DaysToExpiry(JwtOptions jwt)
    {
        if (jwt.SigningKeys.FirstOrDefault()?.NotAfter is { } notAfter)
        {
            yield return new Measurement<double>((notAfter - _time.GetUtcNow()).TotalDays);
        }
    }

    public sealed record Snapshot(int ActiveSessions, int OutboxDepth, double OldestDueSeconds, int QueuedRequests);
}

public sealed class ServiceGaugeOptions
{
    public const string SectionName = "Metrics";

    /// <summary>How often the database-backed gauges are read (each read is a few indexed counts).</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromSeconds(30);
}
