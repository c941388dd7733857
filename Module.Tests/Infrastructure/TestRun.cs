using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>
/// What the whole run's sites and nodes did, kept where <c>test.sh</c> reads it once
/// <c>dotnet test</c> has finished (the folder in <c>COMMERCE_TEST_RUN_DIR</c>):
/// <list type="bullet">
/// <item><c>running/</c> holds one file per site or node that has started and not yet stopped, so a
/// site still running when the run ends is named there;</item>
/// <item><c>log.txt</c> holds one line per warning or error any site logged: <c>warn</c>,
/// <c>expected-error</c> (a test said it would happen and asserts on it), <c>error</c> (nobody
/// expected it) or <c>after-disposal</c> (a background service outlived its site).</item>
/// </list>
/// Without the variable (a single test run from an IDE) nothing is written and the checks in
/// <see cref="TestSite.DisposeAsync"/> still apply.
/// </summary>
public static class TestRun
{
    public const string FolderVariable = "COMMERCE_TEST_RUN_DIR";

    private static readonly object Sync = new();
    private static readonly string? Folder = Environment.GetEnvironmentVariable(FolderVariable) is { Length: > 0 } folder ? folder : null;

    /// <summary>How a logged line counts against the run's log budget.</summary>
    public enum Verdict
    {
        Warning,
        ExpectedError,
        UnexpectedError,
        AfterDisposal,

        /// <summary>A line of the budget's own tests (<see cref="CapturedLogs.Drill"/>): recorded, never a failure.</summary>
        Drill,
    }

    /// <summary>Marks a site or node as running until the returned handle is disposed.</summary>
    public static IDisposable Running(string kind, string name)
    {
        if (Folder is null)
        {
            return new Stopped(null);
        }

        var running = Path.Combine(Folder, "running");
        Directory.CreateDirectory(running);
        var file = Path.Combine(running, $"{kind}-{name}");
        File.WriteAllText(file, $"{kind} {name}, started by {StartedBy()}\n");
        return new Stopped(file);
    }

    /// <summary>Records a warning or error line; unexpected ones are also printed, whole, so the run's output shows them.</summary>
    public static void Record(Verdict verdict, string site, string line)
    {
        if (verdict is Verdict.UnexpectedError or Verdict.AfterDisposal)
        {
            Console.WriteLine($"fail: [{Label(verdict)}] site {site}: {line}");
        }

        if (Folder is null)
        {
            return;
        }

        var firstLine = line.Split('\n', 2)[0];
        var entry = string.Create(CultureInfo.InvariantCulture, $"{Label(verdict)} {site} {firstLine}\n");
        lock (Sync)
        {
            File.AppendAllText(Path.Combine(Folder, "log.txt"), entry, Encoding.UTF8);
        }
    }

    private static string Label(Verdict verdict) => verdict switch
    {
        Verdict.Warning => "warn",
        Verdict.ExpectedError => "expected-error",
        Verdict.UnexpectedError => "error",
        Verdict.AfterDisposal => "after-disposal",
        _ => "drill",
    };

    /// <summary>The test class that started the site, read from the call stack, so a leak names its owner.</summary>
    private static string StartedBy()
    {
        var frames = new StackTrace().GetFrames();
        var owner = frames
            .Select(frame => frame.GetMethod()?.DeclaringType)
            .Select(type => type?.DeclaringType is { } outer && type.Name.StartsWith('<') ? outer : type)
            .FirstOrDefault(type => type?.Namespace is { } ns && ns.StartsWith("Commerce.Customers.Tests", StringComparison.Ordinal) && ns != typeof(TestRun).Namespace);
        return owner?.FullName ?? "an infrastructure class";
    }

    private sealed class Stopped(string? file) : IDisposable
    {
        public void Dispose()
        {
            if (file is not null)
            {
                File.Delete(file);
            }
        }
    }
}
