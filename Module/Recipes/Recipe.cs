using System.Text.Json;

namespace Commerce.Customers.Recipes;

/// <summary>A parsed recipe: Orchard's shape of a header and an ordered list of named steps.</summary>
public sealed record Recipe(string Name, string DisplayName, string Description, string? SourcePath, IReadOnlyList<RecipeStep> Steps)
{
    /// <summary>The site name the recipe's settings step gives, if any; the set-up screen starts from it.</summary>
    public string? SiteName => Steps
        .Where(step => step.Name == "settings" && step.Data.ValueKind == JsonValueKind.Object)
        .SelectMany(step => step.Data.EnumerateObject())
        .Where(property => property.NameEquals("SiteName") || string.Equals(property.Name, "SiteName", StringComparison.OrdinalIgnoreCase))
        .Select(property => property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()?.Trim() : null)
        .LastOrDefault(name => !string.IsNullOrEmpty(name));
}

/// <summary>One step as written in the file; <see cref="Data"/> is the whole step object, "name" included.</summary>
/// <param name="Number">1-based position, so messages can say "step 3".</param>
public sealed record RecipeStep(int Number, string Name, JsonElement Data);

/// <summary>A recipe that cannot be applied, with a message a site builder can act on.</summary>
public sealed class RecipeException(string message, Exception? innerException = null) : Exception(message, innerException);
