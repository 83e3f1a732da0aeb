using System.IO.Pipelines;
using Google.Protobuf;

namespace DurableAgents.Protocol.Grpc;

/// <summary>Writes and flushes each streamed message to Kestrel's response pipe; refuses writes once the call has ended.</summary>
// SemaphoreSlim only holds unmanaged resources once AvailableWaitHandle is used, which this type never does;
// leaving it undisposed lets a late writer get the clear "call has completed" error instead of ObjectDisposedException.
#pragma warning disable CA1001
internal sealed class HttpResponseStreamWriter<T> : IGrpcStreamWriter<T>
    where T : IMessage<T>
{
    private readonly PipeWriter _writer;
    private readonly GrpcCallContext _callContext;
    private readonly GrpcServerOptions _options;
    private readonly string _method;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _completed;

    public HttpResponseStreamWriter(PipeWriter writer, GrpcCallContext callContext, GrpcServerOptions options, string method)
    {
        _writer = writer;
        _callContext = callContext;
        _options = options;
        _method = method;
    }

    public async Task WriteAsync(T message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var callToken = _callContext.CancellationToken;
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_completed)
            {
                throw new InvalidOperationException(
                    $"The call {_method} has already completed; write all responses before the handler's task completes.");
            }

            callToken.ThrowIfCancellationRequested();
            GrpcServerFraming.WriteMessage(_writer, message, _options);
            var flush = await _writer.FlushAsync(callToken).ConfigureAwait(false);
            if (flush.IsCanceled || flush.IsCompleted)
            {
                // The client stopped reading; surface it as cancellation like an aborted request.
                throw new OperationCanceledException("The client is no longer reading the response stream.", callToken);
            }
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>Waits for an in-flight write and then refuses any further ones, so trailers follow the last message.</summary>
    public async Task CompleteAsync()
    {
        await _writeLock.WaitAsync().ConfigureAwait(false);
        _completed = true;
        _writeLock.Release();
    }
}
#pragma warning restore CA1001
