using System.Collections;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Platform.ServiceDefaults;

/// <summary>
/// The logging scope provider of every service: it keeps the scopes code begins, as the default one does, and
/// reports the current request's id (<c>RequestId:{RequestId}</c>) as the outermost scope of every log written
/// while a request is being served. The id is read when a log is written rather than pushed as a scope on each
/// request, so serving a request costs no scope object and no change of execution context.
/// </summary>
internal sealed class RequestIdLogScope(IHttpContextAccessor accessor) : IExternalScopeProvider
{
    private readonly AsyncLocal<Scope?> _current = new();

    public void ForEachScope<TState>(Action<object?, TState> callback, TState state)
    {
        if (accessor.HttpContext?.TraceIdentifier is { Length: > 0 } requestId)
        {
            callback(new RequestIdState(requestId), state);
        }

        Report(_current.Value);

        void Report(Scope? scope)
        {
            if (scope is null)
            {
                return;
            }

            Report(scope.Parent);
            callback(scope.State, state);
        }
    }

    public IDisposable Push(object? state)
    {
        var scope = new Scope(this, state, _current.Value);
        _current.Value = scope;
        return scope;
    }

    private sealed class Scope(RequestIdLogScope provider, object? state, Scope? parent) : IDisposable
    {
        private bool _disposed;

        public object? State { get; } = state;

        public Scope? Parent { get; } = parent;

        public void Dispose()
        {
            if (!_disposed)
            {
                provider._current.Value = Parent;
                _disposed = true;
            }
        }
    }

    /// <summary>The same name, value and text as a scope begun with the message template <c>RequestId:{RequestId}</c>.</summary>
    internal sealed class RequestIdState(string requestId) : IReadOnlyList<KeyValuePair<string, object?>>
    {
        public const string Template = "RequestId:{RequestId}";

        public int Count => 2;

        public KeyValuePair<string, object?> this[int index] => index switch
        {
            0 => new("RequestId", requestId),
            1 => new("{OriginalFormat}", Template),
            _ => throw new ArgumentOutOfRangeException(nameof(index)),
        };

        public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
        {
            yield return this[0];
            yield return this[1];
        }

        IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

        public override string ToString() => "RequestId:" + requestId;
    }
}
