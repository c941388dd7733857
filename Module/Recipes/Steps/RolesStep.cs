using System.Security.Claims;
using Commerce.Customers.Services;
using Microsoft.AspNetCore.Identity;

namespace Commerce.Customers.Recipes.Steps;

public sealed class RolesStepModel : RecipeStepModel
{
    public List<RoleModel> Roles { get; set; } = [];

    public sealed class RoleModel
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public List<string> Permissions { get; set; } = [];
    }
}

/// <summary>
/// <c>{ "name": "roles", "Roles": [ { "Name": "Staff", "Permissions": ["ViewCustomers"] } ] }</c>.
/// A role's permissions become exactly the listed ones.
/// </summary>
internal sealed class RolesStep(RoleManager<IdentityRole> roleManager) : RecipeStepHandler<RolesStepModel>
{
    public override string StepName => "roles";

    protected override IEnumerable<string> Validate(RolesStepModel step)
    {
        foreach (var role in step.Roles)
        {
            if (string.IsNullOrWhiteSpace(role.Name) || role.Name.Length > 256)
            {
                yield return "Every role needs a Name of at most 256 characters.";
            }

            foreach (var permission in role.Permissions.Where(name => Permissions.Find(name) is null))
            {
                yield return $"Role '{role.Name}' names an unknown permission '{permission}'. Known permissions: {string.Join(", ", Permissions.All.Select(p => p.Name))}.";
            }
        }
    }

    protected override async Task ExecuteAsync(RolesStepModel step, CancellationToken cancellationToken)
    {
        foreach (var model in step.Roles)
        {
            var role = await roleManager.FindByNameAsync(model.Name);
            if (role is null)
            {
                role = new IdentityRole(model.Name.Trim());
                IdentityResults.ThrowIfFailed(await roleManager.CreateAsync(role), $"create role '{model.Name}'");
            }

            await SetPermissionsAsync(role, model.Permissions);
        }
    }

    private async Task SetPermissionsAsync(IdentityRole role, IEnumerable<string> permissions)
    {
        var wanted = permissions.ToHashSet(StringComparer.Ordinal);
        var existing = (await roleManager.GetClaimsAsync(role)).Where(claim => claim.Type == Permissions.ClaimType).ToList();

        foreach (var claim in existing.Where(claim => !wanted.Contains(claim.Value)))
        {
            IdentityResults.ThrowIfFailed(await roleManager.RemoveClaimAsync(role, claim), $"remove a permission of role '{role.Name}'");
        }

        foreach (var name in wanted.Where(name => !existing.Any(claim => claim.Value == name)))
        {
            IdentityResults.ThrowIfFailed(await roleManager.AddClaimAsync(role, new Claim(Permissions.ClaimType, name)), $"grant '{name}' to role '{role.Name}'");
        }
    }
}
