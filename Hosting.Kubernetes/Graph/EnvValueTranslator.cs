using System.Globalization;
using System.Text;

namespace Platform.Hosting.Kubernetes.Graph;

/// <summary>
/// Turns a value from the app model (literal, endpoint, parameter, connection string, reference expression)
/// into what the cluster sees: in-cluster DNS names and ports, and Secret keys instead of secret values.
/// </summary>
internal sealed class EnvValueTranslator(IReadOnlyDictionary<IResource, IReadOnlyList<WorkloadPort>> ports)
{
    /// <summary>Null when the value has no meaning in the cluster (an https endpoint: TLS ends at the ingress).</summary>
    public async Task<IReadOnlyList<EnvPart>?> TranslateAsync(object value, CancellationToken cancellationToken)
    {
        switch (value)
        {
            case string text:
                return [new Literal(text)];
            case EndpointReference endpoint:
                return Port(endpoint) is { } port ? [new Literal($"{port.Scheme}://{endpoint.Resource.Name}:{port.Number}")] : null;
            case EndpointReferenceExpression expression:
                return Property(expression) is { } text2 ? [new Literal(text2)] : null;
            case ParameterResource { Secret: true } parameter:
                return [new SecretValue(parameter.Name, "value")];
            case ParameterResource parameter:
                return [new Literal(await parameter.GetValueAsync(cancellationToken) ?? "")];
            case ConnectionStringReference reference:
                return await TranslateAsync(reference.Resource.ConnectionStringExpression, cancellationToken);
            case IResourceWithConnectionString resource:
                return await TranslateAsync(resource.ConnectionStringExpression, cancellationToken);
            case ReferenceExpression { IsConditional: true } conditional:
                var condition = await TranslateAsync(conditional.Condition!, cancellationToken);
                var chosen = condition is [Literal literal] && string.Equals(literal.Text, conditional.MatchValue, StringComparison.OrdinalIgnoreCase)
                    ? conditional.WhenTrue! : conditional.WhenFalse!;
                return await TranslateAsync(chosen, cancellationToken);
            case ReferenceExpression expression:
                return await TranslateFormatAsync(expression, cancellationToken);
            default:
                throw new NotSupportedException(
                    $"The Kubernetes publisher cannot express a value of type {value.GetType().Name} " +
                    $"({(value as IManifestExpressionProvider)?.ValueExpression}) in a manifest.");
        }
    }

    private WorkloadPort? Port(EndpointReference endpoint) =>
        ports.TryGetValue(endpoint.Resource, out var workloadPorts)
            ? workloadPorts.FirstOrDefault(port => port.Name == endpoint.EndpointName)
            : throw new NotSupportedException($"'{endpoint.Resource.Name}' is referenced but is not published to Kubernetes.");

    private string? Property(EndpointReferenceExpression expression)
    {
        if (Port(expression.Endpoint) is not { } port)
        {
            return null;
        }

        var host = expression.Endpoint.Resource.Name;
        return expression.Property switch
        {
            EndpointProperty.Url => $"{port.Scheme}://{host}:{port.Number}",
            EndpointProperty.Host or EndpointProperty.IPV4Host => host,
            EndpointProperty.Port or EndpointProperty.TargetPort => port.Number.ToString(CultureInfo.InvariantCulture),
            EndpointProperty.HostAndPort => $"{host}:{port.Number}",
            EndpointProperty.Scheme => port.Scheme,
            EndpointProperty.TlsEnabled => bool.FalseString,
            _ => throw new NotSupportedException($"Endpoint property {expression.Property} has no Kubernetes form."),
        };
    }

    private async Task<IReadOnlyList<EnvPart>?> TranslateFormatAsync(ReferenceExpression expression, CancellationToken cancellationToken)
    {
        var parts = new List<EnvPart>();
        var text = new StringBuilder();
        var format = expression.Format;
        for (var i = 0; i < format.Length; i++)
        {
            var c = format[i];
            if ((c == '{' || c == '}') && i + 1 < format.Length && format[i + 1] == c)
            {
                text.Append(c);
                i++;
                continue;
            }

            if (c != '{')
            {
                text.Append(c);
                continue;
            }

            var end = format.IndexOf('}', i);
            var index = int.Parse(format.AsSpan(i + 1, end - i - 1), CultureInfo.InvariantCulture);
            i = end;
            if (await TranslateAsync(expression.ValueProviders[index], cancellationToken) is not { } translated)
            {
                return null;
            }

            var encode = expression.StringFormats.Count > index && expression.StringFormats[index] == "uri";
            foreach (var part in translated)
            {
                if (part is Literal literal)
                {
                    text.Append(encode ? Uri.EscapeDataString(literal.Text) : literal.Text);
                }
                else
                {
                    Flush();
                    parts.Add(part);
                }
            }
        }

        Flush();
        return parts;

        void Flush()
        {
            if (text.Length > 0)
            {
                parts.Add(new Literal(text.ToString()));
                text.Clear();
            }
        }
    }
}
