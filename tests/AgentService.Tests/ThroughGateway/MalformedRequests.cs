using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Platform.AgentService.Tests.ThroughGateway;

/// <summary>One malformed request; <see cref="Field"/> is the field it gets wrong, when it is one field.</summary>
public sealed record MalformedRequest(string Method, string Path, byte[]? Body, string? ContentType, string? Field, string What)
{
    public HttpRequestMessage ToRequest()
    {
        var request = new HttpRequestMessage(new HttpMethod(Method), Path);
        if (Body is not null)
        {
            request.Content = new ByteArrayContent(Body);
            if (ContentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(ContentType);
            }
        }

        return request;
    }

    public override string ToString() => $"{Method} {Path[..Math.Min(Path.Length, 120)]} ({What})";
}

/// <summary>The malformed requests made of one operation: its fields, its whole body, its query and its ids.</summary>
public static class MalformedRequests
{
    private const string Json = "application/json";
    private const string Placeholder = "\"__sweep_value__\"";

    /// <summary>Values of every JSON kind, plus the numbers and nesting parsers choke on.</summary>
    private static readonly (string Raw, string Kind)[] Values =
    [
        ("\"sweep\"", "string"), ("12345", "number"), ("true", "boolean"), ("{}", "object"), ("[]", "array"), ("null", "null"),
        ("1e400", "huge"), ("99999999999999999999999", "huge"), ("-1", "negative"), ("1.5", "fraction"),
        (new string('[', 200) + new string(']', 200), "deep"), ("{\"a\":{\"b\":{\"c\":[1,{\"d\":null}]}}}", "nested"),
    ];

    /// <summary>Ids no stored object has, some of which no Redis key or URL should ever be built from unchecked.</summary>
    private static readonly string[] OddIds =
    [
        "%00", "..%2F..%2Fadmin", "a%7Bb%7Dc", "%FF%FE", new string('x', 3000), "agent_%E2%80%AE%F0%9F%98%80", "%20", "*", "a%3Ab%3Ac",
    ];

    public static IEnumerable<MalformedRequest> For(PublicOperation operation, SweepTargets ids)
    {
        var path = ids.Fill(operation.Path);
        var baseline = operation.BodySchema is null ? null : ids.BaselineBody(operation.Key);
        if (operation.BodySchema is not null && baseline is null)
        {
            throw new InvalidOperationException($"The sweep has no valid body for {operation.Key}; add one to SweepTargets.BaselineBody.");
        }

        if (baseline is not null)
        {
            foreach (var attempt in FieldMutations(operation, path, baseline))
            {
                yield return attempt;
            }

            foreach (var attempt in BodyMutations(operation, path, baseline))
            {
                yield return attempt;
            }
        }

        foreach (var name in operation.QueryParameters)
        {
            foreach (var value in new[] { "abc", "-1", "99999999999999999999", "%00", "", "1e400" })
            {
                yield return new(operation.Method, $"{path}?{name}={value}", null, null, name, $"query {name}={value}");
            }
        }

        if (operation.Path.Contains('{'))
        {
            var body = baseline is null ? null : Encoding.UTF8.GetBytes(baseline.ToJsonString());
            foreach (var id in OddIds)
            {
                yield return new(operation.Method, ids.FillLast(operation.Path, id), body, body is null ? null : Json, null, $"id '{id[..Math.Min(id.Length, 20)]}'");
            }
        }
    }

    private static IEnumerable<MalformedRequest> FieldMutations(PublicOperation operation, string path, JsonObject baseline)
    {
        var fields = (operation.BodySchema!["properties"]?.AsObject().Select(p => p.Key) ?? []).Union(baseline.Select(p => p.Key)).ToList();
        foreach (var field in fields)
        {
            var validKind = baseline[field] is { } value ? KindOf(value) : null;
            foreach (var (raw, kind) in Values)
            {
                if (kind == validKind)
                {
                    continue;
                }

                var body = (JsonObject)baseline.DeepClone();
                body[field] = "__sweep_value__";
                var text = body.ToJsonString().Replace(Placeholder, raw, StringComparison.Ordinal);
                yield return new(operation.Method, path, Encoding.UTF8.GetBytes(text), Json, field, $"{field} = {kind}");
            }
        }
    }

    private static IEnumerable<MalformedRequest> BodyMutations(PublicOperation operation, string path, JsonObject baseline)
    {
        var valid = Encoding.UTF8.GetBytes(baseline.ToJsonString());
        byte[] Text(string text) => Encoding.UTF8.GetBytes(text);

        yield return new(operation.Method, path, Text("{\"name\":"), Json, null, "truncated JSON");
        yield return new(operation.Method, path, [.. "{\"name\":\""u8, 0xFF, 0xFE, 0xC3, .. "\"}"u8], Json, null, "invalid UTF-8");
        yield return new(operation.Method, path, Text("[]"), Json, null, "array root");
        yield return new(operation.Method, path, Text("\"text\""), Json, null, "string root");
        yield return new(operation.Method, path, Text("null"), Json, null, "null root");
        yield return new(operation.Method, path, [], Json, null, "empty body");
        yield return new(operation.Method, path, Text(new string('[', 20_000) + new string(']', 20_000)), Json, null, "deep nesting");
        yield return new(operation.Method, path, valid, "text/plain", null, "text/plain");
        yield return new(operation.Method, path, Text("name=sweep"), "application/x-www-form-urlencoded", null, "form body");
        yield return new(operation.Method, path, valid, null, null, "no content type");
    }

    private static string KindOf(JsonNode value) => value.GetValueKind() switch
    {
        System.Text.Json.JsonValueKind.String => "string",
        System.Text.Json.JsonValueKind.Number => "number",
        System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False => "boolean",
        System.Text.Json.JsonValueKind.Object => "object",
        System.Text.Json.JsonValueKind.Array => "array",
        _ => "null",
    };
}
