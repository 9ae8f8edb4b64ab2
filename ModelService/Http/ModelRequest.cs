using System.Diagnostics;
using Microsoft.AspNetCore.Http.HttpResults;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Http;

/// <summary>
/// One request to a model endpoint, measured into <c>gen_ai.server.request.duration</c> when it completes: the
/// operation, the model (only ids this replica serves become labels; anything a client sends stays <c>unknown</c>)
/// and, when it failed, why (<c>error.type</c>).
/// </summary>
public sealed class ModelRequest(ModelTelemetry telemetry, string operation)
{
    private readonly long _started = Stopwatch.GetTimestamp();

    public string Model { get; set; } = "unknown";

    public string? ErrorType { get; private set; }

    public void Failed(string errorType) => ErrorType = errorType;

    /// <summary>Records the client's mistake and answers it.</summary>
    public JsonHttpResult<OpenAiError> Rejected(InvalidRequestException exception)
    {
        ErrorType = exception.Code ?? "invalid_request";
        return ApiErrors.From(exception);
    }

    public void Complete() => telemetry.RecordRequest(operation, Model, Stopwatch.GetElapsedTime(_started), ErrorType);
}
