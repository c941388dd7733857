namespace Commerce.Customers.Recipes;

/// <summary>
/// Runs a recipe's steps in order. Every step is prepared (read and validated) before the
/// first one runs, so an unknown or malformed step changes nothing. The caller owns the
/// transaction that makes the run all-or-nothing.
/// </summary>
public sealed class RecipeExecutor(IEnumerable<IRecipeStepHandler> handlers)
{
    public IReadOnlyCollection<string> KnownSteps => handlers.Select(handler => handler.StepName).Order(StringComparer.Ordinal).ToList();

    public async Task ExecuteAsync(Recipe recipe, CancellationToken cancellationToken)
    {
        var prepared = new List<IPreparedRecipeStep>();
        foreach (var step in recipe.Steps)
        {
            var handler = handlers.FirstOrDefault(candidate => string.Equals(candidate.StepName, step.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new RecipeException($"Step {step.Number} has an unknown name '{step.Name}'. Known steps: {string.Join(", ", KnownSteps)}.");
            prepared.Add(handler.Prepare(step));
        }

        foreach (var step in prepared)
        {
            await step.ExecuteAsync(cancellationToken);
        }
    }
}
