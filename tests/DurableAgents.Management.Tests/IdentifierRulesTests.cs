using DurableAgents.Management.Http;

namespace DurableAgents.Management.Tests;

public sealed class IdentifierRulesTests
{
    [Theory]
    [InlineData("abc")]
    [InlineData("order-42_x.y:z")]
    [InlineData("ünïcødé")]
    public void InstanceId_ValidValue_ReturnsIt(string value) =>
        Assert.Equal(value, IdentifierRules.InstanceId(value));

    [Theory]
    [InlineData("", "must not be empty")]
    [InlineData("a/b", "'/'")]
    [InlineData("a\\b", "'\\'")]
    [InlineData("a#b", "'#'")]
    [InlineData("a?b", "'?'")]
    [InlineData("a\u0001b", "U+0001")]
    [InlineData("a\u007Fb", "U+007F")]
    [InlineData("a%2Fb", "'/'")]
    [InlineData("a%5cb", "'\\'")]
    public void InstanceId_InvalidValue_ThrowsProblemNamingFieldAndRule(string value, string rule)
    {
        ManagementProblemException problem = Assert.Throws<ManagementProblemException>(() => IdentifierRules.InstanceId(value));
        Assert.Equal(400, problem.Status);
        Assert.Equal("instanceId", problem.Field);
        Assert.Contains(rule, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_TooLong_ThrowsProblemWithLimit()
    {
        ManagementProblemException problem = Assert.Throws<ManagementProblemException>(() => IdentifierRules.Name(new string('n', 101), "eventName", IdentifierKind.EventName));
        Assert.Equal("eventName", problem.Field);
        Assert.Contains("101 characters", problem.Message, StringComparison.Ordinal);
        Assert.Contains("at most 100", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Name_ExactlyMaxLength_IsAccepted() =>
        Assert.Equal(100, IdentifierRules.Name(new string('n', 100), "name", IdentifierKind.OrchestratorName).Length);
}
