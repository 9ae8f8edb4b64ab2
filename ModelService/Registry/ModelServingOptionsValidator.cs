using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace Platform.ModelService.Registry;

/// <summary>Validates every embedding model entry, naming the exact setting that is wrong.</summary>
internal sealed class ModelServingOptionsValidator : IValidateOptions<ModelServingOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelServingOptions options)
    {
        var failures = new List<string>();
        foreach (var (id, model) in options.EmbeddingModels)
        {
            if (!ModelIds.IsValid(id))
            {
                failures.Add($"{ModelServingOptions.Section}:EmbeddingModels:{id}: a model id uses letters, digits, '.', '-' and '_' only.");
            }

            var results = new List<ValidationResult>();
            Validator.TryValidateObject(model, new ValidationContext(model), results, validateAllProperties: true);
            failures.AddRange(results.Select(result =>
                $"{ModelServingOptions.Section}:EmbeddingModels:{id}:{string.Join(",", result.MemberNames)}: {result.ErrorMessage}"));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}

internal static class ModelIds
{
    public static bool IsValid(string id) =>
        id.Length is > 0 and <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_');
}
