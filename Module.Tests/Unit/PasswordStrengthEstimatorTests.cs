using Commerce.Customers.Security;

namespace Commerce.Customers.Tests.Unit;

/// <summary>
/// The server's verdict against zxcvbn 4.4.2 as node runs it. The expected scores were produced by
/// running the npm package's dist/zxcvbn.js under node with the same user inputs.
/// </summary>
public sealed class PasswordStrengthEstimatorTests : IClassFixture<PasswordStrengthEstimatorTests.EstimatorFixture>
{
    private static readonly string[] FrankInputs = ["Frank", "Martin Jr.", "frank@martin.com", "The Transporter"];
    private readonly PasswordStrengthEstimator _estimator;

    public PasswordStrengthEstimatorTests(EstimatorFixture fixture) => _estimator = fixture.Estimator;

    [Theory]
    [InlineData("password", 0)]
    [InlineData("Password1", 0)]
    [InlineData("horse staple", 3)]
    [InlineData("correct horse battery staple", 4)]
    [InlineData("TheTransporter2002", 3)]
    [InlineData("Frank2002!", 2)]
    [InlineData("frank@martin.com", 0)]
    [InlineData("Tr0ub4dor&3", 4)]
    [InlineData("qwerty123", 0)]
    [InlineData("abc", 0)]
    [InlineData("Xk7#pL2$qW9!", 4)]
    [InlineData("monkey", 0)]
    [InlineData("letmein2024", 1)]
    [InlineData("J8s!kf02-Lq", 4)]
    [InlineData("frankmartin", 1)]
    [InlineData("Apollo123", 1)]
    [InlineData("zxcvbnm,./", 1)]
    [InlineData("iloveyou", 0)]
    [InlineData("P@ssw0rd!", 1)]
    [InlineData("9f4Kq2#Lw8Zr", 4)]
    public void Scores_match_zxcvbn_4_4_2_with_the_customers_details_as_user_inputs(string password, int expected)
    {
        Assert.Equal((PasswordStrengthLevel)expected, _estimator.Estimate(password, FrankInputs).Level);
    }

    [Fact]
    public async Task The_server_agrees_with_node_on_three_hundred_passwords_of_every_strength()
    {
        Assert.True(Infrastructure.NodeZxcvbn.NodePath is not null, "This test compares with zxcvbn under Node, which is not installed (apt-get install nodejs).");
        // Every level: generated passwords of 6 to 16 characters, words, names and dates with digits, keyboard walks.
        var random = new Random(14);
        string[] words = ["password", "frank", "martin", "transporter", "monkey", "dragon", "sunshine", "nakatomi", "qwerty", "letmein", "summer", "apollo"];
        var passwords = Enumerable.Range(0, 300).Select(i => (i % 3) switch
        {
            0 => Generated(random, 6 + (i % 11)),
            1 => words[random.Next(words.Length)] + (random.Next(2) == 0 ? random.Next(1950, 2030).ToString(System.Globalization.CultureInfo.InvariantCulture) : "!"),
            _ => string.Concat(Enumerable.Range(0, 1 + (i % 4)).Select(_ => words[random.Next(words.Length)])) + "qwertyuiop"[..(i % 10)],
        }).ToList();

        var node = await Infrastructure.NodeZxcvbn.ScoresAsync(passwords, FrankInputs);

        var disagreements = passwords.Select((password, i) => (password, server: (int)_estimator.Estimate(password, FrankInputs).Level, node: node[i]))
            .Where(verdict => verdict.server != verdict.node).ToList();
        Assert.True(disagreements.Count == 0, string.Join("\n", disagreements.Select(d => $"{d.password}: server {d.server}, node {d.node}")));
        Assert.Equal(5, node.Distinct().Count());
    }

    private static string Generated(Random random, int length)
    {
        const string Alphabet = "abcdefghijkmnpqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789!#$%&*+-=?@^_~";
        return new string(Enumerable.Range(0, length).Select(_ => Alphabet[random.Next(Alphabet.Length)]).ToArray());
    }

    [Fact]
    public void The_customers_own_name_counts_against_the_password()
    {
        // node: zxcvbn("Nakatomi1988").score == 2, and 1 with Holly Gennero of Nakatomi as user inputs.
        Assert.Equal(PasswordStrengthLevel.Average, _estimator.Estimate("Nakatomi1988", []).Level);
        Assert.Equal(PasswordStrengthLevel.Acceptable, _estimator.Estimate("Nakatomi1988", ["Holly", "Gennero", "holly@nakatomi.com", "Nakatomi"]).Level);
    }

    [Fact]
    public void Weak_passwords_come_with_a_warning_and_suggestions()
    {
        var verdict = _estimator.Estimate("password", []);

        Assert.Equal("This is a top-10 common password", verdict.Warning);
        Assert.NotEmpty(verdict.Suggestions);
    }

    [Fact]
    public async Task Parallel_callers_get_the_same_verdicts()
    {
        var verdicts = await Task.WhenAll(Enumerable.Range(0, 40).Select(i =>
            Task.Run(() => _estimator.Estimate(i % 2 == 0 ? "correct horse battery staple" : "monkey", FrankInputs).Level)));

        Assert.Equal(Enumerable.Range(0, 40).Select(i => i % 2 == 0 ? PasswordStrengthLevel.Excellent : PasswordStrengthLevel.Weak), verdicts);
    }

    public sealed class EstimatorFixture : IDisposable
    {
        public PasswordStrengthEstimator Estimator { get; } = new();

        public void Dispose() => Estimator.Dispose();
    }
}
