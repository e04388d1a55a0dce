namespace Auth.Application.Email;

/// <summary>An email's text. <paramref name="SecretValidFor"/>: how long the code or link it carries works, if any.</summary>
public sealed record EmailMessage(string Subject, string Body, TimeSpan? SecretValidFor = null)
{
    public override string ToString() => $"{nameof(EmailMessage)} {{ Subject = {Subject} }}";
}
