using System.Text.RegularExpressions;
using System.Xml.Linq;
using Commerce.Customers.Tests.Infrastructure;

namespace Commerce.Customers.Tests.Unit;

/// <summary>
/// Every sentence the code passes to a localizer (<c>T["…"]</c> in views, <c>S["…"]</c> in C#) has a
/// German translation with the same placeholders, and the German files hold nothing the code no
/// longer says. Keys built at run time (menu items, permissions) are listed by <see cref="DynamicKeys"/>.
/// </summary>
public sealed partial class LocalizationCoverageTests
{
    private static readonly string ModuleGerman = Path.Combine(SourceTree.Root, "Module", "Localization", "ModuleText.de.resx");
    private static readonly string ShopGerman = Path.Combine(SourceTree.Root, "Host", "Localization", "ShopText.de.resx");

    /// <summary>Sentences the code localizes through a variable: each must be in the module's resource.</summary>
    public static IEnumerable<string> DynamicKeys() =>
        AdminMenu.Items.Select(item => item.Text)
            .Concat(Permissions.All.Select(permission => permission.Description))
            .Concat(TabNames())
            .Concat(ShippedRecipeTexts())
            .Concat(Notifications.EmailTemplateDefinitions.All.SelectMany(template => new[] { template.DisplayName, template.Description }));

    // The set-up page names and describes the recipes that ship with the product in the viewer's language.
    private static IEnumerable<string> ShippedRecipeTexts() =>
        Directory.GetFiles(Path.Combine(SourceTree.Root, "recipes"), "*.recipe.json")
            .Select(file => System.Text.Json.JsonDocument.Parse(File.ReadAllText(file)).RootElement)
            .SelectMany(recipe => new[] { recipe.GetProperty("displayName").GetString()!, recipe.GetProperty("description").GetString()! });

    // Every editor tab's name, read from each driver without its services (TabName is a constant).
    private static IEnumerable<string> TabNames() =>
        typeof(Drivers.CustomerDisplayDriver).Assembly.GetTypes()
            .Where(type => type.IsSubclassOf(typeof(Drivers.CustomerDisplayDriver)) && !type.IsAbstract)
            .Select(type => ((Drivers.CustomerDisplayDriver)System.Runtime.CompilerServices.RuntimeHelpers.GetUninitializedObject(type)).TabName);

    [Fact]
    public void Every_localized_sentence_has_a_German_translation_with_the_same_placeholders()
    {
        var problems = new List<string>();
        foreach (var (project, resx) in new[] { ("Module", ModuleGerman), ("Host", ShopGerman) })
        {
            var german = Load(resx);
            foreach (var (key, file) in KeysIn(project))
            {
                if (!german.TryGetValue(key, out var value) || string.IsNullOrWhiteSpace(value))
                {
                    problems.Add($"{file}: no German for \"{key}\"");
                }
                else if (!Placeholders(key).SetEquals(Placeholders(value)))
                {
                    problems.Add($"{Path.GetFileName(resx)}: \"{value}\" has other placeholders than \"{key}\"");
                }
            }
        }

        foreach (var key in DynamicKeys().Where(key => !Load(ModuleGerman).ContainsKey(key)))
        {
            problems.Add($"dynamic key: no German for \"{key}\"");
        }

        Assert.True(problems.Count == 0, $"{problems.Count} untranslated:\n" + string.Join("\n", problems.Distinct().Take(200)));
    }

    [Fact]
    public void The_German_resources_hold_no_sentence_the_code_no_longer_uses()
    {
        var used = KeysIn("Module").Concat(KeysIn("Host")).Select(pair => pair.Key).Concat(DynamicKeys()).ToHashSet(StringComparer.Ordinal);
        var stale = Load(ModuleGerman).Keys.Concat(Load(ShopGerman).Keys).Where(key => !used.Contains(key)).ToList();
        Assert.True(stale.Count == 0, "Unused German entries:\n" + string.Join("\n", stale));
    }

