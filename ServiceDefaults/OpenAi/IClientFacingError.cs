namespace Platform.ServiceDefaults;

/// <summary>
/// Marks an exception whose message was written for the client: it names what was refused and why, and nothing of
/// the service's insides. Any other exception's message stays in the logs and traces; clients get a description.
/// </summary>
public interface IClientFacingError;
