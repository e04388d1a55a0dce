namespace Auth.WebApi.Testing;

/// <summary>
/// The test mode for other teams' integration suites: a mailbox to read the codes and links the service sends, and a
/// clock they can move. Off by default; the service refuses to start with it in Production.
/// </summary>
public sealed class TestingOptions
{
    public const string SectionName = "Testing";

    public bool Enabled { get; set; }
}
