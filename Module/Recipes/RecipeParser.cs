using System.Text.Json;

namespace Commerce.Customers.Recipes;

/// <summary>Reads a recipe file strictly: a malformed file is refused before anything is applied.</summary>
public static class RecipeParser
{
    private static readonly JsonDocumentOptions DocumentOptions = new() { CommentHandling = JsonCommentHandling.Skip };

    // Orchard's recipe headers carry these; we accept them so Orchard recipes read the same.
    private static readonly HashSet<string> HeaderProperties = new(StringComparer.OrdinalIgnoreCase)
    {
        "name", "displayName", "description", "author", "website", "version", "issetuprecipe", "categories", "tags", "steps",
    };

    public static Recipe Parse(string json, string? sourcePath = null)
    {
        var source = sourcePath is null ? "The recipe" : $"The recipe '{Path.GetFileName(sourcePath)}'";
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, DocumentOptions);
        }
        catch (JsonException exception)
        {
            throw new RecipeException(
                $"{source} is not valid JSON (line {exception.LineNumber + 1}, position {exception.BytePositionInLine + 1}): {FirstSentence(exception.Message)}",
                exception);
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new RecipeException($"{source} must be a JSON object with \"name\" and \"steps\".");
            }

            foreach (var property in root.EnumerateObject())
            {
                if (!HeaderProperties.Contains(property.Name))
                {
                    throw new RecipeException($"{source} has an unknown property \"{property.Name}\". Steps go inside \"steps\".");
                }
            }

            var name = ReadString(root, "name") ?? throw new RecipeException($"{source} has no \"name\".");
            if (!TryGetProperty(root, "steps", out var stepsElement) || stepsElement.ValueKind != JsonValueKind.Array)
            {
                throw new RecipeException($"{source} has no \"steps\" array.");
            }

            var steps = new List<RecipeStep>();
            foreach (var stepElement in stepsElement.EnumerateArray())
            {
                var number = steps.Count + 1;
                if (stepElement.ValueKind != JsonValueKind.Object)
                {
                    throw new RecipeException($"{source}: step {number} must be a JSON object with a \"name\".");
                }

                var stepName = ReadString(stepElement, "name")
                    ?? throw new RecipeException($"{source}: step {number} has no \"name\".");
                steps.Add(new RecipeStep(number, stepName, stepElement.Clone()));
            }

            return new Recipe(
                name,
                ReadString(root, "displayName") ?? name,
                ReadString(root, "description") ?? "",
                sourcePath,
                steps);
        }
    }

    private static string? ReadString(JsonElement element, string propertyName) =>
        TryGetProperty(element, propertyName, out var value) && value.ValueKind == JsonValueKind.String && !string.IsNullOrWhiteSpace(value.GetString())
            ? value.GetString()
            : null;

    private static bool TryGetProperty(JsonElement element, string propertyName, out JsonElement value)
    {
        foreach (var property in element.EnumerateObject())
        {
            if (string.Equals(property.Name, propertyName, StringComparison.OrdinalIgnoreCase))
            {
                value = property.Value;
                return true;
            }
        }

        value = default;
        return false;
    }

    private static string FirstSentence(string message)
    {
        var end = message.IndexOf(" Path:", StringComparison.Ordinal);
        return end > 0 ? message[..end] : message;
    }
}
