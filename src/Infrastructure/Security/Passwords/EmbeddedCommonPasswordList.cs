using Auth.Application.Common.Interfaces;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// The 20,000 most common passwords (frequency-ranked list from the zxcvbn-ts project, MIT licence; see NOTICE.md),
/// shipped as an embedded resource and compared case-insensitively.
/// </summary>
public sealed class EmbeddedCommonPasswordList : ICommonPasswordList
{
    public const string ResourceName = "Auth.Infrastructure.common-passwords.txt";

    private readonly HashSet<string> _passwords;

    public EmbeddedCommonPasswordList()
    {
        using var stream = typeof(EmbeddedCommonPasswordList).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"Embedded resource {ResourceName} is missing.");
        using var reader = new StreamReader(stream);
        _passwords = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0)
            {
                _passwords.Add(line);
            }
        }
    }

    public int Count => _passwords.Count;

    public bool Contains(string password) => _passwords.Contains(password);
}