    [Fact]
    public void No_two_keys_differ_only_in_case()
    {
        // The resource compiler keeps only the first of such keys (warning MSB3568), so the other reads in English.
        var clashes = new[] { ModuleGerman, ShopGerman }
            .SelectMany(resx => Load(resx).Keys.GroupBy(key => key, StringComparer.OrdinalIgnoreCase).Where(group => group.Count() > 1))
            .Select(group => string.Join(" / ", group))
            .ToList();
        Assert.True(clashes.Count == 0, "Keys that differ only in case (rephrase one):\n" + string.Join("\n", clashes));
    }

    [Fact]
    public void No_localizer_is_given_a_sentence_built_at_run_time()
    {
        var built = SourceTree.Files(".cs", ".cshtml")
            .SelectMany(file => InterpolatedKey().Matches(File.ReadAllText(file)).Select(match => $"{Path.GetFileName(file)}: {match.Value}"))
            .ToList();
        Assert.True(built.Count == 0, "A localizer key must be a literal (use placeholders):\n" + string.Join("\n", built));
    }

    [Fact]
    public void The_scanner_finds_keys_with_escapes_and_arguments()
    {
        var keys = Keys("""@T["Hello"] S["Say \"hi\" to {0}", name] T[ "x" ] Model.T["not a key"] L["Later"] S[CustomerSignInController.SignInRefused]""").ToList();
        Assert.Equal(["Hello", "Say \"hi\" to {0}", "Later", Commerce.Customers.Controllers.CustomerSignInController.SignInRefused], keys);
    }

    private static IEnumerable<(string Key, string File)> KeysIn(string project) =>
        SourceTree.Files(".cs", ".cshtml")
            .Where(file => file.StartsWith(Path.Combine(SourceTree.Root, project) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            .SelectMany(file => Keys(File.ReadAllText(file)).Select(key => (key, Path.GetRelativePath(SourceTree.Root, file))));

    private static IEnumerable<string> Keys(string source) =>
        LiteralKey().Matches(source).Select(match => Regex.Unescape(match.Groups["key"].Value))
            .Concat(ConstantKey().Matches(source).Select(match => Constants.Value.GetValueOrDefault(match.Groups["name"].Value)).OfType<string>());

    // S[SomeConstant] or S[Type.SomeConstant]: the constant's text is the key (other variables are the dynamic keys').
    private static readonly Lazy<Dictionary<string, string>> Constants = new(() =>
        SourceTree.Files(".cs").SelectMany(file => ConstantDefinition().Matches(File.ReadAllText(file)))
            .GroupBy(match => match.Groups["name"].Value)
            .ToDictionary(group => group.Key, group => Regex.Unescape(group.First().Groups["value"].Value), StringComparer.Ordinal));

    private static HashSet<string> Placeholders(string text) => Placeholder().Matches(text).Select(match => match.Value).ToHashSet(StringComparer.Ordinal);

    private static Dictionary<string, string> Load(string resx) =>
        XDocument.Load(resx).Root!.Elements("data").ToDictionary(data => (string)data.Attribute("name")!, data => (string?)data.Element("value") ?? "", StringComparer.Ordinal);

    // T["…"] or S["…"] (or L["…"], localized when read) at a word boundary, not a member (Model.T): the localizers' conventional names.
    [GeneratedRegex("""(?<![\w.])[TSL]\["(?<key>(?:[^"\\]|\\.)*)"[,\]]""")]
    private static partial Regex LiteralKey();

    [GeneratedRegex("""(?<![\w.])[TSL]\[(?:[A-Z]\w*\.)*(?<name>[A-Z]\w*)[,\]]""")]
    private static partial Regex ConstantKey();

    [GeneratedRegex("""const string (?<name>\w+) = "(?<value>(?:[^"\\]|\\.)*)";""")]
    private static partial Regex ConstantDefinition();

    [GeneratedRegex("""(?<![\w.])[TSL]\[\$""")]
    private static partial Regex InterpolatedKey();

    [GeneratedRegex(@"\{\d+(:[^}]*)?\}")]
    private static partial Regex Placeholder();
}
