using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using MimeKit;

namespace Auth.TestCommon;

/// <summary>A real SMTP server (Debian's python3-aiosmtpd) on 127.0.0.1 that stores what it receives in a Maildir.</summary>
public sealed class AiosmtpdServer : IAsyncDisposable
{
    private const string Python = "/usr/bin/python3";
    private readonly Process _process;

    private AiosmtpdServer(Process process, int port, string maildir)
    {
        _process = process;
        Port = port;
        Maildir = maildir;
    }

    public int Port { get; }

    public string Maildir { get; }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<AiosmtpdServer> StartAsync()
    {
        var port = FreePort();
        var maildir = Path.Combine(Path.GetTempPath(), "auth-maildir", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(Path.GetDirectoryName(maildir)!);
        var start = new ProcessStartInfo(Python, ["-m", "aiosmtpd", "-n", "-d", "-l", $"127.0.0.1:{port}", "-c", "aiosmtpd.handlers.Mailbox", maildir])
        {
            RedirectStandardError = true,
            RedirectStandardOutput = true,
        };
        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start aiosmtpd.");
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var seen = new List<string>();
        while (await process.StandardError.ReadLineAsync(timeout.Token) is { } line)
        {
            seen.Add(line);
            if (line.Contains("Server is listening", StringComparison.Ordinal))
            {
                _ = process.StandardError.ReadToEndAsync(CancellationToken.None);
                return new AiosmtpdServer(process, port, maildir);
            }
        }

        throw new InvalidOperationException(
            $"aiosmtpd did not start (install python3-aiosmtpd): {string.Join(" | ", seen)}");
    }

    public IReadOnlyList<MimeMessage> Received() =>
        Directory.Exists(Path.Combine(Maildir, "new"))
            ? Directory.GetFiles(Path.Combine(Maildir, "new")).Select(f => MimeMessage.Load(f)).ToList()
            : [];

    public async ValueTask DisposeAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
