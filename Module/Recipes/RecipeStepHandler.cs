using System.Text.Json;
using System.Text.Json.Serialization;

namespace Commerce.Customers.Recipes;

/// <summary>The step object's "name", which every step model carries.</summary>
public abstract class RecipeStepModel
{
    public string Name { get; set; } = "";
}

/// <summary>
/// Base for step handlers with a typed step model: unknown properties are refused, so a typo
/// in a recipe is reported rather than silently ignored.
/// </summary>
public abstract class RecipeStepHandler<TStep> : IRecipeStepHandler where TStep : RecipeStepModel
{
    private static readonly JsonSerializerOptions StrictOptions = new()
    {
        PropertyNameCaseInsensitive = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
        ReadCommentHandling = JsonCommentHandling.Skip,
        Converters = { new JsonStringEnumConverter(allowIntegerValues: false) },
    };

    public abstract string StepName { get; }

    public IPreparedRecipeStep Prepare(RecipeStep step)
    {
        TStep? model;
        try
        {
            model = step.Data.Deserialize<TStep>(StrictOptions);
        }
        catch (JsonException exception)
        {
            var where = string.IsNullOrEmpty(exception.Path) ? "" : $" at {exception.Path}";
            throw new RecipeException($"Step {step.Number} ('{StepName}') is malformed{where}: {exception.Message.Split(" Path:")[0]}", exception);
        }

        if (model is null)
        {
            throw new RecipeException($"Step {step.Number} ('{StepName}') is empty.");
        }

        var errors = Validate(model).ToList();
        if (errors.Count > 0)
        {
            throw new RecipeException($"Step {step.Number} ('{StepName}') is invalid: {string.Join(" ", errors)}");
        }

        return new PreparedStep(cancellationToken => ExecuteAsync(model, cancellationToken));
    }

    /// <summary>Every problem with the step, as full sentences; empty when it can be applied.</summary>
    protected virtual IEnumerable<string> Validate(TStep step) => [];

    protected abstract Task ExecuteAsync(TStep step, CancellationToken cancellationToken);

    private sealed class PreparedStep(Func<CancellationToken, Task> execute) : IPreparedRecipeStep
    {
        public Task ExecuteAsync(CancellationToken cancellationToken) => execute(cancellationToken);
    }
}
