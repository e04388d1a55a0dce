using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Auth.WebApi.Http;

/// <summary>
/// A graceful exit behind a load balancer: on SIGTERM the node first answers <c>/health/ready</c> with 503 and keeps
/// serving for <c>Http:DrainDelay</c> (set it above the balancer's health-check interval × fall count), so the balancer
/// stops sending new requests before the server stops accepting them; then the host stops as usual and lets the
/// requests in flight finish. Zero (the default, for a single node) exits at once.
/// </summary>
public sealed class ShutdownDrain(IConfiguration configuration, ILogger<ShutdownDrain> logger) : IHostedLifecycleService, IHealthCheck
{
    private volatile bool _draining;

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_draining ? HealthCheckResult.Unhealthy("shutting down") : HealthCheckResult.Healthy());

    public async Task StoppingAsync(CancellationToken cancellationToken)
    {
        _draining = true;
        var delay = configuration.GetValue<TimeSpan?>("Http:DrainDelay") ?? TimeSpan.Zero;
        if (delay > TimeSpan.Zero)
        {
            logger.LogInformation("Shutting down: not ready, serving for {DrainDelay} while the load balancer drains this node", delay);
            await Task.Delay(delay, cancellationToken);
        }
    }

    public Task StartingAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StartedAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StoppedAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
