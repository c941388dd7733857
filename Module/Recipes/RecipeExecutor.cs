namespace Commerce.Customers.Recipes;

/// <summary>
/// Runs a recipe's steps in order. Every step is prepared (read and validated) before the
/// first one runs, so an unknown or malformed step changes nothing. The caller owns the
/// transaction that makes the run all-or-nothing.
/// </summary>
public sealed class RecipeExecutor(IEnumerable<IRecipeStepHandler> handlers)
{
    public IReadOnlyCollection<string> KnownSteps => handlers.Select(handler => handler.StepName).Order(StringComparer.Ordinal).ToList();

    /// <summary>Reads and validates every step; throws <see cref="RecipeException"/> naming the first bad one.</summary>
    public IReadOnlyList<IPreparedRecipeStep> Prepare(Recipe recipe)
    {
        var prepared = new List<IPreparedRecipeStep>();
        foreach (var step in recipe.Steps)
        {
            var handler = handlers.FirstOrDefault(candidate => string.Equals(candidate.StepName, step.Name, StringComparison.OrdinalIgnoreCase))
                ?? throw new RecipeException($"Step {step.Number} has an unknown name '{step.Name}'. Known steps: {string.Join(", ", KnownSteps)}.");
            prepared.Add(handler.Prepare(step));
        }

        return prepared;
    }

    public async Task ExecuteAsync(IReadOnlyList<IPreparedRecipeStep> steps, CancellationToken cancellationToken)
    {
        foreach (var step in steps)
        {
            await step.ExecuteAsync(cancellationToken);
        }
    }
}
