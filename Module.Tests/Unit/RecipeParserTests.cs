using Commerce.Customers.Recipes;

namespace Commerce.Customers.Tests.Unit;

public sealed class RecipeParserTests
{
    [Fact]
    public void Parses_header_and_steps_in_order()
    {
        var recipe = RecipeParser.Parse("""
            {
              "name": "demo", "displayName": "Demo shop", "description": "Four customers.",
              "steps": [ { "name": "feature", "enable": ["Commerce.Customers"] }, { "name": "customers", "Customers": [] } ]
            }
            """);

        Assert.Equal("demo", recipe.Name);
        Assert.Equal("Demo shop", recipe.DisplayName);
        Assert.Equal(["feature", "customers"], recipe.Steps.Select(step => step.Name));
        Assert.Equal([1, 2], recipe.Steps.Select(step => step.Number));
    }

    [Fact]
    public void Malformed_json_is_reported_with_its_line()
    {
        var exception = Assert.Throws<RecipeException>(() => RecipeParser.Parse("{\n  \"name\": \"x\",\n  \"steps\": [ { \"name\": } ]\n}", "broken.recipe.json"));

        Assert.Contains("broken.recipe.json", exception.Message, StringComparison.Ordinal);
        Assert.Contains("line 3", exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("[]", "must be a JSON object")]
    [InlineData("{ \"steps\": [] }", "has no \"name\"")]
    [InlineData("{ \"name\": \"x\" }", "has no \"steps\" array")]
    [InlineData("{ \"name\": \"x\", \"steps\": {} }", "has no \"steps\" array")]
    [InlineData("{ \"name\": \"x\", \"steps\": [ 42 ] }", "step 1 must be a JSON object")]
    [InlineData("{ \"name\": \"x\", \"steps\": [ { \"enable\": [] } ] }", "step 1 has no \"name\"")]
    [InlineData("{ \"name\": \"x\", \"stepz\": [] }", "unknown property \"stepz\"")]
    public void Structural_problems_are_named(string json, string expected)
    {
        var exception = Assert.Throws<RecipeException>(() => RecipeParser.Parse(json));

        Assert.Contains(expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_shipped_recipes_parse()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "recipes");
        var names = Directory.GetFiles(folder, "*.recipe.json").Select(file => RecipeParser.Parse(File.ReadAllText(file), file).Name).Order().ToList();

        Assert.Equal(["blank", "demo"], names);
    }
}
