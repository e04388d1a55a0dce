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
        Assert.That(workers.TryReserve(), Is.Null);
        var refused = Assert.Throws<ServiceBusyException>(() => workers.RunAsync(Block, CancellationToken.None));
        Assert.That(refused!.RetryAfter, Is.GreaterThan(TimeSpan.Zero));
        release.Set();
        await Task.WhenAll(accepted);
        Assert.That(peak, Is.EqualTo(2));
        using var place = workers.TryReserve();
        Assert.That(place, Is.Not.Null);
    }

    /// <summary>
    /// Adaptive: the idle thread hashes beside the steady one while nothing else waits, and stands aside (after the hash
    /// in hand) while other work waits, so hashing then holds one thread only; it joins again when the wait is over.
    /// </summary>
    [Test]
    public async Task TheIdleThread_HashesOnlyWhileNothingElseWaits()
    {
        var othersWait = false;
        using var workers = new PasswordHashingWorkers(steady: 1, whenIdle: 1, queueLimit: 8, othersWaiting: () => Volatile.Read(ref othersWait));
        using var release = new ManualResetEventSlim();
        var running = 0;
        string Blocking()
        {
            Interlocked.Increment(ref running);
            release.Wait(TimeSpan.FromSeconds(30));
            Interlocked.Decrement(ref running);
            return Thread.CurrentThread.Name!;
        }

        // Nothing else waits: both threads hash.
        var idle = new[] { workers.RunAsync(Blocking, CancellationToken.None), workers.RunAsync(Blocking, CancellationToken.None) };
        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, TimeSpan.FromSeconds(10)), Is.True);

        // Other work waits (said before the hashes in hand end): every later hash runs on the steady thread.
        Volatile.Write(ref othersWait, true);
        release.Set();
        Assert.That(await Task.WhenAll(idle), Is.EquivalentTo(new[] { "argon2-1", "argon2-idle-1" }), "every thread hashes when idle");
        var busy = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => workers.RunAsync(() => Thread.CurrentThread.Name!, CancellationToken.None)));
        Assert.That(busy, Is.All.EqualTo("argon2-1"), "the idle thread stands aside while others wait");

        // The wait is over: the idle thread hashes again.
        release.Reset();
        Volatile.Write(ref othersWait, false);
        var again = new[] { workers.RunAsync(Blocking, CancellationToken.None), workers.RunAsync(Blocking, CancellationToken.None) };
        Assert.That(SpinWait.SpinUntil(() => Volatile.Read(ref running) == 2, TimeSpan.FromSeconds(10)), Is.True, "and joins again");
        release.Set();
        await Task.WhenAll(again);
    }

    [Test]
    public async Task AReservation_HoldsAPlaceForTheFlowsNextHash_AndIsGivenBackWhenUnused()
    {
        using var workers = new PasswordHashingWorkers(workers: 1, queueLimit: 0);

        var reservation = workers.TryReserve();
        Assert.That(reservation, Is.Not.Null);
        Assert.That(await FromAnotherRequest(workers.TryReserve), Is.Null, "another request finds no place");
        Assert.That(() => FromAnotherRequest(() => workers.RunAsync(() => 1, CancellationToken.None)), Throws.InstanceOf<ServiceBusyException>());
        Assert.That(await workers.RunAsync(() => 7, CancellationToken.None), Is.EqualTo(7), "the holder's hash uses its place");
        reservation!.Dispose();

        var unused = await FromAnotherRequest(workers.TryReserve);
        Assert.That(unused, Is.Not.Null);
        unused!.Dispose();
        using var again = await FromAnotherRequest(workers.TryReserve);
        Assert.That(again, Is.Not.Null, "an unused place was given back");
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

    /// <summary>Runs on another async flow, as a concurrent request would (Task.Run alone would carry this flow's reservation).</summary>
    private static Task<T> FromAnotherRequest<T>(Func<T> work)
    {
        using (ExecutionContext.SuppressFlow())
        {
            return Task.Run(work);
        }
    }

    private static async Task<T> FromAnotherRequest<T>(Func<Task<T>> work)
    {
        Task<T> running;
        using (ExecutionContext.SuppressFlow())
        {
            running = Task.Run(work);
        }

        return await running;
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int current;
        while ((current = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, current) != current)
        {
        }
    }
}
