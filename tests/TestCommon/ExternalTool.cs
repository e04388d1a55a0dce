using System.Diagnostics;

namespace Auth.TestCommon;

/// <summary>Runs a real peer program (from Debian packages that .ci/run installs) and returns its output.</summary>
public static class ExternalTool
{
    public static async Task<string> RunAsync(string program, params string[] arguments)
    {
        if (!File.Exists(program) && !Path.IsPathRooted(program) && Which(program) is null)
        {
            throw new InvalidOperationException(
                $"'{program}' is not installed. Install the test peers: apt-get install zbar-tools oathtool python3-aiosmtpd chromium chromium-driver");
        }

        var start = new ProcessStartInfo(program, arguments) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await process.WaitForExitAsync(timeout.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{program} exited with {process.ExitCode}: {await errors}");
        }

        return (await output).Trim();
    }

    private static string? Which(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(':')
            .Select(dir => Path.Combine(dir, program)).FirstOrDefault(File.Exists);
}
