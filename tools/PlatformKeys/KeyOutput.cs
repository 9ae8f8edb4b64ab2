using System.Globalization;
using System.Text.Json;

namespace Platform.Tools.PlatformKeys;

/// <summary>How answers are shown to a person; <c>--json</c> prints the API's answer instead.</summary>
public static class KeyOutput
{
    public static void Issued(JsonElement answer, TextWriter output)
    {
        var key = answer.GetProperty("api_key");
        output.WriteLine($"Key {key.GetProperty("id").GetString()} for tenant {key.GetProperty("tenant").GetString()} " +
            $"(scopes: {Scopes(key)}; expires: {Time(key, "expires_at")}).");
        if (answer.TryGetProperty("quotas", out var quotas) && quotas.EnumerateObject().Any())
        {
            output.WriteLine($"Tenant quotas: {QuotaList(quotas)}.");
        }

        output.WriteLine("The secret is shown this once; store it now:");
        output.WriteLine(answer.GetProperty("key").GetString());
    }

    public static void List(JsonElement answer, TextWriter output)
    {
        var rows = answer.GetProperty("data").EnumerateArray().Select(Row).ToList();
        rows.Insert(0, ["ID", "TENANT", "STATUS", "SCOPES", "EXPIRES", "HINT", "NAME"]);
        var widths = Enumerable.Range(0, rows[0].Length).Select(column => rows.Max(row => row[column].Length)).ToArray();
        foreach (var row in rows)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, column) => cell.PadRight(widths[column]))).TrimEnd());
        }

        if (answer.TryGetProperty("has_more", out var more) && more.ValueKind == JsonValueKind.True)
        {
            output.WriteLine($"More keys follow: add --after {answer.GetProperty("last_id").GetString()}");
        }
    }

    public static void One(JsonElement key, TextWriter output)
    {
        var row = Row(key);
        output.WriteLine($"Key {row[0]} for tenant {row[1]}: {row[2]} (scopes: {row[3]}; expires: {row[4]}; hint: {row[5]}).");
    }

    public static void Deleted(JsonElement answer, TextWriter output) =>
        output.WriteLine($"Key {answer.GetProperty("id").GetString()} deleted.");

    public static void Quotas(JsonElement answer, TextWriter output)
    {
        var quotas = answer.GetProperty("quotas");
        output.WriteLine(quotas.EnumerateObject().Any()
            ? $"Tenant {answer.GetProperty("tenant").GetString()}: {QuotaList(quotas)}."
            : $"Tenant {answer.GetProperty("tenant").GetString()} has no quota overrides; the services' defaults apply.");
    }

    private static string[] Row(JsonElement key) =>
    [
        key.GetProperty("id").GetString()!,
        key.GetProperty("tenant").GetString()!,
        key.GetProperty("status").GetString()!,
        Scopes(key),
        Time(key, "expires_at"),
        key.GetProperty("hint").GetString()!,
        key.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String ? name.GetString()! : "",
    ];

    private static string Scopes(JsonElement key) => string.Join(',', key.GetProperty("scopes").EnumerateArray().Select(scope => scope.GetString()));

    private static string QuotaList(JsonElement quotas) => string.Join(", ", quotas.EnumerateObject().Select(quota => $"{quota.Name}={quota.Value}"));

    private static string Time(JsonElement key, string property) =>
        key.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Number
            ? DateTimeOffset.FromUnixTimeSeconds(value.GetInt64()).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)
            : "never";
}
