using System.Globalization;
using Microsoft.Extensions.Logging;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// Keeps every log line in memory so tests can prove that secrets (passwords, tokens, SMTP
/// credentials) never reach any log sink, and holds the site's log budget: an error or critical
/// line is a failure unless the test said it expects it (<see cref="Expect"/>) and asserts on it.
/// </summary>
/// <remarks>
/// The provider accepts every level, but the host's logging filters still apply before it is asked;
/// set the minimum level to <see cref="LogLevel.Trace"/> in the test host to see everything.
/// Test sites log nowhere else, so a passing run's output holds no error a test did not expect.
/// </remarks>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly object _sync = new();
    private readonly List<string> _lines = [];
    private readonly List<string> _unexpected = [];
    private readonly List<(string Category, string? Containing)> _expected = [];
    private string _site = "(not started)";

    /// <summary>
    /// For the budget's own tests: lines are judged as usual, but the run's record marks them as a
    /// drill, so a test that proves an unexpected error is caught does not fail the run.
    /// </summary>
    public bool Drill { get; init; }
    private int _runningSites;
    private bool _disposedOnce;

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

    /// <summary>Error and critical lines, expected or not, for tests that assert on them.</summary>
    public IReadOnlyList<string> Errors => Lines.Where(line => line.StartsWith(nameof(LogLevel.Error), StringComparison.Ordinal) || line.StartsWith(nameof(LogLevel.Critical), StringComparison.Ordinal)).ToArray();

    /// <summary>
    /// Declares that this test makes the site log errors of <paramref name="category"/> (a category
    /// or its prefix), optionally only those whose text contains <paramref name="containing"/>:
    /// a database outage, a mail server that refuses. Those lines are then the test's to assert on,
    /// not failures of the run.
    /// </summary>
    public CapturedLogs Expect(string category, string? containing = null)
    {
        lock (_sync)
        {
            _expected.Add((category, containing));
        }

        return this;
    }

    /// <summary>
    /// Like <see cref="Expect"/>, but only until the returned scope ends: for errors that belong to
    /// one phase of a test, such as EF Core's while the database is down, and are failures after it.
    /// </summary>
    public IDisposable Expecting(params (string Category, string? Containing)[] rules)
    {
        lock (_sync)
        {
            _expected.AddRange(rules);
        }

        return new Scope(this, rules);
    }

    /// <summary>What EF Core logs while the database is down: failed commands, connections, queries and saves.</summary>
    public static readonly (string Category, string? Containing)[] DatabaseOutage =
    [
        ("Microsoft.EntityFrameworkCore.Database.Command", null),
        ("Microsoft.EntityFrameworkCore.Database.Connection", null),
        ("Microsoft.EntityFrameworkCore.Query", null),
        ("Microsoft.EntityFrameworkCore.Update", null),
    ];

    private sealed class Scope(CapturedLogs owner, (string Category, string? Containing)[] rules) : IDisposable
    {
        public void Dispose()
        {
            lock (owner._sync)
            {
                foreach (var rule in rules)
                {
                    owner._expected.Remove(rule);
                }
            }
        }
    }

    /// <summary>Called by a site as it starts: lines are now its, and stay on budget until it stops.</summary>
    internal void SiteStarted(string site)
    {
        lock (_sync)
        {
            _site = site;
            _runningSites++;
        }
    }

    /// <summary>Called by a site once its host has stopped; anything logged after this is a leak.</summary>
    internal void SiteStopped()
    {
        lock (_sync)
        {
            _runningSites--;
            _disposedOnce = true;
        }
    }

    /// <summary>Fails with every error line nobody expected, each with its exception.</summary>
    public void AssertNoUnexpectedErrors()
    {
        string[] unexpected;
        lock (_sync)
        {
            unexpected = _unexpected.ToArray();
        }

        Assert.True(unexpected.Length == 0, $"Site {_site} logged {unexpected.Length} error line(s) that no test expected:\n{string.Join("\n", unexpected.Take(5))}");
    }

    public ILogger CreateLogger(string categoryName) => new CapturingLogger(this, categoryName);

    public void Dispose()
    {
        // Lines stay readable after the host disposes its providers, which is when most assertions run.
    }

    private void Add(LogLevel level, string category, string line)
    {
        TestRun.Verdict? verdict = null;
        string site;
        lock (_sync)
        {
            _lines.Add(line);
            site = _site;
            if (_disposedOnce && _runningSites == 0 && level >= LogLevel.Warning)
            {
                verdict = TestRun.Verdict.AfterDisposal;
            }
            else if (level >= LogLevel.Error)
            {
                verdict = _expected.Any(rule => category.StartsWith(rule.Category, StringComparison.Ordinal) && (rule.Containing is null || line.Contains(rule.Containing, StringComparison.Ordinal)))
                    ? TestRun.Verdict.ExpectedError
                    : TestRun.Verdict.UnexpectedError;
            }
            else if (level == LogLevel.Warning)
            {
                verdict = TestRun.Verdict.Warning;
            }

            if (verdict is TestRun.Verdict.UnexpectedError or TestRun.Verdict.AfterDisposal)
            {
                _unexpected.Add(line);
            }
        }

        if (verdict is { } counted)
        {
            TestRun.Record(Drill ? TestRun.Verdict.Drill : counted, site, line);
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

            owner.Add(logLevel, category, line);
        }
    }
}
