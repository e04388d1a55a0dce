using System.Globalization;
using System.Net;
using System.Threading.RateLimiting;
using Auth.Infrastructure.Redis;
using Auth.WebApi.ErrorHandling;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Auth.WebApi.RateLimiting;

public sealed class RateLimitingOptions
{
    public const string SectionName = "RateLimiting";

    /// <summary>Per-client-IP limits. Off for, e.g., a test suite behind one address; per-account throttling stays on.</summary>
    public bool Enabled { get; set; } = true;

    public Dictionary<string, RateLimitPolicyOptions> Policies { get; set; } = new(StringComparer.OrdinalIgnoreCase)
    {
        [RateLimitPolicies.Login] = new() { PermitLimit = 20, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.Signup] = new() { PermitLimit = 10, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.Tfa] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.PasswordReset] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.EmailVerification] = new() { PermitLimit = 5, Window = TimeSpan.FromMinutes(1) },
        [RateLimitPolicies.PasskeyCeremony] = new() { PermitLimit = 30, Window = TimeSpan.FromMinutes(1) },
    };
}

public sealed class RateLimitPolicyOptions
{
    public int PermitLimit { get; set; }

    public TimeSpan Window { get; set; }
}

public static class RateLimitPolicies
{
    public const string Login = "login";
    public const string Signup = "signup";
    public const string Tfa = "tfa";
    public const string PasswordReset = "password_reset";
    public const string EmailVerification = "email_verification";

    /// <summary>Starting a passkey ceremony (each one stores its challenge until it is answered or expires).</summary>
    public const string PasskeyCeremony = "passkey_ceremony";

    public static readonly IReadOnlyList<string> All = [Login, Signup, Tfa, PasswordReset, EmailVerification, PasskeyCeremony];
}

public static class RateLimitingSetup
{
    /// <summary>
    /// Fixed windows per client IP and policy, counted in Redis for every node when <c>Redis:Configuration</c> is set
    /// (<see cref="SharedWindowLimiter"/>), else by this node alone; rejected requests get 429 problem details with Retry-After.
    /// </summary>
    public static IServiceCollection AddClientRateLimiting(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton<RedisFallbackLog>();
        services.AddOptions<RateLimitingOptions>().Bind(configuration.GetSection(RateLimitingOptions.SectionName))
            .Validate(o => o.Policies.Values.All(p => p.PermitLimit > 0 && p.Window > TimeSpan.Zero),
                "RateLimiting:Policies: every PermitLimit and Window must be positive.")
            .ValidateOnStart();
        services.AddRateLimiter(limiter =>
        {
            limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            limiter.OnRejected = async (context, cancellationToken) =>
            {
                var http = context.HttpContext;
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait
                    : context.Lease.TryGetMetadata(RateLimitMetadataName.RetryAfter, out var seconds) ? TimeSpan.FromSeconds(Math.Max(seconds, 1))
                    : TimeSpan.FromSeconds(60);
                http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                if (Pages.ErrorPages.Wants(http))
                {
                    await Pages.ErrorPages.WriteAsync(http, StatusCodes.Status429TooManyRequests);
                    return;
                }

                var problem = new ProblemDetails
                {
                    Status = StatusCodes.Status429TooManyRequests,
                    Title = "Too many requests.",
                    Detail = "Too many requests from this address; retry after the delay in Retry-After.",
                };
                problem.Extensions["code"] = ProblemCodes.RateLimited;
                await http.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = http, ProblemDetails = problem });
            };

            foreach (var name in RateLimitPolicies.All)
            {
                limiter.AddPolicy(name, http =>
                {
                    var options = http.RequestServices.GetRequiredService<IOptions<RateLimitingOptions>>().Value;
                    if (!options.Enabled || !options.Policies.TryGetValue(name, out var policy))
                    {
                        return RateLimitPartition.GetNoLimiter("off");
                    }

                    var client = PartitionOf(http.Connection.RemoteIpAddress);
                    if (http.RequestServices.GetService<IConnectionMultiplexer>() is { } redis)
                    {
                        var key = $"{http.RequestServices.GetRequiredService<IOptions<RedisOptions>>().Value.KeyPrefix}rl:{name}:{client}";
                        return RateLimitPartition.Get(client, _ => (RateLimiter)new SharedWindowLimiter(
                            key, policy, redis, http.RequestServices.GetRequiredService<RedisFallbackLog>()));
                    }

                    return RateLimitPartition.GetFixedWindowLimiter(client, _ => new FixedWindowRateLimiterOptions
                    {
                        PermitLimit = policy.PermitLimit,
                        Window = policy.Window,
                        QueueLimit = 0,
                    });
                });
            }
        });

        // The client IP comes from X-Forwarded-For only when the request came through a proxy listed in
        // Http:KnownProxies. The framework's default trust of loopback is removed, and with no proxy listed the headers
        // are not read at all (the middleware trusts every sender when both of its lists are empty).
        services.AddOptions<ForwardedHeadersOptions>().Configure<IConfiguration>((options, config) =>
        {
            var proxies = config.GetSection("Http:KnownProxies").Get<string[]>() ?? [];
            options.ForwardedHeaders = proxies.Length == 0
                ? ForwardedHeaders.None
                : ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
#pragma warning disable ASPDEPR005 // The obsolete list still holds the loopback default and is still consulted.
            options.KnownNetworks.Clear();
#pragma warning restore ASPDEPR005
            options.ForwardLimit = 1;
            foreach (var proxy in proxies)
            {
                options.KnownProxies.Add(IPAddress.Parse(proxy));
            }
        });
        return services;
    }

    /// <summary>
    /// The client a limit counts against: an IPv4 address, or the /64 an IPv6 address belongs to (one subscriber usually
    /// holds a whole /64, so per-address limits would let them rotate through 2^64 addresses).
    /// </summary>
    public static string PartitionOf(IPAddress? address)
    {
        if (address is null)
        {
            return "unknown";
        }

        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
        {
            return address.ToString();
        }

        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return new IPAddress(bytes) + "/64";
    }
}
