using System.Collections.Concurrent;
using System.Diagnostics;
using Auth.Application.Common.Exceptions;
using Auth.Application.Common.Metrics;

namespace Auth.Infrastructure.Security.Passwords;

/// <summary>
/// A few dedicated threads that do nothing but hash passwords. They are not thread-pool threads, so however many
/// logins arrive, the pool keeps serving everything else (<c>/me</c>, refresh, JWKS, second factors): at most
/// <c>steady + whenIdle</c> hashes run at once, at most <c>queueLimit</c> wait, and a request beyond that is refused at
/// once with <see cref="ServiceBusyException"/> (503 + Retry-After) before it costs anything.
/// <para>
/// The <c>whenIdle</c> threads hash only while nothing else waits (<c>othersWaiting</c> is false): with logins alone
/// every core hashes; once other requests queue for a thread, those threads finish the hash in hand (or the one they
/// were already waiting for) and stand aside until the queue drains, so hashing gives the core back within a hash.
/// </para>
/// </summary>
public sealed class PasswordHashingWorkers : IDisposable
{
    private static readonly TimeSpan RetryAfter = TimeSpan.FromSeconds(1);

    /// <summary>How often a thread standing aside looks again (only while other work waits).</summary>
    private static readonly TimeSpan StandAside = TimeSpan.FromMilliseconds(1);

    /// <summary>How long an idle-only thread waits for a hash before it looks at the others again (50 wake-ups a second when idle).</summary>
    private static readonly TimeSpan IdleWait = TimeSpan.FromMilliseconds(20);

    private readonly BlockingCollection<Job> _queue = new(new ConcurrentQueue<Job>());
    private readonly int _capacity;
    private readonly Func<bool> _othersWaiting;
    private readonly AsyncLocal<Reservation?> _reservation = new();
    private int _outstanding;

    public PasswordHashingWorkers(int workers, int queueLimit)
        : this(workers, whenIdle: 0, queueLimit, othersWaiting: static () => false)
    {
    }

    /// <param name="steady">Threads that hash whenever there is a hash to compute.</param>
    /// <param name="whenIdle">Threads that hash only while <paramref name="othersWaiting"/> says nothing else waits.</param>
    public PasswordHashingWorkers(int steady, int whenIdle, int queueLimit, Func<bool> othersWaiting)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(steady, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(whenIdle);
        ArgumentOutOfRangeException.ThrowIfNegative(queueLimit);
        ArgumentNullException.ThrowIfNull(othersWaiting);
        _othersWaiting = othersWaiting;
        _capacity = steady + whenIdle + queueLimit;
        for (var i = 0; i < steady; i++)
        {
            new Thread(Work) { IsBackground = true, Name = $"argon2-{i + 1}" }.Start();
        }

        for (var i = 0; i < whenIdle; i++)
        {
            new Thread(WorkWhenIdle) { IsBackground = true, Name = $"argon2-idle-{i + 1}" }.Start();
        }
    }

    /// <summary>
    /// The default signal: work items queued for the thread pool (requests being parsed, answered, or continuing after
    /// their database call), which is what a hash on every core would delay.
    /// </summary>
    public static bool ThreadPoolHasWaitingWork() => ThreadPool.PendingWorkItemCount > 0;

    /// <summary>
    /// Reserves a place for the next hash this request (this async flow) asks for, or null when none is left. A request
    /// holding one can do its database work knowing its hash will be accepted; disposing an unused one gives it back.
    /// Reserving while an unused reservation is held returns a no-op: one request, one place.
    /// </summary>
    public IDisposable? TryReserve()
    {
        if (_reservation.Value is { IsUnused: true })
        {
            return NoReservation.Instance;
        }

        if (!TryTake())
        {
            return null;
        }

        var reservation = new Reservation(this);
        _reservation.Value = reservation;
        return reservation;
    }

    public Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(work);
        cancellationToken.ThrowIfCancellationRequested();
        if (_reservation.Value?.TryConsume() != true && !TryTake())
        {
            throw new ServiceBusyException(RetryAfter);
        }

        var job = new Job<T>(work, cancellationToken);
        _queue.Add(job, CancellationToken.None);
        return job.Task;
    }

    public void Dispose()
    {
        // Queued jobs still run; the threads end when the queue is empty.
        _queue.CompleteAdding();
    }

    private bool TryTake()
    {
        if (Interlocked.Increment(ref _outstanding) > _capacity)
        {
            Interlocked.Decrement(ref _outstanding);
            return false;
        }

        return true;
    }

    private void Release() => Interlocked.Decrement(ref _outstanding);

    private void Work()
    {
        foreach (var job in _queue.GetConsumingEnumerable())
        {
            Run(job);
        }
    }

    private void WorkWhenIdle()
    {
        while (!_queue.IsCompleted)
        {
            if (_othersWaiting())
            {
                Thread.Sleep(StandAside);
                continue;
            }

            try
            {
                if (_queue.TryTake(out var job, IdleWait))
                {
                    Run(job);
                }
            }
            catch (InvalidOperationException) when (_queue.IsCompleted)
            {
                return;
            }
        }
    }

    /// <summary>The place is given back before the caller hears the result, so its next request finds it free.</summary>
    private void Run(Job job) => job.Run(Release);

    /// <summary>A place taken for one hash: spent by the request's next hash, or given back when disposed unused.</summary>
    private sealed class Reservation(PasswordHashingWorkers workers) : IDisposable
    {
        private int _spent;

        public bool IsUnused => Volatile.Read(ref _spent) == 0;

        public bool TryConsume() => Interlocked.Exchange(ref _spent, 1) == 0;

        public void Dispose()
        {
            if (TryConsume())
            {
                workers.Release();
            }
        }
    }

    private sealed class NoReservation : IDisposable
    {
        public static readonly NoReservation Instance = new();

        public void Dispose()
        {
        }
    }

    private abstract class Job
    {
        /// <param name="release">Called exactly once, before the result is set.</param>
        public abstract void Run(Action release);
    }

    private sealed class Job<T>(Func<T> work, CancellationToken cancellationToken) : Job
    {
        // Continuations run on the thread pool, never on a hashing thread.
        private readonly TaskCompletionSource<T> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly long _queuedAt = Stopwatch.GetTimestamp();

        // The request's trace: the hash is a child span of whatever the request was doing when it asked.
        private readonly ActivityContext _parent = Activity.Current?.Context ?? default;

        public Task<T> Task => _completion.Task;

        public override void Run(Action release)
        {
            if (cancellationToken.IsCancellationRequested)
            {
                // The client went away while waiting: its hash is not worth computing.
                release();
                _completion.TrySetCanceled(cancellationToken);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            AuthMetrics.PasswordHashQueueWait.Record(Stopwatch.GetElapsedTime(_queuedAt, started).TotalSeconds);
            T result;
            using (AuthMetrics.Tracing.StartActivity("password.hash", ActivityKind.Internal, _parent))
            {
                try
                {
                    result = work();
                }
                catch (Exception ex)
                {
                    release();
                    _completion.TrySetException(ex);
                    return;
                }
            }

            AuthMetrics.PasswordHashDuration.Record(Stopwatch.GetElapsedTime(started).TotalSeconds);
            release();
            _completion.TrySetResult(result);
        }
    }
}
