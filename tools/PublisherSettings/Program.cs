using Platform.Tools.PublisherSettings;

// terraform output -json (one file per environment) -> the Kubernetes publisher's settings file; see docs/infrastructure.md.
return SettingsCommand.Run(args, Console.Out, Console.Error);
