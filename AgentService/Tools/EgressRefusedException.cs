namespace Platform.AgentService.Tools;

/// <summary>An outbound tool request the SSRF rules refused; the message says which rule.</summary>
public sealed class EgressRefusedException(string reason) : Exception($"Refused: {reason}."), IClientFacingError;
