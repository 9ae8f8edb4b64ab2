namespace Platform.ModelService.Http;

/// <summary>A request the client must fix: answered 400 (or <paramref name="status"/>) naming the offending parameter.</summary>
public sealed class InvalidRequestException(string message, string? param, int status = StatusCodes.Status400BadRequest, string? code = null)
    : Exception(message)
{
    public string? Param { get; } = param;

    public int Status { get; } = status;

    public string? Code { get; } = code;
}
