using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Keeps every log line in memory so tests can prove that secrets (passwords, tokens, SMTP
/// credentials) never reach any log sink.
/// </summary>
/// <remarks>
/// The provider accepts every level, but the host's logging filters still apply before it is asked;
/// set the minimum level to <see cref="LogLevel.Trace"/> in the test host to see everything.
/// </remarks>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly object _sync = new();
    private readonly List<string> _lines = [];

    public IReadOnlyList<string> Lines
    {
        get
        {
            lock (_sync)
            {
                return _lines.ToArray();
            }
        }
    }

    public string AllText => string.Join('\n', Lines);

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
        // Lines stay readable after the host disposes its providers, which is when most assertions run.
    }

    private void Add(string line)
    {
        lock (_sync)
        {
            _lines.Add(line);
        }
    }

    private sealed class CapturingLogger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        // Nothing is filtered here: a secret logged at Trace is still a leak.
        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(
            LogLevel logLevel,
            EventId eventId,
            TState state,
            Exception? exception,
            Func<TState, Exception?, string> formatter)
        {
            var line = string.Create(CultureInfo.InvariantCulture, $"{logLevel} {category}: {formatter(state, exception)}");
            if (exception is not null)
            {
                // The full ToString includes inner exceptions and data that a formatter may omit.
                line += "\n" + exception;
            }

            owner.Add(line);
        }
    }
}
