using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Keeps every log event the service writes, rendered with its properties, so tests can search them.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<string> _messages = new();
    private readonly ConcurrentBag<(Func<string, bool> Match, TaskCompletionSource<string> Seen)> _waiters = [];

    public IReadOnlyCollection<string> Events => _events;

    /// <summary>The rendered lines alone, as a console or file shows them.</summary>
    public IReadOnlyCollection<string> Messages => _messages;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var properties = string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        _events.Enqueue($"{logEvent.RenderMessage()} {properties} {logEvent.Exception}");
        var message = logEvent.RenderMessage();
        _messages.Enqueue(message);
        foreach (var waiter in _waiters.Where(w => w.Match(message)))
        {
            waiter.Seen.TrySetResult(message);
        }
    }

    /// <summary>The first rendered line, written already or still to come, that <paramref name="match"/> accepts.</summary>
    public Task<string> MessageAsync(Func<string, bool> match)
    {
        var seen = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _waiters.Add((match, seen));
        if (_messages.FirstOrDefault(match) is { } written)
        {
            seen.TrySetResult(written);
        }

        return seen.Task;
    }
}
