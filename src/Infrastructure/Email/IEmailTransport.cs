using MimeKit;

namespace Auth.Infrastructure.Email;

/// <summary>Hands one message to the outside world; throws when it could not.</summary>
public interface IEmailTransport
{
    Task SendAsync(MimeMessage message, CancellationToken cancellationToken);
}
