using Platform.Tools.PlatformKeys;

// Issues and manages the gateway's API keys through its admin API; see docs/gateway.md, "Keys and tenants".
return await KeysCommand.RunAsync(args, Environment.GetEnvironmentVariable, Console.Out, Console.Error);
