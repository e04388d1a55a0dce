using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using MimeKit;

namespace Auth.Infrastructure.Email;

/// <summary>Writes each message as an RFC 5322 file; written under a temporary name and renamed, so readers never see half a message.</summary>
public sealed class PickupDirectoryEmailTransport(IOptions<EmailOptions> options, IHostEnvironment environment) : IEmailTransport
{
    public string Directory => Path.Combine(environment.ContentRootPath, options.Value.PickupDirectory);

    public async Task SendAsync(MimeMessage message, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(message);
        System.IO.Directory.CreateDirectory(Directory);
        var name = $"{message.Date.UtcDateTime:yyyyMMddHHmmssfff}-{(message.MessageId ?? Guid.NewGuid().ToString("N")).Split('@')[0]}";
        var temporary = Path.Combine(Directory, $"{name}.tmp");
        await message.WriteToAsync(temporary, cancellationToken);
        File.Move(temporary, Path.Combine(Directory, $"{name}.eml"), overwrite: true);
    }
}
