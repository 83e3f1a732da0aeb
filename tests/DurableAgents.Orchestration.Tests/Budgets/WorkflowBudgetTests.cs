using System.Text.Json;
using DurableAgents.Agents.Calls;
using DurableAgents.Budgets;

namespace DurableAgents.Orchestration.Tests.Budgets;

public sealed class WorkflowBudgetTests
{
    [Theory]
    [InlineData(1000, "1.00", 3)]
    [InlineData(7, "0.10", 4)]
    [InlineData(1, "0", 5)]
    [InlineData(10001, "12.34567", 7)]
    [InlineData(5, "5", 1)]
    public void Split_EqualParts_SharesSumExactlyToTotal(long tokens, string cost, int parts)
    {
        var budget = new WorkflowBudget(tokens, decimal.Parse(cost, System.Globalization.CultureInfo.InvariantCulture));

        IReadOnlyList<WorkflowBudget> shares = budget.Split(parts);

        Assert.Equal(parts, shares.Count);
        Assert.Equal(budget.TotalTokens, shares.Sum(s => s.TotalTokens));
        Assert.Equal(budget.TotalCost, shares.Sum(s => s.TotalCost));
        Assert.True(shares.Max(s => s.TotalTokens) - shares.Min(s => s.TotalTokens) <= 1);
        Assert.All(shares, s => Assert.True(s.TotalTokens >= 0 && s.TotalCost >= 0));
    }

    [Fact]
    public void SplitWeighted_Weights_SharesProportionalAndSumToTotal()
    {
        var budget = new WorkflowBudget(400, 4.00m);

        IReadOnlyList<WorkflowBudget> shares = budget.SplitWeighted([1m, 2m, 1m]);

        Assert.Equal([100L, 200L, 100L], shares.Select(s => s.TotalTokens));
        Assert.Equal([1.00m, 2.00m, 1.00m], shares.Select(s => s.TotalCost));
    }

    [Fact]
    public void SplitWeighted_ZeroWeight_GetsNothing()
    {
        IReadOnlyList<WorkflowBudget> shares = new WorkflowBudget(90, 0.9m).SplitWeighted([0m, 1m, 2m]);

        Assert.Equal(0, shares[0].TotalTokens);
        Assert.Equal(0m, shares[0].TotalCost);
        Assert.Equal(90, shares.Sum(s => s.TotalTokens));
    }

    [Fact]
    public void Split_ZeroParts_Throws()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WorkflowBudget(10, 1m).Split(0));
    }

    [Theory]
    [InlineData(new double[] { })]
    [InlineData(new double[] { -1, 2 })]
    [InlineData(new double[] { 0, 0 })]
    public void SplitWeighted_InvalidWeights_Throws(double[] weights)
    {
        Assert.Throws<ArgumentException>(() => new WorkflowBudget(10, 1m).SplitWeighted(weights.Select(w => (decimal)w).ToList()));
    }

    [Fact]
    public void Spend_MoreThanLeft_ClampsAtZero()
    {
        WorkflowBudget left = new WorkflowBudget(100, 1m).Spend(150, 0.25m);

        Assert.Equal(new WorkflowBudget(0, 0.75m), left);
    }

    [Fact]
    public void WithBudget_Share_SetsRequestLimits()
    {
        AgentRequest request = new AgentRequest("writer", "draft").WithBudget(new WorkflowBudget(500, 0.02m));

        Assert.Equal(500, request.MaxTokens);
        Assert.Equal(0.02m, request.MaxCost);
    }

    [Fact]
    public void Budget_with_only_total_tokens_has_no_cost_limit()
    {
        WorkflowBudget budget = JsonSerializer.Deserialize<WorkflowBudget>("""{"totalTokens":60000}""", JsonSerializerOptions.Web)!;

        IReadOnlyList<WorkflowBudget> shares = budget.SplitWeighted([1m, 4m]);
        AgentRequest request = new AgentRequest("planner", "plan").WithBudget(shares[0]);

        Assert.Null(budget.TotalCost);
        Assert.Equal([12000L, 48000L], shares.Select(s => s.TotalTokens));
        Assert.All(shares, s => Assert.Null(s.TotalCost));
        Assert.Equal(12000, request.MaxTokens);
        Assert.Null(request.MaxCost);
        Assert.Equal(new WorkflowBudget(59000, null), budget.Spend(1000, 0.5m));
    }

    [Fact]
    public void Budget_with_only_total_cost_has_no_token_limit()
    {
        WorkflowBudget budget = JsonSerializer.Deserialize<WorkflowBudget>("""{"totalCost":1.0}""", JsonSerializerOptions.Web)!;

        IReadOnlyList<WorkflowBudget> shares = budget.Split(4);
        AgentRequest request = new AgentRequest("writer", "draft").WithBudget(shares[0]);

        Assert.Null(budget.TotalTokens);
        Assert.Equal([0.25m, 0.25m, 0.25m, 0.25m], shares.Select(s => s.TotalCost));
        Assert.All(shares, s => Assert.Null(s.TotalTokens));
        Assert.Null(request.MaxTokens);
        Assert.Equal(0.25m, request.MaxCost);
        Assert.Equal(new WorkflowBudget(null, 0.75m), budget.Spend(1000, 0.25m));
    }

    [Fact]
    public void WithBudget_NoShare_LeavesRequestUnlimited()
    {
        var request = new AgentRequest("writer", "draft");

        Assert.Same(request, request.WithBudget(null));
    }
}
