namespace Auth.Infrastructure.Retention;

/// <summary>How long records are kept once they are of no more use (section <c>Retention</c>).</summary>
public sealed class RetentionOptions
{
    public const string SectionName = "Retention";

    /// <summary>How often the job runs.</summary>
    public TimeSpan Interval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Ended sessions (revoked or expired), with their refresh-token history, are deleted after this.</summary>
    public TimeSpan EndedSessions { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Closed or expired TFA challenges, spent or expired emailed codes and account tokens.</summary>
    public TimeSpan SpentSecrets { get; set; } = TimeSpan.FromDays(7);

    /// <summary>Sent outbox messages (their bodies are already erased) and dead ones.</summary>
    public TimeSpan FinishedEmails { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Throttle counters idle this long (never one blocked at the hard limit), known devices unused this long.</summary>
    public TimeSpan IdleRecords { get; set; } = TimeSpan.FromDays(30);

    /// <summary>
    /// Rows deleted per statement: each batch is its own short transaction, so sign-ins (and, on SQLite, every other
    /// writer) wait at most for one batch, never for a table's whole backlog.
    /// </summary>
    public int BatchSize { get; set; } = 1_000;

    /// <summary>
    /// The least pause after a full batch, before the next; the pause is never shorter than the batch took either, so a
    /// backlog gets at most half the database's time. SQLite has one writer at a time, and a sign-in waiting for the lock
    /// retries on a back-off of up to 100 ms: a longer gap lets every waiting writer in before the next batch.
    /// </summary>
    public TimeSpan BatchPause { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>Audit events are kept this many days (set as <c>Audit:RetentionDays</c>).</summary>
    public int AuditRetentionDays { get; set; } = 365;
}
