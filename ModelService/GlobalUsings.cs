global using Platform.ServiceDefaults;
