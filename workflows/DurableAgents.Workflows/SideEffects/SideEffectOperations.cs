namespace DurableAgents.Workflows.SideEffects;

/// <summary>The operation names the shipped side-effect activities record (also their activity names).</summary>
public static class SideEffectOperations
{
    /// <summary>A ticket was opened.</summary>
    public const string CreateTicket = "CreateTicket";

    /// <summary>A ticket was cancelled (compensation of <see cref="CreateTicket"/>).</summary>
    public const string CancelTicket = "CancelTicket";

    /// <summary>A ticket was resolved with an answer.</summary>
    public const string ResolveTicket = "ResolveTicket";

    /// <summary>A report was published to a channel.</summary>
    public const string PublishReport = "PublishReport";

    /// <summary>A report was withdrawn (compensation of <see cref="PublishReport"/>).</summary>
    public const string UnpublishReport = "UnpublishReport";
}
