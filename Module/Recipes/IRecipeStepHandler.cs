namespace Commerce.Customers.Recipes;

/// <summary>
/// Applies one kind of recipe step. Applying is split in two so that a whole recipe is
/// checked before any of it runs: <see cref="Prepare"/> reads and validates the step,
/// and the prepared step changes the site.
/// </summary>
public interface IRecipeStepHandler
{
    string StepName { get; }

    /// <exception cref="RecipeException">The step is malformed or invalid.</exception>
    IPreparedRecipeStep Prepare(RecipeStep step);
}

public interface IPreparedRecipeStep
{
    Task ExecuteAsync(CancellationToken cancellationToken);
}
