using Commerce.Customers.Data;
using Microsoft.EntityFrameworkCore;

namespace Commerce.Customers.Recipes.Steps;

public sealed class FeatureStepModel : RecipeStepModel
{
    public List<string> Enable { get; set; } = [];
    public List<string> Disable { get; set; } = [];
}

/// <summary><c>{ "name": "feature", "enable": ["Commerce.Customers"], "disable": [] }</c></summary>
internal sealed class FeatureStep(CustomersDbContext db) : RecipeStepHandler<FeatureStepModel>
{
    public override string StepName => "feature";

    protected override IEnumerable<string> Validate(FeatureStepModel step)
    {
        foreach (var id in step.Enable.Concat(step.Disable))
        {
            if (Manifest.FindFeature(id) is null)
            {
                yield return $"There is no feature '{id}'. Known features: {string.Join(", ", Manifest.Features.Select(feature => feature.Id))}.";
            }
        }

        foreach (var id in step.Enable.Intersect(step.Disable, StringComparer.Ordinal))
        {
            yield return $"Feature '{id}' cannot be both enabled and disabled.";
        }
    }

    protected override async Task ExecuteAsync(FeatureStepModel step, CancellationToken cancellationToken)
    {
        var settings = await db.SiteSettings.SingleAsync(cancellationToken);
        var enabled = settings.EnabledFeatures.ToHashSet(StringComparer.Ordinal);

        foreach (var id in step.Enable)
        {
            enabled.Add(id);
            enabled.UnionWith(Manifest.FindFeature(id)!.Dependencies);
        }

        enabled.ExceptWith(step.Disable);
        settings.EnabledFeatures = enabled.Order(StringComparer.Ordinal).ToList();
        await db.SaveChangesAsync(cancellationToken);
    }
}
