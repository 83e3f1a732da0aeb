using System.Collections;
using Microsoft.Extensions.Logging;

namespace DurableAgents.Logging;

/// <summary>
/// The logging scope of work done for one orchestration instance: one <c>InstanceId</c> property. A list of key/value
/// pairs is the scope state every provider understands: Serilog adds each pair as a property of the events written
/// inside the scope, Microsoft.Extensions.Logging's JSON console writes them as fields, the simple console prints
/// <see cref="ToString"/>.
/// </summary>
public sealed class InstanceLogScope : IReadOnlyList<KeyValuePair<string, object?>>
{
    /// <summary>The property name the instance id is logged under, in scopes and in message templates alike.</summary>
    public const string PropertyName = "InstanceId";

    private readonly KeyValuePair<string, object?> _instanceId;

    /// <summary>Creates the scope state for <paramref name="instanceId"/>.</summary>
    public InstanceLogScope(string instanceId)
    {
        ArgumentNullException.ThrowIfNull(instanceId);
        InstanceId = instanceId;
        _instanceId = new KeyValuePair<string, object?>(PropertyName, instanceId);
    }

    /// <summary>The orchestration instance the work is done for.</summary>
    public string InstanceId { get; }

    /// <inheritdoc/>
    public int Count => 1;

    /// <inheritdoc/>
    public KeyValuePair<string, object?> this[int index] =>
        index == 0 ? _instanceId : throw new ArgumentOutOfRangeException(nameof(index), index, "The scope has one property.");

    /// <summary>
    /// Begins the scope on <paramref name="logger"/>: every logger of the same factory sees it on this asynchronous flow
    /// until the returned handle is disposed.
    /// </summary>
    public static IDisposable? Begin(ILogger logger, string instanceId)
    {
        ArgumentNullException.ThrowIfNull(logger);
        return logger.BeginScope(new InstanceLogScope(instanceId));
    }

    /// <inheritdoc/>
    public IEnumerator<KeyValuePair<string, object?>> GetEnumerator()
    {
        yield return _instanceId;
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    /// <inheritdoc/>
    public override string ToString() => PropertyName + ":" + InstanceId;
}
