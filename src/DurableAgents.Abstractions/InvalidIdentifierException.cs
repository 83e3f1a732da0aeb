namespace DurableAgents;

/// <summary>
/// An instance id or a name breaks the rules of <see cref="Identifiers"/>; nothing was written. An
/// <see cref="ArgumentException"/>, so the gRPC service answers INVALID_ARGUMENT and the HTTP API 400, both with
/// <see cref="Message"/> as it is.
/// </summary>
public sealed class InvalidIdentifierException : ArgumentException
{
    private readonly string _problem;

    /// <summary>Creates the exception.</summary>
    /// <param name="kind">What the refused value names.</param>
    /// <param name="problem">What is wrong with it (see <see cref="Identifiers.Describe"/>).</param>
    /// <param name="paramName">The parameter or field that carried it.</param>
    public InvalidIdentifierException(IdentifierKind kind, string problem, string? paramName)
        : base(problem, paramName)
    {
        Kind = kind;
        _problem = problem;
    }

    /// <summary>What the refused value names.</summary>
    public IdentifierKind Kind { get; }

    /// <summary>What is wrong, without the parameter name <see cref="ArgumentException"/> would append: every door shows the same text.</summary>
    public override string Message => _problem;
}
