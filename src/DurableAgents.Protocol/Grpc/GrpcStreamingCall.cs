using System.Runtime.CompilerServices;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>An established server-streaming call; read with <see cref="MoveNextAsync"/> or <see cref="ReadAllAsync"/>, dispose to end it.</summary>
/// <typeparam name="TResponse">The response message type.</typeparam>
public sealed class GrpcStreamingCall<TResponse> : IDisposable, IAsyncDisposable
    where TResponse : IMessage<TResponse>
{
    private readonly GrpcClientCall _call;
    private readonly MessageParser<TResponse> _parser;
    private TResponse? _current;

    internal GrpcStreamingCall(GrpcClientCall call, MessageParser<TResponse> parser)
    {
        _call = call;
        _parser = parser;
    }

    /// <summary>The message read by the last successful <see cref="MoveNextAsync"/>.</summary>
    public TResponse Current => _current ?? throw new InvalidOperationException("Call MoveNextAsync and check that it returned true before reading Current.");

    /// <summary>Reads the next message; false when the server ended the stream with status OK, <see cref="RpcException"/> otherwise.</summary>
    public async ValueTask<bool> MoveNextAsync(CancellationToken cancellationToken = default)
    {
        // The call's own token already covers the token the call was started with; link only a different one.
        using var linked = cancellationToken.CanBeCanceled && cancellationToken != _call.UserToken
            ? CancellationTokenSource.CreateLinkedTokenSource(_call.Token, cancellationToken)
            : null;
        var token = linked?.Token ?? _call.Token;
        try
        {
            var next = await _call.ReadNextAsync(_parser, token).ConfigureAwait(false);
            _current = next.HasMessage ? next.Message : default;
            return next.HasMessage;
        }
        catch (Exception ex) when (ex is not RpcException)
        {
            throw _call.Translate(ex, cancellationToken);
        }
    }

    /// <summary>Yields every remaining message of the stream.</summary>
    public async IAsyncEnumerable<TResponse> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        while (await MoveNextAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return Current;
        }
    }

    /// <summary>Ends the call; if the stream is still open it is reset, which cancels the server's handler.</summary>
    public void Dispose() => _call.Dispose();

    /// <summary>Ends the call; if the stream is still open it is reset, which cancels the server's handler.</summary>
    public ValueTask DisposeAsync()
    {
        _call.Dispose();
        return ValueTask.CompletedTask;
    }
}
