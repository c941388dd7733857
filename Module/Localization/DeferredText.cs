using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Localization;

namespace Commerce.Customers.Localization;

/// <summary>
/// A sentence stored now and localized when it is read, in the reader's language: the login
/// history is written by one person and read by others. <c>L[sentence, args]</c> keeps the English
/// sentence and its arguments (a stored sentence may be an argument of another);
/// <see cref="Read"/> looks it up in the resources. Text that was stored as plain words (a name,
/// a reason already in its writer's language) reads as it is.
/// </summary>
public sealed class DeferredText
{
    private static readonly JsonSerializerOptions Json = new() { DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The deferred localizer: <c>using static</c> this class and write <c>L[sentence]</c> as with <c>S[sentence]</c>.</summary>
    public static DeferredText L { get; } = new();

    private DeferredText()
    {
    }

    public string this[string sentence, params object?[] arguments] =>
        JsonSerializer.Serialize(new Stored(sentence, arguments.Length == 0 ? null : arguments.Select(argument => Convert.ToString(argument, System.Globalization.CultureInfo.InvariantCulture) ?? "").ToArray()), Json);

    public static string Read(string? stored, IStringLocalizer localizer)
    {
        if (string.IsNullOrEmpty(stored) || !stored.StartsWith("{\"s\":", StringComparison.Ordinal))
        {
            return stored ?? "";
        }

        Stored? sentence;
        try
        {
            sentence = JsonSerializer.Deserialize<Stored>(stored, Json);
        }
        catch (JsonException)
        {
            return stored;
        }

        return sentence?.S is null ? stored
            : sentence.A is null ? localizer[sentence.S]
            : localizer[sentence.S, sentence.A.Select(argument => (object)Read(argument, localizer)).ToArray()];
    }

    // Short names: the history's Details column holds at most 500 characters.
    private sealed record Stored([property: JsonPropertyName("s")] string S, [property: JsonPropertyName("a")] string[]? A);
}
