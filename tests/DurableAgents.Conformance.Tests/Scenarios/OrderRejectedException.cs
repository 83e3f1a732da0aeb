namespace DurableAgents.Conformance.Tests.Scenarios;

/// <summary>A user exception with public properties, which <see cref="ScenarioExceptionProperties"/> reports as failure-detail properties.</summary>
public sealed class OrderRejectedException : Exception
{
    /// <summary>Creates the exception with its properties.</summary>
    public OrderRejectedException(string reason, int code)
        : base($"order rejected: {reason}")
    {
        Reason = reason;
        Code = code;
    }

    /// <summary>A string property.</summary>
    public string Reason { get; }

    /// <summary>A number property (the protocol carries numbers as doubles).</summary>
    public int Code { get; }
}
