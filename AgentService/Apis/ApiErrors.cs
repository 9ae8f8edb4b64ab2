namespace Platform.AgentService.Apis;

/// <summary>The error answers the agent API gives, in the OpenAI shape.</summary>
public static class ApiErrors
{
    public static IResult NotFound(string what, string id) =>
        OpenAiError.Result(StatusCodes.Status404NotFound, $"No {what} found with id '{id}'.");

    public static IResult Invalid(string param, string message) =>
        OpenAiError.Result(StatusCodes.Status400BadRequest, message, param);

    public static IResult TooLarge(string param, string message) =>
        OpenAiError.Result(StatusCodes.Status413PayloadTooLarge, message, param);

    public static IResult Conflict(string message, string code) =>
        OpenAiError.Result(StatusCodes.Status409Conflict, message, code: code);
}
