using Commerce.Customers.Models;
using Commerce.Customers.Services;
using Commerce.Customers.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace Commerce.Customers.Tests.Unit;

[LongRunning(18)]
public sealed class PasswordGeneratorTests
{
    [Fact]
    public async Task Ten_thousand_generated_passwords_all_pass_the_identity_password_policy()
    {
        var identity = new IdentityOptions();
        identity.Password.RequiredLength = 12;
        identity.Password.RequiredUniqueChars = 8;
        var generator = new PasswordGenerator(Options.Create(new PasswordGeneratorOptions()), Options.Create(identity));
        var validator = new PasswordValidator<ShopUser>();
        var userManager = new UserManager<ShopUser>(new NoStore(), Options.Create(identity), null!, [], [validator], null!, new IdentityErrorDescriber(), null!, null!);

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < 10_000; i++)
        {
            var password = generator.Generate();
            var result = await validator.ValidateAsync(userManager, new ShopUser(), password);
            Assert.True(result.Succeeded, $"'{i}' failed: {string.Join(" ", result.Errors.Select(error => error.Code))}");
            Assert.Equal(16, password.Length);
            seen.Add(password);
        }

        Assert.Equal(10_000, seen.Count);
    }

    [Fact]
    public async Task Ten_thousand_generated_passwords_all_reach_excellent_strength()
    {
        using var estimator = new Commerce.Customers.Security.PasswordStrengthEstimator();
        var generator = new PasswordGenerator(Options.Create(new PasswordGeneratorOptions()), Options.Create(new IdentityOptions()));
        string[] inputs = ["Frank", "Martin Jr.", "frank@martin.com", "The Transporter"];
        var passwords = Enumerable.Range(0, 10_000).Select(_ => generator.Generate()).ToList();

        // All ten thousand are rated by zxcvbn 4.4.2, the module's own script: in Node where it is
        // installed, a hundred times faster than the server's Jint engines, which agree with it
        // (PasswordStrengthEstimatorTests); otherwise by the server's estimator, two callers at once.
        var levels = Infrastructure.NodeZxcvbn.NodePath is not null
            ? (await Infrastructure.NodeZxcvbn.ScoresAsync(passwords, inputs)).Select(score => (Commerce.Customers.Security.PasswordStrengthLevel)score).ToList()
            : (await Task.WhenAll(passwords.Chunk(5_000).Select(share => Task.Run(() => share.Select(password => estimator.Estimate(password, inputs).Level).ToList())))).SelectMany(share => share).ToList();
        // And a share by the server's own estimator, as the strength validator would rate them.
        levels.AddRange(passwords.Take(200).Select(password => estimator.Estimate(password, inputs).Level));

        Assert.Equal(10_200, levels.Count);
        Assert.All(levels, level => Assert.Equal(Commerce.Customers.Security.PasswordStrengthLevel.Excellent, level));
        // This is what lets Create login skip zxcvbn for the default generator, and only for it.
        Assert.True(generator.IsStrongByConstruction);
        Assert.False(new PasswordGenerator(Options.Create(new PasswordGeneratorOptions { Length = 12 }), Options.Create(new IdentityOptions())).IsStrongByConstruction);
    }

    [Fact]
    public void A_further_rule_is_honoured_by_drawing_again()
    {
        var generator = new PasswordGenerator(Options.Create(new PasswordGeneratorOptions()), Options.Create(new IdentityOptions()));
        var draws = 0;

        var password = generator.Generate(candidate => ++draws == 3);

        Assert.Equal(3, draws);
        Assert.Equal(16, password.Length);
        Assert.Throws<InvalidOperationException>(() => generator.Generate(_ => false));
    }

    [Fact]
    public void Ambiguous_characters_are_left_out_by_default()
    {
        var generator = new PasswordGenerator(Options.Create(new PasswordGeneratorOptions()), Options.Create(new IdentityOptions()));
        var all = string.Concat(Enumerable.Range(0, 2_000).Select(_ => generator.Generate()));

        Assert.DoesNotContain(all, c => "Il1O0o".Contains(c, StringComparison.Ordinal));
    }

    [Fact]
    public void The_policy_length_wins_over_a_shorter_configured_length()
    {
        var identity = new IdentityOptions();
        identity.Password.RequiredLength = 24;
        var generator = new PasswordGenerator(Options.Create(new PasswordGeneratorOptions { Length = 8 }), Options.Create(identity));

        Assert.Equal(24, generator.Generate().Length);
    }

    private sealed class NoStore : IUserStore<ShopUser>
    {
        public void Dispose() { }
        public Task<IdentityResult> CreateAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> DeleteAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ShopUser?> FindByIdAsync(string userId, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<ShopUser?> FindByNameAsync(string normalizedUserName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> GetNormalizedUserNameAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string> GetUserIdAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<string?> GetUserNameAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetNormalizedUserNameAsync(ShopUser user, string? normalizedName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task SetUserNameAsync(ShopUser user, string? userName, CancellationToken cancellationToken) => throw new NotSupportedException();
        public Task<IdentityResult> UpdateAsync(ShopUser user, CancellationToken cancellationToken) => throw new NotSupportedException();
    }
}
