using Microsoft.Extensions.Options;

namespace Commerce.Customers.Recipes;

public sealed class RecipeOptions
{
    /// <summary>The folder of <c>*.recipe.json</c> files offered at set-up. Defaults to "recipes" beside the site's binaries.</summary>
    public string Folder { get; set; } = Path.Combine(AppContext.BaseDirectory, "recipes");
}

/// <summary>Finds the recipes a site builder can choose, by name from the recipes folder or by file path.</summary>
public sealed class RecipeCatalog(IOptions<RecipeOptions> options)
{
    public IReadOnlyList<Recipe> List()
    {
        var folder = options.Value.Folder;
        if (!Directory.Exists(folder))
        {
            return [];
        }

        var recipes = new List<Recipe>();
        foreach (var file in Directory.EnumerateFiles(folder, "*.recipe.json").Order(StringComparer.Ordinal))
        {
            try
            {
                recipes.Add(RecipeParser.Parse(File.ReadAllText(file), file));
            }
            catch (RecipeException)
            {
                // A broken file is not offered; choosing it by path reports why.
            }
        }

        return recipes;
    }

    /// <summary>Loads a recipe by its name in the recipes folder, or by the path of a recipe file.</summary>
    public Recipe Load(string nameOrPath)
    {
        if (string.IsNullOrWhiteSpace(nameOrPath))
        {
            throw new RecipeException("Choose a recipe.");
        }

        var byName = List().FirstOrDefault(recipe => string.Equals(recipe.Name, nameOrPath, StringComparison.OrdinalIgnoreCase));
        if (byName is not null)
        {
            return byName;
        }

        var looksLikePath = nameOrPath.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            || nameOrPath.Contains('/', StringComparison.Ordinal)
            || nameOrPath.Contains('\\', StringComparison.Ordinal);
        if (!looksLikePath)
        {
            throw new RecipeException($"There is no recipe named '{nameOrPath}'. Choose one of: {string.Join(", ", List().Select(recipe => recipe.Name))}.");
        }

        var path = Path.GetFullPath(nameOrPath);
        if (!File.Exists(path))
        {
            throw new RecipeException($"The recipe file '{nameOrPath}' does not exist.");
        }

        return RecipeParser.Parse(File.ReadAllText(path), path);
    }
}
