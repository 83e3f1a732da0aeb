using DurableAgents.Agents.Calls;

namespace DurableAgents.Agents.Tests.Invocation;

/// <summary>
/// Orchestrator code recognises budget refusals by their failure type's name (DurableAgents.Orchestration cannot
/// reference this assembly), so that name must stay the full name of the exception here.
/// </summary>
public sealed class AgentCallContractTests
{
    [Fact]
    public void Budget_refusal_error_type_is_the_full_name_of_BudgetExceededException()
    {
        Assert.Equal(AgentCallExtensions.BudgetExceededErrorType, typeof(BudgetExceededException).FullName);
    }
}
