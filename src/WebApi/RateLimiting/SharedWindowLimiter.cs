using System.Threading.RateLimiting;
using RedisRateLimiting;
using StackExchange.Redis;

namespace Auth.WebApi.RateLimiting;

/// <summary>
/// One client's window for one policy, counted in Redis so every node draws on the same permits. When Redis cannot
/// answer (not connected, or a command fails) this node's own window decides instead, so an outage of the accelerator
/// neither refuses everyone nor lets everyone through; the fallback is logged once per outage.
/// </summary>
public sealed class SharedWindowLimiter : RateLimiter
{
    private readonly IConnectionMultiplexer _redis;
    private readonly RateLimiter _shared;
    private readonly FixedWindowRateLimiter _local;
    private readonly RedisFallbackLog _fallbackLog;

    public SharedWindowLimiter(string key, RateLimitPolicyOptions policy, IConnectionMultiplexer redis, RedisFallbackLog fallbackLog)
    {
        ArgumentNullException.ThrowIfNull(policy);
        _redis = redis;
        _fallbackLog = fallbackLog;
        _shared = new RedisFixedWindowRateLimiter<string>(key, new RedisFixedWindowRateLimiterOptions
        {
            ConnectionMultiplexerFactory = () => redis,
            PermitLimit = policy.PermitLimit,
            Window = policy.Window,
        });
        _local = new FixedWindowRateLimiter(new FixedWindowRateLimiterOptions
        {
            PermitLimit = policy.PermitLimit,
            Window = policy.Window,
            QueueLimit = 0,
        });
    }

    public override TimeSpan? IdleDuration => _shared.IdleDuration is { } shared && _local.IdleDuration is { } local
        ? (shared < local ? shared : local)
        : null;

    public override RateLimiterStatistics? GetStatistics() => _local.GetStatistics();

    // Redis is never asked synchronously: a failed attempt sends the middleware to AcquireAsync.
    protected override RateLimitLease AttemptAcquireCore(int permitCount) => _shared.AttemptAcquire(permitCount);

    protected override async ValueTask<RateLimitLease> AcquireAsyncCore(int permitCount, CancellationToken cancellationToken)
    {
        if (_redis.IsConnected)
        {
            try
            {
                var lease = await _shared.AcquireAsync(permitCount, cancellationToken);
                _fallbackLog.Recovered();
                return lease;
            }
            catch (Exception ex) when (ex is RedisException or TimeoutException)
            {
                _fallbackLog.Failed(ex);
            }
        }
        else
        {
            _fallbackLog.Failed(null);
        }

        return await _local.AcquireAsync(permitCount, cancellationToken);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _shared.Dispose();
            _local.Dispose();
        }

        base.Dispose(disposing);
    }

    protected override async ValueTask DisposeAsyncCore()
    {
        await _shared.DisposeAsync();
        await _local.DisposeAsync();
    }
}

/// <summary>Says once when rate limits fall back to each node's own count, and once when Redis counts them again.</summary>
public sealed class RedisFallbackLog(ILogger<RedisFallbackLog> logger)
{
    private int _fallingBack;

    public void Failed(Exception? exception)
    {
        if (Interlocked.Exchange(ref _fallingBack, 1) == 0)
        {
            logger.LogWarning("Redis is unavailable ({Reason}); each node counts rate limits alone until it is back",
                exception?.GetType().Name ?? "not connected");
        }
    }

    public void Recovered()
    {
        if (Volatile.Read(ref _fallingBack) == 1 && Interlocked.Exchange(ref _fallingBack, 0) == 1)
        {
            logger.LogInformation("Redis is back; rate limits are shared by every node again");
        }
    }
}
