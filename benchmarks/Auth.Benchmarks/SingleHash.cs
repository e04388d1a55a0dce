using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using Auth.Infrastructure.Security.Passwords;
using Microsoft.Extensions.Configuration;

namespace Auth.Benchmarks;

/// <summary>
/// `single-hash`: the time of one Argon2id hash at the service's configured cost and engine (settings from the
/// environment, as the service reads them), and the hashing threads it will run. The load benchmark derives the
/// physical login limit from these.
/// </summary>
public static class SingleHash
{
    public static int Run()
    {
        var options = new Argon2Options();
        new ConfigurationBuilder().AddEnvironmentVariables().Build().GetSection(Argon2Options.SectionName).Bind(options);
        var engine = options.Engine == Argon2Engine.Native ? Argon2PasswordHasher.NativeEngine() : new ManagedArgon2Engine();
        var password = RandomNumberGenerator.GetBytes(28);
        var salt = RandomNumberGenerator.GetBytes(options.SaltBytes);
        var output = new byte[options.HashBytes];
        var times = new List<double>();
        for (var i = 0; i < 33; i++)
        {
            var watch = Stopwatch.StartNew();
            engine.Derive(password, salt, options.MemoryKiB, options.Iterations, options.Parallelism, output);
            if (i >= 3)
            {
                times.Add(watch.Elapsed.TotalMilliseconds);
            }
        }

        times.Sort();
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"engine {options.Engine} ({engine.GetType().Name})"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"single-hash-ms {times[times.Count / 2]:0.0}"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hashing-threads {options.SteadyHashingThreads} steady + {options.IdleHashingThreads} when idle"));
        return 0;
    }
}
