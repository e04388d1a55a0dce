using System.Diagnostics.Metrics;

namespace Auth.Application.Common.Metrics;

/// <summary>
/// The service's own meter (<c>Auth</c>), read by OpenTelemetry (the <c>/metrics</c> scrape endpoint, and OTLP when
/// configured). Tags are small fixed sets (sign-in methods, audit event types), never an address or an id.
/// </summary>
public static class AuthMetrics
{
    public const string MeterName = "Auth";

    private static readonly Meter Meter = new(MeterName);

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
}
