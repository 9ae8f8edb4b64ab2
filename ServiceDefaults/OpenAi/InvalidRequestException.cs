using Microsoft.AspNetCore.Http;

namespace Platform.ServiceDefaults;

/// <summary>
/// A request the client must fix: answered 400 (or <paramref name="status"/>) naming the offending parameter. The one
/// way request validation reports a problem: parsers and validators throw it, and the endpoint (or the group's
/// <see cref="InvalidRequests.HandleInvalidRequests{TBuilder}"/> filter) answers with <see cref="ApiErrors.From"/>.
/// </summary>
public sealed class InvalidRequestException(string message, string? param, int status = StatusCodes.Status400BadRequest, string? code = null)
    : Exception(message)
{
    public string? Param { get; } = param;

    public int Status { get; } = status;

    public string? Code { get; } = code;
}
