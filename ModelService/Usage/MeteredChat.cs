using Microsoft.Extensions.AI;
using Platform.ModelService.Telemetry;

namespace Platform.ModelService.Usage;

/// <summary>
/// One chat call's tokens into the model metrics and the tenant's usage: as the provider reported them, or, when it
/// reported none (a provider without usage, or a stream the client abandoned before the usage chunk), estimated at
/// <see cref="CharactersPerToken"/> characters a token, so that cutting a stream short does not escape the quota.
/// Disposing records the estimate if nothing was recorded yet.
/// </summary>
public sealed class MeteredChat(ModelTelemetry telemetry, UsageMeter meter, ModelCaller caller, string model, IReadOnlyList<ChatMessage> prompt)
    : IAsyncDisposable
{
    public const int CharactersPerToken = 4;

    private long _streamedCharacters;
    private bool _recorded;

    public void Streamed(ChatResponseUpdate update) => _streamedCharacters += update.Text.Length;

    public async Task RecordAsync(UsageDetails? usage, long completionCharacters = -1)
    {
        if (_recorded)
        {
            return;
        }

        _recorded = true;
        var (input, output) = usage is { InputTokenCount: not null } or { OutputTokenCount: not null }
            ? (usage.InputTokenCount ?? 0, usage.OutputTokenCount ?? 0)
            : (Estimate(prompt.Sum(message => (long)message.Text.Length)), Estimate(completionCharacters >= 0 ? completionCharacters : _streamedCharacters));
        telemetry.RecordTokens(model, "input", input);
        telemetry.RecordTokens(model, "output", output);
        await meter.RecordAsync(caller, model, "chat", new ModelUsage(input, output, 0));
    }

    public async ValueTask DisposeAsync() => await RecordAsync(usage: null);

    private static long Estimate(long characters) => (characters + CharactersPerToken - 1) / CharactersPerToken;
}
