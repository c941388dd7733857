using System.Text;

namespace Commerce.Customers.Tests.Infrastructure;

/// <summary>A generated recipe file and what is wrong with it.</summary>
public sealed record RecipeFile(string Kind, byte[] Bytes)
{
    public override string ToString() => $"{Kind}: {HostileInput.Shown(Encoding.UTF8.GetString(Bytes))}";
}

/// <summary>
/// Recipe files that must be refused: broken JSON, wrong shapes and types, and hostile values
/// where only known names or valid data may stand (steps, features, permissions, properties,
/// customers). Every one is wrong by construction, so none may set a site up. Seeded and pure.
/// </summary>
public static class MalformedRecipes
{
    private const string Valid =
        """{ "name": "x", "steps": [ { "name": "feature", "enable": [ "Commerce.Customers" ] }, { "name": "customers", "Customers": [ { "LastName": "Lee", "Email": "lee@example.com" } ] } ] }""";

    public static IReadOnlyList<RecipeFile> Generate(int seed, int count)
    {
        var random = new Random(seed);
        var values = HostileInputs.Generate(seed, count);
        var kinds = new Func<string, (string, string)>[]
        {
            _ => ("truncated", Valid[..random.Next(1, Valid.Length - 1)]),
            v => ("hostile step name", $$"""{ "name": "x", "steps": [ { "name": {{Json("step " + v)}} } ] }"""),
            v => ("hostile feature", $$"""{ "name": "x", "steps": [ { "name": "feature", "enable": [ {{Json("feature " + v)}} ] } ] }"""),
            v => ("hostile permission", $$"""{ "name": "x", "steps": [ { "name": "roles", "Roles": [ { "Name": "R", "Permissions": [ {{Json("permission " + v)}} ] } ] } ] }"""),
            v => ("hostile property", $$"""{ "name": "x", "steps": [ { "name": "settings", {{Json("Unknown " + v)}}: 1 } ] }"""),
            v => ("invalid customer email", $$"""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "LastName": "Lee", "Email": {{Json(v.Replace("@", "", StringComparison.Ordinal) + " no at sign")}} } ] } ] }"""),
            v => ("customer without a name", $$"""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "FirstName": {{Json(v)}} } ] } ] }"""),
            v => ("hostile strength", $$"""{ "name": "x", "steps": [ { "name": "settings", "CustomerAccounts": { "MinimumPasswordStrength": {{Json("Level " + v)}} } } ] }"""),
            v => ("wrong type", $$"""{ "name": "x", "steps": [ { "name": "customers", "Customers": {{Json(v)}} } ] }"""),
            _ => ("steps not an array", """{ "name": "x", "steps": { "name": "feature" } }"""),
            _ => ("deep nesting", """{ "name": "x", "steps": [ """ + new string('[', 5000) + new string(']', 5000) + " ] }"),
            v => ("raw control character", "{ \"name\": \"x\u0001\", \"steps\": [ ] " + v + " }"),
            _ => ("empty", new[] { "", " ", "null", "[]", "\"recipe\"", "{}", "42" }[random.Next(7)]),
            v => ("registered without email", $$"""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "LastName": {{Json(v)}}, "Registered": true } ] } ] }"""),
            v => ("too long", $$"""{ "name": "x", "steps": [ { "name": "customers", "Customers": [ { "LastName": {{Json(new string('x', 101) + v)}} } ] } ] }"""),
        };

        var files = new List<RecipeFile>(count);
        for (var i = 0; i < count; i++)
        {
            var (kind, text) = kinds[i % kinds.Length](values[i].Value);
            var bytes = Encoding.UTF8.GetBytes(text);
            // Now and then the bytes are not UTF-8 at all.
            files.Add(i % 17 == 16 ? new RecipeFile("invalid UTF-8", [0xFF, 0xFE, 0xC3, 0x28, .. bytes]) : new RecipeFile(kind, bytes));
        }

        return files;
    }

    private static string Json(string value) => System.Text.Json.JsonSerializer.Serialize(value);
}
