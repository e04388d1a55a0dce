namespace Auth.Infrastructure.Email;

public enum EmailDelivery
{
    /// <summary>Each message becomes an RFC 5322 <c>.eml</c> file in <see cref="EmailOptions.PickupDirectory"/>.</summary>
    Pickup,
    Smtp,
}

public enum SmtpSecurity
{
    None,
    StartTls,
    SslOnConnect,
}

public sealed class EmailOptions
{
    public const string SectionName = "Email";

    public EmailDelivery Delivery { get; set; } = EmailDelivery.Pickup;

    public string From { get; set; } = "Auth <no-reply@auth.local>";

    public string PickupDirectory { get; set; } = "data/mail";

    public SmtpOptions Smtp { get; set; } = new();

    /// <summary>Keep a delivered message's body (test mode only: bodies hold codes and links).</summary>
    public bool KeepDeliveredBodies { get; set; }

    /// <summary>Run the background dispatcher. Off only where something else drives delivery (test suites).</summary>
    public bool DispatcherEnabled { get; set; } = true;

    /// <summary>How often the dispatcher looks for due messages.</summary>
    public TimeSpan DispatchInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>Attempts before a message is kept as dead.</summary>
    public int MaxAttempts { get; set; } = 8;

    /// <summary>Delay after the first failure; it doubles with each further failure, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromSeconds(10);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromMinutes(30);

    public int BatchSize { get; set; } = 20;

    /// <summary>How long a node owns a message it is sending before another node may try it.</summary>
    public TimeSpan ClaimLease { get; set; } = TimeSpan.FromMinutes(2);
}

public sealed class SmtpOptions
{
    public string Host { get; set; } = "localhost";

    public int Port { get; set; } = 25;

    public SmtpSecurity Security { get; set; } = SmtpSecurity.StartTls;

    public string? Username { get; set; }

    public string? Password { get; set; }

    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public override string ToString() => $"{nameof(SmtpOptions)} {{ Host = {Host}, Port = {Port}, Security = {Security} }}";
}
