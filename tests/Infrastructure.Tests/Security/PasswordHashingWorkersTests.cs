using Auth.Application.Common.Exceptions;
using Auth.Infrastructure.Security.Passwords;

namespace Auth.Infrastructure.Tests.Security;

public sealed class PasswordHashingWorkersTests
{
    [Test]
    public async Task Work_RunsOnADedicatedThread_NotOnTheThreadPool()
    {
        using var workers = new PasswordHashingWorkers(workers: 1, queueLimit: 4);

        var (pooled, name) = await workers.RunAsync(
            () => (Thread.CurrentThread.IsThreadPoolThread, Thread.CurrentThread.Name), CancellationToken.None);

        Assert.That(pooled, Is.False);
        Assert.That(name, Is.EqualTo("argon2-1"));
    }

    [Test]
    public async Task AtMostTheWorkerCount_RunAtOnce_AndTheQueueBeyondThatIsRefusedAtOnce()
    {
        using var workers = new PasswordHashingWorkers(workers: 2, queueLimit: 1);
        using var release = new ManualResetEventSlim();
        var running = 0;
        var peak = 0;
        int Block()
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            return now;
        }

        var accepted = Enumerable.Range(0, 3).Select(_ => workers.RunAsync(Block, CancellationToken.None)).ToList();

        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, TimeSpan.FromSeconds(10)), Is.True);
        Assert.That(workers.HasCapacity, Is.False);
        var refused = Assert.Throws<ServiceBusyException>(() => workers.RunAsync(Block, CancellationToken.None));
        Assert.That(refused!.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        release.Set();
        await Task.WhenAll(accepted);
        Assert.That(peak, Is.EqualTo(2));
        Assert.That(workers.HasCapacity, Is.True);
    }

    [Test]
    public async Task AJobWhoseCallerGaveUpWhileQueued_IsNotComputed()
    {
        using var workers = new PasswordHashingWorkers(workers: 1, queueLimit: 1);
        using var release = new ManualResetEventSlim();
        using var caller = new CancellationTokenSource();
        var computed = false;
        var blocker = workers.RunAsync(() => release.Wait(TimeSpan.FromSeconds(30)), CancellationToken.None);
        var queued = workers.RunAsync(() => computed = true, caller.Token);

        await caller.CancelAsync();
        release.Set();
        await blocker;

        Assert.That(async () => await queued, Throws.InstanceOf<OperationCanceledException>());
        Assert.That(computed, Is.False);
    }

    [Test]
    public void AnExceptionInTheWork_ReachesTheCaller_AndTheWorkerGoesOn()
    {
        using var workers = new PasswordHashingWorkers(workers: 1, queueLimit: 1);

        Assert.That(async () => await workers.RunAsync<int>(() => throw new InvalidOperationException("boom"), CancellationToken.None),
            Throws.InvalidOperationException.With.Message.EqualTo("boom"));
        Assert.That(async () => await workers.RunAsync(() => 42, CancellationToken.None), Is.EqualTo(42));
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
