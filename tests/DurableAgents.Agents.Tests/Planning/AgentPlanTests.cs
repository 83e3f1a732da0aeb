namespace DurableAgents.Agents.Tests.Planning;

public sealed class AgentPlanTests
{
    [Fact]
    public void Parse_JsonInsideProseAndFences_ReadsPlan()
    {
        const string answer = "Here is the plan:\n```json\n{\"goal\":\"g\",\"steps\":[{\"id\":\"a\",\"capability\":\"research\",\"task\":\"t\"},"
            + "{\"id\":\"b\",\"capability\":\"writing\",\"task\":\"u\",\"dependsOn\":[\"a\"]}]}\n```";

        AgentPlan plan = AgentPlan.Parse(answer);

        Assert.Equal("g", plan.Goal);
        Assert.Equal(2, plan.Steps.Count);
        Assert.Empty(plan.Steps[0].DependsOn);
        Assert.Equal(["a"], plan.Steps[1].DependsOn);
    }

    [Fact]
    public void ToJson_ThenParse_RoundTrips()
    {
        var plan = new AgentPlan("goal", [new AgentPlanStep("s1", "research", "find"), new AgentPlanStep("s2", "writing", "write") { DependsOn = ["s1"] }]);

        AgentPlan parsed = AgentPlan.Parse(plan.ToJson());

        Assert.Equal(plan.Goal, parsed.Goal);
        Assert.Equal(plan.Steps.Select(s => (s.Id, s.Capability, s.Task)), parsed.Steps.Select(s => (s.Id, s.Capability, s.Task)));
        Assert.Equal(["s1"], parsed.Steps[1].DependsOn);
    }

    [Theory]
    [InlineData("no json here")]
    [InlineData("{\"goal\":\"g\",\"steps\":[]}")]
    [InlineData("{\"goal\":\"g\",\"steps\":[{\"id\":\"a\",\"capability\":\"x\",\"task\":\"t\",\"dependsOn\":[\"later\"]}]}")]
    [InlineData("{\"goal\":\"g\",\"steps\":[{\"id\":\"a\",\"capability\":\"x\",\"task\":\"t\"},{\"id\":\"a\",\"capability\":\"x\",\"task\":\"t\"}]}")]
    [InlineData("{\"goal\":\"g\",\"steps\":[{\"id\":\"a\",\"task\":\"t\"}]}")]
    [InlineData("{\"goal\": oops}")]
    public void Parse_InvalidPlan_ThrowsAgentPlanFormatException(string answer)
    {
        Assert.Throws<AgentPlanFormatException>(() => AgentPlan.Parse(answer));
    }
}
