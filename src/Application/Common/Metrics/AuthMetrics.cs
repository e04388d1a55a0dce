using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace Auth.Application.Common.Metrics;

/// <summary>
/// The service's own meter (<c>Auth</c>), read by OpenTelemetry (the <c>/metrics</c> scrape endpoint, and OTLP when
/// configured). Tags are small fixed sets (sign-in methods, audit event types), never an address or an id. Its
/// <see cref="Tracing"/> source names the spans the service adds to a request's trace (password hashing, email).
/// </summary>
public static class AuthMetrics
{
    public const string MeterName = "Auth";

    private static readonly Meter Meter = new(MeterName);

    /// <summary>Spans for the work a trace should show apart from the database: <c>password.hash</c>, <c>email.send</c>.</summary>
    public static ActivitySource Tracing { get; } = new(MeterName);

    /// <summary>Completed sign-ins, by method (<c>pwd</c>, <c>pwd+otp</c>, <c>passkey</c>, …).</summary>
    public static readonly Counter<long> SignIns =
        Meter.CreateCounter<long>("auth.sign_ins", "{sign-in}", "Sign-ins completed, by method.");

    /// <summary>Wrong secrets, by the audit event they were recorded as (<c>login.failed</c>, <c>tfa.failed</c>, …).</summary>
    public static readonly Counter<long> SignInFailures =
        Meter.CreateCounter<long>("auth.sign_in_failures", "{attempt}", "Wrong passwords, codes, backup tokens and passkey answers, by event.");

    /// <summary>Right secrets for accounts that may not sign in, and tries refused by the throttle.</summary>
    public static readonly Counter<long> SignInRefusals =
        Meter.CreateCounter<long>("auth.sign_in_refusals", "{attempt}", "Sign-in attempts refused (throttled, disabled, unverified, locked), by event.");

    /// <summary>Spent refresh tokens or codes presented again (a copy is in someone else's hands).</summary>
    public static readonly Counter<long> GrantReplays =
        Meter.CreateCounter<long>("auth.grant_replays", "{replay}", "Spent refresh tokens and authorization codes presented again.");

    /// <summary>Access tokens issued, by grant (<c>sign_in</c>, <c>refresh_token</c>, and the provider's <c>authorization_code</c>, …).</summary>
    public static readonly Counter<long> TokensIssued =
        Meter.CreateCounter<long>("auth.tokens_issued", "{token}", "Access tokens issued, by grant.");

    /// <summary>Time one Argon2id hash took on a hashing thread.</summary>
    public static readonly Histogram<double> PasswordHashDuration =
        Meter.CreateHistogram("auth.password_hash.duration", "s", "Time one password hash took on a hashing thread.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });

    /// <summary>Time a hash waited for a free hashing thread (rising: more sign-ins than the hashing threads can serve).</summary>
    public static readonly Histogram<double> PasswordHashQueueWait =
        Meter.CreateHistogram("auth.password_hash.queue_wait", "s", "Time a password hash waited for a hashing thread.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5] });
}
