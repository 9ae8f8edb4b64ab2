global using Platform.ServiceDefaults;
global using Microsoft.Extensions.DependencyInjection.Extensions;
global using Platform.ServiceDefaults.Tenancy;
