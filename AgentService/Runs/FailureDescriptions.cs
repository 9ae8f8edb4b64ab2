using System.ClientModel;
using System.Text.Json;

namespace Platform.AgentService.Runs;

/// <summary>
/// What a run's events and a model's tool results say about a failure. Exception messages can carry internal
/// addresses, hosts and library details, so only those written for clients (<see cref="IClientFacingError"/>) pass;
/// every other failure is described by its kind, and its whole exception goes to the log.
/// </summary>
public static class FailureDescriptions
{
    public static string OfModelCall(Exception exception) => exception switch
    {
        IClientFacingError => exception.Message,
        ClientResultException { Status: > 0 } result when ErrorMessageOf(result) is { } message =>
            $"The models service refused the call ({result.Status}): {message}",
        ClientResultException { Status: > 0 } result => $"The models service answered {result.Status}.",
        HttpRequestException { StatusCode: { } status } => $"The models service answered {(int)status}.",
        HttpRequestException or ClientResultException => "The models service could not be reached.",
        TimeoutException or TaskCanceledException => "The model call timed out.",
        _ => "The run failed with an internal error; the agent service's log has the details under this run's id.",
    };

    public static string OfTool(string tool, Exception exception) => exception switch
    {
        IClientFacingError => exception.Message,
        HttpRequestException { StatusCode: { } status } => $"The tool '{tool}' got HTTP {(int)status}.",
        HttpRequestException => $"The tool '{tool}' could not reach its target.",
        TimeoutException or TaskCanceledException => $"The tool '{tool}' timed out.",
        JsonException or ArgumentException or FormatException => $"The tool '{tool}' was called with invalid arguments.",
        _ => $"The tool '{tool}' failed with an internal error.",
    };

    /// <summary>
    /// The models service answers errors in the OpenAI shape with messages written for clients; the rest of the
    /// exception's text (the raw response, the URL) is not passed on.
    /// </summary>
    private static string? ErrorMessageOf(ClientResultException result) =>
        result.GetRawResponse()?.Content is { } content ? OpenAiError.MessageIn(content.ToMemory()) : null;
}
