namespace DurableAgents;

/// <summary>Marks an exception whose failure no retry policy should retry (e.g. a budget or validation error).</summary>
#pragma warning disable CA1040 // A marker interface is the point: exceptions cannot share a base class with it.
public interface INonRetriableFailure
{
}
#pragma warning restore CA1040
