using System.Collections.Concurrent;
using Serilog.Core;
using Serilog.Events;

namespace Auth.WebApi.IntegrationTests.Support;

/// <summary>Keeps every log event the service writes, rendered with its properties, so tests can search them.</summary>
public sealed class CapturingLogSink : ILogEventSink
{
    private readonly ConcurrentQueue<string> _events = new();
    private readonly ConcurrentQueue<string> _messages = new();

    public IReadOnlyCollection<string> Events => _events;

    /// <summary>The rendered lines alone, as a console or file shows them.</summary>
    public IReadOnlyCollection<string> Messages => _messages;

    public void Emit(LogEvent logEvent)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        var properties = string.Join(' ', logEvent.Properties.Select(p => $"{p.Key}={p.Value}"));
        _events.Enqueue($"{logEvent.RenderMessage()} {properties} {logEvent.Exception}");
        _messages.Enqueue(logEvent.RenderMessage());
    }
}
