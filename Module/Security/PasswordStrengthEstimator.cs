using System.Collections.Concurrent;
using System.Text.Json;
using Jint;
using Jint.Native;

namespace Commerce.Customers.Security;

/// <summary>
/// Estimates password strength with zxcvbn 4.4.2, the very script the browser's meter runs,
/// executed by Jint, so the server and the meter always agree. A Jint engine is not
/// thread-safe, so engines are pooled: one per concurrent caller, up to the core count.
/// </summary>
public sealed class PasswordStrengthEstimator : IDisposable
{
    public const string ScriptResource = "Assets.zxcvbn.js";

    // zxcvbn slows down sharply on very long input and gains nothing from it.
    private const int MaxEvaluatedLength = 100;

    private static readonly Lazy<Prepared<Acornima.Ast.Script>> Script = new(() =>
    {
        using var stream = typeof(PasswordStrengthEstimator).Assembly.GetManifestResourceStream(ScriptResource)
            ?? throw new InvalidOperationException($"The embedded resource {ScriptResource} is missing.");
        using var reader = new StreamReader(stream);
        return Engine.PrepareScript(reader.ReadToEnd(), "zxcvbn.js");
    });

    private readonly ConcurrentBag<Engine> _engines = [];
    private readonly SemaphoreSlim _slots = new(Math.Max(1, Environment.ProcessorCount));

    /// <param name="userInputs">The customer's names, email and company: zxcvbn counts them as easy to guess.</param>
    public PasswordStrength Estimate(string password, IEnumerable<string?> userInputs)
    {
        ArgumentNullException.ThrowIfNull(password);
        var inputs = userInputs.Where(input => !string.IsNullOrWhiteSpace(input)).Select(input => input!.Trim()).ToList();
        var evaluated = password.Length > MaxEvaluatedLength ? password[..MaxEvaluatedLength] : password;

        _slots.Wait();
        var engine = _engines.TryTake(out var pooled) ? pooled : CreateEngine();
        try
        {
            // Inputs cross as JSON so that zxcvbn receives a real JS array.
            engine.SetValue("__password", evaluated);
            engine.SetValue("__inputs", JsonSerializer.Serialize(inputs));
            var result = engine.Evaluate("zxcvbn(__password, JSON.parse(__inputs))").AsObject();
            var feedback = result.Get("feedback").AsObject();
            var suggestions = feedback.Get("suggestions").AsArray().Select(item => item.AsString()).ToList();
            return new PasswordStrength((PasswordStrengthLevel)(int)result.Get("score").AsNumber(), feedback.Get("warning").AsString(), suggestions);
        }
        finally
        {
            engine.SetValue("__password", JsValue.Undefined);
            _engines.Add(engine);
            _slots.Release();
        }
    }

    public void Dispose()
    {
        while (_engines.TryTake(out var engine))
        {
            engine.Dispose();
        }

        _slots.Dispose();
    }

    private static Engine CreateEngine()
    {
        var engine = new Engine(options => options.TimeoutInterval(TimeSpan.FromSeconds(10)));
        // zxcvbn's wrapper attaches itself to `window` when there is no module system.
        engine.Execute("var window = this;");
        engine.Execute(Script.Value);
        return engine;
    }
}
