namespace DurableAgents.Abstractions.Tests;

public sealed class IdentifiersTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("order-42_x.y:z")]
    [InlineData("ünïcødé with spaces")]
    public void Describe_ValidValue_ReturnsNull(string value) =>
        Assert.Null(Identifiers.Describe(value, IdentifierKind.InstanceId));

    [Fact]
    public void Describe_ExactlyMaxLength_ReturnsNull() =>
        Assert.Null(Identifiers.Describe(new string('i', Identifiers.MaxLength), IdentifierKind.InstanceId));

    [Theory]
    [InlineData(null, IdentifierKind.InstanceId, "The instance id must not be empty.")]
    [InlineData("", IdentifierKind.EventName, "The event name must not be empty.")]
    [InlineData("a/b", IdentifierKind.OrchestratorName, "The orchestrator name contains '/'; the characters '/', '\\', '#' and '?' are not allowed.")]
    [InlineData("a\tb", IdentifierKind.ApprovalName, "The approval name contains the control character U+0009; control characters are not allowed.")]
    public void Describe_BrokenRule_SaysWhichRule(string? value, IdentifierKind kind, string expected) =>
        Assert.Equal(expected, Identifiers.Describe(value, kind));

    [Fact]
    public void Describe_TooLong_NamesLengthAndLimit() =>
        Assert.Equal("The instance id is 101 characters long; at most 100 are allowed.", Identifiers.Describe(new string('i', 101), IdentifierKind.InstanceId));

    [Fact]
    public void Validate_BrokenRule_ThrowsArgumentExceptionWhoseMessageIsTheRuleAlone()
    {
        InvalidIdentifierException error = Assert.Throws<InvalidIdentifierException>(() => Identifiers.Validate("a?b", IdentifierKind.InstanceId, "instanceId"));

        Assert.IsAssignableFrom<ArgumentException>(error);
        Assert.Equal("The instance id contains '?'; the characters '/', '\\', '#' and '?' are not allowed.", error.Message);
        Assert.Equal("instanceId", error.ParamName);
        Assert.Equal(IdentifierKind.InstanceId, error.Kind);
    }
}
