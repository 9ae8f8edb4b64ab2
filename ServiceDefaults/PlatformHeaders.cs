namespace Platform.ServiceDefaults;

public static class PlatformHeaders { public const string ClientId = "X-Platform-Client-Id"; }
