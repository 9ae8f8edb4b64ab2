global using Platform.ServiceDefaults;
global using StackExchange.Redis;
global using Microsoft.Extensions.DependencyInjection.Extensions;
